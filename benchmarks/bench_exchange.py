"""Benchmark of worldsystem.measures.exchange on WIOD 1995-2011 (a script, not a test).

For each year: build the MRIO with :func:`worldsystem.panels.mrio` (labour
hours and value added; timed separately, it reads files), then time the
measure: one factorisation of ``I - A``, embodied labour and value-added flows
by region pair (footprint and EEBT), the country exchange frame, the 41 x 41
bilateral frame and the North/South partition. Prints wall times and the
North -> South net hours of each year.

Usage::

    WORLDSYSTEM_DATA=/path/to/data python benchmarks/bench_exchange.py [--years 1995-2011]
"""

from __future__ import annotations

import argparse
import os
import time

import pandas as pd


def parse_years(spec: str) -> list[int]:
    years: list[int] = []
    for part in spec.split(","):
        a, _, b = part.partition("-")
        years += list(range(int(a), int(b or a) + 1))
    return years


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--years", default="1995-2011")
    args = ap.parse_args()
    data = os.environ.get("WORLDSYSTEM_DATA")
    if not data:
        raise SystemExit("set WORLDSYSTEM_DATA to the folder of the public datasets")
    from worldsystem import mrio, panels
    from worldsystem.measures import exchange as ex

    years = parse_years(args.years)
    print(f"== exchange on WIOD, {len(years)} year(s): labour hours + value added, 41 x 41 pairs")
    print(f"{'year':>6} {'build s':>8} {'flows s':>8} {'frames s':>9} {'S->N net hours':>16}")
    t_build = t_flows = t_frames = 0.0
    ex_all, bi_all = [], []
    for year in years:
        t0 = time.perf_counter()
        table = panels.mrio(year, data=data)
        tb = time.perf_counter() - t0
        t0 = time.perf_counter()
        flows = mrio.embodied_flows(table, ("labour_hours", "value_added"))
        tf = time.perf_counter() - t0
        t0 = time.perf_counter()
        e = ex.embodied_exchange(table, flows=flows)
        b = ex.bilateral_flows(table, flows=flows)
        p = ex.partition_flows(b, ex.north_south(e)).set_index(["group_o", "group_d"])
        tr = time.perf_counter() - t0
        ex_all.append(e)
        bi_all.append(b)
        t_build += tb
        t_flows += tf
        t_frames += tr
        net = p.loc[("South", "North"), "net_hours"]
        print(f"{year:>6} {tb:>8.2f} {tf:>8.3f} {tr:>9.3f} {net:>16.4e}")
    print(f"{'total':>6} {t_build:>8.2f} {t_flows:>8.3f} {t_frames:>9.3f}")
    t0 = time.perf_counter()
    res = ex.embodied_exchange_years(panels.mrio(y, data=data) for y in years[-1:])
    print(f"embodied_exchange_years (1 year, incl. build): {time.perf_counter() - t0:.2f} s")
    allx = pd.concat(ex_all, ignore_index=True)
    top = ex.top_appropriators(allx, n=1, by="net_hours")
    print("top appropriator / most drained by year:")
    for year, g in top.groupby("year"):
        a = g[g["role"] == "appropriator"].iloc[0]
        d = g[g["role"] == "appropriated"].iloc[0]
        print(f"  {year}: {a['iso3']} {a['value']:.3e}  |  {d['iso3']} {d['value']:.3e}")
    print(
        f"rows: exchange {len(allx)}, bilateral {sum(len(b) for b in bi_all)}; "
        f"batch frame rows {len(res.exchange)}"
    )


if __name__ == "__main__":
    main()
