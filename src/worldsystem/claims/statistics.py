"""Registered statistics: how a claim becomes a number.

Each statistic is a function ``stat(ctx, *, about_year, **params) -> Evidence``.
``ctx`` is a data context (:func:`worldsystem.workflows.context.resolve_context`:
real data or the example world); ``about_year`` is the year the claim speaks
of, used as the default year (the latest year of data up to it is taken). A
statistic that cannot be computed raises :class:`NotTestable` with what would be
needed; a missing dataset raises the context's missing-data error, which the
evaluator turns into "not testable" too.

A statistic returns one value, or *parts*: a mapping from a name (a country,
an index) to a value, each compared with the claim's target separately.

Series
------
Several statistics work on a named country-year *series* (:func:`series`):

``warheads``, ``milex_sipri``, ``milper``, ``gdp``, ``tpop``, ... any column of
:func:`worldsystem.workflows.capability_frame` (COW NMC v7.0, Maddison 2023,
SIPRI milex, FAS warheads; on the example world its country-year frame);
``arms_exports_tiv`` (SIPRI TIV deliveries, from Gapminder/WDI to 2024, else the
SIPRI file to 2021); ``gdp_usd_weo`` (IMF WEO April 2019 NGDPD, billions of
current USD; values flagged as IMF estimates or projections are dropped);
``fdi_in_pct_gdp`` and ``fdi_out_pct_gdp`` (WDI net FDI flows, % of GDP, via
Gapminder, to 2024; example world: its own columns); ``trade_to_gdp_ppp`` (COW
trade v4.0 exports + imports, current USD, over Maddison GDP at 2011 PPP, to
2014); ``military_power`` (each state's share of the ``military`` capability
index of :func:`worldsystem.measures.polarity.index_shares`: military expenditure
and nuclear warheads, equal weights, complete cases, years with both).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.claims.intervals import (
    DRAWS,
    LEVEL,
    RECENT_YEARS,
    SEED,
    group_bootstrap,
    quantile_interval,
)
from worldsystem.core.errors import WorldsystemError

__all__ = ["REGISTRY", "Evidence", "NotTestable", "register", "series"]


@dataclass
class Evidence:
    """What a statistic found.

    Attributes
    ----------
    value : scalar or dict
        The statistic, or its parts (name -> value).
    data_years : (int, int)
        First and last year of the data the value rests on.
    detail : pandas.DataFrame or None
        The numbers behind the value (for a table or a chart).
    figure : dict
        A hint for a chart: ``{"kind": "bar"|"line", "x": col, "y": col}``.
    note : str
        Anything the reader must know (e.g. a projection left out).
    interval : (float, float) or dict or None
        The interval of the value (``(low, high)``), or of each part (part ->
        ``(low, high)``); None when the statistic has none (a category, a
        yes/no fact). See :mod:`worldsystem.claims.intervals` for the kinds.
    interval_method : str
        How the interval was computed (shown in the ledger and the report).
    checks : dict
        Named quantities a claim's ``fitness`` checks can compare with a cited
        reference figure (each statistic's docstring lists its own).
    """

    value: Any
    data_years: tuple[int, int]
    detail: pd.DataFrame | None = None
    figure: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    interval: Any = None
    interval_method: str = ""
    checks: dict[str, float] = field(default_factory=dict)


class NotTestable(WorldsystemError):
    """The claim cannot be tested with the available data.

    Parameters
    ----------
    reason : str
        Why.
    needs : str
        The data that would be needed.
    latest_year : int, optional
        The latest year the available data cover.
    """

    def __init__(self, reason: str, *, needs: str = "", latest_year: int | None = None) -> None:
        super().__init__(reason, hint=needs or None)
        self.reason = reason
        self.needs = needs
        self.latest_year = latest_year


StatFn = Callable[..., Evidence]
#: name -> statistic function
REGISTRY: dict[str, StatFn] = {}


def register(name: str) -> Callable[[StatFn], StatFn]:
    """Register a statistic under ``name`` (a decorator)."""

    def deco(fn: StatFn) -> StatFn:
        REGISTRY[name] = fn
        return fn

    return deco


_REAL = "the real datasets (point --data / WORLDSYSTEM_DATA at them)"


# ----------------------------------------------------------------------------- helpers
def _with_years(ctx: Any, years: tuple[int, int] | None) -> Any:
    """The context restricted to ``years`` (sharing its memo)."""
    return ctx.with_years(years)


def _need_codes(ctx: Any, present: Sequence[str], codes: Sequence[str]) -> None:
    missing = [c for c in codes if c not in set(present)]
    if missing:
        if ctx.is_example:
            raise NotTestable(
                f"the example world has no real countries ({', '.join(missing)})",
                needs=_REAL,
            )
        raise NotTestable(
            f"no data for {', '.join(missing)}", needs=f"data covering {', '.join(missing)}"
        )


def _norm_ppf(q: float) -> float:
    from scipy.stats import norm

    return float(norm.ppf(q))


def _year_upto(years: Sequence[int] | pd.Series, year: int) -> int:
    """The latest year <= ``year`` (the earliest year if all are later: the claim is
    about the past before the data begin)."""
    ys = sorted({int(y) for y in years})
    if not ys:
        raise NotTestable("the series has no data")
    before = [y for y in ys if y <= year]
    if not before:
        raise NotTestable(
            f"the data begin in {ys[0]}, after the claim's year {year}",
            needs=f"data for {year}",
            latest_year=ys[-1],
        )
    return before[-1]


def _as_list(x: str | Sequence[str]) -> list[str]:
    return [x] if isinstance(x, str) else list(x)


# ----------------------------------------------------------------------------- series
def series(ctx: Any, name: str) -> pd.DataFrame:
    """A named country-year series: ``iso3, year, value`` without missing values.

    Parameters
    ----------
    ctx : ReportContext
    name : str
        See the module docstring.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    NotTestable
        Unknown on this context (e.g. WEO on the example world).
    """
    return ctx.memo(
        f"claims:series:{name}",
        lambda: _series(ctx, name).dropna(subset=["value"]).reset_index(drop=True),
    )


def _series(ctx: Any, name: str) -> pd.DataFrame:
    from worldsystem import workflows as wf

    if name == "arms_exports_tiv":
        if ctx.available("gapminder"):
            g = ctx.load("gapminder", indicators=["arms_exports_sipri_tiv"])
            g = g[g["iso3"].notna()]
            return g[["iso3", "year", "value"]].assign(value=g["value"] / 1e6)
        panel = wf.country_panel(ctx, ["arms_totals"])
        return panel[["iso3", "year", "arms_exports_mtiv"]].rename(
            columns={"arms_exports_mtiv": "value"}
        )
    if name == "gdp_usd_weo":
        w = ctx.load("imf_weo")
        w = w[w["indicator"] == "NGDPD"]
        est = w["is_estimate"].astype("boolean").fillna(False).astype(bool)
        return w[["iso3", "year", "value"]].assign(is_estimate=est.to_numpy())
    if name in ("fdi_in_pct_gdp", "fdi_out_pct_gdp"):
        ind = "foreign_direct_investment_net_{}_percent_of_gdp".format(
            "inflows" if name == "fdi_in_pct_gdp" else "outflows"
        )
        g = ctx.load("gapminder", indicators=[ind])
        g = g[g["iso3"].notna()]
        return g[["iso3", "year", "value"]]
    if name == "trade_to_gdp_ppp":
        tr = ctx.load("cow_trade")
        flow = tr["flow_musd_current"].clip(lower=0)
        tot = pd.concat(
            [
                pd.DataFrame({"iso3": tr["iso3_o"], "year": tr["year"], "v": flow}),
                pd.DataFrame({"iso3": tr["iso3_d"], "year": tr["year"], "v": flow}),
            ]
        )
        trade = tot.groupby(["iso3", "year"], as_index=False)["v"].sum()
        panel = wf.country_panel(ctx, ["gdp_maddison"])
        gdp = panel[["iso3", "year", "gdp_mpd_musd_2011ppp"]]
        m = trade.merge(gdp, on=["iso3", "year"], how="inner")
        m["value"] = 100 * m["v"] / m["gdp_mpd_musd_2011ppp"]
        return m[["iso3", "year", "value"]]
    frame = wf.capability_frame(_with_years(ctx, None) if ctx.years else ctx)
    if name == "military_power":
        from worldsystem.measures import polarity as pol

        sh = pol.index_shares(frame, "military", columns=wf.CAPABILITY_ROLES)
        return sh[["iso3", "year", "share"]].rename(columns={"share": "value"})
    if name in frame.columns and name not in ("iso3", "year", "ccode"):
        return frame[["iso3", "year", name]].rename(columns={name: "value"})
    raise NotTestable(f"unknown series {name!r}", needs="a series name listed in the docs")


def _year_slice(s: pd.DataFrame, year: int, window: int = 1) -> tuple[pd.DataFrame, int]:
    y = _year_upto(s["year"], year)
    sub = s[(s["year"] > y - window) & (s["year"] <= y)]
    agg = sub.groupby("iso3", as_index=False)["value"].sum() if window > 1 else sub
    return agg[["iso3", "value"]].reset_index(drop=True), y


def _recent_years(s: pd.DataFrame, year: int, n: int = RECENT_YEARS) -> list[int]:
    """The latest ``n`` years with data up to ``year`` (newest last)."""
    y = _year_upto(s["year"], year)
    ys = sorted({int(v) for v in s["year"] if int(v) <= y})
    return ys[-n:]


def _range(values: Sequence[float]) -> tuple[float, float]:
    v = [float(x) for x in values if x is not None and np.isfinite(float(x))]
    return (min(v), max(v)) if v else (float("nan"), float("nan"))


def _years_text(years: Sequence[int]) -> str:
    return f"range over the data years {min(years)}-{max(years)}" if len(years) > 1 else ""


# ----------------------------------------------------------------------------- generic
@register("constant")
def constant(
    ctx: Any,
    *,
    about_year: int,
    value: Any,
    year: int | None = None,
    interval: Sequence[float] | None = None,
    checks: dict[str, float] | None = None,
) -> Evidence:
    """A fixed value (for tests and for claims settled outside the data, such as a
    published estimate with its confidence interval).

    Parameters
    ----------
    value : any
    year : int, optional
        The year the value refers to (default ``about_year``).
    interval : [low, high], optional
        The value's interval (e.g. the published confidence interval).
    checks : mapping, optional
        Quantities for the claim's fitness checks.
    """
    y = about_year if year is None else int(year)
    iv = None if interval is None else (float(interval[0]), float(interval[1]))
    return Evidence(
        value=value,
        data_years=(y, y),
        interval=iv,
        interval_method="given" if iv is not None else "",
        checks=dict(checks or {}),
    )


@register("not_testable")
def not_testable(ctx: Any, *, about_year: int, reason: str, needs: str = "") -> Evidence:
    """Always "not testable": the data the claim needs are not in the toolkit."""
    raise NotTestable(reason, needs=needs)


@register("share_of_total")
def share_of_total(
    ctx: Any,
    *,
    about_year: int,
    series_name: str,
    countries: Sequence[str],
    year: int | None = None,
) -> Evidence:
    r"""Share of the world total of a series held by ``countries`` together.

    .. math:: s = \sum_{i \in C} v_{i,t} / \sum_i v_{i,t}

    over every country with data in the latest year ``t`` up to ``year``
    (default ``about_year``). Interval: the range of :math:`s` over the latest
    :data:`~worldsystem.claims.intervals.RECENT_YEARS` data years.
    """
    s = series(ctx, series_name)
    codes = _as_list(countries)
    _need_codes(ctx, s["iso3"].unique(), codes)
    years = _recent_years(s, about_year if year is None else int(year))
    shares, detail = [], None
    for y in years:
        sub, _ = _year_slice(s, y)
        total = float(sub["value"].sum())
        if total <= 0:
            raise NotTestable(f"the world total of {series_name} is zero in {y}")
        detail = sub.assign(share=sub["value"] / total).sort_values("share", ascending=False)
        shares.append(float(detail[detail["iso3"].isin(codes)]["share"].sum()))
    y = years[-1]
    return Evidence(
        value=shares[-1],
        data_years=(y, y),
        detail=detail.head(12).reset_index(drop=True),
        figure={"kind": "bar", "x": "iso3", "y": "share"},
        interval=_range(shares) if len(years) > 1 else None,
        interval_method=_years_text(years),
    )


@register("ratio")
def ratio(
    ctx: Any, *, about_year: int, series_name: str, a: str, b: str, year: int | None = None
) -> Evidence:
    """``a``'s value over ``b``'s value of a series in the latest year up to ``year``.

    Interval: the range of the ratio over the latest
    :data:`~worldsystem.claims.intervals.RECENT_YEARS` years both have."""
    s = series(ctx, series_name)
    _need_codes(ctx, s["iso3"].unique(), [a, b])
    both = s[s["iso3"].isin([a, b])]
    both = both[both.groupby("year")["iso3"].transform("nunique") == 2]
    if both.empty:
        raise NotTestable(f"no year with {series_name} of both {a} and {b}")
    years = _recent_years(both, about_year if year is None else int(year))
    ratios, sub = [], None
    for y in years:
        sub, _ = _year_slice(both, y)
        v = sub.set_index("iso3")["value"]
        if v[b] == 0:
            raise NotTestable(f"{series_name} of {b} is zero in {y}")
        ratios.append(float(v[a] / v[b]))
    y = years[-1]
    return Evidence(
        value=ratios[-1],
        data_years=(y, y),
        detail=sub.reset_index(drop=True),
        figure={"kind": "bar", "x": "iso3", "y": "value"},
        interval=_range(ratios) if len(years) > 1 else None,
        interval_method=_years_text(years),
    )


@register("ranks")
def ranks(
    ctx: Any,
    *,
    about_year: int,
    series_name: str,
    countries: Sequence[str],
    year: int | None = None,
    window: int = 1,
) -> Evidence:
    """Rank (1 = largest) of each country on a series.

    With ``window > 1`` the series is summed over the ``window`` years ending in
    the latest year up to ``year`` (SIPRI ranks arms exporters on five-year sums).
    Parts: country -> rank. Interval: each rank's range over the latest
    :data:`~worldsystem.claims.intervals.RECENT_YEARS` end years (windows ending
    in each).
    """
    s = series(ctx, series_name)
    codes = _as_list(countries)
    _need_codes(ctx, s["iso3"].unique(), codes)
    note = ""
    target_year = about_year if year is None else int(year)
    if "is_estimate" in s.columns:
        # the year: the latest whose values for the named countries are not IMF
        # estimates or projections; others' values that year may be estimates
        own = s[s["iso3"].isin(codes)]
        ok = own.groupby("year")["is_estimate"].apply(lambda e: not e.any())
        ok = ok[ok & own.groupby("year")["iso3"].nunique().eq(len(codes))]
        y0 = _year_upto(ok.index, target_year)
        n_est = int(s[(s["year"] == y0) & s["is_estimate"]].shape[0])
        proj = s[(s["year"] == s["year"].max())].sort_values("value", ascending=False)
        proj_rank = {
            c: int(proj["iso3"].tolist().index(c)) + 1 for c in codes if c in set(proj["iso3"])
        }
        note = (
            f"{n_est} countries' values in {y0} are estimates; the vintage's projection for "
            f"{int(s['year'].max())} (not evidence) ranks "
            + ", ".join(f"{c} {r}" for c, r in proj_rank.items())
        )
        years = [int(v) for v in sorted(ok.index) if int(v) <= y0][-RECENT_YEARS:]
        s = s.drop(columns="is_estimate")
    else:
        years = _recent_years(s, target_year)
    history: dict[str, list[int]] = {c: [] for c in codes}
    for y in years:
        sub, _ = _year_slice(s, y, window)
        sub = sub.sort_values("value", ascending=False).reset_index(drop=True)
        sub["rank"] = np.arange(1, len(sub) + 1)
        r = sub.set_index("iso3")["rank"]
        parts = {c: int(r[c]) if c in r else None for c in codes}
        for c, v in parts.items():
            if v is not None:
                history[c].append(v)
    y = years[-1]
    iv = {c: (min(h), max(h)) for c, h in history.items() if h} if len(years) > 1 else None
    what = f"windows ending {min(years)}-{max(years)}" if window > 1 else ""
    return Evidence(
        value=parts,
        data_years=(y - window + 1, y),
        detail=sub.head(max(12, max((p or 0) for p in parts.values()) + 1)),
        figure={"kind": "bar", "x": "iso3", "y": "value"},
        note=note,
        interval=iv,
        interval_method=(f"range over the {what}" if what else _years_text(years)) if iv else "",
    )


@register("top_set")
def top_set(
    ctx: Any,
    *,
    about_year: int,
    series_name: str,
    countries: Sequence[str],
    year: int | None = None,
    window: int = 1,
) -> Evidence:
    """Whether the ``len(countries)`` largest on a series are exactly ``countries``
    (in any order). Parts: country -> True if it is among them."""
    ev = ranks(
        ctx,
        about_year=about_year,
        series_name=series_name,
        countries=countries,
        year=year,
        window=window,
    )
    n = len(_as_list(countries))
    ev.value = {c: r is not None and r <= n for c, r in ev.value.items()}
    if isinstance(ev.interval, dict):
        # 1 when the country is among the top n in every end year, 0 when in none
        ev.interval = {c: (float(hi <= n), float(lo <= n)) for c, (lo, hi) in ev.interval.items()}
    return ev


@register("percentile")
def percentile(
    ctx: Any, *, about_year: int, series_name: str, country: str, year: int | None = None
) -> Evidence:
    """Percentile rank (0 = lowest, 1 = highest) of a country on a series among the
    countries with data in the latest year up to ``year`` that the country has.
    Interval: the range over the country's latest
    :data:`~worldsystem.claims.intervals.RECENT_YEARS` data years."""
    s = series(ctx, series_name)
    _need_codes(ctx, s["iso3"].unique(), [country])
    own = s[s["iso3"] == country]
    years = _recent_years(own, about_year if year is None else int(year))
    pcts = []
    for y in years:
        sub = s[s["year"] == y].reset_index(drop=True)
        v = float(sub.loc[sub["iso3"] == country, "value"].iloc[0])
        pcts.append(float((sub["value"] < v).sum() / max(len(sub) - 1, 1)))
    detail = sub.sort_values("value").reset_index(drop=True)
    return Evidence(
        value=pcts[-1],
        data_years=(y, y),
        detail=detail,
        figure={"kind": "bar", "x": "iso3", "y": "value"},
        note=f"{country}: {v:.3g} in {y}, {len(sub)} countries",
        interval=_range(pcts) if len(years) > 1 else None,
        interval_method=_years_text(years),
    )


@register("mean_difference")
def mean_difference(
    ctx: Any,
    *,
    about_year: int,
    a: str,
    b: str,
    country: str,
    window: int = 3,
    volumes: bool = False,
) -> Evidence:
    """Mean over the last ``window`` years (up to ``about_year``) of series ``a``
    minus series ``b`` for one country; parts: one per year are in ``detail``.
    Interval: the range of the yearly differences (every year must agree for a
    supported or contradicted verdict).

    ``volumes=True`` says that the claim compares two volumes (capital exported
    against capital received) and the series are net flows: a year in which
    either is not positive (net disinvestment) gives no volume to compare, since
    the difference then grows with the other side's withdrawal, so the claim is
    not testable on those series and the reason names the years.
    """
    sa, sb = series(ctx, a), series(ctx, b)
    _need_codes(ctx, sa["iso3"].unique(), [country])
    m = sa[sa["iso3"] == country].merge(
        sb[sb["iso3"] == country], on=["iso3", "year"], suffixes=("_a", "_b")
    )
    y = _year_upto(m["year"], about_year)
    m = m[(m["year"] > y - window) & (m["year"] <= y)].rename(columns={"value_a": a, "value_b": b})
    if volumes:
        bad = [
            f"{col} {v:.3g} in {yr}"
            for col in (a, b)
            for yr, v in zip(m["year"], m[col], strict=True)
            if not v > 0
        ]
        if bad:
            raise NotTestable(
                f"{country}'s net flows are not positive ({'; '.join(bad)}): net "
                "disinvestment, so their difference does not compare the volumes the "
                "claim names",
                needs="gross flows or stocks of outward and inward investment (UNCTAD "
                "World Investment Report annex tables, IMF CDIS)",
            )
    m["difference"] = m[a] - m[b]
    lo = int(m["year"].min())
    return Evidence(
        value=float(m["difference"].mean()),
        data_years=(lo, y),
        detail=m.reset_index(drop=True),
        figure={"kind": "bar", "x": "year", "y": "difference"},
        interval=_range(m["difference"]) if len(m) > 1 else None,
        interval_method=f"range of the yearly values {lo}-{y}" if len(m) > 1 else "",
    )


# ----------------------------------------------------------------------------- polarity
def _polarity(ctx: Any, index: str) -> pd.DataFrame:
    from worldsystem import workflows as wf

    return ctx.memo(
        f"claims:polarity:{index}", lambda: wf.polarity(_with_years(ctx, None), index=index)
    )


@register("leader")
def leader(
    ctx: Any,
    *,
    about_year: int,
    indices: Sequence[str] = ("cinc", "gdp", "milex", "nuclear"),
    year: int | None = None,
) -> Evidence:
    """The leading state on each capability index (parts: index -> ISO3).

    Indices of :func:`worldsystem.measures.polarity.polarity_table` among the COW
    major powers (real data) or all states (example world): ``cinc`` (COW
    composite), ``gdp`` (Maddison GDP at PPP), ``milex`` (SIPRI military
    expenditure, current USD), ``nuclear`` (FAS warheads).
    """
    parts: dict[str, Any] = {}
    rows = []
    years = []
    for idx in indices:
        p = _polarity(ctx, idx)
        y = _year_upto(p["year"], about_year if year is None else int(year))
        row = p[p["year"] == y].iloc[0]
        parts[idx] = row["leader_iso3"]
        years.append(y)
        rows.append(
            {
                "index": idx,
                "year": y,
                "leader": row["leader_iso3"],
                "leader_share": row["leader_share"],
                "second": row["second_iso3"],
                "second_share": row["second_share"],
                "polarity": row["polarity"],
            }
        )
    return Evidence(
        value=parts,
        data_years=(min(years), max(years)),
        detail=pd.DataFrame(rows),
        figure={"kind": "bar", "x": "index", "y": "leader_share"},
    )


@register("polarity_class")
def polarity_class(
    ctx: Any,
    *,
    about_year: int,
    indices: Sequence[str] = ("cinc", "gdp", "milex", "nuclear"),
    year: int | None = None,
) -> Evidence:
    """The polarity call (unipolar/bipolar/multipolar) of each index (parts)."""
    ev = leader(ctx, about_year=about_year, indices=indices, year=year)
    ev.value = dict(zip(ev.detail["index"], ev.detail["polarity"], strict=True))
    return ev


@register("share_trend")
def share_trend(
    ctx: Any,
    *,
    about_year: int,
    country: str,
    indices: Sequence[str] = ("cinc", "gdp", "milex"),
    window: int = 20,
) -> Evidence:
    r"""Trend of a country's share of each capability index (parts: index -> slope).

    Ordinary least-squares slope of the share on the year over the ``window``
    years ending in the latest year up to ``about_year``, in share points per
    decade (:math:`10\,\hat\beta`); the share is the country's share of the
    index among all states (:func:`worldsystem.measures.polarity.index_shares`;
    ``composite`` is the polarity section's headline index, whose own shares are
    among the great-power candidates, not all states). Interval: the 90%
    confidence interval of each slope with Newey-West standard errors
    (:func:`worldsystem.claims.intervals.hac_slope`), since yearly shares are
    autocorrelated. A composite whose dimensions change within the window (a
    source ends) is recomputed over the whole window from the dimensions that
    cover every year of it (equal weights, as the composite), so the trend
    neither crosses a change of definition nor shrinks to the few years after
    it; with fewer than two such dimensions it is fitted on the years since the
    change only (:func:`_one_definition`). The note says which.
    """
    from worldsystem import workflows as wf
    from worldsystem.claims.intervals import hac_slope
    from worldsystem.measures import polarity as pol

    frame = wf.capability_frame(_with_years(ctx, None) if ctx.years else ctx)
    _need_codes(ctx, frame["iso3"].unique(), [country])
    columns = wf.CAPABILITY_ROLES
    parts: dict[str, float] = {}
    intervals: dict[str, tuple[float, float]] = {}
    rows = []
    notes: list[str] = []
    lo_all, hi_all = [], []
    for idx in indices:
        sh = pol.index_shares(frame, idx, columns=columns)
        own = sh[(sh["iso3"] == country) & sh["share"].notna()]
        y = _year_upto(own["year"], about_year)
        own = own[(own["year"] > y - window) & (own["year"] <= y)].sort_values("year")
        common = _whole_window_dimensions(own)
        kept, changed = _one_definition(own)
        if changed and len(common) >= 2:
            # one definition over the whole window: the dimensions covering every year
            sub = pol.combined_index(
                {m: pol.index_shares(frame, m, columns=columns) for m in common},
                {m: 1.0 for m in common},
            )
            own = sub[(sub["iso3"] == country) & sub["year"].isin(own["year"])]
            own = own[own["share"].notna()].sort_values("year")
            notes.append(
                f"{idx}: its dimensions change within the window ({changed}), so the "
                f"trend uses the dimensions covering all of {int(own['year'].min())}-{y} "
                f"({', '.join(common)}), equally weighted"
            )
        elif changed:
            own = kept
            notes.append(
                f"{idx}: its dimensions change within the window ({changed}), so the "
                f"trend uses {int(own['year'].min())}-{y} only"
            )
        if len(own) < 3:
            raise NotTestable(f"fewer than 3 years of {idx} shares for {country}")
        slope, lo, hi = hac_slope(own["year"].astype(float), own["share"].astype(float))
        parts[idx] = 10 * slope
        intervals[idx] = (10 * lo, 10 * hi)
        lo_all.append(int(own["year"].min()))
        hi_all.append(y)
        rows.append(own[["year", "share"]].assign(index=idx))
    detail = pd.concat(rows, ignore_index=True)
    return Evidence(
        value=parts,
        data_years=(min(lo_all), max(hi_all)),
        detail=detail,
        figure={"kind": "line", "x": "year", "y": "share", "color": "index"},
        interval=intervals,
        interval_method=f"{LEVEL:.0%} CI of the OLS slope, Newey-West standard errors",
        note="; ".join(notes),
    )


def _whole_window_dimensions(own: pd.DataFrame) -> list[str]:
    """The composite's dimensions with a share in every year of ``own`` (table order).

    >>> own = pd.DataFrame({"year": [2017, 2018], "share_gdp": [0.2, 0.2],
    ...                     "share_nuclear": [0.5, None], "share_milex": [0.3, 0.3]})
    >>> _whole_window_dimensions(own)
    ['gdp', 'milex']
    """
    dims = [c for c in own.columns if c.startswith("share_")]
    return [d.removeprefix("share_") for d in dims if own[d].notna().all()] if len(own) else []


def _one_definition(own: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """The latest run of years in which a composite has the same dimensions.

    A composite index averages the dimensions that have data
    (``share_<dimension>`` columns of :func:`~worldsystem.measures.polarity.index_shares`);
    when one ends (FAS warheads after 2017) the composite changes definition, and
    a trend across that break measures the change of definition as well. Returns
    the years since the last change and a text naming it ("" when none).
    """
    dims = [c for c in own.columns if c.startswith("share_")]
    if not dims or own.empty:
        return own, ""
    have = own[dims].notna().to_numpy()
    same = (have == have[-1]).all(axis=1)
    run = np.flip(np.logical_and.accumulate(np.flip(same)))
    if run.all():
        return own, ""
    first = int(own["year"].to_numpy()[run][0])
    before = {d.removeprefix("share_") for d, h in zip(dims, have[~run][-1], strict=True) if h}
    after = {d.removeprefix("share_") for d, h in zip(dims, have[-1], strict=True) if h}
    gone = [f"{d} drops out" for d in sorted(before - after)]
    new = [f"{d} enters" for d in sorted(after - before)]
    what = ", ".join(gone + new) or "the dimensions change"
    return own[run], f"{what} in {first}"


# ----------------------------------------------------------------------------- blocs
def _ideal(ctx: Any, year: int, span: int = 5) -> pd.DataFrame:
    """Dynamic ideal points (with their standard errors) of the ``span`` sessions
    ending in ``year`` (memoised)."""
    from worldsystem import workflows as wf

    return ctx.memo(
        f"claims:ideal:{year}:{span}",
        lambda: wf.ideal_points(_with_years(ctx, (year - span + 1, year))),
    )


def _alignment(ctx: Any, year: int, span: int = 5) -> pd.DataFrame:
    from worldsystem import workflows as wf

    return ctx.memo(
        f"claims:alignment:{year}:{span}",
        lambda: wf.alignment(
            _with_years(ctx, (year - span + 1, year)), ideal_points_frame=_ideal(ctx, year, span)
        ),
    )


def _ideal_draws(ctx: Any, year: int, codes: Sequence[str]) -> tuple[np.ndarray, str]:
    """Draws of the ideal points of ``codes`` in ``year`` (rows: draws), from the
    normal approximation of each posterior (independent across countries), and
    the text that says so."""
    ip = _ideal(ctx, year)
    ip = ip[ip["year"] == year].set_index("iso3")
    mean = ip.loc[list(codes), "ideal_point"].to_numpy(dtype="float64")
    se = ip.loc[list(codes), "se"].to_numpy(dtype="float64") if "se" in ip else np.zeros(len(mean))
    se = np.where(np.isfinite(se), se, 0.0)
    rng = np.random.default_rng(SEED)
    draws = mean[None, :] + se[None, :] * rng.standard_normal((DRAWS, len(mean)))
    text = (
        f"{LEVEL:.0%} interval over {DRAWS:,} draws of the ideal points from their "
        f"posterior normal approximation (seed {SEED})"
    )
    return draws, text


def _vote_years(ctx: Any, min_roll_calls: int = 10) -> list[int]:
    """Years with at least ``min_roll_calls`` roll calls (a session's last votes can
    spill into a year that has too few to place anyone)."""
    from worldsystem import workflows as wf

    n = wf.roll_calls(ctx).groupby("year").size()
    return sorted(int(y) for y in n[n >= min_roll_calls].index)


@register("vote_bloc")
def vote_bloc(
    ctx: Any, *, about_year: int, countries: Sequence[str], year: int | None = None
) -> Evidence:
    """The UN-vote bloc of each country (parts: ``US-aligned``,
    ``China-Russia-aligned`` or ``non-aligned``) from
    :func:`worldsystem.measures.blocs.alignment` on dynamic ideal points fitted to
    the five sessions ending in the latest year up to ``year``.
    """
    y = _year_upto(_vote_years(ctx), about_year if year is None else int(year))
    al = _alignment(ctx, y)
    al = al[al["year"] == y]
    codes = [c for c in _as_list(countries)]
    _need_codes(ctx, al["iso3"].unique(), codes)
    sub = al[al["iso3"].isin(codes)]
    return Evidence(
        value=dict(zip(sub["iso3"], sub["bloc"], strict=True)),
        data_years=(y, y),
        detail=sub.reset_index(drop=True),
        figure={"kind": "bar", "x": "iso3", "y": "score"},
    )


@register("vote_proximity")
def vote_proximity(
    ctx: Any,
    *,
    about_year: int,
    countries: Sequence[str],
    pole: str = "USA",
    year: int | None = None,
) -> Evidence:
    """Percentile of each country's ideal-point distance to ``pole`` among all UN
    members voting that year (0 = the closest member, 1 = the farthest; the
    pole itself is left out). Parts: country -> percentile.

    Interval: quantiles of the percentile over draws of every member's ideal
    point from its posterior normal approximation (:func:`_ideal_draws`).
    """
    y = _year_upto(_vote_years(ctx), about_year if year is None else int(year))
    al = _alignment(ctx, y)
    al = al[al["year"] == y]
    p = pole
    codes = [c for c in _as_list(countries)]
    _need_codes(ctx, al["iso3"].unique(), [p, *codes])
    ip = al.set_index("iso3")["ideal_point"]
    members = list(ip.index)
    draws, how = _ideal_draws(ctx, y, members)
    col = {c: i for i, c in enumerate(members)}
    dist = (ip.drop(p) - ip[p]).abs()
    pct = dist.rank(method="average").sub(1) / max(len(dist) - 1, 1)
    others = [m for m in members if m != p]
    d = np.abs(draws[:, [col[m] for m in others]] - draws[:, [col[p]]])
    ranks = d.argsort(axis=1).argsort(axis=1) / max(len(others) - 1, 1)
    intervals = {c: quantile_interval(ranks[:, others.index(c)]) for c in codes}
    detail = pd.DataFrame({"iso3": dist.index, "distance": dist.values, "percentile": pct.values})
    return Evidence(
        value={c: float(pct[c]) for c in codes},
        data_years=(y, y),
        detail=detail.sort_values("distance").reset_index(drop=True),
        figure={"kind": "bar", "x": "iso3", "y": "distance"},
        interval=intervals,
        interval_method=how,
    )


@register("pair_cohesion")
def pair_cohesion(
    ctx: Any, *, about_year: int, a: str, b: str, rival: str, year: int | None = None
) -> Evidence:
    r"""How close two states vote relative to a rival: the ideal-point distance
    between ``a`` and ``b`` over the smaller of their distances to ``rival``.

    .. math:: c = |\theta_a - \theta_b| / \min(|\theta_a - \theta_r|, |\theta_b - \theta_r|)

    Below 1 the pair is closer to each other than either is to the rival.
    Interval: quantiles over draws of the three ideal points (:func:`_ideal_draws`).
    """
    y = _year_upto(_vote_years(ctx), about_year if year is None else int(year))
    al = _alignment(ctx, y)
    al = al[al["year"] == y]
    r = rival
    _need_codes(ctx, al["iso3"].unique(), [a, b, r])
    ip = al.set_index("iso3")["ideal_point"]
    denom = min(abs(ip[a] - ip[r]), abs(ip[b] - ip[r]))
    if denom == 0:
        raise NotTestable("the rival has the same ideal point as the pair")
    th, how = _ideal_draws(ctx, y, [a, b, r])
    den = np.minimum(np.abs(th[:, 0] - th[:, 2]), np.abs(th[:, 1] - th[:, 2]))
    ratio = np.abs(th[:, 0] - th[:, 1]) / np.where(den > 0, den, np.nan)
    return Evidence(
        value=float(abs(ip[a] - ip[b]) / denom),
        data_years=(y, y),
        detail=al[al["iso3"].isin([a, b, r])].reset_index(drop=True),
        figure={"kind": "bar", "x": "iso3", "y": "ideal_point"},
        interval=quantile_interval(ratio),
        interval_method=how,
    )


@register("allied_with")
def allied_with(
    ctx: Any, *, about_year: int, countries: Sequence[str], partner: str, year: int | None = None
) -> Evidence:
    """Whether each country has a defence or offence pact with ``partner`` (ATOP
    5.1 directed dyad-years on real data; the example world's alliances).
    Parts: country -> bool."""
    al = ctx.load("atop")
    p = partner
    codes = [c for c in _as_list(countries)]
    _need_codes(ctx, pd.concat([al["iso3_o"], al["iso3_d"]]).unique(), [p, *codes])
    y = _year_upto(al["year"], about_year if year is None else int(year))
    pact_cols = [c for c in ("defense", "offense") if c in al.columns]
    sub = al[(al["year"] == y) & ((al["iso3_o"] == p) | (al["iso3_d"] == p))]
    pact = sub[pact_cols].fillna(0).astype(float).sum(axis=1) > 0
    allies = set(sub.loc[pact, "iso3_o"]) | set(sub.loc[pact, "iso3_d"])
    parts = {c: c in allies for c in codes}
    return Evidence(
        value=parts,
        data_years=(y, y),
        detail=pd.DataFrame({"iso3": list(parts), "pact_with_" + p: list(parts.values())}),
    )


def _camp_coverage(
    ctx: Any, members: set[str], lo: int, hi: int
) -> tuple[list[str], dict[str, tuple[float, float]]]:
    """Members the COW dyadic file misses through ``lo``-``hi``, and partly covered ones.

    Coverage is :func:`worldsystem.workflows.inputs.trade_coverage` (dyadic over
    national imports). A member below
    :data:`~worldsystem.sources.cow_trade.COVERAGE_MIN` in *every* year of the
    period is absent from the file there (West Germany, 1960-1989: 6-10 %), so it
    leaves its camp in both periods and the comparison keeps one membership; one
    below it in some years only is kept and named with its range (the USSR's
    partner-reported trade, 32-60 % until 1980).
    """
    from worldsystem.sources.cow_trade import COVERAGE_MIN
    from worldsystem.workflows.inputs import trade_coverage

    if not ctx.available("cow_trade"):
        return [], {}
    cov = trade_coverage(ctx)
    cov = cov[cov["iso3"].isin(members) & cov["year"].between(lo, hi)]
    absent, partial = [], {}
    for iso3, g in cov.groupby("iso3"):
        low = g["coverage"] < COVERAGE_MIN
        if low.all():
            absent.append(str(iso3))
        elif low.any():
            partial[str(iso3)] = (float(g["coverage"].min()), float(g["coverage"].max()))
    return sorted(absent), partial


def _coverage_note(absent: list[str], partial: dict, lo: int, hi: int) -> str:
    parts = []
    if absent:
        parts.append(
            f"{', '.join(absent)} left out of its camp in both periods: the COW dyadic file "
            f"holds under half of its national imports in every year of {lo}-{hi}"
        )
    for iso3, (a, b) in sorted(partial.items()):
        parts.append(f"{iso3}'s dyadic trade covers {a:.0%}-{b:.0%} of its imports in {lo}-{hi}")
    return "".join(f"; {p}" for p in parts)


@register("camp_trade")
def camp_trade(
    ctx: Any,
    *,
    about_year: int,
    camp: Sequence[str],
    rivals: Sequence[str],
    then: Sequence[int] = (1965, 1985),
    measure: str = "change",
) -> Evidence:
    r"""Whether two camps trade as one world market or as separate blocs.

    From COW dyadic trade v4.0 (current USD): :math:`T_{RC,t}` is the trade
    (exports plus imports) between the ``rivals`` and the ``camp``, :math:`T_{R,t}`
    and :math:`T_{C,t}` each side's total trade and :math:`T_{W,t}` world trade
    (every country's exports plus imports). The trade intensity index (Brown
    1949; Kojima 1964)

    .. math:: I_t = \frac{T_{RC,t} / T_{R,t}}{T_{C,t} / T_{W,t}}

    is 1 when the rivals trade with the camp as much as its size in world trade
    predicts (one market) and near 0 when the camps trade apart. ``measure``:
    ``intensity`` (:math:`I` in the latest year up to ``about_year``), ``change``
    (that over the mean :math:`I` of the years ``then``, ``[first, last]``;
    above 1 when the camps trade more with each other than in the past period)
    or ``share`` (:math:`T_{RC}/T_R` now over its mean then). Interval: the
    lowest and highest value over the latest
    :data:`~worldsystem.claims.intervals.RECENT_YEARS` years (and, for the
    ratios, over the past period's yearly values). Checks: ``intensity_now``,
    ``intensity_then``. A member that the dyadic file misses through the whole
    past period (coverage under half of its national imports in every year,
    :func:`_camp_coverage`) leaves its camp in both periods, so that both compare
    one membership; partly covered members stay and the note gives their coverage.
    """
    if measure not in ("intensity", "change", "share"):
        raise NotTestable(f"unknown measure {measure!r}", needs="intensity, change or share")
    tr = ctx.load("cow_trade")
    c, r = set(_as_list(camp)), set(_as_list(rivals))
    _need_codes(ctx, pd.concat([tr["iso3_o"], tr["iso3_d"]]).unique(), [*c, *r])
    lo, hi = int(then[0]), int(then[1])
    absent, partial = _camp_coverage(ctx, c | r, lo, hi)
    if absent:
        c, r = c - set(absent), r - set(absent)
        if not c or not r:
            raise NotTestable(
                f"the COW dyadic file misses {', '.join(absent)} through {lo}-{hi}",
                needs="dyadic trade of every member in the past period",
            )
    flow = tr["flow_musd_current"].clip(lower=0)
    o, d = tr["iso3_o"], tr["iso3_d"]

    def touching(group: set[str]):
        return flow.where(o.isin(group) | d.isin(group), 0.0) + flow.where(
            o.isin(group) & d.isin(group), 0.0
        )  # a flow inside the group is one export and one import of the group

    cross = (o.isin(r) & d.isin(c)) | (o.isin(c) & d.isin(r))
    frame = pd.DataFrame(
        {
            "year": tr["year"],
            "world": 2 * flow,
            "rivals": touching(r),
            "camp": touching(c),
            "cross": flow.where(cross, 0.0),
        }
    )
    by = frame.groupby("year")[["world", "rivals", "camp", "cross"]].sum()
    by = by[(by["rivals"] > 0) & (by["camp"] > 0)]
    by["share"] = by["cross"] / by["rivals"]
    by["intensity"] = by["share"] / (by["camp"] / by["world"])
    past = by[(by.index >= lo) & (by.index <= hi)]
    if past.empty:
        raise NotTestable(f"no COW trade of {', '.join(sorted(r))} in {lo}-{hi}")
    years = _recent_years(by.reset_index(), about_year)
    now = by.loc[years]
    col = "share" if measure == "share" else "intensity"
    base = float(past[col].mean())
    if measure == "intensity":
        value = float(now[col].iloc[-1])
        iv = (float(now[col].min()), float(now[col].max()))
        how = f"range over the data years {years[0]}-{years[-1]}"
    else:
        value = float(now[col].iloc[-1]) / base
        iv = (float(now[col].min()) / float(past[col].max()),
              float(now[col].max()) / float(past[col].min()))  # fmt: skip
        how = (
            f"lowest and highest ratio of the {years[0]}-{years[-1]} values over the "
            f"{lo}-{hi} yearly values"
        )
    return Evidence(
        value=value,
        data_years=(lo, years[-1]),
        detail=by.reset_index()[["year", "share", "intensity"]],
        figure={"kind": "line", "x": "year", "y": "intensity"},
        note=f"trade intensity of the rivals with the camp {now['intensity'].iloc[-1]:.2f} in "
        f"{years[-1]}, {past['intensity'].mean():.2f} on average in {lo}-{hi}; share of the "
        f"rivals' trade with the camp {now['share'].iloc[-1]:.2f} and {past['share'].mean():.2f}"
        + _coverage_note(absent, partial, lo, hi),
        interval=iv,
        interval_method=how,
        checks={
            "intensity_now": float(now["intensity"].iloc[-1]),
            "intensity_then": float(past["intensity"].mean()),
        },
    )


# ----------------------------------------------------------------------------- position
def _zone_year(ctx: Any, method: str, year: int) -> int:
    """The latest year up to ``year`` with the income series of an income position method."""
    from worldsystem import workflows as wf
    from worldsystem.measures import position as pos

    if method == "blockmodel_commodity":  # WIOD 2013 input-output tables, 1995-2011
        ctx.require("wiod2013")
        return _year_upto(ctx.backend.mrio_years("wiod2013"), year)
    inputs = wf.position_inputs(_with_years(ctx, None) if ctx.years else ctx)
    if method != "consensus" and method in pos.METHODS and not method.startswith("income"):
        dy = inputs["dyads"]
        if dy is None:
            ctx.require("cow_trade")
        return _year_upto(dy["year"], year)
    cy = inputs["country_years"]
    if cy is None:
        ctx.require("pwt", "maddison")
    col = "gdppc_usd" if method in ("income_xr", "consensus") else "gdppc_ppp"
    years = cy.loc[cy[col].notna(), "year"] if col in cy else []
    y = _year_upto(years, year)
    if method == "consensus" and inputs["dyads"] is not None:
        y = min(y, _year_upto(inputs["dyads"]["year"], year))
    return y


@register("zone")
def zone(
    ctx: Any,
    *,
    about_year: int,
    countries: Sequence[str],
    method: str = "income_xr",
    year: int | None = None,
    year_of: str | None = None,
) -> Evidence:
    """The world-system zone of each country (parts: core / semi-periphery /
    periphery) from one position method of :mod:`worldsystem.measures.position`
    (default ``income_xr``: density cut points of GDP per capita at exchange
    rates, PWT 10.01, to 2019), or ``method="consensus"``: the family-weighted
    consensus of every method (:func:`worldsystem.measures.position.with_consensus`)
    in the latest year that both the income and the trade data reach (COW trade
    ends in 2014). A zone is a category: no interval; list the single methods as
    the claim's ``alternatives`` for robustness. ``year_of`` (e.g. ``"consensus"``)
    scores the zone in the latest year that method reaches instead of ``method``'s
    own, so that alternatives share the primary's year (income at PPP reaches
    2022, the consensus 2014)."""
    from worldsystem import workflows as wf
    from worldsystem.measures import position as pos

    y = _zone_year(ctx, year_of or method, about_year if year is None else int(year))
    if method == "consensus":
        res = ctx.memo(
            f"claims:consensus:{y}",
            lambda: pos.with_consensus(wf.position(_with_years(ctx, (y, y)), years=[y])),
        )
        everything = res
        res = res[res["method"] == "consensus"]
    else:
        res = wf.position(_with_years(ctx, (y, y)), methods=[method], years=[y])
        everything = res
    codes = _as_list(countries)
    _need_codes(ctx, res["iso3"].unique(), codes)
    sub = res[res["iso3"].isin(codes)]
    counts = res["zone"].value_counts().to_dict()
    note = "zone sizes: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    if method == "consensus":
        shares = ", ".join(f"{c} {s:.2f}" for c, s in zip(sub["iso3"], sub["score"], strict=True))
        note += f"; share of the family-weighted method votes agreeing: {shares}"
        detail = everything[everything["iso3"].isin(codes)].pivot_table(
            index="iso3", columns="method", values="zone", aggfunc="first"
        )
        detail = detail.reset_index()
    else:
        detail = sub.reset_index(drop=True)
    return Evidence(
        value=dict(zip(sub["iso3"], sub["zone"], strict=True)),
        data_years=(y, y),
        detail=detail,
        note=note,
    )


# ----------------------------------------------------------------------------- dynamics
#: Ensemble size of the projection the dynamic claims read: the report's, so that
#: the ledger and the report share one memoised run (the workflow memoises it).
CLAIM_MEMBERS = 200
#: Last projected year of that run (the report's horizon).
CLAIM_HORIZON = 2050


@register("zone_path")
def zone_path(
    ctx: Any,
    *,
    about_year: int,
    countries: Sequence[str],
    from_year: int = 1990,
    method: str = "income_ppp",
) -> Evidence:
    """Each country's zone in ``from_year`` and in the latest year up to
    ``about_year`` (parts: ``"zone then -> zone now"``), from one income position
    method (default ``income_ppp``: density cut points of Maddison GDP per capita
    at 2011 PPP, which reaches back to 1950)."""
    from worldsystem import workflows as wf

    y1 = _zone_year(ctx, method, about_year)
    y0 = _zone_year(ctx, method, int(from_year))
    if y0 >= y1:
        raise NotTestable(
            f"no year of {method} data before {y1} to compare with",
            needs=f"income data for {from_year} and {about_year}",
        )
    res = wf.position(_with_years(ctx, (y0, y1)), methods=[method], years=[y0, y1])
    codes = _as_list(countries)
    for y in (y0, y1):
        _need_codes(ctx, res.loc[res["year"] == y, "iso3"].unique(), codes)
    sub = res[res["iso3"].isin(codes)].sort_values(["iso3", "year"])
    z = sub.pivot(index="iso3", columns="year", values="zone")
    return Evidence(
        value={c: f"{z.loc[c, y0]} -> {z.loc[c, y1]}" for c in codes},
        data_years=(y0, y1),
        detail=sub.reset_index(drop=True),
        note=f"zones by {method} in {y0} and {y1}",
    )


@register("projected_decline")
def projected_decline(
    ctx: Any,
    *,
    about_year: int,
    entities: Sequence[str],
    years_ahead: int = 10,
    members: int = CLAIM_MEMBERS,
) -> Evidence:
    """Probability that each entity's share of world GDP (PPP) ``years_ahead`` years
    after the end of the data is below its share at the end (parts: entity ->
    probability), from the ensemble of :func:`worldsystem.workflows.projection`
    (Maddison 2023; the stochastic growth model of
    :mod:`worldsystem.simulate.dynamics`). Entities are countries or the blocs the
    projection tracks (G7, China+Russia, NATO, SCO). Interval: the binomial Monte
    Carlo interval of each probability (what the ensemble size can resolve; it
    does not include model uncertainty). Check ``crps_skill``: the CRPS skill
    against persistence of the projection's model (calibrated spread) in the
    rolling-origin backtest of :func:`worldsystem.workflows.dynamics_backtest`
    (headline origin), for a fitness floor of 0: a model that does not beat
    persistence gives what it implies, not a tested forecast."""
    from worldsystem import workflows as wf
    from worldsystem.core.provenance import get

    pr = wf.projection(ctx, members=members, horizon=CLAIM_HORIZON)
    d = pr.decline
    codes = _as_list(entities)
    _need_codes(ctx, d["entity"].unique(), codes)
    year = min(pr.origin + int(years_ahead), pr.horizon)
    sub = d[(d["year"] == year) & d["entity"].isin(codes)]
    rec = [m for m in get(d).methods if m.name == "fit_growth_model"][-1]
    fit = dict(rec.params)["fit_years"]
    probs = dict(zip(sub["entity"], sub["p_below_origin"].astype(float), strict=True))
    z = float(_norm_ppf(1 - (1 - LEVEL) / 2))
    # a floor on p(1 - p) keeps a probability of 0 or 1 from a point interval
    half = {
        k: z * np.sqrt(max(p * (1 - p), 0.25 / pr.members) / pr.members) for k, p in probs.items()
    }
    checks, skill_note = {}, ""
    try:
        scorecard = wf.dynamics_backtest(ctx, members=members).scorecard
    except WorldsystemError:  # data too short for a backtest: no skill to check
        scorecard = None
    if scorecard is not None and "crps_skill" in scorecard.columns:
        card = scorecard.set_index("model")
        row = "ensemble_calibrated" if "ensemble_calibrated" in card.index else "ensemble"
        bt = [m for m in get(scorecard).methods if m.name == "backtest"]
        headline = dict(bt[-1].params).get("headline") if bt else None
        checks["crps_skill"] = float(card.loc[row, "crps_skill"])
        skill_note = (
            f"; its rolling-origin backtest (headline origin {headline}) scores a CRPS "
            f"skill of {checks['crps_skill']:+.3f} against persistence"
        )
    return Evidence(
        value=probs,
        checks=checks,
        interval={k: (p - half[k], p + half[k]) for k, p in probs.items()},
        interval_method=f"{LEVEL:.0%} Monte Carlo interval of a probability from "
        f"{pr.members:,} members (binomial)",
        data_years=(int(fit[0]), int(fit[1])),
        detail=d[d["entity"].isin(codes)].reset_index(drop=True),
        figure={"kind": "line", "x": "year", "y": "p_below_origin", "color": "entity"},
        note=f"share in {year} below the {pr.origin} share, {pr.members:,}-member ensemble "
        f"fitted {fit[0]}-{fit[1]} (seed {pr.seed}){skill_note}",
    )


# ----------------------------------------------------------------------------- exchange
def wf_regions(ctx: Any, year: int) -> tuple[str, ...]:
    """Regions of the context's MRIO table of ``year``."""
    from worldsystem import workflows as wf

    return tuple(wf.mrio_table(ctx, year, labour=False).regions)


def _mrio_year(ctx: Any, year: int) -> int:
    """The latest MRIO year up to ``year``."""
    from worldsystem import workflows as wf

    return _year_upto(wf.mrio_years(_with_years(ctx, None)), year)


def _bilateral(ctx: Any, year: int) -> pd.DataFrame:
    """Embodied bilateral flows of the year's MRIO, without domestic flows (memoised)."""
    from worldsystem import workflows as wf
    from worldsystem.measures import exchange

    return ctx.memo(
        f"claims:bilateral:{ctx.mrio_source}:{year}",
        lambda: exchange.bilateral_flows(wf.mrio_table(ctx, year), include_domestic=False),
    )


_BOOT_TEXT = (
    f"{LEVEL:.0%} interval of a bootstrap over the regions of each group "
    f"({DRAWS:,} draws, seed {SEED})"
)


def _pair_matrix(b: pd.DataFrame, col: str) -> tuple[np.ndarray, dict[str, int]]:
    """The region-by-region matrix of an embodied flow (origin rows, destination columns)."""
    regions = sorted(set(b["iso3_o"]) | set(b["iso3_d"]))
    idx = {r: i for i, r in enumerate(regions)}
    F = np.zeros((len(regions), len(regions)))
    g = b.groupby(["iso3_o", "iso3_d"])[col].sum()
    for (o, d), v in g.items():
        F[idx[o], idx[d]] += float(v)
    return F, idx


#: satellite name -> column of :func:`worldsystem.measures.exchange.bilateral_flows`
_SAT_COL = {"labour_hours": "hours", "value_added": "value_added_musd"}


def _sat_col(satellite: str) -> str:
    if satellite not in _SAT_COL:
        raise NotTestable(
            f"unknown satellite {satellite!r}", needs="satellite labour_hours or value_added"
        )
    return _SAT_COL[satellite]


def _groups(ctx: Any, partition: str, regions: Sequence[str], year: int) -> dict[str, str]:
    if partition == "zones":
        planted = ctx.backend.planted_zones()
        if planted is not None:
            return planted
    if partition == "north_south":
        from worldsystem import workflows as wf

        ns = wf.north_south_groups(ctx, list(regions), year)
        return dict(zip(ns["iso3"], ns["group"], strict=True))
    raise NotTestable(
        f"partition {partition!r} is not available here",
        needs="north_south on real data; zones on the example world",
    )


@register("partition_drain")
def partition_drain(
    ctx: Any,
    *,
    about_year: int,
    source_group: str,
    sink_group: str,
    partition: str = "north_south",
    satellite: str = "labour_hours",
    year: int | None = None,
) -> Evidence:
    """Net embodied flow from ``source_group`` to ``sink_group`` as a share of the
    gross flow from the source group to the sink group.

    Footprint attribution (:func:`worldsystem.measures.exchange.bilateral_flows`):
    hours (or value added) used in one group for the other's final demand. The
    value is :math:`(F_{SN} - F_{NS}) / F_{SN}`: positive when the source group
    gives more than it receives. Partition ``north_south`` (IMF advanced
    economies = North) on real data (WIOD 2013 release, 1995-2011), ``zones``
    (the planted partition) on the example world. Interval: a bootstrap over the
    regions of each group (:func:`worldsystem.claims.intervals.group_bootstrap`).
    """
    from worldsystem.measures import exchange

    y = _mrio_year(ctx, about_year if year is None else int(year))
    b = _bilateral(ctx, y)
    regions = sorted(set(b["iso3_o"]) | set(b["iso3_d"]))
    groups = _groups(ctx, partition, regions, y)
    col = _sat_col(satellite)
    pf = exchange.partition_flows(b, groups, values=[col], unassigned="other")
    sn = pf[(pf["group_o"] == source_group) & (pf["group_d"] == sink_group)]
    ns = pf[(pf["group_o"] == sink_group) & (pf["group_d"] == source_group)]
    if sn.empty or ns.empty:
        raise NotTestable(f"no flows between {source_group} and {sink_group} in {y}")
    gross = float(sn[col].iloc[0])
    back = float(ns[col].iloc[0])
    F, idx = _pair_matrix(b, col)
    src = np.array([idx[r] for r, g in groups.items() if g == source_group and r in idx])
    snk = np.array([idx[r] for r, g in groups.items() if g == sink_group and r in idx])

    def stat(w: np.ndarray) -> float:
        ws, wn = w[src], w[snk]
        f_sn = ws @ F[np.ix_(src, snk)] @ wn
        f_ns = wn @ F[np.ix_(snk, src)] @ ws
        return (f_sn - f_ns) / f_sn if f_sn else float("nan")

    iv = group_bootstrap(stat, [src, snk], n=len(idx))
    return Evidence(
        value=(gross - back) / gross if gross else float("nan"),
        data_years=(y, y),
        detail=pf.reset_index(drop=True),
        figure={"kind": "bar", "x": "group_o", "y": col},
        note=f"{source_group}->{sink_group} {gross:.4g}, back {back:.4g} ({satellite})",
        interval=iv,
        interval_method=_BOOT_TEXT,
    )


@register("bilateral_drain")
def bilateral_drain(
    ctx: Any,
    *,
    about_year: int,
    country: str,
    partners: str | Sequence[str] = "South",
    satellite: str = "labour_hours",
    year: int | None = None,
) -> Evidence:
    """Net embodied flow *into* ``country`` from ``partners`` relative to the gross
    flow in: :math:`(F_{P\\to c} - F_{c\\to P}) / F_{P\\to c}`; positive when the
    country receives more hours (value added) than it gives. ``partners`` is a
    list of ISO3 or ``"South"`` (the non-advanced WIOD regions other than the
    country, including the rest of the world). Interval: a bootstrap over the
    partners."""

    y = _mrio_year(ctx, about_year if year is None else int(year))
    b = _bilateral(ctx, y)
    regions = sorted(set(b["iso3_o"]))
    _need_codes(ctx, regions, [country])
    if isinstance(partners, str):
        groups = _groups(ctx, "north_south", regions, y)
        plist = [r for r, g in groups.items() if g == partners and r != country]
    else:
        plist = [p for p in partners if p != country]
        _need_codes(ctx, regions, plist)
    col = _sat_col(satellite)
    inflow = b[(b["iso3_d"] == country) & b["iso3_o"].isin(plist)]
    outflow = b[(b["iso3_o"] == country) & b["iso3_d"].isin(plist)]
    fin, fout = float(inflow[col].sum()), float(outflow[col].sum())
    detail = (
        inflow.set_index("iso3_o")[col]
        .rename("into")
        .to_frame()
        .join(outflow.set_index("iso3_d")[col].rename("out"))
        .reset_index(names="partner")
    )
    detail["net_into"] = detail["into"] - detail["out"]
    F, idx = _pair_matrix(b, col)
    c, ps = idx[country], np.array([idx[p] for p in plist if p in idx])

    def stat(w: np.ndarray) -> float:
        f_in, f_out = w[ps] @ F[ps, c], F[c, ps] @ w[ps]
        return (f_in - f_out) / f_in if f_in else float("nan")

    return Evidence(
        value=(fin - fout) / fin if fin else float("nan"),
        data_years=(y, y),
        detail=detail.sort_values("net_into").reset_index(drop=True),
        figure={"kind": "bar", "x": "partner", "y": "net_into"},
        note=f"{satellite} into {country} {fin:.4g}, out {fout:.4g}; partners {len(plist)}",
        interval=group_bootstrap(stat, [ps], n=len(idx)),
        interval_method=_BOOT_TEXT.replace("of each group", "of the partners"),
    )


@register("import_dependence")
def import_dependence(
    ctx: Any,
    *,
    about_year: int,
    country: str,
    partner: str,
    sector: str,
    year: int | None = None,
    part: str | None = None,
) -> Evidence:
    """Partner's share in a country's imports of one product (WIOD 2013 release).

    Imports of product ``sector`` by ``country`` = deliveries from every other
    region's ``sector`` row to the country's industries (Z) and final demand (Y).
    Parts: ``share`` (partner's share of those imports) and ``rank`` (the
    partner's rank among supplying countries, 1 = largest; the WIOD rest of the
    world, ``ROW``, counts in the total but is not ranked); ``part`` picks one of
    them as the value. On the example world the sector must exist in its MRIO.
    Checks (for a claim's ``fitness``): ``share``, ``rank`` and
    ``aggregate_share`` (the share of the table's aggregate regions, such as
    WIOD's rest of the world, which hide the countries inside them). No
    interval: the table is one set of numbers.
    """
    y = _mrio_year(ctx, about_year if year is None else int(year))
    from worldsystem.core.errors import WorldsystemError
    from worldsystem.workflows.supply import product_imports

    try:
        regions = list(wf_regions(ctx, y))
        _need_codes(ctx, regions, [country, partner])
        t = product_imports(ctx, country=country, sector=sector, year=y)
    except WorldsystemError as exc:
        if exc.field == "sector":
            raise NotTestable(f"no sector {sector!r} in the table", needs=exc.hint or "") from None
        raise
    imports = t[t["supplier"] != country].reset_index(drop=True)
    total = float(imports["use_musd"].sum())
    if total <= 0:
        raise NotTestable(f"{country} imports no {sector} in {y}")
    row = imports[imports["supplier"] == partner].iloc[0]
    if pd.isna(row["rank"]):
        raise NotTestable(f"{partner} is an aggregate region of the table, not a country")
    rank, share = int(row["rank"]), float(row["share"])
    aggregate = float(imports.loc[imports["rank"].isna(), "share"].sum())
    domestic = float(t.loc[t["supplier"] == country, "use_musd"].sum())
    value: Any = {"share": share, "rank": rank}
    if part is not None:
        value = value[part]
    return Evidence(
        value=value,
        data_years=(y, y),
        detail=imports[["supplier", "use_musd", "share", "rank"]].head(10),
        figure={"kind": "bar", "x": "supplier", "y": "share"},
        note=f"{country} uses {domestic:.4g} of domestic and {total:.4g} of imported {sector}"
        f" (USD million); aggregate regions supply {aggregate:.1%} of the imports",
        checks={"share": share, "rank": float(rank), "aggregate_share": aggregate},
    )


# ----------------------------------------------------------------------------- conflict
_KINDS = {
    "interstate_primary": lambda p: p["side"].isin(["a", "b"]) & (p["type_of_conflict"] == 2),
    "internationalised_secondary": lambda p: (
        ~p["side"].isin(["a", "b"]) & (p["type_of_conflict"] == 4)
    ),
    "any": lambda p: p["side"].notna(),
}


def _participants(ctx: Any) -> pd.DataFrame:
    return ctx.memo("claims:ucdp", lambda: ctx.load_extra("ucdp", "participants"))


@register("conflict_change")
def conflict_change(
    ctx: Any,
    *,
    about_year: int,
    country: str,
    before: Sequence[int],
    after: Sequence[int],
    kinds: Sequence[str] = ("interstate_primary", "internationalised_secondary"),
) -> Evidence:
    """Change in a country's yearly number of armed conflicts (UCDP/PRIO ACD).

    For each kind, the mean number of distinct conflicts per year in ``after``
    (``[first, last]``, clipped to the data) minus the mean in ``before``.
    Kinds: ``interstate_primary`` (type 2 as side A or B),
    ``internationalised_secondary`` (type 4 as a secondary supporter: troops in
    another state's civil war), ``any``. Parts: kind -> change. Interval: the
    90% interval of a difference of two Poisson means (normal approximation,
    variance :math:`\bar a/n_a + \bar b/n_b`, at least one conflict in each
    period's variance so that an empty period is not certain).
    """
    p = _participants(ctx)
    p = p[p["iso3"] == country]
    hi_data = int(_participants(ctx)["year"].max())
    lo1, hi1 = int(before[0]), int(before[1])
    lo2, hi2 = int(after[0]), min(int(after[1]), hi_data)
    if hi2 < lo2:
        raise NotTestable(f"the data end in {hi_data}", latest_year=hi_data)
    parts, rows, intervals = {}, [], {}
    for k in kinds:
        sub = p[_KINDS[k](p)]
        per_year = sub.groupby("year")["conflict_id"].nunique()
        b = per_year.reindex(range(lo1, hi1 + 1), fill_value=0)
        a = per_year.reindex(range(lo2, hi2 + 1), fill_value=0)
        parts[k] = float(a.mean() - b.mean())
        var = max(a.mean(), 1 / len(a)) / len(a) + max(b.mean(), 1 / len(b)) / len(b)
        half = float(_norm_ppf(1 - (1 - LEVEL) / 2)) * float(np.sqrt(var))
        intervals[k] = (parts[k] - half, parts[k] + half)
        rows.append({"kind": k, "mean_before": b.mean(), "mean_after": a.mean()})
        rows.extend({"kind": k, "year": int(yy), "conflicts": int(v)} for yy, v in b.items())
        rows.extend({"kind": k, "year": int(yy), "conflicts": int(v)} for yy, v in a.items())
    return Evidence(
        value=parts,
        data_years=(lo1, hi2),
        detail=pd.DataFrame(rows),
        figure={"kind": "line", "x": "year", "y": "conflicts", "color": "kind"},
        note=f"before {lo1}-{hi1}, after {lo2}-{hi2}",
        interval=intervals,
        interval_method=f"{LEVEL:.0%} interval of a difference of Poisson means",
    )


@register("conflict_count")
def conflict_count(
    ctx: Any,
    *,
    about_year: int,
    country: str,
    since: int,
    kinds: Sequence[str] = ("any",),
) -> Evidence:
    """Number of distinct armed conflicts (UCDP/PRIO ACD) a country took part in,
    on any side, from ``since`` to the end of the data."""
    p = _participants(ctx)
    hi = int(p["year"].max())
    sub = p[(p["iso3"] == country) & (p["year"] >= since)]
    mask = np.zeros(len(sub), dtype=bool)
    for k in kinds:
        mask |= _KINDS[k](sub).to_numpy()
    sub = sub[mask]
    detail = (
        sub.groupby("conflict_id")
        .agg(
            first_year=("year", "min"),
            last_year=("year", "max"),
            type=("type_of_conflict", "first"),
        )
        .reset_index()
    )
    return Evidence(value=len(detail), data_years=(int(since), hi), detail=detail)
