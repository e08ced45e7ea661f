"""Shared pieces of the position methods (private): zone labels, matrix checks, breaks.

Zones are ordered from the top of the hierarchy to the bottom (:data:`ZONES`).
Natural breaks follow Fisher (1958).

References
----------
Fisher, W.D. (1958). On grouping for maximum homogeneity. *Journal of the
American Statistical Association* 53(284):789-798. doi:10.1080/01621459.1958.10501479
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import require_columns
from worldsystem.measures import _network as net

__all__ = [
    "ZONES",
]


ZONES: tuple[str, str, str] = ("core", "semi-periphery", "periphery")
"""Zone labels, from the top of the hierarchy to the bottom."""


_CITE = {
    "income": ("arrighi1986stratification", "babones2005country", "silverman1981using"),
    "cp": ("borgatti1999models", "boyd2010computing"),
    "three_tier": ("clark2009new", "borgatti1999models"),
    "se": ("snyder1979structural", "breiger1975algorithm"),
    "rege": ("smith1992structure", "mahutga2006persistence", "white1983graph"),
    "commodity": ("nemeth1985international", "smith1992structure", "timmer2015"),
    "multiplex": ("snyder1979structural", "borgatti1999models"),
    "agreement": ("hubert1985comparing", "cohen1960coefficient"),
}


def _bare(df: pd.DataFrame | None) -> pd.DataFrame | None:
    """Shallow view of ``df`` without ``attrs`` (pandas deep-copies attrs on every operation)."""
    if df is None:
        return None
    out = df.copy(deep=False)
    out.attrs = {}
    return out


def _as_similarity(S: Any, n: int) -> np.ndarray:
    """Square finite similarity matrix of size ``n`` (negative values allowed)."""
    S = np.array(S.to_numpy() if isinstance(S, pd.DataFrame) else S, dtype=float)
    if S.shape != (n, n) or not np.all(np.isfinite(S)):
        raise SchemaError(
            f"the similarity matrix must be finite and {n} x {n}; found shape {S.shape}",
            file="similarity",
            value=S.shape,
            hint="compute it from the same W with structural_equivalence() or "
            "regular_equivalence_rege()",
        )
    np.fill_diagonal(S, 1.0)
    return S


def _as_matrix(W: Any, name: str = "W") -> tuple[np.ndarray, pd.Index]:
    """Square float matrix and its labels from a DataFrame or array-like."""
    if isinstance(W, pd.DataFrame):
        if list(W.index) != list(W.columns):
            raise SchemaError(
                "the weight matrix must have the same labels, in the same order, on rows "
                "and columns",
                file=name,
                value=(list(W.index)[:3], list(W.columns)[:3]),
                hint="build it with trade_matrix() or reindex columns to the index",
            )
        labels = pd.Index(W.index)
        X = W.to_numpy(dtype=float)
    else:
        X = np.asarray(W, dtype=float)
        labels = pd.RangeIndex(X.shape[0]) if X.ndim == 2 else pd.RangeIndex(0)
    if X.ndim != 2 or X.shape[0] != X.shape[1]:
        raise SchemaError(
            f"expected a square matrix, found shape {X.shape}",
            file=name,
            value=X.shape,
            hint="pass an n x n matrix of tie weights",
        )
    if not np.all(np.isfinite(X)):
        raise SchemaError(
            "the weight matrix holds missing or infinite values",
            file=name,
            hint="replace missing ties by 0 (trade_matrix does this) or drop the country",
        )
    if (X < 0).any():
        raise SchemaError(
            "the weight matrix holds negative weights; ties must be >= 0",
            file=name,
            value=float(X.min()),
            hint="use transform='log1p' or 'raw' on non-negative flows",
        )
    X = X.copy()
    np.fill_diagonal(X, 0.0)
    return X, labels


def _zones_from_rank(labels_ascending: np.ndarray, k: int) -> np.ndarray:
    """Map class labels ``0..k-1`` increasing with the score to zone strings."""
    if k >= 3:
        names = np.array(["periphery", "semi-periphery", "core"])
    elif k == 2:
        names = np.array(["periphery", "core"])
    else:
        names = np.array(["periphery"])
    return names[labels_ascending]


def _breaks_zones(score: np.ndarray) -> np.ndarray:
    labels, cuts = net.fisher_breaks(score, 3)
    return _zones_from_rank(labels, len(cuts) + 1)


def _zone_codes(z: Iterable[str]) -> np.ndarray:
    code = {name: i for i, name in enumerate(ZONES)}
    return np.array([code.get(v, -1) for v in z])


def _check_results(results: pd.DataFrame) -> None:
    require_columns(results, ["iso3", "year", "method", "zone"], name="position results")
