r"""Markov mobility between zones or income classes over k-year steps.

A country's *state* (a world-system zone from any position method, or an income
class with cut points fixed over a fit window) is observed every ``step`` years;
the transitions of all countries between consecutive observations estimate a
first-order Markov chain :math:`P` (Prais 1955), whose mobility indices,
ergodic distribution, mean first-passage and sojourn times summarise how much
countries move and where the distribution is heading (Quah 1996). Intervals
come from a country-block bootstrap: countries, with all their transitions,
are resampled with replacement, so serial dependence within a country is kept.

The period flows and lasting moves of the position ensemble are
:func:`worldsystem.measures.position.zone_mobility` and
:func:`~worldsystem.measures.position.lasting_moves` (re-exported here);
:func:`transition_matrix` uses the same modal-zone-per-period convention, so its
counts equal the sum of ``zone_mobility``'s over period pairs.

References
----------
Prais, S.J. (1955). Measuring social mobility. *Journal of the Royal Statistical
Society A* 118(1):56-66. doi:10.2307/2342420
Shorrocks, A.F. (1978). The measurement of mobility. *Econometrica*
46(5):1013-1024. doi:10.2307/1911433
Anderson, T.W., Goodman, L.A. (1957). Statistical inference about Markov chains.
*Annals of Mathematical Statistics* 28(1):89-110. doi:10.1214/aoms/1177707039
Kemeny, J.G., Snell, J.L. (1960). *Finite Markov Chains*. Van Nostrand.
Quah, D.T. (1996). Twin peaks: growth and convergence in models of distribution
dynamics. *Economic Journal* 106(437):1045-1055. doi:10.2307/2235377
Kremer, M., Onatski, A., Stock, J. (2001). Searching for prosperity. NBER w8250.
doi:10.3386/w8250
Kendall, M.G. (1938). A new measure of rank correlation. *Biometrika*
30(1/2):81-93. doi:10.1093/biomet/30.1-2.81
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, WorldsystemError
from worldsystem.measures.dynamics._common import (
    _CITE,
    check_frame,
    check_positive_int,
    check_value,
    finish,
)

__all__ = [
    "TransitionMatrix",
    "ergodic_distribution",
    "homogeneity_test",
    "income_bins",
    "mean_first_passage",
    "mobility_indices",
    "mobility_summary",
    "prais",
    "rank_mobility",
    "sojourn_times",
    "transition_matrix",
]

_ZONES = ("core", "semi-periphery", "periphery")


# --------------------------------------------------------------------------- states
def income_bins(
    frame: pd.DataFrame,
    *,
    value: str = "gdppc",
    n_bins: int = 5,
    fit_years: tuple[int, int] | None = None,
    relative: bool = True,
) -> pd.DataFrame:
    r"""Income classes with cut points fixed over a fit window.

    With :math:`r_{it} = \ln(y_{it} / \bar y_t)` (log income relative to the
    unweighted cross-country mean of year :math:`t`; :math:`\ln y_{it}` when
    ``relative=False``), the cut points :math:`c_1 < \dots < c_{K-1}` are the
    :math:`k/K` quantiles of :math:`r` pooled over the years of ``fit_years``,
    and :math:`s_{it} = \#\{k: r_{it} \ge c_k\} + 1`. Fixing the cuts over a fit
    window (instead of re-cutting each year) lets the class shares move.

    Parameters
    ----------
    frame : DataFrame
        ``iso3, year`` and ``value`` (income per person, any currency unit).
    value : str
        Income column.
    n_bins : int
        Number of classes :math:`K` (>= 2).
    fit_years : (int, int), optional
        Inclusive years whose pooled distribution sets the cuts (default all).
    relative : bool
        Cut relative income (default) or log income.

    Returns
    -------
    DataFrame
        ``iso3, year, state`` (``"q1"`` poorest to ``"qK"``), ``log_rel`` (the
        cut variable); ``attrs["cutpoints"]`` holds the cuts and
        ``attrs["states"]`` the labels from the bottom up.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": list("ABCD"), "year": 2000, "gdppc": [1.0, 2, 4, 8]})
    >>> income_bins(f, n_bins=2)["state"].tolist()
    ['q1', 'q1', 'q2', 'q2']
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    k = check_positive_int(n_bins, "n_bins", 2)
    f = frame[["iso3", "year", value]].dropna()
    f = f[f[value] > 0]
    if f.empty:
        raise WorldsystemError("no positive income values", field="value", value=value)
    logy = np.log(f[value].to_numpy(dtype="float64"))
    if relative:
        mean = f.groupby("year")[value].transform("mean").to_numpy(dtype="float64")
        logy = logy - np.log(mean)
    years = f["year"].to_numpy()
    fit = np.ones(len(f), dtype=bool)
    if fit_years is not None:
        fit = (years >= fit_years[0]) & (years <= fit_years[1])
        if not fit.any():
            raise WorldsystemError(
                "no data in the fit window",
                field="fit_years",
                value=fit_years,
                hint=f"the data covers {int(years.min())}-{int(years.max())}",
            )
    cuts = np.quantile(logy[fit], np.arange(1, k) / k)
    code = np.searchsorted(cuts, logy, side="right")
    labels = [f"q{i + 1}" for i in range(k)]
    out = pd.DataFrame(
        {
            "iso3": f["iso3"].to_numpy(),
            "year": years,
            "state": np.asarray(labels, dtype=object)[code],
            "log_rel": logy,
        }
    )
    out.attrs["cutpoints"] = tuple(float(c) for c in cuts)
    out.attrs["states"] = tuple(labels)
    params = {
        "value": value,
        "n_bins": k,
        "fit_years": fit_years,
        "relative": relative,
        "cutpoints": [float(c) for c in cuts],
    }
    return finish(out, [frame], "income_bins", params, _CITE["quah"])


def _default_order(states: pd.Series, given: Sequence[str] | None, attrs_states) -> tuple:
    seen = list(pd.unique(states.dropna()))
    if given is not None:
        order = tuple(given)
        extra = [s for s in seen if s not in order]
        if extra:
            raise WorldsystemError(
                "a state is not in the given order", field="order", value=extra[0]
            )
        return order
    if attrs_states is not None:
        return tuple(attrs_states)
    if set(seen) <= set(_ZONES):
        return _ZONES
    return tuple(sorted(seen))


def _period_states(df: pd.DataFrame, state: str, step: int, aggregate: str) -> pd.DataFrame:
    """One state per country and period: modal (ties: latest year) or point-in-time."""
    d = df[["iso3", "year", state]].dropna()
    if aggregate == "modal":
        d = d.assign(period=(d["year"] // step) * step)
        cnt = d.groupby(["iso3", "period", state], sort=False).agg(
            n=("year", "size"), last=("year", "max")
        )
        cnt = cnt.reset_index().sort_values(["n", "last"], ascending=[False, False])
        return cnt.drop_duplicates(["iso3", "period"])[["iso3", "period", state]]
    if aggregate == "point":
        y0 = int(d["year"].min())
        d = d[(d["year"] - y0) % step == 0]
        return d.rename(columns={"year": "period"})[["iso3", "period", state]]
    raise WorldsystemError(
        "unknown aggregate", field="aggregate", value=aggregate, hint="use modal or point"
    )


# --------------------------------------------------------------------------- the chain
@dataclass(frozen=True, eq=False)
class TransitionMatrix:
    """An estimated Markov chain over ``step``-year steps, with bootstrap intervals.

    Attributes
    ----------
    states : tuple of str
        State labels, in the order of the rows and columns.
    step : int
        Years per step.
    counts, P : DataFrame
        Transition counts :math:`n_{kl}` and probabilities
        :math:`\\hat p_{kl} = n_{kl} / n_k` (rows with no transitions are NaN).
    lo, hi : DataFrame
        Percentile bootstrap interval of :math:`P` at ``level`` (NaN when
        ``n_boot == 0``).
    boot : ndarray
        ``(n_boot, K, K)`` replicate matrices (for intervals of functions of P).
    level, n_boot, seed, aggregate
        Options used.
    n_countries, n_transitions : int
    periods : tuple of int
        The observation periods (first year of each).
    provenance : Provenance
    """

    states: tuple[str, ...]
    step: int
    counts: pd.DataFrame
    P: pd.DataFrame
    lo: pd.DataFrame
    hi: pd.DataFrame
    boot: np.ndarray = field(repr=False)
    level: float
    n_boot: int
    seed: int
    aggregate: str
    n_countries: int
    n_transitions: int
    periods: tuple[int, ...]
    provenance: prov.Provenance = field(repr=False)

    def frame(self) -> pd.DataFrame:
        """Long ``state_from, state_to, count, p, p_lo, p_hi, step`` (with provenance)."""
        k = len(self.states)
        out = pd.DataFrame(
            {
                "state_from": np.repeat(self.states, k),
                "state_to": np.tile(self.states, k),
                "count": self.counts.to_numpy().ravel().astype("int64"),
                "p": self.P.to_numpy().ravel(),
                "p_lo": self.lo.to_numpy().ravel(),
                "p_hi": self.hi.to_numpy().ravel(),
                "step": self.step,
            }
        )
        return prov.attach(out, self.provenance)


def _rows_normalise(c: np.ndarray) -> np.ndarray:
    tot = c.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot > 0, c / np.where(tot > 0, tot, 1.0), np.nan)


def transition_matrix(
    states: pd.DataFrame,
    *,
    state: str = "zone",
    step: int = 5,
    order: Sequence[str] | None = None,
    aggregate: str = "modal",
    n_boot: int = 199,
    level: float = 0.9,
    seed: int = 0,
) -> TransitionMatrix:
    r"""Zone (or class) transition matrix over ``step``-year steps.

    States are taken per period: with ``aggregate="modal"`` the period of year
    :math:`t` is :math:`p = \lfloor t/k \rfloor k` and a country's state is its
    modal state over the period's observed years (ties: the latest year's), as
    in :func:`~worldsystem.measures.position.zone_mobility`; with
    ``"point"`` it is the state observed in years :math:`t_0, t_0+k, \dots`.
    For consecutive periods observed for the same country,

    .. math:: n_{kl} = \#\{(i, p): s_{ip} = k,\ s_{i,p+k} = l\}, \qquad
              \hat p_{kl} = n_{kl} / \textstyle\sum_l n_{kl},

    the maximum-likelihood estimate of a homogeneous first-order chain
    (Anderson & Goodman 1957). The interval is the percentile interval of
    ``n_boot`` country-block bootstrap replicates: countries are drawn with
    replacement (multinomial weights) and each brings all its transitions.

    Parameters
    ----------
    states : DataFrame
        ``iso3, year`` and ``state`` (zones of :func:`~worldsystem.measures.position.positions`
        for one method, or :func:`income_bins`).
    state : str
        State column (``"zone"`` for positions, ``"state"`` for income bins).
    step : int
        Years per step :math:`k` (default 5; Kremer, Onatski & Stock 2001).
    order : sequence of str, optional
        State order (default: the zones top-down, the income classes bottom-up,
        else sorted).
    aggregate : {"modal", "point"}
        Period state rule (see above).
    n_boot : int
        Bootstrap replicates (0: no interval).
    level : float
        Interval level.
    seed : int
        Seed of the bootstrap (``numpy.random.default_rng(seed)``).

    Returns
    -------
    TransitionMatrix

    Raises
    ------
    WorldsystemError
        ``step`` longer than the span of the data, or no country observed in two
        consecutive periods.

    Examples
    --------
    >>> z = pd.DataFrame({"iso3": ["A", "A", "B", "B"], "year": [1990, 1995] * 2,
    ...                   "zone": ["periphery", "semi-periphery", "core", "core"]})
    >>> tm = transition_matrix(z, step=5, n_boot=0)
    >>> float(tm.P.loc["periphery", "semi-periphery"]), float(tm.P.loc["core", "core"])
    (1.0, 1.0)
    """
    check_frame(states, ["iso3", "year", state], name="states")
    step = check_positive_int(step, "step")
    n_boot = check_positive_int(n_boot, "n_boot", 0)
    if not 0 < level < 1:
        raise WorldsystemError("level must be in (0, 1)", field="level", value=level)
    d = states[["iso3", "year", state]].dropna()
    if d.empty:
        raise WorldsystemError("no observed states", field=state, value="all missing")
    span = int(d["year"].max() - d["year"].min())
    if step > span:
        raise WorldsystemError(
            f"step of {step} years is longer than the data ({span} years)",
            field="step",
            value=step,
            hint=f"use a step of at most {span} years or more years of data",
        )
    order_t = _default_order(d[state], order, states.attrs.get("states"))
    k = len(order_t)
    ps = _period_states(d, state, step, aggregate)
    code = {s: i for i, s in enumerate(order_t)}
    ps = ps.assign(code=ps[state].map(code).astype("int64")).sort_values(["iso3", "period"])
    iso = ps["iso3"].to_numpy()
    per = ps["period"].to_numpy()
    cd = ps["code"].to_numpy()
    nxt = (iso[1:] == iso[:-1]) & (per[1:] - per[:-1] == step)
    countries, inv = np.unique(iso, return_inverse=True)
    ci = inv[:-1][nxt]
    fr, to = cd[:-1][nxt], cd[1:][nxt]
    if len(fr) == 0:
        raise WorldsystemError(
            "no country is observed in two consecutive periods",
            field="step",
            value=step,
            hint="use a shorter step or data with more years per country",
        )
    C = np.zeros((len(countries), k, k))
    np.add.at(C, (ci, fr, to), 1.0)
    counts = C.sum(axis=0)
    P = _rows_normalise(counts)
    rng = np.random.default_rng(seed)
    n = len(countries)
    if n_boot > 0:
        w = rng.multinomial(n, np.full(n, 1.0 / n), size=n_boot).astype("float64")
        boot = _rows_normalise(np.einsum("bn,nkl->bkl", w, C))
        a = (1 - level) / 2
        with np.errstate(invalid="ignore"):
            lo = np.nanquantile(boot, a, axis=0) if np.isfinite(boot).any() else P * np.nan
            hi = np.nanquantile(boot, 1 - a, axis=0) if np.isfinite(boot).any() else P * np.nan
    else:
        boot = np.empty((0, k, k))
        lo = hi = np.full((k, k), np.nan)
    lab = pd.Index(order_t, name="state_from")
    col = pd.Index(order_t, name="state_to")
    params = {
        "state": state,
        "step": step,
        "order": list(order_t),
        "aggregate": aggregate,
        "n_boot": n_boot,
        "level": level,
        "seed": seed,
    }
    pv = prov.get(states).with_method("transition_matrix", params, _CITE["markov"])
    return TransitionMatrix(
        states=order_t,
        step=step,
        counts=pd.DataFrame(counts.astype("int64"), index=lab, columns=col),
        P=pd.DataFrame(P, index=lab, columns=col),
        lo=pd.DataFrame(lo, index=lab, columns=col),
        hi=pd.DataFrame(hi, index=lab, columns=col),
        boot=boot,
        level=level,
        n_boot=n_boot,
        seed=seed,
        aggregate=aggregate,
        n_countries=len(np.unique(ci)),
        n_transitions=len(fr),
        periods=tuple(int(p) for p in np.unique(per)),
        provenance=pv,
    )


# --------------------------------------------------------------------------- indices
def _as_P(P) -> tuple[np.ndarray, tuple | None]:
    if isinstance(P, TransitionMatrix):
        return P.P.to_numpy(dtype="float64"), P.states
    if isinstance(P, pd.DataFrame):
        return P.to_numpy(dtype="float64"), tuple(P.index)
    a = np.asarray(P, dtype="float64")
    if a.ndim < 2 or a.shape[-1] != a.shape[-2]:
        raise WorldsystemError("P must be a square matrix", field="P", value=a.shape)
    return a, None


def _check_stochastic(a: np.ndarray) -> None:
    if np.isnan(a).any():
        return
    if (a < -1e-12).any() or not np.allclose(a.sum(axis=-1), 1.0, atol=1e-8):
        raise WorldsystemError(
            "P is not row-stochastic (non-negative rows summing to 1)",
            field="P",
            value=np.round(a.sum(axis=-1), 6).tolist(),
        )


def _eig_sorted(a: np.ndarray) -> np.ndarray:
    """Eigenvalue moduli in decreasing order (stacked)."""
    return -np.sort(-np.abs(np.linalg.eigvals(a)), axis=-1)


def _indices_arr(a: np.ndarray) -> dict[str, np.ndarray]:
    """Shorrocks, determinant and second-eigenvalue indices of (stacked) chains."""
    k = a.shape[-1]
    out = {
        "shorrocks": (k - np.trace(a, axis1=-2, axis2=-1)) / (k - 1),
        "determinant": np.full(a.shape[:-2], np.nan),
        "second_eigenvalue": np.full(a.shape[:-2], np.nan),
    }
    ok = ~np.isnan(a).any(axis=(-2, -1))
    if ok.any():
        good = a[ok]
        out["determinant"][ok] = 1.0 - np.abs(np.linalg.det(good))
        out["second_eigenvalue"][ok] = _eig_sorted(good)[..., 1]
    return out


def mobility_indices(P) -> pd.Series:
    r"""Summary mobility indices of a transition matrix.

    .. math::

        M_S = \frac{K - \operatorname{tr} P}{K - 1}, \qquad
        M_D = 1 - |\det P|, \qquad
        |\lambda_2| \text{ (second largest eigenvalue modulus)}

    (Shorrocks 1978). :math:`M_S` and :math:`M_D` are 0 for the identity
    (no mobility); :math:`|\lambda_2|` governs the speed of convergence to the
    ergodic distribution (:math:`1 - |\lambda_2|` is an index in the same
    direction as the others).

    Parameters
    ----------
    P : array, DataFrame or TransitionMatrix
        Row-stochastic :math:`K \times K` matrix.

    Returns
    -------
    Series
        ``shorrocks, determinant, second_eigenvalue, half_life_steps``
        (:math:`\ln 2 / -\ln|\lambda_2|`, steps for a deviation from the ergodic
        distribution to halve).

    Examples
    --------
    >>> mobility_indices([[0.8, 0.2], [0.4, 0.6]]).round(3).tolist()
    [0.6, 0.6, 0.4, 0.756]
    """
    a, _ = _as_P(P)
    _check_stochastic(a)
    ix = {k: float(v) for k, v in _indices_arr(a).items()}
    l2 = ix["second_eigenvalue"]
    ix["half_life_steps"] = float(np.log(2) / -np.log(l2)) if 0 < l2 < 1 else float("nan")
    return pd.Series(ix, name="value")


def prais(P) -> pd.Series:
    r"""Prais (1955) mobility of each state: :math:`1 - p_{kk}`, the probability of
    leaving it in one step.

    Examples
    --------
    >>> prais([[0.8, 0.2], [0.4, 0.6]]).round(2).tolist()
    [0.2, 0.4]
    """
    a, st = _as_P(P)
    _check_stochastic(a)
    return pd.Series(1.0 - np.diag(a), index=st, name="prais")


def _ergodic_arr(a: np.ndarray) -> np.ndarray:
    """Left unit eigenvector(s), normalised to sum 1 (NaN for NaN chains)."""
    a = np.asarray(a, dtype="float64")
    single = a.ndim == 2
    st = a[None] if single else a
    out = np.full(st.shape[:-1], np.nan)
    ok = ~np.isnan(st).any(axis=(-2, -1))
    if ok.any():
        w, v = np.linalg.eig(np.swapaxes(st[ok], -1, -2))
        idx = np.argmin(np.abs(w - 1.0), axis=-1)
        vec = np.real(np.take_along_axis(v, idx[:, None, None], axis=-1)[..., 0])
        vec = vec / vec.sum(axis=-1, keepdims=True)
        out[ok] = np.clip(vec, 0.0, None)
    return out[0] if single else out


def ergodic_distribution(P) -> pd.Series:
    r"""The ergodic (steady-state) distribution :math:`\pi = \pi P`, :math:`\sum \pi = 1`.

    The left eigenvector of :math:`P` for the eigenvalue 1. For a chain with
    more than one closed class it is not unique; the one returned is the
    eigenvector numerically closest to 1 (check :func:`mobility_indices`:
    :math:`|\lambda_2| = 1` flags it).

    Examples
    --------
    >>> ergodic_distribution([[0.8, 0.2], [0.4, 0.6]]).round(4).tolist()
    [0.6667, 0.3333]
    """
    a, st = _as_P(P)
    _check_stochastic(a)
    if np.isnan(a).any():
        raise ModelError(
            "P has a state with no transitions; the ergodic distribution is undefined",
            field="P",
            value=[s for s, r in zip(st or range(len(a)), a, strict=True) if np.isnan(r).any()],
        )
    return pd.Series(_ergodic_arr(a), index=st, name="ergodic")


def mean_first_passage(P) -> pd.DataFrame:
    r"""Mean first-passage times :math:`m_{ij}` (steps) of an ergodic chain.

    With :math:`\pi` the ergodic distribution and the fundamental matrix
    :math:`Z = (I - P + \mathbf 1 \pi^\top)^{-1}` (Kemeny & Snell 1960, thm 4.4.7),

    .. math:: m_{ij} = \frac{z_{jj} - z_{ij}}{\pi_j} \quad (i \ne j), \qquad
              m_{ii} = \frac{1}{\pi_i} \text{ (mean recurrence time)}.

    Multiply by the step length for years.

    Raises
    ------
    ModelError
        The chain is not ergodic (some :math:`\pi_j = 0`).

    Examples
    --------
    >>> mean_first_passage([[0.8, 0.2], [0.4, 0.6]]).round(2).values.tolist()
    [[1.5, 5.0], [2.5, 3.0]]
    """
    a, st = _as_P(P)
    pi = ergodic_distribution(P).to_numpy()
    if (pi <= 1e-12).any():
        raise ModelError(
            "the chain is not ergodic: a state has zero steady-state probability",
            field="P",
            value=np.round(pi, 6).tolist(),
            hint="merge states or use a longer sample",
        )
    k = len(pi)
    Z = np.linalg.inv(np.eye(k) - a + np.outer(np.ones(k), pi))
    M = (np.diag(Z)[None, :] - Z) / pi[None, :]
    M[np.diag_indices(k)] = 1.0 / pi
    return pd.DataFrame(M, index=st, columns=st)


def sojourn_times(P) -> pd.Series:
    r"""Expected sojourn time in each state, :math:`1 / (1 - p_{kk})` steps
    (infinite for an absorbing state).

    Examples
    --------
    >>> sojourn_times([[0.8, 0.2], [0.4, 0.6]]).round(2).tolist()
    [5.0, 2.5]
    """
    a, st = _as_P(P)
    _check_stochastic(a)
    d = np.diag(a)
    with np.errstate(divide="ignore"):
        return pd.Series(np.where(d < 1, 1.0 / (1.0 - d), np.inf), index=st, name="sojourn")


def mobility_summary(tm: TransitionMatrix) -> pd.DataFrame:
    """Every index of a :class:`TransitionMatrix` with its bootstrap interval.

    Rows: ``shorrocks``, ``determinant``, ``second_eigenvalue`` (state ``""``);
    ``prais``, ``ergodic``, ``sojourn_years`` (sojourn time times the step) per
    state; columns ``statistic, state, value, lo, hi, step``. Intervals are the
    percentile intervals of the statistic over the bootstrap replicates of P
    (NaN without replicates).

    Examples
    --------
    >>> z = pd.DataFrame({"iso3": list("AABBCC"), "year": [1990, 1995] * 3,
    ...                   "state": ["lo", "lo", "hi", "hi", "hi", "lo"]})
    >>> s = mobility_summary(transition_matrix(z, state="state", n_boot=0))
    >>> float(s.query("statistic == 'shorrocks'")["value"].iloc[0])
    0.5
    """
    a = tm.P.to_numpy()
    k = len(tm.states)
    rows = []
    q = ((1 - tm.level) / 2, 1 - (1 - tm.level) / 2)
    bo = tm.boot
    point = _indices_arr(a)
    bix = _indices_arr(bo) if len(bo) else None

    def interval(x):
        x = np.asarray(x, dtype="float64")
        x = x[np.isfinite(x)]
        return (np.nan, np.nan) if len(x) == 0 else tuple(np.quantile(x, q))

    for name in ("shorrocks", "determinant", "second_eigenvalue"):
        lo, hi = interval(bix[name]) if bix is not None else (np.nan, np.nan)
        rows.append((name, "", float(point[name]), lo, hi))
    diag_b = np.diagonal(bo, axis1=1, axis2=2) if len(bo) else None
    erg = _ergodic_arr(a) if not np.isnan(a).any() else np.full(k, np.nan)
    erg_b = _ergodic_arr(bo) if len(bo) else None
    with np.errstate(divide="ignore"):
        soj = np.where(np.diag(a) < 1, tm.step / (1 - np.diag(a)), np.inf)
    for j, s in enumerate(tm.states):
        pr = interval(1 - diag_b[:, j]) if diag_b is not None else (np.nan, np.nan)
        rows.append(("prais", s, float(1 - a[j, j]), *pr))
        er = interval(erg_b[:, j]) if erg_b is not None else (np.nan, np.nan)
        rows.append(("ergodic", s, float(erg[j]), *er))
        if diag_b is not None:
            with np.errstate(divide="ignore"):
                sb = interval(np.where(diag_b[:, j] < 1, tm.step / (1 - diag_b[:, j]), np.nan))
        else:
            sb = (np.nan, np.nan)
        rows.append(("sojourn_years", s, float(soj[j]), *sb))
    out = pd.DataFrame(rows, columns=["statistic", "state", "value", "lo", "hi"])
    out["step"] = tm.step
    return prov.attach(
        out, tm.provenance.with_method("mobility_summary", {"level": tm.level}, _CITE["markov"])
    )


# --------------------------------------------------------------------------- tests
def homogeneity_test(matrices: Sequence[TransitionMatrix]) -> pd.Series:
    r"""Are the chains of several periods the same? (Anderson & Goodman 1957)

    With counts :math:`n^g_{kl}` in period :math:`g`, row totals :math:`n^g_k`,
    period estimates :math:`\hat p^g_{kl}` and the pooled :math:`\hat p_{kl}`,

    .. math::

        LR = 2 \sum_g \sum_{k,l} n^g_{kl} \ln \frac{\hat p^g_{kl}}{\hat p_{kl}},
        \qquad
        Q = \sum_g \sum_k n^g_k \sum_l \frac{(\hat p^g_{kl} - \hat p_{kl})^2}{\hat p_{kl}},

    both asymptotically :math:`\chi^2` with
    :math:`\sum_k (G_k - 1)(L_k - 1)` degrees of freedom, where :math:`G_k` is
    the number of periods with transitions out of :math:`k` and :math:`L_k`
    the number of positive pooled :math:`\hat p_{kl}` (Bickenbach & Bode 2003,
    *International Regional Science Review* 26(3), doi:10.1177/0160017603253789).

    Returns
    -------
    Series
        ``lr, chi2, df, lr_p, chi2_p, n_periods``.

    Examples
    --------
    >>> z = pd.DataFrame({"iso3": list("AABB"), "year": [1990, 1995] * 2,
    ...                   "zone": ["core", "core", "periphery", "core"]})
    >>> tm = transition_matrix(z, n_boot=0)
    >>> float(homogeneity_test([tm, tm])["lr"])
    0.0
    """
    if len(matrices) < 2:
        raise WorldsystemError(
            "the homogeneity test needs at least two periods",
            field="matrices",
            value=len(matrices),
        )
    st = matrices[0].states
    if any(m.states != st for m in matrices):
        raise WorldsystemError(
            "the matrices have different states", field="states", value=[m.states for m in matrices]
        )
    N = np.stack([m.counts.to_numpy(dtype="float64") for m in matrices])  # (G, K, K)
    pooled = _rows_normalise(N.sum(axis=0))
    Pg = _rows_normalise(N)
    lr = 0.0
    q = 0.0
    df = 0
    for k in range(len(st)):
        rows_g = N[:, k, :].sum(axis=1) > 0
        pos = np.nan_to_num(pooled[k]) > 0
        G_k, L_k = int(rows_g.sum()), int(pos.sum())
        df += max(G_k - 1, 0) * max(L_k - 1, 0)
        for g in np.flatnonzero(rows_g):
            n = N[g, k, pos]
            pg = Pg[g, k, pos]
            pp = pooled[k, pos]
            m = n > 0
            lr += 2.0 * float((n[m] * np.log(pg[m] / pp[m])).sum())
            q += float(N[g, k].sum() * ((pg - pp) ** 2 / pp).sum())
    out = pd.Series(
        {
            "lr": lr,
            "chi2": q,
            "df": float(df),
            "lr_p": float(stats.chi2.sf(lr, df)) if df > 0 else float("nan"),
            "chi2_p": float(stats.chi2.sf(q, df)) if df > 0 else float("nan"),
            "n_periods": float(len(matrices)),
        },
        name="homogeneity",
    )
    return out


def rank_mobility(frame: pd.DataFrame, *, value: str = "gdppc", step: int = 5) -> pd.DataFrame:
    r"""Kendall's rank correlation between the values of years :math:`t` and :math:`t+k`.

    For the countries observed in both years, :math:`\tau_b` (Kendall 1938,
    with the tie correction); rank mobility is :math:`1 - \tau` (0: the ranking
    did not change). Years are :math:`t_0, t_0 + k, \dots` from the first year.

    Returns
    -------
    DataFrame
        ``year_from, year_to, n, tau, p_value, rank_mobility``.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": list("ABCABC"), "year": [2000] * 3 + [2005] * 3,
    ...                   "gdppc": [1.0, 2, 3, 1, 3, 2]})
    >>> round(float(rank_mobility(f)["tau"].iloc[0]), 4)
    0.3333
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    step = check_positive_int(step, "step")
    from worldsystem.measures.dynamics._common import wide

    w = wide(frame, value)
    years = w.index.to_numpy()
    if len(years) == 0 or years.max() - years.min() < step:
        raise WorldsystemError(
            f"step of {step} years is longer than the data",
            field="step",
            value=step,
            hint=f"the data covers {len(years)} year(s)",
        )
    rows = []
    for t in range(int(years.min()), int(years.max()) - step + 1, step):
        if t not in w.index or t + step not in w.index:
            continue
        both = w.loc[[t, t + step]].dropna(axis=1)
        n = both.shape[1]
        if n < 2:
            rows.append((t, t + step, n, np.nan, np.nan))
            continue
        tau, p = stats.kendalltau(both.iloc[0].to_numpy(), both.iloc[1].to_numpy())
        rows.append((t, t + step, n, float(tau), float(p)))
    out = pd.DataFrame(rows, columns=["year_from", "year_to", "n", "tau", "p_value"])
    out["rank_mobility"] = 1.0 - out["tau"]
    return finish(out, [frame], "rank_mobility", {"value": value, "step": step}, ("kendall_1938",))
