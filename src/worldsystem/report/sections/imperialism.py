"""Report section: imperialism indicators (Lenin's five features and military reach)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldsystem.core.provenance import get
from worldsystem.report.defaults import IMPERIALISM_FOCUS, IMPERIALISM_REPORT_YEAR
from worldsystem.report.model import (
    Figure,
    Output,
    Section,
    Table,
    method_params,
    source_statement,
)
from worldsystem.report.style import colour, style_layout

__all__ = [
    "SECTION",
    "composite_statement",
    "data",
    "present",
    "rank_direction",
    "sensitivity_caption",
]

#: Countries of the example world shown (the first in zone order).
N_EXAMPLE_FOCUS = 12


def data(ctx: Any) -> dict[str, Any]:
    """The indicators, their ranks and the composite rank in the report's year.

    Returns ``results`` (:func:`worldsystem.workflows.imperialism` in ``year``),
    ``year``, ``focus`` (countries shown), ``supported`` (ids of the indicators the
    data supports, in catalogue order), ``names`` (indicator id -> name),
    ``unsupported`` (``feature, indicator,
    what it would need``) and ``rank_finding`` (whether to state the ranks of
    Russia and China).
    """
    import pandas as pd

    from worldsystem import workflows
    from worldsystem.measures import imperialism as imp

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        year = int(ctx.example.country_years["year"].max())
        focus = list(ctx.example.countries.sort_values("zone")["iso3"][:N_EXAMPLE_FOCUS])
        rank_finding = False
    else:
        ctx.require("sipri_milex", "imf_weo", "sipri_tiv")
        year = min(IMPERIALISM_REPORT_YEAR, ctx.years[1]) if ctx.years else IMPERIALISM_REPORT_YEAR
        focus = list(IMPERIALISM_FOCUS)
        rank_finding = True
    # ----------------------------------------------------------------------------
    # the same context (and its loaded sources) reporting the one year; the measure
    # reads the years before it that its trailing FDI means need (indicator_table)
    res = workflows.imperialism(ctx.with_years((year, year)))
    unsupported = pd.DataFrame(
        [(i.feature, i.name, i.needs) for i in imp.indicators(supported=False)],
        columns=["feature", "indicator", "what it would need"],
    )
    return {
        "results": res,
        "year": year,
        "focus": focus,
        "supported": [i.id for i in imp.indicators(supported=True)],
        "names": {i.id: i.name for i in imp.indicators(supported=True)},
        "directions": {i.id: i.direction for i in imp.indicators(supported=True)},
        "units": {i.id: i.unit for i in imp.indicators(supported=True)},
        "unsupported": unsupported,
        "rank_finding": rank_finding,
    }


def composite_statement(res: Any) -> str:
    """How many weighted indicators the composite has, naming any no state has a value of.

    Read from the result: the weights the rank-sensitivity analysis recorded and the
    indicators with an ``ok`` row. A weighted indicator missing for every state drops
    out of the composite (the weights are renormalised over the rest); the caption
    says so rather than presenting a composite over fewer indicators as the same one.
    """
    weights = list(method_params(res, "rank_sensitivity")["weights"])
    present = set(res.loc[res["status"] == "ok", "indicator"])
    absent = [k for k in weights if k not in present]
    n = len(weights) - len(absent)
    text = f"The composite combines {n} of the {len(weights)} weighted indicators"
    if absent:
        return text + f"; no state has a value of {', '.join(absent)}, left out. "
    return text + ". "


def rank_direction(
    indicators: list[str], directions: Mapping[str, int], names: Mapping[str, str]
) -> str:
    """What rank 1 means, per indicator, from the registry's directions.

    Rank 1 is the most imperialist-like value: the highest for direction +1, the
    lowest for -1; direction 0 is not ranked.

    >>> rank_direction(["a", "b", "c"], {"a": 1, "b": -1, "c": 0}, {"b": "B"})
    '1 = the most imperialist-like value: the highest, except B where the lowest; c not ranked'
    """
    low = [names.get(i, i) for i in indicators if directions.get(i, 1) < 0]
    none = [names.get(i, i) for i in indicators if directions.get(i, 1) == 0]
    text = "1 = the most imperialist-like value: the highest"
    if low:
        text += f", except {', '.join(low)} where the lowest"
    if none:
        text += f"; {', '.join(none)} not ranked"
    return text


def _units(res: Any, frames: Mapping[str, Any]) -> dict[str, str]:
    """Indicator id -> unit: the registry's, else the result's ``unit`` column."""
    units = dict(frames.get("units") or {})
    if "unit" in getattr(res, "columns", ()):
        for ind, unit in res.dropna(subset=["unit"]).groupby("indicator")["unit"].first().items():
            units.setdefault(ind, str(unit))
    return units


def sensitivity_caption(res: Any) -> str:
    """The caption of the rank chart, with the draws of the rank-sensitivity analysis."""
    p = method_params(res, "rank_sensitivity")
    return (
        "Diamond: rank under equal weights on the supported indicators (rank-"
        f"normalised). Bar: {p['ci']:.0%} interval of the rank over {p['n_draws']:,} "
        f"Dirichlet({p['alpha']:g}) weight draws. "
        + composite_statement(res)
        + source_statement(res)
    )


def present(frames: Mapping[str, Any]) -> Output:
    """Imperialism: indicator ranks and the composite rank with its weight sensitivity.

    Shows the composite rank of the focus countries under equal weights with its
    interval over Dirichlet weight draws (:func:`worldsystem.measures.imperialism.
    rank_sensitivity`, draws and interval read from the provenance), each
    indicator's rank, and the indicators the bundled data cannot support. Sources:
    IMF WEO, Maddison, WDI via Gapminder, SIPRI, FAS, COW trade, UCDP/PRIO,
    troopdata.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    import plotly.graph_objects as go

    res, year, focus = frames["results"], frames["year"], list(frames["focus"])
    out = Output(provenance=get(res))
    ok = res[(res["status"] == "ok") & (res["indicator"] != "composite")]
    wide = ok[ok["iso3"].isin(focus)].pivot_table(index="iso3", columns="indicator", values="rank")
    comp = res[res["indicator"] == "composite"].set_index("iso3")
    order = [c for c in focus if c in comp.index]
    ranked = comp.loc[order].sort_values("rank")
    ci = method_params(res, "rank_sensitivity")["ci"]
    fig = go.Figure(
        go.Scatter(
            x=ranked["rank"].tolist(),
            y=ranked.index.tolist(),
            mode="markers",
            marker={"color": colour(0), "size": 9, "symbol": "diamond"},
            error_x={
                "type": "data",
                "symmetric": False,
                "array": (ranked["rank_hi"] - ranked["rank"]).tolist(),
                "arrayminus": (ranked["rank"] - ranked["rank_lo"]).tolist(),
                "color": "#555",
            },
            name="composite rank",
            customdata=ranked[["rank_lo", "rank_hi", "p_top1"]].to_numpy().tolist(),
            hovertemplate=f"%{{y}}: rank %{{x}} ({ci:.0%}% interval %{{customdata[0]}}-"
            "%{customdata[1]}, P(first) %{customdata[2]:.2f})<extra></extra>",
        )
    )
    style_layout(
        fig,
        title=f"Composite imperialism rank with its sensitivity to the weights, {year}",
        xaxis_title="rank among all states (1 = most imperialist-like)",
        yaxis={"autorange": "reversed"},
        height=520,
    )
    out.figures.append(
        Figure(
            "imperialism-ranks",
            "Does the ranking depend on the weights?",
            "plotly",
            fig,
            caption=sensitivity_caption(res),
            data=ranked.reset_index()[["iso3", "year", "rank", "rank_lo", "rank_hi", "p_top1"]],
        )
    )
    cols = [i for i in frames["supported"] if i in wide.columns]
    table = wide.reindex(index=[c for c in focus if c in wide.index], columns=cols)
    table.insert(0, "composite_rank", comp["rank"].reindex(table.index))
    # one row per indicator (their names are long), one column per country (ISO3 codes
    # are short): the table fits the page's width
    names = {"composite_rank": "Composite rank", **(frames.get("names") or {})}
    by_indicator = table.astype(float).T
    units = _units(res, frames)
    by_indicator.insert(0, "unit", [units.get(i, "rank") for i in by_indicator.index])
    by_indicator.insert(0, "indicator", [names.get(i, i) for i in by_indicator.index])
    by_indicator.columns.name = None
    direction = rank_direction(cols, frames.get("directions") or {}, names)
    out.tables.append(
        Table(
            "imperialism-table",
            f"Indicator ranks, {year} (one column per country, ISO3)",
            by_indicator.reset_index(drop=True),
            max_rows=40,
            caption="Each cell is the country's rank among all states with data that year ("
            + direction
            + "); the unit column is the unit of the indicator's value that is ranked. "
            + source_statement(res),
        )
    )
    out.tables.append(
        Table(
            "imperialism-unsupported",
            "Indicators the bundled data cannot support",
            frames["unsupported"],
            caption="Shown as specifications, never filled with guesses.",
        )
    )
    if frames["rank_finding"] and {"RUS", "CHN"} <= set(comp.index):
        r, c = comp.loc["RUS"], comp.loc["CHN"]
        out.findings.append(
            f"Imperialism composite {year}: Russia ranks {int(r['rank'])} "
            f"(interval {int(r['rank_lo'])}-{int(r['rank_hi'])}), China {int(c['rank'])} "
            f"({int(c['rank_lo'])}-{int(c['rank_hi'])}) among all states."
        )
    return out


SECTION = Section(
    id="imperialism",
    title="Imperialism indicators: Lenin's features and military reach",
    needs=("sipri_milex", "imf_weo", "sipri_tiv"),
    data=data,
    present=present,
)
