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

__all__ = ["SOURCE_IDS", "all_info", "info", "load", "module"]

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
