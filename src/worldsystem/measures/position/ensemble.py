"""The ensemble of position methods: every method, consensus, agreement.

Family 5 of :mod:`worldsystem.measures.position`: :func:`positions` runs every
method of :data:`METHODS` for every year into one long frame ``iso3, year,
method, zone, score``; :func:`position_ensemble` gives the consensus zone and
:func:`method_agreement` the pairwise agreement of methods (adjusted Rand index
and Cohen's kappa, :mod:`worldsystem.measures.agreement`).

References: Hubert & Arabie (1985) and Cohen (1960), in full in
:mod:`worldsystem.measures.agreement`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core import provenance as prov
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.schema import require_columns
from worldsystem.measures import _network as net
from worldsystem.measures import agreement
from worldsystem.measures.agreement import adjusted_rand_index
from worldsystem.measures.position._base import (
    _CITE,
    ZONES,
    _as_matrix,
    _bare,
    _breaks_zones,
    _check_results,
    _zone_codes,
)
from worldsystem.measures.position.blockmodel import blockmodel_positions
from worldsystem.measures.position.commodity import commodity_positions
from worldsystem.measures.position.coreness import three_tier, trade_matrix
from worldsystem.measures.position.income import INCOME_WINDOW, income_zones
from worldsystem.measures.position.multiplex import multiplex_position
from worldsystem.panels.mrio import MRIO

__all__ = [
    "CONSENSUS",
    "CONSENSUS_EXCLUDED",
    "METHODS",
    "METHOD_FAMILIES",
    "REGE_EXACT_MAX",
    "REGE_TOP_PARTNERS",
    "RESULT_COLUMNS",
    "cohen_kappa",
    "family_agreement",
    "method_agreement",
    "position_ensemble",
    "positions",
    "with_consensus",
]


METHODS: tuple[str, ...] = (
    "income_xr",
    "income_ppp",
    "cp_continuous",
    "cp_three_tier",
    "blockmodel_se",
    "blockmodel_rege",
    "blockmodel_commodity",
    "multiplex",
)
"""Stable method names used in the ``method`` column of :func:`positions`."""


#: ``rege_max_partners="auto"``: exact REGE up to this many countries ...
REGE_EXACT_MAX = 60


#: ... and each country's strongest partners only (this many) on larger networks.
REGE_TOP_PARTNERS = 20


RESULT_COLUMNS = ["iso3", "year", "method", "zone", "score"]


def positions(
    country_years: pd.DataFrame | None,
    dyads: pd.DataFrame | None,
    *,
    years: Iterable[int],
    methods: str | Sequence[str] = "all",
    weight_col: str = "flow_musd",
    xr_col: str = "gdppc_usd",
    ppp_col: str = "gdppc_ppp",
    income_method: str = "density",
    income_window: int = INCOME_WINDOW,
    income_silverman: int = 0,
    income_silverman_years: Iterable[int] | None = None,
    transform: str = "log1p",
    arms: pd.DataFrame | None = None,
    arms_col: str = "tiv",
    alliances: pd.DataFrame | None = None,
    alliance_col: str | None = None,
    n_blocks: int = 3,
    se_similarity: str = "euclidean",
    se_profile: str = "level",
    se_clustering: str = "ward",
    rege_clustering: str = "concor",
    rege_iterations: int = 3,
    rege_max_partners: int | str | None = "auto",
    mrio: Mapping[int, MRIO] | None = None,
    commodity_ties: str = "export_share",
    commodity_groups: Mapping[str, str] | None = None,
    min_countries: int = 20,
    seed: int = 0,
) -> pd.DataFrame:
    r"""Every method's zone for every country-year: the long ``iso3, year, method, zone, score``.

    Methods (stable names, :data:`METHODS`):

    - ``income_xr``: :func:`income_zones` of GDP per capita at exchange rates
      (``xr_col``; if absent, ``gdp_usd / pop`` is used when both exist).
      Score: log GDP per capita.
    - ``income_ppp``: the same at PPP (``ppp_col``).
    - ``cp_continuous``: :func:`coreness_borgatti_everett` of the trade
      network, zones by natural breaks of the coreness (``three_tier``
      ``method="breaks"``). Score: coreness.
    - ``cp_three_tier``: :func:`three_tier` ``method="nested"`` (Clark &
      Beckfield 2009). Score: coreness.
    - ``blockmodel_se``: :func:`blockmodel_positions` on
      :func:`structural_equivalence` (``se_similarity``, default Euclidean)
      clustered by ``se_clustering``: default Ward's (1963) minimum-variance
      linkage on Burt's (1976) Euclidean distances. Average linkage isolates
      the largest economies as singleton blocks on the COW trade network;
      Ward does not (measured cores and ARIs: ``docs/validation.md``). Score:
      block flow score. ``se_profile="shares"`` compares export and import
      shares instead of tie values (size-free; see
      :func:`structural_equivalence`).
    - ``blockmodel_rege``: :func:`blockmodel_positions` on
      :func:`regular_equivalence_rege` (``rege_iterations``,
      ``rege_max_partners``) clustered by ``rege_clustering``. Default CONCOR,
      two levels (every block split twice, up to four blocks, grouped into
      zones by flow score): average linkage on REGE similarities splits off
      single outliers, and on this network REGE similarity is close to a
      one-dimensional function of tie strength, so a 3-block cut of the
      similarities is fragile (ARIs of both: ``docs/validation.md``). Score:
      block flow score. ``rege_max_partners="auto"`` (default) runs exact REGE
      (every partner compared) on networks of up to :data:`REGE_EXACT_MAX`
      countries and keeps each country's :data:`REGE_TOP_PARTNERS` strongest
      partners on larger ones (exact REGE costs :math:`O(n^4)` per iteration;
      timings and the exact-against-top-20 comparison: ``docs/validation.md``).
    - ``blockmodel_commodity``: :func:`commodity_positions`, REGE role
      equivalence on one trade network per commodity group built from an MRIO
      table's sector flows (Smith & White 1992; Mahutga 2006), ties
      ``commodity_ties`` (default each exporter's shares of its exports of the
      group), groups ``commodity_groups`` (default
      :data:`~worldsystem.measures.position.commodity.WIOD_COMMODITY_GROUPS`),
      clustered by ``rege_clustering``, blocks ordered by the summed ``log1p``
      flows. Runs in the years of ``mrio`` only (WIOD 2013: 1995-2011, 40
      countries); the rest of the world gets no zone. Not a vote of the
      consensus unless named (:data:`CONSENSUS_EXCLUDED`). Score: block flow score.
    - ``multiplex``: :func:`multiplex_position` of trade with arms transfers
      (``log1p`` of the TIV) and/or alliances (0/1), in years where at least
      one of those has ties; otherwise the year has no multiplex row. Score:
      coreness of the weighted multiplex network.

    Network methods use :func:`trade_matrix` with ``transform`` over the
    countries in the year's dyads. Years with fewer than ``min_countries``
    countries are skipped by every method.

    Parameters
    ----------
    country_years : DataFrame or None
        ``iso3, year`` and the income columns (for the income methods).
    dyads : DataFrame or None
        Directed trade ``iso3_o, iso3_d, year, <weight_col>`` (e.g. current
        million USD).
    years : iterable of int
    methods : "all" or sequence of names from :data:`METHODS`
    income_method : {"density", "mixture"}
        Cut-point rule of the income methods (:func:`income_cutpoints`).
    income_window : int
        Years pooled for each year's income cut points (default
        :data:`~worldsystem.measures.position.income.INCOME_WINDOW`, five: the year
        and two either side; 1 cuts each year on its own). The rows of
        ``country_years`` in the ``income_window // 2`` years either side of
        ``years`` enter the pool; no income rows are returned for them.
    income_silverman, income_silverman_years : int, iterable of int, optional
        Silverman's test of the income cuts (``silverman`` and ``silverman_years``
        of :func:`income_cutpoints`; default 0: not run): ``n_boot`` per year and
        null, in ``income_silverman_years`` (default every year). The provenance of
        the result then also holds the income methods' records (the p-values by
        year) and a note for the years where "at most two modes" is not rejected at
        10 %.
    arms : DataFrame, optional
        Directed ``iso3_o, iso3_d, year, <arms_col>`` (e.g. SIPRI TIV, millions).
    alliances : DataFrame, optional
        ``iso3_o, iso3_d, year`` (one row per allied dyad; a value column
        ``alliance_col`` is used as weight when given, otherwise 1).
    mrio : mapping of year (int) to MRIO, optional
        Input-output tables for ``blockmodel_commodity``, read one year at a time
        (the mapping may load them on access); with ``methods="all"`` and no
        table for a year the method has no rows that year.
    seed : int
        Passed to every stochastic step.

    Returns
    -------
    DataFrame
        ``iso3, year, method, zone, score`` sorted by method, year, iso3.

    Examples
    --------
    >>> cy = pd.DataFrame({"iso3": list("ABCDEF"), "year": 2000,
    ...                    "gdppc_ppp": [100., 120., 1e3, 1.2e3, 1e4, 1.2e4]})
    >>> out = positions(cy, None, years=[2000], methods=["income_ppp"], min_countries=6,
    ...                 income_method="mixture")
    >>> out.zone.tolist()
    ['periphery', 'periphery', 'semi-periphery', 'semi-periphery', 'core', 'core']
    """
    years = sorted({int(y) for y in years})
    wanted = (
        list(METHODS)
        if methods == "all"
        else [methods]
        if isinstance(methods, str)
        else list(methods)
    )
    if se_profile not in ("level", "shares"):
        raise ModelError(
            f"unknown se_profile {se_profile!r}; expected 'level' or 'shares'",
            field="se_profile",
            value=se_profile,
        )
    unknown = [m for m in wanted if m not in METHODS]
    if unknown:
        raise ModelError(
            f"unknown method(s) {unknown}; expected names from {list(METHODS)}",
            field="methods",
            value=unknown,
            hint="use 'all' or a subset of worldsystem.measures.position.METHODS",
        )
    parts: list[pd.DataFrame] = []
    mrio_provs: list[prov.Provenance] = []
    income_provs: list[prov.Provenance] = []
    inputs = [f for f in (country_years, dyads, arms, alliances) if f is not None]
    country_years, dyads, arms, alliances = (
        _bare(f) for f in (country_years, dyads, arms, alliances)
    )

    # ---- income
    for name, col in (("income_xr", xr_col), ("income_ppp", ppp_col)):
        if name not in wanted:
            continue
        if country_years is None:
            raise SchemaError(f"method {name!r} needs country_years", field=col)
        # the income cut points pool a window of years centred on each year
        # (income_cutpoints ``window``): the neighbours of the years asked enter too
        half = int(income_window) // 2
        near = {y + k for y in years for k in range(-half, half + 1)}
        cy = country_years[country_years["year"].isin(near)]
        if col not in cy.columns:
            if name == "income_xr" and {"gdp_usd", "pop"} <= set(cy.columns):
                cy = cy.assign(**{col: cy["gdp_usd"] / cy["pop"]})
            else:
                raise SchemaError(
                    f"method {name!r} needs the column {col!r}",
                    file="country_years",
                    field=col,
                    hint="pass xr_col=/ppp_col= naming the GDP-per-capita column",
                )
        try:
            with progress.stage(f"position: {name}"):
                z = income_zones(
                    cy,
                    value_col=col,
                    method=income_method,
                    seed=seed,
                    label=name,
                    min_countries=min_countries,
                    window=income_window,
                    years=sorted(set(years) & set(cy["year"].astype(int))),
                    silverman=income_silverman,
                    silverman_years=None
                    if income_silverman_years is None
                    else sorted({int(y) for y in income_silverman_years}),
                )
        except ModelError:
            continue
        parts.append(z)
        if income_silverman:
            income_provs.append(prov.get(z))

    # ---- networks
    # ---- commodity-differentiated roles (MRIO years only)
    if "blockmodel_commodity" in wanted:
        if mrio is None and methods != "all":
            raise SchemaError(
                "method 'blockmodel_commodity' needs input-output tables",
                field="mrio",
                hint="pass mrio={year: MRIO, ...} (e.g. worldsystem.panels.mrio(year))",
            )
        have = set() if mrio is None else {int(y) for y in mrio}
        for year in years:
            if year not in have:
                continue
            table = mrio[year]  # one table at a time: a mapping may load them lazily
            mrio_provs.append(table.provenance)
            with progress.stage(f"position: blockmodel_commodity {year}"):
                bm = commodity_positions(
                    table,
                    groups=commodity_groups,
                    ties=commodity_ties,
                    n_blocks=n_blocks,
                    clustering=rege_clustering,
                    iterations=rege_iterations,
                )
            if len(bm) < max(min_countries, 3):
                continue
            parts.append(_long(bm.index, year, "blockmodel_commodity", bm["zone"], bm["score"]))

    net_methods = [m for m in wanted if not m.startswith("income") and m != "blockmodel_commodity"]
    if net_methods:
        if dyads is None:
            raise SchemaError(f"methods {net_methods} need the trade dyads", field=weight_col)
        require_columns(dyads, ["iso3_o", "iso3_d", "year", weight_col], name="dyads")
        by_year = {y: g for y, g in dyads[dyads["year"].isin(years)].groupby("year")}
        arms_by = {} if arms is None else {y: g for y, g in arms.groupby("year")}
        ally_by = {} if alliances is None else {y: g for y, g in alliances.groupby("year")}
        label = "position: network methods, by year"
        for year in progress.track(years, label, detail=lambda y: y):
            if year not in by_year:
                continue
            W = trade_matrix(by_year[year], year, weight_col=weight_col, transform=transform)
            if len(W) < max(min_countries, 3):
                continue
            parts.extend(
                _network_year(
                    W,
                    year,
                    net_methods,
                    seed=seed,
                    n_blocks=n_blocks,
                    se_similarity=se_similarity,
                    se_profile=se_profile,
                    se_clustering=se_clustering,
                    rege_clustering=rege_clustering,
                    rege_iterations=rege_iterations,
                    rege_max_partners=rege_max_partners,
                    transform=transform,
                    arms=arms_by.get(year),
                    arms_col=arms_col,
                    alliances=ally_by.get(year),
                    alliance_col=alliance_col,
                )
            )
    if parts:
        out = pd.concat(parts, ignore_index=True)[RESULT_COLUMNS]
    else:
        out = pd.DataFrame(
            {
                c: pd.Series(dtype=t)
                for c, t in zip(
                    RESULT_COLUMNS, ["object", "int64", "object", "object", "float64"], strict=True
                )
            }
        )
    order = {m: i for i, m in enumerate(METHODS)}
    out = (
        out.assign(_o=out["method"].map(order))
        .sort_values(["_o", "year", "iso3"], kind="stable")
        .drop(columns="_o")
        .reset_index(drop=True)
    )
    out["year"] = out["year"].astype("int64")
    p = (
        prov.merged(*inputs)
        .merge(*mrio_provs, *income_provs)
        .with_method(
            "positions",
            {
                "methods": wanted,
                "income_method": income_method,
                "income_window": income_window,
                **(
                    {
                        "income_silverman": income_silverman,
                        "income_silverman_years": None
                        if income_silverman_years is None
                        else sorted({int(y) for y in income_silverman_years}),
                    }
                    if income_silverman
                    else {}
                ),
                "transform": transform,
                "n_blocks": n_blocks,
                "se_similarity": se_similarity,
                "se_profile": se_profile,
                "se_clustering": se_clustering,
                "rege_iterations": rege_iterations,
                "rege_max_partners": rege_max_partners,
                "rege_clustering": rege_clustering,
                "commodity_ties": commodity_ties,
                "commodity_groups": "WIOD_COMMODITY_GROUPS"
                if commodity_groups is None
                else dict(commodity_groups),
                "commodity_years": sorted(int(y) for y in mrio if int(y) in {int(v) for v in years})
                if mrio is not None
                else [],
                "min_countries": min_countries,
                "seed": seed,
            },
            tuple(dict.fromkeys(k for v in _CITE.values() for k in v)),
        )
    )
    prov.attach(out, p)
    prov.set_units(out, {"score": "method-specific: log GDP per capita, coreness or block score"})
    return out


def _long(labels: pd.Index, year: int, method: str, zone, score) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "iso3": np.asarray(labels, dtype=object),
            "year": year,
            "method": method,
            "zone": np.asarray(zone),
            "score": np.asarray(score, dtype=float),
        }
    )


def _network_year(
    W,
    year,
    methods,
    *,
    seed,
    n_blocks,
    se_similarity,
    se_clustering,
    rege_clustering,
    se_profile="level",
    rege_iterations,
    rege_max_partners,
    transform,
    arms,
    arms_col,
    alliances,
    alliance_col,
):
    X, labels = _as_matrix(W)
    A = net.symmetrise(X)
    parts = []
    try:
        c, _, _ = net.continuous_coreness(A)
    except ModelError:
        return parts
    if "cp_continuous" in methods:
        parts.append(_long(labels, year, "cp_continuous", _breaks_zones(c), c))
    if "cp_three_tier" in methods:
        tt = three_tier(W, coreness=c, method="nested", seed=seed)
        parts.append(_long(labels, year, "cp_three_tier", tt.to_numpy(), c))
    if "blockmodel_se" in methods:
        if se_profile == "shares":
            D = net.structural_euclidean(*net.share_profiles(X))
            S = 1.0 - D / D.max() if D.max() > 0 else np.ones_like(D)
        elif se_similarity == "correlation":
            S = net.structural_correlation(X)
        else:
            D = net.structural_euclidean(X)
            S = 1.0 - D / D.max() if D.max() > 0 else np.ones_like(D)
        bm = blockmodel_positions(X, S, n_blocks=n_blocks, clustering=se_clustering)
        parts.append(_long(labels, year, "blockmodel_se", bm["zone"], bm["score"]))
    if "blockmodel_rege" in methods:
        mp = rege_max_partners
        if mp == "auto":
            mp = None if X.shape[0] <= REGE_EXACT_MAX else REGE_TOP_PARTNERS
        S = net.rege(X, iterations=rege_iterations, max_partners=mp)
        bm = blockmodel_positions(X, S, n_blocks=n_blocks, clustering=rege_clustering)
        parts.append(_long(labels, year, "blockmodel_rege", bm["zone"], bm["score"]))
    if "multiplex" in methods:
        extra = {}
        if arms is not None and len(arms):
            extra["arms"] = trade_matrix(
                arms, year, weight_col=arms_col, countries=list(labels), transform="log1p"
            )
        if alliances is not None and len(alliances):
            al = alliances
            col = alliance_col
            if col is None:
                al = alliances.assign(_w=1.0)
                col = "_w"
            m = trade_matrix(al, year, weight_col=col, countries=list(labels), transform="raw")
            extra["alliances"] = (m > 0).astype(float)
        extra = {k: v for k, v in extra.items() if v.to_numpy().sum() > 0}
        if extra:
            mp = multiplex_position({"trade": W, **extra})
            if len(mp.columns) > 3:  # trade plus at least one other network was used
                mp = mp.loc[list(labels)]
                parts.append(_long(labels, year, "multiplex", mp["zone"], mp["score"]))
    return parts


#: Method -> family, for the consensus (:func:`position_ensemble`): the income
#: zones, the trade-network methods and the multiple-network method are three
#: families; the consensus weights families, not methods, so the trade-network
#: methods (the COW network's four readings, and the WIOD commodity roles when asked
#: for) do not outvote the two income methods.
METHOD_FAMILIES: dict[str, str] = {
    "income_xr": "income",
    "income_ppp": "income",
    "cp_continuous": "network",
    "cp_three_tier": "network",
    "blockmodel_se": "network",
    "blockmodel_rege": "network",
    "blockmodel_commodity": "network",
    "multiplex": "multiplex",
}

#: The ``method`` of the consensus rows (:func:`with_consensus`).
CONSENSUS = "consensus"

#: Methods reported beside the others but left out of the consensus unless asked for
#: by name (``methods=``): ``blockmodel_commodity`` places only the WIOD countries in
#: 1995-2011, so as a vote it would change the consensus's composition at 1995 and
#: 2012 (false zone moves), and its core is unstable from year to year (6-8 or 14-18
#: countries, the first CONCOR split moves; ``docs/validation.md``).
CONSENSUS_EXCLUDED: tuple[str, ...] = ("blockmodel_commodity",)


def position_ensemble(
    results: pd.DataFrame,
    *,
    methods: Sequence[str] | None = None,
    weight: str = "family",
) -> pd.DataFrame:
    r"""Consensus zone per country-year across methods.

    Each method that places the country that year votes for its zone. With
    ``weight="family"`` (default) each family of :data:`METHOD_FAMILIES` present for
    the country-year carries weight one, shared equally among its methods (a method
    outside the table is a family of its own); with ``weight="method"`` every method
    carries weight one. The consensus is the zone with the largest total weight; a
    tie between zones goes to the one nearest the weighted median of the ordered
    votes (core < semi-periphery < periphery), and a remaining tie to the
    semi-periphery. ``share`` is the weight agreeing with the consensus over the
    total weight:

    .. math:: 	ext{share}_{it} = rac{\sum_m w_m [z_{mit} = \hat z_{it}]}{\sum_m w_m},
       \qquad w_m = rac{1}{|F(m)|}

    (:math:`|F(m)|` the number of methods of :math:`m`'s family placing the
    country that year). Rows of method ``"consensus"`` are ignored.

    Parameters
    ----------
    results : DataFrame
        The long frame of :func:`positions`.
    methods : sequence of str, optional
        Subset of methods to combine (default all present but those of
        :data:`CONSENSUS_EXCLUDED`).
    weight : {"family", "method"}

    Returns
    -------
    DataFrame
        ``iso3, year, zone, share, n_methods``.

    Examples
    --------
    >>> r = pd.DataFrame({"iso3": "A", "year": 2000, "method": ["m1", "m2", "m3"],
    ...                   "zone": ["core", "core", "periphery"]})
    >>> e = position_ensemble(r)
    >>> e.zone[0], round(float(e.share[0]), 3), int(e.n_methods[0])
    ('core', 0.667, 3)
    >>> r = pd.DataFrame({"iso3": "A", "year": 2000,
    ...                   "zone": ["core"] * 4 + ["semi-periphery"] * 2 + ["semi-periphery"],
    ...                   "method": ["cp_continuous", "cp_three_tier", "blockmodel_se",
    ...                              "blockmodel_rege", "income_xr", "income_ppp", "multiplex"]})
    >>> e = position_ensemble(r)  # 4 network votes weigh 1, income 1, multiplex 1
    >>> e.zone[0], round(float(e.share[0]), 3)
    ('semi-periphery', 0.667)
    >>> position_ensemble(r, weight="method").zone[0]
    'core'
    """
    if weight not in ("family", "method"):
        raise SchemaError(
            f"unknown consensus weight {weight!r}; expected 'family' or 'method'",
            field="weight",
            value=weight,
        )
    _check_results(results)
    r = results[results["method"] != CONSENSUS]
    if methods is not None:
        r = r[r["method"].isin(methods)]
    else:
        r = r[~r["method"].isin(CONSENSUS_EXCLUDED)]
    codes = _zone_codes(r["zone"])
    if (codes < 0).any():
        raise SchemaError(
            f"zone values must be one of {ZONES}",
            field="zone",
            value=r["zone"][codes < 0].iloc[0],
        )
    d = r[["iso3", "year", "method"]].assign(code=codes)
    if weight == "family":
        fam = d["method"].map(METHOD_FAMILIES).fillna(d["method"])
        size = d.groupby(["iso3", "year", fam.rename("_fam")])["method"].transform("size")
        d["w"] = 1.0 / size.to_numpy(dtype="float64")
    else:
        d["w"] = 1.0
    cnt = d.pivot_table(
        index=["iso3", "year"], columns="code", values="w", aggfunc="sum", fill_value=0.0
    ).reindex(columns=[0, 1, 2], fill_value=0.0)
    n_methods = d.groupby(["iso3", "year"]).size().reindex(cnt.index).to_numpy()
    C = cnt.to_numpy(dtype="float64")
    n = C.sum(axis=1)
    # weighted median vote position
    cum = np.cumsum(C, axis=1)
    med = np.argmax(cum >= (n[:, None] / 2.0) - 1e-12, axis=1)
    top = C.max(axis=1, keepdims=True)
    tied = np.isclose(C, top, rtol=0, atol=1e-12)
    dist = np.abs(np.arange(3)[None, :] - med[:, None]) + np.where(tied, 0, 100)
    # Prefer the zone nearest the median; on equal distance prefer semi-periphery (index 1).
    dist = dist * 10 + np.abs(np.arange(3) - 1)[None, :]
    pick = np.argmin(dist, axis=1)
    out = pd.DataFrame(
        {
            "iso3": cnt.index.get_level_values(0),
            "year": cnt.index.get_level_values(1).astype("int64"),
            "zone": np.array(ZONES)[pick],
            "share": C[np.arange(len(C)), pick] / n,
            "n_methods": n_methods.astype("int64"),
        }
    )
    prov.attach(
        out,
        prov.get(results).with_method("position_ensemble", {"methods": methods, "weight": weight}),
    )
    return out


def with_consensus(results: pd.DataFrame, *, weight: str = "family") -> pd.DataFrame:
    """``results`` plus one row per country-year of method ``"consensus"``.

    The rows hold :func:`position_ensemble`'s zone and, as ``score``, the share of
    the (family-weighted) votes agreeing with it. Any consensus rows already in
    ``results`` are replaced.

    Examples
    --------
    >>> r = pd.DataFrame({"iso3": "A", "year": 2000, "method": ["income_xr", "multiplex"],
    ...                   "zone": ["core", "core"], "score": [9.0, 0.3]})
    >>> with_consensus(r)[["method", "zone", "score"]].values.tolist()[-1]
    ['consensus', 'core', 1.0]
    """
    base = results[results["method"] != CONSENSUS]
    e = position_ensemble(base, weight=weight)
    rows = pd.DataFrame(
        {
            "iso3": e["iso3"].to_numpy(dtype=object),
            "year": e["year"].to_numpy(dtype="int64"),
            "method": CONSENSUS,
            "zone": e["zone"].to_numpy(dtype=object),
            "score": e["share"].to_numpy(dtype="float64"),
        }
    )
    out = pd.concat([base[RESULT_COLUMNS], rows], ignore_index=True)
    prov.attach(out, prov.get(e).with_method("with_consensus", {"weight": weight}))
    prov.set_units(
        out,
        {
            "score": "method-specific: log GDP per capita, coreness or block score; "
            "consensus: share of family-weighted votes agreeing"
        },
    )
    return out


def cohen_kappa(a: Sequence, b: Sequence, *, weights: str | None = None) -> float:
    r"""Cohen's (1960) kappa of two zone ratings of the same items.

    .. math:: \kappa = \frac{p_o - p_e}{1 - p_e}, \quad
              p_o = \sum_k p_{kk}, \quad p_e = \sum_k p_{k\cdot}\,p_{\cdot k}

    :func:`worldsystem.measures.agreement.cohen_kappa` with the categories in
    the order of :data:`ZONES` (other labels: sorted order), which the weighted
    kappa (``weights="linear"`` or ``"quadratic"``) uses. If :math:`p_e = 1` the
    value is 1 when the ratings agree fully and NaN otherwise.

    Examples
    --------
    >>> cohen_kappa(["core", "periphery"], ["core", "periphery"])
    1.0
    """
    return agreement.cohen_kappa(a, b, weights=weights, order=ZONES)


def method_agreement(
    results: pd.DataFrame, year: int | None = None, *, weights: str | None = None
) -> pd.DataFrame:
    r"""Pairwise agreement between methods: adjusted Rand index and Cohen's kappa.

    For each ordered pair of methods, the country-years placed by both (in
    ``year``, or pooled over all years) are compared with
    :func:`adjusted_rand_index` (partition agreement, ignores which zone is
    which) and :func:`cohen_kappa` (label agreement; ``weights`` for the
    weighted kappa on the ordered zones).

    Returns
    -------
    DataFrame
        ``method_a, method_b, n, ari, kappa`` (one row per ordered pair,
        including the diagonal). Pivot with
        ``df.pivot(index="method_a", columns="method_b", values="ari")``.

    Examples
    --------
    >>> r = pd.DataFrame({"iso3": list("ABCDABCD"), "year": 2000,
    ...                   "method": ["x"] * 4 + ["y"] * 4,
    ...                   "zone": ["core", "core", "periphery", "periphery"] * 2})
    >>> method_agreement(r).ari.tolist()
    [1.0, 1.0, 1.0, 1.0]
    """
    _check_results(results)
    r = results if year is None else results[results["year"] == year]
    wide = r.pivot_table(index=["iso3", "year"], columns="method", values="zone", aggfunc="first")
    ms = [m for m in METHODS if m in wide.columns] + sorted(
        m for m in wide.columns if m not in METHODS
    )
    rows = []
    for ma in ms:
        for mb in ms:
            both = wide[[ma, mb]].dropna() if ma != mb else wide[[ma]].dropna()
            x = both[ma].to_numpy()
            y = both[mb].to_numpy() if ma != mb else x
            n = len(x)
            rows.append(
                {
                    "method_a": ma,
                    "method_b": mb,
                    "n": n,
                    "ari": adjusted_rand_index(x, y) if n >= 2 else float("nan"),
                    "kappa": cohen_kappa(x, y, weights=weights) if n >= 1 else float("nan"),
                }
            )
    out = pd.DataFrame(rows, columns=["method_a", "method_b", "n", "ari", "kappa"])
    prov.attach(
        out,
        prov.get(results).with_method(
            "method_agreement", {"year": year, "weights": weights}, _CITE["agreement"]
        ),
    )
    return out


def family_agreement(pairs: pd.DataFrame, method: str = CONSENSUS) -> pd.DataFrame:
    r"""How close one method's partition is to each family of methods.

    From ``pairs``, :func:`method_agreement`'s output, the adjusted Rand index between
    ``method`` (default the consensus) and every other method, summarised per
    family of :data:`METHOD_FAMILIES` (a method outside the table is a family of
    its own): the smallest, mean and largest ARI over the family's methods. It
    answers the referee's question of which family a consensus follows: where
    two families rest on the same ties (the network methods and the multiplex
    both on trade), the consensus can sit close to them and far from the third,
    even with every family weighted equally.

    Returns
    -------
    DataFrame
        ``family, n_methods, ari_min, ari_mean, ari_max, methods`` (methods
        joined by ``", "``), sorted by ``ari_mean``, highest first.

    Examples
    --------
    >>> a = pd.DataFrame({"method_a": "consensus",
    ...                   "method_b": ["income_xr", "income_ppp", "multiplex"],
    ...                   "n": 10, "ari": [0.1, 0.3, 0.9], "kappa": 0.0})
    >>> family_agreement(a)[["family", "ari_mean"]].values.tolist()
    [['multiplex', 0.9], ['income', 0.2]]
    """
    require_columns(pairs, ["method_a", "method_b", "ari"], name="pairs")
    rows = pairs[
        (pairs["method_a"] == method)
        & (pairs["method_b"] != method)
        & (pairs["method_b"] != CONSENSUS)
        & pairs["ari"].notna()
    ]
    fam = rows["method_b"].map(lambda m: METHOD_FAMILIES.get(m, m))
    g = rows.assign(family=fam.to_numpy()).groupby("family", sort=False)
    out = pd.DataFrame(
        {
            "n_methods": g["ari"].size(),
            "ari_min": g["ari"].min(),
            "ari_mean": g["ari"].mean(),
            "ari_max": g["ari"].max(),
            "methods": g["method_b"].agg(lambda x: ", ".join(x)),
        }
    ).reset_index()
    out = out.sort_values("ari_mean", ascending=False, kind="stable").reset_index(drop=True)
    prov.attach(out, prov.get(pairs).with_method("family_agreement", {"method": method}))
    return out
