"""Benchmark: ``worldsystem report`` end to end, on the real data and on the example world.

Runs the console command in a fresh process (so that import time counts, as a user
sees it) and prints the wall time, the size of ``index.html`` and what it holds.
Aim: under 60 s and under 15 MB on the real data.

Usage::

    WORLDSYSTEM_DATA=/work/shared/data python benchmarks/bench_report.py [--repeat N] [--pdf]

Without WORLDSYSTEM_DATA only the example world is measured.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(label: str, args: list[str], env: dict[str, str], repeat: int) -> None:
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "report"
            cmd = [sys.executable, "-m", "worldsystem.cli", "report", "--out", str(out), *args]
            t0 = time.perf_counter()
            proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t0)
            if proc.returncode != 0:
                print(f"{label}: FAILED\n{proc.stderr[-2000:]}")
                return
            html = out / "index.html"
            text = html.read_text("utf-8")
            size = html.stat().st_size
            pdf = out / "report.pdf"
            pdf_size = pdf.stat().st_size if pdf.exists() else None
    n_sections = len(re.findall(r'<section id="[^"]+" class="ws-section', text))
    n_missing = text.count('class="ws-section ws-missing"')
    n_failed = text.count('class="ws-section ws-failed"')
    n_plotly = text.count('class="plotly-figure"')
    n_paths = text.count('<path class="country"')
    best = min(times)
    print(
        f"{label:8s} wall {best:6.1f} s (best of {repeat}; all: "
        + ", ".join(f"{t:.1f}" for t in times)
        + f")  index.html {size / 1e6:5.2f} MB"
        + (f"  report.pdf {pdf_size / 1e6:.2f} MB" if pdf_size else "")
        + f"  sections {n_sections} (missing data {n_missing}, failed {n_failed})"
        + f"  plotly figures {n_plotly}  map paths {n_paths}"
    )
    for line in proc.stderr.splitlines():
        if "failed" in line.lower() or "warning" in line.lower():
            print("   ", line.strip()[:200])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--pdf", action="store_true", help="also print the PDF (--format pdf)")
    opts = ap.parse_args()
    extra = ["--format", "pdf"] if opts.pdf else []
    base = dict(os.environ)
    base["WORLDSYSTEM_CACHE"] = tempfile.mkdtemp(prefix="ws-bench-cache-")
    data = base.pop("WORLDSYSTEM_DATA", None)
    _run("example", extra, base, opts.repeat)
    if data:
        _run("real", ["--data", data, *extra], base, opts.repeat)
    else:
        print("real     skipped: WORLDSYSTEM_DATA is not set")


if __name__ == "__main__":
    main()
