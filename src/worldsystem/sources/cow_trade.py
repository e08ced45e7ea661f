"""COW Trade, v4.0 (dyadic and national), 1870-2014.

Files (``cow_trade/`` in the data directory):

- ``Dyadic_COW_4.0.parquet``: non-directed dyad-years with ``ccode1 < ccode2`` and
  ``ccode1, ccode2, year, flow1, flow2, smoothflow1, smoothflow2, version``.
  ``flow1`` is the value of **imports of ccode1 from ccode2**, ``flow2`` the imports
  of ccode2 from ccode1, in current million US dollars; ``smoothflow*`` are COW's
  smoothed versions. ``-9`` = missing.
- ``National_COW_4.0.csv``: ``stateabb, ccode, year, imports, exports, version``.

The producer's own files are read too, detected by content
(:mod:`worldsystem.sources.formats`): the official zip (``COW_Trade_4.0.zip``)
holding ``Dyadic_COW_4.0.csv`` and ``National_COW_4.0.csv`` with their full
column sets (``importer1``, spike/dip flags, alternative flows ... are not
read), or those CSVs unzipped. The official dyadic file keeps unrounded flows and
the dyad-years whose four flows are all ``-9``; both come through unchanged.

Returned columns of :func:`load` (directed dyad-years)
------------------------------------------------------
A flow o -> d is exports of o to d, valued as the imports of d from o. Each file row
gives two directed rows: ``o = ccode2, d = ccode1`` carrying ``flow1`` and
``o = ccode1, d = ccode2`` carrying ``flow2``.

=========================  =====================================================
iso3_o, iso3_d             ISO3 of exporter and importer in that year (str)
ccode_o, ccode_d           COW codes (int64); ``(ccode_o, ccode_d, year)`` is the key
year                       int64
flow_musd_current          imports of d from o, million current USD (float64)
smoothflow_musd_current    the same after COW smoothing, million current USD
=========================  =====================================================

``-9`` becomes missing; any other negative flow is a
:class:`~worldsystem.core.errors.SchemaError`. Directed rows whose two flows are
both missing are kept (missing, not zero). The flows in this copy were rounded to
whole millions by its curator, so flows under 0.5 appear as 0. Unknown ccodes are
errors. ``(iso3_o, iso3_d, year)`` can repeat in 1990 (Germany 260 and 255) and
similar transitions; a provenance note names the (iso3, year) pairs held by two ccodes.

:func:`load_national` returns ``stateabb, ccode, iso3, year, imports_musd_current,
exports_musd_current`` (million current USD; empty or ``-9`` = missing).

**Coverage.** The dyadic table can hold far less of a state's trade than the
national table: in this copy West Germany's dyads of 1960-1989 are two a year,
with Belgium and Luxembourg under code 260, while the national file holds its
totals under 255, so its dyadic imports are 7 % of its national imports in 1980.
:func:`dyadic_coverage` measures that per state-year, and a state-year below :data:`COVERAGE_MIN` is
incomplete in the dyadic table, not a state with few partners.

Citation: Barbieri, K., Keshk, O.M.G., Pollins, B. (2009), "Trading Data: Evaluating
our Assumptions and Coding Rules", *Conflict Management and Peace Science*
26(5):471-491; Barbieri, K., Keshk, O.M.G. (2016), *Correlates of War Project Trade
Data Set Codebook, Version 4.0*.
"""

from __future__ import annotations

import os

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
from worldsystem.sources.base import SourceInfo

__all__ = ["COVERAGE_MIN", "INFO", "dyadic_coverage", "load", "load_national"]

INFO = SourceInfo(
    id="cow_trade",
    name="COW Trade",
    version="4.0",
    licence="free to use with citation (Correlates of War Project terms of use)",
    citation=(
        'Barbieri, K., Keshk, O.M.G., Pollins, B. (2009), "Trading Data: Evaluating our '
        'Assumptions and Coding Rules", Conflict Management and Peace Science 26(5):471-491. '
        "Barbieri, K., Keshk, O.M.G. (2016), Correlates of War Project Trade Data Set "
        "Codebook, Version 4.0."
    ),
    citation_key="barbieri2009",
    url="https://correlatesofwar.org/data-sets/bilateral-trade/",
    files=("Dyadic_COW_4.0.parquet", "National_COW_4.0.csv"),
    description=(
        "Bilateral (dyadic) and national imports/exports, 1870-2014, million current USD. "
        "The official release is a zip of CSVs; this layout stores the dyadic table as "
        "Parquet, so no direct official download of these files exists and none is listed."
    ),
    units={
        "ccode_o": "COW state code",
        "ccode_d": "COW state code",
        "flow_musd_current": "million current USD",
        "smoothflow_musd_current": "million current USD",
        "imports_musd_current": "million current USD",
        "exports_musd_current": "million current USD",
    },
    downloads=(),
    years=(1870, 2014),
    official={
        "Dyadic_COW_4.0.parquet": (
            "Dyadic_COW_4.0.csv",
            "Dyadic_COW_4.0*.zip",
            "COW_Trade_4.0*.zip",
            "COW*Trade*.zip",
        ),
        "National_COW_4.0.csv": (
            "National_COW_4.0*.zip",
            "COW_Trade_4.0*.zip",
            "COW*Trade*.zip",
        ),
    },
)

_FLOWS = ("flow1", "flow2", "smoothflow1", "smoothflow2")
_DYADIC_REQUIRED = ("ccode1", "ccode2", "year", *_FLOWS)
_NATIONAL_REQUIRED = ("stateabb", "ccode", "year", "imports", "exports")

#: The dyadic table: the tidy Parquet, or the official ``Dyadic_COW_4.0.csv`` (all its
#: columns; only these are read), alone or in the official zip.
DYADIC = formats.Spec(
    filename="Dyadic_COW_4.0.parquet",
    tidy=lambda p: _cow.read_parquet(p, required=_DYADIC_REQUIRED),
    tidy_kinds=("parquet",),
    required=_DYADIC_REQUIRED,
    members=("Dyadic_COW_4.0.csv", "Dyadic_COW*.csv"),
)
#: The national table: the CSV, or the official zip holding it.
NATIONAL = formats.Spec(
    filename="National_COW_4.0.csv",
    tidy=lambda p: base.read_csv(p, required=_NATIONAL_REQUIRED),
    required=_NATIONAL_REQUIRED,
    members=("National_COW_4.0.csv", "National_COW*.csv"),
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Directed dyad-year trade flows (``Dyadic_COW_4.0.parquet``).

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``iso3_o, iso3_d, ccode_o, ccode_d, year, flow_musd_current,
        smoothflow_musd_current``, twice as many rows as the file, sorted by year,
        ccode_o and ccode_d, with provenance. ``attrs["directed"]`` is True.

    Raises
    ------
    SourceError
        The file is absent, not Parquet, or unreadable.
    SchemaError
        A column is missing, a code or year is not a whole number, a year is outside
        1870-2100, a flow is negative (other than ``-9``), a dyad-year repeats, a
        dyad pairs a state with itself, or a ccode is unknown.
    """
    found = formats.load_table(INFO, DYADIC, data)
    path = found.where
    df = found.frame[list(_DYADIC_REQUIRED)].copy()
    _cow.require_int(df, ["ccode1", "ccode2"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1870, 2100, file=path)
    base.numeric(df, _FLOWS, file=path, sentinels=(-9,), min_value=0)
    self_dyad = df["ccode1"] == df["ccode2"]
    if self_dyad.any():
        raise SchemaError(
            "a dyad pairs a state with itself",
            file=path,
            field="ccode2",
            value=int(df.loc[self_dyad, "ccode2"].iloc[0]),
        )
    n = len(df)
    c1 = df["ccode1"].to_numpy()
    c2 = df["ccode2"].to_numpy()
    yr = df["year"].to_numpy()
    out = pd.DataFrame(
        {
            "ccode_o": np.concatenate([c2, c1]),
            "ccode_d": np.concatenate([c1, c2]),
            "year": np.concatenate([yr, yr]),
            "flow_musd_current": np.concatenate([df["flow1"].to_numpy(), df["flow2"].to_numpy()]),
            "smoothflow_musd_current": np.concatenate(
                [df["smoothflow1"].to_numpy(), df["smoothflow2"].to_numpy()]
            ),
        }
    )
    # (year, o, d) packed into one int64: a fast key for the uniqueness check and sort
    packed = (
        out["year"].to_numpy() * 1_000_000
        + out["ccode_o"].to_numpy() * 1000
        + out["ccode_d"].to_numpy()
    )
    if not pd.Index(packed).is_unique:
        check_unique(out, ["ccode_o", "ccode_d", "year"], name=str(path))
    order = np.argsort(packed, kind="stable")
    out = out.iloc[order].reset_index(drop=True)
    # convert the distinct (ccode, year) pairs once for both ends
    codes = pd.DataFrame({"ccode": np.concatenate([c1, c2]), "year": np.concatenate([yr, yr])})
    codes = codes.drop_duplicates(ignore_index=True)
    codes["iso3"], _ = _cow.codes_to_iso3(
        codes["ccode"], source="cow", year=codes["year"], file=path, field="ccode1/ccode2"
    )
    lookup = pd.Series(
        codes["iso3"].to_numpy(),
        index=pd.MultiIndex.from_arrays([codes["ccode"], codes["year"]]),
    )
    iso_o = lookup.reindex(pd.MultiIndex.from_arrays([out["ccode_o"], out["year"]])).to_numpy()
    iso_d = lookup.reindex(pd.MultiIndex.from_arrays([out["ccode_d"], out["year"]])).to_numpy()
    out.insert(0, "iso3_d", pd.array(iso_d, dtype="str"))
    out.insert(0, "iso3_o", pd.array(iso_o, dtype="str"))
    assert len(out) == 2 * n
    out.attrs["directed"] = True
    # two ccodes with one iso3 in a year (Germany 1990...) can repeat iso3 dyad-years
    notes = [*found.notes, *_cow.iso3_year_repeats_note(codes)]
    return base.finish(out, INFO, [found.path], notes=notes)


def load_national(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """State-year total imports and exports (``National_COW_4.0.csv``).

    Returns
    -------
    pandas.DataFrame
        ``stateabb, ccode, iso3, year, imports_musd_current, exports_musd_current``
        (million current USD; missing where empty or ``-9``), key ``(ccode, year)``,
        with provenance.

    Raises
    ------
    SourceError, SchemaError
        As :func:`load`, for the CSV.
    """
    found = formats.load_table(INFO, NATIONAL, data)
    path = found.where
    df = found.frame[list(_NATIONAL_REQUIRED)].copy()
    _cow.require_int(df, ["ccode"], file=path, min_value=1, max_value=999)
    _cow.year_column(df, 1870, 2100, file=path)
    base.numeric(df, ["imports", "exports"], file=path, sentinels=(-9,), min_value=0)
    df["stateabb"] = base.as_text(df["stateabb"])
    check_unique(df, ["ccode", "year"], name=str(path))
    df["iso3"], _ = _cow.codes_to_iso3(
        df["ccode"], source="cow", year=df["year"], file=path, field="ccode"
    )
    df = df.rename(columns={"imports": "imports_musd_current", "exports": "exports_musd_current"})
    df = df[["stateabb", "ccode", "iso3", "year", "imports_musd_current", "exports_musd_current"]]
    df = df.sort_values(["ccode", "year"], ignore_index=True)
    notes = [*found.notes, *_cow.iso3_year_repeats_note(df)]
    return base.finish(df, INFO, [found.path], notes=notes)


#: A state-year whose dyadic imports (summed over its partners) are below this
#: share of its national imports is incomplete in the dyadic table. Where both
#: are complete they agree closely (1950 on, states with at least 100 million
#: USD of imports: median ratio 0.94, 89 % within 20 %; the data folder's
#: README), so a ratio under one half means most of the state's partners are
#: missing, not that it trades little.
COVERAGE_MIN = 0.5


def dyadic_coverage(dyads: pd.DataFrame, national: pd.DataFrame) -> pd.DataFrame:
    """The share of each state-year's national imports that the dyadic table holds.

    ``coverage = sum over o of flow(o -> d) / imports(d)``, both in million current
    USD, keyed by ISO3 and year (a code change within an ISO3, as Germany's 260
    and 255, is summed on both sides). State-years whose national imports are
    missing or zero are left out: there is nothing to check them against.

    Parameters
    ----------
    dyads : DataFrame
        ``iso3_d, year, flow_musd_current`` (:func:`load`).
    national : DataFrame
        ``iso3, year, imports_musd_current`` (:func:`load_national`).

    Returns
    -------
    DataFrame
        ``iso3, year, dyadic_imports_musd, national_imports_musd, coverage``
        (coverage 0 where the dyadic table has no imports of the state).

    Examples
    --------
    >>> dy = pd.DataFrame({"iso3_d": ["AAA", "AAA", "BBB"], "year": [1980] * 3,
    ...                    "flow_musd_current": [30.0, 10.0, 5.0]})
    >>> nat = pd.DataFrame({"iso3": ["AAA", "BBB", "CCC"], "year": [1980] * 3,
    ...                     "imports_musd_current": [50.0, 100.0, 20.0]})
    >>> dyadic_coverage(dy, nat)["coverage"].round(2).tolist()
    [0.8, 0.05, 0.0]
    """
    got = (
        dyads.groupby(["iso3_d", "year"])["flow_musd_current"]
        .sum(min_count=1)
        .rename("dyadic_imports_musd")
    )
    got.index = got.index.set_names(["iso3", "year"])
    nat = (
        national.dropna(subset=["iso3"])
        .groupby(["iso3", "year"])["imports_musd_current"]
        .sum(min_count=1)
        .rename("national_imports_musd")
    )
    out = pd.concat([nat, got], axis=1, join="outer").reset_index()
    out = out[out["national_imports_musd"] > 0].copy()
    out["dyadic_imports_musd"] = out["dyadic_imports_musd"].fillna(0.0)
    out["coverage"] = out["dyadic_imports_musd"] / out["national_imports_musd"]
    return out.sort_values(["iso3", "year"], ignore_index=True)
