"""The evaluator: claims -> verdicts.

Verdict rules
-------------
0. A claim about real countries (file-level ``data: real``) is **not testable**
   on the example world, and an example-world claim on real data.
1. The claim's statistic is computed on the context (real data or the example
   world). If it raises :class:`~worldsystem.claims.statistics.NotTestable` or a
   missing-data/source error, the verdict is **not testable**, with the reason,
   ``needs`` and no value.
2. The value (or each of its parts) is compared with the target
   (:func:`compare`). One value gives its verdict; parts give **supported** if
   every part is supported, **contradicted** if every part is contradicted, and
   **mixed** otherwise.
3. Stale data. If the data end before the year the claim speaks of
   (``about_year``), the verdict stands on the latest evidence and says so:
   ``stale`` is True, ``verdict_year`` is the last data year, the caveat starts
   with "the claim is about Y; the data end in X", and ``latest_evidence``
   repeats the verdict with its year. If the claim sets ``max_gap`` and the gap
   exceeds it, the verdict becomes **not testable** and ``latest_evidence``
   still shows what the latest data say. A stale verdict is never upgraded or
   downgraded silently: it is the verdict on the latest data, labelled with
   its year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from worldsystem.claims.spec import Claim
from worldsystem.claims.statistics import REGISTRY, Evidence, NotTestable
from worldsystem.core import progress
from worldsystem.core.errors import SchemaError, WorldsystemError

__all__ = ["COLUMNS", "VERDICTS", "ClaimResult", "compare", "evaluate", "evaluate_claims"]

VERDICTS = ("supported", "contradicted", "mixed", "not testable")

#: Columns of the ledger frame, in order.
COLUMNS = [
    "claim_id",
    "source",
    "paraphrase",
    "verdict",
    "statistic",
    "value",
    "data_years",
    "caveat",
    "about_year",
    "verdict_year",
    "stale",
    "latest_evidence",
    "needs",
    "parts",
    "comparison",
    "target",
]


@dataclass
class ClaimResult:
    """A claim with its verdict and evidence (``evidence`` is None when not testable)."""

    claim: Claim
    verdict: str
    evidence: Evidence | None
    part_verdicts: dict[str, str]
    stale: bool
    latest_evidence: str
    reason: str
    needs: str

    def row(self) -> dict[str, Any]:
        """The ledger row."""
        c, ev = self.claim, self.evidence
        caveats = list(c.caveats)
        if self.reason:
            caveats.insert(0, self.reason)
        if ev is not None and ev.note:
            caveats.append(ev.note)
        return {
            "claim_id": c.id,
            "source": c.source,
            "paraphrase": c.paraphrase,
            "verdict": self.verdict,
            "statistic": c.statistic,
            "value": "" if ev is None or self.verdict == "not testable" else _fmt(ev.value),
            "data_years": "" if ev is None else _years(ev.data_years),
            "caveat": " ".join(x if x.endswith(".") else x + "." for x in caveats),
            "about_year": c.about_year,
            "verdict_year": None if ev is None else int(ev.data_years[1]),
            "stale": self.stale,
            "latest_evidence": self.latest_evidence,
            "needs": self.needs,
            "parts": "; ".join(f"{k}: {v}" for k, v in self.part_verdicts.items()),
            "comparison": c.comparison or "",
            "target": "" if c.target is None else _fmt(c.target),
        }


# ----------------------------------------------------------------------------- compare
def compare(value: Any, comparison: str, target: Any, tolerance: float = 0.0) -> str:
    """Verdict of one value against a target.

    Parameters
    ----------
    value : any
    comparison : str
        ``>``, ``>=``, ``<``, ``<=``: supported when the inequality holds; mixed
        when it fails by no more than ``tolerance`` (a near miss); contradicted
        otherwise. ``==``: numbers within ``tolerance`` of the target are
        supported, within twice the tolerance mixed, else contradicted; other
        values must be equal. ``between``: target ``[lo, hi]``; inside is
        supported, within ``tolerance`` outside is mixed. ``rank==``: the rank
        equals the target (supported) or is within ``tolerance`` ranks (mixed).
        ``in``: the value is one of the target's items. ``is_true``: the value
        is true (the target is ignored).
    target : any
    tolerance : float, default 0

    Returns
    -------
    str
        ``supported``, ``contradicted`` or ``mixed``.

    Examples
    --------
    >>> compare(0.92, "between", [0.85, 0.95])
    'supported'
    >>> compare(0.84, "between", [0.85, 0.95], tolerance=0.02)
    'mixed'
    >>> compare(12, "rank==", 11, tolerance=1)
    'mixed'
    """
    if value is None or (isinstance(value, float) and value != value):
        # no value for this part (e.g. a country absent from a ranking)
        return "contradicted" if comparison in ("is_true", "rank==", "in") else "mixed"
    t = tolerance
    if comparison in (">", ">="):
        ok = value > target if comparison == ">" else value >= target
        return "supported" if ok else ("mixed" if value >= target - t and t > 0 else "contradicted")
    if comparison in ("<", "<="):
        ok = value < target if comparison == "<" else value <= target
        return "supported" if ok else ("mixed" if value <= target + t and t > 0 else "contradicted")
    if comparison == "==":
        if _isnum(value) and _isnum(target):
            gap = abs(value - target)
            if gap <= t:
                return "supported"
            return "mixed" if t > 0 and gap <= 2 * t else "contradicted"
        return "supported" if value == target else "contradicted"
    if comparison == "between":
        lo, hi = target
        if lo <= value <= hi:
            return "supported"
        return "mixed" if t > 0 and lo - t <= value <= hi + t else "contradicted"
    if comparison == "rank==":
        gap = abs(int(value) - int(target))
        return "supported" if gap == 0 else ("mixed" if gap <= t else "contradicted")
    if comparison == "in":
        return "supported" if value in list(target) else "contradicted"
    if comparison == "is_true":
        return "supported" if bool(value) else "contradicted"
    raise SchemaError("unknown comparison", field="comparison", value=comparison)


def _isnum(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def _combine(verdicts: Iterable[str]) -> str:
    vs = list(verdicts)
    if vs and all(v == "supported" for v in vs):
        return "supported"
    if vs and all(v == "contradicted" for v in vs):
        return "contradicted"
    return "mixed"


def _fmt(v: Any) -> str:
    if isinstance(v, Mapping):
        return "; ".join(f"{k}={_fmt(x)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_fmt(x) for x in v) + "]"
    if isinstance(v, float):
        return f"{v:.4g}"
    return str(v)


def _years(y: tuple[int, int]) -> str:
    lo, hi = int(y[0]), int(y[1])
    return str(lo) if lo == hi else f"{lo}-{hi}"


# ----------------------------------------------------------------------------- evaluate
def _verdict(claim: Claim, ev: Evidence) -> tuple[str, dict[str, str]]:
    if isinstance(ev.value, Mapping):
        parts = {}
        for k, v in ev.value.items():
            t = claim.target.get(k) if isinstance(claim.target, Mapping) else claim.target
            parts[str(k)] = compare(v, claim.comparison, t, claim.tolerance)
        return _combine(parts.values()), parts
    return compare(ev.value, claim.comparison, claim.target, claim.tolerance), {}


def _not_testable(claim: Claim, reason: str, needs: str, latest: str = "") -> ClaimResult:
    return ClaimResult(claim, "not testable", None, {}, False, latest, reason, needs)


def evaluate_one(claim: Claim, ctx: Any) -> ClaimResult:
    """Evaluate one claim (see the module docstring for the rules).

    Parameters
    ----------
    claim : Claim
    ctx : ReportContext

    Returns
    -------
    ClaimResult
    """
    if ctx is not None and claim.data != "any" and ctx.is_example != (claim.data == "example"):
        if ctx.is_example:
            return _not_testable(
                claim,
                "the example world has no real countries; this claim is about the real world",
                claim.needs or "the real datasets (point --data / WORLDSYSTEM_DATA at them)",
            )
        return _not_testable(claim, "this claim is about the example world", "the example world")
    fn = REGISTRY.get(claim.statistic)
    if fn is None:
        return _not_testable(claim, f"unknown statistic {claim.statistic!r}", claim.needs)
    try:
        ev = fn(ctx, about_year=claim.about_year, **dict(claim.params))
    except NotTestable as exc:
        latest = f"the data end in {exc.latest_year}" if exc.latest_year else ""
        return _not_testable(claim, exc.reason, exc.needs or claim.needs, latest)
    except WorldsystemError as exc:
        # missing datasets (the context's MissingData, SourceError), unproductive
        # tables (ModelError), no data in the years asked for: all "not testable"
        return _not_testable(claim, exc.message, claim.needs or (exc.hint or ""))
    verdict, parts = _verdict(claim, ev)
    hi = int(ev.data_years[1])
    stale = hi < claim.about_year
    latest = f"{verdict} as of {hi}: {_fmt(ev.value)}"
    reason = ""
    if stale:
        reason = (
            f"The claim is about {claim.about_year}; the data end in {hi}, so the verdict "
            f"is on the latest evidence ({hi}), not on {claim.about_year}"
        )
        if claim.max_gap is not None and claim.about_year - hi > claim.max_gap:
            reason += f" - a gap of more than {claim.max_gap} years, so not testable"
            needs = claim.needs or f"data covering {claim.about_year}"
            return ClaimResult(claim, "not testable", ev, parts, True, latest, reason, needs)
    return ClaimResult(claim, verdict, ev, parts, stale, latest, reason, "")


def evaluate_claims(claims: Iterable[Claim], ctx: Any) -> list[ClaimResult]:
    """Evaluate claims; one :class:`ClaimResult` each, in order."""
    claims = list(claims)
    return [evaluate_one(c, ctx) for c in progress.track(claims, "claims", detail=lambda c: c.id)]


def evaluate(claims: Iterable[Claim], ctx: Any) -> pd.DataFrame:
    """The ledger of ``claims`` on ``ctx``.

    Parameters
    ----------
    claims : iterable of Claim
    ctx : ReportContext
        From :func:`worldsystem.workflows.context.resolve_context`.

    Returns
    -------
    pandas.DataFrame
        One row per claim with :data:`COLUMNS`: ``claim_id, source, paraphrase,
        verdict, statistic, value, data_years, caveat`` then ``about_year,
        verdict_year, stale, latest_evidence, needs, parts, comparison,
        target``. ``verdict`` is one of :data:`VERDICTS`.

    Examples
    --------
    >>> from worldsystem.claims.spec import load_claims
    >>> cl = load_claims('''
    ... claims:
    ...   - {id: a, source: s, paraphrase: p, about_year: 2020, statistic: constant,
    ...      params: {value: 5}, comparison: ">", target: 3}
    ... ''')
    >>> evaluate(cl, ctx=None)["verdict"].tolist()
    ['supported']
    """
    rows = [r.row() for r in evaluate_claims(claims, ctx)]
    return pd.DataFrame(rows, columns=COLUMNS)
