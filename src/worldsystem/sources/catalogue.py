"""The catalogue of public datasets.

Each dataset has one module in :mod:`worldsystem.sources` that defines ``INFO``
(a :class:`~worldsystem.sources.base.SourceInfo`: version, licence, citation,
official URL, expected files) and ``load(data=None, ...)``. This module lists
them, in the order they are shown to users.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType

import pandas as pd

from worldsystem.core.errors import SourceError
from worldsystem.sources.base import SourceInfo

__all__ = [
    "MRIO_SOURCE_IDS",
    "SOURCE_IDS",
    "VALIDATED_SHA256",
    "all_info",
    "coverage",
    "info",
    "load",
    "module",
    "mrio_info",
]

#: Source id -> module name under worldsystem.sources. The id is also the folder
#: name under the data directory.
_MODULES: dict[str, str] = {
    "cow_states": "cow_states",
    "cow_nmc": "cow_nmc",
    "cow_trade": "cow_trade",
    "cow_mid": "cow_mid",
    "cow_war": "cow_war",
    "maddison": "maddison",
    "pwt": "pwt",
    "imf_weo": "imf_weo",
    "sipri_tiv": "sipri_tiv",
    "sipri_milex": "sipri_milex",
    "nuclear": "nuclear",
    "atop": "atop",
    "ucdp": "ucdp",
    "unvotes": "unvotes",
    "us_troops": "us_troops",
    "wiod2013": "wiod",
    "labour": "labour",
    "gapminder": "gapminder",
    "countries": "concordance",
    "maps": "maps",
}

SOURCE_IDS: tuple[str, ...] = tuple(_MODULES)

#: SHA-256 of the file versions the loaders were validated on (source id ->
#: file -> digest): the copies of the public releases described in the data
#: folder's README (checked against their producers' repositories there). A
#: file with another digest is not rejected -- a new release can be fine -- but
#: ``worldsystem data check`` warns that it differs and validates it by content.
VALIDATED_SHA256: dict[str, dict[str, str]] = {
    "cow_states": {
        "states2016.csv": "76733bacf602007038b72e2ebec24d37a34ba6dc36793eb7c894af82e952f735",
        "majors2016.csv": "bc5f1b0363b43d9300838978059d4f651c73d3600e6a7e1568ad5d5965912b7f",
    },
    "cow_nmc": {
        "NMC-70-abridged.csv": "9b87122be5f7178aa8f132e7139c71ba259baf72a6abb201905cdfd14cf5f3f6",
    },
    "cow_trade": {
        "Dyadic_COW_4.0.parquet": (
            "4b34d5e0d221079216c6693ba2920162584478a34863f346faeab11f4e9a7a69"
        ),
        "National_COW_4.0.csv": "833ba2e31c0c55f22e9faaee4852d5e5a9ee026d491ff3b7a0e36de919016053",
    },
    "cow_mid": {
        "MIDA_5.0_abridged.csv": "f7a1452b2f1c4449aeabb3f8309a09c5638d1806bf247f6770b31fd2a24cb742",
        "cow_mid_dirdisps.csv": "3df32aa4b4f5843da7008fdf51dd7c9d0ae62df6f75105d13af0971664f9da2c",
    },
    "cow_war": {
        "cow_war_inter.csv": "2351258b2f2a0f0d7a7c0d2770a1cb9d2d2d8bd509c833ba7706525023916416",
        "cow_war_intra.csv": "0e621da5dcbaaa2dd7b66486008c6eb55d75e332d179dd51451804ab0d5c0f23",
    },
    "maddison": {
        "mpd2023.csv": "34e40079e5180878c0d0c39b3723ec9675c803234c064a30a18df9bdc97e9aed",
        "mpd2023_sources.csv": "bcdbfe796943757fd2b256fb9485a2bd66be85341ef05a4476455b47b64fb1fd",
    },
    "pwt": {
        "pwt1001.csv.gz": "5de20f34b381b31c3c3c88e023b1356b2b811d5a247328b1564c5765e513708b",
        "pwt1001_variables.csv": "cc62f2dc205e27d07771d661c9d10d70b22f45350932f9523f493b7e205963d7",
    },
    "imf_weo": {
        "weo_apr2019.csv.gz": "33be15835855d20379a33cb1ebfb11c5ac834da3ff3433ef709b01ec733b3ef5",
        "weo_apr2019_concepts.csv": (
            "44adcf31a62975e9d2c99170c6c9de3cb341803232431d1c9827622469b048b7"
        ),
        "weo_apr2019_countries.csv": (
            "d261ec80e176bbdc072c8655fcaee12a9468c1219cf1c67868a8a3c5677b9aba"
        ),
        "weo_apr2019_notes.csv.gz": (
            "6e7b4cc13dd0fa1b67a5faadb9e21ec2421fb1b584df7f55dffd2a476c14d0f9"
        ),
    },
    "sipri_tiv": {
        "sipri_tiv_bilateral_1950_2021.csv": (
            "3754b55603f25a138ea367be08b37453e93d4c1fcc8a2de50be0996c030eda69"
        ),
    },
    "sipri_milex": {
        "SIPRI-Milex-data-1949-2020_0.xlsx": (
            "33776e162aeb14f3d03c7e383bb430522b4eb18f99d417cbdc3098f1f6169480"
        ),
    },
    "nuclear": {
        "warhead_stockpiles.csv": (
            "a5e2c38a1367f2c9d89d979164921579ab92fa3aa2c633d63ae6d7b3a8344349"
        ),
        "nuclear_weapons_status.csv": (
            "e3b1c7de83448a4622b67b66cf7d43fe21a36a6daaa9af6769cbfcde70becb5f"
        ),
    },
    "atop": {
        "atop5_1ddyr.csv.gz": "76d5795f61f2632f3495be848f2dba542f9cb0f71d08474f6b00a89654c8a260",
    },
    "ucdp": {
        "ucdp-prio-acd.csv": "490e8c209cce41098134397cc484983208d155a369b24e0d892af1b48f802a0b",
    },
    "unvotes": {
        "un_votes.csv.gz": "e2faf91b4d0d72a2efdef089693f11f147ed281e486cd9652689d8ca8c9d97ce",
        "un_roll_calls.csv": "eda9d6b49041800bc4d0f01f528dbe02e2a17dca853d6fde87dd1f1bcf6b96f6",
        "un_roll_call_issues.csv": (
            "1fb5375c63db4a1b5c52070ca39f23507ef5404461ea8fabcedcb51935f6efa9"
        ),
    },
    "us_troops": {
        "troopdata_rebuild_country_year.csv": (
            "875aa5c712506950786d791feb2a01b030c61e9afbc6df37baee5f453ce5fe5e"
        ),
        "troopdata_legacy_country_year.csv": (
            "e4bf988cdc6a9ed361f0238059cbcacff08e6c87bee447a4b841a17d9e27a45b"
        ),
        "basedata.csv": "8cc2dd3cd35a619c9aa7f202c291d7a51b7b397e0eda1fa158b3853488b9299e",
    },
    "wiod2013": {
        "wiot1995.parquet": "ddc2a306ddf2dbc4733bb7ff19f0c88066ad9c0416749740e6f74fa14b80bafb",
        "wiot1996.parquet": "e30404bcaaa5384a2d774cdb3a4b053c2c7626ddb404b205aa6c20a4f4396942",
        "wiot1997.parquet": "10ae1bafef6cf6123a6088f14b067277d2fcc50064d450a2e5211045b00db119",
        "wiot1998.parquet": "e6175d8e70a6186dcee8672859c74e0df0876d3eb587819fd879cfd6c93b27da",
        "wiot1999.parquet": "b32dd62929de635797b7fcca8ef10456439b4de4a7b76c3be57b6912339b370f",
        "wiot2000.parquet": "f8b0b8c216e698ac385a5bf8adc80fc10f53804311e659d5764935df6357656e",
        "wiot2001.parquet": "20528ebc054606e8c1bcc2b1dc768ef8bc5d3ea730707354e29cb51bfb9fc9c7",
        "wiot2002.parquet": "96cc2f9e6fef388c74410cecd78f37cfb002a15639b4d74c8181374501505193",
        "wiot2003.parquet": "68cacbc44fd1a57dc20fc3ad13932c8a036be6d30c8087da5b5d9098bf9249fd",
        "wiot2004.parquet": "c2f259f633d421efd9b61e564941acdb5f65d960a1ab721420363e500a91db67",
        "wiot2005.parquet": "6fd21e6c5ab89de3c03a0d690e056db8d2e003d2efca98dc852dedfc516bf038",
        "wiot2006.parquet": "21409b2f00ff23b2fd6824d64e6faf4ead3b4adb6a01a8541317504ed9a9361d",
        "wiot2007.parquet": "b767fc97a64fad9c3e7b454393504eebe62c1cea8fc6dd759491b5dc1f1f90fb",
        "wiot2008.parquet": "17c9df637be03980840a4c2a5be2047841bc7681e050982b072af93acb18219e",
        "wiot2009.parquet": "bfffbd630358c1ae373e531203fe481c06ec0c6971cbea1a9763cb72eddada3d",
        "wiot2010.parquet": "e707966cf0a28f354308d743c4cf9dd9282bd5f68763af368485b4835db587c2",
        "wiot2011.parquet": "608471e6512d2fe3d0f3fdff11acfa8a68f6936b32b557443a80da4c8b5e4d9c",
        "labels.csv": "8e31786d63e3a48da3f104ba5164781cd2fab469ccb751109f93527e1606ac7f",
    },
    "labour": {
        "10SD_jan15.csv": "11ade14c9202a1d043243c21d94e39b296b589098bf987fc88150eaa0046e618",
        "workforce_total_iso3.csv.gz": (
            "191f98a368e19b07c8c3947e45588ac5d0fafb0e8fee0242bbac9eb6b4516ca8"
        ),
    },
    "gapminder": {
        "armed_forces_personnel_percent_of_labor_force.csv": (
            "e0f8ce02fdcc7aa61f6d217ccfa2dc11a181729f77b09722f5fe7a968d56eb0c"
        ),
        "armed_forces_personnel_total.csv": (
            "fd47ef6686e6df7aa89b40679b2d606d269f2c8808b426e82e7de931ab52f4ef"
        ),
        "arms_exports_sipri_tiv.csv": (
            "f7e559ac1846136339d8802e0881f03f378a94752ee77e81b9de5a22e88d8a36"
        ),
        "arms_imports_sipri_tiv.csv": (
            "1870c98fc4122a6b1dd8e367b807d92401fe03eac5b79f044541e7e06cdfd023"
        ),
        "battle_deaths_per_100_000.csv": (
            "7d1586f4c2c83567ab7b5d82b0d99bdf0e8e23c5c3f963305df214e7e7d8c266"
        ),
        "exports_percent_of_gdp.csv": (
            "e624848ed034f7edba574a835ce0bd58b161dfe8201f6b4cab9a038fee56b1d3"
        ),
        "external_debt_total_us_not_inflation_adjusted.csv": (
            "7b240c585302bba594c085a8bce53661f1856b635d851ec1de6a3b70182005a2"
        ),
        "foreign_direct_investment_net_inflows_percent_of_gdp.csv": (
            "1c739435871a7377498311f76c52f498801210abd07ba4e263ed33d3b8950c96"
        ),
        "foreign_direct_investment_net_outflows_percent_of_gdp.csv": (
            "3b0ded5c3536954fef7675cae17ff8f8cf6bbee6c17bded11f0aa563a47e98f8"
        ),
        "gdppercapita_us_inflation_adjusted.csv": (
            "d001b8c0e358f91e6e95b32314c095d75b6b69044830f85789504b7bc92400d7"
        ),
        "gnipercapita_atlasmethod_current_us.csv": (
            "cf3a939192b58b2d92f93440dd824da2261265a7e5a15a3b67cf27ab994c67f1"
        ),
        "hourly_labour_cost_constant_2021_usd.csv": (
            "5fb6425e45c9556688deb7db4f71f8f4e5b6705294add15fe435622305d09986"
        ),
        "imports_percent_of_gdp.csv": (
            "5d049a50064e37dd5cadab09fa62c69b293d27ae9032e56dd36accdb3daae5a2"
        ),
        "income_per_person_long_series.csv": (
            "e2991644c724dcff369acdfac307567b7e188143521e23d6bb022b1b97cc19a5"
        ),
        "industry_workers_percent_of_employment.csv": (
            "d3d1eaee9ee0130c757bcecae68423a4a42a6fe34a9848fcc1bd5302273eba4d"
        ),
        "military_expenditure_percent_of_gdp.csv": (
            "ae3e5999595a8e7f75c9d554aee322ba9b9325ce80a61ff4cf2ab2a9b1cbe738"
        ),
        "net_barter_terms_of_trade_2015_100.csv": (
            "afae384c216e36b6d9e9bd2e5eb4e842f01610cbae38c1dad2d7405537dfcde4"
        ),
        "total_gdp_ppp_inflation_adjusted.csv": (
            "9b292801e24a01cf4b9fba99bf74acb75e34b7a42a5acb4d3bc767958046a63d"
        ),
        "total_gdp_us_inflation_adjusted.csv": (
            "3373e16bbe1f297a1fee1b1347b3fa1b2b635cd623858797d96247f170bb9e3d"
        ),
        "total_population_with_projections.csv": (
            "7a07ad6d3d1a500ea097fee6409e2837d320d3bb75c78c0b7cff77f64f95f95f"
        ),
        "trade_balance_us_not_inflation_adjusted.csv": (
            "7a186561611ffc07a2a4042e02e098061d0190d704b8a07217ad8d8a7dc7bed3"
        ),
        "working_hours_per_week.csv": (
            "fa65ba55652e189c25636b2e2dfd0822d291abd4d214ed509e9f2544c3e79168"
        ),
        "indicators.csv": "92522cfd95ce3ac77009f554a4a006576857fa399697fc596711870574e560da",
        "ddf--entities--geo--country.csv": (
            "eb9428941f8a2d7b6ce10feada30d723f8b5284fcb47e566128851a1637a4e35"
        ),
    },
    "countries": {
        "country_codes.csv": "c3aa240c6459d1b930175723f616d22ab02ae7f1ea529074a4225bdee73a0921",
        "country_codes_panel.csv.gz": (
            "d3567c6b4df80a279a8a1e4e383c05a09bc3459676c8731a60f5da4514a1bc48"
        ),
        "country_data.tsv": "73c5f9c3b94110d74e63ed79f2da61d589280a5301d26aa3680a78ecb1d478b9",
    },
    "maps": {
        "countries-110m.json": "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
        "countries-50m.json": "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
        "LICENSE": "8048290dfdb6e83fbed17e8985c8cfc4ce9da9b842642f3d3e497280790cfa31",
    },
}

#: The large multi-regional input-output databases (id -> module). They are
#: catalogued like the sources above (``info``, ``module``, ``coverage`` and
#: ``fetch`` accept their ids) but kept out of :data:`SOURCE_IDS`: each is
#: optional, several GB per year, mostly not redistributable, and never part of
#: the default data folder, the default ``worldsystem data fetch`` or
#: ``worldsystem data check``. Their loaders return
#: :class:`~worldsystem.sources._mrio_tables.MRIOTable` via ``load_year``;
#: :func:`worldsystem.panels.mrio_sources.mrio_table` builds the MRIO.
#: Licences differ: EXIOBASE is CC BY 4.0, OECD ICIO is under the OECD terms,
#: GLORIA and Eora26 are free for non-commercial/academic use only.
_MRIO_MODULES: dict[str, str] = {
    "exiobase": "exiobase",
    "oecd_icio": "oecd_icio",
    "gloria": "gloria",
    "eora26": "eora26",
}

MRIO_SOURCE_IDS: tuple[str, ...] = tuple(_MRIO_MODULES)


def module(source_id: str) -> ModuleType:
    """The loader module of ``source_id``."""
    try:
        name = _MODULES.get(source_id) or _MRIO_MODULES[source_id]
    except KeyError:
        raise SourceError(
            "unknown source",
            field="source",
            value=source_id,
            hint=f"choose one of {', '.join(SOURCE_IDS + MRIO_SOURCE_IDS)}",
        ) from None
    return importlib.import_module(f"worldsystem.sources.{name}")


def info(source_id: str) -> SourceInfo:
    """Catalogue entry of ``source_id``."""
    return module(source_id).INFO


def coverage(source_id: str) -> tuple[int, int]:
    """First and last year (inclusive, calendar years) covered by ``source_id``.

    The single place year coverage is recorded is the catalogue entry
    (:attr:`SourceInfo.years`); panels and workflows take default year ranges
    from here instead of repeating them.

    Parameters
    ----------
    source_id : str
        A catalogue id (:data:`SOURCE_IDS`).

    Returns
    -------
    tuple of int
        ``(first, last)``.

    Raises
    ------
    SourceError
        Unknown source, or a source without a time dimension (``maps``).
    """
    entry = info(source_id)
    if entry.years is None:
        raise SourceError(
            "the source has no year coverage (it is not a time series)",
            field="source",
            value=source_id,
            hint="use a source with a years entry in its catalogue record",
        )
    first, last = entry.years
    return int(first), int(last)


def all_info() -> list[SourceInfo]:
    """Catalogue entries of every source, in display order."""
    return [info(s) for s in SOURCE_IDS]


def mrio_info() -> list[SourceInfo]:
    """Catalogue entries of the MRIO databases (:data:`MRIO_SOURCE_IDS`)."""
    return [info(s) for s in MRIO_SOURCE_IDS]


def loader(source_id: str) -> Callable[..., pd.DataFrame]:
    return module(source_id).load


def load(source_id: str, data: str | os.PathLike[str] | None = None, **options) -> pd.DataFrame:
    """Load ``source_id``'s main table from the data directory.

    See the source module's ``load`` for options and the returned columns.
    """
    return loader(source_id)(data, **options)
