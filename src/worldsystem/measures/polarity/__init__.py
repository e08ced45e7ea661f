"""Capabilities and the distribution of power: CINC, concentration, polarity.

Pure functions on country-year frames (keys ``iso3``, ``year``; ``ccode`` kept
when present). Nothing here reads files, the clock or global state; the only
randomness is :func:`bootstrap_cinc`, driven by an explicit ``seed``.

Pipeline (one module per step; every public name is re-exported here)
-----------------------------------------------------------------------
1. :mod:`.indices`: a *capability index* turns raw country-year values into within-year shares:
   :func:`cinc` (COW's Composite Index of National Capability), or
   :func:`gdp_share`, :func:`milex_share`, :func:`beckley_net_resources`,
   :func:`nuclear_share`, :func:`combined_index`. Each returns the keys and a
   ``share`` column (for :func:`cinc` also called ``cinc``).
2. :mod:`.concentrations`: :func:`concentration` summarises one year's shares among all states, the
   fixed candidate great powers of each era (:data:`GREAT_POWER_ERAS`), the COW major
   powers or the top *k*: leader and runner-up, Ray-Singer CON, HHI, effective number
   of poles, Mansfield's concentration; :func:`coverage` says whether an index's data
   cover a year's candidates (a state missing from a source is missing, not absent).
3. :mod:`.classify`: :func:`classify_polarity` labels each year unipolar / bipolar / multipolar
   by explicit threshold rules, and :func:`polarity_robustness` reports how many
   (index x threshold) combinations agree with each label.
4. :mod:`.bootstrap`: :func:`bootstrap_cinc` resamples the six CINC components to give intervals
   for shares and for the effective number of poles.
5. :mod:`.tables`: :func:`polarity_table` (headline composite call, every index's call
   side by side, "not enough data" where an index misses a candidate) and
   :func:`capabilities_table` assemble the tables behind ``worldsystem polarity`` and
   ``worldsystem capabilities``.

References: the docstring of each family's module lists its papers.
"""

from __future__ import annotations

from worldsystem.measures.polarity.bootstrap import CincBootstrap, bootstrap_cinc
from worldsystem.measures.polarity.classify import (
    DEFAULT_GRID,
    DEFAULT_THRESHOLDS,
    LABELS,
    classify_polarity,
    polarity_robustness,
)
from worldsystem.measures.polarity.concentrations import (
    COW_MAJORS,
    GREAT_POWER_ERAS,
    candidate_powers,
    concentration,
    coverage,
    major_powers,
)
from worldsystem.measures.polarity.indices import (
    COMPOSITE_DIMENSIONS,
    COW_COMPONENTS,
    INDICES,
    MILITARY_DIMENSIONS,
    available_indices,
    beckley_net_resources,
    capability_shares,
    cinc,
    cinc_difference,
    combined_index,
    gdp_share,
    index_shares,
    milex_share,
    nuclear_share,
)
from worldsystem.measures.polarity.indices import DEFAULT_COLUMNS as DEFAULT_COLUMNS
from worldsystem.measures.polarity.tables import (
    NOT_ENOUGH_DATA,
    capabilities_table,
    polarity_table,
)

__all__ = [
    "COMPOSITE_DIMENSIONS",
    "COW_COMPONENTS",
    "COW_MAJORS",
    "DEFAULT_GRID",
    "DEFAULT_THRESHOLDS",
    "GREAT_POWER_ERAS",
    "INDICES",
    "LABELS",
    "MILITARY_DIMENSIONS",
    "NOT_ENOUGH_DATA",
    "CincBootstrap",
    "available_indices",
    "beckley_net_resources",
    "bootstrap_cinc",
    "candidate_powers",
    "capabilities_table",
    "capability_shares",
    "cinc",
    "cinc_difference",
    "classify_polarity",
    "combined_index",
    "concentration",
    "coverage",
    "gdp_share",
    "index_shares",
    "major_powers",
    "milex_share",
    "nuclear_share",
    "polarity_robustness",
    "polarity_table",
]
