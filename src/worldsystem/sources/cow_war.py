"""COW wars: Inter-State War v4.0 (directed dyad war-years) and Intra-State War v4.1.

Files (``cow_war/`` in the data directory; peacesciencer's derived panels, not
official layouts):

- ``cow_war_inter.csv``: directed dyad war-years, ``warnum, ccode1, ccode2, year,
  cowinterongoing, cowinteronset, sidea1, sidea2, initiator1, initiator2, outcome1,
  outcome2, batdeath1, batdeath2, resume``;
- ``cow_war_intra.csv``: intra-state war-years (civil wars over central control or
  local issues), ``warnum, warname, wartype, year, cowintraonset, cowintraongoing,
  resume_combat, primary_state, ccodea, sidea, ccodeb, sideb, intnl, outcome,
  sideadeaths, sidebdeaths, ongo2007``.

:func:`load` (inter-state) returns ``warnum, iso3_o, iso3_d, ccode_o, ccode_d, year``
(``o`` = the file's state 1) and the value columns unchanged as ``Int64``.
``outcome*`` codes: 1 win, 2 loss, 3 compromise, 4 transformed, 6 stalemate,
7 continues below war, 8 changed sides; missing where the file is empty.
``batdeath*`` (battle deaths, persons): ``-9`` -> missing. Key:
``(warnum, ccode_o, ccode_d, year, resume)`` (a resumed-combat episode repeats a
dyad-year with ``resume = 1``). Unknown ccodes are errors.

:func:`load_intra` returns the intra-state file with ``ccodea``/``ccodeb`` as
``Int64`` (``-8`` = not applicable, a non-state side -> missing), ``iso3_a``/``iso3_b``
(missing where the ccode is), ``sideadeaths``/``sidebdeaths`` as ``Int64`` with
``-8``/``-9`` -> missing, and the text columns as str.

Citation: Sarkees, M.R., Wayman, F. (2010), *Resort to War: 1816-2007*, CQ Press;
Dixon, J., Sarkees, M.R. (2016), *A Guide to Intra-State Wars*, CQ Press.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "load", "load_intra"]

INFO = SourceInfo(
    id="cow_war",
    name="COW Inter-State and Intra-State Wars",
    version="4.0 (inter-state); 4.1 (intra-state)",
    licence="free to use with citation (Correlates of War Project terms of use)",
    citation=(
        "Sarkees, M.R., Wayman, F. (2010), Resort to War: 1816-2007, Washington DC: CQ Press. "
        "Dixon, J., Sarkees, M.R. (2016), A Guide to Intra-State Wars, Washington DC: CQ Press."
    ),
    citation_key="sarkees2010",
    url="https://correlatesofwar.org/data-sets/cow-war/",
    files=("cow_war_inter.csv", "cow_war_intra.csv"),
    description=(
        "Inter-state directed dyad war-years (1823-2003) and intra-state war-years "
        "(1818-2008), peacesciencer's derived panels; no official download exists in this "
        "layout, so none is listed."
    ),
    units={
        "batdeath1": "battle deaths (persons)",
        "batdeath2": "battle deaths (persons)",
        "sideadeaths": "battle deaths (persons)",
        "sidebdeaths": "battle deaths (persons)",
        "ccode_o": "COW state code",
        "ccode_d": "COW state code",
    },
    downloads=(),
    years=(1816, 2008),
)

_INTER_VALUES = (
    "cowinterongoing",
    "cowinteronset",
    "sidea1",
    "sidea2",
    "initiator1",
    "initiator2",
    "outcome1",
    "outcome2",
    "batdeath1",
    "batdeath2",
    "resume",
)
_INTRA_INT = (
    "cowintraonset",
    "cowintraongoing",
    "resume_combat",
    "primary_state",
    "intnl",
    "outcome",
    "ongo2007",
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Inter-state directed dyad war-years (``cow_war_inter.csv``).

    Returns
    -------
    pandas.DataFrame
        ``warnum, iso3_o, iso3_d, ccode_o, ccode_d, year`` and the 11 value columns
        (``Int64``), sorted by warnum, year, ccode_o, ccode_d, with provenance.

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column, non-integer value, year outside 1816-2100, negative value
        other than ``-9``, repeated key or unknown ccode.
    """
    path = base.locate(INFO, "cow_war_inter.csv", data)
    cols = ["warnum", "ccode1", "ccode2", "year", *_INTER_VALUES]
    df = base.read_csv(path, required=cols)[cols].copy()
    _cow.require_int(df, ["warnum"], file=path, min_value=1)
    _cow.require_int(df, ["ccode1", "ccode2"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1816, 2100, file=path)
    _cow.require_int(
        df, list(_INTER_VALUES), file=path, sentinels=(-9,), min_value=0, nullable=True
    )
    df = df.rename(columns={"ccode1": "ccode_o", "ccode2": "ccode_d"})
    check_unique(df, ["warnum", "ccode_o", "ccode_d", "year", "resume"], name=str(path))
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
    df = df.sort_values(["warnum", "year", "ccode_o", "ccode_d", "resume"], ignore_index=True)
    df.attrs["directed"] = True
    return base.finish(df, INFO, [path])


def load_intra(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Intra-state war-years (``cow_war_intra.csv``).

    Returns
    -------
    pandas.DataFrame
        ``warnum, warname, wartype, year, ccodea, iso3_a, sidea, ccodeb, iso3_b, sideb``
        and ``cowintraonset, cowintraongoing, resume_combat, primary_state, intnl,
        outcome, sideadeaths, sidebdeaths, ongo2007`` (``Int64``; ``-8``/``-9`` ->
        missing), with provenance.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`.
    """
    path = base.locate(INFO, "cow_war_intra.csv", data)
    text = ["warname", "wartype", "sidea", "sideb"]
    cols = ["warnum", "year", "ccodea", "ccodeb", "sideadeaths", "sidebdeaths", *text, *_INTRA_INT]
    df = base.read_csv(path, required=cols)[cols].copy()
    _cow.require_int(df, ["warnum"], file=path, min_value=1)
    _cow.year_column(df, 1816, 2100, file=path)
    _cow.require_int(
        df,
        ["ccodea", "ccodeb"],
        file=path,
        sentinels=(-8, -9),
        min_value=1,
        max_value=999,
        nullable=True,
    )
    _cow.require_int(
        df,
        ["sideadeaths", "sidebdeaths"],
        file=path,
        sentinels=(-8, -9),
        min_value=0,
        nullable=True,
    )
    _cow.require_int(df, list(_INTRA_INT), file=path, sentinels=(-9,), min_value=0, nullable=True)
    for col in text:
        if df[col].isna().any():
            raise SchemaError("missing text value", file=path, field=col, value="")
        df[col] = df[col].astype("str")
    iso_a, _ = _cow.codes_to_iso3(
        df["ccodea"], source="cow", year=df["year"], file=path, field="ccodea"
    )
    iso_b, _ = _cow.codes_to_iso3(
        df["ccodeb"], source="cow", year=df["year"], file=path, field="ccodeb"
    )
    df["iso3_a"] = iso_a
    df["iso3_b"] = iso_b
    order = [
        "warnum",
        "warname",
        "wartype",
        "year",
        "ccodea",
        "iso3_a",
        "sidea",
        "ccodeb",
        "iso3_b",
        "sideb",
        *_INTRA_INT[:5],
        "outcome",
        "sideadeaths",
        "sidebdeaths",
        "ongo2007",
    ]
    df = df[order].sort_values(["warnum", "year"], kind="stable", ignore_index=True)
    return base.finish(df, INFO, [path])
