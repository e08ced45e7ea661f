"""Ideal points: a dynamic ordinal item-response model of UN General Assembly votes.

:func:`ideal_points` and :func:`ideal_point_model` (with :class:`IdealPointFit`)
fit the model of Bailey, Strezhnev & Voeten (2017) by variational EM as in Imai,
Lo & Olmsted (2016), accelerated by SQUAREM (Varadhan & Roland 2008); the
numerical kernel is :mod:`worldsystem.measures._irt`.

Full references are in the function docstrings.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.provenance import attach, get, set_units
from worldsystem.measures import _irt
from worldsystem.measures.blocs.bridging import bridge_groups, split_discordant
from worldsystem.measures.blocs.votes import (
    SESSION_YEAR_OFFSET,
    _prepare_votes,
    whole_resolution_votes,
)

__all__ = [
    "CITE_BSV",
    "CITE_ILO",
    "DEGENERATE_TOL",
    "MODEL_CHOICES",
    "IdealPointFit",
    "ideal_point_model",
    "ideal_points",
]


#: The values each choice-valued option of :func:`ideal_points` takes (the
#: command line's parsers read them from here). ``bridge`` also takes None.
MODEL_CHOICES: dict[str, tuple[str, ...]] = {
    "bridge": ("title", "descr", "short"),
    "roll_call_set": ("resolutions", "strict", "all"),
    "omega2_by": ("pooled", "country"),
    "omega2_cov": ("observed", "variational"),
    "session_prior_centre": ("zero", "session"),
    "item_prior": ("scaled", "fixed"),
    "se": ("posterior", "bootstrap"),
}

#: Below this, the largest |discrimination| or the range of the ideal points marks a
#: collapsed fit (``diagnostics["degenerate"]``, with a provenance note).
DEGENERATE_TOL = 1e-4


CITE_BSV = (
    "Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state "
    "preferences from United Nations voting data. Journal of Conflict Resolution "
    "61(2), 430-456. doi:10.1177/0022002715595700"
)


CITE_ILO = (
    "Imai, K., Lo, J., & Olmsted, J. (2016). Fast estimation of ideal points with "
    "massive data. American Political Science Review 110(4), 631-656. "
    "doi:10.1017/S000305541600037X"
)


@dataclass
class IdealPointFit:
    """Result of :func:`ideal_point_model`.

    Attributes
    ----------
    ideal_points : DataFrame
        ``iso3, session, year, ideal_point, se`` (one row per country-session with
        votes); the frame returned by :func:`ideal_points`.
    items : DataFrame
        ``item, alpha, beta, sigma, n_votes, n_sessions, bridged, rcids`` with the
        posterior means of the item parameters (``beta`` sign-aligned with the
        anchor) and the point estimate of the error scale.
    diagnostics : dict
        ``iterations``, ``converged``, ``loglik_trace`` (plug-in log-likelihood at
        the start of each iteration), ``change_trace`` (largest absolute change of
        an ideal point per iteration), counts of votes, items and bridges, the
        sign flip applied, and the options used.
    """

    ideal_points: pd.DataFrame
    items: pd.DataFrame
    diagnostics: dict[str, Any] = field(default_factory=dict)


def _leading_vector(mat: np.ndarray, *, n_iter: int = 100, tol: float = 1e-10) -> np.ndarray:
    """First left singular vector of ``mat`` by power iteration on ``mat @ mat.T``.

    Deterministic start (the row sums plus a fixed ramp); a few matrix-vector
    products instead of a full eigendecomposition.
    """
    n = mat.shape[0]
    u = np.abs(mat).sum(axis=1) + np.linspace(1.0, 2.0, n)
    u /= np.linalg.norm(u)
    for _ in range(n_iter):
        w = mat @ (mat.T @ u)
        norm = np.linalg.norm(w)
        if norm == 0:
            break
        w /= norm
        done = np.linalg.norm(w - u) < tol
        u = w
        if done:
            break
    return u


def _initial_points(
    y: np.ndarray,
    unit: np.ndarray,
    rc_index: np.ndarray,
    unit_session: np.ndarray,
    unit_iso3: np.ndarray,
    anchor: tuple[str, int],
) -> np.ndarray:
    """Per-session principal component of the vote matrix, anchor positive, sd 1."""
    n_units = unit_session.shape[0]
    x0 = np.zeros(n_units)
    vote_session = unit_session[unit]
    order = np.argsort(vote_session, kind="stable")
    bounds = np.searchsorted(vote_session[order], np.unique(vote_session), side="left")
    bounds = np.append(bounds, order.shape[0])
    prev: dict[str, float] = {}
    for b0, b1 in itertools.pairwise(bounds):
        idx = order[b0:b1]
        u_inv, u_codes = pd.factorize(unit[idx], sort=True)
        r_inv, r_codes = pd.factorize(rc_index[idx], sort=True)
        mat = np.full((u_codes.shape[0], r_codes.shape[0]), np.nan)
        mat[u_inv, r_inv] = y[idx] - 1.0
        col_mean = np.nanmean(mat, axis=0)
        mat = np.where(np.isnan(mat), col_mean[None, :], mat) - col_mean[None, :]
        if u_codes.shape[0] < 2 or not np.any(mat):
            continue
        uvec = _leading_vector(mat)
        sd = uvec.std()
        score = (uvec - uvec.mean()) / (sd if sd > 0 else 1.0)
        names = unit_iso3[u_codes]
        where_anchor = np.flatnonzero(names == anchor[0])
        if where_anchor.size:
            sign = np.sign(score[where_anchor[0]]) * anchor[1]
        else:  # orient by agreement with the previous session's scores
            common = [i for i, nm in enumerate(names) if nm in prev]
            ref = np.array([prev[names[i]] for i in common])
            sign = np.sign(np.dot(score[common], ref)) if common else 1.0
        score = score * (sign if sign != 0 else 1.0)
        x0[u_codes] = score
        prev = dict(zip(names.tolist(), score.tolist(), strict=True))
    return x0


def _check_choice(name: str, value: Any, allowed: tuple[str, ...], hint: str) -> None:
    """A ModelError naming the option unless ``value`` is one of ``allowed``."""
    if value not in allowed:
        raise ModelError(
            f"{name} must be " + " or ".join(f"'{a}'" for a in allowed),
            field=name,
            value=value,
            hint=hint,
        )


def _positive(name: str, value: Any, hint: str) -> float:
    """``value`` as a float, or a ModelError naming the option unless positive and finite."""
    try:
        out = float(value)
    except (TypeError, ValueError):
        out = float("nan")
    if not (np.isfinite(out) and out > 0):
        raise ModelError(
            f"{name} must be a positive finite number", field=name, value=value, hint=hint
        )
    return out


def ideal_point_model(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame | None = None,
    *,
    dynamic: bool = True,
    bridge: Literal["title", "descr", "short"] | None = "title",
    roll_call_set: Literal["resolutions", "strict", "all"] = "resolutions",
    omega2: float | None = None,
    omega2_by: Literal["pooled", "country"] = "pooled",
    omega2_prior_n: float = 10.0,
    omega2_cov: Literal["observed", "variational"] = "observed",
    omega2_prior_norm: bool = False,
    session_prior_var: float | None = None,
    session_prior_centre: Literal["zero", "session"] = "zero",
    item_prior: Literal["scaled", "fixed"] = "scaled",
    item_prior_var: float | None = None,
    alpha_prior_var: float | None = 25.0,
    bridge_min_corr: float | None = 0.0,
    min_minority: float = 0.025,
    max_iter: int = 1000,
    tol: float = 1e-4,
    se: Literal["posterior", "bootstrap"] = "posterior",
    n_boot: int = 20,
    anchor: tuple[str, int] = ("USA", +1),
    min_votes: int = 1,
    seed: int = 0,
) -> IdealPointFit:
    r"""Fit the dynamic ordinal ideal-point model; return points, items, diagnostics.

    See :func:`ideal_points` for the model, the algorithm and the parameters; this
    function returns the item parameters and the convergence diagnostics as well.

    Returns
    -------
    IdealPointFit
    """
    v = _prepare_votes(votes)
    n_dropped_parts = 0
    if roll_calls is not None and roll_call_set != "all":
        if "rcid" not in roll_calls.columns or "session" not in roll_calls.columns:
            raise SchemaError(
                "roll_calls lacks rcid/session",
                file="roll_calls",
                field="rcid",
                hint="pass the roll-call frame (rcid, session, amend, para, ...)",
            )
        whole = whole_resolution_votes(roll_calls.drop_duplicates("rcid"), roll_call_set)
        keep_rc = v["rcid"].map(whole).fillna(True).to_numpy(dtype=bool)
        n_dropped_parts = int((~keep_rc).sum())
        v = v.loc[keep_rc].reset_index(drop=True)
    elif roll_call_set not in ("resolutions", "strict", "all"):
        whole_resolution_votes(pd.DataFrame({"rcid": [], "session": []}), roll_call_set)
    if not (0.0 <= float(min_minority) < 0.5):
        raise ModelError(
            "min_minority must be a share in [0, 0.5)",
            field="min_minority",
            value=min_minority,
            hint="e.g. 0.025 drops roll calls on which fewer than 2.5% vote apart",
        )
    n_dropped_lopsided = 0
    if min_minority > 0:
        counts = v.groupby(["rcid", "y"]).size().unstack(fill_value=0)
        total = counts.sum(axis=1)
        apart = 1.0 - counts.max(axis=1) / total
        lop = set(apart.index[apart < float(min_minority)].tolist())
        keep_lop = ~v["rcid"].isin(lop).to_numpy()
        n_dropped_lopsided = int((~keep_lop).sum())
        v = v.loc[keep_lop].reset_index(drop=True)
    _check_choice(
        "item_prior", item_prior, ("scaled", "fixed"),
        "'scaled' puts the prior on the standardised item parameters",
    )  # fmt: skip
    prior_var_item = (
        (1.0 if item_prior == "scaled" else 25.0)
        if item_prior_var is None
        else _positive(
            "item_prior_var",
            item_prior_var,
            "e.g. 1.0 for the scaled prior, 25.0 for the fixed one",
        )
    )
    try:
        a_var = None if alpha_prior_var is None else float(alpha_prior_var)
    except (TypeError, ValueError):
        a_var = float("nan")
    if a_var is not None and not a_var > 0:
        raise ModelError(
            "alpha_prior_var must be a positive number, inf or None",
            field="alpha_prior_var",
            value=alpha_prior_var,
            hint="inf puts a flat prior on the item locations; None uses item_prior_var",
        )
    if anchor[1] not in (1, -1):
        raise ModelError(
            "anchor sign must be +1 or -1",
            field="anchor",
            value=anchor,
            hint="e.g. anchor=('USA', +1)",
        )
    if omega2 is not None and (omega2 < 0 or not np.isfinite(omega2)):
        raise ModelError(
            "omega2 (random-walk variance) must be a finite non-negative number or None",
            field="omega2",
            value=omega2,
            hint="None estimates it; 0.1 was the fixed value of Imai, Lo & Olmsted's examples",
        )
    _check_choice(
        "session_prior_centre", session_prior_centre, ("zero", "session"),
        "'session' centres each session's prior at that session's mean",
    )  # fmt: skip
    _check_choice(
        "omega2_cov", omega2_cov, ("observed", "variational"),
        "'observed' takes the M-step's step variances from the observed information",
    )  # fmt: skip
    _check_choice(
        "omega2_by", omega2_by, ("pooled", "country"),
        "'country' estimates one random-walk variance per country",
    )  # fmt: skip
    _positive(
        "omega2_prior_n", omega2_prior_n,
        "e.g. 10: the pooled variance counts as 10 transitions of each country",
    )  # fmt: skip
    if session_prior_var is not None and not (
        np.isfinite(session_prior_var) and session_prior_var > 0
    ):
        raise ModelError(
            "session_prior_var must be a positive finite number or None",
            field="session_prior_var",
            value=session_prior_var,
            hint="e.g. 1.0 puts a N(0, 1) prior on every country-session; None for none",
        )
    if se not in ("posterior", "bootstrap"):
        raise ModelError(
            "se must be 'posterior' or 'bootstrap'", field="se", value=se, hint="pick one"
        )
    if se == "bootstrap" and int(n_boot) < 2:
        raise ModelError(
            "a bootstrap standard error needs at least 2 draws",
            field="n_boot",
            value=n_boot,
            hint="use n_boot >= 20, or se='posterior'",
        )
    # -- items: one per roll call, or per bridge group ---------------------------
    # keys are built per distinct roll call (thousands), not per vote (~10^6)
    rc_u, rc_pos = np.unique(v["rcid"].to_numpy(), return_inverse=True)
    key_u = pd.Series(["R:" + str(r) for r in rc_u.tolist()], index=rc_u, dtype=object)
    n_bridge_groups = 0
    n_split = 0
    if bridge is not None:
        if roll_calls is None:
            raise SchemaError(
                "bridging needs the roll-call frame (its descr/short text)",
                field="roll_calls",
                hint="pass roll_calls=..., or bridge=None to bridge by the random walk only",
            )
        keys = bridge_groups(roll_calls, bridge=bridge)
        if bridge_min_corr is not None:
            before = keys.notna()
            keys = split_discordant(keys, v, min_corr=float(bridge_min_corr)).reindex(keys.index)
            # roll calls left unbridged by the polarity check (a singleton segment)
            n_split = int((before & keys.isna()).sum())
        mapped = keys.reindex(rc_u)
        has = mapped.notna().to_numpy()
        key_u[has] = ["B:" + str(k) for k in mapped[has].tolist()]
        n_bridge_groups = int(keys.nunique())
    key_code_u, key_names = pd.factorize(key_u.to_numpy(), sort=True)
    item_all = key_code_u[rc_pos]
    y_all = v["y"].to_numpy()
    # drop items on which everybody votes alike: they carry no information
    n_cat = np.bincount(item_all * 3 + y_all, minlength=3 * key_names.shape[0]).reshape(-1, 3)
    informative = ((n_cat > 0).sum(axis=1) > 1)[item_all]
    counts = v.loc[informative].groupby("iso3").size()
    keep_c = set(counts[counts >= max(min_votes, 1)].index)
    keep = informative & v["iso3"].isin(keep_c).to_numpy()
    n_dropped = int((~keep).sum())
    v = v.loc[keep].reset_index(drop=True)
    if v.empty:
        raise ModelError(
            "no informative votes: every roll call is unanimous or empty",
            file="votes",
            hint="pass more sessions or countries",
        )
    item, item_u = pd.factorize(item_all[keep], sort=True)
    item_codes = np.asarray(key_names, dtype=object)[item_u]

    # -- units: country-sessions -------------------------------------------------
    country, iso_codes = pd.factorize(v["iso3"].to_numpy(), sort=True)
    time, sess_codes = pd.factorize(v["session"].to_numpy(), sort=True)
    iso_codes = np.asarray(iso_codes, dtype=object)
    sess_codes = np.asarray(sess_codes)
    unit_key = country * sess_codes.shape[0] + time
    unit, unit_codes = pd.factorize(unit_key, sort=True)
    unit_codes = np.asarray(unit_codes)
    unit_country = unit_codes // sess_codes.shape[0]
    unit_time = unit_codes % sess_codes.shape[0]
    if anchor[0] not in set(iso_codes.tolist()):
        raise ModelError(
            "the sign anchor country casts no informative vote",
            field="anchor",
            value=anchor[0],
            hint="choose an anchor present in the votes, e.g. ('USA', +1)",
        )
    rc_index, rc_codes = pd.factorize(v["rcid"].to_numpy(), sort=True)
    y = v["y"].to_numpy()
    x0 = _initial_points(y, unit, rc_index, sess_codes[unit_time], iso_codes[unit_country], anchor)
    w2: float | None = (None if omega2 is None else float(omega2)) if dynamic else 0.0
    uv = None if session_prior_var is None else float(session_prior_var)
    res = _irt.fit(
        y,
        unit,
        item,
        unit_country,
        unit_time,
        x_init=x0,
        omega2=w2,
        omega2_by=omega2_by,
        omega2_prior_n=float(omega2_prior_n),
        omega2_cov=omega2_cov,
        omega2_prior_norm=bool(omega2_prior_norm),
        unit_var=uv,
        unit_centre=session_prior_centre,
        prior_var_item=prior_var_item,
        prior_var_alpha=a_var,
        item_prior=item_prior,
        normalise=True,
        accelerate=True,
        max_iter=max_iter,
        tol=tol,
    )
    # -- sign: anchor's mean ideal point has the anchor sign -----------------------
    a_idx = int(np.flatnonzero(iso_codes == anchor[0])[0])
    a_mean = res.x_mean[unit_country == a_idx].mean()
    flip = -1.0 if np.sign(a_mean) * anchor[1] < 0 else 1.0
    x_mean = flip * res.x_mean
    w2_used = float(res.omega2) if dynamic else 0.0
    w2_units: float | np.ndarray = w2_used
    if dynamic and res.omega2_country is not None:
        w2_units = res.omega2_country
    se_post = np.sqrt(
        _irt.laplace_var(res, unit, item, unit_country, unit_time, omega2=w2_units, unit_var=uv)
    )
    se_out = se_post
    boot_info: dict[str, Any] = {}
    if se == "bootstrap":
        rng = np.random.default_rng(seed)
        draws = np.empty((int(n_boot), x_mean.shape[0]))
        n_conv = 0
        for b in progress.track(range(int(n_boot)), "ideal points: bootstrap replicates"):
            yb = _irt.simulate(res, unit, item, rng)
            rb = _irt.fit(
                yb,
                unit,
                item,
                unit_country,
                unit_time,
                x_init=res.x_mean,
                omega2=w2_units,
                unit_var=uv,
                unit_centre=session_prior_centre,
                prior_var_item=prior_var_item,
                prior_var_alpha=a_var,
                item_prior=item_prior,
                normalise=True,
                accelerate=True,
                max_iter=max_iter,
                tol=tol,
                warm=res,
            )
            n_conv += int(rb.converged)
            draws[b] = flip * rb.x_mean
        se_out = draws.std(axis=0, ddof=1)
        boot_info = {"n_boot": int(n_boot), "boot_converged": n_conv}

    unit_session = sess_codes[unit_time]
    out = pd.DataFrame(
        {
            "iso3": iso_codes[unit_country],
            "session": unit_session.astype(np.int64),
            "year": (unit_session + SESSION_YEAR_OFFSET).astype(np.int64),
            "ideal_point": x_mean,
            "se": se_out,
        }
    )
    n_votes_unit = np.bincount(unit, minlength=unit_codes.shape[0])
    out["n_votes"] = n_votes_unit
    out = out.sort_values(["iso3", "session"], kind="stable").reset_index(drop=True)

    n_item_votes = np.bincount(item, minlength=item_codes.shape[0])
    is_bridged = np.char.startswith(item_codes.astype(str), "B:")
    bridged_sessions = np.unique(v["session"].to_numpy()[is_bridged[item]])
    item_sessions = pd.Series(v["session"].to_numpy()).groupby(item).nunique()
    rcids_per_item = pd.Series(v["rcid"].to_numpy()).groupby(item).unique()
    items = pd.DataFrame(
        {
            "item": item_codes,
            "alpha": res.alpha,
            "beta": flip * res.beta,
            "sigma": np.sqrt(res.sigma2),
            "n_votes": n_item_votes,
            "n_sessions": item_sessions.reindex(np.arange(item_codes.shape[0])).to_numpy(),
            "bridged": is_bridged,
            "rcids": [tuple(sorted(x.tolist())) for x in rcids_per_item],
        }
    )
    # A collapsed fit: every discrimination and every ideal point shrunk to zero (too
    # few votes to separate anyone); the prior then is the whole answer.
    degenerate = bool(
        np.max(np.abs(res.beta), initial=0.0) < DEGENERATE_TOL
        or (x_mean.size > 0 and np.ptp(x_mean) < DEGENERATE_TOL)
    )
    diagnostics = {
        "iterations": res.iterations,
        "converged": res.converged,
        "degenerate": degenerate,
        "loglik_trace": res.loglik_trace,
        "change_trace": res.change_trace,
        "n_votes": int(y.shape[0]),
        "n_votes_dropped_uninformative": n_dropped,
        "n_roll_calls": int(rc_codes.shape[0]),
        "n_items": int(item_codes.shape[0]),
        "n_bridged_items": int(items["bridged"].sum()),
        "n_bridge_keys": n_bridge_groups,
        "n_unbridged_by_polarity_check": n_split,
        "n_votes_dropped_parts": n_dropped_parts,
        "n_votes_dropped_lopsided": n_dropped_lopsided,
        "omega2": w2_used,
        "omega2_country": (
            dict(zip(iso_codes.tolist(), res.omega2_country.tolist(), strict=True))
            if res.omega2_country is not None
            else None
        ),
        "n_sessions_bridged": int(bridged_sessions.shape[0]),
        "n_sessions_bridged_before_1985": int((bridged_sessions < 40).sum()),
        "n_countries": int(iso_codes.shape[0]),
        "n_sessions": int(sess_codes.shape[0]),
        "sign_flipped": bool(flip < 0),
        "options": {
            "dynamic": dynamic,
            "bridge": bridge,
            "roll_call_set": roll_call_set,
            "bridge_min_corr": bridge_min_corr,
            "min_minority": float(min_minority),
            "omega2": "estimated" if (dynamic and w2 is None) else w2,
            "omega2_value": w2_used,
            "omega2_by": omega2_by if (dynamic and w2 is None) else "pooled",
            "omega2_prior_n": float(omega2_prior_n),
            "omega2_cov": omega2_cov,
            "omega2_prior_norm": bool(omega2_prior_norm),
            "session_prior_var": uv,
            "session_prior_centre": session_prior_centre,
            "item_prior": item_prior,
            "item_prior_var": prior_var_item,
            "alpha_prior_var": a_var,
            "max_iter": max_iter,
            "tol": tol,
            "se": se,
            "anchor": list(anchor),
            "seed": seed,
            **boot_info,
        },
    }
    prov = get(votes).with_method(
        "worldsystem.measures.blocs.ideal_points",
        diagnostics["options"],
        citations=("bailey2017estimating", "imai2016fast"),
    )
    attach(out, prov)
    set_units(
        out,
        {
            "ideal_point": "latent scale of the ordinal IRT model (over all country-"
            "sessions of the fit: mean 0, mean of ideal_point^2 + posterior variance 1); "
            "the anchor country is positive",
            "se": f"standard error of ideal_point ({se})",
        },
    )
    out.attrs["diagnostics"] = {
        k: val for k, val in diagnostics.items() if k not in ("loglik_trace", "change_trace")
    }
    if degenerate:
        attach(
            out,
            get(out).with_note(
                "degenerate fit: every discrimination or every ideal point shrank to zero "
                "(too few or too uniform votes to separate countries); the ideal points and "
                "standard errors are the prior's, not the data's"
            ),
        )
    if not res.converged:
        prov = get(out).with_note(
            f"ideal points did not converge in {res.iterations} iterations "
            f"(last max change {res.change_trace[-1] if res.change_trace else float('nan'):.2e}"
            f" > tol {tol})"
        )
        attach(out, prov)
    return IdealPointFit(ideal_points=out, items=items, diagnostics=diagnostics)


def ideal_points(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame | None = None,
    *,
    dynamic: bool = True,
    bridge: Literal["title", "descr", "short"] | None = "title",
    roll_call_set: Literal["resolutions", "strict", "all"] = "resolutions",
    omega2: float | None = None,
    omega2_by: Literal["pooled", "country"] = "pooled",
    omega2_prior_n: float = 10.0,
    omega2_cov: Literal["observed", "variational"] = "observed",
    omega2_prior_norm: bool = False,
    session_prior_var: float | None = None,
    session_prior_centre: Literal["zero", "session"] = "zero",
    item_prior: Literal["scaled", "fixed"] = "scaled",
    item_prior_var: float | None = None,
    alpha_prior_var: float | None = 25.0,
    bridge_min_corr: float | None = 0.0,
    min_minority: float = 0.025,
    max_iter: int = 1000,
    tol: float = 1e-4,
    se: Literal["posterior", "bootstrap"] = "posterior",
    n_boot: int = 20,
    anchor: tuple[str, int] = ("USA", +1),
    min_votes: int = 1,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Dynamic ordinal ideal points of countries from UN General Assembly roll calls.

    The model follows Bailey, Strezhnev & Voeten (2017): each vote is an ordered
    choice no < abstain < yes, each roll call (item) has its own discrimination
    and thresholds, and each country's ideal point drifts across sessions as a
    Gaussian random walk. For country :math:`i`, session :math:`t` and item
    :math:`j`,

    .. math::

        z^*_{ij} = \alpha_j + \beta_j x_{it} + \varepsilon_{ij},\qquad
        \varepsilon_{ij} \sim N(0, \sigma_j^2),

        y_{ij} = \begin{cases} \text{no} & z^*_{ij} < 0 \\
                 \text{abstain} & 0 \le z^*_{ij} < 1 \\
                 \text{yes} & z^*_{ij} \ge 1, \end{cases}

        x_{i,t} \sim N(x_{i,t-1}, \omega^2)
        \ \text{(optionally also } 0 \sim N(x_{i,t}, \tau^2)\text{ on every country-session)},

        \frac{1}{N}\sum_{i,t} x_{it} = 0,\quad
        \frac{1}{N}\sum_{i,t} (x_{it}^2 + V x_{it}) = 1,

        \alpha_j \mid \sigma_j^2 \sim N(0, \sigma_j^2 \lambda_\alpha),\quad
        \beta_j \mid \sigma_j^2 \sim N(0, \sigma_j^2 \lambda),\qquad
        \sigma_j^2 \sim \text{Inv-Gamma}(1, 1),

    with :math:`\lambda` = ``item_prior_var`` (default 1), :math:`\lambda_\alpha`
    = ``alpha_prior_var`` (default 25), :math:`\tau^2` = ``session_prior_var``
    (default None: no per-session term) and :math:`\omega^2` estimated (default).

    Fixing the cutpoints at 0 and 1 and giving each item its own error variance is
    Imai, Lo & Olmsted's (2016) parametrisation of the three-category ordered
    probit; it is equivalent to an ordered probit with unit error variance and
    two free cutpoints per item, and it makes every update closed-form.

    **Estimation.** Variational EM (Imai, Lo & Olmsted 2016, ``ordIRT`` and
    ``dynIRT``) with the factorisation :math:`q(z^*)\,q(x)\,q(\alpha,\beta)`:

    1. :math:`q(z^*_{ij})` is normal truncated to the observed category's
       interval, with mean :math:`E\alpha_j + E\beta_j E x_{it}`;
    2. :math:`q(x_{i\cdot})` is a Gaussian Markov chain per country, computed
       exactly by a Kalman filter and Rauch-Tung-Striebel smoother over its
       sessions, from pseudo-observations with precision
       :math:`\sum_j E[\beta_j^2]/\sigma_j^2`;
    3. :math:`q(\alpha_j, \beta_j)` is a bivariate normal (a Bayesian regression
       of :math:`E z^*` on :math:`(1, x)` accounting for :math:`V(x)`);
    4. :math:`\sigma_j^2` is set to its conditional posterior mode;
    5. :math:`\omega^2` (``omega2=None``, default) is set to its M-step value,
       the mean over all country transitions :math:`t \to t+1` (between a
       country's first and last session) of the smoothed
       :math:`E[(x_{i,t+1} - x_{i,t})^2] = (m_{t+1} - m_t)^2 + P_{t+1} + P_t -
       2 J_t P_{t+1}`, with :math:`J_t P_{t+1}` the lag-one covariance of the
       smoother (Shumway & Stoffer 1982). The means :math:`m_t` are those of
       :math:`q(x)`; the variances :math:`P_t` and gains :math:`J_t` are those of
       the same random walk smoothed with the *observed* information of the
       votes (``omega2_cov="observed"``, default): per country-session
       :math:`\sum_j (E[\beta_j^2] - \beta_j^2 V_j)/\sigma_j^2`, the
       complete-data information of :math:`z^*` minus the missing information
       (Louis 1982), :math:`V_j` the variance of the truncated :math:`z^*`
       in units of :math:`\sigma_j^2`. For a probit vote this is
       :math:`-\partial^2 \log P(y \mid x) / \partial x^2`, so the E-step
       of :math:`\omega^2` is the Laplace approximation of the posterior of
       :math:`x` at its mode (the fixed point of the :math:`q(x)` means solves
       the same score equation). The precision of :math:`q(x)` itself,
       :math:`\sum_j E[\beta_j^2]/\sigma_j^2`, is the complete-data
       information: the mean-field factorisation :math:`q(z^*)q(x)` ignores
       what the truncation leaves unknown, overstates the precision of every
       country-session and so understates :math:`E[(x_{t+1} - x_t)^2]`; with it
       (``omega2_cov="variational"``, the former default) the estimate was 0.013
       pooled units on the 1946-2019 record under the former defaults and is
       0.030 with the observed information (0.029 with the defaults now;
       ``docs/validation.md``). The per-session term
       :math:`0 \sim N(x_{it}, \tau^2)` is read as a pseudo-observation (a ridge
       penalty), not as part of the random-walk prior, so the random walk is
       the only term of the complete-data likelihood holding :math:`\omega^2`.
       ``omega2_prior_norm=True`` reads it instead as part of a normalised prior
       :math:`p(x) \propto \prod_t N(x_t; x_{t-1}, \omega^2) N(x_t; 0,
       \tau^2)`, whose normaliser depends on :math:`\omega^2`; the M-step then
       divides by the prior expected squared steps in units of :math:`\omega^2`
       (fewer than the transitions) instead of their number
       (:func:`worldsystem.measures._irt.increment_stats`).
       With ``omega2_by="country"`` each country :math:`c` has its own
       :math:`\omega_c^2`, set to :math:`(\nu_0 \bar\omega^2 + S_c)/(\nu_0 +
       n_c)`, where :math:`S_c` is the sum of the country's :math:`n_c` smoothed
       squared increments, :math:`\bar\omega^2` the pooled M-step above and
       :math:`\nu_0` = ``omega2_prior_n`` (default 10): the posterior scale
       under a scaled-inverse-:math:`\chi^2` prior worth :math:`\nu_0`
       transitions of mean square :math:`\bar\omega^2` (an empirical-Bayes
       plug-in of the pooled value, so a generalised EM step), so that
       countries whose votes move a lot move a lot in the estimates while a
       short record is pulled to the pooled value. Per-subject evolution
       variances under an inverse-gamma prior are also what MCMCpack's
       ``MCMCdynamicIRT1d`` (Martin & Quinn 2002) samples.

    Each iteration costs a few vectorised passes over the votes (``bincount``
    sums), linear in the number of votes, plus a smoother over countries x
    sessions. Starting values: per session, the first principal component of the
    vote matrix (yes = 1, abstain = 0, no = -1, column-centred), standardised and
    signed so that the anchor is positive.

    **Bridging.** Roll calls that repeat one resolution in several sessions are
    one item with one set of parameters. This is the device of Bailey,
    Strezhnev & Voeten (2017): identical resolutions voted in different sessions
    hold the item fixed, so that a change in voting on them is read as a change
    in the countries' positions. With ``bridge="title"`` (default) a resolution
    is recognised by its normalised title (``descr``; the UN title from 1985) or
    its agenda title (``short``; the only recurring text before 1985, where
    ``descr`` is a per-vote motion): :func:`bridge_groups` gives the rule, and
    :func:`split_discordant` cuts a chain where two successive members order the
    countries voting on both in opposite ways (Pearson r of the vote codes below
    ``bridge_min_corr``, default 0: two motions filed under one agenda title).
    On the 1946-2019 record this bridges 38 of the 39 sessions before 1985
    (session 19 has a single vote); by ``descr`` alone 30 of them had no bridge.

    **Roll calls.** ``roll_call_set="resolutions"`` (default) drops the
    amendment and paragraph votes of sessions 40 on, which the record holds
    beside the vote on the whole resolution (16-40 a session in 52-67 and
    71-72), and keeps those of sessions 1-39, which are most of the record there;
    this is the item set of the published estimates (their vote counts: see
    :func:`~worldsystem.measures.blocs.votes.whole_resolution_votes`).

    **Isolated voters.** In Imai, Lo & Olmsted's parametrisation the
    discrimination of the ordered probit is :math:`\beta_j / \sigma_j`. With a
    prior on :math:`\beta_j` alone (``item_prior="fixed"``, the former default,
    :math:`N(0, 25)`) the error scale leaves it unbounded, and on the many
    lopsided votes where the US (with Israel and a few others) votes "no" alone
    the likelihood is separated: nothing then holds the lone voter's position,
    and the fit put the US at 5.4 pooled SD. Three remedies of the literature
    are applied: ``min_minority=0.025`` (default) drops the lopsided roll calls,
    on which fewer than 2.5% of the votes differ from the most common one, as
    Poole & Rosenthal (1997) do for NOMINATE (about 14% of the votes; the
    published estimates keep them); ``item_prior="scaled"`` puts the prior on
    the standardised parameters, :math:`\beta_j/\sigma_j \sim N(0, \lambda)` and
    :math:`\alpha_j/\sigma_j \sim N(0, \lambda_\alpha)` (the conjugate
    normal-inverse-gamma prior, so every update stays closed-form); and the
    optional per-session term :math:`N(0, \tau^2)` keeps a lone voter's position
    finite. On the 1946-2019 record the lopsided cut is the one that matters: the
    US's largest within-session z-score is 3.8 with the defaults (the published
    estimates: 3.9), and was 4.2 without the cut under the former per-session
    prior; the item prior changed it little (4.0 with the fixed prior, 4.2 with
    the scaled one, both without the cut; ``docs/validation.md``).

    **Identification.** The likelihood is unchanged by :math:`x \to (x - a)/c`,
    :math:`\alpha \to \alpha + \beta a`, :math:`\beta \to c\beta`. With a prior on
    the first session only, this direction is fixed by nothing but that prior and
    the weak item prior, and the random walk lets the scale widen session by
    session (the drift seen on real votes: ``docs/validation.md``). Location
    and scale are therefore fixed by one
    *pooled* constraint over all :math:`N` country-sessions of the record: mean 0
    and mean second moment 1 (the equations above), imposed after every update of
    :math:`q(x)` with the compensating change of the item parameters (a
    parameter-expansion step, which also removes the slow EM drift along this
    direction). This is one location and one scale for the whole record, not a
    per-session standardisation, so changes in the spread over time and the
    movement of single countries are kept; how the metric of one session relates
    to the next is carried by the bridged items (same parameters in every
    session) and the random walk, as in Bailey, Strezhnev & Voeten (2017).
    Nothing else should: a shift :math:`\delta` of every ideal point of session
    :math:`t` with :math:`\alpha_j \to \alpha_j - \beta_j \delta` for the items
    voted only in that session leaves the likelihood unchanged, so any prior
    centred at 0 on the item locations, or on the session's ideal points, is a
    soft per-session location constraint that competes with the bridges. With
    the former defaults (:math:`\lambda_\alpha = \lambda = 1`, :math:`\tau^2 =
    1`) the session means drifted from those of the published estimates by
    about 0.2 in opposite directions in 1966-84 and 2006-19; the location prior
    was most of it (the drift halves with :math:`\lambda_\alpha = 25` or a flat
    location prior, and removing the per-session term changes it little;
    ``docs/validation.md``). The location prior is therefore weak (25,
    the variance of the former fixed item prior) and the per-session term is
    off by default: ``session_prior_var`` adds a :math:`N(0, \tau^2)` term on
    every country-session (a softer per-session pin that shrinks more where
    votes are less informative), ``session_prior_centre="session"`` centres it
    at each session's mean instead of 0. The reflection
    :math:`(x, \beta) \to (-x, -\beta)` is fixed after estimation by making the
    anchor's mean ideal point carry the anchor's sign (the US positive).

    **Convergence.** The EM map is accelerated by SQUAREM (Varadhan & Roland
    2008, scheme S3: two EM steps, an extrapolation along them, one stabilising EM
    step). Iterations stop when the largest absolute change of an ideal point over
    one such cycle is below ``tol``; ``max_iter`` bounds the number of EM-map
    evaluations. ``attrs["diagnostics"]`` records
    the iterations, whether that happened, and the returned frame's provenance
    carries a note when it did not. Variational EM converges to a local optimum;
    the principal-component start puts it near the intended one.

    Parameters
    ----------
    votes : DataFrame
        Long frame ``rcid, session, iso3, vote`` with ``vote`` in
        ``{"yes", "abstain", "no"}`` (or ``vote_code`` 2/1/0). A ``year`` column is
        ignored: the year of a session is always ``session + 1945``.
        Absences and non-membership are simply missing rows.
    roll_calls : DataFrame, optional
        ``rcid, session, descr, short, amend, para, unres``; needed when ``bridge``
        is not None, and for ``roll_call_set``.
    dynamic : bool, default True
        Random-walk ideal points; ``False`` fits one ideal point per country for
        the whole period (:math:`\omega^2 = 0`).
    bridge : {"title", "descr", "short", None}, default "title"
        How recurring resolutions are identified (see :func:`bridge_groups`);
        ``"descr"`` was the former default.
    roll_call_set : {"resolutions", "strict", "all"}, default "resolutions"
        Which roll calls enter (see :func:`whole_resolution_votes`); ``"all"`` was
        the former behaviour.
    omega2 : float or None, default None
        Random-walk variance per session, :math:`\omega^2`, on the pooled unit
        scale; ``None`` estimates it (reported in ``diagnostics["omega2"]``), a
        number fixes it (0.1 was the former default).
    omega2_by : {"pooled", "country"}, default "pooled"
        With ``omega2=None``: one estimated random-walk variance for all
        countries, or one per country shrunk to the pooled value (step 5 above;
        ``diagnostics["omega2_country"]``; ``diagnostics["omega2"]`` is then their
        mean weighted by the number of transitions). Opt-in: against the
        published BSV estimates (July 2025 release, sessions 1-74, 10,450
        country-sessions) it does not raise the median within-country r
        (pooled 0.828; per country 0.826 with :math:`\nu_0 = 10`, 0.820 with
        :math:`\nu_0 = 2`) and lowers the pooled r (0.954; 0.953, 0.950);
        see ``docs/validation.md``.
    omega2_prior_n : float, default 10
        :math:`\nu_0`, the weight of the pooled variance in a country's
        estimate, in transitions (``omega2_by="country"`` only).
    omega2_cov : {"observed", "variational"}, default "observed"
        Which posterior variances of the ideal points enter the M-step of
        :math:`\omega^2` (step 5): the Laplace ones from the observed information
        of the votes, or those of the variational :math:`q(x)` (the former
        default, which understates the steps).
    omega2_prior_norm : bool, default False
        With ``session_prior_var``: take the per-session term as part of a
        normalised prior in the M-step of :math:`\omega^2` (step 5) instead of a
        pseudo-observation.
    session_prior_var : float or None, default None
        :math:`\tau^2` of the :math:`N(0, \tau^2)` term on every country-session;
        ``None`` for the plain random walk (the default; 1.0 was the default
        before the identification check above).
    session_prior_centre : {"zero", "session"}, default "zero"
        Centre of that term: 0, or the session's mean ideal point
        :math:`\mu_t` (:math:`x_{it} \sim N(\mu_t, \tau^2)` with :math:`\mu_t`
        set to its M-step value, the session's mean of the :math:`q(x)` means),
        which leaves the location of each session to the bridges and the random
        walk and keeps only the pull on its spread.
    item_prior : {"scaled", "fixed"}, default "scaled"
        ``"scaled"``: :math:`\beta_j \mid \sigma_j^2 \sim N(0, \sigma_j^2 \lambda)`,
        :math:`\alpha_j \mid \sigma_j^2 \sim N(0, \sigma_j^2 \lambda_\alpha)`;
        ``"fixed"``: the same without the factor :math:`\sigma_j^2` (the former
        default).
    item_prior_var : float or None, default None
        :math:`\lambda`; None: 1 for ``"scaled"`` (a standard normal prior on the
        standardised discrimination), 25 for ``"fixed"``.
    alpha_prior_var : float or None, default 25.0
        Prior variance :math:`\lambda_\alpha` of the item location
        :math:`\alpha_j` alone (scaled by :math:`\sigma_j^2` under
        ``item_prior="scaled"``); None: ``item_prior_var`` (the former
        behaviour), ``float("inf")``: flat. A prior centred at 0 on the locations is also a
        prior on where each session lies: :math:`x_{\cdot t} \to x_{\cdot t} +
        \delta`, :math:`\alpha_j \to \alpha_j - \beta_j \delta` for the
        unbridged items of session :math:`t` leaves the likelihood unchanged, so
        that prior picks :math:`\delta` against the bridges
        (``docs/validation.md``).
    bridge_min_corr : float or None, default 0.0
        Threshold of :func:`split_discordant`; None keeps every bridge.
    min_minority : float, default 0.025
        Drop roll calls on which fewer than this share of the votes differ from
        the most common vote (NOMINATE's 2.5% rule); 0 keeps all (the former
        behaviour).
    max_iter : int, default 1000
    tol : float, default 1e-4
        Convergence threshold on the largest change of an ideal point.
    se : {"posterior", "bootstrap"}, default "posterior"
        ``posterior``: Laplace approximation. The variational :math:`q(x)` has
        precision :math:`\sum_j E\beta_j^2/\sigma_j^2`, which does not depend on
        the country's position and is therefore the same for every country voting
        on the same items (one SE for every such country; see
        ``docs/validation.md``).
        Instead the likelihood of each country-session is approximated by a
        Gaussian whose precision is the expected Fisher information of its
        ordered-probit votes at the estimate,
        :math:`\sum_j (\beta_j/\sigma_j)^2 \sum_k (\phi(l_{jk}) -
        \phi(u_{jk}))^2 / P_{jk}`, combined exactly with the random walk by the
        Kalman smoother. Being an expected information it does not look at the
        votes actually cast either, but it depends on the number of votes and on
        how informative those items are at the country's estimated position; it
        holds the item parameters fixed, so it understates uncertainty somewhat.
        ``bootstrap``: parametric bootstrap, ``n_boot`` vote sets drawn from the
        fitted model with the observed missingness, each refitted from the
        estimate (each refit costs about as much as the fit).
    n_boot : int, default 20
    anchor : (str, int), default ("USA", +1)
        Country whose mean ideal point has the given sign.
    min_votes : int, default 1
        Countries with fewer informative votes over the whole record are dropped.
        Unanimous items are always dropped (they carry no information).
    seed : int, default 0
        Seed of the bootstrap draws (the point estimate is deterministic).

    Returns
    -------
    DataFrame
        ``iso3, session, year, ideal_point, se, n_votes``, one row per
        country-session with informative votes. ``year`` is ``session + 1945``,
        the year the session opened (Bailey, Strezhnev & Voeten's convention), so
        sessions and years map one to one even where a session's votes ran into
        the next calendar year (sessions 6, 19).
        ``attrs["diagnostics"]`` has the convergence record; ``attrs["units"]``
        and ``attrs["provenance"]`` as usual.

    Raises
    ------
    SchemaError
        Missing columns, unknown vote values, duplicated votes.
    ModelError
        Bad options, no informative votes, anchor absent.

    Notes
    -----
    The estimates are on this model's latent scale. Published Bailey-Strezhnev-
    Voeten estimates use their own estimation, bridge list, item set and
    normalisation, so the two series can be expected to agree up to a monotone
    (roughly linear) transformation, not number for number. Agreement with the
    published June 2024 release (``worldsystem blocs ideal-points --compare``)
    is in ``docs/validation.md``.

    References
    ----------
    Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state
    preferences from United Nations voting data. *Journal of Conflict Resolution*
    61(2), 430-456. doi:10.1177/0022002715595700

    Imai, K., Lo, J., & Olmsted, J. (2016). Fast estimation of ideal points with
    massive data. *American Political Science Review* 110(4), 631-656.
    doi:10.1017/S000305541600037X

    Poole, K. T., & Rosenthal, H. (1997). *Congress: A Political-Economic History
    of Roll Call Voting*. Oxford University Press.

    Shumway, R. H., & Stoffer, D. S. (1982). An approach to time series smoothing
    and forecasting using the EM algorithm. *Journal of Time Series Analysis*
    3(4), 253-264. doi:10.1111/j.1467-9892.1982.tb00349.x

    Varadhan, R., & Roland, C. (2008). Simple and globally convergent methods for
    accelerating the convergence of any EM algorithm. *Scandinavian Journal of
    Statistics* 35(2), 335-353. doi:10.1111/j.1467-9469.2007.00585.x

    Examples
    --------
    >>> rows = []
    >>> pos = {"USA": 1.5, "GBR": 1.0, "BRA": 0.0, "CHN": -1.0, "RUS": -1.4}
    >>> for s in (1, 2):
    ...     for j, cut in enumerate([-1.2, -0.5, 0.2, 0.7, 1.2]):
    ...         for c, x in pos.items():
    ...             v = "yes" if x > cut + 0.3 else ("abstain" if x > cut else "no")
    ...             rows.append((10 * s + j, s, c, v))
    >>> votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    >>> est = ideal_points(votes, bridge=None)
    >>> est.groupby("iso3")["ideal_point"].mean().sort_values().index.tolist()
    ['RUS', 'CHN', 'BRA', 'GBR', 'USA']
    """
    return ideal_point_model(
        votes,
        roll_calls,
        dynamic=dynamic,
        bridge=bridge,
        roll_call_set=roll_call_set,
        omega2=omega2,
        omega2_by=omega2_by,
        omega2_prior_n=omega2_prior_n,
        omega2_cov=omega2_cov,
        omega2_prior_norm=omega2_prior_norm,
        session_prior_var=session_prior_var,
        session_prior_centre=session_prior_centre,
        item_prior=item_prior,
        item_prior_var=item_prior_var,
        alpha_prior_var=alpha_prior_var,
        bridge_min_corr=bridge_min_corr,
        min_minority=min_minority,
        max_iter=max_iter,
        tol=tol,
        se=se,
        n_boot=n_boot,
        anchor=anchor,
        min_votes=min_votes,
        seed=seed,
    ).ideal_points
