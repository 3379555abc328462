"""Benchmark: the Dask engine against the local one; the extractor's throughput and memory.

Prints, in one run:

- seconds per report for the same plan of partner profiles rendered by `ngkt batch --engine
  local` and by `ngkt batch --engine dask` on a LocalCluster of this machine (one worker per
  core, started by the command itself), and whether the pages are byte-identical;
- the extractor (`ngkt extract`, local engine) on an archive of real article texts (the dev,
  test and final sets, and their paragraphs recombined) at 1/4 and at full size: articles per
  second and peak memory (all processes of the run), and how both grow; then the full archive
  on the Dask engine;
- `extract throughput: X MB/s per core`: the full-size local run's article text in UTF-8 bytes
  (MB = 2**20 bytes, as for memory) / wall seconds of the whole command (start-up, reading and
  writing included) / cores used (the local engine uses one);
- last, `dask_overhead R` with R = Dask-engine seconds per report / local seconds per report.

Usage: python bench/scale.py [--reports 200] [--articles 20000] [--extract-only]. With
``--extract-only`` the report batches (and `dask_overhead`) are skipped. Not a timed test;
output goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from reports import PeakMemory

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
ARTICLE_SETS = [
    ROOT / "tests" / "fixtures" / "extract" / n / "articles.jsonl" for n in ("dev", "test", "final")
]
MB = 1024 * 1024


def run(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - start


def plan(n: int, path: Path) -> None:
    """n partner profiles: partners at comprehensive level or above x language x year window."""
    from ngkt_analysis.reports.plans import partners_at_least

    codes = partners_at_least("comprehensive")
    combos = [
        (code, lang, f"{first}:2025")
        for first in range(2010, 2024)
        for lang in ("en", "vi")
        for code in codes
    ][:n]
    if len(combos) < n:
        raise SystemExit(f"only {len(combos)} distinct partner profiles available")
    entries = [
        {
            "notebook": "partner_profile",
            "parameters": {"partner": c, "lang": lang, "years": y, "run_date": "2026-01-01"},
        }
        for c, lang, y in combos
    ]
    path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")  # JSON is YAML


def batch(plan_file: Path, out: Path, engine: str) -> tuple[float, int]:
    with PeakMemory() as mem:
        seconds = run(
            [str(BIN / "ngkt"), "batch", str(plan_file), "-o", str(out), "--engine", engine]
        )
    return seconds, mem.peak


def archive(n: int, path: Path) -> tuple[int, int]:
    """Write n articles: the real ones, then recombinations of 3-6 of their paragraphs.

    Returns the number of characters and of UTF-8 bytes of the article texts.
    """
    real = [
        json.loads(line)
        for f in ARTICLE_SETS
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    paragraphs = [p for a in real for p in a["text"].split("\n") if p.strip()]
    rng = random.Random(0)
    chars = nbytes = 0
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(n):
            if i < len(real):
                text = real[i]["text"]
            else:
                text = "\n\n".join(rng.sample(paragraphs, rng.randint(3, 6)))
            chars += len(text)
            nbytes += len(text.encode("utf-8"))
            row = {
                "id": f"art{i:06d}",
                "text": text,
                "published": f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-15",
            }
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return chars, nbytes


def extract(source: Path, out: Path, engine: str) -> tuple[float, int]:
    with PeakMemory() as mem:
        seconds = run(
            [
                str(BIN / "ngkt"),
                "extract",
                str(source),
                "--format",
                "jsonl",
                "-o",
                str(out),
                "--engine",
                engine,
            ]
        )
    return seconds, mem.peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reports", type=int, default=200)
    ap.add_argument("--articles", type=int, default=20_000)
    ap.add_argument("--extract-only", action="store_true", help="skip the report batches")
    args = ap.parse_args()
    n, m = args.reports, args.articles
    with tempfile.TemporaryDirectory(prefix="ngkt-scale-") as tmp:
        tmp = Path(tmp)
        per_report = {} if args.extract_only else reports(n, tmp)
        extraction(m, tmp)
    if per_report:
        print(f"dask_overhead {per_report['dask'] / per_report['local']:.2f}")


def reports(n: int, tmp: Path) -> dict[str, float]:
    """Render n partner profiles on each engine; return the seconds per report of each."""
    plan(n, tmp / "plan.yaml")
    print(f"{n} partner profiles; engines on this machine's cores", flush=True)
    per_report = {}
    for engine in ("local", "dask"):
        seconds, peak = batch(tmp / "plan.yaml", tmp / engine, engine)
        per_report[engine] = seconds / n
        print(
            f"ngkt batch --engine {engine}: {seconds:.1f} s, {seconds / n:.3f} s/report, peak memory {peak / MB:.0f} MB",
            flush=True,
        )
    pages = sorted(p.name for p in (tmp / "local").glob("*.html"))
    same = all((tmp / "local" / p).read_bytes() == (tmp / "dask" / p).read_bytes() for p in pages)
    print(
        f"pages byte-identical across engines: {same} ({len(pages)} files incl. index)",
        flush=True,
    )
    return per_report


def extraction(m: int, tmp: Path) -> None:
    """Extract archives of m/4 and m articles locally, then m on Dask; print the figures."""
    rows = []
    for size in [m // 4, m]:
        source = tmp / f"archive-{size}.jsonl"
        chars, nbytes = archive(size, source)
        seconds, peak = extract(source, tmp / f"local-{size}.jsonl", "local")
        rows.append((size, seconds, peak, nbytes))
        print(
            f"ngkt extract, {size} articles ({chars / size:.0f} chars each): {seconds:.1f} s, "
            f"{size / seconds:.0f} articles/s, peak memory {peak / MB:.0f} MB",
            flush=True,
        )
    (q, tq, mq, _), (f, tf, mf, fbytes) = rows
    print(
        f"1/4 -> full size: articles x{f / q:.1f}, time x{tf / tq:.2f} (linear: x{f / q:.1f}), "
        f"peak memory x{mf / mq:.2f} (flat: x1.00)",
        flush=True,
    )
    cores = 1  # the local engine extracts in the one process of the command
    print(
        f"extract throughput: {fbytes / MB / tf / cores:.2f} MB/s per core "
        f"({fbytes / MB:.1f} MB of article text in UTF-8, {tf:.1f} s wall, {cores} core)",
        flush=True,
    )
    source = tmp / f"archive-{m}.jsonl"
    seconds, peak = extract(source, tmp / f"dask-{m}.jsonl", "dask")
    same = (tmp / f"dask-{m}.jsonl").read_bytes() == (tmp / f"local-{m}.jsonl").read_bytes()
    print(
        f"ngkt extract --engine dask, {m} articles: {seconds:.1f} s, {m / seconds:.0f} articles/s, "
        f"peak memory {peak / MB:.0f} MB (all workers), same output as local: {same}",
        flush=True,
    )


if __name__ == "__main__":
    main()
