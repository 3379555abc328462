"""Partner names → ISO3 codes, over the alias table in ``data/partners.csv``.

The knowledge (Mỹ, Hoa Kỳ, USA, United States → USA) is data; this module is the few lines that
normalise a name and look it up.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from ngkt_analysis.datasets import load
from ngkt_analysis.errors import PartnerError


def normalise_name(text: str) -> str:
    """NFC, case-folded, whitespace-collapsed form used to compare names.

    Examples
    --------
    >>> normalise_name("  Hoa   KỲ ")
    'hoa kỳ'
    """
    return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())


def alias_table(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Every known spelling of every partner: columns ``alias``, ``key`` (normalised), ``iso3``.

    The code itself, the English and the Vietnamese name count as aliases.

    Examples
    --------
    >>> t = alias_table()
    >>> t.loc[t["alias"].eq("Mỹ"), "iso3"].tolist()
    ['USA']
    """
    partners = load("partners", data_dir)
    return _aliases(partners.attrs["sha256"], data_dir).copy()


@lru_cache(maxsize=4)
def _aliases(_sha256: str, data_dir: str | os.PathLike[str] | None) -> pd.DataFrame:
    """Build the alias table once per version of partners.csv (``_sha256`` keys the cache)."""
    partners = load("partners", data_dir)
    names = pd.concat(
        [
            partners[["iso3"]].assign(alias=partners["iso3"]),
            partners[["iso3"]].assign(alias=partners["name_en"]),
            partners[["iso3"]].assign(alias=partners["name_vi"]),
            partners[["iso3", "aliases"]].explode("aliases").rename(columns={"aliases": "alias"}),
        ],
        ignore_index=True,
    ).dropna(subset=["alias"])
    names["key"] = names["alias"].map(normalise_name)
    return names.drop_duplicates(["key", "iso3"])[["alias", "key", "iso3"]].reset_index(drop=True)


@lru_cache(maxsize=4)
def _index(_sha256: str, data_dir: str | os.PathLike[str] | None) -> dict[str, tuple[str, ...]]:
    """Normalised spelling → the partner codes it names (one, unless the data is ambiguous)."""
    table = _aliases(_sha256, data_dir)
    return {k: tuple(sorted(set(g))) for k, g in table.groupby("key")["iso3"]}


def resolve_partner(name: str, data_dir: str | os.PathLike[str] | None = None) -> str:
    """Return the ISO3 code for a partner code, name or alias (English or Vietnamese).

    The lookup index is built once per version of ``partners.csv``, so resolving many names
    (a batch plan, a news archive) costs a dictionary lookup each.

    Raises
    ------
    PartnerError
        When nothing matches, with the closest known spellings.

    Examples
    --------
    >>> [resolve_partner(n) for n in ["Mỹ", "hoa kỳ", "Úc", "KOR"]]
    ['USA', 'USA', 'AUS', 'KOR']
    """
    sha = load("partners", data_dir).attrs["sha256"]
    index = _index(sha, data_dir)
    key = normalise_name(name)
    hits = index.get(key, ())
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:  # an alias shared by two partners is a data error, not a guess
        raise PartnerError(name, [f"{h} (ambiguous)" for h in hits])
    table = _aliases(sha, data_dir)
    close = difflib.get_close_matches(key, list(index), n=3, cutoff=0.75)
    suggestions = table.set_index("key").loc[close, "alias"].drop_duplicates().tolist()
    raise PartnerError(name, suggestions)


def partner_name(
    iso3: str, lang: str = "en", data_dir: str | os.PathLike[str] | None = None
) -> str:
    """Return the display name of a partner code in English (``en``) or Vietnamese (``vi``).

    Examples
    --------
    >>> partner_name("USA", "vi")
    'Hoa Kỳ'
    """
    partners = load("partners", data_dir).set_index("iso3")
    if iso3 not in partners.index:
        raise PartnerError(iso3)
    return str(partners.at[iso3, "name_vi" if lang == "vi" else "name_en"])


def bloc_codes(data_dir: str | os.PathLike[str] | None = None) -> frozenset[str]:
    """Codes of the rows that aggregate member countries (``kind == "bloc"`` in partners.csv).

    Examples
    --------
    >>> sorted(bloc_codes())
    ['ASEAN', 'EUU']
    """
    partners = load("partners", data_dir)
    return frozenset(partners.loc[partners["kind"].astype(str).eq("bloc"), "iso3"])


def bloc_members(partners: pd.DataFrame) -> pd.DataFrame:
    """Each bloc's member countries, from a ``partners`` frame: columns ``code``, ``country``.

    A bloc (``kind == "bloc"``) aggregates the countries whose ``groups`` list its
    ``aggregates`` name (EUU → every country in group EU); Vietnam is never its own partner.

    Examples
    --------
    >>> p = pd.DataFrame({"iso3": ["EUU", "FRA", "USA"], "kind": ["bloc", "country", "country"],
    ...                   "aggregates": ["EU", None, None], "groups": [[], ["EU", "G7"], ["G7"]]})
    >>> bloc_members(p).to_dict("records")
    [{'code': 'EUU', 'country': 'FRA'}]
    """
    blocs = partners.loc[partners["kind"].astype(str).eq("bloc"), ["iso3", "aggregates"]]
    groups = partners[["iso3", "groups"]].explode("groups").dropna()
    groups = groups[groups["iso3"].ne("VNM")]
    out = blocs.merge(groups, left_on="aggregates", right_on="groups", suffixes=("", "_member"))
    out = out.rename(columns={"iso3": "code", "iso3_member": "country"})
    return out[["code", "country"]].drop_duplicates().reset_index(drop=True)


def members_by_year(
    partners: pd.DataFrame, changes: pd.DataFrame | None, years: Iterable[int]
) -> pd.DataFrame:
    """Each bloc's members at the end of each year: columns ``code``, ``country``, ``year``.

    Today's members (:func:`bloc_members`), without a country that joined after the year and
    with one that left after it, as ``changes`` (the bloc_changes table) records; without
    ``changes``, today's members for every year.

    Examples
    --------
    >>> p = pd.DataFrame({"iso3": ["EUU", "FRA", "GBR"], "kind": ["bloc", "country", "country"],
    ...                   "aggregates": ["EU", None, None], "groups": [[], ["EU"], []]})
    >>> ch = pd.DataFrame({"bloc": ["EUU"], "partner": ["GBR"], "change": ["left"],
    ...                    "date": pd.to_datetime(["2020-01-31"])})
    >>> members_by_year(p, ch, [2019, 2020]).values.tolist()
    [['EUU', 'FRA', 2019], ['EUU', 'GBR', 2019], ['EUU', 'FRA', 2020]]
    """
    today = bloc_members(partners)
    current = {code: set(group["country"]) for code, group in today.groupby("code")}
    moves = []
    if changes is not None:
        cols = ["bloc", "partner", "change", "date"]
        moves = [(b, c, str(ch), d.year) for b, c, ch, d in changes[cols].itertuples(index=False)]
    rows = []
    for year in years:
        members = {code: set(countries) for code, countries in current.items()}
        for bloc, country, change, when in moves:
            if when <= year:
                continue
            group = members.setdefault(bloc, set())  # not yet joined, or not yet left, then
            if change == "joined":
                group.discard(country)
            else:
                group.add(country)
        rows += [(code, c, int(year)) for code in sorted(members) for c in sorted(members[code])]
    return pd.DataFrame(rows, columns=["code", "country", "year"]).astype({"year": "int64"})
