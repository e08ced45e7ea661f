r"""Input-output maths on arrays (Miller & Blair 2009).

Identities used throughout (region-major rows, ``n = R * S``):

.. math::

    A = Z\hat x^{-1},\quad L = (I - A)^{-1},\quad x = L y,\quad
    B = \hat x^{-1} Z,\quad x' = v'(I - B)^{-1},\quad m = f L .

The inverse is never formed for outputs, multipliers or flows: :math:`I - A`
is factored once (:class:`LeontiefSolver`) and solved for every right-hand
side. At EXIOBASE and GLORIA size (``n`` of 10,000-20,000),
:class:`BlockLeontiefSolver` factors only the regions' domestic blocks and
iterates on the inter-regional part (Miyazawa 1966; Round 1985) to a checked
relative residual of 1e-10. :class:`LowRankUpdate` reuses either factorisation
for scenario deltas (Woodbury). :func:`leontief_inverse` exists for small
systems and tests.

References
----------
Miller, R. E. and Blair, P. D. (2009). *Input-Output Analysis: Foundations and
Extensions*, 2nd ed. Cambridge University Press. doi:10.1017/CBO9780511626982
"""

from worldsystem.mrio.batch import embodied_flows, embodied_flows_by_year, mrio_multipliers
from worldsystem.mrio.block import BLOCK_MIN, BlockLeontiefSolver, SolveInfo
from worldsystem.mrio.coefficients import (
    BalanceReport,
    allocation_coefficients,
    check_balanced,
    check_productive,
    factor_intensities,
    technical_coefficients,
    total_output,
)
from worldsystem.mrio.embodied import (
    EmbodiedTrade,
    aggregate,
    domestic_multipliers,
    embodied_by_product,
    embodied_in_final_demand,
    embodied_trade,
    net_flows,
)
from worldsystem.mrio.multipliers import (
    factor_multipliers,
    input_multipliers,
    output_multipliers,
)
from worldsystem.mrio.solver import (
    DENSE_MAX,
    LeontiefSolver,
    LowRankUpdate,
    factorize,
    ghosh_inverse,
    ghosh_output,
    leontief_inverse,
    leontief_output,
    resolve_method,
)

__all__ = [
    "BLOCK_MIN",
    "DENSE_MAX",
    "BalanceReport",
    "BlockLeontiefSolver",
    "EmbodiedTrade",
    "LeontiefSolver",
    "LowRankUpdate",
    "SolveInfo",
    "aggregate",
    "allocation_coefficients",
    "check_balanced",
    "check_productive",
    "domestic_multipliers",
    "embodied_by_product",
    "embodied_flows",
    "embodied_flows_by_year",
    "embodied_in_final_demand",
    "embodied_trade",
    "factor_intensities",
    "factor_multipliers",
    "factorize",
    "ghosh_inverse",
    "ghosh_output",
    "input_multipliers",
    "leontief_inverse",
    "leontief_output",
    "mrio_multipliers",
    "net_flows",
    "output_multipliers",
    "resolve_method",
    "technical_coefficients",
    "total_output",
]
