"""Unequal-exchange workflows: embodied labour and value added, and Köhler's ERDI.

Inputs: MRIO tables with labour-hours and value-added satellites
(:func:`worldsystem.workflows.inputs.mrio_table`), PWT 10.01 labour shares and
price levels, COW trade; measures: :mod:`worldsystem.measures.exchange`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import attach, carry, get, merged
from worldsystem.workflows.blocs import ideal_points, poles
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import mrio_table, mrio_years, restrict_years
from worldsystem.workflows.position import position

__all__ = [
    "DEFAULT_ROW",
    "PARTITIONS",
    "erdi",
    "exchange",
    "exchange_partition",
    "exchange_tables",
    "north_south_groups",
    "read_partition",
]

#: Named North/South partitions of :func:`exchange_partition` (or a CSV file).
PARTITIONS = ("north-south", "position", "blocs")


def exchange_tables(ctx: DataContext, years: list[int] | None = None) -> list[Any]:
    """MRIO tables with ``labour_hours`` and ``value_added`` satellites, per year.

    Real data: the WIOD 2013 tables with the labour account of
    :func:`worldsystem.panels.mrio`; example world: its single MRIO.
    """
    wanted = mrio_years(ctx, years)
    return [mrio_table(ctx, y) for y in progress.track(wanted, "MRIO tables", detail=str)]


def north_south_groups(ctx: DataContext, iso3: list[str], year: int) -> pd.DataFrame:
    """``iso3, group``: the IMF advanced economies of ``year`` are the North
    (Hickel et al. 2022), every other code (the WIOD rest of the world too) the
    South. On the example world the advanced economies are its planted core."""
    north = ctx.backend.member_mask(iso3, "IMF_ADVANCED", np.full(len(iso3), int(year)))
    return pd.DataFrame({"iso3": list(iso3), "group": np.where(north, "North", "South")})


def exchange_partition(
    ctx: DataContext, iso3: list[str], year: int, partition: str
) -> pd.DataFrame:
    """``iso3, group`` with groups ``North``/``South`` for a partition name or file.

    - ``north-south``: :func:`north_south_groups`;
    - ``position``: the consensus core of the position measures is the North;
    - ``blocs``: countries at least halfway from the China-Russia midpoint to the US
      on the UN ideal-point axis (the five sessions up to ``year``, at most 2019)
      are the North (the US-led bloc);
    - a CSV file with ``iso3, group`` (and optionally ``year``), groups named
      ``North`` and ``South``.
    """
    if partition == "north-south":
        return north_south_groups(ctx, iso3, year)
    if partition == "position":
        from worldsystem.measures import position as pos

        res = position(ctx, years=[min(year, 2014)])
        cons = pos.position_ensemble(res).set_index("iso3")["zone"]
        groups = ["North" if cons.get(i) == "core" else "South" for i in iso3]
        return pd.DataFrame({"iso3": iso3, "group": groups})
    if partition == "blocs":
        y = min(year, 2019)
        sub = ctx.with_years((y - 5, y))
        ip = ctx.memo(f"exchange:blocs-ideal-points:{y - 5}-{y}", lambda: ideal_points(sub))
        ip = ip[ip["year"] == ip["year"].max()].set_index("iso3")["ideal_point"]
        us, cn, ru = poles(ctx)
        mid = (ip.get(cn) + ip.get(ru)) / 2
        axis = (ip - mid) / (ip.get(us) - mid)
        groups = ["North" if axis.get(i, -1) >= 0.5 else "South" for i in iso3]
        return pd.DataFrame({"iso3": iso3, "group": groups})
    path = Path(partition)
    if not path.is_file():
        raise WorldsystemError(
            "unknown partition",
            field="partition",
            value=partition,
            hint="use " + ", ".join(PARTITIONS) + " or a CSV file with iso3,group",
        )
    f = read_partition(path)
    if "year" in f.columns:
        f = f[f["year"] == year]
    dup = f.loc[f["iso3"].duplicated(), "iso3"]
    if len(dup):
        raise WorldsystemError(
            f"the partition lists a country twice{' in ' + str(year) if 'year' in f else ''}",
            file=path,
            field="iso3",
            value=dup.iloc[0],
        )
    grp = f.set_index("iso3")["group"]
    default = grp.get(DEFAULT_ROW)
    missing = [i for i in iso3 if i not in grp.index]
    if missing and default is None:
        shown = ", ".join(missing[:12]) + (", ..." if len(missing) > 12 else "")
        raise WorldsystemError(
            f"the partition does not place {len(missing)} of the {len(iso3)} countries of "
            f"the {year} table: {shown}",
            file=path,
            field="iso3",
            hint=f"add a row iso3,North or iso3,South for each, or a row {DEFAULT_ROW},South "
            "for every country not listed",
        )
    return pd.DataFrame({"iso3": iso3, "group": [grp.get(i, default) for i in iso3]})


#: The ``iso3`` of a partition-file row that gives the group of every unlisted country.
DEFAULT_ROW = "*"


def read_partition(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read and check a partition file: ``iso3, group`` (and optionally ``year``).

    ``group`` is ``North`` or ``South``. Every country of a table must be placed:
    a country the file does not list is an error naming it, unless a row with
    ``iso3`` ``*`` gives the group of every country not listed. Checked without
    any other data, so the command line can refuse a bad file at once.
    """
    from worldsystem.sources.base import read_csv

    path = Path(path)
    f = read_csv(path, required=["iso3", "group"])
    bad = sorted(set(f["group"]) - {"North", "South"}, key=str)
    if bad:
        raise WorldsystemError(
            "partition groups must be North or South", file=path, field="group", value=bad[0]
        )
    if f.empty:
        raise WorldsystemError("the partition file has no rows", file=path, field="iso3")
    return f


def exchange(
    ctx: DataContext,
    *,
    partition: str = "north-south",
    basis: str = "northern",
    years: list[int] | None = None,
    scheduler: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Embodied labour and value added in trade, valued in a price basis.

    ``scheduler`` (None, ``"local"`` or ``"tcp://host:port"``) computes the
    embodied flows of the year tables on Dask (:mod:`worldsystem.workflows.parallel`),
    with the same result as in process.

    Returns ``(country_years, bilateral)``: the per country-year table
    (``iso3, year, hours_exported, hours_imported, net_hours,
    value_added_exported_musd, value_added_imported_musd, net_transfer_musd,
    basis, group, wage_source, group_note`` and more) and the bilateral ``iso3_o,
    iso3_d, year, hours, value_added_musd`` flows. Wages
    (:func:`worldsystem.measures.exchange.wage_proxy`) are labour compensation per
    hour where the table has a ``compensation`` satellite (GLORIA, EXIOBASE,
    Eora26); otherwise (the WIOD 2013 world tables here, without the
    Socio-Economic Accounts) labour share x value added per hour, with PWT
    ``labsh`` (the year's median where PWT has none, e.g. the WIOD rest of the
    world; the example world plants ``labsh = 1``, so its wage is value added per
    hour). ``wage_source`` says which. ``group_note`` labels the WIOD rest of the
    world (:data:`worldsystem.measures.exchange.ROW_NOTE`): it holds Norway,
    Switzerland, Israel, Singapore, Hong Kong and New Zealand, yet is counted as
    South.
    """
    from worldsystem.measures import exchange as ex
    from worldsystem.workflows import parallel

    scheduler = parallel.check_scheduler(scheduler)  # before any data is read
    pwt = ctx.load("pwt")
    labsh = pwt[["iso3", "year", "labsh"]]
    rows, bil = [], []
    # the WIOD 2013 rest of the world holds advanced economies; other tables' rest of
    # the world is their own residual aggregate
    row_note = (
        ex.ROW_NOTE
        if ctx.mrio_source == "wiod2013"
        else f"rest of the world of {ctx.mrio_source}: a residual aggregate, counted as South"
    )
    tables = exchange_tables(ctx, years)
    # the embodied flows of each year's table are independent: year batches (Dask)
    flows_by_year = parallel.map_tasks(
        _table_flows, tables, scheduler=scheduler, label="embodied flows, by year"
    )
    for table, (e, b) in zip(tables, flows_by_year, strict=True):
        year = int(e["year"].iloc[0])
        R, S = table.n_regions, table.n_sectors
        w = pd.DataFrame(
            {
                "iso3": e["iso3"],
                "year": year,
                "value_added_musd": table.satellites["value_added"].reshape(R, S).sum(axis=1),
                "hours": table.satellites["labour_hours"].reshape(R, S).sum(axis=1),
            }
        )
        w["labsh"] = _labour_share(w, labsh, year)
        comp_col = None
        if "compensation" in table.satellites:
            # the table's own compensation of employees: the wage is compensation per hour
            comp_col = "compensation_musd"
            w[comp_col] = table.satellites["compensation"].reshape(R, S).sum(axis=1)
        w = ex.wage_proxy(w, compensation_col=comp_col)
        groups = exchange_partition(ctx, list(e["iso3"]), year, partition)
        v = ex.value_labour_flows(e, w, basis=basis, groups=groups)
        v = v.merge(groups, on="iso3", how="left")
        v = v.merge(w[["iso3", "wage_source"]], on="iso3", how="left")
        v["group_note"] = np.where(ex._pseudo(v["iso3"]), row_note, "")
        rows.append(v)
        bil.append(b)
    out = pd.concat(rows, ignore_index=True)
    carry(out, *rows)
    bilateral = pd.concat(bil, ignore_index=True)
    carry(bilateral, *bil)
    # the tables' own provenance (WIOD files and checksums, labour accounts) too
    attach(out, merged(out, labsh).merge(*(t.provenance for t in tables)))
    attach(bilateral, merged(bilateral).merge(*(t.provenance for t in tables)))
    if out["group_note"].astype(bool).any():
        attach(out, get(out).with_note(row_note))
    return out, bilateral


def _table_flows(table: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-region embodied exchange and bilateral flows of one table (a Dask task)."""
    from worldsystem import mrio
    from worldsystem.measures import exchange as ex

    flows = mrio.embodied_flows(table, ("labour_hours", "value_added"))
    return ex.embodied_exchange(table, flows=flows), ex.bilateral_flows(table, flows=flows)


def _labour_share(w: pd.DataFrame, labsh: pd.DataFrame, year: int) -> np.ndarray:
    """PWT 10.01 ``labsh`` per region of ``w`` for the wage proxy.

    The labour share of the year (of PWT's last year, 2019, for later tables), the
    year's median where PWT has no figure (e.g. the WIOD rest of the world). Tables
    with their own compensation of employees (EXIOBASE, GLORIA, Eora26) use it
    instead, through the ``compensation_col`` of
    :func:`worldsystem.measures.exchange.wage_proxy`, the one place where the wage
    formula is chosen.
    """
    have = labsh.dropna(subset=["labsh"])
    y = min(int(year), int(have["year"].max()))
    ls = have[have["year"] == y].set_index("iso3")["labsh"]
    return w["iso3"].map(ls).fillna(ls.median()).to_numpy()


def erdi(ctx: DataContext) -> pd.DataFrame:
    """Köhler's exchange-rate deviation and the transfer on exports to the North.

    For every country-year with PWT 10.01 price levels (1950-2019) and COW trade
    (to 2014): ERDI = 1 / price level relative to the reference (the first pole,
    the US); exports to the IMF advanced economies of that year from COW trade
    (current USD million); GDP at exchange rates = ``cgdpo x pl_gdpo`` (USD
    million). ``group`` is the exporter's (North = IMF advanced economies) and
    ``south_to_north_total_musd`` is Köhler's aggregate for the year, the transfer
    summed over the Southern exporters only
    (:func:`worldsystem.measures.exchange.erdi_south_to_north`): do not sum the
    ``transfer_musd`` column, which has Northern rows too.
    """
    from worldsystem.measures import exchange as ex

    ctx.require("pwt", "cow_trade")
    pwt = ctx.load("pwt")
    f = pwt[["iso3", "year"]].assign(pl=pwt["pl_gdpo"], gdp_xr_musd=pwt["cgdpo"] * pwt["pl_gdpo"])
    f = carry(f.dropna(subset=["pl"]), pwt)
    trade = ctx.load("cow_trade")
    tr = trade[["iso3_o", "iso3_d", "year"]].assign(flow=trade["flow_musd_current"])
    north = ctx.backend.member_mask(tr["iso3_d"].to_numpy(), "IMF_ADVANCED", tr["year"].to_numpy())
    xn = (
        tr[north]
        .groupby(["iso3_o", "year"], as_index=False)["flow"]
        .sum()
        .rename(columns={"iso3_o": "iso3", "flow": "exports_north_musd"})
    )
    f = f.merge(xn, on=["iso3", "year"], how="inner")
    carry(f, tr)
    f = restrict_years(f, ctx.years)
    e = ex.erdi(f, price_level_col="pl", reference=poles(ctx)[0])
    t = ex.erdi_transfer(e, exports_col="exports_north_musd", gdp_col="gdp_xr_musd")
    is_north = ctx.backend.member_mask(t["iso3"].to_numpy(), "IMF_ADVANCED", t["year"].to_numpy())
    t["group"] = np.where(is_north, "North", "South")
    total = ex.erdi_south_to_north(t)
    t = t.merge(
        total[["year", "transfer_south_north_musd"]].rename(
            columns={"transfer_south_north_musd": "south_to_north_total_musd"}
        ),
        on="year",
        how="left",
    )
    cols = [
        "iso3",
        "year",
        "erdi",
        "transfer_musd",
        "transfer_share_gdp",
        "exports_north_musd",
        "gdp_xr_musd",
        "group",
        "south_to_north_total_musd",
    ]
    out = carry(t[cols].reset_index(drop=True), t, total)
    attach(
        out,
        get(out).with_note(
            "south_to_north_total_musd: Köhler's aggregate, the sum of transfer_musd over "
            "the Southern (not IMF-advanced) exporters of the year; Northern rows are not "
            "in it"
        ),
    )
    return _note_missing_north(ctx, out)


def _note_missing_north(ctx: DataContext, out: pd.DataFrame) -> pd.DataFrame:
    """Name the Northern importers the COW dyadic file barely holds in the years of
    ``out``: exports to the North, and so the transfer, are understated there."""
    from worldsystem.workflows.inputs import incomplete_trade, named_spans

    low = incomplete_trade(ctx)
    low = low[low["year"].isin(out["year"].unique())]
    if low.empty:
        return out
    north = ctx.backend.member_mask(low["iso3"].to_numpy(), "IMF_ADVANCED", low["year"].to_numpy())
    low = low[north]
    if low.empty:
        return out
    named = named_spans(low.sort_values(["iso3", "year"]))
    return attach(
        out,
        get(out).with_note(
            "exports to the North are understated where the COW dyadic file holds under "
            f"half of a Northern importer's national imports ({named}), and the transfers "
            "with them"
        ),
    )
