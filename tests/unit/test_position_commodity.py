"""Commodity-differentiated role equivalence (``blockmodel_commodity``) on hand-made tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.measures import position as P
from worldsystem.measures.position.commodity import (
    WIOD_COMMODITY_GROUPS,
    commodity_positions,
    commodity_relations,
)
from worldsystem.panels.mrio import MRIO

GROUPS = {"raw": "raw", "made": "made"}


def _three_regions() -> MRIO:
    """Regions A, B, ROW; sectors raw, made (region-major rows: A.raw, A.made, B.raw, ...)."""
    Z = np.zeros((6, 6))
    Y = np.zeros((6, 3))
    Z[0, 2] = 3.0  # A.raw -> B.raw (intermediate)
    Z[0, 3] = 1.0  # A.raw -> B.made
    Y[0, 1] = 2.0  # A.raw -> B final demand
    Z[0, 4] = 4.0  # A.raw -> ROW
    Z[0, 1] = 50.0  # A.raw -> A.made: domestic, not trade
    Z[3, 0] = 7.0  # B.made -> A.raw
    Y[5, 0] = 9.0  # ROW.made -> A final demand
    return MRIO(Z=Z, Y=Y, x=np.ones(6), regions=("A", "B", "ROW"), sectors=("raw", "made"))


def test_relations_hand_computed_export_shares():
    rel = commodity_relations(_three_regions(), groups=GROUPS)
    assert list(rel) == ["raw", "made"]
    raw, made = rel["raw"], rel["made"]
    assert list(raw.index) == ["A", "B"]  # the rest of the world is no node
    # A exports 3 + 1 + 2 = 6 raw to B and 4 to ROW: share 6 / 10 to B
    assert raw.loc["A", "B"] == pytest.approx(0.6)
    assert raw.loc["B", "A"] == 0.0
    assert made.loc["B", "A"] == pytest.approx(1.0)  # all of B's made exports go to A
    assert np.all(np.diag(raw.to_numpy()) == 0.0)  # the 50 delivered at home is not trade


def test_export_shares_are_of_each_group_and_total_shares_of_all_exports():
    """A sells raw 6 to B and 4 to ROW, and made 10 - 3 = 7 to B (an inventory fall
    of 3 nets out): 17 in all. Its made deliveries to ROW are -2 (inventories only):
    a negative flow is no export and does not lower the total."""
    b = _three_regions()
    Z, Y = b.Z.copy(), b.Y.copy()
    Z[1, 2] = 10.0  # A.made -> B.raw
    Y[1, 1] = -3.0  # A.made: B's inventories fall
    Y[1, 2] = -2.0  # A.made: ROW's inventories fall
    m = MRIO(Z=Z, Y=Y, x=np.ones(6), regions=b.regions, sectors=b.sectors)
    tot = commodity_relations(m, groups=GROUPS, ties="total_share")
    assert tot["raw"].loc["A", "B"] == pytest.approx(6 / 17)
    assert tot["made"].loc["A", "B"] == pytest.approx(7 / 17)
    grp = commodity_relations(m, groups=GROUPS)
    assert grp["raw"].loc["A", "B"] == pytest.approx(6 / 10)
    assert grp["made"].loc["A", "B"] == pytest.approx(1.0)


def test_relations_hand_computed_log1p():
    rel = commodity_relations(_three_regions(), groups=GROUPS, ties="log1p")
    assert rel["raw"].loc["A", "B"] == pytest.approx(np.log1p(6.0))
    assert rel["made"].loc["B", "A"] == pytest.approx(np.log1p(7.0))


def test_unmapped_sector_and_unknown_ties_are_clear_errors():
    with pytest.raises(SchemaError, match="sector 'made'"):
        commodity_relations(_three_regions(), groups={"raw": "raw"})
    with pytest.raises(ModelError, match="unknown commodity tie value"):
        commodity_relations(_three_regions(), groups=GROUPS, ties="dollars")


def test_wiod_groups_cover_the_35_sectors_in_five_groups():
    assert sorted(WIOD_COMMODITY_GROUPS, key=lambda c: int(c[1:])) == [
        f"c{i}" for i in range(1, 36)
    ]
    assert set(WIOD_COMMODITY_GROUPS.values()) == {
        "primary",
        "light",
        "resource_processing",
        "heavy_hightech",
        "services",
    }


def _roles_world(big=("P0", "P1"), factor=100.0, token=0.0) -> MRIO:
    """Four countries sell manufactures to everyone; six sell raw materials to the first
    four and the rest of the world. ``big`` periphery countries sell ``factor`` times more;
    with ``token``, P0 and P1 also sell that much of manufactures to everyone."""
    regs = [f"C{i}" for i in range(4)] + [f"P{i}" for i in range(6)] + ["ROW"]
    n = len(regs)
    Z = np.zeros((2 * n, 2 * n))
    Y = np.zeros((2 * n, n))
    for a, r in enumerate(regs):
        for b, s in enumerate(regs):
            if a == b:
                continue
            if r.startswith("C"):
                Y[2 * a + 1, b] = 20.0
            elif r.startswith("P") and not s.startswith("P"):
                Z[2 * a, 2 * b] = factor if r in big else 1.0
            if r in ("P0", "P1") and token:
                Y[2 * a + 1, b] = token
    return MRIO(Z=Z, Y=Y, x=np.ones(2 * n), regions=regs, sectors=("raw", "made"))


def test_roles_not_size_with_export_shares():
    out = commodity_positions(_roles_world(), groups=GROUPS)
    assert "ROW" not in out.index
    zone = out["zone"]
    assert (zone[[f"C{i}" for i in range(4)]] == "core").all()
    # P0 and P1 sell 100 times more raw materials than P2..P5, in the same role
    assert (zone[[f"P{i}" for i in range(6)]] == "periphery").all()


def test_log1p_ties_separate_the_large_raw_exporters():
    """The contrast: on dollar ties the two large raw exporters are split off by size."""
    zone = commodity_positions(_roles_world(), groups=GROUPS, ties="log1p")["zone"]
    assert (zone[["P0", "P1"]] != "periphery").all()
    assert (zone[["P2", "P3", "P4", "P5"]] == "periphery").all()


def _trade(regs):
    rows = [
        {"iso3_o": a, "iso3_d": b, "year": y, "flow_musd": float((i + 1) * (j + 1))}
        for y in (2000, 2001)
        for i, a in enumerate(regs)
        for j, b in enumerate(regs)
        if a != b
    ]
    return pd.DataFrame(rows)


def test_positions_runs_the_method_in_mrio_years_only():
    m = _roles_world()
    regs = [r for r in m.regions if r != "ROW"]
    res = P.positions(
        None,
        _trade(regs),
        years=[2000, 2001],
        methods=["cp_continuous", "blockmodel_commodity"],
        mrio={2001: m},
        commodity_groups=GROUPS,
        min_countries=5,
    )
    com = res[res["method"] == "blockmodel_commodity"]
    assert set(com["year"]) == {2001}
    assert set(com["iso3"]) == set(regs)
    assert set(res.loc[res["method"] == "cp_continuous", "year"]) == {2000, 2001}
    params = dict(res.attrs["provenance"].methods[-1].params)
    assert list(params["commodity_years"]) == [2001]
    assert P.METHOD_FAMILIES["blockmodel_commodity"] == "network"


def test_positions_all_without_tables_has_no_commodity_rows_and_asked_is_an_error():
    regs = [f"R{i}" for i in range(6)]
    cy = pd.DataFrame(
        {"iso3": regs, "year": 2000, "gdppc_usd": [1e2, 2e2, 1e3, 2e3, 1e4, 2e4]}
    ).assign(gdppc_ppp=lambda d: d["gdppc_usd"])
    res = P.positions(cy, _trade(regs), years=[2000], methods="all", min_countries=5)
    assert "cp_continuous" in set(res["method"])
    assert "blockmodel_commodity" not in set(res["method"])
    with pytest.raises(SchemaError, match="needs input-output tables"):
        P.positions(None, None, years=[2000], methods=["blockmodel_commodity"])
