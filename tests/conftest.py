"""Shared fixtures.

``real_data`` gives the folder of real public datasets (``$WORLDSYSTEM_DATA``);
tests that use it are skipped, with the reason, when it is not set.

``example_world``, ``example_context`` and ``example_report`` (and
``example_report_tables``) are built once per session: the report on the example
world takes seconds, and every test that needs a built report shares one. The
context memoises each section's data, so the second build only renders.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest


def _real_data_dir() -> Path | None:
    env = os.environ.get("WORLDSYSTEM_DATA")
    if not env:
        return None
    path = Path(env).expanduser().resolve()
    return path if path.is_dir() else None


@pytest.fixture(scope="session")
def real_data() -> Path:
    """Folder of the real datasets; skips the test when WORLDSYSTEM_DATA is unset."""
    path = _real_data_dir()
    if path is None:
        pytest.skip("WORLDSYSTEM_DATA is not set to a folder of the public datasets")
    return path


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own empty cache directory, never the user's."""
    monkeypatch.setenv("WORLDSYSTEM_CACHE", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture(scope="session")
def example_world():
    """The example world, ``worldsystem.example.world(seed=0)`` (shared: do not modify)."""
    from worldsystem.example import world

    return world(seed=0)


@pytest.fixture(scope="session")
def example_context(example_world):
    """A report context on the example world (whatever WORLDSYSTEM_DATA says), shared."""
    from worldsystem.report.context import ReportContext

    return ReportContext(data=None, example=example_world, example_seed=0)


def _build_example(tmp_path_factory, context, name: str, **options):
    from worldsystem.report import build_report

    out = tmp_path_factory.mktemp(name)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WORLDSYSTEM_CACHE", str(tmp_path_factory.mktemp(f"cache-{name}")))
        mp.delenv("WORLDSYSTEM_DATA", raising=False)
        return build_report(out=out, context=context, **options)


@pytest.fixture(scope="session")
def example_report(tmp_path_factory, example_context) -> Path:
    """``index.html`` of the full report on the example world, built once per session."""
    return _build_example(tmp_path_factory, example_context, "example-report")


@pytest.fixture(scope="session")
def example_report_tables(tmp_path_factory, example_context) -> Path:
    """The output folder of the example report built with ``tables=True`` (csv)."""
    return _build_example(
        tmp_path_factory, example_context, "example-report-tables", tables=True
    ).parent
