"""The evaluator: claims -> verdicts.

Verdict rules
-------------
0. A claim about real countries (file-level ``data: real``) is **not testable**
   on the example world, and an example-world claim on real data.
1. The claim's statistic is computed on the context (real data or the example
   world). If it raises :class:`~worldsystem.claims.statistics.NotTestable` or a
   missing-data/source error, the verdict is **not testable**, with the reason,
   ``needs`` and no value.
2. Data fitness. Each of the claim's ``fitness`` checks compares a quantity the
   statistic reports (``Evidence.checks``) with a cited reference figure. When
   the data lie more than the check's factor outside the reference range, the
   data mis-measure what the claim is about and the verdict is **not
   testable**, with the reason (``fitness``); the evidence is still shown.
3. The value (or each of its parts) is compared with the target with its
   interval (:func:`worldsystem.claims.intervals.judge`): **supported** or
   **contradicted** only when the whole interval (a 90% interval, or the range
   over the latest years, as the statistic states in ``interval_method``) gets
   that verdict, **mixed** otherwise. Parts give **supported** if every part is
   supported, **contradicted** if every part is contradicted, and **mixed**
   otherwise. ``estimate``, ``interval_low`` and ``interval_high`` are the
   value and its interval, or, for parts, those of the binding part (the least
   favourable, then the nearest to its threshold).
4. Robustness. A claim may list ``alternatives`` (other indices, methods or
   sources). Each is evaluated like a claim; ``robustness`` says how many of the
   testable operationalisations (the primary one included) reach the primary
   verdict, and ``alternatives`` lists each one's verdict and value. A
   supported or contradicted verdict stands only when a strict majority of the
   testable operationalisations agree with it; otherwise it becomes **mixed**
   and the caveat says so.
5. Stale data. If the data end before the year the claim speaks of
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

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd

from worldsystem.claims.intervals import judge
from worldsystem.claims.spec import Claim
from worldsystem.claims.statistics import REGISTRY, Evidence, NotTestable
from worldsystem.core import progress
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.provenance import Provenance, attach, get, set_units

__all__ = [
    "COLUMNS",
    "VERDICTS",
    "ClaimResult",
    "compare",
    "evaluate",
    "evaluate_claims",
    "ledger_provenance",
]

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
    "seed_quote",
    "estimate",
    "interval_low",
    "interval_high",
    "estimate_part",
    "interval_method",
    "robustness",
    "alternatives",
    "fitness",
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
    fitness: str = ""
    alternatives: tuple[tuple[str, ClaimResult], ...] = ()
    robustness: str = ""
    primary_verdict: str = ""

    def estimate(self) -> tuple[float, float, float, str]:
        """``(estimate, low, high, part)``: the value and its interval, or for parts
        those of the binding part (NaN when not a number)."""
        return _estimate(self)

    def row(self) -> dict[str, Any]:
        """The ledger row."""
        c, ev = self.claim, self.evidence
        caveats = list(c.caveats)
        if self.reason:
            caveats.insert(0, self.reason)
        if ev is not None and ev.note:
            caveats.append(ev.note)
        testable = ev is not None and self.verdict != "not testable"
        est, lo, hi, part = self.estimate() if testable else (math.nan,) * 3 + ("",)
        method = "" if ev is None or math.isnan(lo) else ev.interval_method
        return {
            "claim_id": c.id,
            "source": c.source,
            "paraphrase": c.paraphrase,
            "seed_quote": c.quote,
            "verdict": self.verdict,
            "statistic": c.statistic,
            "value": "" if not testable else _fmt(ev.value),
            "estimate": est,
            "interval_low": lo,
            "interval_high": hi,
            "estimate_part": part,
            "interval_method": method,
            "robustness": self.robustness,
            "alternatives": "; ".join(
                f"{name}: {r.verdict} ({_alt_value(r)})" for name, r in self.alternatives
            ),
            "fitness": self.fitness,
            "data_years": "" if ev is None else _years(ev.data_years),
            "caveat": " ".join(x if x.endswith(".") else x + "." for x in caveats),
            "about_year": c.about_year,
            "verdict_year": None if ev is None else int(ev.data_years[1]),
            "stale": self.stale,
            "latest_evidence": self.latest_evidence,
            "needs": self.needs,
            "parts": "; ".join(
                f"{k}: {v}{_part_interval(ev, k)}" for k, v in self.part_verdicts.items()
            ),
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
def _part_target(claim: Claim, part: Any) -> Any:
    return claim.target.get(part) if isinstance(claim.target, Mapping) else claim.target


def _verdict(claim: Claim, ev: Evidence) -> tuple[str, dict[str, str]]:
    iv = ev.interval
    if isinstance(ev.value, Mapping):
        parts = {}
        for k, v in ev.value.items():
            pi = iv.get(k) if isinstance(iv, Mapping) else None
            parts[str(k)] = judge(v, pi, claim.comparison, _part_target(claim, k), claim.tolerance)
        return _combine(parts.values()), parts
    pi = None if isinstance(iv, Mapping) else iv
    return judge(ev.value, pi, claim.comparison, claim.target, claim.tolerance), {}


def _isfloat(x: Any) -> bool:
    return _isnum(x) or (hasattr(x, "dtype") and getattr(x.dtype, "kind", "") in "iuf")


_BADNESS = {"contradicted": 0, "mixed": 1, "supported": 2}


def _estimate(r: ClaimResult) -> tuple[float, float, float, str]:
    ev, claim = r.evidence, r.claim
    nan = (math.nan, math.nan, math.nan, "")
    if ev is None:
        return nan
    if isinstance(ev.value, Mapping):
        cands = []
        for k, v in ev.value.items():
            t = _part_target(claim, k)
            if not (_isfloat(v) and not isinstance(v, bool) and _isfloat(t)):
                continue
            iv = ev.interval.get(k) if isinstance(ev.interval, Mapping) else None
            verdict = r.part_verdicts.get(str(k), "mixed")
            cands.append((_BADNESS.get(verdict, 1), abs(float(v) - float(t)), str(k), v, iv))
        if not cands:
            return nan
        _b, _gap, part, v, iv = min(cands, key=lambda c: (c[0], c[1]))
    else:
        if not _isfloat(ev.value) or isinstance(ev.value, bool):
            return nan
        part, v, iv = "", ev.value, None if isinstance(ev.interval, Mapping) else ev.interval
    lo, hi = (math.nan, math.nan) if iv is None else (float(iv[0]), float(iv[1]))
    return float(v), lo, hi, part


def _part_interval(ev: Evidence | None, part: str) -> str:
    iv = ev.interval if ev is not None else None
    if not isinstance(iv, Mapping):
        return ""
    got = iv.get(part)
    if got is None:
        keyed = {str(k): x for k, x in iv.items()}
        got = keyed.get(part)
    return "" if got is None else f" [{_fmt(float(got[0]))}, {_fmt(float(got[1]))}]"


def _alt_value(r: ClaimResult) -> str:
    if r.evidence is None or (r.verdict == "not testable" and not r.fitness):
        return r.reason.split(";")[0] if r.reason else "no value"
    text = _fmt(r.evidence.value)
    _est, lo, hi, _part = r.estimate()
    if not math.isnan(lo):
        text += f" [{_fmt(lo)}, {_fmt(hi)}]"
    return text.replace("(", "[").replace(")", "]")


def _not_testable(claim: Claim, reason: str, needs: str, latest: str = "") -> ClaimResult:
    return ClaimResult(claim, "not testable", None, {}, False, latest, reason, needs)


def _fitness(claim: Claim, ev: Evidence) -> tuple[bool, str]:
    """Whether the evidence passes the claim's fitness checks, and what they found."""
    texts, ok = [], True
    for f in claim.fitness:
        q = ev.checks.get(f.quantity)
        what = f.what or f.quantity
        if q is None or not _isfloat(q) or not math.isfinite(float(q)):
            ok = False
            texts.append(f"unfit: the statistic reports no {f.quantity!r} to check ({what})")
            continue
        q = float(q)
        if f.at_least is not None:
            inside = q >= f.at_least
            ok &= inside
            texts.append(
                f"{'fit' if inside else 'unfit'}: {what} is {_fmt(q)} in the data, "
                f"{'at least' if inside else 'below'} the {_fmt(f.at_least)} {f.citation}"
            )
            continue
        lo, hi = f.reference
        ref = _fmt(lo) if lo == hi else f"{_fmt(lo)}-{_fmt(hi)}"
        inside = lo / f.within_factor <= q <= hi * f.within_factor
        word = "fit" if inside else "unfit"
        ok &= inside
        texts.append(
            f"{word}: {what} is {_fmt(q)} in the data against {ref} in {f.citation}"
            + ("" if inside else f", more than a factor {_fmt(f.within_factor)} apart")
        )
    return ok, "; ".join(texts)


def _evaluate_primary(claim: Claim, ctx: Any) -> ClaimResult:
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
    latest = f"{verdict} as of {hi}: {_fmt(ev.value)}"
    fit, fit_text = _fitness(claim, ev)
    if not fit:
        reason = (
            "The data cannot answer this claim (data fitness): "
            + "; ".join(t for t in fit_text.split("; ") if t.startswith("unfit"))
            + f". On these data the verdict would be {verdict}"
        )
        needs = claim.needs or "data that measure this flow as the cited reference does"
        return ClaimResult(
            claim, "not testable", ev, parts, False, latest, reason, needs, fitness=fit_text
        )
    stale = hi < claim.about_year
    reason = ""
    if stale:
        reason = (
            f"The claim is about {claim.about_year}; the data end in {hi}, so the verdict "
            f"is on the latest evidence ({hi}), not on {claim.about_year}"
        )
        if claim.max_gap is not None and claim.about_year - hi > claim.max_gap:
            reason += f" - a gap of more than {claim.max_gap} years, so not testable"
            needs = claim.needs or f"data covering {claim.about_year}"
            return ClaimResult(
                claim, "not testable", ev, parts, True, latest, reason, needs, fitness=fit_text
            )
    return ClaimResult(claim, verdict, ev, parts, stale, latest, reason, "", fitness=fit_text)


def evaluate_one(claim: Claim, ctx: Any) -> ClaimResult:
    """Evaluate one claim and its alternatives (see the module docstring for the rules).

    Parameters
    ----------
    claim : Claim
    ctx : ReportContext

    Returns
    -------
    ClaimResult
    """
    r = _evaluate_primary(claim, ctx)
    if not claim.alternatives:
        return r
    alts = tuple((name, _evaluate_primary(alt, ctx)) for name, alt in claim.alternatives)
    results = [r.verdict] + [a.verdict for _n, a in alts]
    testable = [v for v in results if v != "not testable"]
    agree = sum(v == r.verdict for v in testable) if r.verdict != "not testable" else 0
    untested = len(results) - len(testable)
    robustness = f"{agree} of {len(testable)} agree" if testable else "none testable"
    if untested:
        robustness += f" ({untested} not testable)"
    out = replace(r, alternatives=alts, robustness=robustness, primary_verdict=r.verdict)
    if r.verdict in ("supported", "contradicted") and not 2 * agree > len(testable):
        others = ", ".join(f"{n} {a.verdict}" for n, a in alts if a.verdict != "not testable")
        note = (
            f"The primary operationalisation gives {r.verdict}, but only {agree} of "
            f"{len(testable)} testable operationalisations agree ({others}), so the "
            "verdict is mixed"
        )
        out = replace(out, verdict="mixed", reason=(r.reason + ". " if r.reason else "") + note)
    return out


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
        verdict, statistic, value, data_years, caveat``, then ``seed_quote,
        estimate, interval_low, interval_high, estimate_part (the binding part
        whose estimate is shown, for a claim with parts), interval_method, robustness,
        alternatives, fitness`` (see the module docstring), then ``about_year,
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
    results = evaluate_claims(claims, ctx)
    out = pd.DataFrame([r.row() for r in results], columns=COLUMNS)
    attach(out, ledger_provenance(results))
    set_units(out, UNITS)
    return out


#: Units of the ledger's numeric columns.
UNITS = {
    "estimate": "the claim statistic's own units (see its docstring)",
    "interval_low": "as estimate",
    "interval_high": "as estimate",
}


def ledger_provenance(results: Iterable[ClaimResult]) -> Provenance:
    """Provenance of a ledger: the sources of every claim's evidence (and of its
    alternatives'), each statistic as a method with its parameters, and the
    evaluator's interval settings (level, years, seed, draws, majority rule)."""
    from worldsystem.claims import intervals as iv

    prov = Provenance()
    for r in results:
        for res in (r, *(a for _n, a in r.alternatives)):
            detail = getattr(res.evidence, "detail", None)
            if isinstance(detail, pd.DataFrame):
                prov = prov.merge(get(detail))
            prov = prov.with_method(
                f"claims.{res.claim.statistic}",
                {"claim": res.claim.id, **{k: _plain(v) for k, v in res.claim.params.items()}},
            )
    return prov.with_method(
        "claims.evaluate",
        {
            "level": iv.LEVEL,
            "recent_years": iv.RECENT_YEARS,
            "seed": iv.SEED,
            "draws": iv.DRAWS,
            "robustness": "a decisive verdict needs a strict majority of the testable "
            "operationalisations",
        },
    )


def _plain(v: Any) -> Any:
    if isinstance(v, Mapping):
        return {str(k): _plain(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v
