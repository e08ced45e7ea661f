"""Mobility between zones: transition tables and lasting moves.

Part of the ensemble family of :mod:`worldsystem.measures.position`:
:func:`zone_mobility` (transitions between consecutive periods) and
:func:`lasting_moves` (moves that are not reversed, as counted by Babones 2005).

References
----------
Babones, S.J. (2005). The country-level income structure of the world-economy.
*Journal of World-Systems Research* 11(1):29-55. doi:10.5195/jwsr.2005.392
"""

from __future__ import annotations

import itertools

import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.measures.position._base import ZONES, _check_results

__all__ = [
    "lasting_moves",
    "zone_mobility",
]


def _period_zones(results: pd.DataFrame, period: int) -> pd.DataFrame:
    """Modal zone per method, country and period (ties: the zone of the latest year)."""
    _check_results(results)
    d = results[["iso3", "year", "method", "zone"]].copy()
    d["period"] = (d["year"] // period) * period
    d = d.sort_values("year")
    cnt = d.groupby(["method", "iso3", "period", "zone"], sort=False).agg(
        n=("year", "size"), last=("year", "max")
    )
    cnt = cnt.reset_index().sort_values(["n", "last"], ascending=[False, False])
    return cnt.drop_duplicates(["method", "iso3", "period"])[["method", "iso3", "period", "zone"]]


def zone_mobility(results: pd.DataFrame, *, period: int = 10) -> pd.DataFrame:
    r"""Transition counts and shares between zones across consecutive periods.

    Years are grouped into periods :math:`p = \lfloor t / P \rfloor P`
    (decades with ``period=10``); a country's zone in a period is its modal
    zone over the years observed (ties: the latest year's zone). For each
    method and each pair of consecutive periods :math:`(p, p+P)`, countries
    observed in both give the transition matrix

    .. math:: T_{kl} = \#\{i: z_{ip}=k,\ z_{i,p+P}=l\}, \qquad
              \text{share}_{kl} = T_{kl} / \textstyle\sum_l T_{kl}.

    Returns
    -------
    DataFrame
        ``method, period_from, period_to, zone_from, zone_to, count, share``
        (all 9 zone pairs, zero counts included). Pivot one method and period
        pair for the matrix.

    Examples
    --------
    >>> r = pd.DataFrame({"iso3": ["A", "A", "B", "B"], "year": [1975, 1985] * 2,
    ...                   "method": "m", "zone": ["periphery", "semi-periphery", "core", "core"]})
    >>> t = zone_mobility(r)
    >>> int(t.query("zone_from == 'periphery' and zone_to == 'semi-periphery'")["count"].iloc[0])
    1
    """
    pz = _period_zones(results, period)
    rows = []
    for method, g in pz.groupby("method", sort=False):
        wide = g.pivot(index="iso3", columns="period", values="zone")
        periods = sorted(wide.columns)
        for p0, p1 in itertools.pairwise(periods):
            both = wide[[p0, p1]].dropna()
            tab = pd.crosstab(both[p0], both[p1]).reindex(index=ZONES, columns=ZONES, fill_value=0)
            tot = tab.sum(axis=1)
            for k in ZONES:
                for m in ZONES:
                    c = int(tab.loc[k, m])
                    rows.append(
                        {
                            "method": method,
                            "period_from": int(p0),
                            "period_to": int(p1),
                            "zone_from": k,
                            "zone_to": m,
                            "count": c,
                            "share": c / tot[k] if tot[k] > 0 else float("nan"),
                        }
                    )
    out = pd.DataFrame(
        rows,
        columns=["method", "period_from", "period_to", "zone_from", "zone_to", "count", "share"],
    )
    prov.attach(out, prov.get(results).with_method("zone_mobility", {"period": period}))
    return out


def lasting_moves(results: pd.DataFrame, *, period: int = 10, min_stay: int = 2) -> pd.DataFrame:
    r"""Moves between zones that last.

    With period zones as in :func:`zone_mobility`, country :math:`i` makes a
    lasting move at period :math:`p` when :math:`z_{i,p} \ne z_{i,p-P}` and
    the new zone is held in the ``min_stay`` consecutive observed periods
    :math:`p, p+P, \dots` (default 2: the period of the move and the next,
    following Babones 2005, who counts moves that are not reversed).

    Returns
    -------
    DataFrame
        ``method, iso3, period, zone_from, zone_to, direction`` ("up" toward
        the core, "down"), ``periods_stayed`` (length of the run in the new
        zone, counting the move's period).

    Examples
    --------
    >>> r = pd.DataFrame({"iso3": "A", "year": [1970, 1980, 1990, 2000], "method": "m",
    ...                   "zone": ["periphery", "semi-periphery", "semi-periphery", "core"]})
    >>> lasting_moves(r)[["period", "zone_to", "periods_stayed"]].values.tolist()
    [[1980, 'semi-periphery', 2]]
    """
    pz = _period_zones(results, period)
    rank = {z: i for i, z in enumerate(ZONES)}
    rows = []
    for (method, iso3), g in pz.groupby(["method", "iso3"], sort=True):
        g = g.sort_values("period")
        per = g["period"].to_numpy()
        zs = g["zone"].to_numpy()
        for t in range(1, len(zs)):
            if zs[t] == zs[t - 1] or per[t] - per[t - 1] != period:
                continue
            run = 1
            while (
                t + run < len(zs)
                and zs[t + run] == zs[t]
                and per[t + run] - per[t + run - 1] == period
            ):
                run += 1
            if run >= min_stay:
                rows.append(
                    {
                        "method": method,
                        "iso3": iso3,
                        "period": int(per[t]),
                        "zone_from": zs[t - 1],
                        "zone_to": zs[t],
                        "direction": "up" if rank[zs[t]] < rank[zs[t - 1]] else "down",
                        "periods_stayed": run,
                    }
                )
    out = pd.DataFrame(
        rows,
        columns=["method", "iso3", "period", "zone_from", "zone_to", "direction", "periods_stayed"],
    )
    prov.attach(
        out,
        prov.get(results).with_method("lasting_moves", {"period": period, "min_stay": min_stay}),
    )
    return out
