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

__all__ = ["SOURCE_IDS", "all_info", "coverage", "info", "load", "module"]

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


def module(source_id: str) -> ModuleType:
    """The loader module of ``source_id``."""
    try:
        name = _MODULES[source_id]
    except KeyError:
        raise SourceError(
            "unknown source",
            field="source",
            value=source_id,
            hint=f"choose one of {', '.join(SOURCE_IDS)}",
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


def loader(source_id: str) -> Callable[..., pd.DataFrame]:
    return module(source_id).load


def load(source_id: str, data: str | os.PathLike[str] | None = None, **options) -> pd.DataFrame:
    """Load ``source_id``'s main table from the data directory.

    See the source module's ``load`` for options and the returned columns.
    """
    return loader(source_id)(data, **options)
