"""propose → accept → apply on real articles, against a copy of the data."""

import csv
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ngkt_analysis as ngkt
from ngkt_analysis.changes import apply_changes, propose
from ngkt_analysis.cli import app
from ngkt_analysis.errors import DatasetError
from ngkt_analysis.paths import bundled_data_dir

FIXTURES = Path(__file__).parent / "fixtures" / "extract"


@pytest.fixture
def data(tmp_path):
    dest = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), dest)
    return dest


@pytest.fixture
def articles(tmp_path):
    """The dev, test and final article sets (real passages), each with a url."""
    rows = []
    for name in ("dev", "test", "final"):
        with open(FIXTURES / name / "articles.jsonl", encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    rows.append({**obj, "url": f"https://news.example.vn/{obj['id']}"})
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def _read(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_propose_accept_apply(articles, data, tmp_path):
    changes = tmp_path / "changes"
    found = propose([str(articles)], changes, published="2025-06-01", data_dir=data)
    assert found.articles == 36
    # what the data already hold is matched, never proposed again
    assert found.duplicates["partnership_upgrades"] >= 20 and found.duplicates["events"] >= 10
    events = _read(changes / "events.csv")
    assert len(events) == found.rows["events"] > 0
    assert all(r["status"] == "pending" and r["source_url"].startswith("https://") for r in events)
    assert all(r["evidence"] and r["article"] for r in events)
    # a value that disagrees with the data is a conflict for review, not a change
    annual = _read(changes / "trade_annual.csv")
    assert {r["status"] for r in annual} == {"conflict"} and annual[0]["matches"]

    before = {n: (data / f"{n}.csv").read_bytes() for n in ("events", "trade_annual")}
    n_events = len(ngkt.load("events", data))
    events[0].update(status="accepted", title_en="Proposed event, checked by an analyst")
    events[1].update(status="rejected")
    _write(changes / "events.csv", events)
    added = apply_changes(changes, data)
    assert added["events"] == 1 and added["trade_annual"] == 0
    after = ngkt.load("events", data)  # still validates
    assert len(after) == n_events + 1
    assert "Proposed event, checked by an analyst" in set(after["title_en"])
    assert after["date"].is_monotonic_increasing  # the new row went where it sorts
    assert (data / "trade_annual.csv").read_bytes() == before["trade_annual"]
    # every existing line is kept as it was: the diff is the one added line
    old = before["events"].decode().splitlines()
    new = (data / "events.csv").read_text(encoding="utf-8").splitlines()
    assert len(new) == len(old) + 1 and [line for line in new if line in set(old)] == old
    assert "Proposed event, checked by an analyst" in next(ln for ln in new if ln not in old)
    assert _read(changes / "events.csv")[0]["status"] == "applied"
    # applying again changes nothing
    snapshot = (data / "events.csv").read_bytes()
    assert apply_changes(changes, data)["events"] == 0
    assert (data / "events.csv").read_bytes() == snapshot


def test_a_refused_row_writes_nothing(articles, data, tmp_path):
    changes = tmp_path / "changes"
    propose([str(articles)], changes, published="2025-06-01", data_dir=data)
    events = _read(changes / "events.csv")
    events[0].update(status="accepted")  # title_en left empty: the catalog requires it
    events[1].update(status="accepted", title_en="ok", date="2024-13-45")
    _write(changes / "events.csv", events)
    annual = _read(changes / "trade_annual.csv")
    annual[0]["status"] = "accepted"  # a conflict: the key already exists
    _write(changes / "trade_annual.csv", annual)
    files = {p.name: p.read_bytes() for p in data.iterdir()}
    reviews = {p.name: p.read_bytes() for p in changes.iterdir()}
    with pytest.raises(DatasetError) as info:
        apply_changes(changes, data)
    problems = {(Path(p.file).name, p.line, p.column) for p in info.value.problems}
    assert ("events.csv", 2, "title_en") in problems
    assert ("events.csv", 3, "date") in problems
    assert any(f == "trade_annual.csv" and line == 2 for f, line, _ in problems)
    assert {p.name: p.read_bytes() for p in data.iterdir()} == files
    assert {p.name: p.read_bytes() for p in changes.iterdir()} == reviews


def test_cli_propose_and_apply(articles, data, tmp_path):
    runner = CliRunner()
    changes = tmp_path / "c"
    out = runner.invoke(
        app, ["propose", str(articles), "-o", str(changes), "--published", "2025-06-01",
              "--data-dir", str(data)],
    )  # fmt: skip
    assert out.exit_code == 0, out.output
    assert "already in the data" in out.stdout
    bad = changes / "events.csv"
    rows = _read(bad)
    rows[0]["status"] = "acepted"
    _write(bad, rows)
    refused = runner.invoke(app, ["apply", str(changes), "--data-dir", str(data)])
    assert refused.exit_code == 2
    assert "events.csv, line 2, column 'status': found 'acepted'" in refused.stderr
    assert "Traceback" not in refused.stderr
