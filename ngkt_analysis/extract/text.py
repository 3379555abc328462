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
from functools import lru_cache

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


def alternation(phrases: list[str]) -> str:
    """One non-capturing group of loose phrases, longest first, between word boundaries.

    Examples
    --------
    >>> rx = re.compile(alternation(["xuất khẩu", "kim ngạch xuất nhập khẩu"]), re.I)
    >>> rx.search("mở rộng kim ngạch xuất nhập khẩu").group()
    'kim ngạch xuất nhập khẩu'
    """
    unique = sorted({p for p in phrases if p}, key=len, reverse=True)
    if not unique:
        return r"(?!x)x"
    return r"(?<!\w)(?:" + "|".join(loose(p) for p in unique) + r")(?!\w)"


# a line break ends a sentence unless the line was hard-wrapped mid-sentence: one break after a
# comma, or between a word and a lower-case word ("với sự chứng\nkiến của")
_SENTENCE_END = re.compile(
    r"\n{2,}|(?<![\w,])\n|(?<=\w)\n(?![" + LOWER + r"])"
    r"|(?<=[.!?…;])[ ]+(?=[\"“'(\[]?[" + UPPER + r"0-9])|(?<=[.!?…])(?=[\"“]?[" + UPPER + r"])"
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
        if m.start() > pos:
            starts.append(pos)
            ends.append(m.start())
        pos = m.end()
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
