"""On-disk store of built panels: Parquet files under the cache directory.

A built panel is stored as ``<cache>/panels/<key>.parquet`` with a sidecar
``<key>.json`` that records the SHA-256 of the Parquet file, the provenance, the
units and the frame's other ``attrs``. The key is the SHA-256 of

- the builder's name and its parameters (JSON, sorted keys),
- the worldsystem package version and a digest of the code of its ``core``,
  ``sources``, ``panels`` and ``countries`` modules (:func:`code_digest`),
- the checksum of every file of every source the builder reads
  (:func:`worldsystem.sources.base.checksum`),

so a new release of a dataset, a different data directory content, a new
package version or an edited checkout never reads a stale entry.

Writes are atomic: the Parquet file is written to a temporary file and renamed,
then the sidecar (the commit marker) likewise. An entry counts only when both
exist and the Parquet file's SHA-256 matches the sidecar; a corrupted or
half-written entry is removed and rebuilt. A build that raises leaves nothing.

The Parquet files are plain Parquet (pyarrow, pandas dtypes preserved through
the pandas metadata), so DuckDB can query them directly; :func:`sql` runs a
DuckDB query over one stored panel without loading it into pandas.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from worldsystem.core import config
from worldsystem.core.io import atomic_path, atomic_write_text, sha256_file
from worldsystem.core.provenance import PROVENANCE_KEY, UNITS_KEY, Provenance, get, get_units
from worldsystem.sources.base import SourceInfo, checksum

__all__ = ["cached", "clear", "code_digest", "entry_paths", "key", "sql", "store_dir"]

#: counters for tests and benchmarks: hits, misses, rebuilt (corrupted) entries
STATS: dict[str, int] = {"hits": 0, "misses": 0, "corrupted": 0}


def store_dir(cache: str | os.PathLike[str] | None = None) -> Path:
    """Folder of the panel store: ``<cache dir>/panels``."""
    return config.cache_dir(cache) / "panels"


#: Sub-packages whose code builds panels: an edit to any of them changes the key.
CODE_PARTS = ("core", "sources", "panels", "countries")


def code_digest(root: Path, parts: Sequence[str] = CODE_PARTS) -> str:
    """SHA-256 (16 hex digits) of the paths and text of the ``.py`` files under ``parts``."""
    h = hashlib.sha256()
    for sub in parts:
        for f in sorted((root / sub).rglob("*.py")):
            h.update(f.relative_to(root).as_posix().encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


@functools.cache
def _version() -> str:
    """The package version and :func:`code_digest` of the code that builds panels.

    The version alone would serve a panel built by older code of the same
    version (a checkout between releases).
    """
    from worldsystem import __version__

    return f"{__version__}+{code_digest(Path(__file__).resolve().parent.parent)}"


def _source_checksums(
    sources: Sequence[SourceInfo], data: str | os.PathLike[str] | None
) -> dict[str, str] | None:
    """Checksum per source id; None if any required file is absent (no caching)."""
    out: dict[str, str] = {}
    for info in sources:
        if info.missing_files(data):
            return None
        # the files actually read: tidy, or the producer's files standing in for them
        paths = info.present_files(data)
        out[info.id] = f"{info.version}:{checksum(paths)}"
    return out


def key(
    name: str,
    params: Mapping[str, Any],
    sources: Sequence[SourceInfo],
    data: str | os.PathLike[str] | None = None,
) -> str | None:
    """Cache key of a build, or None when a source file is absent.

    Parameters
    ----------
    name
        Builder name, e.g. ``"country_years"``.
    params
        JSON-serialisable parameters of the build.
    sources
        Catalogue entries of the sources the build reads.
    data
        Data directory.

    Returns
    -------
    str or None
        Hex SHA-256 of name, parameters, package version and source checksums.
    """
    sums = _source_checksums(sources, data)
    if sums is None:
        return None
    payload = {"name": name, "params": params, "version": _version(), "sources": sums}
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def entry_paths(k: str, cache: str | os.PathLike[str] | None = None) -> tuple[Path, Path]:
    """Parquet and sidecar paths of entry ``k``."""
    folder = store_dir(cache)
    return folder / f"{k}.parquet", folder / f"{k}.json"


def _remove(k: str, cache: str | os.PathLike[str] | None) -> None:
    for p in entry_paths(k, cache):
        with contextlib.suppress(FileNotFoundError):
            p.unlink()


def _read(k: str, cache: str | os.PathLike[str] | None) -> pd.DataFrame | None:
    pq_path, meta_path = entry_paths(k, cache)
    if not (pq_path.is_file() and meta_path.is_file()):
        return None
    try:
        meta = json.loads(meta_path.read_text("utf-8"))
        if meta.get("sha256") != sha256_file(pq_path):
            raise ValueError("checksum mismatch")
        df = pd.read_parquet(pq_path)
        if len(df) != meta.get("rows"):
            raise ValueError("row count mismatch")
    except Exception:  # corrupted entry of any kind: drop it and rebuild
        STATS["corrupted"] += 1
        _remove(k, cache)
        return None
    df.attrs = {}
    for name, value in meta.get("attrs", {}).items():
        df.attrs[name] = value
    df.attrs[PROVENANCE_KEY] = Provenance.from_dict(meta.get("provenance", {}))
    df.attrs[UNITS_KEY] = dict(meta.get("units", {}))
    return df


def _write(k: str, df: pd.DataFrame, params: Mapping[str, Any], name: str, cache) -> None:
    pq_path, meta_path = entry_paths(k, cache)
    clean = df.copy(deep=False)
    other = {
        a: v
        for a, v in df.attrs.items()
        if a not in (PROVENANCE_KEY, UNITS_KEY) and isinstance(v, (str, int, float, bool))
    }
    clean.attrs = {}
    with atomic_path(pq_path) as tmp:
        clean.to_parquet(tmp, index=False)
    meta = {
        "name": name,
        "params": params,
        "version": _version(),
        "rows": len(df),
        "sha256": sha256_file(pq_path),
        "provenance": get(df).to_dict(),
        "units": get_units(df),
        "attrs": other,
    }
    atomic_write_text(meta_path, json.dumps(meta, sort_keys=True, indent=1, default=str))


def cached(
    name: str,
    params: Mapping[str, Any],
    sources: Sequence[SourceInfo],
    build: Callable[[], pd.DataFrame],
    *,
    data: str | os.PathLike[str] | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """Return the stored panel for these inputs, building and storing it if absent.

    Parameters
    ----------
    name, params, sources, data
        Inputs of the key (see :func:`key`).
    build
        Zero-argument function that builds the frame (called on a miss).
    cache
        False bypasses the store (no read, no write).

    Returns
    -------
    pandas.DataFrame
        The panel with provenance and units restored.

    Notes
    -----
    When a source file is absent, no key can be formed: ``build`` is called
    directly (and raises the loader's :class:`~worldsystem.core.errors.SourceError`).
    If ``build`` raises, nothing is written.
    """
    if not cache:
        return build()
    k = key(name, params, sources, data)
    if k is None:
        return build()
    hit = _read(k, None)
    if hit is not None:
        STATS["hits"] += 1
        return hit
    STATS["misses"] += 1
    df = build()
    _write(k, df, params, name, None)
    return df


def clear(cache: str | os.PathLike[str] | None = None) -> int:
    """Remove every stored panel; return the number of files removed."""
    folder = store_dir(cache)
    n = 0
    if folder.is_dir():
        for p in folder.iterdir():
            if p.suffix in (".parquet", ".json", ".tmp"):
                p.unlink()
                n += 1
    return n


def sql(k: str, query: str, *, cache: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Run a DuckDB query over stored entry ``k``, exposed as the view ``panel``.

    Parameters
    ----------
    k
        Entry key (see :func:`key`).
    query
        SQL text referring to ``panel``, e.g.
        ``"select year, count(*) n from panel group by year"``.

    Returns
    -------
    pandas.DataFrame
    """
    import duckdb

    pq_path, _ = entry_paths(k, cache)
    con = duckdb.connect()
    try:
        con.read_parquet(str(pq_path)).create_view("panel")
        return con.execute(query).df()
    finally:
        con.close()
