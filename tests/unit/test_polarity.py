"""Unit tests of worldsystem.measures.polarity: hand-computed CINC and concentration."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError
from worldsystem.measures import polarity as P


def three_countries() -> pd.DataFrame:
    # year 2000, three states A, B, C; raw component values and shares of the total:
    #   milex  6, 3, 1  (10) -> .60 .30 .10
    #   milper 2, 1, 1  (4)  -> .50 .25 .25
    #   irst   1, 1, 2  (4)  -> .25 .25 .50
    #   pec    5, 5, 0  (10) -> .50 .50 .00
    #   tpop   1, 2, 1  (4)  -> .25 .50 .25
    #   upop   3, 1, 0  (4)  -> .75 .25 .00
    # CINC A = (.6+.5+.25+.5+.25+.75)/6 = 2.85/6 = 0.475
    # CINC B = (.3+.25+.25+.5+.5+.25)/6 = 2.05/6 = 0.341666...
    # CINC C = (.1+.25+.5+0+.25+0)/6   = 1.10/6 = 0.183333...
    return pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC"],
            "ccode": [1, 2, 3],
            "year": [2000, 2000, 2000],
            "milex": [6.0, 3.0, 1.0],
            "milper": [2.0, 1.0, 1.0],
            "irst": [1.0, 1.0, 2.0],
            "pec": [5.0, 5.0, 0.0],
            "tpop": [1.0, 2.0, 1.0],
            "upop": [3.0, 1.0, 0.0],
        }
    )


def test_cinc_three_countries_by_hand():
    out = P.cinc(three_countries())
    np.testing.assert_allclose(out["cinc"], [2.85 / 6, 2.05 / 6, 1.10 / 6], rtol=1e-12)
    np.testing.assert_allclose(out["share_milex"], [0.6, 0.3, 0.1])
    np.testing.assert_allclose(out["share_upop"], [0.75, 0.25, 0.0])
    assert out["n_components"].tolist() == [6, 6, 6]
    assert out["ccode"].tolist() == [1, 2, 3]
    assert abs(out["cinc"].sum() - 1.0) < 1e-12
    assert list(out.columns[:4]) == ["iso3", "ccode", "year", "cinc"]
    assert prov.get(out).methods[-1].name == "cinc"


def test_cinc_missing_component_rules():
    f = three_countries()
    f.loc[0, "milex"] = np.nan
    # milex total is now 3 + 1 = 4: B .75, C .25, A missing.
    # COW rule: A averages its 5 available shares: (.5+.25+.5+.25+.75)/5 = 2.25/5 = 0.45
    #   B = (.75+.25+.25+.5+.5+.25)/6 = 2.5/6, C = (.25+.25+.5+0+.25+0)/6 = 1.25/6
    #   sum = 0.45 + 0.41667 + 0.20833 = 1.075 (COW CINC need not sum to one)
    cow = P.cinc(f)
    np.testing.assert_allclose(cow["cinc"], [0.45, 2.5 / 6, 1.25 / 6], rtol=1e-12)
    assert cow["n_components"].tolist() == [5, 6, 6]
    assert np.isnan(cow.loc[0, "share_milex"])
    assert cow["cinc"].sum() == pytest.approx(1.075)
    # zero rule: A = 2.25/6 = 0.375; shares now sum to exactly one
    zero = P.cinc(f, missing="zero")
    np.testing.assert_allclose(zero["cinc"], [0.375, 2.5 / 6, 1.25 / 6], rtol=1e-12)
    assert zero["cinc"].sum() == pytest.approx(1.0, abs=1e-12)
    # complete-case rule: A undefined
    comp = P.cinc(f, missing="complete")
    assert np.isnan(comp.loc[0, "cinc"])
    # normalize: COW values divided by 1.075
    norm = P.cinc(f, normalize=True)
    np.testing.assert_allclose(norm["cinc"], cow["cinc"] / 1.075, rtol=1e-12)


def test_cinc_zero_total_component_is_missing_not_zero():
    f = three_countries()
    f["irst"] = 0.0  # nobody produces steel: shares undefined, left out of the average
    out = P.cinc(f)
    assert out["n_components"].tolist() == [5, 5, 5]
    # A = (.6+.5+.5+.25+.75)/5 = 2.6/5
    assert out.loc[0, "cinc"] == pytest.approx(2.6 / 5)


def test_cinc_errors():
    f = three_countries()
    with pytest.raises(SchemaError, match="missing"):
        P.cinc(f.drop(columns="pec"))
    g = f.copy()
    g.loc[1, "milex"] = -9.0  # an unconverted COW sentinel must not pass silently
    with pytest.raises(SchemaError, match="minimum"):
        P.cinc(g)
    with pytest.raises(SchemaError, match="rule"):
        P.cinc(f, missing="mean")
    with pytest.raises(SchemaError, match="share a key"):
        P.cinc(pd.concat([f, f]))


def test_concentration_by_hand():
    s = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.2, 0.5, 0.3]})
    c = P.concentration(s).iloc[0]
    # HHI = .25 + .09 + .04 = .38; N_eff = 1/.38 = 2.6316
    # CON = sqrt((.38 - 1/3)/(1 - 1/3)) = sqrt(.046667/.666667) = sqrt(.07) = 0.26458
    assert c["n_states"] == 3
    assert c["hhi"] == pytest.approx(0.38)
    assert c["effective_poles"] == pytest.approx(1 / 0.38)
    assert c["con"] == pytest.approx(np.sqrt(0.07))
    assert round(c["con"], 4) == 0.2646
    assert (c["leader_iso3"], c["second_iso3"], c["third_iso3"]) == ("B", "C", "A")
    assert c["leader_second_ratio"] == pytest.approx(0.5 / 0.3)


def test_concentration_top_k_renormalises():
    s = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.5, 0.3, 0.2]})
    c = P.concentration(s, among=2).iloc[0]
    # top two renormalised: .5/.8 = .625, .3/.8 = .375
    # HHI = .390625 + .140625 = .53125; CON = sqrt((.53125 - .5)/.5) = sqrt(.0625) = .25
    assert c["n_states"] == 2
    assert c["leader_share"] == pytest.approx(0.625)
    assert c["hhi"] == pytest.approx(0.53125)
    assert c["con"] == pytest.approx(0.25)
    assert np.isnan(c["third_share"])


def test_concentration_majors_and_mansfield():
    # COW majors in 1950: 2 USA, 200 UK, 220 France, 365 USSR, 710 China. Here only
    # USA (.4), RUS (.2) and a minor state (.4) carry shares.
    s = pd.DataFrame(
        {
            "iso3": ["USA", "RUS", "XXX"],
            "ccode": [2, 365, 999],
            "year": 1950,
            "share": [0.4, 0.2, 0.4],
        }
    )
    c = P.concentration(s, among="majors").iloc[0]
    # among majors: 2/3, 1/3; HHI = 5/9; CON = sqrt((5/9 - 1/2)/(1/2)) = sqrt(1/9) = 1/3
    assert c["n_states"] == 2
    assert c["leader_iso3"] == "USA"
    assert c["leader_share"] == pytest.approx(2 / 3)
    assert c["con"] == pytest.approx(1 / 3)
    assert c["mansfield"] == pytest.approx(1 / 3)
    allc = P.concentration(s).iloc[0]
    # among all: (.4, .4, .2) -> HHI .36, CON = sqrt((.36-1/3)/(2/3)) = sqrt(.04) = .2;
    # Mansfield's measure stays the CON among the majors
    assert allc["con"] == pytest.approx(0.2)
    assert allc["mansfield"] == pytest.approx(1 / 3)
    # explicit set of majors by ISO3
    c2 = P.concentration(s.drop(columns="ccode"), among="majors", majors={"USA", "XXX"})
    assert c2.iloc[0]["n_states"] == 2
    assert c2.iloc[0]["leader_share"] == pytest.approx(0.5)


def test_major_powers_facts():
    assert P.major_powers([1816])["ccode"].tolist() == [200, 220, 255, 300, 365]
    assert 2 not in P.major_powers([1897])["ccode"].tolist()
    assert 2 in P.major_powers([1898])["ccode"].tolist()
    assert 220 not in P.major_powers([1942])["ccode"].tolist()  # France 1940-1945
    assert P.major_powers([2022], by="iso3")["iso3"].tolist() == [
        "CHN",
        "DEU",
        "FRA",
        "GBR",
        "JPN",
        "RUS",
        "USA",
    ]


def test_concentration_single_state_and_errors():
    s = pd.DataFrame({"iso3": ["A"], "year": 1, "share": [0.3]})
    c = P.concentration(s).iloc[0]
    assert c["n_states"] == 1 and c["leader_share"] == 1.0
    assert np.isnan(c["con"])  # undefined for N = 1
    assert c["effective_poles"] == 1.0
    with pytest.raises(SchemaError, match="among"):
        P.concentration(s, among="some")


def _conc(lead, second, third):
    return pd.DataFrame(
        {"year": [1], "leader_share": [lead], "second_share": [second], "third_share": [third]}
    )


@pytest.mark.parametrize(
    ("shares", "label"),
    [
        # exactly at both unipolar thresholds: .5 >= .5 and .5 >= 2 x .25 -> unipolar
        ((0.5, 0.25, 0.25), "unipolar"),
        # just below the ratio: .5 < 2 x .2500001; top two .75 >= .5 but
        # second .2500001 < 1.5 x .2499999 -> multipolar
        ((0.5, 0.2500001, 0.2499999), "multipolar"),
        # just below the share: .4999 < .5 -> not unipolar; .4999+.25 >= .5 and
        # .25 >= 1.5 x .125 -> bipolar
        ((0.4999, 0.25, 0.125), "bipolar"),
        # bipolar ratio exactly met: .375 = 1.5 x .25 (exact in binary)
        ((0.375, 0.375, 0.25), "bipolar"),
        # bipolar share exactly met: .25 + .25 = .5, .25 >= 1.5 x .125
        ((0.25, 0.25, 0.125), "bipolar"),
        ((0.25, 0.2499, 0.125), "multipolar"),
    ],
)
def test_classify_boundaries(shares, label):
    out = P.classify_polarity(_conc(*shares))
    assert out["polarity"].iloc[0] == label


def test_classify_custom_thresholds_and_errors():
    c = _conc(0.45, 0.2, 0.1)
    assert P.classify_polarity(c)["polarity"].iloc[0] == "bipolar"
    assert P.classify_polarity(c, unipolar_share=0.4)["polarity"].iloc[0] == "unipolar"
    with pytest.raises(SchemaError):
        P.classify_polarity(c, unipolar_share=1.5)


def test_robustness_by_hand():
    s = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.7, 0.2, 0.1]})
    # unipolar_share .5: .7 >= .5, .7 >= 2 x .2 -> unipolar
    # unipolar_share .8: not unipolar; .9 >= .5 and .2 >= 1.5 x .1 -> bipolar
    r = P.polarity_robustness({"x": s}, grid={"unipolar_share": [0.5, 0.8]}).iloc[0]
    assert r["n_combinations"] == 2
    assert r["p_unipolar"] == 0.5 and r["p_bipolar"] == 0.5 and r["p_multipolar"] == 0.0
    assert r["modal"] == "unipolar"  # tie resolved in label order
    # a second index that is clearly multipolar adds two multipolar votes
    m = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.34, 0.33, 0.33]})
    r2 = P.polarity_robustness({"x": s, "m": m}, grid={"unipolar_share": [0.5, 0.8]}).iloc[0]
    assert r2["n_combinations"] == 4
    assert r2["modal"] == "multipolar" and r2["robustness"] == 0.5


def test_polarity_table_columns_and_robustness():
    f = pd.DataFrame(
        {"iso3": ["A", "B", "C"], "year": 2000, "milex": [7.0, 2.0, 1.0], "gdp": [1.0, 1.0, 1.0]}
    )
    t = P.polarity_table(f, index="milex")
    for col in [
        "year",
        "index",
        "n_states",
        "leader_iso3",
        "leader_share",
        "second_iso3",
        "second_share",
        "con",
        "hhi",
        "effective_poles",
        "polarity",
        "robustness",
    ]:
        assert col in t.columns
    assert t.loc[0, "polarity"] == "unipolar"
    # Robustness over indices milex, gdp, combined x the 81-point default grid:
    # milex (.7,.2,.1): .7 >= every unipolar_share (.4,.5,.6) and >= 3 x .2 -> 81/81 unipolar
    # gdp (1/3 each): never unipolar; second < 1.25 x third fails -> 0/81 unipolar
    # combined (equal weights): ((.7+1/3)/2, (.2+1/3)/2, (.1+1/3)/2) = (.5167, .2667, .2167):
    #   unipolar iff share in {.4, .5} and ratio 1.5 (.5167 >= .4 but < 2 x .2667)
    #   -> 2 x 1 x 9 = 18/81 unipolar
    # robustness = (81 + 0 + 18) / 243
    assert t.loc[0, "robustness"] == pytest.approx(99 / 243)
    rob = P.polarity_robustness(
        {m: P.index_shares(f, m) for m in ("milex", "gdp", "combined")}
    ).iloc[0]
    assert rob["p_unipolar"] == pytest.approx(99 / 243)


def test_combined_index_weights_and_missing():
    a = pd.DataFrame({"iso3": ["A", "B"], "year": 1, "share": [0.8, 0.2]})
    b = pd.DataFrame({"iso3": ["A"], "year": 1, "share": [0.4]})
    # weights 3:1; A = (3*.8 + 1*.4)/4 = .7; B has only a -> .2; sum .9 -> .7/.9, .2/.9
    out = P.combined_index({"a": a, "b": b}, {"a": 3, "b": 1})
    np.testing.assert_allclose(out["share"], [0.7 / 0.9, 0.2 / 0.9])
    assert out["n_indices"].tolist() == [2, 1]
    raw = P.combined_index({"a": a, "b": b}, {"a": 3, "b": 1}, normalize=False)
    np.testing.assert_allclose(raw["share"], [0.7, 0.2])
    with pytest.raises(SchemaError, match="weights"):
        P.combined_index({"a": a}, {"z": 1.0})


def test_beckley_and_simple_shares():
    f = pd.DataFrame(
        {"iso3": ["A", "B"], "year": 1, "gdp": [4.0, 6.0], "gdppc": [2.0, 1.0], "w": [0.0, 0.0]}
    )
    # net resources: 4*2 = 8, 6*1 = 6 -> 8/14, 6/14; GDP shares .4, .6
    out = P.beckley_net_resources(f, "gdp", "gdppc")
    np.testing.assert_allclose(out["share"], [8 / 14, 6 / 14])
    np.testing.assert_allclose(P.gdp_share(f)["share"], [0.4, 0.6])
    # nobody has warheads: shares undefined (NaN), not 0
    assert P.nuclear_share(f, warheads_col="w")["share"].isna().all()


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=2, max_value=8),
    st.integers(min_value=1, max_value=4),
    st.integers(min_value=0, max_value=2**32 - 1),
)
def test_properties(n, n_years, seed):
    rng = np.random.default_rng(seed)
    rows = n * n_years
    f = pd.DataFrame(
        {
            "iso3": np.tile([f"S{i}" for i in range(n)], n_years),
            "year": np.repeat(np.arange(n_years) + 1900, n),
        }
    )
    for comp in P.COW_COMPONENTS:
        f[comp] = rng.gamma(0.5, 10.0, rows) + 1e-6
    out = P.cinc(f)
    sums = out.groupby("year")["cinc"].sum()
    np.testing.assert_allclose(sums, 1.0, atol=1e-12)
    c = P.concentration(out, share_col="cinc")
    assert ((c["con"] >= 0) & (c["con"] <= 1 + 1e-12)).all()
    assert ((c["effective_poles"] >= 1 - 1e-12) & (c["effective_poles"] <= n + 1e-9)).all()
    assert (c["n_states"] == n).all()
    assert (c["leader_share"] >= c["second_share"]).all()
    # with missing values the zero rule still sums to one
    f.loc[rng.uniform(size=rows) < 0.2, "milex"] = np.nan
    z = P.cinc(f, missing="zero")
    np.testing.assert_allclose(z.groupby("year")["cinc"].sum(), 1.0, atol=1e-12)


def test_bootstrap_deterministic_and_contains_point():
    f = three_countries()
    f2 = f.assign(year=2001, milex=[5.0, 4.0, 1.0])
    g = pd.concat([f, f2], ignore_index=True)
    a = P.bootstrap_cinc(g, n_draws=300, seed=7)
    b = P.bootstrap_cinc(g, n_draws=300, seed=7)
    c = P.bootstrap_cinc(g, n_draws=300, seed=8)
    pd.testing.assert_frame_equal(a.shares, b.shares)
    pd.testing.assert_frame_equal(a.poles, b.poles)
    assert not np.allclose(a.shares["cinc_lo"], c.shares["cinc_lo"])
    sh = a.shares
    assert ((sh["cinc_lo"] <= sh["cinc"]) & (sh["cinc"] <= sh["cinc_hi"])).all()
    po = a.poles
    assert (
        (po["poles_lo"] <= po["effective_poles"]) & (po["effective_poles"] <= po["poles_hi"])
    ).all()
    # the point effective number equals 1/HHI of the CINC shares
    conc = P.concentration(P.cinc(g), share_col="cinc")
    np.testing.assert_allclose(po["effective_poles"], conc["effective_poles"])


def test_bootstrap_single_draw_equal_to_cinc_when_all_components_drawn_once():
    # A bootstrap draw that picks every component once reproduces CINC; with 6
    # components and 1000 draws some draws are not that multiset, so the interval
    # must be wider than a point unless shares are identical across components.
    f = three_countries()
    same = f.copy()
    for comp in P.COW_COMPONENTS:
        same[comp] = [3.0, 2.0, 1.0]  # every component gives shares 1/2, 1/3, 1/6
    b = P.bootstrap_cinc(same, n_draws=200, seed=0)
    np.testing.assert_allclose(b.shares["cinc_lo"], [0.5, 1 / 3, 1 / 6])
    np.testing.assert_allclose(b.shares["cinc_hi"], [0.5, 1 / 3, 1 / 6])
    wide = P.bootstrap_cinc(f, n_draws=200, seed=0).shares
    assert (wide["cinc_hi"] - wide["cinc_lo"] > 0).all()


def test_military_index_is_the_complete_case_mean_of_spending_and_warhead_shares():
    """Hand-computed: in 2000 A, B, C spend 6, 3, 1 (shares .6 .3 .1) and hold 90, 10, 0
    warheads (.9 .1 0): means .75 .2 .05 (sum 1). In 2001 B has no spending figure, so
    it is missing, not a power of its warheads alone: each dimension is shared out
    again between A and C (spending .5 .5; warheads 50 and 0 -> 1 and 0), means .75
    and .25, so the two dimensions keep equal weights. In 2002 no state has a warhead
    figure, so the index has no year rather than becoming spending alone."""
    f = pd.DataFrame(
        {
            "iso3": ["A", "B", "C"] * 3,
            "year": [2000] * 3 + [2001] * 3 + [2002] * 3,
            "milex": [6.0, 3.0, 1.0, 5.0, np.nan, 5.0, 1.0, 1.0, 1.0],
            "warheads": [90.0, 10.0, 0.0, 50.0, 50.0, 0.0] + [np.nan] * 3,
        }
    )
    out = P.index_shares(f, "military").set_index(["year", "iso3"])["share"]
    assert out.loc[2000].round(12).to_dict() == {"A": 0.75, "B": 0.2, "C": 0.05}
    y1 = out.loc[2001]
    assert np.isnan(y1["B"]) and y1[["A", "C"]].round(12).tolist() == [0.75, 0.25]
    assert 2002 not in out.index.get_level_values("year")
    assert "military" in P.INDICES and P.MILITARY_DIMENSIONS == ("milex", "nuclear")
    rule = dict(prov.get(P.index_shares(f, "military")).methods[-1].params)["rule"]
    assert rule.startswith("complete cases")
