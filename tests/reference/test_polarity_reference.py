"""CINC against a published figure of the official COW NMC v7.0 release.

The official ``NMC-70-abridged.csv`` (Correlates of War Project, National Material
Capabilities v7.0) carries a ``cinc`` column that the curated copy in
WORLDSYSTEM_DATA omits. Its first row reads

    USA, 2, 1816, milex 3823, milper 17, irst 80, pec 254, tpop 8659, upop 101,
    cinc .039697491

(the row as distributed in the v7.0 download). The US has all six components in
1816, so the figure checks the share-of-system-total and averaging steps of the
COW formula; it does not discriminate between missing-value rules.
"""

from __future__ import annotations

import pytest

from worldsystem.measures import polarity as P


def test_us_1816_cinc_matches_official_release(real_data):
    from worldsystem.sources import cow_nmc

    nmc = cow_nmc.load(real_data)
    out = P.cinc(nmc[nmc["year"] == 1816])
    us = out.loc[out["ccode"] == 2, "cinc"].item()
    # official value printed to 9 decimals
    assert us == pytest.approx(0.039697491, abs=5e-10)
