"""The example world: synthetic data with planted structure.

The full description of what is planted is :data:`DESCRIPTION`, returned by
:func:`describe`, and it is this module's ``__doc__`` at run time.
"""

from __future__ import annotations

from worldsystem.example._description import DESCRIPTION
from worldsystem.example.world import (
    BLOCS,
    UNITS,
    ZONES,
    ExampleWorld,
    Truth,
    planted_drain,
    world,
)

__all__ = [
    "BLOCS",
    "DESCRIPTION",
    "UNITS",
    "ZONES",
    "ExampleWorld",
    "Truth",
    "describe",
    "planted_drain",
    "world",
]

__doc__ = DESCRIPTION


def describe(example: ExampleWorld | None = None) -> str:
    """Describe the example world: what is planted and how (reStructuredText).

    Parameters
    ----------
    example : ExampleWorld, optional
        When given, a section with this world's planted facts is appended: the
        seed, the zone counts, the bloc leaders, the capability leader and second,
        the nuclear states and the size of the labour drain.

    Returns
    -------
    str
        reStructuredText; the same as the module docstring, plus the optional
        section.

    Examples
    --------
    >>> from worldsystem.example import describe
    >>> "synthetic" in describe()
    True
    """
    if example is None:
        return DESCRIPTION
    t = example.truth
    counts = ", ".join(f"{z} {k}" for z, k in t.zone_counts.items())
    lines = [
        "",
        f"Planted facts of this world (seed={example.seed})",
        "-" * 40,
        f"* Countries: {len(example.countries)} ({counts}).",
        f"* Bloc leaders: A = {t.bloc_leaders['A']}, B = {t.bloc_leaders['B']}.",
        f"* Capability (CINC) leader: {t.leader}; second: {t.second}.",
        f"* Nuclear states: {', '.join(t.nuclear_states)}.",
        f"* MRIO: {example.mrio.n_regions} regions x {example.mrio.n_sectors} sectors, "
        f"year {example.mrio.year}.",
        f"* Drain ({t.drain_direction}): net {t.drain_hours:.3e} hours embodied; the "
        f"periphery exports {t.periphery_hours_exported:.3e} hours and imports "
        f"{t.periphery_hours_imported:.3e}.",
    ]
    return DESCRIPTION + "\n".join(lines) + "\n"
