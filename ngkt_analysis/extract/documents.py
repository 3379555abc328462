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
        if not m.group("so") and not re.search(r"[A-Za-zĐđƯư]", sym):
            continue  # "Chương trình 2030", "Nghị quyết 36" without số or symbol: not a number
        kind = kinds[gazetteer.key(m.group("kind"))]
        number = canonical_number(m.group("num") + sym)
        end = m.end()
        date = None
        for d in ctx.dates_in(end, min(len(text), end + 40)):
            if _GAP.search(text, end, d.start) and d.precision == "day" and d.year:
                date, end = d, d.end
            break
        issuer = _ISSUER.match(text, end)
        rec = {
            "raw": text[m.start() : end]
            if date
            else text[m.start() : issuer.end() if issuer else end],
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
        if len(number) > len(old["number"]):
            old.update(number=number, raw=rec["raw"], start=rec["start"], end=rec["end"])
        for f in ("issuer", "date_raw", "date", "_date", "_title_end"):
            if old[f] is None and rec[f] is not None:
                old[f] = rec[f]
        if rec["date"] and old["raw"] != rec["raw"] and len(rec["raw"]) > len(old["raw"]):
            old.update(raw=rec["raw"], start=rec["start"], end=rec["end"])
    return list(found.values())


def _clause_end(ctx: Context, start: int) -> int:
    _, s_end = ctx.sentence_bounds(start)
    m = re.compile(r"[,;:]\s|[.;]$").search(ctx.text, start, s_end)
    return m.start() if m else s_end
