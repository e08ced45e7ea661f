"""Batch-A source loaders on the real datasets (WORLDSYSTEM_DATA).

Row counts and year ranges are those of /work/shared/data/README.md; spot values are
read from the files themselves (file and row given in each comment; row 1 = the first
data row after the header).
"""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.provenance import get
from worldsystem.sources import (
    atop,
    cow_mid,
    cow_nmc,
    cow_states,
    cow_trade,
    cow_war,
    nuclear,
    sipri_tiv,
    ucdp,
    unvotes,
    us_troops,
)


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _check_prov(df, module, real_data, filename):
    prov = get(df)
    rec = prov.sources[0]
    assert rec.id == module.INFO.id
    assert rec.version == module.INFO.version
    assert rec.checksum == _sha(real_data / module.INFO.id / filename)
    assert rec.files == (filename,)


def _row(df, **keys):
    mask = np.ones(len(df), dtype=bool)
    for k, v in keys.items():
        mask &= (df[k] == v).to_numpy()
    assert mask.sum() == 1, keys
    return df[mask].iloc[0]


def test_cow_states(real_data):
    df = cow_states.load(real_data)
    assert len(df) == 243
    _check_prov(df, cow_states, real_data, "states2016.csv")
    # states2016.csv row 2: CAN,20,Canada,1920,1,10,2016,12,31
    can = _row(df, ccode=20)
    assert can["start"] == pd.Timestamp("1920-01-10") and can["ongoing"] and can["iso3"] == "CAN"
    majors = cow_states.load_majors(real_data)
    assert len(majors) == 14
    # majors2016.csv row 1: USA,2,1898,8,13,2016,12,31
    assert _row(majors, ccode=2)["start"] == pd.Timestamp("1898-08-13")
    m = cow_states.system_members(1816, 2020, df)
    assert m.duplicated(["iso3", "year"]).sum() == 0
    assert m["year"].min() == 1816 and m["year"].max() == 2020
    assert (m["year"] == 2020).sum() == (m["year"] == 2016).sum()  # carried forward
    assert _row(m, iso3="DEU", year=1990)["ccode"] == 260
    mp = cow_states.major_powers(1816, 2016, majors)
    assert set(mp.loc[mp["year"] == 2016, "iso3"]) == {
        "USA",
        "GBR",
        "FRA",
        "DEU",
        "RUS",
        "CHN",
        "JPN",
    }


def test_polarity_majors_constant_matches_majors2016(real_data):
    """The measures layer's built-in COW major-power spells are the official file's.

    ``measures.polarity.COW_MAJORS`` is a constant so that computation stays pure;
    this pins it to ``majors2016.csv`` (ccode, first and last year of every spell;
    a spell the file closes on 2016-12-31 is ongoing).
    """
    from worldsystem.measures.polarity import COW_MAJORS

    majors = cow_states.load_majors(real_data)
    from_file = {
        (int(r.ccode), int(r.styear), None if r.ongoing else int(r.endyear))
        for r in majors.itertuples()
    }
    assert {(c, a, b) for c, _, a, b in COW_MAJORS} == from_file


def test_cow_nmc(real_data):
    df = cow_nmc.load(real_data)
    assert df.shape == (17121, 10) and "cinc" not in df.columns
    assert (df["year"].min(), df["year"].max()) == (1816, 2022)
    _check_prov(df, cow_nmc, real_data, "NMC-70-abridged.csv")
    # NMC-70-abridged.csv row 1: USA,2,1816,3823,17,80,254,8659,101
    usa = _row(df, ccode=2, year=1816)
    assert (usa["milex"], usa["milper"], usa["tpop"], usa["upop"]) == (3823, 17, 8659, 101)
    # README: 2,360 milex and 68 upop cells are -9 -> missing
    assert df["milex"].isna().sum() == 2360 and df["upop"].isna().sum() == 68
    assert df["iso3"].notna().all()
    assert "GBP" in get(df).to_dict()["sources"][0]["id"] or "GBP" in df.attrs["units"]["milex"]


def test_cow_trade(real_data):
    df = cow_trade.load(real_data)
    assert len(df) == 2 * 673654
    assert (df["year"].min(), df["year"].max()) == (1870, 2014)
    _check_prov(df, cow_trade, real_data, "Dyadic_COW_4.0.parquet")
    # README example: USA<-Canada 2000, flow1 = 229,191 (US imports from Canada)
    assert _row(df, iso3_o="CAN", iso3_d="USA", year=2000)["flow_musd_current"] == 229191
    assert _row(df, iso3_o="USA", iso3_d="CAN", year=2000)["flow_musd_current"] == 169068
    assert (df["flow_musd_current"].dropna() >= 0).all()
    assert df["iso3_o"].notna().all() and df["iso3_d"].notna().all()
    nat = cow_trade.load_national(real_data)
    assert len(nat) == 14410
    # National_COW_4.0.csv row 1: USA,2,1870,450.0,418.0
    usa = _row(nat, ccode=2, year=1870)
    assert (usa["imports_musd_current"], usa["exports_musd_current"]) == (450.0, 418.0)


def test_cow_mid(real_data):
    df = cow_mid.load(real_data)
    assert len(df) == 2436
    _check_prov(df, cow_mid, real_data, "MIDA_5.0_abridged.csv")
    # MIDA_5.0_abridged.csv row 1: 2,7,1902,6,1,0,208,178,7,3,0
    d2 = _row(df, dispnum=2)
    assert (d2["styear"], d2["outcome"], d2["hiact"], d2["maxdur"]) == (1902, 6, 7, 208)
    assert (
        df["outcome"].isna().sum()
        == (pd.read_csv(real_data / "cow_mid" / "MIDA_5.0_abridged.csv")["outcome"] == -9).sum()
    )
    dy = cow_mid.load_dyadic(real_data)
    assert len(dy) == 11390 and (dy["year"].min(), dy["year"].max()) == (1816, 2014)
    # cow_mid_dirdisps.csv row 1: 2,2,200,1902,... hiact1=7
    r = _row(dy, dispnum=2, ccode_o=2, ccode_d=200, year=1902)
    assert r["iso3_o"] == "USA" and r["iso3_d"] == "GBR" and r["hiact1"] == 7


def test_cow_war(real_data):
    df = cow_war.load(real_data)
    assert len(df) == 1932 and df["warnum"].nunique() == 95
    assert (df["year"].min(), df["year"].max()) == (1823, 2003)
    _check_prov(df, cow_war, real_data, "cow_war_inter.csv")
    # cow_war_inter.csv row 1: 1,220,230,1823,...,batdeath1=400,batdeath2=600
    r = _row(df, warnum=1, ccode_o=220, ccode_d=230, year=1823)
    assert (r["iso3_o"], r["iso3_d"], r["batdeath1"], r["batdeath2"]) == ("FRA", "ESP", 400, 600)
    intra = cow_war.load_intra(real_data)
    assert len(intra) == 1361 and intra["warnum"].nunique() == 306
    # cow_war_intra.csv row 1: 500,First Caucasus,...,1818,...,365,Russia,-8,...,5000,6000
    r = intra.iloc[0]
    assert r["warnum"] == 500 and r["iso3_a"] == "RUS" and pd.isna(r["ccodeb"])
    assert (r["sideadeaths"], r["sidebdeaths"]) == (5000, 6000)


def test_atop(real_data):
    df = atop.load(real_data)
    assert len(df) == 273296
    assert (df["year"].min(), df["year"].max()) == (1815, 2018)
    _check_prov(df, atop, real_data, "atop5_1ddyr.csv.gz")
    # atop5_1ddyr.csv.gz row 1: 2020,2,20,1942,1,1,1,0,0,0
    r = _row(df, ccode_o=2, ccode_d=20, year=1942)
    assert (r["iso3_o"], r["iso3_d"], r["defense"], r["offense"], r["neutral"]) == (
        "USA",
        "CAN",
        1,
        1,
        0,
    )
    # README: defense differs between A->B and B->A in 984 rows
    rev = df.merge(
        df, left_on=["ccode_o", "ccode_d", "year"], right_on=["ccode_d", "ccode_o", "year"]
    )
    assert (rev["defense_x"] != rev["defense_y"]).sum() == 984


def test_ucdp(real_data):
    df = ucdp.load(real_data)
    assert len(df) == 2752 and df["conflict_id"].nunique() == 303
    assert (df["year"].min(), df["year"].max()) == (1946, 2024)
    _check_prov(df, ucdp, real_data, "ucdp-prio-acd.csv")
    # ucdp-prio-acd.csv row 1: 200,2,1946,2,3,1946-07-18,...,gwno_a=145
    r = _row(df, conflict_id=200, year=1946)
    assert r["gwno_a_list"] == [145] and r["intensity_level"] == 2 and r["gwno_b_list"] == []
    p = ucdp.load_participants(data=real_data)
    # README: the cartesian products of the four lists sum to 5,652 rows
    sizes = p.groupby(["conflict_id", "year", "side"]).size().unstack(fill_value=0)
    prod = np.prod(np.maximum(sizes.to_numpy(), 1), axis=1)
    assert prod.sum() == 5652
    assert _row(p, conflict_id=200, year=1946, side="a")["iso3"] == "BOL"


def test_sipri_tiv(real_data):
    df = sipri_tiv.load(real_data)
    assert len(df) == 22225
    assert (df["year"].min(), df["year"].max()) == (1950, 2021)
    _check_prov(df, sipri_tiv, real_data, "sipri_tiv_bilateral_1950_2021.csv")
    # sipri_tiv_bilateral_1950_2021.csv row 2: Algeria,Angola,1980,6,615,540,state,state
    r = _row(df, supplier="Algeria", recipient="Angola", year=1980)
    assert (r["iso3_o"], r["iso3_d"], r["tiv_millions"]) == ("DZA", "AGO", 6.0)
    ger = df[df["supplier"] == "Germany"]
    assert set(ger.loc[ger["year"] <= 1990, "ccode_o"]) == {260}
    assert set(ger["iso3_o"]) == {"DEU"}
    # every state with a COW code gets an ISO3; non-state parties never do
    assert df.loc[df["ccode_o"].notna(), "iso3_o"].notna().all()
    assert df.loc[df["recipient_type"] != "state", "iso3_d"].isna().all()


def test_nuclear(real_data):
    df = nuclear.load(real_data)
    assert len(df) == 657 and df["iso3"].nunique() == 9
    _check_prov(df, nuclear, real_data, "warhead_stockpiles.csv")
    # warhead_stockpiles.csv rows 1-2: United States,1945,2 and 1946,9
    assert _row(df, iso3="USA", year=1945)["warheads"] == 2
    assert _row(df, iso3="USA", year=1946)["warheads"] == 9
    assert set(df["iso3"]) == {"USA", "RUS", "GBR", "FRA", "CHN", "ISR", "IND", "PAK", "PRK"}
    st = nuclear.load_status(real_data)
    assert len(st) == 16848 and st["country"].nunique() == 202
    assert (st["year"].min(), st["year"].max()) == (1938, 2022)
    # README: Belarus, Kazakhstan and Ukraine are not coded as possessing
    assert not st.loc[st["iso3"].isin(["BLR", "KAZ", "UKR"]), "nuclear_weapons_possession"].any()


def test_unvotes(real_data):
    df = unvotes.load(real_data)
    assert len(df) == 870109 and df["rcid"].nunique() == 6203
    _check_prov(df, unvotes, real_data, "un_votes.csv.gz")
    # un_votes.csv.gz rows 1-2: 3,United States,US,yes and 3,Canada,CA,no
    assert _row(df, rcid=3, iso3="USA")["vote_code"] == 2
    assert _row(df, rcid=3, iso3="CAN")["vote"] == "no"
    assert (df.loc[df["country"] == "Namibia", "iso3"] == "NAM").all()
    assert (df.loc[df["country"] == "Federal Republic of Germany", "iso3"] == "DEU").all()
    rc = unvotes.load_roll_calls(real_data)
    assert len(rc) == 6203
    # un_roll_calls.csv row 1: 3,1,0,1946-01-01,R/1/66,1,0,...
    r = _row(rc, rcid=3)
    assert (r["session"], r["year"], r["amend"], r["para"]) == (1, 1946, 1, 0)
    iss = unvotes.load_issues(real_data)
    assert len(iss) == 5745 and (iss["short_name"] == "me").sum() == 1061


def test_us_troops(real_data):
    df = us_troops.load(real_data)
    assert len(df) == 13135 and df["countryname"].nunique() == 245
    assert (df["year"].min(), df["year"].max()) == (1950, 2024)
    _check_prov(df, us_troops, real_data, "troopdata_rebuild_country_year.csv")
    # troopdata_rebuild_country_year.csv row 1: Aden,1951,1029,NA,...
    aden = _row(df, countryname="Aden", year=1951)
    assert aden["ccode"] == 1029 and pd.isna(aden["iso3"])
    leg = us_troops.load_legacy(real_data)
    assert len(leg) == 14792
    # troopdata_legacy_country_year.csv row 1: United States,2,USA,1950,941231,NA,...
    usa = _row(leg, ccode=2, year=1950)
    assert usa["troops"] == 941231 and np.isnan(usa["army"])
    bases = us_troops.load_bases(real_data)
    assert len(bases) == 414 and bases["countryname"].nunique() == 93
    # basedata.csv row 1: Afghanistan,700,AFG,Bagram AB,34.946222,69.264639,1,0,0
    bag = bases[bases["basename"] == "Bagram AB"].iloc[0]
    assert bag["lat"] == pytest.approx(34.946222) and bag["base"] == 1
