"""The Dask engine on a LocalCluster of two worker processes: same pages, survives a dead worker."""

import os
import re
import signal
import sys
from pathlib import Path

import nbformat
import pytest

distributed = pytest.importorskip("distributed")
import dask  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from ngkt_analysis.cli import app  # noqa: E402
from ngkt_analysis.errors import ParameterError  # noqa: E402
from ngkt_analysis.reports import dask_engine, engines, export  # noqa: E402
from ngkt_analysis.reports.execute import Job, render_batch  # noqa: E402
from ngkt_analysis.reports.index import MANIFEST_DIR  # noqa: E402

TINY = Path(__file__).parents[1] / "fixtures" / "notebooks" / "tiny.ipynb"
CELL_NUMBER = re.compile(r"Cell In\[\d+\]")


pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("stable_data_hash")]


@pytest.fixture(scope="module")
def slow_tiny(tmp_path_factory):
    """The tiny notebook with a ``sleep`` parameter, so a worker can be killed mid-report."""
    nb = nbformat.read(TINY, as_version=4)
    params = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    params.source += "\nsleep: float = 0.0  # seconds to wait before the chart"
    nb.cells.append(nbformat.v4.new_code_cell("import time\n\ntime.sleep(sleep)"))
    nb.cells[-1].id = "sleepcell"
    path = tmp_path_factory.mktemp("nb") / "slow_tiny.ipynb"
    nbformat.write(nb, path)
    return str(path)


def test_local_and_dask_engines_write_byte_identical_pages(client, tmp_path):
    jobs = [
        Job(str(TINY), {"n": 2}),
        Job(str(TINY), {"n": 3, "label": "Việt Nam", "lang": "vi"}),
        Job(str(TINY), {"fail": True}),
        Job("trade_overview", {"start": 2015, "lang": "vi"}),
    ]
    local = render_batch(jobs, tmp_path / "local", workers=1)
    seen = []
    on_dask = render_batch(
        jobs,
        tmp_path / "dask",
        engine="dask",
        engine_options={"client": client},
        on_result=lambda r, d, t: seen.append((r.name, d, t)),
    )
    assert [r.status for r in on_dask] == ["ok", "ok", "failed", "ok"]
    assert [r.status for r in local] == [r.status for r in on_dask]
    assert sorted(d for _, d, _ in seen) == [1, 2, 3, 4] and {t for *_, t in seen} == {4}
    for a, b in zip(local, on_dask, strict=True):
        page_a = (tmp_path / "local" / a.html).read_text()
        page_b = (tmp_path / "dask" / b.html).read_text()
        if a.status == "ok":
            assert page_a == page_b, a.name
            assert (tmp_path / "local" / a.ipynb).read_bytes() == (
                tmp_path / "dask" / b.ipynb
            ).read_bytes()
        else:  # a traceback names the kernel's cell counter, which depends on its history
            assert "boom on purpose" in page_b
            assert CELL_NUMBER.sub("", page_a) == CELL_NUMBER.sub("", page_b)
    for name in ("index.html", *(f"{MANIFEST_DIR}/{r.name}.json" for r in local)):
        text_a, text_b = ((tmp_path / e / name).read_text() for e in ("local", "dask"))
        assert CELL_NUMBER.sub("", text_a) == CELL_NUMBER.sub("", text_b), name

    # --resume: nothing changed, so nothing goes to the cluster
    def refuse(*args, **kwargs):
        raise AssertionError("a task was submitted")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(client, "submit", refuse)
        again = render_batch(
            jobs[:2], tmp_path / "dask", engine="dask", engine_options={"client": client},
            resume=True,
        )  # fmt: skip
    assert [r.status for r in again] == ["skipped", "skipped"]


def test_a_worker_killed_mid_batch_loses_no_report_and_writes_none_twice(
    client, slow_tiny, tmp_path, monkeypatch
):
    writes: dict[str, int] = {}
    write_atomic = export.write_atomic

    def counting(path, text):
        writes[Path(path).name] = writes.get(Path(path).name, 0) + 1
        write_atomic(path, text)

    monkeypatch.setattr(export, "write_atomic", counting)
    killed = []
    pids = client.run(os.getpid)

    def kill_a_busy_worker(result, done, total):
        """SIGKILL (as the OOM killer would) a worker that is running a report right now."""
        if killed:
            return
        busy = [w for w, keys in client.processing().items() if keys]
        if busy:
            killed.append(busy[0])
            os.kill(pids[busy[0]], signal.SIGKILL)

    jobs = [Job(slow_tiny, {"n": n, "sleep": 0.8}) for n in range(2, 10)]
    results = render_batch(
        jobs,
        tmp_path,
        engine="dask",
        engine_options={"client": client},
        on_result=kill_a_busy_worker,
    )
    assert killed, "no worker was busy when the first report came back"
    assert [r.status for r in results] == ["ok"] * len(jobs)
    names = [r.name for r in results]
    assert len(set(names)) == len(jobs)
    for name in names:  # each page, notebook and manifest written exactly once
        assert writes[f"{name}.html"] == writes[f"{name}.ipynb"] == writes[f"{name}.json"] == 1
        assert f"n={name.split('-')[1]}" in (tmp_path / f"{name}.html").read_text()
    index = (tmp_path / "index.html").read_text()
    assert index.count('class="status-ok"') == len(jobs)
    assert 'class="status-failed"' not in index
    assert sorted(re.findall(r'href="(slow_tiny-[^"]+\.html)"', index)) == sorted(
        f"{n}.html" for n in names
    )
    manifests = sorted(p.stem for p in (tmp_path / MANIFEST_DIR).glob("*.json"))
    assert manifests == sorted(names)
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left behind
    client.wait_for_workers(2, timeout=60)  # the nanny brought the worker back


def test_workers_with_other_data_are_refused():
    class Cluster:
        def run(self, fn):
            return {"tcp://10.0.0.9:4000": {"version": "0.0.1", "data": "f" * 64}}

    with pytest.raises(ParameterError, match=r"tcp://10.0.0.9:4000.*version 0.0.1 \(here 0.1"):
        dask_engine.DaskEngine()._check_workers(Cluster())


def test_an_unreachable_scheduler_is_a_user_error(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"- notebook: {TINY}\n", encoding="utf-8")
    args = ["batch", str(plan), "-o", str(tmp_path), "--engine", "dask"]
    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        result = CliRunner().invoke(app, [*args, "--scheduler", "tcp://127.0.0.1:1"])
    assert result.exit_code == 2
    assert "option '--scheduler': got 'tcp://127.0.0.1:1'" in result.stderr


def test_without_the_extra_dask_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.delitem(engines._ENGINES, "dask")
    monkeypatch.delitem(sys.modules, "ngkt_analysis.reports.dask_engine")
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ParameterError, match=r'pip install "ngkt-analysis\[dask\]"'):
        engines.get("dask")
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"- notebook: {TINY}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(plan), "-o", str(tmp_path), "--engine", "dask"])
    assert result.exit_code == 2
    assert 'pip install "ngkt-analysis[dask]"' in result.stderr
    assert not list(tmp_path.glob("*.html"))  # refused before anything ran
    assert "dask" in engines.names()  # still listed: it exists, its extra is missing


def test_scheduler_without_the_dask_engine_is_refused(tmp_path):
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"- notebook: {TINY}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["batch", str(plan), "--scheduler", "tcp://h:8786"])
    assert result.exit_code == 2
    assert "--scheduler" in result.stderr and "--engine dask" in result.stderr
