import math

import pytest

from ngkt_analysis.extract.score import score

GOLD = [
    {
        "id": "a",
        "events": [
            {
                "month": 12,
                "day": 21,
                "year": None,
                "precision": "day",
                "date_resolved": "2023-12-21",
            }
        ],
        "figures": [{"value": 700e9, "unit": "USD"}, {"value": 63, "unit": "count"}],
        "partner_upgrades": [{"partner": "USA", "level": "comprehensive_strategic"}],
        "persons": [
            {"name": "Bùi Thanh Sơn", "roles": ["Bộ trưởng Bộ Ngoại giao"], "aliases": ["Sơn"]}
        ],
        "documents": [{"kind": "directive", "number": "15-CT/TW"}],
    }
]


def test_perfect_prediction():
    s = score(GOLD, GOLD)
    assert s["overall"]["f1"] == 1.0 and s["overall"]["tp"] == 6


def test_matching_rules():
    pred = [
        {
            "id": "a",
            "events": [
                {
                    "month": 12,
                    "day": 21,
                    "year": 2022,
                    "precision": "day",
                    "date_resolved": "2022-12-21",
                }
            ],
            "figures": [
                {"value": 700e9 * (1 + 1e-9), "unit": "USD"},
                {"value": 63, "unit": "percent"},
            ],
            "partner_upgrades": [{"partner": "USA", "level": "strategic"}],
            "persons": [{"name": "  bùi thanh  SƠN ", "role": "Bộ trưởng"}],
            "documents": [{"kind": "directive", "number": "15"}],
        }
    ]
    strict = score(GOLD, pred, mode="strict")
    assert strict["events"]["tp"] == 1  # gold year unknown: no conflict
    assert score(GOLD, pred, mode="resolved")["events"]["tp"] == 0  # 2022 vs 2023
    assert (strict["figures"]["tp"], strict["figures"]["pred"], strict["figures"]["gold"]) == (
        1,
        2,
        2,
    )
    assert strict["partner_upgrades"]["tp"] == 0
    assert strict["persons"]["tp"] == 1 and strict["persons"]["role_acc"] == 1.0
    assert strict["documents"]["tp"] == 1
    assert math.isclose(strict["overall"]["precision"], 4 / 6)


def test_missing_passage_and_multiset():
    s = score(GOLD, [])
    assert s["overall"]["recall"] == 0.0
    dup = [{"id": "a", "figures": [{"value": 63, "unit": "count"}] * 2}]
    f = score(GOLD, dup)["figures"]
    assert (f["tp"], f["pred"]) == (1, 2)


def test_bad_mode():
    with pytest.raises(ValueError, match="strict"):
        score(GOLD, GOLD, mode="lenient")
