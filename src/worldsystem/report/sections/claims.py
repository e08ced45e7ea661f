"""Report section: the claims ledger.

One table row per claim (claim, seed quote, verdict, estimate with its interval,
threshold, robustness), sortable, with each claim's caveat, evidence rows and
alternative operationalisations folded under the row; and a forest chart of the
claims whose statistic is a number with an interval, against their thresholds.

The section reads the ledger frame of :mod:`worldsystem.claims`; the interval and
robustness columns (``seed_quote, estimate, interval_low, interval_high,
interval_method, robustness, alternatives, fitness``) are shown when the ledger
has them and left blank when it does not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.core.provenance import Provenance, get
from worldsystem.report.model import Figure, Output, RowDetail, Section, Table, column_formatter
from worldsystem.report.style import VERDICT_COLOURS

__all__ = [
    "EVIDENCE_ROWS",
    "FOLD",
    "LEDGER_COLUMNS",
    "SECTION",
    "VERDICT_SYMBOLS",
    "data",
    "forest_rows",
    "parse_alternatives",
    "present",
    "threshold_text",
]

#: Rows of a claim's evidence shown in its folded detail.
EVIDENCE_ROWS = 8
#: Columns of the ledger table shown in the page (built by :func:`present`).
LEDGER_COLUMNS = (
    "claim_id",
    "paraphrase",
    "seed_quote",
    "verdict",
    "estimate",
    "threshold",
)
#: Fold lengths of the ledger's text columns (characters): the seed text and a
#: long estimate fold sooner than the paraphrase, so that a row is a few lines
#: (the seed text shows its first two lines, about 30 characters, folded).
FOLD = {"seed_quote": 29, "estimate": 40, "paraphrase": 140}
#: Part names no longer than this are kept in a forest-chart row label (country
#: codes such as ``JPN``); longer ones are left to the hover and the table, so
#: that a label fits beside the chart on a phone.
LABEL_PART_CHARS = 4
#: Marker of each verdict in the forest chart (shape as well as colour, so that
#: the chart reads in greyscale).
VERDICT_SYMBOLS = {
    "supported": "circle",
    "mixed": "diamond",
    "contradicted": "x",
    "not testable": "square-open",
}
_LABELS = {
    "claim_id": "claim",
    "paraphrase": "claim (our paraphrase)",
    "seed_quote": "seed text",
    "verdict": "verdict (robustness)",
    "estimate": "estimate [interval]",
    "threshold": "threshold",
}
_COMPARISON_TEXT = {
    ">": "> {t}",
    ">=": "\u2265 {t}",
    "<": "< {t}",
    "<=": "\u2264 {t}",
    "==": "= {t}",
    "between": "in {t}",
    "rank==": "rank {t}",
    "in": "in {t}",
    "is_true": "true",
}


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
    from worldsystem.claims.evaluate import UNITS, ledger_provenance
    from worldsystem.core.provenance import attach, set_units

    ledger = pd.DataFrame([r.row() for r in results])
    attach(ledger, ledger_provenance(results))
    set_units(ledger, {k: v for k, v in UNITS.items() if k in ledger.columns})
    return {
        "ledger": ledger,
        "statistics": [r.claim.statistic for r in results],
        "evidence": evidence,
    }


# ----------------------------------------------------------------------------- helpers
def _text(v: Any) -> str:
    """A ledger cell as text: missing values (None, NaN, NA) are blank."""
    if v is None or v is pd.NA:
        return ""
    if isinstance(v, float) and math.isnan(v):
        return ""
    return str(v)


def _num(v: Any) -> float:
    """A ledger cell as a float; NaN when it is missing or not a number."""
    if isinstance(v, bool) or v is None or v is pd.NA:
        return math.nan
    try:
        x = float(v)
    except (TypeError, ValueError):
        return math.nan
    return x if math.isfinite(x) else math.nan


def _col(rows: pd.DataFrame, name: str) -> list[Any]:
    """Column ``name`` of the ledger, or blanks when the ledger has no such column."""
    return rows[name].tolist() if name in rows.columns else [None] * len(rows)


def threshold_text(comparison: Any, target: Any) -> str:
    """The threshold of a claim as a reader writes it.

    >>> threshold_text("<=", "0.25"), threshold_text("between", "[0.85, 0.95]")
    ('≤ 0.25', 'in [0.85, 0.95]')
    >>> threshold_text("", "")
    ''
    """
    comparison, target = _text(comparison), _text(target)
    if not comparison:
        return target
    pattern = _COMPARISON_TEXT.get(comparison, comparison + " {t}")
    return pattern.format(t=target).strip()


def _thresholds(comparison: str, target: str) -> tuple[float, float] | None:
    """The numeric threshold of a claim, ``(t, t)`` or ``(lo, hi)`` for ``between``.

    None when the target is not a number (a country code, one target per part).
    """
    if comparison == "between":
        found = re.fullmatch(r"\s*\[\s*([^,\]]+)\s*,\s*([^,\]]+)\s*\]\s*", target)
        if not found:
            return None
        lo, hi = _num(found.group(1)), _num(found.group(2))
        return None if math.isnan(lo) or math.isnan(hi) else (min(lo, hi), max(lo, hi))
    if comparison not in (">", ">=", "<", "<=", "==", "rank=="):
        return None
    t = _num(target)
    return None if math.isnan(t) else (t, t)


def _interval_text(est: float, lo: float, hi: float) -> str:
    """``estimate [low, high]`` in one number format chosen from the three values."""
    fmt = column_formatter([x for x in (est, lo, hi) if not math.isnan(x)])
    text = fmt(est) if not math.isnan(est) else ""
    if not math.isnan(lo) and not math.isnan(hi):
        text += f" [{fmt(lo)}, {fmt(hi)}]"
    return text.strip()


def _split_top(text: str, sep: str = ";") -> list[str]:
    """``text`` split at ``sep`` outside parentheses and brackets."""
    parts, depth, cur = [], 0, []
    for ch in text:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(depth - 1, 0)
        if ch == sep and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur).strip())
    return [p for p in parts if p]


def parse_alternatives(text: Any) -> pd.DataFrame | None:
    """The ledger's ``alternatives`` text as a frame (operationalisation, verdict, value).

    The text is ``"name: verdict (value); ..."``; the value may itself hold ``;``
    inside its parentheses. None when the text is empty or an item does not have
    that form (the text is then shown as it is).

    >>> parse_alternatives("cinc: supported (USA); gdp: mixed (0.4; 0.5)").values.tolist()
    [['cinc', 'supported', 'USA'], ['gdp', 'mixed', '0.4; 0.5']]
    """
    text = _text(text).strip()
    if not text:
        return None
    rows = []
    for item in _split_top(text):
        found = re.fullmatch(r"(.+?):\s*([a-z][a-z ]*?)\s*(?:\((.*)\))?", item, flags=re.S)
        if not found:
            return None
        rows.append([found.group(1).strip(), found.group(2), (found.group(3) or "").strip()])
    return pd.DataFrame(rows, columns=["operationalisation", "verdict", "value"])


def forest_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """The claims the forest chart draws, placed against their thresholds.

    A claim is drawn when its ledger row has a numeric ``estimate`` and a
    numeric threshold (``comparison`` and ``target``). Each claim is placed on
    its own scale: the threshold (the middle of a ``between`` range) at 0, and
    the point farthest from it among the estimate, the interval ends and the
    range ends at -1 or +1. Left of 0 is below the threshold, right above it.

    Returns
    -------
    DataFrame
        ``claim_id, verdict, estimate, interval_low, interval_high,
        interval_method, estimate_part, comparison, target, centre, scale`` (the
        raw values; ``estimate_part`` names the binding part of a claim with
        parts) and
        ``x, x_low, x_high, band_low, band_high`` (the placed ones; NaN when the
        claim has no interval or no range). Empty when the ledger has no
        ``estimate`` column.

    Examples
    --------
    >>> led = pd.DataFrame({"claim_id": ["a"], "verdict": ["mixed"], "estimate": [0.3],
    ...     "interval_low": [0.2], "interval_high": [0.5], "comparison": ["<="],
    ...     "target": ["0.25"]})
    >>> forest_rows(led)[["x", "x_low", "x_high"]].round(3).values.tolist()
    [[0.2, -0.2, 1.0]]
    """
    out = []
    ests, lows, highs = (
        _col(rows, "estimate"),
        _col(rows, "interval_low"),
        _col(rows, "interval_high"),
    )
    methods = _col(rows, "interval_method")
    parts = _col(rows, "estimate_part")
    for i, (claim_id, verdict, comparison, target) in enumerate(
        zip(
            _col(rows, "claim_id"),
            _col(rows, "verdict"),
            _col(rows, "comparison"),
            _col(rows, "target"),
            strict=True,
        )
    ):
        est = _num(ests[i])
        limits = _thresholds(_text(comparison), _text(target))
        if math.isnan(est) or limits is None:
            continue
        lo, hi = _num(lows[i]), _num(highs[i])
        if math.isnan(lo) or math.isnan(hi):
            lo = hi = math.nan
        else:
            lo, hi = min(lo, hi), max(lo, hi)
        centre = (limits[0] + limits[1]) / 2
        spread = [abs(x - centre) for x in (est, lo, hi, *limits) if not math.isnan(x)]
        scale = max(spread) or 1.0
        band = limits if limits[0] != limits[1] else (math.nan, math.nan)
        out.append(
            {
                "claim_id": _text(claim_id),
                "verdict": _text(verdict),
                "estimate": est,
                "interval_low": lo,
                "interval_high": hi,
                "interval_method": _text(methods[i]),
                "estimate_part": _text(parts[i]),
                "comparison": _text(comparison),
                "target": _text(target),
                "centre": centre,
                "scale": scale,
                "x": (est - centre) / scale,
                "x_low": (lo - centre) / scale,
                "x_high": (hi - centre) / scale,
                "band_low": (band[0] - centre) / scale,
                "band_high": (band[1] - centre) / scale,
            }
        )
    cols = [
        "claim_id", "verdict", "estimate", "interval_low", "interval_high", "interval_method",
        "estimate_part", "comparison", "target", "centre", "scale", "x", "x_low", "x_high",
        "band_low", "band_high",
    ]  # fmt: skip
    return pd.DataFrame(out, columns=cols)


def _verdict_text(verdict: str, robustness: str) -> str:
    """The verdict with its robustness in one bracket, e.g. ``mixed (2 of 3 agree, 1 not
    testable)``; a robustness that says no operationalisation was testable is left out.

    >>> _verdict_text("mixed", "2 of 3 agree (1 not testable)")
    'mixed (2 of 3 agree, 1 not testable)'
    >>> _verdict_text("not testable", "none testable (6 not testable)")
    'not testable'
    """
    if not robustness or robustness.startswith("none testable"):
        return verdict
    inner = robustness.replace(" (", ", ").replace(")", "")
    return f"{verdict} ({inner})"


def _short_part(part: str) -> str:
    """`` part`` for a forest-chart label when it is short (a country code), else ""."""
    return f" {part}" if 0 < len(part) <= LABEL_PART_CHARS else ""


def _forest_figure(drawn: pd.DataFrame) -> Any:
    """Estimates with intervals against thresholds, one row per claim (plotly)."""
    import plotly.graph_objects as go

    texts = [
        _interval_text(r.estimate, r.interval_low, r.interval_high) for r in drawn.itertuples()
    ]
    thresholds = [
        threshold_text(c, t) for c, t in zip(drawn["comparison"], drawn["target"], strict=True)
    ]
    # the row label: the point estimate only; the hover: the interval and the whole part name
    labels = [
        f"{r.claim_id}{_short_part(r.estimate_part)}: {txt.split(' [')[0]} vs {thr}"
        for r, txt, thr in zip(drawn.itertuples(), texts, thresholds, strict=True)
    ]
    full = [
        f"{r.claim_id}{' ' + r.estimate_part if r.estimate_part else ''}: {txt} vs {thr}"
        for r, txt, thr in zip(drawn.itertuples(), texts, thresholds, strict=True)
    ]
    drawn = drawn.assign(label=labels, full=full)
    fig = go.Figure()
    bands = drawn.dropna(subset=["band_low"])
    for r, label in zip(drawn.itertuples(), labels, strict=True):
        if r.claim_id in set(bands["claim_id"]):
            fig.add_trace(
                go.Scatter(
                    x=[r.band_low, r.band_high],
                    y=[label, label],
                    mode="lines",
                    line={"color": "#999999", "width": 9},
                    opacity=0.45,
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    for verdict, colour in VERDICT_COLOURS.items():
        sel = drawn["verdict"] == verdict
        if not sel.any():
            continue
        part = drawn[sel]
        has = part["x_low"].notna()
        fig.add_trace(
            go.Scatter(
                x=part["x"],
                y=part["label"].tolist(),
                mode="markers",
                name=verdict,
                marker={
                    "color": colour,
                    "symbol": VERDICT_SYMBOLS[verdict],
                    "size": 10,
                    "line": {"width": 1.5, "color": colour if verdict != "supported" else "#fff"},
                },
                error_x={
                    "type": "data",
                    "symmetric": False,
                    "array": (part["x_high"] - part["x"]).where(has, 0).tolist(),
                    "arrayminus": (part["x"] - part["x_low"]).where(has, 0).tolist(),
                    "color": colour,
                    "thickness": 2,
                    "width": 4,
                },
                customdata=[
                    [m or "no interval", f]
                    for m, f in zip(part["interval_method"], part["full"], strict=True)
                ],
                hovertemplate="%{customdata[1]}<br>interval: %{customdata[0]}<br>verdict: "
                + verdict
                + "<extra></extra>",
            )
        )
    fig.add_vline(x=0, line={"color": "#333", "width": 1.2, "dash": "dash"})
    fig.update_layout(
        height=96 + 20 * len(drawn),
        template="simple_white",
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 0, "title": None},
        margin={"l": 10, "r": 20, "t": 32, "b": 46},
        xaxis={
            "range": [-1.15, 1.15],
            "tickvals": [-1, 0, 1],
            "ticktext": ["below", "threshold", "above"],
            "title": "scaled to \u00b11 per claim",
            "zeroline": False,
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "title": None,
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
        },
    )
    return fig


def _interval_sentence(drawn: pd.DataFrame, prov: Provenance) -> str:
    """How the intervals were computed, read from the ledger and the provenance."""
    methods = [m for m in drawn["interval_method"] if m]
    if not methods:
        return "No drawn claim reports an interval (points only)."
    counts = pd.Series(methods).value_counts(sort=False)
    text = (
        "Intervals: "
        + "; ".join(f"{m} ({n} claim{'' if n == 1 else 's'})" for m, n in counts.items())
        + "."
    )
    levels = sorted(
        {
            str(v)
            for m in prov.methods
            for k, v in m.params
            if k in ("level", "confidence", "interval_level")
        }
    )
    if levels:
        text += " Interval level recorded in the provenance: " + ", ".join(levels) + "."
    missing = int(drawn["x_low"].isna().sum())
    if missing:
        text += f" Drawn without an interval (a point only): {missing} of {len(drawn)} claims."
    return text


def _details(rows: pd.DataFrame, evidence: Mapping[str, pd.DataFrame]) -> list[RowDetail]:
    """Each claim's folded detail: caveat, fitness, what was measured, alternatives, evidence."""
    out = []
    for i in range(len(rows)):
        row = {c: rows[c].iloc[i] for c in rows.columns}
        claim_id = _text(row.get("claim_id"))
        items: list[tuple[str, Any]] = []
        for key, label in (("fitness", "data fitness"), ("caveat", "caveat")):
            if _text(row.get(key)):
                items.append((label, _text(row.get(key))))
        measured = _text(row.get("statistic"))
        if _text(row.get("value")):
            measured += f" = {_text(row.get('value'))}"
        if _text(row.get("data_years")):
            measured += f"; data years {_text(row.get('data_years'))}"
        if measured:
            items.append(("measured", measured))
        if _text(row.get("parts")):
            items.append(("parts", _text(row.get("parts"))))
        if _text(row.get("interval_method")):
            items.append(("interval", _text(row.get("interval_method"))))
        alt = parse_alternatives(row.get("alternatives"))
        if alt is not None:
            items.append(("alternatives", alt))
        elif _text(row.get("alternatives")):
            items.append(("alternatives", _text(row.get("alternatives"))))
        if _text(row.get("source")):
            items.append(("seed document", _text(row.get("source"))))
        detail = evidence.get(claim_id)
        if detail is not None:
            shown = detail.head(EVIDENCE_ROWS)
            items.append((f"evidence (first {len(shown)} of {len(detail)} rows)", shown))
        out.append(RowDetail(f"claim {claim_id}: caveat, evidence and alternatives", tuple(items)))
    return out


# ----------------------------------------------------------------------------- present
def present(frames: Mapping[str, Any]) -> Output:
    """The claims ledger: each seed claim's verdict, estimate, interval and evidence.

    Shows one sortable table row per claim (claim id, our paraphrase, the seed
    text it paraphrases, verdict, estimate with its interval, threshold,
    robustness across operationalisations), with the caveat, the data-fitness
    reason, what was measured, the alternatives' verdicts and the first
    :data:`EVIDENCE_ROWS` evidence rows folded under each row; and a forest chart
    of the claims with a numeric estimate and threshold (:func:`forest_rows`).
    Method: each claim is a statistic of :mod:`worldsystem.claims.statistics`, a
    comparison and a threshold (:func:`worldsystem.claims.evaluate_claims`); the
    appendix names each statistic as ``claims.<statistic>``. Source: the datasets
    each statistic reads (from the evidence frames' provenance).

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`. Ledger columns the evaluator does not
        produce (``seed_quote``, ``estimate``, ``interval_low``,
        ``interval_high``, ``interval_method``, ``robustness``,
        ``alternatives``, ``fitness``) are shown blank.
    """
    rows = frames["ledger"].reset_index(drop=True)
    evidence = {claim_id: detail for claim_id, _v, _p, detail in frames["evidence"]}
    prov = get(rows)
    for detail in evidence.values():
        prov = prov.merge(get(detail))
    for stat in frames["statistics"]:
        prov = prov.with_method(f"claims.{stat}", {"see": "worldsystem.claims.statistics." + stat})
    out = Output(provenance=prov)
    n = len(rows)
    counts = rows["verdict"].value_counts().reindex(list(VERDICT_COLOURS), fill_value=0)
    count_text = ", ".join(f"{int(v)} {k}" for k, v in counts.items() if v)

    out.paragraphs.append(
        "Each claim paraphrases a statement of the seed documents (their words beside it) "
        "and is checked on the data by a statistic, a comparison and a threshold. Supported "
        "or contradicted needs the estimate's interval to clear the threshold; robustness "
        "counts the operationalisations that agree. A claim about a year beyond the data is "
        "judged on the latest evidence and flagged stale; one the data cannot answer is not "
        f"testable, with the reason (in its details). Verdicts: {count_text} of {n} claims. "
        "Methods: the appendix entries named claims.*."
    )

    drawn = forest_rows(rows)
    if not drawn.empty:
        out.figures.append(
            Figure(
                "claims-forest",
                "Estimates, intervals and thresholds",
                "plotly",
                _forest_figure(drawn),
                caption=(
                    f"{len(drawn)} of {n} claims have a numeric estimate and threshold. Each "
                    "row has its own scale: the threshold at the dashed line (a range at its "
                    "middle, with a grey band), the value farthest from it at the edge. Labels "
                    "give estimate and threshold in the statistic's units; the interval and "
                    "the part of the claim are in the ledger and on hover. Colour and marker "
                    "give the verdict. " + _interval_sentence(drawn, prov)
                ),
                data=drawn,
            )
        )

    ests, lows, highs = (
        _col(rows, "estimate"),
        _col(rows, "interval_low"),
        _col(rows, "interval_high"),
    )
    parts, fitness = _col(rows, "estimate_part"), _col(rows, "fitness")
    shown_est, sort_est = [], []
    for i in range(n):
        est = _num(ests[i])
        if math.isnan(est):
            value = _text(rows["value"].iloc[i]) if "value" in rows.columns else ""
            if not value and _text(fitness[i]).startswith("unfit"):
                value = "data unfit (see details)"
            shown_est.append(value)
        else:
            part = _text(parts[i])
            text = _interval_text(est, _num(lows[i]), _num(highs[i]))
            shown_est.append(f"{part}: {text}" if part else text)
        sort_est.append(est)
    table = pd.DataFrame(
        {
            "claim_id": [_text(v) for v in _col(rows, "claim_id")],
            "paraphrase": [_text(v) for v in _col(rows, "paraphrase")],
            "seed_quote": [_text(v) for v in _col(rows, "seed_quote")],
            "verdict": [
                _verdict_text(_text(v), _text(r))
                for v, r in zip(_col(rows, "verdict"), _col(rows, "robustness"), strict=True)
            ],
            "estimate": shown_est,
            "threshold": [
                threshold_text(c, t)
                for c, t in zip(_col(rows, "comparison"), _col(rows, "target"), strict=True)
            ],
        },
        columns=list(LEDGER_COLUMNS),
    )
    out.tables.append(
        Table(
            "claims-ledger",
            "The ledger",
            table,
            max_rows=max(n, 1),
            labels=_LABELS,
            details=_details(rows, evidence),
            sort_keys={"estimate": sort_est},
            fold_chars=FOLD,
            breakout=True,
            nowrap=("verdict",),
            caption=(
                "estimate [interval]: the statistic's value and interval; the verdict's "
                "bracket counts the operationalisations that agree."
            ),
        )
    )
    out.findings.append(f"Claims ledger: {count_text} of {n} claims.")
    return out


SECTION = Section(
    id="claims",
    title="Claims ledger: what the evidence says",
    data=data,
    present=present,
)
