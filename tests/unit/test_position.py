"""Hand-checked small cases for worldsystem.measures.position."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import _network as net
from worldsystem.measures import position as P

# Ideal 4-node core-periphery: 0 and 1 tied to everyone, 2 and 3 only to the core.
IDEAL4 = np.array([[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 0], [1, 1, 0, 0]], dtype=float)


def test_coreness_ideal_pattern_ranks_core_above_periphery():
    c = P.coreness_borgatti_everett(IDEAL4)
    assert c[0] == pytest.approx(c[1], rel=1e-6)
    assert c[2] == pytest.approx(c[3], rel=1e-6)
    assert c[0] > c[2]
    assert np.linalg.norm(c) == pytest.approx(1.0)


def test_coreness_recovers_an_exact_product_pattern():
    # If a_ij = c_i c_j off the diagonal, the pattern c c^T correlates perfectly
    # (rho = 1) and the maximiser is c itself up to scale: c / ||c|| with
    # c = (1, .8, .5, .3, .2), ||c|| = sqrt(1 + .64 + .25 + .09 + .04) = sqrt(2.02).
    c0 = np.array([1.0, 0.8, 0.5, 0.3, 0.2])
    W = np.outer(c0, c0)
    np.fill_diagonal(W, 0)
    c = P.coreness_borgatti_everett(W)
    assert c.attrs["fit"] == pytest.approx(1.0, abs=1e-6)
    np.testing.assert_allclose(c.to_numpy(), c0 / np.sqrt(2.02), atol=1e-3)


def test_coreness_rejects_constant_network():
    with pytest.raises(ModelError):
        P.coreness_borgatti_everett(np.ones((4, 4)))


def test_discrete_partition_recovers_ideal_core_with_fit_one():
    # CC pair (0,1) = 1 and PP pair (2,3) = 0, CP ignored: perfect point-biserial r = 1.
    z = P.core_periphery_discrete(IDEAL4)
    assert z.tolist() == [True, True, False, False]
    assert z.attrs["fit"] == pytest.approx(1.0)
    assert net.discrete_fit(IDEAL4, np.array([1, 0, 1, 0], bool)) < 1.0


def test_discrete_partition_larger_network_and_local_search():
    # 3-clique core {0,1,2} plus 5 periphery nodes each tied to one core node.
    n = 8
    W = np.zeros((n, n))
    for i in range(3):
        for j in range(3):
            if i != j:
                W[i, j] = 1
    for p, c in zip(range(3, 8), [0, 1, 2, 0, 1], strict=True):
        W[p, c] = W[c, p] = 1
    z = P.core_periphery_discrete(W, coreness=np.arange(n)[::-1].astype(float))
    # Started from a wrong ranking (node 7 first): the local search still finds {0,1,2}.
    assert np.flatnonzero(z.to_numpy()).tolist() == [0, 1, 2]


def test_three_tier_nested_valued():
    # core {0,1}: 4 between them, 2 to the semi-periphery, 1 to the periphery;
    # semi {2,3}: 1 to each other, 0 to the periphery; periphery {4,5,6}: no ties.
    # Stage 1 (CP cells ignored): core {0,1} gives CC = [4] vs PP = [1, 0 x 14]:
    # fit 0.969; core {0,1,2,3} gives CC = [4,2,2,2,2,1], PP = [0,0,0]:
    # mean 13/9, var 33/9 - (13/9)^2 = 1.5802, r = (13/6) sqrt(18)/9 / 1.2571 = 0.8125.
    # Stage 2 on {2..6}: the pair (2,3) is the only tie -> core {2,3} = semi-periphery.
    z = np.array([0, 0, 1, 1, 2, 2, 2])
    level = np.array([[4, 2, 1], [2, 1, 0], [1, 0, 0]], dtype=float)
    W = level[z][:, z].copy()
    np.fill_diagonal(W, 0)
    A = net.symmetrise(W)
    assert net.discrete_fit(A, np.array([1, 1, 1, 1, 0, 0, 0], bool)) == pytest.approx(0.8125)
    assert net.discrete_fit(A, np.array([1, 1, 0, 0, 0, 0, 0], bool)) > 0.8125
    tt = P.three_tier(W, method="nested", cp_ties="ignore")
    assert tt.tolist() == ["core"] * 2 + ["semi-periphery"] * 2 + ["periphery"] * 3
    br = P.three_tier(coreness=np.array([0.9, 0.8, 0.5, 0.45, 0.1, 0.05, 0.0]), method="breaks")
    assert br.tolist() == ["core"] * 2 + ["semi-periphery"] * 2 + ["periphery"] * 3


def test_three_tier_nested_default_pattern():
    # Borgatti & Everett's original ideal pattern (the default): a tie is ideal (1)
    # when either end is in the core. core {0,1}: 3 between them, 2 to everyone
    # else; semi {2,3}: 1 to each other and to the periphery; periphery {4,5,6}: 0.
    # Stage 1, core {0,1}: ones = [3, 2 x 10] (CC, CS, CP), zeros = [1 x 7, 0 x 3];
    # n = 21, mean 30/21, E[a^2] = 56/21, sd 0.7911, so
    # r = (23/11 - 7/10) sqrt(11 * 10) / 21 / 0.7911 = 0.8781, the best of all 126
    # core sets. Stage 2 on {2..6}, core {2,3}: ones = [1 x 7], zeros = [0 x 3], r = 1.
    # With core-periphery cells ignored, the dense semi-periphery joins the core
    # instead: {0,1,2,3} fits 0.8944.
    z = np.array([0, 0, 1, 1, 2, 2, 2])
    level = np.array([[3, 2, 2], [2, 1, 1], [2, 1, 0]], dtype=float)
    W = level[z][:, z].copy()
    np.fill_diagonal(W, 0)
    A = net.symmetrise(W)
    core = np.array([1, 1, 0, 0, 0, 0, 0], bool)
    assert net.discrete_fit(A, core, cp_ties="one") == pytest.approx(0.8781, abs=1e-4)
    semi = np.array([1, 1, 0, 0, 0], bool)
    assert net.discrete_fit(A[2:, 2:], semi, cp_ties="one") == pytest.approx(1.0)
    expected = ["core"] * 2 + ["semi-periphery"] * 2 + ["periphery"] * 3
    assert P.three_tier(W).tolist() == expected
    top4 = np.array([1, 1, 1, 1, 0, 0, 0], bool)
    assert net.discrete_fit(A, top4, cp_ties="ignore") == pytest.approx(0.8944, abs=1e-4)
    assert P.three_tier(W, cp_ties="ignore").tolist() == ["core"] * 4 + ["periphery"] * 3


def test_fisher_breaks_hand():
    # Three obvious groups; the cuts are midpoints 6.5 and 15.5.
    labels, cuts = net.fisher_breaks(np.array([10, 1, 2, 3, 11, 20.0]), 3)
    assert labels.tolist() == [1, 0, 0, 0, 1, 2]
    assert cuts.tolist() == [6.5, 15.5]


def test_rege_star_hand():
    # Out-star 0 -> 1, 2, 3. Leaves match each other's in-tie from 0 exactly:
    # num = 1 + 1, den = 1 + 1 -> 1. Centre vs leaf: no tie of one has a partner
    # tie of the same direction in the other -> num 0, den 3 + 1 -> 0.
    W = np.zeros((4, 4))
    W[0, 1:] = 1
    S = P.regular_equivalence_rege(W, iterations=3).to_numpy()
    assert S[1, 2] == pytest.approx(1.0)
    assert S[1, 3] == pytest.approx(1.0)
    assert S[0, 1] == pytest.approx(0.0)


def test_rege_chain_hand_iterations():
    # Chain 0 -> 1 -> 2. Iteration 1 (M0 = 1):
    # M01: i's out-tie to 1 matched by j=1's out-tie to 2 (min 1, M12 = 1) -> 1; j's out-tie
    #      to 2 matched by i's out-tie to 1 -> 1; j's in-tie from 0 unmatched -> 0;
    #      num 2, den (1) + (2) = 3 -> 2/3. M12 likewise 2/3. M02: no same-direction
    #      ties -> 0.
    # Iteration 2: M01 = (M12 + M12) / 3 = (2/3 + 2/3) / 3 = 4/9.
    W = np.array([[0, 1, 0], [0, 0, 1], [0, 0, 0]], dtype=float)
    S1 = P.regular_equivalence_rege(W, iterations=1).to_numpy()
    assert S1[0, 1] == pytest.approx(2 / 3)
    assert S1[1, 2] == pytest.approx(2 / 3)
    assert S1[0, 2] == pytest.approx(0.0)
    S2 = P.regular_equivalence_rege(W, iterations=2).to_numpy()
    assert S2[0, 1] == pytest.approx(4 / 9)
    # Truncating to the strongest partner only changes nothing for degree <= 2.
    S2t = P.regular_equivalence_rege(W, iterations=2, max_partners=2).to_numpy()
    np.testing.assert_allclose(S2t, S2)


def test_structural_equivalence_hand():
    # 0 sends to 1 and 2; 1 and 2 only receive from 0: identical profiles once the
    # pair's own cells are dropped (correlation 1, Euclidean distance 0).
    W = np.array([[0, 1, 1], [0, 0, 0], [0, 0, 0]], dtype=float)
    assert P.structural_equivalence(W).iloc[1, 2] == pytest.approx(1.0)
    se = P.structural_equivalence(W, method="euclidean")
    assert se.iloc[1, 2] == pytest.approx(1.0)
    # Euclidean distance 0 vs 1: profiles (row, col) without cells of the pair:
    # node 0 w/o {0,1}: row (x02=1), col (x20=0); node 1: row (x12=0), col (x21=0)
    # -> d^2 = 1 -> d = 1 = max distance -> similarity 0.
    assert se.iloc[0, 1] == pytest.approx(0.0)
    with pytest.raises(ModelError):
        P.structural_equivalence(W, method="bogus")


# A and B trade with the same partners in the same proportions; B's every tie is twice A's.
# Order: A, B, C, D, E, F. C-D and E-F trade 5 each way; C, D also trade with E, F.
SCALED = np.array(
    [
        # A  B  C  D  E  F
        [0, 0, 1, 3, 0, 0],  # A exports: shares (C, D) = (1/4, 3/4)
        [0, 0, 2, 6, 0, 0],  # B = 2 x A: shares (2/8, 6/8), the same
        [2, 4, 0, 5, 1, 1],  # C -> A 2, C -> B 4
        [1, 2, 5, 0, 1, 1],  # D -> A 1, D -> B 2: A's import shares (2/3, 1/3) = B's (4/6, 2/6)
        [0, 0, 1, 1, 0, 5],
        [0, 0, 1, 1, 5, 0],
    ],
    dtype=float,
)


def test_share_profiles_make_a_scaled_copy_structurally_equivalent():
    # Level profiles: d_AB^2 = (1-2)^2 + (3-6)^2 [exports to C, D]
    #                        + (2-4)^2 + (1-2)^2 [imports from C, D] = 15.
    D_level = net.structural_euclidean(SCALED)
    assert D_level[0, 1] == pytest.approx(np.sqrt(15.0))
    # Share profiles: exports (1/4, 3/4) and imports (2/3, 1/3) for both, so d_AB = 0.
    S_out, S_in = net.share_profiles(SCALED)
    assert S_out[0, [2, 3]] == pytest.approx([0.25, 0.75])
    assert S_in[1, [2, 3]] == pytest.approx([4 / 6, 2 / 6])
    assert net.structural_euclidean(S_out, S_in)[0, 1] == pytest.approx(0.0, abs=1e-12)
    S = P.structural_equivalence(SCALED, method="euclidean", profile="shares")
    assert S.iloc[0, 1] == pytest.approx(1.0)
    assert P.structural_equivalence(SCALED, method="euclidean").iloc[0, 1] < 1.0


def test_two_equivalent_nodes_of_different_size_get_the_same_role():
    S = P.structural_equivalence(SCALED, method="euclidean", profile="shares")
    for clustering in ("ward", "average"):
        bm = P.blockmodel_positions(SCALED, S, n_blocks=3, clustering=clustering)
        assert bm.block.iloc[0] == bm.block.iloc[1], clustering
        assert bm.zone.iloc[0] == bm.zone.iloc[1], clustering
    res = P.positions(
        None,
        pd.DataFrame(
            [
                {"iso3_o": a, "iso3_d": b, "year": 2000, "flow_musd": SCALED[i, j]}
                for i, a in enumerate("ABCDEF")
                for j, b in enumerate("ABCDEF")
                if SCALED[i, j] > 0
            ]
        ),
        years=[2000],
        methods=["blockmodel_se"],
        transform="raw",
        se_profile="shares",
        min_countries=6,
    ).set_index("iso3")
    assert res.loc["A", "zone"] == res.loc["B", "zone"]


def test_share_profile_options_are_checked():
    with pytest.raises(ModelError, match="profile"):
        P.structural_equivalence(SCALED, profile="size")
    with pytest.raises(ModelError, match="euclidean"):
        P.structural_equivalence(SCALED, method="correlation", profile="shares")
    with pytest.raises(ModelError, match="se_profile"):
        P.positions(None, None, years=[2000], methods=["income_ppp"], se_profile="x")


def test_rege_several_relations_hand():
    # 0 sends 1 to node 2 in relation a, 1 sends 1 to node 2 in relation b.
    # One summed network: pair (0, 1) matches min(1, 1) both ways -> (1 + 1) / (1 + 1) = 1.
    # Two relations: sum_r min(x^r_02, x^r_12) = min(1, 0) + min(0, 1) = 0 -> 0 / 2 = 0.
    a = np.zeros((3, 3))
    b = np.zeros((3, 3))
    a[0, 2] = 1.0
    b[1, 2] = 1.0
    one = P.regular_equivalence_rege(a + b, iterations=1)
    two = P.regular_equivalence_rege({"a": a, "b": b}, iterations=1)
    assert one.iloc[0, 1] == pytest.approx(1.0)
    assert two.iloc[0, 1] == pytest.approx(0.0)
    # A relation repeated twice doubles numerator and denominator: same similarities.
    W = np.array([[0, 2, 1, 0], [1, 0, 0, 3], [0, 1, 0, 1], [2, 0, 1, 0]], dtype=float)
    rep = P.regular_equivalence_rege({"x": W, "y": W}).to_numpy()
    assert rep == pytest.approx(P.regular_equivalence_rege(W).to_numpy(), abs=1e-12)


def test_rege_relations_must_share_nodes():
    a = pd.DataFrame(np.eye(3), index=list("ABC"), columns=list("ABC"))
    b = pd.DataFrame(np.eye(3), index=list("ACB"), columns=list("ACB"))
    with pytest.raises(SchemaError, match="same nodes"):
        P.regular_equivalence_rege({"a": a, "b": b})
    with pytest.raises(ModelError, match="no relations"):
        P.regular_equivalence_rege({})


def test_blockmodel_orders_blocks_by_flow():
    z = np.array([0, 0, 1, 1, 2, 2])
    level = np.array([[9, 5, 2], [5, 3, 0], [2, 0, 0]], dtype=float)
    W = level[z][:, z].copy()
    np.fill_diagonal(W, 0)
    for clustering in ("average", "complete", "concor"):
        bm = P.blockmodel_positions(W, n_blocks=3, clustering=clustering)
        assert bm.zone.tolist() == ["core"] * 2 + ["semi-periphery"] * 2 + ["periphery"] * 2
    with pytest.raises(ModelError):
        P.blockmodel_positions(W, n_blocks=2)


def test_concor_splits_every_block_at_each_level():
    # Groups A = {0, 1}, B = {2, 3}, C1 = {4, 5}, C2 = {6, 7, 8}; similarities
    # A-B .8, A-C .1, B-C .2, C1-C2 .9, 1 within a group.
    g = np.array([0, 0, 1, 1, 2, 2, 3, 3, 3])
    lev = np.array([[1, 0.8, 0.1, 0.1], [0.8, 1, 0.2, 0.2], [0.1, 0.2, 1, 0.9], [0.1, 0.2, 0.9, 1]])
    S = lev[g][:, g]
    # Level 1: a row of A has mean (2 + 1.6 + .5) / 9 = .456 and centred is
    # (.544, .544, .344, .344, -.356 x 5); B's (mean .711) is (.289, .289, .489, .489,
    # -.311 x 5): both positive on A + B and negative on C, while the rows of C are
    # negative on A + B and positive on C. The first correlation matrix is positive
    # within A + B and within C and negative between: split A+B | C. C is the
    # larger block (5 members against 4).
    assert net.concor(S, 2).tolist() == [0, 0, 0, 0, 1, 1, 1, 1, 1]
    # Level 2, by hand. Block A+B: rows of S[AB, AB] are (1, 1, .8, .8) and
    # (.8, .8, 1, 1); centred they are +-(.1, .1, -.1, -.1), so the correlation is
    # +1 within A, +1 within B and -1 between: converged, split A | B. Block C:
    # rows (1, 1, .9, .9, .9) and (.9, .9, 1, 1, 1), centred (.06, .06, -.04, -.04,
    # -.04) and its negative: split C1 | C2. Both blocks are split, although three
    # blocks are asked for; splitting only the largest (C) would leave A and B merged.
    assert net.concor(S, 3).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 3]
    assert net.concor(S, 4).tolist() == [0, 0, 1, 1, 2, 2, 3, 3, 3]
    # A block with identical rows (all similarities 1) is not split.
    assert net.concor(np.ones((4, 4)), 3).tolist() == [0, 0, 0, 0]
    # n_blocks = 1 is zero levels.
    assert net.concor(S, 1).tolist() == [0] * 9


def test_adjusted_rand_index_hand():
    assert P.adjusted_rand_index([0, 0, 1, 1, 2], ["a", "a", "b", "b", "c"]) == 1.0
    # a = 000111, b = 001122. Contingency rows (a) x cols (b): [[2,1,0],[0,1,2]].
    # sum C(n_ij,2) = 1 + 1 = 2; rows C(3,2)*2 = 6; cols C(2,2)*3 = 3; C(6,2) = 15.
    # E = 6*3/15 = 1.2; max = (6+3)/2 = 4.5; ARI = (2-1.2)/(4.5-1.2) = 0.8/3.3.
    ari = P.adjusted_rand_index([0, 0, 0, 1, 1, 1], [0, 0, 1, 1, 2, 2])
    assert ari == pytest.approx(0.8 / 3.3)


def test_cohen_kappa_hand():
    a = ["core", "core", "semi-periphery", "periphery"]
    b = ["core", "semi-periphery", "semi-periphery", "periphery"]
    # p_o = 3/4; marginals a (.5,.25,.25), b (.25,.5,.25);
    # p_e = .125 + .125 + .0625 = .3125; kappa = .4375 / .6875.
    assert P.cohen_kappa(a, b) == pytest.approx(0.4375 / 0.6875)
    # Linear weights on the ordered zones: one disagreement of distance 1 -> w = 0.5.
    # sum w*p_o = 0.5 * 1/4 = 0.125. Expected: w-weighted sum of marginal products:
    # core-semi .5*.5*.5 + core-peri 1*.5*.25 + semi-core .5*.25*.25 + semi-peri .5*.25*.25
    # + peri-core 1*.25*.25 + peri-semi .5*.25*.5 = .125+.125+.03125+.03125+.0625+.0625 = .4375
    assert P.cohen_kappa(a, b, weights="linear") == pytest.approx(1 - 0.125 / 0.4375)


def test_income_zones_mixture_and_density():
    rng = np.random.default_rng(1)
    y = np.concatenate([rng.normal(m, 0.2, 40) for m in (6.0, 8.0, 10.0)])
    f = pd.DataFrame({"iso3": [f"C{i:03d}" for i in range(120)], "year": 2000, "g": np.exp(y)})
    for method in ("mixture", "density"):
        cp = P.income_cutpoints(f, value_col="g", method=method)
        assert cp.method[0] == method
        assert 6.5 < cp.cut_low[0] < 7.5 and 8.5 < cp.cut_high[0] < 9.5
        z = P.income_zones(f, value_col="g", method=method, label="income_ppp")
        assert (z.zone.to_numpy() == np.repeat(["periphery", "semi-periphery", "core"], 40)).all()
        assert set(z.method) == {"income_ppp"}
    with pytest.raises(ModelError):
        P.income_cutpoints(f, value_col="g", min_countries=500)


def test_income_density_falls_back_when_unimodal():
    rng = np.random.default_rng(2)
    f = pd.DataFrame(
        {"iso3": [f"C{i}" for i in range(200)], "year": 1990, "g": np.exp(rng.normal(8, 1, 200))}
    )
    cp = P.income_cutpoints(f, value_col="g", method="density", bw_method="silverman")
    assert cp.method[0] == "mixture (density fallback)"


def test_trade_matrix_sums_and_missing():
    d = pd.DataFrame(
        {
            "iso3_o": ["A", "A", "B", "C"],
            "iso3_d": ["B", "B", "A", "A"],
            "year": [2000, 2000, 2000, 2000],
            "flow": [1.0, 2.0, -9.0, np.nan],
        }
    )
    W = P.trade_matrix(d, 2000, weight_col="flow", transform="raw")
    assert list(W.index) == ["A", "B"]  # C has no valid flow
    assert W.loc["A", "B"] == 3.0 and W.loc["B", "A"] == 0.0
    Ws = P.trade_matrix(d, 2000, weight_col="flow", transform="share", countries=["A", "B", "C"])
    assert Ws.to_numpy().sum() == pytest.approx(1.0)
    with pytest.raises(SchemaError):
        P.coreness_borgatti_everett(-IDEAL4)


def test_multiplex_skips_empty_network():
    empty = pd.DataFrame(np.zeros((4, 4)), index=list("ABCD"), columns=list("ABCD"))
    tr = pd.DataFrame(IDEAL4, index=list("ABCD"), columns=list("ABCD"))
    mp = P.multiplex_position({"trade": tr, "arms": empty})
    assert mp.attrs["skipped"] == ["arms"]
    assert mp.zone["A"] == "core" and mp.zone["D"] == "periphery"


def test_multiplex_weights_default_and_bad_input():
    tr = pd.DataFrame(IDEAL4, index=list("ABCD"), columns=list("ABCD"))
    al = tr.T.copy()
    arms = tr * 2.0
    nets = {"trade": tr, "arms": arms, "alliances": al}
    # base gets k - 1 = 2; an override changes only the network it names
    assert P.multiplex_position(nets).attrs["weights"] == {
        "trade": 2.0,
        "arms": 1.0,
        "alliances": 1.0,
    }
    assert P.multiplex_position(nets, weights={"arms": 3}).attrs["weights"] == {
        "trade": 2.0,
        "arms": 3.0,
        "alliances": 1.0,
    }
    with pytest.raises(ModelError) as err:
        P.multiplex_position(nets, base="trades")
    assert err.value.field == "base" and err.value.value == "trades"
    with pytest.raises(ModelError) as err:
        P.multiplex_position(nets, weights={"troops": 1.0})
    assert err.value.field == "weights" and err.value.value == "troops"
    with pytest.raises(ModelError) as err:
        P.multiplex_position(nets, weights={"arms": -1.0})
    assert err.value.value == -1.0


def _results():
    # Country A: three methods say core, one periphery. B: tie core/periphery -> the
    # median of votes (core, core, peri, peri) sits between; nearest-to-median tie goes
    # to... both at distance; the rule then prefers semi-periphery (not tied) -> never
    # chosen because it has no votes; among the tied, the one nearer semi wins (equal),
    # so argmin picks the first: core.
    return pd.DataFrame(
        {
            "iso3": ["A"] * 4 + ["B"] * 4,
            "year": 2000,
            "method": ["m1", "m2", "m3", "m4"] * 2,
            "zone": ["core", "core", "core", "periphery", "core", "core", "periphery", "periphery"],
        }
    )


def test_position_ensemble_share():
    e = P.position_ensemble(_results()).set_index("iso3")
    assert e.loc["A", "zone"] == "core" and e.loc["A", "share"] == 0.75
    assert e.loc["B", "share"] == 0.5
    assert e.loc["B", "zone"] in ("core", "periphery")


def test_method_agreement_table():
    r = pd.DataFrame(
        {
            "iso3": list("ABCD") * 2,
            "year": 2000,
            "method": ["x"] * 4 + ["y"] * 4,
            "zone": [
                "core",
                "core",
                "periphery",
                "periphery",
                "core",
                "periphery",
                "periphery",
                "periphery",
            ],
        }
    )
    ag = P.method_agreement(r).set_index(["method_a", "method_b"])
    # x = 0011, y = 0111: n_ij = [[1,1],[0,2]]; sum C = 1; rows 1+1 = 2; cols 0+3 = 3;
    # E = 2*3/6 = 1; max = 2.5; ARI = 0/1.5 = 0.
    assert ag.loc[("x", "y"), "ari"] == pytest.approx(0.0)
    # kappa: p_o = 3/4; p_e = .5*.25 + .5*.75 = .5; kappa = .25/.5 = .5.
    assert ag.loc[("x", "y"), "kappa"] == pytest.approx(0.5)
    assert ag.loc[("x", "x"), "ari"] == 1.0


def test_zone_mobility_and_lasting_moves():
    r = pd.DataFrame(
        {
            "iso3": ["A"] * 4 + ["B"] * 4,
            "year": [1975, 1985, 1995, 2005] * 2,
            "method": "m",
            "zone": [
                "periphery",
                "semi-periphery",
                "semi-periphery",
                "semi-periphery",
                "core",
                "semi-periphery",
                "core",
                "core",
            ],
        }
    )
    t = P.zone_mobility(r, period=10)
    first = t[(t.period_from == 1970)].set_index(["zone_from", "zone_to"])["count"]
    assert first[("periphery", "semi-periphery")] == 1
    assert first[("core", "semi-periphery")] == 1
    assert t["count"].sum() == 6  # 2 countries x 3 transitions
    lm = P.lasting_moves(r, period=10, min_stay=2)
    # A moves up in 1980 and stays 3 periods; B's 1980 move down is reversed (1 period),
    # its 1990 move back up lasts 2 periods.
    assert lm[["iso3", "period", "direction", "periods_stayed"]].values.tolist() == [
        ["A", 1980, "up", 3],
        ["B", 1990, "up", 2],
    ]


def test_positions_rejects_unknown_method():
    with pytest.raises(ModelError):
        P.positions(None, None, years=[2000], methods=["nope"])


def test_rege_auto_is_exact_on_small_networks_and_top_partners_on_large():
    rng = np.random.default_rng(3)

    def run(n, max_partners):
        codes = [f"C{i:03d}" for i in range(n)]
        o, d = np.nonzero(rng.random((n, n)) < 0.5)
        keep = o != d
        dy = pd.DataFrame(
            {
                "iso3_o": np.array(codes)[o[keep]],
                "iso3_d": np.array(codes)[d[keep]],
                "year": 2000,
                "flow_musd": rng.lognormal(0, 1, keep.sum()),
            }
        )
        out = {}
        for mp in ("auto", None, P.REGE_TOP_PARTNERS):
            out[mp] = P.positions(
                None, dy, years=[2000], methods=["blockmodel_rege"], rege_max_partners=mp
            )
        # on these dense networks truncation changes the result, so equality below tells
        other = P.REGE_TOP_PARTNERS if max_partners is None else None
        assert not out[max_partners]["score"].equals(out[other]["score"])
        return out

    small = run(P.REGE_EXACT_MAX, None)
    pd.testing.assert_frame_equal(small["auto"], small[None])
    large = run(P.REGE_EXACT_MAX + 1, P.REGE_TOP_PARTNERS)
    pd.testing.assert_frame_equal(large["auto"], large[P.REGE_TOP_PARTNERS])


def _trimodal(year, shift=0.0, n=40):
    # deterministic normal quantiles of three groups at log 6, 8, 10 (sd 0.25)
    q = stats.norm.ppf((np.arange(n) + 0.5) / n)
    y = np.concatenate([m + 0.25 * q for m in (6.0, 8.0, 10.0)]) + shift
    return pd.DataFrame({"iso3": [f"C{i:03d}" for i in range(3 * n)], "year": year, "g": np.exp(y)})


def test_income_window_of_shifted_copies_gives_the_single_year_cuts():
    # every year is year 2002's distribution shifted by 0.1 a year (growth): centred on
    # its median, the pooled sample is five copies of 2002, whose kernel density and
    # zone shares are those of 2002 alone
    f = pd.concat([_trimodal(y, 0.1 * (y - 2002)) for y in range(2000, 2005)])
    one = P.income_cutpoints(_trimodal(2002), value_col="g")
    pooled = P.income_cutpoints(f, value_col="g", years=[2002])
    assert pooled.year.tolist() == [2002] and pooled.pooled_years[0] == 5
    assert pooled.n[0] == 120
    assert pooled.cut_low[0] == pytest.approx(one.cut_low[0], abs=1e-9)
    assert pooled.cut_high[0] == pytest.approx(one.cut_high[0], abs=1e-9)
    # at the ends the window is truncated: 2000 pools 2000-2002
    assert P.income_cutpoints(f, value_col="g").pooled_years.tolist() == [3, 4, 5, 4, 3]
    # window=1 is the single-year rule
    w1 = P.income_cutpoints(f, value_col="g", window=1).set_index("year")
    assert w1.loc[2002, "cut_high"] == pytest.approx(one.cut_high[0], abs=1e-12)
    assert w1.loc[2004, "cut_high"] == pytest.approx(one.cut_high[0] + 0.2, abs=1e-9)
    rec = [m for m in prov.get(pooled).methods if m.name == "income_cutpoints"]
    assert dict(rec[-1].params)["window"] == 5


def test_income_window_pools_only_the_years_own_countries():
    # a neighbouring year with ten extra countries far above everyone does not move
    # the cut of 2002: only 2002's countries enter its window
    extra = pd.DataFrame({"iso3": [f"X{i}" for i in range(10)], "year": 2003, "g": np.exp(13.0)})
    base = pd.concat([_trimodal(2001), _trimodal(2002), _trimodal(2003)])
    a = P.income_cutpoints(base, value_col="g", years=[2002])
    b = P.income_cutpoints(pd.concat([base, extra]), value_col="g", years=[2002])
    assert (a.cut_low[0], a.cut_high[0]) == (b.cut_low[0], b.cut_high[0])


@pytest.mark.parametrize("window", [0, 4, 2.5, True])
def test_income_window_must_be_a_positive_odd_integer(window):
    with pytest.raises(ModelError, match="window"):
        P.income_cutpoints(_trimodal(2000), value_col="g", window=window)


def _groups(spec, year=2000):
    # deterministic normal quantiles: (mean, sd, count) per group
    q = [m + s * stats.norm.ppf((np.arange(n) + 0.5) / n) for m, s, n in spec]
    y = np.concatenate(q)
    return pd.DataFrame(
        {"iso3": [f"C{i:03d}" for i in range(len(y))], "year": year, "g": np.exp(y)}
    )


def test_income_outermost_antimodes_bound_the_periphery_and_the_core():
    # four groups (log 6, 8, 9, 10.5): the core is the richest group, the periphery
    # the poorest, the two middle groups together the semi-periphery
    f = _groups([(6.0, 0.2, 40), (8.0, 0.2, 40), (9.0, 0.2, 40), (10.5, 0.2, 30)])
    cp = P.income_cutpoints(f, value_col="g")
    assert cp.method[0] == "density"
    assert 6.5 < cp.cut_low[0] < 7.5 and 9.5 < cp.cut_high[0] < 10.0
    z = P.income_zones(f, value_col="g")
    assert z.zone.value_counts().to_dict() == {"semi-periphery": 80, "periphery": 40, "core": 30}


def test_income_outermost_ignores_a_split_inside_the_periphery():
    # the periphery is split by a deep gap (log 5.8 and 6.6) and the richest group
    # (9.6) is only shallowly apart from the wide middle (8.0): the deepest pair of
    # antimodes is the gap and the dip below the middle, which would make 100 of 150
    # states core (the fault of 2015 at PPP); the outermost pair cuts below 9.6
    f = _groups([(5.8, 0.08, 25), (6.6, 0.08, 25), (8.0, 0.4, 70), (9.6, 0.25, 30)])
    old = P.income_cutpoints(f, value_col="g", select="prominence")
    assert old.cut_high[0] < 7.5
    cp = P.income_cutpoints(f, value_col="g")
    assert 8.6 < cp.cut_high[0] < 9.3 and 6.0 < cp.cut_low[0] < 6.4
    rec = [m for m in prov.get(cp).methods if m.name == "income_cutpoints"]
    assert dict(rec[-1].params)["select"] == "outermost"
    with pytest.raises(ModelError, match="antimode rule"):
        P.income_cutpoints(f, value_col="g", select="deepest")
