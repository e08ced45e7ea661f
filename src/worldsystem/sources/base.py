"""Shared machinery of the source loaders.

A source module (one per dataset) defines ``INFO``, a :class:`SourceInfo`, and
``load(data=None, **options) -> pandas.DataFrame``. The helpers here:

- :func:`locate` finds a file of a source in the configured data directory (or the
  fetch cache) and raises a :class:`SourceError` with the fix when it is absent;
- :func:`read_csv` reads CSV/CSV.gz/TSV with explicit NA handling and turns every
  pandas/codec failure into a :class:`SourceError` naming the file;
- :func:`numeric` converts columns to numbers, mapping documented sentinels
  (COW's -9/-8/-7) to missing and naming the file, field and value of anything
  that is not a number;
- :func:`finish` attaches provenance (source id, version, checksum, citation key)
  and units.
"""

from __future__ import annotations

import csv
import fnmatch
import hashlib
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import config
from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.io import sha256_file
from worldsystem.core.provenance import Provenance, SourceRecord, attach, set_units
from worldsystem.core.schema import require_columns

__all__ = [
    "COW_SENTINELS",
    "RemoteFile",
    "SourceInfo",
    "checksum",
    "finish",
    "locate",
    "numeric",
    "read_csv",
]

#: COW missing-value sentinels: -9 missing/unknown, -8 not applicable, -7 ongoing.
COW_SENTINELS = (-9, -8, -7)


@dataclass(frozen=True)
class RemoteFile:
    """A file of an official release that ``worldsystem data fetch`` can download.

    ``name`` is the path relative to the source folder; ``sha256`` is None when
    no checksum is known yet (one is recorded on first download).
    """

    name: str
    url: str
    sha256: str | None = None
    #: How to turn the download into ``name``: ``None`` (as is), ``"gunzip"``
    #: or ``"gzip"`` (compress), ``"unzip:<member>"`` (``<member>`` may be a path
    #: inside the archive, a bare file name found at any depth, or
    #: ``outer.zip!inner`` for an archive nested in the archive), and steps
    #: chained with ``|`` (``"unzip:x.csv|gzip"``); ``"recode:<codec>"`` re-encodes
    #: text to UTF-8.
    processor: str | None = None
    #: Further URLs of the same file, tried in order when ``url`` fails.
    mirrors: tuple[str, ...] = ()
    #: What the stored file must be, checked by content before its checksum is
    #: recorded (see :func:`worldsystem.sources.fetch.validate`): ``"csv:a,b"``
    #: (a text table whose header has these columns), ``"tsv:a,b"``,
    #: ``"xlsx:Sheet"`` (a workbook with these sheets), ``"zip"``, ``"json"``;
    #: None infers the kind from the file name.
    expect: str | None = None
    #: Where the URL was found (a repository and path, or a documentation page).
    found_in: str = ""


@dataclass(frozen=True)
class SourceInfo:
    """Catalogue entry of one public dataset."""

    id: str
    name: str
    version: str
    licence: str
    citation: str
    citation_key: str
    url: str
    files: tuple[str, ...]
    description: str = ""
    units: Mapping[str, str] = field(default_factory=dict)
    #: Not the list ``worldsystem data fetch`` uses: that is
    #: :func:`worldsystem.sources.catalogue.downloads` (one table, with where each
    #: URL was found). Kept so that entries may still name files here.
    downloads: tuple[RemoteFile, ...] = ()
    #: files that are optional (not needed for ``available``)
    optional_files: tuple[str, ...] = ()
    #: Year coverage ``(first, last)``, inclusive calendar years, of the release as
    #: documented (the union over its tables); None for sources without a time
    #: dimension. The one place coverage is recorded: see
    #: :func:`worldsystem.sources.catalogue.coverage`.
    years: tuple[int, int] | None = None

    @property
    def coverage(self) -> tuple[int, int] | None:
        """Year coverage ``(first, last)`` (an alias of :attr:`years`)."""
        return self.years

    def folder(self, data: str | os.PathLike[str] | None = None) -> Path:
        return config.data_dir(data) / self.id

    #: Files the producer distributes that can stand in for a file of ``files``:
    #: file name -> glob patterns (case-insensitive, in the source folder or, with a
    #: ``sub/`` prefix, in a subfolder of it), in order of preference, e.g.
    #: ``{"pwt1001.csv.gz": ("pwt1001.xlsx", "pwt1001.dta")}``.
    #: The loader detects the format of the file found from its content
    #: (:mod:`worldsystem.sources.formats`).
    official: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def resolve(self, filename: str, data: str | os.PathLike[str] | None = None) -> Path | None:
        """Path of ``filename``, else of the first official file standing in for it."""
        folder = self.folder(data)
        path = folder / filename
        if path.is_file():
            return path
        patterns = self.official.get(filename, ())
        if not patterns or not folder.is_dir():
            return None
        for pattern in patterns:
            # a pattern may name a subfolder ("raw/TIV-Export-*.csv")
            sub, _, name_pattern = pattern.rpartition("/")
            where = folder / sub if sub else folder
            if not where.is_dir():
                continue
            names = sorted(p.name for p in where.iterdir() if p.is_file())
            hits = [n for n in names if fnmatch.fnmatchcase(n.lower(), name_pattern.lower())]
            if hits:
                return where / hits[0]
        return None

    def present_files(self, data: str | os.PathLike[str] | None = None) -> list[Path]:
        """The files that would be read (tidy or official), without repeats."""
        found = (self.resolve(f, data) for f in self.files)
        return list(dict.fromkeys(p for p in found if p is not None))

    def missing_files(self, data: str | os.PathLike[str] | None = None) -> list[str]:
        return [f for f in self.files if self.resolve(f, data) is None]

    def available(self, data: str | os.PathLike[str] | None = None) -> bool:
        return not self.missing_files(data)


def locate(info: SourceInfo, filename: str, data: str | os.PathLike[str] | None = None) -> Path:
    """Path of ``filename`` of source ``info`` (or of an official file standing in for
    it, see :attr:`SourceInfo.official`); SourceError with the fix if absent."""
    found = info.resolve(filename, data)
    if found is None:
        alt = info.official.get(filename, ())
        also = f" (or one of {', '.join(alt)})" if alt else ""
        raise SourceError(
            f"{info.name}: file not found",
            file=info.folder(data) / filename,
            field=None,
            value=filename,
            hint=(
                f"point --data / ${config.ENV_DATA} at a folder holding {info.id}/{filename}"
                f"{also}, or run `worldsystem data fetch {info.id}`"
            ),
        )
    return found


def _sniff_binary(path: Path) -> None:
    with path.open("rb") as fh:
        head = fh.read(4096)
    if path.suffix == ".gz" or head[:2] == b"\x1f\x8b":
        return
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PAR1") or b"\x00" in head[:1024]:
        raise SourceError(
            "file is not a text/CSV file (binary content)",
            file=path,
            value=head[:8],
            hint="replace it with the official CSV release",
        )


def read_csv(
    path: Path,
    *,
    required: Sequence[str] = (),
    sep: str = ",",
    dtype: Mapping[str, Any] | None = None,
    na_values: Iterable[str] = ("",),
    usecols: Sequence[str] | None = None,
    encoding: str = "utf-8",
) -> pd.DataFrame:
    """Read a CSV (optionally gzip) strictly.

    ``keep_default_na`` is off: only ``na_values`` mean missing (``"NA"`` is
    Namibia in several files). Raises :class:`SourceError` for an empty,
    truncated, binary or wrongly-encoded file and :class:`SchemaError` when a
    required column is absent (which also catches a wrong delimiter).
    """
    path = Path(path)
    _sniff_binary(path)
    try:
        df = pd.read_csv(
            path,
            sep=sep,
            dtype=dtype if dtype is not None else None,
            keep_default_na=False,
            na_values=list(na_values),
            usecols=usecols,
            encoding=encoding,
            low_memory=False,
        )
    except pd.errors.EmptyDataError as exc:
        raise SourceError("file is empty", file=path, hint="download the file again") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"file is not valid {encoding} (byte {exc.object[exc.start : exc.start + 1]!r} "
            f"at offset {exc.start})",
            file=path,
            value=exc.object[exc.start : exc.start + 8],
            hint=f"re-encode the file as {encoding}",
        ) from exc
    except (pd.errors.ParserError, csv.Error, EOFError, OSError) as exc:
        raise SourceError(
            f"cannot parse file: {exc}", file=path, hint="the file may be truncated or corrupted"
        ) from exc
    except ValueError as exc:  # usecols not found, bad dtype conversion
        raise SchemaError(f"cannot read columns: {exc}", file=path) from exc
    if len(required):
        if df.shape[1] == 1 and any(ch in str(df.columns[0]) for ch in ";\t|"):
            raise SchemaError(
                f"only one column found; the file does not look {sep!r}-delimited",
                file=path,
                field=str(df.columns[0])[:60],
                hint="use the official release layout",
            )
        require_columns(df, required, name=str(path))
    if len(df) == 0:
        raise SourceError("file has a header but no rows", file=path)
    return df


def numeric(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    file: str | os.PathLike[str],
    sentinels: Iterable[float] = (),
    integer: bool = False,
    min_value: float | None = None,
    max_value: float | None = None,
) -> pd.DataFrame:
    """Convert ``columns`` to numbers in place and return ``df``.

    Values in ``sentinels`` become missing. Text that is not a number raises a
    :class:`SchemaError` naming the file, column and value. With ``integer``
    the column becomes nullable ``Int64`` and fractional values are errors.
    Bounds are checked after sentinels are removed.
    """
    sentinel_arr = np.asarray(tuple(sentinels), dtype="float64")
    for col in columns:
        s = df[col]
        if pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s):
            # already numbers (Parquet, or parsed by pandas): no text to check, which
            # saves seconds on a million rows
            vals = s.to_numpy(dtype="float64", na_value=np.nan)
        else:
            conv = pd.to_numeric(s, errors="coerce")
            bad = conv.isna() & s.notna() & (s.astype(str).str.strip() != "")
            if bad.any():
                raise SchemaError(
                    "value is not a number", file=file, field=col, value=s[bad].iloc[0]
                )
            vals = conv.to_numpy(dtype="float64", na_value=np.nan)
        if sentinel_arr.size:
            vals = np.where(np.isin(vals, sentinel_arr), np.nan, vals)
        for test, label in (
            (np.isinf(vals), "infinite value"),
            (
                vals < min_value if min_value is not None else None,
                f"value below the minimum {min_value}",
            ),
            (
                vals > max_value if max_value is not None else None,
                f"value above the maximum {max_value}",
            ),
            (
                (~np.isnan(vals) & (vals != np.round(vals))) if integer else None,
                "expected a whole number",
            ),
        ):
            if test is not None and test.any():
                first = float(vals[test][0])
                raise SchemaError(
                    label,
                    file=file,
                    field=col,
                    value=int(first) if first.is_integer() else first,
                )
        if integer:
            mask = np.isnan(vals)
            df[col] = pd.arrays.IntegerArray(np.where(mask, 0, vals).astype("int64"), mask)
        else:
            df[col] = vals
    return df


def checksum(paths: Sequence[Path]) -> str:
    """SHA-256 of one file, or of the sorted ``name:sha256`` lines of several."""
    if len(paths) == 1:
        return sha256_file(paths[0])
    lines = sorted(f"{Path(p).name}:{sha256_file(p)}" for p in paths)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def finish(
    df: pd.DataFrame,
    info: SourceInfo,
    paths: Sequence[Path],
    *,
    units: Mapping[str, str] | None = None,
    notes: Iterable[str] = (),
) -> pd.DataFrame:
    """Attach provenance and units to a loaded frame and return it."""
    rec = SourceRecord(
        id=info.id,
        version=info.version,
        checksum=checksum(paths),
        files=tuple(Path(p).name for p in paths),
        citation=info.citation_key,
    )
    prov = Provenance(sources=(rec,), citations=(info.citation_key,))
    for note in notes:
        prov = prov.with_note(note)
    attach(df, prov)
    set_units(df, {k: v for k, v in {**info.units, **(units or {})}.items() if k in df.columns})
    return df
