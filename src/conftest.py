"""Doctest collection of ``src/`` (``--doctest-modules``, see pyproject.toml).

Not part of the package (setuptools only ships ``src/worldsystem``). Every module
under ``src/worldsystem`` must import without side effects and without optional
dependencies (those are imported inside the functions that need them; a test in
``tests/unit/test_doctest_collection.py`` checks it). Modules whose *doctests*
need an optional extra are listed here and left out of collection when the extra
is not installed, so a plain ``pip install worldsystem[dev]`` without ``dask``
still collects cleanly.
"""

from __future__ import annotations

import importlib.util

#: module file (relative to this folder) -> the optional distribution its doctests need
OPTIONAL_DOCTESTS = {
    "worldsystem/workflows/parallel.py": "dask",
    "worldsystem/mrio/batch.py": "dask",
    "worldsystem/report/chromium.py": "playwright",
}

collect_ignore = [
    path for path, module in OPTIONAL_DOCTESTS.items() if importlib.util.find_spec(module) is None
]
