r"""Long-run projections of GDP per capita and population, and their backtest.

The model (:func:`fit_growth_model`, :func:`simulate_paths`)
-------------------------------------------------------------
For country :math:`i` in year :math:`t`, with :math:`y_{it}` log GDP per capita,
:math:`g_{it} = y_{it} - y_{i,t-1}` its growth, :math:`m_t` the cross-country mean
growth (the *world factor*), :math:`x_{it} = g_{it} - m_t` the growth deviation
and :math:`d_{it} = y_{it} - \overline{y}_t` log relative income,

.. math::

    m_t &= \mu + \sigma_w \varepsilon_t, \\
    x_{it} &= \alpha_{z(i)} + \beta\, d_{i,t-1} + \rho\, x_{i,t-1}
             + \sigma_{z(i)}\, s_{it}\, \eta_{it}, \\
    s_{it} &= \begin{cases} \kappa & \text{with probability } \pi
             \text{ (a growth break)} \\ \kappa_0 & \text{otherwise,} \end{cases}

with :math:`\varepsilon, \eta \sim N(0, 1)`. :math:`\beta < 0` is convergence
conditional on the zone :math:`z(i)` (whose intercept :math:`\alpha_z` sets a
zone-specific steady-state relative income :math:`-\alpha_z/\beta` when
:math:`\rho` is small), :math:`\rho` the persistence of past deviation, and the
zone-specific shock scale :math:`\sigma_z` times the two-component scale mixture
:math:`s` (:math:`\pi\kappa^2 + (1-\pi)\kappa_0^2 = 1`) gives fat-tailed growth
breaks: Pritchett & Summers (2014) find growth regresses to the mean with
abrupt, large breaks rather than Gaussian drift. All parameters are pooled
least squares / EM estimates on the **fit window** only. Population growth
:math:`n_{it}` follows a pooled AR(1), :math:`n_{it} = a_n + \phi n_{i,t-1} +
\sigma_n \nu_{it}`, also fitted on the fit window.

Ensembles draw member :math:`k`'s shocks from the generator of
``numpy.random.SeedSequence(seed).spawn(members)[k]`` only, so members can be
simulated in any batches (in process, or on Dask) with identical results.

Baselines (:func:`baseline_forecasts`), all Gaussian predictive distributions
except the Markov chain: ``persistence`` (every country grows at the world
mean :math:`\mu`), ``own_trend`` (its own mean growth over the last 20 fit
years), ``shrunk_trend`` (that trend shrunk toward :math:`\mu` by the
empirical-Bayes factor), ``beta`` (unconditional beta convergence fitted on
the last 20 fit years) and ``markov`` (zone probabilities from the fit
window's annual zone chain, :math:`\pi_0 P^h`).

The backtest (:func:`backtest`) fits at each origin (1960, 1970, ..., 2000) on
the years up to the origin and scores the forecasts of the following years
(to 29 years ahead or the end of the data): CRPS, 50 % and 90 % interval
coverage and the PIT histogram of log GDP per capita; Spearman correlation and
top-10 overlap of the forecast median (GDP per capita, GDP); log and Brier
scores of zones; the Brier score of "A ahead of B at the end" for the pairs
among the largest economies at the origin, and the median-year error for the
lasting crossings that did happen. Each is also reported as a skill relative
to ``persistence``; a model that does not beat it shows a skill at or below 0.

References
----------
Pritchett, L., Summers, L.H. (2014). Asiaphoria meets regression to the mean.
NBER Working Paper 20573. doi:10.3386/w20573
Müller, U.K., Stock, J.H., Watson, M.W. (2022). An econometric model of
international growth dynamics for long-horizon forecasting. *Review of
Economics and Statistics* 104(5):857-876. doi:10.1162/rest_a_00997
Gneiting, T., Raftery, A.E. (2007). Strictly proper scoring rules, prediction,
and estimation. *Journal of the American Statistical Association*
102(477):359-378. doi:10.1198/016214506000001437
Barro, R.J., Sala-i-Martin, X. (1992). Convergence. *Journal of Political
Economy* 100(2):223-251. doi:10.1086/261816
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import special, stats

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, WorldsystemError

__all__ = [
    "BASELINES",
    "ZONE_CUT_YEARS",
    "ZONE_QUANTILES",
    "ZONE_RULES",
    "Backtest",
    "ComponentWalk",
    "GrowthModel",
    "Projection",
    "backtest",
    "baseline_forecasts",
    "calibrate_spread",
    "crps_ensemble",
    "crps_gaussian",
    "fit_component_walk",
    "fit_growth_model",
    "member_seeds",
    "origin_zone_cuts",
    "project",
    "simulate_paths",
]

#: Zones by log relative income cut at these pooled fit-window quantiles:
#: the bottom half periphery, the next 30 % semi-periphery, the top 20 % core
#: (the shares planted in the example world; Arrighi & Drangel 1986 find
#: roughly this partition in the trimodal distribution).
ZONE_QUANTILES = (0.5, 0.8)
ZONE_NAMES = ("periphery", "semi-periphery", "core")  # bottom up (code 0, 1, 2)
BASELINES = ("persistence", "own_trend", "shrunk_trend", "beta", "markov")
TREND_YEARS = 20
#: CINC components (Singer, Bremer & Stuckey 1972) and the driver each is projected
#: with: military expenditure, iron and steel and primary energy as GDP-elastic
#: (unit elasticity, random-walk intensity: burden, steel and energy per unit of
#: GDP); military personnel, total and urban population as population-elastic
#: (random-walk ratio to the model's population: personnel per head, the urban
#: share, and NMC's count against Maddison's).
CINC_DRIVERS = (
    ("milex", "gdp"),
    ("milper", "pop"),
    ("irst", "gdp"),
    ("pec", "gdp"),
    ("tpop", "pop"),
    ("upop", "pop"),
)
#: Ensemble members (the first ones) passed through the position and CINC code.
DETAIL_MEMBERS = 200
#: Last fit years whose position cut points (in log relative income) fix the zones of
#: the projected member-years (``zone_rule="origin"``).
ZONE_CUT_YEARS = 10
#: Zone rules of :func:`project`.
ZONE_RULES = ("origin", "per_year")
#: Candidate shock-SD factors of :func:`calibrate_spread` (fixed before any run).
SPREAD_GRID = (0.75, 1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0)
#: Inner origins of :func:`calibrate_spread`: this many years before the origin.
SPREAD_LAGS = (20, 10)
#: ``mapper(fn, items, shared)`` -> ``[fn(item, **shared) for item in items]``.
Mapper = Callable[[Callable[..., Any], Sequence[Any], dict[str, Any]], list[Any]]
_CITES = ("pritchett2014asiaphoria", "muller2022empirical", "gneiting2007strictly")


# =========================================================================== panel
def _panel_arrays(
    panel: pd.DataFrame, value: str, pop: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """years, countries, log income (T, N) and log population (T, N), NaN where missing.

    With a ``series`` column (the source's entity behind each row), rows whose
    series differs from their ISO3 form a country of their own, ``"RUS~SUN"``
    (:func:`worldsystem.measures.dynamics.by_entity`): no growth rate spans a
    change of territory, a forecast is never scored against another territory's
    outcome, and the predecessor, not observed at a later origin, is not projected.
    """
    for c in ("iso3", "year", value, pop):
        if c not in panel.columns:
            raise WorldsystemError(
                f"the panel has no column {c!r}",
                field="value" if c == value else ("pop" if c == pop else c),
                value=c,
                hint=f"columns: {sorted(panel.columns)}",
            )
    from worldsystem.measures.dynamics import by_entity

    f = by_entity(panel)[["iso3", "year", value, pop]].dropna()
    f = f[(f[value] > 0) & (f[pop] > 0)]
    if f.empty:
        raise WorldsystemError("no positive income and population data", field=value, value=value)
    y = f.pivot(index="year", columns="iso3", values=value).sort_index()
    p = f.pivot(index="year", columns="iso3", values=pop).reindex_like(y)
    years = y.index.to_numpy().astype(int)
    full = np.arange(years.min(), years.max() + 1)
    y = y.reindex(full)
    p = p.reindex(full)
    return full, np.asarray(y.columns), np.log(y.to_numpy()), np.log(p.to_numpy())


def _zone_cuts(ly: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Cut points of log relative income pooled over the fit rows."""
    dev = ly[rows] - np.nanmean(ly[rows], axis=1, keepdims=True)
    d = dev[np.isfinite(dev)]
    return np.quantile(d, ZONE_QUANTILES)


def _zone_code(dev: np.ndarray, cuts: np.ndarray) -> np.ndarray:
    return np.searchsorted(cuts, dev, side="right")


# =========================================================================== model
@dataclass(frozen=True, eq=False)
class GrowthModel:
    """A fitted growth model at a forecast origin (see the module docstring).

    Attributes
    ----------
    countries : tuple of str
        Countries simulated (observed at the origin and the year before).
    origin : int
        Last year of the fit window: the simulation starts from its values.
    fit_years : (int, int)
    mu, sigma_world : float
        Mean and SD of the world factor (log points per year).
    alpha : ndarray
        Zone intercepts (``zones`` order), log points per year.
    beta, rho : float
        Convergence and persistence coefficients.
    sigma : ndarray
        Zone shock SDs (log points per year).
    break_prob, break_scale, calm_scale : float
        :math:`\\pi`, :math:`\\kappa`, :math:`\\kappa_0`.
    pop_a, pop_phi, pop_sigma : float
        Population growth AR(1).
    zone : ndarray
        Zone code of each country (0 periphery, 1 semi-periphery, 2 core).
    zone_cuts : ndarray
        Log relative income cuts.
    y0, x0, pop0, n0 : ndarray
        Log income, growth deviation, log population and population growth at
        the origin.
    n_obs : int
        Country-years in the growth regression.
    params : dict
        Options, for provenance.
    spread : float
        Factor on every shock SD (world and country) in :func:`simulate_paths`;
        1 is the fitted model. :func:`calibrate_spread` chooses it on years
        before the origin only.
    """

    countries: tuple[str, ...]
    origin: int
    fit_years: tuple[int, int]
    mu: float
    sigma_world: float
    alpha: np.ndarray
    beta: float
    rho: float
    sigma: np.ndarray
    break_prob: float
    break_scale: float
    calm_scale: float
    pop_a: float
    pop_phi: float
    pop_sigma: float
    zone: np.ndarray
    zone_cuts: np.ndarray
    y0: np.ndarray
    x0: np.ndarray
    pop0: np.ndarray
    n0: np.ndarray
    n_obs: int
    params: dict = field(default_factory=dict)
    provenance: prov.Provenance = field(default_factory=prov.Provenance, repr=False)
    history: dict = field(default_factory=dict, repr=False)
    spread: float = 1.0

    def summary(self) -> pd.Series:
        """The scalar parameters."""
        d = {
            "origin": self.origin,
            "mu": self.mu,
            "sigma_world": self.sigma_world,
            "beta": self.beta,
            "rho": self.rho,
            "break_prob": self.break_prob,
            "break_scale": self.break_scale,
            "pop_phi": self.pop_phi,
            "n_countries": len(self.countries),
            "n_obs": self.n_obs,
            "spread": self.spread,
        }
        for z, a, s in zip(ZONE_NAMES, self.alpha, self.sigma, strict=True):
            d[f"alpha_{z}"] = a
            d[f"sigma_{z}"] = s
        return pd.Series(d, name="growth_model")


def _scale_mixture(e: np.ndarray, iters: int = 200) -> tuple[float, float, float]:
    """EM for a two-component zero-mean normal scale mixture of standardised residuals."""
    e = e[np.isfinite(e)]
    v0, v1, p = 0.5, 4.0, 0.1
    for _ in range(iters):
        l0 = (1 - p) * np.exp(-0.5 * e**2 / v0) / np.sqrt(v0)
        l1 = p * np.exp(-0.5 * e**2 / v1) / np.sqrt(v1)
        r = l1 / np.maximum(l0 + l1, 1e-300)
        p_new = float(np.clip(r.mean(), 1e-4, 0.5))
        v1 = float((r * e**2).sum() / max(r.sum(), 1e-12))
        v0 = float(((1 - r) * e**2).sum() / max((1 - r).sum(), 1e-12))
        if abs(p_new - p) < 1e-8:
            p = p_new
            break
        p = p_new
    if v1 < v0:
        v0, v1, p = v1, v0, 1 - p
    tot = (1 - p) * v0 + p * v1  # renormalise to unit variance
    return p, float(np.sqrt(v1 / tot)), float(np.sqrt(v0 / tot))


def fit_growth_model(
    panel: pd.DataFrame,
    *,
    fit_years: tuple[int, int],
    value: str = "gdppc",
    pop: str = "pop",
    zones: Mapping[str, str] | None = None,
    countries: Sequence[str] | None = None,
) -> GrowthModel:
    r"""Calibrate the stochastic growth model on the years of ``fit_years`` only.

    Parameters
    ----------
    panel : DataFrame
        ``iso3, year``, ``value`` (GDP per capita, constant prices, any unit) and
        ``pop`` (population, any unit).
    fit_years : (int, int)
        Inclusive fit window; its last year is the forecast origin.
    zones : mapping, optional
        iso3 -> ``"core"``, ``"semi-periphery"`` or ``"periphery"`` (e.g. from a
        position method at the origin). Default: log relative income at the
        origin cut at the fit window's pooled quantiles :data:`ZONE_QUANTILES`.
    countries : sequence of str, optional
        Countries to simulate (default every country observed at the origin and
        the year before).

    Returns
    -------
    GrowthModel

    Raises
    ------
    WorldsystemError
        The fit window is outside the data or a requested country has no data at
        the origin.
    ModelError
        Too few observations to estimate the model.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> yrs = np.arange(1950, 2001)
    >>> f = pd.DataFrame([(f"C{i}", y, np.exp(8 + i * 0.1 + 0.02 * (y - 1950)
    ...                    + 0.05 * rng.standard_normal()), 1e3) for i in range(20) for y in yrs],
    ...                  columns=["iso3", "year", "gdppc", "pop"])
    >>> m = fit_growth_model(f, fit_years=(1950, 2000))
    >>> round(m.mu, 2), len(m.countries)
    (0.02, 20)
    """
    years, iso, ly, lp = _panel_arrays(panel, value, pop)
    f0, f1 = int(fit_years[0]), int(fit_years[1])
    if f1 > years.max() or f1 < years.min() + 3 or f0 > f1 - 3:
        raise WorldsystemError(
            "the fit window must lie within the data and span at least 4 years",
            field="fit_years",
            value=(f0, f1),
            hint=f"the data covers {years.min()}-{years.max()}",
        )
    rows = np.flatnonzero((years >= f0) & (years <= f1))
    ly_f, lp_f = ly[rows], lp[rows]
    g = np.diff(ly_f, axis=0)  # (T-1, N), growth in years rows[1:]
    m = np.nanmean(np.where(np.isfinite(g), g, np.nan), axis=1)
    ok_m = np.isfinite(m)
    if ok_m.sum() < 3:
        raise ModelError("too few years with growth data in the fit window", field="fit_years")
    mu = float(np.mean(m[ok_m]))
    sigma_w = float(np.std(m[ok_m], ddof=1))
    x = g - m[:, None]
    dev = ly_f - np.nanmean(ly_f, axis=1, keepdims=True)
    cuts = _zone_cuts(ly, rows)
    # countries at the origin
    at0 = np.isfinite(ly_f[-1]) & np.isfinite(ly_f[-2]) & np.isfinite(lp_f[-1])
    if countries is not None:
        idx = {c: i for i, c in enumerate(iso)}
        bad = [c for c in countries if c not in idx or not at0[idx[c]]]
        if bad:
            raise WorldsystemError(
                "a country has no data at the forecast origin",
                field="countries",
                value=bad[0],
                hint=f"it needs {value} and {pop} in {f1 - 1} and {f1}",
            )
        sel = np.array([idx[c] for c in countries])
    else:
        sel = np.flatnonzero(at0)
    if len(sel) < 3:
        raise ModelError("fewer than 3 countries observed at the origin", field="fit_years")
    code = {"periphery": 0, "semi-periphery": 1, "core": 2}
    if zones is not None:
        unknown = [z for z in set(zones.values()) if z not in code]
        if unknown:
            raise WorldsystemError("unknown zone", field="zones", value=unknown[0])
        zone_all = np.array([code.get(zones.get(c, ""), -1) for c in iso])
        fill = _zone_code(dev[-1], cuts)
        zone_all = np.where(zone_all < 0, fill, zone_all)
    else:
        zone_all = _zone_code(np.where(np.isfinite(dev[-1]), dev[-1], -np.inf), cuts)
    # pooled regression x_t on zone dummies, d_{t-1}, x_{t-1}
    X_rows = []
    for t in range(1, g.shape[0]):
        ok = np.isfinite(x[t]) & np.isfinite(x[t - 1]) & np.isfinite(dev[t])
        if not ok.any():
            continue
        zi = zone_all[ok]
        D = np.eye(3)[np.clip(zi, 0, 2)]
        X_rows.append(np.column_stack([D, dev[t][ok], x[t - 1][ok], x[t][ok], zi]))
    if not X_rows:
        raise ModelError("no country has three consecutive years in the fit window")
    A = np.vstack(X_rows)
    if len(A) < 20:
        raise ModelError(
            "too few country-years to fit the growth model", field="fit_years", value=len(A)
        )
    Xm, yv, zz = A[:, :5], A[:, 5], A[:, 6].astype(int)
    present = Xm[:, :3].sum(axis=0) > 0
    cols = np.r_[np.flatnonzero(present), 3, 4]
    coef, *_ = np.linalg.lstsq(Xm[:, cols], yv, rcond=None)
    alpha = np.zeros(3)
    alpha[np.flatnonzero(present)] = coef[: present.sum()]
    beta, rho = float(coef[-2]), float(coef[-1])
    resid = yv - Xm[:, cols] @ coef
    sig_all = float(np.std(resid))
    sigma = np.array(
        [float(np.std(resid[zz == k])) if (zz == k).sum() > 5 else sig_all for k in range(3)]
    )
    pz, kappa, kappa0 = _scale_mixture(resid / sigma[zz])
    # population AR(1)
    n = np.diff(lp_f, axis=0)
    a_, b_ = n[:-1].ravel(), n[1:].ravel()
    ok = np.isfinite(a_) & np.isfinite(b_)
    if ok.sum() < 10:
        raise ModelError("too few population observations in the fit window", field=pop)
    if np.ptp(a_[ok]) > 1e-12:
        pc = np.polyfit(a_[ok], b_[ok], 1)
    else:  # constant population growth: no AR term to estimate
        pc = np.array([0.0, float(b_[ok].mean())])
    pres = b_[ok] - np.polyval(pc, a_[ok])
    x0 = np.where(np.isfinite(x[-1, sel]), x[-1, sel], 0.0)
    n0 = n[-1, sel]
    n0 = np.where(np.isfinite(n0), n0, np.nanmean(n[-1]))
    params = {"fit_years": [f0, f1], "value": value, "pop": pop, "zones": zones is not None}
    zone_hist = np.where(np.isfinite(dev), _zone_code(np.nan_to_num(dev, nan=0.0), cuts), -1)
    history = {"ly": ly_f, "zone": zone_hist, "sel": sel, "iso": tuple(str(c) for c in iso)}
    pv = prov.get(panel).with_method("fit_growth_model", params, _CITES)
    return GrowthModel(
        countries=tuple(str(c) for c in iso[sel]),
        origin=f1,
        fit_years=(f0, f1),
        mu=mu,
        sigma_world=sigma_w,
        alpha=alpha,
        beta=beta,
        rho=rho,
        sigma=sigma,
        break_prob=pz,
        break_scale=kappa,
        calm_scale=kappa0,
        pop_a=float(pc[1]),
        pop_phi=float(pc[0]),
        pop_sigma=float(np.std(pres)),
        zone=zone_all[sel],
        zone_cuts=cuts,
        y0=ly_f[-1, sel],
        x0=x0,
        pop0=lp_f[-1, sel],
        n0=n0,
        n_obs=len(A),
        params=params,
        provenance=pv,
        history=history,
    )


# =========================================================================== components
@dataclass(frozen=True, eq=False)
class ComponentWalk:
    r"""A capability component projected as a Gaussian random walk in logs.

    With :math:`v_{i,T}` the log component (or, with ``relative_to_gdp``, the log
    of its ratio to GDP, e.g. the military burden; with ``relative_to_pop``, of its
    ratio to population, e.g. the urban share) at the origin,
    :math:`v_{i,T+h} = v_{i,T} + \delta h + \sigma \sum_{k \le h} \zeta_{ik}`,
    :math:`\zeta \sim N(0, 1)`; the component is :math:`\exp(v)` (times the
    member's GDP with ``relative_to_gdp``, its population with ``relative_to_pop``:
    a GDP- or population-elastic component with unit elasticity and a random-walk
    intensity). A country with no value at the origin has none in the projection
    (0, or NaN where asked). Used where the growth model gives no driver: military
    expenditure relative to GDP, warheads, and the six CINC components
    (:data:`CINC_DRIVERS`).

    Attributes
    ----------
    name : str
        Index name (``"milex"``, ``"nuclear"``).
    log0 : ndarray
        ``(N,)`` in the model's country order, NaN where the country has none.
    drift : float
        Pooled mean of the annual log changes in the fit window.
    sigma : float
        Their scale around each year's cross-country mean (normal-consistent MAD,
        1.4826 x the median absolute deviation: robust to currency crises).
    relative_to_gdp : bool
    n_obs : int
        Annual changes the drift and SD rest on.
    data_end : int
        Last year of the component's data in the fit window: the value carried
        to the origin (the walk starts at the origin).
    label : str
        What the series is and where it comes from, for captions (e.g. "military
        expenditure relative to GDP (SIPRI over Maddison)"); ``name`` when empty.
    """

    name: str
    log0: np.ndarray
    drift: float
    sigma: float
    relative_to_gdp: bool
    n_obs: int
    data_end: int = 0
    relative_to_pop: bool = False
    label: str = ""

    def params(self) -> dict[str, Any]:
        return {
            "label": self.label or self.name,
            "data_end": self.data_end,
            "drift": self.drift,
            "sigma": self.sigma,
            "relative_to_gdp": self.relative_to_gdp,
            "relative_to_pop": self.relative_to_pop,
            "n_obs": self.n_obs,
            "n_countries": int(np.isfinite(self.log0).sum()),
        }


def fit_component_walk(
    panel: pd.DataFrame,
    model: GrowthModel,
    *,
    name: str,
    value: str = "value",
    relative_to_gdp: bool = False,
    carry_years: int = 5,
    relative_to_pop: bool = False,
) -> ComponentWalk:
    r"""Fit a :class:`ComponentWalk` on the model's fit window.

    ``panel`` has ``iso3, year`` and ``value`` (positive; with
    ``relative_to_gdp`` the ratio of the component to GDP, with
    ``relative_to_pop`` to population, in the units of the model's
    :math:`\exp(y + \ln \text{pop})` and :math:`\exp(\ln \text{pop})` up to
    a constant factor, which cancels in shares). The origin value of
    a country is its last value at most ``carry_years`` before the origin; drift
    and scale pool the log changes between consecutive years of the fit window.

    Raises
    ------
    ModelError
        Fewer than 10 annual changes in the fit window, or no country with a
        value near the origin.
    """
    f0, f1 = model.fit_years
    f = panel[["iso3", "year", value]].dropna()
    f = f[(f[value] > 0) & (f["year"] >= f0) & (f["year"] <= f1)].sort_values(["iso3", "year"])
    lv = np.log(f[value].to_numpy(float))
    same = (f["iso3"].to_numpy()[1:] == f["iso3"].to_numpy()[:-1]) & (
        np.diff(f["year"].to_numpy()) == 1
    )
    d = np.diff(lv)[same]
    yr = f["year"].to_numpy()[1:][same]
    if len(d) < 10:
        raise ModelError(
            f"too few annual changes of {name} in the fit window",
            field=name,
            value=len(d),
            hint=f"fit window {f0}-{f1}",
        )
    # the common (year) part of the changes moves every country alike and leaves
    # shares unchanged; the country part has fat tails (currency crises in current
    # USD series), so its scale is the normal-consistent MAD
    dev = d - pd.Series(d).groupby(yr).transform("mean").to_numpy()
    sigma = float(1.4826 * np.median(np.abs(dev - np.median(dev))))
    data_end = int(f["year"].max())
    last = f[f["year"] >= f1 - carry_years].groupby("iso3")[value].last()
    log0 = np.array([np.log(last[c]) if c in last.index else np.nan for c in model.countries])
    if not np.isfinite(log0).any():
        raise ModelError(
            f"no country has {name} within {carry_years} years of the origin",
            field=name,
            value=data_end,
            hint=f"origin {f1}",
        )
    return ComponentWalk(
        name=name,
        log0=log0,
        drift=float(d.mean()),
        sigma=sigma,
        relative_to_gdp=relative_to_gdp,
        n_obs=len(d),
        data_end=data_end,
        relative_to_pop=relative_to_pop,
    )


def _component_values(
    walks: Sequence[ComponentWalk],
    seqs: Sequence[np.random.SeedSequence],
    Y: np.ndarray,
    LP: np.ndarray,
    *,
    offset: int = 0,
    fill: float = 0.0,
) -> list[np.ndarray]:
    """Each walk's component ``(B, H, N)`` for the members of ``seqs``.

    Member :math:`k`'s steps for walk :math:`j` come from child ``offset + j`` of
    its own seed sequence (the key ``spawn`` gives it), so they do not depend on
    the batch and never reuse the growth model's draws; walks drawn in another
    call take another ``offset``. Countries without the component get ``fill``.
    """
    B, H, N = Y.shape
    cols = [np.flatnonzero(np.isfinite(w.log0)) for w in walks]
    steps = [np.empty((B, H, len(c))) for c in cols]
    for k, sq in enumerate(seqs):
        for j in range(len(walks)):
            child = np.random.SeedSequence(sq.entropy, spawn_key=(*sq.spawn_key, offset + j))
            steps[j][k] = np.random.default_rng(child).standard_normal((H, len(cols[j])))
    h = np.arange(1, H + 1)[None, :, None]
    out = []
    for j, w in enumerate(walks):
        c = cols[j]  # only the countries that have the component
        v = w.log0[c][None, None, :] + w.drift * h + w.sigma * np.cumsum(steps[j], axis=1)
        if w.relative_to_gdp:
            v += Y[:, :, c] + LP[:, :, c]
        elif w.relative_to_pop:
            v += LP[:, :, c]
        full = np.full((B, H, N), fill)
        full[:, :, c] = np.exp(v)
        out.append(full)
    return out


# =========================================================================== simulation
def member_seeds(seed: int, members: int | Sequence[int]) -> list[np.random.SeedSequence]:
    """Seed sequences of ensemble members.

    ``members`` an int ``n``: ``SeedSequence(seed).spawn(n)``; a sequence of member
    indices: the same children for those indices only (``spawn`` gives child
    :math:`k` the spawn key ``(k,)``), so a batch of members reproduces the full
    run exactly.

    Examples
    --------
    >>> a = member_seeds(1, 5)[3].generate_state(2)
    >>> b = member_seeds(1, [3])[0].generate_state(2)
    >>> bool((a == b).all())
    True
    """
    if isinstance(members, (int, np.integer)):
        if members < 1:
            raise WorldsystemError("members must be >= 1", field="members", value=members)
        return np.random.SeedSequence(int(seed)).spawn(int(members))
    root = np.random.SeedSequence(int(seed))
    return [
        np.random.SeedSequence(root.entropy, spawn_key=(*root.spawn_key, int(k))) for k in members
    ]


def simulate_paths(
    model: GrowthModel,
    *,
    horizon: int,
    members: int | Sequence[int] = 1000,
    seed: int = 0,
    dtype: Any = np.float64,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Simulate log GDP per capita and log population paths.

    Parameters
    ----------
    model : GrowthModel
    horizon : int
        Last simulated year (> the model's origin).
    members : int or sequence of int
        Number of members, or the member indices of a batch (see
        :func:`member_seeds`).
    seed : int

    Returns
    -------
    y, logpop : ndarray
        ``(members, H, N)`` for the years ``origin + 1 .. horizon``.

    Raises
    ------
    WorldsystemError
        ``horizon`` not after the origin (the end of the data used).
    """
    H = _horizon_steps(model, horizon)
    seqs = member_seeds(seed, members)
    B, N = len(seqs), len(model.countries)
    eta = np.empty((B, H, N))
    brk = np.empty((B, H, N))
    eps = np.empty((B, H))
    nu = np.empty((B, H, N))
    for k, s in enumerate(seqs):
        rng = np.random.default_rng(s)
        eps[k] = rng.standard_normal(H)
        eta[k] = rng.standard_normal((H, N))
        brk[k] = rng.random((H, N))
        nu[k] = rng.standard_normal((H, N))
    scale = np.where(brk < model.break_prob, model.break_scale, model.calm_scale)
    shock = eta * scale * (model.spread * model.sigma[model.zone])[None, None, :]
    a_z = model.alpha[model.zone][None, :]
    y = np.broadcast_to(model.y0, (B, N)).copy()
    x = np.broadcast_to(model.x0, (B, N)).copy()
    lp = np.broadcast_to(model.pop0, (B, N)).copy()
    n = np.broadcast_to(model.n0, (B, N)).copy()
    Y = np.empty((B, H, N), dtype=dtype)
    LP = np.empty((B, H, N), dtype=dtype)
    for h in range(H):
        d = y - y.mean(axis=1, keepdims=True)
        x = a_z + model.beta * d + model.rho * x + shock[:, h]
        y = y + (model.mu + model.spread * model.sigma_world * eps[:, h])[:, None] + x
        n = model.pop_a + model.pop_phi * n + model.pop_sigma * nu[:, h]
        lp = lp + n
        Y[:, h] = y
        LP[:, h] = lp
    return Y, LP


def _horizon_steps(model: GrowthModel, horizon: int) -> int:
    if isinstance(horizon, bool) or not isinstance(horizon, (int, np.integer)):
        raise WorldsystemError("horizon must be a year", field="horizon", value=horizon)
    if horizon <= model.origin:
        raise WorldsystemError(
            "the horizon is not after the end of the data",
            field="horizon",
            value=int(horizon),
            hint=f"the data (fit window) ends in {model.origin}; pass a later year",
        )
    return int(horizon) - model.origin


# =========================================================================== projection
@dataclass(frozen=True, eq=False)
class Projection:
    """Ensemble projection summaries (every frame carries provenance).

    Attributes
    ----------
    shares : DataFrame
        ``year, entity, mean, q05, q25, q50, q75, q95``: share of world GDP (the
        simulated countries' total) of each tracked country or bloc.
    ahead : DataFrame
        ``year, a, b, p_ahead, p_lasting``: P(A's GDP above B's in the year), and
        P(A has overtaken B by the year with a lead that lasts ``persistence``
        years, or runs to the horizon), for pairs where B was ahead at the origin
        (else the probability that A stays ahead without a lasting reversal).
    polarity : DataFrame
        ``year, index, polarity, probability``: the polarity call of each member-year
        on each index (``gdp``; ``beckley``, GDP x GDP per capita; and the
        projected components, e.g. ``milex``, ``nuclear``) among ``among``, by the
        rules of :func:`worldsystem.measures.polarity.classify_polarity`.
    zones : DataFrame
        ``year, zone, mean, q05, q25, q50, q75, q95``: number of countries per
        zone over the members of the zone rule (``zone_rule`` of :func:`project`:
        by default every member, against the cut points fixed at the origin).
    occupancy : DataFrame
        ``year, iso3, zone, probability``: the share of those members in which
        the country is in the zone that year (each country-year's three sum to 1).
    baselines : DataFrame
        ``year, entity, baseline, share``: the GDP shares on the point paths of
        the Gaussian baselines.
    members, seed, horizon, origin : int
    decline : DataFrame
        ``year, entity, share_origin, p_below_origin``: the share at the origin
        and the probability that the entity's share in the year is below it.
    """

    shares: pd.DataFrame
    ahead: pd.DataFrame
    polarity: pd.DataFrame
    zones: pd.DataFrame
    baselines: pd.DataFrame
    members: int
    seed: int
    horizon: int
    origin: int
    decline: pd.DataFrame | None = None
    occupancy: pd.DataFrame | None = None
    detail_members: int = 0


def _entity_matrix(countries: Sequence[str], entities: Mapping[str, Sequence[str]]) -> np.ndarray:
    idx = {c: i for i, c in enumerate(countries)}
    M = np.zeros((len(countries), len(entities)))
    for j, (name, mem) in enumerate(entities.items()):
        mem = [mem] if isinstance(mem, str) else list(mem)
        missing = [c for c in mem if c not in idx]
        if len(missing) == len(mem):
            raise WorldsystemError(
                "a tracked country has no data at the forecast origin",
                field="entities",
                value=f"{name}: {missing[0]}",
            )
        for c in mem:
            if c in idx:
                M[idx[c], j] = 1.0
    return M


def _quantile_frame(arr: np.ndarray, years: np.ndarray, names: Sequence[str], key: str):
    """arr (M, H, E) -> long frame of mean and quantiles."""
    qs = np.quantile(arr, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)  # (5, H, E)
    H, E = arr.shape[1:]
    return pd.DataFrame(
        {
            "year": np.repeat(years, E),
            key: np.tile(np.asarray(names, dtype=object), H),
            "mean": arr.mean(axis=0).ravel(),
            "q05": qs[0].ravel(),
            "q25": qs[1].ravel(),
            "q50": qs[2].ravel(),
            "q75": qs[3].ravel(),
            "q95": qs[4].ravel(),
        }
    )


def origin_zone_cuts(model: GrowthModel, *, years: int = ZONE_CUT_YEARS) -> dict[str, Any]:
    r"""Position cut points fixed at the forecast origin, in log relative income.

    For each of the last ``years`` years :math:`t` of the fit window, the position
    section's income rule (:func:`worldsystem.measures.position.income_cutpoints`,
    ``income_ppp``: antimodes of the density of log GDP per capita, pooled over the
    year and the two before and after it that the fit window holds) gives cut points
    :math:`\kappa_{1t} < \kappa_{2t}` on the observed countries; less the year's
    mean log GDP per capita :math:`\bar y_t` of the simulated countries observed
    then, they are cuts in log relative income :math:`d = y - \bar y_t`. The fixed
    cuts are the medians over those years, :math:`c_j = \operatorname{med}_t
    (\kappa_{jt} - \bar y_t)`. A projected member-year is core when its
    :math:`d \ge c_2`, semi-periphery when :math:`c_1 \le d < c_2`, else
    periphery, with :math:`d` relative to that member-year's mean over the simulated
    countries: a zone is a place in the distribution, as in the position code, but
    its boundaries are those of the fit window, not re-chosen in each member (the
    density antimodes of a simulated year can jump from one member to the next,
    which moves countries between zones without any change in their relative
    income). Only fit-window data enter, so a backtest from this origin sees no
    test year.

    Returns
    -------
    dict
        ``cuts`` (ndarray, :math:`c_1, c_2`), ``years`` (first and last year used)
        and ``rule`` (the cut-point rules of those years).
    """
    from worldsystem.measures.position import income_cutpoints
    from worldsystem.measures.position.income import INCOME_WINDOW

    _check_positive_int("years", years)
    ly = model.history["ly"]
    sel = model.history["sel"]
    T = ly.shape[0]
    yrs = np.arange(model.origin - T + 1, model.origin + 1)
    k = min(int(years), T)
    rows = range(T - k, T)
    # the cut points of a year pool the years around it (INCOME_WINDOW), here only
    # the fit-window years up to the origin
    first = max(0, T - k - INCOME_WINDOW // 2)
    f = pd.DataFrame(
        [
            (str(c), int(yrs[t]), float(np.exp(ly[t, j])))
            for t in range(first, T)
            for j, c in enumerate(model.history.get("iso", ()))
            if np.isfinite(ly[t, j])
        ],
        columns=["iso3", "year", "gdppc"],
    )
    cp = income_cutpoints(f, value_col="gdppc", years=[int(yrs[t]) for t in rows])
    cp = cp.set_index("year")
    rel = []
    for t in rows:
        y = int(yrs[t])
        v = ly[t, sel]
        if y not in cp.index or not np.isfinite(v).any():
            continue
        m = float(np.nanmean(v))
        lo, hi = float(cp.loc[y, "cut_low"]), float(cp.loc[y, "cut_high"])
        if np.isfinite(lo) and np.isfinite(hi):
            rel.append((lo - m, hi - m))
    if not rel:
        raise ModelError(
            "no fit year has position cut points to fix the projected zones",
            field="fit_years",
            value=model.fit_years,
            hint="income_cutpoints needs at least 20 countries in a year",
        )
    cuts = np.median(np.asarray(rel), axis=0)
    rules = sorted({str(r) for r in cp.get("method", pd.Series(dtype=object)).dropna()})
    return {"cuts": cuts, "years": [int(yrs[rows[0]]), int(model.origin)], "rule": rules}


def project(
    model: GrowthModel,
    *,
    horizon: int = 2050,
    members: int = 1000,
    seed: int = 0,
    entities: Mapping[str, Sequence[str]] | None = None,
    pairs: Sequence[tuple[str, str]] = (),
    among: Sequence[str] | None = None,
    persistence: int = 3,
    batch_size: int = 500,
    progress: Callable[[int, int], None] | None = None,
    thresholds: Mapping[str, float] | None = None,
    mapper: Mapper | None = None,
    components: Sequence[ComponentWalk] = (),
    cinc_components: Sequence[ComponentWalk] = (),
    detail_members: int = DETAIL_MEMBERS,
    zone_rule: str = "origin",
) -> Projection:
    r"""Project the world to ``horizon``: shares, who is ahead, polarity, zones.

    Each member's GDP is :math:`\exp(y + \ln \text{pop})`; shares are of the
    simulated countries' total. Blocs in ``entities`` are summed over their
    members (membership fixed at the origin). Polarity: each member-year's GDP
    shares among ``among`` (default: the ten largest economies at the origin),
    labelled by :func:`worldsystem.measures.polarity.classify_polarity`.

    Parameters
    ----------
    model : GrowthModel
    horizon : int
        Last year projected (after the origin).
    members : int
        Ensemble size.
    seed : int
        ``SeedSequence(seed).spawn(members)``.
    entities : mapping of name to iso3 codes
        Countries and blocs to track (default: the five largest economies).
    pairs : sequence of (a, b)
        Entity pairs for ``ahead``.
    among : sequence of str, optional
        Candidate poles of the polarity call.
    persistence : int
        Years a lead must hold to count as a lasting crossing.
    batch_size : int
        Members simulated at once (memory: about ``batch_size x H x N x 16`` bytes).
    progress : callable, optional
        Called as ``progress(done, members)`` after each batch.
    thresholds : mapping, optional
        Polarity thresholds (:data:`worldsystem.measures.polarity.DEFAULT_THRESHOLDS`).
    components : sequence of ComponentWalk
        Capability components without a driver in the growth model (military
        expenditure relative to GDP, warheads), projected as random walks
        (:func:`fit_component_walk`); each adds a polarity call on that index.
    cinc_components : sequence of ComponentWalk
        Walks of the six CINC components (names as in
        :data:`worldsystem.measures.polarity.COW_COMPONENTS`, drivers as in
        :data:`CINC_DRIVERS`). Each of the first ``detail_members`` members'
        components goes through :func:`worldsystem.measures.polarity.cinc` (COW's
        missing-component rule, shares of the simulated countries' totals),
        giving a polarity call on index ``"cinc"`` from those members. A country
        with no positive value of a component near the origin counts as a zero
        (NMC's zeros, e.g. no steel industry, are zeros; the truly missing are
        few and small states).
    detail_members : int
        The first this many members (at most ``members``) pass through the CINC
        code (and, with ``zone_rule="per_year"``, through the position code).
    zone_rule : {"origin", "per_year"}
        Zones of the projected member-years, giving ``zones`` and ``occupancy``.
        ``"origin"`` (default): every member's log relative income against the cut
        points of the position section's income rule fixed over the last
        :data:`ZONE_CUT_YEARS` fit years (:func:`origin_zone_cuts`), on all
        members. ``"per_year"``: the first ``detail_members`` members' GDP per
        capita through :func:`worldsystem.measures.position.income_zones` in each
        member-year (density antimodes re-chosen in every simulated year; about
        50 ms a member). The Monte Carlo standard error of an occupancy
        probability is at most :math:`0.5/\sqrt{n}` for the ``n`` members used.
    mapper : callable, optional
        ``mapper(fn, items, shared) -> [fn(item, **shared) for item in items]``
        running the member batches elsewhere (for example on Dask through
        :func:`worldsystem.workflows.parallel.map_tasks`). Every batch draws its
        members' shocks from their own spawned seeds, so the result is
        bit-identical to the in-process run; ``progress`` is then called once,
        when every batch is back.

    Returns
    -------
    Projection
    """
    from worldsystem.measures import polarity as pol
    from worldsystem.measures.dynamics import lasting_crossing_index

    H = _horizon_steps(model, horizon)
    if isinstance(members, bool) or not isinstance(members, (int, np.integer)) or members < 1:
        raise WorldsystemError("members must be an integer >= 1", field="members", value=members)
    cs = list(model.countries)
    gdp0 = np.exp(model.y0 + model.pop0)
    top = [cs[i] for i in np.argsort(-gdp0)]
    if entities is None:
        entities = {c: [c] for c in top[:5]}
    Em = _entity_matrix(cs, entities)
    names = list(entities)
    ent_idx = {n: j for j, n in enumerate(names)}
    for a, b in pairs:
        for e in (a, b):
            if e not in ent_idx:
                raise WorldsystemError("a pair names an untracked entity", field="pairs", value=e)
    among = list(among) if among is not None else top[:10]
    Am = _entity_matrix(cs, {c: [c] for c in among})
    years = np.arange(model.origin + 1, model.origin + H + 1)
    share0 = (gdp0 @ Em) / gdp0.sum()
    _check_positive_int("batch_size", batch_size)
    _check_positive_int("detail_members", detail_members)
    detail = min(int(detail_members), int(members))
    if zone_rule not in ZONE_RULES:
        raise WorldsystemError(
            "unknown zone rule", field="zone_rule", value=zone_rule, hint=f"one of {ZONE_RULES}"
        )
    fixed = origin_zone_cuts(model) if zone_rule == "origin" else None
    zone_members = int(members) if fixed is not None else detail
    batches = [
        list(range(start, min(members, start + int(batch_size))))
        for start in range(0, members, int(batch_size))
    ]
    shared = {
        "model": model,
        "horizon": int(horizon),
        "seed": int(seed),
        "Em": Em,
        "Am": Am,
        "walks": tuple(components),
        "cinc_walks": tuple(cinc_components),
        "detail_members": detail,
        "zone_cuts": None if fixed is None else fixed["cuts"],
    }
    if mapper is None:
        parts, done = [], 0
        for ids in batches:
            parts.append(_project_batch(ids, **shared))
            done += len(ids)
            if progress is not None:
                progress(done, members)
    else:
        parts = mapper(_project_batch, batches, shared)
        if progress is not None:
            progress(members, members)
    S = np.concatenate([p[0] for p in parts])  # (M, H, E)
    Z = np.concatenate([p[1] for p in parts]).astype("float64")  # (d, H, 3)
    occ = sum(p[3] for p in parts) / max(zone_members, 1)  # (H, N, 3)
    IV = {k: np.concatenate([p[2][k] for p in parts]) for k in parts[0][2]}  # (M, H, K)
    pv = model.provenance.with_method(
        "project",
        {
            "horizon": int(horizon),
            "members": int(members),
            "seed": int(seed),
            "entities": {k: list(v) for k, v in entities.items()},
            "persistence": persistence,
            "among": among,
            "indices": list(IV),
            "components": {w.name: w.params() for w in components},
            "cinc_components": {w.name: w.params() for w in cinc_components},
            "detail_members": detail,
            "spread": float(model.spread),
            "spread_calibration": model.params.get("spread_calibration"),
            "zone_rule": zone_rule,
            "zone_members": zone_members,
            "zones": (
                "measures.position.income_zones (income_ppp: density, per member-year)"
                if fixed is None
                else "log relative income against measures.position.income_cutpoints "
                f"(income_ppp) fixed over {fixed['years'][0]}-{fixed['years'][1]}"
            ),
            "zone_cuts": None
            if fixed is None
            else {
                "relative_log_cuts": [float(c) for c in fixed["cuts"]],
                "years": fixed["years"],
                "rule": fixed["rule"],
            },
        },
        _CITES,
    )
    shares = prov.attach(_quantile_frame(S, years, names, "entity"), pv)
    below = (S < share0[None, None, :]).mean(axis=0)  # (H, E)
    decline = prov.attach(
        pd.DataFrame(
            {
                "year": np.repeat(years, len(names)),
                "entity": np.tile(np.asarray(names, dtype=object), len(years)),
                "share_origin": np.tile(share0, len(years)),
                "p_below_origin": below.ravel(),
            }
        ),
        pv,
    )
    rows = []
    for a, b in pairs:
        ia, ib = ent_idx[a], ent_idx[b]
        ahead = S[:, :, ia] > S[:, :, ib]
        behind0 = share0[ia] <= share0[ib]
        if behind0:
            first = lasting_crossing_index(ahead, persistence)
        else:
            first = lasting_crossing_index(~ahead, persistence)
        crossed_by = (first[:, None] >= 0) & (first[:, None] <= np.arange(H)[None, :])
        p_last = crossed_by.mean(axis=0) if behind0 else 1.0 - crossed_by.mean(axis=0)
        for h, yv in enumerate(years):
            rows.append((int(yv), a, b, float(ahead[:, h].mean()), float(p_last[h])))
    ahead_f = prov.attach(
        pd.DataFrame(rows, columns=["year", "a", "b", "p_ahead", "p_lasting"]), pv
    )
    calls = []
    for name, vals in IV.items():
        srt = -np.sort(-vals, axis=2)
        pad = np.zeros((*srt.shape[:2], max(0, 3 - srt.shape[2])))
        srt = np.concatenate([srt, pad], axis=2)
        tot = srt.sum(axis=2)
        n_m = vals.shape[0]
        if n_m == 0:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            conc = pd.DataFrame(
                {
                    "year": np.tile(years, n_m),
                    "leader_share": (srt[:, :, 0] / tot).ravel(),
                    "second_share": (srt[:, :, 1] / tot).ravel(),
                    "third_share": (srt[:, :, 2] / tot).ravel(),
                }
            )
        lab = pol.classify_polarity(conc, **dict(thresholds or {}))
        pp = lab.groupby(["year", "polarity"]).size().div(n_m).rename("probability")
        calls.append(pp.reset_index().assign(index=name, members=n_m))
    polarity = prov.attach(
        pd.concat(calls, ignore_index=True)[
            ["year", "index", "polarity", "probability", "members"]
        ],
        pv,
    )
    zones = prov.attach(_quantile_frame(Z, years, ZONE_NAMES, "zone"), pv)
    N = len(cs)
    occupancy = prov.attach(
        pd.DataFrame(
            {
                "year": np.repeat(years, N * 3),
                "iso3": np.tile(np.repeat(np.asarray(cs, dtype=object), 3), H),
                "zone": np.tile(np.asarray(ZONE_NAMES, dtype=object), H * N),
                "probability": occ.ravel(),
            }
        ),
        pv,
    )
    bl = baseline_forecasts(model, horizon=horizon)
    brow = []
    lp_mean = _pop_mean_path(model, H)
    for name in ("persistence", "own_trend", "shrunk_trend", "beta"):
        g = np.exp(bl[name][0] + lp_mean)  # (H, N)
        sh = (g @ Em) / g.sum(axis=1, keepdims=True)
        for h, yv in enumerate(years):
            for j, e in enumerate(names):
                brow.append((int(yv), e, name, float(sh[h, j])))
    baselines = prov.attach(pd.DataFrame(brow, columns=["year", "entity", "baseline", "share"]), pv)
    return Projection(
        shares=shares,
        ahead=ahead_f,
        polarity=polarity,
        zones=zones,
        baselines=baselines,
        members=int(members),
        seed=int(seed),
        horizon=int(horizon),
        origin=model.origin,
        decline=decline,
        occupancy=occupancy,
        detail_members=detail,
    )


def _project_batch(
    ids: Sequence[int],
    *,
    model: GrowthModel,
    horizon: int,
    seed: int,
    Em: np.ndarray,
    Am: np.ndarray,
    walks: Sequence[ComponentWalk] = (),
    cinc_walks: Sequence[ComponentWalk] = (),
    detail_members: int = 0,
    zone_cuts: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray], np.ndarray]:
    """World shares of the tracked entities, each polarity index's values of the
    candidates (GDP, Beckley's GDP x GDP per capita, the ``walks``) for the
    members ``ids``; and, for the members among them with an index below
    ``detail_members``, their zones by :func:`worldsystem.measures.position.income_zones`
    (zone counts ``(d, H, 3)``, occupancy counts ``(H, N, 3)``; with ``zone_cuts``,
    every member's zones by those fixed cuts of log relative income instead) and their CINC by
    :func:`worldsystem.measures.polarity.cinc` (index ``"cinc"``, ``(d, H, A)``).
    Module level, so Dask can ship it."""
    Y, LP = simulate_paths(model, horizon=horizon, members=list(ids), seed=seed)
    gdp = np.exp(Y + LP)
    tot = gdp.sum(axis=2)
    # indices of the polarity call: raw values of the candidates (shares among them)
    index_vals = {"gdp": gdp @ Am, "beckley": (gdp * np.exp(Y)) @ Am}
    if walks:
        for w, v in zip(
            walks, _component_values(walks, member_seeds(seed, ids), Y, LP), strict=True
        ):
            index_vals[w.name] = v @ Am
    d_ids = [k for k in ids if k < detail_members]
    zc, occ, cv = _member_details(
        d_ids,
        Y[: len(d_ids)],
        LP[: len(d_ids)],
        model,
        seed,
        Am,
        cinc_walks,
        len(walks),
        zones=zone_cuts is None,
    )
    if zone_cuts is not None:
        zc, occ = _fixed_zones(Y, zone_cuts)
    if cinc_walks:
        index_vals["cinc"] = cv
    return (gdp @ Em) / tot[..., None], zc, index_vals, occ


def _fixed_zones(Y: np.ndarray, cuts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Zone counts ``(B, H, 3)`` and occupancy counts ``(H, N, 3)`` of log income
    paths ``Y`` (B, H, N) by log relative income (to each member-year's mean)
    against the fixed ``cuts`` (see :func:`origin_zone_cuts`)."""
    dev = Y - Y.mean(axis=2, keepdims=True)
    code = np.searchsorted(np.asarray(cuts, dtype="float64"), dev, side="right")
    onehot = code[..., None] == np.arange(3)  # (B, H, N, 3)
    return onehot.sum(axis=2).astype("float64"), onehot.sum(axis=0).astype("float64")


def _member_details(d_ids, Y, LP, model, seed, Am, cinc_walks, offset, *, zones=True):
    """Zones (position code, unless ``zones`` is false) and CINC (polarity code) of
    members ``d_ids``."""
    from worldsystem.measures.polarity import cinc
    from worldsystem.measures.position import income_zones

    nd, H, N = len(d_ids), Y.shape[1], Y.shape[2]
    zc = np.zeros((nd, H, 3))
    occ = np.zeros((H, N, 3))
    cv = np.zeros((nd, H, Am.shape[1]))
    if nd == 0 or not (zones or cinc_walks):
        return zc, occ, cv
    years = np.arange(model.origin + 1, model.origin + H + 1)
    iso = np.tile(np.asarray(model.countries, dtype=object), H)
    yr = np.repeat(years, N)
    code = {z: k for k, z in enumerate(ZONE_NAMES)}
    comps = (
        _component_values(cinc_walks, member_seeds(seed, d_ids), Y, LP, offset=offset)
        if cinc_walks
        else []
    )
    for k in range(nd):
        f = pd.DataFrame({"iso3": iso, "year": yr, "gdppc": np.exp(Y[k]).ravel()})
        if zones:
            z = income_zones(f, value_col="gdppc")
            h = z["year"].to_numpy() - years[0]
            i = pd.Index(model.countries).get_indexer(z["iso3"])
            c = z["zone"].map(code).to_numpy()
            np.add.at(occ, (h, i, c), 1.0)
            np.add.at(zc[k], (h, c), 1.0)
        if cinc_walks:
            f = f.assign(**{w.name: v[k].ravel() for w, v in zip(cinc_walks, comps, strict=True)})
            cv[k] = np.nan_to_num(cinc(f)["cinc"].to_numpy().reshape(H, N)) @ Am
    return zc, occ, cv


def _pop_mean_path(model: GrowthModel, H: int) -> np.ndarray:
    n = model.n0.copy()
    lp = model.pop0.copy()
    out = np.empty((H, len(n)))
    for h in range(H):
        n = model.pop_a + model.pop_phi * n
        lp = lp + n
        out[h] = lp
    return out


# =========================================================================== baselines
def baseline_forecasts(model: GrowthModel, *, horizon: int) -> dict[str, Any]:
    r"""Point and Gaussian predictive forecasts of the baselines.

    With :math:`h` years ahead, :math:`\bar g_i` the country's mean growth over
    the last :data:`TREND_YEARS` years of the fit window (from ``model``'s
    stored history), :math:`\mu` the world mean growth and :math:`\sigma_g` the
    pooled SD of yearly growth around it:

    - ``persistence``: :math:`y_{i,T} + \mu h`, SD :math:`\sigma_g \sqrt h`;
    - ``own_trend``: :math:`y_{i,T} + \bar g_i h`, SD
      :math:`\sqrt{h\sigma_g^2 + h^2 \sigma_g^2 / L}`;
    - ``shrunk_trend``: :math:`\mu + \lambda (\bar g_i - \mu)`,
      :math:`\lambda = \max(0, 1 - (\sigma_g^2/L) / \operatorname{var}(\bar g))`;
    - ``beta``: :math:`y_{i,T} + \mu h + d_{i,T}((1+b)^h - 1)` with :math:`b` the
      cross-section slope of :math:`\bar g_i` on :math:`d_{i,T-L}`;
    - ``markov``: zone probabilities :math:`e_{z_i}^\top P^h` from the annual
      zone chain of the fit window.

    Returns
    -------
    dict
        name -> ``(mean (H, N), sd (H, N))`` for the Gaussian baselines, and
        ``"markov"`` -> zone probabilities ``(H, N, 3)``.
    """
    H = _horizon_steps(model, horizon)
    hist = model.history
    if not hist:
        raise ModelError(
            "the model keeps no fit-window history; fit it with fit_growth_model",
            field="model",
        )
    ly_f, zone_hist = hist["ly"], hist["zone"]
    sel = hist["sel"]
    L = min(TREND_YEARS, ly_f.shape[0] - 1)
    g_all = np.diff(ly_f, axis=0)
    g_sel = g_all[-L:, sel]
    mu = model.mu
    gbar = np.nanmean(g_sel, axis=0)
    gbar = np.where(np.isfinite(gbar), gbar, mu)
    resid = (
        g_sel
        - np.nanmean(g_sel, axis=1, keepdims=True)
        + (np.nanmean(g_sel, axis=1, keepdims=True) - mu)
    )
    sig = float(np.nanstd(resid))
    h = np.arange(1, H + 1)[:, None]
    y0 = model.y0[None, :]
    out: dict[str, Any] = {}
    sd = sig * np.sqrt(h) * np.ones_like(y0)
    out["persistence"] = (y0 + mu * h, sd)
    out["own_trend"] = (
        y0 + gbar[None, :] * h,
        np.sqrt(h * sig**2 + h**2 * sig**2 / L) * np.ones_like(y0),
    )
    vg = float(np.var(gbar))
    lam = max(0.0, 1.0 - (sig**2 / L) / vg) if vg > 0 else 0.0
    gs = mu + lam * (gbar - mu)
    out["shrunk_trend"] = (
        y0 + gs[None, :] * h,
        np.sqrt(h * sig**2 + lam * h**2 * sig**2 / L) * np.ones_like(y0),
    )
    d_start = ly_f[-L - 1, sel] - np.nanmean(ly_f[-L - 1])
    ok = np.isfinite(d_start) & np.isfinite(gbar)
    b = float(np.polyfit(d_start[ok], gbar[ok], 1)[0]) if ok.sum() > 2 else 0.0
    d0 = model.y0 - np.mean(model.y0)
    out["beta"] = (y0 + mu * h + d0[None, :] * ((1 + b) ** h - 1), sd)
    # Markov: annual zone chain over the fit window (all countries)
    zc = zone_hist  # (T, Nall) codes, -1 missing
    fr, to = zc[:-1].ravel(), zc[1:].ravel()
    ok = (fr >= 0) & (to >= 0)
    C = np.zeros((3, 3))
    np.add.at(C, (fr[ok], to[ok]), 1.0)
    C = C + np.eye(3) * (C.sum(axis=1) == 0)[:, None]
    P = C / C.sum(axis=1, keepdims=True)
    probs = np.empty((H, len(model.countries), 3))
    Ph = np.eye(3)
    for k in range(H):
        Ph = Ph @ P
        probs[k] = Ph[model.zone]
    out["markov"] = probs
    out["_sigma"] = sig
    out["_b"] = b
    out["_lambda"] = lam
    return out


# =========================================================================== calibration
def calibrate_spread(
    panel: pd.DataFrame,
    *,
    origin: int,
    first_year: int | None = None,
    value: str = "gdppc",
    pop: str = "pop",
    grid: Sequence[float] = SPREAD_GRID,
    lags: Sequence[int] = SPREAD_LAGS,
    members: int = 200,
    seed: int = 0,
) -> tuple[float, pd.DataFrame]:
    r"""Shock-SD factor :math:`\lambda` of the ensemble, chosen before the origin.

    An inner rolling-origin backtest on the years up to ``origin`` only: for
    each inner origin :math:`o = T - \ell` (``lags`` :math:`\ell`; those with
    at least 4 years of data before them), the model is fitted on
    ``first_year`` .. :math:`o`, simulated to :math:`T` with every shock SD times
    :math:`\lambda` for each :math:`\lambda` in ``grid`` (the same ``members``
    and ``seed`` for every candidate: common random numbers), and scored by the
    mean CRPS of log GDP per capita over the countries observed at :math:`o-1`,
    :math:`o` and every year to :math:`T`, and the years :math:`o+1 .. T`. The
    factor with the lowest CRPS averaged over the inner origins is returned. The
    CRPS is a proper score (Gneiting & Raftery 2007), so the choice rewards
    calibrated and sharp spreads alike; no year after ``origin`` is read (the
    panel is cut at it first), so a backtest from ``origin`` stays out of sample.

    Returns
    -------
    spread : float
        The chosen factor (1.0 when no inner origin fits in the data).
    table : DataFrame
        ``inner_origin, spread, crps, coverage90, chosen``.
    """
    f = panel[panel["year"] <= int(origin)]
    years, iso, ly, lp = _panel_arrays(f, value, pop)
    first = int(years.min()) if first_year is None else int(first_year)
    yi = {int(y): i for i, y in enumerate(years)}
    rows = []
    for lag in lags:
        o = int(origin) - int(lag)
        if o - 4 < first or o not in yi or o - 1 not in yi:
            continue
        ti = np.array([yi[t] for t in range(o + 1, int(origin) + 1)])
        ok = (
            np.isfinite(ly[ti]).all(axis=0)
            & np.isfinite(lp[ti]).all(axis=0)
            & np.isfinite(ly[yi[o]])
            & np.isfinite(ly[yi[o - 1]])
            & np.isfinite(lp[yi[o]])
        )
        if ok.sum() < 3:
            continue
        try:
            m = fit_growth_model(
                f, fit_years=(first, o), value=value, pop=pop, countries=[str(c) for c in iso[ok]]
            )
        except (ModelError, WorldsystemError):
            continue
        obs = ly[ti][:, ok]
        for lam in grid:
            Y, _ = simulate_paths(
                _with_spread(m, float(lam)), horizon=int(origin), members=members, seed=seed
            )
            q = np.quantile(Y, [0.05, 0.95], axis=0)
            c90 = float(((obs >= q[0]) & (obs <= q[1])).mean())
            rows.append((o, float(lam), float(crps_ensemble(Y, obs).mean()), c90))
    table = pd.DataFrame(rows, columns=["inner_origin", "spread", "crps", "coverage90"])
    if table.empty:
        return 1.0, table.assign(chosen=pd.Series(dtype=bool))
    mean = table.groupby("spread")["crps"].mean()
    best = float(mean.idxmin())
    return best, table.assign(chosen=table["spread"] == best)


def _with_spread(
    model: GrowthModel, spread: float, calibration: pd.DataFrame | None = None
) -> GrowthModel:
    """``model`` with shock-SD factor ``spread`` (and, given the table of
    :func:`calibrate_spread`, its summary in ``params["spread_calibration"]``)."""
    import dataclasses

    if not np.isfinite(spread) or spread <= 0:
        raise WorldsystemError("the spread factor must be > 0", field="spread", value=spread)
    params = dict(model.params)
    if calibration is not None:
        params["spread_calibration"] = {
            "grid": sorted({float(v) for v in calibration["spread"]}),
            "inner_origins": sorted({int(v) for v in calibration["inner_origin"]}),
            "scored_to": int(model.origin),
            "chosen": float(spread),
        }
    return dataclasses.replace(model, spread=float(spread), params=params)


# =========================================================================== scores
def crps_gaussian(mean, sd, obs) -> np.ndarray:
    r"""CRPS of a normal predictive distribution (Gneiting & Raftery 2007, eq. 21):

    .. math:: \operatorname{CRPS}(N(\mu,\sigma^2), y) = \sigma\left[z(2\Phi(z) - 1)
              + 2\varphi(z) - \tfrac{1}{\sqrt\pi}\right], \quad z = (y-\mu)/\sigma.

    Examples
    --------
    >>> round(float(crps_gaussian(0.0, 1.0, 0.0)), 4)
    0.2337
    """
    mean, sd, obs = np.asarray(mean, float), np.asarray(sd, float), np.asarray(obs, float)
    z = (obs - mean) / sd
    return sd * (z * (2 * special.ndtr(z) - 1) + 2 * stats.norm.pdf(z) - 1 / np.sqrt(np.pi))


def crps_ensemble(samples, obs) -> np.ndarray:
    r"""CRPS of an ensemble (members on axis 0):
    :math:`\operatorname{E}|X - y| - \tfrac12 \operatorname{E}|X - X'|`, with
    :math:`\operatorname{E}|X-X'| = \frac{2}{M^2}\sum_i (2i - M - 1) x_{(i)}`.

    Examples
    --------
    >>> float(crps_ensemble(np.array([0.0, 1.0]), 0.0))
    0.25
    """
    x = np.sort(np.asarray(samples, float), axis=0)
    M = x.shape[0]
    obs = np.asarray(obs, float)
    e1 = np.abs(x - obs).mean(axis=0)
    w = (2 * np.arange(1, M + 1) - M - 1).reshape((M,) + (1,) * (x.ndim - 1))
    e2 = 2.0 * (w * x).sum(axis=0) / M**2
    return e1 - 0.5 * e2


@dataclass(frozen=True, eq=False)
class Backtest:
    """Rolling-origin backtest results.

    Attributes
    ----------
    scores : DataFrame
        ``origin, model, metric, value, skill`` (skill relative to
        ``persistence``: :math:`1 - S/S_\\text{pers}` for negatively oriented
        scores, :math:`(S - S_\\text{pers})/(1 - S_\\text{pers})` for Spearman
        and top-10 overlap, and on the absolute coverage error for coverage).
    pit : DataFrame
        ``origin, model, bin, share`` (10 PIT bins).
    reliability : DataFrame
        ``origin, model, bin, forecast, observed, n``: zone probabilities
        binned against observed frequencies (the reliability diagram).
    scorecard : DataFrame
        Headline (one origin) or mean over origins: ``model`` rows, metric
        columns, plus ``beats_persistence``.
    """

    scores: pd.DataFrame
    pit: pd.DataFrame
    reliability: pd.DataFrame
    scorecard: pd.DataFrame


_NEG = {
    "crps",
    "zone_log",
    "zone_brier",
    "event_brier",
    "event_year_error",
    "cov50_error",
    "cov90_error",
}
_POS = {"spearman", "top10_overlap"}
_MODELS = (
    "ensemble",
    "ensemble_calibrated",
    "persistence",
    "own_trend",
    "shrunk_trend",
    "beta",
    "markov",
)


def _score_origin(
    ly,
    lp,
    years,
    iso,
    origin,
    end,
    *,
    members,
    seed,
    top,
    pairs_top,
    persistence,
    first_year,
    calibrate=True,
):
    from worldsystem.measures.dynamics import crossing_years

    yi = {int(y): i for i, y in enumerate(years)}
    test = np.arange(origin + 1, end + 1)
    ti = np.array([yi[t] for t in test])
    oi = yi[origin]
    obs_ok = np.isfinite(ly[ti]).all(axis=0) & np.isfinite(lp[ti]).all(axis=0)
    base_ok = np.isfinite(ly[oi]) & np.isfinite(ly[oi - 1]) & np.isfinite(lp[oi])
    keep = np.flatnonzero(obs_ok & base_ok)
    panel = pd.DataFrame(
        {
            "iso3": np.repeat(iso, len(years)),
            "year": np.tile(years, len(iso)),
            "gdppc": np.exp(ly.T.ravel()),
            "pop": np.exp(lp.T.ravel()),
        }
    ).dropna()
    panel = panel[panel["year"] <= origin]
    model = fit_growth_model(
        panel, fit_years=(first_year, origin), countries=[str(c) for c in iso[keep]]
    )
    H = len(test)
    Y, LP = simulate_paths(model, horizon=end, members=members, seed=seed)
    bl = baseline_forecasts(model, horizon=end)
    obs_y = ly[ti][:, keep]  # (H, N)
    obs_lp = lp[ti][:, keep]
    obs_dev = obs_y - obs_y.mean(axis=1, keepdims=True)
    obs_zone = _zone_code(obs_dev, model.zone_cuts)
    lp_mean = _pop_mean_path(model, H)
    res = []
    pit_rows = []
    rel_rows = []
    gdp_obs_end = obs_y[-1] + obs_lp[-1]
    top_obs = set(np.argsort(-gdp_obs_end)[:top])
    gdp0 = model.y0 + model.pop0
    big = np.argsort(-gdp0)[:pairs_top]
    # realised lasting crossings among the big economies (persistence rule)
    gdp_hist = np.vstack([gdp0[None, :], obs_y + obs_lp])
    fr = pd.DataFrame(
        {
            "iso3": np.repeat(np.arange(len(keep))[big], H + 1),
            "year": np.tile(np.r_[origin, test], len(big)),
            "g": gdp_hist[:, big].T.ravel(),
        }
    )
    cr = crossing_years(fr.assign(iso3=fr["iso3"].astype(str)), value="g", persistence=persistence)
    cr = cr[~cr["provisional"]]
    # pairs (a behind b at origin)
    pa = [(i, j) for i in big for j in big if gdp0[i] < gdp0[j]]
    outcome = np.array([gdp_obs_end[i] > gdp_obs_end[j] for i, j in pa], dtype=float)
    events = [(int(r.leader), int(r.overtaken), int(r.year)) for r in cr.itertuples()]

    def model_scores(name, mean=None, sd=None, samples=None, zprob=None, gdp_samples=None):
        out = {}
        if samples is not None or mean is not None:
            if samples is not None:
                crps = crps_ensemble(samples, obs_y).mean()
                q = np.quantile(samples, [0.05, 0.25, 0.5, 0.75, 0.95], axis=0)
                med = q[2]
                pit = (samples <= obs_y[None]).mean(axis=0)
                c50 = ((obs_y >= q[1]) & (obs_y <= q[3])).mean()
                c90 = ((obs_y >= q[0]) & (obs_y <= q[4])).mean()
                gmed = np.median(gdp_samples[:, -1], axis=0)
            else:
                crps = crps_gaussian(mean, sd, obs_y).mean()
                med = mean
                pit = special.ndtr((obs_y - mean) / sd)
                z50, z90 = stats.norm.ppf(0.75), stats.norm.ppf(0.95)
                c50 = (np.abs(obs_y - mean) <= z50 * sd).mean()
                c90 = (np.abs(obs_y - mean) <= z90 * sd).mean()
                gmed = mean[-1] + lp_mean[-1]
            out["crps"] = float(crps)
            out["coverage50"] = float(c50)
            out["coverage90"] = float(c90)
            out["cov50_error"] = abs(float(c50) - 0.5)
            out["cov90_error"] = abs(float(c90) - 0.9)
            out["spearman"] = float(stats.spearmanr(med[-1], obs_y[-1]).statistic)
            out["top10_overlap"] = len(set(np.argsort(-gmed)[:top]) & top_obs) / top
            hist, _ = np.histogram(pit.ravel(), bins=10, range=(0, 1))
            for b_, c_ in enumerate(hist):
                pit_rows.append((origin, name, b_, c_ / hist.sum()))
            # events: P(a ahead of b) by year
            if gdp_samples is not None:
                pah = (
                    np.stack(
                        [(gdp_samples[:, :, i] > gdp_samples[:, :, j]).mean(axis=0) for i, j in pa]
                    )
                    if pa
                    else np.empty((0, H))
                )
            else:
                gm = mean + lp_mean
                gs = np.sqrt(2) * sd
                pah = (
                    np.stack([special.ndtr((gm[:, i] - gm[:, j]) / gs[:, i]) for i, j in pa])
                    if pa
                    else np.empty((0, H))
                )
            if pa:
                out["event_brier"] = float(((pah[:, -1] - outcome) ** 2).mean())
            errs = []
            pidx = {p: k for k, p in enumerate(pa)}
            for a_, b_, yr in events:
                k = pidx.get((a_, b_))
                if k is None:
                    continue
                hit = np.flatnonzero(pah[k] >= 0.5)
                pred = int(test[hit[0]]) if len(hit) else end + 1
                errs.append(abs(pred - yr))
            out["event_year_error"] = float(np.median(errs)) if errs else float("nan")
            out["n_events"] = float(len(errs))
        if zprob is not None:
            pz = np.clip(zprob, 1e-4, 1.0)
            pz = pz / pz.sum(axis=-1, keepdims=True)
            onehot = np.eye(3)[obs_zone]
            out["zone_log"] = float(-np.log(np.take_along_axis(pz, obs_zone[..., None], -1)).mean())
            out["zone_brier"] = float(((zprob - onehot) ** 2).sum(axis=-1).mean())
            fb = np.clip((zprob.ravel() * 10).astype(int), 0, 9)
            ob = onehot.ravel()
            for b_ in range(10):
                m_ = fb == b_
                if m_.any():
                    rel_rows.append(
                        (
                            origin,
                            name,
                            b_,
                            float(zprob.ravel()[m_].mean()),
                            float(ob[m_].mean()),
                            int(m_.sum()),
                        )
                    )
        return out

    dev_s = Y - Y.mean(axis=2, keepdims=True)
    zs = _zone_code(dev_s, model.zone_cuts)
    zprob_ens = np.stack([(zs == k).mean(axis=0) for k in range(3)], axis=-1)
    scores = {"ensemble": model_scores("ensemble", samples=Y, zprob=zprob_ens, gdp_samples=Y + LP)}
    if calibrate:
        # the spread factor from an inner backtest on the fit window only (panel <= origin)
        lam, _ = calibrate_spread(panel, origin=origin, first_year=first_year, seed=seed)
        Yc, LPc = simulate_paths(_with_spread(model, lam), horizon=end, members=members, seed=seed)
        zc_ = _zone_code(Yc - Yc.mean(axis=2, keepdims=True), model.zone_cuts)
        zp_c = np.stack([(zc_ == k).mean(axis=0) for k in range(3)], axis=-1)
        scores["ensemble_calibrated"] = model_scores(
            "ensemble_calibrated", samples=Yc, zprob=zp_c, gdp_samples=Yc + LPc
        )
        scores["ensemble_calibrated"]["spread"] = lam
    for name in ("persistence", "own_trend", "shrunk_trend", "beta"):
        mean, sd = bl[name]
        mdev = mean - mean.mean(axis=1, keepdims=True)
        cuts = np.r_[-np.inf, model.zone_cuts, np.inf]
        zp = np.stack(
            [
                special.ndtr((cuts[k + 1] - mdev) / sd) - special.ndtr((cuts[k] - mdev) / sd)
                for k in range(3)
            ],
            axis=-1,
        )
        scores[name] = model_scores(name, mean=mean, sd=sd, zprob=zp)
    scores["markov"] = model_scores("markov", zprob=bl["markov"])
    pers = scores["persistence"]
    for name, sc in scores.items():
        for metric, v in sc.items():
            ref = pers.get(metric, np.nan)
            if metric in _NEG:
                skill = 1 - v / ref if ref and np.isfinite(ref) else np.nan
            elif metric in _POS:
                skill = (v - ref) / (1 - ref) if np.isfinite(ref) and ref < 1 else np.nan
            else:
                skill = np.nan
            res.append((origin, name, metric, float(v), float(skill)))
    return res, pit_rows, rel_rows, model


def _origin_task(origin: int, *, horizon: int, end: int, ly, lp, years, iso, **kw):
    """Scores of one origin (module level, so Dask can ship it)."""
    r, p, rl, _ = _score_origin(ly, lp, years, iso, origin, min(origin + horizon, end), **kw)
    return r, p, rl


def backtest(
    panel: pd.DataFrame,
    *,
    origins: Iterable[int] = (1960, 1970, 1980, 1990, 2000),
    horizon: int = 29,
    end: int | None = None,
    members: int = 500,
    seed: int = 0,
    value: str = "gdppc",
    pop: str = "pop",
    first_year: int | None = None,
    headline: int = 1990,
    top: int = 10,
    pairs_top: int = 15,
    persistence: int = 3,
    progress: Callable[[int, int], None] | None = None,
    mapper: Mapper | None = None,
    calibrate: bool = True,
) -> Backtest:
    r"""Rolling-origin backtest of the ensemble and the baselines.

    At each origin :math:`T` the model and the baselines are fitted on
    ``first_year`` .. :math:`T` only and forecast :math:`T+1 .. \min(T + h, E)`
    (``horizon`` :math:`h`, data end :math:`E` or ``end``). Countries scored are
    those observed at :math:`T-1`, :math:`T` and every test year. See the module
    docstring for the scores; the ``scorecard`` is the ``headline`` origin's
    (fit to 1990, forecast 1991-2019 on data to 2019).

    ``progress(done, n_origins)`` is called after each origin; ``mapper`` (as in
    :func:`project`) scores the origins elsewhere, with identical results.

    With ``calibrate`` the model ``ensemble_calibrated`` is also scored: the same
    fitted model with its shock SDs times the factor that :func:`calibrate_spread`
    picks at that origin from an inner backtest on the years up to the origin
    (its factor is the metric ``spread``). ``ensemble`` stays the fitted model, so
    the scorecard shows the spread before and after calibration.

    Raises
    ------
    WorldsystemError
        An origin outside the data, or with fewer than 5 years after it.
    """
    years, iso, ly, lp = _panel_arrays(panel, value, pop)
    E = int(years.max()) if end is None else int(end)
    if E > years.max():
        raise WorldsystemError(
            "end is after the data", field="end", value=E, hint=f"the data ends in {years.max()}"
        )
    first = int(years.min()) if first_year is None else int(first_year)
    origins = [int(o) for o in origins]
    for o in origins:
        if o - 4 < first or o + 5 > E:
            raise WorldsystemError(
                "an origin needs data before it and at least 5 years after it",
                field="origins",
                value=o,
                hint=f"the data covers {first}-{E}",
            )
    allres, allpit, allrel = [], [], []
    shared = {
        "ly": ly,
        "lp": lp,
        "years": years,
        "iso": iso,
        "horizon": horizon,
        "end": E,
        "members": members,
        "seed": seed,
        "top": top,
        "pairs_top": pairs_top,
        "persistence": persistence,
        "first_year": first,
        "calibrate": bool(calibrate),
    }
    if mapper is None:
        parts = []
        for k, o in enumerate(origins):
            parts.append(_origin_task(o, **shared))
            if progress is not None:
                progress(k + 1, len(origins))
    else:
        parts = mapper(_origin_task, origins, shared)
        if progress is not None:
            progress(len(origins), len(origins))
    for r, p, rl in parts:
        allres += r
        allpit += p
        allrel += rl
    scores = pd.DataFrame(allres, columns=["origin", "model", "metric", "value", "skill"])
    pit = pd.DataFrame(allpit, columns=["origin", "model", "bin", "share"])
    rel = pd.DataFrame(allrel, columns=["origin", "model", "bin", "forecast", "observed", "n"])
    head = scores[scores["origin"] == headline] if headline in origins else scores
    card = head.pivot_table(index="model", columns="metric", values="value", aggfunc="mean")
    sk = head.pivot_table(index="model", columns="metric", values="skill", aggfunc="mean")
    card = card.join(sk.add_suffix("_skill"))
    main = [c for c in ("crps_skill", "zone_brier_skill", "event_brier_skill") if c in card]
    card["beats_persistence"] = (card[main] > 0).all(axis=1) if main else False
    card.loc["persistence", "beats_persistence"] = False
    card = card.reindex([m for m in _MODELS if m in card.index]).reset_index()
    pv = prov.get(panel).with_method(
        "backtest",
        {
            "origins": origins,
            "horizon": horizon,
            "end": E,
            "members": members,
            "seed": seed,
            "first_year": first,
            "headline": headline,
            "persistence": persistence,
            "calibrate": bool(calibrate),
            "spread_grid": list(SPREAD_GRID) if calibrate else None,
            "spread_lags": list(SPREAD_LAGS) if calibrate else None,
        },
        _CITES,
    )
    for f in (scores, pit, rel, card):
        prov.attach(f, pv)
    return Backtest(scores=scores, pit=pit, reliability=rel, scorecard=card)


def _check_positive_int(name: str, value: object) -> None:
    """Raise a one-line error unless ``value`` is an integer >= 1 (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise WorldsystemError(f"{name} must be an integer >= 1", field=name, value=value)
