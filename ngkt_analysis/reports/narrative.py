"""The reports' prose: summaries from computed numbers, and the HTML fragments around them.

Every word comes from the message catalog (:mod:`ngkt_analysis.reports.messages`, one table of
English and Vietnamese texts); numbers and dates are formatted there with Babel. Tables, key
figures and the footer are rendered from Jinja templates in ``templates/``. Nothing here loads
data: the footer and the charts' source lines take the provenance the facts carry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ngkt_analysis.reports.messages import LANGS, catalog, fmt_date, fmt_number, t

__all__ = ["LANGS", "fmt_date", "fmt_number", "t"]


def word(key: str, lang: str) -> str:
    """Return a label as a word in running text (first letter lower-cased): 'exports'.

    Examples
    --------
    >>> word("turnover", "vi")
    'tổng kim ngạch'
    """
    return _lower_first(t(key, lang))


def level_label(level: str, lang: str) -> str:
    """Return the name of a framework level in ``lang``.

    Examples
    --------
    >>> level_label("comprehensive_strategic", "vi")
    'Đối tác chiến lược toàn diện'
    """
    return t(f"level.{level}", lang)


def level_labels(lang: str = "en") -> dict[str, str]:
    """Return level → its name in ``lang``, highest level first."""
    from ngkt_analysis.datasets import LEVELS

    return {level: level_label(level, lang) for level in LEVELS}


def fmt_usd_bn(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    """Return an amount in billion US dollars with its unit.

    Examples
    --------
    >>> fmt_usd_bn(786.29), fmt_usd_bn(786.29, "vi")
    ('786.3 billion USD', '786,3 tỷ USD')
    """
    return f"{fmt_number(value, decimals, lang)} {t('usd_bn', lang)}"


def fmt_pct(value: float | None, lang: str = "en", decimals: int = 1, signed: bool = False) -> str:
    """Return a percentage ('+12.5%' with ``signed``).

    Examples
    --------
    >>> fmt_pct(12.345, signed=True), fmt_pct(-4.0, "vi")
    ('+12.3%', '-4,0%')
    """
    text = fmt_number(value, decimals, lang)
    if signed and text != "–" and not text.startswith("-"):
        text = "+" + text
    return text if text == "–" else text + "%"


def join_words(items: Iterable[str], lang: str = "en") -> str:
    """Join names as prose: 'A, B and C' / 'A, B và C'.

    Examples
    --------
    >>> join_words(["A", "B", "C"]), join_words(["A", "B"], "vi"), join_words([])
    ('A, B and C', 'A và B', '')
    """
    items = list(items)
    conj = " và " if lang == "vi" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + conj + items[-1]


# --------------------------------------------------------------------------- summaries


def _date(value: Any, lang: str) -> str:
    return fmt_date(value, lang)


def _say(key: str, lang: str, **fields: Any) -> str:
    return t(f"say.{key}", lang, **fields)


def _surplus(balance: float, lang: str) -> str:
    return t("surplus" if balance >= 0 else "deficit", lang)


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def coverage_note(cov: Mapping[str, Any], flow: str, start: int, end: int, lang: str = "en") -> str:
    r"""Say what a partner-based series covers (from ``facts.coverage_summary``).

    Examples
    --------
    >>> cov = {"years": [2023, 2024], "left_out": [2011], "low": 78.0, "high": 83.5,
    ...        "threshold": 75.0}
    >>> print(coverage_note(cov, "exports", 2010, 2025).replace(". ", ".\n"))
    Partner rows cover 78.0%–83.5% of Viet Nam's exports in the years shown.
    Years where they cover less than 75% are not drawn: 2011.
    """
    flow_word = word(flow if flow != "total" else "turnover", lang)
    threshold = fmt_pct(cov["threshold"], lang, 0)
    if not cov["years"]:
        return _say("cov.none", lang, threshold=threshold, flow=flow_word, start=start, end=end)
    low, high = fmt_pct(cov["low"], lang), fmt_pct(cov["high"], lang)
    span = low if low == high else f"{low}–{high}"
    text = _say("cov.drawn", lang, span=span, flow=flow_word)
    if cov["left_out"]:
        years = ", ".join(str(y) for y in cov["left_out"])
        text += _say("cov.left_out", lang, threshold=threshold, years=years)
    return text


def top_note(pct: float | None, flow: str, year: int, ranked: bool, lang: str = "en") -> str:
    """Say how much of the year's total the top-partner table rests on (or why it is absent)."""
    from ngkt_analysis.metrics._frames import MIN_COVERAGE_PCT

    flow_word = word(flow if flow != "total" else "turnover", lang)
    key = "cov.top" if ranked else "cov.no_top"
    return _say(
        key,
        lang,
        pct=fmt_pct(pct, lang),
        flow=flow_word,
        year=year,
        threshold=fmt_pct(MIN_COVERAGE_PCT, lang, 0),
    )


def partner_coverage(f: Any, lang: str = "en") -> str:
    """Return the partner profile's opening line: the trade and event data behind the page."""
    years = f.trade_years
    shown = f" ({', '.join(str(y) for y in years)})" if 0 < len(years) <= 6 else ""
    events = (
        _say("pp.coverage_events", lang, n=len(f.events), since=f.events_since)
        if f.events_since is not None
        else _say("pp.coverage_no_events", lang)
    )
    return _say(
        "pp.coverage",
        lang,
        n=len(years),
        m=f.n_years,
        first=f.first,
        last=f.last,
        years=shown,
        events=events,
    )


def undated_note(f: Any, lang: str = "en") -> str:
    """Name the frameworks counted from an attested date, not a sourced start ('' if none)."""
    undated = f.undated
    if undated.empty:
        return ""
    shown = f.partner_names[lang]
    who = join_words([shown.get(p, p) for p in undated["partner"]], lang)
    dates = join_words([_date(d, lang) for d in undated["since"]], lang)
    return _say("ut.undated", lang, names=who, dates=dates)


def partner_profile_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on a partner: level, latest trade, growth, agreements, events."""
    name = f.name_vi if lang == "vi" else f.name_en
    if f.level:
        level = _lower_first(level_label(f.level, lang))
        key = "pp.level" if f.level_since_known else "pp.level_attested"
        parts = [_say(key, lang, name=name, level=level, since=_date(f.level_since, lang))]
    else:
        parts = [_say("pp.no_level", lang, name=name)]
    if f.turnover is not None:
        rank = f" (#{int(f.rank)})" if f.rank is not None else ""
        fields = {
            "year": f.latest_year,
            "turnover": fmt_usd_bn(f.turnover, lang),
            "share": fmt_pct(f.share_pct, lang),
            "rank": rank,
        }
        if f.balance is None:
            parts.append(_say("pp.trade_total", lang, **fields))
        else:
            surplus, balance = _surplus(f.balance, lang), fmt_usd_bn(abs(f.balance), lang)
            parts.append(_say("pp.trade", lang, surplus=surplus, balance=balance, **fields))
    else:
        parts.append(_say("pp.no_trade", lang))
    if f.turnover_cagr_pct is not None:
        growth = fmt_pct(f.turnover_cagr_pct, lang)
        parts.append(_say("pp.growth", lang, growth=growth, first=f.cagr_first, last=f.cagr_last))
    parts.append(
        _say(
            "pp.rest",
            lang,
            name=name,
            ftas=", ".join(f.ftas["short_name"]) if len(f.ftas) else t("nothing", lang),
            events=len(f.events),
            first=f.first,
            last=f.last,
        )
    )
    return " ".join(parts)


def annual_review_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on a year: upgrades, trade headline, events."""
    shown = f.partner_names[lang]
    who = join_words([shown.get(p, p) for p in f.upgrades["partner"]], lang)
    n = f.n_upgrades
    who = f" ({who})" if who else ""
    parts = [_say("ar.upgrades", lang, year=f.year, n=n, plural="" if n == 1 else "s", who=who)]
    if f.turnover is not None:
        growth = f.turnover_growth_pct
        growth = (
            ""
            if growth is None
            else _say("ar.growth", lang, growth=fmt_pct(growth, lang, signed=True))
        )
        parts.append(
            _say(
                "ar.trade",
                lang,
                turnover=fmt_usd_bn(f.turnover, lang),
                growth=growth,
                exports=fmt_usd_bn(f.exports, lang),
                imports=fmt_usd_bn(f.imports, lang),
                surplus=_surplus(f.balance, lang),
                balance=fmt_usd_bn(abs(f.balance), lang),
            )
        )
    else:
        parts.append(_say("ar.no_trade", lang))
    parts.append(_say("ar.events", lang, n=f.n_events, activities=f.n_activities))
    return " ".join(parts)


def trade_overview_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on trade over a span of years."""
    if f.turnover is None:
        return _say("to.none", lang, start=f.start, end=f.end)
    flow = word(f.flow if f.flow != "total" else "turnover", lang)
    parts = [
        _say(
            "to.trade",
            lang,
            year=f.last_year,
            turnover=fmt_usd_bn(f.turnover, lang),
            surplus=_surplus(f.balance, lang),
            balance=fmt_usd_bn(abs(f.balance), lang),
        )
    ]
    if f.cagr_pct is not None:
        growth = fmt_pct(f.cagr_pct, lang)
        first, last = f.cagr_first, f.cagr_last
        parts.append(
            _say("to.growth", lang, flow=flow.capitalize(), growth=growth, first=first, last=last)
        )
    if f.leader:
        leader = f.partner_names[lang].get(f.leader, f.leader)
        share = fmt_pct(f.leader_share_pct, lang)
        parts.append(
            _say("to.leader", lang, leader=leader, flow=flow, year=f.share_year, share=share)
        )
    if f.fta_share_pct is not None:
        share = fmt_pct(f.fta_share_pct, lang)
        parts.append(_say("to.fta", lang, share=share, flow=flow, year=f.fta_year))
    return " ".join(parts)


def upgrades_timeline_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on the partnership network."""
    levels = join_words(
        [f"{f.now.get(k, 0)} {_lower_first(level_label(k, lang))}" for k in level_labels()],
        lang,
    )
    text = _say(
        "ut.summary",
        lang,
        date=_date(f.as_of, lang),
        n=f.n_partners,
        levels=levels,
        since=f.since,
        recent=f.n_recent,
    )
    undated = undated_note(f, lang)
    return f"{text} {undated}" if undated else text


def fta_profile_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on a free trade agreement: dates, counterparties, the trade it covers."""
    parts = [
        _say(
            "fp.summary",
            lang,
            name=f.name,
            short=f.short_name,
            signed=_date(f.signed, lang),
            n=len(f.parties),
            in_force=_date(f.in_force, lang),
        )
    ]
    if f.share_pct is None:
        parts.append(_say("fp.no_share", lang))
    else:
        value = f.trade.set_index("year").at[f.share_year, "counterparties_usd_bn"]
        parts.append(
            _say(
                "fp.share",
                lang,
                year=f.share_year,
                value=fmt_usd_bn(value, lang),
                share=fmt_pct(f.share_pct, lang),
            )
        )
    return " ".join(parts)


def fta_trade_note(f: Any, lang: str = "en") -> str:
    """Say which years the FTA trade chart draws (only those with every counterparty)."""
    return t("fp.coverage", lang, n=int(f.trade["complete"].sum()), m=len(f.trade))


def bloc_profile_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on a bloc: its members' frameworks with Viet Nam and the agreements."""
    counts = f.level_counts.set_index("level")["count"]
    levels = join_words(
        [f"{n} {_lower_first(level_label(k, lang))}" for k, n in counts.items() if n], lang
    )
    framed = int(counts.sum())
    parts = [_say("bp.summary", lang, bloc=f.bloc, n=len(f.members), framed=framed, levels=levels)]
    if len(f.agreements):
        parts.append(_say("bp.ftas", lang, ftas=", ".join(f.agreements["short_name"])))
    return " ".join(parts)


def partner_comparison_summary(f: Any, lang: str = "en") -> str:
    """One paragraph comparing 2 to 6 partners: their levels and who grew fastest."""
    shown = f.partner_names[lang]
    levels = join_words(
        [
            f"{shown.get(r.partner, r.partner)} ({_lower_first(level_label(r.level, lang))})"
            if r.level
            else shown.get(r.partner, r.partner)
            for r in f.summary.itertuples()
        ],
        lang,
    )
    parts = [_say("pc.summary", lang, n=len(f.partners), levels=levels)]
    rates = f.summary.dropna(subset=["cagr_pct"])
    if len(rates):
        top = rates.loc[rates["cagr_pct"].idxmax()]
        parts.append(
            _say(
                "pc.growth",
                lang,
                years=top["cagr_years"],
                fastest=shown.get(top["partner"], top["partner"]),
                rate=fmt_pct(top["cagr_pct"], lang),
            )
        )
    else:
        parts.append(_say("pc.no_growth", lang))
    return " ".join(parts)


def bloc_membership_note(f: Any, lang: str = "en") -> str | None:
    """Say who joined or left the bloc, or None when nobody did.

    A reader then knows each year's row covers that year's members (the EU's before 2020
    include the United Kingdom).
    """
    if not len(f.membership_changes):
        return None
    shown = f.partner_names[lang]
    key = {"joined": "bp.joined", "left": "bp.left"}
    moves = [
        t(key[str(r.change)], lang, name=shown.get(r.partner, r.partner), date=_date(r.date, lang))
        for r in f.membership_changes.itertuples()
    ]
    return t("bp.membership", lang, changes=join_words(moves, lang))


def off_ladder_note(f: Any, lang: str = "en") -> str | None:
    """Name the compared partners the ladder chart cannot draw (no dated step), or None."""
    if not f.off_ladder:
        return None
    shown = f.partner_names[lang]
    names = join_words([shown.get(code, code) for code in f.off_ladder], lang)
    return t("pc.off_ladder", lang, names=names)


def activity_review_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on a window of high-level activity, against the official tally if any."""
    counts = f.by_leader.set_index("leader")["events"]
    leaders = join_words(
        [f"{n} {_lower_first(t(f'leader.{k}', lang))}" for k, n in counts.items() if n], lang
    )
    start, end = _date(f.start, lang), _date(f.end, lang)
    parts = [_say("av.summary", lang, start=start, end=end, n=len(f.activities), leaders=leaders)]
    if f.tally:
        share = fmt_pct(100 * len(f.activities) / f.tally, lang, 0)
        exact = f.tally_qualifier == "exact"
        qualifier = "" if exact else t(f"qualifier.{f.tally_qualifier}", lang)
        parts.append(_say("av.tally", lang, qualifier=qualifier, count=f.tally, share=share))
    else:
        parts.append(_say("av.no_tally", lang))
    return " ".join(parts)


def news_digest_summary(f: Any, lang: str = "en") -> str:
    """One paragraph on what the articles contain and what is new to the datasets."""
    source = f" ({f.source_label})" if f.source_label else ""
    return _say(
        "nd.summary",
        lang,
        n=f.n_articles,
        source=source,
        records=f.n_records,
        events=len(f.events),
        upgrades=len(f.upgrades),
        figures=len(f.figures),
        persons=len(f.persons),
        documents=len(f.documents),
        new_events=f.n_new_events,
        new_upgrades=f.n_new_upgrades,
    )


def axis(key: str, lang: str = "en", unit: str = "usd_bn") -> str:
    """Return an axis title with its unit: 'Exports (billion USD)'.

    Examples
    --------
    >>> axis("exports", "vi")
    'Xuất khẩu (tỷ USD)'
    """
    return f"{t(key, lang)} ({t(unit, lang)})"


# --------------------------------------------------------------------------- report tables

COLUMN_LABELS: dict[str, tuple[str, str | None]] = {
    # column: (label key, unit key or None)
    "year": ("year", None),
    "exports": ("exports", "usd_bn"),
    "imports": ("imports", "usd_bn"),
    "turnover": ("turnover", "usd_bn"),
    "balance": ("balance", "usd_bn"),
    "value_usd_bn": ("value", None),
    "share_pct": ("share", None),
    "share_of_total_pct": ("share", None),
    "rank": ("rank", None),
    "partner": ("partner", None),
    "partner_name": ("partner", None),
    "level_name": ("level", None),
    "previous_name": ("previous", None),
    "years_from_previous": ("years_from_previous", None),
    "date": ("date", None),
    "type": ("type", None),
    "type_name": ("type", None),
    "window_name": ("window", None),
    "leader_name": ("leader", None),
    "cagr_pct": ("cagr", None),
    "members_covered": ("members_covered", None),
    "first_in_force": ("first_in_force", None),
    "cagr_years": ("cagr_years", None),
    "latest_year": ("latest_year", None),
    "years": ("years", None),
    "counterparties_cagr_pct": ("counterparties_cagr", None),
    "total_cagr_pct": ("total_cagr", None),
    "complete": ("complete", None),
    "title_en": ("event", None),
    "title_vi": ("event", None),
    "short_name": ("agreement", None),
    "signed": ("signed", None),
    "in_force": ("in_force", None),
    "previous": ("previous", None),
    "current": ("level", None),
    "change": ("change", None),
    "events": ("events", None),
    "month": ("month", None),
    "count": ("count", None),
}


def columns(names: Sequence[str], lang: str = "en") -> dict[str, str]:
    """Return column → header (with its unit) for :func:`table`.

    Examples
    --------
    >>> columns(["year", "exports"], "vi")
    {'year': 'Năm', 'exports': 'Xuất khẩu (tỷ USD)'}
    """
    out = {}
    for name in names:
        key, unit = COLUMN_LABELS.get(name, (name, None))
        label = t(key, lang) if key in catalog() else key
        out[name] = f"{label} ({t(unit, lang)})" if unit else label
    return out


def _known(items: list[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Drop key-figure rows whose value is a gap; say once if every trade figure is missing."""
    kept = [(k, v) for k, v in items if not v.startswith("–")]
    return kept


def partner_key_figures(f: Any, lang: str = "en") -> list[tuple[str, str]]:
    """Return the header table of a partner profile as (label, value) pairs, gaps left out."""
    year = f.latest_year
    suffix = f" ({year})" if year else ""
    rank = "–" if f.rank is None else f"#{int(f.rank)}"
    since = _date(f.level_since, lang)
    if f.level and not f.level_since_known:
        since = f"≥ {since}"
    head = [
        (t("level_now", lang), level_label(f.level, lang) if f.level else "–"),
        (t("since", lang), since),
    ]
    trade = [
        (t("turnover", lang) + suffix, fmt_usd_bn(f.turnover, lang)),
        (t("exports", lang) + suffix, fmt_usd_bn(f.exports, lang)),
        (t("imports", lang) + suffix, fmt_usd_bn(f.imports, lang)),
        (t("balance", lang) + suffix, fmt_usd_bn(f.balance, lang)),
        (t("share", lang) + suffix, fmt_pct(f.share_pct, lang)),
        (t("rank", lang) + suffix, rank),
        (
            t("cagr", lang) + (f" ({f.cagr_first}–{f.cagr_last})" if f.cagr_first else ""),
            fmt_pct(f.turnover_cagr_pct, lang),
        ),
    ]
    known = _known(trade, lang)
    if not known:
        known = [(t("trade_figures", lang), t("not_in_data", lang))]
    return _known(head, lang) + known


def effect_columns(lang: str = "en") -> dict[str, str]:
    """Return the headers of the before/after-upgrade table."""
    return {
        "level_name": t("level", lang),
        "date": t("date", lang),
        "before_window": t("window_before", lang),
        "after_window": t("window_after", lang),
        "partner_cagr_before_pct": t("partner_growth_before", lang),
        "partner_cagr_after_pct": t("partner_growth_after", lang),
        "total_cagr_before_pct": t("total_growth_before", lang),
        "total_cagr_after_pct": t("total_growth_after", lang),
        "excess_after_minus_before_pp": t("excess", lang),
    }


def annual_key_figures(f: Any, lang: str = "en") -> list[tuple[str, str]]:
    """Return the trade headline of an annual review as (label, value) pairs, gaps left out."""
    items = [
        (t("exports", lang), fmt_usd_bn(f.exports, lang)),
        (t("imports", lang), fmt_usd_bn(f.imports, lang)),
        (t("turnover", lang), fmt_usd_bn(f.turnover, lang)),
        (t("balance", lang), fmt_usd_bn(f.balance, lang)),
        (t("growth", lang), fmt_pct(f.turnover_growth_pct, lang, signed=True)),
        (t("ar.concentration", lang), fmt_number(f.hhi, 0, lang)),
        (t("ar.equivalent", lang), fmt_number(f.equivalent_partners, 1, lang)),
    ]
    return _known(items, lang) or [(t("trade_figures", lang), t("not_in_data", lang))]


def level_colours(lang: str = "en") -> dict[str, str]:
    """Return level label → colour, so every chart colours a level the same way."""
    from ngkt_analysis.reports.charts import LEVEL_COLOURS

    return {level_label(k, lang): v for k, v in LEVEL_COLOURS.items()}
