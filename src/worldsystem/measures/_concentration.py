"""Private array kernels for concentration measures (no pandas).

Not part of the public API; :mod:`worldsystem.measures.polarity` wraps them.
Every kernel works on arrays of shares that are already normalised to sum to
one within each group.
"""

from __future__ import annotations

import numpy as np

__all__ = ["con_from_hhi", "effective_number", "group_sums"]


def con_from_hhi(hhi: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Ray-Singer CON from the Herfindahl index and the number of units.

    ``CON = sqrt((HHI - 1/N) / (1 - 1/N))``; NaN where ``N < 2`` (undefined).
    Round-off can make ``HHI - 1/N`` a few ulps negative when all shares are
    equal; values down to ``-1e-12`` are treated as 0, anything more negative is
    returned as NaN (it would mean the shares did not sum to one).
    """
    hhi = np.asarray(hhi, dtype="float64")
    n = np.asarray(n, dtype="float64")
    out = np.full(np.broadcast(hhi, n).shape, np.nan)
    ok = n >= 2
    with np.errstate(divide="ignore", invalid="ignore"):
        inv = 1.0 / n
        num = hhi - inv
        num = np.where((num < 0) & (num > -1e-12), 0.0, num)
        val = np.sqrt(num / (1.0 - inv))
    out[ok] = val[ok]
    return out


def effective_number(hhi: np.ndarray) -> np.ndarray:
    """Laakso-Taagepera effective number ``1 / HHI`` (NaN where HHI is 0 or NaN)."""
    hhi = np.asarray(hhi, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(hhi > 0, 1.0 / hhi, np.nan)


def group_sums(values: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """Sums of ``values`` (rows) over contiguous groups starting at ``starts``.

    ``values`` may be 1-D or 2-D (groups along axis 0); NaN propagates.
    """
    return np.add.reduceat(values, starts, axis=0)
