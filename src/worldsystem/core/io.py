"""Small file utilities shared by the layers that write: atomic writes and checksums."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Collection, Iterator
from pathlib import Path

__all__ = [
    "TABLE_FORMATS",
    "atomic_dir",
    "atomic_path",
    "atomic_write_bytes",
    "atomic_write_text",
    "check_output_file",
    "check_output_folder",
    "sha256_file",
    "table_format",
    "write_frame",
]


@contextlib.contextmanager
def atomic_path(
    target: str | os.PathLike[str], *, suffix: str = "", create_parent: bool = True
) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place on success.

    On any exception the temporary file is removed and ``target`` is left as it
    was, so nothing half-written is ever visible under ``target``'s name. The
    folder of ``target`` is created unless ``create_parent`` is false (then a
    missing folder is a :class:`FileNotFoundError` naming it).
    """
    target = Path(target)
    if target.parent.exists() and not target.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent))
    if create_parent:
        target.parent.mkdir(parents=True, exist_ok=True)
    elif not target.parent.exists():
        raise FileNotFoundError(errno.ENOENT, "the folder does not exist", str(target.parent))
    try:
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=suffix + ".tmp", dir=target.parent
        )
    except OSError as exc:
        # name the file the caller asked for, not the hidden temporary one
        # (OSError(errno, ...) picks the matching subclass, e.g. PermissionError)
        raise OSError(exc.errno, exc.strerror, str(target)) from exc
    os.close(fd)
    tmp_path = Path(tmp)
    # mkstemp creates 0600 files; give the result the usual umask-based mode.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp_path, 0o666 & ~umask)
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def check_output_folder(
    target: str | os.PathLike[str], *, replaceable: Collection[str] = ()
) -> Path:
    """Refuse an output folder that :func:`atomic_dir` must not replace.

    ``target`` may be missing, an empty folder, or a folder holding only entries
    named in ``replaceable`` (the files a previous run of the same command wrote,
    e.g. ``index.html`` and ``tables``). A file, or a folder with anything else
    in it, is refused: replacing it would delete what the user put there.
    """
    import errno

    target = Path(target)
    ancestor = target.parent
    while not ancestor.exists() and ancestor != ancestor.parent:
        ancestor = ancestor.parent
    if not ancestor.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(ancestor))
    if target.exists() and not target.is_dir():
        raise FileExistsError(
            errno.EEXIST, "the output folder exists and is a file; give a folder", str(target)
        )
    if target.is_dir():
        foreign = sorted(p.name for p in target.iterdir() if p.name not in replaceable)
        if foreign:
            raise FileExistsError(
                errno.EEXIST,
                "the output folder holds files this command did not write "
                f"({', '.join(foreign[:3])}{', ...' if len(foreign) > 3 else ''}); "
                "give a new or empty folder",
                str(target),
            )
    return target


@contextlib.contextmanager
def atomic_dir(
    target: str | os.PathLike[str], *, replaceable: Collection[str] = ()
) -> Iterator[Path]:
    """Yield a new temporary folder beside ``target``; swap it in whole on success.

    Everything is written into the temporary sibling. On success an existing
    ``target`` (checked by :func:`check_output_folder`) is renamed aside, the new
    folder renamed into place and the old one removed; on any failure (a full
    disk, Ctrl-C) the temporary folder is removed and ``target`` is left exactly
    as it was, so a reader never sees a folder mixing two runs. Missing parent
    folders are created.
    """
    target = check_output_folder(target, replaceable=replaceable)
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    _remove_stale_siblings(target)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)
    try:
        yield tmp
        old = None
        if target.exists():
            check_output_folder(target, replaceable=replaceable)  # unchanged meanwhile?
            old = parent / f".{target.name}.{uuid.uuid4().hex[:8]}.old"
            os.rename(target, old)
        try:
            os.rename(tmp, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


#: A temporary sibling older than this (seconds) is left from a killed run.
STALE_SECONDS = 3600


def _remove_stale_siblings(target: Path) -> None:
    """Remove ``.<name>.*.tmp`` / ``.old`` folders a killed run (kill -9) left beside
    ``target``. Only old ones: a run writing right now is never touched (the folder
    exists only while the finished output is written)."""
    import time

    now = time.time()
    for p in target.parent.glob(f".{target.name}.*"):
        if p.suffix in (".tmp", ".old") and p.is_dir() and not p.is_symlink():
            with contextlib.suppress(OSError):
                if now - p.stat().st_mtime > STALE_SECONDS:
                    shutil.rmtree(p, ignore_errors=True)


def atomic_write_bytes(target: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with atomic_path(target) as tmp:
        tmp.write_bytes(data)
    return Path(target)


def atomic_write_text(target: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``target`` atomically."""
    return atomic_write_bytes(target, text.encode(encoding))


_SHA_CACHE: dict[tuple[str, int, int], str] = {}


def sha256_file(path: str | os.PathLike[str]) -> str:
    """SHA-256 hex digest of a file, memoised on (path, size, mtime)."""
    p = Path(path)
    st = p.stat()
    key = (str(p.resolve()), st.st_size, st.st_mtime_ns)
    hit = _SHA_CACHE.get(key)
    if hit is not None:
        return hit
    h = hashlib.sha256()
    with p.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    digest = h.hexdigest()
    _SHA_CACHE[key] = digest
    return digest


#: Table formats :func:`write_frame` writes, and the file suffixes that name them.
TABLE_FORMATS = ("csv", "parquet", "json", "xlsx")
_SUFFIX_FORMATS = {
    ".csv": "csv",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".json": "json",
    ".xlsx": "xlsx",
}
#: Formats that cannot be written to a terminal (binary): they need a file.
BINARY_FORMATS = ("parquet", "xlsx")


def table_format(path: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """The format to write ``path`` in: ``fmt``, else the file suffix, else CSV.

    The rule, the same for every command's ``--out`` and ``--format``:

    * ``fmt`` must be one of :data:`TABLE_FORMATS`;
    * a suffix that names a table format (``.csv``, ``.parquet``/``.pq``,
      ``.json``, ``.xlsx``) must agree with ``fmt`` when both are given: ``--format
      parquet --out y.csv`` is an error, never parquet bytes in a ``.csv`` file;
    * any other suffix (``.txt``) needs ``fmt``; a file without a suffix, or no
      file (stdout), is CSV unless ``fmt`` says otherwise.

    >>> table_format("x.parquet"), table_format("x.out", "json"), table_format(None)
    ('parquet', 'json', 'csv')
    >>> table_format("y.csv", "parquet")
    Traceback (most recent call last):
    ...
    worldsystem.core.errors.WorldsystemError: --format parquet does not match the file name ...
    """
    from worldsystem.core.errors import WorldsystemError

    if fmt is not None:
        fmt = str(fmt).lower()
        if fmt not in TABLE_FORMATS:
            raise WorldsystemError(
                "unknown output format",
                field="format",
                value=fmt,
                hint=f"use one of {', '.join(TABLE_FORMATS)}",
            )
    implied = None if path is None else _SUFFIX_FORMATS.get(Path(path).suffix.lower())
    if fmt is not None and implied is not None and implied != fmt:
        raise WorldsystemError(
            f"--format {fmt} does not match the file name {Path(path).name!r} ({implied})",
            field="format",
            value=fmt,
            hint=f"name the file *.{fmt}, or drop --format to write {implied}",
        )
    if fmt is None and implied is None and path is not None and Path(path).suffix:
        raise WorldsystemError(
            f"cannot tell the output format from the file name {Path(path).name!r}",
            field="format",
            value=Path(path).suffix,
            hint=f"name the file *.csv (or {', '.join(TABLE_FORMATS[1:])}), or give --format",
        )
    return fmt or implied or "csv"


def check_output_file(path: str | os.PathLike[str]) -> Path:
    """Refuse an output file whose folder is missing, or that is a folder itself.

    Called before any work is done, so that a long run does not end in an
    unwritable ``--out``. Folders are never created for an output file.
    """
    import errno

    path = Path(path)
    parent = path.parent
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "the output file is a folder", str(path))
    if not parent.exists():
        raise FileNotFoundError(
            errno.ENOENT, "the folder of the output file does not exist", str(parent)
        )
    if not parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(parent))
    return path


def write_frame(df, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a frame atomically as CSV, Parquet, JSON or Excel, with its provenance.

    The format follows :func:`table_format` (``fmt``, else the file suffix).
    Provenance (``df.attrs["provenance"]``) and units are written to
    ``<path>.provenance.json`` beside the table (and into the Parquet schema
    metadata), so an output file always says where its numbers come from. The
    folder must exist (:func:`check_output_file`). The table and its sidecar are
    written to temporary files first; the table is moved into place, then the
    sidecar, so a sidecar never describes a table that was not written, and
    nothing is left behind on failure.
    """
    import json

    from worldsystem.core.provenance import get, get_units

    path = check_output_file(path)
    fmt = table_format(path, fmt)
    meta = {"provenance": get(df).to_dict(), "units": get_units(df)}
    meta_text = json.dumps(meta, sort_keys=True, indent=2, default=str)
    sidecar = path.with_name(path.name + ".provenance.json")
    # the sidecar's context is the outer one: the table is moved into place first
    with (
        atomic_path(sidecar, create_parent=False) as tmp_meta,
        atomic_path(path, create_parent=False) as tmp,
    ):
        if fmt == "csv":
            df.to_csv(tmp, index=False)
        elif fmt == "json":
            tmp.write_text(df.to_json(orient="records", indent=1, date_format="iso"), "utf-8")
        elif fmt == "xlsx":
            _write_xlsx(df, tmp, meta_text)
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            clean = df.copy()
            clean.attrs = {}
            table = pa.Table.from_pandas(clean, preserve_index=False)
            md = dict(table.schema.metadata or {})
            md[b"worldsystem"] = meta_text.encode()
            pq.write_table(table.replace_schema_metadata(md), tmp)
        tmp_meta.write_text(meta_text, "utf-8")
    return path


def _write_xlsx(df, path: Path, meta_text: str) -> None:
    """One ``data`` sheet (text is always text: a cell starting with ``=`` is not
    a formula) and a ``provenance`` sheet with the sidecar's JSON, line by line."""
    import math

    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("data")

    def cell(value):
        if value is None or (isinstance(value, float) and math.isnan(value)):
            value = None
        elif hasattr(value, "item") and not isinstance(value, str):
            value = value.item()  # numpy scalar -> Python
        if value is not None and not isinstance(value, int | float | str | bool):
            value = str(value)
        c = WriteOnlyCell(ws, value=value)
        if isinstance(value, str):
            c.data_type = "s"  # never a formula
        return c

    ws.append([cell(str(c)) for c in df.columns])
    for row in df.itertuples(index=False, name=None):
        ws.append([cell(None if _missing(v) else v) for v in row])
    prov = wb.create_sheet("provenance")
    for line in meta_text.splitlines():
        prov.append([cell(line)])
    wb.save(path)


def _missing(value) -> bool:
    try:
        import pandas as pd

        return not isinstance(value, str) and bool(pd.isna(value))
    except (TypeError, ValueError):
        return False
