"""The runner's pieces that need no kernel: the injected parameters and the datasets page."""

import math
import shutil

import pytest
from papermill.translators import PythonTranslator

from ngkt_analysis.paths import bundled_data_dir
from ngkt_analysis.reports.execute import codify
from ngkt_analysis.reports.index import DATASETS, write_datasets_page

VALUES = {
    "partner": 'Mỹ "Hoa Kỳ" \\ tab\there',
    "year": 2024,
    "flag": False,
    "none": None,
    "share": 0.25,
    "nan": math.nan,
    "low": -math.inf,
    "high": math.inf,
    "codes": ["USA", "Việt Nam", 3],
    "nested": {"a": [1.5], 2: "b"},
}


def test_codify_writes_what_papermill_writes():
    theirs = super(PythonTranslator, PythonTranslator).codify(VALUES, "Parameters")
    assert codify(VALUES) == theirs.rstrip("\n")
    assert codify(VALUES).isascii()  # Vietnamese letters escaped, as papermill does
    namespace: dict = {}
    exec(codify(VALUES), namespace)  # and it is Python that gives the values back
    assert namespace["partner"] == VALUES["partner"]
    assert namespace["codes"] == VALUES["codes"] and math.isnan(namespace["nan"])


@pytest.fixture
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), folder)
    monkeypatch.setenv("NGKT_DATA_DIR", str(folder))
    return folder


def test_the_datasets_page_is_rewritten_only_when_the_data_change(data_copy, tmp_path):
    site = tmp_path / "site"
    page = write_datasets_page(site)
    assert page == site / DATASETS
    first = page.stat().st_mtime_ns
    page.write_text("stale on purpose", encoding="utf-8")
    page.touch()
    # same data, same package: the page is taken as current and left alone
    assert write_datasets_page(site).read_text(encoding="utf-8") == "stale on purpose"
    events = data_copy / "events.csv"
    lines = events.read_bytes().splitlines(keepends=True)
    events.write_bytes(b"".join(lines[:-1]))  # one event fewer: the page is redone
    write_datasets_page(site)
    redone = page.read_text(encoding="utf-8")
    assert redone != "stale on purpose" and "events.csv" in redone
    assert page.stat().st_mtime_ns >= first


def test_the_report_exporter_writes_what_nbconvert_writes():
    """Our exporter skips soupsieve's selectors (0.15 s a process); the page must not change."""
    import nbformat
    from nbconvert import HTMLExporter

    from ngkt_analysis.reports.export import TEMPLATES, _exporter_class

    png = (  # one white pixel
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
    cells = [
        nbformat.v4.new_markdown_cell("# Tiêu đề ![x](data:image/png;base64," + png + ")"),
        nbformat.v4.new_code_cell(
            "print(1)",
            outputs=[
                nbformat.v4.new_output("stream", name="stdout", text="1\n"),
                nbformat.v4.new_output("display_data", data={"image/png": png}),
                nbformat.v4.new_output("execute_result", data={"text/html": "<b>x</b>"}),
            ],
        ),
    ]
    nb = nbformat.v4.new_notebook(cells=cells)
    options = {
        "template_name": TEMPLATES.name,
        "extra_template_basedirs": [str(TEMPLATES.parent)],
        "exclude_input_prompt": True,
    }
    ours, _ = _exporter_class()(**options).from_notebook_node(nb)
    theirs, _ = HTMLExporter(**options).from_notebook_node(nb)
    assert ours == theirs
    assert ours.count('tabindex="0"') >= 3  # input and outputs focusable, as nbconvert makes them
    assert 'alt="No description has been provided for this image"' in ours
