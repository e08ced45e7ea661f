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
_FOCUS = ("USA", "GBR", "FRA", "DEU", "JPN", "RUS", "CHN", "IND", "BRA", "VNM")
#: Years of the ideal-point fit in the report when no --years are given (the
#: post-Cold-War sessions); the full 1946-2019 record is `worldsystem blocs ideal-points`.
REPORT_YEARS = (1991, 2019)


def axis_position(ip: pd.DataFrame, poles: tuple[str, str, str]) -> pd.DataFrame:
    """Position of each country on the axis from the China-Russia midpoint to the US.

    p = (x - m) / (x_US - m) with m the mean of the China and Russia ideal points:
    0 at the midpoint, 1 at the US.
    """
    wide = ip.pivot_table(index="year", columns="iso3", values="ideal_point")
    us, cn, ru = poles
    mid = (wide[cn] + wide[ru]) / 2
    pos = wide.sub(mid, axis=0).div(wide[us] - mid, axis=0)
    return pos.stack().rename("axis_position").reset_index()


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
    pos = axis_position(ip, poles)
    last = pos[pos["year"] == pos["year"].max()].copy()
    year = int(last["year"].iloc[0])
    last["bin"] = pd.cut(last["axis_position"], _EDGES, labels=[b for b, _c in AXIS_BINS])
    if not ctx.is_example:
        from worldsystem.report.maps import svg_choropleth

        nums = countries.convert(last["iso3"], source="iso3", target="isonum", errors="coerce")
        values = {
            f"{int(n):03d}": str(b)
            for n, b in zip(nums, last["bin"], strict=True)
            if pd.notna(n) and pd.notna(b)
        }
        labels = {
            f"{int(n):03d}": f"{iso}: {p:.2f} of the way from the China-Russia midpoint to the US"
            for n, iso, p in zip(nums, last["iso3"], last["axis_position"], strict=True)
            if pd.notna(n)
        }
        svg = svg_choropleth(
            values,
            dict(AXIS_BINS),
            labels=labels,
            title=f"Alignment in UN voting, {year}",
            element_id="blocs-map",
        )
        out.figures.append(
            Figure(
                "blocs-map-figure",
                f"Where countries stand between China-Russia and the US, {year}",
                "svg",
                {"svg": svg, "legend": list(AXIS_BINS)},
                caption="Position p = (x - m)/(x_US - m) on the ideal-point axis, m the mean "
                "of China's and Russia's ideal points: 0 at the China-Russia midpoint, 1 at "
                "the US. The US is an outlier on this scale, so most of the world sits "
                f"nearer the China-Russia side. {source}",
                data=last[["iso3", "year", "axis_position"]].reset_index(drop=True),
            )
        )
    counts = last["bin"].value_counts().reindex([b for b, _c in AXIS_BINS], fill_value=0)
    out.tables.append(
        Table(
            "blocs-bins",
            f"Countries by position on the axis, {year}",
            counts.rename("countries").reset_index().rename(columns={"index": "position"}),
        )
    )
    above = last[last["axis_position"] >= 0.5]["iso3"].tolist()
    out.paragraphs.append(
        f"In {year}, {len(above)} of {len(last)} countries voted at least halfway from the "
        f"China-Russia midpoint towards {poles[0]}; {int((last['axis_position'] < 0).sum())} "
        "sat on the China-Russia side of the midpoint."
    )
    if not ctx.is_example:
        g7 = countries.members("G7", year)
        g7pos = last.set_index("iso3")["axis_position"].reindex(g7)
        out.findings.append(
            f"UN voting {year}: G7 members sit between "
            f"{g7pos.min():.2f} and {g7pos.max():.2f} of the way from the China-Russia "
            f"midpoint to the US; {len(above)} of {len(last)} countries are past halfway."
        )
    return out
