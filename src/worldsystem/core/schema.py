"""Schema: column names, frame kinds and validators.

Two tidy frame kinds carry almost everything in the project:

- **country-year**: keys ``iso3`` (str) and ``year`` (int), one row per key,
  optional ``ccode`` (COW code) where the source is COW-based;
- **dyad-year**: keys ``iso3_o``, ``iso3_d`` and ``year``; a directed flow goes
  from ``o`` to ``d``. An undirected frame says so in ``attrs["directed"] = False``.

A frame says which kind it is in ``attrs["kind"]`` (the :class:`FrameKind`
name, a string so that it survives the panel store): :func:`set_kind` writes
it, :func:`kind_of` reads it (or infers it from the key columns) and
:func:`require_kind` raises a :class:`~worldsystem.core.errors.SchemaError`
naming the step to run first when a frame of the wrong kind, or without a
prerequisite column, is passed on.

The validators raise :class:`~worldsystem.core.errors.SchemaError` naming the
frame (or file), the field and an offending value.

Year conventions shared by several layers live here too: a UN General Assembly
session ``s`` opens in September of year ``s + UN_SESSION_YEAR_OFFSET``
(:data:`UN_SESSION_YEAR_OFFSET` = 1945, session 1 = 1946).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError

__all__ = [
    "COUNTRY_YEAR",
    "DYAD_YEAR",
    "FRAME_KINDS",
    "KIND_KEY",
    "UN_SESSION_YEAR_OFFSET",
    "FrameKind",
    "check_integer",
    "check_numeric",
    "check_unique",
    "check_year_range",
    "kind_of",
    "require_columns",
    "require_kind",
    "session_year",
    "set_kind",
    "validate",
    "validate_country_year",
    "validate_dyad_year",
]

# Sensible bounds for years anywhere in the project (Maddison starts at year 1;
# Gapminder projections run to 2100).
MIN_YEAR = 1
MAX_YEAR = 2100


@dataclass(frozen=True)
class FrameKind:
    """A kind of tidy frame: its name and key columns."""

    name: str
    keys: tuple[str, ...]


COUNTRY_YEAR = FrameKind("country-year", ("iso3", "year"))
DYAD_YEAR = FrameKind("dyad-year", ("iso3_o", "iso3_d", "year"))

#: Kind name -> FrameKind.
FRAME_KINDS: dict[str, FrameKind] = {k.name: k for k in (COUNTRY_YEAR, DYAD_YEAR)}

#: ``attrs`` key holding a frame's kind (the :class:`FrameKind` name).
KIND_KEY = "kind"

#: A UNGA session ``s`` opens in September of year ``s + UN_SESSION_YEAR_OFFSET``
#: (session 1 = 1946). The one definition of the offset in the project.
UN_SESSION_YEAR_OFFSET = 1945


def session_year(session):
    """Opening year of UN General Assembly session(s) ``session``.

    Parameters
    ----------
    session : int or array-like of int
        Session number(s) (1 = the session that opened in 1946).

    Returns
    -------
    int or array-like of int
        ``session + UN_SESSION_YEAR_OFFSET`` (calendar year).
    """
    return session + UN_SESSION_YEAR_OFFSET


def set_kind(df: pd.DataFrame, kind: FrameKind) -> pd.DataFrame:
    """Record ``kind`` in ``df.attrs["kind"]`` (in place) and return ``df``."""
    df.attrs[KIND_KEY] = kind.name
    return df


def _infer_kind(df: pd.DataFrame) -> FrameKind | None:
    cols = set(map(str, df.columns))
    if {"year", "iso3_o", "iso3_d"} <= cols or {"year", "ccode_o", "ccode_d"} <= cols:
        return DYAD_YEAR
    if {"iso3", "year"} <= cols:
        return COUNTRY_YEAR
    return None


def kind_of(df: pd.DataFrame, *, infer: bool = True) -> FrameKind | None:
    """The kind of ``df``: ``attrs["kind"]``, else (``infer``) guessed from its keys.

    Parameters
    ----------
    df : pandas.DataFrame
    infer : bool, default True
        Without ``attrs["kind"]``, call a frame with ``iso3_o, iso3_d, year`` (or
        ``ccode_o, ccode_d, year``) dyad-year and one with ``iso3, year``
        country-year.

    Returns
    -------
    FrameKind or None
        None when the kind is neither recorded nor (with ``infer``) recognisable.
        A recorded name that is not a known kind is returned as a FrameKind
        without keys.
    """
    name = df.attrs.get(KIND_KEY)
    if isinstance(name, FrameKind):
        return name
    if isinstance(name, str):
        return FRAME_KINDS.get(name, FrameKind(name, ()))
    return _infer_kind(df) if infer else None


def require_kind(
    df: pd.DataFrame,
    kind: FrameKind,
    *,
    step: str,
    first: str,
    columns: Iterable[str] | None = None,
) -> None:
    """Raise SchemaError unless ``df`` is a ``kind`` frame with ``columns``.

    Parameters
    ----------
    df : pandas.DataFrame
        The frame passed to ``step``.
    kind : FrameKind
        The kind ``step`` works on.
    step : str
        Name of the function checking (e.g. ``"add_gdp"``), used in the message.
    first : str
        The step that builds a frame of ``kind`` (e.g. ``"country_years()"``),
        named in the message as the one to run first.
    columns : iterable of str, optional
        Prerequisite columns; ``kind.keys`` by default.

    Raises
    ------
    SchemaError
        ``attrs["kind"]`` names another kind, or a prerequisite column is missing.
        A frame without ``attrs["kind"]`` is accepted when it has the columns.
    """
    recorded = kind_of(df, infer=False)
    if recorded is not None and recorded.name != kind.name:
        raise SchemaError(
            f"{step}: expects a {kind.name} frame but got a {recorded.name} frame; "
            f"run {first} first",
            field=KIND_KEY,
            value=recorded.name,
            hint=f"pass the result of {first} (and of its add_* steps) to {step}",
        )
    need = kind.keys if columns is None else tuple(columns)
    missing = [c for c in need if c not in df.columns]
    if missing:
        got = kind_of(df)
        what = f" (this looks like a {got.name} frame)" if got and got.name != kind.name else ""
        raise SchemaError(
            f"{step}: the panel has no column {missing[0]!r}{what}; run {first} first",
            field=missing[0],
            hint=f"build the panel with {first} and pass it to {step}",
        )


def require_columns(df: pd.DataFrame, columns: Iterable[str], *, name: str = "frame") -> None:
    """Raise SchemaError if any of ``columns`` is missing from ``df``."""
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise SchemaError(
            f"missing column(s) {missing}; found {list(map(str, df.columns))[:30]}",
            file=name,
            field=missing[0],
            hint="check the file is the official release layout (see the catalogue entry)",
        )


def check_unique(df: pd.DataFrame, keys: Sequence[str], *, name: str = "frame") -> None:
    """Raise SchemaError if the key columns do not identify rows uniquely."""
    dup = df.duplicated(list(keys), keep=False)
    if dup.any():
        first = df.loc[dup, list(keys)].iloc[0]
        value = tuple(v.item() if hasattr(v, "item") else v for v in first.tolist())
        raise SchemaError(
            f"{int(dup.sum())} rows share a key; keys {list(keys)} must be unique",
            file=name,
            field=",".join(keys),
            value=value,
            hint="remove or aggregate the duplicated rows",
        )


def check_numeric(
    df: pd.DataFrame,
    columns: Iterable[str],
    *,
    name: str = "frame",
    min_value: float | None = None,
    max_value: float | None = None,
) -> None:
    """Raise SchemaError if a column is not numeric or has values outside a range.

    Missing values are allowed; infinities are not.
    """
    for col in columns:
        s = df[col]
        if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            bad = _first_non_numeric(s)
            raise SchemaError(
                f"column is not numeric (dtype {s.dtype})",
                file=name,
                field=col,
                value=bad,
                hint="remove text from the numeric column or mark missing values as empty cells",
            )
        vals = s.to_numpy(dtype="float64", na_value=np.nan)
        inf = np.isinf(vals)
        if inf.any():
            raise SchemaError("infinite value", file=name, field=col, value=float(vals[inf][0]))
        if min_value is not None:
            low = vals < min_value
            if low.any():
                raise SchemaError(
                    f"value below the minimum {min_value}",
                    file=name,
                    field=col,
                    value=_py(vals[low][0]),
                )
        if max_value is not None:
            high = vals > max_value
            if high.any():
                raise SchemaError(
                    f"value above the maximum {max_value}",
                    file=name,
                    field=col,
                    value=_py(vals[high][0]),
                )


def _py(v: float) -> float | int:
    f = float(v)
    return int(f) if f.is_integer() else f


def _first_non_numeric(s: pd.Series) -> object:
    conv = pd.to_numeric(s, errors="coerce")
    bad = s[conv.isna() & s.notna()]
    return bad.iloc[0] if len(bad) else None


def check_integer(df: pd.DataFrame, column: str, *, name: str = "frame") -> None:
    """Raise SchemaError if ``column`` holds non-integer or missing values."""
    s = df[column]
    if pd.api.types.is_integer_dtype(s) and not s.isna().any():
        return
    conv = pd.to_numeric(s, errors="coerce")
    bad = conv.isna() | (conv.notna() & (conv != conv.round()))
    if bad.any():
        raise SchemaError(
            "expected whole numbers without missing values",
            file=name,
            field=column,
            value=s[bad].iloc[0],
        )


def check_year_range(
    df: pd.DataFrame,
    lo: int = MIN_YEAR,
    hi: int = MAX_YEAR,
    *,
    name: str = "frame",
    column: str = "year",
) -> None:
    """Raise SchemaError if a year is missing, fractional or outside [lo, hi]."""
    check_integer(df, column, name=name)
    years = df[column].astype("int64")
    out = (years < lo) | (years > hi)
    if out.any():
        raise SchemaError(
            f"year outside the expected range {lo}-{hi}",
            file=name,
            field=column,
            value=int(years[out].iloc[0]),
        )


def validate(
    df: pd.DataFrame,
    kind: FrameKind,
    *,
    name: str = "frame",
    required: Iterable[str] = (),
    numeric: Iterable[str] = (),
    dtypes: Mapping[str, str] | None = None,
    year_range: tuple[int, int] | None = None,
) -> pd.DataFrame:
    """Validate a tidy frame of ``kind`` and return it unchanged.

    Checks: key and ``required`` columns present; keys non-missing and unique;
    ``year`` whole numbers within ``year_range``; ``numeric`` columns numeric
    and finite; ``dtypes`` (column -> pandas dtype kind such as ``"i"``, ``"f"``,
    ``"O"``) match.
    """
    require_columns(df, (*kind.keys, *required), name=name)
    for key in kind.keys:
        if df[key].isna().any():
            raise SchemaError(
                "missing value in a key column",
                file=name,
                field=key,
                value=None,
                hint="every row needs a complete key",
            )
    lo, hi = year_range if year_range is not None else (MIN_YEAR, MAX_YEAR)
    check_year_range(df, lo, hi, name=name)
    check_unique(df, kind.keys, name=name)
    check_numeric(df, numeric, name=name)
    for col, kind_char in (dtypes or {}).items():
        require_columns(df, [col], name=name)
        if df[col].dtype.kind not in kind_char:
            raise SchemaError(
                f"dtype {df[col].dtype} where kind {kind_char!r} was expected",
                file=name,
                field=col,
                value=str(df[col].dtype),
            )
    return df


def validate_country_year(df: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Validate a country-year frame (keys ``iso3``, ``year``). See :func:`validate`."""
    return validate(df, COUNTRY_YEAR, **kwargs)


def validate_dyad_year(df: pd.DataFrame, **kwargs) -> pd.DataFrame:
    """Validate a dyad-year frame (keys ``iso3_o``, ``iso3_d``, ``year``). See :func:`validate`."""
    return validate(df, DYAD_YEAR, **kwargs)
