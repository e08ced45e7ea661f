"""Country-year panels: the unit frame and one ``add_*`` function per source.

Build the unit frame with :func:`country_years`, then join sources with the
``add_*`` functions (peacesciencer style). Each ``add_*`` joins on
``(iso3, year)`` -- or on ``(ccode, year)`` for COW-keyed data on a COW panel --
never changes the row count (checked; a :class:`WorldsystemError` otherwise),
names its columns with units, records the units in ``attrs["units"]`` and merges
provenance.

Unification rules
-----------------
The COW unit frame has one row per ``(iso3, year)``: in a year where two COW
codes map to one ISO3 (Germany 260 + 255 in 1990; Yemen 678 + 679 in 1990) the
ccode whose spell covers more days of the year is kept
(:func:`worldsystem.sources.cow_states.system_members`): Germany 1990 -> 260,
Yemen 1990 -> 679. The ISO panel uses the same rule through
:func:`worldsystem.countries.iso3_to_cow` (DEU 1990 -> 260, YEM 1990 -> 679).
COW-keyed sources (NMC) are joined on ``(ccode, year)`` on a COW panel, so the
row gets the values of the ccode it holds; on an ISO panel, a COW-keyed source
whose ``(iso3, year)`` repeats keeps the row of the ccode
:func:`~worldsystem.countries.iso3_to_cow` gives for that year. ISO-keyed sources
give ``DEU`` values to 255 and 260 alike and ``RUS``/``SRB`` values to 365/345 in
every year, except Maddison (see :func:`add_gdp`).

Column names, units and sources come from one place: each ``add_*`` is
declared with :func:`~worldsystem.panels._adders.panel_adder` (the sources it
reads, the registered :mod:`~worldsystem.core.columns` it adds), and
:data:`ADDERS` is derived from those declarations. Panels carry their kind in
``attrs["kind"]`` (``"country-year"``); an ``add_*`` given a frame of another
kind, or one without ``iso3`` and ``year``, raises a
:class:`~worldsystem.core.errors.SchemaError` saying to run
:func:`country_years` first.

Missing data: an ``add_*`` whose source files are absent raises the loader's
:class:`~worldsystem.core.errors.SourceError` with the fetch hint.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from worldsystem import countries
from worldsystem.core import columns as wc
from worldsystem.core.columns import Column
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.provenance import Provenance, attach, get
from worldsystem.core.schema import COUNTRY_YEAR, set_kind
from worldsystem.panels import store
from worldsystem.panels._adders import AdderView, panel_adder
from worldsystem.panels._join import left_join

__all__ = [
    "ADDERS",
    "add_arms_totals",
    "add_capabilities",
    "add_conflict",
    "add_employment",
    "add_fdi",
    "add_gdp",
    "add_milex",
    "add_prices",
    "add_us_troops",
    "add_warheads",
    "country_years",
    "maddison_series",
]

Data = str | os.PathLike[str] | None


def _is_cow(panel: pd.DataFrame) -> bool:
    return "ccode" in panel.columns


# ----------------------------------------------------------------------------- units


def country_years(
    start: int,
    end: int,
    *,
    system: str = "cow",
    data: Data = None,
    cache: bool = True,
) -> pd.DataFrame:
    """The unit frame: one row per country and year.

    Parameters
    ----------
    start, end : int
        First and last year (inclusive).
    system : {"cow", "iso"}
        ``"cow"``: members of the COW state system in each year (State System
        Membership v2016; spells running at the end of 2016 are carried forward).
        ``"iso"``: every ISO 3166-1 code of :func:`worldsystem.countries.table`
        whose validity covers the year (withdrawn codes such as ``CSK``,
        ``DDR``, ``YMD`` in their years), excluding the user-assigned ranges
        (project ``Q..`` codes and ``XKX``).
    data : path-like, optional
        Data directory (COW only).
    cache : bool, default True
        Read/write the panel store (:mod:`worldsystem.panels.store`).

    Returns
    -------
    pandas.DataFrame
        ``iso3`` (str), ``year`` (int64) and, for COW, ``ccode`` (int64); sorted
        by year then iso3; unique by ``(iso3, year)`` (unifications: see the
        module docstring). ``attrs["system"]`` is the system and
        ``attrs["kind"]`` is ``"country-year"``.

    Raises
    ------
    WorldsystemError
        ``start > end`` or an unknown system.
    SourceError
        COW membership file absent.
    """
    if start > end:
        raise WorldsystemError(
            "start is after end", field="start", value=start, hint="give start <= end"
        )
    if system == "cow":
        from worldsystem.sources import cow_states

        def build() -> pd.DataFrame:
            m = cow_states.system_members(start, end, data, one_per_iso3=True)
            out = m[["iso3", "year", "ccode"]].sort_values(["year", "iso3"], ignore_index=True)
            out["year"] = out["year"].astype("int64")
            out["ccode"] = out["ccode"].astype("int64")
            attach(
                out,
                get(m).with_method(
                    "panels.country_years",
                    {"start": start, "end": end, "system": system},
                ),
            )
            out.attrs["system"] = "cow"
            return set_kind(out, COUNTRY_YEAR)

        out = store.cached(
            "country_years",
            {"start": start, "end": end, "system": system},
            [cow_states.INFO],
            build,
            data=data,
            cache=cache,
        )
        return set_kind(out, COUNTRY_YEAR)
    if system == "iso":
        return _iso_units(start, end)
    raise WorldsystemError(
        "unknown code system", field="system", value=system, hint='use "cow" or "iso"'
    )


def _iso_units(start: int, end: int) -> pd.DataFrame:
    t = countries.table()
    t = t[t["iso2"].notna() & ~t["iso3"].str.match(r"^(Q[M-Z]|X|AA|ZZ)")]
    lo = t["start_year"].fillna(-10_000).to_numpy(dtype="int64")
    hi = t["end_year"].fillna(10_000).to_numpy(dtype="int64")
    years = np.arange(start, end + 1, dtype="int64")
    inside = (lo[:, None] <= years[None, :]) & (years[None, :] <= hi[:, None])
    ri, yi = np.nonzero(inside)
    out = pd.DataFrame({"iso3": t["iso3"].to_numpy()[ri], "year": years[yi]})
    out = out.drop_duplicates(["iso3", "year"]).sort_values(["year", "iso3"], ignore_index=True)
    out["iso3"] = out["iso3"].astype(str)
    attach(
        out,
        Provenance().with_method(
            "panels.country_years", {"start": start, "end": end, "system": "iso"}
        ),
    )
    out.attrs["system"] = "iso"
    return set_kind(out, COUNTRY_YEAR)


def _cow_keyed(panel: pd.DataFrame, src: pd.DataFrame) -> tuple[pd.DataFrame, list[str], str]:
    """Prepare a COW-keyed source (``ccode, iso3, year``) for joining; see module doc."""
    if _is_cow(panel):
        return src.drop(columns=["iso3"]), ["ccode", "year"], "joined on (ccode, year)"
    dup = src.duplicated(["iso3", "year"], keep=False)
    if dup.any():
        sub = src[dup]
        want = countries.iso3_to_cow(sub["iso3"].to_numpy(), year=sub["year"].to_numpy())
        drop = sub.index[np.asarray(want) != sub["ccode"].to_numpy()]
        src = src.drop(index=drop)
    return (
        src.drop(columns=["ccode"]),
        ["iso3", "year"],
        "COW-keyed source on an ISO panel: where (iso3, year) repeats, the row of "
        "iso3_to_cow(iso3, year) is kept",
    )


# ----------------------------------------------------------------------------- add_*


#: The six NMC components (registry columns of source ``cow_nmc``).
_NMC_COLUMNS = wc.by_source("cow_nmc", kind=COUNTRY_YEAR)


@panel_adder("capabilities", sources=("cow_nmc",), columns=_NMC_COLUMNS)
def add_capabilities(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add the six COW NMC v7.0 capability components.

    Columns: ``milex_nmc_thousands`` (thousands of current GBP 1816-1913, USD from
    1914, as released), ``milper_thousands``, ``irst_thousand_tons``,
    ``pec_thousand_coal_tons``, ``tpop_thousands``, ``upop_thousands``.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`country_years`.
    data : path-like, optional
        Data directory.

    Returns
    -------
    pandas.DataFrame
        ``panel`` with the new columns, same rows.

    Notes
    -----
    NMC is COW-keyed: on a COW panel it joins on ``(ccode, year)``, so Germany
    1990 (ccode 260 in the panel) gets 260's 1990 values, not 255's.
    """
    from worldsystem.sources import cow_nmc

    src = cow_nmc.load(data)
    src = src.rename(columns=wc.renames(_NMC_COLUMNS))
    src, on, note = _cow_keyed(panel, src)
    return left_join(
        panel,
        src,
        on=on,
        columns=wc.names(_NMC_COLUMNS),
        method="panels.add_capabilities",
        units=wc.units(_NMC_COLUMNS),
        notes=[f"cow_nmc {note}"],
    )


#: add_gdp source -> registry columns it adds
_GDP_COLUMNS: dict[str, tuple[Column, ...]] = {
    "maddison": wc.by_source("maddison"),
    "pwt": wc.select(
        "rgdpe_musd_2017ppp",
        "rgdpo_musd_2017ppp",
        "cgdpo_musd_current_ppp",
        "rgdpna_musd_2017",
        "pop_pwt_millions",
    ),
    "weo": wc.select(
        "ngdpd_busd_current", "pppgdp_bintl_current", "lp_mpersons", "weo_gdp_is_estimate"
    ),
}

#: Maddison predecessor rule for COW panels: (panel iso3, first year, last year, MPD code)
MADDISON_PREDECESSORS = (("RUS", 1922, 1991, "SUN"), ("SRB", 1918, 1991, "YUG"))


def maddison_series(iso3: Any, year: Any) -> np.ndarray:
    """The MPD series behind a COW panel row's Maddison values (:func:`add_gdp`).

    The predecessor's MPD code (``SUN``, ``YUG``) in the years of
    :data:`MADDISON_PREDECESSORS`, the row's ISO3 otherwise: Russia's values are
    the former USSR's in 1922-1991 and today's Russia's before and after, so a
    measure comparing values over time can tell a change of territory from a
    change of output.

    >>> maddison_series(["RUS", "RUS", "DEU"], [1991, 1992, 1991]).tolist()
    ['SUN', 'RUS', 'DEU']
    """
    iso = np.asarray(iso3, dtype=object)
    yr = np.asarray(year)
    out = iso.copy()
    for code, lo, hi, mpd in MADDISON_PREDECESSORS:
        out[(iso == code) & (yr >= lo) & (yr <= hi)] = mpd
    return out


@panel_adder(
    "gdp_maddison",
    sources=("maddison",),
    columns=_GDP_COLUMNS["maddison"],
    options={"source": "maddison"},
)
@panel_adder("gdp_pwt", sources=("pwt",), columns=_GDP_COLUMNS["pwt"], options={"source": "pwt"})
@panel_adder(
    "gdp_weo", sources=("imf_weo",), columns=_GDP_COLUMNS["weo"], options={"source": "weo"}
)
def add_gdp(panel: pd.DataFrame, *, source: str = "maddison", data: Data = None) -> pd.DataFrame:
    """Add GDP and population from Maddison (MPD 2023), PWT 10.01 or the IMF WEO.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`country_years`.
    source : {"maddison", "pwt", "weo"}
        ``"maddison"``: ``gdppc_mpd_2011ppp``, ``pop_mpd_thousands``,
        ``gdp_mpd_musd_2011ppp``. ``"pwt"``: ``rgdpe_musd_2017ppp``,
        ``rgdpo_musd_2017ppp``, ``cgdpo_musd_current_ppp``, ``rgdpna_musd_2017``,
        ``pop_pwt_millions``. ``"weo"``: ``ngdpd_busd_current``,
        ``pppgdp_bintl_current``, ``lp_mpersons`` and ``weo_gdp_is_estimate``
        (IMF estimate or projection).
    data : path-like, optional
        Data directory.

    Returns
    -------
    pandas.DataFrame

    Notes
    -----
    Maddison rule on a COW panel: COW 365 is the USSR in 1922-1991 and COW 345 is
    Yugoslavia in 1918-1991, so those rows take MPD's ``SUN`` and ``YUG`` series
    (the MPD ``RUS``/``SRB`` series cover today's territories only). Other years
    and ISO panels take the code as is; MPD's ``CSK`` joins the COW/ISO ``CSK``.
    """
    notes: list[str] = []
    if source in _GDP_COLUMNS:
        cols = wc.names(_GDP_COLUMNS[source])
        units = wc.units(_GDP_COLUMNS[source])
    if source == "maddison":
        from worldsystem.sources import maddison

        base = maddison.load(data).rename(columns=wc.renames(_GDP_COLUMNS["maddison"]))
        src = base
        if _is_cow(panel):
            src = base[~base["iso3"].isin([p[0] for p in MADDISON_PREDECESSORS])]
            keep = []
            for iso, lo, hi, code in MADDISON_PREDECESSORS:
                own = base[(base.iso3 == iso) & ~base.year.between(lo, hi)]
                pred = base[(base.iso3 == code) & base.year.between(lo, hi)].assign(iso3=iso)
                keep += [own, pred]
            src = attach(pd.concat([src, *keep], ignore_index=True), get(base))
            notes.append(
                "maddison on a COW panel: RUS 1922-1991 <- MPD SUN; SRB 1918-1991 <- MPD YUG"
            )
    elif source == "pwt":
        from worldsystem.sources import pwt

        src = pwt.load(data).rename(columns=wc.renames(_GDP_COLUMNS["pwt"]))
    elif source == "weo":
        src = _weo(_GDP_COLUMNS["weo"], data)
    else:
        raise WorldsystemError(
            "unknown GDP source", field="source", value=source, hint='use "maddison", "pwt", "weo"'
        )
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=cols,
        method="panels.add_gdp",
        params={"source": source},
        units=units,
        notes=notes,
    )


def _weo(cols: tuple[Column, ...], data: Data) -> pd.DataFrame:
    """WEO indicators of registry ``cols`` (origins are WEO codes) plus their estimate flag."""
    from worldsystem.sources import imf_weo

    indicators = [c.origin for c in cols if c.role != "estimate_flag"]
    return imf_weo.wide(indicators, data).rename(columns=wc.renames(cols))


#: add_prices source -> registry columns it adds
_PRICE_COLUMNS: dict[str, tuple[Column, ...]] = {
    "pwt": wc.select("pl_gdpo_usa2017", "xr_ncu_per_usd"),
    "weo": wc.select("pppex_ncu_per_intl", "weo_prices_is_estimate"),
}


@panel_adder(
    "prices_pwt", sources=("pwt",), columns=_PRICE_COLUMNS["pwt"], options={"source": "pwt"}
)
@panel_adder(
    "prices_weo", sources=("imf_weo",), columns=_PRICE_COLUMNS["weo"], options={"source": "weo"}
)
def add_prices(panel: pd.DataFrame, *, source: str = "pwt", data: Data = None) -> pd.DataFrame:
    """Add price levels and exchange rates.

    Parameters
    ----------
    panel : pandas.DataFrame
    source : {"pwt", "weo"}
        ``"pwt"``: ``pl_gdpo_usa2017`` (price level of output-side GDP, USA 2017
        = 1), ``xr_ncu_per_usd`` (national currency per US dollar). ``"weo"``:
        ``pppex_ncu_per_intl`` (implied PPP conversion rate, national currency per
        international dollar) and ``weo_prices_is_estimate``.
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    if source == "pwt":
        from worldsystem.sources import pwt

        src = pwt.load(data).rename(columns=wc.renames(_PRICE_COLUMNS["pwt"]))
    elif source == "weo":
        src = _weo(_PRICE_COLUMNS["weo"], data)
    else:
        raise WorldsystemError(
            "unknown price source", field="source", value=source, hint='use "pwt" or "weo"'
        )
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=wc.names(_PRICE_COLUMNS[source]),
        method="panels.add_prices",
        params={"source": source},
        units=wc.units(_PRICE_COLUMNS[source]),
    )


#: add_employment source -> registry columns it adds
_EMPLOYMENT_COLUMNS: dict[str, tuple[Column, ...]] = {
    "pwt": wc.select("emp_pwt_millions", "avh_hours", "hours_pwt_millions"),
    "ilo": wc.select("emp_ilo_thousands"),
}


@panel_adder(
    "employment_pwt",
    sources=("pwt",),
    columns=_EMPLOYMENT_COLUMNS["pwt"],
    options={"source": "pwt"},
)
@panel_adder(
    "employment_ilo",
    sources=("labour",),
    columns=_EMPLOYMENT_COLUMNS["ilo"],
    options={"source": "ilo"},
)
def add_employment(panel: pd.DataFrame, *, source: str = "pwt", data: Data = None) -> pd.DataFrame:
    """Add employment and hours worked.

    Parameters
    ----------
    panel : pandas.DataFrame
    source : {"pwt", "ilo"}
        ``"pwt"``: ``emp_pwt_millions`` (persons engaged, millions),
        ``avh_hours`` (average annual hours per person engaged) and
        ``hours_pwt_millions`` = ``emp * avh`` (millions of hours per year,
        missing where either is missing). ``"ilo"``: ``emp_ilo_thousands``
        (ILO modelled employment, total, thousands, 1991-).
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    if source == "pwt":
        from worldsystem.sources import pwt

        src = pwt.load(data).rename(columns=wc.renames(_EMPLOYMENT_COLUMNS["pwt"]))
        src["hours_pwt_millions"] = src["emp_pwt_millions"] * src["avh_hours"]
    elif source == "ilo":
        from worldsystem.sources import labour

        src = labour.load_ilo(data).rename(columns=wc.renames(_EMPLOYMENT_COLUMNS["ilo"]))
    else:
        raise WorldsystemError(
            "unknown employment source", field="source", value=source, hint='use "pwt" or "ilo"'
        )
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=wc.names(_EMPLOYMENT_COLUMNS[source]),
        method="panels.add_employment",
        params={"source": source},
        units=wc.units(_EMPLOYMENT_COLUMNS[source]),
    )


#: add_milex source -> registry columns it adds
_MILEX_COLUMNS: dict[str, tuple[Column, ...]] = {
    "sipri": wc.by_source("sipri_milex"),
    "nmc": wc.select("milex_nmc_thousands"),
}


# The "nmc" variant is not a step of the full build: add_capabilities adds the column.
@panel_adder(
    "milex_sipri",
    sources=("sipri_milex",),
    columns=_MILEX_COLUMNS["sipri"],
    options={"source": "sipri"},
)
def add_milex(panel: pd.DataFrame, *, source: str = "sipri", data: Data = None) -> pd.DataFrame:
    """Add military expenditure from SIPRI (1949-2020) or COW NMC.

    Parameters
    ----------
    panel : pandas.DataFrame
    source : {"sipri", "nmc"}
        ``"sipri"``: ``milex_musd_constant2019``, ``milex_musd_current``,
        ``milex_share_gdp`` (fraction). ``"nmc"``: ``milex_nmc_thousands``
        (thousands of current GBP to 1913, USD from 1914).
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame

    Notes
    -----
    SIPRI lists predecessor and successor states under their own names (USSR and
    Russia, Yugoslavia and Serbia, Yemen North and Yemen), which map to one ISO3.
    Where ``(iso3, year)`` repeats, the row with values is kept (``status ==
    "value"``); if both have values the one with more non-missing values, then
    the later name in SIPRI's order. Rows without ISO3 are not joined. A series
    joined from two SIPRI names (RUS: USSR 1987-90, Russia from 1992), or one
    whose territory changes under one name (SIPRI's Germany is West Germany to
    1990), gets a provenance note naming the spans.
    """
    if source == "nmc":
        from worldsystem.sources import cow_nmc

        nmc = _MILEX_COLUMNS["nmc"]
        src = cow_nmc.load(data).rename(columns=wc.renames(nmc))
        src = src[["ccode", "iso3", "year", *wc.names(nmc)]]
        src, on, note = _cow_keyed(panel, src)
        return left_join(
            panel,
            src,
            on=on,
            columns=wc.names(nmc),
            method="panels.add_milex",
            params={"source": source},
            units=wc.units(nmc),
            notes=[f"cow_nmc {note}"],
        )
    if source != "sipri":
        raise WorldsystemError(
            "unknown milex source", field="source", value=source, hint='use "sipri" or "nmc"'
        )
    from worldsystem.sources import sipri_milex

    sipri = _MILEX_COLUMNS["sipri"]
    src = sipri_milex.load(data).rename(columns=wc.renames(sipri))
    cols = wc.names(sipri)
    absent = [c for c in cols if c not in src.columns]
    if absent:
        found = [c for c in src.columns if c.startswith("milex_musd_constant")]
        raise SchemaError(
            "the SIPRI workbook is priced in another base year than the panel's",
            file=str(sipri_milex.INFO.folder(data)),
            field=absent[0],
            value=found[0] if found else None,
            hint="use the 2021 release (SIPRI-Milex-data-1949-2020_0.xlsx, constant 2019 US$), "
            "or read the workbook with worldsystem.sources.sipri_milex.load",
        )
    src = src[src["iso3"].notna()].copy()
    src["_value"] = (src["status"] == "value").astype(int)
    src["_n"] = src[cols].notna().sum(axis=1)
    src["_order"] = np.arange(len(src))
    src = src.sort_values(["iso3", "year", "_value", "_n", "_order"])
    n_dup = int(src.duplicated(["iso3", "year"], keep="last").sum())
    src = src.drop_duplicates(["iso3", "year"], keep="last")
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=cols,
        method="panels.add_milex",
        params={"source": source},
        units=wc.units(sipri),
        notes=[
            f"sipri_milex: {n_dup} predecessor/successor rows dropped on (iso3, year)",
            *_sipri_splices(src[src["status"] == "value"]),
        ],
    )


#: SIPRI series whose territory changes under one name (no second name marks it).
_SIPRI_TERRITORY = {"Germany": (1990, "West Germany to 1990, unified Germany from 1991")}


def _sipri_splices(kept: pd.DataFrame) -> list[str]:
    """One note per ISO3 whose milex series joins SIPRI series of different territory.

    Either two SIPRI names under one ISO3 (USSR then Russia) or a name of
    :data:`_SIPRI_TERRITORY` whose years straddle its change (Germany, 1990/91).
    A cross-era comparison on such a series compares different states.

    >>> import pandas as pd
    >>> kept = pd.DataFrame({"iso3": ["RUS"] * 4, "country": ["USSR", "USSR", "Russia", "Russia"],
    ...                      "year": [1989, 1990, 1992, 1993]})
    >>> _sipri_splices(kept)
    ['sipri_milex: RUS is spliced: USSR 1989-1990, Russia 1992-1993']
    """
    out = []
    for iso, g in kept.groupby("iso3", sort=True):
        spans = g.groupby("country", sort=False)["year"].agg(["min", "max"]).sort_values("min")
        if len(spans) > 1:
            parts = ", ".join(f"{n} {int(r['min'])}-{int(r['max'])}" for n, r in spans.iterrows())
            out.append(f"sipri_milex: {iso} is spliced: {parts}")
            continue
        name = spans.index[0]
        if name in _SIPRI_TERRITORY:
            last, what = _SIPRI_TERRITORY[name]
            if spans["min"].iloc[0] <= last < spans["max"].iloc[0]:
                out.append(f"sipri_milex: {iso} changes territory: SIPRI's {name} is {what}")
    return out


_WARHEAD_COLUMNS = wc.by_source("nuclear")


@panel_adder("warheads", sources=("nuclear",), columns=_WARHEAD_COLUMNS)
def add_warheads(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add estimated stockpiled nuclear warheads (FAS, 1945-2017).

    ``warheads`` (count). The file lists the nine nuclear states; every other
    country-year in 1945-2017 gets 0, years outside stay missing.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import nuclear

    src = nuclear.load(data).rename(columns=wc.renames(_WARHEAD_COLUMNS))
    lo, hi = int(src["year"].min()), int(src["year"].max())
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=wc.names(_WARHEAD_COLUMNS),
        method="panels.add_warheads",
        units=wc.units(_WARHEAD_COLUMNS),
        fill={"warheads": (0, lo, hi)},
        notes=[f"warheads: 0 for countries absent from the file in {lo}-{hi}"],
    )


_ARMS_TOTAL_COLUMNS = wc.by_source("sipri_tiv", kind=COUNTRY_YEAR)


@panel_adder("arms_totals", sources=("sipri_tiv",), columns=_ARMS_TOTAL_COLUMNS)
def add_arms_totals(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add SIPRI arms-transfer totals (deliveries, 1950-2021).

    Columns: ``arms_exports_mtiv`` and ``arms_imports_mtiv`` (millions of SIPRI
    TIV, a volume index, not money), ``arms_n_recipients`` (number of distinct
    recipients, any type, with deliveries in the year) and ``arms_n_suppliers``.
    Countries absent in 1950-2021 get 0; other years stay missing. Totals are
    summed over parties with an ISO3 (state parties); deliveries to or from
    non-state actors count in the state's totals on the other side.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import sipri_tiv

    t = sipri_tiv.load(data)
    ex = (
        t[t["iso3_o"].notna()]
        .groupby(["iso3_o", "year"])
        .agg(arms_exports_mtiv=("tiv_millions", "sum"), arms_n_recipients=("recipient", "nunique"))
        .reset_index()
        .rename(columns={"iso3_o": "iso3"})
    )
    im = (
        t[t["iso3_d"].notna()]
        .groupby(["iso3_d", "year"])
        .agg(arms_imports_mtiv=("tiv_millions", "sum"), arms_n_suppliers=("supplier", "nunique"))
        .reset_index()
        .rename(columns={"iso3_d": "iso3"})
    )
    src = ex.merge(im, on=["iso3", "year"], how="outer")
    attach(src, get(t))
    lo, hi = int(t["year"].min()), int(t["year"].max())
    cols = wc.names(_ARMS_TOTAL_COLUMNS)
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=cols,
        method="panels.add_arms_totals",
        units=wc.units(_ARMS_TOTAL_COLUMNS),
        fill={c: (0, lo, hi) for c in cols},
    )


_FDI_COLUMNS = wc.by_source("gapminder")
#: Gapminder indicator -> panel column
_FDI = wc.renames(_FDI_COLUMNS)


@panel_adder("fdi", sources=("gapminder",), columns=_FDI_COLUMNS)
def add_fdi(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add net FDI inflows and outflows (% of GDP; World Bank WDI via Gapminder).

    Columns ``fdi_in_pct_gdp``, ``fdi_out_pct_gdp`` (percent, 0-100 scale; may be
    negative: net flows). Gapminder geos without ISO3 are not joined.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import gapminder

    g = gapminder.load(data, indicators=list(_FDI))
    g = g[g["iso3"].notna()]
    w = g.pivot_table(index=["iso3", "year"], columns="indicator", values="value", aggfunc="first")
    w = w.rename(columns=_FDI).reset_index()
    for c in _FDI.values():
        if c not in w.columns:
            w[c] = np.nan
    attach(w, get(g))
    return left_join(
        panel,
        w,
        on=["iso3", "year"],
        columns=list(_FDI.values()),
        method="panels.add_fdi",
        units=wc.units(_FDI_COLUMNS),
    )


_TROOP_COLUMNS = wc.by_source("us_troops")


@panel_adder("us_troops", sources=("us_troops",), columns=_TROOP_COLUMNS)
def add_us_troops(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add US active-duty military personnel hosted (troopdata rebuild, 1950-).

    Column ``us_troops_ad`` (persons, active duty, all services). troopdata rows
    are host territories; rows sharing an ISO3 in a year (territories coded to
    their state) are summed; rows without ISO3 are not joined. Country-years
    absent from the file stay missing (troopdata lists hosts with a report).

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame
    """
    from worldsystem.sources import us_troops

    u = us_troops.load(data)
    u = u[u["iso3"].notna()]
    src = (
        u.groupby(["iso3", "year"])["troops_ad"]
        .sum(min_count=1)
        .reset_index()
        .rename(columns=wc.renames(_TROOP_COLUMNS))
    )
    attach(src, get(u))
    return left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=wc.names(_TROOP_COLUMNS),
        method="panels.add_us_troops",
        units=wc.units(_TROOP_COLUMNS),
        notes=["us_troops: host rows sharing an ISO3 in a year are summed"],
    )


_CONFLICT_COLUMNS = wc.by_source("ucdp")
#: panel column -> unit
_CONFLICT_COLS = wc.units(_CONFLICT_COLUMNS)


@panel_adder("conflict", sources=("ucdp",), columns=_CONFLICT_COLUMNS)
def add_conflict(panel: pd.DataFrame, *, data: Data = None) -> pd.DataFrame:
    """Add involvement in armed conflicts (UCDP/PRIO ACD v25.1, 1946-2024).

    Columns (counts of distinct conflicts in the year, 0 in 1946-2024 when none):

    - ``conflicts_interstate``: interstate conflicts (type 2) as a primary party
      (side A or B);
    - ``conflicts_internationalised``: internationalised intrastate conflicts
      (type 4) on any side;
    - ``conflicts_secondary``: conflicts of any type as a secondary supporter;
    - ``conflicts_intervention_proxy``: type-4 conflicts as a secondary
      supporter;
    - ``conflicts_any``: all conflicts on any side.

    Parameters
    ----------
    panel : pandas.DataFrame
    data : path-like, optional

    Returns
    -------
    pandas.DataFrame

    Notes
    -----
    Whether a conflict is fought *outside the state's own territory* is not
    identifiable here: this copy of the UCDP file has no ``location`` column.
    ``conflicts_intervention_proxy`` -- being a secondary supporter in an
    internationalised intrastate conflict, i.e. sending troops to another
    state's civil war -- is the proxy for intervention abroad; it misses
    interstate wars fought abroad and counts supporting a government at home
    (rare). Participants are matched by the ISO3 of their Gleditsch-Ward code.
    """
    from worldsystem.sources import ucdp

    p = ucdp.load_participants(data)
    p = p[p["iso3"].notna()]
    primary = p["side"].isin(["a", "b"])
    secondary = ~primary
    t = p["type_of_conflict"]
    parts = {
        "conflicts_interstate": p[primary & (t == 2)],
        "conflicts_internationalised": p[t == 4],
        "conflicts_secondary": p[secondary],
        "conflicts_intervention_proxy": p[secondary & (t == 4)],
        "conflicts_any": p,
    }
    frames = [
        sub.groupby(["iso3", "year"])["conflict_id"].nunique().rename(name)
        for name, sub in parts.items()
    ]
    src = pd.concat(frames, axis=1).fillna(0).astype("int64").reset_index()
    attach(src, get(p))
    lo, hi = int(p["year"].min()), int(p["year"].max())
    cols = list(_CONFLICT_COLS)
    out = left_join(
        panel,
        src,
        on=["iso3", "year"],
        columns=cols,
        method="panels.add_conflict",
        units=dict(_CONFLICT_COLS),
        fill={c: (0, lo, hi) for c in cols},
        notes=[
            "ucdp: conflict location is not in this extract; 'outside own territory' is "
            "proxied by secondary support in internationalised intrastate conflicts"
        ],
    )
    return out


#: name -> (function, keyword options) of every add_* in the full country-year build,
#: in build order: a live view of the :func:`~worldsystem.panels._adders.panel_adder`
#: registry (declare a new add_* with the decorator and it appears here).
ADDERS: Mapping[str, tuple[Any, dict[str, Any]]] = AdderView(
    COUNTRY_YEAR, lambda a: (a.function, dict(a.options))
)
