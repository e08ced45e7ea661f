"""Imperialism workflows: Lenin's features and military reach, and import dependence.

Inputs: the country panel (IMF WEO GDP, Maddison GDP at PPP, Gapminder/WDI FDI,
SIPRI military expenditure, FAS warheads), COW trade, SIPRI arms transfers,
UCDP/PRIO participants, US troops and bases; measures:
:mod:`worldsystem.measures.imperialism` and :mod:`worldsystem.measures.dependence`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import carry
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import country_panel

__all__ = ["dependence", "drain_input", "imperialism", "imperialism_inputs"]

#: add_* name -> source, for the imperialism country-year inputs.
_PLAN = (
    ("gdp_weo", "imf_weo"),
    ("gdp_maddison", "maddison"),
    ("fdi", "gapminder"),
    ("milex_sipri", "sipri_milex"),
    ("warheads", "nuclear"),
)
#: panel column -> (indicator input column, factor): WEO GDP in USD billion -> million.
_COLUMNS = (
    ("ngdpd_busd_current", "gdp_usd", 1e3),
    ("gdp_mpd_musd_2011ppp", "gdp_ppp", 1.0),
    ("fdi_out_pct_gdp", "fdi_out_pct_gdp", 1.0),
    ("fdi_in_pct_gdp", "fdi_in_pct_gdp", 1.0),
    ("milex_musd_current", "milex_usd", 1.0),
    ("warheads", "warheads", 1.0),
)
#: input key -> (source, secondary table or None for the source's main frame).
_DYADS = (
    ("trade", "cow_trade", None),
    ("arms", "sipri_tiv", None),
    ("participants", "ucdp", "participants"),
    ("us_troops", "us_troops", None),
    ("us_bases", "us_troops", "bases"),
)


def imperialism_inputs(ctx: DataContext) -> dict[str, Any]:
    """Frames for :func:`worldsystem.measures.imperialism.indicator_table`.

    ``cy``: ``gdp_usd`` (IMF WEO, current USD million, 1980-2024 including WEO
    projections after 2018), ``gdp_ppp`` (Maddison, 2011 PPP USD million),
    ``fdi_out_pct_gdp``/``fdi_in_pct_gdp`` (Gapminder/WDI net FDI flows, % of GDP),
    ``milex_usd`` (SIPRI, current USD million), ``warheads`` (FAS); then COW
    trade, SIPRI arms transfers, UCDP/PRIO participants, US troops and bases where
    the backend has them (the example world plants no conflicts or US deployments).
    """
    adds = [a for a, src in _PLAN if ctx.available(src)]
    if not adds:
        ctx.require("imf_weo", "sipri_milex")
    panel = country_panel(ctx, adds)
    cy = pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"]})
    for src, dst, scale in _COLUMNS:
        if src in panel.columns:
            cy[dst] = panel[src] * scale
    carry(cy, panel)
    out: dict[str, Any] = {"cy": cy}
    for key, sid, extra in _DYADS:
        if ctx.available(sid):
            out[key] = ctx.load(sid) if extra is None else ctx.load_extra(sid, extra)
    return out


def imperialism(
    ctx: DataContext,
    *,
    weights: dict[str, float] | None = None,
    n_draws: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Indicators in long form with ranks, plus the composite and its rank interval.

    Returns ``iso3, year, feature, indicator, value, unit, rank, status`` rows for
    every indicator (unsupported ones with their needs and no value) followed by
    rows with ``indicator = "composite"`` whose ``rank_lo``/``rank_hi`` give the
    rank interval over Dirichlet weight draws.

    The one input-output indicator, ``net_appropriation`` (capital export through
    exchange), is computed only when the context names an MRIO database
    (``ctx.mrio``, ``--mrio SOURCE``): :func:`drain_input` runs the exchange
    measure on that database's tables. Without it the indicator is listed with its
    needs and no value. It is not among the default composite weights, so the
    composite does not depend on ``--mrio`` unless ``weights`` name it.
    """
    from worldsystem.measures import imperialism as imp

    inputs = imperialism_inputs(ctx)
    years = None
    if ctx.years is not None:
        years = list(range(ctx.years[0], ctx.years[1] + 1))
    drain = drain_input(ctx, years) if ctx.mrio is not None else None
    with progress.stage("imperialism: indicators"):
        table = imp.indicator_table(
            inputs["cy"],
            trade=inputs.get("trade"),
            arms=inputs.get("arms"),
            participants=inputs.get("participants"),
            us_troops=inputs.get("us_troops"),
            us_bases=inputs.get("us_bases"),
            drain=drain,
            years=years,
        )
    with progress.stage(f"imperialism: composite and {n_draws} weight draws"):
        comp = imp.composite(table, weights=weights)
        sens = imp.rank_sensitivity(table, weights=weights, n_draws=n_draws, seed=seed)
    comp = comp.merge(
        sens[["iso3", "year", "rank_lo", "rank_hi", "rank_median", "p_top1", "p_top5"]],
        on=["iso3", "year"],
        how="left",
    )
    comp_rows = comp.rename(columns={"composite": "value"}).assign(
        feature="composite",
        indicator="composite",
        unit="weighted mean of normalised ranks",
        status="ok",
    )
    out = pd.concat([table, comp_rows], ignore_index=True)
    return carry(out, table, comp, sens, *(() if drain is None else (drain,)))


def drain_input(ctx: DataContext, years: list[int] | None = None) -> pd.DataFrame:
    r"""Net appropriation through exchange per country-year, from ``ctx``'s MRIO tables.

    :math:`\text{net\_appropriation}_{c,t} = -\text{net\_transfer}_{c,t}`, the
    embodied-labour transfer of :func:`worldsystem.workflows.exchange.exchange`
    (north-south partition, hours valued at the northern wage; Hickel et al. 2022)
    with its sign turned: positive = value received in trade beyond value given.
    USD million, current. Years: those of ``years`` the database holds.
    """
    from worldsystem.workflows.exchange import exchange

    cy, _ = exchange(ctx, years=years)
    out = pd.DataFrame(
        {
            "iso3": cy["iso3"],
            "year": cy["year"],
            "net_appropriation": -cy["net_transfer_musd"].astype(float),
        }
    )
    out.attrs["units"] = {"net_appropriation": "USD million, current (northern wage)"}
    carry(out, cy)
    return out


def dependence(
    ctx: DataContext, *, country: str, on: str, year_of_groups: int | None = None
) -> pd.DataFrame:
    """Import dependence of ``country`` on a partner (ISO3), a comma-separated list
    of partners, or a group (e.g. ``G7``, members in ``year_of_groups``, default the
    last year asked for or 2014).

    Raises
    ------
    WorldsystemError
        ``country`` or a partner never appears in the trade data.
    """
    from worldsystem import countries
    from worldsystem.measures import dependence as dep

    ctx.require("cow_trade")
    inputs = imperialism_inputs(ctx)
    trade = inputs["trade"]
    groups = set(countries.groups())
    if on.upper() in groups:
        year = year_of_groups or (ctx.years[1] if ctx.years else 2014)
        partners: str | list[str] = countries.members(on.upper(), year)
    else:
        partners = [p.strip().upper() for p in on.split(",")] if "," in on else on.upper()
    present = set(trade["iso3_o"]) | set(trade["iso3_d"])
    checks = [("country", country.upper())]
    if on.upper() not in groups:
        checks += [("on", p) for p in ([partners] if isinstance(partners, str) else partners)]
    for name, code in checks:
        if code not in present:
            raise WorldsystemError(
                "no trade data for this country code",
                field=name,
                value=code,
                hint="use an ISO3 code present in the trade data, or a group such as G7 or BRICS",
            )
    years = range(ctx.years[0], ctx.years[1] + 1) if ctx.years else None
    gdp = inputs["cy"][["iso3", "year", "gdp_usd"]] if "gdp_usd" in inputs["cy"] else None
    return dep.dependence_table(trade, country=country.upper(), on=partners, gdp=gdp, years=years)
