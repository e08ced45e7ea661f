"""The catalogue of public datasets.

Each dataset has one module in :mod:`worldsystem.sources` that defines ``INFO``
(a :class:`~worldsystem.sources.base.SourceInfo`: version, licence, citation,
official URL, expected files) and ``load(data=None, ...)``. This module lists
them, in the order they are shown to users.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import ModuleType
from urllib.parse import quote

import pandas as pd

from worldsystem.core.errors import SourceError
from worldsystem.sources.base import RemoteFile, SourceInfo

__all__ = [
    "DOWNLOADS",
    "MANUAL",
    "MRIO_SOURCE_IDS",
    "SOURCE_IDS",
    "VALIDATED_SHA256",
    "all_info",
    "coverage",
    "downloads",
    "info",
    "load",
    "manual_download",
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


# --------------------------------------------------------------------------- downloads
# What ``worldsystem data fetch`` downloads for each source: the producers' own
# files, stored under the producer's file name (or, where a loader reads a file
# of identical content under another name, under that name), byte for byte
# unless a processor is named. Every URL records where it was found
# (``found_in``): the producer's page or public code that downloads it. A SHA-256
# is given where the exact file is known (the copies in the shared data folder
# were compared byte for byte); otherwise it is recorded on first download, after
# the file passed the content check (see :mod:`worldsystem.sources.fetch`).
_COW = "https://correlatesofwar.org/wp-content/uploads/"
_COW_MAP = (
    "public code: a Python COW download map listing correlatesofwar.org/wp-content/uploads/ "
    "archives and members, 'verified by download 2026-06-21' (search corpus: code)"
)
_GH = "https://raw.githubusercontent.com/"
_TROOPDATA = "meflynn/troopdata/3946bcf89a6d72de8abace812dc557f1f249f5f7/data-raw/"
_GAPMINDER = (
    "open-numbers/ddf--gapminder--systema_globalis/c63631abeb62af6db3910f68be7c2b443beca50b/"
)
_PROLIF = (
    "Nuclear weapons proliferation \u2013 OWID based on Bleek (2017), Nuclear Threat Initiative "
    "(2022)"
)
#: SHA-256 of the Systema Globalis datapoint files at commit c63631ab.
_GAPMINDER_SHA256: dict[str, str] = {
    "armed_forces_personnel_percent_of_labor_force": (
        "c4ddd1678da6951e6f521994c39f5618ebd3b88700535fbf307e68bf2cede701"
    ),
    "armed_forces_personnel_total": (
        "b485626fdc39ab3b1f2cdbfaf690630d8534d178a44d34edc0e1dcf2f7b95086"
    ),
    "arms_exports_sipri_tiv": "dd2ac0290af50524784e70dc44c5c758fa512bdfe3fd35da197c0ca4b1237c3e",
    "arms_imports_sipri_tiv": "c1528a1de6391bab96cf5646832b421ff77b325d1988eb65d519a2c0b090963b",
    "battle_deaths_per_100_000": "74daf00974cb6199300f2f29a726144a54c6dde1423a83322d51bbd6ef2824ed",
    "exports_percent_of_gdp": "e6ca61873b388e28f7b22c66cc6580935bde7052cb89cbe7c628796142a48764",
    "external_debt_total_us_not_inflation_adjusted": (
        "033de05268d229dec37e68c3ec7bbe86b11fed7b6e886c86d7f472956cf6cc75"
    ),
    "foreign_direct_investment_net_inflows_percent_of_gdp": (
        "2596c071b81b94abe46b772f96800828ec00ab3583a1d69e9e79e155eeed7fab"
    ),
    "foreign_direct_investment_net_outflows_percent_of_gdp": (
        "4578b1f55fb08734759f48c33801974c98570c2920f24f03a3a2b255de7d25e4"
    ),
    "gdppercapita_us_inflation_adjusted": (
        "f9a73ce1aa5345ee4b53b059a2d4fa30a87207723080afd94522bee436da08c8"
    ),
    "gnipercapita_atlasmethod_current_us": (
        "65bc883d6a45a3df382a276f4ce4cedfce1b976cc059d0a308d2252e457eba77"
    ),
    "hourly_labour_cost_constant_2021_usd": (
        "e551a06a2f66ff99cb8d741b28c0e25b917dfab590b7e842d3c1f351f1e65cdd"
    ),
    "imports_percent_of_gdp": "78a4d24c4f9447d47892fd0954d77a88b83b9cfd0f9b9261dcc2bc612a9385f7",
    "income_per_person_long_series": (
        "9fcd9735067f1527ab869450fbe133cb48c3e365be3068c3c93adfa7cfa53e77"
    ),
    "industry_workers_percent_of_employment": (
        "6c72d398b0f2075bd29e5b6b7e82e946f9ade8678f9781e7d8f2d8a7b937887a"
    ),
    "military_expenditure_percent_of_gdp": (
        "0d9ccd3017f100e3c1e6f2a0537ad745e77aa0bbe68411ca345456a16e532f6f"
    ),
    "net_barter_terms_of_trade_2015_100": (
        "7fa9383b541feab2c78c101444125614153a74b23104fa913433308aeddeab43"
    ),
    "total_gdp_ppp_inflation_adjusted": (
        "7e5e531e895f339cd6f58ac85284de743dc4a1acc0255ee084b0ef6792a6e9e1"
    ),
    "total_gdp_us_inflation_adjusted": (
        "0f253a3400184ea56c3787e12836f4905d68e015a9a46ea9e5608f7c61aa74c0"
    ),
    "total_population_with_projections": (
        "18a043e8b3c2563212988e2672f94421ea4e842ccca4602e10de329300f9831b"
    ),
    "trade_balance_us_not_inflation_adjusted": (
        "1fcdec8ddddc1bfa7e5b783feeafc80952941f1cef88b97ca1d2a7dde1084585"
    ),
    "working_hours_per_week": "16768eff8b7203fa92cbcd307fdac2b16e6551c5c0c8dcf1424dc213106e0c78",
}
_WIOD = "http://www.wiod.org/protected3/data13/wiot_analytic/"
_ICIO = "https://stats.oecd.org/wbos/fileview2.aspx?IDFile="
_ICIO_FOUND = "pymrio 0.7.0 (PyPI), pymrio/tools/iodownloader.py, OECD_CONFIG datafiles 'v2023'"
#: OECD ICIO 2023 release bundles (each a zip of one CSV per year).
ICIO_BUNDLES: dict[tuple[int, int], str] = {
    (1995, 2000): "d26ad811-5b58-4f0c-a4e3-06a1469e475c",
    (2001, 2005): "7cb93dae-e491-4cfd-ac67-889eb7016a4a",
    (2006, 2010): "ea165bfb-3a85-4e0a-afee-6ba8e6c16052",
    (2011, 2015): "1f791bc6-befb-45c5-8b34-668d08a1702a",
    (2016, 2020): "d1ab2315-298c-4e93-9a81-c6f2273139fe",
}


def _wiod_files() -> tuple[RemoteFile, ...]:
    # 1995-2007 are the April 2012 tables, 2008-2011 the September 2012 ones
    # (file names from the WIOTS_in_EXCEL listing in public R code; the URL
    # folder from public Python code that downloads wiot00_row_apr12.xlsx).
    out = []
    for y in range(1995, 2012):
        month = "apr12" if y <= 2007 else "sep12"
        name = f"wiot{y % 100:02d}_row_{month}.xlsx"
        out.append(
            RemoteFile(
                name,
                _WIOD + name,
                expect="xlsx",
                found_in="public Python code (requests.get of "
                "www.wiod.org/protected3/data13/wiot_analytic/wiot00_row_apr12.xlsx) and an R "
                "reader of WIOTS_in_EXCEL.zip (WIOTyy_ROW_Apr12/Sep12.xlsx names)",
            )
        )
    return tuple(out)


DOWNLOADS: dict[str, tuple[RemoteFile, ...]] = {
    "cow_states": (
        RemoteFile(
            "states2016.csv",
            _COW + "states2016.csv",
            expect="csv:stateabb,ccode,statenme,styear,endyear",
            found_in="vincentarelbundock/countrycode's codelist build script "
            "(read_csv of correlatesofwar.org/wp-content/uploads/states2016.csv) and other "
            "public R code",
        ),
    ),
    "cow_nmc": (
        RemoteFile(
            "NMC-70-abridged.csv",
            _COW + "NMCv7.zip",
            processor="unzip:NMCv7/NMC-v7-abridged.zip!NMC-70-abridged.csv",
            expect="csv:stateabb,ccode,year,milex,milper,irst,pec,tpop,upop",
            found_in=_COW_MAP + "; the nested NMC-v7-abridged.zip is also noted in a public "
            "Python deep-tier loader",
        ),
    ),
    "cow_trade": tuple(
        RemoteFile(
            name,
            _COW + "COW_Trade_4.0.zip",
            processor=f"unzip:COW_Trade_4.0/{name}",
            expect=expect,
            found_in=_COW_MAP + "; member names also in brickleq/CoW collect_csv_data.py",
        )
        for name, expect in (
            ("Dyadic_COW_4.0.csv", "csv:ccode1,ccode2,year,flow1,flow2"),
            ("National_COW_4.0.csv", "csv:ccode,year,imports,exports"),
        )
    ),
    "cow_mid": tuple(
        RemoteFile(
            name,
            _COW + "MID-5-Data-and-Supporting-Materials.zip",
            processor=f"unzip:{name}",
            expect=expect,
            found_in=_COW_MAP,
        )
        for name, expect in (
            ("MIDA 5.0.csv", "csv:dispnum,styear,hostlev"),
            ("MIDB 5.0.csv", "csv:dispnum,ccode,styear,sidea"),
        )
    ),
    "cow_war": tuple(
        RemoteFile(
            name,
            _COW + name,
            expect=expect,
            found_in="owid/etl snapshot metadata (source_data_url of 'War data: Inter-State "
            "Wars v4.0 (COW, 2010)') and public Python COW downloaders",
        )
        for name, expect in (
            ("Inter-StateWarData_v4.0.csv", "csv:WarNum,ccode,Side,BatDeath"),
            ("Intra-StateWarData_v4.1.csv", "csv:WarNum,WarName,WarType"),
        )
    ),
    "maddison": (
        RemoteFile(
            "mpd2023_web.xlsx",
            "https://dataverse.nl/api/access/datafile/421302",
            mirrors=(
                "https://www.rug.nl/ggdc/historicaldevelopment/maddison/data/mpd2023_web.xlsx",
            ),
            expect="xlsx:Full data",
            found_in="public Python fetcher ('2023 release now lives on DataverseNL (linked "
            "from the RUG release page)': dataverse.nl/api/access/datafile/421302, then "
            "rug.nl .../maddison/data/mpd2023_web.xlsx)",
        ),
    ),
    "pwt": (
        RemoteFile(
            "pwt1001.xlsx",
            "https://dataverse.nl/api/access/datafile/354095",
            expect="xlsx:Data",
            found_in="stallman-j/ekonomR data-raw/pwt_clean.R (PWT 10.01, doi:10.34894/QT5BCC)",
        ),
    ),
    "imf_weo": (
        RemoteFile(
            "WEOApr2019all.xls",
            "https://www.imf.org/external/pubs/ft/weo/2019/01/weodata/WEOApr2019all.xls",
            expect="tsv:WEO Country Code,ISO,WEO Subject Code,Country",
            found_in="public R and Python WEO readers (fread of "
            "imf.org/external/pubs/ft/weo/2019/01/weodata/WEOApr2019all.xls; a tab-separated "
            "text file in ISO-8859-1 despite its .xls name)",
        ),
    ),
    "sipri_milex": (
        RemoteFile(
            "SIPRI-Milex-data-1949-2020_0.xlsx",
            "https://sipri.org/sites/default/files/SIPRI-Milex-data-1949-2020_0.xlsx",
            sha256="33776e162aeb14f3d03c7e383bb430522b4eb18f99d417cbdc3098f1f6169480",
            expect="xlsx:Current USD,Share of GDP",
            found_in="public R code (rio::import of sipri.org/sites/default/files/"
            "SIPRI-Milex-data-1949-2020_0.xlsx) and a README pointing to it; checksum of the "
            "unchanged workbook in owid/notebooks@10907ed6",
        ),
    ),
    "nuclear": tuple(
        RemoteFile(
            name,
            _GH + repo + quote(name if folder is None else f"{folder}/{name}"),
            sha256=sha,
            expect=expect,
            found_in=f"{where} (the data folder README's source; OWID's published copy, "
            "with Entity/Year columns; checksum of the blob at that commit)",
        )
        for name, folder, repo, sha, expect, where in (
            (
                "Nuclear warhead stockpiles \u2013 Bulletin of the Atomic Scientists.csv",
                None,
                "owid/notebooks/10907ed6e367ee8402fb3fffd96865a9d1715f1f/EdouardMathieu/"
                "2021_10_nuclear_weapons_inventory/",
                "5de180e1693f607f3d3afd12f00971e5780ecea5299aed7ac6d6091bd0b6f51a",
                "csv:Entity,Year,Stockpiled nuclear warheads",
                "owid/notebooks@10907ed6 EdouardMathieu/2021_10_nuclear_weapons_inventory/",
            ),
            (
                _PROLIF + ".csv",
                _PROLIF,
                "owid/owid-datasets/48c9992ae317b35ed327fc36d2af75fe8b3ef7ed/datasets/",
                "8b0dd308369cc00385262a10e23dd67c6dbc440ae4ee2c81f1e3f106d3f5aac2",
                "csv:Entity,Year,nuclear_weapons_status",
                "owid/owid-datasets@48c9992a datasets/",
            ),
        )
    ),
    "atop": (
        RemoteFile(
            "atop5_1ddyr.csv.gz",
            "http://www.atopdata.org/uploads/6/9/1/3/69134503/atop_5.1__.csv_.zip",
            processor="unzip:atop5_1ddyr.csv|gzip",
            expect="csv:stateA,stateB,year,defense",
            found_in="public R and Python code (download.file of atopdata.org/uploads/6/9/1/3/"
            "69134503/atop_5.1__.csv_.zip) and a data catalogue table naming atop5_1ddyr.csv",
        ),
    ),
    "ucdp": (
        RemoteFile(
            "ucdp-prio-acd.csv",
            "https://ucdp.uu.se/downloads/ucdpprio/ucdp-prio-acd-251-csv.zip",
            processor="unzip:*.csv",
            expect="csv:conflict_id,year,intensity_level,type_of_conflict,gwno_a",
            found_in="public Python code (URLS = {'25.1': 'https://ucdp.uu.se/downloads/"
            "ucdpprio/ucdp-prio-acd-251-csv.zip'}) and the UCDP downloads page",
        ),
    ),
    "us_troops": tuple(
        RemoteFile(
            local,
            _GH + _TROOPDATA + remote,
            sha256=sha,
            processor=proc,
            expect="csv:countryname,ccode,iso3c",
            found_in="meflynn/troopdata@3946bcf data-raw/ (the repository of the troopdata "
            "package; checksums of these blobs computed from the repository)",
        )
        for local, remote, sha, proc in (
            (
                "troopdata_rebuild_country_year.csv",
                "troopdata-rebuild-country-year.csv",
                "875aa5c712506950786d791feb2a01b030c61e9afbc6df37baee5f453ce5fe5e",
                None,
            ),
            (
                "troopdata_legacy_country_year.csv",
                "troopdata.csv",
                "e4bf988cdc6a9ed361f0238059cbcacff08e6c87bee447a4b841a17d9e27a45b",
                None,
            ),
            (
                "basedata.csv",
                "basedata.csv",
                # the repository's file is Windows-1252; stored re-encoded as UTF-8
                "8cc2dd3cd35a619c9aa7f202c291d7a51b7b397e0eda1fa158b3853488b9299e",
                "recode:cp1252",
            ),
        )
    ),
    "wiod2013": _wiod_files(),
    "labour": (
        RemoteFile(
            "10sd_jan15_2014.xlsx",
            "https://www.rug.nl/ggdc/docs/10sd_jan15_2014.xlsx",
            expect="xlsx:dataset",
            found_in="public R code (url_10sector() returns "
            "https://www.rug.nl/ggdc/docs/10sd_jan15_2014.xlsx)",
        ),
        RemoteFile(
            "workforce_total_iso3.csv.gz",
            _GH + "EXIOBASE/labor_extension/67a5c27923105cc6103e52a2424959bd1a3b037f/"
            "workforce_total_iso3.csv",
            processor="gzip",
            expect="csv:ref_area,sex,time,Workforce (1000)",
            found_in="EXIOBASE/labor_extension@67a5c27 workforce_total_iso3.csv (the data "
            "folder README's source)",
        ),
    ),
    "gapminder": tuple(
        RemoteFile(
            f"ddf--datapoints--{k}--by--geo--time.csv",
            _GH + _GAPMINDER + f"countries-etc-datapoints/ddf--datapoints--{k}--by--geo--time.csv",
            sha256=sha,
            expect=f"csv:geo,time,{k}",
            found_in="open-numbers/ddf--gapminder--systema_globalis@c63631ab "
            "countries-etc-datapoints/ (the data folder README's source; checksum of the blob "
            "at that commit)",
        )
        for k, sha in _GAPMINDER_SHA256.items()
    )
    + tuple(
        RemoteFile(
            name,
            _GH + _GAPMINDER + name,
            sha256=sha,
            expect=expect,
            found_in="open-numbers/ddf--gapminder--systema_globalis@c63631ab (repository root)",
        )
        for name, expect, sha in (
            (
                "ddf--entities--geo--country.csv",
                "csv:country,name",
                "eb9428941f8a2d7b6ce10feada30d723f8b5284fcb47e566128851a1637a4e35",
            ),
            (
                "ddf--concepts.csv",
                "csv:concept,concept_type",
                "7ca39a7a04a266963482e25705d3dcd47bcea7420a4611fa6456343e2e4f94c4",
            ),
        )
    ),
    "maps": tuple(
        RemoteFile(
            name,
            f"https://cdn.jsdelivr.net/npm/world-atlas@2.0.2/{name}",
            sha256=sha,
            expect="json:objects,arcs",
            found_in="npm world-atlas@2.0.2 (github.com/topojson/world-atlas README: "
            "'https://cdn.jsdelivr.net/npm/world-atlas@2/countries-110m.json'); checksums of "
            "the npm package's files",
        )
        for name, sha in (
            (
                "countries-110m.json",
                "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8",
            ),
            (
                "countries-50m.json",
                "04342cdc1e3016bcd7db1630de95684d67b79fe3c8c460321e87aef469502394",
            ),
        )
    ),
    "unvotes": (
        RemoteFile(
            "dataverse_hdl-1902.1-12379.zip",
            "https://dataverse.harvard.edu/api/access/dataset/:persistentId/"
            "?persistentId=hdl:1902.1/12379&format=original",
            expect="zip:MANIFEST.TXT",
            found_in="the Dataverse Data Access API guide, 'Downloading All Files in a "
            "Dataset' (guides.dataverse.org/en/latest/api/dataaccess.html: the zip bundle with "
            "MANIFEST.TXT; format=original keeps the deposited files); the dataset handle "
            "hdl:1902.1/12379 from the producer's citation",
        ),
    ),
    "oecd_icio": tuple(
        RemoteFile(
            f"ICIO-{a}-{b}-extended.zip",
            _ICIO + guid,
            expect="zip",
            found_in=_ICIO_FOUND,
        )
        for (a, b), guid in ICIO_BUNDLES.items()
    ),
}


@dataclass(frozen=True)
class ManualDownload:
    """A source whose producer requires a login, a form or an agreement."""

    page: str
    files: str
    reason: str
    #: True: the source has a direct download and this is the way round when it
    #: fails (named in the error); False: these files are never downloaded.
    fallback: bool = False


#: Sources without a stable direct download: where to go and what to put where.
MANUAL: dict[str, ManualDownload] = {
    "sipri_tiv": ManualDownload(
        "https://armstrade.sipri.org/armstrade/page/values.php",
        "raw/TIV-Export-<SUPPLIER>-1950-2021.csv (one 'TIV of arms exports' table per "
        "supplier) and sipri_tiv_bilateral_1950_2021.csv",
        "SIPRI generates the TIV tables from a web form; there is no file URL",
    ),
    "unvotes": ManualDownload(
        "https://dataverse.harvard.edu/dataset.xhtml?persistentId=hdl:1902.1/12379",
        "the dataset's files (UNVotes*.RData and the roll-call descriptions) or the "
        "layout un_votes.csv.gz, un_roll_calls.csv, un_roll_call_issues.csv",
        "Harvard Dataverse may ask to accept the dataset's terms in a browser first",
        fallback=True,
    ),
    "cow_states": ManualDownload(
        "https://correlatesofwar.org/data-sets/state-system-membership/",
        "majors2016.csv",
        "no stable URL of majors2016.csv was found in the producer's pages or public code",
    ),
    "countries": ManualDownload(
        "https://github.com/vincentarelbundock/countrycode",
        "country_codes.csv, country_codes_panel.csv.gz (countrycode's codelist and "
        "codelist_panel) and country_data.tsv (country_converter's table)",
        "the concordances are tables inside R and Python packages, not downloadable files",
    ),
    "gloria": ManualDownload(
        "https://ielab.info/labs/ielab-gloria",
        "the GLORIA MRIO parsed tables and satellite accounts (zip archives per year)",
        "GLORIA downloads need a registration on the IELab site",
    ),
    "eora26": ManualDownload(
        "https://worldmrio.com/eora26/",
        "Eora26_<year>_bp.zip and indices.zip",
        "Eora downloads need a worldmrio.com account (free for academic use)",
    ),
}


def downloads(source_id: str, years: Sequence[int] | None = None) -> tuple[RemoteFile, ...]:
    """The files ``worldsystem data fetch source_id`` downloads (empty: none known).

    ``years`` selects the per-year archives of an MRIO database (EXIOBASE's
    ``IOT_{year}_pxp.zip``, OECD ICIO's bundles holding those years); other
    sources have one release and refuse ``years``.
    """
    module(source_id)  # unknown ids raise here
    if source_id == "exiobase":
        from worldsystem.sources.exiobase import remote_files

        return tuple(
            dataclasses.replace(
                rf,
                expect="zip",
                found_in="pymrio 0.7.0 (PyPI) pymrio/tools/iodownloader.py EXIOBASE3_CONFIG "
                "(zenodo.org/records/<id>/files/IOT_<year>_<pxp|ixi>.zip); record 15689391 "
                "= EXIOBASE 3.9.6 (the Zenodo record page)",
            )
            for rf in remote_files(years if years is not None else [2022])
        )
    files = DOWNLOADS.get(source_id, ())
    if years is None:
        return files
    if source_id == "oecd_icio":
        wanted = {int(y) for y in years}
        first, last = min(ICIO_BUNDLES)[0], max(ICIO_BUNDLES)[1]
        outside = sorted(y for y in wanted if not first <= y <= last)
        if outside:
            raise SourceError(
                f"OECD ICIO (2023 release) covers {first}-{last}",
                field="years",
                value=outside[0],
                hint=f"choose years in {first}-{last}",
            )
        return tuple(
            rf
            for rf, (a, b) in zip(files, ICIO_BUNDLES, strict=True)
            if any(a <= y <= b for y in wanted)
        )
    raise SourceError(
        f"{source_id} is a single release; --years selects the per-year archives of an MRIO "
        "database",
        field="years",
        hint="drop --years, or use it with exiobase or oecd_icio",
    )


def manual_download(source_id: str) -> ManualDownload | None:
    """Where to get ``source_id`` by hand, when it has no direct download."""
    return MANUAL.get(source_id)
