"""Partnership metrics: levels held on any date, counts, upgrade pace, the ladder, trade coverage.

All functions take the ``partnership_upgrades`` frame (columns ``partner``, ``level``, ``date``;
one row per partner × level reached) and treat it as an as-of history: a partner holds, on a given
day, the highest level it reached on or before that day. Frameworks are never downgraded, so no
end dates are needed. A date known only to the month or year is the first day of that period (as
the loader reads it), so a level whose date is "2024" counts from 1 January 2024.

A framework whose start no source dates (Cambodia's special relationship) still exists: where the
row has an ``attested`` date (the earliest day a source shows it in place), the as-of functions
(:func:`partner_levels`, :func:`level_counts`, :func:`trade_coverage_by_level`) count it from that
day and say so (``since_known`` False); the functions about the upgrade itself
(:func:`upgrades_per_year`, :func:`ladder`) leave it out, as it has no date.

``level`` columns use the loader's one ordered dtype (``ngkt.datasets.LEVEL_DTYPE``, declared in
the catalog): a higher level compares greater, so ``df["level"] >= "strategic"`` keeps strategic
partners and above whether ``df`` came from ``load`` or from a metric. Tables list levels highest
first (``LEVELS`` order).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable

import pandas as pd

from ngkt_analysis.datasets import LEVELS
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.metrics import _frames
from ngkt_analysis.metrics._frames import LEVEL_DTYPE

DateLike = str | dt.date | pd.Timestamp

LADDER: tuple[str, ...] = ("comprehensive", "strategic", "comprehensive_strategic")
"""The three rungs partners climb, lowest first. ``special`` sits outside the ladder."""


def partner_levels(upgrades: pd.DataFrame, as_of: DateLike) -> pd.DataFrame:
    """Level of every partner on a date (an as-of join on the upgrade history).

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades``: ``partner``, ``level``, ``date`` and optionally ``attested``.
        A row without a date counts from its ``attested`` date; without either it is ignored.
    as_of : str, date or Timestamp
        The day; upgrades dated on that day count.

    Returns
    -------
    DataFrame
        ``partner``, ``level`` (the highest level reached on or before ``as_of``), ``since`` (the
        date that level was reached), ``since_known`` (False when ``since`` is only the earliest
        attested date); one row per partner with any framework on that day, highest level
        first, then by ``since``. Empty (same columns) before the first upgrade.

    Raises
    ------
    ParameterError
        When ``as_of`` is not a date or a level is not one of ``LEVELS``.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["USA", "USA", "JPN"],
    ...                    "level": ["comprehensive", "comprehensive_strategic", "strategic"],
    ...                    "date": pd.to_datetime(["2013-07-25", "2023-09-10", "2006-10-19"])})
    >>> partner_levels(up, "2020-01-01")[["partner", "level"]].to_dict("list")
    {'partner': ['JPN', 'USA'], 'level': ['strategic', 'comprehensive']}
    >>> partner_levels(up, "2023-12-31")[["partner", "level"]].to_dict("list")
    {'partner': ['USA', 'JPN'], 'level': ['comprehensive_strategic', 'strategic']}
    """
    ts = _frames.timestamp(as_of, "as_of")
    held = _frames.levels_at(_frames.upgrade_rows(upgrades, attested=True), pd.DatetimeIndex([ts]))
    columns = ["partner", "level", "since", "since_known"]
    out = held.sort_values(["rank", "since", "partner"])[columns]
    return out.reset_index(drop=True)


def level_counts(upgrades: pd.DataFrame, dates: Iterable[DateLike]) -> pd.DataFrame:
    """Count the partners at each level on each of the given days.

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades`` (see :func:`partner_levels`).
    dates : iterable of str, date or Timestamp
        The days to count on (duplicates are dropped; output sorted by date).

    Returns
    -------
    DataFrame
        ``date``, ``level``, ``count``: one row per date × level, all four levels present (zero
        counts included), so ``len == 4 * number of distinct dates``. Each partner is counted once,
        at the highest level it holds that day.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["USA", "USA", "JPN"],
    ...                    "level": ["comprehensive", "comprehensive_strategic", "strategic"],
    ...                    "date": pd.to_datetime(["2013-07-25", "2023-09-10", "2006-10-19"])})
    >>> t = level_counts(up, ["2023-09-09", "2023-09-10"]).pivot(
    ...     index="date", columns="level", values="count")
    >>> t[list(LEVELS)].to_numpy().tolist()  # special, CSP, strategic, comprehensive
    [[0, 0, 1, 1], [0, 1, 1, 0]]
    """
    stamps = pd.DatetimeIndex([_frames.timestamp(d, "dates") for d in dates]).unique().sort_values()
    held = _frames.levels_at(_frames.upgrade_rows(upgrades, attested=True), stamps)
    counts = held.groupby(["date", "level"], observed=True).size()
    full = pd.MultiIndex.from_product([stamps, LEVELS], names=["date", "level"])
    out = counts.reindex(full, fill_value=0).rename("count").reset_index()
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    return out.astype({"count": "int64"})


def level_counts_by_year(upgrades: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Count the partners at each level at the end (31 December) of each year.

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades`` (see :func:`partner_levels`).
    start, end : int
        First and last year, inclusive (``start <= end``).

    Returns
    -------
    DataFrame
        ``year``, ``level``, ``count``: every year × all four levels, zeros included.

    Raises
    ------
    ParameterError
        When a bound is not an integer year or ``start > end``.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["USA", "USA"],
    ...                    "level": ["comprehensive", "comprehensive_strategic"],
    ...                    "date": pd.to_datetime(["2013-07-25", "2023-09-10"])})
    >>> t = level_counts_by_year(up, 2022, 2023)
    >>> t[t["level"] == "comprehensive_strategic"]["count"].tolist()
    [0, 1]
    """
    first, last = _frames.year(start, "start"), _frames.year(end, "end")
    if first > last:
        raise ParameterError("end", end, f"a year not before start ({first})")
    years = range(first, last + 1)
    counts = level_counts(upgrades, [pd.Timestamp(y, 12, 31) for y in years])
    counts.insert(0, "year", counts.pop("date").dt.year.astype("int64"))
    return counts


def upgrades_per_year(upgrades: pd.DataFrame) -> pd.DataFrame:
    """Count the frameworks established or upgraded to each level, per calendar year.

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades`` (see :func:`partner_levels`).

    Returns
    -------
    DataFrame
        ``year``, ``level``, ``upgrades``: every year from the first to the last upgrade × all four
        levels, zeros included (quiet years are visible). Empty input → empty frame.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["USA", "JPN", "AUS"],
    ...                    "level": ["comprehensive_strategic"] * 3,
    ...                    "date": pd.to_datetime(["2023-09-10", "2023-11-27", "2024-03-07"])})
    >>> t = upgrades_per_year(up)
    >>> t[t["level"] == "comprehensive_strategic"][["year", "upgrades"]].to_numpy().tolist()
    [[2023, 2], [2024, 1]]
    """
    up = _frames.upgrade_rows(upgrades)
    up["year"] = up["date"].dt.year.astype("int64")
    years = range(up["year"].min(), up["year"].max() + 1) if len(up) else range(0)
    counts = up.groupby(["year", "level"], observed=True).size()
    full = pd.MultiIndex.from_product([years, LEVELS], names=["year", "level"])
    out = counts.reindex(full, fill_value=0).rename("upgrades").reset_index()
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    return out.astype({"year": "int64", "upgrades": "int64"})


def _skip_table() -> pd.DataFrame:
    """(previous_level, level) → ladder rungs strictly between them; '' = no previous level."""
    rows = []
    for prev in ("", *LEVELS):
        for cur in LEVELS:
            skipped: list[str] = []
            if prev in LADDER and cur in LADDER:
                lo, hi = LADDER.index(prev), LADDER.index(cur)
                skipped = list(LADDER[lo + 1 : hi])
            rows.append({"prev_key": prev, "level_key": cur, "skipped_levels": skipped})
    return pd.DataFrame(rows)


def ladder(upgrades: pd.DataFrame) -> pd.DataFrame:
    """Each partner's path up the levels: time between steps and rungs skipped.

    The ladder is comprehensive → strategic → comprehensive strategic. ``special`` relationships
    (Laos, Cambodia, Cuba) sit outside it: no rung counts as skipped on the way to ``special``.

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades`` (see :func:`partner_levels`).

    Returns
    -------
    DataFrame
        ``partner``, ``level``, ``date``, ``previous_level``, ``previous_date``,
        ``years_from_previous`` (``(date - previous_date).days / 365.25``, NaN for a partner's
        first framework), ``skipped_levels`` (list of ladder rungs strictly between the previous
        level and this one; ``[]`` for a first framework, which is an entry, not a skip). Sorted
        by partner, then date. Dates known only to the month or year make the years approximate.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["USA", "USA"],
    ...                    "level": ["comprehensive", "comprehensive_strategic"],
    ...                    "date": pd.to_datetime(["2013-07-25", "2023-09-10"])})
    >>> row = ladder(up).iloc[1]
    >>> float(round(row["years_from_previous"], 1)), row["skipped_levels"]
    (10.1, ['strategic'])
    """
    up = _frames.upgrade_rows(upgrades)
    # on a shared date, the lower level is the earlier step
    up = up.sort_values(["partner", "date", "rank"], ascending=[True, True, False])
    up = up.reset_index(drop=True)
    grouped = up.groupby("partner", sort=False)
    up["previous_level"] = grouped["level"].shift(1).astype(LEVEL_DTYPE)
    up["previous_date"] = grouped["date"].shift(1)
    up["years_from_previous"] = (up["date"] - up["previous_date"]).dt.days / 365.25
    keys = pd.DataFrame(
        {
            "prev_key": up["previous_level"].astype("string").fillna("").astype(str),
            "level_key": up["level"].astype(str),
        }
    )
    up["skipped_levels"] = keys.merge(_skip_table(), how="left", on=["prev_key", "level_key"])[
        "skipped_levels"
    ].to_numpy()
    columns = ["partner", "level", "date", "previous_level", "previous_date"]
    return up[[*columns, "years_from_previous", "skipped_levels"]]


def trade_coverage_by_level(
    upgrades: pd.DataFrame,
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    *,
    blocs: Collection[str] | None = None,
    min_coverage_pct: float = _frames.MIN_COVERAGE_PCT,
) -> pd.DataFrame:
    """Share of Vietnam's trade with the partners at each level, per year and flow.

    Formula: ``share_pct = 100 * value_usd_bn / total_usd_bn`` where ``value_usd_bn`` sums the
    listed trade of every country holding that level on 31 December of the year, and
    ``total_usd_bn`` is Vietnam's total for the flow (``total`` = exports + imports).

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades``.
    trade_by_partner : DataFrame
        ``trade_by_partner`` (billion USD). Bloc rows (``blocs``) are never counted: they overlap
        their members.
    trade_annual : DataFrame
        ``trade_annual`` (billion USD).
    blocs : collection of str, optional
        Codes of aggregate rows to leave out (default: the blocs partners.csv declares).
    min_coverage_pct : float
        Coverage policy (see :mod:`ngkt_analysis.metrics._frames`): ``share_pct`` is NaN in
        year-flows where the listed countries cover less than this share of Vietnam's total.

    Returns
    -------
    DataFrame
        ``year``, ``level``, ``flow`` (exports, imports, total), ``value_usd_bn``,
        ``total_usd_bn``, ``share_pct``, ``partners`` (countries at that level that year),
        ``partners_without_data`` (of those, how many have no value for the flow that year),
        ``covered_share_pct`` (the share of the total that all listed countries account for).
        Years: those with both a Vietnam total and at least one partner row. All four levels
        appear (value 0 when nobody holds the level). Trade with partners at no level is not a
        row (it is ``total - sum(levels)``).

    Notes
    -----
    A partner without a trade row contributes nothing, so with ``partners_without_data > 0`` the
    share is a lower bound. ``total`` needs both flows for a partner (else it counts as missing).
    Vietnam's total NaN or zero → ``share_pct`` NaN.

    Raises
    ------
    UnitError
        When a trade frame's ``attrs`` give a unit other than billion USD.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["CHN"], "level": ["comprehensive_strategic"],
    ...                    "date": pd.to_datetime(["2008-05-30"])})
    >>> tbp = pd.DataFrame({"year": [2022, 2022], "partner": ["CHN", "USA"],
    ...                     "flow": ["exports", "exports"], "value_usd_bn": [60.0, 110.0]})
    >>> ta = pd.DataFrame({"year": [2022], "flow": ["exports"], "value_usd_bn": [400.0]})
    >>> t = trade_coverage_by_level(up, tbp, ta, min_coverage_pct=40)
    >>> t[(t["flow"] == "exports") & (t["level"] == "comprehensive_strategic")]["share_pct"].item()
    15.0
    >>> t = trade_coverage_by_level(up, tbp, ta)  # CHN and USA cover 42.5% of exports
    >>> t[(t["flow"] == "exports") & (t["level"] == "comprehensive_strategic")]["share_pct"].item()
    nan
    """
    up = _frames.upgrade_rows(upgrades, attested=True)
    up = up[~_frames.is_bloc(up["partner"], blocs)]
    flows = _frames.partner_flows(trade_by_partner)
    flows = flows[~_frames.is_bloc(flows["partner"], blocs)]
    totals = _frames.annual_flows(trade_annual)
    years = sorted(set(flows["year"]) & set(totals["year"]))
    held = _frames.levels_at(up, pd.DatetimeIndex([pd.Timestamp(y, 12, 31) for y in years]))
    held["year"] = held["date"].dt.year.astype("int64")
    held = held.merge(pd.DataFrame({"flow": list(_frames.FLOWS)}, dtype="string"), how="cross")
    held = held.merge(flows, on=["year", "partner", "flow"], how="left")
    agg = held.groupby(["year", "level", "flow"], observed=True).agg(
        value_usd_bn=("value_usd_bn", "sum"),
        partners=("partner", "size"),
        partners_without_data=("value_usd_bn", lambda v: int(v.isna().sum())),
    )
    full = pd.MultiIndex.from_product([years, LEVELS, _frames.FLOWS], names=agg.index.names)
    out = agg.reindex(full, fill_value=0).reset_index()
    out = out.merge(totals, on=["year", "flow"], how="left")
    cover = _frames.coverage(flows, totals, blocs).astype({"flow": "string"})
    out = out.merge(cover, on=["year", "flow"], how="left")
    enough = out["covered_share_pct"] >= _frames.min_coverage(min_coverage_pct)
    out["share_pct"] = _frames.share_pct(out["value_usd_bn"], out["total_usd_bn"]).where(enough)
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    out["flow"] = out["flow"].astype(str)
    columns = ["year", "level", "flow", "value_usd_bn", "total_usd_bn", "share_pct"]
    out = out[[*columns, "partners", "partners_without_data", "covered_share_pct"]]
    return out.astype({"year": "int64", "partners": "int64", "partners_without_data": "int64"})
