"""Workflows: from a data context to a measure's result table.

The CLI and the report both need "load the right inputs for this context (real
data or the example world), restrict the years, run the measure". That glue
lives here, once, at the top layer beside ``report`` and ``cli``; measures stay
pure and never see a data folder.

Every function takes a :class:`~worldsystem.report.context.ReportContext` (build
one with :func:`~worldsystem.report.context.resolve_context`) and returns a frame
with provenance.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import carry
from worldsystem.report.context import ReportContext

__all__ = [
    "alignment",
    "capabilities",
    "capability_frame",
    "communities",
    "ideal_points",
    "polarity",
    "restrict_years",
    "vote_agreement",
    "votes",
]


def restrict_years(df: pd.DataFrame, years: tuple[int, int] | None, col: str = "year"):
    """Rows with ``col`` within the inclusive ``years`` range (provenance kept)."""
    if years is None:
        return df
    out = df[(df[col] >= years[0]) & (df[col] <= years[1])].reset_index(drop=True)
    carry(out, df)
    if out.empty:
        raise WorldsystemError(
            f"no data in years {years[0]}-{years[1]}",
            field="--years",
            value=f"{years[0]}-{years[1]}",
            hint=f"the data covers {int(df[col].min())}-{int(df[col].max())}",
        )
    return out


# --------------------------------------------------------------------------- polarity
#: Panel columns -> the names the capability indices read (see
#: :data:`worldsystem.measures.polarity.DEFAULT_COLUMNS`).
_CAPABILITY_COLUMNS = {
    "milex_nmc_thousands": "milex",
    "milper_thousands": "milper",
    "irst_thousand_tons": "irst",
    "pec_thousand_coal_tons": "pec",
    "tpop_thousands": "tpop",
    "upop_thousands": "upop",
    "gdp_mpd_musd_2011ppp": "gdp",
    "gdppc_mpd_2011ppp": "gdppc",
    "milex_musd_current": "milex_sipri",
    "warheads": "warheads",
}
#: Role -> column for the non-CINC indices on real data: military expenditure is
#: SIPRI's (current USD) for the ``milex`` index; CINC keeps COW's own milex.
CAPABILITY_ROLES = {"gdp": "gdp", "gdppc": "gdppc", "milex": "milex_sipri", "warheads": "warheads"}


def country_panel(ctx: ReportContext, adds: list[str]) -> pd.DataFrame:
    """The cached COW country-year panel with the named ``add_*`` joins."""
    from worldsystem import panels
    from worldsystem.panels.build import COUNTRY_SOURCES

    needed = ["cow_states", *(s for a in adds for s in COUNTRY_SOURCES[a])]
    missing = [s for s in needed if not ctx.available(s)]
    if missing:
        ctx.require(*dict.fromkeys(missing))
    key = "panel:" + ",".join(adds)
    if key not in ctx._cache:
        ctx._cache[key] = panels.country_panel(1816, 2022, adds=adds, data=ctx.data)
    return ctx._cache[key]


def capability_frame(ctx: ReportContext) -> pd.DataFrame:
    """Country-year inputs of the capability indices.

    Real data: the COW state-system panel with the six NMC components (as
    ``milex, milper, irst, pec, tpop, upop``), Maddison GDP and GDP per capita at
    2011 PPP (``gdp``, ``gdppc``), SIPRI military expenditure in current USD
    (``milex_sipri``) and FAS warheads; sources that are not available are left
    out and so are the indices that need them. Example world: its country-year
    frame, which carries all of them.
    """
    if ctx.is_example:
        return restrict_years(ctx.example.country_years, ctx.years)
    adds = ["capabilities"] + [
        a
        for a, src in (
            ("gdp_maddison", "maddison"),
            ("milex_sipri", "sipri_milex"),
            ("warheads", "nuclear"),
        )
        if ctx.available(src)
    ]
    panel = country_panel(ctx, adds)
    cols = {k: v for k, v in _CAPABILITY_COLUMNS.items() if k in panel.columns}
    frame = panel[["iso3", "ccode", "year", *cols]].rename(columns=cols)
    carry(frame, panel)
    return restrict_years(frame, ctx.years)


def polarity(
    ctx: ReportContext, *, index: str = "cinc", among: str | int | None = None, **thresholds: Any
) -> pd.DataFrame:
    """Per-year polarity table (see :func:`worldsystem.measures.polarity.polarity_table`).

    ``among`` defaults to the COW major powers on real data (the 50 % share
    thresholds are meant for the great powers) and to all states on the example
    world (which has no major-power list).
    """
    from worldsystem.measures import polarity as pol

    frame = capability_frame(ctx)
    if among is None:
        among = "all" if ctx.is_example else "majors"
    columns = None if ctx.is_example else CAPABILITY_ROLES
    return pol.polarity_table(frame, index=index, among=among, columns=columns, **thresholds)


def capabilities(ctx: ReportContext) -> pd.DataFrame:
    """Per country-year CINC and component shares."""
    from worldsystem.measures import polarity as pol

    return pol.capabilities_table(capability_frame(ctx))


# --------------------------------------------------------------------------- blocs
def votes(ctx: ReportContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """UN roll-call votes (``rcid, session, year, iso3, vote``) and roll calls."""
    if ctx.is_example:
        v, rc = ctx.example.votes, ctx.example.roll_calls
    else:
        raw = ctx.load("unvotes")
        from worldsystem.sources import unvotes

        rc = ctx._cache.get("unvotes:roll_calls")
        if rc is None:
            rc = unvotes.load_roll_calls(ctx.data)
            ctx._cache["unvotes:roll_calls"] = rc
        v = raw.merge(rc[["rcid", "session", "year"]], on="rcid", how="left", validate="m:1")
        v = carry(v[["rcid", "session", "year", "iso3", "vote"]], raw, rc)
    v = restrict_years(v, ctx.years)
    rc = rc[rc["rcid"].isin(v["rcid"].unique())].reset_index(drop=True)
    return v, rc


def ideal_points(ctx: ReportContext, **options: Any) -> pd.DataFrame:
    """Dynamic ideal points with ``ccode`` added (COW code of the country in that year)."""
    from worldsystem import countries
    from worldsystem.measures import blocs

    v, rc = votes(ctx)
    if ctx.is_example:
        # the example world's roll calls carry no text to bridge; its "US" is bloc A's leader
        options.setdefault("bridge", None)
        options.setdefault("anchor", (ctx.example.truth.bloc_leaders["A"], +1))
    ip = blocs.ideal_points(v, rc, **options)
    if ctx.is_example:
        ip.insert(1, "ccode", pd.array([pd.NA] * len(ip), dtype="Int64"))
    else:
        codes = countries.iso3_to_cow(ip["iso3"], year=ip["year"], errors="coerce")
        ip.insert(1, "ccode", pd.array(codes, dtype="Int64"))
    return ip


def vote_agreement(ctx: ReportContext, **options: Any) -> pd.DataFrame:
    """Pairwise vote agreement per year."""
    from worldsystem.measures import blocs

    v, _rc = votes(ctx)
    return blocs.vote_agreement(v, **options)


def alignment(ctx: ReportContext, **options: Any) -> pd.DataFrame:
    """Distance and agreement of each country with the US, China and Russia, and its bloc."""
    from worldsystem.measures import blocs

    ip = ideal_points(ctx)
    agree = vote_agreement(ctx)
    if ctx.is_example:
        poles = options.pop("poles", None) or _example_poles(ctx)
        return blocs.alignment(ip, agree, poles=poles, **options)
    return blocs.alignment(ip, agree, **options)


def _example_poles(ctx: ReportContext) -> tuple[str, str, str]:
    """The example world's analogues of the US, China and Russia: bloc leaders."""
    leaders = ctx.example.truth.bloc_leaders
    a = leaders["A"]
    b = leaders["B"]
    cy = ctx.example.countries
    others = cy[(cy["bloc"] == "B") & (cy["iso3"] != b)]["iso3"]
    second_b = others.iloc[0] if len(others) else b
    return (a, b, second_b)


def communities(ctx: ReportContext, *, network: str = "alliances", **options: Any) -> pd.DataFrame:
    """Seeded Louvain communities of the alliance, trade or vote-agreement network."""
    from worldsystem.measures import blocs

    if network == "alliances":
        raw = ctx.example.alliances if ctx.is_example else ctx.load("atop")
        edges = blocs.alliance_edges(restrict_years(raw, ctx.years))
        return blocs.communities(edges, weight_col="weight", **options)
    if network == "trade":
        if ctx.is_example:
            raw = ctx.example.trade.rename(columns={"flow_musd": "weight"})
        else:
            raw = ctx.load("cow_trade").rename(columns={"flow_musd_current": "weight"})
        raw = restrict_years(raw, ctx.years)
        raw = raw[raw["weight"].fillna(0) > 0]
        return blocs.communities(raw, weight_col="weight", **options)
    if network == "votes":
        agree = vote_agreement(ctx)
        edges = agree.rename(columns={"iso3_a": "iso3_o", "iso3_b": "iso3_d"})
        edges = edges[edges["agree_share"] > 0]
        return blocs.communities(edges, weight_col="agree_share", **options)
    raise WorldsystemError(
        "unknown network", field="--network", value=network, hint="use alliances, trade or votes"
    )
