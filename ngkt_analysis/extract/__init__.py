"""Vietnamese article text → events, figures, partner upgrades, persons, documents.

Rule-based, with the curated word lists in ``resources/`` and partner aliases from the partners
dataset. Every record keeps its character span (``start``, ``end``, into :attr:`ArticleResult.text`,
the normalised text) and the sentence it came from.

Examples
--------
>>> from ngkt_analysis import extract
>>> r = extract.article("Chiều 2-4-2024, Thủ tướng Chính phủ Phạm Minh Chính chủ trì hội nghị "
...                     "với gần 60 hoạt động.")
>>> r.events[["date", "event_type"]].values.tolist(), r.figures["value"].tolist()
([['2024-04-02', 'conference']], [60.0])
>>> r.persons["name"].tolist()
['Phạm Minh Chính']
"""

from __future__ import annotations

from ngkt_analysis.extract.result import (
    RECORD_TYPES,
    ArticleResult,
    article,
    articles,
    concat_frames,
    new_against_datasets,
)

__all__ = [
    "RECORD_TYPES",
    "ArticleResult",
    "article",
    "articles",
    "concat_frames",
    "new_against_datasets",
]
