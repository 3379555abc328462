"""Where work runs: the engines both the report runner and the extractor choose from.

One registry (:data:`ENGINES`) names the engines and the optional extra each needs; one helper
imports an engine's module or says how to install its extra (:func:`import_engine`); one context
manager gives a Dask client and closes it when it was ours (:func:`dask_client`); and
:func:`map_ordered` maps a function over work items on an engine, results in input order. The
report engines (``reports/engines.py``) and the extractor (``extract/run.py``) both use these,
so neither depends on the other. ``distributed`` is imported only when the ``dask`` engine runs.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING, Any, TypeVar

from ngkt_analysis.errors import ParameterError

if TYPE_CHECKING:
    from distributed import Client

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class EngineSpec:
    """An engine: the extra it needs (None: always there) and that extra's top-level packages."""

    extra: str | None = None
    packages: tuple[str, ...] = ()


ENGINES: dict[str, EngineSpec] = {
    "local": EngineSpec(),
    "dask": EngineSpec("dask", ("dask", "distributed")),
}
"""Every engine, by name: ``local`` (this machine) and ``dask`` (a Dask cluster)."""


def check_engine(name: str) -> EngineSpec:
    """Return the engine ``name`` or raise ParameterError listing the engines.

    Examples
    --------
    >>> check_engine("dask").extra
    'dask'
    """
    if name not in ENGINES:
        raise ParameterError("engine", name, "one of " + ", ".join(ENGINES))
    return ENGINES[name]


def import_engine(name: str, module: str) -> ModuleType:
    """Import ``module`` for engine ``name``; a missing extra becomes a ParameterError.

    Raises
    ------
    ParameterError
        When the engine's extra is not installed: ``pip install "ngkt-analysis[EXTRA]"``.
    """
    spec = check_engine(name)
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if spec.extra is None or (exc.name or "").partition(".")[0] not in spec.packages:
            raise  # a bug in the module, not a missing extra
        raise ParameterError(
            "engine",
            name,
            f"an installed engine; the {name} engine needs its extra: "
            f'pip install "ngkt-analysis[{spec.extra}]" (missing: {exc.name})',
        ) from None


def available_cores() -> int:
    """Return the CPU cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def connect(scheduler: str | None, workers: int) -> Client:
    """Return a client of ``scheduler``, or of a new local cluster of ``workers`` processes.

    Raises
    ------
    ParameterError
        When the scheduler cannot be reached.
    """
    from distributed import Client, LocalCluster

    if scheduler is None:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
        )
        return Client(cluster, set_as_default=False)
    try:  # the timeout: distributed.comm.timeouts.connect (30 s unless configured)
        return Client(scheduler, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ParameterError(
            "scheduler", scheduler, f"the address of a running Dask scheduler ({exc})"
        ) from None


@contextmanager
def dask_client(
    scheduler: str | None = None, client: Client | None = None, workers: int | None = None
) -> Iterator[Client]:
    """Yield ``client`` (left open) or a new one (closed after, with the cluster it started)."""
    if client is not None:
        yield client
        return
    owned = connect(scheduler, workers or available_cores())
    try:
        yield owned
    finally:
        cluster = owned.cluster
        owned.close()
        if cluster is not None:
            cluster.close()


def map_ordered(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    engine: str = "local",
    scheduler: str | None = None,
    client: Any = None,
    in_flight: int | None = None,
) -> Iterator[R]:
    """Yield ``fn(item)`` for every item, in input order, computed on ``engine``.

    ``local`` maps lazily in this process. ``dask`` sends items to the workers, a bounded number
    in flight (``in_flight``, default two per worker thread) so memory stays flat, and yields
    the results in input order (:mod:`ngkt_analysis.dask_map`).

    Raises
    ------
    ParameterError
        Unknown engine, ``scheduler`` without ``dask``, a missing extra, an unreachable
        scheduler.

    Examples
    --------
    >>> list(map_ordered(len, ["a", "bcd"]))
    [1, 3]
    """
    check_engine(engine)
    if engine == "local":
        if scheduler is not None:
            raise ParameterError("scheduler", scheduler, "no scheduler with the local engine")
        return map(fn, items)
    runner = import_engine(engine, "ngkt_analysis.dask_map")
    return runner.map_ordered(fn, items, scheduler=scheduler, client=client, in_flight=in_flight)
