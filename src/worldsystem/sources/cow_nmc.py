"""COW National Material Capabilities (NMC), v7.0, 1816-2022.

File (official layout, ``cow_nmc/`` in the data directory): ``NMC-70-abridged.csv``
with ``stateabb, ccode, year, milex, milper, irst, pec, tpop, upop, version`` (the
official file also has ``cinc``; :func:`load` ignores it and :func:`official_cinc`
reads it, so ``worldsystem data check`` can compare it with the project's
recomputation). The official zip (``NMC_Documentation-7.0.zip``) holding that CSV
is read too, detected by content (:mod:`worldsystem.sources.formats`).

Returned columns of :func:`load`
--------------------------------
=========  ==============================================================
stateabb   COW state abbreviation (str)
ccode      COW state code (int64); key with ``year``
iso3       ISO3 of the ccode in that year (:mod:`worldsystem.countries`; historical
           states get project Q-range codes). Unknown ccodes are an error.
year       calendar year (int64)
milex      military expenditure, **thousands of current British pounds for
           1816-1913 and thousands of current US dollars from 1914** (as released)
milper     military personnel, thousands
irst       iron and steel production, thousands of tons
pec        primary energy consumption, thousands of coal-ton equivalents
tpop       total population, thousands
upop       urban population (cities of 100,000 or more), thousands
=========  ==============================================================

All six components are float64; the COW sentinel ``-9`` becomes missing and any
other negative value is a :class:`~worldsystem.core.errors.SchemaError`. An empty
cell is an error too: the release marks missing values only with ``-9``, so an empty
cell means a damaged (e.g. truncated) file.

Unit decisions. ``milex`` is returned in its released unit: no currency conversion
between pounds and dollars is made (there is no COW-endorsed series for that). The
Composite Index of National Capability is computed by the project from within-year
shares, so the change of currency in 1914 does not affect it. No ``cinc`` column is
returned. ``(iso3, year)`` can repeat at unifications (Germany 260 and 255 in 1990,
Yemen 678/679 in 1990); the key is ``(ccode, year)`` and a provenance note says so.

Citation: Singer, J.D., Bremer, S., Stuckey, J. (1972), "Capability Distribution,
Uncertainty, and Major Power War, 1820-1965", in B. Russett (ed.), *Peace, War, and
Numbers*, 19-48; Singer, J.D. (1987), *International Interactions* 14:115-132; and the
NMC v7.0 codebook.
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["COMPONENTS", "INFO", "load", "official_cinc"]

#: The six capability components, in the official order.
COMPONENTS = ("milex", "milper", "irst", "pec", "tpop", "upop")

INFO = SourceInfo(
    id="cow_nmc",
    name="COW National Material Capabilities",
    version="7.0",
    licence="free to use with citation (Correlates of War Project terms of use)",
    citation=(
        'Singer, J.D., Bremer, S., Stuckey, J. (1972), "Capability Distribution, Uncertainty, '
        'and Major Power War, 1820-1965", in B. Russett (ed.), Peace, War, and Numbers, 19-48. '
        "Also Singer, J.D. (1987), International Interactions 14:115-132, and the NMC v7.0 "
        "codebook."
    ),
    citation_key="singer1972",
    url="https://correlatesofwar.org/data-sets/national-material-capabilities/",
    files=("NMC-70-abridged.csv",),
    description=(
        "Six components of national material capability per state-year, 1816-2022. The "
        "official release is a zip on the COW site; no stable direct file URL is known, "
        "so no download is listed."
    ),
    units={
        "ccode": "COW state code",
        "milex": "thousands of current GBP (1816-1913); thousands of current USD (1914-)",
        "milper": "thousands of personnel",
        "irst": "thousands of tons",
        "pec": "thousands of coal-ton equivalents",
        "tpop": "thousands of persons",
        "upop": "thousands of persons (cities >= 100,000)",
    },
    downloads=(),
    years=(1816, 2022),
    official={
        "NMC-70-abridged.csv": (
            "NMC_Documentation-7.0*.zip",
            "NMC-70-abridged*.zip",
            "NMC*7.0*.zip",
        ),
    },
)


def _spec() -> formats.Spec:
    """Where the NMC table is: the CSV, or the official zip holding it."""
    cols = ["stateabb", "ccode", "year", *COMPONENTS]
    return formats.Spec(
        filename="NMC-70-abridged.csv",
        tidy=lambda p: base.read_csv(p, required=cols),
        required=tuple(cols),
        members=("NMC-70-abridged.csv",),
    )


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """State-years of the six NMC components.

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``stateabb, ccode, iso3, year, milex, milper, irst, pec, tpop, upop`` (see the
        module docstring for units), sorted by ccode and year, with provenance. No
        ``cinc`` column.

    Raises
    ------
    SourceError
        The file is absent, empty, binary, not UTF-8 or cannot be parsed.
    SchemaError
        A column is missing, a value is not a number, a component is negative
        (other than ``-9``), a year is outside 1816-2100, ``(ccode, year)`` repeats
        or a ccode is unknown.
    """
    cols = ["stateabb", "ccode", "year", *COMPONENTS]
    found = formats.load_table(INFO, _spec(), data)
    path = found.where
    df = found.frame[cols].copy()
    _cow.require_int(df, ["ccode"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1816, 2100, file=path)
    empty = df[list(COMPONENTS)].isna()
    if empty.to_numpy().any():
        # the official file marks missing values with -9, never with an empty cell, so an
        # empty cell means a damaged (e.g. truncated) file
        col = empty.any().idxmax()
        raise SchemaError(
            "empty cell; NMC marks missing values with -9 (the file may be truncated)",
            file=path,
            field=col,
            value=f"row {int(empty[col].to_numpy().argmax()) + 2} is empty",
        )
    base.numeric(df, COMPONENTS, file=path, sentinels=(-9,), min_value=0)
    df["stateabb"] = base.as_text(df["stateabb"])
    check_unique(df, ["ccode", "year"], name=str(path))
    df["iso3"], _ = _cow.codes_to_iso3(
        df["ccode"], source="cow", year=df["year"], file=path, field="ccode"
    )
    df = df[["stateabb", "ccode", "iso3", "year", *COMPONENTS]]
    df = df.sort_values(["ccode", "year"], ignore_index=True)
    notes = [*found.notes, *_cow.iso3_year_repeats_note(df)]
    return base.finish(df, INFO, [found.path], notes=notes)


def official_cinc(data: str | os.PathLike[str] | None = None) -> pd.DataFrame | None:
    """COW's own ``cinc`` column of the NMC file, or None when the file has none.

    The release carries CINC as COW computed it; the project recomputes CINC from
    the six components (:func:`worldsystem.measures.polarity.cinc`) and uses this
    column only to check that recomputation (``worldsystem data check cow_nmc``).

    Returns
    -------
    pandas.DataFrame or None
        ``ccode, year, cinc`` (float64, missing where the file has ``-9``), with
        provenance; None when the file has no ``cinc`` column.

    Raises
    ------
    SourceError, SchemaError
        As for :func:`load`; also a ``cinc`` value that is not a number or lies
        outside [0, 1].
    """
    found = formats.load_table(INFO, _spec(), data)
    path = found.where
    if "cinc" not in found.frame.columns:
        return None
    df = found.frame[["ccode", "year", "cinc"]].copy()
    _cow.require_int(df, ["ccode"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1816, 2100, file=path)
    base.numeric(df, ["cinc"], file=path, sentinels=(-9,), min_value=0, max_value=1)
    check_unique(df, ["ccode", "year"], name=str(path))
    return base.finish(df, INFO, [found.path], notes=list(found.notes))
