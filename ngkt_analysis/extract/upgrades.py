"""Partnership framework upgrades (guidelines §4): partner × level, with the date if stated."""

from __future__ import annotations

import re
from functools import cache
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
# "<nước> (2008)", "(năm 2012)", "(9/2023)", "(tháng 10/2024)": an entry of a dated list
_LIST_DATE = re.compile(
    r"\s*\(\s*(?:(?:" + loose("tháng") + r"\s*)?\d|" + loose("năm") + r"\s+" + _Y + ")", _I
)
_VIETNAM = re.compile(loose("Việt Nam"))
_PAREN_YEAR = re.compile(r"\s*\(\s*(?P<y>" + _Y + r")\s*\)")
# "nâng mức quan hệ tương tự với A, B": the same level as the statement just before
_SAME = re.compile(alternation(["tương tự"]), _I)
# "với 12 quốc gia, bao gồm: A, B", "với 8 quốc gia gồm A, B": members of a counted set
_COUNT = alternation(["hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín", "mười"])
_COUNTED = alternation(["quốc gia", "nước", "đối tác", "cường quốc", "nền kinh tế"])
# an "as of" cut-off dates a status, not an upgrade: "tính đến tháng 10/2024"
_AS_OF = re.compile(alternation(["tính đến", "tính tới", "cho đến", "đến", "tới"]) + r"\s*$", _I)
# a counted list is a status (current partners) only when the sentence says so: "hiện nay",
# "tính đến", "như vậy", "có quan hệ"; "nâng cấp ... với hai đối tác là A và B" is an upgrade
_STATUS_MARK = re.compile(
    alternation(
        ["tính đến", "tính tới", "hiện nay", "hiện tại", "hiện có", "như vậy", "có quan hệ"]
    ),
    _I,
)
_MEMBER_OF = re.compile(alternation(["nước", "quốc gia", "thành viên"]) + r"\s*$", _I)
# "the N-th partner, after A, B …" (§4: a status mention): "thứ 7 của Việt Nam (sau A, B và C)"
_AFTER_ORDINAL = re.compile(
    loose("thứ") + r"\s+(?:\d+|" + _COUNT + r")\b[^.;]{0,60}?\(?\s*" + loose("sau") + r"\s",
    _I,
)
# a year of diplomatic relations dates them, not the framework (§4: not diplomatic relations)
_RELATIONS = re.compile(
    alternation(
        ["thiết lập quan hệ ngoại giao", "bình thường hóa quan hệ", "bình thường hoá quan hệ"]
    )
    + r"(?:\s+"
    + alternation(["từ", "vào", "trong"])
    + r")?\s*(?:"
    + loose("năm")
    + r"\s+)?$",
    _I,
)


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
    groups = set(gazetteer.words("partner_groups.txt"))
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str | None]] = set()
    starts, ends = ctx.sentences.starts, ctx.sentences.ends
    by_sentence: dict[int, list[re.Match[str]]] = {}
    for m in level_rx.finditer(text):
        by_sentence.setdefault(ctx.sentences.index(m.start()), []).append(m)
    # a sentence naming no level continues the one before it: "… với 8 quốc gia. Đó là A (2008),
    # B (năm 2012)" or "… nâng mức quan hệ tương tự với A, B"
    follow = {i + 1 for i in by_sentence if i + 1 < len(starts)} - set(by_sentence)
    for i in sorted(set(by_sentence) | follow):
        s_start, s_end = starts[i], ends[i]
        inherited = i not in by_sentence
        lv = by_sentence[i - 1] if inherited else by_sentence[i]
        preds = list(pred_rx.finditer(text, s_start, s_end))
        # "một nước ASEAN", "các nước EU": an unnamed member state, not the group
        partners = [
            p
            for p in ctx.partners_in(s_start, s_end)
            if p.iso3 not in groups or not _MEMBER_OF.search(text, max(0, p.start - 20), p.start)
        ]
        dated = [p for p in partners if _LIST_DATE.match(text, p.end)]
        if inherited:
            if len(dated) >= 2:
                partners = dated  # the undated names of such a list are status mentions
            elif not (preds and _SAME.search(text, s_start, s_end)):
                continue
        if not preds and not dated:
            continue  # a framework named as a descriptor, not an upgrade
        if preds and not dated:
            first = min(p.start() for p in preds)
            if neg_rx.search(text, max(s_start, first - 25), first):
                continue  # an intention: muốn, sẽ nâng cấp
        between = _BETWEEN.search(text, s_start, s_end)
        if between and not _VIETNAM.search(between.group("a")):
            others = {p.iso3 for p in partners}
            if len(others) >= 2 and not _TWO.search(text, s_start, s_end):
                continue  # a relationship between two other countries
        if not partners and _TWO.search(text, s_start, s_end):
            partners = _counterpart(ctx, i)
        elif not dated:
            partners = _drop_status_list(ctx, partners, s_start, s_end)
        after = _AFTER_ORDINAL.search(text, s_start, s_end)
        if after:  # the partners named after "thứ N … (sau" are earlier ones, not this upgrade
            close = text.find(")", after.end(), s_end)
            stop = close if close != -1 else s_end
            partners = [p for p in partners if not after.end() <= p.start < stop]
        for p in partners:
            level_m = _nearest_level(lv, p.start)
            level = levels.get(gazetteer.key(level_m.group()))
            if level == "strategic" and _CUT_TOAN.match(text, level_m.end()):
                level = "comprehensive_strategic"  # "Đối tác chiến lược toàn…" cut off
            if level is None:
                continue
            own_sentence = p.start >= s_start
            date_raw, date, year, month, day, precision = _date_for(
                ctx, p if own_sentence else None, s_start, s_end, level_m.start(), level_m.end()
            )
            resolved = date
            if resolved is None and month and ctx.published is not None:
                year = resolve_year(month, day, ctx.published)
                resolved = None if year is None else iso(year, month, day, precision)
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


def _counterpart(ctx: Context, i: int) -> list[Any]:
    """Return the partner *hai nước*/*hai bên* stands for: the last one named just before.

    A preceding sentence that itself says *hai nước* passes its own counterpart on.
    """
    for j in range(i - 1, max(-1, i - 4), -1):
        named = ctx.partners_in(ctx.sentences.starts[j], ctx.sentences.ends[j])
        if named:
            return [named[-1]]
        if not _TWO.search(ctx.text, ctx.sentences.starts[j], ctx.sentences.ends[j]):
            break
    return []


def _drop_status_list(ctx: Context, partners: list[Any], s_start: int, s_end: int) -> list[Any]:
    """Drop the members of an undated counted list: "với 12 quốc gia, bao gồm: A, B" (§4).

    A sentence that dates the upgrades ("từ cuối năm 2023 đến nay … với bốn đối tác lớn là A,
    B") keeps them; an "as of" cut-off ("tính đến tháng 10/2024") does not date them.
    """
    text = ctx.text
    m = _status_intro().search(text, s_start, s_end)
    if not m or not _STATUS_MARK.search(text, s_start, s_end):
        return partners
    if _VAGUE.search(text, s_start, s_end):
        return partners
    for d in ctx.dates_in(s_start, s_end):
        if not _AS_OF.search(text, max(s_start, d.start - 12), d.start):
            return partners
    return [p for p in partners if p.start < m.end()]


@cache
def _status_intro() -> re.Pattern[str]:
    """Match a count of partners and the word introducing them: "12 quốc gia, bao gồm:"."""
    return re.compile(
        # "hai nước" is "the two countries", not a count (guidelines §3)
        r"(?!" + _TWO.pattern + r")(?:\d+|" + _COUNT + r")\s+" + _COUNTED
        + r"(?:\s+\w+)?\s*[,:]?\s*(?:"
        + gazetteer.pattern("upgrade_status_lists.txt").pattern
        + r"\s*:?|:)",
        _I,
    )  # fmt: skip


def _nearest_level(levels: list[re.Match[str]], pos: int) -> re.Match[str]:
    before = [m for m in levels if m.end() <= pos]
    return before[-1] if before else min(levels, key=lambda m: abs(m.start() - pos))


def _date_for(
    ctx: Context, p: Any, s_start: int, s_end: int, anchor: int, anchor_end: int
) -> tuple[Any, ...]:
    text = ctx.text
    if p is not None:
        own = [
            d
            for d in ctx.dates_in(p.end, min(s_end, p.end + 25))
            if text[p.end : d.start].strip() in ("", "(")
        ]
        if own:
            d = own[0]
            return _paren_raw(text, d), d.date, d.year, d.month, d.day, d.precision
        year = _PAREN_YEAR.match(text, p.end)
        if year:  # "Trung Quốc (2008)": a bare year is a date only as a list entry
            raw = year.group().strip()
            return raw, year.group("y"), int(year.group("y")), None, None, "year"
    vague = _VAGUE.search(text, s_start, s_end)
    if vague:
        return vague.group(), None, None, None, None, None
    dates = [
        d
        for d in ctx.dates_in(s_start, s_end)
        if not d.raw.startswith("(")
        and not _RELATIONS.search(text, max(s_start, d.start - 45), d.start)
    ]
    if dates:
        # the date closest to the level phrase: "(30/3/1973-…) … nâng cấp … vào năm 2015"
        d = min(dates, key=lambda x: max(x.start - anchor_end, anchor - x.end, 0))
        return _paren_raw(text, d), d.date, d.year, d.month, d.day, d.precision
    return None, None, None, None, None, None


def _paren_raw(text: str, d: Any) -> str:
    """``date_raw`` with its parentheses when the date is written in them (§1: ``(7/2019)``)."""
    if d.raw.startswith("(") or d.start == 0 or text[d.start - 1] != "(":
        return str(d.raw)
    return f"({d.raw})" if text[d.end : d.end + 1] == ")" else f"({d.raw}"
