"""Inputs shared by several workflow families: years, panels, votes, MRIO tables.

Every function takes a :class:`~worldsystem.workflows.context.DataContext` and asks
its backend; results that several measures share go through ``ctx.memo``.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import columns
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import carry
from worldsystem.workflows.context import DataContext

__all__ = [
    "CAPABILITY_COLUMNS",
    "CAPABILITY_ROLES",
    "capability_frame",
    "country_panel",
    "incomplete_trade",
    "mrio_table",
    "mrio_years",
    "one_row_per_iso3",
    "restrict_years",
    "roll_calls",
    "trade_coverage",
    "votes",
    "without_state_years",
]


def restrict_years(df: pd.DataFrame, years: tuple[int, int] | None, col: str = "year"):
    """Rows with ``col`` within the inclusive ``years`` range (provenance kept).

    Raises
    ------
    WorldsystemError
        No row falls in the range (the message gives the data's own range).
    """
    if years is None:
        return df
    out = df[(df[col] >= years[0]) & (df[col] <= years[1])].reset_index(drop=True)
    carry(out, df)
    if out.empty:
        raise WorldsystemError(
            f"no data in years {years[0]}-{years[1]}",
            field="years",
            value=f"{years[0]}-{years[1]}",
            hint=f"the data covers {int(df[col].min())}-{int(df[col].max())}",
        )
    return out


def country_panel(ctx: DataContext, adds: list[str]) -> pd.DataFrame:
    """The country-year panel with the named ``add_*`` joins (memoised per ``adds``)."""
    return ctx.memo(
        "panel:" + ",".join(adds),
        lambda: ctx.backend.country_panel(list(adds)),
        stage="country-year panel",
    )


# --------------------------------------------------------------------------- capabilities
#: Panel columns -> the names the capability indices read (see
#: :data:`worldsystem.measures.polarity.DEFAULT_COLUMNS`).
CAPABILITY_COLUMNS = {
    **{c.name: c.origin for c in columns.by_source("cow_nmc")},
    **{c.name: c.role for c in columns.select("gdp_mpd_musd_2011ppp", "gdppc_mpd_2011ppp")},
    "milex_musd_current": "milex_sipri",
    "warheads": columns.column("warheads").role,
}
#: Role -> column for the non-CINC indices: military expenditure is SIPRI's
#: (current USD) for the ``milex`` index; CINC keeps COW's own milex.
CAPABILITY_ROLES = {"gdp": "gdp", "gdppc": "gdppc", "milex": "milex_sipri", "warheads": "warheads"}

#: add_* name -> the source it needs, for the optional capability inputs.
_CAPABILITY_ADDS = (
    ("gdp_maddison", "maddison"),
    ("milex_sipri", "sipri_milex"),
    ("warheads", "nuclear"),
)


def capability_frame(ctx: DataContext) -> pd.DataFrame:
    """Country-year inputs of the capability indices.

    The country panel with the six COW NMC v7.0 components (as ``milex, milper,
    irst, pec, tpop, upop``; thousands of current USD, thousands of personnel,
    thousand tons, thousand coal-ton equivalents, thousands of persons), Maddison
    2023 GDP and GDP per capita at 2011 PPP (``gdp``, ``gdppc``), SIPRI military
    expenditure in current USD million (``milex_sipri``) and FAS warheads; sources
    that are not available are left out, and so are the indices that need them.
    ``ccode`` is kept where the backend is COW-based.

    Every COW state-year. The country panel holds one state per ISO3 and year, so
    at the 1990 unifications it keeps only one of two COW states that share an ISO3
    (the rule of :func:`worldsystem.countries.iso3_to_cow`: the state that held the
    territory for most of the year, West Germany 260 until 3 October and unified
    Yemen 679 from 22 May). Where the backend is COW-based (the panel has
    ``ccode``), the NMC state-years the panel lacks (Germany 255 and North Yemen
    678 in 1990) are appended with their ``ccode``, their ISO3 and their NMC
    components, and missing values for every ISO3-keyed input (GDP, SIPRI,
    warheads join the panel's row only). CINC shares are then computed over COW's
    own state-years, keyed by ``(ccode, year)``, as COW computes them.
    """
    adds = ["capabilities"] + [a for a, src in _CAPABILITY_ADDS if ctx.available(src)]
    panel = country_panel(ctx, adds)
    cols = {k: v for k, v in CAPABILITY_COLUMNS.items() if k in panel.columns}
    keys = [c for c in ("iso3", "ccode", "year") if c in panel.columns]
    frame = panel[[*keys, *cols]].rename(columns=cols)
    if "ccode" in frame.columns:
        frame = _with_all_cow_state_years(ctx, frame)
    carry(frame, panel)
    return restrict_years(frame, ctx.years)


def one_row_per_iso3(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (keys ``iso3, year`` and ``ccode``) with one row per ISO3 and year.

    Where two COW states share an ISO3 in a year (Germany 255/260 and Yemen 678/679
    in 1990), the row of the documented join rule is kept: the state of
    :func:`worldsystem.countries.iso3_to_cow` for that year (260 and 679 in 1990).
    For ISO3-keyed uses of COW-keyed results (e.g. a share series per country).
    """
    if "ccode" not in frame.columns:
        return frame
    dup = frame.duplicated(["iso3", "year"], keep=False).to_numpy()
    if not dup.any():
        return frame
    from worldsystem import countries

    sub = frame[dup]
    want = countries.iso3_to_cow(sub["iso3"].to_numpy(), year=sub["year"].to_numpy())
    drop = sub.index[np.asarray(want) != sub["ccode"].to_numpy()]
    return carry(frame.drop(index=drop).reset_index(drop=True), frame)


def _with_all_cow_state_years(ctx: DataContext, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` plus the NMC state-years whose ``(ccode, year)`` it lacks."""
    from worldsystem.sources.cow_nmc import COMPONENTS

    src = ctx.memo("cow_nmc:source", lambda: ctx.load("cow_nmc"))
    have = pd.MultiIndex.from_frame(frame[["ccode", "year"]])
    extra = src[~pd.MultiIndex.from_frame(src[["ccode", "year"]]).isin(have)]
    if extra.empty:
        return frame
    extra = extra[["iso3", "ccode", "year", *COMPONENTS]]
    out = pd.concat([frame, extra], ignore_index=True)
    return out.sort_values(["year", "iso3", "ccode"], ignore_index=True)


# --------------------------------------------------------------------------- votes
def roll_calls(ctx: DataContext) -> pd.DataFrame:
    """UN roll calls (``rcid, session, year, ...``; memoised)."""
    return ctx.memo("unvotes:roll_calls", ctx.backend.roll_calls, stage="loading roll calls")


def votes(ctx: DataContext) -> tuple[pd.DataFrame, pd.DataFrame]:
    """UN roll-call votes (``rcid, session, year, iso3, vote``) and roll calls.

    ``year`` is the session's opening year, ``session + 1945``, as in Bailey,
    Strezhnev & Voeten (2017): one year per session even when a session's votes
    ran into the next calendar year (the roll-call table keeps the vote dates).
    """
    from worldsystem.core.schema import session_year

    raw = ctx.load("unvotes")
    rc = roll_calls(ctx)
    v = raw.merge(rc[["rcid", "session"]], on="rcid", how="left", validate="m:1")
    v["year"] = session_year(v["session"])
    v = carry(v[["rcid", "session", "year", "iso3", "vote"]], raw, rc)
    v = restrict_years(v, ctx.years)
    rc = rc[rc["rcid"].isin(v["rcid"].unique())].reset_index(drop=True)
    return v, rc


# --------------------------------------------------------------------------- MRIO
def mrio_years(ctx: DataContext, years: list[int] | None = None) -> list[int]:
    """The MRIO years to use: ``years`` if given, else the backend's tables within
    the context's years (all of them when the context has none).

    Raises
    ------
    WorldsystemError
        No table falls in the requested years.
    """
    src = ctx.mrio_source
    have = sorted(ctx.memo(f"mrio:{src}:years", lambda: ctx.backend.mrio_years(src)))
    if years is not None:
        wanted = [int(y) for y in years]
        absent = [y for y in wanted if y not in have]
        if absent:
            raise WorldsystemError(
                "no MRIO table for a requested year",
                field="years",
                value=absent[0],
                hint=f"the {src} tables cover {_span(have)}",
            )
        return wanted
    if ctx.years is None:
        return have
    out = [y for y in have if ctx.years[0] <= y <= ctx.years[1]]
    if not out:
        raise WorldsystemError(
            "no MRIO table in the requested years",
            field="years",
            value=f"{ctx.years[0]}-{ctx.years[1]}",
            hint=f"the {src} tables cover {_span(have)}",
        )
    return out


def _span(years: list[int]) -> str:
    return f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])


def mrio_table(ctx: DataContext, year: int, *, labour: bool = True) -> Any:
    """The MRIO table of ``year`` from the context's database (:attr:`DataContext.mrio_source`),
    memoised; ``labour`` adds the hours satellite.

    A table without labour reuses the one with it when that is already built.
    """
    src = ctx.mrio_source
    with_labour = f"mrio:{src}:{int(year)}:labour=True"
    if not labour and with_labour in ctx._cache:
        return ctx._cache[with_labour]
    return ctx.memo(
        f"mrio:{src}:{int(year)}:labour={labour}",
        lambda: ctx.backend.mrio(year, labour=labour, source=src),
        stage=f"MRIO table {src} {int(year)}",
    )


def incomplete_trade(ctx: DataContext) -> pd.DataFrame:
    """State-years that the COW dyadic table holds too little of to place in a network.

    :func:`worldsystem.sources.cow_trade.dyadic_coverage` against the national
    table; below :data:`~worldsystem.sources.cow_trade.COVERAGE_MIN` (half of
    the national imports) a state-year is incomplete. Such a state would come
    out as a periphery of few and small ties because its partners are missing
    from the file (West Germany, 1960-1989), so
    :func:`~worldsystem.workflows.position.position_inputs` leaves it out of
    every relational network of that year (trade, arms, alliances: a multiplex
    node needs all its layers; :func:`without_state_years`), and the network
    methods give it no zone (missing, not periphery); the trade communities of :mod:`.blocs` do the
    same, and the ERDI transfer of :mod:`.exchange` names the Northern importers it
    misses. Returns ``iso3, year, coverage,
    national_imports_musd``.
    """
    from worldsystem.sources.cow_trade import COVERAGE_MIN

    cov = trade_coverage(ctx)
    cols = ["iso3", "year", "coverage", "national_imports_musd"]
    return cov.loc[cov["coverage"] < COVERAGE_MIN, cols].reset_index(drop=True)


def trade_coverage(ctx: DataContext) -> pd.DataFrame:
    """Each state-year's COW dyadic imports as a share of its national imports
    (:func:`worldsystem.sources.cow_trade.dyadic_coverage`), memoised per context."""
    from worldsystem.sources.cow_trade import dyadic_coverage

    return ctx.memo(
        "cow_trade:coverage",
        lambda: dyadic_coverage(ctx.load("cow_trade"), ctx.load_extra("cow_trade", "national")),
    )


def named_spans(state_years: pd.DataFrame, limit: int | None = None) -> str:
    """``"DEU 1960-1989, LUX 1980"``: each state's first and last year (``iso3, year``
    rows, in the order of the frame's first appearance unless sorted before)."""
    spans = state_years.groupby("iso3", sort=False)["year"].agg(["min", "max"])
    if limit is not None:
        spans = spans.head(limit)
    return ", ".join(
        f"{r.Index} {r.min}" + (f"-{r.max}" if r.max != r.min else "") for r in spans.itertuples()
    )


def without_state_years(
    frame: pd.DataFrame, drop: pd.DataFrame, years: list[int] | None
) -> pd.DataFrame:
    """``frame`` without the ties of the ``drop`` state-years, with a provenance note
    naming those of ``years`` (all of the frame's years when None)."""
    from worldsystem.core.provenance import attach, get
    from worldsystem.sources.cow_trade import COVERAGE_MIN

    keys = pd.MultiIndex.from_frame(drop[["iso3", "year"]])
    hit = pd.MultiIndex.from_arrays([frame["iso3_o"], frame["year"]]).isin(keys) | (
        pd.MultiIndex.from_arrays([frame["iso3_d"], frame["year"]]).isin(keys)
    )
    out = carry(frame.loc[~hit].reset_index(drop=True), frame)
    shown = drop[drop["year"].isin(frame["year"].unique() if years is None else years)]
    if len(shown):
        order = (
            shown.groupby("iso3")
            .agg(size=("year", "size"), imports=("national_imports_musd", "max"))
            .sort_values(["size", "imports"], ascending=False)
            .index
        )
        named = named_spans(shown.set_index("iso3").loc[order].reset_index(), limit=5)
        attach(
            out,
            get(out).with_note(
                f"{len(shown)} state-years whose COW dyadic imports are under "
                f"{COVERAGE_MIN:.0%} of their national imports are left out of the "
                f"networks, so they have no network zone or community (the largest: {named})"
            ),
        )
    return out
