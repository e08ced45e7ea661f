"""Blockmodels: structural and regular equivalence, blocks ordered into zones.

Family 3 of :mod:`worldsystem.measures.position`: :func:`structural_equivalence`
(correlation, as in CONCOR, or Euclidean), :func:`regular_equivalence_rege`
(REGGE) and :func:`blockmodel_positions`, which clusters a similarity and orders
the blocks into core, semi-periphery and periphery by their flow profile.

References
----------
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
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import _network as net
from worldsystem.measures.position._base import ZONES, _as_matrix, _as_similarity, _breaks_zones

__all__ = [
    "blockmodel_positions",
    "regular_equivalence_rege",
    "structural_equivalence",
]


def structural_equivalence(
    W: Any, *, method: str = "correlation", profile: str = "level"
) -> pd.DataFrame:
    r"""Structural-equivalence similarity of tie profiles (correlation or Euclidean).

    Node :math:`i`'s profile is its row and column, :math:`(w_{i\cdot}, w_{\cdot i})`;
    for the pair :math:`(i, j)` the cells of partners :math:`i` and :math:`j`
    are dropped from both profiles (Wasserman & Faust 1994, sec. 9.3).

    ``method="correlation"``: Pearson correlation of the two profiles (the
    first step of CONCOR, Breiger et al. 1975, as in Snyder & Kick 1979).
    Nodes with a constant profile get similarity 0 to every other node.

    .. math:: s_{ij} = \operatorname{corr}_{k \ne i,j}\bigl((w_{ik}, w_{ki}),
              (w_{jk}, w_{kj})\bigr)

    ``method="euclidean"`` (Burt 1976): :math:`s_{ij} = 1 - d_{ij}/\max d`,

    .. math:: d_{ij} = \Bigl[\sum_{k \ne i,j} (w_{ik}-w_{jk})^2 + (w_{ki}-w_{kj})^2\Bigr]^{1/2} .

    Correlation ignores the level of a profile (a rich and a poor country that
    trade with the same partners in proportion are equivalent); Euclidean
    distance keeps it. On the example world Euclidean SE recovers the planted
    zones and correlation SE does not (``docs/validation.md``), so
    :func:`positions` uses Euclidean by default.

    ``profile="shares"`` compares the *pattern* of ties, not their size: node
    :math:`i`'s profile is its export shares by destination and its import
    shares by origin,

    .. math:: p_i = \Bigl(\frac{w_{ik}}{\sum_l w_{il}},\
              \frac{w_{ki}}{\sum_l w_{li}}\Bigr)_{k},

    so a country whose flows are a scaled copy of another's (every tie times
    the same factor) has the same profile and is structurally equivalent to it
    (unitless shares; a country without exports or imports has zeros there).
    This is the size-free reading of structural equivalence (Snyder & Kick
    1979 blockmodelled 0/1 ties; Smith & White 1992 and Mahutga 2006 took
    role equivalence on commodity-differentiated trade for the same reason).
    On the one-commodity COW total-trade network of 2014 the share profiles
    group countries by their region of trade (the Americas against the rest),
    not by zone, so it is not the default of :func:`positions`
    (``docs/validation.md``).

    Parameters
    ----------
    W : DataFrame or array, n x n
    method : {"correlation", "euclidean"}
        CONCOR is a clustering of a similarity, chosen in
        :func:`blockmodel_positions` (``clustering="concor"``).
    profile : {"level", "shares"}
        Tie values as given (default), or shares of each node's exports and
        imports (Euclidean only).

    Returns
    -------
    DataFrame, n x n, values in [-1, 1].

    Examples
    --------
    >>> W = np.array([[0, 1, 1], [0, 0, 0], [0, 0, 0]])
    >>> float(structural_equivalence(W).iloc[1, 2])
    1.0
    """
    if method not in ("correlation", "euclidean"):
        raise ModelError(
            f"unknown structural-equivalence method {method!r}; "
            "expected 'correlation' or 'euclidean'",
            field="method",
            value=method,
            hint="for CONCOR use blockmodel_positions(..., clustering='concor')",
        )
    if profile not in ("level", "shares"):
        raise ModelError(
            f"unknown structural-equivalence profile {profile!r}; expected 'level' or 'shares'",
            field="profile",
            value=profile,
        )
    if profile == "shares" and method != "euclidean":
        raise ModelError(
            "profile='shares' is defined for method='euclidean' only",
            field="method",
            value=method,
            hint="use structural_equivalence(W, method='euclidean', profile='shares')",
        )
    X, labels = _as_matrix(W)
    if method == "correlation":
        S = net.structural_correlation(X)
    else:
        D = (
            net.structural_euclidean(*net.share_profiles(X))
            if profile == "shares"
            else (net.structural_euclidean(X))
        )
        mx = D.max()
        S = 1.0 - D / mx if mx > 0 else np.ones_like(D)
    return pd.DataFrame(S, index=labels, columns=labels)


def regular_equivalence_rege(
    W: Any, *, iterations: int = 3, max_partners: int | None = None
) -> pd.DataFrame:
    r"""Regular-equivalence similarity by REGGE (White & Reitz 1983; valued, directed).

    The classical REGE of White's REGGE program as used in UCINET and by Smith
    & White (1992): start with :math:`M^0_{ij}=1`; at each iteration every tie
    of :math:`i` (to and from :math:`k`) is matched with the best tie of
    :math:`j` (to and from :math:`m`) weighted by how equivalent :math:`k` and
    :math:`m` are, and vice versa:

    .. math::
       {}_{ij}\!M_{km} = \min(w_{ik}, w_{jm}) + \min(w_{ki}, w_{mj})

       M^{t+1}_{ij} = \frac{\sum_k \max_m M^t_{km}\,{}_{ij}\!M_{km}
                            + \sum_m \max_k M^t_{km}\,{}_{ij}\!M_{km}}
                           {\sum_k (w_{ik}+w_{ki}) + \sum_m (w_{jm}+w_{mj})}

    Outgoing and incoming ties to one alter are matched together (not
    separately as in the "ow" variant). :math:`M_{ii}=1`; two isolates have
    similarity 1. Values are in [0, 1].

    Several relations (``W`` a mapping of name to matrix, e.g. one trade
    network per commodity group, as Smith & White 1992 and Mahutga 2006 used
    REGE on commodity-differentiated trade): the match of alters :math:`k, m`
    sums over the relations, :math:`{}_{ij}\!M_{km} = \sum_r \min(w^r_{ik},
    w^r_{jm}) + \min(w^r_{ki}, w^r_{mj})`, and the denominator sums every
    relation's ties. Two countries that trade the same total with the same
    partners but in different commodities are then not equivalent. The
    relations must share one unit (they are summed).

    Speed: ``max_partners=K`` keeps for each node only its ``K`` strongest
    partners (by :math:`w_{ik}+w_{ki}`), making one iteration
    :math:`O(n^2K^2)` instead of :math:`O(n^4)`; with ``None`` (default) the
    computation is exact.

    Parameters
    ----------
    W : DataFrame or array, n x n, non-negative; or a mapping of such
        One network, or several relations on the same labelled nodes.
    iterations : int
        Number of REGE iterations (3 as in REGGE's default).
    max_partners : int, optional

    Returns
    -------
    DataFrame, n x n

    Examples
    --------
    >>> chain = np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]])  # 0 -> 1 -> 2
    >>> bool(regular_equivalence_rege(chain, iterations=3).iloc[0, 2] < 1.0)
    True
    """
    if isinstance(W, Mapping):
        if not W:
            raise ModelError("no relations given", field="W", hint="pass {'name': matrix, ...}")
        mats = [_as_matrix(w, name=str(k)) for k, w in W.items()]
        labels = mats[0][1]
        for (_, lab), k in zip(mats, W, strict=True):
            if list(lab) != list(labels):
                raise SchemaError(
                    "every relation must have the same nodes in the same order",
                    file=str(k),
                    value=(list(lab)[:3], list(labels)[:3]),
                    hint="reindex every matrix to one list of countries",
                )
        X = np.stack([m for m, _ in mats])
    else:
        X, labels = _as_matrix(W)
    M = net.rege(X, iterations=iterations, max_partners=max_partners)
    return pd.DataFrame(M, index=labels, columns=labels)


def blockmodel_positions(
    W: Any,
    similarity: Any = None,
    *,
    n_blocks: int = 3,
    clustering: str = "average",
) -> pd.DataFrame:
    r"""Blocks of equivalent nodes, ordered into core, semi-periphery and periphery.

    Clustering: ``"average"`` (default), ``"complete"`` or ``"ward"``
    agglomerative clustering on :math:`1 - s_{ij}` cut at ``n_blocks``
    clusters, or ``"concor"`` (Breiger, Boorman & Arabie 1975): the rows of
    the similarity matrix of a block are correlated, and the correlation
    matrix is correlated again, :math:`C^{t+1} = \operatorname{corr}(C^t)`,
    until every entry is :math:`\pm 1`; the sign pattern splits the block in
    two. As in Breiger et al. (and Snyder & Kick 1979, who grouped CONCOR's
    blocks into zones afterwards) every block is split at each level, for
    :math:`\lceil \log_2 n_{blocks} \rceil` levels, so ``n_blocks=3`` gives up
    to four blocks, which the ordering rule below groups into three zones. A
    block whose members have identical (or constant) similarity rows is not
    split, so CONCOR can return fewer blocks than asked: with two blocks the
    result has a core and a periphery and no semi-periphery. A block of two
    members always splits into two singletons (their rows correlate at -1).

    CONCOR does not say which block to split when fewer than :math:`2^k`
    blocks are wanted. Splitting only the largest block makes the result
    hinge on block sizes: on REGE similarities of the example world the first
    split separates core plus semi-periphery from the periphery, and whenever
    the periphery side is the larger the periphery is split while core and
    semi-periphery stay merged (seeds and ARIs: ``docs/validation.md``).
    Splitting every block removes that choice; the flow ordering then puts the
    two periphery halves into one zone.

    Ordering rule (the "flow profile" of a block, after Snyder & Kick 1979
    and Mahutga 2006, where the core block sends and receives the densest
    ties): block :math:`B`'s score is the mean weighted degree of its
    members,

    .. math:: \beta_B = \frac{1}{|B|}\sum_{i \in B}
              \frac{\sum_{j\ne i} (w_{ij} + w_{ji})}{2(n-1)} .

    With three blocks the highest :math:`\beta` is the core, the lowest the
    periphery. With more blocks (e.g. four from CONCOR), block scores are
    grouped into three zones by Fisher's (1958) natural breaks (each block
    counted once per member).

    Parameters
    ----------
    W : DataFrame or array, n x n
        The network used for the ordering.
    similarity : DataFrame or array, optional
        Default ``structural_equivalence(W, method="euclidean")``.
    n_blocks : int
        At least 3.
    clustering : {"average", "complete", "ward", "concor"}

    Returns
    -------
    DataFrame
        Indexed by node: ``block`` (0 = highest score), ``zone``, ``score``
        (:math:`\beta` of the node's block, in the units of ``W``).

    Examples
    --------
    >>> W = np.array([[0, 9, 5, 5, 2, 2], [9, 0, 5, 5, 2, 2], [5, 5, 0, 3, 0, 0],
    ...               [5, 5, 3, 0, 0, 0], [2, 2, 0, 0, 0, 0], [2, 2, 0, 0, 0, 0]])
    >>> blockmodel_positions(W, n_blocks=3).zone.tolist()
    ['core', 'core', 'semi-periphery', 'semi-periphery', 'periphery', 'periphery']
    """
    X, labels = _as_matrix(W)
    n = X.shape[0]
    if n_blocks < 3:
        raise ModelError(
            f"n_blocks={n_blocks}; at least 3 blocks are needed for three zones",
            field="n_blocks",
            value=n_blocks,
        )
    if similarity is None:
        D = net.structural_euclidean(X)
        S = 1.0 - D / D.max() if D.max() > 0 else np.ones_like(D)
    else:
        S = _as_similarity(similarity, n)
    if clustering == "concor":
        blocks = net.concor(S, n_blocks)
    elif clustering in ("average", "complete", "ward"):
        blocks = net.hierarchical_blocks(S, n_blocks, linkage=clustering)
    else:
        raise ModelError(
            f"unknown clustering {clustering!r}",
            field="clustering",
            value=clustering,
            hint="use 'average', 'complete', 'ward' or 'concor'",
        )
    deg = (X.sum(axis=1) + X.sum(axis=0)) / (2.0 * max(n - 1, 1))
    ub = np.unique(blocks)
    bscore = {b: float(deg[blocks == b].mean()) for b in ub}
    ranked = sorted(ub, key=lambda b: -bscore[b])
    new_id = {b: i for i, b in enumerate(ranked)}
    score = np.array([bscore[b] for b in blocks])
    if len(ub) == 3:
        zone = np.array(ZONES)[[new_id[b] for b in blocks]]
    else:
        zone = _breaks_zones(score)
    out = pd.DataFrame(
        {"block": [new_id[b] for b in blocks], "zone": zone, "score": score}, index=labels
    )
    return out
