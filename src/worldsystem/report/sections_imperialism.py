"""Report section: imperialism indicators (Lenin's five features and military reach)."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.builtin import OKABE_ITO
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: The great powers and the states one seed names as the semi-periphery.
FOCUS = (
    "USA",
    "CHN",
    "RUS",
    "GBR",
    "FRA",
    "DEU",
    "JPN",
    "ARG",
    "BRA",
    "IND",
    "IDN",
    "IRN",
    "MYS",
    "SAU",
    "ZAF",
    "KOR",
    "TUR",
)
#: The report's year: the last year of COW trade, so every supported indicator has data.
REPORT_YEAR = 2014


@register(
    "imperialism",
    "Imperialism indicators: Lenin's features and military reach",
    needs=("sipri_milex", "imf_weo", "sipri_tiv"),
    order=55,
)
def imperialism_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    from worldsystem import workflows
    from worldsystem.core.provenance import get
    from worldsystem.measures import imperialism as imp
    from worldsystem.report.context import ReportContext as Ctx

    if ctx.is_example:
        year = int(ctx.example.country_years["year"].max())
        focus = list(ctx.example.countries.sort_values("zone")["iso3"][:12])
    else:
        ctx.require("sipri_milex", "imf_weo", "sipri_tiv")
        year = min(REPORT_YEAR, ctx.years[1]) if ctx.years else REPORT_YEAR
        focus = list(FOCUS)
    sub = Ctx(data=ctx.data, years=(year, year), example=ctx.example, _cache=ctx._cache)
    res = workflows.imperialism(sub)
    out = SectionOutput(provenance=get(res))
    ok = res[(res["status"] == "ok") & (res["indicator"] != "composite")]
    wide = ok[ok["iso3"].isin(focus)].pivot_table(index="iso3", columns="indicator", values="rank")
    comp = res[res["indicator"] == "composite"].set_index("iso3")
    order = [c for c in focus if c in comp.index]
    ranked = comp.loc[order].sort_values("rank")
    fig = go.Figure(
        go.Scatter(
            x=ranked["rank"].tolist(),
            y=ranked.index.tolist(),
            mode="markers",
            marker={"color": OKABE_ITO[0], "size": 9, "symbol": "diamond"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (ranked["rank_hi"] - ranked["rank"]).tolist(),
                "arrayminus": (ranked["rank"] - ranked["rank_lo"]).tolist(),
                "color": "#555",
            },
            name="composite rank",
            customdata=ranked[["rank_lo", "rank_hi", "p_top1"]].to_numpy().tolist(),
            hovertemplate="%{y}: rank %{x} (90%% interval %{customdata[0]}-%{customdata[1]},"
            " P(first) %{customdata[2]:.2f})<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Composite imperialism rank with its sensitivity to the weights, {year}",
        xaxis_title="rank among all states (1 = most imperialist-like)",
        yaxis={"autorange": "reversed"},
        height=520,
        template="simple_white",
    )
    out.figures.append(
        Figure(
            "imperialism-ranks",
            "Does the ranking depend on the weights?",
            "plotly",
            fig,
            caption="Diamond: rank under equal weights on the supported indicators (rank-"
            "normalised). Bar: 90% interval of the rank over 1,000 Dirichlet(1) weight draws. "
            "Sources: IMF WEO, Maddison, WDI via Gapminder, SIPRI, FAS, COW trade, UCDP/PRIO, "
            "troopdata.",
            data=ranked.reset_index()[["iso3", "year", "rank", "rank_lo", "rank_hi", "p_top1"]],
        )
    )
    cols = [i.id for i in imp.indicators(supported=True) if i.id in wide.columns]
    table = wide.reindex(index=[c for c in focus if c in wide.index], columns=cols)
    table.insert(0, "composite_rank", comp["rank"].reindex(table.index))
    out.tables.append(
        Table(
            "imperialism-table",
            f"Indicator ranks, {year} (1 = highest)",
            table.reset_index(),
            max_rows=40,
            caption="Each cell is the country's rank among all states with data that year.",
        )
    )
    unsupported = pd.DataFrame(
        [(i.feature, i.name, i.needs) for i in imp.indicators(supported=False)],
        columns=["feature", "indicator", "what it would need"],
    )
    out.tables.append(
        Table(
            "imperialism-unsupported",
            "Indicators the bundled data cannot support",
            unsupported,
            caption="Shown as specifications, never filled with guesses.",
        )
    )
    if not ctx.is_example and {"RUS", "CHN"} <= set(comp.index):
        r, c = comp.loc["RUS"], comp.loc["CHN"]
        out.findings.append(
            f"Imperialism composite {year}: Russia ranks {int(r['rank'])} "
            f"(interval {int(r['rank_lo'])}-{int(r['rank_hi'])}), China {int(c['rank'])} "
            f"({int(c['rank_lo'])}-{int(c['rank_hi'])}) among all states."
        )
    return out
