"""The one way the package fingerprints things: sha256 of files, bytes and JSON-able values.

Dataset provenance (``df.attrs["sha256"]``), the resume manifest's keys and the Dask plugin
names all use these, so two places never hash the same thing differently.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of bytes.

    Examples
    --------
    >>> sha256_bytes(b"ngkt")[:12]
    'c1eb63d8703b'
    """
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | Path) -> str:
    """Hex sha256 of a file's bytes (``"-"`` when the file does not exist)."""
    path = Path(path)
    return sha256_bytes(path.read_bytes()) if path.is_file() else "-"


def sha256_json(value: Any) -> str:
    """Hex sha256 of a value's canonical JSON (sorted keys; other types as ``str``).

    Examples
    --------
    >>> sha256_json({"b": 1, "a": 2}) == sha256_json({"a": 2, "b": 1})
    True
    """
    return sha256_bytes(json.dumps(value, sort_keys=True, default=str).encode())
