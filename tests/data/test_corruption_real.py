"""The corruption corpus on the real data: every damage must be refused, naming the file.

For a sample of (source, file, damage) cases (fixed seed; every damage kind
and every source appear), a copy of the data folder with the one damaged file
is staged (:mod:`corruption`), and

- ``worldsystem data check <source>`` must exit non-zero with a ``FAILED``
  line naming the damaged file, and print no traceback;
- where a CLI command reads the file (:data:`corruption.COMMANDS`), the command
  must exit 1 with one ``error:`` line and no traceback, never answer.

``WORLDSYSTEM_CORRUPTION_CASES=all`` runs every case (757 on the data folder; about half an hour), a
number runs that many. The default keeps the normal test run short.
"""

from __future__ import annotations

import time

import pytest
from typer.testing import CliRunner

import corruption
from worldsystem.cli import app
from worldsystem.core import layouts

runner = CliRunner()

#: cases in the normal run (1-3 s each on a loaded machine): at least one of
#: every damage kind and every source, the rest drawn with the fixed seed
DEFAULT_CASES = 24


def _run_case(real_data, case, tmp_path) -> list[str]:
    data, note = corruption.stage(real_data, case, tmp_path / case.kind)
    problems = []
    res = runner.invoke(app, ["data", "check", case.source, "--data", str(data)])
    failed = [ln for ln in res.stderr.splitlines() if "FAILED" in ln]
    if res.exit_code == 0:
        problems.append(f"{case.id} ({note}): data check passed")
    elif not any(f"{case.source}/{case.file}: FAILED" in ln for ln in failed):
        problems.append(f"{case.id} ({note}): data check did not name the file: {res.stderr}")
    if "Traceback" in res.output:
        problems.append(f"{case.id}: traceback in data check")
    command = corruption.command_for(case)
    if command is not None:
        res = runner.invoke(app, [*command, "--data", str(data)])
        errors = [ln for ln in res.stderr.splitlines() if ln.startswith("error: ")]
        if res.exit_code != 1 or len(errors) != 1 or "Traceback" in res.output:
            problems.append(
                f"{case.id} ({note}): `{' '.join(command)}` exit {res.exit_code}: "
                f"{res.output[-300:]}"
            )
    return problems


@pytest.mark.data
@pytest.mark.slow
def test_corruption_corpus_real_data(real_data, tmp_path, capsys):
    all_cases = corruption.cases(real_data)
    n = corruption.env_cases(DEFAULT_CASES)
    chosen = corruption.sample(all_cases, len(all_cases) if n is None else n)
    t0 = time.perf_counter()
    problems = []
    for k, case in enumerate(chosen):
        problems += _run_case(real_data, case, tmp_path / f"c{k}")
    with capsys.disabled():
        kinds = sorted({c.kind for c in chosen})
        sources = sorted({c.source for c in chosen})
        print(
            f"\ncorruption corpus: {len(chosen)} of {len(all_cases)} cases ran "
            f"(seed 18; {len(kinds)} damage kinds, {len(sources)} sources) "
            f"in {time.perf_counter() - t0:.1f} s"
        )
    assert not problems, "\n".join(problems)


@pytest.mark.data
def test_corpus_covers_every_file_and_kind(real_data):
    all_cases = corruption.cases(real_data)
    files = {(c.source, c.file) for c in all_cases}
    from worldsystem.sources import SOURCE_IDS, info

    expected = {(s, f) for s in SOURCE_IDS for f in info(s).files if (real_data / s / f).is_file()}
    assert files == expected
    assert {c.kind for c in all_cases} == set(corruption.KINDS)
    # the families of issue 18 apply to every file of the matching format
    for s, f in expected:
        kinds = {c.kind for c in all_cases if (c.source, c.file) == (s, f)}
        assert {"garbage", "empty", "symlink_loop"} <= kinds, (s, f)
        if not corruption._has_stand_in(info(s), f, real_data / s):
            assert "missing" in kinds, (s, f)
        if f.endswith((".csv", ".csv.gz", ".tsv")):
            assert {"cut_mid_row", "dup_header", "manifest"} <= kinds, (s, f)
            layout = layouts.layout_for(f"{s}/{f}")
            if layout.bounds or layout.default:  # the file has numeric columns
                assert {"overflow", "inf", "out_of_range"} <= kinds, (s, f)
        if f.endswith((".gz", ".parquet", ".xlsx")):
            assert "truncated" in kinds, (s, f)
