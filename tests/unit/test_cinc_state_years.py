"""CINC on COW's own state-years: the 1990 overlap (two COW states, one ISO3).

A hand-made data folder in the official COW layouts (``states2016.csv``,
``NMC-70-abridged.csv``) with West Germany (260) and unified Germany (255) in 1990,
both ISO3 ``DEU``, and one other state. CINC must be computed over all three
state-years, as COW computes it; the values below are worked out by hand.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from worldsystem.measures.polarity import cinc_difference
from worldsystem.sources import cow_nmc

STATES = (
    "stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version\n"
    "USA,2,United States of America,1816,1,1,2016,12,31,2016\n"
    "GMY,255,Germany,1990,10,3,2016,12,31,2016\n"
    "GFR,260,German Federal Republic,1955,5,5,1990,10,2,2016\n"
)
MAJORS = "stateabb,ccode,styear,stmonth,stday,endyear,endmonth,endday,version\n"
# all six components equal to 1 for the US; each German state has 1 of every
# component except tpop, where 255 has 3 and 260 has 0 (a hand-made contrast)
NMC = (
    "stateabb,ccode,year,milex,milper,irst,pec,tpop,upop,version\n"
    "USA,2,1990,2,2,2,2,2,2,7.0\n"
    "GMY,255,1990,1,1,1,1,3,1,7.0\n"
    "GFR,260,1990,1,1,1,1,0,1,7.0\n"
)


def _folder(tmp: Path, nmc: str = NMC) -> Path:
    (tmp / "cow_states").mkdir(parents=True)
    (tmp / "cow_states" / "states2016.csv").write_text(STATES)
    (tmp / "cow_states" / "majors2016.csv").write_text(MAJORS)
    (tmp / "cow_nmc").mkdir()
    (tmp / "cow_nmc" / "NMC-70-abridged.csv").write_text(nmc)
    return tmp


def test_capabilities_keep_both_german_states_of_1990(tmp_path):
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.polarity import capabilities

    ctx = DataContext(data=_folder(tmp_path), years=(1990, 1990))
    cap = capabilities(ctx).set_index("ccode")
    assert sorted(cap.index) == [2, 255, 260]
    assert (cap.loc[[255, 260], "iso3"] == "DEU").all()
    # by hand: system totals are 4 for every component but tpop, which is 5
    # US: (5 * 2/4 + 2/5) / 6 = 0.48333; 255: (5 * 1/4 + 3/5) / 6 = 0.30833;
    # 260: (5 * 1/4 + 0) / 6 = 0.20833
    np.testing.assert_allclose(
        cap.loc[[2, 255, 260], "cinc"], [0.48333333, 0.30833333, 0.20833333], rtol=1e-7
    )
    assert cap["cinc"].sum() == pytest.approx(1.0)


def test_capability_frame_joins_iso3_inputs_on_the_documented_row(tmp_path):
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.inputs import capability_frame

    frame = capability_frame(DataContext(data=_folder(tmp_path), years=(1990, 1990)))
    assert frame.duplicated(["ccode", "year"]).sum() == 0
    assert set(frame["ccode"]) == {2, 255, 260}
    # the panel's DEU row of 1990 is West Germany (the concordance's state of 1990)
    from worldsystem import countries

    assert int(countries.iso3_to_cow(["DEU"], year=[1990])[0]) == 260


def test_official_cinc_absent_and_present(tmp_path):
    root = _folder(tmp_path)
    assert cow_nmc.official_cinc(root) is None
    with_cinc = NMC.replace("version\n", "version,cinc\n", 1)
    lines = with_cinc.splitlines()
    vals = ["0.48333", "0.30833", "0.22"]  # 260 is off by 1.167e-2 (5.6 %)
    text = (
        "\n".join([lines[0]] + [f"{ln},{v}" for ln, v in zip(lines[1:], vals, strict=True)]) + "\n"
    )
    (root / "cow_nmc" / "NMC-70-abridged.csv").write_text(text)
    off = cow_nmc.official_cinc(root)
    assert list(off.columns) == ["ccode", "year", "cinc"]
    r = cinc_difference(cow_nmc.load(root), off)
    assert r["n"] == 3
    assert (r["ccode"], r["year"]) == (260, 1990)
    assert r["max_abs_diff"] == pytest.approx(0.22 - 0.20833333, abs=1e-7)
    assert r["n_off_1pct"] == 1


def test_data_check_prints_the_cinc_difference(tmp_path):
    from typer.testing import CliRunner

    from worldsystem.cli import app

    root = _folder(tmp_path)
    runner = CliRunner()
    res = runner.invoke(app, ["data", "check", "cow_nmc", "--data", str(root)])
    assert res.exit_code == 0, res.output
    assert "no cinc column" in res.output
    text = NMC.replace("version\n", "version,cinc\n", 1).splitlines()
    vals = ["0.483333333", "0.308333333", "0.208333333"]
    body = "\n".join([text[0]] + [f"{ln},{v}" for ln, v in zip(text[1:], vals, strict=True)]) + "\n"
    (root / "cow_nmc" / "NMC-70-abridged.csv").write_text(body)
    res = runner.invoke(app, ["data", "check", "cow_nmc", "--data", str(root)])
    assert res.exit_code == 0, res.output
    assert "on 3 state-years: max |diff| = 3.33e-10" in res.output
    assert "0 off by more than 1%" in res.output


def test_official_cinc_out_of_range_is_an_error(tmp_path):
    from worldsystem.core.errors import SchemaError

    root = _folder(tmp_path)
    lines = NMC.replace("version\n", "version,cinc\n", 1).splitlines()
    text = "\n".join([lines[0]] + [f"{ln},1.5" for ln in lines[1:]]) + "\n"
    (root / "cow_nmc" / "NMC-70-abridged.csv").write_text(text)
    with pytest.raises(SchemaError) as exc:
        cow_nmc.official_cinc(root)
    assert exc.value.field == "cinc"


def test_one_row_per_iso3_keeps_the_join_rule_state():
    import pandas as pd

    from worldsystem.workflows.inputs import one_row_per_iso3

    f = pd.DataFrame(
        {
            "iso3": ["DEU", "DEU", "DEU", "USA"],
            "ccode": [255, 260, 255, 2],
            "year": [1990, 1990, 1991, 1990],
            "share": [0.3, 0.2, 0.3, 0.5],
        }
    )
    out = one_row_per_iso3(f)
    assert out[["ccode", "year"]].values.tolist() == [[260, 1990], [255, 1991], [2, 1990]]
