"""Panels: harmonised country-year and dyad-year frames, and MRIO tables.

- :func:`country_years` and the ``add_*`` functions of :mod:`.country`;
- :func:`dyad_years` and the dyadic ``add_*`` functions of :mod:`.dyad`;
- :func:`country_panel` / :func:`dyad_panel`: full builds, cached in the store
  (:mod:`.store`);
- :func:`mrio` / :func:`mrio_years`: WIOD tables with value-added and labour
  satellites (:mod:`.wiod`);
- :func:`panel_adder`: declare a new ``add_*`` (sources, registered columns) so
  that it joins the full builds (:mod:`._adders`).
"""

from worldsystem.panels._adders import panel_adder
from worldsystem.panels.build import country_panel, dyad_panel
from worldsystem.panels.country import (
    add_arms_totals,
    add_capabilities,
    add_conflict,
    add_employment,
    add_fdi,
    add_gdp,
    add_milex,
    add_prices,
    add_us_troops,
    add_warheads,
    country_years,
)
from worldsystem.panels.dyad import (
    add_alliances,
    add_arms_transfers,
    add_trade,
    add_vote_agreement,
    dyad_years,
    vote_agreement,
)
from worldsystem.panels.mrio import MRIO
from worldsystem.panels.wiod import labour_account, labour_hours, mrio, mrio_years

__all__ = [
    "MRIO",
    "add_alliances",
    "add_arms_totals",
    "add_arms_transfers",
    "add_capabilities",
    "add_conflict",
    "add_employment",
    "add_fdi",
    "add_gdp",
    "add_milex",
    "add_prices",
    "add_trade",
    "add_us_troops",
    "add_vote_agreement",
    "add_warheads",
    "country_panel",
    "country_years",
    "dyad_panel",
    "dyad_years",
    "labour_account",
    "labour_hours",
    "mrio",
    "mrio_years",
    "panel_adder",
    "vote_agreement",
]
