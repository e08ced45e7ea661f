"""worldsystem.measures.exchange: hand-computed 2-region x 1-sector cases.

The table (USD million; region 0 = USA, region 1 = IND, one sector each)::

    Z = [[10, 20],     Y = [[60, 10],     x = [100, 100]
         [30,  5]]          [15, 50]]

    A = Z / x = [[0.1, 0.2], [0.3, 0.05]];  I - A = [[0.9, -0.2], [-0.3, 0.95]]
    det = 0.9 * 0.95 - 0.2 * 0.3 = 0.795
    L = [[0.95, 0.2], [0.3, 0.9]] / 0.795
    L y_USA = L (60, 15) = (60, 31.5) / 0.795
    L y_IND = L (10, 50) = (19.5, 48) / 0.795       (row sums give x = 100, 100)

Labour hours h = (1000, 4000) -> f = h / x = (10, 40) hours per USD million.
Footprint E[r, s] = f_r (L y_s)_r::

    E = [[10 * 60, 10 * 19.5], [40 * 31.5, 40 * 48]] / 0.795
      = [[600, 195], [1260, 1920]] / 0.795          (total 3975 / 0.795 = 5000 = sum h)

USA: exported 195/0.795 = 245.283, imported 1260/0.795 = 1584.906,
     net = -1065/0.795 = -1339.623 hours (a net appropriator);
IND: net = +1339.623 hours; exchange ratio 1260 / 195 = 6.4615.

Value added v = x - 1'Z = (100 - 40, 100 - 25) = (60, 75) -> (0.6, 0.75) per USD:
    VA E[USA, IND] = 0.6 * 19.5 / 0.795 = 11.7 / 0.795,
    VA E[IND, USA] = 0.75 * 31.5 / 0.795 = 23.625 / 0.795,
    net VA of IND = (23.625 - 11.7) / 0.795 = 11.925 / 0.795 = 15.0.

EEBT: domestic multipliers f_r / (1 - a_rr) = 10 / 0.9 and 40 / 0.95;
    gross exports USA -> IND = 20 + 10 = 30, IND -> USA = 30 + 15 = 45;
    EEBT[USA, IND] = 300 / 0.9 = 333.33, EEBT[IND, USA] = 1800 / 0.95 = 1894.74,
    net hours of IND = 1894.74 - 333.33 = 1561.40.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import exchange as ex
from worldsystem.panels.mrio import MRIO

D = 0.795


@pytest.fixture
def two() -> MRIO:
    Z = np.array([[10.0, 20.0], [30.0, 5.0]])
    Y = np.array([[60.0, 10.0], [15.0, 50.0]])
    x = np.array([100.0, 100.0])
    return MRIO(
        Z=Z,
        Y=Y,
        x=x,
        regions=("USA", "IND"),
        sectors=("all",),
        satellites={"labour_hours": [1000.0, 4000.0], "value_added": x - Z.sum(axis=0)},
        satellite_units={"labour_hours": "hours", "value_added": "USD million, current"},
        year=2011,
    )


def test_exported_imported_net_hours_and_va(two):
    e = ex.embodied_exchange(two).set_index("iso3")
    assert list(e.index) == ["USA", "IND"]
    assert e.loc["USA", "hours_exported"] == pytest.approx(195 / D)
    assert e.loc["USA", "hours_imported"] == pytest.approx(1260 / D)
    assert e.loc["USA", "net_hours"] == pytest.approx(-1065 / D)
    assert e.loc["IND", "net_hours"] == pytest.approx(1065 / D)
    assert e.loc["IND", "value_added_exported_musd"] == pytest.approx(23.625 / D)
    assert e.loc["IND", "value_added_imported_musd"] == pytest.approx(11.7 / D)
    assert e.loc["IND", "net_value_added_musd"] == pytest.approx(15.0)
    assert (e["year"] == 2011).all() and not e["pseudo_region"].any()
    assert prov.get_units(e)["net_hours"] == "hours"
    names = [m.name for m in prov.get(e).methods]
    assert names[-1].endswith("embodied_exchange")


def test_eebt(two):
    e = ex.embodied_exchange(two, method="eebt").set_index("iso3")
    assert e.loc["USA", "hours_exported"] == pytest.approx(300 / 0.9)
    assert e.loc["IND", "hours_exported"] == pytest.approx(1800 / 0.95)
    assert e.loc["IND", "net_hours"] == pytest.approx(1800 / 0.95 - 300 / 0.9)


def test_bilateral_matrix_and_totals(two):
    b = ex.bilateral_matrix(two, "labour_hours")
    assert list(zip(b["iso3_o"], b["iso3_d"], strict=True)) == [
        ("USA", "USA"),
        ("USA", "IND"),
        ("IND", "USA"),
        ("IND", "IND"),
    ]
    assert b["value"].to_numpy() == pytest.approx(np.array([600, 195, 1260, 1920]) / D)
    # embodied factor in all final demand = factor total (balanced table)
    assert b["value"].sum() == pytest.approx(5000.0)
    both = ex.bilateral_flows(two, include_domestic=False)
    assert len(both) == 2 and set(both.columns) >= {"hours", "value_added_musd"}


def test_precomputed_flows_are_reused(two):
    from worldsystem import mrio

    flows = mrio.embodied_flows(two, ("labour_hours", "value_added"))
    a = ex.embodied_exchange(two, flows=flows)
    b = ex.embodied_exchange(two)
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ModelError, match="not in the precomputed flows"):
        ex.embodied_exchange(two, flows=mrio.embodied_flows(two, ("value_added",)))


def test_bad_inputs(two):
    with pytest.raises(ModelError, match="unknown attribution method"):
        ex.embodied_exchange(two, method="gross")
    with pytest.raises(ModelError, match="not in the MRIO"):
        ex.embodied_exchange(two, satellites=("co2",))
    no_year = MRIO(Z=two.Z, Y=two.Y, x=two.x, regions=two.regions, sectors=two.sectors)
    with pytest.raises(SchemaError, match="no year"):
        ex.embodied_exchange(no_year.with_satellite("labour_hours", [1.0, 1.0], "hours"))


def test_wiod_codes_and_pseudo_region():
    Z = np.zeros((2, 2))
    m = MRIO(
        Z=Z,
        Y=np.array([[1.0, 1.0], [1.0, 1.0]]),
        x=np.array([2.0, 2.0]),
        regions=("ROM", "RoW"),
        sectors=("s",),
        satellites={"labour_hours": [2.0, 4.0]},
        year=2000,
    )
    e = ex.embodied_exchange(m, satellites=("labour_hours",))
    assert e["iso3"].tolist() == ["ROU", "ROW"]
    assert e["pseudo_region"].tolist() == [False, True]
    # ROU: 1 hour to ROW's demand; ROW: 2 hours to ROU's -> net -1, +1
    assert e["net_hours"].tolist() == pytest.approx([-1.0, 1.0])


def _wages():
    # USA 40 USD/h over 1000 h, IND 2 USD/h over 4000 h
    return pd.DataFrame(
        {
            "iso3": ["USA", "IND"],
            "year": 2011,
            "wage_usd_per_hour": [40.0, 2.0],
            "hours": [1e3, 4e3],
        }
    )


@pytest.mark.parametrize(
    ("basis", "wage_usa", "wage_ind"),
    [
        ("northern", 40.0, 40.0),  # North = USA (IMF advanced) only
        ("global", 9.6, 9.6),  # (40 * 1000 + 2 * 4000) / 5000
        ("southern", 2.0, 2.0),  # South = IND only
        ("own", 40.0, 2.0),
    ],
)
def test_valuation_bases(two, basis, wage_usa, wage_ind):
    e = ex.embodied_exchange(two, satellites=("labour_hours",))
    v = ex.value_labour_flows(e, _wages(), basis=basis).set_index("iso3")
    net = 1065 / D
    assert v.loc["IND", "net_transfer_musd"] == pytest.approx(net * wage_ind / 1e6)
    assert v.loc["USA", "net_transfer_musd"] == pytest.approx(-net * wage_usa / 1e6)
    assert v.loc["IND", "exchange_ratio"] == pytest.approx(1260 / 195)
    assert v.loc["USA", "exchange_ratio"] == pytest.approx(195 / 1260)
    assert (v["basis"] == basis).all()
    assert prov.get_units(v)["net_transfer_musd"] == "USD million, current"


def test_valuation_with_user_groups_and_missing_basis(two):
    e = ex.embodied_exchange(two, satellites=("labour_hours",))
    # swap the labels: "North" is IND, so the northern wage is 2
    v = ex.value_labour_flows(e, _wages(), basis="northern", groups={"IND": "North", "USA": "S"})
    assert v["wage_basis_usd_per_hour"].tolist() == [2.0, 2.0]
    with pytest.raises(ModelError, match="no southern wage"):
        ex.value_labour_flows(e, _wages(), basis="southern", groups={"IND": "N", "USA": "N"})
    with pytest.raises(ModelError, match="unknown price basis"):
        ex.value_labour_flows(e, _wages(), basis="market")


def test_wage_proxy():
    f = pd.DataFrame(
        {"iso3": ["A", "B"], "year": 1, "value_added_musd": [2.0, 1.0], "hours": [1e5, 0.0]}
    )
    f["labsh"] = [0.5, 0.5]
    w = ex.wage_proxy(f)
    # 0.5 * 2e6 / 1e5 = 10 USD/h; zero hours -> NaN
    assert w["wage_usd_per_hour"].iloc[0] == pytest.approx(10.0)
    assert np.isnan(w["wage_usd_per_hour"].iloc[1])


def test_erdi_and_transfer():
    f = pd.DataFrame(
        {
            "iso3": ["USA", "IND", "USA", "IND", "CHN"],
            "year": [2010, 2010, 2011, 2011, 2012],
            "pl_gdpo": [0.8, 0.4, 0.9, 0.3, 0.5],
        }
    )
    e = ex.erdi(f)
    # re-based on the USA each year: 0.8 / 0.4 = 2, 0.9 / 0.3 = 3; no USA in 2012 -> NaN
    assert e["erdi"].iloc[:4].tolist() == pytest.approx([1.0, 2.0, 1.0, 3.0])
    assert np.isnan(e["erdi"].iloc[4])
    raw = ex.erdi(f, reference=None)
    assert raw["erdi"].iloc[1] == pytest.approx(2.5)  # 1 / 0.4
    # GDP route: PPP 300, XR 100 -> 3 (reference USA 1)
    g = pd.DataFrame({"iso3": ["USA", "IND"], "year": 2011, "ppp": [10.0, 300.0], "xr": [10, 100]})
    assert ex.erdi(g, gdp_ppp_col="ppp", gdp_xr_col="xr")["erdi"].tolist() == pytest.approx(
        [1.0, 3.0]
    )
    # transfer T = X (ERDI - 1): IND exports 50 -> 50 * (3 - 1) = 100, share 100 / 400
    t = e.iloc[2:4].assign(x=[80.0, 50.0], gdp=[1000.0, 400.0])
    t = ex.erdi_transfer(t, exports_col="x", gdp_col="gdp")
    assert t["transfer_musd"].tolist() == pytest.approx([0.0, 100.0])
    assert t["transfer_share_gdp"].tolist() == pytest.approx([0.0, 0.25])
    assert "kohler1998structure" in prov.get(t).citations
    with pytest.raises(ModelError, match="only one of"):
        ex.erdi(g, gdp_ppp_col="ppp")


def test_partition_flows_net_equals_member_sum():
    # three countries; A, B in group N, C in S
    E = np.array([[5.0, 1.0, 2.0], [3.0, 4.0, 6.0], [9.0, 7.0, 8.0]])
    codes = ["AAA", "BBB", "CCC"]
    b = pd.DataFrame(
        {
            "iso3_o": np.repeat(codes, 3),
            "iso3_d": np.tile(codes, 3),
            "year": 2000,
            "hours": E.ravel(),
        }
    )
    p = ex.partition_flows(b, {"AAA": "N", "BBB": "N", "CCC": "S"}).set_index(
        ["group_o", "group_d"]
    )
    # F[N,S] = 2 + 6 = 8, F[S,N] = 9 + 7 = 16 -> net N->S = -8
    assert p.loc[("N", "S"), "hours"] == 8.0
    assert p.loc[("S", "N"), "net_hours"] == 8.0
    assert p.loc[("N", "S"), "net_hours"] == -8.0
    # member nets: row sums - column sums (diagonal cancels)
    member_net = E.sum(axis=1) - E.sum(axis=0)
    assert member_net[2] == p.loc[("S", "N"), "net_hours"]
    with pytest.raises(SchemaError, match="have no group"):
        ex.partition_flows(b, {"AAA": "N"})
    q = ex.partition_flows(b, {"AAA": "N"}, unassigned="other")
    assert set(q["group_o"]) == {"N", "other"}
    # a year-varying frame works too
    g = pd.DataFrame({"iso3": codes, "year": 2000, "group": ["N", "S", "S"]})
    r = ex.partition_flows(b, g).set_index(["group_o", "group_d"])
    assert r.loc[("N", "S"), "hours"] == 1.0 + 2.0


def test_north_south():
    ns = ex.north_south(["CZE", "USA", "ROW"], [2008, 2009])
    got = dict(zip(zip(ns["iso3"], ns["year"], strict=True), ns["group"], strict=True))
    # Czechia joins the IMF advanced economies in 2009 (groups.csv)
    assert got[("CZE", 2008)] == "South" and got[("CZE", 2009)] == "North"
    assert got[("USA", 2008)] == "North" and got[("ROW", 2009)] == "South"


def test_top_appropriators():
    f = pd.DataFrame(
        {
            "iso3": ["AAA", "BBB", "CCC", "DDD", "ROW"],
            "year": 2000,
            "pseudo_region": [False, False, False, False, True],
            "net_transfer_musd": [-5.0, 3.0, -1.0, 4.0, -100.0],
            "gdp": [50.0, 30.0, 10.0, 8.0, 1.0],
        }
    )
    t = ex.top_appropriators(f, n=1, by="net_transfer_musd", gdp_col="gdp")
    # ROW is skipped; the biggest appropriator is AAA (-5), the most drained DDD (+4)
    assert t[["role", "iso3"]].values.tolist() == [["appropriated", "DDD"], ["appropriator", "AAA"]]
    assert t["share_gdp"].tolist() == pytest.approx([0.5, -0.1])
    t2 = ex.top_appropriators(f, n=3, by="net_transfer_musd", include_pseudo=True)
    app = t2[t2["role"] == "appropriator"]
    assert app["iso3"].tolist() == ["ROW", "AAA", "CCC"] and app["rank"].tolist() == [1, 2, 3]
