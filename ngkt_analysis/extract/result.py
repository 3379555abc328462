"""The extraction entry points and their result: records as dicts, frames and the gold shape."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ngkt_analysis.extract.context import Context
from ngkt_analysis.extract.dates import parse_published
from ngkt_analysis.extract.documents import find_documents
from ngkt_analysis.extract.events import find_events
from ngkt_analysis.extract.figures import find_figures
from ngkt_analysis.extract.persons import find_persons
from ngkt_analysis.extract.text import normalise
from ngkt_analysis.extract.upgrades import find_upgrades

RECORD_TYPES: tuple[str, ...] = ("events", "figures", "partner_upgrades", "persons", "documents")
"""The five record types, in the order of the gold files."""

# the fields of the annotation guidelines, per record type (the gold/JSONL shape)
GOLD_FIELDS: dict[str, tuple[str, ...]] = {
    "events": (
        "date_raw", "year", "month", "day", "precision", "date", "date_end", "end_month",
        "end_day", "date_resolved", "year_source", "event_type", "title", "location", "partners",
    ),
    "figures": (
        "raw", "value", "unit", "indicator", "measure", "year", "period", "partner", "qualifier",
    ),
    "partner_upgrades": (
        "partner", "partner_raw", "level", "date_raw", "year", "month", "day", "precision",
        "date", "date_resolved",
    ),
    "persons": ("name", "role", "roles", "country"),
    "documents": ("raw", "number", "kind", "issuer", "date_raw", "date"),
}  # fmt: skip
EVIDENCE: tuple[str, ...] = ("start", "end", "sentence")


@dataclass
class ArticleResult:
    """What one article yielded: five lists of records plus the text they point into."""

    id: str | None
    text: str
    published: dt.date | None
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def _frame(self, kind: str) -> pd.DataFrame:
        cols = ["article_id", *GOLD_FIELDS[kind], *EVIDENCE]
        rows = [{"article_id": self.id, **r} for r in self.records.get(kind, [])]
        return pd.DataFrame(rows, columns=cols)

    @property
    def events(self) -> pd.DataFrame:
        """Dated events, one row each, with span and sentence."""
        return self._frame("events")

    @property
    def figures(self) -> pd.DataFrame:
        """Figures, one row per mention."""
        return self._frame("figures")

    @property
    def partner_upgrades(self) -> pd.DataFrame:
        """Partner × level upgrades."""
        return self._frame("partner_upgrades")

    @property
    def persons(self) -> pd.DataFrame:
        """People with their roles."""
        return self._frame("persons")

    @property
    def documents(self) -> pd.DataFrame:
        """Numbered documents."""
        return self._frame("documents")

    def frames(self) -> dict[str, pd.DataFrame]:
        """All five record types as DataFrames keyed by type."""
        return {kind: self._frame(kind) for kind in RECORD_TYPES}

    def to_dict(self, evidence: bool = False) -> dict[str, Any]:
        """Return the gold-file shape: ``{"id", "events", ...}`` with the guideline fields.

        Parameters
        ----------
        evidence : bool
            Also keep ``start``, ``end`` and ``sentence`` on every record.
        """
        keep = {k: (*GOLD_FIELDS[k], *(EVIDENCE if evidence else ())) for k in RECORD_TYPES}
        out: dict[str, Any] = {"id": self.id}
        for kind in RECORD_TYPES:
            out[kind] = [{f: r.get(f) for f in keep[kind]} for r in self.records.get(kind, [])]
        return out


def article(
    text: str,
    published: str | dt.date | None = None,
    *,
    id: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> ArticleResult:
    """Extract the five record types from one article.

    Parameters
    ----------
    text : str
        The article as scraped; any string is accepted (page debris, CRLF, no diacritics).
    published : str or date, optional
        Publication date (``YYYY-MM-DD``); resolves years the text leaves open
        (``date_resolved``). Without it, only years stated in the text are used.
    id : str, optional
        Identifier carried into every frame (``article_id``) and the gold shape.
    data_dir : path, optional
        Data folder whose ``partners.csv`` supplies partner aliases.

    Returns
    -------
    ArticleResult

    Raises
    ------
    ValueError
        When ``published`` is not a date.

    Examples
    --------
    >>> r = article("Sáng 21/12, Bộ Ngoại giao tổ chức hội nghị.", published="2024-04-03")
    >>> r.events.loc[0, ["date", "date_resolved"]].tolist()
    [None, '2023-12-21']
    """
    pub = parse_published(published)
    ctx = Context(normalise(text if isinstance(text, str) else str(text)), pub, data_dir)
    documents = find_documents(ctx)
    records = {
        "events": find_events(ctx, documents),
        "figures": find_figures(ctx),
        "partner_upgrades": find_upgrades(ctx),
        "persons": find_persons(ctx),
        "documents": documents,
    }
    for doc in documents:
        s_start, s_end = ctx.sentence_bounds(doc["start"])
        doc["sentence"] = ctx.text[s_start:s_end]
        for private in [k for k in doc if k.startswith("_")]:
            del doc[private]
    return ArticleResult(id, ctx.text, pub, records)


def articles(
    items: Iterable[tuple[str | None, str, str | dt.date | None]],
    data_dir: str | os.PathLike[str] | None = None,
) -> Iterator[ArticleResult]:
    """Extract many articles lazily from ``(id, text, published)`` triples.

    Examples
    --------
    >>> [r.id for r in articles([("a", "Sáng 10/1, hội nghị.", None), ("b", "", None)])]
    ['a', 'b']
    """
    for art_id, text, published in items:
        yield article(text, published, id=art_id, data_dir=data_dir)


def concat_frames(results: Iterable[ArticleResult]) -> dict[str, pd.DataFrame]:
    """One frame per record type over many results (``article_id`` tells them apart).

    Examples
    --------
    >>> f = concat_frames(articles([("a", "gần 60 hoạt động", None), ("b", "16 FTA", None)]))
    >>> f["figures"][["article_id", "value"]].values.tolist()
    [['a', 60.0], ['b', 16.0]]
    """
    parts: dict[str, list[pd.DataFrame]] = {k: [] for k in RECORD_TYPES}
    for r in results:
        for kind, frame in r.frames().items():
            if len(frame):
                parts[kind].append(frame)
    empty = ArticleResult(None, "", None).frames()

    def stack(kind: str, frames: list[pd.DataFrame]) -> pd.DataFrame:
        # all-empty columns (no location anywhere in one article) must not decide the dtypes
        trimmed = [f.dropna(axis=1, how="all") for f in frames]
        return pd.concat(trimmed, ignore_index=True).reindex(columns=empty[kind].columns)

    return {k: (stack(k, v) if v else empty[k]) for k, v in parts.items()}


def new_against_datasets(
    result_frames: dict[str, pd.DataFrame], events: pd.DataFrame, upgrades: pd.DataFrame
) -> dict[str, pd.DataFrame]:
    """Flag extracted events and upgrades that the datasets do not hold yet (``is_new``).

    An event is known when the ``events`` dataset has one of the same type on the same date
    (at the event's precision; without a year, on the same day and month of any year). An
    upgrade is known when ``partnership_upgrades`` has the same partner and level.

    Parameters
    ----------
    result_frames : dict
        From :meth:`ArticleResult.frames` or :func:`concat_frames`.
    events, upgrades : DataFrame
        ``ngkt.load("events")`` and ``ngkt.load("partnership_upgrades")``.

    Returns
    -------
    dict
        ``{"events": ..., "partner_upgrades": ...}``: copies with a boolean ``is_new`` column.

    Examples
    --------
    >>> ev = pd.DataFrame({"date": pd.to_datetime(["2022-08-10"]), "type": ["directive"]})
    >>> up = pd.DataFrame({"partner": ["USA"], "level": ["comprehensive_strategic"]})
    >>> r = article("Chỉ thị số 15-CT/TW ngày 10/8/2022; Nghị quyết số 1-NQ/TW ngày 3/1/2024. "
    ...             "Việt Nam nâng cấp quan hệ lên Đối tác chiến lược toàn diện với Mỹ và Úc.")
    >>> flags = new_against_datasets(r.frames(), ev, up)
    >>> flags["events"]["is_new"].tolist(), flags["partner_upgrades"]["is_new"].tolist()
    ([False, True], [False, True])
    """
    ev = result_frames["events"].copy()
    known_dates = pd.to_datetime(events["date"])
    types = events["type"].astype(str)
    full = set(zip(known_dates.dt.strftime("%Y-%m-%d"), types, strict=True))
    month = set(zip(known_dates.dt.strftime("%Y-%m"), types, strict=True))
    year = set(zip(known_dates.dt.strftime("%Y"), types, strict=True))
    day_month = set(zip(known_dates.dt.month, known_dates.dt.day, types, strict=True))

    def known(row: pd.Series) -> bool:
        date = row["date_resolved"] if isinstance(row["date_resolved"], str) else row["date"]
        kind = row["event_type"]
        if isinstance(date, str):
            return (date, kind) in {10: full, 7: month, 4: year}.get(len(date), set())
        if pd.notna(row["month"]) and pd.notna(row["day"]):
            return (int(row["month"]), int(row["day"]), kind) in day_month
        return False

    ev["is_new"] = ~ev.apply(known, axis=1).astype(bool) if len(ev) else pd.Series(dtype=bool)
    up = result_frames["partner_upgrades"].copy()
    pairs = set(zip(upgrades["partner"].astype(str), upgrades["level"].astype(str), strict=True))
    up["is_new"] = [(p, lv) not in pairs for p, lv in zip(up["partner"], up["level"], strict=True)]
    return {"events": ev, "partner_upgrades": up}
