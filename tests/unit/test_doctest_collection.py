"""Doctests run in CI: every module under src imports cleanly, without side effects."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_IMPORT_ALL = """
import importlib, os, pkgutil, sys
import worldsystem
before = set(os.listdir("."))
names = [m.name for m in pkgutil.walk_packages(worldsystem.__path__, "worldsystem.")]
for name in names:
    importlib.import_module(name)
optional = sorted(m for m in ("dask", "distributed", "playwright", "pymrio") if m in sys.modules)
print(len(names), ",".join(optional), sorted(set(os.listdir(".")) - before))
"""


def test_every_module_imports_without_optional_extras_or_files(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", _IMPORT_ALL],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    )
    n, optional, created = out.stdout.split(" ", 2)
    assert int(n) > 50
    assert optional == ""  # optional extras are imported inside functions only
    assert created.strip() == "[]"  # importing writes nothing
    assert out.stderr == ""


def test_pytest_runs_the_docstring_examples():
    conf = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["pytest"]["ini_options"]
    assert "src" in conf["testpaths"] and "--doctest-modules" in conf["addopts"]
    assert (ROOT / "conftest.py").is_file()
