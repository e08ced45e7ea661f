"""Income zones: cut points of the trimodal distribution of log GDP per capita.

Family 1 of :mod:`worldsystem.measures.position`: :func:`income_cutpoints`
(density minima or a three-component Gaussian mixture, per year) and
:func:`income_zones`.

Are there three modes? Silverman's (1981) test
(:func:`worldsystem.measures.position.modes.silverman_test`, ``silverman=`` of
:func:`income_cutpoints`) on the values the density cut uses (log GDP per capita at
PPP, Maddison 2023, all 152-169 entities, five-year pooled window, countries
resampled; 1,000 bootstrap samples, seed 0). p-values of :math:`H_0` "at most one
mode" / "at most two modes":

====  ====================  ====================  =====================
year  pooled window         one year alone        states (report panel)
====  ====================  ====================  =====================
1960  0.123 / 0.035         0.070 / 0.034         0.401 / 0.138
1990  0.118 / 0.331         0.140 / 0.399         0.051 / 0.159
2014  0.598 / 0.458         0.822 / 0.524         0.420 / 0.517
2022  0.527 / 0.148         0.475 / 0.334         0.451 / 0.139
====  ====================  ====================  =====================

("states": the panel of :func:`worldsystem.workflows.position_inputs`, 103-163
states, pooled.) Only in 1960 (all entities) does the test reject "at most two
modes" at 10 %; in 1990, 2014 and 2022 the third mode cannot be told from noise,
and on the pooled values of all entities not even the second (p >= 0.118 for one
mode in all four years). The test is conservative (Hall & York 2001; not
calibrated here), so these p-values run high, but not by enough to turn 0.33-0.52
into a rejection. The critical bandwidth :math:`h_2` of the pooled values is
0.25-0.34 log units (0.23-0.36 :math:`s_y`), 1.5-2.4 times the cut's
0.15 :math:`s_y`: the antimodes the cut uses vanish from a density that much
smoother. Over 1950-2022 (200 samples) "at most two modes" is not rejected at
10 % in 60 of 73 years (rejected in 1958-1962, 1998-2004 and 2021). The zones are a
three-way division at the antimodes of an undersmoothed density, not a finding that
the distribution has three modes.

References
----------
Arrighi, G., Drangel, J. (1986). The stratification of the world-economy: an
exploration of the semiperipheral zone. *Review* 10(1):9-74.
Babones, S.J. (2005). The country-level income structure of the world-economy.
*Journal of World-Systems Research* 11(1):29-55. doi:10.5195/jwsr.2005.392
Hall, P., York, M. (2001). On the calibration of Silverman's test for
multimodality. *Statistica Sinica* 11:515-536.
Silverman, B.W. (1981). Using kernel density estimates to investigate
multimodality. *Journal of the Royal Statistical Society B* 43(1):97-99.
doi:10.1111/j.2517-6161.1981.tb01155.x
Smith, D.A., White, D.R. (1992). Structure and dynamics of the global economy:
network analysis of international trade 1965-1980. *Social Forces* 70(4):857-893.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize, stats

from worldsystem.core import progress
from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError
from worldsystem.core.schema import require_columns
from worldsystem.measures.position._base import _CITE
from worldsystem.measures.position.modes import silverman_test

__all__ = [
    "INCOME_WINDOW",
    "income_cutpoints",
    "income_zones",
]


_HALF_LOG_2PI = 0.5 * np.log(2.0 * np.pi)

#: Factors of ``bw_method`` tried in turn by the density rule: the smoothest density
#: that shows three zones is used (after Silverman's 1981 critical bandwidth, the
#: largest bandwidth at which a kernel density has a given number of modes).
_BW_STEPS = (1.0, 0.75, 0.5)

#: Years pooled for each year's cut points (the year and two either side): see
#: :func:`income_cutpoints`, ``window``.
INCOME_WINDOW = 5


def _years_text(years: list[int]) -> str:
    """``[1960, 1961, 1962, 1990]`` -> ``"1960-1962, 1990"``."""
    spans: list[list[int]] = []
    for y in sorted(years):
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _em_mixture(x: np.ndarray, rng: np.random.Generator, n_init: int = 5, max_iter: int = 500):
    """Maximum-likelihood 3-component 1-D Gaussian mixture by EM; best of ``n_init`` starts."""
    n = len(x)
    var_floor = max(1e-3 * x.var(), 1e-8)
    starts = [np.quantile(x, [1 / 6, 1 / 2, 5 / 6])]
    for _ in range(n_init - 1):
        starts.append(np.sort(rng.choice(x, size=3, replace=False)))
    best = None
    for mu0 in starts:
        mu = np.array(mu0, dtype=float)
        sd = np.full(3, max(x.std() / 3.0, np.sqrt(var_floor)))
        pi = np.full(3, 1 / 3)
        ll_old = -np.inf
        for _ in range(max_iter):
            z = (x[:, None] - mu) / sd
            logp = np.log(pi) - np.log(sd) - 0.5 * z * z - _HALF_LOG_2PI
            mx = logp.max(axis=1, keepdims=True)
            lse = mx[:, 0] + np.log(np.exp(logp - mx).sum(axis=1))
            ll = float(lse.sum())
            resp = np.exp(logp - lse[:, None])
            nk = resp.sum(axis=0)
            if np.any(nk < 1e-8):
                ll = -np.inf
                break
            pi = nk / n
            mu = (resp * x[:, None]).sum(axis=0) / nk
            var = (resp * (x[:, None] - mu) ** 2).sum(axis=0) / nk
            sd = np.sqrt(np.maximum(var, var_floor))
            if ll - ll_old < 1e-10 * max(1.0, abs(ll)):
                break
            ll_old = ll
        if np.isfinite(ll) and (best is None or ll > best[0]):
            best = (ll, pi.copy(), mu.copy(), sd.copy())
    if best is None:
        raise ModelError("the three-component mixture did not converge", value=n)
    _, pi, mu, sd = best
    o = np.argsort(mu)
    return pi[o], mu[o], sd[o]


def _mixture_cuts(x: np.ndarray, seed: int) -> tuple[float, float]:
    pi, mu, sd = _em_mixture(x, np.random.default_rng(seed))
    cuts = []
    for a, b in ((0, 1), (1, 2)):

        def f(t, a=a, b=b):
            return (np.log(pi[a]) + stats.norm.logpdf(t, mu[a], sd[a])) - (
                np.log(pi[b]) + stats.norm.logpdf(t, mu[b], sd[b])
            )

        if mu[b] > mu[a] and f(mu[a]) > 0 > f(mu[b]):
            cuts.append(float(optimize.brentq(f, mu[a], mu[b])))
        else:
            cuts.append(float((mu[a] + mu[b]) / 2.0))
    return cuts[0], cuts[1]


def _density_cuts(
    x: np.ndarray, bw_method: str | float, min_share: float, select: str = "outermost"
) -> tuple[float, float] | None:
    if isinstance(bw_method, str):
        h = float(np.sqrt(stats.gaussian_kde(x, bw_method=bw_method).covariance[0, 0]))
    else:
        h = float(bw_method) * float(np.std(x, ddof=1))  # as gaussian_kde with a scalar factor
    grid = np.linspace(x.min(), x.max(), 512)
    u = (grid[:, None] - x[None, :]) / h
    d = np.exp(-0.5 * u * u).sum(axis=1) / (len(x) * h * np.sqrt(2.0 * np.pi))
    interior = np.arange(1, len(grid) - 1)
    is_min = (d[interior] < d[interior - 1]) & (d[interior] <= d[interior + 1])
    mins = interior[is_min]
    if len(mins) < 2:
        return None
    need = max(1, int(np.ceil(min_share * len(x))))
    if select == "outermost":
        # the lowest antimode with min_share below it and the highest with min_share
        # above: if any pair leaves min_share in every zone, this one does
        below = np.array([(x < grid[m]).sum() for m in mins])
        lows = mins[below >= need]
        highs = mins[len(x) - below >= need]
        if len(lows) == 0 or len(highs) == 0 or grid[lows[0]] >= grid[highs[-1]]:
            return None
        lo, hi = float(grid[lows[0]]), float(grid[highs[-1]])
        if int(((x >= lo) & (x < hi)).sum()) < need:
            return None
        return lo, hi
    # running maxima: the highest density left of / right of each grid point
    left_max = np.maximum.accumulate(d)
    right_max = np.maximum.accumulate(d[::-1])[::-1]
    best = None
    for ia in range(len(mins)):
        for ib in range(ia + 1, len(mins)):
            a, b = mins[ia], mins[ib]
            lo, hi = grid[a], grid[b]
            n_low = int((x < lo).sum())
            n_mid = int(((x >= lo) & (x < hi)).sum())
            n_high = len(x) - n_low - n_mid
            if min(n_low, n_mid, n_high) < need:
                continue
            # prominence of the two antimodes against the three modes they separate
            p_mid = d[a : b + 1].max()
            dip = (min(left_max[a], p_mid) - d[a]) + (min(p_mid, right_max[b]) - d[b])
            if best is None or dip > best[0]:
                best = (dip, float(lo), float(hi))
    return None if best is None else (best[1], best[2])


def income_cutpoints(
    frame: pd.DataFrame,
    *,
    value_col: str,
    method: str = "density",
    log: bool = True,
    seed: int = 0,
    min_countries: int = 20,
    bw_method: str | float = 0.15,
    min_share: float = 0.10,
    window: int = INCOME_WINDOW,
    years: list[int] | None = None,
    select: str = "outermost",
    silverman: int = 0,
    silverman_years: list[int] | None = None,
) -> pd.DataFrame:
    r"""Per-year cut points between the three income zones.

    The log of GDP (or GNP) per capita across countries is trimodal (Arrighi &
    Drangel 1986; Babones 2005). Two cut points :math:`\kappa_1 < \kappa_2`
    split it into periphery :math:`y < \kappa_1`, semi-periphery
    :math:`\kappa_1 \le y < \kappa_2` and core :math:`y \ge \kappa_2`, where
    :math:`y = \ln(\text{GDP per capita})`.

    ``method="density"``: a Gaussian kernel density

    .. math:: \hat f(y) = \frac{1}{nh}\sum_i \phi\!\left(\frac{y - y_i}{h}\right),
       \qquad h = 0.15\, s_y

    (:math:`s_y` the sample standard deviation of :math:`y`; ``bw_method=0.15``
    in :class:`scipy.stats.gaussian_kde`) is evaluated on 512 points between the
    smallest and largest value. Silverman's rule (about :math:`0.39\,s_y` at
    :math:`n = 150`) oversmooths on real GDP per capita, and so does
    :math:`0.2\,s_y` at PPP in 2012-2016, where it has no upper antimode (measured
    runs: ``docs/validation.md``, "Income zones"). Pass ``bw_method="silverman"``
    or ``"scott"`` for the textbook rules.

    Antimodes (``select="outermost"``, default): among the local minima of
    :math:`\hat f` that leave at least ``min_share`` of countries below them, the
    lowest is :math:`\kappa_1`; among those that leave ``min_share`` above them, the
    highest is :math:`\kappa_2` (and the zone between must hold ``min_share``). The
    core is the richest group of countries the density separates, the periphery the
    poorest, and the semi-periphery everything between, which may hold more than one
    mode (the strong and weak semi-periphery of Smith & White 1992; four modes in
    the distribution of the 2010s at PPP). The number of zones is fixed at three
    and each cut is the antimode nearest its tail that ``min_share`` admits, so a
    gap inside the periphery or inside the middle cannot become the core boundary.
    ``select="prominence"`` (the rule before) takes instead the pair :math:`a < b`
    of minima with the largest summed prominence

    .. math:: \bigl(\min(P_L, P_M) - \hat f(a)\bigr) + \bigl(\min(P_M, P_R) - \hat f(b)\bigr),

    :math:`P_L, P_M, P_R` the highest density below :math:`a`, between :math:`a`
    and :math:`b`, and above :math:`b`; on a distribution with four modes it
    chooses between the inner and the outer antimodes by a few thousandths of
    density, and it took two antimodes inside the periphery at PPP in 2015-2016
    (core cut 4,225 international dollars, 126 of 169 states core).

    If no pair of antimodes leaves ``min_share`` in every zone at :math:`h`, the
    rule is tried again at :math:`0.75h` and :math:`0.5h`, and the row's ``method``
    names the bandwidth used (``"density (bandwidth 0.112)"``). If none does, the
    mixture rule is used and the row's ``method`` reads ``"mixture (density
    fallback)"``; the mixture's zones are not held to ``min_share``
    (``income_cutpoints`` lists the rule used per year; how often it happens on
    real data: ``docs/validation.md``).

    Pooled window. The density (and the mixture) of year :math:`t` is estimated
    on the ``window`` years :math:`s \in [t - w, t + w]`, :math:`w =`
    ``window // 2`` (default 5: the year and two either side; the years the frame
    has, fewer at its ends), of the countries observed in :math:`t`, each year
    centred on its own median: :math:`y_{is} - \operatorname{med}_i y_{is} +
    \operatorname{med}_i y_{it}`, relative incomes placed at year :math:`t`'s
    level, so that growth, inflation and the entry of countries do not move the
    pooled values. ``min_share`` applies to the pooled sample. A zone is a lasting
    position (Babones 2005 finds few lasting moves between zones, 1975-2002), not a
    year's accident: on one year's 150-170 countries the upper antimode is shallow,
    and a window smooths the shifts of single countries across it. The window is
    the usual five-year period, set before the pooled runs and not varied on them.
    ``window=1`` is the single-year rule.

    On Maddison 2023 at PPP, 1952-2022 (169 countries from 1973), the core cut
    moves by at most a factor of 1.61 between adjacent years (2016 -> 2017:
    32,548 -> 20,265 international dollars, 33 -> 57 core states, where the
    antimode near 31,000 has faded and the one near 20,000 is the highest left);
    the rule before (0.2 s_y first, prominence, one year) moved it by 7.2
    (2014 -> 2015: 30,465 -> 4,225) and 4.9 (2016 -> 2017).

    ``method="mixture"``: a three-component Gaussian mixture fitted by EM (best
    log-likelihood of 5 starts: tertile midpoints and 4 random draws from
    ``seed``); the cut between adjacent components :math:`a, b` solves
    :math:`\pi_a \phi(y;\mu_a,\sigma_a) = \pi_b \phi(y;\mu_b,\sigma_b)` between
    their means (the midpoint of the means if there is no crossing there).

    Silverman's test (``silverman=n_boot`` > 0): for each year, the test of
    :func:`~worldsystem.measures.position.modes.silverman_test` (Silverman 1981) of
    :math:`H_0` "at most one mode" and "at most two modes" on the values the cut
    uses (the pooled window, logged), ``n_boot`` smoothed-bootstrap samples from
    ``seed``. If :math:`H_0` "at most two modes" is not rejected at 10 % in a year,
    a provenance note names the year: its three zones rest on modes the test cannot
    tell from noise. The pooled window repeats each country up to ``window`` times,
    so the bootstrap resamples countries, each with its pooled values, shifted
    together (``groups`` of :func:`~worldsystem.measures.position.modes.silverman_test`);
    resampling the pooled values one by one would count each country's repeats as
    independent evidence and reject far too often. Cost: about 1 s per year at
    ``n_boot=200`` on 850 pooled values (67-96 s for 1950-2022 against 0.5 s for
    the cuts alone), so it is off by default; the report runs it in its last year only.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` and ``value_col``.
    value_col : str
        GDP or GNP per capita (any currency unit; at exchange rates for
        Babones-style zones, at PPP as the option). Non-positive and missing
        values are dropped.
    method : {"density", "mixture"}
    log : bool
        Take natural logs first (default). Cut points are in the units of the
        transformed values (log units when ``log``).
    seed : int
        Seed of the mixture's random starts.
    min_countries : int
        Years with fewer countries are skipped (default 20: fewer cannot show
        three modes). If every year is skipped, :class:`ModelError`.
    bw_method : str or float
        Bandwidth of :class:`scipy.stats.gaussian_kde`: a factor of the sample
        sd (default 0.15) or ``"silverman"``/``"scott"``.
    min_share : float
        Smallest share of countries a density zone may hold (default 0.10; the
        semi-periphery of Arrighi & Drangel and Babones holds a quarter or more
        of states; the failure of 0.05 on real data: ``docs/validation.md``).
    select : {"outermost", "prominence"}
        Which pair of antimodes cuts (see above; default ``"outermost"``).
    window : int
        Odd number of years pooled for each year's cut points (default
        :data:`INCOME_WINDOW`, 5; 1: each year alone). Pass the frame's years
        around the years wanted, and ``years`` to compute only those.
    years : list of int, optional
        Years to compute cut points for (default: every year of ``frame`` with
        ``min_countries``); the other years of ``frame`` enter their windows.
    silverman : int
        Bootstrap samples of Silverman's test per year and null (default 0: no
        test).
    silverman_years : list of int, optional
        Years to test (default: every year computed); the others get NaN.

    Returns
    -------
    DataFrame
        ``year, cut_low, cut_high, method, n, pooled_years``: ``n`` countries in
        the year, ``pooled_years`` years in its window. With ``silverman``, also
        ``h_crit1, p_silverman1, h_crit2, p_silverman2``: the critical bandwidths
        (units of the transformed values) and p-values of :math:`H_0` "at most 1"
        and "at most 2 modes"; provenance records ``silverman`` (``n_boot``,
        ``seed`` and the p-values by year).

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> y = np.concatenate([rng.normal(m, 0.25, 40) for m in (6.0, 8.0, 10.0)])
    >>> f = pd.DataFrame({"iso3": [f"C{i}" for i in range(120)], "year": 2000,
    ...                   "gdppc": np.exp(y)})
    >>> cp = income_cutpoints(f, value_col="gdppc", method="mixture")
    >>> bool(6.0 < cp.cut_low[0] < 8.0 < cp.cut_high[0] < 10.0)
    True
    """
    if select not in ("outermost", "prominence"):
        raise ModelError(
            f"unknown antimode rule {select!r}; expected 'outermost' or 'prominence'",
            field="select",
            value=select,
        )
    if method not in ("density", "mixture"):
        raise ModelError(
            f"unknown income method {method!r}; expected 'density' or 'mixture'",
            field="method",
            value=method,
        )
    if isinstance(silverman, bool) or not isinstance(silverman, (int, np.integer)) or silverman < 0:
        raise ModelError(
            f"silverman must be a number of bootstrap samples >= 0, got {silverman!r}",
            field="silverman",
            value=silverman,
        )
    require_columns(frame, ["iso3", "year", value_col], name="country-year frame")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 1:
        raise ModelError(
            f"window must be a positive odd number of years, got {window!r}",
            field="window",
            value=window,
        )
    if window % 2 == 0:
        raise ModelError(
            f"window must be an odd number of years (centred on the year), got {window}",
            field="window",
            value=window,
        )
    half = int(window) // 2
    per_year: dict[int, pd.Series] = {}
    for year, g in frame.groupby("year", sort=True):
        v = pd.Series(
            pd.to_numeric(g[value_col], errors="coerce").to_numpy(dtype=float),
            index=g["iso3"].to_numpy(),
        )
        v = v[np.isfinite(v)]
        if log:
            v = np.log(v[v > 0])
        per_year[int(year)] = v
    rows = []
    steps = progress.track(
        list(per_year.items()),
        "income cut points, by year",
        total=len(per_year),
        detail=lambda yv: yv[0],
    )
    wanted = None if years is None else {int(y) for y in years}
    for year, v0 in steps:
        if len(v0) < min_countries or (wanted is not None and year not in wanted):
            continue
        # the window's values of the year's own countries, each year centred on
        # its median over them: relative incomes placed at the year's level
        level = float(np.median(v0))
        pooled = []
        who = []
        for s in range(year - half, year + half + 1):
            w = per_year.get(s)
            w = None if w is None else w[w.index.isin(v0.index)]
            if w is not None and len(w) >= min_countries:
                pooled.append(w.to_numpy() - float(np.median(w)) + level)
                who.append(w.index.to_numpy())
        v = np.concatenate(pooled)
        used = method
        cuts = None
        if method == "density":
            for factor in _BW_STEPS if not isinstance(bw_method, str) else (1.0,):
                bw = bw_method if isinstance(bw_method, str) else float(bw_method) * factor
                cuts = _density_cuts(v, bw, min_share, select)
                if cuts is not None:
                    used = "density" if factor == 1.0 else f"density (bandwidth {bw:.3g})"
                    break
            if cuts is None:
                used = "mixture (density fallback)"
        if cuts is None:
            cuts = _mixture_cuts(v, seed)
        row = {
            "year": int(year),
            "cut_low": cuts[0],
            "cut_high": cuts[1],
            "method": used,
            "n": len(v0),
            "pooled_years": len(pooled),
        }
        if silverman:
            tested = silverman_years is None or year in {int(t) for t in silverman_years}
            for k in (1, 2):
                if not tested:
                    row[f"h_crit{k}"] = row[f"p_silverman{k}"] = np.nan
                    continue
                h_k, p_k = silverman_test(
                    v, k, n_boot=int(silverman), seed=seed, groups=np.concatenate(who)
                )
                row[f"h_crit{k}"] = h_k
                row[f"p_silverman{k}"] = p_k
        rows.append(row)
    if not rows:
        raise ModelError(
            f"no year has at least {min_countries} countries with a positive {value_col!r}",
            field=value_col,
            value=min_countries,
            hint="lower min_countries or supply more countries per year",
        )
    out = pd.DataFrame(rows)
    params: dict = {}
    p = prov.get(frame)
    if silverman:
        params["silverman"] = {
            "n_boot": int(silverman),
            "seed": seed,
            "p_values": {
                str(r.year): [r.p_silverman1, r.p_silverman2]
                for r in out.itertuples()
                if np.isfinite(r.p_silverman2)
            },
        }
        weak = out.loc[out["p_silverman2"] >= 0.10, "year"].astype(int).tolist()
        if weak:
            p = p.with_note(
                f"income zones ({value_col}) of {_years_text(weak)}: Silverman's test "
                f"(n_boot={silverman}, seed={seed}) "
                "does not reject 'at most two modes' at 10 % (p >= 0.10); the three-zone cut "
                "rests on modes the test cannot tell from noise"
            )
    prov.attach(
        out,
        p.with_method(
            "income_cutpoints",
            {
                "value_col": value_col,
                "method": method,
                "log": log,
                "seed": seed,
                "min_countries": min_countries,
                "bw_method": bw_method,
                "min_share": min_share,
                "window": window,
                "select": select,
                **params,
            },
            _CITE["income"],
        ),
    )
    return out


def income_zones(
    frame: pd.DataFrame,
    *,
    value_col: str,
    method: str = "density",
    log: bool = True,
    seed: int = 0,
    label: str | None = None,
    min_countries: int = 20,
    bw_method: str | float = 0.15,
    min_share: float = 0.10,
    window: int = INCOME_WINDOW,
    years: list[int] | None = None,
    select: str = "outermost",
    silverman: int = 0,
    silverman_years: list[int] | None = None,
) -> pd.DataFrame:
    r"""Income zone of every country-year from the per-year cut points.

    See :func:`income_cutpoints` for the cut points. A country is core when
    :math:`\ln y \ge \kappa_2`, semi-periphery when
    :math:`\kappa_1 \le \ln y < \kappa_2`, periphery otherwise.

    Parameters
    ----------
    frame, value_col, method, log, seed, min_countries, bw_method, min_share, window, select
        As in :func:`income_cutpoints`.
    silverman, silverman_years
        Silverman's test (:func:`income_cutpoints`; default 0: no test); the
        p-values are in ``attrs["cutpoints"]``.
    years : list of int, optional
        Years to return (default: every year of ``frame``). The other years of
        ``frame`` still enter the pooled window of their neighbours: pass the
        ``window // 2`` years either side of the years wanted.
    label : str, optional
        Text of the ``method`` column (default ``"income"``); :func:`positions`
        uses ``"income_xr"`` and ``"income_ppp"``.

    Returns
    -------
    DataFrame
        ``iso3, year, method, zone, score`` where ``score`` is the (log) value.
        ``attrs["cutpoints"]`` holds the cut-point frame.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": list("ABCDEFGHI"), "year": 1990,
    ...                   "gdppc": [500, 600, 700, 5e3, 6e3, 7e3, 4e4, 5e4, 6e4]})
    >>> z = income_zones(f, value_col="gdppc", method="mixture", min_countries=9)
    >>> z.zone.tolist()[::3]
    ['periphery', 'semi-periphery', 'core']
    """
    cuts = income_cutpoints(
        frame,
        value_col=value_col,
        method=method,
        log=log,
        seed=seed,
        min_countries=min_countries,
        bw_method=bw_method,
        min_share=min_share,
        window=window,
        years=years,
        select=select,
        silverman=silverman,
        silverman_years=silverman_years,
    )
    d = frame[["iso3", "year", value_col]].copy()
    v = pd.to_numeric(d[value_col], errors="coerce").astype(float)
    if log:
        v = np.log(v.where(v > 0))
    d["score"] = v
    d = d[np.isfinite(d["score"])].merge(cuts[["year", "cut_low", "cut_high"]], on="year")
    zone = np.where(
        d["score"] >= d["cut_high"],
        "core",
        np.where(d["score"] >= d["cut_low"], "semi-periphery", "periphery"),
    )
    out = pd.DataFrame(
        {
            "iso3": d["iso3"].to_numpy(),
            "year": d["year"].astype(int).to_numpy(),
            "method": label or "income",
            "zone": zone,
            "score": d["score"].to_numpy(),
        }
    )
    prov.attach(out, prov.get(cuts))
    out.attrs["cutpoints"] = cuts
    return out.reset_index(drop=True)
