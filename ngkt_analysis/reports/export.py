"""Executed notebook → one deterministic HTML file.

- Code cells hidden by default (``show_code=True`` keeps them), prompts never shown.
- No CDN scripts (require.js, MathJax, mermaid): the page opens offline.
- Exactly one copy of plotly.js: inline (``assets="inline"``, self-contained) or a link to one
  shared file next to the reports (``assets="shared"``, written by :func:`write_shared_assets`).
- Deterministic: figure ids are numbered per report, the page title comes from the report, no
  timestamps or absolute paths are added; :func:`normalise` renumbers execution counts and drops
  per-run metadata before export, so the kept .ipynb is deterministic too.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ngkt_analysis.atomic import write_atomic
from ngkt_analysis.paths import cache_dir

if TYPE_CHECKING:
    import nbformat


# The nbconvert template is the folder ``templates`` itself (conf.json, index.html.j2, report.css),
# flat so that the wheel's package-data glob ``templates/*`` ships all of it.
TEMPLATES = Path(__file__).parent / "templates"
ASSETS = ("inline", "shared")
LAB_ONLY = "lab-only"


def plotly_js_name() -> str:
    """Return the file name of the shared plotly.js asset (versioned)."""
    from plotly.offline import get_plotlyjs_version

    return f"plotly-{get_plotlyjs_version()}.min.js"


@lru_cache(maxsize=1)
def _plotly_js() -> str:
    from plotly.offline import get_plotlyjs

    return get_plotlyjs()


def _exporter_class():
    """Return nbconvert's HTML exporter with its last step done without CSS selectors.

    ``HTMLExporter`` ends by parsing the page with BeautifulSoup and adding ``alt`` text to
    images and ``tabindex`` to cells through soupsieve selectors, whose first use compiles
    soupsieve's grammar (0.15 s per process, most of a cold ``ngkt report``'s export). This does
    the same edits with plain ``find_all`` calls: the page is byte-identical (tested).
    """
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            langinfo = nb.metadata.get("language_info", {})
            lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
            highlight = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            data_type = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", data_type)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            soup = BeautifulSoup(page, features="html.parser")
            for img in soup.find_all("img"):  # CSS: img:not([alt])
                if not img.has_attr("alt"):
                    img.attrs["alt"] = "No description has been provided for this image"
            for name in ("jp-Cell-inputWrapper", "jp-OutputArea-output"):  # .jp-Notebook div.X
                for div in soup.find_all("div", class_=name):
                    if div.find_parent(class_="jp-Notebook") is not None:
                        div.attrs["tabindex"] = "0"
            return str(soup), resources

    return ReportExporter


@lru_cache(maxsize=4)
def _exporter(show_code: bool):
    from nbconvert.preprocessors import TagRemovePreprocessor

    exporter = _exporter_class()(
        template_name=TEMPLATES.name,
        extra_template_basedirs=[str(TEMPLATES.parent)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=False,  # images are already data URIs; True re-parses the page with bs4
    )
    # cells tagged ``lab-only`` (how-to notes for JupyterLab users) stay out of the reports
    exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={LAB_ONLY}), enabled=True)
    folder = cache_dir()
    if folder is not None:  # compiled templates: a new process skips Jinja's parse and compile
        import jinja2

        try:
            (folder / "jinja").mkdir(parents=True, exist_ok=True)
        except OSError:  # a read-only cache is no error: the templates are compiled each time
            return exporter
        exporter.environment.bytecode_cache = jinja2.FileSystemBytecodeCache(str(folder / "jinja"))
    return exporter


def warm(show_code: bool = False, assets: str = "inline") -> None:
    """Build the exporter (and read plotly.js) ahead of the first page."""
    _exporter(show_code)
    if assets == "inline":
        _plotly_js()


def normalise(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Renumber execution counts 1, 2, ... and drop per-run metadata (in place; returned).

    A warm kernel's counter carries on from earlier reports; a fresh kernel starts at 1. This
    makes both give the same notebook.
    """
    count = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        cell.metadata.pop("execution", None)
        if cell.get("execution_count") is None:
            continue
        count += 1
        cell.execution_count = count
        for out in cell.get("outputs", []):
            if out.get("output_type") == "execute_result":
                out["execution_count"] = count
    nb.metadata.pop("widgets", None)
    return nb


def to_html(
    nb: nbformat.NotebookNode,
    title: str,
    *,
    show_code: bool = False,
    assets: str = "inline",
    nav: Mapping[str, str] | None = None,
) -> str:
    """Return the report page for an executed notebook.

    ``nav`` (links back to the index and to the other-language version, and the CSV link's
    label) puts a navigation line at the top of the page.
    """
    resources: dict[str, Any] = {
        "metadata": {"name": title},
        "ngkt_css": (TEMPLATES / "report.css").read_text(encoding="utf-8"),
        "ngkt_nav": dict(nav) if nav else None,
    }
    if _uses_plotly(nb):
        if assets == "shared":
            resources["ngkt_plotly_src"] = plotly_js_name()
        else:
            resources["ngkt_plotly_inline"] = _plotly_js()
    import nbformat

    nb = nbformat.from_dict(nb)
    nb.metadata["title"] = title
    body, _ = _exporter(show_code).from_notebook_node(nb, resources=resources)
    return body


def lab_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Keep one copy of each chart in the saved notebook: the plotly JSON JupyterLab draws.

    A chart's output carries the same figure twice (plotly JSON, and HTML for the page); the
    page is written from the HTML, the ``.ipynb`` keeps the JSON only (half the size).
    """
    import copy

    out = copy.deepcopy(nb)
    for cell in out.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "application/vnd.plotly.v1+json" in data:
                data.pop("text/html", None)
    return out


def _uses_plotly(nb: nbformat.NotebookNode) -> bool:
    return any(
        "application/vnd.plotly.v1+json" in out.get("data", {})
        for cell in nb.cells
        if cell.cell_type == "code"
        for out in cell.get("outputs", [])
    )


def failure_html(
    title: str, parameters: Mapping[str, Any], error: str, cell_source: str | None = None
) -> str:
    """Return the page written in place of a report whose notebook raised (a template)."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ngkt_analysis.reports", "fragments"), autoescape=True
    )
    return (
        env.get_template("failure.html.j2").render(
            title=title,
            parameters=[(str(k), repr(v)) for k, v in parameters.items()],
            cell_source=cell_source,
            error=error,
            css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
        )
        + "\n"
    )


def write_shared_assets(folder: Path) -> Path:
    """Write the shared plotly.js next to the reports once (atomic; skipped when present)."""
    path = folder / plotly_js_name()
    if not path.is_file():
        write_atomic(path, _plotly_js())
    return path
