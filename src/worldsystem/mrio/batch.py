"""Convenience over :class:`~worldsystem.panels.mrio.MRIO` tables and batches of years.

Each year is factored once; every satellite of that year is solved with the
same factorisation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

from worldsystem.core.errors import ModelError
from worldsystem.mrio.block import BlockLeontiefSolver
from worldsystem.mrio.coefficients import ZeroRule, factor_intensities, technical_coefficients
from worldsystem.mrio.embodied import EmbodiedTrade, embodied_trade
from worldsystem.mrio.solver import LeontiefSolver, Method, resolve_method

if TYPE_CHECKING:
    from worldsystem.panels.mrio import MRIO

__all__ = ["embodied_flows", "embodied_flows_by_year", "mrio_multipliers"]


def _satellite_matrix(mrio: MRIO, satellites: Sequence[str] | None) -> tuple[np.ndarray, tuple]:
    names = tuple(mrio.satellites) if satellites is None else tuple(satellites)
    if not names:
        raise ModelError(
            f"the MRIO of year {mrio.year} has no satellites",
            field="satellites",
            hint="add one with MRIO.with_satellite(name, values, unit)",
        )
    missing = [s for s in names if s not in mrio.satellites]
    if missing:
        raise ModelError(
            f"satellites {missing} are not in the MRIO of year {mrio.year}",
            field="satellites",
            value=missing,
            hint=f"available: {sorted(mrio.satellites)}",
        )
    return np.vstack([mrio.satellites[s] for s in names]), names


def mrio_multipliers(
    mrio: MRIO,
    satellites: Sequence[str] | None = None,
    *,
    method: Method = "auto",
    zero_output: ZeroRule = "raise",
) -> tuple[np.ndarray, tuple[str, ...]]:
    r"""Factor multipliers :math:`m = f (I - A)^{-1}` for satellites of one MRIO.

    :math:`f = F \hat x^{-1}` and :math:`A = Z \hat x^{-1}` with the table's
    ``x`` (Miller & Blair 2009, ch. 10).

    Parameters
    ----------
    mrio : MRIO
    satellites : sequence of str, optional
        Default: all satellites of the table.
    method : {"auto", "dense", "sparse", "iterative", "block"}
        ``"block"`` (and ``"auto"`` at ``n >= BLOCK_MIN``) uses
        :class:`~worldsystem.mrio.BlockLeontiefSolver`, built from ``Z``
        without a dense ``A``.
    zero_output : {"raise", "zero"}

    Returns
    -------
    (ndarray of shape (k, n), tuple of satellite names)
    """
    F, names = _satellite_matrix(mrio, satellites)
    f = factor_intensities(F, mrio.x, zero_output=zero_output)
    if resolve_method(method, mrio.n, mrio.n_regions) == "block":
        solver = BlockLeontiefSolver.from_flows(
            mrio.Z, mrio.x, n_regions=mrio.n_regions, zero_output=zero_output
        )
        return solver.solve_transposed(f), names
    A = technical_coefficients(mrio.Z, mrio.x, zero_output=zero_output)
    return LeontiefSolver(A, method=method).solve_transposed(f), names


def embodied_flows(
    mrio: MRIO,
    satellites: Sequence[str] | None = None,
    *,
    method: Method = "auto",
    zero_output: ZeroRule = "raise",
) -> EmbodiedTrade:
    """Footprint and EEBT flows of every satellite of one MRIO table.

    See :func:`~worldsystem.mrio.embodied_trade` for the identities. Final
    demand is summed over categories per region; ``A`` and ``f`` use the
    table's ``x``.

    Parameters
    ----------
    mrio : MRIO
    satellites : sequence of str, optional
        Default: all satellites of the table.
    method : {"auto", "dense", "sparse", "iterative", "block"}
        See :func:`~worldsystem.mrio.embodied_trade`; the result's
        ``solve_info`` records iterations and residual of a block solve.
    zero_output : {"raise", "zero"}

    Returns
    -------
    EmbodiedTrade
        Labelled with the table's regions and the satellite names.
    """
    F, names = _satellite_matrix(mrio, satellites)
    f = factor_intensities(F, mrio.x, zero_output=zero_output)
    return embodied_trade(
        f,
        mrio.Z,
        mrio.final_demand_by_region(),
        mrio.x,
        n_regions=mrio.n_regions,
        regions=mrio.regions,
        satellites=names,
        zero_output=zero_output,
        method=method,
    )


def embodied_flows_by_year(
    tables: Iterable[MRIO],
    satellites: Sequence[str] | None = None,
    *,
    method: Method = "auto",
    zero_output: ZeroRule = "raise",
) -> Iterator[tuple[int | None, EmbodiedTrade]]:
    """Embodied flows year by year: one factorisation per year, reused across satellites.

    A generator, so only one year's factorisation is held in memory at a time.

    Parameters
    ----------
    tables : iterable of MRIO
    satellites : sequence of str, optional
    method : str
    zero_output : {"raise", "zero"}

    Yields
    ------
    (year, EmbodiedTrade)

    Examples
    --------
    >>> results = dict(embodied_flows_by_year(tables))  # doctest: +SKIP
    """
    for mrio in tables:
        yield mrio.year, embodied_flows(mrio, satellites, method=method, zero_output=zero_output)
