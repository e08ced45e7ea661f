"""Dynamics of the world system: mobility, convergence and power transitions.

Pure functions on country-year frames, one module per family:

- :mod:`~.mobility`: Markov transition matrices between zones or income classes
  over k-year steps, with country-block bootstrap intervals; Shorrocks, Prais,
  determinant and second-eigenvalue indices; ergodic distribution, mean
  first-passage and sojourn times; the Anderson-Goodman homogeneity test;
  Kendall rank mobility. The period flows and lasting moves of the position
  ensemble are :func:`worldsystem.measures.position.zone_mobility` and
  :func:`~worldsystem.measures.position.lasting_moves`, re-exported here.
- :mod:`~.convergence`: sigma convergence (SD of log income, Theil; weighted
  and unweighted), rolling beta convergence overall and within zones, Quah's
  stochastic kernel of relative income.
- :mod:`~.transitions`: crossing years with a persistence rule, parity spells
  (Organski & Kugler), bloc totals that never double-count the former USSR.

Projections and their backtest are in :mod:`worldsystem.simulate.dynamics`.
"""

from worldsystem.measures.dynamics._common import by_entity
from worldsystem.measures.dynamics.convergence import (
    beta_convergence,
    sigma_convergence,
    stochastic_kernel,
)
from worldsystem.measures.dynamics.mobility import (
    TransitionMatrix,
    ergodic_distribution,
    homogeneity_test,
    income_bins,
    mean_first_passage,
    mobility_indices,
    mobility_summary,
    prais,
    rank_mobility,
    sojourn_times,
    transition_matrix,
)
from worldsystem.measures.dynamics.transitions import (
    bloc_totals,
    crossing_years,
    group_membership,
    lasting_crossing_index,
    parity_spells,
)
from worldsystem.measures.position import lasting_moves, zone_mobility

__all__ = [
    "TransitionMatrix",
    "beta_convergence",
    "bloc_totals",
    "by_entity",
    "crossing_years",
    "ergodic_distribution",
    "group_membership",
    "homogeneity_test",
    "income_bins",
    "lasting_crossing_index",
    "lasting_moves",
    "mean_first_passage",
    "mobility_indices",
    "mobility_summary",
    "parity_spells",
    "prais",
    "rank_mobility",
    "sigma_convergence",
    "sojourn_times",
    "stochastic_kernel",
    "transition_matrix",
    "zone_mobility",
]
