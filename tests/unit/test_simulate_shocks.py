"""Shock engines: exact baselines and hand-computed two-region cases.

The two-region, one-sector table used throughout (regions AAA, BBB; sector s1;
one final-demand category per region)::

    Z = [[10, 20],      Y = [[50, 20],      x = [100, 200]
         [30, 40]]           [40, 90]]      v = x - 1'Z = [60, 140]

    A = Z / x_col = [[0.1, 0.1], [0.3, 0.2]]
    B = Z / x_row = [[0.1, 0.2], [0.15, 0.2]]
    v / x = [0.6, 0.7]
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from worldsystem.core.errors import ModelError
from worldsystem.example import world
from worldsystem.panels.mrio import MRIO
from worldsystem.simulate import (
    ASSUMPTIONS,
    COLUMNS,
    ENGINES,
    BilateralCut,
    CapacityLoss,
    CutSize,
    FinalDemandChange,
    Sanctions,
    Scenario,
    compare_engines,
    country_summary,
    prepare,
    run,
)
from worldsystem.simulate.shocks import capped_sizes


@functools.lru_cache(maxsize=1)
def example_mrio() -> MRIO:
    return world(seed=0).mrio


def two_region() -> MRIO:
    return MRIO(
        Z=np.array([[10.0, 20.0], [30.0, 40.0]]),
        Y=np.array([[50.0, 20.0], [40.0, 90.0]]),
        x=np.array([100.0, 200.0]),
        regions=("AAA", "BBB"),
        sectors=("s1",),
    )


def scen(*shocks, **opts) -> Scenario:
    return Scenario(name="t", base_year=2011, table="example", shocks=shocks, engine_options=opts)


CUT = BilateralCut("AAA", "BBB", ("s1",), 50.0, "both")


def dx(frame, engine):
    return frame.loc[frame["engine"] == engine, "output_change_musd"].to_numpy()


# -- empty shocks reproduce the baseline exactly --------------------------------------
@pytest.mark.parametrize("engine", ENGINES)
def test_empty_scenario_gives_exact_zeros(engine):
    m = example_mrio()
    for s in (scen(), scen(BilateralCut("XBO", "XBR", ("primary",), 0.0))):
        out = run(s, m, engine=engine)
        assert list(out.columns) == list(COLUMNS)
        assert len(out) == m.n
        for col in ("output_change_musd", "value_added_change_musd", "gdp_share_lost"):
            assert (out[col].to_numpy() == 0).all(), (engine, col)
        assert out.attrs["assumptions"] == {engine: ASSUMPTIONS[engine]}


def test_zero_capacity_loss_and_zero_demand_change_are_exact_zeros():
    m = example_mrio()
    s = scen(CapacityLoss("XBO", ("primary",), 0.0), FinalDemandChange("XBR", ("services",), 0.0))
    out = run(s, m, engine="all")
    assert (out["output_change_musd"].to_numpy() == 0).all()


# -- Leontief --------------------------------------------------------------------
def test_leontief_bilateral_cut_by_hand():
    # 50 % of AAA -> BBB: Z[0,1] 20 -> 10 and Y[0,BBB] 20 -> 10; d = [-20, 0].
    # A' = [[0.1, 0.05], [0.3, 0.2]], det(I - A') = 0.9*0.8 - 0.05*0.3 = 0.705,
    # (I - A')^-1 = [[0.8, 0.05], [0.3, 0.9]] / 0.705 -> dx = [-16, -6] / 0.705.
    out = run(scen(CUT), two_region(), engine="leontief")
    expect = np.array([-16.0, -6.0]) / 0.705
    np.testing.assert_allclose(dx(out, "leontief"), expect, rtol=1e-12)
    np.testing.assert_allclose(out["value_added_change_musd"], [0.6, 0.7] * expect, rtol=1e-12)
    # share of GDP lost: -dVA / VA = 0.6 * 16/0.705 / 60 and 0.7 * 6/0.705 / 140
    np.testing.assert_allclose(
        out["gdp_share_lost"], [0.6 * 16 / 0.705 / 60, 0.7 * 6 / 0.705 / 140], rtol=1e-12
    )


def test_leontief_capacity_loss_by_hand():
    # 10 % of BBB's capacity: its deliveries (30 + 40 + 40 + 90) fall 10 %: d = [0, -20];
    # A' = [[0.1, 0.1], [0.27, 0.18]], det = 0.9*0.82 - 0.1*0.27 = 0.711,
    # inverse [[0.82, 0.1], [0.27, 0.9]] / 0.711 -> dx = [-2, -18] / 0.711.
    out = run(scen(CapacityLoss("BBB", ("s1",), 10.0)), two_region(), engine="leontief")
    np.testing.assert_allclose(dx(out, "leontief"), np.array([-2.0, -18.0]) / 0.711, rtol=1e-12)


def test_leontief_final_demand_change_by_hand():
    # BBB's final demand for s1 (all origins) -10 %: dY = [-2, -9];
    # L = [[0.8, 0.1], [0.3, 0.9]] / 0.69 -> dx = [-2.5, -8.7] / 0.69. Ghosh: no effect.
    s = scen(FinalDemandChange("BBB", ("s1",), percent=-10.0))
    out = run(s, two_region(), engine="all")
    np.testing.assert_allclose(dx(out, "leontief"), np.array([-2.5, -8.7]) / 0.69, rtol=1e-12)
    assert (dx(out, "ghosh") == 0).all()
    # change_musd = -11 distributed over [20, 90] in proportion: the same dY.
    s2 = scen(FinalDemandChange("BBB", ("s1",), change_musd=-11.0))
    np.testing.assert_allclose(
        dx(run(s2, two_region()), "leontief"), np.array([-2.5, -8.7]) / 0.69, rtol=1e-12
    )


# -- Ghosh -----------------------------------------------------------------------
def test_ghosh_bilateral_cut_by_hand():
    # B[0,1] 0.2 -> 0.1; d' = x' dB = [0, -10]; B' = [[0.1, 0.1], [0.15, 0.2]],
    # (I - B')^-1 = [[0.8, 0.1], [0.15, 0.9]] / 0.705 -> dx' = [-1.5, -9] / 0.705.
    out = run(scen(CUT), two_region(), engine="ghosh")
    np.testing.assert_allclose(dx(out, "ghosh"), np.array([-1.5, -9.0]) / 0.705, rtol=1e-12)


def test_ghosh_capacity_loss_by_hand():
    # 10 % of BBB: column 1 of B and v_1 scaled by 0.9: d = [0, -0.1*(20 + 40) - 14] = [0, -20];
    # B' = [[0.1, 0.18], [0.15, 0.18]], det 0.711, inverse [[0.82, 0.18], [0.15, 0.9]] / 0.711
    # -> dx' = [-3, -18] / 0.711.
    out = run(scen(CapacityLoss("BBB", ("s1",), 10.0)), two_region(), engine="ghosh")
    np.testing.assert_allclose(dx(out, "ghosh"), np.array([-3.0, -18.0]) / 0.711, rtol=1e-12)


# -- inoperability -----------------------------------------------------------------
def test_inoperability_bilateral_cut_by_hand():
    # Supply: BBB's use of s1 = 20 + 40 = 60, 10 is cut: phi = 1/6 (s1 is 60/200 >= 0.01 of
    # BBB's output: critical). Demand: AAA loses 10 of final sales: 10/100 = 0.1.
    # c* = [0.1, 1/6]; A* = B; (I - B)^-1 = [[0.8, 0.2], [0.15, 0.9]] / 0.69;
    # q = [0.08 + 0.2/6, 0.015 + 0.15] / 0.69; dx = -q * x.
    out = run(scen(CUT), two_region(), engine="inoperability")
    q = np.array([0.08 + 0.2 / 6, 0.015 + 0.15]) / 0.69
    np.testing.assert_allclose(dx(out, "inoperability"), -q * [100, 200], rtol=1e-12)
    # With critical_share above s1's cost share (0.3), only the demand term is left.
    out2 = run(scen(CUT), two_region(), engine="inoperability", critical_share=0.5)
    q2 = np.array([0.08, 0.015]) / 0.69
    np.testing.assert_allclose(dx(out2, "inoperability"), -q2 * [100, 200], rtol=1e-12)


def test_inoperability_capacity_loss_by_hand():
    # c* = [0, 0.1]; q = [0.2*0.1, 0.9*0.1] / 0.69; dx = -[100 q0, 200 q1].
    out = run(scen(CapacityLoss("BBB", ("s1",), 10.0)), two_region(), engine="inoperability")
    np.testing.assert_allclose(dx(out, "inoperability"), -np.array([2.0, 18.0]) / 0.69, rtol=1e-12)


# -- cascade ---------------------------------------------------------------------
def test_cascade_by_hand():
    # T_int = [[0, 20], [30, 0]]; cut C0_int[A,B] = 10, C0_fin[A,B] = 10; AAA loses 20 of sales.
    # Fixed point: o_B = (10 + 10 o_A) / 200, o_A = 30 o_B / 100
    # -> o_B = 0.05 / 0.985, o_A = 0.3 o_B. dx = [-20 - 100 o_A, -200 o_B].
    out = run(scen(CUT), two_region(), engine="cascade")
    oB = 0.05 / 0.985
    np.testing.assert_allclose(dx(out, "cascade"), [-20 - 30 * oB, -200 * oB], rtol=1e-10)


def test_cascade_threshold_stops_pass_on():
    # BBB loses 10/20 = 0.5 of its intermediate imports: at threshold 0.6 nothing passes on.
    out = run(scen(CUT), two_region(), engine="cascade", threshold=0.6)
    np.testing.assert_array_equal(dx(out, "cascade"), [-20.0, 0.0])
    with pytest.raises(ModelError, match="threshold"):
        run(scen(CUT), two_region(), engine="cascade", threshold=1.5)


# -- shared behaviour ----------------------------------------------------------------
def test_low_rank_update_equals_refactoring():
    m = example_mrio()
    s = scen(
        Sanctions("a", "b", ("XBO", "XBR"), ("XDR",), ("primary", "manufacturing"), 40.0),
        CapacityLoss("XFE", ("services",), 25.0),
    )
    base = prepare(m)
    for engine in ("leontief", "ghosh"):
        a = dx(run(s, base, engine=engine), engine)
        b = dx(run(s, base, engine=engine, max_rank=0), engine)
        assert np.abs(a).max() > 0
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)


def test_sanctions_equal_their_bilateral_cuts():
    m = example_mrio()
    sanc = Sanctions("a", "b", ("XBO",), ("XDR", "XBR"), ("manufacturing",), 30.0, symmetric=True)
    cuts = sanc.cuts()
    assert {(c.exporter, c.importer) for c in cuts} == {
        ("XBO", "XDR"),
        ("XBO", "XBR"),
        ("XDR", "XBO"),
        ("XBR", "XBO"),
    }
    a = run(scen(sanc), m, engine="all")
    b = run(scen(*cuts), m, engine="all")
    np.testing.assert_array_equal(a["output_change_musd"], b["output_change_musd"])


def test_sized_sanctions_give_the_loss_range_by_hand():
    # AAA -> BBB cut by 50 % (share_of_flow), range 25-100 %. Leontief: at a cut k,
    # Z[0,1] and Y[0,BBB] fall by 20k, so d = [-40k, 0] and A'[0,1] = 0.1 (1 - k).
    # k = 0.25: det(I - A') = 0.72 - 0.075 * 0.3 = 0.6975, dx = [-8, -3] / 0.6975;
    # k = 1: det = 0.72, dx = [-32, -12] / 0.72; k = 0.5: dx = [-16, -6] / 0.705.
    size = CutSize("share_of_flow", 0.5, "eurostat2023russia", 0.25, 1.0)
    sanc = Sanctions("a", "b", ("AAA",), ("BBB",), ("s1",), 50.0, symmetric=False, size=size)
    out = run(scen(sanc), two_region(), engine="leontief")
    va = np.array([60.0, 140.0])
    np.testing.assert_allclose(
        out["gdp_share_lost"], np.array([0.6 * 16, 0.7 * 6]) / 0.705 / va, rtol=1e-12
    )
    np.testing.assert_allclose(
        out["gdp_share_lost_low"], np.array([0.6 * 8, 0.7 * 3]) / 0.6975 / va, rtol=1e-12
    )
    np.testing.assert_allclose(
        out["gdp_share_lost_high"], np.array([0.6 * 32, 0.7 * 12]) / 0.72 / va, rtol=1e-12
    )
    (rec,) = dict(out.attrs["provenance"].methods[-1].params)["size_range"]
    assert dict(rec)["basis"] == "share_of_flow" and dict(rec)["high"] == 1.0
    # without a size the range collapses onto the central loss
    plain = run(scen(CUT), two_region(), engine="all")
    assert (plain["gdp_share_lost_low"] == plain["gdp_share_lost"]).all()
    assert (plain["gdp_share_lost_high"] == plain["gdp_share_lost"]).all()
    # the summary keeps the range
    summ = country_summary(out)
    assert {"gdp_share_lost_low", "gdp_share_lost_high"} <= set(summ.columns)


def test_compare_engines_and_summary():
    m = two_region()
    table = compare_engines(scen(CUT), m)
    assert list(table.columns) == list(ENGINES)
    assert list(table.index) == ["AAA", "BBB"]
    assert table.loc["AAA", "leontief"] == pytest.approx(0.6 * 16 / 0.705 / 60)
    assert set(table.attrs["assumptions"]) == set(ENGINES)
    summ = country_summary(run(scen(CUT), m, engine="all"), m)
    row = summ[(summ.engine == "leontief") & (summ.iso3 == "AAA")].iloc[0]
    assert row["value_added_musd"] == 60.0
    assert row["value_added_change_musd"] == pytest.approx(-0.6 * 16 / 0.705)
    assert "provenance" in summ.attrs


def test_unknown_engine_and_region_raise():
    with pytest.raises(ModelError, match="unknown engine"):
        run(scen(), two_region(), engine="cge")
    with pytest.raises(ModelError, match="not in the table"):
        run(scen(BilateralCut("AAA", "ZZZ", ("s1",), 10.0)), two_region())
    with pytest.raises(ModelError, match="unknown option"):
        run(scen(cascade={"thresh": 0.1}), two_region(), engine="cascade")


def test_a_size_above_the_table_flow_is_capped_and_recorded_per_bound():
    # BBB's use of s1 (both channels, all origins) is 20 + 40 + 20 + 90 = 170; the
    # AAA -> BBB flow is 20 + 20 = 40. Shares of use 0.1 / 0.2 / 0.3 ask 17 / 34 / 51:
    # the high size (51 > 40) is capped at the whole flow, the low and central are not.
    size = CutSize("share_of_use", 0.2, "bachmann2022", 0.1, 0.3)
    cut = BilateralCut("AAA", "BBB", ("s1",), 0.0, "both", size=size)
    out = run(scen(cut), two_region(), engine="leontief")
    sizing = out.attrs["sizing"]
    assert [r["capped"] for r in (sizing["low"][0], sizing["central"][0], sizing["high"][0])] == [
        False,
        False,
        True,
    ]
    assert sizing["central"][0]["fraction"] == pytest.approx(34 / 40)
    assert sizing["high"][0]["fraction"] == 1.0
    assert capped_sizes(sizing) == {"AAA->BBB s1": ["high"]}
    assert any("at the high size too the shortfall exceeds" in n for n in out.attrs["notes"])
    # the high loss is the loss of cutting the whole flow
    whole = run(scen(BilateralCut("AAA", "BBB", ("s1",), 100.0, "both")), two_region())
    np.testing.assert_allclose(out["gdp_share_lost_high"], whole["gdp_share_lost"], rtol=1e-12)
    # a central size above the flow is capped too: central and high losses coincide
    big = CutSize("share_of_use", 0.25, "bachmann2022", 0.1, 0.3)
    out = run(scen(BilateralCut("AAA", "BBB", ("s1",), 0.0, "both", size=big)), two_region())
    assert capped_sizes(out.attrs["sizing"]) == {"AAA->BBB s1": ["central", "high"]}
    np.testing.assert_array_equal(out["gdp_share_lost_high"], out["gdp_share_lost"])
