"""ATOP (Alliance Treaty Obligations and Provisions) v5.1, directed dyad-years, 1815-2018.

File (``atop/`` in the data directory): ``atop5_1ddyr.csv.gz`` with ``ddyad, stateA,
stateB, year, atopally, defense, offense, neutral, nonagg, consul`` (the official
ddyr file has more columns; only these are read). The file lists allied dyad-years
only, in both directions. The producer's own files are read too, detected by
content (:mod:`worldsystem.sources.formats`): ``atop5_1ddyr.csv`` or
``atop5_1ddyr.dta``, alone or in the official zip.

Returned columns of :func:`load`
--------------------------------
``iso3_o, iso3_d`` (ISO3 of stateA and stateB in that year), ``ccode_o, ccode_d``
(COW codes of stateA and stateB, int64), ``year`` (int64) and the 0/1 ``int8``
indicators ``atopally, defense, offense, neutral, nonagg, consul``: per the ATOP
codebook, obligations of ``o`` (stateA) towards ``d`` (stateB) under the alliance(s)
in force. Key: ``(ccode_o, ccode_d, year)``. ``ddyad`` must equal
``stateA * 1000 + stateB``. Unknown ccodes are errors. ``attrs["directed"]`` is True.

Citation: Leeds, B.A., Ritter, J., Mitchell, S.M., Long, A. (2002), "Alliance Treaty
Obligations and Provisions, 1815-1944", *International Interactions* 28:237-260,
doi:10.1080/03050620213653; and the ATOP v5.1 codebook.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "OBLIGATIONS", "load"]

#: Obligation indicators, in the official order.
OBLIGATIONS = ("defense", "offense", "neutral", "nonagg", "consul")

INFO = SourceInfo(
    id="atop",
    name="Alliance Treaty Obligations and Provisions (ATOP)",
    version="5.1",
    licence="free to use with citation (www.atopdata.org)",
    citation=(
        'Leeds, B.A., Ritter, J., Mitchell, S.M., Long, A. (2002), "Alliance Treaty '
        'Obligations and Provisions, 1815-1944", International Interactions 28:237-260, '
        "and the ATOP v5.1 codebook."
    ),
    citation_key="leeds2002",
    url="http://www.atopdata.org/",
    files=("atop5_1ddyr.csv.gz",),
    description=(
        "Directed dyad-years of alliance obligations, 1815-2018. The official release is a "
        "zip of Stata/CSV files at www.atopdata.org; no direct URL for this gzip layout "
        "exists, so no download is listed."
    ),
    units={"ccode_o": "COW state code", "ccode_d": "COW state code", "defense": "0/1"},
    downloads=(),
    years=(1815, 2018),
    official={
        "atop5_1ddyr.csv.gz": (
            "atop5_1ddyr.csv",
            "atop5_1ddyr.dta",
            "atop5_1ddyr*.zip",
            "ATOP*5.1*.zip",
            "atop5_1*.zip",
        ),
    },
)

_COLS = ("ddyad", "stateA", "stateB", "year", "atopally", *OBLIGATIONS)

#: The gzip CSV, or the official ``atop5_1ddyr.csv`` / ``atop5_1ddyr.dta`` (all their
#: columns; these are read), alone or in the official zip.
SPEC = formats.Spec(
    filename="atop5_1ddyr.csv.gz",
    tidy=lambda p: base.read_csv(p, required=_COLS),
    required=_COLS,
    members=("atop5_1ddyr.csv", "atop5_1ddyr.dta"),
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Directed alliance dyad-years with obligations (``atop5_1ddyr.csv.gz``).

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, ccode_o, ccode_d, year, atopally, defense, offense, neutral,
        nonagg, consul``, sorted by year, ccode_o, ccode_d, with provenance.

    Raises
    ------
    SourceError
        Absent, empty, truncated or non-gzip/CSV file.
    SchemaError
        Missing column, non-integer code, indicator not 0/1, year outside 1815-2100,
        ``ddyad`` inconsistent with the codes, repeated key or unknown ccode.
    """
    found = formats.load_table(INFO, SPEC, data)
    path = found.where
    df = found.frame[list(_COLS)].copy()
    _cow.require_int(df, ["stateA", "stateB"], file=path, min_value=1, max_value=999)
    _cow.require_int(df, ["ddyad"], file=path)
    _cow.year_column(df, 1815, 2100, file=path)
    _cow.flag_column(df, ["atopally", *OBLIGATIONS], file=path)
    wrong = df["ddyad"] != df["stateA"] * 1000 + df["stateB"]
    if wrong.any():
        raise SchemaError(
            "ddyad is not stateA*1000 + stateB",
            file=path,
            field="ddyad",
            value=int(df.loc[wrong, "ddyad"].iloc[0]),
        )
    df = df.drop(columns="ddyad").rename(columns={"stateA": "ccode_o", "stateB": "ccode_d"})
    check_unique(df, ["ccode_o", "ccode_d", "year"], name=str(path))
    iso_o, _ = _cow.codes_to_iso3(
        df["ccode_o"], source="cow", year=df["year"], file=path, field="stateA"
    )
    iso_d, _ = _cow.codes_to_iso3(
        df["ccode_d"], source="cow", year=df["year"], file=path, field="stateB"
    )
    df.insert(0, "iso3_d", iso_d)
    df.insert(0, "iso3_o", iso_o)
    df = df.sort_values(["year", "ccode_o", "ccode_d"], ignore_index=True)
    df.attrs["directed"] = True
    return base.finish(df, INFO, [found.path], notes=found.notes)
