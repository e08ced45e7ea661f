"""The data context: what a command, a claim or the report runs on.

A :class:`DataContext` is either a folder of real datasets or the synthetic
example world; :func:`resolve_context` picks one (``--data`` >
``$WORLDSYSTEM_DATA`` > fetched releases in the cache > the example world). It
memoises source loads so that several measures share them, and raises
:class:`MissingData` (naming the datasets and the command that gets them) when a
computation needs a source that is absent.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Callable
from typing import Any

from worldsystem.core import config
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance

__all__ = ["DataContext", "MissingData", "ReportContext", "resolve_context"]


class MissingData(WorldsystemError):
    """A computation's dataset is not available."""

    def __init__(self, source_ids: list[str] | tuple[str, ...], detail: str = "") -> None:
        self.source_ids = tuple(source_ids)
        ids = " ".join(self.source_ids)
        super().__init__(
            f"dataset(s) not available: {', '.join(self.source_ids)}"
            + (f" ({detail})" if detail else ""),
            hint=f"worldsystem data fetch {ids}  (or point --data at a folder holding them)",
        )


@dataclass
class DataContext:
    """The data a command runs on.

    ``data`` is the folder of real datasets, or None when running on the
    example world (``example`` holds it then). ``load`` memoises source loads.
    """

    data: Path | None
    years: tuple[int, int] | None = None
    example: Any = None
    example_seed: int = 0
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def is_example(self) -> bool:
        return self.data is None

    def available(self, source_id: str) -> bool:
        if self.data is None:
            return False
        from worldsystem.sources import info

        return info(source_id).available(self.data)

    def require(self, *source_ids: str) -> None:
        """Raise MissingData unless every source is available."""
        missing = [s for s in source_ids if not self.available(s)]
        if missing:
            raise MissingData(missing)

    def memo(self, key: str, fn: Callable[[], Any]) -> Any:
        """``fn()`` computed once per context and ``key``; later calls return the stored value.

        Workflows, claims and report sections share expensive results (panels, MRIO
        tables, ideal-point fits) through this memo instead of recomputing them. Keys
        name the result and its parameters, e.g. ``"mrio:wiod2013:2011"``.
        """
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    def load(self, source_id: str, **options: Any) -> Any:
        key = source_id + repr(sorted(options.items()))
        if key not in self._cache:
            self.require(source_id)
            from worldsystem.sources import load

            self._cache[key] = load(source_id, self.data, **options)
        return self._cache[key]

    def provenance(self) -> Provenance:
        if self.is_example:
            return self.example.provenance
        return Provenance()


def resolve_context(
    data: str | os.PathLike[str] | None = None,
    *,
    years: tuple[int, int] | None = None,
    seed: int = 0,
) -> DataContext:
    """Real data when ``--data``/``$WORLDSYSTEM_DATA`` is set or the cache holds fetched
    releases; the example world otherwise."""
    configured = config.configured_data_dir(data)
    if configured is not None:
        if not configured.is_dir():
            from worldsystem.core.errors import SourceError

            raise SourceError(
                "data directory does not exist",
                file=configured,
                hint=f"pass --data / ${config.ENV_DATA} a folder of the public datasets",
            )
        return DataContext(data=configured, years=years)
    cached = config.data_dir(None)
    if cached.is_dir() and any(cached.iterdir()):
        return DataContext(data=cached, years=years)
    from worldsystem.example import world

    return DataContext(data=None, years=years, example=world(seed=seed), example_seed=seed)


#: The name the report layer has used for :class:`DataContext`.
ReportContext = DataContext
