"""Event-timeline metrics: counts per period, cadence of high-level activity, timelines, lags.

Input is the ``events`` frame: ``date`` (first day of the period when ``precision`` is month or
year), ``precision``, ``type``, ``title_en``, ``partners`` (a list of codes per event). Windows
are inclusive of both ends and compare the loaded ``date``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Collection, Sequence

import pandas as pd

from ngkt_analysis.datasets import catalog_field
from ngkt_analysis.errors import ParameterError, PartnerError
from ngkt_analysis.metrics import _frames

DateLike = str | dt.date | pd.Timestamp
TYPES: tuple[str, ...] = tuple(catalog_field("events", "type")["constraints"]["enum"])
"""Event types, as the catalog declares them."""
ACTIVITY_TYPES: tuple[str, ...] = ("visit", "meeting", "conference", "signing")
"""Event types that count as high-level activities (the seeds' "hoạt động cấp cao")."""
DOCUMENT_TYPES: tuple[str, ...] = ("directive", "resolution")
_FREQ = {"year": "Y", "quarter": "Q", "month": "M"}
_FINER_OR_EQUAL = {
    "year": ("day", "month", "year"),
    "quarter": ("day", "month"),
    "month": ("day", "month"),
}
_PARTIAL_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def _types(types: Collection[str], name: str = "types") -> list[str]:
    chosen = [types] if isinstance(types, str) else list(types)
    unknown = [t for t in chosen if t not in TYPES]
    if unknown or not chosen:
        raise ParameterError(name, unknown or chosen, ", ".join(TYPES))
    return chosen


def _events(events: pd.DataFrame) -> pd.DataFrame:
    _frames.require_columns(events, ("date", "type", "title_en"), "events")
    out = events.copy()
    out["date"] = pd.to_datetime(out["date"])
    if "precision" not in out.columns:
        out["precision"] = "day"
    if "partners" not in out.columns:
        out["partners"] = [[] for _ in range(len(out))]
    return out.dropna(subset=["date"])


def events_per_period(
    events: pd.DataFrame, freq: str = "year", by: Sequence[str] = ("type",)
) -> pd.DataFrame:
    """Count events per year, quarter or month, split by type and/or partner.

    Parameters
    ----------
    events : DataFrame
        ``events``.
    freq : {"year", "quarter", "month"}
    by : sequence of column names
        Any columns of ``events``; ``"partner"`` splits by counterpart (an event with several
        partners counts once for each; an event with none counts under partner ``<NA>``).
        ``()`` gives totals per period.

    Returns
    -------
    DataFrame
        ``period`` (label: ``2023``, ``2023Q1``, ``2023-01``), ``start`` (first day of the
        period), the ``by`` columns, ``events``. Every period from the first to the last event ×
        every observed combination of the ``by`` values, zeros included. Events dated more
        coarsely than ``freq`` (a month-precision event in a quarterly count, a year-precision
        event in a monthly count) are left out: their period is unknown.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2023-01-05", "2023-03-01", "2024-06-01"]),
    ...                    "type": ["visit", "visit", "meeting"], "title_en": ["a", "b", "c"]})
    >>> events_per_period(ev)[["period", "type", "events"]].to_numpy().tolist()
    [['2023', 'meeting', 0], ['2023', 'visit', 2], ['2024', 'meeting', 1], ['2024', 'visit', 0]]
    """
    chosen = _frames.choice(freq, tuple(_FREQ), "freq")
    keys = [by] if isinstance(by, str) else list(by)
    ev = _events(events)
    if "partner" in keys:
        ev = ev.explode("partners").rename(columns={"partners": "partner"})
    _frames.require_columns(ev, keys, "by")
    ev = ev[ev["precision"].isin(_FINER_OR_EQUAL[chosen])]
    periods = ev["date"].dt.to_period(_FREQ[chosen])
    ev = ev.assign(period=periods)
    counts = ev.groupby(["period", *keys], dropna=False, observed=True).size()
    if len(ev):
        span = pd.period_range(periods.min(), periods.max(), freq=_FREQ[chosen])
    else:
        span = pd.PeriodIndex([], freq=_FREQ[chosen])
    combos = ev[keys].drop_duplicates().sort_values(keys) if keys else pd.DataFrame(index=[0])
    grid = pd.DataFrame({"period": span}).merge(combos, how="cross")
    out = grid.merge(counts.rename("events").reset_index(), how="left", on=["period", *keys])
    out["events"] = out["events"].fillna(0).astype("int64")
    out.insert(1, "start", out["period"].dt.start_time)
    out["period"] = out["period"].astype(str)
    return out.reset_index(drop=True)


def activity_count(
    events: pd.DataFrame,
    start: DateLike,
    end: DateLike | None = None,
    types: Collection[str] = ACTIVITY_TYPES,
    *,
    high_level: bool = False,
) -> int:
    """Count events of the given types dated between ``start`` and ``end``, both included.

    Parameters
    ----------
    events : DataFrame
        ``events``.
    start, end : str, date or Timestamp
        The window (``end=None``: no upper bound). Events known only to the month or year are
        placed on the first day of that period.
    types : collection of str
        Event types to count (default: visits, meetings, conferences, signings).
    high_level : bool
        Count only events led on Vietnam's side by the General Secretary, the State President,
        the Prime Minister or the Chair of the National Assembly (the ``high_level`` column):
        the "hoạt động đối ngoại cấp cao" of the ministry's tallies.

    Returns
    -------
    int
        The number of events (0 for an empty frame).

    Raises
    ------
    ParameterError
        When ``high_level`` is asked of a frame without a ``high_level`` column, or a bound is
        not a date.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2022-12-31", "2023-01-01", "2023-05-01"]),
    ...                    "type": ["visit", "visit", "directive"], "title_en": ["a", "b", "c"],
    ...                    "high_level": [True, False, False]})
    >>> activity_count(ev, "2023-01-01")
    1
    >>> activity_count(ev, "2022-01-01", high_level=True)
    1
    """
    first = _frames.timestamp(start, "start")
    last = pd.Timestamp.max if end is None else _frames.timestamp(end, "end")
    if last < first:
        raise ParameterError("end", end, f"a date not before start ({first.date()})")
    ev = _events(events)
    inside = ev["date"].between(first, last) & ev["type"].astype(str).isin(_types(types))
    if high_level:
        _frames.require_columns(ev, ("high_level",), "events")
        inside &= ev["high_level"].fillna(False).astype(bool)
    return int(inside.sum())


def partner_timeline(
    events: pd.DataFrame, partner: str, *, partners: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Events whose counterparts include ``partner``, oldest first.

    Parameters
    ----------
    events : DataFrame
        ``events``.
    partner : str
        ISO3 or group code, exactly as in ``events.partners`` (an event with ASEAN does not
        list its members).
    partners : DataFrame, optional
        ``partners``: when given, a known partner without events gets an empty frame.

    Returns
    -------
    DataFrame
        The matching rows of ``events`` (all columns), sorted by date then title, index reset.

    Raises
    ------
    PartnerError
        When the code is not in ``partners`` (if given) or, without ``partners``, no event names it.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2023-09-10", "2023-01-01"]),
    ...                    "type": ["visit", "meeting"], "title_en": ["a", "b"],
    ...                    "partners": [["USA"], ["USA", "JPN"]]})
    >>> partner_timeline(ev, "USA")["title_en"].tolist()
    ['b', 'a']
    """
    ev = _events(events)
    listed = ev["partners"].explode()
    known = set(listed.dropna()) if partners is None else set(partners["iso3"].astype(str))
    if partner not in known:
        raise PartnerError(str(partner), difflib.get_close_matches(str(partner), sorted(known)))
    rows = listed[listed.eq(partner)].index.unique()
    return ev.loc[rows].sort_values(["date", "title_en"]).reset_index(drop=True)


def directive_lag(
    events: pd.DataFrame,
    document_date_or_title: DateLike,
    types: Collection[str] = ACTIVITY_TYPES,
    *,
    within_days: int | None = None,
) -> pd.DataFrame:
    """Events that follow a directive or resolution, with the lag in days.

    Formula: ``days_after = (event date - document date).days``; events on the document's own day
    count (lag 0), the document itself does not.

    Parameters
    ----------
    events : DataFrame
        ``events``.
    document_date_or_title : str, date or Timestamp
        The document: its date (``"2022-08-10"``) or a case-insensitive piece of its English or
        Vietnamese title (``"15-CT/TW"``). When several directives or resolutions match, the
        earliest is taken (later ones cite it, e.g. the resolution implementing a directive).
    types : collection of str
        Which following events to list.
    within_days : int, optional
        Keep only events at most this many days after the document.

    Returns
    -------
    DataFrame
        ``date``, ``type``, ``title_en``, ``days_after``, sorted by date; ``attrs["document"]``
        holds the document's title and date.

    Raises
    ------
    ParameterError
        When no directive or resolution matches, or several dated the same day do (they are
        listed).

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2022-08-10", "2022-09-01", "2021-01-01"]),
    ...                    "type": ["directive", "visit", "visit"],
    ...                    "title_en": ["Directive 15-CT/TW", "Visit", "Old visit"]})
    >>> directive_lag(ev, "15-CT/TW")[["title_en", "days_after"]].to_numpy().tolist()
    [['Visit', 22]]
    """
    ev = _events(events)
    docs = ev[ev["type"].astype(str).isin(DOCUMENT_TYPES)]
    wanted = document_date_or_title
    if isinstance(wanted, (dt.date, pd.Timestamp)) or _PARTIAL_DATE.fullmatch(str(wanted)):
        match = docs[docs["date"].eq(_frames.timestamp(wanted, "document_date_or_title"))]
    else:
        titles = docs["title_en"].astype(str)
        if "title_vi" in docs.columns:
            titles = titles + " | " + docs["title_vi"].astype(str)
        match = docs[titles.str.casefold().str.contains(str(wanted).casefold(), regex=False)]
    # a later document that names this one (an action programme implementing a directive)
    # matches too: the earliest match is the document itself
    match = match[match["date"].eq(match["date"].min())]
    if len(match) != 1:
        found = (match if len(match) else docs)["title_en"].astype(str).tolist()
        what = "several documents on one day" if len(match) else "no directive or resolution"
        raise ParameterError(
            "document_date_or_title", wanted, f"one of ({what} matched): {'; '.join(found)}"
        )
    doc = match.iloc[0]
    after = ev[ev["type"].astype(str).isin(_types(types)) & (ev["date"] >= doc["date"])]
    after = after.drop(index=match.index, errors="ignore")
    out = after[["date", "type", "title_en"]].assign(
        days_after=(after["date"] - doc["date"]).dt.days.astype("int64")
    )
    if within_days is not None:
        out = out[out["days_after"] <= within_days]
    out = out.sort_values(["date", "title_en"]).reset_index(drop=True)
    out["type"] = out["type"].astype(str)
    out.attrs = {"document": {"title_en": str(doc["title_en"]), "date": str(doc["date"].date())}}
    return out


def tally_check(
    events: pd.DataFrame, tallies: pd.DataFrame, *, tolerance_pct: float = 20.0
) -> pd.DataFrame:
    """Compare the high-level events in the data with the official tallies of the same windows.

    Parameters
    ----------
    events : DataFrame
        ``events`` (with ``high_level``).
    tallies : DataFrame
        ``activity_tallies``: ``start``, ``end``, ``count``, ``scope``. Only ``scope == "all"``
        is comparable (the data do not mark direction), the others get NA.
    tolerance_pct : float
        How far the data may be from the stated count, in percent of it.

    Returns
    -------
    DataFrame
        The tallies with ``in_data`` (:func:`activity_count` with ``high_level=True`` over the
        window), ``difference_pct`` (100 * (in_data / count - 1)) and ``within`` (nullable bool).

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-02-01"]),
    ...                    "type": ["visit", "meeting"], "title_en": ["a", "b"],
    ...                    "high_level": [True, True]})
    >>> ta = pd.DataFrame({"start": pd.to_datetime(["2024-01-01"]),
    ...                    "end": pd.to_datetime(["2024-12-31"]), "count": [2], "scope": ["all"]})
    >>> tally_check(ev, ta)[["in_data", "within"]].to_dict("records")
    [{'in_data': 2, 'within': True}]
    """
    _frames.require_columns(tallies, ("start", "end", "count", "scope"), "tallies")
    out = tallies.copy()
    comparable = out["scope"].astype(str).eq("all")
    counts = [
        activity_count(events, s, e, high_level=True) if ok else pd.NA
        for s, e, ok in zip(out["start"], out["end"], comparable, strict=True)
    ]
    out["in_data"] = pd.array(counts, dtype="Int64")
    stated = out["count"].astype("float64")
    out["difference_pct"] = 100 * (out["in_data"].astype("Float64") / stated - 1)
    out["within"] = (out["difference_pct"].abs() <= tolerance_pct).astype("boolean")
    out.loc[~comparable, "within"] = pd.NA
    return out


LEADERS: dict[str, str] = {
    "Tổng Bí thư": "general_secretary",
    "Chủ tịch nước": "president",
    "Chủ tịch Quốc hội": "na_chair",
    "Thủ tướng": "prime_minister",
}
"""The four leaders whose activities the ministry tallies, by the title the headlines use."""


def leader(title_vi: str) -> str:
    """Return which leader a high-level event's Vietnamese title names first.

    ``hosted`` when the title names none of the four (a foreign leader's visit, hosted by the
    leadership: "Tổng thống Hàn Quốc ... thăm cấp Nhà nước Việt Nam").

    Examples
    --------
    >>> leader("Thủ tướng Phạm Minh Chính dự Hội nghị Cấp cao ASEAN lần thứ 43")
    'prime_minister'
    >>> leader("Tổng thống Hoa Kỳ Joe Biden thăm cấp Nhà nước Việt Nam")
    'hosted'
    """
    found = [(str(title_vi).find(word), key) for word, key in LEADERS.items()]
    found = [(at, key) for at, key in found if at >= 0]
    return min(found)[1] if found else "hosted"  # the titles share no prefix: first one wins


def activities(events: pd.DataFrame, start: DateLike, end: DateLike) -> pd.DataFrame:
    """Return the high-level activities of a window, with ``leader`` and ``month``, by date.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2024-01-05", "2024-02-01"]),
    ...                    "type": ["visit", "meeting"], "title_en": ["a", "b"],
    ...                    "title_vi": ["Thủ tướng thăm Lào", "Chủ tịch Quốc hội hội đàm"],
    ...                    "high_level": [True, True]})
    >>> activities(ev, "2024-01-01", "2024-12-31")["leader"].tolist()
    ['prime_minister', 'na_chair']
    """
    first, last = _frames.timestamp(start, "start"), _frames.timestamp(end, "end")
    if last < first:
        raise ParameterError("end", end, f"a date not before start ({first.date()})")
    ev = _events(events)
    _frames.require_columns(ev, ("high_level", "title_vi"), "events")
    inside = ev[ev["date"].between(first, last) & ev["high_level"].astype(bool)]
    inside = inside[inside["type"].astype(str).isin(ACTIVITY_TYPES)].copy()
    inside["leader"] = inside["title_vi"].map(leader)
    inside["month"] = inside["date"].dt.to_period("M").astype(str)
    return inside.sort_values(["date", "title_en"]).reset_index(drop=True)
