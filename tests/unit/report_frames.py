"""Small hand-made result frames for the report's present() tests (no data load)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.core.provenance import Provenance, attach


def with_method(frame: pd.DataFrame, name: str, params: dict[str, Any]) -> pd.DataFrame:
    """``frame`` with a provenance recording method ``name`` with ``params``."""
    attach(frame, Provenance().with_method(name, params))
    return frame


def trace_names(fig) -> list[str]:
    """Names of the traces of a plotly figure payload."""
    return [t.name for t in fig.payload.data]
