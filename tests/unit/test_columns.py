"""The column registry, the add_* registry, frame kinds and source coverage."""

from __future__ import annotations

import pandas as pd
import pytest
from test_panels import fake  # noqa: F401  (fixture)

from worldsystem.core import columns as wc
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.provenance import Provenance, SourceRecord, attach, get, get_units
from worldsystem.core.schema import (
    COUNTRY_YEAR,
    DYAD_YEAR,
    UN_SESSION_YEAR_OFFSET,
    kind_of,
    require_kind,
    session_year,
    set_kind,
)
from worldsystem.panels import _adders, build
from worldsystem.panels import country as pc
from worldsystem.panels import dyad as pd_
from worldsystem.panels._join import left_join
from worldsystem.sources import catalogue, imf_weo

# ----------------------------------------------------------------------------- registry


def test_registry_names_unique_and_complete():
    names = [c.name for c in wc.COLUMNS]
    assert len(names) == len(set(names))
    for c in wc.COLUMNS:
        assert c.unit and c.role and c.source and c.kinds
        assert set(c.kinds) <= {COUNTRY_YEAR.name, DYAD_YEAR.name}
        assert c.source in catalogue.SOURCE_IDS


def test_registry_lookups():
    assert wc.column("gdp_mpd_musd_2011ppp").unit == "millions of 2011 international dollars"
    assert wc.column(wc.column("warheads")) is wc.column("warheads")
    with pytest.raises(SchemaError, match="unknown panel column"):
        wc.column("no_such_column")
    milex = [c.name for c in wc.by_role("milex")]
    assert milex == ["milex_nmc_thousands", "milex_musd_constant2019", "milex_musd_current"]
    assert [c.name for c in wc.by_role("trade_flow")] == ["flow_musd_current"]
    assert wc.by_role("trade_flow", kind=COUNTRY_YEAR) == ()
    assert [c.origin for c in wc.by_source("cow_nmc")] == [
        "milex",
        "milper",
        "irst",
        "pec",
        "tpop",
        "upop",
    ]
    assert {c.name for c in wc.by_kind(DYAD_YEAR)} >= {"iso3_o", "iso3_d", "year"}
    assert "year" in {c.name for c in wc.by_kind(COUNTRY_YEAR)}
    assert wc.units(["warheads"]) == {"warheads": "number of stockpiled nuclear warheads"}
    assert wc.renames(["us_troops_ad", "milex_musd_current"]) == {"troops_ad": "us_troops_ad"}
    assert "gdp" in wc.roles() and len(wc.roles()) == len(set(wc.roles()))


def test_registry_agrees_with_weo_wide_columns():
    # imf_weo.WIDE_COLUMNS names the WEO columns in the sources layer; the registry
    # must give the same names and units for the indicators the panels join.
    for c in wc.by_source("imf_weo"):
        if c.role == "estimate_flag":
            continue
        assert imf_weo.WIDE_COLUMNS[c.origin] == (c.name, c.unit)


def test_every_column_the_builders_emit_is_registered(fake):  # noqa: F811
    p = pc.country_years(1990, 1991, cache=False)
    assert set(p.columns) <= {c.name for c in wc.by_kind(COUNTRY_YEAR)}
    for name, adder in _adders.adders(COUNTRY_YEAR).items():
        out = adder(p)
        new = [c for c in out.columns if c not in p.columns]
        assert new == adder.column_names, name
        assert {c: out.attrs["units"][c] for c in new} == adder.units, name
    d = pd_.dyad_years(1990, 1991, cache=False)
    assert set(d.columns) <= {c.name for c in wc.by_kind(DYAD_YEAR)}
    for name in ("trade", "arms_transfers"):
        adder = _adders.adders(DYAD_YEAR)[name]
        out = adder(d)
        new = [c for c in out.columns if c not in d.columns]
        assert new == adder.column_names
        assert {c: out.attrs["units"][c] for c in new} == adder.units
    # every registered value column belongs to a declared add_*
    declared = {
        c.name
        for k in (COUNTRY_YEAR, DYAD_YEAR)
        for a in _adders.adders(k).values()
        for c in a.columns
    }
    keys = {"iso3", "year", "ccode", "iso3_o", "iso3_d", "ccode_o", "ccode_d"}
    assert {c.name for c in wc.COLUMNS} - keys == declared


def test_un_session_offset_in_one_place():
    assert UN_SESSION_YEAR_OFFSET == 1945
    assert session_year(1) == 1946 and session_year(45) == 1990
    assert list(session_year(pd.Series([1, 74]))) == [1946, 2019]


# ----------------------------------------------------------------------------- decorator


def test_adders_and_sources_are_derived_from_the_decorator():
    reg = _adders.adders(COUNTRY_YEAR)
    assert list(pc.ADDERS) == list(reg) == list(build.COUNTRY_SOURCES)
    assert list(pc.ADDERS)[:4] == ["capabilities", "gdp_maddison", "gdp_pwt", "gdp_weo"]
    for name, a in reg.items():
        fn, kw = pc.ADDERS[name]
        assert fn is a.function and kw == dict(a.options)
        assert build.COUNTRY_SOURCES[name] == a.sources
    assert build.COUNTRY_SOURCES["employment_ilo"] == ("labour",)
    assert pc.ADDERS["gdp_pwt"] == (pc.add_gdp, {"source": "pwt"})
    assert list(build.DYAD_ADDERS) == ["trade", "arms_transfers", "alliances", "vote_agreement"]
    assert build.DYAD_ADDERS["alliances"] == (pd_.add_alliances, "atop")


def test_new_adder_appears_in_the_derived_views():
    @_adders.panel_adder("test_warheads_twice", sources=("nuclear",), columns=["warheads"])
    @_adders.panel_adder(
        "test_warheads", sources=("nuclear",), columns=["warheads"], options={"k": 1}
    )
    def add_test(panel, *, k=0, data=None):
        return panel.assign(k=k)

    try:
        names = list(pc.ADDERS)
        # stacked decorators register top to bottom, after the existing ones
        assert names[-2:] == ["test_warheads_twice", "test_warheads"]
        assert pc.ADDERS["test_warheads"] == (add_test, {"k": 1})
        assert build.COUNTRY_SOURCES["test_warheads"] == ("nuclear",)
        assert add_test.__name__ == "add_test"
        assert _adders.adders()["test_warheads"](pd.DataFrame({"iso3": ["A"], "year": [1]}))[
            "k"
        ].tolist() == [1]
        with pytest.raises(WorldsystemError, match="registered twice"):
            _adders.panel_adder("test_warheads", sources=(), columns=())(lambda p: p)
        with pytest.raises(SchemaError, match="add_test: the panel has no column 'iso3'"):
            add_test(pd.DataFrame({"year": [1]}))
    finally:
        _adders.unregister("test_warheads")
        _adders.unregister("test_warheads_twice")
    assert "test_warheads" not in pc.ADDERS


def test_decorator_rejects_unregistered_columns():
    with pytest.raises(SchemaError, match="unknown panel column"):
        _adders.panel_adder("x", sources=(), columns=["not_registered"])


# ----------------------------------------------------------------------------- kinds


def test_builders_set_kind_and_joins_keep_it(fake):  # noqa: F811
    p = pc.country_years(1990, 1991, cache=False)
    assert p.attrs["kind"] == "country-year" and kind_of(p) is COUNTRY_YEAR
    out = pc.add_warheads(pc.add_capabilities(p))
    assert out.attrs["kind"] == "country-year"
    assert pc.country_years(1990, 1991, system="iso").attrs["kind"] == "country-year"
    d = pd_.add_trade(pd_.dyad_years(1990, 1991, cache=False))
    assert d.attrs["kind"] == "dyad-year" and d.attrs["directed"] is True


def test_left_join_carries_provenance_units_and_kind():
    panel = set_kind(pd.DataFrame({"iso3": ["A", "B"], "year": [1, 1]}), COUNTRY_YEAR)
    panel.attrs["system"] = "iso"
    attach(panel, Provenance(sources=(SourceRecord("p", "1"),)))
    new = attach(
        pd.DataFrame({"iso3": ["A"], "year": [1], "v": [2.0]}),
        Provenance(sources=(SourceRecord("s", "1"),)),
    )
    out = left_join(panel, new, on=["iso3", "year"], columns=["v"], method="m", units={"v": "u"})
    assert get(out).source_ids == ("p", "s")
    assert get_units(out) == {"v": "u"}
    assert out.attrs["kind"] == "country-year" and out.attrs["system"] == "iso"


def test_wrong_kind_names_the_step_to_run_first(fake):  # noqa: F811
    d = pd_.dyad_years(1990, 1991, cache=False)
    with pytest.raises(SchemaError, match=r"add_gdp: .*run country_years\(\) first"):
        pc.add_gdp(d)
    # a country-year frame that happens to carry dyad-like keys is still refused by kind
    c = pc.country_years(1990, 1991, cache=False)
    fake_dyad = c.assign(ccode_o=c["ccode"], ccode_d=c["ccode"])
    with pytest.raises(SchemaError, match=r"expects a dyad-year frame but got a country-year"):
        pd_.add_trade(fake_dyad)
    with pytest.raises(SchemaError, match=r"run dyad_years\(\) first"):
        pd_.add_vote_agreement(c)
    # a frame without attrs["kind"] but missing a key says what it looks like
    bare = pd.DataFrame({"iso3_o": ["A"], "iso3_d": ["B"], "year": [1990]})
    with pytest.raises(SchemaError, match=r"looks like a dyad-year frame.*country_years"):
        pc.add_warheads(bare)
    # still a WorldsystemError for callers that catch the base class
    with pytest.raises(WorldsystemError, match="has no column 'iso3'"):
        pc.add_fdi(pd.DataFrame({"year": [1990]}))


def test_require_kind_accepts_plain_frames_with_the_keys():
    df = pd.DataFrame({"iso3": ["A"], "year": [1]})
    require_kind(df, COUNTRY_YEAR, step="s", first="country_years()")
    assert kind_of(df) is COUNTRY_YEAR and kind_of(df, infer=False) is None
    with pytest.raises(SchemaError, match="no column 'ccode'"):
        require_kind(df, COUNTRY_YEAR, step="s", first="f()", columns=("ccode", "year"))


# ----------------------------------------------------------------------------- coverage


def test_coverage_comes_from_source_info():
    for sid in catalogue.SOURCE_IDS:
        info = catalogue.info(sid)
        if sid == "maps":
            assert info.years is None
            with pytest.raises(WorldsystemError, match="no year coverage"):
                catalogue.coverage(sid)
            continue
        first, last = catalogue.coverage(sid)
        assert first <= last and info.coverage == (first, last)
    assert catalogue.coverage("wiod2013") == (1995, 2011)
    assert build.COUNTRY_PANEL_YEARS == catalogue.info("cow_nmc").years == (1816, 2022)
    assert build.DYAD_PANEL_YEARS == catalogue.info("cow_trade").years == (1870, 2014)


def test_panel_defaults_follow_the_catalogue():
    import inspect

    sig = inspect.signature(build.country_panel)
    assert (sig.parameters["start"].default, sig.parameters["end"].default) == (1816, 2022)
    sig = inspect.signature(build.dyad_panel)
    assert (sig.parameters["start"].default, sig.parameters["end"].default) == (1870, 2014)
