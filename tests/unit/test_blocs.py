"""Unit tests of worldsystem.measures.blocs: agreement, IRT recovery, labels, alignment."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.provenance import get
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


def _simulate_drifting_items(seed: int = 7, n_c: int = 50, n_s: int = 10, n_j: int = 30):
    """Stable spread of ideal points, but item cutpoints drift upwards and the
    discriminations shrink session by session; 10 items recur every session."""
    rng = np.random.default_rng(seed)
    names = [f"C{i:02d}" for i in range(n_c)]
    names[0] = "USA"
    x0 = rng.normal(0.0, 1.0, n_c)
    x0[0] = 2.0
    x = x0[:, None] + np.cumsum(rng.normal(0, 0.1, (n_c, n_s)) * (np.arange(n_s) > 0), axis=1)
    recurring = [
        (rng.choice([-1.0, 1.0]) * rng.uniform(0.8, 2.0), rng.normal(-0.5, 0.5)) for _ in range(10)
    ]
    rows, rc_rows = [], []
    rcid = 0
    for s in range(n_s):
        shrink, drift = 0.85**s, 0.15 * s
        for j in range(n_j):
            rcid += 1
            if j < 10:  # the same resolution every session: same parameters
                beta, c1 = recurring[j]
                descr = f"Recurring resolution {chr(65 + j)} on the agenda"
            else:
                beta = rng.choice([-1.0, 1.0]) * rng.uniform(0.8, 2.0) * shrink
                c1 = rng.normal(-0.5 + drift, 0.5)
                descr = f"One-off resolution {rcid} of session {s}"
            c2 = c1 + 0.6
            z = beta * x[:, s] + rng.normal(size=n_c)
            code = (z > c1).astype(int) + (z > c2).astype(int)
            for i in range(n_c):
                rows.append((rcid, s + 1, names[i], ("no", "abstain", "yes")[code[i]]))
            rc_rows.append((rcid, s + 1, descr))
    votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    rc = pd.DataFrame(rc_rows, columns=["rcid", "session", "descr"])
    truth = pd.DataFrame(
        {"iso3": np.repeat(names, n_s), "session": np.tile(np.arange(1, n_s + 1), n_c),
         "truth": x.ravel()}
    )  # fmt: skip
    return votes, rc, truth


def test_scale_stays_pinned_with_drifting_items():
    votes, rc, truth = _simulate_drifting_items()
    fit = blocs.ideal_point_model(votes, rc)
    assert fit.diagnostics["converged"]
    assert fit.diagnostics["n_bridged_items"] == 10
    est = fit.ideal_points.merge(truth, on=["iso3", "session"])
    assert np.corrcoef(est["ideal_point"], est["truth"])[0, 1] >= 0.95
    # the true spread is stable (sd ~1 in every session) while the discriminations of
    # the one-off items shrink to 0.85^9 = 0.23 of their first value: without a pinned
    # metric the estimated spread would widen about fourfold. Ratio within 25%.
    sd = est.groupby("session")[["ideal_point", "truth"]].std()
    ratio = sd["ideal_point"] / sd["truth"]
    assert ratio.max() / ratio.min() < 1.25
    # the US keeps its place: within 25% of its first-session value at the end
    us = est[est["iso3"] == "USA"].set_index("session")["ideal_point"]
    assert 0.75 < us.iloc[-1] / us.iloc[0] < 1.25


def test_standard_errors_fall_with_more_votes():
    votes, _ = _simulate(seed=8, n_c=30, n_s=1, n_j=80)
    full = blocs.ideal_points(votes, bridge=None)
    # C01 keeps a quarter of its votes, C02 half: fewer votes, larger SE
    rc_ids = np.sort(votes["rcid"].unique())
    keep = (
        ~votes["iso3"].isin(["C01", "C02"])
        | ((votes["iso3"] == "C01") & votes["rcid"].isin(rc_ids[::4]))
        | ((votes["iso3"] == "C02") & votes["rcid"].isin(rc_ids[::2]))
    )
    thin = blocs.ideal_points(votes[keep], bridge=None).set_index("iso3")
    se_full = full.set_index("iso3")["se"]
    assert thin.loc["C01", "se"] > thin.loc["C02", "se"] > se_full["C02"]
    assert thin.loc["C01", "se"] > 1.5 * se_full["C01"]
    # SEs are not all alike (they depend on where a country sits relative to the items)
    assert se_full.std() > 0.05 * se_full.mean()


def test_vote_information_matches_numerical_derivative():
    # I(x) = sum_k (dP_k/dx)^2 / P_k, checked with central differences of P_k(x)
    from scipy.stats import norm

    alpha, beta, sigma2 = np.array([0.3, -2.0]), np.array([1.2, 0.7]), np.array([0.5, 2.0])

    def probs(x):
        s = np.sqrt(sigma2)
        mu = alpha + beta * x
        p_no = norm.cdf(-mu / s)
        p_yes = norm.sf((1 - mu) / s)
        return np.stack([p_no, 1 - p_no - p_yes, p_yes])

    for x in (-1.0, 0.4, 3.0):
        eps = 1e-5
        d = (probs(x + eps) - probs(x - eps)) / (2 * eps)
        ref = (d**2 / probs(x)).sum(axis=0)
        got = _irt.vote_information(alpha, beta, sigma2, np.full(2, x))
        np.testing.assert_allclose(got, ref, rtol=1e-5)


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
    # rcid 5 is alone once 3 and 4 (ambiguous within session 3) are set aside
    assert keys.loc[[3, 4, 5, 6]].isna().all()


def test_bridge_groups_normalisation_and_parts():
    # the library's boilerplate (sessions 58-70), ordinals, Roman numerals and the
    # lettered parts of one resolution; an amendment vote never bridges
    rc = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6, 7],
            "session": [57, 58, 71, 58, 59, 59, 60],
            "descr": [
                "Israeli practices affecting the human rights ",
                "Israeli practices affecting the human rights : resolution / adopted by the "
                "General Assembly",
                "Israeli practices affecting the human rights",
                "Fiftieth anniversary of the Universal Declaration (XXIX)",
                "Sixtieth anniversary of the Universal Declaration",
                "Israeli practices affecting the human rights",
                "Israeli practices affecting the human rights",
            ],
            "unres": ["R/57/1", "R/58/2", "A/RES/71/3", "R/58/4", "R/59/5", "R/59/6B",
                      "R/60/7"],
            "amend": [0, 0, 0, 0, 0, 0, 1],
        }
    )  # fmt: skip
    keys = blocs.bridge_groups(rc)
    assert (
        keys.loc[1] == keys.loc[2] == keys.loc[3] == "ISRAELI PRACTICES AFFECTING THE HUMAN RIGHTS"
    )
    assert keys.loc[4] == keys.loc[5] == "OF THE UNIVERSAL DECLARATION"
    assert pd.isna(keys.loc[6])  # part B occurs in one session only
    assert pd.isna(keys.loc[7])  # an amendment


def test_bridged_items_share_parameters():
    votes, _ = _simulate(seed=4, n_c=20, n_s=2, n_j=10)
    rc = votes[["rcid", "session"]].drop_duplicates().copy()
    rc["descr"] = [
        f"resolution number {chr(65 + (i % 10))} of the assembly" for i in range(len(rc))
    ]
    # the labels pair independently drawn items (random signs), so the polarity check
    # of split_discordant would rightly cut most pairs: this test is about the mapping
    fit = blocs.ideal_point_model(votes, rc, bridge="descr", bridge_min_corr=None)
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
    # axis rule (no agreement frame -> rule "auto" is "axis"), cuts (1/4, 1/2).
    # US 2, CHN -1.5, RUS -0.5 -> midpoint m = -1, axis x_US - m = 3.
    # GBR 1.5: p = (1.5 + 1)/3 = 0.833 >= 0.5 -> US-aligned
    # IND 0.4: p = 1.4/3 = 0.467 in (1/4, 1/2) -> non-aligned
    # BRA 0.5: p = 1.5/3 = 0.5 exactly -> US-aligned (the cut is inclusive)
    # IRN -1.2: p = -0.2/3 = -0.067 <= 1/4 -> China-Russia-aligned
    # RUS -0.5: p = 0.5/3 = 0.167 <= 1/4 -> China-Russia-aligned
    # ZAF -0.2: p = 0.8/3 = 0.267 -> non-aligned
    ip = pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "RUS", "GBR", "IND", "BRA", "IRN", "ZAF"],
            "year": 2019,
            "ideal_point": [2.0, -1.5, -0.5, 1.5, 0.4, 0.5, -1.2, -0.2],
        }
    )
    al = blocs.alignment(ip).set_index("iso3")
    assert al.loc["GBR", "axis_position"] == pytest.approx(2.5 / 3)
    assert al.loc["IRN", "axis_position"] == pytest.approx(-0.2 / 3)
    assert al.loc["USA", "axis_position"] == pytest.approx(1.0)
    bloc = al["bloc"].to_dict()
    assert bloc["GBR"] == bloc["BRA"] == bloc["USA"] == "US-aligned"
    assert bloc["IND"] == bloc["ZAF"] == "non-aligned"
    assert bloc["IRN"] == bloc["CHN"] == bloc["RUS"] == "China-Russia-aligned"
    assert (al["score"] == al["axis_position"]).all()
    assert al.loc["GBR", "dist_usa"] == pytest.approx(0.5)
    assert al.loc["GBR", "dist_rus"] == pytest.approx(2.0)
    assert al["agree_diff"].isna().all()
    # own cuts: (0, 1/3) moves IND (p = 0.467) to the US side and RUS (0.167) to neither
    own = blocs.alignment(ip, cuts=(0.0, 1 / 3)).set_index("iso3")["bloc"]
    assert own["IND"] == "US-aligned" and own["RUS"] == "non-aligned"
    assert own["IRN"] == "China-Russia-aligned"


def test_alignment_agreement_rule_by_hand():
    # s = kappa_US - (kappa_CHN + kappa_RUS)/2
    # GBR: 0.8 - (0.1 + 0.3)/2 = 0.6 > 0.1 -> US-aligned
    # IND: 0.2 - (0.5 + 0.3)/2 = -0.2 < -0.1 -> China-Russia-aligned
    # BRA: 0.1 - (0.0 + 0.0)/2 = 0.1 exactly (no rounding), not > 0.1 -> non-aligned
    ip = pd.DataFrame(
        {"iso3": ["USA", "CHN", "RUS", "GBR", "IND", "BRA"], "year": 2019,
         "ideal_point": [2.0, -1.5, -0.5, 1.5, 0.4, 0.5]}
    )  # fmt: skip
    ag = pd.DataFrame(
        {"iso3_a": ["GBR", "GBR", "CHN", "IND", "IND", "IND", "BRA", "BRA", "BRA"],
         "iso3_b": ["USA", "RUS", "GBR", "USA", "CHN", "RUS", "USA", "CHN", "RUS"],
         "year": 2019, "kappa": [0.8, 0.3, 0.1, 0.2, 0.5, 0.3, 0.1, 0.0, 0.0]}
    )  # fmt: skip
    al = blocs.alignment(ip, ag).set_index("iso3")  # "auto" with agreement, kappa
    np.testing.assert_array_equal(al["score"], al["agree_diff"])  # NaN where unknown
    # the pairs are found whichever way round they are listed (CHN, GBR)
    assert al.loc["GBR", "agree_chn"] == 0.1 and al.loc["USA", "agree_usa"] == 1.0
    assert al.loc["GBR", "agree_diff"] == pytest.approx(0.6)
    assert al.loc["BRA", "agree_diff"] == 0.1
    assert al.loc["GBR", "bloc"] == "US-aligned"
    assert al.loc["IND", "bloc"] == "China-Russia-aligned"
    assert al.loc["BRA", "bloc"] == "non-aligned"
    with pytest.raises(ModelError, match="agreement_frame"):
        blocs.alignment(ip, rule="agreement")
    with pytest.raises(ModelError, match="cuts"):
        blocs.alignment(ip, cuts=(0.5, 0.0))


def test_session_year_and_bad_inputs():
    # votes dated in the next calendar year stay in their session's opening year
    votes = pd.DataFrame(
        {
            "rcid": [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4],
            "session": [6] * 6 + [7] * 6,
            "year": [1951] * 3 + [1952] * 3 + [1952] * 6,
            "iso3": ["USA", "CHN", "GBR"] * 4,
            "vote": ["yes", "no", "yes", "no", "yes", "abstain"] * 2,
        }
    )
    fit = blocs.ideal_points(votes, bridge=None, anchor=("USA", +1))
    by_session = fit.groupby("session")["year"].unique()
    assert by_session[6].tolist() == [1951] and by_session[7].tolist() == [1952]
    bad = votes.assign(session=votes["session"].astype(object))
    bad.loc[4, "session"] = "6th"
    with pytest.raises(SchemaError) as err:
        blocs.ideal_points(bad, bridge=None)
    assert err.value.field == "session" and err.value.value == "6th"
    with pytest.raises(ModelError, match="n_boot"):
        blocs.ideal_points(votes, bridge=None, se="bootstrap", n_boot=1)
    with pytest.raises(SchemaError, match="no rows"):
        blocs.alignment(fit.iloc[:0])


def test_collapsed_fit_is_flagged():
    # three countries, two roll calls: nothing separates anyone beyond the prior
    votes = pd.DataFrame(
        {
            "rcid": [1, 1, 1, 2, 2, 2],
            "session": 74,
            "iso3": ["USA", "CHN", "GBR"] * 2,
            "vote": ["yes", "no", "yes", "no", "yes", "no"],
        }
    )
    # with the fixed N(0, 25) item prior and no per-session prior the fit collapses to 0
    # (the scaled item prior keeps a weak separation, CHN -0.5 and USA/GBR +0.3 with
    # SEs of 0.95, i.e. the prior: not a collapse)
    fit = blocs.ideal_point_model(votes, bridge=None, item_prior="fixed", session_prior_var=None)
    assert fit.diagnostics["degenerate"]
    assert any("degenerate fit" in n for n in get(fit.ideal_points).notes)
    # a roll-call record that does separate the countries is not flagged
    rng = np.random.default_rng(1)
    theta = {"USA": 1.5, "GBR": 1.0, "FRA": 0.5, "IND": -0.5, "CHN": -1.0, "RUS": -1.5}
    rows = []
    for rcid in range(1, 41):
        for iso, t in theta.items():
            latent = t * (1 if rcid % 2 else -1) + rng.normal(0, 0.5)
            vote = "yes" if latent > 0.3 else ("no" if latent < -0.3 else "abstain")
            rows.append((rcid, 74, iso, vote))
    good = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    fit = blocs.ideal_point_model(good, bridge=None)
    assert not fit.diagnostics["degenerate"]
    assert not any("degenerate" in n for n in get(fit.ideal_points).notes)
