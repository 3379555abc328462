r"""Text normalisation, diacritic-tolerant patterns and sentence spans.

Every offset the extractor reports refers to :func:`normalise`'s output, so an analyst can slice
``result.text[start:end]`` and read the evidence. Normalisation keeps one character per character
wherever it can (odd whitespace becomes a plain space); only ``\r\n`` shrinks to ``\n`` and
zero-width characters disappear.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache

_ODD_SPACE = re.compile(r"[\t\x0b\x0c\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff]")


def _latin_letters(upper: bool) -> str:
    chars = (chr(c) for c in [*range(0x41, 0x250), *range(0x1E00, 0x1F00)])
    return "".join(c for c in chars if c.isalpha() and (c.isupper() if upper else c.islower()))


UPPER = _latin_letters(upper=True)
"""Every uppercase Latin letter with or without diacritics (for character classes)."""
LOWER = _latin_letters(upper=False)
"""Every lowercase Latin letter with or without diacritics."""


def normalise(text: str) -> str:
    r"""NFC, ``\n`` line ends, plain spaces for odd whitespace, no zero-width characters.

    Parameters
    ----------
    text : str
        Article text as scraped (any line endings, non-breaking spaces, decomposed accents).

    Returns
    -------
    str
        The text every offset of the extractor refers to.

    Examples
    --------
    >>> normalise("Sa\u0301ng\u00a021/12\r\nHội nghị\u200b") == "Sáng 21/12\nHội nghị"
    True
    """
    text = unicodedata.normalize("NFC", str(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _INVISIBLE.sub("", text)
    return _ODD_SPACE.sub(" ", text)


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics, keeping case and length (đ → d).

    Examples
    --------
    >>> strip_diacritics("Hà Nội, Đà Nẵng")
    'Ha Noi, Da Nang'
    """
    return text.translate(_fold_table())


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    table: dict[int, str] = {ord("đ"): "d", ord("Đ"): "D"}
    for c in UPPER + LOWER:
        base = "".join(
            ch for ch in unicodedata.normalize("NFD", c) if not unicodedata.combining(ch)
        )
        if len(base) == 1 and base != c:
            table[ord(c)] = base
    return table


def loose(phrase: str) -> str:
    """Regex source for ``phrase`` that also accepts it without diacritics.

    Each accented letter becomes a class of itself and its bare letter, so ``gặp`` matches
    ``gặp`` and ``gap`` but not ``gấp``; spaces match any run of spaces, hyphens any dash.

    Examples
    --------
    >>> bool(re.fullmatch(loose("Việt - Mỹ"), "Viet-My"))
    True
    >>> bool(re.fullmatch(loose("gặp"), "gấp"))
    False
    """
    out = []
    table = _fold_table()
    for ch in phrase:
        if ch == " ":
            out.append(r"\s+" if not out or out[-1] not in (r"\s*[-–—]\s*",) else "")
        elif ch in "-–—":
            if out and out[-1] == r"\s+":
                out.pop()
            out.append(r"\s*[-–—]\s*")
        elif ord(ch) in table:
            out.append(f"[{ch}{table[ord(ch)]}]")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def alternation(phrases: list[str], case_sensitive: bool = False) -> str:
    """One non-capturing group of loose phrases, longest first, between word boundaries.

    ``case_sensitive=True`` promises that the pattern is compiled without ``re.IGNORECASE``
    (it then skips text faster); the default source works under either flag.

    Examples
    --------
    >>> rx = re.compile(alternation(["xuất khẩu", "kim ngạch xuất nhập khẩu"]), re.I)
    >>> rx.search("mở rộng kim ngạch xuất nhập khẩu").group()
    'kim ngạch xuất nhập khẩu'
    """
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not unique:
        return r"(?!x)x"
    if any(p[0] in " -–—" for p in unique):
        return r"(?<!\w)(?:" + "|".join(loose(p) for p in unique) + r")(?!\w)"
    return _first_letter_indexed(unique, case_sensitive) + r"(?!\w)"


def _first_letter_indexed(phrases: list[str], case_sensitive: bool) -> str:
    r"""``(?<!\w)(?:p1|p2|…)`` rewritten so the regex engine skips most positions in C.

    A regex that starts with a case-sensitive character class gets a fast scan to the next
    character in the class; an alternation after ``(?<!\w)`` (and any case-insensitive one)
    makes the engine try every phrase at every position instead. So the first character is
    consumed by the class of every character any phrase can start with (in any case), the word
    boundary is checked behind it, and the phrases follow as lookbehinds on their first letter.
    Phrases whose first letters can match a common character stay in their original order, so
    the first phrase that matches is the same one as in the plain alternation.
    """
    firsts = [loose(p[0]) for p in phrases]
    chars = {a: _matching_chars(a, False) for a in firsts}
    group_of: dict[str, int] = {}  # first atom → group; atoms sharing a character share one
    sets: list[set[str]] = []
    for a in dict.fromkeys(firsts):
        hits = sorted({group_of[b] for b in group_of if chars[a] & chars[b]})
        if not hits:
            group_of[a] = len(sets)
            sets.append(set(chars[a]))
            continue
        keep = hits[0]
        for h in hits[1:]:
            sets[keep] |= sets[h]
            sets[h] = set()
            group_of.update({b: keep for b, g in group_of.items() if g == h})
        group_of[a] = keep
        sets[keep] |= chars[a]
    members: dict[int, list[tuple[str, str]]] = {}
    for p, a in zip(phrases, firsts, strict=True):
        members.setdefault(group_of[a], []).append((a, loose(p)[len(a) :]))
    branches = []
    for g, items in members.items():
        runs: list[tuple[str, list[str]]] = []  # consecutive phrases with the same first letter
        for a, rest in items:
            if runs and runs[-1][0] == a:
                runs[-1][1].append(rest)
            else:
                runs.append((a, [rest]))
        inner = "|".join(f"(?<={a})(?:{'|'.join(rests)})" for a, rests in runs)
        branches.append(f"(?<={_char_class(sets[g])})(?:{inner})")
    every = {c for a in firsts for c in _matching_chars(a, case_sensitive)}
    return rf"(?-i:{_char_class(every)})(?<!\w.)(?:" + "|".join(branches) + ")"


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@cache
def _matching_chars(atom: str, case_sensitive: bool) -> frozenset[str]:
    """Every character a one-character pattern matches (in either case unless told)."""
    return frozenset(re.compile(atom, 0 if case_sensitive else re.IGNORECASE).findall(_bmp()))


@lru_cache(maxsize=1)
def _bmp() -> str:
    return "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)


# What ends a sentence: a line break, unless the line was hard-wrapped mid-sentence (one break
# after a comma, or between a word and a lower-case word: "với sự chứng\nkiến của"); spaces
# after .!?…; before a capital or a digit (group "sp"); or nothing, between .!?… and a capital.
# Every boundary is found from the character that opens it (a line break or the punctuation),
# so the engine can skip to the next such character instead of trying each position.
_SENTENCE_END = re.compile(
    r"[\n.!?…;](?:(?<=\n)(?:\n+|(?<![\w,]\n)|(?<=\w\n)(?![" + LOWER + r"]))"
    r"|(?<=[.!?…;])(?P<sp>[ ]+)(?=[\"“'(\[]?[" + UPPER + r"0-9])"
    r"|(?<=[.!?…])(?=[\"“]?[" + UPPER + r"]))"
)


@dataclass(frozen=True)
class Sentences:
    """Sentence boundaries of one text: ``starts[i]``..``ends[i]`` is sentence ``i``."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def index(self, offset: int) -> int:
        """Return the number of the sentence holding character ``offset``."""
        return max(bisect_right(self.starts, offset) - 1, 0)

    def span(self, offset: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the sentence holding ``offset``."""
        i = self.index(offset)
        return self.starts[i], self.ends[i]

    def sentence(self, offset: int) -> str:
        """Return the sentence holding ``offset``."""
        start, end = self.span(offset)
        return self.text[start:end]

    def __len__(self) -> int:
        return len(self.starts)


def split_sentences(text: str) -> Sentences:
    r"""Split normalised text into sentences (lines, then ``.``/``!``/``?`` before a capital).

    Semicolons followed by a capital also end a sentence: Vietnamese lists of clauses rarely
    share a subject across them.

    Examples
    --------
    >>> s = split_sentences("Sáng 21/12, hội nghị. Thủ tướng dự.\nẢnh: TTXVN")
    >>> [s.text[a:b] for a, b in zip(s.starts, s.ends)]
    ['Sáng 21/12, hội nghị.', 'Thủ tướng dự.', 'Ảnh: TTXVN']
    """
    starts, ends = [], []
    pos = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group("sp") is not None:
            a, b = m.span("sp")
        elif m.group()[0] == "\n":
            a, b = m.span()
        else:
            a = b = m.end()
        if a > pos:
            starts.append(pos)
            ends.append(a)
        pos = b
    if pos < len(text):
        starts.append(pos)
        ends.append(len(text))
    # trim leading/trailing spaces of each sentence so spans point at words
    trimmed_s, trimmed_e = [], []
    for a, b in zip(starts, ends, strict=True):
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        tail = len(seg) - len(seg.rstrip())
        if b - tail > a + lead:
            trimmed_s.append(a + lead)
            trimmed_e.append(b - tail)
    if not trimmed_s:
        trimmed_s, trimmed_e = [0], [len(text)]
    return Sentences(text, tuple(trimmed_s), tuple(trimmed_e))
