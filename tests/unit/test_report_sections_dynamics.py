"""report/sections/dynamics.py: data() on the example world with the planted rise, and
present() reading its captions from provenance (no real data)."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from worldsystem.core.provenance import Provenance, attach, get
from worldsystem.example import world
from worldsystem.report.context import ReportContext
from worldsystem.report.model import method_params
from worldsystem.report.sections import SECTIONS
from worldsystem.report.sections import dynamics as D


@pytest.fixture(scope="module")
def frames():
    ctx = ReportContext(data=None, example=world(0, planted_rise=True), example_seed=0)
    return D.data(ctx)


def _with_params(frame: pd.DataFrame, method: str, **changes) -> pd.DataFrame:
    """A copy of ``frame`` whose last ``method`` record has ``changes`` in its params."""
    pv = get(frame)
    out = frame.copy()
    rec = next(m for m in reversed(pv.methods) if m.name == method)
    params = {**{k: v for k, v in rec.params}, **changes}
    attach(out, Provenance(sources=pv.sources).with_method(method, params))
    for m in pv.methods:  # keep the other records (the fit window)
        if m.name != method:
            attach(out, get(out).with_method(m.name, dict(m.params)))
    return out


def test_section_is_listed_after_position():
    ids = [s.id for s in SECTIONS]
    assert ids.index("dynamics") == ids.index("position") + 1


def test_present_shows_every_piece(frames):
    out = D.present(frames)
    assert [f.id for f in out.figures] == [
        "dynamics-flows",
        "dynamics-matrix",
        "dynamics-convergence",
        "dynamics-kernel",
        "dynamics-fan",
        "dynamics-ahead",
        "dynamics-polarity",
        "dynamics-reliability",
    ]
    assert [t.id for t in out.tables] == [
        "dynamics-transitions",
        "dynamics-occupancy",
        "dynamics-scorecard",
    ]
    assert any("beats persistence" in p or "not beat persistence" in p for p in out.paragraphs)


def test_kernel_figure_draws_the_stochastic_kernel_and_its_ergodic_distribution(frames):
    fig = {f.id: f for f in D.present(frames).figures}["dynamics-kernel"]
    heat, bar = fig.payload.data
    k = frames["kernel"]
    states = sorted(k["state_from"].unique())
    assert len(heat.z) == len(states) == 5
    # each row of the drawn kernel is a probability distribution and equals the data
    for row in heat.z:
        assert abs(sum(row) - 1) < 1e-9
    p = k.set_index(["state_from", "state_to"])["p"]
    assert heat.z[0][4] == pytest.approx(p[("q1", "q5")])
    erg = frames["kernel_summary"].query("statistic == 'ergodic'")
    assert list(bar.y) == pytest.approx(erg["value"].tolist()) and sum(bar.y) == pytest.approx(1)
    # the class labels carry the relative-income cut points (exp of the log cuts)
    assert "q1 (<" in heat.y[0] and "q5 (>=" in heat.y[-1]
    assert "bootstrap" in fig.caption and "twin peaks" in fig.caption


def test_zone_flows_count_the_countries_in_both_years(frames):
    z = frames["zones"]
    years = sorted(z["year"].unique())
    fig = {f.id: f for f in D.present(frames).figures}["dynamics-flows"]
    link = fig.payload.data[0].link
    # one band set per consecutive pair of years; each set sums to the countries in both
    flows = fig.data
    for a, b in itertools.pairwise(years):
        both = set(z.loc[z["year"] == a, "iso3"]) & set(z.loc[z["year"] == b, "iso3"])
        sub = flows[(flows["year_from"] == a) & (flows["year_to"] == b)]
        assert sub["count"].sum() == len(both)
    assert sum(link.value) == flows["count"].sum()


def test_planted_rise_shows_as_a_lasting_crossing(frames):
    truth = world(0, planted_rise=True).truth.planted_transition
    cr = frames["crossings"]
    hit = cr[(cr["leader"] == truth["leader"]) & (cr["overtaken"] == truth["overtaken"])]
    assert len(hit) == 1 and abs(int(hit["year"].iloc[0]) - truth["year"]) <= 1
    table = {t.id: t for t in D.present(frames).tables}["dynamics-transitions"]
    assert truth["leader"] in set(table.frame["leader"])


def test_captions_read_members_and_bootstrap_from_provenance(frames):
    f = dict(frames)
    f["shares"] = _with_params(frames["shares"], "project", members=77, seed=5)
    f["matrix"] = _with_params(frames["matrix"], "transition_matrix", n_boot=13, level=0.8)
    f["scorecard"] = _with_params(frames["scorecard"], "backtest", members=31, headline=1999)
    out = D.present(f)
    figs = {x.id: x for x in out.figures}
    assert "77 members (seed 5" in figs["dynamics-fan"].caption
    assert (
        "80% country-block bootstrap intervals from 13 resamples" in figs["dynamics-matrix"].caption
    )
    assert "31 members per origin" in figs["dynamics-reliability"].caption
    lo, hi = frames["mobility_years"]
    assert f"start year (steps within {lo}-{hi}) " in figs["dynamics-matrix"].caption
    assert {t.id: t for t in out.tables}["dynamics-scorecard"].title.endswith("(fit to 1999)")


def test_heatmap_cells_show_the_interval(frames):
    fig = {f.id: f for f in D.present(frames).figures}["dynamics-matrix"]
    m = frames["matrix"].set_index(["state_from", "state_to"])
    text = fig.payload.data[0].text
    order = list(fig.payload.data[0].x)
    r = m.loc[(order[0], order[0])]
    assert text[0][0].startswith(f"{r['p']:.2f}<br>[{r['p_lo']:.2f}, {r['p_hi']:.2f}]")


def test_verdict_follows_the_scorecard(frames):
    f = dict(frames)
    card = frames["scorecard"].copy()
    card.loc[card["model"] == "ensemble", "beats_persistence"] = False
    card.loc[card["model"] == "ensemble", "crps_skill"] = -0.25
    attach(card, get(frames["scorecard"]))
    f["scorecard"] = card
    out = D.present(f)
    assert any("does not beat persistence (CRPS skill -0.250" in s for s in out.findings)


def test_period_matrices_sit_beside_the_pooled_one(frames):
    f = dict(frames)
    assert frames["periods"].empty  # the example world's years 1990-2019 leave no pre-1991 step
    m = frames["matrix"]
    f["periods"] = pd.concat(
        [m.assign(period="before 1991"), m.assign(period="from 1991")], ignore_index=True
    )
    fig = {x.id: x for x in D.present(f).figures}["dynamics-matrix"]
    assert len(fig.payload.data) == 3
    titles = [a.text for a in fig.payload.layout.annotations]
    assert titles == ["all years", "before 1991", "from 1991"]
    assert "before 1991 and from 1991" in fig.caption
    one = {x.id: x for x in D.present(frames).figures}["dynamics-matrix"]
    assert len(one.payload.data) == 1 and "Cold War" not in one.caption


def test_walk_captions_name_the_example_world_not_real_producers(frames):
    """On the example world the random-walk components are the world's own series:
    the caption names no producer (SIPRI, Maddison, FAS) that was not read."""
    cap = {x.id: x for x in D.present(frames).figures}["dynamics-polarity"].caption
    assert "military expenditure relative to GDP (example world)" in cap
    assert "warheads (example world)" in cap
    assert not any(s in cap for s in ("SIPRI", "Maddison", "FAS"))
    f = dict(frames)
    comps = dict(method_params(frames["shares"], "project")["components"])
    comps["milex"] = {**comps["milex"], "label": "burden (a named source)"}
    f["shares"] = _with_params(frames["shares"], "project", components=comps)
    cap2 = {x.id: x for x in D.present(f).figures}["dynamics-polarity"].caption
    assert "burden (a named source): scale" in cap2
