"""Hand-computed cases for measures.dynamics: mobility, convergence, transitions."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from worldsystem.core import provenance as prov
from worldsystem.core.errors import WorldsystemError
from worldsystem.measures import dynamics as dyn
from worldsystem.measures.position import zone_mobility

C, S, P = "core", "semi-periphery", "periphery"


def _four_countries() -> pd.DataFrame:
    # A: C C C ; B: S C C ; C: P S P ; D: P P S  in 1990, 1995, 2000
    z = {"A": [C, C, C], "B": [S, C, C], "C": [P, S, P], "D": [P, P, S]}
    rows = [(i, y, zz) for i, zs in z.items() for y, zz in zip((1990, 1995, 2000), zs, strict=True)]
    f = pd.DataFrame(rows, columns=["iso3", "year", "zone"])
    prov.attach(f, prov.Provenance().with_method("hand", {}))
    return f


def test_transition_matrix_four_countries_by_hand():
    # transitions 1990->95 and 95->00:
    #   A: C->C, C->C   B: S->C, C->C   C: P->S, S->P   D: P->P, P->S
    # core row: C->C 3              -> [1, 0, 0]
    # semi row: S->C 1, S->P 1      -> [1/2, 0, 1/2]
    # peri row: P->S 2, P->P 1      -> [0, 2/3, 1/3]
    tm = dyn.transition_matrix(_four_countries(), step=5, n_boot=0)
    assert tm.states == (C, S, P)
    assert tm.counts.to_numpy().tolist() == [[3, 0, 0], [1, 0, 1], [0, 2, 1]]
    np.testing.assert_allclose(
        tm.P.to_numpy(), [[1, 0, 0], [0.5, 0, 0.5], [0, 2 / 3, 1 / 3]], atol=1e-12
    )
    assert tm.n_transitions == 8 and tm.n_countries == 4
    # Shorrocks = (3 - (1 + 0 + 1/3)) / 2 = 5/6
    assert dyn.mobility_indices(tm)["shorrocks"] == pytest.approx(5 / 6)
    # the point-in-time rule gives the same here (one year per period)
    tp = dyn.transition_matrix(_four_countries(), step=5, n_boot=0, aggregate="point")
    assert tp.counts.equals(tm.counts)
    # provenance carries the input's and the parameters
    names = [m.name for m in tm.provenance.methods]
    assert names == ["hand", "transition_matrix"]
    assert dict(tm.provenance.methods[-1].params)["step"] == 5


def test_transition_counts_equal_zone_mobility_summed_over_periods():
    f = _four_countries().assign(method="m")
    zm = zone_mobility(f, period=5)
    summed = zm.groupby(["zone_from", "zone_to"])["count"].sum()
    tm = dyn.transition_matrix(f, step=5, n_boot=0)
    for a in tm.states:
        for b in tm.states:
            assert summed[(a, b)] == tm.counts.loc[a, b]


def test_bootstrap_is_seeded_and_brackets_the_estimate():
    f = _four_countries()
    a = dyn.transition_matrix(f, n_boot=300, seed=3)
    b = dyn.transition_matrix(f, n_boot=300, seed=3)
    np.testing.assert_array_equal(a.boot, b.boot)
    lo, hi, p = a.lo.to_numpy(), a.hi.to_numpy(), a.P.to_numpy()
    assert np.all(lo <= p + 1e-12) and np.all(p <= hi + 1e-12)
    # the core row is C->C in every country that is ever in the core: no spread
    assert a.lo.loc[C, C] == 1.0 and a.hi.loc[C, C] == 1.0
    s = dyn.mobility_summary(a)
    row = s[(s["statistic"] == "shorrocks")].iloc[0]
    assert row["lo"] <= row["value"] <= row["hi"]


def test_two_state_chain_by_hand():
    # P = [[.9, .1], [.3, .7]]
    # Shorrocks (2 - 1.6)/1 = 0.4; det = .63 - .03 = .6 -> 1 - .6 = .4;
    # eigenvalues 1 and tr - 1 = .6; Prais 1 - p_kk = [.1, .3]
    # ergodic: pi1 * .1 = pi2 * .3 -> (3/4, 1/4)
    # MFPT: m12 = 1/.1 = 10, m21 = 1/.3; recurrence 1/pi = 4/3, 4; sojourn 10, 10/3
    Pm = np.array([[0.9, 0.1], [0.3, 0.7]])
    ix = dyn.mobility_indices(Pm)
    assert ix["shorrocks"] == pytest.approx(0.4)
    assert ix["determinant"] == pytest.approx(0.4)
    assert ix["second_eigenvalue"] == pytest.approx(0.6)
    np.testing.assert_allclose(dyn.prais(Pm), [0.1, 0.3])
    np.testing.assert_allclose(dyn.ergodic_distribution(Pm), [0.75, 0.25])
    np.testing.assert_allclose(dyn.mean_first_passage(Pm), [[4 / 3, 10], [10 / 3, 4]])
    np.testing.assert_allclose(dyn.sojourn_times(Pm), [10, 10 / 3])


def test_three_state_chain_by_hand():
    # birth-death chain P = [[.5,.5,0],[.25,.5,.25],[0,.5,.5]]
    # Shorrocks (3 - 1.5)/2 = .75; det = 0 -> determinant index 1
    # eigenvalues 1, .5, 0 (trace 1.5, det 0)
    # detailed balance: pi1 .5 = pi2 .25, pi2 .25 = pi3 .5 -> (1/4, 1/2, 1/4)
    # MFPT to state 3: h1 = 1 + .5 h1 + .5 h2, h2 = 1 + .25 h1 + .5 h2 -> h2 = 6, h1 = 8
    Pm = np.array([[0.5, 0.5, 0.0], [0.25, 0.5, 0.25], [0.0, 0.5, 0.5]])
    ix = dyn.mobility_indices(Pm)
    assert ix["shorrocks"] == pytest.approx(0.75)
    assert ix["determinant"] == pytest.approx(1.0)
    assert ix["second_eigenvalue"] == pytest.approx(0.5)
    np.testing.assert_allclose(dyn.ergodic_distribution(Pm), [0.25, 0.5, 0.25], atol=1e-12)
    M = dyn.mean_first_passage(Pm).to_numpy()
    assert M[0, 2] == pytest.approx(8) and M[1, 2] == pytest.approx(6)
    assert M[2, 2] == pytest.approx(4)  # recurrence 1 / (1/4)


def test_not_stochastic_and_not_ergodic_are_errors():
    with pytest.raises(WorldsystemError, match="row-stochastic"):
        dyn.mobility_indices([[0.5, 0.4], [0.2, 0.8]])
    with pytest.raises(WorldsystemError, match="not ergodic"):
        dyn.mean_first_passage([[1.0, 0.0], [0.5, 0.5]])


def _chain_frame(moves: dict[tuple[str, str], int], y0: int) -> pd.DataFrame:
    rows = []
    i = 0
    for (a, b), n in moves.items():
        for _ in range(n):
            rows += [(f"c{i}", y0, a), (f"c{i}", y0 + 5, b)]
            i += 1
    return pd.DataFrame(rows, columns=["iso3", "year", "state"])


def test_homogeneity_test_by_hand():
    # period 1: a->a 8, a->b 2, b->a 5, b->b 5; period 2: a->a 2, a->b 8, row b the same
    # pooled row a: (10, 10)/20 = (.5, .5); row b: (.5, .5), identical in both periods
    # LR row a = 2 [8 ln(.8/.5) + 2 ln(.2/.5) + 2 ln(.2/.5) + 8 ln(.8/.5)]
    # Q row a = 10 (.3^2/.5 + .3^2/.5) * 2 periods = 7.2; df = (2-1)(2-1) per row = 2
    m1 = {("a", "a"): 8, ("a", "b"): 2, ("b", "a"): 5, ("b", "b"): 5}
    m2 = {("a", "a"): 2, ("a", "b"): 8, ("b", "a"): 5, ("b", "b"): 5}
    t1 = dyn.transition_matrix(_chain_frame(m1, 1980), state="state", n_boot=0)
    t2 = dyn.transition_matrix(_chain_frame(m2, 2000), state="state", n_boot=0)
    h = dyn.homogeneity_test([t1, t2])
    lr = 2 * (16 * math.log(0.8 / 0.5) + 4 * math.log(0.2 / 0.5))
    assert h["lr"] == pytest.approx(lr)
    assert h["chi2"] == pytest.approx(7.2)
    assert h["df"] == 2
    assert dyn.homogeneity_test([t1, t1])["lr"] == pytest.approx(0.0)


def test_income_bins_fixed_over_fit_window():
    # year 0: 1, 2, 4, 8 (mean 3.75); cuts from year 0 only: median of log(y/3.75)
    # year 1: everyone doubles -> relative incomes unchanged -> same classes
    f = pd.DataFrame(
        {"iso3": list("ABCD") * 2, "year": [0] * 4 + [1] * 4, "gdppc": [1, 2, 4, 8, 2, 4, 8, 16.0]}
    )
    b = dyn.income_bins(f, n_bins=2, fit_years=(0, 0))
    assert b["state"].tolist() == ["q1", "q1", "q2", "q2"] * 2
    # the median of the logs: (ln(2/3.75) + ln(4/3.75))/2 = ln(sqrt(8)/3.75)
    assert b.attrs["cutpoints"][0] == pytest.approx(math.log(math.sqrt(8) / 3.75))


def test_sigma_convergence_small_panel_by_hand():
    # year 0: y = 1, 2, 4, pop 1, 1, 2; logs 0, ln2, 2 ln2; mean ln2
    #   sd = sqrt((ln2^2 + 0 + ln2^2)/3) = ln2 sqrt(2/3)
    #   Theil: mu = 7/3, T = mean (y/mu) ln(y/mu)
    #   weighted: w = (1/4, 1/4, 1/2); mean log = (0 + ln2 + 4 ln2)/4 = 5 ln2 / 4
    f = pd.DataFrame(
        {"iso3": list("ABC"), "year": 0, "gdppc": [1.0, 2.0, 4.0], "pop": [1.0, 1.0, 2.0]}
    )
    r = dyn.sigma_convergence(f, weight="pop").iloc[0]
    ln2 = math.log(2)
    assert r["sd_log"] == pytest.approx(ln2 * math.sqrt(2 / 3))
    mu = 7 / 3
    theil = sum(y / mu * math.log(y / mu) for y in (1, 2, 4)) / 3
    assert r["theil"] == pytest.approx(theil)
    m = 5 * ln2 / 4
    sdw = math.sqrt(0.25 * m**2 + 0.25 * (ln2 - m) ** 2 + 0.5 * (2 * ln2 - m) ** 2)
    assert r["sd_log_w"] == pytest.approx(sdw)
    muw = 0.25 * 1 + 0.25 * 2 + 0.5 * 4  # 2.75
    theil_w = sum(w * y / muw * math.log(y / muw) for w, y in ((0.25, 1), (0.25, 2), (0.5, 4)))
    assert r["theil_w"] == pytest.approx(theil_w)


def test_beta_convergence_small_panel_by_hand():
    # y0 = 1, 2, 4 -> x = 0, ln2, 2 ln2 (equally spaced); y10 = 2, 3, 4
    # g = (ln2/10, (ln3 - ln2)/10, 0); with 3 equally spaced x the OLS slope is
    # (g3 - g1)/(x3 - x1) = (-ln2/10)/(2 ln2) = -0.05
    # speed = -ln(1 - 0.5)/10 = ln2/10 -> half-life 10 years
    f = pd.DataFrame(
        {"iso3": list("ABCABC"), "year": [0] * 3 + [10] * 3, "gdppc": [1, 2, 4, 2, 3, 4.0]}
    )
    zones = pd.DataFrame({"iso3": list("ABC"), "year": 0, "zone": [P, P, C]})
    b = dyn.beta_convergence(f, window=10, zones=zones)
    allr = b[b["group"] == "all"].iloc[0]
    assert allr["beta"] == pytest.approx(-0.05)
    assert allr["half_life"] == pytest.approx(10.0)
    assert set(b["group"]) == {"all", P, C}
    with pytest.raises(WorldsystemError, match="window") as e:
        dyn.beta_convergence(f, window=20)
    assert e.value.field == "window"


def test_crossing_with_and_without_a_flicker():
    # B = 4.5 throughout.
    # no flicker: A = 1..8 -> A ahead from year 4 (value 5), for 4 years
    years = list(range(8))
    b = [4.5] * 8
    f = pd.DataFrame(
        {"iso3": ["A"] * 8 + ["B"] * 8, "year": years * 2, "gdp": list(range(1, 9)) + b}
    )
    c = dyn.crossing_years(f, value="gdp")
    assert c[["leader", "overtaken", "year", "held_years"]].values.tolist() == [["A", "B", 4, 4]]
    # flicker: A = 1 2 5 3 3 6 7 8: signs - - + - - + + + ; the one-year lead in
    # year 2 is not a crossing with N = 3; the lasting one is in year 5
    a = [1, 2, 5, 3, 3, 6, 7, 8]
    f2 = pd.DataFrame({"iso3": ["A"] * 8 + ["B"] * 8, "year": years * 2, "gdp": a + b})
    c3 = dyn.crossing_years(f2, value="gdp", persistence=3)
    assert c3[["leader", "year"]].values.tolist() == [["A", 5]]
    # with N = 1 every change counts: A in 2, B back in 3, A in 5
    c1 = dyn.crossing_years(f2, value="gdp", persistence=1)
    assert c1[["leader", "year"]].values.tolist() == [["A", 2], ["B", 3], ["A", 5]]
    # a reversal in the last two years is provisional
    f3 = pd.DataFrame(
        {"iso3": ["A"] * 8 + ["B"] * 8, "year": years * 2, "gdp": [1] * 6 + [9, 9] + b}
    )
    c = dyn.crossing_years(f3, value="gdp")
    assert c["provisional"].tolist() == [True] and c["year"].tolist() == [6]


def test_a_series_break_is_not_a_crossing():
    """Germany (D) vs a state whose values are its predecessor's (the USSR, S) until
    year 3 and its own, smaller territory's (R) after: D = 20 throughout, the USSR
    30 (years 0-3), Russia 15 (4-9). Without series the order flips in year 4, a
    'crossing' of D over R that only marks the end of the splice; with series the
    years are cut at the break and year 4 starts afresh, so there is none. A real
    crossing after the break (R 15 -> 25 from year 7) still counts."""
    years = list(range(10))
    d = [20.0] * 10
    r = [30.0] * 4 + [15.0] * 6
    f = pd.DataFrame(
        {
            "iso3": ["D"] * 10 + ["R"] * 10,
            "year": years * 2,
            "gdp": d + r,
            "series": ["D"] * 10 + ["S"] * 4 + ["R"] * 6,
        }
    )
    spliced = dyn.crossing_years(f, value="gdp")
    assert spliced[["leader", "overtaken", "year"]].values.tolist() == [["D", "R", 4]]
    assert dyn.crossing_years(f, value="gdp", series="series").empty
    f2 = f.assign(gdp=d + [30.0] * 4 + [15.0] * 3 + [25.0] * 3)
    c = dyn.crossing_years(f2, value="gdp", series="series")
    assert c[["leader", "overtaken", "year", "held_years"]].values.tolist() == [["R", "D", 7, 3]]
    # a reversal in the last year before a break (S 30 in year 3, then R 25) is cut
    # short by the break, not by the end of the data: no provisional crossing
    f3 = f.assign(gdp=d + [10.0, 10.0, 10.0, 30.0] + [25.0] * 6)
    assert dyn.crossing_years(f3, value="gdp")[["leader", "year"]].values.tolist() == [["R", 3]]
    assert dyn.crossing_years(f3, value="gdp", series="series").empty


def test_parity_spells_end_at_a_series_break():
    # leader A = 10; B at parity (9) in years 0-3, its series changes entity in year 2
    f = pd.DataFrame(
        {
            "iso3": ["A"] * 4 + ["B"] * 4,
            "year": list(range(4)) * 2,
            "gdp": [10.0] * 4 + [9.0] * 4,
            "series": ["A"] * 4 + ["P", "P", "B", "B"],
        }
    )
    assert dyn.parity_spells(f, value="gdp")[["start", "end"]].values.tolist() == [[0, 3]]
    s = dyn.parity_spells(f, value="gdp", series="series")
    assert s[["challenger", "start", "end"]].values.tolist() == [["B", 0, 1], ["B", 2, 3]]


def test_bloc_totals_name_the_spliced_members():
    f = pd.DataFrame(
        {
            "iso3": ["RUS", "CHN", "RUS", "CHN"],
            "year": [1991, 1991, 1992, 1992],
            "gdp": [10.0, 4.0, 5.0, 4.5],
            "series": ["SUN", "CHN", "RUS", "CHN"],
        }
    )
    m = dyn.group_membership({"CR": ["CHN", "RUS"]}, [1991, 1992])
    t = dyn.bloc_totals(f, value="gdp", membership=m, series="series")
    assert t["series"].tolist() == ["RUS<-SUN", ""]
    assert t["gdp"].tolist() == [14.0, 9.5]
    # the drop of the bloc's total at the end of the splice is not a crossing
    g = pd.concat([t, t.assign(iso3="G", gdp=12.0, series="")])
    assert dyn.crossing_years(g, value="gdp", series="series").empty
    assert len(dyn.crossing_years(g, value="gdp", persistence=1)) == 1


def test_crossing_errors_name_the_field():
    f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "gdp": [1.0, 2.0]})
    with pytest.raises(WorldsystemError) as e:
        dyn.crossing_years(f, value="cinc")
    assert e.value.field == "value" and e.value.value == "cinc"
    with pytest.raises(WorldsystemError) as e:
        dyn.crossing_years(f, value="gdp", countries=["A", "ZZZ"])
    assert e.value.field == "countries" and e.value.value == "ZZZ"


def test_step_longer_than_data_is_an_error():
    with pytest.raises(WorldsystemError) as e:
        dyn.transition_matrix(_four_countries(), step=15)
    assert e.value.field == "step" and e.value.value == 15


def test_lasting_crossing_index_vectorised():
    a = np.array([[0, 1, 0, 1, 1, 1, 1], [0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 0, 0, 0, 0]], bool)
    assert dyn.lasting_crossing_index(a, 3).tolist() == [3, -1, 0]


def test_parity_spells_by_hand():
    # leader A = 10; B = 5 8 9 7 9 -> ratios .5 .8 .9 .7 .9: spells years 1-2 and 4
    f = pd.DataFrame(
        {
            "iso3": ["A"] * 5 + ["B"] * 5,
            "year": list(range(5)) * 2,
            "gdp": [10.0] * 5 + [5, 8, 9, 7, 9],
        }
    )
    s = dyn.parity_spells(f, value="gdp")
    assert s[["challenger", "leader", "start", "end", "years"]].values.tolist() == [
        ["B", "A", 1, 2, 2],
        ["B", "A", 4, 4, 1],
    ]


def test_bloc_totals_never_double_count_the_former_ussr():
    # 1990: only SUN (the USSR) -> a bloc naming RUS takes SUN
    # 1995: SUN (still in Maddison) and RUS -> RUS only
    f = pd.DataFrame(
        {
            "iso3": ["SUN", "CHN", "SUN", "RUS", "CHN"],
            "year": [1990, 1990, 1995, 1995, 1995],
            "gdp": [10.0, 4.0, 6.0, 3.0, 5.0],
        }
    )
    m = dyn.group_membership({"CR": ["CHN", "RUS"]}, [1990, 1995])
    t = dyn.bloc_totals(f, value="gdp", membership=m)
    assert t["gdp"].tolist() == [14.0, 8.0]
    assert t["n_observed"].tolist() == [2, 2]


def test_group_membership_follows_join_years():
    m = dyn.group_membership({"NATO": "NATO"}, [1990, 2000])
    assert "POL" not in set(m[m["year"] == 1990]["iso3"])
    assert "POL" in set(m[m["year"] == 2000]["iso3"])  # joined 1999


def test_stochastic_kernel_and_rank_mobility():
    # A and B swap places between years 0 and 5
    f = pd.DataFrame({"iso3": list("ABAB"), "year": [0, 0, 5, 5], "gdppc": [1.0, 4, 4, 1]})
    k = dyn.stochastic_kernel(f, n_bins=2, n_boot=0)
    assert k.P.to_numpy().tolist() == [[0.0, 1.0], [1.0, 0.0]]
    r = dyn.rank_mobility(f)
    assert r["tau"].iloc[0] == pytest.approx(-1.0)
