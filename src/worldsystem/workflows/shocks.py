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


def shock(ctx: DataContext, scenario: str, *, engine: str = "all", **params: Any) -> pd.DataFrame:
    """Run a scenario (a shipped name or a YAML path) through the engines.

    A scenario on the WIOD table needs the ``wiod2013`` source (and ``pwt``,
    ``labour`` for the labour satellite); a scenario with ``table: example`` runs
    anywhere.
    """
    import worldsystem.simulate as sim

    spec = sim.load_scenario(scenario)
    if spec.table == "wiod2013" and not ctx.available("wiod2013"):
        from worldsystem.workflows.backends import MissingData

        raise MissingData(["wiod2013"], f"scenario {spec.name!r} runs on the WIOD table")
    base = ctx.memo(
        f"shock-base:{spec.table}:{spec.base_year}", lambda: sim.prepare(scenario_table(ctx, spec))
    )
    return sim.run(spec, base, engine=engine, **params)
