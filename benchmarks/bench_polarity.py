"""Benchmark: CINC, all concentration indices, robustness grid and 1,000 bootstrap draws.

Runs on COW NMC v7.0 (1816-2022, ~17k state-years) from WORLDSYSTEM_DATA, or on a
synthetic panel of the same size when it is not set. Prints wall times; asserts nothing.

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_polarity.py
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.measures import polarity as P


def _panel() -> tuple[pd.DataFrame, str]:
    root = os.environ.get("WORLDSYSTEM_DATA")
    if root and Path(root, "cow_nmc").is_dir():
        from worldsystem.sources import cow_nmc

        return cow_nmc.load(root), "COW NMC v7.0"
    rng = np.random.default_rng(0)
    years = np.arange(1816, 2023)
    n = 83  # ~17k state-years
    df = pd.DataFrame(
        {"iso3": np.tile([f"S{i:02d}" for i in range(n)], len(years)), "year": np.repeat(years, n)}
    )
    for comp in P.COW_COMPONENTS:
        df[comp] = rng.gamma(0.5, 100.0, len(df))
    return df, "synthetic (WORLDSYSTEM_DATA not set)"


def main() -> None:
    df, label = _panel()
    print(f"data: {label}, {len(df):,} state-years, {df['year'].nunique()} years")
    times: dict[str, float] = {}
    t_all = time.perf_counter()

    t = time.perf_counter()
    c = P.cinc(df)
    times["cinc"] = time.perf_counter() - t

    t = time.perf_counter()
    concs = {
        among: P.concentration(c, share_col="cinc", among=among) for among in ("all", "majors", 5)
    }
    times["concentration (all, majors, top 5)"] = time.perf_counter() - t

    t = time.perf_counter()
    frames = {
        "cinc": c.rename(columns={"cinc": "share"}),
        "milex": P.milex_share(df),
        "cinc_zero": P.cinc(df, missing="zero").rename(columns={"cinc": "share"}),
    }
    rob = P.polarity_robustness(frames, among="majors" if "ccode" in df.columns else 5)
    times[f"robustness ({len(frames)} indices x 81 thresholds)"] = time.perf_counter() - t

    t = time.perf_counter()
    table = P.polarity_table(df, among="majors" if "ccode" in df.columns else "all")
    times["polarity_table (cinc, majors)"] = time.perf_counter() - t

    t = time.perf_counter()
    boot = P.bootstrap_cinc(df, n_draws=1000, seed=0)
    times["bootstrap_cinc (1,000 draws)"] = time.perf_counter() - t

    total = time.perf_counter() - t_all
    for name, secs in times.items():
        print(f"{name:<42s} {secs:8.3f} s")
    print(f"{'total':<42s} {total:8.3f} s   (target < 5 s)")
    print(
        f"check: {len(concs['all'])} years, robustness mean {rob['robustness'].mean():.3f}, "
        f"table rows {len(table)}, bootstrap rows {len(boot.shares):,}"
    )


if __name__ == "__main__":
    main()
