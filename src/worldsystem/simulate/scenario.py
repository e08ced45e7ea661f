"""Scenario specs: a validated YAML description of a set of shocks.

A scenario names a base table and year and lists shocks. Four kinds of shock
exist (each a small frozen dataclass):

``bilateral_cut``
    Deliveries of ``sectors`` from ``exporter`` to ``importer`` fall by
    ``percent`` (0-100) on the ``channel`` ``intermediate``, ``final`` or
    ``both`` (default). A ``size:`` block instead of ``percent`` gives the cut
    as a cited physical quantity rather than the table's bilateral flow (see
    *Sizes* below).
``final_demand``
    Final demand of consumers in ``region`` for the products of ``sectors``
    (from ``origin``: one region or ``all``, the default) changes by
    ``percent`` (>= -100) or by ``change_musd`` (distributed over the existing
    deliveries in proportion to their size).
``capacity_loss``
    The region-sectors ``region`` x ``sectors`` lose ``percent`` (0-100) of
    their productive capacity.
``sanctions``
    Deliveries of ``sectors`` between the members of ``group_a`` and
    ``group_b`` fall by ``percent``; ``symmetric: true`` (default) cuts both
    directions, ``false`` only a -> b. A group is ``all`` (every region of the
    table), one ISO3 code, a group name of
    :mod:`worldsystem.countries` (members in ``membership_year``, default the
    base year) or a list of ISO3 codes. Members absent from the table are
    skipped (listed in :attr:`Shock.notes`); a country in both groups is not
    cut with itself.

Sizes
-----
A ``bilateral_cut`` may carry a ``size:`` mapping stating how large the cut is
in the world, with its source, so that the shortfall :math:`c` (the fraction of
the importer's use of the cut products, all origins, that is lost) is taken from
it rather than from the table's bilateral flow (MRIO tables split imports by
origin with proportionality assumptions and can misattribute a supplier):

``basis: share_of_use``
    ``share`` (0-1): the fraction of the importer's use of the products lost.
``basis: quantity``
    ``amount`` and ``total`` in one physical ``unit`` (e.g. ``bcm`` of gas per
    year): :math:`c = amount / total`; ``price`` (optional, table currency in
    millions per unit) is recorded for the value of the cut.
``basis: share_of_flow``
    ``share`` (0-1): the fraction of the bilateral flow itself that is lost (an
    observed fall of the trade between the two sides, for example in customs
    statistics). The only basis a ``sanctions`` shock takes: its ``size:`` applies
    to every pair it cuts.

Both take ``citation`` (required: a key of
:data:`worldsystem.core.bibliography.REFERENCES`), ``source`` (optional free
text: page, table, figure) and optional ``low``/``high`` bounds in the unit of
``share`` or ``amount``, the range the result's interval spans. The
fixed-coefficient engines cut :math:`c U / F` of the bilateral flow
:math:`F` (:math:`U` the importer's use), at most all of it (``share_of_flow``:
that share of :math:`F`); the ``ces`` engine of
:mod:`worldsystem.simulate.substitution` uses :math:`c` directly
(``share_of_flow``: :math:`c = sF/U`, :math:`s` the share). Every engine also runs at
the ``low`` and ``high`` sizes: :meth:`Scenario.at_size` gives those scenarios,
and :func:`worldsystem.simulate.run` reports the loss range over them.

A ``bilateral_cut`` may also carry a ``cost_share:`` mapping, the importer's
spending on the cut products as a share of its GDP from a cited source:
``share`` (0-1, positive), optional ``low``/``high``, ``citation`` (required) and
``source``. Only the ``ces`` engine reads it, as its cost share lambda
in place of the table's use over value added; its output keeps the table's
value beside it (``lambda_table``), so the gap is visible. Use it when the
table records much less of the product than other statistics do (WIOD 2011
records German use of mining and quarrying at about half of the energy imports
the statistics report).

Sectors are a list of codes, ``all``, or ranges such as ``c3-c16`` (table
order). Every error names the file, the line and the field, e.g.
``nord_stream.yaml:12: field 'shocks[0].percent': must be between 0 and 100,
found 140``, and is a :class:`~worldsystem.core.errors.SchemaError` whose
``line`` attribute holds the (1-based) line.

Example
-------
.. code-block:: yaml

    name: pipeline
    description: Russian mining and quarrying deliveries to Germany stop.
    base_year: 2011
    table: wiod2013
    shocks:
      - kind: bilateral_cut
        exporter: RUS
        importer: DEU
        sectors: [c2]
        percent: 100
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from worldsystem.core import yamlsafe
from worldsystem.core.errors import SchemaError, WorldsystemError, short

__all__ = [
    "SIZE_BASES",
    "TABLES",
    "BilateralCut",
    "CapacityLoss",
    "CostShare",
    "CutSize",
    "FinalDemandChange",
    "Sanctions",
    "Scenario",
    "load_scenario",
    "shipped_scenarios",
    "table_labels",
]

SHOCK_KINDS = ("bilateral_cut", "final_demand", "capacity_loss", "sanctions")
CHANNELS = ("intermediate", "final", "both")
#: Ways a cut's ``size:`` block can state the shortfall.
SIZE_BASES = ("share_of_use", "quantity", "share_of_flow")
#: Engines that take ``engine_options``.
OPTION_ENGINES = ("leontief", "ghosh", "inoperability", "cascade", "ces")
#: Base tables a scenario can name.
TABLES = ("wiod2013", "example")

_SCENARIO_DIR = Path(__file__).with_name("scenarios")


# -- spec dataclasses ----------------------------------------------------------
@dataclass(frozen=True)
class CutSize:
    """A cut's size as a cited quantity: the shortfall ``share`` of the importer's use.

    ``share`` is :math:`c`, the fraction of the importer's use of the cut products
    (all origins) that is lost; ``low``/``high`` bound it (equal to ``share`` when
    not given). For ``basis="quantity"`` they are ``amount / total`` and the
    physical figures are kept in ``amount``, ``total``, ``unit`` and ``price``.
    For ``basis="share_of_flow"`` they are fractions of the bilateral flow.
    """

    basis: str
    share: float
    citation: str
    low: float
    high: float
    source: str = ""
    amount: float | None = None
    total: float | None = None
    unit: str = ""
    price: float | None = None

    def describe(self) -> str:
        """One line naming the sizing and its source."""
        if self.basis == "quantity":
            what = f"{self.amount:g} of {self.total:g} {self.unit}".strip()
            if self.price is not None:
                what += f" at {self.price:g} per {self.unit or 'unit'}"
        elif self.basis == "share_of_flow":
            what = "of the bilateral flow"
        else:
            what = f"{self.share:.1%} of the importer's use"
        rng = f" (range {self.low:.1%}-{self.high:.1%})" if self.low != self.high else ""
        src = f", {self.source}" if self.source else ""
        if self.basis == "share_of_flow":
            return f"sized from observed trade: {self.share:.1%}{rng} {what} [{self.citation}{src}]"
        return (
            f"sized from a quantity: shortfall {self.share:.1%}{rng}, {what} [{self.citation}{src}]"
        )

    @property
    def uncertain(self) -> bool:
        """Whether the size has a range (``low < high``)."""
        return self.low < self.high

    def at(self, which: str) -> CutSize:
        """This size with its ``low``, ``central`` or ``high`` value as the share."""
        value = {"low": self.low, "central": self.share, "high": self.high}[which]
        amount = None if self.amount is None or self.total is None else value * self.total
        return replace(self, share=value, low=value, high=value, amount=amount)


@dataclass(frozen=True)
class CostShare:
    """The importer's spending on the cut products over its GDP, as a cited figure.

    Only the ``ces`` engine reads it: its lambda is then ``share`` (with
    ``low``/``high`` for the interval) instead of the table's use over value
    added, which an MRIO table can understate when it books a product elsewhere.
    """

    share: float
    citation: str
    low: float
    high: float
    source: str = ""

    def describe(self) -> str:
        """One line naming the cost share and its source."""
        rng = f" (range {self.low:.2%}-{self.high:.2%})" if self.low != self.high else ""
        src = f", {self.source}" if self.source else ""
        return f"cost share {self.share:.2%} of GDP{rng} [{self.citation}{src}]"


@dataclass(frozen=True)
class BilateralCut:
    """Deliveries of ``sectors`` from ``exporter`` to ``importer`` fall by ``percent``.

    ``size`` (optional) states the shortfall as a cited quantity; ``cost_share``
    (optional) the importer's spending on the cut products as a cited share of
    its GDP (read by the ``ces`` engine only).
    """

    exporter: str
    importer: str
    sectors: tuple[str, ...]
    percent: float
    channel: str = "both"
    line: int | None = None
    size: CutSize | None = None
    cost_share: CostShare | None = None
    kind: str = field(default="bilateral_cut", init=False)


@dataclass(frozen=True)
class FinalDemandChange:
    """Final demand of ``region`` for ``sectors`` (from ``origin``) changes.

    Exactly one of ``percent`` and ``change_musd`` is set.
    """

    region: str
    sectors: tuple[str, ...]
    percent: float | None = None
    change_musd: float | None = None
    origin: str = "all"
    line: int | None = None
    kind: str = field(default="final_demand", init=False)


@dataclass(frozen=True)
class CapacityLoss:
    """The region-sectors ``region`` x ``sectors`` lose ``percent`` of capacity."""

    region: str
    sectors: tuple[str, ...]
    percent: float
    line: int | None = None
    kind: str = field(default="capacity_loss", init=False)


@dataclass(frozen=True)
class Sanctions:
    """Deliveries between two groups of countries fall by ``percent``.

    ``members_a`` and ``members_b`` are the resolved ISO3 codes present in the
    table; :meth:`cuts` expands the sanctions into bilateral cuts. ``size``
    (optional, basis ``share_of_flow``) states the fall as an observed, cited
    share of the flows with a range; ``percent`` is then its central value.
    """

    group_a: str
    group_b: str
    members_a: tuple[str, ...]
    members_b: tuple[str, ...]
    sectors: tuple[str, ...]
    percent: float
    symmetric: bool = True
    channel: str = "both"
    membership_year: int | None = None
    notes: tuple[str, ...] = ()
    line: int | None = None
    size: CutSize | None = None
    kind: str = field(default="sanctions", init=False)

    def cuts(self) -> list[BilateralCut]:
        """The bilateral cuts this shock stands for (a -> b, and b -> a if symmetric)."""
        pairs = [(a, b) for a in self.members_a for b in self.members_b if a != b]
        if self.symmetric:
            pairs += [(b, a) for a in self.members_a for b in self.members_b if a != b]
        seen: dict[tuple[str, str], None] = dict.fromkeys(pairs)
        return [
            BilateralCut(e, m, self.sectors, self.percent, self.channel, self.line, size=self.size)
            for e, m in seen
        ]


Shock = BilateralCut | FinalDemandChange | CapacityLoss | Sanctions


@dataclass(frozen=True)
class Scenario:
    """A validated scenario.

    Attributes
    ----------
    name, description : str
    base_year : int
    table : str
        ``"wiod2013"`` or ``"example"`` (the synthetic example world's MRIO).
    shocks : tuple of shocks
    engine_options : dict
        Keyword options per engine, e.g. ``{"cascade": {"threshold": 0.01}}``.
    source : str
        File name (or ``"<string>"``) the spec was read from.
    """

    name: str
    base_year: int
    table: str = "wiod2013"
    description: str = ""
    shocks: tuple[Shock, ...] = ()
    engine_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: str = "<string>"

    def with_shocks(self, shocks) -> Scenario:
        """A copy with ``shocks`` replaced (e.g. ``()`` for the baseline)."""
        return Scenario(
            name=self.name,
            base_year=self.base_year,
            table=self.table,
            description=self.description,
            shocks=tuple(shocks),
            engine_options=dict(self.engine_options),
            source=self.source,
        )

    @property
    def size_uncertain(self) -> bool:
        """Whether any shock's cited ``size:`` has a range (``low < high``)."""
        return any(
            getattr(sh, "size", None) is not None and sh.size.uncertain for sh in self.shocks
        )

    def at_size(self, which: str) -> Scenario:
        """This scenario with every sized shock at its ``low``, ``central`` or ``high`` size.

        A sanctions shock's ``percent`` follows its size; shocks without a size are
        unchanged.

        Examples
        --------
        >>> s = load_scenario('''
        ... name: s
        ... base_year: 2019
        ... table: example
        ... shocks:
        ...   - kind: sanctions
        ...     group_a: [XBO]
        ...     group_b: [XBR]
        ...     size: {basis: share_of_flow, share: 0.5, low: 0.4, high: 0.8,
        ...            citation: bachmann2022}
        ... ''')
        >>> [s.at_size(w).shocks[0].percent for w in ("low", "central", "high")]
        [40.0, 50.0, 80.0]
        """
        if which not in ("low", "central", "high"):
            raise ValueError(f"which must be low, central or high, not {which!r}")
        shocks = []
        for sh in self.shocks:
            size = getattr(sh, "size", None)
            if size is None:
                shocks.append(sh)
                continue
            sized = size.at(which)
            if isinstance(sh, Sanctions):
                shocks.append(replace(sh, size=sized, percent=100.0 * sized.share))
            else:
                shocks.append(replace(sh, size=sized))
        return self.with_shocks(shocks)


# -- labels of the base tables ---------------------------------------------------
def table_labels(table: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Region (ISO3) and sector codes of a base table, in table order.

    Parameters
    ----------
    table : {"wiod2013", "example"}

    Returns
    -------
    regions, sectors : tuple of str
    """
    if table == "wiod2013":
        from worldsystem.sources import wiod

        return tuple(wiod.ISO3[r] for r in wiod.REGIONS), tuple(wiod.INDUSTRIES)
    if table == "example":
        from worldsystem.example import world

        m = world(seed=0).mrio
        return tuple(m.regions), tuple(m.sectors)
    raise SchemaError(
        f"unknown table {short(table)}; expected one of {', '.join(TABLES)}",
        field="table",
        value=table,
        hint="use table: wiod2013",
    )


# -- YAML with line numbers ------------------------------------------------------
class _Reader:
    """Walks a composed YAML node tree, constructing values and reporting lines."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        # bounded: aliases, depth, size and tags are refused by core.yamlsafe
        self.root, self._construct = yamlsafe.compose(text, source)

    def _error(self, line, path, what, value, hint=None) -> SchemaError:
        where = f"{self.source}:{line}" if line is not None else self.source
        err = SchemaError(
            f"{where}: field {path!r}: {what}",
            file=self.source,
            field=path,
            value=value,
            hint=hint,
        )
        err.line = line
        return err

    def error(self, node, path, what, value=None, hint=None) -> SchemaError:
        line = None if node is None else node.start_mark.line + 1
        return self._error(line, path, what, value, hint)

    def value(self, node):
        return self._construct(node)

    def mapping(self, node, path) -> dict[str, tuple[Any, Any]]:
        """``{key: (key_node, value_node)}`` of a mapping node."""
        if not isinstance(node, yaml.MappingNode):
            raise self.error(node, path, "must be a mapping", self._show(node))
        out: dict[str, tuple[Any, Any]] = {}
        for k, v in node.value:
            key = self.value(k)
            if key in out:
                raise self.error(k, f"{path}.{key}" if path else str(key), "duplicate key")
            out[str(key)] = (k, v)
        return out

    def _show(self, node):
        try:
            return self.value(node)
        except Exception:  # pragma: no cover - unconstructable node
            return type(node).__name__


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Fields:
    """The fields of one mapping: typed getters that name line and field on error."""

    def __init__(self, reader: _Reader, node, path: str, allowed: tuple[str, ...]) -> None:
        self.r = reader
        self.node = node
        self.path = path
        self.items = reader.mapping(node, path)
        for key, (knode, _) in self.items.items():
            if key not in allowed:
                raise reader.error(
                    knode,
                    _join(path, key),
                    f"unknown field; expected one of {', '.join(allowed)}",
                    key,
                    hint="check the spelling of the field",
                )

    def has(self, key: str) -> bool:
        return key in self.items

    def node_of(self, key: str):
        return self.items[key][1] if key in self.items else self.node

    def raw(self, key: str, required: bool = True, default=None):
        if key not in self.items:
            if required:
                raise self.r.error(
                    self.node, _join(self.path, key), "missing required field", hint=f"add {key}:"
                )
            return default
        return self.r.value(self.items[key][1])

    def err(self, key: str, what: str, value=None, hint=None) -> SchemaError:
        return self.r.error(self.node_of(key), _join(self.path, key), what, value, hint)

    def string(self, key: str, required: bool = True, default=None) -> str:
        v = self.raw(key, required, default)
        if v is default and key not in self.items:
            return v
        if not isinstance(v, str):
            raise self.err(key, f"must be a string, found {type(v).__name__} {short(v)}", v)
        return v

    def number(self, key: str, lo=None, hi=None, required: bool = True) -> float | None:
        v = self.raw(key, required)
        if v is None and key not in self.items:
            return None
        if isinstance(v, bool) or not isinstance(v, (int, float)):
            raise self.err(key, f"must be a number, found {type(v).__name__} {short(v)}", v)
        v = float(v)
        if v != v or v in (float("inf"), float("-inf")):
            raise self.err(key, f"must be finite, found {v}", v)
        if (lo is not None and v < lo) or (hi is not None and v > hi):
            rng = (
                f"between {lo:g} and {hi:g}"
                if lo is not None and hi is not None
                else (f">= {lo:g}" if lo is not None else f"<= {hi:g}")
            )
            raise self.err(key, f"must be {rng}, found {v:g}", v)
        return v

    def integer(self, key: str, required: bool = True, default=None) -> int | None:
        v = self.raw(key, required, default)
        if key not in self.items:
            return v
        if isinstance(v, bool) or not isinstance(v, int):
            raise self.err(key, f"must be an integer, found {type(v).__name__} {short(v)}", v)
        return v

    def boolean(self, key: str, default: bool) -> bool:
        v = self.raw(key, False, default)
        if not isinstance(v, bool):
            raise self.err(key, f"must be true or false, found {short(v)}", v)
        return v


def _expand_sectors(f: _Fields, key: str, sectors: tuple[str, ...]) -> tuple[str, ...]:
    v = f.raw(key)
    items = [v] if isinstance(v, str) else v
    if not isinstance(items, list) or not items:
        raise f.err(key, "must be a sector code, 'all', or a non-empty list of codes", v)
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise f.err(key, f"sector codes must be strings, found {short(item)}", item)
        if item == "all":
            out.extend(sectors)
            continue
        if item in sectors:
            out.append(item)
            continue
        if "-" in item:
            lo, _, hi = item.partition("-")
            if lo in sectors and hi in sectors and sectors.index(lo) <= sectors.index(hi):
                out.extend(sectors[sectors.index(lo) : sectors.index(hi) + 1])
                continue
        raise f.err(
            key,
            f"unknown sector {short(item)}; expected codes of the table such as "
            f"{', '.join(sectors[:3])}..., 'all', or a range like {sectors[0]}-{sectors[-1]}",
            item,
        )
    return tuple(dict.fromkeys(out))


def _region(f: _Fields, key: str, regions: tuple[str, ...], *, allow_all: bool = False) -> str:
    v = f.string(key)
    if (allow_all and v == "all") or v in regions:
        return v
    raise f.err(
        key,
        f"unknown region {short(v)}; expected an ISO3 code of the table "
        f"({', '.join(regions[:4])}, ...)",
        v,
        hint="WIOD 2013 uses ISO3 codes with ROU for Romania and ROW for the rest of the world",
    )


def _group(f: _Fields, key: str, regions, year: int) -> tuple[str, tuple[str, ...], list[str]]:
    from worldsystem import countries
    from worldsystem.core.errors import CodeSystemError

    v = f.raw(key)
    notes: list[str] = []
    if isinstance(v, str):
        if v == "all":
            return v, tuple(regions), notes
        if v in regions:
            return v, (v,), notes
        try:
            members = countries.members(v, year)
        except CodeSystemError as exc:
            raise f.err(
                key,
                f"unknown group {short(v)}; expected a group of worldsystem.countries "
                f"({', '.join(countries.groups()[:6])}, ...) or a list of ISO3 codes",
                v,
            ) from exc
        present = tuple(m for m in members if m in regions)
        missing = [m for m in members if m not in regions]
        if missing:
            notes.append(f"{v} ({year}): {', '.join(missing)} not in the table, skipped")
        if not present:
            raise f.err(key, f"group {short(v)} has no member in the table in {year}", v)
        return v, present, notes
    if isinstance(v, list) and v:
        out = []
        for item in v:
            if not isinstance(item, str) or item not in regions:
                raise f.err(key, f"unknown region {short(item)} in the list of ISO3 codes", item)
            out.append(item)
        return ",".join(out), tuple(dict.fromkeys(out)), notes
    raise f.err(key, f"must be a group name or a list of ISO3 codes, found {short(v)}", v)


_COMMON = ("kind", "note", "notes", "label")


def _shock(r: _Reader, node, path: str, regions, sectors, base_year: int) -> Shock:
    if not isinstance(node, yaml.MappingNode):
        raise r.error(node, path, "each shock must be a mapping with a 'kind'", r._show(node))
    items = r.mapping(node, path)
    if "kind" not in items:
        raise r.error(node, _join(path, "kind"), "missing required field", hint="add kind:")
    kind = r.value(items["kind"][1])
    line = node.start_mark.line + 1
    if kind == "bilateral_cut":
        allowed = (
            *_COMMON,
            "exporter",
            "importer",
            "sectors",
            "percent",
            "channel",
            "size",
            "cost_share",
        )
        f = _Fields(r, node, path, allowed)
        exporter = _region(f, "exporter", regions)
        importer = _region(f, "importer", regions)
        if exporter == importer:
            raise f.err("importer", "must differ from the exporter", importer)
        sized = f.has("size")
        if sized and f.has("percent"):
            raise f.err(
                "percent",
                "give either 'percent' or 'size', not both",
                hint="a size: block sets the cut from its cited shortfall",
            )
        return BilateralCut(
            exporter=exporter,
            importer=importer,
            sectors=_expand_sectors(f, "sectors", sectors),
            percent=100.0 if sized else f.number("percent", 0, 100),
            channel=_channel(f),
            line=line,
            size=_size(r, f.node_of("size"), _join(path, "size")) if sized else None,
            cost_share=(
                _cost_share(r, f.node_of("cost_share"), _join(path, "cost_share"))
                if f.has("cost_share")
                else None
            ),
        )
    if kind == "final_demand":
        allowed = (*_COMMON, "region", "sectors", "percent", "change_musd", "origin")
        f = _Fields(r, node, path, allowed)
        if f.has("percent") == f.has("change_musd"):
            raise f.err(
                "percent",
                "give exactly one of 'percent' and 'change_musd'",
                hint="percent: -10 (a 10 % fall) or change_musd: -500",
            )
        return FinalDemandChange(
            region=_region(f, "region", regions),
            sectors=_expand_sectors(f, "sectors", sectors),
            percent=f.number("percent", -100, None, required=False),
            change_musd=f.number("change_musd", required=False),
            origin=_region(f, "origin", regions, allow_all=True) if f.has("origin") else "all",
            line=line,
        )
    if kind == "capacity_loss":
        f = _Fields(r, node, path, (*_COMMON, "region", "sectors", "percent"))
        return CapacityLoss(
            region=_region(f, "region", regions),
            sectors=_expand_sectors(f, "sectors", sectors),
            percent=f.number("percent", 0, 100),
            line=line,
        )
    if kind == "sanctions":
        allowed = (
            *_COMMON,
            "group_a",
            "group_b",
            "sectors",
            "percent",
            "symmetric",
            "channel",
            "membership_year",
            "size",
        )
        f = _Fields(r, node, path, allowed)
        sized = f.has("size")
        if sized == f.has("percent"):
            raise f.err(
                "percent",
                "give exactly one of 'percent' and 'size'",
                hint="percent: 50, or a size: block with basis share_of_flow and its citation",
            )
        size = _size(r, f.node_of("size"), _join(path, "size")) if sized else None
        if size is not None and size.basis != "share_of_flow":
            raise r.error(
                f.node_of("size"),
                _join(_join(path, "size"), "basis"),
                f"a sanctions size must have basis share_of_flow, found {size.basis!r}",
                size.basis,
                hint="state the observed fall of the trade between the groups as a share",
            )
        year = f.integer("membership_year", required=False, default=base_year)
        _check_year(f, "membership_year", year)
        ga, ma, na = _group(f, "group_a", regions, year)
        gb, mb, nb = _group(f, "group_b", regions, year)
        sectors_ = _expand_sectors(f, "sectors", sectors) if f.has("sectors") else tuple(sectors)
        return Sanctions(
            group_a=ga,
            group_b=gb,
            members_a=ma,
            members_b=mb,
            sectors=sectors_,
            percent=100.0 * size.share if size is not None else f.number("percent", 0, 100),
            symmetric=f.boolean("symmetric", True),
            channel=_channel(f),
            membership_year=year,
            notes=tuple(na + nb),
            line=line,
            size=size,
        )
    raise r.error(
        items["kind"][1],
        _join(path, "kind"),
        f"unknown shock kind {short(kind)}; expected one of {', '.join(SHOCK_KINDS)}",
        kind,
    )


def _citation(f: _Fields) -> str:
    """The block's ``citation``: a key of the bibliography."""
    from worldsystem.core import bibliography

    citation = f.string("citation")
    try:
        bibliography.resolve(citation)
    except (KeyError, WorldsystemError):
        raise f.err(
            "citation",
            f"unknown citation key {citation!r}",
            citation,
            hint="use a key of worldsystem.core.bibliography.REFERENCES, e.g. bachmann2022",
        ) from None
    return citation


def _bounds(f: _Fields, central: float, hi_ok: float) -> tuple[float, float]:
    """The block's ``low`` and ``high`` (default: the central value), ordered."""
    low = f.number("low", 0, hi_ok, required=False)
    high = f.number("high", 0, hi_ok, required=False)
    low = central if low is None else low
    high = central if high is None else high
    if not low <= central <= high:
        raise f.err(
            "low", f"need low <= central <= high, found {low:g}, {central:g}, {high:g}", low
        )
    return low, high


def _cost_share(r: _Reader, node, path: str) -> CostShare:
    f = _Fields(r, node, path, ("share", "low", "high", "citation", "source", "note"))
    central = f.number("share", 0, 1)
    if central == 0:
        raise f.err("share", "must be positive, found 0", central)
    citation = _citation(f)
    low, high = _bounds(f, central, 1.0)
    if low == 0:
        raise f.err("low", "must be positive, found 0", low)
    source = (f.string("source", required=False, default="") or "").strip()
    return CostShare(share=central, citation=citation, low=low, high=high, source=source)


def _size(r: _Reader, node, path: str) -> CutSize:
    items = r.mapping(node, path)
    basis = r.value(items["basis"][1]) if "basis" in items else None
    if basis not in SIZE_BASES:
        where = items["basis"][1] if "basis" in items else node
        raise r.error(
            where,
            _join(path, "basis"),
            f"must be one of {list(SIZE_BASES)}, found {basis!r}",
            basis,
            hint="basis: share_of_use or share_of_flow (with share:), or quantity (with "
            "amount:, total:, unit:)",
        )
    common = ("basis", "citation", "source", "low", "high", "note")
    if basis in ("share_of_use", "share_of_flow"):
        f = _Fields(r, node, path, (*common, "share"))
        central = f.number("share", 0, 1)
        scale, hi_ok = 1.0, 1.0
    else:
        f = _Fields(r, node, path, (*common, "amount", "total", "unit", "price"))
        total = f.number("total", 0, None)
        if total == 0:
            raise f.err("total", "must be positive, found 0", total)
        central = f.number("amount", 0, total)
        scale, hi_ok = 1.0 / total, total
    citation = _citation(f)
    low, high = _bounds(f, central, hi_ok)
    return CutSize(
        basis=basis,
        share=central * scale,
        citation=citation,
        low=low * scale,
        high=high * scale,
        source=(f.string("source", required=False, default="") or "").strip(),
        amount=central if basis == "quantity" else None,
        total=f.number("total", 0, None) if basis == "quantity" else None,
        unit=f.string("unit", required=False, default="") or "",
        price=f.number("price", 0, None, required=False) if basis == "quantity" else None,
    )


def _check_year(f: _Fields, key: str, year: int) -> None:
    """A membership year within the group data (never the last list repeated)."""
    from worldsystem import countries

    last = countries.recorded_to()
    if not 1800 <= year <= last:
        raise f.err(key, f"must be a year from 1800 to {last} (the membership data)", year)


def _engine_options(o: _Fields) -> dict[str, dict[str, Any]]:
    """Known options of each engine, with finite numbers (``1e-6`` is a number)."""
    from worldsystem.simulate.shocks import _PARAMS

    options: dict[str, dict[str, Any]] = {}
    for eng, (_, vnode) in o.items.items():
        e = _Fields(o.r, vnode, f"engine_options.{eng}", tuple(_PARAMS[eng]))
        vals = {}
        for key, default in _PARAMS[eng].items():
            if not e.has(key):
                continue
            if isinstance(default, int):
                v = e.integer(key)
                if v is not None and v <= 0:
                    raise e.err(key, f"must be a positive integer, found {v}", v)
            else:
                v = e.number(key, lo=0)
            vals[key] = v
        options[eng] = vals
    return options


def _channel(f: _Fields) -> str:
    v = f.string("channel", required=False, default="both")
    if v not in CHANNELS:
        raise f.err("channel", f"must be one of {', '.join(CHANNELS)}, found {short(v)}", v)
    return v


def load_scenario(spec: str | os.PathLike[str]) -> Scenario:
    """Read and validate a scenario spec.

    Parameters
    ----------
    spec : path-like or str
        A path to a YAML file, the name of a shipped scenario (see
        :func:`shipped_scenarios`), or YAML text (anything containing a newline).

    Returns
    -------
    Scenario

    Raises
    ------
    SchemaError
        With the file, the 1-based line (``err.line``) and the field path
        (``err.field``, e.g. ``"shocks[1].percent"``) of the first problem:
        invalid YAML, an unknown or missing field, a wrong type, an out-of-range
        percent, an unknown region, sector, group or shock kind.

    Examples
    --------
    >>> s = load_scenario("nord_stream")
    >>> s.shocks[0].exporter, s.shocks[0].importer, s.shocks[0].sectors
    ('RUS', 'DEU', ('c2',))
    """
    text, source = _read_spec(spec)
    r = _Reader(text, source)
    if r.root is None:
        raise r._error(1, "name", "the spec is empty", None, hint="see worldsystem.simulate")
    allowed = ("name", "description", "base_year", "table", "shocks", "engine_options", "notes")
    f = _Fields(r, r.root, "", allowed)
    name = f.string("name")
    description = f.string("description", required=False, default="") or ""
    base_year = f.integer("base_year")
    table = f.string("table", required=False, default="wiod2013")
    if table not in TABLES:
        raise f.err(
            "table", f"unknown table {short(table)}; expected one of {', '.join(TABLES)}", table
        )
    if table == "wiod2013":
        from worldsystem.sources import catalogue

        lo, hi = catalogue.coverage("wiod2013")
        if not lo <= base_year <= hi:
            raise f.err("base_year", f"WIOD 2013 covers {lo}-{hi}, found {base_year}", base_year)
    elif not 1800 <= base_year <= 2100:
        raise f.err("base_year", f"must be a year from 1800 to 2100, found {base_year}", base_year)
    regions, sectors = table_labels(table)
    shocks: list[Shock] = []
    if f.has("shocks"):
        snode = f.node_of("shocks")
        if isinstance(snode, yaml.ScalarNode) and r.value(snode) is None:
            pass
        elif not isinstance(snode, yaml.SequenceNode):
            raise f.err("shocks", "must be a list of shocks", r._show(snode))
        else:
            for i, item in enumerate(snode.value):
                shocks.append(_shock(r, item, f"shocks[{i}]", regions, sectors, base_year))
    else:
        raise f.err("shocks", "missing required field", hint="add shocks: [] for a baseline")
    options: dict[str, dict[str, Any]] = {}
    if f.has("engine_options"):
        onode = f.node_of("engine_options")
        o = _Fields(r, onode, "engine_options", OPTION_ENGINES)
        options = _engine_options(o)
    return Scenario(
        name=name,
        base_year=base_year,
        table=table,
        description=description.strip(),
        shocks=tuple(shocks),
        engine_options=options,
        source=source,
    )


def _read_spec(spec) -> tuple[str, str]:
    if isinstance(spec, str) and "\n" in spec:
        return spec, "<string>"
    if isinstance(spec, str) and spec in shipped_scenarios():
        spec = shipped_scenarios()[spec]
    path = Path(spec)
    if not path.is_file():
        raise SchemaError(
            f"scenario file {str(path)!r} does not exist",
            file=path,
            hint="give a YAML path or a shipped scenario: "
            + ", ".join(sorted(shipped_scenarios())),
        )
    return yamlsafe.read_text(path, "scenario"), path.name


def shipped_scenarios() -> dict[str, Path]:
    """The documented scenarios shipped with the package.

    Returns
    -------
    dict
        Scenario file stem -> path, e.g. ``"nord_stream"``, ``"sanctions_2022"``,
        ``"blockade"``.

    Examples
    --------
    >>> sorted(shipped_scenarios())
    ['blockade', 'nord_stream', 'sanctions_2022']
    """
    return {p.stem: p for p in sorted(_SCENARIO_DIR.glob("*.yaml"))}
