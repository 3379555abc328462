"""Plans (YAML, matrix expansion, the default set) and parameter declarations."""

import pytest

import ngkt_analysis as ngkt
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports.params import notebook_kinds, parse_parameters, validate
from ngkt_analysis.reports.plans import default_plan, expand, load_plan, partners_at_least


def test_matrix_expands_in_written_order():
    jobs = expand(
        [
            {
                "notebook": "annual_review",
                "parameters": {"lang": "vi"},
                "matrix": {"year": [2023, 2024]},
            }
        ]
    )
    assert [(j.notebook, dict(j.parameters)) for j in jobs] == [
        ("annual_review", {"lang": "vi", "year": 2023}),
        ("annual_review", {"lang": "vi", "year": 2024}),
    ]


def test_matrix_of_partners_at_a_level():
    jobs = expand(
        {
            "reports": [
                {
                    "notebook": "partner_profile",
                    "matrix": {
                        "partner": {"level_at_least": "comprehensive_strategic"},
                        "lang": ["vi", "en"],
                    },
                }
            ]
        }
    )
    partners = [j.parameters["partner"] for j in jobs]
    assert {"USA", "CHN", "JPN"} <= set(partners)
    assert len(jobs) == 2 * len(partners_at_least("comprehensive_strategic"))


def test_partners_at_least_counts_the_levels_above():
    strategic = set(partners_at_least("strategic"))
    assert set(partners_at_least("comprehensive_strategic")) < strategic
    assert "LAO" in strategic  # special relationship ranks above every partnership
    with pytest.raises(ParameterError, match="level_at_least"):
        partners_at_least("friendly")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"notebook": "x"}, "parameter 'plan'"),
        ([{"parameters": {}}], "an entry with a 'notebook' key"),
        ([{"notebook": "x", "matrix": {"a": []}}], "a non-empty list"),
        ([{"notebook": "x", "matrix": {"a": "b"}}], "a list of values or"),
        ([{"notebook": "x", "colour": "red"}], "parameter 'colour'"),
    ],
)
def test_malformed_plans_are_refused(entries, message):
    with pytest.raises(ParameterError, match=message):
        expand(entries)


def test_yaml_plan_file(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        '- notebook: partner_profile\n  parameters: {years: "2015:2025"}\n'
        "  matrix: {partner: [USA, Mỹ]}\n",
        encoding="utf-8",
    )
    jobs = load_plan(plan)
    assert [j.parameters["partner"] for j in jobs] == ["USA", "Mỹ"]
    assert validate(jobs[1].notebook, jobs[1].parameters)["partner"] == "USA"


def test_default_plan_covers_every_kind_and_strategic_partners():
    jobs = default_plan()
    kinds = {j.notebook for j in jobs}
    assert kinds == set(notebook_kinds())  # every report kind, news_digest included
    assert "news_digest" in kinds
    profiles = {j.parameters["partner"] for j in jobs if j.notebook == "partner_profile"}
    assert profiles == set(partners_at_least("strategic"))
    last = int(ngkt.load("trade_annual")["year"].max())
    assert {j.parameters["year"] for j in jobs if j.notebook == "annual_review"} == {
        last - 2,
        last - 1,
        last,
    }


def test_parameters_cell_declaration():
    spec = parse_parameters(
        "from typing import Literal\n\n"
        "n: int = 3  # how many\n"
        'flow: Literal["a", "b"] = "a"  # which\n'
        "ratio: float = 0.5\n"
    )
    assert list(spec) == ["n", "flow", "ratio"]
    assert (spec["n"].type, spec["n"].default, spec["n"].help) == (int, 3, "how many")
    assert spec["flow"].choices == ("a", "b") and spec["flow"].type_name == "one of a, b"
    assert spec["ratio"].help == ""
