"""Workflows: from a data context to a measure's result table.

Layer: between ``simulate`` and ``claims`` (core -> countries -> sources -> panels
-> example -> mrio -> measures -> simulate -> **workflows** -> claims -> report ->
cli); it may import everything below it and nothing above.

The CLI and the report both need "load the right inputs for this context (real
data or the example world), restrict the years, run the measure". That glue
lives here, once, at the top layer beside ``report`` and ``cli``; measures stay
pure and never see a data folder.

Every function takes a :class:`~worldsystem.workflows.context.DataContext` (build
one with :func:`~worldsystem.workflows.context.resolve_context`) and returns a frame
with provenance.
"""

from __future__ import annotations

import os
from typing import Any

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import carry
from worldsystem.workflows.context import DataContext, MissingData, resolve_context

__all__ = [
    "DataContext",
    "MissingData",
    "alignment",
    "capabilities",
    "capability_frame",
    "communities",
    "ideal_points",
    "polarity",
    "resolve_context",
    "restrict_years",
    "vote_agreement",
    "votes",
]


def restrict_years(df: pd.DataFrame, years: tuple[int, int] | None, col: str = "year"):
    """Rows with ``col`` within the inclusive ``years`` range (provenance kept)."""
    if years is None:
        return df
    out = df[(df[col] >= years[0]) & (df[col] <= years[1])].reset_index(drop=True)
    carry(out, df)
    if out.empty:
        raise WorldsystemError(
            f"no data in years {years[0]}-{years[1]}",
            field="--years",
            value=f"{years[0]}-{years[1]}",
            hint=f"the data covers {int(df[col].min())}-{int(df[col].max())}",
        )
    return out


# --------------------------------------------------------------------------- polarity
#: Panel columns -> the names the capability indices read (see
#: :data:`worldsystem.measures.polarity.DEFAULT_COLUMNS`).
_CAPABILITY_COLUMNS = {
    "milex_nmc_thousands": "milex",
    "milper_thousands": "milper",
    "irst_thousand_tons": "irst",
    "pec_thousand_coal_tons": "pec",
    "tpop_thousands": "tpop",
    "upop_thousands": "upop",
    "gdp_mpd_musd_2011ppp": "gdp",
    "gdppc_mpd_2011ppp": "gdppc",
    "milex_musd_current": "milex_sipri",
    "warheads": "warheads",
}
#: Role -> column for the non-CINC indices on real data: military expenditure is
#: SIPRI's (current USD) for the ``milex`` index; CINC keeps COW's own milex.
CAPABILITY_ROLES = {"gdp": "gdp", "gdppc": "gdppc", "milex": "milex_sipri", "warheads": "warheads"}


def country_panel(ctx: DataContext, adds: list[str]) -> pd.DataFrame:
    """The cached COW country-year panel with the named ``add_*`` joins."""
    from worldsystem import panels
    from worldsystem.panels.build import COUNTRY_SOURCES

    needed = ["cow_states", *(s for a in adds for s in COUNTRY_SOURCES[a])]
    missing = [s for s in needed if not ctx.available(s)]
    if missing:
        ctx.require(*dict.fromkeys(missing))
    key = "panel:" + ",".join(adds)
    if key not in ctx._cache:
        ctx._cache[key] = panels.country_panel(1816, 2022, adds=adds, data=ctx.data)
    return ctx._cache[key]


def capability_frame(ctx: DataContext) -> pd.DataFrame:
    """Country-year inputs of the capability indices.

    Real data: the COW state-system panel with the six NMC components (as
    ``milex, milper, irst, pec, tpop, upop``), Maddison GDP and GDP per capita at
    2011 PPP (``gdp``, ``gdppc``), SIPRI military expenditure in current USD
    (``milex_sipri``) and FAS warheads; sources that are not available are left
    out and so are the indices that need them. Example world: its country-year
    frame, which carries all of them.
    """
    if ctx.is_example:
        return restrict_years(ctx.example.country_years, ctx.years)
    adds = ["capabilities"] + [
        a
        for a, src in (
            ("gdp_maddison", "maddison"),
            ("milex_sipri", "sipri_milex"),
            ("warheads", "nuclear"),
        )
        if ctx.available(src)
    ]
    panel = country_panel(ctx, adds)
    cols = {k: v for k, v in _CAPABILITY_COLUMNS.items() if k in panel.columns}
    frame = panel[["iso3", "ccode", "year", *cols]].rename(columns=cols)
    carry(frame, panel)
    return restrict_years(frame, ctx.years)


def polarity(
    ctx: DataContext, *, index: str = "cinc", among: str | int | None = None, **thresholds: Any
) -> pd.DataFrame:
    """Per-year polarity table (see :func:`worldsystem.measures.polarity.polarity_table`).

    ``among`` defaults to the COW major powers on real data (the 50 % share
    thresholds are meant for the great powers) and to all states on the example
    world (which has no major-power list).
    """
    from worldsystem.measures import polarity as pol

    frame = capability_frame(ctx)
    if among is None:
        among = "all" if ctx.is_example else "majors"
    columns = None if ctx.is_example else CAPABILITY_ROLES
    return pol.polarity_table(frame, index=index, among=among, columns=columns, **thresholds)


def capabilities(ctx: DataContext) -> pd.DataFrame:
    """Per country-year CINC and component shares."""
    from worldsystem.measures import polarity as pol

    return pol.capabilities_table(capability_frame(ctx))


# --------------------------------------------------------------------------- blocs
def votes(ctx: DataContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """UN roll-call votes (``rcid, session, year, iso3, vote``) and roll calls.

    ``year`` is the session's opening year, ``session + 1945``.
    """
    from worldsystem.measures import blocs as blocs_mod

    if ctx.is_example:
        v, rc = ctx.example.votes, ctx.example.roll_calls
    else:
        raw = ctx.load("unvotes")
        from worldsystem.sources import unvotes

        rc = ctx._cache.get("unvotes:roll_calls")
        if rc is None:
            rc = unvotes.load_roll_calls(ctx.data)
            ctx._cache["unvotes:roll_calls"] = rc
        v = raw.merge(rc[["rcid", "session"]], on="rcid", how="left", validate="m:1")
        # A vote's year is its session's opening year (session + 1945), as in Bailey,
        # Strezhnev & Voeten: one year per session even when a session's votes ran
        # into the next calendar year (the roll-call table keeps the vote dates).
        v["year"] = v["session"] + blocs_mod.SESSION_YEAR_OFFSET
        v = carry(v[["rcid", "session", "year", "iso3", "vote"]], raw, rc)
    v = restrict_years(v, ctx.years)
    rc = rc[rc["rcid"].isin(v["rcid"].unique())].reset_index(drop=True)
    return v, rc


def ideal_points(ctx: DataContext, **options: Any) -> pd.DataFrame:
    """Dynamic ideal points with ``ccode`` added (COW code of the country in that year)."""
    from worldsystem import countries
    from worldsystem.measures import blocs

    v, rc = votes(ctx)
    if ctx.is_example:
        # the example world's roll calls carry no text to bridge; its "US" is bloc A's leader
        options.setdefault("bridge", None)
        options.setdefault("anchor", (ctx.example.truth.bloc_leaders["A"], +1))
    ip = blocs.ideal_points(v, rc, **options)
    if ctx.is_example:
        ip.insert(1, "ccode", pd.array([pd.NA] * len(ip), dtype="Int64"))
    else:
        codes = countries.iso3_to_cow(ip["iso3"], year=ip["year"], errors="coerce")
        ip.insert(1, "ccode", pd.array(codes, dtype="Int64"))
    return ip


def vote_agreement(ctx: DataContext, **options: Any) -> pd.DataFrame:
    """Pairwise vote agreement per year."""
    from worldsystem.measures import blocs

    v, _rc = votes(ctx)
    return blocs.vote_agreement(v, **options)


def alignment(
    ctx: DataContext, *, ideal_points_frame: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Distance and agreement of each country with the US, China and Russia, and its bloc.

    ``ideal_points_frame``: ideal points already fitted for this context (saves the fit).
    """
    from worldsystem.measures import blocs

    ip = ideal_points(ctx) if ideal_points_frame is None else ideal_points_frame
    agree = vote_agreement(ctx)
    if ctx.is_example:
        poles = options.pop("poles", None) or _example_poles(ctx)
        return blocs.alignment(ip, agree, poles=poles, **options)
    return blocs.alignment(ip, agree, **options)


def _example_poles(ctx: DataContext) -> tuple[str, str, str]:
    """The example world's analogues of the US, China and Russia: bloc leaders."""
    leaders = ctx.example.truth.bloc_leaders
    a = leaders["A"]
    b = leaders["B"]
    cy = ctx.example.countries
    others = cy[(cy["bloc"] == "B") & (cy["iso3"] != b)]["iso3"]
    second_b = others.iloc[0] if len(others) else b
    return (a, b, second_b)


def communities(ctx: DataContext, *, network: str = "alliances", **options: Any) -> pd.DataFrame:
    """Seeded Louvain communities of the alliance, trade or vote-agreement network."""
    from worldsystem.measures import blocs

    if network == "alliances":
        raw = ctx.example.alliances if ctx.is_example else ctx.load("atop")
        edges = blocs.alliance_edges(restrict_years(raw, ctx.years))
        return blocs.communities(edges, weight_col="weight", **options)
    if network == "trade":
        if ctx.is_example:
            raw = ctx.example.trade.rename(columns={"flow_musd": "weight"})
        else:
            raw = ctx.load("cow_trade").rename(columns={"flow_musd_current": "weight"})
        raw = restrict_years(raw, ctx.years)
        raw = raw[raw["weight"].fillna(0) > 0]
        return blocs.communities(raw, weight_col="weight", **options)
    if network == "votes":
        agree = vote_agreement(ctx)
        edges = agree.rename(columns={"iso3_a": "iso3_o", "iso3_b": "iso3_d"})
        edges = edges[edges["agree_share"] > 0]
        return blocs.communities(edges, weight_col="agree_share", **options)
    raise WorldsystemError(
        "unknown network", field="--network", value=network, hint="use alliances, trade or votes"
    )


# --------------------------------------------------------------------------- position
#: Years of ``worldsystem position`` when none are given (the issue's default range).
POSITION_YEARS = (1965, 2014)


def position_inputs(ctx: DataContext) -> dict[str, pd.DataFrame | None]:
    """Income, trade, arms and alliance frames for :func:`position`.

    Real data: GDP per capita at exchange rates from PWT 10.01 as
    ``cgdpo x pl_gdpo / pop`` (current USD per person: output-side GDP at current
    PPPs times its price level relative to the US gives GDP at exchange rates) and
    at PPP from Maddison 2023 (2011 international dollars); COW trade v4.0
    (current million USD, o exports to d); SIPRI TIV (millions of TIV); ATOP 5.1
    defence and offence pacts. Sources that are absent are left out, and so are the
    methods that need them.
    """
    if ctx.is_example:
        ex = ctx.example
        cy = ex.country_years.assign(
            gdppc_usd=ex.country_years["gdp_usd"] * 1e3 / ex.country_years["pop"]
        )
        return {
            "country_years": cy,
            "dyads": ex.trade.rename(columns={"flow_musd": "flow"}),
            "arms": ex.arms,
            "alliances": ex.alliances.assign(weight=ex.alliances["defense"]),
        }
    adds = [
        a
        for a, src in (("gdp_maddison", "maddison"), ("gdp_pwt", "pwt"), ("prices_pwt", "pwt"))
        if ctx.available(src)
    ]
    out: dict[str, pd.DataFrame | None] = {
        "country_years": None,
        "dyads": None,
        "arms": None,
        "alliances": None,
    }
    if adds:
        panel = country_panel(ctx, adds)
        cy = pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"]})
        if "gdppc_mpd_2011ppp" in panel:
            cy["gdppc_ppp"] = panel["gdppc_mpd_2011ppp"]
        if "cgdpo_musd_current_ppp" in panel and "pl_gdpo_usa2017" in panel:
            cy["gdppc_usd"] = (
                panel["cgdpo_musd_current_ppp"]
                * panel["pl_gdpo_usa2017"]
                / panel["pop_pwt_millions"]
            )
        out["country_years"] = carry(cy, panel)
    if ctx.available("cow_trade"):
        tr = ctx.load("cow_trade")
        out["dyads"] = carry(
            tr[["iso3_o", "iso3_d", "year"]].assign(flow=tr["flow_musd_current"]), tr
        )
    if ctx.available("sipri_tiv"):
        arms = ctx.load("sipri_tiv").dropna(subset=["iso3_o", "iso3_d"])
        out["arms"] = carry(
            arms[["iso3_o", "iso3_d", "year"]].assign(tiv=arms["tiv_millions"]), arms
        )
    if ctx.available("atop"):
        al = ctx.load("atop")
        pact = ((al["defense"] == 1) | (al["offense"] == 1)).astype("float64")
        out["alliances"] = carry(al[["iso3_o", "iso3_d", "year"]].assign(weight=pact)[pact > 0], al)
    if out["country_years"] is None and out["dyads"] is None:
        ctx.require("maddison", "cow_trade")
    return out


def position(
    ctx: DataContext,
    *,
    methods: str | list[str] = "all",
    years: list[int] | None = None,
    seed: int = 0,
    scheduler: str | None = None,
) -> pd.DataFrame:
    """Every method's zone per country-year (``iso3, year, method, zone, score``).

    ``scheduler`` (None, ``"local"`` or ``"tcp://host:port"``) runs batches of
    years on Dask (:mod:`worldsystem.workflows.parallel`); every method of a
    year uses that year's data only, so the result is identical.
    """
    from worldsystem.measures import position as pos
    from worldsystem.workflows import parallel

    inputs = position_inputs(ctx)
    if years is None:
        if ctx.years is not None:
            lo, hi = ctx.years
        elif ctx.is_example:
            lo, hi = (
                int(ctx.example.country_years["year"].min()),
                int(ctx.example.country_years["year"].max()),
            )
        else:
            lo, hi = POSITION_YEARS
        years = list(range(lo, hi + 1))
    if methods != "all":
        wanted = [methods] if isinstance(methods, str) else list(methods)
        unknown = [m for m in wanted if m not in pos.METHODS]
        if unknown:
            raise WorldsystemError(
                "unknown position method",
                field="--method",
                value=unknown[0],
                hint=f"use all or one of {', '.join(pos.METHODS)}",
            )
        needs_income = any(m.startswith("income") for m in wanted)
        if needs_income and inputs["country_years"] is None:
            ctx.require("maddison", "pwt")
        if not all(m.startswith("income") for m in wanted) and inputs["dyads"] is None:
            ctx.require("cow_trade")
        methods = wanted
    else:
        methods = [
            m
            for m in pos.METHODS
            if (m.startswith("income") and inputs["country_years"] is not None)
            or (not m.startswith("income") and inputs["dyads"] is not None)
        ]
    shared = {
        "country_years": inputs["country_years"],
        "dyads": inputs["dyads"],
        "methods": methods,
        "weight_col": "flow",
        "arms": inputs["arms"],
        "alliances": inputs["alliances"],
        "alliance_col": "weight",
        "seed": seed,
    }
    scheduler = parallel.check_scheduler(scheduler)
    if scheduler is None or len(set(years)) <= 1:
        return pos.positions(years=years, **shared)
    batches = parallel.chunks(sorted(set(years)), 4 * (os.cpu_count() or 1))
    parts = parallel.map_tasks(_positions_batch, batches, scheduler=scheduler, shared=shared)
    out = pd.concat(parts, ignore_index=True)
    # positions() orders rows by method (as in METHODS), year, iso3: restore that order
    rank = {m: i for i, m in enumerate(pos.METHODS)}
    out = out.sort_values(
        ["method", "year", "iso3"],
        key=lambda c: c.map(rank) if c.name == "method" else c,
        kind="stable",
        ignore_index=True,
    )
    return carry(out, *parts)


def _positions_batch(years: list[int], **kwargs: Any) -> pd.DataFrame:
    from worldsystem.measures import position as pos

    return pos.positions(years=years, **kwargs)


# --------------------------------------------------------------------------- shocks
def scenario_table(ctx: DataContext, spec: Any) -> Any:
    """The base table a scenario names: ``wiod2013`` in its base year, or ``example``.

    The WIOD table carries the labour satellite when PWT and the labour data are
    available (the shock engines need only value added).
    """
    if spec.table == "example":
        if ctx.is_example:
            return ctx.example.mrio
        from worldsystem.example import world

        return world(seed=0).mrio
    if spec.table == "wiod2013":
        from worldsystem import panels

        labour = "pwt-ggdc" if ctx.available("pwt") and ctx.available("labour") else None
        return panels.mrio(spec.base_year, data=ctx.data, labour=labour)
    raise WorldsystemError(
        f"unknown table {spec.table!r}",
        field="table",
        value=spec.table,
        hint="use wiod2013 or example",
    )


def shock(ctx: DataContext, scenario: str, *, engine: str = "all", **params: Any) -> pd.DataFrame:
    """Run a scenario (a shipped name or a YAML path) through the engines.

    A scenario on the WIOD table needs the ``wiod2013`` source (and ``pwt``,
    ``labour`` for the labour satellite); on the example world only scenarios
    with ``table: example`` run.
    """
    import worldsystem.simulate as sim

    spec = sim.load_scenario(scenario)
    if spec.table != "example":
        if ctx.is_example:
            raise MissingData(["wiod2013"], f"scenario {spec.name!r} runs on the WIOD table")
        ctx.require("wiod2013")
    key = f"base:{spec.table}:{spec.base_year}"
    base = ctx._cache.get(key)
    if base is None:
        base = sim.prepare(scenario_table(ctx, spec))
        ctx._cache[key] = base
    return sim.run(spec, base, engine=engine, **params)


# --------------------------------------------------------------------------- exchange
#: WIOD 2013 release years.
WIOD_YEARS = (1995, 2011)


def _wiod_years(ctx: DataContext, years: list[int] | None) -> list[int]:
    if years is not None:
        return list(years)
    lo, hi = ctx.years or WIOD_YEARS
    lo, hi = max(lo, WIOD_YEARS[0]), min(hi, WIOD_YEARS[1])
    if lo > hi:
        raise WorldsystemError(
            "no WIOD table in the requested years",
            field="--years",
            value=ctx.years,
            hint="WIOD 2013 covers 1995-2011",
        )
    return list(range(lo, hi + 1))


def exchange_tables(ctx: DataContext, years: list[int] | None = None) -> list[Any]:
    """MRIO tables with ``labour_hours`` and ``value_added`` satellites, per year.

    Real data: the WIOD 2013 tables with the labour account of
    :func:`worldsystem.panels.mrio`. Example world: its single MRIO.
    """
    if ctx.is_example:
        return [ctx.example.mrio]
    ctx.require("wiod2013", "pwt")
    from worldsystem import panels

    out = []
    for y in _wiod_years(ctx, years):
        key = f"mrio:{y}"
        if key not in ctx._cache:
            ctx._cache[key] = panels.mrio(y, data=ctx.data)
        out.append(ctx._cache[key])
    return out


def exchange_partition(
    ctx: DataContext, iso3: list[str], year: int, partition: str
) -> pd.DataFrame:
    """``iso3, group`` with groups ``North``/``South`` for a partition name or file.

    - ``north-south``: IMF advanced economies in that year are the North
      (Hickel et al. 2022); the WIOD rest of the world is South.
    - ``position``: the consensus core of the position measures is the North.
    - ``blocs``: countries at least halfway from the China-Russia midpoint to the US
      on the UN ideal-point axis are the North (the US-led bloc).
    - a CSV file with ``iso3, group`` (and optionally ``year``), groups named
      ``North`` and ``South``.
    """
    from pathlib import Path

    from worldsystem.measures import exchange as ex

    if partition == "north-south":
        if ctx.is_example:
            zones = ctx.example.countries.set_index("iso3")["zone"]
            groups = ["North" if zones.get(i) == "core" else "South" for i in iso3]
            return pd.DataFrame({"iso3": iso3, "group": groups})
        return ex.north_south(list(iso3), [year])[["iso3", "group"]]
    if partition == "position":
        from worldsystem.measures import position as pos

        res = position(ctx, years=[min(year, 2014)])
        cons = pos.position_ensemble(res).set_index("iso3")["zone"]
        groups = ["North" if cons.get(i) == "core" else "South" for i in iso3]
        return pd.DataFrame({"iso3": iso3, "group": groups})
    if partition == "blocs":
        y = min(year, 2019)
        sub = ctx if ctx.is_example else DataContext(data=ctx.data, years=(y - 5, y), _cache={})
        ip = ideal_points(sub)
        ip = ip[ip["year"] == ip["year"].max()].set_index("iso3")["ideal_point"]
        poles = _example_poles(ctx) if ctx.is_example else ("USA", "CHN", "RUS")
        mid = (ip.get(poles[1]) + ip.get(poles[2])) / 2
        axis = (ip - mid) / (ip.get(poles[0]) - mid)
        groups = ["North" if axis.get(i, -1) >= 0.5 else "South" for i in iso3]
        return pd.DataFrame({"iso3": iso3, "group": groups})
    path = Path(partition)
    if not path.is_file():
        raise WorldsystemError(
            "unknown partition",
            field="--partition",
            value=partition,
            hint="use north-south, position, blocs or a CSV file with iso3,group",
        )
    from worldsystem.sources.base import read_csv

    f = read_csv(path, required=["iso3", "group"])
    if "year" in f.columns:
        f = f[f["year"] == year]
    bad = sorted(set(f["group"]) - {"North", "South"})
    if bad:
        raise WorldsystemError(
            "partition groups must be North or South", file=path, field="group", value=bad[0]
        )
    grp = f.set_index("iso3")["group"]
    return pd.DataFrame({"iso3": iso3, "group": [grp.get(i, "South") for i in iso3]})


def exchange(
    ctx: DataContext,
    *,
    partition: str = "north-south",
    basis: str = "northern",
    years: list[int] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Embodied labour and value added in trade, valued in a price basis.

    Returns ``(country_years, bilateral)``: the per country-year table
    (``iso3, year, hours_exported, hours_imported, net_hours,
    value_added_exported_musd, value_added_imported_musd, net_transfer_musd,
    basis, group`` and more) and the bilateral ``iso3_o, iso3_d, year, hours,
    value_added_musd`` flows. Wages are the proxy of
    :func:`worldsystem.measures.exchange.wage_proxy` (labour share x value added
    per hour; PWT ``labsh``, the year's median where PWT has none, e.g. the WIOD
    rest of the world).
    """
    from worldsystem import mrio
    from worldsystem.core.provenance import merged
    from worldsystem.measures import exchange as ex

    labsh = None
    if not ctx.is_example:
        pwt = ctx.load("pwt")
        labsh = pwt[["iso3", "year", "labsh"]]
    rows, bil = [], []
    for table in exchange_tables(ctx, years):
        flows = mrio.embodied_flows(table, ("labour_hours", "value_added"))
        e = ex.embodied_exchange(table, flows=flows)
        b = ex.bilateral_flows(table, flows=flows)
        year = int(e["year"].iloc[0])
        R, S = table.n_regions, table.n_sectors
        w = pd.DataFrame(
            {
                "iso3": e["iso3"],
                "year": year,
                "value_added_musd": table.satellites["value_added"].reshape(R, S).sum(axis=1),
                "hours": table.satellites["labour_hours"].reshape(R, S).sum(axis=1),
            }
        )
        if labsh is not None:
            ls = labsh[labsh["year"] == year].set_index("iso3")["labsh"]
            w["labsh"] = w["iso3"].map(ls).fillna(ls.median())
        else:  # the example world plants no labour share: wages = value added per hour
            w["labsh"] = 1.0
        w = ex.wage_proxy(w)
        groups = exchange_partition(ctx, list(e["iso3"]), year, partition)
        v = ex.value_labour_flows(e, w, basis=basis, groups=groups)
        v = v.merge(groups, on="iso3", how="left")
        rows.append(v)
        bil.append(b)
    out = pd.concat(rows, ignore_index=True)
    carry(out, *rows)
    bilateral = pd.concat(bil, ignore_index=True)
    carry(bilateral, *bil)
    if not ctx.is_example:
        from worldsystem.core.provenance import attach

        attach(out, merged(out, labsh))
    return out, bilateral


def erdi(ctx: DataContext) -> pd.DataFrame:
    """Köhler's exchange-rate deviation and the transfer on exports to the North.

    For every country-year with PWT 10.01 price levels (1950-2019) and COW trade
    (to 2014): ERDI = 1 / price level relative to the US; exports to the IMF
    advanced economies of that year from COW trade (current USD million); GDP at
    exchange rates = ``cgdpo x pl_gdpo`` (USD million). Example world: its
    price levels, trade and GDP.
    """
    from worldsystem import countries
    from worldsystem.measures import exchange as ex

    if ctx.is_example:
        cy = ctx.example.country_years
        f = cy[["iso3", "year", "price_level", "gdp_usd"]].rename(
            columns={"price_level": "pl", "gdp_usd": "gdp_xr_musd"}
        )
        tr = ctx.example.trade.rename(columns={"flow_musd": "flow"})
        core = set(ctx.example.countries.loc[ctx.example.countries["zone"] == "core", "iso3"])
        north = tr["iso3_d"].isin(core).to_numpy()
        reference = ctx.example.truth.leader
    else:
        ctx.require("pwt", "cow_trade")
        pwt = ctx.load("pwt")
        f = pwt[["iso3", "year"]].assign(
            pl=pwt["pl_gdpo"], gdp_xr_musd=pwt["cgdpo"] * pwt["pl_gdpo"]
        )
        f = carry(f.dropna(subset=["pl"]), pwt)
        trade = ctx.load("cow_trade")
        tr = trade[["iso3_o", "iso3_d", "year"]].assign(flow=trade["flow_musd_current"])
        north = countries.member_mask(
            tr["iso3_d"].to_numpy(), "IMF_ADVANCED", tr["year"].to_numpy()
        )
        reference = "USA"
    xn = (
        tr[north]
        .groupby(["iso3_o", "year"], as_index=False)["flow"]
        .sum()
        .rename(columns={"iso3_o": "iso3", "flow": "exports_north_musd"})
    )
    f = f.merge(xn, on=["iso3", "year"], how="inner")
    carry(f, tr)
    f = restrict_years(f, ctx.years)
    e = ex.erdi(f, price_level_col="pl", reference=reference)
    t = ex.erdi_transfer(e, exports_col="exports_north_musd", gdp_col="gdp_xr_musd")
    cols = [
        "iso3",
        "year",
        "erdi",
        "transfer_musd",
        "transfer_share_gdp",
        "exports_north_musd",
        "gdp_xr_musd",
    ]
    return carry(t[cols].reset_index(drop=True), t)


# --------------------------------------------------------------------------- imperialism
def imperialism_inputs(ctx: DataContext) -> dict[str, Any]:
    """Frames for :func:`worldsystem.measures.imperialism.indicator_table`.

    Real data: the COW country panel with IMF WEO GDP (current USD, 1980-2024,
    including WEO projections after 2018), Maddison GDP at PPP, Gapminder/WDI FDI
    flows (% of GDP), SIPRI military expenditure (current USD), FAS warheads; COW
    trade, SIPRI arms transfers, UCDP/PRIO participants, US troops and bases.
    Example world: its frames (no conflicts or US deployments are planted).
    """
    if ctx.is_example:
        ex = ctx.example
        cy = ex.country_years.assign(milex_usd=ex.country_years["milex"] / 1e3)
        trade = ex.trade.rename(columns={"flow_musd": "flow_musd_current"})
        return {"cy": cy, "trade": trade, "arms": ex.arms}
    plan = (
        ("gdp_weo", "imf_weo"),
        ("gdp_maddison", "maddison"),
        ("fdi", "gapminder"),
        ("milex_sipri", "sipri_milex"),
        ("warheads", "nuclear"),
    )
    adds = [a for a, src in plan if ctx.available(src)]
    if not adds:
        ctx.require("imf_weo", "sipri_milex")
    panel = country_panel(ctx, adds)
    cy = pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"]})
    for src, dst, scale in (
        ("ngdpd_busd_current", "gdp_usd", 1e3),
        ("gdp_mpd_musd_2011ppp", "gdp_ppp", 1.0),
        ("fdi_out_pct_gdp", "fdi_out_pct_gdp", 1.0),
        ("fdi_in_pct_gdp", "fdi_in_pct_gdp", 1.0),
        ("milex_musd_current", "milex_usd", 1.0),
        ("warheads", "warheads", 1.0),
    ):
        if src in panel.columns:
            cy[dst] = panel[src] * scale
    carry(cy, panel)
    out: dict[str, Any] = {"cy": cy}
    for key, sid, fn in (
        ("trade", "cow_trade", None),
        ("arms", "sipri_tiv", None),
        ("participants", "ucdp", "load_participants"),
        ("us_troops", "us_troops", None),
        ("us_bases", "us_troops", "load_bases"),
    ):
        if not ctx.available(sid):
            continue
        if fn is None:
            out[key] = ctx.load(sid)
        else:
            ck = f"{sid}:{fn}"
            if ck not in ctx._cache:
                from worldsystem.sources import module

                ctx._cache[ck] = getattr(module(sid), fn)(ctx.data)
            out[key] = ctx._cache[ck]
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
    """
    from worldsystem.measures import imperialism as imp

    inputs = imperialism_inputs(ctx)
    years = None
    if ctx.years is not None:
        years = list(range(ctx.years[0], ctx.years[1] + 1))
    table = imp.indicator_table(
        inputs["cy"],
        trade=inputs.get("trade"),
        arms=inputs.get("arms"),
        participants=inputs.get("participants"),
        us_troops=inputs.get("us_troops"),
        us_bases=inputs.get("us_bases"),
        years=years,
    )
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
    return carry(out, table, comp, sens)


def dependence(
    ctx: DataContext, *, country: str, on: str, year_of_groups: int | None = None
) -> pd.DataFrame:
    """Import dependence of ``country`` on a partner (ISO3) or a group (e.g. ``G7``)."""
    from worldsystem import countries
    from worldsystem.measures import dependence as dep

    inputs = imperialism_inputs(ctx)
    trade = inputs.get("trade")
    if trade is None:
        ctx.require("cow_trade")
    groups = set(countries.groups())
    if on.upper() in groups:
        year = year_of_groups or (ctx.years[1] if ctx.years else 2014)
        partners: str | list[str] = countries.members(on.upper(), year)
    else:
        partners = [p.strip().upper() for p in on.split(",")] if "," in on else on.upper()
    years = range(ctx.years[0], ctx.years[1] + 1) if ctx.years else None
    gdp = inputs["cy"][["iso3", "year", "gdp_usd"]] if "gdp_usd" in inputs["cy"] else None
    return dep.dependence_table(trade, country=country.upper(), on=partners, gdp=gdp, years=years)
