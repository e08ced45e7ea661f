"""Report section: UN voting ideal points and alignment with the great powers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.report.builtin import OKABE_ITO
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: Sequential blue-to-orange scale with monotone lightness (reads in greyscale).
AXIS_BINS = (
    ("China-Russia side (below the midpoint)", "#b35806"),
    ("0-0.25 of the way to the US", "#f1a340"),
    ("0.25-0.5", "#fee0b6"),
    ("0.5-0.75", "#998ec3"),
    ("0.75 or more (US side)", "#542788"),
)
_EDGES = (-np.inf, 0.0, 0.25, 0.5, 0.75, np.inf)
US_ALIGNED, NON_ALIGNED, CR_ALIGNED = "US-aligned", "non-aligned", "China-Russia-aligned"
#: Diverging, lightness-ordered (dark purple / light grey / dark orange): reads in greyscale
#: and for the common colour-vision deficiencies.
BLOC_COLOURS = (
    (US_ALIGNED, "#542788"),
    (NON_ALIGNED, "#d9d9d9"),
    (CR_ALIGNED, "#b35806"),
)
_RULE = (
    "Alignment by the agreement rule of worldsystem.measures.blocs.alignment: "
    "s = kappa(US) - (kappa(China) + kappa(Russia))/2 from chance-corrected vote "
    "agreement (Cohen's kappa) in the session; US-aligned when s > 0.1, "
    "China-Russia-aligned when s < -0.1, otherwise non-aligned."
)
_FOCUS = ("USA", "GBR", "FRA", "DEU", "JPN", "RUS", "CHN", "IND", "BRA", "VNM")
#: Years of the ideal-point fit in the report when no --years are given (the
#: post-Cold-War sessions); the full 1946-2019 record is `worldsystem blocs ideal-points`.
REPORT_YEARS = (1991, 2019)


@register(
    "blocs", "Blocs: UN voting and alignment with the great powers", needs=("unvotes",), order=40
)
def blocs_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    from worldsystem import countries, workflows
    from worldsystem.core.provenance import get
    from worldsystem.report.context import ReportContext as Ctx

    if ctx.is_example:
        sub = ctx
        poles = workflows._example_poles(ctx)
    else:
        ctx.require("unvotes")
        sub = Ctx(data=ctx.data, years=ctx.years or REPORT_YEARS, _cache=ctx._cache)
        poles = ("USA", "CHN", "RUS")
    ip = workflows.ideal_points(sub)
    out = SectionOutput(provenance=get(ip))
    focus = [c for c in _FOCUS if c in set(ip["iso3"])] if not ctx.is_example else list(poles)
    if ctx.is_example:
        focus += [c for c in ctx.example.countries["iso3"] if c not in focus][:5]
    wide = ip.pivot_table(index="year", columns="iso3", values="ideal_point")
    fig = go.Figure()
    dashes = ("solid", "dash", "dot", "dashdot", "longdash")
    for i, iso3 in enumerate(focus):
        fig.add_trace(
            go.Scatter(
                x=wide.index.tolist(),
                y=wide[iso3].tolist(),
                name=iso3,
                mode="lines",
                line={"color": OKABE_ITO[i % 8], "dash": dashes[i % 5]},
                hovertemplate=f"{iso3} %{{x}}: %{{y:.2f}}<extra></extra>",
            )
        )
    fig.update_layout(
        title="UN General Assembly ideal points (US positive)",
        xaxis_title="year of session",
        yaxis_title="ideal point (latent scale)",
        height=440,
        template="simple_white",
        legend={"orientation": "h", "y": -0.22},
    )
    source = (
        "Example world (synthetic)."
        if ctx.is_example
        else "UN General Assembly roll calls (Voeten, Strezhnev & Bailey 2009); dynamic ordinal "
        "IRT in the manner of Bailey, Strezhnev & Voeten (2017), fitted by worldsystem."
    )
    y0, y1 = int(ip["year"].min()), int(ip["year"].max())
    out.figures.append(
        Figure(
            "blocs-ideal-points",
            f"Ideal points, {y0}-{y1}",
            "plotly",
            fig,
            caption="Each country's position on the main dimension of UN voting, estimated "
            f"from yes/abstain/no votes with a random walk across sessions. {source}",
            data=wide[focus].reset_index(),
        )
    )
    al = _alignment(sub, ip, poles)
    year = int(al["year"].max())
    last = al[al["year"] == year].copy()
    last["bin"] = pd.cut(last["axis_position"], _EDGES, labels=[b for b, _c in AXIS_BINS])
    us, cn, ru = poles
    if not ctx.is_example:
        from worldsystem.report.maps import svg_choropleth

        nums = countries.convert(last["iso3"], source="iso3", target="isonum", errors="coerce")
        values = {
            f"{int(n):03d}": str(b)
            for n, b in zip(nums, last["bloc"], strict=True)
            if pd.notna(n) and pd.notna(b)
        }
        labels = {
            f"{int(n):03d}": (
                f"{r.iso3}: {r.bloc}; agreement (kappa) with {us} {r.agree_usa:.2f}, "
                f"{cn} {r.agree_chn:.2f}, {ru} {r.agree_rus:.2f}; axis position "
                f"{r.axis_position:.2f}"
            )
            for n, r in zip(nums, last.itertuples(), strict=True)
            if pd.notna(n)
        }
        svg = svg_choropleth(
            values,
            dict(BLOC_COLOURS),
            labels=labels,
            title=f"Alignment in UN voting, {year}",
            element_id="blocs-map",
        )
        out.figures.append(
            Figure(
                "blocs-map-figure",
                f"Alignment with the US or with China and Russia in UN voting, {year}",
                "svg",
                {"svg": svg, "legend": list(BLOC_COLOURS)},
                caption=f"{_RULE} {source}",
                data=last[
                    ["iso3", "year", "agree_usa", "agree_chn", "agree_rus", "agree_diff", "bloc"]
                ].reset_index(drop=True),
            )
        )
    out.figures.append(_membership_over_time(al, source))
    out.figures.append(_membership_of_focus(al, focus, source))
    counts = last["bin"].value_counts().reindex([b for b, _c in AXIS_BINS], fill_value=0)
    out.tables.append(
        Table(
            "blocs-bins",
            f"Countries by position on the ideal-point axis, {year}",
            counts.rename("countries").reset_index().rename(columns={"index": "position"}),
            caption="Position p = (x - m)/(x_US - m) on the ideal-point axis, m the mean of "
            "China's and Russia's ideal points: 0 at the China-Russia midpoint, 1 at the US. "
            "The US is an outlier on this scale, so most of the world sits nearer the "
            "China-Russia side even where its votes agree more with the US.",
        )
    )
    n_bloc = last["bloc"].value_counts()
    above = last[last["axis_position"] >= 0.5]["iso3"].tolist()
    out.paragraphs.append(
        f"In {year}, by chance-corrected agreement, {int(n_bloc.get(US_ALIGNED, 0))} of "
        f"{len(last)} countries were aligned with {us}, "
        f"{int(n_bloc.get(CR_ALIGNED, 0))} with {cn} and {ru}, and "
        f"{int(n_bloc.get(NON_ALIGNED, 0))} with neither. On the ideal-point axis, "
        f"{len(above)} countries voted at least halfway from the {cn}-{ru} midpoint towards "
        f"{us} and {int((last['axis_position'] < 0).sum())} sat on the {cn}-{ru} side of the "
        "midpoint: the US votes far from almost everyone."
    )
    if not ctx.is_example:
        g7 = [c for c in countries.members("G7", year) if c != us]
        g7al = last.set_index("iso3").reindex(g7)
        n_us = int((g7al["bloc"] == US_ALIGNED).sum())
        out.findings.append(
            f"UN voting {year}: {n_us} of the {len(g7)} other G7 members are aligned with the "
            f"US by chance-corrected agreement; {int(n_bloc.get(US_ALIGNED, 0))} of "
            f"{len(last)} countries are US-aligned, {int(n_bloc.get(CR_ALIGNED, 0))} "
            "China-Russia-aligned."
        )
    return out


def _alignment(ctx: ReportContext, ip: pd.DataFrame, poles: tuple[str, str, str]):
    """Alignment per country-year by the agreement rule (kappa with the three poles)."""
    from worldsystem import workflows
    from worldsystem.measures import blocs

    agree = workflows.vote_agreement(ctx)
    return blocs.alignment(ip, agree, poles=poles)


def _membership_over_time(al: pd.DataFrame, source: str) -> Figure:
    import plotly.graph_objects as go

    counts = al.groupby(["year", "bloc"]).size().unstack(fill_value=0)
    counts = counts.reindex(columns=[b for b, _c in BLOC_COLOURS], fill_value=0)
    fig = go.Figure()
    for bloc, colour in BLOC_COLOURS:
        fig.add_trace(
            go.Bar(
                x=counts.index.tolist(),
                y=counts[bloc].tolist(),
                name=bloc,
                marker={"color": colour, "line": {"color": "#333333", "width": 0.3}},
                hovertemplate=f"{bloc} %{{x}}: %{{y}} countries<extra></extra>",
            )
        )
    fig.update_layout(
        title="Countries by alignment in UN voting",
        xaxis_title="year of session",
        yaxis_title="countries",
        barmode="stack",
        height=380,
        template="simple_white",
        legend={"orientation": "h", "y": -0.25},
    )
    return Figure(
        "blocs-membership",
        "Bloc membership over time",
        "plotly",
        fig,
        caption=f"Number of countries in each alignment per session. {_RULE} {source}",
        data=counts.reset_index(),
    )


def _membership_of_focus(al: pd.DataFrame, focus: list[str], source: str) -> Figure:
    import plotly.graph_objects as go

    code = {US_ALIGNED: 1, NON_ALIGNED: 0, CR_ALIGNED: -1}
    sub = al[al["iso3"].isin(focus)]
    wide = sub.pivot_table(index="iso3", columns="year", values="bloc", aggfunc="first")
    wide = wide.reindex([c for c in focus if c in wide.index])
    z = wide.apply(lambda col: col.map(code)).astype(float)
    colours = dict(BLOC_COLOURS)
    scale = [
        [0.0, colours[CR_ALIGNED]],
        [0.33, colours[CR_ALIGNED]],
        [0.34, colours[NON_ALIGNED]],
        [0.66, colours[NON_ALIGNED]],
        [0.67, colours[US_ALIGNED]],
        [1.0, colours[US_ALIGNED]],
    ]
    fig = go.Figure(
        go.Heatmap(
            z=z.to_numpy().tolist(),
            x=[int(y) for y in z.columns],
            y=z.index.tolist(),
            zmin=-1,
            zmax=1,
            colorscale=scale,
            customdata=wide.fillna("no votes").to_numpy().tolist(),
            hovertemplate="%{y} %{x}: %{customdata}<extra></extra>",
            colorbar={
                "tickvals": [-1, 0, 1],
                "ticktext": [CR_ALIGNED, NON_ALIGNED, US_ALIGNED],
                "title": "",
            },
            xgap=1,
            ygap=1,
        )
    )
    fig.update_layout(
        title="Alignment of chosen countries, session by session",
        xaxis_title="year of session",
        height=60 + 28 * len(z),
        template="simple_white",
        yaxis={"autorange": "reversed"},
    )
    return Figure(
        "blocs-focus",
        "Alignment of the great powers and chosen countries over time",
        "plotly",
        fig,
        caption=f"{_RULE} {source}",
        data=wide.reset_index(),
    )
