import importlib
import os
from pathlib import Path

import pandas as pd
import pytest

import ngkt_analysis as ngkt
from ngkt_analysis.errors import DatasetError

NAMES = [
    "partners",
    "partnership_upgrades",
    "trade_annual",
    "trade_by_partner",
    "ftas",
    "fta_parties",
    "bloc_changes",
    "events",
    "activity_tallies",
]


def replace_line(path: Path, line: int, old: str, new: str) -> None:
    """Edit one physical line of a CSV (1-based, header = line 1)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line - 1], f"{old!r} not on line {line}: {lines[line - 1]!r}"
    lines[line - 1] = lines[line - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


# --------------------------------------------------------------------------- the real data


@pytest.mark.parametrize("name", NAMES)
def test_real_datasets_load_with_provenance(name):
    df = ngkt.load(name)
    assert len(df) > 0
    assert df.attrs["name"] == name
    assert len(df.attrs["sha256"]) == 64
    assert df.attrs["path"].endswith(f"{name}.csv")
    assert df["source_url"].str.match(r"https?://").all()


def test_datasets_lists_every_table_with_counts():
    table = ngkt.datasets().set_index("name")
    assert list(table.index) == NAMES
    assert (table["rows"] > 0).all()
    assert table.loc["events", "rows"] >= 120
    assert table.loc["trade_annual", "start"] <= 1995


def test_real_types():
    up = ngkt.load("partnership_upgrades")
    assert str(up["date"].dtype) == "datetime64[ns]"
    assert up["level"].cat.ordered
    assert up["level"].max() == "special"
    assert set(up["precision"].cat.categories) == {"day", "month", "year"}
    events = ngkt.load("events")
    assert isinstance(events["partners"].iloc[0], list)
    assert ngkt.load("trade_annual")["value_usd_bn"].dtype == "float64"


def test_directive_15_is_dated_10_august_2022():
    ev = ngkt.load("events")
    hit = ev[ev["title_vi"].str.contains("15-CT/TW") & ev["type"].eq("directive")]
    assert hit["date"].dt.strftime("%Y-%m-%d").tolist() == ["2022-08-10"]


def test_directive_41_is_dated_15_april_2010():
    ev = ngkt.load("events")
    hit = ev[ev["title_vi"].str.contains("41-CT/TW") & ev["type"].eq("directive")]
    assert hit["date"].dt.strftime("%Y-%m-%d").tolist() == ["2010-04-15"]


def test_trade_turnover_2022_above_700_bn():
    ta = ngkt.load("trade_annual")
    assert ta.loc[ta["year"].eq(2022), "value_usd_bn"].sum() > 700
    assert set(ta.loc[ta["year"].eq(2022), "flow"]) == {"exports", "imports"}


@pytest.mark.parametrize(
    ("partner", "level", "year"),
    [
        ("CHN", "comprehensive_strategic", 2008),
        ("RUS", "comprehensive_strategic", 2012),
        ("IND", "comprehensive_strategic", 2016),
        ("KOR", "comprehensive_strategic", 2022),
        ("USA", "comprehensive", 2013),
        ("USA", "comprehensive_strategic", 2023),
        ("JPN", "comprehensive_strategic", 2023),
        ("AUS", "comprehensive_strategic", 2024),
        ("FRA", "comprehensive_strategic", 2024),
        ("MYS", "comprehensive_strategic", 2024),
        ("NZL", "comprehensive_strategic", 2025),
        ("LAO", "special", None),
        ("KHM", "special", None),
    ],
)
def test_partnership_facts(partner, level, year):
    up = ngkt.load("partnership_upgrades")
    row = up[up["partner"].eq(partner) & up["level"].eq(level)]
    assert len(row) == 1
    if year is not None:
        assert row["date"].dt.year.item() == year


def test_us_csp_date_is_10_september_2023():
    up = ngkt.load("partnership_upgrades")
    row = up[up["partner"].eq("USA") & up["level"].eq("comprehensive_strategic")]
    assert row["date"].dt.strftime("%Y-%m-%d").item() == "2023-09-10"
    assert row["precision"].item() == "day"


def test_every_partner_code_in_any_dataset_is_known():
    codes = set(ngkt.load("partners")["iso3"])
    used = set(ngkt.load("partnership_upgrades")["partner"]) | set(
        ngkt.load("trade_by_partner")["partner"]
    )
    used |= set(ngkt.load("events")["partners"].explode().dropna())
    used |= set(ngkt.load("ftas")["members"].explode().dropna())
    assert used <= codes


def test_iso_codes_are_real_iso_3166():
    pycountry = pytest.importorskip("pycountry")
    codes = set(ngkt.load("partners")["iso3"]) - {"EUU", "ASEAN"}
    unknown = {c for c in codes if pycountry.countries.get(alpha_3=c) is None}
    assert unknown == set()


@pytest.mark.parametrize(
    ("seed", "day", "kind"),
    [
        ("000: 32nd Diplomatic Conference, economic-diplomacy plenary", "2023-12-21", "conference"),
        ("001: PM's conference with overseas missions", "2024-04-02", "conference"),
        ("002: MOFA mid-year review of economic diplomacy", "2022-07-05", "conference"),
        ("003: MOFA review of the diplomatic sector's 2022 work", "2023-01-10", "conference"),
        ("004: conference launching the action programme", "2023-03-09", "conference"),
        ("001/004: Directive 15-CT/TW", "2022-08-10", "directive"),
        ("001: Directive 41-CT/TW", "2010-04-15", "directive"),
    ],
)
def test_seed_articles_are_represented_in_events(seed, day, kind):
    ev = ngkt.load("events")
    hit = ev[ev["date"].eq(pd.Timestamp(day)) & ev["type"].eq(kind)]
    assert len(hit) >= 1, seed


def test_text_is_nfc_everywhere():
    for name in NAMES:
        df = ngkt.load(name)
        text = df.select_dtypes("object").astype(str)
        assert (text.apply(lambda s: s.str.normalize("NFC")) == text).all().all(), name


# --------------------------------------------------------------------------- loader mechanics


def test_unknown_dataset_lists_the_names():
    names = "activity_tallies, bloc_changes, events, fta_parties, ftas"
    with pytest.raises(DatasetError, match=rf"unknown dataset 'evnts'; one of: {names}"):
        ngkt.load("evnts")


def test_data_dir_argument_and_environment(fixture_data, monkeypatch):
    assert len(ngkt.load("trade_annual", data_dir=fixture_data)) == 2
    monkeypatch.setenv("NGKT_DATA_DIR", str(fixture_data))
    assert len(ngkt.load("trade_annual")) == 2
    assert ngkt.resolve_partner("Úc") == "AUS"


def test_load_returns_an_independent_copy(fixture_data):
    a = ngkt.load("trade_annual", data_dir=fixture_data)
    a.loc[0, "value_usd_bn"] = -1.0
    assert ngkt.load("trade_annual", data_dir=fixture_data).loc[0, "value_usd_bn"] == 371.85


def test_partial_dates_become_first_day_of_period(fixture_data):
    up = ngkt.load("partnership_upgrades", data_dir=fixture_data).set_index("partner")
    assert up.loc["AUS", "date"] == pd.Timestamp("2009-09-01")
    assert up.loc["CHN", "date"] == pd.Timestamp("2008-01-01")
    ftas = ngkt.load("ftas", data_dir=fixture_data)
    assert ftas.loc[0, "in_force_precision"] == "month"


BROKEN = [
    # file, line, old, new, column, message fragment
    (
        "partnership_upgrades.csv",
        3,
        "comprehensive_strategic",
        "comprehensive strategic",
        "level",
        "one of: special, comprehensive_strategic, strategic, comprehensive",
    ),
    (
        "partnership_upgrades.csv",
        2,
        "2013-07-25",
        "2013-02-30",
        "date",
        "a date written YYYY-MM-DD",
    ),
    (
        "partnership_upgrades.csv",
        4,
        "2009-09,month",
        "2009-09,day",
        "date",
        "a date whose length matches its 'precision'",
    ),
    ("partnership_upgrades.csv", 5, "CHN,", "XXX,", "partner", "listed in partners.csv"),
    ("partnership_upgrades.csv", 3, "https://example.org/b", "", "source_url", "required"),
    ("trade_annual.csv", 2, "2022,exports", "2099,exports", "year", "a year not after"),
    ("trade_annual.csv", 2, "1.85", "1,85", None, "fields"),
    ("trade_annual.csv", 3, "358.9", "-358.9", "value_usd_bn", "at least 0"),
    ("trade_annual.csv", 3, "358.9", "n/a", "value_usd_bn", "a number with '.'"),
    ("trade_annual.csv", 3, "final", "provisional", "status", "final, preliminary, estimate"),
    ("trade_annual.csv", 3, "imports", "exports", "year, flow", "a unique key (year, flow)"),
    ("events.csv", 3, "USA;ASEAN", "USA;ZZZ", "partners", "partner code (';'-separated list)"),
    ("events.csv", 2, "directive", "decree", "type", "one of: conference, visit"),
    ("events.csv", 2, ",false,", ",no,", "high_level", "one of: true, false"),
    ("events.csv", 2, ",false,", ",,", "high_level", "required"),
    ("ftas.csv", 2, "2004-11-29", "29/11/2004", "signed", "a date written YYYY-MM-DD"),
    ("partners.csv", 3, "Oceania", "Australasia", "region", "one of: Southeast Asia"),
    ("partners.csv", 3, "CPTPP", "TPP", "groups", "each one of: ASEAN, EU"),
]


@pytest.mark.parametrize(("file", "line", "old", "new", "column", "expected"), BROKEN)
def test_broken_copies_name_file_line_column(fixture_data, file, line, old, new, column, expected):
    replace_line(fixture_data / file, line, old, new)
    name = file.removesuffix(".csv")
    with pytest.raises(DatasetError) as info:
        ngkt.load(name, data_dir=fixture_data)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.file.endswith(file)
    assert err.line == line
    assert err.column == column
    assert expected in str(err)
    assert f"line {line}" in str(err)


def test_turnover_beside_both_flows_is_refused(fixture_data):
    path = fixture_data / "trade_by_partner.csv"
    with path.open("a", encoding="utf-8") as fh:  # lines 3, 4, 5
        fh.write("2022,USA,imports,13.0,final,,https://example.org/t\n")
        fh.write("2022,USA,turnover,122.4,final,,https://example.org/t\n")
        fh.write("2022,CHN,turnover,175.6,final,,https://example.org/t\n")
    with pytest.raises(DatasetError) as info:
        ngkt.load("trade_by_partner", data_dir=fixture_data)
    err = info.value
    assert (err.line, err.column, err.value) == (4, "flow", "turnover")
    assert "no 'turnover' row beside 'exports' and 'imports' rows" in str(err)
    assert len(err.problems) == 1  # CHN's turnover alone is fine


def test_turnover_beside_one_flow_is_the_stated_total(fixture_data):
    path = fixture_data / "trade_by_partner.csv"
    with path.open("a", encoding="utf-8") as fh:
        fh.write("2022,USA,turnover,122.4,final,,https://example.org/t\n")
    tbp = ngkt.load("trade_by_partner", data_dir=fixture_data)
    assert sorted(tbp["flow"].astype(str)) == ["exports", "turnover"]


def test_high_level_is_a_boolean(fixture_data):
    events = ngkt.load("events", data_dir=fixture_data)
    assert events["high_level"].dtype == bool
    assert events["high_level"].tolist()[:2] == [False, True]


def test_missing_column_is_named(fixture_data):
    replace_line(fixture_data / "events.csv", 1, ",location,", ",place,")
    with pytest.raises(DatasetError, match=r"events.csv, line 1, column 'location'"):
        ngkt.load("events", data_dir=fixture_data)


def test_not_utf8_is_reported(fixture_data):
    path = fixture_data / "partners.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1258", errors="replace"))
    with pytest.raises(DatasetError, match="UTF-8"):
        ngkt.load("partners", data_dir=fixture_data)


def test_non_nfc_text_is_reported(fixture_data):
    decomposed = "Ho\u0061\u0300 Kỳ"  # 'à' written as a + combining grave
    replace_line(fixture_data / "partners.csv", 2, "Hoa Kỳ", decomposed)
    with pytest.raises(DatasetError, match=r"line 2, column 'name_vi'.*NFC"):
        ngkt.load("partners", data_dir=fixture_data)


def test_missing_file_is_reported(fixture_data):
    os.remove(fixture_data / "ftas.csv")
    with pytest.raises(DatasetError, match=r"ftas\.csv: expected an existing CSV file"):
        ngkt.load("ftas", data_dir=fixture_data)


def test_all_problems_are_collected(fixture_data):
    replace_line(fixture_data / "trade_annual.csv", 2, "exports", "export")
    replace_line(fixture_data / "trade_annual.csv", 3, "final", "finished")
    with pytest.raises(DatasetError) as info:
        ngkt.load("trade_annual", data_dir=fixture_data)
    assert [(p.line, p.column) for p in info.value.problems] == [(2, "flow"), (3, "status")]


def test_known_gaps_are_declared_in_the_catalog():
    tbp = ngkt.load("trade_by_partner")
    assert any("242 partner-years" in g for g in tbp.attrs["gaps"])
    table = ngkt.datasets().set_index("name")
    assert table.loc["trade_annual", "known_gaps"] >= 1


# --------------------------------------------------------------------------- the table cache

LOAD_EVENTS = (
    "import sys, ngkt_analysis as ngkt; df = ngkt.load('events', data_dir=sys.argv[1]);"
    "print(len(df), df.attrs['sha256'][:12], 'pandera' in sys.modules)"
)


def test_a_validated_table_is_read_back_by_the_next_process(fixture_data, tmp_path):
    import subprocess
    import sys

    env = {**os.environ, "NGKT_CACHE_DIR": str(tmp_path / "cache")}
    runs = [
        subprocess.run(
            [sys.executable, "-c", LOAD_EVENTS, str(fixture_data)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs[0][:2] == runs[1][:2]  # the same table
    assert (runs[0][2], runs[1][2]) == ("True", "False")  # validated once, then read back
    assert len(list((tmp_path / "cache" / "tables").glob("*.pickle"))) == 2  # events, partners


def test_a_changed_file_is_validated_again_not_read_from_the_cache(
    fixture_data, tmp_path, monkeypatch
):
    monkeypatch.setenv("NGKT_CACHE_DIR", str(tmp_path / "cache"))
    assert len(ngkt.load("events", data_dir=fixture_data))
    replace_line(fixture_data / "events.csv", 2, "directive", "decree")
    with pytest.raises(DatasetError, match="line 2"):
        ngkt.load("events", data_dir=fixture_data)


def test_a_broken_cache_entry_is_ignored_and_replaced(fixture_data, tmp_path, monkeypatch):
    datasets = importlib.import_module("ngkt_analysis.datasets")  # the package names a function so

    monkeypatch.setenv("NGKT_CACHE_DIR", str(tmp_path / "cache"))
    expected = ngkt.load("events", data_dir=fixture_data)
    for entry in (tmp_path / "cache" / "tables").glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    datasets._load_cached.cache_clear()  # past this process's own cache, to the folder
    pd.testing.assert_frame_equal(ngkt.load("events", data_dir=fixture_data), expected)
    entries = list((tmp_path / "cache" / "tables").glob("*.pickle"))
    assert entries and all(e.read_bytes() != b"not a pickle" for e in entries)


def test_the_cache_can_be_turned_off(fixture_data, tmp_path, monkeypatch):
    datasets = importlib.import_module("ngkt_analysis.datasets")  # the package names a function so

    monkeypatch.setenv("NGKT_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    datasets._load_cached.cache_clear()
    assert len(ngkt.load("events", data_dir=fixture_data))
    assert not (tmp_path / "xdg").exists()
