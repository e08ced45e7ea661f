"""Hand-computed imperialism indicators on a three-country world (A, B, C; year 2000).

GDP (million USD): A 600, B 300, C 100 -> shares 0.6, 0.3, 0.1.
FDI % GDP: out A 4, B 1, C 0; in A 2, B 2, C 3 -> ratio A 2, B 0.5, C missing
(out = 0), net A 2, B -1, C -3.
Milex: A 50, B 30, C 20 -> 0.5, 0.3, 0.2. Warheads: A 90, B 10, C missing -> 0
(FAS covers all nuclear states) -> 0.9, 0.1, 0.
Trade as in test_dependence: X+M A 45, B 20, C 35 of 100 -> 0.45, 0.20, 0.35;
principal supplier counts A 2, B 0, C 1.
Arms TIV: A->B 10, A->C 5, B->C 5, non-state supplier -> C 5: world 25;
A 15/25 = 0.6, B 5/25 = 0.2, C 0; recipients A 2, B 1, C 0.
UCDP: conflict 1 interstate (A side a, B side b); conflict 2 internationalised
intrastate (C government side a, A secondary a_2nd); conflict 3 intrastate (B side a).
Conflicts abroad: A 2 (1 and 2), B 1 (1), C 0.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.measures import imperialism as imp


@pytest.fixture
def cy():
    return pd.DataFrame(
        {
            "iso3": ["A", "B", "C"],
            "year": 2000,
            "gdp_usd": [600.0, 300.0, 100.0],
            "fdi_out_pct_gdp": [4.0, 1.0, 0.0],
            "fdi_in_pct_gdp": [2.0, 2.0, 3.0],
            "milex_usd": [50.0, 30.0, 20.0],
            "warheads": [90.0, 10.0, np.nan],
        }
    )


@pytest.fixture
def trade():
    rows = [
        ("A", "B", 10),
        ("A", "C", 20),
        ("B", "A", 5),
        ("B", "C", 5),
        ("C", "A", 10),
        ("C", "B", 0),
    ]
    return pd.DataFrame(rows, columns=["iso3_o", "iso3_d", "flow_musd_current"]).assign(year=2000)


@pytest.fixture
def arms():
    return pd.DataFrame(
        {
            "iso3_o": ["A", "A", "B", None],
            "iso3_d": ["B", "C", "C", "C"],
            "year": 2000,
            "tiv_millions": [10.0, 5.0, 5.0, 5.0],
        }
    )


@pytest.fixture
def participants():
    return pd.DataFrame(
        {
            "conflict_id": [1, 1, 2, 2, 3],
            "year": 2000,
            "side": ["a", "b", "a", "a_2nd", "a"],
            "iso3": ["A", "B", "C", "A", "B"],
            "type_of_conflict": [2, 2, 4, 4, 3],
        }
    )


@pytest.fixture
def table(cy, trade, arms, participants):
    return imp.indicator_table(cy, trade=trade, arms=arms, participants=participants, fdi_window=1)


def _val(table, indicator):
    t = table.loc[table["indicator"] == indicator].set_index("iso3")
    return t["value"], t["rank"]


def test_registry_is_consistent():
    ids = [i.id for i in imp.indicators()]
    assert len(ids) == len(set(ids))
    for i in imp.indicators():
        assert i.feature in imp.FEATURES
        assert i.direction in (-1, 0, 1)
        assert i.citation
        assert i.supported == (i.needs == "")
    # all five of Lenin's features appear, monopoly and finance capital only as needs
    feats = {i.feature for i in imp.indicators()}
    assert set(imp.FEATURES) <= feats
    assert not any(i.supported for i in imp.indicators(feature="monopoly"))
    assert (
        imp.get_indicator("forbes_profit_share")
        .status()
        .startswith("not supported by the bundled data: needs Forbes Global 2000")
    )
    assert set(imp.DEFAULT_WEIGHTS) <= set(ids)
    assert len(imp.registry_table()) == len(ids)
    with pytest.raises(WorldsystemError):
        imp.get_indicator("nope")


def test_capital_export(cy):
    c = imp.capital_export(cy, window=1).set_index("iso3")
    assert c.loc["A", "fdi_out_in_ratio"] == 2.0
    assert c.loc["B", "fdi_out_in_ratio"] == 0.5
    assert np.isnan(c.loc["C", "fdi_out_in_ratio"])  # outflow 0: ratio undefined
    assert c["fdi_net_out_pct_gdp"].tolist() == [2.0, -1.0, -3.0]


def test_capital_export_with_drain(cy):
    drain = pd.DataFrame({"iso3": ["A", "C"], "year": 2000, "net_appropriation": [7.0, -7.0]})
    c = imp.capital_export(cy, drain=drain, window=1).set_index("iso3")["net_appropriation"]
    assert c["A"] == 7.0 and c["C"] == -7.0 and np.isnan(c["B"])


def test_economic_weight(table):
    v, r = _val(table, "gdp_share_world")
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.6, 0.3, 0.1])
    assert r.loc[["A", "B", "C"]].tolist() == [1, 2, 3]
    v, r = _val(table, "trade_share_world")
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.45, 0.20, 0.35])
    assert r.loc[["A", "B", "C"]].tolist() == [1, 3, 2]
    v, _ = _val(table, "principal_supplier_count")
    assert v.loc[["A", "B", "C"]].tolist() == [2.0, 0.0, 1.0]
    v, r = _val(table, "trade_openness")  # no direction: not ranked
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.075, 20 / 300, 0.35])
    assert r.isna().all()
    v, r = _val(table, "supplier_hhi")  # direction -1: least concentrated ranks first
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [5 / 9, 1.0, 0.68])
    assert r.loc[["A", "B", "C"]].tolist() == [1, 3, 2]


def test_military_reach(table):
    v, r = _val(table, "milex_share_world")
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.5, 0.3, 0.2])
    v, r = _val(table, "warhead_share_world")
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.9, 0.1, 0.0])
    v, r = _val(table, "arms_export_share_world")
    np.testing.assert_allclose(v.loc[["A", "B", "C"]], [0.6, 0.2, 0.0])
    assert r.loc[["A", "B", "C"]].tolist() == [1, 2, 3]
    v, r = _val(table, "arms_recipients")
    assert v.loc[["A", "B", "C"]].tolist() == [2.0, 1.0, 0.0]
    assert r.loc[["A", "B", "C"]].tolist() == [1, 2, 3]
    v, _ = _val(table, "conflicts_abroad")
    assert v.loc[["A", "B", "C"]].tolist() == [2.0, 1.0, 0.0]


def test_warheads_missing_kept_when_asked(cy):
    m = imp.military_reach(cy, warheads_missing_as_zero=False).set_index("iso3")
    assert np.isnan(m.loc["C", "warhead_share_world"])
    np.testing.assert_allclose(m.loc[["A", "B"], "warhead_share_world"], [0.9, 0.1])


def test_rank_ties_share_best_rank(table):
    # fdi_in (direction -1): A 2, B 2, C 3 -> A and B tie at rank 1, C rank 3
    _, r = _val(table, "fdi_in_pct_gdp")
    assert r.loc[["A", "B", "C"]].tolist() == [1, 1, 3]


def test_missing_value_status_and_no_rank(cy):
    t = imp.indicator_table(cy.assign(milex_usd=[50.0, np.nan, 20.0]), fdi_window=1)
    m = t.loc[t["indicator"] == "milex_share_world"].set_index("iso3")
    assert m.loc["B", "status"] == "missing" and pd.isna(m.loc["B", "rank"])
    # shares over countries with data: 50/70, 20/70
    assert m.loc["A", "value"] == pytest.approx(50 / 70)
    assert m.loc["C", "rank"] == 2


def test_unsupported_indicators_appear_as_such(table):
    u = table.loc[table["indicator"].isin([i.id for i in imp.indicators(supported=False)])]
    assert set(u["indicator"]) == {i.id for i in imp.indicators(supported=False)}
    assert len(u) == 3 * len(imp.indicators(supported=False))
    assert u["value"].isna().all() and u["rank"].isna().all()
    assert u["status"].str.startswith("not supported by the bundled data: needs ").all()
    assert set(u["feature"]) >= {"monopoly", "finance_capital", "division_among_associations"}


def test_include_unsupported_false_and_notes(cy):
    t = imp.indicator_table(cy, include_unsupported=False, fdi_window=1)
    assert (t["status"].isin(["ok", "missing"])).all()
    notes = prov.get(t).notes
    assert any("trade indicators omitted" in n for n in notes)


def test_us_only_indicators():
    cy = pd.DataFrame({"iso3": ["USA", "FRA"], "year": [2015, 2015], "milex_usd": [600.0, 50]})
    troops = pd.DataFrame(
        {
            "iso3": ["DEU", "JPN", "USA", "DEU"],
            "year": [2015, 2015, 2015, 2014],
            "troops_ad": [35000.0, 45000.0, 1_000_000.0, 40000.0],
        }
    )
    bases = pd.DataFrame({"iso3": ["DEU", "DEU", "JPN", None, "USA"]})
    t = imp.indicator_table(cy, us_troops=troops, us_bases=bases, fdi_window=1)
    tr = t.loc[t["indicator"] == "us_troops_abroad"].set_index("iso3")
    # troops abroad exclude those at home: 35,000 + 45,000
    assert tr.loc["USA", "value"] == 80000.0 and tr.loc["USA", "rank"] == 1
    assert np.isnan(tr.loc["FRA", "value"])
    assert tr.loc["FRA", "status"].startswith("not covered")
    assert "other states' troops and bases abroad" in tr.loc["FRA", "status"]
    b = t.loc[t["indicator"] == "us_bases_abroad"].set_index("iso3")
    # 4 sites outside the US (one with unknown host counts: it is not in the US)
    assert b.loc["USA", "value"] == 4.0


def test_schema_errors(cy):
    with pytest.raises(SchemaError):
        imp.indicator_table(pd.concat([cy, cy]))
    with pytest.raises(SchemaError):
        imp.capital_export(cy.drop(columns=["fdi_out_pct_gdp"]))
    with pytest.raises(SchemaError):
        imp.indicator_table(cy.assign(iso3=["A", None, "C"]))


# ----------------------------------------------------------------------------- composite

W2 = {"milex_share_world": 1.0, "fdi_in_pct_gdp": 1.0}


def test_composite_rank_normalisation(table):
    # rank scores (n - r)/(n - 1): milex A 1, B .5, C 0; fdi_in (ties A, B at 1) A 1, B 1, C 0
    c = imp.composite(table, weights=W2).set_index("iso3")
    np.testing.assert_allclose(c.loc[["A", "B", "C"], "composite"], [1.0, 0.75, 0.0])
    assert c.loc[["A", "B", "C"], "rank"].tolist() == [1, 2, 3]


def test_composite_minmax_and_zscore(table):
    # minmax milex (v - .2)/.3: 1, 1/3, 0; fdi_in -v: -2, -2, -3 -> 1, 1, 0
    c = imp.composite(table, weights=W2, normalise="minmax").set_index("iso3")["composite"]
    np.testing.assert_allclose(c.loc[["A", "B", "C"]], [1.0, 2 / 3, 0.0])
    # zscore milex (mean 1/3, pop. sd 0.124722): 1.336306, -0.267261, -1.069045
    # fdi_in -v (mean -7/3, sd 0.471405): 0.707107, 0.707107, -1.414214
    c = imp.composite(table, weights=W2, normalise="zscore").set_index("iso3")["composite"]
    np.testing.assert_allclose(
        c.loc[["A", "B", "C"]],
        [(1.336306 + 0.707107) / 2, (-0.267261 + 0.707107) / 2, (-1.069045 - 1.414214) / 2],
        atol=1e-6,
    )


def test_composite_weights_are_arguments(table):
    # all weight on fdi_in: A and B tie at 1
    c = imp.composite(table, weights={"fdi_in_pct_gdp": 1.0, "milex_share_world": 0.0})
    assert c.set_index("iso3")["rank"].loc[["A", "B", "C"]].tolist() == [1, 1, 3]
    with pytest.raises(WorldsystemError, match="no imperialist direction"):
        imp.composite(table, weights={"trade_openness": 1.0})
    with pytest.raises(WorldsystemError, match="not supported"):
        imp.composite(table, weights={"forbes_profit_share": 1.0})
    with pytest.raises(WorldsystemError, match="non-negative"):
        imp.composite(table, weights={"milex_share_world": -1.0})


def test_composite_missing_indicators(cy):
    t = imp.indicator_table(cy.assign(milex_usd=[50.0, 30.0, np.nan]), fdi_window=1)
    # C lacks milex: with min_indicators=1 its composite is its fdi_in score alone (0)
    c = imp.composite(t, weights=W2, min_indicators=1).set_index("iso3")
    assert c.loc["C", "n_indicators"] == 1 and c.loc["C", "composite"] == 0.0
    # milex now over A, B only: scores 1, 0 -> A (1+1)/2 = 1, B (0+1)/2 = .5
    assert c.loc["B", "composite"] == pytest.approx(0.5)
    c2 = imp.composite(t, weights=W2, min_indicators=2).set_index("iso3")
    assert np.isnan(c2.loc["C", "composite"]) and pd.isna(c2.loc["C", "rank"])
    with pytest.raises(WorldsystemError):
        imp.composite(t, weights=W2, min_indicators=3)


def test_default_composite_uses_available_default_weights(table):
    c = imp.composite(table)
    m = prov.get(c).methods[-1].to_dict()["params"]["weights"]
    assert {k for k, _ in m} == set(imp.DEFAULT_WEIGHTS)
    assert c.set_index("iso3").loc["A", "rank"] == 1


# ----------------------------------------------------------------------------- sensitivity


def test_sensitivity_one_indicator_is_certain(table):
    s = imp.rank_sensitivity(table, weights={"milex_share_world": 1}, n_draws=20).set_index("iso3")
    assert s["p_top1"].to_dict() == {"A": 1.0, "B": 0.0, "C": 0.0}
    assert (s["rank_lo"] == s["rank_hi"]).all()


def test_sensitivity_deterministic_and_pure(table):
    state = np.random.get_state()[1].copy()  # noqa: NPY002
    a = imp.rank_sensitivity(table, n_draws=50, seed=3)
    b = imp.rank_sensitivity(table, n_draws=50, seed=3)
    pd.testing.assert_frame_equal(a, b)
    assert (np.random.get_state()[1] == state).all()  # noqa: NPY002


def test_sensitivity_weights_matter():
    # Two indicators; rank scores x1: A 1, B .5, C 0 and x2: A .5, B 0, C 1.
    # With weight w on x1: A = .5 + .5w, B = .5w, C = 1 - w, so A leads iff w > 1/3.
    # Equal weights: A .75 first. Under Dirichlet(1, 1), w ~ U(0, 1): P(A first) = 2/3.
    t = pd.DataFrame(
        {
            "iso3": ["A", "B", "C"] * 2,
            "year": 2000,
            "indicator": ["milex_share_world"] * 3 + ["gdp_share_world"] * 3,
            "value": [3.0, 2.0, 1.0, 2.0, 1.0, 3.0],
        }
    )
    w = {"milex_share_world": 1, "gdp_share_world": 1}
    s = imp.rank_sensitivity(t, weights=w, n_draws=1000, seed=0).set_index("iso3")
    assert s.loc["A", "rank_fixed"] == 1 and s.loc["C", "rank_fixed"] == 2
    assert s.loc["A", "p_top1"] == pytest.approx(2 / 3, abs=0.06)
    assert s.loc["C", "p_top1"] == pytest.approx(1 / 3, abs=0.06)
    assert s.loc["B", "p_top1"] == 0.0
    assert (s.loc["A", "rank_lo"], s.loc["A", "rank_hi"]) == (1, 2)


def test_sensitivity_argument_errors(table):
    for kw in ({"n_draws": 0}, {"alpha": 0.0}, {"ci": 0.0}, {"ci": 1.5}):
        with pytest.raises(WorldsystemError):
            imp.rank_sensitivity(table, **kw)


_DIRECTED = ["milex_share_world", "fdi_in_pct_gdp", "arms_recipients", "gdp_share_world"]


@st.composite
def _tables(draw):
    n = draw(st.integers(2, 7))
    k = draw(st.integers(1, 4))
    years = draw(st.integers(1, 2))
    vals = st.one_of(st.none(), st.integers(0, 5).map(float))
    rows = []
    for y in range(years):
        for i in range(n):
            for ind in _DIRECTED[:k]:
                rows.append((f"C{i}", 2000 + y, ind, draw(vals)))
    t = pd.DataFrame(rows, columns=["iso3", "year", "indicator", "value"])
    t["value"] = t["value"].astype("float64")
    w = {ind: draw(st.floats(0.1, 5.0)) for ind in _DIRECTED[:k]}
    return t, w


@settings(max_examples=40, deadline=None)
@given(_tables(), st.sampled_from(["rank", "minmax", "zscore"]), st.integers(0, 2**31 - 1))
def test_property_rank_interval_contains_fixed_rank(tw, normalise, seed):
    t, w = tw
    comp = imp.composite(t, weights=w, normalise=normalise, min_indicators=1)
    s = imp.rank_sensitivity(
        t, weights=w, normalise=normalise, n_draws=30, seed=seed, ci=1.0, min_indicators=1
    )
    assert s["fixed_in_interval"].all()
    assert (s["rank_lo"] <= s["rank_median"]).all() and (s["rank_median"] <= s["rank_hi"]).all()
    ranked = comp.dropna(subset=["rank"])
    m = ranked.merge(s, on=["iso3", "year"], how="outer", indicator=True)
    assert (m["_merge"] == "both").all()
    assert (m["rank"].astype("int64") == m["rank_fixed"]).all()
    # ranks lie in 1..n_ranked of the year
    n_year = ranked.groupby("year")["iso3"].transform("size")
    assert (ranked["rank"] <= n_year).all()


def test_capital_export_five_year_mean():
    """The default is the mean of the five years to t (at least three with data):
    one year's disinvestment does not flip a capital exporter."""
    cy = pd.DataFrame(
        {
            "iso3": "A",
            "year": range(2000, 2006),
            "fdi_out_pct_gdp": [4.0, 4.0, 4.0, 4.0, -6.0, np.nan],
            "fdi_in_pct_gdp": 1.0,
        }
    )
    c = imp.capital_export(cy).set_index("year")["fdi_net_out_pct_gdp"]
    assert np.isnan(c[2000]) and np.isnan(c[2001])  # fewer than three years
    assert c[2002] == pytest.approx(3.0)
    assert c[2004] == pytest.approx((16.0 - 6.0) / 5 - 1.0)  # 1.0, not -7.0
    assert c[2005] == pytest.approx((12.0 - 6.0) / 4 - 1.0)  # 2001-2004 with data
    with pytest.raises(SchemaError):
        imp.capital_export(cy, window=0)


def test_years_outside_the_data_name_the_years_and_the_coverage(cy):
    """Years with no row of cy: one clear error with the years asked and those covered."""
    with pytest.raises(WorldsystemError, match="no data in years 2030-2030") as e:
        imp.indicator_table(cy, years=[2030])
    assert e.value.field == "years" and e.value.value == "2030-2030"
    assert e.value.hint == "the data covers 2000-2000"
    # the trailing mean of an empty frame is empty, not a crash
    assert len(imp.capital_export(cy.iloc[:0])) == 0


def test_one_year_selection_reads_the_years_its_fdi_means_need():
    """years=[2004] with the five-year FDI mean: the mean over 2000-2004, as on the
    whole panel, not a one-year frame too short for the mean (at least three years)."""
    cy = pd.DataFrame(
        {
            "iso3": np.repeat(["A", "B"], 5),
            "year": list(range(2000, 2005)) * 2,
            "gdp_usd": 100.0,
            "fdi_out_pct_gdp": [4.0, 4.0, 4.0, 4.0, -6.0, 1.0, 1.0, 1.0, 1.0, 1.0],
            "fdi_in_pct_gdp": 1.0,
            "milex_usd": 10.0,
        }
    )
    t = imp.indicator_table(cy, years=[2004])
    assert set(t["year"]) == {2004}
    v = t.loc[t["indicator"] == "fdi_net_out_pct_gdp"].set_index("iso3")["value"]
    assert v["A"] == pytest.approx((16.0 - 6.0) / 5 - 1.0) and v["B"] == pytest.approx(0.0)
    whole = imp.indicator_table(cy)
    w = whole.loc[(whole["indicator"] == "fdi_net_out_pct_gdp") & (whole["year"] == 2004)]
    assert w.set_index("iso3")["value"].to_dict() == pytest.approx(v.to_dict())
    notes = prov.get(t).notes
    assert any("read years 2000-2004 for the years 2004-2004" in n for n in notes)


def test_composite_notes_an_indicator_no_state_has_in_a_year():
    t = pd.DataFrame(
        {
            "iso3": ["A", "B"] * 3,
            "year": [2000, 2000, 2001, 2001, 2002, 2002],
            "indicator": "milex_share_world",
            "value": [0.7, 0.3, np.nan, np.nan, np.nan, np.nan],
        }
    )
    t = pd.concat([t, t.assign(indicator="gdp_share_world", value=[0.6, 0.4] * 3)])
    w = {"milex_share_world": 1.0, "gdp_share_world": 1.0}
    expected = (
        "composite: no state has a value of milex_share_world in 2001-2002; "
        "the composite there uses 1 of its 2 weighted indicators"
    )
    assert expected in prov.get(imp.composite(t, weights=w)).notes
    assert expected in prov.get(imp.rank_sensitivity(t, weights=w, n_draws=5)).notes
    full = t.loc[t["year"] == 2000]
    assert not any("no state has" in n for n in prov.get(imp.composite(full, weights=w)).notes)
