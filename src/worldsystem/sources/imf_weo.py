"""IMF World Economic Outlook database, April 2019 (1980-2024, with projections).

International Monetary Fund, *World Economic Outlook Database*, April 2019.
https://www.imf.org/en/Publications/WEO/weo-database/2019/April

Files (``imf_weo/``):

- ``weo_apr2019.csv.gz``: long ``iso3, year, indicator, value`` (45 indicators,
  194 countries; the WEO missing markers ``n/a``/``--`` were dropped, so a
  missing combination is absent rather than empty);
- ``weo_apr2019_concepts.csv``: ``indicator, subject_descriptor, units, scale,
  subject_notes``; ``value`` is in ``units`` x ``scale`` of its indicator (e.g.
  NGDPD: U.S. dollars x Billions);
- ``weo_apr2019_countries.csv``: ``iso3, weo_country_code, country`` (IMF codes:
  ``UVK`` Kosovo, ``WBG`` West Bank and Gaza);
- ``weo_apr2019_notes.csv.gz``: ``iso3, indicator, estimates_start_after,
  country_series_specific_notes``.

:func:`load` returns the long table unchanged in scale: ``iso3, year, indicator,
value`` plus ``is_estimate`` (nullable boolean). ``is_estimate`` is
``year > estimates_start_after`` for the series (IMF estimate or projection);
it is missing where the notes give no ``estimates_start_after``. A value of 0
in the notes means no year is an actual (every year is an estimate).

:func:`wide` pivots chosen indicators to columns with the scale made explicit
in the column name (see :data:`WIDE_COLUMNS`), e.g. ``NGDPD`` ->
``ngdpd_busd_current`` (billions of current US dollars).
"""

from __future__ import annotations

import functools
import io
import os
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.provenance import attach, carry, get, get_units, set_units
from worldsystem.core.schema import check_unique
from worldsystem.sources import base, formats
from worldsystem.sources._econ import check_code_column, check_exact_columns, check_keys, numeric
from worldsystem.sources.base import SourceInfo

__all__ = [
    "INFO",
    "WIDE_COLUMNS",
    "load",
    "load_concepts",
    "load_countries",
    "load_notes",
    "wide",
]

_MAIN = "weo_apr2019.csv.gz"
_CONCEPTS = "weo_apr2019_concepts.csv"
_COUNTRIES = "weo_apr2019_countries.csv"
_NOTES = "weo_apr2019_notes.csv.gz"

#: Indicator -> (column name in :func:`wide`, unit). The column name carries
#: the scale and price basis; values are NOT rescaled (the name states the WEO
#: scale). Indicators not listed get ``<indicator lower-case>`` and the unit
#: string ``"<units>, <scale>"`` of the concepts table.
WIDE_COLUMNS: dict[str, tuple[str, str]] = {
    "NGDPD": ("ngdpd_busd_current", "billions of current US dollars"),
    "NGDP": ("ngdp_bncu_current", "billions of national currency, current prices"),
    "NGDP_R": ("ngdp_r_bncu_constant", "billions of national currency, constant prices"),
    "NGDPDPC": ("ngdpdpc_usd_current", "current US dollars per person"),
    "PPPGDP": ("pppgdp_bintl_current", "billions of current international dollars (PPP)"),
    "PPPPC": ("ppppc_intl_current", "current international dollars (PPP) per person"),
    "NGDPRPPPPC": ("ngdprppppc_intl_2011", "2011 international dollars (PPP) per person"),
    "PPPSH": ("pppsh_pct_world", "percent of world GDP (PPP)"),
    "PPPEX": ("pppex_ncu_per_intl", "national currency per current international dollar"),
    "LP": ("lp_mpersons", "millions of persons"),
    "LE": ("le_mpersons", "millions of persons employed"),
    "LUR": ("lur_pct", "percent of total labour force"),
    "BCA": ("bca_busd_current", "billions of current US dollars"),
    "BCA_NGDPD": ("bca_pct_gdp", "percent of GDP"),
    "NGDP_RPCH": ("ngdp_rpch_pct", "percent change"),
    "GGXWDG_NGDP": ("ggxwdg_pct_gdp", "percent of GDP"),
    "PCPIPCH": ("pcpipch_pct", "percent change"),
}

INFO = SourceInfo(
    id="imf_weo",
    name="IMF World Economic Outlook",
    version="April 2019",
    licence="IMF copyright and usage terms (reuse with attribution)",
    citation="International Monetary Fund, World Economic Outlook Database, April 2019.",
    citation_key="imf2019weo",
    url="https://www.imf.org/en/Publications/WEO/weo-database/2019/April",
    files=(_MAIN, _CONCEPTS, _COUNTRIES, _NOTES),
    description=(
        "45 WEO indicators for 194 countries, 1980-2024 (years after estimates_start_after "
        "are IMF estimates or projections). The official release is WEOApr2019all.xls "
        "(tab-separated text), which the loaders read as well as the long CSV layout of "
        "the open-numbers DDF conversion."
    ),
    units={
        "value": "units x scale of the indicator (see load_concepts)",
        "year": "calendar year",
        "is_estimate": "True when year > estimates_start_after",
    },
    downloads=(),
    years=(1980, 2024),
    # the one official file stands in for all four tables (see _weo_wide)
    official={name: ("WEOApr2019all.xls",) for name in (_MAIN, _CONCEPTS, _COUNTRIES, _NOTES)},
)

# --------------------------------------------------------------------------- official file
#: Columns of the official WEO country file (``WEO<Mon><Year>all.xls``), before
#: the year columns and ``Estimates Start After``.
_WEO_ID = (
    "WEO Country Code",
    "ISO",
    "WEO Subject Code",
    "Country",
    "Subject Descriptor",
    "Subject Notes",
    "Units",
    "Scale",
    "Country/Series-specific Notes",
)
_WEO_ESA = "Estimates Start After"
#: WEO cell markers of a missing value (dropped, as in the long layout).
_WEO_MISSING = frozenset({"", "n/a", "--"})


def _weo_encoding(raw: bytes) -> str:
    """The text encoding of a WEO file: UTF-16 with a BOM (October 2020 and later
    releases), UTF-8 if it decodes, else ISO-8859-1 (the April 2019 file)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if raw.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return "latin-1"
    return "utf-8"


@functools.lru_cache(maxsize=2)
def _weo_wide_cached(path: str, _mtime_ns: int, _size: int) -> pd.DataFrame:
    raw = Path(path).read_bytes()
    enc = _weo_encoding(raw)
    try:
        df = pd.read_csv(
            io.StringIO(raw.decode(enc)),
            sep="\t",
            dtype=str,
            keep_default_na=False,
            na_filter=False,
        )
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise SourceError(
            f"not a readable WEO tab-separated file ({type(exc).__name__}: {exc})",
            file=path,
            hint="download WEOApr2019all.xls again (it is tab-separated text despite its name)",
        ) from exc
    df.columns = [str(c).strip() for c in df.columns]
    missing = [c for c in (*_WEO_ID, _WEO_ESA) if c not in df.columns]
    if missing:
        raise SchemaError(
            "column missing from the WEO country file",
            file=path,
            field=missing[0],
            hint="use the WEO 'By Countries' file WEOApr2019all.xls as the IMF distributes it",
        )
    # codes and numbers are stripped; descriptive text is kept as published
    text = {"Country", "Subject Descriptor", "Subject Notes", "Units", "Scale",
            "Country/Series-specific Notes"}  # fmt: skip
    for c in df.columns:
        if c not in text:
            df[c] = df[c].str.strip()
    # the file ends with a one-cell footer ("International Monetary Fund, World
    # Economic Outlook Database, April 2019") and possibly blank lines
    body = (df["ISO"] != "") | (df["WEO Subject Code"] != "")
    return df[body].reset_index(drop=True)


def _weo_wide(path: Path) -> pd.DataFrame:
    """The official WEO country file as text cells (detected as text by content).

    Layout (IMF "By Countries" file, checked against public WEO readers: a
    tab-separated table despite the ``.xls`` name): one row per country x
    subject with ``WEO Country Code, ISO, WEO Subject Code, Country, Subject
    Descriptor, Subject Notes, Units, Scale, Country/Series-specific Notes``,
    one column per year (``1980`` ... ``2024``) and ``Estimates Start After``.
    Numbers may carry thousands separators (``1,234.5``); ``n/a`` and ``--``
    mark missing values.
    """
    st = path.stat()
    return _weo_wide_cached(str(path), st.st_mtime_ns, st.st_size).copy()


def _weo_years(df: pd.DataFrame) -> list[str]:
    return [c for c in df.columns if re.fullmatch(r"\d{4}", c)]


def _weo_main(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """Wide WEO rows -> ``iso3, year, indicator, value``; missing markers dropped."""
    if "indicator" in df.columns:  # already the long layout
        return df
    years = _weo_years(df)
    if not years:
        raise SchemaError("no year columns (1980, 1981, ...)", file=where, field="year")
    long = df.melt(
        id_vars=["ISO", "WEO Subject Code"], value_vars=years, var_name="year", value_name="v"
    )
    long = long[~long["v"].isin(_WEO_MISSING)]
    text = long["v"].str.replace(",", "", regex=False)
    value = pd.to_numeric(text, errors="coerce")
    bad = value.isna()
    if bad.any():
        row = long[bad].iloc[0]
        raise SchemaError(
            f"value is not a number ({row['ISO']} {row['WEO Subject Code']})",
            file=where,
            field=str(row["year"]),
            value=row["v"],
        )
    text_dtype = formats.text_dtype()
    out = pd.DataFrame(
        {
            "iso3": long["ISO"].astype(text_dtype),
            "year": long["year"].astype("int64"),
            "indicator": long["WEO Subject Code"].astype(text_dtype),
            "value": value.astype("float64"),
        }
    )
    return out.reset_index(drop=True)


def _weo_unique(df: pd.DataFrame, key: str, cols: dict[str, str], where: str) -> pd.DataFrame:
    """One row per ``key`` with ``cols`` (official -> tidy); the values must agree."""
    sub = df[[key, *cols]].drop_duplicates()
    dup = sub[key].duplicated(keep=False)
    if dup.any():
        k = sub.loc[dup, key].iloc[0]
        differ = [c for c in cols if sub.loc[sub[key] == k, c].nunique() > 1]
        raise SchemaError(
            f"{key} {k!r} has differing {differ[0]!r} in different rows",
            file=where,
            field=differ[0],
            value=k,
        )
    return sub.rename(columns=cols).reset_index(drop=True)


def _weo_concepts(df: pd.DataFrame, where: str) -> pd.DataFrame:
    if "indicator" in df.columns:
        return df
    cols = {
        "Subject Descriptor": "subject_descriptor",
        "Units": "units",
        "Scale": "scale",
        "Subject Notes": "subject_notes",
    }
    out = _weo_unique(df, "WEO Subject Code", cols, where)
    out = out.rename(columns={"WEO Subject Code": "indicator"})
    # the long layout lists the subjects sorted by code (countries and notes keep
    # the file's order, as there)
    out = out.sort_values("indicator", ignore_index=True)
    return out.replace("", np.nan)


def _weo_countries(df: pd.DataFrame, where: str) -> pd.DataFrame:
    if "iso3" in df.columns:
        return df
    cols = {"WEO Country Code": "weo_country_code", "Country": "country"}
    out = _weo_unique(df, "ISO", cols, where).rename(columns={"ISO": "iso3"})
    return out[["iso3", "weo_country_code", "country"]]


def _weo_notes(df: pd.DataFrame, where: str) -> pd.DataFrame:
    if "iso3" in df.columns:
        return df
    out = pd.DataFrame(
        {
            "iso3": df["ISO"],
            "indicator": df["WEO Subject Code"],
            "estimates_start_after": df[_WEO_ESA].where(~df[_WEO_ESA].isin(_WEO_MISSING)),
            "country_series_specific_notes": df["Country/Series-specific Notes"].replace(
                "", np.nan
            ),
        }
    )
    return out


def _weo_spec(filename: str, tidy, convert) -> formats.Spec:
    return formats.Spec(
        filename=filename,
        tidy=tidy,
        tidy_kinds=("gzip",) if filename.endswith(".gz") else ("text",),
        parsers={"text": _weo_wide},
        convert=convert,
    )


_MAIN_COLS = ("iso3", "year", "indicator", "value")
_CONCEPT_COLS = ("indicator", "subject_descriptor", "units", "scale", "subject_notes")
_COUNTRY_COLS = ("iso3", "weo_country_code", "country")
_NOTE_COLS = ("iso3", "indicator", "estimates_start_after", "country_series_specific_notes")

MAIN = _weo_spec(
    _MAIN,
    lambda p: base.read_csv(p, required=_MAIN_COLS, dtype={"iso3": str, "indicator": str}),
    _weo_main,
)
CONCEPTS = _weo_spec(
    _CONCEPTS, lambda p: base.read_csv(p, required=_CONCEPT_COLS, dtype=str), _weo_concepts
)
COUNTRIES = _weo_spec(
    _COUNTRIES,
    lambda p: base.read_csv(p, required=_COUNTRY_COLS, dtype={"iso3": str, "country": str}),
    _weo_countries,
)
NOTES = _weo_spec(
    _NOTES,
    lambda p: base.read_csv(
        p,
        required=_NOTE_COLS,
        dtype={"iso3": str, "indicator": str, "country_series_specific_notes": str},
    ),
    _weo_notes,
)


def _read_main(data):
    found = formats.load_table(INFO, MAIN, data)
    df, path = found.frame, found.where
    cols = _MAIN_COLS
    check_exact_columns(df.columns, cols, file=path)
    check_code_column(df, "iso3", file=path)
    numeric(df, ["year"], file=path, integer=True)
    check_keys(df, ["iso3", "year", "indicator"], file=path, years=(1900, 2100))
    numeric(df, ["value"], file=path)
    df["year"] = df["year"].astype("int64")
    return df, found


def load_concepts(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the WEO indicator definitions.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``imf_weo/weo_apr2019_concepts.csv``.

    Returns
    -------
    pandas.DataFrame
        ``indicator, subject_descriptor, units, scale, subject_notes`` (text; empty
        ``scale`` means the value is in ``units`` as such), unique by indicator.
    """
    found = formats.load_table(INFO, CONCEPTS, data)
    df, path = found.frame, found.where
    cols = _CONCEPT_COLS
    check_exact_columns(df.columns, cols, file=path)
    for c in cols[1:]:
        df[c] = df[c].fillna("").astype(str)
    check_unique(df, ["indicator"], name=str(path))
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_countries(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the WEO country list.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``imf_weo/weo_apr2019_countries.csv``.

    Returns
    -------
    pandas.DataFrame
        ``iso3`` (IMF's ISO-like code; ``UVK`` Kosovo, ``WBG`` West Bank and Gaza),
        ``weo_country_code`` (int64, IMF country code) and ``country``.
    """
    found = formats.load_table(INFO, COUNTRIES, data)
    df, path = found.frame, found.where
    cols = _COUNTRY_COLS
    check_exact_columns(df.columns, cols, file=path)
    check_code_column(df, "iso3", file=path)
    base.numeric(df, ["weo_country_code"], file=path, integer=True, min_value=0)
    check_unique(df, ["iso3"], name=str(path))
    df["weo_country_code"] = df["weo_country_code"].astype("int64")
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load_notes(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the WEO country-series notes.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``imf_weo/weo_apr2019_notes.csv.gz``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, indicator, estimates_start_after`` (nullable Int64: the last year
        of actual data; missing when not given) and
        ``country_series_specific_notes`` (text). Unique by (iso3, indicator).
    """
    found = formats.load_table(INFO, NOTES, data)
    df, path = found.frame, found.where
    cols = _NOTE_COLS
    check_exact_columns(df.columns, cols, file=path)
    check_code_column(df, "iso3", file=path)
    base.numeric(
        df, ["estimates_start_after"], file=path, integer=True, min_value=0, max_value=2100
    )
    check_unique(df, ["iso3", "indicator"], name=str(path))
    df["country_series_specific_notes"] = df["country_series_specific_notes"].fillna("").astype(str)
    return base.finish(df, INFO, [found.path], notes=found.notes)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the WEO April 2019 values in long form.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``imf_weo/``.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, indicator, value, is_estimate``; one row per (iso3, year,
        indicator), sorted. ``value`` is in the units x scale of the indicator
        (:func:`load_concepts`); ``is_estimate`` (boolean, nullable) is
        ``year > estimates_start_after`` from :func:`load_notes`.

    Raises
    ------
    SourceError, SchemaError, CodeSystemError
        On an unreadable file, a layout change, a non-number, a duplicated key,
        a year out of 1900-2100 or a malformed code.
    """
    df, found = _read_main(data)
    notes = load_notes(data)
    notes_path = base.locate(INFO, _NOTES, data)
    m = df.merge(
        notes[["iso3", "indicator", "estimates_start_after"]],
        on=["iso3", "indicator"],
        how="left",
        validate="many_to_one",
    )
    esa = m["estimates_start_after"].astype("Float64")
    is_est = (m["year"].astype("Float64") > esa).astype("boolean")
    out = m[["iso3", "year", "indicator", "value"]].copy()
    out["is_estimate"] = is_est
    out = out.sort_values(["iso3", "indicator", "year"], kind="stable").reset_index(drop=True)
    n_unknown = int(out["is_estimate"].isna().sum())
    note = (
        f"imf_weo: is_estimate = year > estimates_start_after; unknown for {n_unknown} values "
        "whose series has no estimates_start_after"
    )
    paths = list(dict.fromkeys([found.path, notes_path]))
    return base.finish(out, INFO, paths, notes=[*found.notes, note])


def wide(
    indicators: Sequence[str],
    data: str | os.PathLike[str] | pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Country-year table of chosen WEO indicators, one column each.

    Parameters
    ----------
    indicators : sequence of str
        WEO subject codes, e.g. ``["NGDPD", "LP"]``.
    data : path-like or DataFrame, optional
        Data directory, or a frame already returned by :func:`load` (then no
        file is read; unit strings of unlisted indicators are then generic).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year``, one column per indicator named as in
        :data:`WIDE_COLUMNS` (e.g. ``ngdpd_busd_current`` = NGDPD in billions of
        current US dollars; values are not rescaled, the name states the WEO
        scale), and ``is_estimate`` (True if any of the chosen values of that
        country-year is an estimate or projection; missing if unknown for all).
        One row per (iso3, year) that has any of the indicators.

    Raises
    ------
    SchemaError
        An indicator that is not in the data.

    Examples
    --------
    >>> w = wide(["NGDPD"])  # doctest: +SKIP
    >>> w.loc[(w.iso3 == "USA") & (w.year == 2018), "ngdpd_busd_current"]  # doctest: +SKIP
    """
    indicators = list(dict.fromkeys(indicators))
    if isinstance(data, pd.DataFrame):
        long = data
        concepts = None
    else:
        long = load(data)
        concepts = load_concepts(data)
    have = set(pd.unique(long["indicator"]))
    missing = [i for i in indicators if i not in have]
    if missing:
        raise SchemaError(
            "indicator not in the WEO data",
            file=_MAIN,
            field="indicator",
            value=missing[0],
            hint=f"choose among {sorted(have)[:50]}",
        )
    sub = long[long["indicator"].isin(indicators)]
    names: dict[str, str] = {}
    units: dict[str, str] = {}
    for ind in indicators:
        if ind in WIDE_COLUMNS:
            names[ind], units[names[ind]] = WIDE_COLUMNS[ind]
        else:
            names[ind] = ind.lower()
            unit = "units x scale of the indicator (see load_concepts)"
            if concepts is not None:
                row = concepts.loc[concepts["indicator"] == ind]
                if len(row):
                    u, s = row["units"].iloc[0], row["scale"].iloc[0]
                    unit = f"{u}, {s}" if s else u
            units[names[ind]] = unit
    val = sub.pivot(index=["iso3", "year"], columns="indicator", values="value")
    est = sub.assign(e=sub["is_estimate"].astype("Float64")).groupby(["iso3", "year"])["e"].max()
    val = val.reindex(columns=indicators).rename(columns=names)
    val.columns.name = None
    out = val.reset_index()
    e = est.reindex(pd.MultiIndex.from_frame(out[["iso3", "year"]]))
    out["is_estimate"] = e.astype("boolean").to_numpy()
    out["year"] = out["year"].astype("int64")
    base_units = get_units(long)
    attach(out, get(long).with_method("imf_weo.wide", {"indicators": indicators}))
    set_units(out, {"year": base_units.get("year", "calendar year"), **units})
    return carry(out, long)
