"""The report's sections, in page order.

:data:`SECTIONS` is the explicit, ordered list of the built-in sections; each
lives in its own module here as a :class:`~worldsystem.report.model.Section`
(``data(ctx)`` gathers through the workflows, ``present(frames)`` shows, purely).
Importing this package registers nothing and imports no other report module
than :mod:`~worldsystem.report.model`, :mod:`~worldsystem.report.style`,
:mod:`~worldsystem.report.defaults` and :mod:`~worldsystem.report.maps`.

A section that cannot run because a dataset is absent raises
:class:`MissingData`; the report then shows a short panel naming the dataset and
the command that gets it, and goes on with the other sections.

Sections from outside the package (plug-ins, tests) are added with
:func:`register` and removed with :func:`unregister`; they follow the built-in
ones, in their ``order``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from worldsystem.report.model import (
    Figure,
    FunctionSection,
    Output,
    Section,
    SectionOutput,
    Table,
)
from worldsystem.report.sections import (
    blocs,
    claims,
    dynamics,
    exchange,
    groups,
    imperialism,
    overview,
    polarity,
    position,
    shocks,
)
from worldsystem.workflows.context import MissingData

__all__ = [
    "SECTIONS",
    "Figure",
    "MissingData",
    "Output",
    "Section",
    "SectionOutput",
    "Table",
    "register",
    "registered",
    "unregister",
]

#: The built-in sections in page order.
SECTIONS: tuple[Section, ...] = (
    overview.SECTION,
    groups.SECTION,
    polarity.SECTION,
    position.SECTION,
    dynamics.SECTION,
    blocs.SECTION,
    exchange.SECTION,
    imperialism.SECTION,
    shocks.SECTION,
    claims.SECTION,
)

#: Sections added with :func:`register`, by id.
_REGISTRY: dict[str, FunctionSection] = {}


def register(
    id: str, title: str, *, needs: tuple[str, ...] = (), order: int = 100
) -> Callable[[Callable[[Any], Output]], Callable[[Any], Output]]:
    """Decorator adding ``func(ctx) -> Output`` as a section after the built-in ones.

    For plug-ins and tests; the built-in sections are listed in :data:`SECTIONS`.
    Added sections are ordered by ``order`` (then id).
    """

    def deco(func: Callable[[Any], Output]) -> Callable[[Any], Output]:
        _REGISTRY[id] = FunctionSection(id=id, title=title, needs=needs, func=func, order=order)
        return func

    return deco


def unregister(id: str) -> None:
    """Remove a section added with :func:`register` (no error if there is none)."""
    _REGISTRY.pop(id, None)


def registered() -> list[Section | FunctionSection]:
    """Every section in page order: :data:`SECTIONS`, then the added ones."""
    return [*SECTIONS, *sorted(_REGISTRY.values(), key=lambda s: (s.order, s.id))]
