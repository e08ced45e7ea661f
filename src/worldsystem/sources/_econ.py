"""Private helpers of the economic source loaders (batch B).

Not part of the public API. Everything here turns a failure into a
:class:`~worldsystem.core.errors.SourceError` or
:class:`~worldsystem.core.errors.SchemaError` naming the file, the field and the
offending value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import CodeSystemError, SchemaError, SourceError
from worldsystem.core.schema import check_numeric, check_year_range
from worldsystem.sources import base

__all__ = [
    "check_code_column",
    "check_exact_columns",
    "check_keys",
    "check_text_column",
    "names_to_iso3",
    "numeric",
    "read_json",
]

_ISO3_LIKE = re.compile(r"^[A-Z]{3}$")


def check_exact_columns(found: Sequence[str], expected: Sequence[str], *, file: Path | str) -> None:
    """Raise SchemaError naming the first column that differs from ``expected``."""
    found = [str(c) for c in found]
    for i, exp in enumerate(expected):
        if i >= len(found):
            raise SchemaError(
                f"file has {len(found)} columns; expected {len(expected)} (column {i} "
                f"should be {exp!r})",
                file=file,
                field=exp,
                hint="use the official release layout",
            )
        if found[i] != exp:
            raise SchemaError(
                f"unexpected column at position {i}: found {found[i]!r}, expected {exp!r}",
                file=file,
                field=found[i],
                value=found[i],
                hint="use the official release layout (column names and order)",
            )
    if len(found) > len(expected):
        extra = found[len(expected)]
        raise SchemaError(
            f"file has {len(found)} columns; expected {len(expected)}",
            file=file,
            field=extra,
            value=extra,
            hint="use the official release layout",
        )


def check_code_column(
    df: pd.DataFrame, column: str, *, file: Path | str, pattern: re.Pattern[str] = _ISO3_LIKE
) -> None:
    """Raise SchemaError if a code column has missing values or codes not matching ``pattern``."""
    s = df[column]
    if s.isna().any():
        raise SchemaError(
            "missing country code",
            file=file,
            field=column,
            value=None,
            hint="every row needs a country code",
        )
    bad = ~s.astype(str).str.fullmatch(pattern.pattern)
    if bad.any():
        raise CodeSystemError(
            f"country code does not match {pattern.pattern!r}",
            file=file,
            field=column,
            value=s[bad].iloc[0],
            hint="use the codes of the official release (three upper-case letters)",
        )


def check_text_column(df: pd.DataFrame, column: str, *, file: Path | str) -> None:
    """Raise SchemaError if a label column has missing or empty values."""
    s = df[column]
    bad = s.isna() | (s.astype(str).str.strip() == "")
    if bad.any():
        raise SchemaError(
            f"empty value in a label column (row {int(np.flatnonzero(bad.to_numpy())[0]) + 2} "
            "of the file)",
            file=file,
            field=column,
            value="",
        )


def check_keys(
    df: pd.DataFrame,
    keys: Sequence[str],
    *,
    file: Path | str,
    years: tuple[int, int],
    year_column: str = "year",
) -> None:
    """Year range (whole numbers within ``years``) and key uniqueness."""
    check_year_range(df, years[0], years[1], name=str(file), column=year_column)
    dup = df.duplicated(list(keys), keep=False)
    if dup.any():
        first = df.loc[dup, list(keys)].iloc[0]
        value = tuple(v.item() if hasattr(v, "item") else v for v in first.tolist())
        raise SchemaError(
            f"{int(dup.sum())} rows share a key; keys {list(keys)} must be unique",
            file=file,
            field=",".join(keys),
            value=value,
            hint="remove or aggregate the duplicated rows",
        )


def read_json(path: Path) -> Any:
    """Parse a JSON file; SourceError naming the file on any failure."""
    try:
        with path.open("rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc}", file=path) from exc
    if not raw.strip():
        raise SourceError("file is empty", file=path, hint="download the file again")
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(
            "file is not valid UTF-8",
            file=path,
            value=raw[exc.start : exc.start + 8],
            hint="download the file again",
        ) from exc
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"file is not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
            file=path,
            value=raw[max(0, exc.pos - 10) : exc.pos + 10],
            hint="the file may be truncated; download it again",
        ) from exc


def names_to_iso3(names: Iterable[str]) -> tuple[pd.Series, list[str]]:
    """Convert country names to ISO3 with :func:`worldsystem.countries.convert`.

    Returns the ISO3 codes aligned with ``names`` (missing where the countries
    API has no mapping) and the sorted list of unmapped names. The conversion is
    done once per distinct name.
    """
    names = pd.Series(list(names), dtype="object")
    uniq = pd.unique(names.dropna())
    try:
        from worldsystem.countries import convert
    except ImportError as exc:  # pragma: no cover - countries API not installed yet
        raise SourceError(
            "worldsystem.countries.convert is not available; cannot map names to ISO3",
            hint="update worldsystem (the countries layer provides convert)",
        ) from exc
    codes = convert(list(uniq), source="name", target="iso3", errors="coerce")
    mapping = {}
    for name, code in zip(uniq, list(codes), strict=True):
        ok = code is not None and not (isinstance(code, float) and np.isnan(code))
        mapping[name] = str(code) if ok and code is not pd.NA else None
    iso3 = names.map(mapping).astype("object")
    iso3 = iso3.where(iso3.notna(), None)
    unmapped = sorted(n for n, c in mapping.items() if c is None)
    return iso3, unmapped


def numeric(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    file: Path | str,
    min_value: float | None = None,
    max_value: float | None = None,
    integer: bool = False,
) -> pd.DataFrame:
    """:func:`base.numeric` with a fast path for columns pandas already parsed as numbers.

    A column with a numeric dtype cannot hold text, so only infinities and the
    bounds are checked (vectorised); other columns go through
    :func:`base.numeric`, which names the first non-number.
    """
    slow = []
    fast = []
    for col in columns:
        s = df[col]
        if pd.api.types.is_bool_dtype(s):
            slow.append(col)
        elif integer and pd.api.types.is_integer_dtype(s):
            check_numeric(df, [col], name=str(file), min_value=min_value, max_value=max_value)
        elif pd.api.types.is_numeric_dtype(s) and not integer:
            fast.append(col)
        else:
            slow.append(col)
    if fast:
        block = df[fast].astype("float64")
        check_numeric(block, fast, name=str(file), min_value=min_value, max_value=max_value)
        df[fast] = block
    if slow:
        base.numeric(df, slow, file=file, min_value=min_value, max_value=max_value, integer=integer)
    return df
