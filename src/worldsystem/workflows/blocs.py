"""Bloc workflows: UN ideal points, vote agreement, alignment and communities.

Inputs: the UN General Assembly roll calls (:func:`worldsystem.workflows.inputs.votes`),
ATOP alliances and COW trade from the backend; measures:
:mod:`worldsystem.measures.blocs`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import (
    incomplete_trade,
    restrict_years,
    votes,
    without_state_years,
)

__all__ = [
    "alignment",
    "communities",
    "compare_ideal_points",
    "ideal_points",
    "poles",
    "vote_agreement",
]


def poles(ctx: DataContext) -> tuple[str, str, str]:
    """The ISO3 codes standing for the US, China and Russia on this context's data."""
    return tuple(ctx.backend.poles)  # type: ignore[return-value]


def ideal_points(ctx: DataContext, **options: Any) -> pd.DataFrame:
    """Dynamic ideal points with ``ccode`` added (COW code of the country in that year).

    The scale is anchored on the first pole (the US: positive) unless ``anchor``
    is given; roll calls without resolution texts (no ``descr`` column) cannot be
    bridged by description, so ``bridge`` defaults to None for them.
    """
    from worldsystem import countries
    from worldsystem.measures import blocs

    v, rc = votes(ctx)
    if "descr" not in rc.columns and "short" not in rc.columns:
        options.setdefault("bridge", None)
    options.setdefault("anchor", (poles(ctx)[0], +1))
    ip = blocs.ideal_points(v, rc, **options)
    codes = countries.iso3_to_cow(ip["iso3"], year=ip["year"], errors="coerce")
    ip.insert(1, "ccode", pd.array(codes, dtype="Int64"))
    return ip


def compare_ideal_points(
    ctx: DataContext, *, ideal_points_frame: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Agreement of this context's ideal points with the published BSV estimates.

    The published file (``unvotes/IdealpointestimatesAll_Jun2024.csv``) is read
    first, so that a missing file fails before the fit; rows are matched on COW
    code and session (:func:`worldsystem.measures.blocs.compare_ideal_points`).
    ``options`` go to :func:`ideal_points`.
    """
    from worldsystem.core.provenance import attach, get
    from worldsystem.measures import blocs

    published = ctx.load_extra("unvotes", "published_ideal_points")
    ip = ideal_points(ctx, **options) if ideal_points_frame is None else ideal_points_frame
    out = blocs.compare_ideal_points(ip, published)
    attach(
        out,
        get(ip).with_method(
            "worldsystem.measures.blocs.compare_ideal_points",
            {"on": ["ccode", "session"], "published": "IdealpointestimatesAll (June 2024)"},
            citations=("bailey2017estimating",),
        ),
    )
    return out


def vote_agreement(ctx: DataContext, **options: Any) -> pd.DataFrame:
    """Pairwise vote agreement per year."""
    from worldsystem.measures import blocs

    v, _rc = votes(ctx)
    return blocs.vote_agreement(v, **options)


def alignment(
    ctx: DataContext, *, ideal_points_frame: pd.DataFrame | None = None, **options: Any
) -> pd.DataFrame:
    """Distance and agreement of each country with the US, China and Russia, and its bloc.

    ``ideal_points_frame``: ideal points already fitted for this context (saves the fit).
    """
    from worldsystem.measures import blocs

    ip = ideal_points(ctx) if ideal_points_frame is None else ideal_points_frame
    agree = vote_agreement(ctx)
    options["poles"] = options.get("poles") or poles(ctx)
    return blocs.alignment(ip, agree, **options)


#: Networks :func:`communities` can partition.
NETWORKS = ("alliances", "trade", "votes")


def communities(ctx: DataContext, *, network: str = "alliances", **options: Any) -> pd.DataFrame:
    """Seeded Louvain communities of the alliance, trade or vote-agreement network."""
    from worldsystem.measures import blocs

    if network not in NETWORKS:
        raise WorldsystemError(
            "unknown network",
            field="network",
            value=network,
            hint="use " + ", ".join(NETWORKS[:-1]) + " or " + NETWORKS[-1],
        )
    if network == "alliances":
        edges = blocs.alliance_edges(restrict_years(ctx.load("atop"), ctx.years))
        return blocs.communities(edges, weight_col="weight", **options)
    if network == "trade":
        raw = ctx.load("cow_trade").rename(columns={"flow_musd_current": "weight"})
        raw = restrict_years(raw, ctx.years)
        raw = raw[raw["weight"].fillna(0) > 0]
        # a state-year the dyadic file barely holds would join whichever few partners
        # it has there (West Germany 1960-1989): it is left out, with a note
        raw = without_state_years(raw, incomplete_trade(ctx), sorted(raw["year"].unique()))
        return blocs.communities(raw, weight_col="weight", **options)
    agree = vote_agreement(ctx)
    edges = agree.rename(columns={"iso3_a": "iso3_o", "iso3_b": "iso3_d"})
    edges = edges[edges["agree_share"] > 0]
    return blocs.communities(edges, weight_col="agree_share", **options)
