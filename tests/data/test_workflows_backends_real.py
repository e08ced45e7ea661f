"""Every workflow runs on both backends, the example world and the real data folder,
through one code path: the same call gives frames with the same columns.

The example world is served in the layouts of the real sources
(:class:`worldsystem.workflows.backends.ExampleBackend`), so a workflow cannot tell
the two apart except by the values. The real-data half needs ``WORLDSYSTEM_DATA``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import pytest

from worldsystem import workflows as wf
from worldsystem.workflows.context import DataContext

#: name -> (years of the context per backend, the call). Short year ranges keep the
#: real-data fits quick; each range holds data on both backends.
CASES: dict[str, tuple[dict[str, tuple[int, int]], Callable[[DataContext], Any]]] = {
    "polarity": ({}, lambda c: wf.polarity(c)),
    "capabilities": ({}, lambda c: wf.capabilities(c)),
    "position": (
        {"example": (2010, 2010), "real": (2010, 2010)},
        lambda c: wf.position(c, methods=["income_xr", "cp_continuous"]),
    ),
    "ideal_points": (
        {"example": (2015, 2019), "real": (2015, 2019)},
        lambda c: wf.ideal_points(c),
    ),
    "vote_agreement": (
        {"example": (2019, 2019), "real": (2019, 2019)},
        lambda c: wf.vote_agreement(c),
    ),
    "alignment": ({"example": (2017, 2019), "real": (2017, 2019)}, lambda c: wf.alignment(c)),
    "communities": (
        {"example": (2010, 2010), "real": (2010, 2010)},
        lambda c: wf.communities(c, network="alliances"),
    ),
    "exchange": ({}, lambda c: wf.exchange(c, years=[wf.mrio_years(c)[-1]])[0]),
    "erdi": ({"example": (2010, 2012), "real": (2010, 2012)}, lambda c: wf.erdi(c)),
    "imperialism": (
        {"example": (2010, 2010), "real": (2010, 2010)},
        lambda c: wf.imperialism(c, n_draws=20),
    ),
}


@pytest.fixture(scope="module")
def contexts(real_data) -> dict[str, DataContext]:
    return {"example": DataContext(data=None), "real": DataContext(data=real_data)}


def _run(ctx: DataContext, name: str) -> pd.DataFrame:
    years, call = CASES[name]
    kind = "example" if ctx.is_example else "real"
    return call(ctx.with_years(years.get(kind)))


@pytest.mark.parametrize("name", sorted(CASES))
def test_workflow_gives_the_same_columns_on_both_backends(contexts, name):
    ex = _run(contexts["example"], name)
    real = _run(contexts["real"], name)
    assert len(ex) > 0 and len(real) > 0
    assert list(ex.columns) == list(real.columns), name
    # example results say loudly that they are example data; real ones do not
    assert ex.attrs["provenance"].is_example, name
    assert not real.attrs["provenance"].is_example, name


def test_example_capability_frame_has_the_real_panel_names(contexts):
    ex = wf.capability_frame(contexts["example"])
    real = wf.capability_frame(contexts["real"])
    # the real panel is COW-keyed (ccode); the example world is not COW-based
    assert set(ex.columns) == set(real.columns) - {"ccode"}


def test_shock_on_each_backend(contexts, tmp_path):
    """A scenario on the example table runs on either backend with the same result;
    one on the WIOD table runs on real data and is missing data on the example world."""
    demo = tmp_path / "demo.yaml"
    demo.write_text(
        "name: demo\nbase_year: 2019\ntable: example\n"
        "shocks:\n  - {kind: final_demand, region: XKR, sectors: [manufacturing], percent: -10}\n"
    )
    a = wf.shock(contexts["example"], str(demo), engine="leontief")
    b = wf.shock(contexts["real"], str(demo), engine="leontief")
    assert (a["output_change_musd"] < 0).any()
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(wf.MissingData, match="wiod2013"):
        wf.shock(contexts["example"], "nord_stream", engine="leontief")
    assert len(wf.shock(contexts["real"], "nord_stream", engine="leontief")) > 0
