"""Report section: UN voting ideal points and alignment with the great powers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.core.provenance import get
from worldsystem.report.defaults import BLOCS_FOCUS, IDEAL_POINT_REPORT_SPAN
from worldsystem.report.model import Figure, Output, Section, Table, method_params
from worldsystem.report.style import (
    AXIS_BINS,
    AXIS_EDGES,
    BLOC_COLOURS,
    CR_ALIGNED,
    NON_ALIGNED,
    US_ALIGNED,
    isonum_keys,
    line_style,
    style_layout,
)

__all__ = [
    "CR_ALIGNED",
    "NON_ALIGNED",
    "NO_POLE",
    "SECTION",
    "US_ALIGNED",
    "data",
    "latest_labelled_year",
    "present",
    "rule_caption",
]

#: Hover text of a country that voted but has no agreement with every pole.
NO_POLE = "no agreement with every pole"
#: Countries of the example world followed beside its three poles.
N_EXAMPLE_FOCUS = 5


def data(ctx: Any) -> dict[str, Any]:
    """Ideal points and alignment of every country in the report's sessions.

    Returns ``ideal_points`` (:func:`worldsystem.workflows.ideal_points`),
    ``alignment`` (:func:`worldsystem.workflows.alignment` on those ideal points),
    ``focus`` (countries followed over time), ``source`` (the caption's source
    statement), ``stand_ins`` (True when the poles stand in for the US, China and
    Russia), ``show_map`` and ``compare_group`` (the group whose alignment the
    finding reports, or None).
    """
    from worldsystem import workflows

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        sub = ctx
        poles = workflows.poles(ctx)
        others = [c for c in ctx.example.countries["iso3"] if c not in poles]
        focus = [*poles, *others[:N_EXAMPLE_FOCUS]]
        source = "Example world (synthetic)."
        stand_ins, show_map, compare_group = True, False, None
    else:
        ctx.require("unvotes")
        # the same context (and its loaded sources) restricted to the report's sessions
        sub = ctx.with_years(ctx.years or IDEAL_POINT_REPORT_SPAN)
        focus = list(BLOCS_FOCUS)
        source = (
            "UN General Assembly roll calls (Voeten, Strezhnev & Bailey 2009); dynamic ordinal "
            "IRT in the manner of Bailey, Strezhnev & Voeten (2017), fitted by worldsystem."
        )
        stand_ins, show_map, compare_group = False, True, "G7"
    # ----------------------------------------------------------------------------
    ip = workflows.ideal_points(sub)
    return {
        "ideal_points": ip,
        "alignment": workflows.alignment(sub, ideal_points_frame=ip),
        "focus": focus,
        "source": source,
        "stand_ins": stand_ins,
        "show_map": show_map,
        "compare_group": compare_group,
    }


def rule_caption(al: pd.DataFrame, *, stand_ins: bool = False) -> str:
    """The caption stating the alignment rule, with the poles and threshold of ``al``."""
    p = method_params(al, "alignment")
    us, cn, ru = p["poles"]
    tau = p["threshold"]
    text = (
        "Alignment by the agreement rule of worldsystem.measures.blocs.alignment: "
        f"s = kappa({us}) - (kappa({cn}) + kappa({ru}))/2 from chance-corrected vote "
        f"agreement (Cohen's kappa) in the session; US-aligned when s > {tau:g}, "
        f"China-Russia-aligned when s < -{tau:g}, otherwise non-aligned. A country that votes "
        "yes on everything has kappa 0 with everyone and is non-aligned."
    )
    if stand_ins:
        text += (
            f" In the example world the bloc leaders {us} and {cn} (and {ru}, a second member "
            "of bloc B) stand in for the US, China and Russia."
        )
    return text


def latest_labelled_year(al: pd.DataFrame) -> int | None:
    """The last year in which at least one country has a bloc label (None if none)."""
    years = al.loc[al["bloc"].notna(), "year"]
    return int(years.max()) if len(years) else None


def present(frames: Mapping[str, Any]) -> Output:
    """Blocs: UN General Assembly ideal points and alignment with the great powers.

    Shows dynamic ideal points on the main dimension of UN voting (ordinal IRT
    with a random walk across sessions, after Bailey, Strezhnev & Voeten 2017) of
    the focus countries; each country's alignment in the last session with a bloc
    label (a world map on real data), the number of countries per alignment over
    time, and the alignment of the focus countries session by session. Alignment
    is the chance-corrected agreement rule of
    :func:`worldsystem.measures.blocs.alignment` (poles and threshold read from
    the provenance). Source: UN General Assembly roll calls (Voeten, Strezhnev &
    Bailey 2009).

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    import plotly.graph_objects as go

    ip, al, source = frames["ideal_points"], frames["alignment"], frames["source"]
    out = Output(provenance=get(ip))
    focus = [c for c in frames["focus"] if c in set(ip["iso3"])]
    wide = ip.pivot_table(index="year", columns="iso3", values="ideal_point")
    fig = go.Figure()
    for i, iso3 in enumerate(focus):
        fig.add_trace(
            go.Scatter(
                x=wide.index.tolist(),
                y=wide[iso3].tolist(),
                name=iso3,
                mode="lines",
                line=line_style(i),
                hovertemplate=f"{iso3} %{{x}}: %{{y:.2f}}<extra></extra>",
            )
        )
    style_layout(
        fig,
        legend_y=-0.22,
        title="UN General Assembly ideal points (US positive)",
        xaxis_title="year of session",
        yaxis_title="ideal point (latent scale)",
        height=440,
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
    us, cn, ru = method_params(al, "alignment")["poles"]
    rule = rule_caption(al, stand_ins=frames["stand_ins"])
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
        last["axis_position"], AXIS_EDGES, labels=[b for b, _c in AXIS_BINS], right=False
    )
    if frames["show_map"]:
        out.figures.append(_map_figure(last, year, (us, cn, ru), rule, source))
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
    out.paragraphs.append(_summary(last, labelled, n_bloc, n_unlabelled, year, (us, cn, ru)))
    group = frames["compare_group"]
    if group is not None:
        from worldsystem import countries

        others = [c for c in countries.members(group, year) if c != us]
        aligned = labelled.set_index("iso3")["bloc"].reindex(others).dropna()
        if len(aligned):
            n_us = int((aligned == US_ALIGNED).sum())
            out.findings.append(
                f"UN voting {year}: {n_us} of the {len(aligned)} other {group} members are "
                f"aligned with the US by chance-corrected agreement; "
                f"{int(n_bloc.get(US_ALIGNED, 0))} of {len(labelled)} countries are "
                f"US-aligned, {int(n_bloc.get(CR_ALIGNED, 0))} China-Russia-aligned."
            )
    return out


def _summary(
    last: pd.DataFrame,
    labelled: pd.DataFrame,
    n_bloc: pd.Series,
    n_unlabelled: int,
    year: int,
    poles: tuple[str, str, str],
) -> str:
    us, cn, ru = poles
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
    return text + "."


def _map_figure(
    last: pd.DataFrame, year: int, poles: tuple[str, str, str], rule: str, source: str
) -> Figure:
    from worldsystem.report.maps import svg_choropleth

    us, cn, ru = poles
    keys = isonum_keys(last["iso3"])
    values = {
        k: str(b) for k, b in zip(keys, last["bloc"], strict=True) if k is not None and pd.notna(b)
    }
    labels = {
        k: (
            f"{r.iso3}: {r.bloc if pd.notna(r.bloc) else NO_POLE}; agreement (kappa) with "
            f"{us} {r.agree_usa:.2f}, {cn} {r.agree_chn:.2f}, {ru} {r.agree_rus:.2f}; "
            f"axis position {r.axis_position:.2f}"
        )
        for k, r in zip(keys, last.itertuples(), strict=True)
        if k is not None
    }
    svg = svg_choropleth(
        values,
        dict(BLOC_COLOURS),
        labels=labels,
        title=f"Alignment in UN voting, {year}",
        element_id="blocs-map",
    )
    return Figure(
        "blocs-map-figure",
        f"Alignment with the US or with China and Russia in UN voting, {year}",
        "svg",
        {"svg": svg, "legend": list(BLOC_COLOURS)},
        caption=f"{rule} {source}",
        data=last[
            ["iso3", "year", "agree_usa", "agree_chn", "agree_rus", "agree_diff", "bloc"]
        ].reset_index(drop=True),
    )


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
    style_layout(
        fig,
        legend_y=-0.25,
        title="Countries by alignment in UN voting",
        xaxis_title="year of session",
        yaxis_title="countries",
        barmode="stack",
        height=380,
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
    style_layout(
        fig,
        title="Alignment of chosen countries, session by session",
        xaxis_title="year of session",
        height=60 + 28 * len(z),
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


SECTION = Section(
    id="blocs",
    title="Blocs: UN voting and alignment with the great powers",
    needs=("unvotes",),
    data=data,
    present=present,
)
