"""Where the data and notebooks live, in a source checkout and in an installed wheel.

The data folder is, in order: the ``data_dir`` argument, the ``NGKT_DATA_DIR`` environment
variable, the package's own copy (``ngkt_analysis/data`` in a wheel), the repository's ``data/``.
Validated tables are cached under :func:`cache_dir` (``NGKT_CACHE_DIR``).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
ENV_DATA_DIR = "NGKT_DATA_DIR"
ENV_CACHE_DIR = "NGKT_CACHE_DIR"


def _bundled(name: str) -> Path:
    inside = _PACKAGE / name  # installed wheel: mapped into the package
    return inside if inside.is_dir() else _PACKAGE.parent / name  # source checkout


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the folder the loaders read.

    Examples
    --------
    >>> (data_dir() / "datapackage.json").is_file()
    True
    """
    chosen = override if override is not None else os.environ.get(ENV_DATA_DIR) or None
    return Path(chosen).expanduser() if chosen is not None else _bundled("data")


def cache_dir() -> Path | None:
    """Return the folder of validated tables, or None when caching is off.

    ``NGKT_CACHE_DIR`` chooses it (``off`` or empty: no cache); else ``$XDG_CACHE_HOME`` or
    ``~/.cache``, under ``ngkt-analysis``.

    Examples
    --------
    >>> import os
    >>> os.environ["NGKT_CACHE_DIR"] = "off"
    >>> cache_dir() is None
    True
    >>> del os.environ["NGKT_CACHE_DIR"]
    """
    chosen = os.environ.get(ENV_CACHE_DIR)
    if chosen is not None:
        return None if chosen.strip().lower() in ("", "off") else Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "ngkt-analysis"


def bundled_data_dir() -> Path:
    """Return the data folder shipped with the package (holds the reference catalog)."""
    return _bundled("data")


def notebooks_dir() -> Path:
    """Return the folder of the report notebooks shipped with the package."""
    return _bundled("notebooks")


def sample_articles_dir() -> Path:
    """Return the folder of sample articles (the five seed articles) for the news digest."""
    return _PACKAGE / "extract" / "samples"
