"""Unit tests of worldsystem.measures.blocs: agreement, IRT recovery, labels, alignment."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import _irt, blocs


# --------------------------------------------------------------------------- #
# Vote agreement: 3 countries, 4 roll calls, worked by hand
# --------------------------------------------------------------------------- #
def _toy_votes() -> pd.DataFrame:
    #        rc1      rc2      rc3      rc4
    # AAA    yes      yes      no       abstain
    # BBB    yes      no       no       (absent)
    # CCC    no       yes      abstain  abstain
    rows = [
        (1, "AAA", "yes"), (1, "BBB", "yes"), (1, "CCC", "no"),
        (2, "AAA", "yes"), (2, "BBB", "no"), (2, "CCC", "yes"),
        (3, "AAA", "no"), (3, "BBB", "no"), (3, "CCC", "abstain"),
        (4, "AAA", "abstain"), (4, "CCC", "abstain"),
    ]  # fmt: skip
    df = pd.DataFrame(rows, columns=["rcid", "iso3", "vote"])
    df["session"] = 50
    return df


def test_agreement_hand_computed():
    ag = blocs.vote_agreement(_toy_votes()).set_index(["iso3_a", "iso3_b"])
    assert set(ag["year"]) == {1995}  # session 50 -> 1945 + 50
    # AAA-BBB: common rc1..rc3 (n=3); agree on rc1, rc3 -> p_o = 2/3.
    # AAA on common: yes 2/3, no 1/3; BBB: yes 1/3, no 2/3.
    # Cohen p_e = (2/3)(1/3) + (1/3)(2/3) = 4/9; kappa = (2/3 - 4/9)/(1 - 4/9) = 2/5.
    # Scott: pooled yes 1/2, no 1/2 -> p_e = 1/2; pi = (2/3 - 1/2)/(1/2) = 1/3.
    r = ag.loc[("AAA", "BBB")]
    assert r["n_common"] == 3
    assert r["agree_share"] == pytest.approx(2 / 3)
    assert r["kappa"] == pytest.approx(0.4)
    assert r["pi"] == pytest.approx(1 / 3)
    # AAA-CCC: common rc1..rc4 (n=4); agree on rc2, rc4 -> p_o = 1/2.
    # AAA: yes 2/4, no 1/4, abstain 1/4; CCC: yes 1/4, no 1/4, abstain 2/4.
    # Cohen p_e = (2/4)(1/4) + (1/4)(1/4) + (1/4)(2/4) = 5/16;
    # kappa = (1/2 - 5/16)/(11/16) = 3/11.
    # Scott pooled: yes 3/8, no 2/8, abstain 3/8 -> p_e = (9 + 4 + 9)/64 = 22/64;
    # pi = (1/2 - 22/64)/(42/64) = 10/42 = 5/21.
    r = ag.loc[("AAA", "CCC")]
    assert r["n_common"] == 4
    assert r["agree_share"] == pytest.approx(0.5)
    assert r["kappa"] == pytest.approx(3 / 11)
    assert r["pi"] == pytest.approx(5 / 21)
    # BBB-CCC: common rc1..rc3; agree on none -> p_o = 0.
    # BBB: yes 1/3, no 2/3; CCC: yes 1/3, no 1/3, abstain 1/3.
    # Cohen p_e = 1/9 + 2/9 = 1/3; kappa = (0 - 1/3)/(2/3) = -1/2.
    r = ag.loc[("BBB", "CCC")]
    assert r["agree_share"] == 0.0
    assert r["kappa"] == pytest.approx(-0.5)
    assert len(ag) == 3


def test_agreement_by_session_and_errors():
    ag = blocs.vote_agreement(_toy_votes(), by="session")
    assert "session" in ag.columns and set(ag["session"]) == {50}
    bad = _toy_votes().assign(vote="maybe")
    with pytest.raises(SchemaError, match="vote"):
        blocs.vote_agreement(bad)
    with pytest.raises(SchemaError, match="rcid"):
        blocs.vote_agreement(_toy_votes().drop(columns="rcid"))


# --------------------------------------------------------------------------- #
# Truncated normal moments
# --------------------------------------------------------------------------- #
def test_truncnorm_moments_against_scipy():
    from scipy.stats import truncnorm

    lo = np.array([-np.inf, -1.0, 0.5, 2.0, -40.0, 30.0, -3.0])
    hi = np.array([0.0, 1.0, np.inf, 2.5, -39.0, np.inf, -2.9])
    m, v, logz = _irt.truncnorm_moments(lo, hi)
    ref_m = truncnorm.mean(lo, hi)
    ref_v = truncnorm.var(lo, hi)
    ok = np.isfinite(ref_m)
    np.testing.assert_allclose(m[ok], ref_m[ok], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(v[ok][:4], ref_v[ok][:4], rtol=1e-5)
    assert np.all((m >= lo) & (m <= hi))
    assert logz[0] == pytest.approx(np.log(0.5))
    # deep tail: the mean of N(0,1) | z >= 30 is about 30 + 1/30
    assert m[5] == pytest.approx(30.0333, abs=1e-3)


# --------------------------------------------------------------------------- #
# Ideal points: recovery of a planted dynamic ordinal model
# --------------------------------------------------------------------------- #
def _simulate(seed: int = 1, n_c: int = 40, n_s: int = 6, n_j: int = 40):
    rng = np.random.default_rng(seed)
    names = [f"C{i:02d}" for i in range(n_c)]
    names[0] = "USA"
    x0 = rng.normal(0.0, 1.0, n_c)
    x0[0] = 2.0
    x = x0[:, None] + np.cumsum(rng.normal(0, 0.1, (n_c, n_s)) * (np.arange(n_s) > 0), axis=1)
    rows = []
    rcid = 0
    for s in range(n_s):
        for _ in range(n_j):
            rcid += 1
            beta = rng.choice([-1.0, 1.0]) * rng.uniform(0.8, 2.0)
            c1 = rng.normal(-0.8, 0.5)
            c2 = c1 + rng.uniform(0.3, 1.0)
            z = beta * x[:, s] + rng.normal(size=n_c)
            code = (z > c1).astype(int) + (z > c2).astype(int)
            present = rng.uniform(size=n_c) > 0.05
            for i in np.flatnonzero(present):
                rows.append((rcid, s + 1, names[i], ("no", "abstain", "yes")[code[i]]))
    votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    truth = pd.DataFrame(
        {
            "iso3": np.repeat(names, n_s),
            "session": np.tile(np.arange(1, n_s + 1), n_c),
            "truth": x.ravel(),
        }
    )
    return votes, truth


def test_ideal_points_recover_planted_truth_and_anchor():
    votes, truth = _simulate()
    fit = blocs.ideal_point_model(votes, bridge=None)
    est = fit.ideal_points.merge(truth, on=["iso3", "session"])
    assert len(est) == len(fit.ideal_points) > 200
    assert np.corrcoef(est["ideal_point"], est["truth"])[0, 1] >= 0.95
    assert est.loc[est["iso3"] == "USA", "ideal_point"].mean() > 0
    assert (est["se"] > 0).all()
    assert fit.diagnostics["converged"]
    assert set(fit.ideal_points.columns) >= {"iso3", "session", "year", "ideal_point", "se"}
    assert (fit.ideal_points["year"] == fit.ideal_points["session"] + 1945).all()
    # the anchor decides the sign: anchoring the US negative reflects every point
    neg = blocs.ideal_points(votes, bridge=None, anchor=("USA", -1))
    both = fit.ideal_points.merge(neg, on=["iso3", "session"])
    np.testing.assert_allclose(both["ideal_point_x"], -both["ideal_point_y"], atol=1e-9)


def test_ideal_points_static_and_bootstrap():
    votes, _ = _simulate(seed=2, n_c=25, n_s=3, n_j=30)
    static = blocs.ideal_points(votes, bridge=None, dynamic=False)
    per_country = static.groupby("iso3")["ideal_point"].agg(["min", "max"])
    np.testing.assert_allclose(per_country["min"], per_country["max"], atol=1e-9)
    boot = blocs.ideal_points(votes, bridge=None, se="bootstrap", n_boot=4, seed=3, max_iter=60)
    assert boot["se"].notna().all() and (boot["se"] > 0).all()
    again = blocs.ideal_points(votes, bridge=None, se="bootstrap", n_boot=4, seed=3, max_iter=60)
    np.testing.assert_array_equal(boot["se"].to_numpy(), again["se"].to_numpy())


def test_bridge_groups_rule():
    rc = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6],
            "session": [1, 2, 3, 3, 4, 4],
            "descr": [
                "Israeli practices in the occupied territories (A/1/23)",
                "ISRAELI PRACTICES IN THE OCCUPIED TERRITORIES A/2/99",
                "Economic embargo against Cuba",
                "Economic embargo against Cuba",  # twice in session 3: ambiguous
                "Economic embargo against Cuba",
                "Budget",  # too short
            ],
        }
    )
    keys = blocs.bridge_groups(rc)
    assert keys.loc[1] == keys.loc[2] == "ISRAELI PRACTICES IN THE OCCUPIED TERRITORIES A"
    assert keys.loc[[3, 4, 5, 6]].isna().all()


def test_bridged_items_share_parameters():
    votes, _ = _simulate(seed=4, n_c=20, n_s=2, n_j=10)
    rc = votes[["rcid", "session"]].drop_duplicates().copy()
    rc["descr"] = [
        f"resolution number {chr(65 + (i % 10))} of the assembly" for i in range(len(rc))
    ]
    fit = blocs.ideal_point_model(votes, rc, bridge="descr")
    assert fit.diagnostics["n_bridged_items"] == 10
    bridged = fit.items[fit.items["bridged"]]
    assert (bridged["n_sessions"] == 2).all()
    assert all(len(r) == 2 for r in bridged["rcids"])


def test_ideal_points_errors():
    votes, _ = _simulate(seed=5, n_c=10, n_s=1, n_j=5)
    with pytest.raises(ModelError, match="anchor"):
        blocs.ideal_points(votes, bridge=None, anchor=("ZZZ", 1))
    with pytest.raises(SchemaError, match="roll-call"):
        blocs.ideal_points(votes)  # bridging needs roll calls
    with pytest.raises(ModelError, match="omega2"):
        blocs.ideal_points(votes, bridge=None, omega2=-1.0)


# --------------------------------------------------------------------------- #
# Communities and label matching
# --------------------------------------------------------------------------- #
def test_match_labels_hand_made_two_years():
    # year 1: {A,B,C} = 0, {D,E,F} = 1. Year 2: {D,E,F,G} continues 1 (Jaccard 3/4),
    # {A,B} continues 0 (2/3), {C,H} is new (overlap with 0 is 1/4 but 0 is taken).
    labels, nxt = blocs.match_labels(
        {0: {"A", "B", "C"}, 1: {"D", "E", "F"}},
        [{"D", "E", "F", "G"}, {"A", "B"}, {"C", "H"}],
        next_label=2,
    )
    assert labels == [1, 0, 2] and nxt == 3


def test_communities_labels_follow_blocs_across_years():
    def clique(members, year):
        return [(a, b, year, 1.0) for i, a in enumerate(members) for b in members[i + 1 :]]

    west, east = ["AAA", "BBB", "CCC", "DDD"], ["PPP", "QQQ", "RRR", "SSS"]
    rows = clique(west, 2000) + clique(east, 2000) + [("DDD", "PPP", 2000, 0.1)]
    # in 2001 the east bloc is listed first and DDD defects to the east
    rows += clique([*east, "DDD"], 2001) + clique(west[:3], 2001)
    edges = pd.DataFrame(rows, columns=["iso3_o", "iso3_d", "year", "weight"])
    com = blocs.communities(edges, weight_col="weight", seed=0)
    lab = com.set_index(["year", "iso3"])["community"]
    assert lab[(2000, "AAA")] == lab[(2001, "AAA")]
    assert lab[(2000, "PPP")] == lab[(2001, "PPP")]
    assert lab[(2000, "AAA")] != lab[(2000, "PPP")]
    assert lab[(2001, "DDD")] == lab[(2001, "PPP")]
    with pytest.raises(ModelError, match="non-negative"):
        blocs.communities(edges.assign(weight=-1.0))


def test_alliance_edges_undirected():
    a = pd.DataFrame(
        {
            "iso3_o": ["USA", "GBR", "USA", "RUS"],
            "iso3_d": ["GBR", "USA", "JPN", "CHN"],
            "year": [2000, 2000, 2000, 2000],
            "defense": [1, 1, 0, 0],
            "offense": [0, 0, 0, 1],
        }
    )
    e = blocs.alliance_edges(a)
    assert e[["iso3_o", "iso3_d"]].values.tolist() == [["CHN", "RUS"], ["GBR", "USA"]]


# --------------------------------------------------------------------------- #
# Alignment
# --------------------------------------------------------------------------- #
def test_alignment_thresholds_by_hand():
    # US 2, CHN -1, RUS -1 -> midpoint -1, axis L = 3.
    # GBR 1.5: (|1.5+1| - |1.5-2|)/3 = (2.5 - 0.5)/3 = 0.667 > 0.1 -> US-aligned
    # IND 0.4: (1.4 - 1.6)/3 = -0.067, within +-0.1 -> non-aligned
    # IRN -1.2: (0.2 - 3.2)/3 = -1 -> China-Russia-aligned
    ip = pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "RUS", "GBR", "IND", "IRN"],
            "year": 2019,
            "ideal_point": [2.0, -1.0, -1.0, 1.5, 0.4, -1.2],
        }
    )
    ag = pd.DataFrame(
        {"iso3_a": ["GBR", "GBR"], "iso3_b": ["USA", "RUS"], "year": 2019,
         "agree_share": [0.8, 0.3]}
    )  # fmt: skip
    al = blocs.alignment(ip, ag).set_index("iso3")
    assert al.loc["GBR", "score"] == pytest.approx(2 / 3)
    assert al.loc["GBR", "bloc"] == "US-aligned"
    assert al.loc["IND", "bloc"] == "non-aligned"
    assert al.loc["IRN", "bloc"] == "China-Russia-aligned"
    assert al.loc["GBR", "dist_usa"] == pytest.approx(0.5)
    assert al.loc["GBR", "agree_usa"] == 0.8 and al.loc["GBR", "agree_rus"] == 0.3
    assert np.isnan(al.loc["IND", "agree_usa"])
    assert al.loc["USA", "agree_usa"] == 1.0
