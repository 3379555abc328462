"""Every text a report prints, in English and Vietnamese: one reviewed table, ``messages.tsv``.

``t(key, lang, **fields)`` looks a key up and fills its ``{fields}``; an unknown language or key
is an error, never a silent fallback to English. Numbers, percentages and dates are formatted
with Babel in each language's conventions (``1,234.5`` / ``1.234,5``; ``4 December 2026`` /
``4/12/2026``), independent of the process locale.
"""

from __future__ import annotations

import csv
import datetime as dt
from functools import cache
from importlib import resources
from typing import Any

from ngkt_analysis.errors import ParameterError

LANGS: tuple[str, ...] = ("en", "vi")
LOCALES = {"en": "en_GB", "vi": "vi"}
"""Babel locale of each report language (British English: '4 December 2026', '1,234.5')."""
DATE_FORMATS = {"en": "d MMMM y", "vi": "d/M/y"}


def check_lang(lang: str) -> str:
    """Return ``lang`` if reports are written in it, else raise ParameterError.

    Examples
    --------
    >>> check_lang("vi")
    'vi'
    """
    if lang not in LANGS:
        raise ParameterError("lang", lang, ", ".join(LANGS))
    return lang


@cache
def catalog() -> dict[str, dict[str, str]]:
    """Return key → {language: text}, read once from ``messages.tsv``."""
    text = resources.files("ngkt_analysis.reports").joinpath("messages.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return {row["key"]: {lang: row[lang] for lang in LANGS} for row in reader}


def t(key: str, lang: str = "en", **fields: Any) -> str:
    """Return the text of ``key`` in ``lang`` with its fields filled in.

    Examples
    --------
    >>> t("pp.title", "vi", name="Hoa Kỳ")
    'Hồ sơ đối tác: Hoa Kỳ'
    """
    check_lang(lang)
    try:
        text = catalog()[key][lang]
    except KeyError:
        raise ParameterError("message key", key, "a key of reports/messages.tsv") from None
    return text.format(**fields) if fields else text


def is_gap(value: Any) -> bool:
    """Return True for None, NaN, NA and NaT (a gap stays a gap); False for lists."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or another array-like: not a scalar gap
        return False


def fmt_number(value: Any, decimals: int = 1, lang: str = "en") -> str:
    """Return a number in the reader's convention (Babel); '–' for a gap.

    Examples
    --------
    >>> fmt_number(1234567.891, 1), fmt_number(1234567.891, 1, "vi"), fmt_number(None)
    ('1,234,567.9', '1.234.567,9', '–')
    >>> fmt_number(-3.0, 0, "vi")
    '-3'
    """
    from babel.numbers import format_decimal

    if is_gap(value):
        return "–"
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(float(value), format=pattern, locale=LOCALES[check_lang(lang)])


def fmt_date(value: Any, lang: str = "en") -> str:
    """Return a date as the reader writes it (Babel; never the process locale); '–' for a gap.

    Examples
    --------
    >>> fmt_date("2023-09-10"), fmt_date("2023-09-10", "vi")
    ('10 September 2023', '10/9/2023')
    """
    from babel.dates import format_date

    if is_gap(value):
        return "–"
    day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    if hasattr(day, "date") and callable(day.date):  # a datetime or Timestamp
        day = day.date()
    return format_date(day, DATE_FORMATS[check_lang(lang)], locale=LOCALES[lang])
