"""World-system positions on real data: COW trade 4.0, PWT 10.01, Maddison 2023.

What we found (1960-2014; run with ``-s`` to print the table of exceptions):

- Income at PPP (Maddison 2023, density cut points) and at exchange rates
  (PWT 10.01, cgdpo x pl_gdpo / pop): the USA, Germany, France and the UK are
  core in (nearly) every year; Japan is semi-peripheral through 1967 and core
  from 1968 on. The cut points are the outermost antimodes of a five-year pooled
  density at 0.15 s_y (income_cutpoints); with the rule before (0.2 s_y first,
  the most prominent pair, one year at a time) the PPP density had no upper
  antimode in 2012-2016 and the mixture fallback or a pair inside the periphery
  was used (2015-2016: 126 of 169 states core). GBR falls below the XR cut in
  1977. The mixture fallback does not enforce min_share.
- Trade network, continuous coreness (Borgatti-Everett) with natural breaks
  and the nested three-tier model: USA, JPN, FRA and GBR are core in every year
  1960-2014. Germany is **not** in this copy of the COW dyadic file between 1960
  and 1989: West Germany (260) has only 2 dyads a year there (255 starts in
  1990), so Germany is asserted core only for 1991-2014. The workflow's
  coverage check (``workflows.inputs.incomplete_trade``) leaves such
  state-years out of the networks; this module's fixture calls the measures
  directly, without it.
- Where methods disagree: the income methods split the world at GDP per capita,
  so oil exporters and small rich economies are income-core but trade-semi/
  periphery, while large poorer traders (CHN, IND, BRA from the 1990s) are
  trade-core but income semi-periphery or periphery. Pooled 1960-2014 ARI
  between income_ppp and cp_continuous is low (about 0.2).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from worldsystem.measures import position as P

BIG = ["USA", "JPN", "DEU", "FRA", "GBR"]
YEARS = range(1960, 2015)


@pytest.fixture(scope="module")
def real_positions(real_data):
    from worldsystem.sources import cow_trade, maddison, pwt

    trade = cow_trade.load(real_data)
    mad = maddison.load(real_data)
    pw = pwt.load(real_data)
    cy = pw[["iso3", "year"]].assign(gdppc_usd=pw["cgdpo"] * pw["pl_gdpo"] / pw["pop"])
    cy = cy.merge(
        mad[["iso3", "year", "gdppc_2011ppp"]].rename(columns={"gdppc_2011ppp": "gdppc_ppp"}),
        on=["iso3", "year"],
        how="outer",
    )
    return P.positions(
        cy,
        trade,
        years=YEARS,
        methods=["income_xr", "income_ppp", "cp_continuous", "cp_three_tier"],
        weight_col="flow_musd_current",
    )


def _core_share(res, method, iso3, years=YEARS):
    g = res[(res.method == method) & (res.iso3 == iso3) & res.year.isin(list(years))]
    return (g.zone == "core").mean() if len(g) else np.nan, len(g)


def test_exceptions_table(real_positions):
    rows = []
    for m in ["income_xr", "income_ppp", "cp_continuous", "cp_three_tier"]:
        for c in BIG:
            share, n = _core_share(real_positions, m, c)
            rows.append((m, c, n, share))
    tab = pd.DataFrame(rows, columns=["method", "iso3", "years", "core_share"])
    print(tab.to_string())
    assert (tab.years > 0).all()


@pytest.mark.parametrize("method", ["cp_continuous", "cp_three_tier"])
def test_network_core_every_year(real_positions, method):
    for c in ["USA", "JPN", "FRA", "GBR"]:
        share, n = _core_share(real_positions, method, c)
        assert n == len(YEARS), (method, c, n)
        assert share == 1.0, (method, c, share)
    share, n = _core_share(real_positions, method, "DEU", range(1991, 2015))
    assert n == 24 and share == 1.0


@pytest.mark.parametrize("method", ["income_ppp", "income_xr"])
def test_income_core(real_positions, method):
    assert _core_share(real_positions, method, "USA") == (1.0, len(YEARS))
    for c in ["DEU", "FRA", "GBR"]:
        share, n = _core_share(real_positions, method, c)
        assert n == len(YEARS) and share >= 0.95, (c, share)
    # Japan enters the income core by 1968 and stays (PPP: except 2012).
    assert _core_share(real_positions, method, "JPN", range(1968, 2015))[0] >= 0.97


def test_periphery_exists_and_cutpoints_ordered(real_positions):
    for m, g in real_positions.groupby("method"):
        counts = g.groupby("year").zone.nunique()
        assert (counts == 3).mean() > 0.9, m
    inc = real_positions[real_positions.method == "income_ppp"]
    # Core countries are richer than periphery countries in every year.
    med = inc.groupby(["year", "zone"]).score.median().unstack()
    assert (med["core"] > med["semi-periphery"]).all()
    assert (med["semi-periphery"] > med["periphery"]).all()


@pytest.mark.parametrize("method", ["income_ppp", "income_xr"])
def test_income_core_is_a_minority_of_rich_states(real_positions, method):
    # Arrighi & Drangel (1986) and Babones (2005) find a core of roughly a sixth to a
    # quarter of states; a density cut in a tail wiggle once made 120 of 163 states core
    # (2014, PPP). Large poor economies are never in the income core in 1960-2014.
    g = real_positions[real_positions.method == method]
    core_share = g.groupby("year").zone.apply(lambda z: (z == "core").mean())
    assert core_share.max() <= 0.4, core_share.idxmax()
    poor = g[g.iso3.isin(["CHN", "IND", "IDN", "NGA"])]
    assert not (poor.zone == "core").any(), poor[poor.zone == "core"].head()


def test_structural_equivalence_core_is_not_a_singleton(real_data):
    # Average linkage on Euclidean structural-equivalence distances once left the USA
    # (1969) or the USA and China (2014) alone in the "core"; Ward's linkage keeps a
    # core block of several states with the big five in it from 1996.
    from worldsystem.sources import cow_trade

    trade = cow_trade.load(real_data)
    res = P.positions(
        None,
        trade,
        years=[1969, 1996, 2014],
        methods=["blockmodel_se"],
        weight_col="flow_musd_current",
    )
    core = res[res.zone == "core"].groupby("year").iso3.apply(set)
    assert (core.apply(len) >= 5).all(), core.apply(len)
    assert all("USA" in core[y] for y in core.index)
    assert set(BIG) <= core[1996] and set(BIG) <= core[2014]


def test_regular_equivalence_core_holds_the_big_five(real_data):
    # REGE (exact below 60 countries, 20 strongest partners above) with two-level CONCOR:
    # a broad core (30-59 states in the years sampled), which always holds the big five
    # and never the whole world.
    from worldsystem.sources import cow_trade

    trade = cow_trade.load(real_data)
    res = P.positions(
        None,
        trade,
        years=[1996, 2014],
        methods=["blockmodel_rege"],
        weight_col="flow_musd_current",
    )
    for year, g in res.groupby("year"):
        core = set(g.loc[g.zone == "core", "iso3"])
        assert set(BIG) <= core, (year, set(BIG) - core)
        assert len(core) < 0.4 * len(g), (year, len(core), len(g))
        assert g.zone.nunique() == 3


def test_ppp_income_core_cuts_at_the_antimode_2014(real_positions):
    """At PPP in 2014 the density at 0.2 s has no upper antimode; the mixture
    fallback used to cut at about 16,700 international dollars (63 core states, Iran
    and Argentina among them). At 0.15 s the antimode near 30,000 gives 33."""
    g = real_positions[(real_positions.method == "income_ppp") & (real_positions.year == 2014)]
    z = g.set_index("iso3")["zone"]
    assert 25 <= (z == "core").sum() <= 40
    assert z["IRN"] == z["ARG"] == z["TUR"] == "semi-periphery"
    assert z["NOR"] == z["USA"] == z["DEU"] == "core"


@pytest.fixture(scope="module")
def positions_2014(real_data):
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.position import position

    res = position(DataContext(data=real_data, years=(2014, 2014)))
    return P.with_consensus(res)


#: Smith & White (1992) positions of 1980 (core; strong and weak semi-periphery;
#: periphery), as coded in the World_system_1980 partition of de Nooy, Mrvar &
#: Batagelj (2005, ch. 2); Yugoslavia's successors are left out.
SMITH_WHITE_1980 = {
    "core": "BEL CAN FRA DEU ITA JPN NLD SWE CHE GBR USA",
    "semi-periphery": "ARG AUS AUT BRA DNK FIN GRC HKG IRL KOR NZL NOR SGP ESP VEN "
    "CHL COL ECU EGY HUN IND ISR MYS MAR PER PHL PRT THA TUN TUR",
    "periphery": "SLV GTM HND JOR MDG NIC PAK PAN LKA",
}


def test_network_zones_1980_agree_with_smith_white(real_data):
    """Measured 2026-12: of the 49 Smith & White countries in COW 1980, 48 are in the
    networks (West Germany has no network zone: the dyadic file barely holds it);
    cp_continuous agrees on 43 (0.90), blockmodel_se on 44, multiplex on 45 (0.94),
    the income methods on 33-35 of 49 (0.67-0.71). Norway and India are
    semi-periphery in both S&W and ours."""
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.position import position

    res = position(DataContext(data=real_data, years=(1980, 1980)))
    sw = {c: z for z, cs in SMITH_WHITE_1980.items() for c in cs.split()}
    for m in ("cp_continuous", "multiplex"):
        z = res[res.method == m].set_index("iso3")["zone"]
        common = [c for c in sw if c in z.index]
        assert len(common) >= 45, (m, len(common))
        agree = np.mean([z[c] == sw[c] for c in common])
        assert agree >= 0.85, (m, agree)
        assert z["NOR"] == z["IND"] == "semi-periphery", m


def test_state_years_the_dyadic_file_barely_holds_get_no_network_zone(real_data):
    """This copy of the COW dyadic file holds West Germany in 1960-1989 only by two
    dyads a year (with BEL and LUX under 260; the national file has its totals under
    255): measured 2026-12, its dyadic imports in 1980 are 13,488 of 188,004 million
    USD (7 %), France's 82 % and the UK's 87 %. Before the coverage check every
    network method called West Germany periphery in 1980; now it has no network
    zone, and its income zones (core) stand."""
    from worldsystem.core.provenance import get
    from worldsystem.sources import cow_trade
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.position import position

    ctx = DataContext(data=real_data, years=(1980, 1980))
    cov = cow_trade.dyadic_coverage(ctx.load("cow_trade"), ctx.load_extra("cow_trade", "national"))
    c = cov[cov.year == 1980].set_index("iso3")["coverage"]
    assert c["DEU"] < 0.1 and c["FRA"] > 0.8 and c["GBR"] > 0.8
    res = position(ctx)
    deu = res[res.iso3 == "DEU"].set_index("method")["zone"]
    assert set(deu.index) == {"income_ppp", "income_xr"}, deu
    assert (deu == "core").all()
    assert (res[res.iso3 == "FRA"].zone == "core").all()
    assert any("DEU 1980" in n for n in get(res).notes)


def test_consensus_rows_2014(positions_2014):
    cons = positions_2014[positions_2014.method == P.CONSENSUS]
    assert len(cons) == positions_2014[positions_2014.method != P.CONSENSUS].iso3.nunique()
    assert cons.score.between(1 / 3, 1).all()


@pytest.mark.xfail(
    strict=True,
    reason="issue 16, not met: COW total trade has one commodity; IND is 2014 core by all "
    "5 network methods, NOR by 1 (rege); share/GDP networks too: docs/validation.md",
)
def test_network_core_2014_is_not_a_size_ranking(positions_2014):
    for m in ("cp_continuous", "cp_three_tier", "blockmodel_se", "blockmodel_rege", "multiplex"):
        z = positions_2014[positions_2014.method == m].set_index("iso3")["zone"]
        assert z["IND"] != "core" and z["IDN"] != "core" and z["NOR"] == "core", m


@pytest.mark.xfail(
    strict=True,
    reason="issue 16, not met: the 2014 consensus puts BRA, IND, IDN, KOR, MYS, SAU, "
    "TUR in the core; 3 of the seed's 10 (ARG, IRN, ZAF) are semi-periphery (need 6)",
)
def test_seed_semi_periphery_is_mostly_semi_periphery_by_consensus(positions_2014):
    seed = ["ARG", "BRA", "IND", "IDN", "IRN", "MYS", "SAU", "ZAF", "KOR", "TUR"]
    cons = positions_2014[positions_2014.method == P.CONSENSUS].set_index("iso3")["zone"]
    assert (cons.reindex(seed) == "semi-periphery").sum() >= 6


@pytest.fixture(scope="module")
def positions_2011(real_data):
    from worldsystem.workflows.context import DataContext
    from worldsystem.workflows.position import position

    return position(DataContext(data=real_data, years=(2011, 2011)))


def test_commodity_roles_2011_core_is_not_a_size_ranking(positions_2011):
    """REGE on five WIOD 2011 commodity relations (exporters' shares, two-level CONCOR).

    Measured 2026-12: core AUT BEL CAN CHN CZE DEU ESP FIN FRA GBR GRC ITA JPN NLD RUS
    SWE USA; semi-periphery AUS BRA IDN IND IRL KOR MEX TWN (docs/validation.md)."""
    g = positions_2011[positions_2011.method == "blockmodel_commodity"]
    z = g.set_index("iso3")["zone"]
    assert len(z) == 40 and "ROW" not in z.index  # WIOD's 40 countries, RoW has no zone
    assert z["IND"] != "core" and z["IDN"] != "core"
    assert (z[BIG] == "core").all(), z[BIG]
    assert z.nunique() == 3


def test_commodity_roles_stay_out_of_the_consensus_unless_asked(positions_2011, positions_2014):
    """Reported beside the other methods, but a vote that exists only for the WIOD
    countries in 1995-2011 would move the consensus at 1995 and 2012: it counts in the
    network family only when named."""
    cons = P.position_ensemble(positions_2011).set_index("iso3")
    n_2011 = positions_2011[positions_2011.method != "blockmodel_commodity"]
    without = P.position_ensemble(n_2011).set_index("iso3")
    assert cons.loc["DEU", "n_methods"] == without.loc["DEU", "n_methods"]
    named = P.position_ensemble(
        positions_2011, methods=sorted(set(positions_2011.method) - {P.CONSENSUS})
    ).set_index("iso3")
    assert named.loc["DEU", "n_methods"] == without.loc["DEU", "n_methods"] + 1
    assert named.loc["NGA", "n_methods"] == without.loc["NGA", "n_methods"]  # not in WIOD
    assert "blockmodel_commodity" not in set(positions_2014.method)  # WIOD ends in 2011


def test_ppp_core_cut_does_not_jump_between_adjacent_years(real_data):
    """The upper (core) cut at PPP, Maddison 2023, 1952-2022, moves by at most a
    factor of 1.7 from one year to the next, and the core stays a minority.

    Measured (outermost antimodes, 0.15 s_y, pooled five-year window): largest
    year-to-year factor 1.61 (2016 -> 2017: 32,548 -> 20,265 int. $, core 33 -> 57
    of 169, where the antimode near 31,000 has faded and the one near 20,000 is the
    highest left); next 1.14 (1953 -> 1954); core at most 34% of states (2019). The
    rule before (0.2 s_y first, the most prominent pair, one year at a time) moved
    it by 7.21 (2014 -> 2015: 30,465 -> 4,225, 126 of 169 states core), 4.87
    (2016 -> 2017) and 2.63 (1951 -> 1952)."""
    from worldsystem.sources import maddison

    mad = maddison.load(real_data)
    f = mad[["iso3", "year", "gdppc_2011ppp"]]
    f = f[f["year"].between(1950, 2022)]
    cp = P.income_cutpoints(f, value_col="gdppc_2011ppp", years=list(range(1952, 2023)))
    assert cp["year"].tolist() == list(range(1952, 2023))
    hi = cp.set_index("year")["cut_high"]
    jump = np.exp(hi.diff().abs().dropna())
    assert jump.max() <= 1.7, (jump.idxmax(), float(jump.max()))
    logs = np.log(f["gdppc_2011ppp"].where(f["gdppc_2011ppp"] > 0))
    core = (logs >= f["year"].map(hi)).groupby(f["year"]).mean().loc[1952:]
    assert core.max() <= 0.4, (core.idxmax(), float(core.max()))
    # the rule before fails the same bound (the defect this guards against)
    one = P.income_cutpoints(
        f,
        value_col="gdppc_2011ppp",
        window=1,
        bw_method=0.2,
        select="prominence",
        years=[2014, 2015],
    )
    assert np.exp(abs(np.diff(one["cut_high"].to_numpy()))[0]) > 1.7


def test_silverman_test_of_the_ppp_income_cuts(real_data):
    """Silverman (1981) on the values the default PPP cut uses (Maddison 2023, five-year
    pool, countries resampled; docs/validation.md, "Income zones").

    Measured (1,000 samples, seed 0), p of "at most 1" / "at most 2 modes": 1960
    0.123 / 0.035, 1990 0.118 / 0.331, 2014 0.598 / 0.458, 2022 0.527 / 0.148. With 500
    samples the Monte Carlo error is about 0.01 near 0.035 and 0.02 near 0.45."""
    from worldsystem.core import provenance as prov
    from worldsystem.sources import maddison

    mad = maddison.load(real_data)
    f = mad[["iso3", "year", "gdppc_2011ppp"]]
    f = f[f["year"].between(1958, 2016)]
    cp = P.income_cutpoints(
        f, value_col="gdppc_2011ppp", years=[1960, 2014], silverman=500
    ).set_index("year")
    assert cp.loc[1960, "p_silverman2"] < 0.10  # three modes in 1960
    assert cp.loc[2014, "p_silverman2"] > 0.25  # the third mode of 2014 is noise
    assert cp.loc[2014, "p_silverman1"] > 0.25
    # the cut's bandwidth (0.15 s_y) is well below the critical bandwidth h_2
    for year in (1960, 2014):
        s_y = float(np.log(f.loc[f.year == year, "gdppc_2011ppp"]).std())
        assert cp.loc[year, "h_crit2"] > 1.4 * 0.15 * s_y
    notes = [n for n in prov.get(cp).notes if "Silverman" in n]
    assert len(notes) == 1 and "of 2014:" in notes[0]
