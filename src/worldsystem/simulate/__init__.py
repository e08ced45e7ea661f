"""Scenario specs and shock propagation (input-output engines and a trade cascade).

>>> import worldsystem.simulate as sim
>>> from worldsystem import panels
>>> s = sim.load_scenario("nord_stream")                       # doctest: +SKIP
>>> base = sim.prepare(panels.mrio(s.base_year, labour=None))  # doctest: +SKIP
>>> out = sim.run(s, base, engine="all")                       # doctest: +SKIP
>>> sim.compare_engines(s, base)                               # doctest: +SKIP

The package is pure: it takes the base table as an argument.
:func:`worldsystem.workflows.shock` loads it from the data context.

See :mod:`worldsystem.simulate.scenario` for the YAML spec (and cited cut sizes),
:mod:`worldsystem.simulate.shocks` for the engines and their assumptions, and
:mod:`worldsystem.simulate.substitution` for the CES substitution engine
(``engine="ces"``, not part of ``"all"``).
"""

from worldsystem.simulate.scenario import (
    BilateralCut,
    CapacityLoss,
    CutSize,
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
    EXTRA_ENGINES,
    QUESTIONS,
    BaseTable,
    compare_engines,
    country_summary,
    prepare,
    run,
)
from worldsystem.simulate.substitution import ces_loss

__all__ = [
    "ASSUMPTIONS",
    "COLUMNS",
    "ENGINES",
    "EXTRA_ENGINES",
    "QUESTIONS",
    "BaseTable",
    "BilateralCut",
    "CapacityLoss",
    "CutSize",
    "FinalDemandChange",
    "Sanctions",
    "Scenario",
    "ces_loss",
    "compare_engines",
    "country_summary",
    "load_scenario",
    "prepare",
    "run",
    "shipped_scenarios",
]
