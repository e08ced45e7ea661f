"""Factor :math:`I - A` once, solve for many right-hand sides.

The Leontief inverse :math:`L = (I - A)^{-1}` is almost never needed as a
matrix: outputs are :math:`L y` and multipliers are :math:`f L`, both of which
are linear solves with the same matrix. :class:`LeontiefSolver` factors
:math:`I - A` once (dense LAPACK LU, sparse SuperLU, or no factorisation with
an iterative Krylov solver) and then answers :meth:`~LeontiefSolver.solve` and
:meth:`~LeontiefSolver.solve_transposed` for any number of right-hand sides.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., ch. 2. doi:10.1017/CBO9780511626982
"""

from __future__ import annotations

import warnings
from typing import Literal

import numpy as np
import scipy.linalg as sla
import scipy.sparse as sp
import scipy.sparse.linalg as spla

from worldsystem.core.errors import ModelError
from worldsystem.mrio.coefficients import check_productive

__all__ = [
    "DENSE_MAX",
    "LeontiefSolver",
    "LowRankUpdate",
    "factorize",
    "ghosh_inverse",
    "ghosh_output",
    "leontief_inverse",
    "leontief_output",
]

Method = Literal["auto", "dense", "sparse", "iterative", "block"]

#: Largest n for which ``method="auto"`` uses a dense LU even for sparse A
#: (the dense factor takes ``8 n^2`` bytes: 0.8 GB at n = 10,000). MRIO
#: matrices have trade links between all regions, so a sparse LU fills in:
#: on a synthetic MRIO with n = 9,800 and 2 % non-zeros, SuperLU's factors had
#: 94 million non-zeros (98 % of n^2) and took 5 times longer than LAPACK's
#: dense LU (benchmarks/bench_mrio.py).
DENSE_MAX = 10_000


class LeontiefSolver:
    r"""A factorisation of :math:`I - A`, reused for many right-hand sides.

    .. math::

        (I - A)\,X = B \;\Rightarrow\; X = L B, \qquad
        (I - A)^{\mathsf T} M^{\mathsf T} = F^{\mathsf T} \;\Rightarrow\; M = F L

    Parameters
    ----------
    A : ndarray or scipy.sparse matrix, shape (n, n)
        Technical coefficients (or allocation coefficients ``B`` for the Ghosh
        model, which has the same algebra).
    method : {"auto", "dense", "sparse", "iterative"}
        ``"dense"``: LAPACK LU (``scipy.linalg.lu_factor``), :math:`O(n^3)`
        once, :math:`O(n^2)` per right-hand side. ``"sparse"``: SuperLU
        (``scipy.sparse.linalg.splu``); fast only if the factors stay sparse.
        ``"iterative"``: no factorisation; GMRES per right-hand side to
        relative residual ``rtol``, memory :math:`O(\mathrm{nnz})`. ``"auto"``:
        dense if ``A`` is dense or ``n <= dense_max``, else sparse.
    dense_max : int
        Threshold of ``"auto"``.
    check : bool
        Run :func:`~worldsystem.mrio.check_productive` first (cheap when all
        column sums are below 1).
    rtol : float
        Relative residual of the iterative solver.

    Attributes
    ----------
    n : int
    method : str
        The method actually used.
    spectral_bound : float or None
        What :func:`check_productive` returned.

    Examples
    --------
    >>> s = LeontiefSolver([[0.15, 0.25], [0.2, 0.05]])
    >>> s.solve([1.0, 0.0]).round(4)
    array([1.2541, 0.264 ])
    """

    def __init__(
        self,
        A,
        *,
        method: Method = "auto",
        dense_max: int = DENSE_MAX,
        check: bool = True,
        rtol: float = 1e-12,
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
        self.n = n
        self.spectral_bound = check_productive(A) if check else None
        if method == "auto":
            method = "dense" if (not sp.issparse(A) or n <= dense_max) else "sparse"
        if method not in ("dense", "sparse", "iterative"):
            raise ModelError(
                f"unknown method {method!r}",
                field="method",
                value=method,
                hint="use 'auto', 'dense', 'sparse' or 'iterative'",
            )
        self.method = method
        self.rtol = rtol
        if method == "dense":
            if sp.issparse(A):
                M = -A.toarray()
            else:
                M = -A  # a fresh array: A is not modified
            M[np.diag_indices(n)] += 1.0
            with np.errstate(all="ignore"):
                self._lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
            diag = np.abs(np.diag(self._lu[0]))
            if n and (not np.isfinite(diag).all() or diag.min() == 0.0):
                raise ModelError(
                    "I - A is singular: the Leontief inverse does not exist",
                    field="A",
                    hint="check that the system is productive (spectral radius < 1)",
                )
        else:
            M = (sp.identity(n, format="csc") - sp.csc_matrix(A)).tocsc()
            if method == "sparse":
                try:
                    self._splu = spla.splu(M)
                except RuntimeError as exc:
                    raise ModelError(
                        f"sparse LU of I - A failed: {exc}",
                        field="A",
                        hint="check that the system is productive (spectral radius < 1)",
                    ) from exc
            else:
                self._M = M.tocsr()
                self._MT = M.T.tocsr()

    # -- solving ---------------------------------------------------------------
    def _prep(self, b, transposed: bool) -> tuple[np.ndarray, bool]:
        return right_hand_sides(b, self.n, transposed=transposed)

    def _run(self, B: np.ndarray, trans: bool) -> np.ndarray:
        if B.shape[1] == 0:
            return np.zeros_like(B)
        if self.method == "dense":
            return sla.lu_solve(self._lu, B, trans=1 if trans else 0, check_finite=False)
        if self.method == "sparse":
            return self._splu.solve(np.asfortranarray(B), trans="T" if trans else "N")
        M = self._MT if trans else self._M
        out = np.empty_like(B)
        for j in range(B.shape[1]):
            b = B[:, j]
            norm = np.linalg.norm(b)
            if norm == 0:
                out[:, j] = 0.0
                continue
            sol, info = spla.gmres(M, b, x0=b.copy(), rtol=self.rtol, atol=0.0, restart=60)
            if info != 0:
                raise ModelError(
                    f"GMRES did not converge for right-hand side {j} (info={info})",
                    field="method",
                    value="iterative",
                    hint="use method='dense' or 'sparse', or loosen rtol",
                )
            out[:, j] = sol
        return out

    def solve(self, b) -> np.ndarray:
        r"""Return :math:`L b = (I - A)^{-1} b`.

        Parameters
        ----------
        b : array_like, shape (n,) or (n, m)
            One right-hand side per column (e.g. final demand by region).

        Returns
        -------
        ndarray, same shape as ``b``
        """
        B, one = self._prep(b, transposed=False)
        X = self._run(B, trans=False)
        return X[:, 0] if one else X

    def solve_transposed(self, f) -> np.ndarray:
        r"""Return :math:`f L = f (I - A)^{-1}`.

        Solves :math:`(I - A)^{\mathsf T} m^{\mathsf T} = f^{\mathsf T}`.

        Parameters
        ----------
        f : array_like, shape (n,) or (k, n)
            One row per satellite (factor intensities).

        Returns
        -------
        ndarray, same shape as ``f``
        """
        F, one = self._prep(f, transposed=True)
        M = self._run(F, trans=True).T
        return M[0] if one else np.ascontiguousarray(M)

    def update(self, U, V) -> LowRankUpdate:
        r"""The solver of :math:`A + UV`, reusing this factorisation (Woodbury).

        See :class:`LowRankUpdate`.
        """
        return LowRankUpdate(self, U, V)


def factorize(A, *, method: Method = "auto", check: bool = True, n_regions: int | None = None):
    r"""Factor :math:`I - A` once; shorthand for :class:`LeontiefSolver`.

    Parameters
    ----------
    A : ndarray or sparse, shape (n, n)
    method : {"auto", "dense", "sparse", "iterative", "block"}
        ``"block"`` (and ``"auto"`` when ``n_regions`` is given and
        ``n >= BLOCK_MIN``) returns a
        :class:`~worldsystem.mrio.BlockLeontiefSolver`.
    check : bool
        Check :math:`\rho(A) < 1` first.
    n_regions : int, optional
        Number of equal region blocks (needed by ``"block"``).

    Returns
    -------
    LeontiefSolver or BlockLeontiefSolver
    """
    return _solver(A, method, n_regions=n_regions, check=check)


def resolve_method(method: str, n: int, n_regions: int | None) -> str:
    """The method ``"auto"`` stands for: ``"block"`` for large multi-regional systems.

    ``"block"`` when ``n_regions`` is known, above 1, and ``n >= BLOCK_MIN``;
    otherwise ``method`` unchanged (``"auto"`` then picks dense or sparse LU as
    :class:`LeontiefSolver` documents). Existing results at WIOD size and
    below are therefore unchanged.
    """
    from worldsystem.mrio.block import BLOCK_MIN

    if method == "auto" and n_regions is not None and n_regions > 1 and n >= BLOCK_MIN:
        return "block"
    return method


def _solver(A_or_solver, method: Method = "auto", *, n_regions: int | None = None, check=True):
    from worldsystem.mrio.block import BlockLeontiefSolver

    if isinstance(A_or_solver, LeontiefSolver | BlockLeontiefSolver | LowRankUpdate):
        return A_or_solver
    n = A_or_solver.shape[0] if hasattr(A_or_solver, "shape") else len(A_or_solver)
    method = resolve_method(method, n, n_regions)
    if method == "block":
        if n_regions is None:
            raise ModelError(
                "method='block' needs the number of regions",
                field="n_regions",
                hint="pass n_regions, or build a BlockLeontiefSolver and pass it instead of A",
            )
        return BlockLeontiefSolver(A_or_solver, n_regions=n_regions, check=check)
    return LeontiefSolver(A_or_solver, method=method, check=check)


class LowRankUpdate:
    r"""Solves with :math:`I - (A + UV)` from a factorisation of :math:`I - A` (Woodbury).

    A scenario that changes :math:`A` by a rank-:math:`k` delta
    :math:`\Delta A = UV` (e.g. :math:`k` rows or columns of coefficients cut)
    needs no new factorisation. With :math:`M = I - A`,

    .. math::

        (M - UV)^{-1} = M^{-1} + M^{-1}U\,(I_k - V M^{-1} U)^{-1}\,V M^{-1}

    (Sherman-Morrison-Woodbury; Miller & Blair 2009, app. A; Golub & Van Loan
    2013, sec. 2.1.4). Setting up costs :math:`k` solves with the base solver
    and an LU of the :math:`k \times k` capacitance matrix; each solve then
    costs one base solve plus :math:`O(nk)`. The transposed solve uses
    :math:`(M - UV)^{-\mathsf T} = M^{-\mathsf T} + M^{-\mathsf T}V^{\mathsf T}
    (I_k - U^{\mathsf T}M^{-\mathsf T}V^{\mathsf T})^{-1}U^{\mathsf T}M^{-\mathsf T}`
    with :math:`k` transposed base solves, done on first use.

    Parameters
    ----------
    base : LeontiefSolver or BlockLeontiefSolver
        Factorisation of :math:`I - A`.
    U : array_like, shape (n, k)
    V : array_like, shape (k, n)

    Raises
    ------
    ModelError
        If the capacitance matrix is singular: :math:`I - A - UV` is then
        singular and the scenario has no Leontief inverse.

    Examples
    --------
    Halve the first row of A = [[0.15, 0.25], [0.2, 0.05]] (U = e_1, V = -A[0] / 2):

    >>> s = LeontiefSolver([[0.15, 0.25], [0.2, 0.05]])
    >>> up = s.update([[1.0], [0.0]], [[-0.075, -0.125]])
    >>> up.solve([1.0, 0.0]).round(4)
    array([1.1127, 0.2343])
    >>> LeontiefSolver([[0.075, 0.125], [0.2, 0.05]]).solve([1.0, 0.0]).round(4)
    array([1.1127, 0.2343])
    """

    method = "woodbury"

    def __init__(self, base, U, V) -> None:
        U = np.asarray(U, dtype=float)
        V = np.asarray(V, dtype=float)
        if U.ndim == 1:
            U = U[:, None]
        if V.ndim == 1:
            V = V[None, :]
        n = base.n
        if U.ndim != 2 or V.ndim != 2 or U.shape[0] != n or V.shape != (U.shape[1], n):
            raise ModelError(
                f"U has shape {U.shape} and V {V.shape}; expected (n, k) and (k, n) with n={n}",
                field="U",
                hint="the delta of A is U @ V",
            )
        self.base = base
        self.n = n
        self.k = U.shape[1]
        self._U, self._V = U, V
        self._MU = base.solve(U) if self.k else np.zeros((n, 0))
        cap = np.eye(self.k) - V @ self._MU
        self._cap = self._factor(cap)
        self._MVT = None
        self._capT = None

    @staticmethod
    def _factor(cap: np.ndarray):
        if cap.size == 0:
            return None
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", sla.LinAlgWarning)
            lu = sla.lu_factor(cap, check_finite=False)
        d = np.abs(np.diag(lu[0]))
        scale = max(1.0, float(np.abs(cap).max()))
        if not np.isfinite(d).all() or d.min() <= 1e-14 * scale:
            raise ModelError(
                "the updated system I - (A + UV) is singular (Woodbury capacitance matrix "
                "is singular)",
                field="U",
                hint="the scenario removes productivity; check the size of the delta",
            )
        return lu

    @property
    def last_info(self):
        """How the base solver's most recent solve ended (block solvers), else None."""
        return getattr(self.base, "last_info", None)

    def solve(self, b) -> np.ndarray:
        r"""Return :math:`(I - A - UV)^{-1} b`.

        Parameters
        ----------
        b : array_like, shape (n,) or (n, m)

        Returns
        -------
        ndarray, same shape as ``b``
        """
        x = self.base.solve(b)
        if self.k == 0:
            return x
        corr = self._MU @ sla.lu_solve(self._cap, self._V @ x, check_finite=False)
        return x + corr

    def solve_transposed(self, f) -> np.ndarray:
        r"""Return :math:`f (I - A - UV)^{-1}`.

        Parameters
        ----------
        f : array_like, shape (n,) or (k, n)

        Returns
        -------
        ndarray, same shape as ``f``
        """
        m = self.base.solve_transposed(f)
        if self.k == 0:
            return m
        if self._MVT is None:
            self._MVT = self.base.solve_transposed(self._V)  # rows: V M^{-1}
            self._capT = self._factor(np.eye(self.k) - self._MVT @ self._U)
        # row form: m' = m + (m U) cap^{-1} (V M^{-1}),  cap = I - V M^{-1} U
        mU = m @ self._U
        sol = sla.lu_solve(self._capT, mU.T, trans=1, check_finite=False).T
        return m + sol @ self._MVT


def leontief_inverse(A, *, check: bool = True) -> np.ndarray:
    r"""The dense Leontief inverse :math:`L = (I - A)^{-1}`.

    Forms an :math:`n \times n` dense matrix: meant for small systems and
    tests. For outputs or multipliers use :class:`LeontiefSolver`.

    .. math::

        L = (I - A)^{-1} = I + A + A^2 + \dots

    (Miller & Blair 2009, ch. 2.)

    Parameters
    ----------
    A : array_like, shape (n, n)
    check : bool
        Check that the system is productive.

    Returns
    -------
    ndarray, shape (n, n)

    Examples
    --------
    >>> leontief_inverse([[0.15, 0.25], [0.2, 0.05]]).round(4)
    array([[1.2541, 0.33  ],
           [0.264 , 1.1221]])
    """
    A = A.toarray() if sp.issparse(A) else np.asarray(A, dtype=float)
    return LeontiefSolver(A, method="dense", check=check).solve(np.eye(A.shape[0]))


def ghosh_inverse(B, *, check: bool = True) -> np.ndarray:
    r"""The dense Ghosh inverse :math:`G = (I - B)^{-1}` (small systems, tests).

    .. math::

        G = (I - B)^{-1} = \hat{x}^{-1} L \hat{x}

    (Miller & Blair 2009, ch. 12.)

    Parameters
    ----------
    B : array_like, shape (n, n)
        Allocation coefficients.
    check : bool

    Returns
    -------
    ndarray, shape (n, n)
    """
    return leontief_inverse(B, check=check)


def leontief_output(A, y, *, method: Method = "auto") -> np.ndarray:
    r"""Gross output needed for final demand: :math:`x = L y = (I - A)^{-1} y`.

    (Miller & Blair 2009, ch. 2.)

    Parameters
    ----------
    A : ndarray, sparse, or LeontiefSolver
    y : array_like, shape (n,) or (n, m)
        Final demand (money); several columns give one output vector each.
    method : str
        Passed to :class:`LeontiefSolver` when ``A`` is a matrix.

    Returns
    -------
    ndarray, same shape as ``y``

    Examples
    --------
    >>> leontief_output([[0.15, 0.25], [0.2, 0.05]], [350.0, 1700.0]).round(6)
    array([1000., 2000.])
    """
    return _solver(A, method).solve(y)


def ghosh_output(B, v, *, method: Method = "auto") -> np.ndarray:
    r"""Gross output supported by primary inputs: :math:`x' = v' G = v'(I - B)^{-1}`.

    (Miller & Blair 2009, ch. 12.) Solves :math:`(I - B)^{\mathsf T} x = v`.

    Parameters
    ----------
    B : ndarray, sparse, or LeontiefSolver built on ``B``
        Allocation coefficients.
    v : array_like, shape (n,) or (k, n)
        Primary inputs (value added) per sector; rows are scenarios.
    method : str

    Returns
    -------
    ndarray, same shape as ``v``

    Examples
    --------
    >>> ghosh_output([[0.15, 0.5], [0.1, 0.05]], [650.0, 1400.0]).round(6)
    array([1000., 2000.])
    """
    return _solver(B, method).solve_transposed(v)


def right_hand_sides(b, n: int, *, transposed: bool) -> tuple[np.ndarray, bool]:
    """Right-hand sides as a C-contiguous 2-D array with ``n`` rows, and whether one was given.

    ``transposed``: ``b`` holds satellites as rows (``(k, n)`` or ``(n,)``), as in
    :math:`m = f (I - A)^{-1}`; otherwise sectors are rows (``(n, m)`` or ``(n,)``).

    Raises
    ------
    ModelError
        ``b`` does not have ``n`` sectors along the expected axis.
    """
    b = b.toarray() if sp.issparse(b) else np.asarray(b, dtype=float)
    one = b.ndim == 1
    if transposed:
        b2 = b[None, :] if one else b
        if b2.ndim != 2 or b2.shape[1] != n:
            raise ModelError(
                f"right-hand side has shape {b.shape}; expected (k, {n}) or ({n},)",
                field="f",
                hint="satellites are rows, sectors are columns",
            )
        return np.ascontiguousarray(b2.T), one
    b2 = b[:, None] if one else b
    if b2.ndim != 2 or b2.shape[0] != n:
        raise ModelError(
            f"right-hand side has shape {b.shape}; expected ({n}, m) or ({n},)",
            field="b",
            hint="sectors are rows, right-hand sides are columns",
        )
    return np.ascontiguousarray(b2), one
