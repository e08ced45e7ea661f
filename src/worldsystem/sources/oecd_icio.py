"""OECD Inter-Country Input-Output (ICIO) tables, 2023 release: 1995-2020.

OECD (2023), *OECD Inter-Country Input-Output Database*,
http://oe.cd/icio. Yamano, N. and Guilhoto, J. (2020), "CO2 emissions embodied
in international trade and domestic final demand: Methodology and results using
the OECD Inter-Country Input-Output Database", OECD Science, Technology and
Industry Working Papers 2020/11, doi:10.1787/8f2963b8-en.

Layout (``oecd_icio/``)
-----------------------
One wide CSV per year, in any of the names the release uses: ``{year}.csv``,
``{year}_SML.csv`` (the "small" tables, China and Mexico not split),
``ICIO2023_{year}.csv`` (pymrio's renaming), or a zip holding one of these
(``{year}.zip``, or a bundle such as ``ICIO-2016-2020-extended.zip``). The
layout is detected by content, not by name:

- the first column holds the row labels (its header cell is free, e.g. ``V1``);
- intermediate rows and columns ``{REG}_{IND}`` (``AUS_A01_02``; the 2021 release
  spelt industries ``D01T02``; both parse: the industry is everything after the
  first underscore), region-major, the same industries in every region, rows in
  the same order as columns;
- final-demand columns ``{REG}_{CAT}`` with ``CAT`` in HFCE (households), NPISH,
  GGFC (government), GFCF (fixed capital), INVNT (inventories, can be negative),
  DPABR (direct purchases abroad by residents);
- the total column ``OUT`` and the rows ``TLS`` (taxes less subsidies on
  intermediate and final products), ``VA`` (value added at basic prices) and
  ``OUT`` (output at basic prices).

Any other row or column raises. Units: USD million, current prices; the CSV has
no unit field to check, so the unit is the producer's documented one.

Sources of these facts: the final-demand and total labels from pymrio's ICIO
reader (``pymrio/tools/ioparser.py``, ``parse_oecd``: totals ``OUT``, factor rows
``TLS``, ``VA``, final demand HFCE|NPISH|GGFC|GFCF|INVNT|DPABR), the 2023 file names
and bundles from pymrio's ``download_oecd`` (``ICIO-{bundle}-extended.zip``
holding ``{year}.csv``/``{year}_SML.csv``); the block structure (Z, TLS, VA, X rows;
six final-demand components per region; one total column) from Open Risk's
notes (github.com/open-risk/leontief, ``docs/notes-oecd-icio.md``); USD million
from the OECD input-output pages (https://www.oecd.org/sti/ind/input-outputtables.htm).
Not established with a citation here: the exact list of the 2023 release's 45
industry codes; the loader reads the industries from the file instead.

Regions: ISO3 codes and ``ROW`` (rest of the world, kept as a named region). The
extended tables split China (``CN1``, ``CN2``) and Mexico (``MX1``, ``MX2``) by
production for export; with ``split_regions="aggregate"`` (default) their rows
and columns are added into ``CHN`` and ``MEX`` (as pymrio does), with
``"keep"`` they stay as named regions.

Labour: ICIO has no hours or compensation. The MRIO builder
(:func:`worldsystem.panels.mrio_sources.mrio_table`) attaches only value added
and TLS; hours must come from the project's labour panels (not joined yet).
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

__all__ = ["FD_CATEGORIES", "INFO", "NAMED_REGIONS", "load", "load_year", "years"]

FD_CATEGORIES = ("HFCE", "NPISH", "GGFC", "GFCF", "INVNT", "DPABR")
#: non-country regions of the release
NAMED_REGIONS = {
    "ROW": "Rest of the world",
    "CN1": "China, production for domestic use (extended tables)",
    "CN2": "China, production for export (extended tables)",
    "MX1": "Mexico, non-global manufacturing (extended tables)",
    "MX2": "Mexico, global manufacturing (extended tables)",
}
_SPLITS = {"CN1": "CHN", "CN2": "CHN", "MX1": "MEX", "MX2": "MEX"}
_YEARS = (1995, 2020)
UNIT = "USD million, current"

INFO = SourceInfo(
    id="oecd_icio",
    name="OECD Inter-Country Input-Output tables (2023 release)",
    version="2023",
    licence="OECD terms and conditions (free use with attribution); not an open licence",
    citation=(
        "OECD (2023), OECD Inter-Country Input-Output Database, http://oe.cd/icio; "
        "Yamano, N. and Guilhoto, J. (2020), OECD STI Working Papers 2020/11, "
        "doi:10.1787/8f2963b8-en."
    ),
    citation_key="oecd2023icio",
    url="https://www.oecd.org/en/data/datasets/inter-country-input-output-tables.html",
    files=(),
    year_pattern=r"(?:ICIO2023_)?\d{4}(?:_SML)?\.csv|.+\.zip",
    year_label="{year}.csv, {year}_SML.csv or the OECD zip bundle",
    description=(
        "76 economies and the rest of the world x 45 industries (ISIC Rev. 4), 1995-2020, "
        "USD million current. Download the CSV bundles by hand from the OECD page (the "
        "bundle URLs pymrio lists are stats.oecd.org fileview links that the OECD moved) "
        "and put {year}.csv, {year}_SML.csv or the zip into oecd_icio/."
    ),
    units={"x": UNIT},
    downloads=(),
    optional_files=tuple(f"{y}.csv" for y in range(_YEARS[0], _YEARS[1] + 1)),
    years=_YEARS,
)


def _names(year: int) -> list[str]:
    return [f"{year}.csv", f"{year}_SML.csv", f"ICIO2023_{year}.csv", f"ICIO2023_{year}_SML.csv"]


def _find(year: int, data) -> tuple[Path, str | None]:
    folder = INFO.folder(data)
    for n in _names(year):
        if (folder / n).is_file():
            return folder / n, None
    zips = sorted(folder.glob("*.zip")) if folder.is_dir() else []
    for z in zips:
        with mt.Bundle(z) as b:
            for n in _names(year):
                m = b.find(n, required=False)
                if m:
                    return z, m
    raise SourceError(
        "OECD ICIO table not found",
        file=folder / f"{year}.csv",
        value=f"{year}.csv",
        hint=f"download the 2023 ICIO release from {INFO.url} and put {year}.csv (or the "
        f"zip bundle) into {folder}",
    )


def years(data: str | os.PathLike[str] | None = None) -> list[int]:
    """Years with a table file (or a zip member) in the data directory."""
    folder = INFO.folder(data)
    if not folder.is_dir():
        return []
    pat = re.compile(r"(?:ICIO2023_)?(\d{4})(?:_SML)?\.csv")
    found = set()
    for p in folder.iterdir():
        names = [p.name]
        if p.suffix == ".zip":
            try:
                with mt.Bundle(p) as b:
                    names = [n.rsplit("/", 1)[-1] for n in b.names]
            except SourceError:
                continue
        for n in names:
            m = pat.fullmatch(n)
            if m:
                found.add(int(m.group(1)))
    return sorted(found)


def _split_label(label: str, *, file: str, field: str) -> tuple[str, str]:
    if "_" not in label:
        raise SchemaError("label is not REGION_CODE", file=file, field=field, value=label)
    r, s = label.split("_", 1)
    if not re.fullmatch(r"[A-Z0-9]{3}", r):
        raise SchemaError(
            "region part is not a 3-character code", file=file, field=field, value=label
        )
    return r, s


def load_year(
    year: int,
    data: str | os.PathLike[str] | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    split_regions: str = "aggregate",
    identity_rtol: float | None = None,
) -> mt.MRIOTable:
    """Load one ICIO year.

    Parameters
    ----------
    year : int
    data : path-like, optional
        Data directory holding ``oecd_icio/``.
    path : path-like, optional
        A CSV file, or a zip holding ``{year}.csv``, to read instead.
    split_regions : {"aggregate", "keep"}
        What to do with ``CN1``/``CN2``/``MX1``/``MX2``.
    identity_rtol : float, optional
        Raise when :math:`\\max|x - Z1 - Y1|/x` exceeds it.

    Returns
    -------
    MRIOTable
        USD million, current; ``x`` from the ``OUT`` column (row totals); the
        ``OUT`` row (column totals) is checked against it and the gap noted;
        satellites ``value_added`` (row ``VA``) and ``taxes_less_subsidies``
        (row ``TLS``), both USD million. No labour accounts.
    """
    year = int(year)
    if split_regions not in ("aggregate", "keep"):
        raise SourceError(
            "split_regions must be 'aggregate' or 'keep'",
            field="split_regions",
            value=split_regions,
        )
    if path is None:
        path, member = _find(year, data)
    else:
        path, member = Path(path), None
        if path.suffix == ".zip":
            with mt.Bundle(path) as b:
                member = next((m for n in _names(year) if (m := b.find(n, required=False))), None)
            if member is None:
                raise SourceError(
                    "zip holds no ICIO table of that year", file=path, value=_names(year)
                )
    bundle_path = path if member else path.parent
    member = member or path.name
    notes = []
    with mt.Bundle(bundle_path) as b:
        where = b.display(member)
        header, index, M = mt.read_labelled(b, member, n_header=1, n_index=1, sep=",")
        cols = header[0][1:]
        rows = [i[0] for i in index]
        for lab_list, what in ((cols, "column"), (rows, "row")):
            seen = set()
            for lab in lab_list:
                if lab in seen:
                    raise SchemaError(f"duplicate {what} label", file=where, field=what, value=lab)
                seen.add(lab)
        # ---- columns: Z, FD, OUT
        z_cols, fd_cols, out_col = [], [], None
        for j, c in enumerate(cols):
            if c in ("OUT", "TOTAL"):
                out_col = j
                continue
            r, s = _split_label(c, file=where, field="column")
            (fd_cols if s in FD_CATEGORIES else z_cols).append((j, (r, s)))
        if out_col is None:
            raise SchemaError("no total column 'OUT'", file=where, field="OUT", value=cols[-3:])
        z_labels = [lab for _, lab in z_cols]
        regions_src, sectors = mt.region_major(z_labels, file=where, field="columns")
        # ---- rows: Z rows then TLS, VA, OUT
        special = {}
        z_rows = []
        for i, r in enumerate(rows):
            if r in ("TLS", "VA", "OUT"):
                special[r] = i
            else:
                z_rows.append((i, _split_label(r, file=where, field="row")))
        for need in ("TLS", "VA", "OUT"):
            if need not in special:
                raise SchemaError("missing total row", file=where, field="row", value=need)
        mt.expect_labels([lab for _, lab in z_rows], z_labels, file=where, field="row", what="row")
        zi = [i for i, _ in z_rows]
        zj = [j for j, _ in z_cols]
        fd_labels = [lab for _, lab in fd_cols]
        fd_regions, fd_cats = mt.region_major(fd_labels, file=where, field="columns")
        Z = M[np.ix_(zi, zj)]
        Y = M[np.ix_(zi, [j for j, _ in fd_cols])]
        x = M[zi, out_col]
        x_in = M[special["OUT"], zj]
        va = M[special["VA"], zj]
        tls = M[special["TLS"], zj]
        mt.check_table(Z, x, z_labels, file_z=where, file_x=where)
        # ---- China / Mexico splits
        src = list(regions_src)
        if split_regions == "aggregate" and any(r in _SPLITS for r in src):
            n_s = len(sectors)
            targets = [_SPLITS.get(r, r) for r in src]
            final = list(dict.fromkeys(targets))
            S = np.zeros((len(src) * n_s, len(final) * n_s))
            for a, t in enumerate(targets):
                b_ = final.index(t)
                S[a * n_s : (a + 1) * n_s, b_ * n_s : (b_ + 1) * n_s] = np.eye(n_s)
            Z = S.T @ Z @ S
            Y, x, x_in, va, tls = S.T @ Y, S.T @ x, S.T @ x_in, S.T @ va, S.T @ tls
            merged = sorted({r for r in src if r in _SPLITS})
            notes.append(f"oecd_icio: regions {', '.join(merged)} added into CHN/MEX")
            src = final
        if split_regions == "aggregate" and any(r in _SPLITS for r in fd_regions):
            k = len(fd_cats)
            fd_t = [_SPLITS.get(r, r) for r in fd_regions]
            fd_final = list(dict.fromkeys(fd_t))
            SF = np.zeros((len(fd_regions) * k, len(fd_final) * k))
            for a, t_ in enumerate(fd_t):
                b_ = fd_final.index(t_)
                SF[a * k : (a + 1) * k, b_ * k : (b_ + 1) * k] = np.eye(k)
            Y = Y @ SF
            fd_regions = tuple(fd_final)
        if list(fd_regions) != src:
            extra = [r for r in fd_regions if r not in src] or [
                r for r in src if r not in fd_regions
            ]
            raise SchemaError(
                "final-demand regions differ from the intermediate regions",
                file=where,
                field="columns",
                value=extra[:3] or list(fd_regions)[:3],
            )
        regions = mt.map_regions(src, system="iso3", named=NAMED_REGIONS, file=where)
        gap = mt.identity_gap(Z, Y, x)
        mt.check_identity(gap, identity_rtol, file=where)
        col_gap = float(np.max(np.abs(x - x_in) / np.maximum(np.abs(x), 1.0))) if x.size else 0.0
        notes.append(f"oecd_icio: largest relative gap of x = Z1 + Y1 is {gap:.3g}")
        notes.append(
            f"oecd_icio: largest relative gap between the OUT column and row is {col_gap:.3g}"
        )
        notes.append("oecd_icio: ROW is the rest of the world (named region)")
        notes.append("oecd_icio: no labour accounts in ICIO; hours must come from labour panels")
        prov = mt.provenance(INFO, [path] if path.is_file() else b.paths_for_checksum(), notes)
    return mt.MRIOTable(
        source=INFO.id,
        version=INFO.version,
        year=year,
        Z=Z,
        Y=Y,
        x=x,
        regions=regions,
        source_regions=tuple(src),
        sectors=tuple(sectors),
        fd_categories=tuple(fd_cats),
        satellites={"value_added": va, "taxes_less_subsidies": tls},
        satellite_units={"value_added": UNIT, "taxes_less_subsidies": UNIT},
        unit=UNIT,
        identity_gap=gap,
        provenance=prov,
    )


def load(data: str | os.PathLike[str] | None = None, *, year: int = 2020) -> pd.DataFrame:
    """Gross output by region and industry of one ICIO year (tidy): ``region, iso3,
    sector, year, x`` (USD million, current)."""
    return mt.tidy_output(load_year(year, data))
