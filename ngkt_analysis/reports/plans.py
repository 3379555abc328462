"""Batch plans: a YAML list of notebook + parameters, with matrix expansion; the default set.

A plan file::

    - notebook: partner_profile
      parameters: {years: "2015:2025"}   # quote ranges: YAML reads 2015:2025 as a number
      matrix:
        partner: {level_at_least: comprehensive_strategic}   # every partner at that level or above
        lang: [vi, en]
    - notebook: annual_review
      matrix: {year: [2023, 2024]}

expands to one :class:`~ngkt_analysis.reports.execute.Job` per combination of the matrix values
(in the order written). A top-level mapping with a ``reports:`` list is accepted too.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports.execute import Job

_ENTRY_KEYS = {"notebook", "parameters", "matrix", "name"}
DEFAULT_PROFILE_LEVEL = "strategic"
DEFAULT_REVIEW_YEARS = 3
MAIN_COMPARISONS = ("USA,CHN,JPN,KOR", "LAO,KHM", "IND,AUS,RUS,EUU")
"""The partner comparisons of the default set: the largest partners, the special partners, and
other comprehensive strategic partners with the EU."""


def partners_at_least(level: str, as_of: str | dt.date | None = None) -> list[str]:
    """Return the partners holding ``level`` or a higher one on ``as_of`` (default today).

    Examples
    --------
    >>> "USA" in partners_at_least("comprehensive_strategic")
    True
    """
    import ngkt_analysis as ngkt
    from ngkt_analysis.metrics.partnerships import partner_levels

    if level not in ngkt.LEVELS:
        raise ParameterError("level_at_least", level, "one of " + ", ".join(ngkt.LEVELS))
    held = partner_levels(ngkt.load("partnership_upgrades"), as_of or dt.date.today())
    wanted = ngkt.LEVELS[: ngkt.LEVELS.index(level) + 1]
    return held.loc[held["level"].astype(str).isin(wanted), "partner"].astype(str).tolist()


def _values(name: str, spec: Any, where: str) -> list[Any]:
    if isinstance(spec, list):
        if not spec:
            raise ParameterError(name, spec, "a non-empty list of values", where)
        return spec
    if isinstance(spec, dict) and set(spec) == {"level_at_least"}:
        return partners_at_least(spec["level_at_least"])
    raise ParameterError(name, spec, "a list of values or {level_at_least: LEVEL}", where)


def expand(entries: Any, where: str = "plan") -> list[Job]:
    """Turn plan entries (parsed YAML) into jobs, expanding each matrix.

    Examples
    --------
    >>> [j.parameters for j in expand([{"notebook": "x", "matrix": {"a": [1, 2], "b": ["u"]}}])]
    [{'a': 1, 'b': 'u'}, {'a': 2, 'b': 'u'}]
    """
    if isinstance(entries, dict) and "reports" in entries:
        entries = entries["reports"]
    if not isinstance(entries, list):
        raise ParameterError(
            "plan", type(entries).__name__, "a list of {notebook, parameters, matrix}", where
        )
    jobs: list[Job] = []
    for i, entry in enumerate(entries, 1):
        here = f"{where}, entry {i}"
        if not isinstance(entry, dict) or "notebook" not in entry:
            raise ParameterError("notebook", entry, "an entry with a 'notebook' key", here)
        extra = set(entry) - _ENTRY_KEYS
        if extra:
            raise ParameterError(
                sorted(extra)[0],
                entry[sorted(extra)[0]],
                "keys " + ", ".join(sorted(_ENTRY_KEYS)),
                here,
            )
        base = entry.get("parameters") or {}
        matrix = entry.get("matrix") or {}
        if not isinstance(base, dict) or not isinstance(matrix, dict):
            raise ParameterError("parameters", base, "a mapping of name: value", here)
        axes = [(k, _values(k, v, here)) for k, v in matrix.items()]
        combos = itertools.product(*[vals for _, vals in axes]) if axes else [()]
        for combo in combos:
            params = {**base, **dict(zip([k for k, _ in axes], combo, strict=True))}
            jobs.append(
                Job(str(entry["notebook"]), params, entry.get("name") if not axes else None)
            )
    return jobs


def load_plan(path: str | Path) -> list[Job]:
    """Read a YAML plan file and expand it.

    Raises
    ------
    ParameterError
        When the file is missing, is not YAML, or an entry is malformed.
    """
    import yaml

    p = Path(path)
    if not p.is_file():
        raise ParameterError("plan", str(path), "an existing YAML file")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ParameterError("plan", str(path), f"valid YAML ({exc})") from None
    return expand(data, p.name)


def default_plan() -> list[Job]:
    """Return the reports ``ngkt reports`` renders.

    Every report kind with its defaults, a profile of every FTA in force and every bloc, the
    main partner comparisons, the activity reviews
    of the last two years, a partner profile for
    every partner at strategic level or above, and an annual review for each of the last few
    years with trade data: all in English and Vietnamese, so every page's language link leads
    to a page of the set.
    """
    import ngkt_analysis as ngkt

    last = int(ngkt.load("trade_annual")["year"].max())
    ftas = ngkt.load("ftas")
    in_force = sorted(ftas.loc[ftas["status"].eq("in_force"), "short_name"])
    blocs = sorted({g for groups in ngkt.load("partners")["groups"] for g in groups})
    reviews = list(range(last - DEFAULT_REVIEW_YEARS + 1, last + 1))
    return expand(
        [
            {"notebook": "trade_overview", "matrix": {"lang": ["en", "vi"]}},
            {"notebook": "upgrades_timeline", "matrix": {"lang": ["en", "vi"]}},
            {"notebook": "news_digest", "matrix": {"lang": ["en", "vi"]}},
            {"notebook": "fta_profile", "matrix": {"agreement": in_force, "lang": ["en", "vi"]}},
            {"notebook": "bloc_profile", "matrix": {"bloc": blocs, "lang": ["en", "vi"]}},
            {
                "notebook": "partner_comparison",
                "matrix": {"partners": list(MAIN_COMPARISONS), "lang": ["en", "vi"]},
            },
            *(
                {
                    "notebook": "activity_review",
                    "matrix": {
                        "start": [f"{y}-01-01"],
                        "end": [f"{y}-12-31"],
                        "lang": ["en", "vi"],
                    },
                }
                for y in (last - 1, last)
            ),
            {"notebook": "annual_review", "matrix": {"year": reviews, "lang": ["en", "vi"]}},
            {
                "notebook": "partner_profile",
                "matrix": {
                    "partner": {"level_at_least": DEFAULT_PROFILE_LEVEL},
                    "lang": ["en", "vi"],
                },
            },
        ],
        "default plan",
    )
