"""Variational EM for a dynamic three-category ordinal item-response model.

Private numerical kernel behind :func:`worldsystem.measures.blocs.ideal_points`.
Arrays in, arrays out; no pandas. The model and the algorithm are documented in
the public function's docstring; this module only carries the maths.

Model (one row ``n`` per vote of country-session ``k`` on item ``j``)::

    z*_n ~ N(alpha_j + beta_j * x_k, sigma_j^2)
    y_n = 0 (no) if z*_n < 0, 1 (abstain) if 0 <= z*_n < 1, 2 (yes) if z*_n >= 1
    p(x_{c,.}) propto prod_t N(x_{c,t}; x_{c,t-1}, omega2) * prod_t N(x_{c,t}; 0, unit_var)
        (a random walk over a country's sessions times a N(0, unit_var) prior on
        every country-session; with unit_var=None only the first session has a
        N(0, prior_var_x) prior, the plain random walk)
    (alpha_j, beta_j) ~ N(0, prior_var_item * I),  sigma_j^2 ~ InvGamma(a0, b0)

This is the three-category parametrisation of Imai, Lo & Olmsted (2016), in which
the cutpoints are 0 and 1 and the item-specific error variance carries the width
of the abstention band. The variational family is
q(z*) q(x) q(alpha, beta) with q(x) a Gaussian Markov chain per country
(Kalman filter and Rauch-Tung-Striebel smoother), and sigma_j^2 is a point
estimate (its posterior mode), so the algorithm is a variational EM.

:func:`laplace_var` gives the posterior variances used as standard errors: the
same Gaussian Markov chain, but with the expected Fisher information of each
ordered-probit vote at the estimate as precision (the variational q(x) has a
precision sum_j E[beta_j^2]/sigma_j^2 that ignores how each vote was cast, so it is
the same for every country voting on the same items).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from scipy.special import erfcx, log_ndtr, ndtr

from worldsystem.core import progress

_SQRT2 = np.sqrt(2.0)
_SQRT2_OVER_PI = np.sqrt(2.0 / np.pi)
_INV_SQRT_2PI = 1.0 / np.sqrt(2.0 * np.pi)


def _phi(x: np.ndarray) -> np.ndarray:
    with np.errstate(over="ignore", under="ignore"):
        return _INV_SQRT_2PI * np.exp(-0.5 * x * x)


def _mills_lower(x: np.ndarray) -> np.ndarray:
    """phi(x) / Phi(x), stable for very negative x (inf at -inf)."""
    with np.errstate(over="ignore", divide="ignore"):
        return _SQRT2_OVER_PI / erfcx(-x / _SQRT2)


def truncnorm_moments(lo: np.ndarray, hi: np.ndarray) -> tuple[np.ndarray, ...]:
    """Mean, variance and log mass of a standard normal truncated to ``[lo, hi]``.

    Stable in the tails: intervals lying wholly above zero are reflected, and
    intervals wholly below zero are normalised by ``Phi(hi)`` using the scaled
    complementary error function.
    """
    lo = np.asarray(lo, dtype=float)
    hi = np.asarray(hi, dtype=float)
    flip = lo > 0.0
    l_ = np.where(flip, -hi, lo)
    u_ = np.where(flip, -lo, hi)
    mean = np.empty_like(l_)
    var = np.empty_like(l_)
    logz = np.empty_like(l_)

    # Interval straddles zero: direct formulas are accurate.
    s = u_ >= 0.0
    if s.any():
        ls, us = l_[s], u_[s]
        z = ndtr(us) - ndtr(ls)
        pl, pu = _phi(ls), _phi(us)
        with np.errstate(invalid="ignore"):
            lpl = np.where(np.isfinite(ls), ls * pl, 0.0)
            upu = np.where(np.isfinite(us), us * pu, 0.0)
        m = (pl - pu) / z
        mean[s] = m
        var[s] = 1.0 + (lpl - upu) / z - m * m
        logz[s] = np.log(z)
    # Interval wholly below zero: divide through by Phi(hi).
    t = ~s
    if t.any():
        lt, ut = l_[t], u_[t]
        ll, lu = log_ndtr(lt), log_ndtr(ut)
        with np.errstate(over="ignore", invalid="ignore"):
            r = np.exp(ll - lu)  # Phi(lo) / Phi(hi), 0 at lo = -inf
            one_minus_r = -np.expm1(ll - lu)
            finite_l = np.isfinite(lt)
            rl = np.where(finite_l, _mills_lower(np.where(finite_l, lt, 0.0)) * r, 0.0)
            lrl = np.where(finite_l, lt * rl, 0.0)
            mu = _mills_lower(ut)
            m = (rl - mu) / one_minus_r
            v = 1.0 + (lrl - ut * mu) / one_minus_r - m * m
        bad = ~np.isfinite(m) | ~np.isfinite(v) | (v <= 0.0)
        if bad.any():  # extremely narrow and deep: the truncated law is ~ uniform
            m = np.where(bad, 0.5 * (lt + ut), m)
            v = np.where(bad, (ut - lt) ** 2 / 12.0, v)
        mean[t] = np.clip(m, lt, ut)
        var[t] = np.maximum(v, 1e-12)
        with np.errstate(divide="ignore"):
            logz[t] = lu + np.log(np.maximum(one_minus_r, 1e-300))
    mean = np.where(flip, -mean, mean)
    var = np.maximum(var, 1e-12)
    return mean, var, logz


@dataclass
class IRTResult:
    """Raw output of :func:`fit`: unit (country-session) and item arrays."""

    x_mean: np.ndarray
    x_var: np.ndarray
    alpha: np.ndarray
    beta: np.ndarray
    item_cov: np.ndarray  # (J, 3): var alpha, cov alpha-beta, var beta
    sigma2: np.ndarray
    iterations: int
    converged: bool
    omega2: float = float("nan")  # random-walk variance used (estimated or given)
    omega2_country: np.ndarray | None = None  # one per country with omega2_by="country"
    loglik_trace: list[float] = field(default_factory=list)
    change_trace: list[float] = field(default_factory=list)


_LO = np.array([-np.inf, 0.0, 1.0])
_HI = np.array([0.0, 1.0, np.inf])


_DIFFUSE = 1e8

#: Smallest estimated random-walk variance (keeps the smoother's gain defined).
_OMEGA2_FLOOR = 1e-6


def _kalman(
    h: np.ndarray,
    g: np.ndarray,
    observed: np.ndarray,
    omega2: float | np.ndarray,
    prior_var: float,
    unit_var: float | None = None,
    *,
    increments: bool = False,
    per_country: bool = False,
) -> tuple[np.ndarray, ...]:
    """Smoothed means and variances of a Gaussian random walk per row.

    ``h[c, t]`` is the precision and ``g[c, t] / h[c, t]`` the value of a Gaussian
    pseudo-observation of ``x[c, t]``; ``observed`` marks cells with data. Without
    ``unit_var`` a country's chain starts at its first observed session with
    N(0, prior_var); with ``unit_var`` every observed cell also carries a
    N(0, unit_var) prior (a pseudo-observation 0 with precision 1/unit_var) and the
    chain starts diffuse.

    With ``increments=True`` also returns the sum over every country's transitions
    ``t -> t+1`` between its first and last observed session of the smoothed
    :math:`E[(x_{t+1} - x_t)^2] = (m_{t+1} - m_t)^2 + P_{t+1} + P_t - 2 J_t P_{t+1}`
    (:math:`J_t` the smoother gain, :math:`J_t P_{t+1}` the lag-one covariance of
    the Rauch-Tung-Striebel smoother), and the number of such transitions: the
    sufficient statistics of the M-step for ``omega2``. With ``per_country=True``
    these two are arrays with one entry per row (country) instead of totals.

    ``omega2`` is one random-walk variance for every row, or an array with one
    per row.
    """
    omega2 = np.asarray(omega2, dtype=float)
    if omega2.ndim:
        omega2 = np.broadcast_to(omega2, (h.shape[0],))
    if unit_var is not None:
        h = h + observed / unit_var
        prior_var = _DIFFUSE
    n_c, n_t = h.shape
    mf = np.zeros((n_c, n_t))
    pf = np.zeros((n_c, n_t))
    pp = np.zeros((n_c, n_t))
    seen = np.zeros(n_c, dtype=bool)
    m_prev = np.zeros(n_c)
    p_prev = np.full(n_c, prior_var)
    for t in range(n_t):
        m_pred = np.where(seen, m_prev, 0.0)
        p_pred = np.where(seen, p_prev + omega2, prior_var)
        p_post = 1.0 / (1.0 / p_pred + h[:, t])
        m_post = p_post * (m_pred / p_pred + g[:, t])
        mf[:, t], pf[:, t], pp[:, t] = m_post, p_post, p_pred
        seen = seen | observed[:, t]
        m_prev, p_prev = m_post, p_post
    ms = mf.copy()
    ps = pf.copy()
    seen_through = np.cumsum(observed, axis=1) > 0
    # a transition t -> t+1 counts while the country has data at or after t+1
    seen_after = np.cumsum(observed[:, ::-1], axis=1)[:, ::-1] > 0
    inc_sum = np.zeros(n_c)
    inc_n = np.zeros(n_c, dtype=np.int64)
    for t in range(n_t - 2, -1, -1):
        linked = seen_through[:, t]
        denom = pf[:, t] + omega2
        gain = np.where(linked & (denom > 0), pf[:, t] / np.where(denom > 0, denom, 1.0), 0.0)
        ms[:, t] = mf[:, t] + gain * (ms[:, t + 1] - mf[:, t])
        ps[:, t] = pf[:, t] + gain * gain * (ps[:, t + 1] - pp[:, t + 1])
        if increments:
            step = linked & seen_after[:, t + 1]
            d2 = (ms[:, t + 1] - ms[:, t]) ** 2
            d2 += ps[:, t + 1] + ps[:, t] - 2.0 * gain * ps[:, t + 1]
            inc_sum += np.where(step, np.maximum(d2, 0.0), 0.0)
            inc_n += step
    if increments:
        if per_country:
            return ms, np.maximum(ps, 1e-12), inc_sum, inc_n
        return ms, np.maximum(ps, 1e-12), float(inc_sum.sum()), int(inc_n.sum())
    return ms, np.maximum(ps, 1e-12)


def _steps(observed: np.ndarray) -> np.ndarray:
    """``(C, T-1)`` mask of the transitions ``t -> t+1`` that :func:`_kalman` counts.

    Those between a country's first and last observed session.
    """
    seen_through = np.cumsum(observed, axis=1) > 0
    seen_after = np.cumsum(observed[:, ::-1], axis=1)[:, ::-1] > 0
    return seen_through[:, :-1] & seen_after[:, 1:]


def increment_stats(
    ms: np.ndarray,
    h_cov: np.ndarray,
    observed: np.ndarray,
    omega2: float | np.ndarray,
    prior_var: float,
    unit_var: float | None = None,
    *,
    prior_norm: bool = False,
) -> tuple[np.ndarray, np.ndarray]:
    r"""Per-country sufficient statistics of the M-step for ``omega2``.

    Returns ``(S, n)``: ``S[c]`` is the sum over country ``c``'s transitions of
    :math:`E[(x_{t+1} - x_t)^2] = (m_{t+1} - m_t)^2 + \operatorname{Var}(x_{t+1} - x_t)`,
    with the means ``ms`` (``(C, T)``) given and the variances those of the
    Gaussian random walk smoothed with precisions ``h_cov`` (exact RTS smoother,
    lag-one covariance :math:`J_t P_{t+1}`). ``n[c]`` is the number of
    transitions, or with ``prior_norm=True`` (only meaningful with ``unit_var``)
    the *effective* number

    .. math:: n_c = \frac{1}{\omega^2} \sum_t E_\text{prior}[(x_{t+1} - x_t)^2]
              = \operatorname{tr}\big((D + \omega^2 U)^{-1} D\big),

    the prior (no votes) expected squared steps in units of :math:`\omega^2`
    (:math:`D` the random-walk difference precision, :math:`U` the per-session
    prior precision). Then :math:`\omega^2 \leftarrow S/n` is the fixed-point
    form of the exact M-step of the normalised prior :math:`p(x) \propto
    \prod_t N(x_t; x_{t-1}, \omega^2) \prod_t N(x_t; 0, \text{unit\_var})`,
    whose log normaliser :math:`\tfrac12 \log\det(D/\omega^2 + U)` gives the
    stationarity condition :math:`\sum_t E[\Delta_t^2] =
    \sum_t E_\text{prior}[\Delta_t^2]`. Without ``unit_var`` every transition
    has prior expected square :math:`\omega^2` and both forms agree.
    """
    zeros = np.zeros_like(h_cov)
    _ms0, _ps, var_sum, n_tr = _kalman(
        h_cov, zeros, observed, omega2, prior_var, unit_var, increments=True, per_country=True
    )
    step = _steps(observed)
    d2 = np.where(step, np.diff(ms, axis=1) ** 2, 0.0).sum(axis=1)
    s = d2 + var_sum
    if not prior_norm or unit_var is None:
        return s, n_tr.astype(float)
    _m, _p, prior_sum, _n = _kalman(
        zeros, zeros, observed, omega2, prior_var, unit_var, increments=True, per_country=True
    )
    w = np.broadcast_to(np.asarray(omega2, dtype=float), (ms.shape[0],))
    return s, prior_sum / w


def omega2_mstep(
    inc_sum: np.ndarray, inc_n: np.ndarray, prior_n: float | None = None
) -> np.ndarray:
    r"""M-step of the random-walk variance from per-country increment statistics.

    ``inc_sum[c]`` is the sum over country ``c``'s transitions of the smoothed
    :math:`E[(x_{t+1} - x_t)^2]`, ``inc_n[c]`` their number. ``prior_n=None``:
    one variance for all, :math:`\bar\omega^2 = \sum_c S_c / \sum_c n_c`
    (returned as a length-1 array). Otherwise one per country, shrunk to the
    pooled value: with a scaled-inverse-chi-squared prior
    :math:`\omega_c^2 \sim \text{Scale-inv-}\chi^2(\nu_0, \bar\omega^2)` (``prior_n``
    = :math:`\nu_0` pseudo-transitions of mean square :math:`\bar\omega^2`) and
    :math:`n_c` Gaussian steps of expected square sum :math:`S_c`, the posterior is
    :math:`\text{Scale-inv-}\chi^2(\nu_0 + n_c, \omega_c^2)` with scale

    .. math:: \omega_c^2 = \frac{\nu_0 \bar\omega^2 + S_c}{\nu_0 + n_c},

    which is what is returned (the posterior mode would divide by
    :math:`\nu_0 + n_c + 2`). A country with no transition gets
    :math:`\bar\omega^2` and one with many gets close to its own mean squared
    step. :math:`\bar\omega^2` is itself estimated from all countries (an
    empirical-Bayes plug-in), so the iteration using it is a generalised EM,
    not the exact EM of a fixed model.
    """
    inc_sum = np.asarray(inc_sum, dtype=float)
    inc_n = np.asarray(inc_n, dtype=float)
    total = float(inc_n.sum())
    pooled = float(inc_sum.sum()) / total if total > 0 else float("nan")
    if prior_n is None:
        return np.array([pooled])
    if not (np.isfinite(prior_n) and prior_n > 0):
        raise ValueError(f"omega2_prior_n must be a positive number, not {prior_n!r}")
    return (prior_n * pooled + inc_sum) / (prior_n + inc_n)


def fit(
    y: np.ndarray,
    unit: np.ndarray,
    item: np.ndarray,
    unit_country: np.ndarray,
    unit_time: np.ndarray,
    *,
    x_init: np.ndarray,
    omega2: float | np.ndarray | None,
    prior_var_x: float = 1.0,
    unit_var: float | None = None,
    prior_var_item: float = 25.0,
    prior_var_alpha: float | None = None,
    item_prior: str = "fixed",
    omega2_init: float = 0.1,
    omega2_by: str = "pooled",
    omega2_prior_n: float = 10.0,
    omega2_cov: str = "variational",
    omega2_prior_norm: bool = False,
    unit_centre: str = "zero",
    sigma_prior: tuple[float, float] = (1.0, 1.0),
    max_iter: int = 500,
    tol: float = 1e-4,
    tol_corr: float = 0.0,
    normalise: bool = False,
    accelerate: bool = False,
    trace_every: int = 10,
    warm: IRTResult | None = None,
    fast: bool = True,
) -> IRTResult:
    r"""Variational EM; see the module docstring for the model.

    ``y`` in {0, 1, 2}; ``unit`` indexes country-sessions (``0..K-1``), whose
    country and time position are ``unit_country`` and ``unit_time``; ``item``
    indexes items (``0..J-1``). Convergence: the largest absolute change of an
    ideal-point mean between iterations is below ``tol`` (or, if ``tol_corr`` > 0,
    one minus the correlation of successive ideal-point vectors is below it).
    ``accelerate`` applies SQUAREM extrapolation (Varadhan & Roland 2008) to the EM
    map; ``max_iter`` counts EM-map evaluations, and ``iterations`` reports them.

    ``omega2=None`` estimates the random-walk variance: its M-step is the mean over
    all transitions of the smoothed expected squared increment (:func:`_kalman`),
    started at ``omega2_init`` and extrapolated by SQUAREM with the other
    parameters (on the log scale). With ``normalise`` the increments are taken in
    the normalised metric.

    ``omega2_cov="observed"``: the increment variances of that M-step come from
    the random walk smoothed with the observed information of the votes,
    :math:`\sum_j (E[\beta_j^2] - \beta_j^2 V_j)/\sigma_j^2` per unit (complete
    minus missing information of :math:`z^*`, Louis 1982; :math:`V_j` the
    standardised truncated-normal variance), the curvature of the ordered-probit
    log-likelihood, instead of the complete-data precision of q(x), which the
    mean-field factorisation overstates (:func:`increment_stats`; a Laplace
    E-step). ``omega2_prior_norm``: count the transitions as the prior expected
    squared steps in units of omega2 (the normalised-prior reading of
    ``unit_var``; :func:`increment_stats`). ``unit_centre="session"``: the
    ``unit_var`` prior of a unit is centred at its session's mean of the current
    means (the M-step of a per-session mean) instead of 0.
    ``prior_var_alpha``: the prior variance of :math:`\alpha_j` if it differs from
    ``prior_var_item`` (``inf``: flat; with ``item_prior="scaled"`` it is then
    scaled by :math:`\sigma_j^2` as well).

    ``item_prior``: ``"fixed"`` puts :math:`(\alpha_j, \beta_j) \sim N(0,
    \text{prior\_var\_item}\, I)`; ``"scaled"`` is the conjugate prior
    :math:`(\alpha_j, \beta_j) \mid \sigma_j^2 \sim N(0, \sigma_j^2\,
    \text{prior\_var\_item}\, I)`, i.e. a prior on the *standardised* item
    parameters :math:`\alpha_j/\sigma_j, \beta_j/\sigma_j` of the ordered
    probit, whose discrimination the error scale otherwise leaves unbounded.
    """
    if item_prior not in ("fixed", "scaled"):
        raise ValueError(f"item_prior must be 'fixed' or 'scaled', not {item_prior!r}")
    if omega2_by not in ("pooled", "country"):
        raise ValueError(f"omega2_by must be 'pooled' or 'country', not {omega2_by!r}")
    if omega2_cov not in ("variational", "observed"):
        raise ValueError(f"omega2_cov must be 'variational' or 'observed', not {omega2_cov!r}")
    observed_cov = omega2_cov == "observed"
    inv_var_b = 1.0 / prior_var_item
    var_a = prior_var_item if prior_var_alpha is None else float(prior_var_alpha)
    if not var_a > 0:
        raise ValueError(f"prior_var_alpha must be positive (inf: flat), not {prior_var_alpha!r}")
    inv_var_a = 0.0 if np.isinf(var_a) else 1.0 / var_a
    # dimensions of the scaled (conjugate) prior that carry a proper normal
    n_scaled = 1.0 + float(inv_var_a > 0)
    if unit_centre not in ("zero", "session"):
        raise ValueError(f"unit_centre must be 'zero' or 'session', not {unit_centre!r}")
    centre_sessions = unit_centre == "session" and unit_var is not None
    estimate_w = omega2 is None
    fixed_arr = not estimate_w and np.ndim(omega2) > 0
    by_country = (estimate_w and omega2_by == "country") or fixed_arr
    w0 = float(omega2_init if estimate_w else (np.mean(omega2) if fixed_arr else omega2))
    y = np.asarray(y, dtype=np.int64)
    order = np.argsort(y, kind="stable")  # no | abstain | yes as contiguous slices
    y, unit, item = y[order], np.asarray(unit)[order], np.asarray(item)[order]
    n_units = unit_country.shape[0]
    n_items = int(item.max()) + 1
    n_c = int(unit_country.max()) + 1
    n_t = int(unit_time.max()) + 1
    observed = np.zeros((n_c, n_t), dtype=bool)
    observed[unit_country, unit_time] = True
    n_per_t = np.maximum(np.bincount(unit_time, minlength=n_t), 1).astype(float)
    a0, b0 = sigma_prior
    n_j = np.bincount(item, minlength=n_items).astype(float)

    if warm is None:
        m = np.asarray(x_init, dtype=float).copy()
        v = np.full(n_units, 0.1)
        alpha = np.zeros(n_items)
        beta = np.zeros(n_items)
        cov = np.zeros((n_items, 3))
        sigma2 = np.ones(n_items)
        init_items = True
    else:
        m, v = warm.x_mean.copy(), warm.x_var.copy()
        alpha, beta = warm.alpha.copy(), warm.beta.copy()
        cov, sigma2 = warm.item_cov.copy(), warm.sigma2.copy()
        init_items = False

    cuts = np.searchsorted(y, [1, 2])
    is_no, is_ab, is_yes = slice(0, cuts[0]), slice(cuts[0], cuts[1]), slice(cuts[1], None)
    loglik_trace: list[float] = []
    change_trace: list[float] = []
    converged = False

    if init_items:  # first pass: items from the initial ideal points
        mx, vx = m[unit], v[unit]
        ez, _vz, _ = _estep(
            alpha[item] + beta[item] * mx, np.ones_like(mx), is_no, is_ab, is_yes, want_logz=False
        )
        alpha, beta, cov = _update_items(
            ez,
            mx,
            vx,
            np.ones_like(mx),
            item,
            n_items,
            np.full(n_items, inv_var_b),
            np.full(n_items, inv_var_a),
        )

    def em_map(state: tuple, want_logz: bool) -> tuple[tuple, float | None]:
        """One variational EM iteration: (m, v, alpha, beta, cov, log sigma2, log w) -> next."""
        m, v, alpha, beta, cov, log_s2, log_w = state
        sigma2 = np.exp(log_s2)
        w2 = np.exp(log_w) if by_country else float(np.exp(log_w[0]))
        if fast:
            return _em_step_stats(state, want_logz, w2)
        # -- q(z*): truncated normals ---------------------------------------- #
        mx = m[unit]
        s2_n = sigma2[item]
        sd = np.sqrt(s2_n)
        mu = alpha[item] + beta[item] * mx
        ez, vz, logz = _estep(mu, sd, is_no, is_ab, is_yes, want_logz=want_logz)
        vz *= s2_n
        psi = 1.0 / s2_n
        # -- q(x): Kalman smoother per country -------------------------------- #
        eb2 = beta[item] ** 2 + cov[item, 2]
        eab = alpha[item] * beta[item] + cov[item, 1]
        h_u = np.bincount(unit, psi * eb2, minlength=n_units)
        g_u = np.bincount(unit, psi * (beta[item] * ez - eab), minlength=n_units)
        h_obs = None
        if observed_cov and estimate_w:  # missing information of z*: beta^2 V z* / sigma^4
            h_obs = h_u - np.bincount(unit, psi * psi * beta[item] ** 2 * vz, minlength=n_units)
        m, v, w2, _scale = smooth(h_u, g_u, w2, h_obs, m)
        # -- q(alpha, beta) and sigma^2 --------------------------------------- #
        mx, vx = m[unit], v[unit]
        scaled = item_prior == "scaled"
        base = 1.0 / sigma2 if scaled else np.ones(n_items)
        alpha, beta, cov = _update_items(
            ez, mx, vx, psi, item, n_items, base * inv_var_b, base * inv_var_a
        )
        mu = alpha[item] + beta[item] * mx
        var_lin = cov[item, 0] + 2 * cov[item, 1] * mx + cov[item, 2] * (mx * mx + vx)
        resid2 = vz + (ez - mu) ** 2 + var_lin + beta[item] ** 2 * vx
        s_j = np.bincount(item, resid2, minlength=n_items)
        if scaled:  # the conjugate prior's quadratic form enters the error variance
            q_j = (alpha**2 + cov[:, 0]) * inv_var_a + (beta**2 + cov[:, 2]) * inv_var_b
            sigma2 = (b0 + s_j + q_j) / (a0 + n_j + n_scaled)
        else:
            sigma2 = (b0 + s_j) / (a0 + n_j)
        return (m, v, alpha, beta, cov, np.log(sigma2), np.log(np.atleast_1d(w2))), logz

    def smooth(
        h_u: np.ndarray,
        g_u: np.ndarray,
        w2: float | np.ndarray,
        h_obs: np.ndarray | None = None,
        m_in: np.ndarray | None = None,
    ) -> tuple:
        """q(x) from the pseudo-observations; normalisation; M-step of omega^2.

        ``h_obs``: per-unit observed information (complete minus missing); when
        given, the M-step's increment variances come from the random walk
        smoothed with it (a Laplace E-step) instead of q(x). ``m_in``: the current
        means, whose per-session averages centre the per-session prior with
        ``unit_centre="session"``.
        """
        h = np.zeros((n_c, n_t))
        g = np.zeros((n_c, n_t))
        h[unit_country, unit_time] = h_u
        if centre_sessions and m_in is not None:
            # M-step of mu_t in x_ct ~ N(mu_t, unit_var): the session's mean of E[x]
            mu_t = np.bincount(unit_time, m_in, minlength=n_t) / n_per_t
            g_u = g_u + mu_t[unit_time] / unit_var
        g[unit_country, unit_time] = g_u
        if estimate_w and (h_obs is not None or omega2_prior_norm):
            ms, ps = _kalman(h, g, observed, w2, prior_var_x, unit_var)
            if h_obs is not None:
                h_cov = np.zeros((n_c, n_t))
                h_cov[unit_country, unit_time] = np.maximum(h_obs, 0.0)
            else:
                h_cov = h
            inc_sum, inc_n = increment_stats(
                ms, h_cov, observed, w2, prior_var_x, unit_var, prior_norm=omega2_prior_norm
            )
        elif estimate_w:
            ms, ps, inc_sum, inc_n = _kalman(
                h, g, observed, w2, prior_var_x, unit_var, increments=True, per_country=True
            )
        else:
            ms, ps = _kalman(h, g, observed, w2, prior_var_x, unit_var)
        m = ms[unit_country, unit_time]
        v = ps[unit_country, unit_time]
        scale = 1.0
        if normalise:
            # identification by a pooled constraint: mean 0 and variance 1 over all
            # country-sessions together (one location and one scale for the whole
            # record, not one per session). The likelihood is unchanged by
            # x -> (x - a)/c with alpha -> alpha + beta*a, beta -> beta*c, so this is
            # a parameter-expansion step that removes the slow EM drift along it.
            loc = float(m.mean())
            scale = float(np.sqrt(np.mean((m - loc) ** 2) + np.mean(v)))
            if scale > 0:
                m = (m - loc) / scale
                v = v / scale**2
            else:
                scale = 1.0
        if estimate_w and inc_n.sum() > 0:
            # M-step of the random-walk variance, in the (normalised) metric of m
            w2 = omega2_mstep(inc_sum, inc_n, omega2_prior_n if by_country else None)
            w2 = np.maximum(w2 / scale**2, _OMEGA2_FLOOR)
        return m, v, w2, scale

    # unit x item counts: sums over a unit's (an item's) votes of an item-level
    # (unit-level) quantity are one sparse product instead of a gather and a bincount
    a_ui = sparse.csr_matrix((np.ones(item.shape[0]), (unit, item)), shape=(n_units, n_items))
    a_iu = a_ui.T.tocsr()

    def _em_step_stats(state: tuple, want_logz: bool, w2: float | np.ndarray) -> tuple:
        """The same EM map from per-item and per-unit sufficient statistics.

        Algebraically identical to the vote-by-vote version; it gathers item
        parameters once per vote and forms the item updates and the error
        variances from sums (of ``E z*``, ``E z*^2``, ``E z* x``, ``x``, ``x^2``,
        ``V x``, ``V z*``) instead of per-vote residuals.
        """
        m, v, alpha, beta, cov, log_s2, _log_w = state
        sigma2 = np.exp(log_s2)
        psi = 1.0 / sigma2
        mx = m[unit]
        mu = alpha[item] + beta[item] * mx
        ez, vz, logz = _estep(mu, np.sqrt(sigma2)[item], is_no, is_ab, is_yes, want_logz=want_logz)
        # -- q(x) --------------------------------------------------------------- #
        h_u = a_ui @ (psi * (beta**2 + cov[:, 2]))
        g_u = np.bincount(unit, (psi * beta)[item] * ez, minlength=n_units)
        g_u -= a_ui @ (psi * (alpha * beta + cov[:, 1]))
        h_obs = None
        if observed_cov and estimate_w:  # missing information of z*: beta^2 V z* / sigma^4
            h_obs = h_u - np.bincount(unit, (psi * beta**2)[item] * vz, minlength=n_units)
        m, v, w2, _scale = smooth(h_u, g_u, w2, h_obs, m)
        # -- q(alpha, beta) and sigma^2 ----------------------------------------- #
        mx = m[unit]
        s_mx = a_iu @ m
        s_mx2 = a_iu @ (m * m)
        s_vx = a_iu @ v
        s_ez = np.bincount(item, ez, minlength=n_items)
        s_ezx = np.bincount(item, ez * mx, minlength=n_items)
        s_ez2 = np.bincount(item, ez * ez, minlength=n_items)
        s_vz = np.bincount(item, vz, minlength=n_items)
        scaled = item_prior == "scaled"
        base = psi if scaled else np.ones(n_items)
        s0 = psi * n_j + base * inv_var_a
        s1 = psi * s_mx
        s2 = psi * (s_mx2 + s_vx) + base * inv_var_b
        r0 = psi * s_ez
        r1 = psi * s_ezx
        det = s0 * s2 - s1 * s1
        c_aa, c_ab, c_bb = s2 / det, -s1 / det, s0 / det
        alpha = c_aa * r0 + c_ab * r1
        beta = c_ab * r0 + c_bb * r1
        cov = np.column_stack([c_aa, c_ab, c_bb])
        # sum over an item's votes of V z* + (E z* - alpha - beta x)^2 + Var(alpha +
        # beta x) + beta^2 V x, expanded into the sums above
        sq = (
            s_ez2
            - 2.0 * alpha * s_ez
            - 2.0 * beta * s_ezx
            + n_j * alpha**2
            + 2.0 * alpha * beta * s_mx
            + beta**2 * s_mx2
        )
        var_lin = n_j * c_aa + 2.0 * c_ab * s_mx + c_bb * (s_mx2 + s_vx)
        s_j = sigma2 * s_vz + np.maximum(sq, 0.0) + var_lin + beta**2 * s_vx
        if scaled:
            q_j = (alpha**2 + c_aa) * inv_var_a + (beta**2 + c_bb) * inv_var_b
            sigma2 = (b0 + s_j + q_j) / (a0 + n_j + n_scaled)
        else:
            sigma2 = (b0 + s_j) / (a0 + n_j)
        return (m, v, alpha, beta, cov, np.log(sigma2), np.log(np.atleast_1d(w2))), logz

    def flat(state: tuple) -> np.ndarray:
        return np.concatenate([state[0], state[2], state[3], state[5], state[6]])

    def unflat(vec: np.ndarray, like: tuple) -> tuple:
        k = like[0].shape[0]
        j = like[2].shape[0]
        return (
            vec[:k],
            like[1],
            vec[k : k + j],
            vec[k + j : k + 2 * j],
            like[4],
            vec[k + 2 * j : k + 3 * j],
            vec[k + 3 * j :],
        )

    w_start = float(warm.omega2) if warm is not None and np.isfinite(warm.omega2) else w0
    if not estimate_w:
        w_start = w0
    log_w0 = np.log(max(w_start, 1e-300))
    if fixed_arr:
        log_w_start = np.log(np.maximum(np.asarray(omega2, dtype=float), 1e-300))
    elif by_country:
        warm_w = getattr(warm, "omega2_country", None) if warm is not None else None
        if warm_w is not None and warm_w.shape == (n_c,):
            log_w_start = np.log(np.maximum(warm_w, 1e-300))
        else:
            log_w_start = np.full(n_c, log_w0)
    else:
        log_w_start = np.array([log_w0])
    state = (m, v, alpha, beta, cov, np.log(sigma2), log_w_start)
    it = 0
    n_eval = 0
    step_max = 4.0
    m_prev_corr = m.copy()
    with progress.stage("ideal points: EM iterations", total=max_iter) as em:
        while n_eval < max_iter:
            it += 1
            want = it % trace_every == 1
            s1, logz = em_map(state, want)
            n_eval += 1
            if logz is not None:
                loglik_trace.append(float(logz))
            if accelerate and n_eval + 2 <= max_iter:
                # SQUAREM (Varadhan & Roland 2008, scheme S3): extrapolate along the
                # two last EM steps, then one stabilising EM step.
                s2, _ = em_map(s1, False)
                n_eval += 1
                t0, t1, t2 = flat(state), flat(s1), flat(s2)
                r = t1 - t0
                dv = t2 - t1 - r
                nv = float(np.linalg.norm(dv))
                step = -float(np.linalg.norm(r)) / nv if nv > 0 else -1.0
                step = max(min(step, -1.0), -step_max)
                if step == -step_max:
                    step_max *= 4.0
                cand = unflat(t0 - 2.0 * step * r + step * step * dv, s2)
                new, _ = em_map(cand, False)
                n_eval += 1
                if not all(
                    np.all(np.isfinite(a)) for a in (new[0], new[2], new[3], new[5], new[6])
                ):
                    new, step_max = s2, 4.0
            else:
                new = s1
            change = float(np.max(np.abs(new[0] - state[0])))
            change_trace.append(change)
            em.update(n_eval, detail=f"max change {change:.1e} (tol {tol:g})")
            corr_gap = 1.0 - float(np.corrcoef(new[0], m_prev_corr)[0, 1]) if new[0].size > 1 else 0
            m_prev_corr = new[0].copy()
            state = new
            if change < tol or (tol_corr > 0 and corr_gap < tol_corr):
                converged = True
                break
    m, v, alpha, beta, cov, log_s2, log_w = state
    sigma2 = np.exp(log_s2)
    it = n_eval
    w_all = np.exp(log_w)
    if by_country:  # the reported pooled value: the mean over every transition
        # transitions between a country's first and last observed session
        cols = np.arange(n_t)
        first = np.where(observed, cols, n_t).min(axis=1)
        last = np.where(observed, cols, -1).max(axis=1)
        n_tr = np.maximum(last - first, 0)
        w_pooled = float(np.average(w_all, weights=n_tr) if n_tr.sum() else w_all.mean())
    else:
        w_pooled = float(w_all[0])
    return IRTResult(
        x_mean=m,
        x_var=v,
        alpha=alpha,
        beta=beta,
        item_cov=cov,
        sigma2=sigma2,
        iterations=it,
        converged=converged,
        omega2=w_pooled,
        omega2_country=w_all if by_country else None,
        loglik_trace=loglik_trace,
        change_trace=change_trace,
    )


def vote_information(
    alpha: np.ndarray, beta: np.ndarray, sigma2: np.ndarray, x: np.ndarray
) -> np.ndarray:
    r"""Expected Fisher information about ``x`` of one three-category vote.

    With :math:`\mu = \alpha + \beta x`, :math:`s = \sigma`, and category bounds
    :math:`(-\infty, -\mu/s]`, :math:`(-\mu/s, (1-\mu)/s]`, :math:`((1-\mu)/s, \infty)`
    in standard units, :math:`P_k = \Phi(u_k) - \Phi(l_k)` and
    :math:`\partial P_k / \partial x = (\beta/s)(\phi(l_k) - \phi(u_k))`, so

    .. math:: I(x) = (\beta/s)^2 \sum_k (\phi(l_k) - \phi(u_k))^2 / P_k .

    The outer categories use the Mills ratio, :math:`\phi(u)^2/\Phi(u) =
    \phi(u)\,\lambda(u)`, which is stable far in the tails.
    """
    s = np.sqrt(sigma2)
    mu = alpha + beta * x
    a = -mu / s  # no | abstain boundary
    b = (1.0 - mu) / s  # abstain | yes boundary
    pa, pb = _phi(a), _phi(b)
    no = pa * _mills_lower(a)
    yes = pb * _mills_lower(-b)
    mass = ndtr(b) - ndtr(a)
    with np.errstate(divide="ignore", invalid="ignore"):
        ab = np.where(mass > 1e-300, (pa - pb) ** 2 / np.maximum(mass, 1e-300), 0.0)
    info = (beta / s) ** 2 * (np.nan_to_num(no) + np.nan_to_num(yes) + ab)
    return np.maximum(info, 0.0)


def laplace_var(
    result: IRTResult,
    unit: np.ndarray,
    item: np.ndarray,
    unit_country: np.ndarray,
    unit_time: np.ndarray,
    *,
    omega2: float | np.ndarray,
    prior_var_x: float = 1.0,
    unit_var: float | None = None,
) -> np.ndarray:
    """Posterior variance of each country-session ideal point (Laplace approximation).

    The random-walk prior (and the per-session prior, if any) combined with a
    Gaussian approximation of the likelihood whose precision is the expected Fisher
    information of the country-session's votes at the estimate (item parameters
    held at their posterior means); smoothed exactly over each country's sessions.
    """
    x = result.x_mean[unit]
    info = vote_information(result.alpha[item], result.beta[item], result.sigma2[item], x)
    n_units = unit_country.shape[0]
    h_u = np.bincount(unit, info, minlength=n_units)
    n_c = int(unit_country.max()) + 1
    n_t = int(unit_time.max()) + 1
    observed = np.zeros((n_c, n_t), dtype=bool)
    observed[unit_country, unit_time] = True
    h = np.zeros((n_c, n_t))
    h[unit_country, unit_time] = h_u
    _, ps = _kalman(h, np.zeros_like(h), observed, omega2, prior_var_x, unit_var)
    return ps[unit_country, unit_time]


def _one_sided(u: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Mean and variance of a standard normal truncated to ``(-inf, u]``."""
    lam = _mills_lower(u)
    mean = -lam
    var = np.maximum(1.0 - u * lam - lam * lam, 1e-12)
    return mean, var


def _estep(
    mu: np.ndarray,
    sd: np.ndarray,
    is_no: slice,
    is_ab: slice,
    is_yes: slice,
    *,
    want_logz: bool,
) -> tuple[np.ndarray, np.ndarray, float | None]:
    """Moments of q(z*) (mean, variance in sigma units) and optionally sum log P(y).

    Votes are sorted no | abstain | yes, so each category is a slice.
    """
    ez = np.empty_like(mu)
    vz = np.empty_like(mu)
    logz = 0.0
    # no: z* < 0 -> standardised (-inf, -mu/sd]; yes: z* >= 1 -> reflected (-inf, (mu-1)/sd]
    u_no = -mu[is_no] / sd[is_no]
    u_yes = (mu[is_yes] - 1.0) / sd[is_yes]
    n_no = u_no.shape[0]
    mn, vr = _one_sided(np.concatenate([u_no, u_yes]))
    ez[is_no] = mu[is_no] + sd[is_no] * mn[:n_no]
    ez[is_yes] = mu[is_yes] - sd[is_yes] * mn[n_no:]
    vz[is_no] = vr[:n_no]
    vz[is_yes] = vr[n_no:]
    if want_logz:
        logz += float(log_ndtr(u_no).sum()) + float(log_ndtr(u_yes).sum())
    # abstain: 0 <= z* < 1
    ma, sa = mu[is_ab], sd[is_ab]
    if ma.size:
        mn, vr, lz = truncnorm_moments(-ma / sa, (1.0 - ma) / sa)
        ez[is_ab] = ma + sa * mn
        vz[is_ab] = vr
        if want_logz:
            logz += float(lz.sum())
    return ez, vz, (logz if want_logz else None)


def _update_items(
    ez: np.ndarray,
    mx: np.ndarray,
    vx: np.ndarray,
    psi: np.ndarray,
    item: np.ndarray,
    n_items: int,
    prior_prec: np.ndarray,
    prior_prec_alpha: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Gaussian q(alpha_j, beta_j): Bayesian regression of E[z*] on (1, x).

    ``prior_prec[j]``: precision of the N(0, .) prior on beta_j, and on alpha_j
    unless ``prior_prec_alpha`` gives that one.
    """
    pa = prior_prec if prior_prec_alpha is None else prior_prec_alpha
    s0 = np.bincount(item, psi, minlength=n_items) + pa
    s1 = np.bincount(item, psi * mx, minlength=n_items)
    s2 = np.bincount(item, psi * (mx * mx + vx), minlength=n_items) + prior_prec
    r0 = np.bincount(item, psi * ez, minlength=n_items)
    r1 = np.bincount(item, psi * ez * mx, minlength=n_items)
    det = s0 * s2 - s1 * s1
    c_aa, c_ab, c_bb = s2 / det, -s1 / det, s0 / det
    alpha = c_aa * r0 + c_ab * r1
    beta = c_ab * r0 + c_bb * r1
    return alpha, beta, np.column_stack([c_aa, c_ab, c_bb])


def simulate(
    result: IRTResult,
    unit: np.ndarray,
    item: np.ndarray,
    rng: np.random.Generator,
) -> np.ndarray:
    """Draw votes (0/1/2) from the fitted model at the posterior means."""
    mu = result.alpha[item] + result.beta[item] * result.x_mean[unit]
    z = mu + np.sqrt(result.sigma2[item]) * rng.standard_normal(mu.shape[0])
    return (z >= 0.0).astype(np.int64) + (z >= 1.0).astype(np.int64)
