"""Claims ledger: spec loading, comparisons, verdict rules, statistics on hand-made data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import pytest

from worldsystem import claims
from worldsystem.claims import Claim, Evidence, NotTestable, compare, evaluate, load_claims
from worldsystem.claims import statistics as st
from worldsystem.core.errors import SchemaError


@dataclass
class FakeCtx:
    """Enough of a ReportContext for the statistics that read ``_cache`` first."""

    data: Any = "real"
    years: tuple[int, int] | None = None
    example: Any = None
    _cache: dict[str, Any] = field(default_factory=dict)

    @property
    def is_example(self) -> bool:
        return self.data is None

    def available(self, source_id: str) -> bool:
        return False

    def memo(self, key: str, fn: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = fn()
        return self._cache[key]

    def with_years(self, years: tuple[int, int] | None) -> FakeCtx:
        return FakeCtx(data=self.data, years=years, example=self.example, _cache=self._cache)


def _claim(**kw: Any) -> Claim:
    base = dict(id="t", source="test", paraphrase="p", about_year=2017, statistic="constant")
    base.update(kw)
    return Claim(**base)


# ----------------------------------------------------------------------------- compare
@pytest.mark.parametrize(
    ("value", "comparison", "target", "tol", "expected"),
    [
        (5, ">", 3, 0, "supported"),
        (3, ">", 3, 0, "contradicted"),  # strict
        (2.9, ">", 3, 0.2, "mixed"),  # misses by 0.1 <= 0.2
        (2.5, ">", 3, 0.2, "contradicted"),
        (0.92, "between", [0.85, 0.95], 0, "supported"),
        (0.83, "between", [0.85, 0.95], 0.03, "mixed"),  # 0.02 below the band
        (0.80, "between", [0.85, 0.95], 0.03, "contradicted"),
        (11, "rank==", 11, 1, "supported"),
        (12, "rank==", 11, 1, "mixed"),
        (13, "rank==", 11, 1, "contradicted"),
        (1.05, "==", 1.0, 0.1, "supported"),
        (1.15, "==", 1.0, 0.1, "mixed"),  # within 2 x tolerance
        (1.25, "==", 1.0, 0.1, "contradicted"),
        ("USA", "==", "USA", 0, "supported"),
        ("CHN", "==", "USA", 0, "contradicted"),
        ("CHN", "in", ["CHN", "RUS"], 0, "supported"),
        (False, "is_true", None, 0, "contradicted"),
        (None, "rank==", 1, 0, "contradicted"),  # absent from the ranking
    ],
)
def test_compare(value, comparison, target, tol, expected):
    assert compare(value, comparison, target, tol) == expected


# ----------------------------------------------------------------------------- spec
GOOD = """
claims:
  - id: a
    source: notes
    paraphrase: Five exceeds three.
    about_year: 2017
    statistic: constant
    params: {value: 5}
    comparison: ">"
    target: 3
    caveats: [none]
"""


def test_load_claims_reads_fields():
    (c,) = load_claims(GOOD)
    assert (c.id, c.statistic, c.comparison, c.target, c.params) == (
        "a",
        "constant",
        ">",
        3,
        {"value": 5},
    )
    assert c.caveats == ("none",) and c.line == 3 and c.data == "any"


@pytest.mark.parametrize(
    ("text", "line", "fld"),
    [
        # comparison on line 9 is unknown
        (GOOD.replace('comparison: ">"', "comparison: bigger"), 9, "claims[0].comparison"),
        # statistic on line 7 is not registered
        (GOOD.replace("statistic: constant", "statistic: nope"), 7, "claims[0].statistic"),
        # about_year missing: reported at the claim's mapping (line 3)
        (GOOD.replace("    about_year: 2017\n", ""), 3, "claims[0].about_year"),
        # about_year of the wrong type on line 6
        (GOOD.replace("about_year: 2017", "about_year: soon"), 6, "claims[0].about_year"),
        # a typo in a field name on line 11
        (GOOD.replace("caveats:", "caveat:"), 11, "claims[0].caveat"),
        # between needs a pair: target on line 10
        (
            GOOD.replace('comparison: ">"', "comparison: between"),
            10,
            "claims[0].target",
        ),
    ],
)
def test_load_claims_errors_name_file_line_field(tmp_path, text, line, fld):
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    with pytest.raises(SchemaError) as info:
        load_claims(path)
    err = info.value
    assert err.line == line
    assert err.field == fld
    assert str(path) in str(err) and f"mine.yaml:{line}" in str(err)


def test_load_claims_invalid_yaml_and_duplicates(tmp_path):
    with pytest.raises(SchemaError) as info:
        load_claims("claims:\n  - id: [unclosed\n")
    assert info.value.line is not None
    dup = GOOD + GOOD.split("claims:\n", 1)[1]
    with pytest.raises(SchemaError, match="duplicate claim id"):
        load_claims(dup)
    with pytest.raises(SchemaError, match="not found"):
        load_claims(tmp_path / "absent.yaml")


def test_shipped_files_load_and_cover_the_issue_claims():
    seeds = claims.shipped_claims(which="seeds")
    ids = {c.id for c in seeds}
    for i in ["1a", "1b", "2a", "2c", "3a", "3b", "3c", "4a", "4b", "5a", "5b", "6a", "6b", "7"]:
        assert i in ids
    for i in ["8a", "8b", "9", "10", "11", "12a", "13"]:
        assert i in ids
    assert all(c.data == "real" for c in seeds)
    assert {c.source for c in seeds} == {"000_110ffb357804ba78.txt", "003_7b19540345194fad.txt"}
    assert all(c.data == "example" for c in claims.shipped_claims(which="example"))


# ----------------------------------------------------------------------------- verdicts
@pytest.fixture
def fake_stats(monkeypatch):
    def parts(ctx, *, about_year, values, year=2017):
        return Evidence(value=dict(values), data_years=(year, year))

    def missing(ctx, *, about_year):
        raise NotTestable("no such data", needs="a survey of X", latest_year=2010)

    monkeypatch.setitem(st.REGISTRY, "parts", parts)
    monkeypatch.setitem(st.REGISTRY, "missing", missing)


def test_evaluator_verdicts(fake_stats):
    cl = [
        _claim(id="s", params={"value": 5}, comparison=">", target=3),
        _claim(id="c", params={"value": 1}, comparison=">", target=3),
        # parts: one supported, one contradicted -> mixed
        _claim(
            id="m",
            statistic="parts",
            params={"values": {"A": 1, "B": 3}},
            comparison="rank==",
            target={"A": 1, "B": 2},
        ),
        _claim(id="n", statistic="missing"),
        _claim(id="u", statistic="not_testable", params={"reason": "r", "needs": "bilateral FDI"}),
    ]
    df = evaluate(cl, FakeCtx())
    assert list(df.columns[:8]) == [
        "claim_id",
        "source",
        "paraphrase",
        "verdict",
        "statistic",
        "value",
        "data_years",
        "caveat",
    ]
    got = dict(zip(df["claim_id"], df["verdict"], strict=True))
    assert got == {
        "s": "supported",
        "c": "contradicted",
        "m": "mixed",
        "n": "not testable",
        "u": "not testable",
    }
    n = df.set_index("claim_id").loc["n"]
    assert n["needs"] == "a survey of X" and n["value"] == ""
    assert "2010" in n["latest_evidence"]
    assert df.set_index("claim_id").loc["u", "needs"] == "bilateral FDI"
    assert df.set_index("claim_id").loc["m", "parts"] == "A: supported; B: contradicted"


def test_stale_data_keeps_the_verdict_and_says_so(fake_stats):
    # data end in 2017, the claim speaks of 2025
    c = _claim(
        about_year=2025,
        statistic="parts",
        params={"values": {"x": 0.9}},
        comparison=">",
        target=0.5,
    )
    row = evaluate([c], FakeCtx()).iloc[0]
    assert row["verdict"] == "supported"
    assert bool(row["stale"]) and row["verdict_year"] == 2017
    assert "about 2025" in row["caveat"] and "end in 2017" in row["caveat"]
    assert row["latest_evidence"].startswith("supported as of 2017")
    # with max_gap 5 the 8-year gap makes it not testable, the latest evidence is kept
    c2 = _claim(
        about_year=2025,
        statistic="parts",
        params={"values": {"x": 0.9}},
        comparison=">",
        target=0.5,
        max_gap=5,
        needs="2025 data",
    )
    row2 = evaluate([c2], FakeCtx()).iloc[0]
    assert row2["verdict"] == "not testable" and row2["needs"] == "2025 data"
    assert row2["latest_evidence"].startswith("supported as of 2017")
    # not stale when the data reach the claim's year
    c3 = _claim(
        about_year=2017,
        statistic="parts",
        params={"values": {"x": 0.9}},
        comparison=">",
        target=0.5,
    )
    assert not bool(evaluate([c3], FakeCtx()).iloc[0]["stale"])


def test_real_claim_is_not_testable_on_the_example_world():
    c = _claim(params={"value": 5}, comparison=">", target=3, data="real")
    row = evaluate([c], FakeCtx(data=None)).iloc[0]
    assert row["verdict"] == "not testable" and "example world" in row["caveat"]
    assert evaluate([c], FakeCtx()).iloc[0]["verdict"] == "supported"


# ----------------------------------------------------------------------------- statistics
def _warheads(usa: float, rus: float) -> pd.DataFrame:
    return pd.DataFrame(
        {"iso3": ["USA", "RUS", "CHN", "FRA"], "year": 2017, "value": [usa, rus, 270.0, 300.0]}
    )


WARHEADS_5A = _claim(
    about_year=2025,
    statistic="share_of_total",
    params={"series_name": "warheads", "countries": ["USA", "RUS"]},
    comparison="between",
    target=[0.85, 0.95],
    tolerance=0.03,
)


def test_verdict_flips_when_the_data_change():
    # (6800 + 7000) / (6800 + 7000 + 270 + 300) = 13800 / 14370 = 0.9603 -> 0.96 is above
    # 0.95 but within 0.03: mixed
    ctx = FakeCtx(_cache={"claims:series:warheads": _warheads(6800.0, 7000.0)})
    row = evaluate([WARHEADS_5A], ctx).iloc[0]
    assert row["verdict"] == "mixed" and row["value"] == "0.9603"
    # (4000 + 4500) / (4000 + 4500 + 570) = 8500 / 9070 = 0.9372 -> supported
    ctx = FakeCtx(_cache={"claims:series:warheads": _warheads(4000.0, 4500.0)})
    assert evaluate([WARHEADS_5A], ctx).iloc[0]["verdict"] == "supported"
    # (300 + 300) / (600 + 570) = 0.5128 -> contradicted
    ctx = FakeCtx(_cache={"claims:series:warheads": _warheads(300.0, 300.0)})
    assert evaluate([WARHEADS_5A], ctx).iloc[0]["verdict"] == "contradicted"


def test_ranks_with_a_window_and_top_set():
    # five-year sums: A = 10+10 = 20, B = 1+30 = 31, C = 5+5 = 10 -> B 1, A 2, C 3
    s = pd.DataFrame(
        {
            "iso3": ["A", "B", "C", "A", "B", "C", "A"],
            "year": [2019, 2019, 2019, 2020, 2020, 2020, 2014],
            "value": [10.0, 1.0, 5.0, 10.0, 30.0, 5.0, 1000.0],  # 2014 is outside the window
        }
    )
    ctx = FakeCtx(_cache={"claims:series:x": s})
    ev = st.ranks(ctx, about_year=2025, series_name="x", countries=["A", "B", "C"], window=5)
    assert ev.value == {"A": 2, "B": 1, "C": 3} and ev.data_years == (2016, 2020)
    ev = st.top_set(ctx, about_year=2025, series_name="x", countries=["A", "C"], window=5)
    assert ev.value == {"A": True, "C": False}
    # with a one-year window in 2014 only A has data
    ev = st.ranks(ctx, about_year=2014, series_name="x", countries=["A"])
    assert ev.value == {"A": 1} and ev.data_years == (2014, 2014)
    with pytest.raises(NotTestable):
        st.ranks(ctx, about_year=2010, series_name="x", countries=["A"])


def test_mean_difference_and_percentile():
    fdi_out = pd.DataFrame({"iso3": "RUS", "year": [2021, 2022, 2023], "value": [3.6, -0.6, 0.5]})
    fdi_in = pd.DataFrame({"iso3": "RUS", "year": [2021, 2022, 2023], "value": [2.2, -1.7, -0.5]})
    ctx = FakeCtx(_cache={"claims:series:o": fdi_out, "claims:series:i": fdi_in})
    # differences 1.4, 1.1, 1.0 over the last two years (2022, 2023): mean 1.05
    ev = st.mean_difference(ctx, about_year=2025, a="o", b="i", country="RUS", window=2)
    assert ev.value == pytest.approx(1.05) and ev.data_years == (2022, 2023)
    # percentile: values 1, 2, 3, 4, 5; "B" has 2 -> one below of 4 others = 0.25
    s = pd.DataFrame({"iso3": list("ABCDE"), "year": 2014, "value": [1.0, 2.0, 3.0, 4.0, 5.0]})
    ctx = FakeCtx(_cache={"claims:series:t": s})
    assert st.percentile(ctx, about_year=2024, series_name="t", country="B").value == 0.25


def test_conflict_change_counts_distinct_conflicts_per_year():
    # USA: secondary in type-4 conflicts 10 (2001-2002) and 11 (2002); interstate 20 in 2003.
    p = pd.DataFrame(
        {
            "conflict_id": [10, 10, 11, 20, 30, 30],
            "year": [2001, 2002, 2002, 2003, 2016, 2016],
            "side": ["a_2nd", "a_2nd", "b_2nd", "a", "a_2nd", "a_2nd"],
            "iso3": ["USA"] * 6,
            "type_of_conflict": [4, 4, 4, 2, 4, 4],
        }
    )
    ctx = FakeCtx(_cache={"claims:ucdp": p})
    ev = st.conflict_change(
        ctx, about_year=2025, country="USA", before=[2001, 2004], after=[2015, 2016]
    )
    # interstate: before (0+0+1+0)/4 = 0.25, after 0 -> -0.25
    # internationalised: before (1+2+0+0)/4 = 0.75, after (0+1)/2 = 0.5 -> -0.25
    assert ev.value == {
        "interstate_primary": pytest.approx(-0.25),
        "internationalised_secondary": pytest.approx(-0.25),
    }
    assert ev.data_years == (2001, 2016)


def test_zone_alternative_is_scored_in_the_year_of_the_named_method(monkeypatch):
    # income at PPP reaches 2022, exchange rates 2019, trade 2014: a zone claim by
    # consensus is scored in 2014, and its single-method alternatives with
    # year_of="consensus" in 2014 too, not in their own latest year
    from worldsystem import workflows as wf

    cy = pd.DataFrame({"iso3": "AAA", "year": range(2010, 2023)})
    cy["gdppc_ppp"] = 1.0
    cy["gdppc_usd"] = [1.0 if y <= 2019 else None for y in cy["year"]]
    dy = pd.DataFrame({"iso3_o": "AAA", "iso3_d": "BBB", "year": range(2010, 2015)})
    monkeypatch.setattr(
        wf, "position_inputs", lambda ctx, years=None: {"country_years": cy, "dyads": dy}
    )
    asked = []

    def position(ctx, methods=None, years=None):
        asked.append((methods, list(years)))
        row = {"iso3": "AAA", "year": years[0], "method": methods[0], "zone": "core"}
        return pd.DataFrame([{**row, "score": 1.0}])

    monkeypatch.setattr(wf, "position", position)
    ctx = FakeCtx()
    own = st.zone(ctx, about_year=2025, countries=["AAA"], method="income_ppp")
    assert own.data_years == (2022, 2022)
    same = st.zone(
        ctx, about_year=2025, countries=["AAA"], method="income_ppp", year_of="consensus"
    )
    assert same.data_years == (2014, 2014) and same.value == {"AAA": "core"}
    xr = st.zone(ctx, about_year=2025, countries=["AAA"], method="income_xr")
    assert xr.data_years == (2019, 2019)
    assert asked == [(["income_ppp"], [2022]), (["income_ppp"], [2014]), (["income_xr"], [2019])]
