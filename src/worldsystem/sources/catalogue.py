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
