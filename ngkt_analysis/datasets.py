"""The catalog (``data/datapackage.json``) turned into typed, validated DataFrames.

One mechanism serves every table: the catalog's Frictionless Table Schema is translated into a
pandera schema over the raw text of the CSV (so every failure keeps its line and column), the
failures become one :class:`~ngkt_analysis.errors.DatasetError`, and only then are the columns
typed (dates, categories, lists, numbers).

Conventions the catalog adds to the standard (extra keys are allowed by Frictionless):

- ``ngkt:list``: the cell holds a list separated by this string (``;``).
- ``ngkt:enumItems``: allowed values for each item of a list cell.
- ``ngkt:precisionField``: a partial ISO date whose length must match that precision column.
- ``ngkt:precisionFromLength``: a partial ISO date whose precision is read from its length.
- ``ngkt:notAfterToday``: a year or date that cannot lie in the future.
- ``ngkt:totalOf``: ``{"total": t, "parts": [...], "key": [...]}``: a row holding ``t`` may
  not sit beside rows holding every one of ``parts`` for the same key (a ``turnover`` is never
  stored beside both ``exports`` and ``imports`` of a partner-year; beside one it is the stated
  total).
- ``unit``: the unit of a numeric column.
- ``ngkt:gaps`` (per resource): the known gaps, in words; carried to ``df.attrs["gaps"]``.
- ``ngkt:coverage`` (per resource): how full the table is, measured by :func:`coverage`: a grid
  of keys (``{"partner": [...], "year": [first, last]}``) and which values of ``column`` make a
  cell complete (any one of the ``complete`` sets), with the ``target_pct`` the data aim for.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ngkt_analysis.atomic import write_atomic
from ngkt_analysis.errors import DatasetError, Problem, UnknownDatasetError
from ngkt_analysis.hashing import sha256_file, sha256_json
from ngkt_analysis.paths import bundled_data_dir, cache_dir
from ngkt_analysis.paths import data_dir as resolve_data_dir

CATALOG_FILE = "datapackage.json"


def catalog_field(resource: str, field: str) -> dict[str, Any]:
    """Return one field's declaration in the bundled catalog (vocabularies are declared there).

    Examples
    --------
    >>> catalog_field("events", "type")["constraints"]["enum"][:2]
    ['conference', 'visit']
    """
    with open(bundled_data_dir() / CATALOG_FILE, encoding="utf-8") as fh:
        resources = {r["name"]: r for r in json.load(fh)["resources"]}
    return next(f for f in resources[resource]["schema"]["fields"] if f["name"] == field)


def ordered_dtype(field: dict[str, Any]) -> pd.CategoricalDtype:
    """Return the one ordered dtype of a catalog field with ``ngkt:ordered``.

    ``"descending"``: the enum lists the highest value first; ``"ascending"``: lowest first.
    Either way the categories run lowest to highest, so a higher value compares greater.
    """
    values = list(field["constraints"]["enum"])
    if field.get("ngkt:ordered") == "descending":
        values.reverse()
    return pd.CategoricalDtype(values, ordered=True)


_LEVEL_FIELD = catalog_field("partnership_upgrades", "level")
LEVELS: tuple[str, ...] = tuple(_LEVEL_FIELD["constraints"]["enum"])
"""Framework levels, highest first (the order Vietnamese official texts use), from the catalog."""
LEVEL_DTYPE = ordered_dtype(_LEVEL_FIELD)
"""The one dtype of ``level`` everywhere (loader and metrics): a higher level compares greater.

Examples
--------
>>> s = pd.Series(["strategic", "special", "comprehensive"], dtype=LEVEL_DTYPE)
>>> s.max(), (s >= "strategic").tolist()
('special', [True, True, False])
"""
PRECISIONS: tuple[str, ...] = ("day", "month", "year")
_DATE_LENGTH = {"day": 10, "month": 7, "year": 4}
_PAD = {10: "", 7: "-01", 4: "-01-01"}
_PRECISION_OF_LENGTH = {10: "day", 7: "month", 4: "year"}
_INTEGER = r"-?\d+"
_NUMBER = r"-?\d+(?:\.\d+)?"
_PARTIAL_DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"


# --------------------------------------------------------------------------- catalog


def catalog(data_dir_: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """Return the Data Package descriptor that governs ``data_dir_``.

    A data folder without its own ``datapackage.json`` is checked against the bundled one.

    Examples
    --------
    >>> [r["name"] for r in catalog()["resources"]][:2]
    ['partners', 'partnership_upgrades']
    """
    folder = resolve_data_dir(data_dir_)
    path = folder / CATALOG_FILE
    if not path.is_file():
        path = bundled_data_dir() / CATALOG_FILE
    return _read_catalog(str(path), path.stat().st_mtime_ns)


@lru_cache(maxsize=8)
def _read_catalog(path: str, _mtime: int) -> dict[str, Any]:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _resource(name: str, cat: dict[str, Any]) -> dict[str, Any]:
    by_name = {r["name"]: r for r in cat["resources"]}
    if name not in by_name:
        raise UnknownDatasetError(name, list(by_name))
    return by_name[name]


# --------------------------------------------------------------------------- reading


def _display(path: Path) -> str:
    """Show data files relative to the working directory when possible (no absolute paths)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_rows(path: Path, fields: list[str]) -> tuple[pd.DataFrame, list[int]]:
    """Read a CSV as text, keeping the first physical line of every record."""
    shown = _display(path)
    if not path.is_file():
        raise DatasetError([Problem(shown, None, None, None, "an existing CSV file")])
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, strict=True)
            header = next(reader, None)
            if header is None:
                raise DatasetError([Problem(shown, 1, None, None, "a header row")])
            header = [h.strip().lstrip("\ufeff") for h in header]
            rows: list[list[str]] = []
            lines: list[int] = []
            start = reader.line_num + 1
            for row in reader:
                if not any(cell.strip() for cell in row):
                    start = reader.line_num + 1
                    continue
                if len(row) != len(header):
                    raise DatasetError(
                        [Problem(shown, start, None, f"{len(row)} fields", f"{len(header)} fields")]
                    )
                rows.append(row)
                lines.append(start)
                start = reader.line_num + 1
    except UnicodeDecodeError as exc:
        raise DatasetError(
            [Problem(shown, None, None, None, f"UTF-8 text ({exc.reason})")]
        ) from exc
    except csv.Error as exc:
        raise DatasetError([Problem(shown, start, None, None, f"valid CSV ({exc})")]) from exc
    missing = [f for f in fields if f not in header]
    if missing:
        raise DatasetError(
            [Problem(shown, 1, m, None, f"a column named '{m}' in the header") for m in missing]
        )
    frame = pd.DataFrame(rows, columns=header, dtype=object)
    return frame, lines


# --------------------------------------------------------------------------- schema


def _items(values: pd.Series, sep: str | None) -> pd.DataFrame:
    """Explode list cells into (row index, item) pairs, dropping empty cells."""
    s = values[values != ""]
    s = s.str.split(sep) if sep else s.map(lambda v: [v])
    out = s.explode()
    return out.rename("item").to_frame()


def _field_checks(
    field: dict[str, Any], refs: dict[str, tuple[str, frozenset[str]]]
) -> list[tuple[str, Callable]]:
    """Return (expected, vectorised predicate over the raw text) pairs for one field."""
    checks: list[tuple[str, Callable[[pd.Series], pd.Series]]] = []
    cons = field.get("constraints", {})
    kind = field.get("type", "string")
    sep = field.get("ngkt:list")
    today = dt.date.today()

    def nonempty(pred: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
        return lambda s: (s == "") | pred(s)

    def each_item(pred: Callable[[pd.Series], pd.Series]) -> Callable[[pd.Series], pd.Series]:
        def check(s: pd.Series) -> pd.Series:
            items = _items(s, sep)
            bad = items.index[~pred(items["item"]).to_numpy()]
            return pd.Series(~s.index.isin(bad), index=s.index)

        return check

    checks.append(("text without line breaks", lambda s: ~s.str.contains(r"[\r\n]", regex=True)))
    checks.append(("NFC-normalised Unicode text", lambda s: s == s.str.normalize("NFC")))
    if cons.get("required"):
        checks.append(("a value (this column is required)", lambda s: s.str.strip() != ""))
    if kind == "integer":
        checks.append(("an integer", nonempty(lambda s: s.str.fullmatch(_INTEGER))))
    if kind == "number":
        checks.append(
            ("a number with '.' as the decimal mark", nonempty(lambda s: s.str.fullmatch(_NUMBER)))
        )
    if kind == "date":
        checks.append(("a date written YYYY-MM-DD, YYYY-MM or YYYY", nonempty(_valid_partial_date)))
    if kind == "boolean":
        words = [*field.get("trueValues", ["true"]), *field.get("falseValues", ["false"])]
        checks.append((f"one of: {', '.join(words)}", nonempty(lambda s, w=words: s.isin(w))))
    for key, op, word in (
        ("minimum", np.greater_equal, "at least"),
        ("maximum", np.less_equal, "at most"),
    ):
        if key in cons:
            bound = cons[key]
            checks.append(
                (
                    f"a value {word} {bound}",
                    nonempty(lambda s, b=bound, o=op: _num(s).pipe(o, b) | _num(s).isna()),
                )
            )
    if field.get("ngkt:notAfterToday"):
        if kind == "integer":
            checks.append(
                (f"a year not after {today.year}", nonempty(lambda s: ~(_num(s) > today.year)))
            )
        else:
            checks.append(
                (
                    f"a date not after {today.isoformat()}",
                    nonempty(lambda s: ~(_dates(s) > pd.Timestamp(today))),
                )
            )
    if "enum" in cons:
        allowed = cons["enum"]
        checks.append((f"one of: {', '.join(allowed)}", nonempty(lambda s, a=allowed: s.isin(a))))
    if "pattern" in cons:
        pat = cons["pattern"]
        checks.append(
            (f"text matching the pattern {pat}", nonempty(lambda s, p=pat: s.str.fullmatch(p)))
        )
    if "ngkt:enumItems" in field:
        allowed = field["ngkt:enumItems"]
        checks.append(
            (
                f"'{sep}'-separated items, each one of: {', '.join(allowed)}",
                each_item(lambda s, a=allowed: s.isin(a)),
            )
        )
    if field["name"] in refs:
        label, codes = refs[field["name"]]
        what = ("a partner code" if label.startswith("partners.") else "a value") + (
            f" ('{sep}'-separated list)" if sep else ""
        )
        checks.append((f"{what} listed in {label}", each_item(lambda s, c=codes: s.isin(c))))
    return checks


def _num(s: pd.Series) -> pd.Series:
    return pd.to_numeric(s.where(s.str.fullmatch(_NUMBER).fillna(False)), errors="coerce")


def _dates(s: pd.Series) -> pd.Series:
    """Partial ISO dates → the first day of their period (NaT when malformed or empty)."""
    s = s.astype("string")
    ok = s.str.fullmatch(_PARTIAL_DATE).fillna(False)
    padded = (s + s.str.len().map(_PAD).astype("string")).where(ok)
    return pd.to_datetime(padded, format="%Y-%m-%d", errors="coerce")


def _valid_partial_date(s: pd.Series) -> pd.Series:
    return _dates(s).notna()


def _schema(
    res: dict[str, Any], refs: dict[str, tuple[str, frozenset[str]]]
) -> tuple[Any, dict[str, str]]:
    """Build the pandera schema of a resource; also return check name → column for table checks."""
    import pandera.pandas as pa  # heavy: imported on first load, never at package import

    columns = {}
    for field in res["schema"]["fields"]:
        checks = [
            pa.Check(pred, error=expected, name=expected)
            for expected, pred in _field_checks(field, refs)
        ]
        columns[field["name"]] = pa.Column(object, checks=checks, nullable=False, required=True)
    table_checks, owner = [], {}
    for field in res["schema"]["fields"]:
        prec_col = field.get("ngkt:precisionField")
        if prec_col:
            name, expected = field["name"], f"a date whose length matches its '{prec_col}'"
            expected += " (day: YYYY-MM-DD, month: YYYY-MM, year: YYYY)"
            table_checks.append(
                pa.Check(
                    lambda df, n=name, p=prec_col: (
                        ((df[n] == "") & (df[p] == ""))
                        | (df[n].str.len() == df[p].map(_DATE_LENGTH))
                    ),
                    error=expected,
                    name=expected,
                )
            )
            owner[expected] = name
        total_of = field.get("ngkt:totalOf")
        if total_of:
            name, total, parts = field["name"], total_of["total"], list(total_of["parts"])
            key = list(total_of["key"])
            expected = (
                f"no '{total}' row beside {' and '.join(repr(p) for p in parts)} rows of the same "
                f"{', '.join(key)} (with the split stored, the {total} is their sum: drop it)"
            )

            def no_total_beside_parts(df, n=name, t=total, ps=parts, k=key):
                has = {p: df[n].eq(p).groupby([df[c] for c in k]).transform("any") for p in ps}
                return (df[n] != t) | ~pd.concat(has, axis=1).all(axis=1)

            table_checks.append(pa.Check(no_total_beside_parts, error=expected, name=expected))
            owner[expected] = name
    pk = res["schema"].get("primaryKey")
    return pa.DataFrameSchema(columns, checks=table_checks, unique=pk, strict=False), owner


def _problems(
    failures: pd.DataFrame,
    frame: pd.DataFrame,
    lines: list[int],
    shown: str,
    res: dict[str, Any],
    owner: dict[str, str],
) -> list[Problem]:
    pk = res["schema"].get("primaryKey") or []
    out: list[Problem] = []
    failures = failures.dropna(subset=["index"]).astype({"index": int})
    dup = failures["check"].astype(str).str.contains("uniqueness")
    for check, group in failures[~dup].groupby("check", sort=False):
        column = owner.get(str(check), group["column"].iloc[0])
        for idx in sorted(set(group["index"])):
            value = frame.at[idx, column] if column in frame.columns else None
            out.append(Problem(shown, lines[idx], column, value, str(check)))
    if dup.any():
        idx = sorted(set(failures.loc[dup, "index"]))
        keys = frame.loc[idx, pk].astype(str).agg(", ".join, axis=1)
        for key, group in keys.groupby(keys, sort=False):
            where = [lines[i] for i in group.index]
            out.append(
                Problem(
                    shown,
                    where[-1],
                    ", ".join(pk),
                    key,
                    f"a unique key ({', '.join(pk)}); it also appears on line {where[0]}",
                )
            )
    return sorted(out, key=lambda p: (p.line or 0, p.column or ""))


# --------------------------------------------------------------------------- typing


def _typed(frame: pd.DataFrame, res: dict[str, Any]) -> pd.DataFrame:
    out = frame.copy()
    for field in res["schema"]["fields"]:
        name, kind = field["name"], field.get("type", "string")
        s = out[name]
        if field.get("ngkt:list"):
            out[name] = s.map(lambda v, sep=field["ngkt:list"]: v.split(sep) if v else [])
        elif kind == "integer":
            num = pd.to_numeric(s.replace("", None))
            out[name] = num.astype("int64") if num.notna().all() else num.astype("Int64")
        elif kind == "number":
            out[name] = pd.to_numeric(s.replace("", None), errors="coerce").astype("float64")
        elif kind == "boolean":
            true = field.get("trueValues", ["true"])
            out[name] = s.isin(true).astype("boolean").where(s != "", pd.NA)
            if field.get("constraints", {}).get("required"):
                out[name] = out[name].astype(bool)
        elif kind == "date":
            out[name] = _dates(s)
            if field.get("ngkt:precisionFromLength"):
                out[f"{name}_precision"] = pd.Categorical(
                    s.str.len().map(_PRECISION_OF_LENGTH), categories=PRECISIONS
                )
        elif field.get("ngkt:ordered"):  # one ordered dtype, shared with the metrics
            out[name] = s.replace("", None).astype(ordered_dtype(field))
        elif "enum" in field.get("constraints", {}):
            out[name] = pd.Categorical(s, categories=field["constraints"]["enum"])
        else:
            out[name] = s.replace("", None)
    return out


# --------------------------------------------------------------------------- public API


def load(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load one dataset as a typed, validated DataFrame.

    Parameters
    ----------
    name : str
        A dataset declared in the catalog: ``partners``, ``partnership_upgrades``,
        ``trade_annual``, ``trade_by_partner``, ``ftas`` or ``events``.
    data_dir : path, optional
        A folder with updated CSV files (default: ``NGKT_DATA_DIR`` or the bundled data). It is
        validated exactly like the bundled data.

    Returns
    -------
    DataFrame
        Dates as ``datetime64`` (first day of the period when the precision is coarser),
        vocabularies as ``category`` (``level`` ordered: a higher level compares greater, the
        same dtype the metrics return, :data:`LEVEL_DTYPE`), numbers as floats
        with the unit in the column name, lists (aliases, members, partners) as Python lists.
        ``df.attrs`` carries the provenance: title, sources, licences, file hash, units.

    Raises
    ------
    DatasetError
        When the file breaks the catalog: names the file, line, column and what is allowed.

    Examples
    --------
    >>> up = load("partnership_upgrades")
    >>> csp = up[up["level"].eq("comprehensive_strategic")].set_index("partner")
    >>> csp.loc["USA", "date"].year
    2023
    """
    cat = catalog(data_dir)
    res = _resource(name, cat)
    path = resolve_data_dir(data_dir) / res["path"]
    refs = _references(res, data_dir)
    stamp = (path.stat().st_mtime_ns, path.stat().st_size) if path.is_file() else (0, 0)
    frame = _load_cached(str(path), stamp, json.dumps(res, sort_keys=True), refs)
    out = frame.copy()
    out.attrs = json.loads(json.dumps(frame.attrs))
    return out


def _references(
    res: dict[str, Any], data_dir_: str | os.PathLike[str] | None
) -> tuple[tuple[str, tuple[str, frozenset[str]]], ...]:
    """Each foreign-key field with the codes it may hold (hashable, so it can key the cache)."""
    refs = []
    for fk in res["schema"].get("foreignKeys", []):
        target = fk["reference"]
        ref = load(target["resource"], data_dir_)
        label = f"{target['resource']}.csv ({target['fields']})"
        refs.append((fk["fields"], (label, frozenset(ref[target["fields"]].astype(str)))))
    return tuple(refs)


@lru_cache(maxsize=32)
def _load_cached(
    path: str,
    _stamp: tuple[int, int],
    res_json: str,
    refs_key: tuple[tuple[str, tuple[str, frozenset[str]]], ...],
) -> pd.DataFrame:
    p = Path(path)
    sha = sha256_file(p)
    key = _table_key(sha, res_json, refs_key)
    typed = _cached_table(key)
    if typed is None:
        typed = _validated(p, sha, json.loads(res_json), dict(refs_key))
        _keep_table(key, typed)
    typed.attrs["path"] = _display(p)  # relative to the working directory of this process
    return typed


def _validated(
    p: Path, sha: str, res: dict[str, Any], refs: dict[str, tuple[str, frozenset[str]]]
) -> pd.DataFrame:
    """Read ``p``, validate it against its catalog entry and return the typed frame."""
    import pandera.pandas as pa

    fields = [f["name"] for f in res["schema"]["fields"]]
    frame, lines = _read_rows(p, fields)
    schema, owner = _schema(res, refs)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = _problems(exc.failure_cases, frame, lines, _display(p), res, owner)
        if not problems:  # a check crashed rather than failed: a bug here, not bad data
            raise
        raise DatasetError(problems) from None
    typed = _typed(frame, res)
    typed.attrs = {
        "name": res["name"],
        "title": res.get("title", ""),
        "description": res.get("description", ""),
        "path": _display(p),
        "sha256": sha,
        "sources": res.get("sources", []),
        "licenses": res.get("licenses", []),
        "units": {f["name"]: f["unit"] for f in res["schema"]["fields"] if "unit" in f},
        "primary_key": res["schema"].get("primaryKey", []),
        "gaps": res.get("ngkt:gaps", []),
    }
    return typed


def _table_key(sha: str, res_json: str, refs_key: tuple) -> str:
    """Return the cache key of a validated table: everything its typed frame depends on.

    The file's bytes, its catalog entry, the codes its foreign keys may hold, and the code that
    validates and types it (this module, the package, pandas and pandera versions).
    """
    refs = [(field, label, sorted(codes)) for field, (label, codes) in refs_key]
    return sha256_json([sha, json.loads(res_json), refs, _loader_version()])


@lru_cache(maxsize=1)
def _loader_version() -> list[str]:
    from importlib.metadata import version

    from ngkt_analysis import __version__

    return [sha256_file(Path(__file__)), __version__, pd.__version__, version("pandera")]


def _cached_table(key: str) -> pd.DataFrame | None:
    """Return the validated table stored under ``key``, or None (no cache, a miss, unreadable)."""
    import pickle

    folder = cache_dir()
    if folder is None:
        return None
    try:
        with open(folder / "tables" / f"{key}.pickle", "rb") as fh:
            frame = pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        return None
    return frame if isinstance(frame, pd.DataFrame) else None


def _keep_table(key: str, frame: pd.DataFrame) -> None:
    """Store a table that passed validation (best effort: a read-only cache is no error)."""
    import pickle

    folder = cache_dir()
    if folder is None:
        return
    try:
        write_atomic(folder / "tables" / f"{key}.pickle", pickle.dumps(frame, protocol=5))
    except OSError:
        pass


def coverage(name: str, data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Measure how full a table is against the grids its catalog entry declares.

    Returns
    -------
    DataFrame
        ``dataset``, ``label``, ``filled``, ``cells``, ``pct``, ``target_pct``: one row per
        ``ngkt:coverage`` grid (none when the catalog declares no grid).

    Examples
    --------
    >>> c = coverage("trade_annual").iloc[0]
    >>> int(c["cells"]), bool(c["filled"] <= c["cells"])
    (31, True)
    """
    res = _resource(name, catalog(data_dir))
    df = load(name, data_dir)
    rows = []
    for spec in res.get("ngkt:coverage", []):
        axes = {}
        for key, values in spec["grid"].items():
            first, last = (values[0], values[-1]) if key == "year" else (None, None)
            axes[key] = list(range(first, last + 1)) if key == "year" else list(values)
        keys = list(axes)
        have = df[df[keys[0]].isin(axes[keys[0]])]
        for key in keys[1:]:
            have = have[have[key].isin(axes[key])]
        seen: dict[tuple[Any, ...], set[str]] = {}  # cell -> the values found in it
        for *cell, value in have[[*keys, spec["column"]]].itertuples(index=False, name=None):
            seen.setdefault(tuple(cell), set()).add(str(value))
        sets = [set(c) for c in spec["complete"]]
        filled = sum(any(c <= values for c in sets) for values in seen.values())
        cells = int(np.prod([len(v) for v in axes.values()]))
        rows.append(
            {
                "dataset": name,
                "label": spec["label"],
                "filled": filled,
                "cells": cells,
                "pct": round(100 * filled / cells, 1) if cells else float("nan"),
                "target_pct": spec.get("target_pct"),
            }
        )
    columns = ["dataset", "label", "filled", "cells", "pct", "target_pct"]
    return pd.DataFrame(rows, columns=columns)


def data_hash(data_dir_: str | os.PathLike[str] | None = None) -> str:
    """Return a sha256 over the catalog and every data file it names (raw bytes, no parsing).

    What a report's manifest key and the datasets page record, so either is redone when any
    data file changes.
    """
    folder = resolve_data_dir(data_dir_)
    files = [CATALOG_FILE, *sorted(r["path"] for r in catalog(folder)["resources"])]
    return sha256_json([(name, sha256_file(folder / name)) for name in files])


def names(data_dir_: str | os.PathLike[str] | None = None) -> list[str]:
    """Return the dataset names the catalog declares, in catalog order."""
    return [r["name"] for r in catalog(data_dir_)["resources"]]


def datasets(data_dir: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """List the datasets with title, rows, years, coverage and file hash (each one validated).

    ``coverage_pct`` is the first grid of :func:`coverage` (NA where the catalog declares none).

    Examples
    --------
    >>> bool(datasets().set_index("name").loc["events", "rows"] >= 120)
    True
    """
    rows = []
    for name in names(data_dir):
        df = load(name, data_dir)
        when = next((c for c in ("year", "date", "signed") if c in df), None)
        period = None if when is None else df[when] if when == "year" else df[when].dt.year
        period = None if period is None else period.dropna()
        rows.append(
            {
                "name": name,
                "title": df.attrs["title"],
                "rows": len(df),
                "start": None if period is None or df.empty else int(period.min()),
                "end": None if period is None or df.empty else int(period.max()),
                "sources": df["source_url"].nunique() if "source_url" in df else 0,
                "known_gaps": len(df.attrs["gaps"]),
                "coverage_pct": next(iter(coverage(name, data_dir)["pct"]), None),
                "path": df.attrs["path"],
                "sha256": df.attrs["sha256"][:12],
            }
        )
    return pd.DataFrame(rows).astype({"start": "Int64", "end": "Int64", "coverage_pct": "Float64"})
