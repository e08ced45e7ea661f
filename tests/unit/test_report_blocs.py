"""The blocs report section: its text agrees with its figures; categories are coded right."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from worldsystem.report import sections_blocs as SB
from worldsystem.report.context import resolve_context


@pytest.fixture(scope="module")
def example_section():
    import os

    old = os.environ.pop("WORLDSYSTEM_DATA", None)
    try:
        ctx = resolve_context(None)
        return ctx, SB.blocs_section(ctx)
    finally:
        if old is not None:
            os.environ["WORLDSYSTEM_DATA"] = old


def test_paragraph_counts_match_the_membership_figure(example_section):
    ctx, out = example_section
    counts = {f.id: f for f in out.figures}["blocs-membership"].data.set_index("year")
    year = int(counts.index.max())
    text = out.paragraphs[-1]
    m = re.search(
        rf"In {year}, by chance-corrected agreement, (\d+) of (\d+) countries were aligned "
        r"with \w+, (\d+) with \w+ and \w+, and (\d+) with neither",
        text,
    )
    assert m, text
    us, n, cr, na = (int(g) for g in m.groups())
    row = counts.loc[year]
    assert (us, cr, na) == (row[SB.US_ALIGNED], row[SB.CR_ALIGNED], row[SB.NON_ALIGNED])
    assert n == us + cr + na
    # the example world names its poles, not the real powers
    leaders = ctx.example.truth.bloc_leaders
    fig = {f.id: f for f in out.figures}["blocs-focus"]
    assert leaders["A"] in fig.caption and "stand in for the US" in fig.caption


def test_focus_heatmap_codes_and_hover():
    al = pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "ZAF", "USA", "CHN"],
            "year": [2000, 2000, 2000, 2001, 2001],
            "bloc": [SB.US_ALIGNED, SB.CR_ALIGNED, None, SB.US_ALIGNED, SB.NON_ALIGNED],
        }
    )
    fig = SB._membership_of_focus(al, ["USA", "CHN", "ZAF"], "rule", "source")
    trace = fig.payload.data[0]
    z = np.array(trace.z, dtype=float)
    # rows USA, CHN, ZAF; columns 2000, 2001
    np.testing.assert_array_equal(z[0], [1, 1])
    np.testing.assert_array_equal(z[1], [-1, 0])
    assert np.isnan(z[2]).all()
    hover = trace.customdata
    assert hover[2][0] == SB.NO_POLE  # voted in 2000, no agreement with a pole
    assert hover[2][1] == "no votes"  # absent in 2001
    assert hover[0][0] == SB.US_ALIGNED


def test_no_labelled_year():
    al = pd.DataFrame({"iso3": ["USA", "GBR"], "year": [1965, 1965], "bloc": [None, None]})
    assert SB.latest_labelled_year(al) is None
    al.loc[1, "bloc"] = SB.NON_ALIGNED
    assert SB.latest_labelled_year(al) == 1965
