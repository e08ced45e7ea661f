"""Composite index of imperialism indicators and its sensitivity to the weights.

Step 3 of :mod:`worldsystem.measures.imperialism`: :func:`composite` (weighted
mean of within-year normalised indicators, ranked) and
:func:`rank_sensitivity` (ranks under Dirichlet weight draws).

References
----------
Lenin, V.I. (1916/1917). *Imperialism, the Highest Stage of Capitalism*, ch. 4
(export of capital) and ch. 7 (the five features).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from worldsystem.core import provenance as prov
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.schema import require_columns
from worldsystem.measures._common import finish
from worldsystem.measures.imperialism.registry import _BY_ID, DEFAULT_WEIGHTS, get_indicator

__all__ = [
    "Normalise",
    "absent_notes",
    "check_weights",
    "composite",
    "rank_sensitivity",
]


Normalise = Literal["rank", "minmax", "zscore"]


def check_weights(weights: Mapping[str, float]) -> dict[str, float]:
    """Check composite weights without any data: known, directed, supported
    indicators with finite, non-negative weights (raises :class:`WorldsystemError`
    on the field ``weights``). Returns the weights as floats.

    >>> check_weights({"milex_share_world": 2})
    {'milex_share_world': 2.0}
    """
    out: dict[str, float] = {}
    for k, v in weights.items():
        ind = get_indicator(k)
        v = float(v)
        if not (np.isfinite(v) and v >= 0):
            raise WorldsystemError(
                f"weight of {k} is {v}; weights must be finite and non-negative",
                field="weights",
                value=v,
                hint="give weights >= 0 (they are rescaled)",
            )
        if v > 0 and ind.direction == 0:
            raise WorldsystemError(
                f"indicator {k} has no imperialist direction and cannot enter a composite",
                field="weights",
                value=k,
                hint="drop it from the weights",
            )
        if v > 0 and not ind.supported:
            raise WorldsystemError(
                f"indicator {k} is not supported by the bundled data",
                field="weights",
                value=k,
                hint=ind.status(),
            )
        out[k] = v
    return out


def _weights(weights: Mapping[str, float] | None, table: pd.DataFrame) -> dict[str, float]:
    present = set(table["indicator"].unique())
    if weights is None:
        w = {k: v for k, v in DEFAULT_WEIGHTS.items() if k in present}
    else:
        w = {}
        for k, v in check_weights(weights).items():
            if v == 0:
                continue
            if k not in present:
                raise WorldsystemError(
                    f"indicator {k} is not in the table",
                    field="weights",
                    value=k,
                    hint="compute it (pass its input to indicator_table) or drop it",
                )
            w[k] = float(v)
    if not w:
        raise WorldsystemError(
            "no indicator with a positive weight is available in the table",
            field="weights",
            value=weights,
            hint=f"give weights over indicators present in the table: {sorted(present)}",
        )
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def _scores(table: pd.DataFrame, ids: list[str], normalise: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Keys (iso3, year) and the N x K matrix of normalised scores (NaN = missing)."""
    require_columns(table, ["iso3", "year", "indicator", "value"], name="table")
    sub = table.loc[table["indicator"].isin(ids), ["iso3", "year", "indicator", "value"]]
    wide = sub.pivot_table(
        index=["iso3", "year"], columns="indicator", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=ids).sort_index(level=["year", "iso3"])
    keys = wide.index.to_frame(index=False)
    years = keys["year"].to_numpy()
    S = np.full((len(wide), len(ids)), np.nan)
    for k, ind_id in enumerate(ids):
        d = _BY_ID[ind_id].direction
        v = d * wide[ind_id].to_numpy(dtype="float64", na_value=np.nan)
        s = pd.Series(v)
        g = s.groupby(years)
        if normalise == "rank":
            r = g.rank(ascending=False, method="min")
            n = g.transform("count")
            S[:, k] = np.where(n > 1, (n - r) / (n - 1), 1.0)
            S[np.isnan(v), k] = np.nan
        elif normalise == "minmax":
            lo, hi = g.transform("min"), g.transform("max")
            span = hi - lo
            S[:, k] = np.where(span > 0, (s - lo) / span, 0.5)
            S[np.isnan(v), k] = np.nan
        elif normalise == "zscore":
            mu, sd = g.transform("mean"), g.transform(lambda x: x.std(ddof=0))
            S[:, k] = np.where(sd > 0, (s - mu) / sd, 0.0)
            S[np.isnan(v), k] = np.nan
        else:
            raise WorldsystemError(
                f"unknown normalisation {normalise!r}",
                field="normalise",
                value=normalise,
                hint="use 'rank', 'minmax' or 'zscore'",
            )
    return keys, S


def _year_list(years: list[int]) -> str:
    """``[2001, 2002, 2003, 2007]`` -> ``"2001-2003, 2007"``."""
    runs: list[list[int]] = []
    for y in sorted(years):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}-{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs)


def absent_notes(keys: pd.DataFrame, S: np.ndarray, ids: list[str]) -> list[str]:
    """Provenance notes for the weighted indicators no state has a value of in a year.

    Such an indicator drops out of every composite of that year (the weights are
    renormalised over the rest), which changes what the composite measures; one
    note per set of absent indicators, with the years it applies to.
    """
    if len(keys) == 0:
        return []
    years = keys["year"].to_numpy()
    has = pd.DataFrame(~np.isnan(S), columns=ids).groupby(years).any()
    by_set: dict[tuple[str, ...], list[int]] = {}
    for y, row in has.iterrows():
        gone = tuple(i for i in ids if not row[i])
        if gone:
            by_set.setdefault(gone, []).append(int(y))
    return [
        f"composite: no state has a value of {', '.join(gone)} in {_year_list(ys)}; "
        f"the composite there uses {len(ids) - len(gone)} of its {len(ids)} weighted "
        "indicators"
        for gone, ys in by_set.items()
    ]


def _note(out: pd.DataFrame, notes: list[str]) -> pd.DataFrame:
    p = prov.get(out)
    for n in notes:
        p = p.with_note(n)
    prov.attach(out, p)
    return out


def _min_k(min_indicators: int | None, k: int) -> int:
    m = math.ceil(k / 2) if min_indicators is None else int(min_indicators)
    if not 1 <= m <= k:
        raise WorldsystemError(
            f"min_indicators={m} outside 1..{k} (the number of weighted indicators)",
            field="min_indicators",
            value=min_indicators,
            hint="choose a number between 1 and the number of weighted indicators",
        )
    return m


def _combine(S: np.ndarray, W: np.ndarray, m: int) -> np.ndarray:
    """Weighted means over available indicators: (N x K) scores, (K x D) weights -> N x D."""
    avail = ~np.isnan(S)
    num = np.where(avail, S, 0.0) @ W
    den = avail.astype("float64") @ W
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(den > 0, num / den, np.nan)
    c[avail.sum(axis=1) < m] = np.nan
    return c


def _rank_cols(C: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Within-year competition ranks (1 = largest) of each column of C; NaN stays NaN."""
    R = np.full(C.shape, np.nan)
    # Composites equal to 12 decimals are ties: exact ties (e.g. equal scores) can
    # differ in the last bits depending on the order of the floating-point sums.
    C = np.round(C, 12)
    for y in np.unique(years):
        rows = np.flatnonzero(years == y)
        block = C[rows]
        ok = ~np.isnan(block[:, 0]) if block.ndim == 2 else ~np.isnan(block)
        if ok.any():
            R[rows[ok]] = rankdata(-block[ok], axis=0, method="min")
    return R


def composite(
    table: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    normalise: Normalise = "rank",
    min_indicators: int | None = None,
) -> pd.DataFrame:
    """Weighted composite index of imperialism indicators, ranked within years.

    Each indicator k is first oriented by its direction :math:`d_k` and
    normalised within the year over the countries with a value:

    - ``"rank"`` (default): :math:`z = (n - r) / (n - 1)` with r the
      competition rank of :math:`d_k v` (1 = top) and n the number of countries
      with a value (z = 1 when n = 1); robust to the skew of world shares;
    - ``"minmax"``: :math:`z = (d_k v - \\min) / (\\max - \\min)` (0.5 if all equal);
    - ``"zscore"``: :math:`z = (d_k v - \\mu) / \\sigma` (population sd; 0 if sd = 0).

    The composite is the weighted mean over the indicators *available* for the
    country-year, the weights renormalised over them:

    .. math::

        C_{it} = \\frac{\\sum_k w_k a_{ikt} z_{ikt}}{\\sum_k w_k a_{ikt}}

    with :math:`a_{ikt} = 1` when the value exists. Missing handling: a
    country-year needs at least ``min_indicators`` available indicators
    (default: half the weighted indicators, rounded up), otherwise its
    composite is missing and it is not ranked. A weighted indicator no state
    has a value of in a year drops out of that whole year's composite; a
    provenance note names it and the years (:func:`absent_notes`). Composite indices of this kind
    are conventions; see :func:`rank_sensitivity` for how the ranks move with
    the weights.

    Parameters
    ----------
    table : pandas.DataFrame
        Long table of :func:`indicator_table`.
    weights : mapping of indicator id to weight, optional
        Non-negative weights (rescaled to sum to 1; zero drops an indicator).
        Default :data:`DEFAULT_WEIGHTS` over the indicators present.
    normalise : {"rank", "minmax", "zscore"}
        Within-year normalisation.
    min_indicators : int, optional
        Minimum number of available indicators.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, composite, rank, n_indicators`` (rank 1 = most
        imperialist-like; ties, i.e. composites equal to 12 decimals, share the
        best rank; nullable Int64).

    Examples
    --------
    >>> t = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "indicator": "milex_share_world",
    ...                   "value": [0.7, 0.3]})
    >>> composite(t, weights={"milex_share_world": 1})["rank"].tolist()
    [1, 2]
    """
    w = _weights(weights, table)
    ids = list(w)
    keys, S = _scores(table, ids, normalise)
    m = _min_k(min_indicators, len(ids))
    wv = np.array([w[i] for i in ids])[:, None]
    c = _combine(S, wv, m)[:, 0]
    rank = _rank_cols(c[:, None], keys["year"].to_numpy())[:, 0]
    out = keys.assign(
        composite=c,
        rank=pd.array(rank, dtype="Float64").astype("Int64"),
        n_indicators=(~np.isnan(S)).sum(axis=1).astype("int64"),
    )
    params = {"weights": w, "normalise": normalise, "min_indicators": m}
    return _note(finish(out, [table], "composite", params), absent_notes(keys, S, ids))


def rank_sensitivity(
    table: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    n_draws: int = 1000,
    alpha: float = 1.0,
    seed: int = 0,
    ci: float = 0.9,
    normalise: Normalise = "rank",
    min_indicators: int | None = None,
) -> pd.DataFrame:
    """How much a composite ranking depends on the weights: ranks under Dirichlet draws.

    Draws :math:`w^{(1)}, \\dots, w^{(D)} \\sim \\mathrm{Dirichlet}(\\alpha \\mathbf{1}_K)`
    over the K indicators with a positive fixed weight (``alpha = 1``: uniform on
    the simplex; larger alpha concentrates the draws near equal weights; smaller
    near single indicators), computes every composite at once as a matrix
    product (scores N x K times weights K x D, the missing-indicator rule of
    :func:`composite` applied column by column) and ranks each draw within years.

    The interval ``[rank_lo, rank_hi]`` holds the central ``ci`` share of the
    ranks over the D random draws *and the fixed weight vector* (D + 1 values;
    lower / higher empirical quantiles, so the bounds are attained ranks). With
    ``ci = 1`` it is the full range and contains ``rank_fixed`` by construction;
    with ``ci < 1`` it need not, and ``fixed_in_interval`` says whether it does.
    Deterministic for a given ``seed``.

    Parameters
    ----------
    table : pandas.DataFrame
        Long table of :func:`indicator_table`.
    weights : mapping, optional
        The fixed weights (default :data:`DEFAULT_WEIGHTS`); their support is the
        set of indicators drawn over.
    n_draws : int
        Number of Dirichlet draws D.
    alpha : float
        Dirichlet concentration (> 0).
    seed : int
        Seed of ``numpy.random.default_rng``.
    ci : float
        Central share of the rank distribution reported, in (0, 1].
    normalise, min_indicators
        As in :func:`composite`.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, rank_fixed, rank_lo, rank_hi, rank_median, p_top1, p_top5,
        fixed_in_interval`` for the country-years ranked under the fixed
        weights; ``p_top1`` / ``p_top5`` are the shares of random draws in which
        the country ranks first / in the top five.
    """
    if n_draws < 1:
        raise WorldsystemError(
            "n_draws must be at least 1",
            field="n_draws",
            value=n_draws,
            hint="use e.g. n_draws=1000",
        )
    if not (alpha > 0):
        raise WorldsystemError(
            "alpha must be positive",
            field="alpha",
            value=alpha,
            hint="use alpha=1 for uniform weights on the simplex",
        )
    if not (0 < ci <= 1):
        raise WorldsystemError(
            "ci must lie in (0, 1]", field="ci", value=ci, hint="use e.g. ci=0.9"
        )
    w = _weights(weights, table)
    ids = list(w)
    keys, S = _scores(table, ids, normalise)
    m = _min_k(min_indicators, len(ids))
    rng = np.random.default_rng(seed)
    draws = rng.dirichlet(np.full(len(ids), float(alpha)), size=n_draws)  # D x K
    wv = np.array([w[i] for i in ids])[:, None]
    # The fixed column goes through exactly the same product as in composite().
    C = np.column_stack([_combine(S, wv, m), _combine(S, draws.T, m)])  # N x (1 + D)
    years = keys["year"].to_numpy()
    R = _rank_cols(C, years)
    ok = ~np.isnan(R[:, 0])
    R = R[ok]
    lo_q, hi_q = (1 - ci) / 2, (1 + ci) / 2
    rank_lo = np.quantile(R, lo_q, axis=1, method="lower")
    rank_hi = np.quantile(R, hi_q, axis=1, method="higher")
    rnd = R[:, 1:]
    out = (
        keys.loc[ok]
        .reset_index(drop=True)
        .assign(
            rank_fixed=R[:, 0].astype("int64"),
            rank_lo=rank_lo.astype("int64"),
            rank_hi=rank_hi.astype("int64"),
            rank_median=np.median(rnd, axis=1),
            p_top1=(rnd == 1).mean(axis=1),
            p_top5=(rnd <= 5).mean(axis=1),
        )
    )
    out["fixed_in_interval"] = (out["rank_lo"] <= out["rank_fixed"]) & (
        out["rank_fixed"] <= out["rank_hi"]
    )
    params = {
        "weights": w,
        "n_draws": n_draws,
        "alpha": alpha,
        "seed": seed,
        "ci": ci,
        "normalise": normalise,
        "min_indicators": m,
    }
    return _note(finish(out, [table], "rank_sensitivity", params), absent_notes(keys, S, ids))
