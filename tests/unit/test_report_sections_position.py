"""report/sections/position.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
from report_frames import with_method

from worldsystem.report.sections import position as P

ISO = ["USA", "DEU", "BRA", "IND", "NGA"]
ZONES = ["core", "core", "semi-periphery", "semi-periphery", "periphery"]
METHODS = ("income_xr", "cp_continuous", "blockmodel")


def _frames(*, show_map=True, claim=("BRA", "IND", "NGA"), min_stay=2, period=10, weight="family"):
    res = pd.DataFrame(
        [
            {"iso3": i, "year": y, "method": m, "zone": z}
            for m in METHODS
            for y in (2004, 2014)
            for i, z in zip(ISO, ZONES, strict=True)
        ]
    )
    cons = pd.DataFrame(
        [
            {"iso3": i, "year": y, "zone": z, "share": 1.0}
            for y in (2004, 2014)
            for i, z in zip(ISO, ZONES, strict=True)
        ]
    )
    agree = pd.DataFrame(
        [
            {"method_a": a, "method_b": b, "n": 5, "ari": 1.0 if a == b else 0.5, "kappa": 0.5}
            for a in METHODS
            for b in METHODS
        ]
    )
    moves = pd.DataFrame(
        {
            "method": ["income_xr"],
            "iso3": ["BRA"],
            "period": [2010],
            "zone_from": ["periphery"],
            "zone_to": ["semi-periphery"],
            "direction": ["up"],
            "periods_stayed": [2],
        }
    )
    return {
        "results": res,
        "consensus": with_method(cons, "position_ensemble", {"weight": weight}),
        "agreement": agree,
        "moves": with_method(moves, "lasting_moves", {"period": period, "min_stay": min_stay}),
        "methods": ("blockmodel", "income_xr", "cp_continuous", "unused"),
        "show_map": show_map,
        "claim_states": claim,
    }


def test_moves_caption_reads_the_rule_from_provenance():
    out = P.present(_frames(min_stay=3))
    moves = {t.id: t for t in out.tables}["position-moves"]
    assert moves.caption == "A change of zone held for at least three later decades (per method)."
    assert P.moves_caption(_frames(min_stay=2, period=5)["moves"]) == (
        "A change of zone held for at least two later periods of 5 years (per method)."
    )


def test_present_map_heatmap_counts_and_finding():
    out = P.present(_frames())
    figs = {f.id: f for f in out.figures}
    assert list(figs) == ["position-map-figure", "position-agreement"]
    assert "most votes of the 3 methods" in figs["position-map-figure"].caption
    assert "the 2 network methods cannot outvote" in figs["position-map-figure"].caption
    heat = figs["position-agreement"].payload.data[0]
    assert list(heat.x) == ["blockmodel", "income_xr", "cp_continuous"]  # display order
    counts = {t.id: t for t in out.tables}["position-counts"].frame
    assert list(counts.columns) == ["year", "core", "semi-periphery", "periphery"]
    assert counts["core"].tolist() == [2, 2]
    assert out.paragraphs == [
        "In 2014 the methods place 2 countries in the core by consensus: DEU, USA."
    ]
    (finding,) = out.findings
    assert finding.startswith("Position 2014: 2 of the 3 states one seed calls semi-peripheral")
    assert "income_xr 2; cp_continuous 2" in finding and "blockmodel 2" in finding


def test_present_without_map_or_claim():
    out = P.present(_frames(show_map=False, claim=None))
    assert [f.id for f in out.figures] == ["position-agreement"]
    assert out.findings == []


def test_map_caption_states_the_consensus_weighting_from_provenance():
    # The consensus weights families (income, network, multiplex); the caption must not
    # say "each method one vote" unless the provenance says weight="method".
    fam = P.present(_frames()).figures[0].caption
    assert "each family of methods" in fam and "cannot outvote" in fam
    per = P.present(_frames(weight="method")).figures[0].caption
    assert "each method one vote" in per and "can outvote" in per


def _with_consensus_agreement(frames, ari):
    rows = [
        {"method_a": "consensus", "method_b": m, "n": 5, "ari": a, "kappa": 0.0}
        for m, a in ari.items()
    ]
    rows += [
        {"method_a": m, "method_b": "consensus", "n": 5, "ari": a, "kappa": 0.0}
        for m, a in ari.items()
    ]
    rows.append(
        {"method_a": "consensus", "method_b": "consensus", "n": 5, "ari": 1.0, "kappa": 1.0}
    )
    frames["agreement"] = pd.concat([frames["agreement"], pd.DataFrame(rows)], ignore_index=True)
    return frames


def test_paragraph_says_which_family_the_consensus_follows():
    # consensus vs income 0.1 and 0.3 (mean 0.2), vs the network methods 0.9 and 0.7
    # (blockmodel is outside METHOD_FAMILIES: a family of its own)
    f = _with_consensus_agreement(
        _frames(), {"income_xr": 0.1, "cp_continuous": 0.9, "blockmodel": 0.7}
    )
    out = P.present(f)
    heat = {g.id: g for g in out.figures}["position-agreement"].payload.data[0]
    assert list(heat.x)[-1] == "consensus"
    (para,) = [p for p in out.paragraphs if p.startswith("Which methods")]
    assert para == (
        "Which methods does the consensus follow? In 2014 its adjusted Rand index is "
        "0.90 with the network method; 0.70 with the blockmodel method; 0.10 with the "
        "income method. So the consensus is close to the network zones and far from the "
        "income zones although every family weighs the same."
    )
    # per method weighting: the clause on equal family weights is not claimed
    f = _with_consensus_agreement(
        _frames(weight="method"), {"income_xr": 0.1, "cp_continuous": 0.9, "blockmodel": 0.7}
    )
    (para,) = [p for p in P.present(f).paragraphs if p.startswith("Which methods")]
    assert para.endswith("far from the income zones.")
    # families within 0.3 of each other: no "close to / far from" sentence
    f = _with_consensus_agreement(_frames(), {"income_xr": 0.6, "cp_continuous": 0.8})
    (para,) = [p for p in P.present(f).paragraphs if p.startswith("Which methods")]
    assert para.endswith("0.60 with the income method.")
