"""report/sections/polarity.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
from report_frames import trace_names, with_method

from worldsystem.report.sections import polarity as P

STATES = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF"]


def _frames(**thresholds):
    th = {
        "unipolar_share": 0.5,
        "unipolar_ratio": 2.0,
        "bipolar_share": 0.5,
        "bipolar_ratio": 1.5,
        **thresholds,
    }
    caps = pd.DataFrame(
        [
            {"iso3": s, "year": y, "cinc": (len(STATES) - i) / 21}
            for y in (2000, 2001)
            for i, s in enumerate(STATES)
        ]
    )
    table = pd.DataFrame(
        {
            "year": [2000, 2001],
            "polarity": ["bipolar", "unipolar"],
            "robustness": [0.7, 0.9],
            "leader_iso3": ["AAA", "AAA"],
            "leader_share": [0.4, 0.6],
            "second_iso3": ["BBB", "BBB"],
            "second_share": [0.3, 0.2],
            "effective_poles": [3.1, 2.2],
            "con": [0.3, 0.4],
            "among": ["majors", "majors"],
        }
    )
    return {
        "capabilities": caps,
        "polarity": with_method(table, "classify_polarity", th),
        "source": "Hand-made.",
    }


def test_rules_caption_reads_the_thresholds_of_the_table():
    out = P.present(_frames(unipolar_share=0.4, unipolar_ratio=3.0, bipolar_ratio=1.25))
    call = {f.id: f for f in out.figures}["polarity-call"]
    assert "unipolar when the leader holds at least 40% and 3 times the second" in call.caption
    assert "the top two hold at least 50% and the second has 1.25 times the third" in call.caption
    # the defaults read as the page has always said
    default = P.rules_caption(_frames()["polarity"])
    assert "at least 50% and twice the second" in default
    assert "has 1.5 times the third" in default


def test_present_figures_table_and_finding():
    out = P.present(_frames())
    figs = {f.id: f for f in out.figures}
    assert list(figs) == ["polarity-cinc", "polarity-call"]
    assert trace_names(figs["polarity-cinc"]) == STATES[:5]  # the five largest of 2001
    assert trace_names(figs["polarity-call"]) == ["unipolar", "bipolar", "multipolar"]
    assert figs["polarity-cinc"].caption.endswith("Source: Hand-made.")
    (table,) = out.tables
    assert list(table.frame.columns) == [
        "year",
        "leader_iso3",
        "leader_share",
        "second_iso3",
        "second_share",
        "effective_poles",
        "con",
        "polarity",
        "robustness",
    ]
    assert out.findings == [
        "Polarity 2001: unipolar on CINC among majors, leader AAA (60.0% of the capabilities "
        "of the major powers), robustness 0.90."
    ]
    assert "unipolar in 1 years, bipolar in 1 years, multipolar in 0 years" in out.paragraphs[0]


def test_finding_and_title_name_the_index_of_the_table():
    """The headline composite is not called CINC (the real report said 'unipolar on
    CINC' for a call on the composite)."""
    f = _frames()
    f["polarity"] = f["polarity"].assign(index="composite")
    out = P.present(f)
    assert out.findings[0].startswith("Polarity 2001: unipolar on the headline composite (")
    title = {x.id: x for x in out.figures}["polarity-call"].payload.layout.title.text
    assert "headline composite among majors" in title and "CINC" not in title
