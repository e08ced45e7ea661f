"""Corruption-corpus generator: damage one file of one source, on a copy.

Used by ``tests/data/test_corruption_real.py`` (on the real data, sampled with a
fixed seed) and ``tests/unit/test_corruption.py`` (on small hand-written
files). Nothing here touches the original files: :func:`stage` builds a data
folder in a temporary directory where every source folder is a symlink to the
original except the damaged source, whose files are symlinked one by one
except the damaged one, which is written as a new file.

The damage kinds (:data:`KINDS`) are the families of issue 18:

============== ==================================================================
cut_mid_row    the decoded text cut inside a data row (then re-compressed if .gz)
dup_header     a copy of a numeric column prepended (``milex,...,milex``)
overflow       one numeric cell set to ``1.7e308``
inf            one numeric cell set to ``inf``
out_of_range   one numeric cell set beyond its column's documented bound
garbage        the file replaced by random bytes
empty          the file replaced by an empty file
truncated      the raw bytes of a compressed/binary file cut in half
missing        the file removed
symlink_loop   the file replaced by a symlink to itself
manifest       a plausible one-digit change, with the folder's SHA256SUMS kept
============== ==================================================================
"""

from __future__ import annotations

import csv
import gzip
import io
import os
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from worldsystem.core import layouts
from worldsystem.sources import SOURCE_IDS, info

KINDS = (
    "cut_mid_row",
    "dup_header",
    "overflow",
    "inf",
    "out_of_range",
    "garbage",
    "empty",
    "truncated",
    "missing",
    "symlink_loop",
    "manifest",
)

_TEXT = (".csv", ".tsv", ".csv.gz", ".tsv.gz")
_CELL = ("dup_header", "overflow", "inf", "out_of_range", "manifest")
#: Files that are not data (licence texts): their damage is not a data error.
_NOT_DATA = ("LICENSE",)


@dataclass(frozen=True)
class Case:
    source: str
    file: str
    kind: str

    @property
    def id(self) -> str:
        return f"{self.source}/{self.file}:{self.kind}"


def _is_text(name: str) -> bool:
    return name.lower().endswith(_TEXT)


def applicable(source: str, name: str, kind: str) -> bool:
    """Whether damage ``kind`` makes sense for file ``name`` of ``source``."""
    low = name.lower()
    if name in _NOT_DATA:
        return False
    if kind == "truncated":
        return low.endswith((".gz", ".parquet", ".xlsx", ".zip"))
    if kind == "cut_mid_row":
        return _is_text(name) or low.endswith(".json")
    if kind in ("dup_header", "manifest"):
        return _is_text(name) or low.endswith(".parquet")
    if kind in _CELL:  # a numeric cell: the file must have bounded numeric columns
        layout = layouts.layout_for(f"{source}/{name}")
        numeric = layout is not None and bool(layout.bounds or layout.default)
        return low.endswith(".parquet") or (_is_text(name) and numeric)
    return True


def cases(data: Path, sources=SOURCE_IDS) -> list[Case]:
    """Every applicable (source, file, damage) of the files present under ``data``."""
    out = []
    for sid in sources:
        entry = info(sid)
        for name in entry.files:
            if not (data / sid / name).is_file():
                continue
            stand_in = _has_stand_in(entry, name, data / sid)
            for kind in KINDS:
                if kind == "manifest" and not (data / "SHA256SUMS").is_file():
                    continue
                if kind == "missing" and stand_in:
                    continue  # the producer's file is read instead, by design
                if applicable(sid, name, kind):
                    out.append(Case(sid, name, kind))
    return out


def _has_stand_in(entry, name: str, folder: Path) -> bool:
    """Whether a producer's file standing in for ``name`` is in ``folder``."""
    import fnmatch

    patterns = entry.official.get(name, ())
    return any(
        fnmatch.fnmatchcase(p.name.lower(), pat.lower())
        for p in folder.iterdir()
        if p.name != name
        for pat in patterns
    )


def sample(all_cases: list[Case], n: int, seed: int = 18) -> list[Case]:
    """``n`` cases with a fixed seed, every damage kind and source represented."""
    if n >= len(all_cases):
        return list(all_cases)
    rng = random.Random(seed)
    pool = list(all_cases)
    rng.shuffle(pool)
    chosen: list[Case] = []
    seen_kind: set[str] = set()
    seen_source: set[str] = set()
    for c in pool:  # first cover every kind and every source
        if c.kind not in seen_kind or c.source not in seen_source:
            chosen.append(c)
            seen_kind.add(c.kind)
            seen_source.add(c.source)
    rest = [c for c in pool if c not in chosen]
    chosen += rest[: max(0, n - len(chosen))]
    return chosen


# --------------------------------------------------------------------- staging
def stage(data: Path, case: Case, root: Path, seed: int = 0) -> tuple[Path, str]:
    """Build a data folder under ``root`` with ``case`` applied; return it and a note."""
    out = root / "data"
    out.mkdir(parents=True)
    for entry in sorted(data.iterdir()):
        if entry.is_dir() and entry.name != case.source:
            (out / entry.name).symlink_to(entry.resolve(), target_is_directory=True)
    if case.kind == "manifest":
        (out / "SHA256SUMS").write_bytes((data / "SHA256SUMS").read_bytes())
    src = data / case.source
    dst = out / case.source
    dst.mkdir()
    for f in sorted(src.rglob("*")):
        rel = f.relative_to(src)
        if f.is_dir():
            (dst / rel).mkdir(parents=True, exist_ok=True)
        elif rel.as_posix() != case.file:
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            (dst / rel).symlink_to(f.resolve())
    target = dst / case.file
    target.parent.mkdir(parents=True, exist_ok=True)
    note = damage(src / case.file, target, case.kind, random.Random(seed))
    return out, note


def damage(original: Path, target: Path, kind: str, rng: random.Random) -> str:
    """Write a damaged copy of ``original`` to ``target``; return what was done."""
    raw = original.read_bytes()
    name = original.name
    if kind == "missing":
        return "file removed"
    if kind == "symlink_loop":
        target.symlink_to(target.name)
        return "symlink to itself"
    if kind == "empty":
        target.write_bytes(b"")
        return "empty file"
    if kind == "garbage":
        junk = bytes(rng.randrange(256) for _ in range(4096))
        target.write_bytes(junk)
        return "4096 random bytes"
    if kind == "truncated":
        target.write_bytes(raw[: len(raw) // 2])
        return f"raw bytes cut at {len(raw) // 2} of {len(raw)}"
    if name.lower().endswith(".parquet"):
        return _damage_parquet(original, target, kind, rng)
    gz = name.lower().endswith(".gz")
    text = gzip.decompress(raw) if gz else raw
    new, note = _damage_text(text, original, kind, rng)
    target.write_bytes(gzip.compress(new, mtime=0) if gz else new)
    return note


def _numeric_columns(original: Path, frame: pd.DataFrame) -> list[str]:
    layout = layouts.layout_for(original)
    cols = []
    for c in frame.columns:
        if pd.api.types.is_numeric_dtype(frame[c]) and frame[c].notna().any():
            cols.append(str(c))
        elif layout is not None and c in layout.bounds:
            if pd.to_numeric(frame[c], errors="coerce").notna().any():
                cols.append(str(c))
    return cols


def _bad_value(original: Path, column: str, kind: str) -> str:
    if kind == "overflow":
        return "1.7e308"
    if kind == "inf":
        return "inf"
    layout = layouts.layout_for(original)
    bound = (layout.bound(column) if layout is not None else None) or layouts.GENERIC
    if bound.hi is not None:
        return repr(float(bound.hi) * 10 + 10)
    return repr(float(bound.lo) * 10 - 10)


def _damage_text(text: bytes, original: Path, kind: str, rng: random.Random):
    name = original.name.lower()
    if kind == "cut_mid_row":
        # a position in the second half that is not just after a newline and
        # not at a newline: the last line is then a prefix of a real row
        lo = len(text) // 2
        for _ in range(1000):
            pos = rng.randrange(lo, len(text) - 1)
            if text[pos - 1 : pos] not in (b"\n", b"\r") and text[pos : pos + 1] not in (
                b"\n",
                b"\r",
            ):
                return text[:pos], f"cut at byte {pos} of {len(text)}"
        raise AssertionError("no cut position found")  # pragma: no cover
    if kind == "manifest":
        # a plausible edit: one digit of a data line changed (the content stays
        # valid, only the checksum tells)
        start = text.index(b"\n") + 1
        digits = [i for i in range(start, len(text)) if 48 <= text[i] <= 57]
        i = rng.choice(digits)
        new = text[:i] + bytes([48 + (text[i] - 48 + 1) % 10]) + text[i + 1 :]
        return new, f"digit at byte {i} changed"
    sep = "\t" if ".tsv" in name else ","
    frame = pd.read_csv(
        io.BytesIO(text), sep=sep, keep_default_na=False, na_values=[""], low_memory=False
    )
    numeric = _numeric_columns(original, frame)
    if kind == "dup_header" and not numeric:
        numeric = [str(frame.columns[0])]
    assert numeric, f"{original}: no numeric column to damage"
    col = rng.choice(numeric)
    lines = text.decode("utf-8").split("\n")
    header = next(csv.reader([lines[0].rstrip("\r")], delimiter=sep))
    j = header.index(col)
    if kind == "dup_header":
        out = [f"{col}{sep}{lines[0]}"]
        out += [f"1{sep}{ln}" if ln else ln for ln in lines[1:]]
        return "\n".join(out).encode(), f"column {col!r} prepended with 1s"
    # one cell: a physical line that parses to exactly the header's fields and
    # holds a number in that column
    values = pd.to_numeric(frame[col], errors="coerce")
    rows = [i for i in values[values.notna()].index]
    rng.shuffle(rows)
    for i in rows:
        ln = i + 1
        if ln >= len(lines):
            continue
        fields = next(csv.reader([lines[ln].rstrip("\r")], delimiter=sep))
        if len(fields) != len(header) or fields[j].strip() == "":
            continue
        fields[j] = _bad_value(original, col, kind)
        buf = io.StringIO()
        csv.writer(buf, delimiter=sep, lineterminator="").writerow(fields)
        lines[ln] = buf.getvalue() + ("\r" if lines[ln].endswith("\r") else "")
        return "\n".join(lines).encode(), f"line {ln + 1} column {col!r} = {fields[j]!r}"
    raise AssertionError(f"{original}: no line to damage in {col!r}")  # pragma: no cover


def _damage_parquet(original: Path, target: Path, kind: str, rng: random.Random) -> str:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pq.read_table(original)
    frame = table.to_pandas()
    numeric = _numeric_columns(original, frame)
    col = rng.choice(numeric)
    if kind == "dup_header":
        arrays = [table.column(col), *table.columns]
        names = [col, *table.column_names]
        pq.write_table(pa.Table.from_arrays(arrays, names=names), target)
        return f"column {col!r} duplicated"
    i = rng.randrange(len(frame))
    values = frame[col].to_numpy(dtype="float64").copy()
    if kind == "manifest":
        values[i] = values[i] + 1
    else:
        values[i] = float(_bad_value(original, col, kind))
    frame[col] = values
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), target)
    return f"row {i} column {col!r} = {values[i]!r}"


# -------------------------------------------------------------------- commands
#: CLI commands that read a file (``source/file`` -> arguments): a damaged file
#: must make them fail, never answer. (``majors2016.csv`` is read by no command:
#: the polarity measures take the COW major powers from
#: ``measures.polarity.concentrations.COW_MAJORS``; ``data check`` still
#: refuses a damaged copy.)
COMMANDS: dict[str, list[str]] = {
    "cow_nmc/NMC-70-abridged.csv": ["polarity", "--index", "cinc", "--years", "2000-2001"],
    "nuclear/warhead_stockpiles.csv": ["polarity", "--index", "nuclear", "--years", "2000-2001"],
    "maddison/mpd2023.csv": ["polarity", "--index", "gdp", "--years", "2000-2001"],
    "cow_states/states2016.csv": ["polarity", "--index", "cinc", "--years", "2000-2001"],
}


def command_for(case: Case) -> list[str] | None:
    return COMMANDS.get(f"{case.source}/{case.file}")


def env_cases(default: int) -> int | None:
    """Number of cases to run: ``$WORLDSYSTEM_CORRUPTION_CASES`` (``all`` = every one)."""
    value = os.environ.get("WORLDSYSTEM_CORRUPTION_CASES")
    if value is None:
        return default
    return None if value == "all" else int(value)
