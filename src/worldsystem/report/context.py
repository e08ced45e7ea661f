"""What a report (or a CLI command) runs on: real data or the example world."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldsystem.core import config
from worldsystem.core.provenance import Provenance

__all__ = ["ReportContext", "resolve_context"]


@dataclass
class ReportContext:
    """The data a report runs on.

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
        from worldsystem.report.sections import MissingData

        missing = [s for s in source_ids if not self.available(s)]
        if missing:
            raise MissingData(missing)

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
) -> ReportContext:
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
        return ReportContext(data=configured, years=years)
    cached = config.data_dir(None)
    if cached.is_dir() and any(cached.iterdir()):
        return ReportContext(data=cached, years=years)
    from worldsystem.example import world

    return ReportContext(data=None, years=years, example=world(seed=seed), example_seed=seed)
