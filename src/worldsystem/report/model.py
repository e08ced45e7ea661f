"""What a report section is and what it returns.

A :class:`Section` is two functions and a name:

- ``data(ctx) -> dict``: gathers the section's frames and plain values from the
  data context, through :mod:`worldsystem.workflows` only. It holds every
  difference between the example world and real data (at its top), and raises
  :class:`~worldsystem.workflows.context.MissingData` when a dataset is absent;
- ``present(frames) -> Output``: turns that dict into paragraphs, findings,
  figures and tables. It is pure (no context, no data folder, no clock), so it
  is tested on small hand-made frames.

The page template does the layout and the escaping; sections never write files
and never render HTML beyond the figure payloads (a plotly figure, or an inline
SVG map from :mod:`worldsystem.report.maps`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from worldsystem.core.provenance import Provenance, get

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from worldsystem.workflows.context import DataContext

__all__ = [
    "Figure",
    "FunctionSection",
    "Output",
    "Section",
    "SectionOutput",
    "Table",
    "method_params",
]


@dataclass(frozen=True)
class Figure:
    """A figure of a section: a plotly figure or an inline SVG map, with caption and data.

    Attributes
    ----------
    id : str
        Stable identifier: the HTML anchor and the file name under ``tables/``.
    title : str
        Heading shown above the figure.
    kind : str
        ``"plotly"`` (``payload`` a plotly Figure or its dict) or ``"svg"``
        (``payload`` ``{"svg": markup, "legend": [(label, colour), ...]}``).
    payload : Any
        The figure itself.
    caption : str
        Units, method and sources.
    data : DataFrame or None
        The frame behind the figure (written to ``tables/`` with ``--tables``).
    """

    id: str
    title: str
    kind: str
    payload: Any
    caption: str = ""
    data: pd.DataFrame | None = None


@dataclass(frozen=True)
class Table:
    """A table shown in the page (values are escaped by the template).

    Attributes
    ----------
    id, title, caption : str
        As for :class:`Figure`.
    frame : DataFrame
        The rows; all of them are written to ``tables/``.
    max_rows : int
        Rows shown in the page (the caption says when rows are left out).
    """

    id: str
    title: str
    frame: pd.DataFrame
    caption: str = ""
    max_rows: int = 50


@dataclass
class Output:
    """What a section shows: paragraphs, findings, figures, tables and provenance.

    Attributes
    ----------
    paragraphs : list of str
        Text of the section, in order.
    findings : list of str
        One-line results collected at the top of the page.
    figures, tables : list
        :class:`Figure` and :class:`Table` items, in page order.
    provenance : Provenance
        Sources and methods behind the section (merged into the appendix).
    method_notes : list of str
        Notes on the method shown under the section.
    """

    paragraphs: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    method_notes: list[str] = field(default_factory=list)


#: The name :class:`Output` has had in the report's section interface.
SectionOutput = Output


@dataclass(frozen=True)
class Section:
    """A report section: ``data(ctx)`` gathers, ``present(frames)`` shows.

    Attributes
    ----------
    id : str
        Stable identifier, used by ``--sections`` and as the HTML anchor.
    title : str
        Heading of the section.
    data : callable
        ``data(ctx) -> dict`` of frames and plain values (calls workflows only).
    present : callable
        ``present(frames) -> Output``, pure.
    needs : tuple of str
        Source ids the section reads (named in the "missing data" panel).
    """

    id: str
    title: str
    data: Callable[[DataContext], dict[str, Any]]
    present: Callable[[Mapping[str, Any]], Output]
    needs: tuple[str, ...] = ()

    def gather(self, ctx: DataContext) -> dict[str, Any]:
        """``data(ctx)``, computed once per context (through ``ctx.memo``)."""
        return ctx.memo(f"report.section:{self.id}", lambda: self.data(ctx))

    def build(self, ctx: DataContext) -> Output:
        """Gather the section's data and present it."""
        return self.present(self.gather(ctx))


@dataclass(frozen=True)
class FunctionSection:
    """A section made from one function ``build(ctx) -> Output`` (plug-ins and tests).

    See :func:`worldsystem.report.sections.register`.
    """

    id: str
    title: str
    needs: tuple[str, ...]
    func: Callable[[DataContext], Output]
    order: int = 100

    def build(self, ctx: DataContext) -> Output:
        """Run the function."""
        return self.func(ctx)


def method_params(source: pd.DataFrame | Provenance, method: str) -> dict[str, Any]:
    """The parameters a method recorded in a result's provenance.

    Parameters
    ----------
    source : DataFrame or Provenance
        A result frame (its ``attrs["provenance"]`` is read) or a provenance.
    method : str
        The method's name, or the end of it after a dot (``"alignment"`` matches
        ``"worldsystem.measures.blocs.alignment"``).

    Returns
    -------
    dict
        The parameters of the last record of that method; nested mappings are
        dicts again. Captions read thresholds from here instead of restating them.

    Raises
    ------
    KeyError
        When the provenance holds no such method (the caption would otherwise state
        a parameter the result was not computed with).
    """
    prov = source if isinstance(source, Provenance) else get(source)
    found = [m for m in prov.methods if m.name == method or m.name.endswith("." + method)]
    if not found:
        names = ", ".join(m.name for m in prov.methods) or "none"
        raise KeyError(f"no method {method!r} in the provenance (methods: {names})")
    return {k: _thaw(v) for k, v in found[-1].params}


def _thaw(value: Any) -> Any:
    """A frozen provenance value back in plain form (pairs of (str, value) -> dict)."""
    if isinstance(value, tuple):
        if value and all(
            isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) for v in value
        ):
            return {k: _thaw(v) for k, v in value}
        return [_thaw(v) for v in value]
    return value
