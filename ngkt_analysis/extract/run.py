"""Extraction at scale: articles in partitions, on any engine, records out in input order.

:func:`run_extract` is what ``ngkt extract`` calls: every input is checked before anything is
written, the work streams a partition at a time (:func:`extract_partition`, the same unit in
this process and on Dask workers, mapped by :func:`ngkt_analysis.compute.map_ordered`), and the
output appears only when complete (:class:`~ngkt_analysis.extract.output.Output`).
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
import math
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

from ngkt_analysis.compute import check_engine, map_ordered
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.extract.dates import parse_published
from ngkt_analysis.extract.inputs import Article, iter_inputs
from ngkt_analysis.extract.output import CSV_COLUMNS, Output
from ngkt_analysis.extract.result import RECORD_TYPES, articles

FORMATS = ("csv", "jsonl")
PARTITION_SIZE = 500
"""Articles per partition: small enough to keep memory flat, large enough to amortise a task."""


def partitions(items: Iterable[Article], size: int = PARTITION_SIZE) -> Iterator[list[Article]]:
    """Group ``items`` into lists of ``size`` (the last may be shorter), lazily.

    Examples
    --------
    >>> [len(p) for p in partitions(iter(range(7)), 3)]
    [3, 3, 1]
    """
    it = iter(items)
    while part := list(itertools.islice(it, size)):
        yield part


def extract_partition(items: list[Article], fmt: str) -> dict[str, str]:
    """Extract a partition of articles; return its output text, in input order.

    The unit of work of every engine (on a Dask worker too): articles in, text out, so what
    travels back is small and the client only appends it.

    Returns
    -------
    dict
        ``{"jsonl": lines}`` for ``jsonl``; ``{record type: CSV rows without header}`` for
        ``csv``.

    Examples
    --------
    >>> extract_partition([("a", "gần 60 hoạt động", None)], "csv")["figures"].split(",")[:4]
    ['a', 'gần 60 hoạt động', '60.0', 'count']
    """
    results = articles(items)
    if fmt == "jsonl":
        lines = (json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
        return {"jsonl": "".join(lines)}
    buffers = {kind: io.StringIO() for kind in RECORD_TYPES}
    writers = {kind: csv.writer(buf, lineterminator="\n") for kind, buf in buffers.items()}
    for r in results:
        for kind in RECORD_TYPES:
            for record in r.records.get(kind, []):
                row = {"article_id": r.id, **record}
                writers[kind].writerow([_cell(row.get(col)) for col in CSV_COLUMNS[kind]])
    return {kind: buf.getvalue() for kind, buf in buffers.items()}


def _cell(value: Any) -> str:
    """One CSV cell: empty for missing, lists ``;``-separated as in data/, numbers as written."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def run_extract(
    inputs: list[str],
    published: str | None,
    fmt: str,
    output: str | None,
    *,
    engine: str = "local",
    scheduler: str | None = None,
    partition_size: int = PARTITION_SIZE,
    client: Any = None,
    stream: TextIO | None = None,
) -> int:
    """Extract every input article and write the records; return the number of articles.

    Streams: articles are read, extracted and written a partition at a time, so memory stays
    flat however large the archive. Every input is checked (read and parsed, not extracted)
    before anything is written, and the output appears only when complete.

    Parameters
    ----------
    inputs : list of str
        Text files, folders of them, or JSONL files of articles.
    published : str, optional
        Publication date ``YYYY-MM-DD`` (or ``YYYY-MM``, ``YYYY``) for articles without one.
    fmt : {"csv", "jsonl"}
        ``jsonl``: one gold-shaped object per article (``{"id", "events", ...}``) to ``output``
        (a file; ``stream`` when ``None``). ``csv``: one table per record type,
        ``<output>/<type>.csv`` (a folder; when ``None``, the five tables go to ``stream``,
        each after a ``# <type>`` line).
    engine : {"local", "dask"}
        ``local``: in this process. ``dask``: partitions on the workers of a Dask cluster
        (the ``dask`` extra), the same records in the same order.
    scheduler : str, optional
        With ``dask``: the scheduler address (``tcp://HOST:8786``); default a local cluster.
    partition_size : int
        Articles per partition (the unit sent to a worker).
    client : distributed.Client, optional
        With ``dask``: an existing client to use (left open).
    stream : text stream, optional
        Where the records go when ``output`` is None (the CLI passes standard output).

    Raises
    ------
    ParameterError
        Unknown ``fmt`` or ``engine``, a ``scheduler`` without ``dask``, a bad ``published``,
        the ``dask`` engine without its extra (named by parameter, never by CLI flag).
    ExtractInputError
        An unreadable input or a bad JSONL line (file and line).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "a.txt").write_text("Sáng 21/12, tại Hà Nội, khai mạc hội nghị.", encoding="utf-8")
    >>> run_extract([str(d / "a.txt")], "2024-04-03", "jsonl", str(d / "out.jsonl"))
    1
    >>> json.loads((d / "out.jsonl").read_text())["events"][0]["date_resolved"]
    '2023-12-21'
    """
    if fmt not in FORMATS:
        raise ParameterError("fmt", fmt, " or ".join(FORMATS))
    check_engine(engine)
    if scheduler is not None and engine != "dask":
        raise ParameterError("scheduler", scheduler, "a scheduler only with engine='dask'")
    try:
        parse_published(published)
    except ValueError:
        raise ParameterError("published", published, "a date YYYY-MM-DD, YYYY-MM or YYYY") from None
    count = sum(1 for _ in iter_inputs(inputs, published))  # check every input, keep none
    parts = partitions(iter_inputs(inputs, published), max(1, partition_size))
    work = functools.partial(extract_partition, fmt=fmt)
    chunks = map_ordered(work, parts, engine=engine, scheduler=scheduler, client=client)
    with Output(fmt, output, stream) as out:
        for chunk in chunks:
            out.write(chunk)
    return count
