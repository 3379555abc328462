"""Read articles from text files, folders and JSONL files, checking every one.

Every bad input becomes an :class:`~ngkt_analysis.errors.ExtractInputError` naming the file, the
line and what is allowed. JSONL files are read a line at a time, so memory stays flat.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from ngkt_analysis.errors import ExtractInputError
from ngkt_analysis.extract.dates import parse_published

TEXT_SUFFIXES = (".txt", ".md", ".text")
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
    allowed = (
        'one JSON object a line with "id", "text" and optional "published" '
        "(YYYY-MM-DD, YYYY-MM or YYYY)"
    )
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


def article_urls(inputs: list[str]) -> dict[str, str]:
    """Return article id → ``url`` for the articles of JSONL inputs that carry one.

    Text files carry no url (their rows get an empty ``source_url`` to fill in).
    """
    urls: dict[str, str] = {}
    for item in inputs:
        path = Path(item)
        files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() != ".jsonl" or not f.is_file():
                continue
            with open(f, encoding="utf-8-sig") as fh:
                for line in fh:
                    if line.strip():
                        obj = json.loads(line)  # iter_inputs has checked every line
                        if isinstance(obj, dict) and obj.get("url"):
                            urls[str(obj["id"])] = str(obj["url"])
    return urls
