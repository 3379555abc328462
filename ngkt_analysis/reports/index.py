"""``reports/index.html``: every report in the folder with its kind, parameters, date and status.

Built from the manifests the runner writes (``reports/.manifest/<name>.json``), so it lists what is
actually on disk, including reports rendered by earlier runs; sorted, no timestamps of its own.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

MANIFEST_DIR = ".manifest"
INDEX = "index.html"


def read_manifests(folder: str | Path) -> list[dict[str, Any]]:
    """Return the manifests under ``folder`` sorted by kind and name (unreadable ones skipped)."""
    out = []
    for path in sorted((Path(folder) / MANIFEST_DIR).glob("*.json")):
        try:
            out.append(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError):  # a manifest from a crash mid-write cannot exist (atomic)
            continue
    return sorted(out, key=lambda m: (m.get("kind", ""), m.get("name", "")))


def _search_names() -> dict[str, str]:
    """Partner code → its English and Vietnamese names, so the filter finds 'Lào' or 'Laos'."""
    try:
        import ngkt_analysis as ngkt

        partners = ngkt.load("partners")
    except ValueError:  # broken data: the index still lists every report
        return {}
    return {
        code: f"{en} {vi}".lower()
        for code, en, vi in zip(
            partners["iso3"], partners["name_en"], partners["name_vi"], strict=True
        )
    }


def index_html(manifests: list[dict[str, Any]]) -> str:
    """Return the index page: reports grouped by kind, with a filter box that works offline."""
    import jinja2

    from ngkt_analysis.reports.export import TEMPLATES

    names = _search_names()
    groups: dict[str, list[dict[str, Any]]] = {}
    for m in manifests:
        params = {k: v for k, v in m["parameters"].items() if k != "run_date"}
        words = [m["kind"], m["name"], *map(str, params.values())]
        words += [names.get(str(v), "") for v in params.values()]
        row = {
            **m,
            "shown": ", ".join(f"{k}={v}" for k, v in params.items()),
            "lang": params.get("lang", ""),
            "search": " ".join(words).lower(),
        }
        groups.setdefault(m["kind"], []).append(row)
    failed = sum(m["status"] == "failed" for m in manifests)
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ngkt_analysis.reports", "fragments"), autoescape=True
    )
    return (
        env.get_template("index.html.j2").render(
            css=(TEMPLATES / "report.css").read_text(encoding="utf-8"),
            groups=sorted(groups.items()),
            total=len(manifests),
            summary=f"{len(manifests)} reports" + (f", {failed} failed" if failed else ""),
        )
        + "\n"
    )


def write_index(folder: str | Path) -> Path:
    """Write ``index.html`` (and the datasets page) in ``folder``, atomically; return its path."""
    from ngkt_analysis.atomic import write_atomic

    path = Path(folder) / INDEX
    write_atomic(path, index_html(read_manifests(folder)))
    write_datasets_page(folder)
    return path


DATASETS = "datasets.html"
DATASETS_KEY = "datasets.key"
"""Beside the manifests: the hash of the inputs ``datasets.html`` was last written from."""


def write_datasets_page(folder: str | Path) -> Path | None:
    """Write ``datasets.html`` and a copy of the data (``data/*.csv``, the catalog) beside it.

    Each table: what it holds, its rows and years, its coverage against the catalog's targets,
    its declared gaps, its sources and a link to download the CSV. Skipped (None) when the data
    do not validate: the reports then show the error, and the index still lists them.
    """
    import jinja2

    import ngkt_analysis as ngkt
    from ngkt_analysis.atomic import write_atomic
    from ngkt_analysis.paths import data_dir
    from ngkt_analysis.reports.export import TEMPLATES

    out = Path(folder)
    path, stamp = out / DATASETS, out / MANIFEST_DIR / DATASETS_KEY
    key = _datasets_page_key()
    if path.is_file() and stamp.is_file() and stamp.read_text(encoding="utf-8") == key:
        return path  # same data, same package: the page and its copies are up to date
    try:
        by_name = ngkt.datasets().set_index("name")  # validates every table once
        cat = ngkt.catalog()
        rows = []
        for res in cat["resources"]:
            df = ngkt.load(res["name"])
            info = by_name.loc[res["name"]]
            years = "" if pd.isna(info["start"]) else f"{info['start']}–{info['end']}"
            rows.append(
                {
                    "name": res["name"],
                    "path": res["path"],
                    "title": res.get("title", res["name"]),
                    "description": res.get("description", ""),
                    "rows": len(df),
                    "years": years,
                    "sources_n": int(info["sources"]),
                    "sha256": df.attrs["sha256"][:16],
                    "coverage": ngkt.coverage(res["name"]).to_dict("records"),
                    "gaps": df.attrs["gaps"],
                    "sources": df.attrs["sources"],
                }
            )
    except ValueError:
        return None
    source = data_dir()
    for name in [*(r["path"] for r in cat["resources"]), "datapackage.json"]:
        write_atomic(out / "data" / name, (source / name).read_text(encoding="utf-8"))
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ngkt_analysis.reports", "fragments"), autoescape=True
    )
    licence = "; ".join(entry.get("title", entry.get("name", "")) for entry in cat["licenses"])
    page = env.get_template("datasets.html.j2").render(
        css=(TEMPLATES / "report.css").read_text(encoding="utf-8"), datasets=rows, licence=licence
    )
    write_atomic(path, page + "\n")
    write_atomic(stamp, key)
    return path


def _datasets_page_key() -> str:
    """Return a hash of what ``datasets.html`` depends on: the data, the package, the templates."""
    from ngkt_analysis import __version__
    from ngkt_analysis.datasets import data_hash
    from ngkt_analysis.hashing import sha256_file, sha256_json
    from ngkt_analysis.reports.export import TEMPLATES

    templates = [Path(__file__).parent / "fragments" / "datasets.html.j2", TEMPLATES / "report.css"]
    return sha256_json([data_hash(), __version__, [sha256_file(p) for p in templates]])
