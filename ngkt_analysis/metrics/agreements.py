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


def agreement_trade(
    fta_parties: pd.DataFrame,
    agreement: str,
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    partners: pd.DataFrame,
    bloc_changes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Vietnam's trade (exports + imports) with one agreement's counterparties, per year.

    A bloc row (EUU, ASEAN) stands for the counterparties it aggregates in a year when every one
    of its members that year is a counterparty (EVFTA from 2020: the EU row; not before, when
    the EU row includes the United Kingdom); other counterparties count by their own rows.
    ``bloc_changes`` gives each year's members (without it, today's members for every year).
    A year is ``complete`` only when every counterparty has a value: then ``share_pct`` (of
    Vietnam's total) is given; otherwise it is NaN and ``counterparties_usd_bn`` is a lower
    bound (``with_data`` of ``parties`` counted). A gap stays a gap.

    Returns
    -------
    DataFrame
        ``year``, ``counterparties_usd_bn``, ``total_usd_bn``, ``share_pct``, ``with_data``,
        ``parties``, ``complete``: the years with any counterparty row.

    Examples
    --------
    >>> fp = pd.DataFrame({"agreement": ["X", "X"], "party": ["JPN", "KOR"],
    ...                    "in_force": pd.to_datetime(["2020-01-01"] * 2)})
    >>> tbp = pd.DataFrame({"year": [2023, 2023, 2024], "partner": ["JPN", "KOR", "JPN"],
    ...                     "flow": ["turnover"] * 3, "value_usd_bn": [46.0, 76.0, 46.2]})
    >>> ta = pd.DataFrame({"year": [2023, 2023, 2024, 2024], "flow": ["exports", "imports"] * 2,
    ...                    "value_usd_bn": [355.5, 327.5, 405.5, 380.8]})
    >>> p = pd.DataFrame({"iso3": ["JPN", "KOR"], "kind": ["country"] * 2,
    ...                   "aggregates": [None, None], "groups": [[], []]})
    >>> t = agreement_trade(fp, "X", tbp, ta, p)
    >>> t[["year", "counterparties_usd_bn", "complete"]].values.tolist()
    [[2023, 122.0, True], [2024, 46.2, False]]
    >>> float(round(t["share_pct"].iloc[0], 1)), bool(t["share_pct"].isna().iloc[1])
    (17.9, True)
    """
    from ngkt_analysis.partners import members_by_year

    _frames.require_columns(fta_parties, ("agreement", "party"), "fta_parties")
    parties = set(fta_parties.loc[fta_parties["agreement"].astype(str).eq(agreement), "party"])
    rows = _frames.partner_flows(trade_by_partner)
    rows = rows[rows["flow"].eq("total")].dropna(subset=["value_usd_bn"])
    years = sorted(int(y) for y in rows["year"].unique())
    members = members_by_year(partners, bloc_changes, years)
    counted = {}
    for year, group in members.groupby("year"):
        # the counterparties that year: a bloc stands for its members when all are parties
        blocs = {
            c: set(g["country"]) for c, g in group.groupby("code") if set(g["country"]) <= parties
        }
        covered = set().union(*blocs.values()) if blocs else set()
        counted[int(year)] = (parties - covered) | set(blocs)
    for year in years:
        counted.setdefault(year, set(parties))
    unit_rows = pd.DataFrame(
        [(year, unit) for year, us in counted.items() for unit in us], columns=["year", "partner"]
    ).astype({"year": "int64", "partner": "string"})
    rows = rows.merge(unit_rows, on=["year", "partner"])
    totals = _frames.annual_flows(trade_annual)
    totals = totals[totals["flow"].eq("total")].set_index("year")["total_usd_bn"]
    by_year = rows.groupby("year")
    out = pd.DataFrame(
        {
            "counterparties_usd_bn": by_year["value_usd_bn"].sum(),
            "with_data": by_year["partner"].nunique(),
        }
    )
    out["parties"] = [len(counted[int(year)]) for year in out.index]
    out["complete"] = out["with_data"].eq(out["parties"])
    out["total_usd_bn"] = totals.reindex(out.index)
    share = _frames.share_pct(out["counterparties_usd_bn"], out["total_usd_bn"])
    out["share_pct"] = share.where(out["complete"])
    out = out.rename_axis("year").reset_index().astype({"year": "int64", "with_data": "int64"})
    columns = ["year", "counterparties_usd_bn", "total_usd_bn", "share_pct", "with_data"]
    return out[[*columns, "parties", "complete"]]
