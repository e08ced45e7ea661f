"""SIPRI Military Expenditure Database, 1949-2020 (2021 release).

SIPRI Military Expenditure Database (2021), Stockholm International Peace
Research Institute, https://www.sipri.org/databases/milex. (c) SIPRI 2021, free
with attribution.

File (``sipri_milex/``): ``SIPRI-Milex-data-1949-2020_0.xlsx``, the original
workbook. Three sheets are read (read-only mode):

- ``Constant (2019) USD``: US$ m. at constant 2019 prices and exchange rates
  (its last column, ``2020 Current``, is 2020 at 2020 prices and is not read);
- ``Current USD``: US$ m. at current prices and exchange rates;
- ``Share of GDP``: military expenditure as a **fraction** of GDP (the sheet
  stores 0.034 for 3.4 %).

The README of the data folder calls the first two sheets ``Constant (2019) USD
(US$ m.)`` and ``Current USD (US$ m.)``; both spellings are accepted, and so are
the later releases' workbooks (``SIPRI-Milex-data-1949-20xx.xlsx``, sheets
``Constant (20xx) US$``, ``Current US$``, ``Share of GDP``, marker ``...``), found
by sheet name in any workbook whose content is xlsx. The constant-price column is
named after the sheet's base year: ``milex_musd_constant2019`` for this release,
``milex_musd_constant2022`` for a workbook priced in 2022 US$ (a provenance note
says so).

Parsing: in each sheet the header row is the row whose first cell is
``Country`` (searched, not hard-coded); year columns are the header cells that
are whole numbers. Rows below the header up to the first empty row are table
rows. A table row without any cell in a year column is a region heading
(``Africa``, ``North Africa``...) and is dropped. In data cells ``". ."`` means
unavailable (``"..."`` in later releases) and ``"xxx"`` that the country did not exist or was not
independent; both become missing values. An empty cell is missing too. Blue
(estimate) and red (uncertain) font colours are not read.

Two country names are misspelt in the ``Share of GDP`` sheet (``Congo, Repubic
of``, ``Norh Macedonia``); they are aligned to the other sheets' spelling.

:func:`load` returns one row per (country, year):

=============================== ===========================================
column                          meaning and unit
=============================== ===========================================
``iso3``                        ISO3 from :func:`worldsystem.countries.convert`
                                (``source="name"``); missing where the
                                countries API has no mapping (counted in the
                                provenance notes; such rows are kept)
``country``                     SIPRI country name (``Current USD`` sheet)
``year``                        calendar year, 1949-2020
``milex_musd_constant2019``     millions of constant 2019 US dollars
``milex_musd_current``          millions of current US dollars
``milex_share_gdp``             fraction of GDP
``status``                      ``"value"`` if any of the three has a number,
                                else ``"not_independent"`` if any sheet has
                                ``xxx``, else ``"unavailable"``
=============================== ===========================================
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.schema import check_unique
from worldsystem.sources import base, formats
from worldsystem.sources._econ import names_to_iso3
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "SHEETS", "load"]

_FILE = "SIPRI-Milex-data-1949-2020_0.xlsx"

#: Output column -> accepted sheet names (first is the workbook's own name).
SHEETS: dict[str, tuple[str, ...]] = {
    "milex_musd_constant2019": ("Constant (2019) USD", "Constant (2019) USD (US$ m.)"),
    "milex_musd_current": ("Current USD", "Current USD (US$ m.)"),
    "milex_share_gdp": ("Share of GDP",),
}
#: Sheet-name patterns of every release (2021: "Constant (2019) USD", "Current USD";
#: 2022 on: "Constant (2021) US$", "Current US$"); the constant sheet's group is
#: its price base year.
_PATTERNS: dict[str, str] = {
    "constant": r"Constant \((\d{4})\) US(?:D|\$)(?: \(US\$ m\.\))?",
    "milex_musd_current": r"Current US(?:D|\$)(?: \(US\$ m\.\))?",
    "milex_share_gdp": r"Share of GDP",
}

#: Misspellings in the workbook -> the spelling used in the other sheets.
_NAME_FIXES = {
    "Congo, Repubic of": "Congo, Republic of",
    "Norh Macedonia": "North Macedonia",
}

_UNAVAILABLE = 1
_NOT_INDEPENDENT = 2
_BLANK = 3

INFO = SourceInfo(
    id="sipri_milex",
    name="SIPRI Military Expenditure Database",
    version="2021 (1949-2020)",
    licence="(c) SIPRI 2021, free to use with attribution",
    citation=(
        "SIPRI Military Expenditure Database (2021), Stockholm International Peace Research "
        "Institute, https://www.sipri.org/databases/milex."
    ),
    citation_key="sipri2021milex",
    url="https://www.sipri.org/databases/milex",
    files=(_FILE,),
    description=(
        "Military expenditure by country in constant 2019 and current US$ m. and as a share "
        "of GDP, 1949-2020. SIPRI publishes the workbook behind a download form on its site "
        "and the URL of each release changes, so no direct download is registered."
    ),
    units={
        "milex_musd_constant2019": "millions of constant (2019) US dollars",
        "milex_musd_current": "millions of current US dollars",
        "milex_share_gdp": "fraction of GDP (0.034 = 3.4 %)",
        "year": "calendar year",
    },
    downloads=(),
    years=(1949, 2020),
    official={_FILE: ("SIPRI-Milex-data-1949-*.xlsx", "SIPRI-Milex-data-*.xlsx")},
)


def _as_year(v) -> int | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return v
    if isinstance(v, float) and v.is_integer():
        return int(v)
    if isinstance(v, str) and v.strip().isdigit():
        return int(v.strip())
    return None


def _sheet_of(column: str) -> formats.Sheet:
    key = "constant" if column.startswith("milex_musd_constant") else column
    names = SHEETS.get(column, ())
    return formats.Sheet(names=names, pattern=_PATTERNS[key])


def _constant_column(wb, path: Path) -> str:
    """``milex_musd_constant{base}`` from the name of the workbook's constant-price sheet."""
    sheet = _sheet_of("milex_musd_constant2019").choose(wb.sheetnames, path)
    base_year = re.fullmatch(_PATTERNS["constant"], sheet.strip()).group(1)
    return f"milex_musd_constant{base_year}"


def _read_sheet(wb, path: Path, column: str) -> pd.DataFrame:
    where, rows = formats.sheet_rows(wb, _sheet_of(column), path)
    header = None
    for row in rows:
        if row and isinstance(row[0], str) and row[0].strip() == "Country":
            header = row
            break
    if header is None:
        raise SchemaError(
            "no header row (a row whose first cell is 'Country')",
            file=where,
            field="Country",
            hint="use the original SIPRI Milex workbook layout",
        )
    ycols = [(i, y) for i, y in ((i, _as_year(v)) for i, v in enumerate(header)) if y is not None]
    if not ycols:
        raise SchemaError("header row has no year columns", file=where, field="year")
    years = [y for _, y in ycols]
    if len(set(years)) != len(years) or min(years) < 1900 or max(years) > 2100:
        bad = next(y for y in years if years.count(y) > 1 or not 1900 <= y <= 2100)
        raise SchemaError(
            "year columns must be distinct years in 1900-2100", file=where, field="year", value=bad
        )
    idx = [i for i, _ in ycols]
    cnames: list[str] = []
    vals: list[list[float]] = []
    codes: list[list[int]] = []
    for row in rows:
        if not row or all(v is None for v in row):
            break
        label = row[0]
        cells = [row[i] if i < len(row) else None for i in idx]
        if all(c is None for c in cells):
            continue  # region heading
        if label is None or str(label).strip() == "":
            raise SchemaError("data row without a country name", file=where, field="Country")
        name = str(label).strip()
        name = _NAME_FIXES.get(name, name)
        v_row: list[float] = []
        c_row: list[int] = []
        for year, c in zip(years, cells, strict=True):
            if c is None:
                v_row.append(np.nan)
                c_row.append(_BLANK)
            elif isinstance(c, (int, float)) and not isinstance(c, bool):
                x = float(c)
                if not np.isfinite(x) or x < 0:
                    raise SchemaError(
                        "expected a non-negative number",
                        file=where,
                        field=f"{name} {year}",
                        value=c,
                    )
                v_row.append(x)
                c_row.append(0)
            elif isinstance(c, str):
                t = c.replace(" ", "").strip()
                if t in ("..", "..."):
                    code = _UNAVAILABLE
                elif t == "xxx":
                    code = _NOT_INDEPENDENT
                elif t == "":
                    code = _BLANK
                else:
                    raise SchemaError(
                        "value is not a number or a documented marker ('. .', 'xxx')",
                        file=where,
                        field=f"{name} {year}",
                        value=c,
                    )
                v_row.append(np.nan)
                c_row.append(code)
            else:
                raise SchemaError(
                    "unexpected cell type", file=where, field=f"{name} {year}", value=repr(c)
                )
        cnames.append(name)
        vals.append(v_row)
        codes.append(c_row)
    if not cnames:
        raise SourceError("sheet has a header but no country rows", file=where)
    n, k = len(cnames), len(years)
    out = pd.DataFrame(
        {
            "country": np.repeat(np.array(cnames, dtype=object), k),
            "year": np.tile(np.array(years, dtype="int64"), n),
            column: np.asarray(vals, dtype="float64").reshape(-1),
            f"_code_{column}": np.asarray(codes, dtype="int8").reshape(-1),
        }
    )
    check_unique(out, ["country", "year"], name=where)
    return out


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load SIPRI military expenditure in long country-year form.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``sipri_milex/SIPRI-Milex-data-1949-2020_0.xlsx``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, country, year, milex_musd_constant2019, milex_musd_current,
        milex_share_gdp, status`` (see the module docstring), one row per
        (country, year), sorted by country then year.

    Raises
    ------
    SourceError
        The file is missing or not an xlsx workbook.
    SchemaError
        A sheet or the header row is missing, a cell is neither a number nor a
        documented marker, or a value is negative.
    """
    path = base.locate(INFO, _FILE, data)
    if formats.sniff(path) != "xlsx":
        raise SourceError(
            "file is not an .xlsx workbook",
            file=path,
            value=formats.sniff(path),
            hint="download the original SIPRI workbook again",
        )
    wb = formats.open_workbook(path)
    try:
        constant = _constant_column(wb, path)
        columns = [constant, "milex_musd_current", "milex_share_gdp"]
        parts = [_read_sheet(wb, path, col) for col in columns]
    finally:
        wb.close()
    df = parts[0]
    for part in parts[1:]:
        df = df.merge(part, on=["country", "year"], how="outer")
    code_cols = [f"_code_{c}" for c in columns]
    codes = df[code_cols].fillna(_BLANK).to_numpy()
    has_value = (codes == 0).any(axis=1)
    not_indep = (codes == _NOT_INDEPENDENT).any(axis=1)
    status = np.where(has_value, "value", np.where(not_indep, "not_independent", "unavailable"))
    iso3, unmapped = names_to_iso3(df["country"])
    out = pd.DataFrame(
        {
            "iso3": iso3.to_numpy(dtype=object),
            "country": df["country"].astype(str).to_numpy(),
            "year": df["year"].astype("int64").to_numpy(),
            constant: df[constant].to_numpy(),
            "milex_musd_current": df["milex_musd_current"].to_numpy(),
            "milex_share_gdp": df["milex_share_gdp"].to_numpy(),
            "status": status,
        }
    )
    out["iso3"] = base.as_text(out["iso3"])
    out = out.sort_values(["country", "year"], kind="stable").reset_index(drop=True)
    base.validate_frame(out, path)  # the bounds of core.layouts (no line numbers in a workbook)
    notes = []
    if path.name != _FILE:
        notes.append(f"sipri_milex: read from the SIPRI workbook {path.name}")
    if constant != "milex_musd_constant2019":
        notes.append(
            f"sipri_milex: this release's constant prices are {constant[-4:]} US$ "
            f"(column {constant}), not the 2019 US$ of the 2021 release"
        )
    if unmapped:
        n_rows = int(out["iso3"].isna().sum())
        notes.append(
            f"sipri_milex: {len(unmapped)} country names have no ISO3 in worldsystem.countries "
            f"({'; '.join(unmapped)}); their {n_rows} rows are kept with iso3 missing"
        )
    mapped = out[out["iso3"].notna()]
    dup = mapped.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        pairs = sorted(set(zip(mapped.loc[dup, "iso3"], mapped.loc[dup, "country"], strict=True)))
        vals = mapped[mapped["status"] == "value"]
        n_overlap = int(vals.duplicated(["iso3", "year"], keep=False).sum())
        notes.append(
            "sipri_milex: several SIPRI names map to the same ISO3 "
            f"({'; '.join(f'{c}={i}' for i, c in pairs)}); (iso3, year) is not unique for them; "
            f"{n_overlap} rows with status 'value' share an (iso3, year) "
            "(filter status == 'value' before joining on iso3, year)"
        )
    units = {constant: f"millions of constant ({constant[-4:]}) US dollars"}
    return base.finish(out, INFO, [path], notes=notes, units=units)
