"""Year batches in process or on a Dask cluster, with identical results either way.

DESIGN.md: Dask distributed is an optional extra (``pip install "worldsystem[dask]"``);
``--scheduler local`` starts a ``LocalCluster`` on this machine and
``--scheduler tcp://host:port`` joins a running cluster. The default is in-process.

Only work whose result for one item does not depend on the others is split (for
example the position methods of one year, which never look at another year), and
every task gets the same parameters, seed included, as the in-process run, so the
concatenated result is the same whatever the scheduler. Results come back in input
order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from worldsystem.core import progress
from worldsystem.core.errors import WorldsystemError

__all__ = ["SCHEDULERS", "check_scheduler", "chunks", "map_tasks"]

T = TypeVar("T")

#: Seconds to wait for a ``tcp://`` scheduler to connect and answer.
CONNECT_TIMEOUT = 10

#: Values of ``--scheduler`` besides a ``tcp://host:port`` address.
SCHEDULERS = ("none", "local")


def check_scheduler(scheduler: str | None) -> str | None:
    """Normalise ``scheduler`` (None/"none" -> None) or raise naming the value."""
    if scheduler is None or scheduler == "none":
        return None
    if isinstance(scheduler, str) and (scheduler == "local" or scheduler.startswith("tcp://")):
        return scheduler
    raise WorldsystemError(
        "unknown scheduler",
        field="scheduler",
        value=scheduler,
        hint="use none (in process), local (a Dask LocalCluster) or tcp://host:port",
    )


def chunks(items: Sequence[T], n: int) -> list[list[T]]:
    """Split ``items`` into at most ``n`` contiguous, nearly equal, non-empty lists.

    >>> chunks([1, 2, 3, 4, 5], 2)
    [[1, 2, 3], [4, 5]]
    """
    items = list(items)
    n = max(1, min(int(n), len(items)))
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for k in range(n):
        stop = start + size + (1 if k < extra else 0)
        out.append(items[start:stop])
        start = stop
    return [c for c in out if c]


def _client(scheduler: str) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - depends on the install
        raise WorldsystemError(
            "the Dask scheduler needs the optional dask extra",
            field="scheduler",
            value=scheduler,
            hint='pip install "worldsystem[dask]"',
        ) from exc
    if scheduler == "local":
        cluster = LocalCluster(
            n_workers=max(1, os.cpu_count() or 1),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        try:
            return Client(cluster)
        except BaseException:
            cluster.close()
            raise
    import dask

    # every wait of the connection (TCP connect, handshake, the client's own
    # wait) is bounded: a listener that accepts and never replies fails in
    # about CONNECT_TIMEOUT seconds instead of hanging
    seconds = f"{CONNECT_TIMEOUT}s"
    try:
        with dask.config.set(
            {"distributed.comm.timeouts.connect": seconds, "distributed.comm.timeouts.tcp": seconds}
        ):
            return Client(scheduler, timeout=seconds)
    except (OSError, TimeoutError, AssertionError) as exc:
        # distributed raises OSError when refused, TimeoutError (or, for a handshake
        # that never completes, an AssertionError "Timeout too low") when it waits too long
        if isinstance(exc, OSError) and not isinstance(exc, TimeoutError) and str(exc):
            detail = str(exc).splitlines()[0][:160]
        else:
            detail = "no answer"
        import logging

        # the abandoned stream is closed at exit: no warning after the error line
        logging.getLogger("distributed.comm.tcp").setLevel(logging.ERROR)
        raise WorldsystemError(
            f"cannot reach the Dask scheduler at {scheduler} within {CONNECT_TIMEOUT} s ({detail})",
            field="scheduler",
            value=scheduler,
            hint="start one with `dask scheduler`, check the address, or use --scheduler local",
        ) from None


def map_tasks(
    fn: Callable[..., T],
    items: Sequence[Any],
    *,
    scheduler: str | None = None,
    shared: dict[str, Any] | None = None,
    label: str = "tasks",
) -> list[T]:
    """``[fn(item, **shared) for item in items]``, in process or on Dask.

    Parameters
    ----------
    fn : callable
        A module-level function (it is pickled to the workers).
    items : sequence
        One task per item; results come back in this order.
    scheduler : {None, "none", "local"} or "tcp://host:port"
    shared : dict, optional
        Keyword arguments common to every task (frames, parameters). On Dask
        they are scattered to the workers once, not sent with every task.
    label : str
        Name of the progress stage (:mod:`worldsystem.core.progress`): one step per
        finished item.
    """
    scheduler = check_scheduler(scheduler)
    shared = dict(shared or {})
    if scheduler is None or len(items) <= 1:
        return [fn(item, **shared) for item in progress.track(items, label)]
    client = _client(scheduler)
    try:
        handles = {k: client.scatter(v, broadcast=True) for k, v in shared.items()}
        futures = client.map(fn, list(items), pure=False, **handles)
        from dask.distributed import as_completed

        with progress.stage(f"{label} (on {scheduler})", total=len(futures)) as st:
            for _done in as_completed(futures):
                st.advance()
        return client.gather(futures)
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if scheduler == "local" and cluster is not None:
            cluster.close()
