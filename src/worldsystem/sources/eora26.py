"""Eora26: the simplified 26-sector Eora MRIO, 1990-2016 (Eora26 v199.82).

Lenzen, M., Kanemoto, K., Moran, D. and Geschke, A. (2012), "Mapping the
structure of the world economy", *Environmental Science & Technology*
46(15):8374-8381, doi:10.1021/es300171x; Lenzen, M., Moran, D., Kanemoto, K.
and Geschke, A. (2013), "Building Eora: A Global Multi-regional Input-Output
Database at High Country and Sector Resolution", *Economic Systems Research*
25(1):20-49, doi:10.1080/09535314.2013.769938.

Layout (``eora26/``)
--------------------
Per year ``Eora26_{year}_bp.zip`` (basic prices) or the folder it unpacks to
(``Eora26_{year}_bp/``), holding tab-separated matrices without headers:
``Eora26_{year}_bp_T.txt`` (intermediate, T x T), ``_FD.txt`` (final demand, T x
FD), ``_VA.txt`` (primary inputs, VA x T), and ``_Q.txt``/``_QY.txt``
(satellites; only read on request). The labels are in ``indices.zip`` (or the
files themselves in ``eora26/`` or inside the year archive): ``labels_T.txt``,
``labels_FD.txt``, ``labels_VA.txt``, ``labels_Q.txt``, tab-separated without
header: country name, country code, block (``Industries``, ``Final Demand``...),
sector or category name. The last row and column of T is the rest of the world
``ROW`` with the single sector ``TOTAL``; it does not fit the region x sector
grid, so it is dropped from ``Z``/``Y`` (as pymrio does) and the mass dropped is
recorded in the provenance; ``x`` is the full row total including deliveries to
ROW, so the reported identity gap is the ROW share.

Units: thousands of current US dollars at basic prices (the files carry no unit
field). Sources: the file and label names from pymrio's ``parse_eora26``
(``pymrio/tools/ioparser.py``) and Eora's download page
(https://worldmrio.com/eora: "indices.zip contains the country codes and sector
names"); the ROW/TOTAL last row from public Eora26 scripts; the unit from pymrio
issue #175 (https://github.com/IndEcol/pymrio/issues/175, "data is in '000 USD,
not Mill USD ... consistent with the Eora FAQ"), where pymrio's own parser says
"Mill USD". Licence: Eora26 is free for academic use after registration at
worldmrio.com; redistribution is not permitted; there is no stable file URL
(downloads need a login), so ``worldsystem data fetch eora26`` says where to
get the files.

Regions: Eora's codes are ISO3 except ``SUD`` (Sudan before the 2011 split ->
SDN), ``SDS`` (South Sudan -> SSD) and ``USR`` (the former USSR in early years,
kept as a named region), ``ANT`` (Netherlands Antilles, kept as a named region).

Labour: Eora26 has compensation of employees (VA row) but no hours; the MRIO
builder attaches ``compensation`` and ``value_added``; hours must come from the
labour panels. ``q_rows`` attaches chosen ``labels_Q`` rows (their unit is the
text in parentheses at the end of the label).
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.sources import _mrio_tables as mt
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "NAMED_REGIONS", "load", "load_year", "years"]

NAMED_REGIONS = {"USR": "Former USSR", "ANT": "Netherlands Antilles", "ROW": "Rest of world"}
OVERRIDES = {"SUD": "SDN", "SDS": "SSD"}
UNIT = "USD thousand, current"
COMPENSATION = "Compensation of employees D.1"
_YEARS = (1990, 2016)

INFO = SourceInfo(
    id="eora26",
    name="Eora26 simplified MRIO",
    version="199.82",
    licence="free for academic use after registration at worldmrio.com; no redistribution "
    "(commercial use needs a licence)",
    citation=(
        "Lenzen, M., Kanemoto, K., Moran, D., Geschke, A. (2012), Environmental Science & "
        "Technology 46(15):8374-8381, doi:10.1021/es300171x; Lenzen, M., Moran, D., "
        "Kanemoto, K., Geschke, A. (2013), Economic Systems Research 25(1):20-49, "
        "doi:10.1080/09535314.2013.769938."
    ),
    citation_key="lenzen2013",
    url="https://worldmrio.com/eora26/",
    files=("indices.zip",),
    year_pattern=r"Eora26_\d{4}_bp(?:\.zip)?",
    year_label="Eora26_{year}_bp.zip",
    description=(
        "189 countries and ROW x 26 sectors, 1990-2016, thousand current USD, basic prices. "
        "No stable download URL (login required): download Eora26_{year}_bp.zip and "
        "indices.zip by hand from worldmrio.com and put them into eora26/."
    ),
    units={"x": UNIT},
    downloads=(),
    years=_YEARS,
)


def _year_bundle(year: int, data, path) -> Path:
    if path is not None:
        return Path(path)
    folder = INFO.folder(data)
    for cand in (folder / f"Eora26_{year}_bp.zip", folder / f"Eora26_{year}_bp"):
        if cand.exists():
            return cand
    raise SourceError(
        "Eora26 archive not found",
        file=folder / f"Eora26_{year}_bp.zip",
        value=f"Eora26_{year}_bp.zip",
        hint=f"log in at {INFO.url}, download Eora26_{year}_bp.zip and indices.zip and put "
        f"them into {folder}",
    )


def years(data: str | os.PathLike[str] | None = None) -> list[int]:
    folder = INFO.folder(data)
    if not folder.is_dir():
        return []
    pat = re.compile(r"Eora26_(\d{4})_bp(\.zip)?")
    return sorted({int(m.group(1)) for p in folder.iterdir() if (m := pat.fullmatch(p.name))})


def _labels(bundles: list[mt.Bundle], name: str, min_cols: int = 4) -> tuple[pd.DataFrame, str]:
    for b in bundles:
        m = b.find(name, required=False)
        if m:
            where = b.display(m)
            try:
                with b.open_text(m) as fh:
                    df = pd.read_csv(fh, sep="\t", header=None, dtype=str, keep_default_na=False)
            except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
                raise SourceError(f"cannot parse label file: {exc}", file=where) from exc
            df = df.loc[:, [c for c in df.columns if (df[c] != "").any()]]
            if df.shape[1] < min_cols:
                raise SchemaError(
                    f"label file has {df.shape[1]} columns; expected at least {min_cols}",
                    file=where,
                    field="columns",
                    value=df.shape[1],
                )
            return df, where
    raise SourceError(
        "Eora26 label file not found",
        file=bundles[0].path,
        value=name,
        hint="put indices.zip (or labels_*.txt) next to the year archives",
    )


def _matrix(b: mt.Bundle, name: str, shape: tuple[int, int]) -> tuple[np.ndarray, str]:
    m = b.find(name)
    where = b.display(m)
    _, _index, vals = mt.read_labelled(b, m, n_header=0, n_index=0)
    if vals.shape != shape:
        raise SchemaError(
            f"matrix has shape {vals.shape}; the labels give {shape}",
            file=where,
            field="shape",
            value=vals.shape,
        )
    return vals, where


def load_year(
    year: int,
    data: str | os.PathLike[str] | None = None,
    *,
    path: str | os.PathLike[str] | None = None,
    q_rows: Mapping[str, str] | None = None,
    identity_rtol: float | None = None,
) -> mt.MRIOTable:
    """Load one Eora26 basic-price year.

    Parameters
    ----------
    year : int
    data : path-like, optional
        Data directory holding ``eora26/``.
    path : path-like, optional
        A year archive or folder to read instead.
    q_rows : mapping, optional
        Satellite name -> exact ``labels_Q`` label (including its "(unit)"), to
        attach rows of ``_Q.txt``.
    identity_rtol : float, optional
        Raise when the identity gap exceeds it.

    Returns
    -------
    MRIOTable
        Thousand current USD; satellites ``value_added`` (sum of the VA rows) and
        ``compensation`` (row ``Compensation of employees D.1``).
    """
    year = int(year)
    ypath = _year_bundle(year, data, path)
    stem = f"Eora26_{year}_bp"
    notes = []
    folder = INFO.folder(data) if path is None else Path(path).parent
    extra = [folder / "indices.zip"] if (folder / "indices.zip").is_file() else []
    if folder.is_dir():
        extra.append(folder)
    with mt.Bundle(ypath) as b:
        others = [mt.Bundle(p) for p in extra]
        try:
            lt, lt_where = _labels([b, *others], "labels_T.txt")
            lf, lf_where = _labels([b, *others], "labels_FD.txt")
            lv, lv_where = _labels([b, *others], "labels_VA.txt", 2)
            lq = _labels([b, *others], "labels_Q.txt", 1) if q_rows else None
        finally:
            for o in others:
                o.close()
        cols = list(lt.columns)
        code_t, block_t, sec_t = lt[cols[1]], lt[cols[2]], lt[cols[3]]
        nT = len(lt)
        labels_all = list(zip(code_t, sec_t, strict=True))
        has_row = nT > 0 and code_t.iloc[-1] == "ROW"
        keep = nT - 1 if has_row else nT
        if has_row and sec_t.iloc[-1] != "TOTAL":
            raise SchemaError(
                "last labels_T row is ROW but its sector is not TOTAL",
                file=lt_where,
                field="sector",
                value=sec_t.iloc[-1],
            )
        bad_block = block_t.iloc[:keep] != "Industries"
        if bad_block.any():
            i = int(np.flatnonzero(bad_block.to_numpy())[0])
            raise SchemaError(
                "block is not 'Industries'", file=lt_where, field="block", value=block_t.iloc[i]
            )
        z_labels = labels_all[:keep]
        regions_src, sectors = mt.region_major(z_labels, file=lt_where, field="labels")
        fcols = list(lf.columns)
        fd_all = list(zip(lf[fcols[1]], lf[fcols[3]], strict=True))
        fd_keep = [i for i, (r, _) in enumerate(fd_all) if r != "ROW"]
        fd_regions, fd_cats = mt.region_major(
            [fd_all[i] for i in fd_keep], file=lf_where, field="labels"
        )
        mt.expect_labels(fd_regions, regions_src, file=lf_where, field="region", what="region")
        vcols = list(lv.columns)
        va_names = [str(v) for v in lv[vcols[1]]]
        T, tw = _matrix(b, f"{stem}_T.txt", (nT, nT))
        FD, _fw = _matrix(b, f"{stem}_FD.txt", (nT, len(fd_all)))
        VA, _vw = _matrix(b, f"{stem}_VA.txt", (len(lv), nT))
        x_full = T.sum(axis=1) + FD.sum(axis=1)
        x = x_full[:keep]
        Z = T[:keep, :keep]
        Y = FD[:keep][:, fd_keep]
        mt.check_table(Z, x, z_labels, file_z=tw, file_x=tw)
        if has_row:
            lost = T[keep, :].sum() + T[:, keep].sum() + FD[keep, :].sum()
            notes.append(
                f"eora26: ROW row/column (sector TOTAL) dropped; flows dropped "
                f"{lost:.6g} thousand USD"
            )
        va = VA[:, :keep]
        if COMPENSATION not in va_names:
            raise SchemaError(
                "no compensation row in labels_VA", file=lv_where, field="label", value=COMPENSATION
            )
        sats = {"value_added": va.sum(axis=0), "compensation": va[va_names.index(COMPENSATION)]}
        units = {"value_added": UNIT, "compensation": UNIT}
        x_in = T[:, :keep].sum(axis=0) + VA[:, :keep].sum(axis=0)
        in_gap = float(np.max(np.abs(x - x_in) / np.maximum(np.abs(x), 1.0))) if keep else 0.0
        notes.append(f"eora26: largest relative gap of row and column totals is {in_gap:.3g}")
        if q_rows:
            lqdf, lq_where = lq
            qcols = list(lqdf.columns)
            qnames = [str(v) for v in lqdf[qcols[0]]]
            Q, _qw = _matrix(b, f"{stem}_Q.txt", (len(lqdf), nT))
            for sat, label in q_rows.items():
                if label not in qnames:
                    raise SchemaError(
                        "no such satellite row", file=lq_where, field="label", value=label
                    )
                m = re.search(r"\(([^()]*)\)\s*$", label)
                sats[sat] = Q[qnames.index(label), :keep]
                units[sat] = m.group(1) if m else "unknown"
        regions = mt.map_regions(
            regions_src, system="iso3", named=NAMED_REGIONS, overrides=OVERRIDES, file=lt_where
        )
        gap = mt.identity_gap(Z, Y, x)
        mt.check_identity(gap, identity_rtol, file=tw)
        notes.append(f"eora26: largest relative gap of x = Z1 + Y1 is {gap:.3g} (ROW flows)")
        notes.append("eora26: no hours in Eora26; hours must come from labour panels")
        paths = b.paths_for_checksum() + [p for p in extra if p.is_file()]
        prov = mt.provenance(INFO, paths, notes)
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


def load(data: str | os.PathLike[str] | None = None, *, year: int = 2016) -> pd.DataFrame:
    """Gross output by region and sector of one Eora26 year (tidy, thousand USD)."""
    return mt.tidy_output(load_year(year, data))
