"""Dyad-year panels: all pairs of COW system members, and dyadic ``add_*`` joins.

:func:`dyad_years` builds every ordered pair ``(o, d)``, ``o != d``, of states that
are both members of the COW state system in a year (one row per ``(iso3, year)``
as in :func:`worldsystem.panels.country_years`: Germany 1990 is 260, Yemen 1990 is
679). A directed frame has both ``(o, d)`` and ``(d, o)``; an undirected one only
``ccode_o < ccode_d`` (``attrs["directed"]`` says which). COW-keyed dyadic sources
(trade, ATOP, SIPRI transfers) join on ``(ccode_o, ccode_d, year)``; UN votes on
``(iso3_o, iso3_d, year)``. Every ``add_*`` keeps the row count (checked).

Each ``add_*`` is declared with :func:`~worldsystem.panels._adders.panel_adder`
(sources read, registered :mod:`~worldsystem.core.columns` added), and
:data:`worldsystem.panels.build.DYAD_ADDERS` is derived from the declarations.
Dyad panels carry ``attrs["kind"] = "dyad-year"``; an ``add_*`` given a frame of
another kind, or one without its join keys, raises a
:class:`~worldsystem.core.errors.SchemaError` saying to run :func:`dyad_years`
first.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from worldsystem.core import columns as wc
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import attach, get
from worldsystem.core.schema import DYAD_YEAR, set_kind
from worldsystem.panels import store
from worldsystem.panels._adders import panel_adder
from worldsystem.panels._join import left_join

__all__ = [
    "add_alliances",
    "add_arms_transfers",
    "add_trade",
    "add_vote_agreement",
    "dyad_years",
    "vote_agreement",
]

Data = str | os.PathLike[str] | None


#: join keys of the COW-keyed dyadic sources
_COW_KEYS = ("ccode_o", "ccode_d", "year")


def _directed(panel: pd.DataFrame) -> bool:
    return bool(panel.attrs.get("directed", True))


def dyad_years(
    start: int,
    end: int,
    *,
    directed: bool = True,
    system: str = "cow",
    data: Data = None,
    cache: bool = True,
) -> pd.DataFrame:
    """All dyad-years of COW state-system members.

    Parameters
    ----------
    start, end : int
        First and last year (inclusive).
    directed : bool, default True
        True: ordered pairs, both directions. False: one row per pair with
        ``ccode_o < ccode_d``.
    system : {"cow"}
        Only the COW state system is supported for dyads.
    data : path-like, optional
        Data directory.
    cache : bool, default True
        Read/write the panel store.

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, ccode_o, ccode_d, year`` sorted by year, ccode_o,
        ccode_d; ``attrs["directed"]``; ``attrs["kind"]`` is ``"dyad-year"``.
        For ``n_t`` members in year ``t`` a directed frame has
        ``sum_t n_t (n_t - 1)`` rows.

    Raises
    ------
    WorldsystemError
        ``start > end`` or a system other than ``"cow"``.
    """
    if system != "cow":
        raise WorldsystemError(
            "dyad_years supports only the COW state system",
            field="system",
            value=system,
            hint='use system="cow"',
        )
    if start > end:
        raise WorldsystemError(
            "start is after end", field="start", value=start, hint="give start <= end"
        )
    from worldsystem.sources import cow_states

    params = {"start": start, "end": end, "directed": directed, "system": system}

    def build() -> pd.DataFrame:
        m = cow_states.system_members(start, end, data, one_per_iso3=True)
        m = m.sort_values(["year", "ccode"], ignore_index=True)
        years = m["year"].to_numpy()
        cc = m["ccode"].to_numpy(dtype="int64")
        iso = m["iso3"].to_numpy()
        bounds = np.flatnonzero(np.diff(years)) + 1
        starts = np.r_[0, bounds]
        stops = np.r_[bounds, len(m)]
        oi, di = [], []
        for a, b in zip(starts, stops, strict=True):
            k = b - a
            i = np.repeat(np.arange(a, b), k)
            j = np.tile(np.arange(a, b), k)
            keep = (i < j) if not directed else (i != j)
            oi.append(i[keep])
            di.append(j[keep])
        o = np.concatenate(oi) if oi else np.array([], dtype=int)
        d = np.concatenate(di) if di else np.array([], dtype=int)
        out = pd.DataFrame(
            {
                "iso3_o": pd.array(iso[o], dtype="str"),
                "iso3_d": pd.array(iso[d], dtype="str"),
                "ccode_o": cc[o],
                "ccode_d": cc[d],
                "year": years[o].astype("int64"),
            }
        )
        attach(out, get(m).with_method("panels.dyad_years", params))
        out.attrs["directed"] = directed
        return set_kind(out, DYAD_YEAR)

    out = store.cached("dyad_years", params, [cow_states.INFO], build, data=data, cache=cache)
    return set_kind(out, DYAD_YEAR)


_TRADE_COLUMNS = wc.by_source("cow_trade", kind=DYAD_YEAR)


@panel_adder(
    "trade", sources=("cow_trade",), columns=_TRADE_COLUMNS, kind=DYAD_YEAR, requires=_COW_KEYS
)
def add_trade(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add COW Trade v4.0 flows in both directions (1870-2014).

    Columns (million current US dollars; missing where COW has no figure or the
    dyad-year is absent from the file):

    - ``flow_musd_current``: exports of o to d (imports of d from o);
    - ``flow_rev_musd_current``: exports of d to o (imports of o from d);
    - ``smoothflow_musd_current``, ``smoothflow_rev_musd_current``: COW's smoothed
      versions.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`dyad_years` (directed or not).
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import cow_trade

    t = cow_trade.load(data)
    on = ["ccode_o", "ccode_d", "year"]
    fw = t[[*on, "flow_musd_current", "smoothflow_musd_current"]]
    rev = t[[*on, "flow_musd_current", "smoothflow_musd_current"]].rename(
        columns={
            "ccode_o": "ccode_d",
            "ccode_d": "ccode_o",
            "flow_musd_current": "flow_rev_musd_current",
            "smoothflow_musd_current": "smoothflow_rev_musd_current",
        }
    )
    src = fw.merge(rev, on=on, how="outer")
    attach(src, get(t))
    return left_join(
        panel,
        src,
        on=on,
        columns=wc.names(_TRADE_COLUMNS),
        method="panels.add_trade",
        units=wc.units(_TRADE_COLUMNS),
    )


_ARMS_COLUMNS = wc.by_source("sipri_tiv", kind=DYAD_YEAR)


@panel_adder(
    "arms_transfers",
    sources=("sipri_tiv",),
    columns=_ARMS_COLUMNS,
    kind=DYAD_YEAR,
    requires=_COW_KEYS,
)
def add_arms_transfers(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add SIPRI arms deliveries between the two states (1950-2021).

    Columns ``arms_tiv_millions`` (o delivers to d) and ``arms_rev_tiv_millions``
    (d delivers to o), millions of SIPRI TIV; 0 for dyad-years in 1950-2021 with
    no delivery, missing outside. State parties only (SIPRI rows with a COW
    code); SIPRI rows mapping to the same ccode pair and year are summed.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import sipri_tiv

    t = sipri_tiv.load(data)
    s = t[t["ccode_o"].notna() & t["ccode_d"].notna()]
    on = ["ccode_o", "ccode_d", "year"]
    g = (
        s.assign(ccode_o=s["ccode_o"].astype("int64"), ccode_d=s["ccode_d"].astype("int64"))
        .groupby(on, as_index=False)["tiv_millions"]
        .sum()
    )
    fw = g.rename(columns={"tiv_millions": "arms_tiv_millions"})
    rev = g.rename(
        columns={
            "ccode_o": "ccode_d",
            "ccode_d": "ccode_o",
            "tiv_millions": "arms_rev_tiv_millions",
        }
    )
    src = fw.merge(rev, on=on, how="outer")
    attach(src, get(t))
    lo, hi = int(t["year"].min()), int(t["year"].max())
    cols = wc.names(_ARMS_COLUMNS)
    return left_join(
        panel,
        src,
        on=on,
        columns=cols,
        method="panels.add_arms_transfers",
        units=wc.units(_ARMS_COLUMNS),
        fill={c: (0.0, lo, hi) for c in cols},
    )


_ATOP_COLUMNS = wc.by_source("atop", kind=DYAD_YEAR)
#: ATOP obligation variables, in panel order
_ATOP = tuple(c.origin for c in _ATOP_COLUMNS)


@panel_adder(
    "alliances", sources=("atop",), columns=_ATOP_COLUMNS, kind=DYAD_YEAR, requires=_COW_KEYS
)
def add_alliances(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add ATOP v5.1 alliance obligations of o towards d (1815-2018).

    Columns ``atop_atopally, atop_defense, atop_offense, atop_neutral,
    atop_nonagg, atop_consul`` (0/1): obligations of o towards d under the
    alliances in force. ATOP lists allied dyad-years only, so dyad-years in
    1815-2018 absent from the file are 0; other years are missing.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import atop

    a = atop.load(data)
    on = ["ccode_o", "ccode_d", "year"]
    src = a[on + list(_ATOP)].rename(columns=wc.renames(_ATOP_COLUMNS))
    attach(src, get(a))
    lo, hi = int(a["year"].min()), int(a["year"].max())
    cols = wc.names(_ATOP_COLUMNS)
    out = left_join(
        panel,
        src,
        on=on,
        columns=cols,
        method="panels.add_alliances",
        units=wc.units(_ATOP_COLUMNS),
        fill={c: (0, lo, hi) for c in cols},
    )
    for c in cols:
        out[c] = out[c].astype("Int8")
    return out


def vote_agreement(votes: pd.DataFrame) -> pd.DataFrame:
    """Share of identical votes and Cohen's kappa for every pair and year.

    Parameters
    ----------
    votes : pandas.DataFrame
        ``year, rcid, iso3, vote_code`` (0 no, 1 abstain, 2 yes); one row per
        country and roll call it voted on.

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, year, votes_n`` (roll calls both voted on),
        ``votes_agree_share`` and ``votes_kappa`` for every ordered pair with at
        least one common roll call in the year.

    Notes
    -----
    Over the ``n`` common roll calls of ``i`` and ``j``:

    .. math::

        p_o = \\frac{1}{n}\\sum_r [v_{ir} = v_{jr}], \\qquad
        p_e = \\sum_k \\frac{n_{ik}}{n}\\frac{n_{jk}}{n}, \\qquad
        \\kappa = \\frac{p_o - p_e}{1 - p_e},

    with ``n_ik`` the number of the common roll calls on which ``i`` voted
    ``k`` (Cohen 1960, doi:10.1177/001316446002000104; for UN votes Häge 2011,
    doi:10.1093/pan/mpq035). ``kappa`` is missing when ``p_e = 1`` (both voted
    one category only). Computed with indicator-matrix products per year.
    """
    cols = ["iso3_o", "iso3_d", "year", "votes_n", "votes_agree_share", "votes_kappa"]
    if len(votes) == 0:
        return pd.DataFrame(columns=cols)
    codes, names = pd.factorize(votes["iso3"], sort=True)
    years = votes["year"].to_numpy(dtype="int64")
    rcids = votes["rcid"].to_numpy()
    vcode = votes["vote_code"].to_numpy().astype(int)
    order = np.argsort(years, kind="stable")
    ys = years[order]
    cut = np.flatnonzero(np.diff(ys)) + 1
    parts: list[tuple[np.ndarray, ...]] = []
    for sel in np.split(order, cut):
        ctry, ci = np.unique(codes[sel], return_inverse=True)
        _, ri = np.unique(rcids[sel], return_inverse=True)
        c, r = len(ctry), int(ri.max()) + 1
        V = np.zeros((3, c, r))
        V[vcode[sel], ci, ri] = 1.0
        P = V.sum(axis=0)
        n = P @ P.T
        agree = sum(V[k] @ V[k].T for k in range(3))
        pe_num = sum((V[k] @ P.T) * (P @ V[k].T) for k in range(3))
        with np.errstate(divide="ignore", invalid="ignore"):
            po = agree / n
            pe = pe_num / n**2
            kappa = np.where(pe < 1 - 1e-12, (po - pe) / (1 - pe), np.nan)
        i, j = np.nonzero((n > 0) & ~np.eye(c, dtype=bool))
        yr = np.full(len(i), years[sel[0]], dtype="int64")
        parts.append((ctry[i], ctry[j], yr, n[i, j], po[i, j], kappa[i, j]))
    o, d, yr, nn, po, ka = (np.concatenate(x) for x in zip(*parts, strict=True))
    names = np.asarray(names, dtype=object)
    return pd.DataFrame(
        {
            "iso3_o": pd.array(names[o], dtype="str"),
            "iso3_d": pd.array(names[d], dtype="str"),
            "year": yr,
            "votes_n": nn.astype("int64"),
            "votes_agree_share": po,
            "votes_kappa": ka,
        }
    )


_VOTE_COLUMNS = wc.by_source("unvotes", kind=DYAD_YEAR)


@panel_adder("vote_agreement", sources=("unvotes",), columns=_VOTE_COLUMNS, kind=DYAD_YEAR)
def add_vote_agreement(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add UN General Assembly voting agreement (Voeten, 1946-2019).

    Columns ``votes_n`` (roll calls both voted on in the year),
    ``votes_agree_share`` (share of identical votes, yes/abstain/no as three
    categories) and ``votes_kappa`` (Cohen's kappa), see :func:`vote_agreement`.
    Missing where the pair has no common roll call (absent, not a member, or no
    roll calls that year). Joined on ``(iso3_o, iso3_d, year)``. ``year`` here is
    the calendar year of the vote (the roll call's date), to match the other
    dyad-year columns; :mod:`worldsystem.measures.blocs` instead dates every vote
    to its session's opening year (``session + 1945``,
    :data:`worldsystem.core.schema.UN_SESSION_YEAR_OFFSET`), as Bailey, Strezhnev &
    Voeten do, so sessions that ran into the next calendar year (e.g. 6, 19)
    are split across two panel years but not across two ideal-point years.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import unvotes

    v = unvotes.load(data)
    rc = unvotes.load_roll_calls(data)
    v = v[v["iso3"].notna()].merge(rc[["rcid", "year"]], on="rcid", how="inner")
    v = v.drop_duplicates(["rcid", "iso3"])
    src = vote_agreement(v[["year", "rcid", "iso3", "vote_code"]])
    attach(src, get(v).merge(get(rc)))
    return left_join(
        panel,
        src,
        on=["iso3_o", "iso3_d", "year"],
        columns=wc.names(_VOTE_COLUMNS),
        method="panels.add_vote_agreement",
        units=wc.units(_VOTE_COLUMNS),
        notes=["unvotes: yes/abstain/no are three categories; absences are not votes"],
    )
