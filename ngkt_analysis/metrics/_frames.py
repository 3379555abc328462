"""Input checks and reshaping shared by the metric modules (no I/O, no state).

Every metric takes the frames ``ngkt.load`` returns (or hand-made frames with the same columns).
This module holds the few steps they all need: required columns, the money unit, parameter
parsing, the ranked upgrade history, and trade reshaped into tidy year × partner × flow rows with
``total`` = exports + imports.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import numpy as np
import pandas as pd

from ngkt_analysis.datasets import LEVELS
from ngkt_analysis.errors import ParameterError, UnitError

LEVEL_DTYPE = pd.CategoricalDtype(list(LEVELS), ordered=True)
"""The loader's dtype for ``level``: ordered as LEVELS, so sorting puts the highest level first."""

BLOC_CODES: frozenset[str] = frozenset({"EUU", "ASEAN"})
"""Trade rows that aggregate members (they overlap the member countries' own rows)."""

FLOWS: tuple[str, ...] = ("exports", "imports", "total")
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


def upgrade_rows(upgrades: pd.DataFrame) -> pd.DataFrame:
    """Return the upgrade history as partner, level (LEVEL_DTYPE), date, rank (0 = highest).

    Rows without a date are dropped: they cannot be placed in time.
    """
    require_columns(upgrades, ("partner", "level", "date"), "upgrades")
    levels = upgrades["level"].astype("string")
    unknown = levels.dropna()[~levels.dropna().isin(LEVELS)]
    if len(unknown):
        raise ParameterError("upgrades.level", unknown.iloc[0], ", ".join(LEVELS))
    out = pd.DataFrame(
        {
            "partner": upgrades["partner"].astype("string"),
            "level": levels.astype(LEVEL_DTYPE),
            "date": pd.to_datetime(upgrades["date"]),
        }
    )
    out = out.dropna(subset=["partner", "level", "date"])
    out["rank"] = out["level"].astype("string").map(_RANK).astype("int64")
    return out.reset_index(drop=True)


def levels_at(upgrades: pd.DataFrame, dates: pd.DatetimeIndex) -> pd.DataFrame:
    """Highest level each partner holds on each date: columns date, partner, level, since, rank.

    An as-of join: every upgrade on or before the date counts; the highest level wins (frameworks
    are never downgraded). ``upgrades`` must come from :func:`upgrade_rows`.
    """
    grid = pd.DataFrame({"date": dates.unique()})
    pairs = grid.merge(upgrades.rename(columns={"date": "since"}), how="cross")
    pairs = pairs[pairs["since"] <= pairs["date"]]
    best = pairs.sort_values(["date", "partner", "rank", "since"]).drop_duplicates(
        ["date", "partner"]
    )
    return best[["date", "partner", "level", "since", "rank"]].reset_index(drop=True)


def _no_duplicates(frame: pd.DataFrame, key: list[str], name: str) -> None:
    dup = frame.duplicated(key, keep=False)
    if dup.any():
        first = frame.loc[dup, key].iloc[0].tolist()
        given = f"two rows for {dict(zip(key, first, strict=True))}"
        raise ParameterError(name, given, f"one row per {key}")


def _wide(rows: pd.DataFrame, index: list[str]) -> pd.DataFrame:
    """One column per flow (exports, imports, total = exports + imports, NaN-propagating)."""
    unknown = rows.loc[~rows["flow"].isin(["exports", "imports"]), "flow"]
    if len(unknown):  # e.g. a pre-computed 'total' row would be counted twice
        raise ParameterError("flow", unknown.iloc[0], "exports, imports (rows of the input)")
    wide = rows.pivot_table(
        index=index, columns="flow", values="value_usd_bn", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=["exports", "imports"]).rename_axis(columns=None)
    # pivot_table with dropna=False spans the product of the index levels: keep listed keys only
    wide = wide.loc[rows.set_index(index).index.unique()]
    wide["total"] = wide["exports"] + wide["imports"]
    return wide.reset_index()


def partner_flows(trade_by_partner: pd.DataFrame) -> pd.DataFrame:
    """Partner trade as tidy year, partner, flow (exports/imports/total), value_usd_bn.

    ``total`` is exports + imports and is NaN (a gap) when either flow is missing or NaN.
    """
    columns = ("year", "partner", "flow", "value_usd_bn")
    require_columns(trade_by_partner, columns, "trade_by_partner")
    check_money(trade_by_partner)
    _no_duplicates(trade_by_partner, ["year", "partner", "flow"], "trade_by_partner")
    rows = trade_by_partner[["year", "partner", "flow", "value_usd_bn"]].astype(
        {"year": "int64", "partner": "string", "flow": "string", "value_usd_bn": "float64"}
    )
    wide = _wide(rows, ["year", "partner"])
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
    wide = _wide(rows, ["year"])
    long = wide.melt(id_vars=["year"], var_name="flow", value_name="total_usd_bn")
    long["flow"] = long["flow"].astype("string")
    return long


def share_pct(value: pd.Series, total: pd.Series) -> pd.Series:
    """100 * value / total; NaN (never inf) where the total is zero or missing."""
    return 100 * value / total.where(total != 0)


def is_bloc(partner: pd.Series, blocs: Collection[str] = BLOC_CODES) -> pd.Series:
    """Flag the rows that aggregate several countries (EUU, ASEAN)."""
    return partner.isin(list(blocs))
