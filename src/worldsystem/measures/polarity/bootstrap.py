"""Bootstrap over the CINC components: intervals for shares and effective poles.

Step 4 of :mod:`worldsystem.measures.polarity`: :func:`bootstrap_cinc` and its
result :class:`CincBootstrap`.

References
----------
Singer, J.D., Bremer, S., Stuckey, J. (1972). Capability Distribution,
Uncertainty, and Major Power War, 1820-1965. In B. Russett (ed.), *Peace, War,
and Numbers*, 19-48. Beverly Hills: Sage.

Laakso, M., Taagepera, R. (1979). "Effective" Number of Parties.
*Comparative Political Studies* 12(1):3-27. doi:10.1177/001041407901200101.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.measures._common import finish
from worldsystem.measures._concentration import group_sums
from worldsystem.measures.polarity._base import _CITE_CINC, _keys
from worldsystem.measures.polarity.indices import COW_COMPONENTS, cinc

__all__ = [
    "CincBootstrap",
    "bootstrap_cinc",
]


def _row_quantiles(
    draws: np.ndarray, alpha: float, *, with_sd: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise (alpha, 1 - alpha) quantiles and standard deviations, ignoring NaN.

    Rows without NaN (almost all) go through the fast ``np.quantile`` path; only
    rows with NaN use ``np.nanquantile``. Standard deviations use ``ddof=1`` and
    are NaN with fewer than two valid draws.
    """
    n = draws.shape[0]
    q = np.full((2, n), np.nan)
    sd = np.full(n, np.nan)
    if n == 0 or draws.shape[1] == 0:
        return q, sd
    bad = np.isnan(draws).any(axis=1)
    good = ~bad
    if good.any():
        sub = draws[good]
        # numpy's default "linear" quantile via one partition for both tails:
        # position h = (D - 1) p, value = x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
        d = sub.shape[1]
        pos = np.array([alpha, 1 - alpha]) * (d - 1)
        low = np.floor(pos).astype("int64")
        high = np.minimum(low + 1, d - 1)
        part = np.partition(sub, np.unique(np.r_[low, high]), axis=1)
        frac = pos - low
        q[:, good] = (part[:, low] + frac * (part[:, high] - part[:, low])).T
        if with_sd and sub.shape[1] > 1:
            sd[good] = sub.std(axis=1, ddof=1)
    if bad.any():
        sub = draws[bad]
        valid = (~np.isnan(sub)).sum(axis=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
            q[:, bad] = np.nanquantile(sub, [alpha, 1 - alpha], axis=1)
            sd[bad] = np.where(valid > 1, np.nanstd(sub, axis=1, ddof=1), np.nan)
    return q, sd


@dataclass(frozen=True)
class CincBootstrap:
    """Result of :func:`bootstrap_cinc`.

    Attributes
    ----------
    shares : DataFrame
        ``iso3, [ccode,] year, cinc, cinc_lo, cinc_hi``: point CINC and the
        percentile interval over draws.
    poles : DataFrame
        ``year, effective_poles, poles_lo, poles_hi, poles_se``: effective number
        of poles among all states (shares renormalised within year).
    n_draws, seed, ci
        The settings used.
    """

    shares: pd.DataFrame
    poles: pd.DataFrame
    n_draws: int
    seed: int
    ci: float


def bootstrap_cinc(
    frame: pd.DataFrame,
    *,
    n_draws: int = 1000,
    seed: int = 0,
    ci: float = 0.9,
    components: Sequence[str] = COW_COMPONENTS,
    normalize: bool = False,
    chunk_rows: int = 4096,
) -> CincBootstrap:
    r"""Bootstrap over CINC components: intervals for shares and effective poles.

    A draw :math:`b` resamples the :math:`K` components with replacement,
    giving counts :math:`c_b \in \{0,\dots,K\}^K` with :math:`\sum_k c_{bk} = K`
    (multinomial with equal probabilities). The state's CINC in that draw is
    the COW average over the drawn multiset of its non-missing component
    shares,

    .. math::

        \mathrm{CINC}^{(b)}_{it} = \frac{\sum_k c_{bk}\, s_{ikt}\, a_{ikt}}
                                       {\sum_k c_{bk}\, a_{ikt}},

    with :math:`a_{ikt} = 1` when component :math:`k` is available. All draws
    are computed at once as two matrix products ``(S*A) @ C.T`` and ``A @ C.T``.
    The effective number of poles in draw :math:`b` is
    :math:`(\sum_i \mathrm{CINC}^{(b)}_{it})^2 / \sum_i (\mathrm{CINC}^{(b)}_{it})^2`,
    i.e. :math:`1/\mathrm{HHI}` of the within-year renormalised shares.

    Assumptions: the *same* multiset is applied to every state and every year
    within a draw (it is a resample of the index's definition, not of the
    data); since intervals are reported per state-year and per year, this gives
    the same marginal intervals as independent per-year draws and keeps each
    draw's trajectory coherent. Component shares themselves are held fixed
    (measurement error in the raw data is not modelled). A state none of whose
    drawn components is available gets NaN in that draw and is left out of that
    draw's quantiles and poles.

    Parameters
    ----------
    frame : DataFrame
        As for :func:`cinc`.
    n_draws : int
        Number of bootstrap draws (default 1000).
    seed : int
        Seed of ``numpy.random.default_rng``.
    ci : float
        Central interval coverage (default 0.9 gives the 5th-95th percentiles).
    components : sequence of str
        Components (default :data:`COW_COMPONENTS`).
    normalize : bool
        Renormalise each draw within year (as in :func:`cinc`).
    chunk_rows : int
        Rows per block (memory: about ``chunk_rows * n_draws * 24`` bytes).

    Returns
    -------
    CincBootstrap

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 1900, "milex": [3.0, 1.0],
    ...                   "milper": [1.0, 1.0], "irst": [1.0, 1.0], "pec": [1.0, 1.0],
    ...                   "tpop": [1.0, 1.0], "upop": [1.0, 1.0]})
    >>> b = bootstrap_cinc(f, n_draws=200, seed=1)
    >>> bool((b.shares["cinc_lo"] <= b.shares["cinc"]).all())
    True
    """
    if not (0 < ci < 1):
        raise SchemaError("ci must be in (0, 1)", field="ci", value=ci)
    if int(n_draws) < 1:
        raise SchemaError("n_draws must be >= 1", field="n_draws", value=n_draws)
    point = cinc(frame, components=components, normalize=normalize)
    k = len(components)
    order = np.argsort(point["year"].to_numpy(), kind="stable")
    pt = point.iloc[order].reset_index(drop=True)
    shares = pt[[f"share_{c}" for c in components]].to_numpy(dtype="float64")
    avail = ~np.isnan(shares)
    sa = np.where(avail, shares, 0.0)
    af = avail.astype("float64")
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(k, np.full(k, 1.0 / k), size=int(n_draws)).astype("float64").T
    years = pt["year"].to_numpy()
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    ends = np.r_[starts[1:], len(years)]
    n = len(pt)
    alpha = (1.0 - ci) / 2.0
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    ny = len(starts)
    p_lo = np.full(ny, np.nan)
    p_hi = np.full(ny, np.nan)
    p_se = np.full(ny, np.nan)
    # blocks of whole years, about chunk_rows rows each
    yi = 0
    while yi < ny:
        yj = yi + 1
        while yj < ny and ends[yj] - starts[yi] <= chunk_rows:
            yj += 1
        r0, r1 = starts[yi], ends[yj - 1]
        # num is 0 wherever den is 0 (unavailable shares are zeroed), so 0/0 = NaN
        # marks exactly the states with none of the drawn components.
        with np.errstate(divide="ignore", invalid="ignore"):
            draws = (sa[r0:r1] @ counts) / (af[r0:r1] @ counts)
        loc_starts = starts[yi:yj] - r0
        sizes = np.diff(np.r_[loc_starts, r1 - r0])
        # year-membership indicator (years x rows): group sums as one BLAS product
        member = np.repeat(np.arange(yj - yi), sizes)[None, :] == np.arange(yj - yi)[:, None]
        member = member.astype("float64")
        nan = np.isnan(draws)
        d0 = np.where(nan, 0.0, draws) if nan.any() else draws
        if normalize:
            tot = member @ d0
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.repeat(np.where(tot > 0, 1.0 / tot, np.nan), sizes, axis=0)
            draws = draws * scale
            d0 = d0 * scale
        q, _ = _row_quantiles(draws, alpha, with_sd=False)
        lo[r0:r1], hi[r0:r1] = q[0], q[1]
        s1 = member @ d0
        s2 = member @ (d0 * d0)
        with np.errstate(divide="ignore", invalid="ignore"):
            poles = np.where(s2 > 0, s1 * s1 / s2, np.nan)
        pq, psd = _row_quantiles(poles, alpha)
        p_lo[yi:yj], p_hi[yi:yj], p_se[yi:yj] = pq[0], pq[1], psd
        yi = yj
    out = pt[[*_keys(pt), "cinc"]].copy()
    out["cinc_lo"], out["cinc_hi"] = lo, hi
    inv = np.empty_like(order)
    inv[order] = np.arange(len(order))
    out = out.iloc[inv].reset_index(drop=True)
    c = pt["cinc"].to_numpy()
    ps1 = group_sums(np.nan_to_num(c), starts)
    ps2 = group_sums(np.nan_to_num(c) ** 2, starts)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_point = np.where(ps2 > 0, ps1 * ps1 / ps2, np.nan)
    poles_df = pd.DataFrame(
        {
            "year": years[starts].astype("int64"),
            "effective_poles": p_point,
            "poles_lo": p_lo,
            "poles_hi": p_hi,
            "poles_se": p_se,
        }
    )
    params = {"n_draws": int(n_draws), "seed": seed, "ci": ci, "normalize": normalize}
    finish(out, [frame], "bootstrap_cinc", params, _CITE_CINC)
    finish(poles_df, [frame], "bootstrap_cinc", params, _CITE_CINC)
    return CincBootstrap(shares=out, poles=poles_df, n_draws=int(n_draws), seed=seed, ci=ci)
