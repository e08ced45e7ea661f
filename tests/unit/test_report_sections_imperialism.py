"""report/sections/imperialism.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
from report_frames import with_method

from worldsystem.report.sections import imperialism as I


def _frames(*, rank_finding=True, **sens):
    rows = []
    for rank, iso in enumerate(["USA", "CHN", "RUS", "BRA"], start=1):
        for ind, r in (("milex_share", rank), ("capital_export", 5 - rank)):
            rows.append({"iso3": iso, "year": 2014, "indicator": ind, "status": "ok", "rank": r})
        rows.append(
            {
                "iso3": iso,
                "year": 2014,
                "indicator": "composite",
                "status": "ok",
                "rank": rank,
                "rank_lo": max(rank - 1, 1),
                "rank_hi": rank + 1,
                "p_top1": 0.5 / rank,
            }
        )
    res = pd.DataFrame(rows)
    weights = {"milex_share": 0.5, "capital_export": 0.5}
    params = {"n_draws": 1000, "alpha": 1.0, "ci": 0.9, "weights": weights, **sens}
    return {
        "results": with_method(res, "rank_sensitivity", params),
        "year": 2014,
        "focus": ["RUS", "USA", "CHN", "BRA", "XXX"],
        "supported": ["capital_export", "milex_share", "not_in_data"],
        "names": {"capital_export": "Capital export", "milex_share": "Military spending"},
        "directions": {"capital_export": -1, "milex_share": 1, "not_in_data": 0},
        "units": {"capital_export": "% of GDP", "milex_share": "fraction"},
        "unsupported": pd.DataFrame(
            {"feature": ["finance"], "indicator": ["bank mergers"], "what it would need": ["x"]}
        ),
        "rank_finding": rank_finding,
    }


def test_caption_and_hover_read_the_draws_from_provenance():
    out = I.present(_frames(n_draws=500, alpha=2.0, ci=0.8))
    (fig,) = out.figures
    assert "Bar: 80% interval of the rank over 500 Dirichlet(2) weight draws." in fig.caption
    assert "(80%% interval" in fig.payload.data[0].hovertemplate
    default = I.sensitivity_caption(_frames()["results"])
    assert "90% interval of the rank over 1,000 Dirichlet(1) weight draws" in default


def test_present_ranks_tables_and_finding():
    out = I.present(_frames())
    (fig,) = out.figures
    assert list(fig.payload.data[0].y) == ["USA", "CHN", "RUS", "BRA"]  # by composite rank
    ranks, unsupported = out.tables
    # one row per indicator (by name), one column per country in focus order
    assert list(ranks.frame.columns) == ["indicator", "unit", "RUS", "USA", "CHN", "BRA"]
    assert ranks.frame["unit"].tolist() == ["rank", "% of GDP", "fraction"]
    assert ranks.frame["indicator"].tolist() == [
        "Composite rank",
        "Capital export",
        "Military spending",
    ]
    assert ranks.frame["RUS"].tolist() == [3, 2, 3]
    assert unsupported.frame["indicator"].tolist() == ["bank mergers"]
    assert out.findings == [
        "Imperialism composite 2014: Russia ranks 3 (interval 2-4), China 2 (1-3) among all states."
    ]
    assert I.present(_frames(rank_finding=False)).findings == []


def test_caption_says_when_a_weighted_indicator_has_no_value_for_any_state():
    frames = _frames()
    full = I.sensitivity_caption(frames["results"])
    assert "The composite combines 2 of the 2 weighted indicators." in full
    res = frames["results"]
    gone = res.assign(status=res["status"].where(res["indicator"] != "capital_export", "missing"))
    cap = I.sensitivity_caption(gone)
    assert "combines 1 of the 2 weighted indicators; no state has a value of capital_export" in cap


def test_rank_caption_states_each_indicators_direction_from_the_registry():
    (ranks, _u) = I.present(_frames()).tables
    assert "1 = highest" not in ranks.caption + ranks.title
    assert (
        "1 = the most imperialist-like value: the highest, except Capital export where the "
        "lowest)" in ranks.caption
    )
    # the real registry: the supplier HHI and FDI inflows rank lowest first
    from worldsystem.measures import imperialism as imp

    ok = imp.indicators(supported=True)
    text = I.rank_direction(
        [i.id for i in ok], {i.id: i.direction for i in ok}, {i.id: i.name for i in ok}
    )
    low = text.split("except ")[1].split(" where")[0]
    assert "Concentration of import suppliers (HHI)" in low and "FDI net inflows" in low
    assert "FDI net outflows" not in low and "Trade openness not ranked" in text
