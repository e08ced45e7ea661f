"""The block Leontief solver at EXIOBASE and GLORIA size against pymrio (a script, not a test).

Synthetic tables with the block structure of real MRIOs (seeded):

* dense domestic blocks ``A_rr``; total input coefficients per column
  ``c_j ~ U(0.35, 0.70)``; import share of intermediate inputs per column
  ``U(0.10, 0.30)``;
* each region buys each product from ``--partners`` (default 8) other regions,
  chosen with gravity weights (lognormal region sizes), the imported
  coefficients spread over all buying sectors, so inter-regional blocks are
  sparse by rows (``partners / (R - 1)`` of the rows of the off-diagonal blocks);
* final demand: one column per region, 85 % domestic, the rest from the same
  partners; ``x = L Y 1`` (balanced), ``Z = A diag(x)``;
* satellites: hours (region-specific hours per unit of output) and value added
  ``(1 - c_j) x_j``.

Task: all embodied factor flows by region pair and sector, i.e. the MRIO
footprint ``f_i [L y_s]_i`` for every origin region-sector ``i`` and consumer
region ``s`` (plus EEBT, which needs the domestic blocks only).

The table is generated once in the parent and stored; every child loads it, so
the generation's own transient memory is in no child's peak. Methods, each in
its own subprocess so that peak RSS (``VmHWM``, which sees LAPACK and SuperLU
allocations; reset after the inputs are loaded) is per method. The RSS after
building the inputs (in the form the method takes: sparse ``Z`` for the engine, dense
DataFrames for pymrio) is reported and the peak *over inputs* is compared:

* ``block``: ``embodied_trade(..., method="block")`` from sparse ``Z``
  (GMRES, block-Jacobi preconditioner), with its ``SolveInfo``;
* ``block-jacobi``: the same with the stationary block-Jacobi iteration;
* ``block-dense-input``: from a dense ``Z`` as an :class:`MRIO` holds it;
* ``dense-lu``: one LAPACK LU of ``I - A`` (the agreement reference);
* ``pymrio``: ``IOSystem.calc_all`` and ``S_i (L Y)_is`` from its ``L``;
* ``pymrio-iomath``: pymrio's ``calc_A``, ``calc_L`` and ``L @ Y`` on numpy
  arrays (the dense-inverse route without the accounts).

With ``--size exiobase`` or ``--size gloria`` each block route is checked against
that size's targets (speed and total peak memory against pymrio, agreement with
dense LU to 1e-9 relative both normwise and for every non-zero flow) and the
verdict printed with the measured numbers.

Usage::

    python benchmarks/bench_mrio_scale.py --size exiobase
    python benchmarks/bench_mrio_scale.py --size gloria
    python benchmarks/bench_mrio_scale.py --regions 10 --sectors 60   # quick
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

SIZES = {"exiobase": (49, 200), "gloria": (164, 120)}

#: Targets of issue 21 per size: (pymrio time / engine time at least, engine peak /
#: pymrio peak at most). Agreement with dense LU: 1e-9 relative at every size.
TARGETS = {"exiobase": (20.0, 0.2), "gloria": (50.0, 0.1)}
AGREEMENT = 1e-9


def synthetic(n_regions: int, n_sectors: int, *, partners: int = 8, seed: int = 0):
    """Sparse productive MRIO with dense domestic blocks: (Z csr, Y, x, F, A csr)."""
    import scipy.sparse as sp

    rng = np.random.default_rng(seed)
    R, S = n_regions, n_sectors
    n = R * S
    k = min(partners, R - 1)
    size = rng.lognormal(0.0, 1.0, R)
    c = rng.uniform(0.35, 0.70, n)  # total input coefficient of each column
    imp = rng.uniform(0.10, 0.30, n)  # import share of intermediate inputs
    rows, cols, vals = [], [], []
    tshare = np.zeros((R, S, k))  # for final demand
    tpart = np.zeros((R, S, k), dtype=np.int64)
    jj = np.arange(S)
    for s in range(R):
        col = s * S + jj
        dom = rng.lognormal(0.0, 1.0, (S, S))
        dom *= (c[col] * (1.0 - imp[col]) / dom.sum(axis=0))[None, :]
        ii, j2 = np.meshgrid(jj, jj, indexing="ij")
        rows.append((s * S + ii).ravel())
        cols.append((s * S + j2).ravel())
        vals.append(dom.ravel())
        aimp = rng.lognormal(0.0, 1.0, (S, S))
        aimp *= (c[col] * imp[col] / aimp.sum(axis=0))[None, :]
        w = np.delete(size, s)
        others = np.delete(np.arange(R), s)
        for i in range(S):
            p = rng.choice(others, size=k, replace=False, p=w / w.sum())
            t = rng.dirichlet(np.ones(k))
            tpart[s, i], tshare[s, i] = p, t
            rows.append(np.repeat(p * S + i, S))
            cols.append(np.tile(col, k))
            vals.append((t[:, None] * aimp[i][None, :]).ravel())
    A = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(n, n)
    )
    del rows, cols, vals
    Y = np.zeros((n, R))
    for s in range(R):
        ydom = rng.lognormal(0.0, 1.0, S) * size[s] * 100.0
        Y[s * S + jj, s] = 0.85 * ydom
        for i in range(S):
            Y[tpart[s, i] * S + i, s] += 0.15 * ydom[i] * tshare[s, i]
    # x = L Y 1 by the Neumann series (rho(A) <= 0.7: 1e-16 after ~110 terms)
    y = Y.sum(axis=1)
    x = y.copy()
    term = y.copy()
    for _ in range(120):
        term = A @ term
        x += term
    Z = sp.csr_matrix(A @ sp.diags(x))
    hours = rng.uniform(0.5, 3.0, R)[np.arange(n) // S] * x
    F = np.vstack([hours, (1.0 - c) * x])
    return Z, Y, x, F


def _status_mib(field: str) -> float | None:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return None


def rss_mib() -> float:
    """Peak RSS of this process (MiB): ``VmHWM`` on Linux, else ``ru_maxrss``.

    ``ru_maxrss`` is not used on Linux: it keeps the high-water mark of the
    pre-``exec`` copy of the parent, so every child started by the parent that
    generated the table reported at least the parent's peak (1.2 GB at EXIOBASE
    size) and the block routes' memory was overstated.
    """
    hwm = _status_mib("VmHWM")
    if hwm is not None:
        return hwm
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # pragma: no cover


def inputs_rss_mib() -> float:
    """RSS with the inputs built (MiB); resets the peak so that load transients do not count."""
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset VmHWM to the current RSS (Linux >= 4.0)
    except OSError:  # pragma: no cover - not Linux
        return rss_mib()
    return _status_mib("VmRSS") or rss_mib()


def save_inputs(path: Path, R: int, S: int, partners: int) -> None:
    """Build the synthetic table once (in the parent) and store it for the children."""
    Z, Y, x, F = synthetic(R, S, partners=partners)
    np.savez(path, data=Z.data, indices=Z.indices, indptr=Z.indptr, Y=Y, x=x, F=F)


def load_inputs(path: Path, n: int):
    """The stored table: its peak RSS is that of the inputs alone (no generation transients)."""
    import scipy.sparse as sp

    with np.load(path) as f:
        Z = sp.csr_matrix((f["data"], f["indices"], f["indptr"]), shape=(n, n))
        return Z, f["Y"], f["x"], f["F"]


def child(task: str, R: int, S: int, partners: int, out_dir: str, threads: int, name: str) -> None:
    from worldsystem import mrio

    Z, Y, x, F = load_inputs(Path(out_dir) / "inputs.npz", R * S)
    n = R * S
    out: dict = {"task": task, "n": n, "nnz": int(Z.nnz)}
    fp = None
    if task.startswith("block"):
        Zin = Z
        if task == "block-dense-input":
            Zin = Z.toarray()
            del Z
        out["base_rss_mib"] = inputs_rss_mib()
        t0 = time.perf_counter()
        f = mrio.factor_intensities(F, x)
        solver = mrio.BlockLeontiefSolver.from_flows(
            Zin,
            x,
            n_regions=R,
            iteration="jacobi" if task == "block-jacobi" else "gmres",
            threads=threads,
        )
        res = mrio.embodied_trade(f, Zin, Y, x, n_regions=R, solver=solver)
        out["seconds"] = time.perf_counter() - t0
        out["info"] = res.solve_info.as_dict()
        out["nnz_offdiag"] = solver.nnz_offdiag
        fp = res.footprint_by_sector
    elif task == "dense-lu":
        import scipy.linalg as sla

        Zd = Z.toarray()
        del Z
        out["base_rss_mib"] = inputs_rss_mib()
        t0 = time.perf_counter()
        f = mrio.factor_intensities(F, x)
        M = Zd
        M *= -1.0 / x[None, :]  # in place: -A
        M[np.diag_indices(n)] += 1.0
        lu = sla.lu_factor(M, overwrite_a=True, check_finite=False)
        X = sla.lu_solve(lu, Y, check_finite=False)
        fp = f[:, :, None] * X[None]
        out["seconds"] = time.perf_counter() - t0
    elif task in ("pymrio", "pymrio-iomath"):
        import pandas as pd
        import pymrio

        Zd = Z.toarray()
        del Z
        if task == "pymrio":
            regs = np.repeat([f"R{i:03d}" for i in range(R)], S)
            secs = np.tile([f"s{i:03d}" for i in range(S)], R)
            idx = pd.MultiIndex.from_arrays([regs, secs], names=["region", "sector"])
            ycols = pd.MultiIndex.from_arrays(
                [[f"R{i:03d}" for i in range(R)], ["fd"] * R], names=["region", "category"]
            )
            Zdf = pd.DataFrame(Zd, index=idx, columns=idx, copy=False)
            Ydf = pd.DataFrame(Y, index=idx, columns=ycols)
            xdf = pd.DataFrame({"indout": x}, index=idx)
            names = pd.Index(["hours", "va"], name="stressor")
            Fdf = pd.DataFrame(F, index=names, columns=idx)
            out["base_rss_mib"] = inputs_rss_mib()
            t0 = time.perf_counter()
            io = pymrio.IOSystem(Z=Zdf, Y=Ydf, x=xdf)
            io.factors = pymrio.Extension(
                name="factors", F=Fdf, unit=pd.DataFrame({"unit": ["h", "M"]}, index=names)
            )
            io.calc_all()
            X = io.L.to_numpy() @ Y
            Sm = io.factors.S.to_numpy()
        else:
            from pymrio.tools import iomath

            out["base_rss_mib"] = inputs_rss_mib()
            t0 = time.perf_counter()
            A = iomath.calc_A(Zd, x)
            L = iomath.calc_L(A)
            X = L @ Y
            Sm = F / x[None, :]
        fp = Sm[:, :, None] * X[None]
        out["seconds"] = time.perf_counter() - t0
    else:
        raise SystemExit(f"unknown task {task}")
    out["peak_rss_mib"] = rss_mib()
    out["load"] = os.getloadavg()[0]
    np.save(Path(out_dir) / f"{name}.npy", fp)
    print(json.dumps(out))


def run_child(task, R, S, partners, out_dir, threads, name) -> dict | None:
    cmd = [sys.executable, __file__, "--child", task, "--regions", str(R), "--sectors", str(S)]
    cmd += ["--name", name]
    cmd += ["--partners", str(partners), "--out-dir", out_dir, "--threads", str(threads)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        print(f"{task} failed (exit {proc.returncode}):\n{proc.stderr[-1500:]}")
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fits_dense(n: int, copies: int) -> bool:
    """Whether ``copies`` dense n x n float64 matrices fit in 70 % of MemAvailable."""
    try:
        with open("/proc/meminfo") as fh:
            avail = next(int(ln.split()[1]) * 1024 for ln in fh if ln.startswith("MemAvailable"))
    except (OSError, StopIteration):  # pragma: no cover - not Linux
        return True
    return copies * 8 * n * n <= 0.7 * avail


def extrapolate_pymrio(args, S: int, tmp: str, n: int) -> dict | None:
    """pymrio at smaller region counts, and the power law through them taken to ``n``."""
    pts = []
    for r0 in (int(v) for v in args.baseline_regions.split(",")):
        sub = Path(tmp) / f"baseline-{r0}"
        sub.mkdir()
        save_inputs(sub / "inputs.npz", r0, S, args.partners)
        r = run_child("pymrio", r0, S, args.partners, str(sub), args.threads, "pymrio")
        if r is None:
            continue
        (sub / "pymrio.npy").unlink()
        print(
            f"{'pymrio':>18} at {r0} regions (n = {r0 * S}): {r['seconds']:8.2f} s, peak RSS "
            f"{r['peak_rss_mib']:7.0f} MiB (+{r['peak_rss_mib'] - r['base_rss_mib']:.0f} over "
            f"inputs), load {r['load']:.1f}"
        )
        pts.append((r0 * S, r))
    if len(pts) < 2:
        return None
    ln = np.log([p[0] for p in pts])
    out = {"base_rss_mib": 0.0}
    for key, val in (
        ("seconds", lambda r: r["seconds"]),
        ("peak_rss_mib", lambda r: r["peak_rss_mib"]),
        ("extra", lambda r: r["peak_rss_mib"] - r["base_rss_mib"]),
    ):
        slope, icpt = np.polyfit(ln, np.log([max(val(p[1]), 1e-9) for p in pts]), 1)
        out[key] = float(np.exp(icpt + slope * np.log(n)))
        out[f"{key}_exponent"] = float(slope)
    out["base_rss_mib"] = out["peak_rss_mib"] - out.pop("extra")
    print(
        f"{'pymrio':>18} extrapolated to n = {n}: {out['seconds']:8.1f} s (time ~ n^"
        f"{out['seconds_exponent']:.2f}), peak RSS {out['peak_rss_mib']:7.0f} MiB (~ n^"
        f"{out['peak_rss_mib_exponent']:.2f}); a dense n x n matrix is "
        f"{8 * n * n / 2**20:.0f} MiB"
    )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", choices=sorted(SIZES), default=None)
    ap.add_argument("--regions", type=int, default=10)
    ap.add_argument("--sectors", type=int, default=60)
    ap.add_argument("--partners", type=int, default=8)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument(
        "--tasks",
        default="block,block-jacobi,block-dense-input,dense-lu,pymrio",
        help="comma-separated subset of block, block-jacobi, block-dense-input, "
        "block-threads, dense-lu, pymrio, pymrio-iomath",
    )
    ap.add_argument(
        "--baseline-regions",
        default="",
        help="comma-separated region counts (same sectors and partners) at which to run "
        "pymrio's calc_all as well; time and memory are extrapolated to the full size by "
        "the power law fitted through them (for GLORIA size, where pymrio's dense "
        "matrices do not fit next to other users)",
    )
    ap.add_argument(
        "--pymrio-anyway",
        action="store_true",
        help="run pymrio at full size even when ~6 dense n x n matrices exceed 70%% of "
        "MemAvailable (on a quiet machine its measured peak is below that bound)",
    )
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--out-dir", default=None, help=argparse.SUPPRESS)
    ap.add_argument("--name", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args()
    R, S = SIZES[args.size] if args.size else (args.regions, args.sectors)
    if args.child:
        child(args.child, R, S, args.partners, args.out_dir, args.threads, args.name or args.child)
        return
    n = R * S
    print(f"== synthetic MRIO: {R} regions x {S} sectors = {n}, {args.partners} partners")
    res: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        save_inputs(Path(tmp) / "inputs.npz", R, S, args.partners)
        for task in args.tasks.split(","):
            threads = args.threads
            name = task
            if task == "block-threads":
                task, threads = "block", os.cpu_count() or 1
            if task.startswith("pymrio") and not (args.pymrio_anyway or fits_dense(n, 6)):
                print(f"{name:>18}: skipped, ~6 dense {n} x {n} matrices do not fit")
                continue
            r = run_child(task, R, S, args.partners, tmp, threads, name)
            if r is None:
                continue
            res[name] = r
            extra = ""
            if "info" in r:
                i = r["info"]
                extra = (
                    f", {i['method']}, {i['iterations']} iterations, max relative residual "
                    f"{i['residual']:.2e}"
                    + (f", FALLBACK: {i['fallback']}" if i["fallback"] else "")
                )
            print(
                f"{name:>18}: {r['seconds']:8.2f} s, peak RSS {r['peak_rss_mib']:7.0f} MiB "
                f"(+{r['peak_rss_mib'] - r['base_rss_mib']:.0f} over inputs), "
                f"load {r['load']:.1f}{extra}"
            )
        any_r = next(iter(res.values()))
        print(f"density of A: {any_r['nnz'] / n / n:.4f} ({any_r['nnz']:,} non-zeros)")
        ref_name = "dense-lu" if "dense-lu" in res else None
        if ref_name:
            ref = np.load(Path(tmp) / "dense-lu.npy")
            scale = np.abs(ref).max()
            for name in res:
                if name == ref_name:
                    continue
                other = np.load(Path(tmp) / f"{name}.npy")
                rel = float(np.abs(other - ref).max() / scale)
                diff = np.abs(other - ref)
                big = np.abs(ref) > 1e-8 * scale
                elem = float((diff[big] / np.abs(ref[big])).max())
                nz = ref != 0
                elem_all = float((diff[nz] / np.abs(ref[nz])).max()) if nz.any() else 0.0
                zeros_off = int(np.count_nonzero(other[~nz]))
                res[name]["agreement"] = max(rel, elem_all)
                print(
                    f"{name:>18} vs dense LU: max |diff| / max |flow| {rel:.2e}; max relative "
                    f"diff of flows above 1e-8 of the largest {elem:.2e}, of all non-zero "
                    f"flows {elem_all:.2e}; {zeros_off} of {int((~nz).sum())} zero flows non-zero"
                )
        fit = None
        if args.baseline_regions:
            fit = extrapolate_pymrio(args, S, tmp, n)
    if fit:
        res["pymrio (extrapolated)"] = fit
    base = next((b for b in ("pymrio", "pymrio-iomath", "pymrio (extrapolated)") if b in res), None)
    if base:
        p = res[base]
        dp = p["peak_rss_mib"] - p["base_rss_mib"]
        for name in res:
            if name.startswith("block"):
                e = res[name]
                de = e["peak_rss_mib"] - e["base_rss_mib"]
                speed = p["seconds"] / e["seconds"]
                mem = e["peak_rss_mib"] / p["peak_rss_mib"]
                print(
                    f"{base} / {name} time: {speed:.1f}x; "
                    f"{name} / {base} extra peak memory: {de / max(dp, 1.0):.3f} "
                    f"(total peak {mem:.3f})"
                )
                if args.size in TARGETS:
                    t_speed, t_mem = TARGETS[args.size]
                    agree = e.get("agreement")
                    verdict = [
                        f"speed {speed:.1f}x (target >= {t_speed:g}x: "
                        f"{'met' if speed >= t_speed else 'NOT MET'})",
                        f"total peak {mem:.3f} of pymrio's (target <= {t_mem:g}: "
                        f"{'met' if mem <= t_mem else 'NOT MET'})",
                        "agreement not measured (no dense-lu task)"
                        if agree is None
                        else f"agreement {agree:.1e} relative, normwise and per non-zero flow "
                        f"(target <= {AGREEMENT:g}: {'met' if agree <= AGREEMENT else 'NOT MET'})",
                    ]
                    print(f"{'':>18} {args.size} targets for {name}: " + "; ".join(verdict))


if __name__ == "__main__":
    main()
