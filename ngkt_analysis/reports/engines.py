"""Ways to execute parameterised notebooks, behind a small registry (papermill's seam).

An engine takes :class:`Task` objects (a notebook with its parameters already injected) and
yields :class:`Executed` results as they finish, in any order. The runner does everything else
(validation, export, writing, the index), so a new way to run notebooks is a new class::

    @register("dask")
    class DaskEngine(Engine): ...

The ``local`` engine keeps a pool of warm kernels: each starts once, imports the library once,
and then runs report after report, with its namespace reset in between (see ``kernel.py``).
The ``dask`` engine (``dask_engine.py``, the optional ``dask`` extra) does the same on the
workers of a Dask cluster; it is imported only when asked for.
"""

from __future__ import annotations

import importlib
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ngkt_analysis.compute import available_cores
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports.kernel import RESET, WARM_UP

if TYPE_CHECKING:
    import nbformat

_ENGINES: dict[str, type[Engine]] = {}
_OPTIONAL: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "dask": ("ngkt_analysis.reports.dask_engine", "dask", ("dask", "distributed")),
}
"""Engines in modules of their own, needing an extra: name → (module, extra, its packages)."""


@dataclass
class Task:
    """One notebook to execute: ``key`` identifies it in the results.

    ``build`` makes the parameterised notebook on first use (:meth:`notebook`), so an engine can
    start its kernels first and let the (slow to import) notebook machinery load meanwhile.
    """

    key: str
    build: Callable[[], nbformat.NotebookNode]
    _nb: Any = field(default=None, repr=False)

    def notebook(self) -> nbformat.NotebookNode:
        """Return the parameterised notebook (built once)."""
        if self._nb is None:
            self._nb = self.build()
        return self._nb


@dataclass
class Executed:
    """An executed notebook; ``error`` is the message when a cell raised or the kernel failed."""

    key: str
    nb: nbformat.NotebookNode
    error: str | None = None
    failed_cell: int | None = None
    seconds: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class Engine:
    """Base class: execute tasks, yield results as they complete."""

    def __init__(self, workers: int | None = None, **options: Any):
        self.workers = max(1, workers or available_cores())
        self.options = options

    def run(self, tasks: Iterable[Task]) -> Iterator[Executed]:  # pragma: no cover - abstract
        """Execute ``tasks``; yield one :class:`Executed` per task."""
        raise NotImplementedError


def register(name: str) -> Callable[[type[Engine]], type[Engine]]:
    """Class decorator: make an engine available under ``name``."""

    def add(cls: type[Engine]) -> type[Engine]:
        _ENGINES[name] = cls
        return cls

    return add


def get(name: str) -> type[Engine]:
    """Return the engine class registered as ``name``.

    Raises
    ------
    ParameterError
        For an unknown name, listing the registered ones; for an optional engine whose extra
        is not installed, saying how to install it.
    """
    if name not in _ENGINES and name in _OPTIONAL:
        load_optional(name)
    if name not in _ENGINES:
        raise ParameterError("engine", name, "one of " + ", ".join(names()))
    return _ENGINES[name]


def load_optional(name: str) -> None:
    """Import the module of the optional engine ``name`` (it registers itself).

    Raises
    ------
    ParameterError
        When the packages of its extra are missing: ``pip install "ngkt-analysis[EXTRA]"``.
    """
    module, extra, packages = _OPTIONAL[name]
    try:
        importlib.import_module(module)
    except ImportError as exc:
        if (exc.name or "").partition(".")[0] not in packages:
            raise  # a bug in the engine module, not a missing extra
        raise ParameterError(
            "engine",
            name,
            f"an installed engine; the {name} engine needs its extra: "
            f'pip install "ngkt-analysis[{extra}]" (missing: {exc.name})',
        ) from None


def names() -> list[str]:
    """Return the engine names: registered ones and optional ones (which may need an extra)."""
    return sorted({*_ENGINES, *_OPTIONAL})


class KernelStartError(RuntimeError):
    """A kernel did not start (or did not import the library) within the timeout, after retries."""


class WarmKernel:
    """One long-lived kernel that runs notebooks one after another."""

    def __init__(
        self,
        kernel_name: str = "python3",
        startup_timeout: float = 60,
        retries: int = 2,
        cell_timeout: float = 600,
        cwd: Path | None = None,
    ):
        self.kernel_name, self.startup_timeout, self.retries = kernel_name, startup_timeout, retries
        self.cell_timeout, self.cwd = cell_timeout, cwd
        self.client: Any = None

    def start(self) -> None:
        """Start the kernel and import the library, retrying a failed start.

        The kernel process is launched before nbclient is imported (nbformat's import alone
        takes about a second), so the two overlap.
        """
        from jupyter_client.manager import AsyncKernelManager
        from jupyter_core.utils import run_sync

        last: BaseException | None = None
        cwd = str(self.cwd or Path.cwd())
        for _attempt in range(self.retries + 1):
            km = AsyncKernelManager(kernel_name=self.kernel_name)
            self.client = _Shell(km)
            try:
                # the kernel's own warnings (no encryption, parent exited) are noise here
                run_sync(km.start_kernel)(cwd=cwd, stderr=subprocess.DEVNULL)
                import nbformat
                from nbclient import NotebookClient

                client = NotebookClient(
                    nbformat.v4.new_notebook(),
                    km=km,
                    kernel_name=self.kernel_name,
                    startup_timeout=self.startup_timeout,
                    timeout=self.cell_timeout,
                    record_timing=False,
                    allow_errors=False,
                    resources={"metadata": {"path": cwd}},
                )
                self.client = client
                client.start_new_kernel_client()
                self._run_code(WARM_UP)
                return
            except Exception as exc:  # any start failure: clean up and retry
                last = exc
                self.stop()
        raise KernelStartError(
            f"kernel {self.kernel_name!r} did not start after {self.retries + 1} attempts: {last}"
        )

    def _run_code(self, code: str) -> None:
        import nbformat

        cell = nbformat.v4.new_code_cell(code)
        self.client.nb = nbformat.v4.new_notebook(cells=[cell])
        self.client.execute_cell(cell, 0)

    def execute(self, task: Task) -> Executed:
        """Run every code cell of the task's notebook in a fresh namespace of this kernel."""
        from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

        start = time.perf_counter()
        nb = task.notebook()
        if self.client is None:
            self.start()
        try:
            try:
                self._run_code(RESET)
            except CellExecutionError as exc:  # a kernel that cannot reset is not reused
                raise RuntimeError(f"resetting the kernel failed: {exc}") from exc
            self.client.nb = nb
            self.client.reset_execution_trackers()
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                try:
                    self.client.execute_cell(cell, index)
                except CellExecutionError as exc:
                    return Executed(task.key, nb, _strip_ansi(str(exc)), index, _since(start))
        except (DeadKernelError, CellTimeoutError, RuntimeError, TimeoutError) as exc:
            self.stop()  # the next task gets a new kernel
            return Executed(task.key, nb, f"{type(exc).__name__}: {exc}", None, _since(start))
        return Executed(task.key, nb, None, None, _since(start))

    def stop(self) -> None:
        """Shut the kernel down (idempotent)."""
        from jupyter_core.utils import run_sync

        client, self.client = self.client, None
        if client is None:
            return
        try:
            if getattr(client, "kc", None) is not None:
                client.kc.stop_channels()
            if getattr(client, "km", None) is not None and client.km.has_kernel:
                run_sync(client.km.shutdown_kernel)(now=True)
        except Exception:
            pass


@dataclass
class _Shell:
    """A kernel manager not yet wrapped in a notebook client (so :meth:`stop` can clean up)."""

    km: Any
    kc: Any = None


def _since(start: float) -> float:
    return time.perf_counter() - start


def _strip_ansi(text: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


@register("local")
class LocalEngine(Engine):
    """A pool of warm local kernels, one worker thread each (default: one per core).

    Options: ``kernel_name`` (``python3``), ``startup_timeout`` seconds (60), ``retries`` (2),
    ``cell_timeout`` seconds (600), ``cwd`` (the kernels' working directory).
    """

    def run(self, tasks: Iterable[Task]) -> Iterator[Executed]:
        """Execute ``tasks`` on up to ``workers`` warm kernels; yield results as they finish.

        The kernels start first; while they boot and import the library, this thread builds
        the parameterised notebooks and queues them.
        """
        items = list(tasks)
        n = min(self.workers, len(items))
        todo: queue.Queue[Task | None] = queue.Queue()
        done: queue.Queue[Executed | BaseException] = queue.Queue()
        stopping = threading.Event()

        def work() -> None:
            kernel = WarmKernel(**self.options)
            start_error: str | None = None
            try:
                try:
                    kernel.start()
                except KernelStartError as exc:
                    start_error = str(exc)
                while not stopping.is_set():
                    task = todo.get()
                    if task is None:
                        return
                    if start_error is not None:
                        done.put(Executed(task.key, task.notebook(), start_error))
                        continue
                    try:
                        done.put(kernel.execute(task))
                    except KernelStartError as exc:  # a restart after a kernel death failed
                        done.put(Executed(task.key, task.notebook(), str(exc)))
            except BaseException as exc:  # a bug in the runner: report it, stop
                done.put(exc)
            finally:
                kernel.stop()

        threads = [
            threading.Thread(target=work, daemon=True, name=f"ngkt-kernel-{i}") for i in range(n)
        ]
        for t in threads:
            t.start()
        try:
            for task in items:
                task.notebook()
                todo.put(task)
            for _ in threads:
                todo.put(None)
            for _ in range(len(items)):
                result = done.get()
                if isinstance(result, BaseException):
                    raise result
                yield result
        finally:
            stopping.set()
            for _ in threads:
                todo.put(None)
            for t in threads:
                t.join(timeout=30)
