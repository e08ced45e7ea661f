"""Capabilities and the distribution of power: CINC, concentration, polarity.

Pure functions on country-year frames (keys ``iso3``, ``year``; ``ccode`` kept
when present). Nothing here reads files, the clock or global state; the only
randomness is :func:`bootstrap_cinc`, driven by an explicit ``seed``.

Pipeline
--------
1. A *capability index* turns raw country-year values into within-year shares:
   :func:`cinc` (COW's Composite Index of National Capability), or
   :func:`gdp_share`, :func:`milex_share`, :func:`beckley_net_resources`,
   :func:`nuclear_share`, :func:`combined_index`. Each returns the keys and a
   ``share`` column (for :func:`cinc` also called ``cinc``).
2. :func:`concentration` summarises one year's shares among all states, the
   COW major powers or the top *k*: leader and runner-up, Ray-Singer CON, HHI,
   effective number of poles, Mansfield's concentration.
3. :func:`classify_polarity` labels each year unipolar / bipolar / multipolar
   by explicit threshold rules, and :func:`polarity_robustness` reports how many
   (index x threshold) combinations agree with each label.
4. :func:`bootstrap_cinc` resamples the six CINC components to give intervals
   for shares and for the effective number of poles.
5. :func:`polarity_table` and :func:`capabilities_table` assemble the tables
   behind ``worldsystem polarity`` and ``worldsystem capabilities``.

References
----------
Singer, J.D., Bremer, S., Stuckey, J. (1972). Capability Distribution,
Uncertainty, and Major Power War, 1820-1965. In B. Russett (ed.), *Peace, War,
and Numbers*, 19-48. Beverly Hills: Sage.

Ray, J.L., Singer, J.D. (1973). Measuring the Concentration of Power in the
International System. *Sociological Methods & Research* 1(4):403-437.
doi:10.1177/004912417300100401.

Mansfield, E.D. (1993). Concentration, Polarity, and the Distribution of Power.
*International Studies Quarterly* 37(1):105-128. doi:10.2307/2600833.

Beckley, M. (2018). The Power of Nations: Measuring What Matters.
*International Security* 43(2):7-44. doi:10.1162/isec_a_00328.

Wohlforth, W.C. (1999). The Stability of a Unipolar World. *International
Security* 24(1):5-41. doi:10.1162/016228899560031.

Waltz, K.N. (1979). *Theory of International Politics*. Reading, MA:
Addison-Wesley.

Laakso, M., Taagepera, R. (1979). "Effective" Number of Parties.
*Comparative Political Studies* 12(1):3-27. doi:10.1177/001041407901200101.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_numeric, check_unique, require_columns
from worldsystem.measures._concentration import con_from_hhi, effective_number, group_sums

__all__ = [
    "COW_COMPONENTS",
    "COW_MAJORS",
    "DEFAULT_GRID",
    "DEFAULT_THRESHOLDS",
    "INDICES",
    "LABELS",
    "CincBootstrap",
    "available_indices",
    "beckley_net_resources",
    "bootstrap_cinc",
    "capabilities_table",
    "capability_shares",
    "cinc",
    "classify_polarity",
    "combined_index",
    "concentration",
    "gdp_share",
    "index_shares",
    "major_powers",
    "milex_share",
    "nuclear_share",
    "polarity_robustness",
    "polarity_table",
]

#: The six COW National Material Capabilities components, in codebook order:
#: military expenditure, military personnel, iron and steel production, primary
#: energy consumption, total population, urban population.
COW_COMPONENTS: tuple[str, ...] = ("milex", "milper", "irst", "pec", "tpop", "upop")

#: COW major-power spells (Correlates of War Project 2017, *State System
#: Membership List v2016*, file ``majors2016.csv``): ``(ccode, iso3, first year,
#: last year)``. A state counts as a major power in every calendar year that a
#: spell touches (the state-year convention of COW state-year data). Spells the
#: list closes on 2016-12-31 are ongoing and are left open (``None``).
#: ISO3 for code 300 (Austria-Hungary) is AUT and for 365 (Russia/USSR) RUS, the
#: successor convention used across the project.
COW_MAJORS: tuple[tuple[int, str, int, int | None], ...] = (
    (2, "USA", 1898, None),
    (200, "GBR", 1816, None),
    (220, "FRA", 1816, 1940),
    (220, "FRA", 1945, None),
    (255, "DEU", 1816, 1918),
    (255, "DEU", 1925, 1945),
    (255, "DEU", 1991, None),
    (300, "AUT", 1816, 1918),
    (325, "ITA", 1860, 1943),
    (365, "RUS", 1816, 1917),
    (365, "RUS", 1922, None),
    (710, "CHN", 1950, None),
    (740, "JPN", 1895, 1945),
    (740, "JPN", 1991, None),
)

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

#: Capability indices known to :func:`index_shares` / :func:`polarity_table`.
INDICES: tuple[str, ...] = ("cinc", "gdp", "milex", "beckley", "nuclear", "combined")

#: Candidate input column names of :func:`index_shares`, first present wins
#: (override with ``columns=``): GDP at PPP, GDP per capita at PPP, military
#: expenditure, nuclear warheads.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "gdp": ("gdp", "gdp_ppp", "gdp_usd_2011ppp", "gdp_ppp_2011"),
    "gdppc": ("gdppc", "gdppc_ppp", "gdppc_usd_2011ppp", "gdppc_ppp_2011"),
    "milex": ("milex",),
    "warheads": ("warheads",),
}


def _resolve_columns(frame: pd.DataFrame, columns: Mapping[str, str] | None) -> dict[str, str]:
    """Role -> column name: ``columns`` first, else the first default candidate present."""
    out = {}
    for role, cands in DEFAULT_COLUMNS.items():
        if columns and role in columns:
            out[role] = columns[role]
        else:
            out[role] = next((c for c in cands if c in frame.columns), cands[0])
    return out


_MISSING_RULES = ("cow", "zero", "complete")

_CITE_CINC = ("singer1972capability", "cow_nmc")
_CITE_CON = ("ray1973measuring",)
_CITE_MANSFIELD = ("mansfield1993concentration",)
_CITE_BECKLEY = ("beckley2018power",)
_CITE_WOHLFORTH = ("wohlforth1999stability", "waltz1979theory")


# ---------------------------------------------------------------------------
# helpers


def _keys(frame: pd.DataFrame) -> list[str]:
    return ["iso3", "ccode", "year"] if "ccode" in frame.columns else ["iso3", "year"]


def _check_frame(frame: pd.DataFrame, values: Sequence[str], *, name: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(
            f"expected a pandas DataFrame, found {type(frame).__name__}",
            file=name,
            hint="pass a country-year frame with columns iso3, year and the values",
        )
    require_columns(frame, ["iso3", "year", *values], name=name)
    # COW data repeat (iso3, year) at unifications (255/260 Germany in 1990), so the
    # key is (ccode, year) when ccode is present.
    check_unique(
        frame, ["ccode", "year"] if "ccode" in frame.columns else ["iso3", "year"], name=name
    )
    check_numeric(frame, values, name=name, min_value=0)


def _year_shares(
    frame: pd.DataFrame, cols: Sequence[str], *, with_present: bool = False
) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
    """Within-year shares of ``cols`` (n x k); NaN where the value is missing.

    A column whose year total is 0 (no state has any of it) has no shares that
    year: all its entries are NaN (treated as missing), never 0/0 = 0.
    """
    vals = frame[list(cols)].to_numpy(dtype="float64", na_value=np.nan)
    totals = frame.groupby("year", sort=False)[list(cols)].transform("sum")
    tot = totals.to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        shares = np.where(tot > 0, vals / tot, np.nan)
    return (shares, tot > 0) if with_present else shares


def _renormalise(frame: pd.DataFrame, col: str) -> pd.Series:
    tot = frame.groupby("year", sort=False)[col].transform("sum")
    return frame[col] / tot.where(tot > 0)


def _finish(out: pd.DataFrame, inputs: Sequence[pd.DataFrame], method: str, params, cites):
    prov.carry(out, *inputs)
    prov.attach(out, prov.get(out).with_method(method, params, cites))
    return out


# ---------------------------------------------------------------------------
# capability indices


def cinc(
    frame: pd.DataFrame,
    *,
    components: Sequence[str] = COW_COMPONENTS,
    missing: str = "cow",
    normalize: bool = False,
) -> pd.DataFrame:
    r"""Composite Index of National Capability (CINC) and its component shares.

    For state :math:`i`, year :math:`t` and component :math:`k` with value
    :math:`x_{ikt}` (missing values excluded from the total),

    .. math::

        s_{ikt} = \frac{x_{ikt}}{\sum_j x_{jkt}}, \qquad
        \mathrm{CINC}_{it} = \frac{1}{|A_{it}|}\sum_{k \in A_{it}} s_{ikt},

    where :math:`A_{it}` is the set of components not missing for that
    state-year (``missing="cow"``). This is the COW rule: the NMC codebook
    defines CINC as the average of a state's shares of the system totals over
    the six components, the system being all states in the data that year, and
    a missing component is left out of the average rather than counted as a
    zero share (Singer, Bremer & Stuckey 1972; NMC v7.0 codebook).

    Because states average over different component sets, COW CINC need not
    sum to one within a year: on NMC v7.0 the yearly sum lies between 1.000
    and about 1.075 (largest in the 1860s, when many small German and Italian
    states lack ``milex`` or ``pec``). COW's own file is not renormalised, and
    neither is this function by default; ``normalize=True`` divides by the
    yearly sum so shares sum to exactly one.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` (``ccode`` kept when present)
        and the component columns in raw NMC units (milex: thousands of current
        GBP to 1913 and USD from 1914; milper: thousands; irst: thousand tons;
        pec: thousand coal-ton equivalents; tpop, upop: thousands). Missing =
        NaN. Units cancel within a year, so the currency break in ``milex``
        does not affect shares.
    components : sequence of str
        Component columns (default: the six COW components).
    missing : {"cow", "zero", "complete"}
        ``"cow"``: average over the non-missing components (COW rule).
        ``"zero"``: a missing component counts as a zero share (divide by the
        number of components that have data somewhere in the system that year;
        shares then sum to one exactly).
        ``"complete"``: CINC is NaN unless every component is present.
    normalize : bool
        Divide CINC by its yearly sum (default False, as in COW's file).

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, cinc, share_<component>..., n_components``,
        one row per input row, in input order. ``share_*`` are the component
        shares of the system total (NaN where missing); ``n_components`` counts
        the components that entered the average. Dimensionless.

    Raises
    ------
    SchemaError
        Missing columns, duplicated keys, non-numeric or negative values, or an
        unknown ``missing`` rule.

    References
    ----------
    Singer, Bremer & Stuckey (1972), in Russett (ed.), *Peace, War, and
    Numbers*, 19-48. Correlates of War Project, *National Material Capabilities
    Data Documentation, version 7.0*.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["AAA", "BBB"], "year": [1900, 1900],
    ...                   "milex": [3.0, 1.0], "milper": [1.0, 1.0],
    ...                   "irst": [1.0, 1.0], "pec": [1.0, 1.0],
    ...                   "tpop": [1.0, 1.0], "upop": [1.0, 1.0]})
    >>> cinc(f)["cinc"].round(4).tolist()
    [0.5417, 0.4583]
    """
    components = list(components)
    if missing not in _MISSING_RULES:
        raise SchemaError(
            f"unknown missing-value rule {missing!r}; expected one of {_MISSING_RULES}",
            field="missing",
            value=missing,
            hint='use missing="cow" for the COW rule',
        )
    if not components:
        raise SchemaError("no components given", field="components", hint="pass COW_COMPONENTS")
    _check_frame(frame, components, name="cinc input")
    shares, present = _year_shares(frame, components, with_present=True)
    avail = ~np.isnan(shares)
    n_present = present.sum(axis=1)  # components with data anywhere in the system-year
    n_av = avail.sum(axis=1)
    total = np.where(avail, shares, 0.0).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        if missing == "cow":
            value = np.where(n_av > 0, total / n_av, np.nan)
        elif missing == "zero":
            value = np.where(n_av > 0, total / n_present, np.nan)
        else:
            value = np.where(n_av == len(components), total / len(components), np.nan)
    keys = _keys(frame)
    out = frame[keys].copy()
    out["cinc"] = value
    for j, comp in enumerate(components):
        out[f"share_{comp}"] = shares[:, j]
    out["n_components"] = n_av.astype("int64")
    if normalize:
        out["cinc"] = _renormalise(out, "cinc")
    out = out.reset_index(drop=True)
    prov.set_units(out, {"cinc": "share of system total (dimensionless)"})
    return _finish(
        out,
        [frame],
        "cinc",
        {"components": components, "missing": missing, "normalize": normalize},
        _CITE_CINC,
    )


def capability_shares(
    frame: pd.DataFrame, value_col: str, *, by: str = "year", out_col: str = "share"
) -> pd.DataFrame:
    r"""Each state's share of the yearly total of one capability variable.

    .. math::

        s_{it} = \frac{x_{it}}{\sum_j x_{jt}}

    over the states with a non-missing value that year. Missing values stay
    missing; a year whose total is 0 has NaN shares (undefined, not 0).

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` and ``value_col`` (>= 0).
    value_col : str
        Column to share out (any unit; it cancels).
    by : str
        Grouping column (default ``"year"``; only ``"year"`` is supported, the
        argument exists so the grouping is explicit at the call site).
    out_col : str
        Name of the share column (default ``"share"``).

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, <value_col>, <out_col>`` in input order.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "x": [2.0, 1.0, 1.0]})
    >>> capability_shares(f, "x")["share"].tolist()
    [0.5, 0.25, 0.25]
    """
    if by != "year":
        raise SchemaError(
            f"grouping by {by!r} is not supported; shares are within-year",
            field="by",
            value=by,
            hint='use by="year"',
        )
    _check_frame(frame, [value_col], name=f"{value_col} input")
    keys = _keys(frame)
    out = frame[[*keys, value_col]].copy()
    out[out_col] = _year_shares(out, [value_col])[:, 0]
    out = out.reset_index(drop=True)
    return _finish(out, [frame], "capability_shares", {"value_col": value_col}, ())


def gdp_share(frame: pd.DataFrame, *, gdp_col: str = "gdp") -> pd.DataFrame:
    r"""Share of world GDP at purchasing-power parity.

    .. math:: s_{it} = \mathrm{GDP}^{PPP}_{it} / \sum_j \mathrm{GDP}^{PPP}_{jt}

    A gross-resources index: size of the economy at common international
    prices (e.g. Maddison Project 2023 ``gdppc x pop`` in 2011 international
    dollars, or IMF WEO ``PPPGDP``). Any PPP unit works since it cancels; mixing
    PPP bases across years is harmless because shares are within-year.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` and ``gdp_col``.
    gdp_col : str
        GDP at PPP column.

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, <gdp_col>, share``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "gdp": [3.0, 1.0]})
    >>> gdp_share(f)["share"].tolist()
    [0.75, 0.25]
    """
    out = capability_shares(frame, gdp_col)
    prov.attach(out, prov.get(out).with_method("gdp_share", {"gdp_col": gdp_col}))
    return out


def milex_share(frame: pd.DataFrame, *, milex_col: str = "milex") -> pd.DataFrame:
    r"""Share of world military expenditure.

    .. math:: s_{it} = M_{it} / \sum_j M_{jt}

    With NMC ``milex`` the currency changes in 1914 (GBP before, USD after);
    the unit cancels within a year. With SIPRI data use constant or current
    USD consistently within a year.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` and ``milex_col``.
    milex_col : str
        Military expenditure column.

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, <milex_col>, share``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "milex": [9.0, 1.0]})
    >>> milex_share(f)["share"].tolist()
    [0.9, 0.1]
    """
    out = capability_shares(frame, milex_col)
    prov.attach(out, prov.get(out).with_method("milex_share", {"milex_col": milex_col}))
    return out


def nuclear_share(frame: pd.DataFrame, *, warheads_col: str = "warheads") -> pd.DataFrame:
    r"""Share of the world's nuclear warhead inventory.

    .. math:: s_{it} = W_{it} / \sum_j W_{jt}

    ``W`` is the estimated stockpile (e.g. FAS / Kristensen & Norris). Years
    with no warheads anywhere (before 1945) have NaN shares and are skipped by
    :func:`concentration`.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year`` and ``warheads_col``
        (count; states without weapons should carry 0, not NaN).
    warheads_col : str
        Warhead count column.

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, <warheads_col>, share``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 1990,
    ...                   "warheads": [3.0, 1.0, 0.0]})
    >>> nuclear_share(f)["share"].tolist()
    [0.75, 0.25, 0.0]
    """
    out = capability_shares(frame, warheads_col)
    prov.attach(out, prov.get(out).with_method("nuclear_share", {"warheads_col": warheads_col}))
    return out


def beckley_net_resources(
    frame: pd.DataFrame, gdp_col: str = "gdp", gdppc_col: str = "gdppc"
) -> pd.DataFrame:
    r"""Beckley's net resources, GDP x GDP per capita, and its world share.

    .. math::

        R_{it} = \mathrm{GDP}_{it} \times \frac{\mathrm{GDP}_{it}}{\mathrm{POP}_{it}},
        \qquad s_{it} = R_{it} / \sum_j R_{jt}

    Beckley (2018) argues that gross indicators (GDP, CINC) overstate populous
    poor countries, whose production is absorbed by welfare and security
    costs, and proposes GDP x GDP per capita as a crude index of *net*
    resources. Units: product of the GDP unit and the GDP-per-capita unit
    (e.g. int. $^2 / person); only shares are interpreted.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame with ``iso3``, ``year``, ``gdp_col`` and ``gdppc_col``.
    gdp_col, gdppc_col : str
        GDP and GDP per capita (same price basis).

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, net_resources, share``.

    References
    ----------
    Beckley, M. (2018). The Power of Nations: Measuring What Matters.
    *International Security* 43(2):7-44. doi:10.1162/isec_a_00328.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000,
    ...                   "gdp": [10.0, 10.0], "gdppc": [3.0, 1.0]})
    >>> beckley_net_resources(f)["share"].tolist()
    [0.75, 0.25]
    """
    _check_frame(frame, [gdp_col, gdppc_col], name="beckley input")
    keys = _keys(frame)
    tmp = frame[keys].copy()
    tmp["net_resources"] = frame[gdp_col].astype("float64") * frame[gdppc_col].astype("float64")
    out = capability_shares(tmp, "net_resources")
    prov.carry(out, frame)
    prov.attach(
        out,
        prov.get(out).with_method(
            "beckley_net_resources", {"gdp_col": gdp_col, "gdppc_col": gdppc_col}, _CITE_BECKLEY
        ),
    )
    return out


def combined_index(
    frames_or_shares: Mapping[str, pd.DataFrame],
    weights: Mapping[str, float],
    *,
    share_col: str = "share",
    normalize: bool = True,
) -> pd.DataFrame:
    r"""Weighted combination of several capability shares.

    .. math::

        c_{it} = \frac{\sum_{m \in A_{it}} w_m s^{(m)}_{it}}{\sum_{m \in A_{it}} w_m}

    where :math:`A_{it}` is the set of indices with a share for state ``i`` in
    year ``t`` (the CINC missing rule applied to indices). With
    ``normalize=True`` (default) :math:`c` is then divided by its yearly sum so
    the combined shares sum to one.

    Parameters
    ----------
    frames_or_shares : mapping of str to DataFrame
        Index name -> frame with ``iso3``, ``year`` and ``share_col`` (the
        output of :func:`cinc` is accepted: its ``cinc`` column is used when
        ``share_col`` is absent).
    weights : mapping of str to float
        Non-negative weight per index name (need not sum to one; only indices
        with a positive weight are used). Every weighted name must be a key of
        ``frames_or_shares``.
    share_col : str
        Share column in each frame.
    normalize : bool
        Renormalise within year (default True).

    Returns
    -------
    DataFrame
        ``iso3, [ccode,] year, share, share_<name>..., n_indices`` (outer join
        over indices on ``iso3, year`` and ``ccode`` when every frame has it;
        sorted by year and iso3).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "share": [0.8, 0.2]})
    >>> b = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "share": [0.4, 0.6]})
    >>> combined_index({"a": a, "b": b}, {"a": 1.0, "b": 1.0})["share"].round(6).tolist()
    [0.6, 0.4]
    """
    used = {k: float(w) for k, w in weights.items() if float(w) != 0.0}
    bad = [k for k, w in used.items() if not np.isfinite(w) or w < 0]
    if bad:
        raise SchemaError(
            "weights must be finite and non-negative",
            field="weights",
            value={k: weights[k] for k in bad},
        )
    unknown = [k for k in used if k not in frames_or_shares]
    if unknown or not used:
        raise SchemaError(
            f"weights name indices {sorted(used)} but frames are given for "
            f"{sorted(frames_or_shares)}",
            field="weights",
            value=unknown or dict(weights),
            hint="give a positive weight only to indices you pass a frame for",
        )
    merged: pd.DataFrame | None = None
    on = ["iso3", "year"]
    if all("ccode" in frames_or_shares[n].columns for n in used):
        on = ["iso3", "ccode", "year"]
    for name in used:
        f = frames_or_shares[name]
        col = share_col if share_col in f.columns else "cinc"
        require_columns(f, [*on, col], name=f"combined_index[{name}]")
        part = f[[*on, col]].rename(columns={col: f"share_{name}"})
        merged = part if merged is None else merged.merge(part, on=on, how="outer")
    assert merged is not None
    s = merged[[f"share_{n}" for n in used]].to_numpy(dtype="float64", na_value=np.nan)
    w = np.array(list(used.values()))
    av = ~np.isnan(s)
    wsum = (av * w).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        val = np.where(wsum > 0, np.where(av, s, 0.0) @ w / wsum, np.nan)
    merged.insert(len(on), "share", val)
    merged["n_indices"] = av.sum(axis=1).astype("int64")
    if normalize:
        merged["share"] = _renormalise(merged, "share")
    merged = merged.sort_values(["year", "iso3"], kind="stable").reset_index(drop=True)
    return _finish(
        merged,
        list(frames_or_shares[n] for n in used),
        "combined_index",
        {"weights": used, "normalize": normalize},
        (),
    )


# ---------------------------------------------------------------------------
# major powers


def major_powers(
    years: Sequence[int] | np.ndarray, *, spells=COW_MAJORS, by: str = "ccode"
) -> pd.DataFrame:
    """Major powers per year from COW-style spells.

    Parameters
    ----------
    years : sequence of int
        Years wanted.
    spells : sequence of (ccode, iso3, first, last)
        Spells; ``last=None`` means ongoing. Default :data:`COW_MAJORS`.
    by : {"ccode", "iso3"}
        Which code to return alongside ``year``.

    Returns
    -------
    DataFrame
        ``year, <by>``, one row per major power and year.

    Examples
    --------
    >>> major_powers([1950])["ccode"].tolist()
    [2, 200, 220, 365, 710]
    """
    idx = 0 if by == "ccode" else 1
    rows = []
    for y in sorted({int(v) for v in years}):
        for sp in spells:
            if sp[2] <= y and (sp[3] is None or y <= sp[3]):
                rows.append((y, sp[idx]))
    out = pd.DataFrame(rows, columns=["year", by]).drop_duplicates()
    return out.sort_values(["year", by]).reset_index(drop=True)


def _majors_mask(df: pd.DataFrame, majors: Any) -> np.ndarray:
    """Boolean mask of rows of ``df`` (iso3, year[, ccode]) that are major powers."""
    if majors is None:
        by = "ccode" if "ccode" in df.columns else "iso3"
        majors = major_powers(df["year"].unique(), by=by)
    if isinstance(majors, pd.DataFrame):
        by = "ccode" if "ccode" in majors.columns and "ccode" in df.columns else "iso3"
        require_columns(majors, ["year", by], name="majors")
        key = pd.MultiIndex.from_frame(majors[["year", by]].astype({"year": "int64"}))
        probe = pd.MultiIndex.from_arrays([df["year"].astype("int64"), df[by]])
        return np.asarray(probe.isin(key))
    if isinstance(majors, Collection) and not isinstance(majors, str):
        codes = set(majors)
        col = "iso3" if all(isinstance(c, str) for c in codes) else "ccode"
        require_columns(df, [col], name="shares frame")
        return df[col].isin(codes).to_numpy()
    raise SchemaError(
        f"majors must be None, a DataFrame (year + ccode/iso3) or a set of codes; "
        f"found {type(majors).__name__}",
        field="majors",
        hint="pass major_powers(years) or a set such as {'USA', 'RUS'}",
    )


# ---------------------------------------------------------------------------
# concentration


_CONC_COLUMNS = [
    "year",
    "n_states",
    "leader_iso3",
    "leader_share",
    "second_iso3",
    "second_share",
    "third_iso3",
    "third_share",
    "leader_second_ratio",
    "con",
    "hhi",
    "effective_poles",
    "mansfield",
]


def _concentration_core(df: pd.DataFrame) -> pd.DataFrame:
    """Concentration of ``df`` (iso3, year, s) among all its rows, per year."""
    df = df[df["s"].notna()]
    tot = df.groupby("year", sort=False)["s"].transform("sum")
    df = df.assign(s=df["s"] / tot.where(tot > 0)).dropna(subset=["s"])
    df = df.sort_values(["year", "s", "iso3"], ascending=[True, False, True], kind="stable")
    years = df["year"].to_numpy()
    if len(years) == 0:
        return pd.DataFrame(columns=_CONC_COLUMNS[:-1])
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    n = np.diff(np.r_[starts, len(years)])
    s = df["s"].to_numpy()
    iso = df["iso3"].to_numpy(dtype=object)
    hhi = group_sums(s * s, starts)

    def nth(k):
        ok = n > k
        share = np.full(len(starts), np.nan)
        code = np.full(len(starts), None, dtype=object)
        share[ok] = s[starts[ok] + k]
        code[ok] = iso[starts[ok] + k]
        return code, share

    l_iso, l_s = nth(0)
    s_iso, s_s = nth(1)
    t_iso, t_s = nth(2)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(np.isnan(s_s), np.nan, l_s / s_s)
    return pd.DataFrame(
        {
            "year": years[starts].astype("int64"),
            "n_states": n.astype("int64"),
            "leader_iso3": l_iso,
            "leader_share": l_s,
            "second_iso3": s_iso,
            "second_share": s_s,
            "third_iso3": t_iso,
            "third_share": t_s,
            "leader_second_ratio": ratio,
            "con": con_from_hhi(hhi, n),
            "hhi": hhi,
            "effective_poles": effective_number(hhi),
        }
    )


def concentration(
    shares_frame: pd.DataFrame,
    *,
    share_col: str = "share",
    among: str | int = "all",
    majors: Any = None,
) -> pd.DataFrame:
    r"""Concentration of capabilities per year.

    Within each year, the states considered (``among``) with a non-missing
    share are taken and their shares renormalised to sum to one,
    :math:`S_i = s_i / \sum_{j \in C} s_j`. Then, with :math:`N = |C|`:

    .. math::

        \mathrm{HHI} = \sum_i S_i^2, \qquad
        N_{\mathrm{eff}} = \frac{1}{\mathrm{HHI}}, \qquad
        \mathrm{CON} = \sqrt{\frac{\mathrm{HHI} - 1/N}{1 - 1/N}}

    CON (Ray & Singer 1973) lies in [0, 1]: 0 when all N states are equal, 1
    when one state holds everything; it is undefined (NaN) for N < 2.
    :math:`N_{\mathrm{eff}}` (Laakso & Taagepera 1979), read as the effective
    number of poles, lies in [1, N]. ``leader_second_ratio`` is
    :math:`S_{(1)}/S_{(2)}` (``inf`` if the runner-up has a zero share).

    ``mansfield`` is Mansfield's (1993) concentration: Ray-Singer CON computed
    on the CINC shares of the **COW major powers only** (renormalised among
    them), which is how Mansfield operationalised the concentration of power
    (following Singer, Bremer & Stuckey 1972). It is computed whatever
    ``among`` is, equals ``con`` when ``among="majors"``, and is NaN where fewer
    than two major powers have shares.

    Parameters
    ----------
    shares_frame : DataFrame
        ``iso3, year, <share_col>`` (``ccode`` used to identify COW major
        powers when present; otherwise ISO3 codes of :data:`COW_MAJORS`).
        Shares need not sum to one (e.g. COW CINC); they are renormalised
        within the considered set.
    share_col : str
        Share column; ``"cinc"`` is used if ``share_col`` is absent.
    among : "all", "majors" or int
        ``"all"``: every state with a share; ``"majors"``: the major powers of
        that year; ``k`` (int >= 1): the ``k`` largest shares that year.
    majors : None, DataFrame or set
        Major powers: None = :data:`COW_MAJORS`; a frame ``year, ccode|iso3``
        listing them per year; or a constant set of codes.

    Returns
    -------
    DataFrame
        One row per year: ``year, n_states, leader_iso3, leader_share,
        second_iso3, second_share, third_iso3, third_share,
        leader_second_ratio, con, hhi, effective_poles, mansfield``.
        Shares are within the considered set; ties are broken by ISO3.

    References
    ----------
    Ray, J.L., Singer, J.D. (1973). *Sociological Methods & Research*
    1(4):403-437. doi:10.1177/004912417300100401.
    Mansfield, E.D. (1993). *International Studies Quarterly* 37(1):105-128.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"iso3": ["A", "B", "C"], "year": 2000, "share": [0.5, 0.3, 0.2]})
    >>> c = concentration(s)
    >>> round(float(c["hhi"][0]), 4), round(float(c["effective_poles"][0]), 4)
    (0.38, 2.6316)
    >>> round(float(c["con"][0]), 4)
    0.2646
    """
    if share_col not in shares_frame.columns and "cinc" in shares_frame.columns:
        share_col = "cinc"
    require_columns(shares_frame, ["iso3", "year", share_col], name="shares frame")
    check_numeric(shares_frame, [share_col], name="shares frame", min_value=0)
    cols = ["iso3", "year", share_col] + (["ccode"] if "ccode" in shares_frame.columns else [])
    df = shares_frame[cols].rename(columns={share_col: "s"})
    df = df[df["s"].notna()].reset_index(drop=True)
    maj = _majors_mask(df, majors)
    if among == "all":
        sel = df
    elif among == "majors":
        sel = df[maj]
    elif isinstance(among, (int, np.integer)) and not isinstance(among, bool) and among >= 1:
        order = df.sort_values(["year", "s", "iso3"], ascending=[True, False, True], kind="stable")
        rank = order.groupby("year", sort=False).cumcount()
        sel = order[rank.to_numpy() < int(among)]
    else:
        raise SchemaError(
            f"among must be 'all', 'majors' or a positive int; found {among!r}",
            field="among",
            value=among,
        )
    out = _concentration_core(sel)
    mans = _concentration_core(df[maj])[["year", "con"]].rename(columns={"con": "mansfield"})
    out = out.merge(mans, on="year", how="left")
    out = out[_CONC_COLUMNS].reset_index(drop=True)
    params = {"share_col": share_col, "among": among}
    return _finish(out, [shares_frame], "concentration", params, _CITE_CON + _CITE_MANSFIELD)


# ---------------------------------------------------------------------------
# polarity


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
    prov.carry(out, conc_frame)
    prov.attach(out, prov.get(out).with_method("classify_polarity", th, _CITE_WOHLFORTH))
    return out


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
    return _finish(out, list(frames_by_index.values()), "polarity_robustness", params, ())


# ---------------------------------------------------------------------------
# bootstrap


def _row_quantiles(
    draws: np.ndarray, alpha: float, *, with_sd: bool = True
) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise (alpha, 1 - alpha) quantiles and standard deviations, ignoring NaN.

    Rows without NaN (almost all) go through the fast ``np.quantile`` path; only
    rows with NaN use ``np.nanquantile``. Standard deviations use ``ddof=1`` and
    are NaN with fewer than two valid draws.
    """
    n = draws.shape[0]
    q = np.full((2, n), np.nan)
    sd = np.full(n, np.nan)
    if n == 0 or draws.shape[1] == 0:
        return q, sd
    bad = np.isnan(draws).any(axis=1)
    good = ~bad
    if good.any():
        sub = draws[good]
        # numpy's default "linear" quantile via one partition for both tails:
        # position h = (D - 1) p, value = x[floor h] + frac(h) (x[floor h + 1] - x[floor h]).
        d = sub.shape[1]
        pos = np.array([alpha, 1 - alpha]) * (d - 1)
        low = np.floor(pos).astype("int64")
        high = np.minimum(low + 1, d - 1)
        part = np.partition(sub, np.unique(np.r_[low, high]), axis=1)
        frac = pos - low
        q[:, good] = (part[:, low] + frac * (part[:, high] - part[:, low])).T
        if with_sd and sub.shape[1] > 1:
            sd[good] = sub.std(axis=1, ddof=1)
    if bad.any():
        sub = draws[bad]
        valid = (~np.isnan(sub)).sum(axis=1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN rows stay NaN
            q[:, bad] = np.nanquantile(sub, [alpha, 1 - alpha], axis=1)
            sd[bad] = np.where(valid > 1, np.nanstd(sub, axis=1, ddof=1), np.nan)
    return q, sd


@dataclass(frozen=True)
class CincBootstrap:
    """Result of :func:`bootstrap_cinc`.

    Attributes
    ----------
    shares : DataFrame
        ``iso3, [ccode,] year, cinc, cinc_lo, cinc_hi``: point CINC and the
        percentile interval over draws.
    poles : DataFrame
        ``year, effective_poles, poles_lo, poles_hi, poles_se``: effective number
        of poles among all states (shares renormalised within year).
    n_draws, seed, ci
        The settings used.
    """

    shares: pd.DataFrame
    poles: pd.DataFrame
    n_draws: int
    seed: int
    ci: float


def bootstrap_cinc(
    frame: pd.DataFrame,
    *,
    n_draws: int = 1000,
    seed: int = 0,
    ci: float = 0.9,
    components: Sequence[str] = COW_COMPONENTS,
    normalize: bool = False,
    chunk_rows: int = 4096,
) -> CincBootstrap:
    r"""Bootstrap over CINC components: intervals for shares and effective poles.

    A draw :math:`b` resamples the :math:`K` components with replacement,
    giving counts :math:`c_b \in \{0,\dots,K\}^K` with :math:`\sum_k c_{bk} = K`
    (multinomial with equal probabilities). The state's CINC in that draw is
    the COW average over the drawn multiset of its non-missing component
    shares,

    .. math::

        \mathrm{CINC}^{(b)}_{it} = \frac{\sum_k c_{bk}\, s_{ikt}\, a_{ikt}}
                                       {\sum_k c_{bk}\, a_{ikt}},

    with :math:`a_{ikt} = 1` when component :math:`k` is available. All draws
    are computed at once as two matrix products ``(S*A) @ C.T`` and ``A @ C.T``.
    The effective number of poles in draw :math:`b` is
    :math:`(\sum_i \mathrm{CINC}^{(b)}_{it})^2 / \sum_i (\mathrm{CINC}^{(b)}_{it})^2`,
    i.e. :math:`1/\mathrm{HHI}` of the within-year renormalised shares.

    Assumptions: the *same* multiset is applied to every state and every year
    within a draw (it is a resample of the index's definition, not of the
    data); since intervals are reported per state-year and per year, this gives
    the same marginal intervals as independent per-year draws and keeps each
    draw's trajectory coherent. Component shares themselves are held fixed
    (measurement error in the raw data is not modelled). A state none of whose
    drawn components is available gets NaN in that draw and is left out of that
    draw's quantiles and poles.

    Parameters
    ----------
    frame : DataFrame
        As for :func:`cinc`.
    n_draws : int
        Number of bootstrap draws (default 1000).
    seed : int
        Seed of ``numpy.random.default_rng``.
    ci : float
        Central interval coverage (default 0.9 gives the 5th-95th percentiles).
    components : sequence of str
        Components (default :data:`COW_COMPONENTS`).
    normalize : bool
        Renormalise each draw within year (as in :func:`cinc`).
    chunk_rows : int
        Rows per block (memory: about ``chunk_rows * n_draws * 24`` bytes).

    Returns
    -------
    CincBootstrap

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 1900, "milex": [3.0, 1.0],
    ...                   "milper": [1.0, 1.0], "irst": [1.0, 1.0], "pec": [1.0, 1.0],
    ...                   "tpop": [1.0, 1.0], "upop": [1.0, 1.0]})
    >>> b = bootstrap_cinc(f, n_draws=200, seed=1)
    >>> bool((b.shares["cinc_lo"] <= b.shares["cinc"]).all())
    True
    """
    if not (0 < ci < 1):
        raise SchemaError("ci must be in (0, 1)", field="ci", value=ci)
    if int(n_draws) < 1:
        raise SchemaError("n_draws must be >= 1", field="n_draws", value=n_draws)
    point = cinc(frame, components=components, normalize=normalize)
    k = len(components)
    order = np.argsort(point["year"].to_numpy(), kind="stable")
    pt = point.iloc[order].reset_index(drop=True)
    shares = pt[[f"share_{c}" for c in components]].to_numpy(dtype="float64")
    avail = ~np.isnan(shares)
    sa = np.where(avail, shares, 0.0)
    af = avail.astype("float64")
    rng = np.random.default_rng(seed)
    counts = rng.multinomial(k, np.full(k, 1.0 / k), size=int(n_draws)).astype("float64").T
    years = pt["year"].to_numpy()
    starts = np.flatnonzero(np.r_[True, years[1:] != years[:-1]])
    ends = np.r_[starts[1:], len(years)]
    n = len(pt)
    alpha = (1.0 - ci) / 2.0
    lo = np.full(n, np.nan)
    hi = np.full(n, np.nan)
    ny = len(starts)
    p_lo = np.full(ny, np.nan)
    p_hi = np.full(ny, np.nan)
    p_se = np.full(ny, np.nan)
    # blocks of whole years, about chunk_rows rows each
    yi = 0
    while yi < ny:
        yj = yi + 1
        while yj < ny and ends[yj] - starts[yi] <= chunk_rows:
            yj += 1
        r0, r1 = starts[yi], ends[yj - 1]
        # num is 0 wherever den is 0 (unavailable shares are zeroed), so 0/0 = NaN
        # marks exactly the states with none of the drawn components.
        with np.errstate(divide="ignore", invalid="ignore"):
            draws = (sa[r0:r1] @ counts) / (af[r0:r1] @ counts)
        loc_starts = starts[yi:yj] - r0
        sizes = np.diff(np.r_[loc_starts, r1 - r0])
        # year-membership indicator (years x rows): group sums as one BLAS product
        member = np.repeat(np.arange(yj - yi), sizes)[None, :] == np.arange(yj - yi)[:, None]
        member = member.astype("float64")
        nan = np.isnan(draws)
        d0 = np.where(nan, 0.0, draws) if nan.any() else draws
        if normalize:
            tot = member @ d0
            with np.errstate(divide="ignore", invalid="ignore"):
                scale = np.repeat(np.where(tot > 0, 1.0 / tot, np.nan), sizes, axis=0)
            draws = draws * scale
            d0 = d0 * scale
        q, _ = _row_quantiles(draws, alpha, with_sd=False)
        lo[r0:r1], hi[r0:r1] = q[0], q[1]
        s1 = member @ d0
        s2 = member @ (d0 * d0)
        with np.errstate(divide="ignore", invalid="ignore"):
            poles = np.where(s2 > 0, s1 * s1 / s2, np.nan)
        pq, psd = _row_quantiles(poles, alpha)
        p_lo[yi:yj], p_hi[yi:yj], p_se[yi:yj] = pq[0], pq[1], psd
        yi = yj
    out = pt[[*_keys(pt), "cinc"]].copy()
    out["cinc_lo"], out["cinc_hi"] = lo, hi
    inv = np.empty_like(order)
    inv[order] = np.arange(len(order))
    out = out.iloc[inv].reset_index(drop=True)
    c = pt["cinc"].to_numpy()
    ps1 = group_sums(np.nan_to_num(c), starts)
    ps2 = group_sums(np.nan_to_num(c) ** 2, starts)
    with np.errstate(divide="ignore", invalid="ignore"):
        p_point = np.where(ps2 > 0, ps1 * ps1 / ps2, np.nan)
    poles_df = pd.DataFrame(
        {
            "year": years[starts].astype("int64"),
            "effective_poles": p_point,
            "poles_lo": p_lo,
            "poles_hi": p_hi,
            "poles_se": p_se,
        }
    )
    params = {"n_draws": int(n_draws), "seed": seed, "ci": ci, "normalize": normalize}
    _finish(out, [frame], "bootstrap_cinc", params, _CITE_CINC)
    _finish(poles_df, [frame], "bootstrap_cinc", params, _CITE_CINC)
    return CincBootstrap(shares=out, poles=poles_df, n_draws=int(n_draws), seed=seed, ci=ci)


# ---------------------------------------------------------------------------
# tables for the CLI and the report


def index_shares(
    frame: pd.DataFrame,
    index: str,
    *,
    columns: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
) -> pd.DataFrame:
    """Shares frame (``iso3, [ccode,] year, share``) of a named capability index.

    Parameters
    ----------
    frame : DataFrame
        Country-year frame holding the inputs of ``index``: the six COW
        components for ``"cinc"``; ``columns["gdp"]`` for ``"gdp"``;
        ``columns["milex"]`` for ``"milex"``; ``columns["gdp"]`` and
        ``columns["gdppc"]`` for ``"beckley"``; ``columns["warheads"]`` for
        ``"nuclear"``; the inputs of the weighted indices for ``"combined"``.
    index : str
        One of :data:`INDICES`.
    columns : mapping, optional
        Role (``gdp``, ``gdppc``, ``milex``, ``warheads``) -> column name;
        roles not given use the first of :data:`DEFAULT_COLUMNS` present.
    weights : mapping, optional
        Weights for ``"combined"``; default equal weights over the other
        indices that ``frame`` can compute.

    Returns
    -------
    DataFrame
        Keys and ``share``.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"iso3": ["A", "B"], "year": 2000, "milex": [1.0, 3.0]})
    >>> index_shares(f, "milex")["share"].tolist()
    [0.25, 0.75]
    """
    cols = _resolve_columns(frame, columns)
    if index == "cinc":
        out = cinc(frame)
        return out.rename(columns={"cinc": "share"}).assign(cinc=out["cinc"])
    if index == "gdp":
        return gdp_share(frame, gdp_col=cols["gdp"])
    if index == "milex":
        return milex_share(frame, milex_col=cols["milex"])
    if index == "beckley":
        return beckley_net_resources(frame, cols["gdp"], cols["gdppc"])
    if index == "nuclear":
        return nuclear_share(frame, warheads_col=cols["warheads"])
    if index == "combined":
        if weights is None:
            avail = available_indices(frame, columns=cols)
            weights = {m: 1.0 for m in avail if m != "combined"}
        parts = {m: index_shares(frame, m, columns=cols) for m, w in weights.items() if w}
        return combined_index(parts, weights)
    raise SchemaError(
        f"unknown capability index {index!r}; expected one of {INDICES}",
        field="index",
        value=index,
        hint="choose cinc, gdp, milex, beckley, nuclear or combined",
    )


def available_indices(frame: pd.DataFrame, *, columns: Mapping[str, str] | None = None) -> list:
    """Names of the :data:`INDICES` whose inputs are all columns of ``frame``.

    Examples
    --------
    >>> import pandas as pd
    >>> available_indices(pd.DataFrame(columns=["iso3", "year", "milex"]))
    ['milex']
    """
    cols = _resolve_columns(frame, columns)
    need = {
        "cinc": list(COW_COMPONENTS),
        "gdp": [cols["gdp"]],
        "milex": [cols["milex"]],
        "beckley": [cols["gdp"], cols["gdppc"]],
        "nuclear": [cols["warheads"]],
    }
    have = [m for m, c in need.items() if all(x in frame.columns for x in c)]
    if len(have) >= 2:
        have.append("combined")
    return have


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
    return _finish(out, [frame], "polarity_table", params, _CITE_CON + _CITE_WOHLFORTH)


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
