"""Report: the self-contained offline HTML page (the only layer that renders)."""

from __future__ import annotations

from typing import Any

__all__ = ["build_report"]


def build_report(*args: Any, **kwargs: Any):
    """Build the HTML report; see :func:`worldsystem.report.build.build_report`."""
    from worldsystem.report.build import build_report as _build

    return _build(*args, **kwargs)
