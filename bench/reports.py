"""Benchmark: 20 partner profiles rendered by a papermill + nbconvert loop, then by `ngkt batch`.

Prints seconds per report both ways, the single-report wall time of `ngkt report` (median of
five runs into new folders; in this
process, its default, and on a kernel it starts), the size of
one report's HTML (self-contained and shared-asset), the peak memory of each phase (all
processes of the run: the command, its kernels) and, last, `speedup R` where
R = papermill-loop seconds per report / `ngkt batch` seconds per report.

Run with `make bench` (not a timed test). Output goes to a temporary folder.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
NOTEBOOK = ROOT / "notebooks" / "partner_profile.ipynb"
N = 20
COLD_RUNS = 5


def partners(n: int) -> list[str]:
    from ngkt_analysis.reports.plans import partners_at_least

    chosen = partners_at_least("comprehensive")
    return (chosen * (n // max(len(chosen), 1) + 1))[:n]


class PeakMemory:
    """Sample the RSS of this process's children (and theirs) and keep the peak total."""

    def __init__(self, interval: float = 0.05):
        self.interval, self.peak, self._stop = interval, 0, threading.Event()

    def __enter__(self) -> PeakMemory:
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for p in me.children(recursive=True):
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            self.peak = max(self.peak, total)
            time.sleep(self.interval)

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run(cmd: list[str]) -> None:
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def papermill_loop(codes: list[str], out: Path) -> float:
    start = time.perf_counter()
    for code in codes:
        nb = out / f"partner_profile-{code}.ipynb"
        run(
            [str(BIN / "papermill"), str(NOTEBOOK), str(nb), "-k", "python3", "-p", "partner", code]
        )
        run([str(BIN / "jupyter"), "nbconvert", "--to", "html", str(nb)])
    return time.perf_counter() - start


def ngkt_batch(codes: list[str], out: Path) -> float:
    plan = out / "plan.yaml"
    plan.write_text(
        "- notebook: partner_profile\n  matrix:\n    partner: [" + ", ".join(codes) + "]\n",
        encoding="utf-8",
    )
    start = time.perf_counter()
    run([str(BIN / "ngkt"), "batch", str(plan), "-o", str(out)])
    return time.perf_counter() - start


def main() -> None:
    codes = partners(N)
    mb = 1024 * 1024
    with tempfile.TemporaryDirectory(prefix="ngkt-bench-") as tmp:
        tmp = Path(tmp)
        for sub in ("papermill", "batch", "single", "shared"):
            (tmp / sub).mkdir()
        print(f"{N} partner profiles: {', '.join(codes)}", flush=True)
        with PeakMemory() as mem_pm:
            pm = papermill_loop(codes, tmp / "papermill")
        print(
            f"papermill + nbconvert loop: {pm:.1f} s, {pm / N:.2f} s/report, "
            f"peak memory {mem_pm.peak / mb:.0f} MB",
            flush=True,
        )
        with PeakMemory() as mem_batch:
            batch = ngkt_batch(codes, tmp / "batch")
        print(
            f"ngkt batch: {batch:.1f} s, {batch / N:.2f} s/report, "
            f"peak memory {mem_batch.peak / mb:.0f} MB",
            flush=True,
        )
        usa_profile = [str(BIN / "ngkt"), "report", "partner_profile", "-p", "partner=USA"]
        singles: dict[str, list[float]] = {"inprocess": [], "local": []}
        for i in range(COLD_RUNS):  # each into a new folder; the median evens out a noisy host
            for engine in singles:  # the default (no kernel), then starting one kernel
                start = time.perf_counter()
                run([*usa_profile, "--engine", engine, "-o", str(tmp / "single" / f"{engine}{i}")])
                singles[engine].append(time.perf_counter() - start)
        cold = {engine: statistics.median(times) for engine, times in singles.items()}
        print(
            f"ngkt report (one report, cold, median of {COLD_RUNS}): {cold['inprocess']:.2f} s "
            f"(fastest {min(singles['inprocess']):.2f} s; --engine local, starting a kernel: "
            f"{cold['local']:.2f} s)"
        )
        run([*usa_profile, "-o", str(tmp / "single")])
        run([*usa_profile, "--shared-assets", "-o", str(tmp / "shared")])
        html = next((tmp / "single").glob("partner_profile-USA-*.html")).stat().st_size
        shared = next((tmp / "shared").glob("partner_profile-USA-*.html")).stat().st_size
        print(f"HTML size: {html / mb:.2f} MB self-contained, {shared / 1024:.0f} KB shared-asset")
        print(f"peak memory of the whole run: {max(mem_pm.peak, mem_batch.peak) / mb:.0f} MB")
        print(f"speedup {(pm / N) / (batch / N):.1f}")


if __name__ == "__main__":
    main()
