"""MRIO tables from EXIOBASE 3, OECD ICIO, GLORIA and Eora26, and sector concordances.

:func:`mrio_table` reads one year of a source (its official layout, through the
loaders in :mod:`worldsystem.sources`) into :class:`~worldsystem.panels.mrio.MRIO`
with the satellites the source has:

============  ============================  ==============================  ===========
source        labour_hours                  compensation                    value_added
============  ============================  ==============================  ===========
exiobase      employment hours (6 splits)   compensation of employees (3)   basic prices
oecd_icio     none (see below)              none                            ``VA`` row
gloria        employment account in hours,  VA rows "compensation of        V block
              if the release has one        employees"
eora26        none (see below)              ``Compensation of employees     VA block
                                            D.1``
============  ============================  ==============================  ===========

Monetary units: EXIOBASE stays in million current euros (no exchange rate is
applied); OECD ICIO is USD million; GLORIA and Eora26 are converted from
thousand to million current USD (divided by 1,000, noted in the provenance), so
the USD tables share WIOD's unit.

Hours for ICIO and Eora26: neither has an hours account, so :func:`labour_join`
builds one from the project's labour panels with the WIOD rules of
:func:`worldsystem.panels.wiod.labour_hours`: persons engaged (PWT ``emp``, else
ILO modelled employment) x average annual hours (PWT ``avh``, else the year's
median), split over the GGDC 10 groups by GGDC persons engaged (else gross
output) and within a group by gross output; ``ROW`` gets ILO world employment
minus the named countries. The table's sectors reach the GGDC groups through the
concordance of the source (:func:`icio_concordance`, :data:`EORA26_GROUPS`). PWT
10.01 ends in 2019: a later table uses PWT's 2019 hours per person and ILO
employment of the table year (noted). A named country with no employment figure
anywhere (small Eora26 economies) gets the median hours per unit of output of the
measured regions, noted per region.

Currency: :func:`to_usd` converts a euro table (EXIOBASE) to million current US
dollars at the year's euro-dollar rate: PWT 10.01 ``xr`` of Germany (euros per
dollar; 1995-2019), else the ECB's annual average reference rate
(:data:`ECB_USD_PER_EUR`), so that value columns in USD million mean the same
across sources.

Concordances
------------
A concordance is an explicit matrix :math:`C` (source sectors x target groups)
whose rows sum to one: ``C[i, g]`` is the share of sector ``i`` assigned to group
``g``. :func:`aggregate` applies it to every region alike,

.. math:: Z' = S^\\top Z S,\\quad Y' = S^\\top Y,\\quad x' = S^\\top x,
          \\quad s' = S^\\top s,\\qquad S = I_R \\otimes C,

which is exact for a 0/1 concordance (every sector in one group) and splits
rows and columns proportionally for fractional rows. The common target is the
GGDC 10-sector grouping already used for WIOD (:data:`GROUPS`): AGR, MIN, MAN,
PU, CON, WRT, TRA, FIRE, GOV, OTH (Timmer, de Vries & de Vries 2015), so a
scenario written on the aggregate runs on any table.

Built in: :func:`icio_concordance` (ISIC Rev. 4 division ranges, for ICIO codes
in both the ``A01_02`` and the ``D01T02`` spelling) and :data:`EORA26_GROUPS`
(the 26 Eora sectors by name) and :func:`exiobase_group` (the 200 EXIOBASE 3
products and 163 industries by name, through ordered keyword rules: EXIOBASE
codes follow NACE Rev. 1.1 divisions, which are ISIC Rev. 3.1 divisions, so each
name has one GGDC group; a reference test checks all 363 names against the codes
of the EXIOBASE classification) and :data:`GLORIA_GROUPS` (the 120 GLORIA
sectors by name, each by its ISIC Rev. 4 section; :func:`gloria_group`). Any
other classification: pass a mapping to :func:`concordance`.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Mapping, Sequence

import numpy as np

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.panels.mrio import MRIO

__all__ = [
    "EORA26_GROUPS",
    "GLORIA_GROUPS",
    "GROUPS",
    "MRIO_SOURCES",
    "aggregate",
    "concordance",
    "eora26_concordance",
    "exiobase_group",
    "gloria_group",
    "icio_concordance",
    "isic4_section",
    "labour_join",
    "mrio_table",
    "sector_groups",
    "to_usd",
]

Data = str | os.PathLike[str] | None

MRIO_SOURCES = ("exiobase", "oecd_icio", "gloria", "eora26")

#: The common aggregate: GGDC 10-sector groups (as :data:`panels.wiod.GGDC_OF_SECTOR`).
GROUPS = ("AGR", "MIN", "MAN", "PU", "CON", "WRT", "TRA", "FIRE", "GOV", "OTH")

#: ISIC Rev. 4 section -> GGDC group. GGDC's groups are ISIC Rev. 3.1 sections;
#: the Rev. 4 equivalents: A AGR; B MIN; C MAN; D (electricity) and E (water,
#: waste) PU; F CON; G (trade) and I (accommodation; Rev. 3 H) WRT; H (transport)
#: and J (information and communication, Rev. 3 I64 + parts of D and K) TRA;
#: K, L, M, N (finance, real estate, business services) FIRE; O, P, Q (public
#: administration, education, health) GOV; R, S, T, U OTH.
SECTION_GROUP = {
    "A": "AGR", "B": "MIN", "C": "MAN", "D": "PU", "E": "PU", "F": "CON", "G": "WRT",
    "I": "WRT", "H": "TRA", "J": "TRA", "K": "FIRE", "L": "FIRE", "M": "FIRE", "N": "FIRE",
    "O": "GOV", "P": "GOV", "Q": "GOV", "R": "OTH", "S": "OTH", "T": "OTH", "U": "OTH",
}  # fmt: skip

#: ISIC Rev. 4 divisions (first, last) of each section.
_SECTION_DIVISIONS = (
    ("A", 1, 3), ("B", 5, 9), ("C", 10, 33), ("D", 35, 35), ("E", 36, 39), ("F", 41, 43),
    ("G", 45, 47), ("H", 49, 53), ("I", 55, 56), ("J", 58, 63), ("K", 64, 66), ("L", 68, 68),
    ("M", 69, 75), ("N", 77, 82), ("O", 84, 84), ("P", 85, 85), ("Q", 86, 88), ("R", 90, 93),
    ("S", 94, 96), ("T", 97, 98), ("U", 99, 99),
)  # fmt: skip

#: The 26 Eora26 sectors -> GGDC group. Mixed sectors are assigned whole to the
#: group of their larger part: "Education, Health and Other Services" -> GOV
#: (it also holds OTH services), "Re-export & Re-import" -> OTH, "Maintenance
#: and Repair" -> WRT (ISIC Rev. 3 50), "Recycling" -> MAN (ISIC Rev. 3 37).
EORA26_GROUPS = {
    "Agriculture": "AGR",
    "Fishing": "AGR",
    "Mining and Quarrying": "MIN",
    "Food & Beverages": "MAN",
    "Textiles and Wearing Apparel": "MAN",
    "Wood and Paper": "MAN",
    "Petroleum, Chemical and Non-Metallic Mineral Products": "MAN",
    "Metal Products": "MAN",
    "Electrical and Machinery": "MAN",
    "Transport Equipment": "MAN",
    "Other Manufacturing": "MAN",
    "Recycling": "MAN",
    "Electricity, Gas and Water": "PU",
    "Construction": "CON",
    "Maintenance and Repair": "WRT",
    "Wholesale Trade": "WRT",
    "Retail Trade": "WRT",
    "Hotels and Restraurants": "WRT",  # sic, Eora's spelling
    "Transport": "TRA",
    "Post and Telecommunications": "TRA",
    "Financial Intermediation and Business Activities": "FIRE",
    "Public Administration": "GOV",
    "Education, Health and Other Services": "GOV",
    "Private Households": "OTH",
    "Others": "OTH",
    "Re-export & Re-import": "OTH",
}


#: The 120 GLORIA sectors (names as in the ``Sectors`` sheet of the GLORIA
#: ReadMe, ``GLORIA_ReadMe_059.xlsx``, IELab, University of Sydney; Lenzen et al.
#: 2022, doi:10.1038/s41893-021-00811-6) -> GGDC group, by the ISIC Rev. 4
#: section of each sector (:data:`SECTION_GROUP`, the rule used for ICIO):
#: crops, livestock, forestry and fishing (A) AGR; coal, oil, gas, ores and
#: quarrying (B) MIN; food to furniture and the repair and installation of
#: machinery (C, incl. C33) MAN; electricity, gas distribution (D), water,
#: sewerage, waste and materials recovery (E) PU; building and civil
#: engineering (F) CON; trade (G) and hospitality (I) WRT; transport, post (H),
#: publishing, telecommunications and information services (J) TRA; finance,
#: real estate, professional and administrative services (K-N) FIRE; government,
#: education, health (O-Q) GOV; arts and other services (R, S) OTH. Every GLORIA
#: sector lies within one section, so the matrix is 0/1 (no split).
GLORIA_GROUPS: dict[str, str] = {
    **dict.fromkeys((
        "Growing wheat", "Growing maize", "Growing cereals n.e.c.",
        "Growing leguminous crops and oil seeds", "Growing rice",
        "Growing vegetables, roots, tubers", "Growing sugar beet and cane", "Growing tobacco",
        "Growing fibre crops", "Growing crops n.e.c.", "Growing grapes",
        "Growing fruits and nuts", "Growing beverage crops (coffee, tea etc)",
        "Growing spices, aromatic, drug and pharmaceutical crops",
        "Seeds and plant propagation", "Raising of cattle", "Raising of sheep and goats",
        "Raising of swine/pigs", "Raising of poultry",
        "Raising of animals n.e.c.; services to agriculture", "Forestry and logging",
        "Fishing", "Crustaceans and molluscs",
    ), "AGR"),
    **dict.fromkeys((
        "Hard coal", "Lignite and peat", "Petroleum extraction", "Gas extraction",
        "Iron ores", "Uranium ores", "Aluminium ore", "Copper ores", "Gold ores",
        "Lead/zinc/silver ores", "Nickel ores", "Tin ores", "Other non-ferrous ores",
        "Quarrying of stone, sand and clay", "Chemical and fertilizer minerals",
        "Extraction of salt", "Mining and quarrying n.e.c.; services to mining",
    ), "MIN"),
    **dict.fromkeys((
        "Beef meat", "Sheep meat", "Pork", "Poultry meat", "Other meat products",
        "Fish products", "Cereal products", "Vegetable products", "Fruit products",
        "Food products and feeds n.e.c.",
        "Sugar refining; cocoa, chocolate and confectionery", "Animal oils and fats",
        "Vegetable oils and fats", "Dairy products", "Alcoholic and other beverages",
        "Tobacco products", "Textiles and clothing", "Leather and footwear",
        "Sawmill products", "Pulp and paper", "Printing", "Coke oven products",
        "Refined petroleum products", "Nitrogenous fertilizers",
        "Non-nitrogenous and mixed fertilizers", "Basic petrochemical products",
        "Basic inorganic chemicals", "Basic organic chemicals",
        "Pharmaceuticals and medicinal products",
        "Dyes, paints, glues, detergents and other chemical products", "Rubber products",
        "Plastic products", "Clay building materials", "Glass and other ceramics n.e.c.",
        "Cement, lime and plaster products", "Other non-metallic mineral products n.e.c.",
        "Basic iron and steel", "Basic aluminium", "Basic copper", "Basic gold",
        "Basic lead/zinc/silver", "Basic nickel", "Basic tin",
        "Basic non-ferrous metals n.e.c.", "Fabricated metal products",
        "Computers; electronic products; optical and precision instruments",
        "Electrical equipment", "Machinery and equipment",
        "Motor vehicles, trailers and semi-trailers", "Other transport equipment",
        "Furniture and other manufacturing n.e.c.",
        "Repair and installation of machinery and equipment (service)",
    ), "MAN"),
    **dict.fromkeys((
        "Electric power generation, transmission and distribution",
        "Distribution of gaseous fuels through mains",
        "Water collection, treatment and supply; sewerage",
        "Waste collection, treatment, and disposal", "Materials recovery",
    ), "PU"),
    **dict.fromkeys(("Building construction", "Civil engineering construction"), "CON"),
    **dict.fromkeys((
        "Wholesale and retail trade; repair of motor vehicles and motorcycles", "Hospitality",
    ), "WRT"),
    **dict.fromkeys((
        "Road transport", "Rail transport", "Transport via pipeline", "Water transport",
        "Air transport", "Services to transport", "Postal and courier services", "Publishing",
        "Telecommunications", "Information services",
    ), "TRA"),
    **dict.fromkeys((
        "Finance and insurance", "Property and real estate",
        "Professional, scientific and technical services", "Administrative services",
    ), "FIRE"),
    **dict.fromkeys((
        "Government; social security; defence; public order", "Education",
        "Human health and social work activities",
    ), "GOV"),
    **dict.fromkeys(("Arts, entertainment and recreation", "Other services"), "OTH"),
}  # fmt: skip


def _gloria_key(name: str) -> str:
    """GLORIA names compared case-blind with runs of blanks as one (ReadMe versions differ)."""
    return " ".join(str(name).split()).lower()


_GLORIA_BY_KEY = {_gloria_key(k): v for k, v in GLORIA_GROUPS.items()}


def gloria_group(name: str) -> str:
    """GGDC group of a GLORIA sector name (:data:`GLORIA_GROUPS`).

    >>> gloria_group("Hard coal"), gloria_group("Basic Iron And Steel")
    ('MIN', 'MAN')

    Raises
    ------
    SchemaError
        The name is not one of GLORIA's 120 sectors.
    """
    g = _GLORIA_BY_KEY.get(_gloria_key(name))
    if g is None:
        raise SchemaError(
            "GLORIA sector without a concordance entry",
            field="sector",
            value=name,
            hint="the concordance covers the 120 sectors of GLORIA_ReadMe_059.xlsx (Sectors)",
        )
    return g


def concordance(
    sectors: Sequence[str],
    mapping: Mapping[str, str | Mapping[str, float]],
    groups: Sequence[str] = GROUPS,
) -> np.ndarray:
    """Concordance matrix from an explicit mapping.

    Parameters
    ----------
    sectors : sequence of str
        Source sector labels, in table order.
    mapping : mapping
        Sector -> group, or sector -> {group: share} with shares summing to 1.
    groups : sequence of str
        Target groups (columns), default :data:`GROUPS`.

    Returns
    -------
    ndarray, shape (len(sectors), len(groups))
        Rows sum to 1.

    Raises
    ------
    SchemaError
        A sector without a mapping, an unknown group, or shares not summing to 1.

    Examples
    --------
    >>> concordance(["a", "b"], {"a": "AGR", "b": {"MAN": 0.5, "PU": 0.5}})[:, :4]
    array([[1. , 0. , 0. , 0. ],
           [0. , 0. , 0.5, 0.5]])
    """
    groups = list(groups)
    C = np.zeros((len(sectors), len(groups)))
    for i, s in enumerate(sectors):
        if s not in mapping:
            raise SchemaError(
                "sector has no concordance entry",
                field="sector",
                value=s,
                hint="add it to the mapping",
            )
        target = mapping[s]
        shares = {target: 1.0} if isinstance(target, str) else dict(target)
        for g, w in shares.items():
            if g not in groups:
                raise SchemaError("unknown target group", field=s, value=g)
            C[i, groups.index(g)] += float(w)
        if not np.isclose(C[i].sum(), 1.0) or (C[i] < 0).any():
            raise SchemaError(
                "concordance shares must be >= 0 and sum to 1", field=s, value=float(C[i].sum())
            )
    return C


def isic4_section(code: str) -> str:
    """ISIC Rev. 4 section letter of an ICIO industry code.

    ``A01_02`` / ``C10T12`` / ``D`` (2023 spelling: the section letter leads) and
    ``D01T02`` / ``D35T39`` (2021 spelling: ``D`` + divisions) are both read: a
    code ``D`` followed by two digits is a division range.

    >>> isic4_section("C10T12"), isic4_section("D01T02"), isic4_section("D35")
    ('C', 'A', 'D')
    """
    m = re.fullmatch(r"D(\d{2})(?:T\d{2}|_\d{2})?", code)
    if m:
        div = int(m.group(1))
        for sec, lo, hi in _SECTION_DIVISIONS:
            if lo <= div <= hi:
                return sec
        raise SchemaError("ISIC Rev. 4 division out of range", field="sector", value=code)
    if code[:1] in SECTION_GROUP:
        return code[0]
    raise SchemaError("not an ISIC Rev. 4 industry code", field="sector", value=code)


def icio_concordance(sectors: Sequence[str]) -> np.ndarray:
    """OECD ICIO industries -> :data:`GROUPS` (via :func:`isic4_section`)."""
    return concordance(sectors, {s: SECTION_GROUP[isic4_section(s)] for s in sectors})


def eora26_concordance(sectors: Sequence[str]) -> np.ndarray:
    """Eora26 sectors -> :data:`GROUPS` (:data:`EORA26_GROUPS`)."""
    return concordance(sectors, EORA26_GROUPS)


def aggregate(mrio: MRIO, C: np.ndarray, groups: Sequence[str] = GROUPS) -> MRIO:
    """Aggregate every region's sectors with concordance ``C`` (see the module notes)."""
    C = np.asarray(C, dtype=float)
    if C.shape != (mrio.n_sectors, len(groups)):
        raise SchemaError(
            f"concordance has shape {C.shape}; expected ({mrio.n_sectors}, {len(groups)})",
            field="C",
            value=C.shape,
        )
    if not np.allclose(C.sum(axis=1), 1.0):
        raise SchemaError(
            "concordance rows must sum to 1", field="C", value=float(C.sum(axis=1).min())
        )
    S = np.kron(np.eye(mrio.n_regions), C)
    return MRIO(
        Z=S.T @ mrio.Z @ S,
        Y=S.T @ mrio.Y,
        x=S.T @ mrio.x,
        regions=mrio.regions,
        sectors=tuple(groups),
        fd_categories=mrio.fd_categories,
        satellites={k: S.T @ v for k, v in mrio.satellites.items()},
        satellite_units=dict(mrio.satellite_units),
        year=mrio.year,
        unit=mrio.unit,
        provenance=mrio.provenance.with_method("aggregate_sectors", {"groups": ",".join(groups)}),
    )


_THOUSAND_USD = "USD thousand, current"


def mrio_table(
    source: str,
    year: int,
    *,
    data: Data = None,
    **options,
) -> MRIO:
    """One year of an MRIO database as :class:`MRIO`.

    Parameters
    ----------
    source : {"exiobase", "oecd_icio", "gloria", "eora26"}
    year : int
    data : path-like, optional
        Data directory holding ``<source>/`` in the producer's layout.
    **options
        Passed to the source's ``load_year`` (e.g. ``system="ixi"`` for
        EXIOBASE, ``split_regions="keep"`` for ICIO, ``identity_rtol=1e-6``).

    Returns
    -------
    MRIO
        ``unit`` is ``"EUR million, current"`` (EXIOBASE) or ``"USD million,
        current"`` (the others, GLORIA and Eora26 rescaled from thousands);
        satellites as in the module table.

    Raises
    ------
    SourceError
        Unknown source; files missing (the message says where to get them).
    SchemaError
        A malformed file (naming the file, field and value).
    """
    from worldsystem.sources import catalogue

    if source not in MRIO_SOURCES:
        raise SourceError(
            "unknown MRIO source",
            field="source",
            value=source,
            hint=f"choose one of {', '.join(MRIO_SOURCES)}",
        )
    t = catalogue.module(source).load_year(int(year), data, **options)
    Z, Y, x = t.Z, t.Y, t.x
    sats = dict(t.satellites)
    units = dict(t.satellite_units)
    unit = t.unit
    prov = t.provenance.with_method("mrio_table", {"source": source, "year": int(year)})
    if unit == _THOUSAND_USD:
        Z, Y, x = Z / 1e3, Y / 1e3, x / 1e3
        for k, u in units.items():
            if u == _THOUSAND_USD:
                sats[k] = sats[k] / 1e3
                units[k] = "USD million, current"
        unit = "USD million, current"
        prov = prov.with_note(f"{source}: thousand USD divided by 1,000 to USD million")
    if "labour_hours" not in sats:
        prov = prov.with_note(
            f"{source}: no labour-hours account; the join with the labour panels is not "
            "implemented, so this table has no labour_hours satellite"
        )
    return MRIO(
        Z=Z,
        Y=Y,
        x=x,
        regions=t.regions,
        sectors=t.sectors,
        fd_categories=t.fd_categories,
        satellites=sats,
        satellite_units=units,
        year=t.year,
        unit=unit,
        provenance=prov,
    )


#: EXIOBASE 3 product / industry name -> GGDC group: ordered (pattern, group)
#: rules, the first match wins, anything else is manufacturing (NACE 15-37). The
#: group of a name follows its EXIOBASE code's NACE Rev. 1.1 division: 01-05 AGR,
#: 10-14 MIN, 15-37 MAN, 40-41 PU, 45 CON, 50-55 WRT, 60-64 TRA, 65-74 FIRE,
#: 75-85 GOV, 90-99 OTH (waste treatment, NACE 90, is OTH; the re-processing of
#: secondary materials is manufacturing, NACE 37, except construction material).
EXIOBASE_RULES: tuple[tuple[str, str], ...] = (
    (r"waste for treatment|sewage sludge|landfill|incineration|composting|biogasification|"
     r"waste water treatment", "OTH"),
    (r"secondary construction material", "CON"),
    (r"transport equipment", "MAN"),
    (r"^secondary .* for treatment|re-processing|recycling of bottles|"
     r"bottles for treatment", "MAN"),
    (r"manure", "AGR"),
    (r"electricity|gas works gas|coke oven gas|blast furnace gas|oxygen steel furnace gas|"
     r"^biogas$|distribution services of gaseous fuels|distribution of gaseous fuels|"
     r"steam and hot water|collected and purified water|"
     r"collection, purification and distribution of water|manufacture of gas", "PU"),
    (r"anthracite|coking coal|bituminous coal|lignite|patent fuel|bkb|peat|crude petroleum|"
     r"natural gas and services|natural gas liquids|other hydrocarbons|extraction of natural gas|"
     r"other petroleum and gaseous materials|\bores\b|^stone$|sand and clay|quarrying|"
     r"chemical and fertilizer minerals|mining of coal", "MIN"),
    (r"paddy rice|wheat|cereal grains|vegetables, fruit|oil seeds|sugar cane|plant-based fibers|"
     r"crops nec|^cattle|^pigs|^poultry|meat animals|animal products nec|raw milk|wool, silk|"
     r"forestry|fish and other fishing|^fishing", "AGR"),
    (r"^construction|construction work", "CON"),
    (r"sale, maintenance, repair of motor|retail trade|retail  trade|wholesale trade|"
     r"motor fuel|automotive fuel|hotel|restaurant", "WRT"),
    (r"transport|pipelines|post and telecommunication|travel agenc", "TRA"),
    (r"financial intermediation|insurance|real estate|renting|computer and related|"
     r"research and development|other business", "FIRE"),
    (r"public administration|education|health and social", "GOV"),
    (r"membership organisation|recreational|other service|private households|"
     r"extra-territorial", "OTH"),
)  # fmt: skip


def exiobase_group(name: str) -> str:
    """GGDC group of an EXIOBASE 3 product or industry name (:data:`EXIOBASE_RULES`).

    >>> exiobase_group("Natural gas and services related to natural gas extraction, "
    ...                "excluding surveying"), exiobase_group("Electricity by gas")
    ('MIN', 'PU')
    >>> exiobase_group("Coke Oven Coke"), exiobase_group("Coke oven gas")
    ('MAN', 'PU')
    """
    n = name.strip().lower()
    for pattern, group in EXIOBASE_RULES:
        if re.search(pattern, n):
            return group
    return "MAN"


def sector_groups(source: str, sectors: Sequence[str]) -> dict[str, str]:
    """Sector code -> GGDC group (:data:`GROUPS`) for a table of ``source``.

    Raises
    ------
    SchemaError
        The source has no built-in concordance (pass a mapping to
        :func:`concordance` instead), or a sector name is not in its concordance.
    """
    if source == "wiod2013":
        from worldsystem.panels.wiod import GGDC_OF_SECTOR

        return {s: GGDC_OF_SECTOR[s] for s in sectors}
    if source == "oecd_icio":
        return {s: SECTION_GROUP[isic4_section(s)] for s in sectors}
    if source == "eora26":
        missing = [s for s in sectors if s not in EORA26_GROUPS]
        if missing:
            raise SchemaError(
                "Eora26 sector without a concordance entry", field="sector", value=missing[0]
            )
        return {s: EORA26_GROUPS[s] for s in sectors}
    if source == "exiobase":
        return {s: exiobase_group(s) for s in sectors}
    if source == "gloria":
        return {s: gloria_group(s) for s in sectors}
    raise SchemaError(
        "no built-in sector concordance for this MRIO source",
        field="source",
        value=source,
        hint="the built-in concordances cover wiod2013, oecd_icio, eora26, exiobase and gloria",
    )


def labour_join(mrio: MRIO, source: str, *, data: Data = None) -> MRIO:
    """``mrio`` with a ``labour_hours`` satellite built from the labour panels.

    See the module docstring for the rules; the rule of each region is in the
    provenance notes. Tables that already have hours are returned unchanged.

    Raises
    ------
    SchemaError
        No sector concordance for ``source`` (see :func:`sector_groups`), or a
        region that is neither an ISO3 country nor ``ROW``.
    """
    if "labour_hours" in mrio.satellites:
        return mrio
    from worldsystem.core.provenance import get
    from worldsystem.panels.wiod import labour_hours
    from worldsystem.sources import labour, pwt

    groups = sector_groups(source, mrio.sectors)
    p = pwt.load(data)
    last = int(p.loc[p["emp"].notna(), "year"].max())
    year = int(mrio.year)
    py = min(year, last)
    pw = p[p["year"] == py].assign(year=year)
    notes = []
    if py != year:
        # persons from ILO for the table year; PWT's hours per person of its last year
        pw = pw.assign(emp=np.nan)
        notes.append(
            f"labour_hours: PWT ends in {last}; persons from ILO {year}, hours per person "
            f"from PWT {last}"
        )
    ggdc = labour.load(data)
    ilo = labour.load_ilo(data)
    hours, method = labour_hours(
        mrio.x, mrio.regions, mrio.sectors, year,
        pwt=pw, ggdc=ggdc, ilo=ilo, group_of_sector=groups, impute_missing=True,
    )  # fmt: skip
    prov = mrio.provenance.merge(get(p), get(ggdc), get(ilo)).with_method(
        "panels.mrio_sources.labour_join", {"source": source, "year": year, "pwt_year": py}
    )
    for n in notes:
        prov = prov.with_note(n)
    for r in method.itertuples():
        prov = prov.with_note(
            f"labour_hours {r.region}: level {r.level_rule}; hours/person {r.hours_rule}; "
            f"split {r.split_rule}"
        )
    out = mrio.with_satellite(
        "labour_hours",
        hours,
        "hours worked per year (constructed: PWT/ILO persons x PWT avh, GGDC split)",
    )
    return dataclasses.replace(out, provenance=prov)


#: ECB euro foreign exchange reference rate, US dollars per euro, annual averages
#: (European Central Bank, Statistical Data Warehouse, series EXR.A.USD.EUR.SP00.A),
#: for the years after PWT 10.01 ends.
ECB_USD_PER_EUR = {2020: 1.1422, 2021: 1.1827, 2022: 1.0530, 2023: 1.0813}


def to_usd(mrio: MRIO, *, data: Data = None) -> MRIO:
    """A euro table (``unit`` "EUR million, current") in million current US dollars.

    The rate is PWT 10.01 ``xr`` of Germany for the table year (euros per
    dollar), else :data:`ECB_USD_PER_EUR`; the rate and its source are in the
    provenance. Tables in other units are returned unchanged.

    Raises
    ------
    SourceError
        No rate for the table year.
    """
    if not mrio.unit.startswith("EUR million"):
        return mrio
    year = int(mrio.year)
    usd_per_eur, where = None, ""
    try:
        from worldsystem.sources import pwt

        p = pwt.load(data)
        xr = p.loc[(p["iso3"] == "DEU") & (p["year"] == year), "xr"].dropna()
        if len(xr):
            usd_per_eur, where = 1.0 / float(xr.iloc[0]), f"PWT 10.01 xr DEU {year}"
    except SourceError:
        pass
    if usd_per_eur is None and year in ECB_USD_PER_EUR:
        usd_per_eur, where = ECB_USD_PER_EUR[year], f"ECB reference rate, annual average {year}"
    if usd_per_eur is None:
        raise SourceError(
            "no euro-dollar rate for the table year",
            field="year",
            value=year,
            hint="PWT 10.01 covers 1995-2019 and the ECB table 2020-2023",
        )
    k = usd_per_eur
    sats = {
        name: (v * k if mrio.satellite_units.get(name, "").startswith("EUR million") else v)
        for name, v in mrio.satellites.items()
    }
    units = {
        name: (u.replace("EUR million", "USD million", 1) if u.startswith("EUR million") else u)
        for name, u in mrio.satellite_units.items()
    }
    return dataclasses.replace(
        mrio,
        Z=mrio.Z * k,
        Y=mrio.Y * k,
        x=mrio.x * k,
        satellites=sats,
        satellite_units=units,
        unit=mrio.unit.replace("EUR million", "USD million", 1),
        provenance=mrio.provenance.with_note(
            f"converted from EUR to USD at {k:.4f} USD per EUR ({where})"
        ).with_method("panels.mrio_sources.to_usd", {"usd_per_eur": round(k, 6)}),
    )
