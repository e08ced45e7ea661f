"""World-system position: core, semi-periphery and periphery by every established method.

Five families of method, each a pure function on frames or matrices, one
module per family (every public name is re-exported here):

1. **Income zones** (:mod:`.income`) (Arrighi & Drangel 1986; Babones 2005): cut points of the
   trimodal distribution of log GDP per capita, per year, from density minima
   or a three-component Gaussian mixture (:func:`income_cutpoints`,
   :func:`income_zones`).
2. **Network core-periphery** (:mod:`.coreness`) (Borgatti & Everett 1999) on the weighted trade
   network: continuous coreness (:func:`coreness_borgatti_everett`), the
   discrete core/periphery partition (:func:`core_periphery_discrete`) and the
   three-tier variant after Clark & Beckfield 2009 (:func:`three_tier`).
3. **Blockmodels** (:mod:`.blockmodel`) (Snyder & Kick 1979; Smith & White 1992; Mahutga 2006):
   structural equivalence (:func:`structural_equivalence`, correlation or
   CONCOR), regular equivalence (:func:`regular_equivalence_rege`, REGGE) and
   :func:`blockmodel_positions`, which orders blocks into zones; and
   (:mod:`.commodity`) REGE role equivalence on commodity-differentiated trade
   from an MRIO table's sector flows (:func:`commodity_relations`,
   :func:`commodity_positions`; Smith & White 1992, Mahutga 2006).
4. **Multiple networks** (:mod:`.multiplex`) (Snyder & Kick 1979): :func:`multiplex_position`.
5. **The ensemble** (:mod:`.ensemble`, :mod:`.mobility`): :func:`positions`
   (every method, every year, one long frame ``iso3, year, method, zone,
   score``), :func:`position_ensemble`
   (consensus, weighting the method families income, network and multiplex
   equally), :func:`with_consensus` (the consensus as rows of method
   ``consensus``), :func:`method_agreement` (adjusted Rand index, Cohen's kappa, from
   :mod:`worldsystem.measures.agreement`),
   :func:`zone_mobility` and :func:`lasting_moves`.

Zones are always the strings ``"core"``, ``"semi-periphery"`` and
``"periphery"`` (:data:`ZONES`, ordered from top to bottom).

References: the docstring of each family's module lists its papers.
"""

from __future__ import annotations

from worldsystem.measures.agreement import adjusted_rand_index
from worldsystem.measures.position._base import ZONES
from worldsystem.measures.position.blockmodel import (
    blockmodel_positions,
    regular_equivalence_rege,
    structural_equivalence,
)
from worldsystem.measures.position.commodity import (
    WIOD_COMMODITY_GROUPS,
    commodity_positions,
    commodity_relations,
)
from worldsystem.measures.position.coreness import (
    core_periphery_discrete,
    coreness_borgatti_everett,
    three_tier,
    trade_matrix,
)
from worldsystem.measures.position.ensemble import (
    CONSENSUS,
    CONSENSUS_EXCLUDED,
    METHOD_FAMILIES,
    METHODS,
    REGE_EXACT_MAX,
    REGE_TOP_PARTNERS,
    cohen_kappa,
    family_agreement,
    method_agreement,
    position_ensemble,
    positions,
    with_consensus,
)
from worldsystem.measures.position.ensemble import (
    RESULT_COLUMNS as RESULT_COLUMNS,
)
from worldsystem.measures.position.income import income_cutpoints, income_zones
from worldsystem.measures.position.mobility import lasting_moves, zone_mobility
from worldsystem.measures.position.multiplex import multiplex_position

__all__ = [
    "CONSENSUS",
    "CONSENSUS_EXCLUDED",
    "METHODS",
    "METHOD_FAMILIES",
    "REGE_EXACT_MAX",
    "REGE_TOP_PARTNERS",
    "WIOD_COMMODITY_GROUPS",
    "ZONES",
    "adjusted_rand_index",
    "blockmodel_positions",
    "cohen_kappa",
    "commodity_positions",
    "commodity_relations",
    "core_periphery_discrete",
    "coreness_borgatti_everett",
    "family_agreement",
    "income_cutpoints",
    "income_zones",
    "lasting_moves",
    "method_agreement",
    "multiplex_position",
    "position_ensemble",
    "positions",
    "regular_equivalence_rege",
    "structural_equivalence",
    "three_tier",
    "trade_matrix",
    "with_consensus",
    "zone_mobility",
]
