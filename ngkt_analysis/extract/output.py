"""Write extracted records: CSV tables or JSONL, atomically, or to a stream the caller gives."""

from __future__ import annotations

import csv
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any, TextIO

from ngkt_analysis.extract.result import EVIDENCE, GOLD_FIELDS, RECORD_TYPES

CSV_COLUMNS: dict[str, tuple[str, ...]] = {
    kind: ("article_id", *GOLD_FIELDS[kind], *EVIDENCE) for kind in RECORD_TYPES
}


class Output:
    """Where the chunks go: temporary files beside the targets, renamed when all is written.

    On any error (or Ctrl-C) the temporary files are removed and an earlier output is left as
    it was. Without a target, JSONL streams to ``stream`` (the caller's: the CLI gives standard
    output; the library never prints) and the CSV tables are spooled to temporary files, then
    written one after another, each after a ``# <type>`` line.
    """

    def __init__(self, fmt: str, output: str | None, stream: TextIO | None = None):
        self.fmt, self.output, self.stream = fmt, output, stream
        self.files: dict[str, Any] = {}
        self.temps: dict[str, Path] = {}
        self.targets: dict[str, Path] = {}

    def __enter__(self) -> Output:
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

    def _stream(self) -> TextIO:
        if self.stream is None:
            raise ValueError("no output file and no stream to write to")
        return self.stream

    def write(self, chunk: dict[str, str]) -> None:
        """Append one partition's text."""
        if not self.files:
            self._stream().write(chunk["jsonl"])
            return
        for kind, text in chunk.items():
            self.files[kind].write(text)

    def __exit__(self, exc_type: object, *exc: object) -> None:
        try:
            for kind, fh in self.files.items():
                if exc_type is None and self.output is None:
                    fh.seek(0)
                    self._stream().write(f"# {kind}\n")
                    shutil.copyfileobj(fh, self._stream())
                fh.close()
                if exc_type is None and kind in self.targets:
                    os.replace(self.temps[kind], self.targets[kind])
        finally:
            for tmp in self.temps.values():
                tmp.unlink(missing_ok=True)  # gone already when renamed
