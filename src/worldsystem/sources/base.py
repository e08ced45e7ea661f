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
import errno
import fnmatch
import gzip
import hashlib
import io
import os
import re
import zlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import config, layouts
from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.io import sha256_file
from worldsystem.core.provenance import Provenance, SourceRecord, attach, set_units
from worldsystem.core.schema import require_columns

__all__ = [
    "COW_SENTINELS",
    "MANIFEST",
    "CsvStructure",
    "RemoteFile",
    "SourceInfo",
    "check_csv",
    "checksum",
    "finish",
    "locate",
    "manifests",
    "numeric",
    "read_bytes",
    "read_csv",
    "read_head",
    "read_manifest",
    "read_parquet",
    "require_magic",
    "unreadable_error",
    "validate_frame",
    "verify_manifest",
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
    #: A source distributed as one file (or unpacked folder) per year: a regular
    #: expression the names in the source folder are matched against (whole name),
    #: and how a user would write the name (``"IOT_{year}_pxp.zip"``). The source is
    #: available when every file of :attr:`files` is present and at least one name
    #: matches: a user holds the years they fetched, not a particular one.
    year_pattern: str = ""
    year_label: str = ""

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
        """Required files not found; for a per-year source, its year files if none is."""
        missing = [f for f in self.files if self.resolve(f, data) is None]
        if self.year_pattern and not self.year_entries(data):
            missing.append(self.year_label or self.year_pattern)
        return missing

    def year_entries(self, data: str | os.PathLike[str] | None = None) -> list[Path]:
        """Entries of the source folder whose names match :attr:`year_pattern`."""
        folder = self.folder(data)
        if not self.year_pattern or not folder.is_dir():
            return []
        pat = re.compile(self.year_pattern)
        return sorted(p for p in folder.iterdir() if pat.fullmatch(p.name))

    def available(self, data: str | os.PathLike[str] | None = None) -> bool:
        return not self.missing_files(data)


def locate(info: SourceInfo, filename: str, data: str | os.PathLike[str] | None = None) -> Path:
    """Path of ``filename`` of source ``info`` (or of an official file standing in for
    it, see :attr:`SourceInfo.official`); SourceError with the fix if absent.

    A symlink loop or a directory in the file's place is named as such. When the
    data folder (or the source folder) has a ``SHA256SUMS`` manifest, the file
    found must be listed in it with its digest (:func:`verify_manifest`).
    """
    path = info.folder(data) / filename
    if path.is_symlink():  # a loop or dangling link is an error, not a missing file
        try:
            path.stat()
        except OSError as exc:
            raise unreadable_error(path, exc) from exc
    found = info.resolve(filename, data)
    if found is None:
        if path.is_dir():
            raise SourceError(
                f"{info.name}: a directory stands where the file should be",
                file=path,
                hint=f"replace it with the file {info.id}/{filename} of the release",
            )
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
    # a manifest in the data folder is verified on every read: the digest is the
    # one the provenance records anyway (memoised), so this costs no extra pass
    for mpath, entries, prefix in manifests(config.data_dir(data), info.id):
        verify_manifest(found, prefix + found.name, entries, mpath)
    return found


def unreadable_error(path: Path, exc: OSError) -> SourceError:
    """The :class:`SourceError` for an ``OSError`` reading ``path``, with the fix."""
    reason = exc.strerror or type(exc).__name__
    hints = {
        errno.ELOOP: "the path is a symlink loop; point it at the real file",
        errno.EACCES: "make the file readable (chmod a+r) or run as its owner",
        errno.EISDIR: "a directory stands where the file should be; replace it with the file",
        errno.ENOENT: "put the file in place (see `worldsystem data info`)",
    }
    return SourceError(
        f"cannot read file ({reason})",
        file=path,
        hint=hints.get(exc.errno, "check the path and its permissions"),
    )


def read_head(path: str | os.PathLike[str], n: int) -> bytes:
    """The first ``n`` bytes of ``path``; :class:`SourceError` if it cannot be read."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            return fh.read(n)
    except OSError as exc:
        raise unreadable_error(path, exc) from exc


def require_magic(path: Path, magic: bytes, what: str) -> None:
    """:class:`SourceError` unless ``path`` starts with ``magic`` (e.g. ``PAR1``)."""
    head = read_head(path, len(magic))
    if head != magic:
        raise SourceError(
            f"file is not {what} (it does not start with {magic!r})",
            file=path,
            value=head,
            hint="replace it with the file of the release",
        )


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The bytes of ``path`` (a ``.gz`` file is decompressed), read in one go.

    Every way a file can be unreadable becomes a :class:`SourceError` naming
    the file: absent, a directory, a symlink loop, permission denied, an I/O
    error, and a gzip stream that is truncated, corrupted (CRC) or not gzip.
    """
    path = Path(path)
    try:
        with path.open("rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise unreadable_error(path, exc) from exc
    if path.suffix == ".gz" or raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as exc:
            raise SourceError(
                f"gzip file is truncated or corrupted ({exc})",
                file=path,
                hint="the download was cut or damaged; download the file again",
            ) from exc
    return raw


#: Name of the checksum manifest of a data folder (``sha256sum`` format).
MANIFEST = "SHA256SUMS"

_MANIFEST_LINE = re.compile(r"^([0-9a-fA-F]{64}) [ *](.+)$")
_MANIFEST_CACHE: dict[tuple[str, int, int], dict[str, str]] = {}


def read_manifest(path: str | os.PathLike[str]) -> dict[str, str]:
    """Parse a ``sha256sum`` manifest: relative path -> lower-case hex digest.

    Raises :class:`SourceError` naming the manifest and the line when a line is
    not ``<64 hex digits>  <path>``, or a path is listed twice with different
    digests. Memoised on (path, size, mtime).
    """
    path = Path(path)
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_size, st.st_mtime_ns)
    except OSError as exc:
        raise unreadable_error(path, exc) from exc
    hit = _MANIFEST_CACHE.get(key)
    if hit is not None:
        return hit
    raw = read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SourceError("checksum manifest is not UTF-8 text", file=path) from exc
    out: dict[str, str] = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _MANIFEST_LINE.match(line.rstrip("\r"))
        if m is None:
            raise SourceError(
                "malformed checksum line (expected '<sha256>  <path>')",
                file=path,
                line=n,
                value=line[:80],
                hint="regenerate the manifest with `sha256sum`",
            )
        digest, name = m.group(1).lower(), m.group(2).strip()
        name = name[2:] if name.startswith("./") else name
        if out.get(name, digest) != digest:
            raise SourceError(
                "file listed twice with different checksums", file=path, line=n, value=name
            )
        out[name] = digest
    _MANIFEST_CACHE[key] = out
    return out


def manifests(folder: Path, source_id: str) -> list[tuple[Path, dict[str, str], str]]:
    """Checksum manifests covering ``source_id`` under the data folder ``folder``.

    The data folder's ``SHA256SUMS`` (paths ``<source>/<file>``) and the source
    folder's (paths ``<file>``), when present. Each item is ``(manifest path,
    entries, prefix)``; file ``f`` of the source is listed as ``prefix + f``.
    """
    found = []
    for mpath, prefix in (
        (folder / MANIFEST, f"{source_id}/"),
        (folder / source_id / MANIFEST, ""),
    ):
        if mpath.exists() or mpath.is_symlink():
            found.append((mpath, read_manifest(mpath), prefix))
    return found


def verify_manifest(
    path: Path, name: str, entries: Mapping[str, str], manifest: Path, digest: str | None = None
) -> str:
    """Check ``path`` (listed as ``name``) against a manifest; return its SHA-256.

    :class:`SourceError` naming the file when the manifest does not list it or
    lists another digest (the file was changed, damaged or replaced).
    """
    expected = entries.get(name)
    if expected is None:
        raise SourceError(
            f"file is not listed in the checksum manifest {manifest}",
            file=path,
            hint=f"add its line to {manifest} or remove the file",
        )
    digest = digest or sha256_file(path)
    if expected != digest:
        raise SourceError(
            f"checksum does not match the manifest {manifest} (expected {expected[:16]}..., "
            f"found {digest[:16]}...): the file was changed or damaged",
            file=path,
            value=digest,
            hint="restore the file from the release, or regenerate the manifest if the "
            "change is intended",
        )
    return digest


def _sniff_binary(path: Path, head: bytes) -> None:
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PAR1") or b"\x00" in head[:4096]:
        raise SourceError(
            "file is not a text/CSV file (binary content)",
            file=path,
            value=head[:8],
            hint="replace it with the official CSV release",
        )


def _check_encoding(raw: bytes, path: Path, encoding: str) -> None:
    try:
        raw.decode(encoding)
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"file is not valid {encoding} (byte {raw[exc.start : exc.start + 1]!r} "
            f"at offset {exc.start})",
            file=path,
            line=line,
            value=raw[exc.start : exc.start + 8],
            hint=f"re-encode the file as {encoding}",
        ) from exc
    except LookupError as exc:  # pragma: no cover - the loaders pass known codecs
        raise SourceError(f"unknown encoding {encoding!r}", file=path) from exc


class CsvStructure:
    """The header of a strictly checked CSV, and where its records start.

    Returned by :func:`check_csv`. Record positions are computed only when a
    line number is asked for (an error is being reported), so the normal read
    does not pay for them.
    """

    def __init__(self, header: tuple[str, ...], raw: bytes, ends: np.ndarray | None) -> None:
        self.header = header
        self._raw = raw
        #: byte offsets of the newlines that end records, when quotes make them
        #: differ from all newlines (None: every newline ends a record)
        self._ends = ends
        self._cache: tuple[np.ndarray, np.ndarray | None] | None = None

    def _positions(self) -> tuple[np.ndarray, np.ndarray | None]:
        if self._cache is None:
            all_nl = np.flatnonzero(np.frombuffer(self._raw, dtype=np.uint8) == 10)
            ends = all_nl if self._ends is None else self._ends
            starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
            self._cache = (starts, None if self._ends is None else all_nl)
        return self._cache

    def line(self, record: int) -> int:
        """1-based physical line of record ``record`` (0 = the header)."""
        if self._ends is None:
            return record + 1
        starts, all_nl = self._positions()
        return int(np.searchsorted(all_nl, starts[record])) + 1

    def row_line(self, row: int) -> int:
        """1-based line of data row ``row`` (0-based, as in the read frame)."""
        return self.line(row + 1)

    def text(self, record: int, limit: int = 60) -> str:
        """The start of record ``record``, for an error message."""
        starts, _ = self._positions()
        start = int(starts[record])
        end = self._raw.find(b"\n", start)
        return _snippet(self._raw, start, len(self._raw) if end < 0 else end, limit)


def _snippet(raw: bytes, start: int, end: int, limit: int = 60) -> str:
    return raw[start : min(end, start + limit)].decode("utf-8", "replace")


#: bytes.translate tables that keep only one separator byte and the newline
_KEEP_ONLY: dict[int, bytes] = {}


def _field_counts(raw: bytes, sep: int) -> tuple[np.ndarray, np.ndarray | None]:
    """Fields per record, and the record-ending newlines when quotes are present.

    Quote-free files (the common case) use a fast path: ``bytes.translate``
    drops every byte but separators and newlines, so the counting runs on a
    much smaller array. With quotes (RFC 4180), separators and newlines inside
    double quotes do not count: the parity of the quotes seen so far says
    whether a byte is inside a quoted field (a doubled quote toggles twice).
    """
    if b'"' not in raw:
        delete = _KEEP_ONLY.get(sep)
        if delete is None:
            delete = _KEEP_ONLY[sep] = bytes(b for b in range(256) if b not in (sep, 10))
        marks = np.frombuffer(raw.translate(None, delete), dtype=np.uint8)
        nl = np.flatnonzero(marks == 10)
        return np.diff(nl, prepend=-1), None
    arr = np.frombuffer(raw, dtype=np.uint8)
    inside = (np.cumsum(arr == 34, dtype=np.uint8) & 1).astype(bool)  # uint8 wraps: parity kept
    if inside[-1]:
        raise _Unterminated()
    all_nl = np.flatnonzero(arr == 10)
    ends = all_nl[~inside[all_nl]]
    seps = np.flatnonzero((arr == sep) & ~inside)
    # separators before each record's end, minus those before the previous end
    return np.diff(np.searchsorted(seps, ends), prepend=0) + 1, ends


class _Unterminated(Exception):
    pass


def check_csv(
    raw: bytes,
    path: Path,
    *,
    sep: str = ",",
    ragged: bool = False,
    final_newline: bool = True,
) -> CsvStructure:
    """Check the record structure of a CSV held in ``raw``; return its header.

    Vectorised (numpy) over the bytes, quote-aware (RFC 4180: separators and
    newlines inside double quotes do not count). Raises :class:`SchemaError`
    naming the file, the line and its content when:

    - the file does not end with a newline (it was cut mid-row: the last value
      may be a prefix of the real one, e.g. ``30`` for ``300``), or ends inside
      a quoted field;
    - a record has more or fewer fields than the header (with ``ragged``,
      fewer are allowed: pandas fills them as missing), or is blank;
    - the header repeats a column name (pandas would silently rename ``milex``
      to ``milex.1``) or has an empty one (except the first: the row-name
      column R's ``write.csv`` writes, as in the UN votes Dataverse file).

    ``final_newline=False`` (files without a declared layout: producers'
    official files, some of which end without one) accepts a last line without
    an end-of-line when it has the header's field count; a cut that keeps the
    field count is then only seen by the bounds, the checksums and the loaders.
    """
    if not raw or raw.isspace():
        raise SourceError("file is empty", file=path, hint="download the file again")
    _sniff_binary(path, raw[:4096])
    if b"\n" not in raw and b"\r" in raw:
        # classic Mac line ends (CR only), as some producers' Excel exports have
        raw = raw.replace(b"\r", b"\n")
    if raw[-1] != 10 and not final_newline:
        raw = raw + b"\n"  # the field counts still apply to the last line
    if raw[-1] != 10:
        last = raw.rfind(b"\n") + 1
        raise SchemaError(
            "the last line has no end-of-line: the file was cut mid-row "
            "(its last value may be a prefix of the real one)",
            file=path,
            line=raw.count(b"\n") + 1,
            value=_snippet(raw, last, len(raw)),
            hint="the file is truncated; download it again",
        )
    try:
        counts, ends = _field_counts(raw, ord(sep))
    except _Unterminated:
        raise SchemaError(
            "the file ends inside a quoted field (it was cut mid-row)",
            file=path,
            value=_snippet(raw, max(0, len(raw) - 60), len(raw)),
            hint="the file is truncated; download it again",
        ) from None
    structure = CsvStructure((), raw, ends)
    wrong = (counts > counts[0]) if ragged else (counts != counts[0])
    if wrong.any():
        i = int(np.argmax(wrong))
        text = structure.text(i)
        what = (
            "blank line"
            if not text.strip()
            else f"line has {int(counts[i])} fields; the header has {int(counts[0])}"
        )
        raise SchemaError(
            f"{what} (a damaged, cut or spliced file)",
            file=path,
            line=structure.line(i),
            value=text,
            hint="use the official release file unchanged",
        )
    first_end = raw.find(b"\n") if ends is None else int(ends[0])
    head = raw[:first_end].decode("utf-8", "replace").rstrip("\r")
    try:
        names = tuple(next(csv.reader([head], delimiter=sep)))
    except csv.Error as exc:  # e.g. a stray carriage return inside the header
        raise SchemaError(
            f"the header line is not valid CSV ({exc})",
            file=path,
            line=1,
            value=head[:60],
            hint="use the official release file unchanged",
        ) from None
    seen: dict[str, int] = {}
    for pos, name in enumerate(names, start=1):
        if not name.strip() and pos > 1:
            raise SchemaError(
                f"header column {pos} has no name", file=path, line=1, field="", value=head[:60]
            )
        if name in seen:
            raise SchemaError(
                f"duplicate column name in the header (columns {seen[name]} and {pos}); "
                "the values of one of them would be used silently",
                file=path,
                line=1,
                field=name,
                value=name,
                hint="remove the extra column; use the official release layout",
            )
        seen[name] = pos
    structure.header = names
    return structure


def _keyed_violation(
    df: pd.DataFrame, vals: np.ndarray, layout: layouts.FileLayout, fallback: layouts.Bound
) -> tuple[int | None, layouts.Bound]:
    """First violation of a value column whose bounds depend on a key column.

    Vectorised: each row gets the range of its key (keyed bounds have no sentinels).
    """
    _, key_col, by_key = layout.keyed
    if key_col not in df.columns:
        return fallback.violations(vals), fallback
    codes, uniques = pd.factorize(df[key_col])
    bounds = [by_key.get(k, fallback) for k in uniques] + [fallback]  # code -1: missing key
    lo = np.array([-np.inf if b.lo is None else b.lo for b in bounds])[codes]
    hi = np.array([np.inf if b.hi is None else b.hi for b in bounds])[codes]
    with np.errstate(invalid="ignore"):
        bad = np.isinf(vals) | (vals < lo) | (vals > hi)
    if not bad.any():
        return None, fallback
    i = int(np.argmax(bad))
    return i, bounds[codes[i]]


def read_csv(
    path: Path,
    *,
    required: Sequence[str] = (),
    sep: str = ",",
    dtype: Mapping[str, Any] | None = None,
    na_values: Iterable[str] = ("",),
    usecols: Sequence[str] | None = None,
    encoding: str = "utf-8",
    layout: layouts.FileLayout | None = None,
) -> pd.DataFrame:
    """Read a CSV (optionally gzip) strictly.

    ``keep_default_na`` is off: only ``na_values`` mean missing (``"NA"`` is
    Namibia in several files). Before pandas parses it, the file's structure is
    checked (:func:`check_csv`: cut mid-row, wrong field counts, duplicate
    header); after, :func:`validate_frame` checks the header against the
    file's declared layout (:mod:`worldsystem.core.layouts`, found from the
    path when ``layout`` is None) and every numeric value against its
    column's bounds. Raises :class:`SourceError` for an absent, unreadable,
    empty, truncated, binary or wrongly-encoded file and :class:`SchemaError`
    for a structural or value problem, or a required column that is absent
    (which also catches a wrong delimiter).
    """
    path = Path(path)
    raw = read_bytes(path)
    if layout is None:
        layout = layouts.layout_for(path)
    try:
        structure = check_csv(
            raw,
            path,
            sep=sep,
            ragged=layout is not None and layout.ragged,
            final_newline=layout is not None,
        )
    except SchemaError:
        # bytes that are not text explain a broken structure better than the
        # structure does (and checking the encoding only here costs nothing)
        _check_encoding(raw, path, encoding)
        raise
    try:
        df = pd.read_csv(
            io.BytesIO(raw),
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
    validate_frame(df, path, layout=layout, header=structure.header, lines=structure.row_line)
    return df


def _as_float(s: pd.Series) -> np.ndarray:
    """Values of a numeric column as float64 (missing = NaN), without copying floats."""
    if isinstance(s.dtype, np.dtype):
        arr = s.to_numpy()
        return arr if arr.dtype == np.float64 else arr.astype(np.float64)
    return s.to_numpy(dtype="float64", na_value=np.nan)  # nullable extension types


def validate_frame(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    layout: layouts.FileLayout | None = None,
    header: Sequence[str] | None = None,
    lines: Callable[[int], int] | None = None,
) -> pd.DataFrame:
    """Check a frame read from ``path`` against the file's layout and bounds.

    Usable by any format's reader (CSV, Parquet, a sheet of a workbook, a Stata
    file): ``layout`` defaults to the one declared for ``path`` in
    :mod:`worldsystem.core.layouts` (the last two parts of the path,
    ``<source id>/<file>``). Raises :class:`SchemaError` naming the file, the
    line (when ``lines`` maps a row to it), the column and the value for

    - a column name (``header``, default the frame's columns) the layout does
      not list (an unknown or shifted layout, or pandas' ``milex.1`` mangling);
    - a non-finite number (``inf``, or a text like ``1e999`` parsed as one) in
      any numeric column;
    - a number outside its column's declared bounds (sentinels such as COW's
      ``-9`` are allowed); columns without declared bounds get the generic
      :data:`~worldsystem.core.layouts.MAX_MAGNITUDE`.

    Text in a bounded column is left to the loader (which names it).
    """
    path = Path(path)
    if layout is None:
        layout = layouts.layout_for(path)
    names = [str(c) for c in (header if header is not None else df.columns)]
    if layout is not None:
        unknown = [c for c in names if not layout.allows(c)]
        if unknown:
            raise SchemaError(
                "unknown column: not in the release layout of this file",
                file=path,
                line=1 if lines is not None else None,
                field=unknown[0],
                value=unknown[0],
                hint=f"expected the columns {', '.join(layout.columns)}",
            )
    for col in df.columns:
        s = df[col]
        if pd.api.types.is_bool_dtype(s):
            continue
        if pd.api.types.is_numeric_dtype(s):
            vals = _as_float(s)
            bound = (layout.bound(str(col)) if layout is not None else None) or layouts.GENERIC
        elif layout is not None and str(col) in layout.bounds:
            # a bounded column pandas kept as text (one bad cell, or a text
            # sentinel): bound the cells that are numbers; the loader names text
            bound = layout.bounds[str(col)]
            vals = pd.to_numeric(s, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
        else:
            continue
        if layout is not None and layout.keyed is not None and layout.keyed[0] == col:
            bad, bound = _keyed_violation(df, vals, layout, bound)
        else:
            bad = bound.violations(vals)
        if bad is None:
            continue
        i = int(bad)
        v = float(vals[i])
        raise SchemaError(
            ("non-finite value" if not np.isfinite(v) else f"value outside {bound.describe()}"),
            file=path,
            line=lines(i) if lines is not None else None,
            field=str(col),
            value=int(v) if np.isfinite(v) and v.is_integer() and abs(v) < 2**53 else v,
            hint="the file is damaged or not the release it claims to be; use the official file",
        )
    return df


def read_parquet(path: str | os.PathLike[str], *, required: Sequence[str] = ()) -> pd.DataFrame:
    """Read a Parquet file strictly.

    :class:`SourceError` naming the file when it cannot be read, is not Parquet
    (no ``PAR1`` magic at both ends), is truncated or corrupted, or has no rows;
    :class:`SchemaError` for a missing required column and for what
    :func:`validate_frame` finds (duplicate or unknown column, non-finite or
    out-of-bounds value).
    """
    path = Path(path)
    require_magic(path, b"PAR1", "a Parquet file")
    import pyarrow.parquet as pq

    try:
        names = list(pq.read_schema(path).names)
    except Exception as exc:  # pyarrow raises many types (ArrowInvalid, OSError, ...)
        raise SourceError(
            f"cannot read Parquet file: {exc}",
            file=path,
            hint="the file may be truncated or corrupted; download it again",
        ) from exc
    dup = next((n for i, n in enumerate(names) if n in names[:i]), None)
    if dup is not None:
        raise SchemaError(
            "duplicate column name in the Parquet schema",
            file=path,
            field=dup,
            value=dup,
            hint="use the official release layout",
        )
    try:
        table = pq.read_table(path)
    except Exception as exc:
        raise SourceError(
            f"cannot read Parquet file: {exc}",
            file=path,
            hint="the file may be truncated or corrupted; download it again",
        ) from exc
    df = table.to_pandas()
    require_columns(df, required, name=str(path))
    if len(df) == 0:
        raise SourceError("file has a schema but no rows", file=path)
    validate_frame(df, path)
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


def as_text(s: pd.Series) -> pd.Series:
    """``s`` as text with missing values kept missing, the same on every pandas.

    ``Series.astype("str")`` turns NaN into the string ``"nan"`` on pandas 2 (and
    keeps it missing on pandas 3, whose ``str`` dtype has a missing value), so a
    missing code would read as a real one. This converts the present values with
    :class:`str` and leaves the missing ones missing, in the dtype a ``dtype=str``
    CSV column has on the running pandas.

    >>> as_text(pd.Series([1, None, "a"])).tolist()
    ['1', nan, 'a']
    """
    missing = s.isna().to_numpy()
    out = s.astype(object).map(str).where(~missing, np.nan)
    return out.astype(_TEXT_DTYPE)


_TEXT_DTYPE = pd.read_csv(io.StringIO("a\nx\n"), dtype=str)["a"].dtype
