"""Unit tests of worldsystem.panels on tiny hand-written frames (loaders monkeypatched)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance, SourceRecord, attach, get
from worldsystem.panels import country as pc
from worldsystem.panels import dyad as pd_
from worldsystem.panels import store
from worldsystem.panels._join import left_join
from worldsystem.panels.wiod import labour_hours
from worldsystem.sources import (
    cow_nmc,
    cow_states,
    cow_trade,
    gapminder,
    imf_weo,
    labour,
    maddison,
    nuclear,
    pwt,
    sipri_milex,
    sipri_tiv,
    ucdp,
    us_troops,
)
from worldsystem.sources.base import SourceInfo


def _src(df: pd.DataFrame, sid: str) -> pd.DataFrame:
    return attach(df, Provenance(sources=(SourceRecord(sid, "t"),), citations=(sid,)))


# Germany: 255 and 260 both in 1990 (unification), USA throughout; 1990-1991.
MEMBERS = pd.DataFrame(
    {
        "ccode": [2, 260, 2, 255],
        "iso3": ["USA", "DEU", "USA", "DEU"],
        "year": [1990, 1990, 1991, 1991],
    }
)


@pytest.fixture
def fake(monkeypatch):
    monkeypatch.setattr(
        cow_states, "system_members", lambda s, e, d=None, **k: _src(MEMBERS.copy(), "cow_states")
    )
    nmc = pd.DataFrame(
        {
            "stateabb": ["USA", "GFR", "GMY", "USA", "GMY"],
            "ccode": [2, 260, 255, 2, 255],
            "iso3": ["USA", "DEU", "DEU", "USA", "DEU"],
            "year": [1990, 1990, 1990, 1991, 1991],
            "milex": [1.0, 2.0, 3.0, 4.0, 5.0],
            "milper": 1.0,
            "irst": 1.0,
            "pec": 1.0,
            "tpop": 1.0,
            "upop": 1.0,
        }
    )
    monkeypatch.setattr(cow_nmc, "load", lambda data=None: _src(nmc.copy(), "cow_nmc"))
    mpd = pd.DataFrame(
        {
            "iso3": ["USA", "DEU"],
            "year": [1990, 1991],
            "gdppc_2011ppp": [10.0, 20.0],
            "pop_thousands": [1.0, 2.0],
            "gdp_musd_2011ppp": [0.01, 0.04],
        }
    )
    monkeypatch.setattr(maddison, "load", lambda data=None: _src(mpd.copy(), "maddison"))
    p = pd.DataFrame({"iso3": ["USA", "DEU"], "year": [1990, 1990]})
    for v in ("rgdpe", "rgdpo", "cgdpo", "rgdpna", "pop", "pl_gdpo", "xr", "emp", "avh"):
        p[v] = [2.0, 3.0]
    monkeypatch.setattr(pwt, "load", lambda data=None: _src(p.copy(), "pwt"))

    def weo(ind, data=None):
        w = pd.DataFrame({"iso3": ["USA"], "year": [1991], "is_estimate": [False]})
        for i in ind:
            w[imf_weo.WIDE_COLUMNS[i][0]] = 7.0
        return _src(w, "imf_weo")

    monkeypatch.setattr(imf_weo, "wide", weo)
    ilo = pd.DataFrame({"iso3": ["DEU"], "year": [1991], "employment_thousands": [40.0]})
    monkeypatch.setattr(labour, "load_ilo", lambda data=None, **k: _src(ilo.copy(), "labour"))
    sm = pd.DataFrame(
        {
            "iso3": ["RUS", "RUS", None],
            "country": ["USSR", "Russia", "Aland"],
            "year": [1990, 1990, 1990],
            "milex_musd_constant2019": [np.nan, 5.0, 1.0],
            "milex_musd_current": [np.nan, 5.0, 1.0],
            "milex_share_gdp": [np.nan, 0.1, 0.1],
            "status": ["unavailable", "value", "value"],
        }
    )
    monkeypatch.setattr(sipri_milex, "load", lambda data=None: _src(sm.copy(), "sipri_milex"))
    nu = pd.DataFrame({"country": ["US"], "iso3": ["USA"], "year": [1990], "warheads": [100]})
    monkeypatch.setattr(nuclear, "load", lambda data=None: _src(nu.copy(), "nuclear"))
    tiv = pd.DataFrame(
        {
            "supplier": ["US", "US", "US"],
            "recipient": ["FRG", "Rebels*", "FRG"],
            "iso3_o": ["USA", "USA", "USA"],
            "iso3_d": ["DEU", None, "DEU"],
            "ccode_o": pd.array([2, 2, 2], dtype="Int64"),
            "ccode_d": pd.array([260, None, 255], dtype="Int64"),
            "year": [1990, 1990, 1991],
            "tiv_millions": [10.0, 5.0, 7.0],
        }
    )
    monkeypatch.setattr(sipri_tiv, "load", lambda data=None: _src(tiv.copy(), "sipri_tiv"))
    gm = pd.DataFrame(
        {
            "iso3": ["USA", "USA"],
            "geo": ["usa", "usa"],
            "year": [1990, 1990],
            "indicator": list(pc._FDI),
            "value": [1.5, 2.5],
        }
    )
    monkeypatch.setattr(gapminder, "load", lambda data=None, **k: _src(gm.copy(), "gapminder"))
    ut = pd.DataFrame(
        {"iso3": ["DEU", "DEU", None], "year": [1990, 1990, 1990], "troops_ad": [100.0, 5.0, 1.0]}
    )
    monkeypatch.setattr(us_troops, "load", lambda data=None: _src(ut.copy(), "us_troops"))
    parts = pd.DataFrame(
        {
            "conflict_id": [1, 1, 2, 2],
            "year": [1991, 1991, 1991, 1991],
            "side": ["a", "b", "a", "b_2nd"],
            "iso3": ["USA", "IRQ", "AFG", "USA"],
            "type_of_conflict": [2, 2, 4, 4],
        }
    )
    monkeypatch.setattr(ucdp, "load_participants", lambda data=None: _src(parts.copy(), "ucdp"))
    trade = pd.DataFrame(
        {
            "iso3_o": ["USA", "DEU"],
            "iso3_d": ["DEU", "USA"],
            "ccode_o": [2, 260],
            "ccode_d": [260, 2],
            "year": [1990, 1990],
            "flow_musd_current": [11.0, 22.0],
            "smoothflow_musd_current": [11.0, 22.0],
        }
    )
    monkeypatch.setattr(cow_trade, "load", lambda data=None: _src(trade.copy(), "cow_trade"))


def test_country_years_one_row_per_iso3_year(fake):
    p = pc.country_years(1990, 1991, cache=False)
    assert len(p) == 4
    assert not p.duplicated(["iso3", "year"]).any()
    assert get(p).source_ids == ("cow_states",)


@pytest.mark.parametrize("name", list(pc.ADDERS))
def test_every_add_keeps_row_count_and_provenance(fake, name):
    fn, kw = pc.ADDERS[name]
    p = pc.country_years(1990, 1991, cache=False)
    out = fn(p, **kw)
    assert len(out) == len(p)
    assert list(out[["iso3", "year"]].itertuples(index=False)) == list(
        p[["iso3", "year"]].itertuples(index=False)
    )
    assert "cow_states" in get(out).source_ids and len(get(out).source_ids) == 2
    new = [c for c in out.columns if c not in p.columns]
    assert new and all(c in out.attrs["units"] for c in new)


def test_capabilities_unification_rule(fake):
    # COW panel holds DEU 1990 as ccode 260, so NMC's 260 row (milex 2) is joined, not 255 (3).
    p = pc.add_capabilities(pc.country_years(1990, 1991, cache=False))
    got = p.set_index(["iso3", "year"])["milex_nmc_thousands"]
    assert got[("DEU", 1990)] == 2.0 and got[("DEU", 1991)] == 5.0 and got[("USA", 1991)] == 4.0
    # ISO panel: no ccode; iso3_to_cow(DEU, 1990) = 260 -> milex 2 again.
    iso = pd.DataFrame({"iso3": ["DEU", "USA"], "year": [1990, 1990]})
    out = pc.add_capabilities(iso)
    assert out["milex_nmc_thousands"].tolist() == [2.0, 1.0]


def test_fill_and_aggregation_rules(fake):
    p = pc.country_years(1990, 1991, cache=False)
    w = pc.add_warheads(p).set_index(["iso3", "year"])["warheads"]
    # nuclear file covers 1990 only: DEU 1990 -> 0 (absent), 1991 outside coverage -> missing
    assert w[("USA", 1990)] == 100 and w[("DEU", 1990)] == 0 and np.isnan(w[("DEU", 1991)])
    a = pc.add_arms_totals(p).set_index(["iso3", "year"])
    # USA 1990 exports 10 (to FRG) + 5 (to rebels) = 15 to 2 recipients
    assert a.loc[("USA", 1990), "arms_exports_mtiv"] == 15.0
    assert a.loc[("USA", 1990), "arms_n_recipients"] == 2
    assert a.loc[("DEU", 1991), "arms_imports_mtiv"] == 7.0
    t = pc.add_us_troops(p).set_index(["iso3", "year"])["us_troops_ad"]
    assert t[("DEU", 1990)] == 105.0  # two DEU host rows summed: 100 + 5
    c = pc.add_conflict(p).set_index(["iso3", "year"])
    assert c.loc[("USA", 1991), "conflicts_interstate"] == 1
    assert c.loc[("USA", 1991), "conflicts_intervention_proxy"] == 1
    assert c.loc[("USA", 1991), "conflicts_any"] == 2
    assert c.loc[("DEU", 1991), "conflicts_any"] == 0


def test_sipri_prefers_rows_with_values(fake):
    p = pd.DataFrame({"iso3": ["RUS"], "year": [1990]})
    out = pc.add_milex(p)
    assert out["milex_musd_current"].tolist() == [5.0]


def test_left_join_rejects_duplicates_and_clashes():
    p = pd.DataFrame({"iso3": ["A"], "year": [1]})
    dup = pd.DataFrame({"iso3": ["A", "A"], "year": [1, 1], "v": [1, 2]})
    with pytest.raises(WorldsystemError, match="repeats a key"):
        left_join(p, dup, on=["iso3", "year"], columns=["v"], method="t")
    p2 = p.assign(v=0)
    with pytest.raises(WorldsystemError, match="already has column"):
        left_join(p2, dup.iloc[:1], on=["iso3", "year"], columns=["v"], method="t")


def test_dyad_years_and_trade(fake):
    d = pd_.dyad_years(1990, 1991, cache=False)
    # 2 members per year -> 2 ordered pairs per year
    assert len(d) == 4 and d.attrs["directed"] is True
    u = pd_.dyad_years(1990, 1991, directed=False, cache=False)
    assert len(u) == 2 and (u.ccode_o < u.ccode_d).all()
    t = pd_.add_trade(d)
    assert len(t) == len(d)
    row = t[(t.ccode_o == 2) & (t.year == 1990)].iloc[0]
    assert row.flow_musd_current == 11.0 and row.flow_rev_musd_current == 22.0
    a = pd_.add_arms_transfers(d)
    assert len(a) == len(d)
    r91 = a[(a.ccode_o == 2) & (a.year == 1991)].iloc[0]
    assert r91.arms_tiv_millions == 7.0 and r91.arms_rev_tiv_millions == 0.0
    assert t.attrs["directed"] is True and "cow_trade" in get(t).source_ids


def test_vote_agreement_hand_computed():
    # A and B vote on 4 roll calls: A = yes yes no abstain, B = yes no no abstain.
    # p_o = 3/4. Marginals A: yes 2, no 1, abs 1; B: yes 1, no 2, abs 1.
    # p_e = (2*1 + 1*2 + 1*1)/16 = 5/16; kappa = (12/16 - 5/16) / (11/16) = 7/11.
    v = pd.DataFrame(
        {
            "year": 2000,
            "rcid": [1, 2, 3, 4, 1, 2, 3, 4, 1],
            "iso3": ["A"] * 4 + ["B"] * 4 + ["C"],
            "vote_code": [2, 2, 0, 1, 2, 0, 0, 1, 2],
        }
    )
    out = pd_.vote_agreement(v).set_index(["iso3_o", "iso3_d"])
    assert out.loc[("A", "B"), "votes_n"] == 4
    assert out.loc[("A", "B"), "votes_agree_share"] == pytest.approx(0.75)
    assert out.loc[("A", "B"), "votes_kappa"] == pytest.approx(7 / 11)
    assert out.loc[("B", "A"), "votes_kappa"] == pytest.approx(7 / 11)
    # A and C share one roll call, both yes: p_o = 1 and p_e = 1 -> kappa undefined
    assert out.loc[("A", "C"), "votes_agree_share"] == 1.0
    assert np.isnan(out.loc[("A", "C"), "votes_kappa"])


def test_labour_hours_split():
    # Region AAA: 10 persons x 100 h = 1000 h. GGDC: AGR 50 %, MAN 30 %, rest 20 %.
    # Two sectors c3, c4 (both MAN) with output 1 and 3 -> 300 * 1/4 = 75, 300 * 3/4 = 225.
    sectors = [f"c{i}" for i in range(1, 36)]
    x = np.ones(35 * 2)
    x[2], x[3] = 1.0, 3.0
    pwt_df = pd.DataFrame({"iso3": ["AAA"], "year": [2000], "emp": [10e-6], "avh": [100.0]})
    g = {f"emp_{s.lower()}_thousands": 0.0 for s in pc_groups()}
    g.update({"emp_agr_thousands": 5.0, "emp_man_thousands": 3.0, "emp_con_thousands": 2.0})
    ggdc = pd.DataFrame([{"iso3": "AAA", "year": 2000, "series": "main", **g}])
    ilo = pd.DataFrame(
        {"iso3": ["AAA", "ZZZ"], "year": [2000, 2000], "employment_thousands": [0.01, 0.02]}
    )
    hours, method = labour_hours(x, ["AAA", "ROW"], sectors, 2000, pwt=pwt_df, ggdc=ggdc, ilo=ilo)
    h = hours.reshape(2, 35)
    assert h[0].sum() == pytest.approx(1000.0)
    assert h[0, 0] == pytest.approx(500.0)  # c1 = AGR alone
    # MAN = c3..c16: output 1, 3 and twelve 1's -> total 16; c4 gets 300 * 3/16
    assert h[0, 3] == pytest.approx(300 * 3 / 16)
    # ROW: ILO world 0.03 thousand = 30 persons minus AAA's 10 = 20 persons x PWT avh
    # (no non-WIOD PWT country -> median avh 100) = 2,000 hours, split by output shares
    assert h[1].sum() == pytest.approx(2000.0)
    assert method.set_index("region").loc["AAA", "split_rule"].startswith("GGDC 2000")


def pc_groups():
    return ("AGR", "MIN", "MAN", "PU", "CON", "WRT", "TRA", "FIRE", "GOV", "OTH")


# ----------------------------------------------------------------------------- store


@pytest.fixture
def fake_source(tmp_path):
    folder = tmp_path / "data" / "fake"
    folder.mkdir(parents=True)
    (folder / "f.csv").write_text("a\n1\n")
    info = SourceInfo(
        id="fake",
        name="Fake",
        version="1",
        licence="",
        citation="",
        citation_key="fake",
        url="",
        files=("f.csv",),
    )
    return info, tmp_path / "data"


def test_store_second_call_reads_cache(fake_source):
    info, data = fake_source
    calls = []

    def build():
        calls.append(1)
        df = pd.DataFrame({"iso3": ["A", "B"], "year": [1, 2], "v": [0.5, np.nan]})
        df.attrs["directed"] = False
        return attach(df, Provenance(sources=(SourceRecord("fake", "1"),)).with_note("n"))

    a = store.cached("t", {"x": 1}, [info], build, data=data)
    b = store.cached("t", {"x": 1}, [info], build, data=data)
    assert len(calls) == 1
    pd.testing.assert_frame_equal(a, b)
    assert get(b).source_ids == ("fake",) and "n" in get(b).notes
    assert b.attrs["directed"] is False
    store.cached("t", {"x": 2}, [info], build, data=data)  # other params -> rebuild
    assert len(calls) == 2
    (data / "fake" / "f.csv").write_text("a\n2\n")  # new source checksum -> rebuild
    store.cached("t", {"x": 1}, [info], build, data=data)
    assert len(calls) == 3


def test_store_key_changes_with_the_code_that_builds_panels(tmp_path, fake_source, monkeypatch):
    """An edited checkout of the same version must not read panels built before the edit."""
    root = tmp_path / "pkg"
    (root / "panels").mkdir(parents=True)
    (root / "sources").mkdir()
    (root / "panels" / "a.py").write_text("x = 1\n")
    (root / "sources" / "b.py").write_text("y = 2\n")
    (root / "panels" / "notes.txt").write_text("not code")
    d0 = store.code_digest(root, ("panels", "sources"))
    assert len(d0) == 16 and store.code_digest(root, ("panels", "sources")) == d0
    (root / "panels" / "notes.txt").write_text("still not code")
    assert store.code_digest(root, ("panels", "sources")) == d0
    (root / "sources" / "b.py").write_text("y = 3\n")
    d1 = store.code_digest(root, ("panels", "sources"))
    assert d1 != d0
    (root / "sources" / "b.py").rename(root / "sources" / "c.py")  # same text, new file
    assert store.code_digest(root, ("panels", "sources")) not in (d0, d1)
    # the key carries it: another digest is another entry
    info, data = fake_source
    k = store.key("t", {}, [info], data)
    monkeypatch.setattr(store, "_version", lambda: "0+other")
    assert store.key("t", {}, [info], data) != k


def test_store_corrupted_entry_is_rebuilt(fake_source):
    info, data = fake_source
    calls = []

    def build():
        calls.append(1)
        return pd.DataFrame({"v": [1.0, 2.0]})

    store.cached("t", {}, [info], build, data=data)
    k = store.key("t", {}, [info], data)
    pq, _ = store.entry_paths(k)
    pq.write_bytes(pq.read_bytes()[:20])  # truncate
    out = store.cached("t", {}, [info], build, data=data)
    assert len(calls) == 2 and out["v"].tolist() == [1.0, 2.0]
    assert store.sql(k, "select sum(v) s from panel")["s"].iloc[0] == 3.0


def test_store_failed_build_leaves_nothing(fake_source):
    info, data = fake_source

    def build():
        raise WorldsystemError("boom")

    with pytest.raises(WorldsystemError):
        store.cached("t", {}, [info], build, data=data)
    folder = store.store_dir()
    assert not folder.exists() or not any(folder.iterdir())


def test_missing_source_raises_source_error(tmp_path):
    from worldsystem.core.errors import SourceError

    with pytest.raises(SourceError, match="fetch"):
        pc.country_years(1990, 1991, data=tmp_path)
