"""Benchmark: all imperialism indicators and 1,000 Dirichlet weight draws, 1990-2020.

Runs on the real sources (SIPRI milex and TIV, FAS warheads, UCDP/PRIO, WDI FDI via
Gapminder, IMF WEO GDP, COW trade, troopdata) from WORLDSYSTEM_DATA, or on a
synthetic world of 200 countries when it is not set. Prints wall times; asserts
nothing.

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_imperialism.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.measures import imperialism as imp

YEARS = range(1990, 2021)


def _real(root: Path) -> dict[str, pd.DataFrame]:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "data"))
    from test_imperialism_real import build_country_years  # the test's frame builder

    from worldsystem.sources import cow_trade, sipri_tiv, ucdp, us_troops

    arms = sipri_tiv.load(root)
    trade = cow_trade.load(root)
    return {
        "cy": build_country_years(root, YEARS),
        "arms": arms.loc[arms["year"].isin(YEARS)],
        "trade": trade.loc[trade["year"].isin(YEARS)],
        "participants": ucdp.load_participants(root),
        "us_troops": us_troops.load(root),
        "us_bases": us_troops.load_bases(root),
    }


def _synthetic(n: int = 200) -> dict[str, pd.DataFrame]:
    rng = np.random.default_rng(0)
    iso = [f"S{i:03d}" for i in range(n)]
    years = np.array(list(YEARS))
    cy = pd.DataFrame({"iso3": np.tile(iso, len(years)), "year": np.repeat(years, n)})
    for col in ("gdp_usd", "milex_usd"):
        cy[col] = rng.lognormal(8, 2, len(cy))
    cy["fdi_out_pct_gdp"] = rng.normal(2, 3, len(cy))
    cy["fdi_in_pct_gdp"] = rng.normal(3, 3, len(cy))
    cy["warheads"] = np.where(cy["iso3"].isin(iso[:9]), rng.integers(10, 6000, len(cy)), 0)
    o, d = np.meshgrid(np.arange(n), np.arange(n))
    mask = o != d
    pairs = pd.DataFrame({"iso3_o": np.array(iso)[o[mask]], "iso3_d": np.array(iso)[d[mask]]})
    trade = pd.concat([pairs.assign(year=y) for y in years], ignore_index=True)
    trade["flow_musd_current"] = rng.lognormal(2, 2, len(trade))
    arms = trade.sample(frac=0.02, random_state=0).rename(columns={"flow_musd_current": "tiv"})
    part = pd.DataFrame(
        {
            "conflict_id": rng.integers(0, 50, 2000),
            "year": rng.choice(years, 2000),
            "side": rng.choice(["a", "b", "a_2nd", "b_2nd"], 2000),
            "iso3": rng.choice(iso, 2000),
            "type_of_conflict": rng.choice([2, 3, 4], 2000),
        }
    ).drop_duplicates(["conflict_id", "year", "side", "iso3"])
    return {"cy": cy, "arms": arms, "trade": trade, "participants": part}


def main() -> None:
    root = os.environ.get("WORLDSYSTEM_DATA")
    t0 = time.perf_counter()
    if root and Path(root, "sipri_milex").is_dir():
        frames, label = _real(Path(root)), "real sources"
    else:
        frames, label = _synthetic(), "synthetic 200 countries (WORLDSYSTEM_DATA not set)"
    t_load = time.perf_counter() - t0
    cy = frames.pop("cy")
    print(
        f"data: {label}; {len(cy):,} country-years, {len(frames['trade']):,} trade dyads, "
        f"{len(frames['arms']):,} arms dyads; load {t_load:.2f} s"
    )

    t0 = time.perf_counter()
    table = imp.indicator_table(cy, years=YEARS, **frames)
    t_tab = time.perf_counter() - t0
    n_ok = int((table["status"] == "ok").sum())
    print(f"indicator_table: {len(table):,} rows ({n_ok:,} with values) in {t_tab:.2f} s")

    t0 = time.perf_counter()
    comp = imp.composite(table)
    t_comp = time.perf_counter() - t0
    print(f"composite: {comp['rank'].notna().sum():,} ranked country-years in {t_comp:.3f} s")

    t0 = time.perf_counter()
    sens = imp.rank_sensitivity(table, n_draws=1000, seed=0)
    t_sens = time.perf_counter() - t0
    print(
        f"rank_sensitivity (1,000 Dirichlet draws): {len(sens):,} country-years "
        f"in {t_sens:.2f} s ({1e6 * t_sens / (1000 * len(sens)):.2f} us per country-draw)"
    )
    print(f"total (indicators + composite + draws): {t_tab + t_comp + t_sens:.2f} s")


if __name__ == "__main__":
    main()
