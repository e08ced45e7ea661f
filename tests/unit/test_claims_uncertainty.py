"""Claims ledger: interval-aware verdicts, alternatives, data fitness and seed quotes.

Every expected number here is computed by hand in the comments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from test_claims import FakeCtx

from worldsystem.claims import evaluate, load_claims
from worldsystem.claims import statistics as st
from worldsystem.claims.intervals import group_bootstrap, hac_slope, judge, quantile_interval
from worldsystem.core.errors import SchemaError


# ----------------------------------------------------------------------------- judge
@pytest.mark.parametrize(
    ("value", "interval", "comparison", "target", "tol", "expected"),
    [
        (0.3, (0.2, 0.4), ">", 0.1, 0, "supported"),  # the whole interval is above
        (0.3, (0.05, 0.4), ">", 0.1, 0, "mixed"),  # straddles the threshold
        (0.05, (0.01, 0.08), ">", 0.1, 0, "contradicted"),  # the whole interval is below
        (0.05, (0.01, 0.12), ">", 0.1, 0, "mixed"),
        (0.92, (0.86, 0.94), "between", [0.85, 0.95], 0, "supported"),
        (0.92, (0.80, 0.94), "between", [0.85, 0.95], 0, "mixed"),
        # an interval spanning the whole band from below to above is not a contradiction
        (0.5, (0.1, 0.99), "between", [0.85, 0.95], 0, "mixed"),
        (3, (3, 3), "rank==", 3, 0, "supported"),
        (4, (2, 4), "rank==", 3, 0, "mixed"),  # a rank of 3 lies inside
        (5, (4, 6), "rank==", 2, 0, "contradicted"),
        (True, (0.0, 1.0), "is_true", None, 0, "mixed"),  # true in some years only
        (True, (1.0, 1.0), "is_true", None, 0, "supported"),
        (0.5, None, ">", 0.1, 0, "supported"),  # no interval: the point decides
        ("core", None, "==", "core", 0, "supported"),
    ],
)
def test_judge(value, interval, comparison, target, tol, expected):
    assert judge(value, interval, comparison, target, tol) == expected


def test_hac_slope_matches_a_hand_computed_white_interval():
    # x = 0..3, y = 0, 1, 1, 3: slope Sxy/Sxx = 4.5/5 = 0.9; residuals 0.1, 0.2, -0.7, 0.4.
    # With no lags the variance is White's: sum (x - xbar)^2 e^2 / Sxx^2 * n/(n-2)
    # = (2.25*0.01 + 0.25*0.04 + 0.25*0.49 + 2.25*0.16) / 25 * 2 = 0.0412, se 0.202978;
    # t(0.95, 2) = 2.919986, half-width 0.592693.
    b, lo, hi = hac_slope([0, 1, 2, 3], [0, 1, 1, 3], lags=0)
    assert b == pytest.approx(0.9)
    assert (hi - lo) / 2 == pytest.approx(2.919986 * 0.0412**0.5, rel=1e-5)
    # autocorrelated residuals widen the interval over White's
    x = np.arange(20.0)
    y = 0.1 * x + np.repeat([0.5, -0.5], 10)
    _b, lo0, hi0 = hac_slope(x, y, lags=0)
    _b, lo2, hi2 = hac_slope(x, y, lags=2)
    assert hi2 - lo2 > hi0 - lo0


def test_quantile_interval_and_group_bootstrap():
    assert quantile_interval(np.arange(101.0), 0.9) == pytest.approx((5.0, 95.0))
    assert all(np.isnan(quantile_interval(np.array([np.nan]))))
    # a statistic that does not depend on the draw has a point interval
    assert group_bootstrap(lambda w: 2.0, [np.array([0, 1])], n=2, draws=50) == (2.0, 2.0)
    # the mean of unit values 0 and 10 over bootstrap multiplicities lies in [0, 10];
    # it is seeded: two runs agree
    vals = np.array([0.0, 10.0])

    def mean(w):
        return float(w @ vals / w.sum())

    a = group_bootstrap(mean, [np.array([0, 1])], n=2, draws=400)
    assert a == group_bootstrap(mean, [np.array([0, 1])], n=2, draws=400)
    assert 0.0 <= a[0] < 5.0 < a[1] <= 10.0


# ----------------------------------------------------------------------------- evaluator
def _ledger(text: str) -> pd.DataFrame:
    return evaluate(load_claims(text), None).set_index("claim_id")


HEAD = """
claims:
"""


def test_interval_that_crosses_the_threshold_gives_mixed():
    led = _ledger(
        HEAD
        + """
  - {id: a, source: s, paraphrase: p, about_year: 2020, statistic: constant,
     params: {value: 0.3, interval: [0.2, 0.4]}, comparison: ">", target: 0.1}
  - {id: b, source: s, paraphrase: p, about_year: 2020, statistic: constant,
     params: {value: 0.3, interval: [0.05, 0.4]}, comparison: ">", target: 0.1}
"""
    )
    assert led.loc["a", "verdict"] == "supported" and led.loc["b", "verdict"] == "mixed"
    assert led.loc["b", ["estimate", "interval_low", "interval_high"]].tolist() == [0.3, 0.05, 0.4]
    assert led.loc["b", "interval_method"] == "given"


ALTS = """
claims:
  - id: {cid}
    source: s
    paraphrase: p
    about_year: 2020
    statistic: constant
    params: {{value: 5}}
    comparison: ">"
    target: 3
    alternatives:
      - {{name: x, params: {{value: {x}}}}}
      - {{name: y, params: {{value: {y}}}}}
      - {{name: z, statistic: not_testable, params: {{reason: no data}}}}
"""


def test_alternatives_count_and_a_minority_makes_the_verdict_mixed():
    # primary 5 > 3 supported; x = 4 supported, y = 1 contradicted, z not testable:
    # 2 of the 3 testable agree, a strict majority -> the verdict stands
    two = _ledger(ALTS.format(cid="two", x=4, y=1)).loc["two"]
    assert two["verdict"] == "supported"
    assert two["robustness"] == "2 of 3 agree (1 not testable)"
    assert two["alternatives"].startswith("x: supported (4); y: contradicted (1); z: not testable")
    # x = 1 and y = 2 contradict: 1 of 3 -> mixed, and the caveat says why
    one = _ledger(ALTS.format(cid="one", x=1, y=2)).loc["one"]
    assert one["verdict"] == "mixed"
    assert one["robustness"] == "1 of 3 agree (1 not testable)"
    assert "only 1 of 3 testable operationalisations agree" in one["caveat"]


FIT = """
claims:
  - id: f
    source: s
    paraphrase: p
    quote: "the  seed's
      own words"
    about_year: 2020
    statistic: constant
    params: {{value: 1, checks: {{share: {share}}}}}
    comparison: rank==
    target: 1
    fitness:
      - quantity: share
        what: the partner's share
        reference: [0.35, 0.55]
        citation: a cited energy balance
"""


def test_fitness_check_makes_unfit_data_not_testable():
    # 0.087 < 0.35 / 2 = 0.175: unfit; 0.2 lies inside [0.175, 1.1]: fit
    bad = _ledger(FIT.format(share=0.087)).loc["f"]
    assert bad["verdict"] == "not testable"
    assert bad["fitness"].startswith("unfit: the partner's share is 0.087 in the data")
    assert "more than a factor 2 apart" in bad["fitness"]
    assert "On these data the verdict would be supported" in bad["caveat"]
    good = _ledger(FIT.format(share=0.2)).loc["f"]
    assert good["verdict"] == "supported" and good["fitness"].startswith("fit: ")
    assert good["seed_quote"] == "the seed's own words"


FLOOR = """
claims:
  - id: g
    source: s
    paraphrase: p
    about_year: 2020
    statistic: constant
    params: {{value: 0.7, checks: {{crps_skill: {skill}}}}}
    comparison: ">"
    target: 0.5
    fitness:
      - quantity: crps_skill
        what: the model's skill
        at_least: 0.0
        citation: that beats persistence
"""


def test_fitness_floor_on_a_forecast_skill():
    # a skill of -0.04 is below the floor 0: the projection is not a tested forecast
    bad = _ledger(FLOOR.format(skill=-0.04)).loc["g"]
    assert bad["verdict"] == "not testable"
    assert bad["fitness"] == (
        "unfit: the model's skill is -0.04 in the data, below the 0 that beats persistence"
    )
    assert "On these data the verdict would be supported" in bad["caveat"]
    good = _ledger(FLOOR.format(skill=0.0)).loc["g"]
    assert good["verdict"] == "supported"
    assert good["fitness"].startswith("fit: the model's skill is 0 in the data, at least the 0")


def test_binding_part_is_the_least_favourable():
    # parts A 0.1 and B 0.3 against <= 0.25: B is contradicted, so it is the estimate
    ctx = FakeCtx()
    cl = load_claims(
        HEAD
        + """
  - {id: p, source: s, paraphrase: p, about_year: 2020, statistic: constant,
     params: {value: {A: 0.1, B: 0.3}}, comparison: "<=", target: 0.25}
"""
    )
    row = evaluate(cl, ctx).iloc[0]
    assert row["verdict"] == "mixed" and row["estimate"] == 0.3


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ("    alternatives:\n      - {params: {value: 1}}\n", "claims[0].alternatives[0].name"),
        ("    alternatives:\n      - {name: a, colour: red}\n", "claims[0].alternatives[0].colour"),
        (
            "    alternatives:\n      - {name: a, statistic: nope}\n",
            "claims[0].alternatives[0].statistic",
        ),
        (
            "    alternatives:\n      - {name: a, params: {valu: 1}}\n",
            "claims[0].alternatives[0].params.valu",
        ),
        (
            "    fitness:\n      - {quantity: s, reference: -1, citation: c}\n",
            "claims[0].fitness[0].reference",
        ),
        (
            "    fitness:\n      - {quantity: s, reference: 1, citation: c, within_factor: 0.5}\n",
            "claims[0].fitness[0].within_factor",
        ),
        ("    fitness:\n      - {quantity: s, reference: 1}\n", "claims[0].fitness[0].citation"),
        (
            "    fitness:\n      - {quantity: s, reference: 1, at_least: 0, citation: c}\n",
            "claims[0].fitness[0].reference",
        ),
        ("    fitness:\n      - {quantity: s, citation: c}\n", "claims[0].fitness[0].reference"),
        (
            "    fitness:\n      - {quantity: s, at_least: low, citation: c}\n",
            "claims[0].fitness[0].at_least",
        ),
    ],
)
def test_alternative_and_fitness_errors_name_the_field(tmp_path, extra, field):
    p = tmp_path / "mine.yaml"
    p.write_text(
        "claims:\n  - id: a\n    source: s\n    paraphrase: p\n    about_year: 2020\n"
        "    statistic: constant\n    params: {value: 1}\n    comparison: '>'\n    target: 0\n"
        + extra
    )
    with pytest.raises(SchemaError) as err:
        load_claims(p)
    assert err.value.field == field and str(p) in str(err.value)


# ----------------------------------------------------------------------------- statistics
def test_share_of_total_interval_is_the_range_over_the_latest_years():
    # shares of A+B: 2015 (40+40)/100 = 0.8, 2016 90/100 = 0.9, 2017 85/100 = 0.85
    rows = []
    for y, (a, b, c) in {2015: (40, 40, 20), 2016: (45, 45, 10), 2017: (50, 35, 15)}.items():
        rows += [("A", y, a), ("B", y, b), ("C", y, c)]
    s = pd.DataFrame(rows, columns=["iso3", "year", "value"]).astype({"value": float})
    ctx = FakeCtx(_cache={"claims:series:w": s})
    ev = st.share_of_total(ctx, about_year=2025, series_name="w", countries=["A", "B"])
    assert ev.value == pytest.approx(0.85)
    assert ev.interval == pytest.approx((0.8, 0.9))
    assert ev.interval_method == "range over the data years 2015-2017"
    # ranks: B is 1st in 2016... no: A 45 = B 45 tie broken by order; C is 3rd every year
    ev = st.ranks(ctx, about_year=2025, series_name="w", countries=["C"])
    assert ev.value == {"C": 3} and ev.interval == {"C": (3, 3)}


def test_mean_difference_interval_is_the_range_of_the_years():
    o = pd.DataFrame({"iso3": "R", "year": [2022, 2023, 2024], "value": [1.0, 0.5, 0.2]})
    i = pd.DataFrame({"iso3": "R", "year": [2022, 2023, 2024], "value": [-1.0, 0.6, 0.0]})
    ctx = FakeCtx(_cache={"claims:series:o": o, "claims:series:i": i})
    ev = st.mean_difference(ctx, about_year=2025, a="o", b="i", country="R", window=3)
    # differences 2.0, -0.1, 0.2: mean 0.7, range [-0.1, 2.0] -> "> 0" is mixed
    assert ev.value == pytest.approx(0.7) and ev.interval == pytest.approx((-0.1, 2.0))
    assert judge(ev.value, ev.interval, ">", 0.0) == "mixed"


def test_mean_difference_of_volumes_is_not_testable_on_negative_net_flows():
    """Net outflows 0.3, -0.1 and net inflows -1.0 (foreign firms leaving): the
    difference, 1.3 and 0.9, would say 'exports exceed receipts' because of the
    withdrawal; as a comparison of volumes it is not testable, and says why."""
    o = pd.DataFrame({"iso3": "R", "year": [2023, 2024], "value": [0.3, -0.1]})
    i = pd.DataFrame({"iso3": "R", "year": [2023, 2024], "value": [-1.0, -1.0]})
    ctx = FakeCtx(_cache={"claims:series:o": o, "claims:series:i": i})
    ev = st.mean_difference(ctx, about_year=2025, a="o", b="i", country="R", window=2)
    assert ev.value == pytest.approx(1.1)
    with pytest.raises(st.NotTestable, match=r"o -0.1 in 2024; i -1 in 2023; i -1 in 2024"):
        st.mean_difference(ctx, about_year=2025, a="o", b="i", country="R", window=2, volumes=True)
    pos = pd.DataFrame({"iso3": "R", "year": [2023, 2024], "value": [0.5, 0.4]})
    ctx = FakeCtx(_cache={"claims:series:o": o.assign(value=[2.0, 1.0]), "claims:series:i": pos})
    ev = st.mean_difference(ctx, about_year=2025, a="o", b="i", country="R", window=2, volumes=True)
    assert ev.value == pytest.approx(1.05)


class _TradeCtx(FakeCtx):
    def __init__(self, trade):
        super().__init__()
        self.trade = trade

    def load(self, source_id, **kw):
        assert source_id == "cow_trade"
        return self.trade


def test_camp_trade_intensity_by_hand():
    # one year, three countries: C (camp), R (rival), X (other). Directed flows:
    # C->R 10, R->C 10, C->X 50, X->C 50, R->X 30, X->R 30 (world flows 180, world trade 360).
    # T_R = 10+10+30+30 = 80, T_C = 10+10+50+50 = 120, T_RC = 20.
    # I = (20/80) / (120/360) = 0.25 / (1/3) = 0.75
    def frame(year, scale_cross):
        return pd.DataFrame(
            {
                "iso3_o": ["C", "R", "C", "X", "R", "X"],
                "iso3_d": ["R", "C", "X", "C", "X", "R"],
                "year": year,
                "flow_musd_current": [
                    10.0 * scale_cross,
                    10.0 * scale_cross,
                    50.0,
                    50.0,
                    30.0,
                    30.0,
                ],
            }
        )

    ctx = _TradeCtx(pd.concat([frame(1970, 1.0), frame(2014, 1.0)], ignore_index=True))
    ev = st.camp_trade(ctx, about_year=2025, camp=["C"], rivals=["R"], then=[1970, 1970],
                       measure="intensity")  # fmt: skip
    assert ev.value == pytest.approx(0.75)
    ev = st.camp_trade(ctx, about_year=2025, camp=["C"], rivals=["R"], then=[1970, 1970])
    assert ev.value == pytest.approx(1.0)  # the same intensity then and now


class _CoveredTradeCtx(_TradeCtx):
    def __init__(self, trade, national):
        super().__init__(trade)
        self.national = national

    def available(self, source_id):
        return source_id == "cow_trade"

    def load_extra(self, source_id, name):
        assert (source_id, name) == ("cow_trade", "national")
        return self.national


def test_camp_member_missing_from_the_dyads_leaves_both_periods():
    """D's national imports are 100 but the dyads hold 1 of them in 1970: D is absent
    there, so it leaves the camp in 1970 and in 2014 (one membership), and the
    intensity is C's alone."""
    rows = []
    for year in (1970, 2014):
        rows += [
            ("C", "R", year, 10.0), ("R", "C", year, 10.0), ("C", "X", year, 50.0),
            ("X", "C", year, 50.0), ("R", "X", year, 30.0), ("X", "R", year, 30.0),
        ]  # fmt: skip
    rows += [("X", "D", 1970, 1.0), ("X", "D", 2014, 100.0), ("D", "X", 2014, 100.0)]
    trade = pd.DataFrame(rows, columns=["iso3_o", "iso3_d", "year", "flow_musd_current"])
    nat = trade.groupby(["iso3_d", "year"], as_index=False)["flow_musd_current"].sum()
    nat = nat.rename(columns={"iso3_d": "iso3", "flow_musd_current": "imports_musd_current"})
    nat.loc[(nat.iso3 == "D") & (nat.year == 1970), "imports_musd_current"] = 100.0
    ctx = _CoveredTradeCtx(trade, nat)
    ev = st.camp_trade(ctx, about_year=2025, camp=["C", "D"], rivals=["R"], then=[1970, 1970],
                       measure="intensity")  # fmt: skip
    # 2014: world trade 2 x (180 + 200) = 760 includes D's; T_C = 120 without D:
    # I = (20/80) / (120/760)
    assert ev.value == pytest.approx(0.25 / (120 / 760))
    assert "D left out of its camp in both periods" in ev.note
    ev = st.camp_trade(_TradeCtx(trade), about_year=2025, camp=["C", "D"], rivals=["R"],
                       then=[1970, 1970], measure="intensity")  # fmt: skip
    assert ev.value == pytest.approx(0.25 / (320 / 760))  # D counted: T_C = 120 + 200


def test_a_trend_does_not_cross_a_change_of_the_composite_definition():
    """Warheads end after 2017: the shares of 2015-2017 average three dimensions,
    those of 2018-2020 two, so the trend is fitted on 2018-2020 only."""
    own = pd.DataFrame(
        {
            "year": range(2015, 2021),
            "share": [0.40, 0.40, 0.40, 0.33, 0.34, 0.35],
            "share_gdp": [0.3] * 6,
            "share_milex": [0.4] * 6,
            "share_nuclear": [0.5, 0.5, 0.5, None, None, None],
        }
    )
    kept, text = st._one_definition(own)
    assert kept["year"].tolist() == [2018, 2019, 2020]
    assert text == "nuclear drops out in 2018"
    same, none = st._one_definition(own[own.year >= 2018])
    assert len(same) == 3 and none == ""
