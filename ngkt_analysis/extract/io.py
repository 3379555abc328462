"""Read articles from files, folders and JSONL; write the records as CSV tables or JSONL.

The ``ngkt extract`` command calls :func:`run_extract`; every bad input becomes an
:class:`~ngkt_analysis.errors.ExtractInputError` naming the file, the line and what is allowed.
Outputs are written atomically (a temporary file beside the target, then ``os.replace``).
"""

from __future__ import annotations

import io
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ngkt_analysis.errors import ExtractInputError
from ngkt_analysis.extract.dates import parse_published
from ngkt_analysis.extract.result import RECORD_TYPES, articles, concat_frames

FORMATS = ("csv", "jsonl")
TEXT_SUFFIXES = (".txt", ".md", ".text")


def iter_inputs(
    inputs: list[str], published: str | None = None
) -> Iterator[tuple[str, str, str | None]]:
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


def _jsonl(path: Path, published: str | None) -> Iterator[tuple[str, str, str | None]]:
    allowed = 'one JSON object a line with "id", "text" and optional "published" (YYYY-MM-DD)'
    for n, line in enumerate(_read(path).splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ExtractInputError(str(path), f"invalid JSON ({exc.msg})", allowed, n) from exc
        if not isinstance(obj, dict) or not isinstance(obj.get("text"), str) or "id" not in obj:
            raise ExtractInputError(str(path), 'missing "id" or string "text"', allowed, n)
        pub = obj.get("published") or published
        try:
            parse_published(pub)
        except ValueError as exc:
            raise ExtractInputError(str(path), f"bad published date {pub!r}", allowed, n) from exc
        yield str(obj["id"]), obj["text"], pub


def _atomic_write(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run_extract(inputs: list[str], published: str | None, fmt: str, output: str | None) -> int:
    """Extract every input article and write the records; return the number of articles.

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

    Raises
    ------
    ExtractInputError
        Unknown format, bad ``published``, unreadable input or bad JSONL line.

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
    try:
        parse_published(published)
    except ValueError as exc:
        raise ExtractInputError("--published", f"bad date {published!r}", "YYYY-MM-DD") from exc
    items = list(iter_inputs(inputs, published))  # validate every input before writing anything
    results = list(articles(items))
    if fmt == "jsonl":
        text = "".join(json.dumps(r.to_dict(), ensure_ascii=False) + "\n" for r in results)
        if output is None:
            sys.stdout.write(text)
        else:
            _atomic_write(Path(output), text)
        return len(results)
    frames = concat_frames(results)
    for kind in RECORD_TYPES:
        frame = frames[kind].copy()
        for col in ("partners", "roles"):  # list cells as in data/: ";"-separated
            if col in frame:
                frame[col] = frame[col].map(lambda v: ";".join(v) if isinstance(v, list) else v)
        buf = io.StringIO()
        frame.to_csv(buf, index=False, lineterminator="\n")
        if output is None:
            sys.stdout.write(f"# {kind}\n{buf.getvalue()}")
        else:
            _atomic_write(Path(output) / f"{kind}.csv", buf.getvalue())
    return len(results)
