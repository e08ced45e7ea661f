"""Helpers shared by the measure families (private; not part of the public API).

- :func:`within_year_shares`: each row's share of its year's total,

  .. math:: s_{it} = \\frac{x_{it}}{\\sum_j x_{jt}},

  the step behind capability shares (:mod:`worldsystem.measures.polarity`,
  Singer, Bremer & Stuckey 1972) and world shares
  (:mod:`worldsystem.measures.imperialism`);
- :func:`finish`: the last step of a measure, which merges the provenance and
  units of its inputs into the result and records the method, its parameters
  and its citations.

References
----------
Singer, J.D., Bremer, S., Stuckey, J. (1972). Capability Distribution,
Uncertainty, and Major Power War, 1820-1965. In B. Russett (ed.), *Peace, War,
and Numbers*, 19-48. Beverly Hills: Sage.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov

__all__ = ["finish", "within_year_shares"]


def within_year_shares(
    values: pd.DataFrame | pd.Series, years: Any, *, with_present: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Within-year shares of ``values``; NaN where the value is missing.

    ``values`` is a frame (n x k: one share per column) or a series (n), and
    ``years`` the year of each row (same length; index ignored). Missing values
    are left out of the totals. A column whose year total is 0 or missing (no
    row has any of it) has no shares that year: all its entries are NaN
    (treated as missing), never 0/0 = 0.

    Returns
    -------
    ndarray
        The shares, n x k for a frame and n for a series (float64); with
        ``with_present`` also the boolean array ``total > 0`` of that shape.

    Examples
    --------
    >>> within_year_shares(pd.Series([3.0, 1.0, 0.0]), [2000, 2000, 2001]).tolist()
    [0.75, 0.25, nan]
    """
    frame = values.to_frame() if isinstance(values, pd.Series) else values
    vals = frame.to_numpy(dtype="float64", na_value=np.nan)
    same_rows = isinstance(years, pd.Series) and years.index.equals(frame.index)
    key = years if same_rows else np.asarray(years)
    totals = frame.groupby(key, sort=False).transform("sum")
    tot = totals.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(tot > 0, vals / tot, np.nan)
    present = tot > 0
    if isinstance(values, pd.Series):
        shares, present = shares[:, 0], present[:, 0]
    return (shares, present) if with_present else shares


def finish(
    out: pd.DataFrame,
    inputs: Sequence[pd.DataFrame],
    method: str,
    params: Mapping[str, Any] | None,
    cites: Iterable[str] = (),
) -> pd.DataFrame:
    """Carry the provenance and units of ``inputs`` into ``out`` and record the method.

    ``out`` is changed in place and returned.
    """
    prov.carry(out, *inputs)
    prov.attach(out, prov.get(out).with_method(method, params, cites))
    return out
