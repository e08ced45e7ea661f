"""Example-world recovery: polarity measures find the planted capability leader and second."""

from __future__ import annotations

import pytest

from worldsystem.core import provenance as prov
from worldsystem.measures import polarity as P

example = pytest.importorskip("worldsystem.example")


@pytest.fixture(scope="module")
def world():
    return example.world(seed=0)


def test_cinc_recovers_planted_leader_and_second(world):
    cy = world.country_years
    table = P.polarity_table(cy, index="cinc")
    # The example world plants truth.leader / truth.second as the first and second
    # states by CINC averaged over the years; every year's ranking should agree.
    assert (table["leader_iso3"] == world.truth.leader).all()
    assert (table["second_iso3"] == world.truth.second).all()
    assert table["year"].tolist() == sorted(cy["year"].unique().tolist())
    # the mean-over-years CINC ranking equals the planted one
    mean = P.cinc(cy).groupby("iso3")["cinc"].mean().sort_values(ascending=False)
    assert list(mean.index[:2]) == [world.truth.leader, world.truth.second]
    # provenance still marks the example data
    assert prov.get(table).is_example


def test_example_all_indices_run_and_shares_sum_to_one(world):
    cy = world.country_years
    for index in P.available_indices(cy):
        shares = P.index_shares(cy, index)
        sums = shares.groupby("year")["share"].sum()
        assert ((sums - 1).abs() < 1e-9).all(), index
    boot = P.bootstrap_cinc(cy, n_draws=200, seed=0)
    assert (boot.poles["poles_lo"] <= boot.poles["effective_poles"]).all()
    assert (boot.poles["effective_poles"] <= boot.poles["poles_hi"]).all()
