"""Read a source's files in whichever layout the user has: detect by content, then parse.

A loader asks for one of its tables (for example ``pwt1001.csv.gz``). The file
on disk is either that tidy layout or one of the files the producer distributes
(``pwt1001.xlsx``, ``pwt1001.dta``, a zip of CSVs ...), listed by name pattern
in the catalogue entry (:attr:`SourceInfo.official
<worldsystem.sources.base.SourceInfo.official>`). This module

1. resolves the file (:meth:`SourceInfo.resolve
   <worldsystem.sources.base.SourceInfo.resolve>`: the tidy name first, then
   the official patterns);
2. detects its format **from its bytes** (:func:`sniff`), not from its name:
   Parquet (``PAR1``), an xlsx workbook (a zip holding ``xl/workbook.xml``),
   any other zip, a Stata ``.dta`` (``<stata_dta>`` or the binary 113-115
   header), a legacy ``.xls`` (OLE2, refused with a fix), gzip, or text (comma-
   or tab-separated, e.g. a Dataverse ``.tab``);
3. parses it with the one reader of that format (:func:`read_table`): a zip is
   opened and its data member (chosen by name pattern) read by content again;
   a workbook sheet is chosen by name and its header row found by the column
   names; a Stata file goes through :func:`pandas.read_stata`;
4. hands the frame to the loader's ``convert`` function, which maps the
   official columns onto the tidy ones. The loader's own checks then run on
   the result, whichever layout was read, so every layout gives the same frame.

Errors name the file (``archive.zip!member`` inside a zip, ``book.xlsx [sheet
'Data']`` inside a workbook), the field and the value, with a fix.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import layouts
from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.core.schema import require_columns
from worldsystem.sources import base
from worldsystem.sources.base import SourceInfo

__all__ = [
    "KINDS",
    "Found",
    "Sheet",
    "load_table",
    "open_workbook",
    "read_dta",
    "read_sheet",
    "read_table",
    "renamed",
    "sheet_rows",
    "sniff",
    "text_dtype",
]

#: The formats :func:`sniff` tells apart.
KINDS = ("parquet", "xlsx", "xls", "zip", "dta", "gzip", "text")

#: Extensions of the data members looked for in a zip when no pattern is given.
_DATA_MEMBERS = ("*.csv", "*.tab", "*.tsv", "*.txt", "*.dta", "*.xlsx")


def sniff(path: str | os.PathLike[str]) -> str:
    """The format of ``path`` from its first bytes: one of :data:`KINDS`.

    Raises
    ------
    SourceError
        The file cannot be read or is empty.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(512)
    except OSError as exc:
        raise SourceError(f"cannot read file ({exc.strerror or exc})", file=path) from exc
    if not head:
        raise SourceError("file is empty", file=path, hint="download the file again")
    if head.startswith(b"PAR1"):
        return "parquet"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise SourceError(
                f"file starts like a zip archive but is not a readable one ({exc})",
                file=path,
                value=head[:4],
                hint="the download is truncated or corrupted; download it again",
            ) from exc
        return "xlsx" if "xl/workbook.xml" in names else "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if head.startswith(b"<stata_dta>") or (head[0] in (0x71, 0x72, 0x73) and head[1] in (1, 2)):
        return "dta"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    return "text"


@dataclass(frozen=True)
class Found:
    """A table read from disk.

    ``path`` is the file on disk (checksummed into provenance); ``where`` names
    the table for messages (the path, ``path!member`` or ``path [sheet 'X']``);
    ``kind`` is the detected format and ``official`` whether the file was not
    the tidy layout.
    """

    frame: pd.DataFrame
    path: Path
    where: str
    kind: str
    official: bool

    @property
    def notes(self) -> list[str]:
        """Provenance note naming the official file read (empty for the tidy layout)."""
        if not self.official:
            return []
        return [f"read from the producer's distributed file {self.where} (format {self.kind})"]


@dataclass(frozen=True)
class Sheet:
    """Where a table sits in a workbook.

    ``names`` are accepted sheet names (exact; the first match wins) and
    ``pattern`` a regular expression tried after them. The header row is the
    first row that holds every name in ``header`` (rows above it are titles and
    notes).
    """

    names: tuple[str, ...] = ()
    pattern: str | None = None
    header: tuple[str, ...] = ()
    #: the table ends at the first empty row (else empty rows are skipped)
    stop_at_blank: bool = True

    def choose(self, sheetnames: Sequence[str], path: Path) -> str:
        for n in self.names:
            if n in sheetnames:
                return n
        if self.pattern is not None:
            for n in sheetnames:
                if re.fullmatch(self.pattern, n.strip()):
                    return n
        if not self.names and self.pattern is None:
            return sheetnames[0]
        wanted = self.names[0] if self.names else self.pattern
        raise SchemaError(
            f"sheet {wanted!r} not found; the workbook has {list(sheetnames)}",
            file=path,
            field="sheet",
            value=wanted,
            hint="use the workbook as the producer distributes it",
        )


def _relabel(exc: WorldsystemError, where: str) -> WorldsystemError:
    """The same error, naming ``where`` instead of a temporary file."""
    kwargs: dict[str, Any] = {
        "file": where,
        "field": exc.field,
        "value": exc.value,
        "hint": exc.hint,
    }
    if getattr(exc, "line", None) is not None:
        kwargs["line"] = exc.line
    try:
        return type(exc)(exc.message, **kwargs)
    except TypeError:  # pragma: no cover - a subclass with another signature
        return exc


def _matches(name: str, patterns: Sequence[str]) -> bool:
    low = name.lower()
    return any(fnmatch.fnmatchcase(low, p.lower()) for p in patterns)


def _zip_member(zf: zipfile.ZipFile, path: Path, members: Sequence[str]) -> str:
    files = [n for n in zf.namelist() if not n.endswith("/") and "__MACOSX" not in n]
    for pattern in members or ("",):
        hits = [n for n in files if _matches(Path(n).name, [pattern] if pattern else _DATA_MEMBERS)]
        if len(hits) == 1 or (hits and pattern):
            return sorted(hits)[0]
        if len(hits) > 1:
            raise SchemaError(
                "the zip holds several data files; cannot tell which to read",
                file=path,
                field="member",
                value=", ".join(sorted(hits)[:5]),
                hint="unzip the file the source needs into the source folder",
            )
    raise SchemaError(
        f"the zip holds no file named like {list(members) or list(_DATA_MEMBERS)}",
        file=path,
        field="member",
        value=", ".join(files[:8]) or "(empty archive)",
        hint="use the zip as the producer distributes it, or unzip the right file here",
    )


def open_workbook(path: Path):
    """Open an xlsx workbook read-only (values, not formulas); SourceError if unreadable."""
    import openpyxl

    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # zipfile.BadZipFile, KeyError, openpyxl's own errors
        raise SourceError(
            f"file is not a readable .xlsx workbook ({type(exc).__name__}: {exc})",
            file=path,
            hint="the download is truncated or corrupted; download the workbook again",
        ) from exc


def sheet_rows(wb, sheet: Sheet, path: Path) -> tuple[str, Any]:
    """``(where, rows iterator)`` of the sheet chosen by ``sheet`` in ``wb``."""
    name = sheet.choose(wb.sheetnames, path)
    return f"{path} [sheet {name!r}]", wb[name].iter_rows(values_only=True)


def _clean_cell(v: Any) -> Any:
    if isinstance(v, str):
        v = v.strip()
        return v if v else None
    return v


def read_sheet(path: Path, sheet: Sheet) -> tuple[pd.DataFrame, str]:
    """The table of one sheet as text/number cells (``None`` = empty); ``(frame, where)``."""
    wb = open_workbook(path)
    try:
        where, rows = sheet_rows(wb, sheet, path)
        want = set(sheet.header)
        header = None
        for row in rows:
            cells = [_clean_cell(v) for v in row]
            if want <= {str(c) for c in cells if c is not None} and any(cells):
                header = cells
                break
        if header is None:
            raise SchemaError(
                f"no header row with the columns {list(sheet.header)}",
                file=where,
                field=sheet.header[0] if sheet.header else None,
                hint="use the sheet as the producer distributes it",
            )
        width = max(i for i, c in enumerate(header) if c is not None) + 1
        names = [str(c) if c is not None else "" for c in header[:width]]
        records = []
        for row in rows:
            cells = [_clean_cell(v) for v in row[:width]]
            if not any(c is not None for c in cells):
                if sheet.stop_at_blank:
                    break
                continue
            records.append(cells + [None] * (width - len(cells)))
    finally:
        wb.close()
    keep = [i for i, n in enumerate(names) if n]
    df = pd.DataFrame([[r[i] for i in keep] for r in records], columns=[names[i] for i in keep])
    if df.empty:
        raise SourceError("sheet has a header but no rows", file=where)
    return df.astype(object).where(df.notna(), None), where


def read_dta(path: Path) -> pd.DataFrame:
    """A Stata file's data (value labels not applied); SourceError if unreadable."""
    try:
        df = pd.read_stata(path, convert_categoricals=False, convert_dates=False)
    except Exception as exc:  # ValueError, struct.error, UnicodeDecodeError ...
        raise SourceError(
            f"file is not a readable Stata .dta file ({type(exc).__name__}: {exc})",
            file=path,
            hint="the download is truncated or corrupted; download it again",
        ) from exc
    if df.empty:
        raise SourceError("Stata file has variables but no observations", file=path)
    return df


def _text_sep(path: Path, kind: str) -> str:
    """``"\\t"`` when the header line has more tabs than commas (a .tab/.tsv file)."""
    import gzip

    try:
        with gzip.open(path, "rb") if kind == "gzip" else path.open("rb") as fh:
            first = fh.readline(1 << 20)
    except (OSError, EOFError):
        return ","  # the strict reader names the damage
    return "\t" if first.count(b"\t") > first.count(b",") else ","


def read_table(
    path: str | os.PathLike[str],
    *,
    required: Sequence[str] = (),
    dtype: Mapping[str, Any] | None = None,
    members: Sequence[str] = (),
    sheet: Sheet | None = None,
    parsers: Mapping[str, Callable[[Path], pd.DataFrame]] | None = None,
) -> tuple[pd.DataFrame, str, str]:
    """Read ``path`` by its content; ``(frame, where, kind)``.

    Parameters
    ----------
    path
        The file.
    required
        Columns a text, Stata or sheet table must have (checked with a clear
        error; the sheet's header row is found by them unless ``sheet.header``
        is given).
    dtype
        Column dtypes for text tables (as :func:`base.read_csv`).
    members
        File-name patterns of the data member inside a zip, in order of
        preference (default: the only CSV/TAB/DTA/XLSX member).
    sheet
        Which sheet of a workbook and how to find its header.
    parsers
        Readers that replace the generic one for a format (``"xlsx"`` for a
        workbook laid out as a matrix, as the WIOD tables are).
    """
    path = Path(path)
    kind = sniff(path)
    parsers = parsers or {}
    if kind in parsers:
        return parsers[kind](path), str(path), kind
    if kind == "parquet":
        from worldsystem.sources import _cow

        return _cow.read_parquet(path, required=required), str(path), kind
    if kind in ("text", "gzip"):
        sep = _text_sep(path, kind)
        df = base.read_csv(path, required=required, dtype=dtype, sep=sep)
        return df, str(path), kind
    if kind == "dta":
        df = read_dta(path)
        _require(df, required, path)
        return _apply_dtype(df, dtype), str(path), kind
    if kind == "xlsx":
        sh = sheet or Sheet()
        if not sh.header:
            sh = Sheet(sh.names, sh.pattern, tuple(required), sh.stop_at_blank)
        df, where = read_sheet(path, sh)
        _require(df, required, where)
        return _apply_dtype(df, dtype), where, kind
    if kind == "xls":
        raise SourceError(
            "legacy Excel .xls workbooks are not read",
            file=path,
            value="OLE2 (.xls)",
            hint="open it in a spreadsheet program and save it as .xlsx, or use the .xlsx/.csv "
            "release",
        )
    # a zip: read the data member by its own content
    try:
        with zipfile.ZipFile(path) as zf:
            member = _zip_member(zf, path, members)
            where = f"{path}!{member}"
            with tempfile.TemporaryDirectory(prefix="worldsystem-zip-") as tmp:
                target = Path(tmp) / Path(member).name
                try:
                    with zf.open(member) as src, target.open("wb") as dst:
                        while chunk := src.read(1 << 20):
                            dst.write(chunk)
                except (zipfile.BadZipFile, EOFError, OSError, zipfile.LargeZipFile) as exc:
                    raise SourceError(
                        f"cannot extract the member from the zip ({exc})",
                        file=where,
                        hint="the archive is truncated or corrupted; download it again",
                    ) from exc
                try:
                    df, inner, kind = read_table(
                        target, required=required, dtype=dtype, sheet=sheet, parsers=parsers
                    )
                except WorldsystemError as exc:
                    raise _relabel(exc, where) from exc
                inner = inner.replace(str(target), where)
                return df, inner, f"zip/{kind}"
    except zipfile.BadZipFile as exc:
        raise SourceError(
            f"not a readable zip archive ({exc})",
            file=path,
            hint="the download is truncated or corrupted; download it again",
        ) from exc


def text_dtype() -> Any:
    """The dtype :func:`pandas.read_csv` gives a ``dtype=str`` column (object or str)."""
    return pd.read_csv(io.StringIO("a\nx\n"), dtype=str)["a"].dtype


def _apply_dtype(df: pd.DataFrame, dtype: Mapping[str, Any] | None) -> pd.DataFrame:
    """Give a sheet's or Stata file's columns the dtypes a CSV read with ``dtype`` has."""
    for col, want in (dtype or {}).items():
        if col not in df.columns:
            continue
        s = df[col].astype(object)
        missing = s.isna() | (s == "")
        if want is str or want == "str":
            s = s.map(str).where(~missing, np.nan).astype(text_dtype())
        else:
            s = s.where(~missing, np.nan).astype(want)
        df[col] = s
    return df


def _require(df: pd.DataFrame, required: Sequence[str], where: str | Path) -> None:
    require_columns(df, required, name=str(where))


def renamed(
    mapping: Mapping[str, str], required: Sequence[str] = ()
) -> Callable[[pd.DataFrame, str], pd.DataFrame]:
    """A ``convert`` for :class:`Spec` that renames official columns to tidy ones.

    ``mapping`` is official name -> tidy name (names already tidy are kept, so a
    zip holding the tidy CSV also reads); afterwards the ``required`` tidy
    columns must be present (SchemaError naming the file and the column).
    """

    def convert(df: pd.DataFrame, where: str) -> pd.DataFrame:
        have = {k: v for k, v in mapping.items() if k in df.columns and v not in df.columns}
        out = df.rename(columns=have)
        _require(out, required, where)
        return out

    return convert


@dataclass(frozen=True)
class Spec:
    """How a loader reads one table in any accepted layout (see :func:`load_table`).

    ``tidy`` reads the tidy file (``filename``, of format ``tidy_kinds[0]``);
    official files go through :func:`read_table` and ``convert``.
    """

    filename: str
    tidy: Callable[[Path], pd.DataFrame]
    tidy_kinds: tuple[str, ...] = ("text", "gzip")
    required: tuple[str, ...] = ()
    dtype: Mapping[str, Any] | None = None
    members: tuple[str, ...] = ()
    sheet: Sheet | None = None
    parsers: Mapping[str, Callable[[Path], pd.DataFrame]] = field(default_factory=dict)
    convert: Callable[[pd.DataFrame, str], pd.DataFrame] | None = None


def load_table(info: SourceInfo, spec: Spec, data: str | os.PathLike[str] | None = None) -> Found:
    """Find and read table ``spec.filename`` of ``info`` in any accepted layout.

    The tidy file (``spec.filename``) is read by the loader's own reader exactly
    as before (it rejects content of another format with its own clear error).
    An official file matched by :attr:`SourceInfo.official` is read by
    :func:`read_table`, whatever its extension says, and mapped to the tidy
    columns by ``spec.convert`` (which must also accept the tidy columns, as a
    zip may hold a tidy CSV).

    Raises
    ------
    SourceError
        No file in any accepted layout, or the file is unreadable.
    SchemaError
        The file's content does not have the expected sheet, member or columns.
    """
    path = base.locate(info, spec.filename, data)
    if path.name == spec.filename:
        return Found(spec.tidy(path), path, str(path), spec.tidy_kinds[0], official=False)
    df, where, kind = read_table(
        path,
        required=spec.required,
        dtype=spec.dtype,
        members=spec.members,
        sheet=spec.sheet,
        parsers=spec.parsers,
    )
    if spec.convert is not None:
        df = spec.convert(df, where)
    tidy = layouts.layout_for(f"{info.id}/{spec.filename}")
    if tidy is not None:  # the tidy file's bounds hold whatever layout was read
        base.validate_frame(df, where, layout=dataclasses.replace(tidy, open=True))
    return Found(df, path, where, kind, official=True)
