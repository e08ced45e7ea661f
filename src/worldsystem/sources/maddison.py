"""Maddison Project Database 2023: GDP per capita and population, years 1-2022.

Bolt, J. and van Zanden, J. L. (2024), "Maddison style estimates of the evolution
of the world economy: A new 2023 update", *Journal of Economic Surveys*,
doi:10.1111/joes.12618. Licence CC BY 4.0.

Files (``maddison/`` in the data directory, the layout of the MPD 2023 "Full
data" sheet):

- ``mpd2023.csv``: ``countrycode, country, region, year, gdppc, pop``;
- ``mpd2023_sources.csv``: ``countrycode, years, source`` (sources of the
  historical GDP per capita estimates of 68 countries).

The producer's own files are read too, detected by content
(:mod:`worldsystem.sources.formats`): the workbook ``mpd2023_web.xlsx`` (sheet
"Full data", same columns), a Stata ``mpd2023*.dta`` with those variables, or a
zip holding either. They give the same frame as ``mpd2023.csv``.

:func:`load` returns one row per country-year:

==================== =====================================================
column               meaning and unit
==================== =====================================================
``iso3``             MPD ``countrycode`` as given (ISO 3166 alpha-3, plus the
                     historical entities ``CSK`` Czechoslovakia, ``SUN``
                     USSR and ``YUG`` Yugoslavia, which overlap their
                     successor states in time; panels decide how to join
                     them)
``year``             calendar year (int64; 1-2022, irregular before 1820)
``country``          MPD country name
``region``           one of the 8 MPD regions
``gdppc_2011ppp``    real GDP per capita, 2011 international dollars (PPP)
``pop_thousands``    mid-year population, thousands of persons
``gdp_musd_2011ppp`` derived: real GDP, millions of 2011 international
                     dollars, ``gdppc_2011ppp * pop_thousands / 1000``
                     (missing when either is missing)
==================== =====================================================

Empty cells are missing (there are no sentinels). Checks: exact columns,
three-letter upper-case codes, whole years in 1-2100, unique (iso3, year),
``gdppc > 0`` and ``pop >= 0``.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SourceError
from worldsystem.sources import base, formats
from worldsystem.sources._econ import (
    check_code_column,
    check_exact_columns,
    check_keys,
    check_text_column,
    numeric,
)
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "load", "load_sources"]

_MAIN = "mpd2023.csv"
_SOURCES = "mpd2023_sources.csv"
_COLUMNS = ("countrycode", "country", "region", "year", "gdppc", "pop")
_SOURCE_COLUMNS = ("countrycode", "years", "source")

INFO = SourceInfo(
    id="maddison",
    name="Maddison Project Database 2023",
    version="2023",
    licence="CC BY 4.0",
    citation=(
        'Bolt, J., van Zanden, J.L. (2024), "Maddison style estimates of the evolution of '
        'the world economy: A new 2023 update", Journal of Economic Surveys. '
        "Cite the country sources in mpd2023_sources.csv where relevant."
    ),
    citation_key="bolt2024",
    url="https://www.rug.nl/ggdc/historicaldevelopment/maddison/releases/maddison-project-database-2023",
    files=(_MAIN, _SOURCES),
    description=(
        "Real GDP per capita (2011 international dollars) and population (thousands) for "
        "169 countries, years 1-2022. The official release is an Excel/Stata file on the "
        "GGDC/Dataverse site; this CSV layout is the 'Full data' sheet, so no direct "
        "download is registered."
    ),
    units={
        "gdppc_2011ppp": "2011 international dollars (PPP) per person",
        "pop_thousands": "thousands of persons",
        "gdp_musd_2011ppp": "millions of 2011 international dollars (PPP) = gdppc*pop/1000",
        "year": "calendar year",
    },
    downloads=(),
    years=(1, 2022),
    official={
        _MAIN: ("mpd2023_web.xlsx", "mpd2023*.xlsx", "mpd2023*.dta", "mpd2023*.zip"),
        # the workbook stands in for the sources table too (see load_sources)
        _SOURCES: ("mpd2023_web.xlsx", "mpd2023*.xlsx", "mpd2023*.dta", "mpd2023*.zip"),
    },
)

_DTYPE = {"countrycode": str, "country": str, "region": str}


def _tidy_columns(df: pd.DataFrame, where: str) -> pd.DataFrame:
    # the "Full data" sheet (and the Stata file) hold exactly the tidy columns
    return df[list(_COLUMNS)].copy()


#: ``mpd2023.csv`` or the official workbook (sheet "Full data"), Stata file or zip.
SPEC = formats.Spec(
    filename=_MAIN,
    tidy=lambda p: base.read_csv(p, required=_COLUMNS, dtype=_DTYPE),
    required=_COLUMNS,
    dtype=_DTYPE,
    members=("mpd2023*.xlsx", "mpd2023*.dta", "mpd2023*.csv"),
    sheet=formats.Sheet(names=("Full data",)),
    convert=_tidy_columns,
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the MPD 2023 country-year table.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``maddison/mpd2023.csv`` (default: the configured
        data directory).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, year, country, region, gdppc_2011ppp, pop_thousands,
        gdp_musd_2011ppp``; one row per (iso3, year), sorted. Units are in
        ``attrs["units"]`` and the module docstring.

    Raises
    ------
    SourceError
        The file is absent, empty, truncated, binary or not UTF-8.
    SchemaError
        A column is missing or renamed, a value is not a number or out of range,
        a year is out of range, or a country-year is duplicated.
    CodeSystemError
        A country code is not three upper-case letters.

    Notes
    -----
    .. math:: \\mathrm{gdp\\_musd\\_2011ppp} = \\mathrm{gdppc} \\times \\mathrm{pop} / 1000

    because ``pop`` is in thousands and the result is in millions.
    """
    found = formats.load_table(INFO, SPEC, data)
    df, path = found.frame, found.where
    check_exact_columns(df.columns, _COLUMNS, file=path)
    check_code_column(df, "countrycode", file=path)
    check_text_column(df, "country", file=path)
    check_text_column(df, "region", file=path)
    numeric(df, ["year"], file=path, integer=True)
    check_keys(df, ["countrycode", "year"], file=path, years=(1, 2100))
    numeric(df, ["gdppc", "pop"], file=path, min_value=0.0)
    out = pd.DataFrame(
        {
            "iso3": df["countrycode"].astype(str),
            "year": df["year"].astype("int64"),
            "country": df["country"].astype(str),
            "region": df["region"].astype(str),
            "gdppc_2011ppp": df["gdppc"].astype("float64"),
            "pop_thousands": df["pop"].astype("float64"),
        }
    )
    out["gdp_musd_2011ppp"] = out["gdppc_2011ppp"] * out["pop_thousands"] / 1000.0
    out = out.sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)
    hist = sorted(set(out["iso3"]) & {"CSK", "SUN", "YUG"})
    notes = found.notes
    if hist:
        notes.append(
            "maddison: historical entities kept with their MPD codes "
            f"({', '.join(hist)}); they overlap their successor states in time"
        )
    return base.finish(out, INFO, [found.path], notes=notes)


def load_sources(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the MPD 2023 table of country sources.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``maddison/mpd2023_sources.csv``.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3`` (MPD countrycode), ``years`` (text period such as
        ``"1800 - 1870"``) and ``source`` (bibliographic reference), in file order.
    """
    path = base.locate(INFO, _SOURCES, data)
    if path.name != _SOURCES:
        raise SourceError(
            "the table of country sources is read only from mpd2023_sources.csv; the official "
            "workbook keeps it as notes, not as a table",
            file=path,
            field="sources",
            value=path.name,
            hint="export the workbook's sources sheet as mpd2023_sources.csv with the columns "
            "countrycode, years, source",
        )
    df = base.read_csv(path, required=_SOURCE_COLUMNS, dtype=str)
    check_exact_columns(df.columns, _SOURCE_COLUMNS, file=path)
    check_code_column(df, "countrycode", file=path)
    check_text_column(df, "source", file=path)
    out = df.rename(columns={"countrycode": "iso3"}).reset_index(drop=True)
    out["years"] = out["years"].fillna("").astype(str)
    return base.finish(out, INFO, [path])
