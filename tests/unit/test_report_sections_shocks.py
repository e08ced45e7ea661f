"""report/sections/shocks.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
from report_frames import trace_names, with_method

from worldsystem.report.sections import shocks as S

ENGINES = ("leontief", "ghosh")


def _scenario(name):
    summary = pd.DataFrame(
        [
            {"iso3": i, "engine": e, "gdp_share_lost": loss * (1 + k)}
            for k, e in enumerate(ENGINES)
            for i, loss in (("DEU", 0.01), ("POL", 0.002), ("FRA", 0.0))
        ]
    )
    results = pd.DataFrame(
        {
            "iso3": ["DEU", "DEU", "POL"],
            "sector": ["C20", "D35", "C20"],
            "engine": "ghosh",
            "output_change_musd": [-10.0, -30.0, -1.0],
            "value_added_change_musd": [-4.0, -12.0, -0.5],
        }
    )
    return {
        "name": name,
        "description": f"The {name} scenario.",
        "base_year": 2011,
        "results": with_method(results, f"shock.{name}", {}),
        "summary": summary,
    }


def test_present_one_scenario():
    frames = {
        "assumptions": {"leontief": "demand.", "ghosh": "supply."},
        "engines": (*ENGINES, "cascade"),
        "scenarios": [_scenario("nord_stream")],
    }
    out = S.present(frames)
    # what the engines share is said once; each engine then gets its own line
    lead, items = out.paragraphs[:2]
    assert lead.endswith("They bound rather than forecast.")
    assert items.text == "* **leontief**: demand.\n* **ghosh**: supply.\n"
    figs = {f.id: f for f in out.figures}
    assert list(figs) == ["shock-nord_stream-engines", "shock-nord_stream-map-figure"]
    assert trace_names(figs["shock-nord_stream-engines"]) == list(ENGINES)
    assert figs["shock-nord_stream-engines"].caption == (
        "The nord_stream scenario. Base year 2011; worldsystem.simulate."
    )
    svg = figs["shock-nord_stream-map-figure"].payload
    assert svg["legend"][0][0] == "no loss"
    (sectors,) = out.tables
    assert sectors.frame["sector"].tolist() == ["D35", "C20", "C20"]  # largest loss first
    assert list(sectors.frame.columns) == [
        "iso3",
        "sector",
        "output_change_musd",
        "value_added_change_musd",
    ]
    assert out.findings[0].startswith("Pipeline cut (WIOD 2011): Germany loses 2.00% (ghosh)")
    assert [m.name for m in out.provenance.methods] == ["shock.nord_stream"]
