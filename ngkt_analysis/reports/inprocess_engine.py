"""The ``inprocess`` engine: run a report's cells in this process, with no kernel to start.

For one report from the command line, starting a kernel (a new interpreter that then imports
pandas, matplotlib, plotly and the library) is most of the wall time. This engine runs the cells
in an IPython shell inside the calling process instead, and makes the same outputs a kernel
would:

- rich displays and cell results become ``display_data`` and ``execute_result`` outputs, built
  the way ipykernel builds its messages (``encode_images``), packed and unpacked as
  jupyter_client packs them, and turned into outputs by nbformat's ``output_from_msg``, as
  nbclient does;
- matplotlib draws through the inline backend, as in a kernel;
- before each report the namespace and settings are reset (:func:`kernel.restore`), as the warm
  kernels do;

so a page is byte-identical to the ``local`` engine's (tested on every report kind). What it does
not give is isolation: a report that crashes the interpreter takes the command with it. It runs
one report at a time, refuses to start inside another IPython session (a notebook calling the
library: use ``local`` there), and enforces ``cell_timeout`` on the main thread only.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ngkt_analysis.errors import ParameterError
from ngkt_analysis.reports.engines import Engine, Executed, Task, register, since, strip_ansi

INLINE = "module://matplotlib_inline.backend_inline"


class _Cell:
    """Where the outputs of the cell being run go (a kernel's iopub stream, in effect)."""

    def __init__(self, by_display_id: dict[str, list[Any]] | None = None) -> None:
        self.outputs: list[Any] = []
        self.clear_before_next = False  # clear_output(wait=True): clear when the next one comes
        # outputs with a display id, over the whole report: an update reaches earlier cells too
        self.by_display_id = {} if by_display_id is None else by_display_id

    def add(self, msg_type: str, content: dict[str, Any]) -> None:
        """Append the output of one message, packed and unpacked as a kernel's would be."""
        from jupyter_client.session import json_packer, json_unpacker
        from nbformat.v4 import output_from_msg

        content = json_unpacker(json_packer(content))
        display_id = (content.get("transient") or {}).get("display_id")
        if msg_type == "update_display_data":  # nbclient: replace every output of that id
            for out in self.by_display_id.get(display_id, []):
                out.data, out.metadata = content["data"], content["metadata"]
            return
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False
        out = output_from_msg({"header": {"msg_type": msg_type}, "content": content})
        if display_id:
            self.by_display_id.setdefault(display_id, []).append(out)
        self.outputs.append(out)

    def write(self, name: str, text: str) -> None:
        """Append stream text, joining it to the previous output when that is the same stream."""
        if not text:
            return
        if self.clear_before_next:
            self.outputs.clear()
            self.clear_before_next = False
        last = self.outputs[-1] if self.outputs else None
        if last is not None and last.output_type == "stream" and last.name == name:
            last.text += text
            return
        self.add("stream", {"name": name, "text": text})


class _Stream:
    """``sys.stdout`` / ``sys.stderr`` while a cell runs."""

    encoding = "utf-8"

    def __init__(self, cell: _Cell, name: str):
        self.cell, self.name = cell, name

    def write(self, text: str) -> int:
        self.cell.write(self.name, text)
        return len(text)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False


def _shell_classes():
    """Build the shell classes (IPython is imported only when the engine is used)."""
    from ipykernel.jsonutil import encode_images
    from IPython.core.displayhook import DisplayHook
    from IPython.core.displaypub import DisplayPublisher
    from IPython.core.interactiveshell import InteractiveShell
    from traitlets import Type

    class Publisher(DisplayPublisher):
        def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **_):
            content = {
                "data": encode_images(data),
                "metadata": metadata or {},
                "transient": transient or {},
            }
            self.shell.cell.add("update_display_data" if update else "display_data", content)

        def clear_output(self, wait: bool = False) -> None:
            if wait:  # as nbclient does: the clearing waits for the next output
                self.shell.cell.clear_before_next = True
            else:
                self.shell.cell.outputs.clear()

    class Hook(DisplayHook):
        def start_displayhook(self) -> None:
            self.content: dict[str, Any] = {}

        def write_output_prompt(self) -> None:
            self.content["execution_count"] = self.prompt_count

        def write_format_data(self, format_dict, md_dict=None) -> None:
            self.content["data"] = encode_images(format_dict)
            self.content["metadata"] = md_dict

        def finish_displayhook(self) -> None:
            if self.content.get("data"):
                self.shell.cell.add("execute_result", self.content)
            self.content = {}

    class Shell(InteractiveShell):
        displayhook_class = Type(Hook)
        display_pub_class = Type(Publisher)
        cell = _Cell()

        def _showtraceback(self, etype, evalue, stb) -> None:
            content = {"traceback": stb, "ename": str(etype.__name__), "evalue": str(evalue)}
            self.cell.add("error", content)
            self.last_error = content

    return Shell


_SHELL: Any = None
_LOCK = threading.Lock()


def shell() -> Any:
    """Return this process's report shell, making it (and the inline backend) on first use.

    Raises
    ------
    ParameterError
        Inside another IPython session (a notebook, the IPython prompt).
    """
    global _SHELL
    if _SHELL is not None:
        return _SHELL
    from IPython import get_ipython
    from traitlets.config import Config

    if get_ipython() is not None:
        raise ParameterError(
            "engine", "inprocess", "'local' inside an IPython session (a notebook, the prompt)"
        )
    config = Config()
    config.HistoryManager.enabled = False  # a kernel's history database is never read back
    os.environ.setdefault("MPLBACKEND", INLINE)  # as ipykernel sets it
    _SHELL = _shell_classes().instance(config=config)
    if "matplotlib.pyplot" in sys.modules:  # pyplot chose its backend already: switch
        _SHELL.enable_matplotlib("inline")
    return _SHELL


def _timeout(seconds: float | None):
    """Raise TimeoutError in a cell running longer than ``seconds`` (main thread only)."""
    if not seconds or threading.current_thread() is not threading.main_thread():
        return contextlib.nullcontext()

    @contextlib.contextmanager
    def alarm():
        def expire(signum: int, frame: Any) -> None:
            raise TimeoutError(f"a cell ran longer than {seconds:g} s")

        old = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)

    return alarm()


def execute(task: Task, cwd: Path | None = None, cell_timeout: float | None = 600) -> Executed:
    """Run every code cell of the task's notebook in this process's shell; stop at an error."""
    from ngkt_analysis.reports import kernel

    start = time.perf_counter()
    nb = task.notebook()
    with _LOCK, contextlib.chdir(cwd or Path.cwd()):
        sh = shell()
        kernel.restore()
        displayed: dict[str, list[Any]] = {}
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code" or not cell.source.strip():
                continue
            sh.cell, sh.last_error = _Cell(displayed), None
            saved = sys.stdout, sys.stderr
            sys.stdout, sys.stderr = _Stream(sh.cell, "stdout"), _Stream(sh.cell, "stderr")
            try:
                with _timeout(cell_timeout):
                    result = sh.run_cell(cell.source, store_history=True)
            finally:
                sys.stdout, sys.stderr = saved
            cell.outputs = sh.cell.outputs
            cell.execution_count = result.execution_count
            if isinstance(result.error_in_exec, KeyboardInterrupt):
                raise KeyboardInterrupt  # Ctrl-C stops the command, as it does with a kernel
            if not result.success:
                error = sh.last_error or {
                    "ename": type(result.error_before_exec).__name__,
                    "evalue": str(result.error_before_exec),
                    "traceback": [],
                }
                from nbclient.exceptions import CellExecutionError  # 0.3 s: only on failure

                message = str(CellExecutionError.from_cell_and_msg(cell, error))
                return Executed(task.key, nb, strip_ansi(message), index, since(start))
    return Executed(task.key, nb, None, None, since(start))


@register("inprocess")
class InProcessEngine(Engine):
    """Run reports one after another in this process (``ngkt report``'s default: no kernel).

    Options: ``cwd`` (the working directory while a report runs), ``cell_timeout`` seconds (600).
    ``workers`` is ignored: one process runs one report at a time.
    """

    def run(self, tasks: Iterable[Task]) -> Iterator[Executed]:
        """Execute ``tasks`` in order, yielding each result as it finishes."""
        cwd = self.options.get("cwd")
        timeout = self.options.get("cell_timeout", 600)
        for task in tasks:
            yield execute(task, cwd, timeout)
