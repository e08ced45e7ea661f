"""Shock workflows: a scenario through the input-output engines.

A scenario (:func:`worldsystem.simulate.load_scenario`) names its base table:
``wiod2013`` in its base year (from the backend's data folder) or ``example`` (the
example world's MRIO, seed 0 unless the context serves another seed).
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.simulate.scenario import TABLES
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import mrio_table

__all__ = ["scenario_table", "shock"]


def scenario_table(ctx: DataContext, spec: Any) -> Any:
    """The base table a scenario names: ``wiod2013`` in its base year, or ``example``.

    The WIOD table carries the labour satellite when PWT and the labour data are
    available (the shock engines need only value added).
    """
    if spec.table == "example":
        from worldsystem.example import world

        seed = ctx.example_seed
        return ctx.memo(f"example-world:{seed}", lambda: world(seed=seed)).mrio
    if spec.table == "wiod2013":
        ctx.require("wiod2013")
        labour = ctx.available("pwt") and ctx.available("labour")
        return mrio_table(ctx, spec.base_year, labour=labour)
    raise WorldsystemError(
        f"unknown table {spec.table!r}",
        field="table",
        value=spec.table,
        hint="use " + " or ".join(TABLES),  # the tables a scenario spec accepts
    )


def on_context_table(ctx: DataContext, spec: Any) -> tuple[Any, list[str]]:
    """``spec`` moved to the context's MRIO database when the run names one (``--mrio``)
    other than the scenario's own table.

    The new base year is the scenario's if that database has it, else its latest
    table; sectors go through the GGDC-group concordances
    (:func:`worldsystem.simulate.translate.translate`). Returns the scenario and
    notes (empty when nothing moved).
    """
    if ctx.mrio is None or ctx.mrio == spec.table:
        return spec, []
    from worldsystem.panels.mrio_sources import sector_groups
    from worldsystem.simulate.scenario import table_labels
    from worldsystem.simulate.translate import translate
    from worldsystem.workflows.inputs import mrio_years

    if spec.table != "wiod2013":
        raise WorldsystemError(
            "only scenarios on the WIOD table can move to another MRIO database",
            field="mrio",
            value=ctx.mrio,
            hint=f"scenario {spec.name!r} is written for table {spec.table!r}",
        )
    years = mrio_years(ctx.with_years(None))
    year = spec.base_year if spec.base_year in years else years[-1]
    target = mrio_table(ctx, year, labour=False)
    _, wiod_sectors = table_labels("wiod2013")
    moved, notes = translate(
        spec,
        source_groups=sector_groups("wiod2013", wiod_sectors),
        table=ctx.mrio,
        year=year,
        regions=target.regions,
        sectors=target.sectors,
        target_groups=sector_groups(ctx.mrio, target.sectors),
    )
    head = f"scenario moved from wiod2013 {spec.base_year} to {ctx.mrio} {year}"
    return moved, [head, *notes]


def shock(ctx: DataContext, scenario: str, *, engine: str = "all", **params: Any) -> pd.DataFrame:
    """Run a scenario (a shipped name or a YAML path) through the engines.

    A scenario on the WIOD table needs the ``wiod2013`` source (and ``pwt``,
    ``labour`` for the labour satellite); a scenario with ``table: example`` runs
    anywhere. With ``ctx.mrio`` naming another database (``--mrio``), a WIOD
    scenario runs on that database's table (:func:`on_context_table`).
    """
    import worldsystem.simulate as sim

    spec, moved = on_context_table(ctx, sim.load_scenario(scenario))
    if moved:
        base = ctx.memo(
            f"shock-base:{spec.table}:{spec.base_year}",
            lambda: sim.prepare(mrio_table(ctx, spec.base_year, labour=False)),
        )
        out = sim.run(spec, base, engine=engine, **params)
        from worldsystem.core.provenance import attach, get

        out.attrs["notes"] = [*moved, *out.attrs.get("notes", [])]
        prov = get(out)
        for note in moved:
            prov = prov.with_note(note)
        attach(out, prov.with_method("workflows.shock", {"mrio": ctx.mrio, "year": spec.base_year}))
        return out
    if spec.table == "wiod2013" and not ctx.available("wiod2013"):
        from worldsystem.workflows.backends import MissingData

        raise MissingData(["wiod2013"], f"scenario {spec.name!r} runs on the WIOD table")
    base = ctx.memo(
        f"shock-base:{spec.table}:{spec.base_year}", lambda: sim.prepare(scenario_table(ctx, spec))
    )
    return sim.run(spec, base, engine=engine, **params)
