"""Release layouts of the source files: their columns and plausible per-column bounds.

The column registry (:mod:`worldsystem.core.columns`) documents the columns of
the harmonised panels; this module documents the columns of the *files* the
loaders read (:mod:`worldsystem.sources`), so that a damaged file is an error
and never a number. Each :class:`FileLayout` names one file as
``<source id>/<file name>`` (an ``fnmatch`` pattern), lists every column of the
release layout (plus ``extra``: columns of the official release that the copy
lacks, which a loader accepts) and declares a :class:`Bound` per numeric column.

A bound is a *plausibility* range, not the observed range: it is wide enough
that no genuine observation falls outside (the reason is written next to it,
in the column's unit) and narrow enough that corrupt values such as
``1.7e308`` or a shifted column are caught. For example a state's total
population in thousands cannot exceed ``1e7`` (ten billion people, more than
the world population). The documented missing-value sentinels of a column
(COW's ``-9``, ``-8``, ``-7``) are allowed besides the range. Numeric columns
that have no declared bound (and files without a layout) get :data:`GENERIC`,
``|x| <= 1e16``, which no quantity in any of the releases reaches. A
non-finite number (``inf``, ``nan`` written as a number) is always an error.

:func:`worldsystem.sources.base.validate_frame` applies the layouts; every
reader (CSV, Parquet, workbook sheets, Stata files) can call it. Loaders still
check their keys, codes and cross-column rules themselves.

Examples
--------
>>> layout_for("data/cow_nmc/NMC-70-abridged.csv").bound("tpop").hi
10000000.0
>>> layout_for("data/cow_nmc/NMC-70-abridged.csv").allows("milex.1")
False
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import PurePath

import numpy as np

__all__ = [
    "GENERIC",
    "LAYOUTS",
    "MAX_MAGNITUDE",
    "Bound",
    "FileLayout",
    "layout_for",
]

#: Largest magnitude any number in any release may have: above world GDP in
#: current US dollars (about 1e14) and every count; catches 1e308 overflow.
MAX_MAGNITUDE = 1e16


@dataclass(frozen=True)
class Bound:
    """Plausible range ``[lo, hi]`` of one column, with the reason, in its unit.

    ``sentinels`` are documented codes allowed besides the range (COW's -9).
    """

    lo: float | None = None
    hi: float | None = None
    why: str = ""
    sentinels: tuple[float, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "lo", None if self.lo is None else float(self.lo))
        object.__setattr__(self, "hi", None if self.hi is None else float(self.hi))

    def violations(self, vals: np.ndarray) -> int | None:
        """Index of the first value that is non-finite or out of range, or None.

        Missing values (NaN) and sentinels are allowed.
        """
        with np.errstate(invalid="ignore"):
            bad = np.isinf(vals)
            if self.lo is not None:
                bad |= vals < self.lo
            if self.hi is not None:
                bad |= vals > self.hi
        if self.sentinels and bad.any():
            for code in self.sentinels:
                bad &= vals != code
        if not bad.any():
            return None
        return int(np.argmax(bad))

    def describe(self) -> str:
        lo = "-inf" if self.lo is None else f"{self.lo:g}"
        hi = "inf" if self.hi is None else f"{self.hi:g}"
        text = f"the plausible range [{lo}, {hi}]"
        if self.sentinels:
            text += " or the sentinels " + "/".join(f"{s:g}" for s in self.sentinels)
        return text + (f" ({self.why})" if self.why else "")


#: The bound of numeric columns without a declared one.
GENERIC = Bound(-MAX_MAGNITUDE, MAX_MAGNITUDE, "no number in any release is this large")


@dataclass(frozen=True)
class FileLayout:
    """Columns and bounds of one release file (``pattern`` = ``<source>/<file>``).

    ``columns`` is the layout of the copy the loaders were validated on;
    ``extra`` lists official columns the copy lacks; with ``open`` any column
    is accepted (a layout the loader checks itself, e.g. the WIOT's 1,400
    columns). ``default`` bounds the numeric columns not in ``bounds``.
    """

    pattern: str
    columns: tuple[str, ...] = ()
    bounds: Mapping[str, Bound] = field(default_factory=dict)
    extra: tuple[str, ...] = ()
    open: bool = False
    default: Bound | None = None
    #: ``(value column, key column, {key: Bound})``: bounds of a long file's
    #: value column that depend on the row's key (the WEO indicator code);
    #: keys not listed get ``bounds[value column]``
    keyed: tuple[str, str, Mapping[str, Bound]] | None = None
    #: rows may omit trailing fields (never add any): country_converter's
    #: table does so for one row of the release
    ragged: bool = False

    def allows(self, column: str) -> bool:
        return self.open or column in self.columns or column in self.extra

    def bound(self, column: str) -> Bound | None:
        """The column's declared bound; ``default`` for the other columns of the
        layout (not for official extras or unlisted columns, which get the
        generic bound)."""
        declared = self.bounds.get(column)
        if declared is not None:
            return declared
        return self.default if (column in self.columns or not self.columns) else None


# ------------------------------------------------------------------ shared bounds
def _years(lo: int, hi: int = 2100, why: str = "calendar year of the release") -> Bound:
    return Bound(lo, hi, why)


_CCODE = Bound(2, 999, "COW state codes run from 2 (USA) to 990")
_CCODE_S = Bound(2, 999, "COW state codes run from 2 (USA) to 990", (-9, -8))
_COW = (-9, -8, -7)
_MONTH = Bound(1, 12, "month", _COW)
_DAY = Bound(1, 31, "day of month", _COW)
_VERSION = Bound(0, 9999, "release number or release year")
_FLAG = Bound(0, 1, "0/1 dummy")
_CODE = Bound(-9, 99, "small categorical code of the codebook", _COW)
_GW = Bound(2, 999, "Gleditsch-Ward state codes run from 2 to 990")
_LAT = Bound(-90, 90, "latitude in degrees")
_LON = Bound(-180, 180, "longitude in degrees")
_POP_K = Bound(0, 1e7, "thousands of persons: 1e7 is ten billion, above the world population")
_WORLD_MUSD = Bound(0, 1e8, "millions of US dollars: 1e8 is 100 trillion, above world output")
_DEATHS = Bound(0, 1e8, "persons killed: 1e8 is above the deaths of any war", _COW)
_PERCENT = Bound(-1000, 1000, "percent; ratios to GDP can exceed 100 (e.g. FDI hubs)")
_TROOPS = Bound(
    -1e4,
    1e7,
    "persons: 1e7 is above the US armed forces' all-time peak; the release has a few small "
    "negative counts (e.g. -322 marines in Greece, 1959)",
)
_TROOP_CCODE = Bound(1, 99999, "COW code; troopdata codes territories from 1000 up")


def _all(names: Iterable[str], bound: Bound) -> dict[str, Bound]:
    return dict.fromkeys(names, bound)


def _cols(text: str) -> tuple[str, ...]:
    return tuple(text.replace("\n", " ").split())


_NMC = _cols("stateabb ccode year milex milper irst pec tpop upop version")
_STATES = _cols("stateabb ccode statenme styear stmonth stday endyear endmonth endday version")
_MAJORS = _cols("stateabb ccode styear stmonth stday endyear endmonth endday version")
_SPELL_BOUNDS = {
    "ccode": _CCODE,
    "styear": _years(1816),
    "endyear": _years(1816),
    "stmonth": _MONTH,
    "endmonth": _MONTH,
    "stday": _DAY,
    "endday": _DAY,
    "version": _VERSION,
}
_DYADIC = _cols("ccode1 ccode2 year flow1 flow2 smoothflow1 smoothflow2 version")
_DYADIC_EXTRA = _cols(
    """importer1 importer2 smoothtotrade spike1 spike2 dip1 dip2 trdspike tradedip
    bel_lux_alt_flow1 bel_lux_alt_flow2 china_alt_flow1 china_alt_flow2 source1 source2"""
)
_FLOW = Bound(
    0, 1e7, "millions of current USD: 1e7 is ten trillion, above any bilateral flow", _COW
)
_MIDA = _cols("dispnum stmon styear outcome settle fatality maxdur mindur hiact hostlev recip")
_MIDA_EXTRA = _cols(
    "stday endday endmon endyear fatalpre numa numb link1 link2 link3 ongo2014 version"
)
_DIRDISPS = _cols(
    """dispnum ccode1 ccode2 year dispongoing disponset sidea1 sidea2 fatality1 fatality2
    fatalpre1 fatalpre2 hiact1 hiact2 hostlev1 hostlev2 orig1 orig2"""
)
_INTER = _cols(
    """warnum ccode1 ccode2 year cowinterongoing cowinteronset sidea1 sidea2 initiator1
    initiator2 outcome1 outcome2 batdeath1 batdeath2 resume"""
)
_INTRA = _cols(
    """warnum warname wartype year cowintraonset cowintraongoing resume_combat primary_state
    ccodea sidea ccodeb sideb intnl outcome sideadeaths sidebdeaths ongo2007"""
)
_WARNUM = Bound(1, 9999, "COW war number")
_PWT_VARS = _cols(
    """rgdpe rgdpo pop emp avh hc ccon cda cgdpe cgdpo cn ck ctfp cwtfp rgdpna rconna rdana
    rnna rkna rtfpna rwtfpna labsh irr delta xr pl_con pl_da pl_gdpo cor_exp statcap csh_c
    csh_i csh_g csh_x csh_m csh_r pl_c pl_i pl_g pl_x pl_m pl_n pl_k"""
)
_PWT_MUSD = Bound(0, 1e9, "millions of 2017 USD: 1e9 is a quadrillion, above world capital")
_PWT_INDEX = Bound(0, 1e3, "index or price level relative to the USA/2017 = 1")
_PWT_SHARE = Bound(-100, 100, "share of GDP (a fraction); large negatives occur for csh_r/csh_x")
_PWT_BOUNDS = {
    **_all(
        ("rgdpe", "rgdpo", "ccon", "cda", "cgdpe", "cgdpo", "cn", "rgdpna", "rconna", "rdana"),
        _PWT_MUSD,
    ),
    "rnna": _PWT_MUSD,
    "pop": Bound(0, 1e4, "millions of persons: 1e4 is ten billion"),
    "emp": Bound(0, 1e4, "millions of persons: 1e4 is ten billion"),
    "avh": Bound(0, 8784, "hours per year: 8,784 is every hour of a leap year"),
    "hc": Bound(0, 10, "human-capital index (1 = no schooling; about 4 at most)"),
    **_all(("ck", "ctfp", "cwtfp", "rkna", "rtfpna", "rwtfpna"), _PWT_INDEX),
    "labsh": Bound(0, 10, "labour share of GDP, a fraction"),
    "irr": Bound(-10, 10, "real internal rate of return, a fraction per year"),
    "delta": Bound(0, 1, "depreciation rate, a fraction per year"),
    "xr": Bound(0, 1e12, "national currency per USD (hyperinflation rates included)"),
    **_all(
        ("pl_con", "pl_da", "pl_c", "pl_i", "pl_g", "pl_x", "pl_m", "pl_n", "pl_k"),
        Bound(0, 1e4, "price level relative to the USA GDPo price level in 2017"),
    ),
    # the output-side price level is negative where net exports are (e.g. -24.7)
    "pl_gdpo": Bound(-1e4, 1e4, "price level of output-side GDP; can be negative"),
    "cor_exp": Bound(-1, 1, "correlation coefficient"),
    "statcap": Bound(0, 100, "statistical capacity score"),
    **_all(("csh_c", "csh_i", "csh_g", "csh_x", "csh_m", "csh_r"), _PWT_SHARE),
    "year": _years(1950),
}
_GAPMINDER_VALUE = {
    "armed_forces_personnel_percent_of_labor_force": Bound(0, 100, "percent of the labour force"),
    "armed_forces_personnel_total": Bound(0, 1e8, "persons"),
    "arms_exports_sipri_tiv": Bound(0, 1e12, "TIV units (not millions)"),
    "arms_imports_sipri_tiv": Bound(0, 1e12, "TIV units (not millions)"),
    "battle_deaths_per_100_000": Bound(0, 1e5, "deaths per 100,000 persons"),
    "exports_percent_of_gdp": _PERCENT,
    "external_debt_total_us_not_inflation_adjusted": Bound(0, 1e15, "current US dollars"),
    # FDI through financial hubs reaches 1,700 percent of GDP (Malta, Luxembourg)
    "foreign_direct_investment_net_inflows_percent_of_gdp": Bound(-1e5, 1e5, "percent of GDP"),
    "foreign_direct_investment_net_outflows_percent_of_gdp": Bound(-1e5, 1e5, "percent of GDP"),
    "gdppercapita_us_inflation_adjusted": Bound(0, 1e7, "constant US dollars per person"),
    "gnipercapita_atlasmethod_current_us": Bound(0, 1e7, "current US dollars per person"),
    "hourly_labour_cost_constant_2021_usd": Bound(0, 1e4, "2021 PPP dollars per hour"),
    "imports_percent_of_gdp": _PERCENT,
    "income_per_person_long_series": Bound(0, 1e7, "dollars per person"),
    "industry_workers_percent_of_employment": Bound(0, 100, "percent of employment"),
    "military_expenditure_percent_of_gdp": Bound(0, 1000, "percent of GDP"),
    "net_barter_terms_of_trade_2015_100": Bound(0, 1e5, "index, 2015 = 100"),
    "total_gdp_ppp_inflation_adjusted": Bound(0, 1e15, "PPP dollars: 1e15 is ten times world GDP"),
    "total_gdp_us_inflation_adjusted": Bound(0, 1e15, "constant US dollars"),
    "total_population_with_projections": Bound(0, 2e10, "persons: 2e10 is twenty billion"),
    "trade_balance_us_not_inflation_adjusted": Bound(-1e14, 1e14, "current US dollars"),
    "working_hours_per_week": Bound(0, 168, "hours per week: 168 is every hour of a week"),
}
_WEO_NC = Bound(-1e15, 1e15, "national currency: covers pre-redenomination currencies")
_WEO_PCT = Bound(-1e4, 1e4, "percent of GDP, of potential GDP or of the labour force")
_WEO_CHANGE = Bound(-100, 1e9, "percent change; hyperinflations reach 1e7 percent")
#: World Economic Outlook bounds per indicator code (units x scale of the concepts file).
_WEO: dict[str, Bound] = {
    **_all(
        ("GGR", "GGX", "GGSB", "GGXCNL", "GGXONLB", "GGXWDG", "GGXWDN", "NGDP", "NGDP_FY"),
        _WEO_NC,
    ),
    **_all(("NGDP_R", "NGDPPC", "NGDPRPC", "PPPEX"), _WEO_NC),
    **_all(
        (
            "BCA_NGDPD",
            "GGR_NGDP",
            "GGSB_NPGDP",
            "GGXCNL_NGDP",
            "GGXONLB_NGDP",
            "GGXWDG_NGDP",
            "GGXWDN_NGDP",
            "GGX_NGDP",
            "NGAP_NPGDP",
            "NGSD_NGDP",
            "NID_NGDP",
            "LUR",
            "PPPSH",
            "FLIBOR6",
        ),
        _WEO_PCT,
    ),
    **_all(
        ("NGDP_RPCH", "PCPIEPCH", "PCPIPCH", "TMG_RPCH", "TM_RPCH", "TXG_RPCH", "TX_RPCH"),
        _WEO_CHANGE,
    ),
    # Venezuela's hyperinflation takes the CPI index to 1.4e39 in the projections
    **_all(("PCPI", "PCPIE", "NGDP_D"), Bound(0, 1e60, "price index; hyperinflations included")),
    "BCA": Bound(-1e5, 1e5, "billions of US dollars"),
    "NGDPD": Bound(0, 1e6, "billions of US dollars: 1e6 is ten times world GDP"),
    "PPPGDP": Bound(0, 1e6, "billions of international dollars"),
    **_all(("NGDPDPC", "NGDPRPPPPC", "PPPPC"), Bound(0, 1e7, "dollars per person")),
    **_all(("LE", "LP"), Bound(0, 1e4, "millions of persons: 1e4 is ten billion")),
}
_GGDC_SECTORS = _cols("AGR MIN MAN PU CON WRT TRA FIRE GOV OTH SUM")
_TROOPS_REBUILD = _cols(
    """countryname year ccode iso3c region troops_ad army_ad navy_ad air_force_ad
    marine_corps_ad coast_guard_ad space_force_ad army_national_guard air_national_guard
    army_reserve navy_reserve marine_corps_reserve air_force_reserve coast_guard_reserve
    total_selected_reserve army_civilian navy_civilian marine_corps_civilian
    air_force_civilian dod_civilian total_civilian"""
)
_TROOPS_LEGACY = _cols(
    """countryname ccode iso3c year troops army navy air_force marine_corps region
    space_force coast_guard"""
)
_COCO = _cols(
    """name_short name_official regex ISO2 ISO3 ISOnumeric UNcode FAOcode GBDcode continent
    Continent_7 UNregion EXIO1 EXIO2 EXIO3 EXIO1_3L EXIO2_3L EXIO3_3L WIOD Eora MESSAGE IMAGE
    REMIND OECD EU EU28 EU27 EU27_2007 EU25 EU15 EU12 EEA Schengen EURO UN UNmember obsolete
    Cecilia2050 BRIC APEC BASIC CIS G7 G20 IEA DACcode ccTLD GWcode CC41 IOC FIFA GEOnumeric
    CoE"""
)
_CODELIST = (
    "country.name.en",
    "iso3c",
    "iso2c",
    "iso3n",
    "cown",
    "cowc",
    "gwn",
    "gwc",
    "imf",
    "un",
    "wb",
    "fao",
    "p5n",
    "vdem",
    "continent",
    "region",
    "region23",
    "un.region.name",
    "un.regionsub.name",
    "eu28",
    "cow.name",
    "iso.name.en",
    "un.name.en",
)
_CODE_BOUNDS = {
    "iso3n": Bound(0, 999, "ISO 3166-1 numeric"),
    "cown": _CCODE,
    "gwn": _GW,
    "imf": Bound(0, 9999, "IMF IFS country code"),
    "un": Bound(0, 999, "UN M49 code"),
    "fao": Bound(0, 9999, "FAO country code"),
    "p5n": Bound(0, 999, "Polity V code"),
    "vdem": Bound(0, 999, "V-Dem country id"),
    "year": _years(1700),
}
_ENTITIES = _cols(
    """country g77_and_oecd_countries income_3groups income_groups is--country
    iso3166_1_alpha2 iso3166_1_alpha3 iso3166_1_numeric iso3166_2 landlocked latitude
    longitude main_religion_2008 name un_sdg_ldc un_sdg_region un_state unhcr_region
    unicef_region unicode_region_subtag west_and_rest world_4region world_6region"""
)

#: Every file layout, by ``<source id>/<file>`` pattern (first match wins).
LAYOUTS: tuple[FileLayout, ...] = (
    FileLayout(
        "cow_nmc/NMC-70-abridged.csv",
        _NMC,
        {
            "ccode": _CCODE,
            "year": _years(1816),
            "milex": Bound(0, 1e10, "thousands of current GBP/USD: ten trillion", _COW),
            "milper": Bound(0, 1e5, "thousands of personnel: 100 million", _COW),
            "irst": Bound(0, 1e7, "thousands of tons: ten billion tons", _COW),
            "pec": Bound(0, 1e8, "thousands of coal-ton equivalents: 100 billion tons", _COW),
            "tpop": Bound(0, 1e7, _POP_K.why, _COW),
            "upop": Bound(0, 1e7, _POP_K.why, _COW),
            "version": _VERSION,
            "cinc": Bound(0, 1, "share of the system's capabilities"),
        },
        extra=("cinc",),
    ),
    FileLayout("cow_states/states2016.csv", _STATES, _SPELL_BOUNDS),
    FileLayout("cow_states/majors2016.csv", _MAJORS, _SPELL_BOUNDS),
    FileLayout(
        "cow_trade/Dyadic_COW_4.0.parquet",
        _DYADIC,
        {
            "ccode1": _CCODE,
            "ccode2": _CCODE,
            "year": _years(1870),
            **_all(("flow1", "flow2", "smoothflow1", "smoothflow2"), _FLOW),
            "smoothtotrade": _FLOW,
            "version": _VERSION,
        },
        extra=_DYADIC_EXTRA,
    ),
    FileLayout(
        "cow_trade/National_COW_4.0.csv",
        _cols("stateabb ccode year imports exports version"),
        {
            "ccode": _CCODE,
            "year": _years(1870),
            "imports": _FLOW,
            "exports": _FLOW,
            "version": _VERSION,
        },
        extra=_cols("alt_imports alt_exports source1 source2 bel_lux_alt_flow china_alt_flow"),
    ),
    FileLayout(
        "cow_mid/MIDA_5.0_abridged.csv",
        _MIDA,
        {
            "dispnum": Bound(1, 99999, "MID dispute number"),
            "stmon": _MONTH,
            "styear": _years(1816),
            "endyear": _years(1816),
            "stday": _DAY,
            "endday": _DAY,
            "endmon": _MONTH,
            "fatalpre": Bound(0, 1e8, "precise fatalities", _COW),
            "maxdur": Bound(0, 1e5, "days: 1e5 is 270 years", _COW),
            "mindur": Bound(0, 1e5, "days: 1e5 is 270 years", _COW),
            "numa": Bound(0, 999, "number of states on a side"),
            "numb": Bound(0, 999, "number of states on a side"),
            "version": _VERSION,
        },
        extra=_MIDA_EXTRA,
        default=_CODE,
    ),
    FileLayout(
        "cow_mid/cow_mid_dirdisps.csv",
        _DIRDISPS,
        {
            "dispnum": Bound(1, 99999, "MID dispute number"),
            "fatalpre1": Bound(0, 1e8, "precise fatalities", _COW),
            "fatalpre2": Bound(0, 1e8, "precise fatalities", _COW),
            "ccode1": _CCODE,
            "ccode2": _CCODE,
            "year": _years(1816),
        },
        default=_CODE,
    ),
    FileLayout(
        "cow_war/cow_war_inter.csv",
        _INTER,
        {
            "warnum": _WARNUM,
            "ccode1": _CCODE,
            "ccode2": _CCODE,
            "year": _years(1816),
            "batdeath1": _DEATHS,
            "batdeath2": _DEATHS,
        },
        default=_CODE,
    ),
    FileLayout(
        "cow_war/cow_war_intra.csv",
        _INTRA,
        {
            "warnum": _WARNUM,
            "year": _years(1816),
            "ccodea": _CCODE_S,
            "ccodeb": _CCODE_S,
            "sideadeaths": _DEATHS,
            "sidebdeaths": _DEATHS,
        },
        default=_CODE,
    ),
    FileLayout(
        "maddison/mpd2023.csv",
        _cols("countrycode country region year gdppc pop"),
        {
            "year": Bound(1, 2100, "calendar year (the MPD starts in year 1)"),
            "gdppc": Bound(0, 1e7, "2011 international dollars per person"),
            "pop": _POP_K,
        },
    ),
    FileLayout("maddison/mpd2023_sources.csv", _cols("countrycode years source")),
    FileLayout(
        "pwt/pwt1001.csv.gz",
        ("countrycode", "country", "currency_unit", "year", *_PWT_VARS),
        _PWT_BOUNDS,
        extra=_cols("i_cig i_xm i_xr i_outlier i_irr"),
    ),
    FileLayout("pwt/pwt1001_variables.csv", _cols("variable definition in_file")),
    FileLayout(
        "imf_weo/weo_apr2019.csv.gz",
        _cols("iso3 year indicator value"),
        {"year": _years(1980), "value": Bound(-1e9, 1e9, "indicator units x scale")},
        keyed=("value", "indicator", _WEO),
    ),
    FileLayout(
        "imf_weo/weo_apr2019_concepts.csv",
        _cols("indicator subject_descriptor units scale subject_notes"),
    ),
    FileLayout(
        "imf_weo/weo_apr2019_countries.csv",
        _cols("iso3 weo_country_code country"),
        {"weo_country_code": Bound(0, 9999, "IMF WEO country code")},
    ),
    FileLayout(
        "imf_weo/weo_apr2019_notes.csv.gz",
        _cols("iso3 indicator estimates_start_after country_series_specific_notes"),
        {"estimates_start_after": Bound(0, 2100, "year; 0 = no estimates")},
    ),
    FileLayout(
        "sipri_tiv/sipri_tiv_bilateral_1950_2021.csv",
        _cols(
            "supplier recipient year tiv supplier_ccode recipient_ccode supplier_type "
            "recipient_type"
        ),
        {
            "year": _years(1950),
            "tiv": Bound(0, 1e5, "millions of TIV: world deliveries are about 3e4 a year"),
            "supplier_ccode": _CCODE,
            "recipient_ccode": _CCODE,
        },
    ),
    FileLayout(
        "nuclear/warhead_stockpiles.csv",
        _cols("country year warheads"),
        {
            "year": _years(1945),
            "warheads": Bound(0, 1e5, "warheads: the all-time world peak is about 70,000"),
        },
    ),
    FileLayout(
        "nuclear/nuclear_weapons_status.csv",
        _cols(
            "country year nuclear_weapons_status nuclear_weapons_consideration "
            "nuclear_weapons_pursuit nuclear_weapons_possession"
        ),
        {"year": _years(1900), "nuclear_weapons_status": Bound(0, 3, "status code 0-3")},
        default=_FLAG,
    ),
    FileLayout(
        "atop/atop5_1ddyr.csv.gz",
        _cols("ddyad stateA stateB year atopally defense offense neutral nonagg consul"),
        {
            "ddyad": Bound(0, 1e7, "directed-dyad id = 1000 * stateA + stateB"),
            "stateA": _CCODE,
            "stateB": _CCODE,
            "year": _years(1815),
        },
        default=_FLAG,
    ),
    FileLayout(
        "ucdp/ucdp-prio-acd.csv",
        _cols(
            "conflict_id incompatibility year intensity_level type_of_conflict start_date "
            "start_prec start_date2 start_prec2 ep_end ep_end_date gwno_a gwno_a_2nd gwno_b "
            "gwno_b_2nd version"
        ),
        {
            "conflict_id": Bound(1, 1e6, "UCDP conflict id"),
            "year": _years(1946),
            "version": Bound(0, 9999, "release number"),
            "gwno_a": _GW,
            "gwno_b": _GW,
        },
        extra=_cols(
            "location side_a side_a_id side_a_2nd side_b side_b_id side_b_2nd territory_name region"
        ),
        default=Bound(0, 9, "small categorical code of the codebook"),
    ),
    FileLayout(
        "unvotes/un_votes.csv.gz",
        _cols("rcid country country_code vote"),
        {"rcid": Bound(1, 1e6, "roll-call id")},
    ),
    FileLayout(
        "unvotes/un_roll_calls.csv",
        _cols("rcid session importantvote date unres amend para short descr"),
        {
            "rcid": Bound(1, 1e6, "roll-call id"),
            "session": Bound(1, 999, "UN General Assembly session number"),
            "importantvote": _FLAG,
            "amend": _FLAG,
            "para": _FLAG,
        },
    ),
    FileLayout(
        "unvotes/un_roll_call_issues.csv",
        _cols("rcid short_name issue"),
        {"rcid": Bound(1, 1e6, "roll-call id")},
    ),
    FileLayout(
        "us_troops/troopdata_rebuild_country_year.csv",
        _TROOPS_REBUILD,
        {"year": _years(1950), "ccode": _TROOP_CCODE},
        default=_TROOPS,
    ),
    FileLayout(
        "us_troops/troopdata_legacy_country_year.csv",
        _TROOPS_LEGACY,
        {"year": _years(1950), "ccode": _TROOP_CCODE},
        default=_TROOPS,
    ),
    FileLayout(
        "us_troops/basedata.csv",
        _cols("countryname ccode iso3c basename lat lon base lilypad fundedsite"),
        {"ccode": _TROOP_CCODE, "lat": _LAT, "lon": _LON},
        default=_FLAG,
    ),
    FileLayout(
        # the loader's frame (a workbook has no CSV layout): the values of the sheets
        "sipri_milex/SIPRI-Milex-data-1949-2020_0.xlsx",
        open=True,
        bounds={
            "year": _years(1949),
            "milex_musd_constant2019": Bound(0, 1e7, "millions of US dollars: ten trillion"),
            "milex_musd_current": Bound(0, 1e7, "millions of US dollars: ten trillion"),
            # Kuwait spent 117 % of its GDP in 1991
            "milex_share_gdp": Bound(0, 10, "fraction of GDP"),
        },
    ),
    FileLayout("wiod2013/labels.csv", _cols("kind code name nace_rev1_1")),
    FileLayout(
        "wiod2013/wiot*.parquet",
        open=True,  # the loader checks the exact 1,400-column layout itself
        default=Bound(-1e8, 1e8, "millions of US dollars: 1e8 is above world gross output"),
    ),
    FileLayout(
        "labour/10SD_jan15.csv",
        _cols("Country Regioncode Region Variable Year"),
        {"Year": _years(1940)},
        extra=_GGDC_SECTORS,
        # VA in millions of national currency (up to about 1e9 for high-inflation
        # currencies such as the Indonesian rupiah), EMP in thousands
        default=Bound(-1e13, 1e13, "millions of national currency or thousands of persons"),
    ),
    FileLayout(
        "labour/workforce_total_iso3.csv.gz",
        (
            "ref_area",
            "indicator",
            "EXIO3",
            "source",
            "sex",
            "time",
            "Workforce (1000)",
            "ref_area.label",
        ),
        {"time": _years(1950), "Workforce (1000)": Bound(0, 1e7, _POP_K.why)},
    ),
    FileLayout(
        "gapminder/ddf--entities--geo--country.csv",
        _ENTITIES,
        {"latitude": _LAT, "longitude": _LON, "iso3166_1_numeric": Bound(0, 999, "ISO numeric")},
    ),
    FileLayout(
        "gapminder/indicators.csv",
        _cols("indicator name description format source source_url"),
    ),
    *(
        FileLayout(
            f"gapminder/{name}.csv",
            _cols("geo time value"),
            {"time": Bound(-10000, 2200, "year (projections to 2100)"), "value": bound},
        )
        for name, bound in _GAPMINDER_VALUE.items()
    ),
    FileLayout("countries/country_codes.csv", _CODELIST, _CODE_BOUNDS),
    FileLayout(
        "countries/country_codes_panel.csv.gz",
        _cols("country.name.en year iso3c iso2c iso3n cown cowc gwn gwc imf un wb p5n vdem"),
        _CODE_BOUNDS,
    ),
    FileLayout(
        "countries/country_data.tsv",
        _COCO,
        {"ISOnumeric": Bound(0, 999, "ISO numeric"), "GWcode": _GW},
        ragged=True,  # the Aland Islands row of coco 1.3.2 has 50 of the 53 fields
        # membership columns hold years of accession
        default=Bound(0, 9999, "code or year of accession"),
    ),
)


def layout_for(path: str | os.PathLike[str]) -> FileLayout | None:
    """The layout declared for ``path`` (matched on ``<source folder>/<file>``)."""
    parts = PurePath(path).parts
    key = "/".join(parts[-2:])
    for layout in LAYOUTS:
        if fnmatch.fnmatchcase(key, layout.pattern):
            return layout
    return None
