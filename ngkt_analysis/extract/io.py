"""Read articles from files, folders and JSONL; write the records as CSV tables or JSONL.

The ``ngkt extract`` command calls :func:`run_extract`; every bad input becomes an
:class:`~ngkt_analysis.errors.ExtractInputError` naming the file, the line and what is allowed.
Work streams a partition of articles at a time (:func:`extract_partition`, the same unit in this
process and on Dask workers), so memory stays flat however large the archive. Outputs are
written atomically (temporary files beside the targets, then ``os.replace``), and only after
every input has been checked.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import os
import shutil
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from ngkt_analysis.errors import ExtractInputError
from ngkt_analysis.extract.dates import parse_published
from ngkt_analysis.extract.result import EVIDENCE, GOLD_FIELDS, RECORD_TYPES, articles

FORMATS = ("csv", "jsonl")
ENGINES = ("local", "dask")
TEXT_SUFFIXES = (".txt", ".md", ".text")
PARTITION_SIZE = 500
"""Articles per partition: small enough to keep memory flat, large enough to amortise a task."""
CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    kind: ("article_id", *GOLD_FIELDS[kind], *EVIDENCE) for kind in RECORD_TYPES
}
Article = tuple[str, str, str | None]
"""``(id, text, published)``, as :func:`iter_inputs` yields them."""


def iter_inputs(inputs: list[str], published: str | None = None) -> Iterator[Article]:
    """Yield ``(id, text, published)`` for every article in files, folders and JSONL files.

    A text file is one article (id: the file name without suffix); a ``.jsonl`` file holds one
    ``{"id", "text", "published"?}`` object a line; a folder contributes its text and JSONL files
    in name order. ``published`` applies where an article carries none.

    Raises
    ------
    ExtractInputError
        For a missing or unreadable file, a bad JSONL line or a bad date.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            files = sorted(
                p for p in path.iterdir() if p.suffix.lower() in (*TEXT_SUFFIXES, ".jsonl")
            )
            if not files:
                raise ExtractInputError(item, "folder holds no articles", "*.txt or *.jsonl files")
        elif path.is_file():
            files = [path]
        else:
            raise ExtractInputError(item, "no such file or folder", "an existing file or folder")
        for f in files:
            if f.suffix.lower() == ".jsonl":
                yield from _jsonl(f, published)
            else:
                yield f.stem, _read(f), published


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ExtractInputError(str(path), f"not UTF-8 text ({exc.reason})", "UTF-8 text") from exc
    except OSError as exc:
        raise ExtractInputError(
            str(path), f"cannot be read ({exc.strerror})", "a readable file"
        ) from exc


def _jsonl(path: Path, published: str | None) -> Iterator[Article]:
    """Yield the articles of a JSONL file, reading it line by line (memory stays flat)."""
    allowed = 'one JSON object a line with "id", "text" and optional "published" (YYYY-MM-DD)'
    n = 0
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise ExtractInputError(
                        str(path), f"invalid JSON ({exc.msg})", allowed, n
                    ) from exc
                if (
                    not isinstance(obj, dict)
                    or not isinstance(obj.get("text"), str)
                    or "id" not in obj
                ):
                    raise ExtractInputError(str(path), 'missing "id" or string "text"', allowed, n)
                pub = obj.get("published") or published
                try:
                    parse_published(pub)
                except ValueError as exc:
                    raise ExtractInputError(
                        str(path), f"bad published date {pub!r}", allowed, n
                    ) from exc
                yield str(obj["id"]), obj["text"], pub
    except UnicodeDecodeError as exc:
        raise ExtractInputError(
            str(path), f"not UTF-8 text ({exc.reason})", "UTF-8 text", n + 1
        ) from exc
    except OSError as exc:
        raise ExtractInputError(
            str(path), f"cannot be read ({exc.strerror})", "a readable file"
        ) from exc


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


class _Output:
    """Where the chunks go: temporary files beside the targets, renamed when all is written.

    On any error (or Ctrl-C) the temporary files are removed and an earlier output is left as
    it was. Without a target, JSONL streams to standard output and the CSV tables are spooled
    to temporary files, then printed one after another, each after a ``# <type>`` line.
    """

    def __init__(self, fmt: str, output: str | None):
        self.fmt, self.output = fmt, output
        self.files: dict[str, Any] = {}
        self.temps: dict[str, Path] = {}
        self.targets: dict[str, Path] = {}

    def __enter__(self) -> _Output:
        if self.fmt == "jsonl" and self.output is None:
            return self
        try:
            self._open(("jsonl",) if self.fmt == "jsonl" else RECORD_TYPES)
        except BaseException as exc:
            self.__exit__(type(exc))  # remove the temporary files opened so far
            raise
        return self

    def _open(self, kinds: tuple[str, ...]) -> None:
        for kind in kinds:
            if self.output is None:
                self.files[kind] = tempfile.TemporaryFile("w+", encoding="utf-8", newline="")
            else:
                target = Path(self.output) if kind == "jsonl" else Path(self.output) / f"{kind}.csv"
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(
                    dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
                )
                self.files[kind] = os.fdopen(fd, "w", encoding="utf-8", newline="")
                self.temps[kind], self.targets[kind] = Path(tmp), target
            if kind != "jsonl":
                csv.writer(self.files[kind], lineterminator="\n").writerow(CSV_COLUMNS[kind])

    def write(self, chunk: dict[str, str]) -> None:
        """Append one partition's text."""
        if not self.files:
            sys.stdout.write(chunk["jsonl"])
            return
        for kind, text in chunk.items():
            self.files[kind].write(text)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            for kind, fh in self.files.items():
                if exc_type is None and self.output is None:
                    fh.seek(0)
                    sys.stdout.write(f"# {kind}\n")
                    shutil.copyfileobj(fh, sys.stdout)
                fh.close()
                if exc_type is None and kind in self.targets:
                    os.replace(self.temps[kind], self.targets[kind])
        finally:
            for tmp in self.temps.values():
                tmp.unlink(missing_ok=True)  # gone already when renamed


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
        Publication date ``YYYY-MM-DD`` for articles that do not carry one.
    fmt : {"csv", "jsonl"}
        ``jsonl``: one gold-shaped object per article (``{"id", "events", ...}``) to ``output``
        (a file; standard output when ``None``). ``csv``: one table per record type,
        ``<output>/<type>.csv`` (a folder; when ``None``, the five tables go to standard output,
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

    Raises
    ------
    ExtractInputError
        Unknown format or engine, bad ``published``, unreadable input or bad JSONL line; the
        ``dask`` engine without its extra.

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
        raise ExtractInputError("--format", f"unknown format {fmt!r}", " or ".join(FORMATS))
    if engine not in ENGINES:
        raise ExtractInputError("--engine", f"unknown engine {engine!r}", " or ".join(ENGINES))
    if scheduler is not None and engine != "dask":
        raise ExtractInputError("--scheduler", "given without --engine dask", "--engine dask")
    try:
        parse_published(published)
    except ValueError as exc:
        raise ExtractInputError("--published", f"bad date {published!r}", "YYYY-MM-DD") from exc
    count = sum(1 for _ in iter_inputs(inputs, published))  # check every input, keep none
    parts = partitions(iter_inputs(inputs, published), max(1, partition_size))
    if engine == "dask":
        chunks = _dask_engine().map_partitions(parts, fmt, scheduler=scheduler, client=client)
    else:
        chunks = (extract_partition(part, fmt) for part in parts)
    with _Output(fmt, output) as out:
        for chunk in chunks:
            out.write(chunk)
    return count


def _dask_engine() -> ModuleType:
    """Import the Dask runner, or say how to install it."""
    try:
        from ngkt_analysis.extract import dask_run
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in ("dask", "distributed"):
            raise
        raise ExtractInputError(
            "--engine", "dask needs the optional extra", 'pip install "ngkt-analysis[dask]"'
        ) from None
    return dask_run
