"""report/sections/overview.py and groups.py: present() on hand-made values (no data load)."""

from __future__ import annotations

import pandas as pd

from worldsystem.core.provenance import SourceRecord
from worldsystem.report.sections import groups as G
from worldsystem.report.sections import overview as O


def test_overview_on_the_example_world():
    countries = pd.DataFrame({"iso3": ["XAA", "XBB"], "zone": ["core", "periphery"]})
    out = O.present({"planted": "Zones\n=====\n\n* **A**", "countries": countries, "seed": 3})
    (rst,) = out.paragraphs[1:]
    assert rst.text == "Zones\n=====\n\n* **A**" and rst.summary  # folded, rendered rst
    assert out.tables[0].id == "example-countries"
    assert out.findings == ["Example world: 2 fictional countries (seed 3)."]


def test_overview_on_a_data_folder():
    sources = pd.DataFrame(
        {
            "source": ["a", "b"],
            "dataset": ["A", "B"],
            "version": ["1", "2"],
            "available": ["yes", "missing: b.csv"],
            "sha256": ["abc", ""],
        }
    )
    rec = SourceRecord(id="a", version="1", checksum="abc" * 20, citation="a_cite")
    out = O.present({"sources": sources, "records": [rec]})
    (table,) = out.tables
    assert table.id == "sources-table" and list(table.frame.columns) == list(sources.columns)
    assert out.provenance.source_ids == ("a",) and out.provenance.citations == ("a_cite",)
    assert out.findings == ["1 of 2 catalogue datasets are available in the data folder."]


def test_groups_map_takes_the_first_group_of_a_country():
    members = {
        "G7": ["USA", "DEU"],
        "NATO": ["USA", "DEU", "POL"],
        "BRICS": ["BRA", "CHN"],
        "SCO": ["CHN", "KAZ"],
    }
    out = G.present({"year": 2020, "members": members})
    (fig,) = out.figures
    assert dict(zip(fig.data["iso3"], fig.data["group"], strict=True)) == {
        "USA": "G7",
        "DEU": "G7",
        "POL": "NATO (not G7)",
        "BRA": "BRICS",
        "CHN": "BRICS",
        "KAZ": "SCO (not BRICS)",
    }
    labels = ["G7", "NATO (not G7)", "BRICS", "SCO (not BRICS)"]
    assert [label for label, _c in fig.payload["legend"]] == labels
    (table,) = out.tables
    # label, count and member list describe the same countries (the map's layer)
    assert table.frame["group"].tolist() == labels
    assert table.frame["iso3"].tolist() == ["USA, DEU", "POL", "BRA, CHN", "KAZ"]
    assert table.frame["members"].tolist() == [2, 1, 2, 1]
    assert table.frame["group_total"].tolist() == [2, 3, 2, 2]
    assert out.findings == ["Members in 2020: G7 2, NATO 3, BRICS 2, SCO 2."]


def test_groups_label_names_only_the_groups_that_took_members():
    members = {"G7": ["USA"], "NATO": ["POL"], "BRICS": ["CHN"], "SCO": ["CHN", "USA", "KAZ"]}
    assert G.layers(members) == [
        ("G7", "G7", ["USA"]),
        ("NATO", "NATO", ["POL"]),
        ("BRICS", "BRICS", ["CHN"]),
        ("SCO", "SCO (not BRICS, G7)", ["KAZ"]),
    ]


def test_groups_on_the_example_world():
    counts = pd.DataFrame({"bloc": ["A"], "zone": ["core"], "countries": [3]})
    out = G.present({"planted_blocs": counts})
    assert out.tables[0].id == "example-blocs" and out.figures == []
    assert G.present({"planted_blocs": None}).tables == []
