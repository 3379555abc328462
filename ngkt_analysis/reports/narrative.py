"""Words and numbers for the reports: formatting helpers, tables, summaries, the footer.

Numbers follow the reader's language: ``1,234.5`` in English, ``1.234,5`` in Vietnamese. Every
summary is one paragraph written from computed numbers, complete in both ``en`` and ``vi``.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

LANGS = ("en", "vi")

LEVEL_LABELS = {
    "en": {
        "special": "Special relationship",
        "comprehensive_strategic": "Comprehensive strategic partnership",
        "strategic": "Strategic partnership",
        "comprehensive": "Comprehensive partnership",
    },
    "vi": {
        "special": "Quan hệ đặc biệt",
        "comprehensive_strategic": "Đối tác chiến lược toàn diện",
        "strategic": "Đối tác chiến lược",
        "comprehensive": "Đối tác toàn diện",
    },
}

WORDS = {
    "en": {
        "exports": "exports",
        "imports": "imports",
        "turnover": "turnover",
        "balance": "balance",
        "surplus": "surplus",
        "deficit": "deficit",
        "usd_bn": "billion USD",
        "year": "Year",
        "source": "Source",
        "none": "none",
    },
    "vi": {
        "exports": "xuất khẩu",
        "imports": "nhập khẩu",
        "turnover": "kim ngạch thương mại",
        "balance": "cán cân",
        "surplus": "thặng dư",
        "deficit": "thâm hụt",
        "usd_bn": "tỷ USD",
        "year": "Năm",
        "source": "Nguồn",
        "none": "không có",
    },
}


def word(key: str, lang: str) -> str:
    """Return a vocabulary word in ``lang`` (falls back to the key)."""
    return WORDS.get(lang, WORDS["en"]).get(key, key)


def level_label(level: str, lang: str) -> str:
    """Return the name of a framework level in ``lang``.

    Examples
    --------
    >>> level_label("comprehensive_strategic", "vi")
    'Đối tác chiến lược toàn diện'
    """
    return LEVEL_LABELS.get(lang, LEVEL_LABELS["en"]).get(str(level), str(level))


def fmt_number(value: float | int | None, decimals: int = 1, lang: str = "en") -> str:
    """Return a number with thousands separators in the reader's convention; '–' for a gap.

    Examples
    --------
    >>> fmt_number(1234567.891, 1), fmt_number(1234567.891, 1, "vi"), fmt_number(None)
    ('1,234,567.9', '1.234.567,9', '–')
    >>> fmt_number(-3.0, 0, "vi")
    '-3'
    """
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return "–"
    text = f"{float(value):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def fmt_usd_bn(value: float | None, lang: str = "en", decimals: int = 1) -> str:
    """Return an amount in billion US dollars with its unit.

    Examples
    --------
    >>> fmt_usd_bn(786.29), fmt_usd_bn(786.29, "vi")
    ('786.3 billion USD', '786,3 tỷ USD')
    """
    return f"{fmt_number(value, decimals, lang)} {word('usd_bn', lang)}"


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


def table(
    df: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    decimals: Mapping[str, int] | None = None,
    lang: str = "en",
    caption: str | None = None,
    plain: Sequence[str] = ("year",),
    empty: str = "–",
):
    """Return a readable HTML table: renamed headers (units in them), formatted numbers.

    ``columns`` maps column → header (and picks and orders the columns); ``decimals`` sets the
    digits per numeric column (default 1; integers 0); ``plain`` columns (years) are shown
    without thousands separators; an empty frame shows ``empty``. Deterministic HTML.
    """
    from IPython.display import HTML

    if df.empty:
        return HTML(f"<p class='ngkt-empty'>{html.escape(empty)}</p>")
    columns = dict(columns or {c: c for c in df.columns})
    decimals = dict(decimals or {})
    head = "".join(
        f'<th class="{"num" if pd.api.types.is_numeric_dtype(df[c]) else "txt"}">'
        f"{html.escape(h)}</th>"
        for c, h in columns.items()
    )
    body = []
    for row in df[list(columns)].itertuples(index=False):
        cells = []
        for c, v in zip(columns, row, strict=True):
            if isinstance(v, bool | np.bool_):  # flags read as words in the report's language
                cells.append(f"<td>{html.escape(t('yes' if v else 'no', lang))}</td>")
            elif c in plain:
                cells.append(f"<td>{'–' if pd.isna(v) else html.escape(str(v))}</td>")
            elif pd.api.types.is_numeric_dtype(df[c]) and not pd.api.types.is_bool_dtype(df[c]):
                d = decimals.get(c, 0 if pd.api.types.is_integer_dtype(df[c]) else 1)
                cells.append(f'<td class="num">{fmt_number(v, d, lang)}</td>')
            else:
                shown = v.strftime("%Y-%m-%d") if isinstance(v, pd.Timestamp) else v
                shown = "–" if not isinstance(shown, list | str) and pd.isna(shown) else shown
                shown = ", ".join(map(str, shown)) if isinstance(shown, list) else shown
                cells.append(f"<td>{html.escape(str(shown))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return HTML(
        f'<table class="ngkt-table">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def key_figures(items: Sequence[tuple[str, str]]):
    """Return a two-column header table of (label, formatted value) pairs."""
    from IPython.display import HTML

    rows = "".join(
        f"<tr><th>{html.escape(k)}</th><td class='num'>{html.escape(v)}</td></tr>" for k, v in items
    )
    return HTML(f'<table class="ngkt-key-figures"><tbody>{rows}</tbody></table>')


def heading(title: str, summary: str):
    """Return the report's title and its one-paragraph summary as HTML."""
    from IPython.display import HTML

    return HTML(
        f"<h1>{html.escape(title)}</h1>\n<p class='ngkt-summary'>{html.escape(summary)}</p>"
    )


def note(text: str):
    """Return one sentence of context (coverage, gaps) as HTML, set apart from the summary."""
    from IPython.display import HTML

    return HTML(f"<p class='ngkt-note'>{html.escape(text)}</p>")


def section(title: str):
    """Return a section heading."""
    from IPython.display import HTML

    return HTML(f"<h2>{html.escape(title)}</h2>")


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


def footer(datasets: Sequence[str], parameters: Mapping[str, Any], run_date: str, lang: str = "en"):
    """Return the provenance footer: datasets with sources and hashes, version, parameters, date.

    Dataset hashes and sources come from the loaded frames' ``attrs``, so nobody types them.
    """
    from IPython.display import HTML

    import ngkt_analysis as ngkt

    vi = lang == "vi"
    rows = []
    for name in datasets:
        attrs = ngkt.load(name).attrs
        sources = "; ".join(
            f'<a href="{html.escape(s.get("path", ""))}">{html.escape(s.get("title", ""))}</a>'
            for s in attrs.get("sources", [])
        )
        rows.append(
            f"<tr><td>{html.escape(name)}.csv</td><td>{html.escape(attrs.get('title', ''))}</td>"
            f"<td>{sources}</td><td><code>{attrs['sha256'][:16]}</code></td></tr>"
        )
    shown = ", ".join(f"{k}={v!r}" for k, v in parameters.items())
    labels = (
        (
            "Dữ liệu",
            "Bộ dữ liệu",
            "Mô tả",
            "Nguồn",
            "Mã băm sha256",
            "Phiên bản gói",
            "Tham số",
            "Ngày chạy",
        )
        if vi
        else (
            "Data",
            "Dataset",
            "Title",
            "Sources",
            "sha256",
            "Package version",
            "Parameters",
            "Run date",
        )
    )
    return HTML(
        f'<div class="ngkt-footer"><h2>{labels[0]}</h2><table><thead><tr><th>{labels[1]}</th>'
        f"<th>{labels[2]}</th><th>{labels[3]}</th><th>{labels[4]}</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table><p>{labels[5]}: ngkt-analysis {html.escape(ngkt.__version__)} · "
        f"{labels[6]}: {html.escape(shown)} · {labels[7]}: {html.escape(run_date)}</p></div>"
    )


# --------------------------------------------------------------------------- summaries


def _date(value: Any, lang: str) -> str:
    if value is None or value is pd.NaT:
        return "–"
    ts = pd.Timestamp(value)
    return f"{ts.day}/{ts.month}/{ts.year}" if lang == "vi" else ts.strftime("%-d %B %Y")


SENTENCES: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese) sentence templates of the summaries, filled by :func:`_say`.
    "pp.level": (
        "{name} has been Viet Nam's {level} since {since}.",
        "{name} là {level} của Việt Nam từ ngày {since}.",
    ),
    "pp.level_attested": (
        "{name} is Viet Nam's {level}; its start date is not in the sources (attested since "
        "{since}).",
        "{name} là {level} của Việt Nam; chưa có nguồn ghi ngày thiết lập (được ghi nhận từ "
        "ngày {since}).",
    ),
    "pp.no_level": (
        "{name} has no partnership framework with Viet Nam.",
        "{name} chưa có khuôn khổ đối tác với Việt Nam.",
    ),
    "pp.trade": (
        "In {year} bilateral trade reached {turnover}, {share} of Viet Nam's total{rank}, with a "
        "Vietnamese {surplus} of {balance}.",
        "Năm {year}, kim ngạch thương mại song phương đạt {turnover}, chiếm {share} tổng kim "
        "ngạch của Việt Nam{rank}; Việt Nam {surplus} {balance}.",
    ),
    "pp.trade_total": (
        "In {year} bilateral trade reached {turnover}, {share} of Viet Nam's total{rank} (the "
        "sources state the two-way total only).",
        "Năm {year}, kim ngạch thương mại song phương đạt {turnover}, chiếm {share} tổng kim "
        "ngạch của Việt Nam{rank} (nguồn chỉ nêu tổng kim ngạch hai chiều).",
    ),
    "pp.no_trade": (
        "The data hold no bilateral trade figures for this period.",
        "Bộ dữ liệu chưa có số liệu thương mại song phương trong giai đoạn này.",
    ),
    "pp.growth": (
        "Turnover grew {growth} a year on average in {first}–{last}.",
        "Kim ngạch tăng bình quân {growth}/năm trong giai đoạn {first}–{last}.",
    ),
    "pp.rest": (
        "Free trade agreements governing Viet Nam's trade with {name} today: {ftas}; bilateral "
        "events recorded in {first}–{last}: {events}.",
        "Các FTA đang điều chỉnh thương mại Việt Nam – {name}: {ftas}; số sự kiện song phương "
        "được ghi nhận trong giai đoạn {first}–{last}: {events}.",
    ),
    "pp.coverage": (
        "What stands behind this page: sourced trade figures for {n} of the {m} years "
        "{first}–{last}{years}; {events}.",
        "Cơ sở dữ liệu của trang này: số liệu thương mại có nguồn cho {n} trên {m} năm giai đoạn "
        "{first}–{last}{years}; {events}.",
    ),
    "pp.coverage_events": (
        "{n} events recorded, the first in {since}",
        "{n} sự kiện được ghi nhận, sớm nhất năm {since}",
    ),
    "pp.coverage_no_events": ("no events recorded", "chưa ghi nhận sự kiện nào"),
    "ar.upgrades": (
        "In {year} Viet Nam upgraded {n} partnership framework{plural}{who}.",
        "Năm {year}, Việt Nam nâng cấp {n} khuôn khổ quan hệ{who}.",
    ),
    "ar.trade": (
        "Trade turnover reached {turnover}{growth}: exports {exports}, imports {imports}, a "
        "{surplus} of {balance}.",
        "Tổng kim ngạch xuất nhập khẩu đạt {turnover}{growth}; xuất khẩu {exports}, nhập khẩu "
        "{imports}, {surplus} {balance}.",
    ),
    "ar.growth": (" ({growth} on the year before)", " ({growth} so với năm trước)"),
    "ar.no_trade": (
        "Full-year trade figures are not in the data.",
        "Chưa có số liệu thương mại cả năm.",
    ),
    "ar.events": (
        "The data record {n} events, {activities} of them high-level activities.",
        "Bộ dữ liệu ghi nhận {n} sự kiện, trong đó {activities} hoạt động cấp cao.",
    ),
    "to.none": (
        "No trade figures are available for {start}–{end}.",
        "Chưa có số liệu thương mại cho giai đoạn {start}–{end}.",
    ),
    "to.trade": (
        "In {year} Viet Nam's trade turnover was {turnover}, with a {surplus} of {balance}.",
        "Năm {year}, tổng kim ngạch xuất nhập khẩu của Việt Nam đạt {turnover}, {surplus} "
        "{balance}.",
    ),
    "to.growth": (
        "{flow} grew {growth} a year on average in {first}–{last}.",
        "{flow} tăng bình quân {growth}/năm trong giai đoạn {first}–{last}.",
    ),
    "to.leader": (
        "{leader} led {flow} in {year} with {share}.",
        "{leader} dẫn đầu về {flow} năm {year} với {share}.",
    ),
    "to.fta": (
        "In {year} partners with a free trade agreement in force took {share} of {flow}.",
        "Năm {year}, các đối tác có FTA đang có hiệu lực chiếm {share} giá trị {flow}.",
    ),
    "cov.drawn": (
        "Partner rows cover {span} of Viet Nam's {flow} in the years shown.",
        "Số liệu theo đối tác chiếm {span} {flow} của Việt Nam trong các năm được thể hiện.",
    ),
    "cov.left_out": (
        " Years where they cover less than {threshold} are not drawn: {years}.",
        " Các năm có độ bao phủ dưới {threshold} không được vẽ: {years}.",
    ),
    "cov.none": (
        "Partner rows cover less than {threshold} of Viet Nam's {flow} in every year of "
        "{start}–{end}, so this figure is not computed.",
        "Trong mọi năm giai đoạn {start}–{end}, số liệu theo đối tác chiếm dưới {threshold} "
        "{flow} của Việt Nam nên chỉ số này không được tính.",
    ),
    "cov.top": (
        "Partner rows cover {pct} of Viet Nam's {flow} in {year}.",
        "Số liệu theo đối tác chiếm {pct} {flow} của Việt Nam năm {year}.",
    ),
    "cov.no_top": (
        "Partner rows cover {pct} of Viet Nam's {flow} in {year}, less than {threshold}: the "
        "largest partners cannot be ranked from the data.",
        "Số liệu theo đối tác chỉ chiếm {pct} {flow} của Việt Nam năm {year}, dưới {threshold}: "
        "chưa thể xếp hạng các đối tác lớn nhất từ dữ liệu.",
    ),
    "ut.undated": (
        "{names}: the framework's start date is not in the sources; it is counted from {dates}, "
        "the earliest date a source shows it in place.",
        "{names}: chưa có nguồn ghi ngày thiết lập khuôn khổ; được tính từ {dates}, ngày sớm nhất "
        "có nguồn ghi nhận.",
    ),
    "ut.summary": (
        "As of {date} Viet Nam has a partnership framework with {n} partners: {levels}. Since "
        "{since} there have been {recent} establishments or upgrades of a framework.",
        "Đến ngày {date}, Việt Nam có khuôn khổ quan hệ với {n} đối tác: {levels}. Từ năm {since} "
        "đã có {recent} lần thiết lập hoặc nâng cấp quan hệ.",
    ),
    "nd.summary": (
        "{n} articles{source} yield {records} records: {events} dated events, {upgrades} "
        "partnership upgrades, {figures} figures, {persons} people and {documents} numbered "
        "documents. {new_events} of the events and {new_upgrades} of the upgrades are not in the "
        "datasets yet.",
        "{n} bài báo{source} cho {records} bản ghi: {events} sự kiện có ngày, {upgrades} lần nâng "
        "cấp quan hệ đối tác, {figures} số liệu, {persons} nhân vật và {documents} văn bản có số "
        "hiệu. {new_events} sự kiện và {new_upgrades} lần nâng cấp chưa có trong bộ dữ liệu.",
    ),
}
_SURPLUS = {"en": ("surplus", "deficit"), "vi": ("xuất siêu", "nhập siêu")}


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


def partner_coverage(f: Mapping[str, Any], lang: str = "en") -> str:
    """Return the partner profile's opening line: the trade and event data behind the page."""
    years = f["trade_years"]
    shown = f" ({', '.join(str(y) for y in years)})" if 0 < len(years) <= 6 else ""
    events = (
        _say("pp.coverage_events", lang, n=len(f["events"]), since=f["events_since"])
        if f["events_since"] is not None
        else _say("pp.coverage_no_events", lang)
    )
    return _say(
        "pp.coverage",
        lang,
        n=len(years),
        m=f["n_years"],
        first=f["first"],
        last=f["last"],
        years=shown,
        events=events,
    )


def undated_note(f: Mapping[str, Any], lang: str = "en") -> str:
    """Name the frameworks counted from an attested date, not a sourced start ('' if none)."""
    from ngkt_analysis.reports.facts import names

    undated = f["undated"]
    if undated.empty:
        return ""
    shown = names(lang)
    who = join_words([shown.get(p, p) for p in undated["partner"]], lang)
    dates = join_words([_date(d, lang) for d in undated["since"]], lang)
    return _say("ut.undated", lang, names=who, dates=dates)


def _say(key: str, lang: str, **fields: Any) -> str:
    en, vi = SENTENCES[key]
    return (vi if lang == "vi" else en).format(**fields)


def _surplus(balance: float, lang: str) -> str:
    return _SURPLUS.get(lang, _SURPLUS["en"])[0 if balance >= 0 else 1]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def partner_profile_summary(f: Mapping[str, Any], lang: str = "en") -> str:
    """One paragraph on a partner: level, latest trade, growth, agreements, events."""
    name = f["name_vi"] if lang == "vi" else f["name_en"]
    if f["level"]:
        level = _lower_first(level_label(f["level"], lang))
        key = "pp.level" if f.get("level_since_known", True) else "pp.level_attested"
        parts = [_say(key, lang, name=name, level=level, since=_date(f["level_since"], lang))]
    else:
        parts = [_say("pp.no_level", lang, name=name)]
    if f["turnover"] is not None:
        rank = f" (#{int(f['rank'])})" if f["rank"] is not None else ""
        fields = {
            "year": f["latest_year"],
            "turnover": fmt_usd_bn(f["turnover"], lang),
            "share": fmt_pct(f["share_pct"], lang),
            "rank": rank,
        }
        if f["balance"] is None:
            parts.append(_say("pp.trade_total", lang, **fields))
        else:
            surplus, balance = _surplus(f["balance"], lang), fmt_usd_bn(abs(f["balance"]), lang)
            parts.append(_say("pp.trade", lang, surplus=surplus, balance=balance, **fields))
    else:
        parts.append(_say("pp.no_trade", lang))
    if f["turnover_cagr_pct"] is not None:
        growth = fmt_pct(f["turnover_cagr_pct"], lang)
        parts.append(
            _say("pp.growth", lang, growth=growth, first=f["cagr_first"], last=f["cagr_last"])
        )
    parts.append(
        _say(
            "pp.rest",
            lang,
            name=name,
            ftas=", ".join(f["ftas"]["short_name"]) if len(f["ftas"]) else word("none", lang),
            events=len(f["events"]),
            first=f["first"],
            last=f["last"],
        )
    )
    return " ".join(parts)


def annual_review_summary(f: Mapping[str, Any], lang: str = "en") -> str:
    """One paragraph on a year: upgrades, trade headline, events."""
    from ngkt_analysis.reports.facts import names

    shown = names(lang)
    who = join_words([shown.get(p, p) for p in f["upgrades"]["partner"]], lang)
    n = f["n_upgrades"]
    who = f" ({who})" if who else ""
    parts = [_say("ar.upgrades", lang, year=f["year"], n=n, plural="" if n == 1 else "s", who=who)]
    if f["turnover"] is not None:
        growth = f["turnover_growth_pct"]
        growth = (
            ""
            if growth is None
            else _say("ar.growth", lang, growth=fmt_pct(growth, lang, signed=True))
        )
        parts.append(
            _say(
                "ar.trade",
                lang,
                turnover=fmt_usd_bn(f["turnover"], lang),
                growth=growth,
                exports=fmt_usd_bn(f["exports"], lang),
                imports=fmt_usd_bn(f["imports"], lang),
                surplus=_surplus(f["balance"], lang),
                balance=fmt_usd_bn(abs(f["balance"]), lang),
            )
        )
    else:
        parts.append(_say("ar.no_trade", lang))
    parts.append(_say("ar.events", lang, n=f["n_events"], activities=f["n_activities"]))
    return " ".join(parts)


def trade_overview_summary(f: Mapping[str, Any], lang: str = "en") -> str:
    """One paragraph on trade over a span of years."""
    from ngkt_analysis.partners import partner_name

    if f["turnover"] is None:
        return _say("to.none", lang, start=f["start"], end=f["end"])
    flow = word(f["flow"] if f["flow"] != "total" else "turnover", lang)
    parts = [
        _say(
            "to.trade",
            lang,
            year=f["last_year"],
            turnover=fmt_usd_bn(f["turnover"], lang),
            surplus=_surplus(f["balance"], lang),
            balance=fmt_usd_bn(abs(f["balance"]), lang),
        )
    ]
    if f["cagr_pct"] is not None:
        growth = fmt_pct(f["cagr_pct"], lang)
        first, last = f["cagr_first"], f["cagr_last"]
        parts.append(
            _say("to.growth", lang, flow=flow.capitalize(), growth=growth, first=first, last=last)
        )
    if f["leader"]:
        leader, share = partner_name(f["leader"], lang), fmt_pct(f["leader_share_pct"], lang)
        parts.append(
            _say("to.leader", lang, leader=leader, flow=flow, year=f["share_year"], share=share)
        )
    if f["fta_share_pct"] is not None:
        share = fmt_pct(f["fta_share_pct"], lang)
        parts.append(_say("to.fta", lang, share=share, flow=flow, year=f["fta_year"]))
    return " ".join(parts)


def upgrades_timeline_summary(f: Mapping[str, Any], lang: str = "en") -> str:
    """One paragraph on the partnership network."""
    levels = join_words(
        [f"{f['now'].get(k, 0)} {_lower_first(level_label(k, lang))}" for k in LEVEL_LABELS["en"]],
        lang,
    )
    text = _say(
        "ut.summary",
        lang,
        date=_date(f["as_of"], lang),
        n=f["n_partners"],
        levels=levels,
        since=f["since"],
        recent=f["n_recent"],
    )
    undated = undated_note(f, lang)
    return f"{text} {undated}" if undated else text


def news_digest_summary(f: Mapping[str, Any], lang: str = "en") -> str:
    """One paragraph on what the articles contain and what is new to the datasets."""
    source = f" ({f['source_label']})" if f["source_label"] else ""
    return _say(
        "nd.summary",
        lang,
        n=f["n_articles"],
        source=source,
        records=f["n_records"],
        events=len(f["events"]),
        upgrades=len(f["upgrades"]),
        figures=len(f["figures"]),
        persons=len(f["persons"]),
        documents=len(f["documents"]),
        new_events=f["n_new_events"],
        new_upgrades=f["n_new_upgrades"],
    )


# --------------------------------------------------------------------------- labels

LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Vietnamese); ``{name}``-style fields are filled by :func:`t`.
    "year": ("Year", "Năm"),
    "usd_bn": ("billion USD", "tỷ USD"),
    "pct": ("%", "%"),
    "date": ("Date", "Ngày"),
    "partner": ("Partner", "Đối tác"),
    "level": ("Level", "Cấp độ"),
    "type": ("Type", "Loại"),
    "event": ("Event", "Sự kiện"),
    "events": ("Events", "Số sự kiện"),
    "month": ("Month", "Tháng"),
    "count": ("Partners", "Số đối tác"),
    "exports": ("Exports", "Xuất khẩu"),
    "imports": ("Imports", "Nhập khẩu"),
    "turnover": ("Turnover", "Tổng kim ngạch"),
    "total": ("Turnover", "Tổng kim ngạch"),
    "balance": ("Balance", "Cán cân"),
    "share": ("Share of Viet Nam's total (%)", "Tỷ trọng trong tổng kim ngạch (%)"),
    "rank": ("Rank", "Thứ hạng"),
    "value": ("Value (billion USD)", "Giá trị (tỷ USD)"),
    "agreement": ("Agreement", "Hiệp định"),
    "signed": ("Signed", "Ký kết"),
    "in_force": ("In force", "Có hiệu lực"),
    "previous": ("Previous level", "Cấp độ trước"),
    "years_from_previous": ("Years from previous", "Số năm từ cấp trước"),
    "key_figures": ("Key figures", "Số liệu chính"),
    "level_now": ("Level now", "Cấp độ hiện tại"),
    "since": ("Since", "Từ ngày"),
    "cagr": ("Turnover growth a year (CAGR)", "Tăng trưởng bình quân năm (CAGR)"),
    "none": ("None in the data.", "Không có trong dữ liệu."),
    "yes": ("yes", "có"),
    "no": ("no", "không"),
    "not_in_data": ("Not in the data", "Chưa có trong dữ liệu"),
    "trade_figures": ("Trade figures", "Số liệu thương mại"),
    "pp.no_trade_chart": (
        "No sourced trade figures for {name} in {first}–{last}.",
        "Chưa có số liệu thương mại có nguồn giữa Việt Nam và {name} giai đoạn {first}–{last}.",
    ),
    "pp.no_share": (
        "No share of Viet Nam's total trade can be computed for {name} in {first}–{last}: it "
        "needs the two-way turnover of a year.",
        "Chưa tính được tỷ trọng của {name} trong tổng kim ngạch của Việt Nam giai đoạn "
        "{first}–{last}: cần có tổng kim ngạch hai chiều của năm.",
    ),
    "pp.no_effects": (
        "Too few trade figures around the upgrades with {name} for a before/after comparison.",
        "Chưa đủ số liệu thương mại quanh các lần nâng cấp quan hệ với {name} để so sánh "
        "trước và sau.",
    ),
    "pp.no_ladder": (
        "No dated framework with {name} in the data.",
        "Dữ liệu chưa có khuôn khổ quan hệ nào với {name} có ngày xác định.",
    ),
    "to.no_ranking": (
        "No year of {start}–{end} has partner rows covering 75% of the total, so the top "
        "partners' shares over time are not drawn.",
        "Không năm nào trong giai đoạn {start}–{end} có số liệu theo đối tác chiếm 75% tổng "
        "kim ngạch, nên tỷ trọng của các đối tác hàng đầu qua các năm không được vẽ.",
    ),
    "pp.no_events": (
        "No events with {name} recorded in {first}–{last}.",
        "Chưa ghi nhận sự kiện nào với {name} giai đoạn {first}–{last}.",
    ),
    "nd.no_money": (
        "The articles state no amounts in US dollars.",
        "Các bài báo không nêu số liệu nào bằng đô la Mỹ.",
    ),
    "nd.money_chart": (
        "Amounts in US dollars by indicator",
        "Số liệu bằng đô la Mỹ theo chỉ tiêu",
    ),
    "nd.money_axis": ("Sum of amounts (billion USD)", "Tổng giá trị (tỷ USD)"),
    "nd.indicators": ("Figures by indicator and unit", "Số liệu theo chỉ tiêu và đơn vị"),
    "change": ("Change", "Thay đổi"),
    "others": ("All others", "Các đối tác khác"),
    "growth": ("Turnover growth on the year before", "Tăng trưởng kim ngạch so với năm trước"),
    "window_before": ("Years before", "Giai đoạn trước"),
    "window_after": ("Years after", "Giai đoạn sau"),
    "partner_growth_before": ("Partner growth before (%/yr)", "Tăng trưởng đối tác trước (%/năm)"),
    "partner_growth_after": ("Partner growth after (%/yr)", "Tăng trưởng đối tác sau (%/năm)"),
    "total_growth_before": ("Viet Nam total before (%/yr)", "Tổng Việt Nam trước (%/năm)"),
    "total_growth_after": ("Viet Nam total after (%/yr)", "Tổng Việt Nam sau (%/năm)"),
    "excess": ("Excess, after − before (pp)", "Chênh lệch sau − trước (điểm %)"),
    # partner profile
    "pp.title": ("{name}: partner profile", "Hồ sơ đối tác: {name}"),
    "pp.ladder": ("Relationship ladder", "Các nấc quan hệ"),
    "pp.trade": ("Trade with Viet Nam", "Thương mại với Việt Nam"),
    "pp.trade_chart": ("Viet Nam's trade with {name}", "Thương mại Việt Nam – {name}"),
    "pp.share_chart": (
        "{name}: share of Viet Nam's total trade",
        "{name}: tỷ trọng trong tổng kim ngạch của Việt Nam",
    ),
    "pp.effects": (
        "Trade growth before and after each upgrade (3-year windows)",
        "Tăng trưởng thương mại trước và sau mỗi lần nâng cấp (3 năm)",
    ),
    "pp.ftas": ("Free trade agreements in force", "Hiệp định thương mại tự do đang có hiệu lực"),
    "pp.events": ("Events with {name}", "Sự kiện với {name}"),
    "pp.events_chart": ("Events with {name} by type", "Sự kiện với {name} theo loại"),
    # annual review
    "ar.title": ("{year}: the year in economic diplomacy", "Năm {year}: ngoại giao kinh tế"),
    "ar.upgrades": ("Upgrades in {year}", "Nâng cấp quan hệ năm {year}"),
    "ar.levels": (
        "Partners per level at the end of {year}",
        "Số đối tác theo cấp độ cuối năm {year}",
    ),
    "ar.trade": ("Trade", "Thương mại"),
    "ar.top": ("Top export markets, {year}", "Thị trường xuất khẩu hàng đầu năm {year}"),
    "ar.top_imports": ("Top import sources, {year}", "Nguồn nhập khẩu hàng đầu năm {year}"),
    "ar.concentration": (
        "Export market concentration (HHI)",
        "Mức độ tập trung thị trường xuất khẩu (HHI)",
    ),
    "ar.equivalent": ("Equivalent number of equal partners", "Số đối tác tương đương"),
    "ar.events_type": ("Events in {year} by type", "Sự kiện năm {year} theo loại"),
    "ar.events_month": ("Events in {year} by month", "Sự kiện năm {year} theo tháng"),
    "ar.documents": (
        "Directives and resolutions in force",
        "Chỉ thị và nghị quyết đang có hiệu lực",
    ),
    # trade overview
    "to.title": ("Viet Nam's trade, {start}–{end}", "Thương mại Việt Nam giai đoạn {start}–{end}"),
    "to.totals": ("Exports, imports and turnover", "Xuất khẩu, nhập khẩu và tổng kim ngạch"),
    "to.balance": (
        "Trade balance (exports − imports)",
        "Cán cân thương mại (xuất khẩu − nhập khẩu)",
    ),
    "to.shares": ("Share of the top partners, {flow}", "Tỷ trọng của các đối tác hàng đầu, {flow}"),
    "to.top": ("Top {n} partners, {flow}, {year}", "{n} đối tác hàng đầu, {flow}, {year}"),
    "to.concentration": ("Market concentration, {flow}", "Mức độ tập trung thị trường, {flow}"),
    "to.fta": ("Share of {flow} with FTA partners", "Tỷ trọng {flow} với các đối tác có FTA"),
    # upgrades timeline
    "ut.title": ("Partnership network since {since}", "Mạng lưới đối tác từ năm {since}"),
    "ut.counts": ("Partners per level at each year end", "Số đối tác theo cấp độ cuối mỗi năm"),
    "ut.per_year": (
        "Frameworks established or upgraded per year",
        "Số khuôn khổ được thiết lập hoặc nâng cấp mỗi năm",
    ),
    "ut.ladder": (
        "Partners that moved up since {since}",
        "Các đối tác được nâng cấp quan hệ từ năm {since}",
    ),
    "ut.network": ("The network over time", "Mạng lưới qua thời gian"),
    "ut.recent": ("The recent run of upgrades", "Các lần nâng cấp gần đây"),
    # news digest
    "nd.title": ("News digest: economic diplomacy", "Điểm tin ngoại giao kinh tế"),
    "nd.articles": ("Records found per article", "Số bản ghi theo từng bài"),
    "nd.figures_chart": ("Figures by indicator", "Số liệu theo chỉ tiêu"),
    "nd.mentions": ("Mentions", "Số lần nêu"),
    "nd.events": ("Dated events", "Sự kiện có ngày"),
    "nd.upgrades": ("Partnership upgrades", "Nâng cấp quan hệ đối tác"),
    "nd.figures": ("Figures", "Số liệu"),
    "nd.persons": ("People and their roles", "Nhân vật và chức vụ"),
    "nd.documents": ("Numbered documents", "Văn bản có số hiệu"),
    "article_id": ("Article", "Bài báo"),
    "is_new": ("New to the datasets", "Chưa có trong dữ liệu"),
    "date_raw": ("Date as written", "Ngày như trong bài"),
    "date_resolved": ("Date", "Ngày"),
    "event_type": ("Type", "Loại"),
    "title": ("Title", "Tiêu đề"),
    "location": ("Location", "Địa điểm"),
    "raw": ("As written", "Nguyên văn"),
    "value_base": ("Value (base units)", "Giá trị (đơn vị gốc)"),
    "unit": ("Unit", "Đơn vị"),
    "indicator": ("Indicator", "Chỉ tiêu"),
    "qualifier": ("Qualifier", "Từ hạn định"),
    "name": ("Name", "Họ tên"),
    "role": ("Role", "Chức vụ"),
    "number": ("Number", "Số hiệu"),
    "kind": ("Kind", "Loại"),
    "partner_upgrades": ("Upgrades", "Nâng cấp"),
    "persons": ("People", "Nhân vật"),
    "documents": ("Documents", "Văn bản"),
    "figures": ("Figures", "Số liệu"),
    "mentions": ("Mentions", "Số lần nêu"),
    "sum_base": ("Sum of values (base units)", "Tổng giá trị (đơn vị gốc)"),
}


def t(key: str, lang: str = "en", **fields: Any) -> str:
    """Return a label in ``lang`` with its fields filled in.

    Examples
    --------
    >>> t("pp.title", "vi", name="Hoa Kỳ")
    'Hồ sơ đối tác: Hoa Kỳ'
    """
    en, vi = LABELS[key]
    return (vi if lang == "vi" else en).format(**fields)


def axis(key: str, lang: str = "en", unit: str = "usd_bn") -> str:
    """Return an axis title with its unit: 'Exports (billion USD)'.

    Examples
    --------
    >>> axis("exports", "vi")
    'Xuất khẩu (tỷ USD)'
    """
    return f"{t(key, lang)} ({t(unit, lang)})"


def sources(datasets: Sequence[str]) -> list[str]:
    """Return the source titles of the datasets, for a chart's source line (deduplicated)."""
    import ngkt_analysis as ngkt

    seen: dict[str, None] = {}
    for name in datasets:
        for s in ngkt.load(name).attrs.get("sources", []):
            seen.setdefault(s.get("title", ""), None)
    return [s for s in seen if s][:3]


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
        label = t(key, lang) if key in LABELS else key
        out[name] = f"{label} ({t(unit, lang)})" if unit else label
    return out


def with_names(df: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Add ``partner_name`` (display name) and ``level_name`` / ``previous_name`` labels."""
    from ngkt_analysis.reports.facts import names

    out = df.copy()
    if "partner" in out:
        shown = names(lang)
        shown["OTHERS"] = t("others", lang)  # the remainder row of top_partners
        out["partner_name"] = out["partner"].map(lambda p: shown.get(p, p))
    for col, new in (("level", "level_name"), ("previous_level", "previous_name")):
        if col in out:
            out[new] = out[col].map(lambda v: "–" if pd.isna(v) else level_label(v, lang))
    return out


def _known(items: list[tuple[str, str]], lang: str) -> list[tuple[str, str]]:
    """Drop key-figure rows whose value is a gap; say once if every trade figure is missing."""
    kept = [(k, v) for k, v in items if not v.startswith("–")]
    return kept


def partner_key_figures(f: Mapping[str, Any], lang: str = "en") -> list[tuple[str, str]]:
    """Return the header table of a partner profile as (label, value) pairs, gaps left out."""
    year = f["latest_year"]
    suffix = f" ({year})" if year else ""
    rank = "–" if f["rank"] is None else f"#{int(f['rank'])}"
    since = _date(f["level_since"], lang)
    if f["level"] and not f.get("level_since_known", True):
        since = f"≥ {since}"
    head = [
        (t("level_now", lang), level_label(f["level"], lang) if f["level"] else "–"),
        (t("since", lang), since),
    ]
    trade = [
        (t("turnover", lang) + suffix, fmt_usd_bn(f["turnover"], lang)),
        (t("exports", lang) + suffix, fmt_usd_bn(f["exports"], lang)),
        (t("imports", lang) + suffix, fmt_usd_bn(f["imports"], lang)),
        (t("balance", lang) + suffix, fmt_usd_bn(f["balance"], lang)),
        (t("share", lang) + suffix, fmt_pct(f["share_pct"], lang)),
        (t("rank", lang) + suffix, rank),
        (
            t("cagr", lang) + (f" ({f['cagr_first']}–{f['cagr_last']})" if f["cagr_first"] else ""),
            fmt_pct(f["turnover_cagr_pct"], lang),
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


def annual_key_figures(f: Mapping[str, Any], lang: str = "en") -> list[tuple[str, str]]:
    """Return the trade headline of an annual review as (label, value) pairs, gaps left out."""
    items = [
        (t("exports", lang), fmt_usd_bn(f["exports"], lang)),
        (t("imports", lang), fmt_usd_bn(f["imports"], lang)),
        (t("turnover", lang), fmt_usd_bn(f["turnover"], lang)),
        (t("balance", lang), fmt_usd_bn(f["balance"], lang)),
        (t("growth", lang), fmt_pct(f["turnover_growth_pct"], lang, signed=True)),
        (t("ar.concentration", lang), fmt_number(f["hhi"], 0, lang)),
        (t("ar.equivalent", lang), fmt_number(f["equivalent_partners"], 1, lang)),
    ]
    return _known(items, lang) or [(t("trade_figures", lang), t("not_in_data", lang))]


def level_colours(lang: str = "en") -> dict[str, str]:
    """Return level label → colour, so every chart colours a level the same way."""
    from ngkt_analysis.reports.charts import LEVEL_COLOURS

    return {level_label(k, lang): v for k, v in LEVEL_COLOURS.items()}
