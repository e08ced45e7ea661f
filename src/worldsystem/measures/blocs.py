"""Blocs: UN General Assembly ideal points, vote agreement, communities, alignment.

Four pure measures (frames in, frames out; no I/O, no clock):

- :func:`ideal_points` (and :func:`ideal_point_model` for the full fit): a dynamic
  ordinal item-response model of UN General Assembly roll calls in the manner of
  Bailey, Strezhnev & Voeten (2017), estimated by variational EM as in Imai, Lo &
  Olmsted (2016);
- :func:`vote_agreement`: share of identical votes and chance-corrected agreement
  (Cohen's kappa, Scott's pi) for every pair of countries per year;
- :func:`communities`: seeded Louvain communities per year of a weighted network
  (alliances, trade, vote agreement) with labels matched across years;
  :func:`alliance_edges` turns an alliance dyad-year frame into such a network;
- :func:`alignment`: distance of every country to the US, China and Russia and a
  bloc assignment (US-aligned / China-Russia-aligned / non-aligned).

Year convention: UNGA session ``s`` opens in September of year ``1945 + s``
(session 1 = 1946, session 74 = 2019); where a frame has no ``year`` column that
is the year attached to a session.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.provenance import attach, get, set_units
from worldsystem.measures import _irt

__all__ = [
    "BLOC_LABELS",
    "SESSION_YEAR_OFFSET",
    "IdealPointFit",
    "alignment",
    "alliance_edges",
    "bridge_groups",
    "communities",
    "ideal_point_model",
    "ideal_points",
    "match_labels",
    "vote_agreement",
]

#: Year of a UNGA session is ``session + SESSION_YEAR_OFFSET`` (session 1 = 1946).
SESSION_YEAR_OFFSET = 1945
#: Below this, the largest |discrimination| or the range of the ideal points marks a
#: collapsed fit (``diagnostics["degenerate"]``, with a provenance note).
DEGENERATE_TOL = 1e-4
#: Vote categories, in order (Voeten's yes=1/abstain=2/no=3 recoded to 2/1/0).
VOTE_CATEGORIES = ("no", "abstain", "yes")
_VOTE_CODE = {"no": 0, "abstain": 1, "yes": 2}
BLOC_LABELS = ("US-aligned", "China-Russia-aligned", "non-aligned")

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
CITE_HAGE = (
    "Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign "
    "policy similarity for chance agreement. Political Analysis 19(3), 287-305. "
    "doi:10.1093/pan/mpr023"
)
CITE_LOUVAIN = (
    "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast "
    "unfolding of communities in large networks. J. Stat. Mech. P10008. "
    "doi:10.1088/1742-5468/2008/10/P10008"
)


# --------------------------------------------------------------------------- #
# Input handling
# --------------------------------------------------------------------------- #
def _prepare_votes(votes: pd.DataFrame, *, name: str = "votes") -> pd.DataFrame:
    """Validate a long vote frame; return rcid, session, iso3, y (0/1/2), year."""
    if not isinstance(votes, pd.DataFrame):
        raise SchemaError(
            f"{name} must be a pandas DataFrame, found {type(votes).__name__}",
            hint="pass a long frame with columns rcid, session, iso3, vote",
        )
    missing = [c for c in ("rcid", "session", "iso3") if c not in votes.columns]
    if missing:
        raise SchemaError(
            f"{name} lacks required column(s) {missing}; found {list(votes.columns)}",
            file=name,
            field=missing[0],
            hint="pass a long frame with columns rcid, session, iso3 and vote (or vote_code)",
        )
    if "vote" in votes.columns:
        raw = votes["vote"].astype(str).str.strip().str.lower()
        y = raw.map(_VOTE_CODE)
        bad = y.isna()
        if bad.any():
            raise SchemaError(
                "vote must be one of 'yes', 'abstain', 'no'",
                file=name,
                field="vote",
                value=votes.loc[bad, "vote"].iloc[0],
                hint="drop absences and non-members, or recode Voeten's 1/2/3 to yes/abstain/no",
            )
        y = y.to_numpy(dtype=np.int64)
    elif "vote_code" in votes.columns:
        y = pd.to_numeric(votes["vote_code"], errors="coerce").to_numpy()
        bad = ~np.isin(y, (0, 1, 2))
        if bad.any():
            raise SchemaError(
                "vote_code must be 2 (yes), 1 (abstain) or 0 (no)",
                file=name,
                field="vote_code",
                value=votes["vote_code"].to_numpy()[bad][0],
                hint="drop absences and non-members before calling",
            )
        y = y.astype(np.int64)
    else:
        raise SchemaError(
            f"{name} has neither a 'vote' nor a 'vote_code' column",
            file=name,
            field="vote",
            hint="add vote (yes/abstain/no) or vote_code (2/1/0)",
        )
    iso3 = votes["iso3"]
    if iso3.isna().any():
        raise SchemaError(
            "iso3 has missing values",
            file=name,
            field="iso3",
            hint="map every country to an ISO3 code (or a stable placeholder) first",
        )
    session = pd.to_numeric(votes["session"], errors="coerce")
    if session.isna().any() or (session != session.round()).any():
        bad = votes.loc[session.isna() | (session != session.round()), "session"].iloc[0]
        raise SchemaError(
            "session must be a whole number",
            file=name,
            field="session",
            value=bad,
            hint="UNGA session numbers: 1 (1946) to 74 (2019)",
        )
    out = pd.DataFrame(
        {
            "rcid": votes["rcid"].to_numpy(),
            "session": session.to_numpy().astype(np.int64),
            "iso3": iso3.astype(str).to_numpy(),
            "y": y,
        }
    )
    # One year per session (its opening year), whatever calendar dates the votes carry,
    # so that agreement "by year" and ideal points share the same periods.
    out["year"] = out["session"] + SESSION_YEAR_OFFSET
    dup = out.duplicated(["rcid", "iso3"])
    if dup.any():
        row = out.loc[dup].iloc[0]
        raise SchemaError(
            "a country votes more than once on a roll call",
            file=name,
            field="rcid",
            value=(row["rcid"], row["iso3"]),
            hint="keep one vote per (rcid, iso3); merged states need distinct codes",
        )
    return out


_NORM_RE = re.compile(r"[^A-Z ]+")
# boilerplate the UN library appended to titles in sessions 58-70 only
_BOILER_RE = re.compile(r"\s*:?\s*RESOLUTION\s*/\s*ADOPTED BY THE GENERAL ASSEMBLY.*$")
_ORDINAL_RE = re.compile(
    r"\b(?:\d+(?:ST|ND|RD|TH)|(?:TWENTY|THIRTY|FORTY|FIFTY|SIXTY|SEVENTY|EIGHTY|NINETY)?"
    r"-?(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|SIXTH|SEVENTH|EIGHTH|NINTH|TENTH|ELEVENTH|"
    r"TWELFTH|THIRTEENTH|FOURTEENTH|FIFTEENTH|SIXTEENTH|SEVENTEENTH|EIGHTEENTH|NINETEENTH|"
    r"TWENTIETH|THIRTIETH|FORTIETH|FIFTIETH|SIXTIETH|SEVENTIETH|EIGHTIETH|NINETIETH|"
    r"HUNDREDTH)|ANNIVERSARY)\b"
)
_MONTH_RE = re.compile(
    r"\b(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|"
    r"DECEMBER)\b"
)
_ROMAN_RE = re.compile(r"\(\s*[IVXLC]+\s*\)")
_PART_RE = re.compile(r"/\s*\d+\s*([A-Z]{1,2})\s*$")


def _normalise_text(text: pd.Series) -> pd.Series:
    """Normalised resolution title: no session numbers, dates, ordinals or boilerplate.

    Upper case; the library's suffix ": resolution / adopted by the General
    Assembly" (present in sessions 58-70 only) cut; session numbers in Roman
    numerals "(XXIX)", ordinals ("fiftieth", "21st"), month names, digits and
    punctuation dropped; single spaces.
    """
    t = text.fillna("").astype(str).str.upper()
    t = t.str.replace(_BOILER_RE, "", regex=True).str.replace(_ROMAN_RE, " ", regex=True)
    t = t.str.replace(_ORDINAL_RE, " ", regex=True).str.replace(_MONTH_RE, " ", regex=True)
    t = t.str.replace(_NORM_RE, " ", regex=True)
    return t.str.split().str.join(" ").fillna("")


def _resolution_part(unres: pd.Series) -> pd.Series:
    """Letter suffix of a resolution code ("R/40/151A" -> "A"; none -> "")."""
    part = unres.fillna("").astype(str).str.upper().str.extract(_PART_RE, expand=False)
    return part.fillna("")


def bridge_groups(
    roll_calls: pd.DataFrame,
    *,
    bridge: Literal["descr", "short"] = "descr",
    min_chars: int = 15,
) -> pd.Series:
    """Bridge keys: roll calls that repeat the same resolution across sessions.

    A roll call's key is its ``descr`` (or ``short``) title normalised so that the
    annual repeats of a resolution coincide: upper case; the UN library's suffix
    ": resolution / adopted by the General Assembly" (added in sessions 58-70 only)
    removed; Roman-numeral session references, ordinals ("fiftieth"), month names,
    digits (document, session and resolution numbers, dates) and punctuation
    dropped. When ``unres`` is present its letter suffix (``R/40/151A`` -> ``A``)
    is appended, so the lettered parts of one omnibus resolution ("Israeli
    practices ... A, B, C") bridge part to part. Roll calls in different sessions
    with the same key are treated as the same item. A roll call is bridged only
    when (a) its key is at least ``min_chars`` characters long, (b) it is a vote
    on a whole resolution (``amend`` and ``para`` not 1, where coded), (c) its key
    occurs once in its session (a key repeated inside a session is ambiguous;
    those roll calls stay separate items) and (d) the key occurs, so, in at least
    two sessions.

    Parameters
    ----------
    roll_calls : DataFrame
        Columns ``rcid``, ``session`` and the text column named by ``bridge``;
        optional ``unres``, ``amend``, ``para``.
    bridge : {"descr", "short"}
        Which text identifies a recurring resolution. ``descr`` (the resolution
        text or title) is the default; ``short`` titles are generic
        ("DISARMAMENT") in early sessions and bridge more loosely.
    min_chars : int, default 15
        Shortest key used.

    Returns
    -------
    Series
        Indexed by ``rcid``: the key, or ``NA`` for roll calls not bridged.

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": [1, 2, 3], "session": [1, 2, 2],
    ...     "descr": ["Question of Cyprus (A/RES/1/10)",
    ...               "QUESTION OF CYPRUS A/RES/2/11 : resolution / adopted by the General "
    ...               "Assembly", "Budget"]})
    >>> keys = bridge_groups(rc)
    >>> keys.iloc[0] == keys.iloc[1] == "QUESTION OF CYPRUS A RES", bool(keys.isna().iloc[2])
    (True, True)
    """
    if bridge not in ("descr", "short"):
        raise SchemaError(
            "bridge must be 'descr', 'short' or None",
            field="bridge",
            value=bridge,
            hint="use bridge='descr' (default) or bridge=None for no bridging",
        )
    missing = [c for c in ("rcid", "session", bridge) if c not in roll_calls.columns]
    if missing:
        raise SchemaError(
            f"roll_calls lacks column(s) {missing} needed for bridging",
            file="roll_calls",
            field=missing[0],
            hint="pass the roll-call frame (rcid, session, descr, short) or bridge=None",
        )
    rc = roll_calls.drop_duplicates("rcid")
    key = _normalise_text(rc[bridge])
    ok = (key.str.len() >= min_chars).to_numpy().copy()
    if "unres" in rc.columns:
        part = _resolution_part(rc["unres"])
        key = key.where(part == "", key + " | " + part)
    for col in ("amend", "para"):
        if col in rc.columns:
            flag = pd.to_numeric(rc[col], errors="coerce").fillna(0).to_numpy()
            ok &= flag != 1
    frame = pd.DataFrame({"session": rc["session"].to_numpy(), "key": key.to_numpy()})
    frame = frame[ok]
    per_session = frame.groupby(["key", "session"])["session"].transform("size")
    frame = frame[per_session.to_numpy() == 1]
    n_sessions = frame.groupby("key")["session"].transform("nunique")
    good = frame.index[n_sessions.to_numpy() >= 2]
    out = pd.Series(pd.NA, index=np.arange(len(rc)), dtype="string")
    out.iloc[good] = frame.loc[good, "key"].to_numpy()
    out.index = rc["rcid"].to_numpy()
    out.name = "key"
    return out


# --------------------------------------------------------------------------- #
# Ideal points
# --------------------------------------------------------------------------- #
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


def ideal_point_model(
    votes: pd.DataFrame,
    roll_calls: pd.DataFrame | None = None,
    *,
    dynamic: bool = True,
    bridge: Literal["descr", "short"] | None = "descr",
    omega2: float = 0.1,
    session_prior_var: float | None = None,
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
    if anchor[1] not in (1, -1):
        raise ModelError(
            "anchor sign must be +1 or -1",
            field="anchor",
            value=anchor,
            hint="e.g. anchor=('USA', +1)",
        )
    if omega2 < 0 or not np.isfinite(omega2):
        raise ModelError(
            "omega2 (random-walk variance) must be a finite non-negative number",
            field="omega2",
            value=omega2,
            hint="the default 0.1 follows Imai, Lo & Olmsted's dynIRT examples",
        )
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
    rc_keys = pd.Series(v["rcid"].astype(str).to_numpy(), index=v.index)
    n_bridge_groups = 0
    if bridge is not None:
        if roll_calls is None:
            raise SchemaError(
                "bridging needs the roll-call frame (its descr/short text)",
                field="roll_calls",
                hint="pass roll_calls=..., or bridge=None to bridge by the random walk only",
            )
        keys = bridge_groups(roll_calls, bridge=bridge)
        mapped = v["rcid"].map(keys)
        bridged_key = "B:" + mapped.astype(object).where(mapped.notna(), "").astype(str)
        rc_keys = bridged_key.where(mapped.notna(), "R:" + rc_keys)
        n_bridge_groups = int(keys.nunique())
    # drop items on which everybody votes alike: they carry no information
    item, item_codes = pd.factorize(rc_keys.to_numpy(), sort=True)
    ymin = np.full(item_codes.shape[0], 3)
    ymax = np.full(item_codes.shape[0], -1)
    np.minimum.at(ymin, item, v["y"].to_numpy())
    np.maximum.at(ymax, item, v["y"].to_numpy())
    informative = (ymax > ymin)[item]
    counts = v.loc[informative].groupby("iso3").size()
    keep_c = set(counts[counts >= max(min_votes, 1)].index)
    keep = informative & v["iso3"].isin(keep_c).to_numpy()
    n_dropped = int((~keep).sum())
    v = v.loc[keep].reset_index(drop=True)
    rc_keys = rc_keys.loc[keep].reset_index(drop=True)
    if v.empty:
        raise ModelError(
            "no informative votes: every roll call is unanimous or empty",
            file="votes",
            hint="pass more sessions or countries",
        )
    item, item_codes = pd.factorize(rc_keys.to_numpy(), sort=True)

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
    w2 = float(omega2) if dynamic else 0.0
    uv = None if session_prior_var is None else float(session_prior_var)
    res = _irt.fit(
        y,
        unit,
        item,
        unit_country,
        unit_time,
        x_init=x0,
        omega2=w2,
        unit_var=uv,
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
    se_post = np.sqrt(
        _irt.laplace_var(res, unit, item, unit_country, unit_time, omega2=w2, unit_var=uv)
    )
    se_out = se_post
    boot_info: dict[str, Any] = {}
    if se == "bootstrap":
        rng = np.random.default_rng(seed)
        draws = np.empty((int(n_boot), x_mean.shape[0]))
        n_conv = 0
        for b in range(int(n_boot)):
            yb = _irt.simulate(res, unit, item, rng)
            rb = _irt.fit(
                yb,
                unit,
                item,
                unit_country,
                unit_time,
                x_init=res.x_mean,
                omega2=w2,
                unit_var=uv,
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
            "bridged": np.char.startswith(item_codes.astype(str), "B:"),
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
        "n_countries": int(iso_codes.shape[0]),
        "n_sessions": int(sess_codes.shape[0]),
        "sign_flipped": bool(flip < 0),
        "options": {
            "dynamic": dynamic,
            "bridge": bridge,
            "omega2": w2,
            "session_prior_var": uv,
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
        citations=("bailey_strezhnev_voeten_2017", "imai_lo_olmsted_2016"),
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
    bridge: Literal["descr", "short"] | None = "descr",
    omega2: float = 0.1,
    session_prior_var: float | None = None,
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

        x_{i,t} \sim N(x_{i,t-1}, \omega^2),\qquad x_{i,t_0(i)} \sim N(0, 1),
        \qquad \frac{1}{N}\sum_{i,t} x_{it} = 0,\quad
        \frac{1}{N}\sum_{i,t} (x_{it}^2 + V x_{it}) = 1,

        (\alpha_j, \beta_j) \sim N(0, 25 I),\qquad
        \sigma_j^2 \sim \text{Inv-Gamma}(1, 1).

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
    4. :math:`\sigma_j^2` is set to its conditional posterior mode.

    Each iteration costs a few vectorised passes over the votes (``bincount``
    sums), linear in the number of votes, plus a smoother over countries x
    sessions. Starting values: per session, the first principal component of the
    vote matrix (yes = 1, abstain = 0, no = -1, column-centred), standardised and
    signed so that the anchor is positive.

    **Bridging.** With ``bridge="descr"`` (default), roll calls whose normalised
    resolution text recurs verbatim in other sessions are one item with one set
    of parameters (:func:`bridge_groups` gives the exact rule). This is the
    device of Bailey, Strezhnev & Voeten (2017): identical resolutions voted in
    different sessions hold the item fixed, so that a change in voting on them is
    read as a change in the countries' positions. Without bridges, comparability
    over time rests only on the random-walk prior.

    **Identification.** The likelihood is unchanged by :math:`x \to (x - a)/c`,
    :math:`\alpha \to \alpha + \beta a`, :math:`\beta \to c\beta`. With a prior on
    the first session only, this direction is fixed by nothing but that prior and
    the weak item prior, and the random walk lets the scale widen session by
    session (extreme countries such as the US drifted to 9 on the old fit while
    most stayed within -4..4). Location and scale are therefore fixed by one
    *pooled* constraint over all :math:`N` country-sessions of the record: mean 0
    and mean second moment 1 (the equations above), imposed after every update of
    :math:`q(x)` with the compensating change of the item parameters (a
    parameter-expansion step, which also removes the slow EM drift along this
    direction). This is one location and one scale for the whole record, not a
    per-session standardisation, so changes in the spread over time and the
    movement of single countries are kept; how the metric of one session relates
    to the next is carried by the bridged items (same parameters in every
    session) and the random walk. Optionally ``session_prior_var`` adds a
    :math:`N(0, \tau^2)` prior on every country-session as well (a
    softer, per-session pin; it shrinks more where votes are less informative, so
    it is off by default). The reflection
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
        ``rcid, session, descr, short, ...``; needed when ``bridge`` is not None.
    dynamic : bool, default True
        Random-walk ideal points; ``False`` fits one ideal point per country for
        the whole period (:math:`\omega^2 = 0`).
    bridge : {"descr", "short", None}, default "descr"
        How recurring resolutions are identified (see :func:`bridge_groups`).
    omega2 : float, default 0.1
        Random-walk variance per session, :math:`\omega^2` (on the pooled unit
        scale: a typical country moves about 0.3 SD a session).
    session_prior_var : float or None, default None
        If set, a :math:`N(0, \tau^2)` prior on every country-session in addition
        to the random walk (:math:`\tau^2` = this value).
    max_iter : int, default 1000
    tol : float, default 1e-4
        Convergence threshold on the largest change of an ideal point.
    se : {"posterior", "bootstrap"}, default "posterior"
        ``posterior``: Laplace approximation. The variational :math:`q(x)` has
        precision :math:`\sum_j E\beta_j^2/\sigma_j^2`, which does not depend on
        the country's position and is therefore the same for every country voting
        on the same items (it gave SE 0.1277 for the US, the UK, India and Brazil
        alike).
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
    (roughly linear) transformation, not number for number. In this data set the
    ``descr`` text of sessions before about 40 (1985) is a per-vote motion
    ("TO ADOPT THE DRAFT RESOL. (A/8106) ...") that rarely repeats, so bridges are
    dense from the 1980s on (half to nine tenths of the roll calls of a session)
    and sparse before; there the metric rests mostly on the random walk.

    References
    ----------
    Bailey, M. A., Strezhnev, A., & Voeten, E. (2017). Estimating dynamic state
    preferences from United Nations voting data. *Journal of Conflict Resolution*
    61(2), 430-456. doi:10.1177/0022002715595700

    Imai, K., Lo, J., & Olmsted, J. (2016). Fast estimation of ideal points with
    massive data. *American Political Science Review* 110(4), 631-656.
    doi:10.1017/S000305541600037X

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
        omega2=omega2,
        session_prior_var=session_prior_var,
        max_iter=max_iter,
        tol=tol,
        se=se,
        n_boot=n_boot,
        anchor=anchor,
        min_votes=min_votes,
        seed=seed,
    ).ideal_points


# --------------------------------------------------------------------------- #
# Vote agreement
# --------------------------------------------------------------------------- #
def vote_agreement(
    votes: pd.DataFrame,
    *,
    by: Literal["year", "session"] = "year",
    min_common: int = 1,
) -> pd.DataFrame:
    r"""Share of identical votes and chance-corrected agreement for every pair.

    For countries :math:`a, b` and the :math:`n_{ab}` roll calls of a period on
    which both voted (yes, abstain or no), with :math:`p_a(k)` the share of those
    roll calls on which :math:`a` voted :math:`k`:

    .. math::

        p_o = \frac{1}{n_{ab}} \sum_r 1[v_{ar} = v_{br}],\qquad
        \kappa = \frac{p_o - \sum_k p_a(k) p_b(k)}{1 - \sum_k p_a(k) p_b(k)},\qquad
        \pi = \frac{p_o - \sum_k \bar p(k)^2}{1 - \sum_k \bar p(k)^2},
        \quad \bar p(k) = \tfrac{1}{2}(p_a(k) + p_b(k)).

    ``kappa`` is Cohen's kappa and ``pi`` Scott's pi over the three categories, the
    chance-corrected measures recommended by Häge (2011). Both are undefined
    (NaN) when the expected agreement is 1 (both countries cast one and the same
    category throughout). Computed with matrix products of one-hot vote matrices
    per period (no loop over pairs).

    Parameters
    ----------
    votes : DataFrame
        ``rcid, session, iso3, vote`` (or ``vote_code``); a ``year`` column is ignored.
    by : {"year", "session"}, default "year"
        Period. ``year`` is the session's opening year, ``session + 1945``, so
        ``"year"`` and ``"session"`` group the same votes and differ only in the label.
    min_common : int, default 1
        Pairs with fewer common roll calls are left out.

    Returns
    -------
    DataFrame
        ``iso3_a, iso3_b, year`` (or ``session``), ``n_common, agree_share, kappa,
        pi``; one row per unordered pair with ``iso3_a < iso3_b``. Undirected.

    References
    ----------
    Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign
    policy similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    doi:10.1093/pan/mpr023

    Examples
    --------
    >>> v = pd.DataFrame({"rcid": [1, 1, 2, 2], "session": 1, "iso3": ["A", "B"] * 2,
    ...                   "vote": ["yes", "yes", "no", "yes"]})
    >>> vote_agreement(v)[["iso3_a", "iso3_b", "n_common", "agree_share"]].to_dict("records")
    [{'iso3_a': 'A', 'iso3_b': 'B', 'n_common': 2, 'agree_share': 0.5}]
    """
    if by not in ("year", "session"):
        raise SchemaError("by must be 'year' or 'session'", field="by", value=by, hint="pick one")
    v = _prepare_votes(votes)
    frames = []
    for period, grp in v.groupby(by, sort=True):
        iso, ci = np.unique(grp["iso3"].to_numpy(), return_inverse=True)
        _, ri = np.unique(grp["rcid"].to_numpy(), return_inverse=True)
        n_c, n_r = iso.shape[0], int(ri.max()) + 1
        if n_c < 2:
            continue
        onehot = np.zeros((3, n_c, n_r))
        onehot[grp["y"].to_numpy(), ci, ri] = 1.0
        present = onehot.sum(axis=0)
        n_common = present @ present.T
        agree = sum(onehot[k] @ onehot[k].T for k in range(3))
        # cnt[k][a, b]: roll calls where a voted k and b voted at all
        cnt = [onehot[k] @ present.T for k in range(3)]
        ia, ib = np.triu_indices(n_c, k=1)
        n_ab = n_common[ia, ib]
        ok = n_ab >= max(min_common, 1)
        ia, ib, n_ab = ia[ok], ib[ok], n_ab[ok]
        p_o = agree[ia, ib] / n_ab
        pa = np.stack([cnt[k][ia, ib] for k in range(3)]) / n_ab
        pb = np.stack([cnt[k][ib, ia] for k in range(3)]) / n_ab
        pe_k = (pa * pb).sum(axis=0)
        pe_pi = (((pa + pb) / 2.0) ** 2).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            kappa = np.where(pe_k < 1.0 - 1e-12, (p_o - pe_k) / (1.0 - pe_k), np.nan)
            pi = np.where(pe_pi < 1.0 - 1e-12, (p_o - pe_pi) / (1.0 - pe_pi), np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "iso3_a": iso[ia],
                    "iso3_b": iso[ib],
                    by: np.int64(period),
                    "n_common": n_ab.astype(np.int64),
                    "agree_share": p_o,
                    "kappa": kappa,
                    "pi": pi,
                }
            )
        )
    cols = ["iso3_a", "iso3_b", by, "n_common", "agree_share", "kappa", "pi"]
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=cols)
    out = out[cols]
    out.attrs["directed"] = False
    attach(
        out,
        get(votes).with_method(
            "worldsystem.measures.blocs.vote_agreement",
            {"by": by, "min_common": min_common},
            citations=("hage_2011",),
        ),
    )
    set_units(
        out,
        {
            "agree_share": "share of common roll calls with identical votes (0-1)",
            "kappa": "Cohen's kappa over yes/abstain/no (-1 to 1)",
            "pi": "Scott's pi over yes/abstain/no (-1 to 1)",
            "n_common": "roll calls on which both voted",
        },
    )
    return out


# --------------------------------------------------------------------------- #
# Communities
# --------------------------------------------------------------------------- #
def _jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match_labels(
    previous: dict[int, set],
    current: Sequence[set],
    *,
    next_label: int,
    min_jaccard: float = 0.1,
) -> tuple[list[int], int]:
    r"""Give ``current`` communities the labels of the ``previous`` ones they continue.

    The assignment maximises total Jaccard overlap
    :math:`J(A, B) = |A \cap B| / |A \cup B|` between previous and current
    communities (Hungarian algorithm, :func:`scipy.optimize.linear_sum_assignment`);
    a matched pair with :math:`J \ge` ``min_jaccard`` keeps the previous label.
    Unmatched current communities get new labels ``next_label, next_label + 1, ...``
    in order of decreasing size (ties: smallest member first).

    Parameters
    ----------
    previous : dict of int to set
        Labelled communities of the previous period.
    current : sequence of set
        Unlabelled communities of this period.
    next_label : int
        First unused label.
    min_jaccard : float, default 0.1

    Returns
    -------
    labels : list of int
        Label of each community in ``current``.
    next_label : int
        The next unused label.

    Examples
    --------
    >>> match_labels({0: {"A", "B", "C"}, 1: {"D", "E"}}, [{"D", "E", "F"}, {"A", "B"}],
    ...              next_label=2)
    ([1, 0], 2)
    """
    from scipy.optimize import linear_sum_assignment

    labels = [-1] * len(current)
    prev_items = sorted(previous.items())
    if prev_items and current:
        sim = np.array([[_jaccard(c, p) for _, p in prev_items] for c in current])
        rows, cols = linear_sum_assignment(-sim)
        for r, c in zip(rows, cols, strict=True):
            if sim[r, c] >= min_jaccard and sim[r, c] > 0:
                labels[r] = prev_items[c][0]
    new = [i for i, lab in enumerate(labels) if lab < 0]
    new.sort(key=lambda i: (-len(current[i]), min(map(str, current[i])) if current[i] else ""))
    for i in new:
        labels[i] = next_label
        next_label += 1
    return labels, next_label


def communities(
    edges: pd.DataFrame,
    *,
    weight_col: str | None = "weight",
    years: Iterable[int] | None = None,
    method: Literal["louvain", "leiden"] = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
    source: str | None = None,
    target: str | None = None,
    min_jaccard: float = 0.1,
) -> pd.DataFrame:
    r"""Communities per year of a weighted network, with labels stable across years.

    Each year's undirected graph (edge weights summed over both directions and
    duplicate rows) is partitioned by modularity maximisation: Louvain (Blondel et
    al. 2008) via :func:`networkx.community.louvain_communities` with the given
    ``seed``, or Leiden (Traag, Waltman & van Eck 2019) when ``method="leiden"`` and
    ``igraph``/``leidenalg`` are installed. The modularity maximised is

    .. math::

        Q = \frac{1}{2m} \sum_{ij} \Big(A_{ij} - \gamma \frac{k_i k_j}{2m}\Big)
            \delta(c_i, c_j)

    with :math:`\gamma` = ``resolution``. Labels are then matched across years by
    :func:`match_labels` (Hungarian assignment on Jaccard overlap with the previous
    year's communities), so a bloc keeps its integer label while it continues, and a
    new bloc gets a new label. In the first year labels follow decreasing size.
    Countries without an edge in a year do not appear in that year.

    Parameters
    ----------
    edges : DataFrame
        Edge list with ``year``, two country columns (``iso3_o``/``iso3_d`` or
        ``iso3_a``/``iso3_b``, or ``source``/``target`` as given) and a weight.
    weight_col : str or None, default "weight"
        Non-negative edge weight; ``None`` for unweighted.
    years : iterable of int, optional
        Years to use (default: all in ``edges``).
    method : {"louvain", "leiden"}
    seed : int, default 0
    resolution : float, default 1.0
    source, target : str, optional
        Country columns (default: detected).
    min_jaccard : float, default 0.1
        Least overlap for a community to continue a previous one.

    Returns
    -------
    DataFrame
        ``iso3, year, community`` (int label, stable across years).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
    unfolding of communities in large networks. *J. Stat. Mech.* P10008.
    doi:10.1088/1742-5468/2008/10/P10008

    Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden:
    guaranteeing well-connected communities. *Scientific Reports* 9, 5233.
    doi:10.1038/s41598-019-41695-z

    Examples
    --------
    >>> e = pd.DataFrame({"iso3_o": ["A", "A", "B", "D", "D", "E"],
    ...                   "iso3_d": ["B", "C", "C", "E", "F", "F"],
    ...                   "year": 2000, "weight": 1.0})
    >>> communities(e).groupby("community")["iso3"].apply(list).tolist()
    [['A', 'B', 'C'], ['D', 'E', 'F']]
    """
    import networkx as nx

    if source is None or target is None:
        for s, t in (("iso3_o", "iso3_d"), ("iso3_a", "iso3_b"), ("source", "target")):
            if s in edges.columns and t in edges.columns:
                source, target = s, t
                break
    need = [c for c in (source, target, "year") if c is None or c not in edges.columns]
    if weight_col is not None and weight_col not in edges.columns:
        need.append(weight_col)
    if need:
        raise SchemaError(
            f"edges lack column(s) {need}; found {list(edges.columns)}",
            file="edges",
            field=str(need[0]),
            hint="pass iso3_o, iso3_d, year and the weight column (or source=/target=)",
        )
    if method not in ("louvain", "leiden"):
        raise ModelError(
            "method must be 'louvain' or 'leiden'", field="method", value=method, hint="pick one"
        )
    e = edges[[source, target, "year"]].copy()
    e.columns = ["a", "b", "year"]
    e["w"] = 1.0 if weight_col is None else pd.to_numeric(edges[weight_col]).to_numpy()
    if (e["w"] < 0).any() or e["w"].isna().any():
        raise ModelError(
            "community detection needs non-negative, non-missing edge weights",
            field=weight_col,
            value=e.loc[(e["w"] < 0) | e["w"].isna(), "w"].iloc[0],
            hint="use agree_share (not kappa) for votes, or clip negative weights at 0",
        )
    e = e[(e["a"] != e["b"]) & (e["w"] > 0)]
    lo = e[["a", "b"]].min(axis=1)
    hi = e[["a", "b"]].max(axis=1)
    e = e.assign(a=lo, b=hi).groupby(["year", "a", "b"], as_index=False)["w"].sum()
    year_list = sorted(set(e["year"].tolist()) if years is None else {int(y) for y in years})

    use_leiden = False
    if method == "leiden":
        try:
            import igraph  # noqa: F401
            import leidenalg  # noqa: F401

            use_leiden = True
        except ImportError as exc:
            raise ModelError(
                "method='leiden' needs the igraph and leidenalg packages",
                field="method",
                value=method,
                hint="install python-igraph and leidenalg, or use method='louvain'",
            ) from exc

    rows = []
    previous: dict[int, set] = {}
    next_label = 0
    for yr in year_list:
        ey = e[e["year"] == yr]
        if ey.empty:
            previous = {}
            continue
        nodes = sorted(set(ey["a"]) | set(ey["b"]))
        if use_leiden:
            parts = _leiden(nodes, ey, seed=seed, resolution=resolution)
        else:
            graph = nx.Graph()
            graph.add_nodes_from(nodes)
            graph.add_weighted_edges_from(
                zip(ey["a"].tolist(), ey["b"].tolist(), ey["w"].tolist(), strict=True)
            )
            parts = nx.community.louvain_communities(
                graph, weight="weight", resolution=resolution, seed=seed
            )
        parts = [set(p) for p in parts]
        labels, next_label = match_labels(
            previous, parts, next_label=next_label, min_jaccard=min_jaccard
        )
        previous = dict(zip(labels, parts, strict=True))
        for lab, part in zip(labels, parts, strict=True):
            rows.extend((c, int(yr), int(lab)) for c in part)
    out = pd.DataFrame(rows, columns=["iso3", "year", "community"])
    out = out.sort_values(["year", "community", "iso3"], kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype(np.int64)
    out["community"] = out["community"].astype(np.int64)
    attach(
        out,
        get(edges).with_method(
            "worldsystem.measures.blocs.communities",
            {
                "method": "leiden" if use_leiden else "louvain",
                "seed": seed,
                "resolution": resolution,
                "weight_col": weight_col,
                "min_jaccard": min_jaccard,
            },
            citations=("blondel_2008",) if not use_leiden else ("traag_2019",),
        ),
    )
    return out


def _leiden(nodes: list, ey: pd.DataFrame, *, seed: int, resolution: float) -> list[set]:
    import igraph as ig
    import leidenalg as la

    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(
        n=len(nodes), edges=[(index[a], index[b]) for a, b in zip(ey["a"], ey["b"], strict=True)]
    )
    g.es["weight"] = ey["w"].tolist()
    part = la.find_partition(
        g,
        la.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=resolution,
        seed=seed,
    )
    return [{nodes[i] for i in members} for members in part]


def alliance_edges(
    alliances: pd.DataFrame,
    *,
    kinds: Sequence[str] = ("defense", "offense"),
) -> pd.DataFrame:
    """Undirected alliance network per year from an alliance dyad-year frame.

    A pair is linked in a year (weight 1) when, in either direction, any of the
    obligation dummies in ``kinds`` is 1 (ATOP: defence and offence pacts).

    Parameters
    ----------
    alliances : DataFrame
        ``iso3_o, iso3_d, year`` and the columns in ``kinds`` (0/1), e.g. an ATOP
        directed dyad-year frame mapped to ISO3.
    kinds : sequence of str, default ("defense", "offense")

    Returns
    -------
    DataFrame
        ``iso3_o, iso3_d, year, weight`` with ``iso3_o < iso3_d``; undirected.

    Examples
    --------
    >>> a = pd.DataFrame({"iso3_o": ["A", "B", "A"], "iso3_d": ["B", "A", "C"],
    ...                   "year": 2000, "defense": [1, 0, 0], "offense": [0, 0, 0]})
    >>> alliance_edges(a)[["iso3_o", "iso3_d"]].values.tolist()
    [['A', 'B']]
    """
    kinds = [k for k in kinds]
    missing = [c for c in ("iso3_o", "iso3_d", "year", *kinds) if c not in alliances.columns]
    if missing:
        raise SchemaError(
            f"alliances lack column(s) {missing}",
            file="alliances",
            field=missing[0],
            hint="pass a dyad-year frame with iso3_o, iso3_d, year and the obligation dummies",
        )
    linked = (alliances[kinds].fillna(0).to_numpy() > 0).any(axis=1)
    a = alliances.loc[linked, ["iso3_o", "iso3_d", "year"]]
    lo = a[["iso3_o", "iso3_d"]].min(axis=1)
    hi = a[["iso3_o", "iso3_d"]].max(axis=1)
    out = (
        pd.DataFrame({"iso3_o": lo, "iso3_d": hi, "year": a["year"].astype(np.int64)})
        .query("iso3_o != iso3_d")
        .drop_duplicates()
        .sort_values(["year", "iso3_o", "iso3_d"])
        .reset_index(drop=True)
    )
    out["weight"] = 1.0
    out.attrs["directed"] = False
    attach(
        out,
        get(alliances).with_method("worldsystem.measures.blocs.alliance_edges", {"kinds": kinds}),
    )
    return out


# --------------------------------------------------------------------------- #
# Alignment
# --------------------------------------------------------------------------- #
def alignment(
    ideal_points_frame: pd.DataFrame,
    agreement_frame: pd.DataFrame | None = None,
    *,
    poles: tuple[str, str, str] = ("USA", "CHN", "RUS"),
    threshold: float = 0.1,
    agreement_col: str = "kappa",
    rule: Literal["auto", "axis", "agreement"] = "auto",
    cuts: tuple[float, float] = (0.25, 0.5),
) -> pd.DataFrame:
    r"""Distance of every country to the US, China and Russia, and a bloc.

    With ideal points :math:`x` in year :math:`t` and poles US, China (C) and
    Russia (R), :math:`d_P = |x_i - x_P|`. The continuous score is the position
    on the axis from the China-Russia midpoint :math:`m = (x_C + x_R)/2` to the US:

    .. math::

        p_i = \frac{x_i - m}{x_{US} - m},

        \text{bloc}_i = \begin{cases}
            \text{US-aligned} & p_i \ge c_{hi} \\
            \text{China-Russia-aligned} & p_i \le c_{lo} \\
            \text{non-aligned} & \text{otherwise,} \end{cases}

    with ``cuts`` :math:`= (c_{lo}, c_{hi}) = (1/4, 1/2)` by default: a country is
    US-aligned when it is closer to the US than to the China-Russia midpoint
    (:math:`p \ge 1/2`), China-Russia-aligned when it is at least three times
    closer to that midpoint than to the US (:math:`p \le 1/4`, i.e.
    :math:`|x - x_{US}| \ge 3|x - m|` on the segment, or beyond the midpoint), and
    non-aligned in between. The cuts are the report's map bins. ``p`` is 1 for the
    US, 0 at the midpoint; it is in units of the axis, so it does not depend on the
    latent scale, and it is kept (``axis_position``) so users can apply their own
    cut. Because the US is itself an outlier of the main dimension after the Cold
    War (with Israel, far from its allies), the axis is long and close allies can
    fall short of 1/2: in 2019 the UK sits at about 0.5 and Germany, France and
    Japan below it.

    This follows the one-dimensional reading of UN voting as "the West against the
    rest" after the Cold War (Voeten 2000): on the main dimension the
    Non-Aligned Movement votes on China's and Russia's side, so many developing
    countries are China-Russia-aligned by this rule. That is a statement about UN
    votes, not about alliances.

    With ``rule="agreement"`` (the default, ``"auto"``, when ``agreement_frame``
    is given) the bloc uses chance-corrected agreement instead, in the manner of
    Signorino & Ritter's (1999) similarity scores and with Häge's (2011) chance
    correction: with :math:`a_P` the agreement (``agreement_col``, by default
    Cohen's kappa from :func:`vote_agreement`) with pole :math:`P`,

    .. math::

        s_i = a_{US} - \tfrac12 (a_C + a_R),

    US-aligned if :math:`s_i > \tau`, China-Russia-aligned if :math:`s_i < -\tau`,
    non-aligned otherwise (:math:`\tau` = ``threshold``, default 0.1: a tenth of
    the kappa range between no and perfect agreement). It compares whom a country
    votes with rather than where it sits relative to the US's own extreme
    position, so it is not stretched by the US outlier. In 2019 it gives about 50
    US-aligned, 55 non-aligned and 85 China-Russia-aligned countries. The poles
    themselves are classified by the same rule. If a pole is missing in a year,
    the bloc is missing (None).

    Parameters
    ----------
    ideal_points_frame : DataFrame
        ``iso3, year, ideal_point`` (e.g. from :func:`ideal_points`); if a country
        has several rows in a year they are averaged.
    agreement_frame : DataFrame, optional
        Pairwise ``iso3_a, iso3_b, year`` and ``agreement_col`` (from
        :func:`vote_agreement`); adds ``agree_usa, agree_chn, agree_rus``.
        Required for ``rule="agreement"``.
    poles : (str, str, str), default ("USA", "CHN", "RUS")
        The US, China and Russia codes.
    threshold : float, default 0.1
        Margin :math:`\tau` of the agreement rule.
    agreement_col : str, default "kappa"
        ``agree_share``, ``kappa`` or ``pi`` (Häge 2011 recommends a
        chance-corrected one for the agreement rule).
    rule : {"auto", "axis", "agreement"}, default "auto"
        ``auto``: ``agreement`` when ``agreement_frame`` is given, else ``axis``.
    cuts : (float, float), default (0.25, 0.5)
        :math:`(c_{lo}, c_{hi})` of the axis rule, :math:`c_{lo} < c_{hi}`.

    Returns
    -------
    DataFrame
        ``iso3, year, ideal_point, dist_usa, dist_chn, dist_rus, agree_usa,
        agree_chn, agree_rus, axis_position, agree_diff, score, bloc``;
        ``axis_position`` is :math:`p_i`, ``agree_diff`` is :math:`s_i` (NaN
        without agreement), and ``score`` is the one the chosen rule uses.

    References
    ----------
    Voeten, E. (2000). Clashes in the Assembly. *International Organization*
    54(2), 185-215. doi:10.1162/002081800551154

    Signorino, C. S., & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the
    similarity of foreign policy positions. *International Studies Quarterly*
    43(1), 115-144. doi:10.1111/0020-8833.00113

    Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign
    policy similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    doi:10.1093/pan/mpr023

    Examples
    --------
    >>> ip = pd.DataFrame({"iso3": ["USA", "CHN", "RUS", "GBR", "IND", "ZAF"],
    ...                    "year": 2019, "ideal_point": [3.0, -1.0, -0.6, 1.8, -0.5, 0.2]})
    >>> al = alignment(ip).set_index("iso3")
    >>> al.loc[["GBR", "ZAF", "CHN"], "bloc"].tolist()
    ['US-aligned', 'non-aligned', 'China-Russia-aligned']
    >>> round(float(al.loc["ZAF", "axis_position"]), 3)  # (0.2 + 0.8) / (3 + 0.8)
    0.263
    """
    need = [c for c in ("iso3", "year", "ideal_point") if c not in ideal_points_frame.columns]
    if need:
        raise SchemaError(
            f"ideal_points_frame lacks column(s) {need}",
            file="ideal_points_frame",
            field=need[0],
            hint="pass the output of ideal_points()",
        )
    if ideal_points_frame.empty:
        raise SchemaError(
            "ideal_points_frame has no rows",
            file="ideal_points_frame",
            field="ideal_point",
            hint="fit ideal points for at least one year first",
        )
    if rule not in ("auto", "axis", "agreement"):
        raise ModelError(
            "rule must be 'auto', 'axis' or 'agreement'",
            field="rule",
            value=rule,
            hint="pick one",
        )
    if rule == "auto":
        rule = "agreement" if agreement_frame is not None else "axis"
    lo_cut, hi_cut = (float(c) for c in cuts)
    if not lo_cut < hi_cut:
        raise ModelError(
            "cuts must be (lower, upper) with lower < upper",
            field="cuts",
            value=cuts,
            hint="e.g. cuts=(0.25, 0.5) on the China-Russia-midpoint (0) to US (1) axis",
        )
    if rule == "agreement" and agreement_frame is None:
        raise ModelError(
            "rule='agreement' needs an agreement_frame",
            field="agreement_frame",
            hint="pass vote_agreement(votes) and agreement_col='kappa'",
        )
    ip = ideal_points_frame.groupby(["iso3", "year"], as_index=False)["ideal_point"].mean()
    wide = ip.pivot(index="year", columns="iso3", values="ideal_point")
    pole_x = pd.DataFrame(
        {p: wide[p] if p in wide.columns else np.nan for p in poles}, index=wide.index
    )
    px = pole_x.reindex(ip["year"].to_numpy())
    x = ip["ideal_point"].to_numpy()
    x_us, x_cn, x_ru = (px[p].to_numpy() for p in poles)
    out = ip.copy()
    out["dist_usa"] = np.abs(x - x_us)
    out["dist_chn"] = np.abs(x - x_cn)
    out["dist_rus"] = np.abs(x - x_ru)
    mid = 0.5 * (x_cn + x_ru)
    with np.errstate(divide="ignore", invalid="ignore"):
        axis_pos = (x - mid) / (x_us - mid)
    axis_pos = np.where(np.isfinite(axis_pos), axis_pos, np.nan)
    out["agree_usa"] = np.nan
    out["agree_chn"] = np.nan
    out["agree_rus"] = np.nan
    if agreement_frame is not None:
        need = [
            c
            for c in ("iso3_a", "iso3_b", "year", agreement_col)
            if c not in agreement_frame.columns
        ]
        if need:
            raise SchemaError(
                f"agreement_frame lacks column(s) {need}",
                file="agreement_frame",
                field=need[0],
                hint="pass the output of vote_agreement(votes, by='year')",
            )
        ag = agreement_frame[["iso3_a", "iso3_b", "year", agreement_col]]
        both = pd.concat(
            [
                ag.rename(columns={"iso3_a": "iso3", "iso3_b": "other"}),
                ag.rename(columns={"iso3_b": "iso3", "iso3_a": "other"}),
            ],
            ignore_index=True,
        )
        for p, col in zip(poles, ("agree_usa", "agree_chn", "agree_rus"), strict=True):
            sub = both[both["other"] == p].set_index(["iso3", "year"])[agreement_col]
            val = sub.reindex(pd.MultiIndex.from_frame(out[["iso3", "year"]])).to_numpy()
            self_rows = (out["iso3"] == p).to_numpy()
            out[col] = np.where(self_rows, 1.0, val)
    agree_diff = out["agree_usa"].to_numpy() - 0.5 * (
        out["agree_chn"].to_numpy() + out["agree_rus"].to_numpy()
    )
    out["axis_position"] = axis_pos
    out["agree_diff"] = agree_diff
    if rule == "axis":
        score = axis_pos
        bloc = np.where(
            score >= hi_cut,
            "US-aligned",
            np.where(score <= lo_cut, "China-Russia-aligned", "non-aligned"),
        ).astype(object)
    else:
        score = agree_diff
        bloc = np.where(
            score > threshold,
            "US-aligned",
            np.where(score < -threshold, "China-Russia-aligned", "non-aligned"),
        ).astype(object)
    bloc[~np.isfinite(score)] = None
    out["score"] = score
    out["bloc"] = bloc
    out = out.sort_values(["year", "iso3"], kind="stable").reset_index(drop=True)
    attach(
        out,
        get(ideal_points_frame).with_method(
            "worldsystem.measures.blocs.alignment",
            {
                "poles": list(poles),
                "rule": rule,
                "cuts": [lo_cut, hi_cut],
                "threshold": threshold,
                "agreement_col": agreement_col,
            },
            citations=("voeten_2000", "signorino_ritter_1999"),
        ),
    )
    set_units(
        out,
        {
            "dist_usa": "absolute ideal-point distance (latent scale)",
            "dist_chn": "absolute ideal-point distance (latent scale)",
            "dist_rus": "absolute ideal-point distance (latent scale)",
            "agree_usa": f"{agreement_col} with the US",
            "agree_chn": f"{agreement_col} with China",
            "agree_rus": f"{agreement_col} with Russia",
            "axis_position": "position on the China-Russia midpoint (0) to US (1) axis",
            "agree_diff": f"{agreement_col} with the US minus mean with China and Russia",
            "score": f"the score the bloc rule ({rule}) uses",
        },
    )
    return out
