"""Dated occasions (guidelines §2): a date expression anchored to an occasion predicate."""

from __future__ import annotations

import re
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.dates import DateExpr, iso, resolve_year
from ngkt_analysis.extract.text import UPPER, alternation, loose

_I = re.IGNORECASE
# predicate words that are often something else: "tiếp tục", "đăng ký", "thăm dò", "gặp khó khăn"
_NOT_PREDICATE_AFTER = re.compile(
    r"\s+(?:"
    + "|".join(
        loose(w)
        for w in [
            "tục", "cận", "nhận", "theo", "thu", "tế", "diễn", "sức", "quản", "tuyến", "nối",
            "giáp", "thị", "cứu", "viện", "vận", "dò", "khó", "nhiều", "phải", "hiệu", "sinh",
            "hợp", "số",
        ]
    )
    + r")(?!\w)",
    _I,
)  # fmt: skip
_NOT_PREDICATE_BEFORE = re.compile(
    r"(?:"
    + "|".join(loose(w) for w in ["trực", "kế", "liên", "gián", "đăng", "tiếp", "chữ"])
    + r")\s+$",
    _I,
)
_AMBIGUOUS = {"tiep", "ky", "tham", "gap"}
_SIDELINES = re.compile(loose("bên lề") + r"\s+$", _I)
_DOC_TYPES = ("directive", "resolution")
_FUTURE = re.compile(alternation(["sẽ", "dự kiến", "tới đây", "sắp"]), _I)
_DATELINE_AFTER = re.compile(r"\s*[-–|,]?\s*\d{1,2}[:h]\d{2}")
_PERIOD_BEFORE = re.compile(
    r"(?:"
    + alternation(
        ["đến", "tới", "giai đoạn", "đầu", "cuối", "giữa", "trong", "kể từ", "từ", "so với",
         "trước", "sau", "hết", "của", "nhiệm kỳ", "khóa", "tháng", "hiệu lực", "thực thi"]
    )
    + r")\s+$|\d{4}\s*[-–]\s*$|"
    + loose("Cập nhật")
    + r"\s*:?\s*$|"
    + loose("Thứ")
    + r"\s+\w+\s*,\s*$",
    _I,
)  # fmt: skip
_ONE_OFF = alternation(
    [
        "thiết lập quan hệ ngoại giao",
        "bình thường hóa quan hệ",
        "bình thường hoá quan hệ",
        "bình thường hóa",
        "bình thường hoá",
    ]
)
_YEAR_WHEN_OCCASION = re.compile(
    r"\s+" + loose("khi") + r"\s+(?:" + loose("hai nước") + r"\s+)?" + _ONE_OFF, _I
)
# "Sau nửa thế kỷ thiết lập quan hệ ngoại giao": a span since an occasion, not the occasion
_SPAN_SINCE = re.compile(
    loose("sau")
    + r"\s+(?:[\w]+\s+){0,2}"
    + alternation(["năm", "thế kỷ", "thập kỷ", "thập niên"])
    + r"\s+$",
    _I,
)
_IN_A_DAY = re.compile(loose("trong") + r"\s+$", _I)
_YEAR_LEAD = re.compile(r"^(?:\(|" + alternation(["vào", "trong"]) + r"\s+)?$", _I)
# "hai nước thiết lập quan hệ ngoại giao năm 1992": a year right after a one-off occasion
_YEAR_OF_OCCASION = re.compile(
    _ONE_OFF + r"\s+(?:" + alternation(["vào"]) + r"\s+)?$",
    _I,
)
# a clause boundary between an occasion and a date in parentheses: "thăm Hàn Quốc kể từ khi
# Tổng thống lên nắm quyền (tháng 5/2022)" dates the taking of office, not the visit
_CLAUSE_BREAK = re.compile(r"[;:]|" + alternation(["khi", "kể từ"]), _I)
# "Sáng nay (7/3), Thủ tướng gặp ...": parentheses that give the calendar day of a relative one
_RELATIVE_DAY = re.compile(alternation(["nay", "qua", "mai"]) + r"\s*\($", _I)
_TAI = re.compile(
    loose("tại") + rf"\s+(?P<loc>[{UPPER}][\w-]*(?:\s+(?:[{UPPER}][\w-]*|[\w-]+(?=\s+[{UPPER}])))*)"
)
# words between a visit predicate and its destination: "thăm cấp Nhà nước tới Việt Nam"
_DESTINATION_GAP = re.compile(
    r"\s*(?:(?:"
    + alternation(["chính thức", "cấp Nhà nước", "làm việc", "hữu nghị", "tới", "đến", "sang"])
    + r")\s*)*",
    _I,
)
_TITLE_LEAD = re.compile(
    r"^[\s,:-]*(?:" + loose("tại") + r"\s+[^,.;]{1,60},\s*)?(?:" + alternation(["trong khuôn khổ"])
    + r"[^,.;]{1,120},\s*)?",
    _I,
)  # fmt: skip


def _predicates(ctx: Context, start: int, end: int) -> list[tuple[int, int, str]]:
    types = gazetteer.mapping("event_predicates.tsv")
    out = []
    for m in gazetteer.pattern("event_predicates.tsv").finditer(ctx.text, start, end):
        k = gazetteer.key(m.group())
        if k in _AMBIGUOUS and (
            _NOT_PREDICATE_AFTER.match(ctx.text, m.end())
            or _NOT_PREDICATE_BEFORE.search(ctx.text, max(0, m.start() - 8), m.start())
        ):
            continue
        if _SIDELINES.search(ctx.text, max(0, m.start() - 12), m.start()):
            continue  # "bên lề hội nghị": the setting of the occasion, not the occasion
        if _SPAN_SINCE.search(ctx.text, max(0, m.start() - 30), m.start()):
            continue  # "sau nửa thế kỷ thiết lập quan hệ": a span since it, not the occasion
        out.append((m.start(), m.end(), types[k]))
    return out


def _is_event_date(ctx: Context, d: DateExpr, s_start: int) -> bool:
    text = ctx.text
    before = text[max(s_start, d.start - 30) : d.start]
    if _DATELINE_AFTER.match(text, d.end):
        return False
    period = _PERIOD_BEFORE.search(before)
    # "trong năm 2023" is a span, but "Trong ngày 31/7" is the day of an occasion
    if period and not (d.precision == "day" and _IN_A_DAY.search(before)):
        return False
    if d.raw.startswith("("):
        return False  # "(7/2019)" after a partner: a dated list, not an occasion
    if d.precision == "year":
        lead = text[s_start : d.start]
        after = text[d.end : d.end + 2]
        return (
            bool(_YEAR_LEAD.match(lead.strip()) and (after.startswith(",") or lead.endswith("(")))
            or bool(_YEAR_OF_OCCASION.search(text, max(s_start, d.start - 60), d.start))
            or bool(_YEAR_WHEN_OCCASION.match(text, d.end))  # "năm 1992 khi hai nước thiết lập"
        )
    return True


def _location(
    ctx: Context, d: DateExpr | None, s_start: int, s_end: int, etype: str, pred_end: int
) -> str | None:
    if etype == "visit":
        # the destination right after the visit predicate, Việt Nam included ("tới Việt Nam")
        gap = _DESTINATION_GAP.match(ctx.text, pred_end)
        after = ctx.countries_in(pred_end, min(s_end, gap.end() + 40 if gap else pred_end + 40))
        if after and after[0].start <= (gap.end() if gap else pred_end) + 1:
            return after[0].raw
    if d is None:
        return None
    skip = gazetteer.keys("location_exclusions.txt")
    dates = [x for x in ctx.dates_in(s_start, s_end) if not x.raw.startswith("(")]
    best: tuple[int, str] | None = None
    venues = gazetteer.pattern("venues.txt", ignore_case=False)
    for m in _TAI.finditer(ctx.text, s_start, s_end):
        loc = m.group("loc")
        venue = venues.match(ctx.text, m.start("loc"))
        if venue and len(venue.group()) > len(loc):  # "Phủ Chủ tịch", not "Phủ Chủ"
            loc = venue.group()
        if gazetteer.key(loc.split()[0]) in skip:
            continue
        if _after_country(ctx, s_start, m.start()):
            continue  # "Đại sứ Malaysia tại Việt Nam": part of a title, not a venue
        # the place belongs to the date expression closest to it
        near = min(dates, key=lambda x: _gap(x.start, x.end, m.start(), m.end()), default=d)
        if near.start != d.start:
            continue
        dist = _gap(d.start, d.end, m.start(), m.end())
        if best is None or dist < best[0]:
            best = (dist, loc)
    return best[1] if best else None


def _gap(a0: int, a1: int, b0: int, b1: int) -> int:
    return max(b0 - a1, a0 - b1, 0)


def _after_country(ctx: Context, s_start: int, pos: int) -> bool:
    """``tại`` right after a country name: a title (Đại sứ X tại Y), not a venue."""
    before = ctx.countries_in(max(s_start, pos - 40), pos)
    return bool(before) and not ctx.text[before[-1].end : pos].strip()


def find_events(ctx: Context, documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events of one article: occasions with a date, plus directives/resolutions with theirs.

    Examples
    --------
    >>> ctx = Context("Sáng 21/12, tại Hà Nội, Bộ Ngoại giao tổ chức hội nghị.")
    >>> [(e["date_raw"], e["event_type"], e["location"], e["date"]) for e in find_events(ctx, [])]
    [('Sáng 21/12', 'conference', 'Hà Nội', None)]
    """
    text = ctx.text
    spans = [(doc["start"], doc["end"]) for doc in documents]
    # a date of issue stated before a document ("Ngày 1/2/2005, ... có Quyết định 28") is the
    # document's, not another occasion's
    spans += [(doc["_date"].start, doc["_date"].end) for doc in documents if doc.get("_date")]
    out: list[dict[str, Any]] = []
    for doc in documents:
        d = doc.get("_date")
        if doc["kind"] in ("directive", "resolution") and d is not None:
            out.append(
                _record(
                    ctx,
                    d,
                    doc["kind"],
                    text[doc["start"] : doc["_title_end"]],
                    None,
                    [],
                    doc["start"],
                )
            )
    for d in ctx.dates:
        if any(a <= d.start < b for a, b in spans):
            continue
        s_start, s_end = ctx.sentence_bounds(d.start)
        if not _is_event_date(ctx, d, s_start):
            continue
        preds = _predicates(ctx, s_start, s_end)
        before = [p for p in preds if p[1] <= d.start and d.start - p[1] < 150]
        paren = d.start > 0 and text[d.start - 1] == "("
        if paren and not _RELATIVE_DAY.search(text, max(s_start, d.start - 8), d.start):
            # a date in parentheses dates the phrase right before it
            after = []
            before = [p for p in before if not _CLAUSE_BREAK.search(text, p[1], d.start)]
        else:
            after = [p for p in preds if p[0] >= d.end]
        pred = after[0] if after else (before[-1] if before else None)
        if pred is None:
            continue
        etype = pred[2]
        title = _title(ctx, d, s_start, s_end, pred)
        loc = _location(ctx, d, s_start, s_end, etype, pred[1])
        partners = sorted({m.iso3 for m in ctx.partners_in(s_start, s_end)})
        future = bool(_FUTURE.search(text, s_start, pred[0]))
        out.append(_record(ctx, d, etype, title, loc, partners, d.start, future))
    out.extend(_listed_years(ctx))
    kept = _dedupe(out)
    for rec in kept:
        rec.pop("_distinct", None)
    return kept


# "Thủ tướng Nguyễn Tấn Dũng (2007, 2015)": years of a listed leader's visits; a list cut off
# by truncation keeps the complete years only ("(1992, 19")
_YEAR_LIST = re.compile(
    r"\((?P<years>\s*(?:19|20)\d\d(?:\s*[,;]\s*(?:19|20)\d\d)*)(?:\s*[,;]\s*\d{0,3})?\s*"
    r"(?:\)|…|\.\.\.|$)"
)
_NAME_BEFORE = re.compile(rf"[{UPPER}][\w'-]*\s*$")
_CLAUSE_START = re.compile(r"[,:;]\s*")


def _listed_years(ctx: Context) -> list[dict[str, Any]]:
    """Year-precision events from lists of people with the years of their visits.

    A parenthesised year list right after a capitalised name, in a sentence whose occasion
    predicate (the nearest one before the list) makes them occasions; ``<nước> (năm)`` lists
    are partnership lists (guidelines §4), not events.
    """
    text = ctx.text
    out = []
    for m in _YEAR_LIST.finditer(text):
        s_start, s_end = ctx.sentence_bounds(m.start())
        if not _NAME_BEFORE.search(text, max(s_start, m.start() - 40), m.start()):
            continue
        if _after_country(ctx, s_start, m.start()) or ctx.countries_in(m.start() - 1, m.start()):
            continue
        preds = [p for p in _predicates(ctx, s_start, m.start()) if p[2] not in _DOC_TYPES]
        if not preds:
            continue
        pred = preds[-1]
        loc = _location(ctx, None, s_start, s_end, pred[2], pred[1])
        cut = max((c.end() for c in _CLAUSE_START.finditer(text, pred[1], m.start())), default=0)
        who = text[max(cut, pred[1]) : m.start()].strip()
        years = re.findall(r"(?:19|20)\d\d", m.group("years"))
        for k, y in enumerate(re.finditer(r"(?:19|20)\d\d", m.group("years"))):
            a, b = m.start("years") + y.start(), m.start("years") + y.end()
            raw = f"({y.group()})" if len(years) == 1 else y.group()
            d = DateExpr(a - (len(years) == 1), b + (len(years) == 1), raw, int(y.group()),
                         None, None, "year")  # fmt: skip
            title = " ".join(x for x in (text[pred[0] : pred[1]], loc, "–", who) if x)
            rec = _record(ctx, d, pred[2], title, loc, [], a)
            rec["_distinct"] = (m.start(), k)
            out.append(rec)
    return out


def _title(ctx: Context, d: DateExpr, s_start: int, s_end: int, pred: tuple[int, int, str]) -> str:
    text = ctx.text
    if pred[0] >= d.end:
        rest = text[d.end : s_end]
        lead = _TITLE_LEAD.match(rest)
        rest = rest[lead.end() :] if lead else rest
    else:
        rest = text[s_start:s_end]
    return rest.strip().rstrip(".").strip()[:240]


def _record(
    ctx: Context,
    d: DateExpr,
    etype: str,
    title: str,
    location: str | None,
    partners: list[str],
    anchor: int,
    future: bool = False,
) -> dict[str, Any]:
    resolved = d.date
    if resolved is None and ctx.published is not None and d.precision in ("day", "month"):
        year = resolve_year(d.month, d.day, ctx.published, future)
        resolved = None if year is None else iso(year, d.month, d.day, d.precision)
    s_start, s_end = ctx.sentence_bounds(anchor)
    return {
        "date_raw": d.raw,
        "year": d.year,
        "month": d.month,
        "day": d.day,
        "precision": d.precision,
        "date": d.date,
        "date_end": d.date_end,
        "end_month": d.end_month if d.end_day else None,
        "end_day": d.end_day,
        "date_resolved": resolved,
        "year_source": "expression" if d.year else None,
        "event_type": etype,
        "title": title,
        "location": location,
        "partners": partners,
        "start": d.start,
        "end": d.end,
        "sentence": ctx.text[s_start:s_end],
    }


def _dedupe(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """One record per occasion-date; a year stated in another mention fills a missing one."""
    kept: list[dict[str, Any]] = []
    for rec in records:
        same = next(
            (
                k
                for k in kept
                if k.get("_distinct") == rec.get("_distinct")
                and _date_key(k) == _date_key(rec)
                and (k["year"] is None or rec["year"] is None or k["year"] == rec["year"])
                and (
                    k["event_type"] == rec["event_type"]
                    or (rec["year"] is not None and rec["year"] == k["year"])
                )
            ),
            None,
        )
        if same is None:
            kept.append(rec)
        elif same["year"] is None and rec["year"] is not None:
            same.update(
                year=rec["year"], date=rec["date"], date_resolved=rec["date"], year_source="mention"
            )
        elif same["precision"] == "year" and same["year"] != rec["year"]:
            kept.append(rec)
    return kept


def _date_key(rec: dict[str, Any]) -> tuple[Any, ...]:
    """Return what makes two date expressions one date (a range is not its first day)."""
    return rec["month"], rec["day"], rec["precision"], rec["end_month"], rec["end_day"]
