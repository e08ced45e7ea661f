"""Concentration of capabilities: leader, CON, HHI, effective poles, Mansfield.

Step 2 of :mod:`worldsystem.measures.polarity`: :func:`concentration` of one
year's shares among all states, the COW major powers (:data:`COW_MAJORS`,
:func:`major_powers`) or the top *k*.

References
----------
Ray, J.L., Singer, J.D. (1973). Measuring the Concentration of Power in the
International System. *Sociological Methods & Research* 1(4):403-437.
doi:10.1177/004912417300100401.

Mansfield, E.D. (1993). Concentration, Polarity, and the Distribution of Power.
*International Studies Quarterly* 37(1):105-128. doi:10.2307/2600833.

Laakso, M., Taagepera, R. (1979). "Effective" Number of Parties.
*Comparative Political Studies* 12(1):3-27. doi:10.1177/001041407901200101.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import Any

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_numeric, require_columns
from worldsystem.measures._common import finish
from worldsystem.measures._concentration import con_from_hhi, effective_number, group_sums
from worldsystem.measures.polarity._base import _CITE_CON, _CITE_MANSFIELD, _renormalise

__all__ = [
    "COW_MAJORS",
    "GREAT_POWER_ERAS",
    "candidate_powers",
    "concentration",
    "coverage",
    "major_powers",
]


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


#: The fixed candidate great powers of each era: ``(first year, last year, era,
#: ((ccode, iso3), ...))``; ``last=None`` is ongoing. The polarity call is made among
#: these states. Unlike the COW major-power list, membership does not change within
#: an era, so a call cannot flip because a state leaves or rejoins the list (COW
#: drops Germany in 1919-24 and Russia in 1918-21, which made 1919-21 "unipolar";
#: China joins only in 1950 and France in 1945, which made 1945-47 "unipolar").
#: The eras follow the conventional great-power system of Levy (1983, ch. 2), whose
#: dates the COW list adopts: the European pentarchy from 1816, Italy from its
#: unification, Japan and the United States from the 1890s (COW's 1895 and 1898:
#: the era starts in 1898 with both); the seven powers of the interwar years and the
#: Second World War; the five permanent members of the UN Security Council in the
#: Cold War (Waltz 1979 and Wohlforth 1999 compare the two superpowers with these);
#: and the seven of the COW list after 1991 (with reunified Germany and Japan).
#: A candidate that is not a member of the state system in a year (France 1942-44,
#: occupied) is absent that year; a member whose value a source lacks is missing,
#: which :func:`coverage` reports.
GREAT_POWER_ERAS: tuple[tuple[int, int | None, str, tuple[tuple[int, str], ...]], ...] = (
    (
        1816,
        1859,
        "Concert of Europe",
        ((200, "GBR"), (220, "FRA"), (255, "DEU"), (300, "AUT"), (365, "RUS")),
    ),
    (
        1860,
        1897,
        "after Italian unification",
        ((200, "GBR"), (220, "FRA"), (255, "DEU"), (300, "AUT"), (325, "ITA"), (365, "RUS")),
    ),
    (
        1898,
        1918,
        "to the end of the First World War",
        (
            (2, "USA"),
            (200, "GBR"),
            (220, "FRA"),
            (255, "DEU"),
            (300, "AUT"),
            (325, "ITA"),
            (365, "RUS"),
            (740, "JPN"),
        ),
    ),
    (
        1919,
        1945,
        "interwar years and Second World War",
        (
            (2, "USA"),
            (200, "GBR"),
            (220, "FRA"),
            (255, "DEU"),
            (325, "ITA"),
            (365, "RUS"),
            (740, "JPN"),
        ),
    ),
    (1946, 1991, "Cold War", ((2, "USA"), (200, "GBR"), (220, "FRA"), (365, "RUS"), (710, "CHN"))),
    (
        1992,
        None,
        "after the Cold War",
        (
            (2, "USA"),
            (200, "GBR"),
            (220, "FRA"),
            (255, "DEU"),
            (365, "RUS"),
            (710, "CHN"),
            (740, "JPN"),
        ),
    ),
)


def candidate_powers(years: Sequence[int] | np.ndarray, *, by: str = "ccode") -> pd.DataFrame:
    """The fixed candidate great powers of :data:`GREAT_POWER_ERAS` per year.

    Parameters
    ----------
    years : sequence of int
    by : {"ccode", "iso3"}

    Returns
    -------
    DataFrame
        ``year, <by>``, one row per candidate and year.

    Examples
    --------
    >>> c = candidate_powers([1920, 1946], by="iso3")
    >>> c[c["year"] == 1920]["iso3"].tolist()
    ['DEU', 'FRA', 'GBR', 'ITA', 'JPN', 'RUS', 'USA']
    >>> c[c["year"] == 1946]["iso3"].tolist()
    ['CHN', 'FRA', 'GBR', 'RUS', 'USA']
    """
    spells = [
        (code, iso3, lo, hi) for lo, hi, _, members in GREAT_POWER_ERAS for code, iso3 in members
    ]
    return major_powers(years, spells=spells, by=by)


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
    if isinstance(majors, str) and majors == "candidates":
        by = "ccode" if "ccode" in df.columns else "iso3"
        majors = candidate_powers(df["year"].unique(), by=by)
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
    df = df.assign(s=_renormalise(df, "s")).dropna(subset=["s"])
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
    among : "all", "majors", "candidates" or int
        ``"all"``: every state with a share; ``"majors"``: the major powers of
        that year (``majors``); ``"candidates"``: the fixed candidate great powers
        of the era (:data:`GREAT_POWER_ERAS`); ``k`` (int >= 1): the ``k`` largest
        shares that year.
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
    elif among == "candidates":
        sel = df[_majors_mask(df, "candidates")]
    elif isinstance(among, (int, np.integer)) and not isinstance(among, bool) and among >= 1:
        order = df.sort_values(["year", "s", "iso3"], ascending=[True, False, True], kind="stable")
        rank = order.groupby("year", sort=False).cumcount()
        sel = order[rank.to_numpy() < int(among)]
    else:
        raise SchemaError(
            f"among must be 'all', 'majors', 'candidates' or a positive int; found {among!r}",
            field="among",
            value=among,
        )
    out = _concentration_core(sel)
    mans = _concentration_core(df[maj])[["year", "con"]].rename(columns={"con": "mansfield"})
    out = out.merge(mans, on="year", how="left")
    out = out[_CONC_COLUMNS].reset_index(drop=True)
    params = {"share_col": share_col, "among": among}
    return finish(out, [shares_frame], "concentration", params, _CITE_CON + _CITE_MANSFIELD)


def coverage(
    shares_frame: pd.DataFrame,
    *,
    share_col: str = "share",
    among: str | int = "candidates",
    majors: Any = None,
) -> pd.DataFrame:
    """Does an index's data cover each year's candidate powers?

    A state missing from a source is missing, not absent: a candidate that is a row
    of ``shares_frame`` (a member of the state system that year) with a missing
    share makes the year *not covered*, and a polarity call on that index would
    compare the others as if it did not exist (SIPRI's expenditure data lack the
    USSR, so without this check the US looks unipolar in 1949-86 with Britain
    second). With ``among="all"`` or a number, every row with a share counts and a
    year is covered when it has any share.

    Parameters
    ----------
    shares_frame : DataFrame
        ``iso3, year, <share_col>`` (``ccode`` when present), one row per state in
        the system, missing shares as NaN.
    share_col, among, majors
        As for :func:`concentration`.

    Returns
    -------
    DataFrame
        ``year, n_candidates, n_missing, missing, covered``: ``missing`` lists the
        ISO3 codes of the candidates without a share (comma-separated, "" when
        none); ``covered`` is True when none is missing and at least one share is
        present. One row per year of ``shares_frame``.

    Examples
    --------
    >>> import pandas as pd
    >>> s = pd.DataFrame({"iso3": ["USA", "RUS", "GBR", "FRA", "CHN"], "year": 1960,
    ...                   "share": [0.5, None, 0.1, 0.1, 0.1]})
    >>> coverage(s)[["missing", "covered"]].values.tolist()
    [['RUS', False]]
    """
    if share_col not in shares_frame.columns and "cinc" in shares_frame.columns:
        share_col = "cinc"
    require_columns(shares_frame, ["iso3", "year", share_col], name="shares frame")
    cols = ["iso3", "year", share_col] + (["ccode"] if "ccode" in shares_frame.columns else [])
    df = shares_frame[cols].rename(columns={share_col: "s"}).reset_index(drop=True)
    if among in ("majors", "candidates"):
        df = df[_majors_mask(df, "candidates" if among == "candidates" else majors)]
    have = df["s"].notna()
    miss = df[~have].groupby("year")["iso3"].apply(lambda x: ",".join(sorted(set(x))))
    years = np.sort(shares_frame["year"].unique()).astype("int64")
    out = pd.DataFrame({"year": years})
    out["n_candidates"] = df.groupby("year").size().reindex(years, fill_value=0).to_numpy()
    out["n_missing"] = (~have).groupby(df["year"]).sum().reindex(years, fill_value=0).to_numpy()
    out["missing"] = miss.reindex(years, fill_value="").to_numpy(dtype=object)
    n_have = have.groupby(df["year"]).sum().reindex(years, fill_value=0).to_numpy()
    out["covered"] = (out["n_missing"].to_numpy() == 0) & (n_have > 0)
    if among in ("majors", "candidates"):
        out["covered"] &= out["n_candidates"].to_numpy() >= 2
    return out
