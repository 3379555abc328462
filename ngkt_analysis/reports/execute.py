"""The runner: validate every job, skip the unchanged, execute the rest, write pages and index.

Order of work, so that mistakes cost nothing:

1. every job's parameters are validated (:func:`params.validate`) before any kernel starts;
2. with ``resume``, a job whose manifest key (notebook, parameters, data hash, package version,
   export options) is unchanged and whose page exists is skipped;
3. the others get their parameters injected (papermill's layout) and go to an engine;
4. each result is written as it arrives: the executed ``.ipynb``, the HTML page (or a failure
   page), then its manifest, each atomically; finally ``index.html``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
import re
import threading
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from ngkt_analysis.datasets import data_hash
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.hashing import sha256_file, sha256_json
from ngkt_analysis.reports import engines, export, params
from ngkt_analysis.reports.index import INDEX, MANIFEST_DIR, read_manifests, write_index
from ngkt_analysis.reports.startup import skip_slow_optional_imports

if TYPE_CHECKING:
    import nbformat

INJECTED = "injected-parameters"
NOT_IN_KEY = ("run_date",)
"""Parameters that do not change what a report says, so a resume does not redo it for them."""


@dataclass(frozen=True)
class Job:
    """A report to render: a notebook (kind or path) and the parameters given for it."""

    notebook: str
    parameters: Mapping[str, Any] = field(default_factory=dict)
    name: str | None = None


@dataclass
class ReportResult:
    """What happened to one report; ``status`` is ``ok``, ``failed`` or ``skipped``."""

    name: str
    kind: str
    parameters: dict[str, Any]
    status: str
    html: str
    ipynb: str
    key: str
    run_date: str
    error: str | None = None
    seconds: float = 0.0

    @property
    def failed(self) -> bool:
        """Return True when the notebook raised or its kernel failed."""
        return self.status == "failed"


@dataclass
class _Prepared:
    job: Job
    path: Path
    kind: str
    values: dict[str, Any]
    name: str
    key: str


def slug(value: Any) -> str:
    """Return a file-name-safe ASCII form of a parameter value.

    Examples
    --------
    A path keeps only its last part, so names never depend on where the inputs live.

    >>> slug("2015:2025"), slug("Việt Nam"), slug(True), slug("/srv/news/2024.jsonl"), slug("")
    ('2015_2025', 'Viet_Nam', 'True', '2024.jsonl', 'default')
    """
    if isinstance(value, str) and "/" in value:
        value = PurePath(value).name
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return re.sub(r"[^A-Za-z0-9.]+", "_", text).strip("_") or "default"


def output_name(kind: str, values: Mapping[str, Any]) -> str:
    """Return the file stem of a report: its kind, then each parameter value but the run date.

    Examples
    --------
    >>> output_name("partner_profile", {"partner": "USA", "lang": "vi", "run_date": "2025-01-02"})
    'partner_profile-USA-vi'
    """
    parts = [slug(v) for k, v in values.items() if k not in NOT_IN_KEY]
    return "-".join([kind, *parts])


def _key(path: Path, values: Mapping[str, Any], data: str, options: Mapping[str, Any]) -> str:
    from ngkt_analysis import __version__

    payload = {
        "notebook": sha256_file(path),
        "parameters": {k: v for k, v in values.items() if k not in NOT_IN_KEY},
        "data": data,
        "version": __version__,
        "options": dict(options),
    }
    return sha256_json(payload)


def prepare(jobs: Iterable[Job], options: Mapping[str, Any] | None = None) -> list[_Prepared]:
    """Validate every job and give each its output name and manifest key (no kernel started).

    Raises
    ------
    ParameterError
        For the first job with a bad notebook or parameter (the message names the notebook).
    """
    today = dt.date.today().isoformat()
    data = data_hash()
    out: list[_Prepared] = []
    seen: dict[str, _Prepared] = {}
    for job in jobs:
        path = params.resolve_notebook(job.notebook)
        values = params.validate(path, job.parameters)
        if "run_date" in values and not values["run_date"]:
            values["run_date"] = today
        name = job.name or output_name(path.stem, values)
        if name in seen:  # the same report twice in one plan: render it once
            if seen[name].values != values:
                raise ParameterError("name", name, "a name used by one report only", path.stem)
            continue
        item = _Prepared(
            job, path, path.stem, values, name, _key(path, values, data, options or {})
        )
        seen[name] = item
        out.append(item)
    return out


def _parameterised(item: _Prepared) -> nbformat.NotebookNode:
    """Return the notebook with an ``injected-parameters`` cell after its ``parameters`` cell.

    papermill's layout and its Python translator's text (:func:`codify`), but not
    ``parameterize_notebook`` itself: that runs black over the cell when black is installed,
    about a second per report, and importing papermill alone takes a quarter of one.
    """
    import nbformat

    nb = nbformat.read(item.path, as_version=4)
    cell = nbformat.v4.new_code_cell(codify(item.values))
    cell.id = INJECTED  # a fixed id: nbformat would draw a random one
    cell.metadata["tags"] = [INJECTED]
    cell.metadata["jupyter"] = {"source_hidden": True}
    tagged = [i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])]
    old = [i for i, c in enumerate(nb.cells) if INJECTED in c.metadata.get("tags", [])]
    if old:
        nb.cells[old[0]] = cell
    else:
        nb.cells.insert(tagged[0] + 1 if tagged else 0, cell)
    return nb


def codify(values: Mapping[str, Any]) -> str:
    r"""Return the injected-parameters cell's source, as papermill's Python translator writes it.

    Strings are escaped with ``unicode_escape`` (so non-ASCII letters appear as ``\uXXXX``),
    non-finite floats become ``float('nan')`` and the like; the test suite checks this against
    papermill itself.

    Examples
    --------
    >>> print(codify({"partner": "Mỹ", "year": 2024, "flag": True, "x": None}))
    # Parameters
    partner = "M\u1ef9"
    year = 2024
    flag = True
    x = None
    """
    return "\n".join(["# Parameters", *(f"{k} = {_literal(v)}" for k, v in values.items())])


def _literal(value: Any) -> str:
    if value is None or isinstance(value, bool | int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return str(value)
        return "float('nan')" if math.isnan(value) else f"float('{'-' if value < 0 else ''}inf')"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_literal(str(k))}: {_literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_literal(v) for v in value) + "]"
    text = value.encode("unicode_escape").decode("utf-8") if isinstance(value, str) else value
    return '"' + str(text).replace('"', '\\"') + '"'


def _title(item: _Prepared) -> str:
    shown = ", ".join(f"{k}={v}" for k, v in item.values.items() if k not in NOT_IN_KEY)
    return f"{item.kind} ({shown})" if shown else item.kind


def render_batch(
    jobs: Iterable[Job],
    output: str | Path = "reports",
    *,
    engine: str = "local",
    workers: int | None = None,
    resume: bool = False,
    show_code: bool = False,
    assets: str = "inline",
    on_result: Callable[[ReportResult, int, int], None] | None = None,
    engine_options: Mapping[str, Any] | None = None,
) -> list[ReportResult]:
    """Render many reports into ``output`` and write its ``index.html``.

    Parameters
    ----------
    jobs : Job objects (notebook kind or path, parameters).
    output : folder for the pages, the executed notebooks, manifests and the index.
    engine : registered engine name (``local``: warm kernels).
    workers : kernels to run at once (default: the cores available).
    resume : skip reports whose inputs have not changed since their last successful render.
    show_code : keep code cells in the HTML.
    assets : ``inline`` (one plotly.js inside each page) or ``shared`` (one file beside them).
    on_result : called as ``on_result(result, done, total)`` after each report.

    Returns
    -------
    list of ReportResult, in the order the jobs were given.

    Raises
    ------
    ParameterError
        Before anything runs, for a bad notebook, parameter, engine or asset mode.
    """
    skip_slow_optional_imports()
    if assets not in export.ASSETS:
        raise ParameterError("assets", assets, "one of " + ", ".join(export.ASSETS))
    engine_cls = engines.get(engine)
    out_dir = Path(output)
    options = {"show_code": show_code, "assets": assets}
    items = prepare(jobs, options)
    out_dir.mkdir(parents=True, exist_ok=True)
    if assets == "shared":
        export.write_shared_assets(out_dir)
    manifests = {m["name"]: m for m in read_manifests(out_dir)} if resume else {}
    results: dict[str, ReportResult] = {}
    total, done = len(items), 0
    pending: dict[str, _Prepared] = {}
    for item in items:
        old = manifests.get(item.name)
        if (
            old
            and old["key"] == item.key
            and old["status"] == "ok"
            and (out_dir / old["html"]).is_file()
        ):
            result = ReportResult(**{**old, "status": "skipped", "seconds": 0.0})
            results[item.name] = result
            done += 1
            if on_result:
                on_result(result, done, total)
        else:
            pending[item.name] = item
    if pending:
        runner = engine_cls(workers=workers, cwd=out_dir.resolve(), **(engine_options or {}))
        tasks = [
            engines.Task(name, functools.partial(_parameterised, item))
            for name, item in pending.items()
        ]
        # load the exporter while the kernels boot (its first use costs half a second)
        threading.Thread(target=export.warm, args=(show_code, assets), daemon=True).start()
        for executed in runner.run(tasks):
            result = _write(pending[executed.key], executed, out_dir, show_code, assets)
            results[result.name] = result
            done += 1
            if on_result:
                on_result(result, done, total)
    write_index(out_dir)
    return [results[item.name] for item in items]


def render(
    notebook: str,
    parameters: Mapping[str, Any] | None = None,
    output: str | Path = "reports",
    **kw: Any,
) -> ReportResult:
    """Render one report (see :func:`render_batch` for the options)."""
    return render_batch([Job(notebook, parameters or {})], output, **kw)[0]


def _nav(item: _Prepared) -> dict[str, str]:
    """Links at the top of a page: the index, and the same report in the other language."""
    from ngkt_analysis.reports.messages import LANGS, t

    lang = item.values.get("lang")
    nav = {"index": INDEX, "index_label": t("nav.index", lang if lang in LANGS else "en")}
    nav["csv_label"] = t("nav.csv", lang if lang in LANGS else "en")
    if lang in LANGS:
        other = next(code for code in LANGS if code != lang)
        nav["other"] = output_name(item.kind, {**item.values, "lang": other}) + ".html"
        nav["other_lang"] = other
        nav["other_label"] = t("nav.language", other)
    return nav


def _write(
    item: _Prepared, executed: engines.Executed, out_dir: Path, show_code: bool, assets: str
) -> ReportResult:
    import nbformat

    nb = export.normalise(executed.nb)
    html_path, nb_path = out_dir / f"{item.name}.html", out_dir / f"{item.name}.ipynb"
    if executed.error is None:
        nav = _nav(item)
        page = export.to_html(nb, _title(item), show_code=show_code, assets=assets, nav=nav)
    else:
        cell = nb.cells[executed.failed_cell].source if executed.failed_cell is not None else None
        page = export.failure_html(_title(item), item.values, executed.error, cell)
    export.write_atomic(nb_path, nbformat.writes(export.lab_outputs(nb)) + "\n")
    export.write_atomic(html_path, page)
    result = ReportResult(
        name=item.name,
        kind=item.kind,
        parameters=dict(item.values),
        status="failed" if executed.error else "ok",
        html=html_path.name,
        ipynb=nb_path.name,
        key=item.key,
        run_date=str(item.values.get("run_date") or dt.date.today().isoformat()),
        error=executed.error,
        seconds=round(executed.seconds, 3),
    )
    manifest = {k: v for k, v in asdict(result).items()}
    manifest["seconds"] = 0.0  # timings vary; keep manifests (and so the index) deterministic
    export.write_atomic(
        out_dir / MANIFEST_DIR / f"{item.name}.json",
        json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False, default=str) + "\n",
    )
    return result
