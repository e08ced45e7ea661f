"""Benchmark: every shipped scenario through every engine on a WIOD year (a script).

Needs ``WORLDSYSTEM_DATA``. Reading the parquet table is timed separately; the
scenario total includes loading the specs, the two LU factorisations of the
base table (``I - A`` and ``I - B``, done once and reused) and every engine run.
Target from the issue: under 10 s in total.

Usage::

    python benchmarks/bench_shocks.py [--year 2011]
"""

from __future__ import annotations

import argparse
import os
import time

from worldsystem import panels
from worldsystem.simulate import (
    ENGINES,
    country_summary,
    load_scenario,
    prepare,
    run,
    shipped_scenarios,
)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--year", type=int, default=2011)
    args = ap.parse_args()
    data = os.environ.get("WORLDSYSTEM_DATA")
    if not data:
        raise SystemExit("set WORLDSYSTEM_DATA to the folder of the public datasets")
    t0 = time.perf_counter()
    mrio = panels.mrio(args.year, data=data, labour=None)
    t_load = time.perf_counter() - t0
    print(f"read WIOD {args.year} (n = {mrio.n}): {t_load:.2f} s")
    t0 = time.perf_counter()
    base = prepare(mrio)
    for name, path in shipped_scenarios().items():
        scenario = load_scenario(path)
        for engine in ENGINES:
            t1 = time.perf_counter()
            out = run(scenario, base, engine=engine)
            dt = time.perf_counter() - t1
            summ = country_summary(out)
            top = summ.iloc[0]
            print(
                f"{name:>15} {engine:>13}: {dt:6.3f} s  largest loss "
                f"{top.iso3} {100 * top.gdp_share_lost:.2f} % of GDP"
            )
    total = time.perf_counter() - t0
    print(f"total, {len(shipped_scenarios())} scenarios x {len(ENGINES)} engines: {total:.2f} s")


if __name__ == "__main__":
    main()
