"""Wages from labour compensation where the table has it; Köhler's South-to-North total."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.measures import exchange as ex


def test_wage_from_compensation_where_present():
    f = pd.DataFrame(
        {
            "iso3": ["A", "B"],
            "year": 2000,
            "value_added_musd": [10.0, 10.0],
            "hours": [2e5, 2e5],
            "labsh": [0.6, 0.6],
            "lab": [4.0, np.nan],
        }
    )
    w = ex.wage_proxy(f, compensation_col="lab")
    # A: 4e6 USD / 2e5 h = 20 USD/h (compensation); B: 0.6 x 10e6 / 2e5 = 30 (proxy)
    assert w["wage_usd_per_hour"].tolist() == [20.0, 30.0]
    assert w["wage_source"].tolist() == ["labour compensation", "labour share x value added"]


def test_south_to_north_total_leaves_out_northern_rows():
    f = pd.DataFrame(
        {
            "iso3": ["S1", "S2", "N1", "S1"],
            "year": [2000, 2000, 2000, 2001],
            "group": ["South", "South", "North", "South"],
            "transfer_musd": [200.0, np.nan, -50.0, 10.0],
        }
    )
    t = ex.erdi_south_to_north(f).set_index("year")
    assert t.loc[2000, "transfer_south_north_musd"] == pytest.approx(200.0)
    assert t.loc[2000, "n_south"] == 1
    assert t.loc[2001, "transfer_south_north_musd"] == pytest.approx(10.0)
