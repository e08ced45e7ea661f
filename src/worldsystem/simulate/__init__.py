"""Scenario specs and shock propagation (input-output engines and a trade cascade).

>>> import worldsystem.simulate as sim
>>> s = sim.load_scenario("nord_stream")                 # doctest: +SKIP
>>> out = sim.run(s, sim.load_base(s), engine="all")     # doctest: +SKIP
>>> sim.compare_engines(s, sim.load_base(s))             # doctest: +SKIP

See :mod:`worldsystem.simulate.scenario` for the YAML spec and
:mod:`worldsystem.simulate.shocks` for the engines and their assumptions.
"""

from worldsystem.simulate.scenario import (
    BilateralCut,
    CapacityLoss,
    FinalDemandChange,
    Sanctions,
    Scenario,
    load_scenario,
    shipped_scenarios,
)
from worldsystem.simulate.shocks import (
    ASSUMPTIONS,
    COLUMNS,
    ENGINES,
    BaseTable,
    compare_engines,
    country_summary,
    prepare,
    run,
)
from worldsystem.simulate.tables import load_base, mrio_from_wiod

__all__ = [
    "ASSUMPTIONS",
    "COLUMNS",
    "ENGINES",
    "BaseTable",
    "BilateralCut",
    "CapacityLoss",
    "FinalDemandChange",
    "Sanctions",
    "Scenario",
    "compare_engines",
    "country_summary",
    "load_base",
    "load_scenario",
    "mrio_from_wiod",
    "prepare",
    "run",
    "shipped_scenarios",
]
