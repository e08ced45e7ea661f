"""The CLI's one error boundary: bad input is one line on stderr and a non-zero exit.

Bad input, data or environment -> ``error: ...`` and exit 1; bad usage -> exit 2;
a bug -> traceback plus ``internal error: ...`` and exit 70.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from worldsystem import cli
from worldsystem.cli import app, describe_field, flag_table, format_error
from worldsystem.core.errors import SchemaError, WorldsystemError

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_real_data(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    monkeypatch.delenv(cli.DEBUG_ENV, raising=False)


def _error_lines(res) -> list[str]:
    """stderr without the example-world notice."""
    return [line for line in res.stderr.splitlines() if not line.startswith("EXAMPLE DATA")]


def _assert_one_line(res, code: int, *needles: str) -> str:
    lines = _error_lines(res)
    assert res.exit_code == code, res.output
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.output
    line = lines[0]
    assert line.startswith("error: "), line
    for needle in needles:
        assert needle in line, line
    return line


@pytest.mark.parametrize(
    "years", ["abc", "2019-1990", "nineteen", "1990-2000-2010", "2010-", "-", "1990--2000"]
)
@pytest.mark.parametrize(
    "command",
    [
        ["polarity"],
        ["capabilities"],
        ["blocs", "agreement"],
        ["exchange"],
        ["exchange", "erdi"],
        ["position"],
        ["imperialism"],
        ["claims"],
        ["report"],
    ],
)
def test_bad_years_is_one_line_for_every_command(command, years, tmp_path):
    args = [*command, f"--years={years}"]
    if command == ["report"]:
        args += ["--out", str(tmp_path / "r")]
    res = runner.invoke(app, args)
    _assert_one_line(res, 1, "years must be YEAR or START-END", "option --years", repr(years))


def test_reversed_years_hint():
    res = runner.invoke(app, ["polarity", "--years", "2019-1990"])
    _assert_one_line(res, 1, "Fix: did you mean 1990-2019?")


@pytest.mark.parametrize("command", [["polarity"], ["data", "check", "cow_nmc"], ["claims"]])
def test_missing_data_dir_is_one_line(command, tmp_path):
    res = runner.invoke(app, [*command, "--data", str(tmp_path / "nonexistent")])
    assert res.exit_code == 1
    assert "Traceback" not in res.output
    assert len(_error_lines(res)) == 1, res.stderr


def test_data_dir_that_is_a_file(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    res = runner.invoke(app, ["polarity", "--data", str(afile)])
    _assert_one_line(res, 1, "data directory", str(afile))


@pytest.mark.slow
def test_output_under_a_file_is_one_line(tmp_path):
    afile = tmp_path / "afile"
    afile.write_text("x")
    res = runner.invoke(app, ["capabilities", "--years", "2019", "--out", str(afile / "x.csv")])
    _assert_one_line(res, 1, "Not a directory", str(afile))
    res = runner.invoke(app, ["report", "--out", str(afile / "r")])
    _assert_one_line(res, 1, "Not a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_permission_denied_is_one_line(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        res = runner.invoke(
            app, ["capabilities", "--years", "2019", "--out", str(locked / "x.csv")]
        )
        _assert_one_line(res, 1, "Permission denied", str(locked / "x.csv"))
    finally:
        locked.chmod(0o700)


def test_disk_full_is_one_line(monkeypatch, tmp_path):
    import errno

    import worldsystem.core.io as wio

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(tmp_path / "x.csv"))

    monkeypatch.setattr(wio, "write_frame", full)
    res = runner.invoke(app, ["capabilities", "--years", "2019", "--out", str(tmp_path / "x.csv")])
    _assert_one_line(res, 1, "No space left on device", "x.csv")


@pytest.mark.parametrize(
    ("args", "needles"),
    [
        (["capabilities", "--years", "2019", "--format", "parquet"], ["option --format"]),
        (["capabilities", "--years", "2019", "--format", "xml", "--out", "x.xml"], ["xml"]),
        (["blocs", "communities", "--network", "foo", "--years", "2019"], ["option --network"]),
        (["position", "--method", "astrology", "--years", "2019"], ["option --method"]),
        (["exchange", "--partition", "foo"], ["option --partition"]),
        (["exchange", "--basis", "foo"], ["option --basis"]),
        (["polarity", "--index", "foo", "--years", "2019"], ["option --index"]),
        (["polarity", "--among", "foo", "--years", "2019"], ["option --among"]),
        (["imperialism", "--weights", "x"], ["option --weights", "INDICATOR=NUMBER"]),
        (["countries", "--group", "G7"], ["option --year"]),
        (["data", "info", "nosuch"], ["argument SOURCE"]),
        (["shock", "nosuch"], ["nosuch"]),
        (["claims", "--file", "/nonexistent/claims.yaml"], ["claims.yaml"]),
    ],
)
def test_bad_option_values_are_one_line_naming_the_flag(args, needles, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(app, args)
    _assert_one_line(res, 1, *needles)


@pytest.mark.parametrize(
    "args",
    [
        ["countries", "--group", "G7", "--year", "abc"],
        ["polarity", "--yeras", "2019"],
        ["nosuchcommand"],
        ["imperialism", "--draws", "many"],
    ],
)
def test_usage_errors_are_one_line_exit_2(args):
    res = runner.invoke(app, args)
    _assert_one_line(res, 2, "--help")


def test_help_still_works():
    assert runner.invoke(app, ["polarity", "--help"]).exit_code == 0
    res = runner.invoke(app, ["data"])  # no_args_is_help: help, not an error line
    assert "Usage" in res.output and "error:" not in res.output


def test_a_bug_shows_a_traceback_and_internal_error(monkeypatch):
    from worldsystem import workflows

    def broken(*args, **kwargs):
        raise KeyError("bug")

    monkeypatch.setattr(workflows, "capabilities", broken)
    res = runner.invoke(app, ["capabilities", "--years", "2019"])
    assert res.exit_code == cli.EXIT_INTERNAL
    assert "Traceback" in res.stderr and "KeyError" in res.stderr
    assert res.stderr.rstrip().splitlines()[-1].startswith("internal error: KeyError")


def test_debug_env_var_reraises(monkeypatch):
    monkeypatch.setenv(cli.DEBUG_ENV, "1")
    res = runner.invoke(app, ["polarity", "--years", "abc"])
    assert res.exit_code != 0
    assert isinstance(res.exception, WorldsystemError)


def test_console_script_prints_one_line():
    """The real entry point (``main``) in a subprocess: no rich traceback box."""
    env = {k: v for k, v in os.environ.items() if k not in ("WORLDSYSTEM_DATA", cli.DEBUG_ENV)}
    out = subprocess.run(
        [sys.executable, "-m", "worldsystem.cli", "polarity", "--years", "abc"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 1
    assert out.stderr.strip().splitlines() == [
        "error: years must be YEAR or START-END [option --years, value='abc'] "
        "Fix: give e.g. 1990-2019 or 2011"
    ]


# ---------------------------------------------------------------- field -> flag mapping
def test_flag_table_from_command_parameters():
    import typer

    table = flag_table(typer.main.get_command(app).get_command(None, "polarity"))
    assert table["years"] == "--years" and table["data"] == "--data"
    assert table["fmt"] == "--format" and table["format"] == "--format"
    pos = flag_table(typer.main.get_command(app).get_command(None, "position"))
    assert pos["methods"] == "--method"  # the library's name for --method


@pytest.mark.parametrize("field", ["years", "--years"])
def test_old_and_new_field_styles_map_to_the_flag(field):
    err = WorldsystemError("bad", field=field, value="x")
    assert format_error(err, {"years": "--years"}) == "bad [option --years, value='x']"


def test_a_field_of_a_file_is_not_a_flag():
    err = SchemaError("not a number", file="x.csv", field="year", value="abc")
    line = format_error(err, {"year": "--year"})
    assert line == "not a number [file=x.csv, field='year', value='abc']"
    assert describe_field("milex", {}) == "field='milex'"
