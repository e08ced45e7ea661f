"""Benchmark: every position method on every year of COW trade (1870-2014).

Run: ``WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_position.py [--years 1870-2014]``.
Prints the wall time of each method over all years (network methods use the
directed COW trade network of each year; income methods use PWT 10.01 at
exchange rates, 1950-2019, and Maddison 2023 at PPP; multiplex adds SIPRI arms
transfers 1950-2021 and ATOP alliances, so it runs in the years where one of them
has ties). Target: under 60 s in total.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

from worldsystem.measures import position as P
from worldsystem.sources import atop, cow_trade, maddison, pwt, sipri_tiv


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--years", default="1870-2014")
    ap.add_argument("--data", default=os.environ.get("WORLDSYSTEM_DATA"))
    args = ap.parse_args()
    if not args.data:
        print("set WORLDSYSTEM_DATA or pass --data", file=sys.stderr)
        return 2
    y0, y1 = (int(v) for v in args.years.split("-"))
    years = range(y0, y1 + 1)
    t = time.perf_counter()
    trade = cow_trade.load(args.data)
    mad = maddison.load(args.data)
    pw = pwt.load(args.data)
    arms = sipri_tiv.load(args.data)
    allies = atop.load(args.data)
    print(f"load: {time.perf_counter() - t:.1f} s")
    cy = pw[["iso3", "year"]].assign(gdppc_usd=pw["cgdpo"] * pw["pl_gdpo"] / pw["pop"])
    cy = cy.merge(
        mad[["iso3", "year", "gdppc_2011ppp"]].rename(columns={"gdppc_2011ppp": "gdppc_ppp"}),
        on=["iso3", "year"],
        how="outer",
    )
    total = 0.0
    rows = []
    for method in P.METHODS:
        t = time.perf_counter()
        out = P.positions(
            cy,
            trade,
            years=years,
            methods=[method],
            weight_col="flow_musd_current",
            arms=arms,
            arms_col="tiv_millions",
            alliances=allies,
        )
        dt = time.perf_counter() - t
        total += dt
        rows.append((method, dt, out["year"].nunique(), len(out)))
        print(f"{method:16s} {dt:7.2f} s  years={out['year'].nunique():4d}  rows={len(out)}")
    print(f"{'sum of methods':16s} {total:7.2f} s  (target < 60 s)")
    t = time.perf_counter()
    out = P.positions(
        cy,
        trade,
        years=years,
        methods="all",
        weight_col="flow_musd_current",
        arms=arms,
        arms_col="tiv_millions",
        alliances=allies,
    )
    dt = time.perf_counter() - t
    print(f"{'all in one call':16s} {dt:7.2f} s  rows={len(out)} (trade coreness shared)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
