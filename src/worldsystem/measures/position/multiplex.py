"""Position from several networks at once (trade, arms transfers, alliances).

Family 4 of :mod:`worldsystem.measures.position`: :func:`multiplex_position`
combines the networks before the core-periphery model, as Snyder & Kick (1979)
blockmodelled their networks jointly.

References
----------
Snyder, D., Kick, E.L. (1979). Structural position in the world system and
economic growth, 1955-1970. *American Journal of Sociology* 84(5):1096-1126.
doi:10.1086/226902
Borgatti, S.P., Everett, M.G. (1999). Models of core/periphery structures.
*Social Networks* 21(4):375-395. doi:10.1016/S0378-8733(99)00019-2
Clark, R., Beckfield, J. (2009). A new trichotomous measure of world-system
position using the international trade network. *International Journal of
Comparative Sociology* 50(1):5-38. doi:10.1177/0020715208098615
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError
from worldsystem.measures import _network as net
from worldsystem.measures.position._base import _as_matrix, _breaks_zones

__all__ = [
    "multiplex_position",
]


def multiplex_position(
    networks: Mapping[str, Any],
    *,
    weights: Mapping[str, float] | None = None,
    base: str | None = None,
) -> pd.DataFrame:
    r"""Position from several networks (trade, arms transfers, alliances, ...).

    Snyder & Kick (1979) blockmodelled their four networks jointly, stacking
    the matrices so that one partition answers to every relation. Here the
    networks are likewise combined *before* the core-periphery model: each
    network :math:`r` is symmetrised, :math:`a^{(r)}_{ij} = (w^{(r)}_{ij} +
    w^{(r)}_{ji})/2`, and put on a common unit by dividing by the mean of its
    positive ties, :math:`\bar a^{(r)}_+` (a typical tie counts 1 in every
    network, whatever its unit, and one very large tie does not shrink the
    rest, as dividing by the maximum would). The multiplex network is the
    weighted sum

    .. math:: M_{ij} = \sum_r \omega_r\, a^{(r)}_{ij} / \bar a^{(r)}_+ ,

    its Borgatti & Everett (1999) continuous coreness (normalised,
    :math:`\|c\|=1`) is the score, and Fisher's natural breaks split it into
    three zones.

    Why jointly and not per network: a network whose ties fall into separate
    blocs (alliances in a bipolar system, arms supplied only within a bloc)
    has no single core, and its own rank-one coreness is zero for the smaller
    bloc. In the joint network the trade ties connect the blocs, and the
    military ties add to the position the trade structure already defines.

    Weights: by default the economic relation (the network named ``base``,
    ``"trade"`` when present) weighs as much as all the others together,
    :math:`\omega_{\text{base}} = k - 1` for :math:`k` networks and
    :math:`\omega_r = 1` otherwise. Clark & Beckfield (2009) criticise
    Snyder & Kick's measure for incorporating networks that are not part of
    the international division of labour; here the politico-military networks
    therefore refine the trade position rather than outvote it (equal weights
    against these on the example world: ``docs/validation.md``).

    A network with fewer than 3 nodes or without varying ties is skipped
    (recorded in ``attrs["skipped"]``); countries absent from a network get
    zero ties in it.

    Parameters
    ----------
    networks : mapping of name -> DataFrame (labelled, n x n)
        Non-negative weights. Labels are unioned; arrays must all share one
        size and order.
    weights : mapping of name -> float, optional
        Overrides the default weight of each network it names (finite,
        non-negative); networks it does not name keep their default above
        (the base ``k - 1``, the others 1).
    base : str, optional
        The economic network; default ``"trade"`` if present, else none (equal
        weights).

    Returns
    -------
    DataFrame
        Indexed by country: ``score`` (coreness of the multiplex network),
        ``zone``, and one column ``coreness_<name>`` per network used (that
        network's own continuous coreness, for comparison). ``attrs["weights"]``
        holds the weights used.

    Examples
    --------
    >>> A = np.array([[0, 3, 2, 1], [3, 0, 1, 1], [2, 1, 0, 0], [1, 1, 0, 0.]])
    >>> mp = multiplex_position({"trade": A, "alliances": (A > 1).astype(float)})
    >>> mp.zone.iloc[0]
    'core'
    """
    if not networks:
        raise ModelError("no networks given", field="networks", hint="pass {'trade': W, ...}")
    if base is not None and base not in networks:
        raise ModelError(
            "base names no given network",
            field="base",
            value=base,
            hint=f"use one of {', '.join(map(str, networks))}",
        )
    for k, v in (weights or {}).items():
        if k not in networks:
            raise ModelError(
                "weights name a network that was not given",
                field="weights",
                value=k,
                hint=f"use names from {', '.join(map(str, networks))}",
            )
        if not (np.isfinite(v) and v >= 0):
            raise ModelError(
                "network weights must be finite and non-negative",
                field=f"weights[{k!r}]",
                value=v,
            )
    mats = {}
    all_labels: list = []
    for name, W in networks.items():
        X, labels = _as_matrix(W, name=name)
        mats[name] = (X, labels)
        for lab in labels:
            if lab not in all_labels:
                all_labels.append(lab)
    idx = pd.Index(all_labels)
    n = len(idx)
    off = ~np.eye(n, dtype=bool)
    scaled, used, skipped = {}, [], []
    for name, (X, labels) in mats.items():
        full = np.zeros((n, n))
        pos = idx.get_indexer(labels)
        full[np.ix_(pos, pos)] = X
        A = net.symmetrise(full)
        vals = A[off]
        if n < 3 or np.ptp(vals) == 0.0:
            skipped.append(name)
            continue
        scaled[name] = A / vals[vals > 0].mean()
        used.append(name)
    if not used:
        raise ModelError(
            "no network has enough varying ties for a coreness",
            field="networks",
            value=list(networks),
        )
    if base is None and "trade" in used:
        base = "trade"
    w = {k: (float(len(used) - 1) if k == base and len(used) > 1 else 1.0) for k in used}
    w.update({k: float(v) for k, v in (weights or {}).items() if k in used})
    M = sum(w[k] * scaled[k] for k in used)
    score, _, _ = net.continuous_coreness(M)
    out = pd.DataFrame({"score": score, "zone": _breaks_zones(score)}, index=idx)
    for k in used:
        out[f"coreness_{k}"] = net.continuous_coreness(scaled[k])[0]
    out.attrs["skipped"] = skipped
    out.attrs["weights"] = w
    return out
