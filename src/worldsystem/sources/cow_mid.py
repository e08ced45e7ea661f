"""COW Militarized Interstate Disputes (MID), v5.0: disputes and directed dispute-years.

Files (``cow_mid/`` in the data directory):

- ``MIDA_5.0_abridged.csv``: one row per dispute, official MIDA 5.0 columns
  ``dispnum, stmon, styear, outcome, settle, fatality, maxdur, mindur, hiact,
  hostlev, recip`` (official codes, ``-9`` = missing);
- ``cow_mid_dirdisps.csv``: directed dyadic dispute-years (peacesciencer's "naive"
  conversion of the MIDB participants: any two states on opposite sides that
  overlap in a year form a dyad), ``dispnum, ccode1, ccode2, year, dispongoing,
  disponset, sidea1, sidea2, fatality1, fatality2, fatalpre1, fatalpre2, hiact1,
  hiact2, hostlev1, hostlev2, orig1, orig2``.

:func:`load` returns the disputes with every column as nullable ``Int64`` and
``-9`` as missing; ``dispnum`` is the key. Codes (MIDA 5.0 codebook): ``outcome``
1-9 (e.g. 1 victory for side A, 5 compromise, 6 stalemate), ``settle`` 1-4,
``fatality`` 0-6 (fatality bands), ``hiact`` 0-23 (highest action),
``hostlev`` 1-5 (hostility level), ``recip`` 0/1, ``maxdur``/``mindur`` days.

:func:`load_dyadic` returns ``dispnum, iso3_o, iso3_d, ccode_o, ccode_d, year`` and
the other columns unchanged, where ``o`` is the file's state 1 and ``d`` its state 2
(so ``sidea1``, ``hiact1`` ... describe ``o``). ``-9`` becomes missing (``Int64``).
Key: ``(dispnum, ccode_o, ccode_d, year)``. Unknown ccodes are errors.

Official files: the dispute table is also read from COW's own ``MIDA 5.0.csv``
(or ``.dta``), alone or inside ``MID-5-Data-and-Supporting-Materials.zip``
(detected by content; the 11 columns above are taken, the others ignored). The
directed dyadic table has no official counterpart: when it is absent it is
derived from COW's ``MIDB 5.0.csv`` (alone or in the zip) by peacesciencer's
day-overlap rule, without its hand corrections of ``disponset`` (see
:func:`_midb_dyads`).

Citation: Palmer, G. et al. (2022), "The MID5 Dataset, 2011-2014", *Conflict
Management and Peace Science* 39(4):470-482.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique, require_columns
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "load", "load_dyadic"]

INFO = SourceInfo(
    id="cow_mid",
    name="COW Militarized Interstate Disputes",
    version="5.0",
    licence="free to use with citation (Correlates of War Project terms of use)",
    citation=(
        'Palmer, G. et al. (2022), "The MID5 Dataset, 2011-2014", Conflict Management and '
        "Peace Science 39(4):470-482."
    ),
    citation_key="palmer2022",
    url="https://correlatesofwar.org/data-sets/mids/",
    files=("MIDA_5.0_abridged.csv", "cow_mid_dirdisps.csv"),
    description=(
        "Disputes (MIDA subset, official layout) and directed dyadic dispute-years "
        "(peacesciencer's derived panel, not an official layout). The official MIDA 5.0 "
        "and MIDB 5.0 files, alone or in the MID 5 zip, stand in for them (the dyad-years "
        "derived from MIDB)."
    ),
    units={
        "maxdur": "days",
        "mindur": "days",
        "ccode_o": "COW state code",
        "ccode_d": "COW state code",
    },
    downloads=(),
    years=(1816, 2014),
    official={
        "MIDA_5.0_abridged.csv": (
            "MIDA 5.0.csv",
            "MIDA_5.0.csv",
            "MIDA 5.0.dta",
            "MIDA_5.0.dta",
            "MID-5-Data-and-Supporting-Materials.zip",
            "MID*5*.zip",
        ),
        "cow_mid_dirdisps.csv": (
            "MIDB 5.0.csv",
            "MIDB_5.0.csv",
            "MIDB 5.0.dta",
            "MID-5-Data-and-Supporting-Materials.zip",
            "MID*5*.zip",
        ),
    },
)

_MIDA = (
    "dispnum",
    "stmon",
    "styear",
    "outcome",
    "settle",
    "fatality",
    "maxdur",
    "mindur",
    "hiact",
    "hostlev",
    "recip",
)
_DYAD_VALUES = (
    "dispongoing",
    "disponset",
    "sidea1",
    "sidea2",
    "fatality1",
    "fatality2",
    "fatalpre1",
    "fatalpre2",
    "hiact1",
    "hiact2",
    "hostlev1",
    "hostlev2",
    "orig1",
    "orig2",
)


#: The abridged CSV, or the official ``MIDA 5.0.csv`` / ``.dta`` (all its columns;
#: these 11 are read), alone or in the MID 5 zip (whose other members, MIDB/MIDI/
#: MIDIP and the codebook, are not read here).
MIDA = formats.Spec(
    filename="MIDA_5.0_abridged.csv",
    tidy=lambda p: base.read_csv(p, required=_MIDA),
    required=_MIDA,
    members=("MIDA 5.0.csv", "MIDA_5.0.csv", "MIDA*.csv", "MIDA*.dta"),
)

#: Columns of COW's participant file ``MIDB 5.0.csv`` the dyad-years are built from.
_MIDB = (
    "dispnum", "ccode", "stday", "stmon", "styear", "endday", "endmon", "endyear", "sidea",
    "fatality", "fatalpre", "hiact", "hostlev", "orig",
)  # fmt: skip


def _midb_dates(df: pd.DataFrame, where: str) -> tuple[pd.Series, pd.Series]:
    """Participation dates; an unknown day (-9) is the 1st (start) or the month's last day
    (end), as in peacesciencer; an unknown month or year is an error."""
    for col in ("stmon", "styear", "endmon", "endyear"):
        bad = df[col] < 1
        if bad.any():
            raise SchemaError(
                "unknown month or year of participation",
                file=where,
                field=col,
                value=f"dispnum {df.loc[bad, 'dispnum'].iloc[0]} ccode "
                f"{df.loc[bad, 'ccode'].iloc[0]}: {df.loc[bad, col].iloc[0]}",
            )
    first = pd.to_datetime(
        pd.DataFrame({"year": df["styear"], "month": df["stmon"], "day": 1}), errors="coerce"
    )
    start = first + pd.to_timedelta(np.where(df["stday"] > 0, df["stday"] - 1, 0), unit="D")
    month = pd.to_datetime(
        pd.DataFrame({"year": df["endyear"], "month": df["endmon"], "day": 1}), errors="coerce"
    )
    last = month + pd.offsets.MonthEnd(0)
    end = month + pd.to_timedelta(np.where(df["endday"] > 0, df["endday"] - 1, 0), unit="D")
    end = end.where(df["endday"] > 0, last)
    bad = (
        start.isna()
        | end.isna()
        | (start.dt.month != df["stmon"])
        | ((df["endday"] > 0) & (end.dt.month != df["endmon"]))
    )
    if bad.any():
        i = int(np.flatnonzero(bad.to_numpy())[0])
        r = df.iloc[i]
        raise SchemaError(
            "not a calendar date",
            file=where,
            field="stday/endday",
            value=f"dispnum {r['dispnum']} ccode {r['ccode']}: {r['styear']}-{r['stmon']}-"
            f"{r['stday']} .. {r['endyear']}-{r['endmon']}-{r['endday']}",
        )
    return start, end


def _midb_dyads(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """COW's ``MIDB 5.0`` participants -> directed dyadic dispute-years.

    Re-implements peacesciencer's "naive" rule (``data-raw/cow_mid_dirdisps.R``):
    two states of one dispute on opposite sides (``sidea``) form a directed
    dyad in every year that holds a day on which both took part
    (:func:`worldsystem.sources._cow.overlap_dyad_years`); ``dispongoing`` = 1;
    ``disponset`` = 1 in the dyad's first year and after a gap of more than a
    year. **Not applied:** the eleven hand corrections of ``disponset``
    peacesciencer makes for states that left and rejoined a dispute (MIDs 4095,
    4137, 4182, 4273, 4676, 4678, 4680, 4691), so ``disponset`` can differ from
    the shared panel in those dispute-years. Checked on hand-made participant
    rows only; the COW file itself was not available here.
    """
    if "ccode1" in df.columns:  # the tidy layout
        return df
    require_columns(df, _MIDB, name=where)
    df = df[list(_MIDB)].copy()
    _cow.require_int(df, list(_MIDB), file=where)
    start, end = _midb_dates(df, where)
    rows = _cow.overlap_dyad_years(df, start, end, event="dispnum", side="sidea")
    out = pd.DataFrame(
        {
            "dispnum": rows["dispnum"],
            "ccode1": rows["ccode1"],
            "ccode2": rows["ccode2"],
            "year": rows["year"],
            "dispongoing": 1,
        }
    )
    gap = out.groupby(["dispnum", "ccode1", "ccode2"])["year"].diff()
    out["disponset"] = (gap.isna() | (gap > 1)).astype("int64")
    for v in ("sidea", "fatality", "fatalpre", "hiact", "hostlev", "orig"):
        out[f"{v}1"] = rows[f"{v}1"]
        out[f"{v}2"] = rows[f"{v}2"]
    return out


DYADIC = formats.Spec(
    filename="cow_mid_dirdisps.csv",
    tidy=lambda p: base.read_csv(p, required=("dispnum", "ccode1", "ccode2", "year")),
    members=("MIDB 5.0.csv", "MIDB_5.0.csv", "MIDB*.csv", "MIDB*.dta"),
    convert=_midb_dyads,
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Disputes (``MIDA_5.0_abridged.csv``), one row per ``dispnum``.

    Returns
    -------
    pandas.DataFrame
        The 11 MIDA columns as ``Int64`` (``-9`` -> missing), sorted by dispnum,
        with provenance.

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column, non-integer value, start year outside 1816-2100, month
        outside 1-12 or repeated ``dispnum``.
    """
    found = formats.load_table(INFO, MIDA, data)
    path = found.where
    df = found.frame[list(_MIDA)].copy()
    _cow.require_int(df, ["dispnum"], file=path, min_value=1)
    _cow.year_column(df, 1816, 2100, file=path, column="styear")
    _cow.require_int(
        df, ["stmon"], file=path, sentinels=(-9,), min_value=1, max_value=12, nullable=True
    )
    _cow.require_int(df, list(_MIDA[3:]), file=path, sentinels=(-9,), min_value=0, nullable=True)
    check_unique(df, ["dispnum"], name=str(path))
    df = df.sort_values("dispnum", ignore_index=True)
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_dyadic(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Directed dyadic dispute-years (``cow_mid_dirdisps.csv``).

    Returns
    -------
    pandas.DataFrame
        ``dispnum, iso3_o, iso3_d, ccode_o, ccode_d, year`` and the 14 value columns
        (``Int64``; ``-9`` -> missing), sorted by dispnum, year, ccode_o, ccode_d,
        with provenance. ``attrs["directed"]`` is True.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`; also a repeated ``(dispnum, ccode_o, ccode_d, year)`` or an
        unknown ccode.
    """
    found = formats.load_table(INFO, DYADIC, data)
    path = found.where
    cols = ["dispnum", "ccode1", "ccode2", "year", *_DYAD_VALUES]
    require_columns(found.frame, cols, name=path)
    df = found.frame[cols].copy()
    _cow.require_int(df, ["dispnum"], file=path, min_value=1)
    _cow.require_int(df, ["ccode1", "ccode2"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1816, 2100, file=path)
    _cow.require_int(df, list(_DYAD_VALUES), file=path, sentinels=(-9,), min_value=0, nullable=True)
    df = df.rename(columns={"ccode1": "ccode_o", "ccode2": "ccode_d"})
    check_unique(df, ["dispnum", "ccode_o", "ccode_d", "year"], name=str(path))
    df.insert(
        1,
        "iso3_o",
        _cow.codes_to_iso3(df["ccode_o"], source="cow", year=df["year"], file=path, field="ccode1")[
            0
        ],
    )
    df.insert(
        2,
        "iso3_d",
        _cow.codes_to_iso3(df["ccode_d"], source="cow", year=df["year"], file=path, field="ccode2")[
            0
        ],
    )
    df = df.sort_values(["dispnum", "year", "ccode_o", "ccode_d"], ignore_index=True)
    df.attrs["directed"] = True
    notes = list(found.notes)
    if found.official:
        notes.append(
            "cow_mid: dyad-years derived from the MIDB participants by the day-overlap rule; "
            "peacesciencer's hand corrections of disponset are not applied"
        )
    return base.finish(df, INFO, [found.path], notes=notes)
