"""The ``inprocess`` engine: the same pages as warm kernels, without starting one."""

import re
from pathlib import Path

import nbformat
import pytest

from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports import engines, inprocess_engine
from ngkt_analysis.reports.execute import Job, render_batch

TINY = str(Path(__file__).parents[1] / "fixtures" / "notebooks" / "tiny.ipynb")


def _task(*sources: str) -> engines.Task:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    return engines.Task("t", lambda: nb)


def test_outputs_are_what_a_kernel_sends():
    done = inprocess_engine.execute(
        _task("print('a')\nprint('b')\n1 + 1", "from IPython.display import HTML\nHTML('<b>x</b>')")
    )
    assert done.error is None
    first, second = done.nb.cells
    assert [o.output_type for o in first.outputs] == ["stream", "execute_result"]
    assert first.outputs[0].text == "a\nb\n"  # one stream output, as nbclient keeps it
    assert first.outputs[1].data == {"text/plain": "2"}
    assert second.outputs[0].data["text/html"] == "<b>x</b>"


def test_a_display_updated_later_changes_where_it_was_shown():
    done = inprocess_engine.execute(
        _task(
            "from IPython.display import display, update_display\ndisplay('draft', display_id='d')",
            "update_display('final', display_id='d')",
        )
    )
    first, second = done.nb.cells
    assert first.outputs[0].data == {"text/plain": "'final'"}  # as nbclient updates it
    assert second.outputs == []


def test_clear_output_waiting_clears_when_the_next_output_comes():
    done = inprocess_engine.execute(
        _task(
            "from IPython.display import clear_output\n"
            "print('old')\n"
            "clear_output(wait=True)\n"
            "print('kept until now')\n"
            "print('new')"
        )
    )
    assert [o.text for o in done.nb.cells[0].outputs] == ["kept until now\nnew\n"]


def test_a_failing_cell_stops_the_report_and_names_itself():
    done = inprocess_engine.execute(_task("x = 1", "1 / x\nundefined_name", "never = True"))
    assert done.failed_cell == 1
    assert "NameError: name 'undefined_name' is not defined" in done.error
    assert "\x1b[" not in done.error  # colour codes stripped, as for kernels
    assert done.nb.cells[1].outputs[-1].output_type == "error"
    assert done.nb.cells[2].outputs == []


def test_ctrl_c_in_a_cell_stops_the_run_rather_than_failing_one_report():
    with pytest.raises(KeyboardInterrupt):
        inprocess_engine.execute(_task("raise KeyboardInterrupt"))


def test_reports_start_from_an_empty_namespace():
    inprocess_engine.execute(_task("secret = 42"))
    done = inprocess_engine.execute(_task("print('secret' in globals())"))
    assert done.nb.cells[0].outputs[0].text == "False\n"


def test_it_refuses_to_run_inside_another_ipython_session(monkeypatch):
    import IPython

    monkeypatch.setattr(inprocess_engine, "_SHELL", None)
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    with pytest.raises(ParameterError, match=r"engine.*inprocess.*'local' inside an IPython"):
        inprocess_engine.shell()


@pytest.mark.slow
def test_every_report_kind_is_byte_identical_to_the_warm_kernels(rendered, report_jobs, tmp_path):
    """Both languages of every kind, charts of plotly and matplotlib, pages and notebooks."""
    out, by_label = rendered
    results = render_batch(list(report_jobs.values()), tmp_path, engine="inprocess")
    assert [r.status for r in results] == [r.status for r in by_label.values()]
    for ours in results:
        for name in (ours.html, ours.ipynb):
            assert (tmp_path / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.slow
@pytest.mark.usefixtures("stable_data_hash")
def test_the_tiny_report_matches_a_kernel_including_its_failure(tmp_path):
    jobs = [Job(TINY, {"n": 3, "label": "Việt Nam"}), Job(TINY, {"fail": True})]
    ours = render_batch(jobs, tmp_path / "inprocess", engine="inprocess")
    theirs = render_batch(jobs, tmp_path / "local", engine="local", workers=1)
    assert [r.status for r in ours] == ["ok", "failed"]
    page = (tmp_path / "inprocess" / ours[0].html).read_bytes()
    assert page == (tmp_path / "local" / theirs[0].html).read_bytes()
    assert page.count(b"<img") == 1  # the matplotlib chart, through the inline backend
    assert "boom on purpose" in ours[1].error
    # the same message, but for the cell counter (which a warm kernel also carries on)
    assert re.sub(r"In\[\d+\]", "In[n]", ours[1].error) == re.sub(
        r"In\[\d+\]", "In[n]", theirs[1].error
    )
