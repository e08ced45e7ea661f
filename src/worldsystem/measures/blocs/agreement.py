"""Vote agreement: identical votes and chance-corrected agreement for every pair.

:func:`vote_agreement` gives, per period, the share of identical votes, Cohen's
kappa and Scott's pi (the chance correction of
:func:`worldsystem.measures.agreement.chance_corrected`), as recommended by Häge
(2011).

Full references are in the function docstrings.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import SchemaError
from worldsystem.core.provenance import attach, get, set_units
from worldsystem.measures.agreement import chance_corrected
from worldsystem.measures.blocs.votes import _prepare_votes

__all__ = [
    "CITE_HAGE",
    "vote_agreement",
]


CITE_HAGE = (
    "Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign "
    "policy similarity for chance agreement. Political Analysis 19(3), 287-305. "
    "doi:10.1093/pan/mpr023"
)


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
    periods = v.groupby(by, sort=True)
    label = f"vote agreement, by {by}"
    for period, grp in progress.track(periods, label, total=periods.ngroups, detail=lambda p: p[0]):
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
        kappa = chance_corrected(p_o, pe_k)
        pi = chance_corrected(p_o, pe_pi)
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
            citations=("hage2011choice",),
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
