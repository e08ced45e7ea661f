"""Per-file verification of a data folder: checksums, content and loaders.

``worldsystem data check`` calls :func:`check_source` for each source. Every
file of the source (its catalogue ``files`` and the ``optional_files`` that are
present) is verified on its own:

1. it exists and is readable (not a directory, a symlink loop, unreadable);
2. its SHA-256 matches the data folder's ``SHA256SUMS`` manifest, when the
   folder (or the source's sub-folder) has one: a mismatch, or a file the
   manifest does not list, is an error naming the file;
3. its SHA-256 is compared with the version the loaders were validated on
   (:data:`worldsystem.sources.catalogue.VALIDATED_SHA256`): a different file
   gets a warning that says so, and is still validated by content;
4. its content is read by the strict reader of its format
   (:func:`~worldsystem.sources.base.read_csv` with the file's layout and
   bounds, :func:`~worldsystem.sources.base.read_parquet`, a JSON parse, a
   workbook/zip integrity test);
5. the source's loaders run (every public ``load*`` function that needs only
   ``data``, or the module's ``CHECKS`` list), and an error they raise is
   reported against the file it names.

The checks only read; nothing is written.
"""

from __future__ import annotations

import inspect
import os
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from worldsystem.core import config
from worldsystem.core.errors import SourceError, WorldsystemError
from worldsystem.core.io import sha256_file
from worldsystem.sources import base, catalogue

__all__ = ["MANIFEST", "FileCheck", "SourceCheck", "check_source", "read_manifest"]

MANIFEST = base.MANIFEST
read_manifest = base.read_manifest


@dataclass
class FileCheck:
    """Result of verifying one file of a source."""

    source: str
    name: str
    path: Path
    sha256: str | None = None
    error: BaseException | None = None
    warnings: list[str] = field(default_factory=list)
    #: "manifest ok", "validated version", ...: what the checksum was compared with
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class SourceCheck:
    """Result of verifying one source: its files and its loaders."""

    source: str
    files: list[FileCheck]
    #: the main loader's result (a frame or object with provenance), if it ran
    result: Any = None
    #: loader errors that name none of the source's files
    errors: list[BaseException] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and all(f.ok for f in self.files)


def content_check(path: Path) -> None:
    """Read ``path`` with the strict reader of its format; raise on any damage."""
    name = path.name.lower()
    if name.endswith((".csv", ".csv.gz", ".tsv", ".tsv.gz")):
        base.read_csv(path, sep="\t" if ".tsv" in name else ",")
    elif name.endswith(".parquet"):
        base.read_parquet(path)
    elif name.endswith(".json"):
        from worldsystem.sources._econ import read_json

        read_json(path)
    elif name.endswith((".xlsx", ".zip")):
        _check_zip(path)
    else:
        base.read_bytes(path)


def _check_zip(path: Path) -> None:
    """A zip container (also xlsx): every member's CRC must check out."""
    base.require_magic(path, b"PK\x03\x04", "a zip/xlsx container")
    try:
        with zipfile.ZipFile(path) as zf:
            bad = zf.testzip()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise SourceError(
            f"zip/xlsx container is truncated or corrupted ({exc})",
            file=path,
            hint="the file may be truncated; download it again",
        ) from exc
    if bad is not None:
        raise SourceError(
            "zip/xlsx member fails its CRC check",
            file=path,
            value=bad,
            hint="the file is corrupted; download it again",
        )


def _loaders(module) -> list[tuple[str, Callable[..., Any], dict[str, Any]]]:
    """The loader calls that validate a source: ``CHECKS`` or every ``load*``."""
    checks = getattr(module, "CHECKS", None)
    if checks is not None:
        return [(name, getattr(module, name), dict(kwargs)) for name, kwargs in checks]
    out = []
    names = sorted(getattr(module, "__all__", dir(module)), key=lambda n: (n != "load", n))
    for name in names:
        fn = getattr(module, name, None)
        if not (name.startswith("load") and callable(fn)) or name == "load_year":
            continue
        params = list(inspect.signature(fn).parameters.values())
        required = [
            p
            for p in params
            if p.default is inspect.Parameter.empty
            and p.kind not in (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
        ]
        if [p.name for p in required] in ([], ["data"]):
            out.append((name, fn, {}))
    return out


def _check_file(info, name: str, folder: Path, manifests, validated: dict[str, str]) -> FileCheck:
    # the tidy file, or an official file standing in for it (SourceInfo.official)
    tidy = folder / info.id / name
    if tidy.exists() or tidy.is_symlink():  # a broken link is this file's error
        path = tidy
    else:
        path = info.resolve(name, folder) or tidy
    fc = FileCheck(info.id, name, path)
    try:
        if not path.is_file():
            base.locate(info, name, folder)  # raises the right error (loop, dir, absent)
        fc.sha256 = sha256_file(path)  # memoised: the manifest and provenance reuse it
    except OSError as exc:
        fc.error = base.unreadable_error(path, exc)
        return fc
    except WorldsystemError as exc:
        fc.error = exc
        return fc
    try:
        for mpath, entries, prefix in manifests:
            base.verify_manifest(path, prefix + path.name, entries, mpath, fc.sha256)
            fc.notes.append(f"matches {mpath.name}")
    except WorldsystemError as exc:
        fc.error = exc
        return fc
    known = validated.get(path.name)
    if known is None:
        fc.notes.append("no validated checksum recorded")
    elif known == fc.sha256:
        fc.notes.append("validated version")
    else:
        fc.warnings.append(
            f"sha256 {fc.sha256[:16]}... differs from the version the loaders were validated "
            f"on ({known[:16]}...); it is validated by content only"
        )
    if path.name != name:
        # read by format here; the loaders detect its layout by content
        fc.notes.append(f"official layout for {name}")
    try:
        content_check(path)
    except (WorldsystemError, OSError, UnicodeDecodeError) as exc:
        fc.error = exc
    return fc


def check_source(source_id: str, data: str | os.PathLike[str] | None = None) -> SourceCheck:
    """Verify every file of ``source_id`` and run its loaders (see the module doc)."""
    info = catalogue.info(source_id)
    folder = config.data_dir(data)
    files = list(info.files) + [
        f
        for f in info.optional_files
        if (folder / info.id / f).exists() or (folder / info.id / f).is_symlink()
    ]
    validated = catalogue.VALIDATED_SHA256.get(source_id, {})
    result = SourceCheck(source_id, [])
    try:
        manifests = base.manifests(folder, info.id)
    except WorldsystemError as exc:
        result.errors.append(exc)
        manifests = []
    for name in files:
        result.files.append(_check_file(info, name, folder, manifests, validated))
    if info.year_pattern and not info.year_entries(data):
        result.errors.append(
            SourceError(
                f"{info.name}: no year file",
                file=info.folder(data),
                value=info.year_label,
                hint=f"worldsystem data fetch {info.id}, or put the files into {info.folder(data)}",
            )
        )
        return result
    if not all(f.ok for f in result.files):
        return result  # the loaders would only repeat the first file's error
    by_path = {str(f.path): f for f in result.files}
    module = catalogue.module(source_id)
    for name, fn, kwargs in _loaders(module):
        try:
            obj = fn(data=data, **kwargs)
        except (WorldsystemError, OSError, UnicodeDecodeError) as exc:
            where = getattr(exc, "file", None) or getattr(exc, "filename", None)
            if where and Path(where).name in info.optional_files and not Path(where).exists():
                continue  # a loader of an optional file that is not there
            target = by_path.get(str(where or ""))
            if target is not None and target.ok:
                target.error = exc
            elif target is None:
                result.errors.append(exc)
            continue
        if name == "load" and result.result is None:
            result.result = obj
    return result
