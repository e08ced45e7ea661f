"""UCDP/PRIO Armed Conflict Dataset v25.1, conflict-years 1946-2024.

File (``ucdp/`` in the data directory): ``ucdp-prio-acd.csv`` with ``conflict_id,
incompatibility, year, intensity_level, type_of_conflict, start_date, start_prec,
start_date2, start_prec2, ep_end, ep_end_date, gwno_a, gwno_a_2nd, gwno_b,
gwno_b_2nd, version`` (the official columns ``location, side_a, ..., region`` are
absent from this copy and not read). The producer's own files are read too,
detected by content (:mod:`worldsystem.sources.formats`): the official CSV
(``ucdp-prio-acd-251.csv``, all 28 columns) alone or inside the official zip
(``ucdp-prio-acd-251-csv.zip``); they give the same frames.

Codes (UCDP codebook): ``incompatibility`` 1 territory, 2 government, 3 both;
``type_of_conflict`` 1 extrasystemic, 2 interstate, 3 intrastate, 4 internationalised
intrastate; ``intensity_level`` 1 = 25-999 battle deaths in the year, 2 = 1,000 or more.

:func:`load` returns one row per ``(conflict_id, year)`` with the integer code
columns as int64, the dates as datetime64 (``ep_end_date`` missing unless the
episode ended), the four ``gwno_*`` text columns unchanged (Gleditsch-Ward codes
joined by ``", "``) and four list columns ``gwno_a_list ...`` with the parsed
integer codes (empty list when the cell is empty).

:func:`load_participants` returns the long frame ``conflict_id, year, side, gwcode,
iso3, type_of_conflict, intensity_level, incompatibility``: one row per state listed
on a side, where ``side`` is ``"a"`` (side A government), ``"a_2nd"`` (secondary
supporters of A), ``"b"`` or ``"b_2nd"``. ``iso3`` comes from
:func:`worldsystem.countries.convert` with ``source="gw"`` in that year; GW codes
without an ISO3 equivalent are kept with ``iso3`` missing and counted in a
provenance note. This is the input for "participation in interstate and
internationalised conflicts outside its own territory".

Citation: Gleditsch, N.P., Wallensteen, P., Eriksson, M., Sollenberg, M., Strand, H.
(2002), "Armed Conflict 1946-2001: A New Dataset", *Journal of Peace Research*
39(5):615-637, doi:10.1177/0022343302039005007; Davies, S., Pettersson, T.,
Sollenberg, M., Oberg, M. (2025), *Journal of Peace Research* 62(4).
"""

from __future__ import annotations

import os
import re

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["GW_COLUMNS", "INFO", "SIDES", "load", "load_participants"]

#: The four multi-valued Gleditsch-Ward code columns.
GW_COLUMNS = ("gwno_a", "gwno_a_2nd", "gwno_b", "gwno_b_2nd")
#: Side labels of :func:`load_participants`, in the order of :data:`GW_COLUMNS`.
SIDES = ("a", "a_2nd", "b", "b_2nd")

INFO = SourceInfo(
    id="ucdp",
    name="UCDP/PRIO Armed Conflict Dataset",
    version="25.1",
    licence="CC BY 4.0",
    citation=(
        "Gleditsch, N.P., Wallensteen, P., Eriksson, M., Sollenberg, M., Strand, H. (2002), "
        '"Armed Conflict 1946-2001: A New Dataset", Journal of Peace Research 39(5):615-637. '
        "Davies, S., Pettersson, T., Sollenberg, M., Oberg, M. (2025), Journal of Peace "
        "Research 62(4)."
    ),
    citation_key="gleditsch2002",
    url="https://ucdp.uu.se/downloads/",
    files=("ucdp-prio-acd.csv",),
    description=(
        "Conflict-years of armed conflicts with at least 25 battle deaths, 1946-2024. The "
        "official v25.1 release is a zip/xlsx at ucdp.uu.se; this copy lacks several "
        "official columns, so no download is listed."
    ),
    units={"gwcode": "Gleditsch-Ward state code"},
    downloads=(),
    years=(1946, 2024),
    official={
        "ucdp-prio-acd.csv": (
            "ucdp-prio-acd-*.zip",
            "ucdp-prio-acd-*.csv",
            "UcdpPrioConflict_*.zip",
            "UcdpPrioConflict_*.csv",
        ),
    },
)

_INT = (
    "conflict_id",
    "incompatibility",
    "intensity_level",
    "type_of_conflict",
    "start_prec",
    "start_prec2",
    "ep_end",
)
_RANGES = {
    "incompatibility": (1, 3),
    "intensity_level": (1, 2),
    "type_of_conflict": (1, 4),
    "ep_end": (0, 1),
}
_CODE_LIST = re.compile(r"^\s*\d+(\s*,\s*\d+)*\s*$")


def _parse(path, df: pd.DataFrame, col: str) -> list[list[int]]:
    s = df[col]
    text = base.as_text(s.fillna(""))
    bad = (text != "") & ~text.str.match(_CODE_LIST)
    if bad.any():
        raise SchemaError(
            "expected Gleditsch-Ward codes separated by ', '",
            file=path,
            field=col,
            value=text[bad].iloc[0],
        )
    return [[int(x) for x in t.split(",")] if t else [] for t in text.tolist()]


_COLS = ("year", *_INT, "start_date", "start_date2", "ep_end_date", *GW_COLUMNS)

#: The tidy CSV, or the official CSV (``ucdp-prio-acd-251.csv``, all columns) alone or
#: in the official zip (``ucdp-prio-acd-251-csv.zip``).
SPEC = formats.Spec(
    filename="ucdp-prio-acd.csv",
    tidy=lambda p: base.read_csv(p, required=_COLS),
    required=_COLS,
    members=("ucdp-prio-acd*.csv", "UcdpPrioConflict*.csv"),
)


def _read(data):
    found = formats.load_table(INFO, SPEC, data)
    path = found.where
    cols = list(_COLS)
    df = found.frame[cols].copy()
    _cow.year_column(df, 1946, 2100, file=path)
    _cow.require_int(df, list(_INT), file=path, min_value=0)
    for col, (lo, hi) in _RANGES.items():
        _cow.require_int(df, [col], file=path, min_value=lo, max_value=hi)
    for col in ("start_date", "start_date2", "ep_end_date"):
        text = df[col]
        dates = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce")
        bad = dates.isna() & text.notna()
        if bad.any() or (col != "ep_end_date" and text.isna().any()):
            raise SchemaError(
                "expected a date YYYY-MM-DD",
                file=path,
                field=col,
                value=text[bad].iloc[0] if bad.any() else "",
            )
        df[col] = dates.astype("datetime64[ns]")
    for col in GW_COLUMNS:
        df[col] = base.as_text(df[col])
    check_unique(df, ["conflict_id", "year"], name=str(path))
    lists = {col: _parse(path, df, col) for col in GW_COLUMNS}
    if any(len(v) == 0 for v in lists["gwno_a"]):
        i = next(i for i, v in enumerate(lists["gwno_a"]) if not v)
        raise SchemaError(
            "side A has no government code",
            file=path,
            field="gwno_a",
            value=f"conflict {df['conflict_id'].iloc[i]} in {df['year'].iloc[i]}",
        )
    df = df[["conflict_id", "year", *[c for c in cols if c not in ("conflict_id", "year")]]]
    return df, lists, found


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Conflict-years with parsed Gleditsch-Ward code lists.

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``conflict_id, year, incompatibility, intensity_level, type_of_conflict,
        start_prec, start_prec2, ep_end, start_date, start_date2, ep_end_date,
        gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd`` and ``gwno_a_list, gwno_a_2nd_list,
        gwno_b_list, gwno_b_2nd_list`` (lists of int), sorted by conflict_id and
        year, with provenance.

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column; a code outside its documented range; a date that is not
        ``YYYY-MM-DD``; a code list that is not integers separated by commas; an empty
        side A; a repeated ``(conflict_id, year)``; a year outside 1946-2100.
    """
    df, lists, found = _read(data)
    for col in GW_COLUMNS:
        df[f"{col}_list"] = pd.Series(lists[col], index=df.index, dtype="object")
    df = df.sort_values(["conflict_id", "year"], ignore_index=True)
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_participants(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """One row per state listed on a side of a conflict-year.

    Returns
    -------
    pandas.DataFrame
        ``conflict_id, year, side, gwcode, iso3, type_of_conflict, intensity_level,
        incompatibility`` (see the module docstring), key
        ``(conflict_id, year, side, gwcode)``, with provenance. Rows whose GW code has
        no ISO3 are kept with ``iso3`` missing and counted in a provenance note.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`; also a state listed twice on one side of a conflict-year.
    """
    df, lists, found = _read(data)
    path = found.where
    parts = []
    for col, side in zip(GW_COLUMNS, SIDES, strict=True):
        n = np.fromiter((len(v) for v in lists[col]), dtype="int64", count=len(df))
        idx = np.repeat(np.arange(len(df)), n)
        codes = np.fromiter((c for v in lists[col] for c in v), dtype="int64", count=int(n.sum()))
        sub = df.iloc[idx][
            ["conflict_id", "year", "type_of_conflict", "intensity_level", "incompatibility"]
        ].reset_index(drop=True)
        sub.insert(2, "side", side)
        sub.insert(3, "gwcode", codes)
        parts.append(sub)
    out = pd.concat(parts, ignore_index=True)
    out["side"] = base.as_text(out["side"])
    check_unique(out, ["conflict_id", "year", "side", "gwcode"], name=str(path))
    iso3, n_missing = _cow.codes_to_iso3(
        out["gwcode"], source="gw", year=out["year"], file=path, field="gwno_*", errors="keep"
    )
    out.insert(4, "iso3", iso3)
    out = out.sort_values(["conflict_id", "year", "side", "gwcode"], ignore_index=True)
    notes = [*found.notes, *_cow.not_converted_note(n_missing, "gwcode", "Gleditsch-Ward code")]
    return base.finish(out, INFO, [found.path], notes=notes)
