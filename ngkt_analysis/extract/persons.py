"""Named people with their positions (guidelines §5).

Two shapes cover Vietnamese news: ``<role> [<organisation>] <Name>`` (``Bộ trưởng Bộ Ngoại giao
Bùi Thanh Sơn``) and ``<Name>, <role>, <role>`` (``đồng chí Nguyễn Bích Ngọc, Ủy viên Ban
Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh``). A Vietnamese name is a run of two to four
capitalised words starting with a family name from ``resources/surnames.txt``; a foreign name
is the capitalised run right after a partner named in the role (``Tổng thống Mỹ Joe Biden``).
"""

from __future__ import annotations

import re
from typing import Any

from ngkt_analysis.extract import gazetteer
from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.text import UPPER, alternation

_I = re.IGNORECASE
_WORD = re.compile(r"[^\s,.;:()\[\]\"“”'‘’!?|/]+")
_SEGMENT_END = re.compile(r"[,.;:()\[\]\"“”!?|\n]")
_CAP = re.compile(rf"[{UPPER}]")
_NOT_PERSON_BEFORE = re.compile(alternation(["Phu nhân", "Ảnh", "Ảnh:", "Theo"]) + r"\s*:?\s*$", _I)
_GROUPS = {"ASEAN", "EUU"}


def _is_cap(word: str) -> bool:
    return bool(word) and bool(_CAP.match(word))


def _roles_rx() -> re.Pattern[str]:
    return gazetteer.pattern("roles.tsv")


def _surnames() -> set[str]:
    return {gazetteer.key(w) for w in gazetteer.words("surnames.txt")}


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
    surnames = _surnames()
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
        name = _name_after(ctx, words, surnames, stop)
        if pending and pending[-1][1] < r.start() - 3:
            pending = []
        if name is None:
            if seg_end_m and seg_end_m.group() == "," and not stop.search(text, r.end(), seg_end):
                pending.append((text[r.start() : seg_end].strip(), seg_end))
            continue
        n_start, n_end = name
        role = text[r.start() : n_start].strip(" ,-–")
        nm = text[n_start:n_end]
        for prole, _ in pending:
            found.append((n_start, nm, prole, r.start()))
        pending = []
        found.append((n_start, nm, role, r.start()))
        last_end = n_end
    found.extend(_name_then_roles(ctx, surnames, stop))
    return _merge(ctx, found)


def _name_after(
    ctx: Context, words: list[tuple[int, int, str]], surnames: set[str], stop: re.Pattern[str]
) -> tuple[int, int] | None:
    """Span of the person's name in the words after a role head, if there is one."""
    n = len(words)
    for i, (ws, _, w) in enumerate(words):
        if stop.fullmatch(w) or (i + 1 < n and stop.fullmatch(f"{w} {words[i + 1][2]}")):
            if not _is_cap(w):
                return None
        if not _is_cap(w):
            continue
        j = i
        while j < n and _is_cap(words[j][2]):
            j += 1
        if gazetteer.key(w) in surnames and 2 <= j - i <= 4:
            return ws, words[j - 1][1]
        # foreign name right after a partner: "Tổng thống Mỹ Joe Biden"
        for m in ctx.partners_in(ws, words[j - 1][1] + 1):
            rest = [x for x in words[i:j] if x[0] >= m.end]
            if 1 <= len(rest) <= 4 and m.end <= rest[0][0]:
                return rest[0][0], rest[-1][1]
    return None


def _name_then_roles(
    ctx: Context, surnames: set[str], stop: re.Pattern[str]
) -> list[tuple[int, str, str, int]]:
    """``<Name>, <role>, <role>`` and ``<Name> - <role>``."""
    text = ctx.text
    roles = _roles_rx()
    sur = alternation(sorted(gazetteer.words("surnames.txt")))
    name_rx = re.compile(rf"{sur}(?:\s+[{UPPER}][\w]*){{1,3}}(?=\s*(?:,|\s[-–])\s*)")
    out = []
    for m in name_rx.finditer(text):
        if not _is_cap(m.group()) or _NOT_PERSON_BEFORE.search(
            text, max(0, m.start() - 12), m.start()
        ):
            continue
        pos = m.end()
        while True:
            sep = re.compile(r"\s*(?:,|[-–])\s*").match(text, pos)
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
            out.append((m.start(), m.group(), role, r.start()))
            if cut:
                break
            pos = end
    return out


def _merge(ctx: Context, found: list[tuple[int, str, str, int]]) -> list[dict[str, Any]]:
    kinds = gazetteer.mapping("roles.tsv")
    people: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    for n_start, name, role, r_start in sorted(found, key=lambda f: (f[0], f[3])):
        k = " ".join(name.casefold().split())
        if k not in people:
            s_start, s_end = ctx.sentence_bounds(n_start)
            people[k] = {
                "name": name,
                "role": None,
                "roles": [],
                "country": None,
                "start": n_start,
                "end": n_start + len(name),
                "sentence": ctx.text[s_start:s_end],
                "_countries": [],
            }
            order.append(k)
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
        p["country"] = (
            None
            if countries and countries[0] in _GROUPS
            else (countries[0] if countries else "VNM")
        )
        out.append(p)
    return out


def _head_key(role: str) -> str:
    m = _roles_rx().match(role)
    return gazetteer.key(m.group()) if m else ""
