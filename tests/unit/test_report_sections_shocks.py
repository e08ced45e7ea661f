"""report/sections/shocks.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
import pytest
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
    lead, ces, items = out.paragraphs[:3]
    assert lead.endswith("They bound rather than forecast.") and "CES" in ces
    assert items.text == "* **leontief**: demand.\n* **ghosh**: supply.\n"
    figs = {f.id: f for f in out.figures}
    assert list(figs) == ["shock-nord_stream-engines", "shock-nord_stream-map-figure"]
    assert trace_names(figs["shock-nord_stream-engines"]) == list(ENGINES)
    assert figs["shock-nord_stream-engines"].caption == (
        "The nord_stream scenario. Base year 2011; worldsystem.simulate. "
        "Countries: each engine's largest losers in turn (every engine's largest loss, "
        "then every engine's second largest, ...) until 10, so every engine's own top "
        "losers are shown whatever the other engines' scale."
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
    # no source in the provenance: the label falls back to the scenario's base year
    assert out.findings[0].startswith(
        "Pipeline cut (table 2011): Germany loses, as a share of its GDP, 2.00% (ghosh)"
    )
    assert [m.name for m in out.provenance.methods] == ["shock.nord_stream"]


def test_present_shows_the_ces_interval_beside_bachmann():
    sc = _scenario("nord_stream")
    sc["ces"] = [
        {
            "iso3": "DEU",
            "products": "c2",
            "lambda_low": 0.02,
            "lambda": 0.02,
            "lambda_high": 0.02,
            "lambda_table": 0.0105,
            "c_low": 0.08,
            "c": 0.08,
            "c_high": 0.08,
            "loss_low": 0.00104,
            "loss": 0.0013,
            "loss_high": 0.00271,
            "sizing": "sized from a quantity: shortfall 8.0% [bachmann2022, abstract]",
        }
    ]
    sc["ces_params"] = {"sigma_low": 0.04, "sigma": 0.1, "sigma_high": 0.2}
    frames = {"assumptions": {}, "engines": ENGINES, "scenarios": [sc]}
    out = S.present(frames)
    tables = {t.id: t for t in out.tables}
    ces = tables["shock-nord_stream-ces"]
    # fractions shown as percentages, the unit in the column name
    assert ces.frame["loss_high_pct_gdp"].tolist() == [pytest.approx(0.271)]
    assert ces.frame["cost_share_pct_gdp"].tolist() == [pytest.approx(2.0)]
    assert ces.frame["table_use_pct_gdp"].tolist() == [pytest.approx(1.05)]
    assert "Bachmann et al. 2022" in ces.caption
    assert "high loss at sigma 0.04, the high shortfall and the high cost share" in ces.caption
    f = out.findings[0]
    assert (
        "with CES substitution 0.10%-0.27% (central 0.13% at sigma 0.1 and a shortfall of "
        "8.0% of c2 use, cost share 2.00% of GDP (cited; the table's 1.05%); interval "
        "over sigma 0.04-0.2 and shortfall 8.0%-8.0%; "
        "sizing: cited quantity (Bachmann et al. (2022); see the CES table))" in f
    )
    # the published figures beside it: headline, Baqaee-Farhi model, pessimistic case
    assert "0.5-3%" in f and "0.16-0.30%" in f and "2-2.5%" in f
    assert "0.16-0.30%" in ces.caption


def test_finding_names_the_table_read_from_provenance():
    """The finding names the table and year the run recorded, not a fixed 'WIOD 2011'."""
    from worldsystem.core.provenance import Provenance, SourceRecord, attach

    sc = _scenario("nord_stream")
    prov = Provenance(sources=(SourceRecord(id="wiod2013", version="2013"),)).with_method(
        "workflows.shock", {"mrio": None, "year": 2009}
    )
    attach(sc["results"], prov)
    out = S.present({"assumptions": {}, "engines": ENGINES, "scenarios": [sc]})
    assert out.findings[0].startswith("Pipeline cut (wiod2013 2009): Germany loses")
    assert "WIOD 2011" not in out.findings[0]


def test_every_engine_states_its_question():
    """docs and report say for each engine what question it answers."""
    import worldsystem.simulate as sim

    assert set(sim.QUESTIONS) == set(sim.ASSUMPTIONS) == {*sim.ENGINES, "ces"}
    assert all(q.rstrip(")").count("?") >= 1 for q in sim.QUESTIONS.values())
    frames = {
        "assumptions": {"leontief": "demand."},
        "questions": {"leontief": "Who loses sales?", "ces": "How much with sigma?"},
        "engines": ENGINES,
        "scenarios": [_scenario("blockade")],
    }
    out = S.present(frames)
    texts = [getattr(p, "text", p) for p in out.paragraphs]
    assert "What each engine answers:" in texts
    assert "* **leontief**: Who loses sales?\n* **ces**: How much with sigma?\n" in texts


def test_small_losses_keep_a_significant_digit():
    """Leontief's 4.4e-6 of GDP on the pipeline reads 0.0004%, not 0.00%."""
    assert S._pct(4.38e-6) == "0.0004%"
    assert S._pct(0.009562) == "0.96%"
    assert S._pct(0.0) == "0.00%"


def test_engine_bars_carry_the_size_range_as_whiskers():
    sc = _scenario("sanctions")
    summ = sc["summary"]
    summ["gdp_share_lost_low"] = summ["gdp_share_lost"] * 0.5
    summ["gdp_share_lost_high"] = summ["gdp_share_lost"] * 2.0
    sc["sizing"] = ["sized from observed trade: 53.0% (range 50.0%-85.0%) of the bilateral flow"]
    out = S.present({"assumptions": {"ghosh": "supply."}, "engines": ENGINES, "scenarios": [sc]})
    fig = next(f for f in out.figures if f.id == "shock-sanctions-engines")
    (leo, _gho) = fig.payload.data
    # DEU leontief: 1 % of GDP, range 0.5-2 %: whiskers 1 % up and 0.5 % down
    assert leo.x[0] == "DEU" and leo.y[0] == pytest.approx(1.0)
    assert leo.error_y.array[0] == pytest.approx(1.0)
    assert leo.error_y.arrayminus[0] == pytest.approx(0.5)
    assert "Size: sized from observed trade: 53.0%" in fig.caption
    assert "Whiskers: the loss at the low and the high cited size" in fig.caption
    # the figure's data keep the range
    assert {"gdp_share_lost_low", "gdp_share_lost_high"} <= set(fig.data.columns)


def test_most_affected_shows_each_engines_largest_losers():
    """One engine's losses are ten times the other's: ranking by the largest loss
    across engines would pick A, B, C (inoperability's order) and leave out Z, the
    largest Leontief loser. In turn: inop A, leontief Z, inop B, leontief Y."""
    by_engine = pd.DataFrame(
        {
            "leontief": [0.001, 0.002, 0.003, 0.05, 0.04],
            "inoperability": [0.30, 0.25, 0.20, 0.12, 0.0],
        },
        index=["A", "B", "C", "Z", "Y"],
    )
    assert S.most_affected(by_engine, ("inoperability", "leontief"), n=4) == [
        "A",
        "Z",
        "B",
        "Y",
    ]
    assert S.most_affected(by_engine, ("leontief", "inoperability"), n=3) == ["Z", "A", "Y"]
    # only positive losses count; ties go to the first ISO3 code
    tied = pd.DataFrame({"leontief": [0.0, 0.01, 0.01]}, index=["C", "B", "A"])
    assert S.most_affected(tied, ("leontief",), n=3) == ["A", "B"]


def test_engine_chart_keeps_the_smaller_engines_top_loser():
    sc = _scenario("blockade")
    rows = [("CHN", "leontief", 0.18), ("CHN", "ghosh", 0.004)]
    rows += [(f"X{k:02d}", "ghosh", 0.30 - k / 100) for k in range(12)]
    rows += [(f"X{k:02d}", "leontief", 0.001) for k in range(12)]
    sc["summary"] = pd.DataFrame(rows, columns=["iso3", "engine", "gdp_share_lost"])
    frames = {"assumptions": {"leontief": "d.", "ghosh": "s."}, "engines": ENGINES}
    out = S.present({**frames, "scenarios": [sc]})
    fig = next(f for f in out.figures if f.id == "shock-blockade-engines")
    assert list(fig.payload.data[0].x)[:2] == ["CHN", "X00"]  # leontief first
    assert "CHN" in set(fig.data["iso3"]) and len(set(fig.data["iso3"])) == 10


def test_caption_says_which_sizes_the_table_flow_caps():
    sc = _scenario("nord_stream")
    summ = sc["summary"]
    summ["gdp_share_lost_low"] = summ["gdp_share_lost"] * 0.5
    summ["gdp_share_lost_high"] = summ["gdp_share_lost"]
    sc["sizing"] = ["sized from a quantity: shortfall 8.0% (range 5.0%-10.0%)"]
    rec = {"cut": "RUS->DEU B", "fraction": 1.0}
    sc["results"].attrs["sizing"] = {
        "central": [{**rec, "capped": True}],
        "low": [{**rec, "capped": False, "fraction": 0.7}],
        "high": [{**rec, "capped": True}],
    }
    out = S.present({"assumptions": {"ghosh": "supply."}, "engines": ENGINES, "scenarios": [sc]})
    fig = next(f for f in out.figures if f.id == "shock-nord_stream-engines")
    assert (
        "The central and the high sizes of the RUS->DEU B cut exceed the table's bilateral "
        "flow: the fixed-coefficient engines cut 100% of that flow there, so their central "
        "and high losses are equal." in fig.caption
    )
    # nothing capped: no such sentence
    sc["results"].attrs["sizing"] = {"central": [{**rec, "capped": False}]}
    out = S.present({"assumptions": {"ghosh": "supply."}, "engines": ENGINES, "scenarios": [sc]})
    fig = next(f for f in out.figures if f.id == "shock-nord_stream-engines")
    assert "bilateral flow" not in fig.caption
