r"""Role equivalence on commodity-differentiated trade from an MRIO table.

Family 3b of :mod:`worldsystem.measures.position`: :func:`commodity_relations`
builds one directed trade network per commodity group from the sector flows of a
multi-regional input-output table (:class:`~worldsystem.panels.mrio.MRIO`), and
:func:`commodity_positions` blockmodels them jointly by multi-relational REGE
(:func:`~worldsystem.measures.position.blockmodel.regular_equivalence_rege`),
as Smith & White (1992) and Mahutga (2006) did with commodity trade.

Why commodities: on a one-commodity total-trade network every method finds that
the partners everyone trades with are the large economies, so a zone there is
close to a size ranking (``docs/validation.md``, "Size-free networks, 2014").
Nemeth & Smith (1985), Smith & White (1992) and Mahutga (2006) separate roles in
the international division of labour by *what* is traded: a country that sells
machinery to everyone and buys raw materials is in a different role from one
that sells raw materials, whatever the totals.

References
----------
Nemeth, R.J., Smith, D.A. (1985). International trade and world-system
structure: a multiple network analysis. *Review (Fernand Braudel Center)*
8(4):517-560.
Smith, D.A., White, D.R. (1992). Structure and dynamics of the global economy:
network analysis of international trade 1965-1980. *Social Forces*
70(4):857-893. doi:10.2307/2580193
Mahutga, M.C. (2006). The persistence of structural inequality? A network
analysis of international trade, 1965-2000. *Social Forces* 84(4):1863-1889.
doi:10.1353/sof.2006.0098
White, D.R., Reitz, K.P. (1983). Graph and semigroup homomorphisms on networks
of relations. *Social Networks* 5(2):193-234. doi:10.1016/0378-8733(83)90025-4
Timmer, M.P., Dietzenbacher, E., Los, B., Stehrer, R., de Vries, G.J. (2015).
An illustrated user guide to the World Input-Output Database: the case of
global automotive production. *Review of International Economics*
23(3):575-605. doi:10.1111/roie.12178
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import _network as net
from worldsystem.measures.position.blockmodel import blockmodel_positions
from worldsystem.panels.mrio import MRIO

__all__ = [
    "COMMODITY_TIES",
    "REST_OF_WORLD",
    "WIOD_COMMODITY_GROUPS",
    "commodity_positions",
    "commodity_relations",
]

#: WIOD 2013 c-code (NACE rev. 1.1 based, Timmer et al. 2015) -> commodity group.
#: Five groups by degree of processing and technology, after the commodity
#: classes of Nemeth & Smith (1985) and Mahutga (2006) (raw materials, light
#: manufactures, processed natural resources, heavy and high-technology
#: manufactures), with services as a fifth relation (goods-trade data have none):
#:
#: - ``primary``: c1 agriculture, hunting, forestry, fishing; c2 mining, quarrying;
#: - ``light``: c3 food, beverages, tobacco; c4 textiles; c5 leather, footwear;
#:   c6 wood; c7 pulp, paper, printing;
#: - ``resource_processing``: c8 coke, refined petroleum, nuclear fuel;
#:   c9 chemicals; c10 rubber, plastics; c11 other non-metallic minerals;
#: - ``heavy_hightech``: c12 basic and fabricated metals; c13 machinery n.e.c.;
#:   c14 electrical and optical equipment; c15 transport equipment;
#:   c16 manufacturing n.e.c., recycling;
#: - ``services``: c17 electricity, gas, water; c18 construction; c19-c35
#:   trade, transport, finance, business, public and personal services.
WIOD_COMMODITY_GROUPS: dict[str, str] = {
    "c1": "primary",
    "c2": "primary",
    **{f"c{i}": "light" for i in range(3, 8)},
    **{f"c{i}": "resource_processing" for i in range(8, 12)},
    **{f"c{i}": "heavy_hightech" for i in range(12, 17)},
    **{f"c{i}": "services" for i in range(17, 36)},
}

#: Region code of an MRIO's rest of the world: a residual of many countries, not a
#: country, so it is never a node of the role networks and never gets a zone.
REST_OF_WORLD = "ROW"

#: Tie values of :func:`commodity_relations`.
COMMODITY_TIES = ("export_share", "total_share", "log1p")


def _group_flows(mrio: MRIO, groups: Mapping[str, str]) -> tuple[list[str], np.ndarray]:
    """Groups in first-seen order and flows ``F[g, r, s]`` (region r's sector group g to s)."""
    missing = [s for s in mrio.sectors if s not in groups]
    if missing:
        raise SchemaError(
            f"sector {missing[0]!r} of the MRIO has no commodity group",
            file="mrio",
            field="sectors",
            value=missing[0],
            hint="pass groups= mapping every sector code to a commodity group "
            "(default WIOD_COMMODITY_GROUPS, the WIOD c1..c35 codes)",
        )
    names = list(dict.fromkeys(groups[s] for s in mrio.sectors))
    nr, ns = mrio.n_regions, mrio.n_sectors
    # deliveries from (r, sector) to region s: intermediate (summed over s's sectors)
    # plus final demand (summed over s's categories)
    to_region = mrio.Z.reshape(nr * ns, nr, ns).sum(axis=2) + mrio.final_demand_by_region()
    to_region = to_region.reshape(nr, ns, nr)
    gi = np.array([names.index(groups[s]) for s in mrio.sectors])
    F = np.zeros((len(names), nr, nr))
    for g in range(len(names)):
        F[g] = to_region[:, gi == g, :].sum(axis=1)
    for g in range(len(names)):
        np.fill_diagonal(F[g], 0.0)  # domestic deliveries are not trade
    return names, F


def commodity_relations(
    mrio: MRIO,
    *,
    groups: Mapping[str, str] | None = None,
    ties: str = "export_share",
    rest: str = REST_OF_WORLD,
) -> dict[str, pd.DataFrame]:
    r"""One directed trade network per commodity group, from an MRIO's sector flows.

    Flow of commodity group :math:`g` from country :math:`r` to country
    :math:`s \ne r` (the MRIO's unit, e.g. USD million): everything the sectors of
    :math:`g` in :math:`r` deliver to :math:`s`, intermediate and final,

    .. math:: x^g_{rs} = \sum_{i \in g} \Bigl(\sum_j Z_{(r,i),(s,j)}
              + \sum_c Y_{(r,i),(s,c)}\Bigr) .

    Tie values (``ties``):

    - ``"export_share"`` (default): the share of :math:`r`'s exports of
      :math:`g` that go to :math:`s`, :math:`w^g_{rs} = x^g_{rs} / \sum_{t \ne r}
      x^g_{rt}` (unitless; negative flows, such as WIOD's inventory changes, count
      as 0; the denominator includes exports to the rest of the world, so a
      country's ties to the table's countries sum to at most 1 in each relation). A
      country that sells the same commodities to the same partners in the same
      proportions as a larger one has the same outgoing ties: its role, not its
      size, is compared (the reason role analyses of the division of labour
      normalise away the level of a country's trade, Nemeth & Smith 1985).
      Incoming ties are the partners' export shares, so a large importer still
      receives larger ties. Each relation is normalised on its own, so a token
      export of a group weighs as much as a country's main export: a raw-material
      exporter that sells a little of everything is compared on the pattern of
      those token ties (a known weakness; see ``"total_share"``).
    - ``"total_share"``: the share of *all* of :math:`r`'s exports (every group,
      every partner) that is group :math:`g` sold to :math:`s`,
      :math:`x^g_{rs} / \sum_h \sum_{t \ne r} x^h_{rt}`, which keeps the export
      mix (a token export weighs as little as it is). REGE still registers the
      presence of a tie, so it does not by itself move a token exporter back to
      the periphery; measured cores of both: ``docs/validation.md``.
    - ``"log1p"``: :math:`\log(1 + x^g_{rs})` of the flow in the MRIO's unit,
      the transform of the trade network of the other methods of
      :func:`~worldsystem.measures.position.positions`.

    The rest of the world (region ``rest``) is not a node: it is a residual of
    many countries. With ``"export_share"`` its flows stay in the denominators.

    Parameters
    ----------
    mrio : MRIO
    groups : mapping of sector code to group name, optional
        Default :data:`WIOD_COMMODITY_GROUPS` (WIOD 2013 c-codes). Every sector
        of the table must be mapped.
    ties : {"export_share", "log1p"}
    rest : str
        Region code of the rest of the world (dropped if present).

    Returns
    -------
    dict of group name -> DataFrame, countries x countries (exporter rows)

    Examples
    --------
    >>> Z = np.zeros((6, 6)); Y = np.zeros((6, 3))
    >>> Z[0, 2] = 6.0; Z[0, 4] = 2.0; Z[1, 4] = 5.0  # region A's sector p to B, C; A's q to C
    >>> Y[2, 2] = 4.0                                 # B's sector p to C's final demand
    >>> m = MRIO(Z=Z, Y=Y, x=np.ones(6), regions=("A", "B", "C"), sectors=("p", "q"))
    >>> rel = commodity_relations(m, groups={"p": "raw", "q": "made"})
    >>> rel["raw"].round(2).to_numpy().tolist()
    [[0.0, 0.75, 0.25], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]]
    >>> rel["made"].loc["A", "C"]
    np.float64(1.0)
    >>> commodity_relations(m, groups={"p": "raw", "q": "made"}, ties="total_share")[
    ...     "raw"].loc["A", "B"].round(3)  # of all 13 that A exports
    np.float64(0.462)
    """
    if ties not in COMMODITY_TIES:
        raise ModelError(
            f"unknown commodity tie value {ties!r}; expected one of {list(COMMODITY_TIES)}",
            field="ties",
            value=ties,
        )
    names, F = _group_flows(mrio, WIOD_COMMODITY_GROUPS if groups is None else groups)
    keep = np.array([r != rest for r in mrio.regions])
    labels = pd.Index([r for r in mrio.regions if r != rest], name="iso3")
    out: dict[str, pd.DataFrame] = {}
    F = np.clip(F, 0.0, None)  # negative deliveries (inventory changes) are no exports
    total = F.sum(axis=(0, 2))[:, None]  # every group, every partner (home flows are 0)
    for g, name in enumerate(names):
        x = F[g]
        if ties in ("export_share", "total_share"):
            tot = total if ties == "total_share" else x.sum(axis=1, keepdims=True)
            with np.errstate(invalid="ignore", divide="ignore"):
                w = np.where(tot > 0, x / tot, 0.0)
        else:
            w = np.log1p(x)
        w = np.clip(w[np.ix_(keep, keep)], 0.0, None)
        out[name] = pd.DataFrame(w, index=labels, columns=labels.copy())
    return out


def commodity_positions(
    mrio: MRIO,
    *,
    groups: Mapping[str, str] | None = None,
    ties: str = "export_share",
    n_blocks: int = 3,
    clustering: str = "concor",
    iterations: int = 3,
    rest: str = REST_OF_WORLD,
) -> pd.DataFrame:
    r"""Zones from REGE role equivalence on commodity-differentiated trade (Smith & White 1992).

    1. :func:`commodity_relations` gives one network per commodity group
       (``ties``, default the exporter's shares).
    2. Multi-relational REGE (White & Reitz 1983; as
       :func:`~worldsystem.measures.position.blockmodel.regular_equivalence_rege`
       with a mapping): two countries are equivalent when they send and receive
       ties of similar value *in the same commodity* to and from equivalent
       partners, summed over the relations (exact REGE, ``iterations``).
    3. :func:`~worldsystem.measures.position.blockmodel.blockmodel_positions`
       clusters the similarities (``clustering``, default two-level CONCOR, as
       the ``blockmodel_rege`` method) and orders the blocks into zones by their
       flow score on the *summed* network :math:`\sum_g \log(1 + x^g_{rs})`
       (the core block sends and receives the densest ties, Snyder & Kick 1979,
       Mahutga 2006). The partition comes from the role similarities alone; only
       the naming of blocks uses the level of trade.

    The rest of the world is a partner in the flows but gets no zone.

    Parameters
    ----------
    mrio : MRIO
    groups, ties, rest
        As :func:`commodity_relations`.
    n_blocks, clustering
        As :func:`~worldsystem.measures.position.blockmodel.blockmodel_positions`.
    iterations : int
        REGE iterations.

    Returns
    -------
    DataFrame
        Indexed by ISO3: ``block``, ``zone``, ``score`` (the block's mean
        weighted degree on the summed ``log1p`` network: a sum of five
        :math:`\log(1 + x)` values, unitless).

    Examples
    --------
    >>> regions = [f"R{i}" for i in range(9)]
    >>> Z = np.zeros((18, 18)); Y = np.zeros((18, 9))
    >>> for r in range(9):
    ...     for s in range(9):
    ...         if r != s:
    ...             Z[2 * r + (1 if r < 3 else 0), 2 * s] = 10.0 if r < 3 else 1.0
    >>> m = MRIO(Z=Z, Y=Y, x=np.ones(18), regions=regions, sectors=("raw", "made"))
    >>> out = commodity_positions(m, groups={"raw": "raw", "made": "made"})
    >>> out.loc[["R0", "R1", "R2"], "zone"].tolist()
    ['core', 'core', 'core']
    """
    rel = commodity_relations(mrio, groups=groups, ties=ties, rest=rest)
    if ties == "log1p":
        level = rel
    else:
        level = commodity_relations(mrio, groups=groups, ties="log1p", rest=rest)
    labels = next(iter(rel.values())).index
    X = np.stack([r.to_numpy() for r in rel.values()])
    S = net.rege(X, iterations=iterations, max_partners=None)
    W = sum(v.to_numpy() for v in level.values())
    bm = blockmodel_positions(W, S, n_blocks=n_blocks, clustering=clustering)
    bm.index = labels
    return bm
