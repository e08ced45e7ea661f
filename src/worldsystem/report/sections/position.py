"""Report section: world-system position by every method, side by side."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worldsystem.core.provenance import get
from worldsystem.measures.position import CONSENSUS
from worldsystem.report.defaults import (
    POSITION_REPORT_YEARS,
    SEMI_PERIPHERY_CLAIM,
    years_within,
)
from worldsystem.report.model import Figure, Output, Section, Table, method_params
from worldsystem.report.style import ZONE_COLOURS, isonum_keys, style_layout

__all__ = ["SECTION", "data", "moves_caption", "present"]

#: Methods whose lasting moves the report lists (one income, one network method).
MOVES_METHODS = ("income_xr", "cp_continuous")
#: Bootstrap samples of Silverman's test of the income cuts, run in the last year
#: only (about 1 s per income method and year on real data: 0.26 -> 2.2 s for the
#: two income methods in the six report years).
SILVERMAN_BOOT = 200
#: Core countries named in the paragraph before it is cut short.
MAX_NAMED = 40

_NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five"}


def data(ctx: Any) -> dict[str, Any]:
    """Every position method's zones in a few years, their consensus and agreement.

    Returns ``results`` (:func:`worldsystem.workflows.position`), ``consensus``
    (:func:`worldsystem.measures.position.position_ensemble`), ``agreement``
    (:func:`~worldsystem.measures.position.method_agreement` in the last year, the
    consensus among the methods),
    ``moves`` (:func:`~worldsystem.measures.position.lasting_moves` of
    :data:`MOVES_METHODS`, or None with one year), ``methods`` (the methods in
    display order), ``show_map`` and ``claim_states`` (the seed's semi-periphery,
    or None when the countries are fictional). Silverman's test of the income
    cuts runs in the last year (:data:`SILVERMAN_BOOT` samples): its p-values are in
    the provenance of ``results``.
    """
    from worldsystem import workflows
    from worldsystem.measures import position as pos

    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        y1 = int(ctx.example.country_years["year"].max())
        y0 = int(ctx.example.country_years["year"].min())
        years = [*range(y0, y1 + 1, 10), y1]
        show_map, claim_states = False, None
    else:
        ctx.require("cow_trade")
        years = years_within(POSITION_REPORT_YEARS, ctx.years)
        show_map, claim_states = True, SEMI_PERIPHERY_CLAIM
    # ----------------------------------------------------------------------------
    res = workflows.position(
        ctx,
        years=sorted(set(years)),
        income_silverman=SILVERMAN_BOOT,
        income_silverman_years=[max(years)],
    )
    cons = pos.position_ensemble(res)
    last_year = int(cons["year"].max())
    moves = None
    if len(set(res["year"])) > 1:
        moves = pos.lasting_moves(res[res["method"].isin(list(MOVES_METHODS))])
    return {
        "results": res,
        "consensus": cons,
        "agreement": pos.method_agreement(pos.with_consensus(res), year=last_year),
        "moves": moves,
        "methods": tuple(pos.METHODS),
        "show_map": show_map,
        "claim_states": claim_states,
    }


def moves_caption(moves: Any) -> str:
    """The caption of the lasting-moves table, with the rule's parameters."""
    p = method_params(moves, "lasting_moves")
    stay = _NUMBERS.get(p["min_stay"], str(p["min_stay"]))
    span = "decades" if p["period"] == 10 else f"periods of {p['period']} years"
    return f"A change of zone held for at least {stay} later {span} (per method)."


def _vote_rule(cons: Any, n_methods: int, n_network: int) -> str:
    """How the consensus counted the votes, from its provenance (``weight``)."""
    weight = method_params(cons, "position_ensemble")["weight"]
    if weight == "family":
        return (
            f"The zone with the most votes of the {n_methods} methods, each family of "
            "methods (income, trade network, multiplex) one vote shared among its "
            f"methods, so the {n_network} network methods cannot outvote the income "
            "methods"
        )
    return (
        f"The zone most of the {n_methods} methods assign, each method one vote: "
        f"{n_network} of them are network methods, so where the families disagree "
        "the network methods can outvote the income methods"
    )


def _map_figure(last: Any, last_year: int, n_methods: int, n_network: int) -> Figure:
    from worldsystem.report.maps import svg_choropleth

    values, labels = {}, {}
    for key, iso, z, sh in zip(
        isonum_keys(last["iso3"]), last["iso3"], last["zone"], last["share"], strict=True
    ):
        if key is not None:
            values[key] = z
            labels[key] = f"{iso}: {z} ({sh:.0%} of the weighted votes agree)"
    svg = svg_choropleth(
        values,
        dict(ZONE_COLOURS),
        labels=labels,
        title=f"Consensus zone, {last_year}",
        element_id="position-map",
    )
    return Figure(
        "position-map-figure",
        f"Consensus world-system zone, {last_year}",
        "svg",
        {"svg": svg, "legend": list(ZONE_COLOURS)},
        caption=_vote_rule(last, n_methods, n_network) + " (income zones after "
        "Arrighi & Drangel 1986 and Babones 2005; Borgatti-Everett core-periphery; "
        "blockmodels after Snyder & Kick 1979 and Smith & White 1992; a multiplex of "
        "trade, arms and alliances). Sources: COW trade 4.0, PWT 10.01, Maddison 2023, "
        "SIPRI TIV, ATOP 5.1.",
        data=last.reset_index(drop=True),
    )


def present(frames: Mapping[str, Any]) -> Output:
    """World-system position: the consensus zone, agreement between methods, moves.

    Shows the zone most methods assign in the last year (a world map on real
    data), the adjusted Rand index (Hubert & Arabie 1985) between each pair of
    methods' partitions, the number of countries per consensus zone and year, and
    the lasting moves between zones (rule parameters from the provenance).
    Methods: income zones (Arrighi & Drangel 1986; Babones 2005), Borgatti-Everett
    core-periphery, blockmodels (Snyder & Kick 1979; Smith & White 1992) and a
    trade-arms-alliance multiplex (:mod:`worldsystem.measures.position`). Sources:
    COW trade, PWT, Maddison, SIPRI TIV, ATOP.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    import plotly.graph_objects as go

    res, cons, agree = frames["results"], frames["consensus"], frames["agreement"]
    out = Output(provenance=get(res))
    last_year = int(cons["year"].max())
    last = cons[cons["year"] == last_year]
    methods_last = set(res.loc[res["year"] == last_year, "method"])
    n_methods = len(methods_last)
    n_network = sum(1 for m in methods_last if not str(m).startswith("income"))
    if frames["show_map"]:
        out.figures.append(_map_figure(last, last_year, n_methods, n_network))
    mat = agree.pivot(index="method_a", columns="method_b", values="ari")
    order = [m for m in (*frames["methods"], CONSENSUS) if m in mat.index]
    mat = mat.reindex(index=order, columns=order)
    fig = go.Figure(
        go.Heatmap(
            z=mat.to_numpy().round(2).tolist(),
            x=order,
            y=order,
            zmin=-0.2,
            zmax=1,
            colorscale="Cividis",
            colorbar={"title": "ARI"},
            text=mat.to_numpy().round(2).tolist(),
            texttemplate="%{text}",
            hovertemplate="%{y} vs %{x}: ARI %{z:.2f}<extra></extra>",
        )
    )
    style_layout(
        fig,
        title=f"Agreement between methods, {last_year} (adjusted Rand index)",
        height=460,
        yaxis={"autorange": "reversed"},
    )
    out.figures.append(
        Figure(
            "position-agreement",
            "Do the methods agree?",
            "plotly",
            fig,
            caption="Adjusted Rand index (Hubert & Arabie 1985) between the zone partitions "
            "of each pair of methods: 1 identical, 0 no better than chance. The last row "
            "and column are the consensus.",
            data=agree,
        )
    )
    counts = (
        cons.groupby(["year", "zone"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=[z for z, _c in ZONE_COLOURS], fill_value=0)
        .reset_index()
    )
    out.tables.append(
        Table(
            "position-counts",
            "Countries per consensus zone",
            counts,
            caption="Consensus zone: the zone most methods assign in that year.",
        )
    )
    moves = frames["moves"]
    if moves is not None and len(moves):
        out.tables.append(
            Table(
                "position-moves",
                "Lasting moves between zones",
                moves,
                max_rows=40,
                caption=moves_caption(moves),
            )
        )
    core = sorted(last.loc[last["zone"] == "core", "iso3"])
    out.paragraphs.append(
        f"In {last_year} the methods place {len(core)} countries in the core by consensus: "
        + ", ".join(core[:MAX_NAMED])
        + ("..." if len(core) > MAX_NAMED else "")
        + "."
    )
    follows = consensus_follows(agree, cons, last_year)
    if follows:
        out.paragraphs.append(follows)
    claim = frames["claim_states"]
    if claim is not None:
        out.findings.append(_claim_finding(res, last, last_year, list(claim), frames["methods"]))
    return out


def consensus_follows(agree: Any, cons: Any, year: int) -> str:
    """Which family of methods the consensus sits closest to, in ``year``.

    Reads the adjusted Rand index of the consensus with every method
    (:func:`worldsystem.measures.position.family_agreement`) and the family
    weighting from the consensus's provenance. Empty when the agreement has fewer
    than two families.
    """
    from worldsystem.measures.position import family_agreement

    fam = family_agreement(agree)
    if len(fam) < 2:
        return ""
    weight = method_params(cons, "position_ensemble").get("weight")

    def part(r: Any) -> str:
        if int(r.n_methods) == 1:
            return f"{r.ari_mean:.2f} with the {r.family} method"
        return (
            f"{r.ari_mean:.2f} on average with the {int(r.n_methods)} {r.family} methods "
            f"({r.ari_min:.2f}-{r.ari_max:.2f})"
        )

    top, low = fam.iloc[0], fam.iloc[-1]
    text = (
        f"Which methods does the consensus follow? In {year} its adjusted Rand index is "
        + "; ".join(part(r) for r in fam.itertuples())
        + "."
    )
    if top.ari_mean - low.ari_mean >= 0.3:
        weighted = " although every family weighs the same" if weight == "family" else ""
        text += (
            f" So the consensus is close to the {top.family} zones and far from the "
            f"{low.family} zones{weighted}."
        )
    return text


def _claim_finding(res: Any, last: Any, last_year: int, claim: list[str], methods: Any) -> str:
    z = last.set_index("iso3")["zone"].reindex(claim)
    n_semi = int((z == "semi-periphery").sum())
    at_last = res[res["year"] == last_year]
    n_methods = at_last["method"].nunique()
    n_network = sum(1 for m in set(at_last["method"]) if not str(m).startswith("income"))
    by_method = (
        at_last[at_last["iso3"].isin(claim)]
        .groupby("method")["zone"]
        .apply(lambda s: int((s == "semi-periphery").sum()))
    )
    detail = "; ".join(f"{m} {by_method[m]}" for m in methods if m in by_method.index)
    return (
        f"Position {last_year}: {n_semi} of the {len(claim)} states one seed calls "
        f"semi-peripheral are semi-peripheral by consensus of {n_methods} methods ({n_network} "
        f"of them network methods; semi-peripheral by method: {detail})."
    )


SECTION = Section(
    id="position",
    title="World-system position: core, semi-periphery and periphery",
    needs=("cow_trade", "maddison", "pwt"),
    data=data,
    present=present,
)
