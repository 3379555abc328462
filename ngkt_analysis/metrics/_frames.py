"""Input checks and reshaping shared by the metric modules (no I/O, no state).

Every metric takes the frames ``ngkt.load`` returns (or hand-made frames with the same columns).
This module holds the few steps they all need: required columns, the money unit, parameter
parsing, the ranked upgrade history, trade reshaped into tidy year × partner × flow rows with
``total`` (the stated turnover, else exports + imports), and the coverage policy.

Coverage policy (every metric that relates partner rows to Vietnam's total): the output carries
``covered_share_pct``, the share of the year's total (for the flow) that the country rows
account for, and a figure that depends on knowing the other partners (a rank, an HHI, the share
of trade under FTAs or at a framework level, an "others" remainder) is NaN when that coverage is
below ``min_coverage_pct`` (default :data:`MIN_COVERAGE_PCT`): never a number computed from a
sliver. A partner's own share of the total does not depend on the others and is always given.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import pandas as pd

from ngkt_analysis.datasets import LEVEL_DTYPE, LEVELS
from ngkt_analysis.errors import ParameterError, UnitError

FLOWS: tuple[str, ...] = ("exports", "imports", "total")
SOURCE_FLOWS: tuple[str, ...] = ("exports", "imports", "turnover")
"""Flows a ``trade_by_partner`` row may hold; ``turnover`` (two-way total) only without a split."""
MIN_COVERAGE_PCT = 75.0
"""Default threshold of the coverage policy: partner rows must cover 75% of the year's total."""
MONEY_UNIT = "billion USD"
_RANK = {level: i for i, level in enumerate(LEVELS)}  # 0 = highest


def require_columns(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    """Raise ParameterError when ``frame`` lacks any of ``columns``."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ParameterError(
            name, f"a frame with columns {list(frame.columns)}", f"a frame with columns {missing}"
        )


def check_money(*frames: pd.DataFrame) -> None:
    """Raise UnitError unless every frame's ``value_usd_bn`` is in billion USD.

    The unit is read from ``attrs["units"]`` (set by ``ngkt.load``); a frame without it is taken
    at its column name's word.
    """
    for frame in frames:
        unit = frame.attrs.get("units", {}).get("value_usd_bn", MONEY_UNIT)
        if unit != MONEY_UNIT:
            raise UnitError(
                f"value_usd_bn of {frame.attrs.get('name', 'a frame')!r} is in {unit!r}; "
                f"the metrics combine values in {MONEY_UNIT!r} only (convert first)"
            )


def timestamp(value: object, name: str) -> pd.Timestamp:
    """Parse a date parameter (str, date, Timestamp) or raise ParameterError."""
    try:
        ts = pd.Timestamp(value)  # type: ignore[arg-type]
    except (ValueError, TypeError):
        ts = pd.NaT
    if pd.isna(ts):
        raise ParameterError(name, value, "a date such as '2024-12-31', a date or a Timestamp")
    return ts.tz_localize(None) if ts.tzinfo else ts


def year(value: object, name: str) -> int:
    """Parse a year parameter or raise ParameterError."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
        raise ParameterError(name, value, "a calendar year as an integer, e.g. 2023")
    return int(value)


def choice(value: object, allowed: Collection[str], name: str) -> str:
    """Return ``value`` when it is one of ``allowed``; else raise ParameterError."""
    if value not in allowed:
        raise ParameterError(name, value, ", ".join(allowed))
    return str(value)


def upgrade_rows(upgrades: pd.DataFrame, *, attested: bool = False) -> pd.DataFrame:
    """Return the upgrade history as partner, level (LEVEL_DTYPE), date, rank, date_known.

    Rows without a date cannot be placed in time and are dropped, unless ``attested`` is true
    and the row has an ``attested`` date (the earliest day a source shows the framework in
    place): then it is placed there with ``date_known`` False. As-of questions ("which level on
    this day?") use that; questions about the upgrade itself (when, how fast) do not.
    """
    require_columns(upgrades, ("partner", "level", "date"), "upgrades")
    levels = upgrades["level"].astype("string")
    unknown = levels.dropna()[~levels.dropna().isin(LEVELS)]
    if len(unknown):
        raise ParameterError("upgrades.level", unknown.iloc[0], ", ".join(LEVELS))
    dates = pd.to_datetime(upgrades["date"])
    out = pd.DataFrame(
        {
            "partner": upgrades["partner"].astype("string"),
            "level": levels.astype(LEVEL_DTYPE),
            "date": dates,
            "date_known": dates.notna(),
        }
    )
    if attested and "attested" in upgrades.columns:
        out["date"] = dates.fillna(pd.to_datetime(upgrades["attested"]))
    out = out.dropna(subset=["partner", "level", "date"])
    out["rank"] = out["level"].astype("string").map(_RANK).astype("int64")
    return out.reset_index(drop=True)


def levels_at(upgrades: pd.DataFrame, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """Highest level each partner holds on each date.

    Columns: date, partner, level, since, rank, since_known.

    ``since_known`` is False when ``since`` is an attested date, not the framework's start.

    An as-of join: every upgrade on or before the date counts; the highest level wins (frameworks
    are never downgraded). ``upgrades`` must come from :func:`upgrade_rows`.
    """
    grid = pd.DataFrame({"date": dates.unique()})
    pairs = grid.merge(upgrades.rename(columns={"date": "since"}), how="cross")
    pairs = pairs[pairs["since"] <= pairs["date"]]
    best = pairs.sort_values(["date", "partner", "rank", "since"]).drop_duplicates(
        ["date", "partner"]
    )
    best = best.rename(columns={"date_known": "since_known"})
    return best[["date", "partner", "level", "since", "rank", "since_known"]].reset_index(drop=True)


def _no_duplicates(frame: pd.DataFrame, key: list[str], name: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame.loc[dup, key].iloc[0].tolist()
        given = f"two rows for {dict(zip(key, first, strict=True))}"
        raise ParameterError(name, given, f"one row per {key}")


def _wide(rows: pd.DataFrame, index: list[str], allowed: tuple[str, ...]) -> pd.DataFrame:
    """One column per flow: exports, imports, total (the turnover row, else exports + imports).

    The total is NaN-propagating: NaN when it is not stated and either flow is missing or NaN.
    """
    unknown = rows.loc[~rows["flow"].isin(allowed), "flow"]
    if len(unknown):  # e.g. a pre-computed 'total' row would be counted twice
        raise ParameterError("flow", unknown.iloc[0], f"{', '.join(allowed)} (rows of the input)")
    # one row per key and flow (checked by the callers), so an unstack is the pivot, at a tenth
    # of pivot_table's cost (a partner profile ran 44 of them); keys keep their first order
    keyed = rows.set_index([*index, "flow"])["value_usd_bn"]
    order = rows.set_index(index).index.unique()
    wide = keyed.unstack("flow").reindex(index=order, columns=list(SOURCE_FLOWS))  # noqa: PD010
    wide = wide.astype("float64").rename_axis(columns=None)
    listed = pd.Series(1.0, index=keyed.index).unstack("flow")  # noqa: PD010  (listed at all)
    both = listed.reindex(index=order, columns=list(SOURCE_FLOWS)).notna().all(axis=1)
    if both.any():
        key = dict(zip(index, np.atleast_1d(wide.index[both][0]), strict=True))
        raise ParameterError(
            "trade_by_partner",
            f"a turnover row beside both exports and imports for {key}",
            "the split or the turnover (a turnover beside one flow is the stated total)",
        )
    wide["total"] = wide["turnover"].where(
        wide["turnover"].notna(), wide["exports"] + wide["imports"]
    )
    return wide.drop(columns="turnover").reset_index()


def partner_flows(trade_by_partner: pd.DataFrame) -> pd.DataFrame:
    """Partner trade as tidy year, partner, flow (exports/imports/total), value_usd_bn.

    ``total`` is the stated turnover when the partner-year has a ``turnover`` row, else exports +
    imports, NaN (a gap) when either flow is missing or NaN. ``exports`` and ``imports`` appear only
    where a row states them: a turnover is never split, and a turnover stated beside one flow is
    never added to it.
    """
    columns = ("year", "partner", "flow", "value_usd_bn")
    require_columns(trade_by_partner, columns, "trade_by_partner")
    check_money(trade_by_partner)
    _no_duplicates(trade_by_partner, ["year", "partner", "flow"], "trade_by_partner")
    rows = trade_by_partner[["year", "partner", "flow", "value_usd_bn"]].astype(
        {"year": "int64", "partner": "string", "flow": "string", "value_usd_bn": "float64"}
    )
    wide = _wide(rows, ["year", "partner"], SOURCE_FLOWS)
    long = wide.melt(id_vars=["year", "partner"], var_name="flow", value_name="value_usd_bn")
    long["flow"] = long["flow"].astype("string")
    # a flow that was never listed for a partner-year is absent, not NaN (except total)
    listed = rows.assign(listed=True)[["year", "partner", "flow", "listed"]]
    long = long.merge(listed, on=["year", "partner", "flow"], how="left")
    long = long[long["listed"].notna() | long["flow"].eq("total")].drop(columns="listed")
    return long.reset_index(drop=True)


def annual_flows(trade_annual: pd.DataFrame) -> pd.DataFrame:
    """Vietnam's totals as tidy year, flow (exports/imports/total), total_usd_bn.

    ``total`` is NaN when either flow is missing that year.
    """
    require_columns(trade_annual, ("year", "flow", "value_usd_bn"), "trade_annual")
    check_money(trade_annual)
    _no_duplicates(trade_annual, ["year", "flow"], "trade_annual")
    rows = trade_annual[["year", "flow", "value_usd_bn"]].astype(
        {"year": "int64", "flow": "string", "value_usd_bn": "float64"}
    )
    wide = _wide(rows, ["year"], ("exports", "imports"))
    long = wide.melt(id_vars=["year"], var_name="flow", value_name="total_usd_bn")
    long["flow"] = long["flow"].astype("string")
    return long


def share_pct(value: pd.Series, total: pd.Series) -> pd.Series:
    """100 * value / total; NaN (never inf) where the total is zero or missing."""
    return 100 * value / total.where(total != 0)


def bloc_codes(blocs: Collection[str] | None) -> frozenset[str]:
    """Return the given bloc codes, or (None) those partners.csv declares (kind == bloc)."""
    if blocs is None:
        from ngkt_analysis.partners import bloc_codes as declared

        return declared()
    return frozenset(blocs)


def is_bloc(partner: pd.Series, blocs: Collection[str] | None = None) -> pd.Series:
    """Flag the rows that aggregate several countries (EUU, ASEAN: partners.csv's blocs)."""
    return partner.isin(list(bloc_codes(blocs)))


def coverage(
    rows: pd.DataFrame,
    totals: pd.DataFrame,
    blocs: Collection[str] | None = None,
) -> pd.DataFrame:
    """Share of Vietnam's total that the country rows account for: year, flow, covered_share_pct.

    ``rows`` from :func:`partner_flows`, ``totals`` from :func:`annual_flows`. Bloc rows are left
    out (they overlap their members); NaN values add nothing; NaN where the total is missing.
    """
    countries = rows[~is_bloc(rows["partner"], blocs)]
    listed = countries.groupby(["year", "flow"], observed=True)["value_usd_bn"].sum()
    out = totals.merge(listed.rename("listed").reset_index(), on=["year", "flow"], how="left")
    out["covered_share_pct"] = share_pct(out["listed"].fillna(0.0), out["total_usd_bn"])
    return out[["year", "flow", "covered_share_pct"]]


def min_coverage(value: object) -> float:
    """Check the ``min_coverage_pct`` keyword: a number from 0 to 100."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise ParameterError("min_coverage_pct", value, "a percentage from 0 to 100")
    if not 0 <= float(value) <= 100:
        raise ParameterError("min_coverage_pct", value, "a percentage from 0 to 100")
    return float(value)
