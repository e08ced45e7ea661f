"""Progress: the core API, the stages real runs report, the terminal display and the CLI."""

from __future__ import annotations

import io
import itertools
import re
import sys

import pytest
from rich.console import Console
from typer.testing import CliRunner

from worldsystem.cli import app
from worldsystem.core import progress
from worldsystem.terminal import RichReporter, display

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_real_data(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR"):
        monkeypatch.delenv(name, raising=False)


# --------------------------------------------------------------------------- core API
def test_default_reporter_is_silent_and_stages_still_run():
    assert type(progress.current()) is progress.Reporter
    seen = []
    with progress.stage("a", total=2) as st:
        st.advance()
        progress.advance()  # innermost: nothing open in the silent default
        seen.append(st.name)
    assert list(progress.track([1, 2, 3], "t")) == [1, 2, 3]
    assert seen == [""]  # the shared idle stage: nothing is allocated per stage


def test_recorder_sees_nesting_order_counts_and_details():
    rec = progress.Recorder()
    with progress.use(rec):
        with progress.stage("outer", total=2) as outer:
            with progress.stage("inner"):
                progress.advance(detail="x")  # the innermost stage
            outer.advance(detail="1990")
            outer.update(2, 5)  # the f(done, total) callback style
        assert rec.open == []
    assert progress.current() is not rec  # uninstalled after the block
    kinds = [(e.kind, e.name, e.depth) for e in rec.events]
    assert kinds == [
        ("start", "outer", 0),
        ("start", "inner", 1),
        ("update", "inner", 1),
        ("stop", "inner", 1),
        ("update", "outer", 0),
        ("update", "outer", 0),
        ("stop", "outer", 0),
    ]
    ups = [(e.done, e.total, e.detail) for e in rec.events if e.kind == "update"]
    assert ups == [(1, None, "x"), (1, 2, "1990"), (2, 5, None)]


def test_stage_closes_on_error():
    rec = progress.Recorder()
    with progress.use(rec), pytest.raises(ValueError), progress.stage("boom"):
        raise ValueError("x")
    assert [e.kind for e in rec.events] == ["start", "stop"]


# --------------------------------------------------------------------------- real runs
def test_position_and_ideal_points_report_their_stages(example_world):
    from worldsystem import workflows
    from worldsystem.workflows.context import DataContext

    ctx = DataContext(data=None, example=example_world, example_seed=0, years=(2000, 2004))
    rec = progress.Recorder()
    with progress.use(rec):
        workflows.position(ctx)
        ip = workflows.ideal_points(ctx)
    names = rec.stages()
    for name in (
        "loading cow_trade",
        "country-year panel",
        "position: income_xr",
        "position: network methods, by year",
        "loading unvotes",
        "ideal points: EM iterations",
    ):
        assert name in names, names
    years = [
        e.detail
        for e in rec.events
        if e.kind == "update" and e.name == "position: network methods, by year"
    ]
    assert years == [str(y) for y in range(2000, 2005)]
    em = [e for e in rec.events if e.kind == "update" and e.name == "ideal points: EM iterations"]
    # one update per EM step; the count is the EM-map evaluations the fit reports
    assert em and em[-1].done == ip.attrs["diagnostics"]["iterations"]
    assert all(a.done < b.done for a, b in itertools.pairwise(em))
    assert all(e.done <= e.total for e in em)
    assert em[-1].detail.startswith("max change")


def test_claims_report_one_step_per_claim(example_context):
    from worldsystem import claims as cl

    rec = progress.Recorder()
    with progress.use(rec):
        ledger = cl.ledger(example_context)
    steps = [e for e in rec.events if e.kind == "update" and e.name == "claims"]
    assert len(steps) == len(ledger) > 0
    assert [e.detail for e in steps] == list(ledger["claim_id"])


def test_report_reports_each_section_then_the_page(tmp_path, example_context):
    from worldsystem.report import build_report
    from worldsystem.report.sections import registered

    ids = [s.id for s in registered()][:2]
    rec = progress.Recorder()
    with progress.use(rec):
        build_report(out=tmp_path, context=example_context, sections=ids)
    top = [e for e in rec.events if e.name == "report sections"]
    assert top[0].total == len(ids) + 1
    assert [e.detail for e in top if e.kind == "update"] == [*ids, "page"]
    starts = [e.name for e in rec.events if e.kind == "start" and e.depth == 1]
    assert starts == [f"section {i}" for i in ids] + ["rendering the page"]


# --------------------------------------------------------------------------- the display
def _tty(buf: io.StringIO) -> Console:
    return Console(file=buf, force_terminal=True, width=100, color_system=None)


def test_display_draws_stages_on_a_terminal_and_erases_them():
    buf = io.StringIO()
    with display(console=_tty(buf)) as reporter:
        assert isinstance(reporter, RichReporter)
        stdout = sys.stdout
        with progress.stage("network methods", total=3) as st:
            assert sys.stdout is stdout  # stdout (the data) is never redirected
            with progress.stage("loading cow_trade"):
                pass
            st.advance(detail="1991")
            with progress.stage("loading atop"):  # a new stage redraws at once
                pass
    text = buf.getvalue()
    assert "network methods" in text and "loading cow_trade" in text
    assert "1/3" in text and "1991" in text
    assert reporter._bar is None  # stopped once the last stage closed


@pytest.mark.parametrize("quiet,terminal", [(True, True), (False, False)])
def test_display_is_silent_when_quiet_or_not_a_terminal(quiet, terminal):
    buf = io.StringIO()
    con = Console(file=buf, force_terminal=terminal, width=100)
    with display(quiet=quiet, console=con) as reporter:
        assert type(reporter) is progress.Reporter
        with progress.stage("network methods", total=3) as st:
            st.advance()
    assert buf.getvalue() == ""


# --------------------------------------------------------------------------- the CLI
def _without_banner(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("EXAMPLE DATA")]


def test_cli_not_a_terminal_prints_nothing_extra():
    plain = runner.invoke(app, ["capabilities", "--years", "2000-2001"])
    quiet = runner.invoke(app, ["--quiet", "capabilities", "--years", "2000-2001"])
    assert plain.exit_code == quiet.exit_code == 0, plain.stderr
    assert plain.stdout == quiet.stdout and plain.stdout.startswith("iso3,")
    assert _without_banner(plain.stderr) == _without_banner(quiet.stderr) == []


def test_cli_on_a_terminal_shows_progress_on_stderr_only(monkeypatch):
    plain = runner.invoke(app, ["capabilities", "--years", "2000-2001"])
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich then takes stderr for a terminal
    shown = runner.invoke(app, ["capabilities", "--years", "2000-2001"])
    quiet = runner.invoke(app, ["-q", "capabilities", "--years", "2000-2001"])
    assert shown.exit_code == quiet.exit_code == 0, shown.stderr
    assert shown.stdout == plain.stdout == quiet.stdout  # the CSV is untouched
    assert "worldsystem capabilities" in shown.stderr  # the command's stage
    assert "country-year panel" in shown.stderr
    assert "country-year panel" not in quiet.stderr
    bare = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", quiet.stderr)
    assert _without_banner(bare) == []


def test_example_report_says_example_data(tmp_path):
    res = runner.invoke(app, ["report", "--out", str(tmp_path), "--sections", "overview"])
    assert res.exit_code == 0, res.stderr
    assert res.stderr.startswith("EXAMPLE DATA")
    assert (tmp_path / "index.html").exists()


def test_vote_agreement_and_communities_report_their_years():
    import pandas as pd

    from worldsystem.measures import blocs

    v = pd.DataFrame(
        {
            "rcid": [1, 1, 2, 2],
            "session": [1, 1, 2, 2],
            "iso3": ["A", "B"] * 2,
            "vote": ["yes", "yes", "no", "yes"],
        }
    )
    e = pd.DataFrame(
        {"iso3_o": ["A", "C"] * 2, "iso3_d": ["B", "D"] * 2, "year": [2000, 2000, 2001, 2001]}
    )
    rec = progress.Recorder()
    with progress.use(rec):
        blocs.vote_agreement(v, by="session")
        blocs.communities(e, weight_col=None)
    ups = {}
    for ev in rec.events:
        if ev.kind == "update":
            ups.setdefault(ev.name, []).append(ev.detail)
    assert ups == {
        "vote agreement, by session": ["1", "2"],
        "communities (Louvain), by year": ["2000", "2001"],
    }


def test_dynamics_projection_and_backtest_are_stages(example_world):
    from worldsystem import workflows
    from worldsystem.workflows.context import DataContext

    ctx = DataContext(data=None, example=example_world, example_seed=0)
    rec = progress.Recorder()
    calls = []
    with progress.use(rec):
        workflows.projection(ctx, horizon=2030, members=10, batch_size=4)
        workflows.dynamics_backtest(
            ctx, members=5, origins=[2000, 2005], progress=lambda *a: calls.append(a)
        )
    ups = {}
    for ev in rec.events:
        if ev.kind == "update":
            ups.setdefault(ev.name, []).append((ev.done, ev.total))
    assert "dynamics: fitting the growth model" in rec.stages()
    assert ups["dynamics: ensemble members"] == [(4, 10), (8, 10), (10, 10)]
    assert ups["dynamics: backtest origins"] == [(1, 2), (2, 2)]
    assert calls == [(1, 2), (2, 2)]  # the caller's own callback still runs
