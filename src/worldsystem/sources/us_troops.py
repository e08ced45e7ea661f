"""US military deployments abroad (troopdata) and US overseas bases (Vine).

Files (``us_troops/`` in the data directory; ``NA`` means missing in all three):

- ``troopdata_rebuild_country_year.csv`` (primary; troopdata >= 1.0, DMDC reports):
  host-years 1950-2024, ``countryname, year, ccode, iso3c, region, troops_ad, ...,
  total_civilian`` (personnel counts; ``*_ad`` active duty; guard, reserve and
  civilian categories from 2008, 0 before);
- ``troopdata_legacy_country_year.csv`` (pre-1.0 series): ``countryname, ccode,
  iso3c, year, troops, army, navy, air_force, marine_corps, region, space_force,
  coast_guard``;
- ``basedata.csv``: ``countryname, ccode, iso3c, basename, lat, lon, base, lilypad,
  fundedsite`` (Vine's list; ``base`` major base, ``lilypad`` small site,
  ``fundedsite`` host-nation site funded by the US; 0/1).

Conventions: ``ccode`` is the COW code as released (``Int64``); codes above 1000 are
troopdata's own territory codes (e.g. Aden = 1029) and are kept. ``iso3`` is taken
from the file's ``iso3c`` column (checked to be three upper-case letters), not
converted from ``ccode``; rows where it is ``NA`` (territories, historical units)
are kept with ``iso3`` missing and counted in a provenance note. Counts are
float64 persons (missing stays missing); the rebuild has a few small negative counts
(DMDC corrections, e.g. ``marine_corps_ad = -17``), kept as released and counted in a
provenance note. Keys: rebuild ``(countryname, year)``;
legacy ``(ccode, year)`` (its ``countryname`` varies within a ccode).

Citation: Allen, M.A., Flynn, M.E., Machain, C.M., Stravers, A. (2022), "Global U.S.
military deployment data: 1950-2020", *Conflict Management and Peace Science*
39(3):351-370, doi:10.1177/07388942211030885; Kane, T. (2004), Heritage Foundation;
Vine, D. (2015), *Base Nation*.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "REBUILD_COUNTS", "load", "load_bases", "load_legacy"]

#: Personnel columns of the rebuild file, in file order.
REBUILD_COUNTS = (
    "troops_ad",
    "army_ad",
    "navy_ad",
    "air_force_ad",
    "marine_corps_ad",
    "coast_guard_ad",
    "space_force_ad",
    "army_national_guard",
    "air_national_guard",
    "army_reserve",
    "navy_reserve",
    "marine_corps_reserve",
    "air_force_reserve",
    "coast_guard_reserve",
    "total_selected_reserve",
    "army_civilian",
    "navy_civilian",
    "marine_corps_civilian",
    "air_force_civilian",
    "dod_civilian",
    "total_civilian",
)
_LEGACY_COUNTS = (
    "troops",
    "army",
    "navy",
    "air_force",
    "marine_corps",
    "space_force",
    "coast_guard",
)
_NA = ("", "NA")

INFO = SourceInfo(
    id="us_troops",
    name="US military deployments (troopdata) and overseas bases",
    version="troopdata 1.0 rebuild (meflynn/troopdata@3946bcf)",
    licence="GPL-3 (troopdata package); DoD DMDC data are public",
    citation=(
        'Allen, M.A., Flynn, M.E., Machain, C.M., Stravers, A. (2022), "Global U.S. military '
        'deployment data: 1950-2020", Conflict Management and Peace Science 39(3), '
        "doi:10.1177/07388942211030885. Kane, T. (2004), Global U.S. Troop Deployment, "
        "1950-2003, Heritage Foundation. Vine, D. (2015), Base Nation."
    ),
    citation_key="allen2022",
    url="https://github.com/meflynn/troopdata",
    files=(
        "troopdata_rebuild_country_year.csv",
        "troopdata_legacy_country_year.csv",
        "basedata.csv",
    ),
    description=(
        "US personnel stationed per host country-year and US overseas base sites. The "
        "files are the data-raw CSVs of the troopdata repository; no versioned release URL "
        "is listed."
    ),
    units={c: "persons" for c in (*REBUILD_COUNTS, *_LEGACY_COUNTS)}
    | {"lat": "degrees", "lon": "degrees", "ccode": "COW code (>1000: troopdata territory)"},
    downloads=(),
    years=(1950, 2024),
)


def _common(df: pd.DataFrame, path, counts) -> list[str]:
    _cow.require_int(df, ["ccode"], file=path, min_value=1)
    base.numeric(df, list(counts), file=path)
    notes = []
    if counts:
        neg = (df[list(counts)] < 0).to_numpy().sum()
        if neg:
            notes.append(
                f"{int(neg)} negative personnel counts kept as released (DMDC corrections)"
            )
    if df["countryname"].isna().any():
        raise SchemaError("missing country name", file=path, field="countryname", value="")
    df["countryname"] = base.as_text(df["countryname"])
    iso = df["iso3c"]
    bad = iso.notna() & ~base.as_text(iso).str.fullmatch(r"[A-Z]{3}", na=False)
    if bad.any():
        raise SchemaError(
            "iso3c is not a three-letter upper-case code",
            file=path,
            field="iso3c",
            value=iso[bad].iloc[0],
        )
    df["iso3"] = base.as_text(iso)
    n = int(df["iso3"].isna().sum())
    if n:
        notes.append(f"{n} rows kept with iso3 missing (iso3c is NA: territories/historical units)")
    return notes


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """US personnel per host country-year, troopdata rebuild (primary series).

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``countryname, ccode, iso3, year, region`` and the 21 personnel columns of
        :data:`REBUILD_COUNTS` (float64 persons), sorted by countryname and year,
        with provenance.

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column, non-numeric or negative count, year outside 1950-2100, bad
        ``iso3c`` or repeated ``(countryname, year)``.
    """
    path = base.locate(INFO, "troopdata_rebuild_country_year.csv", data)
    cols = ["countryname", "year", "ccode", "iso3c", "region", *REBUILD_COUNTS]
    df = base.read_csv(path, required=cols, na_values=_NA)[cols].copy()
    _cow.year_column(df, 1950, 2100, file=path)
    notes = _common(df, path, REBUILD_COUNTS)
    df["region"] = base.as_text(df["region"])
    check_unique(df, ["countryname", "year"], name=str(path))
    df = df[["countryname", "ccode", "iso3", "year", "region", *REBUILD_COUNTS]]
    df = df.sort_values(["countryname", "year"], ignore_index=True)
    return base.finish(df, INFO, [path], notes=notes)


def load_legacy(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Pre-1.0 troopdata series: ``countryname, ccode, iso3, year, region, troops, army,
    navy, air_force, marine_corps, space_force, coast_guard`` (float64 persons).

    Key ``(ccode, year)``. Raises as :func:`load`.
    """
    path = base.locate(INFO, "troopdata_legacy_country_year.csv", data)
    cols = ["countryname", "ccode", "iso3c", "year", "region", *_LEGACY_COUNTS]
    df = base.read_csv(path, required=cols, na_values=_NA)[cols].copy()
    _cow.year_column(df, 1950, 2100, file=path)
    notes = _common(df, path, _LEGACY_COUNTS)
    df["region"] = base.as_text(df["region"])
    check_unique(df, ["ccode", "year"], name=str(path))
    df = df[["countryname", "ccode", "iso3", "year", "region", *_LEGACY_COUNTS]]
    df = df.sort_values(["ccode", "year"], ignore_index=True)
    return base.finish(df, INFO, [path], notes=notes)


def load_bases(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """US overseas military sites: ``countryname, ccode, iso3, basename, lat, lon, base,
    lilypad, fundedsite``.

    ``lat``/``lon`` in degrees (float64, missing for 7 sites in the release; checked
    to lie in [-90, 90] / [-180, 180]); ``base``, ``lilypad``, ``fundedsite`` are 0/1
    ``int8``. Raises as :func:`load` (no key check: site names are not unique).
    """
    path = base.locate(INFO, "basedata.csv", data)
    cols = [
        "countryname",
        "ccode",
        "iso3c",
        "basename",
        "lat",
        "lon",
        "base",
        "lilypad",
        "fundedsite",
    ]
    df = base.read_csv(path, required=cols, na_values=_NA)[cols].copy()
    notes = _common(df, path, ())
    base.numeric(df, ["lat"], file=path, min_value=-90, max_value=90)
    base.numeric(df, ["lon"], file=path, min_value=-180, max_value=180)
    _cow.flag_column(df, ["base", "lilypad", "fundedsite"], file=path)
    df["basename"] = base.as_text(df["basename"])
    df = df[
        ["countryname", "ccode", "iso3", "basename", "lat", "lon", "base", "lilypad", "fundedsite"]
    ]
    return base.finish(df, INFO, [path], notes=notes)
