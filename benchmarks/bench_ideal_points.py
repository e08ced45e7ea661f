"""Benchmark: dynamic ordinal ideal points for all UNGA sessions 1946-2019.

Run: ``WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_ideal_points.py``.
Prints wall and CPU time of loading and of the full fit (default options: title
bridges, whole-resolution votes, no per-session prior, estimated random-walk
variance), iterations, and peak memory (resident set size from
``resource.getrusage`` and the Python-heap peak of the fit from ``tracemalloc``
with ``--tracemalloc``). Target: the full fit in at most 60 s.

Named baseline, in the same process: the same model run for a fixed 30 EM-map
evaluations (no convergence), i.e. the per-iteration cost; the ratio full fit /
baseline is the number of baseline-equivalents the fit needs and does not depend
on how loaded the (shared) machine is. CPU time (``time.process_time``) is given
beside wall time for the same reason. No assertion: a script that reports.
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
    t_load = time.perf_counter() - t0
    b0, c0 = time.perf_counter(), time.process_time()
    base = blocs.ideal_point_model(votes, rc, max_iter=30)
    b1, c1 = time.perf_counter(), time.process_time()
    trace = "--tracemalloc" in sys.argv
    if trace:
        tracemalloc.start()
    t1, c2 = time.perf_counter(), time.process_time()
    fit = blocs.ideal_point_model(votes, rc)
    t2, c3 = time.perf_counter(), time.process_time()
    peak = tracemalloc.get_traced_memory()[1] / 2**20 if trace else float("nan")
    d = fit.diagnostics
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"votes loaded           : {len(votes):,} in {t_load:.1f} s")
    print(f"votes used / items     : {d['n_votes']:,} / {d['n_items']:,}")
    print(f"bridged items          : {d['n_bridged_items']}")
    print(f"country-sessions       : {len(fit.ideal_points):,}")
    print(f"sessions with bridges  : {d['n_sessions_bridged']} of {d['n_sessions']}")
    print(f"random-walk variance   : {d['omega2']:.4f} (estimated)")
    print(
        f"baseline (30 EM maps)  : {b1 - b0:.1f} s wall, {c1 - c0:.1f} s CPU "
        f"({base.diagnostics['iterations']} evaluations)"
    )
    print(f"fit wall / CPU time    : {t2 - t1:.1f} s / {c3 - c2:.1f} s (target <= 60 s)")
    wall_ratio, cpu_ratio = (t2 - t1) / (b1 - b0), (c3 - c2) / (c1 - c0)
    print(f"ratio fit / baseline   : {wall_ratio:.1f} wall, {cpu_ratio:.1f} CPU")
    print(f"iterations / converged : {d['iterations']} / {d['converged']}")
    print(f"time per iteration     : {(t2 - t1) / max(d['iterations'], 1) * 1000:.0f} ms")
    print(f"peak RSS (process)     : {rss:.0f} MiB")
    if trace:
        print(f"peak Python heap (fit) : {peak:.0f} MiB (tracemalloc; slows the fit)")
    print(f"load average           : {os.getloadavg()[0]:.1f} (2 cores, shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
