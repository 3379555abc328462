"""Report parameters: declared once, in the notebook's own ``parameters`` cell, validated early.

A notebook declares each parameter as an annotated literal with a comment, the same line an
analyst reads in JupyterLab::

    partner: str = "USA"  # ISO3 code or any alias from the partners dataset
    lang: Literal["vi", "en"] = "en"  # language of the title and summary

The annotation gives the type (``str``, ``int``, ``float``, ``bool``) or the allowed values
(``Literal[...]``), the literal the default and the comment the help. What a value *means*
(a partner, a year inside the data) is keyed by the parameter's name in :data:`DOMAINS`, so every
notebook that says ``year`` gets the same check. Everything here runs before any kernel starts.
"""

from __future__ import annotations

import ast
import datetime as dt
import io
import json
import re
import tokenize
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ngkt_analysis.errors import ParameterError, PartnerError
from ngkt_analysis.paths import notebooks_dir

_TYPES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}
_TRUE, _FALSE = {"true", "yes", "1", "on"}, {"false", "no", "0", "off"}


@dataclass(frozen=True)
class Param:
    """One declared parameter of a report notebook."""

    name: str
    type: type
    default: Any
    help: str = ""
    choices: tuple[Any, ...] | None = None

    @property
    def type_name(self) -> str:
        """Return the type as shown to users (``str``, ``int``, ``one of vi, en``)."""
        if self.choices is not None:
            return "one of " + ", ".join(map(str, self.choices))
        return self.type.__name__


# --------------------------------------------------------------------------- notebooks


def notebook_kinds() -> list[str]:
    """Return the report kinds shipped in ``notebooks/`` (file stems, sorted)."""
    return sorted(p.stem for p in notebooks_dir().glob("*.ipynb"))


def resolve_notebook(name: str | Path) -> Path:
    """Return the notebook file for a report kind (``partner_profile``) or a path to an .ipynb.

    Raises
    ------
    ParameterError
        When neither a kind nor an existing notebook file matches, listing the kinds.
    """
    text = str(name)
    if text.endswith(".ipynb"):
        path = Path(text)
        if path.is_file():
            return path
    else:
        path = notebooks_dir() / f"{text}.ipynb"
        if path.is_file():
            return path
    raise ParameterError("notebook", text, "one of " + ", ".join(notebook_kinds()))


def parameters_cell(nb: Mapping[str, Any]) -> str:
    """Return the source of the cell tagged ``parameters`` ('' when there is none).

    Works on the notebook's plain JSON (nbformat's import costs a second; validation needs none).
    """
    for cell in nb.get("cells", []):
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.get("cell_type") == "code" and "parameters" in tags:
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else source
    return ""


def parse_parameters(source: str, where: str = "notebook") -> dict[str, Param]:
    """Parse annotated assignments and their trailing comments into :class:`Param` specs.

    Examples
    --------
    >>> spec = parse_parameters('lang: Literal["vi", "en"] = "en"  # language of the prose')
    >>> spec["lang"].choices, spec["lang"].default, spec["lang"].help
    (('vi', 'en'), 'en', 'language of the prose')
    """
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    spec: dict[str, Param] = {}
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name)):
            continue
        name = node.target.id
        try:
            default = ast.literal_eval(node.value) if node.value is not None else None
        except ValueError as exc:
            raise ParameterError(name, ast.unparse(node.value), "a literal default", where) from exc
        ann, choices = node.annotation, None
        if isinstance(ann, ast.Subscript) and ast.unparse(ann.value).endswith("Literal"):
            choices = ast.literal_eval(ann.slice)
            choices = choices if isinstance(choices, tuple) else (choices,)
            kind = type(choices[0])
        else:
            kind = _TYPES.get(ast.unparse(ann), str)
        spec[name] = Param(name, kind, default, comments.get(node.lineno, ""), choices)
    return spec


@lru_cache(maxsize=32)
def _spec_cached(path: str, _mtime: int) -> dict[str, Param]:
    with open(path, encoding="utf-8") as fh:
        nb = json.load(fh)
    return parse_parameters(parameters_cell(nb), Path(path).stem)


def notebook_spec(notebook: str | Path) -> dict[str, Param]:
    """Return the parameters a notebook declares, in declaration order."""
    path = resolve_notebook(notebook)
    return _spec_cached(str(path), path.stat().st_mtime_ns)


# --------------------------------------------------------------------------- domains


@lru_cache(maxsize=1)
def _years_cached(stamp: tuple[str, ...]) -> tuple[int, int]:
    import ngkt_analysis as ngkt

    years: list[int] = []
    for name, column in (
        ("trade_annual", "year"),
        ("events", "date"),
        ("partnership_upgrades", "date"),
    ):
        try:
            df = ngkt.load(name)
        except ValueError:  # a dataset not yet present does not bound the others
            continue
        col = df[column]
        col = col.dt.year if column == "date" else col
        if len(col):
            years += [int(col.min()), int(col.max())]
    if not years:
        return (1900, dt.date.today().year)
    return (min(years), max(years))


def data_years() -> tuple[int, int]:
    """Return the first and last year covered by trade, events and upgrades."""
    from ngkt_analysis.datasets import catalog
    from ngkt_analysis.paths import data_dir

    folder = data_dir()
    stamp = tuple(
        f"{r['path']}:{(folder / r['path']).stat().st_mtime_ns}"
        for r in catalog()["resources"]
        if (folder / r["path"]).is_file()
    )
    return _years_cached(stamp)


def _partner(value: str, name: str) -> str:
    from ngkt_analysis.partners import resolve_partner

    try:
        return resolve_partner(value)
    except PartnerError as exc:
        hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
        raise ParameterError(
            name, value, "an ISO3 code or any name or alias listed in partners.csv" + hint
        ) from None


def _year(value: int, name: str) -> int:
    first, last = data_years()
    if not first <= value <= last:
        raise ParameterError(name, value, f"a year covered by the data, {first} to {last}")
    return value


def _year_range(value: str, name: str) -> str:
    first, last = data_years()
    allowed = f"FIRST:LAST with {first} <= FIRST <= LAST <= {last} (quote it in YAML)"
    m = re.fullmatch(r"\s*(\d{4})\s*:\s*(\d{4})\s*", str(value))
    if not m or not first <= int(m[1]) <= int(m[2]) <= last:
        raise ParameterError(name, value, allowed)
    return f"{m[1]}:{m[2]}"


def _positive(value: int, name: str) -> int:
    if value < 1:
        raise ParameterError(name, value, "a whole number of at least 1")
    return value


def _iso_date(value: str, name: str) -> str:
    if value == "":
        return value
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ParameterError(name, value, "a date written YYYY-MM-DD") from None


def _partner_list(value: str, name: str) -> str:
    from ngkt_analysis.reports.facts import parse_partners

    try:
        return ",".join(parse_partners(value))
    except PartnerError as exc:
        hint = f" (did you mean: {', '.join(exc.suggestions)}?)" if exc.suggestions else ""
        raise ParameterError(
            name,
            value,
            f"2 to 6 codes, names or aliases, comma-separated; {exc.given!r} is none" + hint,
        ) from None
    except ParameterError as exc:
        raise ParameterError(name, value, exc.allowed) from None


def _bloc(value: str, name: str) -> str:
    from ngkt_analysis.reports.facts import resolve_bloc

    try:
        return resolve_bloc(value)
    except ParameterError as exc:
        raise ParameterError(name, value, exc.allowed) from None


def _agreement(value: str, name: str) -> str:
    from ngkt_analysis.reports.facts import resolve_agreement

    try:
        return resolve_agreement(value)
    except ParameterError as exc:
        raise ParameterError(name, value, exc.allowed) from None


def _year_or_date(value: Any, name: str) -> Any:
    """``start``/``end``: a year where the notebook declares an int, else a date."""
    if isinstance(value, int) and not isinstance(value, bool):
        return _year(value, name)
    if str(value).strip() == "":
        raise ParameterError(name, value, "a date written YYYY-MM-DD")
    return _iso_date(str(value), name)


def _articles(value: str, name: str) -> str:
    """Check an article folder or file; make it absolute (the kernels run in the output folder)."""
    if value == "":
        return value
    path = Path(value).expanduser()
    if path.is_dir():
        usable = any(path.glob("*.txt")) or any(path.glob("*.jsonl"))
    else:
        usable = path.is_file() and path.suffix.lower() in {".txt", ".jsonl", ".md"}
    if not usable:
        allowed = "a folder of .txt/.jsonl articles, a .txt or .jsonl file, or '' (the samples)"
        raise ParameterError(name, value, allowed)
    return str(path.resolve())


DOMAINS: dict[str, Callable[[Any, str], Any]] = {
    "partner": _partner,
    "year": _year,
    "since": _year,
    "start": _year_or_date,
    "end": _year_or_date,
    "agreement": _agreement,
    "bloc": _bloc,
    "partners": _partner_list,
    "years": _year_range,
    "top_n": _positive,
    "run_date": _iso_date,
    "published": _iso_date,
    "articles": _articles,
}
"""What a parameter name means, whatever the notebook: a check that returns the canonical value."""


# --------------------------------------------------------------------------- validation


def _coerce(param: Param, value: Any, where: str) -> Any:
    """Turn a CLI string or a YAML value into the declared type, or refuse it."""
    kind = param.type
    if kind is str and isinstance(value, int | float) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str) and kind is not str:
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() not in _TRUE | _FALSE:
                    raise ValueError(text)
                value = text.lower() in _TRUE
            else:
                value = kind(text)
        except ValueError:
            raise ParameterError(
                param.name, value, f"a value of type {kind.__name__}", where
            ) from None
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ParameterError(param.name, value, f"a value of type {kind.__name__}", where)
    if param.choices is not None and value not in param.choices:
        raise ParameterError(
            param.name, value, "one of " + ", ".join(map(str, param.choices)), where
        )
    return value


def validate(notebook: str | Path, given: Mapping[str, Any]) -> dict[str, Any]:
    """Check parameters against a notebook's declaration; return every parameter's value.

    Defaults fill what is not given; values from the command line (strings) are converted;
    partners come back as ISO3 codes. Nothing here starts a kernel.

    Raises
    ------
    ParameterError
        Naming the parameter, the value given and what is allowed.

    Examples
    --------
    >>> validate("annual_review", {"year": "2023"})["year"]
    2023
    >>> validate("annual_review", {"year": "1066"})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ngkt_analysis.errors.ParameterError: annual_review: parameter 'year': got 1066; ...
    """
    path = resolve_notebook(notebook)
    where = path.stem
    spec = notebook_spec(path)
    unknown = [k for k in given if k not in spec]
    if unknown:
        allowed = (
            "one of " + ", ".join(spec) if spec else "none (this notebook takes no parameters)"
        )
        raise ParameterError(unknown[0], given[unknown[0]], allowed, where)
    values: dict[str, Any] = {}
    for name, param in spec.items():
        if name not in given:
            values[name] = param.default
            continue
        value = _coerce(param, given[name], where)
        check = DOMAINS.get(name)
        if check is not None:
            try:
                value = check(value, name)
            except ParameterError as exc:
                raise ParameterError(exc.name, exc.given, exc.allowed, where) from None
        values[name] = value
    return values


def parse_assignments(pairs: list[str]) -> dict[str, str]:
    """Split ``-p name=value`` options into a dict (values stay strings).

    Examples
    --------
    >>> parse_assignments(["partner=Mỹ", "years=2015:2025"])
    {'partner': 'Mỹ', 'years': '2015:2025'}
    """
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise ParameterError("-p", pair, "NAME=VALUE, e.g. -p partner=USA")
        out[name.strip()] = value
    return out
