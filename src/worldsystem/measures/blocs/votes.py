"""UN General Assembly roll calls: the vote frame and the session-year convention.

Shared input step of :mod:`worldsystem.measures.blocs`: votes are coded
no < abstain < yes (:data:`VOTE_CATEGORIES`) and UNGA session ``s`` is dated
``s + SESSION_YEAR_OFFSET`` (session 1 = 1946), the convention of Bailey,
Strezhnev & Voeten (2017).

Full references are in the function docstrings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import UN_SESSION_YEAR_OFFSET

__all__ = [
    "ROLL_CALL_SETS",
    "SESSION_YEAR_OFFSET",
    "VOTE_CATEGORIES",
    "whole_resolution_votes",
]


#: Roll-call sets of :func:`whole_resolution_votes`.
ROLL_CALL_SETS = ("resolutions", "strict", "all")


#: First session (1985) in which amendment and paragraph votes are separate votes
#: beside the vote on the whole resolution.
SEPARATE_PARTS_FROM = 40


#: Year of a UNGA session is ``session + SESSION_YEAR_OFFSET`` (session 1 = 1946).
SESSION_YEAR_OFFSET = UN_SESSION_YEAR_OFFSET


#: Vote categories, in order (Voeten's yes=1/abstain=2/no=3 recoded to 2/1/0).
VOTE_CATEGORIES = ("no", "abstain", "yes")


_VOTE_CODE = {"no": 0, "abstain": 1, "yes": 2}


def _as_str(col: pd.Series) -> np.ndarray:
    """Object array of strings, converting each distinct value once."""
    codes, uniques = pd.factorize(col)
    names = np.asarray(pd.Series(np.asarray(uniques, dtype=object)).astype(str), dtype=object)
    return names[codes]


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
        # map the few distinct values, not every row (10^6 votes)
        codes, uniques = pd.factorize(votes["vote"], use_na_sentinel=True)
        names = pd.Series(np.asarray(uniques, dtype=object)).astype(str).str.strip().str.lower()
        code_of = names.map(_VOTE_CODE).to_numpy(dtype=float)
        y = np.where(codes >= 0, code_of[np.maximum(codes, 0)] if code_of.size else np.nan, np.nan)
        bad = np.isnan(y)
        if bad.any():
            raise SchemaError(
                "vote must be one of 'yes', 'abstain', 'no'",
                file=name,
                field="vote",
                value=votes["vote"].to_numpy()[bad][0],
                hint="drop absences and non-members, or recode Voeten's 1/2/3 to yes/abstain/no",
            )
        y = y.astype(np.int64)
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
            "iso3": _as_str(iso3),
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


def whole_resolution_votes(roll_calls: pd.DataFrame, rule: str = "resolutions") -> pd.Series:
    """Which roll calls are votes on a whole resolution (True) by ``rcid``.

    ``amend`` / ``para`` = 1 mark a vote on an amendment or on a paragraph.

    - ``"resolutions"`` (default): drop such votes from session 40 (1985) on, where
      the record holds them *beside* the vote on the whole resolution (sessions
      52-67 and 71-72 of this data set: 16 to 40 a session); keep them before,
      where they are most of the record (about half the roll calls of sessions
      1-29) and are the substantive votes. This is the item set of the published
      Bailey-Strezhnev-Voeten estimates: their ``NVotesAll`` for the US equals all
      its votes in sessions 1-39 (103 of 104 in session 3) and the whole-resolution
      votes only from session 52 (72 of 88 in session 52, 78 of 118 in 71).
    - ``"strict"``: drop every amendment and paragraph vote in every session.
    - ``"all"``: keep every roll call.

    Missing flags (``NA``, uncoded sessions) count as 0. Without ``amend`` and
    ``para`` columns every roll call is kept.

    Examples
    --------
    >>> rc = pd.DataFrame({"rcid": [1, 2, 3, 4], "session": [3, 3, 52, 52],
    ...     "amend": [1, 0, 0, None], "para": [0, 0, 1, 0]})
    >>> whole_resolution_votes(rc).tolist(), whole_resolution_votes(rc, "strict").tolist()
    ([True, True, False, True], [False, True, False, True])
    """
    if rule not in ROLL_CALL_SETS:
        raise SchemaError(
            "unknown roll-call set",
            field="roll_call_set",
            value=rule,
            hint="use " + ", ".join(repr(r) for r in ROLL_CALL_SETS),
        )
    flag = np.zeros(len(roll_calls), dtype=bool)
    for col in ("amend", "para"):
        if col in roll_calls.columns:
            flag |= pd.to_numeric(roll_calls[col], errors="coerce").fillna(0).to_numpy() == 1
    if rule == "all":
        flag[:] = False
    elif rule == "resolutions":
        sess = pd.to_numeric(roll_calls["session"], errors="coerce").to_numpy()
        flag &= sess >= SEPARATE_PARTS_FROM
    return pd.Series(~flag, index=roll_calls["rcid"].to_numpy(), name="whole")
