"""Accounting identities of worldsystem.measures.exchange, and recovery of the
example world's planted drain.

Identities (Miller & Blair 2009, ch. 10), for a balanced table (x = Z1 + Y1):

* the factor embodied in all final demand equals the factor total:
  sum_{o,d} E_od = sum_i F_i (footprint), and the same row by row for EEBT;
* world net flows are zero: sum_r (exported_r - imported_r) = 0;
* a group's net flow (partition_flows) is the sum of its members' net flows.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from worldsystem.example import world
from worldsystem.measures import exchange as ex
from worldsystem.panels.mrio import MRIO


def random_mrio(seed: int, R: int, S: int) -> MRIO:
    """A balanced productive table: column sums of A in [0.2, 0.7]."""
    rng = np.random.default_rng(seed)
    n = R * S
    A = rng.random((n, n))
    A *= rng.uniform(0.2, 0.7, n) / A.sum(axis=0)
    Y = rng.uniform(1.0, 10.0, (n, R))
    x = np.linalg.solve(np.eye(n) - A, Y.sum(axis=1))
    Z = A * x[None, :]
    hours = rng.uniform(0.5, 5.0, n) * x
    codes = tuple(f"{chr(65 + r)}{chr(65 + r)}{chr(65 + r)}" for r in range(R))
    return MRIO(
        Z=Z,
        Y=Y,
        x=x,
        regions=codes,
        sectors=tuple(f"s{i}" for i in range(S)),
        satellites={"labour_hours": hours, "value_added": x - Z.sum(axis=0)},
        satellite_units={"labour_hours": "hours", "value_added": "USD million, current"},
        year=2000,
    )


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    R=st.integers(2, 5),
    S=st.integers(1, 4),
    method=st.sampled_from(["footprint", "eebt"]),
)
def test_identities(seed, R, S, method):
    m = random_mrio(seed, R, S)
    b = ex.bilateral_flows(m, method=method)
    e = ex.embodied_exchange(m, method=method)
    tot_h = m.satellites["labour_hours"].sum()
    tot_v = m.satellites["value_added"].sum()
    assert b["hours"].sum() == pytest.approx(tot_h, rel=1e-10)
    assert b["value_added_musd"].sum() == pytest.approx(tot_v, rel=1e-10)
    # production-based identity: row sums = the factor used in each region
    rows = b.groupby("iso3_o", sort=False)["hours"].sum().to_numpy()
    assert rows == pytest.approx(m.satellites["labour_hours"].reshape(R, S).sum(axis=1))
    assert abs(e["net_hours"].sum()) <= 1e-9 * tot_h
    assert abs(e["net_value_added_musd"].sum()) <= 1e-9 * tot_v
    # value added embodied in final demand = the value of final demand (footprint)
    if method == "footprint":
        assert b.groupby("iso3_d", sort=False)["value_added_musd"].sum().to_numpy() == (
            pytest.approx(m.Y.sum(axis=0), rel=1e-9)
        )
    groups = {c: ("N" if i % 2 else "S") for i, c in enumerate(m.regions)}
    p = ex.partition_flows(b, groups)
    net_s = p[(p["group_o"] == "S")]["net_hours"].sum()
    members = e[e["iso3"].map(groups) == "S"]["net_hours"].sum()
    assert net_s == pytest.approx(members, rel=1e-9, abs=1e-9 * tot_h)


@pytest.fixture(scope="module")
def example():
    return world(seed=0)


def test_example_world_planted_drain(example):
    """The planted drain: net hours periphery -> core, as ``planted_drain`` defines it."""
    m, truth = example.mrio, example.truth
    zones = dict(truth.zones) if m.regions[0] in truth.zones else {r: r for r in m.regions}
    b = ex.bilateral_matrix(m, "labour_hours")
    p = ex.partition_flows(b, zones).set_index(["group_o", "group_d"])
    drain = p.loc[("periphery", "core"), "net_value"]
    assert truth.drain_direction == "periphery->core"
    assert np.sign(drain) == truth.drain_sign == 1
    assert drain == pytest.approx(truth.drain_hours, rel=1e-9)
    # hours produced in the periphery for others' final demand, and the reverse
    out_p = p.loc[("periphery", "core"), "value"] + p.loc[("periphery", "semi-periphery"), "value"]
    in_p = p.loc[("core", "periphery"), "value"] + p.loc[("semi-periphery", "periphery"), "value"]
    assert out_p == pytest.approx(truth.periphery_hours_exported, rel=1e-9)
    assert in_p == pytest.approx(truth.periphery_hours_imported, rel=1e-9)
    # the same drain from the country rows: periphery members' net hours sum to
    # the periphery's net flow to core and semi-periphery together
    e = ex.embodied_exchange(m)
    peri = e[e["iso3"].map(zones) == "periphery"]
    net_p = (
        p.loc[("periphery", "core"), "net_value"]
        + p.loc[("periphery", "semi-periphery"), "net_value"]
    )
    assert peri["net_hours"].sum() == pytest.approx(net_p, rel=1e-9)


def test_example_world_valuation_and_ranking(example):
    """Periphery countries are net drained; valued at core wages the transfer is positive."""
    m, truth = example.mrio, example.truth
    zones = dict(truth.zones) if m.regions[0] in truth.zones else {r: r for r in m.regions}
    e = ex.embodied_exchange(m)
    hours = m.satellites["labour_hours"].reshape(m.n_regions, m.n_sectors).sum(axis=1)
    va = m.satellites["value_added"].reshape(m.n_regions, m.n_sectors).sum(axis=1)
    w = pd.DataFrame({"iso3": e["iso3"], "year": e["year"], "hours": hours, "va": va})
    w["labsh"] = 0.6
    w = ex.wage_proxy(w, value_added_col="va")
    groups = {c: ("North" if z == "core" else "South") for c, z in zones.items()}
    v_n = ex.value_labour_flows(e, w, basis="northern", groups=groups)
    v_s = ex.value_labour_flows(e, w, basis="southern", groups=groups)
    south = v_n["iso3"].map(groups) == "South"
    # one wage per year: the South's transfer is the South's net hours times the basis wage
    assert v_n.loc[south, "net_transfer_musd"].sum() == pytest.approx(
        v_n.loc[south, "net_hours"].sum() * v_n["wage_basis_usd_per_hour"].iloc[0] / 1e6
    )
    assert v_n.loc[south, "net_transfer_musd"].sum() > 0
    # Northern wages are higher than Southern ones in the example world
    assert v_n["wage_basis_usd_per_hour"].iloc[0] > v_s["wage_basis_usd_per_hour"].iloc[0]
    top = ex.top_appropriators(v_n, n=3, by="net_hours")
    appropriators = top[top["role"] == "appropriator"]["iso3"].map(zones)
    assert (appropriators == "core").any()
