"""Penn World Table 10.01 (1950-2019).

Feenstra, R. C., Inklaar, R. and Timmer, M. P. (2015), "The Next Generation of
the Penn World Table", *American Economic Review* 105(10):3150-3182,
doi:10.1257/aer.20130954. Licence CC BY 4.0. www.ggdc.net/pwt

Files (``pwt/``):

- ``pwt1001.csv.gz``: ``countrycode, country, currency_unit, year`` and the 43
  PWT variables in official order (the five text flags ``i_cig, i_xm, i_xr,
  i_outlier, i_irr`` are absent from this copy);
- ``pwt1001_variables.csv``: ``variable, definition, in_file`` (the PWT Legend).

The producer's own files are read too, detected by content
(:mod:`worldsystem.sources.formats`): ``pwt1001.xlsx`` (sheet "Data", the flags
dropped; the legend from sheet "Legend"), ``pwt1001.dta`` (the legend from its
variable labels) or a zip holding one. They give the same frame as the CSV.

:func:`load` returns ``iso3`` (the PWT ``countrycode``), ``year``, ``country``,
``currency_unit`` and the 43 variables under their PWT names, with PWT units:

- ``rgdpe, rgdpo, ccon, cda, cgdpe, cgdpo, cn, rgdpna, rconna, rdana, rnna``:
  millions of 2017 US dollars (chained or current PPPs, or constant 2017
  national prices, as the PWT names say);
- ``pop``, ``emp``: millions of persons; ``avh``: hours per person engaged per
  year; ``hc``: human-capital index;
- ``ck, ctfp, cwtfp``: index, USA = 1; ``rkna, rtfpna, rwtfpna``: index,
  2017 = 1;
- ``labsh``, ``irr``, ``delta``, ``csh_*``: fractions; ``cor_exp``: correlation;
  ``statcap``: World Bank statistical-capacity score;
- ``xr``: national currency per US dollar;
- ``pl_*``: price levels relative to the USA GDPo price level in 2017 (= 1).

The panel is **balanced** as in the official file: 183 countries x 70 years,
including 1,991 country-years with no data at all (all variables missing).
They are kept, so every (iso3, year) in 1950-2019 exists; drop them with
``df.dropna(subset=pwt.VARIABLES, how="all")`` where that matters.

Checks: exact column order, three-letter codes, unique (iso3, year), years in
1950-2019 (configurable bounds 1900-2100), level variables non-negative.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.sources import base, formats
from worldsystem.sources._econ import check_code_column, check_exact_columns, check_keys, numeric
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "VARIABLES", "load", "load_variables"]

_MAIN = "pwt1001.csv.gz"
_VARS = "pwt1001_variables.csv"

#: The 43 PWT variables of this copy, in official order.
VARIABLES: tuple[str, ...] = (
    "rgdpe", "rgdpo", "pop", "emp", "avh", "hc", "ccon", "cda", "cgdpe", "cgdpo", "cn",
    "ck", "ctfp", "cwtfp", "rgdpna", "rconna", "rdana", "rnna", "rkna", "rtfpna",
    "rwtfpna", "labsh", "irr", "delta", "xr", "pl_con", "pl_da", "pl_gdpo", "cor_exp",
    "statcap", "csh_c", "csh_i", "csh_g", "csh_x", "csh_m", "csh_r", "pl_c", "pl_i",
    "pl_g", "pl_x", "pl_m", "pl_n", "pl_k",
)  # fmt: skip
_ID_COLUMNS = ("countrycode", "country", "currency_unit", "year")
#: The text/label flag columns of the official file, absent from the tidy copy.
FLAGS: tuple[str, ...] = ("i_cig", "i_xm", "i_xr", "i_outlier", "i_irr")

_MUSD = "millions of 2017 US dollars"
_UNITS: dict[str, str] = {
    **{v: _MUSD for v in ("rgdpe", "rgdpo", "ccon", "cda", "cgdpe", "cgdpo", "cn",
                          "rgdpna", "rconna", "rdana", "rnna")},
    "pop": "millions of persons",
    "emp": "millions of persons engaged",
    "avh": "hours per person engaged per year",
    "hc": "index (human capital per person)",
    "ck": "index, USA = 1",
    "ctfp": "index, USA = 1",
    "cwtfp": "index, USA = 1",
    "rkna": "index, 2017 = 1",
    "rtfpna": "index, 2017 = 1",
    "rwtfpna": "index, 2017 = 1",
    "labsh": "fraction of GDP",
    "irr": "fraction per year",
    "delta": "fraction per year",
    "xr": "national currency per US dollar",
    "cor_exp": "correlation coefficient",
    "statcap": "World Bank statistical capacity score",
    **{v: "fraction of CGDPo" for v in ("csh_c", "csh_i", "csh_g", "csh_x", "csh_m", "csh_r")},
    **{v: "price level, USA GDPo in 2017 = 1" for v in ("pl_con", "pl_da", "pl_gdpo", "pl_c",
                                                         "pl_i", "pl_g", "pl_x", "pl_m",
                                                         "pl_n", "pl_k")},
    "year": "calendar year",
}  # fmt: skip

#: Variables that are levels and must not be negative.
_NONNEGATIVE = (
    "rgdpe", "rgdpo", "pop", "emp", "avh", "hc", "ccon", "cda", "cgdpe", "cgdpo", "cn",
    "ck", "ctfp", "cwtfp", "rgdpna", "rconna", "rdana", "rnna", "rkna", "rtfpna",
    "rwtfpna", "xr",
)  # fmt: skip

INFO = SourceInfo(
    id="pwt",
    name="Penn World Table",
    version="10.01",
    licence="CC BY 4.0",
    citation=(
        'Feenstra, R.C., Inklaar, R., Timmer, M.P. (2015), "The Next Generation of the Penn '
        'World Table", American Economic Review 105(10):3150-3182 (www.ggdc.net/pwt).'
    ),
    citation_key="feenstra2015",
    url="https://www.rug.nl/ggdc/productivity/pwt/",
    files=(_MAIN, _VARS),
    description=(
        "Real GDP, population, employment, capital and price levels for 183 countries, "
        "1950-2019 (balanced panel). The official release is pwt1001.xlsx/.dta on the GGDC "
        "site (Dataverse); this CSV layout has no official direct download."
    ),
    units=_UNITS,
    downloads=(),
    years=(1950, 2019),
    official={
        _MAIN: ("pwt1001.xlsx", "pwt1001.dta", "pwt1001*.zip"),
        _VARS: ("pwt1001.xlsx", "pwt1001.dta", "pwt1001*.zip"),
    },
)

_DTYPE = {"countrycode": str, "country": str, "currency_unit": str}
_EXPECTED = (*_ID_COLUMNS, *VARIABLES)


def _drop_flags(df: pd.DataFrame, where: str) -> pd.DataFrame:
    # the official file has the five flag columns after pl_gdpo; the rest is the tidy order
    return df.drop(columns=[c for c in FLAGS if c in df.columns])


#: ``pwt1001.csv.gz`` or the official ``pwt1001.xlsx`` (sheet "Data"), ``pwt1001.dta``
#: or a zip holding one of them.
SPEC = formats.Spec(
    filename=_MAIN,
    tidy=lambda p: base.read_csv(p, required=_EXPECTED, dtype=_DTYPE),
    required=_EXPECTED,
    dtype=_DTYPE,
    members=("pwt1001*.xlsx", "pwt1001*.dta", "pwt1001*.csv"),
    sheet=formats.Sheet(names=("Data",)),
    convert=_drop_flags,
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load PWT 10.01 as a balanced country-year panel.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``pwt/pwt1001.csv.gz``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, country, currency_unit`` and the 43 variables of
        :data:`VARIABLES` (float64, PWT units, see the module docstring and
        ``attrs["units"]``). One row per (iso3, year), sorted; all-empty
        country-years are kept (balanced panel).

    Raises
    ------
    SourceError
        Missing, empty, truncated (gzip) or undecodable file.
    SchemaError
        Columns not in the official order, text in a numeric column, negative
        level, year outside 1900-2100 or a duplicated country-year.
    CodeSystemError
        A country code that is not three upper-case letters.
    """
    found = formats.load_table(INFO, SPEC, data)
    df, path = found.frame, found.where
    check_exact_columns(df.columns, _EXPECTED, file=path)
    check_code_column(df, "countrycode", file=path)
    numeric(df, ["year"], file=path, integer=True)
    check_keys(df, ["countrycode", "year"], file=path, years=(1900, 2100))
    numeric(df, _NONNEGATIVE, file=path, min_value=0.0)
    numeric(df, [v for v in VARIABLES if v not in _NONNEGATIVE], file=path)
    df = df.rename(columns={"countrycode": "iso3"})
    df["year"] = df["year"].astype("int64")
    df["currency_unit"] = df["currency_unit"].fillna("").astype(str)
    df = df[["iso3", "year", "country", "currency_unit", *VARIABLES]]
    df = df.sort_values(["iso3", "year"], kind="stable").reset_index(drop=True)
    empty = int(df[list(VARIABLES)].isna().all(axis=1).sum())
    notes = [
        *found.notes,
        f"pwt: balanced panel kept; {empty} country-years have no data in any variable",
    ]
    return base.finish(df, INFO, [found.path], notes=notes)


def load_variables(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the PWT variable legend.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``pwt/pwt1001_variables.csv``.

    Returns
    -------
    pandas.DataFrame
        ``variable, definition, in_file`` (bool: whether the column is in
        ``pwt1001.csv.gz``) and ``unit`` (this module's unit string, empty for
        identifiers and absent flags).
    """
    path = base.locate(INFO, _VARS, data)
    cols = ("variable", "definition", "in_file")
    if path.name != _VARS or formats.sniff(path) not in ("text", "gzip"):
        df = _official_legend(path)
    else:
        df = base.read_csv(path, required=cols, dtype=str)
    check_exact_columns(df.columns, cols, file=path)
    flags = df["in_file"].str.strip().str.lower()
    bad = ~flags.isin(["true", "false"])
    if bad.any():
        raise SchemaError(
            "expected True or False", file=path, field="in_file", value=df["in_file"][bad].iloc[0]
        )
    df["in_file"] = flags == "true"
    df["unit"] = df["variable"].map(_UNITS).fillna("").astype(str)
    return base.finish(df, INFO, [path])


def _official_legend(path) -> pd.DataFrame:
    """The legend of the official workbook (sheet "Legend") or Stata file (variable labels).

    Section headings (a name without a definition) and empty rows are skipped;
    ``in_file`` is True for the columns :func:`load` returns (False for :data:`FLAGS`).
    """
    kind = formats.sniff(path)
    if kind == "xlsx":
        sheet = formats.Sheet(
            names=("Legend",), header=("Variable name", "Variable definition"), stop_at_blank=False
        )
        raw, where = formats.read_sheet(path, sheet)
        pairs = [
            (str(v).strip(), str(d).strip())
            for v, d in zip(raw["Variable name"], raw["Variable definition"], strict=True)
            if v is not None and d is not None
        ]
    elif kind == "dta":
        try:
            with pd.read_stata(path, iterator=True) as reader:
                labels = reader.variable_labels()
        except Exception as exc:  # ValueError, struct.error ...
            raise SourceError(
                f"file is not a readable Stata .dta file ({type(exc).__name__}: {exc})", file=path
            ) from exc
        where = str(path)
        pairs = [(v, str(d)) for v, d in labels.items()]
    else:
        raise SourceError(
            "the PWT legend is read from pwt1001_variables.csv, or the Legend sheet of "
            "pwt1001.xlsx, or the variable labels of pwt1001.dta",
            file=path,
            field="legend",
            value=kind,
            hint="put pwt1001.xlsx or pwt1001.dta (as distributed) in the pwt folder",
        )
    if not pairs:
        raise SchemaError("no variable definitions found", file=where, field="Variable name")
    returned = {*_ID_COLUMNS, *VARIABLES}
    return pd.DataFrame(
        {
            "variable": [v for v, _ in pairs],
            "definition": [d for _, d in pairs],
            "in_file": ["True" if v in returned else "False" for v, _ in pairs],
        }
    )
