r"""A supply-constrained engine with CES substitution (engine ``"ces"``).

The four engines of :mod:`worldsystem.simulate.shocks` hold input coefficients
fixed. This one asks a different question: **how much of the importer's GDP is
lost when its use of a constrained input falls by a fraction c, if the economy
can substitute the other inputs for it with elasticity sigma?** It is the
aggregate-production-function model of Bachmann et al. (2022, section on the
simple model; ``bachmann2022``), the first-order limit of which is Hulten's
theorem and whose second-order behaviour is governed by the elasticity, as in the
production-network models of Baqaee & Farhi (2019, 2021; ``baqaee2019``,
``baqaee2021``).

Formula
-------
Output (GNE) is a normalised CES aggregate of the constrained input :math:`E`
(the scenario's cut products, summed over origins) and the composite :math:`X`
of all other inputs, calibrated to the base table:

.. math::
    \frac{Y}{Y_0} = \Big[(1-\lambda) \Big(\frac{X}{X_0}\Big)^{\frac{\sigma-1}{\sigma}}
                  + \lambda \Big(\frac{E}{E_0}\Big)^{\frac{\sigma-1}{\sigma}}
                  \Big]^{\frac{\sigma}{\sigma-1}} .

With :math:`X = X_0` and :math:`E = (1-c) E_0` the loss is

.. math::
    \ell(\lambda, c, \sigma) = 1 - \Big[(1-\lambda) + \lambda (1-c)^{\frac{\sigma-1}{\sigma}}
                               \Big]^{\frac{\sigma}{\sigma-1}},

with the limits :math:`\ell = 1 - (1-c)^{\lambda}` at :math:`\sigma = 1`
(Cobb-Douglas) and :math:`\ell = c` at :math:`\sigma \to 0` (Leontief: output
falls one for one with the scarce input). To first order :math:`\ell \approx
\lambda c` (Hulten); low elasticities make the loss convex in :math:`c`.

* :math:`\lambda` is the constrained input's **cost share**, its Domar weight in
  the importing country: the country's total use of the cut products (its
  industries' intermediate use and its final users', from every origin,
  domestic included) over the country's value added (GDP), from the MRIO table;
  or, when the cut carries a ``cost_share:`` block, that cited share (with its
  low and high bounds), the table's value kept beside it as ``lambda_table``.
* :math:`c` is the **fraction of that use that is lost**: from the cut's
  ``size:`` block when given (a cited shortfall, see
  :mod:`worldsystem.simulate.scenario`), else the table's cut flows over the use.

Units: :math:`\lambda` and :math:`c` are fractions; the loss is a fraction of the
importer's GDP; the table's value added in USD million of the base year gives
the value change.

Assumptions
-----------
One aggregate production function per importing country; the other inputs
(labour, capital, all other products) do not fall; no price or terms-of-trade
effects; the loss is spread over the country's sectors in proportion to their
value added and output (the aggregate model says nothing about which sector
loses). Only importers of cut flows lose: exporters' lost sales are the question
of the demand-driven ``leontief`` engine. Capacity losses and final-demand
changes are not modelled (noted).

Elasticities
------------
The elasticity is uncertain, so the engine reports the loss at a low, a central
and a high value (:data:`SIGMAS`; ``sigma_low``, ``sigma``, ``sigma_high`` in
``engine_options.ces``), and at the low and high shortfall of the cut's ``size:``
block. The loss falls as the elasticity rises, so the *high* loss is at
``sigma_low`` and the shortfall's ``high`` bound. The defaults (0.04, 0.1, 0.2)
are short-run energy elasticities of the order Bachmann et al. (2022) call
"observed elasticities for energy inputs" and Hassler, Krusell & Olovsson (2021;
``hassler2021``) a "very low short-run substitution elasticity". **Unverified:**
no stored text of the brief's simple-model section was found (searched: the
policy brief's abstract on RePEc, the VoxEU column's opening, the University of
Bonn press release, Moll's 2022 slides and thread), so the numeric values are
not the brief's; override them in ``engine_options.ces``.

Published figures (what the engine is compared with)
----------------------------------------------------
From the policy brief's abstract (``bachmann2022``), for the shock "about 30 % of
gas consumption or 8 % of German energy consumption over the next 12 months"
(after re-sourcing, fuel switching in electricity and storage):

* headline: a GDP decline "between 0.5 % and 3 %";
* their Baqaee-Farhi multi-sector model (``baqaee2021``): "firmly below 1 %",
  "between 80 and 120 Euros per German citizen per year"; by the abstract's own
  ratio (next item) about 0.16-0.30 % of GDP;
* pessimistic, gas hard to substitute outside electricity: "about 2-2.5 % of
  GDP, or about 1000 Euros per German citizen".

From the VoxEU column (``bachmann2022vox``, first section): energy imports of
about EUR 80 bn or 2 % of GDP in 2021; about half of German gas and hard-coal
imports and a third of oil imports from Russia; Russia about a third of German
energy consumption. The simple-model elasticities and its per-elasticity losses
are not in those stored texts and are not quoted.

Why the loss on WIOD 2011 is low (diagnosis)
--------------------------------------------
* **Size.** The table's RUS->DEU c2 flow (USD 2.6 bn, 7 % of Germany's c2 use) is
  not used: the ``size:`` block sets the shortfall to the cited 8 % of energy
  (3.5-13.3 % from a 13 % gas gap after measures, ``allianz2022gas``, to half of
  gas not replaced, both converted at the brief's 8/30).
* **Cost share.** Germany's use of c2 from all origins is 1.05 % of its GDP in
  WIOD 2011 (USD 36.7 bn; its c2 imports USD 30.0 bn), about half the 2 % the
  column cites for energy imports in 2021. Refined petroleum (c8) and gas supply
  (c17) are separate products; where the rest of the gap sits in the table was
  not traced. The
  scenario's ``cost_share:`` block therefore sets lambda to the cited 2 % (high
  3.3 %: all energy at import prices, from the column's "imports about 60 % of
  its energy"). With the table's 1.05 % the losses below halve (0.27 %, 0.13 %,
  0.10 %).
* **Nesting.** One CES between c2 and everything else: gas (about 27 % of energy
  by the brief's 8/30) is not a separate, less substitutable input. A gas nest
  needs gas's share of GNE, which WIOD does not separate.
* **Elasticity.** At the cited 8 % and 2 % the loss is 0.50 % (sigma 0.04),
  0.25 % (0.1) and 0.20 % (0.2) of GDP: overlapping their Baqaee-Farhi figure
  (0.16-0.30 %), at the lower end of their 0.5-3 % headline only at the lowest
  elasticity. The interval with the size and cost-share bounds is 0.08-2.81 %.
* **GDP, not GNE.** The loss is a share of value added (GDP); the abstract
  states its figures "of GDP" too, so this does not separate the two.
See ``tests/data/test_shocks_real.py``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError

__all__ = ["ASSUMPTION", "CITATIONS", "SIGMAS", "ces_loss", "constrained_inputs", "loss_range"]

#: Default elasticities of substitution: low, central, high (see the caveat above).
SIGMAS = {"sigma_low": 0.04, "sigma": 0.1, "sigma_high": 0.2}

CITATIONS = ("bachmann2022", "bachmann2022vox", "baqaee2019", "baqaee2021", "hassler2021")

#: What the ``ces`` engine answers and assumes (also ``shocks.ASSUMPTIONS["ces"]``).
ASSUMPTION = (
    "Supply-constrained aggregate CES model (Bachmann et al. 2022 simple model, after "
    "Baqaee & Farhi 2019/2021): the importer loses loss = 1 - [(1-lambda) + lambda "
    "(1-c)^((sigma-1)/sigma)]^(sigma/(sigma-1)) of its GDP, with lambda the cut products' "
    "use over GDP (all origins, from the table) and c the share of that use lost (a cited "
    "size, else the table's cut flows). It answers how much the importer loses when it "
    "can substitute other inputs for the missing one with elasticity sigma; the other "
    "engines hold coefficients fixed. Other inputs do not fall; no prices; the loss is "
    "spread over sectors pro rata; exporters and third countries do not lose."
)


def ces_loss(lam, c, sigma):
    r"""The normalised CES output loss :math:`\ell(\lambda, c, \sigma)`.

    Parameters
    ----------
    lam : float or array
        Cost share of the constrained input, in [0, 1].
    c : float or array
        Fraction of the constrained input lost, in [0, 1].
    sigma : float or array
        Elasticity of substitution, >= 0 (0: Leontief; 1: Cobb-Douglas).

    Returns
    -------
    float or ndarray
        The fraction of output lost, in [0, 1].

    Examples
    --------
    >>> round(float(ces_loss(0.5, 0.5, 1.0)), 6)   # 1 - 0.5**0.5
    0.292893
    >>> float(ces_loss(0.02, 0.3, 0.0))            # Leontief: loss = c
    0.3
    """
    lam, c, sigma = np.broadcast_arrays(*(np.asarray(a, dtype=float) for a in (lam, c, sigma)))
    if np.any((lam < 0) | (lam > 1)) or np.any((c < 0) | (c > 1)) or np.any(sigma < 0):
        raise ModelError(
            "ces_loss needs 0 <= lambda <= 1, 0 <= c <= 1 and sigma >= 0",
            field="sigma",
            value=float(np.min(sigma)) if sigma.size else None,
        )
    out = np.empty(lam.shape)
    flat = zip(lam.ravel(), c.ravel(), sigma.ravel(), strict=True)
    out.ravel()[:] = [_loss1(a, b, s) for a, b, s in flat]
    return out if out.ndim else float(out)


def _loss1(lam: float, c: float, sigma: float) -> float:
    if lam == 0.0 or c == 0.0:
        return 0.0
    if sigma == 0.0:
        return c
    if c == 1.0:
        # E = 0: zero output below unit elasticity, the rest's share above it.
        return 1.0 if sigma <= 1.0 else 1.0 - (1.0 - lam) ** (sigma / (sigma - 1.0))
    if abs(sigma - 1.0) < 1e-9:
        return float(-np.expm1(lam * np.log1p(-c)))
    r = (sigma - 1.0) / sigma
    # log of (1-lam) + lam (1-c)^r, stable for the large exponents of small sigma
    log_term = (
        np.logaddexp(np.log1p(-lam), np.log(lam) + r * np.log1p(-c))
        if lam < 1.0
        else r * np.log1p(-c)
    )
    return float(-np.expm1(log_term / r))


def constrained_inputs(cuts, base, notes: list[str] | None = None) -> pd.DataFrame:
    """Per importer: the cut products' use, GDP, lambda and the shortfall c (low, central, high).

    ``cuts`` are :class:`~worldsystem.simulate.scenario.BilateralCut` (sanctions
    expanded). Several cuts into one importer add their lost values over the union
    of their products. An importer cut in every product is left out: the model
    needs a composite of other inputs.
    """
    by: dict[str, dict] = {}
    for c in cuts:
        d = by.setdefault(
            c.importer, {"sectors": {}, "lost": np.zeros(3), "sized": [], "cost": None}
        )
        d["sectors"].update(dict.fromkeys(c.sectors))
        if c.cost_share is not None:
            if d["cost"] not in (None, c.cost_share):
                raise ModelError(
                    f"ces: the cuts into {c.importer} cite two different cost shares "
                    f"({d['cost'].share:g} and {c.cost_share.share:g})",
                    field="cost_share",
                    value=c.cost_share.share,
                    hint="give the importer's cost share of all its cut products once",
                )
            d["cost"] = c.cost_share
        use = base.use_of(c.importer, c.sectors, c.channel)
        if c.size is not None and c.size.basis == "share_of_flow":
            flow = base.use_of(c.importer, c.sectors, c.channel, origins=[c.exporter])
            d["lost"] += flow * np.array([c.size.low, c.size.share, c.size.high])
            d["sized"].append(f"{c.exporter}: {c.size.describe()}")
        elif c.size is not None:
            d["lost"] += use * np.array([c.size.low, c.size.share, c.size.high])
            d["sized"].append(c.size.describe())
        else:
            flow = base.use_of(c.importer, c.sectors, c.channel, origins=[c.exporter])
            d["lost"] += flow * c.percent / 100.0
            d["sized"].append(f"{c.exporter}: table flow x {c.percent:g}%")
    rows = []
    for iso, d in by.items():
        if len(d["sectors"]) == base.S:
            # every product is cut: no composite of other inputs to substitute with
            if notes is not None:
                notes.append(f"ces: {iso} is cut in every product; no other inputs, not modelled")
            continue
        use = base.use_of(iso, tuple(d["sectors"]))
        gdp = float(base.va_country[base._region(iso)])
        c_lo, c_mid, c_hi = (min(1.0, v / use) if use > 0 else 0.0 for v in d["lost"])
        lam_table = min(1.0, use / gdp) if gdp > 0 else 0.0
        cost = d["cost"]
        lam = (lam_table,) * 3 if cost is None else (cost.low, cost.share, cost.high)
        sizing = d["sized"] + ([] if cost is None else [cost.describe()])
        if cost is not None and notes is not None:
            notes.append(
                f"ces: {iso}'s cost share is the cited {cost.share:.2%} of GDP "
                f"({cost.citation}); the table's use of {','.join(d['sectors'])} is "
                f"{lam_table:.2%} of its value added ({lam_table / cost.share:.2f} of it)"
            )
        rows.append(
            {
                "iso3": iso,
                "products": ",".join(d["sectors"]),
                "use_musd": use,
                "gdp_musd": gdp,
                "lambda_low": lam[0],
                "lambda": lam[1],
                "lambda_high": lam[2],
                "lambda_table": lam_table,
                "c_low": c_lo,
                "c": c_mid,
                "c_high": c_hi,
                "sizing": "; ".join(sizing),
            }
        )
    return pd.DataFrame(rows)


def loss_range(inputs: pd.DataFrame, sigma: float, sigma_low: float, sigma_high: float):
    """The loss per importer at the central values and the interval over sigma and c.

    Returns a frame with ``iso3, loss_low, loss, loss_high`` (fractions of GDP):
    ``loss_low`` at ``sigma_high``, ``c_low`` and ``lambda_low``, ``loss_high``
    at ``sigma_low``, ``c_high`` and ``lambda_high`` (the loss rises with lambda
    and c and falls with sigma). Without ``lambda_low``/``lambda_high`` columns
    lambda is one value.
    """
    if not 0 <= sigma_low <= sigma <= sigma_high:
        raise ModelError(
            f"need 0 <= sigma_low <= sigma <= sigma_high, found {sigma_low}, {sigma}, {sigma_high}",
            field="engine_options.ces",
            value=sigma,
            hint="e.g. sigma_low: 0.04, sigma: 0.1, sigma_high: 0.2",
        )
    lam = inputs["lambda"].to_numpy()
    lam_lo = inputs.get("lambda_low", inputs["lambda"]).to_numpy()
    lam_hi = inputs.get("lambda_high", inputs["lambda"]).to_numpy()
    out = pd.DataFrame({"iso3": inputs["iso3"].to_numpy()})
    out["loss_low"] = np.atleast_1d(ces_loss(lam_lo, inputs["c_low"].to_numpy(), sigma_high))
    out["loss"] = np.atleast_1d(ces_loss(lam, inputs["c"].to_numpy(), sigma))
    out["loss_high"] = np.atleast_1d(ces_loss(lam_hi, inputs["c_high"].to_numpy(), sigma_low))
    return out


def run_ces(p_cuts, base, *, sigma: float, sigma_low: float, sigma_high: float, notes=None):
    """Output change per node and the per-importer table (inputs, losses)."""
    inputs = constrained_inputs(p_cuts, base, notes)
    dx = np.zeros(base.n)
    if inputs.empty:
        return dx, inputs
    table = inputs.merge(loss_range(inputs, sigma, sigma_low, sigma_high), on="iso3")
    for iso, loss in zip(table["iso3"], table["loss"], strict=True):
        cols = base.zcols(iso)
        dx[cols] = -loss * base.x[cols]
    return dx, table
