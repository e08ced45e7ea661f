"""Bridges: roll calls that repeat the same resolution across sessions.

:func:`bridge_groups` keys recurring resolutions by their normalised text, the
device by which Bailey, Strezhnev & Voeten (2017) hold an item fixed across
sessions (used by :mod:`worldsystem.measures.blocs.ideal`).

Full references are in the function docstrings.
"""

from __future__ import annotations

import re
from typing import Literal

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError

__all__ = [
    "BRIDGE_RULES",
    "bridge_groups",
    "split_discordant",
]


#: Bridge rules of :func:`bridge_groups`.
BRIDGE_RULES = ("title", "descr", "short")


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


def _text_keys(rc: pd.DataFrame, column: str, min_chars: int) -> pd.Series:
    """Keys of one text column under rules (a)-(d) of :func:`bridge_groups`, by position."""
    key = _normalise_text(rc[column])
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
    return out


def _union_keys(rc: pd.DataFrame, a: pd.Series, b: pd.Series) -> pd.Series:
    """Join two key sets: roll calls linked by either key are one group.

    A joined group holding two roll calls of one session is ambiguous; its roll
    calls keep their ``a`` keys only.
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(rc)
    rows, cols = [], []
    for keys in (a, b):
        pos = pd.Series(np.arange(n))[keys.notna().to_numpy()]
        codes = pd.factorize(keys.dropna().to_numpy())[0]
        first = pd.Series(pos.to_numpy()).groupby(codes).transform("first").to_numpy()
        rows.append(pos.to_numpy())
        cols.append(first)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    graph = coo_matrix((np.ones(r.shape[0]), (r, c)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    linked = a.notna().to_numpy() | b.notna().to_numpy()
    frame = pd.DataFrame({"comp": comp, "session": rc["session"].to_numpy()})[linked]
    dup = frame.duplicated(["comp", "session"], keep=False)
    bad_comp = set(frame.loc[dup, "comp"].tolist())
    size = frame.groupby("comp")["session"].transform("nunique")
    out = pd.Series(pd.NA, index=np.arange(n), dtype="string")
    good = frame.index[(~frame["comp"].isin(bad_comp)).to_numpy() & (size.to_numpy() >= 2)]
    out.iloc[good] = ["G" + str(k) for k in comp[good]]
    amb = np.flatnonzero(np.isin(comp, list(bad_comp)) & a.notna().to_numpy())
    out.iloc[amb] = a.iloc[amb].to_numpy()
    return out


def bridge_groups(
    roll_calls: pd.DataFrame,
    *,
    bridge: Literal["title", "descr", "short"] = "title",
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

    ``bridge="title"`` (default) joins the two: roll calls linked by their
    ``descr`` key *or* by their ``short`` key are one group (connected components
    of both links). In this data set ``descr`` is the UN resolution title from
    session 40 (1985) on but a per-vote motion ("TO ADOPT THE DRAFT RESOL.
    (A/8106) ...") before, which rarely repeats, while ``short`` is the agenda
    title ("CHINA REPRESENTATION", "APARTHEID") in sessions 1-57 and a cut-off
    copy of the title later; the union therefore bridges the early sessions by
    their agenda titles, the later ones by their resolution titles, and the two
    eras to each other. A joined group that would hold two roll calls of one
    session is ambiguous; its roll calls keep their ``descr`` keys only. The
    ``short`` titles are coarser than resolution titles, so the fit also splits a
    group where the votes of two successive members disagree
    (:func:`split_discordant`).

    Parameters
    ----------
    roll_calls : DataFrame
        Columns ``rcid``, ``session`` and the text column named by ``bridge``;
        optional ``unres``, ``amend``, ``para``.
    bridge : {"title", "descr", "short"}
        Which text identifies a recurring resolution: ``descr`` (the resolution
        text or title), ``short`` (the agenda title; generic, "DISARMAMENT", in
        early sessions, so it bridges more loosely), or ``title`` (either).
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
    if bridge not in BRIDGE_RULES:
        raise SchemaError(
            "bridge must be 'title', 'descr', 'short' or None",
            field="bridge",
            value=bridge,
            hint="use bridge='descr' (default) or bridge=None for no bridging",
        )
    texts = [bridge]
    if bridge == "title":  # either text will do; both when present
        texts = [c for c in ("descr", "short") if c in roll_calls.columns] or ["descr"]
    missing = [c for c in ("rcid", "session", *texts) if c not in roll_calls.columns]
    if missing:
        raise SchemaError(
            f"roll_calls lacks column(s) {missing} needed for bridging",
            file="roll_calls",
            field=missing[0],
            hint="pass the roll-call frame (rcid, session, descr, short) or bridge=None",
        )
    rc = roll_calls.drop_duplicates("rcid").reset_index(drop=True)
    if len(texts) == 2:
        out = _union_keys(
            rc, _text_keys(rc, "descr", min_chars), _text_keys(rc, "short", min_chars)
        )
    else:
        out = _text_keys(rc, texts[0], min_chars)
    out.index = rc["rcid"].to_numpy()
    out.name = "key"
    return out


def split_discordant(
    keys: pd.Series,
    votes: pd.DataFrame,
    *,
    min_corr: float = 0.0,
    min_common: int = 10,
) -> pd.Series:
    """Split bridge groups where two successive roll calls do not vote alike.

    Within a group, roll calls are ordered by session; the link between two
    successive members is kept when at least ``min_common`` countries vote on
    both and their votes (no = 0, abstain = 1, yes = 2) correlate at least
    ``min_corr`` (Pearson); otherwise the group is cut there. This catches two
    different motions filed under one agenda title (a US and a Soviet draft on
    "KOREA", which order the countries in opposite directions), while a repeat of
    one resolution on which a few countries change their vote stays linked. Parts
    of one member left alone are unbridged.

    Parameters
    ----------
    keys : Series
        Bridge keys by ``rcid`` (``NA`` = not bridged), as from :func:`bridge_groups`.
    votes : DataFrame
        ``rcid, session, iso3, y`` (``y`` in 0/1/2).

    Returns
    -------
    Series
        Keys by ``rcid``, with ``#k`` appended to the k-th segment of a split group.

    Examples
    --------
    >>> v = pd.DataFrame({"rcid": [1] * 12 + [2] * 12 + [3] * 12,
    ...     "session": [1] * 12 + [2] * 12 + [3] * 12,
    ...     "iso3": [f"C{i}" for i in range(12)] * 3,
    ...     "y": [0, 2] * 6 + [0, 2] * 6 + [2, 0] * 6})
    >>> split_discordant(pd.Series(["K", "K", "K"], index=[1, 2, 3]), v).tolist()
    ['K#0', 'K#0', <NA>]
    """
    keys = keys.dropna()
    out = pd.Series(pd.NA, index=keys.index, dtype="string")
    if keys.empty:
        return out
    v = votes[votes["rcid"].isin(keys.index)]
    sess = v.groupby("rcid")["session"].first()
    r_codes, r_uniq = pd.factorize(v["rcid"], sort=True)
    c_codes, c_uniq = pd.factorize(v["iso3"], sort=True)
    mat = np.full((r_uniq.shape[0], c_uniq.shape[0]), np.nan)
    mat[r_codes, c_codes] = v["y"].to_numpy(dtype=float)
    row = pd.Series(np.arange(r_uniq.shape[0]), index=r_uniq)
    frame = pd.DataFrame({"key": keys.astype(str), "session": sess.reindex(keys.index)})
    frame = frame.dropna(subset=["session"]).sort_values(["key", "session"], kind="stable")
    same = frame["key"].to_numpy()[1:] == frame["key"].to_numpy()[:-1]
    a = mat[row.reindex(frame.index[:-1]).to_numpy()]
    b = mat[row.reindex(frame.index[1:]).to_numpy()]
    both = ~np.isnan(a) & ~np.isnan(b)
    n = both.sum(axis=1)
    a0 = np.where(both, a, 0.0)
    b0 = np.where(both, b, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        ma = a0.sum(axis=1) / n
        mb = b0.sum(axis=1) / n
        da = np.where(both, a0 - ma[:, None], 0.0)
        db = np.where(both, b0 - mb[:, None], 0.0)
        corr = (da * db).sum(axis=1) / np.sqrt((da**2).sum(axis=1) * (db**2).sum(axis=1))
    keep_link = same & (n >= min_common) & (np.nan_to_num(corr, nan=-1.0) >= min_corr)
    # a new segment starts at every member not linked to its predecessor
    seg = np.concatenate([[0], np.cumsum(~keep_link)])
    label = (
        frame["key"].to_numpy()
        + "#"
        + pd.Series(seg)
        .groupby(frame["key"].to_numpy())
        .rank(method="dense")
        .astype(int)
        .sub(1)
        .astype(str)
        .to_numpy()
    )
    size = pd.Series(seg).map(pd.Series(seg).value_counts()).to_numpy()
    lab = pd.Series(label, index=frame.index).where(size >= 2)
    out.loc[lab.index] = lab.astype("string")
    return out
