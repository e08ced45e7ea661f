"""Miller & Blair (2009), *Input-Output Analysis*, 2nd ed., ch. 2: the two-sector example.

Published (ch. 2, the numerical two-sector example of the Leontief model): the flows
Z = [[150, 500], [200, 100]] and gross outputs x = [1000, 2000] give
A = [[.15, .25], [.20, .05]] and L = (I - A)^-1 = [[1.2541, 0.3300],
[0.2640, 1.1221]] to four decimals. These four-decimal figures are the
published ones we compare with.

Everything else below (final demand, value added, output and factor
multipliers, the Ghosh side, a new final-demand vector) is *computed by hand*
in the comments from those published Z and x, not quoted from the book.
"""

from __future__ import annotations

import numpy as np
import pytest

from worldsystem import mrio

Z = np.array([[150.0, 500.0], [200.0, 100.0]])
X = np.array([1000.0, 2000.0])
# final demand = x - Z 1 = [1000 - 650, 2000 - 300] = [350, 1700]
Y = np.array([350.0, 1700.0])
# value added = x - 1'Z = [1000 - 350, 2000 - 600] = [650, 1400]
V = np.array([650.0, 1400.0])


def test_published_A_and_L():
    A = mrio.technical_coefficients(Z, X)
    np.testing.assert_allclose(A, [[0.15, 0.25], [0.20, 0.05]], rtol=0, atol=1e-15)
    L = mrio.leontief_inverse(A)
    np.testing.assert_allclose(L, [[1.2541, 0.3300], [0.2640, 1.1221]], rtol=0, atol=5e-5)


def test_exact_inverse_by_hand():
    # det(I - A) = 0.85 * 0.95 - 0.25 * 0.20 = 0.7575
    # L = [[0.95, 0.25], [0.20, 0.85]] / 0.7575
    A = mrio.technical_coefficients(Z, X)
    expected = np.array([[0.95, 0.25], [0.20, 0.85]]) / 0.7575
    np.testing.assert_allclose(mrio.leontief_inverse(A), expected, rtol=1e-13)
    for method in ("dense", "sparse", "iterative"):
        s = mrio.LeontiefSolver(A, method=method)
        np.testing.assert_allclose(s.solve(np.eye(2)), expected, rtol=1e-11)


def test_output_reproduces_x_and_new_demand():
    A = mrio.technical_coefficients(Z, X)
    np.testing.assert_allclose(mrio.leontief_output(A, Y), X, rtol=1e-13)
    # y_new = [600, 1500]:
    # x1 = (0.95*600 + 0.25*1500) / 0.7575 = 945 / 0.7575 = 1247.5248
    # x2 = (0.20*600 + 0.85*1500) / 0.7575 = 1395 / 0.7575 = 1841.5842
    np.testing.assert_allclose(
        mrio.leontief_output(A, [600.0, 1500.0]), [945 / 0.7575, 1395 / 0.7575], rtol=1e-13
    )


def test_output_multipliers():
    # column sums of L: (0.95 + 0.20) / 0.7575 = 1.51815, (0.25 + 0.85) / 0.7575 = 1.45215
    A = mrio.technical_coefficients(Z, X)
    np.testing.assert_allclose(
        mrio.output_multipliers(A), [1.15 / 0.7575, 1.10 / 0.7575], rtol=1e-13
    )


def test_labour_multipliers():
    # labour: 300 and 100 workers, so f = [300/1000, 100/2000] = [0.3, 0.05]
    # m = f L = [(0.3*0.95 + 0.05*0.20), (0.3*0.25 + 0.05*0.85)] / 0.7575
    #         = [0.295, 0.1175] / 0.7575 = [0.389439, 0.155116]
    f = mrio.factor_intensities([300.0, 100.0], X)
    np.testing.assert_allclose(f, [0.3, 0.05], rtol=1e-15)
    m = mrio.factor_multipliers(f, mrio.technical_coefficients(Z, X))
    np.testing.assert_allclose(m, [0.295 / 0.7575, 0.1175 / 0.7575], rtol=1e-13)
    # all labour is embodied in final demand: m . y = 300 + 100
    assert m @ Y == pytest.approx(400.0, rel=1e-13)


def test_ghosh_side():
    # B = x^-1 Z = [[0.15, 0.50], [0.10, 0.05]]
    B = mrio.allocation_coefficients(Z, X)
    np.testing.assert_allclose(B, [[0.15, 0.50], [0.10, 0.05]], rtol=1e-15)
    # G = x^-1 L x (Miller & Blair 2009, ch. 12; follows from B = x^-1 A x)
    L = mrio.leontief_inverse(mrio.technical_coefficients(Z, X))
    G = mrio.ghosh_inverse(B)
    np.testing.assert_allclose(G, np.diag(1 / X) @ L @ np.diag(X), rtol=1e-13)
    # v' G = x'  with v = [650, 1400]
    np.testing.assert_allclose(mrio.ghosh_output(B, V), X, rtol=1e-13)
    # det(I - B) = 0.85*0.95 - 0.5*0.1 = 0.7575; G = [[0.95, 0.5], [0.1, 0.85]] / 0.7575
    # row sums: 1.45 / 0.7575 = 1.914191, 0.95 / 0.7575 = 1.254125
    np.testing.assert_allclose(
        mrio.input_multipliers(B), [1.45 / 0.7575, 0.95 / 0.7575], rtol=1e-13
    )


def test_productive_and_balanced():
    A = mrio.technical_coefficients(Z, X)
    # eigenvalues of A: 0.1 +/- sqrt(0.01 + 0.0425) -> rho = 0.32913
    assert mrio.check_productive(A, exact=True) == pytest.approx(0.1 + np.sqrt(0.0525))
    rep = mrio.check_balanced(Z, Y, X, strict=True)
    assert rep.balanced and rep.max_relative == 0.0
