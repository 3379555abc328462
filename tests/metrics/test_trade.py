import math

import numpy as np
import pandas as pd
import pytest

from ngkt_analysis import DatasetError, ParameterError, PartnerError, UnitError
from ngkt_analysis.metrics.trade import (
    OTHERS,
    bilateral,
    cagr,
    concentration,
    fta_coverage,
    partner_shares,
    top_partners,
    turnover_balance,
    upgrade_trade_effect,
    yoy_growth,
)

# --------------------------------------------------------------------------- turnover_balance


@pytest.mark.parametrize(
    ("year", "exports", "imports", "turnover", "balance", "status"),
    [
        (2019, 180.0, np.nan, np.nan, np.nan, "final"),  # imports missing: a gap, not zero
        (2020, 200.0, 200.0, 400.0, 0.0, "final"),
        (2021, 250.0, 250.0, 500.0, 0.0, "preliminary"),  # weakest of final + preliminary
        (2023, 330.0, 270.0, 600.0, 60.0, "estimate"),
    ],
)
def test_turnover_balance_on_fixture(
    trade_annual, year, exports, imports, turnover, balance, status
):
    row = turnover_balance(trade_annual).set_index("year").loc[year]
    got = row[["exports", "imports", "turnover", "balance"]].astype(float).tolist()
    np.testing.assert_allclose(got, [exports, imports, turnover, balance])
    assert row["status"] == status


def test_turnover_balance_edges(trade_annual):
    out = turnover_balance(trade_annual)
    assert out["year"].tolist() == [2019, 2020, 2021, 2022, 2023]  # no invented years
    assert turnover_balance(trade_annual.iloc[0:0]).empty
    assert turnover_balance(trade_annual.drop(columns="status"))["status"].isna().all()
    dup = pd.concat([trade_annual, trade_annual.iloc[[0]]])
    with pytest.raises(ParameterError, match="one row per"):
        turnover_balance(dup)
    with pytest.raises(ParameterError, match="value_usd_bn"):
        turnover_balance(trade_annual.drop(columns="value_usd_bn"))


def test_turnover_balance_unit_check(trade_annual):
    trade_annual.attrs["units"] = {"value_usd_bn": "trillion VND"}
    with pytest.raises(UnitError, match="trillion VND"):
        turnover_balance(trade_annual)


# --------------------------------------------------------------------------- growth


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({2020: 100.0, 2021: 110.0}, [np.nan, 10.0]),
        ({2021: 110.0, 2020: 100.0}, [np.nan, 10.0]),  # sorted by year
        ({2020: 100.0, 2022: 121.0}, [np.nan, np.nan]),  # gap: no growth over two years
        ({2020: 0.0, 2021: 5.0}, [np.nan, np.nan]),  # zero base: NaN, not inf
        ({2020: np.nan, 2021: 5.0, 2022: 10.0}, [np.nan, np.nan, 100.0]),  # NaN propagates
        ({2020: 5.0}, [np.nan]),  # a single year
        ({}, []),
    ],
)
def test_yoy_growth(values, expected):
    series = pd.Series(values, dtype="float64")
    if not values:
        series.index = series.index.astype("int64")
    np.testing.assert_allclose(yoy_growth(series).to_numpy(), expected)


def test_yoy_growth_needs_year_index():
    with pytest.raises(ParameterError, match="integer years"):
        yoy_growth(pd.Series([1.0, 2.0], index=["a", "b"]))
    with pytest.raises(ParameterError, match="one value per year"):
        yoy_growth(pd.Series([1.0, 2.0], index=[2020, 2020]))


@pytest.mark.parametrize(
    ("values", "start", "end", "expected"),
    [
        ({2020: 100.0, 2022: 121.0}, 2020, 2022, 10.0),
        ({2020: 100.0, 2021: 50.0, 2023: 100.0}, 2020, 2023, 0.0),  # endpoints only
        ({2020: 200.0, 2021: 100.0}, 2020, 2021, -50.0),
        ({2020: 100.0, 2021: 110.0}, 2019, 2021, math.nan),  # start missing: never shortened
        ({2020: 100.0, 2021: 110.0}, 2020, 2022, math.nan),  # end missing
        ({2020: 0.0, 2021: 110.0}, 2020, 2021, math.nan),  # zero base
        ({2020: np.nan, 2021: 110.0}, 2020, 2021, math.nan),
    ],
)
def test_cagr(values, start, end, expected):
    got = cagr(pd.Series(values), start, end)
    assert isinstance(got, float)
    if math.isnan(expected):
        assert math.isnan(got)
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize(("start", "end"), [(2021, 2021), (2022, 2021), (2020.0, 2021)])
def test_cagr_bad_window(start, end):
    with pytest.raises(ParameterError):
        cagr(pd.Series({2020: 1.0, 2021: 2.0}), start, end)


# --------------------------------------------------------------------------- shares and ranks


@pytest.mark.parametrize(
    ("partner", "share", "rank"),
    [
        ("USA", 40.0, 1),  # 100 / 250
        ("CHN", 20.0, 2),
        ("JPN", 8.0, 3),  # tie with KOR: both rank 3
        ("KOR", 8.0, 3),
        ("THA", 4.0, 5),
        ("EUU", 16.0, pd.NA),  # blocs keep their share, never a rank
        ("ASEAN", 12.0, pd.NA),
    ],
)
def test_partner_shares_exports_2021(trade_by_partner, trade_annual, partner, share, rank):
    out = partner_shares(trade_by_partner, trade_annual, "exports")
    row = out[(out["year"] == 2021) & (out["partner"] == partner)].iloc[0]
    assert row["share_pct"] == pytest.approx(share)
    assert row["total_usd_bn"] == 250.0
    assert (pd.isna(row["rank"]) and rank is pd.NA) or row["rank"] == rank


def test_partner_shares_total_flow(trade_by_partner, trade_annual):
    out = partner_shares(trade_by_partner, trade_annual, "total", min_coverage_pct=50)
    y23 = out[out["year"] == 2023].set_index("partner")
    assert y23.at["CHN", "value_usd_bn"] == 170.0
    assert y23.at["CHN", "share_pct"] == pytest.approx(170 / 6)
    assert y23.at["CHN", "rank"] == 1
    # countries with both flows: CHN 170 + USA 105 + KOR 75 of 600
    assert y23.at["CHN", "covered_share_pct"] == pytest.approx(350 / 6)
    # JPN lists no 2023 imports: its total is a gap, unranked
    assert pd.isna(y23.at["JPN", "value_usd_bn"]) and pd.isna(y23.at["JPN", "rank"])
    assert set(out["flow"]) == {"total"}
    assert list(out.columns) == [
        "year",
        "partner",
        "flow",
        "value_usd_bn",
        "total_usd_bn",
        "share_pct",
        "rank",
        "covered_share_pct",
    ]


def test_partner_shares_rank_needs_coverage(trade_by_partner, trade_annual):
    out = partner_shares(trade_by_partner, trade_annual, "exports").set_index(["year", "partner"])
    # 2021 exports: listed countries hold 80 % ≥ 75 %: ranked
    assert out.at[(2021, "USA"), "covered_share_pct"] == pytest.approx(80.0)
    assert out.at[(2021, "USA"), "rank"] == 1
    # 2023 exports: 200 of 330 = 60.6 % < 75 %: the share stays, the rank does not
    assert out.at[(2023, "USA"), "covered_share_pct"] == pytest.approx(200 / 3.3)
    assert out.at[(2023, "USA"), "share_pct"] == pytest.approx(9000 / 330)
    assert pd.isna(out.at[(2023, "USA"), "rank"])
    with pytest.raises(ParameterError, match="min_coverage_pct"):
        partner_shares(trade_by_partner, trade_annual, min_coverage_pct=120)


def test_turnover_row_counts_for_total_only(trade_annual):
    tbp = pd.DataFrame(
        {
            "year": [2021, 2021, 2021],
            "partner": ["LAO", "USA", "USA"],
            "flow": ["turnover", "exports", "imports"],
            "value_usd_bn": [1.5, 96.0, 15.0],
        }
    )
    total = partner_shares(tbp, trade_annual, "total", min_coverage_pct=0).set_index("partner")
    assert total.at["LAO", "value_usd_bn"] == 1.5  # the stated turnover, never split
    assert total.at["USA", "value_usd_bn"] == 111.0  # exports + imports
    exports = partner_shares(tbp, trade_annual, "exports", min_coverage_pct=0)
    assert exports["partner"].tolist() == ["USA"]  # no exports share from a turnover
    one = pd.concat([tbp, tbp.iloc[[1]].assign(partner="LAO", value_usd_bn=0.9)])
    beside = partner_shares(one, trade_annual, "total", min_coverage_pct=0).set_index("partner")
    assert beside.at["LAO", "value_usd_bn"] == 1.5  # the stated total, not 1.5 + 0.9
    both = pd.concat([one, tbp.iloc[[2]].assign(partner="LAO", value_usd_bn=0.6)])
    with pytest.raises(ParameterError, match="turnover row beside both"):
        partner_shares(both, trade_annual, "total")


def test_partner_shares_bad_flow(trade_by_partner, trade_annual):
    with pytest.raises(ParameterError, match="exports, imports, total"):
        partner_shares(trade_by_partner, trade_annual, "balance")


def test_partner_shares_year_without_total(trade_by_partner, trade_annual):
    out = partner_shares(trade_by_partner, trade_annual[trade_annual["year"] != 2021])
    assert out.loc[out["year"] == 2021, "share_pct"].isna().all()


@pytest.mark.parametrize(
    ("n", "partners", "values"),
    [
        (2, ["USA", "CHN", OTHERS], [100.0, 50.0, 100.0]),
        (3, ["USA", "CHN", "JPN", OTHERS], [100.0, 50.0, 20.0, 80.0]),  # tie broken by code
        (10, ["USA", "CHN", "JPN", "KOR", "THA", OTHERS], [100.0, 50.0, 20.0, 20.0, 10.0, 50.0]),
    ],
)
def test_top_partners_2021(trade_by_partner, trade_annual, n, partners, values):
    out = top_partners(trade_by_partner, trade_annual, 2021, n=n)
    assert out["partner"].tolist() == partners  # never a bloc
    assert out["value_usd_bn"].tolist() == values
    assert out["value_usd_bn"].sum() == 250.0  # exact total
    assert out["share_pct"].sum() == pytest.approx(100.0)


def test_top_partners_total_flow(trade_by_partner, trade_annual):
    out = top_partners(trade_by_partner, trade_annual, 2023, n=1, flow="total", min_coverage_pct=50)
    assert out["partner"].tolist() == ["CHN", OTHERS]
    assert out["value_usd_bn"].tolist() == [170.0, 430.0]
    # default threshold: 58 % covered, so no remainder and no rank
    low = top_partners(trade_by_partner, trade_annual, 2023, n=1, flow="total")
    assert low["value_usd_bn"].iloc[0] == 170.0 and pd.isna(low["value_usd_bn"].iloc[1])
    assert low["rank"].isna().all() and low["covered_share_pct"].iloc[0] == pytest.approx(350 / 6)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"year": 2019}, "year"),  # a total but no partner rows
        ({"year": 2030}, "year"),
        ({"year": 2021, "n": 0}, "n"),
        ({"year": 2021, "flow": "re-exports"}, "flow"),
    ],
)
def test_top_partners_bad_parameters(trade_by_partner, trade_annual, kwargs, match):
    with pytest.raises(ParameterError, match=match):
        top_partners(trade_by_partner, trade_annual, **kwargs)


def test_top_partners_inconsistent_sources(trade_by_partner, trade_annual):
    small = trade_annual.assign(value_usd_bn=trade_annual["value_usd_bn"] / 10)
    with pytest.raises(DatasetError, match="at most Vietnam's total"):
        top_partners(trade_by_partner, small, 2021)


# --------------------------------------------------------------------------- concentration


def test_concentration_on_fixture(trade_by_partner, trade_annual):
    out = concentration(trade_by_partner, trade_annual).set_index("year")
    # 2021: 40² + 20² + 8² + 8² + 4² = 2144, blocs left out; listed countries hold 80 %
    assert out.at[2021, "hhi"] == pytest.approx(2144.0)
    assert out.at[2021, "equivalent_partners"] == pytest.approx(10_000 / 2144)
    assert out.at[2021, "covered_share_pct"] == pytest.approx(80.0)
    # 2023: listed countries hold 200 of 330 = 60.6 % < 75 %: no index from a sliver
    assert out.at[2023, "covered_share_pct"] == pytest.approx(200 / 3.3)
    assert pd.isna(out.at[2023, "hhi"]) and pd.isna(out.at[2023, "equivalent_partners"])
    # below the threshold only when asked: (90² + 60² + 25² + 25²) / 330² * 10,000
    low = concentration(trade_by_partner, trade_annual, min_coverage_pct=60).set_index("year")
    assert low.at[2023, "hhi"] == pytest.approx(12950 / 108900 * 10_000)
    single = concentration(trade_by_partner, trade_annual, remainder="single").set_index("year")
    assert single.at[2021, "hhi"] == pytest.approx(2144.0 + 20.0**2)
    assert list(out.reset_index().columns) == [
        "year",
        "flow",
        "hhi",
        "equivalent_partners",
        "covered_share_pct",
    ]


def test_concentration_edges(trade_by_partner, trade_annual):
    zero = trade_annual.assign(value_usd_bn=0.0)
    assert concentration(trade_by_partner, zero)["hhi"].isna().all()
    blocs_only = trade_by_partner[trade_by_partner["partner"].isin(["EUU", "ASEAN"])]
    assert concentration(blocs_only, trade_annual)["hhi"].isna().all()
    assert concentration(trade_by_partner.iloc[0:0], trade_annual).empty
    with pytest.raises(ParameterError, match="remainder"):
        concentration(trade_by_partner, trade_annual, remainder="ignore")


def test_concentration_one_partner_takes_all():
    tbp = pd.DataFrame(
        {"year": [2020], "partner": ["USA"], "flow": ["exports"], "value_usd_bn": [5.0]}
    )
    ta = pd.DataFrame({"year": [2020], "flow": ["exports"], "value_usd_bn": [5.0]})
    row = concentration(tbp, ta).iloc[0]
    assert row["hhi"] == pytest.approx(10_000.0)
    assert row["equivalent_partners"] == pytest.approx(1.0)


# --------------------------------------------------------------------------- upgrade effect


def test_upgrade_trade_effect_hand_computed(upgrades, trade_by_partner, trade_annual):
    out = upgrade_trade_effect(upgrades, trade_by_partner, trade_annual, k=1, flow="exports")
    kor = out[(out["partner"] == "KOR") & (out["level"] == "comprehensive_strategic")].iloc[0]
    # KOR exports 20 → 25 → 25; Vietnam's exports 250 → 300 → 330
    assert kor["partner_cagr_before_pct"] == pytest.approx(25.0)
    assert kor["partner_cagr_after_pct"] == pytest.approx(0.0)
    assert kor["total_cagr_before_pct"] == pytest.approx(20.0)
    assert kor["total_cagr_after_pct"] == pytest.approx(10.0)
    assert kor["excess_after_minus_before_pp"] == pytest.approx((0 - 10) - (25 - 20))
    assert kor["complete_window"] and kor["note"] == ""
    assert (kor["before_window"], kor["after_window"], kor["window_years"]) == (
        "2021-2022",
        "2022-2023",
        1,
    )


def test_upgrade_trade_effect_total_flow(upgrades, trade_by_partner, trade_annual):
    out = upgrade_trade_effect(upgrades, trade_by_partner, trade_annual, k=1)
    kor = out[(out["partner"] == "KOR") & (out["level"] == "comprehensive_strategic")].iloc[0]
    # KOR turnover 70 → 85 → 75; Vietnam 500 → 600 → 600
    expected = (100 * (75 / 85 - 1) - 0.0) - (100 * (85 / 70 - 1) - 20.0)
    assert kor["excess_after_minus_before_pp"] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("partner", "level", "note_start"),
    [
        ("USA", "comprehensive_strategic", "too recent"),  # 2023 + 1 > last year 2023
        ("JPN", "comprehensive_strategic", "too recent"),
        ("CHN", "comprehensive_strategic", "too early"),  # 2007 < first year 2020
        ("LAO", "special", "no total trade rows"),
        ("EUU", "strategic", "too early"),
    ],
)
def test_upgrade_trade_effect_incomplete_windows(
    upgrades, trade_by_partner, trade_annual, partner, level, note_start
):
    out = upgrade_trade_effect(upgrades, trade_by_partner, trade_annual, k=1)
    row = out[(out["partner"] == partner) & (out["level"] == level)].iloc[0]
    assert not row["complete_window"]
    assert pd.isna(row["excess_after_minus_before_pp"])
    assert row["note"].startswith(note_start)


def test_upgrade_trade_effect_never_shortens(upgrades, trade_by_partner, trade_annual):
    # k=2: KOR's 2022 upgrade needs 2020 and 2024; 2024 is beyond the data
    out = upgrade_trade_effect(upgrades, trade_by_partner, trade_annual, k=2)
    kor = out[(out["partner"] == "KOR") & (out["level"] == "comprehensive_strategic")].iloc[0]
    assert pd.isna(kor["partner_cagr_after_pct"]) and not kor["complete_window"]
    # the before window 2020-2022 is whole, so it is reported: 100*((85/65)^(1/2) - 1)
    assert kor["partner_cagr_before_pct"] == pytest.approx(100 * ((85 / 65) ** 0.5 - 1))
    assert "2024" in kor["note"]
    assert len(out) == len(upgrades)


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_upgrade_trade_effect_bad_k(upgrades, trade_by_partner, trade_annual, k):
    with pytest.raises(ParameterError, match="k"):
        upgrade_trade_effect(upgrades, trade_by_partner, trade_annual, k=k)


# --------------------------------------------------------------------------- FTA coverage


@pytest.mark.parametrize(
    ("year", "flow", "covered", "total"),
    [
        # 2020: KOR 20 + JPN 20 (EVFTA in force, but no EU row that year)
        (2020, "exports", 40.0, 200.0),
        # 2021: ASEAN row 30 (replaces THA 10) + EUU 40 + JPN 20 + KOR 20
        (2021, "exports", 110.0, 250.0),
        (2021, "imports", 125.0, 250.0),
        (2021, "total", 235.0, 500.0),
        # 2022: RCEP brings CHN in; JPN and KOR counted once: 55 + 25 + 25
        (2022, "exports", 105.0, 300.0),
        # 2023: CHN 60 + KOR 25 + JPN 25 + EUU 45
        (2023, "exports", 155.0, 330.0),
        # total skips JPN (no 2023 imports): 170 + 75 + 60
        (2023, "total", 305.0, 600.0),
    ],
)
def test_fta_coverage_on_fixture(
    fta_parties, trade_by_partner, trade_annual, partners, year, flow, covered, total
):
    out = fta_coverage(fta_parties, trade_by_partner, trade_annual, partners, min_coverage_pct=0)
    row = out[(out["year"] == year) & (out["flow"] == flow)].iloc[0]
    assert row["covered_usd_bn"] == pytest.approx(covered)
    assert row["total_usd_bn"] == pytest.approx(total)
    assert row["share_pct"] == pytest.approx(100 * covered / total)


def test_fta_coverage_next_year(fta_parties, trade_by_partner, trade_annual, partners):
    out = fta_coverage(
        fta_parties, trade_by_partner, trade_annual, partners, count_from="next_year"
    )
    row = out[(out["year"] == 2022) & (out["flow"] == "exports")].iloc[0]
    assert row["covered_usd_bn"] == pytest.approx(50.0)  # RCEP counts from 2023: KOR + JPN
    with pytest.raises(ParameterError, match="count_from"):
        fta_coverage(fta_parties, trade_by_partner, trade_annual, partners, count_from="signed")


def test_fta_coverage_partial_bloc(fta_parties, trade_by_partner, trade_annual, partners):
    # an FTA with THA alone: the ASEAN row cannot stand in, THA's own row counts
    only_tha = pd.DataFrame(
        {"agreement": ["X"], "party": ["THA"], "in_force": pd.to_datetime(["2000-01-01"])}
    )
    out = fta_coverage(only_tha, trade_by_partner, trade_annual, partners)
    row = out[(out["year"] == 2021) & (out["flow"] == "exports")].iloc[0]
    assert row["covered_usd_bn"] == pytest.approx(10.0)
    none = fta_coverage(fta_parties.iloc[0:0], trade_by_partner, trade_annual, partners)
    assert (none["covered_usd_bn"] == 0).all()
    assert sorted(none["year"].unique()) == [2020, 2021, 2022, 2023]


# --------------------------------------------------------------------------- bilateral


def test_bilateral_on_fixture(trade_by_partner, trade_annual):
    out = bilateral(trade_by_partner, trade_annual, "USA").set_index("year")
    assert out.index.tolist() == [2020, 2021, 2022, 2023]
    assert out.loc[2020].tolist()[:5] == [80.0, 15.0, 95.0, 65.0, 23.75]
    assert out.at[2020, "rank"] == 2  # CHN 130 > USA 95
    assert out.at[2023, "share_of_total_pct"] == pytest.approx(17.5)
    jpn = bilateral(trade_by_partner, trade_annual, "JPN").set_index("year")
    assert jpn.at[2023, "exports"] == 25.0
    assert pd.isna(jpn.at[2023, "imports"]) and pd.isna(jpn.at[2023, "turnover"])
    assert pd.isna(jpn.at[2023, "rank"])
    eu = bilateral(trade_by_partner, trade_annual, "EUU")
    assert eu["rank"].isna().all() and eu["year"].tolist() == [2021, 2023]


def test_bilateral_unknown_and_known_without_rows(trade_by_partner, trade_annual, partners):
    with pytest.raises(PartnerError, match=r"'USB'.*USA"):
        bilateral(trade_by_partner, trade_annual, "USB")
    with pytest.raises(PartnerError, match="'ISR'"):
        bilateral(trade_by_partner, trade_annual, "ISR")
    empty = bilateral(trade_by_partner, trade_annual, "ISR", partners=partners)
    assert empty.empty and "share_of_total_pct" in empty.columns
    with pytest.raises(PartnerError):
        bilateral(trade_by_partner, trade_annual, "XYZ", partners=partners)


# --------------------------------------------------------------------------- real data


def test_real_turnover_2024_and_2022(real):
    tb = turnover_balance(real("trade_annual")).set_index("year")
    assert tb.at[2024, "turnover"] == pytest.approx(786.29, abs=0.5)
    assert tb.at[2024, "balance"] > 0  # a surplus


def test_real_turnover_2022_above_700(real):
    # 2022: exports 371.85 + imports ~360.7 bn USD, the first year above 700 bn USD
    tb = turnover_balance(real("trade_annual")).set_index("year")
    assert tb.at[2022, "turnover"] > 700


def test_real_us_share_of_exports(real):
    shares = partner_shares(
        real("trade_by_partner"), real("trade_annual"), "exports", min_coverage_pct=0
    )
    usa = shares[shares["partner"] == "USA"].set_index("year")
    # 2024: 119.5 of 405.53 bn USD: the US is Vietnam's largest export market
    assert usa.at[2024, "share_pct"] == pytest.approx(29.5, abs=0.2)
    assert usa.at[2024, "rank"] == 1


def test_real_growth_and_cagr(real):
    tb = turnover_balance(real("trade_annual")).set_index("year")
    growth = yoy_growth(tb["exports"])
    # exports 2023 → 2024: 355.5 → 405.53 bn USD, about +14 %
    assert growth[2024] == pytest.approx(14.1, abs=0.3)
    assert cagr(tb["exports"], 2015, 2024) > 5


def test_real_top_partners_and_concentration(real):
    tbp, ta = real("trade_by_partner"), real("trade_annual")
    top = top_partners(tbp, ta, 2024, n=2, min_coverage_pct=0)
    assert top["partner"].iloc[0] == "USA"
    assert top["value_usd_bn"].sum() == pytest.approx(
        ta.query("year == 2024 and flow == 'exports'")["value_usd_bn"].item()
    )
    conc = concentration(tbp, ta, min_coverage_pct=0).set_index("year")
    assert conc.at[2024, "hhi"] >= 29.4**2  # the US share alone


def test_real_upgrade_trade_effect(real):
    out = upgrade_trade_effect(
        real("partnership_upgrades"), real("trade_by_partner"), real("trade_annual"), k=3
    )
    # one row per dated upgrade (an undated row cannot be placed in time)
    assert len(out) == real("partnership_upgrades")["date"].notna().sum()
    # upgrades after 2022 cannot have a full 3-year after-window yet
    recent = out[out["date"].dt.year + 3 > 2025]
    assert not recent["complete_window"].any()
    assert recent["note"].str.len().gt(0).all()


def test_fta_coverage_needs_coverage(fta_parties, trade_by_partner, trade_annual, partners):
    out = fta_coverage(fta_parties, trade_by_partner, trade_annual, partners).set_index(
        ["year", "flow"]
    )
    # 2020 exports: countries hold 80 + 50 + 20 + 20 = 170 of 200 = 85 % ≥ 75 %
    assert out.at[(2020, "exports"), "covered_share_pct"] == pytest.approx(85.0)
    assert out.at[(2020, "exports"), "share_pct"] == pytest.approx(20.0)  # KOR + JPN
    # 2023 exports: 200 + EUU 45 = 245 of 330 = 74.2 % < 75 %: no share
    assert out.at[(2023, "exports"), "covered_share_pct"] == pytest.approx(24500 / 330)
    assert pd.isna(out.at[(2023, "exports"), "share_pct"])
    assert out.at[(2023, "exports"), "covered_usd_bn"] == pytest.approx(155.0)


def test_real_fta_coverage(real):
    out = fta_coverage(
        real("fta_parties"), real("trade_by_partner"), real("trade_annual"), real("partners")
    )
    assert not out.empty
    shares = out["share_pct"].dropna()
    assert ((shares >= 0) & (shares <= 100)).all()


def test_real_bilateral_usa(real):
    out = bilateral(real("trade_by_partner"), real("trade_annual"), "USA").set_index("year")
    assert out.at[2021, "balance"] == pytest.approx(96.3 - 15.27)
    with pytest.raises(PartnerError):
        bilateral(real("trade_by_partner"), real("trade_annual"), "Mỹ")


def test_flows_other_than_exports_imports_are_refused(trade_by_partner, trade_annual):
    with_total = pd.concat(
        [trade_annual, pd.DataFrame({"year": [2021], "flow": ["total"], "value_usd_bn": [500.0]})]
    )
    with pytest.raises(ParameterError, match="'total'"):
        turnover_balance(with_total)


def test_metrics_import_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, ngkt_analysis.metrics; "
        "print(sorted(m for m in ('matplotlib', 'plotly', 'pandera', 'nbformat') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
