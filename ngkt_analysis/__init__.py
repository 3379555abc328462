"""ngkt-analysis: datasets, metrics and reports on Vietnam's economic diplomacy.

Import is light: pandas only. Plotting, pandera and the notebook machinery load on first use.

Examples
--------
>>> import ngkt_analysis as ngkt
>>> ngkt.load("events").attrs["name"]
'events'
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ngkt_analysis.datasets import LEVELS, catalog, datasets, load
from ngkt_analysis.errors import DatasetError, ParameterError, PartnerError, UnitError
from ngkt_analysis.partners import alias_table, partner_name, resolve_partner

if TYPE_CHECKING:
    import datetime as dt

    import pandas as pd

__version__ = "0.1.0"

__all__ = [
    "LEVELS",
    "DatasetError",
    "ParameterError",
    "PartnerError",
    "UnitError",
    "__version__",
    "alias_table",
    "catalog",
    "datasets",
    "load",
    "partner_levels",
    "partner_name",
    "resolve_partner",
]


def partner_levels(
    as_of: str | dt.date | pd.Timestamp, data_dir: str | os.PathLike[str] | None = None
) -> pd.DataFrame:
    """Return the level of every partner on a date: ``partner``, ``level``, ``since``.

    Loads ``partnership_upgrades`` and calls :func:`ngkt_analysis.metrics.partner_levels`.

    Examples
    --------
    >>> partner_levels("2024-12-31").set_index("partner").at["USA", "level"]
    'comprehensive_strategic'
    """
    from ngkt_analysis.metrics.partnerships import partner_levels as levels

    return levels(load("partnership_upgrades", data_dir), as_of)


def __getattr__(name: str):
    """Import the heavier subpackages on first use: ``ngkt.extract``, ``ngkt.reports``."""
    if name in {"extract", "metrics", "reports"}:
        import importlib

        return importlib.import_module(f"ngkt_analysis.{name}")
    raise AttributeError(f"module 'ngkt_analysis' has no attribute {name!r}")
