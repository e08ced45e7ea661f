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
                    row.append(1000.0 * i + 10.0 * j + (year - 2018) + 0.25)
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
    assert len(tidy) == 4 and tidy.loc[3, "rgdpe"] == 1000.0 + 1 + 0.25

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
