"""The ``dask`` engine: warm kernels on the workers of a Dask distributed cluster.

Each worker keeps warm kernels of its own (:class:`WarmKernels`, a worker plugin: one kernel per
worker thread, started once when the worker joins, closed when it leaves), so a worker renders
report after report without a kernel start or a library import per report. The client sends
each parameterised notebook as nbformat JSON and gets the executed notebook back the same way:
workers need no shared file system, only the same ``ngkt-analysis`` (and data) installed. The
runner then exports and writes the pages on the client exactly as with the ``local`` engine.

A worker that dies mid-report (killed, out of memory) loses nothing: the scheduler gives its
task to another worker (up to ``distributed.scheduler.allowed-failures`` times, 3 by default),
and a report whose task kills every worker it lands on fails with that reason. Tasks are pure
(a notebook in, an executed notebook out), so a rerun is harmless, and the client yields each
report once.

This module imports ``distributed`` at import time; :func:`engines.get` imports it only when the
``dask`` engine is asked for, and turns a missing extra into a :class:`ParameterError`.
"""

from __future__ import annotations

import queue
import threading
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from distributed import Client, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ngkt_analysis.compute import dask_client
from ngkt_analysis.datasets import data_hash
from ngkt_analysis.errors import ParameterError
from ngkt_analysis.hashing import sha256_json
from ngkt_analysis.reports.engines import Engine, Executed, Task, register
from ngkt_analysis.reports.local_engine import KernelStartError, WarmKernel
from ngkt_analysis.reports.startup import skip_slow_optional_imports

KERNEL_OPTIONS = ("kernel_name", "startup_timeout", "retries", "cell_timeout")
"""The options of :class:`WarmKernel` that travel to the workers (``cwd`` is the worker's own)."""


class WarmKernels(WorkerPlugin):
    """A worker plugin: a pool of warm kernels on one worker, one per worker thread.

    ``setup`` starts the kernels in background threads (the worker's event loop must not block);
    :meth:`execute` borrows an idle one, runs a notebook, and gives it back. A kernel that dies
    is restarted by :class:`WarmKernel` on its next report. ``teardown`` shuts every kernel.

    Registered under a name derived from the options, with ``idempotent = True``: a second
    batch with the same options on the same cluster finds its kernels warm.
    """

    idempotent = True

    def __init__(self, options: dict[str, Any]):
        self.options = dict(options)
        self.name = plugin_name(self.options)
        self._idle: queue.Queue[tuple[WarmKernel, str | None]] = queue.Queue()
        self._kernels: list[WarmKernel] = []
        self.fingerprint: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"options": self.options, "name": self.name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["options"])

    def setup(self, worker: Any) -> None:
        """Start one warm kernel per worker thread, in the background."""
        skip_slow_optional_imports()
        self.fingerprint = fingerprint()
        cwd = Path(worker.local_directory)
        for i in range(max(1, worker.state.nthreads)):
            kernel = WarmKernel(**self.options, cwd=cwd)
            self._kernels.append(kernel)
            threading.Thread(
                target=self._start, args=(kernel,), daemon=True, name=f"ngkt-kernel-{i}"
            ).start()

    def _start(self, kernel: WarmKernel) -> None:
        try:
            kernel.start()
            self._idle.put((kernel, None))
        except KernelStartError as exc:  # its reports fail with the reason, as locally
            self._idle.put((kernel, str(exc)))

    def execute(self, key: str, notebook: str) -> dict[str, Any]:
        """Run one notebook (nbformat JSON) on an idle kernel; return the result as plain data."""
        import nbformat

        nb = nbformat.reads(notebook, as_version=4)
        kernel, start_error = self._idle.get()
        try:
            if start_error is not None:
                executed = Executed(key, nb, start_error)
            else:
                try:
                    executed = kernel.execute(Task(key, lambda: nb))
                except KernelStartError as exc:  # a restart after a kernel death failed
                    executed = Executed(key, nb, str(exc))
        finally:
            self._idle.put((kernel, start_error))
        return {
            "key": executed.key,
            "nb": nbformat.writes(executed.nb),
            "error": executed.error,
            "failed_cell": executed.failed_cell,
            "seconds": executed.seconds,
            "fingerprint": self.fingerprint,
        }

    def teardown(self, worker: Any) -> None:
        """Shut every kernel down (off the event loop: stopping a kernel waits on it)."""
        threads = [threading.Thread(target=k.stop, daemon=True) for k in self._kernels]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)


def plugin_name(options: dict[str, Any]) -> str:
    """Return the plugin name for a set of kernel options (same options, same warm kernels)."""
    return f"ngkt-warm-kernels-{sha256_json(options)[:12]}"


def render_on_worker(plugin: str, key: str, notebook: str) -> dict[str, Any]:
    """Execute ``notebook`` on one of this worker's warm kernels (the task run on a worker)."""
    kernels = get_worker().plugins.get(plugin)
    if not isinstance(kernels, WarmKernels):
        raise RuntimeError(f"worker has no {plugin!r} plugin (was it registered?)")
    return kernels.execute(key, notebook)


def fingerprint() -> dict[str, str]:
    """Return what must match between client and workers: package version and data hash."""
    from ngkt_analysis import __version__

    return {"version": __version__, "data": data_hash()}


@register("dask")
class DaskEngine(Engine):
    """Warm kernels on the workers of a Dask cluster; pages are written by the client.

    Options: ``scheduler`` (``tcp://HOST:8786``; without it, a local cluster of ``workers``
    processes), ``client`` (an existing :class:`distributed.Client`, left open), and the
    kernel options of the local engine (``kernel_name``, ``startup_timeout``, ``retries``,
    ``cell_timeout``). ``cwd`` is ignored: each worker runs its kernels in its own folder.
    """

    _here: dict[str, str]  # this machine's fingerprint, set by _check_workers

    def run(self, tasks: Iterable[Task]) -> Iterator[Executed]:
        """Submit every task to the cluster; yield results as they complete, each once.

        Raises
        ------
        ParameterError
            When the scheduler cannot be reached, or a worker runs another version of the
            package or other data than this machine (its reports would not match their keys).
        """
        import nbformat

        items = list(tasks)
        if not items:
            return
        by_future: dict[Any, Task] = {}
        with dask_client(
            self.options.get("scheduler"), self.options.get("client"), self.workers
        ) as client:
            try:
                self._check_workers(client)
                kernel_options = {k: self.options[k] for k in KERNEL_OPTIONS if k in self.options}
                plugin = WarmKernels(kernel_options)
                client.register_plugin(plugin, name=plugin.name)
                batch = uuid.uuid4().hex[:8]
                for i, task in enumerate(items):
                    future = client.submit(
                        render_on_worker,
                        plugin.name,
                        task.key,
                        nbformat.writes(task.notebook()),
                        key=f"ngkt-report-{batch}-{i}",
                        pure=False,
                    )
                    by_future[future] = task
                for future in as_completed(list(by_future), loop=client.loop):
                    task = by_future.pop(future)
                    yield self._collect(future, task)
                    future.release()
            finally:
                if by_future:  # interrupted: stop what is still queued on the cluster
                    client.cancel(list(by_future))

    def _collect(self, future: Any, task: Task) -> Executed:
        import nbformat

        try:
            out = future.result()
        except Exception as exc:  # the task itself failed (a killed worker, too many times)
            return Executed(task.key, task.notebook(), f"{type(exc).__name__}: {exc}")
        if out["fingerprint"] != self._here:  # a worker that joined after the check
            problem = _mismatch(self._here, out["fingerprint"])
            return Executed(task.key, task.notebook(), f"rendered by a worker with {problem}")
        nb = nbformat.reads(out["nb"], as_version=4)
        return Executed(out["key"], nb, out["error"], out["failed_cell"], out["seconds"])

    def _check_workers(self, client: Client) -> None:
        self._here = fingerprint()
        for address, there in client.run(fingerprint).items():
            if there != self._here:
                raise ParameterError(
                    "scheduler",
                    address,
                    "workers with the ngkt-analysis version and data of this machine; that "
                    f"worker has {_mismatch(self._here, there)}",
                )


def _mismatch(here: dict[str, str], there: dict[str, str]) -> str:
    return (
        f"version {there['version']} (here {here['version']}), data hash {there['data'][:12]}… "
        f"(here {here['data'][:12]}…)"
    )
