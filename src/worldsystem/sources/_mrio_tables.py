"""Shared machinery of the multi-regional input-output (MRIO) source loaders.

The loaders of :mod:`.exiobase`, :mod:`.oecd_icio`, :mod:`.gloria` and
:mod:`.eora26` read each producer's official download layout and return an
:class:`MRIOTable`: validated, read-only arrays with labels, units and
provenance. The :class:`~worldsystem.panels.mrio.MRIO` dataclass is built from
it one layer up, in :mod:`worldsystem.panels.mrio_sources` (``sources`` never
imports ``panels``).

Helpers here:

- :class:`Bundle`: the files of one release, either an official zip archive or
  the folder it unpacks to; members are found by their path suffix, so an
  archive with a top folder (``IOT_2019_pxp/Z.txt``) and one without both work;
- :func:`read_labelled`: a delimited text matrix with ``n_header`` label rows and
  ``n_index`` label columns, read strictly (every cell a finite number, every row
  as wide as the header, no missing cell), naming the file, the row or column
  label and the value of the first offending cell;
- :func:`region_major`: checks that (region, sector) labels are unique and
  region-major with one sector list per region;
- :func:`map_regions`: maps a source's region codes to ISO3 through
  :mod:`worldsystem.countries`, keeping the documented rest-of-world regions
  as named regions;
- :func:`check_table` and :func:`identity_gap`: sign and finiteness checks and the
  accounting identity :math:`x = Z\\mathbf{1} + Y\\mathbf{1}`;
- :func:`tidy_output`: the gross-output tidy frame every source's ``load`` returns.
"""

from __future__ import annotations

import csv
import io
import os
import zipfile
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import layouts
from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.provenance import Provenance, SourceRecord
from worldsystem.sources import base
from worldsystem.sources.base import SourceInfo

__all__ = [
    "Bundle",
    "MRIOTable",
    "check_table",
    "identity_gap",
    "map_regions",
    "read_labelled",
    "region_major",
    "tidy_output",
]


@dataclass(frozen=True, eq=False)
class MRIOTable:
    """One validated MRIO year as read from a producer's files (arrays read-only).

    Attributes
    ----------
    source, version : str
        Catalogue id and release version.
    year : int
    Z : ndarray, shape (n, n)
        Intermediate deliveries, region-major (row ``r * n_sectors + s``).
    Y : ndarray, shape (n, n_regions * len(fd_categories))
        Final demand, columns region-major over ``fd_categories``.
    x : ndarray, shape (n,)
        Gross output.
    regions : tuple of str
        ISO3 codes; rest-of-world and other non-country regions keep a named
        code (``ROW``, EXIOBASE's ``WA``...``WM``, GLORIA's ``XAF``...).
    source_regions : tuple of str
        The region codes as written in the files.
    sectors : tuple of str
        Sector (industry or product) labels as written in the files.
    fd_categories : tuple of str
    satellites : mapping of str to ndarray, shape (n,)
        ``labour_hours`` (hours), ``employment_persons`` (persons),
        ``compensation`` and ``value_added`` (monetary, ``unit``), and
        source-specific extras; only those the source has.
    satellite_units : mapping of str to str
    unit : str
        Monetary unit of ``Z``, ``Y``, ``x`` (e.g. ``"EUR million, current"``).
    identity_gap : float
        :math:`\\max_i |x_i - \\sum_j Z_{ij} - \\sum_k Y_{ik}| / \\max(x_i, 1)`
        in the source's units (see :func:`identity_gap`).
    provenance : Provenance
    """

    source: str
    version: str
    year: int
    Z: np.ndarray
    Y: np.ndarray
    x: np.ndarray
    regions: tuple[str, ...]
    source_regions: tuple[str, ...]
    sectors: tuple[str, ...]
    fd_categories: tuple[str, ...]
    satellites: Mapping[str, np.ndarray] = field(default_factory=dict)
    satellite_units: Mapping[str, str] = field(default_factory=dict)
    unit: str = ""
    identity_gap: float = 0.0
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        for name in ("Z", "Y", "x"):
            arr = np.ascontiguousarray(getattr(self, name), dtype=float)
            arr.setflags(write=False)
            object.__setattr__(self, name, arr)
        sats = {}
        for k, v in dict(self.satellites).items():
            a = np.ascontiguousarray(v, dtype=float)
            a.setflags(write=False)
            sats[k] = a
        object.__setattr__(self, "satellites", MappingProxyType(sats))
        object.__setattr__(self, "satellite_units", MappingProxyType(dict(self.satellite_units)))

    @property
    def n(self) -> int:
        return len(self.regions) * len(self.sectors)


# --------------------------------------------------------------------------- file access


class Bundle:
    """The files of one release: a zip archive or the folder it unpacks to.

    Parameters
    ----------
    path : path-like
        A ``.zip`` file or a directory.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self._zip: zipfile.ZipFile | None = None
        if self.path.is_dir():
            self._names = sorted(
                p.relative_to(self.path).as_posix() for p in self.path.rglob("*") if p.is_file()
            )
        elif self.path.is_file():
            try:
                self._zip = zipfile.ZipFile(self.path)
            except (zipfile.BadZipFile, OSError) as exc:
                raise SourceError(
                    f"file is not a readable zip archive ({exc})",
                    file=self.path,
                    hint="download the archive again; it may be truncated",
                ) from exc
            self._names = sorted(n for n in self._zip.namelist() if not n.endswith("/"))
        else:
            raise SourceError("release file or folder not found", file=self.path)

    def close(self) -> None:
        if self._zip is not None:
            self._zip.close()

    def __enter__(self) -> Bundle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def names(self) -> list[str]:
        return list(self._names)

    def display(self, member: str) -> str:
        """``archive.zip:member`` or the member's path, for error messages."""
        if self._zip is not None:
            return f"{self.path}:{member}"
        return str(self.path / member)

    def find(self, suffix: str, *, required: bool = True) -> str | None:
        """The member whose path is ``suffix`` or ends with ``/suffix`` (shallowest wins)."""
        hits = [n for n in self._names if n == suffix or n.endswith("/" + suffix)]
        if not hits:
            if required:
                raise SourceError(
                    "the release does not contain the expected file",
                    file=self.path,
                    value=suffix,
                    hint="use the producer's official archive, unmodified",
                )
            return None
        hits.sort(key=lambda n: (n.count("/"), n))
        if len(hits) > 1 and hits[0].count("/") == hits[1].count("/"):
            raise SchemaError(
                "several files match; the layout is ambiguous",
                file=self.path,
                field=suffix,
                value=hits[:3],
            )
        return hits[0]

    def find_matching(self, predicate: Callable[[str], bool]) -> list[str]:
        return [n for n in self._names if predicate(n.rsplit("/", 1)[-1])]

    def open_text(self, member: str, encoding: str = "utf-8") -> io.TextIOBase:
        if self._zip is not None:
            try:
                raw = self._zip.open(member)
            except (zipfile.BadZipFile, KeyError, OSError, zlib.error) as exc:
                raise SourceError(
                    f"cannot open archive member ({exc})", file=self.display(member)
                ) from exc
            return io.TextIOWrapper(raw, encoding=encoding, newline="")
        return (self.path / member).open("r", encoding=encoding, newline="")

    def paths_for_checksum(self) -> list[Path]:
        if self._zip is not None:
            return [self.path]
        return [self.path / n for n in self._names]


def _split(line: str, sep: str) -> list[str]:
    line = line.rstrip("\r\n")
    if sep == ",":
        return next(csv.reader([line]))
    return line.split(sep)


def read_labelled(
    bundle: Bundle,
    member: str,
    *,
    n_header: int,
    n_index: int,
    sep: str = "\t",
) -> tuple[list[list[str]], list[tuple[str, ...]], np.ndarray]:
    """Read a labelled numeric matrix strictly.

    Parameters
    ----------
    bundle, member
        Where the file is.
    n_header : int
        Label rows at the top (each split on ``sep``).
    n_index : int
        Label columns at the left of each data row.
    sep : str
        Field delimiter.

    Returns
    -------
    header : list of list of str
        The ``n_header`` label rows, each split into fields.
    index : list of tuple of str
        The ``n_index`` labels of each data row.
    values : ndarray, shape (rows, columns)

    Raises
    ------
    SourceError
        Empty, truncated, undecodable file; rows wider than others.
    SchemaError
        A data row is shorter or longer than the header, a cell is missing, not a
        number or not finite (naming the row label, the column and the value).
    """
    where = bundle.display(member)
    try:
        with bundle.open_text(member) as fh:
            header = []
            for _ in range(n_header):
                line = fh.readline()
                if not line:
                    raise SourceError(f"file ends inside the {n_header} header rows", file=where)
                header.append(_split(line, sep))
            df = pd.read_csv(
                fh,
                sep=sep,
                header=None,
                dtype={i: str for i in range(n_index)},
                keep_default_na=False,
                na_values=[""],
                low_memory=False,
                engine="c",
            )
    except SourceError:
        raise
    except pd.errors.EmptyDataError as exc:
        raise SourceError("file has no data rows", file=where) from exc
    except UnicodeDecodeError as exc:
        raise SourceError(f"file is not valid utf-8 ({exc.reason})", file=where) from exc
    except (pd.errors.ParserError, csv.Error, EOFError, OSError, zlib.error) as exc:
        raise SourceError(
            f"cannot parse file: {exc}", file=where, hint="the file may be truncated or corrupted"
        ) from exc
    except (zipfile.BadZipFile, ValueError) as exc:
        raise SourceError(f"cannot read file: {exc}", file=where) from exc
    width = max((len(h) for h in header), default=df.shape[1])
    if header and df.shape[1] != width:
        raise SchemaError(
            f"data rows have {df.shape[1]} fields; the header has {width}",
            file=where,
            field="columns",
            value=df.shape[1],
            hint="the file may be cut or edited",
        )
    labels = df.iloc[:, :n_index]
    if labels.isna().any().any():
        r = int(np.flatnonzero(labels.isna().any(axis=1).to_numpy())[0])
        raise SchemaError("missing row label", file=where, field=f"row {r + n_header + 1}")
    # rows of a (n, 0) array when there are no label columns (itertuples yields no
    # rows for a frame without columns on some pandas versions)
    index = [tuple(str(v) for v in row) for row in labels.to_numpy(dtype=object)]
    data = df.iloc[:, n_index:]
    col_name = _column_namer(header, n_index)
    for j, dt in enumerate(data.dtypes):
        if not (pd.api.types.is_float_dtype(dt) or pd.api.types.is_integer_dtype(dt)):
            s = data.iloc[:, j]
            conv = pd.to_numeric(s, errors="coerce")
            bad = conv.isna() & s.notna()
            r = int(np.flatnonzero(bad.to_numpy())[0])
            raise SchemaError(
                "value is not a number",
                file=where,
                field=f"row {index[r]!r}, column {col_name(j)!r}",
                value=s.iloc[r],
            )
    values = data.to_numpy(dtype=float)
    bad = ~np.isfinite(values)
    if bad.any():
        r, j = (int(v) for v in np.argwhere(bad)[0])
        v = values[r, j]
        raise SchemaError(
            "missing value" if np.isnan(v) else "non-finite value",
            file=where,
            field=f"row {index[r]!r}, column {col_name(j)!r}",
            value=None if np.isnan(v) else float(v),
            hint="a cut row or an empty cell; use the unmodified release",
        )
    big = np.abs(values) > layouts.MAX_MAGNITUDE
    if big.any():
        r, j = (int(v) for v in np.argwhere(big)[0])
        raise SchemaError(
            f"value outside {layouts.GENERIC.describe()}",
            file=where,
            field=f"row {index[r]!r}, column {col_name(j)!r}",
            value=float(values[r, j]),
            hint="the file is damaged; use the unmodified release",
        )
    return header, index, values


def _column_namer(header: list[list[str]], n_index: int) -> Callable[[int], str]:
    def name(j: int) -> str:
        parts = [h[n_index + j] for h in header if n_index + j < len(h) and h[n_index + j]]
        return "/".join(parts) if parts else f"column {j + n_index + 1}"

    return name


# --------------------------------------------------------------------------- labels


def region_major(
    labels: Sequence[tuple[str, str]], *, file: str, field: str
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Regions and sectors of region-major (region, sector) labels.

    Raises
    ------
    SchemaError
        Duplicate labels, or labels that are not the full region x sector grid in
        region-major order with one sector list (naming the first offending label).
    """
    seen: dict[tuple[str, str], int] = {}
    for i, lab in enumerate(labels):
        if lab in seen:
            raise SchemaError(
                f"duplicate label (positions {seen[lab]} and {i})",
                file=file,
                field=field,
                value=lab,
            )
        seen[lab] = i
    regions = tuple(dict.fromkeys(r for r, _ in labels))
    if not labels:
        raise SchemaError("no labels", file=file, field=field)
    first = regions[0]
    sectors = tuple(s for r, s in labels if r == first)
    n_s = len(sectors)
    if len(labels) != len(regions) * n_s:
        raise SchemaError(
            f"{len(labels)} labels are not {len(regions)} regions x {n_s} sectors",
            file=file,
            field=field,
            value=len(labels),
        )
    for i, (r, s) in enumerate(labels):
        er, es = regions[i // n_s], sectors[i % n_s]
        if (r, s) != (er, es):
            raise SchemaError(
                f"label {i} is {(r, s)!r}; expected {(er, es)!r} (region-major, same sectors "
                "in every region)",
                file=file,
                field=field,
                value=(r, s),
            )
    return regions, sectors


def expect_labels(
    found: Sequence[Any], expected: Sequence[Any], *, file: str, field: str, what: str
) -> None:
    """Raise SchemaError at the first position where ``found`` differs from ``expected``."""
    found, expected = list(found), list(expected)
    for i, (f, e) in enumerate(zip(found, expected, strict=False)):
        if f != e:
            raise SchemaError(
                f"{what} {i} is {f!r}; expected {e!r}", file=file, field=field, value=f
            )
    if len(found) != len(expected):
        raise SchemaError(
            f"{len(found)} {what}s; expected {len(expected)}",
            file=file,
            field=field,
            value=len(found),
        )


def map_regions(
    codes: Sequence[str],
    *,
    system: str,
    named: Mapping[str, str],
    file: str,
    field: str = "region",
    overrides: Mapping[str, str] | None = None,
) -> tuple[str, ...]:
    """Map source region codes to ISO3, keeping named (rest-of-world) regions.

    Parameters
    ----------
    codes : sequence of str
    system : {"iso2", "iso3"}
        Code system of the source's country codes.
    named : mapping
        Code -> description of the regions that are not countries; they keep
        their code (checked first, so EXIOBASE's ``WF`` is RoW Africa, not
        Wallis and Futuna).
    overrides : mapping, optional
        Source code -> ISO3 for documented non-ISO country codes.

    Raises
    ------
    SchemaError
        A code that is neither a known country nor a documented named region.
    """
    from worldsystem.countries import convert

    overrides = dict(overrides or {})
    out = []
    to_convert = [c for c in codes if c not in named and c not in overrides]
    conv = (
        dict(
            zip(
                to_convert,
                convert(list(to_convert), source=system, target="iso3", errors="coerce"),
                strict=True,
            )
        )
        if to_convert
        else {}
    )
    for c in codes:
        if c in named:
            out.append(c)
        elif c in overrides:
            out.append(overrides[c])
        elif conv.get(c) is None:
            raise SchemaError(
                f"unknown region code (not an {system.upper()} country code nor a documented "
                "named region of this source)",
                file=file,
                field=field,
                value=c,
                hint="use the producer's region codes, unmodified",
            )
        else:
            out.append(str(conv[c]))
    if len(set(out)) != len(out):
        dup = next(r for r in out if out.count(r) > 1)
        raise SchemaError("two regions map to the same code", file=file, field=field, value=dup)
    return tuple(out)


# --------------------------------------------------------------------------- checks


def check_table(
    Z: np.ndarray,
    x: np.ndarray,
    labels: Sequence[Any],
    *,
    file_z: str,
    file_x: str,
) -> None:
    """Z and x must be finite and >= 0 (final demand may be negative: inventories)."""
    for name, arr, where in (("Z", Z, file_z), ("x", x, file_x)):
        neg = arr < 0
        if neg.any():
            pos = np.argwhere(neg)[0]
            i = int(pos[0])
            col = f", column {labels[int(pos[1])]!r}" if arr.ndim == 2 else ""
            raise SchemaError(
                f"negative value in {name}" + (" (gross output)" if name == "x" else ""),
                file=where,
                field=f"row {labels[i]!r}{col}",
                value=float(arr[tuple(pos)]),
            )


def identity_gap(Z: np.ndarray, Y: np.ndarray, x: np.ndarray) -> float:
    """Largest relative row-balance gap :math:`|x - Z1 - Y1| / \\max(|x|, 1)`."""
    if x.size == 0:
        return 0.0
    gap = np.abs(x - Z.sum(axis=1) - Y.sum(axis=1)) / np.maximum(np.abs(x), 1.0)
    return float(gap.max())


def check_identity(gap: float, rtol: float | None, *, file: str) -> None:
    if rtol is not None and gap > rtol:
        raise SchemaError(
            f"accounting identity x = Z1 + Y1 fails: largest relative gap {gap:.3g} > {rtol:g}",
            file=file,
            field="x",
            value=gap,
            hint="pass identity_rtol=None to load the table and read MRIOTable.identity_gap",
        )


def provenance(info: SourceInfo, paths: Sequence[Path], notes: Iterable[str] = ()) -> Provenance:
    rec = SourceRecord(
        id=info.id,
        version=info.version,
        checksum=base.checksum(list(paths)),
        files=tuple(Path(p).name for p in paths),
        citation=info.citation_key,
    )
    prov = Provenance(sources=(rec,), citations=(info.citation_key,))
    for note in notes:
        prov = prov.with_note(note)
    return prov


def tidy_output(t: MRIOTable) -> pd.DataFrame:
    """Gross output by region-sector as a tidy frame (what a source's ``load`` returns)."""
    n_s = len(t.sectors)
    out = pd.DataFrame(
        {
            "region": np.repeat(np.array(t.source_regions, dtype=object), n_s).astype(str),
            "iso3": np.repeat(np.array(t.regions, dtype=object), n_s).astype(str),
            "sector": np.tile(np.array(t.sectors, dtype=object), len(t.regions)).astype(str),
            "year": np.full(t.n, t.year, dtype="int64"),
            "x": np.array(t.x),
        }
    )
    from worldsystem.core.provenance import attach, set_units

    attach(out, t.provenance)
    set_units(out, {"x": t.unit, "year": "calendar year"})
    return out


def year_from(name: str, pattern: str) -> int | None:
    import re

    m = re.fullmatch(pattern, name)
    return int(m.group(1)) if m else None
