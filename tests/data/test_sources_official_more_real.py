"""Real files in the producers' layouts load to the frames of the tidy layouts.

SIPRI's 134 export tables and the GGDC workbook in the shared data folder are the
producers' own files. The OWID and Gapminder files are rebuilt from the tidy copies
(only the header differs) and must have the checksums the fetch catalogue records
for the producer's files, so they are byte for byte what ``worldsystem data fetch``
downloads. The WEO text file is rebuilt from the four tidy tables (its layout, not
the IMF's bytes). Everything is written under the test's temporary folder.
"""

from __future__ import annotations

import hashlib
import shutil
import zipfile

import pandas as pd
import pytest

from worldsystem.core.provenance import get
from worldsystem.sources import catalogue, cow_mid, gapminder, imf_weo, labour, nuclear, sipri_tiv


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _catalogue_sha(source: str, name: str) -> str:
    (entry,) = [f for f in catalogue.DOWNLOADS[source] if f.name == name]
    return entry.sha256


def test_real_sipri_export_tables_build_the_bilateral_csv(tmp_path, real_data):
    shutil.copytree(real_data / "sipri_tiv" / "raw", tmp_path / "sipri_tiv" / "raw")
    got = sipri_tiv.load(tmp_path)
    want = sipri_tiv.load(real_data)
    pd.testing.assert_frame_equal(got, want, check_exact=True)
    assert len(got) == 22225
    assert any("134 SIPRI" in n for n in get(got).notes)


def test_real_ggdc_workbook_matches_the_stata_csv(tmp_path, real_data):
    (tmp_path / "labour").mkdir()
    shutil.copy(real_data / "labour" / "10sd_jan15_2014.xlsx", tmp_path / "labour")
    got = labour.load_ggdc(tmp_path)
    want = labour.load_ggdc(real_data)
    # the data README: the CSV (from the .dta) matches the xlsx cell for cell to 4e-12
    pd.testing.assert_frame_equal(got, want, check_exact=False, rtol=1e-10, atol=0)
    assert len(got) == 71847
    assert any("[sheet 'dataset']" in n for n in get(got).notes)


def test_real_owid_nuclear_files_are_the_fetched_bytes(tmp_path, real_data):
    folder = tmp_path / "nuclear"
    folder.mkdir()
    pairs = {
        "warhead_stockpiles.csv": (
            "country,year,warheads",
            "Entity,Year,Stockpiled nuclear warheads",
        ),
        "nuclear_weapons_status.csv": ("country,year,", "Entity,Year,"),
    }
    names = {f.name for f in catalogue.DOWNLOADS["nuclear"]}
    for tidy, (old, new) in pairs.items():
        text = (real_data / "nuclear" / tidy).read_text(encoding="utf-8")
        assert text.startswith(old)
        (name,) = [n for n in names if ("stockpiles" in n) == ("warhead" in tidy)]
        out = folder / name
        out.write_text(new + text[len(old) :], encoding="utf-8", newline="")
        assert _sha(out) == _catalogue_sha("nuclear", name)
    pd.testing.assert_frame_equal(nuclear.load(tmp_path), nuclear.load(real_data), check_exact=True)
    pd.testing.assert_frame_equal(
        nuclear.load_status(tmp_path), nuclear.load_status(real_data), check_exact=True
    )


def test_real_gapminder_ddf_files_are_the_fetched_bytes(tmp_path, real_data):
    folder = tmp_path / "gapminder"
    folder.mkdir()
    shutil.copy(real_data / "gapminder" / "ddf--entities--geo--country.csv", folder)
    for k in gapminder.indicators():
        text = (real_data / "gapminder" / f"{k}.csv").read_text(encoding="utf-8")
        assert text.startswith("geo,time,value")
        name = f"ddf--datapoints--{k}--by--geo--time.csv"
        out = folder / name
        out.write_text(f"geo,time,{k}" + text[len("geo,time,value"):], encoding="utf-8",
                       newline="")  # fmt: skip
        assert _sha(out) == _catalogue_sha("gapminder", name), k
    got = gapminder.load(tmp_path)
    pd.testing.assert_frame_equal(got, gapminder.load(real_data), check_exact=True)
    assert len(got) == 246268


def test_real_mida_in_the_mid5_zip(tmp_path, real_data):
    (tmp_path / "cow_mid").mkdir()
    with zipfile.ZipFile(
        tmp_path / "cow_mid" / "MID-5-Data-and-Supporting-Materials.zip", "w"
    ) as zf:
        zf.write(real_data / "cow_mid" / "MIDA_5.0_abridged.csv", "MIDA 5.0.csv")
    pd.testing.assert_frame_equal(cow_mid.load(tmp_path), cow_mid.load(real_data), check_exact=True)


def _weo_official_text(real_data) -> str:
    """The four tidy WEO tables laid out as WEOApr2019all.xls (tab-separated)."""
    d = real_data / "imf_weo"

    def read(name, **kw):
        return pd.read_csv(d / name, keep_default_na=False, na_values=[""], **kw)

    main = read("weo_apr2019.csv.gz")
    concepts = read("weo_apr2019_concepts.csv", dtype=str).fillna("")
    countries = read("weo_apr2019_countries.csv")
    notes = read("weo_apr2019_notes.csv.gz", dtype=str).fillna("")

    def fmt(v: float) -> str:  # the IMF writes thousands separators
        s = repr(float(v))
        whole, _, frac = s.partition(".")
        sign = "-" if whole.startswith("-") else ""
        return f"{sign}{int(whole.lstrip('-')):,}" + (f".{frac}" if frac else "")

    main["text"] = main["value"].map(fmt)
    years = list(range(1980, 2025))
    wide = main.pivot(index=["iso3", "indicator"], columns="year", values="text")
    wide = wide.reindex(columns=years).reset_index()
    w = notes.merge(wide, on=["iso3", "indicator"], how="left")
    w = w.merge(countries, on="iso3").merge(concepts, on="indicator")
    out = pd.DataFrame({
        "WEO Country Code": w["weo_country_code"].map(lambda x: f"{x:03d}"),
        "ISO": w["iso3"], "WEO Subject Code": w["indicator"], "Country": w["country"],
        "Subject Descriptor": w["subject_descriptor"], "Subject Notes": w["subject_notes"],
        "Units": w["units"], "Scale": w["scale"],
        "Country/Series-specific Notes": w["country_series_specific_notes"],
    })  # fmt: skip
    for y in years:
        out[str(y)] = w[y].fillna("n/a")
    out["Estimates Start After"] = w["estimates_start_after"].replace("", "n/a")
    return out.to_csv(sep="\t", index=False, lineterminator="\r\n") + (
        "\r\nInternational Monetary Fund, World Economic Outlook Database, April 2019\r\n"
    )


@pytest.mark.slow
def test_real_weo_in_the_official_layout(tmp_path, real_data):
    (tmp_path / "imf_weo").mkdir()
    # UTF-16, as the IMF's files since October 2020 (the tidy names hold U+FFFD,
    # which Latin-1 cannot encode)
    text = _weo_official_text(real_data)
    (tmp_path / "imf_weo" / "WEOApr2019all.xls").write_bytes(text.encode("utf-16"))
    for fn in (imf_weo.load_concepts, imf_weo.load_countries, imf_weo.load_notes, imf_weo.load):
        pd.testing.assert_frame_equal(fn(tmp_path), fn(real_data), check_exact=True)
