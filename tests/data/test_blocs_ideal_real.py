"""Real UN General Assembly votes, sessions 1-74: ideal points on one scale over time.

One full fit with the defaults (title bridges, whole-resolution votes, no
per-session prior, weak item-location prior, random-walk variance estimated with
the observed information), read through the project's loaders; nothing
derived is stored. When the data folder also holds the published Bailey-Strezhnev-
Voeten estimates (``unvotes/IdealpointestimatesAll_Jun2024.csv``), the agreement
targets of issue 16 are checked against them.
"""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.data, pytest.mark.slow]


@pytest.fixture(scope="module")
def ctx(real_data):
    from worldsystem.workflows import DataContext

    return DataContext(data=real_data)


@pytest.fixture(scope="module")
def fit(ctx):
    from worldsystem import workflows

    return workflows.ideal_points(ctx)


def _wide(fit):
    return fit.pivot(index="session", columns="iso3", values="ideal_point")


def test_early_sessions_are_bridged(fit):
    d = fit.attrs["diagnostics"]
    assert d["converged"]
    # description bridges alone left 30 of the 39 sessions before 1985 without any
    # bridged item; the agenda titles bridge all of them but session 19 (one vote)
    assert d["n_sessions_bridged_before_1985"] > 30
    # whole-resolution votes: the 400-odd paragraph and amendment votes of sessions
    # 52-67 and 71-72 are out, those of sessions 1-39 (most of the record there) in
    assert d["n_votes_dropped_parts"] > 40_000
    assert 0.0 < d["omega2"] < 0.5


def test_us_is_not_pushed_to_the_edge(fit):
    wide = _wide(fit)
    z = (wide.sub(wide.mean(axis=1), axis=0)).div(wide.std(axis=1), axis=0)
    # the published estimates put the US at most 3.3 SD above the session mean; the
    # old fit put it at 5.4 pooled SD (10 within-session SD in the 2010s)
    assert z["USA"].max() < 4.0
    # ... and it stays the Western pole: above the UK, Germany and France from 1992
    late = wide.loc[47:]
    assert (late["USA"] > late[["GBR", "DEU", "FRA"]].max(axis=1)).mean() > 0.9


def test_known_trends_within_countries(fit):
    wide = _wide(fit)

    def mean(iso, lo, hi):
        return wide.loc[lo:hi, iso].mean()

    sd = wide.stack().std()
    # Gorbachev and after: the Soviet Union / Russia moves toward the West by more
    # than one pooled SD between 1975-84 and 1992-99 (the published series: -2.0 to +0.6)
    assert mean("RUS", 47, 54) - mean("RUS", 30, 39) > 1.0 * sd
    # the Warsaw Pact members do the same after 1989
    for iso in ("POL", "HUN", "BGR"):
        assert mean(iso, 47, 54) - mean(iso, 30, 39) > 1.0 * sd, iso
    # the UK and the Netherlands stay on the Western side in every session, and their
    # series over the record correlate positively with the US series (the old fit
    # trended Luxembourg, the Netherlands, Belgium, Germany and the UK the wrong way)
    assert (wide[["GBR", "NLD"]].dropna() > 0).all().all()
    # China votes against the US side throughout the post-Cold-War sessions
    assert (wide.loc[47:, "CHN"] < 0).all()


@pytest.fixture(scope="module")
def agreement(ctx, fit, real_data):
    from worldsystem import workflows
    from worldsystem.sources import unvotes

    if not (real_data / "unvotes" / unvotes.PUBLISHED_IDEAL_POINTS).is_file():
        pytest.skip(f"unvotes/{unvotes.PUBLISHED_IDEAL_POINTS} is not in the data folder")
    st = workflows.compare_ideal_points(ctx, ideal_points_frame=fit)
    return st.set_index("statistic")["value"]


def test_agreement_with_published_estimates(agreement):
    st = agreement
    assert st["n_matched"] > 10_000
    # targets of issue 16 (main before the fix: 0.886 and 0.993)
    assert st["pooled_pearson"] >= 0.95
    assert st["median_within_session_r"] >= 0.97
    # the early sessions are no longer compressed (main: 0.49 of the pooled ratio)
    assert st["sd_ratio 1946-1984"] > 0.7


def test_within_country_target(agreement):
    # 0.84 before the observed-information M-step of the random-walk variance and
    # the identification by bridges alone (docs/validation.md). The defaults were
    # chosen while comparing variants with these published series, so this pins the
    # result rather than testing the choice independently; by era the gain holds in
    # both halves, and choosing among ten variants on sessions 1-37 alone picks the
    # same defaults, best of the ten on the held-out 38-74 too (0.869 there;
    # docs/validation.md, "How far to trust the 0.906")
    assert agreement["median_within_country_r"] >= 0.9
