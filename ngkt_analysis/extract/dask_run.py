"""The extractor on a Dask cluster: partitions of articles to the workers, output in order.

A bounded number of partitions is in flight (submitted or finished but not yet written), so
the client's memory stays flat however large the archive; results are handed back in input
order, so the output is the same as a local run's. Workers need no shared file system: the
articles travel with their partition, the output text comes back.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from distributed import Client, as_completed

from ngkt_analysis.compute import available_cores, connect
from ngkt_analysis.extract.io import Article, extract_partition

PER_THREAD = 2
"""Partitions in flight per worker thread: one running, one queued behind it."""


def map_partitions(
    parts: Iterable[list[Article]],
    fmt: str,
    *,
    scheduler: str | None = None,
    client: Client | None = None,
    in_flight: int | None = None,
) -> Iterator[dict[str, str]]:
    """Yield :func:`extract_partition` of each partition, computed on a cluster, in order.

    Parameters
    ----------
    parts : partitions of ``(id, text, published)`` articles, read lazily.
    fmt : ``csv`` or ``jsonl``.
    scheduler : address of a Dask scheduler; default a local cluster of one worker per core.
    client : an existing client (left open); takes precedence over ``scheduler``.
    in_flight : partitions submitted or waiting to be yielded at most (default: two per
        worker thread).

    Raises
    ------
    ParameterError
        When the scheduler cannot be reached.
    """
    owned = client is None
    if client is None:
        client = connect(scheduler, available_cores())
    try:
        limit = in_flight or PER_THREAD * max(1, sum(client.nthreads().values()))
        yield from _ordered(client, iter(parts), fmt, limit)
    finally:
        if owned:
            cluster = client.cluster
            client.close()
            if cluster is not None:
                cluster.close()


def _ordered(client: Client, parts: Iterator[list[Article]], fmt: str, limit: int) -> Iterator[Any]:
    batch = uuid.uuid4().hex[:8]
    running: dict[Any, int] = {}  # future → partition number
    finished: dict[int, dict[str, str]] = {}
    submitted = written = 0
    queue = as_completed(loop=client.loop)  # not the default client: there may be none

    def refill() -> None:
        nonlocal submitted
        while len(running) + len(finished) < limit:
            part = next(parts, None)
            if part is None:
                return
            future = client.submit(
                extract_partition, part, fmt, key=f"ngkt-extract-{batch}-{submitted}", pure=False
            )
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
