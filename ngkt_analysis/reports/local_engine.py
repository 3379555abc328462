"""The ``local`` engine: a pool of warm kernels on this machine (registered as ``local``).

Each kernel starts once, imports the library once (``kernel.WARM_UP``), and then runs report
after report with its namespace reset in between (``kernel.RESET``).
"""

from __future__ import annotations

import queue
import subprocess
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ngkt_analysis.reports.engines import Engine, Executed, Task, register, since, strip_ansi
from ngkt_analysis.reports.kernel import RESET, WARM_UP


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
                    return Executed(task.key, nb, strip_ansi(str(exc)), index, since(start))
        except (DeadKernelError, CellTimeoutError, RuntimeError, TimeoutError) as exc:
            self.stop()  # the next task gets a new kernel
            return Executed(task.key, nb, f"{type(exc).__name__}: {exc}", None, since(start))
        return Executed(task.key, nb, None, None, since(start))

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
