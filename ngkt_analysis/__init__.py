"""ngkt-analysis: datasets, metrics and reports on Vietnam's economic diplomacy.

Import is light: pandas only. Plotting, pandera and the notebook machinery load on first use.

Examples
--------
>>> import ngkt_analysis as ngkt
>>> ngkt.load("events").attrs["name"]
'events'
"""

from __future__ import annotations

from ngkt_analysis.datasets import LEVELS, catalog, datasets, load
from ngkt_analysis.errors import DatasetError, ParameterError, PartnerError, UnitError
from ngkt_analysis.partners import alias_table, partner_name, resolve_partner

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
    "partner_name",
    "resolve_partner",
]


def __getattr__(name: str):
    """Import the heavier subpackages on first use: ``ngkt.extract``, ``ngkt.reports``."""
    if name in {"extract", "metrics", "reports"}:
        import importlib

        return importlib.import_module(f"ngkt_analysis.{name}")
    raise AttributeError(f"module 'ngkt_analysis' has no attribute {name!r}")
