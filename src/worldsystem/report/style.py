"""The report's look: palettes, category colours, dash styles and chart helpers.

One definition of each, shared by every section and by the page's plotly template.
Every palette is colour-blind-safe and reads in greyscale (neighbouring colours
differ in lightness; lines also differ in dash, bars in pattern).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = [
    "AXIS_BINS",
    "AXIS_EDGES",
    "BAR_PATTERNS",
    "BLOC_COLOURS",
    "CIVIDIS",
    "CR_ALIGNED",
    "DASHES",
    "DIVERGING",
    "HOUSE_TEMPLATE",
    "LINE_COLOURS",
    "LOSS_BINS",
    "NON_ALIGNED",
    "OKABE_ITO",
    "US_ALIGNED",
    "VERDICT_COLOURS",
    "ZONE_COLOURS",
    "colour",
    "finish_figure",
    "isonum_keys",
    "line_style",
    "style_layout",
    "wrap_text",
    "year_ticks",
]

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so neighbours also differ
#: in lightness (readable in greyscale).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Colours of lines: Okabe-Ito without its yellow, which is too light on white for a
#: thin line and its legend swatch.
LINE_COLOURS = tuple(c for c in OKABE_ITO if c != "#F0E442")
#: Dash styles of line charts, in trace order (a second cue beside the colour). Each
#: starts with ink within the first few pixels, so a legend swatch is never blank
#: (plotly's "longdash" leaves half of the short swatch empty).
DASHES = ("solid", "dash", "dot", "dashdot", "longdashdot")
#: Fill patterns of bar charts, in trace order ("" is a plain fill).
BAR_PATTERNS = ("", "/", ".", "x")

#: Cividis (Nuñez, Anderton & Renslow 2018, doi:10.1371/journal.pone.0199239): a
#: sequential scale whose lightness rises monotonically, readable in greyscale and by
#: readers with colour-vision deficiency.
CIVIDIS = [
    [0.0, "#00224e"],
    [0.25, "#414d6b"],
    [0.5, "#7c7b78"],
    [0.75, "#bcaf6f"],
    [1.0, "#fee838"],
]
#: Blue-orange diverging scale with a light neutral midpoint (both ends stay apart
#: for deuteranopes and protanopes, and the midpoint is the lightest in greyscale).
DIVERGING = [[0.0, "#0072B2"], [0.5, "#f7f7f7"], [1.0, "#D55E00"]]

#: World-system zones: dark core, light periphery.
ZONE_COLOURS = (("core", "#08519c"), ("semi-periphery", "#6baed6"), ("periphery", "#deebf7"))

#: Bloc labels of :func:`worldsystem.measures.blocs.alignment`.
US_ALIGNED, NON_ALIGNED, CR_ALIGNED = "US-aligned", "non-aligned", "China-Russia-aligned"
#: Diverging, lightness-ordered (dark purple / light grey / dark orange): reads in greyscale
#: and for the common colour-vision deficiencies.
BLOC_COLOURS = (
    (US_ALIGNED, "#542788"),
    (NON_ALIGNED, "#d9d9d9"),
    (CR_ALIGNED, "#b35806"),
)
#: Bins of the position on the ideal-point axis (0 at the China-Russia midpoint, 1 at
#: the US): sequential orange-to-purple with monotone lightness.
AXIS_BINS = (
    ("China-Russia side (below the midpoint)", "#b35806"),
    ("0-0.25 of the way to the US", "#f1a340"),
    ("0.25-0.5", "#fee0b6"),
    ("0.5-0.75", "#998ec3"),
    ("0.75 or more (US side)", "#542788"),
)
#: Edges of :data:`AXIS_BINS` (each bin holds its lower edge).
AXIS_EDGES = (-np.inf, 0.0, 0.25, 0.5, 0.75, np.inf)

#: Bins of a scenario's loss as a share of GDP: (label, colour, low, high), light to dark.
LOSS_BINS = (
    ("no loss", "#f7f7f7", -np.inf, 1e-6),
    ("< 0.01%", "#fee8c8", 1e-6, 1e-4),
    ("0.01-0.1%", "#fdbb84", 1e-4, 1e-3),
    ("0.1-1%", "#e34a33", 1e-3, 1e-2),
    (">= 1%", "#7f0000", 1e-2, np.inf),
)

#: Verdicts of the claims ledger: blue/orange/grey pairs that stay distinct in greyscale.
VERDICT_COLOURS = {
    "supported": "#0072B2",
    "mixed": "#E69F00",
    "contradicted": "#D55E00",
    "not testable": "#BBBBBB",
}

_AXIS = {
    "showline": True,
    "linecolor": "#444",
    "ticks": "outside",
    "gridcolor": "#e5e5e5",
    "zeroline": False,
    "automargin": True,
}

#: The compact plotly template figures get when they use plotly's default template:
#: serif-free readable type, white background, light grid, the Okabe-Ito colour
#: order and greyscale-safe colour scales.
HOUSE_TEMPLATE: dict[str, Any] = {
    "layout": {
        "font": {
            "family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
            "size": 13,
            "color": "#1a1a1a",
        },
        "colorway": list(OKABE_ITO),
        "colorscale": {
            "sequential": CIVIDIS,
            "sequentialminus": CIVIDIS,
            "diverging": DIVERGING,
        },
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "hovermode": "closest",
        "hoverlabel": {"font": {"size": 12}},
        "margin": {"l": 70, "r": 20, "t": 50, "b": 60},
        "xaxis": dict(_AXIS),
        "yaxis": dict(_AXIS),
        "legend": {"bgcolor": "rgba(255,255,255,0.8)"},
    }
}


def colour(i: int) -> str:
    """The ``i``-th colour of :data:`OKABE_ITO` (cycling)."""
    return OKABE_ITO[i % len(OKABE_ITO)]


def line_style(i: int) -> dict[str, str]:
    """Colour and dash of the ``i``-th line of a chart (both cycle, 35 distinct pairs)."""
    return {"color": LINE_COLOURS[i % len(LINE_COLOURS)], "dash": DASHES[i % len(DASHES)]}


def style_layout(fig: Any, *, legend_y: float | None = None, **layout: Any) -> Any:
    """Apply the sections' common layout: the white template, a legend under the plot.

    Parameters
    ----------
    fig : plotly Figure
    legend_y : float, optional
        Where the horizontal legend sits below the plot (e.g. ``-0.22``); None keeps
        plotly's legend.
    **layout
        Further layout (title, axis titles, height, ...).
    """
    extra: dict[str, Any] = {"template": "simple_white"}
    if legend_y is not None:
        extra["legend"] = {"orientation": "h", "y": legend_y}
    fig.update_layout(**layout, **extra)
    return fig


def isonum_keys(iso3s: Iterable[str]) -> list[str | None]:
    """The map keys (zero-padded ISO 3166 numeric codes) of ``iso3s``; None if unknown."""
    import pandas as pd

    from worldsystem import countries

    iso3s = list(iso3s)
    nums = countries.convert(iso3s, source="iso3", target="isonum", errors="coerce")
    return [None if n is None or pd.isna(n) else f"{int(n):03d}" for n in nums]


# -- the pass every plotly figure goes through before it is embedded ----------------

#: An axis whose title names years (or UN sessions) gets integer year ticks.
_YEAR_TITLE = re.compile(r"\b(year|years|session)\b", re.IGNORECASE)
#: Year tick steps, smallest first; the step chosen leaves at most
#: :data:`MAX_YEAR_TICKS` ticks, so the labels fit on a phone-width screen too.
YEAR_STEPS = (1, 2, 5, 10, 20, 25, 50, 100)
#: An untitled axis (a subplot sharing its neighbour's title) whose values are all
#: whole numbers in this range is a year axis too.
YEAR_RANGE = (1500, 2200)
MAX_YEAR_TICKS = 8
#: Average width of a character of the figures' 13 px type, in px (for wrapping).
CHAR_PX = 7.0
#: Widest text of a horizontal title or axis title before it wraps (characters): what
#: fits on a phone-width screen.
MAX_LINE_CHARS = 48
#: Size of a figure's own title (px) and its widest line (characters) before it wraps:
#: what fits in a phone-width plot.
TITLE_PX = 14
MAX_TITLE_CHARS = 44
#: Height of one row of a heatmap with category rows (px), so that every row is labelled.
HEATMAP_ROW_PX = 22


def wrap_text(text: str, width: int) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters (``<br>``).

    >>> wrap_text("share of index x threshold combinations agreeing", 20)
    'share of index x<br>threshold<br>combinations<br>agreeing'
    """
    if len(text) <= width or "<br>" in text:
        return text
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "<br>".join(lines)


def year_ticks(lo: float, hi: float) -> dict[str, Any]:
    """Axis settings with ticks on whole years from ``lo`` to ``hi``, labels ``2001``.

    >>> year_ticks(1995, 2011)
    {'tickmode': 'linear', 'tick0': 1994, 'dtick': 2, 'tickformat': 'd', 'separatethousands': False}
    """
    span = max(hi - lo, 0)
    step = next((s for s in YEAR_STEPS if span / s <= MAX_YEAR_TICKS), YEAR_STEPS[-1])
    tick0 = int(math.floor(lo / step) * step)
    return {
        "tickmode": "linear",
        "tick0": tick0,
        "dtick": step,
        "tickformat": "d",
        "separatethousands": False,
    }


def _title_text(title: Any) -> str:
    if isinstance(title, dict):
        return str(title.get("text") or "")
    return "" if title is None else str(title)


def _set_title(container: dict[str, Any], text: str) -> None:
    title = container.get("title")
    if isinstance(title, dict):
        container["title"] = {**title, "text": text}
    else:
        container["title"] = {"text": text}


def _numbers(values: Any) -> list[float] | None:
    """The finite numbers of a trace's coordinate list; None when any is text."""
    if values is None:
        return []
    if isinstance(values, dict):  # plotly's typed-array encoding: leave alone
        return None
    flat: list[Any] = []
    for v in values:
        flat.extend(v if isinstance(v, list | tuple) else [v])
    out: list[float] = []
    for v in flat:
        if v is None:
            continue
        if isinstance(v, bool) or not isinstance(v, int | float):
            try:
                import numpy as _np

                if isinstance(v, _np.number):
                    v = float(v)
                else:
                    return None
            except ImportError:  # pragma: no cover
                return None
        if math.isfinite(v):
            out.append(float(v))
    return out


def _axis_name(trace: dict[str, Any], letter: str) -> str:
    ref = trace.get(f"{letter}axis") or letter
    return f"{letter}axis{ref[1:]}"


def finish_figure(spec: dict[str, Any]) -> dict[str, Any]:
    """The page's last pass over a plotly figure (``{"data": [...], "layout": {...}}``).

    Applied to every figure of every section, so each one gets, without asking:

    - **year axes** (title naming years or sessions, or no title and whole numbers
      in :data:`YEAR_RANGE`): ticks on whole years only, printed ``2001`` (never
      ``2,018.5``), at most :data:`MAX_YEAR_TICKS` of them;
    - **one year only**: a year axis with a single year becomes a category axis
      and its line traces markers, so the figure is not a lone invisible dot;
    - **long titles** wrapped: a vertical axis title to the plot's height, the
      others to :data:`MAX_LINE_CHARS` (a cut "ustness (share of..." cannot happen);
    - **heatmaps** with category rows: every row labelled and at least
      :data:`HEATMAP_ROW_PX` high;
    - other numeric axes: thousands separators, no SI suffixes.

    Returns a new spec; the input is not changed.
    """
    data = [dict(t) for t in spec.get("data") or []]
    layout = dict(spec.get("layout") or {})
    height = float(layout.get("height") or 420)
    values: dict[str, list[float] | None] = {}
    for trace in data:
        for letter in ("x", "y"):
            name = _axis_name(trace, letter)
            nums = _numbers(trace.get(letter))
            if nums is None or values.get(name, []) is None:
                values[name] = None
            else:
                values[name] = [*values.get(name, []), *nums]
    for name, nums in values.items():
        axis = dict(layout.get(name) or {})
        if nums is None or axis.get("type") == "category":
            layout[name] = axis
            continue
        title = _title_text(axis.get("title"))
        untitled_years = (
            not title
            and nums
            and all(n.is_integer() for n in nums)
            and YEAR_RANGE[0] <= min(nums) <= max(nums) <= YEAR_RANGE[1]
        )
        if nums and (_YEAR_TITLE.search(title) or untitled_years):
            if "tickvals" not in axis and "dtick" not in axis:
                if min(nums) == max(nums):
                    axis["type"] = "category"
                    _single_point_markers(data, name)
                    if any(t.get("type") == "bar" for t in data):
                        layout["bargap"] = 0.7  # one narrow bar, not a full-width band
                else:
                    axis.update(year_ticks(min(nums), max(nums)))
            axis.setdefault("hoverformat", "d")
        elif nums:
            axis.setdefault("separatethousands", True)
            axis.setdefault("exponentformat", "none")
        layout[name] = axis
    for trace in data:
        if trace.get("type") == "heatmap":
            for letter in ("y", "x"):
                labels = trace.get(letter)
                if labels and all(isinstance(v, str) for v in labels):
                    name = _axis_name(trace, letter)
                    axis = dict(layout.get(name) or {})
                    axis.update(tickmode="array", tickvals=list(labels), ticktext=list(labels))
                    layout[name] = axis
                    if letter == "y":
                        height = max(height, HEATMAP_ROW_PX * len(labels) + 150)
                        layout["height"] = height
    margin = layout.get("margin") or {}
    plot_px = height - float(margin.get("t", 50)) - float(margin.get("b", 60))
    for name in [k for k in layout if re.fullmatch(r"[xy]axis\d*", k)]:
        axis = dict(layout[name])
        text = _title_text(axis.get("title"))
        if text:
            width = int(plot_px / CHAR_PX) if name.startswith("y") else MAX_LINE_CHARS
            _set_title(axis, wrap_text(text, max(width, 16)))
            layout[name] = axis
    title = _title_text(layout.get("title"))
    if title:
        wrapped = wrap_text(title, MAX_TITLE_CHARS)
        _set_title(layout, wrapped)
        layout["title"].setdefault("font", {"size": TITLE_PX})
        lines = wrapped.count("<br>") + 1
        if lines > 1:
            layout["margin"] = {**margin, "t": max(float(margin.get("t", 50)), 30 + 20 * lines)}
    return {**spec, "data": data, "layout": layout}


def _single_point_markers(data: list[dict[str, Any]], axis_name: str) -> None:
    """Line traces on the one-year axis ``axis_name`` drawn as visible markers."""
    letter = axis_name[0]
    for trace in data:
        if _axis_name(trace, letter) != axis_name:
            continue
        if trace.get("type", "scatter") == "scatter":
            trace["mode"] = "markers"
            trace["marker"] = {"size": 11, **(trace.get("marker") or {})}
        if trace.get(letter) is not None:
            trace[letter] = [
                str(int(v)) if isinstance(v, int | float) else v for v in trace[letter]
            ]
