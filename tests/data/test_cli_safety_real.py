"""Clear errors instead of silent answers, on the real datasets in $WORLDSYSTEM_DATA."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from typer.testing import CliRunner

from worldsystem.cli import app

runner = CliRunner()


def _one_line(res) -> str:
    assert res.exit_code == 1, res.output
    assert "Traceback" not in res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    return lines[0]


def test_position_income_xr_before_pwt_says_so(real_data):
    # PWT 10.01 starts in 1950: GDP per capita at exchange rates has no 1870
    res = runner.invoke(
        app, ["position", "--data", str(real_data), "--years", "1870", "--method", "income_xr"]
    )
    line = _one_line(res)
    assert "income_xr gives no zones in 1870" in line and "1950-2019" in line


def test_position_income_ppp_in_1870_answers(real_data):
    # Maddison 2023 covers 1870 for enough countries: a real answer, not an error
    res = runner.invoke(
        app, ["position", "--data", str(real_data), "--years", "1870", "--method", "income_ppp"]
    )
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert (df["year"] == 1870).all() and len(df) >= 20
    zones = df.set_index("iso3")["zone"]
    assert zones["GBR"] == "core"  # the richest economies of 1870 (Maddison 2023)


@pytest.mark.parametrize("on", ["FOOBAR", "XYZ"])
def test_dependence_on_an_unknown_partner_is_an_error(real_data, on):
    res = runner.invoke(
        app,
        ["dependence", "--data", str(real_data), "--country", "DEU", "--on", on, "--years", "2010"],
    )
    line = _one_line(res)
    assert "option --on" in line and on in line


def test_partial_partition_on_wiod(real_data, tmp_path):
    part = tmp_path / "three.csv"
    part.write_text("iso3,group\nUSA,North\nDEU,North\nCHN,South\n")
    res = runner.invoke(
        app, ["exchange", "--data", str(real_data), "--years", "2011", "--partition", str(part)]
    )
    line = _one_line(res)
    # WIOD 2013: 40 countries and the rest of the world
    assert "does not place 38 of the 41 countries of the 2011 table" in line
    assert "three.csv" in line and "AUS" in line


def test_nato_in_any_case_has_32_members_in_2024():
    # Sweden joined on 7 March 2024, the 32nd member (NATO, "NATO member countries")
    res = runner.invoke(app, ["countries", "--group", "nato", "--year", "2024", "--format", "csv"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert len(df) == 32 and {"SWE", "FIN"} <= set(df["iso3"])


def test_polarity_xlsx_equals_csv(real_data, tmp_path):
    base = ["polarity", "--data", str(real_data), "--years", "2000-2010"]
    assert runner.invoke(app, [*base, "--out", str(tmp_path / "p.csv")]).exit_code == 0
    res = runner.invoke(app, [*base, "--format", "xlsx", "--out", str(tmp_path / "p.xlsx")])
    assert res.exit_code == 0, res.output
    a = pd.read_csv(tmp_path / "p.csv")
    b = pd.read_excel(tmp_path / "p.xlsx", sheet_name="data")
    assert list(a.columns) == list(b.columns)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)


@pytest.mark.parametrize("years", ["2011", "2030"])
def test_single_and_future_year_reports_do_not_crash(real_data, tmp_path, years):
    out = tmp_path / "r"
    res = runner.invoke(
        app,
        [
            "report",
            "--data",
            str(real_data),
            "--years",
            years,
            "--out",
            str(out),
            "--sections",
            "position",
        ],
    )
    assert res.exit_code == 0, res.output
    html = (out / "index.html").read_text()
    if years == "2030":  # beyond every position input: the section says so
        assert "gives no zones in 2030" in html and "1950-2019" in html
    else:
        assert "gives no zones" not in html
