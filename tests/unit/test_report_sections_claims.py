"""report/sections/claims.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.sections import claims as C


def test_present_ledger_verdicts_and_evidence():
    ledger = pd.DataFrame(
        {
            "claim_id": ["c1", "c2", "c3"],
            "verdict": ["supported", "contradicted", "supported"],
            "paraphrase": ["p1", "p2", "p3"],
            "statistic": ["stat_a", "stat_b", "stat_a"],
            "value": ["1", "2", "3"],
            "data_years": ["2000", "2001", "2002"],
            "caveat": ["", "", "stale"],
            "extra": [0, 0, 0],
        }
    )
    detail = pd.DataFrame({"iso3": [f"X{i:02d}" for i in range(20)]})
    frames = {
        "ledger": ledger,
        "statistics": ["stat_a", "stat_b", "stat_a"],
        "evidence": [("c2", "contradicted", "p2", detail)],
    }
    out = C.present(frames)
    (fig,) = out.figures
    bar = fig.payload.data[0]
    assert list(bar.x) == list(C.VERDICT_COLOURS) and list(bar.y) == [2, 0, 1, 0]
    ledger_table, evidence = out.tables
    assert list(ledger_table.frame.columns) == list(C.LEDGER_COLUMNS)
    assert evidence.id == "claim-c2" and evidence.title == "Claim c2 (contradicted): evidence"
    assert len(evidence.frame) == C.EVIDENCE_ROWS and evidence.caption == "p2"
    assert out.findings == ["Claims ledger: 2 supported, 1 contradicted of 3 claims."]
    assert [m.name for m in out.provenance.methods] == ["claims.stat_a", "claims.stat_b"]
