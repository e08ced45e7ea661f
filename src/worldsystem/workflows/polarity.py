"""Polarity workflows: capability indices and the per-year polarity call.

Inputs come from :func:`worldsystem.workflows.inputs.capability_frame`; the
measures are :mod:`worldsystem.measures.polarity`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import CAPABILITY_ROLES, capability_frame

__all__ = ["capabilities", "polarity"]


def polarity(
    ctx: DataContext, *, index: str = "composite", among: str | int | None = None, **thresholds: Any
) -> pd.DataFrame:
    """Per-year polarity table (see :func:`worldsystem.measures.polarity.polarity_table`).

    ``index`` defaults to the headline composite (net resources, COW military
    expenditure and warheads, over the dimensions that cover each year), with every
    other index's call beside it (``call_<index>``). ``among`` defaults to the
    backend's candidate great powers
    (:attr:`~worldsystem.workflows.backends.Backend.polarity_among`): the fixed great
    powers of each era on real data (the 50 % share thresholds are meant for the
    great powers) and all states on the example world (which has no great-power
    list).
    """
    from worldsystem.measures import polarity as pol

    frame = capability_frame(ctx)
    if among is None:
        among = ctx.backend.polarity_among
    return pol.polarity_table(
        frame, index=index, among=among, columns=CAPABILITY_ROLES, **thresholds
    )


def capabilities(ctx: DataContext) -> pd.DataFrame:
    """Per country-year CINC and component shares."""
    from worldsystem.measures import polarity as pol

    return pol.capabilities_table(capability_frame(ctx))
