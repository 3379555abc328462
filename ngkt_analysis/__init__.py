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

from ngkt_analysis.datasets import LEVELS, catalog, coverage, datasets, load
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
    "coverage",
    "datasets",
    "ftas_in_force",
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


def ftas_in_force(
    partner: str,
    as_of: str | dt.date | pd.Timestamp | None = None,
    data_dir: str | os.PathLike[str] | None = None,
) -> pd.DataFrame:
    """Return the FTAs in force on a date that govern Vietnam's trade with a partner.

    ``partner`` is a code, name or alias (``"Lào"``); ``as_of`` defaults to today. An ASEAN+1
    agreement governs trade with its named partner only: Laos gets ATIGA and RCEP, not ACFTA.
    Columns ``agreement``, ``in_force``, ``name``, ``signed``
    (:func:`ngkt_analysis.metrics.agreements.in_force`).

    Examples
    --------
    >>> ftas_in_force("Lào", "2024-12-31")["agreement"].tolist()
    ['ATIGA', 'RCEP']
    >>> ftas_in_force("Hoa Kỳ", "2024-12-31").empty
    True
    """
    import datetime as _dt

    from ngkt_analysis.metrics.agreements import in_force

    code = resolve_partner(partner, data_dir)
    day = _dt.date.today() if as_of is None else as_of
    return in_force(load("fta_parties", data_dir), code, day, load("ftas", data_dir))


def __getattr__(name: str):
    """Import the heavier subpackages on first use: ``ngkt.extract``, ``ngkt.reports``."""
    if name in {"extract", "metrics", "reports"}:
        import importlib

        return importlib.import_module(f"ngkt_analysis.{name}")
    raise AttributeError(f"module 'ngkt_analysis' has no attribute {name!r}")
