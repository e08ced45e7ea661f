"""Benchmark: the cost of strict parsing in the source loaders.

For the COW NMC file and the UN votes (870,109 rows, gzip), times in the same
process (best of 5)

- the baseline: ``pandas.read_csv`` with the loaders' options alone (what
  ``base.read_csv`` did before strict parsing);
- ``base.read_csv``: the same read plus the structure check (field counts,
  end-of-line, header), the UTF-8 check, the layout and the per-column bounds;
- the whole loader (``cow_nmc.load``, ``unvotes.load``).

Prints the times and the ratios strict/baseline; asserts nothing. Target: the
strict reader costs at most 1.3x the plain read, and the loaders (which do much
more than reading) at most 10% more than before.

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_sources.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pandas as pd

from worldsystem.sources import base, cow_nmc, unvotes


def _best(fn, n: int = 5) -> float:
    best = float("inf")
    for _ in range(n):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main() -> None:
    root = os.environ.get("WORLDSYSTEM_DATA")
    if not root or not Path(root, "cow_nmc").is_dir():
        print("WORLDSYSTEM_DATA is not set to the public datasets; nothing to measure")
        sys.exit(0)
    data = Path(root)
    cases = (
        ("cow_nmc", data / "cow_nmc" / "NMC-70-abridged.csv", {}, cow_nmc.load),
        (
            "unvotes",
            data / "unvotes" / "un_votes.csv.gz",
            {"dtype": {"country": "category", "country_code": "category", "vote": "category"}},
            unvotes.load,
        ),
    )
    for name, path, opts, loader in cases:

        def plain(path=path, opts=opts):
            pd.read_csv(path, keep_default_na=False, na_values=[""], low_memory=False, **opts)

        def strict(path=path, opts=opts):
            base.read_csv(path, **opts)

        t_plain = _best(plain)
        t_strict = _best(strict)
        t_load = _best(lambda loader=loader: loader(data), n=3)
        print(
            f"{name:8s} plain read {t_plain * 1e3:7.1f} ms  strict read {t_strict * 1e3:7.1f} ms "
            f"(ratio {t_strict / t_plain:4.2f})  whole loader {t_load * 1e3:7.1f} ms "
            f"(strict checks = {(t_strict - t_plain) / t_load:5.1%} of it)"
        )


if __name__ == "__main__":
    main()
