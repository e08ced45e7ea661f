"""The report's look: palettes, category colours, dash styles and chart helpers.

One definition of each, shared by every section and by the page's plotly template.
Every palette is colour-blind-safe and reads in greyscale (neighbouring colours
differ in lightness; lines also differ in dash, bars in pattern).
"""

from __future__ import annotations

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
    "LOSS_BINS",
    "NON_ALIGNED",
    "OKABE_ITO",
    "US_ALIGNED",
    "VERDICT_COLOURS",
    "ZONE_COLOURS",
    "colour",
    "isonum_keys",
    "line_style",
    "style_layout",
]

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so neighbours also differ
#: in lightness (readable in greyscale).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Dash styles of line charts, in trace order (a second cue beside the colour).
DASHES = ("solid", "dash", "dot", "dashdot", "longdash")
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
    """Colour and dash of the ``i``-th line of a chart (both cycle)."""
    return {"color": colour(i), "dash": DASHES[i % len(DASHES)]}


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
