"""The report's defaults: which years and which countries each section shows.

One definition each. The CLI commands of the measures run every year; the report
shows a few so that it builds in about a minute on the real data.
"""

from __future__ import annotations

__all__ = [
    "BLOCS_FOCUS",
    "GROUPS_LAYERS",
    "GROUPS_REPORT_YEAR",
    "IDEAL_POINT_REPORT_SPAN",
    "IMPERIALISM_FOCUS",
    "IMPERIALISM_REPORT_YEAR",
    "POSITION_REPORT_YEARS",
    "SEMI_PERIPHERY_CLAIM",
    "WIOD_REPORT_YEARS",
    "years_within",
]

#: Year of the country-group map when no ``--years`` are given.
GROUPS_REPORT_YEAR = 2025
#: The groups of the country-group map, in legend order. A country in several groups
#: takes the first; a layer's label names the earlier groups it then leaves out
#: ("NATO (not G7)"), computed from the members of the year shown.
GROUPS_LAYERS = ("G7", "NATO", "BRICS", "SCO")

#: Years of the report's position run on real data: one year per decade of the
#: default range of ``worldsystem position``, so decades can be compared without
#: running all 50 years.
POSITION_REPORT_YEARS = (1965, 1975, 1985, 1995, 2005, 2014)
#: The states one seed document names as the semi-periphery.
SEMI_PERIPHERY_CLAIM = ("ARG", "BRA", "IND", "IDN", "IRN", "MYS", "SAU", "ZAF", "KOR", "TUR")

#: First and last session year of the ideal-point fit in the report when no
#: ``--years`` are given (the post-Cold-War sessions); the full 1946-2019 record is
#: ``worldsystem blocs ideal-points``.
IDEAL_POINT_REPORT_SPAN = (1991, 2019)
#: Countries followed over time in the blocs section (real data).
BLOCS_FOCUS = ("USA", "GBR", "FRA", "DEU", "JPN", "RUS", "CHN", "IND", "BRA", "VNM")

#: WIOD (2013 release) years of the exchange section: every year of the tables, so the
#: chart of the drain shows its whole path (sampling every fourth year hid the 2006
#: peak).
WIOD_REPORT_YEARS = tuple(range(1995, 2012))

#: Year of the imperialism indicators: the last year of COW trade, so every
#: supported indicator has data.
IMPERIALISM_REPORT_YEAR = 2014
#: The great powers and the states one seed names as the semi-periphery.
IMPERIALISM_FOCUS = ("USA", "CHN", "RUS", "GBR", "FRA", "DEU", "JPN", *SEMI_PERIPHERY_CLAIM)


def years_within(years: tuple[int, ...], span: tuple[int, int] | None) -> list[int]:
    """The report years inside ``span`` (the ``--years`` restriction; None keeps all).

    A span that holds none of them (``--years 2011``, a gap between the report's
    years) gives the span's own first and last years instead of nothing, so a
    section shows the years asked for (or says that its data miss them).

    >>> years_within((1965, 1995, 2014), (1990, 2000)), years_within((1965, 2014), (2011, 2011))
    ([1995], [2011])
    """
    inside = [y for y in years if span is None or span[0] <= y <= span[1]]
    if inside or span is None:
        return inside
    return sorted({int(span[0]), int(span[1])})
