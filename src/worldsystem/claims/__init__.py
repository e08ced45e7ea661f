"""The claims ledger: the seeds' empirical claims tested against the data.

A *claim* is a declarative spec: where it comes from, what it says (in our
words), the year it speaks of, a registered *statistic* with its parameters,
a *comparison* with a target and tolerance, and the caveats. The evaluator
(:func:`evaluate`) turns claims into verdicts: ``supported``,
``contradicted``, ``mixed`` or ``not testable`` (with what would be needed).
It never pretends: a claim about 2025 tested on data ending in 2017 keeps the
verdict of the 2017 evidence, labelled as such (``stale``, ``verdict_year``,
``latest_evidence``, and a caveat that says so); see
:mod:`worldsystem.claims.evaluate` for the rules.

Spec format
-----------
A YAML file with a ``claims:`` list and an optional top-level ``data:`` key
(``any`` by default; ``real``: the claims are about real countries and are "not
testable" on the example world; ``example``: the reverse). Claim fields:

``id`` (required)
    Unique text, e.g. ``"5a"``.
``source`` (required)
    The document (e.g. a seed file name or a citation).
``paraphrase`` (required)
    The claim in your words -- not a quotation.
``about_year`` (required)
    The year the claim speaks of ("today" in a 2025 text is 2025).
``period``
    Free text, e.g. ``present`` (default) or ``2011-2024``.
``statistic`` (required)
    A name from :data:`~worldsystem.claims.statistics.REGISTRY` (below).
``params``
    A mapping of the statistic's keyword arguments.
``comparison``
    ``>``, ``>=``, ``<``, ``<=``, ``==``, ``between``, ``rank==``, ``in`` or
    ``is_true`` (:func:`~worldsystem.claims.evaluate.compare`); required except
    for ``statistic: not_testable``.
``target``
    A number, a ``[low, high]`` pair, a list, or -- when the statistic returns
    parts -- a mapping from part to target.
``tolerance``
    Near-miss band giving ``mixed`` (default 0).
``caveats``
    A list of sentences: what the operationalisation cannot capture.
``needs``
    The data that would be needed (shown when not testable).
``max_gap``
    Years the data may end before ``about_year``; beyond it the verdict is
    ``not testable`` (the latest evidence is still shown). Default: no limit.
``quote``
    The source's own sentence that the paraphrase renders (verbatim, short),
    shown beside the paraphrase in the ledger.
``alternatives``
    Other operationalisations of the claim (another index, method or
    source): a list of mappings with a ``name`` and any of ``statistic``,
    ``params`` (merged over the claim's when the statistic is the same; give a
    parameter as ``null`` to drop it), ``comparison``, ``target`` and
    ``tolerance``. Each is evaluated like the claim; the ledger's
    ``robustness`` says how many of the testable ones agree with the primary
    verdict, and a supported or contradicted verdict stands only when a strict
    majority does (otherwise it is ``mixed``).
``fitness``
    Checks that the data can answer the claim: a list of mappings with
    ``quantity`` (a name the statistic reports in its ``checks``; each
    statistic's docstring lists them), ``reference`` (a cited figure or a
    ``[low, high]`` range), ``citation``, ``within_factor`` (default 2) and
    ``what``. When the data lie more than the factor outside the range, the
    verdict is ``not testable``, with the reason in ``fitness``.

Verdicts need intervals: every statistic returns its estimate with an
interval where it can (a bootstrap, posterior draws, a Newey-West interval,
or the range over the latest data years; see
:mod:`worldsystem.claims.intervals`), and a claim is supported or contradicted
only when the whole interval clears the threshold.

Example::

    claims:
      - id: warheads-1
        source: my_notes.md
        paraphrase: >-
          The US and Russia together hold about nine in ten nuclear warheads.
        about_year: 2017
        statistic: share_of_total
        params: {series_name: warheads, countries: [USA, RUS]}
        comparison: between
        target: [0.85, 0.95]
        tolerance: 0.02
        caveats: [FAS estimates of stockpiled warheads, not deployed ones.]
      - id: arms-1
        source: my_notes.md
        paraphrase: France is the second arms exporter.
        about_year: 2024
        statistic: ranks
        params: {series_name: arms_exports_tiv, countries: [FRA], window: 5}
        comparison: rank==
        target: {FRA: 2}
        tolerance: 1
        quote: "France is now the world's second largest arms exporter."
        alternatives:
          - {name: ten-year sums, params: {window: 10}}

Run it with ``worldsystem claims --file my_claims.yaml --out ledger.csv`` or
``ledger(ctx, files=["my_claims.yaml"])``.

Statistics
----------
Each statistic is documented in :mod:`worldsystem.claims.statistics` (data,
definition, caveats): ``constant``, ``not_testable``, ``share_of_total``,
``ratio``, ``ranks``, ``top_set``, ``percentile``, ``mean_difference``
(country-year series), ``leader``, ``polarity_class``, ``share_trend``
(capability indices and polarity), ``vote_bloc``, ``vote_proximity``,
``pair_cohesion`` (UN-vote ideal points), ``allied_with`` (ATOP pacts),
``camp_trade`` (trade intensity between two camps, COW trade),
``zone`` (position measures), ``partition_drain``, ``bilateral_drain``
(embodied labour / value added in WIOD), ``import_dependence`` (WIOD product
imports), ``conflict_change``, ``conflict_count`` (UCDP/PRIO).

Shipped claims
--------------
``seeds.yaml`` holds the claims of the seed documents; ``example.yaml`` holds
claims about the example world whose verdicts follow from its planted truth.
:func:`shipped_claims` picks the file that fits the context.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from importlib import resources
from typing import Any

import pandas as pd

from worldsystem.claims.evaluate import (
    COLUMNS,
    VERDICTS,
    ClaimResult,
    compare,
    evaluate,
    evaluate_claims,
)
from worldsystem.claims.spec import COMPARISONS, Claim, load_claims
from worldsystem.claims.statistics import REGISTRY, Evidence, NotTestable, register

__all__ = [
    "COLUMNS",
    "COMPARISONS",
    "REGISTRY",
    "VERDICTS",
    "Claim",
    "ClaimResult",
    "Evidence",
    "NotTestable",
    "compare",
    "evaluate",
    "evaluate_claims",
    "ledger",
    "load_claims",
    "register",
    "shipped_claims",
    "shipped_path",
]


def shipped_path(name: str) -> Any:
    """Path of a shipped claims file (``"seeds"`` or ``"example"``)."""
    return resources.files("worldsystem.claims").joinpath(f"{name}.yaml")


def shipped_claims(ctx: Any = None, *, which: str | None = None) -> list[Claim]:
    """The shipped claims.

    Parameters
    ----------
    ctx : ReportContext, optional
        With the example world: the example claims followed by the seed claims
        (most of which are then "not testable": the example world has no real
        countries). With real data (or None): the seed claims.
    which : {"seeds", "example", "all"}, optional
        Override the choice.

    Returns
    -------
    list of Claim
    """
    if which is None:
        which = "all" if ctx is not None and ctx.is_example else "seeds"
    names = {"seeds": ["seeds"], "example": ["example"], "all": ["example", "seeds"]}[which]
    out: list[Claim] = []
    for n in names:
        with resources.as_file(shipped_path(n)) as p:
            out.extend(load_claims(p))
    return out


def ledger(
    ctx: Any,
    files: Iterable[str | os.PathLike[str]] | None = None,
    *,
    include_shipped: bool | None = None,
) -> pd.DataFrame:
    """Evaluate claims on a data context.

    Parameters
    ----------
    ctx : ReportContext
        From :func:`worldsystem.workflows.context.resolve_context`.
    files : iterable of path-like, optional
        User claims files (see the spec format above).
    include_shipped : bool, optional
        Also evaluate the shipped claims; default: only when no files are given.

    Returns
    -------
    pandas.DataFrame
        As :func:`worldsystem.claims.evaluate.evaluate`.

    Raises
    ------
    SchemaError
        A claims file is invalid (names the file, line and field), or two
        claims share an id.
    """
    files = list(files or [])
    if include_shipped is None:
        include_shipped = not files
    claims = shipped_claims(ctx) if include_shipped else []
    for f in files:
        claims.extend(load_claims(f))
    ids = [c.id for c in claims]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        from worldsystem.core.errors import SchemaError

        raise SchemaError(
            "two claims share an id",
            field="id",
            value=dup[0],
            hint="give every claim a unique id (the shipped ones are listed by shipped_claims())",
        )
    return evaluate(claims, ctx)
