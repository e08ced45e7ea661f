"""Year batches: chunking, scheduler names, and identical results on a Dask LocalCluster."""

from __future__ import annotations

import pandas as pd
import pytest

from worldsystem import workflows
from worldsystem.core.errors import WorldsystemError
from worldsystem.workflows import parallel
from worldsystem.workflows.context import resolve_context


def test_chunks_are_contiguous_and_cover_everything():
    assert parallel.chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4], [5, 6]]
    assert parallel.chunks([1, 2], 5) == [[1], [2]]
    assert parallel.chunks([], 3) == []


def test_unknown_scheduler_names_the_value():
    with pytest.raises(WorldsystemError) as err:
        parallel.check_scheduler("threads")
    assert err.value.field == "scheduler" and err.value.value == "threads"
    assert parallel.check_scheduler("none") is None
    assert parallel.check_scheduler("tcp://127.0.0.1:8786") == "tcp://127.0.0.1:8786"
    with pytest.raises(WorldsystemError):
        parallel.check_scheduler(3)


def _square(x, *, offset):
    return x * x + offset


def test_map_tasks_in_process_keeps_order():
    assert parallel.map_tasks(_square, [3, 1, 2], shared={"offset": 1}) == [10, 2, 5]


@pytest.mark.slow
def test_position_on_local_dask_cluster_equals_in_process(monkeypatch):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    ctx = resolve_context(None)
    years = [2000, 2001, 2002, 2003, 2004]
    methods = ["income_xr", "cp_continuous", "blockmodel_rege"]
    a = workflows.position(ctx, methods=methods, years=years)
    b = workflows.position(ctx, methods=methods, years=years, scheduler="local")
    assert set(b["year"]) == set(years)
    pd.testing.assert_frame_equal(a, b)
    assert a.attrs == b.attrs  # provenance and units too
    # no years, or one: nothing to split, same answer as in process
    empty = workflows.position(ctx, methods=methods, years=[], scheduler="local")
    assert empty.empty and list(empty.columns) == list(a.columns)
