"""Batch-B loaders on the real datasets (needs WORLDSYSTEM_DATA).

Spot values were read from the files themselves; each comment names the file
and the line (1-based, header = line 1; for .gz files, of the decompressed text).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.provenance import get
from worldsystem.sources import (
    catalogue,
    concordance,
    gapminder,
    imf_weo,
    labour,
    maddison,
    maps,
    pwt,
    sipri_milex,
    wiod,
)


def test_maddison_real(real_data):
    df = maddison.load(real_data)
    # mpd2023.csv: 23,281 lines = header + 23,280 country-years, 169 codes
    assert len(df) == 23_280 and df["iso3"].nunique() == 169
    assert df["year"].min() == 1 and df["year"].max() == 2022
    assert {"CSK", "SUN", "YUG"} <= set(df["iso3"])
    # mpd2023.csv line 22253: USA,United States,Western Offshoots,2022,58487.46586089506,333288.0
    usa = df[(df.iso3 == "USA") & (df.year == 2022)].iloc[0]
    assert usa["gdppc_2011ppp"] == pytest.approx(58487.46586089506)
    assert usa["pop_thousands"] == 333288.0
    assert usa["gdp_musd_2011ppp"] == pytest.approx(58487.46586089506 * 333288.0 / 1000)
    src = maddison.load_sources(real_data)
    assert len(src) == 111 and src["iso3"].nunique() == 68


def test_pwt_real(real_data):
    df = pwt.load(real_data)
    assert df.shape == (12_810, 47)  # 183 countries x 70 years, balanced
    assert df["iso3"].nunique() == 183 and df["year"].between(1950, 2019).all()
    # pwt1001.csv.gz line 12179: USA,United States,US Dollar,2017,19754754.0,... pl_gdpo = 1
    usa = df[(df.iso3 == "USA") & (df.year == 2017)].iloc[0]
    assert usa["pl_gdpo"] == pytest.approx(1.0)
    assert usa["rgdpe"] == 19_754_754.0 and usa["pop"] == pytest.approx(325.084756)
    assert int(df[list(pwt.VARIABLES)].isna().all(axis=1).sum()) == 1991
    v = pwt.load_variables(real_data)
    assert len(v) == 52 and int(v["in_file"].sum()) == 47


def test_imf_weo_real(real_data):
    df = imf_weo.load(real_data)
    assert len(df) == 284_372 and df["indicator"].nunique() == 45
    # weo_apr2019.csv.gz line 116993: USA,2018,NGDPD,20494.05
    # weo_apr2019_notes.csv.gz line 8330: USA,NGDPD,2018,... -> 2018 actual, 2019 estimate
    usa = df[(df.iso3 == "USA") & (df.indicator == "NGDPD")].set_index("year")
    assert usa.loc[2018, "value"] == 20494.05
    assert not bool(usa.loc[2018, "is_estimate"]) and bool(usa.loc[2019, "is_estimate"])
    w = imf_weo.wide(["NGDPD", "LP"], df)
    assert w.loc[(w.iso3 == "USA") & (w.year == 2018), "ngdpd_busd_current"].item() == 20494.05
    assert len(imf_weo.load_countries(real_data)) == 194
    assert len(imf_weo.load_concepts(real_data)) == 45


def test_sipri_milex_real(real_data):
    df = sipri_milex.load(real_data)
    # 173 countries x 72 years (1949-2020); region headings and footnotes dropped
    assert len(df) == 173 * 72 and df["country"].nunique() == 173
    assert not df["country"].isin(["Africa", "North Africa", "Middle East"]).any()
    # sheet "Current USD", row "USA", column 2020: 778232.2;
    # sheet "Share of GDP", same cell: 0.037411600907851214
    usa = df[(df.country == "USA") & (df.year == 2020)].iloc[0]
    assert usa["iso3"] == "USA" and usa["milex_musd_current"] == pytest.approx(778232.2)
    assert usa["milex_share_gdp"] == pytest.approx(0.037411600907851214)
    # sheet "Constant (2019) USD", row "USA", column 2019 equals current 2019: 734344.1
    usa19 = df[(df.country == "USA") & (df.year == 2019)].iloc[0]
    assert usa19["milex_musd_constant2019"] == pytest.approx(734344.1)
    # Algeria 1949 is "xxx" in every sheet
    alg = df[(df.country == "Algeria") & (df.year == 1949)].iloc[0]
    assert alg["status"] == "not_independent" and np.isnan(alg["milex_musd_current"])
    # the two misspelt names of the Share of GDP sheet are aligned
    assert df.loc[df.country == "North Macedonia", "milex_share_gdp"].notna().any()
    # names without ISO3 are kept (never dropped) and reported
    unmapped = df.loc[df["iso3"].isna(), "country"].unique()
    for name in unmapped:
        assert any(name in n for n in get(df).notes)


def test_wiod_real(real_data):
    assert wiod.years(real_data) == list(range(1995, 2012))
    t = wiod.load_year(2011, real_data)
    # wiot2011.parquet: sum of GO over the 1,435 rows = 141,767,904 USD M
    assert t.x.sum() == 141_767_904.0
    r = {(reg, ind): i for i, (reg, ind) in enumerate(
        (reg, ind) for reg in wiod.REGIONS for ind in wiod.INDUSTRIES
    )}  # fmt: skip
    # row 1378 (USA, c14), column CHN_c14 = 16332; row 329 (DEU, c15) GO = 526518
    assert r[("USA", "c14")] == 1378 and r[("DEU", "c15")] == 329
    assert t.Z[1378, r[("CHN", "c14")]] == 16332.0
    assert t.x[r[("DEU", "c15")]] == 526_518.0
    # row sums approximate x (README: median relative gap 0.19 % in 2011)
    pos = t.x > 1000
    gap = np.abs(t.Z.sum(1) + t.F.sum(1) - t.x)[pos] / t.x[pos]
    assert np.median(gap) < 0.01
    assert (t.F[:, 4::5] < 0).any()  # c42 inventories can be negative
    assert t.iso3[wiod.REGIONS.index("ROM")] == "ROU"


def test_labour_real(real_data):
    emp = labour.load(real_data)
    # 10SD_jan15.csv line 5655: USA,NAM,North America,EMP,2010,2114.0924504408426,...
    usa = emp[(emp.iso3 == "USA") & (emp.year == 2010)].iloc[0]
    assert usa["emp_agr_thousands"] == pytest.approx(2114.0924504408426)
    assert not emp.duplicated(["iso3", "series", "year"]).any()
    assert set(emp["iso3"]) >= {"MAR", "DEU", "NGA"} and "MOR" not in set(emp["iso3"])
    g = labour.load_ggdc(real_data)
    assert set(g["variable"]) == {"VA", "VA_Q05", "VA_Q10", "VA_Q91", "EMP"}
    ilo = labour.load_ilo(real_data)
    # workforce_total_iso3.csv.gz line 17522: USA,...,SEX_T,2020,156777.723,United States
    assert ilo.loc[(ilo.iso3 == "USA") & (ilo.year == 2020), "employment_thousands"].item() == (
        156777.723
    )
    assert len(labour.load_ilo(real_data, sex="all")) == 23_979


def test_gapminder_real(real_data):
    df = gapminder.load(real_data)
    assert df["indicator"].nunique() == 22
    # arms_exports_sipri_tiv.csv line 2301: usa,2020,10024000000 (TIV units, not millions)
    v = df[(df.geo == "usa") & (df.indicator == "arms_exports_sipri_tiv") & (df.year == 2020)]
    assert v["value"].item() == 10_024_000_000 and v["iso3"].item() == "USA"
    # historical geos are kept with iso3 missing
    assert df.loc[df.geo == "ussr", "iso3"].isna().all() and (df.geo == "ussr").any()
    assert len(gapminder.load_entities(real_data)) == 273


def test_concordance_and_maps_real(real_data):
    c = concordance.load(real_data)
    # country_codes.csv line 168: Namibia,NAM,NA,516,565,...
    assert c.loc[c["iso3c"] == "NAM", "iso2c"].item() == "NA"
    assert len(concordance.load_panel(real_data)) == 29_574
    assert len(concordance.load_coco(real_data)) == 256
    assert len(maps.load(real_data, resolution="110m")["objects"]["countries"]["geometries"]) == 177
    ids = maps.feature_ids(real_data, resolution="110m")
    assert len(ids) == 174 and "840" in ids
    assert len(maps.feature_ids(real_data, resolution="50m")) == 235


@pytest.mark.parametrize(
    "source_id",
    ["maddison", "pwt", "imf_weo", "sipri_milex", "labour", "gapminder", "countries"],
)
def test_catalogue_load_and_files(real_data, source_id):
    info = catalogue.info(source_id)
    assert info.available(real_data), info.missing_files(real_data)
    df = catalogue.load(source_id, real_data)
    assert isinstance(df, pd.DataFrame) and len(df) > 0
    assert get(df).source_ids == (source_id,)


def test_catalogue_wiod_and_maps_files(real_data):
    assert catalogue.info("wiod2013").available(real_data)
    assert catalogue.info("maps").available(real_data)
    assert len(catalogue.load("wiod2013", real_data)) == 1435


def test_sipri_successor_names_do_not_overlap_in_values(real_data):
    df = sipri_milex.load(real_data)
    vals = df[(df["status"] == "value") & df["iso3"].notna()]
    # USSR/Russia and Yugoslavia/Serbia share RUS/SRB but never both have values in a year
    assert not vals.duplicated(["iso3", "year"]).any()
    assert "0 rows with status 'value' share" in get(df).notes[-1]
