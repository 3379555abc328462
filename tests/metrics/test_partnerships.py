import pandas as pd
import pytest

import ngkt_analysis as ngkt
from ngkt_analysis import LEVELS, ParameterError, UnitError
from ngkt_analysis.datasets import LEVEL_DTYPE
from ngkt_analysis.metrics.partnerships import (
    ladder,
    level_counts,
    level_counts_by_year,
    partner_levels,
    trade_coverage_by_level,
    upgrades_per_year,
)

# --------------------------------------------------------------------------- partner_levels


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        ("1977-07-17", {}),
        ("1977-07-18", {"LAO": "special"}),
        (
            "2013-12-31",
            {
                "LAO": "special",
                "CHN": "comprehensive_strategic",
                "JPN": "strategic",
                "KOR": "strategic",
                "THA": "strategic",
                "USA": "comprehensive",
            },
        ),
        # the upgrade day itself counts
        ("2023-09-10", {"USA": "comprehensive_strategic", "KOR": "comprehensive_strategic"}),
        ("2023-09-09", {"USA": "comprehensive", "KOR": "comprehensive_strategic"}),
    ],
)
def test_partner_levels_on_fixture(upgrades, as_of, expected):
    got = partner_levels(upgrades, as_of).set_index("partner")["level"].astype(str).to_dict()
    for partner, level in expected.items():
        assert got[partner] == level
    if not expected:
        assert got == {}


def test_partner_levels_columns_order_and_since(upgrades):
    got = partner_levels(upgrades, pd.Timestamp("2023-12-31"))
    assert list(got.columns) == ["partner", "level", "since", "since_known"]
    # highest level first, then by the date it was reached
    assert got["partner"].tolist() == ["LAO", "CHN", "KOR", "USA", "JPN", "THA", "EUU"]
    assert got.set_index("partner").at["KOR", "since"] == pd.Timestamp("2022-12-05")
    assert isinstance(got["level"].dtype, pd.CategoricalDtype)


def test_partner_levels_accepts_date_objects(upgrades):
    import datetime as dt

    a = partner_levels(upgrades, dt.date(2022, 12, 31))
    b = partner_levels(upgrades, "2022-12-31")
    pd.testing.assert_frame_equal(a, b)


def test_partner_levels_empty_and_missing_dates(upgrades):
    empty = partner_levels(upgrades.iloc[0:0], "2024-01-01")
    assert empty.empty and list(empty.columns) == ["partner", "level", "since", "since_known"]
    undated = upgrades.copy()
    undated.loc[undated["partner"].eq("LAO"), "date"] = pd.NaT  # cannot be placed: ignored
    assert "LAO" not in partner_levels(undated, "2024-01-01")["partner"].tolist()


def test_undated_framework_counts_from_its_attested_date(upgrades):
    undated = upgrades.copy()
    undated["attested"] = pd.NaT
    lao = undated["partner"].eq("LAO")
    undated.loc[lao, "date"] = pd.NaT
    undated.loc[lao, "attested"] = pd.Timestamp("2005-03-01")
    before = partner_levels(undated, "2005-02-28")
    assert "LAO" not in before["partner"].tolist()
    after = partner_levels(undated, "2024-01-01").set_index("partner")
    assert after.at["LAO", "level"] == "special"
    assert after.at["LAO", "since"] == pd.Timestamp("2005-03-01")
    assert not after.at["LAO", "since_known"] and after["since_known"].drop("LAO").all()
    counts = level_counts(undated, ["2024-01-01"]).set_index("level")["count"]
    assert counts["special"] == 1
    # an attested date is not an upgrade: no step on the ladder, no upgrade that year
    assert "LAO" not in ladder(undated)["partner"].tolist()
    per_year = upgrades_per_year(undated)
    assert 2005 not in per_year.loc[per_year["upgrades"] > 0, "year"].tolist()


@pytest.mark.parametrize("bad", ["not a date", "2023-13-45", None])
def test_partner_levels_bad_date(upgrades, bad):
    with pytest.raises(ParameterError, match="as_of"):
        partner_levels(upgrades, bad)


def test_partner_levels_unknown_level(upgrades):
    broken = upgrades.assign(level=upgrades["level"].astype(str).replace("strategic", "friendly"))
    with pytest.raises(ParameterError, match="friendly"):
        partner_levels(broken, "2024-01-01")


# --------------------------------------------------------------------------- level counts


def test_level_counts_on_fixture(upgrades):
    got = level_counts(upgrades, ["2023-09-10", "2022-12-31", "2022-12-31"])
    assert len(got) == 2 * len(LEVELS)  # duplicates dropped, all levels present
    table = got.pivot_table(index="date", columns="level", values="count", observed=True)
    table = table[list(LEVELS)]  # highest level first
    # end-2022: LAO special; CHN, KOR CSP; JPN, THA, EUU strategic; USA comprehensive
    assert table.loc["2022-12-31"].tolist() == [1, 2, 3, 1]
    # 2023-09-10: USA moves up to CSP
    assert table.loc["2023-09-10"].tolist() == [1, 3, 3, 0]


def test_level_counts_by_year_on_fixture(upgrades):
    got = level_counts_by_year(upgrades, 2022, 2024)
    csp = got[got["level"] == "comprehensive_strategic"]
    assert csp["year"].tolist() == [2022, 2023, 2024]
    assert csp["count"].tolist() == [2, 4, 4]
    assert len(got) == 3 * 4
    single = level_counts_by_year(upgrades, 2000, 2000)
    assert single.set_index("level")["count"].to_dict() == {
        "special": 1,
        "comprehensive_strategic": 0,
        "strategic": 0,
        "comprehensive": 0,
    }


@pytest.mark.parametrize(("start", "end"), [(2024, 2022), ("2022", 2024), (2022, 2024.0)])
def test_level_counts_by_year_bad_bounds(upgrades, start, end):
    with pytest.raises(ParameterError):
        level_counts_by_year(upgrades, start, end)


def test_upgrades_per_year_on_fixture(upgrades):
    got = upgrades_per_year(upgrades)
    assert got["year"].min() == 1977 and got["year"].max() == 2023
    assert len(got) == (2023 - 1977 + 1) * 4  # quiet years are rows of zeros
    table = got.pivot_table(index="year", columns="level", values="upgrades", observed=True)
    table = table[list(LEVELS)]  # highest level first
    assert table.loc[2023, "comprehensive_strategic"] == 2  # USA, JPN
    assert table.loc[2022, "comprehensive_strategic"] == 1  # KOR
    assert table.loc[2013].tolist() == [0, 0, 1, 1]  # THA strategic, USA comprehensive
    assert table.loc[1990].sum() == 0
    assert got["upgrades"].sum() == len(upgrades)
    assert upgrades_per_year(upgrades.iloc[0:0]).empty


# --------------------------------------------------------------------------- ladder


def test_ladder_on_fixture(upgrades):
    got = ladder(upgrades).set_index(["partner", "level"])
    kor = got.loc["KOR"]
    assert kor.index.astype(str).tolist() == [
        "comprehensive",
        "strategic",
        "comprehensive_strategic",
    ]
    assert pd.isna(kor.iloc[0]["previous_level"]) and pd.isna(kor.iloc[0]["years_from_previous"])
    # 2009-10-21 → 2022-12-05 is 4793 days
    assert kor.loc["comprehensive_strategic", "years_from_previous"] == pytest.approx(4793 / 365.25)
    assert kor.loc["comprehensive_strategic", "previous_level"] == "strategic"
    usa = got.loc[("USA", "comprehensive_strategic")]
    assert usa["skipped_levels"] == ["strategic"]
    assert usa["previous_date"] == pd.Timestamp("2013-07-25")
    # a first framework is an entry, not a skip; special is outside the ladder
    assert got.loc[("CHN", "comprehensive_strategic"), "skipped_levels"] == []
    assert got.loc[("LAO", "special"), "skipped_levels"] == []


@pytest.mark.parametrize(
    ("previous", "level", "skipped"),
    [
        ("comprehensive", "strategic", []),
        ("comprehensive", "comprehensive_strategic", ["strategic"]),
        ("strategic", "comprehensive_strategic", []),
        ("comprehensive_strategic", "special", []),
        ("comprehensive", "special", []),
    ],
)
def test_ladder_skips_table(previous, level, skipped):
    up = pd.DataFrame(
        {
            "partner": ["XXX", "XXX"],
            "level": [previous, level],
            "date": pd.to_datetime(["2010-01-01", "2020-01-01"]),
        }
    )
    assert ladder(up)["skipped_levels"].tolist() == [[], skipped]


def test_ladder_same_day_lower_level_first():
    up = pd.DataFrame(
        {
            "partner": ["XXX", "XXX"],
            "level": ["comprehensive_strategic", "strategic"],
            "date": pd.to_datetime(["2020-01-01", "2020-01-01"]),
        }
    )
    got = ladder(up)
    assert got["level"].astype(str).tolist() == ["strategic", "comprehensive_strategic"]
    assert got["years_from_previous"].tolist()[1] == 0.0


# --------------------------------------------------------------------------- coverage


def _coverage(cov, year, level, flow):
    row = cov[(cov["year"] == year) & (cov["level"] == level) & (cov["flow"] == flow)]
    assert len(row) == 1
    return row.iloc[0]


@pytest.mark.parametrize(
    ("year", "level", "flow", "value", "share", "partners", "without"),
    [
        # end-2021: CHN CSP (50 of 250); JPN 20 + KOR 20 + THA 10 strategic (EUU is a bloc: out)
        (2021, "comprehensive_strategic", "exports", 50.0, 20.0, 1, 0),
        (2021, "strategic", "exports", 50.0, 20.0, 3, 0),
        (2021, "comprehensive", "exports", 100.0, 40.0, 1, 0),
        (2021, "special", "exports", 0.0, 0.0, 1, 1),  # LAO: no trade rows
        # end-2022: KOR joined CHN (2022-12-05): 55 + 25 of 300
        (2022, "comprehensive_strategic", "exports", 80.0, 80 / 3, 2, 0),
        # end-2023: USA 90 + CHN 60 + KOR 25 + JPN 25 of 330
        (2023, "comprehensive_strategic", "exports", 200.0, 200 / 3.3, 4, 0),
        # JPN has no 2023 imports: 15 + 110 + 50 of 270, one partner without data
        (2023, "comprehensive_strategic", "imports", 175.0, 17500 / 270, 4, 1),
        # total needs both flows: USA 105 + CHN 170 + KOR 75 of 600
        (2023, "comprehensive_strategic", "total", 350.0, 350 / 6, 4, 1),
        (2023, "strategic", "exports", 0.0, 0.0, 1, 1),  # THA unlisted in 2023
        (2023, "comprehensive", "total", 0.0, 0.0, 0, 0),  # nobody left at that level
    ],
)
def test_trade_coverage_by_level_on_fixture(
    upgrades, trade_by_partner, trade_annual, year, level, flow, value, share, partners, without
):
    cov = trade_coverage_by_level(upgrades, trade_by_partner, trade_annual, min_coverage_pct=0)
    row = _coverage(cov, year, level, flow)
    assert row["value_usd_bn"] == pytest.approx(value)
    assert row["share_pct"] == pytest.approx(share)
    assert row["partners"] == partners
    assert row["partners_without_data"] == without


def test_trade_coverage_by_level_needs_coverage(upgrades, trade_by_partner, trade_annual):
    cov = trade_coverage_by_level(upgrades, trade_by_partner, trade_annual)
    # 2021 exports: countries hold 200 of 250 = 80 % ≥ 75 %: shares given
    above = _coverage(cov, 2021, "comprehensive_strategic", "exports")
    assert above["covered_share_pct"] == pytest.approx(80.0)
    assert above["share_pct"] == pytest.approx(20.0)
    # 2023 exports: 60.6 % < 75 %: the sum stays (a lower bound), the share is NaN
    below = _coverage(cov, 2023, "comprehensive_strategic", "exports")
    assert below["covered_share_pct"] == pytest.approx(200 / 3.3)
    assert below["value_usd_bn"] == pytest.approx(200.0) and pd.isna(below["share_pct"])


def test_trade_coverage_by_level_shape(upgrades, trade_by_partner, trade_annual):
    cov = trade_coverage_by_level(upgrades, trade_by_partner, trade_annual)
    assert list(cov.columns)[:6] == [
        "year",
        "level",
        "flow",
        "value_usd_bn",
        "total_usd_bn",
        "share_pct",
    ]
    # 2019 has a total but no partner rows: not a year of the table
    assert sorted(cov["year"].unique()) == [2020, 2021, 2022, 2023]
    assert len(cov) == 4 * 4 * 3
    # the level rows never exceed the total (the unmatched remainder is not a row)
    sums = cov.groupby(["year", "flow"])["share_pct"].sum()
    assert (sums <= 100).all()


def test_trade_coverage_by_level_zero_total_and_units(upgrades, trade_by_partner, trade_annual):
    zero = trade_annual.assign(value_usd_bn=0.0)
    cov = trade_coverage_by_level(upgrades, trade_by_partner, zero)
    assert cov["share_pct"].isna().all()  # never inf
    wrong = trade_annual.copy()
    wrong.attrs["units"] = {"value_usd_bn": "million USD"}
    with pytest.raises(UnitError, match="million USD"):
        trade_coverage_by_level(upgrades, trade_by_partner, wrong)


def test_trade_coverage_by_level_empty(upgrades, trade_by_partner, trade_annual):
    cov = trade_coverage_by_level(upgrades, trade_by_partner.iloc[0:0], trade_annual)
    assert cov.empty


# --------------------------------------------------------------------------- real data


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2022, {"CHN", "RUS", "IND", "KOR"}),
        (2023, {"CHN", "RUS", "IND", "KOR", "USA", "JPN"}),
        (2024, {"CHN", "RUS", "IND", "KOR", "USA", "JPN", "AUS", "FRA", "MYS"}),
    ],
)
def test_real_comprehensive_strategic_partners(real, year, expected):
    up = real("partnership_upgrades")
    held = partner_levels(up, f"{year}-12-31")
    csp = set(held.loc[held["level"] == "comprehensive_strategic", "partner"])
    assert csp == expected
    counts = level_counts_by_year(up, year, year).set_index("level")["count"]
    assert counts["comprehensive_strategic"] == len(expected)


def test_real_top_level_wrapper():
    got = ngkt.partner_levels("2024-12-31")
    assert list(got.columns) == ["partner", "level", "since", "since_known"]
    assert got.set_index("partner").at["USA", "level"] == "comprehensive_strategic"


def test_real_ladder_usa_skipped_strategic(real):
    lad = ladder(real("partnership_upgrades")).set_index(["partner", "level"])
    usa = lad.loc[("USA", "comprehensive_strategic")]
    assert usa["skipped_levels"] == ["strategic"]
    assert usa["previous_date"].year == 2013
    assert usa["years_from_previous"] == pytest.approx(10.1, abs=0.1)


def test_real_upgrades_per_year(real):
    per_year = upgrades_per_year(real("partnership_upgrades"))
    csp = per_year[per_year["level"] == "comprehensive_strategic"].set_index("year")["upgrades"]
    assert csp[2023] == 2  # USA (September), Japan (November)
    assert csp[2024] == 3  # Australia, France, Malaysia


def test_real_trade_coverage_by_level(real):
    cov = trade_coverage_by_level(
        real("partnership_upgrades"), real("trade_by_partner"), real("trade_annual")
    )
    assert not cov.empty
    assert set(cov["level"].astype(str)) == set(LEVELS)
    assert ((cov["share_pct"] >= 0) & (cov["share_pct"] <= 100) | cov["share_pct"].isna()).all()
    # blocs are never counted: no EUU / ASEAN value can sit in a level row
    csp_2024 = cov[(cov["year"] == 2024) & (cov["level"] == "comprehensive_strategic")]
    exports = csp_2024.set_index("flow").loc["exports"]
    # at least the US and China (both CSP by end-2024) are in the 2024 export sum
    assert exports["value_usd_bn"] >= 119.5 + 61.2 - 1e-9


def test_trade_coverage_nan_value_counts_as_missing(upgrades, trade_by_partner, trade_annual):
    nan_kor = trade_by_partner.copy()
    hit = nan_kor["year"].eq(2021) & nan_kor["partner"].eq("KOR") & nan_kor["flow"].eq("exports")
    nan_kor.loc[hit, "value_usd_bn"] = float("nan")
    row = _coverage(
        trade_coverage_by_level(upgrades, nan_kor, trade_annual), 2021, "strategic", "exports"
    )
    assert row["value_usd_bn"] == 30.0  # JPN 20 + THA 10: the NaN is skipped …
    assert row["partners_without_data"] == 1  # … and reported


def test_load_and_metrics_compare_levels_the_same_way():
    loaded = ngkt.load("partnership_upgrades")
    held = ngkt.partner_levels("2025-12-31")
    assert loaded["level"].dtype == held["level"].dtype == LEVEL_DTYPE
    assert loaded["level"].max() == held["level"].max() == "special"
    at_least = set(held.loc[held["level"] >= "strategic", "level"].astype(str))
    assert at_least == {"special", "comprehensive_strategic", "strategic"}
    strategic_up = loaded.loc[loaded["level"] >= "strategic", "level"].astype(str)
    assert "comprehensive" not in set(strategic_up)
