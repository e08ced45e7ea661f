"""The EXIOBASE name -> GGDC group rules against the codes of the EXIOBASE 3
classification (as pymrio ships it, a development-only dependency, LGPL-3).

Reference: Stadler et al. (2018), EXIOBASE 3, *Journal of Industrial Ecology*
22(3): product and industry codes follow NACE Rev. 1.1 divisions (``p11.b``,
natural gas, is division 11, mining), i.e. ISIC Rev. 3.1 divisions, whose
sections are the GGDC 10-sector groups (Timmer, de Vries & de Vries 2015).
"""

from __future__ import annotations

import re

import pytest

from worldsystem.panels.mrio_sources import exiobase_group

pymrio = pytest.importorskip(
    "pymrio", reason="pymrio (dev extra) ships the EXIOBASE classification"
)

#: ISIC Rev. 3.1 / NACE Rev. 1.1 divisions -> GGDC group
DIVISIONS = [
    (1, 5, "AGR"), (10, 14, "MIN"), (15, 37, "MAN"), (40, 41, "PU"), (45, 45, "CON"),
    (50, 55, "WRT"), (60, 64, "TRA"), (65, 74, "FIRE"), (75, 85, "GOV"), (90, 99, "OTH"),
]  # fmt: skip


def _division_group(code: str) -> str:
    d = int(re.match(r"[pi](\d+)", code).group(1))
    return next(g for lo, hi, g in DIVISIONS if lo <= d <= hi)


@pytest.mark.parametrize("system, n", [("exio3_pxp", 200), ("exio3_ixi", 163)])
def test_every_exiobase_name_gets_its_code_division_group(system, n):
    c = pymrio.get_classification(system).sectors
    assert len(c) == n
    wrong = [
        (code, name)
        for code, name in zip(c["ExioCode"], c["ExioName"], strict=True)
        if exiobase_group(name) != _division_group(code)
    ]
    assert wrong == []
