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
