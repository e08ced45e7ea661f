"""Ideal points on one scale across sessions: bridges, the roll-call set, the
estimated random-walk variance, and the comparison with the published estimates.

Hand-computed small cases (issue 16, first section).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.measures import blocs
from worldsystem.measures.blocs.votes import _prepare_votes

# --------------------------------------------------------------------------- bridges


def _roll_calls() -> pd.DataFrame:
    # sessions 30-32: per-vote motions that never repeat, agenda titles that do;
    # sessions 45-46: resolution titles. Session 39 holds "KOREA" twice (ambiguous).
    rows = [
        (1, 30, "TO ADOPT THE DRAFT (A/9001) ON KOREA", "QUESTION OF KOREA", "R/30/1", 0, 0),
        (2, 31, "TO ADOPT REVISED DRAFT (A/9102) ON KOREA", "QUESTION OF KOREA", "R/31/7", 0, 0),
        (3, 32, "TO ADOPT DRAFT (A/9250) RE KOREA", "QUESTION OF KOREA", "R/32/3", 0, 0),
        (4, 32, "TO ADOPT AN AMENDMENT (A/L.9) ON KOREA", "QUESTION OF KOREA", "R/32/4", 1, 0),
        (5, 39, "TO ADOPT DRAFT (A/1) ON APARTHEID", "APARTHEID IN SOUTH AFRICA", "R/39/1", 0, 0),
        (6, 39, "TO ADOPT DRAFT (A/2) ON APARTHEID", "APARTHEID IN SOUTH AFRICA", "R/39/2", 0, 0),
        (7, 40, "Policies of apartheid of the Government of South Africa",
         "APARTHEID IN SOUTH AFRICA", "R/40/64", None, None),
        (8, 45, "Policies of apartheid of the Government of South Africa", "APARTHEID, POLICIES",
         "R/45/176", None, None),
        (9, 45, "Question of Cyprus", "CYPRUS", "R/45/9", None, None),
    ]  # fmt: skip
    return pd.DataFrame(
        rows, columns=["rcid", "session", "descr", "short", "unres", "amend", "para"]
    )


def test_title_bridges_join_agenda_titles_and_resolution_titles():
    keys = blocs.bridge_groups(_roll_calls())  # bridge="title", the default
    # 1-3: "QUESTION OF KOREA" in one whole-resolution vote of each of 30, 31, 32 -> one item;
    # 4 is an amendment: never a bridge
    assert keys[1] == keys[2] == keys[3]
    assert pd.isna(keys[4])
    # 5 and 6 share a short title inside session 39: ambiguous, so neither bridges by it;
    # 7 (session 40) and 8 (45) share the resolution title -> one item
    assert pd.isna(keys[5]) and pd.isna(keys[6])
    assert keys[7] == keys[8]
    assert keys[7] != keys[1]
    assert pd.isna(keys[9])  # Cyprus occurs once
    # by the motion text alone, none of the early votes bridges
    by_descr = blocs.bridge_groups(_roll_calls(), bridge="descr")
    assert by_descr[[1, 2, 3]].isna().all()
    assert by_descr[7] == by_descr[8]


def test_union_falls_back_when_a_group_would_hold_one_session_twice():
    rc = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4],
            "session": [50, 51, 51, 52],
            # 1-2 and 3-4 linked by descr; 1-3 by short title
            "descr": ["Question of Guam", "Question of Guam", "Other thing here",
                      "Other thing here"],
            "short": ["GUAM SELF DETERMINATION", "SOMETHING ELSE ENTIRELY",
                      "GUAM SELF DETERMINATION", "YET ANOTHER SHORT TITLE"],
        }
    )  # fmt: skip
    keys = blocs.bridge_groups(rc)
    # joined, 1-2-3-4 would hold session 51 twice: each keeps its descr key
    assert keys[1] == keys[2] and keys[3] == keys[4] and keys[1] != keys[3]


def test_split_discordant_cuts_reversed_motions():
    n = 20
    iso = [f"C{i:02d}" for i in range(n)]
    pattern = np.array([2] * 10 + [0] * 10)
    rows = []
    for rcid, sess, ys in (
        (1, 1, pattern),
        (2, 2, pattern),
        (3, 3, 2 - pattern),
        (4, 4, 2 - pattern),
    ):
        rows += [(rcid, sess, c, int(y)) for c, y in zip(iso, ys, strict=True)]
    v = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "y"])
    keys = pd.Series(["KOREA"] * 4, index=[1, 2, 3, 4])
    out = blocs.split_discordant(keys, v)
    assert out[1] == out[2] and out[3] == out[4] and out[1] != out[3]
    # too few common voters: the link is cut too
    out = blocs.split_discordant(keys.loc[[1, 2]], v[v["iso3"].isin(iso[:8]) | (v["rcid"] == 1)])
    assert out.isna().all()


def test_repeated_titles_map_to_one_item_in_the_fit():
    rng = np.random.default_rng(2)
    iso = [f"C{i:02d}" for i in range(30)]
    iso[0] = "USA"
    x = np.linspace(-1.5, 1.5, 30)
    rows, rc_rows = [], []
    for s in (30, 31, 32):
        for j in range(8):
            rcid = s * 100 + j
            beta, cut = (1.5, -0.3) if j == 0 else (rng.choice([-1, 1]) * 1.2, rng.normal(0, 0.5))
            z = beta * x + rng.normal(size=30) * 0.5 - cut
            code = (z > 0).astype(int) * 2
            rows += [
                (rcid, s, c, ("no", "abstain", "yes")[k]) for c, k in zip(iso, code, strict=True)
            ]
            era = {30: "ALPHA", 31: "BETA", 32: "GAMMA"}[s]
            title = "QUESTION OF KOREA" if j == 0 else f"ONE OFF ITEM {'ABCDEFGH'[j]} {era}"
            rc_rows.append((rcid, s, f"TO ADOPT DRAFT {'ABCDEFGH'[j]} {era}", title, 0, 0))
    votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    rc = pd.DataFrame(rc_rows, columns=["rcid", "session", "descr", "short", "amend", "para"])
    fit = blocs.ideal_point_model(votes, rc)
    bridged = fit.items[fit.items["bridged"]]
    assert len(bridged) == 1
    assert bridged["rcids"].iloc[0] == (3000, 3100, 3200)
    assert bridged["n_sessions"].iloc[0] == 3
    assert fit.diagnostics["n_sessions_bridged"] == 3


# ------------------------------------------------------------------ roll-call set


def test_whole_resolution_filter_by_era():
    rc = pd.DataFrame(
        {
            "rcid": [1, 2, 3, 4, 5, 6],
            "session": [3, 3, 39, 52, 52, 71],
            "amend": [1, 0, 0, None, None, 1],
            "para": [0, 1, 0, 1, 0, 0],
        }
    )
    # default: parts dropped from session 40 on only (4 and 6), kept before (1, 2)
    assert blocs.whole_resolution_votes(rc).tolist() == [True, True, True, False, True, False]
    assert blocs.whole_resolution_votes(rc, "strict").tolist() == [
        False, False, True, False, True, False,
    ]  # fmt: skip
    assert blocs.whole_resolution_votes(rc, "all").all()
    with pytest.raises(SchemaError, match="roll-call set"):
        blocs.whole_resolution_votes(rc, "final")


def test_fit_drops_paragraph_votes_of_modern_sessions():
    iso = [f"C{i:02d}" for i in range(12)]
    iso[0] = "USA"
    x = np.linspace(-1, 1, 12)
    rows, rc_rows = [], []
    for j in range(6):
        rcid = 10 + j
        code = np.where(x > -0.8 + 0.3 * j, 2, 0)
        rows += [(rcid, 60, c, ("no", "abstain", "yes")[k]) for c, k in zip(iso, code, strict=True)]
        rc_rows.append((rcid, 60, f"Resolution {j}", f"R {j}", None, 1 if j < 2 else 0))
    votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    rc = pd.DataFrame(rc_rows, columns=["rcid", "session", "descr", "short", "amend", "para"])
    fit = blocs.ideal_point_model(votes, rc, bridge=None)
    assert fit.diagnostics["n_votes_dropped_parts"] == 2 * 12
    assert fit.diagnostics["n_roll_calls"] == 4
    everything = blocs.ideal_point_model(votes, rc, bridge=None, roll_call_set="all")
    assert everything.diagnostics["n_roll_calls"] == 6


# ----------------------------------------------------------- random-walk variance


def test_random_walk_variance_recovers_planted_value():
    rng = np.random.default_rng(11)
    n_c, n_s, n_j, omega = 80, 12, 60, 0.25
    iso = [f"C{i:02d}" for i in range(n_c)]
    iso[0] = "USA"
    steps = rng.normal(0, omega, (n_c, n_s)) * (np.arange(n_s) > 0)
    x = rng.normal(0, 1, n_c)[:, None] + np.cumsum(steps, axis=1)
    x[0] += 2.0
    rows = []
    for s in range(n_s):
        for j in range(n_j):
            beta = rng.uniform(1.5, 3.0) * rng.choice([-1, 1])
            c1 = rng.normal(0, 1.0)
            z = beta * x[:, s] + rng.normal(size=n_c)
            code = (z > c1).astype(int) + (z > c1 + 0.5).astype(int)
            rows += [(s * 1000 + j, s + 1, c, ("no", "abstain", "yes")[k])
                     for c, k in zip(iso, code, strict=True)]  # fmt: skip
    votes = pd.DataFrame(rows, columns=["rcid", "session", "iso3", "vote"])
    fit = blocs.ideal_point_model(votes, bridge=None, session_prior_var=None)
    assert fit.diagnostics["converged"]
    # the fit's metric: pooled mean 0 and second moment 1 -> planted omega^2 in that unit
    planted = omega**2 / x.var()
    est = fit.diagnostics["omega2"]
    assert 0.7 * planted < est < 1.3 * planted, (est, planted)
    # a fixed variance is reported as given
    fixed = blocs.ideal_point_model(votes, bridge=None, omega2=0.1, max_iter=30)
    assert fixed.diagnostics["omega2"] == pytest.approx(0.1)


def test_kalman_increments_match_hand_computation():
    from worldsystem.measures import _irt

    # one country, 2 sessions, precise pseudo-observations 1.0 and 2.0 (precision 1e6):
    # E[(x2 - x1)^2] ~ (2 - 1)^2 plus tiny variances; one transition
    h = np.array([[1e6, 1e6]])
    g = np.array([[1e6 * 1.0, 1e6 * 2.0]])
    _ms, _ps, s2, n = _irt._kalman(h, g, np.ones((1, 2), bool), 0.5, 1.0, increments=True)
    assert n == 1
    assert s2 == pytest.approx(1.0, abs=1e-4)
    # a gap (session 2 unobserved) counts both steps; nothing after the last session
    obs = np.array([[True, False, True, False]])
    h = np.array([[1e6, 0.0, 1e6, 0.0]])
    g = np.array([[0.0, 0.0, 1e6 * 2.0, 0.0]])
    _ms, _ps, s2, n = _irt._kalman(h, g, obs, 0.5, 1.0, increments=True)
    assert n == 2
    # the midpoint is 1 with variance 0.25: each step 1 + 0.25 in expectation -> 2.5
    assert s2 == pytest.approx(2.5, rel=1e-3)


def test_increment_stats_match_hand_computation():
    from worldsystem.measures import _irt

    # one country, 2 sessions, x1 ~ N(0, 1), x2 | x1 ~ N(x1, 0.5), vote precision 1
    # in each: posterior precision [[4, -2], [-2, 3]], covariance [[3, 2], [2, 4]] / 8,
    # Var(x2 - x1) = (3 + 4 - 2 * 2) / 8 = 3/8; given means 0 and 1: S = 1 + 3/8
    obs = np.ones((1, 2), bool)
    ms = np.array([[0.0, 1.0]])
    h = np.ones((1, 2))
    s, n = _irt.increment_stats(ms, h, obs, 0.5, 1.0)
    assert s.tolist() == pytest.approx([1.375])
    assert n.tolist() == [1.0]
    # a N(0, 1) prior on each session and a diffuse start: posterior precision
    # [[4, -2], [-2, 4]] (RW 2, prior 1, votes 1), Var(x2 - x1) = (4 + 4 - 2 * 2) / 12
    s, n = _irt.increment_stats(ms, h, obs, 0.5, 1.0, unit_var=1.0)
    assert s.tolist() == pytest.approx([1.0 + 1.0 / 3.0], rel=1e-6)
    assert n.tolist() == [1.0]
    # the normalised prior: prior precision [[3, -2], [-2, 3]], covariance
    # [[3, 2], [2, 3]] / 5, prior Var(x2 - x1) = 2/5 = 0.8 * omega2 -> 0.8 transitions
    # (= tr((D + omega2 I)^-1 D) with D = [[1, -1], [-1, 1]])
    s2, n2 = _irt.increment_stats(ms, h, obs, 0.5, 1.0, unit_var=1.0, prior_norm=True)
    assert s2.tolist() == pytest.approx(s.tolist())
    assert n2.tolist() == pytest.approx([0.8], rel=1e-6)
    # without the per-session prior every transition has prior variance omega2
    _s, n3 = _irt.increment_stats(ms, h, obs, 0.5, 1.0, prior_norm=True)
    assert n3.tolist() == [1.0]


def test_observed_information_is_the_probit_curvature():
    from worldsystem.measures import _irt

    # complete information beta^2 / sigma^2 minus missing beta^2 V(z*) / sigma^4 is
    # -d^2/dx^2 log P(y | x) of the three-category ordered probit (Louis 1982)
    alpha, beta, sigma = 0.3, 1.7, 0.8
    x0, eps = 0.25, 1e-4

    def logp(x, y):
        mu = alpha + beta * x
        lo, hi = [(-np.inf, 0.0), (0.0, 1.0), (1.0, np.inf)][y]
        return float(np.log(_irt.ndtr((hi - mu) / sigma) - _irt.ndtr((lo - mu) / sigma)))

    for y in (0, 1, 2):
        curv = -(logp(x0 + eps, y) - 2 * logp(x0, y) + logp(x0 - eps, y)) / eps**2
        yy = np.array([y])
        sl = [slice(0, int(y == 0)), slice(int(y == 0), int(y <= 1)), slice(int(y <= 1), 1)]
        _ez, vz, _ = _irt._estep(
            np.array([alpha + beta * x0]), np.array([sigma]), *sl, want_logz=False
        )
        info = beta**2 / sigma**2 * (1.0 - vz[0])
        assert info == pytest.approx(curv, rel=1e-4), yy


# --------------------------------------------------------------------- comparison

PUBLISHED = (  # invented values in the layout of the June 2024 release
    '"","ccode","session","NVotesAll","IdealPointAll","QO%All","Q5%All","Q10%All","Q50%All",'
    '"Q90%All","Q95%All","Q100%All","iso3c","Countryname","USAgree","RUSSAgree","BrazilAgree",'
    '"ChinaAgree","IndiaAgree","IsraelAgree"\n'
    '"1",2,1,41,1.5,1.0,1.3,1.4,1.6,1.8,2.0,2.5,"USA","United States",1,0.2,0.6,NA,0.5,NA\n'
    '"2",2,2,39,2.1,1.2,1.5,1.6,2.0,2.4,2.5,2.8,"USA","United States",1,0.3,0.8,NA,0.3,NA\n'
    '"3",365,1,40,-1.5,-2,-1.9,-1.8,-1.5,-1.2,-1.1,-0.9,"RUS","Russia",0.2,1,0.3,NA,0.5,NA\n'
    '"4",365,2,37,-1.4,-2,-1.9,-1.8,-1.4,-1.1,-1.0,-0.8,"RUS","Russia",0.3,1,0.3,NA,0.5,NA\n'
    '"5",345,1,40,-0.9,-2,-1.9,-1.8,-0.9,-0.5,-0.4,-0.1,"YUG","Yugoslavia",0.3,0.7,0.4,NA,0.5,NA\n'
    '"6",345,2,36,-0.2,-2,-1.9,-1.8,-0.2,0.1,0.2,0.5,"YUG","Yugoslavia",0.4,0.6,0.4,NA,0.5,NA\n'
)


def test_published_loader_reads_the_dataverse_layout(tmp_path):
    from worldsystem.sources import unvotes

    (tmp_path / "unvotes").mkdir()
    (tmp_path / "unvotes" / unvotes.PUBLISHED_IDEAL_POINTS).write_text(PUBLISHED)
    pub = unvotes.load_published_ideal_points(tmp_path)
    assert pub["ccode"].tolist() == [2, 2, 345, 345, 365, 365]
    assert pub.loc[pub["ccode"] == 345, "iso3"].tolist() == ["YUG", "YUG"]
    assert pub.loc[(pub["ccode"] == 2) & (pub["session"] == 2), "ideal_point"].item() == 2.1
    assert pub["n_votes"].tolist() == [41, 39, 40, 36, 40, 37]
    assert pub.loc[0, "q05"] == 1.3 and pub.loc[0, "q95"] == 2.0 and pub.loc[1, "q50"] == 2.0
    # our estimates = an affine map of theirs, except Yugoslavia reversed in time
    ours = pub[["ccode", "session"]].assign(ideal_point=0.5 * pub["ideal_point"] - 0.2)
    ours.loc[ours["ccode"] == 345, "ideal_point"] = [-0.1, -0.4]
    st = blocs.compare_ideal_points(ours, pub, min_countries=3, min_sessions=2)
    st = st.set_index("statistic")["value"]
    assert st["n_matched"] == 6
    # within-country: USA +1, RUS +1, YUG -1 -> median 1; share below 0.5 = 1/3
    assert st["median_within_country_r"] == pytest.approx(1.0)
    assert st["share_countries_r_below_0.5"] == pytest.approx(1 / 3)
    # pooled r by hand
    x = ours.sort_values(["ccode", "session"])["ideal_point"].to_numpy()
    y = pub.sort_values(["ccode", "session"])["ideal_point"].to_numpy()
    assert st["pooled_pearson"] == pytest.approx(np.corrcoef(x, y)[0, 1])
    assert {"sd_ratio 1946-1984", "pooled_spearman", "median_within_session_r"} <= set(st.index)


def test_published_loader_errors(tmp_path):
    from worldsystem.sources import unvotes

    with pytest.raises(SourceError, match="published ideal points not found") as err:
        unvotes.load_published_ideal_points(tmp_path)
    assert "Dataverse" in str(err.value)
    (tmp_path / "unvotes").mkdir()
    bad = PUBLISHED.replace("1.5,1.0", "high,1.0", 1)
    (tmp_path / "unvotes" / unvotes.PUBLISHED_IDEAL_POINTS).write_text(bad)
    with pytest.raises(SchemaError, match="IdealPointAll"):
        unvotes.load_published_ideal_points(tmp_path)
    (tmp_path / "unvotes" / unvotes.PUBLISHED_IDEAL_POINTS).write_text(
        PUBLISHED.replace("IdealPointAll", "Ideal")
    )
    with pytest.raises(SchemaError):
        unvotes.load_published_ideal_points(tmp_path)


def test_prepare_votes_still_used():
    # the vote frame helper is shared: y codes stay 0/1/2
    v = _prepare_votes(pd.DataFrame({"rcid": [1], "session": [1], "iso3": ["USA"], "vote": ["no"]}))
    assert v["y"].tolist() == [0]


def test_kalman_per_country_increments_and_variances():
    from worldsystem.measures import _irt

    # two countries, precise pseudo-observations: country 0 steps 0 -> 1 -> 3, country 1
    # steps 0 -> 0.5 (one session missing at the end): squared steps 1 + 4 and 0.25
    h = np.array([[1e8, 1e8, 1e8], [1e8, 1e8, 0.0]])
    g = h * np.array([[0.0, 1.0, 3.0], [0.0, 0.5, 0.0]])
    obs = h > 0
    _ms, _ps, s2, n = _irt._kalman(
        h, g, obs, np.array([0.5, 0.1]), 1.0, increments=True, per_country=True
    )
    assert n.tolist() == [2, 1]
    assert s2 == pytest.approx([5.0, 0.25], abs=1e-5)
    # the totals are the sums of the per-country statistics
    _ms, _ps, tot, n_tot = _irt._kalman(h, g, obs, np.array([0.5, 0.1]), 1.0, increments=True)
    assert n_tot == 3
    assert tot == pytest.approx(5.25, abs=1e-5)
    # a per-country variance smooths each row with its own omega^2: a weak middle
    # observation is pulled to the neighbours' mean more where omega^2 is small
    h2 = np.array([[1e8, 1e-2, 1e8], [1e8, 1e-2, 1e8]])
    g2 = h2 * np.array([[0.0, 10.0, 0.0], [0.0, 10.0, 0.0]])
    ms, _ps = _irt._kalman(h2, g2, h2 > 0, np.array([100.0, 0.01]), 1.0)
    # posterior mean of the middle point: 10 * 1e-2 / (1e-2 + 2 / omega^2)
    assert ms[0, 1] == pytest.approx(10 * 1e-2 / (1e-2 + 2 / 100.0), rel=1e-6)
    assert ms[1, 1] == pytest.approx(10 * 1e-2 / (1e-2 + 2 / 0.01), rel=1e-6)


def test_omega2_mstep_pooled_and_shrunk_per_country():
    from worldsystem.measures import _irt

    s = np.array([5.0, 0.25, 0.0])
    n = np.array([2, 1, 0])
    # pooled: (5 + 0.25) / 3
    assert _irt.omega2_mstep(s, n).tolist() == pytest.approx([1.75])
    # per country with nu0 = 2 prior transitions at the pooled 1.75:
    # (2 * 1.75 + 5) / 4, (2 * 1.75 + 0.25) / 3, and the pooled value with no transition
    got = _irt.omega2_mstep(s, n, 2.0)
    assert got.tolist() == pytest.approx([8.5 / 4, 3.75 / 3, 1.75])
    with pytest.raises(ValueError):
        _irt.omega2_mstep(s, n, 0.0)


def _small_irt_problem(seed=1):
    rng = np.random.default_rng(seed)
    n_c, n_t = 12, 5
    x = np.cumsum(rng.normal(0, 0.4, (n_c, n_t)), axis=1) + rng.normal(0, 1, (n_c, 1))
    rows = []
    for t in range(n_t):
        for j in range(30):
            a, b = rng.normal(0, 1), rng.normal(0, 2)
            for c in range(n_c):
                if rng.random() < 0.1:
                    continue
                z = a + b * x[c, t] + rng.normal()
                rows.append((c * n_t + t, (j + 5 * t) % 45, int(z > 0) + int(z > 1)))
    r = np.array(rows)
    uk, unit = np.unique(r[:, 0], return_inverse=True)
    _, item = np.unique(r[:, 1], return_inverse=True)
    return r[:, 2], unit, item, uk // n_t, uk % n_t


@pytest.mark.parametrize(
    "kw",
    [
        {"omega2": None},
        {"omega2": None, "omega2_by": "country", "omega2_prior_n": 3.0},
        {"omega2": 0.1, "unit_var": 1.0, "item_prior": "scaled", "prior_var_item": 1.0},
    ],
)
def test_sufficient_statistic_em_map_equals_vote_by_vote(kw):
    from worldsystem.measures import _irt

    y, unit, item, uc, ut = _small_irt_problem()
    x0 = np.linspace(-1.0, 1.0, uc.shape[0])
    fast, slow = (
        _irt.fit(y, unit, item, uc, ut, x_init=x0, normalise=True, accelerate=True,
                 max_iter=120, fast=f, **kw)
        for f in (True, False)
    )  # fmt: skip
    assert fast.iterations == slow.iterations
    np.testing.assert_allclose(fast.x_mean, slow.x_mean, atol=1e-9)
    np.testing.assert_allclose(fast.sigma2, slow.sigma2, rtol=1e-8)
    np.testing.assert_allclose(fast.beta, slow.beta, atol=1e-9)
    assert fast.omega2 == pytest.approx(slow.omega2, rel=1e-9)


def test_per_country_random_walk_variance_follows_the_planted_movers():
    from worldsystem.measures import _irt

    # half the countries move (step sd 0.6), half stand still: the per-country
    # estimate must separate them
    rng = np.random.default_rng(3)
    n_c, n_t = 16, 12
    steps = rng.normal(0, 1, (n_c, n_t)) * np.where(np.arange(n_c) < 8, 0.6, 0.0)[:, None]
    x = np.cumsum(steps, axis=1) + rng.normal(0, 1, (n_c, 1))
    rows = []
    for t in range(n_t):
        for j in range(40):
            a, b = rng.normal(0, 1), rng.uniform(1.5, 3) * rng.choice([-1, 1])
            for c in range(n_c):
                z = a + b * x[c, t] + rng.normal()
                rows.append((c * n_t + t, j + 40 * t, int(z > 0) + int(z > 1)))
    r = np.array(rows)
    uk, unit = np.unique(r[:, 0], return_inverse=True)
    x0 = x[uk // n_t, uk % n_t] + rng.normal(0, 0.5, uk.shape[0])  # a noisy start
    res = _irt.fit(r[:, 2], unit, r[:, 1], uk // n_t, uk % n_t, x_init=x0,
                   omega2=None, omega2_by="country", omega2_prior_n=2.0, normalise=True,
                   accelerate=True, max_iter=400)  # fmt: skip
    w = res.omega2_country
    assert w.shape == (n_c,)
    assert np.median(w[:8]) > 4 * np.max(w[8:]), w


def test_reported_pooled_omega2_weights_every_transition_of_a_gapped_record():
    from worldsystem.measures import _irt

    # country 0 votes in sessions 0 and 3 (three transitions across the gap), country 1
    # in sessions 0 and 1 (one): with omega2 = (0.5, 0.1) given per country the
    # reported pooled value is (3 * 0.5 + 1 * 0.1) / 4 = 0.4, not the mean 0.3
    uc = np.array([0, 0, 1, 1])
    ut = np.array([0, 3, 0, 1])
    unit = np.repeat(np.arange(4), 2)
    item = np.tile([0, 1], 4)
    y = np.array([2, 0, 0, 2, 2, 0, 0, 2])
    res = _irt.fit(y, unit, item, uc, ut, x_init=np.array([1.0, -1.0, 1.0, -1.0]),
                   omega2=np.array([0.5, 0.1]), max_iter=3)  # fmt: skip
    assert res.omega2 == pytest.approx(0.4)
    assert res.omega2_country.tolist() == pytest.approx([0.5, 0.1])


@pytest.mark.parametrize(
    ("kw", "field"),
    [
        ({"omega2_by": "session"}, "omega2_by"),
        ({"omega2_prior_n": 0.0}, "omega2_prior_n"),
        ({"omega2_prior_n": "ten"}, "omega2_prior_n"),
    ],
)
def test_omega2_options_bad_input_names_the_field(kw, field):
    from worldsystem.core.errors import ModelError
    from worldsystem.measures import blocs

    votes = pd.DataFrame(
        {"rcid": [1, 1], "session": [1, 1], "iso3": ["USA", "FRA"], "vote": ["yes", "no"]}
    )
    with pytest.raises(ModelError, match=field) as err:
        blocs.ideal_points(votes, bridge=None, **kw)
    assert err.value.field == field


def test_item_update_with_a_flat_location_prior():
    from worldsystem.measures import _irt

    # minimise sum (ez - a - b x)^2 + b^2 (unit precision on b, none on a):
    # 7 - 3a - 3b = 0 and 10 - 3a - 6b = 0 -> b = 1, a = 4/3
    x = np.array([0.0, 1.0, 2.0])
    ez = np.array([1.0, 2.0, 4.0])
    item = np.zeros(3, dtype=np.int64)
    a, b, cov = _irt._update_items(
        ez, x, np.zeros(3), np.ones(3), item, 1, np.array([1.0]), np.array([0.0])
    )
    assert a.tolist() == pytest.approx([4.0 / 3.0])
    assert b.tolist() == pytest.approx([1.0])
    # posterior covariance: inverse of [[3, 3], [3, 6]]
    assert cov[0].tolist() == pytest.approx([6 / 9, -3 / 9, 3 / 9])
    # without the second precision both get the first: [[4, 3], [3, 6]] -> a = 12/15
    a2, b2, _ = _irt._update_items(ez, x, np.zeros(3), np.ones(3), item, 1, np.array([1.0]))
    assert a2.tolist() == pytest.approx([(6 * 7 - 3 * 10) / 15.0])
    assert b2.tolist() == pytest.approx([(4 * 10 - 3 * 7) / 15.0])
