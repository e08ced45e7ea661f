"""Download official releases into the cache (the only network code of the project).

``worldsystem data fetch [SOURCE ...]`` downloads each source's
:class:`~worldsystem.sources.base.RemoteFile` entries with pooch into
``<cache>/data/<source>/<name>``, the same layout as a configured data folder, so
loaders read fetched and configured data alike.

Checksums: a file with a known SHA-256 in the catalogue is verified against it.
For a file without one, the SHA-256 of the first download is recorded in
``<cache>/data/checksums.json`` and later downloads are verified against that
record (trust on first use). A mismatch, a network failure or an HTTP error
raises :class:`~worldsystem.core.errors.SourceError` naming the URL, and leaves
no partial file under the target name.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from worldsystem.core import config
from worldsystem.core.errors import SourceError
from worldsystem.core.io import atomic_path, atomic_write_text, sha256_file
from worldsystem.sources.base import RemoteFile

__all__ = ["FetchResult", "fetch", "fetch_files", "recorded_checksums"]

CHECKSUMS_FILE = "checksums.json"


@dataclass(frozen=True)
class FetchResult:
    """Outcome of fetching one file: ``status`` is downloaded, verified or cached."""

    source: str
    name: str
    path: Path
    sha256: str
    status: str


def _data_root(cache: str | os.PathLike[str] | None) -> Path:
    return config.cache_dir(cache) / "data"


def recorded_checksums(cache: str | os.PathLike[str] | None = None) -> dict[str, str]:
    """Checksums recorded on first download: ``"source/name" -> sha256``."""
    path = _data_root(cache) / CHECKSUMS_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise SourceError(
            "checksum record is corrupted", file=path, hint="delete it to re-record checksums"
        ) from exc


def _record(cache: str | os.PathLike[str] | None, key: str, digest: str) -> None:
    recs = recorded_checksums(cache)
    recs[key] = digest
    text = json.dumps(recs, indent=1, sort_keys=True)
    atomic_write_text(_data_root(cache) / CHECKSUMS_FILE, text)


class _RichBar:
    """A tqdm-like adapter so pooch can drive a rich progress bar."""

    def __init__(self, label: str) -> None:
        from rich.progress import Progress

        self._progress = Progress(transient=True)
        self._progress.start()
        self._task = self._progress.add_task(label, total=None)
        self.total: int | None = None

    def update(self, n: int) -> None:
        if self.total is not None:
            self._progress.update(self._task, total=self.total)
        self._progress.advance(self._task, n)

    def reset(self) -> None:
        self._progress.reset(self._task)

    def close(self) -> None:
        self._progress.stop()


def _download(url: str, dest_dir: Path, *, progress: bool, label: str) -> Path:
    """Download ``url`` into ``dest_dir`` (pooch); return the downloaded file."""
    import pooch
    import requests

    bar = _RichBar(label) if progress else False
    downloader = pooch.HTTPDownloader(progressbar=bar, timeout=60)
    pooch.get_logger().setLevel("WARNING")
    try:
        fname = pooch.retrieve(
            url, known_hash=None, path=dest_dir, fname="download", downloader=downloader
        )
    except (requests.exceptions.RequestException, OSError, ValueError) as exc:
        raise SourceError(
            f"download failed: {type(exc).__name__}: {exc}",
            file=url,
            hint="check the network connection and the URL; if you are offline, point "
            "--data at a folder holding the files instead",
        ) from exc
    return Path(fname)


def _process(raw: Path, processor: str | None, out: Path, url: str) -> None:
    import zipfile

    if processor is None:
        shutil.copyfile(raw, out)
    elif processor == "gunzip":
        with gzip.open(raw, "rb") as src, out.open("wb") as dst:
            shutil.copyfileobj(src, dst)
    elif processor == "gzip":
        with (
            raw.open("rb") as src,
            out.open("wb") as fh,
            gzip.GzipFile(fileobj=fh, mode="wb", mtime=0) as dst,
        ):
            shutil.copyfileobj(src, dst)
    elif processor.startswith("unzip:"):
        member = processor.split(":", 1)[1]
        try:
            with zipfile.ZipFile(raw) as zf, zf.open(member) as src, out.open("wb") as dst:
                shutil.copyfileobj(src, dst)
        except (zipfile.BadZipFile, KeyError) as exc:
            raise SourceError(
                f"downloaded archive does not contain {member!r}", file=url, value=member
            ) from exc
    else:
        raise SourceError("unknown download processor", file=url, value=processor)


def fetch_files(
    source_id: str,
    files: Sequence[RemoteFile],
    *,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
    force: bool = False,
) -> list[FetchResult]:
    """Download ``files`` of ``source_id`` into the cache and verify them.

    A file already present whose checksum matches the known or recorded one is
    not downloaded again (status ``"cached"``) unless ``force``.
    """
    root = _data_root(cache)
    target_dir = root / source_id
    target_dir.mkdir(parents=True, exist_ok=True)
    results = []
    for rf in files:
        key = f"{source_id}/{rf.name}"
        expected = rf.sha256 or recorded_checksums(cache).get(key)
        target = target_dir / rf.name
        if target.is_file() and not force and expected and sha256_file(target) == expected:
            results.append(FetchResult(source_id, rf.name, target, expected, "cached"))
            continue
        with tempfile.TemporaryDirectory(dir=root, prefix=".fetch-") as tmpdir:
            raw = _download(rf.url, Path(tmpdir), progress=progress, label=key)
            with atomic_path(target) as tmp:
                _process(raw, rf.processor, tmp, rf.url)
                digest = sha256_file(tmp)
                if expected and digest != expected:
                    raise SourceError(
                        f"checksum mismatch: expected sha256 {expected}, got {digest}",
                        file=rf.url,
                        field="sha256",
                        value=digest,
                        hint="the release may have changed or the download is corrupted; "
                        "delete the recorded checksum only if you trust the new file",
                    )
        status = "verified" if expected else "downloaded"
        if not expected:
            _record(cache, key, digest)
        results.append(FetchResult(source_id, rf.name, target, digest, status))
    return results


def fetch(
    source_ids: Iterable[str] | None = None,
    *,
    cache: str | os.PathLike[str] | None = None,
    progress: bool = False,
    force: bool = False,
) -> list[FetchResult]:
    """Fetch the official releases of ``source_ids`` (default: every source).

    Sources whose catalogue entry lists no downloadable file raise a
    :class:`SourceError` saying where to get the release by hand.
    """
    from worldsystem.sources.catalogue import SOURCE_IDS, info

    ids = list(source_ids) if source_ids else list(SOURCE_IDS)
    results: list[FetchResult] = []
    no_download = []
    for sid in ids:
        entry = info(sid)
        if not entry.downloads:
            no_download.append(sid)
            continue
        results.extend(
            fetch_files(sid, entry.downloads, cache=cache, progress=progress, force=force)
        )
    if no_download and source_ids:
        listing = ", ".join(f"{s} ({info(s).url})" for s in no_download)
        raise SourceError(
            "no direct download is known for these sources",
            value=no_download,
            hint="download them from their official pages and place them in the data "
            f"folder: {listing}",
        )
    return results
