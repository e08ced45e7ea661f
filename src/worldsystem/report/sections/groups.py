"""Report section: the G7, NATO, BRICS and SCO on a world map."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.report.defaults import GROUPS_LAYERS, GROUPS_REPORT_YEAR
from worldsystem.report.model import Figure, Output, Section, Table
from worldsystem.report.style import colour, isonum_keys

__all__ = ["SECTION", "data", "layers", "present"]


def data(ctx: Any) -> dict[str, Any]:
    """The members of each group in the report's last year, or the planted blocs.

    Returns, on real data, ``year`` and ``members`` (group id -> ISO3 codes, from
    :func:`worldsystem.countries.members`, in :data:`GROUPS_LAYERS` order); on the
    example world, ``planted_blocs`` (countries per planted bloc and zone), or
    nothing when the example world has no blocs.
    """
    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        cy = ctx.example.countries
        if "bloc" not in cy.columns:
            return {"planted_blocs": None}
        counts = cy.groupby(["bloc", "zone"]).size().rename("countries").reset_index()
        return {"planted_blocs": counts}
    year = ctx.years[1] if ctx.years else GROUPS_REPORT_YEAR
    # ----------------------------------------------------------------------------
    from worldsystem import countries as wc

    return {"year": year, "members": {g: list(wc.members(g, year)) for g in GROUPS_LAYERS}}


def layers(members: Mapping[str, list[str]]) -> list[tuple[str, str, list[str]]]:
    """The map's layers: ``(group, label, members shown)`` in :data:`GROUPS_LAYERS` order.

    A country in several groups is shown in the first; a later group's layer keeps
    only its other members, and its label names the earlier groups that took some
    of them, so label, count and member list describe the same countries.

    >>> layers({"G7": ["USA"], "NATO": ["USA", "POL"], "BRICS": ["CHN"], "SCO": ["KAZ"]})
    [('G7', 'G7', ['USA']), ('NATO', 'NATO (not G7)', ['POL']), ('BRICS', 'BRICS', ['CHN']), \
('SCO', 'SCO', ['KAZ'])]
    """
    out, taken = [], {}
    for group in GROUPS_LAYERS:
        mine = list(members.get(group, []))
        overlap = list(dict.fromkeys(taken[i] for i in mine if i in taken))
        shown = [i for i in mine if i not in taken]
        label = f"{group} (not {', '.join(overlap)})" if overlap else group
        out.append((group, label, shown))
        for iso3 in shown:
            taken[iso3] = group
    return out


def present(frames: Mapping[str, Any]) -> Output:
    """Country groups: a world map of the G7, NATO, BRICS and SCO in one year.

    Shows each group's members (a country in several groups takes the first in the
    legend order) on the Natural Earth 1:110m map, with a table of the members.
    Source: the group table of :mod:`worldsystem.countries` (membership years from
    the groups' official records). On the example world it lists the planted blocs.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    out = Output()
    if "planted_blocs" in frames:
        if frames["planted_blocs"] is not None:
            out.tables.append(
                Table("example-blocs", "Planted blocs by zone", frames["planted_blocs"])
            )
        out.paragraphs.append(
            "Real-world group memberships (G7, NATO, BRICS, SCO, ...) are shown when real data "
            "is configured; the example world has planted blocs instead."
        )
        return out
    from worldsystem.report.maps import svg_choropleth

    year, members = frames["year"], frames["members"]
    shown = layers(members)
    assigned = {iso3: label for _g, label, isos in shown for iso3 in isos}
    iso3s = list(assigned)
    values = {k: assigned[i] for k, i in zip(isonum_keys(iso3s), iso3s, strict=True) if k}
    colours = {label: colour(i) for i, (_g, label, _m) in enumerate(shown)}
    svg = svg_choropleth(
        values, colours, title=f"Country groups in {year}", element_id="groups-map"
    )
    table = pd.DataFrame(
        [(label, len(isos), ", ".join(isos), len(members[g])) for g, label, isos in shown],
        columns=["group", "members", "iso3", "group_total"],
    )
    out.figures.append(
        Figure(
            "groups-figure",
            f"G7, NATO, BRICS and SCO members in {year}",
            "svg",
            {"svg": svg, "legend": [(label, colours[label]) for _g, label, _m in shown]},
            caption="A country in several groups takes the first in the legend order. Source: "
            "worldsystem.countries group table (membership years from the groups' official "
            "records). Map: Natural Earth 1:110m.",
            data=pd.DataFrame({"iso3": iso3s, "group": [assigned[i] for i in iso3s]}),
        )
    )
    out.tables.append(
        Table(
            "groups-table",
            f"Group members in {year}",
            table,
            caption="members, iso3: the countries of the map's layer (a country in "
            "several groups is in the first); group_total: all members of the group.",
        )
    )
    sizes = ", ".join(f"{g} {len(members[g])}" for g in GROUPS_LAYERS)
    out.findings.append(f"Members in {year}: {sizes}.")
    return out


SECTION = Section(id="groups", title="Country groups", data=data, present=present)
