"""A failure never leaves a changed or mixed output: tables, sidecars, report folders.

Failures are simulated by making one write raise (ENOSPC, as a full disk does) part
way through; the outputs are then compared with what was there before.
"""

from __future__ import annotations

import errno
import os
import socket
import threading
import time

import pandas as pd
import pytest

import worldsystem.core.io as wio
from worldsystem.core.io import atomic_dir, check_output_folder, write_frame
from worldsystem.core.provenance import Provenance, SourceRecord, attach


def _frame() -> pd.DataFrame:
    df = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [2000, 2000], "v": [1.0, 2.0]})
    return attach(df, Provenance(sources=(SourceRecord(id="a", version="1"),)))


def _snapshot(folder):
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


def _enospc(*args, **kwargs):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


# ---------------------------------------------------------------- tables and sidecars
def test_sidecar_only_after_the_table(tmp_path, monkeypatch):
    out = tmp_path / "t.csv"
    monkeypatch.setattr(pd.DataFrame, "to_csv", _enospc)
    with pytest.raises(OSError, match="No space left"):
        write_frame(_frame(), out)
    assert list(tmp_path.iterdir()) == []  # no table, no sidecar, no temporary file


def test_a_table_onto_a_folder_leaves_nothing(tmp_path):
    (tmp_path / "t.csv").mkdir()
    with pytest.raises(IsADirectoryError):
        write_frame(_frame(), tmp_path / "t.csv")
    assert [p.name for p in tmp_path.iterdir()] == ["t.csv"]
    assert list((tmp_path / "t.csv").iterdir()) == []


def test_a_failed_rewrite_keeps_the_old_table_and_sidecar(tmp_path, monkeypatch):
    out = tmp_path / "t.json"
    write_frame(_frame(), out)
    before = _snapshot(tmp_path)
    monkeypatch.setattr(pd.DataFrame, "to_json", _enospc)
    with pytest.raises(OSError):
        write_frame(_frame().assign(v=[9.0, 9.0]), out)
    assert _snapshot(tmp_path) == before


def test_output_folder_is_never_created(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_frame(_frame(), tmp_path / "missing" / "t.csv")
    assert not (tmp_path / "missing").exists()


# ---------------------------------------------------------------- folders
def test_atomic_dir_swaps_in_whole(tmp_path):
    target = tmp_path / "r"
    with atomic_dir(target, replaceable=("index.html", "tables")) as tmp:
        (tmp / "index.html").write_text("one")
    with atomic_dir(target, replaceable=("index.html", "tables")) as tmp:
        (tmp / "tables").mkdir()
        (tmp / "index.html").write_text("two")
    assert _snapshot(target) == {"index.html": b"two", "tables": None}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]  # no temporary sibling


def test_atomic_dir_failure_keeps_the_old_folder(tmp_path):
    target = tmp_path / "r"
    with atomic_dir(target, replaceable=("index.html", "tables")) as tmp:
        (tmp / "index.html").write_text("old")
    before = _snapshot(target)
    with pytest.raises(OSError), atomic_dir(target, replaceable=("index.html", "tables")) as tmp:
        (tmp / "tables").mkdir()
        (tmp / "tables" / "a.csv").write_text("new")
        _enospc()
    assert _snapshot(target) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r"]


def test_folder_with_foreign_files_is_refused(tmp_path):
    (tmp_path / "thesis.tex").write_text("mine")
    with pytest.raises(FileExistsError, match=r"thesis\.tex"):
        check_output_folder(tmp_path, replaceable=("index.html",))
    afile = tmp_path / "afile"
    afile.write_text("x")
    with pytest.raises(FileExistsError, match="is a file"):
        check_output_folder(afile)
    with pytest.raises(NotADirectoryError):
        check_output_folder(afile / "sub" / "r")


@pytest.mark.parametrize("fail_on", ["tables", "index"])
def test_report_hit_by_enospc_leaves_the_previous_report(
    tmp_path, monkeypatch, example_world, fail_on
):
    """A report that fails part way (a full disk while writing its tables or its
    page) leaves the previous report exactly as it was: no page of one run beside
    tables of another, and no temporary folder."""
    from worldsystem.report import build
    from worldsystem.workflows.context import DataContext

    def context(years):  # a context of its own: the session's memo stays untouched
        return DataContext(data=None, years=years, example=example_world)

    out = tmp_path / "report"
    build.build_report(out=out, sections=["polarity"], tables=True, context=context((1990, 1999)))
    before = _snapshot(out)
    assert "index.html" in before and any(k.startswith("tables/") for k in before)

    real_write = build.write_frame
    real_text = build.atomic_write_text
    calls = {"n": 0}

    def failing_frame(*args, **kwargs):
        calls["n"] += 1
        if fail_on == "tables" and calls["n"] >= 2:
            _enospc()
        return real_write(*args, **kwargs)

    def failing_text(path, *args, **kwargs):
        if fail_on == "index" and str(path).endswith("index.html"):
            _enospc()
        return real_text(path, *args, **kwargs)

    monkeypatch.setattr(build, "write_frame", failing_frame)
    monkeypatch.setattr(build, "atomic_write_text", failing_text)
    with pytest.raises(OSError, match="No space left"):
        build.build_report(
            out=out,
            sections=["polarity"],
            tables=True,
            context=context((2000, 2010)),
        )
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_report_enospc_from_the_cli_is_one_line(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from worldsystem.cli import app
    from worldsystem.report import build

    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)

    def full(path, *args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(build, "atomic_write_text", full)
    res = CliRunner().invoke(
        app, ["report", "--out", str(tmp_path / "r"), "--sections", "polarity"]
    )
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert len(lines) == 1 and "No space left on device" in lines[0], res.stderr
    assert not (tmp_path / "r").exists() and list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- network waits
@pytest.fixture
def silent_listener():
    """A TCP listener on 127.0.0.1 that accepts connections and never replies."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept():
        srv.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = srv.accept()
                held.append(conn)
            except OSError:
                continue

    t = threading.Thread(target=accept, daemon=True)
    t.start()
    yield f"tcp://127.0.0.1:{srv.getsockname()[1]}"
    stop.set()
    t.join(2)
    for c in held:
        c.close()
    srv.close()


def test_scheduler_that_never_replies_fails_in_bounded_time(silent_listener, monkeypatch):
    pytest.importorskip("distributed")
    from worldsystem.core.errors import WorldsystemError
    from worldsystem.workflows import parallel

    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 3)
    t0 = time.monotonic()
    with pytest.raises(WorldsystemError) as err:
        parallel.map_tasks(abs, [-1, -2], scheduler=silent_listener)
    elapsed = time.monotonic() - t0
    assert elapsed < 60, elapsed  # hung for over 120 s before
    assert silent_listener in str(err.value) and err.value.field == "scheduler"


def test_scheduler_refused_names_the_address(monkeypatch):
    pytest.importorskip("distributed")
    from worldsystem.core.errors import WorldsystemError
    from worldsystem.workflows import parallel

    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 3)
    with pytest.raises(WorldsystemError, match=f"127.0.0.1:{port}"):
        parallel.map_tasks(abs, [-1, -2], scheduler=f"tcp://127.0.0.1:{port}")


def test_io_module_lists_its_formats():
    assert wio.TABLE_FORMATS == ("csv", "parquet", "json", "xlsx")


def test_position_scheduler_that_never_replies_from_the_cli(silent_listener, monkeypatch):
    pytest.importorskip("distributed")
    from typer.testing import CliRunner

    from worldsystem.cli import app
    from worldsystem.workflows import parallel

    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    monkeypatch.setattr(parallel, "CONNECT_TIMEOUT", 3)
    args = ["position", "--years", "2000-2003", "--method", "income_xr"]
    res = CliRunner().invoke(app, [*args, "--scheduler", silent_listener])
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("EXAMPLE DATA")]
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert len(lines) == 1 and silent_listener in lines[0] and "--scheduler" in lines[0]


def test_stale_temporary_folders_of_a_killed_run_are_removed(tmp_path):
    stale = tmp_path / ".r.abc123.tmp"
    stale.mkdir()
    (stale / "index.html").write_text("half")
    old = wio.STALE_SECONDS + 60
    os.utime(stale, (time.time() - old, time.time() - old))
    fresh = tmp_path / ".r.def456.tmp"  # another run writing now: left alone
    fresh.mkdir()
    with atomic_dir(tmp_path / "r", replaceable=("index.html",)) as tmp:
        (tmp / "index.html").write_text("new")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".r.def456.tmp", "r"]
