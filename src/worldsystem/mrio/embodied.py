r"""Factor content of final demand and of bilateral trade.

Two standard ways to attribute a factor (labour, value added, emissions...) to
pairs of regions are provided side by side:

**MRIO footprint** (consumption-based accounting; Miller & Blair 2009,
ch. 10; Wiedmann 2009, doi:10.1016/j.ecolecon.2009.08.026): factor used in
region r to satisfy final demand of region s, through all supply chains,

.. math::

    E^{\mathrm{fp}}_{rs} = f_r \, (L\, y_s)_r = \sum_{i \in r} f_i\, [L\, y_s]_i .

**Embodied in bilateral trade** (EEBT; Peters 2008,
doi:10.1016/j.ecolecon.2007.10.014): the gross exports of r to s
(intermediate plus final, :math:`e_{rs} = Z_{rs}\mathbf 1 + y_{rs}`) valued
with r's *domestic* multipliers,

.. math::

    E^{\mathrm{eebt}}_{rs} = f_r (I - A_{rr})^{-1} e_{rs} \quad (s \ne r), \qquad
    E^{\mathrm{eebt}}_{rr} = f_r (I - A_{rr})^{-1} y_{rr} .

In a balanced system both add up, row by row, to the factor used in r,
:math:`\sum_s E_{rs} = f_r x_r`; they differ in whom the factor is attributed
to (final consumer vs direct importer).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from worldsystem.core.errors import ModelError
from worldsystem.mrio.block import BlockLeontiefSolver, SolveInfo
from worldsystem.mrio.coefficients import ZeroRule, technical_coefficients
from worldsystem.mrio.solver import LeontiefSolver, Method, _solver, resolve_method

__all__ = [
    "EmbodiedTrade",
    "aggregate",
    "domestic_multipliers",
    "embodied_by_product",
    "embodied_in_final_demand",
    "embodied_trade",
    "net_flows",
]


def _f2(f) -> tuple[np.ndarray, bool]:
    f = np.asarray(f, dtype=float)
    one = f.ndim == 1
    return (f[None, :] if one else f), one


def embodied_in_final_demand(f, A, Y, *, method: Method = "auto") -> np.ndarray:
    r"""Factor embodied in each region's final demand, by producing region-sector.

    .. math::

        E = \hat f \, L \, Y, \qquad E_{is} = f_i \, [L\, y_s]_i

    Row i is where the factor is used; column s is the final demand (region or
    category) it serves. Summing over columns gives production-based use
    :math:`f_i (L Y \mathbf 1)_i`; summing over rows gives the footprint of s
    (Miller & Blair 2009, ch. 10). One solve with the columns of ``Y`` as
    right-hand sides; no inverse is formed.

    Parameters
    ----------
    f : array_like, shape (k, n) or (n,)
        Direct factor intensities.
    A : ndarray, sparse, or LeontiefSolver
    Y : array_like, shape (n, m)
        Final demand, one column per consuming region (or category).
    method : str

    Returns
    -------
    ndarray, shape (k, n, m) or (n, m) if ``f`` is 1-D
        In factor units.

    Examples
    --------
    >>> A = [[0.15, 0.25], [0.2, 0.05]]
    >>> embodied_in_final_demand([0.3, 0.05], A, [[350.0], [1700.0]]).round(6)
    array([[300.],
           [100.]])
    """
    f2, one = _f2(f)
    X = _solver(A, method).solve(np.asarray(Y, dtype=float))
    if X.ndim == 1:
        X = X[:, None]
    E = f2[:, :, None] * X[None, :, :]
    return E[0] if one else E


def embodied_by_product(m, Y) -> np.ndarray:
    r"""Factor embodied in final demand, attributed to the product bought.

    .. math::

        E_{js} = m_j \, y_{js}, \qquad m = f L

    ``m`` comes from :func:`~worldsystem.mrio.factor_multipliers`. Column sums
    equal those of :func:`embodied_in_final_demand` (the footprint of each
    consumer); rows are final products rather than producers.

    Parameters
    ----------
    m : array_like, shape (k, n) or (n,)
    Y : array_like, shape (n, m)

    Returns
    -------
    ndarray, shape (k, n, m) or (n, m)
    """
    m2, one = _f2(m)
    Y = np.asarray(Y, dtype=float)
    E = m2[:, :, None] * Y[None, :, :]
    return E[0] if one else E


def domestic_multipliers(f, A, *, n_regions: int) -> np.ndarray:
    r"""Factor multipliers of each region's domestic block (single-region model).

    .. math::

        m^{\mathrm{dom}}_r = f_r (I - A_{rr})^{-1}

    used by EEBT (Peters 2008). Rows and columns of ``A`` are region-major
    with equal blocks; one small dense solve per region.

    Parameters
    ----------
    f : array_like, shape (k, n) or (n,)
    A : ndarray or sparse, shape (n, n)
    n_regions : int

    Returns
    -------
    ndarray, same shape as ``f``
    """
    f2, one = _f2(f)
    n = f2.shape[1]
    if n_regions <= 0 or n % n_regions:
        raise ModelError(
            f"{n} sectors cannot be split into {n_regions} equal region blocks",
            field="n_regions",
            value=n_regions,
            hint="rows must be region-major with the same sectors in every region",
        )
    S = n // n_regions
    r = np.arange(n_regions)
    if sp.issparse(A):
        Acsc = sp.csc_matrix(A)
        blocks = np.stack(
            [Acsc[i * S : (i + 1) * S, i * S : (i + 1) * S].toarray() for i in range(n_regions)]
        )
    else:
        blocks = np.asarray(A, dtype=float).reshape(n_regions, S, n_regions, S)[r, :, r, :]
    # (I - A_rr)^T m_r^T = f_r^T for every region at once (batched LAPACK)
    M = np.eye(S)[None, :, :] - blocks.transpose(0, 2, 1)
    rhs = f2.reshape(f2.shape[0], n_regions, S).transpose(1, 2, 0)  # (R, S, k)
    try:
        sol = np.linalg.solve(M, rhs)
    except np.linalg.LinAlgError as exc:
        raise ModelError(
            "I - A_rr of a region block is singular",
            field="A",
            hint="check that the system is productive",
        ) from exc
    out = sol.transpose(2, 0, 1).reshape(f2.shape[0], n)
    return out[0] if one else out


@dataclass(frozen=True, eq=False)
class EmbodiedTrade:
    """Factor flows between regions, by the footprint and the EEBT method.

    Arrays have a leading satellite axis ``k`` (dropped when a single 1-D
    intensity vector was given). Region axes are in table order.

    Attributes
    ----------
    footprint : ndarray, shape (k, R, R)
        ``[k, r, s]``: factor used in r for final demand of s (MRIO footprint).
    footprint_by_sector : ndarray, shape (k, n, R)
        ``[k, i, s]``: factor used in region-sector i for final demand of s.
    eebt : ndarray, shape (k, R, R)
        ``[k, r, s]``: factor embodied in gross exports of r to s (s != r) at
        r's domestic multipliers; the diagonal is r's own final demand.
    eebt_by_sector : ndarray, shape (k, n, R)
        ``[k, i, s]``: the same, by exporting region-sector i.
    exports : ndarray, shape (n, R)
        Gross exports (intermediate + final) of region-sector i to region s,
        money; zero in the exporter's own column.
    regions : tuple of str or None
    satellites : tuple of str or None
    solve_info : SolveInfo or None
        How the footprint solve ended when a block solver was used (method,
        iterations, largest relative residual, fallback); None for a direct LU.
    """

    footprint: np.ndarray
    footprint_by_sector: np.ndarray
    eebt: np.ndarray
    eebt_by_sector: np.ndarray
    exports: np.ndarray
    regions: tuple[str, ...] | None = None
    satellites: tuple[str, ...] | None = None
    solve_info: SolveInfo | None = None

    def to_frame(self, kind: str = "footprint", satellite: int | str = 0) -> Any:
        """A labelled region x region ``pandas.DataFrame`` (rows: origin/exporter).

        Parameters
        ----------
        kind : {"footprint", "eebt"}
        satellite : int or str
            Index or name of the satellite (ignored if there is no satellite axis).
        """
        import pandas as pd

        if kind not in ("footprint", "eebt"):
            raise ModelError(
                f"unknown kind {kind!r}", field="kind", hint="use 'footprint' or 'eebt'"
            )
        M = getattr(self, kind)
        if M.ndim == 3:
            if isinstance(satellite, str):
                if self.satellites is None or satellite not in self.satellites:
                    raise ModelError(
                        f"no satellite named {satellite!r}",
                        field="satellite",
                        value=satellite,
                        hint=f"choose one of {self.satellites}",
                    )
                satellite = self.satellites.index(satellite)
            M = M[satellite]
        labels = self.regions or tuple(str(i) for i in range(M.shape[0]))
        return pd.DataFrame(
            M,
            index=pd.Index(labels, name="origin"),
            columns=pd.Index(labels, name="destination"),
        )


def _row_region_sums(
    Z: sp.csr_matrix, region_of: np.ndarray, R: int, chunk: int = 2**22
) -> np.ndarray:
    """:math:`\\sum_{j \\in s} Z_{ij}` for every row ``i`` and region ``s``, in row chunks.

    Each chunk's column indices are replaced by their regions and the result is
    densified (which adds up entries with the same row and region), about
    ``chunk`` non-zeros at a time (at least one row).
    """
    n = Z.shape[0]
    out = np.empty((n, R))
    indptr = Z.indptr
    a = 0
    while a < n:
        b = int(np.searchsorted(indptr, indptr[a] + chunk, side="right")) - 1
        b = min(max(b, a + 1), n)
        lo, hi = indptr[a], indptr[b]
        part = sp.csr_matrix(
            (Z.data[lo:hi], region_of[Z.indices[lo:hi]], indptr[a : b + 1] - lo), shape=(b - a, R)
        )
        out[a:b] = part.toarray()
        a = b
    return out


def embodied_trade(
    f,
    Z,
    Y,
    x,
    *,
    n_regions: int,
    A=None,
    solver: LeontiefSolver | BlockLeontiefSolver | None = None,
    regions: Sequence[str] | None = None,
    satellites: Sequence[str] | None = None,
    zero_output: ZeroRule = "raise",
    method: Method = "auto",
) -> EmbodiedTrade:
    r"""Factor content of bilateral trade: MRIO footprint and EEBT.

    See the module docstring for both identities. Costs one factorisation of
    :math:`I - A` (skipped if ``solver`` is given), one solve with ``R``
    right-hand sides (the regions' final demand), and ``R`` small dense solves
    for the domestic multipliers. The Leontief inverse is never formed.

    Parameters
    ----------
    f : array_like, shape (k, n) or (n,)
        Direct factor intensities, e.g. from
        :func:`~worldsystem.mrio.factor_intensities`.
    Z : ndarray or sparse, shape (n, n)
        Intermediate flows, region-major.
    Y : array_like, shape (n, R)
        Final demand summed over categories, one column per region.
    x : array_like, shape (n,)
        Gross output used for ``A`` (the published ``x`` is fine; see
        :func:`~worldsystem.mrio.total_output`).
    n_regions : int
    A : ndarray or sparse, optional
        Technical coefficients if already computed from ``Z`` and ``x``.
    solver : LeontiefSolver or BlockLeontiefSolver, optional
        A factorisation of :math:`I - A` to reuse.
    regions, satellites : sequence of str, optional
        Labels carried into the result.
    zero_output : {"raise", "zero"}
        Rule for zero-output columns when computing ``A``.
    method : {"auto", "dense", "sparse", "iterative", "block"}
        Solver method when ``solver`` is not given. ``"block"`` uses
        :class:`~worldsystem.mrio.BlockLeontiefSolver` (built from ``Z`` and
        ``x`` strip by strip, so no dense ``A`` is formed, and the domestic
        multipliers of EEBT come from its factored blocks); ``"auto"`` picks it
        for ``n >= BLOCK_MIN`` and a dense LU below (WIOD and smaller).

    Returns
    -------
    EmbodiedTrade

    Examples
    --------
    Two regions with one sector each:

    >>> Z = [[10.0, 20.0], [30.0, 5.0]]
    >>> Y = [[60.0, 10.0], [15.0, 50.0]]
    >>> x = [100.0, 100.0]
    >>> res = embodied_trade([1.0, 2.0], Z, Y, x, n_regions=2)
    >>> res.eebt.sum(axis=1).round(6)  # = f_r x_r
    array([100., 200.])
    """
    Y = np.asarray(Y, dtype=float)
    if Y.ndim == 1:
        Y = Y[:, None]
    f2, one = _f2(f)
    n = f2.shape[1]
    if Y.shape != (n, n_regions):
        raise ModelError(
            f"Y has shape {Y.shape}; expected ({n}, {n_regions}): one column per region",
            field="Y",
            hint="sum final demand over categories per region first",
        )
    if n % n_regions:
        raise ModelError(
            f"{n} sectors cannot be split into {n_regions} equal region blocks",
            field="n_regions",
            value=n_regions,
            hint="rows must be region-major with the same sectors in every region",
        )
    S = n // n_regions
    if solver is None and resolve_method(method, n, n_regions) == "block":
        if A is None:
            solver = BlockLeontiefSolver.from_flows(
                Z, x, n_regions=n_regions, zero_output=zero_output
            )
        else:
            solver = BlockLeontiefSolver(A, n_regions=n_regions)
    block = isinstance(solver, BlockLeontiefSolver) and solver.n_regions == n_regions
    if A is None and not block:
        A = technical_coefficients(Z, x, zero_output=zero_output)
    if solver is None:
        solver = LeontiefSolver(A, method=method)
    region_of = np.repeat(np.arange(n_regions), S)

    # footprint: f_i [L y_s]_i
    X = solver.solve(Y)  # (n, R)
    info = getattr(solver, "last_info", None)
    fp_sec = f2[:, :, None] * X[None, :, :]
    fp = fp_sec.reshape(f2.shape[0], n_regions, S, n_regions).sum(axis=2)

    # EEBT: exports e_is = sum_{j in s} Z_ij + y_is for s != region(i)
    if sp.issparse(Z):
        Zreg = _row_region_sums(sp.csr_matrix(Z), region_of, n_regions)
    else:
        Zreg = np.asarray(Z, dtype=float).reshape(n, n_regions, S).sum(axis=2)
    own = region_of[:, None] == np.arange(n_regions)[None, :]
    exports = np.where(own, 0.0, Zreg + Y)
    carried = np.where(own, Y, exports)  # domestic column: own final demand
    if block:
        mdom = solver.domestic_multipliers(f2)
    else:
        mdom = domestic_multipliers(f2, A, n_regions=n_regions)
    eebt_sec = mdom[:, :, None] * carried[None, :, :]
    eebt = eebt_sec.reshape(f2.shape[0], n_regions, S, n_regions).sum(axis=2)

    if one:
        fp, fp_sec, eebt, eebt_sec = fp[0], fp_sec[0], eebt[0], eebt_sec[0]
    return EmbodiedTrade(
        footprint=fp,
        footprint_by_sector=fp_sec,
        eebt=eebt,
        eebt_by_sector=eebt_sec,
        exports=exports,
        regions=None if regions is None else tuple(regions),
        satellites=None if satellites is None else tuple(satellites),
        solve_info=info,
    )


def net_flows(matrix):
    r"""Net factor exports of each region from a region x region flow matrix.

    .. math::

        n_r = \sum_s E_{rs} - \sum_s E_{sr}

    (exports minus imports; the diagonal cancels). Over all regions
    :math:`\sum_r n_r = 0`. A positive value means the region gives more of
    the factor to others than it receives (a net drain from it).

    Parameters
    ----------
    matrix : ndarray, shape (..., R, R), or pandas.DataFrame
        Rows are origins, columns destinations.

    Returns
    -------
    ndarray, shape (..., R), or pandas.Series for a DataFrame

    Examples
    --------
    >>> net_flows(np.array([[5.0, 3.0], [1.0, 7.0]]))
    array([ 2., -2.])
    """
    if hasattr(matrix, "to_numpy") and hasattr(matrix, "index"):
        import pandas as pd

        vals = matrix.to_numpy(dtype=float)
        if list(matrix.index) != list(matrix.columns):
            raise ModelError(
                "rows and columns of the flow matrix are not the same regions",
                field="matrix",
                hint="reindex columns to match the index",
            )
        return pd.Series(vals.sum(axis=1) - vals.sum(axis=0), index=matrix.index, name="net")
    M = np.asarray(matrix, dtype=float)
    if M.ndim < 2 or M.shape[-1] != M.shape[-2]:
        raise ModelError(f"flow matrix has shape {M.shape}; expected (..., R, R)", field="matrix")
    return M.sum(axis=-1) - M.sum(axis=-2)


def aggregate(matrix, groups):
    r"""Sum a region x region matrix into groups of regions (e.g. North/South).

    .. math::

        E^{G}_{gh} = \sum_{r \in g} \sum_{s \in h} E_{rs} = (P^{\mathsf T} E P)_{gh}

    with :math:`P` the region-to-group indicator matrix.

    Parameters
    ----------
    matrix : ndarray, shape (..., R, R), or pandas.DataFrame
    groups : sequence of length R, or mapping region -> group (DataFrame only)
        The group of each region. Groups appear in order of first appearance.

    Returns
    -------
    (ndarray, tuple) for an array input: the aggregated matrix, shape
    (..., G, G), and the group labels; a labelled DataFrame for a DataFrame.

    Examples
    --------
    >>> M = np.arange(9.0).reshape(3, 3)
    >>> aggregate(M, ["N", "S", "S"])
    (array([[ 0.,  3.],
           [ 9., 24.]]), ('N', 'S'))
    """
    frame = hasattr(matrix, "to_numpy") and hasattr(matrix, "index")
    if frame:
        M = matrix.to_numpy(dtype=float)
        if isinstance(groups, Mapping):
            missing = [r for r in matrix.index if r not in groups]
            if missing:
                raise ModelError(
                    f"{len(missing)} regions have no group",
                    field="groups",
                    value=missing[:10],
                    hint="give every region of the matrix a group",
                )
            groups = [groups[r] for r in matrix.index]
    else:
        M = np.asarray(matrix, dtype=float)
        if isinstance(groups, Mapping):
            raise ModelError(
                "a mapping of groups needs a labelled DataFrame",
                field="groups",
                hint="pass a sequence with the group of each region, in order",
            )
    groups = list(groups)
    R = M.shape[-1]
    if M.ndim < 2 or M.shape[-2] != R or len(groups) != R:
        raise ModelError(
            f"matrix has shape {M.shape} and {len(groups)} group labels; expected (..., R, R) "
            "with one label per region",
            field="groups",
        )
    labels = tuple(dict.fromkeys(groups))
    idx = np.array([labels.index(g) for g in groups])
    P = np.zeros((R, len(labels)))
    P[np.arange(R), idx] = 1.0
    out = np.einsum("rg,...rs,sh->...gh", P, M, P)
    if frame:
        import pandas as pd

        return pd.DataFrame(out, index=pd.Index(labels), columns=pd.Index(labels))
    return out, labels
