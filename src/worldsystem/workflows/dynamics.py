"""Dynamics workflows: mobility, convergence, power transitions, projections, backtest.

Inputs come from the backend through :func:`income_panel` (GDP per capita and
population, Maddison 2023 or PWT 10.01), :func:`worldsystem.workflows.position`
(zones of any position method) and
:func:`worldsystem.workflows.inputs.capability_frame` (the capability indices);
measures are :mod:`worldsystem.measures.dynamics`, projections
:mod:`worldsystem.simulate.dynamics`. One code path serves both backends: a
country group the backend does not define (the example world has no G7) is
left out of the bloc comparisons, with a note in the result's provenance.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from worldsystem.core import progress as _progress
from worldsystem.core import provenance as prov
from worldsystem.core.errors import WorldsystemError
from worldsystem.panels.country import MADDISON_PREDECESSORS, maddison_series
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import (
    CAPABILITY_ROLES,
    capability_frame,
    country_panel,
    one_row_per_iso3,
    restrict_years,
)

__all__ = [
    "DYNAMICS_INDICES",
    "INCOME_SOURCES",
    "convergence",
    "dynamics_backtest",
    "dynamics_blocs",
    "income_panel",
    "mobility",
    "projection",
    "share_history",
    "transitions",
]

#: Income sources: name -> (add_* name, GDP per capita column, population column,
#: factor from the population unit to persons). PWT GDP per capita is output-side
#: real GDP at chained PPPs over population (2017 USD per person).
INCOME_SOURCES: dict[str, tuple[str, str, str, float]] = {
    "maddison": ("gdp_maddison", "gdppc_mpd_2011ppp", "pop_mpd_thousands", 1e3),
    "pwt": ("gdp_pwt", "rgdpo_musd_2017ppp", "pop_pwt_millions", 1e6),
}

#: Indices of :func:`transitions` (:func:`worldsystem.measures.polarity.index_shares`).
DYNAMICS_INDICES = ("gdp", "cinc", "beckley", "milex", "nuclear")
#: Indices read from Maddison's GDP (and GDP per capita).
_MADDISON_INDICES = ("gdp", "beckley")

#: The Maddison series breaks, for notes: "RUS 1922-1991 is MPD SUN, ...".
_BREAKS = ", ".join(f"{iso} {lo}-{hi} is MPD {code}" for iso, lo, hi, code in MADDISON_PREDECESSORS)

#: Bloc comparisons: name -> members (a country group or the backend's poles 1-2).
_BLOCS = (("G7", "G7"), ("China+Russia", None), ("NATO", "NATO"), ("SCO", "SCO"))
_BLOC_PAIRS = (("China+Russia", "G7"), ("SCO", "NATO"))


def income_panel(ctx: DataContext, *, source: str = "maddison") -> pd.DataFrame:
    """``iso3, year, gdppc, pop, gdp`` from ``source`` (memoised per source and years).

    - ``maddison``: Maddison Project 2023, GDP per capita in 2011 international
      dollars, population in persons, GDP in millions of 2011 international dollars;
    - ``pwt``: PWT 10.01 ``rgdpo / pop`` in 2017 USD (chained PPP) per person.

    Raises
    ------
    WorldsystemError
        An unknown source.
    """
    if source not in INCOME_SOURCES:
        raise WorldsystemError(
            "unknown income source",
            field="source",
            value=source,
            hint=f"use one of {', '.join(INCOME_SOURCES)}",
        )

    def build() -> pd.DataFrame:
        add, gcol, pcol, factor = INCOME_SOURCES[source]
        panel = country_panel(ctx, [add])
        pop = panel[pcol] * factor
        if source == "pwt" and gcol not in panel.columns:
            # an income source without chained real GDP has no per-capita series
            ctx.require("pwt")
            raise WorldsystemError("the PWT panel has no rgdpo", field="source", value=source)
        gdppc = panel[gcol] if source == "maddison" else panel[gcol] * 1e6 / pop
        f = pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"], "gdppc": gdppc, "pop": pop})
        f["gdp"] = f["gdppc"] * f["pop"] / 1e6
        if source == "maddison":
            # the MPD entity behind each row (RUS 1922-91 is the USSR): the growth
            # model starts a country afresh after a change of territory
            f["series"] = maddison_series(f["iso3"], f["year"])
        f = f.dropna(subset=["gdppc", "pop"]).reset_index(drop=True)
        prov.carry(f, panel)
        if "series" in f and (f["series"] != f["iso3"]).any():
            prov.attach(
                f,
                prov.get(f).with_note(
                    f"dynamics: series breaks ({_BREAKS}): the growth model takes each side "
                    "as its own country, so no growth rate, backtest score or realised "
                    "crossing spans a change of territory"
                ),
            )
        prov.set_units(
            f,
            {
                "gdppc": "2011 international dollars per person"
                if source == "maddison"
                else "2017 US dollars (chained PPP) per person",
                "pop": "persons",
                "gdp": "millions of the gdppc unit",
            },
        )
        return restrict_years(f, ctx.years)

    return ctx.memo(f"dynamics:income:{source}:{ctx.years}", build)


def _zones(ctx: DataContext, method: str, seed: int) -> pd.DataFrame:
    from worldsystem.workflows.position import position

    z = position(ctx, methods=[method], seed=seed)
    if z.empty:
        raise WorldsystemError("the position method gave no zones", field="method", value=method)
    return z


def mobility(
    ctx: DataContext,
    *,
    method: str = "income_ppp",
    step: int = 5,
    n_bins: int = 5,
    fit_years: tuple[int, int] | None = None,
    split: int = 1991,
    n_boot: int = 199,
    level: float = 0.9,
    seed: int = 0,
    source: str = "maddison",
) -> dict[str, pd.DataFrame]:
    """Zone (or income-class) mobility.

    ``method`` is a position method (zones of :func:`worldsystem.workflows.position`)
    or ``"bins"`` (``n_bins`` income classes of ``source``, cuts fixed over
    ``fit_years``). Returns frames ``matrix`` (long transition matrix with
    intervals), ``summary`` (Shorrocks, determinant, second eigenvalue, Prais,
    ergodic, sojourn, with intervals), ``mfpt`` (mean first-passage years),
    ``homogeneity`` (periods before / from ``split``), ``periods`` (the matrix
    of each of those periods, with intervals; empty when a period is too
    short), ``rank`` (Kendall tau of income over ``step`` years), ``flows``
    (:func:`~worldsystem.measures.position.zone_mobility` per period pair) and
    ``lasting`` (:func:`~worldsystem.measures.position.lasting_moves`).
    """
    from worldsystem.measures import dynamics as dyn

    inc = dyn.by_entity(income_panel(ctx, source=source))  # RUS~SUN: no move across 1991/92
    if method == "bins":
        states = dyn.income_bins(inc, value="gdppc", n_bins=n_bins, fit_years=fit_years)
        col = "state"
        results = states.rename(columns={"state": "zone"}).assign(method="bins")
    else:
        states = _zones(ctx, method, seed)
        col = "zone"
        results = states
    tm = dyn.transition_matrix(states, state=col, step=step, n_boot=n_boot, level=level, seed=seed)
    out = {"matrix": tm.frame(), "summary": dyn.mobility_summary(tm)}
    try:
        m = dyn.mean_first_passage(tm) * step
        mf = m.stack().rename("years").reset_index()
        mf.columns = ["state_from", "state_to", "years"]
        out["mfpt"] = prov.attach(mf, tm.provenance)
    except WorldsystemError as e:  # not ergodic: say so instead of a table of inf
        out["mfpt"] = prov.attach(
            pd.DataFrame(columns=["state_from", "state_to", "years"]),
            tm.provenance.with_note(str(e)),
        )
    before = states[states["year"] < split]
    after = states[states["year"] >= split]
    rows = {}
    periods = pd.DataFrame(columns=[*tm.frame().columns, "period"])
    try:
        parts = [
            dyn.transition_matrix(
                p, state=col, step=step, n_boot=n_boot, level=level, seed=seed, order=tm.states
            )
            for p in (before, after)
        ]
        rows = dyn.homogeneity_test(parts).to_dict()
        labels = (f"before {split}", f"from {split}")
        periods = pd.concat(
            [m.frame().assign(period=lab) for m, lab in zip(parts, labels, strict=True)],
            ignore_index=True,
        )
    except WorldsystemError as e:
        rows = {"note": str(e)}
    out["periods"] = prov.attach(
        periods, tm.provenance.with_method("period_split", {"split": split})
    )
    out["homogeneity"] = prov.attach(
        pd.DataFrame([{"split": split, **rows}]), tm.provenance.with_method("homogeneity_test")
    )
    out["rank"] = dyn.rank_mobility(inc, value="gdppc", step=step)
    if method != "bins" or set(results["zone"]) <= {"core", "semi-periphery", "periphery"}:
        out["flows"] = dyn.zone_mobility(results, period=step)
        out["lasting"] = dyn.lasting_moves(results, period=step)
    return out


def convergence(
    ctx: DataContext,
    *,
    source: str = "maddison",
    window: int = 10,
    step: int = 5,
    n_bins: int = 5,
    zones_method: str | None = "income_ppp",
    fit_years: tuple[int, int] | None = None,
    n_boot: int = 199,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """Sigma convergence (``sigma``, population-weighted too), rolling beta convergence
    overall and within the zones of ``zones_method`` (``beta``), and Quah's kernel
    (``kernel``: long matrix; ``kernel_summary``)."""
    from worldsystem.measures import dynamics as dyn

    inc = dyn.by_entity(income_panel(ctx, source=source))  # RUS~SUN: no growth across 1991/92
    zones = _zones(ctx, zones_method, seed) if zones_method else None
    kern = dyn.stochastic_kernel(
        inc, value="gdppc", step=step, n_bins=n_bins, fit_years=fit_years, n_boot=n_boot, seed=seed
    )
    return {
        "sigma": dyn.sigma_convergence(inc, value="gdppc", weight="pop"),
        "beta": dyn.beta_convergence(inc, value="gdppc", window=window, zones=zones),
        "kernel": kern.frame(),
        "kernel_summary": dyn.mobility_summary(kern),
    }


def _index_frame(ctx: DataContext, index: str) -> pd.DataFrame:
    from worldsystem.measures import polarity as pol

    if index not in DYNAMICS_INDICES:
        raise WorldsystemError(
            "unknown index",
            field="index",
            value=index,
            hint=f"use one of {', '.join(DYNAMICS_INDICES)}",
        )

    def build():
        cap = capability_frame(ctx)
        sh = pol.index_shares(cap, index, columns=CAPABILITY_ROLES)
        # shares on every COW state-year; one series per ISO3 (the 1990 join rule)
        sh = one_row_per_iso3(sh)
        out = sh[["iso3", "year", "share"]].dropna().reset_index(drop=True)
        # the entity behind each value: on a COW panel Maddison's former USSR and
        # Yugoslavia stand in for Russia and Serbia (panels.add_gdp), a series break
        out["series"] = out["iso3"].to_numpy(dtype=object)
        if index in _MADDISON_INDICES and "ccode" in cap.columns:
            out["series"] = maddison_series(out["iso3"], out["year"])
        return out

    return ctx.memo(f"dynamics:index:{index}:{ctx.years}", build)


def dynamics_blocs(
    ctx: DataContext, years: Sequence[int], candidates: Sequence[str]
) -> tuple[pd.DataFrame, list[str]]:
    """Bloc membership (``bloc, iso3, year``) among ``candidates`` for the blocs the
    backend defines: the G7, NATO and the SCO as country groups (joined and left
    by year), China+Russia as the backend's second and third poles; and notes
    naming the groups the backend does not define."""
    import numpy as np

    rows = []
    notes = []
    iso = np.asarray(sorted(set(candidates)), dtype=object)
    for name, group in _BLOCS:
        if group is None:
            mem = [ctx.backend.poles[1], ctx.backend.poles[2]]
            rows += [(name, c, int(y)) for y in years for c in mem]
            continue
        try:
            for y in years:
                mask = ctx.backend.member_mask(iso, group, np.full(len(iso), int(y)))
                rows += [(name, c, int(y)) for c in iso[mask]]
        except WorldsystemError as e:
            notes.append(f"bloc {name} left out: {e.message}")
    return pd.DataFrame(rows, columns=["bloc", "iso3", "year"]), notes


def _default_countries(ctx: DataContext, frame: pd.DataFrame) -> list[str]:
    """The poles, the G7 and BRICS members (where the backend defines them) and the
    five largest on the index in its last year."""
    import numpy as np

    have = set(frame["iso3"])
    out = list(ctx.backend.poles)
    last = frame[frame["year"] == frame["year"].max()].nlargest(5, "share")["iso3"]
    iso = np.asarray(sorted(have), dtype=object)
    y = int(frame["year"].max())
    for group in ("G7", "BRICS"):
        try:
            out += list(iso[ctx.backend.member_mask(iso, group, np.full(len(iso), y))])
        except WorldsystemError:
            pass
    out += list(last)
    return [c for c in dict.fromkeys(out) if c in have]


def transitions(
    ctx: DataContext,
    *,
    index: str = "gdp",
    countries: Sequence[str] | None = None,
    persistence: int = 3,
    threshold: float = 0.8,
) -> dict[str, pd.DataFrame]:
    """Power transitions on ``index`` (shares of the system total each year).

    Returns ``crossings`` (every pair among ``countries``: default the poles, the
    G7, BRICS and the five largest), ``parity`` (spells within ``threshold`` of the
    leader), ``blocs`` (bloc totals), ``bloc_crossings`` (China+Russia vs the G7,
    the SCO vs NATO, where the backend defines the groups) and ``bloc_parity``.
    """
    from worldsystem.measures import dynamics as dyn

    f = _index_frame(ctx, index)
    if countries is None:
        countries = _default_countries(ctx, f)
    kw = {"value": "share", "series": "series"}
    cr = dyn.crossing_years(f, countries=countries, persistence=persistence, **kw)
    par = dyn.parity_spells(f, countries=countries, threshold=threshold, **kw)
    years = sorted(f["year"].unique())
    mem, notes = dynamics_blocs(ctx, years, f["iso3"].unique())
    if (f["series"] != f["iso3"]).any():
        notes = [
            *notes,
            f"transitions: series breaks ({_BREAKS}): crossings and parity spells "
            "start afresh after each break, a change of territory is not a crossing",
        ]
    bt = dyn.bloc_totals(f, membership=mem, **kw)
    pairs = [p for p in _BLOC_PAIRS if set(p) <= set(bt["iso3"])]
    names = list(dict.fromkeys(n for p in pairs for n in p))
    parts = [
        dyn.crossing_years(bt, countries=list(p), persistence=persistence, **kw) for p in pairs
    ]
    bc = pd.concat(parts, ignore_index=True) if parts else cr.iloc[0:0].copy()
    bp = (
        dyn.parity_spells(bt, countries=names, threshold=threshold, **kw)
        if names
        else par.iloc[0:0].copy()
    )
    for fr in (cr, par, bt, bc, bp):
        p = prov.get(fr).with_method("workflows.transitions", {"index": index})
        for n in notes:
            p = p.with_note(n)
        prov.attach(fr, p)
        fr["index"] = index
    return {"crossings": cr, "parity": par, "blocs": bt, "bloc_crossings": bc, "bloc_parity": bp}


def _mapper(scheduler: str | None):
    """A :data:`~worldsystem.simulate.dynamics.Mapper` on ``scheduler`` (None in process)."""
    from worldsystem.workflows import parallel

    scheduler = parallel.check_scheduler(scheduler)
    if scheduler is None:
        return None

    def run(fn, items, shared):
        return parallel.map_tasks(fn, items, scheduler=scheduler, shared=shared)

    return run


def _fit_years(ctx: DataContext, inc: pd.DataFrame, fit_years) -> tuple[int, int]:
    if fit_years is not None:
        return (int(fit_years[0]), int(fit_years[1]))
    lo = max(1950, int(inc["year"].min()))
    return (lo, int(inc["year"].max()))


def projection(
    ctx: DataContext,
    *,
    source: str = "maddison",
    fit_years: tuple[int, int] | None = None,
    horizon: int = 2050,
    members: int = 1000,
    seed: int = 0,
    persistence: int = 3,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
    calibrate: bool = True,
) -> Any:
    """Ensemble projection to ``horizon`` (:func:`worldsystem.simulate.dynamics.project`).

    With ``calibrate`` (default) the shock SDs are scaled by the factor
    :func:`worldsystem.simulate.dynamics.calibrate_spread` picks from an inner
    backtest on the fit window (origins 20 and 10 years before its end, scored
    to its end); the rolling-origin backtest scores that choice
    (``ensemble_calibrated``) against the fitted spread (``ensemble``).

    Fits on ``fit_years`` (default 1950, or the first year, to the last year of
    the income data) and tracks the poles (the US, China, Russia on real data),
    the G7, China+Russia, NATO and the SCO (the groups the backend defines;
    membership of the origin year), with pairs China-US, China+Russia-G7 and
    SCO-NATO. ``scheduler`` (None, ``"local"``, ``"tcp://host:port"``) runs the
    member batches on Dask with the same result. Memoised per context and options
    (``progress`` is not called again on a memoised result).
    """
    from worldsystem.workflows.parallel import check_scheduler

    check_scheduler(scheduler)
    key = (source, fit_years, horizon, members, seed, persistence, scheduler, ctx.years, calibrate)
    return ctx.memo(
        f"dynamics:projection:{key}",
        lambda: _projection(
            ctx,
            source=source,
            fit_years=fit_years,
            horizon=horizon,
            members=members,
            seed=seed,
            persistence=persistence,
            batch_size=batch_size,
            progress=progress,
            scheduler=scheduler,
            calibrate=calibrate,
        ),
    )


def _projection(
    ctx,
    *,
    source,
    fit_years,
    horizon,
    members,
    seed,
    persistence,
    batch_size,
    progress,
    scheduler,
    calibrate=True,
):
    from worldsystem.simulate import dynamics as sd

    inc = income_panel(ctx, source=source)
    fy = _fit_years(ctx, inc, fit_years)
    with _progress.stage("dynamics: fitting the growth model"):
        model = sd.fit_growth_model(inc, fit_years=fy)
    if calibrate:
        with _progress.stage("dynamics: calibrating the shock spread (inner backtest)"):
            lam, table = sd.calibrate_spread(inc, origin=fy[1], first_year=fy[0], seed=seed)
        model = sd._with_spread(model, lam, table)
    have = set(model.countries)
    us, cn, ru = ctx.backend.poles
    entities: dict[str, list[str]] = {c: [c] for c in (us, cn, ru) if c in have}
    mem, _notes = dynamics_blocs(ctx, [fy[1]], model.countries)
    for name, g in mem.groupby("bloc", sort=False):
        m = [c for c in g["iso3"] if c in have]
        if m:
            entities[name] = m
    pairs = [(cn, us)] + [p for p in _BLOC_PAIRS if set(p) <= set(entities)]
    pairs = [p for p in pairs if set(p) <= set(entities)]
    walks = component_walks(ctx, model)
    cw = cinc_walks(ctx, model)
    with _progress.stage("dynamics: ensemble members", total=members) as st:
        return sd.project(
            model,
            horizon=horizon,
            members=members,
            seed=seed,
            entities=entities,
            pairs=pairs,
            persistence=persistence,
            batch_size=batch_size,
            progress=_report(st, progress),
            mapper=_mapper(scheduler),
            components=walks,
            cinc_components=cw,
        )


def _report(stage: Any, callback: Callable[[int, int], None] | None) -> Callable[[int, int], None]:
    """``progress(done, total)`` moving ``stage`` (:mod:`worldsystem.core.progress`), then
    calling the caller's own ``callback`` if any."""
    if callback is None:
        return stage.update

    def update(done: int, total: int) -> None:
        stage.update(done, total)
        callback(done, total)

    return update


#: Capability components projected as random walks: (index, capability role,
#: relative to GDP, what the series is, its sources on real data). Military
#: expenditure (SIPRI) moves as a burden on the member's GDP; warheads (FAS) have no
#: driver in the growth model.
COMPONENT_WALKS = (
    ("milex", "milex", True, "military expenditure relative to GDP", "SIPRI over Maddison"),
    ("nuclear", "warheads", False, "warheads", "FAS"),
)


def component_walks(ctx: DataContext, model: Any) -> list[Any]:
    """The :class:`~worldsystem.simulate.dynamics.ComponentWalk` of each index of
    :data:`COMPONENT_WALKS` whose data the backend has, fitted on ``model``'s fit
    window (military burden: SIPRI expenditure over Maddison GDP)."""
    from worldsystem.core.errors import ModelError
    from worldsystem.simulate import dynamics as sd

    frame = one_row_per_iso3(capability_frame(ctx))
    out = []
    for name, role, rel, what, sources in COMPONENT_WALKS:
        col = CAPABILITY_ROLES[role]
        label = f"{what} ({'example world' if ctx.is_example else sources})"
        if col not in frame or frame[col].notna().sum() == 0:
            continue
        v = frame[col] / frame[CAPABILITY_ROLES["gdp"]] if rel else frame[col]
        try:
            walk = sd.fit_component_walk(
                frame[["iso3", "year"]].assign(value=v), model, name=name, relative_to_gdp=rel
            )
        except ModelError:  # too little data in the fit window: no call on that index
            continue
        out.append(dataclasses.replace(walk, label=label))
    return out


#: Years an NMC component may lie before the origin and still start its walk (the
#: ratio to GDP or population of the component's last year is carried to the
#: origin): NMC v7.0 and Maddison 2023 both reach 2022, but a state's component may
#: end earlier (NMC v6.0 ended in 2016).
CINC_CARRY_YEARS = 10


def cinc_walks(ctx: DataContext, model: Any) -> list[Any]:
    """Walks of the six COW NMC components (:data:`~worldsystem.simulate.dynamics.CINC_DRIVERS`),
    fitted on ``model``'s fit window: each as its ratio to Maddison GDP or population
    (``gdp / gdppc``). Empty (no CINC call) when the backend has no NMC data or any
    component too little of it near the origin."""
    from worldsystem.core.errors import ModelError
    from worldsystem.simulate import dynamics as sd

    frame = one_row_per_iso3(capability_frame(ctx))
    gdp = CAPABILITY_ROLES["gdp"]
    if gdp not in frame or any(c not in frame for c, _ in sd.CINC_DRIVERS):
        return []
    drivers = {"gdp": frame[gdp], "pop": frame[gdp] / frame[CAPABILITY_ROLES["gdppc"]]}
    out = []
    for name, driver in sd.CINC_DRIVERS:
        v = frame[name] / drivers[driver]
        try:
            out.append(
                sd.fit_component_walk(
                    frame[["iso3", "year"]].assign(value=v),
                    model,
                    name=name,
                    relative_to_gdp=driver == "gdp",
                    relative_to_pop=driver == "pop",
                    carry_years=CINC_CARRY_YEARS,
                )
            )
        except ModelError:  # a CINC without one of its components is not CINC
            return []
    return out


def share_history(
    ctx: DataContext, entities: dict[str, Sequence[str]], *, source: str = "maddison"
) -> pd.DataFrame:
    """Observed shares of GDP (``year, entity, share``) of ``entities`` (name -> iso3s).

    The denominator each year is the GDP of the countries observed in the last
    two years of the income data (the countries a projection simulates), so the
    history and the projection's shares are of the same set of countries.
    """
    inc = income_panel(ctx, source=source)
    last = int(inc["year"].max())
    keep = set(inc.loc[inc["year"] == last, "iso3"]) & set(inc.loc[inc["year"] == last - 1, "iso3"])
    f = inc[inc["iso3"].isin(keep)]
    tot = f.groupby("year")["gdp"].sum()
    rows = []
    for name, mem in entities.items():
        g = f[f["iso3"].isin(list(mem))].groupby("year")["gdp"].sum()
        sh = (g / tot.reindex(g.index)).rename("share").reset_index()
        rows.append(sh.assign(entity=name))
    out = pd.concat(rows, ignore_index=True)[["year", "entity", "share"]] if rows else None
    if out is None:
        out = pd.DataFrame(columns=["year", "entity", "share"])
    prov.carry(out, inc)
    return prov.attach(
        out,
        prov.get(out).with_method("share_history", {"source": source, "denominator_year": last}),
    )


def dynamics_backtest(
    ctx: DataContext,
    *,
    source: str = "maddison",
    origins: Sequence[int] | None = None,
    end: int | None = 2019,
    first_year: int | None = 1950,
    members: int = 500,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
    scheduler: str | None = None,
) -> Any:
    """Rolling-origin backtest (:func:`worldsystem.simulate.dynamics.backtest`).

    Origins default to 1960, 1970, ..., 2000 when the data cover them, else to
    every tenth year from ten years after the start; ``end`` (default 2019,
    before the pandemic years) and ``first_year`` are capped to the data.
    ``scheduler`` scores the origins on Dask with the same result. Memoised per
    context and options.
    """
    mapper = _mapper(scheduler)
    key = (source, tuple(origins) if origins else None, end, first_year, members, seed, ctx.years)
    return ctx.memo(
        f"dynamics:backtest:{key}:{scheduler}",
        lambda: _backtest(ctx, source, origins, end, first_year, members, seed, progress, mapper),
    )


def _backtest(ctx, source, origins, end, first_year, members, seed, progress, mapper):
    from worldsystem.simulate import dynamics as sd

    inc = income_panel(ctx, source=source)
    lo, hi = int(inc["year"].min()), int(inc["year"].max())
    e = min(hi, end) if end is not None else hi
    fy = max(lo, first_year) if first_year is not None else lo
    if origins is None:
        origins = [o for o in (1960, 1970, 1980, 1990, 2000) if fy + 4 <= o <= e - 5]
        if not origins:
            origins = list(range(fy + 10, e - 4, 10)) or [fy + (e - fy) // 2]
    headline = 1990 if 1990 in origins else list(origins)[len(origins) // 2]
    inc = inc[inc["year"] <= e]
    with _progress.stage("dynamics: backtest origins", total=len(origins)) as st:
        return sd.backtest(
            inc,
            origins=origins,
            end=e,
            members=members,
            seed=seed,
            first_year=fy,
            headline=headline,
            progress=_report(st, progress),
            mapper=mapper,
        )
