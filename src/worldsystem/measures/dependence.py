"""Trade dependence and self-reliance: openness, partner dependence, supplier concentration.

Pure functions on a directed dyad-year trade frame (``iso3_o, iso3_d, year,
flow_musd_current``: exports of o to d, million current US dollars, as returned by
:func:`worldsystem.sources.cow_trade.load`) and, for openness, a country-year GDP
frame in the same currency unit. Nothing here reads files, the clock or global
state.

Conventions shared by every function
------------------------------------
- Rows with a missing exporter or importer ISO3, or a missing flow, are dropped
  (missing is not zero). Rows with ``iso3_o == iso3_d`` are dropped: they arise
  when two codes of one state meet (e.g. COW 260 and 255 in 1990 both map to
  DEU) and are not international trade.
- Rows repeating a ``(iso3_o, iso3_d, year)`` key (the same transitions) are
  summed.
- World totals are sums over all remaining dyads of the year, so they cover the
  reporting states only; a state absent from the trade data in a year has no
  values that year, not zeros.

Functions
---------
:func:`trade_totals`, :func:`import_shares`, :func:`supplier_concentration`,
:func:`principal_supplier_counts`, :func:`trade_openness`,
:func:`partner_dependence` and :func:`dependence_table` (the table behind
``worldsystem dependence --country DEU --on RUS``).

References
----------
Brown, A.J. (1949). *Applied Economics: Aspects of the World Economy in War and
Peace*. London: Allen & Unwin.

Kojima, K. (1964). The Pattern of International Trade among Advanced Countries.
*Hitotsubashi Journal of Economics* 5(1):16-36.

Hirschman, A.O. (1945). *National Power and the Structure of Foreign Trade*.
Berkeley: University of California Press.

Herfindahl, O.C. (1950). *Concentration in the Steel Industry*. PhD thesis,
Columbia University.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

import numpy as np
import pandas as pd

from worldsystem.core import provenance as prov
from worldsystem.core.errors import SchemaError, WorldsystemError
from worldsystem.core.schema import check_numeric, require_columns

__all__ = [
    "DEFAULT_TRADE_COLUMNS",
    "dependence_table",
    "import_shares",
    "partner_dependence",
    "principal_supplier_counts",
    "supplier_concentration",
    "trade_openness",
    "trade_totals",
]

#: Column names of the trade frame (override with ``columns=``).
DEFAULT_TRADE_COLUMNS: dict[str, str] = {
    "exporter": "iso3_o",
    "importer": "iso3_d",
    "year": "year",
    "flow": "flow_musd_current",
}

_CITE_INTENSITY = ("brown1949applied", "kojima1964pattern")
_CITE_HHI = ("hirschman1945national", "herfindahl1950concentration")


def _clean_trade(trade: pd.DataFrame, columns: Mapping[str, str] | None) -> pd.DataFrame:
    """Trade frame with columns ``o, d, year, flow`` (see the module conventions)."""
    cols = {**DEFAULT_TRADE_COLUMNS, **(columns or {})}
    unknown = set(columns or {}) - set(DEFAULT_TRADE_COLUMNS)
    if unknown:
        raise SchemaError(
            f"unknown trade column role(s) {sorted(unknown)}",
            field="columns",
            value=sorted(unknown),
            hint=f"use the roles {sorted(DEFAULT_TRADE_COLUMNS)}",
        )
    require_columns(trade, cols.values(), name="trade")
    check_numeric(trade, [cols["flow"]], name="trade", min_value=0)
    df = pd.DataFrame(
        {
            "o": trade[cols["exporter"]].astype("object"),
            "d": trade[cols["importer"]].astype("object"),
            "year": trade[cols["year"]].to_numpy(),
            "flow": trade[cols["flow"]].to_numpy(dtype="float64", na_value=np.nan),
        }
    )
    keep = df["o"].notna() & df["d"].notna() & df["flow"].notna() & (df["o"] != df["d"])
    df = df.loc[keep]
    if df.empty:
        return pd.DataFrame(
            {
                "year": pd.Series(dtype="int64"),
                "o": pd.Series(dtype=object),
                "d": pd.Series(dtype=object),
                "flow": pd.Series(dtype="float64"),
            }
        )
    # Sum repeated (year, o, d) keys on integer codes (much faster than on strings).
    codes, names = pd.factorize(pd.concat([df["o"], df["d"]], ignore_index=True), sort=True)
    n = len(names)
    oc, dc = codes[: len(df)].astype("int64"), codes[len(df) :].astype("int64")
    year = df["year"].to_numpy().astype("int64")
    key = (year - year.min()) * n * n + oc * n + dc
    uniq, inv = np.unique(key, return_inverse=True)
    flow = np.bincount(inv, weights=df["flow"].to_numpy(), minlength=len(uniq))
    names = np.asarray(names, dtype=object)
    return pd.DataFrame(
        {
            "year": uniq // (n * n) + year.min(),
            "o": names[(uniq // n) % n],
            "d": names[uniq % n],
            "flow": flow,
        }
    )


def trade_totals(trade: pd.DataFrame, *, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Each state's total exports and imports from the dyads.

    .. math::

        X_{it} = \\sum_{j \\ne i} x_{ijt}, \\qquad M_{it} = \\sum_{j \\ne i} x_{jit}

    where :math:`x_{ijt}` is the flow from i to j in year t.

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years (see the module docstring).
    columns : mapping, optional
        Role -> column name overrides of :data:`DEFAULT_TRADE_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, exports, imports`` in the flow's unit (million current USD
        by default); a state that only exports (or only imports) in the data has
        0 for the other side. Sorted by year and iso3.

    Examples
    --------
    >>> t = pd.DataFrame({"iso3_o": ["A", "B"], "iso3_d": ["B", "A"], "year": [2000, 2000],
    ...                   "flow_musd_current": [3.0, 1.0]})
    >>> trade_totals(t)[["iso3", "exports", "imports"]].to_numpy().tolist()
    [['A', 3.0, 1.0], ['B', 1.0, 3.0]]
    """
    df = _clean_trade(trade, columns)
    x = df.groupby(["year", "o"])["flow"].sum().rename("exports")
    m = df.groupby(["year", "d"])["flow"].sum().rename("imports")
    x.index = x.index.set_names(["year", "iso3"])
    m.index = m.index.set_names(["year", "iso3"])
    out = pd.concat([x, m], axis=1).fillna(0.0).reset_index()
    out = out[["iso3", "year", "exports", "imports"]].sort_values(["year", "iso3"])
    out = out.reset_index(drop=True)
    prov.carry(out, trade)
    prov.attach(out, prov.get(out).with_method("trade_totals", {}))
    return out


def import_shares(trade: pd.DataFrame, *, columns: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Share of each supplier in each state's imports.

    .. math::

        s_{ijt} = \\frac{x_{jit}}{M_{it}}

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years (see the module docstring).
    columns : mapping, optional
        Column overrides (see :data:`DEFAULT_TRADE_COLUMNS`).

    Returns
    -------
    pandas.DataFrame
        ``iso3`` (importer), ``partner`` (supplier), ``year``, ``imports`` (flow
        unit), ``share`` (fraction). Importers with zero total imports get a
        missing share (0/0 is undefined, not zero).
    """
    df = _clean_trade(trade, columns)
    tot = df.groupby(["year", "d"])["flow"].transform("sum")
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(tot > 0, df["flow"] / tot, np.nan)
    out = pd.DataFrame(
        {
            "iso3": df["d"].to_numpy(),
            "partner": df["o"].to_numpy(),
            "year": df["year"].to_numpy(),
            "imports": df["flow"].to_numpy(),
            "share": share,
        }
    )
    prov.carry(out, trade)
    prov.attach(out, prov.get(out).with_method("import_shares", {}))
    return out


def supplier_concentration(
    trade: pd.DataFrame, *, columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Concentration of each state's import suppliers (Herfindahl-Hirschman index).

    .. math::

        \\mathrm{HHI}_{it} = \\sum_j s_{ijt}^2, \\qquad
        N^{\\mathrm{eff}}_{it} = 1 / \\mathrm{HHI}_{it}

    with :math:`s_{ijt}` the import shares of :func:`import_shares`. HHI lies in
    (0, 1]; 1 means a single supplier. Hirschman (1945) used the square root of
    this sum as an index of dependence on few partners; the square is reported
    here (take ``np.sqrt`` for Hirschman's version).

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years.
    columns : mapping, optional
        Column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, n_suppliers`` (partners with a positive flow), ``hhi``,
        ``effective_suppliers``, ``top_supplier``, ``top_share``. Missing where
        total imports are zero.
    """
    sh = import_shares(trade, columns=columns)
    sh = sh.loc[sh["share"].notna()]
    sh = sh.assign(sq=sh["share"] ** 2, pos=(sh["imports"] > 0).astype("int64"))
    g = sh.groupby(["iso3", "year"], sort=True)
    out = g.agg(n_suppliers=("pos", "sum"), hhi=("sq", "sum")).reset_index()
    # Top supplier: largest share, ties broken by partner code (alphabetical).
    top = sh.sort_values(["iso3", "year", "share", "partner"], ascending=[True, True, False, True])
    top = top.drop_duplicates(["iso3", "year"])[["iso3", "year", "partner", "share"]]
    top = top.rename(columns={"partner": "top_supplier", "share": "top_share"})
    out = out.merge(top, on=["iso3", "year"], how="left")
    with np.errstate(divide="ignore"):
        out.insert(4, "effective_suppliers", np.where(out["hhi"] > 0, 1.0 / out["hhi"], np.nan))
    out["n_suppliers"] = out["n_suppliers"].astype("int64")
    prov.carry(out, trade)
    prov.attach(out, prov.get(out).with_method("supplier_concentration", {}, _CITE_HHI))
    return out


def principal_supplier_counts(
    trade: pd.DataFrame, *, columns: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Number of states for which a state is the largest import supplier.

    .. math::

        P_{jt} = \\#\\{ i : j = \\arg\\max_k s_{ikt} \\}

    A proxy for a sphere of economic influence in Hirschman's (1945) sense: the
    states that depend on j more than on any other supplier. Ties in the top
    share go to the alphabetically first supplier code.

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years.
    columns : mapping, optional
        Column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, principal_supplier_count`` for every state that exports in
        the data that year (0 when it is nobody's top supplier).
    """
    conc = supplier_concentration(trade, columns=columns)
    counts = conc.groupby(["top_supplier", "year"]).size().rename("principal_supplier_count")
    counts.index = counts.index.set_names(["iso3", "year"])
    tot = trade_totals(trade, columns=columns)
    exporters = tot.loc[tot["exports"] > 0, ["iso3", "year"]]
    out = exporters.merge(counts.reset_index(), on=["iso3", "year"], how="left")
    out["principal_supplier_count"] = out["principal_supplier_count"].fillna(0).astype("int64")
    out = out.sort_values(["year", "iso3"]).reset_index(drop=True)
    prov.carry(out, trade)
    prov.attach(out, prov.get(out).with_method("principal_supplier_counts", {}, _CITE_HHI))
    return out


def trade_openness(
    trade: pd.DataFrame,
    gdp: pd.DataFrame,
    *,
    gdp_col: str = "gdp_usd",
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Trade openness: exports plus imports over GDP.

    .. math::

        O_{it} = \\frac{X_{it} + M_{it}}{Y_{it}}

    with X and M from :func:`trade_totals` and Y the GDP. Both must be in the
    same currency unit (million current USD by default: COW flows and GDP in
    million current USD). A fraction (0.5 = 50 % of GDP).

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years.
    gdp : pandas.DataFrame
        Country-year frame with ``iso3, year`` and ``gdp_col``.
    gdp_col : str
        GDP column, in the unit of the trade flows.
    columns : mapping, optional
        Trade column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, year, exports, imports, gdp, openness`` for country-years present
        in both frames; openness missing where GDP is missing or not positive.
    """
    require_columns(gdp, ["iso3", "year", gdp_col], name="gdp")
    check_numeric(gdp, [gdp_col], name="gdp")
    tot = trade_totals(trade, columns=columns)
    g = gdp[["iso3", "year", gdp_col]].rename(columns={gdp_col: "gdp"})
    g = g.assign(year=g["year"].astype("int64"))
    out = tot.merge(g, on=["iso3", "year"], how="inner")
    gv = out["gdp"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["openness"] = np.where(gv > 0, (out["exports"] + out["imports"]) / gv, np.nan)
    prov.carry(out, trade, gdp)
    prov.attach(out, prov.get(out).with_method("trade_openness", {"gdp_col": gdp_col}))
    return out


def _partner_set(country: str, partner: str | Collection[str]) -> tuple[str, tuple[str, ...]]:
    if isinstance(partner, str):
        members = (partner,)
        label = partner
    else:
        members = tuple(sorted(set(partner)))
        label = "+".join(members)
    if not members:
        raise WorldsystemError(
            "empty partner bloc",
            field="partner",
            hint="give an ISO3 code or a non-empty collection of ISO3 codes",
        )
    members = tuple(m for m in members if m != country)
    if not members:
        raise WorldsystemError(
            f"the partner bloc contains only the country itself ({country})",
            field="partner",
            value=partner,
            hint="a state cannot depend on itself; choose another partner",
        )
    return label, members


def partner_dependence(
    trade: pd.DataFrame,
    country: str,
    partner: str | Collection[str],
    *,
    years: Iterable[int] | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Import dependence of ``country`` on a partner (or bloc) and the trade-intensity index.

    The import share from the partner J (a state or a set of states) is compared
    with J's share in the exports of the rest of the world:

    .. math::

        s_{iJt} = \\frac{\\sum_{j \\in J} x_{jit}}{M_{it}}, \\qquad
        w_{Jt} = \\frac{\\sum_{j \\in J} X_{jt}}{X^{W}_t - X_{it}}, \\qquad
        I_{iJt} = \\frac{s_{iJt}}{w_{Jt}}

    :math:`I` is the import-side trade-intensity index of Brown (1949) and Kojima
    (1964): 1 means i buys from J in proportion to J's weight in world exports,
    above 1 an over-dependence. The world export total excludes i's own exports
    (i cannot import from itself), Kojima's correction. A bloc J that contains
    ``country`` is taken without it.

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years (flows o -> d).
    country : str
        ISO3 of the importer.
    partner : str or collection of str
        ISO3 of the partner, or of the bloc's members.
    years : iterable of int, optional
        Years to keep (all years of the trade frame by default).
    columns : mapping, optional
        Trade column overrides.

    Returns
    -------
    pandas.DataFrame
        ``iso3, partner, year, imports_from_partner, imports_total, import_share,
        partner_exports, world_exports_excl, partner_world_share, intensity``.
        One row per year in which ``country`` has reported imports; shares are
        fractions.

    Raises
    ------
    WorldsystemError
        ``country`` has no reported imports in the selected years, or the
        partner set is empty.

    Examples
    --------
    >>> t = pd.DataFrame({"iso3_o": ["A", "B", "C", "C"], "iso3_d": ["C", "C", "A", "B"],
    ...                   "year": 2000, "flow_musd_current": [6.0, 2.0, 1.0, 1.0]})
    >>> r = partner_dependence(t, "C", "A")
    >>> float(r["import_share"].iloc[0]), float(r["partner_world_share"].iloc[0])
    (0.75, 0.75)
    """
    label, members = _partner_set(country, partner)
    df = _clean_trade(trade, columns)
    if years is not None:
        df = df.loc[df["year"].isin(list(years))]
    imports = df.loc[df["d"] == country]
    if imports.empty:
        raise WorldsystemError(
            f"no reported imports of {country!r} in the selected years",
            field="country",
            value=country,
            hint="check the ISO3 code and the years (COW trade covers 1870-2014)",
        )
    years_c = np.sort(imports["year"].unique())
    df = df.loc[df["year"].isin(years_c)]
    m_tot = imports.groupby("year")["flow"].sum()
    m_j = imports.loc[imports["o"].isin(members)].groupby("year")["flow"].sum()
    x_all = df.groupby("year")["flow"].sum()
    x_i = df.loc[df["o"] == country].groupby("year")["flow"].sum()
    x_j = df.loc[df["o"].isin(members)].groupby("year")["flow"].sum()
    idx = pd.Index(years_c, name="year")
    m_tot = m_tot.reindex(idx)
    m_j = m_j.reindex(idx, fill_value=0.0)
    x_rest = x_all.reindex(idx, fill_value=0.0) - x_i.reindex(idx, fill_value=0.0)
    x_j = x_j.reindex(idx, fill_value=0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.where(m_tot > 0, m_j / m_tot, np.nan)
        wshare = np.where(x_rest > 0, x_j / x_rest, np.nan)
        intensity = np.where(wshare > 0, share / wshare, np.nan)
    out = pd.DataFrame(
        {
            "iso3": country,
            "partner": label,
            "year": years_c.astype("int64"),
            "imports_from_partner": m_j.to_numpy(),
            "imports_total": m_tot.to_numpy(),
            "import_share": share,
            "partner_exports": x_j.to_numpy(),
            "world_exports_excl": x_rest.to_numpy(),
            "partner_world_share": wshare,
            "intensity": intensity,
        }
    )
    prov.carry(out, trade)
    params = {"country": country, "partner": list(members)}
    prov.attach(out, prov.get(out).with_method("partner_dependence", params, _CITE_INTENSITY))
    return out


def dependence_table(
    trade: pd.DataFrame,
    *,
    country: str,
    on: str | Collection[str],
    gdp: pd.DataFrame | None = None,
    gdp_col: str = "gdp_usd",
    years: Iterable[int] | None = None,
    columns: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Dependence of one state on a partner or bloc, year by year.

    Joins :func:`partner_dependence` with the state's supplier concentration
    (:func:`supplier_concentration`), the partner's rank among its suppliers and,
    when ``gdp`` is given, its trade openness (:func:`trade_openness`) and the
    imports from the partner as a share of GDP:

    .. math::

        \\text{imports from J / GDP} = \\frac{\\sum_{j \\in J} x_{jit}}{Y_{it}}

    Parameters
    ----------
    trade : pandas.DataFrame
        Directed dyad-years.
    country : str
        ISO3 of the dependent state.
    on : str or collection of str
        ISO3 of the partner, or the bloc's members.
    gdp : pandas.DataFrame, optional
        Country-year GDP in the flow unit (column ``gdp_col``).
    gdp_col : str
        GDP column of ``gdp``.
    years : iterable of int, optional
        Years to keep.
    columns : mapping, optional
        Trade column overrides.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`partner_dependence` plus ``partner_rank`` (1 = the
        largest supplier; for a bloc, the rank of its largest member), ``hhi``,
        ``effective_suppliers``, ``n_suppliers`` and, with ``gdp``, ``openness``
        and ``partner_imports_gdp`` (fractions of GDP).
    """
    pdp = partner_dependence(trade, country, on, years=years, columns=columns)
    _, members = _partner_set(country, on)
    yrs = pdp["year"].tolist()
    df = _clean_trade(trade, columns)
    sub = df.loc[(df["d"] == country) & df["year"].isin(yrs)]
    sub = sub.assign(rank=sub.groupby("year")["flow"].rank(ascending=False, method="min"))
    prank = sub.loc[sub["o"].isin(members)].groupby("year")["rank"].min().rename("partner_rank")
    conc = supplier_concentration(
        sub.rename(columns={"o": "iso3_o", "d": "iso3_d", "flow": "flow_musd_current"})
    )
    out = pdp.merge(prank.reset_index(), on="year", how="left")
    out["partner_rank"] = out["partner_rank"].astype("Int64")
    out = out.merge(
        conc[["year", "hhi", "effective_suppliers", "n_suppliers"]], on="year", how="left"
    )
    if gdp is not None:
        op = trade_openness(trade, gdp, gdp_col=gdp_col, columns=columns)
        op = op.loc[op["iso3"] == country, ["year", "gdp", "openness"]]
        out = out.merge(op, on="year", how="left")
        gv = out["gdp"].to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(divide="ignore", invalid="ignore"):
            out["partner_imports_gdp"] = np.where(gv > 0, out["imports_from_partner"] / gv, np.nan)
        out = out.drop(columns="gdp")
        prov.carry(out, trade, gdp)
    else:
        prov.carry(out, trade)
    prov.attach(
        out,
        prov.get(out).with_method(
            "dependence_table", {"country": country, "on": list(members)}, _CITE_INTENSITY
        ),
    )
    return out
