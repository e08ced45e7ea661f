"""Who supplies a country's imports of one product, from an MRIO table.

Imports of product ``sector`` by ``country`` are the deliveries from every other
region's ``sector`` row to the country's industries (``Z``) and final users
(``Y``), in the table's unit (USD million, current). Used by ``worldsystem
dependence --mrio`` and the claims on energy dependence (12a, 12b).

A product code is the table's own (``c2`` on WIOD, ``B05_06`` on ICIO) or a WIOD
code that is a whole GGDC group (``c2`` = mining, ``c17`` = utilities), which on
another database means every sector of that group
(:func:`worldsystem.panels.mrio_sources.sector_groups`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import attach
from worldsystem.workflows.context import DataContext
from worldsystem.workflows.inputs import mrio_table, mrio_years

__all__ = ["product_imports", "product_positions", "supply_dependence"]


def product_positions(source: str, sector: str, sectors: list[str]) -> list[int]:
    """Positions in ``sectors`` of product ``sector`` (see the module docstring).

    Raises
    ------
    WorldsystemError
        The code is neither a sector of the table nor a WIOD code that is a whole
        group with a counterpart there.
    """
    if sector in sectors:
        return [sectors.index(sector)]
    from worldsystem.panels.mrio_sources import sector_groups
    from worldsystem.panels.wiod import GGDC_OF_SECTOR

    group = GGDC_OF_SECTOR.get(sector)
    if group is not None and list(GGDC_OF_SECTOR.values()).count(group) == 1:
        try:
            target = sector_groups(source, sectors)
        except WorldsystemError:
            target = {}
        rows = [k for k, s in enumerate(sectors) if target.get(s) == group]
        if rows:
            return rows
    raise WorldsystemError(
        "no such product in the table",
        field="sector",
        value=sector,
        hint=f"use a sector of the {source} table ({', '.join(sectors[:4])}, ...) or a WIOD "
        "code that is a whole group (c1, c2, c17, c18)",
    )


def product_imports(ctx: DataContext, *, country: str, sector: str, year: int) -> pd.DataFrame:
    """Suppliers of ``country``'s use of product ``sector`` in the ``year`` table.

    Returns
    -------
    DataFrame
        One row per region: ``supplier, use_musd, share`` (of the imports, the
        country's own row excluded: its ``share`` is NaN), ``rank`` among
        supplying countries (1 = largest; named rest-of-world regions such as
        ``ROW`` count in the total but get no rank), ``year``, ``sector``; sorted
        by ``use_musd``, the country's own row first. ``attrs`` carry the
        table's provenance.

    Raises
    ------
    WorldsystemError
        ``country`` is not a region of the table (field ``country``), or an
        unknown product.
    """
    m = mrio_table(ctx, year, labour=False)
    regions, sectors = list(m.regions), list(m.sectors)
    if country not in regions:
        raise WorldsystemError(
            "country is not a region of the MRIO table",
            field="country",
            value=country,
            hint=f"the {ctx.mrio_source} table has {', '.join(regions[:6])}, ...",
        )
    R, S = len(regions), len(sectors)
    Z, Y = np.asarray(m.Z), np.asarray(m.Y)
    n_fd = Y.shape[1] // R
    c = regions.index(country)
    ks = product_positions(ctx.mrio_source, sector, sectors)
    rows = np.array([r * S + k for r in range(R) for k in ks])
    use = Z[rows][:, c * S : (c + 1) * S].sum(axis=1) + Y[rows][:, c * n_fd : (c + 1) * n_fd].sum(
        axis=1
    )
    use = use.reshape(R, len(ks)).sum(axis=1)
    out = pd.DataFrame({"supplier": regions, "use_musd": use})
    imported = out["supplier"] != country
    total = float(out.loc[imported, "use_musd"].sum())
    out["share"] = np.where(imported, out["use_musd"] / total if total > 0 else np.nan, np.nan)
    named = set(_named_regions(ctx.mrio_source))
    ranked = out[imported & ~out["supplier"].isin(named)].sort_values("use_musd", ascending=False)
    out["rank"] = (
        out["supplier"]
        .map(dict(zip(ranked["supplier"], range(1, len(ranked) + 1), strict=True)))
        .astype("Int64")
    )
    out = out.assign(year=int(year), sector=sector)
    out = pd.concat(
        [out[~imported], out[imported].sort_values("use_musd", ascending=False)],
        ignore_index=True,
    )
    return attach(out, m.provenance.with_method(
        "workflows.product_imports",
        {"country": country, "sector": sector, "year": int(year), "mrio": ctx.mrio_source},
    ))  # fmt: skip


def _named_regions(source: str) -> tuple[str, ...]:
    """Regions of a database that are aggregates, not countries."""
    from worldsystem.sources import catalogue

    if source in catalogue.MRIO_SOURCE_IDS:
        mod = catalogue.module(source)
        return (*getattr(mod, "NAMED_REGIONS", {}), "ROW")
    return ("ROW",)


def supply_dependence(ctx: DataContext, *, country: str, on: str, sector: str) -> pd.DataFrame:
    """``country``'s dependence on partner(s) ``on`` for product ``sector``, per MRIO year.

    Returns
    -------
    DataFrame
        ``iso3, partner, year, sector, imports_musd, partner_musd, import_share,
        partner_rank, top_supplier, domestic_musd`` (``partner_rank`` for a
        single partner; ``import_share`` = the partners' share of the imports).
    """
    partners = [p.strip().upper() for p in on.split(",") if p.strip()]
    rows = []
    frames = []
    for year in mrio_years(ctx):
        t = product_imports(ctx, country=country, sector=sector, year=year)
        frames.append(t)
        absent = [p for p in partners if p not in set(t["supplier"])]
        if absent:
            raise WorldsystemError(
                "partner is not a region of the MRIO table", field="on", value=absent[0]
            )
        imp = t[t["supplier"] != country]
        sel = imp[imp["supplier"].isin(partners)]
        ranked = imp.dropna(subset=["rank"])
        rows.append(
            {
                "iso3": country,
                "partner": ",".join(partners),
                "year": year,
                "sector": sector,
                "imports_musd": float(imp["use_musd"].sum()),
                "partner_musd": float(sel["use_musd"].sum()),
                "import_share": float(sel["share"].sum()),
                "partner_rank": int(sel["rank"].iloc[0])
                if len(partners) == 1 and pd.notna(sel["rank"].iloc[0])
                else pd.NA,
                "top_supplier": ranked["supplier"].iloc[0] if len(ranked) else None,
                "domestic_musd": float(t.loc[t["supplier"] == country, "use_musd"].sum()),
            }
        )
    out = pd.DataFrame(rows)
    out["partner_rank"] = out["partner_rank"].astype("Int64")
    from worldsystem.core.provenance import carry

    return carry(out, *frames)
