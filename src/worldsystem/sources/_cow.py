"""Private helpers shared by the COW-family loaders (and the other batch-A sources).

Not part of the public API. It holds:

- :func:`read_parquet`, a strict Parquet reader that turns every pyarrow/pandas
  failure into a :class:`~worldsystem.core.errors.SourceError` naming the file;
- :func:`codes_to_iso3`, a vectorised wrapper around
  :func:`worldsystem.countries.convert` that converts each distinct
  ``(code, year)`` pair once and either raises a
  :class:`~worldsystem.core.errors.SchemaError` naming the file, field and code
  or keeps the row with ``iso3`` missing and returns a count for a provenance note;
- :func:`require_int`, :func:`year_column` and :func:`flag_column`, small
  validators used by several loaders.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.schema import check_year_range
from worldsystem.sources import base

__all__ = [
    "codes_to_iso3",
    "flag_column",
    "not_converted_note",
    "read_parquet",
    "require_int",
    "year_column",
]


def read_parquet(path: Path, *, required: Sequence[str] = ()) -> pd.DataFrame:
    """:func:`worldsystem.sources.base.read_parquet` (kept for the COW loaders)."""
    return base.read_parquet(path, required=required)


def require_int(
    df: pd.DataFrame,
    columns: Sequence[str],
    *,
    file: str | os.PathLike[str],
    sentinels: Sequence[float] = (),
    min_value: float | None = None,
    max_value: float | None = None,
    nullable: bool = False,
) -> pd.DataFrame:
    """Convert ``columns`` to whole numbers (``int64``, or ``Int64`` when ``nullable``).

    Text, fractions and (unless ``nullable``) missing values raise a SchemaError
    naming the file, column and value.
    """
    base.numeric(
        df,
        columns,
        file=file,
        sentinels=sentinels,
        integer=True,
        min_value=min_value,
        max_value=max_value,
    )
    for col in columns:
        if not nullable:
            if df[col].isna().any():
                raise SchemaError(
                    "missing value where a whole number is required",
                    file=file,
                    field=col,
                    value="",
                    hint="every row needs this field",
                )
            df[col] = df[col].astype("int64")
    return df


def year_column(
    df: pd.DataFrame,
    lo: int,
    hi: int,
    *,
    file: str | os.PathLike[str],
    column: str = "year",
) -> pd.DataFrame:
    """Make ``column`` an ``int64`` year within ``[lo, hi]`` or raise SchemaError."""
    require_int(df, [column], file=file)
    check_year_range(df, lo, hi, name=str(file), column=column)
    return df


def flag_column(df: pd.DataFrame, columns: Sequence[str], *, file: str | os.PathLike[str]) -> None:
    """Make 0/1 indicator ``columns`` ``int8``; anything else is a SchemaError."""
    require_int(df, columns, file=file, min_value=0, max_value=1)
    for col in columns:
        df[col] = df[col].astype("int8")


def codes_to_iso3(
    codes: pd.Series,
    *,
    source: str,
    file: str | os.PathLike[str],
    field: str,
    year: pd.Series | None = None,
    errors: str = "raise",
) -> tuple[pd.Series, int]:
    """ISO3 codes for ``codes`` of code system ``source`` via :mod:`worldsystem.countries`.

    Each distinct ``(code, year)`` pair is converted once, so the cost does not
    grow with the number of rows. Missing codes stay missing.

    Parameters
    ----------
    codes
        Codes to convert (e.g. COW ``ccode``); missing entries stay missing.
    source
        Code system understood by :func:`worldsystem.countries.convert`
        (``"cow"``, ``"gw"``, ``"iso2"``, ``"name"``...).
    file, field
        Where the codes come from, for the error message.
    year
        Optional year of each row, for year-dependent mappings.
    errors
        ``"raise"``: a code that cannot be converted raises a SchemaError naming the
        file, field and code. ``"keep"``: such rows get a missing ``iso3`` and are
        counted in the returned number.

    Returns
    -------
    iso3 : pandas.Series
        String series aligned with ``codes`` (missing where not converted).
    n_missing : int
        Number of rows with a non-missing code whose ``iso3`` is missing.
    """
    try:
        from worldsystem.countries import convert
    except ImportError as exc:  # pragma: no cover - only while countries is being written
        raise WorldsystemError(
            "worldsystem.countries.convert is not available",
            hint="update worldsystem; the countries layer provides code conversion",
        ) from exc
    present = codes.notna().to_numpy()
    if year is None:
        keys = pd.DataFrame({"code": codes[present].to_numpy()})
    else:
        keys = pd.DataFrame({"code": codes[present].to_numpy(), "year": year[present].to_numpy()})
    uniq = keys.drop_duplicates(ignore_index=True)
    try:
        conv = convert(
            uniq["code"].tolist(),
            source=source,
            target="iso3",
            year=None if year is None else uniq["year"].to_numpy(dtype="int64"),
            errors="coerce",
        )
    except WorldsystemError as exc:
        raise SchemaError(
            f"cannot convert {source} codes to ISO3: {exc.message}",
            file=file,
            field=field,
            value=exc.value,
        ) from exc
    uniq["iso3"] = pd.Series(list(conv), dtype="str").to_numpy()
    merged = keys.merge(uniq, on=list(keys.columns), how="left", sort=False)
    out = pd.Series(np.nan, index=codes.index, dtype="str")
    out[present] = merged["iso3"].to_numpy()
    bad = present & out.isna().to_numpy()
    n_bad = int(bad.sum())
    if n_bad and errors == "raise":
        first = codes[bad].iloc[0]
        first = first.item() if hasattr(first, "item") else first
        raise SchemaError(
            f"{n_bad} row(s) have a {source} code that cannot be converted to ISO3",
            file=file,
            field=field,
            value=first,
            hint="use the code list of the official release; unknown codes are not guessed",
        )
    return out, n_bad


def not_converted_note(n: int, field: str, what: str) -> list[str]:
    """Provenance note for ``n`` rows kept with a missing ISO3 (empty list when 0)."""
    if not n:
        return []
    return [f"{n} rows kept with iso3 missing: {field} has no ISO3 equivalent ({what})"]


def iso3_year_repeats_note(df: pd.DataFrame, keys: Sequence[str] = ("iso3", "year")) -> list[str]:
    """Provenance note when ``keys`` (e.g. ``iso3, year``) repeat at state transitions."""
    sub = df.loc[df[list(keys)].notna().all(axis=1), list(keys)]
    dup = sub.duplicated(keep=False)
    if not dup.any():
        return []
    first = tuple(v.item() if hasattr(v, "item") else v for v in sub[dup].iloc[0].tolist())
    return [
        f"{int(dup.sum())} rows share ({', '.join(keys)}) with another COW code at a state "
        f"transition (e.g. {first}); the source key keeps the COW code"
    ]


def overlap_dyad_years(
    part: pd.DataFrame,
    start: pd.Series,
    end: pd.Series,
    *,
    event: str,
    code: str = "ccode",
    side: str,
) -> pd.DataFrame:
    """Directed dyad-years of participants on opposite sides whose dates overlap.

    ``part`` has one row per participant (an ``event`` such as a war or a
    dispute, a state ``code``, a ``side``); ``start``/``end`` are its dates. Two
    states of one event on different sides form a directed dyad in every year
    that holds a day on which both took part (the overlap of their date ranges),
    the rule peacesciencer applies to the COW war and MID participant files. A
    state listed twice (e.g. after changing sides) pairs row by row; of repeated
    (event, states, year, sides) the first in file order is kept.

    Returns the merged rows with every column of ``part`` suffixed ``1`` (state
    1) and ``2`` (state 2) plus ``year`` (int64), sorted by event, states, year.
    """
    p = part.assign(_start=start.to_numpy(), _end=end.to_numpy(), _row=np.arange(len(part)))
    m = p.merge(p, on=event, suffixes=("1", "2"))
    m = m[(m[f"{code}1"] != m[f"{code}2"]) & (m[f"{side}1"] != m[f"{side}2"])]
    lo = np.maximum(m["_start1"].to_numpy(), m["_start2"].to_numpy())
    hi = np.minimum(m["_end1"].to_numpy(), m["_end2"].to_numpy())
    keep = lo <= hi
    m = m[keep].assign(_y0=pd.DatetimeIndex(lo[keep]).year, _y1=pd.DatetimeIndex(hi[keep]).year)
    n = (m["_y1"] - m["_y0"] + 1).to_numpy()
    rows = m.loc[m.index.repeat(n)].copy()
    offsets = np.concatenate([np.arange(k) for k in n]) if len(n) else np.zeros(0, int)
    rows["year"] = (rows["_y0"].to_numpy() + offsets).astype("int64")
    rows = rows.sort_values([event, f"{code}1", f"{code}2", "year", "_row1", "_row2"])
    rows = rows.drop_duplicates([event, f"{code}1", f"{code}2", "year", f"{side}1", f"{side}2"])
    return rows.reset_index(drop=True)
