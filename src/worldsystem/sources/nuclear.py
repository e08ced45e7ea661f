"""Nuclear weapons: warhead stockpiles (FAS Nuclear Notebook) and weapons status (OWID).

Files (``nuclear/`` in the data directory):

- ``warhead_stockpiles.csv``: ``country, year, warheads``, 9 states x 1945-2017,
  estimated stockpiled nuclear warheads (Kristensen & Norris/Korda, FAS Nuclear
  Notebook, as published by the Bulletin of the Atomic Scientists; OWID names);
- ``nuclear_weapons_status.csv``: ``country, year, nuclear_weapons_status,
  nuclear_weapons_consideration, nuclear_weapons_pursuit, nuclear_weapons_possession``,
  OWID coding based on Bleek (2017) checked against NTI (2022); status 0 = not
  considering, 1 = considering, 2 = pursuing, 3 = possessing, plus 0/1 dummies.

:func:`load` returns ``country, iso3, year, warheads`` (int64 warheads). Every
name must convert to ISO3 (:func:`worldsystem.countries.convert`, ``source="name"``);
the USSR/Russia series is ``RUS``. Key ``(iso3, year)``.

:func:`load_status` returns ``country, iso3, year, nuclear_weapons_status`` (int8,
0-3) and the three dummies (int8). Names that do not convert (e.g. territories
such as Abkhazia) are kept with ``iso3`` missing and counted in a provenance note.
Key ``(country, year)``.

The files OWID publishes (the ones ``worldsystem data fetch`` downloads) are read
too: ``Nuclear warhead stockpiles – Bulletin of the Atomic Scientists.csv``
(``Entity, Year, Stockpiled nuclear warheads``) and ``Nuclear weapons
proliferation – OWID based on Bleek (2017), Nuclear Threat Initiative (2022).csv``
(``Entity, Year`` and the status columns under their tidy names); ``Entity`` ->
``country``, ``Year`` -> ``year``, the warheads column -> ``warheads``.

Citation: Kristensen, H.M., Korda, M., *Nuclear Notebook*, Federation of American
Scientists / Bulletin of the Atomic Scientists; Bleek, P.C. (2017), "When Did (and
Didn't) States Proliferate?", Belfer Center; Our World in Data (Herre et al.), CC BY 4.0.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "load", "load_status"]

INFO = SourceInfo(
    id="nuclear",
    name="Nuclear warhead stockpiles and nuclear weapons status",
    version="FAS Nuclear Notebook (OWID 2021); OWID/Bleek 2017 with NTI 2022",
    licence="CC BY 4.0 (Our World in Data)",
    citation=(
        "Kristensen, H.M., Korda, M., Nuclear Notebook, Federation of American Scientists / "
        "Bulletin of the Atomic Scientists. Bleek, P.C. (2017), \"When Did (and Didn't) "
        'States Proliferate? Chronicling the Spread of Nuclear Weapons", Belfer Center. '
        "Our World in Data (Herre, B. et al.), Nuclear weapons, CC BY 4.0."
    ),
    citation_key="kristensen2021nuclear",
    url="https://ourworldindata.org/nuclear-weapons",
    files=("warhead_stockpiles.csv", "nuclear_weapons_status.csv"),
    description=(
        "Estimated stockpiled nuclear warheads of the nine nuclear states (1945-2017) and "
        "nuclear weapons status of 202 countries (1938-2022). The loaders also read OWID's "
        "published CSVs (Entity/Year columns), the files the data fetch downloads."
    ),
    units={"warheads": "warheads (count)", "nuclear_weapons_status": "0-3 code"},
    downloads=(),
    years=(1938, 2022),
    official={
        "warhead_stockpiles.csv": ("Nuclear warhead stockpiles*.csv",),
        "nuclear_weapons_status.csv": ("Nuclear weapons proliferation*.csv",),
    },
)

_DUMMIES = (
    "nuclear_weapons_consideration",
    "nuclear_weapons_pursuit",
    "nuclear_weapons_possession",
)


_WARHEAD_COLS = ("country", "year", "warheads")
_STATUS_COLS = ("country", "year", "nuclear_weapons_status", *_DUMMIES)
#: OWID's published column names (the files ``worldsystem data fetch`` downloads).
_OWID = {"Entity": "country", "Year": "year", "Stockpiled nuclear warheads": "warheads"}

WARHEADS = formats.Spec(
    filename="warhead_stockpiles.csv",
    tidy=lambda p: base.read_csv(p, required=_WARHEAD_COLS),
    convert=formats.renamed(_OWID, _WARHEAD_COLS),
)
STATUS = formats.Spec(
    filename="nuclear_weapons_status.csv",
    tidy=lambda p: base.read_csv(p, required=_STATUS_COLS),
    convert=formats.renamed(_OWID, _STATUS_COLS),
)


def _country(df: pd.DataFrame, path) -> None:
    if df["country"].isna().any():
        raise SchemaError("missing country name", file=path, field="country", value="")
    df["country"] = base.as_text(df["country"])


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Estimated stockpiled nuclear warheads per state-year.

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``country, iso3, year, warheads`` sorted by iso3 and year, with provenance.

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column, non-integer or negative count, year outside 1945-2100,
        repeated country-year or a name that does not convert to ISO3.
    """
    found = formats.load_table(INFO, WARHEADS, data)
    path = found.where
    df = found.frame[list(_WARHEAD_COLS)].copy()
    _country(df, path)
    _cow.year_column(df, 1945, 2100, file=path)
    _cow.require_int(df, ["warheads"], file=path, min_value=0)
    df["iso3"], _ = _cow.codes_to_iso3(df["country"], source="name", file=path, field="country")
    check_unique(df, ["iso3", "year"], name=str(path))
    df = df[["country", "iso3", "year", "warheads"]].sort_values(
        ["iso3", "year"], ignore_index=True
    )
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_status(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Nuclear weapons status per country-year (OWID, after Bleek 2017).

    Returns
    -------
    pandas.DataFrame
        ``country, iso3, year, nuclear_weapons_status`` and the three 0/1 dummies,
        sorted by country and year, with provenance.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`; also a status outside 0-3, a dummy not 0/1, or dummies that
        disagree with the status.
    """
    found = formats.load_table(INFO, STATUS, data)
    path = found.where
    df = found.frame[list(_STATUS_COLS)].copy()
    _country(df, path)
    _cow.year_column(df, 1900, 2100, file=path)
    _cow.require_int(df, ["nuclear_weapons_status"], file=path, min_value=0, max_value=3)
    df["nuclear_weapons_status"] = df["nuclear_weapons_status"].astype("int8")
    _cow.flag_column(df, list(_DUMMIES), file=path)
    for level, col in enumerate(_DUMMIES, start=1):
        wrong = (df["nuclear_weapons_status"] == level) != (df[col] == 1)
        if wrong.any():
            raise SchemaError(
                f"dummy disagrees with nuclear_weapons_status (status {level} <=> {col} = 1)",
                file=path,
                field=col,
                value=f"{df.loc[wrong, 'country'].iloc[0]} {df.loc[wrong, 'year'].iloc[0]}",
            )
    check_unique(df, ["country", "year"], name=str(path))
    iso3, n_missing = _cow.codes_to_iso3(
        df["country"], source="name", file=path, field="country", errors="keep"
    )
    df.insert(1, "iso3", iso3)
    df = df.sort_values(["country", "year"], ignore_index=True)
    if n_missing:
        names = sorted(df.loc[df["iso3"].isna(), "country"].unique())
        notes = [f"{n_missing} rows kept with iso3 missing: names without ISO3 {names}"]
    else:
        notes = []
    return base.finish(df, INFO, [found.path], notes=[*found.notes, *notes])
