"""The long indicator table with within-year ranks and statuses.

Step 2 of :mod:`worldsystem.measures.imperialism`: :func:`indicator_table`
stacks every indicator the inputs allow, and the registry's unsupported ones,
into ``iso3, year, feature, indicator, value, unit, rank, status``.

References
----------
Lenin, V.I. (1916/1917). *Imperialism, the Highest Stage of Capitalism*, ch. 4
(export of capital) and ch. 7 (the five features).

Starrs, S. (2013). American Economic Power Hasn't Declined - It Globalized!
*International Studies Quarterly* 57(4):817-830. doi:10.1111/isqu.12053.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core import provenance as prov
from worldsystem.core.errors import WorldsystemError
from worldsystem.measures import dependence as dep
from worldsystem.measures.imperialism.features import (
    _check_cy,
    _col,
    capital_export,
    economic_weight,
    military_reach,
    territorial_reach,
)
from worldsystem.measures.imperialism.registry import _BY_ID, _REGISTRY, US_ONLY_STATUS

__all__ = [
    "indicator_table",
]


def _rank_desc(values: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = largest, ties share the best rank) within years; NaN kept."""
    s = pd.Series(values)
    return s.groupby(years).rank(ascending=False, method="min").to_numpy()


def _select_years(cy: pd.DataFrame, years: Iterable[int]) -> pd.DataFrame:
    """Rows of ``cy`` in ``years``; a clear error when none is (with ``cy``'s own years)."""
    wanted = sorted({int(y) for y in years})
    out = cy.loc[cy["year"].isin(wanted)].reset_index(drop=True)
    if out.empty:
        asked = f"{wanted[0]}-{wanted[-1]}" if wanted else "(none)"
        covers = (
            f"the data covers {int(cy['year'].min())}-{int(cy['year'].max())}"
            if len(cy)
            else "the country-year frame has no rows"
        )
        raise WorldsystemError(f"no data in years {asked}", field="years", value=asked, hint=covers)
    return out


def indicator_table(
    cy: pd.DataFrame,
    *,
    trade: pd.DataFrame | None = None,
    arms: pd.DataFrame | None = None,
    participants: pd.DataFrame | None = None,
    us_troops: pd.DataFrame | None = None,
    us_bases: pd.DataFrame | None = None,
    drain: pd.DataFrame | None = None,
    years: Iterable[int] | None = None,
    bases_year: int = 2015,
    include_unsupported: bool = True,
    columns: Mapping[str, str] | None = None,
    trade_columns: Mapping[str, str] | None = None,
    fdi_window: int = 5,
) -> pd.DataFrame:
    """All imperialism indicators the inputs allow, in long form, with within-year ranks.

    Calls :func:`capital_export` (when ``cy`` has the FDI columns),
    :func:`economic_weight`, :func:`territorial_reach` (with ``trade``) and
    :func:`military_reach`, plus the dependence indicators ``trade_openness``
    and ``supplier_hhi`` (with ``trade`` and GDP). An indicator whose input is
    not given is omitted (a provenance note lists them).

    Ranking: for an indicator with direction :math:`d \\in \\{+1, -1\\}`, rank 1
    is the largest :math:`d \\cdot v` among the countries with a value that year;
    ties share the best rank (competition ranking "1224"). Indicators with
    direction 0 and rows without a value have no rank.

    Status: ``"ok"`` (value present), ``"missing"`` (the country has no value
    that year), ``"not covered: ..."`` (US-only series for other countries) or
    ``"not supported by the bundled data: needs ..."`` (registry entries the
    data cannot support: one row per country-year with a missing value, when
    ``include_unsupported``).

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame; its rows define the countries and years.
    trade, arms, participants, us_troops, us_bases, drain : pandas.DataFrame, optional
        See :func:`economic_weight`, :func:`military_reach`, :func:`capital_export`.
    fdi_window : int
        Years of the FDI means of :func:`capital_export` (default 5; 1 = one year's
        flows).
    years : iterable of int, optional
        Years to report (all years of ``cy`` by default). The FDI means read the
        ``fdi_window - 1`` years of ``cy`` before the first of them too, so a
        one-year selection gets the same FDI values as the whole panel.
    bases_year : int
        Year of Vine's bases snapshot.
    include_unsupported : bool
        Emit the rows of unsupported indicators.
    columns, trade_columns : mapping, optional
        Column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, feature, indicator, value, unit, rank, status`` (``rank`` is
        nullable Int64), sorted by indicator order of the registry, year and iso3.
    """
    cy = _check_cy(cy)
    cy_fdi = cy  # the FDI means also read the years before the first one asked for
    notes: list[str] = []
    if years is not None:
        cy_all, cy = cy, _select_years(cy, years)
        first, last = int(cy["year"].min()), int(cy["year"].max())
        start = first - (int(fdi_window) - 1)
        cy_fdi = cy_all.loc[(cy_all["year"] >= start) & (cy_all["year"] <= last)]
        cy_fdi = cy_fdi.reset_index(drop=True)
        if fdi_window > 1:
            notes.append(
                f"FDI indicators: {fdi_window}-year trailing means read years {start}-{last} "
                f"for the years {first}-{last} reported"
            )
    keys = cy[["iso3", "year"]]
    parts: list[pd.DataFrame] = []
    inputs = [cy] + [
        f for f in (trade, arms, participants, us_troops, us_bases, drain) if f is not None
    ]
    if _col(cy, "fdi_out_pct_gdp", columns) and _col(cy, "fdi_in_pct_gdp", columns):
        with progress.stage("imperialism: capital export"):
            parts.append(capital_export(cy_fdi, drain=drain, columns=columns, window=fdi_window))
    else:
        notes.append("capital export indicators omitted: no FDI columns in cy")
    with progress.stage("imperialism: economic weight"):
        parts.append(economic_weight(cy, trade, columns=columns, trade_columns=trade_columns))
    if trade is not None:
        with progress.stage("imperialism: territorial reach"):
            parts.append(territorial_reach(cy, trade, trade_columns=trade_columns))
        with progress.stage("imperialism: supplier concentration"):
            conc = dep.supplier_concentration(trade, columns=trade_columns)
        parts.append(
            keys.merge(conc[["iso3", "year", "hhi"]], on=["iso3", "year"], how="left").rename(
                columns={"hhi": "supplier_hhi"}
            )
        )
        g = _col(cy, "gdp_usd", columns)
        if g is not None:
            with progress.stage("imperialism: trade openness"):
                op = dep.trade_openness(trade, cy, gdp_col=g, columns=trade_columns)
            parts.append(
                keys.merge(
                    op[["iso3", "year", "openness"]], on=["iso3", "year"], how="left"
                ).rename(columns={"openness": "trade_openness"})
            )
    else:
        notes.append("trade indicators omitted: no trade frame given")
    with progress.stage("imperialism: military reach"):
        parts.append(
            military_reach(
                cy,
                arms,
                participants,
                us_troops=us_troops,
                us_bases=us_bases,
                bases_year=bases_year,
                columns=columns,
            )
        )
    wide = keys.copy()
    for p in parts:
        vals = [c for c in p.columns if c in _BY_ID and c not in wide.columns]
        wide = wide.merge(p[["iso3", "year", *vals]], on=["iso3", "year"], how="left")
    long_parts = []
    iso = wide["iso3"].to_numpy()
    yr = wide["year"].to_numpy()
    for ind in _REGISTRY:
        if ind.id in wide.columns:
            v = wide[ind.id].to_numpy(dtype="float64", na_value=np.nan)
            status = np.where(np.isnan(v), "missing", "ok").astype(object)
            if ind.id in ("us_troops_abroad", "us_bases_abroad"):
                status[iso != "USA"] = US_ONLY_STATUS
                if ind.id == "us_bases_abroad":
                    status[(iso == "USA") & (yr != bases_year)] = (
                        f"not covered: Vine's list is a {bases_year} snapshot"
                    )
            rank = (
                _rank_desc(ind.direction * v, yr) if ind.direction != 0 else np.full(len(v), np.nan)
            )
        elif not ind.supported and include_unsupported:
            v = np.full(len(wide), np.nan)
            status = np.full(len(wide), ind.status(), dtype=object)
            rank = np.full(len(wide), np.nan)
        else:
            if ind.supported:
                notes.append(f"{ind.id} not computed: its input was not given")
            continue
        long_parts.append(
            pd.DataFrame(
                {
                    "iso3": iso,
                    "year": yr,
                    "feature": ind.feature,
                    "indicator": ind.id,
                    "value": v,
                    "unit": ind.unit,
                    "rank": rank,
                    "status": status,
                }
            )
        )
    out = pd.concat(long_parts, ignore_index=True)
    out["rank"] = pd.array(out["rank"].to_numpy(), dtype="Float64").astype("Int64")
    p = prov.merged(*inputs)
    for n in notes:
        p = p.with_note(n)
    prov.attach(
        out,
        p.with_method(
            "indicator_table",
            {
                "bases_year": bases_year,
                "include_unsupported": include_unsupported,
                "fdi_window": int(fdi_window),
            },
            ("lenin1916imperialism", "starrs2013american"),
        ),
    )
    return out
