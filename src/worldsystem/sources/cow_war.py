"""COW wars: Inter-State War v4.0 (directed dyad war-years) and Intra-State War v4.1.

Files (``cow_war/`` in the data directory; peacesciencer's derived panels, not
official layouts):

- ``cow_war_inter.csv``: directed dyad war-years, ``warnum, ccode1, ccode2, year,
  cowinterongoing, cowinteronset, sidea1, sidea2, initiator1, initiator2, outcome1,
  outcome2, batdeath1, batdeath2, resume``;
  COW's own ``Inter-StateWarData_v4.0.csv`` (one row per war participant, as
  ``worldsystem data fetch`` downloads it) stands in for it: the dyad-years are
  derived from the participation dates (see :func:`_cow_inter`);
- ``cow_war_intra.csv``: intra-state war-years (COW's ``Intra-StateWarData_v4.1.csv``
  stands in for it, see :func:`_cow_intra`) (civil wars over central control or
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

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique, require_columns
from worldsystem.sources import _cow, base, formats
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
        "(1818-2008), peacesciencer's derived panels; COW's participant files "
        "(Inter-StateWarData_v4.0.csv, Intra-StateWarData_v4.1.csv) stand in for them."
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
    official={
        "cow_war_inter.csv": ("Inter-StateWarData_v4.0.csv", "Inter-StateWarData*.csv"),
        "cow_war_intra.csv": ("Intra-StateWarData_v4.1.csv", "Intra-StateWarData*.csv"),
    },
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

#: Columns of COW's ``Inter-StateWarData_v4.0.csv`` that the dyad-years are built from.
_COW_INTER = (
    "WarNum", "ccode", "Side", "StartMonth1", "StartDay1", "StartYear1", "EndMonth1",
    "EndDay1", "EndYear1", "StartMonth2", "StartDay2", "StartYear2", "EndMonth2", "EndDay2",
    "EndYear2", "Initiator", "Outcome", "BatDeath",
)  # fmt: skip


def _episode_dates(df: pd.DataFrame, k: int, where: str) -> tuple[pd.Series, pd.Series]:
    """Start and end dates of participation episode ``k`` (1 or 2) of each row."""
    out = []
    for part in ("Start", "End"):
        y, m, d = (df[f"{part}{u}{k}"] for u in ("Year", "Month", "Day"))
        dates = pd.to_datetime(pd.DataFrame({"year": y, "month": m, "day": d}), errors="coerce")
        bad = dates.isna()
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise SchemaError(
                "not a calendar date (-9 unknown or -7 ongoing dates are not expected in "
                "Inter-State War v4.0)",
                file=where,
                field=f"{part}Year{k}/{part}Month{k}/{part}Day{k}",
                value=f"WarNum {df['WarNum'].iloc[i]} ccode {df['ccode'].iloc[i]}: "
                f"{y.iloc[i]}-{m.iloc[i]}-{d.iloc[i]}",
            )
        out.append(dates)
    return out[0], out[1]


def _dyad_years(part: pd.DataFrame, start: pd.Series, end: pd.Series) -> pd.DataFrame:
    """Directed dyad war-years of one participation episode (see
    :func:`worldsystem.sources._cow.overlap_dyad_years`)."""
    rows = _cow.overlap_dyad_years(part, start, end, event="WarNum", side="Side")
    out = pd.DataFrame(
        {
            "warnum": rows["WarNum"],
            "ccode1": rows["ccode1"],
            "ccode2": rows["ccode2"],
            "year": rows["year"],
            "cowinterongoing": 1,
            "cowinteronset": 0,
            "sidea1": rows["Side1"],
            "sidea2": rows["Side2"],
            "initiator1": rows["Initiator1"].eq(1).fillna(False).astype("int64"),
            "initiator2": rows["Initiator2"].eq(1).fillna(False).astype("int64"),
            "outcome1": rows["Outcome1"],
            "outcome2": rows["Outcome2"],
            "batdeath1": rows["BatDeath1"],
            "batdeath2": rows["BatDeath2"],
        }
    )
    first = ~out.duplicated(["warnum", "ccode1", "ccode2"])
    out.loc[first, "cowinteronset"] = 1
    return out


def _cow_inter(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """COW's participant file -> directed dyad war-years (``cow_war_inter.csv`` columns).

    A re-implementation of the rule peacesciencer documents in
    ``data-raw/cow_wars/cow_interstate_wars.R`` (its derived panel is the tidy
    layout): for each war, every two states on opposite ``Side`` whose
    participation (``Start*1`` .. ``End*1``) overlaps on at least one day form a
    directed dyad in each year of the overlap; ``cowinteronset`` is 1 in the
    dyad's first year; ``initiator`` is 1 where COW codes 1, else 0. Second
    participation episodes (``StartYear2`` not ``-8``) give further dyad-years
    with ``resume = 1`` (their own onset, and missing ``outcome``, as there).
    Checked on hand-made participant rows only: the COW file itself was not
    available here to compare with the shared panel.
    """
    if "ccode1" in df.columns:  # the tidy layout
        return df
    require_columns(df, _COW_INTER, name=where)
    df = df[list(_COW_INTER)].copy()
    _cow.require_int(df, list(_COW_INTER), file=where)
    _cow.require_int(df, ["WarNum", "ccode", "Side"], file=where, min_value=1)
    base_years = _dyad_years(df, *_episode_dates(df, 1, where))
    base_years["resume"] = 0
    again = df[df["StartYear2"] != -8].reset_index(drop=True)
    parts = [base_years]
    if len(again):
        resumed = _dyad_years(again, *_episode_dates(again, 2, where))
        resumed["resume"] = 1
        resumed["outcome1"] = pd.NA
        resumed["outcome2"] = pd.NA
        parts.append(resumed)
    return pd.concat(parts, ignore_index=True)


INTER = formats.Spec(
    filename="cow_war_inter.csv",
    tidy=lambda p: base.read_csv(p, required=("warnum", "ccode1", "ccode2", "year")),
    convert=_cow_inter,
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
    found = formats.load_table(INFO, INTER, data)
    path = found.where
    cols = ["warnum", "ccode1", "ccode2", "year", *_INTER_VALUES]
    require_columns(found.frame, cols, name=path)
    df = found.frame[cols].copy()
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
    return base.finish(df, INFO, [found.path], notes=found.notes)


#: Intra-state war types kept (COW codes 4 and 5; as in the tidy panel).
_INTRA_TYPES = {4: "central control", 5: "local issues"}
_COW_INTRA = (
    "warnum", "warname", "wartype", "ccodea", "sidea", "ccodeb", "sideb", "intnl",
    "startyear1", "endyear1", "startyear2", "endyear2", "outcome", "sideadeaths",
    "sidebdeaths",
)  # fmt: skip
#: Last year of the Intra-State War data (an end year of -7 = ongoing).
_INTRA_LAST = 2007
#: Wars whose end year is missing in v4.1, and the year assumed (peacesciencer's
#: reading of Dixon & Sarkees 2016 for the Yellow Cliff Revolt).
_INTRA_END = {585: 1866}


def _cow_intra(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """COW's ``Intra-StateWarData_v4.1.csv`` -> war-years (``cow_war_intra.csv`` columns).

    Re-implements the rule of peacesciencer's ``cow_intrastate_wars.R``: civil
    wars over central control or local issues (``WarType`` 4, 5) only; each row
    gives one row per year from ``StartYear1`` to ``EndYear1`` (``-7``, ongoing,
    runs to 2007 and sets ``ongo2007``); a second episode (``StartYear2`` not
    ``-8``) adds its years with ``resume_combat = 1``; ``cowintraonset`` is 1 on
    the first row of a war (of each episode), ``primary_state`` is 1 unless side
    A or B is ``-8``. War 585 (Yellow Cliff Revolt), whose end year is missing,
    is taken to end in 1866 (noted in provenance). Column names are matched
    without case. Checked on hand-made rows only, not on the COW file.
    """
    if "cowintraonset" in df.columns:  # the tidy layout
        return df
    df = df.rename(columns={c: str(c).strip().lower() for c in df.columns})
    require_columns(df, _COW_INTRA, name=where)
    df = df[list(_COW_INTRA)].copy()
    ints = ["warnum", "wartype", "ccodea", "ccodeb", "intnl", "startyear1", "startyear2",
            "endyear2", "outcome", "sideadeaths", "sidebdeaths"]  # fmt: skip
    _cow.require_int(df, ints, file=where)
    end = df["endyear1"].where(df["endyear1"].notna(), df["warnum"].map(_INTRA_END))
    df["endyear1"] = end
    _cow.require_int(df, ["endyear1"], file=where)
    df = df[df["wartype"].isin(list(_INTRA_TYPES))].reset_index(drop=True)
    df["wartype"] = df["wartype"].map(_INTRA_TYPES)
    df["primary_state"] = ((df["ccodea"] != -8) & (df["sideb"].astype(str) != "-8")).astype(int)
    df["ongo2007"] = (df["endyear1"] == -7).astype("int64")
    df["endyear1"] = df["endyear1"].where(df["endyear1"] != -7, _INTRA_LAST)
    keep = ["warnum", "warname", "wartype", "ccodea", "sidea", "ccodeb", "sideb", "intnl",
            "outcome", "sideadeaths", "sidebdeaths", "ongo2007", "primary_state"]  # fmt: skip

    def years(sub: pd.DataFrame, a: str, b: str, resume: int) -> pd.DataFrame:
        n = (sub[b] - sub[a] + 1).to_numpy()
        if (n < 1).any():
            i = int(np.flatnonzero(n < 1)[0])
            raise SchemaError(
                "war ends before it starts",
                file=where,
                field=b,
                value=f"WarNum {sub['warnum'].iloc[i]}: {sub[a].iloc[i]} > {sub[b].iloc[i]}",
            )
        out = sub.loc[sub.index.repeat(n), keep].copy()
        out["year"] = sub[a].to_numpy().repeat(n) + np.concatenate([np.arange(k) for k in n])
        out = out.sort_values(["warnum", "year"], kind="stable")
        out["cowintraonset"] = (~out["warnum"].duplicated()).astype("int64")
        out["resume_combat"] = resume
        return out

    parts = [years(df, "startyear1", "endyear1", 0)]
    again = df[df["startyear2"] != -8]
    if len(again):
        parts.append(years(again, "startyear2", "endyear2", 1))
    out = pd.concat(parts, ignore_index=True)
    out["cowintraongoing"] = 1
    out = out.sort_values(["warnum", "primary_state", "year"], ascending=[True, False, True],
                          kind="stable")  # fmt: skip
    return out.reset_index(drop=True)


INTRA = formats.Spec(
    filename="cow_war_intra.csv",
    tidy=lambda p: base.read_csv(p, required=("warnum", "year")),
    convert=_cow_intra,
)


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
    found = formats.load_table(INFO, INTRA, data)
    path = found.where
    text = ["warname", "wartype", "sidea", "sideb"]
    cols = ["warnum", "year", "ccodea", "ccodeb", "sideadeaths", "sidebdeaths", *text, *_INTRA_INT]
    require_columns(found.frame, cols, name=path)
    df = found.frame[cols].copy()
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
        df[col] = base.as_text(df[col])
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
    notes = list(found.notes)
    if found.official and set(_INTRA_END) & set(df["warnum"]):
        notes.append(
            "cow_war: war 585 (Yellow Cliff Revolt) has no end year in the COW file; taken "
            "to end in 1866 (as peacesciencer, after Dixon & Sarkees 2016)"
        )
    return base.finish(df, INFO, [found.path], notes=notes)
