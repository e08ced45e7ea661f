"""Join helpers shared by the country-year and dyad-year builders.

Every ``add_*`` goes through :func:`left_join`, which keeps the panel's rows and
order, refuses to overwrite columns, asserts the row count and carries provenance,
units and the panel's ``directed``, ``system`` and ``kind`` attrs explicitly
(pandas drops ``attrs`` in merges).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import attach, carry, get, set_units

__all__ = ["fill_within", "left_join"]

#: attrs of the panel kept on the result (besides provenance and units)
_KEEP_ATTRS = ("directed", "system", "kind")


def left_join(
    panel: pd.DataFrame,
    new: pd.DataFrame,
    *,
    on: Sequence[str],
    columns: Sequence[str],
    method: str,
    params: Mapping[str, Any] | None = None,
    units: Mapping[str, str] | None = None,
    notes: Sequence[str] = (),
    fill: Mapping[str, tuple[Any, int, int]] | None = None,
) -> pd.DataFrame:
    """Left-join ``new[on + columns]`` onto ``panel`` keeping its rows and order.

    Parameters
    ----------
    panel, new
        The panel and the source-derived frame; ``new`` must be unique on ``on``.
    on, columns
        Join keys and the columns to add.
    method, params
        Recorded in the provenance of the result.
    units
        Units of the new columns.
    notes
        Provenance notes (rules applied).
    fill
        ``column -> (value, first_year, last_year)``: panel rows whose ``year``
        lies in the source's coverage and found no match get ``value`` (for
        event data where absence means zero).

    Returns
    -------
    pandas.DataFrame
        A new frame with the same rows as ``panel`` and the added columns.

    Raises
    ------
    WorldsystemError
        A column already exists, ``new`` repeats a key, or the row count changed.
    """
    on = list(on)
    columns = list(columns)
    clash = [c for c in columns if c in panel.columns]
    if clash:
        raise WorldsystemError(
            f"{method}: the panel already has column {clash[0]!r}",
            field=clash[0],
            hint="drop the column or call each add_* function once",
        )
    dup = new.duplicated(on)
    if dup.any():
        row = new.loc[dup, on].iloc[0].to_dict()
        raise WorldsystemError(
            f"{method}: the joined table repeats a key, so the panel would grow",
            field=", ".join(on),
            value=row,
            hint="this is a bug in the join rule of panels; please report it",
        )
    n = len(panel)
    right = new[on + columns]
    out = panel.merge(right, on=on, how="left", sort=False)
    if len(out) != n:
        raise WorldsystemError(
            f"{method}: the join changed the row count from {n} to {len(out)}",
            value=len(out),
            hint="this is a bug in the join rule of panels; please report it",
        )
    if fill:
        years = out["year"].to_numpy()
        for col, (value, lo, hi) in fill.items():
            out[col] = fill_within(out[col], years, value, lo, hi)
    for key in _KEEP_ATTRS:
        if key in panel.attrs:
            out.attrs[key] = panel.attrs[key]
    carry(out, panel, new)
    prov = get(out).with_method(method, params)
    for note in notes:
        prov = prov.with_note(note)
    attach(out, prov)
    if units:
        set_units(out, units)
    return out


def fill_within(s: pd.Series, years: np.ndarray, value: Any, lo: int, hi: int) -> pd.Series:
    """Fill missing entries of ``s`` with ``value`` where ``lo <= year <= hi``."""
    mask = s.isna().to_numpy() & (years >= lo) & (years <= hi)
    if mask.any():
        s = s.copy()
        s[mask] = value
    return s
