"""Report section: the data the report runs on."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from worldsystem.core.provenance import Provenance
from worldsystem.report.model import Output, Section, Table

__all__ = ["SECTION", "data", "present"]

#: Columns of the example world's country table shown (those it has).
EXAMPLE_COLUMNS = ("iso3", "name", "zone", "bloc")


def data(ctx: Any) -> dict[str, Any]:
    """What the report runs on: the example world's description, or the catalogue.

    Returns, on the example world, ``planted`` (the paragraphs of
    :func:`worldsystem.example.describe`), ``countries`` and ``seed``; on real data,
    ``sources`` (one row per catalogue source: ``source, dataset, version,
    available, sha256``) and ``records`` (a :class:`SourceRecord
    <worldsystem.core.provenance.SourceRecord>` per available source, with its
    full checksum).
    """
    # --- example world vs real data (to become backend attributes) -------------
    if ctx.is_example:
        from worldsystem.example import describe

        ex = ctx.example
        cols = [c for c in EXAMPLE_COLUMNS if c in ex.countries.columns]
        return {
            "planted": [p for p in describe().split("\n\n") if p.strip()],
            "countries": ex.countries[cols],
            "seed": ctx.example_seed,
        }
    # ----------------------------------------------------------------------------
    from worldsystem.core.provenance import SourceRecord
    from worldsystem.sources import all_info
    from worldsystem.sources.base import checksum

    rows, records = [], []
    for info in all_info():
        missing = info.missing_files(ctx.data)
        digest = ""
        if not missing:
            digest = checksum(info.present_files(ctx.data))
            records.append(
                SourceRecord(
                    id=info.id,
                    version=info.version,
                    checksum=digest,
                    files=info.files,
                    citation=info.citation_key,
                )
            )
        rows.append(
            {
                "source": info.id,
                "dataset": info.name,
                "version": info.version,
                "available": "missing: " + ", ".join(missing) if missing else "yes",
                "sha256": digest[:16],
            }
        )
    return {"sources": pd.DataFrame(rows), "records": records}


def present(frames: Mapping[str, Any]) -> Output:
    """Data used: the datasets the report runs on, with versions and checksums.

    On the example world, says so and lists what it plants (zones and blocs that
    the methods should recover); on real data, lists every catalogue source
    (:func:`worldsystem.sources.all_info`) with its version and whether the data
    folder holds it, with the SHA-256 of its files.

    Parameters
    ----------
    frames : mapping
        As returned by :func:`data`.
    """
    out = Output()
    if "planted" in frames:
        countries = frames["countries"]
        out.paragraphs.append(
            "No public datasets are configured, so every section runs on the synthetic example "
            "world. What it plants:"
        )
        out.paragraphs.extend(frames["planted"])
        out.tables.append(
            Table(
                "example-countries",
                "Countries of the example world",
                countries,
                caption="Planted zones and blocs (truth that the methods should recover).",
            )
        )
        out.findings.append(
            f"Example world: {len(countries)} fictional countries (seed {frames['seed']})."
        )
        return out
    sources, records = frames["sources"], frames["records"]
    out.tables.append(
        Table(
            "sources-table",
            "Datasets in the data folder",
            sources,
            max_rows=100,
            caption="Availability of each catalogue source; full checksums in the appendix.",
        )
    )
    out.provenance = Provenance(
        sources=tuple(records), citations=tuple(r.citation for r in records)
    )
    out.findings.append(
        f"{len(records)} of {len(sources)} catalogue datasets are available in the data folder."
    )
    return out


SECTION = Section(id="overview", title="Data used", data=data, present=present)
