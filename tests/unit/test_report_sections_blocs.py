"""report/sections/blocs.py: its text agrees with its figures; categories are coded right."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from report_frames import trace_names, with_method

from worldsystem.report.sections import blocs as SB


@pytest.fixture(scope="module")
def example_section(example_context):
    return example_context, SB.present(SB.SECTION.gather(example_context))


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


# --------------------------------------------------------------------------- present()
ISO = ["USA", "GBR", "DEU", "JPN", "CHN", "RUS", "BRA"]
BLOC = [
    SB.US_ALIGNED,
    SB.US_ALIGNED,
    SB.US_ALIGNED,
    SB.NON_ALIGNED,
    SB.CR_ALIGNED,
    SB.CR_ALIGNED,
    SB.NON_ALIGNED,
]
AXIS = [1.0, 0.6, 0.4, 0.3, -0.1, 0.1, 0.2]


def _frames(*, threshold=0.2, show_map=True, labelled=True):
    years = [2018, 2019]
    ip = pd.DataFrame(
        {
            "iso3": ISO * 2,
            "year": np.repeat(years, len(ISO)),
            "ideal_point": np.tile(np.linspace(1, -1, len(ISO)), 2),
        }
    )
    al = ip[["iso3", "year"]].assign(
        bloc=(BLOC * 2) if labelled else None,
        axis_position=AXIS * 2,
        agree_usa=0.5,
        agree_chn=0.1,
        agree_rus=0.1,
        agree_diff=0.4,
    )
    params = {"poles": ["USA", "CHN", "RUS"], "threshold": threshold, "rule": "auto"}
    return {
        "ideal_points": ip,
        "alignment": with_method(al, "worldsystem.measures.blocs.alignment", params),
        "focus": ["USA", "CHN", "RUS", "XXX"],
        "source": "Hand-made.",
        "stand_ins": False,
        "show_map": show_map,
        "compare_group": "G7",
    }


def test_present_states_the_threshold_from_provenance():
    out = SB.present(_frames(threshold=0.2))
    figs = {f.id: f for f in out.figures}
    assert list(figs) == [
        "blocs-ideal-points",
        "blocs-map-figure",
        "blocs-membership",
        "blocs-focus",
    ]
    for fid in ("blocs-map-figure", "blocs-membership", "blocs-focus"):
        cap = figs[fid].caption
        assert "US-aligned when s > 0.2, China-Russia-aligned when s < -0.2" in cap
        assert "kappa(USA) - (kappa(CHN) + kappa(RUS))/2" in cap and "Hand-made." in cap
        assert "stand in for the US" not in cap
    # focus countries without ideal points are left out of the line chart
    assert trace_names(figs["blocs-ideal-points"]) == ["USA", "CHN", "RUS"]
    assert trace_names(figs["blocs-membership"]) == [SB.US_ALIGNED, SB.NON_ALIGNED, SB.CR_ALIGNED]
    assert "<svg" in figs["blocs-map-figure"].payload["svg"]


def test_present_counts_bins_and_g7():
    out = SB.present(_frames())
    (bins,) = out.tables
    assert list(bins.frame.columns) == ["position", "countries"]
    assert bins.frame["countries"].tolist() == [1, 2, 2, 1, 1]
    assert (
        "In 2019, by chance-corrected agreement, 3 of 7 countries were aligned with USA, "
        "2 with CHN and RUS, and 2 with neither" in out.paragraphs[0]
    )
    # GBR, DEU US-aligned, JPN not, the other G7 members have no votes here
    assert out.findings == [
        "UN voting 2019: 2 of the 3 other G7 members are aligned with the US by "
        "chance-corrected agreement; 3 of 7 countries are US-aligned, 2 China-Russia-aligned."
    ]


def test_present_without_map_and_without_labels():
    out = SB.present(_frames(show_map=False))
    assert "blocs-map-figure" not in [f.id for f in out.figures]
    out = SB.present(_frames(labelled=False))
    assert [f.id for f in out.figures] == ["blocs-ideal-points"]
    assert (
        "No session in 2018-2019 has vote agreement with all three of USA, CHN and RUS"
        in (out.paragraphs[0])
    )
