"""Intervals for the claims ledger, and the verdict of an interval against a threshold.

A verdict of *supported* or *contradicted* is given only when the whole interval
of the estimate lies on one side of the claim's threshold (:func:`judge`);
otherwise the claim is *mixed*. The intervals are of the kinds the statistics
can honestly give (each statistic's docstring says which it uses):

``year range``
    The range of the statistic over the latest :data:`RECENT_YEARS` years of data
    (for counts and published series with no sampling model: warhead stockpiles,
    SIPRI ranks). It measures how much the answer depends on the year picked.
``HAC slope``
    A :data:`LEVEL` confidence interval of an OLS trend with Newey & West (1987)
    standard errors (:func:`hac_slope`), since yearly shares are autocorrelated.
``posterior draws``
    Quantiles over draws of the ideal points from their normal approximation
    (the Laplace standard errors of :func:`worldsystem.measures.blocs.ideal_points`).
``country bootstrap``
    Quantiles over a bootstrap that resamples the regions of each group with
    replacement (:func:`group_bootstrap`).
``Monte Carlo``
    The binomial interval of an ensemble probability (the ensemble size limits
    what a probability can resolve).

Every random interval is seeded (:data:`SEED`), so a ledger is reproducible.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from scipy import stats as _st

__all__ = [
    "DRAWS",
    "LEVEL",
    "RECENT_YEARS",
    "SEED",
    "group_bootstrap",
    "hac_slope",
    "judge",
    "quantile_interval",
]

#: Two-sided level of every interval: a 90% interval clearing a one-sided
#: threshold is a one-sided test at the 5% level.
LEVEL = 0.90
#: Years whose range is the interval of a statistic with no sampling model.
RECENT_YEARS = 3
#: Seed of every random interval.
SEED = 20240601
#: Draws of every simulated interval.
DRAWS = 2000


def quantile_interval(draws: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """The central ``level`` interval of ``draws`` (NaNs left out).

    >>> quantile_interval(np.arange(101.0), 0.5)
    (25.0, 75.0)
    """
    d = np.asarray(draws, dtype="float64")
    d = d[np.isfinite(d)]
    if d.size == 0:
        return (math.nan, math.nan)
    a = (1 - level) / 2
    lo, hi = np.quantile(d, [a, 1 - a])
    return (float(lo), float(hi))


def hac_slope(
    x: Sequence[float], y: Sequence[float], *, level: float = LEVEL, lags: int | None = None
) -> tuple[float, float, float]:
    r"""OLS slope of ``y`` on ``x`` with a Newey-West (HAC) confidence interval.

    .. math::

        \hat V = (X'X)^{-1}\Big[\sum_t u_t u_t' + \sum_{l=1}^{L} w_l
        \sum_{t>l} (u_t u_{t-l}' + u_{t-l} u_t')\Big](X'X)^{-1},
        \quad u_t = x_t e_t,\; w_l = 1 - \frac{l}{L+1}

    with :math:`L = \lfloor 4 (n/100)^{2/9} \rfloor` lags by default (Newey &
    West 1994) and a Student-t critical value with :math:`n - 2` degrees of
    freedom.

    Returns
    -------
    (slope, low, high)

    Examples
    --------
    >>> s, lo, hi = hac_slope([0, 1, 2, 3, 4], [0.0, 1.1, 1.9, 3.2, 3.9])
    >>> round(s, 2), lo < s < hi
    (0.99, True)

    References
    ----------
    Newey, W. K., & West, K. D. (1987). A simple, positive semi-definite,
    heteroskedasticity and autocorrelation consistent covariance matrix.
    *Econometrica* 55(3), 703-708. doi:10.2307/1913610
    """
    xv = np.asarray(x, dtype="float64")
    yv = np.asarray(y, dtype="float64")
    n = len(xv)
    if n < 3:
        raise ValueError("a trend interval needs at least 3 points")
    X = np.column_stack([np.ones(n), xv - xv.mean()])
    beta, *_ = np.linalg.lstsq(X, yv, rcond=None)
    e = yv - X @ beta
    L = int(4 * (n / 100) ** (2 / 9)) if lags is None else int(lags)
    u = X * e[:, None]
    S = u.T @ u
    for lag in range(1, min(L, n - 1) + 1):
        w = 1 - lag / (L + 1)
        g = u[lag:].T @ u[:-lag]
        S += w * (g + g.T)
    inv = np.linalg.inv(X.T @ X)
    V = inv @ S @ inv * n / (n - 2)
    se = math.sqrt(max(V[1, 1], 0.0))
    t = float(_st.t.ppf(1 - (1 - level) / 2, n - 2))
    b = float(beta[1])
    return b, b - t * se, b + t * se


def group_bootstrap(
    stat: Callable[[np.ndarray], float],
    groups: Sequence[np.ndarray],
    *,
    n: int,
    draws: int = DRAWS,
    seed: int = SEED,
    level: float = LEVEL,
) -> tuple[float, float]:
    """Interval of ``stat(weights)`` over a bootstrap of units within groups.

    ``groups`` holds, for each group, the indices (into ``range(n)``) of its
    units; each draw resamples every group's units with replacement and passes
    ``stat`` the multiplicity of each unit (a length-``n`` weight vector).

    >>> w = group_bootstrap(lambda w: float(w[:2].sum()), [np.array([0, 1, 2])], n=3, draws=200)
    >>> 0 <= w[0] <= w[1] <= 3
    True
    """
    rng = np.random.default_rng(seed)
    out = np.empty(draws)
    for d in range(draws):
        wt = np.zeros(n)
        for g in groups:
            if len(g):
                np.add.at(wt, rng.choice(g, size=len(g), replace=True), 1.0)
        out[d] = stat(wt)
    return quantile_interval(out, level)


# ----------------------------------------------------------------------------- verdicts
def _breaks(comparison: str, target: Any, tolerance: float) -> list[float]:
    """Where the verdict of :func:`~worldsystem.claims.evaluate.compare` can change."""
    t = tolerance
    if comparison in (">", ">=", "<", "<="):
        return [target, target - t, target + t]
    if comparison in ("==", "rank=="):
        return [target - 2 * t, target - t, target, target + t, target + 2 * t]
    if comparison == "between":
        lo, hi = target
        return [lo - t, lo, hi, hi + t]
    return []


def _number(x: Any) -> bool:
    return isinstance(x, int | float | np.integer | np.floating) and math.isfinite(float(x))


def judge(
    value: Any,
    interval: tuple[float, float] | None,
    comparison: str,
    target: Any,
    tolerance: float = 0.0,
) -> str:
    """The verdict of an estimate with an interval against a threshold.

    The verdict of the point estimate (:func:`~worldsystem.claims.evaluate.compare`)
    stands only when every value of the interval gets the same verdict (the
    ends, and every point inside where the verdict could change); otherwise the
    verdict is ``mixed``. Without an interval, or for a non-numeric value, it is
    the point's verdict.

    Examples
    --------
    >>> judge(0.3, (0.2, 0.4), ">", 0.1), judge(0.3, (0.05, 0.4), ">", 0.1)
    ('supported', 'mixed')
    >>> judge(3, (2, 4), "rank==", 3)
    'mixed'
    >>> judge(0.5, None, ">", 0.1)
    'supported'
    """
    from worldsystem.claims.evaluate import compare

    point = compare(value, comparison, target, tolerance)
    if interval is None or not _number(value):
        return point
    lo, hi = (float(v) for v in interval)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        return point
    lo, hi = min(lo, hi), max(lo, hi)
    if comparison == "is_true":
        probes = [lo, hi]
    elif all(_number(b) for b in _flat(target)):
        probes = [lo, hi] + [b for b in _breaks(comparison, target, tolerance) if lo < b < hi]
    else:
        return point
    verdicts = {compare(p, comparison, target, tolerance) for p in probes}
    return point if verdicts == {point} else "mixed"


def _flat(target: Any) -> list[Any]:
    if isinstance(target, list | tuple):
        return list(target)
    return [target]
