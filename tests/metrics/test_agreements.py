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


# --------------------------------------------------------------------------- blocs over time


@pytest.fixture(scope="module")
def real():
    names = ["fta_parties", "trade_by_partner", "trade_annual", "partners", "bloc_changes"]
    return {name: ngkt.load(name) for name in names}


def test_bloc_members_follow_the_recorded_joins_and_exits(real):
    from ngkt_analysis.partners import members_by_year

    m = members_by_year(
        real["partners"], real["bloc_changes"], [2012, 2013, 2019, 2020, 2024, 2025]
    )
    size = m.groupby(["code", "year"]).size()
    # the EU: 27 with the UK before Croatia (2012), 28 (2013-2019), 27 from 2020
    assert [size["EUU", y] for y in (2012, 2013, 2019, 2020)] == [27, 28, 28, 27]
    assert "GBR" in set(m[(m["code"] == "EUU") & (m["year"] == 2019)]["country"])
    assert "HRV" not in set(m[(m["code"] == "EUU") & (m["year"] == 2012)]["country"])
    # ASEAN without Viet Nam: 9 until Timor-Leste joined (26 October 2025), then 10
    assert [size["ASEAN", y] for y in (2024, 2025)] == [9, 10]


def test_the_eu_row_stands_for_the_evfta_parties_only_once_it_is_the_eu_of_27(real):
    from ngkt_analysis.metrics.agreements import agreement_trade

    t = agreement_trade(
        real["fta_parties"], "EVFTA", real["trade_by_partner"], real["trade_annual"],
        real["partners"], real["bloc_changes"],
    ).set_index("year")  # fmt: skip
    assert t.loc[2020, "complete"] and t.loc[2020, "counterparties_usd_bn"] == 49.8
    assert round(t.loc[2024, "share_pct"], 1) == 8.6
    # 2018: the EU row (55.8, EU28) includes the UK, which is no EVFTA party: not used
    assert not t.loc[2018, "complete"] and pd.isna(t.loc[2018, "share_pct"])
    assert t.loc[2018, "parties"] == 27


def test_the_asean_row_stands_for_the_atiga_parties_until_timor_leste_joined(real):
    from ngkt_analysis.metrics.agreements import agreement_trade

    t = agreement_trade(
        real["fta_parties"], "ATIGA", real["trade_by_partner"], real["trade_annual"],
        real["partners"], real["bloc_changes"],
    ).set_index("year")  # fmt: skip
    # 2022: the ASEAN row (33.86 + 47.28) is the whole of ATIGA's counterparties that year
    assert t.loc[2022, "complete"] and round(t.loc[2022, "counterparties_usd_bn"], 2) == 81.14
    # without the changes, today's ASEAN (with Timor-Leste, no ATIGA party) never stands in
    today = agreement_trade(
        real["fta_parties"], "ATIGA", real["trade_by_partner"], real["trade_annual"],
        real["partners"],
    ).set_index("year")  # fmt: skip
    assert not today.loc[2022, "complete"]
