"""Blocs: UN General Assembly ideal points, vote agreement, communities, alignment.

Four pure measures (frames in, frames out; no I/O, no clock), one module per
family (:mod:`.votes` and :mod:`.bridging` prepare the roll calls; every public
name is re-exported here):

- :mod:`.ideal`: :func:`ideal_points` (and :func:`ideal_point_model` for the full fit): a dynamic
  ordinal item-response model of UN General Assembly roll calls in the manner of
  Bailey, Strezhnev & Voeten (2017), estimated by variational EM as in Imai, Lo &
  Olmsted (2016);
- :mod:`.compare`: :func:`compare_ideal_points`: agreement of two ideal-point series
  (pooled, within-session and within-country correlations; spread by era), for the
  published Bailey-Strezhnev-Voeten estimates;
- :mod:`.agreement`: :func:`vote_agreement`: share of identical votes and chance-corrected agreement
  (Cohen's kappa, Scott's pi) for every pair of countries per year;
- :mod:`.community`: :func:`communities`: seeded Louvain communities per year of a weighted network
  (alliances, trade, vote agreement) with labels matched across years;
  :func:`alliance_edges` turns an alliance dyad-year frame into such a network;
- :mod:`.align`: :func:`alignment`: distance of every country to the US, China and Russia and a
  bloc assignment (US-aligned / China-Russia-aligned / non-aligned).

Year convention: UNGA session ``s`` opens in September of year ``1945 + s``
(session 1 = 1946, session 74 = 2019); where a frame has no ``year`` column that
is the year attached to a session.
"""

from __future__ import annotations

from worldsystem.measures.blocs.agreement import CITE_HAGE as CITE_HAGE
from worldsystem.measures.blocs.agreement import vote_agreement
from worldsystem.measures.blocs.align import BLOC_LABELS, alignment
from worldsystem.measures.blocs.bridging import bridge_groups, split_discordant
from worldsystem.measures.blocs.community import CITE_LOUVAIN as CITE_LOUVAIN
from worldsystem.measures.blocs.community import alliance_edges, communities, match_labels
from worldsystem.measures.blocs.compare import compare_ideal_points
from worldsystem.measures.blocs.ideal import CITE_BSV as CITE_BSV
from worldsystem.measures.blocs.ideal import CITE_ILO as CITE_ILO
from worldsystem.measures.blocs.ideal import DEGENERATE_TOL as DEGENERATE_TOL
from worldsystem.measures.blocs.ideal import IdealPointFit, ideal_point_model, ideal_points
from worldsystem.measures.blocs.votes import SESSION_YEAR_OFFSET, whole_resolution_votes
from worldsystem.measures.blocs.votes import VOTE_CATEGORIES as VOTE_CATEGORIES

__all__ = [
    "BLOC_LABELS",
    "SESSION_YEAR_OFFSET",
    "IdealPointFit",
    "alignment",
    "alliance_edges",
    "bridge_groups",
    "communities",
    "compare_ideal_points",
    "ideal_point_model",
    "ideal_points",
    "match_labels",
    "split_discordant",
    "vote_agreement",
    "whole_resolution_votes",
]
