"""Real UN General Assembly votes (unvotes, sessions 45-74): sanity of the blocs measures.

Reads /work/shared/data/unvotes through the project's loader
(``worldsystem.sources.unvotes``); nothing derived is stored.
"""

from __future__ import annotations

import pytest

from worldsystem.measures import blocs

G7 = ("CAN", "FRA", "DEU", "ITA", "JPN", "GBR")


@pytest.fixture(scope="module")
def post_cold_war(real_data):
    from worldsystem.sources import unvotes

    votes = unvotes.load(real_data)
    rc = unvotes.load_roll_calls(real_data)
    votes = votes.dropna(subset=["iso3"]).merge(rc[["rcid", "session"]], on="rcid")
    votes = votes.loc[votes["session"] >= 45, ["rcid", "session", "iso3", "vote"]]
    return votes, rc[rc["session"] >= 45]


@pytest.fixture(scope="module")
def fit(post_cold_war):
    votes, rc = post_cold_war
    return blocs.ideal_point_model(votes, rc)


def test_us_and_israel_opposite_russia_and_china(fit):
    ip = fit.ideal_points
    assert fit.diagnostics["converged"]
    assert fit.diagnostics["n_bridged_items"] > 50
    wide = ip.pivot(index="session", columns="iso3", values="ideal_point")
    wide = wide[wide.index >= 45]
    low = wide[["RUS", "CHN"]].max(axis=1)
    assert (wide["USA"] > low).all()
    assert (wide["ISR"] > low).all()
    # the US is positive by the anchor, and China is negative throughout
    assert (wide["USA"] > 0).all() and (wide["CHN"] < 0).all()


def test_g7_closer_to_us_than_russia_2019(fit, post_cold_war):
    votes, _ = post_cold_war
    ag = blocs.vote_agreement(votes[votes["session"] == 74])
    al = blocs.alignment(fit.ideal_points, ag.assign(agree_share=ag["kappa"]))
    y2019 = al[al["year"] == 2019].set_index("iso3")
    # chance-corrected agreement (Cohen's kappa) with the US exceeds that with Russia
    assert (y2019.loc[list(G7), "agree_usa"] > y2019.loc[list(G7), "agree_rus"]).all()
    # on the ideal-point scale every G7 member lies between Russia and the US
    x = y2019["ideal_point"]
    assert ((x[list(G7)] > x["RUS"]) & (x[list(G7)] < x["USA"])).all()
    # and above every other BRICS member
    assert x[list(G7)].min() > x[["BRA", "IND", "CHN", "ZAF"]].max()
