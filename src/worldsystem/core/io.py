"""Small file utilities shared by the layers that write: atomic writes and checksums."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text", "sha256_file"]


@contextlib.contextmanager
def atomic_path(target: str | os.PathLike[str], *, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path beside ``target``; move it into place on success.

    On any exception the temporary file is removed and ``target`` is left as it
    was, so nothing half-written is ever visible under ``target``'s name.
    """
    target = Path(target)
    if target.parent.exists() and not target.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(target.parent))
    target.parent.mkdir(parents=True, exist_ok=True)
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


TABLE_FORMATS = ("csv", "parquet", "json")


def write_frame(df, path: str | os.PathLike[str], fmt: str | None = None) -> Path:
    """Write a frame atomically as CSV, Parquet or JSON, with its provenance.

    The format comes from ``fmt`` or the file suffix. Provenance
    (``df.attrs["provenance"]``) and units are written to ``<path>.provenance.json``
    beside the table (and into the Parquet schema metadata), so an output file
    always says where its numbers come from. Nothing is left behind on failure.
    """
    import json

    from worldsystem.core.errors import WorldsystemError
    from worldsystem.core.provenance import get, get_units

    path = Path(path)
    fmt = (fmt or path.suffix.lstrip(".") or "csv").lower()
    if fmt not in TABLE_FORMATS:
        raise WorldsystemError(
            f"unknown output format {fmt!r}",
            field="format",
            value=fmt,
            hint=f"use one of {', '.join(TABLE_FORMATS)}",
        )
    meta = {"provenance": get(df).to_dict(), "units": get_units(df)}
    meta_text = json.dumps(meta, sort_keys=True, indent=2, default=str)
    with atomic_path(path) as tmp:
        if fmt == "csv":
            df.to_csv(tmp, index=False)
        elif fmt == "json":
            tmp.write_text(df.to_json(orient="records", indent=1, date_format="iso"), "utf-8")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            clean = df.copy()
            clean.attrs = {}
            table = pa.Table.from_pandas(clean, preserve_index=False)
            md = dict(table.schema.metadata or {})
            md[b"worldsystem"] = meta_text.encode()
            pq.write_table(table.replace_schema_metadata(md), tmp)
        atomic_write_text(path.with_name(path.name + ".provenance.json"), meta_text)
    return path
