r"""A block-structured Leontief solver for large multi-regional tables.

A multi-regional table has ``R`` regions of ``S`` sectors, rows and columns
region-major. Split :math:`A` into its domestic (block-diagonal) part
:math:`A_D = \operatorname{diag}(A_{11}, \dots, A_{RR})` and its inter-regional
part :math:`A_O = A - A_D`. With the *internal multipliers*
:math:`L_{rr}^{\circ} = (I - A_{rr})^{-1}` (Miyazawa 1966) stacked as
:math:`P^{-1} = (I - A_D)^{-1}`, the Leontief inverse factors as

.. math::

    L = (I - A)^{-1} = \bigl(I - P^{-1} A_O\bigr)^{-1} P^{-1}
      = \sum_{k \ge 0} \bigl(P^{-1} A_O\bigr)^k P^{-1},

Round's (1985) decomposition of the multiplier into intra-regional effects
(:math:`P^{-1}`) and inter-regional spill-over and feedback (the powers of
:math:`G = P^{-1} A_O`); see also Miller & Blair (2009, ch. 3.3 and 6).

For :math:`A \ge 0`, :math:`I - A = (I - A_D) - A_O` is a *regular splitting*
(:math:`(I - A_D)^{-1} \ge 0`, :math:`A_O \ge 0`), so :math:`\rho(G) < 1` if and
only if :math:`\rho(A) < 1` (Varga 1962, Theorem 3.13): the block iteration
converges exactly for productive tables, at the rate of the inter-regional
feedback :math:`\rho(G)`, which is small when imports are a modest share of
inputs (import shares of 10-30 % give :math:`\rho(G) \approx 0.1`-:math:`0.4`).

:class:`BlockLeontiefSolver` factors each :math:`I - A_{rr}` once (LAPACK LU,
``S^3/3`` flops per region) and solves :math:`(I - A) X = B` for a block of
right-hand sides either by the stationary block-Jacobi iteration (the series
above) or by GMRES on the right-preconditioned operator
:math:`u \mapsto u - A_O P^{-1} u` (Saad 2003, ch. 9), run on all columns of
``B`` at once (global GMRES: the columns form one vector, each operator
application is one product of :math:`A_O` with all columns; Jbilou, Messaoudi
& Sadok 1999), started from zero so that every product is an Arnoldi step.

:math:`A_O` is stored by column block: for each importing region ``s`` the
non-zero rows of :math:`A_{\cdot s}` (the region-sectors it buys from) and the
dense panel of those rows. Real tables import each product from a few partners
and spread it over most buying sectors, so the panels are nearly full and
:math:`A_O X` is ``R`` BLAS-3 GEMMs and one scatter-add, where a CSR product
with ``m`` columns runs at memory speed (measured at EXIOBASE size, 15.7
million non-zeros and 49 columns, on a shared 2-core machine: 1.0 s per product
for CSR at load 2.4, 0.19 s for the panels at load 6.8). Panels under half full
stay CSR.
Memory is :math:`O(\mathrm{nnz}(A_O) + R S^2 + n m)`; the dense
inverse (:math:`8 n^2` bytes) is never formed.

Every solve stops only when the *true* residual of every column satisfies
:math:`\lVert b_j - (I - A) x_j\rVert_2 \le \mathrm{rtol}\,\lVert b_j\rVert_2`,
recomputed from the solution after the iteration; otherwise it falls back to a
direct LU of the whole matrix and says so (:class:`SolveInfo`, and a
``RuntimeWarning``).

References
----------
Miyazawa, K. (1966). Internal and external matrix multipliers in the
input-output model. *Hitotsubashi Journal of Economics* 7(1), 38-55.

Round, J. I. (1985). Decomposing multipliers for economic systems involving
regional and world trade. *Economic Journal* 95(378), 383-399.
doi:10.2307/2233216

Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed. Cambridge University Press. doi:10.1017/CBO9780511626982

Varga, R. S. (1962). *Matrix Iterative Analysis*. Prentice-Hall.

Saad, Y. (2003). *Iterative Methods for Sparse Linear Systems*, 2nd ed. SIAM.
doi:10.1137/1.9780898718003

Jbilou, K., Messaoudi, A. and Sadok, H. (1999). Global FOM and GMRES algorithms
for matrix equations. *Applied Numerical Mathematics* 31(1), 49-63.
doi:10.1016/S0168-9274(98)00094-4
"""

from __future__ import annotations

import contextlib
import math
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from typing import Literal

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp

from worldsystem.core.errors import ModelError
from worldsystem.mrio.coefficients import (
    ZeroRule,
    _abs_sum,
    _flows_and_output,
    _safe_reciprocal,
    check_productive,
)

__all__ = ["BLOCK_MIN", "BlockLeontiefSolver", "SolveInfo"]


def _one_blas_thread():
    """Run the small dense kernels on one BLAS thread (if ``threadpoolctl`` is installed).

    The solver's dense work is R small LUs and GEMMs of S x S blocks with a few
    dozen columns; a multi-threaded BLAS spends more on waking and synchronising
    its threads than on the arithmetic (measured: 49 LUs of 200 x 200 took 0.28 s
    with OpenBLAS's default threads and 0.03 s on one thread on a shared 2-core
    machine). The inter-regional product is one GEMM per region panel too (see
    ``threads`` for running those in parallel). Results do not depend on this.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - optional
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


Iteration = Literal["gmres", "jacobi"]

#: Smallest n for which ``method="auto"`` chooses the block solver when the
#: number of regions is known (below it a dense LU of the whole matrix is
#: cheaper than setting up the iteration; WIOD, n = 1,435, stays dense).
BLOCK_MIN = 4_000

#: Bytes of GMRES Krylov basis allowed per column chunk (columns are solved in
#: chunks so that ``(restart + 2) * n * chunk * 8`` stays below this, after
#: shortening the restart to no less than :data:`MIN_RESTART`).
KRYLOV_BUDGET = 512 * 2**20

#: Shortest GMRES restart used to keep all columns in one chunk.
MIN_RESTART = 10


@dataclass(frozen=True)
class SolveInfo:
    r"""How a block solve ended: what to put in provenance.

    Attributes
    ----------
    method : str
        ``"block-gmres"``, ``"block-jacobi"``, or the LU used after a fallback
        (``"dense-lu"`` / ``"sparse-lu"``).
    transposed : bool
        True for :math:`(I - A)^{\mathsf T} X = B` (multipliers).
    n_rhs : int
        Right-hand sides solved.
    iterations : int
        Operator applications (sparse products with all columns) of the
        iteration, summed over column chunks and refinement passes.
    residual : float
        Largest relative true residual over the columns,
        :math:`\max_j \lVert b_j - (I - A) x_j\rVert_2 / \lVert b_j\rVert_2`,
        recomputed from the returned solution.
    rtol : float
        The tolerance every column had to meet.
    converged : bool
        Whether the iteration met ``rtol`` (False when the fallback was used).
    fallback : str or None
        Why the direct LU was used, or None.
    feedback : float or None
        Estimate of :math:`\rho(P^{-1} A_O)`, the inter-regional feedback
        (geometric mean rate of the first Jacobi steps; None for GMRES).
    """

    method: str
    transposed: bool
    n_rhs: int
    iterations: int
    residual: float
    rtol: float
    converged: bool
    fallback: str | None = None
    feedback: float | None = None

    def as_dict(self) -> dict:
        """The fields as a plain dict (for :class:`~worldsystem.core.provenance.Provenance`)."""
        return asdict(self)


#: Panels of :math:`A_O` with at least this share of non-zeros are stored dense
#: (a GEMM); sparser ones stay CSR (8 bytes per dense entry against 12 per CSR
#: non-zero: at half fill a dense panel costs 1.33 times the CSR memory).
PANEL_DENSE_FILL = 0.5


class _OffDiagPanels:
    r""":math:`A_O` stored by column block: the non-zero rows of each region's imports.

    Column block ``s`` of :math:`A_O` (what region ``s`` buys from all other
    regions) is kept as the sorted indices of its non-zero rows, ``rows[s]``, and
    the panel of those rows, ``panel[s]`` of shape ``(len(rows[s]), S)``: dense
    when at least :data:`PANEL_DENSE_FILL` of it is non-zero, else CSR. In a real
    MRIO a region imports a product from a few partners and spreads it over most
    of its sectors, so the panels are nearly full and
    :math:`A_O X = \sum_s E_s (D_s X_s)` is ``R`` dense GEMMs (BLAS-3) plus a
    scatter-add of rows, instead of a CSR product with ``m`` columns (which
    reads every non-zero's index and runs at memory speed). The transposed
    product :math:`(A_O^{\mathsf T} X)_s = D_s^{\mathsf T} X_{\mathrm{rows}_s}` is
    the same panels read transposed, so no :math:`A_O^{\mathsf T}` is stored.

    The scatter-adds are always done in region order on one thread, so results
    do not depend on ``threads`` (only the GEMMs run in parallel).
    """

    def __init__(self, n: int, S: int, rows: list[np.ndarray], panels: list, nnz: int) -> None:
        self.n, self.S = n, S
        self.rows = rows
        self.panels = panels
        self.nnz = int(nnz)
        self.n_dense = sum(not sp.issparse(p) for p in panels)
        self._off = np.concatenate([[0], np.cumsum([r.size for r in rows])]).astype(np.int64)
        self._allrows = np.concatenate(rows) if rows else np.zeros(0, np.int64)
        T = int(self._off[-1])
        self._scatter = sp.csr_matrix(
            sp.coo_matrix((np.ones(T), (self._allrows, np.arange(T))), shape=(n, T))
        )

    def nonnegative(self) -> bool:
        return all(bool(((p.data if sp.issparse(p) else p) >= 0).all()) for p in self.panels)

    def column_sums(self) -> np.ndarray:
        return np.concatenate([np.asarray(p.sum(axis=0)).ravel() for p in self.panels])

    def to_sparse(self) -> sp.csr_matrix:
        rr, cc, vv = [], [], []
        for s, (rows, p) in enumerate(zip(self.rows, self.panels, strict=True)):
            c = sp.coo_matrix(p)
            rr.append(rows[c.row])
            cc.append(s * self.S + c.col)
            vv.append(c.data)
        if not rr:
            return sp.csr_matrix((self.n, self.n))
        return sp.csr_matrix(
            (np.concatenate(vv), (np.concatenate(rr), np.concatenate(cc))), shape=(self.n, self.n)
        )

    def matmat(self, X: np.ndarray, trans: bool, pool=None) -> np.ndarray:
        n, S = self.n, self.S
        m = X.shape[1]
        R = len(self.panels)
        off = self._offsets
        if trans:
            G = X[self._allrows]  # gather the panels' rows once
            out = np.empty((n, m))

            def part_t(s):
                out[s * S : (s + 1) * S] = self.panels[s].T @ G[off[s] : off[s + 1]]

            if pool is None:
                for s in range(R):
                    part_t(s)
            else:
                list(pool.map(part_t, range(R)))
            return out
        T = np.empty((int(off[-1]), m))

        def part(s):
            p = self.panels[s]
            if sp.issparse(p):
                T[off[s] : off[s + 1]] = p @ X[s * S : (s + 1) * S]
            else:
                np.matmul(p, X[s * S : (s + 1) * S], out=T[off[s] : off[s + 1]])

        if pool is None:
            for s in range(R):
                part(s)
        else:
            list(pool.map(part, range(R)))
        # scatter-add of the stacked products: one CSR product with one 1 per column
        return self._scatter @ T

    @property
    def _offsets(self) -> np.ndarray:
        return self._off


def _csr_rows_dense(M: sp.csr_matrix, a: int, b: int, col_scale=None) -> np.ndarray:
    """Rows ``a:b`` of a CSR matrix as a dense array (duplicates summed), optionally
    times ``col_scale`` per column, without copying the slice's index arrays."""
    lo, hi = M.indptr[a], M.indptr[b]
    data = M.data[lo:hi]
    if col_scale is not None:
        data = data * col_scale[M.indices[lo:hi]]
    ptr = M.indptr[a : b + 1] - lo
    return sp.csr_matrix((data, M.indices[lo:hi], ptr), shape=(b - a, M.shape[1])).toarray()


def _csr_rows_pattern(M: sp.csr_matrix, a: int, b: int, S: int):
    """Row (from ``a``) and column region of every stored entry of rows ``a:b`` of CSR ``M``."""
    lo, hi = M.indptr[a], M.indptr[b]
    i = np.repeat(np.arange(b - a), np.diff(M.indptr[a : b + 1]))
    return i, M.indices[lo:hi] // S


def _split_row_strips(row_strip, R: int, S: int, pattern=None):
    """Domestic blocks ``(R, S, S)`` and :class:`_OffDiagPanels`, one row strip at a time.

    ``row_strip(r)`` returns a fresh dense ``(S, n)`` array of the rows of region
    ``r`` (it may be modified), so at most one ``S x n`` strip is dense at a time;
    row strips are contiguous in a C-ordered dense array and in CSR. Two passes
    over the strips: the first finds which rows of each region's imports are
    non-zero, so that every panel is allocated once at its final size and the
    second pass writes into it (no pieces to concatenate, which left freed
    memory scattered over the heap and raised the peak RSS). ``pattern(r)``, if
    given, returns ``(i, s)``, the strip-row and column-region of every stored
    entry of strip ``r``, so that the first pass does not densify (an explicitly
    stored zero can only add a zero row to a panel); without it the first pass
    densifies the strips too.
    """
    n = R * S
    blocks = np.empty((R, S, S))
    nz = np.zeros((R, S, R), dtype=bool)  # nz[r, i, s]: row i of region r non-zero in block s
    for r in range(R):
        if pattern is None:
            D = np.asarray(row_strip(r), dtype=float).reshape(S, R, S)
            nz[r] = (D != 0.0).any(axis=2)
            del D
        else:
            i, c = pattern(r)
            nz[r][i, c] = True
        nz[r, :, r] = False
    rows_, panels = [], []
    for s in range(R):
        rr, ii = np.nonzero(nz[:, :, s])  # region-major, so the rows come out sorted
        rows_.append((rr * S + ii).astype(np.int64))
        panels.append(np.empty((rr.size, S)))
    counts = nz.sum(axis=1)  # (R, R): rows that region r sells to region s
    start = np.zeros((R, R), dtype=np.int64)  # where region r's rows begin in panel s
    start[1:] = np.cumsum(counts, axis=0)[:-1]
    for r in range(R):
        D = np.asarray(row_strip(r), dtype=float).reshape(S, R, S)
        blocks[r] = D[:, r, :]
        for s in range(R):
            k = int(counts[r, s])
            if k and s != r:
                i = np.flatnonzero(nz[r, :, s])
                panels[s][start[r, s] : start[r, s] + k] = D[i, s, :]
        del D
    nnz = 0
    for s in range(R):
        P = panels[s]
        filled = int(np.count_nonzero(P))
        nnz += filled
        if filled < PANEL_DENSE_FILL * P.size:
            panels[s] = sp.csr_matrix(P)
    return blocks, _OffDiagPanels(n, S, rows_, panels, nnz)


class BlockLeontiefSolver:
    r"""Solve :math:`(I - A)X = B` by block iteration on the regions' domestic blocks.

    See the module docstring for the identity
    :math:`L = \sum_k (P^{-1}A_O)^k P^{-1}`, the convergence argument and
    references. The interface matches :class:`~worldsystem.mrio.LeontiefSolver`
    (``solve``, ``solve_transposed``, ``n``, ``method``), so every function of
    :mod:`worldsystem.mrio` that takes a solver takes this one.

    Parameters
    ----------
    A : ndarray or scipy.sparse matrix, shape (n, n)
        Technical coefficients, region-major with ``n_regions`` equal blocks.
        Use :meth:`from_flows` to build it from ``Z`` and ``x`` without a
        dense ``A``.
    n_regions : int
    iteration : {"gmres", "jacobi"}
        ``"gmres"``: restarted GMRES (``scipy.sparse.linalg.gmres``) on the
        right-preconditioned operator, all columns of a chunk as one vector.
        ``"jacobi"``: the block-Jacobi series (Round's decomposition), one
        sparse product per step, least memory.
    rtol : float
        Relative residual every column must meet (default 1e-10), checked on
        the true residual after the iteration.
    target : float, optional
        Residual the iteration aims at; default ``rtol / 100``. The forward
        error is at most :math:`\kappa(I - A)` times the residual, so aiming
        below ``rtol`` makes the solution itself agree with a direct LU to
        about ``rtol`` (for productive tables :math:`\kappa` is
        :math:`\lVert I - A\rVert\,\lVert L\rVert`, typically 2-20); it
        costs one or two more iterations.
    maxiter : int
        Most operator applications per column chunk before falling back.
    restart : int
        GMRES restart length.
    fallback : bool
        On non-convergence, solve with a direct LU (dense if
        ``n <= DENSE_MAX``, else SuperLU) and record why; if False, raise
        :class:`ModelError`.
    threads : int or None
        Threads for the inter-regional product :math:`A_O X` (the region
        panels' GEMMs run in parallel, the scatter-adds in region order).
        ``None``: ``os.cpu_count()``. Results do not depend on it.
    check : bool
        Check :math:`\rho(A) < 1`: by the column-sum bound (free), else by
        :func:`~worldsystem.mrio.check_productive` on the sparse ``A``.

    Attributes
    ----------
    n, n_regions, n_sectors : int
    method : str
        ``"block"``.
    spectral_bound : float or None
        What the productivity check returned.
    last_info : SolveInfo or None
        How the most recent solve ended.
    nnz_offdiag : int
        Non-zeros of :math:`A_O`.

    Examples
    --------
    Two regions with one sector each (:math:`L` in ``leontief_inverse``):

    >>> s = BlockLeontiefSolver([[0.15, 0.25], [0.2, 0.05]], n_regions=2)
    >>> s.solve([1.0, 0.0]).round(4)
    array([1.2541, 0.264 ])
    >>> s.last_info.residual <= 1e-10
    True
    """

    method = "block"

    def __init__(
        self,
        A,
        *,
        n_regions: int,
        iteration: Iteration = "gmres",
        rtol: float = 1e-10,
        target: float | None = None,
        maxiter: int = 300,
        restart: int = 30,
        fallback: bool = True,
        threads: int | None = 1,
        check: bool = True,
    ) -> None:
        if not sp.issparse(A):
            A = np.asarray(A, dtype=float)
        if A.ndim != 2 or A.shape[0] != A.shape[1]:
            raise ModelError(
                f"A has shape {A.shape}; expected a square matrix",
                field="A",
                hint="pass the n x n technical coefficients",
            )
        n = A.shape[0]
        R = self._check_regions(n, n_regions)
        S = n // R
        if sp.issparse(A):
            Ar = sp.csr_matrix(A)

            def row_strip(r):
                return _csr_rows_dense(Ar, r * S, (r + 1) * S)

            def pattern(r):
                return _csr_rows_pattern(Ar, r * S, (r + 1) * S, S)
        else:

            def row_strip(r):
                return A[r * S : (r + 1) * S].copy()

            pattern = None

        blocks, AO = _split_row_strips(row_strip, R, S, pattern)
        self._setup(blocks, AO, iteration, rtol, target, maxiter, restart, fallback, threads, check)

    @staticmethod
    def _check_regions(n: int, n_regions: int) -> int:
        if not isinstance(n_regions, int | np.integer) or n_regions <= 0 or n % n_regions:
            raise ModelError(
                f"{n} sectors cannot be split into {n_regions} equal region blocks",
                field="n_regions",
                value=n_regions,
                hint="rows must be region-major with the same sectors in every region",
            )
        return int(n_regions)

    @classmethod
    def from_flows(
        cls,
        Z,
        x,
        *,
        n_regions: int,
        zero_output: ZeroRule = "raise",
        **options,
    ) -> BlockLeontiefSolver:
        r"""Build the solver from flows, :math:`A = Z \hat x^{-1}`, one region strip at a time.

        Same coefficients and zero-output rule as
        :func:`~worldsystem.mrio.technical_coefficients`, but a dense ``Z`` is
        read in row strips of ``S`` rows, so no dense ``A`` (another
        :math:`8n^2` bytes) is ever allocated.

        Parameters
        ----------
        Z : ndarray or sparse, shape (n, n)
        x : array_like, shape (n,)
        n_regions : int
        zero_output : {"raise", "zero"}
        **options
            Passed to :class:`BlockLeontiefSolver`.

        Returns
        -------
        BlockLeontiefSolver
        """
        Z, x = _flows_and_output(Z, x)
        rec = _safe_reciprocal(x, _abs_sum(Z, 0), name="x", what="columns", zero_output=zero_output)
        n = x.size
        R = cls._check_regions(n, n_regions)
        S = n // R
        if sp.issparse(Z):
            Zr = sp.csr_matrix(Z)

            def row_strip(r):
                return _csr_rows_dense(Zr, r * S, (r + 1) * S, col_scale=rec)

            def pattern(r):
                return _csr_rows_pattern(Zr, r * S, (r + 1) * S, S)
        else:

            def row_strip(r):
                return Z[r * S : (r + 1) * S] * rec[None, :]

            pattern = None

        blocks, AO = _split_row_strips(row_strip, R, S, pattern)
        self = cls.__new__(cls)
        self._setup(
            blocks,
            AO,
            options.pop("iteration", "gmres"),
            options.pop("rtol", 1e-10),
            options.pop("target", None),
            options.pop("maxiter", 300),
            options.pop("restart", 30),
            options.pop("fallback", True),
            options.pop("threads", 1),
            options.pop("check", True),
        )
        if options:
            raise TypeError(f"unknown options {sorted(options)}")
        return self

    def _setup(
        self, blocks, AO, iteration, rtol, target, maxiter, restart, fallback, threads, check
    ):
        if iteration not in ("gmres", "jacobi"):
            raise ModelError(
                f"unknown iteration {iteration!r}",
                field="iteration",
                value=iteration,
                hint="use 'gmres' or 'jacobi'",
            )
        R, S, _ = blocks.shape
        n = R * S
        self.n, self.n_regions, self.n_sectors = n, R, S
        self.iteration = iteration
        self.rtol = float(rtol)
        self.target = float(self.rtol / 100 if target is None else min(target, rtol))
        self.maxiter = int(maxiter)
        self.restart = int(restart)
        self.fallback = bool(fallback)
        self.threads = max(1, int(threads or os.cpu_count() or 1))
        self.last_info: SolveInfo | None = None
        self._blocks = blocks
        self._AO = AO
        self.nnz_offdiag = AO.nnz
        self.spectral_bound = self._check(check)
        # internal multipliers (Miyazawa): (I - A_rr)^{-1}, from one LU per region
        eye = np.eye(S)
        Linv = np.empty_like(blocks)
        with _one_blas_thread():
            self._factor(blocks, eye, Linv)
        self._Linv = Linv
        self._LinvT = np.ascontiguousarray(Linv.transpose(0, 2, 1))
        self._pool = ThreadPoolExecutor(self.threads) if self.threads > 1 else None
        self._direct = None

    @staticmethod
    def _factor(blocks, eye, Linv) -> None:
        for r in range(blocks.shape[0]):
            with np.errstate(all="ignore"):
                lu = sla.lu_factor(eye - blocks[r], check_finite=False)
            d = np.abs(np.diag(lu[0]))
            if d.size and (not np.isfinite(d).all() or d.min() == 0.0):
                raise ModelError(
                    f"I - A_rr of region block {r} is singular",
                    field="A",
                    value=r,
                    hint="check that the system is productive (spectral radius < 1)",
                )
            Linv[r] = sla.lu_solve(lu, eye, check_finite=False)

    # -- structure -------------------------------------------------------------------
    def _check(self, check: bool) -> float | None:
        if not check:
            return None
        blocks, AO = self._blocks, self._AO
        nonneg = bool((blocks >= 0).all()) and AO.nonnegative()
        if nonneg:
            colsum = blocks.sum(axis=1).ravel() + AO.column_sums()
            bound = float(colsum.max()) if colsum.size else 0.0
            if bound < 1.0 - 1e-10:
                return bound
        return check_productive(self.to_sparse())

    def to_sparse(self) -> sp.csr_matrix:
        """:math:`A = A_D + A_O` as one sparse matrix (for checks and the fallback LU)."""
        return (sp.block_diag(list(self._blocks), format="csr") + self._AO.to_sparse()).tocsr()

    def domestic_multipliers(self, f) -> np.ndarray:
        r"""Factor multipliers of the domestic blocks, :math:`m_r = f_r (I - A_{rr})^{-1}`.

        The single-region multipliers of EEBT (Peters 2008), from the internal
        multipliers already factored; same as
        :func:`~worldsystem.mrio.domestic_multipliers`.

        Parameters
        ----------
        f : array_like, shape (k, n) or (n,)

        Returns
        -------
        ndarray, same shape as ``f``
        """
        f = np.asarray(f, dtype=float)
        one = f.ndim == 1
        F = f[None, :] if one else f
        if F.ndim != 2 or F.shape[1] != self.n:
            raise ModelError(
                f"f has shape {f.shape}; expected (k, {self.n}) or ({self.n},)", field="f"
            )
        with _one_blas_thread():
            out = self._precond(np.ascontiguousarray(F.T), trans=True).T
        return out[0] if one else np.ascontiguousarray(out)

    # -- kernels ---------------------------------------------------------------------
    def _precond(self, U: np.ndarray, trans: bool) -> np.ndarray:
        """:math:`P^{-1} U` (or :math:`P^{-\\mathsf T} U`): one small GEMM per region."""
        R, S = self.n_regions, self.n_sectors
        m = U.shape[1]
        Linv = self._LinvT if trans else self._Linv
        return np.matmul(Linv, U.reshape(R, S, m)).reshape(R * S, m)

    def _offdiag(self, X: np.ndarray, trans: bool) -> np.ndarray:
        """:math:`A_O X` (or :math:`A_O^{\\mathsf T} X`): one GEMM per column-block panel."""
        return self._AO.matmat(X, trans, self._pool)

    def _residual(self, B: np.ndarray, X: np.ndarray, trans: bool) -> np.ndarray:
        """Relative true residual per column, :math:`\\|b - (I - A)x\\| / \\|b\\|`."""
        R, S = self.n_regions, self.n_sectors
        m = X.shape[1]
        blocks = self._blocks.transpose(0, 2, 1) if trans else self._blocks
        AX = np.matmul(blocks, X.reshape(R, S, m)).reshape(self.n, m) + self._offdiag(X, trans)
        res = np.linalg.norm(B - X + AX, axis=0)
        nb = np.linalg.norm(B, axis=0)
        return np.where(nb > 0, res / np.where(nb > 0, nb, 1.0), res)

    def _jacobi(self, B: np.ndarray, trans: bool) -> tuple[np.ndarray, int, float | None]:
        """Block Jacobi :math:`X_{k+1} = P^{-1}(B + A_O X_k)`, residual :math:`A_O(X_{k+1}-X_k)`.

        The residual of :math:`X_{k+1}` is computed from the products already done.
        """
        X = self._precond(B, trans)
        W = self._offdiag(X, trans)
        nb = np.linalg.norm(B, axis=0)
        nb[nb == 0] = 1.0
        it = 1
        rates = []
        prev = None
        while True:
            X = self._precond(B + W, trans)
            W_new = self._offdiag(X, trans)
            it += 1
            rel = float(np.max(np.linalg.norm(W_new - W, axis=0) / nb))
            W = W_new
            if prev is not None and prev > 0 and len(rates) < 8:
                rates.append(rel / prev)
            prev = rel
            if rel <= self.target or it >= self.maxiter or not np.isfinite(rel):
                break
        feedback = float(np.exp(np.mean(np.log(np.maximum(rates, 1e-300))))) if rates else None
        return X, it, feedback

    def _gmres(self, B: np.ndarray, trans: bool) -> tuple[np.ndarray, int]:
        r"""Global GMRES on :math:`U \mapsto U - A_O P^{-1} U`, the columns of ``B`` as one vector.

        Arnoldi with modified Gram-Schmidt in the Frobenius inner product
        (Jbilou, Messaoudi & Sadok 1999), Givens rotations for the small
        least-squares problem (Saad 2003, alg. 6.9), started from :math:`U_0 = 0`
        so that the first Krylov vector is ``B`` itself and costs no product:
        every sparse product with all columns is one Arnoldi step. Each column
        keeps its own Krylov vectors (scalar coefficients), so entries that are
        exactly zero in a direct solve (a sector with no output) stay exactly zero.

        The columns are scaled to unit norm and the target is ``target / sqrt(m)``
        in the Frobenius norm, which bounds every column's relative residual by
        ``target``; the caller recomputes the true residual. Restarts after
        ``restart`` steps from the true residual of the preconditioned system.
        Returns ``(X, sparse products)``.
        """
        n, m = B.shape
        k_max = max(1, min(getattr(self, "_restart_run", self.restart), self.maxiter))
        U = np.zeros((n, m))
        Rres = B
        products = 0
        tol = self.target / math.sqrt(m) * float(np.linalg.norm(B))
        while True:
            beta = float(np.linalg.norm(Rres))
            if beta <= tol or not np.isfinite(beta):
                break
            V = [Rres / beta]
            H = np.zeros((k_max + 1, k_max))
            cs, sn = np.zeros(k_max), np.zeros(k_max)
            g = np.zeros(k_max + 1)
            g[0] = beta
            k = 0
            for j in range(k_max):
                W = V[j] - self._offdiag(self._precond(V[j], trans), trans)
                products += 1
                for i in range(j + 1):
                    H[i, j] = float(np.vdot(V[i], W))
                    W -= H[i, j] * V[i]
                H[j + 1, j] = float(np.linalg.norm(W))
                for i in range(j):  # apply the earlier rotations to column j
                    a, b = H[i, j], H[i + 1, j]
                    H[i, j], H[i + 1, j] = cs[i] * a + sn[i] * b, -sn[i] * a + cs[i] * b
                d = math.hypot(H[j, j], H[j + 1, j])
                cs[j], sn[j] = (1.0, 0.0) if d == 0.0 else (H[j, j] / d, H[j + 1, j] / d)
                H[j, j], H[j + 1, j] = d, 0.0
                g[j + 1] = -sn[j] * g[j]
                g[j] = cs[j] * g[j]
                k = j + 1
                breakdown = not (np.linalg.norm(W) > 0.0)
                if abs(g[k]) <= tol or breakdown or products >= self.maxiter:
                    break
                V.append(W / np.linalg.norm(W))
            y = sla.solve_triangular(H[:k, :k], g[:k], check_finite=False) if k else []
            for i in range(k):
                U += y[i] * V[i]
            del V
            if abs(g[k]) <= tol or products >= self.maxiter:
                break
            # restart (or breakdown) from the true residual of the preconditioned system
            Rres = B - (U - self._offdiag(self._precond(U, trans), trans))
            products += 1
            if products >= self.maxiter:
                break
        return self._precond(U, trans), products

    def _iterate(self, B: np.ndarray, trans: bool) -> tuple[np.ndarray, int, float | None]:
        if self.iteration == "jacobi":
            return self._jacobi(B, trans)
        X, it = self._gmres(B, trans)
        return X, it, None

    def _chunks(self, m: int) -> list[slice]:
        """Column chunks whose GMRES basis, ``(restart + 2) n m_chunk`` doubles, fits
        :data:`KRYLOV_BUDGET`; sets the restart length of this solve.

        All columns stay in one chunk, with the restart shortened to as few as
        :data:`MIN_RESTART` steps, when that fits: the operator applications cost
        the same flops in total either way, but one GEMM with all ``m`` columns
        runs faster than several with fewer, and a productive table converges in
        far fewer steps than the restart (8-10 at import shares of 10-30 %).
        """
        self._restart_run = self.restart
        if self.iteration == "jacobi":
            return [slice(0, m)]
        per = max(1, int(KRYLOV_BUDGET // ((self.restart + 2) * self.n * 8)))
        if per < m:
            fit = int(KRYLOV_BUDGET // (m * self.n * 8)) - 2
            if fit >= min(MIN_RESTART, self.restart):
                self._restart_run = fit
                return [slice(0, m)]
        k = math.ceil(m / per)
        size = math.ceil(m / k)
        return [slice(a, min(a + size, m)) for a in range(0, m, size)]

    def _run(self, B: np.ndarray, trans: bool) -> np.ndarray:
        with _one_blas_thread():
            return self._run_solve(B, trans)

    def _run_solve(self, B: np.ndarray, trans: bool) -> np.ndarray:
        m = B.shape[1]
        X = np.zeros((self.n, m))
        nb = np.linalg.norm(B, axis=0)
        live = np.flatnonzero(nb > 0)
        iters = 0
        feedback = None
        res = np.zeros(m)
        if live.size:
            Bs = B[:, live] / nb[live]
            Xs = np.empty_like(Bs)
            for sl in self._chunks(live.size):
                Xc, it, fb = self._iterate(np.ascontiguousarray(Bs[:, sl]), trans)
                Xs[:, sl] = Xc
                iters += it
                feedback = fb if feedback is None else feedback
            res_s = self._residual(Bs, Xs, trans)
            # one refinement pass on columns that missed rtol: solve for the correction
            bad = np.flatnonzero(res_s > self.rtol)
            if bad.size and np.isfinite(res_s).all():
                Rb = self._true_residual_matrix(Bs[:, bad], Xs[:, bad], trans)
                nr = np.linalg.norm(Rb, axis=0)
                nr[nr == 0] = 1.0
                dX, it, _ = self._iterate(np.ascontiguousarray(Rb / nr), trans)
                iters += it
                Xs[:, bad] += dX * nr
                res_s[bad] = self._residual(Bs[:, bad], Xs[:, bad], trans)
            X[:, live] = Xs * nb[live]
            res[live] = res_s
        worst = float(res.max()) if m else 0.0
        method = f"block-{self.iteration}"
        if np.isfinite(worst) and worst <= self.rtol:
            self.last_info = SolveInfo(
                method, trans, m, iters, worst, self.rtol, True, None, feedback
            )
            return X
        why = (
            f"{method} reached a relative residual of {worst:.3g} after {iters} sparse "
            f"products, above rtol={self.rtol:g}"
        )
        if not self.fallback:
            raise ModelError(
                why,
                field="maxiter",
                value=self.maxiter,
                hint="raise maxiter, or allow fallback=True to use a direct LU",
            )
        X, lu_name = self._direct_solve(B, trans)
        worst = float(self._residual(B, X, trans).max()) if m else 0.0
        warnings.warn(f"{why}; solved by {lu_name} instead", RuntimeWarning, stacklevel=3)
        self.last_info = SolveInfo(lu_name, trans, m, iters, worst, self.rtol, False, why, feedback)
        return X

    def _true_residual_matrix(self, B, X, trans):
        R, S = self.n_regions, self.n_sectors
        m = X.shape[1]
        blocks = self._blocks.transpose(0, 2, 1) if trans else self._blocks
        AX = np.matmul(blocks, X.reshape(R, S, m)).reshape(self.n, m) + self._offdiag(X, trans)
        return B - X + AX

    def _direct_solve(self, B: np.ndarray, trans: bool) -> tuple[np.ndarray, str]:
        from worldsystem.mrio.solver import DENSE_MAX, LeontiefSolver

        if self._direct is None:
            A = self.to_sparse()
            dense = self.n <= DENSE_MAX
            self._direct = LeontiefSolver(
                A.toarray() if dense else A, method="dense" if dense else "sparse", check=False
            )
        name = f"{self._direct.method}-lu"
        if trans:
            return self._direct.solve_transposed(B.T).T, name
        return self._direct.solve(B), name

    # -- public solves ---------------------------------------------------------------
    def _prep(self, b, transposed: bool) -> tuple[np.ndarray, bool]:
        from worldsystem.mrio.solver import right_hand_sides

        return right_hand_sides(b, self.n, transposed=transposed)

    def solve(self, b) -> np.ndarray:
        r"""Return :math:`L b = (I - A)^{-1} b`; :attr:`last_info` says how.

        Parameters
        ----------
        b : array_like, shape (n,) or (n, m)

        Returns
        -------
        ndarray, same shape as ``b``
        """
        B, one = self._prep(b, transposed=False)
        X = self._run(B, trans=False)
        return X[:, 0] if one else X

    def solve_transposed(self, f) -> np.ndarray:
        r"""Return :math:`f L`, solving :math:`(I - A)^{\mathsf T} m^{\mathsf T} = f^{\mathsf T}`.

        Parameters
        ----------
        f : array_like, shape (n,) or (k, n)

        Returns
        -------
        ndarray, same shape as ``f``
        """
        F, one = self._prep(f, transposed=True)
        M = self._run(F, trans=True).T
        return M[0] if one else np.ascontiguousarray(M)

    def update(self, U, V):
        r"""The solver of :math:`A + UV`, reusing this factorisation (Woodbury).

        See :class:`~worldsystem.mrio.LowRankUpdate`.
        """
        from worldsystem.mrio.solver import LowRankUpdate

        return LowRankUpdate(self, U, V)

    def close(self) -> None:
        """Stop the worker threads (also done when the solver is garbage-collected)."""
        if self._pool is not None:
            self._pool.shutdown(wait=False)
            self._pool = None

    def __del__(self):  # pragma: no cover - interpreter-dependent
        pool = getattr(self, "_pool", None)
        if pool is not None:
            pool.shutdown(wait=False)
