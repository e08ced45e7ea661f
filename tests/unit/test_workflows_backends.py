"""The example backend serves the example world in the real panel's names and units."""

from __future__ import annotations

import numpy as np
import pytest

from worldsystem.core import columns
from worldsystem.core.schema import COUNTRY_YEAR
from worldsystem.example import world
from worldsystem.panels import _adders
from worldsystem.workflows import backends
from worldsystem.workflows.context import DataContext


@pytest.fixture(scope="module")
def ex() -> backends.ExampleBackend:
    return backends.ExampleBackend(world(seed=0), seed=0)


@pytest.mark.parametrize("add", sorted(backends.EXAMPLE_PANEL_COLUMNS))
def test_example_panel_columns_are_the_adders_with_registry_units(ex, add):
    panel = ex.country_panel([add])
    emitted = [c for c in panel.columns if c not in ("iso3", "year")]
    assert set(emitted) <= set(_adders.adders(COUNTRY_YEAR)[add].column_names)
    assert {c: panel.attrs["units"][c] for c in emitted} == columns.units(columns.select(*emitted))
    assert panel.attrs["provenance"].is_example


def test_example_panel_rescales_to_the_panel_units(ex):
    # example milex is in thousand USD (COW's unit); SIPRI's panel column is USD million
    cy = ex.world.country_years
    p = ex.country_panel(["capabilities", "milex_sipri", "gdp_weo", "gdp_pwt"])
    np.testing.assert_allclose(p["milex_musd_current"], cy["milex"] / 1e3)
    np.testing.assert_allclose(p["milex_nmc_thousands"], cy["milex"])
    np.testing.assert_allclose(p["ngdpd_busd_current"], cy["gdp_usd"] / 1e3)
    np.testing.assert_allclose(p["pop_pwt_millions"], cy["pop"] / 1e3)


def test_example_sources_have_the_loader_columns(ex):
    assert {"iso3_o", "iso3_d", "year", "flow_musd_current"} <= set(ex.load("cow_trade"))
    assert {"tiv_millions"} <= set(ex.load("sipri_tiv"))
    assert {"defense", "offense"} <= set(ex.load("atop"))
    assert {"labsh", "pl_gdpo", "cgdpo", "pop"} <= set(ex.load("pwt"))


def test_example_backend_refuses_what_it_does_not_plant(ex):
    for sid in ("ucdp", "us_troops", "wiod2013", "labour", "maps"):
        assert not ex.available(sid)
        with pytest.raises(backends.MissingData, match=sid):
            ex.require(sid)
    with pytest.raises(backends.MissingData, match="ucdp"):
        ex.load_extra("ucdp", "participants")


def test_example_poles_and_groups_come_from_the_planted_truth(ex):
    t = ex.world.truth
    assert ex.poles[:2] == (t.bloc_leaders["A"], t.bloc_leaders["B"])
    cs = ex.world.countries
    bloc_b = set(cs.loc[cs["bloc"] == "B", "iso3"])
    assert ex.poles[2] in bloc_b and ex.poles[2] != ex.poles[1]
    mask = ex.member_mask(cs["iso3"], "IMF_ADVANCED", np.full(len(cs), 2000))
    assert set(cs.loc[mask, "iso3"]) == set(cs.loc[cs["zone"] == "core", "iso3"])
    assert ex.planted_zones() == dict(t.zones)


def test_context_memo_is_shared_across_year_restrictions():
    ctx = DataContext(data=None)
    calls = []
    ctx.memo("k", lambda: calls.append(1) or 42)
    sub = ctx.with_years((2000, 2001))
    assert sub.memo("k", lambda: calls.append(1) or 0) == 42
    assert calls == [1] and sub.years == (2000, 2001) and sub.backend is ctx.backend
    assert ctx.is_example and sub.is_example


def test_folder_backend_has_no_planted_truth(tmp_path):
    fb = backends.FolderBackend(tmp_path)
    assert fb.planted_zones() is None and fb.poles == ("USA", "CHN", "RUS")
    assert not fb.available("cow_nmc")
    with pytest.raises(backends.MissingData, match="cow_nmc"):
        fb.country_panel(["capabilities"])
