"""Doctest collection (``--doctest-modules``, see pyproject.toml).

Not part of the package (setuptools only ships ``src/worldsystem``).

* Docstring examples are collected from ``src/`` only: the test modules under
  ``tests/`` have none, and collecting their ``conftest.py`` files as doctest
  modules makes pytest import two modules both named ``conftest``.
* Every module under ``src/worldsystem`` must import without side effects and
  without optional dependencies (those are imported inside the functions that need
  them; ``tests/unit/test_doctest_collection.py`` checks it). Modules whose
  *doctests* need an optional extra are listed in :data:`OPTIONAL_DOCTESTS` and
  left out when the extra is not installed, so collection never fails on a
  missing ``dask`` or ``playwright``.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

#: module file (relative to the repository root) -> the optional module its doctests need
OPTIONAL_DOCTESTS = {
    "src/worldsystem/workflows/parallel.py": "dask",
    "src/worldsystem/mrio/batch.py": "dask",
    "src/worldsystem/report/chromium.py": "playwright",
}

collect_ignore = [
    path for path, module in OPTIONAL_DOCTESTS.items() if importlib.util.find_spec(module) is None
]


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent):
    collected = yield
    if ROOT / "src" in Path(file_path).resolve().parents:
        return collected
    return [c for c in collected if type(c).__name__ != "DoctestModule"]
