"""EXIOBASE 3: monetary multi-regional input-output tables, 1995-2022.

Stadler, K., Wood, R., Bulavskaya, T. et al. (2018), "EXIOBASE 3: Developing a
Time Series of Detailed Environmentally Extended Multi-Regional Input-Output
Tables", *Journal of Industrial Ecology* 22(3):502-515, doi:10.1111/jiec.12715.
Data: Zenodo concept DOI 10.5281/zenodo.3583070 (latest version); this catalogue
entry points at version 3.9.6, record 15689391.

Layout (``exiobase/``)
----------------------
One archive per year and system, ``IOT_{year}_pxp.zip`` (product by product, 200
products) or ``IOT_{year}_ixi.zip`` (industry by industry, 163 industries), as
published on Zenodo, or the folder it unpacks to (``IOT_{year}_pxp/``). The
archive holds (found by path suffix, so a top folder inside the zip is fine):

- ``Z.txt`` (or only ``A.txt``; then :math:`Z = A\\,\\mathrm{diag}(x)`), ``Y.txt``,
  ``x.txt``, ``unit.txt``: tab-separated, written by pandas from MultiIndex
  frames. ``Z.txt``/``A.txt`` have three header rows ``region``, ``sector`` and
  the index-name row ``region, sector`` and two label columns (region,
  sector); ``Y.txt`` has header rows ``region``, ``category`` and
  ``region, sector``; ``x.txt`` has the header ``region, sector, indout``;
  ``unit.txt`` has ``region, sector, unit`` with ``M.EUR`` in every row.
- satellite accounts, detected by content:

  * EXIOBASE 3.8.x: ``satellite/F.txt`` and ``satellite/unit.txt`` (all
    stressors in one account);
  * EXIOBASE 3.9.x: one folder per account, ``employment/F.txt`` and
    ``factor_inputs/F.txt`` with their ``unit.txt`` (and air_emissions/,
    energy/, land/, material/, nutrients/, water/, not read here).

  ``F.txt`` has header rows ``region``, ``sector``, ``stressor`` and one label
  column; ``unit.txt`` has ``stressor, unit``.

Stressor rows read (units checked; any other unit raises):

- ``Employment hours: {Low,Medium,High}-skilled {male,female}`` (``M.hr``) ->
  ``labour_hours`` in hours (x 1e6). 3.8.x also has ``Employment hours:
  Vulnerable employment``, a subset of the above, which is not added.
- ``Employment: ...`` (3.8.x) or ``Employment people: ...`` (3.9.x), same six
  splits (``1000 p``) -> ``employment_persons`` (x 1000).
- ``Compensation of employees; wages, salaries, & employers' social
  contributions: {Low,Medium,High}-skilled`` (``M.EUR``) -> ``compensation``.
- value added at basic prices = those three + ``Other net taxes on production``
  + ``Operating surplus: {Consumption of fixed capital, Rents on land, Royalties
  on resources, Remaining net operating surplus}`` -> ``value_added``;
  ``Taxes less subsidies on products purchased: Total`` ->
  ``taxes_less_subsidies_on_products`` (paid by the purchasing sector, so not
  part of value added at basic prices).

Where these facts come from: file names and folders from the Zenodo file list of
record 15689391 (https://zenodo.org/records/15689391, its JSON export lists
``IOT_1995_ixi.zip`` ... with md5 checksums) and from Open Risk's EXIOBASE page
(https://www.openriskmanagement.com/documentation/equinox/apps/reference/exiobase:
``A.txt, x.txt, Y.txt, Z.txt, unit.txt`` "here all M.EUR", folders
``employment/``, ``factor_inputs/``...); header rows from pymrio's reader
(``pymrio/tools/ioparser.py``, ``IDX_NAMES`` and the EXIOBASE 3 path, which
writes and reads these files as pandas MultiIndex frames); the factor-input row
names from pymrio's ``mrio_models/exio3_pxp/valueadded.tsv``; the employment row
names and units (``1000 p``, ``M.hr``) from a public listing of the 2022 pxp
archive's stressors and from EXIOBASE's own labour_extension repository
(github.com/EXIOBASE/labor_extension). Not established with a citation: whether
every 3.8.x ``satellite/unit.txt`` spells ``M.hr`` exactly the same way; the
loader raises on any other spelling rather than guessing.

Regions: EXIOBASE uses ISO 3166-1 alpha-2 codes (``GB``, ``GR``), mapped to ISO3,
and five rest-of-world regions kept as named regions: ``WA`` (RoW Asia and
Pacific), ``WE`` (RoW Europe), ``WF`` (RoW Africa), ``WL`` (RoW America), ``WM``
(RoW Middle East). Monetary unit: million euros, current prices.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.sources import _mrio_tables as mt
from worldsystem.sources.base import RemoteFile, SourceInfo

__all__ = [
    "INFO",
    "NAMED_REGIONS",
    "ZENODO_RECORD",
    "load",
    "load_year",
    "remote_files",
    "years",
]

#: Zenodo record of EXIOBASE 3.9.6 (pymrio's download_exiobase3 docstring lists
#: "Version 3.9.6: 10.5281/zenodo.15689391"; Open Risk's download script uses
#: https://zenodo.org/records/15689391/files/IOT_2022_pxp.zip).
ZENODO_RECORD = "15689391"
_URL = "https://zenodo.org/records/{record}/files/IOT_{year}_{system}.zip"
_YEARS = (1995, 2022)
SYSTEMS = ("pxp", "ixi")

#: EXIOBASE rest-of-world regions (kept as named regions, not ISO codes).
NAMED_REGIONS = {
    "WA": "RoW Asia and Pacific",
    "WE": "RoW Europe",
    "WF": "RoW Africa",
    "WL": "RoW America",
    "WM": "RoW Middle East",
}

_MONEY = "M.EUR"
UNIT = "EUR million, current"

_SKILLS = ("Low", "Medium", "High")
_SEXES = ("male", "female")
HOURS_ROWS = tuple(f"Employment hours: {k}-skilled {s}" for k in _SKILLS for s in _SEXES)
PERSONS_ROWS_38 = tuple(f"Employment: {k}-skilled {s}" for k in _SKILLS for s in _SEXES)
PERSONS_ROWS_39 = tuple(f"Employment people: {k}-skilled {s}" for k in _SKILLS for s in _SEXES)
COMPENSATION_ROWS = tuple(
    f"Compensation of employees; wages, salaries, & employers' social contributions: {k}-skilled"
    for k in _SKILLS
)
VALUE_ADDED_ROWS = (
    "Other net taxes on production",
    *COMPENSATION_ROWS,
    "Operating surplus: Consumption of fixed capital",
    "Operating surplus: Rents on land",
    "Operating surplus: Royalties on resources",
    "Operating surplus: Remaining net operating surplus",
)
TLS_ROW = "Taxes less subsidies on products purchased: Total"


def remote_files(
    years: range | list[int] | tuple[int, ...] | None = None, systems: tuple[str, ...] = ("pxp",)
) -> tuple[RemoteFile, ...]:
    """Download entries of the official Zenodo archives for ``years`` and ``systems``.

    For ``worldsystem data fetch exiobase --years 2019-2022``: pass the result to
    :func:`worldsystem.sources.fetch.fetch_files`. Zenodo publishes md5, not
    SHA-256, checksums, so the SHA-256 is recorded on first download.
    """
    yrs = list(range(_YEARS[0], _YEARS[1] + 1)) if years is None else [int(y) for y in years]
    for y in yrs:
        if not _YEARS[0] <= y <= _YEARS[1]:
            raise SourceError(
                f"EXIOBASE 3 covers {_YEARS[0]}-{_YEARS[1]}",
                field="year",
                value=y,
                hint=f"choose years in {_YEARS[0]}-{_YEARS[1]}",
            )
    for s in systems:
        if s not in SYSTEMS:
            raise SourceError(
                "unknown EXIOBASE system", field="system", value=s, hint="use 'pxp' or 'ixi'"
            )
    return tuple(
        RemoteFile(name=f"IOT_{y}_{s}.zip", url=_URL.format(record=ZENODO_RECORD, year=y, system=s))
        for y in yrs
        for s in systems
    )


INFO = SourceInfo(
    id="exiobase",
    name="EXIOBASE 3 (monetary MRIO)",
    version="3.9.6",
    licence="CC BY 4.0 (as stated on the Zenodo record)",
    citation=(
        'Stadler, K., Wood, R., Bulavskaya, T. et al. (2018), "EXIOBASE 3: Developing a Time '
        'Series of Detailed Environmentally Extended Multi-Regional Input-Output Tables", '
        "Journal of Industrial Ecology 22(3):502-515, doi:10.1111/jiec.12715. Data: "
        "doi:10.5281/zenodo.15689391 (v3.9.6)."
    ),
    citation_key="stadler2018",
    url="https://zenodo.org/records/15689391",
    files=(),
    year_pattern=r"IOT_\d{4}_(?:pxp|ixi)(?:\.zip)?",
    year_label="IOT_{year}_pxp.zip or IOT_{year}_ixi.zip (archive or unpacked folder)",
    description=(
        "49 regions (44 countries, 5 rest-of-world regions) x 200 products (pxp) or 163 "
        "industries (ixi), 1995-2022 (2020-2022 nowcast), million current euros, with "
        "employment (persons, hours) and factor-input satellite accounts. Files "
        "IOT_{year}_{pxp|ixi}.zip from Zenodo; URL found in pymrio's download_exiobase3 "
        "docstring (record ids by version) and Open Risk's download_exiobase.sh."
    ),
    units={"x": UNIT},
    downloads=remote_files([2022]),
    optional_files=tuple(
        f"IOT_{y}_{s}.zip" for y in range(_YEARS[0], _YEARS[1] + 1) for s in SYSTEMS
    ),
    years=_YEARS,
)

_NAME = re.compile(r"IOT_(\d{4})_(pxp|ixi)(\.zip)?")


def _release(year: int, system: str, data) -> Path:
    folder = INFO.folder(data)
    for cand in (folder / f"IOT_{year}_{system}.zip", folder / f"IOT_{year}_{system}"):
        if cand.exists():
            return cand
    raise SourceError(
        "EXIOBASE archive not found",
        file=folder / f"IOT_{year}_{system}.zip",
        value=f"IOT_{year}_{system}.zip",
        hint=f"run `worldsystem data fetch exiobase` or download IOT_{year}_{system}.zip from "
        f"{INFO.url} into {folder}",
    )


def years(data: str | os.PathLike[str] | None = None, system: str = "pxp") -> list[int]:
    """Years with an ``IOT_{year}_{system}`` archive or folder in the data directory."""
    folder = INFO.folder(data)
    if not folder.is_dir():
        return []
    out = set()
    for p in folder.iterdir():
        m = _NAME.fullmatch(p.name)
        if m and m.group(2) == system:
            out.add(int(m.group(1)))
    return sorted(out)


def _core_header(header, file, *, second: str, n_index: int = 2) -> list[tuple[str, str]]:
    if len(header) != 3 or header[0][:1] != ["region"] or header[1][:1] != [second]:
        raise SchemaError(
            f"header rows are not 'region' / '{second}' / 'region, sector'",
            file=file,
            field="header",
            value=[h[:2] for h in header],
        )
    if header[2][:2] != ["region", "sector"]:
        raise SchemaError(
            "third header row is not the index names 'region, sector'",
            file=file,
            field="header",
            value=header[2][:2],
        )
    return list(zip(header[0][n_index:], header[1][n_index:], strict=True))


def _check_units(bundle, member, *, n_index, expected, file_field="unit") -> list[tuple]:
    where = bundle.display(member)
    with bundle.open_text(member) as fh:
        try:
            df = pd.read_csv(fh, sep="\t", dtype=str, keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            raise SourceError(f"cannot parse unit file: {exc}", file=where) from exc
    if "unit" not in df.columns:
        raise SchemaError(
            "unit file has no 'unit' column", file=where, field="unit", value=list(df.columns)
        )
    if expected is not None:
        bad = df["unit"] != expected
        if bad.any():
            i = int(np.flatnonzero(bad.to_numpy())[0])
            raise SchemaError(
                f"unexpected unit (expected {expected!r})",
                file=where,
                field=file_field,
                value=df["unit"].iloc[i],
            )
    return list(df.itertuples(index=False, name=None))


def _read_satellite(bundle, folder: str, labels, notes):
    f_member = bundle.find(f"{folder}/F.txt")
    u_member = bundle.find(f"{folder}/unit.txt")
    where = bundle.display(f_member)
    header, index, values = mt.read_labelled(bundle, f_member, n_header=3, n_index=1)
    if (
        len(header) != 3
        or header[0][:1] != ["region"]
        or header[1][:1] != ["sector"]
        or header[2][:1] != ["stressor"]
    ):
        raise SchemaError(
            "header rows are not 'region' / 'sector' / 'stressor'",
            file=where,
            field="header",
            value=[h[:1] for h in header],
        )
    cols = list(zip(header[0][1:], header[1][1:], strict=True))
    mt.expect_labels(cols, labels, file=where, field="columns", what="column")
    names = [i[0] for i in index]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise SchemaError("duplicate stressor", file=where, field="stressor", value=dup)
    units = dict((r[0], r[-1]) for r in _check_units(bundle, u_member, n_index=1, expected=None))
    uwhere = bundle.display(u_member)
    for n in names:
        if n not in units:
            raise SchemaError("stressor has no unit", file=uwhere, field="stressor", value=n)
    rows = {n: values[i] for i, n in enumerate(names)}
    return {n: (rows[n], units[n]) for n in names}, where, uwhere


def _sum_rows(stressors, names, unit, *, file, ufile, scale=1.0) -> np.ndarray:
    total = None
    for n in names:
        if n not in stressors:
            raise SchemaError("stressor row missing", file=file, field="stressor", value=n)
        vec, u = stressors[n]
        if u != unit:
            raise SchemaError(
                f"unexpected unit for {n!r} (expected {unit!r})", file=ufile, field="unit", value=u
            )
        total = vec.copy() if total is None else total + vec
    return total * scale


def load_year(
    year: int,
    data: str | os.PathLike[str] | None = None,
    *,
    system: str = "pxp",
    path: str | os.PathLike[str] | None = None,
    identity_rtol: float | None = None,
) -> mt.MRIOTable:
    """Load one EXIOBASE 3 year from its official archive.

    Parameters
    ----------
    year : int
        1995-2022.
    data : path-like, optional
        Data directory holding ``exiobase/IOT_{year}_{system}.zip`` (or the
        unpacked folder).
    system : {"pxp", "ixi"}
    path : path-like, optional
        An archive or folder to read instead of looking in ``data``.
    identity_rtol : float, optional
        Raise if :math:`\\max |x - Z1 - Y1| / x` exceeds it; by default the gap is
        only reported (:attr:`MRIOTable.identity_gap` and a provenance note).

    Returns
    -------
    MRIOTable
        ``Z``, ``Y``, ``x`` in million current euros; satellites
        ``labour_hours`` (hours), ``employment_persons`` (persons),
        ``compensation``, ``value_added`` and ``taxes_less_subsidies_on_products``
        (million euros) when the archive has satellite accounts.

    Raises
    ------
    SourceError
        Missing or unreadable archive or member.
    SchemaError
        Header rows, labels, units, numbers or signs that differ from the layout
        (the message names the file, field and value).
    """
    year = int(year)
    if system not in SYSTEMS:
        raise SourceError(
            "unknown EXIOBASE system", field="system", value=system, hint="use 'pxp' or 'ixi'"
        )
    if path is None:
        if not _YEARS[0] <= year <= _YEARS[1]:
            raise SourceError(
                f"EXIOBASE 3 covers {_YEARS[0]}-{_YEARS[1]}", field="year", value=year
            )
        path = _release(year, system, data)
    notes = []
    with mt.Bundle(path) as b:
        # ---- core tables
        z_member = b.find("Z.txt", required=False)
        a_member = None if z_member else b.find("A.txt")
        core = z_member or a_member
        zfile = b.display(core)
        header, index, M = mt.read_labelled(b, core, n_header=3, n_index=2)
        cols = _core_header(header, zfile, second="sector")
        labels = [tuple(i) for i in index]
        regions_src, sectors = mt.region_major(labels, file=zfile, field="rows")
        mt.expect_labels(cols, labels, file=zfile, field="columns", what="column")
        x_member = b.find("x.txt")
        xfile = b.display(x_member)
        xh, xi, xv = mt.read_labelled(b, x_member, n_header=1, n_index=2)
        if xh[0][:3] != ["region", "sector", "indout"] or xv.shape[1] != 1:
            raise SchemaError(
                "header is not 'region, sector, indout'",
                file=xfile,
                field="header",
                value=xh[0][:4],
            )
        mt.expect_labels([tuple(i) for i in xi], labels, file=xfile, field="rows", what="row")
        x = xv[:, 0]
        mt.check_table(M, x, labels, file_z=zfile, file_x=xfile)
        Z = M if z_member else M * x[None, :]
        if a_member:
            notes.append("exiobase: Z computed as A diag(x) (the archive has no Z.txt)")
        y_member = b.find("Y.txt")
        yfile = b.display(y_member)
        yh, yi, Y = mt.read_labelled(b, y_member, n_header=3, n_index=2)
        ycols = _core_header(yh, yfile, second="category")
        mt.expect_labels([tuple(i) for i in yi], labels, file=yfile, field="rows", what="row")
        fd_regions, fd_cats = mt.region_major(ycols, file=yfile, field="columns")
        mt.expect_labels(fd_regions, regions_src, file=yfile, field="region", what="region")
        u_member = b.find("unit.txt")
        ufile = b.display(u_member)
        urows = _check_units(b, u_member, n_index=2, expected=_MONEY)
        mt.expect_labels(
            [tuple(r[:2]) for r in urows], labels, file=ufile, field="rows", what="row"
        )
        # ---- satellites, by content
        sats: dict[str, np.ndarray] = {}
        units: dict[str, str] = {}
        names = b.names
        has38 = any(n == "satellite/F.txt" or n.endswith("/satellite/F.txt") for n in names)
        has39 = any(n == "employment/F.txt" or n.endswith("/employment/F.txt") for n in names)
        accounts = []
        if has38:
            accounts = [("satellite", PERSONS_ROWS_38)]
            notes.append("exiobase: satellites from satellite/F.txt (3.8.x layout)")
        elif has39:
            accounts = [("employment", PERSONS_ROWS_39), ("factor_inputs", None)]
            notes.append("exiobase: satellites from employment/ and factor_inputs/ (3.9.x layout)")
        else:
            notes.append("exiobase: the archive has no satellite accounts")
        for folder, persons in accounts:
            if folder == "factor_inputs" and b.find("factor_inputs/F.txt", required=False) is None:
                notes.append("exiobase: no factor_inputs/ account; no value added")
                continue
            st, sfile, sufile = _read_satellite(b, folder, labels, notes)
            if persons is not None:
                sats["labour_hours"] = _sum_rows(
                    st, HOURS_ROWS, "M.hr", file=sfile, ufile=sufile, scale=1e6
                )
                units["labour_hours"] = "hours"
                sats["employment_persons"] = _sum_rows(
                    st, persons, "1000 p", file=sfile, ufile=sufile, scale=1e3
                )
                units["employment_persons"] = "persons"
            if folder in ("satellite", "factor_inputs"):
                sats["compensation"] = _sum_rows(
                    st, COMPENSATION_ROWS, _MONEY, file=sfile, ufile=sufile
                )
                sats["value_added"] = _sum_rows(
                    st, VALUE_ADDED_ROWS, _MONEY, file=sfile, ufile=sufile
                )
                sats["taxes_less_subsidies_on_products"] = _sum_rows(
                    st, (TLS_ROW,), _MONEY, file=sfile, ufile=sufile
                )
                for k in ("compensation", "value_added", "taxes_less_subsidies_on_products"):
                    units[k] = UNIT
        for k in ("labour_hours", "employment_persons"):
            if k in sats and (sats[k] < 0).any():
                i = int(np.flatnonzero(sats[k] < 0)[0])
                raise SchemaError(
                    f"negative {k}",
                    file=b.display(b.names[0]),
                    field=f"row {labels[i]!r}",
                    value=float(sats[k][i]),
                )
        regions = mt.map_regions(regions_src, system="iso2", named=NAMED_REGIONS, file=zfile)
        gap = mt.identity_gap(Z, Y, x)
        mt.check_identity(gap, identity_rtol, file=xfile)
        notes.append(f"exiobase: largest relative gap of x = Z1 + Y1 is {gap:.3g}")
        notes.append("exiobase: regions WA, WE, WF, WL, WM are rest-of-world regions")
        prov = mt.provenance(INFO, b.paths_for_checksum(), notes)
    return mt.MRIOTable(
        source=INFO.id,
        version=INFO.version,
        year=year,
        Z=Z,
        Y=Y,
        x=x,
        regions=regions,
        source_regions=tuple(regions_src),
        sectors=tuple(sectors),
        fd_categories=tuple(fd_cats),
        satellites=sats,
        satellite_units=units,
        unit=UNIT,
        identity_gap=gap,
        provenance=prov,
    )


def load(
    data: str | os.PathLike[str] | None = None, *, year: int = 2022, system: str = "pxp"
) -> pd.DataFrame:
    """Gross output by region and sector of one EXIOBASE year, as a tidy frame.

    Columns ``region`` (EXIOBASE code), ``iso3``, ``sector``, ``year``, ``x``
    (million current euros). Use :func:`load_year` for the matrices.
    """
    t = load_year(year, data, system=system)
    return mt.tidy_output(t)
