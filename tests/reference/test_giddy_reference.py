"""Reference test: measures.dynamics against pysal giddy (BSD-3), a dev-only dependency.

giddy's ``Markov`` estimates the chain from a (countries x periods) class array;
``prais``, ``markov_mobility`` (P = Shorrocks trace index, D = 1 - |det P|,
L2 = 1 - |lambda_2|), ``steady_state`` and ``mfpt`` summarise it. We compare on a
random 4-class panel and on two hand chains.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from worldsystem.measures import dynamics as dyn

giddy = pytest.importorskip("giddy", reason="pysal giddy is not installed (pip install giddy)")
from giddy.ergodic import mfpt, steady_state  # noqa: E402
from giddy.markov import Markov, prais  # noqa: E402
from giddy.mobility import markov_mobility  # noqa: E402


def _panel(seed: int = 7, n: int = 60, T: int = 9) -> np.ndarray:
    rng = np.random.default_rng(seed)
    P = np.array(
        [[0.7, 0.2, 0.1, 0.0], [0.15, 0.6, 0.2, 0.05], [0.05, 0.2, 0.6, 0.15], [0.0, 0.1, 0.2, 0.7]]
    )
    c = np.empty((n, T), dtype=int)
    c[:, 0] = rng.integers(0, 4, n)
    for t in range(1, T):
        for i in range(n):
            c[i, t] = rng.choice(4, p=P[c[i, t - 1]])
    return c


@pytest.mark.parametrize("seed", [7, 11])
def test_markov_matches_giddy(seed):
    c = _panel(seed)
    n, T = c.shape
    frame = pd.DataFrame(
        {
            "iso3": np.repeat([f"c{i:02d}" for i in range(n)], T),
            "year": np.tile(2000 + 5 * np.arange(T), n),
            "state": np.asarray(["q1", "q2", "q3", "q4"])[c.ravel()],
        }
    )
    tm = dyn.transition_matrix(frame, state="state", step=5, n_boot=0, aggregate="point")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        m = Markov(c)
    np.testing.assert_array_equal(tm.counts.to_numpy(), m.transitions)
    np.testing.assert_allclose(tm.P.to_numpy(), m.p, atol=1e-12)
    Pm = tm.P.to_numpy()
    np.testing.assert_allclose(dyn.prais(Pm).to_numpy(), np.asarray(prais(m.p)).ravel())
    ix = dyn.mobility_indices(Pm)
    assert ix["shorrocks"] == pytest.approx(markov_mobility(m.p, measure="P"))
    assert ix["determinant"] == pytest.approx(markov_mobility(m.p, measure="D"))
    assert 1 - ix["second_eigenvalue"] == pytest.approx(markov_mobility(m.p, measure="L2"))
    np.testing.assert_allclose(dyn.ergodic_distribution(Pm), steady_state(m.p), atol=1e-10)
    np.testing.assert_allclose(dyn.mean_first_passage(Pm), mfpt(m.p), rtol=1e-9)


@pytest.mark.parametrize(
    "P",
    [
        [[0.9, 0.1], [0.3, 0.7]],
        [[0.5, 0.5, 0.0], [0.25, 0.5, 0.25], [0.0, 0.5, 0.5]],
    ],
)
def test_hand_chains_match_giddy(P):
    P = np.asarray(P)
    np.testing.assert_allclose(dyn.ergodic_distribution(P), steady_state(P), atol=1e-12)
    np.testing.assert_allclose(dyn.mean_first_passage(P), mfpt(P), rtol=1e-9)
    assert dyn.mobility_indices(P)["shorrocks"] == pytest.approx(markov_mobility(P, "P"))
