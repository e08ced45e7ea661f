"""Benchmark: dynamic ordinal ideal points for all UNGA sessions 1946-2019.

Run: ``WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_ideal_points.py``.
Prints wall time of loading and of the fit, iterations, and peak memory
(resident set size from ``resource.getrusage`` and the Python-heap peak of the fit
from ``tracemalloc``). No assertion: a script that reports.
"""

from __future__ import annotations

import os
import resource
import sys
import time
import tracemalloc


def main() -> int:
    data = os.environ.get("WORLDSYSTEM_DATA")
    if not data:
        print("set WORLDSYSTEM_DATA to the folder of the public datasets", file=sys.stderr)
        return 2
    from worldsystem.measures import blocs
    from worldsystem.sources import unvotes

    t0 = time.perf_counter()
    votes = unvotes.load(data)
    rc = unvotes.load_roll_calls(data)
    votes = votes.dropna(subset=["iso3"]).merge(rc[["rcid", "session"]], on="rcid")
    votes = votes[["rcid", "session", "iso3", "vote"]]
    t1 = time.perf_counter()
    trace = "--tracemalloc" in sys.argv
    if trace:
        tracemalloc.start()
    fit = blocs.ideal_point_model(votes, rc)
    t2 = time.perf_counter()
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    d = fit.diagnostics
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"votes loaded           : {len(votes):,} in {t1 - t0:.1f} s")
    print(f"votes used / items     : {d['n_votes']:,} / {d['n_items']:,}")
    print(f"bridged items          : {d['n_bridged_items']}")
    print(f"country-sessions       : {len(fit.ideal_points):,}")
    print(f"fit wall time          : {t2 - t1:.1f} s")
    print(f"iterations / converged : {d['iterations']} / {d['converged']}")
    print(f"time per iteration     : {(t2 - t1) / max(d['iterations'], 1) * 1000:.0f} ms")
    print(f"peak RSS (process)     : {rss:.0f} MiB")
    if trace:
        print(f"peak Python heap (fit) : {peak:.0f} MiB (tracemalloc; slows the fit)")
    print(f"load average           : {os.getloadavg()[0]:.1f} (2 cores, shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
