"""Broken inputs for the batch-A source loaders (COW NMC, COW trade, SIPRI TIV, UN votes,
US troops, COW states) and small hand-checked valid cases.

Each broken file is built in tmp_path from a tiny hand-written fixture in the official
layout; the error must be a SourceError/SchemaError naming the file, and the field and
value where there is one, and nothing may be written to the cache.
"""

from __future__ import annotations

import gzip
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.provenance import get
from worldsystem.sources import cow_nmc, cow_states, cow_trade, sipri_tiv, unvotes, us_troops

NMC_HEADER = "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,version\n"
NMC_ROWS = (
    "USA,2,1816,3823,17,80,254,8659,101,7.0\n"
    "USA,2,1817,2466,15,80,277,8899,106,7.0\n"
    "UKG,200,1816,16942,255,325,16394,19520,1498,7.0\n"
)


def _write(tmp: Path, source: str, name: str, content: str | bytes) -> Path:
    folder = tmp / source
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    if name.endswith(".gz"):
        content = gzip.compress(content)
    path.write_bytes(content)
    return path


def _cache_empty() -> bool:
    cache = Path(os.environ["WORLDSYSTEM_CACHE"])
    return not cache.exists() or not any(cache.rglob("*"))


# --------------------------------------------------------------------------- cow_nmc


def test_nmc_valid_fixture(tmp_path):
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", NMC_HEADER + NMC_ROWS)
    df = cow_nmc.load(tmp_path)
    assert list(df.columns) == [
        "stateabb",
        "ccode",
        "iso3",
        "year",
        "milex",
        "milper",
        "irst",
        "pec",
        "tpop",
        "upop",
    ]
    assert "cinc" not in df.columns
    # sorted by ccode, year: USA 1816 first, UKG last
    assert df["iso3"].tolist() == ["USA", "USA", "GBR"]
    assert df.loc[0, "milex"] == 3823.0
    assert get(df).sources[0].id == "cow_nmc"


def test_nmc_sentinel_is_missing_and_cinc_dropped(tmp_path):
    text = (
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,version,cinc\n"
        "USA,2,1816,-9,17,80,254,8659,-9,7.0,0.03\n"
    )
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", text)
    df = cow_nmc.load(tmp_path)
    assert np.isnan(df.loc[0, "milex"]) and np.isnan(df.loc[0, "upop"])
    assert df.loc[0, "milper"] == 17.0
    assert "cinc" not in df.columns


@pytest.mark.parametrize(
    ("content", "exc", "field", "value"),
    [
        ("", SourceError, None, None),  # empty file
        (NMC_HEADER, SourceError, None, None),  # header only
        (NMC_HEADER.replace(",", ";") + NMC_ROWS.replace(",", ";"), SchemaError, None, None),
        (NMC_HEADER.replace("milper,", ""), SchemaError, "milper", None),  # missing column
        (NMC_HEADER.replace("irst", "iron") + NMC_ROWS, SchemaError, "irst", None),  # renamed
        (NMC_HEADER + NMC_ROWS + "USA,2,1816,1,1,1,1,1,1,7.0\n", SchemaError, "ccode,year", None),
        (NMC_HEADER + NMC_ROWS.replace("3823", "lots"), SchemaError, "milex", "lots"),
        (NMC_HEADER + NMC_ROWS.replace("3823", "-5"), SchemaError, "milex", "-5"),
        (NMC_HEADER + NMC_ROWS.replace("1817", "1700"), SchemaError, "year", "1700"),
        (NMC_HEADER + NMC_ROWS.replace("UKG,200", "XXX,998"), SchemaError, "ccode", "998"),
        (NMC_HEADER + NMC_ROWS[:-30], SchemaError, None, None),  # truncated mid-row
    ],
)
def test_nmc_broken(tmp_path, content, exc, field, value):
    path = _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", content)
    with pytest.raises(exc) as info:
        cow_nmc.load(tmp_path)
    msg = str(info.value)
    assert path.name in msg
    if field is not None:
        assert field in msg
    if value is not None:
        assert value in msg
    assert _cache_empty()


def test_nmc_non_utf8_and_binary(tmp_path):
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", NMC_HEADER.encode() + b"\xff\xfe,2\n")
    with pytest.raises(SourceError, match=re.escape("NMC-70-abridged.csv")):
        cow_nmc.load(tmp_path)
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", b"PK\x03\x04" + b"\x00" * 64)
    with pytest.raises(SourceError, match=re.escape("NMC-70-abridged.csv")):
        cow_nmc.load(tmp_path)


def test_nmc_absent_file(tmp_path):
    with pytest.raises(SourceError, match=re.escape("NMC-70-abridged.csv")):
        cow_nmc.load(tmp_path)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    pos=st.integers(min_value=0, max_value=len(NMC_HEADER + NMC_ROWS) - 1),
    junk=st.binary(min_size=1, max_size=6),
)
def test_nmc_fuzz_bytes(tmp_path, pos, junk):
    raw = (NMC_HEADER + NMC_ROWS).encode()
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", raw[:pos] + junk + raw[pos + 1 :])
    try:
        df = cow_nmc.load(tmp_path)
    except (SourceError, SchemaError) as err:
        assert "NMC-70-abridged.csv" in str(err) or err.file is None
    else:
        assert {"iso3", "year", "milex"} <= set(df.columns)
        assert (df[list(cow_nmc.COMPONENTS)].fillna(0) >= 0).all().all()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    row=st.integers(min_value=0, max_value=2),
    col=st.integers(min_value=0, max_value=8),
    cell=st.text(
        alphabet=st.characters(blacklist_characters=',\n\r"', blacklist_categories=["Cs"]),
        max_size=8,
    ),
)
def test_nmc_fuzz_cells(tmp_path, row, col, cell):
    rows = [r.split(",") for r in NMC_ROWS.strip().split("\n")]
    rows[row][col] = cell
    text = NMC_HEADER + "\n".join(",".join(r) for r in rows) + "\n"
    _write(tmp_path, "cow_nmc", "NMC-70-abridged.csv", text)
    try:
        df = cow_nmc.load(tmp_path)
    except (SourceError, SchemaError):
        pass
    else:
        assert df["year"].dtype == "int64"
        assert df["ccode"].dtype == "int64"


# --------------------------------------------------------------------------- cow_trade


def _trade_parquet(tmp: Path, frame: pd.DataFrame) -> Path:
    folder = tmp / "cow_trade"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "Dyadic_COW_4.0.parquet"
    frame.to_parquet(path)
    return path


def _trade_frame(**changes) -> pd.DataFrame:
    df = pd.DataFrame(
        {
            "ccode1": [2, 2],
            "ccode2": [20, 200],
            "year": [2000, 2000],
            "flow1": [229191.0, 10.0],
            "flow2": [169068.0, -9.0],
            "smoothflow1": [229191.0, 10.0],
            "smoothflow2": [169068.0, -9.0],
            "version": [4.0, 4.0],
        }
    )
    for k, v in changes.items():
        df[k] = v
    return df


def test_trade_direction(tmp_path):
    _trade_parquet(tmp_path, _trade_frame())
    df = cow_trade.load(tmp_path).set_index(["iso3_o", "iso3_d"])
    # flow1 = imports of ccode1 (USA) from ccode2 (CAN) -> exports CAN -> USA
    assert df.loc[("CAN", "USA"), "flow_musd_current"] == 229191.0
    assert df.loc[("USA", "CAN"), "flow_musd_current"] == 169068.0
    assert df.loc[("GBR", "USA"), "flow_musd_current"] == 10.0
    assert np.isnan(df.loc[("USA", "GBR"), "flow_musd_current"])  # -9 -> missing, row kept
    assert len(df) == 4


def test_trade_text_file_named_parquet(tmp_path):
    _write(tmp_path, "cow_trade", "Dyadic_COW_4.0.parquet", "ccode1,ccode2\n2,20\n")
    with pytest.raises(SourceError, match=re.escape("Dyadic_COW_4.0.parquet")):
        cow_trade.load(tmp_path)


def test_trade_truncated_parquet(tmp_path):
    path = _trade_parquet(tmp_path, _trade_frame())
    path.write_bytes(path.read_bytes()[:60])
    with pytest.raises(SourceError, match=re.escape("Dyadic_COW_4.0.parquet")):
        cow_trade.load(tmp_path)


def test_trade_missing_column(tmp_path):
    _trade_parquet(tmp_path, _trade_frame().drop(columns="smoothflow2"))
    with pytest.raises(SchemaError) as info:
        cow_trade.load(tmp_path)
    assert "smoothflow2" in str(info.value) and "Dyadic_COW_4.0.parquet" in str(info.value)


def test_trade_negative_flow(tmp_path):
    _trade_parquet(tmp_path, _trade_frame(flow2=[169068.0, -3.0]))
    with pytest.raises(SchemaError) as info:
        cow_trade.load(tmp_path)
    msg = str(info.value)
    assert "flow2" in msg and "-3" in msg and "Dyadic_COW_4.0.parquet" in msg


def test_trade_duplicate_and_self_dyad(tmp_path):
    _trade_parquet(tmp_path, _trade_frame(ccode2=[20, 20]))
    with pytest.raises(SchemaError, match="must be unique"):
        cow_trade.load(tmp_path)
    _trade_parquet(tmp_path, _trade_frame(ccode2=[2, 200]))
    with pytest.raises(SchemaError, match="itself"):
        cow_trade.load(tmp_path)


def test_trade_national_text_in_numeric(tmp_path):
    text = "stateabb,ccode,year,imports,exports,version\nUSA,2,1870,450.0,abc,4.0\n"
    _write(tmp_path, "cow_trade", "National_COW_4.0.csv", text)
    with pytest.raises(SchemaError) as info:
        cow_trade.load_national(tmp_path)
    assert "exports" in str(info.value) and "abc" in str(info.value)


# --------------------------------------------------------------------------- sipri_tiv

SIPRI_HEADER = (
    "supplier,recipient,year,tiv,supplier_ccode,recipient_ccode,supplier_type,recipient_type\n"
)
SIPRI_ROWS = (
    "Germany,Greece,1980,50,260,350,state,state\n"
    "Germany,Greece,1995,20,255,350,state,state\n"
    "Russia,Hezbollah (Lebanon)*,2005,3,365,,state,nonstate\n"
)


def test_sipri_valid_germany(tmp_path):
    _write(tmp_path, "sipri_tiv", "sipri_tiv_bilateral_1950_2021.csv", SIPRI_HEADER + SIPRI_ROWS)
    df = sipri_tiv.load(tmp_path)
    # 260 (FRG, <= 1990) and 255 (from 1991) are both DEU
    assert df.loc[df["supplier"] == "Germany", "iso3_o"].tolist() == ["DEU", "DEU"]
    hez = df[df["recipient_type"] == "nonstate"]
    assert hez["iso3_d"].isna().all() and hez["tiv_millions"].iloc[0] == 3.0
    assert any("iso3 missing" in n for n in get(df).notes)


@pytest.mark.parametrize(
    ("rows", "field", "value"),
    [
        (SIPRI_ROWS.replace(",50,", ",-50,"), "tiv", "-50"),
        (SIPRI_ROWS.replace("nonstate", "rebel"), "recipient_type", "rebel"),
        (SIPRI_ROWS.replace("365,,", "365,660,"), "recipient_ccode", "Hezbollah"),
        (
            SIPRI_ROWS + "Germany,Greece,1980,1,260,350,state,state\n",
            "supplier,recipient,year",
            None,
        ),
        (SIPRI_ROWS.replace("1980", "1900"), "year", "1900"),
    ],
)
def test_sipri_broken(tmp_path, rows, field, value):
    path = _write(tmp_path, "sipri_tiv", "sipri_tiv_bilateral_1950_2021.csv", SIPRI_HEADER + rows)
    with pytest.raises(SchemaError) as info:
        sipri_tiv.load(tmp_path)
    msg = str(info.value)
    assert path.name in msg and field in msg
    if value:
        assert value in msg


# --------------------------------------------------------------------------- unvotes

VOTES = (
    "rcid,country,country_code,vote\n"
    "3,United States,US,yes\n"
    "3,Namibia,NA,abstain\n"
    "3,Federal Republic of Germany,,no\n"
    "3,Yemen Arab Republic,,yes\n"
    "4,Yugoslavia,YU,no\n"
)


def test_unvotes_valid(tmp_path):
    _write(tmp_path, "unvotes", "un_votes.csv.gz", VOTES)
    df = unvotes.load(tmp_path)
    assert df["iso3"].tolist() == ["USA", "NAM", "DEU", "YEM", "SRB"]
    assert df["country_code"].astype("str").tolist()[1] == "NA"  # Namibia, not missing
    assert df["vote_code"].tolist() == [2, 1, 0, 2, 0]
    assert df["vote"].cat.ordered and list(df["vote"].cat.categories) == ["no", "abstain", "yes"]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        (VOTES.replace("abstain", "maybe"), "vote", "maybe"),
        (VOTES.replace(",US,", ",QQ,"), "country_code", "QQ"),
        (VOTES + "3,United States,US,no\n", "rcid,country", None),
        (VOTES.replace("4,Yugo", "x,Yugo"), "rcid", "x"),
    ],
)
def test_unvotes_broken(tmp_path, text, field, value):
    _write(tmp_path, "unvotes", "un_votes.csv.gz", text)
    with pytest.raises(SchemaError) as info:
        unvotes.load(tmp_path)
    msg = str(info.value)
    assert "un_votes.csv.gz" in msg and field in msg
    if value:
        assert value in msg


def test_unvotes_truncated_gzip(tmp_path):
    path = _write(tmp_path, "unvotes", "un_votes.csv.gz", VOTES * 50)
    path.write_bytes(path.read_bytes()[:40])
    with pytest.raises(SourceError, match=re.escape("un_votes.csv.gz")):
        unvotes.load(tmp_path)


# --------------------------------------------------------------------------- us_troops

TROOPS_COLS = "countryname,year,ccode,iso3c,region," + ",".join(us_troops.REBUILD_COUNTS) + "\n"


def _troop_row(name, year, ccode, iso, first="10"):
    return f"{name},{year},{ccode},{iso},Europe,{first}," + ",".join(["0"] * 20) + "\n"


def test_us_troops_na_is_missing(tmp_path):
    text = (
        TROOPS_COLS
        + _troop_row("Aden", 1951, 1029, "NA")
        + _troop_row("Germany", 1951, 260, "DEU", "NA")
    )
    _write(tmp_path, "us_troops", "troopdata_rebuild_country_year.csv", text)
    df = us_troops.load(tmp_path).set_index("countryname")
    assert pd.isna(df.loc["Aden", "iso3"]) and df.loc["Aden", "ccode"] == 1029
    assert np.isnan(df.loc["Germany", "troops_ad"]) and df.loc["Germany", "iso3"] == "DEU"


@pytest.mark.parametrize(
    ("row", "field", "value"),
    [
        (_troop_row("Japan", 1960, 740, "jpn"), "iso3c", "jpn"),
        (_troop_row("Japan", 1960, 740, "JPN", "many"), "troops_ad", "many"),
        (_troop_row("Japan", 1860, 740, "JPN"), "year", "1860"),
    ],
)
def test_us_troops_broken(tmp_path, row, field, value):
    _write(tmp_path, "us_troops", "troopdata_rebuild_country_year.csv", TROOPS_COLS + row)
    with pytest.raises(SchemaError) as info:
        us_troops.load(tmp_path)
    msg = str(info.value)
    assert "troopdata_rebuild_country_year.csv" in msg and field in msg and value in msg


# --------------------------------------------------------------------------- cow_states

STATES = (
    "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
    "GMY,255,Germany,1816,1,1,1945,5,8,2016\n"
    "GMY,255,Germany,1990,10,3,2016,12,31,2016\n"
    "GFR,260,German Federal Republic,1955,5,5,1990,10,2,2016\n"
)


def test_system_members_germany(tmp_path):
    _write(tmp_path, "cow_states", "states2016.csv", STATES)
    spells = cow_states.load(tmp_path)
    m = cow_states.system_members(1944, 2018, spells)
    by_year = m.set_index("year")["ccode"]
    # 1945: 255 to 8 May; 1946-1954: none; 1990: 260 covers 275 days vs 255's 90 -> 260
    assert by_year[1945] == 255 and 1946 not in by_year.index and by_year[1955] == 260
    assert by_year[1990] == 260 and by_year[1991] == 255
    # still-running spell carried forward to 2018
    assert by_year[2018] == 255
    assert cow_states.system_members(2015, 2018, spells, carry_forward=False)["year"].max() == 2016
    both = cow_states.system_members(1990, 1990, spells, one_per_iso3=False)
    assert sorted(both["ccode"]) == [255, 260]


def test_states_bad_date(tmp_path):
    _write(tmp_path, "cow_states", "states2016.csv", STATES.replace("1955,5,5", "1955,2,30"))
    with pytest.raises(SchemaError) as info:
        cow_states.load(tmp_path)
    assert "states2016.csv" in str(info.value) and "1955-2-30" in str(info.value)
