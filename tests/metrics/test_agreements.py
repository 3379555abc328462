import pandas as pd
import pytest

import ngkt_analysis as ngkt
from ngkt_analysis import ParameterError, PartnerError
from ngkt_analysis.metrics.agreements import covered_countries, in_force


@pytest.mark.parametrize(
    ("partner", "as_of", "expected"),
    [
        # ASEAN+1 agreements govern trade with the named partner only
        ("CHN", "2018-06-30", ["ACFTA"]),
        ("CHN", "2025-06-30", ["ACFTA", "RCEP"]),
        ("Lào", "2018-06-30", ["ATIGA"]),
        ("LAO", "2025-06-30", ["ATIGA", "RCEP"]),  # never ACFTA, AKFTA, AJCEP, ...
        ("Nhật Bản", "2018-06-30", ["AJCEP", "VJEPA"]),
        ("JPN", "2025-06-30", ["AJCEP", "VJEPA", "CPTPP", "RCEP"]),
        # the UK: no FTA before UKVFTA (EVFTA came after Brexit); CPTPP from 15/12/2024
        ("GBR", "2018-06-30", []),
        ("United Kingdom", "2024-12-14", ["UKVFTA"]),
        ("GBR", "2024-12-15", ["UKVFTA", "CPTPP"]),
        ("USA", "2018-06-30", []),
        ("Mỹ", "2025-06-30", []),
        # per-party dates: Malaysia joined CPTPP on 29/11/2022, Korea RCEP on 1/2/2022
        ("MYS", "2022-11-28", ["ATIGA", "RCEP"]),
        ("MYS", "2022-11-29", ["ATIGA", "RCEP", "CPTPP"]),
        ("KOR", "2022-01-31", ["AKFTA", "VKFTA"]),
        ("DEU", "2020-08-01", ["EVFTA"]),
    ],
)
def test_ftas_in_force_real(partner, as_of, expected):
    assert ngkt.ftas_in_force(partner, as_of)["agreement"].tolist() == expected


def test_ftas_in_force_columns_and_errors():
    got = ngkt.ftas_in_force("CHN", "2025-06-30")
    assert list(got.columns) == ["agreement", "in_force", "name", "signed"]
    assert got.set_index("agreement").at["RCEP", "in_force"] == pd.Timestamp("2022-01-01")
    with pytest.raises(PartnerError):
        ngkt.ftas_in_force("Atlantis")
    with pytest.raises(ParameterError, match="as_of"):
        ngkt.ftas_in_force("CHN", "not a date")


def test_every_in_force_agreement_has_counterparties():
    ftas, parties = ngkt.load("ftas"), ngkt.load("fta_parties")
    in_force_names = set(ftas.loc[ftas["status"].eq("in_force"), "short_name"])
    assert in_force_names == set(parties["agreement"])
    # an agreement never applies with a party before it entered into force for Vietnam
    merged = parties.merge(ftas, left_on="agreement", right_on="short_name", suffixes=("", "_vn"))
    assert (merged["in_force"] >= merged["in_force_vn"] - pd.Timedelta(days=366)).all()


def test_covered_countries_next_year():
    fp = pd.DataFrame(
        {"party": ["JPN"], "in_force": pd.to_datetime(["2009-10-01"]), "agreement": ["VJEPA"]}
    )
    assert covered_countries(fp, [2009, 2010], "next_year")["year"].tolist() == [2010]
    assert in_force(fp, "JPN", "2009-09-30").empty
