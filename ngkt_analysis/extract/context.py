"""What every record extractor shares about one article: text, sentences, dates, partners."""

from __future__ import annotations

import datetime as dt
import os
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from functools import cached_property

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.dates import DateExpr, find_dates
from ngkt_analysis.extract.text import UPPER, Sentences, alternation, split_sentences

_PREVIOUS_WORDS = re.compile(r"(\S+)\s+(\S+)\s*$")
# a photo or video credit names a photographer or an agency, never a partner: "Ảnh: VGP/Nhật Bắc"
_CREDIT = re.compile(
    alternation(["Ảnh", "Ảnh minh họa", "Ảnh minh hoạ", "Nguồn ảnh", "Video", "Clip"])
    + r"\s*:\s*[^\n)]{0,60}",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Mention:
    """A partner named in the text: span, spelling, ISO3 (``""`` for a look-alike place)."""

    start: int
    end: int
    raw: str
    iso3: str


@dataclass
class Context:
    """One normalised article with its sentences, date expressions and partner mentions.

    Examples
    --------
    >>> c = Context("Sáng 21/12, Thủ tướng tiếp Đại sứ Nhật Bản và ông Lê Đức Anh.")
    >>> [d.raw for d in c.dates], [m.iso3 for m in c.mentions]
    (['Sáng 21/12'], ['JPN', '', ''])
    """

    text: str
    published: dt.date | None = None
    data_dir: str | os.PathLike[str] | None = None
    _cache: dict[str, object] = field(default_factory=dict, repr=False)

    @cached_property
    def sentences(self) -> Sentences:
        """Sentence spans of the text."""
        return split_sentences(self.text)

    @cached_property
    def dates(self) -> list[DateExpr]:
        """Every date expression of the text, in order."""
        return find_dates(self.text)

    @cached_property
    def mentions(self) -> list[Mention]:
        """Every partner mention (place look-alikes included, with ``iso3 == ""``)."""
        rx, lookup = gazetteer.partners(None if self.data_dir is None else str(self.data_dir))
        surnames = gazetteer.keys("surnames.txt")
        credits = [c.span() for c in _CREDIT.finditer(self.text)]
        out = []
        for m in rx.finditer(self.text):
            iso3 = lookup.get(gazetteer.key(m.group()), "")
            if any(a <= m.start() < b for a, b in credits):
                iso3 = ""
            if iso3 and len(m.group()) <= 5 and " " not in m.group() and "-" not in m.group():
                # one-syllable aliases (Anh, Đức, Nga) are also given names: "Lê Đức Anh"
                before = _PREVIOUS_WORDS.search(self.text, max(0, m.start() - 40), m.start())
                if before:
                    w1, w2 = before.group(1), before.group(2)
                    caps = [w[:1] in UPPER and w[:1] != "" and w[-1].isalpha() for w in (w1, w2)]
                    if (gazetteer.key(w2) in surnames and caps[1]) or all(caps):
                        iso3 = ""
            out.append(Mention(m.start(), m.end(), m.group(), iso3))
        return out

    @cached_property
    def person_like_places(self) -> list[tuple[int, int]]:
        """Spans of place and institution names that read like a person's name (Hà Nội)."""
        rx = gazetteer.pattern("person_like_places.txt", ignore_case=False)
        return [m.span() for m in rx.finditer(self.text)]

    @cached_property
    def _mention_starts(self) -> list[int]:
        return [m.start for m in self.mentions]

    @cached_property
    def _date_starts(self) -> list[int]:
        return [d.start for d in self.dates]

    def sentence_bounds(self, offset: int) -> tuple[int, int]:
        """Return ``(start, end)`` of the sentence holding ``offset``."""
        return self.sentences.span(offset)

    def sentence_of(self, offset: int) -> str:
        """Return the sentence holding ``offset``."""
        return self.sentences.sentence(offset)

    def partners_in(self, start: int, end: int) -> list[Mention]:
        """Foreign partner mentions (not Vietnam, not look-alikes) inside ``[start, end)``."""
        i, j = bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end and m.iso3 not in ("", "VNM")]

    def countries_in(self, start: int, end: int) -> list[Mention]:
        """Country mentions inside ``[start, end)``, Việt Nam included (no look-alikes)."""
        i, j = bisect_left(self._mention_starts, start), bisect_left(self._mention_starts, end)
        return [m for m in self.mentions[i:j] if m.end <= end and m.iso3]

    def dates_in(self, start: int, end: int) -> list[DateExpr]:
        """Date expressions inside ``[start, end)``."""
        i, j = bisect_left(self._date_starts, start), bisect_left(self._date_starts, end)
        return [d for d in self.dates[i:j] if d.end <= end]
