"""Group memberships with join/leave years (see :mod:`worldsystem.countries`)."""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import CodeSystemError

from ._identity import _read_csv

__all__ = [
    "canonical_group",
    "groups",
    "groups_of",
    "is_member",
    "member_mask",
    "members",
    "membership",
    "recorded_to",
]


@functools.lru_cache(maxsize=1)
def _spells() -> pd.DataFrame:
    g = _read_csv("groups.csv")
    g["join_year"] = pd.to_numeric(g["join_year"]).astype("Int64")
    g["leave_year"] = pd.to_numeric(g["leave_year"]).astype("Int64")
    for col in ("note", "source"):
        g[col] = g[col].fillna("")
    return g


def _check_group(group: str) -> pd.DataFrame:
    g = _spells()
    sub = g[g["group"] == group]
    if sub.empty:
        raise CodeSystemError(
            f"Unknown group {group!r}",
            field="group",
            value=group,
            hint=f"use one of {', '.join(groups())}",
        )
    return sub


def _active(sub: pd.DataFrame, year: int) -> pd.Series:
    # Member in year Y if join_year <= Y and (leave_year empty or Y < leave_year).
    return (sub["join_year"] <= year) & (sub["leave_year"].isna() | (year < sub["leave_year"]))


def groups() -> list[str]:
    """Return the names of the groups with membership data, sorted.

    Examples
    --------
    >>> "NATO" in groups()
    True
    """
    return sorted(_spells()["group"].unique().tolist())


def canonical_group(group: str) -> str:
    """The name of ``group`` as listed in :func:`groups`, matched ignoring case.

    The library functions take the listed name only; the command line and
    scenario files pass what a user typed through this first.

    >>> canonical_group("nato"), canonical_group("Imf_Advanced")
    ('NATO', 'IMF_ADVANCED')
    """
    names = groups()
    if group in names:
        return group
    folded = {g.casefold(): g for g in names}
    hit = folded.get(str(group).strip().casefold())
    if hit is None:
        _check_group(group)  # raises naming the groups
    return hit


def recorded_to() -> int:
    """The last year of membership data: the latest join or leave year listed.

    Membership in a later year is beyond the data (a group may have grown or
    lost members since), so callers refuse it rather than repeat the last list.

    >>> recorded_to() >= 2024
    True
    """
    g = _spells()
    return int(max(g["join_year"].max(), g["leave_year"].max()))


def membership(group: str) -> pd.DataFrame:
    """Return the membership spells of ``group``.

    Returns
    -------
    pandas.DataFrame
        Columns ``group, iso3, join_year, leave_year, note, source``; an empty
        ``leave_year`` (``<NA>``) means still a member. A country with several
        spells (e.g. Indonesia in OPEC) has several rows.

    Examples
    --------
    >>> membership("G7")["iso3"].nunique()
    7
    """
    return _check_group(group).reset_index(drop=True).copy()


def members(group: str, year: int) -> list[str]:
    """Return the sorted ISO3 codes of the members of ``group`` in ``year``.

    A country is a member in year Y if ``join_year <= Y`` and (``leave_year`` is
    empty or ``Y < leave_year``).

    Examples
    --------
    >>> members("BRICS", 2010)
    ['BRA', 'CHN', 'IND', 'RUS']
    """
    sub = _check_group(group)
    return sorted(set(sub.loc[_active(sub, int(year)).to_numpy(dtype=bool), "iso3"]))


def groups_of(iso3: str, year: int) -> list[str]:
    """Return the sorted groups that ``iso3`` belongs to in ``year``.

    Examples
    --------
    >>> groups_of("GBR", 2020)[:3]
    ['G20', 'G7', 'IMF_ADVANCED']
    """
    g = _spells()
    sub = g[g["iso3"] == iso3]
    return sorted(set(sub.loc[_active(sub, int(year)).to_numpy(dtype=bool), "group"]))


def is_member(iso3: str, group: str, year: int) -> bool:
    """Whether ``iso3`` is a member of ``group`` in ``year``.

    Examples
    --------
    >>> is_member("GBR", "EU", 2019), is_member("GBR", "EU", 2020)
    (True, False)
    """
    sub = _check_group(group)
    sub = sub[sub["iso3"] == iso3]
    return bool(_active(sub, int(year)).any())


def member_mask(iso3: Any, group: str, year: Any) -> np.ndarray:
    """Vectorised membership test for panels.

    Parameters
    ----------
    iso3
        Array-like of ISO3 codes.
    group
        A group from :func:`groups`.
    year
        Scalar or array-like aligned with ``iso3``. Missing years give False.

    Returns
    -------
    numpy.ndarray of bool
        ``True`` where the country is a member in that year.

    Examples
    --------
    >>> member_mask(["FIN", "FIN"], "NATO", [2022, 2023]).tolist()
    [False, True]
    """
    sub = _check_group(group)
    codes = np.asarray(iso3, dtype=object).reshape(-1)
    n = codes.shape[0]
    years = (
        np.full(n, float(year))
        if np.ndim(year) == 0
        else pd.to_numeric(pd.Series(np.asarray(year, dtype=object)), errors="coerce").to_numpy(
            dtype=float
        )
    )
    if years.shape[0] != n:
        raise CodeSystemError(
            f"year has {years.shape[0]} elements but iso3 has {n}",
            field="year",
            hint="pass a scalar year or an array aligned 1:1 with iso3",
        )
    inv, uniq = pd.factorize(codes)
    # Spells as (n_unique, k) interval arrays; empty slots never match.
    lo = sub["join_year"].astype(float).to_numpy()
    hi = sub["leave_year"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    pos_of = {code: i for i, code in enumerate(uniq)}
    k = int(sub["iso3"].value_counts().max())
    lo_u = np.full((len(uniq) + 1, k), np.inf)
    hi_u = np.full((len(uniq) + 1, k), -np.inf)
    fill = np.zeros(len(uniq) + 1, dtype=int)
    for code, a, b in zip(sub["iso3"], lo, hi, strict=True):
        i = pos_of.get(code)
        if i is not None:
            lo_u[i, fill[i]], hi_u[i, fill[i]] = a, b
            fill[i] += 1
    idx = np.where(inv < 0, len(uniq), inv)  # missing codes -> the empty last row
    out = np.zeros(n, dtype=bool)
    for j in range(k):
        out |= (years >= lo_u[idx, j]) & (years < hi_u[idx, j])
    return out
