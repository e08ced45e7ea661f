"""The CES substitution engine: the formula by hand, its limits, cut sizes, the example world."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.simulate import ENGINES, load_scenario, prepare, run
from worldsystem.simulate.substitution import ces_loss


# -- the formula -------------------------------------------------------------------
def test_two_input_case_by_hand():
    # lambda = 1/2, c = 1/2.
    # sigma = 1/2: exponent (s-1)/s = -1, [0.5 + 0.5 * 2]^(-1) = 2/3, loss 1/3.
    assert ces_loss(0.5, 0.5, 0.5) == pytest.approx(1 / 3, rel=1e-12)
    # sigma = 2: exponent 1/2, [0.5 + 0.5 * sqrt(0.5)]^2 = 0.728553..., loss 0.271447...
    assert ces_loss(0.5, 0.5, 2.0) == pytest.approx(1 - (0.5 + 0.5 * math.sqrt(0.5)) ** 2)
    assert ces_loss(0.5, 0.5, 2.0) == pytest.approx(0.2714466, abs=1e-7)


def test_cobb_douglas_limit():
    # sigma = 1: Y = X^(1-lam) E^lam, loss = 1 - (1-c)^lam.
    lam, c = 0.3, 0.4
    cd = 1 - 0.6**0.3
    assert ces_loss(lam, c, 1.0) == pytest.approx(cd, rel=1e-12)
    # and the CES formula is continuous through sigma = 1
    assert ces_loss(lam, c, 1.0 + 1e-6) == pytest.approx(cd, rel=1e-5)
    assert ces_loss(lam, c, 1.0 - 1e-6) == pytest.approx(cd, rel=1e-5)


def test_leontief_limit():
    # sigma -> 0: output falls one for one with the scarce input, loss = c.
    assert ces_loss(0.3, 0.2, 0.0) == 0.2
    assert ces_loss(0.3, 0.2, 1e-4) == pytest.approx(0.2, abs=1e-3)
    # near 0 the (1-c) term dominates: loss ~ 1 - (1-c) lam^(sigma/(sigma-1)), which
    # converges slowly for a small cost share (0.01^-0.001 = 1.0046)
    assert ces_loss(0.01, 0.08, 1e-3) == pytest.approx(1 - 0.92 * 0.01 ** (1e-3 / (1e-3 - 1)))
    assert ces_loss(0.01, 0.08, 1e-7) == pytest.approx(0.08, abs=1e-5)


def test_first_order_is_hulten_and_loss_falls_with_sigma():
    # small shock: loss ~ lambda * c whatever sigma (Hulten's theorem)
    for sigma in (0.1, 0.5, 1.0, 3.0):
        assert ces_loss(0.05, 1e-6, sigma) == pytest.approx(0.05e-6, rel=1e-3)
    sig = np.array([0.02, 0.04, 0.1, 0.2, 0.5, 1.0, 2.0])
    losses = ces_loss(0.0105, 0.08, sig)
    assert np.all(np.diff(losses) < 0)
    # bounded by the Leontief loss c and at least the first-order lambda * c
    assert np.all(losses <= 0.08) and np.all(losses >= 0.0105 * 0.08)


def test_total_loss_of_the_input():
    assert ces_loss(0.2, 1.0, 0.5) == 1.0  # essential input, sigma < 1
    assert ces_loss(0.2, 1.0, 2.0) == pytest.approx(1 - 0.8**2)  # sigma > 1
    assert ces_loss(0.0, 0.5, 0.5) == 0.0 and ces_loss(0.3, 0.0, 0.5) == 0.0


def test_bad_arguments_raise():
    with pytest.raises(ModelError):
        ces_loss(0.1, 0.1, -0.5)
    with pytest.raises(ModelError):
        ces_loss(1.5, 0.1, 0.5)


# -- sizes in the scenario spec --------------------------------------------------------
CUT = """\
name: sized
base_year: 2011
table: wiod2013
shocks:
  - kind: bilateral_cut
    exporter: RUS
    importer: DEU
    sectors: [c2]
"""


def test_share_of_use_size_parses():
    s = load_scenario(
        CUT + "    size: {basis: share_of_use, share: 0.08, low: 0.05, high: 0.1,"
        " citation: bachmann2022, source: abstract}\n"
    )
    size = s.shocks[0].size
    assert (size.basis, size.share, size.low, size.high) == ("share_of_use", 0.08, 0.05, 0.1)
    assert s.shocks[0].percent == 100.0
    assert "bachmann2022" in size.describe() and "8.0%" in size.describe()


def test_quantity_size_parses():
    s = load_scenario(
        CUT + "    size: {basis: quantity, amount: 27, total: 90, unit: bcm, price: 300,"
        " citation: bachmann2022vox}\n"
    )
    size = s.shocks[0].size
    assert size.share == pytest.approx(0.3) and size.low == size.high == size.share
    assert (size.amount, size.total, size.unit, size.price) == (27.0, 90.0, "bcm", 300.0)
    assert "27 of 90 bcm at 300 per bcm" in size.describe()


@pytest.mark.parametrize(
    ("size", "field", "what"),
    [
        ("{basis: share_of_use, share: 0.08}", "shocks[0].size.citation", "missing"),
        ("{basis: share_of_use, share: 0.08, citation: nobody1999}", "citation", "unknown"),
        (
            "{basis: share_of_use, share: 0.08, citation: bachmann2022, sharre: 1}",
            "sharre",
            "unknown field",
        ),
        ("{basis: bcm, share: 0.08, citation: bachmann2022}", "basis", "must be one of"),
        ("{basis: share_of_use, share: 1.5, citation: bachmann2022}", "share", "between 0 and 1"),
        ("{basis: quantity, amount: 100, total: 90, citation: bachmann2022}", "amount", "between"),
        (
            "{basis: share_of_use, share: 0.08, low: 0.1, citation: bachmann2022}",
            "low",
            "low <= central",
        ),
    ],
)
def test_bad_sizes_are_clear_errors(size, field, what):
    with pytest.raises(SchemaError) as exc:
        load_scenario(CUT + f"    size: {size}\n")
    assert field in str(exc.value) and what in str(exc.value)
    assert exc.value.line == 9


def test_size_and_percent_exclude_each_other():
    with pytest.raises(SchemaError, match="either 'percent' or 'size'"):
        load_scenario(
            CUT + "    percent: 50\n    size: {basis: share_of_use, share: 0.1, "
            "citation: bachmann2022}\n"
        )


# -- the engine on the example world -------------------------------------------------
@pytest.fixture(scope="module")
def base(example_world):
    return prepare(example_world.mrio)


def _spec(base, body: str) -> str:
    m = base.mrio
    return f"""\
name: demo
base_year: 2019
table: example
shocks:
  - kind: bilateral_cut
    exporter: {m.regions[0]}
    importer: {m.regions[1]}
    sectors: [{m.sectors[0]}]
{body}"""


def _hand(base, share=None):
    """lambda and c of the demo cut, from the raw table."""
    Z, Y, S, k = base.Z, base.Y, base.S, base.k_fd
    rows = np.arange(base.R) * S  # product 0 from every origin
    zc = slice(S, 2 * S)  # importer = region 1
    yc = slice(k, 2 * k)
    use = Z[rows, zc].sum() + Y[rows, yc].sum()
    flow = Z[0, zc].sum() + Y[0, yc].sum()
    gdp = base.v[S : 2 * S].sum()
    return use / gdp, (flow / use if share is None else share), use, flow


def test_engine_matches_the_formula_by_hand(base):
    s = load_scenario(_spec(base, "    percent: 100\n"))
    out = run(s, base, engine="ces", sigma=0.5, sigma_low=0.2, sigma_high=1.0)
    lam, c, _, _ = _hand(base)
    by = out.groupby("iso3", sort=False)["gdp_share_lost"].first()
    importer = base.mrio.regions[1]
    assert by[importer] == pytest.approx(ces_loss(lam, c, 0.5), rel=1e-10)
    assert (by.drop(importer) == 0).all()
    # value added lost adds up to the loss times GDP
    dva = out.loc[out.iso3 == importer, "value_added_change_musd"].sum()
    assert -dva == pytest.approx(by[importer] * base.v[base.S : 2 * base.S].sum(), rel=1e-10)
    (iv,) = out.attrs["interval"]
    assert iv["lambda"] == pytest.approx(lam) and iv["c"] == pytest.approx(c)
    assert iv["loss_low"] == pytest.approx(ces_loss(lam, c, 1.0))
    assert iv["loss_high"] == pytest.approx(ces_loss(lam, c, 0.2))
    assert iv["loss_low"] < iv["loss"] < iv["loss_high"]
    assert "table flow" in iv["sizing"]
    assert out.attrs["assumptions"]["ces"].startswith("Supply-constrained")
    prov = out.attrs["provenance"]
    assert "bachmann2022" in str(prov)


def test_sized_cut_sets_c_and_rescales_the_flow(base):
    lam, _, use, flow = _hand(base)
    share = float(0.5 * flow / use)  # half the bilateral flow
    sized = load_scenario(
        _spec(
            base,
            f"    size: {{basis: share_of_use, share: {share!r}, low: {share / 2!r},"
            f" high: {2 * share!r}, citation: bachmann2022}}\n",
        )
    )
    out = run(sized, base, engine="ces")
    (iv,) = out.attrs["interval"]
    assert iv["c"] == pytest.approx(share) and iv["c_high"] == pytest.approx(2 * share)
    assert iv["loss_high"] == pytest.approx(ces_loss(lam, 2 * share, 0.04))
    assert iv["loss_low"] == pytest.approx(ces_loss(lam, share / 2, 0.2))
    assert "sized from a quantity" in iv["sizing"]
    # the fixed-coefficient engines cut c U / F = 50 % of the flow
    half = load_scenario(_spec(base, "    percent: 50\n"))
    for engine in ENGINES:
        a = run(sized, base, engine=engine)["output_change_musd"].to_numpy()
        b = run(half, base, engine=engine)["output_change_musd"].to_numpy()
        np.testing.assert_allclose(a, b, rtol=1e-9, atol=1e-9)
    notes = run(sized, base, engine="leontief").attrs["notes"]
    assert any("cut 50% of the flow" in n for n in notes)


def test_cited_cost_share_replaces_the_tables_lambda(base):
    """lambda = 0.04 (low 0.03, high 0.05) from a citation; c from the table's flow.
    The interval takes the low share with the high sigma and the high share with
    the low sigma; the table's lambda stays beside it and a note gives the ratio."""
    lam, c, _, _ = _hand(base)
    s = load_scenario(
        _spec(
            base,
            "    percent: 100\n    cost_share: {share: 0.04, low: 0.03, high: 0.05,"
            " citation: bachmann2022vox, source: first section}\n",
        )
    )
    out = run(s, base, engine="ces", sigma=0.5, sigma_low=0.2, sigma_high=1.0)
    (iv,) = out.attrs["interval"]
    assert iv["lambda_table"] == pytest.approx(lam)
    assert (iv["lambda_low"], iv["lambda"], iv["lambda_high"]) == (0.03, 0.04, 0.05)
    assert iv["loss"] == pytest.approx(ces_loss(0.04, c, 0.5), rel=1e-12)
    assert iv["loss_low"] == pytest.approx(ces_loss(0.03, c, 1.0), rel=1e-12)
    assert iv["loss_high"] == pytest.approx(ces_loss(0.05, c, 0.2), rel=1e-12)
    assert "cost share 4.00% of GDP (range 3.00%-5.00%) [bachmann2022vox" in iv["sizing"]
    ratio = f"{lam / 0.04:.2f} of it"
    assert any("cited 4.00% of GDP" in n and ratio in n for n in out.attrs["notes"])
    # the fixed-coefficient engines do not read it
    plain = load_scenario(_spec(base, "    percent: 100\n"))
    for engine in ENGINES:
        a = run(s, base, engine=engine)["output_change_musd"].to_numpy()
        b = run(plain, base, engine=engine)["output_change_musd"].to_numpy()
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    ("block", "field", "what"),
    [
        ("{share: 0.02}", "cost_share.citation", "missing"),
        ("{share: 0, citation: bachmann2022vox}", "cost_share.share", "positive"),
        ("{share: 1.2, citation: bachmann2022vox}", "cost_share.share", "between 0 and 1"),
        ("{share: 0.02, high: 0.01, citation: bachmann2022vox}", "cost_share.low", "low <="),
        ("{share: 0.02, citation: nobody1999}", "cost_share.citation", "unknown citation"),
        ("{share: 0.02, shar: 1, citation: bachmann2022vox}", "cost_share.shar", "unknown"),
    ],
)
def test_bad_cost_shares_are_clear_errors(block, field, what):
    with pytest.raises(SchemaError) as exc:
        load_scenario(CUT + f"    percent: 100\n    cost_share: {block}\n")
    assert f"shocks[0].{field}" in str(exc.value) and what in str(exc.value)
    assert exc.value.line == 10


def test_two_cost_shares_for_one_importer_are_refused(base):
    m = base.mrio
    cut = (
        "  - kind: bilateral_cut\n    exporter: {e}\n    importer: "
        f"{m.regions[1]}\n    sectors: [{m.sectors[0]}]\n    percent: 100\n"
        "    cost_share: {{share: {v}, citation: bachmann2022vox}}\n"
    )
    s = load_scenario(
        "name: two\nbase_year: 2019\ntable: example\nshocks:\n"
        + cut.format(e=m.regions[0], v=0.02)
        + cut.format(e=m.regions[2], v=0.03)
    )
    with pytest.raises(ModelError, match="two different cost shares"):
        run(s, base, engine="ces")


def test_all_still_means_the_four_fixed_coefficient_engines(base):
    s = load_scenario(_spec(base, "    percent: 100\n"))
    out = run(s, base, engine="all")
    assert sorted(out["engine"].unique()) == sorted(ENGINES)
    assert "interval" not in out.attrs


def test_bad_sigmas_raise(base):
    s = load_scenario(_spec(base, "    percent: 100\n"))
    with pytest.raises(ModelError, match="sigma_low <= sigma"):
        run(s, base, engine="ces", sigma=0.5, sigma_low=0.6)


def test_sigma_from_engine_options(base):
    s = load_scenario(_spec(base, "    percent: 100\nengine_options:\n  ces: {sigma: 0.15}\n"))
    out = run(s, base, engine="ces")
    lam, c, _, _ = _hand(base)
    assert pd.DataFrame(out.attrs["interval"])["loss"].iloc[0] == pytest.approx(
        ces_loss(lam, c, 0.15)
    )


def test_a_cut_of_every_product_is_not_modelled(base):
    m = base.mrio
    s = load_scenario(
        f"""\
name: all
base_year: 2019
table: example
shocks:
  - kind: bilateral_cut
    exporter: {m.regions[0]}
    importer: {m.regions[1]}
    sectors: all
    percent: 100
  - kind: capacity_loss
    region: {m.regions[2]}
    sectors: all
    percent: 10
"""
    )
    out = run(s, base, engine="ces")
    assert (out["gdp_share_lost"] == 0).all() and out.attrs["interval"] == []
    assert any("every product" in n for n in out.attrs["notes"])
    assert any("capacity_loss shocks are not modelled" in n for n in out.attrs["notes"])
