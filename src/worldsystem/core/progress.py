"""Progress of long computations, reported to whoever is listening.

Measures, workflows, claims and the report call this module at their natural loop
points (the years of a method, the EM iterations of the ideal-point fit, the
claims of the ledger, the report sections, the MRIO years); the CLI installs a
terminal display (:mod:`worldsystem.terminal`) when stderr is a terminal. The
computation never knows who listens, and with nobody listening (the default) a
stage costs a context-variable lookup and nothing is shown or recorded.

Usage in a computation::

    from worldsystem.core import progress

    with progress.stage("network methods", total=len(years)) as st:
        for year in years:
            ...
            st.advance(detail=str(year))

    for claim in progress.track(claims, "claims", detail=lambda c: c.id):
        ...

A listener is a :class:`Reporter` (its three methods are no-ops); install one
for a block with :func:`use`. :class:`Recorder` keeps every event, for tests and
for a caller that wants the timings. A callback ``f(done, total)`` (the style of
older hooks) is :meth:`Stage.update`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

__all__ = [
    "Event",
    "Recorder",
    "Reporter",
    "Stage",
    "advance",
    "current",
    "stage",
    "track",
    "use",
]

T = TypeVar("T")


class Reporter:
    """A listener to stages; this base class ignores everything.

    A stage is opened with :meth:`start` (its ``name``, its ``total`` number of
    steps or None when unknown, its nesting ``depth`` from 0, the ``unit`` of its
    steps: None for items, ``"bytes"`` for a download), moved with
    :meth:`update` and closed with :meth:`stop`. ``key`` is whatever :meth:`start`
    returned.
    """

    def start(self, name: str, total: float | None, depth: int, unit: str | None = None) -> Any:
        return None

    def update(
        self, key: Any, done: float, total: float | None, detail: str | None
    ) -> None:  # pragma: no cover - nothing to do
        return None

    def stop(self, key: Any) -> None:  # pragma: no cover - nothing to do
        return None


_NULL = Reporter()
_REPORTER: ContextVar[Reporter] = ContextVar("worldsystem_progress_reporter", default=_NULL)
_OPEN: ContextVar[tuple[Stage, ...]] = ContextVar("worldsystem_progress_open", default=())


class Stage:
    """An open stage: :meth:`advance` it by steps, or :meth:`update` it to a count."""

    __slots__ = ("_key", "_reporter", "done", "name", "total")

    def __init__(self, reporter: Reporter, key: Any, name: str, total: float | None) -> None:
        self._reporter = reporter
        self._key = key
        self.name = name
        self.total = total
        self.done: float = 0

    def advance(self, n: float = 1, detail: str | None = None) -> None:
        """``n`` more steps done; ``detail`` (e.g. the year just finished) is shown."""
        self.done += n
        if self._reporter is not _NULL:
            self._reporter.update(self._key, self.done, self.total, detail)

    def update(self, done: float, total: float | None = None, detail: str | None = None) -> None:
        """``done`` steps of ``total`` (kept if None): the ``f(done, total)`` callback."""
        self.done = done
        if total is not None:
            self.total = total
        if self._reporter is not _NULL:
            self._reporter.update(self._key, self.done, self.total, detail)


_IDLE = Stage(_NULL, None, "", None)


def current() -> Reporter:
    """The reporter installed in this context (a no-op one by default)."""
    return _REPORTER.get()


@contextmanager
def use(reporter: Reporter | None) -> Iterator[Reporter]:
    """Install ``reporter`` for the block (None: the silent default)."""
    token = _REPORTER.set(reporter if reporter is not None else _NULL)
    opened = _OPEN.set(())
    try:
        yield _REPORTER.get()
    finally:
        _OPEN.reset(opened)
        _REPORTER.reset(token)


@contextmanager
def stage(name: str, total: float | None = None, *, unit: str | None = None) -> Iterator[Stage]:
    """A named stage of ``total`` steps (None: unknown), nested in the open ones.

    ``unit`` names what a step is when it is not an item (``"bytes"``).
    """
    reporter = _REPORTER.get()
    if reporter is _NULL:
        _IDLE.done = 0
        yield _IDLE
        return
    opened = _OPEN.get()
    key = reporter.start(name, total, len(opened), unit)
    st = Stage(reporter, key, name, total)
    token = _OPEN.set((*opened, st))
    try:
        yield st
    finally:
        _OPEN.reset(token)
        reporter.stop(key)


def advance(n: float = 1, detail: str | None = None) -> None:
    """Advance the innermost open stage (nothing when none is open)."""
    opened = _OPEN.get()
    if opened:
        opened[-1].advance(n, detail)


def track(
    items: Iterable[T],
    name: str,
    *,
    total: int | None = None,
    detail: Callable[[T], Any] | None = None,
) -> Iterator[T]:
    """Yield ``items`` inside a stage ``name``, one step after each item.

    ``total`` defaults to ``len(items)`` when it has one; ``detail(item)`` labels the
    step (e.g. the year).
    """
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with stage(name, total) as st:
        for item in items:
            yield item
            st.advance(detail=None if detail is None else str(detail(item)))


@dataclass
class Event:
    """One call a :class:`Recorder` received."""

    kind: str  # "start", "update" or "stop"
    name: str
    depth: int
    done: float = 0
    total: float | None = None
    detail: str | None = None
    time: float = 0.0


@dataclass
class Recorder(Reporter):
    """Keeps every event, in order (``events``); ``stages()`` lists the stages opened.

    >>> from worldsystem.core import progress
    >>> rec = progress.Recorder()
    >>> with progress.use(rec):
    ...     for _ in progress.track([1990, 1991], "years", detail=str):
    ...         with progress.stage("inner"):
    ...             pass
    >>> rec.stages()
    ['years', 'inner', 'inner']
    >>> [(e.done, e.total, e.detail) for e in rec.events if e.kind == "update"]
    [(1, 2, '1990'), (2, 2, '1991')]
    """

    events: list[Event] = field(default_factory=list)
    _open: dict[int, tuple[str, int]] = field(default_factory=dict, repr=False)
    _next: int = 0

    def start(self, name: str, total: float | None, depth: int, unit: str | None = None) -> int:
        self._next += 1
        self._open[self._next] = (name, depth)
        self.events.append(Event("start", name, depth, 0, total, None, time.perf_counter()))
        return self._next

    def update(self, key: int, done: float, total: float | None, detail: str | None) -> None:
        name, depth = self._open[key]
        self.events.append(Event("update", name, depth, done, total, detail, time.perf_counter()))

    def stop(self, key: int) -> None:
        name, depth = self._open.pop(key)
        self.events.append(Event("stop", name, depth, time=time.perf_counter()))

    def stages(self) -> list[str]:
        """Names of the stages started, in order."""
        return [e.name for e in self.events if e.kind == "start"]

    @property
    def open(self) -> list[str]:
        """Names of the stages started and not yet stopped."""
        return [n for n, _d in self._open.values()]
