"""Benchmark: the cost of strict parsing in the source loaders.

For the COW NMC file and the UN votes (870,109 rows, gzip), times in the same
process (best of 5)

- the baseline: ``pandas.read_csv`` with the loaders' options alone (what
  ``base.read_csv`` did before strict parsing);
- ``base.read_csv``: the same read plus the structure check (field counts,
  end-of-line, header), the UTF-8 check, the layout and the per-column bounds;
- the whole loader (``cow_nmc.load``, ``unvotes.load``).

Prints the times, the cost of the two added checks (structure, bounds) as a
share of the plain read, and the loader's ratio with/without them; asserts
nothing. Target: the checks add at most 20% to the plain read and 5% to the
loader (measured: about 3% and 0.5% on NMC, 12% and 5% on the UN votes; the
wall-clock ratio of two reads is noisy on a shared machine, so the components
are timed separately).

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_sources.py
"""

from __future__ import annotations

import io
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
        raw = base.read_bytes(path)
        frame = pd.read_csv(
            io.BytesIO(raw), keep_default_na=False, na_values=[""], low_memory=False, **opts
        )

        def plain(path=path, opts=opts):
            pd.read_csv(path, keep_default_na=False, na_values=[""], low_memory=False, **opts)

        t_plain = _best(plain)
        t_struct = _best(lambda raw=raw, path=path: base.check_csv(raw, path))
        t_bounds = _best(lambda frame=frame, path=path: base.validate_frame(frame, path))
        t_strict = _best(lambda path=path, opts=opts: base.read_csv(path, **opts))
        t_load = _best(lambda loader=loader: loader(data), n=3)
        added = t_struct + t_bounds
        print(
            f"{name:8s} baseline read {t_plain * 1e3:7.1f} ms | structure {t_struct * 1e3:6.1f} ms"
            f" + bounds {t_bounds * 1e3:5.1f} ms = {added / t_plain:5.1%} of the read | strict"
            f" read {t_strict * 1e3:7.1f} ms (ratio {t_strict / t_plain:4.2f}) | loader"
            f" {t_load * 1e3:7.1f} ms, ratio with/without checks {t_load / (t_load - added):5.3f}"
        )


if __name__ == "__main__":
    main()
