"""WIOD 2013 world input-output tables as :class:`~worldsystem.panels.mrio.MRIO`,
with a value-added satellite and a constructed labour-hours account.

Value added
-----------
The official WIOT value-added rows are not in this copy of the data, so value
added is derived as gross output minus intermediate inputs,
:math:`v_j = x_j - \\sum_i Z_{ij}`. This residual also contains taxes less
subsidies on products and international transport margins (rows of the WIOT
that are not intermediate deliveries), so it is *larger* than value added at
basic prices; it can be slightly negative in tiny cells because the cells of this
copy are rounded to whole millions.

Labour account (``labour="pwt-ggdc"``)
---------------------------------------
WIOD 2013's Socio-Economic Accounts are not in the data folder, so hours worked
by region and sector are **constructed**, not observed:

1. Level for each of the 40 WIOD countries: persons engaged (PWT 10.01 ``emp``,
   millions) x average annual hours (PWT ``avh``). If ``avh`` is missing: the
   median ``avh`` of all PWT countries that year. If ``emp`` is missing: ILO
   modelled employment.
2. Rest of the world (``ROW``): ILO world employment (sum over all ILO areas)
   minus the ILO employment of the 40 WIOD countries, times the
   employment-weighted mean PWT ``avh`` of non-WIOD countries that report it.
3. Split over the 35 sectors: persons engaged by GGDC 10-sector group
   (:data:`GGDC_OF_SECTOR`, ISIC rev. 3 sections -> WIOD c-codes), from the GGDC
   year nearest to the table year within :data:`GGDC_MAX_GAP` years, and within a
   group by the region's gross-output shares of its WIOD sectors. Where GGDC
   lacks ``GOV`` or ``OTH`` the two are merged (GGDC includes the missing one in
   the other). Countries without GGDC data in the window (most of the EU; DEU's
   GGDC series is West Germany and ends in 1991) are split by gross-output
   shares over all 35 sectors. ``ROW`` is split with the pooled GGDC sector
   shares of the GGDC countries outside WIOD.

Limits: hours per person are assumed equal across sectors of a country (PWT
reports no sectoral hours); output-share splits put too few hours in
labour-intensive, low-productivity sectors (agriculture, trade, personal
services) and too many in capital-intensive ones, so embodied-labour results for
fallback countries should be read with that bias in mind. The rule used for each
region is in the ``labour_method`` table of :func:`labour_account` and in the
MRIO's provenance notes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance, get
from worldsystem.panels.mrio import MRIO

__all__ = ["GGDC_MAX_GAP", "GGDC_OF_SECTOR", "labour_account", "labour_hours", "mrio", "mrio_years"]

Data = str | os.PathLike[str] | None

#: WIOD c-code (NACE rev. 1.1 based) -> GGDC 10-sector group (ISIC rev. 3.1 sections):
#: AGR = A+B, MIN = C, MAN = D, PU = E, CON = F, WRT = G+H, TRA = I, FIRE = J+K,
#: GOV = L+M+N, OTH = O+P (Timmer, de Vries & de Vries 2015, sector definitions).
GGDC_OF_SECTOR: dict[str, str] = {
    "c1": "AGR",  # AtB agriculture, hunting, forestry, fishing
    "c2": "MIN",  # C mining and quarrying
    **{f"c{i}": "MAN" for i in range(3, 17)},  # D manufacturing (15t16 .. 36t37)
    "c17": "PU",  # E electricity, gas, water
    "c18": "CON",  # F construction
    "c19": "WRT",  # 50 sale and repair of motor vehicles, fuel
    "c20": "WRT",  # 51 wholesale
    "c21": "WRT",  # 52 retail
    "c22": "WRT",  # H hotels and restaurants
    "c23": "TRA",  # 60 inland transport
    "c24": "TRA",  # 61 water transport
    "c25": "TRA",  # 62 air transport
    "c26": "TRA",  # 63 supporting transport, travel agencies
    "c27": "TRA",  # 64 post and telecommunications
    "c28": "FIRE",  # J financial intermediation
    "c29": "FIRE",  # 70 real estate
    "c30": "FIRE",  # 71t74 renting and other business activities
    "c31": "GOV",  # L public administration and defence
    "c32": "GOV",  # M education
    "c33": "GOV",  # N health and social work
    "c34": "OTH",  # O other community, social and personal services
    "c35": "OTH",  # P private households with employed persons
}

#: largest distance in years between the table year and the GGDC year used
GGDC_MAX_GAP = 5

_GROUPS = ("AGR", "MIN", "MAN", "PU", "CON", "WRT", "TRA", "FIRE", "GOV", "OTH")


def _ggdc_shares(row: pd.Series) -> dict[str, float] | None:
    """GGDC group -> share of persons engaged, merging GOV/OTH when one is missing."""
    vals = {g: row.get(f"emp_{g.lower()}_thousands", np.nan) for g in _GROUPS}
    if pd.isna(vals["GOV"]) != pd.isna(vals["OTH"]):
        vals["GOV+OTH"] = np.nansum([vals.pop("GOV"), vals.pop("OTH")])
    core = {k: v for k, v in vals.items() if not pd.isna(v)}
    need = {"AGR", "MIN", "MAN", "PU", "CON", "WRT", "TRA", "FIRE"}
    total = sum(core.values())
    if not need <= set(core) or total <= 0:
        return None
    return {k: v / total for k, v in core.items()}


def _split(
    total: float,
    shares: dict[str, float] | None,
    out_r: np.ndarray,
    sectors,
    group_of: Mapping[str, str] = GGDC_OF_SECTOR,
) -> np.ndarray:
    """Distribute ``total`` hours over sectors: by GGDC groups then output, or by output."""
    out_r = np.clip(np.asarray(out_r, dtype=float), 0.0, None)
    res = np.zeros(len(sectors))
    if shares is None:
        s = out_r.sum()
        return total * (out_r / s if s > 0 else np.full(len(sectors), 1 / len(sectors)))
    group = np.array(
        [
            "GOV+OTH" if "GOV+OTH" in shares and group_of[c] in ("GOV", "OTH") else group_of[c]
            for c in sectors
        ]
    )
    for g, sh in shares.items():
        m = group == g
        if not m.any():
            continue
        o = out_r[m]
        w = o / o.sum() if o.sum() > 0 else np.full(m.sum(), 1 / m.sum())
        res[m] = total * sh * w
    return res


def labour_hours(
    x: np.ndarray,
    regions: Sequence[str],
    sectors: Sequence[str],
    year: int,
    *,
    pwt: pd.DataFrame,
    ggdc: pd.DataFrame,
    ilo: pd.DataFrame,
    group_of_sector: Mapping[str, str] | None = None,
    impute_missing: bool = False,
) -> tuple[np.ndarray, pd.DataFrame]:
    """Construct hours worked by region and sector (pure; see the module docstring).

    The rules are written for WIOD but hold for any table whose regions are ISO3
    codes plus one rest-of-the-world region ``"ROW"`` and whose sectors map to the
    GGDC groups (``group_of_sector``); :func:`worldsystem.panels.mrio_sources.labour_join`
    applies them to OECD ICIO and Eora26.

    Parameters
    ----------
    x : ndarray, shape (n_regions * n_sectors,)
        Gross output, region-major.
    regions, sectors : sequence of str
        ISO3 region codes (``"ROW"`` = rest of the world) and WIOD c-codes.
    year : int
    pwt : DataFrame
        ``iso3, year, emp`` (millions), ``avh`` (hours per person per year).
    ggdc : DataFrame
        ``iso3, year, series`` and ``emp_<group>_thousands`` (GGDC wide).
    ilo : DataFrame
        ``iso3, year, employment_thousands``.
    group_of_sector : mapping, optional
        Sector code -> GGDC group (default :data:`GGDC_OF_SECTOR`, the WIOD codes).
    impute_missing : bool
        A named country with neither PWT nor ILO employment gets hours from the
        median hours per unit of gross output of the countries that have them
        (rule ``"imputed: median hours per unit of output"``); when False such a
        country is an error.

    Returns
    -------
    hours : ndarray, shape (n,)
        Hours worked per year.
    method : DataFrame
        One row per region: ``region, persons, avh_hours, hours, level_rule,
        hours_rule, split_rule, ggdc_year``.
    """
    ns = len(sectors)
    xr = np.asarray(x, dtype=float).reshape(len(regions), ns)
    p = pwt[pwt["year"] == year].set_index("iso3")
    il = ilo[ilo["year"] == year].set_index("iso3")["employment_thousands"]
    avh_all = p["avh"].dropna()
    median_avh = float(avh_all.median()) if len(avh_all) else np.nan
    gg = ggdc[ggdc["series"] == "main"] if "series" in ggdc.columns else ggdc
    group_of = GGDC_OF_SECTOR if group_of_sector is None else group_of_sector
    wiod_countries = [r for r in regions if r != "ROW"]

    def ggdc_row(iso: str) -> tuple[pd.Series | None, int | None]:
        sub = gg[gg["iso3"] == iso]
        if not len(sub):
            return None, None
        gap = (sub["year"] - year).abs()
        sub = sub[gap <= GGDC_MAX_GAP].assign(_gap=gap).sort_values(["_gap", "year"])
        for _, row in sub.iterrows():
            if _ggdc_shares(row) is not None:
                return row, int(row["year"])
        return None, None

    hours = np.zeros(xr.shape)
    rows = []
    for r, iso in enumerate(regions):
        if iso == "ROW":
            ilo_w = il.sum() - il.reindex(wiod_countries).fillna(0).sum()
            persons = float(ilo_w) * 1e3
            level_rule = "ILO world employment minus the table's named countries"
            others = p[~p.index.isin(wiod_countries)].dropna(subset=["emp", "avh"])
            if len(others):
                avh = float(np.average(others["avh"], weights=others["emp"]))
                hours_rule = "employment-weighted mean PWT avh of the countries outside the table"
            else:
                avh, hours_rule = median_avh, "median PWT avh"
            pool = gg[~gg["iso3"].isin(wiod_countries)]
            pool = pool[(pool["year"] - year).abs() <= GGDC_MAX_GAP]
            if len(pool):
                best = pool.assign(_gap=(pool["year"] - year).abs())
                best = best.sort_values(["iso3", "_gap"]).drop_duplicates("iso3")
                summed = best.filter(like="emp_").sum(min_count=1)
                shares = _ggdc_shares(summed)
                gyear = None
                split_rule = (
                    "pooled GGDC shares of the GGDC countries outside the table, then output"
                )
            else:
                shares, gyear = None, None
            if shares is None:
                split_rule = "gross-output shares"
        else:
            emp = p["emp"].get(iso, np.nan)
            if pd.notna(emp):
                persons, level_rule = float(emp) * 1e6, "PWT emp"
            elif pd.notna(il.get(iso, np.nan)):
                persons, level_rule = float(il[iso]) * 1e3, "ILO employment"
            elif impute_missing:
                rows.append(_imputed_row(iso))
                continue
            else:
                raise WorldsystemError(
                    f"no employment figure for {iso} in {year} in PWT or ILO",
                    field="emp",
                    value=iso,
                    hint="check the pwt and labour data files",
                )
            avh = p["avh"].get(iso, np.nan)
            if pd.notna(avh):
                avh, hours_rule = float(avh), "PWT avh"
            else:
                avh, hours_rule = median_avh, "median PWT avh of the year"
            row, gyear = ggdc_row(iso)
            shares = None if row is None else _ggdc_shares(row)
            split_rule = (
                "gross-output shares"
                if shares is None
                else f"GGDC {gyear} sector shares, then output within group"
            )
        total = persons * avh
        hours[r] = _split(total, shares, xr[r], sectors, group_of)
        rows.append(
            {
                "region": iso,
                "persons": persons,
                "avh_hours": avh,
                "hours": total,
                "level_rule": level_rule,
                "hours_rule": hours_rule,
                "split_rule": split_rule,
                "ggdc_year": gyear,
            }
        )
    imputed = [i for i, row in enumerate(rows) if row["level_rule"].startswith("imputed")]
    if imputed:
        # median hours per unit of gross output over the regions with a measured level
        measured = [i for i in range(len(rows)) if i not in imputed and xr[i].sum() > 0]
        intensity = float(np.median([hours[i].sum() / xr[i].sum() for i in measured]))
        for i in imputed:
            hours[i] = intensity * np.clip(xr[i], 0.0, None)
            rows[i]["hours"] = float(hours[i].sum())
    method = pd.DataFrame(rows)
    method["ggdc_year"] = method["ggdc_year"].astype("Int64")
    return hours.reshape(-1), method


def _imputed_row(iso: str) -> dict:
    return {
        "region": iso,
        "persons": np.nan,
        "avh_hours": np.nan,
        "hours": np.nan,
        "level_rule": "imputed: median hours per unit of output of the measured regions",
        "hours_rule": "none (imputed)",
        "split_rule": "gross-output shares",
        "ggdc_year": None,
    }


def labour_account(
    year: int, *, data: Data = None, x: np.ndarray | None = None
) -> tuple[np.ndarray, pd.DataFrame, Provenance]:
    """Hours worked by WIOD region-sector for ``year`` and the rule used per region.

    Parameters
    ----------
    year : int
        1995-2011.
    data : path-like, optional
        Data directory (needs ``wiod2013``, ``pwt`` and ``labour``).
    x : ndarray, optional
        Gross output (read from the WIOT when omitted).

    Returns
    -------
    hours : ndarray
        Hours per year, region-major (41 x 35).
    method : DataFrame
        The ``labour_method`` table (see :func:`labour_hours`).
    provenance : Provenance
        Sources (PWT, GGDC/ILO) and one note per region.
    """
    from worldsystem.sources import labour, pwt, wiod

    w = wiod.load_year(year, data)
    p = pwt.load(data)
    g = labour.load(data)
    il = labour.load_ilo(data)
    hours, method = labour_hours(
        w.x if x is None else x, w.iso3, w.industries, year, pwt=p, ggdc=g, ilo=il
    )
    prov = (
        get(p)
        .merge(get(g), get(il))
        .with_method(
            "panels.labour_account",
            {"year": year, "labour": "pwt-ggdc", "ggdc_max_gap": GGDC_MAX_GAP},
        )
    )
    for r in method.itertuples():
        prov = prov.with_note(
            f"labour_hours {r.region}: level {r.level_rule}; hours/person {r.hours_rule}; "
            f"split {r.split_rule}"
        )
    return hours, method, prov


def mrio(year: int, *, data: Data = None, labour: str | None = "pwt-ggdc") -> MRIO:
    """The WIOD 2013 world input-output table of ``year`` as an :class:`MRIO`.

    Parameters
    ----------
    year : int
        1995-2011.
    data : path-like, optional
        Data directory.
    labour : {"pwt-ggdc", None}
        Build the ``labour_hours`` satellite (see the module docstring); None
        skips it (no PWT/GGDC/ILO needed).

    Returns
    -------
    MRIO
        ``Z`` (1435 x 1435), ``Y`` (1435 x 205, WIOD final demand c37, c38, c39,
        c41, c42 per region), ``x``, regions as ISO3 (``ROM`` -> ``ROU``;
        ``ROW`` rest of the world), sectors ``c1..c35``, unit "millions of current
        US dollars", satellites ``value_added`` (same unit; ``x`` minus column
        sums of ``Z``, see the module docstring) and ``labour_hours`` (hours per
        year, constructed). The provenance notes record the labour rule of each
        region.

    Raises
    ------
    SourceError
        A needed file is absent.
    WorldsystemError
        ``labour`` is not a known method.
    """
    from worldsystem.sources import wiod

    if labour not in ("pwt-ggdc", None):
        raise WorldsystemError(
            "unknown labour account", field="labour", value=labour, hint='use "pwt-ggdc" or None'
        )
    w = wiod.load_year(year, data)
    va = np.asarray(w.x, dtype=float) - np.asarray(w.Z, dtype=float).sum(axis=0)
    sats = {"value_added": va}
    units = {"value_added": f"{w.unit} (gross output minus intermediate inputs)"}
    prov = get_prov(w).with_method("panels.mrio", {"year": year, "labour": labour})
    prov = prov.with_note(
        "value_added = x - column sums of Z; includes taxes less subsidies on products "
        "and international transport margins (WIOT value-added rows not in this data)"
    )
    if labour == "pwt-ggdc":
        hours, _, lprov = labour_account(year, data=data, x=w.x)
        sats["labour_hours"] = hours
        units["labour_hours"] = "hours worked per year (constructed: PWT emp x avh, GGDC split)"
        prov = prov.merge(lprov)
    return MRIO(
        Z=w.Z,
        Y=w.F,
        x=w.x,
        regions=tuple(w.iso3),
        sectors=tuple(w.industries),
        fd_categories=tuple(w.fd_categories),
        satellites=sats,
        satellite_units=units,
        year=year,
        unit=w.unit,
        provenance=prov,
    )


def get_prov(w) -> Provenance:
    """Provenance of a loaded WIOT year (or an empty one)."""
    return w.provenance if isinstance(getattr(w, "provenance", None), Provenance) else Provenance()


def mrio_years(
    years: Iterable[int], *, data: Data = None, labour: str | None = "pwt-ggdc"
) -> dict[int, MRIO]:
    """:func:`mrio` for several years.

    Parameters
    ----------
    years : iterable of int
    data : path-like, optional
    labour : {"pwt-ggdc", None}

    Returns
    -------
    dict of int to MRIO
    """
    return {int(y): mrio(int(y), data=data, labour=labour) for y in years}
