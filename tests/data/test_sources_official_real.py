"""The real tidy files put into the producers' containers load to identical frames.

Each test copies a real file of ``$WORLDSYSTEM_DATA`` into a temporary folder
inside an official-style container (zip as distributed, Stata file, workbook) and
checks the loader returns exactly the frame of the tidy layout. Nothing is written
into the repository.
"""

from __future__ import annotations

import shutil
import zipfile

import pandas as pd
import pytest

from worldsystem.core.provenance import get
from worldsystem.sources import atop, cow_nmc, cow_trade, maddison, ucdp


def _zip_into(tmp_path, real_data, source, name, zip_name, member):
    folder = tmp_path / source
    folder.mkdir(parents=True)
    with zipfile.ZipFile(folder / zip_name, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.write(real_data / source / name, member)
    return tmp_path


@pytest.mark.parametrize(
    ("module", "loader", "source", "name", "zip_name", "member"),
    [
        (ucdp, "load_participants", "ucdp", "ucdp-prio-acd.csv", "ucdp-prio-acd-251-csv.zip",
         "UcdpPrioConflict_v25_1.csv"),
        (cow_nmc, "load", "cow_nmc", "NMC-70-abridged.csv", "NMC_Documentation-7.0.zip",
         "NMC-70-abridged/NMC-70-abridged.csv"),
        (cow_trade, "load_national", "cow_trade", "National_COW_4.0.csv", "COW_Trade_4.0.zip",
         "COW_Trade_4.0/National_COW_4.0.csv"),
    ],
)  # fmt: skip
def test_real_file_in_official_zip_is_identical(
    tmp_path, real_data, module, loader, source, name, zip_name, member
):
    root = _zip_into(tmp_path, real_data, source, name, zip_name, member)
    got = getattr(module, loader)(root)
    want = getattr(module, loader)(real_data)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert any(zip_name in n for n in get(got).notes)


def test_real_atop_as_stata_is_identical(tmp_path, real_data):
    want = atop.load(real_data)
    raw = pd.read_csv(real_data / "atop" / "atop5_1ddyr.csv.gz").astype("int32")
    (tmp_path / "atop").mkdir()
    raw.to_stata(tmp_path / "atop" / "atop5_1ddyr.dta", write_index=False, version=118)
    pd.testing.assert_frame_equal(atop.load(tmp_path), want, check_exact=True)


def test_real_maddison_as_stata_is_identical(tmp_path, real_data):
    want = maddison.load(real_data)
    raw = pd.read_csv(real_data / "maddison" / "mpd2023.csv", keep_default_na=False,
                      na_values=[""])  # fmt: skip
    (tmp_path / "maddison").mkdir()
    raw.to_stata(tmp_path / "maddison" / "mpd2023.dta", write_index=False, version=118)
    shutil.copy(real_data / "maddison" / "mpd2023_sources.csv", tmp_path / "maddison")
    got = maddison.load(tmp_path)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    # Bolt & van Zanden (2024): 169 countries
    assert got["iso3"].nunique() == 169
