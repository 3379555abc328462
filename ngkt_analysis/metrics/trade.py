"""Trade metrics: turnover and balance, growth, partner shares and ranks, concentration, FTAs.

Inputs are the ``trade_annual`` and ``trade_by_partner`` frames (``year``, ``flow`` ∈ exports,
imports, ``value_usd_bn`` in billion USD). ``flow="total"`` means exports + imports. Bloc rows
(``EUU``, ``ASEAN``) overlap their members: they are shown with their share but never ranked,
summed with countries or counted in a concentration index.

Coverage policy (see :mod:`ngkt_analysis.metrics._frames`): every function that relates partner
rows to Vietnam's total returns ``covered_share_pct`` (the share of the year's total the country
rows account for) and leaves NaN/NA every figure that depends on the partners *not* listed (ranks,
the "others" remainder, HHI, FTA coverage) where that coverage is below ``min_coverage_pct``
(default 75). A ``turnover`` row (a two-way total stated without its split) counts for
``flow="total"`` only; exports and imports are never split out of it.

Edge-case policy, shared by every function: a gap stays a gap (missing years are not invented or
interpolated; a sum that needs a missing or NaN value is NaN), a zero denominator gives NaN (never
``inf``), an empty input gives an empty frame with the documented columns, and a frame whose
``attrs`` declare another money unit raises :class:`~ngkt_analysis.errors.UnitError`.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection
from typing import Literal

import numpy as np
import pandas as pd

from ngkt_analysis.errors import DatasetError, ParameterError, PartnerError, Problem
from ngkt_analysis.metrics import _frames
from ngkt_analysis.metrics._frames import FLOWS, LEVEL_DTYPE, MIN_COVERAGE_PCT

Flow = Literal["exports", "imports", "total"]
_STATUS_ORDER = ("final", "preliminary", "estimate")  # strongest first
OTHERS = "OTHERS"
"""Partner code of the remainder row of :func:`top_partners`."""


def turnover_balance(trade_annual: pd.DataFrame) -> pd.DataFrame:
    """Vietnam's exports, imports, turnover and balance per year, in billion USD.

    Formula: ``turnover = exports + imports``; ``balance = exports - imports`` (positive =
    surplus).

    Parameters
    ----------
    trade_annual : DataFrame
        ``year``, ``flow``, ``value_usd_bn`` and optionally ``status``.

    Returns
    -------
    DataFrame
        ``year``, ``exports``, ``imports``, ``turnover``, ``balance``, ``status``: one row per year
        that has any flow, sorted. A missing flow leaves it, turnover and balance NaN. ``status``
        is the weakest status of the flows present (final > preliminary > estimate); NA when the
        input has no ``status``.

    Examples
    --------
    >>> ta = pd.DataFrame({"year": [2023, 2023], "flow": ["exports", "imports"],
    ...                    "value_usd_bn": [355.5, 327.5], "status": ["final", "preliminary"]})
    >>> row = turnover_balance(ta).to_dict("records")[0]
    >>> row["turnover"], row["balance"], row["status"]
    (683.0, 28.0, 'preliminary')
    """
    annual = _frames.annual_flows(trade_annual)
    wide = annual.pivot_table(
        index="year", columns="flow", values="total_usd_bn", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=list(FLOWS)).rename(columns={"total": "turnover"})
    wide["balance"] = wide["exports"] - wide["imports"]
    if "status" in trade_annual.columns:
        rank = (
            trade_annual["status"].astype("string").map({s: i for i, s in enumerate(_STATUS_ORDER)})
        )
        weakest = rank.groupby(trade_annual["year"].astype("int64")).max()
        status = weakest.map(dict(enumerate(_STATUS_ORDER)))
    else:
        status = pd.Series(dtype="object")
    wide["status"] = status.reindex(wide.index).astype("object")
    out = wide.rename_axis(index="year", columns=None).reset_index()
    columns = ["year", "exports", "imports", "turnover", "balance", "status"]
    return out[columns].astype({"year": "int64"})


def yoy_growth(values: pd.Series) -> pd.Series:
    """Year-on-year growth in percent.

    Formula: ``100 * (v[t] / v[t-1] - 1)``.

    Parameters
    ----------
    values : Series
        Indexed by integer year, in any unit (the growth is unit-free).

    Returns
    -------
    Series
        Same index, sorted by year. NaN for the first year, after a missing year (no growth over
        a gap), when either value is NaN, and when ``v[t-1]`` is zero.

    Raises
    ------
    ParameterError
        When the index is not made of unique integer years.

    Examples
    --------
    >>> yoy_growth(pd.Series([100.0, 110.0, 99.0], index=[2021, 2022, 2024])).round(1).tolist()
    [nan, 10.0, nan]
    """
    series = _by_year(values, "values")
    previous = series.reindex(series.index - 1).set_axis(series.index)
    return 100 * (series / previous.where(previous != 0) - 1)


def cagr(values: pd.Series, start: int, end: int) -> float:
    """Compound annual growth rate between two years, in percent.

    Formula: ``100 * ((v[end] / v[start]) ** (1 / (end - start)) - 1)``. Only the two endpoint
    values are used; years in between may be missing.

    Parameters
    ----------
    values : Series
        Indexed by integer year, in any unit.
    start, end : int
        First and last year of the window, ``start < end``.

    Returns
    -------
    float
        NaN when either endpoint is missing or NaN, or when ``v[start] <= 0`` or ``v[end] < 0``
        (no growth rate is defined): never a silently shortened window.

    Raises
    ------
    ParameterError
        When ``start >= end``, a bound is not an integer year or the index is not integer years.

    Examples
    --------
    >>> round(cagr(pd.Series([100.0, 121.0], index=[2020, 2022]), 2020, 2022), 6)
    10.0
    """
    first, last = _frames.year(start, "start"), _frames.year(end, "end")
    if first >= last:
        raise ParameterError("end", end, f"a year after start ({first})")
    series = _by_year(values, "values")
    return float(_cagr(series.get(first, np.nan), series.get(last, np.nan), last - first))


def _cagr(v0: object, v1: object, years: object) -> object:
    """Vectorised CAGR in percent (scalars or arrays); NaN where undefined."""
    v0 = np.asarray(v0, dtype="float64")
    v1 = np.asarray(v1, dtype="float64")
    ok = (v0 > 0) & (v1 >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rate = 100 * (np.power(v1 / v0, 1 / np.asarray(years, dtype="float64")) - 1)
    return np.where(ok, rate, np.nan)


def _by_year(values: pd.Series, name: str) -> pd.Series:
    if not pd.api.types.is_integer_dtype(values.index) and len(values):
        raise ParameterError(name, f"a Series indexed by {values.index.dtype}", "integer years")
    if values.index.has_duplicates:
        raise ParameterError(name, "a Series with repeated years", "one value per year")
    series = values.astype("float64").sort_index()
    series.index = series.index.astype("int64")
    return series


def partner_shares(
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    flow: Flow = "exports",
    *,
    blocs: Collection[str] | None = None,
    min_coverage_pct: float = MIN_COVERAGE_PCT,
) -> pd.DataFrame:
    """Each partner's share of Vietnam's exports, imports or total trade, with its rank.

    Formula: ``share_pct = 100 * value_usd_bn / total_usd_bn`` (Vietnam's total for the flow that
    year); ``rank`` 1 = largest, among countries only.

    Parameters
    ----------
    trade_by_partner, trade_annual : DataFrame
        Billion USD.
    flow : {"exports", "imports", "total"}
        ``total`` = exports + imports (NaN for a partner-year with only one flow listed).
    blocs : collection of str, optional
        Aggregate codes, kept with their share, never ranked (default: the blocs partners.csv
        declares).
    min_coverage_pct : float
        Coverage policy: ``rank`` is NA in years where the listed countries cover less than this
        share of Vietnam's total (a rank among a few listed partners is not a rank).

    Returns
    -------
    DataFrame
        ``year``, ``partner``, ``flow``, ``value_usd_bn``, ``total_usd_bn``, ``share_pct``,
        ``rank`` (nullable Int64: NA for blocs, NaN values and years below the coverage
        threshold; ties share the lower rank), ``covered_share_pct``. Sorted by year, then rank.
        ``share_pct`` is the partner's own share (exact whatever the coverage). A year without
        Vietnam's total has NaN totals and shares.

    Examples
    --------
    >>> tbp = pd.DataFrame({"year": [2023] * 3, "partner": ["USA", "CHN", "EUU"],
    ...                     "flow": ["exports"] * 3, "value_usd_bn": [97.0, 61.0, 51.0]})
    >>> ta = pd.DataFrame({"year": [2023], "flow": ["exports"], "value_usd_bn": [355.5]})
    >>> shares = partner_shares(tbp, ta, min_coverage_pct=40)
    >>> shares[["partner", "share_pct", "rank"]].round(1).to_numpy().tolist()
    [['USA', 27.3, 1], ['CHN', 17.2, 2], ['EUU', 14.3, <NA>]]
    >>> partner_shares(tbp, ta)["rank"].tolist()  # USA and CHN cover 44.5% < 75%: no ranks
    [<NA>, <NA>, <NA>]
    """
    chosen = _frames.choice(flow, FLOWS, "flow")
    threshold = _frames.min_coverage(min_coverage_pct)
    rows = _frames.partner_flows(trade_by_partner)
    rows = rows[rows["flow"].eq(chosen)]
    totals = _frames.annual_flows(trade_annual)
    out = rows.merge(totals, on=["year", "flow"], how="left")
    out = out.merge(_frames.coverage(rows, totals, blocs), on=["year", "flow"], how="left")
    out["share_pct"] = _frames.share_pct(out["value_usd_bn"], out["total_usd_bn"])
    covered = out["covered_share_pct"] >= threshold
    countries = out["value_usd_bn"].where(~_frames.is_bloc(out["partner"], blocs) & covered)
    out["rank"] = countries.groupby(out["year"]).rank(method="min", ascending=False)
    out["rank"] = out["rank"].astype("Int64")
    out["flow"] = out["flow"].astype(str)
    out["partner"] = out["partner"].astype(str)
    out = out.sort_values(["year", "rank", "partner"], na_position="last")
    columns = ["year", "partner", "flow", "value_usd_bn", "total_usd_bn", "share_pct", "rank"]
    return out[[*columns, "covered_share_pct"]].reset_index(drop=True)


def top_partners(
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    year: int,
    n: int = 5,
    flow: Flow = "exports",
    *,
    blocs: Collection[str] | None = None,
    min_coverage_pct: float = MIN_COVERAGE_PCT,
) -> pd.DataFrame:
    """List the ``n`` largest country partners in a year, plus an ``OTHERS`` row closing the total.

    Formula: ``OTHERS = Vietnam's total - sum(top n)``, so the rows add up to Vietnam's total
    exactly; ``share_pct = 100 * value_usd_bn / total``.

    Parameters
    ----------
    trade_by_partner, trade_annual : DataFrame
        Billion USD.
    year : int
        A year with both partner rows and Vietnam's total for the flow.
    n : int
        How many countries to list (fewer when fewer are listed). Blocs are never listed.
    flow : {"exports", "imports", "total"}
    min_coverage_pct : float
        Coverage policy: below this coverage the listed countries may not be the largest, so
        ``rank`` is NA and the ``OTHERS`` row is NaN (its remainder would hide unlisted partners
        bigger than the ones shown).

    Returns
    -------
    DataFrame
        ``partner``, ``value_usd_bn``, ``share_pct``, ``rank``, ``covered_share_pct``: the top
        ``n`` by value (ties broken by code), then ``OTHERS`` (everything else, unlisted
        partners included).

    Raises
    ------
    ParameterError
        When ``n < 1``, ``flow`` is unknown, or the year lacks partner rows or Vietnam's total.
    DatasetError
        When the listed countries add up to more than Vietnam's total (inconsistent sources).

    Examples
    --------
    >>> tbp = pd.DataFrame({"year": [2023] * 3, "partner": ["USA", "CHN", "JPN"],
    ...                     "flow": ["exports"] * 3, "value_usd_bn": [97.0, 61.0, 23.0]})
    >>> ta = pd.DataFrame({"year": [2023], "flow": ["exports"], "value_usd_bn": [355.0]})
    >>> top_partners(tbp, ta, 2023, n=2, min_coverage_pct=50)["value_usd_bn"].tolist()
    [97.0, 61.0, 197.0]
    >>> top_partners(tbp, ta, 2023, n=2)["value_usd_bn"].tolist()  # 51% covered: no remainder
    [97.0, 61.0, nan]
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ParameterError("n", n, "a whole number of partners, at least 1")
    shares = partner_shares(
        trade_by_partner, trade_annual, flow, blocs=blocs, min_coverage_pct=min_coverage_pct
    )
    wanted = _frames.year(year, "year")
    available = sorted(set(shares.loc[shares["total_usd_bn"].notna(), "year"]))
    if wanted not in available:
        raise ParameterError("year", year, f"a year with partner rows and a total: {available}")
    in_year = shares[shares["year"].eq(wanted)]
    rows = in_year[~_frames.is_bloc(in_year["partner"], blocs) & in_year["value_usd_bn"].notna()]
    rows = rows.sort_values(["value_usd_bn", "partner"], ascending=[False, True])
    total = float(in_year["total_usd_bn"].iloc[0])
    covered = float(in_year["covered_share_pct"].iloc[0])
    top = rows.head(int(n))[["partner", "value_usd_bn", "rank"]]
    listed = rows["value_usd_bn"].sum()
    if listed > total * (1 + 1e-9):
        raise DatasetError(
            [
                Problem(
                    str(trade_by_partner.attrs.get("path", "trade_by_partner")),
                    None,
                    "value_usd_bn",
                    f"{listed:g} listed for {wanted} {flow}",
                    f"country values adding up to at most Vietnam's total ({total:g})",
                )
            ]
        )
    enough = covered >= _frames.min_coverage(min_coverage_pct)
    rest = total - top["value_usd_bn"].sum() if enough else np.nan
    others = pd.DataFrame({"partner": [OTHERS], "value_usd_bn": [rest]})
    out = pd.concat([top, others], ignore_index=True)
    out["share_pct"] = _frames.share_pct(out["value_usd_bn"], pd.Series(total, index=out.index))
    out["rank"] = out["rank"].astype("Int64")
    out["covered_share_pct"] = covered
    return out[["partner", "value_usd_bn", "share_pct", "rank", "covered_share_pct"]]


def concentration(
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    flow: Flow = "exports",
    *,
    remainder: Literal["spread", "single"] = "spread",
    blocs: Collection[str] | None = None,
    min_coverage_pct: float = MIN_COVERAGE_PCT,
) -> pd.DataFrame:
    """Market concentration: Herfindahl–Hirschman index of country shares, per year.

    Formula: ``hhi = sum(share_pct ** 2)`` over listed countries (0–10,000 scale; 10,000 = one
    partner takes everything), shares taken of Vietnam's *total* for the flow;
    ``equivalent_partners = 10,000 / hhi`` (the number of equal-sized partners with the same
    concentration).

    Parameters
    ----------
    trade_by_partner, trade_annual : DataFrame
        Billion USD. Bloc rows are left out (they overlap their members).
    flow : {"exports", "imports", "total"}
    remainder : {"spread", "single"}
        How the unlisted remainder (``100 - covered_share_pct``) counts. ``spread`` (default):
        as many tiny partners, adding ~0 to the index, so ``hhi`` is a lower bound and
        ``equivalent_partners`` an upper bound. ``single``: as one partner, adding
        ``remainder ** 2`` (the opposite bounds). The truth lies between the two.
    min_coverage_pct : float
        Coverage policy: ``hhi`` and ``equivalent_partners`` are NaN in years where the listed
        countries hold less than this share of the total (an index of a sliver measures the
        sliver: 1.9% coverage once gave "2,700 equivalent partners").

    Returns
    -------
    DataFrame
        ``year``, ``flow``, ``hhi``, ``equivalent_partners``, ``covered_share_pct`` (share of the
        total held by the listed countries). Years: those with partner rows. NaN when Vietnam's
        total is missing or zero, the year lists no country, or coverage is below the threshold.

    Examples
    --------
    >>> tbp = pd.DataFrame({"year": [2023] * 2, "partner": ["USA", "CHN"],
    ...                     "flow": ["exports"] * 2, "value_usd_bn": [30.0, 20.0]})
    >>> ta = pd.DataFrame({"year": [2023], "flow": ["exports"], "value_usd_bn": [100.0]})
    >>> c = concentration(tbp, ta, min_coverage_pct=50)
    >>> c[["hhi", "equivalent_partners"]].round(2).to_numpy().tolist()
    [[1300.0, 7.69]]
    >>> concentration(tbp, ta, remainder="single", min_coverage_pct=50)["hhi"].tolist()
    [3800.0]
    >>> concentration(tbp, ta)[["hhi", "covered_share_pct"]].to_numpy().tolist()  # 50% < 75%
    [[nan, 50.0]]
    """
    how = _frames.choice(remainder, ("spread", "single"), "remainder")
    threshold = _frames.min_coverage(min_coverage_pct)
    shares = partner_shares(trade_by_partner, trade_annual, flow, blocs=blocs)
    countries = shares[~_frames.is_bloc(shares["partner"], blocs)]
    countries = countries.assign(squared=countries["share_pct"] ** 2)
    sums = countries.groupby("year")[["squared", "share_pct"]].sum(min_count=1)
    out = sums.rename(columns={"squared": "hhi", "share_pct": "covered_share_pct"})
    if how == "single":
        out["hhi"] = out["hhi"] + (100 - out["covered_share_pct"]).clip(lower=0) ** 2
    out["hhi"] = out["hhi"].where(out["covered_share_pct"] >= threshold)
    out["equivalent_partners"] = 10_000 / out["hhi"].where(out["hhi"] > 0)
    out = out.reset_index()
    out.insert(1, "flow", str(flow))
    columns = ["year", "flow", "hhi", "equivalent_partners", "covered_share_pct"]
    return out[columns].astype({"year": "int64", "hhi": "float64"})


def upgrade_trade_effect(
    upgrades: pd.DataFrame,
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    k: int = 3,
    *,
    flow: Flow = "total",
) -> pd.DataFrame:
    """Bilateral trade growth k years before vs after each upgrade, against Vietnam's total.

    With ``Y`` the upgrade's year, the *before* window is ``Y-k → Y`` and the *after* window
    ``Y → Y+k`` (the upgrade year is the pivot of both). For each window the CAGR (percent a year)
    of the partner's trade and of Vietnam's total trade is computed from the two endpoint years.
    Formula: ``excess_after_minus_before_pp = (partner_after - total_after)
    - (partner_before - total_before)``, in percentage points: how much faster the partner's
    trade grew than Vietnam's after the upgrade, compared with before. A simple difference, not a
    causal estimate.

    Parameters
    ----------
    upgrades : DataFrame
        ``partnership_upgrades``; every row is one upgrade.
    trade_by_partner, trade_annual : DataFrame
        Billion USD.
    k : int
        Window length in years (at least 1).
    flow : {"exports", "imports", "total"}
        Which trade to compare (default total = exports + imports).

    Returns
    -------
    DataFrame
        ``partner``, ``level``, ``date``, ``window_years`` (= k), ``before_window``,
        ``after_window`` (e.g. ``"2020-2023"``), ``partner_cagr_before_pct``,
        ``partner_cagr_after_pct``, ``total_cagr_before_pct``, ``total_cagr_after_pct``,
        ``excess_after_minus_before_pp``, ``complete_window`` (all six endpoint values present),
        ``note`` (why a window is incomplete; empty when complete). A window never shrinks: a
        missing endpoint (an upgrade too recent or too early for the data, a year not listed)
        makes that CAGR NaN, the excess NaN and ``complete_window`` False.

    Examples
    --------
    >>> up = pd.DataFrame({"partner": ["KOR"], "level": ["comprehensive_strategic"],
    ...                    "date": pd.to_datetime(["2022-12-05"])})
    >>> tbp = pd.DataFrame({"year": [2021, 2022, 2023], "partner": ["KOR"] * 3,
    ...                     "flow": ["exports"] * 3, "value_usd_bn": [100.0, 110.0, 121.0]})
    >>> ta = pd.DataFrame({"year": [2021, 2022, 2023], "flow": ["exports"] * 3,
    ...                    "value_usd_bn": [300.0, 330.0, 330.0]})
    >>> r = upgrade_trade_effect(up, tbp, ta, k=1, flow="exports").iloc[0]
    >>> [round(float(r[c]), 6) for c in ["partner_cagr_after_pct", "total_cagr_after_pct",
    ...                                  "excess_after_minus_before_pp"]]
    [10.0, 0.0, 10.0]
    >>> r["complete_window"], r["after_window"]
    (np.True_, '2022-2023')
    """
    if isinstance(k, bool) or not isinstance(k, (int, np.integer)) or k < 1:
        raise ParameterError("k", k, "a window length in whole years, at least 1")
    chosen = _frames.choice(flow, FLOWS, "flow")
    up = _frames.upgrade_rows(upgrades)
    rows = _frames.partner_flows(trade_by_partner)
    rows = rows[rows["flow"].eq(chosen)].set_index(["partner", "year"])["value_usd_bn"]
    totals = _frames.annual_flows(trade_annual)
    totals = totals[totals["flow"].eq(chosen)].set_index("year")["total_usd_bn"]
    y = up["date"].dt.year.astype("int64")
    years = {"start": y - k, "pivot": y, "end": y + k}
    partner = {
        key: rows.reindex(pd.MultiIndex.from_arrays([up["partner"], yr])).to_numpy()
        for key, yr in years.items()
    }
    total = {key: totals.reindex(yr).to_numpy() for key, yr in years.items()}
    out = up[["partner", "level", "date"]].copy()
    out["window_years"] = int(k)
    out["before_window"] = years["start"].astype(str) + "-" + y.astype(str)
    out["after_window"] = y.astype(str) + "-" + years["end"].astype(str)
    out["partner_cagr_before_pct"] = _cagr(partner["start"], partner["pivot"], k)
    out["partner_cagr_after_pct"] = _cagr(partner["pivot"], partner["end"], k)
    out["total_cagr_before_pct"] = _cagr(total["start"], total["pivot"], k)
    out["total_cagr_after_pct"] = _cagr(total["pivot"], total["end"], k)
    out["excess_after_minus_before_pp"] = (
        out["partner_cagr_after_pct"] - out["total_cagr_after_pct"]
    ) - (out["partner_cagr_before_pct"] - out["total_cagr_before_pct"])
    out["complete_window"] = out["excess_after_minus_before_pp"].notna()
    listed = rows.dropna().reset_index()
    first_year = min(listed["year"].min(), totals.dropna().index.min()) if len(listed) else 0
    last_year = max(listed["year"].max(), totals.dropna().index.max()) if len(listed) else 0
    has_rows = up["partner"].isin(listed["partner"])
    out["note"] = np.select(
        [
            out["complete_window"],
            ~has_rows,
            years["end"] > last_year,
            years["start"] < first_year,
        ],
        [
            "",
            f"no {chosen} trade rows for this partner",
            "too recent: the after window needs data for "
            + years["end"].astype(str)
            + f"; the data end in {last_year}",
            "too early: the before window needs data for "
            + years["start"].astype(str)
            + f"; the data start in {first_year}",
        ],
        default="an endpoint value (partner or Vietnam total) is missing for "
        + years["start"].astype(str)
        + ", "
        + y.astype(str)
        + " or "
        + years["end"].astype(str),
    )
    out["level"] = out["level"].astype(LEVEL_DTYPE)
    out["partner"] = out["partner"].astype(str)
    return out.sort_values(["date", "partner"]).reset_index(drop=True)


def fta_coverage(
    fta_parties: pd.DataFrame,
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    partners: pd.DataFrame,
    *,
    count_from: Literal["entry_year", "next_year"] = "entry_year",
    min_coverage_pct: float = MIN_COVERAGE_PCT,
    bloc_changes: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Share of Vietnam's trade with partners that have an FTA in force with Vietnam, per year.

    Formula: ``share_pct = 100 * covered_usd_bn / total_usd_bn`` where ``covered_usd_bn`` sums the
    trade of every country that is Vietnam's counterparty under at least one agreement in force
    that year (:func:`ngkt_analysis.metrics.agreements.covered_countries`), each counted once.

    Parameters
    ----------
    fta_parties : DataFrame
        ``fta_parties``: ``agreement``, ``party``, ``in_force`` (per counterparty: an ASEAN+1
        agreement covers its named partner, not the other ASEAN members).
    trade_by_partner, trade_annual : DataFrame
        Billion USD.
    partners : DataFrame
        ``partners`` (``iso3``, ``kind``, ``aggregates``, ``groups``): which countries a bloc
        row (ASEAN, EUU) aggregates.
    count_from : {"entry_year", "next_year"}
        An FTA counts from the year it applies to the party (default) or from the next full year.
    min_coverage_pct : float
        Coverage policy: ``share_pct`` is NaN in year-flows where the table's partner rows (bloc
        rows beyond their listed members included) account for less than this share of the
        total: unlisted partners could be covered or not.
    bloc_changes : DataFrame, optional
        ``bloc_changes``: a bloc's members each year (the EU row of 2019 includes the United
        Kingdom); without it, today's members for every year.

    Returns
    -------
    DataFrame
        ``year``, ``flow`` (exports, imports, total), ``covered_usd_bn``, ``total_usd_bn``,
        ``share_pct``, ``covered_share_pct``. A bloc row stands in for its members when every
        member is covered that year, replacing their country rows; otherwise the covered
        members' own rows count. ``covered_usd_bn`` is a lower bound (covered countries without
        rows add nothing). Years: those with partner rows and Vietnam's total.

    Examples
    --------
    >>> fp = pd.DataFrame({"agreement": ["VJEPA"], "party": ["JPN"],
    ...                    "in_force": pd.to_datetime(["2009-10-01"])})
    >>> partners = pd.DataFrame({"iso3": ["JPN", "USA"], "groups": [["G7"], ["G7"]],
    ...                          "kind": ["country"] * 2, "aggregates": [None, None]})
    >>> tbp = pd.DataFrame({"year": [2023] * 2, "partner": ["JPN", "USA"],
    ...                     "flow": ["exports"] * 2, "value_usd_bn": [23.0, 97.0]})
    >>> ta = pd.DataFrame({"year": [2023], "flow": ["exports"], "value_usd_bn": [140.0]})
    >>> t = fta_coverage(fp, tbp, ta, partners)
    >>> t.loc[t["flow"] == "exports", ["share_pct", "covered_share_pct"]].round(2).values.tolist()
    [[16.43, 85.71]]
    """
    from ngkt_analysis.metrics.agreements import covered_countries
    from ngkt_analysis.partners import members_by_year

    threshold = _frames.min_coverage(min_coverage_pct)
    rows = _frames.partner_flows(trade_by_partner)
    totals = _frames.annual_flows(trade_annual)
    years = sorted(set(rows["year"]) & set(totals.dropna()["year"]))
    covered = covered_countries(fta_parties, years, count_from)
    # a bloc row stands in for its members of that year when all of them are covered that year
    _frames.require_columns(partners, ("iso3", "kind", "aggregates", "groups"), "partners")
    bloc_members = members_by_year(partners, bloc_changes, years)
    grid = bloc_members.merge(covered.assign(in_fta=True), on=["year", "country"], how="left")
    full = grid.groupby(["year", "code"])["in_fta"].agg(lambda s: bool(s.notna().all()))
    full_blocs = full[full].reset_index()[["year", "code"]]
    bloc_rows = rows.merge(full_blocs, left_on=["year", "partner"], right_on=["year", "code"])
    replaced = full_blocs.merge(bloc_members, on=["year", "code"])
    replaced = replaced.merge(bloc_rows[["year", "code"]].drop_duplicates(), on=["year", "code"])
    country_rows = rows.merge(covered, left_on=["year", "partner"], right_on=["year", "country"])
    country_rows = country_rows.merge(
        replaced[["year", "country"]].assign(replaced=True), on=["year", "country"], how="left"
    )
    country_rows = country_rows[country_rows["replaced"].isna()]
    used = pd.concat([bloc_rows, country_rows])[["year", "flow", "value_usd_bn"]]
    sums = used.groupby(["year", "flow"])["value_usd_bn"].sum()
    full_index = pd.MultiIndex.from_product([years, FLOWS], names=["year", "flow"])
    out = sums.reindex(full_index, fill_value=0.0).rename("covered_usd_bn").reset_index()
    out = out.merge(totals, on=["year", "flow"], how="left")
    out = out.merge(_known_share(rows, totals, bloc_members), on=["year", "flow"], how="left")
    out["covered_share_pct"] = out["covered_share_pct"].fillna(0.0)
    enough = out["covered_share_pct"] >= threshold
    out["share_pct"] = _frames.share_pct(out["covered_usd_bn"], out["total_usd_bn"]).where(enough)
    out["flow"] = out["flow"].astype(str)
    columns = ["year", "flow", "covered_usd_bn", "total_usd_bn", "share_pct", "covered_share_pct"]
    return out[columns].astype({"year": "int64"})


def _known_share(
    rows: pd.DataFrame, totals: pd.DataFrame, bloc_members: pd.DataFrame
) -> pd.DataFrame:
    """Share of each year-flow total the partner rows account for, blocs without double counting.

    Countries count once; a bloc row adds what it holds beyond its members' rows that year.
    """
    blocs = set(bloc_members["code"])
    countries = rows[~rows["partner"].isin(list(blocs))]
    known = countries.groupby(["year", "flow"])["value_usd_bn"].sum()
    member_rows = countries.merge(
        bloc_members, left_on=["year", "partner"], right_on=["year", "country"]
    )
    listed = member_rows.groupby(["year", "flow", "code"])["value_usd_bn"].sum()
    bloc = rows[rows["partner"].isin(list(blocs))].set_index(["year", "flow", "partner"])
    bloc = bloc["value_usd_bn"].rename_axis(["year", "flow", "code"])
    beyond = (bloc - listed.reindex(bloc.index, fill_value=0.0)).clip(lower=0)
    known = known.add(beyond.groupby(["year", "flow"]).sum(), fill_value=0.0)
    out = totals.merge(known.rename("known").reset_index(), on=["year", "flow"], how="left")
    share = _frames.share_pct(out["known"].fillna(0.0), out["total_usd_bn"]).clip(upper=100)
    return out.assign(covered_share_pct=share)[["year", "flow", "covered_share_pct"]]


def bilateral(
    trade_by_partner: pd.DataFrame,
    trade_annual: pd.DataFrame,
    partner: str,
    *,
    partners: pd.DataFrame | None = None,
    blocs: Collection[str] | None = None,
) -> pd.DataFrame:
    """One partner's trade with Vietnam per year: the partner profile's main table.

    Formula: ``turnover = exports + imports``, ``balance = exports - imports`` (Vietnam's surplus
    when positive), ``share_of_total_pct = 100 * turnover / Vietnam's turnover``; ``rank`` of the
    partner's turnover among the listed countries that year (NA for blocs).

    Parameters
    ----------
    trade_by_partner, trade_annual : DataFrame
        Billion USD.
    partner : str
        ISO3 code (or EUU / ASEAN). Resolve names first with ``ngkt.resolve_partner``.
    partners : DataFrame, optional
        ``partners``: when given, a known partner without trade rows gets an empty table instead
        of an error.

    Returns
    -------
    DataFrame
        ``year``, ``exports``, ``imports``, ``turnover``, ``balance``, ``share_of_total_pct``,
        ``rank``: one row per year listed for the partner; a missing flow leaves it, turnover,
        balance and share NaN.

    Raises
    ------
    PartnerError
        When the code is not in ``partners`` (if given) or, without ``partners``, has no rows.

    Examples
    --------
    >>> tbp = pd.DataFrame({"year": [2023] * 2, "partner": ["USA"] * 2,
    ...                     "flow": ["exports", "imports"], "value_usd_bn": [97.0, 13.0]})
    >>> ta = pd.DataFrame({"year": [2023] * 2, "flow": ["exports", "imports"],
    ...                    "value_usd_bn": [355.0, 327.0]})
    >>> bilateral(tbp, ta, "USA").iloc[0][["turnover", "balance"]].tolist()
    [110.0, 84.0]
    """
    rows = _frames.partner_flows(trade_by_partner)
    known = set(rows["partner"]) if partners is None else set(partners["iso3"].astype(str))
    if partner not in known:
        raise PartnerError(str(partner), difflib.get_close_matches(str(partner), sorted(known)))
    shares = partner_shares(trade_by_partner, trade_annual, "total", blocs=blocs)
    mine = rows[rows["partner"].eq(partner)]
    wide = mine.pivot_table(
        index="year", columns="flow", values="value_usd_bn", aggfunc="first", dropna=False
    ).reindex(columns=list(FLOWS))
    wide = wide.rename(columns={"total": "turnover"}).rename_axis(columns=None).reset_index()
    wide["balance"] = wide["exports"] - wide["imports"]
    mine_shares = shares.loc[shares["partner"].eq(partner), ["year", "share_pct", "rank"]]
    out = wide.merge(mine_shares, on="year", how="left")
    out = out.rename(columns={"share_pct": "share_of_total_pct"})
    columns = ["year", "exports", "imports", "turnover", "balance", "share_of_total_pct", "rank"]
    out = out.reindex(columns=columns).astype({"year": "int64", "rank": "Int64"})
    return out.astype({c: "float64" for c in columns[1:6]})
