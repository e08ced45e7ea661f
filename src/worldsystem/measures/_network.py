"""Array kernels for network positions (private; see :mod:`worldsystem.measures.position`).

Every function takes plain ``numpy`` arrays (a square, non-negative weight
matrix ``X`` with ``X[i, j]`` the tie from ``i`` to ``j``) and returns arrays.
The public wrappers in ``position`` add labels, validation and documentation of
the methods; the docstrings here state only the computation.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize
from scipy.cluster import hierarchy
from scipy.spatial.distance import squareform

from worldsystem.core.errors import ModelError

__all__ = [
    "concor",
    "continuous_coreness",
    "discrete_core",
    "discrete_fit",
    "fisher_breaks",
    "hierarchical_blocks",
    "rege",
    "share_profiles",
    "structural_correlation",
    "structural_euclidean",
    "symmetrise",
]


def symmetrise(X: np.ndarray) -> np.ndarray:
    """``(X + X^T) / 2`` with the diagonal set to zero."""
    A = (X + X.T) / 2.0
    np.fill_diagonal(A, 0.0)
    return A


# --------------------------------------------------------------------------- #
# Continuous core-periphery (Borgatti & Everett 1999)
# --------------------------------------------------------------------------- #


def _corr_and_grad(c: np.ndarray, At: np.ndarray, a_norm: float, off: np.ndarray):
    """Correlation of centred off-diagonal ``At`` with ``c c^T`` and its gradient in ``c``."""
    P = np.outer(c, c)
    m = P[off].mean()
    Pt = (P - m) * off
    p_norm = np.sqrt((Pt * Pt).sum())
    if p_norm == 0.0:
        return 0.0, np.zeros_like(c)
    r = float((At * Pt).sum() / (a_norm * p_norm))
    G = At / (a_norm * p_norm) - r * Pt / (p_norm * p_norm)
    return r, 2.0 * (G @ c)


def continuous_coreness(
    A: np.ndarray, *, max_iter: int = 500, tol: float = 1e-9
) -> tuple[np.ndarray, float, int]:
    """Coreness ``c`` maximising ``corr(A_ij, c_i c_j)`` over ``i != j`` for symmetric ``A``.

    Returns ``(c, r, n_iter)`` with ``c >= 0``, ``||c||_2 = 1``.
    """
    n = A.shape[0]
    off = ~np.eye(n, dtype=bool)
    vals = A[off]
    if n < 3 or np.ptp(vals) == 0.0:
        raise ModelError(
            f"the network has {n} nodes and {'constant' if n >= 3 else 'too few'} ties; "
            "core-periphery needs at least 3 nodes and ties that vary",
            value=n,
            hint="drop empty years or use a network with at least 3 connected countries",
        )
    At = (A - vals.mean()) * off
    a_norm = float(np.sqrt((At * At).sum()))
    # Start: MINRES fixed point c_i <- sum_j a_ij c_j / sum_{j != i} c_j^2 (Boyd et al. 2010).
    c = A.sum(axis=1)
    c = c / max(np.linalg.norm(c), 1e-300)
    for _ in range(20):
        s = (c * c).sum() - c * c
        c_new = (A @ c) / np.where(s > 0, s, 1.0)
        nrm = np.linalg.norm(c_new)
        if nrm == 0:
            break
        c_new /= nrm
        if np.abs(c_new - c).max() < 1e-10:
            c = c_new
            break
        c = c_new
    c = np.maximum(c, 1e-6)

    def fun(x):
        r, g = _corr_and_grad(x, At, a_norm, off)
        return -r, -g

    res = optimize.minimize(
        fun,
        c,
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * n,
        options={"maxiter": max_iter, "ftol": tol, "gtol": 1e-10},
    )
    c = np.asarray(res.x, dtype=float)
    nrm = np.linalg.norm(c)
    c = c / nrm if nrm > 0 else c
    r, _ = _corr_and_grad(c, At, a_norm, off)
    return c, float(r), int(res.nit)


# --------------------------------------------------------------------------- #
# Discrete core-periphery (Borgatti & Everett 1999)
# --------------------------------------------------------------------------- #

_CP_PATTERNS = ("ignore", "one", "zero")


def _point_biserial(n1, s1, q1, n0, s0, q0):
    """Correlation of values with a 0/1 pattern from group counts, sums and sums of squares."""
    n = n1 + n0
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = (s1 + s0) / n
        var = (q1 + q0) / n - mean * mean
        diff = s1 / n1 - s0 / n0
        r = diff * np.sqrt(n1 * n0) / n / np.sqrt(var)
    r = np.where((n1 > 0) & (n0 > 0) & (var > 1e-15), r, -np.inf)
    return r


def _block_stats(z: np.ndarray, A: np.ndarray, A2: np.ndarray, tot: float, tot2: float):
    """Pair counts, sums and sums of squares in the CC, PP and CP blocks (unordered pairs)."""
    zf = z.astype(float)
    nc = zf.sum()
    n = len(z)
    Az, A2z = A @ zf, A2 @ zf
    s_cc = float(zf @ Az) / 2.0
    q_cc = float(zf @ A2z) / 2.0
    pf = 1.0 - zf
    s_pp = float(pf @ (A @ pf)) / 2.0
    q_pp = float(pf @ (A2 @ pf)) / 2.0
    n_cc = nc * (nc - 1) / 2.0
    n_pp = (n - nc) * (n - nc - 1) / 2.0
    n_cp = nc * (n - nc)
    return {
        "cc": (n_cc, s_cc, q_cc),
        "pp": (n_pp, s_pp, q_pp),
        "cp": (n_cp, tot - s_cc - s_pp, tot2 - q_cc - q_pp),
    }


def _fit_from_blocks(cc, pp, cp, pattern: str):
    if pattern == "ignore":
        g1, g0 = cc, pp
    elif pattern == "one":
        g1 = tuple(a + b for a, b in zip(cc, cp, strict=True))
        g0 = pp
    else:
        g1 = cc
        g0 = tuple(a + b for a, b in zip(pp, cp, strict=True))
    return _point_biserial(*g1, *g0)


def discrete_fit(A: np.ndarray, z: np.ndarray, *, cp_ties: str = "ignore") -> float:
    """Correlation between ``A`` (symmetric, off-diagonal) and the ideal core/periphery pattern."""
    A2 = A * A
    st = _block_stats(z, A, A2, A.sum() / 2.0, A2.sum() / 2.0)
    r = _fit_from_blocks(st["cc"], st["pp"], st["cp"], cp_ties)
    return float(r)


def discrete_core(
    A: np.ndarray,
    order: np.ndarray,
    *,
    cp_ties: str = "ignore",
    max_passes: int = 200,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, float]:
    """Core set maximising :func:`discrete_fit`: best prefix of ``order``, then greedy flips.

    ``order`` ranks nodes from most to least core-like (e.g. by continuous
    coreness). Each prefix ``order[:k]`` (``k = 1..n-1``) is scored and the best
    kept; then single-node flips (core <-> periphery) are applied, always the one
    that raises the fit most, until none does. ``rng`` breaks exact ties.
    """
    if cp_ties not in _CP_PATTERNS:
        raise ModelError(
            f"unknown cp_ties {cp_ties!r}; expected one of {_CP_PATTERNS}",
            field="cp_ties",
            value=cp_ties,
        )
    n = A.shape[0]
    A2 = A * A
    tot, tot2 = A.sum() / 2.0, A2.sum() / 2.0
    # Prefix scan with cumulative sums over the ordering.
    Ao = A[np.ix_(order, order)]
    A2o = A2[np.ix_(order, order)]
    k = np.arange(1, n + 1, dtype=float)
    # s_cc(k) = sum over pairs within the first k: cumulative of row sums over lower triangle.
    low = np.tril(Ao, -1).sum(axis=1)
    low2 = np.tril(A2o, -1).sum(axis=1)
    s_cc = np.cumsum(low)
    q_cc = np.cumsum(low2)
    upper = np.triu(Ao, 1)
    upper2 = np.triu(A2o, 1)
    # s_pp(k) = pairs within positions k..n-1: reverse cumulative of upper-triangle row sums.
    row_up = upper.sum(axis=1)
    row_up2 = upper2.sum(axis=1)
    s_pp = np.concatenate([np.cumsum(row_up[::-1])[::-1][1:], [0.0]])
    q_pp = np.concatenate([np.cumsum(row_up2[::-1])[::-1][1:], [0.0]])
    n_cc = k * (k - 1) / 2.0
    n_pp = (n - k) * (n - k - 1) / 2.0
    n_cp = k * (n - k)
    r = _fit_from_blocks(
        (n_cc, s_cc, q_cc),
        (n_pp, s_pp, q_pp),
        (n_cp, tot - s_cc - s_pp, tot2 - q_cc - q_pp),
        cp_ties,
    )
    r[-1] = -np.inf  # everyone in the core is not a partition
    best_k = int(np.argmax(r)) + 1
    z = np.zeros(n, dtype=bool)
    z[order[:best_k]] = True
    best = float(r[best_k - 1])
    rowsum, rowsum2 = A.sum(axis=1), A2.sum(axis=1)
    for _ in range(max_passes):
        zf = z.astype(float)
        st = _block_stats(z, A, A2, tot, tot2)
        Az, A2z = A @ zf, A2 @ zf
        nc = zf.sum()
        sign = np.where(z, -1.0, 1.0)  # -1: leaves the core, +1: joins it
        # Joining: CC gains ties to current core; PP loses ties to the rest of the periphery.
        # Leaving: CC loses ties to the rest of the core; PP gains ties to the periphery.
        d_ncc = np.where(z, -(nc - 1), nc)
        d_npp = np.where(z, n - nc, -(n - nc - 1))
        d_scc = sign * Az
        d_qcc = sign * A2z
        d_spp = -sign * (rowsum - Az)
        d_qpp = -sign * (rowsum2 - A2z)
        ncc = st["cc"][0] + d_ncc
        npp = st["pp"][0] + d_npp
        scc = st["cc"][1] + d_scc
        qcc = st["cc"][2] + d_qcc
        spp = st["pp"][1] + d_spp
        qpp = st["pp"][2] + d_qpp
        ncp = n * (n - 1) / 2.0 - ncc - npp
        cand = _fit_from_blocks(
            (ncc, scc, qcc),
            (npp, spp, qpp),
            (ncp, tot - scc - spp, tot2 - qcc - qpp),
            cp_ties,
        )
        # A flip that empties the core or the periphery is not allowed.
        cand = np.where((nc + sign >= 1) & (nc + sign <= n - 1), cand, -np.inf)
        top = cand.max()
        if not np.isfinite(top) or top <= best + 1e-12:
            break
        winners = np.flatnonzero(cand >= top - 1e-15)
        v = int(winners[0] if rng is None or len(winners) == 1 else rng.choice(winners))
        z[v] = not z[v]
        best = float(top)
    return z, best


# --------------------------------------------------------------------------- #
# One-dimensional natural breaks (exact k-means in 1-D)
# --------------------------------------------------------------------------- #


def fisher_breaks(x: np.ndarray, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Optimal 1-D partition into ``k`` ordered classes minimising within-class squared error.

    Exact dynamic programme (Fisher 1958). Returns ``(labels, cuts)``: ``labels``
    in ``0..k-1`` increasing with ``x`` and ``k-1`` cut values (midpoints between
    the classes). With fewer than ``k`` distinct values, fewer classes are used.
    """
    x = np.asarray(x, dtype=float)
    n = len(x)
    order = np.argsort(x, kind="stable")
    xs = x[order]
    k_eff = min(k, len(np.unique(xs)))
    if k_eff <= 1:
        return np.zeros(n, dtype=int), np.array([])
    c1 = np.concatenate([[0.0], np.cumsum(xs)])
    c2 = np.concatenate([[0.0], np.cumsum(xs * xs)])

    # SSE[i, j]: squared error of items i..j-1 as one class (i < j).
    ii = np.arange(n + 1)[:, None]
    jj = np.arange(n + 1)[None, :]
    cnt = np.maximum(jj - ii, 1)
    ssum = c1[None, :] - c1[:, None]
    SSE = (c2[None, :] - c2[:, None]) - ssum * ssum / cnt
    SSE = np.where(jj > ii, np.maximum(SSE, 0.0), np.inf)
    # cost[c][j]: best cost of the first j items in c classes; back[c][j]: start of the last.
    cost = np.full((k_eff + 1, n + 1), np.inf)
    back = np.zeros((k_eff + 1, n + 1), dtype=int)
    cost[1, 1:] = SSE[0, 1:]
    for c in range(2, k_eff + 1):
        tot = cost[c - 1][:, None] + SSE  # (start i, end j)
        back[c] = np.argmin(tot, axis=0)
        cost[c] = tot[back[c], np.arange(n + 1)]
    starts = []
    j = n
    for c in range(k_eff, 1, -1):
        i = back[c, j]
        starts.append(i)
        j = i
    starts = sorted(starts)
    lab_sorted = np.searchsorted(np.array(starts), np.arange(n), side="right")
    labels = np.empty(n, dtype=int)
    labels[order] = lab_sorted
    cuts = np.array([(xs[s - 1] + xs[s]) / 2.0 for s in starts])
    return labels, cuts


# --------------------------------------------------------------------------- #
# Equivalence and blockmodels
# --------------------------------------------------------------------------- #


def structural_correlation(X: np.ndarray) -> np.ndarray:
    """Pearson correlation of the profiles ``[X[i, :], X[:, i]]``, excluding the pair's own cells.

    For the pair ``(i, j)`` the entries for partners ``i`` and ``j`` are dropped
    from both profiles (Wasserman & Faust 1994, sec. 9.3), leaving ``2(n-2)``
    entries. Computed for all pairs at once from sums, sums of squares and the
    Gram matrix of the full profiles (the diagonal of ``X`` is zero, so the
    dropped cells add nothing to the cross products).
    """
    n = X.shape[0]
    X = np.array(X, dtype=float)
    np.fill_diagonal(X, 0.0)
    prof = np.hstack([X, X.T])
    G = prof @ prof.T
    T = prof.sum(axis=1)
    Q = (prof * prof).sum(axis=1)
    m = 2.0 * (n - 2)
    if m <= 1:
        return np.eye(n)
    pair_s = X + X.T  # x_ij + x_ji
    pair_q = X * X + (X * X).T
    Si = T[:, None] - pair_s
    Sj = T[None, :] - pair_s
    Qi = Q[:, None] - pair_q
    Qj = Q[None, :] - pair_q
    cov = G - Si * Sj / m
    vi = Qi - Si * Si / m
    vj = Qj - Sj * Sj / m
    with np.errstate(invalid="ignore", divide="ignore"):
        R = cov / np.sqrt(vi * vj)
    R = np.where((vi > 1e-12 * (1 + Qi)) & (vj > 1e-12 * (1 + Qj)), R, 0.0)
    np.fill_diagonal(R, 1.0)
    return np.clip(R, -1.0, 1.0)


def share_profiles(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Export and import shares: row ``i`` holds ``x_ik / sum_l x_il`` and ``x_ki / sum_l x_li``.

    A node without exports (imports) gets a zero row in the first (second) matrix.
    """
    X = np.array(X, dtype=float)
    np.fill_diagonal(X, 0.0)
    out = X.sum(axis=1, keepdims=True)
    inn = X.sum(axis=0, keepdims=True)
    S_out = np.divide(X, out, out=np.zeros_like(X), where=out > 0)
    S_in = np.divide(X, inn, out=np.zeros_like(X), where=inn > 0).T
    return S_out, S_in


def structural_euclidean(X: np.ndarray, Y: np.ndarray | None = None) -> np.ndarray:
    """Euclidean distance of the profiles ``[X[i, :], Y[i, :]]``, excluding the pair's own cells.

    ``Y`` defaults to ``X.T`` (the in-ties), giving
    ``d_ij^2 = sum_{k != i,j} (x_ik - x_jk)^2 + (x_ki - x_kj)^2`` (Burt 1976).
    Both matrices must have a zero diagonal.
    """
    X = np.array(X, dtype=float)
    np.fill_diagonal(X, 0.0)
    Y = X.T.copy() if Y is None else np.array(Y, dtype=float)
    np.fill_diagonal(Y, 0.0)
    prof = np.hstack([X, Y])
    G = prof @ prof.T
    Q = (prof * prof).sum(axis=1)
    dropped = X * X + Y * Y  # [i, j]: the cells of partner j in i's profile
    D2 = (Q[:, None] - dropped) + (Q[None, :] - dropped.T) - 2.0 * G
    D2 = np.maximum(D2, 0.0)
    np.fill_diagonal(D2, 0.0)
    return np.sqrt(D2)


def rege(X: np.ndarray, *, iterations: int = 3, max_partners: int | None = None) -> np.ndarray:
    """REGGE similarities for a valued directed network (see ``regular_equivalence_rege``).

    ``X`` is one ``n x n`` network or a stack ``R x n x n`` of relations on the same
    nodes (e.g. one trade network per commodity); with several relations the match
    of a pair of alters sums the tie minima over the relations, as in White's REGGE
    for multiple relations, and partners are ranked by their tie strength summed over
    the relations.
    """
    X = np.array(X, dtype=float)
    if X.ndim == 2:
        X = X[None]
    R, n = X.shape[0], X.shape[1]
    for r in range(R):
        np.fill_diagonal(X[r], 0.0)
    strength = (X + X.transpose(0, 2, 1)).sum(axis=0)
    deg = (strength > 0).sum(axis=1)
    D = int(deg.max()) if n else 0
    if max_partners is not None:
        D = min(D, int(max_partners))
    D = max(D, 1)
    # Neighbour lists padded with the dummy index n (a node with no ties, similarity 0).
    nbr = np.full((n, D), n, dtype=np.int64)
    outv = np.zeros((n, D, R))
    inv = np.zeros((n, D, R))
    for i in range(n):
        cand = np.flatnonzero(strength[i] > 0)
        if len(cand) > D:
            top = np.argsort(-strength[i, cand], kind="stable")[:D]
            cand = np.sort(cand[top])
        nbr[i, : len(cand)] = cand
        outv[i, : len(cand)] = X[:, i, cand].T
        inv[i, : len(cand)] = X[:, cand, i].T
    tot = outv.sum(axis=(1, 2)) + inv.sum(axis=(1, 2))
    E = np.ones((n + 1, n + 1))
    E[n, :] = 0.0
    E[:, n] = 0.0
    for _ in range(iterations):
        new = np.eye(n)
        for i in range(n - 1):
            js = np.arange(i + 1, n)
            # V[k, j, m] = E[N_i[k], N_j[m]] * sum_r (min(x^r_ik, x^r_jm) + min(x^r_ki, x^r_mj))
            Esub = E[nbr[i][:, None, None], nbr[js][None, :, :]]
            V = Esub * (
                np.minimum(outv[i][:, None, None, :], outv[js][None, :, :, :])
                + np.minimum(inv[i][:, None, None, :], inv[js][None, :, :, :])
            ).sum(axis=3)
            num = V.max(axis=2).sum(axis=0) + V.max(axis=0).sum(axis=1)
            den = tot[i] + tot[js]
            with np.errstate(invalid="ignore", divide="ignore"):
                s = np.where(den > 0, num / den, 1.0)
            new[i, js] = s
            new[js, i] = s
        E[:n, :n] = new
    return E[:n, :n].copy()


def _concor_split(M: np.ndarray, *, max_iter: int, tol: float) -> np.ndarray | None:
    """One CONCOR bipartition of the rows of ``M``: ``True`` on the first member's side.

    Iterates ``M <- corr(M)`` (rows as variables) until every entry is within
    ``tol`` of +-1, then returns ``M[0] >= 0``. ``None`` when the rows cannot be
    separated (fewer than two rows, a constant row, or one side empty).
    """
    if M.shape[0] < 2:
        return None
    for _ in range(max_iter):
        if np.any(M.std(axis=1) == 0):
            break
        M = np.corrcoef(M)
        if np.all(np.abs(np.abs(M) - 1.0) < tol):
            break
    side = M[0] >= 0
    if side.all() or (~side).all():
        return None
    return side


def concor(S: np.ndarray, n_blocks: int, *, max_iter: int = 100, tol: float = 1e-6) -> np.ndarray:
    """CONCOR partition: every block split at each level, ``ceil(log2(n_blocks))`` levels.

    Level by level (Breiger, Boorman & Arabie 1975), every current block ``B``
    is split in two by :func:`_concor_split` of ``S[B, B]``; a block that cannot
    be split stays whole. The result has between 1 and ``2**levels`` blocks
    (``n_blocks=3`` gives up to 4), numbered in tree order (the first member's
    side of each split first). No block is singled out for splitting, so the
    partition does not depend on block sizes.
    """
    n = S.shape[0]
    labels = np.zeros(n, dtype=int)
    levels = int(np.ceil(np.log2(max(int(n_blocks), 1))))
    for _ in range(levels):
        out = np.zeros(n, dtype=int)
        nxt = 0
        for b in range(int(labels.max()) + 1):
            idx = np.flatnonzero(labels == b)
            side = _concor_split(S[np.ix_(idx, idx)], max_iter=max_iter, tol=tol)
            if side is None:
                out[idx] = nxt
                nxt += 1
                continue
            out[idx[side]] = nxt
            out[idx[~side]] = nxt + 1
            nxt += 2
        labels = out
    return labels


def hierarchical_blocks(S: np.ndarray, n_blocks: int, *, linkage: str = "average") -> np.ndarray:
    """Cut an agglomerative clustering of distance ``1 - S`` into ``n_blocks`` blocks."""
    n = S.shape[0]
    if n <= n_blocks:
        return np.arange(n)
    Dm = 1.0 - (S + S.T) / 2.0
    np.fill_diagonal(Dm, 0.0)
    Dm = np.clip(Dm, 0.0, None)
    Z = hierarchy.linkage(squareform(Dm, checks=False), method=linkage)
    return hierarchy.fcluster(Z, t=n_blocks, criterion="maxclust") - 1
