"""Country identity: ISO 3166-1 <-> COW <-> Gleditsch-Ward, names, groups.

The identity table (``data/identity.csv``) and the alias list
(``data/aliases.csv``) were written for this project from public knowledge of
ISO 3166-1 / ISO 3166-3, the Correlates of War State System Membership list
(v2016) and the Gleditsch-Ward (1999, updated) list of independent states and
microstates. Each row holds the codes of one entity valid over
``[start_year, end_year]`` (empty = unbounded). The original COW and GW codes
are kept; ISO3 is the panel key.

Documented rules for hard cases
-------------------------------
1. **Russia/USSR**: COW/GW 365 -> ``RUS`` in every year (successor continuity;
   the withdrawn ISO code SUN is not used). Names "USSR"/"Soviet Union" -> RUS.
2. **Germany**: COW 255 (Prussia / German Empire to 1945; unified Germany from
   1990) -> ``DEU``; COW 260 German Federal Republic (1955-1990) -> ``DEU``;
   COW 265 German Democratic Republic -> ``DDR`` (ISO 3166-3 withdrawn code).
   ``DEU`` -> COW is year-aware: 260 for 1955-1990, 255 otherwise (COW has no
   German member 1946-1954; the rule still assigns 255). ``DEU`` -> GW: 260 for
   1949-1990 (GW's FRG), 255 otherwise.
3. **Yugoslavia/Serbia**: COW 345 -> ``SRB`` in every year (Serbia is the
   continuing state in COW). COW/GW 341 Montenegro -> ``MNE``. GW uses 340 for
   Serbia (to 1917 and from 2006) and 345 for Yugoslavia (1918-2005), so
   ``SRB`` -> GW is year-aware. COW/GW 347 Kosovo -> ``XKX`` (the widely used
   user-assigned code).
4. **Czechoslovakia**: COW 315 -> ``CSK`` (withdrawn ISO code, 1918-1992);
   316 -> ``CZE``; 317 -> ``SVK``.
5. **Vietnam**: COW/GW 816 (Democratic Republic of Vietnam and unified
   Vietnam) -> ``VNM``; 817 Republic of Vietnam (South, 1954-1975) -> project
   code ``QSV``.
6. **Yemen**: COW 678 Yemen Arab Republic -> ``YEM`` (continuing state);
   COW 679 unified Yemen (1990-) -> ``YEM``; COW/GW 680 Yemen People's Republic
   -> ``YMD`` (withdrawn ISO code). ``YEM`` -> COW is year-aware: 678 for year
   < 1990, 679 from 1990. GW keeps 678 for unified Yemen.
7. Sudan 625 -> SDN, South Sudan 626 -> SSD (2011-), Ethiopia 530 -> ETH,
   Eritrea 531 -> ERI (1993-), Taiwan 713 -> TWN. ``PSE`` (Palestine) has no
   COW or GW code: converting it raises :class:`CodeSystemError` unless
   ``errors="coerce"``. Sardinia/Piedmont is COW 325 -> ``ITA`` (continuing
   Italy); COW 640 Ottoman Empire -> ``TUR``.
8. **GW microstates** whose GW code differs from COW: Kiribati GW 970 (COW
   946), Nauru GW 971 (COW 970), Tonga GW 972 (COW 955), Tuvalu GW 973 (COW
   947). Monaco 221, Liechtenstein 223, Andorra 232, San Marino 331 are the
   same in both. The Holy See (VAT) is in neither.
9. **Project codes** for states with no ISO code, all in ISO 3166-1's
   user-assigned range QMA-QZZ (so they never collide with ISO codes such as
   QAT): QSV Republic of Vietnam (817); QSA Austria-Hungary (300; no single
   continuing state, so not AUT); QSK Korea / Korean Empire (730, COW
   1887-1905; predecessor of both Koreas, so neither KOR nor PRK); QSH Hanover
   (240); QSB Bavaria (245); QSD Baden (267); QSX Saxony (269); QSW Württemberg
   (271); QSE Hesse Electoral / Hesse-Kassel (273); QSG Hesse Grand Ducal /
   Hesse-Darmstadt (275); QSM Mecklenburg-Schwerin (280); QSP Papal States
   (327); QST Two Sicilies (329); QSO Modena (332); QSR Parma (335); QSU
   Tuscany (337); QSZ Zanzibar (511). GW-only: QSN Hyderabad (751); QSC United
   Provinces of Central America (89); QSY Great Colombia (99); QSJ Transvaal
   (563); QSF Orange Free State (564); QSI Tibet (711); QSL Vietnam/Annam (815).
10. **Example-world codes** are ``'X'`` + two upper-case letters other than
    ``XKX`` (see :func:`is_example_code`); the identity table holds no such
    code.
11. Namibia's ISO2 code is the string ``"NA"``; the package data are read with
    ``keep_default_na=False``.

Validity: a code that identifies one target code converts in any year (a code's
identity does not depend on system membership that year). Only codes that map
to several target codes use ``year``, choosing the row whose
``[start_year, end_year]`` holds it.

Groups (``data/groups.csv``)
----------------------------
Columns ``group, iso3, join_year, leave_year, note, source``; every row cites
its source. A country is a member in year Y if ``join_year <= Y`` and
(``leave_year`` is empty or ``Y < leave_year``). Groups: G7 (1975/1976; the G8
years of Russia are not modelled), G20 (1999; states only: the EU (1999) and
the African Union (2023) are organisation members and are not listed), NATO
(all enlargements to Finland 2023 and Sweden 2024), EU (EEC from 1958, EC, EU;
UK left 2020), OECD (year of ratification), BRICS (BRIC 2009; ZAF 2011;
EGY/ETH/IRN/ARE 2024; IDN 2025; Saudi Arabia's status is unresolved and it is
not listed), SCO, CSTO (Collective Security Treaty from 1992), CIS, ASEAN, OPEC
(with suspensions and exits), AU (OAU from 1963; Morocco out 1984-2016; the
Sahrawi Republic coded ESH; suspensions are not modelled) and IMF_ADVANCED
(IMF World Economic Outlook advanced economies). For IMF_ADVANCED the join
years before 1997 (the WEO "industrial countries", given as 1980) and some
later years (San Marino, Macao, Puerto Rico) are approximate where the WEO
history is not documented.
"""

from ._groups import (
    canonical_group,
    groups,
    groups_of,
    is_member,
    member_mask,
    members,
    membership,
    recorded_to,
)
from ._identity import (
    SYSTEMS,
    convert,
    cow_to_iso3,
    gw_to_iso3,
    is_example_code,
    iso2_to_iso3,
    iso3_to_cow,
    name_of,
    table,
)

__all__ = [
    "SYSTEMS",
    "canonical_group",
    "convert",
    "cow_to_iso3",
    "groups",
    "groups_of",
    "gw_to_iso3",
    "is_example_code",
    "is_member",
    "iso2_to_iso3",
    "iso3_to_cow",
    "member_mask",
    "members",
    "membership",
    "name_of",
    "recorded_to",
    "table",
]
