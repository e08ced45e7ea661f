"""The example world: determinism, shapes, codes and recovery of the planted structure.

The MRIO checks use a direct dense Leontief solve written here (numpy.linalg.solve),
independent of worldsystem.mrio.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import get
from worldsystem.core.schema import validate_country_year, validate_dyad_year
from worldsystem.example import ZONES, describe, planted_drain, world
from worldsystem.panels.mrio import MRIO

COMPONENTS = ["milex", "milper", "irst", "pec", "tpop", "upop"]


@pytest.fixture(scope="module")
def w0():
    return world(seed=0)


def _embodied_hours_by_region(m: MRIO) -> np.ndarray:
    """H[r, q]: hours worked in region r embodied in final demand of region q."""
    A = m.Z / m.x[None, :]
    f = m.satellites["labour_hours"] / m.x
    Yr = m.final_demand_by_region()
    H = f[:, None] * np.linalg.solve(np.eye(m.n) - A, Yr)
    return H.reshape(m.n_regions, m.n_sectors, m.n_regions).sum(axis=1)


# --------------------------------------------------------------------------- #
# determinism and arguments
# --------------------------------------------------------------------------- #
def test_same_seed_gives_bitwise_identical_world(w0):
    w = world(seed=0)
    for name, frame in w0.frames().items():
        pd.testing.assert_frame_equal(frame, w.frames()[name], check_exact=True, obj=name)
    for arr in ("Z", "Y", "x"):
        assert np.array_equal(getattr(w0.mrio, arr), getattr(w.mrio, arr))
    for sat in ("labour_hours", "value_added"):
        assert np.array_equal(w0.mrio.satellites[sat], w.mrio.satellites[sat])
    assert w.truth.drain_hours == w0.truth.drain_hours


def test_different_seeds_differ(w0):
    w1 = world(seed=1)
    assert not w1.countries["name"].equals(w0.countries["name"])
    assert not np.array_equal(w1.trade["flow_musd"], w0.trade["flow_musd"])
    assert not np.array_equal(w1.mrio.x, w0.mrio.x)
    assert (w1.votes["vote"].to_numpy() != w0.votes["vote"].to_numpy()).any()


@pytest.mark.parametrize(
    "kwargs",
    [
        {"n_countries": 5},
        {"n_countries": 601},
        {"years": (2000, 1999)},
        {"n_sectors": 1},
        {"seed": -1},
    ],
)
def test_bad_arguments_raise(kwargs):
    with pytest.raises(WorldsystemError):
        world(**kwargs)


# --------------------------------------------------------------------------- #
# shapes, codes, validation, provenance
# --------------------------------------------------------------------------- #
def test_shapes_of_default_world(w0):
    # 30 countries x 30 years; 30*29 ordered pairs x 30 years; 40 roll calls a session
    assert len(w0.countries) == 30
    assert len(w0.country_years) == 30 * 30
    assert len(w0.trade) == 30 * 29 * 30
    assert len(w0.roll_calls) == 40 * 30
    assert len(w0.votes) == 40 * 30 * 30
    assert len(w0.ideal_points_truth) == 30 * 30
    assert w0.mrio.n == 30 * 4
    assert w0.mrio.regions == tuple(w0.countries["iso3"])
    assert w0.mrio.year == 2019
    assert set(w0.votes["vote"]) == {"yes", "abstain", "no"}
    assert w0.votes["session"].min() == 45  # 1990 - 1945


def test_codes_are_fictional_and_unique():
    # a large world exercises the fallback to random codes and the zone-level MRIO
    w = world(seed=3, n_countries=200, years=(2000, 2001), n_sectors=4)
    codes = w.countries["iso3"]
    assert codes.is_unique
    assert all(re.fullmatch(r"X[A-Z]{2}", c) for c in codes)
    assert "XKX" not in set(codes)
    assert codes.is_monotonic_increasing
    assert w.countries["name"].is_unique
    # 200 x 4 > 200 region-sectors: the MRIO is aggregated to the three zones
    assert w.mrio.regions == ZONES
    assert w.mrio.n == 12
    assert w.truth.drain_sign == 1


def test_default_codes(w0):
    codes = w0.countries["iso3"]
    assert all(re.fullmatch(r"X[A-Z]{2}", c) and c != "XKX" for c in codes)
    assert codes.is_unique


def test_frames_validate(w0):
    validate_country_year(w0.country_years, year_range=(1990, 2019))
    validate_dyad_year(w0.trade, numeric=["flow_musd"])
    validate_dyad_year(w0.arms, numeric=["tiv"])
    validate_dyad_year(w0.alliances, numeric=["defense"])
    assert (w0.trade["flow_musd"] >= 0).all()
    assert (w0.arms["tiv"] > 0).all()
    al = w0.alliances
    assert al.attrs["directed"] is False
    assert (al["iso3_o"] < al["iso3_d"]).all()
    assert set(al["defense"]) <= {0, 1}


def test_provenance_says_example_on_every_frame(w0):
    for name, frame in w0.frames().items():
        prov = get(frame)
        assert prov.is_example, name
        assert len(prov.sources) == 1, name
        src = prov.sources[0]
        assert (src.id, src.version, src.example) == ("example", "seed=0", True)
        assert any("synthetic" in note.lower() for note in prov.notes), name
    assert w0.mrio.provenance.is_example
    assert w0.provenance.is_example
    assert get(w0.country_years).sources[0].version == "seed=0"
    assert world(seed=7, n_countries=6, years=(2000, 2000)).provenance.sources[0].version == (
        "seed=7"
    )


def test_units_recorded(w0):
    units = w0.country_years.attrs["units"]
    assert units["milex"].startswith("thousand USD")
    assert units["gdp_usd"].startswith("USD million")
    assert w0.mrio.satellite_units["labour_hours"] == "hours"


# --------------------------------------------------------------------------- #
# zones and income
# --------------------------------------------------------------------------- #
def test_zone_partition_matches_planted_counts(w0):
    # 20 % of 30 = 6 core, 30 % of 30 = 9 semi, 15 periphery
    counts = w0.countries["zone"].value_counts().to_dict()
    assert counts == {"core": 6, "semi-periphery": 9, "periphery": 15}
    assert dict(w0.truth.zone_counts) == counts
    planted = dict(zip(w0.countries["iso3"], w0.countries["zone"], strict=True))
    assert dict(w0.truth.zones) == planted


def test_small_world_has_two_countries_per_zone():
    w = world(seed=2, n_countries=6, years=(2000, 2002), n_sectors=2)
    assert w.countries["zone"].value_counts().to_dict() == {
        "core": 2,
        "semi-periphery": 2,
        "periphery": 2,
    }
    assert w.mrio.n == 12
    assert w.truth.drain_hours > 0


def test_log_gdp_per_capita_is_trimodal_in_every_year(w0):
    cy = w0.country_years.merge(w0.countries[["iso3", "zone"]], on="iso3")
    cy["lg"] = np.log(cy["gdppc_ppp"])
    means = cy.groupby(["year", "zone"])["lg"].mean().unstack()
    # planted: log(40000/10000) = 1.39 and log(10000/2000) = 1.61 at the start; semi
    # catches up by 1 point a year, so the core-semi gap is ~1.1 after 29 years.
    assert (means["core"] - means["semi-periphery"] > 0.8).all()
    assert (means["semi-periphery"] - means["periphery"] > 1.2).all()
    lo = cy.groupby(["year", "zone"])["lg"].min().unstack()
    hi = cy.groupby(["year", "zone"])["lg"].max().unstack()
    assert (lo["core"] > hi["semi-periphery"]).all()
    assert (lo["semi-periphery"] > hi["periphery"]).all()


def test_price_level_links_ppp_and_exchange_rate_gdp(w0):
    cy = w0.country_years
    np.testing.assert_allclose(cy["gdp_usd"], cy["gdp_ppp"] * cy["price_level"], rtol=1e-12)
    np.testing.assert_allclose(cy["gdppc_ppp"], cy["gdp_ppp"] * 1_000 / cy["pop"], rtol=1e-12)


# --------------------------------------------------------------------------- #
# capabilities and imperialism indicators
# --------------------------------------------------------------------------- #
def test_cinc_leader_and_second_in_every_year(w0):
    t = w0.truth
    assert t.leader == t.bloc_leaders["A"]
    assert t.second == t.bloc_leaders["B"]
    for year, d in w0.country_years.groupby("year"):
        comps = d.set_index("iso3")[COMPONENTS]
        cinc = (comps / comps.sum()).mean(axis=1).sort_values(ascending=False)
        assert list(cinc.index[:2]) == [t.leader, t.second], year


def test_nuclear_states_and_fdi(w0):
    t = w0.truth
    zones = w0.countries.set_index("iso3")["zone"]
    assert t.bloc_leaders["A"] in t.nuclear_states
    assert t.bloc_leaders["B"] in t.nuclear_states
    assert len(t.nuclear_states) == 4
    assert sum(zones[c] == "core" for c in t.nuclear_states) == 3
    wh = w0.country_years.groupby("iso3")["warheads"].max()
    assert set(wh[wh > 0].index) == set(t.nuclear_states)
    cy = w0.country_years.merge(w0.countries[["iso3", "zone"]], on="iso3")
    med = cy.groupby("zone")[["fdi_out_pct_gdp", "fdi_in_pct_gdp"]].median()
    assert med.loc["core", "fdi_out_pct_gdp"] > med.loc["core", "fdi_in_pct_gdp"]
    assert med.loc["periphery", "fdi_out_pct_gdp"] < med.loc["periphery", "fdi_in_pct_gdp"]


# --------------------------------------------------------------------------- #
# trade network
# --------------------------------------------------------------------------- #
def test_trade_block_densities_follow_zones(w0):
    zone = w0.countries.set_index("iso3")["zone"]
    t = w0.trade[w0.trade["year"] == 2019].copy()
    t["zo"] = t["iso3_o"].map(zone)
    t["zd"] = t["iso3_d"].map(zone)
    dens = (t["flow_musd"] > 0).groupby([t["zo"], t["zd"]]).mean().unstack()
    c, s, p = "core", "semi-periphery", "periphery"
    assert dens.loc[c, c] > dens.loc[s, s] > dens.loc[p, p]
    assert dens.loc[c, p] > dens.loc[s, p] > dens.loc[p, p]
    assert dens.loc[p, p] < 0.1
    mean_flow = t.groupby(["zo", "zd"])["flow_musd"].mean().unstack()
    assert mean_flow.loc[c, c] > mean_flow.loc[s, s] > mean_flow.loc[p, p]


def test_alliances_only_within_blocs(w0):
    bloc = w0.countries.set_index("iso3")["bloc"]
    al = w0.alliances
    bo = al["iso3_o"].map(bloc).to_numpy()
    bd = al["iso3_d"].map(bloc).to_numpy()
    assert (bo == bd).all()
    assert set(bo) == {"A", "B"}
    leader_a = w0.truth.bloc_leaders["A"]
    n_a = int((bloc == "A").sum())
    pairs_with_leader = al[(al["year"] == 1990) & al[["iso3_o", "iso3_d"]].eq(leader_a).any(axis=1)]
    assert len(pairs_with_leader) == n_a - 1


# --------------------------------------------------------------------------- #
# votes
# --------------------------------------------------------------------------- #
def test_yes_share_differs_by_bloc_in_planted_direction(w0):
    # 75 % of items have negative discrimination, so bloc A (positive ideal points)
    # votes yes less often than bloc B: every A member below every B member.
    v = w0.votes.merge(w0.countries[["iso3", "bloc"]], on="iso3")
    yes = (v["vote"] == "yes").groupby([v["bloc"], v["iso3"]]).mean()
    assert yes.loc["A"].max() < yes.loc["B"].min()
    assert yes.loc["A"].mean() < yes.loc["none"].mean() < yes.loc["B"].mean()


def test_ideal_points_orientation_and_drift(w0):
    ip = w0.ideal_points_truth
    lead_a, lead_b = w0.truth.bloc_leaders["A"], w0.truth.bloc_leaders["B"]
    assert (ip.loc[ip["iso3"] == lead_a, "ideal_point"] > 0).all()
    assert (ip.loc[ip["iso3"] == lead_b, "ideal_point"] < 0).all()
    first = ip[ip["session"] == ip["session"].min()].set_index("iso3")["ideal_point"]
    truth = w0.countries.set_index("iso3")["ideal_point_truth"]
    np.testing.assert_array_equal(first.loc[truth.index].to_numpy(), truth.to_numpy())
    steps = ip.sort_values(["iso3", "session"]).groupby("iso3")["ideal_point"].diff().dropna()
    assert 0.02 < steps.std() < 0.08  # planted random-walk sd 0.04


def test_votes_follow_the_ordered_probit_cutpoints(w0):
    # the no / abstain / yes shares for an item with b = 0 would be Phi(c_low),
    # Phi(c_high) - Phi(c_low), 1 - Phi(c_high); here check the pooled direction:
    # items with b < 0 get more "yes" from bloc B than from bloc A, items with b > 0
    # the reverse.
    v = w0.votes.merge(w0.roll_calls[["rcid", "discrimination"]], on="rcid")
    v = v.merge(w0.countries[["iso3", "bloc"]], on="iso3")
    v["yes"] = v["vote"] == "yes"
    v["neg"] = v["discrimination"] < 0
    share = v.groupby(["neg", "bloc"])["yes"].mean().unstack()
    assert share.loc[True, "B"] > share.loc[True, "A"] + 0.4
    assert share.loc[False, "A"] > share.loc[False, "B"] + 0.4
    rc = w0.roll_calls
    assert (rc["cut_high"] > rc["cut_low"]).all()


# --------------------------------------------------------------------------- #
# MRIO and the planted drain
# --------------------------------------------------------------------------- #
def test_mrio_is_productive_and_balanced(w0):
    m = w0.mrio
    A = m.Z / m.x[None, :]
    assert np.abs(np.linalg.eigvals(A)).max() < 1.0
    np.testing.assert_allclose(m.x, m.Z.sum(axis=1) + m.Y.sum(axis=1), rtol=1e-13, atol=0)
    np.testing.assert_allclose(
        m.satellites["value_added"], m.x - m.Z.sum(axis=0), rtol=1e-13, atol=0
    )
    assert (m.satellites["value_added"] > 0).all()
    assert (m.satellites["labour_hours"] > 0).all()
    assert (m.Z >= 0).all() and (m.Y >= 0).all()


def test_labour_intensity_core_low_periphery_high(w0):
    m = w0.mrio
    R = m.n_regions
    h = m.satellites["labour_hours"].reshape(R, -1).sum(axis=1)
    x = m.x.reshape(R, -1).sum(axis=1)
    zone = w0.countries["zone"].to_numpy()
    intensity = h / x
    assert intensity[zone == "core"].max() < intensity[zone == "periphery"].min()


def test_planted_drain_sign_with_direct_leontief_solve(w0):
    H = _embodied_hours_by_region(w0.mrio)
    zone = w0.countries["zone"].to_numpy()
    core, peri = zone == "core", zone == "periphery"
    drain = H[np.ix_(peri, core)].sum() - H[np.ix_(core, peri)].sum()
    assert w0.truth.drain_direction == "periphery->core"
    assert w0.truth.drain_sign == 1
    assert drain > 0
    np.testing.assert_allclose(drain, w0.truth.drain_hours, rtol=1e-9)
    exported = H[np.ix_(peri, ~peri)].sum()
    imported = H[np.ix_(~peri, peri)].sum()
    assert exported > 10 * imported  # planted: roughly 50 times
    # total embodied hours equal total hours worked (every hour ends in final demand)
    np.testing.assert_allclose(H.sum(), w0.mrio.satellites["labour_hours"].sum(), rtol=1e-9)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_drain_sign_holds_for_other_seeds(seed):
    w = world(seed=seed, years=(2010, 2012))
    H = _embodied_hours_by_region(w.mrio)
    zone = w.countries["zone"].to_numpy()
    core, peri = zone == "core", zone == "periphery"
    assert H[np.ix_(peri, core)].sum() > H[np.ix_(core, peri)].sum()


def test_planted_drain_hand_computed():
    # 2 regions x 1 sector; region 0 core, region 1 periphery.
    # Z = [[0, 5], [2, 0]], Y = [[5, 0], [3, 10]] -> x = [10, 15].
    # A = Z / x = [[0, 1/3], [0.2, 0]]; det(I - A) = 1 - 1/15 = 14/15;
    # L = 15/14 [[1, 1/3], [0.2, 1]]; L Y = [[90, 50], [60, 150]] / 14.
    # hours h = [10, 150] -> f = h / x = [1, 10]; H = [[90, 50], [600, 1500]] / 14.
    # drain = H[1, 0] - H[0, 1] = (600 - 50) / 14; exported 600/14, imported 50/14.
    m = MRIO(
        Z=np.array([[0.0, 5.0], [2.0, 0.0]]),
        Y=np.array([[5.0, 0.0], [3.0, 10.0]]),
        x=np.array([10.0, 15.0]),
        regions=("XAA", "XBB"),
        sectors=("all",),
        satellites={"labour_hours": np.array([10.0, 150.0])},
    )
    drain, exported, imported = planted_drain(m, np.array([0, 2]))
    assert drain == pytest.approx(550 / 14)
    assert exported == pytest.approx(600 / 14)
    assert imported == pytest.approx(50 / 14)


# --------------------------------------------------------------------------- #
# description
# --------------------------------------------------------------------------- #
def test_describe_documents_the_planted_structure(w0):
    import worldsystem.example as ex

    text = describe()
    assert ex.__doc__ == text
    for phrase in ("synthetic", "XKX", "trimodal", "ordered probit", "drain", "CINC"):
        assert phrase in text
    full = describe(w0)
    assert full.startswith(text)
    assert w0.truth.leader in full and w0.truth.bloc_leaders["B"] in full
    assert "seed=0" in full
