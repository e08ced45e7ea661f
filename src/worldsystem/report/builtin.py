"""Built-in report sections: the data overview and country groups.

Measure sections live beside their measures' wiring and register themselves the
same way (see :mod:`worldsystem.report.sections`).
"""

from __future__ import annotations

import pandas as pd

from worldsystem.core.provenance import Provenance, SourceRecord
from worldsystem.report.context import ReportContext
from worldsystem.report.sections import Figure, SectionOutput, Table, register

#: Okabe & Ito (2008) colour-blind-safe palette, ordered so neighbours also differ
#: in lightness (readable in greyscale).
OKABE_ITO = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")


@register("overview", "Data used", order=0)
def overview(ctx: ReportContext) -> SectionOutput:
    """Which datasets the report runs on, with versions and checksums."""
    out = SectionOutput()
    if ctx.is_example:
        from worldsystem.example import describe

        out.paragraphs.append(
            "No public datasets are configured, so every section runs on the synthetic example "
            "world. What it plants:"
        )
        out.paragraphs.extend(p for p in describe().split("\n\n") if p.strip())
        ex = ctx.example
        cols = [c for c in ("iso3", "name", "zone", "bloc") if c in ex.countries.columns]
        out.tables.append(
            Table(
                "example-countries",
                "Countries of the example world",
                ex.countries[cols],
                caption="Planted zones and blocs (truth that the methods should recover).",
            )
        )
        out.findings.append(
            f"Example world: {len(ex.countries)} fictional countries (seed {ctx.example_seed})."
        )
        return out
    from worldsystem.sources import all_info
    from worldsystem.sources.base import checksum

    rows = []
    records = []
    for info in all_info():
        missing = info.missing_files(ctx.data)
        ok = not missing
        digest = ""
        if ok:
            paths = [info.folder(ctx.data) / f for f in info.files]
            digest = checksum(paths)
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
                "available": "yes" if ok else "missing: " + ", ".join(missing),
                "sha256": digest[:16],
            }
        )
    out.tables.append(
        Table(
            "sources-table",
            "Datasets in the data folder",
            pd.DataFrame(rows),
            max_rows=100,
            caption="Availability of each catalogue source; full checksums in the appendix.",
        )
    )
    out.provenance = Provenance(
        sources=tuple(records), citations=tuple(r.citation for r in records)
    )
    n_ok = len(records)
    out.findings.append(
        f"{n_ok} of {len(rows)} catalogue datasets are available in the data folder."
    )
    return out


_GROUP_LAYERS = (
    ("G7", "G7"),
    ("NATO", "NATO (not G7)"),
    ("BRICS", "BRICS"),
    ("SCO", "SCO (not BRICS)"),
)


@register("groups", "Country groups", order=10)
def groups(ctx: ReportContext) -> SectionOutput:
    """A world map of the G7, NATO, BRICS and SCO in the report's last year."""
    from worldsystem import countries as wc

    out = SectionOutput()
    if ctx.is_example:
        ex = ctx.example
        if "bloc" in ex.countries.columns:
            counts = ex.countries.groupby(["bloc", "zone"]).size().rename("countries").reset_index()
            out.tables.append(Table("example-blocs", "Planted blocs by zone", counts))
        out.paragraphs.append(
            "Real-world group memberships (G7, NATO, BRICS, SCO, ...) are shown when real data "
            "is configured; the example world has planted blocs instead."
        )
        return out
    year = ctx.years[1] if ctx.years else 2025
    assigned: dict[str, str] = {}
    for group, label in _GROUP_LAYERS:
        for iso3 in wc.members(group, year):
            assigned.setdefault(iso3, label)
    iso3s = list(assigned)
    nums = wc.convert(iso3s, source="iso3", target="isonum", errors="coerce")
    values = {}
    for iso3, num in zip(iso3s, nums, strict=True):
        if num is not None and not pd.isna(num):
            values[f"{int(num):03d}"] = assigned[iso3]
    colours = {label: OKABE_ITO[i] for i, (_g, label) in enumerate(_GROUP_LAYERS)}
    from worldsystem.report.maps import svg_choropleth

    svg = svg_choropleth(
        values, colours, title=f"Country groups in {year}", element_id="groups-map"
    )
    table = pd.DataFrame(
        [
            (label, len(wc.members(g, year)), ", ".join(wc.members(g, year)))
            for g, label in _GROUP_LAYERS
        ],
        columns=["group", "members", "iso3"],
    )
    out.figures.append(
        Figure(
            "groups-figure",
            f"G7, NATO, BRICS and SCO members in {year}",
            "svg",
            {"svg": svg, "legend": [(label, colours[label]) for _g, label in _GROUP_LAYERS]},
            caption="A country in several groups takes the first in the legend order. Source: "
            "worldsystem.countries group table (membership years from the groups' official "
            "records). Map: Natural Earth 1:110m.",
            data=pd.DataFrame({"iso3": iso3s, "group": [assigned[i] for i in iso3s]}),
        )
    )
    out.tables.append(Table("groups-table", f"Group members in {year}", table))
    sizes = ", ".join(f"{g} {len(wc.members(g, year))}" for g, _label in _GROUP_LAYERS)
    out.findings.append(f"Members in {year}: {sizes}.")
    return out
