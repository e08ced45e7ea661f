"""Country identity table and vectorised code conversion.

See the package docstring (:mod:`worldsystem.countries`) for the documented
rules on hard cases (Germany, Russia/USSR, Yugoslavia/Serbia, Vietnam, Yemen,
Czechoslovakia, project codes).
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import CodeSystemError

__all__ = [
    "SYSTEMS",
    "convert",
    "cow_to_iso3",
    "gw_to_iso3",
    "is_example_code",
    "iso2_to_iso3",
    "iso3_to_cow",
    "name_of",
    "table",
]

#: Code systems understood by :func:`convert`, mapped to the table column.
SYSTEMS: dict[str, str] = {
    "iso3": "iso3",
    "iso2": "iso2",
    "isonum": "isonum",
    "cow": "ccode",
    "cowc": "cowc",
    "gw": "gwcode",
    "name": "name",
}
_NUMERIC = {"isonum", "cow", "gw"}
_ERRORS = ("raise", "coerce")
_MAX_LISTED = 10
_DATA = "data"


def _read_csv(name: str) -> pd.DataFrame:
    ref = resources.files("worldsystem.countries").joinpath(_DATA, name)
    with ref.open("r", encoding="utf-8") as fh:
        # keep_default_na=False: Namibia's ISO2 code is the string "NA".
        return pd.read_csv(fh, dtype=str, keep_default_na=False, na_values=[""])


@functools.lru_cache(maxsize=1)
def _table() -> pd.DataFrame:
    t = _read_csv("identity.csv")
    for col in ("isonum", "ccode", "gwcode", "start_year", "end_year"):
        t[col] = pd.to_numeric(t[col]).astype("Int64")
    for col in ("iso3", "iso2", "cowc", "name", "note"):
        t[col] = t[col].astype(object).where(t[col].notna(), None)
    return t


def table() -> pd.DataFrame:
    """Return the country identity table.

    One row per combination of codes valid over ``[start_year, end_year]``;
    an empty ``start_year``/``end_year`` means unbounded. Most entities have a
    single unbounded row; split entities (Germany, Serbia, Yemen) have several
    rows that partition time.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, iso2, isonum, ccode, cowc, gwcode, name, start_year,
        end_year, note``. Numeric codes and years are nullable ``Int64``. A
        copy: changing it does not change the cached table.

    Examples
    --------
    >>> t = table()
    >>> t.loc[t.iso3 == "NAM", "iso2"].item()
    'NA'
    """
    return _table().copy()


def _norm_name(text: str) -> str:
    """Normalise a country name for exact matching.

    Case-folds, strips accents (Unicode NFKD, combining marks removed), maps
    typographic apostrophes to ``'`` and collapses whitespace. No fuzzy
    matching.
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=1)
def _name_index() -> dict[str, str]:
    """Normalised name or alias -> iso3."""
    t = _table()
    out: dict[str, str] = {}
    for name, iso3 in zip(t["name"], t["iso3"], strict=True):
        out.setdefault(_norm_name(name), iso3)
    al = _read_csv("aliases.csv")
    for alias, iso3 in zip(al["alias"], al["iso3"], strict=True):
        key = _norm_name(alias)
        if key in out and out[key] != iso3:
            raise CodeSystemError(
                "Alias maps to two different countries",
                file="aliases.csv",
                field="alias",
                value=alias,
                hint="make each alias unique in the package data",
            )
        out[key] = iso3
    return out


@functools.lru_cache(maxsize=1)
def _iso3_rows() -> dict[str, np.ndarray]:
    t = _table()
    return {k: np.asarray(v) for k, v in t.groupby("iso3", sort=False).indices.items()}


@functools.cache
def _key_rows(source: str) -> dict[Any, np.ndarray]:
    """Normalised source key -> positions of the table rows it identifies."""
    t = _table()
    if source == "name":
        iso_rows = _iso3_rows()
        return {k: iso_rows[v] for k, v in _name_index().items()}
    col = SYSTEMS[source]
    sub = t[t[col].notna()]
    keys = sub[col].astype(int) if source in _NUMERIC else sub[col]
    return {k: np.asarray(sub.index[v]) for k, v in keys.groupby(keys).indices.items()}


@functools.cache
def _plan(source: str, target: str) -> dict[Any, tuple]:
    """For each source key: ("static", value) or ("year", starts, ends, values)."""
    t = _table()
    col = SYSTEMS[target]
    vals = t[col].to_numpy(dtype=object)
    vals = np.array([None if pd.isna(v) else v for v in vals], dtype=object)
    if target in _NUMERIC:
        vals = np.array([None if v is None else int(v) for v in vals], dtype=object)
    lo = t["start_year"].astype("Float64").fillna(-np.inf).to_numpy(dtype=float)
    hi = t["end_year"].astype("Float64").fillna(np.inf).to_numpy(dtype=float)
    plan: dict[Any, tuple] = {}
    for key, rows in _key_rows(source).items():
        if target == "name":
            # Canonical name: that of the iso3's latest row.
            last = _iso3_rows()[t.at[int(rows[0]), "iso3"]]
            last = last[np.argmax(hi[last])]
            plan[key] = ("static", vals[last])
            continue
        distinct = {vals[r] for r in rows}
        if len(distinct) == 1:
            plan[key] = ("static", vals[rows[0]])
        else:
            plan[key] = ("year", lo[rows], hi[rows], vals[rows])
    return plan


def _normalise_keys(uniques: np.ndarray, source: str) -> list[Any]:
    out: list[Any] = []
    for u in uniques:
        if source in _NUMERIC:
            try:
                f = float(str(u).strip()) if isinstance(u, str) else float(u)
            except (TypeError, ValueError):
                out.append(("bad", u))
                continue
            out.append(int(f) if np.isfinite(f) and f == int(f) else ("bad", u))
        elif source == "name":
            out.append(_norm_name(u))
        else:
            out.append(str(u).strip().upper())
    return out


def _year_array(year: Any, n: int) -> np.ndarray | None:
    if year is None:
        return None
    if np.ndim(year) == 0:
        y = float("nan") if pd.isna(year) else float(year)
        return np.full(n, y)
    arr = pd.to_numeric(pd.Series(np.asarray(year, dtype=object)), errors="coerce")
    arr = arr.to_numpy(dtype=float)
    if arr.shape[0] != n:
        raise CodeSystemError(
            f"year has {arr.shape[0]} elements but codes has {n}",
            field="year",
            hint="pass a scalar year or an array aligned 1:1 with codes",
        )
    return arr


def _listing(values: list[Any]) -> str:
    shown = ", ".join(repr(v) for v in values[:_MAX_LISTED])
    more = len(values) - _MAX_LISTED
    return shown + (f" and {more} more" if more > 0 else "")


def convert(
    codes: Any,
    *,
    source: str,
    target: str,
    year: Any = None,
    errors: str = "raise",
) -> np.ndarray | pd.Series:
    """Convert country codes between code systems, vectorised.

    Parameters
    ----------
    codes
        List, numpy array or pandas Series of codes in ``source``. Missing
        values (None/NaN) give missing results in both error modes.
    source, target
        One of ``"iso3"``, ``"iso2"``, ``"isonum"``, ``"cow"`` (numeric COW
        ccode), ``"cowc"`` (COW abbreviation), ``"gw"`` (Gleditsch-Ward),
        ``"name"``. For ``source="name"`` the match is exact after case folding,
        accent stripping and whitespace collapsing, against the table names and
        a hand-written alias list. For ``target="name"`` the current name is
        returned.
    year
        None, a scalar, or an array aligned with ``codes``. Needed only for
        codes whose target depends on the year (``DEU`` -> COW 255/260,
        ``YEM`` -> COW 678/679, ``SRB`` -> GW 340/345, COW 255 -> GW).
    errors
        ``"raise"`` (default) raises :class:`CodeSystemError` listing the
        offending codes; ``"coerce"`` returns missing values for them.

    Returns
    -------
    numpy.ndarray or pandas.Series
        Aligned 1:1 with ``codes``; a Series (same index) when ``codes`` is a
        Series. String targets give objects with None for missing. Numeric
        targets give int64 arrays, float64 with NaN when something is missing,
        and nullable ``Int64`` Series.

    Raises
    ------
    CodeSystemError
        Unknown system; unknown code; code with no counterpart in ``target``
        (e.g. ``PSE`` has no COW code); year needed but not given; year outside
        every row of a split entity.

    Examples
    --------
    >>> convert(["USA", "RUS"], source="iso3", target="cow").tolist()
    [2, 365]
    >>> convert(["DEU", "DEU"], source="iso3", target="cow", year=[1970, 2000]).tolist()
    [260, 255]
    """
    for label, sysname in (("source", source), ("target", target)):
        if sysname not in SYSTEMS:
            raise CodeSystemError(
                f"Unknown code system {sysname!r} for {label}",
                field=label,
                value=sysname,
                hint=f"use one of {sorted(SYSTEMS)}",
            )
    if errors not in _ERRORS:
        raise CodeSystemError(
            f"errors must be 'raise' or 'coerce', got {errors!r}",
            field="errors",
            value=errors,
            hint="pass errors='raise' or errors='coerce'",
        )
    index = codes.index if isinstance(codes, pd.Series) else None
    raw = codes.to_numpy(dtype=object) if index is not None else np.asarray(codes, dtype=object)
    if raw.ndim != 1:
        raw = raw.reshape(-1)
    n = raw.shape[0]
    inv, uniques = pd.factorize(raw, use_na_sentinel=True)
    keys = _normalise_keys(uniques, source)
    plan = _plan(source, target)
    numeric_out = target in _NUMERIC

    u_val = np.full(
        len(uniques), np.nan if numeric_out else None, dtype=float if numeric_out else object
    )
    unknown: list[Any] = []
    no_code: list[Any] = []
    ydep: dict[int, tuple] = {}
    for i, key in enumerate(keys):
        entry = plan.get(key) if not isinstance(key, tuple) else None
        if entry is None:
            unknown.append(uniques[i])
        elif entry[0] == "static":
            if entry[1] is None:
                no_code.append(uniques[i])
            else:
                u_val[i] = entry[1]
        else:
            ydep[i] = entry

    if errors == "raise":
        if unknown:
            raise CodeSystemError(
                f"{len(unknown)} code(s) not found in code system {source!r}: {_listing(unknown)}",
                field=source,
                value=unknown[:_MAX_LISTED],
                hint="check the code system and spelling, or pass errors='coerce' "
                "to get missing values",
            )
        if no_code:
            raise CodeSystemError(
                f"{len(no_code)} {source} code(s) have no code in system {target!r}: "
                f"{_listing(no_code)}",
                field=target,
                value=no_code[:_MAX_LISTED],
                hint="these entities are outside that code system (e.g. PSE has no COW "
                "code); pass errors='coerce' to get missing values",
            )

    out = u_val[inv] if n else u_val[:0]
    if n and (inv < 0).any():
        out[inv < 0] = np.nan if numeric_out else None

    if ydep:
        years = _year_array(year, n)
        for i, (_, lo, hi, vals) in ydep.items():
            pos = np.flatnonzero(inv == i)
            if years is None:
                if errors == "raise":
                    raise CodeSystemError(
                        f"{source} code {uniques[i]!r} maps to different {target} codes "
                        f"by year ({sorted({v for v in vals if v is not None}, key=str)}); "
                        "a year is needed",
                        field="year",
                        value=uniques[i],
                        hint="pass year= (a scalar or an array aligned with codes)",
                    )
                continue
            y = years[pos]
            res = np.full(pos.shape[0], np.nan if numeric_out else None, dtype=out.dtype)
            hit = np.zeros(pos.shape[0], dtype=bool)
            for a, b, v in zip(lo, hi, vals, strict=True):
                m = (y >= a) & (y <= b) & ~hit
                if v is not None:
                    res[m] = v
                hit |= m
            bad = ~hit | pd.isna(res)
            if bad.any() and errors == "raise":
                bad_years = sorted({float(v) for v in y[bad]}, key=str)
                raise CodeSystemError(
                    f"{source} code {uniques[i]!r} has no {target} code in year(s) "
                    f"{_listing(bad_years)}",
                    field="year",
                    value=uniques[i],
                    hint="give a valid (non-missing) year or pass errors='coerce'",
                )
            out[pos] = res

    if numeric_out:
        if index is not None:
            return pd.Series(pd.array(out, dtype="Float64").astype("Int64"), index=index)
        if not np.isnan(out).any():
            return out.astype(np.int64)
        return out
    if index is not None:
        return pd.Series(out, index=index, dtype=object)
    return out


def cow_to_iso3(ccodes: Any, year: Any = None, errors: str = "raise") -> np.ndarray | pd.Series:
    """Convert COW numeric state codes to ISO3 (see :func:`convert`).

    Examples
    --------
    >>> cow_to_iso3([365, 260, 817]).tolist()
    ['RUS', 'DEU', 'QSV']
    """
    return convert(ccodes, source="cow", target="iso3", year=year, errors=errors)


def iso3_to_cow(iso3: Any, year: Any = None, errors: str = "raise") -> np.ndarray | pd.Series:
    """Convert ISO3 codes to COW numeric codes, year-aware (see :func:`convert`).

    Examples
    --------
    >>> iso3_to_cow(["YEM", "YEM"], year=[1980, 1995]).tolist()
    [678, 679]
    """
    return convert(iso3, source="iso3", target="cow", year=year, errors=errors)


def gw_to_iso3(gwcodes: Any, year: Any = None, errors: str = "raise") -> np.ndarray | pd.Series:
    """Convert Gleditsch-Ward codes to ISO3 (see :func:`convert`).

    Examples
    --------
    >>> gw_to_iso3([260, 340, 972]).tolist()
    ['DEU', 'SRB', 'TON']
    """
    return convert(gwcodes, source="gw", target="iso3", year=year, errors=errors)


def iso2_to_iso3(iso2: Any, year: Any = None, errors: str = "raise") -> np.ndarray | pd.Series:
    """Convert ISO 3166-1 alpha-2 codes to alpha-3 (see :func:`convert`).

    Examples
    --------
    >>> iso2_to_iso3(["NA", "DE"]).tolist()
    ['NAM', 'DEU']
    """
    return convert(iso2, source="iso2", target="iso3", year=year, errors=errors)


def name_of(iso3: Any, errors: str = "raise") -> Any:
    """Return the current English short name of ISO3 code(s).

    Parameters
    ----------
    iso3
        A single code (returns a str) or an array/list/Series (returns the same
        shape as :func:`convert`).
    errors
        ``"raise"`` or ``"coerce"``.

    Examples
    --------
    >>> name_of("CIV")
    "Côte d'Ivoire"
    """
    if isinstance(iso3, str):
        return convert([iso3], source="iso3", target="name", errors=errors)[0]
    return convert(iso3, source="iso3", target="name", errors=errors)


def is_example_code(code: Any) -> bool:
    """Whether ``code`` is reserved for the synthetic example world.

    Example-world codes are ``'X'`` followed by two upper-case letters, other
    than ``XKX`` (Kosovo's widely used user-assigned code, a real entity here).
    They are in ISO 3166-1's user-assigned range (XAA-XZZ) and never collide
    with the identity table, whose own project codes use the range QMA-QZZ.

    Examples
    --------
    >>> is_example_code("XAB"), is_example_code("XKX"), is_example_code("USA")
    (True, False, False)
    """
    return (
        isinstance(code, str)
        and len(code) == 3
        and code[0] == "X"
        and code.isascii()
        and code.isalpha()
        and code.isupper()
        and code != "XKX"
    )
