"""Mode counts, critical bandwidths and Silverman's test (measures.position.modes)."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError
from worldsystem.measures import position as P
from worldsystem.measures.position import modes as M


@pytest.mark.parametrize(
    ("y", "h", "expected"),
    [
        # two points at distance d: bimodal iff d > 2h
        ([0.0, 3.0], 1.0, 2),
        ([0.0, 1.0], 1.0, 1),
        ([0.0, 2.0], 0.9, 2),
        ([0.0, 2.0], 1.1, 1),
        ([5.0], 0.3, 1),  # one value: one bump
        ([0.0, 10.0, 20.0], 1.0, 3),  # far apart: one mode each
        ([0.0, 0.0, 5.0, 5.0], 1.0, 2),  # ties are one bump
        ([0.0, 10.0, 10.5, 11.0, 100.0], 1.0, 3),  # a close group is one mode; the far
        # value's derivative underflows to zero between the groups
    ],
)
def test_mode_count_hand_cases(y, h, expected):
    assert M.kde_mode_count(y, h) == expected


def test_mode_count_does_not_increase_with_the_bandwidth():
    y = np.random.default_rng(3).normal(0.0, 1.0, 80)
    counts = [M.kde_mode_count(y, h) for h in np.geomspace(0.02, 2.0, 30)]
    assert counts[0] > 5 and counts[-1] == 1
    assert all(a >= b for a, b in itertools.pairwise(counts))


@pytest.mark.parametrize("d", [0.4, 2.0, 7.5])
def test_critical_bandwidth_of_two_points_is_half_their_distance(d):
    # f_h of {0, d} is bimodal iff d > 2h, so h_1 = d / 2
    assert M.critical_bandwidth([1.0, 1.0 + d], 1) == pytest.approx(d / 2, rel=1e-3)


def test_critical_bandwidth_brackets_the_mode_count():
    y = np.random.default_rng(4).normal(0.0, 1.0, 60)
    for k in (1, 2, 3):
        h = M.critical_bandwidth(y, k)
        assert M.kde_mode_count(y, h) <= k < M.kde_mode_count(y, h * 0.999)
    assert M.critical_bandwidth(y, 1) >= M.critical_bandwidth(y, 2)


def test_three_separated_groups_reject_one_and_two_modes():
    rng = np.random.default_rng(0)
    y = np.concatenate([rng.normal(m, 0.5, 60) for m in (0.0, 6.0, 12.0)])
    h1, p1 = M.silverman_test(y, 1, n_boot=200, seed=0)
    h2, p2 = M.silverman_test(y, 2, n_boot=200, seed=0)
    assert p1 < 0.05 and p2 < 0.01
    assert h1 >= h2 > 1.0  # the groups stay apart until h is about half their distance


def test_one_normal_sample_does_not_reject_one_mode():
    y = np.random.default_rng(0).normal(8.0, 1.0, 200)
    _, p = M.silverman_test(y, 1, n_boot=200, seed=0)
    assert p > 0.10


def test_silverman_test_is_reproducible_for_a_seed():
    y = np.random.default_rng(5).normal(0.0, 1.0, 100)
    a = M.silverman_test(y, 1, n_boot=100, seed=7)
    assert a == M.silverman_test(y, 1, n_boot=100, seed=7)
    # location and scale do not change mode counts: the same seed gives the same p
    b = M.silverman_test(3.0 + 2.0 * y, 1, n_boot=100, seed=7)
    assert b[0] == pytest.approx(2.0 * a[0], rel=2e-4) and b[1] == pytest.approx(a[1], abs=0.02)


@pytest.mark.parametrize(
    ("y", "k", "field"),
    [
        ([1.0, 2.0, 3.0], 0, "k"),
        ([1.0, 2.0, 3.0], 1.5, "k"),
        ([1.0, 2.0, 3.0], True, "k"),
        ([1.0], 1, "y"),
        ([2.0, 2.0, 2.0, np.nan], 1, "y"),
        ([1.0, 2.0], 2, "y"),
    ],
)
def test_too_few_values_or_bad_k_is_a_model_error(y, k, field):
    with pytest.raises(ModelError) as e:
        M.silverman_test(y, k)
    assert e.value.field == field
    with pytest.raises(ModelError):
        M.critical_bandwidth(y, k)


def test_bad_n_boot_and_bandwidth_are_model_errors():
    with pytest.raises(ModelError, match="n_boot"):
        M.silverman_test([1.0, 2.0, 5.0], 1, n_boot=0)
    with pytest.raises(ModelError, match="bandwidth"):
        M.kde_mode_count([1.0, 2.0], 0.0)


def _frame(values_by_year):
    rows = []
    for year, y in values_by_year.items():
        rows += [(f"C{i:03d}", year, float(np.exp(v))) for i, v in enumerate(y)]
    return pd.DataFrame(rows, columns=["iso3", "year", "g"])


def test_income_cutpoints_record_silverman_p_values_and_note_noise():
    rng = np.random.default_rng(0)
    three = np.concatenate([rng.normal(m, 0.3, 50) for m in (6.0, 8.5, 11.0)])
    one = rng.normal(8.0, 1.0, 150)  # one mode: any three zones are noise
    f = _frame({2000: three, 2001: one})
    cp = P.income_cutpoints(f, value_col="g", window=1, silverman=200, seed=3)
    assert {"h_crit1", "p_silverman1", "h_crit2", "p_silverman2"} <= set(cp.columns)
    by = cp.set_index("year")
    for year, y in ((2000, three), (2001, one)):
        for k in (1, 2):  # the test runs on the values the cut uses, with the seed
            h, p = M.silverman_test(np.log(np.exp(y)), k, n_boot=200, seed=3)
            assert by.loc[year, f"h_crit{k}"] == pytest.approx(h)
            assert by.loc[year, f"p_silverman{k}"] == pytest.approx(p)
    assert by.loc[2000, "p_silverman2"] < 0.10 <= by.loc[2001, "p_silverman2"]
    rec = next(m for m in prov.get(cp).methods if m.name == "income_cutpoints").to_dict()
    sv = rec["params"]["silverman"]
    assert dict(sv)["n_boot"] == 200 and dict(sv)["seed"] == 3
    p_values = dict(dict(sv)["p_values"])
    assert p_values["2001"] == [by.loc[2001, "p_silverman1"], by.loc[2001, "p_silverman2"]]
    notes = [n for n in prov.get(cp).notes if "Silverman" in n]
    assert len(notes) == 1 and "of 2001:" in notes[0] and "2000" not in notes[0]
    # off by default; silverman_years limits the years tested
    plain = P.income_cutpoints(f, value_col="g", window=1)
    assert "p_silverman1" not in plain.columns
    assert not any("Silverman" in n for n in prov.get(plain).notes)
    only = P.income_cutpoints(f, value_col="g", window=1, silverman=50, silverman_years=[2000])
    assert np.isfinite(only.p_silverman2[0]) and np.isnan(only.p_silverman2[1])


def test_positions_carry_the_silverman_note():
    rng = np.random.default_rng(0)
    f = _frame({2001: rng.normal(8.0, 1.0, 150)}).rename(columns={"g": "gdppc_ppp"})
    out = P.positions(
        f, None, years=[2001], methods=["income_ppp"], income_window=1, income_silverman=100
    )
    assert any("Silverman" in n and "gdppc_ppp" in n for n in prov.get(out).notes)
    plain = P.positions(f, None, years=[2001], methods=["income_ppp"], income_window=1)
    assert not any("Silverman" in n for n in prov.get(plain).notes)


@pytest.mark.parametrize("bad", [-1, 1.5, True])
def test_income_silverman_must_be_a_count(bad):
    f = _frame({2000: np.random.default_rng(0).normal(8.0, 1.0, 60)})
    with pytest.raises(ModelError) as e:
        P.income_cutpoints(f, value_col="g", silverman=bad)
    assert e.value.field == "silverman"


def test_groups_of_one_value_are_the_plain_test():
    y = np.random.default_rng(6).normal(0.0, 1.0, 90)
    labels = [f"c{i}" for i in range(90)]
    assert M.silverman_test(y, 2, n_boot=100, groups=labels) == M.silverman_test(y, 2, n_boot=100)


def test_groups_keep_repeated_values_from_counting_as_evidence():
    # five noisy copies of 150 normal values (a pooled window of a unimodal world):
    # resampled one by one, the copies look like 750 independent values and "reject"
    rng = np.random.default_rng(0)
    y = rng.normal(8.0, 1.0, 150)
    pooled = np.concatenate([y + rng.normal(0.0, 0.03, 150) for _ in range(5)])
    country = np.tile(np.arange(150), 5)
    _, p_single = M.silverman_test(y, 2, n_boot=300)
    _, p_values = M.silverman_test(pooled, 2, n_boot=300)
    _, p_groups = M.silverman_test(pooled, 2, n_boot=300, groups=country)
    assert p_single > 0.10 and p_groups > 0.10 and p_values < 0.05
    with pytest.raises(ModelError) as e:
        M.silverman_test(pooled, 2, groups=country[:10])
    assert e.value.field == "groups"


def test_income_cutpoints_test_the_pool_by_country():
    rng = np.random.default_rng(1)
    base = rng.normal(8.0, 1.0, 60)
    f = _frame({y: base + rng.normal(0.0, 0.02, 60) for y in range(1998, 2003)})
    cp = P.income_cutpoints(f, value_col="g", years=[2000], silverman=100, seed=2)
    # the cut pools 1998-2002, each year centred on its median and placed at 2000's
    logs = {y: np.log(g.set_index("iso3")["g"]) for y, g in f.groupby("year")}
    level = float(np.median(logs[2000]))
    v = np.concatenate([logs[y] - np.median(logs[y]) + level for y in range(1998, 2003)])
    who = np.concatenate([logs[y].index for y in range(1998, 2003)])
    h, p = M.silverman_test(v, 2, n_boot=100, seed=2, groups=who)
    assert cp.pooled_years[0] == 5
    assert cp.h_crit2[0] == pytest.approx(h) and cp.p_silverman2[0] == pytest.approx(p)
