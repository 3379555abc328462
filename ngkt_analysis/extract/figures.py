"""Quantitative figures (guidelines §3): amounts, percentages, multipliers, concrete counts."""

from __future__ import annotations

import re
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.numbers import CURRENCY, NUMBER, SCALE, amount, currency_code
from ngkt_analysis.extract.text import alternation, loose

_I = re.IGNORECASE
_NOUN = alternation([w for w in gazetteer.words("figure_nouns.tsv")])
_CHANGE = alternation(["tăng", "giảm", "tăng trưởng", "gấp", "tăng thêm", "giảm bớt"])
_QUAL = alternation(list(gazetteer.words("qualifiers.tsv")))
# between a number and its unit: spaces and at most one line break (a hard wrap), never a blank
# line ("2020\n\nCHƯƠNG TRÌNH" is a year above a heading)
_GAP = r"[^\S\n]*\n?[^\S\n]*"
_FIGURE = re.compile(
    rf"(?<![\w.,/-])(?P<num>{NUMBER})(?:{_GAP}(?P<scale>{SCALE}))?{_GAP}"
    rf"(?P<unit>%|(?<!\w){loose('phần trăm')}(?!\w)|{CURRENCY}|{loose('lần')}(?!\w)"
    rf"|(?P<noun>{_NOUN}))",
    _I,
)
_LEAD = re.compile(rf"(?:(?P<chg>{_CHANGE})\s+)?(?:(?P<q>{_QUAL})\s+)?$", _I)
_ANY_QUAL = re.compile(_QUAL, _I)
_ANY_CHANGE = re.compile(_CHANGE, _I)
_ORDINAL_BEFORE = re.compile(
    r"(?:"
    + alternation(["thứ", "lần thứ", "nhóm", "top", "hạng", "số"])
    + r"|\d\s+"
    + loose("trong")
    + r")\s+$",
    _I,
)  # "1 trong 3 nước": a rank; "trong 108 quốc gia" alone is a count
_OF_N_AFTER = re.compile(r"\s+" + loose("trong") + r"\s+\d", _I)
_SHARE = re.compile(
    alternation(["chiếm", "chiếm tỷ trọng", "chiếm tỉ trọng"]) + r"[^,;]{0,25}$", _I
)
_TARGET = re.compile(alternation(list(gazetteer.words("figure_targets.txt"))), _I)
_CUE = re.compile(alternation([w for w in gazetteer.words("figure_cues.tsv")]), _I)
# "tăng 21,1% (so với cùng kỳ năm trước) về số dự án": the change is in a count
_ABOUT_COUNT = re.compile(
    rf"\s*(?:{loose('so với cùng kỳ')}(?:\s+{loose('năm trước')})?\s+)?"
    rf"(?:{loose('về')}\s+)?{loose('số')}\s+(?P<noun>{_NOUN})",
    _I,
)
_STOP = re.compile(r"[,;:]")
# "2 <party>" names the two sides of a relationship, not a count of them
_PAIR_NOUNS = frozenset({"nuoc", "ben", "quoc gia", "tinh", "thanh pho", "dia phuong"})
# a line that ends in an image file name: "0810 Doi tac chien luoc 1.jpg" holds no figures
_FILE_NAME_LINE = re.compile(r"[^\n]*?\.(?:jpe?g|png|gif|webp|bmp)[ \t]*(?:\n|$)", _I)
_NAMED_ENTITY_AFTER = re.compile(r"\s*\(\s*[A-Z]{2,}\s*\)")
_INTO_VIETNAM = re.compile(loose("vào Việt Nam"), _I)
_OUTWARD = re.compile(
    alternation(["ra nước ngoài", "của Việt Nam", "của doanh nghiệp Việt Nam", "sang"]), _I
)
_Y = r"(?:19|20)\d\d"
_PERIOD = re.compile(
    rf"(?P<p>\d+\s+{loose('tháng')}(?:\s+(?:{loose('đầu')}|{loose('cuối')}))?\s+{loose('năm')}(?:\s+(?P<py>{_Y}))?"
    rf"|{loose('quý')}\s+[IV1-4]+(?:\s+{loose('năm')})?\s+(?P<qy>{_Y})"
    rf"|{loose('giai đoạn')}\s+{_Y}\s*[-–]\s*{_Y}"
    rf"|{loose('từ')}\s+(?:{loose('đầu')}\s+)?{loose('năm')}\s+{_Y}\s+{loose('đến')}\s+(?:{loose('nay')}|{loose('năm')}\s+{_Y}))",
    _I,
)  # fmt: skip
_NOT_REFERENCE = alternation(
    ["so với", "so với cùng kỳ", "cùng kỳ", "đến", "tới", "giai đoạn", "trước", "sau", "từ",
     "cuối", "đầu"]
)  # fmt: skip
# a comparison base or a period bound is not the reference year ...
_DEADLINE = {"den", "toi", "truoc"}  # ... except the deadline of a target ("trước năm 2028")
_YEAR = re.compile(
    rf"(?P<pre>{_NOT_REFERENCE}\s+)?"
    rf"(?:{loose('năm')}|\d{{1,2}}/\d{{1,2}}/|(?<!\w){loose('vào')}(?:\s+{loose('năm')})?)"
    rf"\s*(?P<y>{_Y})(?!\d)",
    _I,
)  # fmt: skip
# "tăng 194%, từ 5,1 tỉ USD năm 2013 lên 14,2 tỉ USD năm 2022": a change runs to its end year
_CHANGE_SPAN = re.compile(
    rf"[\s,]*{loose('từ')}\s[^;]{{1,60}}?\s(?:{loose('lên')}|{loose('đến')}|{loose('tới')})\s"
    rf"[^;]{{1,40}}?{loose('năm')}\s+(?P<y>{_Y})",
    _I,
)


def find_figures(ctx: Context) -> list[dict[str, Any]]:
    """Every figure mention, in order (repeats are separate records).

    Examples
    --------
    >>> ctx = Context("Kim ngạch xuất khẩu năm 2023 đạt hơn 1.234,5 tỷ đồng, tăng 15,4%.")
    >>> [(f["raw"], f["value"], f["unit"], f["indicator"], f["measure"], f["qualifier"], f["year"])
    ...  for f in find_figures(ctx)]  # doctest: +NORMALIZE_WHITESPACE
    [('hơn 1.234,5 tỷ đồng', 1234500000000.0, 'VND', 'exports', 'level', 'hơn', 2023),
     ('tăng 15,4%', 15.4, 'percent', 'exports', 'change', None, 2023)]
    """
    text = ctx.text
    nouns = gazetteer.mapping("figure_nouns.tsv")
    cues = gazetteer.mapping("figure_cues.tsv")
    out: list[dict[str, Any]] = []
    prev_end = 0
    for m in _FIGURE.finditer(text):
        s_start, s_end = ctx.sentence_bounds(m.start())
        lo = max(s_start, prev_end, m.start() - 40)
        head = text[lo : m.start()]
        noun = m.group("noun")
        unit_word = m.group("unit")
        if _ORDINAL_BEFORE.search(head) or _OF_N_AFTER.match(text, m.end()):
            continue
        if _FILE_NAME_LINE.match(text, m.end()):
            continue
        value = amount(m.group("num"), m.group("scale"))
        lead = _LEAD.search(head)
        chg = lead.group("chg") if lead else None
        if noun:
            unit, indicator = "count", nouns[gazetteer.key(noun)]
            if m.group("scale"):
                value = amount(m.group("num"), m.group("scale"))
            if value == 2 and gazetteer.key(noun) in _PAIR_NOUNS:
                continue  # "2 nước": the two countries; "giữa 2 tỉnh": the two provinces
        elif unit_word in ("%",) or gazetteer.key(unit_word) == "phan tram":
            unit, indicator = "percent", None
        elif gazetteer.key(unit_word) == "lan":
            if not chg:
                continue  # "2 lần" (twice) is not a multiplier
            unit, indicator = "times", None
        else:
            unit, indicator = currency_code(unit_word), None
        if chg and gazetteer.key(chg).startswith("giam"):
            value = -value
        qualifier = _qualifier(lead, head)
        start = m.start()
        if lead and (lead.group("q") or lead.group("chg")):
            start = lo + lead.start()
        clause_lo = _clause_start(text, s_start, m.start())
        if indicator is None:
            about = _ABOUT_COUNT.match(text, m.end())
            if about:
                indicator = nouns[gazetteer.key(about.group("noun"))]
            else:
                indicator = _indicator(text, cues, s_start, s_end, m.start(), m.end())
            if indicator is None and text[:s_start].rstrip().endswith(";"):
                # "Hàng hóa nhập khẩu từ EU tăng 9,8%; Hàn Quốc tăng 8,2%": a clause after a
                # semicolon goes on with the measure of the one before it
                i = ctx.sentences.index(s_start) - 1
                p_start, p_end = ctx.sentences.starts[i], ctx.sentences.ends[i]
                indicator = _indicator(text, cues, p_start, p_end, p_end, p_end)
        measure = _measure(text, s_start, clause_lo, m.start(), unit, chg)
        if indicator == "gdp" and measure == "change":
            indicator = "gdp_growth"
        year, period = _year_period(text, s_start, s_end, m.end(), measure)
        # a count of countries is not about any one of them
        partner = (
            None
            if indicator == "count_partners"
            else _partner(ctx, s_start, s_end, m.start(), m.end())
        )
        if indicator == "investment" and _is_inward(text, s_start, s_end, m, partner):
            indicator = "fdi"  # investment by a foreign economy in Việt Nam is FDI
        out.append(
            {
                "raw": text[start : m.end()],
                "value": value,
                "unit": unit,
                "indicator": indicator or ("count_other" if unit == "count" else "other"),
                "measure": measure,
                "year": year,
                "period": period,
                "partner": partner,
                "qualifier": qualifier,
                "start": start,
                "end": m.end(),
                "sentence": text[s_start:s_end],
            }
        )
        prev_end = m.end()
    return out


def _partner(ctx: Context, s_start: int, s_end: int, start: int, end: int) -> str | None:
    """Return the foreign economy the figure is about, named in its sentence.

    The nearest mention before the figure (or just after it) wins; failing that, the one
    foreign economy the sentence names before the figure (its subject). A country inside an
    organisation's name, ``Việt Nam - Singapore (VSIP)``, is not the figure's economy.
    """
    text = ctx.text
    mentions = [
        p for p in ctx.partners_in(s_start, s_end) if not _NAMED_ENTITY_AFTER.match(text, p.end)
    ]
    near = [p for p in mentions if start - 80 <= p.start and p.end <= end + 30]
    before = [p for p in near if p.end <= start]
    if near:
        return (before[-1] if before else near[0]).iso3
    earlier = {p.iso3 for p in mentions if p.end <= start}
    return earlier.pop() if len(earlier) == 1 else None


def _is_inward(text: str, s_start: int, s_end: int, m: re.Match[str], partner: str | None) -> bool:
    """Tell investment flowing into Việt Nam: from a named foreign economy, or *vào Việt Nam*."""
    if _OUTWARD.search(text, s_start, m.start()):
        return False
    return partner is not None or bool(
        _INTO_VIETNAM.search(text, m.end(), min(s_end, m.end() + 60))
    )


def _qualifier(lead: re.Match[str] | None, head: str) -> str | None:
    quals = gazetteer.mapping("qualifiers.tsv")
    if lead and lead.group("q"):
        return quals[gazetteer.key(lead.group("q"))]
    stop = max((s.end() for s in _STOP.finditer(head)), default=0)
    found = list(_ANY_QUAL.finditer(head, stop))
    return quals[gazetteer.key(found[-1].group())] if found else None


def _clause_start(text: str, s_start: int, pos: int) -> int:
    cut = max(text.rfind(",", s_start, pos), text.rfind(";", s_start, pos))
    return s_start if cut < 0 else cut + 1


def _indicator(
    text: str, cues: dict[str, str], s_start: int, s_end: int, start: int, end: int
) -> str | None:
    found = list(_CUE.finditer(text, s_start, s_end))
    before = [c for c in found if c.end() <= start]
    after = [c for c in found if c.start() >= end and c.start() - end < 40]
    pick = before[-1] if before else (after[0] if after else None)
    if pick is None:
        return None
    indicator = cues[gazetteer.key(pick.group())]
    if indicator == "investment":
        # the generic word ("nhà đầu tư", "vốn đầu tư") in a sentence about FDI is FDI
        specific = [cues[gazetteer.key(c.group())] for c in before]
        specific = [i for i in specific if i in ("fdi", "fdi_disbursed")]
        if specific:
            return specific[-1]
    return indicator


def _measure(
    text: str, s_start: int, clause_lo: int, start: int, unit: str, chg: str | None
) -> str:
    if _TARGET.search(text, s_start, start):
        return "target"
    if _SHARE.search(text[max(s_start, start - 40) : start]):
        return "share"
    if chg or unit == "times":
        return "change"
    if unit == "percent" and _ANY_CHANGE.search(text, clause_lo, start):
        return "change"
    return "level"


def _year_period(
    text: str, s_start: int, s_end: int, fig_end: int | None = None, measure: str = "level"
) -> tuple[int | None, str | None]:
    period_m = _PERIOD.search(text, s_start, s_end)
    period = period_m.group() if period_m else None
    if period_m and (period_m.group("py") or period_m.group("qy")):
        return int(period_m.group("py") or period_m.group("qy")), period
    years = []
    for y in _YEAR.finditer(text, s_start, s_end):
        pre = gazetteer.key(y.group("pre") or "")
        if pre and not (measure == "target" and pre in _DEADLINE):
            continue
        if period_m and period_m.start() <= y.start() < period_m.end():
            continue
        years.append(y)
    if fig_end is not None:
        # a year written right after the figure is its own: "5,1 tỉ USD năm 2013"
        for y in years:
            if y.start() >= fig_end and not text[fig_end : y.start()].strip(" ,("):
                return int(y.group("y")), period
        if measure == "change":
            span = _CHANGE_SPAN.match(text, fig_end, s_end)
            if span:
                return int(span.group("y")), period
    return (int(years[0].group("y")) if years else None), period
