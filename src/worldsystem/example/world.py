"""The generator of the example world.

See :mod:`worldsystem.example` (or :func:`describe`) for what is planted and how.
Everything here is pure: no I/O, no clock, and all randomness comes from
``numpy.random.SeedSequence(seed)``, split into one independent stream per
component so that the parts of the world do not shift when another part changes.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import (
    EXAMPLE_SOURCE_ID,
    Provenance,
    SourceRecord,
    attach,
    set_units,
)
from worldsystem.core.schema import (
    UN_SESSION_YEAR_OFFSET,
    validate_country_year,
    validate_dyad_year,
)
from worldsystem.panels.mrio import MRIO

__all__ = ["BLOCS", "UNITS", "ZONES", "ExampleWorld", "Truth", "planted_drain", "world"]

ZONES = ("core", "semi-periphery", "periphery")
BLOCS = ("A", "B", "none")

#: Codes that must never be generated: XKX is Kosovo's user-assigned code (EU, IMF,
#: World Bank); XXK is another Kosovo variant; XXX often means "unknown".
RESERVED_CODES = frozenset({"XKX", "XXK", "XXX"})

# --------------------------------------------------------------------------- #
# Planted parameters (documented in worldsystem/example/_description.py).
# --------------------------------------------------------------------------- #
ZONE_SHARES = {"core": 0.2, "semi-periphery": 0.3}  # periphery takes the rest
#: Base-year GDP per capita at PPP (international $, base-year prices) by zone.
GDPPC_PPP_BASE = {"core": 40_000.0, "semi-periphery": 10_000.0, "periphery": 2_000.0}
GDPPC_SD = 0.15  # sd of log GDP per capita within a zone
#: Real growth of GDP per capita per year by zone.
GDPPC_GROWTH = {"core": 0.015, "semi-periphery": 0.025, "periphery": 0.015}
GDPPC_SHOCK_SD = 0.01  # sd of the yearly random-walk shock to log GDP per capita
#: Price level (PPP conversion factor / exchange rate) by zone.
PRICE_LEVEL = {"core": 1.0, "semi-periphery": 0.55, "periphery": 0.35}
PRICE_LEVEL_SD = 0.08
INFLATION = 0.02  # dollar prices rise 2 % a year, so "current" values drift up
#: Base-year population (thousands): log-normal median by zone, sd 0.6.
POP_MEDIAN = {"core": 40_000.0, "semi-periphery": 50_000.0, "periphery": 20_000.0}
POP_SD = 0.6
POP_GROWTH = {"core": 0.004, "semi-periphery": 0.010, "periphery": 0.025}
LEADER_A_POP = 320_000.0  # thousands
LEADER_A_GDPPC_FACTOR = 1.3
LEADER_B_POP = 700_000.0
LEADER_B_GDPPC_FACTOR = 0.8
#: COW-style capability intensities by zone.
MILEX_SHARE_GDP = {"core": 0.015, "semi-periphery": 0.02, "periphery": 0.015}
LEADER_A_MILEX_SHARE = 0.045
LEADER_B_MILEX_SHARE = 0.025
MILPER_SHARE_POP = {"core": 0.003, "semi-periphery": 0.003, "periphery": 0.003}
LEADER_A_MILPER_SHARE = 0.0045
LEADER_B_MILPER_SHARE = 0.002
IRST_PER_GDP = {"core": 4.0, "semi-periphery": 12.0, "periphery": 3.0}  # t per USD m PPP
LEADER_A_IRST = 6.0
LEADER_B_IRST = 12.0
PEC_PER_GDP = {"core": 150.0, "semi-periphery": 180.0, "periphery": 120.0}  # tce per USD m
UPOP_SHARE = {"core": 0.55, "semi-periphery": 0.40, "periphery": 0.20}
#: FDI flows in % of GDP (log-normal medians by zone, sd 0.3; yearly noise sd 0.25).
FDI_OUT = {"core": 3.0, "semi-periphery": 0.8, "periphery": 0.1}
FDI_IN = {"core": 1.5, "semi-periphery": 3.0, "periphery": 3.5}
#: Labour: employment / population and hours per worker per year.
EMPLOYMENT_RATE = {"core": 0.48, "semi-periphery": 0.45, "periphery": 0.40}
HOURS_PER_WORKER = {"core": 1_700.0, "semi-periphery": 2_000.0, "periphery": 2_200.0}
#: Warheads: bloc-A leader declines linearly 12,000 -> 4,000; two more core states
#: hold about 300 and 250; the bloc-B leader grows 250 -> 400.
WARHEADS_LEADER_A = (12_000, 4_000)
WARHEADS_OTHER_CORE = (300, 250)
WARHEADS_LEADER_B = (250, 400)

#: Trade: probability that a directed dyad trades at all, by (zone_o, zone_d).
TRADE_PRESENCE = np.array(
    [
        [1.00, 0.97, 0.90],
        [0.97, 0.80, 0.80],
        [0.90, 0.15, 0.02],
    ]
)
#: Trade: log zone effect in the gravity equation, by (zone_o, zone_d).
TRADE_ZONE_EFFECT = np.array(
    [
        [1.5, 1.0, 0.3],
        [1.0, 0.0, 0.3],
        [0.8, -0.7, -2.0],
    ]
)
GRAVITY = {"gdp_o": 0.9, "gdp_d": 0.8, "dist": 0.8, "dyad_sd": 0.4, "year_sd": 0.15}
TRADE_OPENNESS = 0.25  # world exports / world GDP (USD)

#: Arms transfers (SIPRI-style TIV, millions). Exporters and their scale: every
#: core and semi-peripheral state exports; the periphery does not.
ARMS_EXPORT_SCALE = {
    "leader_a": 300.0,
    "leader_b": 120.0,
    "nuclear_core": 60.0,
    "core": 25.0,
    "semi-periphery": 6.0,
    "periphery": 0.0,
}
#: Probability that an exporter supplies a recipient at all, by (zone_o, zone_d),
#: before the bloc factor.
ARMS_REACH = np.array(
    [
        [0.6, 0.9, 0.7],
        [0.0, 0.3, 0.6],
        [0.0, 0.0, 0.0],
    ]
)
#: Bloc factor on ARMS_REACH: same bloc, either side non-aligned, rival blocs.
ARMS_BLOC_FACTOR = {"same": 1.0, "non-aligned": 0.5, "rival": 0.0}
#: Delivered volume by recipient zone (richer states buy more), times the scale.
ARMS_RECIPIENT_VOLUME = np.array([1.0, 0.6, 0.3])
ARMS_SD = 0.8  # sd of log TIV per delivery year
ARMS_DELIVERY_SHARE = 0.6  # share of years with a delivery in a supply relationship
#: Alliances: probability that two members of the same bloc are allied, by zones
#: (pairs with a bloc leader are always allied).
ALLIANCE_PROB = np.array(
    [
        [1.00, 0.85, 0.60],
        [0.85, 0.70, 0.50],
        [0.60, 0.50, 0.30],
    ]
)
ALLIANCE_DEFENSE_SHARE = 0.8  # share of the other alliances that are defence pacts

#: Bloc shares within zones (A, B; the rest is "none"). Core is all A except the
#: last core country, which is neutral when there are 5 or more core countries.
BLOC_SHARES = {"semi-periphery": (0.35, 0.40), "periphery": (0.35, 0.35)}
#: Base ideal points: normal(mean, 0.25) by bloc (core members of A sit further out).
IDEAL_MEAN = {"A_core": 1.2, "A": 0.8, "B": -0.9, "none": 0.0}
IDEAL_SD = 0.25
IDEAL_LEADER = {"A": 1.6, "B": -1.4}
IDEAL_DRIFT_SD = 0.04  # random-walk step per session
VOTES_PER_SESSION = 40
NEGATIVE_ITEM_SHARE = 0.75  # share of resolutions the A bloc tends to oppose
FIRST_UN_SESSION_YEAR = UN_SESSION_YEAR_OFFSET  # session = year - offset (45 opened in 1990)

#: MRIO: intermediate input share of output by zone (+/- 0.05 uniform noise).
INPUT_SHARE = {"core": 0.45, "semi-periphery": 0.50, "periphery": 0.40}
DOMESTIC_SHARE_INTERMEDIATE = 0.70
DOMESTIC_SHARE_FINAL = 0.80
MAX_MRIO_N = 200
SECTOR_NAMES = ("primary", "manufacturing", "services", "knowledge")
#: Position of each zone's comparative advantage on the sector ladder (0 = primary,
#: 1 = knowledge); advantage = exp(-3 (u_s - peak)^2).
CA_PEAK = {"core": 1.0, "semi-periphery": 0.5, "periphery": 0.0}

_UNITS_CY = {
    "gdp_usd": "USD million, current, exchange-rate basis",
    "gdp_ppp": "international $ million, current PPP",
    "pop": "thousands of persons",
    "gdppc_ppp": "international $ per person, current PPP",
    "price_level": "ratio of PPP conversion factor to exchange rate",
    "milex": "thousand USD, current (COW NMC milex)",
    "milper": "thousands of personnel (COW NMC milper)",
    "irst": "thousand tons of iron and steel (COW NMC irst)",
    "pec": "thousand coal-ton equivalents (COW NMC pec)",
    "tpop": "thousands of persons (COW NMC tpop)",
    "upop": "thousands of persons in cities of 100,000+ (COW NMC upop)",
    "fdi_out_pct_gdp": "FDI outflows, percent of GDP",
    "fdi_in_pct_gdp": "FDI inflows, percent of GDP",
    "warheads": "nuclear warheads (count)",
    "employment": "thousands of persons employed",
    "hours_per_worker": "hours per worker per year",
}


@dataclass(frozen=True, eq=False)
class Truth:
    """Planted facts of an example world, for tests that check recovery.

    Attributes
    ----------
    zones : mapping of str to str
        iso3 -> ``"core"``, ``"semi-periphery"`` or ``"periphery"``.
    blocs : mapping of str to str
        iso3 -> ``"A"``, ``"B"`` or ``"none"``.
    zone_counts : mapping of str to int
        Number of countries per zone.
    bloc_leaders : mapping of str to str
        ``{"A": iso3, "B": iso3}``; the A leader has the most positive ideal point.
    leader, second : str
        First and second state by capability (CINC averaged over the years).
    nuclear_states : tuple of str
        States with warheads > 0.
    drain_direction : str
        ``"periphery->core"``: embodied labour flows net from periphery to core.
    drain_sign : int
        +1: ``drain_hours`` is positive.
    drain_hours : float
        Net hours embodied in final demand, periphery-produced and core-consumed
        minus core-produced and periphery-consumed, in the MRIO year (hours).
    periphery_hours_exported, periphery_hours_imported : float
        Hours produced in the periphery and embodied in the final demand of
        other zones, and the reverse (hours).
    params : mapping of str to object
        The planted parameters (zone levels, gravity, vote model, MRIO shares).
    planted_rise : mapping or None
        With ``world(planted_rise=True)``: ``iso3`` of a peripheral country
        (planted zone ``"periphery"``, its zone at the start) whose log GDP per
        capita moves from the periphery's level to the core's on a logistic path
        (``midpoint`` year, ``scale`` years), ``zone_from``, ``zone_to`` and
        ``log_gdppc_ppp`` (the path, one value per year, real base-year prices).
    planted_transition : mapping or None
        With ``planted_rise=True``: the bloc-B leader's GDP at PPP grows past the
        bloc-A leader's, ``gdp_B / gdp_A = exp(rate * (t - year + 1/2))``, so the
        crossing is exactly in ``year``: ``leader``, ``overtaken``, ``year``,
        ``rate``, ``index`` (``"gdp"``).
    """

    zones: Mapping[str, str]
    blocs: Mapping[str, str]
    zone_counts: Mapping[str, int]
    bloc_leaders: Mapping[str, str]
    leader: str
    second: str
    nuclear_states: tuple[str, ...]
    drain_direction: str
    drain_sign: int
    drain_hours: float
    periphery_hours_exported: float
    periphery_hours_imported: float
    params: Mapping[str, Any] = field(default_factory=dict)
    planted_rise: Mapping[str, Any] | None = None
    planted_transition: Mapping[str, Any] | None = None


@dataclass(frozen=True, eq=False)
class ExampleWorld:
    """A synthetic world of fictional countries with planted structure.

    Every frame carries ``attrs["provenance"]`` (example data) and
    ``attrs["units"]``.

    Attributes
    ----------
    seed : int
    countries : DataFrame
        ``iso3, name, zone, bloc, ideal_point_truth`` (ideal point in the first
        session).
    country_years : DataFrame
        Country-year panel; see :data:`UNITS` for the columns and units.
    trade : DataFrame
        Directed dyad-year ``iso3_o, iso3_d, year, flow_musd, dist_km``: exports
        from o to d in current USD million (zeros kept: every ordered pair).
    arms : DataFrame
        Directed dyad-year ``iso3_o, iso3_d, year, tiv`` (SIPRI-style trend
        indicator values, millions), only positive transfers.
    alliances : DataFrame
        Undirected dyad-year ``iso3_o, iso3_d, year, defense`` with
        ``iso3_o < iso3_d`` (``attrs["directed"] = False``); defense is 0/1.
    votes : DataFrame
        ``rcid, session, year, iso3, vote`` with vote in yes/abstain/no.
    roll_calls : DataFrame
        ``rcid, session, year, discrimination, cut_low, cut_high``: the item truth.
    ideal_points_truth : DataFrame
        ``iso3, session, year, ideal_point``.
    mrio : MRIO
        Table for the last year (regions = countries, or zones when
        ``n_countries * n_sectors > 200``), satellites ``labour_hours`` and
        ``value_added``.
    truth : Truth
    provenance : Provenance
    """

    seed: int
    countries: pd.DataFrame
    country_years: pd.DataFrame
    trade: pd.DataFrame
    arms: pd.DataFrame
    alliances: pd.DataFrame
    votes: pd.DataFrame
    roll_calls: pd.DataFrame
    ideal_points_truth: pd.DataFrame
    mrio: MRIO
    truth: Truth
    provenance: Provenance

    def frames(self) -> dict[str, pd.DataFrame]:
        """All frames by attribute name."""
        return {
            "countries": self.countries,
            "country_years": self.country_years,
            "trade": self.trade,
            "arms": self.arms,
            "alliances": self.alliances,
            "votes": self.votes,
            "roll_calls": self.roll_calls,
            "ideal_points_truth": self.ideal_points_truth,
        }


UNITS = MappingProxyType(dict(_UNITS_CY))


def _check_args(seed: int, n_countries: int, years: tuple[int, int], n_sectors: int) -> None:
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise WorldsystemError(
            "seed must be a non-negative integer",
            field="seed",
            value=seed,
            hint="pass e.g. seed=0",
        )
    if not isinstance(n_countries, (int, np.integer)) or not 6 <= n_countries <= 600:
        raise WorldsystemError(
            "n_countries must be an integer between 6 and 600",
            field="n_countries",
            value=n_countries,
            hint="three zones need at least two countries each",
        )
    if (
        len(years) != 2
        or not all(isinstance(y, (int, np.integer)) for y in years)
        or not 1 <= years[0] <= years[1] <= 2100
    ):
        raise WorldsystemError(
            "years must be (first, last) integers with 1 <= first <= last <= 2100",
            field="years",
            value=years,
            hint="pass e.g. years=(1990, 2019)",
        )
    if not isinstance(n_sectors, (int, np.integer)) or not 2 <= n_sectors <= 50:
        raise WorldsystemError(
            "n_sectors must be an integer between 2 and 50",
            field="n_sectors",
            value=n_sectors,
            hint="the default is 4 (primary, manufacturing, services, knowledge)",
        )


# --------------------------------------------------------------------------- #
# Names and codes
# --------------------------------------------------------------------------- #
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr",
           "kr", "st", "tr", "vel", "mor", "sar")  # fmt: skip
_VOWELS = ("a", "e", "i", "o", "u", "a", "o", "e")
_SUFFIXES = ("ia", "land", "onia", "ara", "ovia", "istan", "ea", "ador", "enne", "una")


def _names_and_codes(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < n:
        k = int(rng.integers(1, 3))
        stem = "".join(
            _ONSETS[rng.integers(len(_ONSETS))] + _VOWELS[rng.integers(len(_VOWELS))]
            for _ in range(k)
        )
        name = (stem + _SUFFIXES[rng.integers(len(_SUFFIXES))]).capitalize()
        if name not in seen:
            seen.add(name)
            names.append(name)
    taken = set(RESERVED_CODES)
    codes: list[str] = []
    letters = string.ascii_uppercase
    for name in names:
        up = name.upper()
        code = None
        # mnemonic first: X + first letter + a later letter of the name
        for ch in up[1:]:
            cand = "X" + up[0] + ch
            if cand not in taken:
                code = cand
                break
        while code is None:
            cand = "X" + letters[rng.integers(26)] + letters[rng.integers(26)]
            if cand not in taken:
                code = cand
        taken.add(code)
        codes.append(code)
    return names, codes


# --------------------------------------------------------------------------- #
# The generator
# --------------------------------------------------------------------------- #
def world(
    seed: int = 0,
    *,
    n_countries: int = 30,
    years: tuple[int, int] = (1990, 2019),
    n_sectors: int = 4,
    planted_rise: bool = False,
) -> ExampleWorld:
    """Generate the example world: fictional countries with planted structure.

    The world is a pure function of its arguments: the same ``seed`` gives
    bitwise-identical frames, different seeds give different worlds. What is
    planted, and how, is described by :func:`worldsystem.example.describe`.

    Parameters
    ----------
    seed : int, default 0
        Seed of ``numpy.random.SeedSequence``; one child stream per component.
    n_countries : int, default 30
        Number of countries (6 to 600). Zones take 20 % core, 30 %
        semi-periphery (at least two each) and the rest periphery.
    years : tuple of int, default (1990, 2019)
        First and last year, inclusive. One UN session per year.
    n_sectors : int, default 4
        Sectors of the MRIO (2 to 50), ordered from primary to knowledge-intensive.
    planted_rise : bool, default False
        Also plant a rise and a power transition (:attr:`Truth.planted_rise`,
        :attr:`Truth.planted_transition`): a peripheral country grows into the
        core on a known path and the bloc-B leader's GDP overtakes the bloc-A
        leader's in a known year (60 % of the way through the years). No random
        draw changes, so every other country's income path is the default world's.

    Returns
    -------
    ExampleWorld
        Frames, the MRIO table of the last year, the planted :class:`Truth` and the
        provenance (one source ``"example"``, version ``"seed=<seed>"``,
        ``example=True``).

    Raises
    ------
    WorldsystemError
        If an argument is out of range.

    Examples
    --------
    >>> from worldsystem.example import world
    >>> w = world(seed=0)
    >>> w.countries["iso3"].str.startswith("X").all()
    np.True_
    >>> w.provenance.is_example
    True
    """
    _check_args(seed, n_countries, years, n_sectors)
    seed = int(seed)
    n = int(n_countries)
    n_sectors = int(n_sectors)
    y0, y1 = int(years[0]), int(years[1])
    streams = np.random.SeedSequence(seed).spawn(8)
    rng_names, rng_country, rng_panel, rng_trade, rng_arms, rng_votes, rng_mrio, rng_al = (
        np.random.default_rng(s) for s in streams
    )

    prov = Provenance(
        sources=(
            SourceRecord(
                id=EXAMPLE_SOURCE_ID,
                version=f"seed={seed}",
                files=(),
                citation=None,
                example=True,
            ),
        ),
        notes=(
            "Synthetic example data: fictional countries generated by "
            "worldsystem.example.world with planted structure; not real observations.",
        ),
    ).with_method(
        "worldsystem.example.world",
        {"seed": seed, "n_countries": n, "years": [y0, y1], "n_sectors": n_sectors}
        | ({"planted_rise": True} if planted_rise else {}),
    )

    # -- countries: zones, blocs, leaders ------------------------------------ #
    names, codes = _names_and_codes(rng_names, n)
    by_code = sorted(zip(codes, names, strict=True))
    codes = [c for c, _ in by_code]
    names = [m for _, m in by_code]
    n_core = max(2, round(ZONE_SHARES["core"] * n))
    n_semi = max(2, round(ZONE_SHARES["semi-periphery"] * n))
    zone_idx = rng_country.permutation(
        np.array([0] * n_core + [1] * n_semi + [2] * (n - n_core - n_semi))
    )
    zone = np.array(ZONES, dtype=object)[zone_idx]
    core_ix = np.flatnonzero(zone_idx == 0)
    semi_ix = np.flatnonzero(zone_idx == 1)
    peri_ix = np.flatnonzero(zone_idx == 2)
    leader_a, leader_b = int(core_ix[0]), int(semi_ix[0])
    nuclear_core = [int(i) for i in core_ix[1:3]]

    bloc = np.array(["none"] * n, dtype=object)
    bloc[core_ix] = "A"
    if n_core >= 5:
        bloc[core_ix[-1]] = "none"
    bloc[leader_b] = "B"
    for zname, members in (("semi-periphery", semi_ix[1:]), ("periphery", peri_ix)):
        share_a, share_b = BLOC_SHARES[zname]
        perm = rng_country.permutation(members)
        na = round(share_a * len(perm))
        nb = round(share_b * len(perm))
        bloc[perm[:na]] = "A"
        bloc[perm[na : na + nb]] = "B"

    ideal_mean = np.array(
        [
            IDEAL_MEAN["A_core"] if (b == "A" and z == 0) else IDEAL_MEAN[b]
            for b, z in zip(bloc, zone_idx, strict=True)
        ]
    )
    theta0 = ideal_mean + IDEAL_SD * rng_country.standard_normal(n)
    theta0[leader_a] = IDEAL_LEADER["A"]
    theta0[leader_b] = IDEAL_LEADER["B"]

    # -- country-year panel --------------------------------------------------- #
    yrs = np.arange(y0, y1 + 1)
    T = len(yrs)
    tt = (yrs - y0)[None, :]  # shape (1, T)
    zl = [ZONES[z] for z in zone_idx]

    def by_zone(table: Mapping[str, float]) -> np.ndarray:
        return np.array([table[z] for z in zl], dtype=float)

    r = rng_panel
    log_gdppc0 = np.log(by_zone(GDPPC_PPP_BASE)) + GDPPC_SD * r.standard_normal(n)
    log_gdppc0[leader_a] = np.log(GDPPC_PPP_BASE["core"] * LEADER_A_GDPPC_FACTOR)
    log_gdppc0[leader_b] = np.log(GDPPC_PPP_BASE["semi-periphery"] * LEADER_B_GDPPC_FACTOR)
    shocks = GDPPC_SHOCK_SD * r.standard_normal((n, T))
    shocks[:, 0] = 0.0
    log_gdppc = log_gdppc0[:, None] + by_zone(GDPPC_GROWTH)[:, None] * tt + shocks.cumsum(1)
    log_pop0 = np.log(by_zone(POP_MEDIAN)) + POP_SD * r.standard_normal(n)
    log_pop0[leader_a] = np.log(LEADER_A_POP)
    log_pop0[leader_b] = np.log(LEADER_B_POP)
    pop = np.exp(log_pop0[:, None] + by_zone(POP_GROWTH)[:, None] * tt)
    rise_truth = transition_truth = None
    if planted_rise:
        rise_truth, transition_truth = _plant_rise(
            log_gdppc, pop, yrs, peri_ix, leader_a, leader_b, codes
        )
    deflator = (1.0 + INFLATION) ** tt
    gdppc_ppp = np.exp(log_gdppc) * deflator
    gdp_ppp = gdppc_ppp * pop / 1_000.0  # intl $ * thousands / 1000 = intl $ million
    price_level = np.clip(
        by_zone(PRICE_LEVEL)[:, None] * np.exp(PRICE_LEVEL_SD * r.standard_normal(n))[:, None]
        + 0.01 * r.standard_normal((n, T)),
        0.1,
        2.0,
    )
    gdp_usd = gdp_ppp * price_level

    milex_share = by_zone(MILEX_SHARE_GDP) * np.exp(0.2 * r.standard_normal(n))
    milex_share[leader_a] = LEADER_A_MILEX_SHARE
    milex_share[leader_b] = LEADER_B_MILEX_SHARE
    milex = gdp_usd * 1_000.0 * milex_share[:, None]  # USD million -> thousand USD
    milper_share = by_zone(MILPER_SHARE_POP) * np.exp(0.2 * r.standard_normal(n))
    milper_share[leader_a] = LEADER_A_MILPER_SHARE
    milper_share[leader_b] = LEADER_B_MILPER_SHARE
    milper = pop * milper_share[:, None]
    irst_int = by_zone(IRST_PER_GDP) * np.exp(0.3 * r.standard_normal(n))
    irst_int[leader_a] = LEADER_A_IRST
    irst_int[leader_b] = LEADER_B_IRST
    real_gdp_ppp = gdp_ppp / deflator  # physical quantities follow real output
    irst = real_gdp_ppp * irst_int[:, None] / 1_000.0  # tons -> thousand tons
    pec = real_gdp_ppp * (by_zone(PEC_PER_GDP) * np.exp(0.2 * r.standard_normal(n)))[:, None]
    pec = pec / 1_000.0  # tce -> thousand tce
    upop = pop * (by_zone(UPOP_SHARE) * np.exp(0.1 * r.standard_normal(n)))[:, None]
    fdi_out = (by_zone(FDI_OUT) * np.exp(0.3 * r.standard_normal(n)))[:, None] * np.exp(
        0.25 * r.standard_normal((n, T))
    )
    fdi_in = (by_zone(FDI_IN) * np.exp(0.3 * r.standard_normal(n)))[:, None] * np.exp(
        0.25 * r.standard_normal((n, T))
    )
    employment = pop * (by_zone(EMPLOYMENT_RATE) * np.exp(0.05 * r.standard_normal(n)))[:, None]
    hours = (by_zone(HOURS_PER_WORKER) * np.exp(0.05 * r.standard_normal(n)))[:, None] * np.exp(
        0.01 * r.standard_normal((n, T))
    )
    frac = tt / max(T - 1, 1)
    warheads = np.zeros((n, T), dtype=np.int64)

    def ramp(a: float, b: float) -> np.ndarray:
        return np.rint(a + (b - a) * frac[0]).astype(np.int64)

    warheads[leader_a] = ramp(*WARHEADS_LEADER_A)
    warheads[leader_b] = ramp(*WARHEADS_LEADER_B)
    for i, w in zip(nuclear_core, WARHEADS_OTHER_CORE, strict=False):
        warheads[i] = ramp(w, w * 0.9)

    cy = pd.DataFrame(
        {
            "iso3": np.repeat(np.array(codes, dtype=object), T),
            "year": np.tile(yrs, n).astype(np.int64),
            "gdp_usd": gdp_usd.ravel(),
            "gdp_ppp": gdp_ppp.ravel(),
            "pop": pop.ravel(),
            "gdppc_ppp": gdppc_ppp.ravel(),
            "price_level": price_level.ravel(),
            "milex": milex.ravel(),
            "milper": milper.ravel(),
            "irst": irst.ravel(),
            "pec": pec.ravel(),
            "tpop": pop.ravel(),
            "upop": upop.ravel(),
            "fdi_out_pct_gdp": fdi_out.ravel(),
            "fdi_in_pct_gdp": fdi_in.ravel(),
            "warheads": warheads.ravel(),
            "employment": employment.ravel(),
            "hours_per_worker": hours.ravel(),
        }
    )

    # capability leader and second from CINC (mean of component shares), mean over years
    comps = np.stack([milex, milper, irst, pec, pop, upop])  # (6, n, T)
    cinc = (comps / comps.sum(axis=1, keepdims=True)).mean(axis=0).mean(axis=1)
    order = np.argsort(-cinc, kind="stable")

    # -- trade: gravity network ----------------------------------------------- #
    rt = rng_trade
    pos = rt.uniform(0.0, 1.0, size=(n, 2)) * 10_000.0  # km on a flat 10,000 km square
    dist = np.sqrt(((pos[:, None, :] - pos[None, :, :]) ** 2).sum(-1)) + 500.0
    zo, zd = np.meshgrid(zone_idx, zone_idx, indexing="ij")
    present = rt.uniform(size=(n, n)) < TRADE_PRESENCE[zo, zd]
    np.fill_diagonal(present, False)
    dyad_noise = GRAVITY["dyad_sd"] * rt.standard_normal((n, n))
    year_noise = GRAVITY["year_sd"] * rt.standard_normal((T, n, n))
    log_flow = (
        GRAVITY["gdp_o"] * np.log(gdp_usd.T)[:, :, None]
        + GRAVITY["gdp_d"] * np.log(gdp_usd.T)[:, None, :]
        - GRAVITY["dist"] * np.log(dist)[None]
        + TRADE_ZONE_EFFECT[zo, zd][None]
        + dyad_noise[None]
        + year_noise
    )
    flow = np.where(present[None], np.exp(log_flow), 0.0)  # (T, n, n)
    scale = TRADE_OPENNESS * gdp_usd.sum(0) / flow.sum(axis=(1, 2))
    flow = flow * scale[:, None, None]
    oi, di = np.nonzero(~np.eye(n, dtype=bool))
    code_arr = np.array(codes, dtype=object)
    trade = pd.DataFrame(
        {
            "iso3_o": np.tile(code_arr[oi], T),
            "iso3_d": np.tile(code_arr[di], T),
            "year": np.repeat(yrs, len(oi)).astype(np.int64),
            "flow_musd": flow[:, oi, di].ravel(),
            "dist_km": np.tile(dist[oi, di], T),
        }
    )

    # -- arms transfers and alliances ---------------------------------------- #
    arms = _arms_transfers(
        rng_arms,
        zone_idx=zone_idx,
        bloc=bloc,
        leader_a=leader_a,
        leader_b=leader_b,
        nuclear_core=nuclear_core,
        codes=code_arr,
        yrs=yrs,
    )
    al_o, al_d, al_def = _alliance_pairs(
        rng_al, zone_idx=zone_idx, bloc=bloc, leaders={leader_a, leader_b}, codes=codes
    )
    n_al = len(al_o)
    alliances = pd.DataFrame(
        {
            "iso3_o": np.tile(np.array(al_o, dtype=object), T),
            "iso3_d": np.tile(np.array(al_d, dtype=object), T),
            "year": np.repeat(yrs, n_al).astype(np.int64),
            "defense": np.tile(np.array(al_def, dtype=np.int64), T),
        }
    )
    alliances.attrs["directed"] = False

    # -- UN votes: dynamic ordered probit ------------------------------------ #
    rv = rng_votes
    steps = IDEAL_DRIFT_SD * rv.standard_normal((n, T))
    steps[:, 0] = 0.0
    theta = theta0[:, None] + steps.cumsum(axis=1)  # (n, T)
    J = VOTES_PER_SESSION
    sign = np.where(rv.uniform(size=(T, J)) < NEGATIVE_ITEM_SHARE, -1.0, 1.0)
    disc = sign * rv.uniform(0.8, 2.0, size=(T, J))
    cut_low = rv.normal(-1.0, 0.3, size=(T, J))
    cut_high = cut_low + rv.uniform(0.5, 1.0, size=(T, J))
    latent = disc[:, :, None] * theta.T[:, None, :] + rv.standard_normal((T, J, n))
    vote_code = (latent > cut_low[:, :, None]).astype(np.int8) + (
        latent > cut_high[:, :, None]
    ).astype(np.int8)  # 0 no, 1 abstain, 2 yes
    sessions = (yrs - FIRST_UN_SESSION_YEAR).astype(np.int64)
    rcid = np.arange(1, T * J + 1, dtype=np.int64).reshape(T, J)
    vote_labels = np.array(["no", "abstain", "yes"], dtype=object)
    votes = pd.DataFrame(
        {
            "rcid": np.repeat(rcid.ravel(), n),
            "session": np.repeat(sessions, J * n),
            "year": np.repeat(yrs, J * n).astype(np.int64),
            "iso3": np.tile(code_arr, T * J),
            "vote": vote_labels[vote_code.ravel()],
        }
    )
    roll_calls = pd.DataFrame(
        {
            "rcid": rcid.ravel(),
            "session": np.repeat(sessions, J),
            "year": np.repeat(yrs, J).astype(np.int64),
            "discrimination": disc.ravel(),
            "cut_low": cut_low.ravel(),
            "cut_high": cut_high.ravel(),
        }
    )
    ideal = pd.DataFrame(
        {
            "iso3": np.repeat(code_arr, T),
            "session": np.tile(sessions, n),
            "year": np.tile(yrs, n).astype(np.int64),
            "ideal_point": theta.ravel(),
        }
    )

    countries = pd.DataFrame(
        {
            "iso3": code_arr,
            "name": np.array(names, dtype=object),
            "zone": zone,
            "bloc": bloc,
            "ideal_point_truth": theta0,
        }
    )

    # -- MRIO for the last year ---------------------------------------------- #
    mrio_arrays = _build_mrio(
        rng_mrio,
        zone_idx=zone_idx,
        gdp_usd=gdp_usd[:, -1],
        trade=flow[-1],
        labour_hours=employment[:, -1] * 1_000.0 * hours[:, -1],
        n_sectors=n_sectors,
    )
    Z, Y, x, hours_rs = mrio_arrays
    sectors = _sector_names(n_sectors)
    regions: tuple[str, ...] = tuple(codes)
    if n * n_sectors > MAX_MRIO_N:
        Z, Y, x, hours_rs = _aggregate_to_zones(Z, Y, hours_rs, zone_idx, n_sectors)
        regions = ZONES
        region_zone = np.arange(3)
    else:
        region_zone = zone_idx
    value_added = x - Z.sum(axis=0)
    mrio = MRIO(
        Z=Z,
        Y=Y,
        x=x,
        regions=regions,
        sectors=sectors,
        fd_categories=("final",),
        satellites={"labour_hours": hours_rs, "value_added": value_added},
        satellite_units={"labour_hours": "hours", "value_added": "USD million, current"},
        year=y1,
        unit="USD million, current",
        provenance=prov,
    )
    drain, p_exp, p_imp = planted_drain(mrio, region_zone)

    # -- provenance, units, validation --------------------------------------- #
    set_units(cy, _UNITS_CY)
    set_units(trade, {"flow_musd": "USD million, current", "dist_km": "km"})
    set_units(arms, {"tiv": "trend-indicator value, millions"})
    set_units(alliances, {"defense": "1 = defence pact, 0 = other alliance"})
    set_units(ideal, {"ideal_point": "latent scale, A-bloc leader positive"})
    set_units(countries, {"ideal_point_truth": "latent scale, first session"})
    frames = {
        "countries": countries,
        "country_years": cy,
        "trade": trade,
        "arms": arms,
        "alliances": alliances,
        "votes": votes,
        "roll_calls": roll_calls,
        "ideal_points_truth": ideal,
    }
    for frame in frames.values():
        attach(frame, prov)
    span = (y0, y1)
    validate_country_year(
        cy,
        name="example.country_years",
        numeric=list(_UNITS_CY),
        year_range=span,
    )
    validate_dyad_year(
        trade, name="example.trade", numeric=["flow_musd", "dist_km"], year_range=span
    )
    validate_dyad_year(arms, name="example.arms", numeric=["tiv"], year_range=span)
    validate_dyad_year(alliances, name="example.alliances", numeric=["defense"], year_range=span)

    zone_of = dict(zip(codes, zone.tolist(), strict=True))
    truth = Truth(
        zones=MappingProxyType(zone_of),
        blocs=MappingProxyType(dict(zip(codes, bloc.tolist(), strict=True))),
        zone_counts=MappingProxyType({z: int((zone_idx == k).sum()) for k, z in enumerate(ZONES)}),
        bloc_leaders=MappingProxyType({"A": codes[leader_a], "B": codes[leader_b]}),
        leader=codes[int(order[0])],
        second=codes[int(order[1])],
        nuclear_states=tuple(codes[i] for i in range(n) if warheads[i].max() > 0),
        drain_direction="periphery->core",
        drain_sign=int(np.sign(drain)),
        drain_hours=float(drain),
        periphery_hours_exported=float(p_exp),
        periphery_hours_imported=float(p_imp),
        params=MappingProxyType(_params()),
        planted_rise=rise_truth,
        planted_transition=transition_truth,
    )
    return ExampleWorld(
        seed=seed,
        countries=countries,
        country_years=cy,
        trade=trade,
        arms=arms,
        alliances=alliances,
        votes=votes,
        roll_calls=roll_calls,
        ideal_points_truth=ideal,
        mrio=mrio,
        truth=truth,
        provenance=prov,
    )


#: Planted rise: logistic path from the periphery's to the core's income level,
#: midpoint at this share of the years, scale (years) this share of the span.
RISE_MIDPOINT_SHARE = 0.5
RISE_SCALE_SHARE = 0.1
#: Planted transition: gdp_B / gdp_A = exp(TRANSITION_RATE * (t - year + 1/2)): below 1
#: up to year - 1, above 1 from year on; year at this share of the years.
TRANSITION_RATE = 0.03
TRANSITION_YEAR_SHARE = 0.6


def _plant_rise(log_gdppc, pop, yrs, peri_ix, leader_a, leader_b, codes):
    """Overwrite (in place) the riser's and the bloc-B leader's log GDP per capita."""
    T = len(yrs)
    tt = yrs - yrs[0]
    mid = int(yrs[0] + round(RISE_MIDPOINT_SHARE * (T - 1)))
    scale = max(1.0, RISE_SCALE_SHARE * (T - 1))
    s = 1.0 / (1.0 + np.exp(-(yrs - mid) / scale))
    low = np.log(GDPPC_PPP_BASE["periphery"]) + GDPPC_GROWTH["periphery"] * tt
    high = np.log(GDPPC_PPP_BASE["core"]) + GDPPC_GROWTH["core"] * tt
    riser = int(peri_ix[0])
    log_gdppc[riser] = (1 - s) * low + s * high
    year = int(yrs[0] + round(TRANSITION_YEAR_SHARE * (T - 1)))
    log_gdp_a = log_gdppc[leader_a] + np.log(pop[leader_a])
    log_gdppc[leader_b] = log_gdp_a - np.log(pop[leader_b]) + TRANSITION_RATE * (yrs - year + 0.5)
    rise = MappingProxyType(
        {
            "iso3": codes[riser],
            "zone_from": "periphery",
            "zone_to": "core",
            "midpoint": mid,
            "scale": scale,
            "log_gdppc_ppp": tuple(float(v) for v in log_gdppc[riser]),
        }
    )
    transition = MappingProxyType(
        {
            "leader": codes[leader_b],
            "overtaken": codes[leader_a],
            "year": year,
            "rate": TRANSITION_RATE,
            "index": "gdp",
        }
    )
    return rise, transition


def _arms_transfers(
    rng: np.random.Generator,
    *,
    zone_idx: np.ndarray,
    bloc: np.ndarray,
    leader_a: int,
    leader_b: int,
    nuclear_core: list[int],
    codes: np.ndarray,
    yrs: np.ndarray,
) -> pd.DataFrame:
    """Directed arms deliveries ``iso3_o, iso3_d, year, tiv`` (see ``ARMS_*``)."""
    n, T = len(zone_idx), len(yrs)
    scale = np.array([ARMS_EXPORT_SCALE[ZONES[z]] for z in zone_idx], dtype=float)
    scale[nuclear_core] = ARMS_EXPORT_SCALE["nuclear_core"]
    scale[leader_a] = ARMS_EXPORT_SCALE["leader_a"]
    scale[leader_b] = ARMS_EXPORT_SCALE["leader_b"]
    rows: list[tuple[int, int, int, float]] = []
    for ex in np.flatnonzero(scale > 0):
        for d in range(n):
            if d == ex:
                continue
            p = ARMS_REACH[zone_idx[ex], zone_idx[d]] * _bloc_factor(bloc[ex], bloc[d])
            if rng.uniform() >= p:
                continue
            deliver = rng.uniform(size=T) < ARMS_DELIVERY_SHARE
            tiv = (
                scale[ex]
                * ARMS_RECIPIENT_VOLUME[zone_idx[d]]
                * np.exp(ARMS_SD * rng.standard_normal(T) - ARMS_SD**2 / 2)
            )
            for t in np.flatnonzero(deliver):
                rows.append((int(ex), d, int(yrs[t]), float(tiv[t])))
    arr = np.array(rows, dtype=float).reshape(-1, 4)
    arms = pd.DataFrame(
        {
            "iso3_o": codes[arr[:, 0].astype(int)],
            "iso3_d": codes[arr[:, 1].astype(int)],
            "year": arr[:, 2].astype(np.int64),
            "tiv": arr[:, 3],
        }
    )
    return arms.groupby(["iso3_o", "iso3_d", "year"], as_index=False, sort=True)["tiv"].sum()


def _bloc_factor(b_ex: str, b_d: str) -> float:
    if b_ex == b_d:
        return ARMS_BLOC_FACTOR["same"]
    if b_ex == "none" or b_d == "none":
        return ARMS_BLOC_FACTOR["non-aligned"]
    return ARMS_BLOC_FACTOR["rival"]


def _alliance_pairs(
    rng: np.random.Generator,
    *,
    zone_idx: np.ndarray,
    bloc: np.ndarray,
    leaders: set[int],
    codes: list[str],
) -> tuple[list[str], list[str], list[int]]:
    """Within-bloc alliance pairs (``iso3_o < iso3_d``) and their ``defense`` flag."""
    n = len(zone_idx)
    al_o: list[str] = []
    al_d: list[str] = []
    al_def: list[int] = []
    for i in range(n):
        for j in range(i + 1, n):
            if bloc[i] == "none" or bloc[i] != bloc[j]:
                continue
            u = rng.uniform()
            p = ALLIANCE_PROB[zone_idx[i], zone_idx[j]]
            lead = i in leaders or j in leaders
            if lead or u < p:
                a, b = sorted((codes[i], codes[j]))
                al_o.append(a)
                al_d.append(b)
                al_def.append(1 if (lead or u < ALLIANCE_DEFENSE_SHARE * p) else 0)
    return al_o, al_d, al_def


def _params() -> dict[str, Any]:
    return {
        "zone_shares": dict(ZONE_SHARES),
        "gdppc_ppp_base": dict(GDPPC_PPP_BASE),
        "gdppc_sd": GDPPC_SD,
        "gdppc_growth": dict(GDPPC_GROWTH),
        "price_level": dict(PRICE_LEVEL),
        "trade_presence": TRADE_PRESENCE.tolist(),
        "trade_zone_effect": TRADE_ZONE_EFFECT.tolist(),
        "gravity": dict(GRAVITY),
        "arms_export_scale": dict(ARMS_EXPORT_SCALE),
        "arms_reach": ARMS_REACH.tolist(),
        "arms_bloc_factor": dict(ARMS_BLOC_FACTOR),
        "arms_recipient_volume": ARMS_RECIPIENT_VOLUME.tolist(),
        "alliance_prob": ALLIANCE_PROB.tolist(),
        "ideal_mean": dict(IDEAL_MEAN),
        "ideal_sd": IDEAL_SD,
        "ideal_drift_sd": IDEAL_DRIFT_SD,
        "votes_per_session": VOTES_PER_SESSION,
        "negative_item_share": NEGATIVE_ITEM_SHARE,
        "input_share": dict(INPUT_SHARE),
        "domestic_share_intermediate": DOMESTIC_SHARE_INTERMEDIATE,
        "domestic_share_final": DOMESTIC_SHARE_FINAL,
        "hours_per_worker": dict(HOURS_PER_WORKER),
    }


def _sector_names(n_sectors: int) -> tuple[str, ...]:
    if n_sectors <= len(SECTOR_NAMES):
        return SECTOR_NAMES[:n_sectors]
    return tuple(f"s{k + 1:02d}" for k in range(n_sectors))


def _build_mrio(
    rng: np.random.Generator,
    *,
    zone_idx: np.ndarray,
    gdp_usd: np.ndarray,
    trade: np.ndarray,
    labour_hours: np.ndarray,
    n_sectors: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Z, Y, x and hours per region-sector for countries (region-major order)."""
    R, S = len(zone_idx), n_sectors
    u = np.linspace(0.0, 1.0, S)  # sector ladder: 0 primary ... 1 knowledge
    peaks = np.array([CA_PEAK[z] for z in ZONES])
    ca = np.exp(-3.0 * (u[None, :] - peaks[:, None]) ** 2)[zone_idx]  # (R, S)
    # import shares of region q for product s: from r != q, prop. to trade r->q x ca[r, s]
    w = trade[:, :, None] * ca[:, None, :]  # (r, q, s)
    tot = w.sum(axis=0, keepdims=True)
    has_imports = tot > 0
    imp = np.divide(w, tot, out=np.zeros_like(w), where=has_imports)

    def origin_shares(dom: float) -> np.ndarray:
        sh = np.where(has_imports, (1.0 - dom) * imp, 0.0)
        eye = np.eye(R)[:, :, None]
        return sh + eye * np.where(has_imports, dom, 1.0)  # (r, q, s); sums to 1 over r

    sh_int = origin_shares(DOMESTIC_SHARE_INTERMEDIATE)
    sh_fin = origin_shares(DOMESTIC_SHARE_FINAL)
    mix = 0.4 * np.eye(S) + 0.6 / S  # product s used by sector t; columns sum to 1
    a_tot = np.array([INPUT_SHARE[ZONES[z]] for z in zone_idx])[:, None] + rng.uniform(
        -0.05, 0.05, size=(R, S)
    )  # (q, t)
    # A[(r,s),(q,t)] = sh_int[r,q,s] * mix[s,t] * a_tot[q,t]
    A = np.einsum("rqs,st,qt->rsqt", sh_int, mix, a_tot).reshape(R * S, R * S)
    fd_mix = np.full(S, 1.0 / S)
    Y = np.einsum("rqs,s,q->rsq", sh_fin, fd_mix, gdp_usd).reshape(R * S, R)
    x0 = np.linalg.solve(np.eye(R * S) - A, Y.sum(axis=1))
    Z = A * x0[None, :]
    x = Z.sum(axis=1) + Y.sum(axis=1)
    # labour: region total split over sectors in proportion to output x labour intensity
    lab_int = 2.0 - 1.5 * u
    wgt = x.reshape(R, S) * lab_int[None, :]
    hours_rs = (labour_hours[:, None] * wgt / wgt.sum(axis=1, keepdims=True)).ravel()
    return Z, Y, x, hours_rs


def _aggregate_to_zones(
    Z: np.ndarray, Y: np.ndarray, hours: np.ndarray, zone_idx: np.ndarray, S: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    R = len(zone_idx)
    G = np.zeros((R, 3))
    G[np.arange(R), zone_idx] = 1.0
    P = np.kron(G, np.eye(S))  # (R*S, 3*S)
    Za = P.T @ Z @ P
    Ya = P.T @ Y @ G
    xa = Za.sum(axis=1) + Ya.sum(axis=1)
    return Za, Ya, xa, P.T @ hours


def planted_drain(mrio: MRIO, region_zone: np.ndarray) -> tuple[float, float, float]:
    """Net embodied labour from periphery to core in an MRIO (dense Leontief solve).

    .. math::

        H = \\operatorname{diag}(h / x) (I - A)^{-1} Y, \\qquad
        D = \\sum_{r \\in P, q \\in C} H_{rq} - \\sum_{r \\in C, q \\in P} H_{rq}

    where ``h`` is the ``labour_hours`` satellite, ``A = Z diag(x)^{-1}``, rows of
    ``H`` are summed to producing regions and columns are consuming regions.

    Parameters
    ----------
    mrio : MRIO
        Table with a ``labour_hours`` satellite.
    region_zone : ndarray of int
        Zone index of each region (0 core, 1 semi-periphery, 2 periphery).

    Returns
    -------
    drain, exported, imported : float
        ``D`` (hours); hours produced in the periphery for final demand
        elsewhere; hours produced elsewhere for periphery final demand.
    """
    n, R, S = mrio.n, mrio.n_regions, mrio.n_sectors
    A = mrio.Z / mrio.x[None, :]
    intensity = mrio.satellites["labour_hours"] / mrio.x
    Yr = mrio.final_demand_by_region()
    H = intensity[:, None] * np.linalg.solve(np.eye(n) - A, Yr)
    H = H.reshape(R, S, R).sum(axis=1)  # producing region x consuming region
    core = np.asarray(region_zone) == 0
    peri = np.asarray(region_zone) == 2
    drain = H[np.ix_(peri, core)].sum() - H[np.ix_(core, peri)].sum()
    exported = H[np.ix_(peri, ~peri)].sum()
    imported = H[np.ix_(~peri, peri)].sum()
    return float(drain), float(exported), float(imported)
