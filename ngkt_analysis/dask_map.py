"""An ordered, bounded map over a Dask cluster (the ``dask`` engine of :func:`compute.map_ordered`).

A bounded number of items is in flight (submitted or finished but not yet yielded), so the
client's memory stays flat however many items there are; results come back in input order, so
the output is the same as a local run's. Items travel to the workers with their task: no shared
file system is needed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from distributed import Client, as_completed

from ngkt_analysis.compute import dask_client

PER_THREAD = 2
"""Items in flight per worker thread: one running, one queued behind it."""


def map_ordered(
    fn: Callable[[Any], Any],
    items: Iterable[Any],
    *,
    scheduler: str | None = None,
    client: Client | None = None,
    in_flight: int | None = None,
) -> Iterator[Any]:
    """Yield ``fn(item)`` of each item, computed on a cluster, in input order.

    ``client`` (left open) takes precedence over ``scheduler``; without either, a local cluster
    of one worker per core is started and closed.
    """
    with dask_client(scheduler, client) as active:
        limit = in_flight or PER_THREAD * max(1, sum(active.nthreads().values()))
        yield from _ordered(active, fn, iter(items), limit)


def _ordered(client: Client, fn: Callable, items: Iterator[Any], limit: int) -> Iterator[Any]:
    batch = uuid.uuid4().hex[:8]
    name = getattr(fn, "__name__", "task")
    running: dict[Any, int] = {}  # future → item number
    finished: dict[int, Any] = {}
    submitted = written = 0
    queue = as_completed(loop=client.loop)  # not the default client: there may be none

    def refill() -> None:
        nonlocal submitted
        while len(running) + len(finished) < limit:
            item = next(items, None)
            if item is None:
                return
            key = f"ngkt-{name}-{batch}-{submitted}"
            future = client.submit(fn, item, key=key, pure=False)
            running[future] = submitted
            queue.add(future)
            submitted += 1

    try:
        refill()
        for future in queue:
            finished[running.pop(future)] = future.result()
            future.release()
            while written in finished:
                yield finished.pop(written)
                written += 1
            refill()
    finally:
        if running:  # stopped early (an error, Ctrl-C): drop the rest on the cluster
            client.cancel(list(running))
