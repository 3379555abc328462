"""Scores against hand-annotated gold: overall F1 ≥ 0.85 in both modes, no type below 0.75.

Gold files: the five seed articles (rules were written against them), `dev` (12 passages used
for tuning), `test` (12 passages; its upgrade failures guided one round of general fixes),
`final` (12 passages, blind when first scored, tuned on since), `holdout`, `holdout2` and
`holdout3` (each blind for one score, recorded in its SOURCES.md, then tuned on) and
`holdout4` (18 passages annotated after tuning ended and never looked at: the measurement of
issue 12's targets, event F1 ≥ 0.85 and overall F1 ≥ 0.93). Each was annotated independently
of the extractor, by the guidelines in tests/fixtures/extract/seeds/README.md.
"""

import json
from pathlib import Path

import pytest
from extract_fixtures import FIXTURES, SEED_GOLD, SEEDS

from ngkt_analysis.extract import article
from ngkt_analysis.extract.dates import find_published
from ngkt_analysis.extract.score import RECORD_TYPES, score

SETS = {"seeds": SEEDS, **{n: FIXTURES / n for n in ("dev", "test", "final")}}
GOLD = {"seeds": SEED_GOLD, **{n: FIXTURES / n / "gold.jsonl" for n in ("dev", "test", "final")}}


def predictions(folder: Path, gold: list[dict], mode: str) -> list[dict]:
    published = {}
    if (folder / "articles.jsonl").is_file():
        rows = (json.loads(x) for x in (folder / "articles.jsonl").read_text("utf-8").splitlines())
        published = {r["id"]: r.get("published") for r in rows}
    pred = []
    for g in gold:
        text = (folder / f"{g['id']}.txt").read_text(encoding="utf-8")
        pub = published.get(g["id"]) or find_published(text) if mode == "resolved" else None
        pred.append(article(text, pub, id=g["id"]).to_dict())
    return pred


@pytest.mark.parametrize("mode", ["strict", "resolved"])
@pytest.mark.parametrize("name", list(SETS))
def test_gold_f1(name, mode):
    folder, gold_file = SETS[name], GOLD[name]
    gold = [json.loads(x) for x in gold_file.read_text("utf-8").splitlines() if x]
    s = score(gold, predictions(folder, gold, mode), mode=mode)
    assert s["overall"]["f1"] >= 0.85, s["overall"]
    assert min(s[k]["f1"] for k in RECORD_TYPES) >= 0.75, {k: s[k]["f1"] for k in RECORD_TYPES}


def test_dateline_of_seed_001():
    text = (SEEDS / "001_f84422dcfc65092c.txt").read_text(encoding="utf-8")
    assert str(find_published(text)) == "2024-04-03"


@pytest.mark.parametrize("mode", ["strict", "resolved"])
def test_the_blind_holdout_meets_the_quality_targets(mode):
    """holdout4, never used for tuning: events F1 ≥ 0.85, overall F1 ≥ 0.93 (a floor)."""
    folder = FIXTURES / "holdout4"
    gold = [json.loads(x) for x in (folder / "gold.jsonl").read_text("utf-8").splitlines() if x]
    s = score(gold, predictions(folder, gold, mode), mode=mode)
    assert s["events"]["f1"] >= 0.85, s["events"]
    assert s["overall"]["f1"] >= 0.93, s["overall"]
