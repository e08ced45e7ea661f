"""Report section: value flows and unequal exchange."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldsystem.core.provenance import get
from worldsystem.report.defaults import WIOD_REPORT_YEARS, years_within
from worldsystem.report.model import Figure, Output, Section, Table
from worldsystem.report.style import BAR_PATTERNS, colour, style_layout

__all__ = ["SECTION", "data", "present"]

#: Countries in the chart of the largest net appropriators and appropriated (each side).
N_TOP = 8
#: Columns of the per-country table.
TABLE_COLUMNS = (
    "iso3",
    "group",
    "hours_exported",
    "hours_imported",
    "net_hours",
    "exchange_ratio",
    "net_transfer_musd",
)


def data(ctx: Any) -> dict[str, Any]:
    """Embodied labour in trade per country-year and the South-to-North flow.

    Returns ``results`` (the per country-year frame of
    :func:`worldsystem.workflows.exchange`), ``south_to_north`` (the South-to-North
    rows of :func:`worldsystem.measures.exchange.partition_flows` by year), ``top``
    (:func:`~worldsystem.measures.exchange.top_appropriators` in the last year),
    ``north_label`` (what "North" means here) and ``china_note`` (whether to state
    China's net position).
    """
    from worldsystem import workflows
    from worldsystem.measures import exchange as ex

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        years = None
        north_label, china_note = "the planted core", False
    elif ctx.mrio_source == "wiod2013":
        ctx.require("wiod2013", "pwt")
        years = years_within(WIOD_REPORT_YEARS, ctx.years) or [WIOD_REPORT_YEARS[-1]]
        north_label, china_note = "IMF advanced economies (Hickel et al. 2022)", True
    else:  # another database (--mrio): every year it has within the report's years
        ctx.require(ctx.mrio_source, "pwt")
        years = None
        north_label, china_note = "IMF advanced economies (Hickel et al. 2022)", True
    # ----------------------------------------------------------------------------
    res, pairs = workflows.exchange(ctx, years=years)
    groups = res[["iso3", "year", "group"]]
    part = ex.partition_flows(pairs, groups, values=["hours", "value_added_musd"])
    s2n = part[(part["group_o"] == "South") & (part["group_d"] == "North")].sort_values("year")
    last = int(res["year"].max())
    across, absent = across_sources(ctx, computed=(res, pairs))
    return {
        "across": across,
        "absent_sources": absent,
        "results": res,
        "south_to_north": s2n,
        "top": ex.top_appropriators(res[res["year"] == last], n=N_TOP, by="net_hours"),
        "database": _database_label(ctx.mrio_source),
        "north_label": north_label,
        "china_note": china_note,
    }


def _row_caption(res: Any) -> str:
    """A caption sentence on the WIOD rest of the world, when the table has one."""
    notes = res["group_note"] if "group_note" in res.columns else []
    note = next((n for n in notes if isinstance(n, str) and n), "")
    return f" {note[0].upper()}{note[1:]}." if note else ""


def across_sources(ctx: Any, computed: tuple[Any, Any] | None = None) -> tuple[Any, list[str]]:
    """The South-to-North drain in the latest year of every MRIO database the data hold.

    Returns a frame ``database, year, regions, net_hours, net_value_added_musd``
    (one row per database, :meth:`~worldsystem.workflows.backends.Backend.mrio_sources`)
    and the databases the backend could serve but whose files are absent.
    ``computed`` is the context database's ``(results, pairs)`` when already
    computed (reused when it holds that database's latest year).
    """
    import pandas as pd

    from worldsystem import workflows
    from worldsystem.measures import exchange as ex

    have = ctx.backend.mrio_sources()
    rows = []
    for src in have:
        sub = ctx.with_mrio(src).with_years(None)
        year = workflows.mrio_years(sub)[-1]
        if computed is not None and src == ctx.mrio_source and year in set(computed[0]["year"]):
            res, pairs = (f[f["year"] == year] for f in computed)
        else:
            res, pairs = workflows.exchange(sub, years=[year])
        part = ex.partition_flows(
            pairs, res[["iso3", "year", "group"]], values=["hours", "value_added_musd"]
        )
        s2n = part[(part["group_o"] == "South") & (part["group_d"] == "North")]
        rows.append(
            {
                "database": src,
                "year": year,
                "regions": int(res["iso3"].nunique()),
                "net_hours": float(s2n["net_hours"].sum()),
                "net_value_added_musd": float(s2n["net_value_added_musd"].sum())
                if "net_value_added_musd" in s2n
                else float("nan"),
            }
        )
    absent = [s for s in ctx.backend.mrio_catalogue if s not in have]
    return pd.DataFrame(rows), absent


def _database_label(source: str) -> str:
    """Readable name of an MRIO database (its catalogue name; the example world's own)."""
    from worldsystem.sources import catalogue

    if source in ("wiod2013", *catalogue.MRIO_SOURCE_IDS):
        return catalogue.info(source).name
    return "the example world's input-output table"


def _across_output(out: Output, across: Any, absent: list[str]) -> None:
    """The table of the drain across databases, with the spread between them."""
    if len(across) < 1 or (len(across) == 1 and not absent):
        return

    shown = across.assign(
        database=[_database_label(s) for s in across["database"]],
        net_hours_bn=across["net_hours"] / 1e9,
    )[["database", "year", "regions", "net_hours_bn", "net_value_added_musd"]]
    out.tables.append(
        Table(
            "exchange-sources",
            "The drain across input-output databases (latest year of each)",
            shown.reset_index(drop=True),
            caption="Net hours embodied in the South's exports to the North minus the reverse "
            "(billion hours) and the net value added (USD million, current), for the latest "
            "table of each database in the data folder; the same partition and method on "
            "every table.",
        )
    )
    if len(across) > 1:
        h = across["net_hours"]
        out.paragraphs.append(
            f"Across {len(across)} databases the net drain ranges from {h.min() / 1e9:.0f} to "
            f"{h.max() / 1e9:.0f} bn hours, a spread of {(h.max() - h.min()) / abs(h.mean()):.0%}"
            " of the mean; the tables differ in years, regions and sector detail."
        )
    if absent:
        out.paragraphs.append(
            "Not in the data folder, so not compared: "
            + ", ".join(absent)
            + ". Add them with the command worldsystem data fetch where a download exists, "
            "or by hand as worldsystem data list explains; each has its own licence."
        )


def present(frames: Mapping[str, Any]) -> Output:
    """Unequal exchange: net embodied labour from the South to the North.

    Shows the hours of labour embodied in the South's exports to the North's final
    demand minus the reverse per year (MRIO footprint method,
    :mod:`worldsystem.measures.exchange`), the largest net appropriators and
    appropriated in the last year, and the per-country table with the net
    transfer valued at Northern wages. Source: WIOD 2013 release; labour hours from
    PWT 10.01 employment x hours, split by GGDC sector shares.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    import pandas as pd
    import plotly.graph_objects as go

    res, s2n, top = frames["results"], frames["south_to_north"], frames["top"]
    north = frames["north_label"]
    out = Output(provenance=get(res))
    fig = go.Figure(
        go.Scatter(
            x=s2n["year"].tolist(),
            y=(s2n["net_hours"] / 1e9).tolist(),
            mode="lines+markers",
            line={"color": colour(0)},
            name="net hours South to North",
            hovertemplate="%{x}: %{y:.0f} bn hours<extra></extra>",
        )
    )
    style_layout(
        fig,
        title="Net embodied labour flowing from the South to the North",
        xaxis_title="year",
        yaxis_title="billion hours (net)",
        height=380,
    )
    out.figures.append(
        Figure(
            "exchange-drain",
            "The drain over time",
            "plotly",
            fig,
            caption="Hours of labour embodied in the South's exports to the North's final demand "
            f"minus the reverse (MRIO footprint method). North: {north}. Source: "
            f"{frames.get('database', 'WIOD 2013 release')}; labour hours from the table's "
            "employment account where it has one, else constructed from PWT 10.01 employment x "
            "hours, split by GGDC sector shares (see the methods appendix)." + _row_caption(res),
            data=s2n.reset_index(drop=True),
        )
    )
    last = int(res["year"].max())
    fig2 = go.Figure()
    for i, role in enumerate(("appropriator", "appropriated")):
        sub = top[top["role"] == role]
        fig2.add_trace(
            go.Bar(
                x=sub["iso3"].tolist(),
                y=(sub["value"] / 1e9).tolist(),
                name=f"net {role}",
                marker={"color": colour(i + 1), "pattern": {"shape": BAR_PATTERNS[i]}},
                hovertemplate="%{x}: %{y:.1f} bn hours net<extra></extra>",
            )
        )
    style_layout(
        fig2,
        legend_y=-0.2,
        title=f"Largest net appropriators and appropriated, {last}",
        yaxis_title="net embodied hours exported (bn; negative = appropriates)",
        height=380,
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
    table = res[res["year"] == last][list(TABLE_COLUMNS)].sort_values("net_hours")
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
            f"embodied labour flow from the South to the North ({north})."
        )
    _across_output(out, frames.get("across", []), frames.get("absent_sources", []))
    if frames["china_note"]:
        chn = table.set_index("iso3").get("net_hours", pd.Series(dtype=float)).get("CHN")
        if chn is not None:
            out.paragraphs.append(
                f"In {last} China is a net exporter of {chn / 1e9:.0f} bn embodied hours "
                "(positive = drained): on these tables it is drained of labour by the North "
                "rather than appropriating it overall."
            )
    return out


SECTION = Section(
    id="exchange",
    title="Value flows: unequal exchange of embodied labour",
    needs=("wiod2013", "pwt"),
    data=data,
    present=present,
)
