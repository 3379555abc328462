"""Vietnamese numbers and amounts: ``1.234,5``, ``tỷ``/``triệu``/``nghìn``, currencies.

``.`` groups thousands and ``,`` marks decimals (``1.234,5`` → 1234.5); an English-style
``2.5`` with one or two decimals is read as a decimal too. Scale words multiply.
"""

from __future__ import annotations

import re

from ngkt_analysis.extract.gazetteer import key, mapping, words
from ngkt_analysis.extract.text import alternation

NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+\.\d{1,2}(?!\d)|\d+(?:,\d+)?"
"""Regex source for one written number (no sign)."""

SCALES: dict[str, float] = {k: float(v) for k, v in mapping("scales.tsv").items()}
"""Scale word (lookup key) → multiplier, from ``resources/scales.tsv``."""
SCALE = alternation(list(words("scales.tsv")))
"""Regex source for a scale word."""

CURRENCIES: dict[str, str] = mapping("currencies.tsv")
"""Currency word (lookup key) → ISO 4217 code, from ``resources/currencies.tsv``."""
CURRENCY = alternation(list(words("currencies.tsv")))
"""Regex source for a currency word."""


def parse_number(text: str) -> float:
    """Return the value of a written number in Vietnamese format.

    Examples
    --------
    >>> parse_number("1.234,5"), parse_number("15,4"), parse_number("700"), parse_number("2.5")
    (1234.5, 15.4, 700.0, 2.5)
    """
    text = text.strip()
    if re.fullmatch(r"\d+\.\d{1,2}", text):
        return float(text)
    return float(text.replace(".", "").replace(",", "."))


def scale_factor(word: str | None) -> float:
    """Return the multiplier of a scale word (1 when there is none).

    Examples
    --------
    >>> scale_factor("tỷ"), scale_factor("nghìn tỷ"), scale_factor(None)
    (1000000000.0, 1000000000000.0, 1.0)
    """
    if not word:
        return 1.0
    return SCALES.get(key(word), 1.0)


def currency_code(word: str) -> str:
    """ISO 4217 code of a currency word.

    Examples
    --------
    >>> currency_code("đồng"), currency_code("USD"), currency_code("Yên")
    ('VND', 'USD', 'JPY')
    """
    k = key(word)
    return CURRENCIES.get(k, CURRENCIES.get(k.replace("đ", "d"), word.upper()))


def amount(number: str, scale: str | None = None) -> float:
    """Return a number times its scale word, in base units.

    Examples
    --------
    >>> amount("1.234,5", "tỷ")
    1234500000000.0
    >>> amount("12,75", "triệu")
    12750000.0
    """
    return parse_number(number) * scale_factor(scale)
