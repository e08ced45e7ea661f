"""SIPRI Arms Transfers Database: TIV of deliveries, supplier -> recipient-year, 1950-2021.

File (``sipri_tiv/`` in the data directory): ``sipri_tiv_bilateral_1950_2021.csv``
with ``supplier, recipient, year, tiv, supplier_ccode, recipient_ccode,
supplier_type, recipient_type``, built from SIPRI's "TIV of arms exports from X,
1950-2021" tables (generated 28 July 2022, kept under ``raw/``; not read here).

Returned columns of :func:`load`
--------------------------------
===============================  ================================================
supplier, recipient              SIPRI names (str)
iso3_o, iso3_d                   ISO3 of supplier and recipient, from the COW code
                                 in that year; missing for non-state, organisation
                                 and unknown parties and for state parties without a
                                 COW code (Aruba, Biafra, Katanga, Northern Cyprus,
                                 Palestine, Western Sahara), counted in a note
ccode_o, ccode_d                 COW codes (``Int64``), only for ``state`` parties.
                                 SIPRI's "Germany" is 260 (FRG) up to 1990 and 255
                                 from 1991; both convert to DEU.
year                             delivery year (int64)
tiv_millions                     SIPRI Trend Indicator Value, **millions of TIV**
                                 (a volume index of major conventional weapons, not
                                 money); 0 = deliveries below 0.5 million TIV
supplier_type, recipient_type    ``state``, ``nonstate`` (trailing ``*`` in SIPRI
                                 names), ``organisation`` (``**``) or ``unknown``
===============================  ================================================

Key: ``(supplier, recipient, year)``. Supplier-recipient-years absent from the file
had no deliveries. A COW code on a non-state party, an unknown type, a negative TIV
or an unknown ccode is a :class:`~worldsystem.core.errors.SchemaError`.

Citation: SIPRI Arms Transfers Database, Stockholm International Peace Research
Institute, https://www.sipri.org/databases/armstransfers (TIV tables generated
28 July 2022).
"""

from __future__ import annotations

import os

import pandas as pd

from worldsystem.core.errors import SchemaError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "PARTY_TYPES", "load"]

#: Allowed values of ``supplier_type`` / ``recipient_type``.
PARTY_TYPES = ("state", "nonstate", "organisation", "unknown")

INFO = SourceInfo(
    id="sipri_tiv",
    name="SIPRI Arms Transfers Database (TIV)",
    version="2022-07-28",
    licence="free to use with attribution (SIPRI terms)",
    citation=(
        "SIPRI Arms Transfers Database, Stockholm International Peace Research Institute, "
        "https://www.sipri.org/databases/armstransfers (TIV tables generated 28 July 2022)."
    ),
    citation_key="sipri2022tiv",
    url="https://www.sipri.org/databases/armstransfers",
    files=("sipri_tiv_bilateral_1950_2021.csv",),
    description=(
        "Bilateral TIV of major conventional arms deliveries, 1950-2021. SIPRI generates "
        "the tables on request through its web interface; there is no static official file "
        "URL, so no download is listed."
    ),
    units={
        "tiv_millions": "millions of SIPRI TIV (volume index, not money)",
        "ccode_o": "COW state code",
        "ccode_d": "COW state code",
    },
    downloads=(),
    years=(1950, 2021),
)


def load(data: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """Supplier -> recipient-year arms deliveries in millions of TIV.

    Parameters
    ----------
    data
        Data directory (default: ``$WORLDSYSTEM_DATA`` / the fetch cache).

    Returns
    -------
    pandas.DataFrame
        ``supplier, recipient, iso3_o, iso3_d, ccode_o, ccode_d, year, tiv_millions,
        supplier_type, recipient_type``, sorted by year, supplier, recipient, with
        provenance (a note counts rows kept with a missing ISO3).

    Raises
    ------
    SourceError
        Absent, empty or unreadable file.
    SchemaError
        Missing column, non-numeric value, negative TIV, year outside 1950-2100, an
        unknown party type, a COW code on a non-state party, a repeated key or an
        unknown ccode.
    """
    path = base.locate(INFO, "sipri_tiv_bilateral_1950_2021.csv", data)
    cols = [
        "supplier",
        "recipient",
        "year",
        "tiv",
        "supplier_ccode",
        "recipient_ccode",
        "supplier_type",
        "recipient_type",
    ]
    df = base.read_csv(path, required=cols)[cols].copy()
    _cow.year_column(df, 1950, 2100, file=path)
    base.numeric(df, ["tiv"], file=path, min_value=0)
    if df["tiv"].isna().any():
        raise SchemaError("missing TIV value", file=path, field="tiv", value="")
    _cow.require_int(
        df,
        ["supplier_ccode", "recipient_ccode"],
        file=path,
        min_value=1,
        max_value=999,
        nullable=True,
    )
    for col in ("supplier", "recipient", "supplier_type", "recipient_type"):
        if df[col].isna().any():
            raise SchemaError("missing text value", file=path, field=col, value="")
        df[col] = df[col].astype("str")
    for who in ("supplier", "recipient"):
        typ = df[f"{who}_type"]
        bad = ~typ.isin(PARTY_TYPES)
        if bad.any():
            raise SchemaError(
                f"unknown party type; expected one of {PARTY_TYPES}",
                file=path,
                field=f"{who}_type",
                value=typ[bad].iloc[0],
            )
        stray = df[f"{who}_ccode"].notna() & (typ != "state")
        if stray.any():
            raise SchemaError(
                "a COW code is given for a party that is not a state",
                file=path,
                field=f"{who}_ccode",
                value=df.loc[stray, who].iloc[0],
            )
    check_unique(df, ["supplier", "recipient", "year"], name=str(path))
    n_missing = 0
    iso = {}
    for who, end in (("supplier", "o"), ("recipient", "d")):
        iso[end], _ = _cow.codes_to_iso3(
            df[f"{who}_ccode"], source="cow", year=df["year"], file=path, field=f"{who}_ccode"
        )
        n_missing += int(iso[end].isna().sum())
    out = pd.DataFrame(
        {
            "supplier": df["supplier"],
            "recipient": df["recipient"],
            "iso3_o": iso["o"],
            "iso3_d": iso["d"],
            "ccode_o": df["supplier_ccode"],
            "ccode_d": df["recipient_ccode"],
            "year": df["year"],
            "tiv_millions": df["tiv"].astype("float64"),
            "supplier_type": df["supplier_type"],
            "recipient_type": df["recipient_type"],
        }
    )
    out = out.sort_values(["year", "supplier", "recipient"], ignore_index=True)
    out.attrs["directed"] = True
    notes = (
        [
            f"{n_missing} supplier/recipient ends kept with iso3 missing (non-state, organisation, "
            "unknown, or a state without a COW code)"
        ]
        if n_missing
        else []
    )
    return base.finish(out, INFO, [path], notes=notes)
