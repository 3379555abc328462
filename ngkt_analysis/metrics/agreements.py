"""Free trade agreements: which ones govern Vietnam's trade with a partner, and from when.

Input is ``fta_parties`` (one row per agreement × counterparty: ``agreement``, ``party``,
``in_force`` = the day the agreement applies between Vietnam and that party) and, for names and
signature dates, ``ftas``. An ASEAN+1 agreement lists only its named partner(s) as Vietnam's
counterparties (ACFTA covers Vietnam–China, not Vietnam–Laos: ATIGA covers that); CPTPP and RCEP
list every party with its own date (the United Kingdom joins CPTPP on 15 December 2024).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

import pandas as pd

from ngkt_analysis.metrics import _frames

DateLike = str | dt.date | pd.Timestamp


def in_force(
    fta_parties: pd.DataFrame,
    partner: str,
    as_of: DateLike,
    ftas: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """List the agreements in force on a date that govern Vietnam's trade with one partner.

    Parameters
    ----------
    fta_parties : DataFrame
        ``fta_parties``: ``agreement``, ``party``, ``in_force``.
    partner : str
        ISO3 code (resolve names first with ``ngkt.resolve_partner``).
    as_of : str, date or Timestamp
        The day; an agreement that applies from that day counts.
    ftas : DataFrame, optional
        ``ftas``: adds ``name`` and ``signed``.

    Returns
    -------
    DataFrame
        ``agreement``, ``in_force`` (for this partner), plus ``name`` and ``signed`` when
        ``ftas`` is given; sorted by ``in_force``. Empty when none applies (the United States).

    Examples
    --------
    >>> fp = pd.DataFrame({"agreement": ["ACFTA", "RCEP", "RCEP", "ATIGA"],
    ...                    "party": ["CHN", "CHN", "LAO", "LAO"],
    ...                    "in_force": pd.to_datetime(["2005-07-01", "2022-01-01",
    ...                                                "2022-01-01", "2010-05-17"])})
    >>> in_force(fp, "LAO", "2024-12-31")["agreement"].tolist()
    ['ATIGA', 'RCEP']
    >>> in_force(fp, "CHN", "2021-12-31")["agreement"].tolist()
    ['ACFTA']
    """
    _frames.require_columns(fta_parties, ("agreement", "party", "in_force"), "fta_parties")
    day = _frames.timestamp(as_of, "as_of")
    dates = pd.to_datetime(fta_parties["in_force"])
    mine = fta_parties[fta_parties["party"].astype(str).eq(str(partner)) & (dates <= day)]
    out = mine[["agreement", "in_force"]].astype({"agreement": str})
    if ftas is not None:
        _frames.require_columns(ftas, ("short_name", "name", "signed"), "ftas")
        names = ftas[["short_name", "name", "signed"]].rename(columns={"short_name": "agreement"})
        out = out.merge(names, on="agreement", how="left")
    return out.sort_values(["in_force", "agreement"]).reset_index(drop=True)


def covered_countries(
    fta_parties: pd.DataFrame,
    years: list[int],
    count_from: Literal["entry_year", "next_year"] = "entry_year",
) -> pd.DataFrame:
    """Countries with at least one agreement in force with Vietnam, per year: ``year``, ``country``.

    An agreement counts from the year it applies to the party (``entry_year``) or from the next
    full year (``next_year``).

    Examples
    --------
    >>> fp = pd.DataFrame({"agreement": ["VJEPA", "RCEP"], "party": ["JPN", "CHN"],
    ...                    "in_force": pd.to_datetime(["2009-10-01", "2022-01-01"])})
    >>> covered_countries(fp, [2021, 2022])["country"].tolist()
    ['JPN', 'CHN', 'JPN']
    """
    how = _frames.choice(count_from, ("entry_year", "next_year"), "count_from")
    _frames.require_columns(fta_parties, ("party", "in_force"), "fta_parties")
    first = pd.to_datetime(fta_parties["in_force"]).dt.year + (how == "next_year")
    parties = pd.DataFrame({"country": fta_parties["party"].astype(str), "first": first})
    grid = parties.merge(pd.DataFrame({"year": list(years)}, dtype="int64"), how="cross")
    grid = grid[grid["year"] >= grid["first"]][["year", "country"]].drop_duplicates()
    return grid.sort_values(["year", "country"]).reset_index(drop=True)
