"""Report section: world-system position by every method, side by side."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: Colour-blind-safe zone colours with distinct lightness (dark core, light periphery).
ZONE_COLOURS = (("core", "#08519c"), ("semi-periphery", "#6baed6"), ("periphery", "#deebf7"))
#: Years of the report's position run on real data: one year per decade of the
#: issue's default range, so decades can be compared without running all 50 years
#: (``worldsystem position`` runs every year).
REPORT_YEARS = (1965, 1975, 1985, 1995, 2005, 2014)


@register(
    "position",
    "World-system position: core, semi-periphery and periphery",
    needs=("cow_trade", "maddison", "pwt"),
    order=30,
)
def position_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    from worldsystem import countries, workflows
    from worldsystem.core.provenance import get
    from worldsystem.measures import position as pos

    if ctx.is_example:
        y1 = int(ctx.example.country_years["year"].max())
        y0 = int(ctx.example.country_years["year"].min())
        years = [*range(y0, y1 + 1, 10), y1]
    else:
        ctx.require("cow_trade")
        years = [y for y in REPORT_YEARS if ctx.years is None or ctx.years[0] <= y <= ctx.years[1]]
    res = workflows.position(ctx, years=sorted(set(years)))
    out = SectionOutput(provenance=get(res))
    cons = pos.position_ensemble(res)
    last_year = int(cons["year"].max())
    last = cons[cons["year"] == last_year]
    methods_last = set(res.loc[res["year"] == last_year, "method"])
    n_methods = len(methods_last)
    n_network = sum(1 for m in methods_last if not str(m).startswith("income"))
    colours = dict(ZONE_COLOURS)
    if not ctx.is_example:
        from worldsystem.report.maps import svg_choropleth

        nums = countries.convert(last["iso3"], source="iso3", target="isonum", errors="coerce")
        values, labels = {}, {}
        for n, iso, z, sh in zip(nums, last["iso3"], last["zone"], last["share"], strict=True):
            if pd.notna(n):
                key = f"{int(n):03d}"
                values[key] = z
                labels[key] = f"{iso}: {z} ({sh:.0%} of methods agree)"
        svg = svg_choropleth(
            values,
            colours,
            labels=labels,
            title=f"Consensus zone, {last_year}",
            element_id="position-map",
        )
        out.figures.append(
            Figure(
                "position-map-figure",
                f"Consensus world-system zone, {last_year}",
                "svg",
                {"svg": svg, "legend": list(ZONE_COLOURS)},
                caption=f"The zone most of the {n_methods} methods assign, each method one "
                f"vote: {n_network} of them are network methods (trade, and the multiplex of "
                f"trade, arms and alliances), {n_methods - n_network} are income methods, so "
                "where the two families disagree the network methods can outvote the income "
                "methods (income zones after "
                "Arrighi & Drangel 1986 and Babones 2005; Borgatti-Everett core-periphery; "
                "blockmodels after Snyder & Kick 1979 and Smith & White 1992; a multiplex of "
                "trade, arms and alliances). Sources: COW trade 4.0, PWT 10.01, Maddison 2023, "
                "SIPRI TIV, ATOP 5.1.",
                data=last.reset_index(drop=True),
            )
        )
    agree = pos.method_agreement(res, year=last_year)
    mat = agree.pivot(index="method_a", columns="method_b", values="ari")
    order = [m for m in pos.METHODS if m in mat.index]
    mat = mat.reindex(index=order, columns=order)
    fig = go.Figure(
        go.Heatmap(
            z=mat.to_numpy().round(2).tolist(),
            x=order,
            y=order,
            zmin=-0.2,
            zmax=1,
            colorscale="Cividis",
            colorbar={"title": "ARI"},
            text=mat.to_numpy().round(2).tolist(),
            texttemplate="%{text}",
            hovertemplate="%{y} vs %{x}: ARI %{z:.2f}<extra></extra>",
        )
    )
    fig.update_layout(
        title=f"Agreement between methods, {last_year} (adjusted Rand index)",
        height=460,
        template="simple_white",
        yaxis={"autorange": "reversed"},
    )
    out.figures.append(
        Figure(
            "position-agreement",
            "Do the methods agree?",
            "plotly",
            fig,
            caption="Adjusted Rand index (Hubert & Arabie 1985) between the zone partitions "
            "of each pair of methods: 1 identical, 0 no better than chance.",
            data=agree,
        )
    )
    counts = (
        cons.groupby(["year", "zone"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=[z for z, _c in ZONE_COLOURS], fill_value=0)
        .reset_index()
    )
    out.tables.append(
        Table(
            "position-counts",
            "Countries per consensus zone",
            counts,
            caption="Consensus zone: the zone most methods assign in that year.",
        )
    )
    if len(set(res["year"])) > 1:
        moves = pos.lasting_moves(res[res["method"].isin(["income_xr", "cp_continuous"])])
        if len(moves):
            out.tables.append(
                Table(
                    "position-moves",
                    "Lasting moves between zones",
                    moves,
                    max_rows=40,
                    caption="A change of zone held for at least two later decades (per method).",
                )
            )
    core = sorted(last.loc[last["zone"] == "core", "iso3"])
    out.paragraphs.append(
        f"In {last_year} the methods place {len(core)} countries in the core by consensus: "
        + ", ".join(core[:40])
        + ("..." if len(core) > 40 else "")
        + "."
    )
    semi_claim = ["ARG", "BRA", "IND", "IDN", "IRN", "MYS", "SAU", "ZAF", "KOR", "TUR"]
    if not ctx.is_example:
        z = last.set_index("iso3")["zone"].reindex(semi_claim)
        n_semi = int((z == "semi-periphery").sum())
        by_method = (
            res[(res["year"] == last_year) & res["iso3"].isin(semi_claim)]
            .groupby("method")["zone"]
            .apply(lambda s: int((s == "semi-periphery").sum()))
        )
        detail = "; ".join(f"{m} {by_method[m]}" for m in pos.METHODS if m in by_method.index)
        out.findings.append(
            f"Position {last_year}: {n_semi} of the 10 states one seed calls semi-peripheral "
            f"are semi-peripheral by consensus of {n_methods} methods ({n_network} of them "
            f"network methods; semi-peripheral by method: {detail})."
        )
    return out
