"""Run a scenario written for one MRIO table on another.

A scenario names sectors in its own table's codes (WIOD's ``c2`` for mining).
:func:`translate` rewrites it for a target table through the explicit sector
concordances of :mod:`worldsystem.panels.mrio_sources`: both classifications map
onto the GGDC 10-sector groups (AGR, MIN, MAN, PU, CON, WRT, TRA, FIRE, GOV,
OTH), and a shock on source sectors becomes a shock on every target sector of
the same groups.

The rule is exact only at the group level, so a shock must cover **whole
groups** of its source classification: WIOD ``c2`` is the whole MIN group and
translates to all of ICIO's mining industries (``B05_06``, ``B07_08``,
``B09``); WIOD ``c3`` (food, one of fourteen MAN industries) has no honest
counterpart at group level and is refused, naming the sector. Regions keep
their ISO3 codes; a region the target table lacks is an error, and the
members of a sanctions group are re-resolved against the target's regions (a
member the target folds into a rest-of-world region is skipped, with a note).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from worldsystem.core.errors import ModelError
from worldsystem.simulate.scenario import Sanctions, Scenario

__all__ = ["translate"]


def _sectors(
    codes: Sequence[str],
    source_groups: Mapping[str, str],
    target_sectors: Sequence[str],
    target_groups: Mapping[str, str],
    where: str,
) -> tuple[str, ...]:
    chosen = set(codes)
    groups = []
    for code in codes:
        g = source_groups.get(code)
        if g is None:
            raise ModelError("sector has no concordance entry", field=where, value=code)
        whole = {s for s, sg in source_groups.items() if sg == g}
        if not whole <= chosen:
            part = sorted(whole - chosen)
            raise ModelError(
                f"sector covers part of the {g} group only, so it has no counterpart "
                "in the target table",
                field=where,
                value=code,
                hint=f"list the whole group (also {', '.join(part[:4])}) or write the "
                "scenario for the target table",
            )
        groups.append(g)
    out = tuple(s for s in target_sectors if target_groups[s] in set(groups))
    if not out:
        raise ModelError("no target sector in the groups", field=where, value=",".join(groups))
    return out


def _members(
    group: str, resolved: tuple[str, ...], year: int | None, regions: Sequence[str]
) -> tuple[str, ...]:
    """A sanctions side's full membership: the named group's members in its year
    (the scenario's table may have skipped some), else the resolved codes."""
    from worldsystem import countries
    from worldsystem.core.errors import CodeSystemError

    if group == "all":
        return tuple(regions)
    if year is None or "," in group:
        return resolved
    try:
        return tuple(countries.members(group, year))
    except CodeSystemError:
        return resolved


def translate(
    spec: Scenario,
    *,
    source_groups: Mapping[str, str],
    table: str,
    year: int,
    regions: Sequence[str],
    sectors: Sequence[str],
    target_groups: Mapping[str, str],
) -> tuple[Scenario, list[str]]:
    """``spec`` rewritten for the target table ``table`` of ``year``.

    Parameters
    ----------
    spec : Scenario
        A validated scenario on its own table.
    source_groups : mapping
        Every sector of the scenario's table -> GGDC group.
    table : str
        Name of the target table (recorded in the returned scenario).
    year : int
        The target table's year (the new base year).
    regions, sectors : sequence of str
        The target table's region (ISO3 or named region) and sector labels.
    target_groups : mapping
        Every target sector -> GGDC group.

    Returns
    -------
    (Scenario, list of str)
        The translated scenario and notes on what changed (sector mapping,
        skipped sanctions members).

    Raises
    ------
    ModelError
        A shock on part of a group, or a region the target lacks.

    Examples
    --------
    >>> from worldsystem.simulate.scenario import BilateralCut
    >>> s = Scenario("x", 2011, shocks=(BilateralCut("RUS", "DEU", ("m",), 100.0),))
    >>> t, notes = translate(s, source_groups={"m": "MIN", "f": "MAN"}, table="t",
    ...     year=2020, regions=["RUS", "DEU"], sectors=["B05", "B06", "C10"],
    ...     target_groups={"B05": "MIN", "B06": "MIN", "C10": "MAN"})
    >>> t.shocks[0].sectors, t.base_year, t.table
    (('B05', 'B06'), 2020, 't')
    """
    have = set(regions)
    notes = []
    shocks = []
    for i, shock in enumerate(spec.shocks):
        where = f"shocks[{i}].sectors"
        new = _sectors(shock.sectors, source_groups, sectors, target_groups, where)
        changes: dict = {"sectors": new}
        for key in ("exporter", "importer", "region"):
            code = getattr(shock, key, None)
            if code is not None and code not in have:
                raise ModelError(
                    "region not in the target table", field=f"shocks[{i}].{key}", value=code
                )
        if isinstance(shock, Sanctions):
            full_a = _members(shock.group_a, shock.members_a, shock.membership_year, regions)
            full_b = _members(shock.group_b, shock.members_b, shock.membership_year, regions)
            a = tuple(m for m in full_a if m in have)
            b = tuple(m for m in full_b if m in have)
            lost = sorted(set(full_a + full_b) - have)
            if not a or not b:
                raise ModelError(
                    "a sanctions group has no member in the target table",
                    field=f"shocks[{i}]",
                    value=shock.group_a if not a else shock.group_b,
                )
            if lost:
                notes.append(f"shocks[{i}]: {', '.join(lost)} not separate in {table}, skipped")
            changes.update(members_a=a, members_b=b)
        shocks.append(dataclasses.replace(shock, **changes))
        notes.append(f"shocks[{i}]: sectors {', '.join(shock.sectors)} -> {', '.join(new)}")
    out = dataclasses.replace(spec, base_year=int(year), table=table, shocks=tuple(shocks))
    return out, notes
