"""The registry of imperialism indicators: one :class:`Indicator` per operationalisation.

:func:`indicators`, :func:`get_indicator` and :func:`registry_table` over
Lenin's five features and the seeds' additions (:data:`FEATURES`), with the
default composite weights (:data:`DEFAULT_WEIGHTS`) and input column roles
(:data:`DEFAULT_COLUMNS`). Unsupported entries record the specification and the
dataset they need (e.g. Starrs' 2013 profit shares).

References
----------
Lenin, V.I. (1916/1917). *Imperialism, the Highest Stage of Capitalism*, ch. 4
(export of capital) and ch. 7 (the five features).

Starrs, S. (2013). American Economic Power Hasn't Declined - It Globalized!
*International Studies Quarterly* 57(4):817-830. doi:10.1111/isqu.12053.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from worldsystem.core.errors import WorldsystemError

__all__ = [
    "DEFAULT_COLUMNS",
    "DEFAULT_WEIGHTS",
    "FEATURES",
    "UNSUPPORTED_PREFIX",
    "US_ONLY_STATUS",
    "Indicator",
    "get_indicator",
    "indicators",
    "registry_table",
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
        "USD million, current (northern wage)",
        1,
        ("wiod2013", "exiobase", "oecd_icio", "gloria", "eora26"),
        "worldsystem.measures.exchange (unequal exchange / drain); Hickel et al. (2022)",
        formula="minus the net embodied-labour transfer of the exchange measure (north-south, "
        "northern wage), from the MRIO database named by --mrio",
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
            hint=f"use one of {', '.join(FEATURES)}",
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
            hint=f"use one of {', '.join(sorted(_BY_ID))}",
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
