"""Benchmark: ngkt.load (validated, typed, cached) against a bare pandas.read_csv.

Prints, for each dataset, the first (cold: read + validate + type) and repeated (cached) load
times against `pandas.read_csv` of the same file, and the ratios. The cost of validation is paid
once per file version; notebooks that call `load` repeatedly pay the cached price.
"""

from __future__ import annotations

import time

import pandas as pd

import ngkt_analysis as ngkt
from ngkt_analysis.datasets import _load_cached
from ngkt_analysis.paths import data_dir


def best(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    ngkt.load("partners")  # import pandera and warm the alias table once
    print(
        f"{'dataset':22} {'rows':>5} {'read_csv ms':>12} {'cold ms':>9} {'cached ms':>10} {'cached/read_csv':>16}"
    )
    ratios = []
    for name in ngkt.datasets()["name"]:
        path = data_dir() / f"{name}.csv"
        raw = best(lambda p=path: pd.read_csv(p))
        _load_cached.cache_clear()
        t = time.perf_counter()
        df = ngkt.load(name)
        cold = time.perf_counter() - t
        cached = best(lambda n=name: ngkt.load(n))
        ratios.append(cached / raw)
        print(
            f"{name:22} {len(df):5d} {raw * 1e3:12.2f} {cold * 1e3:9.1f} {cached * 1e3:10.2f} {cached / raw:16.2f}"
        )
    print(f"cached_load_vs_read_csv {max(ratios):.2f}")


if __name__ == "__main__":
    main()
