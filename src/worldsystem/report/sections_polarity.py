"""Report section: capabilities and polarity."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.builtin import OKABE_ITO
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

_POLARITY_ORDER = ("unipolar", "bipolar", "multipolar")


@register("polarity", "Polarity: the distribution of capabilities", needs=("cow_nmc",), order=20)
def polarity_section(ctx: ReportContext) -> SectionOutput:
    """CINC shares of the leading powers over time and the polarity call per year."""
    import plotly.graph_objects as go

    from worldsystem import workflows
    from worldsystem.core.provenance import get

    if not ctx.is_example:
        ctx.require("cow_nmc")
    caps = workflows.capabilities(ctx)
    table = workflows.polarity(ctx)
    out = SectionOutput(provenance=get(table).merge(get(caps)))
    last = int(caps["year"].max())
    # the five states with the largest CINC in the last year, followed over time
    top = caps[caps["year"] == last].nlargest(5, "cinc")["iso3"].tolist()
    lines = caps[caps["iso3"].isin(top)].pivot_table(index="year", columns="iso3", values="cinc")
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash")
    for i, iso3 in enumerate(top):
        fig.add_trace(
            go.Scatter(
                x=lines.index.tolist(),
                y=lines[iso3].tolist(),
                name=iso3,
                mode="lines",
                line={"color": OKABE_ITO[i % len(OKABE_ITO)], "dash": dashes[i % len(dashes)]},
                hovertemplate=f"{iso3} %{{x}}: CINC %{{y:.3f}}<extra></extra>",
            )
        )
    fig.update_layout(
        title=f"CINC share of the five largest powers of {last}",
        xaxis_title="year",
        yaxis_title="share of system capabilities (CINC)",
        height=420,
        template="simple_white",
        legend={"orientation": "h", "y": -0.22},
    )
    source = (
        "Example world (synthetic)."
        if ctx.is_example
        else "COW National Material Capabilities v7.0; CINC computed by worldsystem."
    )
    out.figures.append(
        Figure(
            "polarity-cinc",
            "Capability shares over time",
            "plotly",
            fig,
            caption=f"CINC: mean of each state's shares of the six COW components "
            f"(Singer, Bremer & Stuckey 1972). Unitless share. Source: {source}",
            data=lines.reset_index(),
        )
    )
    # the polarity call and its robustness per year
    call = table[["year", "polarity", "robustness", "leader_iso3", "leader_share", "second_iso3"]]
    fig2 = go.Figure()
    for i, label in enumerate(_POLARITY_ORDER):
        sub = call[call["polarity"] == label]
        fig2.add_trace(
            go.Bar(
                x=sub["year"].tolist(),
                y=sub["robustness"].tolist(),
                name=label,
                marker={"color": OKABE_ITO[i], "pattern": {"shape": ("", "/", ".")[i]}},
                customdata=sub[["leader_iso3", "second_iso3"]].to_numpy().tolist(),
                hovertemplate="%{x}: " + label + ", robustness %{y:.2f}"
                "<br>leader %{customdata[0]}, second %{customdata[1]}<extra></extra>",
            )
        )
    among = table["among"].iloc[0]
    fig2.update_layout(
        title=f"Polarity call per year (CINC among {among})",
        xaxis_title="year",
        yaxis_title="robustness (share of index x threshold combinations agreeing)",
        yaxis={"range": [0, 1]},
        barmode="overlay",
        bargap=0,
        height=360,
        template="simple_white",
        legend={"orientation": "h", "y": -0.22},
    )
    out.figures.append(
        Figure(
            "polarity-call",
            "Unipolar, bipolar or multipolar?",
            "plotly",
            fig2,
            caption="Rules: unipolar when the leader holds at least 50% and twice the second "
            "(after Wohlforth 1999); bipolar when the top two hold at least 50% and the second "
            "has 1.5 times the third (after Waltz 1979); multipolar otherwise. Bar height: the "
            "share of the threshold grid and capability indices giving the same call.",
            data=call,
        )
    )
    counts = call["polarity"].value_counts().reindex(list(_POLARITY_ORDER), fill_value=0)
    latest = call.iloc[-1]
    out.paragraphs.append(
        f"Over {int(call['year'].min())}-{int(call['year'].max())} the call is "
        + ", ".join(f"{k} in {v} years" for k, v in counts.items())
        + f" (shares among {among}). In {int(latest['year'])} the leader is "
        f"{latest['leader_iso3']} with {latest['leader_share']:.1%} and the call is "
        f"{latest['polarity']} (robustness {latest['robustness']:.2f})."
    )
    out.findings.append(
        f"Polarity {int(latest['year'])}: {latest['polarity']} on CINC among {among}, "
        f"leader {latest['leader_iso3']} ({latest['leader_share']:.1%}), "
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
        ]
    ]
    out.tables.append(
        Table("polarity-table", "The last ten years", pd.DataFrame(recent), caption=source)
    )
    return out
