"""Shared fixtures.

``real_data`` gives the folder of real public datasets (``$WORLDSYSTEM_DATA``);
tests that use it are skipped, with the reason, when it is not set.
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
