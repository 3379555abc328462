"""What each report kind says, computed once here (tested) so the notebooks only display it.

Each function loads the datasets it needs, calls the metrics and returns a dict of frames and
headline numbers. "Now" is always the report's run date, never the clock, so a report is
reproducible.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

import ngkt_analysis as ngkt
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.metrics import agreements as ma
from ngkt_analysis.metrics import events as mev
from ngkt_analysis.metrics import partnerships as mp
from ngkt_analysis.metrics import trade as mt
from ngkt_analysis.metrics._frames import MIN_COVERAGE_PCT


@dataclass(frozen=True, eq=False)
class Facts:
    """What a report shows, computed once; ``provenance`` is the ``attrs`` of its input frames.

    The footer is built from ``provenance``; each result frame carries the sources of its own
    inputs in ``attrs["sources"]``, which the charts print: no source is typed in a notebook.
    """

    provenance: tuple[dict[str, Any], ...]
    partner_names: dict[str, dict[str, str]]
    """Language → partner code → display name (``OTHERS``: the remainder of a top-N table)."""

    def named(self, df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
        """Add display labels: ``partner_name``, ``level_name``, ``previous_name``, ``type_name``.

        The words come from the message catalog, the names from ``partners.csv`` (loaded with
        the facts): display code never loads data.
        """
        from ngkt_analysis.reports.messages import t

        out = df.copy()
        if "partner" in out:
            shown = {**self.partner_names[lang], "OTHERS": t("others", lang)}
            out["partner_name"] = out["partner"].map(lambda p: shown.get(p, p))
        for col, new in (("level", "level_name"), ("previous_level", "previous_name")):
            if col in out:
                out[new] = out[col].map(lambda v: "–" if pd.isna(v) else t(f"level.{v}", lang))
        if "type" in out:  # event types read as words in the report's language
            out["type_name"] = out["type"].astype(str).map(lambda v: t(f"event_type.{v}", lang))
        if "partner_name" in out and "latest_year" in out:  # "Lào (2024)": whose, and when
            years = out["latest_year"].astype("Int64").astype("string").fillna("–")
            out["partner_year"] = out["partner_name"] + " (" + years + ")"
        if "leader" in out:
            out["leader_name"] = out["leader"].astype(str).map(lambda v: t(f"leader.{v}", lang))
        if "window" in out:  # before / after an entry into force
            out["window_name"] = out["window"].astype(str).map(lambda v: t(v, lang))
        return out


@dataclass(frozen=True, eq=False)
class PartnerProfile(Facts):
    """Facts of a partner profile: the ladder, bilateral trade, upgrade effects, FTAs, events."""

    iso3: str
    name_en: str
    name_vi: str
    first: int
    last: int
    level: str | None
    level_since: pd.Timestamp | None
    level_since_known: bool
    ladder: pd.DataFrame
    bilateral: pd.DataFrame
    trade_years: list[int]
    n_years: int
    events_since: int | None
    latest_year: int | None
    turnover: float | None
    exports: float | None
    imports: float | None
    balance: float | None
    share_pct: float | None
    rank: float | None
    turnover_cagr_pct: float | None
    cagr_first: int | None
    cagr_last: int | None
    effects: pd.DataFrame
    ftas: pd.DataFrame
    events: pd.DataFrame


@dataclass(frozen=True, eq=False)
class AnnualReview(Facts):
    """Facts of an annual review: upgrades, level counts, trade headline, top partners, events."""

    year: int
    upgrades: pd.DataFrame
    n_upgrades: int
    counts: pd.DataFrame
    exports: float | None
    imports: float | None
    turnover: float | None
    balance: float | None
    turnover_growth_pct: float | None
    top: pd.DataFrame
    top_coverage: Any
    hhi: float | None
    equivalent_partners: float | None
    n_events: int
    n_activities: int
    events_by_type: pd.DataFrame
    events_by_month: pd.DataFrame
    documents: pd.DataFrame


@dataclass(frozen=True, eq=False)
class TradeOverview(Facts):
    """Facts of a trade overview: totals, shares, concentration, FTA coverage, what they cover."""

    start: int
    end: int
    flow: str
    top_n: int
    totals: pd.DataFrame
    last_year: int | None
    turnover: float | None
    balance: float | None
    cagr_pct: float | None
    cagr_first: int | None
    cagr_last: int | None
    share_year: int | None
    top: pd.DataFrame
    top_coverage: Any
    leader: str | None
    leader_share_pct: float | None
    shares: pd.DataFrame
    concentration: pd.DataFrame
    concentration_coverage: dict[str, Any]
    fta_coverage: pd.DataFrame
    fta_coverage_coverage: dict[str, Any]
    fta_share_pct: float | None
    fta_year: int | None


@dataclass(frozen=True, eq=False)
class UpgradesTimeline(Facts):
    """Facts of the partnership network since a year: counts per level, ladder, recent run."""

    since: int
    as_of: pd.Timestamp
    counts: pd.DataFrame
    per_year: pd.DataFrame
    ladder: pd.DataFrame
    recent: pd.DataFrame
    climbers: pd.DataFrame
    n_recent: int
    held: pd.DataFrame
    now: dict[str, int]
    undated: pd.DataFrame
    n_partners: int


@dataclass(frozen=True, eq=False)
class NewsDigest(Facts):
    """Facts of a news digest: the records found in the articles and what the datasets lack."""

    source_label: str
    n_articles: int
    counts: pd.DataFrame
    events: pd.DataFrame
    upgrades: pd.DataFrame
    figures: pd.DataFrame
    by_indicator: pd.DataFrame
    money_by_indicator: pd.DataFrame
    persons: pd.DataFrame
    documents: pd.DataFrame
    n_records: int
    n_new_events: int
    n_new_upgrades: int


@dataclass(frozen=True, eq=False)
class PartnerComparison(Facts):
    """Facts of a partner comparison: ladders, trade, shares, growth and events side by side."""

    partners: list[str]
    first: int
    last: int
    summary: pd.DataFrame
    ladder: pd.DataFrame
    off_ladder: list[str]
    trade: pd.DataFrame
    events_per_year: pd.DataFrame


@dataclass(frozen=True, eq=False)
class BlocProfile(Facts):
    """Facts of a bloc profile: members, their frameworks, trade, agreements, events."""

    bloc: str
    code: str | None
    members: pd.DataFrame
    level_counts: pd.DataFrame
    bloc_trade: pd.DataFrame
    member_trade: pd.DataFrame
    agreements: pd.DataFrame
    events: pd.DataFrame
    membership_changes: pd.DataFrame


@dataclass(frozen=True, eq=False)
class ActivityReview(Facts):
    """Facts of an activity review: the high-level external activities of a window."""

    start: pd.Timestamp
    end: pd.Timestamp
    activities: pd.DataFrame
    by_leader: pd.DataFrame
    by_month: pd.DataFrame
    by_type: pd.DataFrame
    by_partner: pd.DataFrame
    tally: int | None
    tally_qualifier: str | None
    tally_source: str | None


@dataclass(frozen=True, eq=False)
class FtaProfile(Facts):
    """Facts of an FTA profile: parties, dates, trade with the counterparties, its share."""

    short_name: str
    name: str
    status: str
    signed: pd.Timestamp | None
    in_force: pd.Timestamp | None
    parties: pd.DataFrame
    trade: pd.DataFrame
    share_pct: float | None
    share_year: int | None
    window: int
    growth: pd.DataFrame
    events: pd.DataFrame


def _partner_names() -> dict[str, dict[str, str]]:
    partners = ngkt.load("partners")
    return {
        lang: dict(zip(partners["iso3"], partners[f"name_{lang}"], strict=True))
        for lang in ("en", "vi")
    }


def _provenance(*frames: pd.DataFrame) -> tuple[dict[str, Any], ...]:
    """Return the provenance of the loaded input frames: name, title, sources, sha256."""
    keys = ("name", "title", "sources", "sha256")
    return tuple({k: frame.attrs.get(k) for k in keys} for frame in frames)


def _cite(*inputs: pd.DataFrame, on: Sequence[pd.DataFrame]) -> None:
    """Record on each result frame the sources of the inputs it was computed from.

    ``attrs["sources"]`` travels with the frame through ``copy``, filters, ``melt`` and
    ``merge`` to the chart, which prints it as its source line: no notebook types a source.
    """
    titles: dict[str, None] = {}
    for frame in inputs:
        for source in frame.attrs.get("sources", []):
            titles.setdefault(source.get("title", ""), None)
    for frame in on:
        frame.attrs["sources"] = [title for title in titles if title][:3]


def _today(run_date: str | None) -> pd.Timestamp:
    return pd.Timestamp(run_date or dt.date.today().isoformat())


def parse_years(years: str) -> tuple[int, int]:
    """Split ``"2015:2025"`` into (2015, 2025).

    Examples
    --------
    >>> parse_years("2015:2025")
    (2015, 2025)
    """
    first, _, last = str(years).partition(":")
    return int(first), int(last or first)


def names(lang: str = "en") -> dict[str, str]:
    """Return partner code → display name in ``lang``."""
    partners = ngkt.load("partners")
    return dict(
        zip(partners["iso3"], partners["name_vi" if lang == "vi" else "name_en"], strict=True)
    )


def _num(value: Any) -> float | None:
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def coverage_summary(frame: pd.DataFrame, value: str) -> dict[str, Any]:
    """Summarise what a partner-based series covers: years drawn, years left out for coverage.

    ``frame`` has ``year``, ``covered_share_pct`` and the metric ``value`` (NaN where the coverage
    policy withheld it). Returns ``years`` (drawn), ``left_out`` (years with partner rows but
    below the threshold), ``low``/``high`` (coverage range of the years drawn) and ``threshold``.

    Examples
    --------
    >>> fr = pd.DataFrame({"year": [2011, 2024], "covered_share_pct": [1.9, 80.0],
    ...                    "hhi": [float("nan"), 1500.0]})
    >>> coverage_summary(fr, "hhi")["left_out"], coverage_summary(fr, "hhi")["low"]
    ([2011], 80.0)
    """
    drawn = frame[frame[value].notna()]
    left = frame[frame[value].isna() & frame["covered_share_pct"].notna()]
    return {
        "years": sorted(int(y) for y in drawn["year"].unique()),
        "left_out": sorted(int(y) for y in left["year"].unique()),
        "low": _num(drawn["covered_share_pct"].min()) if len(drawn) else None,
        "high": _num(drawn["covered_share_pct"].max()) if len(drawn) else None,
        "threshold": MIN_COVERAGE_PCT,
    }


def _values(row: pd.Series | None, *columns: str) -> dict[str, float | None]:
    """Return the named numbers of a row (a year's headline); None for gaps and no row."""
    return {c: _num(row[c]) if row is not None else None for c in columns}


def _cagr(series: pd.Series) -> tuple[float | None, int | None, int | None]:
    """CAGR in percent between the first and last years with a value (None if fewer than two)."""
    s = series.dropna()
    if len(s) < 2:
        return None, None, None
    first, last = int(s.index.min()), int(s.index.max())
    return _num(mt.cagr(series, first, last)), first, last


# --------------------------------------------------------------------------- partner profile


def partner_profile(partner: str, years: str, run_date: str | None = None) -> PartnerProfile:
    """Facts for one partner: ladder, bilateral trade, upgrade effects, FTAs, events."""
    iso = ngkt.resolve_partner(partner)
    first, last = parse_years(years)
    up, ta, tbp = (
        ngkt.load("partnership_upgrades"),
        ngkt.load("trade_annual"),
        ngkt.load("trade_by_partner"),
    )
    partners, ftas, events = ngkt.load("partners"), ngkt.load("ftas"), ngkt.load("events")
    row = partners.set_index("iso3").loc[iso]
    today = _today(run_date)
    held = mp.partner_levels(up, today)
    held = held[held["partner"].eq(iso)]
    ladder = mp.ladder(up)
    ladder = ladder[ladder["partner"].eq(iso)].sort_values("date").reset_index(drop=True)
    bilateral = mt.bilateral(tbp, ta, iso, partners=partners)
    bilateral = bilateral[bilateral["year"].between(first, last)].reset_index(drop=True)
    with_turnover = bilateral.dropna(subset=["turnover"])
    latest = with_turnover.iloc[-1] if len(with_turnover) else None
    growth, g_first, g_last = _cagr(bilateral.set_index("year")["turnover"])
    effects = mt.upgrade_trade_effect(up, tbp, ta, 3)
    effects = effects[effects["partner"].eq(iso)]
    rates = ["partner_cagr_before_pct", "partner_cagr_after_pct"]
    effects = effects[effects[rates].notna().any(axis=1)].reset_index(drop=True)  # no all-gap row
    parties = ngkt.load("fta_parties")
    agreements = ma.in_force(parties, iso, today, ftas)
    all_events = mev.partner_timeline(events, iso, partners=partners)
    timeline = all_events[all_events["date"].dt.year.between(first, last)].reset_index(drop=True)
    valued = bilateral[["exports", "imports", "turnover"]].notna().any(axis=1)
    _cite(tbp, ta, on=[bilateral, effects])
    _cite(up, on=[ladder])
    _cite(events, on=[timeline])
    return PartnerProfile(
        iso3=iso,
        name_en=row["name_en"],
        name_vi=row["name_vi"],
        first=first,
        last=last,
        level=str(held["level"].iloc[0]) if len(held) else None,
        level_since=held["since"].iloc[0] if len(held) else None,
        level_since_known=bool(held["since_known"].iloc[0]) if len(held) else True,
        ladder=ladder,
        bilateral=bilateral,
        trade_years=sorted(int(y) for y in bilateral.loc[valued, "year"]),
        n_years=last - first + 1,
        events_since=int(all_events["date"].dt.year.min()) if len(all_events) else None,
        latest_year=int(latest["year"]) if latest is not None else None,
        **_values(latest, "turnover", "exports", "imports", "balance", "rank"),
        share_pct=_values(latest, "share_of_total_pct")["share_of_total_pct"],
        turnover_cagr_pct=growth,
        cagr_first=g_first,
        cagr_last=g_last,
        effects=effects,
        ftas=agreements.rename(columns={"agreement": "short_name"}),
        events=timeline,
        provenance=_provenance(partners, up, ta, tbp, ftas, parties, events),
        partner_names=_partner_names(),
    )


# --------------------------------------------------------------------------- annual review


def _top_or_empty(
    tbp: pd.DataFrame, ta: pd.DataFrame, year: int, flow: str, n: int = 5
) -> tuple[pd.DataFrame, float | None]:
    """Top partners and the coverage behind them; empty when the coverage policy withholds it.

    Below the coverage threshold the listed partners may not be the largest, so no ranking is
    shown (the frame is empty) and the coverage says why.
    """
    columns = ["partner", "value_usd_bn", "share_pct", "rank", "covered_share_pct"]
    try:
        top = mt.top_partners(tbp, ta, year, n, flow)
    except ParameterError:
        return pd.DataFrame(columns=columns), None
    covered = _num(top["covered_share_pct"].iloc[0])
    if top["value_usd_bn"].isna().any():  # the remainder is withheld: too little coverage
        return pd.DataFrame(columns=columns), covered
    return top, covered


def annual_review(year: int) -> AnnualReview:
    """Facts for one year: upgrades, level counts, trade headline, top partners, events."""
    up, ta, tbp = (
        ngkt.load("partnership_upgrades"),
        ngkt.load("trade_annual"),
        ngkt.load("trade_by_partner"),
    )
    events = ngkt.load("events")
    ladder = mp.ladder(up)
    upgrades = ladder[ladder["date"].dt.year.eq(year)].sort_values("date").reset_index(drop=True)
    counts = mp.level_counts_by_year(up, year - 1, year)
    counts = counts.pivot_table(
        index="level", columns="year", values="count", aggfunc="sum", observed=False
    )
    counts = counts.reindex(list(ngkt.LEVELS)).reset_index()  # highest level first
    counts.columns = ["level", "previous", "current"]
    counts["change"] = counts["current"] - counts["previous"]
    trade = mt.turnover_balance(ta).set_index("year")
    this = trade.loc[year] if year in trade.index else None
    growth = _num(mt.yoy_growth(trade["turnover"]).get(year)) if this is not None else None
    tops = {flow: _top_or_empty(tbp, ta, year, flow) for flow in ("exports", "imports")}
    top = {flow: frame for flow, (frame, _) in tops.items()}
    top_coverage = {flow: covered for flow, (_, covered) in tops.items()}
    conc = mt.concentration(tbp, ta, "exports")
    conc = conc[conc["year"].eq(year)]
    in_year = events[events["date"].dt.year.eq(year)]
    by_type = mev.events_per_period(in_year, "year", ("type",))
    by_type = by_type.set_index("type")["events"].reindex(mev.TYPES, fill_value=0).reset_index()
    by_month = mev.events_per_period(in_year, "month", ())
    by_month = by_month.assign(month=by_month["start"].dt.month).set_index("month")["events"]
    by_month = by_month.reindex(range(1, 13), fill_value=0).rename("events").reset_index()
    documents = events[
        events["type"].isin(mev.DOCUMENT_TYPES) & (events["date"] <= pd.Timestamp(f"{year}-12-31"))
    ].sort_values("date")
    _cite(up, on=[upgrades, counts])
    _cite(tbp, ta, on=list(top.values()))
    _cite(events, on=[by_type, by_month, documents])
    return AnnualReview(
        year=year,
        upgrades=upgrades,
        n_upgrades=len(upgrades),
        counts=counts,
        **_values(this, "exports", "imports", "turnover", "balance"),
        turnover_growth_pct=growth,
        top=top,
        top_coverage=top_coverage,
        hhi=_num(conc["hhi"].iloc[0]) if len(conc) else None,
        equivalent_partners=_num(conc["equivalent_partners"].iloc[0]) if len(conc) else None,
        n_events=len(in_year),
        n_activities=mev.activity_count(events, f"{year}-01-01", f"{year}-12-31", high_level=True),
        events_by_type=by_type,
        events_by_month=by_month,
        documents=documents.reset_index(drop=True),
        provenance=_provenance(up, ta, tbp, events, ngkt.load("partners")),
        partner_names=_partner_names(),
    )


# --------------------------------------------------------------------------- trade overview


def trade_overview(start: int, end: int, top_n: int = 5, flow: str = "exports") -> TradeOverview:
    """Facts for a span of years: totals, balance, partner shares, concentration, FTA coverage.

    Every partner-based figure follows the coverage policy: the top partners come from the
    latest year whose partner rows cover at least 75% of the total, and concentration and FTA
    coverage are given only for such years (the others are listed as left out).
    """
    ta, tbp = ngkt.load("trade_annual"), ngkt.load("trade_by_partner")
    parties, partners = ngkt.load("fta_parties"), ngkt.load("partners")
    changes = ngkt.load("bloc_changes")
    totals = mt.turnover_balance(ta)
    totals = totals[totals["year"].between(start, end)].reset_index(drop=True)
    series = totals.set_index("year")
    growth, g_first, g_last = _cagr(series[flow if flow != "total" else "turnover"])
    shares = mt.partner_shares(tbp, ta, flow)
    shares = shares[shares["year"].between(start, end)]
    ranked = shares[shares["rank"].notna()]
    with_total = shares[shares["total_usd_bn"].notna()]
    # the latest year the partners can be ranked in; else the latest year with partner rows
    candidates = ranked if len(ranked) else with_total
    share_year = int(candidates["year"].max()) if len(candidates) else None
    top, top_covered = (
        _top_or_empty(tbp, ta, share_year, flow, top_n)
        if share_year is not None
        else (pd.DataFrame(columns=["partner", "value_usd_bn", "share_pct"]), None)
    )
    leaders = [p for p in top["partner"] if p != mt.OTHERS]
    conc = mt.concentration(tbp, ta, flow)
    conc = conc[conc["year"].between(start, end)].reset_index(drop=True)
    cover = mt.fta_coverage(parties, tbp, ta, partners, bloc_changes=changes)
    cover = cover[cover["year"].between(start, end) & cover["flow"].eq(flow)].reset_index(drop=True)
    last = totals.dropna(subset=["turnover"]).iloc[-1] if totals["turnover"].notna().any() else None
    fta_drawn = cover.dropna(subset=["share_pct"])
    _cite(ta, on=[totals])
    _cite(tbp, ta, on=[shares, top, conc])
    _cite(parties, tbp, ta, changes, on=[cover])
    return TradeOverview(
        start=start,
        end=end,
        flow=flow,
        top_n=top_n,
        totals=totals,
        last_year=int(last["year"]) if last is not None else None,
        turnover=_num(last["turnover"]) if last is not None else None,
        balance=_num(last["balance"]) if last is not None else None,
        cagr_pct=growth,
        cagr_first=g_first,
        cagr_last=g_last,
        share_year=share_year,
        top=top,
        top_coverage=top_covered,
        leader=leaders[0] if leaders else None,
        leader_share_pct=_num(top["share_pct"].iloc[0]) if leaders else None,
        shares=shares[shares["partner"].isin(leaders)].reset_index(drop=True),
        concentration=conc,
        concentration_coverage=coverage_summary(conc, "equivalent_partners"),
        fta_coverage=cover,
        fta_coverage_coverage=coverage_summary(cover, "share_pct"),
        fta_share_pct=_num(fta_drawn["share_pct"].iloc[-1]) if len(fta_drawn) else None,
        fta_year=int(fta_drawn["year"].iloc[-1]) if len(fta_drawn) else None,
        provenance=_provenance(ta, tbp, parties, partners, changes),
        partner_names=_partner_names(),
    )


# --------------------------------------------------------------------------- upgrades timeline


def upgrades_timeline(since: int, run_date: str | None = None) -> UpgradesTimeline:
    """Facts for the partnership network since a year: counts per level, ladder, recent run."""
    up = ngkt.load("partnership_upgrades")
    today = _today(run_date)
    counts = mp.level_counts_by_year(up, since, today.year)
    per_year = mp.upgrades_per_year(up)
    per_year = per_year[per_year["year"].between(since, today.year)].reset_index(drop=True)
    ladder = mp.ladder(up)
    ladder = ladder[ladder["date"] <= today].reset_index(drop=True)
    recent = ladder[ladder["date"].dt.year >= since].sort_values("date", ascending=False)
    held = mp.partner_levels(up, today)
    now = held.groupby("level", observed=False).size()
    undated = held[~held["since_known"]].reset_index(drop=True)
    # partners that moved up at least once since `since`: their whole ladder, for the step chart
    movers = set(recent.loc[recent["previous_level"].notna(), "partner"])
    climbers = ladder[ladder["partner"].isin(movers)].reset_index(drop=True)
    _cite(up, on=[counts, per_year, ladder, recent, climbers, held])
    return UpgradesTimeline(
        since=since,
        as_of=today,
        counts=counts,
        per_year=per_year,
        ladder=ladder,
        recent=recent.reset_index(drop=True),
        climbers=climbers,
        n_recent=len(recent),
        held=held,
        now={str(k): int(v) for k, v in now.items()},
        undated=undated,
        n_partners=len(held),
        provenance=_provenance(up, ngkt.load("partners")),
        partner_names=_partner_names(),
    )


def resolve_bloc(bloc: str) -> str:
    """Return the group name in partners.csv for a bloc given in any case (or by its code).

    Examples
    --------
    >>> resolve_bloc("asean"), resolve_bloc("EUU"), resolve_bloc("g7")
    ('ASEAN', 'EU', 'G7')
    """
    partners = ngkt.load("partners")
    groups = sorted({g for gs in partners["groups"] for g in gs})
    aggregates = dict(zip(partners["iso3"], partners["aggregates"], strict=True))
    key = str(bloc).strip().casefold()
    for group in groups:
        if key == group.casefold():
            return group
    for code, group in aggregates.items():
        if group and key == code.casefold():
            return str(group)
    raise ParameterError("bloc", bloc, "a group of partners.csv: " + ", ".join(groups))


def bloc_profile(bloc: str, run_date: str | None = None) -> BlocProfile:
    """Facts for a bloc: each member's framework with Viet Nam, trade, agreements, events."""
    group = resolve_bloc(bloc)
    partners, up = ngkt.load("partners"), ngkt.load("partnership_upgrades")
    ta, tbp, events = ngkt.load("trade_annual"), ngkt.load("trade_by_partner"), ngkt.load("events")
    parties, ftas = ngkt.load("fta_parties"), ngkt.load("ftas")
    changes = ngkt.load("bloc_changes")
    today = _today(run_date)
    codes = [c for c, gs in zip(partners["iso3"], partners["groups"], strict=True) if group in gs]
    codes = [c for c in codes if c != "VNM"]
    bloc_code = next(
        (c for c, a in zip(partners["iso3"], partners["aggregates"], strict=True) if a == group),
        None,
    )
    held = mp.partner_levels(up, today).set_index("partner")
    members = pd.DataFrame({"partner": codes})
    members["level"] = (
        members["partner"].map(held["level"].astype(str)).where(members["partner"].isin(held.index))
    )
    members["since"] = members["partner"].map(held["since"])
    rows = mt.partner_shares(tbp, ta, "total")
    latest = rows[rows["partner"].isin(codes)].dropna(subset=["value_usd_bn"])
    latest = latest.sort_values("year").groupby("partner").tail(1)
    members = members.merge(
        latest[["partner", "year", "value_usd_bn", "share_pct"]], on="partner", how="left"
    ).rename(
        columns={
            "year": "latest_year",
            "value_usd_bn": "turnover",
            "share_pct": "share_of_total_pct",
        }
    )
    order = {lv: i for i, lv in enumerate(ngkt.LEVELS)}
    members = members.sort_values(
        ["level", "partner"], key=lambda s: s.map(order).fillna(9) if s.name == "level" else s
    ).reset_index(drop=True)
    counts = members["level"].value_counts().reindex(list(ngkt.LEVELS), fill_value=0)
    level_counts = counts.rename_axis("level").rename("count").reset_index()
    columns = ["year", "exports", "imports", "turnover", "balance", "share_of_total_pct", "rank"]
    bloc_trade = (
        mt.bilateral(tbp, ta, bloc_code, partners=partners)
        if bloc_code
        else pd.DataFrame(columns=columns).astype({"year": "int64"})
    )
    member_trade = rows[rows["partner"].isin(codes)][["year", "partner", "value_usd_bn"]]
    covered = parties[parties["party"].isin(codes) & (parties["in_force"] <= today)]
    agreements = covered.groupby("agreement").agg(
        members_covered=("party", "nunique"), first_in_force=("in_force", "min")
    )
    agreements = agreements.join(ftas.set_index("short_name")["name"]).reset_index()
    agreements = agreements.rename(columns={"agreement": "short_name"})
    agreements = agreements.sort_values("first_in_force").reset_index(drop=True)
    exploded = events.explode("partners")
    related = exploded[exploded["partners"].isin([*codes, *([bloc_code] if bloc_code else [])])]
    related = events.loc[sorted(set(related.index))].sort_values("date")
    _cite(up, on=[level_counts])
    _cite(up, tbp, on=[members])
    # who joined or left while the bloc's own rows were counted: each row covers the members of
    # its year (the EU of 28 until 2019)
    moved = changes[changes["bloc"].eq(bloc_code)] if bloc_code else changes.iloc[0:0]
    moved = moved[["partner", "change", "date"]].sort_values("date").reset_index(drop=True)
    _cite(tbp, ta, on=[bloc_trade, member_trade])
    _cite(parties, ftas, on=[agreements])
    _cite(events, on=[related])
    _cite(changes, on=[moved])
    return BlocProfile(
        provenance=_provenance(partners, up, ta, tbp, parties, ftas, events, changes),
        partner_names=_partner_names(),
        bloc=group,
        code=bloc_code,
        members=members,
        level_counts=level_counts,
        bloc_trade=bloc_trade,
        member_trade=member_trade.reset_index(drop=True),
        agreements=agreements,
        events=related.reset_index(drop=True),
        membership_changes=moved,
    )


def parse_partners(partners: str) -> list[str]:
    """Resolve a comma-separated list of 2 to 6 partners (codes, names or aliases) to codes.

    Examples
    --------
    >>> parse_partners("Mỹ, Trung Quốc,JPN")
    ['USA', 'CHN', 'JPN']
    """
    names = [p.strip() for p in str(partners).split(",") if p.strip()]
    codes = list(dict.fromkeys(ngkt.resolve_partner(n) for n in names))
    if not 2 <= len(codes) <= 6:
        raise ParameterError("partners", partners, "2 to 6 different partners, comma-separated")
    return codes


def partner_comparison(
    partners: str, years: str = "2010:2025", run_date: str | None = None
) -> PartnerComparison:
    """Facts for 2 to 6 partners side by side, on shared axes."""
    codes = parse_partners(partners)
    first, last = parse_years(years)
    up, ta, tbp = (
        ngkt.load("partnership_upgrades"),
        ngkt.load("trade_annual"),
        ngkt.load("trade_by_partner"),
    )
    events, partners_table = ngkt.load("events"), ngkt.load("partners")
    held = mp.partner_levels(up, _today(run_date)).set_index("partner")
    ladder = mp.ladder(up)
    ladder = ladder[ladder["partner"].isin(codes)].sort_values(["partner", "date"])
    frames = []
    for code in codes:
        rows = mt.bilateral(tbp, ta, code, partners=partners_table)
        frames.append(rows[rows["year"].between(first, last)].assign(partner=code))
    trade = pd.concat(frames, ignore_index=True)
    # growth over one window for all: the first and last years every partner has a turnover for
    wide = trade.pivot_table(index="year", columns="partner", values="turnover", aggfunc="first")
    common = wide.reindex(columns=codes).dropna().index
    g_first, g_last = (int(common.min()), int(common.max())) if len(common) > 1 else (None, None)
    rows = []
    for code in codes:
        mine = trade[trade["partner"].eq(code)].dropna(subset=["turnover"])
        latest = mine.iloc[-1] if len(mine) else None
        series = trade[trade["partner"].eq(code)].set_index("year")["turnover"]
        growth = _num(mt.cagr(series, g_first, g_last)) if g_first is not None else None
        rows.append(
            {
                "partner": code,
                "level": str(held.at[code, "level"]) if code in held.index else None,
                # an attested date (since_known False) is not the framework's start: no date
                "since": held.at[code, "since"]
                if code in held.index and held.at[code, "since_known"]
                else pd.NaT,
                "latest_year": int(latest["year"]) if latest is not None else None,
                "turnover": _num(latest["turnover"]) if latest is not None else None,
                "share_of_total_pct": _num(latest["share_of_total_pct"])
                if latest is not None
                else None,
                "cagr_pct": growth,
                "cagr_years": f"{g_first}–{g_last}" if g_first is not None else "",
            }
        )
    summary = pd.DataFrame(rows)
    exploded = events.explode("partners")
    exploded = exploded[
        exploded["partners"].isin(codes) & exploded["date"].dt.year.between(first, last)
    ]
    per_year = exploded.groupby([exploded["date"].dt.year.rename("year"), "partners"]).size()
    years = pd.MultiIndex.from_product([range(first, last + 1), codes], names=["year", "partners"])
    per_year = per_year.reindex(years, fill_value=0).rename("events").reset_index()
    per_year = per_year.rename(columns={"partners": "partner"})
    _cite(up, on=[ladder])
    _cite(tbp, ta, on=[trade, summary])
    _cite(events, on=[per_year])
    return PartnerComparison(
        provenance=_provenance(up, ta, tbp, events, partners_table),
        partner_names=_partner_names(),
        partners=codes,
        first=first,
        last=last,
        summary=summary,
        ladder=ladder.reset_index(drop=True),
        # no dated step to draw: no framework, or one attested but with no start date
        off_ladder=[code for code in codes if code not in set(ladder["partner"])],
        trade=trade,
        events_per_year=per_year,
    )


def activity_review(start: str, end: str) -> ActivityReview:
    """Facts for a window of high-level external activity, with the official tally if recorded."""
    events, tallies = ngkt.load("events"), ngkt.load("activity_tallies")
    acts = mev.activities(events, start, end)
    first, last = pd.Timestamp(start), pd.Timestamp(end)

    def count(column: str, order: list[str] | None = None) -> pd.DataFrame:
        counts = acts.groupby(column, observed=True).size().rename("events")
        if order is not None:
            counts = counts.reindex(order, fill_value=0)
        return counts.rename_axis(column).reset_index()

    months = [str(p) for p in pd.period_range(first, last, freq="M")]
    partners = acts.explode("partners").dropna(subset=["partners"])
    by_partner = partners.groupby("partners").size().rename("events").reset_index()
    by_partner = by_partner.rename(columns={"partners": "partner"})
    by_partner = by_partner.sort_values(["events", "partner"], ascending=[False, True]).head(15)
    match = tallies[
        tallies["start"].eq(first)
        & tallies["end"].eq(last)
        & tallies["scope"].astype(str).eq("all")
    ]
    tally = match.iloc[0] if len(match) else None
    frames = (
        by_leader := count("leader", [*mev.LEADERS.values(), "hosted"]),
        by_month := count("month", months),
        by_type := count("type", list(mev.ACTIVITY_TYPES)),
    )
    _cite(events, on=[acts, *frames, by_partner])
    return ActivityReview(
        provenance=_provenance(events, tallies, ngkt.load("partners")),
        partner_names=_partner_names(),
        start=first,
        end=last,
        activities=acts,
        by_leader=by_leader,
        by_month=by_month,
        by_type=by_type,
        by_partner=by_partner.reset_index(drop=True),
        tally=int(tally["count"]) if tally is not None else None,
        tally_qualifier=str(tally["qualifier"]) if tally is not None else None,
        tally_source=str(tally["source_url"]) if tally is not None else None,
    )


def resolve_agreement(agreement: str) -> str:
    """Return the short name of an agreement given by short or full name, any case.

    Examples
    --------
    >>> resolve_agreement("evfta"), resolve_agreement("Regional Comprehensive Economic Partnership")
    ('EVFTA', 'RCEP')
    """
    ftas = ngkt.load("ftas")
    key = " ".join(str(agreement).split()).casefold()
    for short, name in zip(ftas["short_name"], ftas["name"], strict=True):
        if key in (short.casefold(), " ".join(name.split()).casefold()):
            return short
    raise ParameterError(
        "agreement", agreement, "a short or full name in ftas.csv: " + ", ".join(ftas["short_name"])
    )


def fta_profile(agreement: str, run_date: str | None = None, window: int = 3) -> FtaProfile:
    """Facts for one free trade agreement: who, when, how much trade it covers, around when."""
    short = resolve_agreement(agreement)
    ftas, parties_all = ngkt.load("ftas"), ngkt.load("fta_parties")
    tbp, ta, partners, events = (
        ngkt.load("trade_by_partner"),
        ngkt.load("trade_annual"),
        ngkt.load("partners"),
        ngkt.load("events"),
    )
    row = ftas.set_index("short_name").loc[short]
    parties = parties_all[parties_all["agreement"].eq(short)][["party", "in_force", "note"]]
    parties = parties.rename(columns={"party": "partner"}).sort_values(["in_force", "partner"])
    changes = ngkt.load("bloc_changes")
    trade = ma.agreement_trade(parties_all, short, tbp, ta, partners, bloc_changes=changes)
    complete = trade[trade["complete"]]
    latest = complete.iloc[-1] if len(complete) else None
    start = pd.Timestamp(row["in_force"]).year if pd.notna(row["in_force"]) else None
    series = trade.set_index("year")["counterparties_usd_bn"].where(
        trade.set_index("year")["complete"]
    )
    totals = mt.turnover_balance(ta).set_index("year")["turnover"]
    growth_rows = []
    if start is not None:
        for label, first, last in (
            ("before", start - window, start),
            ("after", start, start + window),
        ):
            growth_rows.append(
                {
                    "window": label,
                    "years": f"{first}–{last}",
                    "counterparties_cagr_pct": _num(mt.cagr(series, first, last)),
                    "total_cagr_pct": _num(mt.cagr(totals, first, last)),
                }
            )
    growth = pd.DataFrame(
        growth_rows, columns=["window", "years", "counterparties_cagr_pct", "total_cagr_pct"]
    )
    growth["complete"] = growth[["counterparties_cagr_pct", "total_cagr_pct"]].notna().all(axis=1)
    names = [short.casefold(), " ".join(str(row["name"]).split()).casefold()]
    titles = (events["title_en"].fillna("") + " " + events["title_vi"].fillna("")).str.casefold()
    related = events[titles.map(lambda t: any(n in t for n in names))].sort_values("date")
    _cite(parties_all, on=[parties])
    _cite(tbp, ta, changes, on=[trade, growth])
    _cite(events, on=[related])
    return FtaProfile(
        provenance=_provenance(ftas, parties_all, tbp, ta, events, partners, changes),
        partner_names=_partner_names(),
        short_name=short,
        name=str(row["name"]),
        status=str(row["status"]),
        signed=row["signed"] if pd.notna(row["signed"]) else None,
        in_force=row["in_force"] if pd.notna(row["in_force"]) else None,
        parties=parties.reset_index(drop=True),
        trade=trade,
        share_pct=_num(latest["share_pct"]) if latest is not None else None,
        share_year=int(latest["year"]) if latest is not None else None,
        window=window,
        growth=growth,
        events=related.reset_index(drop=True),
    )


MONEY_UNITS = ("USD",)
"""Units of the extractor's figures that are money (base unit: one US dollar)."""


def news_digest(articles: str = "", published: str = "") -> NewsDigest:
    """Facts for a digest of news articles: every record found, and what the datasets lack.

    ``articles`` is a folder or file as ``ngkt extract`` reads them ('' means the sample articles
    shipped with the package); ``published`` resolves years for articles that carry no date.
    """
    from ngkt_analysis import extract
    from ngkt_analysis.extract.inputs import iter_inputs
    from ngkt_analysis.paths import sample_articles_dir

    source = articles or str(sample_articles_dir())
    results = list(extract.articles(iter_inputs([source], published or None)))
    frames = extract.concat_frames(results)
    events_data, upgrades_data = ngkt.load("events"), ngkt.load("partnership_upgrades")
    flagged = extract.new_against_datasets(frames, events_data, upgrades_data)
    counts = pd.DataFrame(
        [{"article_id": r.id, **{k: len(v) for k, v in r.frames().items()}} for r in results]
    )
    figures = frames["figures"]
    named = figures.assign(indicator=figures["indicator"].fillna("other"))
    by_indicator = (
        named.groupby(["indicator", "unit"], as_index=False)
        .agg(mentions=("value", "size"), sum_base=("value", "sum"))
        .sort_values(["mentions", "indicator"], ascending=[False, True], ignore_index=True)
    )
    money = by_indicator[by_indicator["unit"].isin(MONEY_UNITS)].copy()
    money["sum_usd_bn"] = money["sum_base"] / 1e9
    events, upgrades = flagged["events"], flagged["partner_upgrades"]
    return NewsDigest(
        source_label=Path(articles).name if articles else "",
        n_articles=len(results),
        counts=counts,
        events=events,
        upgrades=upgrades,
        figures=figures.rename(columns={"value": "value_base"}),
        by_indicator=by_indicator,
        money_by_indicator=money.reset_index(drop=True),
        persons=frames["persons"],
        documents=frames["documents"],
        n_records=int(sum(len(f) for f in frames.values())),
        n_new_events=int(events["is_new"].sum()) if len(events) else 0,
        n_new_upgrades=int(upgrades["is_new"].sum()) if len(upgrades) else 0,
        provenance=_provenance(events_data, upgrades_data, ngkt.load("partners")),
        partner_names=_partner_names(),
    )
