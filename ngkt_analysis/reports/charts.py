"""Figure builders for the reports: a title, axis labels with units and a source line on each.

Plotly draws the interactive charts; matplotlib the static ones. Both use DejaVu Sans, which has
every Vietnamese diacritic. The charts are :class:`ReportFigure`s, which render themselves
(``_repr_mimebundle_``), so importing this module leaves the user's plotly default renderer
alone (plotly's default silently drops charts when run unattended). A figure emits:

- ``application/vnd.plotly.v1+json`` for JupyterLab, and
- ``text/html``: a ``<div>`` with a deterministic id (``ngkt-fig-1``, ``ngkt-fig-2``, ... per
  report) and the call that draws it, *without* plotly.js: the HTML export adds exactly one copy;
  a figure's ``note`` (e.g. what share of the total its partner rows cover) comes first, as a
  paragraph a reader sees without the chart.

Honest by construction: a chart with no data point is not drawn (:func:`no_data` prints one
sentence instead); a line over years breaks at a missing year instead of joining its
neighbours; a date axis is padded so one event, or events on one day, still read as dates.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from ngkt_analysis.reports.messages import t

FONT = "DejaVu Sans"
FONT_STACK = f"{FONT}, Verdana, sans-serif"
PALETTE = ("#1f5fa8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#30638e", "#a0a0a0")
LEVEL_COLOURS = {
    "special": "#8d1c1c",
    "comprehensive_strategic": "#d1495b",
    "strategic": "#edae49",
    "comprehensive": "#66a182",
}
_ids = itertools.count(1)
# A small house template instead of "plotly_white": that one is embedded in every figure's JSON
# (about 10 KB each) and deep-copied on every layout update.
TEMPLATE = {
    "layout": {
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "xaxis": {"gridcolor": "#ebebeb", "linecolor": "#bbbbbb", "zerolinecolor": "#bbbbbb"},
        "yaxis": {"gridcolor": "#ebebeb", "linecolor": "#bbbbbb", "zerolinecolor": "#bbbbbb"},
        "title": {"font": {"size": 17, "color": "#1d3557"}},
    }
}


def reset_figure_ids() -> None:
    """Restart figure numbering at 1 (called between reports)."""
    global _ids
    _ids = itertools.count(1)


GEO_ASSETS = (
    "<script>window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};"
    "window.PlotlyGeoAssets.topojson.world_110m = window.PlotlyGeoAssets.topojson.world_110m"
    ' || {type: "Topology", objects: {}, arcs: []};</script>\n'
)
"""An empty base map registered where plotly.js looks first: with every base layer off and the
countries drawn from the figure's own GeoJSON, plotly.js then has nothing to fetch."""


def mimebundle(fig_dict: dict[str, Any]) -> dict[str, Any]:
    """Return plotly JSON for JupyterLab and a plotly.js-free ``<div>`` (with its note) for HTML."""
    div_id = f"ngkt-fig-{next(_ids)}"
    config = {"displaylogo": False, "responsive": True}
    html_out = pio.to_html(
        fig_dict,
        include_plotlyjs=False,
        full_html=False,
        div_id=div_id,
        config=config,
        validate=False,
    )
    note = (fig_dict.get("layout", {}).get("meta") or {}).get("ngkt_note")
    if note:
        html_out = f"<p class='ngkt-note'>{html.escape(note)}</p>\n{html_out}"
    if "geo" in fig_dict.get("layout", {}):  # our maps carry their outlines: no CDN base map
        html_out = GEO_ASSETS + html_out
    # via plotly's JSON encoder: NaN → null (a raw NaN breaks the kernel's message JSON)
    plain = json.loads(pio.to_json(fig_dict, validate=False))
    return {"application/vnd.plotly.v1+json": {**plain, "config": config}, "text/html": html_out}


class ReportFigure(go.Figure):
    """A plotly figure that displays through :func:`mimebundle`, whatever the default renderer."""

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **_: Any) -> dict:
        return mimebundle(self.to_dict())

    def _ipython_display_(self) -> None:  # plotly's own goes through the default renderer
        from IPython.display import display

        display(self._repr_mimebundle_(), raw=True)

    def show(self, *args: Any, **kwargs: Any) -> None:
        """Display as a report figure; with a renderer named, as plotly would."""
        if args or kwargs:
            return super().show(*args, **kwargs)
        self._ipython_display_()
        return None


class Notice:
    """One sentence shown where a chart would have nothing to draw (HTML and plain text)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def _repr_html_(self) -> str:
        return f"<p class='ngkt-no-data'>{html.escape(self.text)}</p>"

    def __repr__(self) -> str:
        return self.text


def no_data(text: str | None = None, lang: str = "en") -> Notice:
    """Return the sentence printed instead of an empty chart."""
    return Notice(text or t("no_points", lang))


def _has_points(df: pd.DataFrame, y: str) -> bool:
    return bool(len(df)) and bool(pd.to_numeric(df[y], errors="coerce").notna().any())


def _with_year_gaps(part: pd.DataFrame, x: str) -> pd.DataFrame:
    """Insert NaN rows for missing integer years, so the line breaks instead of bridging them."""
    xs = part[x]
    if not len(part) or not pd.api.types.is_integer_dtype(xs) or xs.duplicated().any():
        return part
    full = range(int(xs.min()), int(xs.max()) + 1)
    return part.set_index(x).reindex(full).rename_axis(x).reset_index()


def _year_axis(xs: pd.Series) -> dict[str, Any]:
    """Return the axis settings that label integer years as years (2021, never 2,021.5).

    Padded around a single year; empty for an axis that is not integer years.
    """
    if not len(xs) or not pd.api.types.is_integer_dtype(xs):
        return {}
    first, last = int(xs.min()), int(xs.max())
    update: dict[str, Any] = {"tickformat": "d", "separatethousands": False}
    if last - first <= 12:
        update["dtick"] = 1
    if first == last:
        update["range"] = [first - 1, last + 1]
    return update


def _source_text(source: str | Sequence[str], lang: str) -> str:
    """Return the chart's source line, each source named once however many datasets cite it."""
    items = [source] if isinstance(source, str) else list(source)
    parts = (part.strip() for item in items for part in item.split(";"))
    return f"{t('source', lang)}: {'; '.join(dict.fromkeys(p for p in parts if p))}"


def _wrapped(text: str, width: int = 130) -> tuple[str, int]:
    """Break a long source line after a '; ' so it fits the chart: (plotly text, line count).

    Examples
    --------
    >>> _wrapped("Source: A; B; C", width=12)
    ('Source: A; B;<br>C', 2)
    """
    lines: list[str] = []
    current = ""
    for part in text.split("; "):
        candidate = f"{current}; {part}" if current else part
        if current and len(candidate) > width:
            lines.append(current + ";")
            current = part
        else:
            current = candidate
    lines.append(current)
    return "<br>".join(lines), len(lines)


def house_layout(
    *,
    title: str,
    x_title: str,
    y_title: str,
    source: str | Sequence[str] = (),
    lang: str = "en",
    height: int = 420,
    note: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """Return the house layout: title, axis titles (with units), source line, font, margins.

    ``note`` (what the chart's data cover, in the report's language) is printed above the chart.
    ``extra`` layout keys are merged in (dicts such as ``xaxis`` key by key). Charts build their
    figure from this in one go: every later ``update_layout`` validates and copies the whole
    layout again (about 15 ms each, most of a chart's cost).
    """
    source_text, source_lines = _wrapped(_source_text(source, lang))
    source_line = {
        "text": source_text,
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -62,  # pixels below the plot area, under the axis title, whatever the height
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "top",
        "align": "left",  # a wrapped source line reads as one paragraph
        "font": {"size": 11, "color": "#555"},
    }
    layout: dict[str, Any] = {
        "title": {"text": title, "x": 0.01, "xanchor": "left"},
        "font": {"family": FONT_STACK, "size": 13},
        "template": TEMPLATE,
        "height": height,
        "margin": {"l": 70, "r": 30, "t": 80, "b": 90 + 14 * (source_lines - 1)},
        "legend": {
            "orientation": "h",
            "y": 1.0,
            "yanchor": "bottom",
            "x": 0.99,
            "xanchor": "right",
        },
        "colorway": list(PALETTE),
        "hovermode": "x unified",
        "xaxis": {"title": {"text": x_title}},
        "yaxis": {"title": {"text": y_title}, "separatethousands": True},
        "annotations": [source_line],
    }
    if note:
        layout["meta"] = {"ngkt_note": note}
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(layout.get(key), dict):
            layout[key] = {**layout[key], **value}
        elif isinstance(value, list) and isinstance(layout.get(key), list):
            layout[key] = [*layout[key], *value]
        else:
            layout[key] = value
    return layout


def lines(
    df: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    *,
    labels: dict[str, str] | None = None,
    empty: str | None = None,
    marks: dict[str, Any] | None = None,
    **kw: Any,
) -> go.Figure | Notice:
    """Return a line chart of ``y`` over ``x``, one line per ``color`` group (markers on points).

    Over integer years a missing year is a break in the line, never a segment across it.
    Without any value to draw, the ``empty`` sentence is returned instead of a chart.
    ``marks`` ({label: x}) draws a dashed vertical line at each x (e.g. an entry into force).
    """
    if not _has_points(df, y):
        return no_data(empty, kw.get("lang", "en"))
    kw.setdefault("source", df.attrs.get("sources", []))
    traces = []
    groups = [(None, df)] if color is None else list(df.groupby(color, sort=False, observed=True))
    for key, part in groups:
        name = y if key is None else str(key)
        name = (labels or {}).get(name, name)
        part = _with_year_gaps(part[[x, y]].dropna(subset=[y]), x)
        if not part[y].notna().any():
            continue
        traces.append(
            go.Scatter(
                x=part[x].tolist(),
                y=part[y].tolist(),
                name=name,
                mode="lines+markers",
                connectgaps=False,
            )
        )
    marks = marks or {}
    values = pd.to_numeric(df[y], errors="coerce")
    layout = house_layout(
        xaxis=_year_axis(df.loc[values.notna(), x]),
        # levels and shares start from zero, so a rise is drawn to scale
        yaxis={"rangemode": "tozero"} if values.min() >= 0 else {},
        shapes=[
            {
                "type": "line",
                "xref": "x",
                "yref": "y domain",
                "x0": at,
                "x1": at,
                "y0": 0,
                "y1": 1,
                "line": {"dash": "dash", "color": "#888"},
            }
            for at in marks.values()
        ],
        annotations=[
            {
                "text": label,
                "xref": "x",
                "yref": "y domain",
                "x": at,
                "y": 1,
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
            }
            for label, at in marks.items()
        ],
        **kw,
    )
    return ReportFigure(data=traces, layout=layout)


def bars(
    df: pd.DataFrame,
    x: str,
    y: str,
    color: str | None = None,
    *,
    labels: dict[str, str] | None = None,
    stacked: bool = False,
    horizontal: bool = False,
    colours: dict[str, str] | None = None,
    empty: str | None = None,
    **kw: Any,
) -> go.Figure | Notice:
    """Return a bar chart (grouped or stacked; horizontal puts ``x`` on the vertical axis).

    Rows without a value are not drawn; without any value, the ``empty`` sentence is returned.
    Over integer years each bar is one year wide, however far apart the sourced years are.
    """
    if not _has_points(df, y):
        return no_data(empty, kw.get("lang", "en"))
    df = df.dropna(subset=[y])
    kw.setdefault("source", df.attrs.get("sources", []))
    traces = []
    groups = [(None, df)] if color is None else list(df.groupby(color, sort=False, observed=True))
    for key, part in groups:
        name = y if key is None else str(key)
        part = part if horizontal else _with_year_gaps(part[[x, y]], x)
        xs, ys = part[x].tolist(), part[y].tolist()
        traces.append(
            go.Bar(
                x=ys if horizontal else xs,
                y=xs if horizontal else ys,
                name=(labels or {}).get(name, name),
                orientation="h" if horizontal else "v",
                marker_color=(colours or {}).get(name),
            )
        )
    if horizontal:  # the categories run down the vertical axis, the values along the other
        kw["x_title"], kw["y_title"] = kw["y_title"], kw["x_title"]
        axes = {
            "yaxis": {"autorange": "reversed", "separatethousands": False},
            "xaxis": {"separatethousands": True},
        }
    else:
        axes = {"xaxis": _year_axis(df[x])}
    layout = house_layout(barmode="stack" if stacked else "group", **axes, **kw)
    return ReportFigure(data=traces, layout=layout)


def timeline(
    df: pd.DataFrame,
    date: str,
    row: str,
    color: str,
    *,
    text: str | None = None,
    labels: dict[str, str] | None = None,
    colours: dict[str, str] | None = None,
    empty: str | None = None,
    **kw: Any,
) -> go.Figure | Notice:
    """Return a dot timeline: one row per ``row`` value, dots at ``date`` coloured by ``color``.

    The date axis spans the events plus a margin (at least 30 days each side), so one event or
    events on a single day still read as dates. No event: the ``empty`` sentence instead.
    """
    df = df.dropna(subset=[date])
    if not len(df):
        return no_data(empty, kw.get("lang", "en"))
    kw.setdefault("source", df.attrs.get("sources", []))
    traces = [
        go.Scatter(
            x=part[date].dt.strftime("%Y-%m-%d").tolist(),
            y=part[row].astype(str).tolist(),
            mode="markers",
            name=(labels or {}).get(str(key), str(key)),
            marker={"size": 11, "color": (colours or {}).get(str(key))},
            text=None if text is None else part[text].astype(str).tolist(),
            hovertemplate="%{y}: %{x}<br>%{text}<extra></extra>" if text else None,
        )
        for key, part in df.groupby(color, sort=False, observed=True)
    ]
    n_rows = max(df[row].nunique(), 1)
    first, last = pd.Timestamp(df[date].min()), pd.Timestamp(df[date].max())
    pad = max(pd.Timedelta(days=30), (last - first) * 0.04)
    layout = house_layout(
        height=max(320, 120 + 22 * n_rows),
        hovermode="closest",
        yaxis={"type": "category", "separatethousands": False},
        xaxis={
            "type": "date",
            "range": [(first - pad).strftime("%Y-%m-%d"), (last + pad).strftime("%Y-%m-%d")],
            "tickformat": "%b %Y" if last - first < pd.Timedelta(days=3 * 365) else "%Y",
            "separatethousands": False,
        },
        **kw,
    )
    return ReportFigure(data=traces, layout=layout)


def ladder_figure(
    ladder: pd.DataFrame,
    *,
    title: str,
    x_title: str,
    level_labels: dict[str, str],
    source: str | Sequence[str] | None = None,
    lang: str = "en",
    empty: str | None = None,
):
    """Return a static matplotlib figure: each partner's climb up the framework levels.

    ``ladder`` has ``partner`` (display name), ``level`` and ``date``. One row per partner
    (earliest first), a dot per level reached, coloured by level, joined by a line. Without a
    dated step, the ``empty`` sentence is returned instead of a chart.
    """
    if not ladder["date"].notna().any():
        return no_data(empty, lang)
    import matplotlib.pyplot as plt

    source = ladder.attrs.get("sources", []) if source is None else source
    steps = ladder.sort_values("date")
    partners = list(dict.fromkeys(steps["partner"]))  # in order of their first step
    row = {p: i for i, p in enumerate(reversed(partners))}
    with plt.rc_context({"font.family": FONT, "svg.hashsalt": "ngkt", "axes.titlesize": 12}):
        fig, ax = plt.subplots(figsize=(9, 1.2 + 0.28 * max(len(partners), 3)), dpi=100)
        for partner, part in steps.groupby("partner", sort=False):
            ys = [row[partner]] * len(part)
            ax.plot(part["date"], ys, color="#999999", lw=1, zorder=1)
        for level, label in level_labels.items():
            part = steps[steps["level"].astype(str).eq(level)]
            if len(part):
                ax.scatter(
                    part["date"],
                    part["partner"].map(row),
                    s=36,
                    color=LEVEL_COLOURS.get(level, "#555555"),
                    label=label,
                    zorder=2,
                )
        ax.set_yticks(list(row.values()), list(row.keys()), fontsize=8)
        ax.set_title(title, loc="left")
        ax.set_xlabel(x_title)
        ax.grid(axis="x", alpha=0.3)
        if len(steps):
            ax.legend(
                fontsize=8, loc="lower left", frameon=False
            )  # rows sort by first step: empty there
        fig.text(0.01, 0.005, _source_text(source, lang), fontsize=8, color="#555555")
        fig.tight_layout(rect=(0, 0.03, 1, 1))
    # closed, so the inline backend does not also show it at the end of the cell: the notebook
    # displays the returned figure (a warm kernel's second report otherwise lost it)
    plt.close(fig)
    return fig


def world_map(
    df: pd.DataFrame,
    code: str,
    category: str,
    *,
    categories: dict[str, str],
    colours: dict[str, str],
    only: list[str] | None = None,
    empty: str | None = None,
    **kw: Any,
) -> go.Figure | Notice:
    """Return a map of countries coloured by category, drawn offline from shipped outlines.

    ``categories`` maps each category (in order) to its label; countries of ``only`` (or of the
    whole world) not in ``df`` are grey. Every plotly base layer is off and the outlines travel
    in the figure, so the HTML fetches nothing at view time. Viet Nam is drawn in its own colour.
    """
    from ngkt_analysis.reports.geo import countries

    rows = df.dropna(subset=[code, category])
    if not len(rows):
        return no_data(empty, kw.get("lang", "en"))
    kw.setdefault("source", df.attrs.get("sources", []))
    geo = countries(only)
    keys = list(categories)
    z_of = {c: i + 1 for i, c in enumerate(keys)}
    z_of_code = dict(zip(rows[code].astype(str), rows[category].astype(str).map(z_of), strict=True))
    z_of_code["VNM"] = len(keys) + 1
    ids = [f["id"] for f in geo["features"]]
    z = [z_of_code.get(i, 0) for i in ids]
    palette = ["#e4e4e4", *[colours.get(c, "#555555") for c in keys], "#1d3557"]
    n = len(palette)
    scale = []
    for i, colour in enumerate(palette):  # one flat band per category
        scale += [[i / n, colour], [(i + 1) / n, colour]]
    names = dict(
        zip(rows[code].astype(str), rows[category].astype(str).map(categories), strict=True)
    )
    trace = go.Choropleth(
        geojson=geo,
        locations=ids,
        featureidkey="id",
        z=z,
        zmin=-0.5,
        zmax=n - 0.5,
        colorscale=scale,
        marker_line_color="white",
        marker_line_width=0.4,
        text=[names.get(i, "") for i in ids],
        hovertemplate="%{location}: %{text}<extra></extra>",
        colorbar={
            "tickvals": list(range(1, len(keys) + 2)),
            "ticktext": [*(categories[c] for c in keys), t("vietnam", kw.get("lang", "en"))],
            "len": 0.6,
            "thickness": 12,
        },
    )
    layout = house_layout(
        height=460,
        geo={
            "visible": False,  # no base layers: nothing to fetch from a CDN
            "projection": {"type": "natural earth"},
            "fitbounds": "locations" if only is not None else False,
        },
        hovermode="closest",
        margin={"l": 10, "r": 10, "t": 60, "b": 60},
        **kw,
    )
    return ReportFigure(data=[trace], layout=layout)
