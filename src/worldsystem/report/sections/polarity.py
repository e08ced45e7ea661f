"""Report section: capabilities and polarity."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldsystem.core.provenance import get
from worldsystem.measures.polarity.tables import FALLBACK_INDEX, MIN_COMPOSITE_DIMENSIONS
from worldsystem.report.model import Figure, Output, Section, Table, method_params
from worldsystem.report.style import BAR_PATTERNS, colour, line_style, style_layout

__all__ = ["SECTION", "data", "present", "rules_caption"]

#: Polarity labels in legend order.
POLARITY_ORDER = ("unipolar", "bipolar", "multipolar")
#: Leading states followed in the CINC chart.
N_LEADERS = 5


def data(ctx: Any) -> dict[str, Any]:
    """CINC per country-year and the per-year polarity table.

    Returns ``capabilities`` (:func:`worldsystem.workflows.capabilities`),
    ``polarity`` (:func:`worldsystem.workflows.polarity`) and ``source`` (the
    caption's source statement).
    """
    from worldsystem import workflows

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        source = "Example world (synthetic)."
    else:
        ctx.require("cow_nmc")
        source = "COW National Material Capabilities v7.0; CINC computed by worldsystem."
    # ----------------------------------------------------------------------------
    return {
        "capabilities": workflows.capabilities(ctx),
        "polarity": workflows.polarity(ctx),
        "source": source,
    }


#: A call with robustness below this (fewer than a third of the index and threshold
#: combinations agree with it; with three labels, another then has more support) is
#: reported as contested.
CONTESTED = 1 / 3


#: First year of the report's table of calls by index.
CALLS_SINCE = 1946


def index_calls(table: Any, since: int | None = None) -> Any:
    """Each index's call (``call_<index>`` columns) in spans of years with equal calls.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"year": [1990, 1991, 1992], "call_cinc": ["b", "b", "u"],
    ...                   "call_gdp": ["u", "u", "u"]})
    >>> index_calls(t).to_dict("list")
    {'years': ['1990-1991', '1992'], 'CINC': ['b', 'u'], 'GDP at PPP': ['u', 'u']}
    """
    import pandas as pd

    cols = [c for c in table.columns if c.startswith("call_")]
    if not cols:
        return None
    t = table if since is None else table[table["year"] >= since]
    if t.empty:
        return None
    key = t[cols].astype("string").fillna("-").agg("|".join, axis=1)
    run = (key != key.shift()).cumsum()
    rows = []
    for _, g in t.groupby(run, sort=True):
        row = {"years": year_spans(g["year"])}
        for c in cols:
            name = c.removeprefix("call_")
            row[INDEX_SHORT.get(name, INDEX_LABELS.get(name, name))] = g[c].iloc[0]
        rows.append(row)
    return pd.DataFrame(rows)


def year_spans(years: Any) -> str:
    """``[1919, 1920, 1921, 1941]`` -> ``"1919-1921, 1941"``.

    >>> year_spans([1941, 1919, 1920, 1921, 2018])
    '1919-1921, 1941, 2018'
    """
    ys = sorted({int(y) for y in years})
    runs: list[list[int]] = []
    for y in ys:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return ", ".join(f"{a}-{b}" if b > a else f"{a}" for a, b in runs)


def _times(ratio: float) -> str:
    return "twice" if ratio == 2 else f"{ratio:g} times"


def rules_caption(table: Any) -> str:
    """The caption of the polarity call, with the thresholds the table was computed with."""
    th = method_params(table, "classify_polarity")
    return (
        f"Rules: unipolar when the leader holds at least {th['unipolar_share']:.0%} and "
        f"{_times(th['unipolar_ratio'])} the second (after Wohlforth 1999); bipolar when the "
        f"top two hold at least {th['bipolar_share']:.0%} and the second has "
        f"{_times(th['bipolar_ratio'])} the third (after Waltz 1979); multipolar otherwise. "
        "Bar height: the share of the threshold grid and capability indices giving the same "
        "call."
    )


#: How captions and findings name the polarity table's index (its ``index`` column).
INDEX_LABELS = {
    "composite": "the headline composite (net resources, military expenditure and "
    "warheads, over those covering the year)",
    "cinc": "CINC",
    "gdp": "GDP at PPP",
    "milex": "military expenditure",
    "milex_cow": "COW military expenditure",
    "beckley": "net resources (Beckley)",
    "nuclear": "warheads",
    "military": "the military index (military expenditure and warheads)",
    "combined": "the combined index",
}
#: Short names for chart titles.
INDEX_SHORT = {
    "composite": "headline composite",
    "military": "military index",
    "combined": "combined index",
}


def index_label(table: Any, short: bool = False) -> str:
    """The name of the index of a polarity table, for a caption or a chart title.

    >>> import pandas as pd
    >>> index_label(pd.DataFrame({"index": ["composite"]}), short=True)
    'headline composite'
    >>> index_label(pd.DataFrame({"index": ["cinc"]}))
    'CINC'
    """
    name = str(table["index"].iloc[0]) if "index" in table and len(table) else "cinc"
    if short and name in INDEX_SHORT:
        return INDEX_SHORT[name]
    return INDEX_LABELS.get(name, name)


def present(frames: Mapping[str, Any]) -> Output:
    """Polarity: CINC shares of the leading powers and the polarity call per year.

    Shows the CINC share (Singer, Bremer & Stuckey 1972) of the five largest powers
    of the last year over time; the unipolar/bipolar/multipolar call per year by
    the share rules of :func:`worldsystem.measures.polarity.classify_polarity`
    (thresholds read from the table's provenance), with its robustness over a grid
    of thresholds and capability indices; and the last ten years as a table.

    Parameters
    ----------
    frames : mapping
        ``capabilities`` (``iso3, year, cinc``), ``polarity`` (the per-year table of
        :func:`worldsystem.measures.polarity.polarity_table`) and ``source``.
    """
    import pandas as pd
    import plotly.graph_objects as go

    caps, table, source = frames["capabilities"], frames["polarity"], frames["source"]
    out = Output(provenance=get(table).merge(get(caps)))
    last = int(caps["year"].max())
    top = caps[caps["year"] == last].nlargest(N_LEADERS, "cinc")["iso3"].tolist()
    lines = caps[caps["iso3"].isin(top)].pivot_table(index="year", columns="iso3", values="cinc")
    fig = go.Figure()
    for i, iso3 in enumerate(top):
        fig.add_trace(
            go.Scatter(
                x=lines.index.tolist(),
                y=lines[iso3].tolist(),
                name=iso3,
                mode="lines",
                line=line_style(i),
                hovertemplate=f"{iso3} %{{x}}: %{{y:.1%}} of system capabilities<extra></extra>",
            )
        )
    style_layout(
        fig,
        legend_y=-0.22,
        title=f"CINC share of the five largest powers of {last}",
        xaxis_title="year",
        yaxis_title="share of world capabilities (CINC, %)",
        yaxis={"tickformat": ".0%", "rangemode": "tozero"},
        height=420,
    )
    out.figures.append(
        Figure(
            "polarity-cinc",
            "Capability shares over time",
            "plotly",
            fig,
            caption=f"CINC: mean of each state's shares of the six COW components "
            f"(Singer, Bremer & Stuckey 1972), as a share of the whole state system (all "
            f"states sum to 100%). Source: {source}",
            data=lines.reset_index(),
        )
    )
    call = table[["year", "polarity", "robustness", "leader_iso3", "leader_share", "second_iso3"]]
    fig2 = go.Figure()
    for i, label in enumerate(POLARITY_ORDER):
        sub = call[call["polarity"] == label]
        fig2.add_trace(
            go.Bar(
                x=sub["year"].tolist(),
                y=sub["robustness"].tolist(),
                name=label,
                marker={"color": colour(i), "pattern": {"shape": BAR_PATTERNS[i]}},
                customdata=sub[["leader_iso3", "second_iso3"]].to_numpy().tolist(),
                hovertemplate="%{x}: " + label + ", robustness %{y:.2f}"
                "<br>leader %{customdata[0]}, second %{customdata[1]}<extra></extra>",
            )
        )
    among = table["among"].iloc[0]
    style_layout(
        fig2,
        legend_y=-0.22,
        title=f"Polarity call per year ({index_label(table, short=True)} among {among})",
        xaxis_title="year",
        yaxis_title="robustness (share of index x threshold combinations agreeing)",
        yaxis={"range": [0, 1]},
        barmode="overlay",
        bargap=0,
        height=360,
    )
    out.figures.append(
        Figure(
            "polarity-call",
            "Unipolar, bipolar or multipolar?",
            "plotly",
            fig2,
            caption=rules_caption(table),
            data=call,
        )
    )
    counts = call["polarity"].value_counts().reindex(list(POLARITY_ORDER), fill_value=0)
    latest = call.iloc[-1]
    y_last, leader = int(latest["year"]), latest["leader_iso3"]
    who = {
        "majors": "the major powers",
        "all": "all states",
        "candidates": "the era's candidate great powers",
    }.get(str(among), f"the {among} largest" if str(among).isdigit() else str(among))
    world = caps[(caps["year"] == y_last) & (caps["iso3"] == leader)]["cinc"]
    world_note = (
        f"; of the whole system's capabilities, the share the chart shows, {leader} holds "
        f"{float(world.iloc[0]):.1%}"
        if len(world) and among != "all"
        else ""
    )
    y0, y1 = int(call["year"].min()), int(call["year"].max())
    out.paragraphs.append(
        (f"Over {y0}-{y1}" if y0 < y1 else f"In {y0}")
        + " the call is "
        + ", ".join(f"{k} in {v} years" for k, v in counts.items())
        + f". The rules compare shares among {who}: in {y_last} the leader, {leader}, "
        f"holds {latest['leader_share']:.1%} of the capabilities of {who}{world_note}; "
        f"the call is {latest['polarity']} (robustness {latest['robustness']:.2f})."
    )
    weak = table.loc[table["robustness"] < CONTESTED, "year"]
    if len(weak):
        out.paragraphs.append(
            f"In {len(weak)} of the {len(table)} years ({year_spans(weak)}) fewer than a "
            f"third of the index and threshold combinations agree with the call "
            f"(robustness under {CONTESTED:.2f}): another reading has more support there, "
            "so read those calls as contested, beside the call by each index (table below)."
        )
    if "dimensions" in table and table["dimensions"].nunique() > 1:
        by_dims = [
            f"{dims.replace('+', ', ')} in {year_spans(g['year'])}"
            for dims, g in sorted(table.groupby("dimensions"), key=lambda kv: kv[1]["year"].min())
        ]
        out.paragraphs.append(
            "The composite averages the dimensions whose data cover each year, so its "
            "definition changes over time: " + "; ".join(by_dims) + ". Where a dimension "
            "enters or drops out, shares and the call can shift for that reason alone."
            + (
                f" Where fewer than {MIN_COMPOSITE_DIMENSIONS} dimensions cover a year, "
                f"the headline is {FALLBACK_INDEX.upper()}'s call: a composite of one "
                "dimension would be that index alone."
                if table["dimensions"].str.startswith(f"{FALLBACK_INDEX} (").any()
                else ""
            )
        )
    out.findings.append(
        f"Polarity {y_last}: {latest['polarity']} on {index_label(table)} among {among}, "
        f"leader {leader} ({latest['leader_share']:.1%} of the capabilities of {who}), "
        f"robustness {latest['robustness']:.2f}."
    )
    recent = table.tail(10)[
        [
            "year",
            "leader_iso3",
            "leader_share",
            "second_iso3",
            "second_share",
            "effective_poles",
            "con",
            "polarity",
            "robustness",
            *(["dimensions"] if "dimensions" in table else []),
        ]
    ]
    calls = index_calls(table, since=CALLS_SINCE)
    if calls is not None:
        out.tables.append(
            Table(
                "polarity-calls",
                "The call by each index",
                calls,
                caption=f"Each index's call from {CALLS_SINCE} on, under the same rules and "
                f"among the same states as the headline, in spans of years with the same "
                f"calls ('not enough data': the index's source does not cover every "
                f"candidate that year). The command worldsystem polarity gives every year "
                f"in its call_* columns. " + source,
                nowrap=("years",),
            )
        )
    out.tables.append(
        Table(
            "polarity-table",
            "The last ten years",
            pd.DataFrame(recent),
            caption=f"Shares are among {who} (the rules' denominator)"
            + (", not of the whole system as in the chart. " if among != "all" else ". ")
            + source,
            labels={
                "leader_share": f"leader's share among {who} (0-1)",
                "second_share": f"second's share among {who} (0-1)",
            },
        )
    )
    return out


SECTION = Section(
    id="polarity",
    title="Polarity: the distribution of capabilities",
    needs=("cow_nmc",),
    data=data,
    present=present,
)
