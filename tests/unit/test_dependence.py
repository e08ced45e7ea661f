"""Hand-computed dependence measures on a three-country world (A, B, C; year 2000).

Flows o -> d (million USD): A->B 10, A->C 20, B->A 5, B->C 5, C->A 10, C->B 0.
Exports X: A 30, B 10, C 10 (world 50). Imports M: A 15, B 10, C 25.
Import shares: A from B 5/15, from C 10/15; B from A 10/10, from C 0/10;
C from A 20/25 = 0.8, from B 5/25 = 0.2.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.measures import dependence as dep


@pytest.fixture
def trade():
    rows = [
        ("A", "B", 10),
        ("A", "C", 20),
        ("B", "A", 5),
        ("B", "C", 5),
        ("C", "A", 10),
        ("C", "B", 0),
    ]
    return pd.DataFrame(rows, columns=["iso3_o", "iso3_d", "flow_musd_current"]).assign(year=2000)


@pytest.fixture
def gdp():
    return pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "gdp_usd": [600.0, 300, 100]})


def test_trade_totals(trade):
    t = dep.trade_totals(trade).set_index("iso3")
    assert t["exports"].to_dict() == {"A": 30.0, "B": 10.0, "C": 10.0}
    assert t["imports"].to_dict() == {"A": 15.0, "B": 10.0, "C": 25.0}


def test_supplier_concentration(trade):
    c = dep.supplier_concentration(trade).set_index("iso3")
    # A: (1/3)^2 + (2/3)^2 = 5/9; B: 1^2 + 0^2 = 1; C: 0.8^2 + 0.2^2 = 0.68
    np.testing.assert_allclose(c.loc[["A", "B", "C"], "hhi"], [5 / 9, 1.0, 0.68])
    np.testing.assert_allclose(c.loc[["A", "B", "C"], "effective_suppliers"], [9 / 5, 1, 1 / 0.68])
    # B's flow from C is 0: one supplier with a positive flow
    assert c["n_suppliers"].to_dict() == {"A": 2, "B": 1, "C": 2}
    assert c["top_supplier"].to_dict() == {"A": "C", "B": "A", "C": "A"}


def test_principal_supplier_counts(trade):
    # A is top supplier of B and C, C of A, B of nobody.
    p = dep.principal_supplier_counts(trade).set_index("iso3")["principal_supplier_count"]
    assert p.to_dict() == {"A": 2, "B": 0, "C": 1}


def test_trade_openness(trade, gdp):
    o = dep.trade_openness(trade, gdp).set_index("iso3")["openness"]
    # (X+M)/GDP: A 45/600, B 20/300, C 35/100
    np.testing.assert_allclose(o.loc[["A", "B", "C"]], [0.075, 20 / 300, 0.35])


def test_partner_dependence_single_partner(trade):
    r = dep.partner_dependence(trade, "C", "A").iloc[0]
    # share 20/25 = 0.8; A's exports 30 over world exports excluding C's own 50 - 10 = 40
    assert r["import_share"] == pytest.approx(0.8)
    assert r["world_exports_excl"] == pytest.approx(40.0)
    assert r["partner_world_share"] == pytest.approx(0.75)
    assert r["intensity"] == pytest.approx(0.8 / 0.75)


def test_partner_dependence_bloc_drops_country_itself(trade):
    # bloc {A, B, C} for C is {A, B}: share 25/25 = 1; their exports 40 of 40 -> intensity 1
    r = dep.partner_dependence(trade, "C", ["A", "B", "C"]).iloc[0]
    assert r["partner"] == "A+B+C"
    assert r["import_share"] == pytest.approx(1.0)
    assert r["intensity"] == pytest.approx(1.0)


def test_dependence_table(trade, gdp):
    d = dep.dependence_table(trade, country="A", on="B", gdp=gdp).iloc[0]
    # A imports 5 from B (rank 2 behind C's 10), share 1/3; B exports 10 of (50 - 30) = 0.5
    assert d["partner_rank"] == 2
    assert d["import_share"] == pytest.approx(1 / 3)
    assert d["intensity"] == pytest.approx((1 / 3) / 0.5)
    assert d["hhi"] == pytest.approx(5 / 9)
    assert d["openness"] == pytest.approx(0.075)
    assert d["partner_imports_gdp"] == pytest.approx(5 / 600)


def test_missing_flows_self_trade_and_duplicates(trade):
    extra = pd.DataFrame(
        {
            "iso3_o": ["A", "A", None, "A"],
            "iso3_d": ["B", "A", "B", "C"],
            "year": 2000,
            "flow_musd_current": [np.nan, 7.0, 3.0, 4.0],
        }
    )
    t = dep.trade_totals(pd.concat([trade, extra], ignore_index=True)).set_index("iso3")
    # missing flow, self-flow and unknown exporter dropped; duplicate A->C summed (20 + 4)
    assert t.loc["A", "exports"] == 34.0
    assert t.loc["B", "imports"] == 10.0


def test_errors(trade):
    with pytest.raises(WorldsystemError, match="no reported imports"):
        dep.partner_dependence(trade, "ZZZ", "A")
    with pytest.raises(WorldsystemError, match="only the country itself"):
        dep.partner_dependence(trade, "A", ["A"])
    bad = trade.assign(flow_musd_current=-1.0)
    with pytest.raises(SchemaError):
        dep.trade_totals(bad)
    with pytest.raises(SchemaError):
        dep.trade_totals(trade.drop(columns="year"))
