"""Claim specs: the dataclass and the YAML loader with line-tracked errors.

A claims file is YAML with a top-level ``claims:`` list (see the package
docstring of :mod:`worldsystem.claims` for the format and an example). Every
error names the file, the 1-based line (``err.line``) and the field path, e.g.
``claims[3].comparison``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from worldsystem.core import yamlsafe
from worldsystem.core.errors import SchemaError

__all__ = ["COMPARISONS", "Claim", "Fitness", "load_claims"]

#: Comparisons understood by the evaluator (see :func:`worldsystem.claims.evaluate.compare`).
COMPARISONS = (">", ">=", "<", "<=", "==", "between", "rank==", "in", "is_true")

_FIELDS = (
    "id",
    "source",
    "paraphrase",
    "period",
    "about_year",
    "statistic",
    "params",
    "comparison",
    "target",
    "tolerance",
    "caveats",
    "needs",
    "max_gap",
    "quote",
    "alternatives",
    "fitness",
)
_ALT_FIELDS = ("name", "statistic", "params", "comparison", "target", "tolerance")
_FIT_FIELDS = ("quantity", "reference", "at_least", "citation", "within_factor", "what")


@dataclass(frozen=True)
class Fitness:
    """A data-fitness check: a quantity the statistic reports against a cited figure.

    The claim is "not testable" when the statistic's ``checks[quantity]`` lies
    more than a factor ``within_factor`` outside the reference range: the data
    mis-measure what the claim is about (for example a flow the table
    mis-attributes). A check with ``at_least`` instead of a reference is a floor
    the quantity must reach (for example a forecast's skill against persistence,
    which must be above 0 for its projection to be a tested forecast).

    Attributes
    ----------
    quantity : str
        A name in the statistic's :attr:`Evidence.checks
        <worldsystem.claims.statistics.Evidence.checks>`.
    reference : (float, float) or None
        The cited figure, or range of figures (low, high); None for a floor.
    at_least : float or None
        The floor, when the check is one (then ``reference`` is None).
    citation : str
        Where the reference figure comes from.
    within_factor : float
        How far (as a ratio) the data may lie outside the range (default 2).
    what : str
        What the quantity is, in words.
    """

    quantity: str
    reference: tuple[float, float] | None
    citation: str
    within_factor: float = 2.0
    what: str = ""
    at_least: float | None = None


@dataclass(frozen=True)
class Claim:
    """One empirical claim and how to test it.

    Attributes
    ----------
    id : str
        Unique identifier, e.g. ``"5a"``.
    source : str
        The document the claim comes from (a seed file name or a citation).
    paraphrase : str
        The claim in our words (not a quotation).
    about_year : int
        The year the claim speaks of (e.g. 2025 for "today" in a 2025 text).
    statistic : str
        A name registered in :data:`worldsystem.claims.statistics.REGISTRY`.
    params : mapping
        Keyword arguments of the statistic.
    comparison : str or None
        One of :data:`COMPARISONS`; None only for the ``not_testable`` statistic.
    target : any
        What the statistic is compared with (a number, a ``[lo, hi]`` pair, a
        list, or a mapping from part name to target when the statistic returns
        parts).
    tolerance : float
        Near-miss band (see :func:`~worldsystem.claims.evaluate.compare`).
    period : str
        The period the claim is about, as text (``"present"``, ``"2015-2025"``).
    caveats : tuple of str
        What the operationalisation cannot capture.
    needs : str
        The data that would be needed to test the claim properly (shown when
        it is not testable).
    max_gap : int or None
        If the data end more than ``max_gap`` years before ``about_year`` the
        verdict is "not testable" (the latest evidence is still shown).
    quote : str
        The sentence of the source the claim paraphrases (verbatim, short).
    alternatives : tuple of (str, Claim)
        Other operationalisations of the same claim, each a name and a claim
        that differs in its statistic, parameters, comparison or target; the
        ledger reports how many agree (see :mod:`worldsystem.claims.evaluate`).
    fitness : tuple of Fitness
        Checks of the data against cited reference figures.
    data : {"any", "real", "example"}
        Which data the claim is about (a file-level ``data:`` key): a claim about
        real countries is "not testable" on the example world, and vice versa.
    file, line : str or None, int or None
        Where the claim was defined.
    """

    id: str
    source: str
    paraphrase: str
    about_year: int
    statistic: str
    params: Mapping[str, Any] = field(default_factory=dict)
    comparison: str | None = None
    target: Any = None
    tolerance: float = 0.0
    period: str = "present"
    caveats: tuple[str, ...] = ()
    needs: str = ""
    max_gap: int | None = None
    quote: str = ""
    alternatives: tuple[tuple[str, Claim], ...] = ()
    fitness: tuple[Fitness, ...] = ()
    data: str = "any"
    file: str | None = None
    line: int | None = None


# ----------------------------------------------------------------------------- YAML
class _Reader:
    def __init__(self, source: str, construct=None) -> None:
        self.source = source
        self.construct = construct

    def plain(self, node: yaml.Node) -> Any:
        """A composed YAML node as plain Python (safe tags only, bounded: core.yamlsafe)."""
        return self.construct(node)

    def error(self, node: yaml.Node | None, path: str, what: str, value: Any = None, hint=None):
        line = None if node is None else node.start_mark.line + 1
        where = f"{self.source}:{line}" if line is not None else self.source
        err = SchemaError(f"{what} ({where})", file=self.source, field=path, value=value, hint=hint)
        err.line = line
        return err


def _mapping(reader: _Reader, node: yaml.Node, path: str) -> dict[str, tuple[yaml.Node, Any]]:
    if not isinstance(node, yaml.MappingNode):
        raise reader.error(node, path, "expected a mapping", reader.plain(node))
    out: dict[str, tuple[yaml.Node, Any]] = {}
    for k, v in node.value:
        key = reader.plain(k)
        if key in out:
            raise reader.error(k, f"{path}.{key}", "duplicate key", key)
        out[str(key)] = (v, reader.plain(v))
    return out


def _claim(
    reader: _Reader,
    node: yaml.Node,
    path: str,
    statistics: Collection[str] | None,
    scope: str = "any",
):
    fields = _mapping(reader, node, path)
    _only(reader, fields, path, _FIELDS)

    def get(name: str, kinds: type | tuple[type, ...], *, required: bool, default: Any = None):
        if name not in fields:
            if required:
                raise reader.error(node, f"{path}.{name}", "missing required field")
            return default
        vnode, value = fields[name]
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in _tuple(kinds)):
            names = "/".join(k.__name__ for k in _tuple(kinds))
            raise reader.error(vnode, f"{path}.{name}", f"expected {names}", value)
        return value

    cid = get("id", (str, int), required=True)
    statistic = get("statistic", str, required=True)
    _known(reader, fields, path, "statistic", statistic, statistics)
    comparison = get("comparison", str, required=statistic != "not_testable")
    if comparison is not None:
        _known(reader, fields, path, "comparison", comparison, COMPARISONS)
    target = fields["target"][1] if "target" in fields else None
    if comparison in (">", ">=", "<", "<=", "between", "rank==", "in") and target is None:
        raise reader.error(node, f"{path}.target", f"comparison {comparison!r} needs a target")
    if comparison == "between":
        pairs = target.values() if isinstance(target, dict) else [target]
        for t in pairs:
            if not (isinstance(t, list) and len(t) == 2 and all(_num(x) for x in t)):
                raise reader.error(
                    fields["target"][0],
                    f"{path}.target",
                    "comparison 'between' needs a [low, high] target",
                    target,
                )
    tolerance = get("tolerance", (int, float), required=False, default=0.0)
    if not (math.isfinite(tolerance) and tolerance >= 0):
        raise reader.error(
            fields["tolerance"][0], f"{path}.tolerance", "must be a finite number >= 0", tolerance
        )
    about = get("about_year", int, required=True)
    if not YEARS[0] <= about <= YEARS[1]:
        raise reader.error(
            fields["about_year"][0],
            f"{path}.about_year",
            f"must be a year from {YEARS[0]} to {YEARS[1]}",
            about,
        )
    params = get("params", dict, required=False, default={})
    fn = statistics.get(statistic) if isinstance(statistics, Mapping) else None
    if fn is not None:
        _check_params(reader, fields.get("params", (node,))[0], path, statistic, fn, params)
    period = get("period", (str, int), required=False, default="present")
    caveats = get("caveats", (list, str), required=False, default=[])
    caveats = [caveats] if isinstance(caveats, str) else caveats
    if not all(isinstance(c, str) for c in caveats):
        raise reader.error(fields["caveats"][0], f"{path}.caveats", "expected a list of text")
    max_gap = get("max_gap", int, required=False, default=None)
    claim = Claim(
        id=str(cid),
        source=get("source", str, required=True),
        paraphrase=get("paraphrase", str, required=True).strip(),
        about_year=int(about),
        statistic=statistic,
        params=dict(params),
        comparison=comparison,
        target=target,
        tolerance=float(tolerance),
        period=str(period),
        caveats=tuple(c.strip() for c in caveats),
        needs=str(get("needs", str, required=False, default="")).strip(),
        max_gap=max_gap,
        quote=" ".join(str(get("quote", str, required=False, default="")).split()),
        data=scope,
        file=reader.source,
        line=node.start_mark.line + 1,
    )
    if "fitness" in fields:
        claim = replace(claim, fitness=_fitness(reader, fields["fitness"][0], f"{path}.fitness"))
    if "alternatives" in fields:
        alts = _alternatives(
            reader, fields["alternatives"][0], f"{path}.alternatives", claim, statistics
        )
        claim = replace(claim, alternatives=alts)
    return claim


def _fitness(reader: _Reader, node: yaml.Node, path: str) -> tuple[Fitness, ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise reader.error(node, path, "expected a list of checks", reader.plain(node))
    out = []
    for i, item in enumerate(node.value):
        where = f"{path}[{i}]"
        f = _mapping(reader, item, where)
        _only(reader, f, where, _FIT_FIELDS)
        for need in ("quantity", "citation"):
            if need not in f:
                raise reader.error(item, f"{where}.{need}", "missing required field")
        if ("reference" in f) == ("at_least" in f):
            raise reader.error(
                item, f"{where}.reference", "give either a reference or an at_least floor"
            )
        for key in ("quantity", "citation", "what"):
            if key in f and not isinstance(f[key][1], str):
                raise reader.error(f[key][0], f"{where}.{key}", "expected text", f[key][1])
        if "at_least" in f:
            floor = f["at_least"][1]
            if not (_num(floor) and math.isfinite(floor)):
                raise reader.error(
                    f["at_least"][0], f"{where}.at_least", "expected a number", floor
                )
            out.append(
                Fitness(
                    quantity=f["quantity"][1],
                    reference=None,
                    citation=" ".join(f["citation"][1].split()),
                    what=str(f.get("what", (None, ""))[1]).strip(),
                    at_least=float(floor),
                )
            )
            continue
        ref = f["reference"][1]
        pair = ref if isinstance(ref, list) else [ref, ref]
        if not (len(pair) == 2 and all(_num(x) and x > 0 for x in pair)):
            raise reader.error(
                f["reference"][0],
                f"{where}.reference",
                "expected a positive number or a [low, high] pair",
                ref,
            )
        factor = f.get("within_factor", (None, 2.0))[1]
        if not (_num(factor) and math.isfinite(factor) and factor >= 1):
            raise reader.error(
                f["within_factor"][0], f"{where}.within_factor", "must be a number >= 1", factor
            )
        out.append(
            Fitness(
                quantity=f["quantity"][1],
                reference=(float(min(pair)), float(max(pair))),
                citation=" ".join(f["citation"][1].split()),
                within_factor=float(factor),
                what=str(f.get("what", (None, ""))[1]).strip(),
            )
        )
    return tuple(out)


def _alternatives(
    reader: _Reader,
    node: yaml.Node,
    path: str,
    claim: Claim,
    statistics: Collection[str] | None,
) -> tuple[tuple[str, Claim], ...]:
    if not isinstance(node, yaml.SequenceNode):
        raise reader.error(node, path, "expected a list of alternatives", reader.plain(node))
    out: list[tuple[str, Claim]] = []
    for i, item in enumerate(node.value):
        where = f"{path}[{i}]"
        f = _mapping(reader, item, where)
        _only(reader, f, where, _ALT_FIELDS)
        name = f.get("name", (None, None))[1]
        if not isinstance(name, str) or not name.strip():
            raise reader.error(item, f"{where}.name", "every alternative needs a name", name)
        if name in {n for n, _ in out}:
            raise reader.error(f["name"][0], f"{where}.name", "duplicate alternative", name)
        statistic = f.get("statistic", (None, claim.statistic))[1]
        _known(reader, f, where, "statistic", statistic, statistics)
        own = f.get("params", (None, {}))[1]
        if not isinstance(own, dict):
            raise reader.error(f["params"][0], f"{where}.params", "expected dict", own)
        params = {**(claim.params if statistic == claim.statistic else {}), **own}
        params = {k: v for k, v in params.items() if v is not None}  # null drops a parameter
        fn = statistics.get(statistic) if isinstance(statistics, Mapping) else None
        if fn is not None:
            _check_params(reader, f.get("params", (item,))[0], where, statistic, fn, params)
        comparison = f.get("comparison", (None, claim.comparison))[1]
        _known(reader, f, where, "comparison", comparison, COMPARISONS)
        tolerance = f.get("tolerance", (None, claim.tolerance))[1]
        if not (_num(tolerance) and math.isfinite(tolerance) and tolerance >= 0):
            raise reader.error(
                item, f"{where}.tolerance", "must be a finite number >= 0", tolerance
            )
        alt = replace(
            claim,
            id=f"{claim.id}/{name}",
            statistic=statistic,
            params=params,
            comparison=comparison,
            target=f.get("target", (None, claim.target))[1],
            tolerance=float(tolerance),
            alternatives=(),
            line=item.start_mark.line + 1,
        )
        out.append((name.strip(), alt))
    return tuple(out)


def _known(
    reader: _Reader,
    fields: Mapping[str, Any],
    path: str,
    key: str,
    value: Any,
    allowed: Collection[str] | None,
) -> None:
    """Raise a located error when ``value`` of field ``key`` is not in ``allowed``."""
    if allowed is None or value in allowed:
        return
    node = fields[key][0] if key in fields else None
    names = sorted(allowed) if key == "statistic" else list(allowed)
    raise reader.error(
        node,
        f"{path}.{key}",
        f"unknown {key}",
        value,
        hint=f"use one of {(', ' if key == 'statistic' else ' ').join(names)}",
    )


def _only(reader: _Reader, fields: Mapping[str, Any], path: str, allowed: tuple[str, ...]):
    unknown = [k for k in fields if k not in allowed]
    if unknown:
        raise reader.error(
            fields[unknown[0]][0],
            f"{path}.{unknown[0]}",
            "unknown field",
            unknown[0],
            hint=f"use the fields {', '.join(allowed)}",
        )


#: The years a claim may be about.
YEARS = (1000, 2100)


def _check_params(reader: _Reader, pnode, path: str, name: str, fn, params: dict) -> None:
    """Unknown or missing parameters of the statistic, and non-finite numbers."""
    import inspect

    sig = inspect.signature(fn)
    named = {
        k: p
        for k, p in sig.parameters.items()
        if k not in ("ctx", "about_year") and p.kind is not p.VAR_POSITIONAL
    }
    free = any(p.kind is p.VAR_KEYWORD for p in named.values())
    for key, value in params.items():
        if not free and key not in named:
            raise reader.error(
                pnode,
                f"{path}.params.{key}",
                f"unknown parameter of the statistic {name}",
                key,
                hint=f"use {', '.join(k for k, p in named.items() if p.kind is not p.VAR_KEYWORD)}",
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise reader.error(pnode, f"{path}.params.{key}", "must be a finite number", value)
    missing = [
        k
        for k, p in named.items()
        if p.default is p.empty and p.kind is not p.VAR_KEYWORD and k not in params
    ]
    if missing:
        raise reader.error(
            pnode, f"{path}.params.{missing[0]}", f"missing parameter of the statistic {name}"
        )


def _tuple(kinds: type | tuple[type, ...]) -> tuple[type, ...]:
    return kinds if isinstance(kinds, tuple) else (kinds,)


def _num(x: Any) -> bool:
    return isinstance(x, int | float) and not isinstance(x, bool)


def load_claims(
    path_or_text: str | os.PathLike[str],
    *,
    statistics: Collection[str] | None = None,
) -> list[Claim]:
    """Read and validate a claims file.

    Parameters
    ----------
    path_or_text : path-like or str
        A YAML file, or YAML text (a string containing a newline).
    statistics : collection of str, optional
        Accepted statistic names; the registered statistics
        (:data:`worldsystem.claims.statistics.REGISTRY`) by default.

    Returns
    -------
    list of Claim
        In file order.

    Raises
    ------
    SchemaError
        Invalid YAML, a missing or mistyped field, an unknown statistic or
        comparison, or a duplicate id. The message and the attributes name the
        file, the line (``err.line``) and the field (``err.field``, e.g.
        ``claims[2].target``).

    Examples
    --------
    >>> text = '''
    ... claims:
    ...   - id: x1
    ...     source: my notes
    ...     paraphrase: Two and two make more than three.
    ...     about_year: 2020
    ...     statistic: constant
    ...     params: {value: 4}
    ...     comparison: ">"
    ...     target: 3
    ... '''
    >>> [c.id for c in load_claims(text)]
    ['x1']
    """
    if statistics is None:
        from worldsystem.claims.statistics import REGISTRY

        statistics = REGISTRY
    if isinstance(path_or_text, str) and "\n" in path_or_text:
        text, source = path_or_text, "<text>"
    else:
        p = Path(path_or_text)
        if not p.is_file():
            raise SchemaError(
                "claims file not found", file=p, hint="give the path of a YAML claims file"
            )
        text, source = yamlsafe.read_text(p, "claims"), str(p)
    root, construct = yamlsafe.compose(text, source)
    reader = _Reader(source, construct)
    if root is None:
        raise reader.error(None, "claims", "the file is empty", hint="add a claims: list")
    top = _mapping(reader, root, "<root>")
    if "claims" not in top:
        raise reader.error(root, "claims", "missing the top-level claims: list")
    unknown = [k for k in top if k not in ("claims", "data")]
    if unknown:
        raise reader.error(
            top[unknown[0]][0], unknown[0], "unknown top-level key", hint="use claims: and data:"
        )
    scope = top["data"][1] if "data" in top else "any"
    if scope not in ("any", "real", "example"):
        raise reader.error(top["data"][0], "data", "expected any, real or example", scope)
    lnode, _ = top["claims"]
    if not isinstance(lnode, yaml.SequenceNode):
        raise reader.error(lnode, "claims", "expected a list of claims")
    out: list[Claim] = []
    seen: dict[str, int] = {}
    for i, item in enumerate(lnode.value):
        c = _claim(reader, item, f"claims[{i}]", statistics, scope)
        if c.id in seen:
            raise reader.error(
                item, f"claims[{i}].id", "duplicate claim id", c.id, hint="ids must be unique"
            )
        seen[c.id] = i
        out.append(c)
    return out
