"""The section interface of the report.

A section is a small object with

- ``id``: a stable identifier (used by ``--sections`` and as an HTML anchor);
- ``title``: the heading shown in the page;
- ``needs``: the source ids it reads (for the "missing data" panel);
- ``build(ctx) -> SectionOutput``: computes its figures, tables and text.

A section that cannot run because a dataset is absent raises
:class:`MissingData`; the report then shows a short panel naming the dataset
and the command that gets it, and goes on with the other sections. Sections
never write files and never render HTML themselves beyond the figure payloads:
the page template does the layout and escaping.

Register a section with :func:`register`; the report builds them in order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

from worldsystem.core.provenance import Provenance
from worldsystem.workflows.context import MissingData

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from worldsystem.report.context import ReportContext

__all__ = [
    "Figure",
    "MissingData",
    "Section",
    "SectionOutput",
    "Table",
    "register",
    "registered",
]


@dataclass(frozen=True)
class Figure:
    """A figure: a plotly figure dict or an inline SVG, with caption and data.

    ``caption`` states units and sources; ``data`` is the frame behind the figure
    (written to ``tables/`` with ``--tables``).
    """

    id: str
    title: str
    kind: str  # "plotly" or "svg"
    payload: Any
    caption: str = ""
    data: pd.DataFrame | None = None


@dataclass(frozen=True)
class Table:
    """A table shown in the page (values are escaped by the template)."""

    id: str
    title: str
    frame: pd.DataFrame
    caption: str = ""
    max_rows: int = 50


@dataclass
class SectionOutput:
    """What a section returns: paragraphs, findings, figures, tables and provenance."""

    paragraphs: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    method_notes: list[str] = field(default_factory=list)


class Section(Protocol):
    id: str
    title: str
    needs: tuple[str, ...]

    def build(self, ctx: ReportContext) -> SectionOutput: ...


@dataclass(frozen=True)
class FunctionSection:
    """A section made from a function ``build(ctx) -> SectionOutput``."""

    id: str
    title: str
    needs: tuple[str, ...]
    func: Callable[[ReportContext], SectionOutput]
    order: int = 100

    def build(self, ctx: ReportContext) -> SectionOutput:
        return self.func(ctx)


_REGISTRY: dict[str, FunctionSection] = {}


def register(
    id: str, title: str, *, needs: tuple[str, ...] = (), order: int = 100
) -> Callable[[Callable[[ReportContext], SectionOutput]], Callable[[ReportContext], SectionOutput]]:
    """Decorator registering ``func(ctx) -> SectionOutput`` as a report section."""

    def deco(
        func: Callable[[ReportContext], SectionOutput],
    ) -> Callable[[ReportContext], SectionOutput]:
        _REGISTRY[id] = FunctionSection(id=id, title=title, needs=needs, func=func, order=order)
        return func

    return deco


def registered() -> list[FunctionSection]:
    """Registered sections in page order."""
    # importing the section modules registers them
    import worldsystem.report.builtin
    import worldsystem.report.sections_blocs
    import worldsystem.report.sections_claims
    import worldsystem.report.sections_exchange
    import worldsystem.report.sections_imperialism
    import worldsystem.report.sections_polarity
    import worldsystem.report.sections_position
    import worldsystem.report.sections_shocks  # noqa: F401

    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.id))
