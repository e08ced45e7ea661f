"""Workflows: from a data context to a measure's inputs and results.

Layer: between ``simulate`` and ``claims`` (core -> countries -> sources -> panels
-> example -> mrio -> measures -> simulate -> **workflows** -> claims -> report ->
cli); it may import everything below it and nothing above.

The CLI, the claims ledger and the report all need "load the right inputs for
this context, restrict the years, run the measure". That glue lives here, once;
measures stay pure and never see a data folder. A context
(:class:`~worldsystem.workflows.context.DataContext`, built by
:func:`~worldsystem.workflows.context.resolve_context`) wraps a backend
(:mod:`worldsystem.workflows.backends`: a data folder or the example world, one
protocol, the same columns and units), so every workflow has one code path.

Modules: :mod:`~.context`, :mod:`~.backends`, :mod:`~.inputs` (panels, votes, MRIO
tables), one per measure family (:mod:`~.polarity`, :mod:`~.position`,
:mod:`~.blocs`, :mod:`~.exchange`, :mod:`~.imperialism`, :mod:`~.shocks`) and
:mod:`~.parallel` (Dask year batches). This ``__init__`` only re-exports.
"""

from worldsystem.workflows.backends import Backend, ExampleBackend, FolderBackend
from worldsystem.workflows.blocs import (
    alignment,
    communities,
    compare_ideal_points,
    ideal_points,
    poles,
    vote_agreement,
)
from worldsystem.workflows.context import DataContext, MissingData, resolve_context
from worldsystem.workflows.dynamics import (
    convergence,
    dynamics_backtest,
    income_panel,
    mobility,
    projection,
    share_history,
    transitions,
)
from worldsystem.workflows.exchange import (
    erdi,
    exchange,
    exchange_partition,
    exchange_tables,
    north_south_groups,
)
from worldsystem.workflows.imperialism import dependence, imperialism, imperialism_inputs
from worldsystem.workflows.inputs import (
    CAPABILITY_COLUMNS,
    CAPABILITY_ROLES,
    capability_frame,
    country_panel,
    mrio_table,
    mrio_years,
    restrict_years,
    roll_calls,
    votes,
)
from worldsystem.workflows.polarity import capabilities, polarity
from worldsystem.workflows.position import position, position_inputs
from worldsystem.workflows.shocks import scenario_table, shock

__all__ = [
    "CAPABILITY_COLUMNS",
    "CAPABILITY_ROLES",
    "Backend",
    "DataContext",
    "ExampleBackend",
    "FolderBackend",
    "MissingData",
    "alignment",
    "capabilities",
    "capability_frame",
    "communities",
    "compare_ideal_points",
    "convergence",
    "country_panel",
    "dependence",
    "dynamics_backtest",
    "erdi",
    "exchange",
    "exchange_partition",
    "exchange_tables",
    "ideal_points",
    "imperialism",
    "imperialism_inputs",
    "income_panel",
    "mobility",
    "mrio_table",
    "mrio_years",
    "north_south_groups",
    "polarity",
    "poles",
    "position",
    "position_inputs",
    "projection",
    "resolve_context",
    "restrict_years",
    "roll_calls",
    "scenario_table",
    "share_history",
    "shock",
    "transitions",
    "vote_agreement",
    "votes",
]
