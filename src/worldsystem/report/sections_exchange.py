"""Report section: value flows and unequal exchange."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.builtin import OKABE_ITO
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: WIOD years in the report (the CLI runs every year 1995-2011).
REPORT_YEARS = (1995, 1999, 2003, 2007, 2011)


@register(
    "exchange",
    "Value flows: unequal exchange of embodied labour",
    needs=("wiod2013", "pwt"),
    order=50,
)
def exchange_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    from worldsystem import workflows
    from worldsystem.core.provenance import get
    from worldsystem.measures import exchange as ex

    if not ctx.is_example:
        ctx.require("wiod2013", "pwt")
        years = [y for y in REPORT_YEARS if ctx.years is None or ctx.years[0] <= y <= ctx.years[1]]
        years = years or [REPORT_YEARS[-1]]
    else:
        years = None
    res, pairs = workflows.exchange(ctx, years=years)
    out = SectionOutput(provenance=get(res))
    groups = res[["iso3", "year", "group"]]
    part = ex.partition_flows(pairs, groups, values=["hours", "value_added_musd"])
    s2n = part[(part["group_o"] == "South") & (part["group_d"] == "North")].sort_values("year")
    fig = go.Figure(
        go.Scatter(
            x=s2n["year"].tolist(),
            y=(s2n["net_hours"] / 1e9).tolist(),
            mode="lines+markers",
            line={"color": OKABE_ITO[0]},
            name="net hours South to North",
            hovertemplate="%{x}: %{y:.0f} bn hours<extra></extra>",
        )
    )
    fig.update_layout(
        title="Net embodied labour flowing from the South to the North",
        xaxis_title="year",
        yaxis_title="billion hours (net)",
        height=380,
        template="simple_white",
    )
    north_def = (
        "the planted core" if ctx.is_example else "IMF advanced economies (Hickel et al. 2022)"
    )
    out.figures.append(
        Figure(
            "exchange-drain",
            "The drain over time",
            "plotly",
            fig,
            caption="Hours of labour embodied in the South's exports to the North's final demand "
            f"minus the reverse (MRIO footprint method). North: {north_def}. Source: WIOD 2013 "
            "release; labour hours constructed from PWT 10.01 employment x hours, split by GGDC "
            "sector shares (see the methods appendix).",
            data=s2n.reset_index(drop=True),
        )
    )
    last = int(res["year"].max())
    top = ex.top_appropriators(res[res["year"] == last], n=8, by="net_hours")
    fig2 = go.Figure()
    for i, role in enumerate(("appropriator", "appropriated")):
        sub = top[top["role"] == role]
        fig2.add_trace(
            go.Bar(
                x=sub["iso3"].tolist(),
                y=(sub["value"] / 1e9).tolist(),
                name=f"net {role}",
                marker={"color": OKABE_ITO[i + 1], "pattern": {"shape": ("", "/")[i]}},
                hovertemplate="%{x}: %{y:.1f} bn hours net<extra></extra>",
            )
        )
    fig2.update_layout(
        title=f"Largest net appropriators and appropriated, {last}",
        yaxis_title="net embodied hours exported (bn; negative = appropriates)",
        height=380,
        template="simple_white",
        legend={"orientation": "h", "y": -0.2},
    )
    out.figures.append(
        Figure(
            "exchange-top",
            f"Who appropriates, who is drained ({last})",
            "plotly",
            fig2,
            caption="Net = hours embodied in exports minus hours embodied in imports. The "
            "WIOD rest-of-world aggregate is left out of the ranking.",
            data=top,
        )
    )
    table = res[res["year"] == last][
        [
            "iso3",
            "group",
            "hours_exported",
            "hours_imported",
            "net_hours",
            "exchange_ratio",
            "net_transfer_musd",
        ]
    ].sort_values("net_hours")
    out.tables.append(
        Table(
            "exchange-table",
            f"Embodied labour by country, {last} (northern wages)",
            table.reset_index(drop=True),
            max_rows=45,
            caption="Hours; exchange ratio = hours exported per hour imported; transfer = net "
            "hours valued at the hours-weighted average Northern wage (USD million, current).",
        )
    )
    if len(s2n):
        row = s2n.iloc[-1]
        out.findings.append(
            f"Unequal exchange {int(row['year'])}: net {row['net_hours'] / 1e9:.0f} bn hours of "
            f"embodied labour flow from the South to the North ({north_def})."
        )
    if not ctx.is_example:
        chn = table.set_index("iso3").get("net_hours", pd.Series(dtype=float)).get("CHN")
        if chn is not None:
            out.paragraphs.append(
                f"In {last} China is a net exporter of {chn / 1e9:.0f} bn embodied hours "
                "(positive = drained): on these tables it is drained of labour by the North "
                "rather than appropriating it overall."
            )
    return out
