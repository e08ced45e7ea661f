"""Report section: shock scenarios (the pipeline, sanctions, a blockade)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldsystem.core.provenance import Provenance, attach, get
from worldsystem.report.model import Figure, Output, Rst, Section, Table, source_statement
from worldsystem.report.style import BAR_PATTERNS, LOSS_BINS, colour, isonum_keys, style_layout

__all__ = ["MAP_ENGINE", "SECTION", "data", "most_affected", "present"]

#: Engine whose losses the map shows: the scenarios are supply interruptions, which
#: the supply-driven (Ghosh) model propagates forward to the users of the inputs.
MAP_ENGINE = "ghosh"
#: Countries in each scenario's engine chart.
N_AFFECTED = 10


def data(ctx: Any) -> dict[str, Any]:
    """Every shipped scenario run through every engine.

    Returns ``assumptions`` (:data:`worldsystem.simulate.ASSUMPTIONS`), ``engines``
    (:data:`worldsystem.simulate.ENGINES`) and ``scenarios``: per scenario (by name)
    a dict of ``description``, ``base_year``, ``results``
    (:func:`worldsystem.workflows.shock`, sector rows) and ``summary``
    (:func:`worldsystem.simulate.country_summary`, with each loss's range over the
    cited size range), ``sizing`` (each sized shock's size, in words); a scenario
    whose cuts carry a
    cited ``size:`` also has ``ces`` (the CES engine's interval per importer,
    :mod:`worldsystem.simulate.substitution`), ``ces_params`` (its sigmas) and
    ``ces_provenance``; ``sector_names`` maps the tables' sector codes to their names.
    """
    import worldsystem.simulate as sim
    from worldsystem import workflows

    # --- the tables' classification (to become a backend attribute) --------------
    ctx.require("wiod2013")
    from worldsystem.sources.wiod import INDUSTRY_NAMES

    sector_names = dict(INDUSTRY_NAMES)
    # ----------------------------------------------------------------------------
    scenarios = []
    for name in sorted(sim.shipped_scenarios()):
        res = workflows.shock(ctx, name, engine="all")
        spec = sim.load_scenario(name)
        entry = {
            "name": name,
            "description": spec.description.strip(),
            "base_year": spec.base_year,
            "results": res,
            "summary": sim.country_summary(res),
            "sizing": [sh.size.describe() for sh in spec.shocks if getattr(sh, "size", None)],
        }
        if any(getattr(sh, "size", None) is not None for sh in spec.shocks):
            ces = workflows.shock(ctx, name, engine="ces")
            entry["ces"] = ces.attrs.get("interval", [])
            entry["ces_params"] = ces.attrs["ces_params"]
            entry["ces_provenance"] = get(ces)
        scenarios.append(entry)
    return {
        "assumptions": dict(sim.ASSUMPTIONS),
        "questions": dict(sim.QUESTIONS),
        "engines": tuple(sim.ENGINES),
        "scenarios": scenarios,
        "sector_names": sector_names,
    }


def present(frames: Mapping[str, Any]) -> Output:
    """Shocks: losses of a cut pipeline, sanctions and a blockade by engine.

    For each shipped scenario, shows the share of GDP lost by each engine's most
    affected countries (:func:`most_affected`) under every engine of
    :mod:`worldsystem.simulate` (demand-driven Leontief, supply-driven Ghosh,
    inoperability and a cascade), a map of the losses under the
    :data:`MAP_ENGINE` engine, and the most affected sectors. All fixed-coefficient
    engines allow no substitution; the CES engine's loss is an interval over its
    elasticity and the cut's size. The table and year each run used are read from
    the results' provenance.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    out = Output()
    out.paragraphs.extend(_assumptions(frames["assumptions"]))
    out.paragraphs.insert(
        1,
        "A scenario whose cut carries a cited size also runs through the CES substitution "
        "engine (ces), whose loss is shown as an interval over the elasticity and the size.",
    )
    questions = frames.get("questions") or {}
    if questions:
        out.paragraphs.append("What each engine answers:")
        out.paragraphs.append(
            Rst("\n".join(f"* **{k}**: {_lit(v)}" for k, v in questions.items()) + "\n")
        )
    prov = Provenance()
    for sc in frames["scenarios"]:
        prov = prov.merge(get(sc["results"]))
        if "ces_provenance" in sc:
            prov = prov.merge(sc["ces_provenance"])
        _scenario(out, sc, frames["engines"], frames.get("sector_names") or {})
    out.provenance = prov
    return out


def _lit(text: str) -> str:
    """Plain text inside reStructuredText."""
    return text.replace("\\", "\\\\").replace("*", "\\*").replace("`", "\\`")


def _table_label(prov: Provenance | None, base_year: Any = None) -> str:
    """'<MRIO source id> <year>' of the table a scenario ran on, read from its provenance.

    The year is the one ``workflows.shock`` recorded (a scenario moved to another
    database may run on another year than its ``base_year``, the fallback).
    """
    year, ids = base_year, []
    if prov is not None:
        for m in prov.methods:
            if m.name == "workflows.shock":
                year = dict(m.params).get("year", year)
        ids = [i for i in prov.source_ids if i not in ("pwt", "labour", "ilo", "ggdc")]
    name = ", ".join(ids) if ids else "table"
    return f"{name} {year}" if year is not None else name


def _pct(v: float) -> str:
    """A GDP share as a percentage, with one significant digit below 0.01 %."""
    return f"{v * 100:.1g}%" if 0 < abs(v) < 1e-4 else f"{v:.2%}"


def _sizing_short(sizing: str) -> str:
    """'cited quantity (keys; ...)' or the table-flow text, from the CES sizing column."""
    import re

    from worldsystem.core.bibliography import short_citation

    keys = re.findall(r"\[([A-Za-z0-9_]+)", str(sizing))
    if keys:
        cites = ", ".join(short_citation(k) for k in dict.fromkeys(keys))
        return f"cited quantity ({cites}; see the CES table)"
    return str(sizing)


def _sizing_sentence(sc: Mapping[str, Any], has_range: bool) -> str:
    """How the scenario's cuts were sized, and what the bars' whiskers span."""
    if "sizing" not in sc:
        return ""
    sizing = sc["sizing"]
    if not sizing:
        return "Size: the percentages of the scenario file (no cited size). "
    from worldsystem.core.bibliography import with_short_citations

    text = "Size: " + with_short_citations("; ".join(sizing)) + ". "
    if has_range:
        text += (
            "Whiskers: the loss at the low and the high cited size (each engine run again "
            "at both). "
        )
    return text + _cap_sentence(sc)


def _cap_sentence(sc: Mapping[str, Any]) -> str:
    """Which sizes the table's bilateral flow caps, read from the run's ``attrs["sizing"]``.

    A capped size cuts the whole flow in the fixed-coefficient engines, so the losses
    at every capped size are the same (e.g. the high equals the central loss).
    """
    from worldsystem.simulate.shocks import capped_sizes

    res = sc.get("results")
    sizing = getattr(res, "attrs", {}).get("sizing") or {}
    parts = []
    for cut, sizes in capped_sizes(sizing).items():
        words = " and the ".join(sizes)
        text = (
            f"The {words} size{'s' if len(sizes) > 1 else ''} of the {cut} cut exceed"
            f"{'' if len(sizes) > 1 else 's'} the table's bilateral flow: the "
            "fixed-coefficient engines cut 100% of that flow there"
        )
        if len(sizes) > 1:
            text += f", so their {' and '.join(sizes)} losses are equal"
        parts.append(text + ". ")
    return "".join(parts)


def _sentences(text: str) -> list[str]:
    import re

    return [t for t in re.split(r"(?<=[.!?])\s+", text.strip()) if t]


def _assumptions(assumptions: Mapping[str, str]) -> list[str | Rst]:
    """The engines' assumptions: what they share once, then one line per engine."""
    split = {k: _sentences(v) for k, v in assumptions.items()}
    common = [t for t in next(iter(split.values()), []) if all(t in v for v in split.values())]
    if len(split) < 2:
        common = []
    lead = (
        f"Each shipped scenario runs through {len(split)} engines on the scenario's base-year "
        "table. They bound rather than forecast"
        + (": all of them share one set of assumptions. " + " ".join(common) if common else ".")
    )

    lit = _lit

    items = "\n".join(
        f"* **{lit(k)}**: {lit(' '.join(t for t in v if t not in common))}"
        for k, v in split.items()
    )
    return [lead, Rst(items + "\n")]


def most_affected(by_engine: Any, engines: tuple[str, ...], n: int = N_AFFECTED) -> list[str]:
    """The countries of the engine chart: each engine's largest losers in turn.

    ``by_engine`` is a country x engine frame of GDP shares lost. Takes every
    engine's largest loser (in ``engines`` order), then every engine's second
    largest, and so on, skipping countries already taken, until ``n``; only
    positive losses count, ties go to the ISO3 code first in alphabetical order.
    Ranking by the largest loss across engines would let the engine with the
    largest scale (inoperability) choose every country and hide another engine's
    largest losers.
    """
    cols = [e for e in engines if e in by_engine.columns]
    order = {}
    for e in cols:
        s = by_engine[e].dropna()
        s = s[s > 0].sort_index().sort_values(ascending=False, kind="stable")
        order[e] = list(s.index)
    chosen: list[str] = []
    depth = max((len(v) for v in order.values()), default=0)
    for r in range(depth):
        for e in cols:
            if r < len(order[e]) and order[e][r] not in chosen:
                chosen.append(order[e][r])
                if len(chosen) == n:
                    return chosen
    return chosen


def _ranking_sentence(n_engines: int) -> str:
    if n_engines < 2:
        return f"Countries: the {N_AFFECTED} largest losses. "
    return (
        "Countries: each engine's largest losers in turn (every engine's largest loss, "
        f"then every engine's second largest, ...) until {N_AFFECTED}, so every engine's "
        "own top losers are shown whatever the other engines' scale. "
    )


def _scenario(
    out: Output, sc: Mapping[str, Any], engines: tuple[str, ...], names: Mapping[str, str]
) -> None:
    import plotly.graph_objects as go

    from worldsystem.report.maps import svg_choropleth

    name, res, summ = sc["name"], sc["results"], sc["summary"]
    by_engine = summ.pivot_table(index="iso3", columns="engine", values="gdp_share_lost")
    ranged = {"gdp_share_lost_low", "gdp_share_lost_high"} <= set(summ.columns)
    lows = highs = by_engine
    if ranged:
        lows = summ.pivot_table(index="iso3", columns="engine", values="gdp_share_lost_low")
        highs = summ.pivot_table(index="iso3", columns="engine", values="gdp_share_lost_high")
    has_range = bool(ranged and ((highs - lows).abs() > 0).to_numpy().any())
    shown = [c for c in engines if c in by_engine.columns]
    top = most_affected(by_engine, tuple(shown))
    fig = go.Figure()
    for i, eng in enumerate(shown):
        mid = by_engine.loc[top, eng] * 100
        lo, hi = lows.loc[top, eng] * 100, highs.loc[top, eng] * 100
        bar = {
            "x": list(top),
            "y": mid.round(4).tolist(),
            "name": eng,
            "marker": {"color": colour(i), "pattern": {"shape": BAR_PATTERNS[i]}},
            "hovertemplate": "%{x}: %{y:.3f}% of GDP (" + eng + ")<extra></extra>",
        }
        if has_range:
            bar["error_y"] = {
                "type": "data",
                "symmetric": False,
                "array": (hi - mid).clip(lower=0).round(4).tolist(),
                "arrayminus": (mid - lo).clip(lower=0).round(4).tolist(),
                "color": "#333",
                "thickness": 1.2,
                "width": 3,
            }
            bar["customdata"] = list(zip(lo.round(3), hi.round(3), strict=True))
            bar["hovertemplate"] = (
                "%{x}: %{y:.3f}% of GDP (" + eng + "; range %{customdata[0]}-"
                "%{customdata[1]}% over the cited size)<extra></extra>"
            )
        fig.add_trace(go.Bar(**bar))
    style_layout(
        fig,
        legend_y=-0.2,
        title=f"{name}: share of GDP lost, each engine's most affected countries",
        yaxis_title="value added lost (% of GDP)",
        barmode="group",
        height=400,
    )
    out.figures.append(
        Figure(
            f"shock-{name}-engines",
            f"{name}: engines side by side",
            "plotly",
            fig,
            caption=(
                f"{sc['description']} Base year {sc['base_year']}; worldsystem.simulate. "
                + _ranking_sentence(len(shown))
                + _sizing_sentence(sc, has_range)
                + source_statement(res)
            ).strip(),
            data=(
                summ[summ["iso3"].isin(top)][
                    [
                        c
                        for c in (
                            "iso3",
                            "engine",
                            "gdp_share_lost",
                            "gdp_share_lost_low",
                            "gdp_share_lost_high",
                        )
                        if c in summ.columns
                    ]
                ].reset_index(drop=True)
            ),
        )
    )
    mapped = summ[summ["engine"] == MAP_ENGINE]
    values, labels = {}, {}
    for key, iso, loss in zip(
        isonum_keys(mapped["iso3"]), mapped["iso3"], mapped["gdp_share_lost"], strict=True
    ):
        if key is None:
            continue
        values[key] = next(b for b, _c, lo, hi in LOSS_BINS if lo <= loss < hi)
        labels[key] = f"{iso}: {loss:.3%} of GDP lost ({MAP_ENGINE})"
    svg = svg_choropleth(
        values,
        {b: c for b, c, _lo, _hi in LOSS_BINS},
        labels=labels,
        title=f"{name}: losses by country",
        element_id=f"shock-{name}-map",
    )
    out.figures.append(
        Figure(
            f"shock-{name}-map-figure",
            f"{name}: losses by country ({MAP_ENGINE} engine)",
            "svg",
            {"svg": svg, "legend": [(b, c) for b, c, _lo, _hi in LOSS_BINS]},
            caption="Value added lost as a share of the country's value added, for the "
            "regions of the table only (grey: not a region of its own; a rest-of-world "
            "region is one aggregate). " + source_statement(res),
            data=mapped.reset_index(drop=True),
        )
    )
    sectors = (
        res[res["engine"] == MAP_ENGINE]
        .nsmallest(N_AFFECTED, "value_added_change_musd")[
            ["iso3", "sector", "output_change_musd", "value_added_change_musd"]
        ]
        .reset_index(drop=True)
    )
    if names:
        sectors["sector"] = [f"{names[c]} ({c})" if c in names else c for c in sectors["sector"]]
    out.tables.append(
        Table(
            f"shock-{name}-sectors",
            f"{name}: most affected sectors ({MAP_ENGINE})",
            sectors,
            caption=f"Changes in USD million at current prices of the table "
            f"({_table_label(get(sc['results']), sc.get('base_year'))}); negative = loss.",
        )
    )
    ces = _ces_table(out, sc)
    if name == "nord_stream" and "DEU" in by_engine.index:
        d = by_engine.loc["DEU"]
        extra = ""
        if ces is not None and "DEU" in set(ces["iso3"]):
            r = ces[ces["iso3"] == "DEU"].iloc[0]
            p = sc["ces_params"]
            extra = (
                f"; with CES substitution {r['loss_low']:.2%}-{r['loss_high']:.2%} "
                f"(central {r['loss']:.2%} at sigma {p['sigma']:g} and a shortfall of "
                f"{r['c']:.1%} of {r['products']} use, cost share {r['lambda']:.2%} of GDP"
                f"{_table_share(r)}; interval over sigma "
                f"{p['sigma_low']:g}-{p['sigma_high']:g} and shortfall "
                f"{r['c_low']:.1%}-{r['c_high']:.1%}; sizing: {_sizing_short(r['sizing'])})"
            )
        label = _table_label(get(sc["results"]), sc.get("base_year"))
        out.findings.append(
            f"Pipeline cut ({label}): Germany loses, as a share of its GDP, "
            + ", ".join(f"{_pct(v)} ({k})" for k, v in d.items())
            + extra
            + ". Published: 0.5-3% of GDP for a stop of Russian energy; "
            "'firmly below 1%' (80-120 euro a head, about 0.16-0.30% of GDP) in their "
            "Baqaee-Farhi model and 2-2.5% if gas is hard to substitute outside "
            "electricity (Bachmann et al. 2022, abstract)."
        )


def _table_share(r) -> str:
    """ ", the table's ..." when the CES cost share is a cited figure, not the table's."""
    t = r.get("lambda_table")
    if t is None or abs(t - r["lambda"]) < 1e-12:
        return ""
    return f" (cited; the table's {t:.2%})"


def _ces_table(out: Output, sc: Mapping[str, Any]):
    """The CES engine's interval per importer, if the scenario has one."""
    import pandas as pd

    rows = sc.get("ces")
    if not rows:
        return None
    p = sc["ces_params"]
    raw = pd.DataFrame(rows)
    # percentages, one unit per column (the engine's fractions x 100)
    pct = {
        "lambda": "cost_share_pct_gdp",
        "lambda_table": "table_use_pct_gdp",
        "c_low": "shortfall_low_pct",
        "c": "shortfall_pct",
        "c_high": "shortfall_high_pct",
        "loss_low": "loss_low_pct_gdp",
        "loss": "loss_pct_gdp",
        "loss_high": "loss_high_pct_gdp",
    }
    frame = raw[["iso3", "products"]].copy()
    for col, new in pct.items():
        frame[new] = raw[col].astype(float) * 100.0
    from worldsystem.core.bibliography import with_short_citations

    frame["sizing"] = [with_short_citations(v) for v in raw["sizing"]]
    if "ces_provenance" in sc:
        attach(frame, sc["ces_provenance"])
    name = sc["name"]
    caption = (
        "Supply-constrained CES engine: loss = 1 - [(1-lambda) + lambda (1-c)^((s-1)/s)]"
        "^(s/(s-1)), lambda the cost share: the products' use over GDP (all origins) "
        "from the table, or a cited share where the scenario gives one (sizing column; "
        "the table's share beside it), c the shortfall, a share of that use. Interval: "
        f"low loss at sigma {p['sigma_high']:g}, the low shortfall and the low cost share, "
        f"central loss at sigma {p['sigma']:g}, high loss at sigma {p['sigma_low']:g}, the "
        "high shortfall and the high cost share."
    )
    if name == "nord_stream":
        caption += (
            " Published for Germany (Bachmann et al. 2022, abstract): 0.5-3% of GDP overall; "
            "about 0.16-0.30% in their Baqaee-Farhi model (80-120 euro a head); "
            "2-2.5% if gas is hard to substitute outside electricity."
        )
    out.tables.append(
        Table(f"shock-{name}-ces", f"{name}: loss with substitution (ces)", frame, caption=caption)
    )
    return raw  # the engine's fractions, for the finding


SECTION = Section(
    id="shocks",
    title="Shocks: a cut pipeline, sanctions and a blockade",
    needs=("wiod2013",),
    data=data,
    present=present,
)
