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


def polarity_table(
    frame: pd.DataFrame,
    *,
    index: str = "cinc",
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
    under ``thresholds``, and a ``robustness`` column:

    .. math::

        \mathrm{robustness}(t) = \frac{\#\{(m, \theta) : \mathrm{label}_{m,\theta}(t)
            = \mathrm{polarity}(t)\}}{\#\{(m, \theta)\}}

    over the indices ``robustness_indices`` (default: every index the frame
    can compute) and the threshold ``grid`` (default :data:`DEFAULT_GRID`), i.e.
    the share of (index x threshold) combinations that agree with the reported
    label (see :func:`polarity_robustness`).

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with the inputs of the indices (see
        :func:`index_shares`).
    index : str
        Index reported (default ``"cinc"``).
    among, majors
        Passed to :func:`concentration`.
    columns, weights
        Passed to :func:`index_shares`.
    robustness_indices : sequence of str, optional
        Indices entering the robustness grid.
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
        third_iso3, third_share, leader_second_ratio, mansfield, among``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "milex": [7.0, 2.0, 1.0]})
    >>> t = polarity_table(f, index="milex")
    >>> t.loc[0, "leader_iso3"], t.loc[0, "polarity"], float(t.loc[0, "robustness"])
    ('A', 'unipolar', 1.0)
    """
    th = _check_thresholds(thresholds)
    shares = index_shares(frame, index, columns=columns, weights=weights)
    conc = concentration(shares, among=among, majors=majors)
    lab = classify_polarity(conc, **th)
    if robustness_indices is None:
        robustness_indices = available_indices(frame, columns=columns)
    frames = {}
    for m in robustness_indices:
        frames[m] = (
            conc
            if m == index
            else concentration(
                index_shares(frame, m, columns=columns, weights=weights),
                among=among,
                majors=majors,
            )
        )
    combos = _grid_combinations(grid)
    agree = pd.Series(0, index=lab["year"].to_numpy(), dtype="int64")
    total = pd.Series(0, index=lab["year"].to_numpy(), dtype="int64")
    target = pd.Series(lab["polarity"].to_numpy(), index=lab["year"].to_numpy())
    for f in frames.values():
        f = f[f["leader_share"].notna()]
        yrs = f["year"].to_numpy()
        tgt = target.reindex(yrs).to_numpy()
        hits = np.zeros(len(f), dtype="int64")
        for c in combos:
            code = _labels(f["leader_share"], f["second_share"], f["third_share"], **c)
            hits += np.asarray(LABELS, dtype=object)[code] == tgt
        agree = agree.add(pd.Series(hits, index=yrs), fill_value=0)
        total = total.add(pd.Series(len(combos), index=yrs), fill_value=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        rob = (agree / total.where(total > 0)).reindex(lab["year"].to_numpy())
    lab["robustness"] = rob.to_numpy(dtype="float64")
    lab["index"] = index
    lab["among"] = str(among)
    out = lab[_TABLE_COLUMNS].reset_index(drop=True)
    params = {
        "index": index,
        "among": among,
        "thresholds": th,
        "robustness_indices": list(robustness_indices),
        "grid": grid or DEFAULT_GRID,
    }
    return finish(out, [frame], "polarity_table", params, _CITE_CON + _CITE_WOHLFORTH)


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
