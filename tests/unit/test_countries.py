"""Unit tests of worldsystem.countries: identity rules, conversion API, groups.

Each expected value is a documented rule in the package docstring or a fact
with a citation in ``groups.csv``; the working is in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import worldsystem.countries as wc
from worldsystem.core.errors import CodeSystemError, WorldsystemError

# ---------------------------------------------------------------- table


def test_table_is_a_copy_and_has_columns():
    t = wc.table()
    for col in ("iso3", "iso2", "isonum", "ccode", "cowc", "gwcode", "name"):
        assert col in t.columns
    for col in ("start_year", "end_year", "note"):
        assert col in t.columns
    t.loc[:, "iso3"] = "ZZZ"
    assert (wc.table()["iso3"] != "ZZZ").all()


def test_table_has_249_iso_countries():
    t = wc.table().drop_duplicates("iso3")
    withdrawn_or_user = {"CSK", "DDR", "YMD", "XKX"}
    project = t["iso3"].str.match(r"^Q[M-Z][A-Z]$")
    iso = t[~t["iso3"].isin(withdrawn_or_user) & ~project]
    assert len(iso) == 249
    assert iso["iso2"].notna().all() and iso["iso2"].is_unique
    assert iso["isonum"].notna().all() and iso["isonum"].is_unique


def test_rows_of_one_iso3_do_not_overlap_in_time():
    t = wc.table()
    lo = t["start_year"].astype("Float64").fillna(-np.inf)
    hi = t["end_year"].astype("Float64").fillna(np.inf)
    t = t.assign(lo=lo, hi=hi).sort_values(["iso3", "lo"])
    for _, g in t.groupby("iso3"):
        if len(g) > 1:
            # each next row starts after the previous one ends
            assert (g["lo"].to_numpy()[1:] > g["hi"].to_numpy()[:-1]).all()


def test_no_table_code_is_an_example_code():
    assert not any(wc.is_example_code(c) for c in wc.table()["iso3"])


def test_project_codes_are_in_user_assigned_range():
    t = wc.table()
    q = t[t["note"].fillna("").str.startswith("project code")]
    assert len(q) >= 20
    assert q["iso3"].str.match(r"^Q[M-Z][A-Z]$").all()


# ------------------------------------------------------- hard cases, COW


@pytest.mark.parametrize(
    ("ccode", "iso3"),
    [
        (365, "RUS"),  # Russia / USSR continuity
        (255, "DEU"),
        (260, "DEU"),
        (265, "DDR"),
        (345, "SRB"),
        (341, "MNE"),
        (347, "XKX"),
        (315, "CSK"),
        (316, "CZE"),
        (317, "SVK"),
        (816, "VNM"),
        (817, "QSV"),
        (678, "YEM"),
        (679, "YEM"),
        (680, "YMD"),
        (625, "SDN"),
        (626, "SSD"),
        (530, "ETH"),
        (531, "ERI"),
        (713, "TWN"),
        (325, "ITA"),  # Sardinia/Piedmont -> continuing Italy
        (730, "QSK"),
        (300, "QSA"),
        (245, "QSB"),
        (267, "QSD"),
        (269, "QSX"),
        (271, "QSW"),
        (273, "QSE"),
        (275, "QSG"),
        (280, "QSM"),
        (240, "QSH"),
        (329, "QST"),
        (327, "QSP"),
        (332, "QSO"),
        (335, "QSR"),
        (337, "QSU"),
        (511, "QSZ"),
        (221, "MCO"),
        (223, "LIE"),
        (331, "SMR"),
        (232, "AND"),
        (970, "NRU"),
        (947, "TUV"),
    ],
)
def test_cow_to_iso3_hard_cases(ccode, iso3):
    assert wc.cow_to_iso3([ccode]).tolist() == [iso3]
    # in any year, without a year: the code identifies one entity
    assert wc.cow_to_iso3([ccode], year=1900).tolist() == [iso3]


@pytest.mark.parametrize(
    ("iso3", "year", "ccode"),
    [
        ("DEU", 1900, 255),
        ("DEU", 1950, 255),  # COW has no German member 1946-54; rule says 255
        ("DEU", 1955, 260),
        ("DEU", 1990, 260),
        ("DEU", 1991, 255),
        ("YEM", 1989, 678),  # year < 1990 -> Yemen Arab Republic
        ("YEM", 1990, 679),
        ("DDR", 1970, 265),
        ("CSK", 1970, 315),
        ("CZE", 2000, 316),
        ("SRB", 1950, 345),
        ("SRB", 2010, 345),
        ("RUS", 1950, 365),
        ("QSV", 1970, 817),
        ("VNM", 1970, 816),
    ],
)
def test_iso3_to_cow_year_aware(iso3, year, ccode):
    assert wc.iso3_to_cow([iso3], year=year).tolist() == [ccode]


def test_iso3_to_cow_year_array_aligned():
    out = wc.iso3_to_cow(["DEU", "YEM", "DEU", "USA"], year=[1960, 1960, 2000, 1800])
    assert out.tolist() == [260, 678, 255, 2]


def test_year_needed_message():
    with pytest.raises(CodeSystemError, match="year is needed") as exc:
        wc.iso3_to_cow(["USA", "DEU"])
    assert "DEU" in str(exc.value)
    with pytest.raises(CodeSystemError, match="YEM"):
        wc.iso3_to_cow(["YEM"])
    # coerce gives a missing value instead of an error
    out = wc.iso3_to_cow(["USA", "DEU"], errors="coerce")
    assert out[0] == 2 and np.isnan(out[1])


def test_missing_year_element_raises_or_coerces():
    with pytest.raises(CodeSystemError, match="DEU"):
        wc.iso3_to_cow(["DEU", "DEU"], year=[1960, None])
    out = wc.iso3_to_cow(["DEU", "DEU"], year=[1960, None], errors="coerce")
    assert out[0] == 260 and np.isnan(out[1])


def test_palestine_has_no_cow_code():
    with pytest.raises(CodeSystemError, match="PSE"):
        wc.iso3_to_cow(["PSE"])
    out = wc.iso3_to_cow(["PSE", "FRA"], errors="coerce")
    assert np.isnan(out[0]) and out[1] == 220
    assert wc.convert(["PSE"], source="iso3", target="iso2").tolist() == ["PS"]


# --------------------------------------------------------- hard cases, GW


@pytest.mark.parametrize(
    ("gw", "iso3"),
    [
        (260, "DEU"),
        (255, "DEU"),
        (265, "DDR"),
        (340, "SRB"),
        (345, "SRB"),
        (347, "XKX"),
        (816, "VNM"),
        (817, "QSV"),
        (678, "YEM"),
        (680, "YMD"),
        (751, "QSN"),  # Hyderabad (GW only)
        (970, "KIR"),  # GW microstate codes differ from COW
        (971, "NRU"),
        (972, "TON"),
        (973, "TUV"),
        (365, "RUS"),
    ],
)
def test_gw_to_iso3(gw, iso3):
    assert wc.gw_to_iso3([gw]).tolist() == [iso3]


def test_iso3_to_gw_year_aware():
    # SRB: GW 340 to 1917, 345 1918-2005, 340 from 2006; DEU: GW 260 1949-1990
    out = wc.convert(
        ["SRB", "SRB", "SRB", "DEU", "DEU", "DEU", "YEM"],
        source="iso3",
        target="gw",
        year=[1900, 1990, 2010, 1945, 1949, 1991, 1995],
    )
    assert out.tolist() == [340, 345, 340, 255, 260, 255, 678]


def test_cow_to_gw_year_aware_for_germany():
    # COW 255 in 1950 falls in the 1949-54 row, where GW says 260 (FRG)
    out = wc.convert([255, 255, 255], source="cow", target="gw", year=[1930, 1950, 2000])
    assert out.tolist() == [255, 260, 255]
    assert wc.convert([946], source="cow", target="gw").tolist() == [970]


# ------------------------------------------------- ISO2 / numeric / cowc


def test_namibia_na_is_a_code_not_missing():
    assert wc.iso2_to_iso3(["NA"]).tolist() == ["NAM"]
    assert wc.convert(["NAM"], source="iso3", target="iso2").tolist() == ["NA"]
    assert wc.table().set_index("iso3").loc["NAM", "iso2"] == "NA"


def test_isonum_accepts_zero_padded_strings():
    # ISO numeric 004 = Afghanistan, 276 = Germany, 200 = Czechoslovakia
    out = wc.convert(["004", 276, 200.0], source="isonum", target="iso3")
    assert out.tolist() == ["AFG", "DEU", "CSK"]


def test_cowc_roundtrip():
    assert wc.convert(["GFR", "RVN", "UKG"], source="cowc", target="iso3").tolist() == [
        "DEU",
        "QSV",
        "GBR",
    ]
    assert wc.convert(["GBR"], source="iso3", target="cowc").tolist() == ["UKG"]


def test_lower_case_codes_are_accepted():
    assert wc.convert([" usa", "de"], source="iso3", target="iso3", errors="coerce").tolist() == [
        "USA",
        None,
    ]


# ----------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("United States", "USA"),
        ("United States of America", "USA"),
        ("USA", "USA"),
        ("Russia", "RUS"),
        ("Russian Federation", "RUS"),
        ("USSR", "RUS"),
        ("Soviet Union", "RUS"),
        ("South Korea", "KOR"),
        ("Korea, Republic of", "KOR"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Iran", "IRN"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Czechia", "CZE"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Cote d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Germany (GDR)", "DDR"),
        ("germany", "DEU"),
        ("  United   KINGDOM ", "GBR"),
    ],
)
def test_name_aliases(name, iso3):
    assert wc.convert([name], source="name", target="iso3").tolist() == [iso3]


def test_no_fuzzy_name_matching():
    with pytest.raises(CodeSystemError, match="Untied States"):
        wc.convert(["Untied States"], source="name", target="iso3")


def test_name_to_cow_is_year_aware_through_iso3():
    out = wc.convert(["Germany", "Germany"], source="name", target="cow", year=[1960, 2000])
    assert out.tolist() == [260, 255]


def test_name_of():
    assert wc.name_of("CIV") == "Côte d'Ivoire"
    assert wc.name_of("DEU") == "Germany"
    assert wc.name_of(["RUS", "QSV"]).tolist() == ["Russia", "Republic of Vietnam"]


# -------------------------------------------------------- API behaviour


def test_series_in_series_out_same_index():
    s = pd.Series(["USA", "NA", "DEU"], index=["a", "b", "c"])
    out = wc.convert(s, source="iso2", target="iso3", errors="coerce")
    assert isinstance(out, pd.Series)
    assert out.index.tolist() == ["a", "b", "c"]
    # "USA" and "DEU" are not ISO2 codes -> missing; "NA" -> Namibia
    assert out.tolist() == [None, "NAM", None]
    num = wc.cow_to_iso3(pd.Series([2, 365], index=[10, 20]))
    assert num.index.tolist() == [10, 20]
    back = wc.iso3_to_cow(pd.Series(["USA", "PSE"], index=[3, 1]), errors="coerce")
    assert str(back.dtype) == "Int64"
    assert back.loc[3] == 2 and pd.isna(back.loc[1])


def test_numpy_and_list_in_array_out_with_duplicates():
    codes = np.array([2, 2, 365, 2])
    out = wc.cow_to_iso3(codes)
    assert isinstance(out, np.ndarray)
    assert out.tolist() == ["USA", "USA", "RUS", "USA"]


def test_missing_inputs_give_missing_outputs_without_error():
    out = wc.cow_to_iso3([2, None, np.nan])
    assert out.tolist() == ["USA", None, None]
    assert len(wc.cow_to_iso3([])) == 0


def test_unknown_code_error_names_code_and_system():
    with pytest.raises(CodeSystemError) as exc:
        wc.cow_to_iso3([2, 1234, 5678])
    msg = str(exc.value)
    assert "1234" in msg and "5678" in msg and "'cow'" in msg
    assert isinstance(exc.value, WorldsystemError)


def test_unknown_code_error_lists_at_most_ten():
    bad = [f"Z{i:02d}" for i in range(15)]
    with pytest.raises(CodeSystemError, match="and 5 more"):
        wc.convert(bad, source="iso3", target="iso2")


def test_coerce_keeps_every_row():
    out = wc.cow_to_iso3([2, 1234, 20], errors="coerce")
    assert out.tolist() == ["USA", None, "CAN"]


def test_bad_system_and_errors_arguments():
    with pytest.raises(CodeSystemError, match="iso4"):
        wc.convert(["USA"], source="iso4", target="iso3")
    with pytest.raises(CodeSystemError, match="errors"):
        wc.convert(["USA"], source="iso3", target="cow", errors="ignore")
    with pytest.raises(CodeSystemError, match="year has 1 elements"):
        wc.iso3_to_cow(["DEU", "DEU"], year=[1960])


def test_numeric_source_rejects_text():
    with pytest.raises(CodeSystemError, match="abc"):
        wc.cow_to_iso3(["abc"])


# ---------------------------------------------------------- example codes


def test_is_example_code():
    assert wc.is_example_code("XAA")
    assert wc.is_example_code("XKA")
    assert not wc.is_example_code("XKX")  # Kosovo
    assert not wc.is_example_code("USA")
    assert not wc.is_example_code("xab")
    assert not wc.is_example_code("XA")
    assert not wc.is_example_code(123)


# ---------------------------------------------------------------- groups


def test_groups_listed():
    g = wc.groups()
    for name in ("G7", "G20", "NATO", "EU", "OECD", "BRICS", "SCO", "CSTO", "CIS", "ASEAN"):
        assert name in g
    for name in ("OPEC", "AU", "IMF_ADVANCED"):
        assert name in g


def test_every_group_member_is_in_identity_table_and_cited():
    known = set(wc.table()["iso3"])
    for g in wc.groups():
        m = wc.membership(g)
        assert set(m["iso3"]) <= known
        assert (m["source"].str.len() > 10).all()
        lv = m["leave_year"].dropna()
        assert (lv > m.loc[lv.index, "join_year"]).all()


def test_nato_finland_sweden():
    m1990, m2024 = wc.members("NATO", 1990), wc.members("NATO", 2024)
    assert "FIN" not in m1990 and "SWE" not in m1990
    assert "FIN" in m2024 and "SWE" in m2024
    # 16 members in 1990 (12 founders + GRC, TUR 1952 + DEU 1955 + ESP 1982); 32 in 2024
    assert len(m1990) == 16
    assert len(m2024) == 32
    assert "FIN" in wc.members("NATO", 2023) and "SWE" not in wc.members("NATO", 2023)


def test_brics_counts():
    # 2010: BRA RUS IND CHN; 2011: +ZAF; 2024: +EGY ETH IRN ARE; 2025: +IDN
    assert len(wc.members("BRICS", 2008)) == 0
    assert wc.members("BRICS", 2010) == ["BRA", "CHN", "IND", "RUS"]
    assert len(wc.members("BRICS", 2011)) == 5
    assert len(wc.members("BRICS", 2024)) == 9
    assert len(wc.members("BRICS", 2025)) == 10
    assert "SAU" not in wc.members("BRICS", 2025)


def test_uk_in_eu():
    assert wc.is_member("GBR", "EU", 2019)
    assert not wc.is_member("GBR", "EU", 2020)
    assert not wc.is_member("GBR", "EU", 1972)
    # 1958: 6; 2019: 28; 2020: 27
    assert len(wc.members("EU", 1958)) == 6
    assert len(wc.members("EU", 2019)) == 28
    assert len(wc.members("EU", 2020)) == 27


def test_g7_g20():
    assert wc.members("G7", 2022) == ["CAN", "DEU", "FRA", "GBR", "ITA", "JPN", "USA"]
    assert len(wc.members("G7", 1975)) == 6
    assert len(wc.members("G20", 2023)) == 19


def test_oecd_38_and_spells():
    assert len(wc.members("OECD", 2021)) == 38
    assert len(wc.members("OECD", 1961)) == 19  # Italy ratified 1962
    assert not wc.is_member("CRI", "OECD", 2020)


def test_opec_spells():
    assert wc.is_member("QAT", "OPEC", 2018) and not wc.is_member("QAT", "OPEC", 2019)
    assert wc.is_member("ECU", "OPEC", 2019) and not wc.is_member("ECU", "OPEC", 2020)
    assert not wc.is_member("ECU", "OPEC", 2000)
    assert wc.is_member("AGO", "OPEC", 2023) and not wc.is_member("AGO", "OPEC", 2024)
    # Indonesia: 1962-2008, 2016 only
    assert [wc.is_member("IDN", "OPEC", y) for y in (2008, 2009, 2016, 2017)] == [
        True,
        False,
        True,
        False,
    ]
    assert len(wc.membership("OPEC").query("iso3 == 'IDN'")) == 2


def test_au_morocco_and_size():
    assert wc.is_member("MAR", "AU", 1980)
    assert not wc.is_member("MAR", "AU", 2000)
    assert wc.is_member("MAR", "AU", 2017)
    assert len(wc.members("AU", 2024)) == 55  # 54 states + Sahrawi Republic (ESH)


def test_sco_csto_cis_asean_imf():
    assert len(wc.members("SCO", 2001)) == 6
    assert len(wc.members("SCO", 2024)) == 10
    assert "UZB" in wc.members("CSTO", 2008) and "UZB" not in wc.members("CSTO", 2013)
    assert "GEO" in wc.members("CIS", 2000) and "GEO" not in wc.members("CIS", 2010)
    assert len(wc.members("ASEAN", 1999)) == 10
    assert wc.is_member("KOR", "IMF_ADVANCED", 1997)
    assert not wc.is_member("KOR", "IMF_ADVANCED", 1996)
    assert wc.is_member("HRV", "IMF_ADVANCED", 2023)
    assert len(wc.members("IMF_ADVANCED", 2024)) == 41


def test_groups_of():
    g = wc.groups_of("GBR", 2019)
    assert "EU" in g and "NATO" in g and "G7" in g
    assert "EU" not in wc.groups_of("GBR", 2020)
    assert wc.groups_of("ZZZ", 2000) == []


def test_member_mask_vectorised():
    iso = np.array(["FIN", "FIN", "SWE", "USA", "PSE"])
    yr = np.array([2022, 2023, 2023, 1949, 2020])
    assert wc.member_mask(iso, "NATO", yr).tolist() == [False, True, False, True, False]
    assert wc.member_mask(["GBR", "GBR"], "EU", 2019).tolist() == [True, True]
    assert wc.member_mask(["GBR"], "EU", [np.nan]).tolist() == [False]


def test_unknown_group_names_valid_groups():
    with pytest.raises(WorldsystemError, match="NATO"):
        wc.members("WARSAW", 1970)
    with pytest.raises(CodeSystemError):
        wc.member_mask(["USA"], "nato", 2000)


def test_member_mask_agrees_with_spell_rule_at_every_boundary():
    # for every spell, the years join-1, join, leave-1, leave: the mask must
    # equal the documented rule join <= Y < leave over all the country's spells
    for g in wc.groups():
        m = wc.membership(g)
        iso, yr = [], []
        for row in m.itertuples():
            for y in (row.join_year - 1, row.join_year):
                iso.append(row.iso3)
                yr.append(int(y))
            if pd.notna(row.leave_year):
                for y in (row.leave_year - 1, row.leave_year):
                    iso.append(row.iso3)
                    yr.append(int(y))
        spells = {
            c: list(zip(d["join_year"], d["leave_year"], strict=True)) for c, d in m.groupby("iso3")
        }
        expected = [
            any(a <= y and (pd.isna(b) or y < b) for a, b in spells[c])
            for c, y in zip(iso, yr, strict=True)
        ]
        assert wc.member_mask(np.array(iso), g, np.array(yr)).tolist() == expected
    assert wc.member_mask([None, "USA"], "NATO", 2000).tolist() == [False, True]
