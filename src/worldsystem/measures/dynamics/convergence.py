r"""Convergence: sigma (dispersion), beta (catch-up) and Quah's distribution dynamics.

References
----------
Barro, R.J., Sala-i-Martin, X. (1992). Convergence. *Journal of Political Economy*
100(2):223-251. doi:10.1086/261816
Theil, H. (1967). *Economics and Information Theory*. North-Holland.
Quah, D.T. (1996). Twin peaks: growth and convergence in models of distribution
dynamics. *Economic Journal* 106(437):1045-1055. doi:10.2307/2235377
Quah, D.T. (1993). Empirical cross-section dynamics in economic growth. *European
Economic Review* 37(2-3):426-434. doi:10.1016/0014-2921(93)90031-5
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.measures.dynamics._common import (
    _CITE,
    check_frame,
    check_positive_int,
    check_value,
    finish,
)
from worldsystem.measures.dynamics.mobility import (
    TransitionMatrix,
    income_bins,
    transition_matrix,
)

__all__ = ["beta_convergence", "sigma_convergence", "stochastic_kernel"]


def _positive(frame: pd.DataFrame, value: str, weight: str | None) -> pd.DataFrame:
    cols = ["iso3", "year", value] + ([weight] if weight else [])
    f = frame[cols].dropna()
    bad = f[f[value] <= 0]
    if len(bad):
        raise WorldsystemError(
            "income must be positive to take logs",
            field=value,
            value=f"{bad['iso3'].iloc[0]} {int(bad['year'].iloc[0])}: {bad[value].iloc[0]}",
        )
    return f


def sigma_convergence(
    frame: pd.DataFrame, *, value: str = "gdppc", weight: str | None = None
) -> pd.DataFrame:
    r"""Dispersion of income across countries, per year.

    For incomes :math:`y_i` (and, when ``weight`` is given, population shares
    :math:`w_i = p_i / \sum p`),

    .. math::

        \sigma = \sqrt{\tfrac1n \textstyle\sum_i (\ln y_i - \overline{\ln y})^2}, \qquad
        T = \tfrac1n \textstyle\sum_i \frac{y_i}{\mu} \ln\frac{y_i}{\mu}, \quad
        \mu = \tfrac1n \textstyle\sum_i y_i;

    weighted: :math:`\sigma_w^2 = \sum_i w_i (\ln y_i - \sum_j w_j \ln y_j)^2`,
    :math:`T_w = \sum_i w_i \frac{y_i}{\mu_w}\ln\frac{y_i}{\mu_w}` with
    :math:`\mu_w = \sum_i w_i y_i` (the Theil index between countries of the
    world's persons, each given the mean income of her country). Falling
    :math:`\sigma` is sigma convergence (Barro & Sala-i-Martin 1992). The SD is
    the population SD (divisor :math:`n`).

    Parameters
    ----------
    frame : DataFrame
        ``iso3, year``, ``value`` (income per person) and optionally ``weight``.
    value, weight : str

    Returns
    -------
    DataFrame
        ``year, n, sd_log, theil`` (+ ``sd_log_w, theil_w`` with ``weight``).

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "gdppc": [1.0, 4.0]})
    >>> r = sigma_convergence(f).iloc[0]
    >>> round(float(r["sd_log"]), 4), round(float(r["theil"]), 4)
    (0.6931, 0.1927)
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    if weight is not None:
        check_value(frame, weight)
    f = _positive(frame, value, weight)
    if f.empty:
        raise WorldsystemError("no income data", field=value, value="all missing")
    rows = []
    for year, g in f.groupby("year", sort=True):
        y = g[value].to_numpy(dtype="float64")
        ly = np.log(y)
        mu = y.mean()
        r = {
            "year": int(year),
            "n": len(y),
            "sd_log": float(ly.std()),
            "theil": float(np.mean(y / mu * np.log(y / mu))),
        }
        if weight is not None:
            w = g[weight].to_numpy(dtype="float64")
            w = w / w.sum()
            m = float((w * ly).sum())
            muw = float((w * y).sum())
            r["sd_log_w"] = float(np.sqrt((w * (ly - m) ** 2).sum()))
            r["theil_w"] = float((w * y / muw * np.log(y / muw)).sum())
        rows.append(r)
    out = pd.DataFrame(rows)
    params = {"value": value, "weight": weight}
    return finish(out, [frame], "sigma_convergence", params, _CITE["convergence"] + ("theil_1967",))


def beta_convergence(
    frame: pd.DataFrame,
    *,
    value: str = "gdppc",
    window: int = 10,
    every: int = 1,
    zones: pd.DataFrame | None = None,
    zone_col: str = "zone",
) -> pd.DataFrame:
    r"""Rolling beta convergence: does growth fall with initial income?

    For each start year :math:`t` (every ``every`` years) with an end
    :math:`t + W` in the data, across the countries observed in both,

    .. math::

        g_i = \frac{\ln y_{i,t+W} - \ln y_{i,t}}{W} = a + \beta \ln y_{i,t} + e_i,

    by OLS; :math:`\beta < 0` is (absolute) beta convergence, its speed
    :math:`\lambda = -\ln(1 + W\beta)/W` and half-life :math:`\ln 2/\lambda`
    (Barro & Sala-i-Martin 1992, eq. 11). With ``zones`` (``iso3, year`` and
    ``zone_col``), the regression is also run within each zone of the start
    year (club convergence).

    Returns
    -------
    DataFrame
        ``start, end, group`` (``"all"`` or the zone), ``n, beta, se, r2,
        speed, half_life`` (years; NaN when :math:`\beta \ge 0`).

    Raises
    ------
    WorldsystemError
        ``window`` longer than the data.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": list("ABCABC"), "year": [0] * 3 + [10] * 3,
    ...                   "gdppc": [1.0, 2.0, 4.0, 2.0, 3.0, 4.0]})
    >>> round(float(beta_convergence(f, window=10)["beta"].iloc[0]), 5)
    -0.05
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    W = check_positive_int(window, "window")
    every = check_positive_int(every, "every")
    f = _positive(frame, value, None)
    w = f.pivot(index="year", columns="iso3", values=value).sort_index()
    years = w.index.to_numpy()
    if len(years) == 0 or years.max() - years.min() < W:
        raise WorldsystemError(
            f"window of {W} years is longer than the data",
            field="window",
            value=W,
            hint=f"the data covers {int(years.min())}-{int(years.max())}" if len(years) else None,
        )
    zmap = None
    if zones is not None:
        check_frame(zones, ["iso3", "year", zone_col], name="zones")
        zmap = zones.set_index(["year", "iso3"])[zone_col]
    rows = []
    for t in range(int(years.min()), int(years.max()) - W + 1, every):
        if t not in w.index or t + W not in w.index:
            continue
        both = w.loc[[t, t + W]].dropna(axis=1)
        x = np.log(both.iloc[0].to_numpy())
        g = (np.log(both.iloc[1].to_numpy()) - x) / W
        groups = [("all", np.ones(len(x), dtype=bool))]
        if zmap is not None:
            zt = zmap.reindex(pd.MultiIndex.from_product([[t], both.columns])).to_numpy()
            groups += [(z, zt == z) for z in pd.unique(zt[pd.notna(zt)])]
        for name, m in groups:
            rows.append({"start": t, "end": t + W, "group": name, **_ols(x[m], g[m], W)})
    out = pd.DataFrame(
        rows, columns=["start", "end", "group", "n", "beta", "se", "r2", "speed", "half_life"]
    )
    params = {"value": value, "window": W, "every": every, "zones": zones is not None}
    return finish(out, [frame], "beta_convergence", params, _CITE["convergence"])


def _ols(x: np.ndarray, g: np.ndarray, W: int) -> dict:
    n = len(x)
    nan = float("nan")
    if n < 3 or np.ptp(x) == 0:
        return {"n": n, "beta": nan, "se": nan, "r2": nan, "speed": nan, "half_life": nan}
    xc = x - x.mean()
    beta = float((xc * (g - g.mean())).sum() / (xc**2).sum())
    resid = g - g.mean() - beta * xc
    se = float(np.sqrt((resid**2).sum() / (n - 2) / (xc**2).sum()))
    sst = float(((g - g.mean()) ** 2).sum())
    r2 = 1.0 - float((resid**2).sum()) / sst if sst > 0 else nan
    speed = -np.log1p(W * beta) / W if W * beta > -1 else nan
    half = float(np.log(2) / speed) if np.isfinite(speed) and speed > 0 else nan
    return {"n": n, "beta": beta, "se": se, "r2": r2, "speed": float(speed), "half_life": half}


def stochastic_kernel(
    frame: pd.DataFrame,
    *,
    value: str = "gdppc",
    step: int = 5,
    n_bins: int = 5,
    fit_years: tuple[int, int] | None = None,
    n_boot: int = 199,
    level: float = 0.9,
    seed: int = 0,
) -> TransitionMatrix:
    r"""Quah's stochastic kernel of relative income, discretised.

    Relative income :math:`r_{it} = \ln(y_{it}/\bar y_t)` is cut into
    ``n_bins`` classes at the pooled quantiles of the fit window
    (:func:`~worldsystem.measures.dynamics.income_bins`), and the kernel
    :math:`f_{t+k}(r') = \int M(r', r) f_t(r)\,dr` becomes the transition matrix
    :math:`\hat p_{kl}` between classes over ``step`` years (point-in-time
    states, Quah 1993). Its ergodic distribution shows twin peaks when mass
    piles up in the top and bottom classes.

    Returns
    -------
    TransitionMatrix
        States ``q1`` (poorest) .. ``qK``; the cut points are in
        ``provenance`` (method ``income_bins``) and in ``attrs`` of
        :func:`income_bins`.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": list("ABAB"), "year": [0, 0, 5, 5], "gdppc": [1.0, 4, 4, 1]})
    >>> stochastic_kernel(f, n_bins=2, n_boot=0).P.values.tolist()
    [[0.0, 1.0], [1.0, 0.0]]
    """
    bins = income_bins(frame, value=value, n_bins=n_bins, fit_years=fit_years, relative=True)
    return transition_matrix(
        bins, state="state", step=step, aggregate="point", n_boot=n_boot, level=level, seed=seed
    )
