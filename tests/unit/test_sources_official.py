"""The producers' own distributed files, read by content (worldsystem.sources.formats).

Each official format gets a small hand-written fixture in the producer's exact
layout (a few rows or cells, written here with openpyxl, pandas.to_stata or
zipfile) and a test that the loader reads it to the same frame as the
equivalent tidy layout. Malformed official files must raise one clear error
naming the file (or ``archive!member`` / ``book [sheet]``), the field and the value.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.core.provenance import get
from worldsystem.sources import base, formats, maddison


def _folder(root: Path, source: str) -> Path:
    folder = root / source
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write(root: Path, source: str, name: str, content: str | bytes) -> Path:
    path = _folder(root, source) / name
    data = content.encode("utf-8") if isinstance(content, str) else content
    if name.endswith(".gz"):
        data = gzip.compress(data)
    path.write_bytes(data)
    return path


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    """Write a workbook: sheet name -> rows of cell values (None = empty cell)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return path


def _zip(path: Path, members: dict[str, str | bytes]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, content in members.items():
            zf.writestr(name, content.encode("utf-8") if isinstance(content, str) else content)
    return path


def _same(official: pd.DataFrame, tidy: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(official, tidy, check_exact=True)
    assert get(official).sources[0].id == get(tidy).sources[0].id


def _official_note(df: pd.DataFrame, name: str) -> None:
    assert any("distributed file" in n and name in n for n in get(df).notes), get(df).notes


# --------------------------------------------------------------------------- sniffing


def test_sniff_tells_formats_apart_by_content(tmp_path):
    csv_named_xlsx = tmp_path / "data.xlsx"
    csv_named_xlsx.write_text("a,b\n1,2\n")
    assert formats.sniff(csv_named_xlsx) == "text"
    book = _xlsx(tmp_path / "book.csv", {"Data": [["a"], [1]]})
    assert formats.sniff(book) == "xlsx"
    z = _zip(tmp_path / "x.dat", {"t.csv": "a\n1\n"})
    assert formats.sniff(z) == "zip"
    dta = tmp_path / "t.bin"
    pd.DataFrame({"a": [1.0]}).to_stata(dta, write_index=False)
    assert formats.sniff(dta) == "dta"
    gz = tmp_path / "t.csv"
    gz.write_bytes(gzip.compress(b"a\n1\n"))
    assert formats.sniff(gz) == "gzip"
    pq = tmp_path / "t.xlsx"
    pd.DataFrame({"a": [1]}).to_parquet(pq)
    assert formats.sniff(pq) == "parquet"
    ole = tmp_path / "old.xlsx"
    ole.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    assert formats.sniff(ole) == "xls"


def test_sniff_truncated_zip_names_file(tmp_path):
    z = _zip(tmp_path / "a.zip", {"t.csv": "a,b\n" + "1,2\n" * 1000})
    z.write_bytes(z.read_bytes()[:60])
    with pytest.raises(SourceError) as ei:
        formats.sniff(z)
    assert "a.zip" in str(ei.value) and "download it again" in str(ei.value)


def test_legacy_xls_is_refused_with_a_fix(tmp_path):
    p = tmp_path / "old.xls"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
    with pytest.raises(SourceError) as ei:
        formats.read_table(p)
    assert "old.xls" in str(ei.value) and ".xlsx" in str(ei.value)


# --------------------------------------------------------------------------- maddison

MPD_COLUMNS = ["countrycode", "country", "region", "year", "gdppc", "pop"]
MPD_ROWS = [
    ["USA", "United States", "Western Offshoots", 2000, 40000.0, 280000.0],
    ["USA", "United States", "Western Offshoots", 2001, None, 281000.0],
    ["SUN", "Former USSR", "Eastern Europe", 1950, 2841.0, 179571.0],
    ["NAM", "Namibia", "Sub Saharan Africa", 2000, 1000.0, 2000.0],
]
MPD_CSV = "countrycode,country,region,year,gdppc,pop\n" + "".join(
    ",".join("" if v is None else (str(int(v)) if isinstance(v, float) else str(v)) for v in r)
    + "\n"
    for r in MPD_ROWS
)


def _mpd_tidy(tmp_path: Path) -> pd.DataFrame:
    root = tmp_path / "tidy"
    _write(root, "maddison", "mpd2023.csv", MPD_CSV)
    return maddison.load(root)


def _mpd_workbook(path: Path, rows=MPD_ROWS, sheet="Full data") -> Path:
    # the MPD 2023 workbook: an introduction sheet, then "Full data" with one header row
    return _xlsx(
        path,
        {
            "Introduction": [["Maddison Project Database 2023"], ["Bolt and van Zanden (2024)"]],
            sheet: [MPD_COLUMNS, *rows],
            "Regional data": [["Regional data"], [None, "Western Europe"]],
        },
    )


def test_maddison_official_workbook_equals_tidy(tmp_path):
    root = tmp_path / "official"
    _mpd_workbook(root / "maddison" / "mpd2023_web.xlsx")
    assert maddison.INFO.available(root)
    df = maddison.load(root)
    _same(df, _mpd_tidy(tmp_path))
    _official_note(df, "mpd2023_web.xlsx")
    assert get(df).sources[0].files == ("mpd2023_web.xlsx",)


def test_maddison_official_stata_and_zip_equal_tidy(tmp_path):
    frame = pd.DataFrame(MPD_ROWS, columns=MPD_COLUMNS)
    frame["year"] = frame["year"].astype("int16")
    frame["gdppc"] = frame["gdppc"].astype("float64")
    root = tmp_path / "dta"
    frame.to_stata(_folder(root, "maddison") / "mpd2023.dta", write_index=False, version=118)
    tidy = _mpd_tidy(tmp_path)
    _same(maddison.load(root), tidy)
    root = tmp_path / "zip"
    buf = io.BytesIO()
    frame.to_stata(buf, write_index=False, version=118)
    _zip(root / "maddison" / "mpd2023.zip", {"readme.txt": "MPD", "mpd2023.dta": buf.getvalue()})
    _same(maddison.load(root), tidy)


def test_maddison_workbook_without_full_data_sheet(tmp_path):
    root = tmp_path / "official"
    _mpd_workbook(root / "maddison" / "mpd2023_web.xlsx", sheet="Data")
    with pytest.raises(SchemaError) as ei:
        maddison.load(root)
    msg = str(ei.value)
    assert "mpd2023_web.xlsx" in msg and "Full data" in msg and "sheet" in msg


def test_maddison_workbook_bad_cell_names_sheet_field_value(tmp_path):
    rows = [list(r) for r in MPD_ROWS]
    rows[2][4] = "n.a."
    root = tmp_path / "official"
    _mpd_workbook(root / "maddison" / "mpd2023_web.xlsx", rows=rows)
    with pytest.raises(SchemaError) as ei:
        maddison.load(root)
    err = ei.value
    assert "mpd2023_web.xlsx [sheet 'Full data']" in str(err)
    assert err.field == "gdppc" and err.value == "n.a."


def test_maddison_sources_table_not_in_workbook_is_clear(tmp_path):
    root = tmp_path / "official"
    _mpd_workbook(root / "maddison" / "mpd2023_web.xlsx")
    with pytest.raises(SourceError) as ei:
        maddison.load_sources(root)
    assert "mpd2023_sources.csv" in str(ei.value) and "mpd2023_web.xlsx" in str(ei.value)


def test_tidy_file_wins_over_official(tmp_path):
    root = tmp_path / "both"
    _write(root, "maddison", "mpd2023.csv", MPD_CSV)
    _mpd_workbook(root / "maddison" / "mpd2023_web.xlsx", rows=MPD_ROWS[:1])
    df = maddison.load(root)
    assert len(df) == 4 and not any("distributed" in n for n in get(df).notes)


def test_locate_hint_lists_the_official_files(tmp_path):
    _folder(tmp_path, "maddison")
    with pytest.raises(SourceError) as ei:
        maddison.load(tmp_path)
    assert "mpd2023_web.xlsx" in str(ei.value)


def test_zip_member_errors_name_archive_and_member(tmp_path):
    root = tmp_path / "zip"
    bad = MPD_CSV.replace("2841", "abc")
    _zip(root / "maddison" / "mpd2023.zip", {"mpd2023.csv": bad})
    with pytest.raises(WorldsystemError) as ei:
        maddison.load(root)
    assert "mpd2023.zip!mpd2023.csv" in str(ei.value)
    assert ei.value.field == "gdppc" and ei.value.value == "abc"


def test_zip_with_no_data_member(tmp_path):
    z = _zip(tmp_path / "a.zip", {"readme.pdf": b"%PDF"})
    with pytest.raises(SchemaError) as ei:
        formats.read_table(z)
    assert "a.zip" in str(ei.value) and "readme.pdf" in str(ei.value)


def test_resolve_prefers_tidy_then_patterns(tmp_path):
    info = maddison.INFO
    assert info.resolve("mpd2023.csv", tmp_path) is None
    _mpd_workbook(tmp_path / "maddison" / "MPD2023_WEB.XLSX")
    assert info.resolve("mpd2023.csv", tmp_path).name == "MPD2023_WEB.XLSX"
    assert info.missing_files(tmp_path) == []
    assert [p.name for p in info.present_files(tmp_path)] == ["MPD2023_WEB.XLSX"]
    assert isinstance(base.locate(info, "mpd2023.csv", tmp_path), Path)
    assert np.isfinite(maddison.load(tmp_path)["gdppc_2011ppp"]).sum() == 3


# --------------------------------------------------------------------------- pwt

from worldsystem.sources import pwt  # noqa: E402

PWT_OFFICIAL_COLUMNS = [
    *("countrycode", "country", "currency_unit", "year"),
    *pwt.VARIABLES[: pwt.VARIABLES.index("pl_gdpo") + 1],
    *pwt.FLAGS,
    *pwt.VARIABLES[pwt.VARIABLES.index("pl_gdpo") + 1 :],
]


def _pwt_rows() -> list[list[object]]:
    rows = []
    for i, (code, name, cur) in enumerate(
        [("DEU", "Germany", "Euro"), ("ZWE", "Zimbabwe", "US Dollar")]
    ):
        for year in (2018, 2019):
            row: list[object] = [code, name, cur, year]
            for j, col in enumerate(PWT_OFFICIAL_COLUMNS[4:]):
                if col in pwt.FLAGS:
                    row.append("Benchmark" if col == "i_cig" else 0)
                elif code == "ZWE" and year == 2018:
                    row.append(None)  # an all-empty country-year, as in the balanced panel
                else:
                    # distinct per cell, exact in binary and decimal (k / 4096), and
                    # inside every PWT column's plausible bounds (core.layouts:
                    # shares, rates and correlations <= 1)
                    row.append(0.25 + (1000.0 * i + 10.0 * j + (year - 2018)) / 4096)
            rows.append(row)
    return rows


def _pwt_tidy_csv(rows) -> str:
    keep = [i for i, c in enumerate(PWT_OFFICIAL_COLUMNS) if c not in pwt.FLAGS]
    lines = [",".join(PWT_OFFICIAL_COLUMNS[i] for i in keep)]
    for r in rows:
        lines.append(",".join("" if r[i] is None else str(r[i]) for i in keep))
    return "\n".join(lines) + "\n"


PWT_LEGEND = [
    ["Variable name", "Variable definition"],
    ["Identifier variables", None],
    ["countrycode", "3-letter ISO country code"],
    [None, None],
    ["Real GDP, employment and population levels", None],
    ["rgdpe", "Expenditure-side real GDP at chained PPPs (in mil. 2017US$)"],
    ["i_xr", "0/1: the exchange rate is market-based (0) or estimated (1)"],
]


def test_pwt_official_workbook_and_stata_equal_tidy(tmp_path):
    rows = _pwt_rows()
    tidy_root = tmp_path / "tidy"
    _write(tidy_root, "pwt", "pwt1001.csv.gz", _pwt_tidy_csv(rows))
    tidy = pwt.load(tidy_root)
    assert len(tidy) == 4 and tidy.loc[3, "rgdpe"] == 0.25 + (1000.0 + 1) / 4096

    book_root = tmp_path / "xlsx"
    _xlsx(
        book_root / "pwt" / "pwt1001.xlsx",
        {
            "Info": [["Penn World Table, version 10.01"], ["Feenstra, Inklaar and Timmer"]],
            "Legend": PWT_LEGEND,
            "Data": [PWT_OFFICIAL_COLUMNS, *rows],
        },
    )
    assert pwt.INFO.available(book_root)
    from_book = pwt.load(book_root)
    _same(from_book, tidy)
    _official_note(from_book, "pwt1001.xlsx [sheet 'Data']")
    legend = pwt.load_variables(book_root)
    assert list(legend["variable"]) == ["countrycode", "rgdpe", "i_xr"]
    assert list(legend["in_file"]) == [True, True, False]

    dta_root = tmp_path / "dta"
    frame = pd.DataFrame(rows, columns=PWT_OFFICIAL_COLUMNS)
    frame["year"] = frame["year"].astype("int16")
    for c in pwt.VARIABLES:
        frame[c] = frame[c].astype("float64")
    frame["i_cig"] = frame["i_cig"].astype(str)
    for c in pwt.FLAGS[1:]:
        frame[c] = frame[c].astype("int8")
    frame.to_stata(
        _folder(dta_root, "pwt") / "pwt1001.dta",
        write_index=False,
        version=118,
        variable_labels={"countrycode": "3-letter ISO country code", "rgdpe": "Real GDP"},
    )
    _same(pwt.load(dta_root), tidy)
    legend = pwt.load_variables(dta_root)
    assert legend.set_index("variable").loc["rgdpe", "definition"] == "Real GDP"


def test_pwt_workbook_text_in_number_cell(tmp_path):
    rows = _pwt_rows()
    rows[1][PWT_OFFICIAL_COLUMNS.index("hc")] = "na"
    root = tmp_path / "xlsx"
    _xlsx(root / "pwt" / "pwt1001.xlsx", {"Data": [PWT_OFFICIAL_COLUMNS, *rows]})
    with pytest.raises(SchemaError) as ei:
        pwt.load(root)
    assert "pwt1001.xlsx [sheet 'Data']" in str(ei.value)
    assert ei.value.field == "hc" and ei.value.value == "na"


def test_pwt_truncated_stata_file(tmp_path):
    root = tmp_path / "dta"
    frame = pd.DataFrame(_pwt_rows(), columns=PWT_OFFICIAL_COLUMNS).drop(columns=list(pwt.FLAGS))
    for c in pwt.VARIABLES:
        frame[c] = frame[c].astype("float64")
    path = _folder(root, "pwt") / "pwt1001.dta"
    frame.to_stata(path, write_index=False, version=118)
    path.write_bytes(path.read_bytes()[:3000])
    with pytest.raises(SourceError) as ei:
        pwt.load(root)
    assert "pwt1001.dta" in str(ei.value) and "Stata" in str(ei.value)


# --------------------------------------------------------------------------- COW trade

from worldsystem.sources import atop, cow_nmc, cow_trade, ucdp  # noqa: E402

# the official Dyadic_COW_4.0.csv column set (codebook v4.0)
COW_DYADIC_OFFICIAL = (
    "ccode1,ccode2,year,importer1,importer2,flow1,flow2,smoothflow1,smoothflow2,"
    "smoothtotrade,spike1,spike2,dip1,dip2,trdspike,tradedip,bel_lux_alt_flow1,"
    "bel_lux_alt_flow2,china_alt_flow1,china_alt_flow2,source1,source2,version\n"
    "2,20,2000,United States of America,Canada,229191.4,169068.2,229191.4,169068.2,"
    "398259.6,0,0,0,0,0,0,-9,-9,-9,-9,1,1,4\n"
    "2,200,2000,United States of America,United Kingdom,10.25,-9,10.25,-9,-9,"
    "0,0,0,0,0,0,-9,-9,-9,-9,1,-9,4\n"
    "20,200,1999,Canada,United Kingdom,-9,-9,-9,-9,-9,0,0,0,0,0,0,-9,-9,-9,-9,-9,-9,4\n"
)
COW_NATIONAL_OFFICIAL = (
    "stateabb,ccode,year,imports,exports,alt_imports,alt_exports,source1,source2,version\n"
    "USA,2,2000,1259300.5,781918,,,1,1,4\n"
    "CAN,20,2000,240092,276635.1,,,1,1,4\n"
)


def _cow_tidy(tmp_path: Path):
    root = tmp_path / "tidy"
    folder = _folder(root, "cow_trade")
    pd.DataFrame(
        {
            "ccode1": [2, 2, 20],
            "ccode2": [20, 200, 200],
            "year": [2000, 2000, 1999],
            "flow1": [229191.4, 10.25, -9.0],
            "flow2": [169068.2, -9.0, -9.0],
            "smoothflow1": [229191.4, 10.25, -9.0],
            "smoothflow2": [169068.2, -9.0, -9.0],
            "version": [4.0, 4.0, 4.0],
        }
    ).to_parquet(folder / "Dyadic_COW_4.0.parquet")
    # the tidy layout: the first five official columns and version (= 4)
    lines = COW_NATIONAL_OFFICIAL.strip().split("\n")
    text = "\n".join(
        ",".join([*line.split(",")[:5], "version" if k == 0 else "4"])
        for k, line in enumerate(lines)
    )
    (folder / "National_COW_4.0.csv").write_text(text + "\n")
    return cow_trade.load(root), cow_trade.load_national(root)


def test_cow_trade_official_zip_equals_tidy(tmp_path):
    dyadic, national = _cow_tidy(tmp_path)
    root = tmp_path / "official"
    _zip(
        root / "cow_trade" / "COW_Trade_4.0.zip",
        {
            "COW_Trade_4.0/Dyadic_COW_4.0.csv": COW_DYADIC_OFFICIAL,
            "COW_Trade_4.0/National_COW_4.0.csv": COW_NATIONAL_OFFICIAL,
            "COW_Trade_4.0/Trade_Codebook_4.0.pdf": b"%PDF-1.4",
        },
    )
    assert cow_trade.INFO.available(root)
    got = cow_trade.load(root)
    _same(got, dyadic)
    _official_note(got, "COW_Trade_4.0.zip!COW_Trade_4.0/Dyadic_COW_4.0.csv")
    _same(cow_trade.load_national(root), national)
    # USA <- Canada 2000: flow1 = US imports from Canada, unrounded in the official file
    row = got[(got["ccode_o"] == 20) & (got["ccode_d"] == 2)]
    assert row["flow_musd_current"].tolist() == [229191.4]


def test_cow_trade_unzipped_official_csv_equals_tidy(tmp_path):
    dyadic, _ = _cow_tidy(tmp_path)
    root = tmp_path / "official"
    _write(root, "cow_trade", "Dyadic_COW_4.0.csv", COW_DYADIC_OFFICIAL)
    _write(root, "cow_trade", "National_COW_4.0.csv", COW_NATIONAL_OFFICIAL)
    _same(cow_trade.load(root), dyadic)


def test_cow_trade_official_negative_flow_names_member(tmp_path):
    root = tmp_path / "official"
    _zip(
        root / "cow_trade" / "COW_Trade_4.0.zip",
        {"Dyadic_COW_4.0.csv": COW_DYADIC_OFFICIAL.replace("10.25,-9,10.25", "10.25,-3,10.25")},
    )
    with pytest.raises(SchemaError) as ei:
        cow_trade.load(root)
    assert "COW_Trade_4.0.zip!Dyadic_COW_4.0.csv" in str(ei.value)
    assert ei.value.field == "flow2" and ei.value.value == -3


def test_cow_trade_truncated_zip(tmp_path):
    root = tmp_path / "official"
    z = _zip(root / "cow_trade" / "COW_Trade_4.0.zip", {"Dyadic_COW_4.0.csv": COW_DYADIC_OFFICIAL})
    z.write_bytes(z.read_bytes()[:-40])
    with pytest.raises(SourceError) as ei:
        cow_trade.load(root)
    assert "COW_Trade_4.0.zip" in str(ei.value)


# --------------------------------------------------------------------------- UCDP

UCDP_OFFICIAL_COLUMNS = (
    "conflict_id,location,side_a,side_a_id,side_a_2nd,side_b,side_b_id,side_b_2nd,"
    "incompatibility,territory_name,year,intensity_level,type_of_conflict,start_date,"
    "start_prec,start_date2,start_prec2,ep_end,ep_end_date,ep_end_prec,gwno_a,gwno_a_2nd,"
    "gwno_b,gwno_b_2nd,gwno_loc,region,version"
)
UCDP_OFFICIAL = (
    UCDP_OFFICIAL_COLUMNS + "\n"
    '11345,"India, Pakistan",Government of India,141,,Government of Pakistan,142,,1,Kashmir,'
    '1948,2,2,1948-10-22,1,1948-10-22,1,1,1948-12-31,1,750,,770,,"750, 770",3,25.1\n'
    '13637,Ukraine,Government of Ukraine,151,"Government of Poland, Government of United '
    'Kingdom",Government of Russia (Soviet Union),57,,1,Ukraine,2024,2,2,2014-03-03,1,'
    '2022-02-24,1,0,,,369,"200, 290",365,,"369, 365",1,25.1\n'
)
UCDP_TIDY = (
    "conflict_id,incompatibility,year,intensity_level,type_of_conflict,start_date,start_prec,"
    "start_date2,start_prec2,ep_end,ep_end_date,gwno_a,gwno_a_2nd,gwno_b,gwno_b_2nd,version\n"
    "11345,1,1948,2,2,1948-10-22,1,1948-10-22,1,1,1948-12-31,750,,770,,25.1\n"
    '13637,1,2024,2,2,2014-03-03,1,2022-02-24,1,0,,369,"200, 290",365,,25.1\n'
)


def test_ucdp_official_zip_equals_tidy(tmp_path):
    tidy_root = tmp_path / "tidy"
    _write(tidy_root, "ucdp", "ucdp-prio-acd.csv", UCDP_TIDY)
    root = tmp_path / "official"
    _zip(root / "ucdp" / "ucdp-prio-acd-251-csv.zip", {"UcdpPrioConflict_v25_1.csv": UCDP_OFFICIAL})
    got = ucdp.load(root)
    _same(got, ucdp.load(tidy_root))
    _official_note(got, "ucdp-prio-acd-251-csv.zip!UcdpPrioConflict_v25_1.csv")
    _same(ucdp.load_participants(root), ucdp.load_participants(tidy_root))
    assert got.loc[got["conflict_id"] == 13637, "gwno_a_2nd_list"].item() == [200, 290]


def test_ucdp_official_bad_date_names_member_field_value(tmp_path):
    root = tmp_path / "official"
    _zip(
        root / "ucdp" / "ucdp-prio-acd-251-csv.zip",
        {"UcdpPrioConflict_v25_1.csv": UCDP_OFFICIAL.replace("2014-03-03", "03/03/2014")},
    )
    with pytest.raises(SchemaError) as ei:
        ucdp.load(root)
    assert "ucdp-prio-acd-251-csv.zip!UcdpPrioConflict_v25_1.csv" in str(ei.value)
    assert ei.value.field == "start_date" and ei.value.value == "03/03/2014"


# --------------------------------------------------------------------------- ATOP, NMC

ATOP_TIDY = (
    "ddyad,stateA,stateB,year,atopally,defense,offense,neutral,nonagg,consul\n"
    "2020,2,20,1950,1,1,0,0,0,1\n"
    "20002,20,2,1950,1,1,0,0,1,1\n"
)


def test_atop_official_csv_dta_and_zip_equal_tidy(tmp_path):
    tidy_root = tmp_path / "tidy"
    _write(tidy_root, "atop", "atop5_1ddyr.csv.gz", ATOP_TIDY)
    tidy = atop.load(tidy_root)
    # the official ddyr file has more columns (shareob, atopid1, ...)
    lines = ATOP_TIDY.strip().split("\n")
    official = "\n".join(
        [lines[0] + ",shareob,bilatno,atopid1", lines[1] + ",1,1,3215", lines[2] + ",1,1,3215"]
    )
    root = tmp_path / "csv"
    _write(root, "atop", "atop5_1ddyr.csv", official + "\n")
    _same(atop.load(root), tidy)
    frame = pd.read_csv(io.StringIO(official)).astype("int32")
    buf = io.BytesIO()
    frame.to_stata(buf, write_index=False, version=118)
    root = tmp_path / "zip"
    _zip(
        root / "atop" / "ATOP 5.1 (.dta).zip",
        {"ATOP 5.1 (.dta)/atop5_1ddyr.dta": buf.getvalue(), "ATOP 5.1 (.dta)/atop5_1m.dta": b"x"},
    )
    _same(atop.load(root), tidy)


def test_nmc_official_zip_equals_tidy(tmp_path):
    text = (
        "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,cinc,version\n"
        "USA,2,1816,3823,17,80,254,8659,101,0.039,2021\n"
        "UKG,200,1816,16942,255,325,16394,19520,1498,0.337,2021\n"
    )
    tidy_root = tmp_path / "tidy"
    _write(tidy_root, "cow_nmc", "NMC-70-abridged.csv", text)
    root = tmp_path / "zip"
    _zip(
        root / "cow_nmc" / "NMC_Documentation-7.0.zip",
        {"NMC-70-abridged/NMC-70-abridged.csv": text, "NMC_Codebook_7.0.pdf": b"%PDF"},
    )
    _same(cow_nmc.load(root), cow_nmc.load(tidy_root))


# --------------------------------------------------------------------------- SIPRI milex

from worldsystem.sources import sipri_milex  # noqa: E402


def _milex_sheet(title_rows, header, rows):
    return [*([f"title {i}"] for i in range(title_rows)), [], header, *rows, [], ["Footnote 1"]]


def _milex_book(path: Path, *, release: str, base_year: int = 2019, cell=None) -> Path:
    """A SIPRI milex workbook in the 2021 layout or in the later (2022+) layout."""
    years = [2019, 2020]
    usa = [700.5, 750.0 if cell is None else cell]
    na = ". ." if release == "2021" else "..."
    if release == "2021":
        names = (f"Constant ({base_year}) USD", "Current USD", "Share of GDP")
    else:
        names = (f"Constant ({base_year}) US$", "Current US$", "Share of GDP")
    sheets: dict[str, list[list[object]]] = {"Front page": [["SIPRI Military Expenditure"]]}
    for name, scale in zip(names, (1.0, 2.0, 0.001), strict=True):
        rows = [
            ["Africa", None, None, None, None],
            ["Algeria", None, None, "xxx", 10.0 * scale],
            ["Atlantis", None, None, na, na],
            ["North America", None, None, None, None],
            ["USA", None, "Notes", *(v * scale if isinstance(v, float) else v for v in usa)],
        ]
        sheets[name] = _milex_sheet(5, ["Country", None, "Notes", *years], rows)
    sheets["Footnotes"] = [["Footnotes"]]
    return _xlsx(path, sheets)


def test_sipri_later_release_layout_equals_2021_layout(tmp_path):
    old = tmp_path / "old"
    _milex_book(old / "sipri_milex" / "SIPRI-Milex-data-1949-2020_0.xlsx", release="2021")
    new = tmp_path / "new"
    _milex_book(new / "sipri_milex" / "SIPRI-Milex-data-1949-2023.xlsx", release="2023")
    assert sipri_milex.INFO.available(new)
    a, b = sipri_milex.load(old), sipri_milex.load(new)
    pd.testing.assert_frame_equal(b, a, check_exact=True)
    usa = b[b["country"] == "USA"].set_index("year")
    assert usa.loc[2020, "milex_musd_current"] == 1500.0
    assert usa.loc[2020, "milex_share_gdp"] == pytest.approx(0.75)
    assert (b.loc[b["country"] == "Atlantis", "status"] == "unavailable").all()
    assert any("SIPRI-Milex-data-1949-2023.xlsx" in n for n in get(b).notes)


def test_sipri_other_price_base_is_named_and_panel_refuses(tmp_path):
    root = tmp_path / "new"
    _milex_book(root / "sipri_milex" / "SIPRI-Milex-data-1949-2023.xlsx", release="2023",
                base_year=2022)  # fmt: skip
    df = sipri_milex.load(root)
    assert "milex_musd_constant2022" in df.columns
    assert "milex_musd_constant2019" not in df.columns
    assert any("2022 US$" in n for n in get(df).notes)
    from worldsystem.panels import country

    panel = pd.DataFrame({"iso3": ["USA"], "year": [2020]})
    with pytest.raises(SchemaError) as ei:
        country.add_milex(panel, data=root)
    assert ei.value.field == "milex_musd_constant2019"
    assert ei.value.value == "milex_musd_constant2022"


def test_sipri_later_release_bad_marker(tmp_path):
    root = tmp_path / "new"
    _milex_book(root / "sipri_milex" / "SIPRI-Milex-data-1949-2023.xlsx", release="2023",
                cell="n/a")  # fmt: skip
    with pytest.raises(SchemaError) as ei:
        sipri_milex.load(root)
    assert "[sheet 'Constant (2019) US$']" in str(ei.value)
    assert ei.value.field == "USA 2020" and ei.value.value == "n/a"


# --------------------------------------------------------------------------- WIOD

from worldsystem.sources import wiod  # noqa: E402


def _wiot_rows(regions=("AUS", "RoW"), year=2011, *, bad=None):
    """A WIOT workbook's rows in the WIOD 2013 layout, for a few regions."""
    cols = [(r, c) for r in regions for c in wiod.INDUSTRIES]
    cols += [(r, c) for r in regions for c in wiod.FD_CATEGORIES]
    isic = ["AtB", "C", *(f"i{k}" for k in range(3, 36))]
    head_isic = [isic[int(c[1:]) - 1] if c in wiod.INDUSTRIES else c for _, c in cols]
    head_name = [f"name of {c}" for _, c in cols]
    rows = [
        [f"World Input-Output Table {year}"],
        [None],
        ["(industry-by-industry)", None, None, None, *head_isic, "TOT"],
        ["(millions of US$)", None, None, None, *head_name, "Total output"],
        [None, None, None, None, *(r for r, _ in cols), "TOT"],
        [None, None, None, None, *(c for _, c in cols), "c62"],
    ]
    expected = []
    for i, (r, c) in enumerate((r, c) for r in regions for c in wiod.INDUSTRIES):
        vals = [float((i * 7 + j * 3) % 11) for j in range(len(cols))]
        if c == "c2":
            vals[len(regions) * 35 + 4] = -2.5  # inventories can be negative
        total = float(sum(vals))
        rows.append([isic[int(c[1:]) - 1], f"name of {c}", r, c, *vals, total])
        expected.append([r, c, *vals, total])
    rows.append(["r60", "Total intermediate consumption", "TOT", "r60", *[1.0] * (len(cols) + 1)])
    rows.append(["r69", "Output at basic prices", "TOT", "r69", *[1.0] * (len(cols) + 1)])
    if bad is not None:
        rows[bad[0]][bad[1]] = bad[2]
    names = ["region", "industry", *(f"{r}_{c}" for r, c in cols), "GO"]
    return rows, pd.DataFrame(expected, columns=names)


def test_wiot_workbook_parses_to_the_tidy_layout(tmp_path):
    rows, expected = _wiot_rows()
    path = _xlsx(tmp_path / "wiot11_row_apr12.xlsx", {"WIOT_11_row": rows})
    got = wiod._wiot_workbook(path, 2011)
    pd.testing.assert_frame_equal(got, expected, check_exact=True, check_dtype=False)
    labels = wiod._labels_from_workbook(path)
    ind = labels[labels["kind"] == "industry"]
    assert list(ind["code"]) == list(wiod.INDUSTRIES)
    assert ind["nace_rev1_1"].iloc[0] == "AtB" and ind["name"].iloc[1] == "name of c2"
    assert list(labels.loc[labels["kind"] == "region", "code"]) == ["AUS", "RoW"]


def test_wiot_workbook_found_for_its_year_and_checked_exactly(tmp_path):
    rows, _ = _wiot_rows()
    _xlsx(tmp_path / "wiod2013" / "wiot11_row_apr12.xlsx", {"WIOT_11_row": rows})
    assert wiod.years(tmp_path) == [2011]
    assert wiod.INFO.available(tmp_path) is False  # the other 16 years are absent
    # two regions instead of 41: the exact layout check names the first missing column
    with pytest.raises(SchemaError) as ei:
        wiod.load_year(2011, tmp_path)
    assert "wiot11_row_apr12.xlsx" in str(ei.value)


def test_wiot_workbook_of_another_year(tmp_path):
    rows, _ = _wiot_rows(year=2010)
    path = _xlsx(tmp_path / "wiot11_row_apr12.xlsx", {"WIOT": rows})
    with pytest.raises(SchemaError) as ei:
        wiod._wiot_workbook(path, 2011)
    assert ei.value.field == "A1" and ei.value.value == "World Input-Output Table 2010"
    assert "[sheet 'WIOT']" in str(ei.value)


def test_wiot_workbook_text_cell_names_row_column_value(tmp_path):
    rows, _ = _wiot_rows(bad=(8, 10, "n.a."))  # third data row (AUS c3), seventh value
    path = _xlsx(tmp_path / "wiot11_row_apr12.xlsx", {"WIOT": rows})
    with pytest.raises(SchemaError) as ei:
        wiod._wiot_workbook(path, 2011)
    assert ei.value.value == "n.a." and ei.value.field == "AUS_c3 x AUS_c7"
    assert "wiot11_row_apr12.xlsx [sheet 'WIOT']" in str(ei.value)


def test_wiot_workbook_shifted_rows(tmp_path):
    rows, _ = _wiot_rows()
    rows.insert(6, ["", "an inserted row", None, "note"])
    path = _xlsx(tmp_path / "wiot11_row_apr12.xlsx", {"WIOT": rows})
    with pytest.raises(SchemaError) as ei:
        wiod._wiot_workbook(path, 2011)
    assert ei.value.field == "D7" and ei.value.value == "note"
