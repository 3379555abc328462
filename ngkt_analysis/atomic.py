"""Atomic writes: a crash or Ctrl-C leaves either the old file or the new one, never half.

Every file the package writes (data changes, report pages, manifests, the table cache) goes
through :func:`write_atomic`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` (text as UTF-8 with Unix newlines, or bytes) to ``path`` atomically.

    Via a temporary file in the same folder and ``os.replace``; the folder is created.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a" / "b.txt", "xin chào")
    >>> (folder / "a" / "b.txt").read_text(encoding="utf-8")
    'xin chào'
    >>> sorted(p.name for p in folder.rglob("*"))  # no temporary file left behind
    ['a', 'b.txt']
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        # O_EXCL: never reuse a file; mode 0o666 lets the process umask set the usual permissions
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        if isinstance(data, bytes):
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
