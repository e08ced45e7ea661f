"""Download official releases into the cache (the only network code of the project).

``worldsystem data fetch [SOURCE ...]`` downloads each source's
:class:`~worldsystem.sources.base.RemoteFile` entries
(:func:`worldsystem.sources.catalogue.downloads`) into
``<cache>/data/<source>/<name>``, the same layout as a configured data folder, so
loaders read fetched and configured data alike.

What a download must pass before it is stored under its name:

1. it arrived whole: as many bytes as the server announced (``Content-Length``);
2. it is what the catalogue expects, checked by content (:func:`validate`): a
   zip that opens and whose members pass their CRC, a workbook with the expected
   sheets, a text table with the expected header, JSON with the expected keys;
   an HTML page (a login page, a captive portal, a moved file) is refused;
3. its SHA-256 matches the catalogue's known checksum, or the one recorded on
   the first download (``<cache>/data/checksums.json``, trust on first use, only
   after steps 1-2 passed).

Resumable: bytes arrive in ``<cache>/partial/<source>/``, outside the data
folder, and a download cut off (timeout, dropped connection, a short body) is
continued with an HTTP ``Range`` request by the next run; a part whose content
fails the check is deleted. Files move into the data folder by an atomic rename,
so a killed run leaves no half-written file, and a failed fetch leaves no trace
there: no file, no empty source folder, no recorded checksum. Stale temporary
files of a killed run are removed by the next run. ``force`` discards the part
and the stored file's cache status and downloads again.

Every network wait has a timeout (``timeout`` seconds to connect and between
bytes; default 30, or ``$WORLDSYSTEM_FETCH_TIMEOUT``), and every error names the
address. ``mirror`` (or ``$WORLDSYSTEM_MIRROR``) replaces each URL by
``<mirror>/<host>/<path>`` (a query string is kept, percent-encoded, in the last
path segment), for an institutional mirror or a test server.
"""

from __future__ import annotations

import contextlib
import csv
import fnmatch
import gzip
import hashlib
import io
import json
import os
import re
import shutil
import socket
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from worldsystem.core import config
from worldsystem.core import progress as _progress
from worldsystem.core.errors import SourceError
from worldsystem.core.io import atomic_write_text, sha256_file
from worldsystem.sources.base import RemoteFile

__all__ = [
    "ENV_MIRROR",
    "ENV_TIMEOUT",
    "FetchResult",
    "fetch",
    "fetch_files",
    "mirror_url",
    "recorded_checksums",
    "validate",
]

CHECKSUMS_FILE = "checksums.json"
ENV_MIRROR = "WORLDSYSTEM_MIRROR"
ENV_TIMEOUT = "WORLDSYSTEM_FETCH_TIMEOUT"
DEFAULT_TIMEOUT = 30.0
_CHUNK = 1 << 16


@dataclass(frozen=True)
class FetchResult:
    """Outcome of fetching one file.

    ``status`` is ``downloaded`` (first download, checksum recorded),
    ``verified`` (matched a known or recorded checksum), ``cached`` (already
    present and matching, nothing downloaded) or ``manual`` (no direct download:
    ``note`` says where to get it; ``path`` is where to put it).
    """

    source: str
    name: str
    path: Path
    sha256: str
    status: str
    url: str = ""
    note: str = ""


# --------------------------------------------------------------------------- records
def _data_root(cache: str | os.PathLike[str] | None) -> Path:
    return config.cache_dir(cache) / "data"


def recorded_checksums(cache: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Checksums recorded on first download: ``"source/name" -> sha256``."""
    path = _data_root(cache) / CHECKSUMS_FILE
    if not path.is_file():
        return {}
    try:
        recs = json.loads(path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError(
            "checksum record is corrupted", file=path, hint="delete it to re-record checksums"
        ) from exc
    if not isinstance(recs, dict) or not all(
        isinstance(v, str) and re.fullmatch(r"[0-9a-f]{64}", v) for v in recs.values()
    ):
        raise SourceError(
            "checksum record is corrupted (expected source/name -> sha256)",
            file=path,
            hint="delete it to re-record checksums",
        )
    return recs


def _record(cache: str | os.PathLike[str] | None, key: str, digest: str) -> None:
    recs = recorded_checksums(cache)
    if recs.get(key) == digest:
        return
    recs[key] = digest
    atomic_write_text(
        _data_root(cache) / CHECKSUMS_FILE, json.dumps(recs, indent=1, sort_keys=True)
    )


# --------------------------------------------------------------------------- URLs
def mirror_url(url: str, mirror: str | None) -> str:
    """``url`` as found on ``mirror``: ``<mirror>/<host>/<path>`` (identity without one).

    >>> mirror_url("https://a.org/x/y.zip", "http://127.0.0.1:8000")
    'http://127.0.0.1:8000/a.org/x/y.zip'
    >>> mirror_url("https://a.org/f.aspx?id=1", "http://m")
    'http://m/a.org/f.aspx%3Fid%3D1'
    """
    if not mirror:
        return url
    parts = urlsplit(url)
    tail = parts.netloc + parts.path
    if parts.query:
        tail += quote("?" + parts.query, safe="")
    return mirror.rstrip("/") + "/" + tail


def _timeout(timeout: float | None) -> float:
    if timeout is not None:
        return float(timeout)
    env = os.environ.get(ENV_TIMEOUT)
    if not env:
        return DEFAULT_TIMEOUT
    try:
        value = float(env)
    except ValueError:
        value = -1.0
    if not value > 0:
        raise SourceError(
            "the fetch timeout must be a positive number of seconds",
            field=ENV_TIMEOUT,
            value=env,
            hint=f"unset ${ENV_TIMEOUT} or set it to e.g. 60",
        )
    return value


# --------------------------------------------------------------------------- transfer
class _TransferError(Exception):
    """A download that failed at ``url``; ``resumable`` when bytes are kept."""

    def __init__(self, url: str, reason: str, *, resumable: bool = False) -> None:
        super().__init__(reason)
        self.url = url
        self.reason = reason
        self.resumable = resumable


def _reason(exc: BaseException, timeout: float) -> str:
    """A short human reason for a requests/socket failure."""
    import requests

    chain: list[BaseException] = []
    cur: BaseException | None = exc
    while cur is not None and len(chain) < 12:
        chain.append(cur)
        cur = cur.__cause__ or cur.__context__
        if cur is None and chain[-1].args:
            inner = chain[-1].args[0]
            cur = inner if isinstance(inner, BaseException) else None
    for e in chain:
        if isinstance(e, socket.gaierror) or "NameResolutionError" in type(e).__name__:
            return "the host name could not be resolved (no network connection?)"
        if isinstance(e, ConnectionRefusedError):
            return "the connection was refused"
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return f"no connection within {timeout:g} s (timeout)"
    import urllib3

    if isinstance(
        exc,
        requests.exceptions.ReadTimeout
        | urllib3.exceptions.ReadTimeoutError
        | socket.timeout
        | TimeoutError,
    ):
        return f"the server sent nothing for {timeout:g} s (timeout)"
    if isinstance(exc, requests.exceptions.SSLError):
        return "the TLS handshake failed (certificate problem)"
    if isinstance(exc, requests.exceptions.ChunkedEncodingError):
        return "the connection broke during the transfer"
    if isinstance(exc, requests.exceptions.ConnectionError):
        text = str(exc)
        if "timed out" in text.lower():
            return f"the server sent nothing for {timeout:g} s (timeout)"
        return "the connection failed: " + (text[:120] + "..." if len(text) > 120 else text)
    return f"{type(exc).__name__}: {exc}"


def _download(url: str, part: Path, *, timeout: float, progress: bool, label: str) -> Path:
    """Download ``url`` into ``part``, resuming a kept part with an HTTP Range request.

    ``part.json`` beside it remembers the URL and validators (ETag,
    Last-Modified) so that a part is only resumed from the same file.
    """
    import requests
    import urllib3

    meta_path = part.with_name(part.name + ".json")
    meta: dict = {}
    if part.exists() and meta_path.exists():
        with contextlib.suppress(OSError, ValueError):
            meta = json.loads(meta_path.read_text("utf-8"))
    if meta.get("url") != url:
        meta = {}
        part.unlink(missing_ok=True)
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": "worldsystem-data-fetch", "Accept-Encoding": "identity"}
    if have:
        headers["Range"] = f"bytes={have}-"
        validator = meta.get("etag") or meta.get("last_modified")
        if validator:
            headers["If-Range"] = validator
    try:
        resp = requests.get(url, headers=headers, stream=True, timeout=(timeout, timeout))
    except requests.exceptions.RequestException as exc:
        raise _TransferError(url, _reason(exc, timeout), resumable=have > 0) from exc
    with resp:
        if have and resp.status_code == 416:
            # nothing beyond what we have: the part is complete if the server agrees
            total = _total_from_content_range(resp.headers.get("Content-Range"))
            if total is not None and total == have:
                return part
            part.unlink(missing_ok=True)
            raise _TransferError(url, "the server refused to resume; run again to restart")
        if resp.status_code >= 400:
            raise _TransferError(url, f"HTTP {resp.status_code} {resp.reason or ''}".strip())
        mode = "ab"
        start = have
        if resp.status_code == 206:
            first = _start_from_content_range(resp.headers.get("Content-Range"))
            if first != have:
                part.unlink(missing_ok=True)
                raise _TransferError(url, "the server resumed at the wrong offset; run again")
        else:  # 200: the whole file (the server ignored or refused the range)
            mode, start = "wb", 0
        length = resp.headers.get("Content-Length")
        expected = start + int(length) if length and length.isdigit() else None
        meta = {
            "url": url,
            "etag": resp.headers.get("ETag"),
            "last_modified": resp.headers.get("Last-Modified"),
            "total": expected,
        }
        part.parent.mkdir(parents=True, exist_ok=True)
        meta_path.write_text(json.dumps(meta), "utf-8")
        got = start
        try:
            # progress=False silences this download even under an installed display
            with (
                contextlib.nullcontext() if progress else _progress.use(None),
                _progress.stage(label, total=expected, unit="bytes") as bar,
                part.open(mode) as fh,
            ):
                bar.update(start)
                for chunk in _chunks(resp):
                    fh.write(chunk)
                    got += len(chunk)
                    bar.update(got)
        except (requests.exceptions.RequestException, urllib3.exceptions.HTTPError) as exc:
            reason = _reason(exc, timeout)
            if expected is not None and got < expected and "timeout" not in reason:
                reason = f"the transfer stopped after {got:,} of {expected:,} bytes"
            raise _TransferError(url, reason, resumable=got > 0) from exc
        except TimeoutError as exc:
            raise _TransferError(url, _reason(exc, timeout), resumable=got > 0) from exc
    if expected is not None and got < expected:
        raise _TransferError(
            url, f"the transfer stopped after {got:,} of {expected:,} bytes", resumable=got > 0
        )
    return part


def _chunks(resp):
    """The body as it arrives: ``read1`` hands over each received block at once,
    so that the bytes before a broken connection are kept for the resume (a
    buffered read would drop the last incomplete block)."""
    read1 = getattr(resp.raw, "read1", None)
    if read1 is None:  # urllib3 < 2
        yield from resp.iter_content(8192)
        return
    while True:
        block = read1(_CHUNK)
        if not block:
            return
        yield block


def _start_from_content_range(value: str | None) -> int | None:
    m = re.match(r"bytes (\d+)-\d+/(\d+|\*)", value or "")
    return int(m.group(1)) if m else None


def _total_from_content_range(value: str | None) -> int | None:
    m = re.match(r"bytes (?:\*|\d+-\d+)/(\d+)", value or "")
    return int(m.group(1)) if m else None


# --------------------------------------------------------------------------- processing
def _find_member(zf: zipfile.ZipFile, spec: str, url: str) -> str:
    names = [n for n in zf.namelist() if not n.endswith("/")]
    if spec in names:
        return spec
    base = [n for n in names if n.rsplit("/", 1)[-1] == spec]
    if not base:
        base = [n for n in names if fnmatch.fnmatch(n.rsplit("/", 1)[-1], spec)]
    if len(base) == 1:
        return base[0]
    listing = ", ".join(names[:8]) + (", ..." if len(names) > 8 else "")
    what = "several members match" if base else "the archive has no member"
    raise SourceError(
        f"downloaded archive: {what} {spec!r} (members: {listing})",
        file=url,
        value=spec,
        hint="the release layout changed; download it by hand and place the file in the "
        "source folder",
    )


def _unzip(raw: Path, spec: str, out: Path, url: str) -> None:
    try:
        with contextlib.ExitStack() as stack:
            zf = stack.enter_context(zipfile.ZipFile(raw))
            *outer, last = spec.split("!")
            for inner in outer:
                member = _find_member(zf, inner, url)
                data = io.BytesIO(zf.read(member))
                zf = stack.enter_context(zipfile.ZipFile(data))
            member = _find_member(zf, last, url)
            with zf.open(member) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst, _CHUNK)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
        raise SourceError(
            f"downloaded file is not a valid zip archive ({exc})",
            file=url,
            hint="the download is corrupted or the server sent another file; run again "
            "with --force",
        ) from exc


def _process(raw: Path, processor: str | None, staging: Path, url: str) -> Path:
    """Apply the ``|``-chained processor steps to ``raw``; return the final file."""
    if not processor:
        return raw
    cur = raw
    for step in processor.split("|"):
        fd, tmp = tempfile.mkstemp(dir=staging, prefix=".step-", suffix=".tmp")
        os.close(fd)
        out = Path(tmp)
        try:
            if step == "gunzip":
                try:
                    with gzip.open(cur, "rb") as src, out.open("wb") as dst:
                        shutil.copyfileobj(src, dst, _CHUNK)
                except (OSError, EOFError) as exc:
                    raise SourceError(
                        f"downloaded file is not valid gzip ({exc})", file=url
                    ) from exc
            elif step == "gzip":
                with (
                    cur.open("rb") as src,
                    out.open("wb") as fh,
                    gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as dst,
                ):
                    shutil.copyfileobj(src, dst, _CHUNK)
            elif step.startswith("unzip:"):
                _unzip(cur, step.split(":", 1)[1], out, url)
            elif step.startswith("recode:"):
                codec = step.split(":", 1)[1]
                try:
                    text = cur.read_bytes().decode(codec)
                except (UnicodeDecodeError, LookupError) as exc:
                    raise SourceError(
                        f"downloaded file is not {codec} text ({exc})", file=url
                    ) from exc
                out.write_bytes(text.encode("utf-8"))
            else:
                raise SourceError("unknown download processor", file=url, value=step)
        except BaseException:
            out.unlink(missing_ok=True)
            raise
        if cur != raw:
            cur.unlink(missing_ok=True)
        cur = out
    return cur


# --------------------------------------------------------------------------- validation
_KINDS = ("csv", "tsv", "xlsx", "zip", "json", "gzip", "any")


def _infer_kind(name: str) -> str:
    low = name.lower()
    for suffix, kind in (
        (".csv.gz", "csv"),
        (".csv", "csv"),
        (".tsv", "tsv"),
        (".xlsx", "xlsx"),
        (".zip", "zip"),
        (".json", "json"),
        (".gz", "gzip"),
    ):
        if low.endswith(suffix):
            return kind
    return "any"


def _looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<?xml")) and (
        b"<html" in text[:2048] or b"<!doctype html" in text[:64]
    )


def _text_head(path: Path, limit: int = 1 << 16) -> str:
    with path.open("rb") as fh:
        gz = fh.read(2) == b"\x1f\x8b"
    opener = gzip.open if gz else open
    try:
        with opener(path, "rb") as fh:
            data = fh.read(limit)
    except (OSError, EOFError) as exc:
        raise SourceError(f"downloaded file is not valid gzip ({exc})", file=path) from exc
    for codec in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")  # pragma: no cover - latin-1 decodes every byte


def validate(path: str | os.PathLike[str], expect: str | None, *, url: str = "") -> None:
    """Check that ``path`` is the expected kind of file, by content.

    ``expect`` is ``"<kind>[:<a>,<b>,...]"`` with kind ``csv``/``tsv`` (the
    header must name columns ``a, b``; a data row must follow), ``xlsx`` (a
    workbook with sheets ``a, b``), ``zip`` (an archive whose members pass their
    CRC check; with names, members whose base names match these patterns),
    ``json`` (an object with keys ``a, b``), ``gzip`` or ``any``; None infers the
    kind from the file name. Raises :class:`SourceError` naming ``url`` (or the
    file) and what was found instead.
    """
    path = Path(path)
    where = url or path
    kind, _, args = (expect or _infer_kind(path.name)).partition(":")
    wanted = [a.strip() for a in args.split(",") if a.strip()] if args else []
    if kind not in _KINDS:
        raise SourceError("unknown expected file kind", field="expect", value=expect)
    size = path.stat().st_size
    if size == 0:
        raise SourceError("the server sent an empty file", file=where, hint=_RETRY)
    with path.open("rb") as fh:
        head = fh.read(4096)
    label = {
        "csv": "a CSV table",
        "tsv": "a tab-separated table",
        "xlsx": "an Excel workbook",
        "zip": "a zip archive",
        "json": "a JSON file",
        "gzip": "a gzip file",
        "any": "the data file",
    }[kind]
    if _looks_like_html(head) and not path.name.lower().endswith((".html", ".htm")):
        raise SourceError(
            f"the server sent an HTML page instead of {label} (a login or terms page, a "
            "captive portal, or a moved file)",
            file=where,
            value=head[:60].decode("latin-1", "replace").strip(),
            hint="open the URL in a browser; if the producer asks for a login or a form, "
            "download the file by hand into the source folder",
        )
    if kind in ("zip", "xlsx"):
        _check_zip(path, kind, wanted, where)
    elif kind in ("csv", "tsv"):
        _check_table(path, kind, wanted, where)
    elif kind == "json":
        try:
            obj = json.loads(path.read_text("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise SourceError(f"downloaded file is not valid JSON ({exc})", file=where) from exc
        missing = [k for k in wanted if not (isinstance(obj, dict) and k in obj)]
        if missing:
            raise SourceError("downloaded JSON lacks the expected keys", file=where, value=missing)
    if kind == "gzip" or head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as fh:
                while fh.read(1 << 20):
                    pass
        except (OSError, EOFError) as exc:
            raise SourceError(f"downloaded file is not valid gzip ({exc})", file=where) from exc


_RETRY = "run the command again (a partial download resumes), or with --force to start over"


def _check_zip(path: Path, kind: str, wanted: list[str], where) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
            names = zf.namelist()
            sheets: list[str] = []
            if kind == "xlsx":
                if "xl/workbook.xml" not in names:
                    raise SourceError(
                        "downloaded file is a zip archive but not an Excel workbook",
                        file=where,
                        value=names[:5],
                    )
                sheets = re.findall(
                    r'<(?:\w+:)?sheet\b[^>]*\bname="([^"]*)"',
                    zf.read("xl/workbook.xml").decode("utf-8", "replace"),
                )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise SourceError(
            f"downloaded file is not {'an Excel workbook' if kind == 'xlsx' else 'a zip archive'}"
            f" ({exc})",
            file=where,
            hint="the download is corrupted or the server sent another file; " + _RETRY,
        ) from exc
    if bad is not None:
        raise SourceError(
            "downloaded archive is corrupted (CRC check failed)",
            file=where,
            value=bad,
            hint=_RETRY,
        )
    if kind == "xlsx":
        import html

        sheets = [html.unescape(s) for s in sheets]
        missing = [s for s in wanted if s not in sheets]
        if missing:
            raise SourceError(
                f"downloaded workbook lacks the expected sheets (it has {sheets[:10]})",
                file=where,
                value=missing,
                hint="the producer may have released a new version; check the source page",
            )
    else:
        base = [n.rsplit("/", 1)[-1] for n in names]
        missing = [p for p in wanted if not any(fnmatch.fnmatch(b, p) for b in base)]
        if missing:
            raise SourceError(
                "downloaded archive lacks the expected members", file=where, value=missing
            )


def _check_table(path: Path, kind: str, wanted: list[str], where) -> None:
    text = _text_head(path)
    if "\x00" in text[:4096]:
        raise SourceError("downloaded file is binary, not a text table", file=where, hint=_RETRY)
    lines = text.splitlines()
    delim = "\t" if kind == "tsv" else ","
    if lines and kind == "csv" and lines[0].count(";") > lines[0].count(",") and not wanted:
        delim = ";"
    try:
        header = next(csv.reader([lines[0]], delimiter=delim)) if lines else []
    except csv.Error as exc:  # pragma: no cover - one line always parses
        raise SourceError(f"cannot read the header ({exc})", file=where) from exc
    have = {h.strip().strip('"').lower() for h in header}
    missing = [c for c in wanted if c.lower() not in have]
    if missing:
        raise SourceError(
            "downloaded table does not have the expected header",
            file=where,
            field=missing[0],
            value=header[:8],
            hint="the producer may have changed the release; check the source page",
        )
    if len([ln for ln in lines[1:3] if ln.strip()]) < 1:
        raise SourceError("downloaded table has a header but no rows", file=where, hint=_RETRY)


# --------------------------------------------------------------------------- driver
def _remove_stale(folder: Path) -> None:
    """Remove temporary files that a killed run left in ``folder``."""
    if not folder.is_dir():
        return
    for p in folder.iterdir():
        if p.name.startswith(".") and (p.name.endswith(".tmp") or p.name.startswith(".fetch-")):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)


def _prune_empty(*dirs: Path) -> None:
    for d in dirs:
        with contextlib.suppress(OSError):
            d.rmdir()


def _part_path(staging: Path, url: str, name: str) -> Path:
    digest = hashlib.sha256(url.encode()).hexdigest()[:12]
    return staging / f"{Path(name).name}.{digest}.part"


def fetch_files(
    source_id: str,
    files: Sequence[RemoteFile],
    *,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
    force: bool = False,
    mirror: str | None = None,
    timeout: float | None = None,
) -> list[FetchResult]:
    """Download ``files`` of ``source_id`` into the cache, validate and verify them.

    A file already present whose checksum matches the known or recorded one is
    not downloaded again (status ``"cached"``) unless ``force``. Stops at the
    first file that fails, with a :class:`SourceError` naming its URL; the files
    stored before it stay (each one is complete and verified).
    """
    mirror = mirror if mirror is not None else os.environ.get(ENV_MIRROR) or None
    wait = _timeout(timeout)
    cache_root = config.cache_dir(cache)
    if cache_root.exists() and not cache_root.is_dir():
        raise SourceError(
            "the cache path is not a folder",
            file=cache_root,
            hint=f"point --cache / ${config.ENV_CACHE} at a folder",
        )
    root = _data_root(cache)
    target_dir = root / source_id
    partial_root = cache_root / "partial"
    staging = partial_root / source_id
    results = []
    with _cache_lock(cache_root), contextlib.ExitStack() as cleanup:
        _remove_stale(root)
        _remove_stale(target_dir)
        _remove_stale(staging)
        cleanup.callback(_prune_empty, staging, partial_root)
        for rf in files:
            results.append(
                _fetch_one(
                    source_id,
                    rf,
                    cache,
                    root,
                    staging,
                    progress=progress,
                    force=force,
                    mirror=mirror,
                    timeout=wait,
                )
            )
    return results


@contextlib.contextmanager
def _cache_lock(cache_root: Path):
    """Hold an ``flock`` on the cache folder so that two fetches never write one part.

    The lock is on the folder itself, so no lock file is left behind, and the
    system releases it when a run is killed. A second concurrent run stops at
    once with a clear error instead of waiting. A cache folder created here and
    still empty at the end is removed again. Platforms without ``fcntl`` run
    unlocked.
    """
    created = not cache_root.exists()
    cache_root.mkdir(parents=True, exist_ok=True)
    try:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows
            yield
            return
        fd = os.open(cache_root, os.O_RDONLY)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise SourceError(
                    "another `worldsystem data fetch` is running with this cache",
                    file=cache_root,
                    hint="wait for it to finish, then run the command again",
                ) from None
            yield
        finally:
            os.close(fd)  # releases the lock
    finally:
        if created:
            _prune_empty(cache_root)


def _fetch_one(
    source_id: str,
    rf: RemoteFile,
    cache,
    root: Path,
    staging: Path,
    *,
    progress: bool,
    force: bool,
    mirror: str | None,
    timeout: float,
) -> FetchResult:
    key = f"{source_id}/{rf.name}"
    expected = rf.sha256 or recorded_checksums(cache).get(key)
    target = root / source_id / rf.name
    if target.is_file() and not force and expected and sha256_file(target) == expected:
        return FetchResult(source_id, rf.name, target, expected, "cached", rf.url)
    urls = [mirror_url(u, mirror) for u in (rf.url, *rf.mirrors)]
    failures: list[_TransferError] = []
    staging.mkdir(parents=True, exist_ok=True)
    for url in urls:
        part = _part_path(staging, url, rf.name)
        if force:
            part.unlink(missing_ok=True)
            part.with_name(part.name + ".json").unlink(missing_ok=True)
        try:
            raw = _download(url, part, timeout=timeout, progress=progress, label=key)
        except _TransferError as exc:
            failures.append(exc)
            continue
        try:
            return _store(source_id, rf, raw, part, url, expected, target, staging, cache)
        except SourceError:
            # bad content is not resumable: forget the bytes
            _discard(part)
            raise
    first = failures[0]
    tried = "; ".join(f"{f.url}: {f.reason}" for f in failures[1:])
    kept = any(f.resumable for f in failures)
    hint = (
        _RETRY
        if kept
        else (
            "check the network connection and the URL; offline, get the file elsewhere and "
            f"put {source_id}/{rf.name} in a data folder (--data / ${config.ENV_DATA})"
        )
    )
    if kept:
        hint += f"; the bytes received are kept in {staging}"
    raise SourceError(
        f"download failed: {first.reason}" + (f" (also tried {tried})" if tried else ""),
        file=first.url,
        hint=hint,
    )


def _discard(part: Path) -> None:
    part.unlink(missing_ok=True)
    part.with_name(part.name + ".json").unlink(missing_ok=True)


def _store(
    source_id: str,
    rf: RemoteFile,
    raw: Path,
    part: Path,
    url: str,
    expected: str | None,
    target: Path,
    staging: Path,
    cache,
) -> FetchResult:
    out = _process(raw, rf.processor, staging, url)
    try:
        validate(out, rf.expect or _infer_kind(rf.name), url=url)
        digest = sha256_file(out)
        if expected and digest != expected:
            raise SourceError(
                f"checksum mismatch: expected sha256 {expected}, got {digest}",
                file=url,
                field="sha256",
                value=digest,
                hint="the release may have changed or the download is corrupted; "
                "delete the recorded checksum only if you trust the new file",
            )
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(out, target)
    except BaseException:
        if out != raw:
            out.unlink(missing_ok=True)
        raise
    _discard(part)
    if not rf.sha256:
        _record(cache, f"{source_id}/{rf.name}", digest)
    status = "verified" if expected else "downloaded"
    return FetchResult(source_id, rf.name, target, digest, status, url)


def fetch(
    source_ids: Iterable[str] | None = None,
    *,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
    force: bool = False,
    years: Sequence[int] | None = None,
    mirror: str | None = None,
    timeout: float | None = None,
) -> list[FetchResult]:
    """Fetch the official releases of ``source_ids`` (default: every source).

    ``years`` selects the per-year archives of an MRIO database (``exiobase``,
    ``oecd_icio``). A source without a direct download (a login, a form or terms
    to accept) raises a :class:`SourceError` saying where to get the files and
    where to put them; with the default (all sources) those are returned as
    ``manual`` results instead. A source with some files only by hand (COW's
    ``majors2016.csv``) gets its downloads plus a ``manual`` result.

    ``progress`` reports each download as a stage in bytes through
    :mod:`worldsystem.core.progress` (the CLI shows it on a terminal).
    """
    from worldsystem.sources.catalogue import SOURCE_IDS, downloads, manual_download

    requested = list(source_ids) if source_ids is not None else []
    explicit = bool(requested)
    ids = requested if explicit else list(SOURCE_IDS)
    plan = [(sid, downloads(sid, years)) for sid in ids]  # validates ids and years first
    results: list[FetchResult] = []
    for sid, files in plan:
        manual = manual_download(sid)
        if not files and manual is None:
            # no known download and no manual page recorded: should not happen
            raise SourceError("no direct download is known for this source", value=sid)
        if not files and explicit:
            folder = _data_root(cache) / sid
            raise SourceError(
                f"{sid} has no direct download: {manual.reason}",
                file=manual.page,
                hint=f"get {manual.files} from {manual.page} and put them in {folder} "
                "(or in <your data folder>/" + sid + "/ with --data)",
            )
        try:
            got = fetch_files(
                sid,
                files,
                cache=cache,
                progress=progress,
                force=force,
                mirror=mirror,
                timeout=timeout,
            )
        except SourceError as exc:
            if manual is None or not manual.fallback:
                raise
            folder = _data_root(cache) / sid
            raise SourceError(
                exc.message,
                file=exc.file,
                field=exc.field,
                value=exc.value,
                hint=f"{exc.hint}; or get {manual.files} from {manual.page} ({manual.reason}) "
                f"and put them in {folder}",
            ) from exc
        results.extend(got)
        if manual is not None and not manual.fallback:
            results.append(
                FetchResult(
                    sid,
                    manual.files,
                    _data_root(cache) / sid,
                    "",
                    "manual",
                    manual.page,
                    note=manual.reason,
                )
            )
    return results
