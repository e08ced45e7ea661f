"""The base table a scenario names, as an :class:`~worldsystem.panels.mrio.MRIO`.

This is the only module of :mod:`worldsystem.simulate` that reads data.
"""

from __future__ import annotations

import os

import numpy as np

from worldsystem.core.errors import ModelError
from worldsystem.panels.mrio import MRIO
from worldsystem.simulate.scenario import Scenario

__all__ = ["load_base", "mrio_from_wiod"]


def mrio_from_wiod(wiot) -> MRIO:
    """Build an MRIO from a :class:`worldsystem.sources.wiod.WiotYear`.

    Regions are ISO3 (``ROU``, pseudo-region ``ROW``), sectors ``c1``..``c35``,
    five final-demand categories per region, and the satellite ``value_added``
    :math:`= x - \\mathbf 1^{\\mathsf T} Z` (value added at basic prices plus
    net taxes on products and international margins: the WIOD rows between
    intermediate use and output are not in the parquet layout).

    Parameters
    ----------
    wiot : WiotYear

    Returns
    -------
    MRIO
    """
    va = np.asarray(wiot.x) - np.asarray(wiot.Z).sum(axis=0)
    return MRIO(
        Z=wiot.Z,
        Y=wiot.F,
        x=wiot.x,
        regions=tuple(wiot.iso3),
        sectors=tuple(wiot.industries),
        fd_categories=tuple(wiot.fd_categories),
        satellites={"value_added": va},
        satellite_units={"value_added": wiot.unit},
        year=wiot.year,
        unit=wiot.unit,
        provenance=wiot.provenance.with_note(
            "value_added = x - column sums of Z (includes net taxes on products)"
        ),
    )


def load_base(scenario: Scenario, data: str | os.PathLike[str] | None = None) -> MRIO:
    """Load the base table of ``scenario`` (its ``table`` in its ``base_year``).

    Uses ``worldsystem.panels.mrio(year, data=...)`` when that function exists
    and the table is WIOD 2013, else builds the table from
    :func:`worldsystem.sources.wiod.load_year` with :func:`mrio_from_wiod`.
    ``table: example`` gives the example world's MRIO (``seed=0``).

    Parameters
    ----------
    scenario : Scenario
    data : path-like, optional
        Data directory (default: configured ``WORLDSYSTEM_DATA``).

    Returns
    -------
    MRIO
    """
    if scenario.table == "example":
        from worldsystem.example import world

        return world(seed=0).mrio
    if scenario.table == "wiod2013":
        from worldsystem import panels

        builder = getattr(panels, "mrio", None)
        if callable(builder) and not isinstance(builder, type):
            try:
                return builder(scenario.base_year, data=data)
            except TypeError:  # a module or another signature: fall back
                pass
        from worldsystem.sources import wiod

        return mrio_from_wiod(wiod.load_year(scenario.base_year, data))
    raise ModelError(
        f"unknown table {scenario.table!r}",
        field="table",
        value=scenario.table,
        hint="use wiod2013 or example",
    )
