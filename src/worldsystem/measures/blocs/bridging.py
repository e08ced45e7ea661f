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
    "bridge_groups",
]


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
