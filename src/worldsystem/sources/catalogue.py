"""The catalogue of public datasets.

Each dataset has one module in :mod:`worldsystem.sources` that defines ``INFO``
(a :class:`~worldsystem.sources.base.SourceInfo`: version, licence, citation,
official URL, expected files) and ``load(data=None, ...)``. This module lists
them, in the order they are shown to users.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType

import pandas as pd

from worldsystem.core.errors import SourceError
from worldsystem.sources.base import SourceInfo

__all__ = [
    "MRIO_SOURCE_IDS",
    "SOURCE_IDS",
    "all_info",
    "coverage",
    "info",
    "load",
    "module",
    "mrio_info",
]

#: Source id -> module name under worldsystem.sources. The id is also the folder
#: name under the data directory.
_MODULES: dict[str, str] = {
    "cow_states": "cow_states",
    "cow_nmc": "cow_nmc",
    "cow_trade": "cow_trade",
    "cow_mid": "cow_mid",
    "cow_war": "cow_war",
    "maddison": "maddison",
    "pwt": "pwt",
    "imf_weo": "imf_weo",
    "sipri_tiv": "sipri_tiv",
    "sipri_milex": "sipri_milex",
    "nuclear": "nuclear",
    "atop": "atop",
    "ucdp": "ucdp",
    "unvotes": "unvotes",
    "us_troops": "us_troops",
    "wiod2013": "wiod",
    "labour": "labour",
    "gapminder": "gapminder",
    "countries": "concordance",
    "maps": "maps",
}

SOURCE_IDS: tuple[str, ...] = tuple(_MODULES)

#: The large multi-regional input-output databases (id -> module). They are
#: catalogued like the sources above (``info``, ``module``, ``coverage`` and
#: ``fetch`` accept their ids) but kept out of :data:`SOURCE_IDS`: each is
#: optional, several GB per year, mostly not redistributable, and never part of
#: the default data folder, the default ``worldsystem data fetch`` or
#: ``worldsystem data check``. Their loaders return
#: :class:`~worldsystem.sources._mrio_tables.MRIOTable` via ``load_year``;
#: :func:`worldsystem.panels.mrio_sources.mrio_table` builds the MRIO.
#: Licences differ: EXIOBASE is CC BY 4.0, OECD ICIO is under the OECD terms,
#: GLORIA and Eora26 are free for non-commercial/academic use only.
_MRIO_MODULES: dict[str, str] = {
    "exiobase": "exiobase",
    "oecd_icio": "oecd_icio",
    "gloria": "gloria",
    "eora26": "eora26",
}

MRIO_SOURCE_IDS: tuple[str, ...] = tuple(_MRIO_MODULES)


def module(source_id: str) -> ModuleType:
    """The loader module of ``source_id``."""
    try:
        name = _MODULES.get(source_id) or _MRIO_MODULES[source_id]
    except KeyError:
        raise SourceError(
            "unknown source",
            field="source",
            value=source_id,
            hint=f"choose one of {', '.join(SOURCE_IDS + MRIO_SOURCE_IDS)}",
        ) from None
    return importlib.import_module(f"worldsystem.sources.{name}")


def info(source_id: str) -> SourceInfo:
    """Catalogue entry of ``source_id``."""
    return module(source_id).INFO


def coverage(source_id: str) -> tuple[int, int]:
    """First and last year (inclusive, calendar years) covered by ``source_id``.

    The single place year coverage is recorded is the catalogue entry
    (:attr:`SourceInfo.years`); panels and workflows take default year ranges
    from here instead of repeating them.

    Parameters
    ----------
    source_id : str
        A catalogue id (:data:`SOURCE_IDS`).

    Returns
    -------
    tuple of int
        ``(first, last)``.

    Raises
    ------
    SourceError
        Unknown source, or a source without a time dimension (``maps``).
    """
    entry = info(source_id)
    if entry.years is None:
        raise SourceError(
            "the source has no year coverage (it is not a time series)",
            field="source",
            value=source_id,
            hint="use a source with a years entry in its catalogue record",
        )
    first, last = entry.years
    return int(first), int(last)


def all_info() -> list[SourceInfo]:
    """Catalogue entries of every source, in display order."""
    return [info(s) for s in SOURCE_IDS]


def mrio_info() -> list[SourceInfo]:
    """Catalogue entries of the MRIO databases (:data:`MRIO_SOURCE_IDS`)."""
    return [info(s) for s in MRIO_SOURCE_IDS]


def loader(source_id: str) -> Callable[..., pd.DataFrame]:
    return module(source_id).load


def load(source_id: str, data: str | os.PathLike[str] | None = None, **options) -> pd.DataFrame:
    """Load ``source_id``'s main table from the data directory.

    See the source module's ``load`` for options and the returned columns.
    """
    return loader(source_id)(data, **options)
