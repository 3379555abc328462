"""Keep the data current: articles → proposed rows to review → validated, atomic data changes.

``propose`` runs the extractor over articles and writes one review file per target table
(``events.csv``, ``partnership_upgrades.csv``, ``trade_by_partner.csv``, ``trade_annual.csv``):
the table's own columns, filled as far as the article allows, plus ``status`` (``pending``, or
``conflict`` where the article disagrees with a value the data hold), ``evidence`` (the
sentence), ``article``, ``confidence`` and ``matches`` (the existing row it may duplicate).
Rows the data already hold are counted, never proposed again.

An analyst sets ``status`` to ``accepted`` or ``rejected`` (and may correct any value) in a
spreadsheet; ``apply`` merges the accepted rows into the data folder. It validates the merged
tables with the catalog before writing anything (a refused row is reported with the review
file, line and column), writes atomically, keeps each file's order, and marks the rows
``applied`` so that a second ``apply`` changes nothing.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from ngkt_analysis.errors import DatasetError, ParameterError, Problem

TABLES: tuple[str, ...] = ("events", "partnership_upgrades", "trade_by_partner", "trade_annual")
"""The tables ``propose`` fills and ``apply`` merges into."""
REVIEW_COLUMNS: tuple[str, ...] = ("status", "evidence", "article", "confidence", "matches")
STATUSES: tuple[str, ...] = ("pending", "conflict", "accepted", "rejected", "applied")
RENAMED = {"status": "value_status"}
"""A table column named like a review column is shown under another name in the review file."""
SORT_KEYS: dict[str, tuple[str, ...]] = {  # the order each data file keeps
    "events": ("date", "title_en"),
    "partnership_upgrades": ("partner", "date"),
    "trade_by_partner": ("year", "partner", "flow"),
    "trade_annual": ("year", "flow"),
}
LEADERS = ("Tổng Bí thư", "Chủ tịch nước", "Thủ tướng", "Chủ tịch Quốc hội")
"""Titles that make an event high-level (led by one of the four leaders)."""
_FLOWS = {"exports": "exports", "imports": "imports", "trade_turnover": "turnover"}
_ESTIMATE_WORDS = ("ước", "dự kiến", "khoảng", "gần", "hơn")
_MONEY_TOLERANCE = 0.01  # two sources within 1% state the same value


@dataclass
class Proposal:
    """What ``propose`` wrote: rows per table, and how many were already in the data."""

    rows: dict[str, int] = field(default_factory=dict)
    duplicates: dict[str, int] = field(default_factory=dict)
    conflicts: dict[str, int] = field(default_factory=dict)
    articles: int = 0


# --------------------------------------------------------------------------- propose


def _fields(name: str, data_dir: Any) -> list[str]:
    from ngkt_analysis.datasets import catalog

    res = next(r for r in catalog(data_dir)["resources"] if r["name"] == name)
    return [f["name"] for f in res["schema"]["fields"]]


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _events(frame: pd.DataFrame, urls: Mapping[str, str], existing: pd.DataFrame) -> list[dict]:
    """Candidate event rows with a resolved date; duplicates of existing events are dropped."""
    out = []
    known = existing.explode("partners")
    for r in frame.to_dict("records"):
        date = r.get("date_resolved") or r.get("date")
        if not isinstance(date, str) or len(date) not in (4, 7, 10):
            continue  # no year: cannot be placed in time
        partners = [p for p in (r.get("partners") or []) if p != "VNM"]
        day = pd.Timestamp(date + {10: "", 7: "-01", 4: "-01-01"}[len(date)])
        near = known[(known["date"] - day).abs() <= pd.Timedelta(days=3)]
        same = (
            near[near["partners"].isin(partners)]
            if partners
            else near[near["type"].eq(r["event_type"])]
        )
        title = r.get("title") or ""
        out.append(
            {
                "date": date,
                "precision": {10: "day", 7: "month", 4: "year"}[len(date)],
                "type": r["event_type"],
                "title_vi": title,
                "title_en": "",
                "partners": ";".join(dict.fromkeys(partners)),
                "location": r.get("location") or "",
                "high_level": "true" if any(w in title for w in LEADERS) else "false",
                "note": "Proposed by ngkt propose; title_en and high_level to be checked.",
                "source_url": urls.get(r["article_id"], ""),
                "evidence": r.get("sentence", ""),
                "article": r["article_id"],
                "confidence": _confidence(len(date) == 10, bool(partners), bool(r.get("location"))),
                "matches": "; ".join(
                    f"{d:%Y-%m-%d} {t}" for d, t in zip(same["date"], same["title_en"], strict=True)
                ),
                "status": "duplicate" if len(same) else "pending",
            }
        )
    return out


def _confidence(*signals: bool) -> str:
    return f"{(1 + sum(signals)) / (1 + len(signals)):.2f}"


def _upgrades(frame: pd.DataFrame, urls: Mapping[str, str], existing: pd.DataFrame) -> list[dict]:
    """Candidate framework rows: a new partner × level, or a conflict on a known one's date."""
    out = []
    held = {
        (p, str(lv)): d
        for p, lv, d in zip(existing["partner"], existing["level"], existing["date"], strict=True)
    }
    for r in frame.to_dict("records"):
        if not r.get("partner") or not r.get("level") or r["partner"] == "VNM":
            continue
        date = r.get("date_resolved") or r.get("date")
        date = date if isinstance(date, str) and len(date) in (4, 7, 10) else ""
        row = {
            "partner": r["partner"],
            "level": r["level"],
            "date": date,
            "precision": {10: "day", 7: "month", 4: "year"}.get(len(date), ""),
            "occasion": "",
            "note": "Proposed by ngkt propose; occasion and a second source to be added.",
            "source_url": urls.get(r["article_id"], ""),
            "source_url_2": "",
            "attested": "",
            "attested_source_url": "",
            "evidence": r.get("sentence", ""),
            "article": r["article_id"],
            "confidence": _confidence(bool(date), len(date) == 10),
            "matches": "",
            "status": "pending",
        }
        key = (r["partner"], r["level"])
        if key in held:
            known = held[key]
            row["matches"] = (
                f"{key[0]} {key[1]} {'' if pd.isna(known) else f'{known:%Y-%m-%d}'}".strip()
            )
            same = not date or (
                pd.notna(known) and f"{known:%Y-%m-%d}".startswith(date[: len(date)])
            )
            row["status"] = "duplicate" if same else "conflict"
        out.append(row)
    return out


def _trade(
    frame: pd.DataFrame, urls: Mapping[str, str], existing: pd.DataFrame, by_partner: bool
) -> list[dict]:
    """Candidate trade rows: full-year USD levels of exports, imports or turnover."""
    out = []
    key_cols = ["year", "partner", "flow"] if by_partner else ["year", "flow"]
    held = {
        tuple(k[:-1]): k[-1] for k in existing[[*key_cols, "value_usd_bn"]].itertuples(index=False)
    }
    for r in frame.to_dict("records"):
        flow = _FLOWS.get(r.get("indicator") or "")
        if flow is None or r.get("unit") != "USD" or r.get("measure") != "level" or r.get("period"):
            continue  # not a full-year amount in US dollars
        if (
            pd.isna(r.get("year"))
            or (by_partner != bool(r.get("partner")))
            or r.get("partner") == "VNM"
        ):
            continue
        if not by_partner and flow == "turnover":
            continue  # trade_annual holds the two flows only
        value = float(r["value"]) / 1e9
        qualifier = r.get("qualifier") or ""
        row = {"year": str(int(r["year"])), "flow": flow}
        if by_partner:
            row["partner"] = r["partner"]
        key = tuple(row[c] if c != "year" else int(row[c]) for c in key_cols)
        row.update(
            {
                "value_usd_bn": f"{value:g}",
                "value_status": "estimate"
                if any(w in qualifier for w in _ESTIMATE_WORDS)
                else "final",
                "note": f"Proposed by ngkt propose from '{r.get('raw', '')}'; check the year, the "
                "flow and that the source reports Viet Nam's own figure.",
                "source_url": urls.get(r["article_id"], ""),
                "evidence": r.get("sentence", ""),
                "article": r["article_id"],
                "confidence": _confidence(not qualifier, bool(r.get("partner")) or not by_partner),
                "matches": "",
                "status": "pending",
            }
        )
        if key in held:
            row["matches"] = f"{' '.join(map(str, key))} = {held[key]:g}"
            close = abs(held[key] - value) <= _MONEY_TOLERANCE * max(held[key], value)
            row["status"] = "duplicate" if close else "conflict"
        out.append(row)
    return out


def _extract_partition(items: list[tuple[str, str, str | None]]) -> dict[str, pd.DataFrame]:
    """Return the extractor's frames for one partition of articles (any engine's unit)."""
    from ngkt_analysis.extract.result import articles, concat_frames

    return concat_frames(articles(items))


def propose(
    inputs: list[str],
    changes_dir: str | os.PathLike[str],
    *,
    published: str | None = None,
    data_dir: str | os.PathLike[str] | None = None,
    engine: str = "local",
    scheduler: str | None = None,
) -> Proposal:
    """Extract candidate rows from articles and write one review CSV per table.

    Parameters
    ----------
    inputs : list of str
        Text files, folders or JSONL files (``id``, ``text``, optional ``published``, ``url``).
    changes_dir : path
        Where the review files go (created; files written atomically).
    published : str, optional
        Publication date ``YYYY-MM-DD`` (or ``YYYY-MM``) for articles without one.
    data_dir : path, optional
        The data the candidates are matched against (default: the bundled data).
    engine, scheduler : str
        Where the extraction runs (``local`` or ``dask``), as for ``ngkt extract``.

    Returns
    -------
    Proposal
        Rows written per table, and the duplicates and conflicts found.
    """
    import ngkt_analysis as ngkt
    from ngkt_analysis.compute import map_ordered
    from ngkt_analysis.extract.inputs import article_urls, iter_inputs
    from ngkt_analysis.extract.run import PARTITION_SIZE, partitions

    articles = list(iter_inputs(inputs, published))
    urls = article_urls(inputs)
    chunks = list(
        map_ordered(
            _extract_partition,
            partitions(articles, PARTITION_SIZE),
            engine=engine,
            scheduler=scheduler,
        )
    )
    frames = {
        kind: pd.concat([c[kind] for c in chunks], ignore_index=True) if chunks else pd.DataFrame()
        for kind in ("events", "partner_upgrades", "figures")
    }
    candidates = {
        "events": _events(frames["events"], urls, ngkt.load("events", data_dir)),
        "partnership_upgrades": _upgrades(
            frames["partner_upgrades"], urls, ngkt.load("partnership_upgrades", data_dir)
        ),
        "trade_by_partner": _trade(
            frames["figures"], urls, ngkt.load("trade_by_partner", data_dir), True
        ),
        "trade_annual": _trade(frames["figures"], urls, ngkt.load("trade_annual", data_dir), False),
    }
    out = Proposal(articles=len(articles))
    folder = Path(changes_dir)
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in candidates.items():
        kept = [r for r in rows if r["status"] != "duplicate"]
        out.duplicates[name] = len(rows) - len(kept)
        out.conflicts[name] = sum(r["status"] == "conflict" for r in kept)
        out.rows[name] = len(kept)
        _write_review(folder / f"{name}.csv", _fields(name, data_dir), kept)
    return out


# --------------------------------------------------------------------------- review files


def _review_columns(fields: list[str]) -> list[str]:
    return [RENAMED.get(f, f) for f in fields] + list(REVIEW_COLUMNS)


def _write_review(path: Path, fields: list[str], rows: list[dict[str, Any]]) -> None:
    from ngkt_analysis.atomic import write_atomic

    columns = _review_columns(fields)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: _text(row.get(c, "")) for c in columns})
    write_atomic(path, buf.getvalue())


def _read_review(path: Path, fields: list[str]) -> tuple[list[dict[str, str]], list[int]]:
    """Read a review file, keeping each record's line; check its header and statuses."""
    shown = str(path)
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _review_columns(fields) if c not in (reader.fieldnames or [])]
        if missing:
            raise DatasetError(
                [Problem(shown, 1, m, None, f"a column named '{m}' in the header") for m in missing]
            )
        rows, lines, start = [], [], 2
        for row in reader:
            rows.append(row)
            lines.append(start)
            start = reader.line_num + 1
    bad = [
        Problem(shown, line, "status", row["status"], "one of: " + ", ".join(STATUSES))
        for row, line in zip(rows, lines, strict=True)
        if row["status"].strip() not in STATUSES
    ]
    if bad:
        raise DatasetError(bad)
    return rows, lines


# --------------------------------------------------------------------------- apply


def _sort_key(row: Mapping[str, str], name: str) -> tuple:
    return tuple(
        (0, int(row[k])) if row.get(k, "").lstrip("-").isdigit() else (1, row.get(k, ""))
        for k in SORT_KEYS[name]
    )


def _merge(lines: list[str], header: list[str], new: list[dict[str, str]], name: str):
    """Insert the new rows (as CSV lines) where they sort, keeping every existing line as is.

    Returns the merged lines and, for each new row, its line number in the merged file.
    """
    existing = [dict(zip(header, rec, strict=False)) for rec in csv.reader(lines[1:])]
    keys = [_sort_key(r, name) for r in existing]
    placed: list[tuple[int, int]] = []  # (insert before existing index, new row index)
    for i, row in enumerate(new):
        k = _sort_key(row, name)
        at = next((j for j, e in enumerate(keys) if e > k), len(keys))
        placed.append((at, i))
    body = lines[1:]
    out, where, cursor = [lines[0]], {}, 0
    for at, i in sorted(placed):
        out += body[cursor:at]
        cursor = at
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\n").writerow([new[i].get(c, "") for c in header])
        out.append(buf.getvalue())
        where[i] = len(out)
    out += body[cursor:]
    return out, where


def apply_changes(
    changes_dir: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = None
) -> dict[str, int]:
    """Merge the accepted rows of the review files into the data; return rows added per table.

    Nothing is written unless every merged table validates; a refused row raises one
    :class:`DatasetError` naming the review file, line and column. Applied rows are marked
    ``applied`` in their review file, so applying again changes nothing.

    Raises
    ------
    DatasetError
        A review file with a bad header or status, or accepted rows that break the catalog
        (a missing source_url, a bad date, an unknown partner, a duplicate key).
    ParameterError
        When ``changes_dir`` holds no review file.
    """
    import shutil
    import tempfile

    import ngkt_analysis as ngkt
    from ngkt_analysis.paths import data_dir as resolve

    folder, data = Path(changes_dir), resolve(data_dir)
    reviews = {
        name: folder / f"{name}.csv" for name in TABLES if (folder / f"{name}.csv").is_file()
    }
    if not reviews:
        raise ParameterError(
            "changes_dir", str(folder), "a folder with review files of ngkt propose"
        )
    merged: dict[str, list[str]] = {}
    origin: dict[str, dict[int, tuple[Path, int]]] = {}  # merged line → (review file, line)
    accepted: dict[str, list[int]] = {}
    for name, path in reviews.items():
        fields = _fields(name, data_dir)
        rows, lines = _read_review(path, fields)
        chosen = [i for i, r in enumerate(rows) if r["status"].strip() == "accepted"]
        accepted[name] = chosen
        if not chosen:
            continue
        new = [{f: rows[i].get(RENAMED.get(f, f), "").strip() for f in fields} for i in chosen]
        text = (data / f"{name}.csv").read_text(encoding="utf-8").splitlines(keepends=True)
        header = next(csv.reader(text[:1]))
        merged[name], where = _merge(text, header, new, name)
        origin[name] = {where[k]: (path, lines[i]) for k, i in enumerate(chosen)}
    if merged:
        with tempfile.TemporaryDirectory() as tmp:
            shutil.copytree(data, tmp, dirs_exist_ok=True)
            for name, lines in merged.items():
                Path(tmp, f"{name}.csv").write_text("".join(lines), encoding="utf-8")
            problems = []
            for name in merged:
                try:
                    ngkt.load(name, tmp)
                except DatasetError as exc:
                    problems += [_to_review(p, origin[name]) for p in exc.problems]
            if problems:
                raise DatasetError(problems)
    from ngkt_analysis.atomic import write_atomic

    for name, lines in merged.items():
        write_atomic(data / f"{name}.csv", "".join(lines))
    for name, path in reviews.items():
        if accepted[name]:
            _mark_applied(path, set(accepted[name]))
    return {name: len(accepted[name]) if name in merged else 0 for name in reviews}


def _to_review(problem: Problem, origin: Mapping[int, tuple[Path, int]]) -> Problem:
    """Point a problem in a merged table at the review file's line (existing rows unchanged)."""
    if problem.line in origin:
        path, line = origin[problem.line]
        return Problem(str(path), line, problem.column, problem.value, problem.expected)
    return problem


def _mark_applied(path: Path, applied: set[int]) -> None:
    from ngkt_analysis.atomic import write_atomic

    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        columns, rows = reader.fieldnames or [], list(reader)
    for i in applied:
        rows[i]["status"] = "applied"
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(path, buf.getvalue())
