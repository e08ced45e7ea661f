"""Third-party country-code concordances (countrycode, country_converter).

Arel-Bundock, V., Enevoldsen, N. and Yetman, C. J. (2018), "countrycode: An R
package to convert country names and country codes", *Journal of Open Source
Software* 3(28):848, doi:10.21105/joss.00848. Stadler, K. (2017), "The country
converter coco - a Python package for converting country names between
different classification schemes", *Journal of Open Source Software* 2(16):332,
doi:10.21105/joss.00332. Both GPL-3.

These tables are loaded **as reference data to compare with**. The project's
own identity table lives in :mod:`worldsystem.countries` and is not built from
them.

Files (``countries/``):

- ``country_codes.csv`` (:func:`load`): countrycode's ``codelist`` subset, one
  row per country: ``country.name.en, iso3c, iso2c, iso3n, cown, cowc, gwn,
  gwc, imf, un, wb, fao, p5n, vdem, continent, region, ...``;
- ``country_codes_panel.csv.gz`` (:func:`load_panel`): ``codelist_panel``, codes
  valid in each year, 1776-2024;
- ``country_data.tsv`` (:func:`load_coco`): country_converter's table,
  tab-separated (ISO2/ISO3, UN/FAO codes, EXIOBASE/WIOD/Eora regions,
  membership years of OECD/EU/G7/G20/BRIC...).

All columns are returned as text exactly as in the files (``"NA"`` is
Namibia's ISO2, not missing; empty cells are missing), except ``year`` in the
panel (int64). Numeric code columns stay text so that leading zeros and blanks
survive; convert where needed.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.schema import check_unique
from worldsystem.sources import base
from worldsystem.sources._econ import check_keys, numeric
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "load", "load_coco", "load_panel"]

_CODES = "country_codes.csv"
_PANEL = "country_codes_panel.csv.gz"
_COCO = "country_data.tsv"

INFO = SourceInfo(
    id="countries",
    name="Country code concordances (countrycode, country_converter)",
    version="countrycode 1.8.0; country_converter 1.3.2",
    licence="GPL-3",
    citation=(
        'Arel-Bundock, V., Enevoldsen, N., Yetman, C.J. (2018), "countrycode: An R package '
        'to convert country names and country codes", JOSS 3(28):848. Stadler, K. (2017), '
        '"The country converter coco", JOSS 2(16):332.'
    ),
    citation_key="arelbundock2018",
    url="https://github.com/vincentarelbundock/countrycode",
    files=(_CODES, _PANEL, _COCO),
    description=(
        "Third-party concordances between ISO, COW, Gleditsch-Ward, IMF, UN, World Bank and "
        "other country codes, for comparison with worldsystem.countries. The files come from "
        "the R package data (codelist, codelist_panel) and the coco wheel; no direct download "
        "is registered."
    ),
    units={"year": "calendar year"},
    downloads=(),
    # codelist_panel (country_codes_panel.csv.gz) runs from 1776 to 2024
    years=(1776, 2024),
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load countrycode's code list.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``countries/country_codes.csv``.

    Returns
    -------
    pandas.DataFrame
        All columns of the file as text; unique by ``country.name.en``.
    """
    path = base.locate(INFO, _CODES, data)
    df = base.read_csv(path, required=("country.name.en", "iso3c", "iso2c", "cown"), dtype=str)
    check_unique(df, ["country.name.en"], name=str(path))
    return base.finish(df, INFO, [path])


def load_panel(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load countrycode's year panel of valid codes.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``countries/country_codes_panel.csv.gz``.

    Returns
    -------
    pandas.DataFrame
        ``country.name.en, year`` (int64) and the code columns as text; unique by
        (``country.name.en``, ``year``).
    """
    path = base.locate(INFO, _PANEL, data)
    cols = ("country.name.en", "year", "iso3c", "iso2c", "cown", "gwn")
    df = base.read_csv(
        path, required=cols, dtype={c: str for c in ("country.name.en", "iso3c", "iso2c")}
    )
    for c in df.columns:
        if c not in ("year",) and not pd.api.types.is_string_dtype(df[c]):
            df[c] = base.as_text(df[c].astype("Int64")).where(df[c].notna())
    numeric(df, ["year"], file=path, integer=True)
    check_keys(df, ["country.name.en", "year"], file=path, years=(1700, 2100))
    df["year"] = df["year"].astype("int64")
    return base.finish(df, INFO, [path])


def load_coco(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load country_converter's ``country_data.tsv``.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``countries/country_data.tsv``.

    Returns
    -------
    pandas.DataFrame
        All columns as text (tab-separated file); unique by ``name_short``.
    """
    path = base.locate(INFO, _COCO, data)
    df = base.read_csv(path, sep="\t", required=("name_short", "ISO2", "ISO3", "WIOD"), dtype=str)
    check_unique(df, ["name_short"], name=str(path))
    return base.finish(df, INFO, [path])
