"""Imperialism indicators: Lenin's five features and military reach, operationalised.

Lenin (1916, ch. 7) lists five features of imperialism: (1) monopolies formed by
the concentration of production and capital; (2) the merging of bank and
industrial capital into finance capital; (3) the export of capital, as distinct
from the export of commodities; (4) international monopolist associations that
divide the world among themselves; (5) the completed territorial division of the
world among the great powers. The seeds add military reach (warheads, bases
abroad, arms exports) and the share of the world economy.

This module turns each feature into the indicators the bundled data allow, each
documented by an :class:`Indicator` in the registry (:func:`indicators`). Where
the bundled data cannot support an operationalisation from the literature (e.g.
Starrs' (2013) profit shares of the Forbes Global 2000), the registry holds its
specification and the dataset it needs, and :func:`indicator_table` emits rows
with a missing value and ``status = "not supported by the bundled data: needs
..."``. Nothing is imputed.

Pipeline
--------
1. :func:`capital_export`, :func:`economic_weight`, :func:`territorial_reach` and
   :func:`military_reach` compute wide country-year frames of indicators.
2. :func:`indicator_table` stacks them into the long table ``iso3, year, feature,
   indicator, value, unit, rank, status`` (rank 1 = most imperialist-like among
   the countries with data that year, ties share the best rank).
3. :func:`composite` combines indicators with explicit weights after a
   within-year normalisation; :func:`rank_sensitivity` re-ranks under many
   Dirichlet weight draws, so users can see whether a ranking depends on weights.

Input frames (column names through ``columns=``)
-------------------------------------------------
- country-year ``cy``: ``iso3, year`` and, as available, ``gdp_usd`` (GDP,
  million current USD), ``gdp_ppp`` (GDP at PPP, any constant unit),
  ``fdi_out_pct_gdp`` / ``fdi_in_pct_gdp`` (FDI net outflows / inflows, % of GDP,
  WDI), ``milex_usd`` (military expenditure, million current USD, SIPRI),
  ``warheads`` (FAS stockpile estimates). The rows of ``cy`` define the universe of
  countries for each year (region or world aggregates must not be included);
- trade dyads ``iso3_o, iso3_d, year, flow_musd_current`` (see
  :mod:`worldsystem.measures.dependence`);
- arms dyads ``iso3_o, iso3_d, year, tiv`` (``tiv_millions`` is accepted);
- UCDP/PRIO participants ``conflict_id, year, side, iso3, type_of_conflict``;
- US troops by host ``iso3, year, troops_ad`` and Vine's US bases list ``iso3``.

References
----------
Lenin, V.I. (1916/1917). *Imperialism, the Highest Stage of Capitalism*, ch. 4
(export of capital) and ch. 7 (the five features).

Hobson, J.A. (1902). *Imperialism: A Study*. London: James Nisbet.

Starrs, S. (2013). American Economic Power Hasn't Declined - It Globalized!
*International Studies Quarterly* 57(4):817-830. doi:10.1111/isqu.12053.

Brown, A.J. (1949); Kojima, K. (1964): trade intensity (see
:mod:`worldsystem.measures.dependence`).

Hirschman, A.O. (1945). *National Power and the Structure of Foreign Trade*.

SIPRI (2021). Military Expenditure Database; SIPRI (2022). Arms Transfers
Database, https://www.sipri.org.

Kristensen, H.M., Korda, M. Nuclear Notebook, FAS / *Bulletin of the Atomic
Scientists*.

Allen, M.A., Flynn, M.E., Machain, C.M., Stravers, A. (2022). Global U.S.
military deployment data: 1950-2020. *Conflict Management and Peace Science*
39(3):351-370. doi:10.1177/07388942211030885.

Vine, D. (2015). *Base Nation*. New York: Metropolitan Books.

Gleditsch, N.P., Wallensteen, P., Eriksson, M., Sollenberg, M., Strand, H.
(2002). Armed Conflict 1946-2001: A New Dataset. *Journal of Peace Research*
39(5):615-637. doi:10.1177/0022343302039005007.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.schema import check_numeric, check_unique, require_columns
from worldsystem.measures import dependence as dep

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "Indicator",
    "capital_export",
    "composite",
    "economic_weight",
    "get_indicator",
    "indicator_table",
    "indicators",
    "military_reach",
    "rank_sensitivity",
    "registry_table",
    "territorial_reach",
]

#: Lenin's five features (1916, ch. 7) plus the seeds' military reach, economic
#: weight and dependence.
FEATURES: tuple[str, ...] = (
    "monopoly",
    "finance_capital",
    "capital_export",
    "division_among_associations",
    "territorial_division",
    "military",
    "economic_weight",
    "dependence",
)

UNSUPPORTED_PREFIX = "not supported by the bundled data: needs "
US_ONLY_STATUS = (
    "not covered: US deployments and bases only (troopdata, Vine 2015); other states' "
    "troops and bases abroad need e.g. IISS The Military Balance deployment tables"
)


@dataclass(frozen=True)
class Indicator:
    """One operationalisation of a feature of imperialism.

    Attributes
    ----------
    id : str
        Short identifier, the ``indicator`` value in the tables.
    feature : str
        One of :data:`FEATURES`.
    name : str
        Human-readable name.
    unit : str
        Unit of the value.
    direction : int
        +1 when a higher value is more imperialist-like, -1 when lower is, 0 when
        the indicator has no such direction (not ranked, not in composites).
    sources : tuple of str
        Dataset ids (catalogue) the value comes from.
    citation : str
        The literature the operationalisation comes from.
    supported : bool
        Whether the bundled data support it.
    needs : str
        For unsupported indicators: the specification and the dataset needed.
    formula : str
        The formula in words / LaTeX-like notation.
    """

    id: str
    feature: str
    name: str
    unit: str
    direction: int
    sources: tuple[str, ...]
    citation: str
    supported: bool = True
    needs: str = ""
    formula: str = ""

    def status(self) -> str:
        """``"ok"`` for supported indicators, else the 'not supported' message."""
        return "ok" if self.supported else UNSUPPORTED_PREFIX + self.needs


_LENIN = "Lenin (1916) ch. 7"
_REGISTRY: tuple[Indicator, ...] = (
    # --- monopoly -----------------------------------------------------------
    Indicator(
        "forbes_profit_share",
        "monopoly",
        "Share of Forbes Global 2000 profits",
        "fraction",
        1,
        (),
        f"Starrs (2013) ISQ 57(4), doi:10.1111/isqu.12053; {_LENIN}",
        False,
        "Forbes Global 2000 firm lists by year with headquarters country, sector and "
        "profits (Starrs 2013): share of each country's firms in world top-2000 profits",
        "sum of profits of firms headquartered in i / sum of profits of all G2000 firms",
    ),
    Indicator(
        "sector_dominance",
        "monopoly",
        "Sectors led by the country's firms",
        "count",
        1,
        (),
        "Starrs (2013) ISQ 57(4), doi:10.1111/isqu.12053",
        False,
        "Forbes Global 2000 by country and sector (Starrs 2013): number of the 25 sectors "
        "in which firms of country i hold the largest profit share",
        "#{sectors s : i = argmax_j profit share_js}",
    ),
    # --- finance capital ----------------------------------------------------
    Indicator(
        "bank_foreign_claims_share",
        "finance_capital",
        "Share of world banks' foreign claims",
        "fraction",
        1,
        (),
        f"{_LENIN} (finance capital); Hilferding (1910)",
        False,
        "BIS Consolidated Banking Statistics (foreign claims by nationality of reporting "
        "banks, USD): country i's banks' foreign claims over all reporting banks' claims",
        "foreign claims of banks of nationality i / total foreign claims",
    ),
    Indicator(
        "financial_profit_share",
        "finance_capital",
        "Share of world financial-firm profits",
        "fraction",
        1,
        (),
        "Starrs (2013) ISQ 57(4), doi:10.1111/isqu.12053",
        False,
        "Forbes Global 2000 financial sectors (banking, diversified financials, insurance) "
        "by headquarters country and profits",
        "profits of financial firms of i / profits of all financial G2000 firms",
    ),
    # --- capital export -----------------------------------------------------
    Indicator(
        "fdi_out_pct_gdp",
        "capital_export",
        "FDI net outflows",
        "% of GDP",
        1,
        ("gapminder",),
        "Lenin (1916) ch. 4; Hobson (1902); WDI BM.KLT.DINV.WD.GD.ZS",
        formula="FDI net outflows / GDP x 100",
    ),
    Indicator(
        "fdi_in_pct_gdp",
        "capital_export",
        "FDI net inflows",
        "% of GDP",
        -1,
        ("gapminder",),
        "Lenin (1916) ch. 4; WDI BX.KLT.DINV.WD.GD.ZS",
        formula="FDI net inflows / GDP x 100",
    ),
    Indicator(
        "fdi_out_in_ratio",
        "capital_export",
        "FDI outflows over inflows",
        "ratio",
        1,
        ("gapminder",),
        "Lenin (1916) ch. 4; Hobson (1902)",
        formula="fdi_out / fdi_in, defined only when both are positive",
    ),
    Indicator(
        "fdi_net_out_pct_gdp",
        "capital_export",
        "FDI outflows minus inflows",
        "% of GDP",
        1,
        ("gapminder",),
        "Lenin (1916) ch. 4; Hobson (1902)",
        formula="fdi_out - fdi_in (% of GDP)",
    ),
    Indicator(
        "net_appropriation",
        "capital_export",
        "Net appropriation through exchange",
        "unit of the exchange measure (see its provenance)",
        1,
        ("wiod2013",),
        "worldsystem.measures.exchange (unequal exchange / drain); Hickel et al. (2022)",
        formula="value received minus value given in trade, from the exchange measures",
    ),
    Indicator(
        "fdi_stock_out_in",
        "capital_export",
        "Outward over inward FDI stock",
        "ratio",
        1,
        (),
        "Lenin (1916) ch. 4; Hobson (1902)",
        False,
        "UNCTAD World Investment Report annex tables (inward and outward FDI stock by "
        "economy, USD): outward stock / inward stock",
        "outward FDI stock / inward FDI stock",
    ),
    Indicator(
        "net_primary_income_pct_gdp",
        "capital_export",
        "Net primary income from abroad",
        "% of GDP",
        1,
        (),
        "Hobson (1902) ch. 4 (income from foreign investment)",
        False,
        "World Bank WDI BN.GSR.FCTY.CD (net primary income, BoP, current USD) or IMF "
        "Balance of Payments primary income account, with GDP in current USD",
        "net primary income / GDP x 100",
    ),
    # --- division among associations ----------------------------------------
    Indicator(
        "top100_mne_foreign_assets_share",
        "division_among_associations",
        "Share of the top-100 MNEs' foreign assets",
        "fraction",
        1,
        (),
        f"{_LENIN}",
        False,
        "UNCTAD World Investment Report annex 'The world's top 100 non-financial MNEs, "
        "ranked by foreign assets', by home economy and year",
        "foreign assets of top-100 MNEs from i / foreign assets of all top-100 MNEs",
    ),
    # --- territorial division -----------------------------------------------
    Indicator(
        "principal_supplier_count",
        "territorial_division",
        "States for which the country is the largest supplier",
        "count",
        1,
        ("cow_trade",),
        f"Hirschman (1945); {_LENIN}",
        formula="#{i : country = argmax_j import share_ij}",
    ),
    Indicator(
        "bases_abroad_all_states",
        "territorial_division",
        "Military bases abroad (all states)",
        "count",
        1,
        (),
        "Vine (2015); Harkavy (2007) Strategic Basing",
        False,
        "a cross-national dataset of overseas bases and deployments for every state, e.g. "
        "IISS The Military Balance deployment tables coded by host and year",
        "number of foreign host states with a base of country i",
    ),
    # --- military -----------------------------------------------------------
    Indicator(
        "milex_share_world",
        "military",
        "Share of world military expenditure",
        "fraction",
        1,
        ("sipri_milex",),
        "SIPRI Military Expenditure Database (2021)",
        formula="milex_i / sum_j milex_j (current USD)",
    ),
    Indicator(
        "warhead_share_world",
        "military",
        "Share of world nuclear warheads",
        "fraction",
        1,
        ("nuclear",),
        "Kristensen & Korda, FAS Nuclear Notebook",
        formula="warheads_i / sum_j warheads_j",
    ),
    Indicator(
        "arms_export_share_world",
        "military",
        "Share of world arms exports (TIV)",
        "fraction",
        1,
        ("sipri_tiv",),
        "SIPRI Arms Transfers Database (TIV)",
        formula="TIV delivered by i / TIV delivered by all suppliers",
    ),
    Indicator(
        "arms_recipients",
        "military",
        "Number of states receiving arms",
        "count",
        1,
        ("sipri_tiv",),
        "SIPRI Arms Transfers Database (TIV)",
        formula="#{state recipients j with a recorded delivery from i}",
    ),
    Indicator(
        "conflicts_abroad",
        "military",
        "Armed conflicts joined abroad (proxy)",
        "count",
        1,
        ("ucdp",),
        "Gleditsch et al. (2002), doi:10.1177/0022343302039005007",
        formula="#{conflicts: party to an interstate conflict, or secondary party to an "
        "internationalised intrastate conflict}",
    ),
    Indicator(
        "us_troops_abroad",
        "military",
        "US active-duty troops abroad (US only)",
        "persons",
        1,
        ("us_troops",),
        "Allen et al. (2022), doi:10.1177/07388942211030885",
        formula="sum over host countries other than the US of troops_ad",
    ),
    Indicator(
        "us_bases_abroad",
        "military",
        "US overseas military sites (US only, Vine list)",
        "count",
        1,
        ("us_troops",),
        "Vine (2015) Base Nation; Allen et al. (2022)",
        formula="number of sites in Vine's list outside the US (a snapshot, not a series)",
    ),
    # --- economic weight ----------------------------------------------------
    Indicator(
        "gdp_share_world",
        "economic_weight",
        "Share of world GDP (current USD)",
        "fraction",
        1,
        ("imf_weo",),
        "Lenin (1916) ch. 7 (uneven development)",
        formula="GDP_i / sum_j GDP_j (current USD)",
    ),
    Indicator(
        "gdp_ppp_share_world",
        "economic_weight",
        "Share of world GDP (PPP)",
        "fraction",
        1,
        ("gapminder",),
        "Beckley (2018) on size measures",
        formula="GDPppp_i / sum_j GDPppp_j",
    ),
    Indicator(
        "trade_share_world",
        "economic_weight",
        "Share of world trade",
        "fraction",
        1,
        ("cow_trade",),
        "Hirschman (1945)",
        formula="(X_i + M_i) / sum_j (X_j + M_j)",
    ),
    # --- dependence ---------------------------------------------------------
    Indicator(
        "trade_openness",
        "dependence",
        "Trade openness",
        "fraction of GDP",
        0,
        ("cow_trade", "imf_weo"),
        "standard (X+M)/GDP",
        formula="(X_i + M_i) / GDP_i",
    ),
    Indicator(
        "supplier_hhi",
        "dependence",
        "Concentration of import suppliers (HHI)",
        "index 0-1",
        -1,
        ("cow_trade",),
        "Hirschman (1945); Herfindahl (1950)",
        formula="sum_j s_ij^2, s_ij = import share of supplier j",
    ),
)

_BY_ID: dict[str, Indicator] = {ind.id: ind for ind in _REGISTRY}

#: Default composite weights: equal weights over indicators that every country
#: can have (no US-only series, no partner-specific or undirected measures).
DEFAULT_WEIGHTS: dict[str, float] = {
    "gdp_share_world": 1.0,
    "trade_share_world": 1.0,
    "fdi_net_out_pct_gdp": 1.0,
    "principal_supplier_count": 1.0,
    "milex_share_world": 1.0,
    "warhead_share_world": 1.0,
    "arms_export_share_world": 1.0,
    "arms_recipients": 1.0,
    "conflicts_abroad": 1.0,
}

#: Role -> candidate column names in the country-year frame (first present wins);
#: override with ``columns={"role": "column"}``.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "gdp_usd": ("gdp_usd", "gdp_musd_current"),
    "gdp_ppp": ("gdp_ppp",),
    "fdi_out_pct_gdp": ("fdi_out_pct_gdp",),
    "fdi_in_pct_gdp": ("fdi_in_pct_gdp",),
    "milex_usd": ("milex_usd", "milex_musd_current"),
    "warheads": ("warheads",),
    "tiv": ("tiv", "tiv_millions"),
    "troops": ("troops_ad", "troops"),
    "net_appropriation": ("net_appropriation",),
}


def indicators(
    *, feature: str | None = None, supported: bool | None = None
) -> tuple[Indicator, ...]:
    """The indicator registry.

    Parameters
    ----------
    feature : str, optional
        Keep one feature of :data:`FEATURES`.
    supported : bool, optional
        Keep only supported (True) or unsupported (False) indicators.

    Returns
    -------
    tuple of Indicator

    Examples
    --------
    >>> [i.id for i in indicators(feature="monopoly")]
    ['forbes_profit_share', 'sector_dominance']
    """
    if feature is not None and feature not in FEATURES:
        raise WorldsystemError(
            f"unknown feature {feature!r}",
            field="feature",
            value=feature,
            hint=f"use one of {list(FEATURES)}",
        )
    return tuple(
        i
        for i in _REGISTRY
        if (feature is None or i.feature == feature)
        and (supported is None or i.supported == supported)
    )


def get_indicator(indicator_id: str) -> Indicator:
    """The registry entry of ``indicator_id`` (raises :class:`WorldsystemError` if unknown)."""
    try:
        return _BY_ID[indicator_id]
    except KeyError:
        raise WorldsystemError(
            f"unknown indicator {indicator_id!r}",
            field="indicator",
            value=indicator_id,
            hint=f"use one of {sorted(_BY_ID)}",
        ) from None


def registry_table() -> pd.DataFrame:
    """The registry as a frame (for the report's methods appendix).

    Returns
    -------
    pandas.DataFrame
        ``indicator, feature, name, unit, direction, sources, citation, supported,
        needs, formula``.
    """
    rows = [
        {
            "indicator": i.id,
            "feature": i.feature,
            "name": i.name,
            "unit": i.unit,
            "direction": i.direction,
            "sources": ", ".join(i.sources),
            "citation": i.citation,
            "supported": i.supported,
            "needs": i.needs,
            "formula": i.formula,
        }
        for i in _REGISTRY
    ]
    return pd.DataFrame(rows)


# --------------------------------------------------------------------------- helpers


def _col(cy: pd.DataFrame, role: str, columns: Mapping[str, str] | None) -> str | None:
    """Column of ``cy`` playing ``role``: the override, else the first default present."""
    if columns and role in columns:
        name = columns[role]
        require_columns(cy, [name], name="frame")
        return name
    for cand in DEFAULT_COLUMNS.get(role, (role,)):
        if cand in cy.columns:
            return cand
    return None


def _check_cy(cy: pd.DataFrame) -> pd.DataFrame:
    require_columns(cy, ["iso3", "year"], name="cy")
    if cy["iso3"].isna().any():
        raise SchemaError(
            "country-year frame has rows with a missing iso3",
            file="cy",
            field="iso3",
            hint="drop rows without an ISO3 code (aggregates, historical units) first",
        )
    check_unique(cy, ["iso3", "year"], name="cy")
    out = cy.copy()
    out["year"] = out["year"].astype("int64")
    return out


def _world_share(keys: pd.DataFrame, values: pd.Series) -> np.ndarray:
    """values / within-year sum of values (NaN where the value or the total is missing/0)."""
    v = values.to_numpy(dtype="float64", na_value=np.nan)
    tot = pd.Series(v).groupby(keys["year"].to_numpy()).transform(lambda s: s.sum(min_count=1))
    t = tot.to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t > 0, v / t, np.nan)


def _finish(
    out: pd.DataFrame, inputs: list[pd.DataFrame], method: str, params: dict, cites: tuple[str, ...]
) -> pd.DataFrame:
    out = out.sort_values(["year", "iso3"]).reset_index(drop=True)
    prov.carry(out, *inputs)
    prov.attach(out, prov.get(out).with_method(method, params, cites))
    prov.set_units(out, {i: _BY_ID[i].unit for i in out.columns if i in _BY_ID})
    return out


# --------------------------------------------------------------------------- features


def capital_export(
    cy: pd.DataFrame,
    *,
    drain: pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Capital export: FDI outflows against inflows, and net appropriation.

    With :math:`o_{it}` FDI net outflows and :math:`n_{it}` FDI net inflows, both
    in % of GDP (World Bank WDI, via Gapminder):

    .. math::

        \\text{ratio}_{it} = o_{it} / n_{it} \\quad (o_{it} > 0,\\ n_{it} > 0), \\qquad
        \\text{net}_{it} = o_{it} - n_{it}

    The ratio is left missing when either flow is zero or negative (net flows
    can be negative: disinvestment), where it has no meaning; the difference is
    always defined. Lenin (1916, ch. 4) and Hobson (1902) make capital export the
    mark of the imperialist economy; these are flows, not stocks (stocks need
    UNCTAD's tables, see the registry entry ``fdi_stock_out_in``).

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame with the FDI columns (roles ``fdi_out_pct_gdp``,
        ``fdi_in_pct_gdp``).
    drain : pandas.DataFrame, optional
        Net appropriation from :mod:`worldsystem.measures.exchange`: ``iso3,
        year, net_appropriation`` (its unit travels in its ``attrs["units"]``).
        Added as the ``net_appropriation`` column when given.
    columns : mapping, optional
        Role -> column overrides (see :data:`DEFAULT_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, fdi_out_pct_gdp, fdi_in_pct_gdp, fdi_out_in_ratio,
        fdi_net_out_pct_gdp`` (and ``net_appropriation``), one row per row of ``cy``.

    Examples
    --------
    >>> cy = pd.DataFrame({"iso3": ["A"], "year": [2000], "fdi_out_pct_gdp": [3.0],
    ...                    "fdi_in_pct_gdp": [1.5]})
    >>> capital_export(cy)[["fdi_out_in_ratio", "fdi_net_out_pct_gdp"]].iloc[0].tolist()
    [2.0, 1.5]
    """
    cy = _check_cy(cy)
    c_out = _col(cy, "fdi_out_pct_gdp", columns)
    c_in = _col(cy, "fdi_in_pct_gdp", columns)
    if c_out is None or c_in is None:
        raise SchemaError(
            "the country-year frame has no FDI outflow/inflow columns",
            file="cy",
            field="fdi_out_pct_gdp",
            hint="add fdi_out_pct_gdp and fdi_in_pct_gdp (WDI via gapminder) or map them "
            "with columns={'fdi_out_pct_gdp': ..., 'fdi_in_pct_gdp': ...}",
        )
    check_numeric(cy, [c_out, c_in], name="cy")
    o = cy[c_out].to_numpy(dtype="float64", na_value=np.nan)
    n = cy[c_in].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((o > 0) & (n > 0), o / n, np.nan)
    out = pd.DataFrame(
        {
            "iso3": cy["iso3"].to_numpy(),
            "year": cy["year"].to_numpy(),
            "fdi_out_pct_gdp": o,
            "fdi_in_pct_gdp": n,
            "fdi_out_in_ratio": ratio,
            "fdi_net_out_pct_gdp": o - n,
        }
    )
    inputs = [cy]
    if drain is not None:
        dcol = _col(drain, "net_appropriation", columns)
        if dcol is None:
            raise SchemaError(
                "drain frame has no net_appropriation column",
                file="drain",
                field="net_appropriation",
                hint="pass the country-year output of the exchange measures, or map it with "
                "columns={'net_appropriation': ...}",
            )
        require_columns(drain, ["iso3", "year"], name="drain")
        check_unique(drain, ["iso3", "year"], name="drain")
        d = drain[["iso3", "year", dcol]].rename(columns={dcol: "net_appropriation"})
        d = d.assign(year=d["year"].astype("int64"))
        out = out.merge(d, on=["iso3", "year"], how="left")
        inputs.append(drain)
    return _finish(out, inputs, "capital_export", {}, ("lenin1916imperialism", "hobson1902"))


def economic_weight(
    cy: pd.DataFrame,
    trade: pd.DataFrame | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    trade_columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Economic weight: shares of world GDP and of world trade.

    .. math::

        g_{it} = \\frac{Y_{it}}{\\sum_j Y_{jt}}, \\qquad
        \\tau_{it} = \\frac{X_{it} + M_{it}}{\\sum_j (X_{jt} + M_{jt})}

    Y is GDP in current USD (role ``gdp_usd``; ``gdp_ppp`` adds the PPP share),
    summed over the countries of ``cy`` with data that year (the "world" is the
    frame's universe). X and M come from the trade dyads
    (:func:`worldsystem.measures.dependence.trade_totals`); the trade world total
    is over all reporting states, so the trade shares of the countries of ``cy``
    sum to at most 1.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame.
    trade : pandas.DataFrame, optional
        Directed trade dyads; without it ``trade_share_world`` is omitted.
    columns, trade_columns : mapping, optional
        Column overrides of the country-year and trade frames.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year`` and ``gdp_share_world``, ``gdp_ppp_share_world``,
        ``trade_share_world`` (fractions), as the inputs allow.
    """
    cy = _check_cy(cy)
    out = cy[["iso3", "year"]].copy()
    inputs = [cy]
    for role, name in (("gdp_usd", "gdp_share_world"), ("gdp_ppp", "gdp_ppp_share_world")):
        c = _col(cy, role, columns)
        if c is not None:
            check_numeric(cy, [c], name="cy", min_value=0)
            out[name] = _world_share(cy, cy[c])
    if trade is not None:
        tot = dep.trade_totals(trade, columns=trade_columns)
        tt = tot["exports"] + tot["imports"]
        world = tt.groupby(tot["year"]).transform("sum")
        tot = tot.assign(trade_share_world=np.where(world > 0, tt / world, np.nan))
        out = out.merge(tot[["iso3", "year", "trade_share_world"]], on=["iso3", "year"], how="left")
        inputs.append(trade)
    return _finish(out, inputs, "economic_weight", {}, ("lenin1916imperialism",))


def territorial_reach(
    cy: pd.DataFrame,
    trade: pd.DataFrame,
    *,
    trade_columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Economic sphere of influence: states for which a country is the largest supplier.

    .. math::

        P_{it} = \\#\\{ j : i = \\arg\\max_k s_{jkt} \\}

    where :math:`s_{jkt}` is k's share in j's imports
    (:func:`worldsystem.measures.dependence.principal_supplier_counts`).
    Hirschman (1945) reads trade dependence on one supplier as a source of the
    supplier's power; it stands in here for Lenin's fifth feature, the division
    of the world into spheres, which the bundled data cannot measure directly
    (see ``bases_abroad_all_states`` in the registry). Countries of ``cy`` that
    export in the trade data that year and lead no partner get 0; countries
    absent from the trade data are missing.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame (its rows are the universe).
    trade : pandas.DataFrame
        Directed trade dyads.
    trade_columns : mapping, optional
        Trade column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, principal_supplier_count``.
    """
    cy = _check_cy(cy)
    p = dep.principal_supplier_counts(trade, columns=trade_columns)
    out = cy[["iso3", "year"]].merge(p, on=["iso3", "year"], how="left")
    out["principal_supplier_count"] = out["principal_supplier_count"].astype("float64")
    return _finish(out, [cy, trade], "territorial_reach", {}, ("hirschman1945national",))


def military_reach(
    cy: pd.DataFrame,
    arms: pd.DataFrame | None = None,
    participants: pd.DataFrame | None = None,
    *,
    us_troops: pd.DataFrame | None = None,
    us_bases: pd.DataFrame | None = None,
    bases_year: int = 2015,
    warheads_missing_as_zero: bool = True,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Military reach: shares of world military expenditure, warheads and arms exports.

    .. math::

        \\text{milex share}_{it} = \\frac{E_{it}}{\\sum_j E_{jt}}, \\quad
        \\text{warhead share}_{it} = \\frac{W_{it}}{\\sum_j W_{jt}}, \\quad
        \\text{arms share}_{it} = \\frac{\\sum_k T_{ikt}}{\\sum_{j,k} T_{jkt}}

    and :math:`R_{it} = \\#\\{k : (i, k, t) \\text{ in the arms data}\\}`, the number
    of state recipients. E is SIPRI military expenditure in current USD (role
    ``milex_usd``; shares are invariant to the currency unit); W the FAS warhead
    estimates; T SIPRI TIV of deliveries from i to k.

    Conventions (documented, not guessed):

    - The world military-expenditure total is over the countries of ``cy`` with
      a value that year.
    - Warheads: the FAS Nuclear Notebook covers every state known to hold
      nuclear warheads, so with ``warheads_missing_as_zero`` (default) a country
      of ``cy`` without a value holds 0 in years up to the last year with any
      warhead data (later years stay missing).
    - Arms: the world total is every delivery in ``arms`` that year, including
      non-state and unidentified suppliers (SIPRI's world total). A country of
      ``cy`` with no delivery in a year covered by ``arms`` exported 0 TIV to 0
      recipients (the database records all deliveries of major conventional
      weapons). Recipients are counted among state recipients with an ISO3.
    - Conflicts abroad (UCDP/PRIO ACD, Gleditsch et al. 2002): the number of
      distinct conflicts in which the state is a party (any side) to an
      interstate conflict (``type_of_conflict == 2``) or a secondary party
      (``a_2nd``/``b_2nd``) to an internationalised intrastate conflict
      (``type_of_conflict == 4``). The bundled extract has no location column,
      so this is a *proxy* for fighting outside one's territory: it also counts
      a state defending its own territory in an interstate war. 0 in years
      covered by ``participants`` when the state is not listed.
    - US troops abroad (Allen et al. 2022) and US overseas sites (Vine 2015)
      exist for the United States only; other countries' values are missing
      (:func:`indicator_table` marks them "not covered"). Troops exclude those
      stationed in the US itself. Vine's list is a snapshot, so
      ``us_bases_abroad`` is given for ``bases_year`` only.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame (roles ``milex_usd``, ``warheads``).
    arms : pandas.DataFrame, optional
        Arms dyads ``iso3_o, iso3_d, year`` and TIV (role ``tiv``).
    participants : pandas.DataFrame, optional
        UCDP participants ``conflict_id, year, side, iso3, type_of_conflict``.
    us_troops : pandas.DataFrame, optional
        Host-year US troops ``iso3, year`` and role ``troops`` (``troops_ad``).
    us_bases : pandas.DataFrame, optional
        Vine's list with ``iso3`` (host) per site.
    bases_year : int
        The year the bases snapshot is attached to (Vine 2015).
    warheads_missing_as_zero : bool
        See above.
    columns : mapping, optional
        Role -> column overrides (:data:`DEFAULT_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year`` and, as inputs allow, ``milex_share_world,
        warhead_share_world, arms_export_share_world, arms_recipients,
        conflicts_abroad, us_troops_abroad, us_bases_abroad``.
    """
    cy = _check_cy(cy)
    out = cy[["iso3", "year"]].copy()
    inputs = [cy]
    c = _col(cy, "milex_usd", columns)
    if c is not None:
        check_numeric(cy, [c], name="cy", min_value=0)
        out["milex_share_world"] = _world_share(cy, cy[c])
    c = _col(cy, "warheads", columns)
    if c is not None:
        check_numeric(cy, [c], name="cy", min_value=0)
        w = cy[c].astype("float64")
        if warheads_missing_as_zero:
            last = cy.loc[cy[c].notna(), "year"].max()
            w = w.where(w.notna() | (cy["year"] > last), 0.0)
        out["warhead_share_world"] = _world_share(cy, w)
    if arms is not None:
        tcol = _col(arms, "tiv", columns)
        if tcol is None:
            raise SchemaError(
                "arms frame has no TIV column",
                file="arms",
                field="tiv",
                hint="pass SIPRI TIV dyads with a 'tiv' or 'tiv_millions' column",
            )
        require_columns(arms, ["iso3_o", "iso3_d", "year"], name="arms")
        check_numeric(arms, [tcol], name="arms", min_value=0)
        a = pd.DataFrame(
            {
                "o": arms["iso3_o"].astype("object"),
                "d": arms["iso3_d"].astype("object"),
                "year": arms["year"].astype("int64"),
                "tiv": arms[tcol].to_numpy(dtype="float64", na_value=np.nan),
            }
        )
        world = a.groupby("year")["tiv"].sum()
        sup = a.loc[a["o"].notna()]
        exp = sup.groupby(["o", "year"])["tiv"].sum()
        rec = sup.loc[sup["d"].notna() & (sup["d"] != sup["o"])]
        nrec = rec.groupby(["o", "year"])["d"].nunique()
        agg = pd.DataFrame({"tiv": exp, "arms_recipients": nrec}).reset_index()
        agg = agg.rename(columns={"o": "iso3"})
        out = out.merge(agg, on=["iso3", "year"], how="left")
        covered = out["year"].isin(world.index)
        out["arms_recipients"] = (
            out["arms_recipients"]
            .where(out["arms_recipients"].notna() | ~covered, 0.0)
            .astype("float64")
        )
        tiv = out["tiv"].where(out["tiv"].notna() | ~covered, 0.0)
        wt = out["year"].map(world).to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["arms_export_share_world"] = np.where(wt > 0, tiv / wt, np.nan)
        out = out.drop(columns="tiv")
        inputs.append(arms)
    if participants is not None:
        require_columns(
            participants,
            ["conflict_id", "year", "side", "iso3", "type_of_conflict"],
            name="participants",
        )
        p = participants
        toc = p["type_of_conflict"].to_numpy()
        abroad = (toc == 2) | ((toc == 4) & p["side"].isin(["a_2nd", "b_2nd"]).to_numpy())
        p = p.loc[abroad & p["iso3"].notna().to_numpy()]
        cnt = p.groupby(["iso3", "year"])["conflict_id"].nunique().rename("conflicts_abroad")
        cnt = cnt.reset_index()
        cnt["year"] = cnt["year"].astype("int64")
        out = out.merge(cnt, on=["iso3", "year"], how="left")
        covered = out["year"].isin(set(participants["year"].astype("int64")))
        out["conflicts_abroad"] = (
            out["conflicts_abroad"]
            .where(out["conflicts_abroad"].notna() | ~covered, 0.0)
            .astype("float64")
        )
        inputs.append(participants)
    if us_troops is not None:
        tc = _col(us_troops, "troops", columns)
        if tc is None:
            raise SchemaError(
                "us_troops frame has no troops column",
                file="us_troops",
                field="troops_ad",
                hint="pass worldsystem.sources.us_troops.load() or map columns={'troops': ...}",
            )
        require_columns(us_troops, ["iso3", "year"], name="us_troops")
        t = us_troops.loc[us_troops["iso3"] != "USA"]
        tot = t.groupby(t["year"].astype("int64"))[tc].sum(min_count=1)
        us = out["iso3"] == "USA"
        out["us_troops_abroad"] = np.where(us, out["year"].map(tot), np.nan).astype("float64")
        inputs.append(us_troops)
    if us_bases is not None:
        require_columns(us_bases, ["iso3"], name="us_bases")
        n = int((us_bases["iso3"].fillna("") != "USA").sum())
        sel = (out["iso3"] == "USA") & (out["year"] == bases_year)
        out["us_bases_abroad"] = np.where(sel, float(n), np.nan)
        inputs.append(us_bases)
    params = {"bases_year": bases_year, "warheads_missing_as_zero": warheads_missing_as_zero}
    cites = ("sipri_milex", "sipri_tiv", "kristensen_fas", "allen2022troops", "gleditsch2002")
    return _finish(out, inputs, "military_reach", params, cites)


# --------------------------------------------------------------------------- table


def _rank_desc(values: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Competition ranks (1 = largest, ties share the best rank) within years; NaN kept."""
    s = pd.Series(values)
    return s.groupby(years).rank(ascending=False, method="min").to_numpy()


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
    years : iterable of int, optional
        Years to keep (all years of ``cy`` by default).
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
    if years is not None:
        cy = cy.loc[cy["year"].isin(list(years))].reset_index(drop=True)
    keys = cy[["iso3", "year"]]
    parts: list[pd.DataFrame] = []
    notes: list[str] = []
    inputs = [cy] + [
        f for f in (trade, arms, participants, us_troops, us_bases, drain) if f is not None
    ]
    if _col(cy, "fdi_out_pct_gdp", columns) and _col(cy, "fdi_in_pct_gdp", columns):
        parts.append(capital_export(cy, drain=drain, columns=columns))
    else:
        notes.append("capital export indicators omitted: no FDI columns in cy")
    parts.append(economic_weight(cy, trade, columns=columns, trade_columns=trade_columns))
    if trade is not None:
        parts.append(territorial_reach(cy, trade, trade_columns=trade_columns))
        conc = dep.supplier_concentration(trade, columns=trade_columns)
        parts.append(
            keys.merge(conc[["iso3", "year", "hhi"]], on=["iso3", "year"], how="left").rename(
                columns={"hhi": "supplier_hhi"}
            )
        )
        g = _col(cy, "gdp_usd", columns)
        if g is not None:
            op = dep.trade_openness(trade, cy, gdp_col=g, columns=trade_columns)
            parts.append(
                keys.merge(
                    op[["iso3", "year", "openness"]], on=["iso3", "year"], how="left"
                ).rename(columns={"openness": "trade_openness"})
            )
    else:
        notes.append("trade indicators omitted: no trade frame given")
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
            {"bases_year": bases_year, "include_unsupported": include_unsupported},
            ("lenin1916imperialism", "starrs2013american"),
        ),
    )
    return out


# --------------------------------------------------------------------------- composite

Normalise = Literal["rank", "minmax", "zscore"]


def _weights(weights: Mapping[str, float] | None, table: pd.DataFrame) -> dict[str, float]:
    present = set(table["indicator"].unique())
    if weights is None:
        w = {k: v for k, v in DEFAULT_WEIGHTS.items() if k in present}
    else:
        w = {}
        for k, v in weights.items():
            ind = get_indicator(k)
            if not (np.isfinite(v) and v >= 0):
                raise WorldsystemError(
                    f"weight of {k} is {v}; weights must be finite and non-negative",
                    field="weights",
                    value=v,
                    hint="give weights >= 0 (they are rescaled)",
                )
            if v == 0:
                continue
            if ind.direction == 0:
                raise WorldsystemError(
                    f"indicator {k} has no imperialist direction and cannot enter a composite",
                    field="weights",
                    value=k,
                    hint="drop it from the weights",
                )
            if not ind.supported:
                raise WorldsystemError(
                    f"indicator {k} is not supported by the bundled data",
                    field="weights",
                    value=k,
                    hint=ind.status(),
                )
            if k not in present:
                raise WorldsystemError(
                    f"indicator {k} is not in the table",
                    field="weights",
                    value=k,
                    hint="compute it (pass its input to indicator_table) or drop it",
                )
            w[k] = float(v)
    if not w:
        raise WorldsystemError(
            "no indicator with a positive weight is available in the table",
            field="weights",
            value=weights,
            hint=f"give weights over indicators present in the table: {sorted(present)}",
        )
    total = sum(w.values())
    return {k: v / total for k, v in w.items()}


def _scores(table: pd.DataFrame, ids: list[str], normalise: str) -> tuple[pd.DataFrame, np.ndarray]:
    """Keys (iso3, year) and the N x K matrix of normalised scores (NaN = missing)."""
    require_columns(table, ["iso3", "year", "indicator", "value"], name="table")
    sub = table.loc[table["indicator"].isin(ids), ["iso3", "year", "indicator", "value"]]
    wide = sub.pivot_table(
        index=["iso3", "year"], columns="indicator", values="value", aggfunc="first", dropna=False
    )
    wide = wide.reindex(columns=ids).sort_index(level=["year", "iso3"])
    keys = wide.index.to_frame(index=False)
    years = keys["year"].to_numpy()
    S = np.full((len(wide), len(ids)), np.nan)
    for k, ind_id in enumerate(ids):
        d = _BY_ID[ind_id].direction
        v = d * wide[ind_id].to_numpy(dtype="float64", na_value=np.nan)
        s = pd.Series(v)
        g = s.groupby(years)
        if normalise == "rank":
            r = g.rank(ascending=False, method="min")
            n = g.transform("count")
            S[:, k] = np.where(n > 1, (n - r) / (n - 1), 1.0)
            S[np.isnan(v), k] = np.nan
        elif normalise == "minmax":
            lo, hi = g.transform("min"), g.transform("max")
            span = hi - lo
            S[:, k] = np.where(span > 0, (s - lo) / span, 0.5)
            S[np.isnan(v), k] = np.nan
        elif normalise == "zscore":
            mu, sd = g.transform("mean"), g.transform(lambda x: x.std(ddof=0))
            S[:, k] = np.where(sd > 0, (s - mu) / sd, 0.0)
            S[np.isnan(v), k] = np.nan
        else:
            raise WorldsystemError(
                f"unknown normalisation {normalise!r}",
                field="normalise",
                value=normalise,
                hint="use 'rank', 'minmax' or 'zscore'",
            )
    return keys, S


def _min_k(min_indicators: int | None, k: int) -> int:
    m = math.ceil(k / 2) if min_indicators is None else int(min_indicators)
    if not 1 <= m <= k:
        raise WorldsystemError(
            f"min_indicators={m} outside 1..{k} (the number of weighted indicators)",
            field="min_indicators",
            value=min_indicators,
            hint="choose a number between 1 and the number of weighted indicators",
        )
    return m


def _combine(S: np.ndarray, W: np.ndarray, m: int) -> np.ndarray:
    """Weighted means over available indicators: (N x K) scores, (K x D) weights -> N x D."""
    avail = ~np.isnan(S)
    num = np.where(avail, S, 0.0) @ W
    den = avail.astype("float64") @ W
    with np.errstate(divide="ignore", invalid="ignore"):
        c = np.where(den > 0, num / den, np.nan)
    c[avail.sum(axis=1) < m] = np.nan
    return c


def _rank_cols(C: np.ndarray, years: np.ndarray) -> np.ndarray:
    """Within-year competition ranks (1 = largest) of each column of C; NaN stays NaN."""
    R = np.full(C.shape, np.nan)
    # Composites equal to 12 decimals are ties: exact ties (e.g. equal scores) can
    # differ in the last bits depending on the order of the floating-point sums.
    C = np.round(C, 12)
    for y in np.unique(years):
        rows = np.flatnonzero(years == y)
        block = C[rows]
        ok = ~np.isnan(block[:, 0]) if block.ndim == 2 else ~np.isnan(block)
        if ok.any():
            R[rows[ok]] = rankdata(-block[ok], axis=0, method="min")
    return R


def composite(
    table: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    normalise: Normalise = "rank",
    min_indicators: int | None = None,
) -> pd.DataFrame:
    """Weighted composite index of imperialism indicators, ranked within years.

    Each indicator k is first oriented by its direction :math:`d_k` and
    normalised within the year over the countries with a value:

    - ``"rank"`` (default): :math:`z = (n - r) / (n - 1)` with r the
      competition rank of :math:`d_k v` (1 = top) and n the number of countries
      with a value (z = 1 when n = 1); robust to the skew of world shares;
    - ``"minmax"``: :math:`z = (d_k v - \\min) / (\\max - \\min)` (0.5 if all equal);
    - ``"zscore"``: :math:`z = (d_k v - \\mu) / \\sigma` (population sd; 0 if sd = 0).

    The composite is the weighted mean over the indicators *available* for the
    country-year, the weights renormalised over them:

    .. math::

        C_{it} = \\frac{\\sum_k w_k a_{ikt} z_{ikt}}{\\sum_k w_k a_{ikt}}

    with :math:`a_{ikt} = 1` when the value exists. Missing handling: a
    country-year needs at least ``min_indicators`` available indicators
    (default: half the weighted indicators, rounded up), otherwise its
    composite is missing and it is not ranked. Composite indices of this kind
    are conventions; see :func:`rank_sensitivity` for how the ranks move with
    the weights.

    Parameters
    ----------
    table : pandas.DataFrame
        Long table of :func:`indicator_table`.
    weights : mapping of indicator id to weight, optional
        Non-negative weights (rescaled to sum to 1; zero drops an indicator).
        Default :data:`DEFAULT_WEIGHTS` over the indicators present.
    normalise : {"rank", "minmax", "zscore"}
        Within-year normalisation.
    min_indicators : int, optional
        Minimum number of available indicators.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, composite, rank, n_indicators`` (rank 1 = most
        imperialist-like; ties, i.e. composites equal to 12 decimals, share the
        best rank; nullable Int64).

    Examples
    --------
    >>> t = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "indicator": "milex_share_world",
    ...                   "value": [0.7, 0.3]})
    >>> composite(t, weights={"milex_share_world": 1})["rank"].tolist()
    [1, 2]
    """
    w = _weights(weights, table)
    ids = list(w)
    keys, S = _scores(table, ids, normalise)
    m = _min_k(min_indicators, len(ids))
    wv = np.array([w[i] for i in ids])[:, None]
    c = _combine(S, wv, m)[:, 0]
    rank = _rank_cols(c[:, None], keys["year"].to_numpy())[:, 0]
    out = keys.assign(
        composite=c,
        rank=pd.array(rank, dtype="Float64").astype("Int64"),
        n_indicators=(~np.isnan(S)).sum(axis=1).astype("int64"),
    )
    prov.carry(out, table)
    prov.attach(
        out,
        prov.get(out).with_method(
            "composite",
            {"weights": w, "normalise": normalise, "min_indicators": m},
        ),
    )
    return out


def rank_sensitivity(
    table: pd.DataFrame,
    *,
    weights: Mapping[str, float] | None = None,
    n_draws: int = 1000,
    alpha: float = 1.0,
    seed: int = 0,
    ci: float = 0.9,
    normalise: Normalise = "rank",
    min_indicators: int | None = None,
) -> pd.DataFrame:
    """How much a composite ranking depends on the weights: ranks under Dirichlet draws.

    Draws :math:`w^{(1)}, \\dots, w^{(D)} \\sim \\mathrm{Dirichlet}(\\alpha \\mathbf{1}_K)`
    over the K indicators with a positive fixed weight (``alpha = 1``: uniform on
    the simplex; larger alpha concentrates the draws near equal weights; smaller
    near single indicators), computes every composite at once as a matrix
    product (scores N x K times weights K x D, the missing-indicator rule of
    :func:`composite` applied column by column) and ranks each draw within years.

    The interval ``[rank_lo, rank_hi]`` holds the central ``ci`` share of the
    ranks over the D random draws *and the fixed weight vector* (D + 1 values;
    lower / higher empirical quantiles, so the bounds are attained ranks). With
    ``ci = 1`` it is the full range and contains ``rank_fixed`` by construction;
    with ``ci < 1`` it need not, and ``fixed_in_interval`` says whether it does.
    Deterministic for a given ``seed``.

    Parameters
    ----------
    table : pandas.DataFrame
        Long table of :func:`indicator_table`.
    weights : mapping, optional
        The fixed weights (default :data:`DEFAULT_WEIGHTS`); their support is the
        set of indicators drawn over.
    n_draws : int
        Number of Dirichlet draws D.
    alpha : float
        Dirichlet concentration (> 0).
    seed : int
        Seed of ``numpy.random.default_rng``.
    ci : float
        Central share of the rank distribution reported, in (0, 1].
    normalise, min_indicators
        As in :func:`composite`.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, rank_fixed, rank_lo, rank_hi, rank_median, p_top1, p_top5,
        fixed_in_interval`` for the country-years ranked under the fixed
        weights; ``p_top1`` / ``p_top5`` are the shares of random draws in which
        the country ranks first / in the top five.
    """
    if n_draws < 1:
        raise WorldsystemError(
            "n_draws must be at least 1",
            field="n_draws",
            value=n_draws,
            hint="use e.g. n_draws=1000",
        )
    if not (alpha > 0):
        raise WorldsystemError(
            "alpha must be positive",
            field="alpha",
            value=alpha,
            hint="use alpha=1 for uniform weights on the simplex",
        )
    if not (0 < ci <= 1):
        raise WorldsystemError(
            "ci must lie in (0, 1]", field="ci", value=ci, hint="use e.g. ci=0.9"
        )
    w = _weights(weights, table)
    ids = list(w)
    keys, S = _scores(table, ids, normalise)
    m = _min_k(min_indicators, len(ids))
    rng = np.random.default_rng(seed)
    draws = rng.dirichlet(np.full(len(ids), float(alpha)), size=n_draws)  # D x K
    wv = np.array([w[i] for i in ids])[:, None]
    # The fixed column goes through exactly the same product as in composite().
    C = np.column_stack([_combine(S, wv, m), _combine(S, draws.T, m)])  # N x (1 + D)
    years = keys["year"].to_numpy()
    R = _rank_cols(C, years)
    ok = ~np.isnan(R[:, 0])
    R = R[ok]
    lo_q, hi_q = (1 - ci) / 2, (1 + ci) / 2
    rank_lo = np.quantile(R, lo_q, axis=1, method="lower")
    rank_hi = np.quantile(R, hi_q, axis=1, method="higher")
    rnd = R[:, 1:]
    out = (
        keys.loc[ok]
        .reset_index(drop=True)
        .assign(
            rank_fixed=R[:, 0].astype("int64"),
            rank_lo=rank_lo.astype("int64"),
            rank_hi=rank_hi.astype("int64"),
            rank_median=np.median(rnd, axis=1),
            p_top1=(rnd == 1).mean(axis=1),
            p_top5=(rnd <= 5).mean(axis=1),
        )
    )
    out["fixed_in_interval"] = (out["rank_lo"] <= out["rank_fixed"]) & (
        out["rank_fixed"] <= out["rank_hi"]
    )
    prov.carry(out, table)
    prov.attach(
        out,
        prov.get(out).with_method(
            "rank_sensitivity",
            {
                "weights": w,
                "n_draws": n_draws,
                "alpha": alpha,
                "seed": seed,
                "ci": ci,
                "normalise": normalise,
                "min_indicators": m,
            },
        ),
    )
    return out
