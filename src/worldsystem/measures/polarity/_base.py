"""Shared checks of the polarity measures (private): keys, frame checks, citations.

References
----------
Singer, J.D., Bremer, S., Stuckey, J. (1972). Capability Distribution,
Uncertainty, and Major Power War, 1820-1965. In B. Russett (ed.), *Peace, War,
and Numbers*, 19-48. Beverly Hills: Sage.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_numeric, check_unique, require_columns

__all__ = []


_CITE_CINC = ("singer1972",)


_CITE_CON = ("ray1973measuring",)


_CITE_MANSFIELD = ("mansfield1993concentration",)


_CITE_BECKLEY = ("beckley2018power",)


_CITE_WOHLFORTH = ("wohlforth1999stability", "waltz1979theory", "tunsjo2018return")


def _keys(frame: pd.DataFrame) -> list[str]:
    return ["iso3", "ccode", "year"] if "ccode" in frame.columns else ["iso3", "year"]


def _check_frame(frame: pd.DataFrame, values: Sequence[str], *, name: str) -> None:
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(
            f"expected a pandas DataFrame, found {type(frame).__name__}",
            file=name,
            hint="pass a country-year frame with columns iso3, year and the values",
        )
    require_columns(frame, ["iso3", "year", *values], name=name)
    # COW data repeat (iso3, year) at unifications (255/260 Germany in 1990), so the
    # key is (ccode, year) when ccode is present.
    check_unique(
        frame, ["ccode", "year"] if "ccode" in frame.columns else ["iso3", "year"], name=name
    )
    check_numeric(frame, values, name=name, min_value=0)


def _renormalise(frame: pd.DataFrame, col: str) -> pd.Series:
    tot = frame.groupby("year", sort=False)[col].transform("sum")
    return frame[col] / tot.where(tot > 0)
