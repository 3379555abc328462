"""Ways to execute parameterised notebooks, behind a small registry (papermill's seam).

An engine takes :class:`Task` objects (a notebook with its parameters already injected) and
yields :class:`Executed` results as they finish, in any order. The runner does everything else
(validation, export, writing, the index), so a new way to run notebooks is a new class::

    @register("dask")
    class DaskEngine(Engine): ...

This module is the registry only. The ``local`` engine (``local_engine.py``) keeps a pool of warm
kernels: each starts once, imports the library once, and then runs report after report, with its
namespace reset in between (see ``kernel.py``). The ``dask`` engine (``dask_engine.py``, the
optional ``dask`` extra) does the same on the workers of a Dask cluster. Each is imported the
first time it is asked for.
"""

from __future__ import annotations

import importlib
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ngkt_analysis.compute import ENGINES, available_cores, import_engine
from ngkt_analysis.errors import ParameterError

if TYPE_CHECKING:
    import nbformat

_ENGINES: dict[str, type[Engine]] = {}
_MODULES: dict[str, str] = {
    "local": "ngkt_analysis.reports.local_engine",
    "inprocess": "ngkt_analysis.reports.inprocess_engine",
    "dask": "ngkt_analysis.reports.dask_engine",
}
"""Engines in modules of their own, imported when first asked for (extras: ``compute.ENGINES``)."""


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


def since(start: float) -> float:
    """Return the seconds since ``start`` (a ``time.perf_counter()`` reading)."""
    return time.perf_counter() - start


def strip_ansi(text: str) -> str:
    r"""Return ``text`` without terminal colour codes (kernel tracebacks carry them).

    Examples
    --------
    >>> strip_ansi("\x1b[31mZeroDivisionError\x1b[39m: division by zero")
    'ZeroDivisionError: division by zero'
    """
    return re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", text)


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
        For an unknown name, listing the registered ones; for an engine whose extra is not
        installed, saying how to install it (:func:`ngkt_analysis.compute.import_engine`).
    """
    if name not in _ENGINES and name in _MODULES:
        if name in ENGINES:  # shared with the extractor, maybe behind an extra
            import_engine(name, _MODULES[name])
        else:
            importlib.import_module(_MODULES[name])
    if name not in _ENGINES:
        raise ParameterError("engine", name, "one of " + ", ".join(names()))
    return _ENGINES[name]


def names() -> list[str]:
    """Return the engine names: registered ones and those in modules of their own."""
    return sorted({*_ENGINES, *_MODULES})
