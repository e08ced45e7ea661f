"""Alignment: distance to the US, China and Russia, and a bloc per country-year.

:func:`alignment` places each country on the axis from the China-Russia
midpoint to the US (Voeten 2000) or compares its chance-corrected agreement with
the poles (Signorino & Ritter 1999; Häge 2011), and assigns one of
:data:`BLOC_LABELS`.

Full references are in the function docstrings.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.provenance import attach, get, set_units

__all__ = [
    "BLOC_LABELS",
    "alignment",
]


BLOC_LABELS = ("US-aligned", "China-Russia-aligned", "non-aligned")


def alignment(
    ideal_points_frame: pd.DataFrame,
    agreement_frame: pd.DataFrame | None = None,
    *,
    poles: tuple[str, str, str] = ("USA", "CHN", "RUS"),
    threshold: float = 0.1,
    agreement_col: str = "kappa",
    rule: Literal["auto", "axis", "agreement"] = "auto",
    cuts: tuple[float, float] = (0.25, 0.5),
) -> pd.DataFrame:
    r"""Distance of every country to the US, China and Russia, and a bloc.

    With ideal points :math:`x` in year :math:`t` and poles US, China (C) and
    Russia (R), :math:`d_P = |x_i - x_P|`. The continuous score is the position
    on the axis from the China-Russia midpoint :math:`m = (x_C + x_R)/2` to the US:

    .. math::

        p_i = \frac{x_i - m}{x_{US} - m},

        \text{bloc}_i = \begin{cases}
            \text{US-aligned} & p_i \ge c_{hi} \\
            \text{China-Russia-aligned} & p_i \le c_{lo} \\
            \text{non-aligned} & \text{otherwise,} \end{cases}

    with ``cuts`` :math:`= (c_{lo}, c_{hi}) = (1/4, 1/2)` by default: a country is
    US-aligned when it is closer to the US than to the China-Russia midpoint
    (:math:`p \ge 1/2`), China-Russia-aligned when it is at least three times
    closer to that midpoint than to the US (:math:`p \le 1/4`, i.e.
    :math:`|x - x_{US}| \ge 3|x - m|` on the segment, or beyond the midpoint), and
    non-aligned in between. The cuts are the report's map bins. ``p`` is 1 for the
    US, 0 at the midpoint; it is in units of the axis, so it does not depend on the
    latent scale, and it is kept (``axis_position``) so users can apply their own
    cut. Because the US is itself an outlier of the main dimension after the Cold
    War (with Israel, far from its allies), the axis is long and close allies can
    fall short of 1/2 (positions of US allies in 2019: ``docs/validation.md``).

    This follows the one-dimensional reading of UN voting as "the West against the
    rest" after the Cold War (Voeten 2000): on the main dimension the
    Non-Aligned Movement votes on China's and Russia's side, so many developing
    countries are China-Russia-aligned by this rule. That is a statement about UN
    votes, not about alliances.

    With ``rule="agreement"`` (the default, ``"auto"``, when ``agreement_frame``
    is given) the bloc uses chance-corrected agreement instead, in the manner of
    Signorino & Ritter's (1999) similarity scores and with Häge's (2011) chance
    correction: with :math:`a_P` the agreement (``agreement_col``, by default
    Cohen's kappa from :func:`vote_agreement`) with pole :math:`P`,

    .. math::

        s_i = a_{US} - \tfrac12 (a_C + a_R),

    US-aligned if :math:`s_i > \tau`, China-Russia-aligned if :math:`s_i < -\tau`,
    non-aligned otherwise (:math:`\tau` = ``threshold``, default 0.1: a tenth of
    the kappa range between no and perfect agreement). It compares whom a country
    votes with rather than where it sits relative to the US's own extreme
    position, so it is not stretched by the US outlier (bloc counts on real
    votes: ``docs/validation.md``). The poles
    themselves are classified by the same rule. If a pole is missing in a year,
    the bloc is missing (None).

    Parameters
    ----------
    ideal_points_frame : DataFrame
        ``iso3, year, ideal_point`` (e.g. from :func:`ideal_points`); if a country
        has several rows in a year they are averaged.
    agreement_frame : DataFrame, optional
        Pairwise ``iso3_a, iso3_b, year`` and ``agreement_col`` (from
        :func:`vote_agreement`); adds ``agree_usa, agree_chn, agree_rus``.
        Required for ``rule="agreement"``.
    poles : (str, str, str), default ("USA", "CHN", "RUS")
        The US, China and Russia codes.
    threshold : float, default 0.1
        Margin :math:`\tau` of the agreement rule.
    agreement_col : str, default "kappa"
        ``agree_share``, ``kappa`` or ``pi`` (Häge 2011 recommends a
        chance-corrected one for the agreement rule).
    rule : {"auto", "axis", "agreement"}, default "auto"
        ``auto``: ``agreement`` when ``agreement_frame`` is given, else ``axis``.
    cuts : (float, float), default (0.25, 0.5)
        :math:`(c_{lo}, c_{hi})` of the axis rule, :math:`c_{lo} < c_{hi}`.

    Returns
    -------
    DataFrame
        ``iso3, year, ideal_point, dist_usa, dist_chn, dist_rus, agree_usa,
        agree_chn, agree_rus, axis_position, agree_diff, score, bloc``;
        ``axis_position`` is :math:`p_i`, ``agree_diff`` is :math:`s_i` (NaN
        without agreement), and ``score`` is the one the chosen rule uses.

    References
    ----------
    Voeten, E. (2000). Clashes in the Assembly. *International Organization*
    54(2), 185-215. doi:10.1162/002081800551154

    Signorino, C. S., & Ritter, J. M. (1999). Tau-b or not tau-b: measuring the
    similarity of foreign policy positions. *International Studies Quarterly*
    43(1), 115-144. doi:10.1111/0020-8833.00113

    Häge, F. M. (2011). Choice or circumstance? Adjusting measures of foreign
    policy similarity for chance agreement. *Political Analysis* 19(3), 287-305.
    doi:10.1093/pan/mpr023

    Examples
    --------
    >>> ip = pd.DataFrame({"iso3": ["USA", "CHN", "RUS", "GBR", "IND", "ZAF"],
    ...                    "year": 2019, "ideal_point": [3.0, -1.0, -0.6, 1.8, -0.5, 0.2]})
    >>> al = alignment(ip).set_index("iso3")
    >>> al.loc[["GBR", "ZAF", "CHN"], "bloc"].tolist()
    ['US-aligned', 'non-aligned', 'China-Russia-aligned']
    >>> round(float(al.loc["ZAF", "axis_position"]), 3)  # (0.2 + 0.8) / (3 + 0.8)
    0.263
    """
    need = [c for c in ("iso3", "year", "ideal_point") if c not in ideal_points_frame.columns]
    if need:
        raise SchemaError(
            f"ideal_points_frame lacks column(s) {need}",
            file="ideal_points_frame",
            field=need[0],
            hint="pass the output of ideal_points()",
        )
    if ideal_points_frame.empty:
        raise SchemaError(
            "ideal_points_frame has no rows",
            file="ideal_points_frame",
            field="ideal_point",
            hint="fit ideal points for at least one year first",
        )
    if rule not in ("auto", "axis", "agreement"):
        raise ModelError(
            "rule must be 'auto', 'axis' or 'agreement'",
            field="rule",
            value=rule,
            hint="pick one",
        )
    if rule == "auto":
        rule = "agreement" if agreement_frame is not None else "axis"
    lo_cut, hi_cut = (float(c) for c in cuts)
    if not lo_cut < hi_cut:
        raise ModelError(
            "cuts must be (lower, upper) with lower < upper",
            field="cuts",
            value=cuts,
            hint="e.g. cuts=(0.25, 0.5) on the China-Russia-midpoint (0) to US (1) axis",
        )
    if rule == "agreement" and agreement_frame is None:
        raise ModelError(
            "rule='agreement' needs an agreement_frame",
            field="agreement_frame",
            hint="pass vote_agreement(votes) and agreement_col='kappa'",
        )
    ip = ideal_points_frame.groupby(["iso3", "year"], as_index=False)["ideal_point"].mean()
    wide = ip.pivot(index="year", columns="iso3", values="ideal_point")
    pole_x = pd.DataFrame(
        {p: wide[p] if p in wide.columns else np.nan for p in poles}, index=wide.index
    )
    px = pole_x.reindex(ip["year"].to_numpy())
    x = ip["ideal_point"].to_numpy()
    x_us, x_cn, x_ru = (px[p].to_numpy() for p in poles)
    out = ip.copy()
    out["dist_usa"] = np.abs(x - x_us)
    out["dist_chn"] = np.abs(x - x_cn)
    out["dist_rus"] = np.abs(x - x_ru)
    mid = 0.5 * (x_cn + x_ru)
    with np.errstate(divide="ignore", invalid="ignore"):
        axis_pos = (x - mid) / (x_us - mid)
    axis_pos = np.where(np.isfinite(axis_pos), axis_pos, np.nan)
    out["agree_usa"] = np.nan
    out["agree_chn"] = np.nan
    out["agree_rus"] = np.nan
    if agreement_frame is not None:
        need = [
            c
            for c in ("iso3_a", "iso3_b", "year", agreement_col)
            if c not in agreement_frame.columns
        ]
        if need:
            raise SchemaError(
                f"agreement_frame lacks column(s) {need}",
                file="agreement_frame",
                field=need[0],
                hint="pass the output of vote_agreement(votes, by='year')",
            )
        ag = agreement_frame[["iso3_a", "iso3_b", "year", agreement_col]]
        both = pd.concat(
            [
                ag.rename(columns={"iso3_a": "iso3", "iso3_b": "other"}),
                ag.rename(columns={"iso3_b": "iso3", "iso3_a": "other"}),
            ],
            ignore_index=True,
        )
        for p, col in zip(poles, ("agree_usa", "agree_chn", "agree_rus"), strict=True):
            sub = both[both["other"] == p].set_index(["iso3", "year"])[agreement_col]
            val = sub.reindex(pd.MultiIndex.from_frame(out[["iso3", "year"]])).to_numpy()
            self_rows = (out["iso3"] == p).to_numpy()
            out[col] = np.where(self_rows, 1.0, val)
    agree_diff = out["agree_usa"].to_numpy() - 0.5 * (
        out["agree_chn"].to_numpy() + out["agree_rus"].to_numpy()
    )
    out["axis_position"] = axis_pos
    out["agree_diff"] = agree_diff
    if rule == "axis":
        score = axis_pos
        bloc = np.where(
            score >= hi_cut,
            "US-aligned",
            np.where(score <= lo_cut, "China-Russia-aligned", "non-aligned"),
        ).astype(object)
    else:
        score = agree_diff
        bloc = np.where(
            score > threshold,
            "US-aligned",
            np.where(score < -threshold, "China-Russia-aligned", "non-aligned"),
        ).astype(object)
    bloc[~np.isfinite(score)] = None
    out["score"] = score
    out["bloc"] = bloc
    out = out.sort_values(["year", "iso3"], kind="stable").reset_index(drop=True)
    attach(
        out,
        get(ideal_points_frame).with_method(
            "worldsystem.measures.blocs.alignment",
            {
                "poles": list(poles),
                "rule": rule,
                "cuts": [lo_cut, hi_cut],
                "threshold": threshold,
                "agreement_col": agreement_col,
            },
            citations=("voeten2000clashes", "signorino1999tau"),
        ),
    )
    set_units(
        out,
        {
            "dist_usa": "absolute ideal-point distance (latent scale)",
            "dist_chn": "absolute ideal-point distance (latent scale)",
            "dist_rus": "absolute ideal-point distance (latent scale)",
            "agree_usa": f"{agreement_col} with the US",
            "agree_chn": f"{agreement_col} with China",
            "agree_rus": f"{agreement_col} with Russia",
            "axis_position": "position on the China-Russia midpoint (0) to US (1) axis",
            "agree_diff": f"{agreement_col} with the US minus mean with China and Russia",
            "score": f"the score the bloc rule ({rule}) uses",
        },
    )
    return out
