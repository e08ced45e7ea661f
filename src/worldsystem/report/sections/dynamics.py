"""Report section: uneven development and the redivision of the world.

Zone flows between three years, the zone transition matrix with its bootstrap
intervals, sigma convergence, the power transitions that happened, the
ensemble projection of world shares to the horizon (fan charts, P(A ahead of
B) by year, the polarity call by year) and the rolling-origin backtest that
says how far such projections can be trusted.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.core.provenance import get
from worldsystem.report.model import Figure, Output, Section, Table, method_params
from worldsystem.report.style import ZONE_COLOURS, colour, line_style, style_layout

__all__ = [
    "FLOW_YEARS",
    "REPORT_BOOT",
    "REPORT_HORIZON",
    "REPORT_MEMBERS",
    "SECTION",
    "data",
    "present",
]

#: Ensemble members of the report's projection and of each backtest origin (the
#: CLI default is 1,000 and 500; the report keeps its build time short).
REPORT_MEMBERS = 200
#: Bootstrap replications of the transition-matrix intervals in the report.
REPORT_BOOT = 99
#: Last projected year.
REPORT_HORIZON = 2050
#: Years of the zone-flow diagram besides the last year of the data.
FLOW_YEARS = (1950, 1990)
#: Position method of the zone flows and the transition matrix.
ZONE_METHOD = "income_ppp"
#: Years of the convergence chart need at least this many countries (or all the
#: countries of the data, when it has fewer).
MIN_COUNTRIES = 40
#: Crossings shown in the page (all of them are in the table's data).
TRANSITION_ROWS = 20
#: Models of the reliability diagram.
RELIABILITY_MODELS = ("ensemble", "persistence", "markov")
#: Scorecard columns, in order: (column, heading).
SCORECARD = (
    ("crps", "CRPS (log points)"),
    ("crps_skill", "CRPS skill"),
    ("coverage50", "50% coverage"),
    ("coverage90", "90% coverage"),
    ("spearman", "Spearman"),
    ("top10_overlap", "top-10 overlap"),
    ("zone_brier_skill", "zone Brier skill"),
    ("event_brier_skill", "event Brier skill"),
    ("event_year_error", "median year error"),
    ("spread", "shock-SD factor"),
    ("beats_persistence", "beats persistence"),
)
_ZONE_ORDER = tuple(z for z, _ in ZONE_COLOURS)


def data(ctx: Any) -> dict[str, Any]:
    """The dynamics workflows' results for the section.

    Returns ``zones`` (:func:`worldsystem.workflows.position` with
    :data:`ZONE_METHOD` in the flow years), ``matrix``, ``periods`` and ``mobility_summary``
    (:func:`worldsystem.workflows.mobility`), ``sigma``, ``kernel`` and
    ``kernel_summary`` (:func:`worldsystem.workflows.convergence`), ``crossings`` and
    ``bloc_crossings`` (:func:`worldsystem.workflows.transitions` on GDP),
    ``shares``, ``ahead`` and ``polarity`` (:func:`worldsystem.workflows.projection`
    with :data:`REPORT_MEMBERS` members), ``history`` (observed shares of the same
    entities), ``scorecard`` and ``reliability``
    (:func:`worldsystem.workflows.dynamics_backtest`), ``fan`` (the entities of the
    fan charts) and ``source``.
    """
    from worldsystem import workflows

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        source = "Example world (synthetic)."
    else:
        ctx.require("maddison")
        source = (
            "Maddison Project Database 2023 (GDP per capita in 2011 international dollars, "
            "population); zones and transitions computed by worldsystem."
        )
    # ----------------------------------------------------------------------------
    inc = workflows.income_panel(ctx)
    first, last = int(inc["year"].min()), int(inc["year"].max())
    flow_years = sorted({max(first, y) for y in FLOW_YEARS if y < last} | {last})
    zones = workflows.position(ctx, methods=[ZONE_METHOD], years=flow_years)
    mob = workflows.mobility(ctx, method=ZONE_METHOD, n_boot=REPORT_BOOT)
    conv = workflows.convergence(ctx, n_boot=REPORT_BOOT)
    tr = workflows.transitions(ctx, index="gdp")
    proj = workflows.projection(ctx, members=REPORT_MEMBERS, horizon=REPORT_HORIZON)
    bt = workflows.dynamics_backtest(ctx, members=REPORT_MEMBERS)
    us, cn, _ru = workflows.poles(ctx)
    tracked = method_params(proj.shares, "project")["entities"]
    fan = [e for e in (us, cn, "G7", "China+Russia") if e in tracked]
    history = workflows.share_history(ctx, {e: tracked[e] for e in fan})
    return {
        "zones": zones,
        "matrix": mob["matrix"],
        "periods": mob["periods"],
        "mobility_years": _span(mob.get("flows")),
        "mobility_summary": mob["summary"],
        "sigma": conv["sigma"],
        "kernel": conv["kernel"],
        "kernel_summary": conv["kernel_summary"],
        "crossings": tr["crossings"],
        "bloc_crossings": tr["bloc_crossings"],
        "shares": proj.shares,
        "ahead": proj.ahead,
        "polarity": proj.polarity,
        "occupancy": proj.occupancy,
        "history": history,
        "scorecard": bt.scorecard,
        "reliability": bt.reliability,
        "fan": fan,
        "source": source,
    }


def _span(flows: pd.DataFrame | None) -> tuple[int, int] | None:
    """First and last year of the zone steps of the mobility run (its flows table)."""
    if flows is None or flows.empty:
        return None
    return int(flows["period_from"].min()), int(flows["period_to"].max())


# ============================================================================ figures
def _rgba(hex_colour: str, alpha: float) -> str:
    """``#rrggbb`` as a CSS ``rgba()`` with ``alpha``."""
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def _flows_figure(zones: pd.DataFrame, source: str) -> Figure:
    import plotly.graph_objects as go

    years = sorted(int(y) for y in zones["year"].unique())
    wide = zones.pivot_table(index="iso3", columns="year", values="zone", aggfunc="first")
    labels, node_colour, index = [], [], {}
    zc = dict(ZONE_COLOURS)
    for y in years:
        for z in _ZONE_ORDER:
            index[(y, z)] = len(labels)
            labels.append(f"{z} {y}")
            node_colour.append(zc[z])
    src, dst, val, link_colour = [], [], [], []
    rows = []
    for a, b in itertools.pairwise(years):
        both = wide[[a, b]].dropna()
        counts = both.groupby([a, b]).size()
        for (za, zb), n in counts.items():
            if (a, za) in index and (b, zb) in index:
                src.append(index[(a, za)])
                dst.append(index[(b, zb)])
                val.append(int(n))
                link_colour.append(_rgba(zc[za], 0.45))
                rows.append((a, b, za, zb, int(n)))
    fig = go.Figure(
        go.Sankey(
            node={"label": labels, "color": node_colour, "pad": 18, "thickness": 16},
            link={
                "source": src,
                "target": dst,
                "value": val,
                "color": link_colour,
                "hovertemplate": "%{source.label} -> %{target.label}: %{value} countries"
                "<extra></extra>",
            },
            arrangement="fixed",
        )
    )
    style_layout(fig, title="Countries moving between zones", height=420)
    flows = pd.DataFrame(rows, columns=["year_from", "year_to", "zone_from", "zone_to", "count"])
    caption = (
        f"Zones by the {ZONE_METHOD} position method in {', '.join(map(str, years))}; a band "
        "counts the countries with data in both years that went from one zone to the other "
        "(coloured by the zone it leaves). "
        f"Source: {source}"
    )
    return Figure("dynamics-flows", "Zone flows", "plotly", fig, caption=caption, data=flows)


def _cells(matrix: pd.DataFrame, order: list[str]) -> tuple[list, list]:
    """Probabilities and cell labels (p, interval, count) of a long matrix."""
    m = matrix.set_index(["state_from", "state_to"])
    z, text = [], []
    for a in order:
        zr, tr = [], []
        for b in order:
            r = m.loc[(a, b)]
            ci = (
                f"<br>[{r['p_lo']:.2f}, {r['p_hi']:.2f}]"
                if pd.notna(r["p_lo"]) and pd.notna(r["p_hi"])
                else ""
            )
            zr.append(float(r["p"]) if pd.notna(r["p"]) else None)
            tr.append(f"{r['p']:.2f}{ci}<br>n={int(r['count'])}")
        z.append(zr)
        text.append(tr)
    return z, text


def _matrix_figure(
    matrix: pd.DataFrame, periods: pd.DataFrame, source: str, span: tuple[int, int] | None = None
) -> Figure:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    p = method_params(matrix, "transition_matrix")
    order = [str(s) for s in p.get("order", _ZONE_ORDER)]
    panels = [("all years", matrix)]
    if len(periods):
        panels += [(str(k), g) for k, g in periods.groupby("period", sort=False)]
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        subplot_titles=[t for t, _ in panels],
        horizontal_spacing=0.06,
        shared_yaxes=True,
    )
    for c, (_title, frame) in enumerate(panels, start=1):
        z, text = _cells(frame, order)
        fig.add_trace(
            go.Heatmap(
                z=z,
                x=order,
                y=order,
                text=text,
                texttemplate="%{text}",
                textfont={"size": 10 if len(panels) > 1 else 12},
                colorscale="Blues",
                zmin=0,
                zmax=1,
                showscale=c == len(panels),
                colorbar={"title": "P"},
                hovertemplate="%{y} -> %{x}: %{z:.3f}<extra></extra>",
            ),
            row=1,
            col=c,
        )
        fig.update_xaxes(title_text=f"zone {p['step']} years later", row=1, col=c)
    fig.update_yaxes(autorange="reversed", title_text="zone at the start", row=1, col=1)
    style_layout(fig, title=f"Zone transition probabilities over {p['step']} years", height=460)
    level = float(p["level"])
    split = (
        f" Beside them the same chain {' and '.join(t for t, _ in panels[1:])}, to compare "
        "the Cold War with the years after it (the homogeneity test is in the CLI's "
        "homogeneity table)."
        if len(panels) > 1
        else ""
    )
    caption = (
        f"Maximum-likelihood {p['step']}-year transition probabilities pooled over every "
        f"country and start year{f' (steps within {span[0]}-{span[1]})' if span else ''} "
        f"(Anderson & Goodman 1957); brackets: {level:.0%} "
        f"country-block bootstrap intervals from {p['n_boot']} resamples of whole countries "
        f"(seed {p['seed']}); n: transitions observed.{split} Source: {source}"
    )
    return Figure(
        "dynamics-matrix",
        "Mobility between zones",
        "plotly",
        fig,
        caption=caption,
        data=pd.concat([matrix.assign(period="all years"), periods], ignore_index=True),
    )


def _convergence_figure(sigma: pd.DataFrame, source: str) -> Figure:
    import plotly.graph_objects as go

    need = min(MIN_COUNTRIES, int(sigma["n"].max())) if len(sigma) else MIN_COUNTRIES
    s = sigma[sigma["n"] >= need]
    fig = go.Figure()
    for i, (col, name) in enumerate(
        (("sd_log", "SD of log GDP per capita"), ("sd_log_w", "population-weighted SD"))
    ):
        fig.add_trace(
            go.Scatter(
                x=s["year"].tolist(),
                y=s[col].tolist(),
                name=name,
                mode="lines",
                line=line_style(i),
                hovertemplate=f"{name} %{{x}}: %{{y:.3f}}<extra></extra>",
            )
        )
    style_layout(
        fig,
        legend_y=-0.22,
        title="Sigma convergence: dispersion of income across countries",
        xaxis_title="year",
        yaxis_title="SD of log GDP per capita",
        height=400,
    )
    caption = (
        "Cross-country standard deviation of log GDP per capita each year, unweighted and "
        "weighted by population (Barro & Sala-i-Martin 1992); a falling line is sigma "
        f"convergence. Years with at least {need} countries. Source: {source}"
    )
    return Figure(
        "dynamics-convergence",
        "Divergence and convergence",
        "plotly",
        fig,
        caption=caption,
        data=s.reset_index(drop=True),
    )


def _kernel_figure(kernel: pd.DataFrame, summary: pd.DataFrame, source: str) -> Figure:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    p = method_params(kernel, "transition_matrix")
    b = method_params(kernel, "income_bins")
    order = [str(s) for s in p.get("order") or sorted(kernel["state_from"].unique())]
    cuts = b.get("cutpoints") or []
    k = len(order)
    if len(cuts) == k - 1:
        edges = [None, *(math.exp(c) for c in cuts), None]
        names = []
        for i, s in enumerate(order):
            lo, hi = edges[i], edges[i + 1]
            rng = (
                f"<{hi:.2f}"
                if lo is None
                else (f">={lo:.2f}" if hi is None else f"{lo:.2f}-{hi:.2f}")
            )
            names.append(f"{s} ({rng})")
    else:
        names = order
    lab = dict(zip(order, names, strict=True))
    z, text = _cells(kernel, order)
    erg = summary[summary["statistic"] == "ergodic"].set_index("state").reindex(order)
    fig = make_subplots(
        rows=1,
        cols=2,
        column_widths=[0.64, 0.36],
        horizontal_spacing=0.16,
        subplot_titles=[
            f"P(class in t+{p['step']} | class in t)",
            "long-run (ergodic) distribution",
        ],
    )
    fig.add_trace(
        go.Heatmap(
            z=z,
            x=order,
            y=[lab[s] for s in order],
            text=text,
            texttemplate="%{text}",
            textfont={"size": 10},
            colorscale="Blues",
            zmin=0,
            zmax=1,
            # every cell prints its probability: no colour bar to crowd the bar chart
            showscale=False,
            hovertemplate="%{y} -> %{x}: %{z:.3f}<extra></extra>",
        ),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Bar(
            x=order,
            y=erg["value"].tolist(),
            error_y={
                "type": "data",
                "symmetric": False,
                "array": (erg["hi"] - erg["value"]).tolist(),
                "arrayminus": (erg["value"] - erg["lo"]).tolist(),
            },
            marker={"color": colour(0)},
            name="ergodic",
            showlegend=False,
            hovertemplate="%{x}: %{y:.3f}<extra></extra>",
        ),
        row=1,
        col=2,
    )
    fig.add_hline(y=1 / k, line={"color": "#888", "dash": "dot", "width": 1}, row=1, col=2)
    fig.update_yaxes(autorange="reversed", title_text="relative-income class in t", row=1, col=1)
    fig.update_xaxes(title_text=f"class {p['step']} years later", row=1, col=1)
    fig.update_xaxes(title_text="class", row=1, col=2)
    fig.update_yaxes(title_text="share of countries", rangemode="tozero", row=1, col=2)
    style_layout(fig, title="Quah's stochastic kernel of relative income", height=440)
    fy = b.get("fit_years")
    window = f"{fy[0]}-{fy[1]}" if fy else "every year of the data"
    level = float(p["level"])
    caption = (
        f"GDP per capita relative to the cross-country geometric mean of the year, cut "
        f"into {k} classes at the quantiles of its pooled distribution over {window} "
        "(brackets beside the class: the relative-income range, 1 = the mean), and "
        f"the {p['step']}-year transition probabilities between the classes (Quah 1996; "
        f"point-in-time states); brackets in the cells: {level:.0%} country-block "
        f"bootstrap intervals ({p['n_boot']} resamples, seed {p['seed']}); n: transitions. "
        "Right: the chain's ergodic distribution with its interval; the dotted line is "
        f"the pooled share of each class (1/{k}). Mass piling up in the top and bottom "
        "classes is Quah's twin peaks; a flat ergodic distribution is no polarisation. "
        f"Source: {source}"
    )
    return Figure(
        "dynamics-kernel",
        "Twin peaks? The distribution's law of motion",
        "plotly",
        fig,
        caption=caption,
        data=pd.concat(
            [kernel.assign(part="kernel"), summary[summary["statistic"] == "ergodic"]],
            ignore_index=True,
        ),
    )


def _fan_figure(shares, history, fan, p) -> Figure:
    import plotly.graph_objects as go

    fig = go.Figure()
    for i, e in enumerate(fan):
        c = colour(i)
        h = history[(history["entity"] == e) & (history["year"] >= 1950)]
        f = shares[shares["entity"] == e]
        x = f["year"].tolist()
        for hi, lo, opacity, level in (("q95", "q05", 0.15, 90), ("q75", "q25", 0.3, 50)):
            fig.add_trace(
                go.Scatter(
                    x=x + x[::-1],
                    y=f[hi].tolist() + f[lo].tolist()[::-1],
                    fill="toself",
                    fillcolor=c,
                    opacity=opacity,
                    line={"width": 0},
                    name=f"{e} {level}% interval",
                    showlegend=False,
                    hoverinfo="skip",
                    legendgroup=e,
                )
            )
        fig.add_trace(
            go.Scatter(
                x=h["year"].tolist() + x,
                y=h["share"].tolist() + f["q50"].tolist(),
                name=e,
                mode="lines",
                line=line_style(i),
                legendgroup=e,
                hovertemplate=f"{e} %{{x}}: %{{y:.1%}}<extra></extra>",
            )
        )
    fig.add_vline(x=int(p["origin"]) + 0.5, line={"color": "#888", "dash": "dot", "width": 1})
    style_layout(
        fig,
        legend_y=-0.22,
        title=f"Shares of world GDP, observed and projected to {p['horizon']}",
        xaxis_title="year",
        yaxis_title="share of world GDP (PPP)",
        yaxis={"tickformat": ".0%"},
        height=440,
    )
    keep = shares[shares["entity"].isin(fan)]
    return Figure(
        "dynamics-fan",
        "Where the shares are heading",
        "plotly",
        fig,
        caption=_projection_caption(p)
        + " Line: observed share, then the ensemble median; bands: 50% and 90% intervals.",
        data=keep.reset_index(drop=True),
    )


def _projection_caption(p: Mapping[str, Any]) -> str:
    sc = p.get("spread_calibration")
    spread = ""
    if sc:
        grid = ", ".join(f"{g:g}" for g in sc["grid"])
        inner = " and ".join(map(str, sc["inner_origins"]))
        spread = (
            f" Shock SDs times {sc['chosen']:g}, the factor (of {grid}) with the lowest CRPS "
            f"in an inner backtest from {inner} scored to {sc['scored_to']}, inside the fit "
            "window."
        )
    return (
        f"Stochastic growth model of GDP per capita and population (world factor, "
        f"conditional convergence by zone, persistence, fat-tailed growth breaks after "
        f"Pritchett & Summers 2014) fitted on {p['fit'][0]}-{p['fit'][1]}; "
        f"{p['members']:,} members (seed {p['seed']}; the CLI default is 1,000) to "
        f"{p['horizon']}.{spread} Blocs have their membership of {p['fit'][1]}; shares "
        "are of the simulated countries' total."
    )


def _ahead_figure(ahead: pd.DataFrame, p) -> Figure:
    import plotly.graph_objects as go

    ahead = ahead.assign(pair=ahead["a"] + " ahead of " + ahead["b"])
    wide = ahead.pivot_table(index="pair", columns="year", values="p_ahead")
    fig = go.Figure(
        go.Heatmap(
            z=wide.to_numpy().tolist(),
            x=[int(c) for c in wide.columns],
            y=wide.index.tolist(),
            colorscale="RdBu",
            zmin=0,
            zmax=1,
            colorbar={"title": "P", "tickformat": ".0%"},
            hovertemplate="%{y} in %{x}: %{z:.0%}<extra></extra>",
        )
    )
    style_layout(
        fig,
        title="Probability that A's GDP is above B's, by year",
        xaxis_title="year",
        height=max(300, 160 + 50 * len(wide)),
    )
    return Figure(
        "dynamics-ahead",
        "Who is ahead, and how surely",
        "plotly",
        fig,
        caption="Share of ensemble members in which A's GDP at PPP exceeds B's in the year. "
        + _projection_caption(p),
        data=ahead[["year", "a", "b", "p_ahead", "p_lasting"]],
    )


#: Polarity indices of the projection, in display order: index -> label.
POLARITY_INDICES = (
    ("gdp", "GDP at PPP"),
    ("beckley", "GDP x GDP per capita (Beckley)"),
    ("milex", "military expenditure"),
    ("nuclear", "warheads"),
    ("cinc", "CINC (six NMC components)"),
)


def _walks_caption(components: Mapping[str, Any]) -> str:
    parts = [
        f"{v.get('label', k)}: scale {v['sigma']:.1%} a year around the common "
        f"change, from the last data year {v['data_end']} ({v['n_countries']} countries)"
        for k, v in components.items()
    ]
    if not parts:
        return ""
    return (
        "Components without a driver in the growth model move as random walks in logs "
        "fitted on the same years (robust scale of the country changes): " + "; ".join(parts) + ". "
    )


#: Countries of the projected zone-occupancy table (those the backend has).
OCCUPANCY_COUNTRIES = ("USA", "CHN", "RUS", "IND", "BRA", "TUR", "IRN", "ZAF")


def _occupancy_table(occ: pd.DataFrame, p: Mapping[str, Any]) -> Table:
    years = sorted(occ["year"].unique())
    pick = [years[0], *[y for y in (2035, 2050) if y in years and y != years[0]]]
    have = [c for c in OCCUPANCY_COUNTRIES if c in set(occ["iso3"])]
    f = occ[occ["iso3"].isin(have) & occ["year"].isin(pick)]
    wide = f.pivot_table(index=["iso3", "year"], columns="zone", values="probability")
    wide = wide.reindex(columns=["core", "semi-periphery", "periphery"]).reset_index()
    wide = wide.rename(
        columns={
            "iso3": "country",
            "core": "P(core)",
            "semi-periphery": "P(semi-periphery)",
            "periphery": "P(periphery)",
        }
    )
    zc = p.get("zone_cuts")
    if p.get("zone_rule", "per_year") == "origin" and zc:
        d = p.get("zone_members")
        lo, hi = (math.exp(c) for c in zc["relative_log_cuts"])
        rule = (
            f"Share of the {d:,} ensemble members in which the country is in each zone. A "
            "member-year's zone compares the country's GDP per capita with the simulated "
            f"countries' geometric mean that year: core from {hi:.2f} times it, "
            f"semi-periphery from {lo:.2f}, the cut points of the position section's "
            "income rule (income_ppp: antimodes of the density of log GDP per capita) "
            f"taken relative to the mean and fixed at their median over "
            f"{zc['years'][0]}-{zc['years'][1]}, the end of the fit window; they are not "
            "re-chosen in each simulated year, so a change of zone is a change of "
            "relative income. "
        )
    else:
        d = p.get("detail_members")
        rule = (
            f"Share of the first {d} ensemble members in which the country is in each "
            "zone, the zones of every member-year taken from the position section's income "
            "rule (income_ppp: antimodes of that year's density of log GDP per capita). The "
            "density rule can move its cuts between antimodes from one member to the next, "
            "which widens these probabilities beyond the income paths' own spread. "
        )
    return Table(
        "dynamics-occupancy",
        "Projected zone occupancy",
        wide,
        caption=rule
        + f"Monte Carlo error at most {0.5 / max(d or 1, 1) ** 0.5:.3f}. "
        + _projection_caption(p),
    )


def _cinc_caption(p: Mapping[str, Any]) -> str:
    cc = p.get("cinc_components") or {}
    if not cc:
        return ""
    parts = [
        f"{k} per unit of {'GDP' if v['relative_to_gdp'] else 'population'} "
        f"(drift {v['drift']:+.1%}, scale {v['sigma']:.1%} a year)"
        for k, v in cc.items()
    ]
    return (
        f"CINC: the first {p.get('detail_members')} members' six NMC components, each "
        "GDP- or population-elastic with a random-walk intensity fitted on the same years ("
        + "; ".join(parts)
        + "), go through the polarity section's cinc() (COW rule). "
    )


def _polarity_figure(polarity: pd.DataFrame, p) -> Figure:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    have = set(polarity["index"])
    shown = [(k, lab) for k, lab in POLARITY_INDICES if k in have]
    fig = make_subplots(
        rows=len(shown),
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[lab for _, lab in shown],
    )
    for r, (k, _lab) in enumerate(shown, start=1):
        wide = polarity[polarity["index"] == k].pivot_table(
            index="year", columns="polarity", values="probability", fill_value=0.0
        )
        for i, lab in enumerate(("unipolar", "bipolar", "multipolar")):
            fig.add_trace(
                go.Bar(
                    x=wide.index.tolist(),
                    y=(wide[lab] if lab in wide else wide.index.to_series() * 0.0).tolist(),
                    name=lab,
                    legendgroup=lab,
                    showlegend=r == 1,
                    marker={"color": colour(i)},
                    hovertemplate=f"{k} %{{x}}: P({lab}) %{{y:.0%}}<extra></extra>",
                ),
                row=r,
                col=1,
            )
        fig.update_yaxes(range=[0, 1], tickformat=".0%", row=r, col=1)
    style_layout(
        fig,
        legend_y=-0.08,
        title="Projected polarity call, by index",
        barmode="stack",
        bargap=0,
        height=160 + 170 * len(shown),
    )
    among = p.get("among") or []
    return Figure(
        "dynamics-polarity",
        "Unipolar, bipolar or multipolar ahead?",
        "plotly",
        fig,
        caption=f"Share of members whose call is unipolar, bipolar or multipolar each year, "
        f"on each index's shares among the {len(among)} largest economies of the origin "
        f"({', '.join(among)}), by the rules of the polarity section (classify_polarity, "
        "default thresholds). "
        + _walks_caption(p.get("components") or {})
        + _cinc_caption(p)
        + _projection_caption(p),
        data=polarity,
    )


def _reliability_figure(rel: pd.DataFrame, b) -> Figure:
    import plotly.graph_objects as go

    r = rel[rel["model"].isin(RELIABILITY_MODELS)].copy()
    r["fw"] = r["forecast"] * r["n"]
    r["ow"] = r["observed"] * r["n"]
    g = r.groupby(["model", "bin"], as_index=False)[["fw", "ow", "n"]].sum()
    g["forecast"] = g["fw"] / g["n"]
    g["observed"] = g["ow"] / g["n"]
    g = g[["model", "bin", "forecast", "observed", "n"]]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=[0, 1],
            y=[0, 1],
            mode="lines",
            name="perfect reliability",
            line={"color": "#888", "dash": "dot", "width": 1},
            hoverinfo="skip",
        )
    )
    for i, mname in enumerate(RELIABILITY_MODELS):
        s = g[g["model"] == mname]
        fig.add_trace(
            go.Scatter(
                x=s["forecast"].tolist(),
                y=s["observed"].tolist(),
                mode="lines+markers",
                name=mname,
                line=line_style(i),
                customdata=s["n"].tolist(),
                hovertemplate=f"{mname}: forecast %{{x:.2f}}, observed %{{y:.2f}} "
                "(n=%{customdata})<extra></extra>",
            )
        )
    style_layout(
        fig,
        legend_y=-0.22,
        title="Reliability of the zone forecasts",
        xaxis_title="forecast probability of a zone",
        yaxis_title="observed frequency",
        xaxis={"range": [0, 1]},
        yaxis={"range": [0, 1]},
        height=420,
    )
    return Figure(
        "dynamics-reliability",
        "Are the forecast probabilities honest?",
        "plotly",
        fig,
        caption=f"Zone probabilities of every country and test year in ten bins, pooled over "
        f"the origins {', '.join(map(str, b['origins']))} (n-weighted), against how often the "
        "zone was observed; points on the diagonal are reliable. " + _backtest_caption(b),
        data=g,
    )


def _backtest_caption(b: Mapping[str, Any]) -> str:
    return (
        f"Rolling-origin backtest: fit on {b['first_year']} to each origin, forecast up to "
        f"{b['horizon']} years ahead to {b['end']}; {b['members']:,} members per origin "
        f"(seed {b['seed']}; the CLI default is 500). Skill is relative to persistence "
        "(every country at the world mean growth): above 0 beats it. ensemble is the "
        "fitted model; ensemble_calibrated the same with its shock SDs times the factor "
        "an inner backtest picks at each origin from years before it (origins 20 and 10 "
        "years earlier, scored to the origin; lowest CRPS). Nothing was tuned on the test "
        "years."
    )


def _transition_table(cr: pd.DataFrame, bc: pd.DataFrame, source: str) -> Table:
    p = method_params(cr, "crossing_years")
    rows = pd.concat([cr.assign(kind="country"), bc.assign(kind="bloc")], ignore_index=True)
    rows = rows.sort_values(["year", "leader"], ascending=[False, True]).reset_index(drop=True)
    shown = rows[["year", "leader", "overtaken", "kind", "ratio", "held_years", "provisional"]]
    return Table(
        "dynamics-transitions",
        "Power transitions on GDP at PPP",
        shown,
        max_rows=TRANSITION_ROWS,
        caption=(
            f"The latest first. Year a country (or bloc) passed another on GDP at PPP and "
            f"stayed ahead at least {p['persistence']} years (provisional: still within that "
            "many years of the data end); ratio: leader over overtaken in the crossing "
            "year. Pairs among the poles, the G7, BRICS and the five largest economies. "
            f"Source: {source}"
        ),
    )


# ============================================================================ present
def present(frames: Mapping[str, Any]) -> Output:
    """Uneven development and redivision: flows, mobility, convergence, transitions,
    projections and their backtest.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    source = frames["source"]
    shares, ahead, scorecard = frames["shares"], frames["ahead"], frames["scorecard"]
    pp = method_params(shares, "project")
    fy = method_params(shares, "fit_growth_model")["fit_years"]
    p = {**pp, "fit": fy, "origin": fy[1]}
    b = method_params(scorecard, "backtest")
    out = Output(
        provenance=get(frames["matrix"])
        .merge(get(frames["sigma"]))
        .merge(get(frames["crossings"]))
        .merge(get(shares))
        .merge(get(scorecard))
    )
    out.figures.append(_flows_figure(frames["zones"], source))
    out.figures.append(
        _matrix_figure(frames["matrix"], frames["periods"], source, frames.get("mobility_years"))
    )
    out.figures.append(_convergence_figure(frames["sigma"], source))
    if frames.get("kernel") is not None:
        out.figures.append(_kernel_figure(frames["kernel"], frames["kernel_summary"], source))
    out.tables.append(_transition_table(frames["crossings"], frames["bloc_crossings"], source))
    out.figures.append(_fan_figure(shares, frames["history"], frames["fan"], p))
    out.figures.append(_ahead_figure(ahead, p))
    out.figures.append(_polarity_figure(frames["polarity"], p))
    if frames.get("occupancy") is not None:
        out.tables.append(_occupancy_table(frames["occupancy"], p))
    card = scorecard.set_index("model")
    cols = [c for c, _ in SCORECARD if c in card.columns]
    shown = card[cols].rename(columns=dict(SCORECARD)).reset_index()
    out.tables.append(
        Table(
            "dynamics-scorecard",
            f"Backtest scorecard (fit to {b['headline']})",
            shown,
            caption=f"Scores of the forecasts from the {b['headline']} origin. "
            "CRPS of log GDP per capita (lower is better); coverage of the 50% and 90% "
            "intervals (ideal 0.5 and 0.9); Spearman correlation and top-10 overlap of the "
            "forecast ranking with the observed one at the end; Brier scores of zones and of "
            "'A ahead of B at the end' among the largest economies; median error of the year "
            "of the crossings that happened. " + _backtest_caption(b),
        )
    )
    out.figures.append(_reliability_figure(frames["reliability"], b))
    # ---- text
    summ = frames["mobility_summary"].set_index("statistic")
    sh = summ.loc["shorrocks"]
    mp = method_params(frames["matrix"], "transition_matrix")
    out.paragraphs.append(
        f"Over {mp['step']}-year steps countries rarely change zone: the Shorrocks index of "
        f"the zone chain is {sh['value']:.3f} ({float(mp['level']):.0%} interval "
        f"{sh['lo']:.3f}-{sh['hi']:.3f}); 0 is no mobility, 1 no memory."
    )
    cr = frames["crossings"]
    cr = cr[~cr["provisional"]] if "provisional" in cr else cr
    if len(cr):
        named = ", ".join(
            f"{r.leader} over {r.overtaken} ({r.year})" for r in cr.tail(6).itertuples()
        )
        out.paragraphs.append(f"Lasting crossings on GDP at PPP, the latest six: {named}.")
    end = ahead[ahead["year"] == ahead["year"].max()]
    for r in end.itertuples():
        out.findings.append(
            f"P({r.a} ahead of {r.b} on GDP in {r.year}) = {r.p_ahead:.0%} "
            f"({p['members']:,}-member ensemble, fitted {fy[0]}-{fy[1]})."
        )
    if "ensemble" in card.index:
        e = card.loc["ensemble"]
        verdict = "beats" if bool(e.get("beats_persistence", False)) else "does not beat"
        text = (
            f"Backtest from {b['headline']}: the ensemble {verdict} persistence "
            f"(CRPS skill {e.get('crps_skill', float('nan')):+.3f}, 90% interval coverage "
            f"{e.get('coverage90', float('nan')):.2f} against 0.90)."
        )
        if "ensemble_calibrated" in card.index:
            c = card.loc["ensemble_calibrated"]
            cv = "beats" if bool(c.get("beats_persistence", False)) else "still does not beat"
            text += (
                f" With its spread calibrated before the origin (shock SDs times "
                f"{c.get('spread', float('nan')):g}) it {cv} it (CRPS skill "
                f"{c.get('crps_skill', float('nan')):+.3f}, 90% coverage "
                f"{c.get('coverage90', float('nan')):.2f})."
            )
        out.paragraphs.append(
            text + " The projections above are no better than their backtest: read the fan "
            "charts as the spread the model implies, not as a forecast that has earned trust."
        )
        out.findings.append(text)
    return out


SECTION = Section(
    id="dynamics",
    title="Uneven development and redivision",
    needs=("maddison",),
    data=data,
    present=present,
)
