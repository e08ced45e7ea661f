"""The data context: what a command, a claim or the report runs on.

A :class:`DataContext` wraps one :class:`~worldsystem.workflows.backends.Backend`
(a folder of real datasets, or the synthetic example world) with the years a run
asks for and a memo that several workflows, claims and report sections share.
:func:`resolve_context` picks the backend (``--data`` > ``$WORLDSYSTEM_DATA`` >
fetched releases in the cache > the example world).

Workflows talk to ``ctx.backend`` through its protocol only; they never branch on
which backend it is. :attr:`DataContext.is_example` exists for banners and labels.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldsystem.core import config, progress
from worldsystem.core.provenance import Provenance
from worldsystem.workflows.backends import Backend, ExampleBackend, FolderBackend, MissingData

__all__ = ["DataContext", "MissingData", "ReportContext", "resolve_context"]


@dataclass
class DataContext:
    """The data a command runs on.

    Parameters
    ----------
    data : path or None
        The folder of real datasets; None for the example world.
    years : (int, int), optional
        The inclusive year range asked for (None: every year the data cover).
    example : ExampleWorld, optional
        The example world to serve when ``data`` is None (default: seed
        ``example_seed``).
    example_seed : int
        Seed of the example world.
    backend : Backend, optional
        Built from ``data``/``example`` when not given.
    mrio : str, optional
        The MRIO database the run uses (``--mrio``): one of the backend's
        :meth:`~worldsystem.workflows.backends.Backend.mrio_sources`; None for the
        backend's default (WIOD 2013 in a data folder, the example world's table).
    """

    data: Path | None = None
    years: tuple[int, int] | None = None
    example: Any = None
    example_seed: int = 0
    backend: Backend = None  # type: ignore[assignment]
    mrio: str | None = None
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.backend is None:
            if self.data is None:
                if self.example is None:
                    from worldsystem.example import world

                    with progress.stage("building the example world"):
                        self.example = world(seed=self.example_seed)
                self.backend = ExampleBackend(self.example, self.example_seed)
            else:
                self.data = Path(self.data)
                self.backend = FolderBackend(self.data)
        if self.example is not None:
            self._cache.setdefault(f"example-world:{self.example_seed}", self.example)

    @property
    def is_example(self) -> bool:
        """True on the synthetic example world (for banners and labels only)."""
        return bool(self.backend.is_example)

    def memo(self, key: str, fn: Callable[[], Any], *, stage: str | None = None) -> Any:
        """``fn()`` computed once per context and ``key``; later calls return the stored value.

        Workflows, claims and report sections share expensive results (panels, MRIO
        tables, ideal-point fits) through this memo instead of recomputing them. Keys
        name the result and its parameters, e.g. ``"mrio:2011:labour=True"``; a
        result that depends on the context's years or MRIO source puts :attr:`scope`
        in its key, since :meth:`with_years` and :meth:`with_mrio` contexts share the
        memo. ``stage`` names the computation
        as a progress stage (:mod:`worldsystem.core.progress`) when it runs.
        """
        if key not in self._cache:
            if stage is None:
                self._cache[key] = fn()
            else:
                with progress.stage(stage):
                    self._cache[key] = fn()
        return self._cache[key]

    def with_years(self, years: tuple[int, int] | None) -> DataContext:
        """The same data and memo, restricted to ``years`` (None: every year)."""
        return dataclasses.replace(self, years=years, _cache=self._cache)

    @property
    def scope(self) -> str:
        """What a result may depend on beyond its own parameters: the years and the
        MRIO source, e.g. ``"years=(2000, 2005):mrio=wiod2013"``. Memo keys of results
        that read either carry it (contexts from :meth:`with_years` and
        :meth:`with_mrio` share the memo)."""
        return f"years={self.years}:mrio={self.mrio_source}"

    @property
    def mrio_source(self) -> str:
        """The MRIO database of this run (:attr:`mrio` or the backend's default)."""
        return self.mrio or self.backend.default_mrio

    def with_mrio(self, source: str | None) -> DataContext:
        """The same data and memo, on the MRIO database ``source`` (None: default)."""
        return dataclasses.replace(self, mrio=source, _cache=self._cache)

    def available(self, source_id: str) -> bool:
        """Whether the backend has ``source_id``'s validated files."""
        return self.backend.available(source_id)

    def require(self, *source_ids: str) -> None:
        """Raise MissingData unless every source is available."""
        self.backend.require(*source_ids)

    def load(self, source_id: str, **options: Any) -> Any:
        """A source frame in its loader's layout (memoised per options)."""
        key = "load:" + source_id + repr(sorted(options.items()))
        return self.memo(
            key, lambda: self.backend.load(source_id, **options), stage=f"loading {source_id}"
        )

    def load_extra(self, source_id: str, name: str) -> Any:
        """A source's secondary table (``load_<name>`` of its module; memoised)."""
        return self.memo(
            f"load:{source_id}:{name}",
            lambda: self.backend.load_extra(source_id, name),
            stage=f"loading {source_id} ({name})",
        )

    def provenance(self) -> Provenance:
        return self.backend.provenance()


def resolve_context(
    data: str | os.PathLike[str] | None = None,
    *,
    years: tuple[int, int] | None = None,
    seed: int = 0,
    mrio: str | None = None,
) -> DataContext:
    """Real data when ``--data``/``$WORLDSYSTEM_DATA`` is set or the cache holds fetched
    releases; the example world otherwise."""
    configured = config.configured_data_dir(data)
    if configured is not None:
        if not configured.is_dir():
            from worldsystem.core.errors import SourceError

            raise SourceError(
                "data directory is not a folder"
                if configured.exists()
                else "data directory does not exist",
                file=configured,
                hint=f"pass --data / ${config.ENV_DATA} a folder of the public datasets",
            )
        return DataContext(data=configured, years=years, mrio=mrio)
    cached = config.data_dir(None)
    if cached.is_dir() and any(cached.iterdir()):
        return DataContext(data=cached, years=years, mrio=mrio)
    return DataContext(data=None, years=years, example_seed=seed, mrio=mrio)


#: The name the report layer has used for :class:`DataContext`.
ReportContext = DataContext
