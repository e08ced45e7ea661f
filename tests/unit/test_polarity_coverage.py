"""Polarity without artefacts: fixed candidate powers, missing is not absent, robustness
over the indices that cover a year, the headline composite's fallback."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from worldsystem.measures import polarity as P

COLD_WAR = ["USA", "RUS", "GBR", "FRA", "CHN"]


def test_candidate_set_is_fixed_over_1919_21_and_1945_47():
    c = P.candidate_powers(range(1917, 1950), by="iso3").groupby("year")["iso3"].apply(set)
    # COW's list changes inside both windows (the old artefact): Germany and Russia
    # are off it in 1919-21, China joins in 1950 and France rejoins in 1945
    cow = P.major_powers(range(1917, 1950), by="iso3").groupby("year")["iso3"].apply(set)
    assert "DEU" not in cow[1920] and "RUS" not in cow[1920]
    assert cow[1944] != cow[1945]
    # the candidates do not change inside either window
    assert c[1919] == c[1920] == c[1921] == {"USA", "GBR", "FRA", "DEU", "ITA", "JPN", "RUS"}
    assert c[1946] == c[1947] == set(COLD_WAR)
    assert c[1945] == c[1921]  # the 1919-45 era runs to 1945
    eras = P.GREAT_POWER_ERAS
    assert all(a[1] + 1 == b[0] for a, b in itertools.pairwise(eras))
    assert eras[0][0] == 1816 and eras[-1][1] is None


def _cold_war_frame(milex_rus=np.nan):
    # "milex_nmc" stands for COW's expenditure (the composite's military dimension)
    return pd.DataFrame(
        {
            "iso3": [*COLD_WAR, "IND"],
            "year": 1960,
            "milex_nmc": [50.0, milex_rus, 8.0, 6.0, 6.0, 2.0],
            "warheads": [20000.0, 1600.0, 30.0, 0.0, 0.0, 0.0],
        }
    )


def test_missing_candidate_is_missing_not_absent():
    f = _cold_war_frame()
    cols = {"milex": "milex_nmc"}
    cov = P.coverage(P.index_shares(f, "milex", columns=cols), among="candidates")
    assert cov.loc[0, "missing"] == "RUS" and not cov.loc[0, "covered"]
    t = P.polarity_table(f, index="milex", among="candidates", columns=cols)
    # without the check the US would be "unipolar" with Britain second
    assert t.loc[0, "polarity"] == P.NOT_ENOUGH_DATA
    assert t.loc[0, "missing"] == "RUS"
    assert np.isnan(t.loc[0, "robustness"])
    # a state outside the candidates (IND) never makes a year uncovered
    g = _cold_war_frame(40.0)
    g.loc[g["iso3"] == "IND", "milex_nmc"] = np.nan
    t2 = P.polarity_table(g, index="milex", among="candidates", columns=cols)
    assert t2.loc[0, "polarity"] != P.NOT_ENOUGH_DATA and t2.loc[0, "missing"] == ""


def test_composite_falls_back_to_the_dimensions_that_cover_the_year():
    f = _cold_war_frame()
    t = P.polarity_table(
        f, index="composite", among="candidates", columns={"milex_cow": "milex_nmc"}
    )
    assert t.loc[0, "dimensions"] == "nuclear"
    assert t.loc[0, "left_out"] == "milex_cow (missing RUS)"
    # nuclear only: US 20000 / 21630 of the candidates' warheads
    assert t.loc[0, "leader_share"] == pytest.approx(20000 / 21630)
    assert t.loc[0, "polarity"] == "unipolar"
    # with the USSR's expenditure present, both dimensions enter with equal weight
    g = _cold_war_frame(40.0)
    t2 = P.polarity_table(
        g, index="composite", among="candidates", columns={"milex_cow": "milex_nmc"}
    )
    assert t2.loc[0, "dimensions"] == "milex_cow+nuclear" and t2.loc[0, "left_out"] == ""
    # shares of the whole system (India's 2 included: 112), then among the candidates
    us = (50 / 112 + 20000 / 21630) / 2
    ru = (40 / 112 + 1600 / 21630) / 2
    gb = (8 / 112 + 30 / 21630) / 2
    fr = cn = (6 / 112 + 0.0) / 2
    assert t2.loc[0, "leader_share"] == pytest.approx(us / (us + ru + gb + fr + cn), rel=1e-9)
    assert t2.loc[0, "second_iso3"] == "RUS"
    # every index's call stands beside the headline
    assert {"call_composite", "call_milex_cow", "call_nuclear"} <= set(t2.columns)


def test_robustness_counts_only_indices_that_cover_the_year():
    # year 2000: both indices cover; year 2001: warheads are missing for every candidate
    f = pd.DataFrame(
        {
            "iso3": COLD_WAR * 2,
            "year": [2000] * 5 + [2001] * 5,
            "milex": [70.0, 10.0, 5.0, 5.0, 10.0] * 2,
            "warheads": [5000.0, 5000.0, 200.0, 300.0, 300.0] + [np.nan] * 5,
        }
    )
    t = P.polarity_table(
        f, index="milex", among="candidates", robustness_indices=["milex", "nuclear"]
    ).set_index("year")
    assert t.loc[2000, "n_indices_covering"] == 2
    assert t.loc[2001, "n_indices_covering"] == 1
    # 2001: only milex counts; milex (.7, .1, .1) is unipolar at every grid point
    assert t.loc[2001, "polarity"] == "unipolar"
    assert t.loc[2001, "robustness"] == pytest.approx(1.0)
    assert t.loc[2001, "call_nuclear"] == P.NOT_ENOUGH_DATA
    # 2000: nuclear (.463, .463, ...) is never unipolar, so robustness is 81/162
    assert t.loc[2000, "robustness"] == pytest.approx(0.5)
