"""``imperialism --mrio``: the one input-output indicator on the real WIOD tables."""

from __future__ import annotations

import numpy as np
import pytest

from worldsystem.workflows import DataContext
from worldsystem.workflows.exchange import exchange
from worldsystem.workflows.imperialism import imperialism

pytestmark = pytest.mark.data


def test_net_appropriation_is_the_drain_from_the_named_mrio(real_data):
    base = DataContext(data=real_data, years=(2011, 2011))
    if not base.available("wiod2013"):  # pragma: no cover - depends on the folder
        pytest.skip("WIOD 2013 is not in WORLDSYSTEM_DATA")
    plain = imperialism(base, n_draws=20)
    with_io = imperialism(base.with_mrio("wiod2013"), n_draws=20)
    na = with_io[with_io["indicator"] == "net_appropriation"].set_index("iso3")
    # without --mrio the indicator is listed with no value
    assert plain.loc[plain["indicator"] == "net_appropriation", "value"].isna().all()
    # with it: minus the exchange measure's net transfer, country by country
    cy, _ = exchange(base.with_mrio("wiod2013"), years=[2011])
    ref = -cy.set_index("iso3")["net_transfer_musd"]
    common = na.index[na["value"].notna()]
    assert len(common) >= 40
    np.testing.assert_allclose(na.loc[common, "value"], ref.loc[common], rtol=1e-12)
    assert na.loc["USA", "rank"] == 1  # the largest net receiver in WIOD 2011
    assert na.loc["CHN", "value"] < 0  # the largest net giver
    # not in the default weights: the composite is the same with and without --mrio
    c0 = plain[plain["indicator"] == "composite"].set_index("iso3")["value"]
    c1 = with_io[with_io["indicator"] == "composite"].set_index("iso3")["value"]
    np.testing.assert_array_equal(c0.sort_index(), c1.sort_index())
