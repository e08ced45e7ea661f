"""The ``worldsystem dynamics`` commands on the example world."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from typer.testing import CliRunner

from worldsystem.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _example_world(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)


def _csv(args: list[str]) -> pd.DataFrame:
    res = runner.invoke(app, ["dynamics", *args])
    assert res.exit_code == 0, res.output
    text = res.stdout
    return pd.read_csv(io.StringIO(text[text.index("\n") + 1 :] if "EXAMPLE" in text else text))


def test_transitions_lists_crossings_that_hold():
    df = _csv(["transitions", "--persistence", "3"])
    assert {"leader", "overtaken", "year", "held_years", "provisional"} <= set(df.columns)
    assert (df.loc[~df["provisional"], "held_years"] >= 3).all()


def test_mobility_matrix_rows_are_probabilities():
    df = _csv(["mobility", "--table", "matrix", "--step", "5"])
    sums = df.groupby("state_from")["p"].sum()
    assert ((sums - 1).abs() < 1e-9).all()
    assert (df["p_lo"] <= df["p"] + 1e-12).all() and (df["p"] <= df["p_hi"] + 1e-12).all()


def test_unknown_table_is_one_line_before_any_data_is_read():
    res = runner.invoke(app, ["dynamics", "project", "--table", "nope"])
    assert res.exit_code != 0
    assert "Traceback" not in res.output
    assert "unknown result table" in res.output and "ahead, shares" in res.output


@pytest.mark.parametrize(
    ("args", "field", "value"),
    [
        (["mobility", "--step", "40"], "step", "40"),  # the example world has 29 years
        (["transitions", "--index", "gpd"], "index", "gpd"),
        (["project", "--horizon", "2010", "--members", "5"], "horizon", "2010"),
        (["transitions", "--countries", "XBO,ZZZ"], "countries", "ZZZ"),
        (["project", "--scheduler", "threads"], "scheduler", "threads"),
        (["project", "--members", "0"], "members", "0"),
    ],
)
def test_bad_input_is_one_line_naming_field_and_value(args, field, value, tmp_path):
    out = tmp_path / "out.csv"
    res = runner.invoke(app, ["dynamics", *args, "--out", str(out)])
    assert res.exit_code != 0
    assert "Traceback" not in res.output
    line = [s for s in res.output.splitlines() if s.startswith("error:")]
    assert len(line) == 1
    # the error boundary shows a library field that is a command option as the flag
    assert f"option --{field}" in line[0] and value in line[0]
    assert not out.exists()  # nothing half-written


def test_project_writes_p_ahead_without_a_progress_bar_off_a_tty():
    df = _csv(["project", "--members", "20", "--horizon", "2025", "--table", "ahead"])
    assert set(df["year"]) == set(range(2020, 2026))
    assert df["p_ahead"].between(0, 1).all()
