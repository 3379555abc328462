"""Vietnamese date expressions: find them, normalise them, resolve a missing year.

Vietnamese order is day/month/year; ``/``, ``-``, ``.`` and ``tháng … năm …`` are equivalent
separators. A year is only ever taken from the expression itself; :func:`resolve_year` supplies
one from a publication date when the caller has it (guidelines §1).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ngkt_analysis.extract.text import alternation, loose

_TIME_OF_DAY = alternation(
    ["sáng", "chiều", "tối", "trưa", "đêm", "sáng sớm", "chiều tối", "rạng sáng", "đầu giờ chiều"]
)
_NGAY = loose("ngày")
_THANG = loose("tháng")
_NAM = loose("năm")
_TU = loose("từ")
_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y = r"(?:19\d\d|20\d\d|21\d\d)"

# "Sáng nay, 12-11", "hôm nay, 5/3": today's date given right after the word for today
_TODAY = rf"(?:{_TIME_OF_DAY}|{loose('hôm')})\s+{loose('nay')}\s*,"
_PREFIX = (
    rf"(?P<pre>{_TODAY}|(?:{_TU}\s+)?(?:(?:{_TIME_OF_DAY})(?:\s+{_NGAY})?|{_NGAY}|(?<!\w){_TU}))\s+"
)
_DEN = loose("đến")
_FORMS = [
    # 30/10 - 03/11/2017 (a range across months; the year at the end applies to both ends)
    rf"(?P<xd1>{_D})\s?/\s?(?P<xm1>{_M})\s*[-–]\s*(?P<xd2>{_D})\s?/\s?(?P<xm2>{_M})"
    rf"(?:\s?/\s?(?P<xy>{_Y}))?",
    # từ 26 đến 28-10, từ ngày 25 đến ngày 28-10, từ ngày 30/10 đến 3/11/2017 (needs a prefix)
    rf"(?P<ed1>{_D})(?:\s?/\s?(?P<em1>{_M}))?\s+{_DEN}\s+(?:{_NGAY}\s+)?(?P<ed2>{_D})"
    rf"\s?(?P<esep>[/-])\s?(?P<em2>{_M})(?:\s?(?P=esep)\s?(?P<ey>{_Y}))?",
    # từ ngày 23 đến ngày 28 tháng 7 năm 2023 (the month and year in words; needs a prefix)
    rf"(?P<wd1>{_D})\s+{_DEN}\s+(?:{_NGAY}\s+)?(?P<wd2>{_D})\s+{_THANG}\s+(?P<wm>{_M})"
    rf"(?:\s*,?\s*{_NAM}\s+(?P<wy>{_Y}))?",
    # 3-5/9, 8 - 10/4/2023 (a range inside one month)
    rf"(?P<rd1>{_D})\s*[-–]\s*(?P<rd2>{_D})\s*/\s*(?P<rm>{_M})(?:\s*/\s*(?P<ry>{_Y}))?",
    # 10/8/2022, 2-4-2024, 10.8.2022
    rf"(?P<ad>{_D})\s?(?P<sep>[/.-])\s?(?P<am>{_M})\s?(?P=sep)\s?(?P<ay>{_Y})",
    # ngày 09 tháng 6 năm 2021
    rf"(?P<ld>{_D})\s+{_THANG}\s+(?P<lm>{_M})(?:\s*(?:,\s*)?{_NAM}\s+(?P<ly>{_Y}))?",
    # 21/12, 2-4, and after a prefix 10.1 ("Chiều 10.1"; see find_dates)
    rf"(?P<bd>{_D})\s?(?P<bsep>[/.-])\s?(?P<bm>{_M})",
    # tháng 4/2… cut off by truncation: only the month is certain
    rf"{_THANG}\s+(?P<tm>{_M})/\d{{0,3}}…",
    # tháng 9/2023, tháng 3 năm 2021, tháng 9
    rf"{_THANG}\s+(?P<mm>{_M})(?:\s*(?:/|-|\.|,?\s*{_NAM})\s*(?P<my>{_Y}))?",
    # (7/2019) in dated lists
    rf"(?P<pm>{_M})/(?P<py>{_Y})",
    # năm 2015
    rf"{_NAM}\s+(?P<yy>{_Y})",
]
_DATE = re.compile(
    rf"(?<![\w/.,-])(?:{_PREFIX})?(?:"
    + "|".join(f"(?:{f})" for f in _FORMS)
    # a digit after "-" continues a number, unless it starts the end date of a span
    # ("30/3/1973-30/3/2018")
    + r")(?:(?<=…)|(?![\w/]|[.,]\d|-(?!\d{1,2}/\d{1,2}/\d{4})\d))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DateExpr:
    """One date expression: its span, what it states, and its precision."""

    start: int
    end: int
    raw: str
    year: int | None
    month: int | None
    day: int | None
    precision: str
    end_month: int | None = None
    end_day: int | None = None
    prefixed: bool = False

    @property
    def date(self) -> str | None:
        """ISO partial date by precision, ``None`` when the year is unknown."""
        return iso(self.year, self.month, self.day, self.precision)

    @property
    def date_end(self) -> str | None:
        """ISO end date of a range when the year is known."""
        if self.end_day is None or self.year is None:
            return None
        return iso(self.year, self.end_month or self.month, self.end_day, "day")


def iso(year: int | None, month: int | None, day: int | None, precision: str | None) -> str | None:
    """ISO partial string by precision; ``None`` without a year or an impossible date.

    Examples
    --------
    >>> iso(2024, 4, 2, "day"), iso(2023, 9, None, "month"), iso(None, 12, 21, "day")
    ('2024-04-02', '2023-09', None)
    """
    if year is None or precision is None:
        return None
    if precision == "year":
        return f"{year:04d}"
    if precision == "month" and month:
        return f"{year:04d}-{month:02d}"
    if precision == "day" and month and day:
        try:
            return dt.date(year, month, day).isoformat()
        except ValueError:
            return None
    return None


def _int(value: str | None) -> int | None:
    return int(value) if value else None


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateExpr]:
    """Every date expression in ``text[start:end]``, in order, with offsets into ``text``.

    A bare ``21/12`` counts only after a time-of-day word or ``ngày``, or inside parentheses;
    a bare ``7/2019`` only inside parentheses (otherwise they are fractions, ranks or codes).

    Examples
    --------
    >>> [(d.raw, d.date, d.month, d.day) for d in find_dates("Sáng 21/12, tại Hà Nội")]
    [('Sáng 21/12', None, 12, 21)]
    >>> [(d.raw, d.date) for d in find_dates("Chiều 2-4-2024 và ngày 09 tháng 6 năm 2021")]
    [('Chiều 2-4-2024', '2024-04-02'), ('ngày 09 tháng 6 năm 2021', '2021-06-09')]
    >>> [(d.raw, d.day, d.end_day, d.month) for d in find_dates("từ ngày 8 - 10/4")]
    [('từ ngày 8 - 10/4', 8, 10, 4)]
    >>> [(d.raw, d.date, d.date_end) for d in find_dates("Từ ngày 30/10 - 03/11/2017, đoàn")]
    [('Từ ngày 30/10 - 03/11/2017', '2017-10-30', '2017-11-03')]
    >>> [(d.raw, d.day, d.end_day, d.month) for d in find_dates("các ngày từ 26 đến 28-10")]
    [('từ 26 đến 28-10', 26, 28, 10)]
    >>> [(d.raw, d.precision) for d in find_dates("Mỹ (9/2023) và thứ 2/50")]
    [('(9/2023)', 'month')]
    """
    out: list[DateExpr] = []
    stop = len(text) if end is None else end
    for m in _date_matches(text, start, stop):
        g = m.groupdict()
        pre = bool(g["pre"])
        a, b = m.start(), m.end()
        paren = a > 0 and text[a - 1] == "(" and b < len(text) and text[b] == ")"
        if g["xd1"]:
            year, month, end_month = _int(g["xy"]), int(g["xm1"]), int(g["xm2"])
            day, end_day = int(g["xd1"]), int(g["xd2"])
            expr = DateExpr(a, b, "", year, month, day, "day", end_month, end_day, pre)
        elif g["ed1"]:
            if not pre:
                continue
            end_month = int(g["em2"])
            month = _int(g["em1"]) or end_month
            day, end_day = int(g["ed1"]), int(g["ed2"])
            expr = DateExpr(a, b, "", _int(g["ey"]), month, day, "day", end_month, end_day, pre)
        elif g["wd1"]:
            if not pre:
                continue
            month, day, end_day = int(g["wm"]), int(g["wd1"]), int(g["wd2"])
            expr = DateExpr(a, b, "", _int(g["wy"]), month, day, "day", month, end_day, pre)
        elif g["rd1"]:
            year, month, day = _int(g["ry"]), int(g["rm"]), int(g["rd1"])
            expr = DateExpr(a, b, "", year, month, day, "day", month, int(g["rd2"]), pre)
        elif g["ad"]:
            expr = DateExpr(a, b, "", int(g["ay"]), int(g["am"]), int(g["ad"]), "day", prefixed=pre)
        elif g["ld"]:
            expr = DateExpr(
                a, b, "", _int(g["ly"]), int(g["lm"]), int(g["ld"]), "day", prefixed=pre
            )
        elif g["bd"]:
            if not (pre or paren) or (g["pre"] or "").strip().lower() in {"từ", "tu"}:
                continue
            if g["bsep"] == "." and not pre:
                continue  # "(10.1)" may be a number; "Chiều 10.1" is a date
            expr = DateExpr(a, b, "", None, int(g["bm"]), int(g["bd"]), "day", prefixed=pre)
        elif g["tm"]:
            a = _month_word_start(text, m.start("tm")) if pre else a
            expr = DateExpr(a, b, "", None, int(g["tm"]), None, "month")
        elif g["mm"]:
            if pre:  # a time-of-day word does not belong to a month expression
                a = _month_word_start(text, m.start("mm"))
            expr = DateExpr(a, b, "", _int(g["my"]), int(g["mm"]), None, "month")
        elif g["pm"]:
            if not paren or pre:
                continue
            a, b = a - 1, b + 1
            expr = DateExpr(a, b, "", int(g["py"]), int(g["pm"]), None, "month")
        else:
            if pre:
                a = _month_word_start(text, m.start("yy"))
            expr = DateExpr(a, b, "", int(g["yy"]), None, None, "year")
        out.append(_with_raw(expr, text))
    return out


# The first digit of a date expression follows white space or punctuation, and at most six words
# stand before it (từ, a time of day of up to three words, ngày, tháng or năm)
_FIRST_DIGIT = re.compile(r"\d(?<![\w/.,-]\d)")
_WORDS_BEFORE_DIGIT = 6


def _date_matches(text: str, start: int, stop: int) -> Iterator[re.Match[str]]:
    """Yield what ``_DATE.finditer(text, start, stop)`` yields, trying only near digits.

    Every match holds a digit, so the matches that start before the first digit at or after
    ``pos`` all have that digit as their first one: they start at it or at one of the few words
    right before it. Trying those few positions replaces trying every position of the text.
    """
    pos = start
    while (digit := _FIRST_DIGIT.search(text, pos, stop)) is not None:
        for s in _starts_before(text, digit.start(), pos):
            m = _DATE.match(text, s, stop)
            if m is not None:
                yield m
                pos = m.end()
                break
        else:
            pos = digit.start() + 1


def _starts_before(text: str, digit: int, lo: int) -> list[int]:
    """Where a date expression whose first digit is at ``digit`` can start, left to right."""
    out = [digit]
    i = digit
    for _ in range(_WORDS_BEFORE_DIGIT):
        j = i
        while j > lo and text[j - 1].isspace():
            j -= 1
        word_end = j - 1 if j > lo and text[j - 1] == "," else j  # "Sáng nay, 12-11"
        k = word_end
        while k > lo and text[k - 1].isalpha():
            k -= 1
        if j == i or k == word_end:
            break
        out.append(k)
        i = k
    return out[::-1]


def _month_word_start(text: str, number_start: int) -> int:
    """Start of the ``tháng``/``năm`` word right before a number."""
    i = number_start - 1
    while i > 0 and text[i].isspace():
        i -= 1
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def _with_raw(expr: DateExpr, text: str) -> DateExpr:
    return DateExpr(
        expr.start,
        expr.end,
        text[expr.start : expr.end],
        expr.year,
        expr.month,
        expr.day,
        expr.precision,
        expr.end_month,
        expr.end_day,
        expr.prefixed,
    )


class PartialDate(dt.date):
    """A publication date known only to the month or the year (``precision``: month, year).

    It is the first day of its period, so it sorts and compares as a date.
    """

    precision: str = "day"

    def __new__(cls, year: int, month: int = 1, day: int = 1, precision: str = "day"):
        """Make the first day of the period, remembering the period's ``precision``."""
        obj = super().__new__(cls, year, month, day)
        obj.precision = precision
        return obj


def resolve_year(
    month: int | None, day: int | None, published: dt.date, future: bool = False
) -> int | None:
    """Return the year of a day/month stated without one, from the publication date.

    The latest such day (or month) on or before publication; the next one when the text marks
    the event as future (*sẽ*, *dự kiến*). A publication date known only to the month resolves
    its own month to its own year (an event reported that month is that month's, whether past
    or coming) and the other months as the rule says; one known only to the year resolves
    nothing: ``None``, never a guess.

    Examples
    --------
    >>> resolve_year(12, 21, dt.date(2024, 4, 3)), resolve_year(4, 2, dt.date(2024, 4, 3))
    (2023, 2024)
    >>> resolve_year(5, 10, dt.date(2024, 4, 3), future=True)
    2024
    >>> july = PartialDate(2022, 7, precision="month")
    >>> resolve_year(3, 5, july), resolve_year(9, 1, july), resolve_year(7, 20, july)
    (2022, 2021, 2022)
    >>> resolve_year(3, 5, PartialDate(2022, precision="year")) is None
    True
    """
    precision = getattr(published, "precision", "day")
    if precision == "year":
        return None
    if precision == "month":
        if (month or 1) == published.month:
            return published.year
        key, pub = (month or 1,), (published.month,)
    else:
        key, pub = (month or 1, day or 1), (published.month, published.day if day else 1)
    if future:
        return published.year if key >= pub else published.year + 1
    return published.year if key <= pub else published.year - 1


def parse_published(value: str | dt.date | None) -> dt.date | None:
    """Parse a publication date: ``YYYY-MM-DD``, or ``YYYY-MM`` / ``YYYY`` as a PartialDate.

    ``None`` or an empty string stays ``None``. A partial date resolves relative dates only to
    the precision it allows (:func:`resolve_year`).

    Raises
    ------
    ValueError
        When the string is not an ISO calendar date, month or year.

    Examples
    --------
    >>> parse_published("2024-04-03")
    datetime.date(2024, 4, 3)
    >>> p = parse_published("2022-07")
    >>> (p.year, p.month, p.precision)
    (2022, 7, 'month')
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    expected = f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {value!r}"
    partial = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", text)
    if partial:
        year, month = int(partial.group(1)), partial.group(2)
        if month is None:
            return PartialDate(year, precision="year")
        if not 1 <= int(month) <= 12:
            raise ValueError(expected)
        return PartialDate(year, int(month), precision="month")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+Z-]*)?", text):
        raise ValueError(expected)
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(expected) from exc


_DATELINE = re.compile(
    r"^\s*(?:[^\n\d]{0,40}?)(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\s*[-–|,]?\s*\d{1,2}[:h]\d{2}"
    r"|\(\s*"
    + loose("Cập nhật")
    + r"\s*:?\s*(?:[^\n\d]{0,20}?)(?P<d2>\d{1,2})/(?P<m2>\d{1,2})/(?P<y2>\d{4})"
    r"|^[ ]*date\s+(?P<y3>\d{4})-(?P<m3>\d{2})(?:-(?P<d3>\d{2}))?",
    re.IGNORECASE | re.MULTILINE,
)


def find_published(text: str) -> dt.date | None:
    r"""Return the publication date a passage states about itself (guidelines §1), if any.

    A dateline such as ``03/04/2024 - 20:24``, an ``(Cập nhật: dd/mm/yyyy)`` stamp, or a
    ``date YYYY-MM[-DD]`` line heading an excerpt.

    Examples
    --------
    >>> find_published("Tiêu đề\n\n03/04/2024 - 20:24\n\nBDK.VN - Chiều 2-4-2024")
    datetime.date(2024, 4, 3)
    >>> find_published("Sáng 21/12, tại Hà Nội") is None
    True

    A header with no day gives the month only (a :class:`PartialDate`), not its first day:

    >>> p = find_published(" date 2017-12 Lãnh đạo nước ngoài đến thăm")
    >>> (p.year, p.month, p.precision)
    (2017, 12, 'month')
    """
    m = _DATELINE.search(text)
    if not m:
        return None
    y = m.group("y") or m.group("y2") or m.group("y3")
    mo = m.group("m") or m.group("m2") or m.group("m3")
    d = m.group("d") or m.group("d2") or m.group("d3")
    try:
        if d is None:
            return PartialDate(int(y), int(mo), precision="month")
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        return None
