"""The seed gold: overall F1 ≥ 0.85 in both modes and no record type below 0.75."""

import json

import pytest
from extract_fixtures import SEEDS

from ngkt_analysis.extract import article
from ngkt_analysis.extract.dates import find_published
from ngkt_analysis.extract.score import RECORD_TYPES, score

GOLD_FILE = SEEDS / "gold.jsonl"
pytestmark = pytest.mark.skipif(not GOLD_FILE.is_file(), reason="seed gold not available")


@pytest.mark.parametrize("mode", ["strict", "resolved"])
def test_seed_f1(mode):
    gold = [json.loads(line) for line in GOLD_FILE.read_text(encoding="utf-8").splitlines() if line]
    pred = []
    for g in gold:
        text = (SEEDS / f"{g['id']}.txt").read_text(encoding="utf-8")
        pub = find_published(text) if mode == "resolved" else None
        pred.append(article(text, pub, id=g["id"]).to_dict())
    s = score(gold, pred, mode=mode)
    assert s["overall"]["f1"] >= 0.85
    assert min(s[k]["f1"] for k in RECORD_TYPES) >= 0.75


def test_dateline_of_seed_001():
    text = (SEEDS / "001_f84422dcfc65092c.txt").read_text(encoding="utf-8")
    assert str(find_published(text)) == "2024-04-03"
