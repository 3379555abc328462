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
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ngkt_analysis.compute import available_cores
from ngkt_analysis.errors import ParameterError

if TYPE_CHECKING:
    import nbformat

_ENGINES: dict[str, type[Engine]] = {}
_OPTIONAL: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "local": ("ngkt_analysis.reports.local_engine", None, ()),
    "dask": ("ngkt_analysis.reports.dask_engine", "dask", ("dask", "distributed")),
}
"""Engines in modules of their own: name → (module, extra it needs or None, its packages)."""


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
        if extra is None or (exc.name or "").partition(".")[0] not in packages:
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
