"""Labour: GGDC 10-Sector Database (January 2015) and ILO employment totals.

GGDC: Timmer, M. P., de Vries, G. J. and de Vries, K. (2015), "Patterns of
Structural Change in Developing Countries", in J. Weiss and M. Tribe (eds.),
*Routledge Handbook of Industry and Development*, 65-83,
doi:10.4324/9780203387061. ILO: ILO Modelled Estimates (ILOEST), indicator
``EMP_2EMP_SEX_ECO_NB`` (November 2024), via the EXIOBASE labor_extension
repository. Licence: GGDC free with citation; ILOSTAT CC BY 4.0.

Files (``labour/``): ``10SD_jan15.csv`` (``Country, Regioncode, Region, Variable,
Year, AGR, MIN, MAN, PU, CON, WRT, TRA, FIRE, GOV, OTH, SUM``) and
``workforce_total_iso3.csv.gz`` (``ref_area, indicator, EXIO3, source, sex, time,
Workforce (1000), ref_area.label``). The xlsx and readme in the folder are not
read.

The GGDC's own files are read too, detected by content: the Stata file
``10SD_jan15.dta`` (the CSV's columns), alone or in the GGDC zip, and the
workbook ``10sd_jan15_2014.xlsx`` (sheet ``dataset``, sectors named in words
and ``incl in gov. services`` markers; see :func:`_ggdc_official`). The ILO
table is read only in the EXIOBASE layout above (ILOSTAT's own bulk files have
other columns and are not read).

:func:`load_ggdc` returns long ``iso3, ggdc_code, year, variable, sector, value,
unit``:

- ``variable``: ``VA`` (value added, current national prices, millions of
  national currency), ``VA_Q05`` (constant 2005 national prices, millions),
  ``VA_Q10`` (NGA alternative series, 2010 prices), ``VA_Q91`` (West Germany,
  1991 prices), ``EMP`` (persons engaged, thousands);
- ``sector``: ``AGR MIN MAN PU CON WRT TRA FIRE GOV OTH SUM`` (ISIC rev. 3.1
  groups, ``SUM`` = total);
- ``ggdc_code``: GGDC country code as given; ``iso3``: ISO3, identical except
  ``MOR`` -> ``MAR`` (Morocco), ``DEW`` (West Germany) -> ``DEU`` (as COW 260 ->
  DEU in this project) and ``NGA(alt)`` -> ``NGA``;
- ``series``: ``"main"``, or ``"alt"`` for GGDC's alternative Nigeria series
  (``NGA(alt)``), so (iso3, year, variable, sector, series) is unique.

Empty cells are missing and dropped from the long table (GGDC: "not
available"; where GOV or OTH is empty it is included in the other).

:func:`load_ilo` returns ``iso3, year, sex, employment_thousands, exio3,
ilo_modelled`` (``ilo_modelled`` False for the rows the EXIOBASE project filled
from the CIA World Factbook and other sources).

:func:`load` returns GGDC persons engaged by sector (wide): ``iso3, ggdc_code,
series, year`` and ``emp_<sector>_thousands`` for each sector.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import base, formats
from worldsystem.sources._econ import (
    check_code_column,
    check_exact_columns,
    check_keys,
    check_text_column,
    numeric,
)
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "SECTORS", "VARIABLE_UNITS", "load", "load_ggdc", "load_ilo"]

_GGDC = "10SD_jan15.csv"
_ILO = "workforce_total_iso3.csv.gz"

#: GGDC sectors in file order (``SUM`` = total economy).
SECTORS: tuple[str, ...] = (
    "AGR", "MIN", "MAN", "PU", "CON", "WRT", "TRA", "FIRE", "GOV", "OTH", "SUM",
)  # fmt: skip
_GGDC_COLUMNS = ("Country", "Regioncode", "Region", "Variable", "Year", *SECTORS)
_ILO_COLUMNS = (
    "ref_area", "indicator", "EXIO3", "source", "sex", "time", "Workforce (1000)",
    "ref_area.label",
)  # fmt: skip

#: GGDC variable -> unit.
VARIABLE_UNITS: dict[str, str] = {
    "VA": "millions of national currency, current prices",
    "VA_Q05": "millions of national currency, constant 2005 prices",
    "VA_Q10": "millions of national currency, constant 2010 prices",
    "VA_Q91": "millions of national currency, constant 1991 prices",
    "EMP": "thousands of persons engaged",
}
#: GGDC country codes that are not ISO3 -> ISO3 (documented in the module docstring).
_GGDC_ISO3 = {"MOR": "MAR", "DEW": "DEU", "NGA(alt)": "NGA"}
_SEX = {"SEX_T": "total", "SEX_M": "male", "SEX_F": "female"}

INFO = SourceInfo(
    id="labour",
    name="GGDC 10-Sector Database and ILO employment",
    version="GGDC Jan 2015; ILOEST Nov 2024",
    licence="GGDC: free with citation; ILOSTAT: CC BY 4.0",
    citation=(
        'Timmer, M.P., de Vries, G.J., de Vries, K. (2015), "Patterns of Structural Change '
        'in Developing Countries", in J. Weiss, M. Tribe (eds.), Routledge Handbook of '
        "Industry and Development, 65-83. ILO Modelled Estimates (ILOEST), "
        "EMP_2EMP_SEX_ECO_NB (Nov. 2024), via the EXIOBASE labor_extension repository."
    ),
    citation_key="timmer2015ggdc",
    url="https://www.rug.nl/ggdc/structuralchange/previous-sector-database/10-sector-2014",
    files=(_GGDC, _ILO),
    description=(
        "Value added and persons engaged in 10 sectors for 42 countries, 1947-2013 (GGDC), and "
        "total employment for 244 areas, 1991-2023 (ILO modelled estimates). The official "
        "GGDC release (the workbook, or the Stata file alone or zipped) is read as well as the "
        "CSV; ILOSTAT's own bulk files are not read (EXIOBASE's table is)."
    ),
    units={
        **{f"emp_{s.lower()}_thousands": "thousands of persons engaged" for s in SECTORS},
        "employment_thousands": "thousands of persons employed",
        "value": "see the unit column (depends on variable)",
        "year": "calendar year",
    },
    downloads=(),
    years=(1947, 2023),
    official={
        _GGDC: ("10SD_jan15.dta", "10sd_jan15_2014.xlsx", "10sd_jan15*.xlsx", "10sd_jan15*.zip"),
    },
)

#: Headers of the GGDC workbook's ``dataset`` sheet -> the Stata/CSV names.
_GGDC_SHEET_NAMES = {
    "Region code": "Regioncode",
    "Agriculture": "AGR",
    "Mining": "MIN",
    "Manufacturing": "MAN",
    "Utilities": "PU",
    "Construction": "CON",
    "Trade, restaurants and hotels": "WRT",
    "Transport, storage and communication": "TRA",
    "Finance, insurance, real estate and business services": "FIRE",
    "Government services": "GOV",
    "Community, social and personal services": "OTH",
    "Summation of sector GDP": "SUM",
}
#: Text the workbook puts in empty value cells (the Stata file has them empty).
_GGDC_MARKERS = frozenset({"incl in gov. services"})
_GGDC_DTYPE = {"Country": str, "Regioncode": str, "Region": str, "Variable": str}


def _ggdc_official(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """The workbook's or Stata file's table with the CSV's columns.

    The workbook (sheet ``dataset``) names the sectors in words (``Agriculture``
    ... ``Summation of sector GDP``) and writes ``incl in gov. services`` (or a
    blank) where the Stata file has an empty cell; both become missing. Any
    other text in a value cell is left for the numeric check to report.
    """
    df = formats.renamed(_GGDC_SHEET_NAMES, _GGDC_COLUMNS)(df, where)
    df = df[list(_GGDC_COLUMNS)].copy()
    for c in SECTORS:
        col = df[c]
        if col.dtype == object:
            df[c] = col.where(~col.isin(_GGDC_MARKERS), None)
    return df


GGDC = formats.Spec(
    filename=_GGDC,
    tidy=lambda p: base.read_csv(p, required=_GGDC_COLUMNS, dtype=_GGDC_DTYPE),
    dtype=_GGDC_DTYPE,
    members=("10SD_jan15.dta", "10sd_jan15*.xlsx"),
    sheet=formats.Sheet(names=("dataset",), header=("Country", "Variable", "Year")),
    convert=_ggdc_official,
)


def load_ggdc(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the GGDC 10-Sector Database in long form.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``labour/10SD_jan15.csv``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, ggdc_code, series, year, variable, sector, value, unit`` (see the
        module docstring); empty cells are not included. Unique by (ggdc_code,
        year, variable, sector).

    Raises
    ------
    SourceError, SchemaError
        Unreadable file, layout change, unknown variable, text in a value
        column, negative employment (value added may be negative),
        duplicated (country, variable, year).
    """
    found = formats.load_table(INFO, GGDC, data)
    df, path = found.frame, found.where
    check_exact_columns(df.columns, _GGDC_COLUMNS, file=path)
    check_text_column(df, "Country", file=path)
    check_text_column(df, "Variable", file=path)
    bad = ~df["Variable"].isin(list(VARIABLE_UNITS))
    if bad.any():
        raise SchemaError(
            "unknown GGDC variable",
            file=path,
            field="Variable",
            value=df.loc[bad, "Variable"].iloc[0],
            hint=f"expected one of {list(VARIABLE_UNITS)}",
        )
    numeric(df, ["Year"], file=path, integer=True)
    check_keys(
        df, ["Country", "Variable", "Year"], file=path, years=(1900, 2100), year_column="Year"
    )
    numeric(df, SECTORS, file=path)
    # Value added can be negative (e.g. FIRE after FISIM adjustment); persons cannot.
    emp_rows = df.loc[df["Variable"] == "EMP", list(SECTORS)]
    numeric(emp_rows, SECTORS, file=path, min_value=0.0)
    long = df.melt(
        id_vars=["Country", "Variable", "Year"],
        value_vars=list(SECTORS),
        var_name="sector",
        value_name="value",
    ).dropna(subset=["value"])
    code = long["Country"].astype(str)
    out = pd.DataFrame(
        {
            "iso3": code.map(lambda c: _GGDC_ISO3.get(c, c)),
            "ggdc_code": code,
            "series": code.map(lambda c: "alt" if c.endswith("(alt)") else "main"),
            "year": long["Year"].astype("int64"),
            "variable": long["Variable"].astype(str),
            "sector": long["sector"].astype(str),
            "value": long["value"].astype("float64"),
        }
    )
    out["unit"] = out["variable"].map(VARIABLE_UNITS)
    for c in ("iso3", "ggdc_code", "series", "variable", "sector", "unit"):
        out[c] = base.as_text(out[c])
    bad_code = ~out["iso3"].str.fullmatch(r"[A-Z]{3}")
    if bad_code.any():
        raise SchemaError(
            "GGDC country code is not ISO3-like and has no documented mapping",
            file=path,
            field="Country",
            value=out.loc[bad_code, "ggdc_code"].iloc[0],
        )
    out = out.sort_values(["ggdc_code", "variable", "sector", "year"], kind="stable")
    out = out.reset_index(drop=True)
    notes = ["labour: GGDC codes MOR -> MAR, DEW (West Germany) -> DEU, NGA(alt) -> NGA (alt)"]
    return base.finish(out, INFO, [found.path], notes=[*found.notes, *notes])


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """GGDC persons engaged by sector, one row per country-series-year.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``labour/10SD_jan15.csv``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, ggdc_code, series, year`` and ``emp_<sector>_thousands`` for the
        sectors of :data:`SECTORS` (thousands of persons engaged; missing where
        GGDC has no figure). Sector shares are ``emp_x / emp_sum``. Unique by
        (iso3, series, year); filter ``series == "main"`` for one row per
        (iso3, year). ``DEU`` rows are West Germany (GGDC ``DEW``).
    """
    path = base.locate(INFO, _GGDC, data)
    g = load_ggdc(data)
    emp = g[g["variable"] == "EMP"]
    wide = emp.pivot(
        index=["iso3", "ggdc_code", "series", "year"], columns="sector", values="value"
    )
    wide = wide.reindex(columns=list(SECTORS))
    wide.columns = [f"emp_{s.lower()}_thousands" for s in SECTORS]
    out = wide.reset_index()
    out["year"] = out["year"].astype("int64")
    return base.finish(out, INFO, [path], notes=["labour: GGDC EMP (persons engaged)"])


def load_ilo(data: str | os.PathLike[str] | None = None, *, sex: str = "total") -> pd.DataFrame:
    """Load ILO modelled employment totals.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``labour/workforce_total_iso3.csv.gz``.
    sex : {"total", "male", "female", "all"}, default "total"
        Which rows to return (``"all"`` keeps the three).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, sex, employment_thousands, exio3, ilo_modelled``; unique by
        (iso3, year, sex).
    """
    if sex not in ("total", "male", "female", "all"):
        raise SchemaError(
            "unknown sex option", field="sex", value=sex, hint="total, male, female or all"
        )
    path = base.locate(INFO, _ILO, data)
    df = base.read_csv(
        path, required=_ILO_COLUMNS,
        dtype={c: str for c in _ILO_COLUMNS if c not in ("time", "Workforce (1000)")},
    )  # fmt: skip
    check_exact_columns(df.columns, _ILO_COLUMNS, file=path)
    check_code_column(df, "ref_area", file=path)
    bad = ~df["sex"].isin(list(_SEX))
    if bad.any():
        raise SchemaError(
            "unknown sex code", file=path, field="sex", value=df.loc[bad, "sex"].iloc[0]
        )
    numeric(df, ["time"], file=path, integer=True)
    check_keys(df, ["ref_area", "sex", "time"], file=path, years=(1900, 2100), year_column="time")
    numeric(df, ["Workforce (1000)"], file=path, min_value=0.0)
    out = pd.DataFrame(
        {
            "iso3": df["ref_area"].astype(str),
            "year": df["time"].astype("int64"),
            "sex": df["sex"].map(_SEX).astype(str),
            "employment_thousands": df["Workforce (1000)"].astype("float64"),
            "exio3": df["EXIO3"].fillna("").astype(str),
            "ilo_modelled": df["indicator"].notna().to_numpy(),
        }
    )
    if sex != "all":
        out = out[out["sex"] == sex]
    out = out.sort_values(["iso3", "year", "sex"], kind="stable").reset_index(drop=True)
    check_unique(out, ["iso3", "year", "sex"], name=str(path))
    return base.finish(out, INFO, [path])
