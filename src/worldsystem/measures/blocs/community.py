"""Communities of a weighted network per year, with labels stable across years.

:func:`communities` (Louvain, Blondel et al. 2008, or Leiden, Traag et al.
2019), :func:`match_labels` (Hungarian matching of communities across years on
Jaccard overlap) and :func:`alliance_edges` (the alliance network of an ATOP
dyad-year frame).

Full references are in the function docstrings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from worldsystem.core import progress
from worldsystem.core.errors import ModelError, SchemaError
from worldsystem.core.provenance import attach, get

__all__ = [
    "CITE_LOUVAIN",
    "alliance_edges",
    "communities",
    "match_labels",
]


CITE_LOUVAIN = (
    "Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast "
    "unfolding of communities in large networks. J. Stat. Mech. P10008. "
    "doi:10.1088/1742-5468/2008/10/P10008"
)


def _jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def match_labels(
    previous: dict[int, set],
    current: Sequence[set],
    *,
    next_label: int,
    min_jaccard: float = 0.1,
) -> tuple[list[int], int]:
    r"""Give ``current`` communities the labels of the ``previous`` ones they continue.

    The assignment maximises total Jaccard overlap
    :math:`J(A, B) = |A \cap B| / |A \cup B|` between previous and current
    communities (Hungarian algorithm, :func:`scipy.optimize.linear_sum_assignment`);
    a matched pair with :math:`J \ge` ``min_jaccard`` keeps the previous label.
    Unmatched current communities get new labels ``next_label, next_label + 1, ...``
    in order of decreasing size (ties: smallest member first).

    Parameters
    ----------
    previous : dict of int to set
        Labelled communities of the previous period.
    current : sequence of set
        Unlabelled communities of this period.
    next_label : int
        First unused label.
    min_jaccard : float, default 0.1

    Returns
    -------
    labels : list of int
        Label of each community in ``current``.
    next_label : int
        The next unused label.

    Examples
    --------
    >>> match_labels({0: {"A", "B", "C"}, 1: {"D", "E"}}, [{"D", "E", "F"}, {"A", "B"}],
    ...              next_label=2)
    ([1, 0], 2)
    """
    from scipy.optimize import linear_sum_assignment

    labels = [-1] * len(current)
    prev_items = sorted(previous.items())
    if prev_items and current:
        sim = np.array([[_jaccard(c, p) for _, p in prev_items] for c in current])
        rows, cols = linear_sum_assignment(-sim)
        for r, c in zip(rows, cols, strict=True):
            if sim[r, c] >= min_jaccard and sim[r, c] > 0:
                labels[r] = prev_items[c][0]
    new = [i for i, lab in enumerate(labels) if lab < 0]
    new.sort(key=lambda i: (-len(current[i]), min(map(str, current[i])) if current[i] else ""))
    for i in new:
        labels[i] = next_label
        next_label += 1
    return labels, next_label


def communities(
    edges: pd.DataFrame,
    *,
    weight_col: str | None = "weight",
    years: Iterable[int] | None = None,
    method: Literal["louvain", "leiden"] = "louvain",
    seed: int = 0,
    resolution: float = 1.0,
    source: str | None = None,
    target: str | None = None,
    min_jaccard: float = 0.1,
) -> pd.DataFrame:
    r"""Communities per year of a weighted network, with labels stable across years.

    Each year's undirected graph (edge weights summed over both directions and
    duplicate rows) is partitioned by modularity maximisation: Louvain (Blondel et
    al. 2008) via :func:`networkx.community.louvain_communities` with the given
    ``seed``, or Leiden (Traag, Waltman & van Eck 2019) when ``method="leiden"`` and
    ``igraph``/``leidenalg`` are installed. The modularity maximised is

    .. math::

        Q = \frac{1}{2m} \sum_{ij} \Big(A_{ij} - \gamma \frac{k_i k_j}{2m}\Big)
            \delta(c_i, c_j)

    with :math:`\gamma` = ``resolution``. Labels are then matched across years by
    :func:`match_labels` (Hungarian assignment on Jaccard overlap with the previous
    year's communities), so a bloc keeps its integer label while it continues, and a
    new bloc gets a new label. In the first year labels follow decreasing size.
    Countries without an edge in a year do not appear in that year.

    Parameters
    ----------
    edges : DataFrame
        Edge list with ``year``, two country columns (``iso3_o``/``iso3_d`` or
        ``iso3_a``/``iso3_b``, or ``source``/``target`` as given) and a weight.
    weight_col : str or None, default "weight"
        Non-negative edge weight; ``None`` for unweighted.
    years : iterable of int, optional
        Years to use (default: all in ``edges``).
    method : {"louvain", "leiden"}
    seed : int, default 0
    resolution : float, default 1.0
    source, target : str, optional
        Country columns (default: detected).
    min_jaccard : float, default 0.1
        Least overlap for a community to continue a previous one.

    Returns
    -------
    DataFrame
        ``iso3, year, community`` (int label, stable across years).

    References
    ----------
    Blondel, V. D., Guillaume, J.-L., Lambiotte, R., & Lefebvre, E. (2008). Fast
    unfolding of communities in large networks. *J. Stat. Mech.* P10008.
    doi:10.1088/1742-5468/2008/10/P10008

    Traag, V. A., Waltman, L., & van Eck, N. J. (2019). From Louvain to Leiden:
    guaranteeing well-connected communities. *Scientific Reports* 9, 5233.
    doi:10.1038/s41598-019-41695-z

    Examples
    --------
    >>> e = pd.DataFrame({"iso3_o": ["A", "A", "B", "D", "D", "E"],
    ...                   "iso3_d": ["B", "C", "C", "E", "F", "F"],
    ...                   "year": 2000, "weight": 1.0})
    >>> communities(e).groupby("community")["iso3"].apply(list).tolist()
    [['A', 'B', 'C'], ['D', 'E', 'F']]
    """
    import networkx as nx

    if source is None or target is None:
        for s, t in (("iso3_o", "iso3_d"), ("iso3_a", "iso3_b"), ("source", "target")):
            if s in edges.columns and t in edges.columns:
                source, target = s, t
                break
    need = [c for c in (source, target, "year") if c is None or c not in edges.columns]
    if weight_col is not None and weight_col not in edges.columns:
        need.append(weight_col)
    if need:
        raise SchemaError(
            f"edges lack column(s) {need}; found {list(edges.columns)}",
            file="edges",
            field=str(need[0]),
            hint="pass iso3_o, iso3_d, year and the weight column (or source=/target=)",
        )
    if method not in ("louvain", "leiden"):
        raise ModelError(
            "method must be 'louvain' or 'leiden'", field="method", value=method, hint="pick one"
        )
    e = edges[[source, target, "year"]].copy()
    e.columns = ["a", "b", "year"]
    e["w"] = 1.0 if weight_col is None else pd.to_numeric(edges[weight_col]).to_numpy()
    if (e["w"] < 0).any() or e["w"].isna().any():
        raise ModelError(
            "community detection needs non-negative, non-missing edge weights",
            field=weight_col,
            value=e.loc[(e["w"] < 0) | e["w"].isna(), "w"].iloc[0],
            hint="use agree_share (not kappa) for votes, or clip negative weights at 0",
        )
    e = e[(e["a"] != e["b"]) & (e["w"] > 0)]
    lo = e[["a", "b"]].min(axis=1)
    hi = e[["a", "b"]].max(axis=1)
    e = e.assign(a=lo, b=hi).groupby(["year", "a", "b"], as_index=False)["w"].sum()
    year_list = sorted(set(e["year"].tolist()) if years is None else {int(y) for y in years})

    use_leiden = False
    if method == "leiden":
        try:
            import igraph  # noqa: F401
            import leidenalg  # noqa: F401

            use_leiden = True
        except ImportError as exc:
            raise ModelError(
                "method='leiden' needs the igraph and leidenalg packages",
                field="method",
                value=method,
                hint="install python-igraph and leidenalg, or use method='louvain'",
            ) from exc

    rows = []
    previous: dict[int, set] = {}
    next_label = 0
    for yr in progress.track(year_list, "communities (Louvain), by year", detail=lambda y: y):
        ey = e[e["year"] == yr]
        if ey.empty:
            previous = {}
            continue
        nodes = sorted(set(ey["a"]) | set(ey["b"]))
        if use_leiden:
            parts = _leiden(nodes, ey, seed=seed, resolution=resolution)
        else:
            graph = nx.Graph()
            graph.add_nodes_from(nodes)
            graph.add_weighted_edges_from(
                zip(ey["a"].tolist(), ey["b"].tolist(), ey["w"].tolist(), strict=True)
            )
            parts = nx.community.louvain_communities(
                graph, weight="weight", resolution=resolution, seed=seed
            )
        parts = [set(p) for p in parts]
        labels, next_label = match_labels(
            previous, parts, next_label=next_label, min_jaccard=min_jaccard
        )
        previous = dict(zip(labels, parts, strict=True))
        for lab, part in zip(labels, parts, strict=True):
            rows.extend((c, int(yr), int(lab)) for c in part)
    out = pd.DataFrame(rows, columns=["iso3", "year", "community"])
    out = out.sort_values(["year", "community", "iso3"], kind="stable").reset_index(drop=True)
    out["year"] = out["year"].astype(np.int64)
    out["community"] = out["community"].astype(np.int64)
    attach(
        out,
        get(edges).with_method(
            "worldsystem.measures.blocs.communities",
            {
                "method": "leiden" if use_leiden else "louvain",
                "seed": seed,
                "resolution": resolution,
                "weight_col": weight_col,
                "min_jaccard": min_jaccard,
            },
            citations=("blondel2008fast",) if not use_leiden else ("traag2019louvain",),
        ),
    )
    return out


def _leiden(nodes: list, ey: pd.DataFrame, *, seed: int, resolution: float) -> list[set]:
    import igraph as ig
    import leidenalg as la

    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(
        n=len(nodes), edges=[(index[a], index[b]) for a, b in zip(ey["a"], ey["b"], strict=True)]
    )
    g.es["weight"] = ey["w"].tolist()
    part = la.find_partition(
        g,
        la.RBConfigurationVertexPartition,
        weights="weight",
        resolution_parameter=resolution,
        seed=seed,
    )
    return [{nodes[i] for i in members} for members in part]


def alliance_edges(
    alliances: pd.DataFrame,
    *,
    kinds: Sequence[str] = ("defense", "offense"),
) -> pd.DataFrame:
    """Undirected alliance network per year from an alliance dyad-year frame.

    A pair is linked in a year (weight 1) when, in either direction, any of the
    obligation dummies in ``kinds`` is 1 (ATOP: defence and offence pacts).

    Parameters
    ----------
    alliances : DataFrame
        ``iso3_o, iso3_d, year`` and the columns in ``kinds`` (0/1), e.g. an ATOP
        directed dyad-year frame mapped to ISO3.
    kinds : sequence of str, default ("defense", "offense")

    Returns
    -------
    DataFrame
        ``iso3_o, iso3_d, year, weight`` with ``iso3_o < iso3_d``; undirected.

    Examples
    --------
    >>> a = pd.DataFrame({"iso3_o": ["A", "B", "A"], "iso3_d": ["B", "A", "C"],
    ...                   "year": 2000, "defense": [1, 0, 0], "offense": [0, 0, 0]})
    >>> alliance_edges(a)[["iso3_o", "iso3_d"]].values.tolist()
    [['A', 'B']]
    """
    kinds = [k for k in kinds]
    missing = [c for c in ("iso3_o", "iso3_d", "year", *kinds) if c not in alliances.columns]
    if missing:
        raise SchemaError(
            f"alliances lack column(s) {missing}",
            file="alliances",
            field=missing[0],
            hint="pass a dyad-year frame with iso3_o, iso3_d, year and the obligation dummies",
        )
    linked = (alliances[kinds].fillna(0).to_numpy() > 0).any(axis=1)
    a = alliances.loc[linked, ["iso3_o", "iso3_d", "year"]]
    lo = a[["iso3_o", "iso3_d"]].min(axis=1)
    hi = a[["iso3_o", "iso3_d"]].max(axis=1)
    out = (
        pd.DataFrame({"iso3_o": lo, "iso3_d": hi, "year": a["year"].astype(np.int64)})
        .query("iso3_o != iso3_d")
        .drop_duplicates()
        .sort_values(["year", "iso3_o", "iso3_d"])
        .reset_index(drop=True)
    )
    out["weight"] = 1.0
    out.attrs["directed"] = False
    attach(
        out,
        get(alliances).with_method("worldsystem.measures.blocs.alliance_edges", {"kinds": kinds}),
    )
    return out
