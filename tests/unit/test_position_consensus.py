"""Consensus by method family, consensus rows, and income cut points at the
distribution's own antimodes (narrower bandwidth before the mixture fallback)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.measures import position as P

NETWORK = ["cp_continuous", "cp_three_tier", "blockmodel_se", "blockmodel_rege"]


def _votes(zones: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": "X", "year": 2014, "method": list(zones), "zone": list(zones.values())}
    )


def test_families_not_methods_carry_the_weight():
    # four network methods say core, both income methods periphery, multiplex periphery
    r = _votes(
        {
            **dict.fromkeys(NETWORK, "core"),
            "income_xr": "periphery",
            "income_ppp": "periphery",
            "multiplex": "periphery",
        }
    )
    fam = P.position_ensemble(r)
    assert fam.loc[0, "zone"] == "periphery"
    assert fam.loc[0, "share"] == pytest.approx(2 / 3)  # income 1 + multiplex 1 of 3
    assert fam.loc[0, "n_methods"] == 7
    meth = P.position_ensemble(r, weight="method")
    assert meth.loc[0, "zone"] == "core" and meth.loc[0, "share"] == pytest.approx(4 / 7)


def test_family_weights_split_within_a_family():
    # network: 3 core + 1 semi (core .75, semi .25); income: semi + periphery (.5, .5)
    r = _votes(
        {
            "cp_continuous": "core",
            "cp_three_tier": "core",
            "blockmodel_se": "core",
            "blockmodel_rege": "semi-periphery",
            "income_xr": "semi-periphery",
            "income_ppp": "periphery",
        }
    )
    e = P.position_ensemble(r)
    # core .75, semi .75, periphery .5 of 2: tie core/semi -> nearest the weighted
    # median (cumulative .75, 1.5 >= 1 -> semi-periphery)
    assert e.loc[0, "zone"] == "semi-periphery"
    assert e.loc[0, "share"] == pytest.approx(0.375)


def test_with_consensus_rows():
    r = pd.concat(
        [
            _votes({"income_xr": "core", "cp_continuous": "core", "multiplex": "periphery"}),
            _votes({"income_xr": "semi-periphery", "cp_continuous": "periphery"}).assign(iso3="Y"),
        ],
        ignore_index=True,
    ).assign(score=1.0)
    out = P.with_consensus(r)
    cons = out[out["method"] == P.CONSENSUS].set_index("iso3")
    assert cons.loc["X", "zone"] == "core" and cons.loc["X", "score"] == pytest.approx(2 / 3)
    assert cons.loc["Y", "score"] == pytest.approx(0.5)
    assert list(out.columns) == P.RESULT_COLUMNS
    # idempotent: existing consensus rows are replaced, and ignored by the ensemble
    again = P.with_consensus(out)
    assert (again["method"] == P.CONSENSUS).sum() == 2
    pd.testing.assert_frame_equal(P.position_ensemble(out), P.position_ensemble(r))


def test_cli_position_all_writes_consensus_rows(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from worldsystem.cli import app

    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    path = tmp_path / "pos.csv"
    res = CliRunner().invoke(app, ["position", "--method", "all", "--out", str(path)])
    assert res.exit_code == 0, res.output
    out = pd.read_csv(path)
    cons = out[out["method"] == "consensus"]
    others = out[out["method"] != "consensus"]
    assert len(cons) == len(others.drop_duplicates(["iso3", "year"]))
    assert cons["score"].between(0, 1).all()


def _three_modes(narrow_top: bool) -> pd.DataFrame:
    # periphery and semi-periphery wide apart; a core mode close to the semi-periphery,
    # which a wide kernel merges with it
    rng = np.random.default_rng(3)
    top = 8.7 if narrow_top else 10.0
    y = np.concatenate(
        [rng.normal(6.0, 0.3, 60), rng.normal(8.0, 0.3, 60), rng.normal(top, 0.15, 30)]
    )
    return pd.DataFrame(
        {"iso3": [f"C{i}" for i in range(len(y))], "year": 2000, "gdppc": np.exp(y)}
    )


def test_density_narrows_before_falling_back_to_the_mixture():
    # at 0.2 s_y (the default was 0.2 before 0.15) a wide kernel merges the modes at
    # 8 and 8.7; the rule narrows the bandwidth before it falls back to the mixture
    wide = P.income_cutpoints(_three_modes(False), value_col="gdppc", bw_method=0.2)
    assert wide.loc[0, "method"] == "density"
    f = _three_modes(True)
    cp = P.income_cutpoints(f, value_col="gdppc", bw_method=0.2)
    assert cp.loc[0, "method"].startswith("density (bandwidth")
    # the upper cut is the antimode between the modes at 8 and 8.7
    assert 8.0 < cp.loc[0, "cut_high"] < 8.7
    assert 6.0 < cp.loc[0, "cut_low"] < 8.0
    # the mixture would have been used before: it is a different rule
    mix = P.income_cutpoints(f, value_col="gdppc", method="mixture")
    assert mix.loc[0, "method"] == "mixture"


def test_family_agreement_summarises_the_consensus_ari_per_family():
    pairs = pd.DataFrame(
        {
            "method_a": ["consensus"] * 6 + ["income_xr"],
            "method_b": [
                "consensus",
                "income_xr",
                "income_ppp",
                "cp_continuous",
                "blockmodel_se",
                "multiplex",
                "multiplex",
            ],
            "n": 10,
            "ari": [1.0, 0.1, 0.3, 0.8, 0.4, float("nan"), 0.99],
            "kappa": 0.0,
        }
    )
    fam = P.family_agreement(pairs)
    # the diagonal, the NaN pair and other methods' rows do not count
    assert fam["family"].tolist() == ["network", "income"]
    net, inc = fam.iloc[0], fam.iloc[1]
    assert (net.n_methods, net.ari_min, net.ari_max) == (2, 0.4, 0.8)
    assert net.ari_mean == pytest.approx(0.6) and inc.ari_mean == pytest.approx(0.2)
    assert inc.methods == "income_xr, income_ppp"
    assert P.family_agreement(pairs, method="income_xr")["family"].tolist() == ["multiplex"]
    with pytest.raises(Exception, match="ari"):
        P.family_agreement(pairs.drop(columns="ari"))
