r"""Power transitions: who overtakes whom, when, and how long rivals stay at parity.

Pairs of states (or blocs, summed with :func:`bloc_totals`) are compared on one
index per year (GDP at PPP, CINC, Beckley's GDP x GDP per capita, military
expenditure, warheads, or their shares). A crossing counts only when the new
order holds for ``persistence`` consecutive observed years, so that a one-year
flicker around parity is not a power transition. Parity follows Organski &
Kugler (1980): a challenger within 80 % of the dominant state.

References
----------
Organski, A.F.K., Kugler, J. (1980). *The War Ledger*. University of Chicago
Press. ISBN 978-0-226-63279-6.
Lemke, D. (2002). *Regions of War and Peace*. Cambridge University Press.
doi:10.1017/CBO9780511491474
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.measures.dynamics._common import (
    _CITE,
    check_frame,
    check_positive_int,
    check_value,
    drop_predecessors,
    finish,
    wide,
)

__all__ = [
    "bloc_totals",
    "crossing_years",
    "group_membership",
    "lasting_crossing_index",
    "parity_spells",
]

CROSSING_COLUMNS = [
    "leader",
    "overtaken",
    "year",
    "ratio",
    "held_years",
    "provisional",
]


def _runs(sign: np.ndarray) -> list[tuple[int, int, int]]:
    """(sign, start index, length) of the runs of a sign sequence."""
    out = []
    start = 0
    for i in range(1, len(sign) + 1):
        if i == len(sign) or sign[i] != sign[start]:
            out.append((int(sign[start]), start, i - start))
            start = i
    return out


def _pair_crossings(d: np.ndarray, years: np.ndarray, N: int) -> list[tuple[int, int, int, bool]]:
    """Lasting changes of sign of ``d`` (a - b): (new sign, year index, held, provisional)."""
    s = np.sign(d)
    # ties keep the previous order (a tie is not a crossing)
    for i in range(len(s)):
        if s[i] == 0:
            s[i] = s[i - 1] if i > 0 else 0
    nz = np.flatnonzero(s != 0)
    if len(nz) == 0:
        return []
    s = s[nz[0] :]
    off = int(nz[0])
    runs = _runs(s)
    established = runs[0][0]
    out = []
    for j, (sg, st, ln) in enumerate(runs[1:], start=1):
        if sg == established:
            continue
        if ln >= N:
            out.append((sg, st + off, ln, False))
            established = sg
        elif j == len(runs) - 1:
            out.append((sg, st + off, ln, True))
    return out


def crossing_years(
    frame: pd.DataFrame,
    *,
    value: str,
    countries: Sequence[str] | None = None,
    persistence: int = 3,
    series: str | None = None,
) -> pd.DataFrame:
    r"""Years in which one state overtakes another on an index, with a persistence rule.

    For a pair :math:`(a, b)` observed in the years :math:`t_1 < \dots < t_T`,
    let :math:`s_t = \operatorname{sign}(v_{a,t} - v_{b,t})` (a tie keeps the
    previous sign). The order of the first year is the initial order
    :math:`s^{*}`. A run of the other sign is a crossing, in its first year, when
    it lasts at least :math:`N` observations; it then becomes the order
    :math:`s^{*}` that the next crossing must reverse. Shorter runs (flickers)
    are ignored:

    .. math::

        \text{cross}(t_j) \iff s_{t_j} = \dots = s_{t_{j+N-1}} \ne s^{*}, \quad
        s^{*} = \text{the order before } t_j.

    A final run shorter than :math:`N` that reverses the order is reported as
    ``provisional`` (the data end before it could last).

    Series breaks: where a country's values change entity (``series``: the
    entity each row's value belongs to, e.g. the former USSR standing in for
    Russia until 1991 on a COW panel), the pair's years are cut there and the rule
    starts afresh on each side: the first year after a break sets the order, so a
    change of order across a break (a new territory, not an overtaking) is never a
    crossing. A crossing needs both series observed, as the same entities, on
    both sides of it.

    Parameters
    ----------
    frame : DataFrame
        ``iso3, year`` and ``value`` (one row per country-year; blocs from
        :func:`bloc_totals` work the same way).
    value : str
        The index column.
    countries : sequence of str, optional
        States compared pairwise (default: every state in ``frame``).
    persistence : int
        :math:`N` (default 3 years).
    series : str, optional
        Column naming the entity behind each row's value (default: one series per
        ``iso3``).

    Returns
    -------
    DataFrame
        ``leader, overtaken, year, ratio`` (:math:`v_\text{leader}/v_\text{overtaken}`
        in the crossing year), ``held_years`` (length of the run),
        ``provisional``; sorted by year.

    Raises
    ------
    WorldsystemError
        An unknown index column, or a requested country with no data.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["A"] * 6 + ["B"] * 6, "year": list(range(6)) * 2,
    ...                   "gdp": [1, 2, 3, 4, 5, 6] + [3.5] * 6})
    >>> crossing_years(f, value="gdp")[["leader", "overtaken", "year"]].values.tolist()
    [['A', 'B', 3]]
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    N = check_positive_int(persistence, "persistence")
    base = drop_predecessors(frame)
    w = wide(base, value)
    sw = _series_wide(base, value, series, w)
    if countries is None:
        countries = list(w.columns)
    missing = [c for c in countries if c not in w.columns]
    if missing:
        raise WorldsystemError(
            "a country has no data on this index",
            field="countries",
            value=missing[0],
            hint=f"{value} has data for {len(w.columns)} states",
        )
    rows = []
    years_all = w.index.to_numpy()
    for a, b in itertools.combinations(list(dict.fromkeys(countries)), 2):
        va, vb = w[a].to_numpy(), w[b].to_numpy()
        ok = ~(np.isnan(va) | np.isnan(vb))
        if ok.sum() == 0:
            continue
        va, vb, yrs = va[ok], vb[ok], years_all[ok]
        cuts = [0, len(yrs)]
        if sw is not None:
            sa, sb = sw[a].to_numpy()[ok], sw[b].to_numpy()[ok]
            brk = np.flatnonzero((sa[1:] != sa[:-1]) | (sb[1:] != sb[:-1])) + 1
            cuts = [0, *brk.tolist(), len(yrs)]
        for lo, hi in itertools.pairwise(cuts):
            last = hi == len(yrs)
            for sg, ix, held, provisional in _pair_crossings(va[lo:hi] - vb[lo:hi], yrs[lo:hi], N):
                if provisional and not last:
                    continue  # ended by a series break, not by the end of the data
                ix += lo
                lead, over = (a, b) if sg > 0 else (b, a)
                r = va[ix] / vb[ix] if sg > 0 else vb[ix] / va[ix]
                rows.append((lead, over, int(yrs[ix]), float(r), int(held), bool(provisional)))
    out = pd.DataFrame(rows, columns=CROSSING_COLUMNS)
    out = out.sort_values(["year", "leader", "overtaken"], ignore_index=True)
    params = {"value": value, "countries": list(countries), "persistence": N, "series": series}
    return finish(out, [frame], "crossing_years", params, _CITE["transition"])


def _series_wide(
    frame: pd.DataFrame, value: str, series: str | None, w: pd.DataFrame
) -> pd.DataFrame | None:
    """``year x iso3`` table of the ``series`` column aligned with ``w`` (None: no column)."""
    if series is None:
        return None
    check_frame(frame, [series])
    f = frame.loc[frame[value].notna(), ["iso3", "year", series]]
    sw = f.pivot(index="year", columns="iso3", values=series)
    return sw.reindex(index=w.index, columns=w.columns).astype(object)


def lasting_crossing_index(ahead: np.ndarray, persistence: int = 3) -> np.ndarray:
    r"""First index at which ``ahead`` becomes and stays True for ``persistence`` steps.

    Vectorised over leading axes: ``ahead`` is a boolean array ``(..., T)``; the
    result is the first :math:`t` with ``ahead[..., t:t+N]`` all True (at the end
    of the series a shorter all-True tail counts, as a provisional crossing),
    or ``-1`` when there is none. Used on ensembles, where each member's series
    starts in the order observed at the forecast origin.

    Examples
    --------
    >>> lasting_crossing_index(np.array([[0, 1, 0, 1, 1, 1], [0, 0, 0, 0, 0, 1]], bool)).tolist()
    [3, 5]
    """
    a = np.asarray(ahead, dtype=bool)
    N = check_positive_int(persistence, "persistence")
    T = a.shape[-1]
    # run length of True values ending at or after t: count forward
    run = np.zeros(a.shape, dtype=np.int32)
    acc = np.zeros(a.shape[:-1], dtype=np.int32)
    for t in range(T - 1, -1, -1):
        acc = np.where(a[..., t], acc + 1, 0)
        run[..., t] = acc
    need = np.minimum(N, T - np.arange(T))  # shorter windows at the end
    hit = run >= need
    first = np.argmax(hit, axis=-1)
    return np.where(hit.any(axis=-1), first, -1)


def parity_spells(
    frame: pd.DataFrame,
    *,
    value: str,
    countries: Sequence[str] | None = None,
    threshold: float = 0.8,
    series: str | None = None,
) -> pd.DataFrame:
    r"""Spells in which a challenger is within ``threshold`` of the leading state.

    Each year the leader :math:`\ell_t` is the state with the largest index
    among ``countries``; state :math:`i \ne \ell_t` is at parity when

    .. math:: v_{i,t} \ge \theta\, v_{\ell_t, t}, \qquad \theta = 0.8

    (Organski & Kugler 1980: a challenger with 80 % of the dominant power's
    capabilities). A spell is a run of consecutive observed years at parity
    with the same leader; with ``series`` (the entity behind each row's value, as
    in :func:`crossing_years`) a spell also ends where the challenger's or the
    leader's series changes entity.

    Returns
    -------
    DataFrame
        ``challenger, leader, start, end, years, max_ratio``.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["A"] * 4 + ["B"] * 4, "year": list(range(4)) * 2,
    ...                   "gdp": [10.0] * 4 + [5, 8, 9, 7]})
    >>> parity_spells(f, value="gdp")[["challenger", "start", "end"]].values.tolist()
    [['B', 1, 2]]
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    if not 0 < threshold <= 1:
        raise WorldsystemError("threshold must be in (0, 1]", field="threshold", value=threshold)
    base = drop_predecessors(frame)
    w = wide(base, value)
    if countries is not None:
        missing = [c for c in countries if c not in w.columns]
        if missing:
            raise WorldsystemError(
                "a country has no data on this index", field="countries", value=missing[0]
            )
        w = w[list(dict.fromkeys(countries))]
    w = w.dropna(how="all")
    sw = _series_wide(base, value, series, w)
    ids = None if sw is None else sw.to_numpy()
    vals = w.to_numpy(dtype="float64")
    filled = np.where(np.isnan(vals), -np.inf, vals)
    li = filled.argmax(axis=1)
    lv = filled[np.arange(len(w)), li]
    years = w.index.to_numpy()
    cols = np.asarray(w.columns)
    rows = []
    for j, c in enumerate(cols):
        with np.errstate(invalid="ignore", divide="ignore"):
            ratio = vals[:, j] / lv
        at = (ratio >= threshold) & (li != j)
        i = 0
        while i < len(at):
            if not at[i]:
                i += 1
                continue
            k = i
            while (
                k + 1 < len(at)
                and at[k + 1]
                and li[k + 1] == li[i]
                and (
                    ids is None
                    or (ids[k + 1, j] == ids[k, j] and ids[k + 1, li[i]] == ids[k, li[i]])
                )
            ):
                k += 1
            rows.append(
                (
                    c,
                    cols[li[i]],
                    int(years[i]),
                    int(years[k]),
                    k - i + 1,
                    float(ratio[i : k + 1].max()),
                )
            )
            i = k + 1
    out = pd.DataFrame(rows, columns=["challenger", "leader", "start", "end", "years", "max_ratio"])
    out = out.sort_values(["start", "challenger"], ignore_index=True)
    params = {"value": value, "countries": countries, "threshold": threshold, "series": series}
    return finish(out, [frame], "parity_spells", params, _CITE["transition"])


def group_membership(
    blocs: Mapping[str, str | Sequence[str]], years: Sequence[int]
) -> pd.DataFrame:
    """Members of each bloc in each year: ``bloc, iso3, year``.

    A bloc is a group name of :func:`worldsystem.countries.members` (``"G7"``,
    ``"NATO"``, ``"SCO"``, joined and left by year) or a fixed list of ISO3 codes
    (``["CHN", "RUS"]``).

    Examples
    --------
    >>> m = group_membership({"CR": ["CHN", "RUS"]}, [2000])
    >>> m["iso3"].tolist()
    ['CHN', 'RUS']
    """
    from worldsystem import countries as cs

    rows = []
    for name, spec in blocs.items():
        for y in years:
            mem = cs.members(spec, int(y)) if isinstance(spec, str) else list(spec)
            rows.extend((name, m, int(y)) for m in mem)
    return pd.DataFrame(rows, columns=["bloc", "iso3", "year"])


def bloc_totals(
    frame: pd.DataFrame, *, value: str, membership: pd.DataFrame, series: str | None = None
) -> pd.DataFrame:
    r"""Sum an index over the members of each bloc, year by year.

    .. math:: V_{B,t} = \sum_{i \in B_t} v_{i,t}

    over the members with data. Predecessor entities (``SUN``, ``YUG``, ``CSK``)
    are dropped in the years where their successor (``RUS``, ``SRB``, ``CZE``)
    has a row, so that Maddison's former USSR is never added to Russia; a bloc
    naming ``RUS`` takes ``SUN`` in the years where only ``SUN`` has data.

    With ``series`` (the entity behind each row's value, see
    :func:`crossing_years`) the output has a ``series`` column: the members whose
    value is another entity's that year, as ``member<-entity`` joined by ``+``
    (``""`` when none), so that :func:`crossing_years` on the totals with
    ``series="series"`` does not count the end of a splice as a crossing.
    Membership changes are not series breaks.

    Parameters
    ----------
    frame : DataFrame
        ``iso3, year, value``.
    membership : DataFrame
        ``bloc, iso3, year`` (:func:`group_membership`).

    Returns
    -------
    DataFrame
        ``iso3`` (the bloc name), ``year``, ``value``, ``n_members``, ``n_observed``
        (members with data that year); rows only for years with some data.

    Examples
    --------
    >>> f = pd.DataFrame({"iso3": ["SUN", "RUS", "CHN"], "year": 1995, "gdp": [5.0, 3.0, 4.0]})
    >>> m = pd.DataFrame({"bloc": "CR", "iso3": ["CHN", "RUS"], "year": 1995})
    >>> float(bloc_totals(f, value="gdp", membership=m)["gdp"].iloc[0])
    7.0
    """
    check_frame(frame, ["iso3", "year"])
    check_value(frame, value)
    check_frame(membership, ["bloc", "iso3", "year"], name="membership")
    extra = [] if series is None else [series]
    if series is not None:
        check_frame(frame, [series])
    f = drop_predecessors(frame)[["iso3", "year", value, *extra]].dropna(subset=[value])
    # a member RUS stands for SUN where only SUN is observed
    have = set(zip(f["iso3"], f["year"], strict=True))
    mem = membership.copy()
    from worldsystem.measures.dynamics._common import PREDECESSORS

    back = {v: k for k, v in PREDECESSORS.items()}
    swap = [
        (back[c], y) if c in back and (c, y) not in have and (back[c], y) in have else (c, y)
        for c, y in zip(mem["iso3"], mem["year"], strict=True)
    ]
    mem["member"] = mem["iso3"]
    mem["iso3"] = [c for c, _ in swap]
    j = mem.merge(f, on=["iso3", "year"], how="left")
    aggs = {
        value: (value, lambda s: s.sum(min_count=1)),
        "n_members": ("iso3", "nunique"),
        "n_observed": (value, "count"),
    }
    if series is not None:
        # the entity behind the value: the row's series, else the code joined (SUN
        # where a member RUS took SUN's row)
        entity = j[series].where(j[series].notna(), j["iso3"])
        j["_spliced"] = [
            f"{m}<-{e}" if (v == v and e != m) else ""
            for m, e, v in zip(j["member"], entity, j[value], strict=True)
        ]
        aggs["series"] = ("_spliced", lambda s: "+".join(sorted(x for x in s if x)))
    out = (
        j.groupby(["bloc", "year"], sort=True)
        .agg(**aggs)
        .reset_index()
        .rename(columns={"bloc": "iso3"})
    )
    out = out[out["n_observed"] > 0].reset_index(drop=True)
    return finish(out, [frame], "bloc_totals", {"value": value, "series": series}, ())
