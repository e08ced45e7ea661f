"""Coefficients, intensities and the checks that an input-output system is usable.

All functions take arrays (numpy or ``scipy.sparse``) and return arrays. They
never divide by zero silently: a zero output is allowed only where the flows
that would be divided by it are zero as well, and then the coefficient is
defined to be 0. Anything else raises :class:`~worldsystem.core.errors.ModelError`
unless the caller opts in with ``zero_output="zero"`` (the rule pymrio applies
without asking).

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed. Cambridge University Press. doi:10.1017/CBO9780511626982
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import scipy.sparse as sp

from worldsystem.core.errors import ModelError

__all__ = [
    "BalanceReport",
    "allocation_coefficients",
    "check_balanced",
    "check_productive",
    "factor_intensities",
    "technical_coefficients",
    "total_output",
]

ZeroRule = Literal["raise", "zero"]


def _as_vector(x, name: str) -> np.ndarray:
    v = np.asarray(x, dtype=float)
    if v.ndim == 2 and 1 in v.shape:
        v = v.ravel()
    if v.ndim != 1:
        raise ModelError(
            f"{name} has shape {v.shape}; expected a vector",
            field=name,
            hint=f"pass {name} as a 1-D array of length n",
        )
    return v


def _safe_reciprocal(
    x: np.ndarray, flows_abs_sum, *, name: str, what: str, zero_output: ZeroRule
) -> np.ndarray:
    """1/x where x != 0; 0 where x == 0 and the flows are zero; else raise.

    ``flows_abs_sum(idx)`` returns the absolute flow sums of the sectors ``idx``;
    it is only called for zero-output sectors.
    """
    if zero_output not in ("raise", "zero"):
        raise ModelError(
            f"zero_output={zero_output!r} is not a rule",
            field="zero_output",
            value=zero_output,
            hint="use 'raise' (default) or 'zero'",
        )
    zero = x == 0
    if zero_output == "raise" and zero.any():
        where = np.flatnonzero(zero)
        bad = where[flows_abs_sum(where) != 0]
        if bad.size:
            raise ModelError(
                f"{bad.size} {what} have zero output but non-zero flows "
                f"(first at index {int(bad[0])}); the coefficient would divide by zero",
                field=name,
                value=bad[:10].tolist(),
                hint="fix the output vector x, drop these sectors, or pass "
                "zero_output='zero' to set their coefficients to 0 explicitly",
            )
    if not np.isfinite(x).all():
        raise ModelError(
            "output vector x has non-finite entries",
            field="x",
            value=np.flatnonzero(~np.isfinite(x))[:10].tolist(),
            hint="replace NaN/inf output before computing coefficients",
        )
    rec = np.zeros_like(x)
    np.divide(1.0, x, out=rec, where=~zero)
    return rec


def _abs_sum(M, axis: int):
    """A function giving the absolute sums of the columns (axis 0) or rows (1) ``idx``."""

    def sums(idx: np.ndarray) -> np.ndarray:
        if sp.issparse(M):
            part = sp.csc_matrix(M)[:, idx] if axis == 0 else sp.csr_matrix(M)[idx, :]
            return np.asarray(abs(part).sum(axis=axis)).ravel()
        part = M[:, idx] if axis == 0 else M[idx, :]
        return np.abs(part).sum(axis=axis)

    return sums


def _flows_and_output(Z, x):
    """``Z`` as a float array (or sparse as given) and ``x`` as a vector; shapes checked."""
    x = _as_vector(x, "x")
    if not sp.issparse(Z):
        Z = np.asarray(Z, dtype=float)
    if Z.shape != (x.size, x.size):
        raise ModelError(
            f"Z has shape {Z.shape}; expected ({x.size}, {x.size}) to match x",
            field="Z",
            hint="Z must be square with one row/column per entry of x",
        )
    return Z, x


def technical_coefficients(Z, x, *, zero_output: ZeroRule = "raise"):
    r"""Technical (input) coefficients of the Leontief model.

    .. math::

        A = Z \hat{x}^{-1}, \qquad a_{ij} = z_{ij} / x_j

    (Miller & Blair 2009, ch. 2). A column with :math:`x_j = 0` gets
    coefficients 0 only if column :math:`j` of ``Z`` is all zero; otherwise a
    :class:`ModelError` is raised, because the coefficient is undefined.

    Parameters
    ----------
    Z : ndarray or scipy.sparse matrix, shape (n, n)
        Intermediate flows, ``Z[i, j]`` from sector i to sector j (money).
    x : array_like, shape (n,)
        Gross output (same unit as ``Z``).
    zero_output : {"raise", "zero"}
        ``"zero"`` sets every column with ``x_j = 0`` to 0 even when ``Z`` has
        flows there (pymrio's rule); use it only knowingly.

    Returns
    -------
    A : ndarray, or scipy.sparse csc matrix if ``Z`` is sparse
        Dimensionless (money per money of output).

    Raises
    ------
    ModelError
        Zero output with non-zero inputs, non-finite output, or bad shapes.

    Examples
    --------
    >>> technical_coefficients([[150.0, 500.0], [200.0, 100.0]], [1000.0, 2000.0])
    array([[0.15, 0.25],
           [0.2 , 0.05]])
    """
    Z, x = _flows_and_output(Z, x)
    rec = _safe_reciprocal(x, _abs_sum(Z, 0), name="x", what="columns", zero_output=zero_output)
    if sp.issparse(Z):
        return sp.csc_matrix(Z @ sp.diags(rec))
    return Z * rec[None, :]


def allocation_coefficients(Z, x, *, zero_output: ZeroRule = "raise"):
    r"""Allocation (output) coefficients of the Ghosh supply-side model.

    .. math::

        B = \hat{x}^{-1} Z, \qquad b_{ij} = z_{ij} / x_i

    (Miller & Blair 2009, ch. 12). A row with :math:`x_i = 0` gets
    coefficients 0 only if row :math:`i` of ``Z`` is all zero; otherwise a
    :class:`ModelError` is raised.

    Parameters
    ----------
    Z : ndarray or scipy.sparse matrix, shape (n, n)
    x : array_like, shape (n,)
    zero_output : {"raise", "zero"}
        See :func:`technical_coefficients`.

    Returns
    -------
    B : ndarray, or scipy.sparse csr matrix if ``Z`` is sparse

    Examples
    --------
    >>> allocation_coefficients([[150.0, 500.0], [200.0, 100.0]], [1000.0, 2000.0])
    array([[0.15, 0.5 ],
           [0.1 , 0.05]])
    """
    Z, x = _flows_and_output(Z, x)
    rec = _safe_reciprocal(x, _abs_sum(Z, 1), name="x", what="rows", zero_output=zero_output)
    if sp.issparse(Z):
        return sp.csr_matrix(sp.diags(rec) @ Z)
    return rec[:, None] * Z


def factor_intensities(F, x, *, zero_output: ZeroRule = "raise") -> np.ndarray:
    r"""Direct factor intensities: factor use per unit of gross output.

    .. math::

        f_{ki} = F_{ki} / x_i

    (Miller & Blair 2009, ch. 10; pymrio calls them ``S``). Where
    :math:`x_i = 0` the intensity is 0 if the factor use is 0 for every
    satellite; a non-zero factor with zero output raises :class:`ModelError`.

    Parameters
    ----------
    F : array_like, shape (k, n) or (n,)
        Total factor use (hours, value added, tonnes...) per sector.
    x : array_like, shape (n,)
        Gross output.
    zero_output : {"raise", "zero"}
        See :func:`technical_coefficients`.

    Returns
    -------
    f : ndarray, same shape as ``F``
        Factor per unit of output (factor unit per money unit of ``x``).

    Examples
    --------
    >>> factor_intensities([300.0, 100.0, 0.0], [1000.0, 2000.0, 0.0])
    array([0.3 , 0.05, 0.  ])
    """
    x = _as_vector(x, "x")
    F = np.asarray(F, dtype=float)
    one = F.ndim == 1
    F2 = F[None, :] if one else F
    if F2.ndim != 2 or F2.shape[1] != x.size:
        raise ModelError(
            f"F has shape {F.shape}; expected (k, {x.size}) or ({x.size},)",
            field="F",
            hint="satellites are rows, sectors are columns",
        )
    rec = _safe_reciprocal(
        x,
        lambda idx: np.abs(F2[:, idx]).sum(axis=0),
        name="x",
        what="sectors",
        zero_output=zero_output,
    )
    f = F2 * rec[None, :]
    return f[0] if one else f


def total_output(Z, Y) -> np.ndarray:
    r"""Gross output implied by the flows, :math:`x = Z \mathbf{1} + Y \mathbf{1}`.

    Use it to build an exactly balanced system from flows alone (Miller &
    Blair 2009, ch. 2). With published tables whose cells were rounded, the
    usual alternative (pymrio's) is to keep the published ``x`` and compute
    ``A`` from ``Z`` and ``x``: the model then describes the system
    :math:`(A, Y)` whose output is :math:`L Y \mathbf{1}`, which differs from
    the published ``x`` by the rounding.

    Parameters
    ----------
    Z : ndarray or sparse, shape (n, n)
    Y : ndarray, shape (n, m) or (n,)

    Returns
    -------
    x : ndarray, shape (n,)
    """
    Y = np.asarray(Y, dtype=float)
    zr = np.asarray(Z.sum(axis=1)).ravel() if sp.issparse(Z) else np.asarray(Z).sum(axis=1)
    yr = Y if Y.ndim == 1 else Y.sum(axis=1)
    return zr + yr


@dataclass(frozen=True)
class BalanceReport:
    """How far the row identity :math:`x = Z\\mathbf{1} + Y\\mathbf{1}` is off.

    Attributes
    ----------
    residual : ndarray, shape (n,)
        :math:`x - Z\\mathbf{1} - Y\\mathbf{1}` (money).
    relative : ndarray, shape (n,)
        ``|residual| / x`` where ``x > 0``, NaN where ``x == 0``.
    max_relative, median_relative : float
        Over rows with ``x > 0``.
    worst_row : int
        Index of the row with the largest relative residual (-1 if none).
    zero_output_rows : int
        Rows with ``x == 0``; their residual is ``-(Z1 + Y1)``.
    rtol : float
        Tolerance that was applied.
    balanced : bool
        ``max_relative <= rtol`` and every zero-output row has zero flows.
    """

    residual: np.ndarray
    relative: np.ndarray
    max_relative: float
    median_relative: float
    worst_row: int
    zero_output_rows: int
    rtol: float
    balanced: bool


def check_balanced(Z, Y, x, *, rtol: float = 1e-6, strict: bool = False) -> BalanceReport:
    r"""Check the accounting identity of the rows, :math:`x = Z\mathbf{1} + Y\mathbf{1}`.

    .. math::

        r_i = x_i - \sum_j z_{ij} - \sum_c y_{ic}, \qquad
        \rho_i = |r_i| / x_i \;(x_i > 0)

    Published tables rounded to whole units do not balance exactly (WIOD 2013:
    median 0.2 %, up to 80 % in tiny rows). Either rebalance with
    :func:`total_output` or keep the published ``x`` (see there).

    Parameters
    ----------
    Z : ndarray or sparse, shape (n, n)
    Y : ndarray, shape (n, m) or (n,)
    x : array_like, shape (n,)
    rtol : float
        Largest acceptable relative residual.
    strict : bool
        If True, raise :class:`ModelError` when the system is not balanced.

    Returns
    -------
    BalanceReport

    Examples
    --------
    >>> rep = check_balanced([[150.0, 500.0], [200.0, 100.0]], [350.0, 1700.0], [1000, 2000])
    >>> rep.balanced, rep.max_relative
    (True, 0.0)
    """
    x = _as_vector(x, "x")
    implied = total_output(Z, Y)
    if implied.shape != x.shape:
        raise ModelError(
            f"Z/Y give {implied.size} rows but x has {x.size}",
            field="x",
            hint="Z, Y and x must describe the same sectors",
        )
    residual = x - implied
    pos = x > 0
    relative = np.full(x.shape, np.nan)
    relative[pos] = np.abs(residual[pos]) / x[pos]
    if pos.any():
        max_rel = float(np.max(relative[pos]))
        med_rel = float(np.median(relative[pos]))
        worst = int(np.flatnonzero(pos)[np.argmax(relative[pos])])
    else:
        max_rel, med_rel, worst = 0.0, 0.0, -1
    zero_rows = ~pos
    zero_ok = bool(np.all(residual[zero_rows] == 0))
    balanced = bool(max_rel <= rtol and zero_ok)
    report = BalanceReport(
        residual=residual,
        relative=relative,
        max_relative=max_rel,
        median_relative=med_rel,
        worst_row=worst,
        zero_output_rows=int(zero_rows.sum()),
        rtol=rtol,
        balanced=balanced,
    )
    if strict and not balanced:
        raise ModelError(
            f"the system is not balanced: max relative row residual {max_rel:.3g} "
            f"(row {worst}, median {med_rel:.3g}) exceeds rtol={rtol:g}"
            + ("" if zero_ok else "; rows with zero output have non-zero flows"),
            field="x",
            value=worst,
            hint="rebalance with x = total_output(Z, Y), or raise rtol for rounded "
            "tables and keep the published x",
        )
    return report


def check_productive(A, *, exact: bool = False, tol: float = 1e-10) -> float:
    r"""Check that the Leontief system is productive, i.e. :math:`\rho(A) < 1`.

    For :math:`A \ge 0`, :math:`(I - A)^{-1} = \sum_k A^k \ge 0` exists iff the
    spectral radius :math:`\rho(A) < 1` (Hawkins–Simon; Miller & Blair 2009,
    ch. 2 and its appendix). Perron–Frobenius bounds it by the column sums,

    .. math::

        \min_j \sum_i a_{ij} \;\le\; \rho(A) \;\le\; \max_j \sum_i a_{ij},

    so when every column sum is below 1 the system is productive and the bound
    is returned without an eigenvalue computation. Otherwise (or with
    ``exact=True``, or if ``A`` has negative entries) the eigenvalue of largest
    modulus is computed (ARPACK for sparse or large ``A``).

    Parameters
    ----------
    A : ndarray or sparse, shape (n, n)
        Technical coefficients.
    exact : bool
        Always compute the spectral radius instead of returning the bound.
    tol : float
        The system counts as productive if :math:`\rho(A) < 1 - tol`.

    Returns
    -------
    float
        The spectral radius (``exact=True`` or when the bound was not enough),
        otherwise the column-sum upper bound, which is below ``1 - tol``.

    Raises
    ------
    ModelError
        If :math:`\rho(A) \ge 1 - tol`; the message gives the radius found.

    Examples
    --------
    >>> round(check_productive([[0.15, 0.25], [0.2, 0.05]], exact=True), 4)
    0.3291
    """
    if not sp.issparse(A):
        A = np.asarray(A, dtype=float)
    n = A.shape[0]
    if A.ndim != 2 or A.shape != (n, n):
        raise ModelError(f"A has shape {A.shape}; expected square", field="A")
    if n == 0:
        return 0.0
    nonneg = (A.data >= 0).all() if sp.issparse(A) else bool((A >= 0).all())
    if nonneg and not exact:
        colmax = float(np.asarray(A.sum(axis=0)).max())
        if colmax < 1.0 - tol:
            return colmax
    rho = _spectral_radius(A)
    if not rho < 1.0 - tol:
        raise ModelError(
            f"the system is not productive: spectral radius of A is {rho:.6g}, expected < 1",
            field="A",
            value=rho,
            hint="check units and that Z is divided by output of the same year; a "
            "column with inputs larger than its output makes (I - A)^-1 meaningless",
        )
    return rho


def _spectral_radius(A) -> float:
    n = A.shape[0]
    if n <= 400:
        dense = A.toarray() if sp.issparse(A) else A
        return float(np.max(np.abs(np.linalg.eigvals(dense))))
    from scipy.sparse.linalg import ArpackNoConvergence, eigs

    v0 = np.full(n, 1.0 / np.sqrt(n))
    try:
        vals = eigs(A, k=1, which="LM", v0=v0, return_eigenvectors=False, tol=1e-10)
    except ArpackNoConvergence:  # pragma: no cover - rare
        dense = A.toarray() if sp.issparse(A) else A
        return float(np.max(np.abs(np.linalg.eigvals(dense))))
    return float(np.max(np.abs(vals)))
