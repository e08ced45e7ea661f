"""Capability indices: within-year shares of national capabilities.

Step 1 of :mod:`worldsystem.measures.polarity`: :func:`cinc` (COW's Composite
Index of National Capability), :func:`capability_shares`, :func:`gdp_share`,
:func:`milex_share`, :func:`nuclear_share`, :func:`beckley_net_resources` and
:func:`combined_index`; :func:`index_shares` and :func:`available_indices`
dispatch on an index name (:data:`INDICES`).

References
----------
Singer, J.D., Bremer, S., Stuckey, J. (1972). Capability Distribution,
Uncertainty, and Major Power War, 1820-1965. In B. Russett (ed.), *Peace, War,
and Numbers*, 19-48. Beverly Hills: Sage.

Beckley, M. (2018). The Power of Nations: Measuring What Matters.
*International Security* 43(2):7-44. doi:10.1162/isec_a_00328.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import require_columns
from worldsystem.measures._common import finish, within_year_shares
from worldsystem.measures.polarity._base import (
    _CITE_BECKLEY,
    _CITE_CINC,
    _check_frame,
    _keys,
    _renormalise,
)

__all__ = [
    "COMPOSITE_DIMENSIONS",
    "COW_COMPONENTS",
    "DEFAULT_COLUMNS",
    "INDICES",
    "MILITARY_DIMENSIONS",
    "available_indices",
    "beckley_net_resources",
    "capability_shares",
    "cinc",
    "cinc_difference",
    "combined_index",
    "composite_dimensions",
    "gdp_share",
    "index_shares",
    "milex_share",
    "nuclear_share",
]


#: The six COW National Material Capabilities components, in codebook order:
#: military expenditure, military personnel, iron and steel production, primary
#: energy consumption, total population, urban population.
COW_COMPONENTS: tuple[str, ...] = ("milex", "milper", "irst", "pec", "tpop", "upop")


#: Capability indices known to :func:`index_shares` / :func:`polarity_table`.
INDICES: tuple[str, ...] = (
    "composite",
    "cinc",
    "gdp",
    "milex",
    "milex_cow",
    "beckley",
    "nuclear",
    "military",
    "combined",
)

#: The dimensions of the headline ``composite`` index (equal weights among those
#: whose data cover the year's candidate powers; see
#: :func:`worldsystem.measures.polarity.polarity_table`): economic capability net of
#: population (Beckley 2018's GDP x GDP per capita), military expenditure (COW NMC,
#: which, unlike SIPRI, covers the USSR) and nuclear warheads. Wohlforth (1999) and
#: Brooks & Wohlforth (2016) judge polarity on the economic and military dimensions
#: together, not on one indicator; Beckley (2018) shows that gross size (CINC's
#: population and steel) overstates populous poor states; the nuclear balance is
#: the core of the Cold War's bipolarity (Waltz 1979).
COMPOSITE_DIMENSIONS: tuple[str, ...] = ("beckley", "milex_cow", "nuclear")

#: The dimensions of the ``military`` index: the headline composite's military
#: dimensions (military expenditure, from the ``milex`` role, e.g. SIPRI in current
#: USD; nuclear warheads), equal weights, without its economic one. An index of
#: military power rather than of spending: spending at market exchange rates
#: understates Russia's and China's forces (Beckley 2018), and the nuclear balance
#: is what made the Cold War bipolar (Waltz 1979).
MILITARY_DIMENSIONS: tuple[str, ...] = ("milex", "nuclear")


#: Candidate input column names of :func:`index_shares`, first present wins
#: (override with ``columns=``): GDP at PPP, GDP per capita at PPP, military
#: expenditure, nuclear warheads.
DEFAULT_COLUMNS: dict[str, tuple[str, ...]] = {
    "gdp": ("gdp", "gdp_ppp", "gdp_usd_2011ppp", "gdp_ppp_2011"),
    "gdppc": ("gdppc", "gdppc_ppp", "gdppc_usd_2011ppp", "gdppc_ppp_2011"),
    "milex": ("milex",),
    "milex_cow": ("milex",),
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
    sum to one within a year (the yearly sums on NMC v7.0:
    ``docs/validation.md``). COW's own file is not renormalised, and
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
    shares, present = within_year_shares(frame[components], frame["year"], with_present=True)
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
    return finish(
        out,
        [frame],
        "cinc",
        {"components": components, "missing": missing, "normalize": normalize},
        _CITE_CINC,
    )


def cinc_difference(components: pd.DataFrame, official: pd.DataFrame) -> dict:
    """Largest gap between :func:`cinc` recomputed from ``components`` and COW's own.

    ``components`` holds COW state-years (``ccode, year`` and the six components, as
    :func:`worldsystem.sources.cow_nmc.load` returns them; ``iso3`` optional);
    ``official`` holds ``ccode, year, cinc`` (:func:`worldsystem.sources.cow_nmc.
    official_cinc`). CINC is recomputed on every state-year of ``components`` by the
    COW rule and compared on the state-years both have a value for.

    Returns
    -------
    dict
        ``n`` (state-years compared), ``max_abs_diff``, ``ccode`` and ``year`` of
        the largest gap, ``n_off_1pct`` (state-years whose relative gap exceeds 1 %).

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"ccode": [1, 2], "year": 1900, "milex": [3.0, 1.0],
    ...                   "milper": 1.0, "irst": 1.0, "pec": 1.0, "tpop": 1.0, "upop": 1.0})
    >>> o = pd.DataFrame({"ccode": [1, 2], "year": 1900, "cinc": [0.5417, 0.4583]})
    >>> r = cinc_difference(f, o)
    >>> r["n"], round(r["max_abs_diff"], 6)
    (2, 3.3e-05)
    """
    require_columns(official, ["ccode", "year", "cinc"], name="official cinc")
    comp = components.copy()
    if "iso3" not in comp.columns:
        comp["iso3"] = comp["ccode"].astype(str)
    ours = cinc(comp[["iso3", "ccode", "year", *COW_COMPONENTS]])
    m = ours.merge(
        official[["ccode", "year", "cinc"]], on=["ccode", "year"], suffixes=("", "_official")
    )
    m = m[m["cinc"].notna() & m["cinc_official"].notna()]
    if m.empty:
        return {"n": 0, "max_abs_diff": float("nan"), "ccode": None, "year": None, "n_off_1pct": 0}
    gap = (m["cinc"] - m["cinc_official"]).abs().to_numpy(dtype="float64")
    off = m["cinc_official"].to_numpy(dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(off > 0, gap / off, np.where(gap > 0, np.inf, 0.0))
    i = int(np.argmax(gap))
    return {
        "n": len(m),
        "max_abs_diff": float(gap[i]),
        "ccode": int(m["ccode"].iloc[i]),
        "year": int(m["year"].iloc[i]),
        "n_off_1pct": int((rel > 0.01).sum()),
    }


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
    out[out_col] = within_year_shares(out[value_col], out["year"])
    out = out.reset_index(drop=True)
    return finish(out, [frame], "capability_shares", {"value_col": value_col}, ())


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
    params = {"gdp_col": gdp_col, "gdppc_col": gdppc_col}
    return finish(out, [frame], "beckley_net_resources", params, _CITE_BECKLEY)


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
    return finish(
        merged,
        list(frames_or_shares[n] for n in used),
        "combined_index",
        {"weights": used, "normalize": normalize},
        (),
    )


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
        ``"nuclear"``; ``columns["milex"]`` and ``columns["warheads"]`` for
        ``"military"`` (:data:`MILITARY_DIMENSIONS`, equal weights, only in years
        where both have data and only for states with both: complete cases); the
        inputs of the weighted indices for ``"combined"``.
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
    if index == "milex_cow":
        return milex_share(frame, milex_col=cols["milex_cow"])
    if index == "beckley":
        return beckley_net_resources(frame, cols["gdp"], cols["gdppc"])
    if index == "nuclear":
        return nuclear_share(frame, warheads_col=cols["warheads"])
    if index == "composite":
        # without a candidate set every dimension with data enters; the polarity
        # table drops, year by year, the dimensions that miss a candidate power
        dims = composite_dimensions(frame, columns=cols)
        return combined_index(
            {m: index_shares(frame, m, columns=cols) for m in dims}, {m: 1.0 for m in dims}
        )
    if index == "military":
        # a year counts only when every dimension has data in it: otherwise the
        # index would silently become military expenditure after the last
        # warhead estimate (FAS, to 2017 in the OWID copy)
        parts = {m: index_shares(frame, m, columns=cols) for m in MILITARY_DIMENSIONS}
        years = set.intersection(*(set(p.loc[p["share"].notna(), "year"]) for p in parts.values()))
        parts = {m: p[p["year"].isin(years)] for m, p in parts.items()}
        # complete cases only (not CINC's rule of averaging the shares a state has):
        # a state without a dimension, such as the USSR in SIPRI before 1989, is
        # missing, not a power of its warheads alone. Each dimension is shared out
        # again among the complete states of the year, then the dimensions are
        # averaged with equal weights, so the weights stay equal when a large
        # holder of one dimension drops out
        both = combined_index(parts, {m: 1.0 for m in parts}, normalize=False)
        ok = (both["n_indices"] == len(parts)).to_numpy()
        keys = [c for c in ("iso3", "ccode", "year") if c in both.columns]
        out = both[[*keys, *(f"share_{m}" for m in parts), "n_indices"]].copy()
        acc = np.zeros(len(out))
        for m in parts:
            v = np.where(ok, both[f"share_{m}"].to_numpy(dtype="float64"), 0.0)
            tot = pd.Series(v).groupby(both["year"].to_numpy()).transform("sum").to_numpy()
            with np.errstate(invalid="ignore", divide="ignore"):
                acc += np.where(tot > 0, v / tot, 0.0)
        # an incomplete state keeps its row with a missing share: the polarity table
        # then sees a candidate power as missing, not absent
        out["share"] = np.where(ok, acc / len(parts), np.nan)
        return prov.attach(
            out.reset_index(drop=True),
            prov.merged(*parts.values()).with_method(
                "military_index",
                {
                    "dimensions": list(parts),
                    "weights": "equal",
                    "rule": "complete cases, years every dimension covers; each "
                    "dimension renormalised over the complete states",
                },
            ),
        )
    if index == "combined":
        if weights is None:
            avail = available_indices(frame, columns=cols)
            weights = {m: 1.0 for m in avail if m not in ("combined", "composite")}
        parts = {m: index_shares(frame, m, columns=cols) for m, w in weights.items() if w}
        return combined_index(parts, weights)
    raise SchemaError(
        f"unknown capability index {index!r}; expected one of {', '.join(INDICES)}",
        field="index",
        value=index,
        hint="choose " + ", ".join(INDICES[:-1]) + " or " + INDICES[-1],
    )


def _present(frame: pd.DataFrame, columns: Mapping[str, str] | None) -> list[str]:
    cols = _resolve_columns(frame, columns)
    need = {
        "cinc": list(COW_COMPONENTS),
        "gdp": [cols["gdp"]],
        "milex": [cols["milex"]],
        "milex_cow": [cols["milex_cow"]],
        "beckley": [cols["gdp"], cols["gdppc"]],
        "nuclear": [cols["warheads"]],
    }
    return [m for m, c in need.items() if all(x in frame.columns for x in c)]


def composite_dimensions(frame: pd.DataFrame, *, columns: Mapping[str, str] | None = None):
    """The :data:`COMPOSITE_DIMENSIONS` whose inputs are columns of ``frame``.

    Examples
    --------
    >>> import pandas as pd
    >>> composite_dimensions(pd.DataFrame(columns=["iso3", "year", "milex", "warheads"]))
    ['milex_cow', 'nuclear']
    """
    have = _present(frame, columns)
    return [m for m in COMPOSITE_DIMENSIONS if m in have]


def available_indices(frame: pd.DataFrame, *, columns: Mapping[str, str] | None = None) -> list:
    """Names of the :data:`INDICES` whose inputs are all columns of ``frame``.

    ``military`` is not listed (it is asked for by name): it shares its inputs with
    ``milex`` and ``nuclear``, and listing it would count them twice in the
    polarity table's robustness.

    ``milex_cow`` is listed only when it reads another column than ``milex`` (one
    column, one index); the composite still uses it as its military dimension.

    Examples
    --------
    >>> import pandas as pd
    >>> available_indices(pd.DataFrame(columns=["iso3", "year", "milex"]))
    ['composite', 'milex']
    """
    cols = _resolve_columns(frame, columns)
    have = _present(frame, columns)
    dims = [m for m in COMPOSITE_DIMENSIONS if m in have]
    if cols["milex_cow"] == cols["milex"] and "milex" in have:
        have.remove("milex_cow")
    if dims:
        have.insert(0, "composite")
    if len([m for m in have if m != "composite"]) >= 2:
        have.append("combined")
    return have
