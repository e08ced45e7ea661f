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
    "factorize",
    "ghosh_inverse",
    "ghosh_output",
    "leontief_inverse",
    "leontief_output",
]

Method = Literal["auto", "dense", "sparse", "iterative"]

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
        b = b.toarray() if sp.issparse(b) else np.asarray(b, dtype=float)
        one = b.ndim == 1
        if transposed:
            b2 = b[None, :] if one else b
            if b2.ndim != 2 or b2.shape[1] != self.n:
                raise ModelError(
                    f"right-hand side has shape {b.shape}; expected (k, {self.n}) or ({self.n},)",
                    field="f",
                    hint="satellites are rows, sectors are columns",
                )
            return np.ascontiguousarray(b2.T), one
        b2 = b[:, None] if one else b
        if b2.ndim != 2 or b2.shape[0] != self.n:
            raise ModelError(
                f"right-hand side has shape {b.shape}; expected ({self.n}, m) or ({self.n},)",
                field="b",
                hint="sectors are rows, right-hand sides are columns",
            )
        return b2, one

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


def factorize(A, *, method: Method = "auto", check: bool = True) -> LeontiefSolver:
    r"""Factor :math:`I - A` once; shorthand for :class:`LeontiefSolver`.

    Parameters
    ----------
    A : ndarray or sparse, shape (n, n)
    method : {"auto", "dense", "sparse", "iterative"}
    check : bool
        Check :math:`\rho(A) < 1` first.

    Returns
    -------
    LeontiefSolver
    """
    return LeontiefSolver(A, method=method, check=check)


def _solver(A_or_solver, method: Method = "auto") -> LeontiefSolver:
    if isinstance(A_or_solver, LeontiefSolver):
        return A_or_solver
    return LeontiefSolver(A_or_solver, method=method)


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
