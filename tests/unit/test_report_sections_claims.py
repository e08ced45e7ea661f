"""report/sections/claims.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from worldsystem.report.build import _table_view, render
from worldsystem.report.sections import claims as C


def _old_ledger():
    return pd.DataFrame(
        {
            "claim_id": ["c1", "c2", "c3"],
            "verdict": ["supported", "contradicted", "supported"],
            "paraphrase": ["p1", "p2 <b>x</b>", "p3"],
            "statistic": ["stat_a", "stat_b", "stat_a"],
            "value": ["1", "2", "3"],
            "data_years": ["2000", "2001", "2002"],
            "caveat": ["", "", "stale"],
            "comparison": [">", "<=", "=="],
            "target": ["0", "0.25", "USA"],
        }
    )


def _new_ledger():
    led = _old_ledger()
    led["seed_quote"] = ["q1", "q2", "q3"]
    led["estimate"] = [0.5, 0.3, math.nan]
    led["interval_low"] = [0.25, 0.2, math.nan]
    led["interval_high"] = [1.0, 0.5, math.nan]
    led["interval_method"] = ["bootstrap over countries", "spread across indices", ""]
    led["robustness"] = ["3 of 4 agree", "1 of 2 agree", ""]
    led["alternatives"] = ["cinc: supported (0.5); gdp: mixed (0.1; 0.2)", "", ""]
    led["fitness"] = ["", "", ""]
    return led


def _frames(ledger):
    detail = pd.DataFrame({"iso3": [f"X{i:02d}" for i in range(20)]})
    return {
        "ledger": ledger,
        "statistics": ["stat_a", "stat_b", "stat_a"],
        "evidence": [("c2", "contradicted", "p2", detail)],
    }


def test_present_todays_ledger_blank_new_columns_and_no_chart():
    out = C.present(_frames(_old_ledger()))
    assert out.figures == []  # no estimate column: nothing to draw
    (table,) = out.tables
    assert list(table.frame.columns) == list(C.LEDGER_COLUMNS)
    assert table.frame["seed_quote"].tolist() == ["", "", ""]
    assert table.frame["estimate"].tolist() == ["1", "2", "3"]  # the value stands in
    assert table.frame["threshold"].tolist() == ["> 0", "\u2264 0.25", "= USA"]
    assert out.findings == ["Claims ledger: 2 supported, 1 contradicted of 3 claims."]
    assert [m.name for m in out.provenance.methods] == ["claims.stat_a", "claims.stat_b"]
    # the evidence of c2 is folded under its row, first EVIDENCE_ROWS rows only
    d2 = table.details[1]
    ((label, ev),) = [(lab, x) for lab, x in d2.items if isinstance(x, pd.DataFrame)]
    assert len(ev) == C.EVIDENCE_ROWS and label == f"evidence (first {C.EVIDENCE_ROWS} of 20 rows)"
    assert ("caveat", "stale") in table.details[2].items


def test_present_new_ledger_interval_robustness_and_forest():
    out = C.present(_frames(_new_ledger()))
    (table,) = out.tables
    assert table.frame["estimate"].tolist() == ["0.50 [0.25, 1.00]", "0.300 [0.200, 0.500]", "3"]
    # robustness is shown in the verdict's bracket (one column fewer: a shorter table)
    assert "robustness" not in table.frame.columns
    assert [
        v.endswith(b)
        for v, b in zip(
            table.frame["verdict"], ["(3 of 4 agree)", "(1 of 2 agree)", ""], strict=True
        )
    ] == [True] * 3
    assert "(" not in table.frame["verdict"].iloc[2]
    assert table.frame["seed_quote"].tolist() == ["q1", "q2", "q3"]
    view = _table_view(table)
    est = list(C.LEDGER_COLUMNS).index("estimate")
    assert [r[est].get("sort") for r in view["rows"]] == ["0.5", "0.3", None]
    alt = dict(table.details[0].items)["alternatives"]
    assert alt.values.tolist() == [["cinc", "supported", "0.5"], ["gdp", "mixed", "0.1; 0.2"]]
    (fig,) = out.figures
    drawn = fig.data
    assert drawn["claim_id"].tolist() == ["c1", "c2"]  # c3: no estimate, text target
    # c1: threshold 0, farthest value 1.0 -> scale 1; c2: threshold 0.25, farthest 0.5
    assert drawn["x"].tolist() == pytest.approx([0.5, 0.2])
    assert drawn["x_low"].tolist() == pytest.approx([0.25, -0.2])
    assert drawn["x_high"].tolist() == pytest.approx([1.0, 1.0])
    assert "bootstrap over countries (1 claim)" in fig.caption
    symbols = {t.name: t.marker.symbol for t in fig.payload.data if t.name}
    assert symbols == {"supported": "circle", "contradicted": "x"}


def test_forest_between_band_and_no_interval():
    led = pd.DataFrame(
        {
            "claim_id": ["b"],
            "verdict": ["supported"],
            "estimate": [0.9],
            "comparison": ["between"],
            "target": ["[0.85, 0.95]"],
        }
    )
    (r,) = C.forest_rows(led).itertuples()
    assert r.centre == pytest.approx(0.9) and r.scale == pytest.approx(0.05)
    assert (r.band_low, r.band_high) == pytest.approx((-1.0, 1.0))
    assert math.isnan(r.x_low) and r.x == pytest.approx(0.0)


def test_rendered_ledger_escapes_text_and_groups_rows(tmp_path):
    from worldsystem.report.context import resolve_context

    out = C.present(_frames(_new_ledger()))
    html = render(resolve_context(None), [(C.SECTION, out)])
    body = html.split('id="claims-ledger"', 1)[1].split("</figure>", 1)[0]
    assert "p2 &lt;b&gt;x&lt;/b&gt;" in body and "<b>x</b>" not in body
    assert body.count('<tbody class="ws-group">') == 3
    assert body.count('<details class="row-detail">') == 3
    assert 'aria-label="claim c2: caveat, evidence and alternatives"' in body


def test_parse_alternatives_rejects_other_forms():
    assert C.parse_alternatives("") is None
    assert C.parse_alternatives("just a sentence without a verdict") is None


def test_ledger_folds_long_seed_text_and_estimates_sooner_than_the_paraphrase():
    # a 100-character quote folds (> 80) and a 100-character paraphrase does not (<= 140)
    led = _new_ledger()
    led["seed_quote"] = ["w" * 4 + " word" * 19, "short", "short"]  # 99 characters
    led["paraphrase"] = ["p" * 4 + " word" * 19, "short", "short"]
    led["estimate_part"] = ["JPN", "", ""]
    out = C.present(_frames(led))
    (table,) = out.tables
    view = _table_view(table)
    cols = list(C.LEDGER_COLUMNS)
    first = view["rows"][0]
    assert "short" in first[cols.index("seed_quote")]
    assert "short" not in first[cols.index("paraphrase")]
    # the binding part names the estimate shown
    assert table.frame["estimate"].iloc[0].startswith("JPN: 0.50")
