"""Recovery of the example world's planted core / semi-periphery / periphery.

Adjusted Rand index against ``countries.zone`` per year, on 4 of the 30 years
(1990, 2000, 2010, 2019) to keep the run short. Issue 6 asks for at least 0.8
for every network method on the default world, in every year tested.

Measured on world(seed=0), per year 1990 / 2000 / 2010 / 2019 (pytest -s prints
every method's ARI):

- income_xr, income_ppp, cp_continuous, blockmodel_se: 1.00 in every year;
- cp_three_tier: 0.93 in every year;
- blockmodel_rege: 0.93 in every year (exact REGE on this 30-country world);
- multiplex: 1.00 / 0.93 / 0.93 / 0.93.

Seeds 1-4 (minimum over the four years): cp_continuous 0.93-1.00,
cp_three_tier 0.87-0.93, blockmodel_se 0.93-1.00, multiplex 0.73-1.00 and
blockmodel_rege 0.72-0.93 (seed 1: 0.72, two planted core countries fall in
the semi-periphery block; with REGE truncated to each country's 20 strongest
partners, as on networks over REGE_EXACT_MAX countries, seed 4 drops to 0.77).
When CONCOR split only the largest block, blockmodel_rege was 0.39 on seeds 1
and 4: the periphery side of the first split was the larger, so the periphery
was split and the core stayed merged with the semi-periphery; CONCOR now splits
every block at each level (see blockmodel_positions). Only the default world is
asserted.

What makes the three-tier and multiplex methods recover the zones: the world
plants a semi-periphery that is intermediate in every network (it trades with
the core, itself and the periphery; it exports arms to the periphery; its
alliances are denser than the periphery's), the nested model uses Borgatti &
Everett's original ideal pattern (the core is tied to everyone), and the
multiplex combines the networks into one before the core-periphery model.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.example import world
from worldsystem.measures import position as P

YEARS = [1990, 2000, 2010, 2019]
NETWORK_METHODS = [
    "cp_continuous",
    "cp_three_tier",
    "blockmodel_se",
    "blockmodel_rege",
    "multiplex",
]


@pytest.fixture(scope="module")
def recovery():
    w = world(seed=0)
    truth = w.countries.set_index("iso3")["zone"]
    res = P.positions(
        w.country_years, w.trade, years=YEARS, arms=w.arms, alliances=w.alliances, seed=0
    )
    res = res.assign(truth=res["iso3"].map(truth))
    ari = {
        m: [P.adjusted_rand_index(g.zone, g.truth) for _, g in gm.groupby("year")]
        for m, gm in res.groupby("method")
    }
    for m, a in ari.items():
        print(f"{m:16s} ARI " + " ".join(f"{v:.3f}" for v in a))
    return res, ari


def test_every_method_reports(recovery):
    res, _ = recovery
    # blockmodel_commodity needs WIOD input-output tables, which the example world has not
    assert set(res["method"]) == set(P.METHODS) - {"blockmodel_commodity"}
    assert set(res["zone"]) <= set(P.ZONES)
    assert res.attrs["provenance"].is_example


@pytest.mark.parametrize("method", ["income_xr", "income_ppp", *NETWORK_METHODS])
def test_planted_partition_recovered(recovery, method):
    _, ari = recovery
    assert len(ari[method]) == len(YEARS)
    assert min(ari[method]) >= 0.8


def test_three_tier_keeps_planted_core_and_periphery(recovery):
    # The nested model's errors are semi-peripheral countries only: every planted
    # core country is in its core and every planted periphery country in its periphery.
    res, _ = recovery
    tt = res[res.method == "cp_three_tier"]
    assert (tt[tt.truth == "core"].zone == "core").all()
    assert (tt[tt.truth == "periphery"].zone == "periphery").all()


def test_agreement_and_ensemble(recovery):
    res, _ = recovery
    ag = P.method_agreement(res, year=2000)
    piv = ag.pivot(index="method_a", columns="method_b", values="ari")
    assert piv.loc["cp_continuous", "income_ppp"] >= 0.8
    assert np.allclose(np.diag(piv.to_numpy()), 1.0)
    ens = P.position_ensemble(res)
    truth = res.drop_duplicates("iso3").set_index("iso3")["truth"]
    got = ens.assign(truth=ens.iso3.map(truth))
    assert P.adjusted_rand_index(got.zone, got.truth) >= 0.9
    assert ((ens.share > 0) & (ens.share <= 1)).all()
    mob = P.zone_mobility(res, period=10)
    # The planted zones are fixed: every transition stays on the diagonal for income.
    inc = mob[mob.method == "income_ppp"]
    assert inc[inc.zone_from != inc.zone_to]["count"].sum() == 0


def test_state_years_the_dyads_barely_hold_leave_every_network():
    """A state-year below the coverage floor loses all its ties in that year (as
    exporter and importer), keeps them in other years, and the provenance names it."""
    from worldsystem.core.provenance import get
    from worldsystem.workflows.inputs import without_state_years

    ties = pd.DataFrame(
        {
            "iso3_o": ["AAA", "BBB", "CCC", "AAA", "BBB"],
            "iso3_d": ["BBB", "AAA", "BBB", "CCC", "CCC"],
            "year": [1980, 1980, 1980, 1981, 1980],
            "flow": [1.0, 2.0, 3.0, 4.0, 5.0],
        }
    )
    drop = pd.DataFrame(
        {"iso3": ["AAA"], "year": [1980], "coverage": [0.07], "national_imports_musd": [9.0]}
    )
    out = without_state_years(ties, drop, [1980, 1981])
    assert out["flow"].tolist() == [3.0, 4.0, 5.0]
    (note,) = [n for n in get(out).notes if "state-years" in n]
    assert note.startswith("1 state-years") and "AAA 1980" in note


def test_example_world_trade_is_complete_so_no_state_year_is_dropped(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    from worldsystem.workflows.context import resolve_context
    from worldsystem.workflows.inputs import incomplete_trade

    ctx = resolve_context(None, years=(2010, 2012))
    assert len(incomplete_trade(ctx)) == 0
