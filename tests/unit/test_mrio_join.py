"""The labour join for tables without hours, the euro-dollar conversion and the move of a
scenario to another table, on small cases computed by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import ModelError, SourceError
from worldsystem.panels import mrio_sources as ms
from worldsystem.panels.mrio import MRIO
from worldsystem.panels.wiod import labour_hours
from worldsystem.simulate.scenario import BilateralCut, Sanctions, Scenario
from worldsystem.simulate.translate import translate


def test_labour_hours_with_another_classification_and_an_imputed_region():
    # regions AAA (PWT: 10 persons x 100 h), BBB (no PWT, no ILO), ROW; sectors in
    # ICIO codes: A01 -> AGR, C10 -> MAN
    sectors = ["A01", "C10"]
    groups = {"A01": "AGR", "C10": "MAN"}
    x = np.array([30.0, 70.0, 5.0, 15.0, 40.0, 60.0])
    pwt = pd.DataFrame({"iso3": ["AAA"], "year": [2019], "emp": [1e-5], "avh": [100.0]})
    ggdc = pd.DataFrame(columns=["iso3", "year", "series"])
    ilo = pd.DataFrame(
        {"iso3": ["AAA", "ZZZ"], "year": [2019, 2019], "employment_thousands": [0.01, 0.03]}
    )
    with pytest.raises(Exception, match="no employment figure for BBB"):
        labour_hours(x, ["AAA", "BBB", "ROW"], sectors, 2019, pwt=pwt, ggdc=ggdc, ilo=ilo,
                     group_of_sector=groups)  # fmt: skip
    hours, method = labour_hours(
        x, ["AAA", "BBB", "ROW"], sectors, 2019, pwt=pwt, ggdc=ggdc, ilo=ilo,
        group_of_sector=groups, impute_missing=True,
    )  # fmt: skip
    h = hours.reshape(3, 2)
    # AAA: 10 x 100 = 1,000 hours split by output 30:70
    assert h[0] == pytest.approx([300.0, 700.0])
    # ROW: ILO world 40 persons minus AAA's 10 = 30 x median avh 100 = 3,000, by output
    assert h[2] == pytest.approx([1200.0, 1800.0])
    # BBB: median hours per unit of output of AAA (10/h) and ROW (30/h) = 20 -> x 20
    assert h[1] == pytest.approx([100.0, 300.0])
    assert method.set_index("region").loc["BBB", "level_rule"].startswith("imputed")


def _table(unit="EUR million, current", year=2021):
    Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    return MRIO(
        Z=Z,
        Y=np.array([[5.0], [6.0]]),
        x=np.array([8.0, 13.0]),
        regions=("DEU",),
        sectors=("a", "b"),
        fd_categories=("hh",),
        satellites={"value_added": np.array([4.0, 7.0]), "labour_hours": np.array([9.0, 9.0])},
        satellite_units={"value_added": "EUR million", "labour_hours": "hours"},
        year=year,
        unit=unit,
    )


def test_to_usd_scales_money_not_hours(tmp_path):
    m = ms.to_usd(_table(), data=tmp_path)
    k = ms.ECB_USD_PER_EUR[2021]  # no PWT in an empty data folder: the ECB rate
    assert m.unit == "USD million, current"
    assert m.Z[1, 1] == pytest.approx(4.0 * k)
    assert m.x == pytest.approx(np.array([8.0, 13.0]) * k)
    assert m.satellites["value_added"] == pytest.approx(np.array([4.0, 7.0]) * k)
    assert m.satellites["labour_hours"] == pytest.approx([9.0, 9.0])
    assert m.satellite_units["value_added"] == "USD million"
    assert any("ECB reference rate" in n for n in m.provenance.notes)
    usd = _table(unit="USD million, current")
    assert ms.to_usd(usd, data=tmp_path) is usd
    with pytest.raises(SourceError, match="no euro-dollar rate"):
        ms.to_usd(_table(year=1990), data=tmp_path)  # no PWT here, and before the ECB table


SRC = {"c1": "AGR", "c2": "MIN", "c3": "MAN", "c4": "MAN"}
TGT = {"A01": "AGR", "B05": "MIN", "B07": "MIN", "C10": "MAN"}


def test_translate_maps_whole_groups_and_refuses_parts():
    s = Scenario("x", 2011, shocks=(BilateralCut("RUS", "DEU", ("c2", "c1"), 50.0),))
    t, notes = translate(
        s, source_groups=SRC, table="icio", year=2019, regions=["RUS", "DEU"],
        sectors=list(TGT), target_groups=TGT,
    )  # fmt: skip
    assert t.shocks[0].sectors == ("A01", "B05", "B07")  # target order
    assert (t.base_year, t.table, t.shocks[0].percent) == (2019, "icio", 50.0)
    assert notes == ["shocks[0]: sectors c2, c1 -> A01, B05, B07"]
    part = Scenario("x", 2011, shocks=(BilateralCut("RUS", "DEU", ("c3",), 50.0),))
    with pytest.raises(ModelError, match="part of the MAN group"):
        translate(part, source_groups=SRC, table="icio", year=2019, regions=["RUS", "DEU"],
                  sectors=list(TGT), target_groups=TGT)  # fmt: skip
    away = Scenario("x", 2011, shocks=(BilateralCut("RUS", "FRA", ("c2",), 50.0),))
    with pytest.raises(ModelError, match="region not in the target table"):
        translate(away, source_groups=SRC, table="icio", year=2019, regions=["RUS", "DEU"],
                  sectors=list(TGT), target_groups=TGT)  # fmt: skip


def test_translate_re_resolves_sanctions_members_on_the_target():
    # G7 in 2019 resolved on a table holding only USA and DEU; the target also has JPN
    sanc = Sanctions("G7", "RUS", ("USA", "DEU"), ("RUS",), ("c2",), 100.0, membership_year=2019)
    t, notes = translate(
        Scenario("s", 2011, shocks=(sanc,)), source_groups=SRC, table="icio", year=2019,
        regions=["USA", "DEU", "JPN", "RUS", "ROW"], sectors=list(TGT), target_groups=TGT,
    )  # fmt: skip
    assert set(t.shocks[0].members_a) == {"USA", "DEU", "JPN"}
    assert t.shocks[0].members_b == ("RUS",)
    assert any("not separate in icio" in n and "CAN" in n for n in notes)
