"""worldsystem: measure and simulate the world system of international political economy.

Subpackages are imported lazily, so ``import worldsystem as ws`` is cheap and
``ws.panels``, ``ws.measures`` and so on load on first use.

Layers (an import goes only from a layer to one above it):
core -> countries -> sources -> panels -> example -> mrio -> measures -> simulate
-> workflows -> claims -> report -> cli (see docs/architecture.md).
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_SUBPACKAGES = (
    "core",
    "countries",
    "sources",
    "panels",
    "example",
    "mrio",
    "measures",
    "simulate",
    "workflows",
    "claims",
    "report",
)

__all__ = ["__version__", *_SUBPACKAGES]


def __getattr__(name: str) -> Any:
    if name in _SUBPACKAGES:
        module = importlib.import_module(f"worldsystem.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'worldsystem' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
