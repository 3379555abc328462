"""The ``ngkt`` command: parses arguments, calls the library, formats errors and progress.

The only module that imports typer and knows exit codes:

- 0: everything asked for was done;
- 1: some reports failed (each is written as a failure page and marked in the index);
- 2: the input was wrong (unknown notebook, bad parameter, missing file, bad data...):
  one message on stderr, no traceback, and no kernel started;
- 130: interrupted (Ctrl-C); no half-written file remains, ``--resume`` carries on.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ngkt_analysis.errors import ParameterError

if TYPE_CHECKING:
    from ngkt_analysis.reports.execute import Job, ReportResult

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
FLAGS = {
    "fmt": "--format",
    "published": "--published",
    "engine": "--engine",
    "scheduler": "--scheduler",
}
"""Library parameter → the option a user types: the library names parameters, never flags."""

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Datasets, metrics and reproducible reports on Viet Nam's economic diplomacy.",
)


def _fail(message: str, code: int = EXIT_USAGE) -> typer.Exit:
    typer.echo(f"ngkt: error: {message}", err=True)
    return typer.Exit(code)


def _user_errors(fn):
    """Turn the library's ``ValueError`` subclasses into one message and exit status 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ParameterError as exc:  # named by parameter: say the flag the user typed
            message, flag = str(exc), FLAGS.get(exc.name)
            if flag:
                message = message.replace(f"parameter '{exc.name}'", f"option '{flag}'")
            raise _fail(message) from None
        except ValueError as exc:  # DatasetError, PartnerError, ExtractInputError, ...
            raise _fail(str(exc)) from None
        except KeyboardInterrupt:
            msg = "interrupted; finished reports are kept (written atomically): rerun with --resume"
            raise _fail(msg, EXIT_INTERRUPTED) from None
        except OSError as exc:
            raise _fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")) from None

    return wrapper


# --------------------------------------------------------------------------- progress


class Progress:
    """Report progress: a bar on a terminal, plain log lines otherwise (CI, files)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.start = time.perf_counter()
        self.failed = 0
        self.bar = None
        self.task = None

    def __enter__(self) -> Progress:
        if self.stream.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                TextColumn,
                TimeRemainingColumn,
            )
            from rich.progress import Progress as Bar

            self.bar = Bar(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("failed: {task.fields[failed]}"),
                TimeRemainingColumn(),
                console=Console(file=self.stream),
            )
            self.bar.__enter__()
            # indeterminate until the first report is done (validation, kernels starting)
            self.task = self.bar.add_task("starting kernels…", total=None, failed=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)

    def __call__(self, result: ReportResult, done: int, total: int) -> None:
        """Record one finished report."""
        self.failed += result.failed
        elapsed = time.perf_counter() - self.start
        eta = elapsed / done * (total - done) if done else 0.0
        if self.bar is not None:
            self.bar.update(
                self.task, total=total, completed=done, failed=self.failed, description=result.name
            )
            return
        print(
            f"[{done}/{total}] {result.status:<7} {result.name} ({result.seconds:.1f}s)"
            f" · failed {self.failed} · ETA {eta:.0f}s",
            file=self.stream,
            flush=True,
        )


def _run_jobs(
    jobs: list[Job],
    output: Path,
    *,
    resume: bool,
    workers: int | None,
    show_code: bool,
    shared_assets: bool,
    engine: str,
    scheduler: str | None = None,
) -> list[ReportResult]:
    from ngkt_analysis.reports.execute import render_batch

    engine_options = _engine_options(engine, scheduler)
    with Progress() as progress:
        return render_batch(
            jobs,
            output,
            engine=engine,
            workers=workers,
            resume=resume,
            show_code=show_code,
            assets="shared" if shared_assets else "inline",
            on_result=progress,
            engine_options=engine_options,
        )


def _engine_options(engine: str, scheduler: str | None) -> dict[str, str]:
    """Return the engine's options from the command line (``--scheduler`` is the Dask one)."""
    if scheduler is None:
        return {}
    if engine != "dask":
        raise _fail(f"option '--scheduler' needs --engine dask (got --engine {engine})")
    return {"scheduler": scheduler}


def _summarise(results: list[ReportResult], output: Path) -> int:
    failed = [r for r in results if r.failed]
    skipped = sum(r.status == "skipped" for r in results)
    typer.echo(
        f"{len(results) - len(failed)} of {len(results)} reports written to {output}"
        + (f" ({skipped} unchanged, skipped)" if skipped else ""),
        err=True,
    )
    if failed:
        typer.echo(f"{len(failed)} failed:", err=True)
        for r in failed:
            first = (r.error or "").strip().splitlines()[-1:] or [""]
            typer.echo(f"  {r.name}: {first[0]}  (see {output / r.html})", err=True)
        return EXIT_FAILED
    return EXIT_OK


# --------------------------------------------------------------------------- commands

Output = Annotated[
    Path, typer.Option("--output", "-o", help="Folder for the HTML, .ipynb and index.html.")
]
Resume = Annotated[
    bool, typer.Option("--resume", help="Skip reports whose inputs have not changed.")
]
Workers = Annotated[
    int | None, typer.Option("--workers", "-w", help="Kernels at once (default: the cores).")
]
ShowCode = Annotated[bool, typer.Option("--show-code", help="Keep code cells in the HTML.")]
SelfContained = Annotated[
    bool,
    typer.Option(
        "--self-contained/--shared-assets",
        help="One file per report with plotly.js inside (for mail), or one plotly.js beside them.",
    ),
]
Engine = Annotated[
    str,
    typer.Option(
        "--engine",
        help=(
            "inprocess: in this process, no kernel to start; local: warm kernels on this"
            " machine; dask: on a Dask cluster (the dask extra)."
        ),
    ),
]
Scheduler = Annotated[
    str | None,
    typer.Option(
        "--scheduler",
        help="Dask scheduler, tcp://HOST:8786 (with --engine dask; default: a local cluster).",
    ),
]


def _notebook_help(notebook: str) -> None:
    from ngkt_analysis.reports.params import notebook_spec

    spec = notebook_spec(notebook)
    typer.echo(f"Parameters of {notebook} (give each as -p NAME=VALUE):\n")
    rows = [(name, p.type_name, f"default {p.default!r}", p.help) for name, p in spec.items()]
    widths = [max((len(r[i]) for r in rows), default=0) for i in range(3)]
    for name, kind, default, help_ in rows:
        typer.echo(f"  {name:<{widths[0]}}  {kind:<{widths[1]}}  {default:<{widths[2]}}  {help_}")


@app.command(add_help_option=False)
@_user_errors
def report(
    ctx: typer.Context,
    notebook: Annotated[str | None, typer.Argument(help="Report kind or .ipynb path.")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (repeatable).")
    ] = None,
    lang: Annotated[str | None, typer.Option("--lang", help="Shortcut for -p lang=...")] = None,
    output: Output = Path("reports"),
    show_code: ShowCode = False,
    self_contained: SelfContained = True,
    resume: Resume = False,
    engine: Engine = "inprocess",
    scheduler: Scheduler = None,
    help_: Annotated[
        bool, typer.Option("--help", "-h", help="Show this help, or a notebook's parameters.")
    ] = False,
) -> None:
    """Render one report: ngkt report partner_profile -p partner=USA -p years=2015:2025."""
    from ngkt_analysis.reports.params import notebook_kinds, parse_assignments

    if help_ or notebook is None:
        if notebook is not None:
            _notebook_help(notebook)
        else:
            typer.echo(ctx.get_help())
            typer.echo("\nReport kinds: " + ", ".join(notebook_kinds()))
        raise typer.Exit(EXIT_OK if help_ else EXIT_USAGE)
    from ngkt_analysis.reports.execute import Job

    given = parse_assignments(param or [])
    if lang is not None:
        given["lang"] = lang
    results = _run_jobs(
        [Job(notebook, given)],
        output,
        resume=resume,
        workers=1,
        show_code=show_code,
        shared_assets=not self_contained,
        engine=engine,
        scheduler=scheduler,
    )
    code = _summarise(results, output)
    typer.echo(str(output / results[0].html))
    raise typer.Exit(code)


@app.command()
@_user_errors
def batch(
    plan: Annotated[Path, typer.Argument(help="YAML plan: a list of notebook + parameters.")],
    output: Output = Path("reports"),
    resume: Resume = False,
    workers: Workers = None,
    show_code: ShowCode = False,
    self_contained: SelfContained = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
) -> None:
    """Render every report of a YAML plan (with matrix expansion) and the index page."""
    from ngkt_analysis.reports.plans import load_plan

    _render_set(
        load_plan(plan), output, resume, workers, show_code, not self_contained, engine, scheduler
    )


@app.command()
@_user_errors
def reports(
    output: Output = Path("reports"),
    resume: Resume = False,
    workers: Workers = None,
    show_code: ShowCode = False,
    self_contained: SelfContained = False,
    engine: Engine = "local",
    scheduler: Scheduler = None,
) -> None:
    """Render the default report set and print the path of its index.html."""
    from ngkt_analysis.reports.plans import default_plan

    _render_set(
        default_plan(), output, resume, workers, show_code, not self_contained, engine, scheduler
    )


def _render_set(jobs, output, resume, workers, show_code, shared_assets, engine, scheduler) -> None:
    """Render a set of reports with the index page; print its path; exit with the summary."""
    from ngkt_analysis.reports.index import INDEX

    results = _run_jobs(
        jobs,
        output,
        resume=resume,
        workers=workers,
        show_code=show_code,
        shared_assets=shared_assets,
        engine=engine,
        scheduler=scheduler,
    )
    code = _summarise(results, output)
    typer.echo(str(output / INDEX))
    raise typer.Exit(code)


@app.command()
@_user_errors
def datasets() -> None:
    """List the datasets: title, rows, years covered, sources, file hash."""
    import pandas as pd

    import ngkt_analysis as ngkt

    with pd.option_context("display.width", 200, "display.max_colwidth", 60):
        typer.echo(ngkt.datasets().to_string(index=False))


@app.command()
@_user_errors
def extract(
    inputs: Annotated[list[str], typer.Argument(help="Text files or folders of them.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", help="csv or jsonl.")] = "csv",
    output: Annotated[
        str | None, typer.Option("--output", "-o", help="Output file (default: stdout).")
    ] = None,
    engine: Annotated[
        str,
        typer.Option("--engine", help="local: this process; dask: partitions on a Dask cluster."),
    ] = "local",
    scheduler: Scheduler = None,
) -> None:
    """Extract dated events, partners and amounts from Vietnamese news text."""
    try:
        from ngkt_analysis.extract.run import run_extract
    except ImportError as exc:
        raise _fail(f"the extract module is not available ({exc})", EXIT_FAILED) from None
    cluster = {"engine": engine, "scheduler": scheduler} if engine != "local" or scheduler else {}
    run_extract(inputs, published, fmt, output, stream=sys.stdout, **cluster)


@app.command()
@_user_errors
def propose(
    inputs: Annotated[list[str], typer.Argument(help="Text files, folders or JSONL articles.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="Folder for the review files (one per table).")
    ],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date YYYY-MM-DD.")
    ] = None,
    data_dir: Annotated[
        str | None, typer.Option("--data-dir", help="Data to match against (default: bundled).")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", help="local: this process; dask: a Dask cluster.")
    ] = "local",
    scheduler: Scheduler = None,
) -> None:
    """Propose new data rows from news articles, for review in a spreadsheet."""
    from ngkt_analysis.changes import propose as run

    found = run(
        inputs, output, published=published, data_dir=data_dir, engine=engine, scheduler=scheduler
    )
    for name, rows in found.rows.items():
        typer.echo(
            f"{name}: {rows} proposed ({found.conflicts[name]} conflicts), "
            f"{found.duplicates[name]} already in the data"
        )
    typer.echo(f"review {Path(output)}/*.csv: set status to accepted or rejected, then ngkt apply")


@app.command(name="apply")
@_user_errors
def apply_(
    changes: Annotated[str, typer.Argument(help="Folder of review files written by propose.")],
    data_dir: Annotated[
        str | None, typer.Option("--data-dir", help="Data folder to update (default: bundled).")
    ] = None,
) -> None:
    """Merge the accepted rows of the review files into the data, validated and atomic."""
    from ngkt_analysis.changes import apply_changes

    for name, added in apply_changes(changes, data_dir).items():
        typer.echo(f"{name}: {added} rows added")


def main() -> None:
    """Entry point of the ``ngkt`` script."""
    app()


if __name__ == "__main__":
    main()
