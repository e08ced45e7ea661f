"""Dynamics on real data (Maddison 2023 through the data-folder backend).

Figures compared with:
- the US overtook the UK in total GDP in the mid-19th century: Maddison (2001,
  *The World Economy: A Millennial Perspective*, OECD, doi:10.1787/9789264189980-en,
  table B-18) has it about 1872 on the 1990 Geary-Khamis series; the 2023 release
  (Bolt & van Zanden 2024, doi:10.1111/joes.12618) revises early US GDP upward and
  our persistence rule gives 1862; the window 1855-1875 covers both.
- China passed the US in GDP at PPP in 2014 on the IMF's World Economic Outlook
  (October 2014); on Maddison 2023 (2011 PPP) the crossing lies within 2012-2018.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem import workflows as wf
from worldsystem.report.model import method_params


@pytest.fixture(scope="module")
def ctx(real_data):
    return wf.DataContext(data=real_data)


def test_us_over_uk_and_china_over_us_on_maddison_gdp(ctx):
    cr = wf.transitions(ctx, index="gdp", countries=["USA", "GBR", "CHN"])["crossings"]
    us_uk = cr[(cr["leader"] == "USA") & (cr["overtaken"] == "GBR")]
    assert len(us_uk) == 1 and 1855 <= int(us_uk["year"].iloc[0]) <= 1875
    cn_us = cr[(cr["leader"] == "CHN") & (cr["overtaken"] == "USA") & (cr["year"] > 1950)]
    assert len(cn_us) == 1 and 2012 <= int(cn_us["year"].iloc[0]) <= 2018
    assert not cn_us["provisional"].iloc[0]


def test_blocs_never_double_count_the_former_ussr(ctx):
    t = wf.transitions(ctx, index="gdp")
    bt = t["blocs"].set_index(["iso3", "year"])["share"]
    from worldsystem.workflows.dynamics import _index_frame

    sh = _index_frame(ctx, "gdp").set_index(["iso3", "year"])["share"]
    for y in (1985, 1995, 2010):
        assert bt[("China+Russia", y)] == pytest.approx(sh[("CHN", y)] + sh[("RUS", y)])
    # world shares sum to one each year: no territory counted twice
    tot = sh.groupby(level="year").sum()
    np.testing.assert_allclose(tot.loc[1960:2020].to_numpy(), 1.0)


def test_the_end_of_the_ussr_splice_is_not_a_power_transition(ctx):
    """On the COW panel Russia's Maddison GDP is the former USSR's until 1991
    (panels.add_gdp); Germany is ahead of Maddison's Russia in every year 1989-1992,
    so 'Germany overtakes Russia in 1992' (ratio 1.42) was the splice ending. Every
    crossing must have both series, as the same entities, observed in the year
    before it."""
    from worldsystem.sources import maddison
    from worldsystem.workflows.dynamics import _index_frame

    mpd = maddison.load(ctx.data).set_index(["iso3", "year"])["gdp_musd_2011ppp"]
    assert all(mpd[("DEU", y)] > mpd[("RUS", y)] for y in range(1989, 1993))
    cr = wf.transitions(ctx, index="gdp")["crossings"]
    assert cr[(cr["overtaken"] == "RUS") & (cr["year"] == 1992)].empty
    ent = _index_frame(ctx, "gdp").set_index(["iso3", "year"])["series"]
    assert ent[("RUS", 1991)] == "SUN" and ent[("RUS", 1992)] == "RUS"
    years = sorted({y for _, y in ent.index})
    for lead, over, y in cr[["leader", "overtaken", "year"]].itertuples(index=False):
        prev = max(t for t in years if t < y and (lead, t) in ent and (over, t) in ent)
        for c in (lead, over):
            assert ent[(c, prev)] == ent[(c, y)], (lead, over, y)


def test_backtest_reports_interval_coverage(ctx):
    bt = wf.dynamics_backtest(ctx, members=300)
    card = bt.scorecard.set_index("model")
    assert sorted(bt.scores["origin"].unique()) == [1960, 1970, 1980, 1990, 2000]
    cov = card.loc["ensemble", "coverage90"]
    print(
        f"headline (fit to 1990, forecast 1991-2019) 90% coverage: ensemble {cov:.3f}, "
        f"persistence {card.loc['persistence', 'coverage90']:.3f}; "
        f"CRPS skill vs persistence {card.loc['ensemble', 'crps_skill']:.3f}"
    )
    assert 0.0 < cov <= 1.0
    assert np.isfinite(card.loc["ensemble", "crps_skill"])


@pytest.fixture(scope="module")
def headline(ctx):
    return wf.dynamics_backtest(ctx, members=300).scorecard.set_index("model")


def test_spread_calibrated_before_the_origin_improves_the_1990_forecast(headline):
    # Maddison 2023, fit to 1990, forecast 1991-2019; the factor is chosen on inner
    # origins 1970 and 1980 scored to 1990 only. Measured (500 members): fitted 90%
    # coverage 0.719, CRPS skill -0.092; calibrated (factor 2) 0.924, -0.044 (with
    # Russia's series after the USSR's a country of its own: -0.041 before).
    fit, cal = headline.loc["ensemble"], headline.loc["ensemble_calibrated"]
    print(
        f"spread {cal['spread']:g}: 90% coverage {fit['coverage90']:.3f} -> "
        f"{cal['coverage90']:.3f}, CRPS skill {fit['crps_skill']:+.3f} -> {cal['crps_skill']:+.3f}"
    )
    assert cal["spread"] > 1
    assert abs(cal["coverage90"] - 0.9) < abs(fit["coverage90"] - 0.9)
    assert abs(cal["coverage50"] - 0.5) < abs(fit["coverage50"] - 0.5)
    assert cal["crps"] < fit["crps"]


@pytest.mark.xfail(
    strict=True,
    reason="the ensemble does not beat persistence from 1990 even with its spread "
    "calibrated before the origin: measured CRPS skill -0.044 (Maddison 2023, 500 "
    "members; -0.051 on PWT 10.01), zone Brier skill -0.012, event Brier skill -0.342",
)
def test_calibrated_ensemble_beats_persistence(headline):
    assert bool(headline.loc["ensemble_calibrated", "beats_persistence"])


def test_mobility_and_convergence_on_real_data(ctx):
    m = wf.mobility(ctx, method="bins", n_boot=50)
    s = m["summary"].set_index(["statistic", "state"])
    assert 0 < s.loc[("shorrocks", ""), "value"] < 1
    assert s.loc[("shorrocks", ""), "lo"] <= s.loc[("shorrocks", ""), "hi"]
    c = wf.convergence(ctx, zones_method=None, n_boot=0)
    assert (c["sigma"]["sd_log"] > 0).all()


def test_projected_polarity_per_index_starts_from_the_observed_distribution(ctx):
    """FAS 2017: the US and Russia hold about nine in ten warheads, so the warhead
    call among the largest economies starts bipolar; SIPRI 2020: US military spending
    is over half of the top ten's and over twice China's, so it starts unipolar."""
    pr = wf.projection(ctx, members=60, horizon=2030)
    pol = pr.polarity
    first = pol[pol["year"] == pr.origin + 1].set_index(["index", "polarity"])["probability"]
    assert set(pol["index"]) == {"gdp", "beckley", "milex", "nuclear", "cinc"}
    assert first.get(("nuclear", "bipolar"), 0.0) >= 0.9
    assert first.get(("milex", "unipolar"), 0.0) >= 0.5
    # the blocs and pairs the issue names are tracked
    pairs = set(zip(pr.ahead["a"], pr.ahead["b"], strict=True))
    assert {("CHN", "USA"), ("China+Russia", "G7"), ("SCO", "NATO")} <= pairs
    d = pr.decline.set_index(["entity", "year"])["p_below_origin"]
    assert d.between(0, 1).all() and d.loc[("USA", pr.origin + 1)] > 0


def test_projected_cinc_and_zones_start_from_the_observed_ones(ctx):
    """The CINC call of the first projected year is the call on the capability
    frame's last NMC year among the same candidates, through the same cinc() and
    classify_polarity; each country's most likely zone in the first projected year
    is mostly its observed income_ppp zone of the origin year."""
    from worldsystem.measures.polarity import cinc, classify_polarity
    from worldsystem.simulate import dynamics as sd

    pr = wf.projection(ctx, members=60, horizon=2030)
    among = method_params(pr.polarity, "project")["among"]
    cap = wf.capability_frame(ctx)
    end = int(cap.dropna(subset=["irst"])["year"].max())
    last = cap[cap["year"] == end].dropna(subset=["tpop"])
    ci = cinc(last).assign(iso3=last["iso3"].to_numpy())
    v = np.sort(ci[ci["iso3"].isin(among)]["cinc"].to_numpy())[::-1]
    obs = classify_polarity(
        pd.DataFrame(
            {
                "year": [end],
                "leader_share": [v[0] / v.sum()],
                "second_share": [v[1] / v.sum()],
                "third_share": [v[2] / v.sum()],
            }
        )
    )["polarity"].iloc[0]
    first = pr.polarity[(pr.polarity["year"] == pr.origin + 1) & (pr.polarity["index"] == "cinc")]
    assert first.set_index("polarity")["probability"].get(obs, 0.0) >= 0.5, (obs, first)
    assert set(first["members"]) == {min(60, sd.DETAIL_MEMBERS)}
    occ = pr.occupancy[pr.occupancy["year"] == pr.origin + 1]
    modal = occ.loc[occ.groupby("iso3")["probability"].idxmax()].set_index("iso3")["zone"]
    seen = wf.position(ctx, methods=["income_ppp"], years=[pr.origin])
    seen = seen[seen["method"] == "income_ppp"].set_index("iso3")["zone"]
    both = modal.index.intersection(seen.index)
    agree = float((modal[both] == seen[both]).mean())
    assert len(both) > 120 and agree >= 0.8, agree
    assert occ.set_index(["iso3", "zone"])["probability"][("USA", "core")] >= 0.9
