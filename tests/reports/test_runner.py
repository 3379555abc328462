"""The runner on a tiny fixture notebook: pages, failure isolation, determinism, resume."""

import json
import re
from pathlib import Path

import pytest

from ngkt_analysis.reports import engines, export, local_engine
from ngkt_analysis.reports.execute import Job, output_name, render_batch
from ngkt_analysis.reports.index import MANIFEST_DIR

TINY = str(Path(__file__).parents[1] / "fixtures" / "notebooks" / "tiny.ipynb")
PLOTLY_HEADER = re.compile(r"\* plotly\.js v\d")


def _plotly_divs(page: str) -> int:
    return len(re.findall(r'<div class="plotly-graph-div" id="', page))


pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("stable_data_hash")]


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """Four tiny reports on two warm kernels; the third raises on purpose."""
    out = tmp_path_factory.mktemp("batch")
    seen = []
    jobs = [
        Job(TINY, {"n": 2}),
        Job(TINY, {"n": 3, "label": "Việt Nam"}),
        Job(TINY, {"fail": True}),
        Job(TINY, {"n": 4, "lang": "vi"}),
    ]
    results = render_batch(jobs, out, workers=2, on_result=lambda r, d, t: seen.append((d, t)))
    return out, results, seen


def test_batch_renders_every_report_and_isolates_the_failure(batch):
    out, results, seen = batch
    assert [r.status for r in results] == ["ok", "ok", "failed", "ok"]
    assert sorted(seen) == [(1, 4), (2, 4), (3, 4), (4, 4)]
    failed = results[2]
    assert "boom on purpose" in failed.error
    page = (out / failed.html).read_text()
    assert "Report failed" in page and "boom on purpose" in page
    assert "raise RuntimeError" in page  # the failing cell
    assert "<th>fail</th><td>True</td>" in page  # the parameters
    assert (out / failed.ipynb).is_file()


def test_index_lists_every_report_with_status(batch):
    out, results, _ = batch
    index = (out / "index.html").read_text()
    for r in results:
        assert f'href="{r.html}"' in index
    assert index.count('class="status-failed"') == 1
    assert index.count('class="status-ok"') == 3
    assert "4 reports, 1 failed" in index


def test_page_content_charts_and_assets(batch):
    out, results, _ = batch
    page = (out / results[1].html).read_text()
    assert "label=Việt Nam lang=en n=3" in page
    assert _plotly_divs(page) == 2
    assert page.count("<img") == 1
    assert len(PLOTLY_HEADER.findall(page)) == 1  # one embedded copy of plotly.js
    assert not re.search(r"<script[^>]*src=", page)  # nothing fetched: opens offline
    assert "raise RuntimeError" not in page  # code hidden by default
    assert str(out) not in page and "/work/" not in page  # no absolute paths
    assert 'id="ngkt-fig-1"' in page and 'id="ngkt-fig-2"' in page


def test_reports_do_not_leak_state_between_each_other(batch):
    out, results, _ = batch
    for r in results:
        if r.status == "ok":
            assert "leaked=False" in (out / r.html).read_text()


def test_two_renders_are_byte_identical(batch, tmp_path):
    out, results, _ = batch
    again = render_batch([Job(TINY, {"n": 3, "label": "Việt Nam"})], tmp_path, workers=1)[0]
    assert again.name == results[1].name
    assert (tmp_path / again.html).read_bytes() == (out / results[1].html).read_bytes()
    assert (tmp_path / again.ipynb).read_bytes() == (out / results[1].ipynb).read_bytes()
    manifest = json.loads((tmp_path / MANIFEST_DIR / f"{again.name}.json").read_text())
    assert manifest["status"] == "ok" and manifest["key"] == results[1].key


def test_resume_skips_unchanged_reports_without_starting_a_kernel(batch, monkeypatch):
    out, results, _ = batch

    def no_kernel(self):
        raise AssertionError("a kernel was started")

    monkeypatch.setattr(local_engine.WarmKernel, "start", no_kernel)
    before = (out / results[0].html).stat().st_mtime_ns
    again = render_batch([Job(TINY, {"n": 2})], out, resume=True)
    assert [r.status for r in again] == ["skipped"]
    assert (out / results[0].html).stat().st_mtime_ns == before
    # a failed report is not skipped: it runs again (here: refused, since kernels are off)
    with pytest.raises(AssertionError, match="kernel was started"):
        list(render_batch([Job(TINY, {"fail": True})], out, resume=True))


def test_resume_key_changes_with_inputs(batch):
    from ngkt_analysis.reports.execute import prepare

    (a,) = prepare([Job(TINY, {"n": 2})], {"show_code": False, "assets": "inline"})
    (b,) = prepare(
        [Job(TINY, {"n": 2, "run_date": "2001-01-01"})], {"show_code": False, "assets": "inline"}
    )
    (c,) = prepare([Job(TINY, {"n": 5})], {"show_code": False, "assets": "inline"})
    (d,) = prepare([Job(TINY, {"n": 2})], {"show_code": True, "assets": "inline"})
    assert a.key == b.key  # the run date does not change what a report says
    assert len({a.key, c.key, d.key}) == 3


def test_output_names_are_readable_and_safe():
    assert output_name(
        "partner_profile", {"partner": "USA", "years": "2015:2025", "lang": "vi"}
    ) == ("partner_profile-USA-2015_2025-vi")


def test_atomic_write_leaves_old_file_on_interrupt(tmp_path, monkeypatch):
    target = tmp_path / "page.html"
    export.write_atomic(target, "old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr("os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        export.write_atomic(target, "new" * 1000)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["page.html"]  # no temp file left


def test_engine_registry_is_the_seam(tmp_path):
    """A new engine is a class; the runner does validation, export and the index around it."""

    @engines.register("echo-test")
    class EchoEngine(engines.Engine):
        def run(self, tasks):
            for task in tasks:
                yield engines.Executed(task.key, task.notebook(), error="not executed", seconds=0.0)

    results = render_batch([Job(TINY, {"n": 7})], tmp_path, engine="echo-test")
    assert results[0].status == "failed"
    assert "not executed" in (tmp_path / results[0].html).read_text()
    assert "echo-test" in engines.names()
    with pytest.raises(ValueError, match="parameter 'engine': got 'warp'"):
        engines.get("warp")


def test_shared_assets_mode_writes_one_js_file(tmp_path):
    @engines.register("fake-plotly-test")
    class FakeEngine(engines.Engine):
        def run(self, tasks):
            import nbformat

            for task in tasks:
                cell = nbformat.v4.new_code_cell("fig")
                cell.execution_count = 1
                cell.outputs = [
                    nbformat.v4.new_output(
                        "display_data",
                        data={"application/vnd.plotly.v1+json": {}, "text/html": "<div>x</div>"},
                    )
                ]
                nb = task.notebook()
                nb.cells = [cell]
                yield engines.Executed(task.key, nb)

    results = render_batch(
        [Job(TINY, {"n": 8})], tmp_path, engine="fake-plotly-test", assets="shared"
    )
    page = (tmp_path / results[0].html).read_text()
    js = export.plotly_js_name()
    assert f'src="{js}"' in page and not PLOTLY_HEADER.search(page)
    assert (tmp_path / js).is_file()
    assert len(page) < 300_000


def test_show_code_keeps_the_code_cells(tmp_path):
    @engines.register("source-test")
    class SourceEngine(engines.Engine):
        def run(self, tasks):
            for task in tasks:
                nb = task.notebook()
                for cell in nb.cells:
                    if cell.cell_type == "code":
                        cell.execution_count = 99
                yield engines.Executed(task.key, nb)

    hidden = render_batch([Job(TINY, {"n": 9})], tmp_path / "a", engine="source-test")[0]
    shown = render_batch(
        [Job(TINY, {"n": 9})], tmp_path / "b", engine="source-test", show_code=True
    )[0]
    assert "secret" not in (tmp_path / "a" / hidden.html).read_text()
    assert "secret" in (tmp_path / "b" / shown.html).read_text()
    nb = (tmp_path / "b" / shown.ipynb).read_text()
    assert '"execution_count": 99' not in nb  # renumbered 1, 2, ... like a fresh kernel


def test_a_kernel_that_cannot_start_fails_its_reports_with_the_reason(tmp_path):
    results = render_batch(
        [Job(TINY, {"n": 10}), Job(TINY, {"n": 11})],
        tmp_path,
        workers=1,
        engine_options={"kernel_name": "no-such-kernel", "retries": 1, "startup_timeout": 5},
    )
    assert [r.status for r in results] == ["failed", "failed"]
    assert "did not start after 2 attempts" in results[0].error
    assert "status-failed" in (tmp_path / "index.html").read_text()
