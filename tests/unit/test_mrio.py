"""Unit tests of worldsystem.mrio: hand-computed cases and accounting identities."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from worldsystem import mrio
from worldsystem.core.errors import ModelError
from worldsystem.panels.mrio import MRIO


def random_system(n_regions: int, n_sectors: int, seed: int, *, k: int = 2, density=1.0):
    """A balanced productive system: A >= 0 with column sums in [0.1, 0.8], x = L y."""
    rng = np.random.default_rng(seed)
    n = n_regions * n_sectors
    A = rng.random((n, n)) * (rng.random((n, n)) < density)
    colsum = A.sum(axis=0)
    colsum[colsum == 0] = 1.0
    A = A / colsum * rng.uniform(0.1, 0.8, n)
    Y = rng.uniform(1.0, 100.0, (n, n_regions))
    x = np.linalg.solve(np.eye(n) - A, Y.sum(axis=1))
    Z = A * x[None, :]
    F = rng.uniform(0.0, 50.0, (k, n))
    return Z, Y, x, F


# --- coefficients -----------------------------------------------------------------


def test_technical_coefficients_sparse_equals_dense():
    Z, _, x, _ = random_system(2, 3, seed=1, density=0.5)
    dense = mrio.technical_coefficients(Z, x)
    sparse = mrio.technical_coefficients(sp.csr_matrix(Z), x)
    assert sp.issparse(sparse)
    np.testing.assert_allclose(sparse.toarray(), dense, rtol=1e-15)
    np.testing.assert_allclose(dense * x[None, :], Z, rtol=1e-13)


def test_zero_output_column_all_zero_gives_zero_coefficient():
    # sector 2 produces nothing and buys nothing: its column of A is 0
    Z = np.array([[1.0, 2.0, 0.0], [3.0, 4.0, 0.0], [0.0, 0.0, 0.0]])
    x = np.array([10.0, 20.0, 0.0])
    A = mrio.technical_coefficients(Z, x)
    # column 0: [1, 3, 0] / 10; column 1: [2, 4, 0] / 20; column 2: 0
    np.testing.assert_allclose(A, [[0.1, 0.1, 0.0], [0.3, 0.2, 0.0], [0.0, 0.0, 0.0]])


def test_zero_output_with_inputs_raises_unless_asked():
    Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    x = np.array([10.0, 0.0])
    with pytest.raises(ModelError, match="zero output but non-zero flows") as err:
        mrio.technical_coefficients(Z, x)
    assert err.value.value == [1]
    A = mrio.technical_coefficients(Z, x, zero_output="zero")
    np.testing.assert_allclose(A, [[0.1, 0.0], [0.3, 0.0]])
    # Ghosh: row 1 of Z is [3, 4] with x = 0 -> raises too
    with pytest.raises(ModelError, match="rows"):
        mrio.allocation_coefficients(Z, x)


def test_factor_intensities_zero_rule():
    # both zero -> 0; factor without output -> error
    np.testing.assert_allclose(
        mrio.factor_intensities([[5.0, 0.0], [2.0, 0.0]], [10.0, 0.0]), [[0.5, 0.0], [0.2, 0.0]]
    )
    with pytest.raises(ModelError, match="sectors have zero output"):
        mrio.factor_intensities([5.0, 1.0], [10.0, 0.0])
    with pytest.raises(ModelError, match="expected"):
        mrio.factor_intensities([[1.0, 2.0, 3.0]], [1.0, 2.0])


def test_non_finite_output_raises():
    with pytest.raises(ModelError, match="non-finite"):
        mrio.technical_coefficients(np.eye(2), [1.0, np.nan])


# --- checks ---------------------------------------------------------------------------


def test_non_productive_raises_with_radius():
    # A = [[0.6, 0.5], [0.5, 0.6]]: eigenvalues 1.1 and 0.1
    with pytest.raises(ModelError, match=r"spectral radius of A is 1\.1") as err:
        mrio.check_productive([[0.6, 0.5], [0.5, 0.6]])
    assert err.value.value == pytest.approx(1.1)
    with pytest.raises(ModelError, match="not productive"):
        mrio.LeontiefSolver([[0.6, 0.5], [0.5, 0.6]])


def test_non_productive_large_sparse_uses_eigs():
    # 500 x 500 cyclic shift scaled by 1.02: every eigenvalue has modulus 1.02
    n = 500
    P = sp.csr_matrix((np.full(n, 1.02), (np.arange(n), (np.arange(n) + 1) % n)), shape=(n, n))
    with pytest.raises(ModelError, match=r"1\.02"):
        mrio.check_productive(P)


def test_productive_despite_column_sum_above_one():
    # A = [[0, 1.5], [0.1, 0]]: column sum 1.5 > 1, but rho = sqrt(0.15) = 0.3873
    assert mrio.check_productive([[0.0, 1.5], [0.1, 0.0]]) == pytest.approx(np.sqrt(0.15))


def test_column_sum_bound_is_returned():
    # column sums 0.35 and 0.3 -> bound 0.35, no eigenvalues needed
    assert mrio.check_productive([[0.15, 0.25], [0.2, 0.05]]) == pytest.approx(0.35)


def test_check_balanced_report_and_strict():
    Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    Y = np.array([[7.0], [3.0]])
    x = np.array([10.0, 11.0])
    # row 0: 10 - 3 - 7 = 0; row 1: 11 - 7 - 3 = 1 -> relative 1/11
    rep = mrio.check_balanced(Z, Y, x, rtol=0.05)
    np.testing.assert_allclose(rep.residual, [0.0, 1.0])
    assert rep.max_relative == pytest.approx(1 / 11)
    assert rep.worst_row == 1 and not rep.balanced
    with pytest.raises(ModelError, match="not balanced"):
        mrio.check_balanced(Z, Y, x, rtol=0.05, strict=True)
    assert mrio.check_balanced(Z, Y, x, rtol=0.1, strict=True).balanced
    np.testing.assert_allclose(mrio.total_output(Z, Y), [10.0, 10.0])


# --- solvers ----------------------------------------------------------------------


@pytest.mark.parametrize("method", ["dense", "sparse", "iterative"])
def test_solvers_agree(method):
    Z, Y, x, F = random_system(3, 4, seed=7, density=0.4)
    A = mrio.technical_coefficients(sp.csc_matrix(Z), x)
    L = mrio.leontief_inverse(A.toarray())
    s = mrio.LeontiefSolver(A, method=method)
    assert s.method == method
    np.testing.assert_allclose(s.solve(Y), L @ Y, rtol=1e-10)
    f = mrio.factor_intensities(F, x)
    np.testing.assert_allclose(s.solve_transposed(f), f @ L, rtol=1e-10)
    np.testing.assert_allclose(s.solve(Y.sum(axis=1)), x, rtol=1e-10)


def test_auto_method_and_bad_shapes():
    assert mrio.factorize(np.zeros((3, 3))).method == "dense"
    big = sp.identity(30, format="csc") * 0.1
    assert mrio.LeontiefSolver(big, dense_max=10).method == "sparse"
    with pytest.raises(ModelError, match="square"):
        mrio.LeontiefSolver(np.zeros((2, 3)))
    s = mrio.LeontiefSolver(np.zeros((3, 3)))
    with pytest.raises(ModelError, match="right-hand side"):
        s.solve(np.ones(4))
    with pytest.raises(ModelError, match="right-hand side"):
        s.solve_transposed(np.ones((2, 4)))
    with pytest.raises(ModelError, match="unknown method"):
        mrio.LeontiefSolver(np.zeros((2, 2)), method="magic")


# --- embodied flows: a hand-computed two-region case ---------------------------------
# Two regions, one sector each. Z = [[10, 20], [30, 5]], Y = [[60, 10], [15, 50]],
# x = [100, 100] (balanced), f = [1, 2] (factor per unit output).
# A = [[0.1, 0.2], [0.3, 0.05]]; det(I - A) = 0.9 * 0.95 - 0.2 * 0.3 = 0.795
# L = [[0.95, 0.2], [0.3, 0.9]] / 0.795
# L y_1 = [60 * .95 + 15 * .2, 60 * .3 + 15 * .9] / .795 = [60, 31.5] / .795
# L y_2 = [10 * .95 + 50 * .2, 10 * .3 + 50 * .9] / .795 = [19.5, 48] / .795
# footprint = [[1 * 60, 1 * 19.5], [2 * 31.5, 2 * 48]] / .795
# EEBT: domestic multipliers 1 / 0.9 and 2 / 0.95; exports e_12 = 20 + 10 = 30,
# e_21 = 30 + 15 = 45; eebt = [[60 / .9, 30 / .9], [2 * 45 / .95, 2 * 50 / .95]]
Z2 = np.array([[10.0, 20.0], [30.0, 5.0]])
Y2 = np.array([[60.0, 10.0], [15.0, 50.0]])
X2 = np.array([100.0, 100.0])
F2 = np.array([1.0, 2.0])


def test_two_region_by_hand():
    res = mrio.embodied_trade(F2, Z2, Y2, X2, n_regions=2, regions=("N", "S"))
    np.testing.assert_allclose(res.footprint, np.array([[60, 19.5], [63, 96]]) / 0.795, rtol=1e-13)
    np.testing.assert_allclose(
        res.eebt, [[60 / 0.9, 30 / 0.9], [90 / 0.95, 100 / 0.95]], rtol=1e-13
    )
    np.testing.assert_allclose(res.exports, [[0.0, 30.0], [45.0, 0.0]])
    # both attribute all factor use: row sums = f_r x_r = [100, 200]
    np.testing.assert_allclose(res.footprint.sum(axis=1), [100.0, 200.0], rtol=1e-13)
    np.testing.assert_allclose(res.eebt.sum(axis=1), [100.0, 200.0], rtol=1e-13)
    # net footprint flows: N gives 19.5/.795 = 24.528, receives 63/.795 = 79.245
    np.testing.assert_allclose(mrio.net_flows(res.footprint), [-43.5 / 0.795, 43.5 / 0.795])
    frame = res.to_frame("eebt")
    assert list(frame.index) == ["N", "S"] and frame.loc["S", "N"] == pytest.approx(90 / 0.95)
    assert mrio.net_flows(frame)["N"] == pytest.approx(30 / 0.9 - 90 / 0.95)


def test_embodied_in_final_demand_and_by_product():
    A = mrio.technical_coefficients(Z2, X2)
    E = mrio.embodied_in_final_demand(F2, A, Y2)
    np.testing.assert_allclose(E, np.array([[60, 19.5], [63, 96]]) / 0.795, rtol=1e-13)
    m = mrio.factor_multipliers(F2, A)
    Ep = mrio.embodied_by_product(m, Y2)
    # same footprint per consumer, different attribution
    np.testing.assert_allclose(Ep.sum(axis=0), E.sum(axis=0), rtol=1e-13)
    assert not np.allclose(Ep, E)


def test_net_flows_and_aggregate():
    M = np.arange(9.0).reshape(3, 3)
    # row sums 3, 12, 21; column sums 9, 12, 15
    np.testing.assert_allclose(mrio.net_flows(M), [-6.0, 0.0, 6.0])
    agg, labels = mrio.aggregate(M, ["N", "S", "S"])
    assert labels == ("N", "S")
    # NN = 0, NS = 1 + 2, SN = 3 + 6, SS = 4 + 5 + 7 + 8
    np.testing.assert_allclose(agg, [[0, 3], [9, 24]])
    stacked, _ = mrio.aggregate(np.stack([M, 2 * M]), ["N", "S", "S"])
    np.testing.assert_allclose(stacked[1], 2 * agg)
    with pytest.raises(ModelError, match="one label per region"):
        mrio.aggregate(M, ["N", "S"])


def test_aggregate_frame_with_mapping():
    res = mrio.embodied_trade(F2, Z2, Y2, X2, n_regions=2, regions=("N", "S"))
    df = mrio.aggregate(res.to_frame(), {"N": "all", "S": "all"})
    assert df.loc["all", "all"] == pytest.approx(300.0)
    with pytest.raises(ModelError, match="no group"):
        mrio.aggregate(res.to_frame(), {"N": "all"})


# --- identities on random systems -------------------------------------------------------


def _check_identities(n_regions, n_sectors, seed, method="auto"):
    Z, Y, x, F = random_system(n_regions, n_sectors, seed)
    f = mrio.factor_intensities(F, x)
    res = mrio.embodied_trade(f, Z, Y, x, n_regions=n_regions, method=method)
    total = F.sum(axis=1)  # = f x
    # total factor = factor embodied in all final demand (both methods)
    np.testing.assert_allclose(res.footprint.sum(axis=(1, 2)), total, rtol=1e-10)
    np.testing.assert_allclose(res.eebt.sum(axis=(1, 2)), total, rtol=1e-10)
    # production-based by region = row sums
    prod = F.reshape(F.shape[0], n_regions, n_sectors).sum(axis=2)
    np.testing.assert_allclose(res.footprint.sum(axis=2), prod, rtol=1e-10)
    np.testing.assert_allclose(res.eebt.sum(axis=2), prod, rtol=1e-10)
    # world net flows sum to zero
    scale = np.abs(total).max()
    assert np.all(np.abs(mrio.net_flows(res.footprint).sum(axis=-1)) <= 1e-10 * scale)
    assert np.all(np.abs(mrio.net_flows(res.eebt).sum(axis=-1)) <= 1e-10 * scale)
    # by-sector arrays sum to the region matrices
    np.testing.assert_allclose(
        res.footprint_by_sector.reshape(-1, n_regions, n_sectors, n_regions).sum(axis=2),
        res.footprint,
        rtol=1e-12,
    )
    return res


def test_identities_dense_sparse_iterative_agree():
    results = [_check_identities(3, 4, seed=3, method=m) for m in ("dense", "sparse", "iterative")]
    for other in results[1:]:
        np.testing.assert_allclose(other.footprint, results[0].footprint, rtol=1e-9)
        np.testing.assert_allclose(other.eebt, results[0].eebt, rtol=1e-12)


def test_sparse_inputs_give_same_flows():
    Z, Y, x, F = random_system(3, 2, seed=11, density=0.5)
    f = mrio.factor_intensities(F, x)
    dense = mrio.embodied_trade(f, Z, Y, x, n_regions=3)
    sparse = mrio.embodied_trade(f, sp.csr_matrix(Z), Y, x, n_regions=3, method="sparse")
    np.testing.assert_allclose(sparse.footprint, dense.footprint, rtol=1e-10)
    np.testing.assert_allclose(sparse.eebt, dense.eebt, rtol=1e-10)
    np.testing.assert_allclose(sparse.exports, dense.exports, rtol=1e-13)


@settings(max_examples=40, deadline=None)
@given(
    n_regions=st.integers(1, 4),
    n_sectors=st.integers(1, 4),
    seed=st.integers(0, 2**32 - 1),
)
def test_identities_property(n_regions, n_sectors, seed):
    _check_identities(n_regions, n_sectors, seed)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 8), seed=st.integers(0, 2**32 - 1))
def test_ghosh_leontief_duality_property(n, seed):
    Z, _y, x, _ = random_system(1, n, seed)
    A = mrio.technical_coefficients(Z, x)
    B = mrio.allocation_coefficients(Z, x)
    v = x - Z.sum(axis=0)  # value added
    np.testing.assert_allclose(mrio.ghosh_output(B, v), x, rtol=1e-9)
    L = mrio.leontief_inverse(A)
    np.testing.assert_allclose(mrio.output_multipliers(A), L.sum(axis=0), rtol=1e-10)
    # value-added multipliers sum to one: (v/x) L = 1'  (every unit of final demand
    # is paid to primary inputs somewhere)
    np.testing.assert_allclose(mrio.factor_multipliers(v / x, A), np.ones(n), rtol=1e-9)


# --- MRIO convenience and batches -----------------------------------------------------


def _table(year, seed):
    Z, Y, x, F = random_system(2, 3, seed)
    # split each region's final demand into two categories (0.3 / 0.7)
    Yc = np.repeat(Y, 2, axis=1) * np.tile([0.3, 0.7], 2)
    return MRIO(
        Z=Z,
        Y=Yc,
        x=x,
        regions=("AAA", "BBB"),
        sectors=("s1", "s2", "s3"),
        fd_categories=("hh", "gov"),
        satellites={"labour": F[0], "va": F[1]},
        year=year,
    )


def test_embodied_flows_on_mrio_matches_arrays():
    t = _table(2000, seed=5)
    res = mrio.embodied_flows(t, ["va", "labour"])
    assert res.satellites == ("va", "labour") and res.regions == ("AAA", "BBB")
    f = mrio.factor_intensities(np.vstack([t.satellites["va"], t.satellites["labour"]]), t.x)
    direct = mrio.embodied_trade(f, t.Z, t.final_demand_by_region(), t.x, n_regions=2)
    np.testing.assert_allclose(res.footprint, direct.footprint, rtol=1e-14)
    assert res.to_frame("footprint", "labour").loc["AAA", "BBB"] == pytest.approx(
        direct.footprint[1, 0, 1]
    )
    m, names = mrio.mrio_multipliers(t)
    assert names == ("labour", "va")
    np.testing.assert_allclose(m @ t.final_demand_by_region().sum(axis=1), f[::-1] @ t.x)
    with pytest.raises(ModelError, match="not in the MRIO"):
        mrio.embodied_flows(t, ["hours"])


def test_embodied_flows_by_year():
    tables = [_table(2000, seed=1), _table(2001, seed=2)]
    out = dict(mrio.embodied_flows_by_year(tables))
    assert sorted(out) == [2000, 2001]
    for t in tables:
        total = t.satellites["labour"].sum()
        assert out[t.year].footprint[0].sum() == pytest.approx(total, rel=1e-10)
    assert not np.allclose(out[2000].footprint, out[2001].footprint)
