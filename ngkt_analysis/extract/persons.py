"""Named people with their positions (guidelines §5).

Two shapes cover Vietnamese news: ``<role> [<organisation>] <Name>`` (``Bộ trưởng Bộ Ngoại giao
Bùi Thanh Sơn``) and ``<Name>, <role>, <role>`` (``đồng chí Nguyễn Bích Ngọc, Ủy viên Ban
Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh``). A Vietnamese name is a run of two to four
capitalised words starting with a family name from ``resources/surnames.txt``; a foreign name
is the capitalised run right after a partner named in the role (``Tổng thống Mỹ Joe Biden``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.text import LOWER, UPPER, alternation, loose
from ngkt_analysis.partners import bloc_codes

_I = re.IGNORECASE
_WORD = re.compile(r"[^\s,.;:()\[\]\"“”'‘’!?|/]+")
# a line break ends a role unless the line was hard-wrapped ("Bộ Kinh tế và Công\nnghiệp")
# a full stop after a lone capital is an initial ("Ngoại trưởng Nga S. Lavrov"), not an end
_SEGMENT_END = re.compile(rf"[,;:()\[\]\"“”!?|]|(?<!\s[{UPPER}])\.|\n(?![{LOWER}])")
_CAP = re.compile(rf"[{UPPER}]")
# a credit names a photographer; after "phu nhân" the title and name are still the official's
# ("phu nhân Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn" names the minister)
_NOT_PERSON_BEFORE = re.compile(alternation(["Ảnh", "Ảnh:"]) + r"\s*:?\s*$", _I)
# "Theo Nguyễn Văn A - ...": a source credit; "Theo Đại sứ X, ..." still names a person
_NOT_NAME_BEFORE = re.compile(
    alternation(["Phu nhân", "Ảnh", "Ảnh:", "Theo", "Bài", "Bài và ảnh"]) + r"\s*:?\s*$", _I
)
# a Vietnamese syllable without diacritics: onset, one to three vowels, coda
_VIET_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?"
)
# lower-case particles inside a foreign name: "Luiz Inácio Lula da Silva", "Ursula von der Leyen"
_PARTICLES = frozenset({"da", "de", "dos", "das", "del", "della", "di", "van", "von", "der", "bin"})
# "Hội đồng châu Âu António Costa": a continent's name, not the family name Âu
_CONTINENT_BEFORE = re.compile(loose("châu") + r"\s+$")
# heads after which a single foreign-looking word is a person (Thủ tướng Mahathir); heads of
# enterprises are left out: "Chủ tịch Samsung" names a company
_FOREIGN_NAME_HEADS = {
    "tong thong", "pho tong thong", "thu tuong", "ngoai truong", "quoc vuong", "nha vua",
    "nu hoang", "hoang tu", "thai tu", "dai su", "bo truong", "chu tich nuoc", "thu hien",
}  # fmt: skip


def _is_cap(word: str) -> bool:
    return bool(word) and bool(_CAP.match(word))


def _roles_rx() -> re.Pattern[str]:
    return gazetteer.pattern("roles.tsv")


def _is_surname(word: str, surnames: frozenset[str]) -> bool:
    """Tell a family name as written; without any diacritic, also its bare form (Bui = Bùi).

    A word that carries diacritics must carry the family name's own (Đảng is not Đặng).
    """
    if word.isascii():
        return gazetteer.key(word) in surnames
    return word.casefold() in _accented_surnames()


@cache
def _accented_surnames() -> set[str]:
    return {w.casefold() for w in gazetteer.words("surnames.txt")}


def _is_foreign_word(word: str) -> bool:
    """Tell a capitalised word that is not one Vietnamese syllable: Mahathir, Widodo, Joe.

    Examples
    --------
    >>> [_is_foreign_word(w) for w in ["Mahathir", "Joko", "Nguyễn", "Chính", "ASEAN", "Lào"]]
    [True, True, False, False, False, False]
    >>> _is_foreign_word("Mê-lan-đe"), _is_foreign_word("Phran-xít")
    (True, True)
    """
    if len(word) < 3 or word.isupper() or not word[0].isupper():
        return False
    bare = gazetteer.key(word).replace("'", "")
    parts = bare.split("-")
    if len(parts) >= 2 and all(p.isalpha() for p in parts):
        return True  # a name transcribed syllable by syllable: "Mê-lan-đe", "Phran-xít"
    return bare.isalpha() and not _VIET_SYLLABLE.fullmatch(bare)


def _stopwords() -> re.Pattern[str]:
    # lower case only: "chỉ đạo" ends a role, "Ban Chỉ đạo" is part of one
    return gazetteer.pattern("role_stopwords.txt", ignore_case=False)


def find_persons(ctx: Context) -> list[dict[str, Any]]:
    """People with a role, one record per person (roles gathered over the passage).

    Examples
    --------
    >>> ctx = Context("Tham dự có đồng chí Phạm Minh Chính, Ủy viên Bộ Chính trị, Thủ tướng "
    ...               "Chính phủ; Bộ trưởng Bộ Ngoại giao Bùi Thanh Sơn chủ trì. Thủ tướng "
    ...               "Phạm Minh Chính phát biểu.")
    >>> [(p["name"], p["role"]) for p in find_persons(ctx)]
    [('Phạm Minh Chính', 'Thủ tướng Chính phủ'), ('Bùi Thanh Sơn', 'Bộ trưởng Bộ Ngoại giao')]
    >>> find_persons(ctx)[0]["roles"]
    ['Ủy viên Bộ Chính trị', 'Thủ tướng Chính phủ', 'Thủ tướng']
    """
    text = ctx.text
    surnames = gazetteer.keys("surnames.txt")
    stop = _stopwords()
    found: list[tuple[int, str, str, int]] = []  # (name start, name, role, role start)
    pending: list[tuple[str, int]] = []  # roles ending at a comma, waiting for a name
    last_end = -1
    for r in _roles_rx().finditer(text):
        if not _is_cap(r.group()) or r.start() < last_end:
            continue
        if _NOT_PERSON_BEFORE.search(text, max(0, r.start() - 12), r.start()):
            continue
        seg_end_m = _SEGMENT_END.search(text, r.end(), min(len(text), r.end() + 160))
        seg_end = seg_end_m.start() if seg_end_m else min(len(text), r.end() + 160)
        words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text, r.end(), seg_end)]
        name = _name_after(ctx, words, surnames, stop, gazetteer.key(r.group()))
        if pending and pending[-1][1] < r.start() - 3:
            pending = []
        if name is None and seg_end_m and seg_end_m.group() == ",":
            # "Đại sứ Philippines tại Việt Nam, ông Meynardo Montealegre"
            name = _honorific_name(text, seg_end + 1, surnames)
            if name is not None and stop.search(text, r.end(), seg_end):
                name = None
        if name is None:
            if seg_end_m and seg_end_m.group() == "," and not stop.search(text, r.end(), seg_end):
                pending.append((text[r.start() : seg_end].strip(), seg_end))
            continue
        n_start, n_end = _without_acronym(text, *name)
        role = text[r.start() : min(n_start, seg_end)].strip(" ,-–")
        nm = text[n_start:n_end]
        for prole, _ in pending:
            found.append((n_start, nm, prole, r.start()))
        pending = []
        found.append((n_start, nm, role, r.start()))
        last_end = n_end
    found.extend(_name_then_roles(ctx, surnames, stop))
    return _merge(ctx, found)


def _without_acronym(text: str, start: int, end: int) -> tuple[int, int]:
    """Leave an organisation's acronym out of a name: "WEF Stephan Mergenthaler".

    Examples
    --------
    >>> t = "Giám đốc Điều hành WEF Stephan Mergenthaler"
    >>> t[slice(*_without_acronym(t, 19, len(t)))]
    'Stephan Mergenthaler'
    """
    first, _, rest = text[start:end].partition(" ")
    words = rest.split()
    if len(first) >= 2 and first.isascii() and first.isupper() and 2 <= len(words) <= 4:
        if all(map(_is_foreign_word, words)):
            return start + len(first) + 1, end
    return start, end


_HONORIFIC_WORD = re.compile(
    r"(?<!\w)(?:" + alternation(["ông", "bà", "ngài", "đồng chí"]) + r")\s", re.IGNORECASE
)
# between a name and its role: a comma or dash, and "nguyên"/"cựu" (a former post)
_ROLE_SEP = re.compile(r"\s*(?:,|[-–])\s*(?:(?:nguyên|cựu)\s+)?")
_HONORIFIC = re.compile(
    r"\s*(?:" + alternation(["ông", "bà", "ngài", "đồng chí", "Ông", "Bà", "Ngài", "Đồng chí"])
    + rf")\s+(?P<run>[{UPPER}][\w'-]*(?:\s+[{UPPER}][\w'-]*){{0,3}})(?!\w)"
)  # fmt: skip


def _honorific_name(text: str, pos: int, surnames: frozenset[str]) -> tuple[int, int] | None:
    """``ông/bà/ngài/đồng chí <Name>`` at ``pos``: a Vietnamese or a foreign name."""
    m = _HONORIFIC.match(text, pos)
    if not m:
        return None
    run = m.group("run").split()
    if len(run) >= 2 or (_is_foreign_word(run[0]) and not _is_surname(run[0], surnames)):
        return m.start("run"), m.end("run")
    return None


def _name_after(
    ctx: Context,
    words: list[tuple[int, int, str]],
    surnames: frozenset[str],
    stop: re.Pattern[str],
    head: str = "",
) -> tuple[int, int] | None:
    """Span of the person's name in the words after a role head, if there is one."""
    n = len(words)
    foreign_head = gazetteer.mapping("roles.tsv").get(head) == "foreign"
    i = 0
    while i < n:
        ws, _, w = words[i]
        if stop.fullmatch(w) or (i + 1 < n and stop.fullmatch(f"{w} {words[i + 1][2]}")):
            if not _is_cap(w):
                return None
        if not _is_cap(w):
            i += 1
            continue
        j = _run_end(words, i)
        run_end = words[j - 1][1]
        if _CONTINENT_BEFORE.search(ctx.text, max(0, ws - 8), ws):
            # "Hội đồng châu Âu António Costa": a foreign name after a continent, as after a
            # country
            named = [x[2] for x in words[i + 1 : j] if x[2] not in _PARTICLES]
            if 1 <= len(named) <= 4 and any(map(_is_foreign_word, named)):
                return words[i + 1][0], run_end
            i += 1
            continue
        countries = ctx.countries_in(ws, run_end + 1)
        # a run that opens with a country is not a Vietnamese name ("Thái Lan", "Hàn Quốc"),
        # nor one inside a place or institution name ("Thành ủy Hà Nội")
        if (
            _is_surname(w, surnames)
            and 2 <= j - i <= 4
            and not (countries and countries[0].start == ws)
            and not _in_place_name(ctx, ws)
        ):
            return ws, run_end
        # a name right after a country, Việt Nam included: "Tổng thống Mỹ Joe Biden",
        # "Đại sứ Malaysia tại Việt Nam Dato' Azmil Zabidi"
        for m in countries:
            rest = [x for x in words[i:j] if x[0] >= m.end]
            named = [x for x in rest if x[2] not in _PARTICLES]
            if 1 <= len(named) <= 4 and m.end <= rest[0][0]:
                return rest[0][0], rest[-1][1]
        # a foreign name straight after a title: "Tổng thống Soekarno", "Thủ tướng Mahathir"
        opens_country = any(m.start == ws for m in ctx.countries_in(ws, ws + 80))
        run = [x[2] for x in words[i:j] if x[2] not in _PARTICLES]
        if (
            i > 0
            and head in _FOREIGN_NAME_HEADS
            and not countries
            and 3 <= len(run) <= 5
            and all(map(_is_foreign_word, run))
        ):
            # "Tổng thống nước Cộng hòa Thống nhất Tanzania John Magufuli": a country the data
            # do not list, then the name
            return words[i + 1][0], run_end
        if i == 0 and not countries and not opens_country and len(run) <= 4:
            if (foreign_head and any(map(_is_foreign_word, run))) or (
                head in _FOREIGN_NAME_HEADS and len(run) <= 3 and all(map(_is_foreign_word, run))
            ):
                return ws, run_end
        i += 1  # "UBND tỉnh Lào Cai Trịnh Văn Anh": a name may end a longer capitalised run
    return None


def _run_end(words: list[tuple[int, int, str]], i: int) -> int:
    """Return the end (exclusive) of the run of capitalised words at ``i``.

    A foreign name runs on over a particle followed by a capitalised word ("Lula da Silva").
    """
    n, j = len(words), i
    while j < n and _is_cap(words[j][2]):
        j += 1
    while j < n and _is_foreign_word(words[j - 1][2]):
        k = j
        while k < n and k - j < 2 and words[k][2] in _PARTICLES:
            k += 1
        if k == j or k == n or not _is_cap(words[k][2]):
            break
        j = k
        while j < n and _is_cap(words[j][2]):
            j += 1
    return j


def _in_place_name(ctx: Context, pos: int) -> bool:
    """Tell a position inside a place or institution name that reads like a person's name."""
    return any(a <= pos < b for a, b in ctx.person_like_places)


@cache
def _name_before_role() -> re.Pattern[str]:
    """Match a family name and one to three capitalised words before a comma or a dash."""
    sur = alternation(sorted(gazetteer.words("surnames.txt")), case_sensitive=True)
    # "Lê Hoài Trung-Thứ trưởng": a dash straight after the name also introduces its role
    return re.compile(rf"{sur}(?:\s+[{UPPER}][\w]*){{1,3}}(?=\s*(?:,|\s?[-–])\s*)")


def _name_then_roles(
    ctx: Context, surnames: frozenset[str], stop: re.Pattern[str]
) -> list[tuple[int, str, str, int]]:
    """``<Name>, <role>, <role>`` and ``<Name> - <role>``."""
    text = ctx.text
    roles = _roles_rx()
    spans = [
        (m.start(), m.end())
        for m in _name_before_role().finditer(text)
        if _is_cap(m.group()) and not _in_place_name(ctx, m.start())
    ]
    starts = {a for a, _ in spans}
    # "ông Meynardo Montealegre, Đại sứ ...": after an honorific, a name of any origin
    for h in _HONORIFIC_WORD.finditer(text):
        span = _honorific_name(text, h.start(), surnames)
        if span and span[0] not in starts and _ROLE_SEP.match(text, span[1]):
            starts.add(span[0])
            spans.append(span)
    out = []
    for n_start, n_end in sorted(spans):
        if _NOT_NAME_BEFORE.search(text, max(0, n_start - 12), n_start):
            continue
        name = text[n_start:n_end]
        pos = n_end
        while True:
            sep = _ROLE_SEP.match(text, pos)
            if not sep:
                break
            r = roles.match(text, sep.end())
            if not r or not _is_cap(r.group()):
                break
            seg_end_m = _SEGMENT_END.search(text, r.end(), min(len(text), r.end() + 160))
            seg_end = seg_end_m.start() if seg_end_m else min(len(text), r.end() + 160)
            cut = stop.search(text, r.end(), seg_end)
            end = cut.start() if cut else seg_end
            words = [(w.start(), w.end(), w.group()) for w in _WORD.finditer(text, r.end(), end)]
            if _name_after(ctx, words, surnames, stop) is not None:
                break  # "A, Bộ trưởng X B": the role belongs to the next person
            role = text[r.start() : end].strip(" -–")
            out.append((n_start, name, role, r.start()))
            if cut:
                break
            pos = end
    return out


def _merge(ctx: Context, found: list[tuple[int, str, str, int]]) -> list[dict[str, Any]]:
    kinds = gazetteer.mapping("roles.tsv")
    people: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    same = _same_foreign_person({f[1] for f in found})
    for n_start, name, role, r_start in sorted(found, key=lambda f: (f[0], f[3])):
        k = same.get(name) or " ".join(name.casefold().split())
        if k not in people or len(name.split()) > len(people[k]["name"].split()):
            s_start, s_end = ctx.sentence_bounds(n_start)
            if k not in people:
                order.append(k)
            people[k] = {
                "role": None,
                "roles": [],
                "country": None,
                "_countries": [],
                **people.get(k, {}),
                "name": name,  # the fullest form
                "start": n_start,
                "end": n_start + len(name),
                "sentence": ctx.text[s_start:s_end],
            }
        p = people[k]
        if role and role not in p["roles"]:
            p["roles"].append(role)
            p["_countries"] += [m.iso3 for m in ctx.partners_in(r_start, r_start + len(role))]
    out = []
    for k in order:
        p = people.pop(k)
        if not p["roles"]:
            continue
        state = [r for r in p["roles"] if kinds.get(_head_key(r), "state") != "party"]
        pool = state or p["roles"]
        p["role"] = max((r for r in pool if pool[0] in r), key=len)
        countries = p.pop("_countries")
        if countries:
            p["country"] = None if countries[0] in _blocs() else countries[0]
        else:  # a foreign-looking name with no country in its role: unknown, not Việt Nam
            foreign = all(_is_foreign_word(w) for w in _WORD.findall(p["name"]))
            p["country"] = None if foreign else "VNM"
        out.append(p)
    return out


def _same_foreign_person(names: set[str]) -> dict[str, str]:
    """Map foreign names to one key per person.

    Spellings without diacritics ("Antonio Costa" for "António Costa"), first-name-only or
    cut-off forms ("António") and the family name alone ("Lavrov" for "S. Lavrov") of one fuller
    name share its key; a form that fits two fuller names stays apart, and so do Vietnamese
    names (differing diacritics, different people).
    """
    surnames = gazetteer.keys("surnames.txt")
    folded = {
        # "Suk-yeol" and "Suk Yeol" are one spelling apart
        n: tuple(gazetteer.key(w) for w in n.replace("-", " ").split())
        for n in names
        # foreign: a foreign-looking word in it ("Yoon Suk Yeol", "S. Lavrov"), and no
        # Vietnamese family name first
        if any(_is_foreign_word(w) for w in _WORD.findall(n))
        and not _is_surname(n.split()[0], surnames)
    }
    out = {}
    for n, words in folded.items():
        fuller = {f for f in folded.values() if f[: len(words)] == words}
        ending = {
            f for f in folded.values() if len(words) == 1 and len(f) > 1 and f[-1] == words[0]
        }
        if ending:  # a family name alone: "Lavrov" for "S. Lavrov", "Trump" for "Donald Trump"
            fuller = (fuller - {words}) | ending
        widest = {f for f in fuller if not any(g != f and g[: len(f)] == f for g in fuller)}
        if len(widest) == 1:
            out[n] = " ".join(widest.pop())
    return out


@cache
def _blocs() -> frozenset[str]:
    """Bloc codes, read once: the partners table is loaded (and copied) on every call."""
    return bloc_codes()


def _head_key(role: str) -> str:
    m = _roles_rx().match(role)
    return gazetteer.key(m.group()) if m else ""
