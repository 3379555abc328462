"""The ``ngkt`` command: user errors exit 2 with one message and no kernel; failures exit 1."""

import sys
import types
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ngkt_analysis.cli import app
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports import inprocess_engine, local_engine

NOTEBOOKS = Path(__file__).parent / "fixtures" / "notebooks"
TINY = str(NOTEBOOKS / "tiny.ipynb")
DOMAINS = str(NOTEBOOKS / "domains.ipynb")

runner = CliRunner()


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if anything tries to run a notebook: a kernel, or in this process."""

    def refuse(*args, **kwargs):
        raise AssertionError("a notebook was run")

    monkeypatch.setattr(local_engine.WarmKernel, "start", refuse)
    monkeypatch.setattr(inprocess_engine, "execute", refuse)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([TINY, "-p", "bogus=1"], r"parameter 'bogus': got '1'; allowed: one of n, label, lang"),
        ([TINY, "-p", "n=three"], r"parameter 'n': got 'three'; allowed: a value of type int"),
        ([TINY, "--lang", "fr"], r"parameter 'lang': got 'fr'; allowed: one of vi, en"),
        (
            [TINY, "-p", "fail=maybe"],
            r"parameter 'fail': got 'maybe'; allowed: a value of type bool",
        ),
        ([TINY, "-p", "n"], r"parameter '-p': got 'n'; allowed: NAME=VALUE"),
        ([TINY, "-p", "run_date=yesterday"], r"parameter 'run_date': got 'yesterday'"),
        (["no_such_report"], r"parameter 'notebook': got 'no_such_report'; allowed: one of"),
        (["partner_profile", "-p", "partner=Atlantis"], r"partner_profile: parameter 'partner'"),
        (["annual_review", "-p", "year=1900"], r"annual_review: parameter 'year': got 1900"),
        (["trade_overview", "-p", "flow=both"], r"parameter 'flow': got 'both'; allowed: one of"),
        (
            ["bloc_profile", "-p", "bloc=NATO"],
            r"bloc_profile: parameter 'bloc': got 'NATO'; allowed: a group of partners.csv",
        ),
        (
            ["partner_comparison", "-p", "partners=USA"],
            r"parameter 'partners': got 'USA'; allowed: 2 to 6 different partners",
        ),
        (
            ["activity_review", "-p", "start=2024-13-01"],
            r"activity_review: parameter 'start': got '2024-13-01'; allowed: a date",
        ),
        (
            ["fta_profile", "-p", "agreement=NAFTA"],
            r"fta_profile: parameter 'agreement': got 'NAFTA'; allowed: a short or full name",
        ),
        (
            [DOMAINS, "-p", "partner=Mars"],
            r"parameter 'partner': got 'Mars'; allowed: an ISO3 code",
        ),
        ([DOMAINS, "-p", "year=1066"], r"parameter 'year': got 1066; allowed: a year covered by"),
        (
            [DOMAINS, "-p", "years=2020-2015"],
            r"parameter 'years': got '2020-2015'; allowed: FIRST:LAST",
        ),
        ([DOMAINS, "-p", "years=2020:2015"], r"parameter 'years': got '2020:2015'"),
        (
            [DOMAINS, "-p", "top_n=0"],
            r"parameter 'top_n': got 0; allowed: a whole number of at least 1",
        ),
        (
            [DOMAINS, "-p", "share=lots"],
            r"parameter 'share': got 'lots'; allowed: a value of type float",
        ),
    ],
)
def test_bad_parameters_exit_2_with_one_message_and_no_kernel(no_kernels, tmp_path, args, message):
    result = runner.invoke(app, ["report", *args, "-o", str(tmp_path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("ngkt: error: ")
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    import re

    assert re.search(message, result.stderr), result.stderr
    assert not list(tmp_path.iterdir())  # nothing written


def test_a_vietnamese_alias_is_a_valid_partner():
    from ngkt_analysis.reports.params import validate

    assert validate(DOMAINS, {"partner": "Mỹ", "years": " 2016 : 2019 "})["partner"] == "USA"
    assert validate(DOMAINS, {"years": " 2016 : 2019 "})["years"] == "2016:2019"


def test_report_help_lists_the_notebooks_parameters(no_kernels):
    result = runner.invoke(app, ["report", TINY, "--help"])
    assert result.exit_code == 0
    assert "n " in result.stdout and "int" in result.stdout
    assert "how many points to draw" in result.stdout
    assert "one of vi, en" in result.stdout


def test_plan_errors_exit_2(no_kernels, tmp_path):
    missing = runner.invoke(app, ["batch", str(tmp_path / "nope.yaml")])
    assert missing.exit_code == 2 and "an existing YAML file" in missing.stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text("- notebook: [unclosed\n")
    assert runner.invoke(app, ["batch", str(bad)]).exit_code == 2
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(f"- notebook: {TINY}\n  matrix: {{n: [1, two]}}\n")
    result = runner.invoke(app, ["batch", str(wrong)])
    assert result.exit_code == 2
    assert "parameter 'n': got 'two'" in result.stderr


def test_batch_failure_path_exits_1_and_marks_the_index(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        f"- notebook: {TINY}\n  matrix:\n    n: [2]\n    fail: [false, true]\n", encoding="utf-8"
    )
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(plan), "-o", str(out), "-w", "1", "--shared-assets"])
    assert result.exit_code == 1, result.output
    assert "1 of 2 reports written" in result.stderr
    assert "1 failed:" in result.stderr and "boom on purpose" in result.stderr
    assert "[2/2]" in result.stderr and "ETA" in result.stderr  # plain progress lines, no tty
    assert result.stdout.strip() == str(out / "index.html")
    index = (out / "index.html").read_text()
    assert 'class="status-failed"' in index and 'class="status-ok"' in index
    ok_page = (out / "tiny-2-hello-en-False.html").read_text()
    assert len(ok_page) < 300_000 and "plotly-" in ok_page


def test_datasets_command_lists_every_dataset():
    result = runner.invoke(app, ["datasets"])
    assert result.exit_code == 0, result.stderr
    for name in ("partners", "partnership_upgrades", "trade_annual", "events"):
        assert name in result.stdout


def test_extract_is_wired_to_the_library(monkeypatch, tmp_path):
    calls = []

    def run_extract(inputs, published, fmt, output, stream):
        calls.append((inputs, published, fmt, output, stream))
        if published == "bad":
            raise ParameterError("published", "bad", "a date YYYY-MM-DD")
        if fmt not in ("csv", "jsonl"):
            raise ParameterError("fmt", fmt, "csv or jsonl")
        return 0

    fake = types.ModuleType("ngkt_analysis.extract.run")
    fake.run_extract = run_extract
    monkeypatch.setitem(sys.modules, "ngkt_analysis.extract.run", fake)
    ok = runner.invoke(
        app,
        ["extract", "a.txt", "dir", "--published", "2024-05-01", "--format", "jsonl", "-o", "x"],
    )
    assert ok.exit_code == 0, ok.output
    assert calls[-1][:4] == (["a.txt", "dir"], "2024-05-01", "jsonl", "x")
    bad = runner.invoke(app, ["extract", "a.txt", "--published", "bad"])
    assert bad.exit_code == 2 and "Traceback" not in bad.stderr
    # the library names its parameter; the CLI says the option the user typed
    assert "option '--published': got 'bad'; allowed: a date YYYY-MM-DD" in bad.stderr
    fmt = runner.invoke(app, ["extract", "a.txt", "--format", "xml"])
    assert (
        fmt.exit_code == 2 and "option '--format': got 'xml'; allowed: csv or jsonl" in fmt.stderr
    )


def test_interrupt_exits_130_with_a_resume_hint(monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("ngkt_analysis.reports.execute.render_batch", interrupted)
    result = runner.invoke(app, ["report", TINY])
    assert result.exit_code == 130
    assert "--resume" in result.stderr and "Traceback" not in result.stderr


def test_report_without_a_notebook_lists_the_kinds():
    result = runner.invoke(app, ["report"])
    assert result.exit_code == 2
    assert "partner_profile" in result.stdout and "annual_review" in result.stdout
