"""Agreement of estimated ideal points with the published Bailey-Strezhnev-Voeten ones.

:func:`compare_ideal_points` matches two country-session series and returns the
figures used in ``docs/validation.md`` and by ``worldsystem blocs ideal-points
--compare``: pooled Pearson and Spearman correlations, the median within-session
and within-country correlations, and the ratio of per-session spreads by era.

Full references are in the function docstrings.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError

__all__ = ["ERAS", "compare_ideal_points"]


#: Eras (first and last session) of the spread ratio: the Cold War to 1984, the
#: years of the glasnost and the end of the Cold War, and the sessions after it.
ERAS = {"1946-1984": (1, 39), "1985-1991": (40, 46), "1992-2019": (47, 74)}


def _corr(a: np.ndarray, b: np.ndarray) -> float:
    if a.shape[0] < 2 or np.std(a) == 0 or np.std(b) == 0:
        return float("nan")
    return float(np.corrcoef(a, b)[0, 1])


def compare_ideal_points(
    ours: pd.DataFrame,
    published: pd.DataFrame,
    *,
    on: tuple[str, ...] = ("ccode", "session"),
    min_sessions: int = 5,
    min_countries: int = 10,
) -> pd.DataFrame:
    r"""Agreement statistics of two ideal-point series over matched country-sessions.

    Both frames carry the key columns ``on`` and an ``ideal_point`` column; rows
    are matched on the key (an inner join), and rows with a missing key or value
    are left out. The statistics:

    - ``n_matched``: matched country-sessions;
    - ``pooled_pearson`` / ``pooled_spearman``: correlation over all of them (the
      one figure that needs one scale across sessions);
    - ``median_within_session_r``: median over sessions (with at least
      ``min_countries`` matched countries) of the cross-country correlation;
    - ``median_within_country_r``: median over countries (with at least
      ``min_sessions`` matched sessions) of the correlation of the two time series;
    - ``min_within_session_r`` and ``share_countries_r_below_0.5``;
    - ``sd_ratio <era>``: median over the era's sessions of
      :math:`(s^{ours}_t / s^{pub}_t) / (s^{ours} / s^{pub})`, the per-session
      standard deviations relative to the pooled ones (1 = the same relative spread
      in every era; the drift of the scale shows as eras far from 1).

    Parameters
    ----------
    ours, published : DataFrame
        Key columns ``on`` and ``ideal_point``.
    on : tuple of str, default ("ccode", "session")
        Match key. COW codes are the published file's key; its ``iso3c`` writes
        CSK, YUG, DDR and YAR where this project uses CZE, SRB, DDR and YEM.
    min_sessions, min_countries : int
        Smallest series and cross-section that enter the medians.

    Returns
    -------
    DataFrame
        ``statistic, value`` (one row per statistic, in the order above).

    Raises
    ------
    SchemaError
        A frame lacks a key column or ``ideal_point``; nothing matches.

    Examples
    --------
    >>> a = pd.DataFrame({"ccode": [2, 2, 365, 365, 20, 20], "session": [1, 2] * 3,
    ...                   "ideal_point": [1.0, 1.2, -1.0, -0.9, 0.5, 0.6]})
    >>> b = a.assign(ideal_point=2 * a["ideal_point"] + 1)
    >>> st = compare_ideal_points(a, b, min_countries=3, min_sessions=2)
    >>> st.set_index("statistic").loc["pooled_pearson", "value"].round(6)
    np.float64(1.0)
    """
    for name, frame in (("ours", ours), ("published", published)):
        missing = [c for c in (*on, "ideal_point") if c not in frame.columns]
        if missing:
            raise SchemaError(
                f"{name} ideal points lack column(s) {missing}",
                file=name,
                field=missing[0],
                hint="pass frames with the key columns and ideal_point",
            )
    key = list(on)
    a = ours[[*key, "ideal_point"]].dropna()
    b = published[[*key, "ideal_point"]].dropna()
    a = a.astype({k: "int64" for k in key if k in ("ccode", "session")})
    b = b.astype({k: "int64" for k in key if k in ("ccode", "session")})
    # a COW code can carry two ISO3 rows in a year (and the reverse): average them
    a = a.groupby(key, as_index=False)["ideal_point"].mean()
    b = b.groupby(key, as_index=False)["ideal_point"].mean()
    m = a.merge(b, on=key, suffixes=("_ours", "_pub"))
    if m.empty:
        raise SchemaError(
            "no country-session matches between the two ideal-point series",
            field=",".join(key),
            hint="check that both use COW codes and UNGA session numbers",
        )
    x = m["ideal_point_ours"].to_numpy()
    y = m["ideal_point_pub"].to_numpy()
    by_session = {
        s: _corr(g["ideal_point_ours"].to_numpy(), g["ideal_point_pub"].to_numpy())
        for s, g in m.groupby("session")
        if len(g) >= min_countries
    }
    country_key = [k for k in key if k != "session"]
    by_country = {
        c: _corr(g["ideal_point_ours"].to_numpy(), g["ideal_point_pub"].to_numpy())
        for c, g in m.groupby(country_key)
        if len(g) >= min_sessions
    }
    ws = pd.Series(by_session, dtype=float).dropna()
    wc = pd.Series(by_country, dtype=float).dropna()
    rows: list[tuple[str, float]] = [
        ("n_matched", float(len(m))),
        ("pooled_pearson", _corr(x, y)),
        ("pooled_spearman", _corr(pd.Series(x).rank().to_numpy(), pd.Series(y).rank().to_numpy())),
        ("median_within_session_r", float(ws.median()) if len(ws) else float("nan")),
        ("median_within_country_r", float(wc.median()) if len(wc) else float("nan")),
        ("min_within_session_r", float(ws.min()) if len(ws) else float("nan")),
        ("share_countries_r_below_0.5", float((wc < 0.5).mean()) if len(wc) else float("nan")),
    ]
    sd = m.groupby("session")[["ideal_point_ours", "ideal_point_pub"]].std()
    pooled_ratio = np.std(x, ddof=1) / np.std(y, ddof=1)
    rel = sd["ideal_point_ours"] / sd["ideal_point_pub"] / pooled_ratio
    for era, (lo, hi) in ERAS.items():
        sel = rel[(rel.index >= lo) & (rel.index <= hi)].dropna()
        rows.append((f"sd_ratio {era}", float(sel.median()) if len(sel) else float("nan")))
    return pd.DataFrame(rows, columns=["statistic", "value"])
