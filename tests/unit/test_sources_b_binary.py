"""WIOD (parquet) and SIPRI Milex (xlsx) loaders on fixtures built in tmp_path.

The WIOD fixture has the exact documented layout (1,435 rows x 1,643 columns)
with hand-chosen values: Z[i, i] = 1, F[i, 0] = 2 (the AUS household column),
x[i] = 3, so row sums equal x exactly. The SIPRI fixture is a tiny workbook
written with openpyxl in the official sheet layout (title block, a header row
starting with "Country", region heading rows, markers ". ." and "xxx").
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.provenance import get
from worldsystem.sources import sipri_milex, wiod


def _cache_empty() -> bool:
    cache = Path(os.environ["WORLDSYSTEM_CACHE"])
    return not cache.exists() or not any(cache.iterdir())


# --------------------------------------------------------------------------- WIOD


def _labels_csv() -> str:
    lines = ["kind,code,name,nace_rev1_1"]
    lines += [f"region,{r},Region {r}," for r in wiod.REGIONS]
    lines += [f"industry,{c},Industry {c},X{c}" for c in wiod.INDUSTRIES]
    lines += [f"final_demand,{c},Demand {c}," for c in wiod.FD_CATEGORIES]
    lines.append("output,GO,Gross output,")
    return "\n".join(lines) + "\n"


def _wiot_table(rename: dict[str, str] | None = None, swap_rows: bool = False) -> pa.Table:
    n = wiod.N_ROWS
    regions = np.repeat(np.array(wiod.REGIONS, dtype=object), 35)
    inds = np.tile(np.array(wiod.INDUSTRIES, dtype=object), 41)
    if swap_rows:
        inds[[0, 1]] = inds[[1, 0]]
    cols = {"region": pa.array(regions, pa.string()), "industry": pa.array(inds, pa.string())}
    zeros = np.zeros(n)
    for j, r in enumerate(wiod.REGIONS):
        for k, c in enumerate(wiod.INDUSTRIES):
            col = zeros.copy()
            col[j * 35 + k] = 1.0
            cols[f"{r}_{c}"] = pa.array(col)
    for r in wiod.REGIONS:
        for c in wiod.FD_CATEGORIES:
            cols[f"{r}_{c}"] = pa.array(np.full(n, 2.0) if (r, c) == ("AUS", "c37") else zeros)
    cols["GO"] = pa.array(np.full(n, 3.0))
    if rename:
        cols = {rename.get(k, k): v for k, v in cols.items()}
    return pa.table(cols)


@pytest.fixture(scope="module")
def wiot_ok() -> pa.Table:
    return _wiot_table()


def _wiod_dir(tmp_path: Path, table: pa.Table | None, year: int = 2011) -> Path:
    folder = tmp_path / "wiod2013"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "labels.csv").write_text(_labels_csv())
    if table is not None:
        pq.write_table(table, folder / f"wiot{year}.parquet")
    return folder


def test_wiod_valid_fixture(tmp_path, wiot_ok):
    _wiod_dir(tmp_path, wiot_ok)
    t = wiod.load_year(2011, tmp_path)
    assert t.Z.shape == (1435, 1435) and t.F.shape == (1435, 205) and t.x.shape == (1435,)
    # Z = identity, F has 2 in column 0 (AUS_c37), x = 3: Z.sum(1) + F.sum(1) = 1 + 2 = x
    np.testing.assert_array_equal(t.Z, np.eye(1435))
    assert t.F[:, 0].sum() == 2 * 1435 and t.F[:, 1:].sum() == 0
    np.testing.assert_array_equal(t.Z.sum(1) + t.F.sum(1), t.x)
    assert not t.Z.flags.writeable
    assert t.regions[32] == "ROM" and t.iso3[32] == "ROU" and t.iso3[-1] == "ROW"
    assert t.industry_names[0] == "Industry c1" and t.fd_categories[-1] == "c42"
    assert t.provenance.source_ids == ("wiod2013",)
    assert wiod.years(tmp_path) == [2011]
    frame = wiod.load(tmp_path, year=2011)
    assert len(frame) == 1435 and frame["x_musd_current"].sum() == 3 * 1435
    assert get(frame).source_ids == ("wiod2013",)
    labels = wiod.load_labels(tmp_path)
    assert labels.loc[labels.code == "ROM", "iso3"].item() == "ROU"


def test_wiod_renamed_column(tmp_path):
    _wiod_dir(tmp_path, _wiot_table(rename={"DEU_c14": "GER_c14"}))
    with pytest.raises(SchemaError) as info:
        wiod.load_year(2011, tmp_path)
    text = str(info.value)
    assert "wiot2011.parquet" in text and "'GER_c14'" in text and "'DEU_c14'" in text
    assert _cache_empty()


def test_wiod_row_labels_out_of_order(tmp_path):
    _wiod_dir(tmp_path, _wiot_table(swap_rows=True))
    with pytest.raises(SchemaError) as info:
        wiod.load_year(2011, tmp_path)
    assert "wiot2011.parquet" in str(info.value) and "field='industry'" in str(info.value)
    assert "'c2'" in str(info.value)


def test_wiod_negative_z_and_nan(tmp_path, wiot_ok):
    t = wiot_ok.set_column(5, "AUS_c4", pa.array(np.r_[-1.0, np.zeros(1434)]))
    _wiod_dir(tmp_path, t)
    with pytest.raises(SchemaError) as info:
        wiod.load_year(2011, tmp_path)
    assert "'AUS_c4'" in str(info.value) and "-1.0" in str(info.value)
    t = wiot_ok.set_column(1642, "GO", pa.array(np.r_[np.nan, np.ones(1434)]))
    _wiod_dir(tmp_path, t)
    with pytest.raises(SchemaError) as info:
        wiod.load_year(2011, tmp_path)
    assert "'GO'" in str(info.value)


def test_wiod_not_parquet_and_missing(tmp_path):
    folder = _wiod_dir(tmp_path, None)
    (folder / "wiot2011.parquet").write_text("region,industry\nAUS,c1\n")
    with pytest.raises(SourceError) as info:
        wiod.load_year(2011, tmp_path)
    assert "wiot2011.parquet" in str(info.value) and "not a readable parquet" in str(info.value)
    with pytest.raises(SourceError) as info:
        wiod.load_year(2010, tmp_path)
    assert "wiot2010.parquet" in str(info.value)
    with pytest.raises(SourceError) as info:
        wiod.load_year(2015, tmp_path)
    assert "2015" in str(info.value)
    assert _cache_empty()


def test_wiod_bad_labels(tmp_path, wiot_ok):
    folder = _wiod_dir(tmp_path, wiot_ok)
    (folder / "labels.csv").write_text(_labels_csv().replace("region,ROM,", "region,ROU,"))
    with pytest.raises(SchemaError) as info:
        wiod.load_year(2011, tmp_path)
    assert "labels.csv" in str(info.value) and "'ROU'" in str(info.value)


# --------------------------------------------------------------------------- SIPRI


def _sheet(wb, title, years, rows, *, blank_col=False, title_rows=3):
    ws = wb.create_sheet(title)
    for i in range(title_rows):
        ws.append([f"title line {i}"])
    ws.append([])
    pad = [None] if blank_col else []
    ws.append(["Country", *pad, "Notes", *years])
    for row in rows:
        if row is None:
            ws.append([])
        else:
            name, values = row
            ws.append([name, *pad, None, *values])
    ws.append([])
    ws.append(["Footnote text that is not a country"])


def _workbook(path: Path, *, drop: str | None = None, cell=None) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb.create_sheet("Front page")
    years = [2019, 2020]
    usa = ("USA", [700.5, cell if cell is not None else 750.0])
    common = [
        ("Africa", [None, None]),
        ("North Africa", [None, None]),
        ("Algeria", ["xxx", 10.0]),
        ("Atlantis", [". .", ". . "]),
        ("North America", [None, None]),
        usa,
    ]
    if drop != "Constant (2019) USD":
        # the constant sheet has an extra blank column B and a '2020 Current' column
        _sheet(
            wb, "Constant (2019) USD", [*years, "2020 Current"],
            [(n, [*v, 1.0]) for n, v in common], blank_col=True, title_rows=4,
        )  # fmt: skip
    if drop != "Current USD":
        _sheet(wb, "Current USD", years, common)
    if drop != "Share of GDP":
        share = [(n, [v / 1000 if isinstance(v, float) else v for v in vals]) for n, vals in common]
        _sheet(wb, "Share of GDP", years, share, title_rows=2)
    wb.save(path)


def _sipri_path(tmp_path: Path) -> Path:
    folder = tmp_path / "sipri_milex"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / "SIPRI-Milex-data-1949-2020_0.xlsx"


def test_sipri_valid_fixture(tmp_path):
    _workbook(_sipri_path(tmp_path))
    df = sipri_milex.load(tmp_path)
    assert list(df.columns) == [
        "iso3", "country", "year", "milex_musd_constant2019", "milex_musd_current",
        "milex_share_gdp", "status",
    ]  # fmt: skip
    # 3 countries x 2 years; region headings and footnotes dropped
    assert len(df) == 6
    assert set(df["country"]) == {"Algeria", "Atlantis", "USA"}
    usa = df[df.country == "USA"].set_index("year")
    assert usa.loc[2020, "milex_musd_current"] == 750.0
    assert usa.loc[2020, "milex_share_gdp"] == pytest.approx(0.75)
    assert usa.loc[2019, "iso3"] == "USA"
    alg = df[df.country == "Algeria"].set_index("year")
    assert alg.loc[2019, "status"] == "not_independent" and np.isnan(
        alg.loc[2019, "milex_musd_current"]
    )
    assert alg.loc[2020, "status"] == "value" and alg.loc[2020, "iso3"] == "DZA"
    atl = df[df.country == "Atlantis"]
    assert (atl["status"] == "unavailable").all()
    # the unmapped name is kept with iso3 missing and reported
    assert atl["iso3"].isna().all()
    assert any("Atlantis" in n for n in get(df).notes)
    assert _cache_empty()


def test_sipri_missing_sheet(tmp_path):
    _workbook(_sipri_path(tmp_path), drop="Share of GDP")
    with pytest.raises(SchemaError) as info:
        sipri_milex.load(tmp_path)
    text = str(info.value)
    assert "SIPRI-Milex-data-1949-2020_0.xlsx" in text and "'Share of GDP'" in text


def test_sipri_text_in_cell(tmp_path):
    _workbook(_sipri_path(tmp_path), cell="n.a.")
    with pytest.raises(SchemaError) as info:
        sipri_milex.load(tmp_path)
    text = str(info.value)
    assert "SIPRI-Milex" in text and "'USA 2020'" in text and "'n.a.'" in text


def test_sipri_negative_cell(tmp_path):
    _workbook(_sipri_path(tmp_path), cell=-5.0)
    with pytest.raises(SchemaError) as info:
        sipri_milex.load(tmp_path)
    assert "'USA 2020'" in str(info.value) and "value=-5" in str(info.value)


def test_sipri_not_xlsx(tmp_path):
    _sipri_path(tmp_path).write_text("Country,2019\nUSA,1\n")
    with pytest.raises(SourceError) as info:
        sipri_milex.load(tmp_path)
    assert "SIPRI-Milex-data-1949-2020_0.xlsx" in str(info.value)
    assert _cache_empty()


def test_sipri_no_header_row(tmp_path):
    path = _sipri_path(tmp_path)
    wb = openpyxl.Workbook()
    for title in ("Constant (2019) USD", "Current USD", "Share of GDP"):
        wb.create_sheet(title).append(["Nation", "Notes", 2020])
    wb.save(path)
    with pytest.raises(SchemaError) as info:
        sipri_milex.load(tmp_path)
    assert "'Country'" in str(info.value) and "Constant (2019) USD" in str(info.value)
