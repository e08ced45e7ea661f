"""The CLI on the real datasets in $WORLDSYSTEM_DATA."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from worldsystem.cli import app
from worldsystem.sources import SOURCE_IDS

runner = CliRunner()


def test_data_list_shows_every_source_available(real_data):
    res = runner.invoke(app, ["data", "list", "--data", str(real_data)], env={"COLUMNS": "400"})
    assert res.exit_code == 0, res.output
    rows = [line for line in res.output.splitlines() if line.startswith("│")]
    for sid in SOURCE_IDS:
        row = next((r for r in rows if r.split("│")[1].strip() == sid), None)
        assert row is not None, f"{sid} missing from data list"
        assert "│ yes " in row, row


def test_data_check_loads_every_source(real_data):
    res = runner.invoke(app, ["data", "check", "--data", str(real_data)])
    assert res.exit_code == 0, res.output
    for sid in SOURCE_IDS:
        assert f"{sid}: ok, rows=" in res.output


def test_polarity_real_data_1950s_bipolar_us_leads(real_data, tmp_path):
    out = tmp_path / "pol.csv"
    args = ["polarity", "--data", str(real_data), "--years", "1950-1959", "--out", str(out)]
    res = runner.invoke(app, args)
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out)
    # CINC among the COW major powers: the US leads and the USSR is second throughout the 1950s
    assert (df["leader_iso3"] == "USA").all() and (df["second_iso3"] == "RUS").all()
    assert (df["n_states"] == 5).all()  # USA, GBR, FRA, RUS, CHN were the COW majors then
