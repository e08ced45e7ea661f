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
   :func:`blockmodel_positions`, which orders blocks into zones.
4. **Multiple networks** (:mod:`.multiplex`) (Snyder & Kick 1979): :func:`multiplex_position`.
5. **The ensemble** (:mod:`.ensemble`, :mod:`.mobility`): :func:`positions`
   (every method, every year, one long frame ``iso3, year, method, zone,
   score``), :func:`position_ensemble`
   (consensus), :func:`method_agreement` (adjusted Rand index, Cohen's kappa, from
   :mod:`worldsystem.measures.agreement`),
   :func:`zone_mobility` and :func:`lasting_moves`.

Zones are always the strings ``"core"``, ``"semi-periphery"`` and
``"periphery"`` (:data:`ZONES`, ordered from top to bottom).

References
----------
Arrighi, G., Drangel, J. (1986). The stratification of the world-economy: an
exploration of the semiperipheral zone. *Review* 10(1):9-74.
Babones, S.J. (2005). The country-level income structure of the world-economy.
*Journal of World-Systems Research* 11(1):29-55. doi:10.5195/jwsr.2005.392
Borgatti, S.P., Everett, M.G. (1999). Models of core/periphery structures.
*Social Networks* 21(4):375-395. doi:10.1016/S0378-8733(99)00019-2
Boyd, J.P., Fitzgerald, W.J., Mahutga, M.C., Smith, D.A. (2010). Computing
continuous core/periphery structures for social relations data with MINRES/SVD.
*Social Networks* 32(2):125-137. doi:10.1016/j.socnet.2009.09.003
Clark, R., Beckfield, J. (2009). A new trichotomous measure of world-system
position using the international trade network. *International Journal of
Comparative Sociology* 50(1):5-38. doi:10.1177/0020715208098615
Snyder, D., Kick, E.L. (1979). Structural position in the world system and
economic growth, 1955-1970. *American Journal of Sociology* 84(5):1096-1126.
doi:10.1086/226902
Smith, D.A., White, D.R. (1992). Structure and dynamics of the global economy:
network analysis of international trade 1965-1980. *Social Forces*
70(4):857-893. doi:10.1093/sf/70.4.857
Mahutga, M.C. (2006). The persistence of structural inequality? A network
analysis of international trade, 1965-2000. *Social Forces* 84(4):1863-1889.
doi:10.1353/sof.2006.0098
White, D.R., Reitz, K.P. (1983). Graph and semigroup homomorphisms on networks
of relations. *Social Networks* 5(2):193-234. doi:10.1016/0378-8733(83)90025-4
Borgatti, S.P., Everett, M.G. (1993). Two algorithms for computing regular
equivalence. *Social Networks* 15(4):361-376. doi:10.1016/0378-8733(93)90012-A
Breiger, R.L., Boorman, S.A., Arabie, P. (1975). An algorithm for clustering
relational data. *Journal of Mathematical Psychology* 12(3):328-383.
doi:10.1016/0022-2496(75)90028-0
Hubert, L., Arabie, P. (1985). Comparing partitions. *Journal of
Classification* 2:193-218. doi:10.1007/BF01908075
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational
and Psychological Measurement* 20(1):37-46. doi:10.1177/001316446002000104
Fisher, W.D. (1958). On grouping for maximum homogeneity. *Journal of the
American Statistical Association* 53(284):789-798. doi:10.1080/01621459.1958.10501479
"""

from __future__ import annotations

from worldsystem.measures.agreement import adjusted_rand_index
from worldsystem.measures.position._base import ZONES
from worldsystem.measures.position.blockmodel import (
    blockmodel_positions,
    regular_equivalence_rege,
    structural_equivalence,
)
from worldsystem.measures.position.coreness import (
    core_periphery_discrete,
    coreness_borgatti_everett,
    three_tier,
    trade_matrix,
)
from worldsystem.measures.position.ensemble import (
    METHODS,
    REGE_EXACT_MAX,
    REGE_TOP_PARTNERS,
    cohen_kappa,
    method_agreement,
    position_ensemble,
    positions,
)
from worldsystem.measures.position.ensemble import (
    RESULT_COLUMNS as RESULT_COLUMNS,
)
from worldsystem.measures.position.income import income_cutpoints, income_zones
from worldsystem.measures.position.mobility import lasting_moves, zone_mobility
from worldsystem.measures.position.multiplex import multiplex_position

__all__ = [
    "METHODS",
    "REGE_EXACT_MAX",
    "REGE_TOP_PARTNERS",
    "ZONES",
    "adjusted_rand_index",
    "blockmodel_positions",
    "cohen_kappa",
    "core_periphery_discrete",
    "coreness_borgatti_everett",
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
    "zone_mobility",
]
