"""The example world's planted ideal points and blocs are recovered."""

from __future__ import annotations

import numpy as np
import pytest

from worldsystem.measures import blocs
from worldsystem.measures.agreement import adjusted_rand_index as _adjusted_rand

example = pytest.importorskip("worldsystem.example")


@pytest.fixture(scope="module")
def world():
    return example.world(seed=0)


def test_planted_ideal_points_recovered(world):
    leader_a = world.truth.bloc_leaders["A"]
    est = blocs.ideal_points(world.votes, bridge=None, anchor=(leader_a, +1))
    both = est.merge(world.ideal_points_truth, on=["iso3", "session"], suffixes=("", "_true"))
    assert len(both) == len(world.ideal_points_truth)
    assert np.corrcoef(both["ideal_point"], both["ideal_point_true"])[0, 1] >= 0.95
    # the anchor (bloc-A leader) is positive, the bloc-B leader negative
    mean = both.groupby("iso3")["ideal_point"].mean()
    assert mean[leader_a] > 0 > mean[world.truth.bloc_leaders["B"]]


def test_planted_blocs_recovered_from_alliances(world):
    edges = blocs.alliance_edges(world.alliances, kinds=("defense",)).assign(weight=1.0)
    # every within-bloc pair, defence or not, counts as an alliance tie
    all_ties = world.alliances.assign(weight=1.0)
    com = blocs.communities(all_ties, weight_col="weight", seed=0)
    assert not edges.empty
    years = sorted(com["year"].unique())
    truth = world.countries.set_index("iso3")["bloc"]
    for yr in (years[0], years[-1]):
        c = com[com["year"] == yr].set_index("iso3")["community"]
        t = truth.reindex(c.index)
        assert set(t) <= {"A", "B"}  # neutrals have no alliance
        assert _adjusted_rand(c, t) == pytest.approx(1.0)
    # labels stay put across years
    first = com[com["year"] == years[0]].set_index("iso3")["community"]
    last = com[com["year"] == years[-1]].set_index("iso3")["community"]
    assert (first.reindex(last.index) == last).all()


def test_alignment_puts_blocs_on_their_sides(world):
    lead = world.truth.bloc_leaders
    est = blocs.ideal_points(world.votes, bridge=None, anchor=(lead["A"], +1))
    # the bloc-B leader plays both "China" and "Russia"
    al = blocs.alignment(est, poles=(lead["A"], lead["B"], lead["B"]))
    last = al[al["year"] == al["year"].max()].set_index("iso3")
    bloc = world.countries.set_index("iso3")["bloc"].reindex(last.index)
    assert (last.loc[bloc == "A", "bloc"] == "US-aligned").mean() >= 0.8
    assert (last.loc[bloc == "B", "bloc"] == "China-Russia-aligned").mean() >= 0.8
