"""Score the news extractor against a gold file (annotation guidelines §7).

Usage: python bench/score_extract.py GOLD.jsonl [--pred PRED.jsonl] [--core-units] [--ids A,B]

Without --pred the extractor runs on the ``<id>.txt`` files next to the gold file twice:
strict (no publication date) and resolved (publication date from the text's own dateline, the
guidelines' rule). With --pred the given predictions are scored in both modes.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ngkt_analysis.extract import article
from ngkt_analysis.extract.dates import find_published
from ngkt_analysis.extract.score import format_table, score


def _read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def predict(gold: list[dict], folder: Path, resolved: bool) -> list[dict]:
    out = []
    for g in gold:
        text = (folder / f"{g['id']}.txt").read_text(encoding="utf-8")
        published = g.get("published") or (find_published(text) if resolved else None)
        out.append(article(text, published if resolved else None, id=g["id"]).to_dict())
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", type=Path, default=None)
    ap.add_argument("--core-units", action="store_true", help="drop JPY/times figures")
    ap.add_argument("--ids", default=None, help="score only these passage ids (comma-separated)")
    args = ap.parse_args(argv)
    gold = _read_jsonl(args.gold)
    if args.ids:
        wanted = {i.strip() for i in args.ids.split(",") if i.strip()}
        gold = [g for g in gold if g["id"] in wanted]
    for mode in ("strict", "resolved"):
        if args.pred is not None:
            pred = _read_jsonl(args.pred)
        else:
            pred = predict(gold, args.gold.parent, resolved=mode == "resolved")
        s = score(gold, pred, mode=mode, core_units=args.core_units)
        print(format_table(s, title=f"== {mode} ({args.gold.name}, {len(gold)} passages)"))
        attrs = {
            f"{k}.{a[:-4]}": round(v, 3)
            for k, d in s.items()
            for a, v in d.items()
            if a.endswith("_acc") and v == v
        }
        print("attribute accuracy on matched pairs:", json.dumps(attrs, ensure_ascii=False))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
