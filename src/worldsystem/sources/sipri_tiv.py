"""SIPRI Arms Transfers Database: TIV of deliveries, supplier -> recipient-year, 1950-2021.

File (``sipri_tiv/`` in the data directory): ``sipri_tiv_bilateral_1950_2021.csv``
with ``supplier, recipient, year, tiv, supplier_ccode, recipient_ccode,
supplier_type, recipient_type``, built from SIPRI's "TIV of arms exports from X,
1950-2021" tables (generated 28 July 2022, kept under ``raw/``).

When the bilateral CSV is absent, the producer's own tables are read instead:
every ``raw/TIV-Export-<SUP>-<from>-<to>.csv`` (or such files in the folder
itself), SIPRI's "TIV of arms exports from X" export, detected by content (see
:func:`_export_table`). Their layout (a title block, a header row ``, 1950, ...,
2021, Total``, one row per recipient, a blank row and a ``Total`` row) was
checked against the 134 tables in the shared data folder, not against SIPRI
documentation (SIPRI documents none). The tables carry no codes, so the
derived columns are made here: the party type from SIPRI's name suffix
(a name starting ``Unknown`` -- ``Unknown supplier(s)``, ``Unknown
recipient(s)``, ``Unknown rebel group*`` -- unknown, else ``**`` organisation,
``*`` non-state, otherwise state) and the COW code of a state from its name
(:func:`worldsystem.countries.convert`, ``source="name"``, then ISO3 -> COW in
that year), with two documented rules: SIPRI's ``Germany`` is 260 (FRG) up to
1990 and 255 from 1991, and ``Libya GNC`` (the Tripoli government) is Libya
(620). States without a COW code (Aruba, Biafra, Katanga, Northern Cyprus,
Palestine, Western Sahara) get none. On the shared tables this reproduces the
bilateral CSV exactly (22,225 rows, every TIV and code).

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

import csv
import io
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from worldsystem.core.errors import SchemaError, SourceError
from worldsystem.core.schema import check_unique
from worldsystem.sources import _cow, base, formats
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
    # SIPRI's export tables (usually under raw/; see _read_raw) stand in for the CSV
    official={"sipri_tiv_bilateral_1950_2021.csv": ("raw/TIV-Export-*.csv", "TIV-Export-*.csv")},
)


_TIDY = "sipri_tiv_bilateral_1950_2021.csv"
_COLS = (
    "supplier",
    "recipient",
    "year",
    "tiv",
    "supplier_ccode",
    "recipient_ccode",
    "supplier_type",
    "recipient_type",
)
_RAW_GLOB = "TIV-Export-*.csv"
_TITLE = re.compile(r"TIV of arms exports from (.+), (\d{4})-(\d{4})")
#: SIPRI state names the country table does not know -> a name it knows.
_NAME_ALIAS = {"Libya GNC": "Libya"}


def _export_table(path: Path) -> pd.DataFrame:
    """One SIPRI "TIV of arms exports from X" table -> ``supplier, recipient, year, tiv``.

    Empty cells (no deliveries) are left out; ``0`` (below 0.5 million TIV) is
    kept. A table without the title, the header row or a number where a TIV is
    expected raises a SchemaError naming the file, the year column and the value.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        text = path.read_text(encoding="latin-1")
    except OSError as exc:  # pragma: no cover - unreadable file
        raise SourceError(f"cannot read file ({exc})", file=path) from exc
    rows = list(csv.reader(io.StringIO(text)))
    title = _TITLE.fullmatch(rows[0][0].strip()) if rows and rows[0] else None
    if title is None:
        raise SchemaError(
            "not a SIPRI 'TIV of arms exports from X, YYYY-YYYY' table",
            file=path,
            field="title",
            value=(rows[0][0] if rows and rows[0] else ""),
            hint="export the supplier's table from armstrade.sipri.org as CSV",
        )
    supplier = title.group(1).strip()
    head = next(
        (
            i
            for i, r in enumerate(rows)
            if len(r) > 2 and r[0].strip() == "" and re.fullmatch(r"\d{4}", r[1].strip())
        ),
        None,
    )
    if head is None:
        raise SchemaError(
            "no header row ', 1950, 1951, ..., Total'", file=path, field="year", value=None
        )
    header = [c.strip() for c in rows[head]]
    years = [(j, int(c)) for j, c in enumerate(header) if re.fullmatch(r"\d{4}", c)]
    out = []
    for r in rows[head + 1 :]:
        cells = [c.strip() for c in r]
        if not any(cells):
            break  # the blank row before the supplier's Total row
        recipient = cells[0]
        if not recipient:
            raise SchemaError("row without a recipient", file=path, field="recipient", value="")
        for j, year in years:
            v = cells[j] if j < len(cells) else ""
            if v == "":
                continue
            try:
                tiv = float(v)
            except ValueError:
                raise SchemaError(
                    f"TIV is not a number ({supplier} -> {recipient})",
                    file=path,
                    field=str(year),
                    value=v,
                ) from None
            out.append((supplier, recipient, year, tiv))
    return pd.DataFrame(out, columns=["supplier", "recipient", "year", "tiv"])


def _party_type(names: pd.Series) -> pd.Series:
    kind = np.select(
        [
            names.str.startswith("Unknown "),
            names.str.endswith("**"),
            names.str.endswith("*"),
        ],
        ["unknown", "organisation", "nonstate"],
        default="state",
    )
    return pd.Series(kind, index=names.index, dtype=object)


def _state_ccodes(names: pd.Series, years: pd.Series, types: pd.Series) -> pd.Series:
    """COW code of each state party from its SIPRI name in that year (see module doc)."""
    from worldsystem.countries import convert

    out = pd.Series(pd.NA, index=names.index, dtype="Float64")
    state = types == "state"
    pairs = pd.DataFrame({"name": names[state], "year": years[state]}).drop_duplicates()
    iso = convert(
        pairs["name"].map(lambda n: _NAME_ALIAS.get(n, n)).to_numpy(),
        source="name",
        target="iso3",
        errors="coerce",
    )
    pairs["iso3"] = iso
    known = pairs["iso3"].notna()
    cc = np.full(len(pairs), np.nan)
    if known.any():
        cc[known.to_numpy()] = np.asarray(
            convert(
                pairs.loc[known, "iso3"].to_numpy(),
                source="iso3",
                target="cow",
                year=pairs.loc[known, "year"].to_numpy(),
                errors="coerce",
            ),
            dtype="float64",
        )
    germany = (pairs["name"] == "Germany").to_numpy()
    cc[germany] = np.where(pairs["year"].to_numpy()[germany] <= 1990, 260.0, 255.0)
    pairs["ccode"] = cc
    merged = pd.DataFrame({"name": names, "year": years}).merge(
        pairs[["name", "year", "ccode"]], on=["name", "year"], how="left"
    )
    out = pd.Series(merged["ccode"].to_numpy(), index=names.index)
    return out.where(state)


def _read_raw(folder: Path) -> tuple[pd.DataFrame, list[Path], str] | None:
    """The bilateral table built from SIPRI's export tables, or None if there are none."""
    files = sorted({*folder.glob(_RAW_GLOB), *(folder / "raw").glob(_RAW_GLOB)})
    if not files:
        return None
    parts = []
    for f in files:
        df, _where, _kind = formats.read_table(f, parsers={"text": _export_table})
        parts.append(df)
    df = pd.concat(parts, ignore_index=True)
    dup = df.duplicated(["supplier", "recipient", "year"], keep=False)
    if dup.any():
        first = df[dup].iloc[0]
        raise SchemaError(
            "two export tables give the same supplier -> recipient-year (a supplier's table "
            "is there twice?)",
            file=folder / "raw",
            field="supplier",
            value=f"{first['supplier']} -> {first['recipient']} {first['year']}",
        )
    for who in ("supplier", "recipient"):
        df[f"{who}_type"] = _party_type(df[who])
    for who in ("supplier", "recipient"):
        df[f"{who}_ccode"] = _state_ccodes(df[who], df["year"], df[f"{who}_type"])
    note = (
        f"sipri_tiv: built from {len(files)} SIPRI 'TIV of arms exports' tables in {folder}; "
        "party types from the name suffixes and COW codes from the names (Germany 260 up to "
        "1990, 255 from 1991)"
    )
    return df[list(_COLS)], files, note


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
    folder = INFO.folder(data)
    raw = None if (folder / _TIDY).is_file() else _read_raw(folder)
    if raw is None:
        path = base.locate(INFO, _TIDY, data)
        df = base.read_csv(path, required=_COLS)[list(_COLS)].copy()
        files, read_notes = [path], []
    else:
        df, files, note = raw
        path, read_notes = folder / "raw", [note]
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
        df[col] = base.as_text(df[col])
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
    return base.finish(out, INFO, files, notes=[*read_notes, *notes])
