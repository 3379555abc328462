"""Extraction gazetteers: the curated word lists in ``resources/`` compiled into patterns.

Knowledge lives in the TSV/TXT files (one phrase a line, ``#`` comments); this module only
reads them and builds diacritic-tolerant regexes. Partner names come from the partners dataset
(:func:`ngkt_analysis.partners.alias_table`), the one place alias knowledge lives, plus the
extraction-only adjective forms in ``partner_adjectives.tsv`` (``Việt - Mỹ``).
"""

from __future__ import annotations

import os
import re
from functools import cache, lru_cache
from importlib import resources

from ngkt_analysis.extract.text import alternation, strip_diacritics

_PACKAGE = "ngkt_analysis.extract.resources"


def _lines(name: str) -> list[list[str]]:
    text = resources.files(_PACKAGE).joinpath(name).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([cell.strip() for cell in line.split("\t")])
    return rows


@cache
def words(name: str) -> tuple[str, ...]:
    """Return the phrases of a one-column resource file.

    Examples
    --------
    >>> "Nguyễn" in words("surnames.txt")
    True
    """
    return tuple(row[0] for row in _lines(name))


@cache
def mapping(name: str) -> dict[str, str]:
    """Return a two-column resource as ``{diacritic-free lower-case phrase: value}``.

    Examples
    --------
    >>> mapping("levels.tsv")[key("Đối tác chiến lược toàn diện")]
    'comprehensive_strategic'
    """
    return {key(row[0]): row[1] for row in _lines(name) if len(row) > 1}


@cache
def keys(name: str) -> frozenset[str]:
    """Return the lookup keys (:func:`key`) of a one-column resource file's phrases.

    Examples
    --------
    >>> "nguyen" in keys("surnames.txt")
    True
    """
    return frozenset(key(w) for w in words(name))


_DASH = re.compile(r"\s*-\s*")


@lru_cache(maxsize=65536)
def key(phrase: str) -> str:
    """Lookup key of a matched phrase: no diacritics, lower case, single spaces, plain dashes.

    Examples
    --------
    >>> key("Việt – Mỹ"), key("Hội  nghị")
    ('viet-my', 'hoi nghi')
    """
    folded = strip_diacritics(phrase).lower().replace("–", "-").replace("—", "-")
    folded = _DASH.sub("-", folded)
    return " ".join(folded.split())


@cache
def pattern(name: str, ignore_case: bool = True) -> re.Pattern[str]:
    """Return a compiled alternation over the phrases of a resource file (longest first).

    Examples
    --------
    >>> pattern("event_predicates.tsv").search("Sang 21/12, to chuc hoi nghi").group()
    'hoi nghi'
    """
    flags = re.IGNORECASE if ignore_case else 0
    return re.compile(alternation([row[0] for row in _lines(name)], not ignore_case), flags)


@lru_cache(maxsize=8)
def _partner_entries(data_dir: str | None) -> tuple[tuple[str, str], ...]:
    from ngkt_analysis.partners import alias_table

    table = alias_table(data_dir)
    pairs = {(str(a), str(i)) for a, i in zip(table["alias"], table["iso3"], strict=True)}
    pairs |= {(row[0], row[1]) for row in _lines("partner_adjectives.tsv")}
    # short all-caps codes (US, EU) are too ambiguous in Vietnamese running text
    return tuple(sorted(p for p in pairs if len(p[0]) >= 3 or not p[0].isascii()))


@lru_cache(maxsize=8)
def partners(data_dir: str | None = None) -> tuple[re.Pattern[str], dict[str, str]]:
    """Return a case-sensitive pattern of every partner spelling and its ``{key: iso3}`` lookup.

    Place names that merely contain an alias (``Lào Cai``) are matched first and map to ``""``.

    Examples
    --------
    >>> rx, iso = partners()
    >>> [iso[key(m.group())] for m in rx.finditer("Mỹ, Trung Quốc và Lào Cai")]
    ['USA', 'CHN', '']
    """
    entries = _partner_entries(None if data_dir is None else os.fspath(data_dir))
    lookup: dict[str, str] = {key(p): "" for p in words("place_names.txt")}
    for alias, iso3 in entries:
        lookup.setdefault(key(alias), iso3)
    phrases = [a for a, _ in entries] + list(words("place_names.txt"))
    return re.compile(alternation(phrases, case_sensitive=True)), lookup
