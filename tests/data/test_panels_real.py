"""worldsystem.panels on the real datasets (WORLDSYSTEM_DATA)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import worldsystem.panels as wp
from worldsystem.core.provenance import get
from worldsystem.sources import cow_states, pwt, wiod


@pytest.fixture(scope="module")
def cpanel(real_data):
    return wp.country_panel(1816, 2022, data=real_data, cache=False)


def test_country_panel_shape(cpanel, real_data):
    members = cow_states.system_members(1816, 2022, real_data, one_per_iso3=True)
    assert len(cpanel) == len(members)
    per_year = cpanel.groupby("year").size()
    assert per_year.equals(members.groupby("year").size())
    assert not cpanel.duplicated(["iso3", "year"]).any()
    assert set(get(cpanel).source_ids) >= {"cow_states", "cow_nmc", "pwt", "ucdp", "gapminder"}


def test_country_panel_spot_values(cpanel):
    r = cpanel.set_index(["iso3", "year"])
    # NMC-70-abridged.csv: USA 1816 milex = 3823
    assert r.loc[("USA", 1816), "milex_nmc_thousands"] == 3823
    # Germany 1990 is ccode 260 in the panel (more days of 1990 than 255)
    assert r.loc[("DEU", 1990), "ccode"] == 260
    # PWT pwt1001.csv.gz: DEU 2011 emp ~ 41.2 million, avh ~ 1,427 hours
    assert 40 < r.loc[("DEU", 2011), "emp_pwt_millions"] < 43
    assert 1350 < r.loc[("DEU", 2011), "avh_hours"] < 1450
    # warhead_stockpiles.csv: USA 2000 = 10,577; a non-nuclear state 2000 = 0
    assert r.loc[("USA", 2000), "warheads"] == 10577
    assert r.loc[("BRA", 2000), "warheads"] == 0
    # ucdp: Afghanistan is a primary party in conflicts in 2001
    assert r.loc[("AFG", 2001), "conflicts_any"] >= 1
    # SIPRI milex: USA 2000 current USD ~ 320 bn
    assert 3.0e5 < r.loc[("USA", 2000), "milex_musd_current"] < 3.4e5
    # USSR years take MPD SUN (COW 365 is the USSR 1922-1991)
    assert r.loc[("RUS", 1980), "pop_mpd_thousands"] > 250_000


def test_dyad_trade_panel_spot_values(real_data):
    d = wp.dyad_panel(1999, 2000, adds=("trade", "alliances"), data=real_data, cache=False)
    r = d.set_index(["iso3_o", "iso3_d", "year"])
    # Dyadic_COW_4.0: USA (2) imports from Canada (20) in 2000 = 229,191 million USD
    assert r.loc[("CAN", "USA", 2000), "flow_musd_current"] == 229191
    assert r.loc[("USA", "CAN", 2000), "flow_rev_musd_current"] == 229191
    assert r.loc[("USA", "CAN", 2000), "atop_defense"] == 1
    members = cow_states.system_members(1999, 2000, real_data)
    n = members.groupby("year").size()
    assert len(d) == int((n * (n - 1)).sum())


def test_wiod_2011_mrio(real_data):
    m = wp.mrio(2011, data=real_data)
    w = wiod.load_year(2011, real_data)
    assert m.x.sum() == pytest.approx(np.asarray(w.x).sum())
    assert m.regions[-1] == "ROW" and "ROU" in m.regions
    h = dict(zip(m.regions, m.satellites["labour_hours"].reshape(41, 35).sum(axis=1), strict=True))
    p = pwt.load(real_data).set_index(["iso3", "year"])
    for iso in ("DEU", "CHN"):
        expected = p.loc[(iso, 2011), "emp"] * 1e6 * p.loc[(iso, 2011), "avh"]
        assert h[iso] == pytest.approx(expected)
    assert 5.0e10 < h["DEU"] < 6.5e10  # ~41 million x ~1,400 hours
    assert 1.4e12 < h["CHN"] < 1.9e12  # ~780 million x ~2,180 hours
    va = m.satellites["value_added"]
    assert va.sum() == pytest.approx(m.x.sum() - m.Z.sum())
    assert any("labour_hours DEU" in n for n in m.provenance.notes)
    _, method, _ = wp.labour_account(2011, data=real_data)
    assert isinstance(method, pd.DataFrame) and len(method) == 41
    assert method.set_index("region").loc["CHN", "split_rule"].startswith("GGDC")


def test_sipri_milex_splices_are_named(real_data):
    """SIPRI 2021 release: the USSR has values for 1987-1990 and Russia from 1992,
    both mapped to RUS; SIPRI's "Germany" is West Germany to 1990. A cross-era
    comparison on those series compares different states, so the provenance says so.
    """
    base = pd.DataFrame({"iso3": ["RUS", "DEU", "FRA"], "year": [1990, 1990, 1990]})
    notes = get(wp.add_milex(base, source="sipri", data=real_data)).notes
    assert "sipri_milex: RUS is spliced: USSR 1987-1990, Russia 1992-2020" in notes
    assert any(n.startswith("sipri_milex: DEU changes territory") for n in notes)
    assert not any("FRA" in n for n in notes)
