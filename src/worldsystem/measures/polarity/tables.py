"""The polarity and capability tables behind the CLI and the report.

Step 5 of :mod:`worldsystem.measures.polarity`: :func:`polarity_table` (shares,
concentration, label and robustness per year) and :func:`capabilities_table`
(CINC and component shares per country-year).

References
----------
Ray, J.L., Singer, J.D. (1973). Measuring the Concentration of Power in the
International System. *Sociological Methods & Research* 1(4):403-437.
doi:10.1177/004912417300100401.

Wohlforth, W.C. (1999). The Stability of a Unipolar World. *International
Security* 24(1):5-41. doi:10.1162/016228899560031.

Waltz, K.N. (1979). *Theory of International Politics*. Reading, MA:
Addison-Wesley.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.measures._common import finish
from worldsystem.measures.polarity._base import _CITE_CON, _CITE_WOHLFORTH
from worldsystem.measures.polarity.classify import (
    DEFAULT_GRID,
    LABELS,
    _check_thresholds,
    _grid_combinations,
    _labels,
    classify_polarity,
)
from worldsystem.measures.polarity.concentrations import concentration
from worldsystem.measures.polarity.indices import available_indices, cinc, index_shares

__all__ = [
    "NOT_ENOUGH_DATA",
    "capabilities_table",
    "polarity_table",
]


_TABLE_COLUMNS = [
    "year",
    "index",
    "n_states",
    "leader_iso3",
    "leader_share",
    "second_iso3",
    "second_share",
    "con",
    "hhi",
    "effective_poles",
    "polarity",
    "robustness",
    "third_iso3",
    "third_share",
    "leader_second_ratio",
    "mansfield",
    "among",
]


#: The polarity call of a year whose data do not cover the candidate powers.
NOT_ENOUGH_DATA = "not enough data"


#: The headline composite needs this many dimensions covering a year; below it
#: the year's headline is :data:`FALLBACK_INDEX`'s call (``dimensions`` says so).
MIN_COMPOSITE_DIMENSIONS = 2
#: CINC: six economic, demographic and military components, for every COW year.
FALLBACK_INDEX = "cinc"


def _composite(
    frame: pd.DataFrame,
    cov_by_dim: Mapping[str, pd.DataFrame],
    shares_by_dim: Mapping[str, pd.DataFrame],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Headline composite: equal-weight mean of the dimensions covering each year.

    A dimension enters year ``t`` only when its data cover every candidate power of
    ``t``; the others are left out of that year for every state, so no state's
    composite mixes dimensions that another state's lacks. Returns the shares frame
    and ``year, dimensions, left_out`` (which dimensions entered / were left out,
    with the missing candidates).
    """
    from worldsystem.measures.polarity.indices import combined_index

    parts = {}
    notes = None
    for dim, sh in shares_by_dim.items():
        cov = cov_by_dim[dim].set_index("year")
        ok = cov["covered"].reindex(sh["year"].to_numpy(), fill_value=False).to_numpy()
        col = "share" if "share" in sh.columns else "cinc"
        part = sh.copy()
        part["share"] = part[col].where(ok)
        parts[dim] = part
        some = (cov["n_missing"].to_numpy() > 0) & (
            cov["n_missing"].to_numpy() < cov["n_candidates"].to_numpy()
        )
        why = np.where(
            some,
            dim + " (missing " + cov["missing"].astype(str).to_numpy() + ")",
            dim + " (no data)",
        )
        d = pd.DataFrame(
            {
                "year": cov.index.to_numpy(),
                "in": np.where(cov["covered"].to_numpy(), dim, ""),
                "out": np.where(cov["covered"].to_numpy(), "", why),
            }
        )
        notes = d if notes is None else pd.concat([notes, d], ignore_index=True)
    shares = combined_index(parts, {m: 1.0 for m in parts})
    assert notes is not None

    def _join(x):
        return "+".join(v for v in x if v) if x.name == "in" else "; ".join(v for v in x if v)

    info = notes.groupby("year").agg({"in": _join, "out": _join}).reset_index()
    info = info.rename(columns={"in": "dimensions", "out": "left_out"})
    return shares, info


def polarity_table(
    frame: pd.DataFrame,
    *,
    index: str = "composite",
    among: str | int = "all",
    majors: Any = None,
    columns: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    robustness_indices: Sequence[str] | None = None,
    grid: Mapping[str, Sequence[float]] | None = None,
    **thresholds: float,
) -> pd.DataFrame:
    r"""Per-year polarity table behind ``worldsystem polarity``.

    Computes the shares of ``index`` (:func:`index_shares`), their
    :func:`concentration` among ``among``, the :func:`classify_polarity` label
    under ``thresholds``, the call of every other index side by side and a
    ``robustness`` column:

    .. math::

        \mathrm{robustness}(t) = rac{\#\{(m, 	heta) : m 	ext{ covers } t,\;
            \mathrm{label}_{m,	heta}(t) = \mathrm{polarity}(t)\}}
            {\#\{(m, 	heta) : m 	ext{ covers } t\}}

    over the indices ``robustness_indices`` (default: every index the frame can
    compute but the composite) and the threshold ``grid`` (default
    :data:`DEFAULT_GRID`).

    Missing is not absent. An index *covers* a year when every candidate power
    that is a member of the state system that year has a value
    (:func:`coverage`); a candidate without one is missing, and comparing the
    others as if it did not exist manufactures a call (SIPRI lacks the USSR, so
    military expenditure alone would call 1949-86 US-unipolar with Britain second).
    Where the reported index does not cover a year its call is ``"not enough
    data"`` and ``missing`` names the candidates it lacks; an index that does not
    cover a year does not count in that year's robustness.

    The headline index (``index="composite"``, the default) is the equal-weight
    mean of the shares of :data:`~worldsystem.measures.polarity.indices.COMPOSITE_DIMENSIONS`
    (Beckley's net resources, COW military expenditure, nuclear warheads) among the
    dimensions that cover the year: a dimension that misses a candidate, or has no
    data (warheads before 1945 and after the source ends), is left out of that
    year and ``left_out`` says which and why; ``dimensions`` lists those used.
    A year with fewer than :data:`MIN_COMPOSITE_DIMENSIONS` dimensions (COW
    military expenditure alone before 1922, when Maddison lacks the USSR's
    predecessor, and in 1941-44) has no composite across the dimensions: its
    headline row is CINC's (:data:`FALLBACK_INDEX`, covering every COW year), and
    ``dimensions`` says ``"cinc (the composite has only milex_cow)"``. A
    one-dimension "composite" called 1919 US-unipolar on the demobilisation
    spending of one year and 1941 German-unipolar.
    Wohlforth (1999) and Brooks & Wohlforth (2016) judge the distribution of power
    across its economic and military dimensions together; Beckley (2018) shows that
    gross measures (CINC's population and steel) overstate populous poor states.
    The calls of the single indices stand beside it as the alternatives
    (``call_<index>``).

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with the inputs of the indices (see
        :func:`index_shares`); one row per member of the state system, missing
        values as NaN.
    index : str
        Index reported (default ``"composite"``).
    among : "all", "candidates", "majors" or int
        Passed to :func:`concentration` (default every state; the workflow on real
        data uses ``"candidates"``, the fixed great powers of each era,
        :data:`~worldsystem.measures.polarity.concentrations.GREAT_POWER_ERAS`).
    majors
        Passed to :func:`concentration`.
    columns, weights
        Passed to :func:`index_shares`.
    robustness_indices : sequence of str, optional
        Indices entering the robustness grid and reported side by side.
    grid : mapping, optional
        Threshold grid for robustness.
    **thresholds : float
        ``unipolar_share``, ``unipolar_ratio``, ``bipolar_share``,
        ``bipolar_ratio`` for the reported label.

    Returns
    -------
    DataFrame
        ``year, index, n_states, leader_iso3, leader_share, second_iso3,
        second_share, con, hhi, effective_poles, polarity, robustness,
        third_iso3, third_share, leader_second_ratio, mansfield, among,
        missing, n_indices_covering, call_<index>...`` and, for the composite,
        ``dimensions, left_out``. One row per year in which the reported index has
        any data.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "milex": [7.0, 2.0, 1.0]})
    >>> t = polarity_table(f, index="milex", among="all")
    >>> t.loc[0, "leader_iso3"], t.loc[0, "polarity"], float(t.loc[0, "robustness"])
    ('A', 'unipolar', 1.0)
    """
    from worldsystem.core.errors import SchemaError
    from worldsystem.measures.polarity.concentrations import coverage
    from worldsystem.measures.polarity.indices import composite_dimensions

    th = _check_thresholds(thresholds)
    avail = available_indices(frame, columns=columns)
    if robustness_indices is None:
        # the alternatives: every single index and their equal-weight combination;
        # the composite is what they are checked against, not one of them
        robustness_indices = [m for m in avail if m != "composite"]
    wanted = list(dict.fromkeys([index, *robustness_indices]))
    shares: dict[str, pd.DataFrame] = {}
    covs: dict[str, pd.DataFrame] = {}
    dims = composite_dimensions(frame, columns=columns) if "composite" in wanted else []
    if index == "composite" and not dims:
        raise SchemaError(
            "the composite index needs GDP and GDP per capita, military expenditure or "
            "warheads; the frame has none of them",
            field="index",
            value=index,
            hint="pass index='cinc' (or another index) for a frame of the NMC components",
        )
    composite_info = None
    for m in [*dims, *(w for w in wanted if w not in dims)]:
        if m == "composite":
            shares[m], composite_info = _composite(
                frame, {d: covs[d] for d in dims}, {d: shares[d] for d in dims}
            )
            cov = coverage(shares[m], among=among, majors=majors)
        else:
            shares[m] = index_shares(frame, m, columns=columns, weights=weights)
            cov = coverage(shares[m], among=among, majors=majors)
        covs[m] = cov
    concs = {m: concentration(shares[m], among=among, majors=majors) for m in wanted}
    conc = concs[index]
    lab = classify_polarity(conc, **th)
    years = lab["year"].to_numpy()
    cov = covs[index].set_index("year").reindex(years)
    covered = cov["covered"].fillna(False).to_numpy(dtype=bool)
    fallback = np.zeros(len(years), dtype=bool)
    if index == "composite" and composite_info is not None and FALLBACK_INDEX in concs:
        # a composite of one dimension is that index, not a judgement across the
        # economic and military dimensions: the headline takes the fallback index
        n_dims = (
            composite_info.set_index("year")["dimensions"]
            .reindex(years)
            .fillna("")
            .map(lambda v: len([d for d in v.split("+") if d]))
            .to_numpy()
        )
        fb_cov = covs[FALLBACK_INDEX].set_index("year")["covered"]
        fb_ok = fb_cov.reindex(years, fill_value=False).fillna(False).to_numpy(dtype=bool)
        fallback = (n_dims < MIN_COMPOSITE_DIMENSIONS) & fb_ok
        if fallback.any():
            fb_lab = classify_polarity(concs[FALLBACK_INDEX], **th).set_index("year")
            cols = [c for c in lab.columns if c != "year" and c in fb_lab.columns]
            lab.loc[fallback, cols] = fb_lab.loc[years[fallback], cols].to_numpy()
            covered = covered | fallback
            cov.loc[years[fallback], "missing"] = ""
    lab.loc[~covered, "polarity"] = NOT_ENOUGH_DATA
    lab["missing"] = cov["missing"].fillna("").to_numpy(dtype=object)
    combos = _grid_combinations(grid)
    agree = pd.Series(0, index=years, dtype="int64")
    total = pd.Series(0, index=years, dtype="int64")
    n_cover = pd.Series(0, index=years, dtype="int64")
    target = pd.Series(lab["polarity"].to_numpy(), index=years)
    calls = {}
    for m in wanted:
        f = concs[m]
        ok_years = set(covs[m].loc[covs[m]["covered"], "year"])
        call = classify_polarity(f, **th).set_index("year")["polarity"]
        call[~call.index.isin(ok_years)] = NOT_ENOUGH_DATA
        calls[m] = call.reindex(years).fillna(NOT_ENOUGH_DATA).to_numpy(dtype=object)
        if m not in robustness_indices:
            continue
        f = f[f["leader_share"].notna() & f["year"].isin(ok_years)]
        yrs = f["year"].to_numpy()
        tgt = target.reindex(yrs).to_numpy()
        hits = np.zeros(len(f), dtype="int64")
        for c in combos:
            code = _labels(f["leader_share"], f["second_share"], f["third_share"], **c)
            hits += np.asarray(LABELS, dtype=object)[code] == tgt
        agree = agree.add(pd.Series(hits, index=yrs), fill_value=0)
        total = total.add(pd.Series(len(combos), index=yrs), fill_value=0)
        n_cover = n_cover.add(pd.Series(1, index=yrs), fill_value=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rob = (agree / total.where(total > 0)).reindex(years)
    lab["robustness"] = np.where(covered, rob.to_numpy(dtype="float64"), np.nan)
    lab["n_indices_covering"] = n_cover.reindex(years, fill_value=0).to_numpy(dtype="int64")
    lab["index"] = index
    lab["among"] = str(among)
    out = lab[[*_TABLE_COLUMNS, "missing", "n_indices_covering"]].reset_index(drop=True)
    for m in wanted:
        out[f"call_{m}"] = calls[m]
    if index == "composite" and composite_info is not None:
        ci = composite_info.set_index("year").reindex(years)
        dims_used = ci["dimensions"].fillna("").to_numpy(dtype=object)
        out["dimensions"] = np.where(
            fallback,
            [f"{FALLBACK_INDEX} (the composite has only {d or 'no dimension'})" for d in dims_used],
            dims_used,
        )
        out["left_out"] = ci["left_out"].fillna("").to_numpy(dtype=object)
    params = {
        "index": index,
        "among": among,
        "thresholds": th,
        "robustness_indices": list(robustness_indices),
        "grid": grid or DEFAULT_GRID,
        "composite_dimensions": dims if index == "composite" else None,
        "composite_fallback": (
            {"index": FALLBACK_INDEX, "below_dimensions": MIN_COMPOSITE_DIMENSIONS}
            if index == "composite"
            else None
        ),
    }
    cites = _CITE_CON + _CITE_WOHLFORTH
    if index == "composite":
        cites = (*cites, "brooks2016rise", "beckley2018power")
    if among == "candidates":
        cites = (*cites, "levy1983war")
    return finish(out, [frame], "polarity_table", params, cites)


def capabilities_table(
    frame: pd.DataFrame,
    *,
    missing: str = "cow",
    normalize: bool = False,
) -> pd.DataFrame:
    """Per country-year CINC and component shares behind ``worldsystem capabilities``.

    Thin wrapper of :func:`cinc` that orders the columns
    ``iso3, ccode, year, cinc, share_milex, ..., share_upop, n_components``
    (``ccode`` is filled with NA when the input has none) and sorts by year
    and descending CINC.

    Parameters
    ----------
    frame : DataFrame
        As for :func:`cinc`.
    missing, normalize
        As for :func:`cinc`.

    Returns
    -------
    DataFrame

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 1900, "milex": [1.0, 1.0],
    ...                   "milper": [1.0, 1.0], "irst": [1.0, 1.0], "pec": [1.0, 1.0],
    ...                   "tpop": [1.0, 1.0], "upop": [1.0, 3.0]})
    >>> capabilities_table(f)["iso3"].tolist()
    ['B', 'A']
    """
    out = cinc(frame, missing=missing, normalize=normalize)
    if "ccode" not in out.columns:
        out.insert(1, "ccode", pd.array([pd.NA] * len(out), dtype="Int64"))
    out = out.sort_values(["year", "cinc", "iso3"], ascending=[True, False, True], kind="stable")
    return prov.carry(out.reset_index(drop=True), frame)
