"""Report section: shock scenarios (the pipeline, sanctions, a blockade)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.report.builtin import OKABE_ITO
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: Engine whose losses the map shows: the scenarios are supply interruptions, which
#: the supply-driven (Ghosh) model propagates forward to the users of the inputs.
MAP_ENGINE = "ghosh"
LOSS_BINS = (
    ("no loss", "#f7f7f7", -np.inf, 1e-6),
    ("< 0.01%", "#fee8c8", 1e-6, 1e-4),
    ("0.01-0.1%", "#fdbb84", 1e-4, 1e-3),
    ("0.1-1%", "#e34a33", 1e-3, 1e-2),
    (">= 1%", "#7f0000", 1e-2, np.inf),
)


@register(
    "shocks", "Shocks: a cut pipeline, sanctions and a blockade", needs=("wiod2013",), order=60
)
def shocks_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    import worldsystem.simulate as sim
    from worldsystem import countries, workflows
    from worldsystem.core.provenance import get

    ctx.require("wiod2013")
    out = SectionOutput()
    out.paragraphs.append(
        "Each shipped scenario runs through four engines on the WIOD 2011 table. All assume "
        "fixed input coefficients and no substitution, so they bound rather than forecast: "
        + " ".join(f"{k}: {v}" for k, v in sim.ASSUMPTIONS.items())
    )
    for name in sorted(sim.shipped_scenarios()):
        res = workflows.shock(ctx, name, engine="all")
        out.provenance = out.provenance.merge(get(res))
        spec = sim.load_scenario(name)
        summ = sim.country_summary(res)
        by_engine = summ.pivot_table(index="iso3", columns="engine", values="gdp_share_lost")
        top = by_engine.max(axis=1).nlargest(10).index
        fig = go.Figure()
        for i, eng in enumerate(c for c in sim.ENGINES if c in by_engine.columns):
            fig.add_trace(
                go.Bar(
                    x=list(top),
                    y=(by_engine.loc[top, eng] * 100).round(4).tolist(),
                    name=eng,
                    marker={"color": OKABE_ITO[i], "pattern": {"shape": ("", "/", ".", "x")[i]}},
                    hovertemplate="%{x}: %{y:.3f}% of GDP (" + eng + ")<extra></extra>",
                )
            )
        fig.update_layout(
            title=f"{name}: share of GDP lost, ten most affected countries",
            yaxis_title="value added lost (% of GDP)",
            barmode="group",
            height=400,
            template="simple_white",
            legend={"orientation": "h", "y": -0.2},
        )
        out.figures.append(
            Figure(
                f"shock-{name}-engines",
                f"{name}: engines side by side",
                "plotly",
                fig,
                caption=f"{spec.description.strip()} Source: WIOD 2013 release, year "
                f"{spec.base_year}; worldsystem.simulate.",
                data=by_engine.reset_index(),
            )
        )
        ghosh = summ[summ["engine"] == MAP_ENGINE]
        nums = countries.convert(ghosh["iso3"], source="iso3", target="isonum", errors="coerce")
        values, labels = {}, {}
        for n, iso, loss in zip(nums, ghosh["iso3"], ghosh["gdp_share_lost"], strict=True):
            if pd.isna(n):
                continue
            key = f"{int(n):03d}"
            values[key] = next(b for b, _c, lo, hi in LOSS_BINS if lo <= loss < hi)
            labels[key] = f"{iso}: {loss:.3%} of GDP lost ({MAP_ENGINE})"
        from worldsystem.report.maps import svg_choropleth

        svg = svg_choropleth(
            values,
            {b: c for b, c, _lo, _hi in LOSS_BINS},
            labels=labels,
            title=f"{name}: losses by country",
            element_id=f"shock-{name}-map",
        )
        out.figures.append(
            Figure(
                f"shock-{name}-map-figure",
                f"{name}: losses by country ({MAP_ENGINE} engine)",
                "svg",
                {"svg": svg, "legend": [(b, c) for b, c, _lo, _hi in LOSS_BINS]},
                caption="Value added lost as a share of the country's value added, WIOD "
                "countries only (grey: not a WIOD region; the rest of the world is one "
                "aggregate region in WIOD).",
                data=ghosh.reset_index(drop=True),
            )
        )
        sect = (
            res[res["engine"] == MAP_ENGINE]
            .nsmallest(10, "value_added_change_musd")[
                ["iso3", "sector", "output_change_musd", "value_added_change_musd"]
            ]
            .reset_index(drop=True)
        )
        out.tables.append(
            Table(
                f"shock-{name}-sectors",
                f"{name}: most affected sectors ({MAP_ENGINE})",
                sect,
                caption="Changes in USD million at 2011 prices; negative = loss.",
            )
        )
        if name == "nord_stream" and "DEU" in by_engine.index:
            d = by_engine.loc["DEU"]
            out.findings.append(
                "Pipeline cut (WIOD 2011): Germany loses "
                + ", ".join(f"{v:.2%} ({k})" for k, v in d.items())
                + " of GDP; published range for a full stop of Russian energy: 0.5-3% "
                "(Bachmann et al. 2022)."
            )
    return out
