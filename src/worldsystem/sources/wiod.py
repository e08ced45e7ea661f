"""World Input-Output Database, 2013 release: world input-output tables 1995-2011.

Timmer, M. P., Dietzenbacher, E., Los, B., Stehrer, R. and de Vries, G. J.
(2015), "An Illustrated User Guide to the World Input-Output Database: the Case
of Global Automotive Production", *Review of International Economics*
23:575-605, doi:10.1111/roie.12178. Also Dietzenbacher, E. et al. (2013), "The
Construction of World Input-Output Tables in the WIOD Project", *Economic
Systems Research* 25(1):71-98, doi:10.1080/09535314.2012.761180.

Files (``wiod2013/``): ``wiot1995.parquet`` ... ``wiot2011.parquet`` and
``labels.csv`` (``kind, code, name, nace_rev1_1``).

Layout of ``wiot{year}.parquet`` (checked exactly; any difference raises a
:class:`~worldsystem.core.errors.SchemaError` naming the file and the first
unexpected column or row label):

- 1,435 rows = 41 regions x 35 industries, region-major (row ``i`` is region
  ``i // 35``, industry ``i % 35``); columns ``region``, ``industry`` hold the
  labels;
- 1,435 intermediate-use columns ``{REG}_{cN}`` in row order: **Z**;
- 205 final-demand columns ``{REG}_{c37|c38|c39|c41|c42}``: **F** (c42,
  inventories, and some c41 cells can be negative);
- ``GO``: **x**, gross output at basic prices.

Units: millions of current US dollars. Cells are whole numbers (the source
package stored integers), so ``Z.sum(1) + F.sum(1)`` differs slightly from
``x`` (median 0.2 %); nothing is rebalanced here.

Regions keep the WIOD codes (``ROM`` = Romania, ``RoW`` = rest of the world).
:attr:`WiotYear.iso3` maps them to ISO3: ``ROM`` -> ``ROU`` and ``RoW`` ->
``ROW``, a pseudo-region that is **not** an ISO 3166 code.

This module returns validated arrays and labels only; the MRIO dataclass and
satellite (labour) accounts are built in :mod:`worldsystem.panels`.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.provenance import Provenance, SourceRecord
from worldsystem.sources import base, formats
from worldsystem.sources._econ import check_exact_columns
from worldsystem.sources.base import SourceInfo

__all__ = [
    "FD_CATEGORIES",
    "INDUSTRIES",
    "INFO",
    "REGIONS",
    "WiotYear",
    "load",
    "load_labels",
    "load_year",
    "years",
]

#: The 41 WIOD regions in table order (WIOD codes).
REGIONS: tuple[str, ...] = (
    "AUS", "AUT", "BEL", "BGR", "BRA", "CAN", "CHN", "CYP", "CZE", "DEU", "DNK", "ESP",
    "EST", "FIN", "FRA", "GBR", "GRC", "HUN", "IDN", "IND", "IRL", "ITA", "JPN", "KOR",
    "LTU", "LUX", "LVA", "MEX", "MLT", "NLD", "POL", "PRT", "ROM", "RUS", "SVK", "SVN",
    "SWE", "TUR", "TWN", "USA", "RoW",
)  # fmt: skip
#: WIOD region code -> ISO3 (``ROW`` is a pseudo-region, not ISO 3166).
ISO3: dict[str, str] = {**{r: r for r in REGIONS}, "ROM": "ROU", "RoW": "ROW"}
#: The 35 WIOD industries c1..c35 (NACE Rev. 1.1 based).
INDUSTRIES: tuple[str, ...] = tuple(f"c{i}" for i in range(1, 36))
#: Names of the 35 WIOD industries as the release labels them (its ``labels`` sheet;
#: Timmer et al. 2015, table 1), for readable tables.
INDUSTRY_NAMES: dict[str, str] = dict(
    zip(
        INDUSTRIES,
        (
            "Agriculture, Hunting, Forestry and Fishing",
            "Mining and Quarrying",
            "Food, Beverages and Tobacco",
            "Textiles and Textile Products",
            "Leather, Leather and Footwear",
            "Wood and Products of Wood and Cork",
            "Pulp, Paper, Paper , Printing and Publishing",
            "Coke, Refined Petroleum and Nuclear Fuel",
            "Chemicals and Chemical Products",
            "Rubber and Plastics",
            "Other Non-Metallic Mineral",
            "Basic Metals and Fabricated Metal",
            "Machinery, Nec",
            "Electrical and Optical Equipment",
            "Transport Equipment",
            "Manufacturing, Nec; Recycling",
            "Electricity, Gas and Water Supply",
            "Construction",
            "Sale, Maintenance and Repair of Motor Vehicles and Motorcycles; Retail Sale of Fuel",
            "Wholesale Trade and Commission Trade, Except of Motor Vehicles and Motorcycles",
            "Retail Trade, Except of Motor Vehicles and Motorcycles; Repair of Household Goods",
            "Hotels and Restaurants",
            "Inland Transport",
            "Water Transport",
            "Air Transport",
            "Other Supporting and Auxiliary Transport Activities; Activities of Travel Agencies",
            "Post and Telecommunications",
            "Financial Intermediation",
            "Real Estate Activities",
            "Renting of M&Eq and Other Business Activities",
            "Public Admin and Defence; Compulsory Social Security",
            "Education",
            "Health and Social Work",
            "Other Community, Social and Personal Services",
            "Private Households with Employed Persons",
        ),
        strict=True,
    )
)
#: The 5 final-demand categories per region.
FD_CATEGORIES: tuple[str, ...] = ("c37", "c38", "c39", "c41", "c42")
_YEARS = tuple(range(1995, 2012))
_LABELS = "labels.csv"
_UNIT = "millions of current US dollars"

N_ROWS = len(REGIONS) * len(INDUSTRIES)

_Z_COLUMNS = tuple(f"{r}_{c}" for r in REGIONS for c in INDUSTRIES)
_F_COLUMNS = tuple(f"{r}_{c}" for r in REGIONS for c in FD_CATEGORIES)
_COLUMNS = ("region", "industry", *_Z_COLUMNS, *_F_COLUMNS, "GO")

INFO = SourceInfo(
    id="wiod2013",
    name="World Input-Output Database (2013 release)",
    version="2013",
    licence="free with citation (WIOD); the wiod R package is GPL-3",
    citation=(
        "Timmer, M.P., Dietzenbacher, E., Los, B., Stehrer, R., de Vries, G.J. (2015), "
        '"An Illustrated User Guide to the World Input-Output Database: the Case of Global '
        'Automotive Production", Review of International Economics 23:575-605. Also '
        "Dietzenbacher, E. et al. (2013), Economic Systems Research 25(1):71-98."
    ),
    citation_key="timmer2015",
    url="https://www.rug.nl/ggdc/valuechain/wiod/wiod-2013-release",
    files=(*(f"wiot{y}.parquet" for y in _YEARS), _LABELS),
    description=(
        "World input-output tables, 41 regions x 35 industries, 1995-2011, millions of current "
        "US dollars. The official release is Excel/Stata files (wiot{yy}_row_apr12); this "
        "parquet layout has no official direct download."
    ),
    units={"x_musd_current": _UNIT, "year": "calendar year"},
    downloads=(),
    years=(1995, 2011),
    official={
        **{
            f"wiot{y}.parquet": (f"wiot{y % 100:02d}_row_*.xlsx", f"wiot{y % 100:02d}_*.xlsx")
            for y in _YEARS
        },
        # the labels are read from the header rows of any WIOT workbook
        _LABELS: ("wiot*_row_*.xlsx",),
    },
)

#: Layout of the official WIOT workbooks ``wiot{yy}_row_apr12.xlsx`` (first sheet;
#: rows and columns 0-based): cell (0, 0) is the title ending in the year; header
#: rows 2-5 hold, over the data columns 4..: the ISIC (NACE Rev. 1.1) code, the
#: name, the region and the WIOD code (c1..c35 intermediate use, c37..c42 final
#: demand, then the total-output column); data rows from row 6 hold the same four
#: labels in columns 0-3. Rows after RoW c35 (r60.. value added, taxes, margins,
#: output) are not read.
_WIOT_HEADER_ROWS = {"isic": 2, "name": 3, "region": 4, "code": 5}
_WIOT_FIRST_ROW = 6
_WIOT_FIRST_COL = 4


@dataclass(frozen=True, eq=False)
class WiotYear:
    """One validated world input-output table (arrays are read-only).

    Attributes
    ----------
    year : int
    Z : numpy.ndarray, shape (1435, 1435)
        Intermediate deliveries from row country-industry to column
        country-industry, millions of current USD.
    F : numpy.ndarray, shape (1435, 205)
        Deliveries to final demand, columns region-major over
        :data:`FD_CATEGORIES`, millions of current USD.
    x : numpy.ndarray, shape (1435,)
        Gross output, millions of current USD.
    regions : tuple of str
        The 41 WIOD region codes (``ROM``, ``RoW`` as in WIOD).
    iso3 : tuple of str
        ISO3 of each region (``ROM`` -> ``ROU``; ``RoW`` -> ``ROW``, a pseudo-region).
    industries, industry_names : tuple of str
        ``c1``..``c35`` and their WIOD names.
    fd_categories, fd_names : tuple of str
        ``c37, c38, c39, c41, c42`` and their names.
    unit : str
    provenance : Provenance
    """

    year: int
    Z: np.ndarray
    F: np.ndarray
    x: np.ndarray
    regions: tuple[str, ...]
    iso3: tuple[str, ...]
    industries: tuple[str, ...]
    industry_names: tuple[str, ...]
    fd_categories: tuple[str, ...]
    fd_names: tuple[str, ...]
    unit: str
    provenance: Provenance


#: Loader calls ``worldsystem data check`` runs (:mod:`worldsystem.sources.verify`):
#: the main table, the labels and every year's table.
CHECKS = (
    ("load", {}),
    ("load_labels", {}),
    *(("load_year", {"year": y}) for y in range(_YEARS[0], _YEARS[-1] + 1)),
)


def years(data: str | os.PathLike[str] | None = None) -> list[int]:
    """Years whose ``wiot{year}.parquet`` exists in the data directory (sorted).

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``wiod2013/``.

    Returns
    -------
    list of int
        Possibly empty.
    """
    folder = INFO.folder(data)
    if not folder.is_dir():
        return []
    return [y for y in _YEARS if INFO.resolve(f"wiot{y}.parquet", data) is not None]


def load_labels(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the WIOD labels table.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``wiod2013/labels.csv``.

    Returns
    -------
    pandas.DataFrame
        ``kind`` (``region``, ``industry``, ``final_demand``, ``output``),
        ``code``, ``name``, ``nace_rev1_1`` (empty except for industries) and
        ``iso3`` (regions only: ``ROM`` -> ``ROU``, ``RoW`` -> ``ROW``).

    Raises
    ------
    SchemaError
        Columns differ, or the region/industry/final-demand codes are not the
        41/35/5 WIOD codes in order.
    """
    path = base.locate(INFO, _LABELS, data)
    cols = ("kind", "code", "name", "nace_rev1_1")
    if path.name == _LABELS:
        df = base.read_csv(path, required=cols, dtype=str)
    else:
        df = _labels_from_workbook(path)
    check_exact_columns(df.columns, cols, file=path)
    for kind, expected in (
        ("region", REGIONS),
        ("industry", INDUSTRIES),
        ("final_demand", FD_CATEGORIES),
    ):
        got = tuple(df.loc[df["kind"] == kind, "code"])
        if got != expected:
            first = next(
                (g for g, e in zip(got, expected, strict=False) if g != e),
                got[len(expected)] if len(got) > len(expected) else None,
            )
            raise SchemaError(
                f"{kind} codes differ from the WIOD list ({len(got)} found, "
                f"{len(expected)} expected)",
                file=path,
                field="code",
                value=first,
            )
    df["name"] = df["name"].fillna("").astype(str)
    df["nace_rev1_1"] = df["nace_rev1_1"].fillna("").astype(str)
    df["iso3"] = df["code"].where(df["kind"] == "region").map(ISO3)
    df["iso3"] = base.as_text(df["iso3"])
    return base.finish(df, INFO, [path])


def _header_rows(path: Path) -> tuple[str, list[tuple[Any, ...]]]:
    """``(where, the first rows)`` of the first sheet of a WIOT workbook."""
    wb = formats.open_workbook(path)
    try:
        where, rows = formats.sheet_rows(wb, formats.Sheet(), path)
        head = [row for _, row in zip(range(_WIOT_FIRST_ROW), rows, strict=False)]
    finally:
        wb.close()
    return where, head


def _check_title(where: str, head, year: int | None) -> None:
    title = head[0][0] if head and head[0] else None
    if not isinstance(title, str) or not re.search(r"(19|20)\d\d\s*$", title.strip()):
        raise SchemaError(
            "cell A1 is not a WIOT title ending in the year",
            file=where,
            field="A1",
            value=title,
            hint="use the WIOD 2013 release workbook wiot{yy}_row_apr12.xlsx unchanged",
        )
    if year is not None and int(title.strip()[-4:]) != year:
        raise SchemaError(
            f"the workbook is the table of another year (expected {year})",
            file=where,
            field="A1",
            value=title,
        )


def _labels_from_workbook(path: Path) -> pd.DataFrame:
    """The labels table from the header rows of a WIOT workbook (region names empty)."""
    where, head = _header_rows(path)
    _check_title(where, head, None)
    if len(head) < _WIOT_FIRST_ROW:
        raise SchemaError("the sheet ends inside the header rows", file=where, field="row")
    row = {k: head[i][_WIOT_FIRST_COL:] for k, i in _WIOT_HEADER_ROWS.items()}
    seen: dict[str, tuple[str, str]] = {}
    regions: list[str] = []
    for isic, name, reg, code in zip(
        row["isic"], row["name"], row["region"], row["code"], strict=False
    ):
        is_industry = isinstance(code, str) and code.strip() in INDUSTRIES
        if is_industry and isinstance(reg, str) and reg.strip() not in regions:
            regions.append(reg.strip())
        if isinstance(code, str) and code.strip() not in seen:
            seen[code.strip()] = ("" if name is None else str(name).strip(),
                                  "" if isic is None else str(isic).strip())  # fmt: skip
    recs = [("region", r, "", "") for r in regions]
    recs += [("industry", c, *seen.get(c, ("", ""))) for c in INDUSTRIES]
    recs += [("final_demand", c, seen.get(c, ("", ""))[0], "") for c in FD_CATEGORIES]
    recs.append(("output", "GO", "Gross output (total output at basic prices)", ""))
    df = pd.DataFrame(recs, columns=["kind", "code", "name", "nace_rev1_1"])
    for kind, code, _, _ in recs:
        if kind != "region" and code != "GO" and code not in seen:
            raise SchemaError(
                "WIOD code not found in the header row of codes", file=where, field="code",
                value=code,
            )  # fmt: skip
    df["nace_rev1_1"] = df["nace_rev1_1"].where(df["kind"] == "industry", None)
    return df


def _wiot_workbook(path: Path, year: int | None = None) -> pd.DataFrame:
    """The tidy WIOT layout (``region, industry, {REG}_{cN}..., GO``) from a workbook.

    Reads the first sheet (read-only), checks the title and the header rows, and
    keeps the rows labelled c1..c35 and the columns labelled c1..c35, c37..c42
    and the last (total output) column. Raises SchemaError naming the sheet, the
    cell and the value of anything else.
    """
    wb = formats.open_workbook(path)
    try:
        where, rows = formats.sheet_rows(wb, formats.Sheet(), path)
        head = [row for _, row in zip(range(_WIOT_FIRST_ROW), rows, strict=False)]
        _check_title(where, head, year)
        if len(head) < _WIOT_FIRST_ROW:
            raise SchemaError("the sheet ends inside the header rows", file=where, field="row")
        regs = head[_WIOT_HEADER_ROWS["region"]]
        codes = head[_WIOT_HEADER_ROWS["code"]]
        last = max(i for i, c in enumerate(codes) if c is not None)
        keep, names = [], []
        for j in range(_WIOT_FIRST_COL, last):
            code, reg = codes[j], regs[j]
            if (
                isinstance(code, str)
                and isinstance(reg, str)
                and (code in INDUSTRIES or code in FD_CATEGORIES)
            ):
                keep.append(j)
                names.append(f"{reg.strip()}_{code.strip()}")
        keep.append(last)
        names.append("GO")
        labels: list[tuple[str, str]] = []
        values: list[list[float]] = []
        for i, row in enumerate(rows, start=_WIOT_FIRST_ROW):
            code = row[3] if len(row) > 3 else None
            code = code.strip() if isinstance(code, str) else code
            if code not in INDUSTRIES:
                if labels:
                    break  # the value-added block (r60 ...) or the end of the table
                raise SchemaError(
                    f"row {i + 1} is not a country-industry row (column D should be c1..c35)",
                    file=where,
                    field=f"D{i + 1}",
                    value=code,
                    hint="use the WIOD 2013 release workbook wiot{yy}_row_apr12.xlsx unchanged",
                )
            reg = row[2]
            labels.append((str(reg).strip() if reg is not None else "", code))
            cells = []
            for j, name in zip(keep, names, strict=True):
                v = row[j] if j < len(row) else None
                if v is None or isinstance(v, bool) or not isinstance(v, (int, float)):
                    raise SchemaError(
                        f"cell in row {i + 1}, column {j + 1} is not a number",
                        file=where,
                        field=f"{labels[-1][0]}_{labels[-1][1]} x {name}",
                        value=v,
                    )
                cells.append(float(v))
            values.append(cells)
    finally:
        wb.close()
    df = pd.DataFrame(values, columns=names)
    df.insert(0, "industry", [c for _, c in labels])
    df.insert(0, "region", [r for r, _ in labels])
    return df


def _read_table(path: Path, year: int | None = None):
    import pyarrow as pa

    if path.suffix != ".parquet":  # an official workbook (any content is sniffed)
        df, where, _ = formats.read_table(path, parsers={"xlsx": lambda p: _wiot_workbook(p, year)})
        if not {"region", "industry", "GO"} <= set(df.columns):
            raise SchemaError(
                "file is neither a WIOT parquet nor a WIOT workbook",
                file=where,
                field="region",
                hint="use wiot{yy}_row_apr12.xlsx of the WIOD 2013 release",
            )
        table = pa.Table.from_pandas(df, preserve_index=False)
        _check_schema(table.schema, where)
        return table
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover
        raise SourceError("pyarrow is required to read WIOD parquet files", file=path) from exc
    try:
        pf = pq.ParquetFile(path)
        schema = pf.schema_arrow
    except Exception as exc:  # pyarrow raises ArrowInvalid / OSError
        raise SourceError(
            f"file is not a readable parquet file ({type(exc).__name__}: {exc})",
            file=path,
            hint="download or convert the WIOT again",
        ) from exc
    _check_schema(schema, path)
    try:
        table = pf.read()
    except Exception as exc:
        raise SourceError(
            f"cannot read parquet data ({type(exc).__name__}: {exc})",
            file=path,
            hint="the file may be truncated; download it again",
        ) from exc
    return table


def _check_schema(schema, path) -> None:
    import pyarrow as pa

    check_exact_columns(schema.names, _COLUMNS, file=path)

    for name in ("region", "industry"):
        t = schema.field(name).type
        if not (pa.types.is_string(t) or pa.types.is_large_string(t)):
            raise SchemaError(
                f"label column has type {t}, expected string", file=path, field=name, value=str(t)
            )
    for i, name in enumerate(_COLUMNS[2:], start=2):
        t = schema.field(i).type
        if not (pa.types.is_floating(t) or pa.types.is_integer(t)):
            raise SchemaError(
                f"numeric column has type {t}, expected float64",
                file=path,
                field=name,
                value=str(t),
            )


def _check_labels(table, path: Path) -> None:
    if table.num_rows != N_ROWS:
        raise SchemaError(
            f"table has {table.num_rows} rows; expected {N_ROWS} (41 regions x 35 industries)",
            file=path,
            field="region",
            value=table.num_rows,
        )
    reg = np.asarray(table.column("region").to_pylist(), dtype=object)
    ind = np.asarray(table.column("industry").to_pylist(), dtype=object)
    exp_reg = np.repeat(np.array(REGIONS, dtype=object), len(INDUSTRIES))
    exp_ind = np.tile(np.array(INDUSTRIES, dtype=object), len(REGIONS))
    for name, got, exp in (("region", reg, exp_reg), ("industry", ind, exp_ind)):
        bad = np.flatnonzero(got != exp)
        if bad.size:
            i = int(bad[0])
            raise SchemaError(
                f"row {i} label is {got[i]!r}; expected {exp[i]!r} (region-major order)",
                file=path,
                field=name,
                value=got[i],
            )


def load_year(year: int, data: str | os.PathLike[str] | None = None) -> WiotYear:
    """Load and validate the world input-output table of one year.

    Parameters
    ----------
    year : int
        1995-2011.
    data : path-like, optional
        Data directory holding ``wiod2013/wiot{year}.parquet`` and ``labels.csv``.

    Returns
    -------
    WiotYear
        Read-only ``Z`` (1435 x 1435), ``F`` (1435 x 205), ``x`` (1435) in millions
        of current USD, with labels and provenance.

    Raises
    ------
    SourceError
        The file is missing or not a parquet file.
    SchemaError
        A column name or position, a row label, a type or a value differs from
        the documented layout (Z and x must be finite and >= 0; F finite).

    Notes
    -----
    The accounting identity :math:`x_i \\approx \\sum_j Z_{ij} + \\sum_k F_{ik}`
    holds only approximately in this copy (integer cells); it is not enforced.
    """
    year = int(year)
    if not 1995 <= year <= 2011:
        raise SourceError(
            "WIOD 2013 release covers 1995-2011",
            file=f"wiot{year}.parquet",
            field="year",
            value=year,
            hint="choose a year in 1995-2011",
        )
    path = base.locate(INFO, f"wiot{year}.parquet", data)
    labels = load_labels(data)
    table = _read_table(path, year)
    _check_labels(table, path)
    mat = np.empty((N_ROWS, len(_COLUMNS) - 2), dtype="float64", order="F")
    for j, col in enumerate(table.columns[2:]):
        if col.null_count:
            raise SchemaError(
                "missing value in a numeric column", file=path, field=_COLUMNS[j + 2], value=None
            )
        mat[:, j] = col.to_numpy()
    bad = ~np.isfinite(mat)
    if bad.any():
        i, j = np.argwhere(bad)[0]
        raise SchemaError(
            f"non-finite value in row {i}", file=path, field=_COLUMNS[j + 2], value=mat[i, j]
        )
    nz = len(_Z_COLUMNS)
    nf = len(_F_COLUMNS)
    Z = np.ascontiguousarray(mat[:, :nz])
    F = np.ascontiguousarray(mat[:, nz : nz + nf])
    x = np.ascontiguousarray(mat[:, nz + nf])
    for name, arr, cols in (("Z", Z, _Z_COLUMNS), ("x", x[:, None], ("GO",))):
        neg = arr < 0
        if neg.any():
            i, j = np.argwhere(neg)[0]
            raise SchemaError(
                f"negative value in {name} (row {i})", file=path, field=cols[j], value=arr[i, j]
            )
    for arr in (Z, F, x):
        arr.flags.writeable = False
    ind = labels[labels["kind"] == "industry"]
    fd = labels[labels["kind"] == "final_demand"]
    lab_path = base.locate(INFO, _LABELS, data)
    rec = SourceRecord(
        id=INFO.id,
        version=INFO.version,
        checksum=base.checksum([path, lab_path]),
        files=(path.name, lab_path.name),
        citation=INFO.citation_key,
    )
    prov = Provenance(sources=(rec,), citations=(INFO.citation_key,)).with_note(
        "wiod2013: regions ROM -> ROU and RoW -> ROW (pseudo-region, not ISO 3166)"
    )
    if path.name != f"wiot{year}.parquet":
        prov = prov.with_note(f"wiod2013: read from the WIOD workbook {path.name}")
    return WiotYear(
        year=year,
        Z=Z,
        F=F,
        x=x,
        regions=REGIONS,
        iso3=tuple(ISO3[r] for r in REGIONS),
        industries=INDUSTRIES,
        industry_names=tuple(ind["name"]),
        fd_categories=FD_CATEGORIES,
        fd_names=tuple(fd["name"]),
        unit=_UNIT,
        provenance=prov,
    )


def load(data: str | os.PathLike[str] | None = None, *, year: int = 2011) -> pd.DataFrame:
    """Gross output by country-industry of one WIOD year, as a tidy frame.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``wiod2013/``.
    year : int, default 2011
        Table year (1995-2011).

    Returns
    -------
    pandas.DataFrame
        1,435 rows: ``region`` (WIOD code), ``iso3`` (``ROM`` -> ``ROU``, ``RoW``
        -> ``ROW``), ``industry`` (``c1``..``c35``), ``industry_name``, ``year``
        and ``x_musd_current`` (gross output, millions of current USD). Use
        :func:`load_year` for the Z and F matrices.
    """
    t = load_year(year, data)
    n_ind = len(t.industries)
    out = pd.DataFrame(
        {
            "region": np.repeat(np.array(t.regions, dtype=object), n_ind),
            "iso3": np.repeat(np.array(t.iso3, dtype=object), n_ind),
            "industry": np.tile(np.array(t.industries, dtype=object), len(t.regions)),
            "industry_name": np.tile(np.array(t.industry_names, dtype=object), len(t.regions)),
            "year": np.full(N_ROWS, t.year, dtype="int64"),
            "x_musd_current": np.array(t.x),
        }
    )
    for c in ("region", "iso3", "industry", "industry_name"):
        out[c] = base.as_text(out[c])
    path = base.locate(INFO, f"wiot{t.year}.parquet", data)
    return base.finish(
        out,
        INFO,
        [path, base.locate(INFO, _LABELS, data)],
        notes=list(t.provenance.notes),
    )
