"""Batch-B source loaders on small hand-written fixtures in the official layouts.

Covers maddison, pwt, imf_weo, gapminder, labour, concordance and maps: a valid
fixture with hand-computed expectations, then a corpus of broken inputs, each
of which must raise SourceError/SchemaError naming the file, the field and the
offending value, and leave nothing in the cache. A hypothesis fuzz exercises
the Maddison CSV loader.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.core.provenance import get, get_units
from worldsystem.sources import concordance, gapminder, imf_weo, labour, maddison, maps, pwt


def _write(root: Path, source: str, name: str, content: str | bytes) -> Path:
    folder = root / source
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    data = content.encode("utf-8") if isinstance(content, str) else content
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _cache_empty() -> bool:
    cache = Path(os.environ["WORLDSYSTEM_CACHE"])
    return not cache.exists() or not any(cache.iterdir())


def _assert_names(err: WorldsystemError, *parts: str) -> None:
    text = str(err)
    for p in parts:
        assert p in text, f"{p!r} not in {text!r}"


# --------------------------------------------------------------------------- maddison

MPD_HEADER = "countrycode,country,region,year,gdppc,pop\n"
MPD_ROWS = (
    "USA,United States,Western Offshoots,2000,40000,280000\n"
    "USA,United States,Western Offshoots,2001,,281000\n"
    "SUN,Former USSR,Eastern Europe,1950,2841,179571\n"
    "NAM,Namibia,Sub Saharan Africa,2000,1000,2000\n"
)
MPD_OK = MPD_HEADER + MPD_ROWS


def test_maddison_valid_fixture(tmp_path):
    _write(tmp_path, "maddison", "mpd2023.csv", MPD_OK)
    df = maddison.load(tmp_path)
    assert list(df.columns) == [
        "iso3", "year", "country", "region", "gdppc_2011ppp", "pop_thousands",
        "gdp_musd_2011ppp",
    ]  # fmt: skip
    assert len(df) == 4
    assert df["year"].dtype == "int64"
    # NAM 2000: gdppc 1000 $ x pop 2000 thousand = 2,000,000 thousand $ = 2000 M$
    nam = df.set_index(["iso3", "year"]).loc[("NAM", 2000)]
    assert nam["gdp_musd_2011ppp"] == pytest.approx(2000.0)
    # USA 2000: 40000 x 280000 / 1000 = 11,200,000 M$
    assert df.set_index(["iso3", "year"]).loc[("USA", 2000), "gdp_musd_2011ppp"] == 11_200_000
    # missing gdppc -> missing gdp, row kept
    assert np.isnan(df.set_index(["iso3", "year"]).loc[("USA", 2001), "gdp_musd_2011ppp"])
    prov = get(df)
    assert prov.source_ids == ("maddison",)
    assert any("SUN" in n for n in prov.notes)
    assert get_units(df)["pop_thousands"] == "thousands of persons"
    assert _cache_empty()


def test_maddison_sources(tmp_path):
    _write(
        tmp_path, "maddison", "mpd2023_sources.csv",
        'countrycode,years,source\nARG,1800 - 1870,"Author, A. (2009). Title"\n',
    )  # fmt: skip
    df = maddison.load_sources(tmp_path)
    assert df.loc[0, "iso3"] == "ARG" and df.loc[0, "source"].startswith("Author, A.")


MPD_BAD = {
    "wrong_delimiter": (MPD_OK.replace(",", ";"), SchemaError, ["countrycode"]),
    "missing_column": (
        "countrycode,country,region,year,gdppc\nUSA,United States,W,2000,1\n",
        SchemaError,
        ["'pop'"],
    ),
    "renamed_column": (MPD_OK.replace("gdppc", "gdp_pc", 1), SchemaError, ["'gdppc'"]),
    "duplicate_key": (
        MPD_OK + "USA,United States,Western Offshoots,2000,1,1\n",
        SchemaError,
        ["countrycode,year", "'USA', 2000"],
    ),
    "text_in_numeric": (
        MPD_HEADER + "USA,United States,W,2000,abc,1\n",
        SchemaError,
        ["'gdppc'", "'abc'"],
    ),
    "negative_value": (
        MPD_HEADER + "USA,United States,W,2000,1,-5\n",
        SchemaError,
        ["'pop'", "-5"],
    ),
    "year_out_of_range": (
        MPD_HEADER + "USA,United States,W,2500,1,1\n",
        SchemaError,
        ["'year'", "2500"],
    ),
    "unknown_country_code": (
        MPD_HEADER + "US1,United States,W,2000,1,1\n",
        SchemaError,  # CodeSystemError is not a SchemaError; checked below
        ["'countrycode'", "'US1'"],
    ),
    # a header cut mid-name: the file ends without an end-of-line on line 1
    "truncated_header": ("countrycode,country,reg", SchemaError, ["line=1", "cut mid-row"]),
    "truncated_header_line": ("countrycode,country,reg\n", SchemaError, ["'region'"]),
    "empty_file": ("", SourceError, []),
    "non_utf8": (MPD_HEADER.encode() + b"USA,Unit\xe9d States,W,2000,1,1\n", SourceError, []),
    "not_csv": (b"PK\x03\x04\x14\x00\x00\x00binary zip content", SourceError, []),
}


@pytest.mark.parametrize("case", sorted(MPD_BAD))
def test_maddison_bad_inputs(tmp_path, case):
    content, exc, parts = MPD_BAD[case]
    path = _write(tmp_path, "maddison", "mpd2023.csv", content)
    expected = WorldsystemError if case == "unknown_country_code" else exc
    with pytest.raises(expected) as info:
        maddison.load(tmp_path)
    if case != "unknown_country_code":
        assert isinstance(info.value, exc)
    _assert_names(info.value, "mpd2023.csv", *parts)
    assert info.value.file is not None and Path(info.value.file).name == path.name
    assert _cache_empty()


def test_maddison_missing_file(tmp_path):
    with pytest.raises(SourceError) as info:
        maddison.load(tmp_path)
    _assert_names(info.value, "mpd2023.csv", "worldsystem data fetch maddison")


_code = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.tuples(
            _code,
            st.integers(min_value=1, max_value=2100),
            st.one_of(st.none(), st.floats(min_value=1, max_value=1e6, allow_nan=False)),
            st.one_of(st.none(), st.floats(min_value=0, max_value=2e6, allow_nan=False)),
        ),
        min_size=1,
        max_size=25,
        unique_by=lambda r: (r[0], r[1]),
    )
)
def test_maddison_fuzz_valid_rows_roundtrip(tmp_path_factory, rows):
    root = tmp_path_factory.mktemp("mpd")
    lines = [MPD_HEADER]
    for code, year, gdppc, pop in rows:
        g = "" if gdppc is None else repr(gdppc)
        p = "" if pop is None else repr(pop)
        lines.append(f"{code},Country {code},Region,{year},{g},{p}\n")
    _write(root, "maddison", "mpd2023.csv", "".join(lines))
    df = maddison.load(root)
    assert len(df) == len(rows)
    exp = {(c, y): (g, p) for c, y, g, p in rows}
    for r in df.itertuples(index=False):
        g, p = exp[(r.iso3, r.year)]
        if g is None or p is None:
            assert np.isnan(r.gdp_musd_2011ppp)
        else:
            assert r.gdp_musd_2011ppp == pytest.approx(g * p / 1000.0, rel=1e-9)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(body=st.binary(max_size=300) | st.text(max_size=300))
def test_maddison_fuzz_arbitrary_content_only_raises_project_errors(tmp_path_factory, body):
    root = tmp_path_factory.mktemp("mpdfuzz")
    content = body if isinstance(body, bytes) else MPD_HEADER + body
    _write(root, "maddison", "mpd2023.csv", content)
    try:
        df = maddison.load(root)
    except (SourceError, SchemaError, WorldsystemError) as err:
        assert "mpd2023.csv" in str(err)
    else:
        assert df["year"].between(1, 2100).all()
        assert not df.duplicated(["iso3", "year"]).any()


# --------------------------------------------------------------------------- pwt


def _pwt_csv(rows: list[dict]) -> str:
    cols = ["countrycode", "country", "currency_unit", "year", *pwt.VARIABLES]
    lines = [",".join(cols)]
    for r in rows:
        lines.append(",".join("" if r.get(c) is None else str(r[c]) for c in cols))
    return "\n".join(lines) + "\n"


PWT_ROWS = [
    {"countrycode": "USA", "country": "United States", "currency_unit": "US Dollar",
     "year": 2017, "rgdpe": 100.0, "pop": 2.0, "pl_gdpo": 1.0, "xr": 1.0, "csh_m": -0.1},
    {"countrycode": "USA", "country": "United States", "currency_unit": "US Dollar",
     "year": 2018},
    {"countrycode": "NAM", "country": "Namibia", "currency_unit": "Namibia Dollar",
     "year": 2017, "rgdpe": 3.0, "pop": 0.5, "xr": 13.3},
]  # fmt: skip


def test_pwt_valid_fixture_gz(tmp_path):
    _write(tmp_path, "pwt", "pwt1001.csv.gz", _pwt_csv(PWT_ROWS))
    df = pwt.load(tmp_path)
    assert list(df.columns[:4]) == ["iso3", "year", "country", "currency_unit"]
    assert len(df.columns) == 4 + 43
    assert len(df) == 3  # the all-empty USA 2018 row is kept (balanced panel)
    assert df.loc[(df.iso3 == "USA") & (df.year == 2017), "pl_gdpo"].item() == 1.0
    assert df.loc[df.iso3 == "NAM", "xr"].item() == 13.3  # "NA" is not read as missing
    assert "1 country-years have no data" in get(df).notes[0]
    assert get_units(df)["rgdpe"] == "millions of 2017 US dollars"


def test_pwt_load_variables(tmp_path):
    _write(
        tmp_path, "pwt", "pwt1001_variables.csv",
        "variable,definition,in_file\nrgdpe,Expenditure-side real GDP,True\ni_xr,flag,False\n",
    )  # fmt: skip
    v = pwt.load_variables(tmp_path)
    assert v["in_file"].tolist() == [True, False]
    assert v["unit"].tolist() == ["millions of 2017 US dollars", ""]


def test_pwt_truncated_gzip(tmp_path):
    path = _write(tmp_path, "pwt", "pwt1001.csv.gz", _pwt_csv(PWT_ROWS * 50))
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 2])
    with pytest.raises(SourceError) as info:
        pwt.load(tmp_path)
    _assert_names(info.value, "pwt1001.csv.gz")
    assert _cache_empty()


def test_pwt_column_order_changed(tmp_path):
    text = _pwt_csv(PWT_ROWS).replace("rgdpe,rgdpo", "rgdpo,rgdpe", 1)
    _write(tmp_path, "pwt", "pwt1001.csv.gz", text)
    with pytest.raises(SchemaError) as info:
        pwt.load(tmp_path)
    _assert_names(info.value, "pwt1001.csv.gz", "field='rgdpo'", "position 4")


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [("pop", -1.0, "-1"), ("xr", "n/a", "'n/a'"), ("year", 1800.5, "1800.5")],
)
def test_pwt_bad_values(tmp_path, field, value, shown):
    rows = [dict(PWT_ROWS[0], **{field: value})]
    _write(tmp_path, "pwt", "pwt1001.csv.gz", _pwt_csv(rows))
    with pytest.raises(SchemaError) as info:
        pwt.load(tmp_path)
    _assert_names(info.value, "pwt1001.csv.gz", f"field='{field}'", shown)


# --------------------------------------------------------------------------- imf_weo

WEO_MAIN = (
    "iso3,year,indicator,value\n"
    "USA,2017,NGDPD,19485.4\nUSA,2018,NGDPD,20494.05\nUSA,2019,NGDPD,21344.67\n"
    "USA,2018,LP,327.352\nNAM,2018,NGDPD,14.5\n"
)
WEO_CONCEPTS = (
    "indicator,subject_descriptor,units,scale,subject_notes\n"
    "NGDPD,GDP current prices,U.S. dollars,Billions,note\n"
    "LP,Population,Persons,Millions,note\n"
)
WEO_COUNTRIES = "iso3,weo_country_code,country\nUSA,111,United States\nNAM,728,Namibia\n"
WEO_NOTES = (
    "iso3,indicator,estimates_start_after,country_series_specific_notes\n"
    'USA,NGDPD,2018,"Source: BEA"\nUSA,LP,2017,x\nNAM,NGDPD,,none\n'
)


def _weo(tmp_path, main=WEO_MAIN, notes=WEO_NOTES):
    _write(tmp_path, "imf_weo", "weo_apr2019.csv.gz", main)
    _write(tmp_path, "imf_weo", "weo_apr2019_concepts.csv", WEO_CONCEPTS)
    _write(tmp_path, "imf_weo", "weo_apr2019_countries.csv", WEO_COUNTRIES)
    _write(tmp_path, "imf_weo", "weo_apr2019_notes.csv.gz", notes)


def test_weo_is_estimate_and_wide(tmp_path):
    _weo(tmp_path)
    df = imf_weo.load(tmp_path)
    est = df.set_index(["iso3", "indicator", "year"])["is_estimate"]
    # USA NGDPD: estimates start after 2018 -> 2017, 2018 actual, 2019 estimate
    assert est[("USA", "NGDPD", 2018)] is np.False_ or est[("USA", "NGDPD", 2018)] == False  # noqa: E712
    assert bool(est[("USA", "NGDPD", 2019)]) is True
    # USA LP: after 2017 -> 2018 is an estimate
    assert bool(est[("USA", "LP", 2018)]) is True
    # NAM: no estimates_start_after -> unknown
    assert pd.isna(est[("NAM", "NGDPD", 2018)])
    w = imf_weo.wide(["NGDPD", "LP"], tmp_path)
    assert list(w.columns) == ["iso3", "year", "ngdpd_busd_current", "lp_mpersons", "is_estimate"]
    usa18 = w[(w.iso3 == "USA") & (w.year == 2018)].iloc[0]
    assert usa18["ngdpd_busd_current"] == 20494.05  # billions, not rescaled
    assert bool(usa18["is_estimate"]) is True  # LP 2018 is an estimate
    assert get_units(w)["ngdpd_busd_current"] == "billions of current US dollars"
    assert get(w).methods[0].name == "imf_weo.wide"
    with pytest.raises(SchemaError) as info:
        imf_weo.wide(["NOPE"], df)
    _assert_names(info.value, "'NOPE'", "field='indicator'")


def test_weo_tables(tmp_path):
    _weo(tmp_path)
    assert imf_weo.load_countries(tmp_path)["weo_country_code"].tolist() == [111, 728]
    assert imf_weo.load_concepts(tmp_path).loc[0, "scale"] == "Billions"
    assert imf_weo.load_notes(tmp_path)["estimates_start_after"].isna().sum() == 1


@pytest.mark.parametrize(
    ("main", "notes", "file", "parts"),
    [
        (WEO_MAIN + "USA,2018,LP,1\n", WEO_NOTES, "weo_apr2019.csv.gz", ["'USA', 2018, 'LP'"]),
        (WEO_MAIN + "USA,2020,LP,n/a\n", WEO_NOTES, "weo_apr2019.csv.gz", ["'value'", "'n/a'"]),
        (WEO_MAIN + "USA,3000,LP,1\n", WEO_NOTES, "weo_apr2019.csv.gz", ["'year'", "3000"]),
        (
            WEO_MAIN,
            WEO_NOTES + "NAM,LP,later,x\n",
            "weo_apr2019_notes.csv.gz",
            ["'estimates_start_after'", "'later'"],
        ),
    ],
)
def test_weo_bad_inputs(tmp_path, main, notes, file, parts):
    _weo(tmp_path, main, notes)
    with pytest.raises(SchemaError) as info:
        imf_weo.load(tmp_path)
    _assert_names(info.value, file, *parts)
    assert _cache_empty()


# --------------------------------------------------------------------------- gapminder

GM_ENT = (
    "country,iso3166_1_alpha2,iso3166_1_alpha3,name\n"
    "usa,US,USA,United States\nnam,NA,NAM,Namibia\nussr,,,USSR\n"
)


def _gm(tmp_path, tiv="geo,time,value\nusa,2020,10024000000\nussr,1980,5\nnam,2020,0\n"):
    _write(tmp_path, "gapminder", "ddf--entities--geo--country.csv", GM_ENT)
    _write(tmp_path, "gapminder", "arms_exports_sipri_tiv.csv", tiv)
    _write(
        tmp_path, "gapminder", "trade_balance_us_not_inflation_adjusted.csv",
        "geo,time,value\nusa,2020,-6.7e11\n",
    )  # fmt: skip


def test_gapminder_valid(tmp_path):
    _gm(tmp_path)
    names = ["arms_exports_sipri_tiv", "trade_balance_us_not_inflation_adjusted"]
    df = gapminder.load(tmp_path, indicators=names)
    assert len(df) == 4
    usa = df[(df.geo == "usa") & (df.indicator == "arms_exports_sipri_tiv")].iloc[0]
    assert usa["iso3"] == "USA" and usa["value"] == 1.0024e10
    assert usa["unit"] == "SIPRI TIV units (not millions)"
    assert df.loc[df.geo == "nam", "iso3"].item() == "NAM"  # alpha-2 'NA' does not matter
    assert pd.isna(df.loc[df.geo == "ussr", "iso3"].item())  # kept, not dropped
    assert "ussr" in get(df).notes[0]
    one = gapminder.load_indicator("arms_exports_sipri_tiv", tmp_path)
    assert get_units(one)["value"] == "SIPRI TIV units (not millions)"
    assert gapminder.load_entities(tmp_path).loc[1, "iso3166_1_alpha2"] == "NA"


@pytest.mark.parametrize(
    ("tiv", "parts", "exc"),
    [
        ("geo,time,value\nusa,2020,-3\n", ["'value'", "-3"], SchemaError),
        ("geo,time,value\nUS A,2020,3\n", ["'geo'", "'US A'"], SchemaError),
        ("geo,time,value\nusa,2200,3\n", ["'time'", "2200"], SchemaError),
        ("geo,year,value\nusa,2020,3\n", ["'time'"], SchemaError),
        ("geo,time,value\nusa,2020,3\nusa,2020,4\n", ["'usa', 2020"], SchemaError),
        ("", [], SourceError),
    ],
)
def test_gapminder_bad_inputs(tmp_path, tiv, parts, exc):
    _gm(tmp_path, tiv)
    with pytest.raises(exc) as info:
        gapminder.load_indicator("arms_exports_sipri_tiv", tmp_path)
    _assert_names(info.value, "arms_exports_sipri_tiv.csv", *parts)
    assert _cache_empty()


def test_gapminder_unknown_indicator(tmp_path):
    with pytest.raises(SchemaError) as info:
        gapminder.load_indicator("gdp_of_atlantis", tmp_path)
    _assert_names(info.value, "'gdp_of_atlantis'")


# --------------------------------------------------------------------------- labour

GGDC_HEAD = "Country,Regioncode,Region,Variable,Year," + ",".join(labour.SECTORS) + "\n"


def _ggdc_row(code, var, year, vals):
    return f"{code},R,Region,{var},{year}," + ",".join("" if v is None else str(v) for v in vals)


def test_labour_ggdc_and_emp(tmp_path):
    rows = [
        _ggdc_row("MOR", "EMP", 2000, [10, 1, 4, None, 1, 1, 1, 1, 1, None, 20]),
        _ggdc_row("MOR", "VA", 2000, [5, 1, 1, 1, 1, 1, 1, -2, 1, 1, 11]),
        _ggdc_row("NGA(alt)", "EMP", 2000, [1] * 10 + [10]),
    ]
    _write(tmp_path, "labour", "10SD_jan15.csv", GGDC_HEAD + "\n".join(rows) + "\n")
    g = labour.load_ggdc(tmp_path)
    # 11 + 11 + 11 cells minus 2 empty cells
    assert len(g) == 31
    assert set(g["iso3"]) == {"MAR", "NGA"}
    assert g.loc[(g.variable == "VA") & (g.sector == "FIRE"), "value"].item() == -2  # VA may be < 0
    emp = labour.load(tmp_path)
    mar = emp[emp.iso3 == "MAR"].iloc[0]
    # agricultural share 10 / 20 = 0.5
    assert mar["emp_agr_thousands"] / mar["emp_sum_thousands"] == 0.5
    assert np.isnan(mar["emp_pu_thousands"])
    assert emp.loc[emp.ggdc_code == "NGA(alt)", "series"].item() == "alt"


@pytest.mark.parametrize(
    ("row", "parts"),
    [
        (_ggdc_row("USA", "EMP", 2000, [-1] + [1] * 10), ["'AGR'", "-1"]),
        (_ggdc_row("USA", "JOBS", 2000, [1] * 11), ["'Variable'", "'JOBS'"]),
        (_ggdc_row("USA", "EMP", 2000, ["x"] + [1] * 10), ["'AGR'", "'x'"]),
    ],
)
def test_labour_ggdc_bad(tmp_path, row, parts):
    _write(tmp_path, "labour", "10SD_jan15.csv", GGDC_HEAD + row + "\n")
    with pytest.raises(SchemaError) as info:
        labour.load_ggdc(tmp_path)
    _assert_names(info.value, "10SD_jan15.csv", *parts)


ILO = (
    "ref_area,indicator,EXIO3,source,sex,time,Workforce (1000),ref_area.label\n"
    "NAM,EMP_2EMP_SEX_ECO_NB,WF,XA:1,SEX_T,2020,800.5,Namibia\n"
    "NAM,EMP_2EMP_SEX_ECO_NB,WF,XA:1,SEX_F,2020,380,Namibia\n"
    "AIA,,WL,,SEX_T,2020,7,Anguilla\n"
)


def test_labour_ilo(tmp_path):
    _write(tmp_path, "labour", "workforce_total_iso3.csv.gz", ILO)
    t = labour.load_ilo(tmp_path)
    assert t[["iso3", "employment_thousands"]].values.tolist() == [["AIA", 7.0], ["NAM", 800.5]]
    assert t["ilo_modelled"].tolist() == [False, True]
    assert len(labour.load_ilo(tmp_path, sex="all")) == 3
    _write(tmp_path, "labour", "workforce_total_iso3.csv.gz", ILO.replace("SEX_F", "SEX_X"))
    with pytest.raises(SchemaError) as info:
        labour.load_ilo(tmp_path)
    _assert_names(info.value, "workforce_total_iso3.csv.gz", "'sex'", "'SEX_X'")


# --------------------------------------------------------------------------- concordance


def test_concordance_tables_keep_na_text(tmp_path):
    _write(
        tmp_path, "countries", "country_codes.csv",
        "country.name.en,iso3c,iso2c,iso3n,cown\nNamibia,NAM,NA,516,565\nKosovo,,XK,,347\n",
    )  # fmt: skip
    _write(
        tmp_path, "countries", "country_codes_panel.csv.gz",
        "country.name.en,year,iso3c,iso2c,iso3n,cown,gwn\nNamibia,1990,NAM,NA,516,565,565\n"
        "Namibia,1989,NAM,NA,516,,\n",
    )  # fmt: skip
    _write(
        tmp_path, "countries", "country_data.tsv",
        "name_short\tISO2\tISO3\tWIOD\nNamibia\tNA\tNAM\tRoW\n",
    )  # fmt: skip
    c = concordance.load(tmp_path)
    assert c.loc[0, "iso2c"] == "NA" and pd.isna(c.loc[1, "iso3c"])
    p = concordance.load_panel(tmp_path)
    assert p["year"].dtype == "int64" and p.loc[0, "cown"] == "565" and pd.isna(p.loc[1, "cown"])
    assert concordance.load_coco(tmp_path).loc[0, "ISO2"] == "NA"
    _write(tmp_path, "countries", "country_data.tsv", "name_short,ISO2,ISO3,WIOD\nA,B,C,D\n")
    with pytest.raises(SchemaError) as info:
        concordance.load_coco(tmp_path)
    _assert_names(info.value, "country_data.tsv")


# --------------------------------------------------------------------------- maps

TOPO = {
    "type": "Topology",
    "arcs": [[[0, 0], [1, 1]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0]], "id": "840", "properties": {"name": "USA"}},
                {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Kosovo"}},
                {"type": "Polygon", "arcs": [[0]], "id": "840", "properties": {"name": "x"}},
            ],
        },
        "land": {"type": "GeometryCollection", "geometries": []},
    },
}


def test_maps_valid_and_ids(tmp_path):
    _write(tmp_path, "maps", "countries-110m.json", json.dumps(TOPO))
    assert maps.load(data=tmp_path)["type"] == "Topology"
    assert maps.feature_ids(data=tmp_path) == ["840"]


@pytest.mark.parametrize(
    ("content", "exc", "parts"),
    [
        (json.dumps({**TOPO, "objects": {"land": {}}}), SchemaError, ["objects.countries"]),
        (json.dumps(TOPO).replace('"840"', '"84"', 1), SchemaError, ["geometries.id", "'84'"]),
        (json.dumps(TOPO)[:40], SourceError, ["not valid JSON"]),
        ("", SourceError, ["empty"]),
        (b"\xff\xfe{}", SourceError, ["UTF-8"]),
    ],
)
def test_maps_bad(tmp_path, content, exc, parts):
    _write(tmp_path, "maps", "countries-110m.json", content)
    with pytest.raises(exc) as info:
        maps.load(data=tmp_path)
    _assert_names(info.value, "countries-110m.json", *parts)
