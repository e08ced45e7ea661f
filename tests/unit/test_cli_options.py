"""Option values are checked while the options are parsed, before any data is read.

Every case: one line on stderr naming the flag and the value, exit 1, no traceback,
and (for the checks of :mod:`worldsystem._cli_options`) no data loaded: the data
context is never built.
"""

from __future__ import annotations

import os
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from worldsystem import cli
from worldsystem.cli import app

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_real_data(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)


@pytest.fixture
def no_loading(monkeypatch):
    """Fail the test if a command gets as far as resolving its data."""
    import worldsystem.workflows.context as wctx

    def boom(*args, **kwargs):
        raise AssertionError("data was resolved before the options were checked")

    monkeypatch.setattr(wctx, "resolve_context", boom)
    monkeypatch.setattr("worldsystem.report.build.resolve_context", boom)


def _one_line(res, code: int, *needles: str) -> str:
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == code, res.output
    assert "Traceback" not in res.output
    assert len(lines) == 1, res.stderr
    line = lines[0]
    assert line.startswith("error: ")
    for needle in needles:
        assert needle in line, line
    # hints list values as text, never as a Python tuple or list
    assert not re.search(r"\(\s*'[^']*',", line) and not re.search(r"\[\s*'[^']*',", line), line
    return line


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["polarity", "--index", "foo"], ["option --index", "'foo'", "cinc, gdp"]),
        (["polarity", "--among", "some"], ["option --among"]),
        (["polarity", "--among", "0"], ["option --among"]),
        (["position", "--method", "astrology"], ["option --method", "income_xr"]),
        (["position", "--method", "income_xr,astro"], ["option --method", "'astro'"]),
        (["position", "--method", ""], ["option --method"]),
        (["position", "--scheduler", "udp://x:1"], ["option --scheduler"]),
        (["exchange", "--basis", "foo"], ["option --basis", "northern, global"]),
        (["exchange", "--partition", "nowhere"], ["option --partition"]),
        (["imperialism", "--weights", "x"], ["option --weights", "INDICATOR=NUMBER"]),
        (["imperialism", "--weights", "foo=1"], ["option --weights", "'foo'"]),
        (["imperialism", "--weights", "milex_share_world=nan"], ["option --weights", "finite"]),
        (["imperialism", "--weights", "milex_share_world=-1"], ["option --weights"]),
        (["blocs", "communities", "--network", "foo"], ["option --network"]),
        (["shock", "nord_stream", "--engine", "foo"], ["option --engine"]),
        (["dynamics", "transitions", "--index", "foo"], ["option --index"]),
        (["dynamics", "mobility", "--method", "foo"], ["option --method", "bins"]),
        (["dynamics", "convergence", "--source", "foo"], ["option --source", "maddison"]),
        (["dependence", "--country", "DEU", "--on", "FOOBAR"], ["option --on", "FOOBAR"]),
        (["dependence", "--country", "GERMANY", "--on", "RUS"], ["option --country"]),
        (["polarity", "--format", "xml"], ["option --format", "'xml'"]),
        (["polarity", "--format", "xml", "--out", "x.xml"], ["option --format", "'xml'"]),
        (["polarity", "--format", "parquet"], ["parquet output needs --out"]),
        (["polarity", "--format", "xlsx"], ["xlsx output needs --out"]),
        (["polarity", "--format", "parquet", "--out", "y.csv"], ["does not match", "y.csv"]),
        (["polarity", "--out", "y.xml"], ["cannot tell the output format", "y.xml"]),
        (["polarity", "--out", "/nonexistent/dir/x.csv"], ["does not exist", "/nonexistent/dir"]),
        (["report", "--format", "docx"], ["option --format", "html or pdf"]),
        (["report", "--tables-format", "xml"], ["option --tables-format"]),
        (["countries", "--format", "xml"], ["option --format"]),
        (["countries", "--group", "WARSAW", "--year", "1970"], ["option --group", "NATO"]),
    ],
)
def test_bad_values_are_refused_before_any_data(args, needles, no_loading, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _one_line(runner.invoke(app, args), 1, *needles)


def test_report_onto_a_file_and_a_foreign_folder(no_loading, tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("keep")
    _one_line(runner.invoke(app, ["report", "--out", str(afile)]), 1, "is a file", "afile")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("keep")
    _one_line(runner.invoke(app, ["report", "--out", str(mine)]), 1, "thesis.tex")
    assert afile.read_text() == "keep" and (mine / "thesis.tex").read_text() == "keep"


def test_an_output_that_is_a_folder(no_loading, tmp_path):
    res = runner.invoke(app, ["polarity", "--out", str(tmp_path)])
    _one_line(res, 1, "is a folder")


# ---------------------------------------------------------------- countries
def test_group_names_in_any_case():
    a = runner.invoke(app, ["countries", "--group", "nato", "--year", "2000", "--format", "csv"])
    b = runner.invoke(app, ["countries", "--group", "NATO", "--year", "2000", "--format", "csv"])
    assert a.exit_code == 0 and a.stdout == b.stdout
    rows = pd.read_csv(__import__("io").StringIO(a.stdout))
    assert len(rows) == 19 and set(rows["group"]) == {"NATO"}  # 19 members in 2000


def test_group_before_its_founding_says_so():
    res = runner.invoke(app, ["countries", "--group", "NATO", "--year", "1900"])
    _one_line(res, 1, "NATO has no members in 1900", "1949", "option --year")


def test_group_beyond_the_data_says_so():
    from worldsystem.countries import recorded_to

    res = runner.invoke(app, ["countries", "--group", "NATO", "--year", "2040"])
    _one_line(res, 1, f"recorded up to {recorded_to()}", "2040 is beyond the data")


# ---------------------------------------------------------------- outputs
def test_xlsx_output_with_provenance_and_no_formulas(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "g7.xlsx"
    res = runner.invoke(
        app, ["countries", "--group", "G7", "--year", "2020", "--format", "xlsx", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    wb = load_workbook(out)
    rows = list(wb["data"].values)
    assert rows[0] == ("group", "year", "iso3", "name")
    assert sorted(r[2] for r in rows[1:]) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert "provenance" in wb.sheetnames
    assert (tmp_path / "g7.xlsx.provenance.json").is_file()


def test_xlsx_text_starting_with_equals_is_text(tmp_path):
    from openpyxl import load_workbook

    from worldsystem.core.io import write_frame

    write_frame(pd.DataFrame({"a": ["=1+1", "ok"], "b": [1.5, float("nan")]}), tmp_path / "t.xlsx")
    cells = list(load_workbook(tmp_path / "t.xlsx")["data"].values)
    assert cells[1] == ("=1+1", 1.5) and cells[2] == ("ok", None)
    cell = load_workbook(tmp_path / "t.xlsx")["data"]["A2"]
    assert cell.data_type == "s"


def test_format_and_suffix_agree(tmp_path):
    out = tmp_path / "t.parquet"
    res = runner.invoke(
        app,
        ["countries", "--group", "G7", "--year", "2020", "--format", "parquet", "--out", str(out)],
    )
    assert res.exit_code == 0, res.output
    assert len(pd.read_parquet(out)) == 7


# ---------------------------------------------------------------- markup
@pytest.mark.parametrize("value", [":x:", "[bold]b[/bold]", ":thumbs_up: [red]"])
def test_markup_and_emoji_codes_print_as_typed(value):
    res = runner.invoke(app, ["polarity", "--index", value])
    line = _one_line(res, 1)
    assert repr(value) in line  # no emoji, no style tags eaten
    res = runner.invoke(app, ["data", "info", value])
    assert repr(value) in _one_line(res, 1)


def test_table_cells_escape_markup():
    assert cli._cell("[b]x[/b]") == "\\[b]x\\[/b]"
    con = cli._console()
    with con.capture() as cap:
        con.print(cli._cell(":x: [b]y[/b]"))
    assert cap.get().strip() == ":x: [b]y[/b]"


# ---------------------------------------------------------------- environment
def test_cache_that_is_a_file(monkeypatch, tmp_path):
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0")
    monkeypatch.setenv("WORLDSYSTEM_CACHE", str(afile))
    for args in (["polarity", "--years", "2019"], ["data", "list"]):
        _one_line(runner.invoke(app, args), 1, "WORLDSYSTEM_CACHE is not a folder", "passwd")


def test_data_that_is_a_file(tmp_path):
    afile = tmp_path / "passwd"
    afile.write_text("root:x:0:0")
    res = runner.invoke(app, ["polarity", "--data", str(afile)])
    _one_line(res, 1, "data directory is not a folder", "passwd")


@pytest.mark.parametrize("command", [["data", "check", "cow_nmc"]])
def test_permission_denied_on_a_loader(command, tmp_path, monkeypatch):
    """A data file the user may not read: one line naming it. Root ignores file
    modes, so opening the file is made to fail as it does for other users."""
    import builtins
    import errno
    import io

    folder = tmp_path / "data" / "cow_nmc"
    folder.mkdir(parents=True)
    locked = folder / "NMC-70-abridged.csv"
    locked.write_text("stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):
        if str(file).endswith(locked.name):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    monkeypatch.setattr(io, "open", guarded)
    res = runner.invoke(app, [*command, "--data", str(tmp_path / "data")])
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert "Traceback" not in res.output and len(lines) == 1, res.stderr
    assert "Permission denied" in lines[0] and locked.name in lines[0], lines[0]


# ---------------------------------------------------------------- years
@pytest.mark.parametrize("years", ["abc", "2030-1990", "1990-2000-2010", "2010-", "nineteen"])
def test_bad_years_before_any_data(years, no_loading):
    res = runner.invoke(app, ["report", f"--years={years}"])
    _one_line(res, 1, "option --years")


def test_every_hint_reads_lists_as_text():
    from worldsystem.core.errors import SchemaError, WorldsystemError

    err = SchemaError("bad", hint=f"use one of {('csv', 'json')} or {['a', 'b']}")
    assert err.hint == "use one of csv, json or a, b"
    assert "('csv'" not in str(WorldsystemError("x", hint=f"{('a', 'b')}"))


def test_year_is_an_alias_of_years(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    one = runner.invoke(app, ["position", "--year", "2019", "--method", "income_xr"])
    many = runner.invoke(app, ["position", "--years", "2019", "--method", "income_xr"])
    assert one.exit_code == 0, one.output
    assert one.stdout == many.stdout and len(one.stdout.splitlines()) > 1
    assert {ln.split(",")[1] for ln in one.stdout.splitlines()[1:]} == {"2019"}


def test_position_takes_a_list_of_years(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    res = runner.invoke(app, ["position", "--years", "2019,1995-1996", "--method", "income_xr"])
    assert res.exit_code == 0, res.output
    years = {ln.split(",")[1] for ln in res.stdout.splitlines()[1:]}
    assert years == {"1995", "1996", "2019"}


@pytest.mark.parametrize("years", ["1995,2005", "1995,,2005"])
def test_a_list_of_years_elsewhere_is_one_clear_line(years, no_loading):
    if years == "1995,,2005":
        res = runner.invoke(app, ["position", "--years", years])
        _one_line(res, 1, "option --years", "comma-separated list", "1995,2005,2014")
        return
    res = runner.invoke(app, ["polarity", "--years", years])
    _one_line(res, 1, "option --years", "only for position", "2014", "1995-2014")
