"""Natural Earth country outlines as TopoJSON (world-atlas 2.0.2).

Natural Earth (public domain), https://www.naturalearthdata.com/, packaged as
TopoJSON by Mike Bostock's ``world-atlas`` (npm ``world-atlas@2.0.2``, ISC
licence).

Files (``maps/``): ``countries-110m.json`` (1:110m, 177 country geometries) and
``countries-50m.json`` (1:50m, 241 geometries); each a TopoJSON ``Topology``
with objects ``countries`` and ``land``. A geometry's ``id`` is the ISO 3166-1
numeric code as a 3-digit string and ``properties.name`` its name.

A few Natural Earth features have no ISO numeric code and therefore no ``id``
(110m: N. Cyprus, Somaliland, Kosovo; 50m also Indian Ocean Ter. and Siachen
Glacier); they must carry a ``properties.name``. At 1:50m Australia and
Ashmore and Cartier Is. share id ``036``.
"""

from __future__ import annotations

import os
import re
from typing import Any

from worldsystem.core.errors import SchemaError
from worldsystem.sources import base
from worldsystem.sources._econ import read_json
from worldsystem.sources.base import SourceInfo

__all__ = ["INFO", "RESOLUTIONS", "feature_ids", "load"]

#: Resolution -> file name.
RESOLUTIONS: dict[str, str] = {"110m": "countries-110m.json", "50m": "countries-50m.json"}

INFO = SourceInfo(
    id="maps",
    name="world-atlas TopoJSON (Natural Earth)",
    version="world-atlas 2.0.2",
    licence="Natural Earth: public domain; world-atlas: ISC",
    citation=(
        "Natural Earth, 1:110m and 1:50m Admin 0 countries (public domain), as TopoJSON by "
        "M. Bostock, world-atlas 2.0.2 (https://github.com/topojson/world-atlas)."
    ),
    citation_key="naturalearth",
    url="https://github.com/topojson/world-atlas",
    files=tuple(RESOLUTIONS.values()),
    optional_files=("LICENSE",),
    description="Country outlines for the report map (ids = ISO 3166-1 numeric).",
    # downloads: worldsystem.sources.catalogue.DOWNLOADS["maps"] (with known checksums)
)

_ID = re.compile(r"^\d{3}$")


#: Loader calls ``worldsystem data check`` runs (:mod:`worldsystem.sources.verify`):
#: both resolutions.
CHECKS = tuple(("load", {"resolution": r}) for r in RESOLUTIONS)


def _validate(topo: Any, path) -> None:
    if not isinstance(topo, dict) or topo.get("type") != "Topology":
        raise SchemaError(
            "not a TopoJSON Topology (top-level 'type' must be 'Topology')",
            file=path,
            field="type",
            value=topo.get("type") if isinstance(topo, dict) else type(topo).__name__,
        )
    objects = topo.get("objects")
    if not isinstance(objects, dict) or "countries" not in objects:
        raise SchemaError(
            "TopoJSON has no objects.countries",
            file=path,
            field="objects.countries",
            value=sorted(objects) if isinstance(objects, dict) else None,
        )
    if not isinstance(topo.get("arcs"), list):
        raise SchemaError("TopoJSON has no arcs list", file=path, field="arcs")
    geoms = objects["countries"].get("geometries")
    if not isinstance(geoms, list) or not geoms:
        raise SchemaError(
            "objects.countries has no geometries", file=path, field="objects.countries.geometries"
        )
    for i, g in enumerate(geoms):
        if not isinstance(g, dict) or "type" not in g:
            raise SchemaError(
                f"geometry {i} has no type", file=path, field="geometries.type", value=i
            )
        gid = g.get("id")
        if gid is None:
            name = (g.get("properties") or {}).get("name")
            if not name:
                raise SchemaError(
                    f"geometry {i} has neither an id nor properties.name",
                    file=path,
                    field="geometries.id",
                    value=i,
                )
        elif not (isinstance(gid, str) and _ID.match(gid)):
            raise SchemaError(
                f"geometry {i} id is not a 3-digit ISO 3166-1 numeric string",
                file=path,
                field="geometries.id",
                value=gid,
            )


def load(data: str | os.PathLike[str] | None = None, *, resolution: str = "110m") -> dict[str, Any]:
    """Load and validate the world-atlas TopoJSON.

    Parameters
    ----------
    resolution : {"110m", "50m"}, default "110m"
    data : path-like, optional
        Data directory holding ``maps/``.

    Returns
    -------
    dict
        The parsed TopoJSON (``type``, ``objects``, ``arcs``, ``bbox``,
        ``transform``), unchanged.

    Raises
    ------
    SourceError
        File missing, empty, not UTF-8 or not JSON.
    SchemaError
        Not a Topology, no ``objects.countries`` geometries, a geometry without
        a type, an id that is not 3 digits, or a geometry without id and name.
    """
    if resolution not in RESOLUTIONS:
        raise SchemaError(
            "unknown map resolution", field="resolution", value=resolution,
            hint=f"choose one of {list(RESOLUTIONS)}",
        )  # fmt: skip
    path = base.locate(INFO, RESOLUTIONS[resolution], data)
    topo = read_json(path)
    _validate(topo, path)
    return topo


def feature_ids(
    data: str | os.PathLike[str] | None = None, *, resolution: str = "110m"
) -> list[str]:
    """ISO 3166-1 numeric ids (3-digit strings) of the country geometries.

    Parameters
    ----------
    resolution : {"110m", "50m"}, default "110m"
    data : path-like, optional

    Returns
    -------
    list of str
        Distinct ids in file order; geometries without an id are skipped.
    """
    topo = load(data, resolution=resolution)
    seen: dict[str, None] = {}
    for g in topo["objects"]["countries"]["geometries"]:
        if g.get("id") is not None:
            seen.setdefault(g["id"], None)
    return list(seen)
