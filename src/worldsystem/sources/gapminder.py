"""Gapminder Systema Globalis: selected country-year indicators.

Gapminder Foundation, *Systema Globalis* (open-numbers/ddf--gapminder--systema_globalis),
https://www.gapminder.org/data/. Licence CC BY 4.0; the terms of the underlying
sources (World Bank WDI, SIPRI, ILOSTAT...) also apply.

Files (``gapminder/``): one ``<indicator>.csv`` per indicator with columns
``geo, time, value``; ``indicators.csv`` (``indicator, name, description,
format, source, source_url``); ``ddf--entities--geo--country.csv`` (273 geo
entities with ISO 3166 codes and groupings).

The DDF repository's own files (what ``worldsystem data fetch`` downloads) are
read too: ``ddf--datapoints--<indicator>--by--geo--time.csv`` (columns ``geo,
time, <indicator>``; the value column is renamed ``value``) and
``ddf--concepts.csv`` (``concept`` renamed ``indicator``, only this module's
indicators kept; see :func:`_concepts`).

``geo`` ids are lower-case Gapminder ids, mostly ISO3 in lower case. The ISO3
of a geo is the entity table's ``iso3166_1_alpha3``, upper-cased. Geos without
one (historical or disputed entities: ``ussr``, ``yug``, ``deu_west``,
``kos``...) are kept with ``iso3`` missing and counted in a provenance note.

Units (:data:`UNITS`): percent indicators are percent (0-100), not fractions;
``arms_exports_sipri_tiv`` / ``arms_imports_sipri_tiv`` are in **TIV units**
(not millions of TIV, unlike SIPRI's own tables); monetary indicators are US
dollars (constant or current as the name says).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import base, formats
from worldsystem.sources._econ import check_exact_columns, check_keys, numeric
from worldsystem.sources.base import SourceInfo

__all__ = [
    "INFO",
    "UNITS",
    "indicators",
    "load",
    "load_definitions",
    "load_entities",
    "load_indicator",
]

_ENTITIES = "ddf--entities--geo--country.csv"
_INDICATORS = "indicators.csv"

#: Indicator -> unit.
UNITS: dict[str, str] = {
    "armed_forces_personnel_percent_of_labor_force": "percent of labour force",
    "armed_forces_personnel_total": "persons",
    "arms_exports_sipri_tiv": "SIPRI TIV units (not millions)",
    "arms_imports_sipri_tiv": "SIPRI TIV units (not millions)",
    "battle_deaths_per_100_000": "deaths per 100,000 population",
    "exports_percent_of_gdp": "percent of GDP",
    "external_debt_total_us_not_inflation_adjusted": "current US dollars",
    "foreign_direct_investment_net_inflows_percent_of_gdp": "percent of GDP",
    "foreign_direct_investment_net_outflows_percent_of_gdp": "percent of GDP",
    "gdppercapita_us_inflation_adjusted": "constant US dollars per person",
    "gnipercapita_atlasmethod_current_us": "current US dollars per person (Atlas method)",
    "hourly_labour_cost_constant_2021_usd": "constant 2021 PPP dollars per hour",
    "imports_percent_of_gdp": "percent of GDP",
    "income_per_person_long_series": "constant PPP dollars per person (Gapminder)",
    "industry_workers_percent_of_employment": "percent of employment",
    "military_expenditure_percent_of_gdp": "percent of GDP",
    "net_barter_terms_of_trade_2015_100": "index, 2015 = 100",
    "total_gdp_ppp_inflation_adjusted": "constant PPP dollars (Gapminder)",
    "total_gdp_us_inflation_adjusted": "constant US dollars",
    "total_population_with_projections": "persons",
    "trade_balance_us_not_inflation_adjusted": "current US dollars",
    "working_hours_per_week": "hours per week",
}
#: Indicators that cannot be negative.
_NONNEGATIVE = {
    k for k in UNITS if not k.startswith(("trade_balance", "foreign_direct_investment"))
}

INFO = SourceInfo(
    id="gapminder",
    name="Gapminder Systema Globalis (selected indicators)",
    version="open-numbers c63631ab",
    licence="CC BY 4.0 (Gapminder); underlying sources' terms also apply",
    citation=(
        "Gapminder Foundation, Systema Globalis, open-numbers/ddf--gapminder--systema_globalis "
        "(https://www.gapminder.org/data/); underlying sources as listed in indicators.csv."
    ),
    citation_key="gapminder",
    url="https://github.com/open-numbers/ddf--gapminder--systema_globalis",
    files=(*(f"{k}.csv" for k in UNITS), _INDICATORS, _ENTITIES),
    description=(
        "22 country-year indicators (military, trade, FDI, income, labour, population). "
        "The indicator files are DDF datapoint files with the value column renamed to "
        "'value'; the DDF files themselves (as the data fetch downloads them) are read too."
    ),
    units={"year": "calendar year", "value": "see UNITS / the unit column"},
    downloads=(),
    years=(1, 2100),
    official={
        **{f"{k}.csv": (f"ddf--datapoints--{k}--by--geo--time.csv",) for k in UNITS},
        _INDICATORS: ("ddf--concepts.csv",),
    },
)

_DEFINITION_COLS = ("indicator", "name", "description", "format", "source", "source_url")


def _datapoints(name: str) -> formats.Spec:
    """The tidy ``<name>.csv`` or the DDF ``ddf--datapoints--<name>--by--geo--time.csv``
    (value column named after the indicator, renamed to ``value``)."""
    return formats.Spec(
        filename=f"{name}.csv",
        tidy=lambda p: base.read_csv(p, required=("geo", "time", "value"), dtype={"geo": str}),
        dtype={"geo": str},
        convert=formats.renamed({name: "value"}, ("geo", "time", "value")),
    )


def _concepts(df: pd.DataFrame, where: str) -> pd.DataFrame:
    """``ddf--concepts.csv`` -> the rows of this module's indicators, tidy columns.

    ``concept`` is renamed ``indicator``; of the DDF concept columns ``name`` and
    ``description`` are required, ``format``, ``source`` and ``source_url`` are
    taken when present and left empty otherwise (older DDF releases lack them).
    """
    df = formats.renamed({"concept": "indicator"}, ("indicator", "name", "description"))(df, where)
    df = df[df["indicator"].isin(UNITS)].copy()
    for c in _DEFINITION_COLS:
        if c not in df.columns:
            df[c] = pd.NA
    return df[list(_DEFINITION_COLS)].reset_index(drop=True)


DEFINITIONS = formats.Spec(
    filename=_INDICATORS,
    tidy=lambda p: base.read_csv(p, required=_DEFINITION_COLS, dtype=str),
    dtype=str,
    convert=_concepts,
)


def indicators() -> list[str]:
    """Names of the indicators this module reads (file stems), sorted.

    Returns
    -------
    list of str
    """
    return sorted(UNITS)


def load_entities(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load the Gapminder geo entity table.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``gapminder/ddf--entities--geo--country.csv``.

    Returns
    -------
    pandas.DataFrame
        The table as published (text columns; ``"NA"`` is kept as text, e.g.
        Namibia's alpha-2), plus ``iso3`` = upper-cased ``iso3166_1_alpha3``
        (missing where empty). Unique by ``country`` (the geo id).
    """
    path = base.locate(INFO, _ENTITIES, data)
    df = base.read_csv(path, required=("country", "iso3166_1_alpha3", "name"), dtype=str)
    check_unique(df, ["country"], name=str(path))
    iso = df["iso3166_1_alpha3"].str.strip().str.upper()
    bad = iso.notna() & ~iso.str.fullmatch(r"[A-Z]{3}").fillna(False)
    if bad.any():
        raise SchemaError(
            "ISO 3166 alpha-3 code is not three letters",
            file=path,
            field="iso3166_1_alpha3",
            value=df.loc[bad, "iso3166_1_alpha3"].iloc[0],
        )
    df["iso3"] = base.as_text(iso)
    return base.finish(df, INFO, [path])


def _read_indicator(name: str, data) -> tuple[pd.DataFrame, object]:
    if name not in UNITS:
        raise SchemaError(
            "unknown Gapminder indicator",
            field="indicator",
            value=name,
            hint=f"choose one of {indicators()}",
        )
    found = formats.load_table(INFO, _datapoints(name), data)
    df, path = found.frame, found.where
    check_exact_columns(df.columns, ("geo", "time", "value"), file=path)
    geo = df["geo"]
    bad = geo.isna() | ~geo.astype(str).str.fullmatch(r"[a-z][a-z0-9_]*")
    if bad.any():
        raise SchemaError(
            "geo id is not a lower-case Gapminder id",
            file=path,
            field="geo",
            value=geo[bad].iloc[0] if geo[bad].notna().any() else None,
        )
    numeric(df, ["time"], file=path, integer=True)
    check_keys(df, ["geo", "time"], file=path, years=(1, 2100), year_column="time")
    numeric(df, ["value"], file=path, min_value=0.0 if name in _NONNEGATIVE else None)
    if df["value"].isna().any():
        raise SchemaError(
            "empty value (datapoint files list only existing values)",
            file=path,
            field="value",
            value="",
        )
    return df, found


def _to_frame(parts, entities: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    df = pd.concat(parts, ignore_index=True)
    mapping = dict(zip(entities["country"], entities["iso3"], strict=True))
    iso3 = df["geo"].map(mapping)
    out = pd.DataFrame(
        {
            "iso3": base.as_text(iso3),
            "geo": base.as_text(df["geo"]),
            "year": df["time"].astype("int64"),
            "indicator": base.as_text(df["indicator"]),
            "value": df["value"].astype("float64"),
        }
    )
    out["unit"] = out["indicator"].map(UNITS).astype("str")
    out = out.sort_values(["indicator", "geo", "year"], kind="stable").reset_index(drop=True)
    unmapped = sorted(set(out.loc[out["iso3"].isna(), "geo"]))
    notes = []
    if unmapped:
        notes.append(
            f"gapminder: {len(unmapped)} geo ids have no ISO 3166 alpha-3 in the entity table "
            f"({', '.join(unmapped)}); their {int(out['iso3'].isna().sum())} rows are kept "
            "with iso3 missing"
        )
    return out, notes


def load(
    data: str | os.PathLike[str] | None = None, *, indicators: Iterable[str] | None = None
) -> pd.DataFrame:
    """Load Gapminder indicators in long form.

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``gapminder/``.
    indicators : iterable of str, optional
        Indicator names (file stems, see :func:`indicators`); all by default.

    Returns
    -------
    pandas.DataFrame
        ``iso3, geo, year, indicator, value, unit``; unique by (geo, year,
        indicator). ``iso3`` is missing for geos without an ISO code (note in
        the provenance).

    Raises
    ------
    SourceError, SchemaError
        Unreadable file, layout change, unknown indicator, text or a negative
        value where the indicator cannot be negative, duplicated (geo, year).
    """
    names = sorted(UNITS) if indicators is None else list(dict.fromkeys(indicators))
    unknown = [n for n in names if n not in UNITS]
    if unknown:
        raise SchemaError(
            "unknown Gapminder indicator",
            field="indicator",
            value=unknown[0],
            hint=f"choose one of {sorted(UNITS)}",
        )
    entities = load_entities(data)
    parts = []
    paths = [base.locate(INFO, _ENTITIES, data)]
    read_notes: list[str] = []
    for name in names:
        df, found = _read_indicator(name, data)
        df["indicator"] = name
        parts.append(df)
        paths.append(found.path)
        read_notes += found.notes
    out, notes = _to_frame(parts, entities)
    return base.finish(out, INFO, paths, notes=[*read_notes, *notes])


def load_indicator(name: str, data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load one Gapminder indicator.

    Parameters
    ----------
    name : str
        Indicator (file stem), e.g. ``"arms_exports_sipri_tiv"``.
    data : path-like, optional
        Data directory holding ``gapminder/``.

    Returns
    -------
    pandas.DataFrame
        As :func:`load` for that indicator; ``attrs["units"]["value"]`` is its unit.
    """
    out = load(data, indicators=[name])
    from worldsystem.core.provenance import set_units

    set_units(out, {"value": UNITS[name]})
    return out


def load_definitions(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Load ``indicators.csv`` (names, descriptions and sources of the indicators).

    Parameters
    ----------
    data : path-like, optional
        Data directory holding ``gapminder/indicators.csv``.

    Returns
    -------
    pandas.DataFrame
        ``indicator, name, description, format, source, source_url`` and ``unit``
        (this module's unit string).
    """
    found = formats.load_table(INFO, DEFINITIONS, data)
    df, path = found.frame, found.where
    cols = _DEFINITION_COLS
    check_exact_columns(df.columns, cols, file=path)
    check_unique(df, ["indicator"], name=str(path))
    for c in cols[1:]:
        df[c] = df[c].fillna("").astype(str)
    df["unit"] = df["indicator"].map(UNITS).fillna("").astype(str)
    return base.finish(df, INFO, [found.path], notes=found.notes)
