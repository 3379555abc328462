"""Where work runs: the cores this process may use, and a Dask client when asked for one.

Shared by the report engines and the extractor, so neither depends on the other. ``distributed``
is imported only inside :func:`connect`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ngkt_analysis.errors import ParameterError

if TYPE_CHECKING:
    from distributed import Client


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
