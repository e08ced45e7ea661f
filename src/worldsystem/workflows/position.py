"""World-system position workflows: the zone of every country-year by each method.

Inputs: GDP per capita at exchange rates (PWT 10.01) and at PPP (Maddison 2023),
COW trade, SIPRI arms transfers and ATOP pacts from the backend, and the WIOD 2013
input-output tables (1995-2011) for the commodity-differentiated blockmodel;
measures: :mod:`worldsystem.measures.position`.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import carry
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import country_panel, incomplete_trade, without_state_years

__all__ = ["position", "position_inputs"]

#: add_* name -> source, for the income inputs.
_INCOME_ADDS = (("gdp_maddison", "maddison"), ("gdp_pwt", "pwt"), ("prices_pwt", "pwt"))


def position_inputs(ctx: DataContext, years: list[int] | None = None) -> dict[str, Any]:
    """Income, trade, arms and alliance frames and MRIO tables for :func:`position`.

    - ``country_years``: ``gdppc_usd``, GDP per capita at exchange rates from PWT
      10.01 as ``cgdpo x pl_gdpo / pop`` (current USD per person: output-side GDP
      at current PPPs times its price level relative to the US gives GDP at
      exchange rates), and ``gdppc_ppp`` from Maddison 2023 (2011 international
      dollars per person), in the context's years and the
      ``INCOME_WINDOW // 2`` years either side (the income cut points pool them);
    - ``dyads``: COW trade v4.0 (``flow``: current USD million, o exports to d);
    - ``arms``: SIPRI TIV (``tiv``: millions of TIV);
    - ``alliances``: ATOP 5.1 defence and offence pacts (``weight`` 1);
    - ``mrio``: ``{year: MRIO}``, the WIOD 2013 tables (without the labour
      account) of the ``years`` that WIOD covers, for ``blockmodel_commodity``;
      only when the run's MRIO source is ``wiod2013`` (the commodity groups are
      defined on WIOD's sector codes) and its files are in the data folder.

    Sources that are absent are None, and so are the methods that need them.
    """
    adds = [a for a, src in _INCOME_ADDS if ctx.available(src)]
    out: dict[str, pd.DataFrame | None] = {
        "country_years": None,
        "dyads": None,
        "arms": None,
        "alliances": None,
        "mrio": None,
    }
    if years and ctx.mrio_source == "wiod2013" and ctx.available("wiod2013"):
        have = set(ctx.backend.mrio_years("wiod2013"))
        yrs = sorted(y for y in set(years) if y in have)
        if yrs:
            out["mrio"] = _Tables(ctx.backend, yrs)
    if adds:
        # the income cut points of a year pool the years around it (INCOME_WINDOW)
        from worldsystem.measures.position.income import INCOME_WINDOW

        half = INCOME_WINDOW // 2
        wide = None if ctx.years is None else (ctx.years[0] - half, ctx.years[1] + half)
        panel = country_panel(ctx.with_years(wide), adds)
        cy = pd.DataFrame({"iso3": panel["iso3"], "year": panel["year"]})
        if "gdppc_mpd_2011ppp" in panel:
            cy["gdppc_ppp"] = panel["gdppc_mpd_2011ppp"]
        if "cgdpo_musd_current_ppp" in panel and "pl_gdpo_usa2017" in panel:
            cy["gdppc_usd"] = (
                panel["cgdpo_musd_current_ppp"]
                * panel["pl_gdpo_usa2017"]
                / panel["pop_pwt_millions"]
            )
        out["country_years"] = carry(cy, panel)
    incomplete = None
    if ctx.available("cow_trade"):
        tr = ctx.load("cow_trade")
        out["dyads"] = carry(
            tr[["iso3_o", "iso3_d", "year"]].assign(flow=tr["flow_musd_current"]), tr
        )
        incomplete = incomplete_trade(ctx)
    if ctx.available("sipri_tiv"):
        arms = ctx.load("sipri_tiv").dropna(subset=["iso3_o", "iso3_d"])
        out["arms"] = carry(
            arms[["iso3_o", "iso3_d", "year"]].assign(tiv=arms["tiv_millions"]), arms
        )
    if ctx.available("atop"):
        al = ctx.load("atop")
        pact = ((al["defense"] == 1) | (al["offense"] == 1)).astype("float64")
        out["alliances"] = carry(al[["iso3_o", "iso3_d", "year"]].assign(weight=pact)[pact > 0], al)
    if incomplete is not None and len(incomplete):
        for key in ("dyads", "arms", "alliances"):
            if out[key] is not None:
                out[key] = without_state_years(out[key], incomplete, years)
    if out["country_years"] is None and out["dyads"] is None:
        ctx.require("maddison", "cow_trade")
    return out


class _Tables(Mapping):
    """``{year: MRIO}`` of WIOD 2013 (no labour account), each table loaded when read.

    Seventeen WIOD tables hold about 300 MB; :func:`~worldsystem.measures.position.positions`
    reads one year at a time, so only one is in memory at once.
    """

    def __init__(self, backend: Any, years: list[int]) -> None:
        self.backend = backend
        self.years = list(years)

    def __getitem__(self, year: int) -> Any:
        if year not in self.years:
            raise KeyError(year)
        with progress.stage(f"loading wiod2013 {year}"):
            return self.backend.mrio(int(year), labour=False, source="wiod2013")

    def __iter__(self) -> Iterator[int]:
        return iter(self.years)

    def __len__(self) -> int:
        return len(self.years)


def _is_income(method: str) -> bool:
    return method.startswith("income")


def _input_name(method: str) -> str:
    """The :func:`position_inputs` key a method needs."""
    if _is_income(method):
        return "country_years"
    return "mrio" if method == "blockmodel_commodity" else "dyads"


def position(
    ctx: DataContext,
    *,
    methods: str | list[str] = "all",
    years: list[int] | None = None,
    seed: int = 0,
    scheduler: str | None = None,
    income_silverman: int = 0,
    income_silverman_years: list[int] | None = None,
) -> pd.DataFrame:
    """Every method's zone per country-year (``iso3, year, method, zone, score``).

    ``years`` defaults to the context's years, else the backend's default range
    for the position family (1965-2014 on real data). ``scheduler`` (None,
    ``"local"`` or ``"tcp://host:port"``) runs batches of years on Dask
    (:mod:`worldsystem.workflows.parallel`); every method of a year uses that
    year's data only, so the result is identical. ``income_silverman`` (bootstrap
    samples; default 0, not run) and ``income_silverman_years`` (default every year)
    run Silverman's test of the income cuts (:func:`~worldsystem.measures.position.positions`).
    """
    from worldsystem.measures import position as pos
    from worldsystem.workflows import parallel

    if methods != "all":
        wanted = [methods] if isinstance(methods, str) else list(methods)
        unknown = [m for m in wanted if m not in pos.METHODS]
        if unknown:
            raise WorldsystemError(
                "unknown position method",
                field="method",
                value=unknown[0],
                hint=f"use all or one of {', '.join(pos.METHODS)}",
            )
    if years is None:
        lo, hi = ctx.years if ctx.years is not None else ctx.backend.default_years("position")
        years = list(range(lo, hi + 1))
    inputs = position_inputs(ctx, years)
    asked = methods != "all"
    if methods != "all":
        if any(_is_income(m) for m in wanted) and inputs["country_years"] is None:
            ctx.require("maddison", "pwt")
        if any(_input_name(m) == "dyads" for m in wanted) and inputs["dyads"] is None:
            ctx.require("cow_trade")
        if "blockmodel_commodity" in wanted and inputs["mrio"] is None:
            _no_tables(ctx, years)
        methods = wanted
    else:
        methods = [m for m in pos.METHODS if inputs[_input_name(m)] is not None]
    shared = {
        "country_years": inputs["country_years"],
        "dyads": inputs["dyads"],
        "methods": methods,
        "weight_col": "flow",
        "arms": inputs["arms"],
        "alliances": inputs["alliances"],
        "alliance_col": "weight",
        "mrio": inputs["mrio"],
        "seed": seed,
    }
    if income_silverman:
        shared["income_silverman"] = income_silverman
        shared["income_silverman_years"] = income_silverman_years
    scheduler = parallel.check_scheduler(scheduler)
    if scheduler is None or len(set(years)) <= 1:
        return _require_rows(pos.positions(years=years, **shared), methods, years, inputs, asked)
    batches = parallel.chunks(sorted(set(years)), 4 * (os.cpu_count() or 1))
    parts = parallel.map_tasks(
        _positions_batch,
        batches,
        scheduler=scheduler,
        shared=shared,
        label="position: year batches",
    )
    out = pd.concat(parts, ignore_index=True)
    # positions() orders rows by method (as in METHODS), year, iso3: restore that order
    rank = {m: i for i, m in enumerate(pos.METHODS)}
    out = out.sort_values(
        ["method", "year", "iso3"],
        key=lambda c: c.map(rank) if c.name == "method" else c,
        kind="stable",
        ignore_index=True,
    )
    return _require_rows(carry(out, *parts), methods, years, inputs, asked)


def _no_tables(ctx: DataContext, years: list[int]) -> None:
    """Refuse ``blockmodel_commodity`` when no WIOD table covers the years asked."""
    if ctx.mrio_source != "wiod2013":
        raise WorldsystemError(
            "position method blockmodel_commodity needs the WIOD 2013 tables",
            field="mrio",
            value=ctx.mrio_source,
            hint="its commodity groups are defined on WIOD's sector codes: run with mrio=wiod2013",
        )
    ctx.require("wiod2013")
    have = ctx.backend.mrio_years("wiod2013")
    span = f"{min(years)}-{max(years)}" if len(set(years)) > 1 else str(min(years))
    raise WorldsystemError(
        f"position method blockmodel_commodity gives no zones in {span}: "
        f"its data cover {min(have)}-{max(have)}",
        field="years",
        value=span,
        hint=f"choose years within {min(have)}-{max(have)}",
    )


#: input frame and column of each family of methods (for the coverage in errors)
def _input_of(method: str) -> tuple[str, str | None]:
    if method == "income_xr":
        return "country_years", "gdppc_usd"
    if method == "income_ppp":
        return "country_years", "gdppc_ppp"
    if method == "blockmodel_commodity":
        return "mrio", None
    return "dyads", "flow"


def _require_rows(
    res: pd.DataFrame,
    methods: list[str],
    years: list[int],
    inputs: dict[str, pd.DataFrame | None],
    asked: bool,
) -> pd.DataFrame:
    """Refuse a result with no zones for a method asked for (or no zones at all).

    An empty table with exit 0 would read as "no country has a position"; the
    error says which years the method's data cover instead.
    """
    if not years:  # nothing asked, nothing missing
        return res
    empty = [m for m in methods if not (res["method"] == m).any()] if len(res) else list(methods)
    if not (empty if asked else len(res) == 0):
        return res
    span = f"{min(years)}-{max(years)}" if len(set(years)) > 1 else str(min(years))
    covers = {m: _coverage(m, inputs) for m in empty}
    if len(empty) == 1:
        m, have = empty[0], covers[empty[0]]
        cover = f"its data cover {have[0]}-{have[1]}" if have else "its data are missing"
        raise WorldsystemError(
            f"position method {m} gives no zones in {span}: {cover} (a year needs at least "
            "20 countries with data)",
            field="years",
            value=span,
            hint=f"choose years within {have[0]}-{have[1]}" if have else "add the method's data",
        )
    each = "; ".join(
        f"{m} {have[0]}-{have[1]}" if have else f"{m} missing" for m, have in covers.items()
    )
    known = [h for h in covers.values() if h]
    raise WorldsystemError(
        f"position gives no zones in {span} by any method: the data cover {each} (a year "
        "needs at least 20 countries with data)",
        field="years",
        value=span,
        hint=f"choose years within one method's coverage ({min(h[0] for h in known)}-"
        f"{max(h[1] for h in known)} in all)"
        if known
        else "add the methods' data",
    )


def _coverage(method: str, inputs: dict[str, Any]) -> tuple[int, int] | None:
    """First and last year of the input ``method`` reads (None: no data)."""
    frame_name, col = _input_of(method)
    frame = inputs.get(frame_name)
    if isinstance(frame, Mapping):
        return (min(frame), max(frame)) if frame else None
    if frame is not None and col in frame.columns:
        yrs = frame.loc[frame[col].notna(), "year"]
        return (int(yrs.min()), int(yrs.max())) if len(yrs) else None
    return None


def _positions_batch(years: list[int], **kwargs: Any) -> pd.DataFrame:
    from worldsystem.measures import position as pos

    return pos.positions(years=years, **kwargs)
