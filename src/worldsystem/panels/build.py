"""Full panels in one call, cached in the panel store.

:func:`country_panel` runs :func:`~worldsystem.panels.country.country_years` and
the chosen ``add_*`` functions; :func:`dyad_panel` does the same for dyads. The
result is stored under a key made of the parameters, the package version and the
checksums of every source read (:mod:`worldsystem.panels.store`), so a second
call with the same inputs reads the Parquet file instead of the sources.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Sequence

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.panels import country, dyad, store

__all__ = ["COUNTRY_SOURCES", "DYAD_ADDERS", "country_panel", "dyad_panel"]

Data = str | os.PathLike[str] | None

#: add_* name -> source modules it reads
COUNTRY_SOURCES: dict[str, tuple[str, ...]] = {
    "capabilities": ("cow_nmc",),
    "gdp_maddison": ("maddison",),
    "gdp_pwt": ("pwt",),
    "gdp_weo": ("imf_weo",),
    "prices_pwt": ("pwt",),
    "prices_weo": ("imf_weo",),
    "employment_pwt": ("pwt",),
    "employment_ilo": ("labour",),
    "milex_sipri": ("sipri_milex",),
    "warheads": ("nuclear",),
    "arms_totals": ("sipri_tiv",),
    "fdi": ("gapminder",),
    "us_troops": ("us_troops",),
    "conflict": ("ucdp",),
}

#: dyadic add_* name -> (function, source module)
DYAD_ADDERS = {
    "trade": (dyad.add_trade, "cow_trade"),
    "arms_transfers": (dyad.add_arms_transfers, "sipri_tiv"),
    "alliances": (dyad.add_alliances, "atop"),
    "vote_agreement": (dyad.add_vote_agreement, "unvotes"),
}


def _infos(modules: Sequence[str]):
    mods = dict.fromkeys(modules)
    return [importlib.import_module(f"worldsystem.sources.{m}").INFO for m in mods]


def country_panel(
    start: int = 1816,
    end: int = 2022,
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
        Years (inclusive).
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
    return store.cached("country_panel", params, _infos(mods), build, data=data, cache=cache)


def dyad_panel(
    start: int = 1870,
    end: int = 2014,
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
    return store.cached("dyad_panel", params, _infos(mods), build, data=data, cache=cache)
