"""More producers' files read by content: MID 5, WEO, OWID nuclear, Gapminder DDF,
GGDC 10-sector, SIPRI TIV export tables.

Each fixture is hand-written in the producer's layout (a few rows) next to the
equivalent tidy layout; the loader must return the same frame for both.
Malformed official files raise one error naming the file (``archive!member`` /
``book [sheet]``), the field and the value.
"""

from __future__ import annotations

import gzip
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from worldsystem.core.errors import SchemaError
from worldsystem.core.provenance import get
from worldsystem.sources import cow_mid, gapminder, imf_weo, labour, nuclear, sipri_tiv


def _write(root: Path, source: str, name: str, content: str | bytes) -> Path:
    path = root / source / name
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _same(official: pd.DataFrame, tidy: pd.DataFrame, name: str) -> None:
    pd.testing.assert_frame_equal(official, tidy, check_exact=True)
    assert any(name in n for n in get(official).notes), get(official).notes


# --------------------------------------------------------------------------- COW MID 5

_MIDA_TIDY = (
    "dispnum,stmon,styear,outcome,settle,fatality,maxdur,mindur,hiact,hostlev,recip\n"
    "2,7,1902,4,3,0,37,37,7,3,0\n"
    "3,10,1913,4,3,-9,-9,-9,7,3,1\n"
)
# MIDA 5.0 as COW distributes it: all dispute columns, codes as in the codebook
_MIDA_OFFICIAL = (
    "dispnum,stday,stmon,styear,endday,endmon,endyear,outcome,settle,fatality,fatalpre,"
    "maxdur,mindur,hiact,hostlev,recip,numa,numb,link1,link2,link3,ongo2014,version\n"
    "2,10,7,1902,15,8,1902,4,3,0,0,37,37,7,3,0,1,1,0,0,0,0,5\n"
    "3,2,10,1913,-9,-9,1913,4,3,-9,-9,-9,-9,7,3,1,1,1,0,0,0,0,5\n"
)


def test_mida_in_the_mid5_zip_equals_tidy(tmp_path):
    tidy = tmp_path / "tidy"
    _write(tidy, "cow_mid", "MIDA_5.0_abridged.csv", _MIDA_TIDY)
    off = tmp_path / "off"
    (off / "cow_mid").mkdir(parents=True)
    with zipfile.ZipFile(off / "cow_mid" / "MID-5-Data-and-Supporting-Materials.zip", "w") as zf:
        zf.writestr("MIDA 5.0.csv", _MIDA_OFFICIAL)
        zf.writestr("MIDB 5.0.csv", "dispnum,stabb,ccode,styear,sidea\n2,USA,2,1902,1\n")
    _same(cow_mid.load(off), cow_mid.load(tidy), "MID-5-Data-and-Supporting-Materials.zip!MIDA")
    # as fetched: the unzipped member
    alone = tmp_path / "alone"
    _write(alone, "cow_mid", "MIDA 5.0.csv", _MIDA_OFFICIAL)
    _same(cow_mid.load(alone), cow_mid.load(tidy), "MIDA 5.0.csv")


def test_mida_official_bad_code_names_member(tmp_path):
    bad = _MIDA_OFFICIAL.replace("1902,4,3,0,0", "1902,four,3,0,0")
    (tmp_path / "cow_mid").mkdir()
    with zipfile.ZipFile(
        tmp_path / "cow_mid" / "MID-5-Data-and-Supporting-Materials.zip", "w"
    ) as zf:
        zf.writestr("MIDA 5.0.csv", bad)
    with pytest.raises(SchemaError) as err:
        cow_mid.load(tmp_path)
    msg = str(err.value)
    assert "MID-5-Data-and-Supporting-Materials.zip!MIDA 5.0.csv" in msg
    assert "outcome" in msg and "four" in msg


# --------------------------------------------------------------------------- IMF WEO

_WEO_YEARS = ("1980", "1981", "1982")


def _weo_text(rows: list[list[str]]) -> str:
    head = [
        "WEO Country Code", "ISO", "WEO Subject Code", "Country", "Subject Descriptor",
        "Subject Notes", "Units", "Scale", "Country/Series-specific Notes",
        *_WEO_YEARS, "Estimates Start After",
    ]  # fmt: skip
    lines = ["\t".join(head)] + ["\t".join(r) for r in rows]
    # the IMF file ends with a blank line and a one-cell footer
    return "\r\n".join([*lines, "", "International Monetary Fund, World Economic Outlook "
                        "Database, April 2019", ""])  # fmt: skip


_WEO_ROWS = [
    ["512", "AFG", "NGDPD", "Afghanistan", "Gross domestic product, current prices",
     "Values are based upon GDP.", "U.S. dollars", "Billions", "See notes for: GDP.",
     "n/a", "3.5", "4.25", "1981"],
    ["512", "AFG", "LP", "Afghanistan", "Population", "For census purposes.", "Persons",
     "Millions", "Source: CSO", "13.1", "--", "13.356", "0"],
    ["662", "CIV", "NGDPD", "C\u00f4te d'Ivoire", "Gross domestic product, current prices",
     "Values are based upon GDP.", "U.S. dollars", "Billions", "",
     "1,234.5", "0.25", "n/a", "n/a"],  # GDP is never negative (core.layouts)
    ["662", "CIV", "LP", "C\u00f4te d'Ivoire", "Population", "For census purposes.",
     "Persons", "Millions", "", "8.2", "8.5", "8.8", "2017"],
]  # fmt: skip


def _weo_tidy(root: Path) -> Path:
    _write(root, "imf_weo", "weo_apr2019.csv.gz",
           "iso3,year,indicator,value\n"
           "AFG,1981,NGDPD,3.5\nAFG,1982,NGDPD,4.25\nAFG,1980,LP,13.1\nAFG,1982,LP,13.356\n"
           "CIV,1980,NGDPD,1234.5\nCIV,1981,NGDPD,0.25\n"
           "CIV,1980,LP,8.2\nCIV,1981,LP,8.5\nCIV,1982,LP,8.8\n")  # fmt: skip
    _write(root, "imf_weo", "weo_apr2019_concepts.csv",
           "indicator,subject_descriptor,units,scale,subject_notes\n"
           "LP,Population,Persons,Millions,For census purposes.\n"
           "NGDPD,\"Gross domestic product, current prices\",U.S. dollars,Billions,"
           "Values are based upon GDP.\n")  # fmt: skip
    _write(
        root,
        "imf_weo",
        "weo_apr2019_countries.csv",
        "iso3,weo_country_code,country\nAFG,512,Afghanistan\nCIV,662,C\u00f4te d'Ivoire\n",
    )
    _write(root, "imf_weo", "weo_apr2019_notes.csv.gz",
           "iso3,indicator,estimates_start_after,country_series_specific_notes\n"
           "AFG,NGDPD,1981,See notes for: GDP.\nAFG,LP,0,Source: CSO\n"
           "CIV,NGDPD,,\nCIV,LP,2017,\n")  # fmt: skip
    return root


@pytest.mark.parametrize("encoding", ["latin-1", "utf-16", "utf-8"])
def test_weo_xls_text_equals_the_four_tidy_tables(tmp_path, encoding):
    tidy = _weo_tidy(tmp_path / "tidy")
    off = tmp_path / "off"
    _write(off, "imf_weo", "WEOApr2019all.xls", _weo_text(_WEO_ROWS).encode(encoding))
    for fn in (imf_weo.load, imf_weo.load_concepts, imf_weo.load_countries, imf_weo.load_notes):
        _same(fn(off), fn(tidy), "WEOApr2019all.xls")
    w = imf_weo.wide(["NGDPD"], off)
    assert w.loc[w.iso3 == "CIV", "ngdpd_busd_current"].tolist() == [1234.5, 0.25]


def test_weo_text_value_names_file_year_and_value(tmp_path):
    rows = [r.copy() for r in _WEO_ROWS]
    rows[1][10] = "12.x"
    _write(tmp_path, "imf_weo", "WEOApr2019all.xls", _weo_text(rows).encode("latin-1"))
    with pytest.raises(SchemaError) as err:
        imf_weo.load(tmp_path)
    msg = str(err.value)
    assert "WEOApr2019all.xls" in msg and "1981" in msg and "12.x" in msg


def test_weo_text_without_subject_code_column(tmp_path):
    text = _weo_text(_WEO_ROWS).replace("WEO Subject Code", "Subject")
    _write(tmp_path, "imf_weo", "WEOApr2019all.xls", text)
    with pytest.raises(SchemaError, match="WEO Subject Code"):
        imf_weo.load_concepts(tmp_path)


# --------------------------------------------------------------------------- OWID nuclear


def test_nuclear_owid_files_equal_tidy(tmp_path):
    tidy = tmp_path / "tidy"
    _write(tidy, "nuclear", "warhead_stockpiles.csv",
           "country,year,warheads\nUnited States,1945,2\nRussia,1949,1\n")  # fmt: skip
    status = (
        "{},year,nuclear_weapons_status,nuclear_weapons_consideration,"
        "nuclear_weapons_pursuit,nuclear_weapons_possession\n"
        "Abkhazia,1938,0,0,0,0\nFrance,1960,3,0,0,1\n"
    )
    _write(tidy, "nuclear", "nuclear_weapons_status.csv", status.format("country"))
    off = tmp_path / "off"
    _write(
        off,
        "nuclear",
        "Nuclear warhead stockpiles \u2013 Bulletin of the Atomic Scientists.csv",
        "Entity,Year,Stockpiled nuclear warheads\nUnited States,1945,2\nRussia,1949,1\n",
    )
    _write(off, "nuclear", "Nuclear weapons proliferation \u2013 OWID based on Bleek (2017), "
           "Nuclear Threat Initiative (2022).csv",
           status.format("Entity").replace(",year,", ",Year,"))  # fmt: skip
    _same(nuclear.load(off), nuclear.load(tidy), "Nuclear warhead stockpiles")
    _same(nuclear.load_status(off), nuclear.load_status(tidy), "Nuclear weapons proliferation")


def test_nuclear_owid_file_without_warheads_column(tmp_path):
    _write(tmp_path, "nuclear", "Nuclear warhead stockpiles (OWID).csv",
           "Entity,Year,Warheads\nUnited States,1945,2\n")  # fmt: skip
    with pytest.raises(SchemaError) as err:
        nuclear.load(tmp_path)
    assert "Nuclear warhead stockpiles (OWID).csv" in str(err.value)
    assert "warheads" in str(err.value)


# --------------------------------------------------------------------------- Gapminder DDF

_ENTITIES = (
    "country,name,iso3166_1_alpha2,iso3166_1_alpha3\n"
    "nam,Namibia,NA,NAM\nswe,Sweden,SE,SWE\nussr,USSR,,\n"
)


def test_gapminder_ddf_files_equal_tidy(tmp_path):
    tidy = tmp_path / "tidy"
    off = tmp_path / "off"
    for root in (tidy, off):
        _write(root, "gapminder", "ddf--entities--geo--country.csv", _ENTITIES)
    points = "geo,time,{}\nnam,1990,1.5\nswe,1990,2.25\nussr,1985,3\n"
    k = "military_expenditure_percent_of_gdp"
    _write(tidy, "gapminder", f"{k}.csv", points.format("value"))
    _write(off, "gapminder", f"ddf--datapoints--{k}--by--geo--time.csv", points.format(k))
    _write(
        tidy,
        "gapminder",
        "indicators.csv",
        "indicator,name,description,format,source,source_url\n"
        f"{k},Military expenditure,Share of GDP.,,WDI,https://data.worldbank.org\n",
    )
    _write(off, "gapminder", "ddf--concepts.csv",
           "concept,concept_type,name,description,source,source_url,tags\n"
           "geo,entity_domain,Geo,,,,\n"
           f"{k},measure,Military expenditure,Share of GDP.,WDI,https://data.worldbank.org,"
           "war_peace\n")  # fmt: skip
    got = gapminder.load(off, indicators=[k])
    _same(got, gapminder.load(tidy, indicators=[k]), f"ddf--datapoints--{k}--by--geo--time.csv")
    assert got["value"].tolist() == [1.5, 2.25, 3.0]
    _same(gapminder.load_definitions(off), gapminder.load_definitions(tidy), "ddf--concepts.csv")


def test_gapminder_ddf_text_value_names_file(tmp_path):
    k = "exports_percent_of_gdp"
    _write(tmp_path, "gapminder", "ddf--entities--geo--country.csv", _ENTITIES)
    _write(tmp_path, "gapminder", f"ddf--datapoints--{k}--by--geo--time.csv",
           f"geo,time,{k}\nswe,1990,lots\n")  # fmt: skip
    with pytest.raises(SchemaError) as err:
        gapminder.load(tmp_path, indicators=[k])
    msg = str(err.value)
    assert f"ddf--datapoints--{k}--by--geo--time.csv" in msg and "lots" in msg


# --------------------------------------------------------------------------- GGDC 10-sector

_SECTOR_WORDS = (
    "Agriculture ", "Mining", "Manufacturing", "Utilities", "Construction",
    "Trade, restaurants and hotels", "Transport, storage and communication",
    "Finance, insurance, real estate and business services", "Government services",
    "Community, social and personal services", "Summation of sector GDP",
)  # fmt: skip
_GGDC_ROWS = [
    ["BWA", "SSA", "Sub-saharan Africa", "VA", 1964,
     16.5, 3.5, 0.75, 0.125, 0.5, 6.25, 1.5, 1.125, 4.75, 2.25, 37.25],
    ["ARG", "LAM", "Latin America", "EMP", 1950,
     1800.0, 20.0, 1200.0, 30.0, 300.0, 900.0, 400.0, 150.0, 700.0,
     "incl in gov. services", 5500.0],
]  # fmt: skip


def _ggdc_csv(rows) -> str:
    lines = ["Country,Regioncode,Region,Variable,Year,AGR,MIN,MAN,PU,CON,WRT,TRA,FIRE,GOV,OTH,SUM"]
    for r in rows:
        cells = ["" if isinstance(v, str) and v.startswith("incl") else str(v) for v in r]
        lines.append(",".join(cells))
    return "\n".join(lines) + "\n"


def _ggdc_book(path: Path, rows) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.title = "notes"
    wb.active.append(["GGDC 10-Sector Database, January 2015"])
    ws = wb.create_sheet("dataset")
    ws.append(["Country", "Region code", "Region", "Variable", "Year", *_SECTOR_WORDS])
    for r in rows:
        ws.append(r)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def test_ggdc_workbook_and_stata_equal_tidy(tmp_path):
    tidy = tmp_path / "tidy"
    _write(tidy, "labour", "10SD_jan15.csv", _ggdc_csv(_GGDC_ROWS))
    book = tmp_path / "book"
    _ggdc_book(book / "labour" / "10sd_jan15_2014.xlsx", _GGDC_ROWS)
    want = labour.load_ggdc(tidy)
    _same(labour.load_ggdc(book), want, "10sd_jan15_2014.xlsx [sheet 'dataset']")
    # the Stata file of the GGDC zip has the CSV's columns
    raw = pd.read_csv(tidy / "labour" / "10SD_jan15.csv")
    dta = tmp_path / "dta"
    (dta / "labour").mkdir(parents=True)
    raw.to_stata(tmp_path / "10SD_jan15.dta", write_index=False, version=118)
    with zipfile.ZipFile(dta / "labour" / "10sd_jan15_2014.zip", "w") as zf:
        zf.write(tmp_path / "10SD_jan15.dta", "10SD_jan15.dta")
        zf.writestr("readme10s.txt", "Readme for dta file of GGDC 10-Sector database\n")
    _same(labour.load_ggdc(dta), want, "10sd_jan15_2014.zip!10SD_jan15.dta")


def test_ggdc_workbook_unknown_text_names_sheet_field_value(tmp_path):
    rows = [r.copy() for r in _GGDC_ROWS]
    rows[0][7] = "see notes"
    _ggdc_book(tmp_path / "labour" / "10sd_jan15_2014.xlsx", rows)
    with pytest.raises(SchemaError) as err:
        labour.load_ggdc(tmp_path)
    msg = str(err.value)
    assert "10sd_jan15_2014.xlsx [sheet 'dataset']" in msg
    assert "MAN" in msg and "see notes" in msg


# --------------------------------------------------------------------------- SIPRI TIV

_YEARS = list(range(1950, 1955))


def _n(cell: str) -> int:
    return int(cell) if cell.isdigit() else 0


def _tiv_table(supplier: str, rows: list[tuple[str, list[str]]]) -> str:
    width = len(_YEARS) + 2
    pad = "," * (width - 1)
    title = [
        f'"TIV of arms exports from {supplier}, 1950-1954"{pad}',
        f"Figures are SIPRI Trend Indicator Values (TIVs) expressed in millions.{pad}",
        f"A '0' indicates that the value of deliveries is less than 0.5m{pad}",
        pad,
        f"Source: SIPRI Arms Transfers Database{pad}",
        f"Generated: 28 July 2022{pad}",
        pad,
        "," + ",".join(map(str, _YEARS)) + ",Total",
    ]
    body = []
    for name, cells in rows:
        total = sum(_n(c) for c in cells)
        body.append(",".join([name, *cells, str(total)]))
    totals = [str(sum(_n(r[1][i]) for r in rows)) if any(r[1][i] for r in rows)
              else "" for i in range(len(_YEARS))]  # fmt: skip
    return "\n".join([*title, *body, pad, ",".join(["Total", *totals, ""])]) + "\n"


_TIV_TIDY = (
    "supplier,recipient,year,tiv,supplier_ccode,recipient_ccode,supplier_type,recipient_type\n"
    "Germany,Israel,1952,3,260,666,state,state\n"
    "Germany,NATO**,1954,0,260,,state,organisation\n"
    "Germany,Western Sahara,1950,1,260,,state,state\n"
    "Soviet Union,Unknown rebel group*,1953,12,365,,state,unknown\n"
    "Soviet Union,Viet Minh (France)*,1951,4,365,,state,nonstate\n"
    "Soviet Union,Viet Minh (France)*,1952,7,365,,state,nonstate\n"
)


def _tiv_raw(root: Path, bad: str | None = None) -> Path:
    raw = root / "sipri_tiv" / "raw"
    raw.mkdir(parents=True)
    (raw / "TIV-Export-FRG-1950-1954.csv").write_text(_tiv_table("Germany", [
        ("Israel", ["", "", "3", "", ""]),
        ("NATO**", ["", "", "", "", "0"]),
        ("Western Sahara", ["1", "", "", "", ""]),
    ]))  # fmt: skip
    (raw / "TIV-Export-USR-1950-1954.csv").write_text(_tiv_table("Soviet Union", [
        ("Unknown rebel group*", ["", "", "", "12", ""]),
        ("Viet Minh (France)*", ["", "4", bad or "7", "", ""]),
    ]))  # fmt: skip
    return root


def test_sipri_export_tables_equal_the_bilateral_csv(tmp_path):
    tidy = tmp_path / "tidy"
    _write(tidy, "sipri_tiv", "sipri_tiv_bilateral_1950_2021.csv", _TIV_TIDY)
    want = sipri_tiv.load(tidy)
    got = sipri_tiv.load(_tiv_raw(tmp_path / "raw"))
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert any("2 SIPRI 'TIV of arms exports' tables" in n for n in get(got).notes)
    # Germany before unification is the FRG (260 -> DEU)
    assert set(got.loc[got.supplier == "Germany", "ccode_o"]) == {260}
    assert set(got.loc[got.supplier == "Germany", "iso3_o"]) == {"DEU"}


def test_sipri_export_table_bad_cell_names_file_year_value(tmp_path):
    root = _tiv_raw(tmp_path, bad="7a")
    with pytest.raises(SchemaError) as err:
        sipri_tiv.load(root)
    msg = str(err.value)
    assert "TIV-Export-USR-1950-1954.csv" in msg and "1952" in msg and "7a" in msg


def test_sipri_export_table_without_title(tmp_path):
    raw = tmp_path / "sipri_tiv" / "raw"
    raw.mkdir(parents=True)
    (raw / "TIV-Export-XXX-1950-2021.csv").write_text("supplier,recipient,year\nA,B,1950\n")
    with pytest.raises(SchemaError) as err:
        sipri_tiv.load(tmp_path)
    assert "TIV-Export-XXX-1950-2021.csv" in str(err.value)
    assert "title" in str(err.value)


# --------------------------------------------------------------------------- UN votes

_UNVOTES_CSV = (
    ",rcid,ccode,member,vote,Country,Countryname,session,abstain,yes,no,importantvote,date,"
    "unres,amend,para,short,descr,me,nu,di,hr,co,ec\n"
    "1,3,2,1,1,USA,United States of America,1,4,29,18,0,1946-01-01,R/1/66,1,0,AMENDMENTS,"
    '"TO ADOPT A CUBAN AMENDMENT",0,0,0,0,0,0\n'
    "2,3,365,1,3,RUS,Russia,1,4,29,18,0,1946-01-01,R/1/66,1,0,AMENDMENTS,"
    '"TO ADOPT A CUBAN AMENDMENT",0,0,0,0,0,0\n'
    "3,3,20,1,8,CAN,Canada,1,4,29,18,0,1946-01-01,R/1/66,1,0,AMENDMENTS,"
    '"TO ADOPT A CUBAN AMENDMENT",0,0,0,0,0,0\n'
    "4,3,265,0,9,GDR,German Democratic Republic,1,4,29,18,0,1946-01-01,R/1/66,1,0,"
    'AMENDMENTS,"TO ADOPT A CUBAN AMENDMENT",0,0,0,0,0,0\n'
    "5,4208,265,1,2,GDR,German Democratic Republic,28,10,100,5,0,1973-11-30,R/28/3068,0,0,"
    'APARTHEID,"APARTHEID CONVENTION",0,0,0,1,1,0\n'
    "6,4208,2,1,3,USA,United States of America,28,10,100,5,0,1973-11-30,R/28/3068,0,0,"
    'APARTHEID,"APARTHEID CONVENTION",0,0,0,1,1,0\n'
)


def _unvotes_tidy(root: Path) -> Path:
    _write(
        root,
        "unvotes",
        "un_votes.csv.gz",
        "rcid,country,country_code,vote\n3,United States of America,US,yes\n3,Russia,RU,no\n"
        "4208,German Democratic Republic,DD,abstain\n4208,United States of America,US,no\n",
    )
    _write(
        root,
        "unvotes",
        "un_roll_calls.csv",
        "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
        "3,1,0,1946-01-01,R/1/66,1,0,AMENDMENTS,TO ADOPT A CUBAN AMENDMENT\n"
        "4208,28,0,1973-11-30,R/28/3068,0,0,APARTHEID,APARTHEID CONVENTION\n",
    )
    _write(
        root,
        "unvotes",
        "un_roll_call_issues.csv",
        "rcid,short_name,issue\n4208,co,Colonialism\n4208,hr,Human rights\n",
    )
    return root  # fmt: skip


def test_voeten_unvotes_csv_in_the_dataverse_zip_equals_tidy(tmp_path):
    from worldsystem.sources import unvotes

    tidy = _unvotes_tidy(tmp_path / "tidy")
    off = tmp_path / "off"
    (off / "unvotes").mkdir(parents=True)
    with zipfile.ZipFile(off / "unvotes" / "dataverse_hdl-1902.1-12379.zip", "w") as zf:
        zf.writestr("MANIFEST.TXT", "UNVotes.csv\n")
        zf.writestr("UNVotes.csv", _UNVOTES_CSV)
    for fn in (unvotes.load, unvotes.load_roll_calls, unvotes.load_issues):
        got, want = fn(off), fn(tidy)
        pd.testing.assert_frame_equal(got, want, check_exact=True, check_categorical=False)
        assert any("dataverse_hdl-1902.1-12379.zip!UNVotes.csv" in n for n in get(got).notes)
    got = unvotes.load(off)
    assert got["iso3"].tolist() == ["USA", "RUS", "DDR", "USA"]  # GDR's project code


def test_voeten_raw_tab_without_names_and_bad_vote_code(tmp_path):
    from worldsystem.sources import unvotes

    _write(tmp_path, "unvotes", "RawVotingdata.tab",
           "rcid\tsession\tvote\tccode\n3\t1\t1\t2\n3\t1\t9\t265\n3\t1\t2\t365\n")  # fmt: skip
    got = unvotes.load(tmp_path)
    assert got["country"].astype(str).tolist() == ["United States", "Russia"]
    assert got["vote"].astype(str).tolist() == ["yes", "abstain"]
    _write(tmp_path, "unvotes", "RawVotingdata.tab", "rcid\tsession\tvote\tccode\n3\t1\t4\t2\n")
    with pytest.raises(SchemaError) as err:
        unvotes.load(tmp_path)
    msg = str(err.value)
    assert "RawVotingdata.tab" in msg and "vote" in msg and "4" in msg


# --------------------------------------------------------------------------- COW wars

_WAR_HEAD = (
    "WarNum,WarName,WarType,ccode,StateName,Side,StartMonth1,StartDay1,StartYear1,EndMonth1,"
    "EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,TransFrom,"
    "WhereFought,Initiator,Outcome,TransTo,BatDeath,Version"
)
_WAR_ROWS = [
    # one-year war
    "1,Franco-Spanish,1,220,France,1,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,2,1,1,-8,400,4",
    "1,Franco-Spanish,1,230,Spain,2,4,7,1823,11,13,1823,-8,-8,-8,-8,-8,-8,-8,2,2,2,-8,600,4",
    # three years; a latecomer on side 1 overlaps side 2 in 1847 only
    "7,Mexican-American,1,2,United States,1,5,12,1846,2,12,1848,-8,-8,-8,-8,-8,-8,-8,1,1,1,-8,"
    "19283,4",
    "7,Mexican-American,1,70,Mexico,2,4,25,1846,2,2,1848,-8,-8,-8,-8,-8,-8,-8,1,2,2,-8,-9,4",
    "7,Mexican-American,1,200,United Kingdom,1,6,1,1847,12,31,1847,-8,-8,-8,-8,-8,-8,-8,1,2,1,"
    "-8,10,4",
    # combat resumed in a second episode
    "10,Austro-Sardinian,1,300,Austria,1,3,24,1848,8,9,1848,3,20,1849,3,24,1849,-8,2,2,1,-8,3927,4",
    "10,Austro-Sardinian,1,325,Italy,2,3,24,1848,8,9,1848,3,20,1849,3,24,1849,-8,2,1,2,-8,3400,4",
]
_WAR_TIDY = """warnum,ccode1,ccode2,year,cowinterongoing,cowinteronset,sidea1,sidea2,initiator1,\
initiator2,outcome1,outcome2,batdeath1,batdeath2,resume
1,220,230,1823,1,1,1,2,1,0,1,2,400,600,0
1,230,220,1823,1,1,2,1,0,1,2,1,600,400,0
7,2,70,1846,1,1,1,2,1,0,1,2,19283,-9,0
7,2,70,1847,1,0,1,2,1,0,1,2,19283,-9,0
7,2,70,1848,1,0,1,2,1,0,1,2,19283,-9,0
7,70,2,1846,1,1,2,1,0,1,2,1,-9,19283,0
7,70,2,1847,1,0,2,1,0,1,2,1,-9,19283,0
7,70,2,1848,1,0,2,1,0,1,2,1,-9,19283,0
7,70,200,1847,1,1,2,1,0,0,2,1,-9,10,0
7,200,70,1847,1,1,1,2,0,0,1,2,10,-9,0
10,300,325,1848,1,1,1,2,0,1,1,2,3927,3400,0
10,325,300,1848,1,1,2,1,1,0,2,1,3400,3927,0
10,300,325,1849,1,1,1,2,0,1,,,3927,3400,1
10,325,300,1849,1,1,2,1,1,0,,,3400,3927,1
"""


def test_cow_inter_state_participants_give_the_dyad_years(tmp_path):
    from worldsystem.sources import cow_war

    tidy = tmp_path / "tidy"
    _write(tidy, "cow_war", "cow_war_inter.csv", _WAR_TIDY)
    off = tmp_path / "off"
    # COW's file ends its lines with a bare carriage return
    _write(off, "cow_war", "Inter-StateWarData_v4.0.csv", "\r".join([_WAR_HEAD, *_WAR_ROWS]) + "\r")
    _same(cow_war.load(off), cow_war.load(tidy), "Inter-StateWarData_v4.0.csv")


def test_cow_inter_state_bad_date_names_field_and_war(tmp_path):
    from worldsystem.sources import cow_war

    rows = [*_WAR_ROWS]
    rows[0] = rows[0].replace(",4,7,1823,", ",4,-9,1823,", 1)
    _write(tmp_path, "cow_war", "Inter-StateWarData_v4.0.csv", "\n".join([_WAR_HEAD, *rows]))
    with pytest.raises(SchemaError) as err:
        cow_war.load(tmp_path)
    msg = str(err.value)
    assert "Inter-StateWarData_v4.0.csv" in msg and "StartDay1" in msg and "WarNum 1" in msg


_INTRA_HEAD = (
    "WarNum,WarName,WarType,CcodeA,SideA,CcodeB,SideB,Intnl,StartMonth1,StartDay1,StartYear1,"
    "EndMonth1,EndDay1,EndYear1,StartMonth2,StartDay2,StartYear2,EndMonth2,EndDay2,EndYear2,"
    "Initiator,Outcome,SideADeaths,SideBDeaths,Version"
)
_INTRA_ROWS = [
    "500,First Caucasus,5,365,Russia,-8,Georgians,0,1,1,1818,12,31,1819,-8,-8,-8,-8,-8,-8,"
    "Russia,1,5000,6000,4.1",
    "510,Test Revolt,4,200,United Kingdom,-8,Rebels,0,3,1,1820,5,1,1820,6,1,1822,7,1,1822,"
    "Rebels,2,100,-9,4.1",
    "585,Yellow Cliff Revolt,4,710,China,-8,Yellow Cliff,0,1,1,1865,,,,-8,-8,-8,-8,-8,-8,"
    "China,1,-9,-9,4.1",
    "600,Not a civil war,6,-8,Tribe A,-8,Tribe B,0,1,1,1900,1,1,1901,-8,-8,-8,-8,-8,-8,"
    "Tribe A,1,-9,-9,4.1",
    "700,Ongoing,4,2,United States,-8,X,1,1,1,2006,-7,-7,-7,-8,-8,-8,-8,-8,-8,X,7,-9,-9,4.1",
]
_INTRA_TIDY = """warnum,warname,wartype,year,cowintraonset,cowintraongoing,resume_combat,\
primary_state,ccodea,sidea,ccodeb,sideb,intnl,outcome,sideadeaths,sidebdeaths,ongo2007
500,First Caucasus,local issues,1818,1,1,0,1,365,Russia,-8,Georgians,0,1,5000,6000,0
500,First Caucasus,local issues,1819,0,1,0,1,365,Russia,-8,Georgians,0,1,5000,6000,0
510,Test Revolt,central control,1820,1,1,0,1,200,United Kingdom,-8,Rebels,0,2,100,-9,0
510,Test Revolt,central control,1822,1,1,1,1,200,United Kingdom,-8,Rebels,0,2,100,-9,0
585,Yellow Cliff Revolt,central control,1865,1,1,0,1,710,China,-8,Yellow Cliff,0,1,-9,-9,0
585,Yellow Cliff Revolt,central control,1866,0,1,0,1,710,China,-8,Yellow Cliff,0,1,-9,-9,0
700,Ongoing,central control,2006,1,1,0,1,2,United States,-8,X,1,7,-9,-9,1
700,Ongoing,central control,2007,0,1,0,1,2,United States,-8,X,1,7,-9,-9,1
"""


def test_cow_intra_state_file_gives_the_war_years(tmp_path):
    from worldsystem.sources import cow_war

    tidy = tmp_path / "tidy"
    _write(tidy, "cow_war", "cow_war_intra.csv", _INTRA_TIDY)
    off = tmp_path / "off"
    _write(off, "cow_war", "Intra-StateWarData_v4.1.csv", "\n".join([_INTRA_HEAD, *_INTRA_ROWS]))
    got = cow_war.load_intra(off)
    pd.testing.assert_frame_equal(got, cow_war.load_intra(tidy), check_exact=True)
    notes = get(got).notes
    assert any("Intra-StateWarData_v4.1.csv" in n for n in notes)
    assert any("1866" in n for n in notes)


_MIDB = """dispnum,stabb,ccode,stday,stmon,styear,endday,endmon,endyear,sidea,revstate,revtype1,\
revtype2,fatality,fatalpre,hiact,hostlev,orig,version
2,USA,2,-9,7,1902,24,1,1903,1,1,1,0,0,0,7,3,1,5
2,AUH,300,-9,7,1902,24,1,1903,0,0,0,0,0,0,0,1,1,5
3,UKG,200,2,10,1913,5,10,1913,1,0,0,0,-9,-9,7,3,1,5
3,FRN,220,2,10,1913,31,12,1913,1,0,0,0,0,0,7,3,1,5
3,RUS,365,1,11,1913,-9,1,1914,0,0,0,0,1,10,14,4,0,5
3,RUS,365,1,3,1916,5,3,1916,0,0,0,0,1,10,15,4,0,5
3,FRN,220,1,1,1916,31,12,1916,1,0,0,0,0,0,10,3,1,5
"""
# by hand: 2-300 overlap 1902-07-01 .. 1903-01-24; 200 leaves before 365 joins;
# 220-365 overlap in 1913 and again in 1916 (a new onset after the gap)
_DIRDISPS = """dispnum,ccode1,ccode2,year,dispongoing,disponset,sidea1,sidea2,fatality1,\
fatality2,fatalpre1,fatalpre2,hiact1,hiact2,hostlev1,hostlev2,orig1,orig2
2,2,300,1902,1,1,1,0,0,0,0,0,7,0,3,1,1,1
2,2,300,1903,1,0,1,0,0,0,0,0,7,0,3,1,1,1
2,300,2,1902,1,1,0,1,0,0,0,0,0,7,1,3,1,1
2,300,2,1903,1,0,0,1,0,0,0,0,0,7,1,3,1,1
3,220,365,1913,1,1,1,0,0,1,0,10,7,14,3,4,1,0
3,220,365,1916,1,1,1,0,0,1,0,10,10,15,3,4,1,0
3,365,220,1913,1,1,0,1,1,0,10,0,14,7,4,3,0,1
3,365,220,1916,1,1,0,1,1,0,10,0,15,10,4,3,0,1
"""


def test_midb_participants_give_the_directed_dispute_years(tmp_path):
    tidy = tmp_path / "tidy"
    _write(tidy, "cow_mid", "cow_mid_dirdisps.csv", _DIRDISPS)
    off = tmp_path / "off"
    (off / "cow_mid").mkdir(parents=True)
    with zipfile.ZipFile(off / "cow_mid" / "MID-5-Data-and-Supporting-Materials.zip", "w") as zf:
        zf.writestr("MIDA 5.0.csv", _MIDA_OFFICIAL)
        zf.writestr("MIDB 5.0.csv", _MIDB)
    got = cow_mid.load_dyadic(off)
    pd.testing.assert_frame_equal(got, cow_mid.load_dyadic(tidy), check_exact=True)
    assert any("!MIDB 5.0.csv" in n for n in get(got).notes)
    assert any("hand corrections" in n for n in get(got).notes)


def test_midb_unknown_month_names_dispute(tmp_path):
    _write(tmp_path, "cow_mid", "MIDB 5.0.csv", _MIDB.replace("-9,7,1902,24", "-9,-9,1902,24", 1))
    with pytest.raises(SchemaError) as err:
        cow_mid.load_dyadic(tmp_path)
    msg = str(err.value)
    assert "MIDB 5.0.csv" in msg and "stmon" in msg and "dispnum 2" in msg
