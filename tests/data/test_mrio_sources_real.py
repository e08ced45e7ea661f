"""The MRIO consumers on another database (``--mrio``), end to end with the real labour
panels.

The real data folder holds only WIOD 2013 among the MRIO databases, so these tests
build a folder that links every real dataset and adds a small hand-written OECD
ICIO table in the official CSV layout (three regions x three industries, values
made up) for 2019 and 2020. What is checked is the plumbing a referee would ask
about: the hours account joined from PWT/ILO matches PWT's own persons x hours for
Germany, a table after PWT's last year says where its hours came from, the
exchange and shock commands run on the table, and the WIOD pipeline scenario's
``c2`` (mining) becomes ICIO's ``B05_06``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from worldsystem.cli import app
from worldsystem.sources import oecd_icio, pwt
from worldsystem.workflows import DataContext, shock
from worldsystem.workflows.backends import FolderBackend

REG = ["DEU", "RUS", "ROW"]
IND = ["A01_02", "B05_06", "C10T12"]
# intermediate deliveries (USD million), region-major rows/columns
Z = np.array(
    [
        [50, 5, 80, 1, 0, 2, 3, 0, 4],
        [2, 40, 60, 0, 1, 0, 1, 2, 0],
        [20, 10, 300, 3, 2, 6, 8, 4, 30],
        [1, 0, 2, 60, 4, 50, 2, 1, 3],
        [3, 30, 90, 4, 80, 40, 5, 20, 30],
        [2, 1, 10, 30, 10, 200, 4, 2, 20],
        [2, 1, 20, 1, 1, 3, 90, 20, 100],
        [1, 20, 40, 1, 2, 4, 30, 150, 200],
        [5, 2, 30, 2, 1, 8, 60, 40, 600],
    ],
    float,
)
FD = list(oecd_icio.FD_CATEGORIES)


def _icio_csv() -> str:
    zl = [f"{r}_{s}" for r in REG for s in IND]
    fdl = [f"{r}_{c}" for r in REG for c in FD]
    Y = np.zeros((len(zl), len(fdl)))
    for i in range(len(zl)):
        Y[i, (i // 3) * len(FD)] = 100 + 10 * i  # household consumption at home
        Y[i, ((i // 3 + 1) % 3) * len(FD)] = 5 + i  # and a little abroad
    x = Z.sum(1) + Y.sum(1)
    va = x - Z.sum(0)
    n = len(zl)
    lines = [",".join(["V1", *zl, *fdl, "OUT"])]
    for i, lab in enumerate(zl):
        lines.append(",".join([lab, *map(str, Z[i]), *map(str, Y[i]), str(x[i])]))
    lines.append(",".join(["TLS", *["0"] * n, *["0"] * len(fdl), "0"]))
    lines.append(",".join(["VA", *map(str, va), *["0"] * len(fdl), str(va.sum())]))
    lines.append(",".join(["OUT", *map(str, x), *["0"] * len(fdl), str(x.sum())]))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def icio_folder(real_data, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("icio_data")
    for sub in Path(real_data).iterdir():
        if sub.is_dir():
            (root / sub.name).symlink_to(sub.resolve(), target_is_directory=True)
    (root / "oecd_icio").mkdir()
    for year in (2019, 2020):
        (root / "oecd_icio" / f"{year}.csv").write_text(_icio_csv())
    return root


def test_labour_join_matches_pwt_persons_times_hours(icio_folder):
    m = FolderBackend(icio_folder).mrio(2019, source="oecd_icio")
    assert m.regions == tuple(REG)
    hours = m.satellites["labour_hours"].reshape(3, 3).sum(axis=1)
    p = pwt.load(icio_folder)
    deu = p[(p["iso3"] == "DEU") & (p["year"] == 2019)].iloc[0]
    assert hours[0] == pytest.approx(deu["emp"] * 1e6 * deu["avh"], rel=1e-9)
    rus = p[(p["iso3"] == "RUS") & (p["year"] == 2019)].iloc[0]
    assert hours[1] == pytest.approx(rus["emp"] * 1e6 * rus["avh"], rel=1e-9)
    # the rest of the world: billions of workers, so far more hours than Germany
    assert hours[2] > 50 * hours[0]
    notes = " ".join(m.provenance.notes)
    assert "labour_hours DEU: level PWT emp" in notes


def test_table_after_pwt_says_where_its_hours_came_from(icio_folder):
    m = FolderBackend(icio_folder).mrio(2020, source="oecd_icio")
    notes = " ".join(m.provenance.notes)
    assert "PWT ends in 2019" in notes
    assert "level ILO employment" in notes
    assert np.isfinite(m.satellites["labour_hours"]).all()
    assert (m.satellites["labour_hours"] > 0).all()


def test_exchange_cli_runs_on_the_chosen_database(icio_folder):
    r = CliRunner().invoke(
        app, ["exchange", "--data", str(icio_folder), "--mrio", "oecd_icio", "--years", "2019"]
    )
    assert r.exit_code == 0, r.output
    lines = r.stdout.strip().splitlines()
    assert lines[0].startswith("iso3,year")
    assert sorted(line.split(",")[0] for line in lines[1:]) == sorted(REG)
    assert all(line.split(",")[1] == "2019" for line in lines[1:])


def test_pipeline_scenario_moves_to_icio_mining(icio_folder):
    ctx = DataContext(data=icio_folder, mrio="oecd_icio")
    out = shock(ctx, "nord_stream", engine="leontief")
    notes = out.attrs["notes"]
    assert notes[0] == "scenario moved from wiod2013 2011 to oecd_icio 2020"
    assert "sectors c2 -> B05_06" in " ".join(notes)
    deu = out[out["iso3"] == "DEU"]
    # Germany loses output only in the demand for Russian mining: the Leontief loss
    # falls on the exporter, so Russia's mining output drops by the cut deliveries
    rus_min = out[(out["iso3"] == "RUS") & (out["sector"] == "B05_06")]
    assert float(rus_min["output_change_musd"].iloc[0]) < 0
    assert float(deu["output_change_musd"].sum()) <= 0


def test_sector_translation_refuses_part_of_a_group(icio_folder, tmp_path):
    spec = tmp_path / "food.yaml"
    spec.write_text(
        "name: food\nbase_year: 2011\ntable: wiod2013\nshocks:\n"
        "  - kind: bilateral_cut\n    exporter: RUS\n    importer: DEU\n"
        "    sectors: [c3]\n    percent: 50\n"
    )
    r = CliRunner().invoke(
        app, ["shock", str(spec), "--data", str(icio_folder), "--mrio", "oecd_icio"]
    )
    assert r.exit_code == 1
    assert "part of the MAN group" in r.output and "c3" in r.output


def test_report_compares_the_drain_across_databases(icio_folder):
    from worldsystem.report.sections import exchange as section
    from worldsystem.report.sections.exchange import across_sources

    across, absent = across_sources(DataContext(data=icio_folder))
    assert list(across["database"]) == ["wiod2013", "oecd_icio"]
    assert list(across["year"]) == [2011, 2020]
    assert absent == ["exiobase", "gloria", "eora26"]
    wiod = across.iloc[0]
    # WIOD 2011: the South (incl. the rest of the world) is a net exporter of hours
    assert wiod["net_hours"] > 0
    out = section.Output()
    section._across_output(out, across, absent)
    assert out.tables[0].id == "exchange-sources"
    assert "Across 2 databases" in out.paragraphs[0]
    assert "Not in the data folder" in out.paragraphs[1]


def test_dependence_on_one_product_from_the_chosen_table(icio_folder):
    r = CliRunner().invoke(
        app,
        ["dependence", "--data", str(icio_folder), "--country", "DEU", "--on", "RUS",
         "--sector", "c2", "--mrio", "oecd_icio", "--years", "2019"],
    )  # fmt: skip
    assert r.exit_code == 0, r.output
    head, row = r.stdout.strip().splitlines()
    got = dict(zip(head.split(","), row.split(","), strict=True))
    # by hand from the fixture: DEU's B05_06 imports = RUS 3+30+90 (industries) + 0
    # (final) = 123; ROW 1+20+40 + 12 (households) = 73; domestic 102 + 110 = 212
    assert float(got["imports_musd"]) == pytest.approx(196.0)
    assert float(got["import_share"]) == pytest.approx(123 / 196)
    assert (got["partner_rank"], got["top_supplier"]) == ("1", "RUS")
    assert float(got["domestic_musd"]) == pytest.approx(212.0)


def test_wiod_russian_mining_share_of_germany_drops_in_2011(real_data):
    """WIOD 2013 release: Russia's share of Germany's mining imports is 17-24 % in
    2005-2010 (first supplier) and 8.7 % in 2011 (second, behind Canada), the
    artefact issue 21 names (energy statistics put Russia above a third of
    Germany's oil and gas imports)."""
    from worldsystem.workflows.supply import supply_dependence

    t = supply_dependence(
        DataContext(data=real_data, years=(2005, 2011)), country="DEU", on="RUS", sector="c2"
    ).set_index("year")
    assert (t.loc[2005:2010, "import_share"] > 0.15).all()
    assert (t.loc[2005:2010, "partner_rank"] == 1).all()
    assert t.loc[2011, "import_share"] == pytest.approx(0.0872, abs=5e-4)
    assert t.loc[2011, "top_supplier"] == "CAN"


def test_exchange_year_batches_on_dask_equal_in_process(real_data):
    pytest.importorskip("dask.distributed")
    import pandas as pd

    from worldsystem.workflows import exchange

    ctx = DataContext(data=real_data)
    res, pairs = exchange(ctx, years=[2010, 2011])
    dres, dpairs = exchange(ctx, years=[2010, 2011], scheduler="local")
    pd.testing.assert_frame_equal(res, dres)
    pd.testing.assert_frame_equal(pairs, dpairs)
