"""The data context of the report (see :mod:`worldsystem.workflows.context`)."""

from worldsystem.workflows.context import DataContext, MissingData, ReportContext, resolve_context

__all__ = ["DataContext", "MissingData", "ReportContext", "resolve_context"]
