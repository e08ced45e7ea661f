"""A partition file must place every country; a method whose data miss the years says so.

Both used to answer silently: the unlisted countries went to the South, and
``position --years 1870 --method income_xr`` printed an empty table with exit 0.
"""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from worldsystem.cli import app
from worldsystem.core.errors import WorldsystemError
from worldsystem.workflows.exchange import exchange_partition, read_partition

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_real_data(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)


def _write(tmp_path, text, name="part.csv"):
    p = tmp_path / name
    p.write_text(text)
    return p


def test_partial_partition_names_the_file_and_the_missing(tmp_path, example_context):
    p = _write(tmp_path, "iso3,group\nXKR,North\nXBO,North\nXBR,South\n")
    codes = ["XKR", "XBO", "XBR", "XDR", "XFE"]
    with pytest.raises(WorldsystemError) as err:
        exchange_partition(example_context, codes, 2019, str(p))
    msg = str(err.value)
    assert "part.csv" in msg and "2 of the 5" in msg and "XDR, XFE" in msg
    assert "XKR" not in msg.split("[")[0].split(":")[-1]  # only the missing are listed


def test_default_row_places_the_unlisted(tmp_path, example_context):
    p = _write(tmp_path, "iso3,group\nXKR,North\n*,South\n")
    g = exchange_partition(example_context, ["XKR", "XBO", "XBR"], 2019, str(p))
    assert g.set_index("iso3")["group"].to_dict() == {
        "XKR": "North",
        "XBO": "South",
        "XBR": "South",
    }


def test_year_column_selects_the_year(tmp_path, example_context):
    p = _write(tmp_path, "iso3,group,year\nXKR,North,2019\nXBO,South,2019\nXKR,South,2018\n")
    g = exchange_partition(example_context, ["XKR", "XBO"], 2019, str(p))
    assert list(g["group"]) == ["North", "South"]
    with pytest.raises(WorldsystemError, match="XBO"):
        exchange_partition(example_context, ["XKR", "XBO"], 2018, str(p))


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("iso3,group\nXKR,Nord\n", "North or South"),
        ("iso3,group\n", "no rows"),
        ("iso3,grp\nXKR,North\n", "group"),
        ("", "empty"),
    ],
)
def test_bad_partition_files_are_refused_while_parsing(tmp_path, text, match):
    p = _write(tmp_path, text)
    with pytest.raises(WorldsystemError, match=match):
        read_partition(p)
    res = runner.invoke(app, ["exchange", "--partition", str(p)])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert "part.csv" in res.stderr


def test_duplicate_rows_are_refused(tmp_path, example_context):
    p = _write(tmp_path, "iso3,group\nXKR,North\nXKR,South\n*,South\n")
    with pytest.raises(WorldsystemError, match="twice"):
        exchange_partition(example_context, ["XKR"], 2019, str(p))


def test_partial_partition_from_the_cli(tmp_path):
    p = _write(tmp_path, "iso3,group\nXKR,North\nXBO,North\nXBR,South\n")
    res = runner.invoke(app, ["exchange", "--partition", str(p)])
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == 1 and len(lines) == 1, res.stderr
    assert "part.csv" in lines[0] and "does not place 27 of the 30" in lines[0]


@pytest.mark.parametrize("method", ["income_xr", "income_ppp", "cp_continuous"])
def test_method_without_data_in_the_years_says_so(method):
    res = runner.invoke(app, ["position", "--years", "1870", "--method", method])
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == 1 and len(lines) == 1, res.output
    assert f"position method {method} gives no zones in 1870" in lines[0]
    assert "its data cover 1990-2019" in lines[0]  # the example world's years
    assert res.stdout == ""


def test_methods_with_data_still_answer():
    res = runner.invoke(app, ["position", "--years", "2019", "--method", "income_xr"])
    assert res.exit_code == 0, res.output
    assert len(res.stdout.splitlines()) == 31  # header + the 30 countries


def test_no_zones_by_several_methods_names_each_methods_coverage():
    res = runner.invoke(app, ["position", "--years", "1870", "--method", "income_xr,cp_continuous"])
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == 1 and len(lines) == 1, res.output
    assert "position gives no zones in 1870 by any method" in lines[0]
    assert "income_xr 1990-2019; cp_continuous 1990-2019" in lines[0]
