"""The HTML blocks of a report page, rendered from the Jinja templates in ``fragments/``.

Tables, key figures, headings, notes and the provenance footer: structure lives in the
templates (autoescaped), cell text is formatted here with the message catalog's Babel helpers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from ngkt_analysis.reports.messages import fmt_number, is_gap, t


@cache
def _env() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("ngkt_analysis.reports", "fragments"),
        autoescape=True,
        keep_trailing_newline=False,
    )


def fragment(name: str, **fields: Any) -> Any:
    """Render an HTML fragment template of ``reports/fragments`` (autoescaped) for display."""
    from IPython.display import HTML

    return HTML(_env().get_template(f"{name}.html.j2").render(**fields).strip())


def _cell(value: Any, column: pd.Series, name: str, plain: Sequence[str], digits: int, lang: str):
    """One formatted cell: flags as words, numbers in the reader's convention, gaps as '–'."""
    if isinstance(value, bool | np.bool_):  # flags read as words in the report's language
        return {"text": t("yes" if value else "no", lang), "num": False}
    if name in plain or name.endswith("year"):  # years read without a thousands separator
        return {
            "text": "–"
            if is_gap(value)
            else str(int(value))
            if isinstance(value, float)
            else str(value),
            "num": False,
        }
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        return {"text": fmt_number(value, digits, lang), "num": True}
    if isinstance(value, pd.Timestamp):
        return {"text": value.strftime("%Y-%m-%d"), "num": False}
    if isinstance(value, list):
        return {"text": ", ".join(map(str, value)), "num": False}
    return {"text": "–" if is_gap(value) else str(value), "num": False}


def table(
    df: pd.DataFrame,
    columns: Mapping[str, str] | None = None,
    *,
    decimals: Mapping[str, int] | None = None,
    lang: str = "en",
    caption: str | None = None,
    plain: Sequence[str] = ("year",),
    empty: str = "–",
):
    """Return a readable HTML table: renamed headers (units in them), formatted numbers.

    ``columns`` maps column → header (and picks and orders the columns); ``decimals`` sets the
    digits per numeric column (default 1; integers 0); ``plain`` columns (years) are shown
    without thousands separators; an empty frame shows ``empty``. Deterministic HTML.
    """
    if df.empty:
        return fragment("paragraph", kind="ngkt-empty", text=empty)
    columns = dict(columns or {c: c for c in df.columns})
    decimals = dict(decimals or {})
    header = [
        {"text": h, "kind": "num" if pd.api.types.is_numeric_dtype(df[c]) else "txt"}
        for c, h in columns.items()
    ]
    digits = {c: decimals.get(c, 0 if pd.api.types.is_integer_dtype(df[c]) else 1) for c in columns}
    rows = [
        [_cell(v, df[c], c, plain, digits[c], lang) for c, v in zip(columns, row, strict=True)]
        for row in df[list(columns)].itertuples(index=False)
    ]
    return fragment("table", caption=caption, header=header, rows=rows)


def key_figures(items: Sequence[tuple[str, str]]):
    """Return a two-column header table of (label, formatted value) pairs."""
    return fragment("key_figures", items=list(items))


def heading(title: str, summary: str):
    """Return the report's title and its one-paragraph summary as HTML."""
    return fragment("heading", level=1, title=title, summary=summary)


def note(text: str | None):
    """Return one sentence of context (coverage, gaps) as HTML, set apart from the summary.

    Nothing (None: the cell shows nothing) when there is nothing to say.
    """
    return fragment("paragraph", kind="ngkt-note", text=text) if text else None


def section(title: str):
    """Return a section heading."""
    return fragment("heading", level=2, title=title, summary="")


def footer(
    provenance: Sequence[Mapping[str, Any]],
    parameters: Mapping[str, Any],
    run_date: str,
    lang: str = "en",
):
    """Return the provenance footer: datasets with sources and hashes, version, parameters, date.

    ``provenance`` is the ``attrs`` of the frames the facts were computed from (name, title,
    sources, sha256), carried by the facts: nothing here loads data or types a source.
    """
    from ngkt_analysis import __version__

    keys = ("data", "dataset", "title", "sources", "sha256", "version", "parameters", "run_date")
    return fragment(
        "footer",
        words={k: t(f"footer.{k}", lang) for k in keys},
        datasets=list(provenance),
        version=__version__,
        parameters=", ".join(f"{k}={v!r}" for k, v in parameters.items()),
        run_date=run_date,
    )
