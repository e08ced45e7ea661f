"""Full panels in one call, cached in the panel store.

:func:`country_panel` runs :func:`~worldsystem.panels.country.country_years` and
the chosen ``add_*`` functions; :func:`dyad_panel` does the same for dyads. The
result is stored under a key made of the parameters, the package version and the
checksums of every source read (:mod:`worldsystem.panels.store`), so a second
call with the same inputs reads the Parquet file instead of the sources.

What each ``add_*`` reads (:data:`COUNTRY_SOURCES`, :data:`DYAD_ADDERS`) is
derived from its :func:`~worldsystem.panels._adders.panel_adder` declaration,
and the default year ranges are the coverage of the sources in the catalogue
(:attr:`~worldsystem.sources.base.SourceInfo.years`): the country panel spans
COW NMC (1816-2022), the dyad panel COW Trade (1870-2014).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.schema import COUNTRY_YEAR, DYAD_YEAR, set_kind
from worldsystem.panels import country, dyad, store
from worldsystem.panels._adders import AdderView
from worldsystem.sources import catalogue

__all__ = [
    "COUNTRY_PANEL_YEARS",
    "COUNTRY_SOURCES",
    "DYAD_ADDERS",
    "DYAD_PANEL_YEARS",
    "country_panel",
    "dyad_panel",
]

Data = str | os.PathLike[str] | None

#: add_* name -> catalogue ids of the sources it reads (live view of the
#: ``@panel_adder`` declarations of :mod:`worldsystem.panels.country`)
COUNTRY_SOURCES: Mapping[str, tuple[str, ...]] = AdderView(COUNTRY_YEAR, lambda a: a.sources)

#: dyadic add_* name -> (function, catalogue id of the source it reads) (live view of
#: the ``@panel_adder`` declarations of :mod:`worldsystem.panels.dyad`)
DYAD_ADDERS: Mapping[str, tuple] = AdderView(DYAD_YEAR, lambda a: (a.function, a.sources[0]))

#: Default years of :func:`country_panel`: the coverage of COW NMC.
COUNTRY_PANEL_YEARS: tuple[int, int] = catalogue.coverage("cow_nmc")
#: Default years of :func:`dyad_panel`: the coverage of COW Trade.
DYAD_PANEL_YEARS: tuple[int, int] = catalogue.coverage("cow_trade")


def _infos(source_ids: Sequence[str]):
    return [catalogue.info(s) for s in dict.fromkeys(source_ids)]


def country_panel(
    start: int = COUNTRY_PANEL_YEARS[0],
    end: int = COUNTRY_PANEL_YEARS[1],
    *,
    system: str = "cow",
    adds: Sequence[str] | None = None,
    data: Data = None,
    cache: bool = True,
) -> pd.DataFrame:
    """Country-year panel with several sources joined, cached.

    Parameters
    ----------
    start, end : int
        Years (inclusive); by default the coverage of COW NMC
        (:data:`COUNTRY_PANEL_YEARS`, 1816-2022).
    system : {"cow", "iso"}
    adds : sequence of str, optional
        Names from :data:`worldsystem.panels.country.ADDERS` in the order to
        apply; all by default.
    data : path-like, optional
    cache : bool, default True

    Returns
    -------
    pandas.DataFrame
        As :func:`~worldsystem.panels.country.country_years` plus the columns
        of each ``add_*``.
    """
    names = list(country.ADDERS) if adds is None else list(adds)
    unknown = [a for a in names if a not in country.ADDERS]
    if unknown:
        raise WorldsystemError(
            "unknown add_* name", field="adds", value=unknown[0], hint=f"use {list(country.ADDERS)}"
        )

    def build() -> pd.DataFrame:
        p = country.country_years(start, end, system=system, data=data, cache=False)
        for a in names:
            fn, kw = country.ADDERS[a]
            p = fn(p, data=data, **kw)
        return p

    mods = ["cow_states"] + [m for a in names for m in COUNTRY_SOURCES[a]]
    params = {"start": start, "end": end, "system": system, "adds": names}
    out = store.cached("country_panel", params, _infos(mods), build, data=data, cache=cache)
    return set_kind(out, COUNTRY_YEAR)


def dyad_panel(
    start: int = DYAD_PANEL_YEARS[0],
    end: int = DYAD_PANEL_YEARS[1],
    *,
    directed: bool = True,
    adds: Sequence[str] = ("trade",),
    data: Data = None,
    cache: bool = True,
) -> pd.DataFrame:
    """Dyad-year panel with dyadic sources joined, cached.

    Parameters
    ----------
    start, end : int
        Years (inclusive); by default the coverage of COW Trade
        (:data:`DYAD_PANEL_YEARS`, 1870-2014).
    directed : bool, default True
    adds : sequence of str
        Names from :data:`DYAD_ADDERS` (``trade``, ``arms_transfers``,
        ``alliances``, ``vote_agreement``).
    data : path-like, optional
    cache : bool, default True

    Returns
    -------
    pandas.DataFrame
    """
    names = list(adds)
    unknown = [a for a in names if a not in DYAD_ADDERS]
    if unknown:
        raise WorldsystemError(
            "unknown dyadic add_* name",
            field="adds",
            value=unknown[0],
            hint=f"use {list(DYAD_ADDERS)}",
        )

    def build() -> pd.DataFrame:
        p = dyad.dyad_years(start, end, directed=directed, data=data, cache=False)
        for a in names:
            p = DYAD_ADDERS[a][0](p, data=data)
        return p

    mods = ["cow_states"] + [DYAD_ADDERS[a][1] for a in names]
    params = {"start": start, "end": end, "directed": directed, "adds": names}
    out = store.cached("dyad_panel", params, _infos(mods), build, data=data, cache=cache)
    return set_kind(out, DYAD_YEAR)
