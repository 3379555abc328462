"""The extractor on a Dask LocalCluster of two worker processes: the same records as locally."""

import functools
import json
import sys

import pytest

distributed = pytest.importorskip("distributed")

from extract_fixtures import FIXTURES  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from ngkt_analysis import dask_map  # noqa: E402
from ngkt_analysis.cli import app  # noqa: E402
from ngkt_analysis.errors import ExtractInputError, ParameterError  # noqa: E402
from ngkt_analysis.extract.result import RECORD_TYPES  # noqa: E402
from ngkt_analysis.extract.run import extract_partition, run_extract  # noqa: E402

pytestmark = pytest.mark.slow  # starts kernels, a cluster or pip: not in `make test-fast`


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """Real articles (dev, test, final sets) and recombinations of their paragraphs: a JSONL
    file of 150 articles, some with their own publication date, and a folder of text files."""
    real = []
    for name in ("dev", "test", "final"):
        with open(FIXTURES / name / "articles.jsonl", encoding="utf-8") as fh:
            real += [json.loads(line) for line in fh if line.strip()]
    paragraphs = [p for a in real for p in a["text"].split("\n") if p.strip()]
    folder = tmp_path_factory.mktemp("archive")
    with open(folder / "articles.jsonl", "w", encoding="utf-8") as fh:
        for i in range(150):
            if i < len(real):
                text = real[i]["text"]
            else:  # three paragraphs of different articles
                text = "\n".join(paragraphs[(i * k) % len(paragraphs)] for k in (7, 11, 13))
            row = {"id": f"a{i:03d}", "text": text}
            if i % 3 == 0:
                row["published"] = f"2024-{i % 12 + 1:02d}-15"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    for a in real[:5]:
        (folder / f"{a['id']}.txt").write_text(a["text"], encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_dask_and_local_extraction_give_the_same_records(client, archive, tmp_path, fmt):
    local, on_dask = tmp_path / f"local.{fmt}", tmp_path / f"dask.{fmt}"
    n = run_extract([str(archive)], "2025-01-01", fmt, str(local))
    m = run_extract(
        [str(archive)], "2025-01-01", fmt, str(on_dask),
        engine="dask", client=client, partition_size=16,
    )  # fmt: skip
    assert n == m == 155
    if fmt == "jsonl":
        lines = local.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 155 and lines == on_dask.read_text(encoding="utf-8").splitlines()
        assert json.loads(lines[0])["id"] == "a000"  # input order: the JSONL, then the texts
        assert sum(bool(json.loads(line)["events"]) for line in lines) > 50
    else:
        for kind in RECORD_TYPES:
            a, b = (p / f"{kind}.csv" for p in (local, on_dask))
            assert a.read_bytes() == b.read_bytes(), kind
        events = (local / "events.csv").read_text(encoding="utf-8").splitlines()
        assert events[0].startswith("article_id,date_raw,year,") and len(events) > 100
        assert ",2024," in (local / "events.csv").read_text(encoding="utf-8")  # ints as ints


def test_partitions_in_flight_are_bounded(client):
    """The client reads ahead by at most ``in_flight`` partitions: memory stays flat."""
    consumed = []

    def parts():
        for i in range(12):
            consumed.append(i)
            yield [(f"p{i}", f"Sáng {i + 1}/3/2024, khai mạc hội nghị.", None)]

    seen = []
    work = functools.partial(extract_partition, fmt="jsonl")
    for done, chunk in enumerate(dask_map.map_ordered(work, parts(), client=client, in_flight=3)):
        assert len(consumed) <= done + 3
        seen.append(json.loads(chunk["jsonl"])["id"])
    assert seen == [f"p{i}" for i in range(12)]


def test_cli_extract_on_a_scheduler(client, archive, tmp_path):
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        app,
        ["extract", str(archive / "articles.jsonl"), "--format", "jsonl", "-o", str(out),
         "--engine", "dask", "--scheduler", client.scheduler.address],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 150


def test_a_bad_line_late_in_the_archive_writes_nothing(client, archive, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        (archive / "articles.jsonl").read_text(encoding="utf-8") + "{not json\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    out.write_text("earlier run\n", encoding="utf-8")
    with pytest.raises(ExtractInputError, match=r"bad.jsonl, line 151: invalid JSON"):
        run_extract([str(bad)], None, "jsonl", str(out), engine="dask", client=client)
    assert out.read_text(encoding="utf-8") == "earlier run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.jsonl", "out.jsonl"]


def test_without_the_extra_dask_says_how_to_install_it(monkeypatch, tmp_path):
    (tmp_path / "a.txt").write_text("Sáng 21/12, khai mạc hội nghị.", encoding="utf-8")
    monkeypatch.delitem(sys.modules, "ngkt_analysis.dask_map")
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ParameterError, match=r'pip install "ngkt-analysis\[dask\]"'):
        run_extract([str(tmp_path / "a.txt")], None, "jsonl", None, engine="dask")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "a.txt"), "--engine", "dask"])
    assert result.exit_code == 2 and "ngkt-analysis[dask]" in result.stderr


def test_engine_and_scheduler_are_checked(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ParameterError, match="parameter 'engine': got 'spark'; allowed: one of"):
        run_extract([str(tmp_path / "a.txt")], None, "jsonl", None, engine="spark")
    with pytest.raises(ParameterError, match=r"parameter 'scheduler'.*only with engine='dask'"):
        run_extract([str(tmp_path / "a.txt")], None, "jsonl", None, scheduler="tcp://h:8786")


def test_propose_on_a_cluster_writes_what_a_local_run_writes(client, archive, tmp_path):
    from ngkt_analysis.changes import TABLES, propose

    local, on_dask = tmp_path / "local", tmp_path / "dask"
    args = ([str(archive / "articles.jsonl")],)
    a = propose(*args, local, published="2024-06-01")
    b = propose(*args, on_dask, published="2024-06-01", engine="dask",
                scheduler=client.scheduler.address)  # fmt: skip
    assert a.rows == b.rows and sum(a.rows.values()) > 0
    for name in TABLES:
        assert (local / f"{name}.csv").read_bytes() == (on_dask / f"{name}.csv").read_bytes()
