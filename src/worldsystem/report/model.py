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

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance, get

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from worldsystem.workflows.context import DataContext

__all__ = [
    "COLUMN_LABELS",
    "FOLD_CHARS",
    "Figure",
    "FunctionSection",
    "Output",
    "RowDetail",
    "Rst",
    "Section",
    "SectionOutput",
    "Table",
    "column_formatter",
    "column_label",
    "is_year_column",
    "method_params",
    "source_statement",
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

    Every column gets one number format (:func:`column_formatter`) and a readable
    header with its unit (:func:`column_label`, or ``labels``); the page sorts a
    table by a click on a header, and folds text cells longer than
    :data:`FOLD_CHARS` into a disclosure.

    Attributes
    ----------
    id, title, caption : str
        As for :class:`Figure`.
    frame : DataFrame
        The rows; all of them are written to ``tables/`` (with the original
        column names).
    max_rows : int
        Rows shown in the page (the caption says when rows are left out).
    labels : mapping, optional
        Headers of some columns (column name -> header with unit), overriding
        :func:`column_label`.
    folded : bool
        Show the table folded under its title (a ``<details>`` element), for
        supporting detail such as evidence rows.
    details : sequence of RowDetail or None, optional
        One item per row of ``frame``: what that row folds open on demand (a
        ``<details>`` under the row, its toggle in the row's last column). Sorting
        moves each row with its detail.
    sort_keys : mapping, optional
        Column name -> one number per row of ``frame``: the sort key of that
        column's cells (for a text column such as ``"0.3 [0.2, 0.4]"``); a
        missing or NaN key sorts last.
    fold_chars : mapping, optional
        Column name -> the length above which that column's text cells fold
        (default :data:`FOLD_CHARS`), for a table that must read on one screen.
    breakout : bool
        On a wide screen, let the table run wider than the text column (up to
        :data:`~worldsystem.report.build.BREAKOUT_PX` CSS px, centred on the page) in
        a tighter line height, so that its rows wrap less; for a table that must read
        on one screen. Phone width and print are unchanged.
    nowrap : sequence of str
        Columns whose cells do not wrap in a breakout table on a wide screen (short
        labels such as a verdict with its bracket).
    """

    id: str
    title: str
    frame: pd.DataFrame
    caption: str = ""
    max_rows: int = 50
    labels: Mapping[str, str] | None = None
    folded: bool = False
    details: Sequence[RowDetail | None] | None = None
    sort_keys: Mapping[str, Sequence[float | None]] | None = None
    fold_chars: Mapping[str, int] | None = None
    breakout: bool = False
    nowrap: Sequence[str] = ()


@dataclass(frozen=True)
class RowDetail:
    """What one table row folds open: labelled texts and small frames, in order.

    Attributes
    ----------
    summary : str
        The toggle's accessible name (e.g. ``"claim 1a: caveat and evidence"``).
    items : tuple of (str, str or DataFrame)
        ``(label, text)`` items are shown as a labelled paragraph, ``(label,
        frame)`` items as a small table under the label (all of its rows: pass
        the first rows only).
    """

    summary: str
    items: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Rst:
    """Text written in reStructuredText, rendered to HTML by the page (docutils).

    A plain ``str`` paragraph is shown as escaped text; an ``Rst`` item is parsed
    (with raw HTML and file inclusion disabled), so lists, emphasis, literals and
    headings read as such. Sphinx roles (``:func:``, ``:mod:``, ...) render as code.

    Attributes
    ----------
    text : str
        The reStructuredText source.
    summary : str, optional
        When given, the text is folded under this one-line summary (a
        ``<details>`` element), for long descriptions.
    """

    text: str
    summary: str | None = None


@dataclass
class Output:
    """What a section shows: paragraphs, findings, figures, tables and provenance.

    Attributes
    ----------
    paragraphs : list of str or Rst
        Text of the section, in order (a ``str`` is plain text, an :class:`Rst`
        item is rendered reStructuredText).
    findings : list of str
        One-line results collected at the top of the page.
    figures, tables : list
        :class:`Figure` and :class:`Table` items, in page order.
    provenance : Provenance
        Sources and methods behind the section (merged into the appendix).
    method_notes : list of str or Rst
        Notes on the method shown under the section.
    """

    paragraphs: list[str | Rst] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    provenance: Provenance = field(default_factory=Provenance)
    method_notes: list[str | Rst] = field(default_factory=list)


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
        """``data(ctx)``, computed once per context scope (through ``ctx.memo``).

        Contexts made by ``with_years`` or ``with_mrio`` share the memo, so the key
        carries :attr:`DataContext.scope` (the years and the MRIO source).
        """
        return ctx.memo(f"report.section:{self.id}:{ctx.scope}", lambda: self.data(ctx))

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


# -- table columns: headers with units, one number format per column --------------

#: Headers (with units) of columns that recur across sections; :func:`column_label`
#: falls back to rules on the name's unit suffix for the others.
COLUMN_LABELS: dict[str, str] = {
    "iso3": "country (ISO3)",
    "iso3_o": "origin (ISO3)",
    "iso3_d": "destination (ISO3)",
    "name": "name",
    "year": "year",
    "cinc": "CINC (share of the system, 0-1)",
    "con": "concentration CON (0-1)",
    "effective_poles": "effective number of poles",
    "robustness": "robustness (share of combinations agreeing, 0-1)",
    "polarity": "polarity",
    "leader_share": "leader's share (0-1)",
    "second_share": "second's share (0-1)",
    "hours": "hours (embodied)",
    "hours_exported": "hours exported (embodied hours)",
    "hours_imported": "hours imported (embodied hours)",
    "net_hours": "net hours exported (embodied hours)",
    "exchange_ratio": "exchange ratio (hours exported per hour imported)",
    "net_transfer_musd": "net transfer (USD million, current)",
    "output_change_musd": "output change (USD million)",
    "value_added_change_musd": "value added change (USD million)",
    "gdp_share_lost": "GDP lost (share, 0-1)",
    "composite_rank": "composite rank",
    "rank_lo": "rank, interval low",
    "rank_hi": "rank, interval high",
    "p_top1": "probability of rank 1",
    "claim_id": "claim",
    "data_years": "data years",
    "sha256": "SHA-256 (first 16 hex digits)",
}

#: Unit suffixes of column names and the unit they state in a header.
_SUFFIX_UNITS: tuple[tuple[str, str], ...] = (
    ("_musd_current", "USD million, current"),
    ("_musd_constant2019", "USD million, 2019 prices"),
    ("_musd_2011ppp", "USD million, 2011 PPP"),
    ("_musd", "USD million"),
    ("_busd", "USD billion"),
    ("_usd", "USD"),
    ("_pct_gdp", "% of GDP"),
    ("_pct", "%"),
    ("_share", "share, 0-1"),
    ("_thousands", "thousands"),
    ("_millions", "millions"),
    ("_hours", "hours"),
    ("_km", "km"),
    ("_iso3", "ISO3"),
)

#: Text cells longer than this many characters are folded into a disclosure.
FOLD_CHARS = 140


def column_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """A readable header of column ``name``, with its unit in parentheses.

    ``labels`` first, then :data:`COLUMN_LABELS`, then the unit suffix of the name
    (``net_transfer_musd`` -> ``net transfer (USD million)``); underscores become
    spaces.

    >>> column_label("milex_musd_current")
    'milex (USD million, current)'
    >>> column_label("leader_iso3")
    'leader (ISO3)'
    """
    name = str(name)
    if labels and name in labels:
        return labels[name]
    if name in COLUMN_LABELS:
        return COLUMN_LABELS[name]
    for suffix, unit in _SUFFIX_UNITS:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{name[: -len(suffix)].replace('_', ' ')} ({unit})"
    return name.replace("_", " ")


def is_year_column(name: str) -> bool:
    """Whether column ``name`` holds calendar years (printed without separators).

    ``period`` is the first year of a period (the zone-mobility frames'
    decades: 1990 for 1990-1999).

    >>> [is_year_column(c) for c in ("year", "base_year", "year_end", "years_n", "period")]
    [True, True, True, False, True]
    """
    name = str(name).lower()
    return (
        name in ("year", "session_year", "period")
        or name.endswith("_year")
        or name.startswith("year_")
    )


def column_formatter(values: Any, name: str = "") -> Callable[[Any], str]:
    """One format for every number of a column, chosen from the column's values.

    Years print as plain integers (``2001``); integer-valued columns with
    thousands separators (``1,810,720``); other numbers with a fixed number of
    decimals set by the largest magnitude (``-962,500`` and ``-1,810,720`` in one
    column, never ``-9.625e+05``); columns of very small numbers in scientific
    notation throughout. Missing values are blank; text is kept.

    >>> f = column_formatter([-962500.4, -1810720.0])
    >>> f(-962500.4), f(-1810720.0)
    ('-962,500', '-1,810,720')
    >>> f = column_formatter([0.23, 0.051]); f(0.23), f(0.051)
    ('0.230', '0.051')
    >>> column_formatter([2001.0, 2002.0], "year")(2001.0)
    '2001'
    """
    import math

    import numpy as np

    nums = []
    for v in values:
        if isinstance(v, bool | np.bool_) or not isinstance(v, int | float | np.number):
            continue
        if isinstance(v, float | np.floating) and not math.isfinite(float(v)):
            continue
        nums.append(float(v))
    year = is_year_column(name)
    if not nums:
        spec = "{:,.0f}"
    elif year or all(n.is_integer() for n in nums):
        spec = "{:.0f}" if year else "{:,.0f}"
    else:
        top = max(abs(n) for n in nums)
        if top >= 1000:
            spec = "{:,.0f}"
        elif top >= 100:
            spec = "{:,.1f}"
        elif top >= 1:
            spec = "{:,.2f}"
        elif top >= 0.01:
            spec = "{:.3f}"
        elif top == 0:
            spec = "{:.0f}"
        else:
            spec = "{:.2e}"

    def fmt(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, bool | np.bool_):
            return "yes" if v else "no"
        if isinstance(v, int | float | np.number):
            if isinstance(v, float | np.floating) and not math.isfinite(float(v)):
                return "" if v != v else str(v)
            return spec.format(float(v))
        try:
            import pandas as pd

            if v is pd.NA or v is pd.NaT:
                return ""
        except ImportError:  # pragma: no cover
            pass
        return str(v)

    return fmt


def source_statement(source: pd.DataFrame | Provenance, *, lead: str = "Source") -> str:
    """The caption's source sentence, read from a result's provenance.

    Names each source the result was computed from by its catalogue name and
    version (the synthetic example world as such), so a caption never cites a
    dataset the result did not read.

    >>> from worldsystem.core.provenance import Provenance, SourceRecord
    >>> p = Provenance(sources=(SourceRecord(id="example", version="seed=0"),))
    >>> source_statement(p)
    'Source: the synthetic example world (seed=0).'
    """
    prov = source if isinstance(source, Provenance) else get(source)
    names: list[str] = []
    for rec in prov.sources:
        if rec.id == "example":
            text = f"the synthetic example world ({rec.version})"
        else:
            try:
                from worldsystem.sources import info

                text = f"{info(rec.id).name}, version {rec.version}"
            except WorldsystemError:  # an id the catalogue does not know: as recorded
                text = f"{rec.id} {rec.version}"
        if text not in names:
            names.append(text)
    if not names:
        return ""
    plural = "s" if len(names) > 1 else ""
    return f"{lead}{plural}: " + "; ".join(names) + "."
