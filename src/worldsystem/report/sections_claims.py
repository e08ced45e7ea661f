"""Report section: the claims ledger."""

from __future__ import annotations

import pandas as pd

from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: Verdict colours: blue/orange/grey pairs that stay distinct in greyscale.
VERDICT_COLOURS = {
    "supported": "#0072B2",
    "mixed": "#E69F00",
    "contradicted": "#D55E00",
    "not testable": "#BBBBBB",
}


@register("claims", "Claims ledger: what the evidence says", order=90)
def claims_section(ctx: ReportContext) -> SectionOutput:
    import plotly.graph_objects as go

    from worldsystem import claims as cl
    from worldsystem.core.provenance import Provenance

    results = cl.evaluate_claims(cl.shipped_claims(ctx), ctx)
    rows = pd.DataFrame([r.row() for r in results])
    prov = Provenance()
    for r in results:
        prov = prov.with_method(
            f"claims.{r.claim.statistic}",
            {"see": "worldsystem.claims.statistics." + r.claim.statistic},
        )
    out = SectionOutput(provenance=prov)
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
        "named claims.<statistic>."
    )
    table = rows[
        ["claim_id", "verdict", "paraphrase", "statistic", "value", "data_years", "caveat"]
    ]
    out.tables.append(
        Table(
            "claims-ledger",
            "The ledger",
            table,
            max_rows=200,
            caption="value: the statistic's value(s); data_years: the years the evidence covers.",
        )
    )
    for r in results:
        ev = r.evidence
        if ev is None or ev.detail is None or not isinstance(ev.detail, pd.DataFrame):
            continue
        if ev.detail.empty:
            continue
        out.tables.append(
            Table(
                f"claim-{r.claim.id}",
                f"Claim {r.claim.id} ({r.verdict}): evidence",
                ev.detail.head(12),
                max_rows=12,
                caption=r.claim.paraphrase,
            )
        )
    n = len(rows)
    out.findings.append(
        "Claims ledger: "
        + ", ".join(f"{int(v)} {k}" for k, v in counts.items() if v)
        + f" of {n} claims."
    )
    return out
