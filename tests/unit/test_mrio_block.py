"""The block Leontief solver and low-rank updates against dense LU on small tables.

Every comparison is with ``mrio.leontief_inverse`` (one LAPACK LU of the whole
matrix) or a fresh ``LeontiefSolver``, on random productive block tables of 3-4
regions and 2-5 sectors built so that the share of imported inputs is known.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import scipy.sparse as sp

import worldsystem as ws
from worldsystem import mrio
from worldsystem.core.errors import ModelError


def block_table(R: int, S: int, seed: int, *, import_share=(0.1, 0.3), colsum=(0.3, 0.7)):
    """A productive A >= 0 with dense domestic blocks and a given import share per column.

    Column j has total input coefficient ``c_j ~ U(colsum)``; a share
    ``s_j ~ U(import_share)`` of it comes from other regions.
    """
    rng = np.random.default_rng(seed)
    n = R * S
    reg = np.arange(n) // S
    own = reg[:, None] == reg[None, :]
    A = rng.random((n, n)) + 0.01
    c = rng.uniform(*colsum, n)
    s = rng.uniform(*import_share, n)
    dom = np.where(own, A, 0.0)
    off = np.where(own, 0.0, A)
    A = dom / dom.sum(axis=0) * c * (1 - s) + off / off.sum(axis=0) * c * s
    return A


def rel_residual(A, X, B):
    n = A.shape[0]
    return np.linalg.norm(B - (np.eye(n) - A) @ X, axis=0) / np.linalg.norm(B, axis=0)


CASES = [
    # (regions, sectors, seed, import share, column sums)
    (3, 2, 0, (0.1, 0.3), (0.3, 0.7)),
    (4, 5, 1, (0.1, 0.3), (0.3, 0.7)),
    (3, 4, 2, (0.1, 0.3), (0.3, 0.7)),
    # strong inter-regional feedback: 85-95 % of inputs imported, column sums near 1,
    # so rho(P^-1 A_O) is close to rho(A) ~ 0.97
    (4, 3, 3, (0.85, 0.95), (0.95, 0.98)),
]


@pytest.mark.parametrize("iteration", ["gmres", "jacobi"])
@pytest.mark.parametrize(("R", "S", "seed", "imp", "cs"), CASES)
def test_block_solver_equals_dense_lu(R, S, seed, imp, cs, iteration):
    A = block_table(R, S, seed, import_share=imp, colsum=cs)
    n = R * S
    L = mrio.leontief_inverse(A)
    rng = np.random.default_rng(seed + 100)
    B = rng.uniform(0.0, 10.0, (n, R))
    F = rng.uniform(0.0, 5.0, (2, n))
    s = mrio.BlockLeontiefSolver(A, n_regions=R, iteration=iteration)
    X = s.solve(B)
    info = s.last_info
    assert info.converged and info.fallback is None
    assert info.method == f"block-{iteration}" and info.n_rhs == R
    assert info.residual <= 1e-10
    # the reported residual is the true one
    assert rel_residual(A, X, B).max() == pytest.approx(info.residual, rel=1e-3, abs=1e-15)
    np.testing.assert_allclose(X, L @ B, rtol=1e-10)
    M = s.solve_transposed(F)
    assert s.last_info.transposed and s.last_info.residual <= 1e-10
    np.testing.assert_allclose(M, F @ L, rtol=1e-10)
    np.testing.assert_allclose(s.solve(B[:, 0]), L @ B[:, 0], rtol=1e-10)


def test_strong_feedback_needs_more_iterations():
    weak = mrio.BlockLeontiefSolver(block_table(4, 3, 3), n_regions=4, iteration="jacobi")
    strong = mrio.BlockLeontiefSolver(
        block_table(4, 3, 3, import_share=(0.85, 0.95), colsum=(0.95, 0.98)),
        n_regions=4,
        iteration="jacobi",
    )
    b = np.ones(12)
    weak.solve(b)
    strong.solve(b)
    assert strong.last_info.iterations > 5 * weak.last_info.iterations
    # the Jacobi rate estimates rho(P^-1 A_O): below 0.3 for 10-30 % imports
    assert weak.last_info.feedback < 0.3 < 0.8 < strong.last_info.feedback < 1.0


def test_sparse_dense_and_flows_construction_agree():
    R, S = 3, 4
    A = block_table(R, S, 5)
    A[A < 0.01] = 0.0
    x = np.random.default_rng(5).uniform(10.0, 100.0, R * S)
    Z = A * x[None, :]
    B = np.eye(R * S)[:, :3]
    ref = mrio.leontief_inverse(A) @ B
    solvers = [
        mrio.BlockLeontiefSolver(A, n_regions=R),
        mrio.BlockLeontiefSolver(sp.csr_matrix(A), n_regions=R),
        mrio.BlockLeontiefSolver.from_flows(Z, x, n_regions=R),
        mrio.BlockLeontiefSolver.from_flows(sp.csc_matrix(Z), x, n_regions=R),
    ]
    for s in solvers:
        np.testing.assert_allclose(s.solve(B), ref, rtol=1e-10)
        np.testing.assert_allclose(s.to_sparse().toarray(), A, rtol=1e-14, atol=1e-300)
    assert solvers[0].nnz_offdiag == int(
        (A * (np.arange(12)[:, None] // S != np.arange(12) // S) > 0).sum()
    )


def test_threads_give_identical_results():
    A = block_table(4, 5, 8)
    B = np.random.default_rng(8).random((20, 4))
    one = mrio.BlockLeontiefSolver(sp.csr_matrix(A), n_regions=4, threads=1)
    two = mrio.BlockLeontiefSolver(sp.csr_matrix(A), n_regions=4, threads=2)
    np.testing.assert_array_equal(one.solve(B), two.solve(B))
    np.testing.assert_array_equal(one.solve_transposed(B.T), two.solve_transposed(B.T))
    two.close()


def test_domestic_multipliers_from_the_factored_blocks():
    A = block_table(3, 4, 9)
    f = np.random.default_rng(9).random((2, 12))
    s = mrio.BlockLeontiefSolver(A, n_regions=3)
    np.testing.assert_allclose(
        s.domestic_multipliers(f), mrio.domestic_multipliers(f, A, n_regions=3), rtol=1e-12
    )
    # by hand for region 0: f_0 (I - A_00)^-1
    np.testing.assert_allclose(
        s.domestic_multipliers(f[0])[:4], f[0, :4] @ np.linalg.inv(np.eye(4) - A[:4, :4])
    )


def test_non_convergence_falls_back_to_lu_and_says_so():
    A = block_table(4, 3, 3, import_share=(0.85, 0.95), colsum=(0.95, 0.98))
    B = np.random.default_rng(3).random((12, 2))
    s = mrio.BlockLeontiefSolver(A, n_regions=4, iteration="jacobi", maxiter=3)
    with pytest.warns(RuntimeWarning, match="solved by dense-lu"):
        X = s.solve(B)
    info = s.last_info
    assert not info.converged and info.method == "dense-lu"
    assert "above rtol=1e-10" in info.fallback and info.iterations >= 3
    assert info.residual <= 1e-12
    np.testing.assert_allclose(X, mrio.leontief_inverse(A) @ B, rtol=1e-12)
    assert info.as_dict()["fallback"] == info.fallback
    strict = mrio.BlockLeontiefSolver(A, n_regions=4, iteration="gmres", maxiter=2, fallback=False)
    with pytest.raises(ModelError, match="above rtol"):
        strict.solve(B)


def test_non_productive_table_raises():
    # every column sum is in [1.08, 1.14], so rho(A) >= min column sum > 1
    A = block_table(3, 3, 4, colsum=(0.9, 0.95)) * 1.2
    assert np.max(np.abs(np.linalg.eigvals(A))) > 1.0
    with pytest.raises(ModelError, match="not productive"):
        mrio.BlockLeontiefSolver(A, n_regions=3)
    with pytest.raises(ModelError, match="equal region blocks"):
        mrio.BlockLeontiefSolver(block_table(3, 3, 4), n_regions=2)
    with pytest.raises(ModelError, match="unknown iteration"):
        mrio.BlockLeontiefSolver(block_table(3, 3, 4), n_regions=3, iteration="sor")


def test_productive_with_a_column_sum_above_one():
    # column sum bound fails (one column sums to 1.2) but rho(A) < 1: no error
    A = block_table(3, 2, 6)
    A[:, 0] *= 1.2 / A[:, 0].sum()
    rho = np.max(np.abs(np.linalg.eigvals(A)))
    assert rho < 1.0
    s = mrio.BlockLeontiefSolver(A, n_regions=3)
    assert s.spectral_bound == pytest.approx(rho)
    np.testing.assert_allclose(s.solve(np.ones(6)), mrio.leontief_output(A, np.ones(6)))


# --- Woodbury --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["dense", "block"])
def test_woodbury_update_equals_refactoring(kind):
    R, S = 3, 4
    n = R * S
    A = block_table(R, S, 12)
    rng = np.random.default_rng(12)
    # scenario: rows 2 and 7 of A cut by 40 % and 70 %, plus a rank-1 column change
    rows = np.array([2, 7])
    U = np.zeros((n, 3))
    U[rows, [0, 1]] = 1.0
    V = np.zeros((3, n))
    V[0] = -0.4 * A[2]
    V[1] = -0.7 * A[7]
    U[:, 2] = 0.05 * rng.random(n)
    V[2, 5] = 1.0
    A_new = A + U @ V
    base = mrio.LeontiefSolver(A) if kind == "dense" else mrio.BlockLeontiefSolver(A, n_regions=R)
    up = base.update(U, V)
    fresh = mrio.LeontiefSolver(A_new)
    B = rng.random((n, 2))
    F = rng.random((2, n))
    np.testing.assert_allclose(up.solve(B), fresh.solve(B), rtol=1e-10)
    np.testing.assert_allclose(up.solve(B[:, 0]), fresh.solve(B[:, 0]), rtol=1e-10)
    np.testing.assert_allclose(up.solve_transposed(F), fresh.solve_transposed(F), rtol=1e-10)
    np.testing.assert_allclose(up.solve_transposed(F[1]), fresh.solve_transposed(F[1]), rtol=1e-10)
    # functions that take a solver take the update too
    np.testing.assert_allclose(
        mrio.factor_multipliers(F, up), F @ mrio.leontief_inverse(A_new), rtol=1e-10
    )
    if kind == "block":
        assert up.last_info.method == "block-gmres"


def test_woodbury_singular_update_raises():
    # A = diag(0.5, 0.5); adding 0.5 to a_00 makes I - A singular
    s = mrio.LeontiefSolver(np.diag([0.5, 0.5]))
    with pytest.raises(ModelError, match="singular"):
        s.update([[1.0], [0.0]], [[0.5, 0.0]])
    with pytest.raises(ModelError, match="expected"):
        s.update(np.ones((3, 1)), np.ones((1, 2)))
    assert s.update(np.zeros((2, 0)), np.zeros((0, 2))).solve([1.0, 1.0]) == pytest.approx(
        [2.0, 2.0]
    )


# --- integration into the embodied-flow functions --------------------------------------


def test_auto_method_rule():
    assert mrio.resolve_method("auto", mrio.BLOCK_MIN, 49) == "block"
    assert mrio.resolve_method("auto", mrio.BLOCK_MIN - 1, 49) == "auto"
    assert mrio.resolve_method("auto", 10**5, None) == "auto"
    assert mrio.resolve_method("auto", 10**5, 1) == "auto"
    assert mrio.resolve_method("dense", 10**5, 49) == "dense"
    assert isinstance(
        mrio.factorize(block_table(3, 2, 0), method="block", n_regions=3), mrio.BlockLeontiefSolver
    )
    with pytest.raises(ModelError, match="number of regions"):
        mrio.factorize(block_table(3, 2, 0), method="block")


def _compare_flows(table, rtol):
    dense = mrio.embodied_flows(table, method="dense")
    block = mrio.embodied_flows(table, method="block")
    assert dense.solve_info is None
    info = block.solve_info
    assert info.method == "block-gmres" and info.converged and info.residual <= 1e-10
    for name in ("footprint", "footprint_by_sector", "eebt", "eebt_by_sector", "exports"):
        np.testing.assert_allclose(
            getattr(block, name), getattr(dense, name), rtol=rtol, err_msg=name
        )
    m_dense, _ = mrio.mrio_multipliers(table, method="dense")
    m_block, _ = mrio.mrio_multipliers(table, method="block")
    np.testing.assert_allclose(m_block, m_dense, rtol=rtol)
    return dense, block


def test_block_route_equals_dense_route_on_the_example_world():
    table = ws.example.world(seed=0).mrio
    dense, _block = _compare_flows(table, rtol=1e-9)
    # the default for this size is unchanged: a dense LU, results identical
    auto = mrio.embodied_flows(table)
    assert auto.solve_info is None
    np.testing.assert_array_equal(auto.footprint, dense.footprint)


@pytest.mark.data
def test_block_route_equals_dense_route_on_wiod_2011(real_data):
    try:
        table = ws.panels.mrio(2011, data=real_data)
    except ws.core.errors.SourceError as exc:  # pragma: no cover - depends on the folder
        pytest.skip(f"WIOD 2011 is not usable in WORLDSYSTEM_DATA: {exc}")
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no fallback allowed
        _compare_flows(table, rtol=1e-9)


def test_a_sector_that_sells_nothing_gets_exact_zeros():
    # region 0's sector 0 delivers no intermediates (row of A is zero), so in a direct
    # solve x_0 = b_0 exactly; the block iteration keeps each column's own Krylov
    # vectors, so the columns with b_0 = 0 come out exactly zero there too
    A = block_table(3, 3, 11)
    A[0, :] = 0.0
    B = np.random.default_rng(11).uniform(1.0, 5.0, (9, 3))
    B[0, 1:] = 0.0
    X = mrio.BlockLeontiefSolver(A, n_regions=3).solve(B)
    assert (X[0, 1:] == 0.0).all()
    assert X[0, 0] == pytest.approx(B[0, 0], rel=1e-12)
    np.testing.assert_allclose(X, mrio.leontief_inverse(A) @ B, rtol=1e-10)


# --- the inter-regional panels --------------------------------------------------------


def panel_table():
    """4 regions x 5 sectors: region 0's imports are full rows (dense panel), region 1's
    are two single coefficients (sparse panel), region 2 imports nothing (empty panel)."""
    R, S = 4, 5
    A = block_table(R, S, 21)
    n = R * S
    reg = np.arange(n) // S
    col1 = reg == 1
    A[np.ix_(reg != 1, col1)] = 0.0
    A[3, 7] = 0.05  # region 0, sector 3 -> region 1, sector 2
    A[17, 9] = 0.02  # region 3, sector 2 -> region 1, sector 4
    A[np.ix_(reg != 2, reg == 2)] = 0.0
    A[np.ix_(reg == 1, reg == 0)] = 0.0  # region 0 buys from regions 2 and 3 only
    return A, R, S


def test_panels_hold_exactly_the_inter_regional_part():
    A, R, S = panel_table()
    n = R * S
    own = np.arange(n)[:, None] // S == np.arange(n)[None, :] // S
    for s in (
        mrio.BlockLeontiefSolver(A, n_regions=R),
        mrio.BlockLeontiefSolver(sp.csr_matrix(A), n_regions=R),
    ):
        panels = s._AO
        np.testing.assert_array_equal(panels.to_sparse().toarray(), np.where(own, 0.0, A))
        # region 0 buys from rows 10-19 (all non-zero), region 1 from rows 3 and 17
        np.testing.assert_array_equal(panels.rows[0], np.arange(10, 20))
        np.testing.assert_array_equal(panels.rows[1], [3, 17])
        assert panels.rows[2].size == 0
        assert not sp.issparse(panels.panels[0]) and sp.issparse(panels.panels[1])
        assert s.nnz_offdiag == int(np.count_nonzero(np.where(own, 0.0, A)))
        np.testing.assert_array_equal(s.to_sparse().toarray(), A)
        # the products against plain dense arithmetic
        X = np.random.default_rng(2).random((n, 3))
        AO = np.where(own, 0.0, A)
        np.testing.assert_allclose(panels.matmat(X, False), AO @ X, rtol=1e-14)
        np.testing.assert_allclose(panels.matmat(X, True), AO.T @ X, rtol=1e-14)


@pytest.mark.parametrize("iteration", ["gmres", "jacobi"])
def test_mixed_dense_sparse_and_empty_panels_equal_dense_lu(iteration):
    A, R, S = panel_table()
    n = R * S
    L = mrio.leontief_inverse(A)
    rng = np.random.default_rng(4)
    B = rng.random((n, R))
    F = rng.random((2, n))
    for threads in (1, 2):
        s = mrio.BlockLeontiefSolver(A, n_regions=R, iteration=iteration, threads=threads)
        np.testing.assert_allclose(s.solve(B), L @ B, rtol=1e-10)
        assert s.last_info.converged and s.last_info.residual <= 1e-10
        np.testing.assert_allclose(s.solve_transposed(F), F @ L, rtol=1e-10)
        assert s.last_info.residual <= 1e-10
        s.close()


def test_row_region_sums_in_chunks_with_duplicates():
    from worldsystem.mrio.embodied import _row_region_sums

    rng = np.random.default_rng(7)
    Z = rng.random((6, 6)) * (rng.random((6, 6)) < 0.5)
    region_of = np.repeat(np.arange(3), 2)
    want = Z.reshape(6, 3, 2).sum(axis=2)
    for chunk in (1, 3, 2**22):
        np.testing.assert_allclose(
            _row_region_sums(sp.csr_matrix(Z), region_of, 3, chunk=chunk), want, rtol=1e-15
        )
    # duplicate entries add up, as in the dense sum
    dup = sp.csr_matrix((np.array([1.0, 2.0]), (np.array([0, 0]), np.array([3, 3]))), shape=(6, 6))
    assert _row_region_sums(dup, region_of, 3, chunk=1)[0, 1] == 3.0


def test_krylov_budget_shortens_the_restart_before_splitting_columns(monkeypatch):
    from worldsystem.mrio import block

    A = block_table(4, 5, 23)
    n = 20
    B = np.random.default_rng(23).random((n, 4))
    ref = mrio.leontief_inverse(A) @ B
    s = mrio.BlockLeontiefSolver(A, n_regions=4, restart=30)
    # (30 + 2) basis vectors of n x 4 doubles need 20,480 bytes
    monkeypatch.setattr(block, "KRYLOV_BUDGET", 32 * n * 8 * 2)  # 2 columns per chunk at 30
    assert s._chunks(4) == [slice(0, 4)] and s._restart_run == 14  # 16 vectors - 2
    np.testing.assert_allclose(s.solve(B), ref, rtol=1e-10)
    assert s.last_info.residual <= 1e-10
    monkeypatch.setattr(block, "KRYLOV_BUDGET", 32 * n * 8)  # restart would have to be 6 < 10
    assert s._chunks(4) == [slice(0, 1), slice(1, 2), slice(2, 3), slice(3, 4)]
    assert s._restart_run == 30
    np.testing.assert_allclose(s.solve(B), ref, rtol=1e-10)
    assert s.last_info.residual <= 1e-10


def test_explicit_zeros_and_duplicates_in_sparse_input():
    # CSR built from raw arrays, so nothing is canonicalised: an explicitly stored zero
    # at (3, 12) (region 0 -> region 2, which imports nothing) and A[17, 9] = 0.02
    # stored as two entries of 0.01. Same panels and solves as the dense A; the stored
    # zero may add a zero row to a panel but no non-zero.
    A, R, S = panel_table()
    n = R * S
    coo = sp.coo_matrix(A)
    k = np.flatnonzero((coo.row == 17) & (coo.col == 9))[0]
    vals = np.concatenate([coo.data, [0.0, 0.01]])
    vals[k] = 0.01
    rows = np.concatenate([coo.row, [3, 17]])
    cols = np.concatenate([coo.col, [12, 9]])
    order = np.argsort(rows, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    As = sp.csr_matrix((vals[order], cols[order], indptr), shape=(n, n))
    assert As.nnz == np.count_nonzero(A) + 2
    own = np.arange(n)[:, None] // S == np.arange(n)[None, :] // S
    AO = np.where(own, 0.0, A)
    L = mrio.leontief_inverse(A)
    B = np.random.default_rng(5).random((n, 2))
    for s in (
        mrio.BlockLeontiefSolver(As, n_regions=R),
        mrio.BlockLeontiefSolver.from_flows(As * 10.0, np.full(n, 10.0), n_regions=R),
    ):
        np.testing.assert_allclose(s._AO.to_sparse().toarray(), AO, rtol=1e-15, atol=1e-300)
        assert s.nnz_offdiag == int(np.count_nonzero(AO))
        np.testing.assert_allclose(s._AO.matmat(B, False), AO @ B, rtol=1e-14)
        np.testing.assert_allclose(s.solve(B), L @ B, rtol=1e-10)
