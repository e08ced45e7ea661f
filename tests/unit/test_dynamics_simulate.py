"""simulate.dynamics: determinism, batches, errors, scores; workflows.dynamics on the
example world, including recovery of the planted rise and transition."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem import workflows as wf
from worldsystem.core.errors import WorldsystemError
from worldsystem.example import world
from worldsystem.simulate import dynamics as sd


@pytest.fixture(scope="module")
def planted():
    return world(0, planted_rise=True)


@pytest.fixture(scope="module")
def ctx(planted):
    return wf.DataContext(example=planted)


@pytest.fixture(scope="module")
def model(ctx):
    inc = wf.income_panel(ctx)
    return sd.fit_growth_model(inc, fit_years=(1990, 2012))


def test_planted_rise_leaves_the_default_world_unchanged():
    a, b = world(0), world(0, planted_rise=True)
    assert a.truth.planted_rise is None and a.truth.planted_transition is None
    r = b.truth.planted_rise["iso3"]
    lead = b.truth.planted_transition["leader"]
    keep = ~a.country_years["iso3"].isin([r, lead])
    ca, cb = a.country_years[keep], b.country_years[keep]
    np.testing.assert_array_equal(ca["gdppc_ppp"].to_numpy(), cb["gdppc_ppp"].to_numpy())
    np.testing.assert_array_equal(ca["pop"].to_numpy(), cb["pop"].to_numpy())


def test_recovers_the_planted_transition_year(ctx, planted):
    t = planted.truth.planted_transition
    cr = wf.transitions(ctx, index="gdp", countries=[t["overtaken"], t["leader"]])["crossings"]
    assert cr[["leader", "overtaken", "year"]].values.tolist() == [
        [t["leader"], t["overtaken"], t["year"]]
    ]


def test_recovers_the_planted_rise(ctx, planted):
    r = planted.truth.planted_rise
    m = wf.mobility(ctx, method="income_ppp", n_boot=0)
    moves = m["lasting"][m["lasting"]["iso3"] == r["iso3"]]
    assert moves["direction"].tolist() == ["up", "up"]
    assert moves["zone_to"].tolist()[-1] == r["zone_to"]
    z = wf.position(ctx, methods=["income_ppp"])
    zr = z[z["iso3"] == r["iso3"]].sort_values("year")["zone"]
    assert zr.iloc[0] == r["zone_from"] and zr.iloc[-1] == r["zone_to"]


def test_ensemble_is_seeded_and_batches_are_identical(model):
    y1, p1 = sd.simulate_paths(model, horizon=2019, members=6, seed=5)
    y2, _ = sd.simulate_paths(model, horizon=2019, members=6, seed=5)
    np.testing.assert_array_equal(y1, y2)
    yb, pb = sd.simulate_paths(model, horizon=2019, members=[4, 5], seed=5)
    np.testing.assert_array_equal(y1[4:], yb)
    np.testing.assert_array_equal(p1[4:], pb)
    y3, _ = sd.simulate_paths(model, horizon=2019, members=6, seed=6)
    assert not np.array_equal(y1, y3)
    a = sd.project(model, horizon=2030, members=40, seed=1, batch_size=7)
    b = sd.project(model, horizon=2030, members=40, seed=1, batch_size=40)
    pd.testing.assert_frame_equal(a.shares, b.shares)
    pd.testing.assert_frame_equal(a.polarity, b.polarity)


def test_bad_input_errors_name_the_field(model, ctx):
    with pytest.raises(WorldsystemError) as e:
        sd.simulate_paths(model, horizon=2010, members=2)
    assert e.value.field == "horizon" and e.value.value == 2010
    inc = wf.income_panel(ctx)
    with pytest.raises(WorldsystemError) as e:
        sd.fit_growth_model(inc, fit_years=(1990, 2012), countries=["ZZZ"])
    assert e.value.field == "countries" and e.value.value == "ZZZ"
    with pytest.raises(WorldsystemError) as e:
        wf.transitions(ctx, index="gpd")
    assert e.value.field == "index" and e.value.value == "gpd"
    with pytest.raises(WorldsystemError) as e:
        wf.mobility(ctx, method="bins", step=40)
    assert e.value.field == "step"


def test_scores_by_hand():
    # CRPS of N(0,1) at 0 is 2 phi(0) - 1/sqrt(pi) = (sqrt 2 - 1)/sqrt(pi)
    assert sd.crps_gaussian(0.0, 1.0, 0.0) == pytest.approx((np.sqrt(2) - 1) / np.sqrt(np.pi))
    # ensemble {0, 1}, y = 0: E|X - y| = 1/2, E|X - X'| = 1/2 -> 1/2 - 1/4
    assert sd.crps_ensemble(np.array([0.0, 1.0]), 0.0) == pytest.approx(0.25)
    # a large ensemble of N(0,1) approaches the Gaussian CRPS
    x = np.random.default_rng(0).standard_normal(20000)
    assert sd.crps_ensemble(x, 0.3) == pytest.approx(float(sd.crps_gaussian(0, 1, 0.3)), abs=0.01)


def test_backtest_on_the_example_world(ctx):
    bt = wf.dynamics_backtest(ctx, members=50)
    card = bt.scorecard.set_index("model")
    assert list(card.index) == list(sd._MODELS)
    assert {"crps", "coverage90", "zone_brier", "spearman", "crps_skill"} <= set(card.columns)
    assert card.loc["persistence", "crps_skill"] == pytest.approx(0.0)
    assert card["beats_persistence"].dtype == bool
    pit = bt.pit.groupby(["origin", "model"])["share"].sum()
    np.testing.assert_allclose(pit.to_numpy(), 1.0)
    assert bt.scores.attrs["provenance"].is_example


def test_projection_workflow_tracks_poles_and_blocs(ctx):
    pr = wf.projection(ctx, members=30, horizon=2030)
    us, cn, _ru = ctx.backend.poles
    assert {us, cn, "China+Russia"} <= set(pr.shares["entity"])
    assert ((pr.ahead["a"] == cn) & (pr.ahead["b"] == us)).any()
    p = pr.polarity.groupby(["year", "index"])["probability"].sum()
    np.testing.assert_allclose(p.to_numpy(), 1.0)
    assert set(pr.polarity["index"]) == {"gdp", "beckley", "milex", "nuclear", "cinc"}
    assert set(pr.baselines["baseline"]) == {"persistence", "own_trend", "shrunk_trend", "beta"}


def test_progress_hook_counts_batches_and_origins(model, ctx):
    calls = []
    sd.project(
        model, horizon=2020, members=10, seed=0, batch_size=4, progress=lambda *a: calls.append(a)
    )
    assert calls == [(4, 10), (8, 10), (10, 10)]
    calls.clear()
    wf.dynamics_backtest(ctx, members=5, origins=[2000, 2005], progress=lambda *a: calls.append(a))
    assert calls == [(1, 2), (2, 2)]
    with pytest.raises(WorldsystemError) as e:
        sd.project(model, horizon=2020, members=10, batch_size=0)
    assert e.value.field == "batch_size"


def test_a_mapper_gives_the_in_process_result(model):
    """Any mapper that runs every batch (here: in reverse order) gives the same arrays."""
    seen = []

    def reverse(fn, items, shared):
        seen.append(len(items))
        return [fn(i, **shared) for i in items[::-1]][::-1]

    a = sd.project(model, horizon=2030, members=23, seed=3, batch_size=5)
    b = sd.project(model, horizon=2030, members=23, seed=3, batch_size=5, mapper=reverse)
    assert seen == [5]
    for k in ("shares", "ahead", "polarity", "zones"):
        pd.testing.assert_frame_equal(getattr(a, k), getattr(b, k), check_exact=True)


@pytest.mark.slow
def test_projection_and_backtest_on_local_dask_equal_in_process(ctx):
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    a = wf.projection(ctx, members=24, horizon=2030, batch_size=5, seed=2)
    b = wf.projection(ctx, members=24, horizon=2030, batch_size=5, seed=2, scheduler="local")
    for k in ("shares", "ahead", "polarity", "zones", "baselines"):
        pd.testing.assert_frame_equal(getattr(a, k), getattr(b, k), check_exact=True)
    ba = wf.dynamics_backtest(ctx, members=20, origins=[2000, 2005])
    bb = wf.dynamics_backtest(ctx, members=20, origins=[2000, 2005], scheduler="local")
    pd.testing.assert_frame_equal(ba.scores, bb.scores, check_exact=True)
    pd.testing.assert_frame_equal(ba.scorecard, bb.scorecard, check_exact=True)


def test_dynamic_claim_statistics_on_the_planted_world(ctx, planted):
    from worldsystem.claims import statistics as st

    rise = planted.truth.planted_rise["iso3"]
    ev = st.REGISTRY["zone_path"](ctx, about_year=2019, countries=[rise], from_year=1990)
    assert ev.value == {rise: "periphery -> core"} and ev.data_years == (1990, 2019)
    us = ctx.backend.poles[0]
    ev = st.REGISTRY["projected_decline"](ctx, about_year=2019, entities=[us], members=40)
    pr = wf.projection(ctx, members=40, horizon=st.CLAIM_HORIZON)
    d = pr.decline[(pr.decline["entity"] == us) & (pr.decline["year"] == 2029)]
    assert ev.value[us] == pytest.approx(float(d["p_below_origin"].iloc[0]))
    # by hand: the share of members whose 2029 share is below the origin share
    sh0 = float(d["share_origin"].iloc[0])
    q = pr.shares[(pr.shares["entity"] == us) & (pr.shares["year"] == 2029)].iloc[0]
    assert (q["q95"] < sh0) <= (ev.value[us] > 0.95)
    assert (q["q05"] > sh0) <= (ev.value[us] < 0.05)
    with pytest.raises(st.NotTestable):
        st.REGISTRY["projected_decline"](ctx, about_year=2019, entities=["USA"], members=40)


def test_component_walk_by_hand(model):
    c = list(model.countries)
    yrs = range(model.fit_years[0], model.fit_years[1] + 1)
    # A grows 10% a year (log), B 0% except a +1.0 jump once, C has no data near the origin
    rows = [(c[0], y, np.exp(0.1 * (y - 1990))) for y in yrs]
    rows += [(c[1], y, np.exp(1.0 if y >= 2000 else 0.0)) for y in yrs]
    rows += [(c[2], y, 1.0) for y in range(1990, 1995)]
    f = pd.DataFrame(rows, columns=["iso3", "year", "value"])
    w = sd.fit_component_walk(f, model, name="x")
    # changes: A 22 x 0.1, B 21 x 0 and one 1.0, C 4 x 0 -> mean (2.2 + 1) / 48
    assert w.n_obs == 48 and w.drift == pytest.approx(3.2 / 48)
    assert w.log0[0] == pytest.approx(0.1 * 22) and w.log0[1] == pytest.approx(1.0)
    assert np.isnan(w.log0[2]) and w.data_end == 2012
    # around each year's mean the changes are mostly 0 or +-0.05: the MAD ignores the jump
    assert w.sigma < 0.1
    # with no noise the walk is log0 + drift * h exactly; no value -> 0
    w0 = sd.ComponentWalk("x", w.log0, 0.02, 0.0, relative_to_gdp=False, n_obs=1)
    Y = np.zeros((1, 3, len(c)))
    (v,) = sd._component_values([w0], sd.member_seeds(0, 1), Y, Y)
    np.testing.assert_allclose(v[0, :, 0], np.exp(2.2 + 0.02 * np.arange(1, 4)))
    assert (v[0, :, 2] == 0).all()


def test_components_are_batch_independent(model):
    f = pd.DataFrame(
        [
            (i, y, 1.0 + 0.01 * k * (y % 3))
            for k, i in enumerate(model.countries[:6])
            for y in range(1990, 2013)
        ],
        columns=["iso3", "year", "value"],
    )
    w = sd.fit_component_walk(f, model, name="milex", relative_to_gdp=True)
    a = sd.project(model, horizon=2030, members=30, seed=4, batch_size=7, components=[w])
    b = sd.project(model, horizon=2030, members=30, seed=4, batch_size=30, components=[w])
    pd.testing.assert_frame_equal(a.polarity, b.polarity, check_exact=True)
    assert set(a.polarity["index"]) == {"gdp", "beckley", "milex"}


def test_population_relative_walk_by_hand(model):
    c = list(model.countries)
    w = sd.ComponentWalk(
        "upop", np.full(len(c), np.log(0.5)), 0.0, 0.0, False, 1, relative_to_pop=True
    )
    Y = np.zeros((1, 2, len(c)))
    LP = np.log(np.full((1, 2, len(c)), 1000.0))
    (v,) = sd._component_values([w], sd.member_seeds(0, 1), Y, LP)
    np.testing.assert_allclose(v, 500.0)  # half of each member's population
    # a later call's walks take other seed children: the draws differ
    w1 = sd.ComponentWalk("z", np.zeros(len(c)), 0.0, 1.0, False, 1)
    (a,) = sd._component_values([w1], sd.member_seeds(0, 1), Y, LP)
    (b,) = sd._component_values([w1], sd.member_seeds(0, 1), Y, LP, offset=1)
    assert not np.allclose(a, b)


def _cinc_walks(model):
    f = pd.DataFrame(
        [
            (i, y, 1.0 + 0.1 * k + 0.01 * (y % 3))
            for k, i in enumerate(model.countries)
            for y in range(1990, 2013)
        ],
        columns=["iso3", "year", "value"],
    )
    return [
        sd.fit_component_walk(
            f, model, name=n, relative_to_gdp=d == "gdp", relative_to_pop=d == "pop"
        )
        for n, d in sd.CINC_DRIVERS
    ]


def test_zones_and_cinc_of_members_go_through_the_position_and_cinc_code(model):
    from worldsystem.measures.polarity import cinc, classify_polarity
    from worldsystem.measures.position import income_zones

    cw = _cinc_walks(model)
    pr = sd.project(
        model,
        horizon=2016,
        members=5,
        seed=2,
        cinc_components=cw,
        detail_members=1,
        zone_rule="per_year",
    )
    # member 0 by hand: its zones by income_zones, its CINC by cinc()
    Y, LP = sd.simulate_paths(model, horizon=2016, members=[0], seed=2)
    N, yrs = len(model.countries), np.arange(2013, 2017)
    f = pd.DataFrame(
        {
            "iso3": np.tile(model.countries, 4),
            "year": np.repeat(yrs, N),
            "gdppc": np.exp(Y[0]).ravel(),
        }
    )
    z = income_zones(f, value_col="gdppc")
    occ = pr.occupancy.query("probability == 1")[["year", "iso3", "zone"]]
    got = occ.sort_values(["year", "iso3"]).reset_index(drop=True)
    want = z[["year", "iso3", "zone"]].sort_values(["year", "iso3"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert pr.occupancy.groupby(["year", "iso3"])["probability"].sum().eq(1).all()
    counts = pr.zones.set_index(["year", "zone"])["mean"]
    assert counts[(2016, "core")] == (z.query("year == 2016").zone == "core").sum()
    comps = sd._component_values(cw, sd.member_seeds(2, [0]), Y, LP, offset=0)
    f = f.assign(**{w.name: v[0].ravel() for w, v in zip(cw, comps, strict=True)})
    ci = cinc(f).assign(year=f["year"])
    top = ci[ci["iso3"].isin(pr.polarity.attrs.get("among", []) or model.countries)]
    assert len(top)  # CINC computed for every country-year
    p = pr.polarity[pr.polarity["index"] == "cinc"]
    assert set(p["members"]) == {1} and p.groupby("year")["probability"].sum().eq(1).all()
    gdp0 = np.exp(model.y0 + model.pop0)
    among = [model.countries[i] for i in np.argsort(-gdp0)[:10]]
    s = ci[ci["iso3"].isin(among)].pivot(index="year", columns="iso3", values="cinc")
    srt = -np.sort(-s.to_numpy(), axis=1)
    conc = pd.DataFrame(
        {
            "year": s.index,
            "leader_share": srt[:, 0] / srt.sum(1),
            "second_share": srt[:, 1] / srt.sum(1),
            "third_share": srt[:, 2] / srt.sum(1),
        }
    )
    lab = classify_polarity(conc)
    assert dict(zip(p["year"], p["polarity"], strict=True)) == dict(
        zip(lab["year"], lab["polarity"], strict=True)
    )


def test_spread_scales_every_shock_linearly(model):
    # the model is linear in its shocks: with the same draws, the path at spread k is
    # the path at spread 0 plus k times the shock part, so Y(2) - Y(1) = Y(1) - Y(0)
    import dataclasses

    y = {
        k: sd.simulate_paths(dataclasses.replace(model, spread=k), horizon=2020, members=3, seed=5)[
            0
        ]
        for k in (0.0, 1.0, 2.0)
    }
    np.testing.assert_allclose(y[2.0] - y[1.0], y[1.0] - y[0.0], rtol=0, atol=1e-10)
    base, _ = sd.simulate_paths(model, horizon=2020, members=3, seed=5)
    np.testing.assert_array_equal(base, y[1.0])
    assert np.abs(y[1.0] - y[0.0]).max() > 0.01
    with pytest.raises(WorldsystemError, match="spread"):
        sd._with_spread(model, 0.0)


def test_calibrate_spread_reads_no_year_after_the_origin(ctx):
    inc = wf.income_panel(ctx)
    # the data start in 1990: the inner origin 1995 fits, 1985 does not
    lam, table = sd.calibrate_spread(
        inc, origin=2005, grid=(0.5, 1.0, 3.0), lags=(20, 10, 5), members=30
    )
    assert set(table["inner_origin"]) == {1995, 2000}
    assert lam in (0.5, 1.0, 3.0)
    # the chosen factor has the lowest CRPS averaged over the inner origins
    mean = table.groupby("spread")["crps"].mean()
    assert lam == mean.idxmin() and table.loc[table["chosen"], "spread"].eq(lam).all()
    # wrecking every year after the origin changes nothing
    bad = inc.copy()
    after = bad["year"] > 2005
    bad.loc[after, "gdppc"] = bad.loc[after, "gdppc"] * 50.0
    lam2, table2 = sd.calibrate_spread(
        bad, origin=2005, grid=(0.5, 1.0, 3.0), lags=(20, 10, 5), members=30
    )
    assert lam2 == lam
    pd.testing.assert_frame_equal(table, table2)
    # wider spreads cover more: the 90% coverage rises with the factor
    cov = table.groupby("spread")["coverage90"].mean()
    assert cov.is_monotonic_increasing


def test_backtest_scores_the_calibrated_ensemble_beside_the_fitted_one(ctx):
    inc = wf.income_panel(ctx)
    bt = sd.backtest(inc, origins=[2000], members=30, headline=2000)
    card = bt.scorecard.set_index("model")
    lam, _ = sd.calibrate_spread(inc, origin=2000, first_year=int(inc["year"].min()), members=200)
    assert card.loc["ensemble_calibrated", "spread"] == lam
    assert np.isnan(card.loc["ensemble", "spread"])
    off = sd.backtest(inc, origins=[2000], members=30, headline=2000, calibrate=False)
    assert "ensemble_calibrated" not in set(off.scorecard["model"])
    # the fitted ensemble's scores do not depend on the calibration being run
    a = bt.scores[bt.scores["model"] == "ensemble"].reset_index(drop=True)
    b = off.scores[off.scores["model"] == "ensemble"].reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b)


def test_origin_zone_cuts_are_the_fit_years_position_cuts_in_relative_income(model):
    from worldsystem.measures.position import income_cutpoints

    fx = sd.origin_zone_cuts(model, years=3)
    assert fx["years"] == [2010, 2012]
    ly, sel, iso = model.history["ly"], model.history["sel"], model.history["iso"]
    rel = []
    T = ly.shape[0]
    for t, y in zip(range(T - 3, T), (2010, 2011, 2012), strict=True):
        # each year's cuts pool it with the fit years up to two either side of it
        near = [s for s in range(t - 2, t + 3) if 0 <= s < T]
        f = pd.concat(
            pd.DataFrame(
                {
                    "iso3": np.asarray(iso)[np.isfinite(ly[s])],
                    "year": y + s - t,
                    "gdppc": np.exp(ly[s][np.isfinite(ly[s])]),
                }
            )
            for s in near
        )
        c = income_cutpoints(f, value_col="gdppc").set_index("year").loc[y]
        m = np.nanmean(ly[t, sel])
        rel.append((c["cut_low"] - m, c["cut_high"] - m))
    np.testing.assert_allclose(fx["cuts"], np.median(rel, axis=0), rtol=0, atol=1e-12)
    assert fx["cuts"][0] < fx["cuts"][1]


def test_origin_zone_rule_classifies_every_member_with_the_fixed_cuts(model):
    pr = sd.project(model, horizon=2016, members=6, seed=4, batch_size=4)
    cuts = sd.origin_zone_cuts(model)["cuts"]
    Y, _ = sd.simulate_paths(model, horizon=2016, members=6, seed=4)
    # by hand: relative income of each member-year, cut at the two fixed points
    dev = Y - Y.mean(axis=2, keepdims=True)
    zone = np.where(dev >= cuts[1], 2, np.where(dev >= cuts[0], 1, 0))  # (6, H, N)
    for z, name in enumerate(sd.ZONE_NAMES):
        want = (zone == z).mean(axis=0)  # (H, N)
        got = (
            pr.occupancy[pr.occupancy["zone"] == name]
            .pivot(index="year", columns="iso3", values="probability")
            .reindex(columns=list(model.countries))
            .to_numpy()
        )
        np.testing.assert_allclose(got, want, rtol=0, atol=1e-12)
        counts = pr.zones[pr.zones["zone"] == name].set_index("year")["mean"].to_numpy()
        np.testing.assert_allclose(counts, (zone == z).sum(axis=2).mean(axis=0), atol=1e-12)
    from worldsystem.report.model import method_params

    zp = method_params(pr.occupancy, "project")
    assert zp["zone_rule"] == "origin" and zp["zone_members"] == 6
    np.testing.assert_allclose(zp["zone_cuts"]["relative_log_cuts"], cuts)
    with pytest.raises(WorldsystemError, match="zone rule"):
        sd.project(model, horizon=2016, members=2, zone_rule="density")


def test_member_details_are_batch_independent(model):
    cw = _cinc_walks(model)
    kw = dict(horizon=2020, members=12, seed=3, cinc_components=cw, detail_members=8)
    a = sd.project(model, batch_size=5, **kw)
    b = sd.project(model, batch_size=12, **kw)
    for k in ("zones", "occupancy", "polarity"):
        pd.testing.assert_frame_equal(getattr(a, k), getattr(b, k), check_exact=True)
    with pytest.raises(WorldsystemError, match="detail_members"):
        sd.project(model, horizon=2020, members=3, detail_members=0)


def test_a_change_of_territory_is_not_growth():
    """A country whose rows change entity (``series``) is two countries to the model.

    Ten countries grow 2 % a year, 1950-2000, with log income 8 + 0.1 i. The tenth
    is entity "OLD" to 1975 and its own from 1976, where its level jumps by log 1
    (a new territory, as Russia's MPD series after the USSR's). Without the series
    column the jump is one year of 100 % growth in that country and raises the
    mean growth; with it, no growth rate spans 1975-76 and mu stays 0.02.
    """
    yrs = np.arange(1950, 2001)
    rows = []
    for i in range(10):
        for y in yrs:
            lvl = 8 + 0.1 * i + 0.02 * (y - 1950) + (1.0 if i == 9 and y >= 1976 else 0.0)
            rows.append((f"C{i}", y, np.exp(lvl), 1e3, "OLD" if i == 9 and y <= 1975 else f"C{i}"))
    f = pd.DataFrame(rows, columns=["iso3", "year", "gdppc", "pop", "series"])
    split = sd.fit_growth_model(f, fit_years=(1950, 2000))
    joined = sd.fit_growth_model(f.drop(columns="series"), fit_years=(1950, 2000))
    assert split.mu == pytest.approx(0.02, abs=1e-12)
    assert joined.mu > 0.02 + 0.9 / 10 / 50  # one 1.0 jump among 10 x 50 growth rates
    # the predecessor is not observed at the origin: it is not simulated
    assert "C9~OLD" not in split.countries and "C9" in split.countries
    # an origin whose window spans the break cannot score the forecast of C9
    years, iso, ly, _ = sd._panel_arrays(f, "gdppc", "pop")
    j = list(iso).index("C9")
    assert np.isnan(ly[years == 1975, j]).all() and np.isfinite(ly[years == 1976, j]).all()
