"""Benchmark: a 10,000-member ensemble of ~190 countries to 2050 through transitions and
polarity shares, and the full rolling-origin backtest.

Runs on Maddison 2023 (via the data folder backend) when WORLDSYSTEM_DATA is set, else
on an example world of 190 countries. Prints wall times, the process's CPU time (on a
shared machine the wall time includes waiting for a core), members per second, peak
memory (tracemalloc) and ratios against a named baseline in the same process (the
simulation alone, without reductions); asserts nothing. Targets: ensemble <= 30 s,
backtest <= 120 s. Then runs a projection and the backtest on a Dask LocalCluster and
says whether the frames are identical to the in-process ones.

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_dynamics.py
"""

from __future__ import annotations

import os
import time
import tracemalloc
from pathlib import Path

from worldsystem import workflows as wf
from worldsystem.simulate import dynamics as sd

MEMBERS = 10_000
#: Members of the in-process vs LocalCluster comparison (the cluster start-up is in it).
DASK_MEMBERS = 2_000
HORIZON = 2050


def _ctx() -> tuple[wf.DataContext, str]:
    root = os.environ.get("WORLDSYSTEM_DATA")
    if root and Path(root, "maddison").is_dir():
        return wf.DataContext(data=Path(root)), "Maddison 2023"
    from worldsystem.example import world

    w = world(0, n_countries=190, years=(1950, 2019))
    return wf.DataContext(example=w), "example world, 190 countries (WORLDSYSTEM_DATA not set)"


def main() -> None:
    ctx, label = _ctx()
    inc = wf.income_panel(ctx)
    lo = max(1950, int(inc["year"].min()))
    hi = int(inc["year"].max())
    model = sd.fit_growth_model(inc, fit_years=(lo, hi))
    n = len(model.countries)
    print(f"load average at start: {os.getloadavg()[0]:.1f} (2 cores)")
    print(f"data: {label}; {n} countries, origin {hi}, horizon {HORIZON}, {MEMBERS:,} members")

    # data reads and imports are not the ensemble: warm them (capability components)
    wf.capability_frame(ctx)

    # named baseline: the simulation of 500 members alone (no reductions)
    t = time.perf_counter()
    sd.simulate_paths(model, horizon=HORIZON, members=list(range(500)), seed=0)
    base = (time.perf_counter() - t) * MEMBERS / 500
    print(f"baseline  simulate_paths only, scaled to {MEMBERS:,}: {base:6.2f} s")

    # timed without tracemalloc (it slows pandas-heavy code several-fold: the position
    # and CINC passes of the detail members); peak memory from a second, traced run
    t, c = time.perf_counter(), time.process_time()
    pr = wf.projection(ctx, members=MEMBERS, horizon=HORIZON, seed=0, batch_size=500)
    ens, ens_cpu = time.perf_counter() - t, time.process_time() - c
    tracemalloc.start()
    wf.projection(ctx, members=MEMBERS, horizon=HORIZON, seed=2, batch_size=500)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"ensemble  project (shares, P(ahead), lasting crossings, component walks, polarity "
        f"on {pr.polarity['index'].nunique()} indices incl. CINC, zones and CINC of "
        f"{pr.detail_members} members through the position/CINC code): {ens:6.2f} s"
        f"  = {MEMBERS / ens:,.0f} members/s  ratio to baseline {ens / base:4.2f}"
        f"  peak memory {peak / 2**20:,.0f} MiB  target <= 30 s: {'ok' if ens <= 30 else 'MISSED'}"
        f"  (CPU time of this process {ens_cpu:.2f} s: wall time above it is waiting for a core)"
    )
    ah = pr.ahead[pr.ahead["year"] == HORIZON]
    for r in ah.itertuples():
        print(f"          P({r.a} ahead of {r.b} in {HORIZON}) = {r.p_ahead:.3f}")

    tracemalloc.start()
    t, c = time.perf_counter(), time.process_time()
    bt = wf.dynamics_backtest(ctx, members=500)
    bts, bts_cpu = time.perf_counter() - t, time.process_time() - c
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"load average now: {os.getloadavg()[0]:.1f}\n"
        f"backtest  {bt.scores['origin'].nunique()} origins x 6 models, 500 members: {bts:6.2f} s"
        f"  ratio to baseline {bts / base:4.2f}  peak memory {peak / 2**20:,.0f} MiB"
        f"  target <= 120 s: {'ok' if bts <= 120 else 'MISSED'}  (CPU {bts_cpu:.2f} s)"
    )
    # LocalCluster: the same numbers (bit-identical frames), timed beside in process
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        print("dask      not installed: LocalCluster comparison skipped")
    else:
        m = DASK_MEMBERS
        t = time.perf_counter()
        a = wf.projection(ctx, members=m, horizon=HORIZON, seed=1, batch_size=500)
        ta = time.perf_counter() - t
        t = time.perf_counter()
        b = wf.projection(
            ctx, members=m, horizon=HORIZON, seed=1, batch_size=500, scheduler="local"
        )
        tb = time.perf_counter() - t
        same = all(
            getattr(a, k).equals(getattr(b, k))
            for k in ("shares", "ahead", "polarity", "zones", "occupancy")
        )
        t = time.perf_counter()
        bd = wf.dynamics_backtest(ctx, members=500, scheduler="local")
        tbd = time.perf_counter() - t
        same_bt = bd.scores.equals(bt.scores)
        print(
            f"dask      {m:,} members in process {ta:6.2f} s, LocalCluster {tb:6.2f} s "
            f"(ratio {tb / ta:4.2f}); identical: {same}.  backtest on LocalCluster {tbd:6.2f} s "
            f"(ratio {tbd / bts:4.2f}); identical: {same_bt}"
        )
    card = bt.scorecard.set_index("model")
    cols = [
        "crps_skill",
        "coverage90",
        "zone_brier_skill",
        "event_brier_skill",
        "beats_persistence",
    ]
    print(card[[c for c in cols if c in card.columns]].round(3).to_string())


if __name__ == "__main__":
    main()
