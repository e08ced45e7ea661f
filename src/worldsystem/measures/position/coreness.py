"""Network core-periphery on the weighted trade network.

Family 2 of :mod:`worldsystem.measures.position`: :func:`trade_matrix` builds a
year's network; :func:`coreness_borgatti_everett` (continuous coreness),
:func:`core_periphery_discrete` (the discrete partition) and :func:`three_tier`
(the nested three-tier variant after Clark & Beckfield 2009, or natural breaks
of the coreness).

References
----------
Borgatti, S.P., Everett, M.G. (1999). Models of core/periphery structures.
*Social Networks* 21(4):375-395. doi:10.1016/S0378-8733(99)00019-2
Boyd, J.P., Fitzgerald, W.J., Mahutga, M.C., Smith, D.A. (2010). Computing
continuous core/periphery structures for social relations data with MINRES/SVD.
*Social Networks* 32(2):125-137. doi:10.1016/j.socnet.2009.09.003
Clark, R., Beckfield, J. (2009). A new trichotomous measure of world-system
position using the international trade network. *International Journal of
Comparative Sociology* 50(1):5-38. doi:10.1177/0020715208098615
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError
from worldsystem.core.schema import require_columns
from worldsystem.measures import _network as net
from worldsystem.measures.position._base import _as_matrix, _bare, _breaks_zones

__all__ = [
    "core_periphery_discrete",
    "coreness_borgatti_everett",
    "three_tier",
    "trade_matrix",
]


def trade_matrix(
    dyads: pd.DataFrame,
    year: int,
    *,
    weight_col: str = "flow_musd",
    countries: Sequence[str] | None = None,
    transform: str = "log1p",
) -> pd.DataFrame:
    r"""Weighted directed adjacency matrix of one year from a dyad-year frame.

    ``W[o, d]`` is the flow from ``iso3_o`` to ``iso3_d`` (for trade, exports
    of ``o`` to ``d``); several rows for one dyad are summed, missing flows
    are 0, the diagonal is 0.

    .. math::
       W^{\text{log1p}}_{od} = \ln(1 + x_{od}), \qquad
       W^{\text{share}}_{od} = x_{od} / \textstyle\sum_{ab} x_{ab}

    Parameters
    ----------
    dyads : DataFrame
        ``iso3_o, iso3_d, year, <weight_col>``; weights in the source's unit
        (e.g. current million USD). Negative values (missing-value sentinels)
        are treated as missing.
    year : int
    weight_col : str
    countries : sequence of str, optional
        Rows/columns of the result, in this order (countries without flows
        get zero rows). Default: every country in a dyad of that year, sorted.
    transform : {"log1p", "raw", "share"}

    Returns
    -------
    DataFrame
        Square, labelled by ISO3 on both axes.

    Examples
    --------
    >>> d = pd.DataFrame({"iso3_o": ["A", "B"], "iso3_d": ["B", "A"], "year": 2000,
    ...                   "flow_musd": [3.0, 1.0]})
    >>> trade_matrix(d, 2000, transform="raw").to_numpy().tolist()
    [[0.0, 3.0], [1.0, 0.0]]
    """
    if transform not in ("log1p", "raw", "share"):
        raise ModelError(
            f"unknown transform {transform!r}; expected 'log1p', 'raw' or 'share'",
            field="transform",
            value=transform,
        )
    require_columns(dyads, ["iso3_o", "iso3_d", "year", weight_col], name="dyad-year frame")
    dyads = _bare(dyads)
    d = dyads.loc[dyads["year"] == year, ["iso3_o", "iso3_d", weight_col]]
    w = pd.to_numeric(d[weight_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    valid = np.isfinite(w) & (w >= 0)
    o_lab = d["iso3_o"][valid].reset_index(drop=True)
    d_lab = d["iso3_d"][valid].reset_index(drop=True)
    m = len(o_lab)
    # factorize works on Arrow-backed strings without a Python loop over the rows
    codes, uniq = pd.factorize(pd.concat([o_lab, d_lab], ignore_index=True))
    uniq = np.asarray(uniq, dtype=object)
    if countries is None:
        countries = sorted(v for v in uniq if isinstance(v, str) or pd.notna(v))
    idx = pd.Index(list(countries))
    n = len(idx)
    X = np.zeros((n, n))
    if m:
        pos = idx.get_indexer(pd.Index(uniq))
        ro = np.where(codes[:m] >= 0, pos[codes[:m]], -1)
        co = np.where(codes[m:] >= 0, pos[codes[m:]], -1)
        ok = (ro >= 0) & (co >= 0)
        np.add.at(X, (ro[ok], co[ok]), w[valid][ok])
    np.fill_diagonal(X, 0.0)
    if transform == "log1p":
        X = np.log1p(X)
    elif transform == "share":
        s = X.sum()
        if s > 0:
            X = X / s
    return pd.DataFrame(X, index=idx, columns=idx)


def coreness_borgatti_everett(W: Any, *, max_iter: int = 500, tol: float = 1e-9) -> pd.Series:
    r"""Continuous coreness of Borgatti & Everett (1999).

    The network is symmetrised, :math:`a_{ij} = (w_{ij} + w_{ji})/2`, and the
    coreness vector :math:`c \ge 0` maximises the Pearson correlation over
    the off-diagonal cells

    .. math:: \rho(c) = \operatorname{corr}_{i \ne j}\bigl(a_{ij},\ c_i c_j\bigr).

    Algorithm: a start from the MINRES fixed point of Boyd et al. (2010),
    :math:`c_i \leftarrow \sum_{j\ne i} a_{ij}c_j / \sum_{j \ne i} c_j^2`, then
    L-BFGS-B on :math:`-\rho` with the analytic gradient
    :math:`\partial\rho/\partial c_k = 2\sum_{j\ne k} G_{kj} c_j`,
    :math:`G = \tilde a/(\|\tilde a\|\|\tilde p\|) - \rho\,\tilde p/\|\tilde p\|^2`
    (tildes: centred off-diagonal cells of :math:`a` and :math:`p = cc^T`).
    Because :math:`\rho` is invariant to the scale of :math:`c`, :math:`c` is
    normalised to :math:`\sum_i c_i^2 = 1` (UCINET's normalisation).

    Parameters
    ----------
    W : DataFrame or array, n x n
        Non-negative tie weights (e.g. ``trade_matrix(..., transform="log1p")``).
    max_iter, tol : int, float
        L-BFGS-B iteration limit and relative tolerance on :math:`\rho`.

    Returns
    -------
    Series
        Coreness per node (unitless, :math:`\|c\|=1`); ``attrs["fit"]`` is
        :math:`\rho`.

    Raises
    ------
    ModelError
        Fewer than 3 nodes or constant ties.

    Examples
    --------
    >>> W = np.array([[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]])
    >>> c = coreness_borgatti_everett(W)
    >>> bool(c[0] > c[2] and c[1] > c[3])
    True
    """
    X, labels = _as_matrix(W)
    A = net.symmetrise(X)
    c, r, _ = net.continuous_coreness(A, max_iter=max_iter, tol=tol)
    out = pd.Series(c, index=labels, name="coreness")
    out.attrs["fit"] = r
    return out


def core_periphery_discrete(
    W: Any,
    *,
    seed: int = 0,
    cp_ties: str = "ignore",
    coreness: pd.Series | np.ndarray | None = None,
) -> pd.Series:
    r"""Discrete core/periphery partition of Borgatti & Everett (1999).

    Chooses the core set :math:`C` maximising the correlation between the
    symmetrised ties :math:`a_{ij}` (:math:`i<j`) and the ideal pattern

    .. math:: \delta_{ij} = \begin{cases}1 & i, j \in C\\ 0 & i, j \notin C\\
              \text{per } \texttt{cp\_ties} & \text{otherwise}\end{cases}

    where ``cp_ties="ignore"`` leaves core-periphery cells out of the
    correlation (B&E's model with the off-diagonal blocks missing; default),
    ``"one"`` sets them to 1 and ``"zero"`` to 0.

    Search: every prefix of the continuous-coreness ranking is scored (the
    best is kept), then greedy single-node moves between core and periphery
    (the best improving move each pass, a Kernighan-Lin-style local search)
    until no move raises the fit. ``seed`` breaks exact ties between moves.

    Parameters
    ----------
    W : DataFrame or array, n x n
    seed : int
    cp_ties : {"ignore", "one", "zero"}
    coreness : Series or array, optional
        Ranking to start from (default: :func:`coreness_borgatti_everett`).

    Returns
    -------
    Series of bool
        True for core members; ``attrs["fit"]`` is the correlation.

    Examples
    --------
    >>> W = np.array([[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]])
    >>> core_periphery_discrete(W).tolist()
    [True, True, False, False]
    """
    X, labels = _as_matrix(W)
    A = net.symmetrise(X)
    if coreness is None:
        c, _, _ = net.continuous_coreness(A)
    else:
        c = np.asarray(coreness, dtype=float)
    order = np.argsort(-c, kind="stable")
    z, r = net.discrete_core(A, order, cp_ties=cp_ties, rng=np.random.default_rng(seed))
    out = pd.Series(z, index=labels, name="core")
    out.attrs["fit"] = r
    return out


def three_tier(
    W: Any = None,
    *,
    coreness: pd.Series | np.ndarray | None = None,
    method: str = "nested",
    seed: int = 0,
    cp_ties: str = "one",
) -> pd.Series:
    r"""Core / semi-periphery / periphery from core-periphery models.

    ``method="nested"`` (after Clark & Beckfield 2009, who apply Borgatti &
    Everett's discrete model twice): the discrete core of the whole network is
    the core; the discrete model is then fitted again to the network among the
    non-core countries, and its core is the semi-periphery; the rest is the
    periphery. Needs ``W``. The second stage starts its search from the
    first-stage coreness ranking of the non-core countries.

    The ideal pattern defaults to Borgatti & Everett's (1999) original
    definition, ``cp_ties="one"``: :math:`\delta_{ij} = 1` when :math:`i` or
    :math:`j` is in the core, so the core is tied to every country and the
    periphery only to the core. This is the world-system image of a hierarchy
    (Snyder & Kick 1979: the core trades with all zones, the periphery mainly
    with the core), applied at both stages: the semi-periphery is the core of
    the non-core, tied to its own members and to the periphery. With
    ``cp_ties="ignore"`` (B&E's relaxation, core-periphery cells missing) the
    first stage only asks for a dense core block and a sparse periphery block,
    so a semi-periphery that trades densely with itself joins the core
    (recovery of the example world's zones under both: ``docs/validation.md``).

    ``method="breaks"``: the continuous coreness (given, or computed from
    ``W``) is split into three classes by Fisher's (1958) exact 1-D natural
    breaks, minimising the within-class sum of squares

    .. math:: \sum_{z=1}^{3} \sum_{i \in z} (c_i - \bar c_z)^2 .

    Parameters
    ----------
    W : DataFrame or array, optional
    coreness : Series or array, optional
    method : {"nested", "breaks"}
    seed : int
        Breaks exact ties in the local search.
    cp_ties : {"one", "ignore", "zero"}
        Core-periphery cells of the ideal pattern at both stages (see
        :func:`core_periphery_discrete`); default ``"one"``.

    Returns
    -------
    Series of str
        Zone per node.

    Examples
    --------
    >>> three_tier(coreness=np.array([0.9, 0.8, 0.5, 0.45, 0.1, 0.05]),
    ...            method="breaks").tolist()
    ['core', 'core', 'semi-periphery', 'semi-periphery', 'periphery', 'periphery']
    """
    if method == "breaks":
        if coreness is None:
            if W is None:
                raise ModelError("three_tier(method='breaks') needs W or coreness", field="W")
            coreness = coreness_borgatti_everett(W)
        c = coreness.to_numpy() if isinstance(coreness, pd.Series) else np.asarray(coreness)
        labels = coreness.index if isinstance(coreness, pd.Series) else pd.RangeIndex(len(c))
        return pd.Series(_breaks_zones(c.astype(float)), index=labels, name="zone")
    if method != "nested":
        raise ModelError(
            f"unknown three_tier method {method!r}; expected 'nested' or 'breaks'",
            field="method",
            value=method,
        )
    if W is None:
        raise ModelError("three_tier(method='nested') needs the network W", field="W")
    X, labels = _as_matrix(W)
    A = net.symmetrise(X)
    if coreness is None:
        c, _, _ = net.continuous_coreness(A)
    else:
        c = np.asarray(coreness, dtype=float)
    z1, _ = net.discrete_core(
        A, np.argsort(-c, kind="stable"), cp_ties=cp_ties, rng=np.random.default_rng(seed)
    )
    zone = np.where(z1, "core", "periphery").astype(object)
    rest = np.flatnonzero(~z1)
    if len(rest) >= 3:
        Ar = A[np.ix_(rest, rest)]
        if np.ptp(Ar[~np.eye(len(rest), dtype=bool)]) > 0:
            # Start the second stage from the first-stage coreness ranking of the
            # non-core; the local search then maximises the fit on the subnetwork.
            z2, _ = net.discrete_core(
                Ar,
                np.argsort(-c[rest], kind="stable"),
                cp_ties=cp_ties,
                rng=np.random.default_rng(seed),
            )
            zone[rest[z2]] = "semi-periphery"
    return pd.Series(zone.astype(str), index=labels, name="zone")
