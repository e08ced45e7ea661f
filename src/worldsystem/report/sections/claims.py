"""Report section: the claims ledger."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.core.provenance import Provenance
from worldsystem.report.model import Figure, Output, Section, Table
from worldsystem.report.style import VERDICT_COLOURS

__all__ = ["SECTION", "data", "present"]

#: Rows of a claim's evidence shown under the ledger.
EVIDENCE_ROWS = 12
#: Columns of the ledger table.
LEDGER_COLUMNS = ("claim_id", "verdict", "paraphrase", "statistic", "value", "data_years", "caveat")


def data(ctx: Any) -> dict[str, Any]:
    """Every shipped claim evaluated on the context.

    Returns ``ledger`` (one row per claim: :meth:`ClaimResult.row
    <worldsystem.claims.ClaimResult.row>`), ``statistics`` (each claim's statistic,
    in ledger order) and ``evidence``: ``(claim id, verdict, paraphrase, detail
    frame)`` for every claim whose evidence has a non-empty detail frame.
    """
    from worldsystem import claims as cl

    results = cl.evaluate_claims(cl.shipped_claims(ctx), ctx)
    evidence = []
    for r in results:
        detail = getattr(r.evidence, "detail", None)
        if isinstance(detail, pd.DataFrame) and not detail.empty:
            evidence.append((r.claim.id, r.verdict, r.claim.paraphrase, detail))
    return {
        "ledger": pd.DataFrame([r.row() for r in results]),
        "statistics": [r.claim.statistic for r in results],
        "evidence": evidence,
    }


def present(frames: Mapping[str, Any]) -> Output:
    """The claims ledger: each seed claim's verdict, value and evidence.

    Shows the number of claims per verdict, the ledger (paraphrase, statistic,
    value, the years the evidence covers, caveat) and the first rows of each
    claim's evidence. Method: each claim is a statistic of
    :mod:`worldsystem.claims.statistics`, a comparison and a tolerance
    (:func:`worldsystem.claims.evaluate_claims`); the appendix names each
    statistic as ``claims.<statistic>``. Source: the datasets each statistic reads.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    import plotly.graph_objects as go

    rows = frames["ledger"]
    prov = Provenance()
    for stat in frames["statistics"]:
        prov = prov.with_method(f"claims.{stat}", {"see": "worldsystem.claims.statistics." + stat})
    out = Output(provenance=prov)
    counts = rows["verdict"].value_counts().reindex(list(VERDICT_COLOURS), fill_value=0)
    fig = go.Figure(
        go.Bar(
            x=counts.index.tolist(),
            y=counts.tolist(),
            marker={
                "color": [VERDICT_COLOURS[v] for v in counts.index],
                "pattern": {"shape": ["", "/", "x", "."]},
            },
            hovertemplate="%{x}: %{y} claims<extra></extra>",
        )
    )
    fig.update_layout(
        title="Verdicts of the ledger", yaxis_title="claims", height=320, template="simple_white"
    )
    out.figures.append(
        Figure(
            "claims-verdicts",
            "Verdicts",
            "plotly",
            fig,
            caption="Each claim paraphrased from the seed documents and tested on the "
            "data; the verdict never uses data newer than the sources hold.",
            data=rows[["claim_id", "verdict"]],
        )
    )
    out.paragraphs.append(
        "Each claim is our paraphrase of a statement in the seed documents, turned into a "
        "check on the data: a statistic, a comparison and a tolerance. A claim about a year "
        "the data do not reach is judged on the latest evidence and flagged as stale; a claim "
        "the data cannot test says what would be needed. Methods: see the appendix entries "
        "whose names start with claims."
    )
    out.tables.append(
        Table(
            "claims-ledger",
            "The ledger",
            rows[list(LEDGER_COLUMNS)],
            max_rows=200,
            caption="value: the statistic's value(s); data_years: the years the evidence covers.",
        )
    )
    for claim_id, verdict, paraphrase, detail in frames["evidence"]:
        out.tables.append(
            Table(
                f"claim-{claim_id}",
                f"Claim {claim_id} ({verdict}): evidence",
                detail.head(EVIDENCE_ROWS),
                max_rows=EVIDENCE_ROWS,
                caption=paraphrase,
                folded=True,
            )
        )
    out.findings.append(
        "Claims ledger: "
        + ", ".join(f"{int(v)} {k}" for k, v in counts.items() if v)
        + f" of {len(rows)} claims."
    )
    return out


SECTION = Section(
    id="claims",
    title="Claims ledger: what the evidence says",
    data=data,
    present=present,
)
