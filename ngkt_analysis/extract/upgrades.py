"""Partnership framework upgrades (guidelines §4): partner × level, with the date if stated."""

from __future__ import annotations

import re
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.dates import iso, resolve_year
from ngkt_analysis.extract.text import alternation, loose

_I = re.IGNORECASE
_Y = r"(?:19|20)\d\d"
_VAGUE = re.compile(
    rf"(?:{loose('từ')}\s+)?(?:{alternation(['đầu', 'cuối', 'giữa'])}\s+){loose('năm')}\s+{_Y}"
    rf"(?:\s+{loose('đến nay')})?",
    _I,
)
# a level phrase cut off by truncation after "toàn": only "toàn diện" can follow
_CUT_TOAN = re.compile(r"\s+" + loose("toàn") + r"\s*(?:…|\.\.\.|$)", _I)
_TWO = re.compile(alternation(["hai nước", "hai bên", "hai quốc gia"]), _I)
_BETWEEN = re.compile(loose("giữa") + r"\s+(?P<a>[^,;]{2,40}?)\s+" + loose("và") + r"\s+", _I)


def find_upgrades(ctx: Context) -> list[dict[str, Any]]:
    """Upgrades of Vietnam's relationship with named partners, one record per partner.

    Examples
    --------
    >>> ctx = Context("Từ cuối năm 2023 đến nay đã nâng cấp quan hệ lên Đối tác chiến lược "
    ...               "toàn diện với bốn đối tác lớn là Mỹ, Trung Quốc, Nhật Bản, Australia.")
    >>> [(u["partner"], u["level"]) for u in find_upgrades(ctx)][:2]
    [('USA', 'comprehensive_strategic'), ('CHN', 'comprehensive_strategic')]
    >>> find_upgrades(ctx)[0]["date_raw"]
    'Từ cuối năm 2023 đến nay'
    """
    text = ctx.text
    levels = gazetteer.mapping("levels.tsv")
    level_rx = gazetteer.pattern("levels.tsv")
    pred_rx = gazetteer.pattern("upgrade_predicates.txt")
    neg_rx = gazetteer.pattern("upgrade_negations.txt")
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    starts, ends = ctx.sentences.starts, ctx.sentences.ends
    level_hits = list(level_rx.finditer(text))
    sentence_ids = sorted({ctx.sentences.index(m.start()) for m in level_hits})
    for i in sentence_ids:
        s_start, s_end = starts[i], ends[i]
        lv = [m for m in level_hits if s_start <= m.start() < s_end]
        preds = list(pred_rx.finditer(text, s_start, s_end))
        partners = ctx.partners_in(s_start, s_end)
        dated = [
            p
            for p in partners
            if re.match(r"\s*\(\s*(?:" + loose("tháng") + r"\s*)?\d", text[p.end : p.end + 12], _I)
        ]
        if not preds and not dated:
            continue  # a framework named as a descriptor, not an upgrade
        if preds and not dated:
            first = min(p.start() for p in preds)
            if neg_rx.search(text, max(s_start, first - 25), first):
                continue  # an intention: muốn, sẽ nâng cấp
        between = _BETWEEN.search(text, s_start, s_end)
        if between and not re.search(loose("Việt Nam"), between.group("a")):
            others = {p.iso3 for p in partners}
            if len(others) >= 2 and not _TWO.search(text, s_start, s_end):
                continue  # a relationship between two other countries
        if not partners:
            two = _TWO.search(text, s_start, s_end)
            if two and i > 0:
                prev = ctx.partners_in(starts[i - 1], ends[i - 1])
                if prev:
                    partners = [prev[-1]]
        for p in partners:
            level_m = _nearest_level(lv, p.start)
            level = levels.get(gazetteer.key(level_m.group()))
            if level == "strategic" and _CUT_TOAN.match(text, level_m.end()):
                level = "comprehensive_strategic"  # "Đối tác chiến lược toàn…" cut off
            if level is None:
                continue
            date_raw, date, year, month, day, precision = _date_for(
                ctx, p, s_start, s_end, level_m.start(), level_m.end()
            )
            resolved = date
            if resolved is None and month and ctx.published is not None:
                resolved = iso(resolve_year(month, day, ctx.published), month, day, precision)
            k = (p.iso3, level, date)
            if k in seen:
                continue
            seen.add(k)
            out.append(
                {
                    "partner": p.iso3,
                    "partner_raw": p.raw,
                    "level": level,
                    "date_raw": date_raw,
                    "year": year,
                    "month": month,
                    "day": day,
                    "precision": precision,
                    "date": date,
                    "date_resolved": resolved,
                    "start": p.start,
                    "end": p.end,
                    "sentence": text[s_start:s_end],
                }
            )
    # an undated mention of a partner and level that is also stated with a date is the same
    # upgrade (a headline, then the dated body sentence)
    dated = {(u["partner"], u["level"]) for u in out if u["date_raw"]}
    return [u for u in out if u["date_raw"] or (u["partner"], u["level"]) not in dated]


def _nearest_level(levels: list[re.Match[str]], pos: int) -> re.Match[str]:
    before = [m for m in levels if m.end() <= pos]
    return before[-1] if before else min(levels, key=lambda m: abs(m.start() - pos))


def _date_for(
    ctx: Context, p: Any, s_start: int, s_end: int, anchor: int, anchor_end: int
) -> tuple[Any, ...]:
    text = ctx.text
    own = [
        d
        for d in ctx.dates_in(p.end, min(s_end, p.end + 25))
        if text[p.end : d.start].strip() in ("", "(")
    ]
    if own:
        d = own[0]
        raw = d.raw if d.raw.startswith("(") or text[d.start - 1] != "(" else f"({d.raw})"
        return raw, d.date, d.year, d.month, d.day, d.precision
    vague = _VAGUE.search(text, s_start, s_end)
    if vague:
        return vague.group(), None, None, None, None, None
    dates = [d for d in ctx.dates_in(s_start, s_end) if not d.raw.startswith("(")]
    if dates:
        # the date closest to the level phrase: "(30/3/1973-…) … nâng cấp … vào năm 2015"
        d = min(dates, key=lambda x: max(x.start - anchor_end, anchor - x.end, 0))
        return d.raw, d.date, d.year, d.month, d.day, d.precision
    return None, None, None, None, None, None
