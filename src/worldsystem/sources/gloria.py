"""GLORIA: Global Resource Input-Output Assessment MRIO (release 059).

Lenzen, M., Geschke, A., Abd Rahman, M. D. et al. (2022), "The Global MRIO Lab -
charting the world economy", *Economic Systems Research* 29(2):158-186,
doi:10.1080/09535314.2017.1301887; GLORIA: Lenzen, M., Geschke, A., West, J. et
al. (2022), "Implementing the material footprint to measure progress towards
Sustainable Development Goals 8 and 12", *Nature Sustainability* 5:157-166,
doi:10.1038/s41893-021-00811-6.

Layout (``gloria/``)
--------------------
For a year and release (``059``):

- ``GLORIA_MRIOs_59_{year}.zip`` (or the unpacked folder) with comma-separated
  matrices without labels, ``..._120secMother_AllCountries_002_T-Results_{year}
  _059_Markup001(full).csv`` (T), ``..._Y-Results_...`` (final demand) and
  ``..._V-Results_...`` (value added); ``Markup001`` is basic prices;
- ``GLORIA_SatelliteAccounts_059_{year}.zip`` (or folder) with ``..._TQ-Results_
  ...`` (satellites by region-sector) and ``..._YQ-Results_...``;
- ``GLORIA_ReadMe_059.xlsx`` with the labels: sheet ``Regions`` (column
  ``Region_acronyms``), ``Sectors`` (``Sector_names``), ``Value added and final
  demand`` (``Value_added_names``, ``Final_demand_names``) and ``Satellites``
  (``Sat_indicator``, ``Sat_head_indicator``, ``Sat_unit``).

T is a supply-use table in one square matrix: rows and columns are region x
(``Industry``, ``Product``) x sector, region-major, each region's 120 industries
then its 120 products. The use block (product rows, industry columns) is the
intermediate matrix; the supply block (industry rows, product columns) is
diagonal in GLORIA, so the product-by-product and industry-by-industry tables
coincide (pymrio: "For GLORIA, all constructs are equivalent (Supply table is
diagonal)") and the loader raises if it is not. Y has T's rows and region x
final-demand columns (only product rows are non-zero); V has region x
value-added rows and T's columns; TQ has the satellite rows and T's columns.

Units: thousands of current US dollars (pymrio's GLORIA parser sets
"'000 US$"; the CSV files carry no unit). Satellite units come from the ReadMe's
``Sat_unit``.

Sources: every file name, sheet and column above from pymrio's
``parse_gloria_sut`` / ``parse_gloria`` (``pymrio/tools/ioparser.py``); the manual
download from pymrio's ``download_gloria`` ("download the files manually
following: https://ielab.info/labs/ielab-gloria"). Not established with a
citation: the exact ``Sat_head_indicator`` and unit spellings of the employment
accounts. The loader therefore treats as employment the rows whose head indicator
is ``Employment`` (case-insensitive) and adds them by unit: a unit with "hour"
-> ``labour_hours`` (hours; "1000 hours", "million hours" scaled), with "person"
or "people" -> ``employment_persons``; other units raise. Value-added rows whose
name contains "compensation of employees" -> ``compensation``.

Regions: ISO3 codes; GLORIA's rest-of-region aggregates (``XAF``, ``XAM``,
``XAS``, ``XEU``: rest of Africa, Americas, Asia-Pacific, Europe) and ``DYE``
(former Democratic Yemen) are kept as named regions. Regions whose T rows and
columns are all zero (``DYE`` in recent years) are dropped, with a note.

Licence: GLORIA is free for non-commercial research (IELab terms; registration
via a form); no stable file URL, so ``worldsystem data fetch gloria`` says where
to get the files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.sources import _mrio_tables as mt
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "NAMED_REGIONS", "load", "load_year", "years"]

NAMED_REGIONS = {
    "XAF": "Rest of Africa",
    "XAM": "Rest of Americas",
    "XAS": "Rest of Asia-Pacific",
    "XEU": "Rest of Europe",
    "DYE": "Former Democratic Yemen",
}
UNIT = "USD thousand, current"
VERSION = "059"
_YEARS = (1990, 2022)
_SCALE_HOURS = {"hours": 1.0, "1000 hours": 1e3, "thousand hours": 1e3, "million hours": 1e6}
_SCALE_PERSONS = {
    "persons": 1.0,
    "people": 1.0,
    "1000 persons": 1e3,
    "1000 people": 1e3,
    "thousand persons": 1e3,
}

INFO = SourceInfo(
    id="gloria",
    name="GLORIA global MRIO (IELab)",
    version=VERSION,
    licence="free for non-commercial research under the IELab terms (registration form); "
    "not an open licence, no redistribution",
    citation=(
        'Lenzen, M. et al. (2017), "The Global MRIO Lab - charting the world economy", '
        "Economic Systems Research 29(2):158-186, doi:10.1080/09535314.2017.1301887; "
        "Lenzen, M. et al. (2022), Nature Sustainability 5:157-166, "
        "doi:10.1038/s41893-021-00811-6."
    ),
    citation_key="lenzen2022gloria",
    url="https://ielab.info/labs/ielab-gloria",
    files=(f"GLORIA_ReadMe_{VERSION}.xlsx",),
    year_pattern=r"GLORIA_MRIOs_\d+_\d{4}(?:\.zip)?",
    year_label=f"GLORIA_MRIOs_{VERSION}_{{year}}.zip",
    description=(
        "164 regions x 120 sectors (supply-use, 2 x 120 per region), thousand current USD. "
        "No stable file URL: request access at ielab.info and put GLORIA_MRIOs_59_{year}.zip, "
        "GLORIA_SatelliteAccounts_059_{year}.zip and GLORIA_ReadMe_059.xlsx into gloria/. "
        "Year coverage 1990-2022 as recorded here (pymrio parses 059 up to 2022) is "
        "not checked against the producer's list."
    ),
    units={"x": UNIT},
    downloads=(),
    years=_YEARS,
)


def _find(folder: Path, prefix: str) -> Path:
    for cand in (folder / f"{prefix}.zip", folder / prefix):
        if cand.exists():
            return cand
    raise SourceError(
        "GLORIA file not found",
        file=folder / f"{prefix}.zip",
        value=f"{prefix}.zip",
        hint=f"request the files at {INFO.url} and put them into {folder}",
    )


def years(data: str | os.PathLike[str] | None = None) -> list[int]:
    folder = INFO.folder(data)
    if not folder.is_dir():
        return []
    pat = re.compile(r"GLORIA_MRIOs_\d+_(\d{4})(\.zip)?")
    return sorted({int(m.group(1)) for p in folder.iterdir() if (m := pat.fullmatch(p.name))})


def _readme(path: Path) -> dict[str, pd.DataFrame]:
    sheets = {
        "Regions": ("Region_acronyms",),
        "Sectors": ("Sector_names",),
        "Value added and final demand": ("Value_added_names", "Final_demand_names"),
        "Satellites": ("Sat_indicator", "Sat_head_indicator", "Sat_unit"),
    }
    if not path.is_file():
        raise SourceError(
            "GLORIA ReadMe not found",
            file=path,
            value=path.name,
            hint=f"download it from {INFO.url}",
        )
    try:
        book = pd.read_excel(path, sheet_name=None, dtype=str)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise SourceError(
            f"cannot read the ReadMe workbook ({type(exc).__name__}: {exc})", file=path
        ) from exc
    out = {}
    for sheet, cols in sheets.items():
        if sheet not in book:
            raise SchemaError("ReadMe sheet missing", file=path, field="sheet", value=sheet)
        df = book[sheet]
        for c in cols:
            if c not in df.columns:
                raise SchemaError(
                    f"column missing in sheet {sheet!r}",
                    file=path,
                    field=c,
                    value=list(df.columns)[:5],
                )
        out[sheet] = df
    return out


def _member(b: mt.Bundle, tag: str, year: int, price: str = "Markup001(full)") -> str:
    suffix = f"_{tag}-Results_{year}_{VERSION}_{price}.csv"
    hits = b.find_matching(lambda n: n.endswith(suffix))
    if len(hits) != 1:
        raise SourceError(
            f"expected one file ending {suffix!r}, found {len(hits)}",
            file=b.path,
            value=hits[:3] or suffix,
        )
    return hits[0]


def _csv(b: mt.Bundle, member: str, shape) -> tuple[np.ndarray, str]:
    where = b.display(member)
    _, _, vals = mt.read_labelled(b, member, n_header=0, n_index=0, sep=",")
    if vals.shape != shape:
        raise SchemaError(
            f"matrix has shape {vals.shape}; the ReadMe labels give {shape}",
            file=where,
            field="shape",
            value=vals.shape,
        )
    return vals, where


def load_year(
    year: int,
    data: str | os.PathLike[str] | None = None,
    *,
    folder: str | os.PathLike[str] | None = None,
    drop_empty: bool = True,
    supply_rtol: float = 1e-9,
    identity_rtol: float | None = None,
) -> mt.MRIOTable:
    """Load one GLORIA year (basic prices) as a product-by-product MRIO.

    Parameters
    ----------
    year : int
    data : path-like, optional
        Data directory holding ``gloria/``.
    folder : path-like, optional
        A folder holding the three files, instead of ``data/gloria``.
    drop_empty : bool
        Drop regions whose T rows and columns are all zero.
    supply_rtol : float
        Largest off-diagonal supply mass, relative to total supply, accepted.
    identity_rtol : float, optional
        Raise when the identity gap exceeds it.

    Returns
    -------
    MRIOTable
        Thousand current USD; ``Z`` is the use block, ``x`` the diagonal of the
        supply block; satellites ``value_added``, ``compensation`` and the
        employment accounts found (see the module notes).
    """
    year = int(year)
    root = Path(folder) if folder is not None else INFO.folder(data)
    notes = []
    rm_path = root / f"GLORIA_ReadMe_{VERSION}.xlsx"
    rm = _readme(rm_path)
    regions_src = [str(v) for v in rm["Regions"]["Region_acronyms"].dropna()]
    sectors = [str(v) for v in rm["Sectors"]["Sector_names"].dropna()]
    va_names = [str(v) for v in rm["Value added and final demand"]["Value_added_names"].dropna()]
    fd_names = [str(v) for v in rm["Value added and final demand"]["Final_demand_names"].dropna()]
    sat = rm["Satellites"]
    for lab, what in ((regions_src, "Region_acronyms"), (sectors, "Sector_names")):
        if len(set(lab)) != len(lab):
            dup = next(v for v in lab if lab.count(v) > 1)
            raise SchemaError("duplicate label", file=rm_path, field=what, value=dup)
    R, S = len(regions_src), len(sectors)
    n2 = R * 2 * S
    mrio_path = _find(root, f"GLORIA_MRIOs_{int(VERSION)}_{year}")
    sat_path = _find(root, f"GLORIA_SatelliteAccounts_{VERSION}_{year}")
    with mt.Bundle(mrio_path) as b:
        T, tw = _csv(b, _member(b, "T", year), (n2, n2))
        Yf, yw = _csv(b, _member(b, "Y", year), (n2, R * len(fd_names)))
        V, _vw = _csv(b, _member(b, "V", year), (R * len(va_names), n2))
        mrio_sum = b.paths_for_checksum()
    with mt.Bundle(sat_path) as b:
        TQ, _qw = _csv(b, _member(b, "TQ", year), (len(sat), n2))
        sat_sum = b.paths_for_checksum()
    # index sets: region r, block 0 = Industry, 1 = Product, sector s
    base = (np.arange(R) * 2 * S)[:, None]
    ind = (base + np.arange(S)[None, :]).ravel()
    prod = (base + S + np.arange(S)[None, :]).ravel()
    labels = [(r, s) for r in regions_src for s in sectors]
    U = T[np.ix_(prod, ind)]
    supply = T[np.ix_(ind, prod)]
    total = np.abs(supply).sum()
    off = np.abs(supply - np.diag(np.diag(supply)))
    if total > 0 and off.sum() > supply_rtol * total:
        i, j = (int(v) for v in np.unravel_index(np.argmax(off), off.shape))
        raise SchemaError(
            "supply block is not diagonal (an industry supplies another sector's product)",
            file=tw,
            field=f"row {labels[i]!r} (Industry), column {labels[j]!r} (Product)",
            value=float(supply[i, j]),
        )
    for blk, _rows, name in (
        (T[np.ix_(ind, ind)], ind, "Industry x Industry"),
        (T[np.ix_(prod, prod)], prod, "Product x Product"),
    ):
        if np.abs(blk).sum() > 0:
            raise SchemaError(
                f"T has non-zero {name} entries (not a supply-use layout)",
                file=tw,
                field=name,
                value=float(np.abs(blk).sum()),
            )
    x = np.diag(supply).copy()
    Y = Yf[prod]
    if np.abs(Yf[ind]).sum() > 0:
        raise SchemaError(
            "final demand has non-zero Industry rows",
            file=yw,
            field="Industry rows",
            value=float(np.abs(Yf[ind]).sum()),
        )
    mt.check_table(U, x, labels, file_z=tw, file_x=tw)
    Vi = V[:, ind]
    sats = {"value_added": Vi.sum(axis=0)}
    units = {"value_added": UNIT}
    comp = [k for k, n in enumerate(va_names) if "compensation of employees" in n.lower()]
    if comp:
        rows = [r * len(va_names) + k for r in range(R) for k in comp]
        sats["compensation"] = Vi[rows].sum(axis=0)
        units["compensation"] = UNIT
    else:
        notes.append("gloria: no value-added row named 'compensation of employees'")
    Qi = TQ[:, ind]
    heads = sat["Sat_head_indicator"].fillna("").astype(str).str.strip().str.lower()
    for k in np.flatnonzero((heads == "employment").to_numpy()):
        unit = str(sat["Sat_unit"].iloc[k]).strip()
        u = unit.lower()
        if "hour" in u:
            key, scale, out_unit = "labour_hours", _SCALE_HOURS.get(u), "hours"
        elif "person" in u or "people" in u:
            key, scale, out_unit = "employment_persons", _SCALE_PERSONS.get(u), "persons"
        else:
            key, scale, out_unit = None, None, None
        if scale is None:
            raise SchemaError(
                "unexpected unit of an employment satellite",
                file=rm_path,
                field="Sat_unit",
                value=unit,
            )
        sats[key] = sats.get(key, 0.0) + Qi[k] * scale
        units[key] = out_unit
    if "labour_hours" not in sats:
        notes.append("gloria: no employment satellite in hours; hours must come from labour panels")
    regions = list(regions_src)
    if drop_empty:
        tr = U.reshape(R, S, R * S).sum(axis=(1, 2)) + U.reshape(R * S, R, S).sum(axis=(0, 2))
        empty = [regions[r] for r in np.flatnonzero(tr == 0)]
        if empty:
            keep_r = [r for r in range(R) if regions[r] not in empty]
            keep = np.concatenate([np.arange(r * S, (r + 1) * S) for r in keep_r])
            kf = len(fd_names)
            keep_y = np.concatenate([np.arange(r * kf, (r + 1) * kf) for r in keep_r])
            U, x, Y = U[np.ix_(keep, keep)], x[keep], Y[np.ix_(keep, keep_y)]
            sats = {k: np.asarray(v)[keep] for k, v in sats.items()}
            regions = [regions[r] for r in keep_r]
            notes.append(f"gloria: empty regions dropped: {', '.join(empty)}")
    iso = mt.map_regions(regions, system="iso3", named=NAMED_REGIONS, file=str(rm_path))
    gap = mt.identity_gap(U, Y, x)
    mt.check_identity(gap, identity_rtol, file=tw)
    notes.append(f"gloria: largest relative gap of x = Z1 + Y1 is {gap:.3g}")
    notes.append("gloria: Z is the use block (product x industry, supply diagonal)")
    prov = mt.provenance(INFO, [rm_path, *mrio_sum, *sat_sum], notes)
    return mt.MRIOTable(
        source=INFO.id,
        version=INFO.version,
        year=year,
        Z=U,
        Y=Y,
        x=x,
        regions=iso,
        source_regions=tuple(regions),
        sectors=tuple(sectors),
        fd_categories=tuple(fd_names),
        satellites=sats,
        satellite_units=units,
        unit=UNIT,
        identity_gap=gap,
        provenance=prov,
    )


def load(data: str | os.PathLike[str] | None = None, *, year: int = 2022) -> pd.DataFrame:
    """Gross output by region and sector of one GLORIA year (tidy, thousand USD)."""
    return mt.tidy_output(load_year(year, data))
