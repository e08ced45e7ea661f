"""Shared helpers of the dynamics measures: input checks, provenance, successor rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.schema import require_columns

#: Historical entities in Maddison-style data and the successor state that
#: continues them: in a year where the successor has its own row, the
#: predecessor's row covers the same territory and must not be added to it.
PREDECESSORS: dict[str, str] = {"SUN": "RUS", "YUG": "SRB", "CSK": "CZE"}

_CITE = {
    "markov": (
        "prais1955measuring",
        "shorrocks1978measurement",
        "kemeny1960finite",
        "anderson1957statistical",
    ),
    "quah": ("quah1996twin",),
    "convergence": ("barro1992convergence",),
    "transition": ("organski1980war",),
}


def finish(out: Any, inputs: Sequence[pd.DataFrame], method: str, params: dict, cites=()):
    """Attach the merged provenance of ``inputs`` plus ``method(params)`` to ``out``."""
    if isinstance(out, (pd.DataFrame, pd.Series)):
        prov.attach(out, prov.merged(*inputs).with_method(method, params, cites))
    return out


def check_frame(frame: pd.DataFrame, cols: Sequence[str], *, name: str = "frame") -> None:
    if not isinstance(frame, pd.DataFrame):
        raise WorldsystemError(
            f"{name} must be a DataFrame", field=name, value=type(frame).__name__
        )
    require_columns(frame, list(cols), name=name)


def check_value(frame: pd.DataFrame, value: str, *, name: str = "frame") -> None:
    """``value`` must be a numeric column of ``frame``."""
    if value not in frame.columns:
        raise SchemaError(
            f"unknown index/value column {value!r} in {name}",
            field="value",
            value=value,
            hint=f"use one of {sorted(c for c in frame.columns if c not in ('iso3', 'year'))}",
        )
    if not pd.api.types.is_numeric_dtype(frame[value]):
        raise SchemaError(f"column {value!r} is not numeric", field="value", value=value)


def check_positive_int(v: Any, field: str, minimum: int = 1) -> int:
    if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < minimum:
        raise WorldsystemError(f"{field} must be an integer >= {minimum}", field=field, value=v)
    return int(v)


def drop_predecessors(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of predecessor entities (``SUN``, ``YUG``, ``CSK``) dropped in the years
    where their successor (``RUS``, ``SRB``, ``CZE``) has a row, so that a sum over
    countries never counts the same territory twice (Maddison 2023 keeps the former
    USSR beside Russia after 1991)."""
    if "iso3" not in frame.columns or not frame["iso3"].isin(list(PREDECESSORS)).any():
        return frame
    keep = np.ones(len(frame), dtype=bool)
    have = set(zip(frame["iso3"], frame["year"], strict=True))
    for i, (c, y) in enumerate(zip(frame["iso3"], frame["year"], strict=True)):
        succ = PREDECESSORS.get(c)
        if succ is not None and (succ, y) in have:
            keep[i] = False
    out = frame[keep].reset_index(drop=True)
    prov.carry(out, frame)
    return out


def by_entity(frame: pd.DataFrame, series: str = "series") -> pd.DataFrame:
    """Rows whose ``series`` differs from their ISO3 keyed as a country of their own.

    ``series`` names the source's entity behind each row (MPD's ``SUN`` for
    Russia's rows in 1922-1991, :func:`worldsystem.panels.country.maddison_series`).
    Those rows get ``iso3`` ``"RUS~SUN"``, so a measure that follows a country over
    time (a growth rate, a transition, a rank change) never compares two
    territories. A frame without the column is returned as it is.

    >>> f = pd.DataFrame({"iso3": ["RUS", "RUS", "FRA"], "year": [1991, 1992, 1991],
    ...                   "series": ["SUN", "RUS", "FRA"]})
    >>> by_entity(f)["iso3"].tolist()
    ['RUS~SUN', 'RUS', 'FRA']
    """
    if series not in frame.columns:
        return frame
    iso = frame["iso3"].astype(str)
    ser = frame[series].astype(str)
    out = frame.assign(iso3=iso.where(ser == iso, iso + "~" + ser))
    prov.carry(out, frame)
    return out


def wide(frame: pd.DataFrame, value: str) -> pd.DataFrame:
    """``year x iso3`` table of ``value`` (rows with NaN dropped first)."""
    f = frame[["iso3", "year", value]].dropna()
    if f.duplicated(["iso3", "year"]).any():
        d = f[f.duplicated(["iso3", "year"])].iloc[0]
        raise SchemaError(
            "duplicate country-year",
            field="iso3",
            value=f"{d['iso3']} {int(d['year'])}",
        )
    return f.pivot(index="year", columns="iso3", values=value).sort_index()
