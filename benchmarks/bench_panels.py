"""Benchmark: full country-year panel 1816-2022 (every add_*) and the directed
dyad-year trade panel 1870-2014, from a cold and from a warm panel store.

Each phase runs in a fresh Python process (so in-process memoisation does not
help the warm run) and prints wall time and peak resident memory (ru_maxrss).
Needs WORLDSYSTEM_DATA. Usage: ``python benchmarks/bench_panels.py``.
Aim (issue): cold < 20 s, warm < 2 s.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time


def _phase() -> None:
    import resource

    t0 = time.perf_counter()
    import worldsystem.panels as wp

    c = wp.country_panel(1816, 2022)
    d = wp.dyad_panel(1870, 2014, directed=True, adds=("trade",))
    wall = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    from worldsystem.panels.store import STATS

    print(
        json.dumps(
            {"wall_s": wall, "peak_mb": peak, "country": c.shape, "dyad": d.shape, "store": STATS}
        )
    )


def main() -> None:
    if not os.environ.get("WORLDSYSTEM_DATA"):
        sys.exit("set WORLDSYSTEM_DATA to the folder of the public datasets")
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "WORLDSYSTEM_CACHE": cache}
        for label in ("cold", "warm"):
            out = subprocess.run(
                [sys.executable, __file__, "--phase"], env=env, capture_output=True, text=True
            )
            if out.returncode:
                sys.exit(out.stderr)
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"{label:5s} wall {r['wall_s']:6.2f} s  peak RSS {r['peak_mb']:7.0f} MB  "
                f"country {tuple(r['country'])}  dyad {tuple(r['dyad'])}  store {r['store']}"
            )


if __name__ == "__main__":
    if "--phase" in sys.argv:
        _phase()
    else:
        main()
