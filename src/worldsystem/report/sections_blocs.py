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
NO_POLE = "no agreement with every pole"


def _rule(poles: tuple[str, str, str], *, example: bool = False) -> str:
    """The caption that states the alignment rule with the poles named."""
    us, cn, ru = poles
    text = (
        "Alignment by the agreement rule of worldsystem.measures.blocs.alignment: "
        f"s = kappa({us}) - (kappa({cn}) + kappa({ru}))/2 from chance-corrected vote "
        "agreement (Cohen's kappa) in the session; US-aligned when s > 0.1, "
        "China-Russia-aligned when s < -0.1, otherwise non-aligned. A country that votes "
        "yes on everything has kappa 0 with everyone and is non-aligned."
    )
    if example:
        text += (
            f" In the example world the bloc leaders {us} and {cn} (and {ru}, a second member "
            "of bloc B) stand in for the US, China and Russia."
        )
    return text


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
        poles = workflows.poles(ctx)
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
    al = workflows.alignment(sub, ideal_points_frame=ip)
    us, cn, ru = poles
    rule = _rule(poles, example=ctx.is_example)
    year = latest_labelled_year(al)
    if year is None:
        out.paragraphs.append(
            f"No session in {y0}-{y1} has vote agreement with all three of {us}, {cn} and "
            f"{ru} (China's seat passed to the People's Republic in 1971), so no country can "
            "be assigned to a bloc; the ideal-point chart still applies."
        )
        return out
    last = al[al["year"] == year].copy()
    labelled = last[last["bloc"].notna()]
    n_unlabelled = len(last) - len(labelled)
    last["bin"] = pd.cut(
        last["axis_position"], _EDGES, labels=[b for b, _c in AXIS_BINS], right=False
    )
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
                f"{r.iso3}: {r.bloc if pd.notna(r.bloc) else NO_POLE}; agreement (kappa) with "
                f"{us} {r.agree_usa:.2f}, {cn} {r.agree_chn:.2f}, {ru} {r.agree_rus:.2f}; "
                f"axis position {r.axis_position:.2f}"
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
                caption=f"{rule} {source}",
                data=last[
                    ["iso3", "year", "agree_usa", "agree_chn", "agree_rus", "agree_diff", "bloc"]
                ].reset_index(drop=True),
            )
        )
    out.figures.append(_membership_over_time(al, rule, source))
    out.figures.append(_membership_of_focus(al, focus, rule, source))
    counts = last["bin"].value_counts().reindex([b for b, _c in AXIS_BINS], fill_value=0)
    out.tables.append(
        Table(
            "blocs-bins",
            f"Countries by position on the ideal-point axis, {year}",
            counts.rename("countries").rename_axis("position").reset_index(),
            caption=f"Position p = (x - m)/(x_{us} - m) on the ideal-point axis, m the mean "
            f"of the ideal points of {cn} and {ru}: 0 at their midpoint, 1 at {us}. Bins "
            "include their lower edge.",
        )
    )
    n_bloc = labelled["bloc"].value_counts()
    above = int((last["axis_position"] >= 0.5).sum())
    below = int((last["axis_position"] < 0).sum())
    text = (
        f"In {year}, by chance-corrected agreement, {int(n_bloc.get(US_ALIGNED, 0))} of "
        f"{len(labelled)} countries were aligned with {us}, "
        f"{int(n_bloc.get(CR_ALIGNED, 0))} with {cn} and {ru}, and "
        f"{int(n_bloc.get(NON_ALIGNED, 0))} with neither"
    )
    if n_unlabelled:
        text += (
            f" ({n_unlabelled} more voted but have no agreement with one of the three, "
            "e.g. too few common votes)"
        )
    text += (
        f". On the ideal-point axis, {above} of {len(last)} countries voted at least halfway "
        f"from the {cn}-{ru} midpoint towards {us} and {below} sat on the {cn}-{ru} side of "
        "the midpoint"
    )
    if above <= 0.1 * len(last):
        text += f": on this axis {us} votes far from almost everyone"
    out.paragraphs.append(text + ".")
    if not ctx.is_example:
        g7 = [c for c in countries.members("G7", year) if c != us]
        g7al = labelled.set_index("iso3")["bloc"].reindex(g7).dropna()
        if len(g7al):
            n_us = int((g7al == US_ALIGNED).sum())
            out.findings.append(
                f"UN voting {year}: {n_us} of the {len(g7al)} other G7 members are aligned "
                f"with the US by chance-corrected agreement; {int(n_bloc.get(US_ALIGNED, 0))} "
                f"of {len(labelled)} countries are US-aligned, "
                f"{int(n_bloc.get(CR_ALIGNED, 0))} China-Russia-aligned."
            )
    return out


def latest_labelled_year(al: pd.DataFrame) -> int | None:
    """The last year in which at least one country has a bloc label (None if none)."""
    years = al.loc[al["bloc"].notna(), "year"]
    return int(years.max()) if len(years) else None


def _membership_over_time(al: pd.DataFrame, rule: str, source: str) -> Figure:
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
        caption="Number of countries in each alignment per session (countries without "
        f"agreement with one of the poles are not counted). {rule} {source}",
        data=counts.reset_index(),
    )


def _focus_status(al: pd.DataFrame, wide: pd.DataFrame) -> pd.DataFrame:
    """Hover text per cell: the bloc, or why there is none (no votes / no agreement)."""
    voted = (
        al.assign(v=1)
        .pivot_table(index="iso3", columns="year", values="v", aggfunc="first")
        .reindex(index=wide.index, columns=wide.columns)
    )
    status = wide.astype(object).where(wide.notna(), NO_POLE)
    return status.where(voted.notna(), "no votes")


def _membership_of_focus(al: pd.DataFrame, focus: list[str], rule: str, source: str) -> Figure:
    import plotly.graph_objects as go

    code = {US_ALIGNED: 1, NON_ALIGNED: 0, CR_ALIGNED: -1}
    sub = al[al["iso3"].isin(focus)]
    # every focus country that voted in some session, and every session, even where no
    # bloc label exists (pivot_table would drop all-missing rows and columns)
    wide = sub.drop_duplicates(["iso3", "year"]).set_index(["iso3", "year"])["bloc"].unstack()
    wide = wide.reindex(
        index=[c for c in focus if c in set(sub["iso3"])],
        columns=sorted(set(al["year"])),
    )
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
            customdata=_focus_status(al, wide).to_numpy().tolist(),
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
        caption="Blank: no votes that session, or no agreement with one of the poles (the "
        f"hover text says which). {rule} {source}",
        data=wide.reset_index(),
    )
