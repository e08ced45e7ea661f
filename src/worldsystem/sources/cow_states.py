"""COW State System Membership List, v2016.

Files (official layout, ``cow_states/`` in the data directory):

- ``states2016.csv``: one row per spell of state-system membership,
  ``stateabb, ccode, statenme, styear, stmonth, stday, endyear, endmonth, endday, version``;
- ``majors2016.csv``: one row per spell of major-power status (same columns
  without ``statenme``).

Returned columns of :func:`load` and :func:`load_majors`
---------------------------------------------------------
``stateabb`` (str), ``ccode`` (int64, COW state code), ``statenme`` (str, states
only), ``start``/``end`` (datetime64, first and last day of the spell),
``styear``/``endyear`` (int64), ``ongoing`` (bool: the spell ends on
2016-12-31, i.e. it was still running at the end of the data) and ``iso3`` (the
ISO3 code of the ccode in the spell's start year, from
:func:`worldsystem.countries.convert`; historical states get the project's
Q-range codes, see :mod:`worldsystem.countries`). Every ccode must convert; an
unknown ccode is a :class:`~worldsystem.core.errors.SchemaError`.

Year-level membership (:func:`system_members`, :func:`major_powers`)
--------------------------------------------------------------------
A state is a member in year ``Y`` if any of its spells covers any day of ``Y``
(so a state that joins on 31 December counts for that year). Spells flagged
``ongoing`` are carried forward to the end of the requested range when
``carry_forward`` is true (the default), on the assumption that states in the
system at the end of 2016 are still members: the list has no later release.

Citation: Correlates of War Project (2017), "State System Membership List, v2016",
http://correlatesofwar.org.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.provenance import attach, set_units
from worldsystem.core.provenance import get as get_provenance
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base
from worldsystem.sources.base import SourceInfo

__all__ = ["END_OF_DATA", "INFO", "load", "load_majors", "major_powers", "system_members"]

#: Last day covered by the v2016 list; a spell ending here is still running.
END_OF_DATA = pd.Timestamp("2016-12-31")

INFO = SourceInfo(
    id="cow_states",
    name="COW State System Membership List",
    version="2016",
    licence="free to use with citation (Correlates of War Project terms of use)",
    citation=(
        'Correlates of War Project (2017), "State System Membership List, v2016", '
        "http://correlatesofwar.org."
    ),
    citation_key="cow2017states",
    url="https://correlatesofwar.org/data-sets/state-system-membership/",
    files=("states2016.csv", "majors2016.csv"),
    description=(
        "Spells of membership in the interstate system and of major-power status, 1816-2016. "
        "The official release is a zip of CSVs on the COW site; no stable direct file URL "
        "is known, so no download is listed."
    ),
    units={
        "ccode": "COW state code",
        "start": "date",
        "end": "date",
        "styear": "year",
        "endyear": "year",
        "iso3": "ISO 3166-1 alpha-3 (project Q-range codes for historical states)",
    },
    downloads=(),
    years=(1816, 2016),
)

_DATE_PARTS = ("styear", "stmonth", "stday", "endyear", "endmonth", "endday")


def _read_spells(
    data: str | os.PathLike[str] | None, filename: str, with_name: bool
) -> tuple[pd.DataFrame, list]:
    path = base.locate(INFO, filename, data)
    cols = ["stateabb", "ccode", *(["statenme"] if with_name else []), *_DATE_PARTS]
    raw = base.read_csv(path, required=cols)
    df = raw[cols].copy()
    _cow.require_int(df, ["ccode"], file=path, min_value=1, max_value=999)
    _cow.require_int(df, ["styear", "endyear"], file=path, min_value=1816, max_value=2016)
    _cow.require_int(df, ["stmonth", "endmonth"], file=path, min_value=1, max_value=12)
    _cow.require_int(df, ["stday", "endday"], file=path, min_value=1, max_value=31)
    for col in ("stateabb", *(["statenme"] if with_name else [])):
        if df[col].isna().any():
            raise SchemaError("missing text value", file=path, field=col, value="")
        df[col] = base.as_text(df[col])
    for prefix, y, m, d in (
        ("start", "styear", "stmonth", "stday"),
        ("end", "endyear", "endmonth", "endday"),
    ):
        parts = pd.DataFrame({"year": df[y], "month": df[m], "day": df[d]})
        dates = pd.to_datetime(parts, errors="coerce")
        if dates.isna().any():
            i = int(np.flatnonzero(dates.isna().to_numpy())[0])
            raise SchemaError(
                "not a calendar date",
                file=path,
                field=f"{y}/{m}/{d}",
                value=f"{parts.iloc[i, 0]}-{parts.iloc[i, 1]}-{parts.iloc[i, 2]}",
            )
        df[prefix] = dates.astype("datetime64[ns]")
    inverted = df["end"] < df["start"]
    if inverted.any():
        row = df[inverted].iloc[0]
        raise SchemaError(
            "spell ends before it starts",
            file=path,
            field="endyear",
            value=f"ccode {row['ccode']}: {row['start'].date()} > {row['end'].date()}",
        )
    check_unique(df, ["ccode", "start"], name=str(path))
    df["ongoing"] = df["end"] == END_OF_DATA
    df["iso3"], _ = _cow.codes_to_iso3(
        df["ccode"], source="cow", year=df["styear"], file=path, field="ccode"
    )
    out = df[
        [
            "stateabb",
            "ccode",
            *(["statenme"] if with_name else []),
            "start",
            "end",
            "styear",
            "endyear",
            "ongoing",
            "iso3",
        ]
    ]
    out = out.sort_values(["ccode", "start"], ignore_index=True)
    return out, [path]


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Spells of state-system membership (``states2016.csv``).

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        One row per spell: ``stateabb, ccode, statenme, start, end, styear, endyear,
        ongoing, iso3`` (see the module docstring), sorted by ccode and start,
        with provenance.

    Raises
    ------
    SourceError
        The file is absent, empty or unreadable.
    SchemaError
        A column is missing, a value is not a whole number or not a date, a spell
        ends before it starts, ``(ccode, start)`` repeats, or a ccode is unknown.
    """
    df, paths = _read_spells(data, "states2016.csv", with_name=True)
    return base.finish(df, INFO, paths)


def load_majors(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Spells of major-power status (``majors2016.csv``).

    Same columns as :func:`load` without ``statenme``. Raises as :func:`load`.
    """
    df, paths = _read_spells(data, "majors2016.csv", with_name=False)
    return base.finish(df, INFO, paths)


def _spell_years(
    spells: pd.DataFrame, start: int, end: int, carry_forward: bool, one_per_iso3: bool
) -> pd.DataFrame:
    if end < start:
        raise SchemaError(
            "the year range is empty", field="end", value=end, hint=f"use end >= start ({start})"
        )
    s = spells.copy()
    last = s["end"].copy()
    if carry_forward:
        last[s["ongoing"]] = pd.Timestamp(year=max(end, 2016), month=12, day=31)
    first_year = s["start"].dt.year.to_numpy()
    last_year = last.dt.year.to_numpy()
    lo = np.maximum(first_year, start)
    hi = np.minimum(last_year, end)
    n = np.clip(hi - lo + 1, 0, None)
    idx = np.repeat(np.arange(len(s)), n)
    offs = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    years = lo[idx] + offs
    # days of year Y covered by the spell (to pick one ccode per iso3-year)
    y_start = pd.to_datetime(pd.DataFrame({"year": years, "month": 1, "day": 1}))
    y_end = pd.to_datetime(pd.DataFrame({"year": years, "month": 12, "day": 31}))
    a = np.maximum(s["start"].to_numpy()[idx], y_start.to_numpy())
    b = np.minimum(last.to_numpy()[idx], y_end.to_numpy())
    days = ((b - a) / np.timedelta64(1, "D")).astype("int64") + 1
    out = pd.DataFrame(
        {
            "ccode": s["ccode"].to_numpy()[idx],
            "year": years.astype("int64"),
            "days": days,
            "start": s["start"].to_numpy()[idx],
        }
    )
    # several spells of one ccode in a year -> one row, summing the days
    out = out.groupby(["ccode", "year"], as_index=False).agg(
        days=("days", "sum"), start=("start", "max")
    )
    if len(out):
        out["iso3"], _ = _cow.codes_to_iso3(
            out["ccode"], source="cow", year=out["year"], file="cow_states", field="ccode"
        )
    else:
        out["iso3"] = pd.Series(dtype="str")
    if one_per_iso3:
        out = out.sort_values(
            ["iso3", "year", "days", "start"], ascending=[True, True, False, False]
        )
        out = out.drop_duplicates(["iso3", "year"], keep="first")
    out = out.sort_values(["year", "ccode"], ignore_index=True)
    return out[["ccode", "iso3", "year"]]


def system_members(
    start: int,
    end: int,
    data: str | os.PathLike[str] | None = None,
    *,
    carry_forward: bool = True,
    one_per_iso3: bool = True,
) -> pd.DataFrame:
    """Country-years of state-system members in ``start..end`` (inclusive).

    Parameters
    ----------
    start, end
        First and last year.
    data
        Data directory, or a spell frame already returned by :func:`load`.
    carry_forward
        Carry spells still running at the end of the data (ending 2016-12-31)
        forward to ``end``. With ``False`` no state is a member after 2016.
    one_per_iso3
        When two ccodes map to the same ISO3 in a year (unifications: Germany 260
        and 255 in 1990, Yemen 678 and 679 in 1990 if both map to YEM), keep the
        ccode whose spell covers more days of that year (Germany 1990 -> 260,
        275 days; Yemen 1990 -> 679, 224 days), so ``(iso3, year)`` is a key.
        With ``False`` one row per ``(ccode, year)`` is returned.

    Returns
    -------
    pandas.DataFrame
        ``ccode`` (int64), ``iso3`` (str), ``year`` (int64), sorted by year and
        ccode, with the provenance of the spell list. A state is a member in year
        ``Y`` if any spell covers any day of ``Y``.
    """
    spells = data if isinstance(data, pd.DataFrame) else load(data)
    out = _spell_years(spells, start, end, carry_forward, one_per_iso3)
    params = {"start": start, "end": end, "carry_forward": carry_forward}
    return _derived(
        out,
        spells,
        "cow_states.system_members",
        {**params, "one_per_iso3": one_per_iso3},
        end,
        carry_forward,
    )


def major_powers(
    start: int,
    end: int,
    data: str | os.PathLike[str] | None = None,
    *,
    carry_forward: bool = True,
) -> pd.DataFrame:
    """Country-years of major powers in ``start..end``; see :func:`system_members`.

    ``data`` may be a frame from :func:`load_majors`. Columns ``ccode, iso3, year``.
    """
    spells = data if isinstance(data, pd.DataFrame) else load_majors(data)
    out = _spell_years(spells, start, end, carry_forward, one_per_iso3=True)
    params = {"start": start, "end": end, "carry_forward": carry_forward}
    return _derived(out, spells, "cow_states.major_powers", params, end, carry_forward)


def _derived(out, spells, method, params, end, carry_forward):
    prov = get_provenance(spells).with_method(method, params, citations=(INFO.citation_key,))
    if carry_forward and end > 2016:
        prov = prov.with_note(
            f"spells running at 2016-12-31 carried forward to {end} (no later COW release)"
        )
    attach(out, prov)
    set_units(out, {k: v for k, v in INFO.units.items() if k in out.columns})
    return out
