"""Imperialism indicators: Lenin's five features and military reach, operationalised.

Lenin (1916, ch. 7) lists five features of imperialism: (1) monopolies formed by
the concentration of production and capital; (2) the merging of bank and
industrial capital into finance capital; (3) the export of capital, as distinct
from the export of commodities; (4) international monopolist associations that
divide the world among themselves; (5) the completed territorial division of the
world among the great powers. The seeds add military reach (warheads, bases
abroad, arms exports) and the share of the world economy.

This module turns each feature into the indicators the bundled data allow, each
documented by an :class:`Indicator` in the registry (:func:`indicators`). Where
the bundled data cannot support an operationalisation from the literature (e.g.
Starrs' (2013) profit shares of the Forbes Global 2000), the registry holds its
specification and the dataset it needs, and :func:`indicator_table` emits rows
with a missing value and ``status = "not supported by the bundled data: needs
..."``. Nothing is imputed.

Capital export is a position, not one year's flow: :func:`capital_export` takes the
five-year mean of the FDI flows (stocks are not in the bundled data). On the default
composite the historic imperialist powers (USA, GBR, FRA, DEU, JPN) are in the top
15 of every year 1992-2021 with two documented exceptions
(``tests/data/test_imperialism_real.py``): Japan ranks 16th-24th in most years, as
it has no warheads, almost no arms exports and no wars abroad after 1945 (four of
the nine equal weights are military); the United Kingdom's net FDI flows stay
negative through 2012-20 even as five-year means (it was a net recipient of FDI
flows), so it ranks 15th-21st in 2016-20. The UK ranked 19th in 2014 on one year's
flows (interval 5-70), 7th on the five-year mean (interval 4-17).

Pipeline (one module per step; every public name is re-exported here)
-----------------------------------------------------------------------
0. :mod:`.registry`: the :class:`Indicator` registry.
1. :mod:`.features`: :func:`capital_export`, :func:`economic_weight`, :func:`territorial_reach` and
   :func:`military_reach` compute wide country-year frames of indicators.
2. :mod:`.table`: :func:`indicator_table` stacks them into the long table ``iso3, year, feature,
   indicator, value, unit, rank, status`` (rank 1 = most imperialist-like among
   the countries with data that year, ties share the best rank).
3. :mod:`.composite_index`: :func:`composite` combines indicators with explicit weights after a
   within-year normalisation; :func:`rank_sensitivity` re-ranks under many
   Dirichlet weight draws, so users can see whether a ranking depends on weights.

Input frames (column names through ``columns=``)
-------------------------------------------------
- country-year ``cy``: ``iso3, year`` and, as available, ``gdp_usd`` (GDP,
  million current USD), ``gdp_ppp`` (GDP at PPP, any constant unit),
  ``fdi_out_pct_gdp`` / ``fdi_in_pct_gdp`` (FDI net outflows / inflows, % of GDP,
  WDI), ``milex_usd`` (military expenditure, million current USD, SIPRI),
  ``warheads`` (FAS stockpile estimates). The rows of ``cy`` define the universe of
  countries for each year (region or world aggregates must not be included);
- trade dyads ``iso3_o, iso3_d, year, flow_musd_current`` (see
  :mod:`worldsystem.measures.dependence`);
- arms dyads ``iso3_o, iso3_d, year, tiv`` (``tiv_millions`` is accepted);
- UCDP/PRIO participants ``conflict_id, year, side, iso3, type_of_conflict``;
- US troops by host ``iso3, year, troops_ad`` and Vine's US bases list ``iso3``.

References: the docstring of each family's module lists its papers.
"""

from __future__ import annotations

from worldsystem.measures.imperialism.composite_index import Normalise as Normalise
from worldsystem.measures.imperialism.composite_index import (
    check_weights,
    composite,
    rank_sensitivity,
)
from worldsystem.measures.imperialism.features import (
    capital_export,
    economic_weight,
    military_reach,
    territorial_reach,
)
from worldsystem.measures.imperialism.registry import (
    DEFAULT_COLUMNS,
    DEFAULT_WEIGHTS,
    FEATURES,
    Indicator,
    get_indicator,
    indicators,
    registry_table,
)
from worldsystem.measures.imperialism.registry import UNSUPPORTED_PREFIX as UNSUPPORTED_PREFIX
from worldsystem.measures.imperialism.registry import US_ONLY_STATUS as US_ONLY_STATUS
from worldsystem.measures.imperialism.table import indicator_table

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "Indicator",
    "capital_export",
    "check_weights",
    "composite",
    "economic_weight",
    "get_indicator",
    "indicator_table",
    "indicators",
    "military_reach",
    "rank_sensitivity",
    "registry_table",
    "territorial_reach",
]
