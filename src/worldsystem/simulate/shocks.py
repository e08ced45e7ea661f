r"""Propagate the shocks of a scenario through an MRIO table with four engines.

All engines read the same :class:`~worldsystem.simulate.scenario.Scenario`
and return the same frame (:func:`run`): the change in gross output and value
added per region-sector and the share of GDP each country loses. Shocks are
first compiled into three perturbations of the base table:

* **cuts**: for each affected row (region-sector) ``i``, the fraction of its
  deliveries that remains, per intermediate column (``keep_Z``) and per final
  demand column (``keep_Y``). Bilateral cuts and sanctions write here; several
  cuts of the same flow compose multiplicatively.
* **capacity**: the capacity loss :math:`p_i \in [0, 1]` of a node.
* **final demand**: an additive change :math:`\Delta Y`.

With no shocks every perturbation is exactly zero and every engine returns
exactly zero changes: the engines solve for the *change* driven by the
perturbation, not for shocked minus baseline levels.

Engines (:math:`Z, Y, x, v` the table, :math:`A = Z\hat x^{-1}`,
:math:`B = \hat x^{-1} Z`, :math:`y = Y\mathbf 1`):

``leontief`` (demand-driven, backward linkages)
    A cut is a partial *hypothetical extraction*: the cut deliveries are no
    longer bought and are not replaced from another source (no substitution),
    so the coefficients fall, :math:`A'_{ij} = k_{ij} A_{ij}`,
    :math:`y'_i = \sum_c k_{ic} Y_{ic}`. A capacity loss :math:`p_i` cuts all of
    node *i*'s deliveries by :math:`p_i`. Then

    .. math:: \Delta x = (I - A')^{-1} d, \qquad
              d = \Delta y - \textstyle\sum_j (1 - k_{ij}) Z_{ij}
              - \sum_c (1 - k_{ic}) Y_{ic},

    exact when :math:`x = L y` (Miller & Blair 2009, ch. 13 on extraction).
    The importer's production is *not* constrained: in this model the cut is a
    loss of sales for the exporter and its suppliers.
``ghosh`` (supply-driven, forward linkages)
    A cut lowers the exporter's allocation coefficients,
    :math:`B'_{ij} = k_{ij} B_{ij}`; a capacity loss :math:`p_j` cuts node
    *j*'s primary and intermediate inputs, :math:`v'_j = (1-p_j)v_j`,
    :math:`B'_{\cdot j} = (1-p_j)B_{\cdot j}`. With
    :math:`x^{\mathsf T}(I - B) = v^{\mathsf T}`,

    .. math:: \Delta x^{\mathsf T} = (x^{\mathsf T}\Delta B + \Delta v^{\mathsf T})
              (I - B')^{-1}.

    Final-demand changes and cuts of final deliveries change no output (final
    demand is the residual of a supply-driven model). The Ghosh model's
    plausibility is disputed: it implies that output responds to inputs with no
    demand for it and perfectly substitutable inputs (Oosterhaven 1988,
    *Journal of Regional Science* 28(2):203-217,
    doi:10.1111/j.1467-9787.1988.tb01208.x; Dietzenbacher 1997,
    doi:10.1111/0022-4146.00081, reads it as a price model). Read it as an
    upper-bound style measure of forward exposure.
``inoperability`` (Haimes & Jiang 2001; Santos & Haimes 2004)
    Inoperability :math:`q = -\Delta x / x` solves

    .. math:: q = A^{*} q + c^{*}, \qquad A^{*} = \hat x^{-1} A \hat x = B,

    so :math:`q = (I - B)^{-1} c^{*}` (the demand-side IIM; the same factor as
    Ghosh). The perturbation :math:`c^{*}` is: the capacity loss :math:`p_i` at
    the affected nodes (initial inoperability); for cut intermediate deliveries,
    the importer's input constraint under fixed coefficients and no
    substitution, :math:`\max_{s\,\text{critical}} \phi_{sj}` with
    :math:`\phi_{sj}` the share of product *s* used by *j* (summed over
    origins) that is cut: a Leontief production function is limited by its
    scarcest input. Only *critical* inputs count, those whose total use by *j*
    is at least ``critical_share`` (default 0.01) of *j*'s output; losses of
    smaller inputs are taken as absorbed (with ``critical_share=0`` a cut of
    any input, however minor, stops the user in proportion). Cut final
    deliveries and final-demand changes as demand-reduction
    :math:`-\Delta y_i / x_i`. The input and capacity terms of a node combine
    by maximum, the demand terms add; :math:`q` is capped at 1 (output cannot
    fall below zero). :math:`\Delta x = -q \circ x`.
``cascade`` (country-level trade network)
    Trade :math:`T_{rs}` (intermediate plus final, :math:`r \ne s`), with
    intermediate part :math:`T^{int}_{rs}`. Starting from the directly cut
    flows :math:`C^0`, a country *s* whose share of intermediate imports lost,
    :math:`\ell_s = \sum_r C^{int}_{rs} / \sum_r T^{int}_{rs}`, exceeds
    ``threshold`` cannot produce :math:`o_s = \sum_r C^{int}_{rs} / X_s` of its
    output (one dollar of output per dollar of missing imported input: import
    dependence times the share lost) and cuts that share of its remaining
    exports, :math:`C_{su} = C^0_{su} + o_s (T_{su} - C^0_{su})`. This is
    iterated to a fixed point (monotone, deterministic; ``tol``, ``max_iter``).
    Output falls by the exporters' directly lost sales plus
    :math:`o_s x_{s,i}` in every sector of *s* (the country's output scaled).
    Final-demand changes are not trade shocks and are ignored (noted).

Value added changes with fixed value-added-to-output ratios in every engine,
:math:`\Delta v_i = (v_i / x_i)\,\Delta x_i`, and the share of GDP lost by a
country is :math:`-\sum_{i \in c} \Delta v_i / \sum_{i \in c} v_i`.

References
----------
Haimes, Y. Y. and Jiang, P. (2001). Leontief-based model of risk in complex
interconnected infrastructures. *Journal of Infrastructure Systems* 7(1):1-12.
doi:10.1061/(ASCE)1076-0342(2001)7:1(1)

Santos, J. R. and Haimes, Y. Y. (2004). Modeling the demand reduction
input-output (I-O) inoperability due to terrorism of interconnected
infrastructures. *Risk Analysis* 24(6):1437-1451.
doi:10.1111/j.0272-4332.2004.00544.x

Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis*, 2nd ed.,
ch. 12 (Ghosh) and 13. doi:10.1017/CBO9780511626982
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from worldsystem.core.errors import ModelError
from worldsystem.core.provenance import attach, set_units
from worldsystem.mrio import LeontiefSolver, allocation_coefficients, technical_coefficients
from worldsystem.panels.mrio import MRIO
from worldsystem.simulate import substitution as _substitution
from worldsystem.simulate.scenario import (
    BilateralCut,
    CapacityLoss,
    FinalDemandChange,
    Sanctions,
    Scenario,
)

__all__ = [
    "ASSUMPTIONS",
    "COLUMNS",
    "ENGINES",
    "EXTRA_ENGINES",
    "QUESTIONS",
    "BaseTable",
    "capped_sizes",
    "compare_engines",
    "country_summary",
    "prepare",
    "run",
]

ENGINES = ("leontief", "ghosh", "inoperability", "cascade")
#: Engines :func:`run` accepts besides :data:`ENGINES` (not part of ``"all"``):
#: ``ces``, the supply-constrained CES model of :mod:`worldsystem.simulate.substitution`.
EXTRA_ENGINES = ("ces",)
#: Columns of the frame :func:`run` returns.
COLUMNS = (
    "iso3",
    "sector",
    "engine",
    "output_change_musd",
    "value_added_change_musd",
    "gdp_share_lost",
    "gdp_share_lost_low",
    "gdp_share_lost_high",
)
#: The sizes at which a scenario with a ranged ``size:`` is also run.
SIZE_BOUNDS = ("low", "high")

_COMMON = (
    "Fixed coefficients and no substitution: a cut input is not replaced from "
    "another supplier, another country or stocks; prices, trade diversion and "
    "policy responses are absent. Value added moves with output at fixed "
    "value-added-to-output ratios."
)
#: What each engine assumes, printed next to its figures.
ASSUMPTIONS: dict[str, str] = {
    "leontief": (
        "Demand-driven Leontief model (backward linkages). Cut deliveries are "
        "extracted: their buyers stop buying them, so exporters and their suppliers "
        "lose sales; importers' production is not constrained by the missing input. " + _COMMON
    ),
    "ghosh": (
        "Supply-driven Ghosh model (forward linkages). Cut deliveries and lost "
        "capacity reduce the inputs of downstream users, who produce less in "
        "proportion; final-demand changes have no effect. Fixed allocation "
        "coefficients (disputed: Oosterhaven 1988). " + _COMMON
    ),
    "inoperability": (
        "Inoperability input-output model (Haimes & Jiang 2001; Santos & Haimes "
        "2004): capacity losses and input shortages (the scarcest cut input among "
        "those worth at least critical_share of output limits output) are initial "
        "inoperability, cut final deliveries a demand reduction; "
        "inoperability then spreads to suppliers. " + _COMMON
    ),
    "cascade": (
        "Cascade on the country trade network: a country losing more than the "
        "threshold share of its intermediate imports loses one dollar of output per "
        "missing dollar of input and cuts its exports by the same share, iterated to "
        "a fixed point; sector outputs scale with the country. Final-demand "
        "changes are ignored. " + _COMMON
    ),
    "ces": _substitution.ASSUMPTION,
}

#: The question each engine answers (docs/shocks.md and the report's shocks section).
QUESTIONS: dict[str, str] = {
    "leontief": (
        "How much output do the exporters and their suppliers lose when buyers stop "
        "buying the cut deliveries? (demand side: the exporter's loss)"
    ),
    "ghosh": (
        "How much output do downstream users lose when the cut inputs stop arriving "
        "and every user scales down in proportion? (supply side, no substitution)"
    ),
    "inoperability": (
        "How far does a shortage of a critical input spread to the suppliers of the "
        "constrained sectors? (a bottleneck bound: the scarcest input limits output)"
    ),
    "cascade": (
        "Which countries fall over one after another when losing intermediate imports "
        "makes them cut their own exports? (contagion on the trade network)"
    ),
    "ces": (
        "How much GDP does the importer lose when its use of the cut products falls by "
        "a cited shortfall and it can substitute other inputs with elasticity sigma? "
        "(the question Bachmann et al. 2022 ask)"
    ),
}

_PARAMS = {
    "leontief": {"max_rank": 400},
    "ghosh": {"max_rank": 400},
    "inoperability": {"critical_share": 0.01},
    "cascade": {"threshold": 0.0, "tol": 1e-12, "max_iter": 10_000},
    "ces": dict(_substitution.SIGMAS),
}

_CITATIONS = ("haimes2001", "santos2004", "miller2009", "oosterhaven1988")


# -- the base table ----------------------------------------------------------------
class BaseTable:
    """An MRIO with the quantities every engine needs, factored once.

    ``I - A`` and ``I - B`` are factored on first use and reused for every
    scenario and engine run on this table.

    Parameters
    ----------
    mrio : MRIO
        Value added is the satellite ``"value_added"`` if present, else
        :math:`v = x - \\mathbf 1^{\\mathsf T} Z` (for WIOD 2013 that includes net
        taxes on products and international margins).
    """

    def __init__(self, mrio: MRIO) -> None:
        self.mrio = mrio
        self.n = mrio.n
        self.R = mrio.n_regions
        self.S = mrio.n_sectors
        self.K = mrio.Y.shape[1]
        self.k_fd = len(mrio.fd_categories)
        self.Z = np.asarray(mrio.Z)
        self.Y = np.asarray(mrio.Y)
        self.x = np.asarray(mrio.x)
        if "value_added" in mrio.satellites:
            self.v = np.asarray(mrio.satellites["value_added"], dtype=float)
            self.va_source = "satellite value_added"
        else:
            self.v = self.x - self.Z.sum(axis=0)
            self.va_source = "x - column sums of Z"
        pos = self.x > 0
        self.rx = np.zeros(self.n)
        self.rx[pos] = 1.0 / self.x[pos]
        self.vcoef = self.v * self.rx
        self.region_of_row = mrio.region_of_row()
        self.sector_of_row = mrio.sector_of_row()
        self.va_country = self.v.reshape(self.R, self.S).sum(axis=1)

    @cached_property
    def A(self) -> np.ndarray:
        return technical_coefficients(self.Z, self.x)

    @cached_property
    def B(self) -> np.ndarray:
        return allocation_coefficients(self.Z, self.x)

    @cached_property
    def solver_A(self) -> LeontiefSolver:
        """Factorisation of :math:`I - A`."""
        return LeontiefSolver(self.A, method="dense")

    @cached_property
    def solver_B(self) -> LeontiefSolver:
        """Factorisation of :math:`I - B` (Ghosh and inoperability)."""
        return LeontiefSolver(self.B, method="dense")

    @cached_property
    def Z_by_product(self) -> np.ndarray:
        """Intermediate use by product (sector of origin, summed over regions), (S, n)."""
        return self.Z.reshape(self.R, self.S, self.n).sum(axis=0)

    @cached_property
    def trade(self) -> tuple[np.ndarray, np.ndarray]:
        """Country trade ``(T_int, T_fin)``, (R, R), exporter x importer, zero diagonal."""
        Tint = self.Z.reshape(self.R, self.S, self.R, self.S).sum(axis=(1, 3))
        Tfin = self.Y.reshape(self.R, self.S, self.R, self.k_fd).sum(axis=(1, 3))
        np.fill_diagonal(Tint, 0.0)
        np.fill_diagonal(Tfin, 0.0)
        return Tint, Tfin

    def use_of(self, importer: str, sectors, channel: str = "both", origins=None) -> float:
        """The importer's use of the products ``sectors`` from ``origins`` (default all
        regions, its own included), by its industries and/or final users (``channel``),
        in the table's unit."""
        secs = np.array([self._sector(c) for c in sectors], dtype=int)
        regs = range(self.R) if origins is None else [self._region(o) for o in origins]
        rows = np.array([r * self.S + s for r in regs for s in secs], dtype=int)
        total = 0.0
        if channel in ("intermediate", "both"):
            total += float(self.Z[np.ix_(rows, self.zcols(importer))].sum())
        if channel in ("final", "both"):
            total += float(self.Y[np.ix_(rows, self.ycols(importer))].sum())
        return total

    def rows_of(self, region: str, sectors) -> np.ndarray:
        r = self._region(region)
        s = np.array([self._sector(c) for c in sectors], dtype=int)
        return r * self.S + s

    def zcols(self, region: str) -> np.ndarray:
        return self._region(region) * self.S + np.arange(self.S)

    def ycols(self, region: str) -> np.ndarray:
        return self._region(region) * self.k_fd + np.arange(self.k_fd)

    def _region(self, region: str) -> int:
        try:
            return self.mrio.regions.index(region)
        except ValueError:
            raise ModelError(
                f"region {region!r} is not in the table",
                field="region",
                value=region,
                hint=f"the table has {', '.join(self.mrio.regions[:5])}, ...",
            ) from None

    def _sector(self, sector: str) -> int:
        try:
            return self.mrio.sectors.index(sector)
        except ValueError:
            raise ModelError(
                f"sector {sector!r} is not in the table",
                field="sector",
                value=sector,
                hint=f"the table has {', '.join(self.mrio.sectors[:5])}, ...",
            ) from None


def prepare(mrio: MRIO | BaseTable) -> BaseTable:
    """Wrap an MRIO for repeated scenario runs (factorisations are cached on it).

    Parameters
    ----------
    mrio : MRIO or BaseTable

    Returns
    -------
    BaseTable
    """
    return mrio if isinstance(mrio, BaseTable) else BaseTable(mrio)


# -- compiling shocks ------------------------------------------------------------
@dataclass
class _Perturbation:
    rows: np.ndarray  # (k,) rows with cut deliveries
    keep_Z: np.ndarray  # (k, n) remaining fraction of intermediate deliveries
    keep_Y: np.ndarray  # (k, K) remaining fraction of final deliveries
    cap_nodes: np.ndarray  # (m,) nodes with capacity loss
    cap: np.ndarray  # (m,) capacity loss in [0, 1]
    dY: np.ndarray | None  # (n, K) additive final-demand change
    notes: list[str]
    sizing: list[dict] = field(default_factory=list)  # sized_fraction's records

    @property
    def empty(self) -> bool:
        return self.rows.size == 0 and self.cap_nodes.size == 0 and self.dY is None


def _compile(shocks, base: BaseTable) -> _Perturbation:
    n, K = base.n, base.K
    index: dict[int, int] = {}
    kz: list[np.ndarray] = []
    ky: list[np.ndarray] = []
    cap: dict[int, float] = {}
    dY = None
    notes: list[str] = []
    sizing: list[dict] = []

    def slot(row: int) -> int:
        if row not in index:
            index[row] = len(kz)
            kz.append(np.ones(n))
            ky.append(np.ones(K))
        return index[row]

    def cut(c: BilateralCut) -> None:
        keep = 1.0 - c.percent / 100.0
        if c.size is not None:
            keep = 1.0 - sized_fraction(c, base, notes, sizing)
        zc = base.zcols(c.importer)
        yc = base.ycols(c.importer)
        for row in base.rows_of(c.exporter, c.sectors):
            j = slot(int(row))
            if c.channel in ("intermediate", "both"):
                kz[j][zc] *= keep
            if c.channel in ("final", "both"):
                ky[j][yc] *= keep

    for sh in shocks:
        if isinstance(sh, BilateralCut):
            cut(sh)
        elif isinstance(sh, Sanctions):
            notes.extend(sh.notes)
            for c in sh.cuts():
                cut(c)
        elif isinstance(sh, CapacityLoss):
            for row in base.rows_of(sh.region, sh.sectors):
                prev = cap.get(int(row), 0.0)
                cap[int(row)] = 1.0 - (1.0 - prev) * (1.0 - sh.percent / 100.0)
        elif isinstance(sh, FinalDemandChange):
            if sh.origin == "all":
                secs = [base._sector(s) for s in sh.sectors]
                rows = np.flatnonzero(np.isin(base.sector_of_row, secs))
            else:
                rows = base.rows_of(sh.origin, sh.sectors)
            cols = base.ycols(sh.region)
            block = base.Y[np.ix_(rows, cols)]
            if sh.percent is not None:
                change = block * (sh.percent / 100.0)
            else:
                total = block.sum()
                if total == 0:
                    raise ModelError(
                        f"final demand of {sh.region} for {list(sh.sectors)} is zero in the "
                        "table; change_musd cannot be distributed",
                        field="change_musd",
                        value=sh.change_musd,
                        hint="use percent, or choose sectors with final demand",
                    )
                change = block * (sh.change_musd / total)
            if dY is None:
                dY = np.zeros((n, K))
            dY[np.ix_(rows, cols)] += change
        else:  # pragma: no cover - the scenario loader admits no other kind
            raise ModelError(f"unknown shock {sh!r}", field="kind", value=type(sh).__name__)
    rows = np.fromiter(index, dtype=int, count=len(index))
    return _Perturbation(
        rows=rows,
        keep_Z=np.array(kz).reshape(len(kz), n),
        keep_Y=np.array(ky).reshape(len(ky), K),
        cap_nodes=np.fromiter(cap, dtype=int, count=len(cap)),
        cap=np.fromiter(cap.values(), dtype=float, count=len(cap)),
        dY=dY,
        notes=notes,
        sizing=sizing,
    )


def sized_fraction(
    c: BilateralCut,
    base: BaseTable,
    notes: list[str] | None = None,
    records: list[dict] | None = None,
) -> float:
    r"""The fraction of the bilateral flow a sized cut removes.

    The size states the shortfall :math:`c` of the importer's use :math:`U` of the
    products (all origins, on the cut's channel); the bilateral flow is :math:`F`.
    The fixed-coefficient engines cut :math:`\min(1, cU/F)` of :math:`F`: a
    shortfall larger than the table's flow cannot be taken from that flow, and the
    note says so. A ``share_of_flow`` size is that fraction of :math:`F` itself.

    ``records`` (if given) gets one dict per sized cut: ``cut`` (``"RUS->DEU
    B,C19"``), ``shortfall``, ``use``, ``flow`` (table unit), ``fraction`` (of the
    flow cut) and ``capped`` (the shortfall exceeds the flow, so the fraction is
    1 whatever the size above it).
    """
    assert c.size is not None
    if c.size.basis == "share_of_flow":
        return float(c.size.share)
    use = base.use_of(c.importer, c.sectors, c.channel)
    flow = base.use_of(c.importer, c.sectors, c.channel, origins=[c.exporter])
    want = c.size.share * use
    frac = 1.0 if flow <= 0 else min(1.0, want / flow)
    if records is not None:
        records.append(
            {
                "cut": f"{c.exporter}->{c.importer} {','.join(c.sectors)}",
                "shortfall": float(want),
                "use": float(use),
                "flow": float(flow),
                "fraction": float(frac),
                "capped": bool(want > flow),
            }
        )
    if notes is not None:
        line = (
            f"{c.exporter}->{c.importer} {','.join(c.sectors)}: {c.size.describe()}; "
            f"shortfall {want:,.0f} of use {use:,.0f} vs table flow {flow:,.0f} "
            f"({base.mrio.unit}); fixed-coefficient engines cut {frac:.0%} of the flow"
        )
        if want > flow:
            line += " (the sized shortfall exceeds the table's bilateral flow)"
        notes.append(line)
    return frac


def _row_cuts_with_capacity(p: _Perturbation, base: BaseTable):
    """Rows, keep_Z, keep_Y with capacity losses folded in as cuts of all deliveries."""
    rows = list(p.rows)
    kz = list(p.keep_Z)
    ky = list(p.keep_Y)
    pos = {r: i for i, r in enumerate(rows)}
    for node, loss in zip(p.cap_nodes, p.cap, strict=True):
        if node not in pos:
            pos[node] = len(rows)
            rows.append(node)
            kz.append(np.ones(base.n))
            ky.append(np.ones(base.K))
        kz[pos[node]] = kz[pos[node]] * (1.0 - loss)
        ky[pos[node]] = ky[pos[node]] * (1.0 - loss)
    return (
        np.array(rows, dtype=int),
        np.array(kz).reshape(len(kz), base.n),
        np.array(ky).reshape(len(ky), base.K),
    )


# -- low-rank updates of a factored system ----------------------------------------
def _solve_updated(solver, M0, U, V, rhs, *, transposed: bool, max_rank: int) -> np.ndarray:
    """Solve ``(I - M0 - U V) x = rhs`` (or its transpose) with the factor of ``I - M0``.

    Sherman-Morrison-Woodbury:
    :math:`(M - UV)^{-1} = M^{-1} + M^{-1}U(I - VM^{-1}U)^{-1}VM^{-1}`. Above
    ``max_rank`` the updated matrix is factored afresh.
    """
    k = U.shape[1]
    if k == 0:
        return solver.solve_transposed(rhs) if transposed else solver.solve(rhs)
    if k > max_rank:
        fresh = LeontiefSolver(M0 + U @ V, method="dense", check=False)
        return fresh.solve_transposed(rhs) if transposed else fresh.solve(rhs)
    if not transposed:
        base = solver.solve(rhs)
        MU = solver.solve(U)  # (n, k)
        small = np.eye(k) - V @ MU
        return base + MU @ np.linalg.solve(small, V @ base)
    base = solver.solve_transposed(rhs)
    MV = solver.solve_transposed(V).T  # M^{-T} V^T, (n, k)
    small = np.eye(k) - U.T @ MV
    return base + MV @ np.linalg.solve(small, U.T @ base)


# -- engines ---------------------------------------------------------------------
def _leontief(p: _Perturbation, base: BaseTable, *, max_rank: int) -> np.ndarray:
    rows, kz, ky = _row_cuts_with_capacity(p, base)
    d = np.zeros(base.n)
    if p.dY is not None:
        d += p.dY.sum(axis=1)
    if rows.size:
        d[rows] -= ((1.0 - kz) * base.Z[rows]).sum(axis=1)
        d[rows] -= ((1.0 - ky) * base.Y[rows]).sum(axis=1)
    if not d.any():
        return np.zeros(base.n)
    # A' = A + E_R D with D = (keep - 1) * A[R]
    U = np.zeros((base.n, rows.size))
    U[rows, np.arange(rows.size)] = 1.0
    D = (kz - 1.0) * base.A[rows]
    return _solve_updated(base.solver_A, base.A, U, D, d, transposed=False, max_rank=max_rank)


def _ghosh(p: _Perturbation, base: BaseTable, *, max_rank: int) -> np.ndarray:
    n = base.n
    rows = p.rows
    # Row part: B'[R] = keep_Z * B[R]  (only the intermediate channel matters)
    Dr = (p.keep_Z - 1.0) * base.B[rows] if rows.size else np.zeros((0, n))
    Ur = np.zeros((n, rows.size))
    Ur[rows, np.arange(rows.size)] = 1.0
    # Column part on the row-updated B: B'[:, j] = (1 - p_j) B'[:, j]
    cols = p.cap_nodes
    Bc = base.B[:, cols].copy()
    if rows.size and cols.size:
        Bc[rows] += Dr[:, cols]
    Uc = -Bc * p.cap[None, :]
    Vc = np.zeros((cols.size, n))
    Vc[np.arange(cols.size), cols] = 1.0
    U = np.hstack([Ur, Uc])
    V = np.vstack([Dr, Vc])
    dv = np.zeros(n)
    dv[cols] = -p.cap * base.v[cols]
    # x' dB = (x' U) V ; x' Ur V_r = x_R * Dr = -(1 - keep) Z[R]
    d = (base.x @ U) @ V + dv
    if not d.any():
        return np.zeros(n)
    return _solve_updated(base.solver_B, base.B, U, V, d, transposed=True, max_rank=max_rank)


def _inoperability(p: _Perturbation, base: BaseTable, *, critical_share: float) -> np.ndarray:
    if not 0.0 <= critical_share <= 1.0:
        raise ModelError(
            f"critical_share must be in [0, 1], found {critical_share}",
            field="critical_share",
            value=critical_share,
            hint="the input cost share (per unit of output) from which an input is critical",
        )
    n = base.n
    supply = np.zeros(n)
    demand = np.zeros(n)
    rows = p.rows
    if rows.size:
        lost_Z = (1.0 - p.keep_Z) * base.Z[rows]  # (k, n)
        lost = np.zeros((base.S, n))
        np.add.at(lost, base.sector_of_row[rows], lost_Z)
        total = base.Z_by_product
        phi = np.zeros_like(lost)
        np.divide(lost, total, out=phi, where=total > 0)
        critical = total * base.rx[None, :] >= critical_share
        supply = np.where(critical, phi, 0.0).max(axis=0)
        demand[rows] += ((1.0 - p.keep_Y) * base.Y[rows]).sum(axis=1) * base.rx[rows]
    if p.cap_nodes.size:
        supply[p.cap_nodes] = np.maximum(supply[p.cap_nodes], p.cap)
    if p.dY is not None:
        demand -= p.dY.sum(axis=1) * base.rx
    c = supply + demand
    if not c.any():
        return np.zeros(n)
    q = np.minimum(base.solver_B.solve(c), 1.0)
    return -q * base.x


def _cascade(
    p: _Perturbation, base: BaseTable, *, threshold: float, tol: float, max_iter: int
) -> np.ndarray:
    if not 0.0 <= threshold < 1.0:
        raise ModelError(
            f"threshold must be in [0, 1), found {threshold}",
            field="threshold",
            value=threshold,
            hint="the share of intermediate imports a country can lose without passing it on",
        )
    if p.dY is not None:
        p.notes.append("cascade: final-demand changes are not trade shocks and were ignored")
    rows, kz, ky = _row_cuts_with_capacity(p, base)
    n, R = base.n, base.R
    direct = np.zeros(n)
    if rows.size == 0:
        return direct
    lost_Z = (1.0 - kz) * base.Z[rows]
    lost_Y = (1.0 - ky) * base.Y[rows]
    direct[rows] = -(lost_Z.sum(axis=1) + lost_Y.sum(axis=1))
    reg = base.region_of_row[rows]
    C0int = np.zeros((R, R))
    C0fin = np.zeros((R, R))
    np.add.at(C0int, reg, lost_Z.reshape(rows.size, R, base.S).sum(axis=2))
    np.add.at(C0fin, reg, lost_Y.reshape(rows.size, R, base.k_fd).sum(axis=2))
    np.fill_diagonal(C0int, 0.0)
    np.fill_diagonal(C0fin, 0.0)
    Tint, _ = base.trade
    X = base.x.reshape(R, base.S).sum(axis=1)
    Mint = Tint.sum(axis=0)
    rest = Tint - C0int
    o = np.zeros(R)
    for _ in range(max_iter):
        C = C0int + o[:, None] * rest
        lost_in = C.sum(axis=0)
        share = np.zeros(R)
        np.divide(lost_in, Mint, out=share, where=Mint > 0)
        o_new = np.zeros(R)
        hit = share > threshold
        np.divide(lost_in, X, out=o_new, where=hit & (X > 0))
        o_new = np.minimum(o_new, 1.0)
        if np.max(np.abs(o_new - o)) <= tol:
            o = o_new
            break
        o = o_new
    else:
        raise ModelError(
            f"cascade did not converge in {max_iter} iterations",
            field="max_iter",
            value=max_iter,
            hint="raise max_iter or tol",
        )
    dx = direct - np.repeat(o, base.S) * base.x
    return np.maximum(dx, -base.x)


# -- public API --------------------------------------------------------------------
def _engine_params(engine: str, scenario: Scenario, params: dict) -> dict:
    out = dict(_PARAMS[engine])
    out.update(scenario.engine_options.get(engine, {}))
    for k, v in params.items():
        if k in out:
            out[k] = v
    unknown = [k for k in scenario.engine_options.get(engine, {}) if k not in _PARAMS[engine]]
    if unknown:
        raise ModelError(
            f"unknown option {unknown[0]!r} for engine {engine!r}",
            field=f"engine_options.{engine}",
            value=unknown[0],
            hint=f"options of {engine}: {sorted(_PARAMS[engine])}",
        )
    return out


def _ces(scenario: Scenario, p: _Perturbation, base: BaseTable, kw: dict):
    cuts = []
    for sh in scenario.shocks:
        if isinstance(sh, BilateralCut):
            cuts.append(sh)
        elif isinstance(sh, Sanctions):
            cuts.extend(sh.cuts())
        else:
            p.notes.append(f"ces: {sh.kind} shocks are not modelled by the CES engine, ignored")
    return _substitution.run_ces(cuts, base, **kw, notes=p.notes)


def _propagate(scenario: Scenario, base: BaseTable, engines, used: dict):
    """The output change of each engine on one scenario: (perturbation, dx by engine, extra)."""
    pert = _compile(scenario.shocks, base)
    dxs, extra = {}, {}
    for e in engines:
        kw = used[e]
        if e == "ces":
            dxs[e], extra["ces_inputs"] = _ces(scenario, pert, base, kw)
        elif e == "leontief":
            dxs[e] = _leontief(pert, base, **kw)
        elif e == "ghosh":
            dxs[e] = _ghosh(pert, base, **kw)
        elif e == "inoperability":
            dxs[e] = _inoperability(pert, base, **kw)
        else:
            dxs[e] = _cascade(pert, base, **kw)
    return pert, dxs, extra


def capped_sizes(sizing: dict[str, list[dict]]) -> dict[str, list[str]]:
    """Cut -> the sizes (``low``, ``central``, ``high``, in that order) the table's flow caps.

    ``sizing`` is ``attrs["sizing"]`` of :func:`run` (size -> :func:`sized_fraction`
    records). A capped size cuts the whole bilateral flow in the fixed-coefficient
    engines, so every capped size gives the same loss.

    >>> capped_sizes({"central": [{"cut": "RUS->DEU B", "capped": True}],
    ...               "low": [{"cut": "RUS->DEU B", "capped": False}],
    ...               "high": [{"cut": "RUS->DEU B", "capped": True}]})
    {'RUS->DEU B': ['central', 'high']}
    """
    out: dict[str, list[str]] = {}
    for which in ("low", "central", "high"):
        for rec in sizing.get(which, ()):
            lst = out.setdefault(rec["cut"], [])
            if rec["capped"] and which not in lst:
                lst.append(which)
    return {k: v for k, v in out.items() if v}


def _cap_notes(sizing: dict[str, list[dict]]) -> list[str]:
    """One note per cut whose size the table's flow caps at a bound of its range."""
    notes = []
    for cut, sizes in capped_sizes(sizing).items():
        bounds = [w for w in sizes if w != "central"]
        if bounds:
            notes.append(
                f"{cut}: at the {' and the '.join(bounds)} size too the shortfall exceeds the "
                "table's bilateral flow; fixed-coefficient engines cut 100% of the flow"
            )
    return notes


def _country_loss(base: BaseTable, dx: np.ndarray) -> np.ndarray:
    """Each country's share of value added lost (positive = loss), in table order."""
    dva_c = (base.vcoef * dx).reshape(base.R, base.S).sum(axis=1)
    share = np.zeros(base.R)
    np.divide(-dva_c, base.va_country, out=share, where=base.va_country != 0)
    return share + 0.0  # no negative zeros for countries without a loss


def _size_records(scenario: Scenario) -> list[dict]:
    """The cited sizes of a scenario's shocks (basis, low, central, high, citation)."""
    out = []
    for i, sh in enumerate(scenario.shocks):
        size = getattr(sh, "size", None)
        if size is not None:
            out.append(
                {
                    "shock": i,
                    "kind": sh.kind,
                    "basis": size.basis,
                    "low": size.low,
                    "central": size.share,
                    "high": size.high,
                    "citation": size.citation,
                }
            )
    return out


def _frame(base: BaseTable, engine: str, dx: np.ndarray) -> pd.DataFrame:
    dva = base.vcoef * dx
    share = _country_loss(base, dx)
    return pd.DataFrame(
        {
            "iso3": np.repeat(np.array(base.mrio.regions, dtype=object), base.S),
            "sector": np.tile(np.array(base.mrio.sectors, dtype=object), base.R),
            "engine": engine,
            "output_change_musd": dx,
            "value_added_change_musd": dva,
            "gdp_share_lost": np.repeat(share, base.S),
        }
    )


def run(
    scenario: Scenario,
    mrio: MRIO | BaseTable,
    *,
    engine: str = "leontief",
    **params,
) -> pd.DataFrame:
    r"""Propagate a scenario's shocks through the base table.

    Parameters
    ----------
    scenario : Scenario
        From :func:`~worldsystem.simulate.load_scenario`; its regions and sectors
        must be in ``mrio``.
    mrio : MRIO or BaseTable
        The base table of ``scenario.base_year`` (a :class:`BaseTable` from
        :func:`prepare` reuses its factorisations across calls).
    engine : {"leontief", "ghosh", "inoperability", "cascade", "ces", "all"}
        ``"all"`` runs the four fixed-coefficient engines; ``"ces"`` (the
        substitution engine of :mod:`worldsystem.simulate.substitution`) runs on
        request only and adds ``attrs["interval"]`` (a list of dicts, one per
        importer; ``pandas.DataFrame(out.attrs["interval"])``): the cut
        products' use, ``lambda``, the shortfall ``c_low, c, c_high``, the sizing
        used and the loss ``loss_low, loss, loss_high`` over the elasticities
        ``sigma_high, sigma, sigma_low`` (those three in ``attrs["ces_params"]``).
    **params
        Engine options, overriding ``scenario.engine_options``:
        ``threshold`` (cascade, default 0: every loss passes on), ``tol``,
        ``critical_share`` (inoperability, default 0.01),
        ``max_iter`` (cascade), ``max_rank`` (leontief, ghosh: largest
        low-rank update before refactoring), ``sigma``, ``sigma_low``,
        ``sigma_high`` (ces). Options an engine does not take
        are ignored by it.

    Returns
    -------
    pandas.DataFrame
        One row per engine x region x sector, in table order, with columns
        ``iso3, sector, engine, output_change_musd, value_added_change_musd,
        gdp_share_lost, gdp_share_lost_low, gdp_share_lost_high``. Changes are in
        the table's unit (USD million, current prices of the base year);
        ``gdp_share_lost`` is the **country's** share of value added lost,
        :math:`-\sum_{i \in c}\Delta v_i / \sum_{i\in c} v_i` (a fraction,
        positive = loss), repeated on each sector row of the country.
        ``gdp_share_lost_low``/``_high`` bound it over the scenario's uncertain
        parameters: the fixed-coefficient engines are run again at the low and the
        high cited size of every ranged ``size:`` (the range is the least and the
        greatest of the three losses); the ces engine spans its elasticities and
        the size (its ``attrs["interval"]``). Without a ranged size they equal
        ``gdp_share_lost``. ``attrs`` holds ``"assumptions"`` (engine -> text),
        ``"scenario"``, ``"notes"``, ``"units"`` and ``"provenance"``.

    Raises
    ------
    ModelError
        Unknown engine or option, a region or sector not in the table, a
        non-productive table, or a cascade that does not converge.

    Examples
    --------
    >>> from worldsystem.example import world
    >>> from worldsystem.simulate import load_scenario
    >>> s = load_scenario('''
    ... name: demo
    ... base_year: 2019
    ... table: example
    ... shocks: []
    ... ''')
    >>> out = run(s, world(seed=0).mrio, engine="all")
    >>> sorted(out["engine"].unique()), bool((out["output_change_musd"] == 0).all())
    (['cascade', 'ghosh', 'inoperability', 'leontief'], True)
    """
    base = prepare(mrio)
    engines = ENGINES if engine == "all" else (engine,)
    for e in engines:
        if e not in ENGINES + EXTRA_ENGINES:
            raise ModelError(
                f"unknown engine {e!r}",
                field="engine",
                value=e,
                hint=f"use one of {[*ENGINES, *EXTRA_ENGINES, 'all']}",
            )
    used = {e: _engine_params(e, scenario, params) for e in engines}
    pert, dxs, extra = _propagate(scenario, base, engines, used)
    # the loss range over the cited size range: every fixed-coefficient engine is
    # run again at the low and the high size (the ces engine spans it itself)
    bounds = {}
    sizing = {"central": pert.sizing}
    if scenario.size_uncertain:
        fixed = tuple(e for e in engines if e != "ces")
        for which in SIZE_BOUNDS:
            bp, bdx, _x = _propagate(scenario.at_size(which), base, fixed, used)
            bounds[which] = {e: _country_loss(base, d) for e, d in bdx.items()}
            sizing[which] = bp.sizing
    frames = []
    for e in engines:
        frame = _frame(base, e, dxs[e])
        central = frame["gdp_share_lost"].to_numpy()
        lows, highs = central.copy(), central.copy()
        if e == "ces":
            for rec in extra["ces_inputs"].to_dict(orient="records"):
                rows = (frame["iso3"] == rec["iso3"]).to_numpy()
                lows[rows] = min(lows[rows][0], rec["loss_low"])
                highs[rows] = max(highs[rows][0], rec["loss_high"])
        elif bounds:
            alt = np.vstack([np.repeat(bounds[w][e], base.S) for w in SIZE_BOUNDS])
            lows = np.minimum(lows, alt.min(axis=0))
            highs = np.maximum(highs, alt.max(axis=0))
        frame["gdp_share_lost_low"] = lows + 0.0
        frame["gdp_share_lost_high"] = highs + 0.0
        frames.append(frame)
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out.attrs["assumptions"] = {e: ASSUMPTIONS[e] for e in engines}
    out.attrs["scenario"] = scenario.name
    out.attrs["notes"] = list(dict.fromkeys([*pert.notes, *_cap_notes(sizing)]))
    # per size ("central", and "low"/"high" when the size is ranged): the sized cuts'
    # shortfall, flow, fraction cut and whether the table's flow caps it
    out.attrs["sizing"] = {k: v for k, v in sizing.items() if v}
    method_params = {
        "scenario": scenario.name,
        "engines": list(engines),
        "params": used,
        "value_added": base.va_source,
        "size_range": _size_records(scenario),
    }
    citations = _CITATIONS
    if "ces_inputs" in extra:
        # the interval over the uncertain parameters, per importer
        records = extra["ces_inputs"].to_dict(orient="records")
        out.attrs["interval"] = records
        out.attrs["ces_params"] = dict(used["ces"])
        method_params["interval"] = records
        citations = (*_CITATIONS, *_substitution.CITATIONS)
    prov = base.mrio.provenance.with_method("simulate.shocks", method_params, citations=citations)
    for note in out.attrs["notes"]:
        prov = prov.with_note(note)
    attach(out, prov)
    unit = base.mrio.unit
    set_units(
        out,
        {
            "output_change_musd": unit,
            "value_added_change_musd": unit,
            "gdp_share_lost": "fraction of the country's value added (positive = loss)",
            "gdp_share_lost_low": "fraction of the country's value added (positive = loss)",
            "gdp_share_lost_high": "fraction of the country's value added (positive = loss)",
        },
    )
    return out


def country_summary(result: pd.DataFrame, base: MRIO | BaseTable | None = None) -> pd.DataFrame:
    """Country totals of a :func:`run` frame.

    Parameters
    ----------
    result : DataFrame
        Output of :func:`run`.
    base : MRIO or BaseTable, optional
        If given, adds ``value_added_musd`` (the country's baseline value added).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3, engine, output_change_musd, value_added_change_musd,
        gdp_share_lost, gdp_share_lost_low, gdp_share_lost_high`` (and
        ``value_added_musd``), one row per country and
        engine, sorted by engine then largest loss first; ``attrs`` carried over.
    """
    g = result.groupby(["engine", "iso3"], sort=False)
    out = g[["output_change_musd", "value_added_change_musd"]].sum()
    for col in ("gdp_share_lost", "gdp_share_lost_low", "gdp_share_lost_high"):
        if col in result.columns:
            out[col] = g[col].first()
    out = out.reset_index()[["iso3", "engine", *out.columns]]
    if base is not None:
        b = prepare(base)
        va = dict(zip(b.mrio.regions, b.va_country, strict=True))
        out["value_added_musd"] = out["iso3"].map(va)
    out = out.sort_values(["engine", "gdp_share_lost"], ascending=[True, False], kind="stable")
    out = out.reset_index(drop=True)
    out.attrs.update(result.attrs)
    return out


def compare_engines(
    scenario: Scenario,
    mrio: MRIO | BaseTable,
    *,
    engines=ENGINES,
    value: str = "gdp_share_lost",
    **params,
) -> pd.DataFrame:
    """The same scenario under several engines, side by side, by country.

    Parameters
    ----------
    scenario : Scenario
    mrio : MRIO or BaseTable
    engines : sequence of str
        Engines to run (default all four).
    value : {"gdp_share_lost", "value_added_change_musd", "output_change_musd"}
        The country figure to tabulate.
    **params
        Passed to :func:`run`.

    Returns
    -------
    pandas.DataFrame
        Index ``iso3`` (table order), one column per engine; ``attrs`` holds the
        engines' ``"assumptions"`` and the provenance.
    """
    base = prepare(mrio)
    frames = [run(scenario, base, engine=e, **params) for e in engines]
    allr = pd.concat(frames, ignore_index=True)
    summ = country_summary(allr)
    table = summ.pivot(index="iso3", columns="engine", values=value)
    table = table.reindex(index=list(base.mrio.regions), columns=list(engines))
    table.columns.name = None
    table.attrs["assumptions"] = {e: ASSUMPTIONS[e] for e in engines}
    table.attrs["scenario"] = scenario.name
    table.attrs["value"] = value
    attach(table, frames[0].attrs["provenance"])
    return table
