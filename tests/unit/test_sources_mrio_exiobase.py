"""EXIOBASE 3 loader on small hand-written archives in the official layout.

Two regions (AT = Austria, WA = RoW Asia and Pacific) x two products. Working:

    Z = [[1, 2, 0, 1],      Y (AT hh, AT gov, WA hh, WA gov) row sums: 4, 2, 3, 2
         [0, 1, 1, 0],      x = Z1 + Y1 = [4+4, 2+2, 4+3, 4+2] = [8, 4, 7, 6]
         [2, 0, 1, 1],
         [1, 1, 0, 2]]
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import pytest

from worldsystem.core.errors import SchemaError, SourceError, WorldsystemError
from worldsystem.sources import exiobase

REG = ["AT", "AT", "WA", "WA"]
SEC = ["Paddy rice", "Wheat", "Paddy rice", "Wheat"]
Z = [[1, 2, 0, 1], [0, 1, 1, 0], [2, 0, 1, 1], [1, 1, 0, 2]]
Y = [[2, 1, 1, 0], [1, 0, 1, 0], [1, 1, 1, 0], [0, 1, 0, 1]]
X = [8, 4, 7, 6]
T = "\t"


def _core(rows, second="sector", seconds=SEC, regs=REG):
    head = [
        T.join(["region", "", *regs]),
        T.join([second, "", *seconds]),
        T.join(["region", "sector", *[""] * len(regs)]),
    ]
    body = [T.join([r, s, *map(str, row)]) for r, s, row in zip(REG, SEC, rows, strict=True)]
    return "\n".join(head + body) + "\n"


def _f(rows: dict[str, list[float]]):
    head = [T.join(["region", *REG]), T.join(["sector", *SEC]), T.join(["stressor"] + [""] * 4)]
    return "\n".join(head + [T.join([k, *map(str, v)]) for k, v in rows.items()]) + "\n"


def _units(rows: dict[str, str]):
    return "stressor\tunit\n" + "".join(f"{k}\t{u}\n" for k, u in rows.items())


COMP = exiobase.COMPENSATION_ROWS
VA_OTHER = [r for r in exiobase.VALUE_ADDED_ROWS if r not in COMP]


def _members(layout="3.9", **override):
    m = {
        "Z.txt": _core(Z),
        "Y.txt": _core(Y, "category", ["hh", "gov", "hh", "gov"]),
        "x.txt": "region\tsector\tindout\n"
        + "".join(f"{r}\t{s}\t{v}\n" for r, s, v in zip(REG, SEC, X, strict=True)),
        "unit.txt": "region\tsector\tunit\n"
        + "".join(f"{r}\t{s}\tM.EUR\n" for r, s in zip(REG, SEC, strict=True)),
    }
    # hours: 0.5 M.hr per split row in sector 0 of each region, 0 elsewhere -> 3e6 hours
    hours = {h: [0.5, 0.0, 0.5, 0.25] for h in exiobase.HOURS_ROWS}
    persons_rows = exiobase.PERSONS_ROWS_39 if layout == "3.9" else exiobase.PERSONS_ROWS_38
    persons = {p: [1.0, 1.0, 2.0, 0.0] for p in persons_rows}
    fi = {exiobase.TLS_ROW: [0.1, 0, 0, 0]}
    fi.update({c: [1.0, 0.5, 0.2, 0.1] for c in COMP})  # compensation = 3 * row
    fi.update({o: [0.25, 0.25, 0.5, 0.5] for o in VA_OTHER})  # 5 rows -> + 5 * row
    if layout == "3.9":
        emp = {**persons, **hours}
        m["employment/F.txt"] = _f(emp)
        m["employment/unit.txt"] = _units(
            {**{p: "1000 p" for p in persons}, **{h: "M.hr" for h in hours}}
        )
        m["factor_inputs/F.txt"] = _f(fi)
        m["factor_inputs/unit.txt"] = _units({k: "M.EUR" for k in fi})
    else:
        allrows = {**fi, **persons, **hours, "Employment hours: Vulnerable employment": [9] * 4}
        m["satellite/F.txt"] = _f(allrows)
        units = {k: "M.EUR" for k in fi}
        units.update({p: "1000 p" for p in persons})
        units.update({h: "M.hr" for h in hours})
        units["Employment hours: Vulnerable employment"] = "M.hr"
        m["satellite/unit.txt"] = _units(units)
    m.update(override)
    return {k: v for k, v in m.items() if v is not None}


def _zip(root: Path, members, year=2019, system="pxp") -> Path:
    folder = root / "exiobase"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"IOT_{year}_{system}.zip"
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in members.items():
            zf.writestr(f"IOT_{year}_{system}/{name}", text)
    return path


@pytest.mark.parametrize("layout", ["3.9", "3.8"])
def test_exiobase_archive_parses_to_hand_values(tmp_path, layout):
    _zip(tmp_path, _members(layout))
    t = exiobase.load_year(2019, tmp_path)
    np.testing.assert_array_equal(t.Z, Z)
    np.testing.assert_array_equal(t.Y, Y)
    np.testing.assert_array_equal(t.x, X)
    assert t.regions == ("AUT", "WA") and t.source_regions == ("AT", "WA")
    assert t.sectors == ("Paddy rice", "Wheat") and t.fd_categories == ("hh", "gov")
    assert t.unit == "EUR million, current"
    assert t.identity_gap == 0.0  # x = Z1 + Y1 exactly
    # six hour rows of 0.5 M.hr = 3e6 hours; vulnerable employment (3.8) not added
    np.testing.assert_allclose(t.satellites["labour_hours"], [3e6, 0, 3e6, 1.5e6])
    np.testing.assert_allclose(t.satellites["employment_persons"], [6e3, 6e3, 12e3, 0])
    np.testing.assert_allclose(t.satellites["compensation"], [3.0, 1.5, 0.6, 0.3])
    # value added = compensation + 5 other rows x [0.25, 0.25, 0.5, 0.5]
    np.testing.assert_allclose(t.satellites["value_added"], [4.25, 2.75, 3.1, 2.8])
    np.testing.assert_allclose(t.satellites["taxes_less_subsidies_on_products"], [0.1, 0, 0, 0])
    assert t.satellite_units["labour_hours"] == "hours"
    assert t.provenance.source_ids == ("exiobase",)
    frame = exiobase.load(tmp_path, year=2019)
    assert list(frame["iso3"]) == ["AUT", "AUT", "WA", "WA"] and frame["x"].sum() == 25


def test_exiobase_unpacked_folder_and_A_only(tmp_path):
    members = _members()
    a = np.array(Z, float) / np.array(X, float)[None, :]
    members["A.txt"] = _core(a.tolist())
    del members["Z.txt"]
    folder = tmp_path / "exiobase" / "IOT_2020_ixi"
    for name, text in members.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text)
    t = exiobase.load_year(2020, tmp_path, system="ixi")
    np.testing.assert_allclose(t.Z, Z)
    assert exiobase.years(tmp_path, system="ixi") == [2020]


def _bad(text, old, new):
    assert old in text
    return text.replace(old, new, 1)


BAD = [
    ("unit", lambda m: {"unit.txt": _bad(m["unit.txt"], "M.EUR", "M.USD")}, "M.USD"),
    (
        "hours unit",
        lambda m: {"employment/unit.txt": _bad(m["employment/unit.txt"], "M.hr", "hr")},
        "'hr'",
    ),
    ("non-numeric", lambda m: {"Z.txt": _bad(m["Z.txt"], "\t2\t0\t1", "\tx\t0\t1")}, "'x'"),
    ("cut row", lambda m: {"Z.txt": m["Z.txt"].rsplit("\t", 2)[0] + "\n"}, "missing value"),
    ("inf", lambda m: {"Y.txt": _bad(m["Y.txt"], "\t2\t1\t1\t0", "\tinf\t1\t1\t0")}, "non-finite"),
    ("negative x", lambda m: {"x.txt": _bad(m["x.txt"], "\t8\n", "\t-8\n")}, "-8"),
    (
        "duplicate label",
        lambda m: {"Z.txt": _bad(m["Z.txt"], "WA\tPaddy rice\t2", "AT\tWheat\t2")},
        "duplicate",
    ),
    ("shape", lambda m: {"x.txt": "\n".join(m["x.txt"].splitlines()[:-1]) + "\n"}, "3 rows"),
    ("region", lambda m: {k: m[k].replace("WA", "QQ") for k in m}, "QQ"),
    (
        "missing stressor",
        lambda m: {
            k: m[k].replace("Other net taxes on production", "Other")
            for k in ("factor_inputs/F.txt", "factor_inputs/unit.txt")
        },
        "Other net taxes on production",
    ),
    ("header", lambda m: {"Y.txt": _bad(m["Y.txt"], "category", "sector")}, "header"),
    ("no Y", lambda m: {"Y.txt": None}, "Y.txt"),
]


@pytest.mark.parametrize("case,edit,needle", BAD, ids=[b[0] for b in BAD])
def test_exiobase_malformed_raises_naming_file_field_value(tmp_path, case, edit, needle):
    m = _members()
    _zip(tmp_path, _members(**edit(m)))
    with pytest.raises(WorldsystemError) as info:
        exiobase.load_year(2019, tmp_path)
    assert isinstance(info.value, SchemaError | SourceError)
    msg = str(info.value)
    assert needle in msg and "IOT_2019_pxp" in msg, msg
    assert info.value.file is not None


def test_exiobase_corrupt_zip_and_identity_rtol(tmp_path):
    path = _zip(tmp_path, _members())
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    with pytest.raises(SourceError, match="zip"):
        exiobase.load_year(2019, tmp_path)
    m = _members()
    _zip(tmp_path, _members(**{"x.txt": _bad(m["x.txt"], "\t8\n", "\t10\n")}))
    t = exiobase.load_year(2019, tmp_path)
    assert t.identity_gap == pytest.approx(0.2)  # |10 - 8| / 10
    assert any("gap" in n for n in t.provenance.notes)
    with pytest.raises(SchemaError, match="identity"):
        exiobase.load_year(2019, tmp_path, identity_rtol=1e-6)


def test_exiobase_remote_files_zenodo_pattern():
    files = exiobase.remote_files(range(2019, 2023))
    assert [f.name for f in files] == [f"IOT_{y}_pxp.zip" for y in range(2019, 2023)]
    assert files[0].url == "https://zenodo.org/records/15689391/files/IOT_2019_pxp.zip"
    with pytest.raises(SourceError):
        exiobase.remote_files([2030])


@pytest.mark.data
def test_exchange_wage_is_the_tables_compensation_per_hour(real_data, tmp_path):
    """With EXIOBASE's compensation of employees, the exchange workflow's wage is
    compensation per hour (one formula, :func:`measures.exchange.wage_proxy`).

    AT (AUT): compensation 3.0 + 1.5 = 4.5 EUR million, hours 3e6 + 0 (see
    :func:`_members`), so the wage is 4.5e6 x (USD per EUR, 2019) / 3e6 per hour.
    """
    from worldsystem.workflows import DataContext
    from worldsystem.workflows.exchange import exchange

    for sub in Path(real_data).iterdir():
        if sub.is_dir():
            (tmp_path / sub.name).symlink_to(sub.resolve(), target_is_directory=True)
    _zip(tmp_path, _members(), year=2019)  # one year held: the source is available
    ctx = DataContext(data=tmp_path, mrio="exiobase")
    table = ctx.backend.mrio(2019, source="exiobase")
    usd_per_eur = float(table.satellites["compensation"][0]) / 3.0
    assert 1.0 < usd_per_eur < 1.3  # the 2019 euro
    out, _ = exchange(ctx, years=[2019])
    assert set(out["wage_source"]) == {"labour compensation"}
    # AUT's hours are the only ones valued at the northern basis: the basis wage is its own
    aut = out[out["iso3"] == "AUT"].iloc[0]
    np.testing.assert_allclose(aut["wage_basis_usd_per_hour"], 4.5e6 * usd_per_eur / 3e6)


def test_a_source_of_year_files_is_available_with_any_year(tmp_path):
    """A user holds the years they fetched: one archive (or unpacked folder) suffices."""
    info = exiobase.INFO
    assert not info.available(tmp_path)
    assert info.missing_files(tmp_path) == [info.year_label]
    (tmp_path / "exiobase").mkdir()
    (tmp_path / "exiobase" / "IOT_2019_pxp.zip.part").write_text("")  # not a year file
    (tmp_path / "exiobase" / "notes.txt").write_text("")
    assert not info.available(tmp_path)
    (tmp_path / "exiobase" / "IOT_2011_ixi").mkdir()
    assert info.available(tmp_path) and info.missing_files(tmp_path) == []
    assert [p.name for p in info.year_entries(tmp_path)] == ["IOT_2011_ixi"]


def test_data_check_names_a_per_year_source_without_any_year(tmp_path):
    from typer.testing import CliRunner

    from worldsystem.cli import app

    (tmp_path / "exiobase").mkdir()
    r = CliRunner().invoke(app, ["data", "check", "exiobase", "--data", str(tmp_path)])
    assert r.exit_code == 1
    assert "no year file" in r.output and "IOT_{year}_pxp.zip" in r.output
