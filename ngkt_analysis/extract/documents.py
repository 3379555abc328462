"""Numbered party and state documents (guidelines §6): ``Chỉ thị số 15-CT/TW ngày 10/8/2022``."""

from __future__ import annotations

import re
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.text import alternation, loose

_KIND = alternation([row for row in gazetteer.words("document_kinds.tsv")])
_DOC = re.compile(
    rf"(?P<kind>{_KIND})(?!\s+{loose('thư')}(?!\w))(?P<so>\s+{loose('số')})?\s*"
    r"(?P<num>\d{1,5})(?P<sym>(?:\s?[-/]\s?[\wĐđƯư]+){1,4})?(?![\w/])",
    re.IGNORECASE,
)
_ISSUER = re.compile(
    rf"\s*,?\s*{loose('của')}\s+(?P<issuer>{alternation(list(gazetteer.words('issuers.txt')))})",
    re.IGNORECASE,
)
_GAP = re.compile(rf"\s*,?\s*(?:{loose('ban hành')}\s+|{loose('ký')}\s+)?$", re.IGNORECASE)
# "Ngày 1/2/2005, Thủ tướng Chính phủ đã có Quyết định 28": the date of issue stated before the
# document, separated from it by the issuer and an issuing verb only
_ISSUED_BEFORE = re.compile(
    rf"\s*,\s*[^,.;:]{{0,80}}?\s(?:{loose('đã')}\s+)?"
    rf"(?:{alternation(['ban hành', 'ký ban hành', 'ký', 'có', 'thông qua', 'ra'])})\s+",
    re.IGNORECASE,
)
# a number without "số" or a symbol is a document number only for these kinds, written with a
# capital, and not before a time unit ("Kế hoạch 5 năm", "Chương trình 2030" are not numbers)
_BARE_KINDS = {"directive", "resolution", "conclusion", "decision", "decree"}
_NOT_NUMBER_AFTER = re.compile(
    r"\s*(?:" + alternation(["năm", "tháng", "ngày", "tuần", "điểm", "nội dung", "%"]) + r"|%)",
    re.IGNORECASE,
)


def canonical_number(number: str) -> str:
    """Canonical document symbol: no spaces, ``TƯ`` → ``TW``, upper-case letters kept.

    Examples
    --------
    >>> canonical_number("12- NQ/TƯ"), canonical_number("15")
    ('12-NQ/TW', '15')
    """
    out = re.sub(r"\s+", "", number)
    return re.sub(r"T[ƯưU](?![\w])", "TW", out) if "/" in out or "-" in out else out


def find_documents(ctx: Context) -> list[dict[str, Any]]:
    """Documents identified by a number, one record per (kind, leading integer).

    The fullest mention wins: a symbol beats a bare number, a date or issuer fills gaps.

    Examples
    --------
    >>> ctx = Context("Thực hiện Chỉ thị số 15-CT/TW ngày 10-8-2022 của Ban Bí thư.")
    >>> docs = find_documents(ctx)
    >>> [(d["kind"], d["number"], d["date"], d["issuer"]) for d in docs]
    [('directive', '15-CT/TW', '2022-08-10', 'Ban Bí thư')]
    """
    kinds = gazetteer.mapping("document_kinds.tsv")
    text = ctx.text
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for m in _DOC.finditer(text):
        sym = m.group("sym") or ""
        kind = kinds[gazetteer.key(m.group("kind"))]
        if not m.group("so") and not re.search(r"[A-Za-zĐđƯư]", sym) and not _bare_number(m, kind):
            continue
        number = canonical_number(m.group("num") + sym)
        end = m.end()
        date = None
        for d in ctx.dates_in(end, min(len(text), end + 40)):
            if _GAP.search(text, end, d.start) and d.precision == "day" and d.year:
                date, end = d, d.end
            break
        if date is None:
            date = _date_before(ctx, m.start())
        issuer = _ISSUER.match(text, end)
        rec = {
            "raw": text[m.start() : issuer.end() if issuer else end],
            "number": number,
            "kind": kind,
            "issuer": issuer.group("issuer") if issuer else None,
            "date_raw": date.raw if date else None,
            "date": date.date if date else None,
            "start": m.start(),
            "end": end,
            "_date": date,
            "_title_end": _clause_end(ctx, m.start()),
        }
        k = (kind, int(m.group("num")))
        old = found.get(k)
        if old is None:
            found[k] = rec
            continue
        span = ("raw", "start", "end", "_title_end")
        if len(number) > len(old["number"]):
            old.update(number=number, **{f: rec[f] for f in span})
        for f in ("issuer", "date_raw", "date", "_date"):
            if old[f] is None and rec[f] is not None:
                old[f] = rec[f]
        if rec["date"] and old["raw"] != rec["raw"] and len(rec["raw"]) > len(old["raw"]):
            old.update({f: rec[f] for f in span})
    for rec in _header_documents(ctx):
        found.setdefault((rec["kind"], int(rec["number"].split("/")[0])), rec)
    return list(found.values())


# the number line heading an administrative document, "Số: 344/CNV-VP": the kind is told by
# the symbol's type code (QĐ, CT, NQ, ...); a symbol without one is an official letter
_HEADER = re.compile(
    r"^[\s|]*" + loose("Số") + r"\s*:\s*(?P<num>\d{1,5})(?P<sym>/[\wĐđ]+(?:-[\wĐđ]+){0,3})",
    re.MULTILINE,
)
_TYPE_CODES = {
    "CT": "directive", "NQ": "resolution", "KL": "conclusion", "QĐ": "decision",
    "NĐ": "decree", "KH": "plan", "CTR": "program",
}  # fmt: skip
_PLACE_DATE = re.compile(r"[\s|]*[^\n,|]{1,40},\s*")


def _header_documents(ctx: Context) -> list[dict[str, Any]]:
    """Return the document a passage is, from its ``Số: N/SYMBOL`` header and date line."""
    text = ctx.text
    out = []
    for m in _HEADER.finditer(text):
        codes = re.split(r"[/-]", m.group("sym").upper())
        kind = next((_TYPE_CODES[c] for c in codes if c in _TYPE_CODES), "official_letter")
        date = None
        line_end = text.find("\n", m.end())
        stop = len(text) if line_end < 0 else line_end
        for d in ctx.dates_in(m.end(), min(len(text), stop + 120)):
            if d.precision == "day" and d.year and _PLACE_DATE.fullmatch(text, m.end(), d.start):
                date = d
            break
        out.append(
            {
                "raw": m.group().strip(" |\n"),
                "number": canonical_number(m.group("num") + m.group("sym")),
                "kind": kind,
                "issuer": None,
                "date_raw": date.raw if date else None,
                "date": date.date if date else None,
                "start": m.start("num"),
                "end": m.end(),
                "_date": date,
                "_title_end": m.end(),
            }
        )
    return out


def _bare_number(m: re.Match[str], kind: str) -> bool:
    """``Quyết định 28``: a capitalised kind, a short number, no year, no time unit after."""
    if kind not in _BARE_KINDS or m.group("sym") or not m.group("kind")[0].isupper():
        return False
    num = m.group("num")
    if len(num) > 3:
        return False
    return not _NOT_NUMBER_AFTER.match(m.string, m.end())


def _date_before(ctx: Context, doc_start: int) -> Any:
    """Return a full date of issue stated before the document in its sentence, if any."""
    s_start, _ = ctx.sentence_bounds(doc_start)
    for d in reversed(ctx.dates_in(s_start, doc_start)):
        if d.precision == "day" and d.year and _ISSUED_BEFORE.fullmatch(ctx.text, d.end, doc_start):
            return d
        break
    return None


_CLAUSE_END = re.compile(r"[,;:]\s|[.;]$")


def _clause_end(ctx: Context, start: int) -> int:
    _, s_end = ctx.sentence_bounds(start)
    s_end = min(s_end, start + 300)  # a title is short; bounded so page debris stays linear
    m = _CLAUSE_END.search(ctx.text, start, s_end)
    return m.start() if m else s_end
