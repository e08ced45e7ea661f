"""The column registry: every panel column, its unit, role and source, in one place.

A :class:`Column` documents one column of a harmonised panel
(:mod:`worldsystem.panels`): its name (which states the unit and price basis,
as in ``gdp_mpd_musd_2011ppp``), the unit recorded in ``attrs["units"]``, the
*role* -- the quantity it carries (``"gdp"``, ``"milex"``, ``"pop"``, ...), so
that every column measuring military expenditure is found by
``by_role("milex")`` whatever its source and unit -- the catalogue id of the
source it comes from, the frame kinds it appears in, and the name of the
source column it is taken from (``origin``; None when the panel computes it).

The registry :data:`COLUMNS` holds the key columns and every value column of
the country-year panel (:mod:`worldsystem.panels.country`) and of the dyad-year
panel (:mod:`worldsystem.panels.dyad`). Names are unique across the registry
(checked at import). The panel ``add_*`` functions take their units from here
(:func:`units`), and the source-to-panel rename maps from :func:`renames`.

The columns of the source *files* (before loading), with their documented
plausible bounds, are declared next door in :mod:`worldsystem.core.layouts`;
every reader checks them (:func:`worldsystem.sources.base.validate_frame`).

Examples
--------
>>> from worldsystem.core import columns
>>> columns.column("gdp_mpd_musd_2011ppp").unit
'millions of 2011 international dollars'
>>> [c.name for c in columns.by_role("milex")]  # doctest: +NORMALIZE_WHITESPACE
['milex_nmc_thousands', 'milex_musd_constant2019', 'milex_musd_current']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import COUNTRY_YEAR, DYAD_YEAR, FrameKind

__all__ = [
    "COLUMNS",
    "Column",
    "by_kind",
    "by_role",
    "by_source",
    "column",
    "names",
    "renames",
    "roles",
    "select",
    "units",
]

_CY = COUNTRY_YEAR.name
_DY = DYAD_YEAR.name


@dataclass(frozen=True)
class Column:
    """One registered panel column.

    Parameters
    ----------
    name : str
        Column name in the panel; it states the unit and price basis.
    unit : str
        Unit, as recorded in ``attrs["units"]`` of the panel.
    role : str
        The quantity carried (``"gdp"``, ``"milex"``, ``"pop"``, ``"warheads"``,
        ...); several columns can share a role (different sources or bases).
    source : str
        Catalogue id of the source (:mod:`worldsystem.sources.catalogue`).
    kinds : tuple of str
        Names of the frame kinds (:class:`~worldsystem.core.schema.FrameKind`)
        the column appears in.
    origin : str or None
        Name of the column in the source loader's frame it is taken from (for
        the IMF WEO, the indicator code passed to ``imf_weo.wide``); aggregates
        and reversed flows name the column they are computed from; None when
        the panel computes it from several (``hours_pwt_millions``, votes).
    description : str
        One line on what the column holds.
    """

    name: str
    unit: str
    role: str
    source: str
    kinds: tuple[str, ...] = (_CY,)
    origin: str | None = None
    description: str = ""


def _cy(name, unit, role, source, origin=None, description=""):
    return Column(name, unit, role, source, (_CY,), origin, description)


def _dy(name, unit, role, source, origin=None, description=""):
    return Column(name, unit, role, source, (_DY,), origin, description)


_NMC_MILEX = "thousands of current GBP (1816-1913) / USD (1914-)"
_WEO_FLAG = "True if any of these WEO values is an IMF estimate or projection"
_TRADE = "millions of current US dollars"
_TIV = "millions of SIPRI TIV"
_ATOP = ("atopally", "defense", "offense", "neutral", "nonagg", "consul")
_ATOP_TEXT = {
    "atopally": "any ATOP alliance obligation",
    "defense": "defence pact",
    "offense": "offence pact",
    "neutral": "neutrality pact",
    "nonagg": "non-aggression pact",
    "consul": "consultation pact",
}

#: Every registered column, in panel order (keys first).
COLUMNS: tuple[Column, ...] = (
    # ------------------------------------------------------------------ keys
    Column(
        "iso3",
        "ISO 3166-1 alpha-3 code",
        "country",
        "cow_states",
        (_CY,),
        "iso3",
        "country (ISO3; COW codes mapped by worldsystem.countries)",
    ),
    Column("year", "calendar year", "year", "cow_states", (_CY, _DY), "year", "calendar year"),
    Column(
        "ccode",
        "COW state code",
        "country_cow",
        "cow_states",
        (_CY,),
        "ccode",
        "Correlates of War state code (COW panels only)",
    ),
    Column(
        "iso3_o",
        "ISO 3166-1 alpha-3 code",
        "origin",
        "cow_states",
        (_DY,),
        "iso3",
        "origin country of the dyad (a directed flow goes from o to d)",
    ),
    Column(
        "iso3_d",
        "ISO 3166-1 alpha-3 code",
        "destination",
        "cow_states",
        (_DY,),
        "iso3",
        "destination country of the dyad",
    ),
    Column(
        "ccode_o",
        "COW state code",
        "origin_cow",
        "cow_states",
        (_DY,),
        "ccode",
        "COW state code of o",
    ),
    Column(
        "ccode_d",
        "COW state code",
        "destination_cow",
        "cow_states",
        (_DY,),
        "ccode",
        "COW state code of d",
    ),
    # ------------------------------------------------------- COW NMC v7.0
    _cy(
        "milex_nmc_thousands",
        _NMC_MILEX,
        "milex",
        "cow_nmc",
        "milex",
        "military expenditure as released by COW (currency changes in 1914)",
    ),
    _cy(
        "milper_thousands",
        "thousands of military personnel",
        "milper",
        "cow_nmc",
        "milper",
        "military personnel",
    ),
    _cy(
        "irst_thousand_tons",
        "thousands of tons of iron and steel",
        "irst",
        "cow_nmc",
        "irst",
        "iron and steel production",
    ),
    _cy(
        "pec_thousand_coal_tons",
        "thousands of coal-ton equivalents",
        "pec",
        "cow_nmc",
        "pec",
        "primary energy consumption",
    ),
    _cy("tpop_thousands", "thousands of persons", "pop", "cow_nmc", "tpop", "total population"),
    _cy(
        "upop_thousands",
        "thousands of persons in cities of 100,000+",
        "urban_pop",
        "cow_nmc",
        "upop",
        "urban population",
    ),
    # ------------------------------------------------------- Maddison MPD 2023
    _cy(
        "gdppc_mpd_2011ppp",
        "2011 international dollars (PPP) per person",
        "gdppc",
        "maddison",
        "gdppc_2011ppp",
        "GDP per person, Maddison Project",
    ),
    _cy(
        "pop_mpd_thousands",
        "thousands of persons",
        "pop",
        "maddison",
        "pop_thousands",
        "population, Maddison Project",
    ),
    _cy(
        "gdp_mpd_musd_2011ppp",
        "millions of 2011 international dollars",
        "gdp",
        "maddison",
        "gdp_musd_2011ppp",
        "GDP (gdppc x pop), Maddison Project",
    ),
    # ------------------------------------------------------- PWT 10.01
    _cy(
        "rgdpe_musd_2017ppp",
        "millions of 2017 US dollars (chained PPP), expenditure",
        "gdp",
        "pwt",
        "rgdpe",
        "expenditure-side real GDP",
    ),
    _cy(
        "rgdpo_musd_2017ppp",
        "millions of 2017 US dollars (chained PPP), output",
        "gdp",
        "pwt",
        "rgdpo",
        "output-side real GDP",
    ),
    _cy(
        "cgdpo_musd_current_ppp",
        "millions of 2017 US dollars (current PPP), output",
        "gdp",
        "pwt",
        "cgdpo",
        "output-side GDP at current PPPs",
    ),
    _cy(
        "rgdpna_musd_2017",
        "millions of 2017 US dollars (national prices)",
        "gdp",
        "pwt",
        "rgdpna",
        "real GDP at constant national prices",
    ),
    _cy("pop_pwt_millions", "millions of persons", "pop", "pwt", "pop", "population, PWT"),
    _cy(
        "pl_gdpo_usa2017",
        "price level of CGDPo, USA 2017 = 1",
        "price_level",
        "pwt",
        "pl_gdpo",
        "price level of output-side GDP",
    ),
    _cy(
        "xr_ncu_per_usd",
        "national currency per US dollar (market rate)",
        "exchange_rate",
        "pwt",
        "xr",
        "market exchange rate",
    ),
    _cy(
        "emp_pwt_millions",
        "millions of persons engaged",
        "employment",
        "pwt",
        "emp",
        "persons engaged, PWT",
    ),
    _cy(
        "avh_hours",
        "hours per person engaged per year",
        "hours_per_worker",
        "pwt",
        "avh",
        "average annual hours worked per person engaged",
    ),
    _cy(
        "hours_pwt_millions",
        "millions of hours worked per year",
        "hours",
        "pwt",
        None,
        "emp x avh; missing where either is missing",
    ),
    # ------------------------------------------------------- IMF WEO
    _cy(
        "ngdpd_busd_current",
        "billions of current US dollars",
        "gdp",
        "imf_weo",
        "NGDPD",
        "GDP at current prices and market exchange rates",
    ),
    _cy(
        "pppgdp_bintl_current",
        "billions of current international dollars (PPP)",
        "gdp",
        "imf_weo",
        "PPPGDP",
        "GDP at current PPPs",
    ),
    _cy("lp_mpersons", "millions of persons", "pop", "imf_weo", "LP", "population, WEO"),
    _cy(
        "weo_gdp_is_estimate",
        _WEO_FLAG,
        "estimate_flag",
        "imf_weo",
        "is_estimate",
        "a WEO GDP or population value of the row is an IMF estimate or projection",
    ),
    _cy(
        "pppex_ncu_per_intl",
        "national currency per current international dollar",
        "ppp_rate",
        "imf_weo",
        "PPPEX",
        "implied PPP conversion rate",
    ),
    _cy(
        "weo_prices_is_estimate",
        _WEO_FLAG,
        "estimate_flag",
        "imf_weo",
        "is_estimate",
        "the WEO PPP conversion rate of the row is an IMF estimate or projection",
    ),
    # ------------------------------------------------------- ILO modelled estimates
    _cy(
        "emp_ilo_thousands",
        "thousands of persons employed",
        "employment",
        "labour",
        "employment_thousands",
        "ILO modelled employment, total",
    ),
    # ------------------------------------------------------- SIPRI milex
    _cy(
        "milex_musd_constant2019",
        "millions of constant 2019 US dollars",
        "milex",
        "sipri_milex",
        "milex_musd_constant2019",
        "military expenditure, SIPRI",
    ),
    _cy(
        "milex_musd_current",
        "millions of current US dollars",
        "milex",
        "sipri_milex",
        "milex_musd_current",
        "military expenditure, SIPRI",
    ),
    _cy(
        "milex_share_gdp",
        "fraction of GDP",
        "milex_share",
        "sipri_milex",
        "milex_share_gdp",
        "military expenditure as a share of GDP, SIPRI",
    ),
    # ------------------------------------------------------- FAS warheads
    _cy(
        "warheads",
        "number of stockpiled nuclear warheads",
        "warheads",
        "nuclear",
        "warheads",
        "estimated stockpiled nuclear warheads; 0 for absent countries in the file's years",
    ),
    # ------------------------------------------------------- SIPRI arms transfers (totals)
    _cy(
        "arms_exports_mtiv",
        _TIV,
        "arms_exports",
        "sipri_tiv",
        "tiv_millions",
        "arms deliveries to all recipients (a volume index, not money)",
    ),
    _cy(
        "arms_imports_mtiv",
        _TIV,
        "arms_imports",
        "sipri_tiv",
        "tiv_millions",
        "arms deliveries from all suppliers (a volume index, not money)",
    ),
    _cy(
        "arms_n_recipients",
        "number of recipients",
        "arms_recipients",
        "sipri_tiv",
        "recipient",
        "distinct recipients with deliveries in the year",
    ),
    _cy(
        "arms_n_suppliers",
        "number of suppliers",
        "arms_suppliers",
        "sipri_tiv",
        "supplier",
        "distinct suppliers with deliveries in the year",
    ),
    # ------------------------------------------------------- WDI via Gapminder
    _cy(
        "fdi_in_pct_gdp",
        "percent of GDP (net)",
        "fdi_inflow",
        "gapminder",
        "foreign_direct_investment_net_inflows_percent_of_gdp",
        "net FDI inflows",
    ),
    _cy(
        "fdi_out_pct_gdp",
        "percent of GDP (net)",
        "fdi_outflow",
        "gapminder",
        "foreign_direct_investment_net_outflows_percent_of_gdp",
        "net FDI outflows",
    ),
    # ------------------------------------------------------- troopdata
    _cy(
        "us_troops_ad",
        "persons (US active duty)",
        "us_troops",
        "us_troops",
        "troops_ad",
        "US active-duty personnel hosted (host rows of one ISO3 summed)",
    ),
    # ------------------------------------------------------- UCDP/PRIO ACD
    _cy(
        "conflicts_interstate",
        "number of interstate conflicts (UCDP type 2), primary party",
        "conflicts_interstate",
        "ucdp",
        "conflict_id",
        "interstate conflicts as side A or B",
    ),
    _cy(
        "conflicts_internationalised",
        "number of internationalised intrastate conflicts (type 4), any side",
        "conflicts_internationalised",
        "ucdp",
        "conflict_id",
        "internationalised intrastate conflicts on any side",
    ),
    _cy(
        "conflicts_secondary",
        "number of conflicts (any type) as secondary supporter",
        "conflicts_secondary",
        "ucdp",
        "conflict_id",
        "conflicts as a secondary supporter",
    ),
    _cy(
        "conflicts_intervention_proxy",
        "number of internationalised intrastate conflicts (type 4) as secondary supporter "
        "(proxy for intervention abroad)",
        "intervention_abroad",
        "ucdp",
        "conflict_id",
        "type-4 conflicts as a secondary supporter (proxy for intervention abroad)",
    ),
    _cy(
        "conflicts_any",
        "number of conflicts (any type), any side",
        "conflicts_any",
        "ucdp",
        "conflict_id",
        "all conflicts on any side",
    ),
    # ------------------------------------------------------- dyads: COW trade v4.0
    _dy(
        "flow_musd_current",
        _TRADE + " (o exports to d)",
        "trade_flow",
        "cow_trade",
        "flow_musd_current",
        "exports of o to d (imports of d from o)",
    ),
    _dy(
        "flow_rev_musd_current",
        _TRADE + " (d exports to o)",
        "trade_flow_rev",
        "cow_trade",
        "flow_musd_current",
        "exports of d to o (imports of o from d)",
    ),
    _dy(
        "smoothflow_musd_current",
        _TRADE + " (o exports to d, COW smoothed)",
        "trade_flow_smoothed",
        "cow_trade",
        "smoothflow_musd_current",
        "COW's smoothed exports of o to d",
    ),
    _dy(
        "smoothflow_rev_musd_current",
        _TRADE + " (d exports to o, COW smoothed)",
        "trade_flow_smoothed_rev",
        "cow_trade",
        "smoothflow_musd_current",
        "COW's smoothed exports of d to o",
    ),
    # ------------------------------------------------------- dyads: SIPRI arms transfers
    _dy(
        "arms_tiv_millions",
        _TIV,
        "arms_transfer",
        "sipri_tiv",
        "tiv_millions",
        "arms delivered by o to d",
    ),
    _dy(
        "arms_rev_tiv_millions",
        _TIV,
        "arms_transfer_rev",
        "sipri_tiv",
        "tiv_millions",
        "arms delivered by d to o",
    ),
    # ------------------------------------------------------- dyads: ATOP v5.1
    *(
        _dy(
            f"atop_{c}",
            "0/1 obligation of o towards d",
            f"alliance_{c}",
            "atop",
            c,
            f"{_ATOP_TEXT[c]}: obligation of o towards d",
        )
        for c in _ATOP
    ),
    # ------------------------------------------------------- dyads: UN votes
    _dy(
        "votes_n",
        "number of roll calls both voted on",
        "votes_common",
        "unvotes",
        None,
        "UNGA roll calls both voted on in the calendar year",
    ),
    _dy(
        "votes_agree_share",
        "fraction of identical votes",
        "vote_agreement",
        "unvotes",
        None,
        "share of identical votes (yes/abstain/no)",
    ),
    _dy(
        "votes_kappa",
        "Cohen's kappa",
        "vote_kappa",
        "unvotes",
        None,
        "Cohen's kappa of the two countries' votes",
    ),
)


def _index(cols: Iterable[Column]) -> dict[str, Column]:
    out: dict[str, Column] = {}
    for c in cols:
        if c.name in out:
            raise SchemaError("column registered twice", field=c.name, value=c.source)
        out[c.name] = c
    return out


_BY_NAME: dict[str, Column] = _index(COLUMNS)


def _kind_name(kind: FrameKind | str | None) -> str | None:
    return kind.name if isinstance(kind, FrameKind) else kind


def column(name: str | Column) -> Column:
    """The registered :class:`Column` called ``name``.

    Parameters
    ----------
    name : str or Column
        A column name (a :class:`Column` is returned as is).

    Returns
    -------
    Column

    Raises
    ------
    SchemaError
        ``name`` is not registered.
    """
    if isinstance(name, Column):
        return name
    try:
        return _BY_NAME[name]
    except KeyError:
        raise SchemaError(
            "unknown panel column",
            field=name,
            hint="register it in worldsystem.core.columns.COLUMNS with its unit, role and source",
        ) from None


def select(*names: str | Column) -> tuple[Column, ...]:
    """The registered columns called ``names``, in that order (see :func:`column`)."""
    return tuple(column(n) for n in names)


def _filter(kind: FrameKind | str | None, **match: str) -> tuple[Column, ...]:
    k = _kind_name(kind)
    return tuple(
        c
        for c in COLUMNS
        if all(getattr(c, f) == v for f, v in match.items()) and (k is None or k in c.kinds)
    )


def by_role(role: str, *, kind: FrameKind | str | None = None) -> tuple[Column, ...]:
    """Every column carrying quantity ``role``, in registry order.

    Parameters
    ----------
    role : str
        E.g. ``"milex"``, ``"gdp"``, ``"pop"``, ``"trade_flow"``.
    kind : FrameKind or str, optional
        Only columns of this frame kind.

    Returns
    -------
    tuple of Column
        Empty when no column has the role.
    """
    return _filter(kind, role=role)


def by_source(source: str, *, kind: FrameKind | str | None = None) -> tuple[Column, ...]:
    """Every column taken from catalogue source ``source`` (e.g. ``"cow_nmc"``)."""
    return _filter(kind, source=source)


def by_kind(kind: FrameKind | str) -> tuple[Column, ...]:
    """Every column of frames of ``kind`` (keys included)."""
    return _filter(kind)


def roles() -> tuple[str, ...]:
    """The registered roles, each once, in registry order."""
    return tuple(dict.fromkeys(c.role for c in COLUMNS))


def names(cols: Iterable[str | Column]) -> list[str]:
    """Names of ``cols`` (each checked against the registry)."""
    return [column(c).name for c in cols]


def units(cols: Iterable[str | Column]) -> dict[str, str]:
    """``name -> unit`` of ``cols``, the mapping that goes into ``attrs["units"]``.

    Parameters
    ----------
    cols : iterable of str or Column

    Returns
    -------
    dict of str to str

    Raises
    ------
    SchemaError
        A name is not registered.
    """
    return {c.name: c.unit for c in map(column, cols)}


def renames(cols: Iterable[str | Column]) -> dict[str, str]:
    """``origin -> name`` for ``cols`` with an origin: the rename from source to panel.

    Parameters
    ----------
    cols : iterable of str or Column

    Returns
    -------
    dict of str to str
        Source column name -> panel column name (columns whose origin is None or
        equal to their name are left out).
    """
    out = {}
    for c in map(column, cols):
        if c.origin is not None and c.origin != c.name:
            out[c.origin] = c.name
    return out


def _check_registry(cols: Mapping[str, Column]) -> None:  # pragma: no cover - import guard
    for c in cols.values():
        if not c.unit or not c.role or not c.source or not c.kinds:
            raise SchemaError("column registered without unit, role, source or kind", field=c.name)


_check_registry(_BY_NAME)
