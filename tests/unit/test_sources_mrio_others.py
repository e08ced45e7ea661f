"""OECD ICIO, Eora26 and GLORIA loaders, the MRIO builder and the concordances, on
small hand-written fixtures in each official layout.

Every fixture has two regions x two sectors with the same Z as the EXIOBASE test:

    Z = [[1, 2, 0, 1],      Y row sums: 4, 2, 3, 2
         [0, 1, 1, 0],      x = Z1 + Y1 = [8, 4, 7, 6]
         [2, 0, 1, 1],
         [1, 1, 0, 2]]
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.panels import mrio_sources as ms
from worldsystem.sources import catalogue, eora26, gloria, oecd_icio

Z = np.array([[1, 2, 0, 1], [0, 1, 1, 0], [2, 0, 1, 1], [1, 1, 0, 2]], float)
YR = np.array([4, 2, 3, 2], float)  # final demand row sums
X = Z.sum(1) + YR  # [8, 4, 7, 6]


# ----------------------------------------------------------------------------- ICIO

ICIO_REG = ["AUS", "ROW"]
ICIO_IND = ["A01_02", "C10T12"]
FD = list(oecd_icio.FD_CATEGORIES)


def _icio_csv(regions=ICIO_REG, z=Z, fd_override=None) -> str:
    zl = [f"{r}_{s}" for r in regions for s in ICIO_IND]
    fdl = [f"{r}_{c}" for r in regions for c in FD]
    # final demand: all of row i's final demand in the first region's HFCE
    Y = np.zeros((len(zl), len(fdl)))
    Y[:, 0] = YR if len(zl) == 4 else 0.0
    Y[3, 4] = 1.0  # inventories in AUS_INVNT
    Y[3, 0] -= 1.0
    if fd_override is not None:
        Y = fd_override
    x = z.sum(1) + Y.sum(1)
    n = len(zl)
    va = x - z.sum(0) - 0.5
    lines = [",".join(["V1", *zl, *fdl, "OUT"])]
    for i, lab in enumerate(zl):
        lines.append(",".join([lab, *map(str, z[i]), *map(str, Y[i]), str(x[i])]))
    lines.append(",".join(["TLS", *["0.5"] * n, *["0"] * len(fdl), "2"]))
    lines.append(",".join(["VA", *map(str, va), *["0"] * len(fdl), str(va.sum())]))
    lines.append(",".join(["OUT", *map(str, x), *["0"] * len(fdl), str(x.sum())]))
    return "\n".join(lines) + "\n"


def _write(root: Path, source: str, name: str, text: str) -> Path:
    p = root / source / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text)
    return p


def test_icio_csv_parses_to_hand_values(tmp_path):
    _write(tmp_path, "oecd_icio", "2020.csv", _icio_csv())
    t = oecd_icio.load_year(2020, tmp_path)
    np.testing.assert_array_equal(t.Z, Z)
    np.testing.assert_array_equal(t.x, X)
    assert t.Y.shape == (4, 12) and t.Y[3, 4] == 1.0
    assert t.regions == ("AUS", "ROW") and t.sectors == tuple(ICIO_IND)
    assert t.fd_categories == tuple(FD) and t.identity_gap == 0.0
    # VA = x - Z'1 - TLS: [8-4, 4-4, 7-2, 6-4] - 0.5
    np.testing.assert_allclose(t.satellites["value_added"], [3.5, -0.5, 4.5, 1.5])
    np.testing.assert_allclose(t.satellites["taxes_less_subsidies"], [0.5] * 4)
    assert t.unit == "USD million, current"


def test_icio_zip_bundle_and_china_split(tmp_path):
    regions = ["CHN", "CN1", "ROW"]
    z6 = np.eye(6)
    z6[2, 0] = 2.0  # CN1 sector 0 -> CHN sector 0
    fdl = len(regions) * len(FD)
    Y = np.zeros((6, fdl))
    Y[:, 0] = 1.0
    text = _icio_csv(regions, z6, Y)
    folder = tmp_path / "oecd_icio"
    folder.mkdir()
    with zipfile.ZipFile(folder / "ICIO-2016-2020-extended.zip", "w") as zf:
        zf.writestr("2019.csv", text)
    assert oecd_icio.years(tmp_path) == [2019]
    t = oecd_icio.load_year(2019, tmp_path)
    assert t.regions == ("CHN", "ROW")
    # CHN block = CHN + CN1 rows and columns: [[1,0],[0,1]] + [[1,0],[0,1]] + [[2,0],[0,0]]
    np.testing.assert_array_equal(t.Z[:2, :2], [[4, 0], [0, 2]])
    keep = oecd_icio.load_year(2019, tmp_path, split_regions="keep")
    assert keep.regions == ("CHN", "CN1", "ROW")


ICIO_BAD = [
    ("non-numeric", lambda s: s.replace("AUS_A01_02,1.0,", "AUS_A01_02,abc,", 1), "'abc'"),
    ("negative output", lambda s: s.replace(",8.0\n", ",-8.0\n", 1), "-8"),
    ("duplicate", lambda s: s.replace("ROW_A01_02,2.0", "AUS_A01_02,2.0", 1), "duplicate"),
    ("cut row", lambda s: s.rsplit(",", 3)[0] + "\n", "missing value"),
    ("no OUT", lambda s: s.replace(",OUT\n", ",TOTALX\n", 1), "TOTALX"),
    ("unknown region", lambda s: s.replace("ROW", "QQQ"), "QQQ"),
    ("nan", lambda s: s.replace("AUS_A01_02,1.0,", "AUS_A01_02,inf,", 1), "non-finite"),
    ("overflow", lambda s: s.replace("AUS_A01_02,1.0,", "AUS_A01_02,1.7e308,", 1), "1.7e+308"),
    ("missing VA", lambda s: s.replace("\nVA,", "\nVAX,", 1), "VAX"),
]


@pytest.mark.parametrize("case,edit,needle", ICIO_BAD, ids=[b[0] for b in ICIO_BAD])
def test_icio_malformed(tmp_path, case, edit, needle):
    text = _icio_csv()
    bad = edit(text)
    assert bad != text
    _write(tmp_path, "oecd_icio", "2020.csv", bad)
    with pytest.raises((SchemaError, SourceError)) as info:
        oecd_icio.load_year(2020, tmp_path)
    assert needle in str(info.value) and "2020.csv" in str(info.value), str(info.value)


# ----------------------------------------------------------------------------- Eora26

EORA_SEC = ["Agriculture", "Fishing"]


def _eora_files(drop=None, **override):
    reg = [("Afghanistan", "AFG"), ("Sudan", "SUD")]
    lt = [f"{n}\t{c}\tIndustries\t{s}\t" for n, c in reg for s in EORA_SEC]
    lt.append("Rest of World\tROW\tIndustries\tTOTAL\t")
    cats = ["Household final consumption P.3h", "Government final consumption P.3g"]
    lf = [
        f"{n}\t{c}\tFinal Demand\t{k}\t" for n, c in [*reg, ("Rest of World", "ROW")] for k in cats
    ]
    lv = [
        "Primary input\tCompensation of employees D.1\t",
        "Primary input\tNet operating surplus B.2n\t",
    ]
    lq = ["I-GHG-CO2 emissions (Gg)\tEDGAR\t"]
    T = np.zeros((5, 5))
    T[:4, :4] = Z
    T[0, 4] = 0.5  # AFG agriculture -> ROW
    FDm = np.zeros((5, 6))
    FDm[:4, 0] = YR
    x_full = T.sum(1) + FDm.sum(1)
    VA = np.zeros((2, 5))
    VA[0, :4] = [1, 1, 2, 2]
    VA[1, :4] = x_full[:4] - T[:, :4].sum(0) - VA[0, :4]
    Q = np.array([[1.0, 2.0, 3.0, 4.0, 0.0]])
    tab = lambda m: "\n".join("\t".join(map(str, r)) for r in m) + "\n"  # noqa: E731
    files = {
        "labels_T.txt": "\n".join(lt) + "\n",
        "labels_FD.txt": "\n".join(lf) + "\n",
        "labels_VA.txt": "\n".join(lv) + "\n",
        "labels_Q.txt": "\n".join(lq) + "\n",
        "Eora26_2015_bp_T.txt": tab(T),
        "Eora26_2015_bp_FD.txt": tab(FDm),
        "Eora26_2015_bp_VA.txt": tab(VA),
        "Eora26_2015_bp_Q.txt": tab(Q),
    }
    files.update(override)
    return {k: v for k, v in files.items() if k != drop}


def _eora_write(root, files):
    folder = root / "eora26"
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / "indices.zip", "w") as zf:
        for k, v in files.items():
            if k.startswith("labels"):
                zf.writestr(k, v)
    with zipfile.ZipFile(folder / "Eora26_2015_bp.zip", "w") as zf:
        for k, v in files.items():
            if not k.startswith("labels"):
                zf.writestr(k, v)


def test_eora26_parses_to_hand_values(tmp_path):
    _eora_write(tmp_path, _eora_files())
    t = eora26.load_year(2015, tmp_path, q_rows={"co2": "I-GHG-CO2 emissions (Gg)"})
    np.testing.assert_array_equal(t.Z, Z)
    # x includes the 0.5 delivered to ROW: [8.5, 4, 7, 6]; identity gap = 0.5 / 8.5
    np.testing.assert_allclose(t.x, [8.5, 4, 7, 6])
    assert t.identity_gap == pytest.approx(0.5 / 8.5)
    assert t.regions == ("AFG", "SDN") and t.source_regions == ("AFG", "SUD")
    assert t.sectors == tuple(EORA_SEC) and t.Y.shape == (4, 4)
    np.testing.assert_allclose(t.satellites["compensation"], [1, 1, 2, 2])
    # value added = x - column sums of T (incl. ROW row, zero here)
    np.testing.assert_allclose(t.satellites["value_added"], t.x - Z.sum(0))
    assert t.satellite_units["co2"] == "Gg" and t.unit == "USD thousand, current"
    assert any("ROW" in n for n in t.provenance.notes)
    m = ms.mrio_table("eora26", 2015, data=tmp_path)
    np.testing.assert_allclose(m.Z, Z / 1e3)
    assert m.unit == "USD million, current" and "labour_hours" not in m.satellites
    assert m.satellite_units["compensation"] == "USD million, current"


EORA_BAD = [
    ("non-numeric T", {"Eora26_2015_bp_T.txt": "x\t0\t0\t0\t0\n" * 5}, "'x'"),
    ("cut T", {"Eora26_2015_bp_T.txt": "1\t2\t0\t1\t0\n"}, "shape"),
    ("negative", {"Eora26_2015_bp_T.txt": "-1\t2\t0\t1\t0\n" + "0\t0\t0\t0\t0\n" * 4}, "-1"),
    ("label block", None, "Industries"),
    (
        "no compensation",
        {"labels_VA.txt": "Primary input\tWages\t\nPrimary input\tNOS\t\n"},
        "Compensation",
    ),
]


@pytest.mark.parametrize("case,override,needle", EORA_BAD, ids=[b[0] for b in EORA_BAD])
def test_eora26_malformed(tmp_path, case, override, needle):
    files = _eora_files()
    if override is None:
        files["labels_T.txt"] = files["labels_T.txt"].replace("Industries", "Commodities", 1)
    else:
        files.update(override)
    _eora_write(tmp_path, files)
    with pytest.raises(WorldsystemError) as info:
        eora26.load_year(2015, tmp_path)
    assert needle in str(info.value) and info.value.file, str(info.value)


def test_eora26_missing_archive_says_where_to_get_it(tmp_path):
    with pytest.raises(SourceError, match=r"worldmrio\.com"):
        eora26.load_year(2015, tmp_path)


# ----------------------------------------------------------------------------- GLORIA

GL_REG = ["DEU", "XAF"]
GL_SEC = ["Wheat", "Rice"]


def _gloria_write(
    root: Path, *, T=None, sat_unit="1000 persons", hours_unit="1000 hours", regions=None,
    sectors=None,
):  # fmt: skip
    GL_REG = regions or globals()["GL_REG"]
    GL_SEC = sectors or globals()["GL_SEC"]
    folder = root / "gloria"
    folder.mkdir(parents=True, exist_ok=True)
    with pd.ExcelWriter(folder / "GLORIA_ReadMe_059.xlsx") as xw:
        pd.DataFrame({"Region_acronyms": GL_REG, "Region_names": ["Germany", "Rest"]}).to_excel(
            xw, sheet_name="Regions", index=False
        )
        pd.DataFrame({"Sector_names": GL_SEC}).to_excel(xw, sheet_name="Sectors", index=False)
        pd.DataFrame(
            {
                "Value_added_names": ["Compensation of employees", "Net operating surplus"],
                "Final_demand_names": ["Household final consumption", "GFCF"],
            }
        ).to_excel(xw, sheet_name="Value added and final demand", index=False)
        pd.DataFrame(
            {
                "Sat_indicator": ["Employment", "Hours", "CO2"],
                "Sat_head_indicator": ["Employment", "Employment", "Emissions"],
                "Sat_unit": [sat_unit, hours_unit, "kt"],
            }
        ).to_excel(xw, sheet_name="Satellites", index=False)
    n = 8  # 2 regions x (Industry, Product) x 2 sectors
    ind = [0, 1, 4, 5]
    prod = [2, 3, 6, 7]
    if T is None:
        T = np.zeros((n, n))
        T[np.ix_(prod, ind)] = Z
        T[ind, prod] = X  # diagonal supply
    Y = np.zeros((n, 4))
    Y[prod, 0] = YR
    V = np.zeros((4, n))  # rows: DEU comp, DEU nos, XAF comp, XAF nos
    V[0, [0, 1]] = [1, 2]
    V[1, [0, 1]] = [0.5, 0.5]
    V[2, [4, 5]] = [3, 4]
    TQ = np.zeros((3, n))
    TQ[0, ind] = [1, 2, 3, 4]
    TQ[1, ind] = [10, 20, 30, 40]
    csv = lambda m: "\n".join(",".join(map(str, r)) for r in m) + "\n"  # noqa: E731
    tail = "_2018_059_Markup001(full).csv"
    with zipfile.ZipFile(folder / "GLORIA_MRIOs_59_2018.zip", "w") as zf:
        for tag, m in (("T", T), ("Y", Y), ("V", V)):
            zf.writestr(f"20230314_120secMother_AllCountries_002_{tag}-Results{tail}", csv(m))
    with zipfile.ZipFile(folder / "GLORIA_SatelliteAccounts_059_2018.zip", "w") as zf:
        for tag, m in (("TQ", TQ), ("YQ", np.zeros((3, 4)))):
            zf.writestr(f"20230314_120secMother_AllCountries_002_{tag}-Results{tail}", csv(m))


def test_gloria_parses_to_hand_values(tmp_path):
    _gloria_write(tmp_path)
    t = gloria.load_year(2018, tmp_path)
    np.testing.assert_array_equal(t.Z, Z)
    np.testing.assert_array_equal(t.x, X)
    assert t.identity_gap == 0.0
    assert t.regions == ("DEU", "XAF") and t.sectors == tuple(GL_SEC)
    np.testing.assert_allclose(t.satellites["compensation"], [1, 2, 3, 4])
    np.testing.assert_allclose(t.satellites["value_added"], [1.5, 2.5, 3, 4])
    np.testing.assert_allclose(t.satellites["employment_persons"], [1e3, 2e3, 3e3, 4e3])
    np.testing.assert_allclose(t.satellites["labour_hours"], [1e4, 2e4, 3e4, 4e4])
    m = ms.mrio_table("gloria", 2018, data=tmp_path)
    assert m.unit == "USD million, current" and m.satellite_units["labour_hours"] == "hours"
    np.testing.assert_allclose(m.x, X / 1e3)


def test_gloria_malformed(tmp_path):
    T = np.zeros((8, 8))
    T[0, 3] = 1.0  # industry 0 supplies product 1: off-diagonal supply
    T[0, 2] = 8.0
    _gloria_write(tmp_path, T=T)
    with pytest.raises(SchemaError, match="not diagonal") as info:
        gloria.load_year(2018, tmp_path)
    assert "T-Results" in str(info.value)
    _gloria_write(tmp_path, sat_unit="FTE")
    with pytest.raises(SchemaError, match="FTE"):
        gloria.load_year(2018, tmp_path)
    _gloria_write(tmp_path)
    zpath = tmp_path / "gloria" / "GLORIA_MRIOs_59_2018.zip"
    with zipfile.ZipFile(zpath) as zf:
        members = {n: zf.read(n).decode() for n in zf.namelist()}
    with zipfile.ZipFile(zpath, "w") as zf:
        for n, text in members.items():
            zf.writestr(n, text.replace("1.0", "one", 1) if "_T-" in n else text)
    with pytest.raises(SchemaError, match="'one'"):
        gloria.load_year(2018, tmp_path)
    with pytest.raises(SourceError, match="ielab"):
        gloria.load_year(2017, tmp_path)


# ----------------------------------------------------------------------------- concordances


def test_gloria_concordance_covers_the_120_sectors_by_isic_section():
    names = list(ms.GLORIA_GROUPS)
    assert len(names) == 120 == len(set(names))
    C = ms.concordance(names, ms.GLORIA_GROUPS)
    assert set(np.unique(C)) == {0.0, 1.0} and (C.sum(axis=1) == 1).all()
    # sectors per group, counted from the ReadMe list by ISIC Rev. 4 section
    counts = dict(zip(ms.GROUPS, C.sum(axis=0).astype(int), strict=True))
    assert counts == {"AGR": 23, "MIN": 17, "MAN": 52, "PU": 5, "CON": 2, "WRT": 2,
                      "TRA": 10, "FIRE": 4, "GOV": 3, "OTH": 2}  # fmt: skip
    # the boundary cases: ISIC C33 repair is manufacturing, E38 recovery a utility,
    # I hospitality with trade, J publishing with transport and communication
    assert [ms.gloria_group(n) for n in (
        "Repair and installation of machinery and equipment (service)", "Materials recovery",
        "Hospitality", "Publishing", "Coke oven products", "Transport via pipeline",
    )] == ["MAN", "PU", "WRT", "TRA", "MAN", "TRA"]  # fmt: skip
    assert ms.gloria_group("  hard   COAL ") == "MIN"  # ReadMe spellings differ in case
    with pytest.raises(SchemaError, match="GLORIA sector without a concordance entry") as e:
        ms.sector_groups("gloria", ["Hard coal", "Wheat"])
    assert "Wheat" in str(e.value)


def test_wiod_scenario_translates_to_a_gloria_table(tmp_path):
    from worldsystem.simulate.scenario import BilateralCut, Scenario, table_labels
    from worldsystem.simulate.translate import translate

    sectors = ["Petroleum extraction", "Basic iron and steel"]
    _gloria_write(tmp_path, regions=["RUS", "DEU"], sectors=sectors)
    m = ms.mrio_table("gloria", 2018, data=tmp_path)
    assert m.regions == ("RUS", "DEU") and m.sectors == tuple(sectors)
    _, wiod = table_labels("wiod2013")
    kw = dict(
        source_groups=ms.sector_groups("wiod2013", wiod), table="gloria", year=2018,
        regions=m.regions, sectors=m.sectors, target_groups=ms.sector_groups("gloria", m.sectors),
    )  # fmt: skip
    cut = Scenario("pipeline", 2011, shocks=(BilateralCut("RUS", "DEU", ("c2",), 40.0),))
    moved, notes = translate(cut, **kw)
    assert moved.shocks[0].sectors == ("Petroleum extraction",)  # WIOD c2 = MIN
    assert (moved.table, moved.base_year, moved.shocks[0].percent) == ("gloria", 2018, 40.0)
    assert notes == ["shocks[0]: sectors c2 -> Petroleum extraction"]
    man = tuple(c for c in wiod if ms.sector_groups("wiod2013", [c])[c] == "MAN")
    both, _ = translate(
        Scenario("x", 2011, shocks=(BilateralCut("RUS", "DEU", ("c2", *man), 10.0),)), **kw
    )
    assert both.shocks[0].sectors == tuple(sectors)
    with pytest.raises(WorldsystemError, match="part of the MAN group"):
        translate(Scenario("x", 2011, shocks=(BilateralCut("RUS", "DEU", ("c3",), 10.0),)), **kw)


def test_concordance_rows_sum_to_one_and_aggregate_keeps_totals(tmp_path):
    C = ms.icio_concordance(["A01_02", "C10T12", "D01T02", "D35", "J62_63", "T"])
    np.testing.assert_allclose(C.sum(axis=1), 1.0)
    assert [ms.GROUPS[j] for j in C.argmax(1)] == ["AGR", "MAN", "AGR", "PU", "TRA", "OTH"]
    E = ms.eora26_concordance(list(ms.EORA26_GROUPS))
    assert E.shape == (26, 10)
    np.testing.assert_allclose(E.sum(axis=1), 1.0)
    F = ms.concordance(["a", "b"], {"a": "AGR", "b": {"MAN": 0.25, "PU": 0.75}})
    np.testing.assert_allclose(F.sum(axis=1), 1.0)
    with pytest.raises(SchemaError, match="sum to 1"):
        ms.concordance(["a"], {"a": {"MAN": 0.5}})
    with pytest.raises(SchemaError, match="no concordance"):
        ms.concordance(["zzz"], {})
    _write(tmp_path, "oecd_icio", "2020.csv", _icio_csv())
    m = ms.mrio_table("oecd_icio", 2020, data=tmp_path)
    agg = ms.aggregate(m, ms.icio_concordance(m.sectors))
    assert agg.sectors == ms.GROUPS and agg.Z.shape == (20, 20)
    assert agg.Z.sum() == pytest.approx(Z.sum()) and agg.x.sum() == pytest.approx(X.sum())
    # AUS AGR row: Z[0] delivered to AUS AGR (col 0) and ROW MAN (col 12)
    assert agg.Z[0, 0] == 1 and agg.Z[0, 2] == 2 and agg.Z[0, 12] == 1
    assert "labour_hours" not in m.satellites
    assert any("labour" in n for n in m.provenance.notes)


def test_catalogue_lists_mrio_sources_with_licences():
    assert set(catalogue.MRIO_SOURCE_IDS) == {"exiobase", "oecd_icio", "gloria", "eora26"}
    assert not set(catalogue.MRIO_SOURCE_IDS) & set(catalogue.SOURCE_IDS)
    lic = {i.id: i.licence for i in catalogue.mrio_info()}
    assert "CC BY 4.0" in lic["exiobase"] and "non-commercial" in lic["gloria"]
    assert "academic" in lic["eora26"]
    assert catalogue.info("exiobase").downloads[0].url.startswith("https://zenodo.org/records/")
    for sid in catalogue.MRIO_SOURCE_IDS:
        first, last = catalogue.coverage(sid)
        assert first <= last
    with pytest.raises(SourceError):
        ms.mrio_table("wiod2013", 2011)


def test_fetch_without_url_says_where_to_get_files(tmp_path):
    from worldsystem.sources import fetch

    with pytest.raises(SourceError, match=r"ielab\.info"):
        fetch.fetch(["gloria"], cache=tmp_path)
