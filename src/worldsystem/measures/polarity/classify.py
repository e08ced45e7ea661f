"""Polarity labels by explicit threshold rules, and their robustness.

Step 3 of :mod:`worldsystem.measures.polarity`: :func:`classify_polarity`
(unipolar / bipolar / multipolar, :data:`LABELS`, :data:`DEFAULT_THRESHOLDS`)
and :func:`polarity_robustness` (agreement over indices and the threshold grid
:data:`DEFAULT_GRID`).

References
----------
Wohlforth, W.C. (1999). The Stability of a Unipolar World. *International
Security* 24(1):5-41. doi:10.1162/016228899560031.

Waltz, K.N. (1979). *Theory of International Politics*. Reading, MA:
Addison-Wesley.

Tunsjø, Ø. (2018). *The Return of Bipolarity in World Politics: China, the United
States, and Geostructural Realism*. New York: Columbia University Press.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import require_columns
from worldsystem.measures._common import finish
from worldsystem.measures.polarity._base import _CITE_WOHLFORTH
from worldsystem.measures.polarity.concentrations import concentration

__all__ = [
    "DEFAULT_GRID",
    "DEFAULT_THRESHOLDS",
    "LABELS",
    "classify_polarity",
    "polarity_robustness",
]


#: Polarity labels, in the order the rules are applied.
LABELS: tuple[str, ...] = ("unipolar", "bipolar", "multipolar")


#: Default thresholds of :func:`classify_polarity` (see its docstring for the
#: justification).
DEFAULT_THRESHOLDS: dict[str, float] = {
    "unipolar_share": 0.5,
    "unipolar_ratio": 2.0,
    "bipolar_share": 0.5,
    "bipolar_ratio": 1.5,
}


#: Default threshold grid of :func:`polarity_robustness`: 3^4 = 81 combinations
#: bracketing the defaults.
DEFAULT_GRID: dict[str, tuple[float, ...]] = {
    "unipolar_share": (0.4, 0.5, 0.6),
    "unipolar_ratio": (1.5, 2.0, 3.0),
    "bipolar_share": (0.4, 0.5, 0.6),
    "bipolar_ratio": (1.25, 1.5, 2.0),
}


def _labels(lead, second, third, *, unipolar_share, unipolar_ratio, bipolar_share, bipolar_ratio):
    lead = np.nan_to_num(np.asarray(lead, dtype="float64"), nan=0.0)
    second = np.nan_to_num(np.asarray(second, dtype="float64"), nan=0.0)
    third = np.nan_to_num(np.asarray(third, dtype="float64"), nan=0.0)
    uni = (lead >= unipolar_share) & (lead >= unipolar_ratio * second)
    bi = ~uni & (lead + second >= bipolar_share) & (second >= bipolar_ratio * third)
    # 0 = unipolar, 1 = bipolar, 2 = multipolar
    return np.where(uni, 0, np.where(bi, 1, 2))


def _check_thresholds(th: Mapping[str, float]) -> dict[str, float]:
    unknown = set(th) - set(DEFAULT_THRESHOLDS)
    if unknown:
        raise SchemaError(
            f"unknown threshold(s) {sorted(unknown)}; expected {sorted(DEFAULT_THRESHOLDS)}",
            field=sorted(unknown)[0],
        )
    full = {**DEFAULT_THRESHOLDS, **{k: float(v) for k, v in th.items()}}
    for k, v in full.items():
        if not np.isfinite(v) or v < 0 or (k.endswith("share") and v > 1):
            raise SchemaError(
                "threshold out of range (shares in [0, 1], ratios >= 0)", field=k, value=v
            )
    return full


def classify_polarity(
    conc_frame: pd.DataFrame,
    *,
    unipolar_share: float = DEFAULT_THRESHOLDS["unipolar_share"],
    unipolar_ratio: float = DEFAULT_THRESHOLDS["unipolar_ratio"],
    bipolar_share: float = DEFAULT_THRESHOLDS["bipolar_share"],
    bipolar_ratio: float = DEFAULT_THRESHOLDS["bipolar_ratio"],
) -> pd.DataFrame:
    r"""Label each year unipolar, bipolar or multipolar by explicit rules.

    With :math:`S_{(1)} \ge S_{(2)} \ge S_{(3)}` the three largest shares
    within the considered set (output of :func:`concentration`; a missing
    rank counts as 0), the rules are applied in order:

    .. math::

        \text{unipolar} &\iff S_{(1)} \ge u_s \;\wedge\; S_{(1)} \ge u_r S_{(2)} \\
        \text{bipolar} &\iff \neg\text{unipolar} \;\wedge\;
            S_{(1)} + S_{(2)} \ge b_s \;\wedge\; S_{(2)} \ge b_r S_{(3)} \\
        \text{multipolar} &\text{ otherwise.}

    All comparisons are inclusive (a value exactly at the threshold meets it).

    Defaults and their justification:

    - ``unipolar_share = 0.5``, ``unipolar_ratio = 2``: the leader holds at
      least half of the considered capabilities, i.e. as much as all others
      combined, and at least twice the runner-up. This encodes Wohlforth's
      (1999) criterion that unipolarity is a margin so large that no state
      or plausible coalition can balance the leader, measured across the
      dimensions of power (his tables show the US economy about twice the
      next and US defence spending above that of the next several powers).
    - ``bipolar_share = 0.5``, ``bipolar_ratio = 1.5``: two states together
      hold at least half of the capabilities and the second is at least
      1.5 times the third, so the two stand "well ahead" of everyone else
      (Waltz 1979, ch. 8: bipolarity as two great powers far above the rest).
      The rule asks for a gap between the second and the third, not for parity
      between the first two: Waltz called the Cold War bipolar although the
      Soviet economy was little more than half the American one, and Tunsjø (2018) calls the
      US-China distribution of the 2010s bipolar on the same ground, China far
      ahead of the third power though well behind the US. So a leader just
      under ``unipolar_share`` with twice the runner-up's share (Beckley's net
      resources in 2018-22: US 0.49, China 0.18-0.22, Japan 0.08-0.09) is
      called bipolar; the grid of :func:`polarity_robustness` (``unipolar_share``
      0.4) shows how close such a year is to unipolar.
    - Everything else is multipolar.

    The thresholds are judgement calls and depend on the set considered: with
    ``among="all"`` shares are of the whole system (on CINC the leader rarely
    exceeds 0.4), with ``among="majors"`` they are of the great-power club.
    :func:`polarity_robustness` shows how firm each year's call is over a grid.

    Parameters
    ----------
    conc_frame : DataFrame
        Output of :func:`concentration` (needs ``year, leader_share,
        second_share, third_share``).
    unipolar_share, unipolar_ratio, bipolar_share, bipolar_ratio : float
        Thresholds as above (shares in [0, 1], ratios >= 0).

    Returns
    -------
    DataFrame
        ``conc_frame`` with an added ``polarity`` column.

    References
    ----------
    Wohlforth, W.C. (1999). The Stability of a Unipolar World. *International
    Security* 24(1):5-41. doi:10.1162/016228899560031.
    Waltz, K.N. (1979). *Theory of International Politics*. Addison-Wesley.
    Tunsjø, Ø. (2018). *The Return of Bipolarity in World Politics*. Columbia
    University Press.

    Examples
    --------
    >>> import pandas as pd
    >>> c = pd.DataFrame({"year": [1, 2, 3], "leader_share": [0.6, 0.4, 0.3],
    ...                   "second_share": [0.2, 0.35, 0.25], "third_share": [0.1, 0.1, 0.2]})
    >>> classify_polarity(c)["polarity"].tolist()
    ['unipolar', 'bipolar', 'multipolar']
    """
    th = _check_thresholds(
        {
            "unipolar_share": unipolar_share,
            "unipolar_ratio": unipolar_ratio,
            "bipolar_share": bipolar_share,
            "bipolar_ratio": bipolar_ratio,
        }
    )
    require_columns(
        conc_frame, ["year", "leader_share", "second_share", "third_share"], name="conc_frame"
    )
    code = _labels(
        conc_frame["leader_share"], conc_frame["second_share"], conc_frame["third_share"], **th
    )
    out = conc_frame.copy()
    out["polarity"] = np.asarray(LABELS, dtype=object)[code]
    out.loc[conc_frame["leader_share"].isna().to_numpy(), "polarity"] = None
    return finish(out, [conc_frame], "classify_polarity", th, _CITE_WOHLFORTH)


def _grid_combinations(grid: Mapping[str, Sequence[float]] | None) -> list[dict[str, float]]:
    grid = dict(DEFAULT_GRID if grid is None else grid)
    unknown = set(grid) - set(DEFAULT_THRESHOLDS)
    if unknown:
        raise SchemaError(
            f"unknown grid parameter(s) {sorted(unknown)}; expected {sorted(DEFAULT_THRESHOLDS)}",
            field=sorted(unknown)[0],
        )
    names = list(grid)
    combos = []
    for vals in itertools.product(*(tuple(grid[n]) for n in names)):
        combos.append(_check_thresholds(dict(zip(names, vals, strict=True))))
    return combos


def polarity_robustness(
    frames_by_index: Mapping[str, pd.DataFrame],
    *,
    grid: Mapping[str, Sequence[float]] | None = None,
    among: str | int = "all",
    majors: Any = None,
    share_col: str = "share",
) -> pd.DataFrame:
    r"""How firm is each year's polarity call across indices and thresholds?

    For every capability index :math:`m` and every threshold combination
    :math:`\theta` in the Cartesian product of ``grid`` (parameters not in the
    grid keep their defaults), the year is labelled with
    :func:`classify_polarity`. For each year and label :math:`\ell`,

    .. math::

        p_\ell(t) = \frac{\#\{(m, \theta) : \mathrm{label}_{m,\theta}(t) = \ell\}}
                         {\#\{(m, \theta) : \text{index } m \text{ covers } t\}}

    The modal label is the one with the largest :math:`p` (ties resolved in
    the order unipolar, bipolar, multipolar) and ``robustness`` is its
    :math:`p`. Indices only count in years they cover.

    Parameters
    ----------
    frames_by_index : mapping of str to DataFrame
        Index name -> shares frame (``iso3, year, share``) or concentration
        frame (already has ``leader_share``).
    grid : mapping of str to sequence of float, optional
        Threshold values per parameter of :func:`classify_polarity`. Default
        :data:`DEFAULT_GRID` (81 combinations).
    among, majors, share_col
        Passed to :func:`concentration` for shares frames.

    Returns
    -------
    DataFrame
        ``year, n_combinations, p_unipolar, p_bipolar, p_multipolar, modal,
        robustness``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.7, 0.2, 0.1]})
    >>> r = polarity_robustness({"x": s}, grid={"unipolar_share": [0.5, 0.8]})
    >>> r[["modal", "robustness"]].values.tolist()
    [['unipolar', 0.5]]
    """
    if not frames_by_index:
        raise SchemaError("no index frames given", field="frames_by_index")
    combos = _grid_combinations(grid)
    counts: list[pd.DataFrame] = []
    for name, f in frames_by_index.items():
        conc = (
            f
            if "leader_share" in f.columns
            else concentration(f, share_col=share_col, among=among, majors=majors)
        )
        conc = conc[conc["leader_share"].notna()]
        lead = conc["leader_share"].to_numpy(dtype="float64")
        sec = conc["second_share"].to_numpy(dtype="float64")
        thi = conc["third_share"].to_numpy(dtype="float64")
        tally = np.zeros((len(conc), 3), dtype="int64")
        for th in combos:
            code = _labels(lead, sec, thi, **th)
            tally[np.arange(len(code)), code] += 1
        part = pd.DataFrame(tally, columns=list(LABELS))
        part.insert(0, "year", conc["year"].to_numpy(dtype="int64"))
        part["index"] = name
        counts.append(part)
    allc = pd.concat(counts, ignore_index=True)
    agg = allc.groupby("year")[list(LABELS)].sum()
    total = agg.sum(axis=1)
    out = pd.DataFrame({"year": agg.index.to_numpy(dtype="int64")})
    out["n_combinations"] = total.to_numpy(dtype="int64")
    p = agg.to_numpy(dtype="float64") / total.to_numpy(dtype="float64")[:, None]
    for j, lab in enumerate(LABELS):
        out[f"p_{lab}"] = p[:, j]
    modal = p.argmax(axis=1)
    out["modal"] = np.asarray(LABELS, dtype=object)[modal]
    out["robustness"] = p[np.arange(len(p)), modal]
    params = {"grid": grid or DEFAULT_GRID, "among": among, "indices": list(frames_by_index)}
    return finish(out, list(frames_by_index.values()), "polarity_robustness", params, ())
