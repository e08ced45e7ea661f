"""Imperialism indicators by feature: wide country-year frames.

Step 1 of :mod:`worldsystem.measures.imperialism`: :func:`capital_export`
(Lenin 1916, ch. 4; Hobson 1902), :func:`economic_weight`,
:func:`territorial_reach` (principal-supplier counts after Hirschman 1945) and
:func:`military_reach` (SIPRI, FAS, Allen et al. 2022, Vine 2015, UCDP/PRIO).

References
----------
Lenin, V.I. (1916/1917). *Imperialism, the Highest Stage of Capitalism*, ch. 4
(export of capital) and ch. 7 (the five features).

Hobson, J.A. (1902). *Imperialism: A Study*. London: James Nisbet.

Hirschman, A.O. (1945). *National Power and the Structure of Foreign Trade*.

Allen, M.A., Flynn, M.E., Machain, C.M., Stravers, A. (2022). Global U.S.
military deployment data: 1950-2020. *Conflict Management and Peace Science*
39(3):351-370. doi:10.1177/07388942211030885.

Vine, D. (2015). *Base Nation*. New York: Metropolitan Books.

Gleditsch, N.P., Wallensteen, P., Eriksson, M., Sollenberg, M., Strand, H.
(2002). Armed Conflict 1946-2001: A New Dataset. *Journal of Peace Research*
39(5):615-637. doi:10.1177/0022343302039005007.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_numeric, check_unique, require_columns
from worldsystem.measures import dependence as dep
from worldsystem.measures._common import finish, within_year_shares
from worldsystem.measures.imperialism.registry import _BY_ID, DEFAULT_COLUMNS

__all__ = [
    "capital_export",
    "economic_weight",
    "military_reach",
    "territorial_reach",
]


def _col(cy: pd.DataFrame, role: str, columns: Mapping[str, str] | None) -> str | None:
    """Column of ``cy`` playing ``role``: the override, else the first default present."""
    if columns and role in columns:
        name = columns[role]
        require_columns(cy, [name], name="frame")
        return name
    for cand in DEFAULT_COLUMNS.get(role, (role,)):
        if cand in cy.columns:
            return cand
    return None


def _check_cy(cy: pd.DataFrame) -> pd.DataFrame:
    require_columns(cy, ["iso3", "year"], name="cy")
    if cy["iso3"].isna().any():
        raise SchemaError(
            "country-year frame has rows with a missing iso3",
            file="cy",
            field="iso3",
            hint="drop rows without an ISO3 code (aggregates, historical units) first",
        )
    check_unique(cy, ["iso3", "year"], name="cy")
    out = cy.copy()
    out["year"] = out["year"].astype("int64")
    return out


def _finish(
    out: pd.DataFrame, inputs: list[pd.DataFrame], method: str, params: dict, cites: tuple[str, ...]
) -> pd.DataFrame:
    out = out.sort_values(["year", "iso3"]).reset_index(drop=True)
    finish(out, inputs, method, params, cites)
    prov.set_units(out, {i: _BY_ID[i].unit for i in out.columns if i in _BY_ID})
    return out


def capital_export(
    cy: pd.DataFrame,
    *,
    drain: pd.DataFrame | None = None,
    columns: Mapping[str, str] | None = None,
    window: int = 5,
) -> pd.DataFrame:
    """Capital export: FDI outflows against inflows, and net appropriation.

    With :math:`o_{it}` FDI net outflows and :math:`n_{it}` FDI net inflows, both
    in % of GDP (World Bank WDI, via Gapminder), each taken as its mean over the
    ``window`` years to :math:`t` (:math:`\\bar o_{it} = \\frac{1}{|Y|}\\sum_{s \\in Y}
    o_{is}`, :math:`Y` the years :math:`t - w + 1 \\ldots t` with data, at least
    :math:`\\lceil w/2 \\rceil` of them, else missing):

    .. math::

        \\text{ratio}_{it} = \\bar o_{it} / \\bar n_{it} \\quad (\\bar o_{it} > 0,\\
        \\bar n_{it} > 0), \\qquad \\text{net}_{it} = \\bar o_{it} - \\bar n_{it}

    Capital export in Lenin's sense is a position, not one year's net flow: a
    single year's flows swing with one merger or disinvestment (the United
    Kingdom's 2014 net outflow was negative, ranking it 185th and 19th on the
    composite, below South Africa and Turkey). A stock would measure the position
    best; the bundled data have flows only (stocks need UNCTAD's tables, registry
    entry ``fdi_stock_out_in``), so the default is the five-year mean;
    ``window=1`` gives the single-year flows.

    The ratio is left missing when either flow is zero or negative (net flows
    can be negative: disinvestment), where it has no meaning; the difference is
    always defined. Lenin (1916, ch. 4) and Hobson (1902) make capital export the
    mark of the imperialist economy; these are flows, not stocks (stocks need
    UNCTAD's tables, see the registry entry ``fdi_stock_out_in``).

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame with the FDI columns (roles ``fdi_out_pct_gdp``,
        ``fdi_in_pct_gdp``).
    drain : pandas.DataFrame, optional
        Net appropriation from :mod:`worldsystem.measures.exchange`: ``iso3,
        year, net_appropriation`` (its unit travels in its ``attrs["units"]``).
        Added as the ``net_appropriation`` column when given.
    columns : mapping, optional
        Role -> column overrides (see :data:`DEFAULT_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, fdi_out_pct_gdp, fdi_in_pct_gdp, fdi_out_in_ratio,
        fdi_net_out_pct_gdp`` (and ``net_appropriation``), one row per row of ``cy``.

    Examples
    --------
    >>> cy = pd.DataFrame({"iso3": ["A"], "year": [2000], "fdi_out_pct_gdp": [3.0],
    ...                    "fdi_in_pct_gdp": [1.5]})
    >>> out = capital_export(cy, window=1)
    >>> out[["fdi_out_in_ratio", "fdi_net_out_pct_gdp"]].iloc[0].tolist()
    [2.0, 1.5]
    >>> cy = pd.DataFrame({"iso3": "A", "year": [2000, 2001, 2002],
    ...                    "fdi_out_pct_gdp": [3.0, 5.0, -2.0], "fdi_in_pct_gdp": 1.0})
    >>> capital_export(cy, window=3)["fdi_net_out_pct_gdp"].tolist()  # 2000: one value < 2
    [nan, 3.0, 1.0]
    """
    cy = _check_cy(cy)
    c_out = _col(cy, "fdi_out_pct_gdp", columns)
    c_in = _col(cy, "fdi_in_pct_gdp", columns)
    if c_out is None or c_in is None:
        raise SchemaError(
            "the country-year frame has no FDI outflow/inflow columns",
            file="cy",
            field="fdi_out_pct_gdp",
            hint="add fdi_out_pct_gdp and fdi_in_pct_gdp (WDI via gapminder) or map them "
            "with columns={'fdi_out_pct_gdp': ..., 'fdi_in_pct_gdp': ...}",
        )
    check_numeric(cy, [c_out, c_in], name="cy")
    if int(window) != window or window < 1:
        raise SchemaError(
            "window must be a whole number of years >= 1", field="window", value=window
        )
    o = _trailing_mean(cy, c_out, int(window))
    n = _trailing_mean(cy, c_in, int(window))
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where((o > 0) & (n > 0), o / n, np.nan)
    out = pd.DataFrame(
        {
            "iso3": cy["iso3"].to_numpy(),
            "year": cy["year"].to_numpy(),
            "fdi_out_pct_gdp": o,
            "fdi_in_pct_gdp": n,
            "fdi_out_in_ratio": ratio,
            "fdi_net_out_pct_gdp": o - n,
        }
    )
    inputs = [cy]
    if drain is not None:
        dcol = _col(drain, "net_appropriation", columns)
        if dcol is None:
            raise SchemaError(
                "drain frame has no net_appropriation column",
                file="drain",
                field="net_appropriation",
                hint="pass the country-year output of the exchange measures, or map it with "
                "columns={'net_appropriation': ...}",
            )
        require_columns(drain, ["iso3", "year"], name="drain")
        check_unique(drain, ["iso3", "year"], name="drain")
        d = drain[["iso3", "year", dcol]].rename(columns={dcol: "net_appropriation"})
        d = d.assign(year=d["year"].astype("int64"))
        out = out.merge(d, on=["iso3", "year"], how="left")
        inputs.append(drain)
    return _finish(
        out,
        inputs,
        "capital_export",
        {"window": int(window)},
        ("lenin1916imperialism", "hobson1902"),
    )


def _trailing_mean(cy: pd.DataFrame, col: str, window: int) -> np.ndarray:
    """Per-country mean of ``col`` over the ``window`` calendar years to each row's
    year (gaps count as missing; at least ceil(window / 2) values), row-aligned."""
    v = cy[col].to_numpy(dtype="float64", na_value=np.nan)
    if window == 1 or len(v) == 0:
        return v
    f = pd.DataFrame({"iso3": cy["iso3"].to_numpy(), "year": cy["year"].to_numpy(), "v": v})
    wide = f.pivot_table(index="year", columns="iso3", values="v", aggfunc="mean", dropna=False)
    wide = wide.reindex(range(int(f["year"].min()), int(f["year"].max()) + 1))
    rolled = wide.rolling(window, min_periods=-(-window // 2)).mean()
    long = rolled.stack(future_stack=True).rename("m").reset_index()
    m = f[["iso3", "year"]].merge(long, on=["iso3", "year"], how="left")
    return m["m"].to_numpy(dtype="float64", na_value=np.nan)


def economic_weight(
    cy: pd.DataFrame,
    trade: pd.DataFrame | None = None,
    *,
    columns: Mapping[str, str] | None = None,
    trade_columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Economic weight: shares of world GDP and of world trade.

    .. math::

        g_{it} = \\frac{Y_{it}}{\\sum_j Y_{jt}}, \\qquad
        \\tau_{it} = \\frac{X_{it} + M_{it}}{\\sum_j (X_{jt} + M_{jt})}

    Y is GDP in current USD (role ``gdp_usd``; ``gdp_ppp`` adds the PPP share),
    summed over the countries of ``cy`` with data that year (the "world" is the
    frame's universe). X and M come from the trade dyads
    (:func:`worldsystem.measures.dependence.trade_totals`); the trade world total
    is over all reporting states, so the trade shares of the countries of ``cy``
    sum to at most 1.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame.
    trade : pandas.DataFrame, optional
        Directed trade dyads; without it ``trade_share_world`` is omitted.
    columns, trade_columns : mapping, optional
        Column overrides of the country-year and trade frames.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year`` and ``gdp_share_world``, ``gdp_ppp_share_world``,
        ``trade_share_world`` (fractions), as the inputs allow.
    """
    cy = _check_cy(cy)
    out = cy[["iso3", "year"]].copy()
    inputs = [cy]
    for role, name in (("gdp_usd", "gdp_share_world"), ("gdp_ppp", "gdp_ppp_share_world")):
        c = _col(cy, role, columns)
        if c is not None:
            check_numeric(cy, [c], name="cy", min_value=0)
            out[name] = within_year_shares(cy[c], cy["year"])
    if trade is not None:
        tot = dep.trade_totals(trade, columns=trade_columns)
        tt = tot["exports"] + tot["imports"]
        tot = tot.assign(trade_share_world=within_year_shares(tt, tot["year"]))
        out = out.merge(tot[["iso3", "year", "trade_share_world"]], on=["iso3", "year"], how="left")
        inputs.append(trade)
    return _finish(out, inputs, "economic_weight", {}, ("lenin1916imperialism",))


def territorial_reach(
    cy: pd.DataFrame,
    trade: pd.DataFrame,
    *,
    trade_columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Economic sphere of influence: states for which a country is the largest supplier.

    .. math::

        P_{it} = \\#\\{ j : i = \\arg\\max_k s_{jkt} \\}

    where :math:`s_{jkt}` is k's share in j's imports
    (:func:`worldsystem.measures.dependence.principal_supplier_counts`).
    Hirschman (1945) reads trade dependence on one supplier as a source of the
    supplier's power; it stands in here for Lenin's fifth feature, the division
    of the world into spheres, which the bundled data cannot measure directly
    (see ``bases_abroad_all_states`` in the registry). Countries of ``cy`` that
    export in the trade data that year and lead no partner get 0; countries
    absent from the trade data are missing.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame (its rows are the universe).
    trade : pandas.DataFrame
        Directed trade dyads.
    trade_columns : mapping, optional
        Trade column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, principal_supplier_count``.
    """
    cy = _check_cy(cy)
    p = dep.principal_supplier_counts(trade, columns=trade_columns)
    out = cy[["iso3", "year"]].merge(p, on=["iso3", "year"], how="left")
    out["principal_supplier_count"] = out["principal_supplier_count"].astype("float64")
    return _finish(out, [cy, trade], "territorial_reach", {}, ("hirschman1945national",))


def military_reach(
    cy: pd.DataFrame,
    arms: pd.DataFrame | None = None,
    participants: pd.DataFrame | None = None,
    *,
    us_troops: pd.DataFrame | None = None,
    us_bases: pd.DataFrame | None = None,
    bases_year: int = 2015,
    warheads_missing_as_zero: bool = True,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Military reach: shares of world military expenditure, warheads and arms exports.

    .. math::

        \\text{milex share}_{it} = \\frac{E_{it}}{\\sum_j E_{jt}}, \\quad
        \\text{warhead share}_{it} = \\frac{W_{it}}{\\sum_j W_{jt}}, \\quad
        \\text{arms share}_{it} = \\frac{\\sum_k T_{ikt}}{\\sum_{j,k} T_{jkt}}

    and :math:`R_{it} = \\#\\{k : (i, k, t) \\text{ in the arms data}\\}`, the number
    of state recipients. E is SIPRI military expenditure in current USD (role
    ``milex_usd``; shares are invariant to the currency unit); W the FAS warhead
    estimates; T SIPRI TIV of deliveries from i to k.

    Conventions (documented, not guessed):

    - The world military-expenditure total is over the countries of ``cy`` with
      a value that year.
    - Warheads: the FAS Nuclear Notebook covers every state known to hold
      nuclear warheads, so with ``warheads_missing_as_zero`` (default) a country
      of ``cy`` without a value holds 0 in years up to the last year with any
      warhead data (later years stay missing).
    - Arms: the world total is every delivery in ``arms`` that year, including
      non-state and unidentified suppliers (SIPRI's world total). A country of
      ``cy`` with no delivery in a year covered by ``arms`` exported 0 TIV to 0
      recipients (the database records all deliveries of major conventional
      weapons). Recipients are counted among state recipients with an ISO3.
    - Conflicts abroad (UCDP/PRIO ACD, Gleditsch et al. 2002): the number of
      distinct conflicts in which the state is a party (any side) to an
      interstate conflict (``type_of_conflict == 2``) or a secondary party
      (``a_2nd``/``b_2nd``) to an internationalised intrastate conflict
      (``type_of_conflict == 4``). The bundled extract has no location column,
      so this is a *proxy* for fighting outside one's territory: it also counts
      a state defending its own territory in an interstate war. 0 in years
      covered by ``participants`` when the state is not listed.
    - US troops abroad (Allen et al. 2022) and US overseas sites (Vine 2015)
      exist for the United States only; other countries' values are missing
      (:func:`indicator_table` marks them "not covered"). Troops exclude those
      stationed in the US itself. Vine's list is a snapshot, so
      ``us_bases_abroad`` is given for ``bases_year`` only.

    Parameters
    ----------
    cy : pandas.DataFrame
        Country-year frame (roles ``milex_usd``, ``warheads``).
    arms : pandas.DataFrame, optional
        Arms dyads ``iso3_o, iso3_d, year`` and TIV (role ``tiv``).
    participants : pandas.DataFrame, optional
        UCDP participants ``conflict_id, year, side, iso3, type_of_conflict``.
    us_troops : pandas.DataFrame, optional
        Host-year US troops ``iso3, year`` and role ``troops`` (``troops_ad``).
    us_bases : pandas.DataFrame, optional
        Vine's list with ``iso3`` (host) per site.
    bases_year : int
        The year the bases snapshot is attached to (Vine 2015).
    warheads_missing_as_zero : bool
        See above.
    columns : mapping, optional
        Role -> column overrides (:data:`DEFAULT_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        ``iso3, year`` and, as inputs allow, ``milex_share_world,
        warhead_share_world, arms_export_share_world, arms_recipients,
        conflicts_abroad, us_troops_abroad, us_bases_abroad``.
    """
    cy = _check_cy(cy)
    out = cy[["iso3", "year"]].copy()
    inputs = [cy]
    c = _col(cy, "milex_usd", columns)
    if c is not None:
        check_numeric(cy, [c], name="cy", min_value=0)
        out["milex_share_world"] = within_year_shares(cy[c], cy["year"])
    c = _col(cy, "warheads", columns)
    if c is not None:
        check_numeric(cy, [c], name="cy", min_value=0)
        w = cy[c].astype("float64")
        if warheads_missing_as_zero:
            last = cy.loc[cy[c].notna(), "year"].max()
            w = w.where(w.notna() | (cy["year"] > last), 0.0)
        out["warhead_share_world"] = within_year_shares(w, cy["year"])
    if arms is not None:
        tcol = _col(arms, "tiv", columns)
        if tcol is None:
            raise SchemaError(
                "arms frame has no TIV column",
                file="arms",
                field="tiv",
                hint="pass SIPRI TIV dyads with a 'tiv' or 'tiv_millions' column",
            )
        require_columns(arms, ["iso3_o", "iso3_d", "year"], name="arms")
        check_numeric(arms, [tcol], name="arms", min_value=0)
        a = pd.DataFrame(
            {
                "o": arms["iso3_o"].astype("object"),
                "d": arms["iso3_d"].astype("object"),
                "year": arms["year"].astype("int64"),
                "tiv": arms[tcol].to_numpy(dtype="float64", na_value=np.nan),
            }
        )
        world = a.groupby("year")["tiv"].sum()
        sup = a.loc[a["o"].notna()]
        exp = sup.groupby(["o", "year"])["tiv"].sum()
        rec = sup.loc[sup["d"].notna() & (sup["d"] != sup["o"])]
        nrec = rec.groupby(["o", "year"])["d"].nunique()
        agg = pd.DataFrame({"tiv": exp, "arms_recipients": nrec}).reset_index()
        agg = agg.rename(columns={"o": "iso3"})
        out = out.merge(agg, on=["iso3", "year"], how="left")
        covered = out["year"].isin(world.index)
        out["arms_recipients"] = (
            out["arms_recipients"]
            .where(out["arms_recipients"].notna() | ~covered, 0.0)
            .astype("float64")
        )
        tiv = out["tiv"].where(out["tiv"].notna() | ~covered, 0.0)
        wt = out["year"].map(world).to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["arms_export_share_world"] = np.where(wt > 0, tiv / wt, np.nan)
        out = out.drop(columns="tiv")
        inputs.append(arms)
    if participants is not None:
        require_columns(
            participants,
            ["conflict_id", "year", "side", "iso3", "type_of_conflict"],
            name="participants",
        )
        p = participants
        toc = p["type_of_conflict"].to_numpy()
        abroad = (toc == 2) | ((toc == 4) & p["side"].isin(["a_2nd", "b_2nd"]).to_numpy())
        p = p.loc[abroad & p["iso3"].notna().to_numpy()]
        cnt = p.groupby(["iso3", "year"])["conflict_id"].nunique().rename("conflicts_abroad")
        cnt = cnt.reset_index()
        cnt["year"] = cnt["year"].astype("int64")
        out = out.merge(cnt, on=["iso3", "year"], how="left")
        covered = out["year"].isin(set(participants["year"].astype("int64")))
        out["conflicts_abroad"] = (
            out["conflicts_abroad"]
            .where(out["conflicts_abroad"].notna() | ~covered, 0.0)
            .astype("float64")
        )
        inputs.append(participants)
    if us_troops is not None:
        tc = _col(us_troops, "troops", columns)
        if tc is None:
            raise SchemaError(
                "us_troops frame has no troops column",
                file="us_troops",
                field="troops_ad",
                hint="pass worldsystem.sources.us_troops.load() or map columns={'troops': ...}",
            )
        require_columns(us_troops, ["iso3", "year"], name="us_troops")
        t = us_troops.loc[us_troops["iso3"] != "USA"]
        tot = t.groupby(t["year"].astype("int64"))[tc].sum(min_count=1)
        us = out["iso3"] == "USA"
        out["us_troops_abroad"] = np.where(us, out["year"].map(tot), np.nan).astype("float64")
        inputs.append(us_troops)
    if us_bases is not None:
        require_columns(us_bases, ["iso3"], name="us_bases")
        n = int((us_bases["iso3"].fillna("") != "USA").sum())
        sel = (out["iso3"] == "USA") & (out["year"] == bases_year)
        out["us_bases_abroad"] = np.where(sel, float(n), np.nan)
        inputs.append(us_bases)
    params = {"bases_year": bases_year, "warheads_missing_as_zero": warheads_missing_as_zero}
    cites = (
        "sipri2021milex",
        "sipri2022tiv",
        "kristensen2021nuclear",
        "allen2022",
        "gleditsch2002",
    )
    return _finish(out, inputs, "military_reach", params, cites)
