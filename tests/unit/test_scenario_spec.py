"""Scenario specs: shipped scenarios parse; every error names file, line and field."""

from __future__ import annotations

import pytest

from worldsystem.core.errors import SchemaError
from worldsystem.simulate import (
    BilateralCut,
    Sanctions,
    load_scenario,
    shipped_scenarios,
)

GOOD = """\
name: demo
base_year: 2011
table: wiod2013
shocks:
  - kind: bilateral_cut
    exporter: RUS
    importer: DEU
    sectors: [c2]
    percent: 100
"""


def test_shipped_scenarios_parse():
    names = shipped_scenarios()
    assert sorted(names) == ["blockade", "nord_stream", "sanctions_2022"]
    pipe = load_scenario("nord_stream")
    (cut,) = pipe.shocks
    assert isinstance(cut, BilateralCut)
    assert (cut.exporter, cut.importer, cut.sectors, cut.percent, cut.channel) == (
        "RUS",
        "DEU",
        ("c2",),
        100.0,
        "both",
    )
    sanc = load_scenario(names["sanctions_2022"]).shocks[0]
    assert isinstance(sanc, Sanctions)
    # G7 in 2022 (worldsystem.countries), all present in WIOD; RUS on the other side.
    assert sanc.members_a == ("CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA")
    assert sanc.members_b == ("RUS",)
    assert len(sanc.cuts()) == 14 and len(sanc.sectors) == 35
    # sized from Eurostat's EU-Russia trade: 53 % (50-85 %) of every flow
    assert sanc.size.basis == "share_of_flow" and sanc.size.citation == "eurostat2023russia"
    assert (sanc.size.low, sanc.size.share, sanc.size.high, sanc.percent) == (
        0.5,
        0.53,
        0.85,
        53.0,
    )
    assert all(c.size == sanc.size for c in sanc.cuts())
    block = load_scenario("blockade").shocks[0]
    assert block.sectors == tuple(f"c{i}" for i in range(3, 17))
    # one direction only, to the other 40 regions
    assert len(block.cuts()) == 40 and all(c.exporter == "CHN" for c in block.cuts())
    for name in names:
        assert load_scenario(name).description


def test_text_and_file_give_the_same_scenario(tmp_path):
    p = tmp_path / "demo.yaml"
    p.write_text(GOOD)
    a, b = load_scenario(GOOD), load_scenario(p)
    assert a.shocks == b.shocks and b.source == "demo.yaml"


def _error(text: str, tmp_path) -> SchemaError:
    p = tmp_path / "bad.yaml"
    p.write_text(text)
    with pytest.raises(SchemaError) as info:
        load_scenario(p)
    return info.value


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "words"),
    [
        ("percent: 100", "percent: 140", 9, "shocks[0].percent", "between 0 and 100, found 140"),
        ("exporter: RUS", "exporter: URS", 6, "shocks[0].exporter", "unknown region 'URS'"),
        ("sectors: [c2]", "sectors: [c2, c99]", 8, "shocks[0].sectors", "unknown sector 'c99'"),
        ("kind: bilateral_cut", "kind: embargo", 5, "shocks[0].kind", "unknown shock kind"),
        ("    percent: 100\n", "", 5, "shocks[0].percent", "missing required field"),
        ("percent: 100", "percent: lots", 9, "shocks[0].percent", "must be a number"),
        ("base_year: 2011", "base_year: 2020", 2, "base_year", "1995-2011"),
        ("base_year: 2011", "base_year: '2011'", 2, "base_year", "must be an integer"),
        ("percent: 100", "percent: 100\n    colour: red", 10, "shocks[0].colour", "unknown field"),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, old, new, line, field, words):
    text = GOOD.replace(old, new)
    assert text != GOOD
    err = _error(text, tmp_path)
    assert err.line == line
    assert err.field == field
    assert err.file == "bad.yaml"
    msg = str(err)
    assert f"bad.yaml:{line}: field {field!r}" in msg
    assert words in msg


def test_sanctions_errors_and_groups(tmp_path):
    base = "name: s\nbase_year: 2011\nshocks:\n  - kind: sanctions\n"
    err = _error(base + "    group_a: G77\n    group_b: [RUS]\n    percent: 10\n", tmp_path)
    assert (err.line, err.field) == (5, "shocks[0].group_a") and "unknown group" in str(err)
    err = _error(base + "    group_a: G7\n    group_b: [RUS, XXX]\n    percent: 10\n", tmp_path)
    assert err.field == "shocks[0].group_b" and "'XXX'" in str(err)
    # NATO has members outside WIOD: they are skipped with a note, not an error.
    ok = load_scenario(base + "    group_a: NATO\n    group_b: RUS\n    percent: 10\n")
    s = ok.shocks[0]
    assert "ISL" not in s.members_a and "DEU" in s.members_a
    assert any("not in the table" in n for n in s.notes)


def test_sanctions_size_block(tmp_path):
    base = (
        "name: s\nbase_year: 2011\nshocks:\n  - kind: sanctions\n"
        "    group_a: G7\n    group_b: [RUS]\n"
    )
    size = "    size: {basis: share_of_flow, share: 0.5, low: 0.4, high: 0.9, citation: X}\n"
    ok = load_scenario(base + size.replace("X", "eurostat2023russia"))
    assert ok.size_uncertain and ok.shocks[0].percent == 50.0
    assert [ok.at_size(w).shocks[0].percent for w in ("low", "high")] == [40.0, 90.0]
    assert not ok.at_size("high").size_uncertain
    err = _error(base + "    percent: 10\n" + size.replace("X", "bachmann2022"), tmp_path)
    assert err.field == "shocks[0].percent" and "exactly one of" in str(err)
    err = _error(base, tmp_path)
    assert err.field == "shocks[0].percent"
    err = _error(
        base + size.replace("share_of_flow", "share_of_use").replace("X", "bachmann2022"), tmp_path
    )
    assert err.field == "shocks[0].size.basis" and "share_of_flow" in str(err)
    err = _error(base + size.replace("X", "nobody2099"), tmp_path)
    assert err.field == "shocks[0].size.citation" and "unknown citation" in str(err)


def test_final_demand_needs_exactly_one_amount(tmp_path):
    text = (
        "name: f\nbase_year: 2011\nshocks:\n  - kind: final_demand\n    region: USA\n"
        "    sectors: all\n    percent: -5\n    change_musd: -100\n"
    )
    err = _error(text, tmp_path)
    assert err.line == 7 and "exactly one" in str(err)


def test_invalid_yaml_and_missing_file(tmp_path):
    err = _error("name: x\nshocks: [\n", tmp_path)
    assert err.line is not None and "not valid YAML" in str(err)
    with pytest.raises(SchemaError, match="does not exist"):
        load_scenario(tmp_path / "nope.yaml")


def test_sector_ranges_and_engine_options():
    s = load_scenario(
        "name: r\nbase_year: 2011\nengine_options:\n  cascade: {threshold: 0.05}\n"
        "shocks:\n  - kind: capacity_loss\n    region: CHN\n    sectors: [c3-c5, c1]\n"
        "    percent: 20\n"
    )
    assert s.shocks[0].sectors == ("c3", "c4", "c5", "c1")
    assert s.engine_options == {"cascade": {"threshold": 0.05}}
    assert s.shocks[0].line == 6
