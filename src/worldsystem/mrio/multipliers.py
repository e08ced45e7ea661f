"""Output, input (Ghosh) and factor multipliers, without forming the inverse.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed., ch. 6 (multipliers), ch. 10 (factor/environmental
extensions) and ch. 12 (Ghosh). doi:10.1017/CBO9780511626982
"""

from __future__ import annotations

import numpy as np

from worldsystem.mrio.solver import Method, _solver

__all__ = ["factor_multipliers", "input_multipliers", "output_multipliers"]


def output_multipliers(A, *, method: Method = "auto") -> np.ndarray:
    r"""Simple output multipliers: the column sums of the Leontief inverse.

    .. math::

        o' = \mathbf{1}' L = \mathbf{1}' (I - A)^{-1}, \qquad o_j = \sum_i l_{ij}

    Total output (in all sectors) needed per unit of final demand for sector
    j (Miller & Blair 2009, ch. 6). Computed as one transposed
    solve :math:`(I - A)^{\mathsf T} o = \mathbf{1}`.

    Parameters
    ----------
    A : ndarray, sparse, or LeontiefSolver
    method : str
        Passed to :class:`LeontiefSolver` when ``A`` is a matrix.

    Returns
    -------
    ndarray, shape (n,)
        Money of output per money of final demand.

    Examples
    --------
    >>> output_multipliers([[0.15, 0.25], [0.2, 0.05]]).round(4)
    array([1.5182, 1.4521])
    """
    s = _solver(A, method)
    return s.solve_transposed(np.ones(s.n))


def input_multipliers(B, *, method: Method = "auto") -> np.ndarray:
    r"""Ghosh (supply-side) input multipliers: the row sums of the Ghosh inverse.

    .. math::

        g = G \mathbf{1} = (I - B)^{-1} \mathbf{1}, \qquad g_i = \sum_j g_{ij}

    Total output (in all sectors) supported by one unit of primary input in
    sector i (Miller & Blair 2009, ch. 12). One solve with
    :math:`I - B`.

    Parameters
    ----------
    B : ndarray, sparse, or LeontiefSolver built on the allocation coefficients
    method : str

    Returns
    -------
    ndarray, shape (n,)

    Examples
    --------
    >>> input_multipliers([[0.15, 0.5], [0.1, 0.05]]).round(4)
    array([1.9142, 1.2541])
    """
    s = _solver(B, method)
    return s.solve(np.ones(s.n))


def factor_multipliers(f, A, *, method: Method = "auto") -> np.ndarray:
    r"""Total factor multipliers for any satellite: direct plus indirect use.

    .. math::

        m = f L = f (I - A)^{-1}

    where :math:`f` holds the direct intensities (factor per unit of output,
    see :func:`~worldsystem.mrio.factor_intensities`). :math:`m_j` is the
    factor used in the whole economy per unit of final demand for sector j
    (Miller & Blair 2009, ch. 6 and 10). All satellites are solved
    together, :math:`(I - A)^{\mathsf T} m^{\mathsf T} = f^{\mathsf T}`, with
    one factorisation.

    Parameters
    ----------
    f : array_like, shape (k, n) or (n,)
        Direct intensities, one row per satellite.
    A : ndarray, sparse, or LeontiefSolver
    method : str

    Returns
    -------
    ndarray, same shape as ``f``
        Factor unit per money of final demand.

    Examples
    --------
    >>> factor_multipliers([0.3, 0.05], [[0.15, 0.25], [0.2, 0.05]]).round(4)
    array([0.3894, 0.1551])
    """
    return _solver(A, method).solve_transposed(f)
