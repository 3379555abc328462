"""``reports/index.html``: every report in the folder with its kind, parameters, date and status.

Built from the manifests the runner writes (``reports/.manifest/<name>.json``), so it lists what is
actually on disk, including reports rendered by earlier runs; sorted, no timestamps of its own.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

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


def index_html(manifests: list[dict[str, Any]]) -> str:
    """Return the index page for these manifests."""
    from ngkt_analysis.reports.export import TEMPLATES

    failed = sum(m["status"] == "failed" for m in manifests)
    rows = []
    for m in manifests:
        shown = ", ".join(f"{k}={v}" for k, v in m["parameters"].items() if k != "run_date")
        status = m["status"]
        rows.append(
            f'<tr class="status-{html.escape(status)}">'
            f"<td>{html.escape(m['kind'])}</td>"
            f'<td><a href="{html.escape(m["html"])}">{html.escape(m["name"])}</a></td>'
            f"<td>{html.escape(shown)}</td>"
            f"<td>{html.escape(m['run_date'])}</td>"
            f'<td class="status">{html.escape(status)}</td>'
            f'<td><a href="{html.escape(m["ipynb"])}">.ipynb</a></td></tr>'
        )
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8")
    summary = f"{len(manifests)} reports" + (f", {failed} failed" if failed else "")
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8" />\n'
        "<title>ngkt-analysis reports</title>\n"
        f"<style>{css}\ntr.status-failed td {{ background: #fff0f0; }}\n"
        "tr.status-failed td.status { color: #b00020; font-weight: bold; }</style>\n"
        "</head>\n<body><main>\n<h1>ngkt-analysis reports</h1>\n"
        f'<p id="summary">{summary}</p>\n'
        "<table>\n<thead><tr><th>Kind</th><th>Report</th><th>Parameters</th><th>Run date</th>"
        "<th>Status</th><th>Notebook</th></tr></thead>\n<tbody>\n"
        + "\n".join(rows)
        + "\n</tbody>\n</table>\n</main></body>\n</html>\n"
    )


def write_index(folder: str | Path) -> Path:
    """Write ``index.html`` in ``folder`` from its manifests (atomically) and return its path."""
    from ngkt_analysis.reports.export import write_atomic

    path = Path(folder) / INDEX
    write_atomic(path, index_html(read_manifests(folder)))
    return path
