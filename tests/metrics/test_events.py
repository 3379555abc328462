import datetime as dt

import pandas as pd
import pytest

from ngkt_analysis import ParameterError, PartnerError
from ngkt_analysis.metrics.events import (
    activity_count,
    directive_lag,
    events_per_period,
    partner_timeline,
)

# --------------------------------------------------------------------------- events_per_period


def test_events_per_period_year_by_type(events):
    out = events_per_period(events)
    assert list(out.columns) == ["period", "start", "type", "events"]
    table = out.pivot_table(index="period", columns="type", values="events", observed=True)
    assert table.loc["2022"].to_dict() == {
        "conference": 0,
        "directive": 1,
        "meeting": 0,
        "other": 0,
        "resolution": 0,
        "signing": 0,
        "visit": 1,
    }
    assert table.loc["2023"].sum() == 4 and table.loc["2024"].sum() == 3
    # every period × every observed type, zeros included
    assert len(out) == 3 * 7
    assert out["events"].sum() == len(events)


@pytest.mark.parametrize(
    ("freq", "periods", "total"),
    [
        ("year", 3, 9),
        # the year-precision 2024 conference has no known quarter or month: left out
        ("quarter", 8, 8),  # 2022Q3 … 2024Q2
        ("month", 22, 8),  # 2022-08 … 2024-05
    ],
)
def test_events_per_period_frequencies(events, freq, periods, total):
    out = events_per_period(events, freq=freq, by=())
    assert len(out) == periods
    assert out["events"].sum() == total


def test_events_per_period_labels_and_months(events):
    out = events_per_period(events, freq="quarter", by=()).set_index("period")
    assert out.at["2023Q1", "events"] == 2  # resolution 1 Jan, the February meeting
    assert out.at["2023Q2", "events"] == 0
    assert out.at["2023Q1", "start"] == pd.Timestamp("2023-01-01")


def test_events_per_period_by_partner(events):
    out = events_per_period(events, by=("partner",))
    usa = out[out["partner"] == "USA"].set_index("period")["events"]
    assert usa.to_dict() == {"2022": 0, "2023": 1, "2024": 1}
    domestic = out[out["partner"].isna()].set_index("period")["events"]
    assert domestic.to_dict() == {"2022": 1, "2023": 1, "2024": 2}
    # an event with two partners counts once for each
    assert out["events"].sum() == len(events) + 2


def test_events_per_period_edges(events):
    assert events_per_period(events.iloc[0:0]).empty
    with pytest.raises(ParameterError, match="freq"):
        events_per_period(events, freq="week")
    with pytest.raises(ParameterError, match="by"):
        events_per_period(events, by=("city",))


# --------------------------------------------------------------------------- activity_count


@pytest.mark.parametrize(
    ("start", "end", "types", "expected"),
    [
        ("2023-01-01", None, ("visit", "meeting", "conference", "signing"), 5),
        ("2023-01-01", "2024-12-31", ("visit", "meeting", "conference", "signing"), 5),
        ("2023-01-01", "2023-12-31", ("visit", "meeting", "conference", "signing"), 3),
        ("2022-11-20", "2022-11-20", ("visit",), 1),  # both ends included
        (dt.date(2022, 1, 1), pd.Timestamp("2024-12-31"), ("visit",), 3),
        ("2022-01-01", None, ("directive", "resolution"), 2),
        ("2025-01-01", None, ("visit",), 0),
        ("2022-01-01", None, "visit", 3),  # a single type as a string
    ],
)
def test_activity_count(events, start, end, types, expected):
    assert activity_count(events, start, end, types=types) == expected


def test_activity_count_default_types_and_errors(events):
    assert activity_count(events, "2023-01-01") == 5
    assert activity_count(events.iloc[0:0], "2023-01-01") == 0
    with pytest.raises(ParameterError, match="types"):
        activity_count(events, "2023-01-01", types=("party",))
    with pytest.raises(ParameterError, match="end"):
        activity_count(events, "2024-01-01", "2023-01-01")
    with pytest.raises(ParameterError, match="start"):
        activity_count(events, "early 2023")


# --------------------------------------------------------------------------- partner_timeline


def test_partner_timeline(events, partners):
    usa = partner_timeline(events, "USA")
    assert usa["title_en"].tolist() == ["Visit of the US President", "Visit to Australia"]
    assert usa["date"].is_monotonic_increasing
    assert partner_timeline(events, "ASEAN")["type"].astype(str).tolist() == ["meeting"]
    assert partner_timeline(events, "KOR", partners=partners).empty
    with pytest.raises(PartnerError, match="'KOR'"):
        partner_timeline(events, "KOR")  # without partners.csv, nothing says KOR exists
    with pytest.raises(PartnerError, match="USA"):
        partner_timeline(events, "USB")
    with pytest.raises(PartnerError):
        partner_timeline(events, "XYZ", partners=partners)


# --------------------------------------------------------------------------- directive_lag


@pytest.mark.parametrize(
    "document",
    # "economic diplomacy" also matches the later resolution: the earliest document is taken
    ["15-CT/TW", "chỉ thị 15", "2022-08-10", dt.date(2022, 8, 10), "economic diplomacy"],
)
def test_directive_lag_finds_the_document(events, document):
    out = directive_lag(events, document)
    assert out.attrs["document"]["date"] == "2022-08-10"
    # 2022-08-10 → 2022-11-20 = 21 + 30 + 31 + 20 = 102 days
    assert out.iloc[0][["title_en", "days_after"]].tolist() == ["Visit to Thailand", 102]
    assert out["days_after"].tolist() == [102, 175, 396, 489, 509, 575]
    assert list(out.columns) == ["date", "type", "title_en", "days_after"]


def test_directive_lag_options(events):
    out = directive_lag(events, "21/NQ-CP", types=("visit",), within_days=300)
    assert out["title_en"].tolist() == ["Visit of the US President"]
    assert out["days_after"].tolist() == [252]
    with_docs = directive_lag(events, "15-CT/TW", types=("resolution",))
    assert with_docs["days_after"].tolist() == [144]  # the document itself is never listed


@pytest.mark.parametrize(
    ("document", "match"),
    [
        ("Resolution 99", "no directive or resolution"),
        ("2023-09-10", "no directive or resolution"),  # a visit's date, not a document's
    ],
)
def test_directive_lag_errors(events, document, match):
    with pytest.raises(ParameterError, match=match):
        directive_lag(events, document)


def test_directive_lag_same_day_documents_are_ambiguous(events):
    twin = events.iloc[[0]].assign(title_en="Directive 16-CT/TW on economic diplomacy")
    with pytest.raises(ParameterError, match="several documents on one day"):
        directive_lag(pd.concat([events, twin]), "economic diplomacy")


# --------------------------------------------------------------------------- real data


def test_real_directive_15_lag(real):
    out = directive_lag(real("events"), "15-CT/TW")
    assert out.attrs["document"]["date"] == "2022-08-10"
    assert len(out) > 0 and (out["days_after"] >= 0).all()


def test_real_high_level_activity_since_2023(real):
    events = real("events")
    since_2023 = activity_count(events, "2023-01-01", "2025-12-31")
    assert since_2023 >= 30  # the seeds cite "nearly 60" such activities since early 2023
    per_year = events_per_period(events, by=())
    assert per_year["events"].sum() == len(events)


def test_real_partner_timeline_usa(real):
    usa = partner_timeline(real("events"), "USA", partners=real("partners"))
    assert (usa["date"].dt.date == dt.date(2023, 9, 10)).any()  # the CSP upgrade visit
