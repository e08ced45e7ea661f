"""The text of :func:`worldsystem.example.describe` (also the package docstring)."""

DESCRIPTION = """\
The example world: synthetic data with planted structure
=========================================================

``worldsystem.example.world(seed=0)`` builds a world of fictional countries. It is
**synthetic example data, not real observations**. Every frame carries provenance
with one source, ``id="example"``, ``version="seed=<seed>"`` and ``example=True``.
The planted structure is there so that tests can check each measure recovers it.
Use the adjusted Rand index for partitions and correlation for continuous
quantities.

The world is a pure function of ``(seed, n_countries, years, n_sectors)``. It uses
``numpy.random.SeedSequence(seed)`` with one child stream per component (names,
countries, panel, trade, arms, votes, MRIO, alliances). The same seed gives
bitwise-identical frames. The defaults are 30 countries, 1990-2019 and 4 sectors,
and building them takes well under a second.

Countries
---------
* **Codes.** ``X`` plus two letters, mnemonic from the name where possible.
  ISO 3166-1 reserves ``XAA``-``XZZ`` for user assignment, so the codes cannot
  collide with a real ISO3 code. ``XKX`` (Kosovo, used by the EU, IMF and World
  Bank), ``XXK`` and ``XXX`` are never used. Names are built from syllables.
  Rows are sorted by code.
* **Zones.** 20 % core and 30 % semi-periphery, with at least two countries in
  each; the periphery takes the rest. The default world has 6 / 9 / 15. Zones are
  assigned in random order, so row order says nothing about zone.
* **Leaders.**

  * The **A leader** is a core country: population 320 million in the first
    year, GDP per capita 1.3 x the core level, 4.5 % of GDP on the military, and
    ideal point +1.6.
  * The **B leader** is a semi-periphery country: population 700 million, GDP per
    capita 0.8 x the semi-periphery level, 2.5 % of GDP on the military, and
    ideal point -1.4.

Income zones: trimodal log GDP per capita
-----------------------------------------
* **Base-year GDP per capita at PPP.** The zone levels are 40,000 (core),
  10,000 (semi-periphery) and 2,000 (periphery) international $. Each country's
  log level has a within-zone sd of 0.15.
* **Growth.** Real growth is 1.5 %, 2.5 % and 1.5 % a year, with a random-walk
  shock of sd 0.01 a year. In every year of the default world the zones are
  separated in log GDP per capita, by at least 0.4 between core and semi and at
  least 0.9 between semi and periphery.
* **Price level (PPP / exchange rate).** 1.0, 0.55 and 0.35 by zone, with a
  country effect of sd 0.08 in logs. ``gdp_usd = gdp_ppp * price_level``, so
  Köhler's ERDI is ``1 / price_level``.
* **Current prices.** Dollar values include 2 % inflation a year.
* **Population.** The log-normal medians are 40, 50 and 20 million, with sd 0.6.
  Growth is 0.4 %, 1.0 % and 2.5 % a year.

Capabilities (COW NMC units) and imperialism indicators
-------------------------------------------------------
* **The six components.**

  * ``milex``: thousand USD, as a share of GDP by zone: 1.5 %, 2 % and 1.5 %.
  * ``milper``: thousands, 0.3 % of population.
  * ``irst``: thousand tons, at 4, 12 and 3 tons per USD million of real PPP GDP.
  * ``pec``: thousand coal-ton equivalents, at 150, 180 and 120 tce per USD
    million.
  * ``tpop``: thousands, equal to ``pop``.
  * ``upop``: thousands, 55 %, 40 % and 20 % of population.

* **Polarity.** CINC (the mean of the six shares) ranks the **A leader first and
  the B leader second in every year**. The first-place margin in the default
  world is about 0.07; the B leader's margin over the third state is about 0.17.
  The result is a unipolar-ish system with a rising challenger.
  ``truth.leader`` and ``truth.second`` record the ranking of CINC averaged
  over the years.
* **FDI.** ``fdi_out_pct_gdp`` has log-normal medians of 3.0 %, 0.8 % and 0.1 %
  of GDP; ``fdi_in_pct_gdp`` has 1.5 %, 3.0 % and 3.5 %. The core is the net
  capital exporter.
* **Warheads.** The A leader's stock falls linearly from 12,000 to 4,000. Two
  more core states hold about 300 and 250. The B leader's stock grows from 250
  to 400. Every other state has 0.
* **Arms transfers** (``arms``, TIV millions, positive rows only). Arms flow
  down the hierarchy. Every core and semi-peripheral state exports; the
  periphery does not. The export scales are 300 (A leader), 120 (B leader),
  60 (the two other nuclear core states), 25 (other core) and 6 (other
  semi-periphery).

  * An exporter supplies a recipient with probability ``reach x bloc
    factor``. The reach is 0.6, 0.9 and 0.7 from the core to the core,
    semi-periphery and periphery, and 0, 0.3 and 0.6 from the
    semi-periphery. The bloc factor is 1 within a bloc, 0.5 when either side
    is non-aligned and 0 between the rival blocs.
  * A supply relationship delivers in 60 % of years. The yearly TIV is the
    scale times 1.0, 0.6 or 0.3 by recipient zone (richer states buy more),
    times a log-normal factor (sd 0.8, mean 1).
  * In the default world the core ships about 90 % of all TIV, and
    semi-peripheral exporters the rest.

* **Labour.**

  * ``employment``: 48 %, 45 % and 40 % of population.
  * ``hours_per_worker``: 1,700, 2,000 and 2,200 hours a year.

Trade: a gravity network with zone structure
--------------------------------------------
* **Presence.** A directed dyad o->d trades at all with probability 1.00, 0.97
  and 0.90 (core to core, semi and periphery); 0.97, 0.80 and 0.80 (semi to
  ...); and 0.90, 0.15 and 0.02 (periphery to ...). Presence is fixed across
  years.
* **The semi-periphery is intermediate.** It trades densely with the core and
  with itself, and it exports to most of the periphery (manufactures, as a
  sub-imperialist middle tier), while the periphery sells mainly to the core.
  So the core is tied to everyone, the semi-periphery is the core of the rest,
  and the periphery is tied mainly to the tiers above it.
* **Value.** ``flow_musd = k_t * GDP_o^0.9 * GDP_d^0.8 / dist^0.8 *
  exp(zone effect + dyad noise (sd 0.4) + year noise (sd 0.15))``.

  * Zone effects in logs: core to core 1.5, semi 1.0, periphery 0.3; semi to
    core 1.0, semi 0, periphery 0.3; periphery to core 0.8, semi -0.7,
    periphery -2.0.
  * ``k_t`` scales world exports to 25 % of world GDP in USD.
  * ``dist`` (``dist_km``) is the distance between random points in a
    10,000 km square, plus 500 km.

* **Shape of the frame.** Every ordered pair appears each year, with zeros where
  there is no trade.
* **Recovery.** Ward clustering of the rows of the binary and of the log-flow
  matrix into three blocks recovers the zones, with ARI 1.0 on seeds 0-4.
  The position methods of :mod:`worldsystem.measures.position` recover them
  with ARI 0.87-1.0 on the default world (every network method, every year
  tested); ``tests/unit/test_position_example.py`` lists the values.

Blocs, alliances and UN votes
-----------------------------
* **Blocs.**

  * Bloc A holds every core country, except that the last core country is
    non-aligned when there are 5 or more core countries.
  * In the semi-periphery (besides the B leader), 35 % are in A, 40 % in B and
    the rest are ``none``. In the periphery the shares are 35 % A, 35 % B and the
    rest ``none``.

* **Alliances** (undirected, ``iso3_o < iso3_d``). Only pairs within a bloc are
  allied: every pair that includes a bloc leader, and the other pairs with a
  probability that falls down the hierarchy: 1.00 (core-core), 0.85
  (core-semi), 0.60 (core-periphery), 0.70 (semi-semi), 0.50
  (semi-periphery) and 0.30 (periphery-periphery). ``defense`` is 1 for the
  leaders' pairs and for 80 % of the rest. Non-aligned states have no
  alliance, so the alliance network is two separate blocs.
* **Ideal points.**

  * Base values are normal with sd 0.25 around +1.2 (A, core), +0.8 (A, other),
    -0.9 (B) and 0.0 (none). The leaders are fixed at +1.6 and -1.4, so the
    A leader is positive, as the US is in the real data.
  * They follow a random walk with step sd 0.04 per session. There is one
    session per year, numbered ``year - 1945``.
  * ``countries.ideal_point_truth`` is the first-session value.
    ``ideal_points_truth`` holds the path.

* **Votes.** Each session has 40 roll calls, drawn from an ordered probit:
  ``y* = b_j * theta_it + e`` with ``e ~ N(0, 1)``. The vote is ``no`` if
  ``y* < cut_low_j``, ``yes`` if ``y* > cut_high_j``, and ``abstain`` otherwise.

  * The discrimination ``|b_j|`` is uniform on [0.8, 2.0], and 75 % of items
    have ``b_j < 0``. Those are resolutions bloc A tends to oppose, as the US
    does most General Assembly resolutions.
  * ``cut_low ~ N(-1, 0.3)`` and ``cut_high = cut_low + U(0.5, 1.0)``.
  * Bloc A therefore votes yes least often (about 37 %) and bloc B most often
    (about 73 %).
  * The first principal component of the vote matrix already correlates above
    0.97 with the true ideal points.

MRIO for the last year, with a planted drain of labour
------------------------------------------------------
* **Regions and sectors.** The regions are the countries. When
  ``n_countries * n_sectors > 200``, the regions are instead aggregated to the
  three zones, with labels ``core``, ``semi-periphery`` and ``periphery``.
  Sectors run from ``primary`` to ``knowledge``; with more than 4 sectors they
  are labelled ``s01``...
* **Technical coefficients.**
  ``A[(r,s),(q,t)] = share[r|q,s] * mix[s,t] * a[q,t]``, where:

  * the input share ``a`` is 0.45, 0.50 and 0.40 by zone, plus U(-0.05, 0.05).
    Every column sum is below 0.6, so A is productive.
  * ``mix = 0.4 I + 0.6 / S``.
  * the origin share ``share`` is 70 % domestic. The rest is imported in
    proportion to that year's trade flow r->q, times comparative advantage
    ``exp(-3 (u_s - peak)^2)``. The sector ladder position ``u_s`` runs from 0
    (primary) to 1 (knowledge); the peak is 1 for the core, 0.5 for the
    semi-periphery and 0 for the periphery.

* **Final demand.** One category, ``final``. Region q spends its GDP (USD) evenly
  over sectors, with 80 % of it domestic.
* **Balance and value added.** ``x = Z.sum(1) + Y.sum(1)`` holds exactly (x is
  computed that way), and ``value_added = x - Z.sum(0)`` (USD million).
* **Labour.** The ``labour_hours`` satellite (hours) is the region's employment
  times hours per worker. It is split over sectors in proportion to output
  times a labour intensity that falls from 2.0 (primary) to 0.5 (knowledge).
  The core therefore has few hours per dollar of output and the periphery many.
  The default world has median labour intensities of about 3,500 (core),
  18,000 (semi-periphery) and 280,000 (periphery) hours per USD million of
  output. Region value added is within about 0.75-1.55 x ``gdp_usd``, because
  trade is not balanced.
* **The planted drain** (``truth.drain_*``).

  * Let ``H = diag(h/x) (I - A)^-1 Y``, aggregated to producing x consuming
    regions. The hours produced in the periphery for core final demand, minus
    the reverse, are **positive**. In the default world they come to about
    2e11 hours, and across seeds 0-4 they range from 2e11 to 4e11 hours.
  * The periphery exports 25-50 times more embodied hours than it imports
    (seeds 0-4).
"""
