"""Shock engines on WIOD 2013 (2011 table): the pipeline and G7-Russia sanctions.

Context figure: Bachmann et al. (2022), "What if? The economic effects for
Germany of a stop of energy imports from Russia", ECONtribute policy brief 28:
a GDP loss of 0.5-3 % for Germany, depending on substitution. The test asserts
what the model justifies (a positive loss for Germany) and records the modelled
figure next to that range; it does not assert that the figure falls inside it.

Why the model differs from the published range:

* fixed coefficients and no substitution (the engines' stated assumptions), while
  Bachmann et al. use a multi-sector model with substitution elasticities;
* only WIOD industry c2 (mining and quarrying) from Russia is cut, not Russian
  refined products (c8) or energy routed through third countries; in the 2011
  WIOD table Germany's c2 imports from Russia are only about USD 2.3 bn
  (intermediate) plus 0.3 bn (final), a small part of Germany's energy imports from
  Russia in trade statistics (WIOD splits imports by origin with proportionality
  assumptions);
* the 2011 table, not 2021-22 prices and volumes.
"""

from __future__ import annotations

import pytest

from worldsystem import panels
from worldsystem.simulate import (
    ENGINES,
    compare_engines,
    load_scenario,
    prepare,
    run,
)

BACHMANN_RANGE = (0.005, 0.03)


@pytest.fixture(scope="module")
def base2011(real_data):
    return prepare(panels.mrio(2011, data=real_data, labour=None))


def test_pipeline_germany_loses_value_added(base2011):
    s = load_scenario("nord_stream")
    table = compare_engines(s, base2011)
    lo, hi = BACHMANN_RANGE
    lines = []
    for engine in ENGINES:
        share = float(table.loc["DEU", engine])
        # The cut removes inputs of German industry (ghosh, inoperability, cascade)
        # and sales of Russian c2, part of which was produced with German inputs
        # (leontief): every engine must show a loss for Germany.
        assert share > 0, engine
        where = "inside" if lo <= share <= hi else ("below" if share < lo else "above")
        lines.append(
            f"{engine:>13}: DEU value added lost {100 * share:.4f} % of GDP "
            f"({where} Bachmann et al. 2022: 0.5-3 %)"
        )
    print("\n" + "\n".join(lines))
    # Russia, the exporter, loses sales in the demand-driven engine.
    assert table.loc["RUS", "leontief"] > 0
    # The supply-side input shortage hits Germany harder than the lost-sales channel.
    assert table.loc["DEU", "inoperability"] > table.loc["DEU", "leontief"]


def test_pipeline_frame_columns_and_totals(base2011):
    s = load_scenario("nord_stream")
    out = run(s, base2011, engine="leontief")
    assert len(out) == 41 * 35
    deu = out[out.iso3 == "DEU"]
    # gdp_share_lost repeats the country's share: -sum dVA / VA of Germany
    va_deu = base2011.va_country[base2011.mrio.regions.index("DEU")]
    assert deu["gdp_share_lost"].nunique() == 1
    assert deu["gdp_share_lost"].iloc[0] == pytest.approx(
        -deu["value_added_change_musd"].sum() / va_deu, rel=1e-12
    )
    # Russian c2 loses at least the cut deliveries (2,311 + 301 in the table).
    rus_c2 = out[(out.iso3 == "RUS") & (out.sector == "c2")]["output_change_musd"].iloc[0]
    assert rus_c2 <= -2612.0 * 0.99


def test_sanctions_hit_russia_harder_than_the_g7(base2011):
    s = load_scenario("sanctions_2022")
    table = compare_engines(s, base2011)
    g7 = list(s.shocks[0].members_a)
    for engine in ENGINES:
        rus = table.loc["RUS", engine]
        g7_mean = table.loc[g7, engine].mean()
        print(f"{engine:>13}: RUS {100 * rus:.2f} % of GDP, G7 mean {100 * g7_mean:.2f} %")
        assert rus > g7_mean > 0, engine


def test_empty_scenario_on_wiod_is_exact(base2011):
    s = load_scenario("nord_stream").with_shocks(())
    out = run(s, base2011, engine="all")
    assert (out["output_change_musd"].to_numpy() == 0).all()
    assert (out["value_added_change_musd"].to_numpy() == 0).all()


# -- the CES substitution engine beside Bachmann et al. (2022) ---------------------------
# Published figures, all from the policy brief's abstract (bachmann2022; the full text
# of the simple-model section was not in any stored source, so its elasticities are
# not quoted here):
#   * shock: after substitution "about 30 % of gas consumption or 8 % of German energy
#     consumption over the next 12 months";
#   * headline: "a GDP decline in range between 0.5 % and 3 %";
#   * Baqaee-Farhi multi-sector model: "firmly below 1 %", "between 80 and 120 Euros
#     per German citizen per year";
#   * pessimistic (gas hard to substitute outside electricity): "about 2-2.5 % of GDP,
#     or about 1000 Euros per German citizen".
# The abstract's own ratio (1000 euro ~ 2-2.5 % of GDP, so 1 % ~ 400-500 euro) puts
# 80-120 euro at 0.16-0.30 % of GDP: BF_CENTRAL below.
BF_CENTRAL = (80 / 500 / 100, 120 / 400 / 100)  # fractions of GDP
SIGMA_SWEEP = (0.04, 0.1, 0.2)


def _ces_germany(base2011, **opts):
    out = run(load_scenario("nord_stream"), base2011, engine="ces", **opts)
    (deu,) = [r for r in out.attrs["interval"] if r["iso3"] == "DEU"]
    return out, deu


def test_pipeline_ces_inputs_come_from_the_table_and_the_cited_size(base2011):
    """lambda is the cited cost share, 2 % of GDP (bachmann2022vox: energy imports of
    about EUR 80 bn, around 2 % of GDP, in 2021; high 3.3 %, all energy at import
    prices), with the table's share beside it: Germany's use of c2 (all origins)
    over its GDP, about half of it. c is the cited 8 %, bounded by 3.5 % (Allianz
    2022: a 13 % gas gap after measures, x 8/30) and 13.3 % (half of gas not
    replaced, bachmann2022vox, x 8/30).
    """
    import numpy as np

    out, deu = _ces_germany(base2011)
    b = base2011
    s = b.mrio.sectors.index("c2")
    rows = np.arange(b.R) * b.S + s
    use = b.Z[np.ix_(rows, b.zcols("DEU"))].sum() + b.Y[np.ix_(rows, b.ycols("DEU"))].sum()
    va = b.va_country[b.mrio.regions.index("DEU")]
    assert deu["lambda_table"] == pytest.approx(use / va, rel=1e-12)
    assert (deu["lambda_low"], deu["lambda"], deu["lambda_high"]) == (0.02, 0.02, 0.033)
    # the table books about half the cited share: the gap the cited figure corrects
    assert 0.4 < deu["lambda_table"] / deu["lambda"] < 0.6
    assert (deu["c_low"], deu["c"], deu["c_high"]) == (0.035, 0.08, 0.133)
    assert "bachmann2022" in deu["sizing"] and "cost share 2.00%" in deu["sizing"]
    assert any("cited 2.00% of GDP" in n and "0.53 of it" in n for n in out.attrs["notes"])
    # the interval is ordered and the central loss is the frame's figure
    assert deu["loss_low"] < deu["loss"] < deu["loss_high"]
    share = out.loc[out.iso3 == "DEU", "gdp_share_lost"].iloc[0]
    assert share == pytest.approx(deu["loss"])
    # substitution aside, each CES loss lies between Hulten's first order lambda*c
    # and the Leontief limit c
    for lo_hi in ("low", "high"):
        c = deu[f"c_{lo_hi}"]
        assert deu[f"lambda_{lo_hi}"] * c < deu[f"loss_{lo_hi}"] < c
    print(
        f"\nces: DEU lambda {deu['lambda']:.4f}, c {deu['c_low']:.3f}/{deu['c']:.2f}/"
        f"{deu['c_high']:.3f}: loss {deu['loss_low']:.3%} - {deu['loss']:.3%} - "
        f"{deu['loss_high']:.3%} of GDP (Bachmann et al. 2022: 0.5-3 %)"
    )


def _sweep(base2011):
    """Germany's loss at the cited central shortfall, per elasticity of the sweep."""
    losses = {}
    for sg in SIGMA_SWEEP:
        _, deu = _ces_germany(base2011, sigma=sg, sigma_low=sg, sigma_high=sg)
        losses[sg] = deu["loss"]
    print(
        "\nces sweep at c = 8 %: " + ", ".join(f"sigma {k:g}: {v:.3%}" for k, v in losses.items())
    )
    return losses


def test_pipeline_ces_central_overlaps_the_baqaee_farhi_figure(base2011):
    """Side by side with the brief's Baqaee-Farhi result for the same shock
    (bachmann2022, abstract: 80-120 euro a head, about 0.16-0.30 % of GDP by the
    abstract's own euro-to-GDP ratio): over the elasticity sweep at the cited 8 %
    shortfall the CES losses reach into that interval.
    """
    losses = _sweep(base2011)
    lo, hi = BF_CENTRAL
    assert min(losses.values()) <= hi and max(losses.values()) >= lo


@pytest.mark.xfail(
    strict=True,
    reason="below the published range at the cited shock: with the cited cost share "
    "(energy imports, 2 % of GDP in 2021; the WIOD 2011 table's c2 use is 1.05 %) and "
    "the cited 8 % energy shortfall, the CES loss is 0.500 % (sigma 0.04), 0.245 % "
    "(0.1), 0.197 % (0.2) of GDP, against 0.5-3 % at every elasticity; nothing tuned",
)
def test_pipeline_ces_loss_in_bachmann_range(base2011):
    """Side by side with Bachmann et al. (2022), ECONtribute policy brief 28: a stop
    of Russian energy imports costs Germany 0.5-3 % of GDP in the short run. At the
    cited central shortfall, Germany's loss at every elasticity of the sweep should
    fall in that range.
    """
    lo, hi = BACHMANN_RANGE
    assert all(lo <= v <= hi for v in _sweep(base2011).values())


def test_pipeline_ces_interval_over_size_and_sigma(base2011):
    """The reported interval spans the size bounds as well as the elasticities:
    loss_low (sigma 0.2, 3.5 %) lies below and loss_high (sigma 0.04, 13.3 %) above
    every central-size loss of the sweep.
    """
    _, deu = _ces_germany(base2011)
    losses = _sweep(base2011)
    assert deu["loss_low"] < min(losses.values())
    assert deu["loss_high"] > max(losses.values())


def test_blockade_chart_shows_each_engines_largest_losers(real_data):
    """The report's blockade chart: inoperability losses (about 18-33% of GDP) are
    an order larger than Leontief's, so ranking by the largest loss across engines
    showed only inoperability's top ten and left out China, the largest Leontief
    loser. Taking each engine's largest losers in turn shows every engine's top three."""
    from worldsystem import simulate as sim
    from worldsystem import workflows
    from worldsystem.report.sections.shocks import most_affected

    res = workflows.shock(workflows.DataContext(data=real_data), "blockade", engine="all")
    summ = sim.country_summary(res)
    by_engine = summ.pivot_table(index="iso3", columns="engine", values="gdp_share_lost")
    engines = tuple(e for e in ENGINES if e in by_engine.columns)
    shown = most_affected(by_engine, engines)
    assert len(shown) == 10
    assert by_engine["leontief"].idxmax() == "CHN" and "CHN" in shown
    assert "CHN" not in by_engine.max(axis=1).nlargest(10).index  # the old rule
    for e in engines:
        assert set(by_engine[e].nlargest(3).index) <= set(shown), e
