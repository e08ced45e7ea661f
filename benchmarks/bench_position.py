"""Benchmark: every position method on every year of COW trade (1870-2014).

Run: ``WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_position.py [--years 1870-2014]``.
Prints the wall time of each method over all years (network methods use the
directed COW trade network of each year; income methods use PWT 10.01 at
exchange rates, 1950-2019, and Maddison 2023 at PPP; multiplex adds SIPRI arms
transfers 1950-2021 and ATOP alliances, so it runs in the years where one of them
has ties). Target: under 60 s in total.

When cpnet (Kojaku & Masuda's core-periphery package, MIT) is installed, it
also times the Borgatti-Everett routines against cpnet's on the trade network
of every tenth year: our continuous coreness against ``cpnet.MINRES`` (Boyd et
al. 2010, the weighted continuous model) and our discrete partition against
``cpnet.BE`` (unweighted, so both get the binarised network), printing the
speed ratio, the rank correlation of the coreness vectors, the median core
sizes and the Borgatti-Everett fit of both discrete partitions on cpnet.BE's
own objective (core-periphery ties ideal 1; ours run with ``cp_ties="one"``).
cpnet is not a dependency: ``pip install cpnet`` to compare.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

from worldsystem.measures import _network as net
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
    compare_cpnet(trade, range(y0, y1 + 1, 10))
    return 0


def compare_cpnet(trade, years) -> None:
    """Time our Borgatti-Everett routines against cpnet's on the same networks."""
    try:
        from importlib.metadata import version

        import cpnet
        import scipy.sparse as sp
        from scipy.stats import spearmanr
    except ImportError:
        print("cpnet not installed: no comparison (pip install cpnet)")
        return
    t_ours_c = t_cp_c = t_ours_d = t_cp_d = 0.0
    rho, fit_ours, fit_cp, size_ours, size_cp = [], [], [], [], []
    for year in years:
        W = P.trade_matrix(trade, year, weight_col="flow_musd_current")
        A = net.symmetrise(W.to_numpy())
        B = (A > 0).astype(float)
        t = time.perf_counter()
        c = P.coreness_borgatti_everett(A).to_numpy()
        t_ours_c += time.perf_counter() - t
        t = time.perf_counter()
        mr = cpnet.MINRES()
        mr.detect(sp.csr_matrix(A))
        c_cp = np.array([mr.get_coreness()[i] for i in range(len(A))])
        t_cp_c += time.perf_counter() - t
        rho.append(spearmanr(c, c_cp).statistic)
        t = time.perf_counter()
        z = P.core_periphery_discrete(B, cp_ties="one").to_numpy()  # cpnet.BE's model
        t_ours_d += time.perf_counter() - t
        t = time.perf_counter()
        be = cpnet.BE()
        be.detect(sp.csr_matrix(B))
        xs = be.get_coreness()
        z_cp = np.array([xs[i] > 0.5 for i in range(len(B))])
        t_cp_d += time.perf_counter() - t
        # both scored on cpnet.BE's objective: core-periphery ties ideal 1
        fit_ours.append(net.discrete_fit(B, z, cp_ties="one"))
        fit_cp.append(net.discrete_fit(B, z_cp, cp_ties="one"))
        size_ours.append(int(z.sum()))
        size_cp.append(int(z_cp.sum()))
    n = len(rho)
    print(
        f"\n== Borgatti-Everett vs cpnet {version('cpnet')} on {n} trade networks (every 10th year)"
    )
    print(
        f"continuous: ours {t_ours_c:6.2f} s, cpnet.MINRES {t_cp_c:6.2f} s, "
        f"ratio {t_cp_c / t_ours_c:5.1f}x; Spearman rho median {np.median(rho):.3f}"
    )
    print(
        f"discrete:   ours {t_ours_d:6.2f} s, cpnet.BE     {t_cp_d:6.2f} s, "
        f"ratio {t_cp_d / t_ours_d:5.1f}x; B&E fit ours {np.mean(fit_ours):.3f} "
        f"vs cpnet {np.mean(fit_cp):.3f} (mean; higher is better); median core size "
        f"ours {np.median(size_ours):.0f}, cpnet {np.median(size_cp):.0f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
