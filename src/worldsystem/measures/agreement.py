"""Agreement statistics: partitions and ratings of the same items.

Generic statistics, used by :mod:`worldsystem.measures.position` (agreement of
position methods) and :mod:`worldsystem.measures.blocs` (agreement of votes):

- :func:`adjusted_rand_index`: agreement of two partitions, whatever the labels
  (Hubert & Arabie 1985);
- :func:`cohen_kappa`: chance-corrected agreement of two ratings on the same
  categories, optionally weighted on ordered categories (Cohen 1960, 1968);
- :func:`chance_corrected`: the correction :math:`(p_o - p_e)/(1 - p_e)` itself,
  vectorised, for Cohen's kappa and Scott's pi computed from agreement and
  expected-agreement arrays (Scott 1955; Häge 2011).

References
----------
Hubert, L., Arabie, P. (1985). Comparing partitions. *Journal of
Classification* 2:193-218. doi:10.1007/BF01908075
Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational
and Psychological Measurement* 20(1):37-46. doi:10.1177/001316446002000104
Cohen, J. (1968). Weighted kappa: nominal scale agreement with provision for
scaled disagreement or partial credit. *Psychological Bulletin* 70(4):213-220.
doi:10.1037/h0026256
Scott, W.A. (1955). Reliability of content analysis: the case of nominal scale
coding. *Public Opinion Quarterly* 19(3):321-325. doi:10.1086/266577
Häge, F.M. (2011). Choice or circumstance? Adjusting measures of foreign
policy similarity for chance agreement. *Political Analysis* 19(3):287-305.
doi:10.1093/pan/mpr023
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from worldsystem.core.errors import ModelError

__all__ = ["adjusted_rand_index", "chance_corrected", "cohen_kappa"]


def adjusted_rand_index(a: Sequence, b: Sequence) -> float:
    r"""Adjusted Rand index of two partitions (Hubert & Arabie 1985).

    With the contingency table :math:`n_{ij}`, row sums :math:`a_i`, column
    sums :math:`b_j` and :math:`n` items,

    .. math:: \mathrm{ARI} = \frac{\sum_{ij}\binom{n_{ij}}{2} - E}
              {\tfrac12\bigl[\sum_i\binom{a_i}{2} + \sum_j\binom{b_j}{2}\bigr] - E},
              \qquad E = \frac{\sum_i\binom{a_i}{2}\sum_j\binom{b_j}{2}}{\binom{n}{2}} .

    1 for identical partitions, about 0 for independent ones. When the
    denominator is 0 (both partitions all-in-one or all singletons, hence
    identical up to labels) the index is 1.

    Examples
    --------
    >>> adjusted_rand_index([0, 0, 1, 1], [5, 5, 7, 7])
    1.0
    """
    a = np.asarray(a)
    b = np.asarray(b)
    if a.shape != b.shape:
        raise ModelError(f"partitions of different lengths {a.shape} and {b.shape}")
    n = len(a)
    if n < 2:
        return 1.0
    _, ai = np.unique(a, return_inverse=True)
    _, bi = np.unique(b, return_inverse=True)
    T = np.zeros((ai.max() + 1, bi.max() + 1))
    np.add.at(T, (ai, bi), 1)

    def c2(x):
        return x * (x - 1) / 2.0

    index = c2(T).sum()
    sa, sb = c2(T.sum(axis=1)).sum(), c2(T.sum(axis=0)).sum()
    expected = sa * sb / c2(n)
    mx = (sa + sb) / 2.0
    if mx == expected:
        return 1.0
    return float((index - expected) / (mx - expected))


def cohen_kappa(
    a: Sequence, b: Sequence, *, weights: str | None = None, order: Sequence = ()
) -> float:
    r"""Cohen's (1960) kappa of two ratings of the same items.

    .. math:: \kappa = \frac{p_o - p_e}{1 - p_e}, \quad
              p_o = \sum_k p_{kk}, \quad p_e = \sum_k p_{k\cdot}\,p_{\cdot k}

    With ``weights="linear"`` or ``"quadratic"`` the weighted kappa (Cohen 1968)
    :math:`\kappa_w = 1 - \sum w_{kl} p_{kl} / \sum w_{kl} p_{k\cdot}p_{\cdot l}`
    with :math:`w_{kl} = |k-l|/(K-1)` or its square, on the order of the
    categories: those in ``order`` first, in that order, then the others in
    sorted (string) order. If :math:`p_e = 1` the value is 1 when the ratings
    agree fully and NaN otherwise.

    Parameters
    ----------
    a, b : sequence
        The two ratings, one per item (any hashable labels).
    weights : {None, "linear", "quadratic"}
    order : sequence, optional
        Ordered categories (for the weighted kappa), e.g. the zones from the top
        of the hierarchy to the bottom.

    Returns
    -------
    float
        Unitless, at most 1.

    Examples
    --------
    >>> cohen_kappa(["hi", "lo", "lo"], ["hi", "lo", "hi"], order=("hi", "lo"))
    0.4
    """
    a = np.asarray(a, dtype=object)
    b = np.asarray(b, dtype=object)
    if a.shape != b.shape:
        raise ModelError(f"ratings of different lengths {a.shape} and {b.shape}")
    order = tuple(order)
    cats = sorted(set(a) | set(b), key=lambda v: (order.index(v) if v in order else 99, str(v)))
    k = len(cats)
    pos = {c: i for i, c in enumerate(cats)}
    P = np.zeros((k, k))
    np.add.at(P, ([pos[v] for v in a], [pos[v] for v in b]), 1.0)
    P /= max(len(a), 1)
    E = np.outer(P.sum(axis=1), P.sum(axis=0))
    if weights is None:
        w = 1.0 - np.eye(k)
    elif weights in ("linear", "quadratic"):
        d = np.abs(np.subtract.outer(np.arange(k), np.arange(k))) / max(k - 1, 1)
        w = d if weights == "linear" else d**2
    else:
        raise ModelError(
            f"unknown weights {weights!r}",
            field="weights",
            value=weights,
            hint="use None, 'linear' or 'quadratic'",
        )
    de = (w * E).sum()
    do = (w * P).sum()
    if de == 0:
        return 1.0 if do == 0 else float("nan")
    return float(1.0 - do / de)


def chance_corrected(p_o: np.ndarray, p_e: np.ndarray, *, tol: float = 1e-12) -> np.ndarray:
    r"""Chance-corrected agreement from observed and expected agreement, elementwise.

    .. math:: \frac{p_o - p_e}{1 - p_e}

    With :math:`p_e = \sum_k p_a(k)\,p_b(k)` (each rater's own marginals) this is
    Cohen's (1960) kappa; with :math:`p_e = \sum_k \bar p(k)^2` (the pooled
    marginals) Scott's (1955) pi. Undefined (NaN) where :math:`p_e \ge 1 -`
    ``tol`` (both raters used one and the same category throughout).

    Parameters
    ----------
    p_o, p_e : array
        Observed and expected shares of agreement, in [0, 1].
    tol : float

    Returns
    -------
    ndarray
        Unitless, in [-1, 1] where defined.

    Examples
    --------
    >>> chance_corrected(np.array([0.75, 1.0]), np.array([0.5, 1.0])).tolist()
    [0.5, nan]
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p_e < 1.0 - tol, (p_o - p_e) / (1.0 - p_e), np.nan)
