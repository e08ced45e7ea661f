"""World map geometry and an SVG choropleth drawn without any network access.

The geometry is Natural Earth 1:110m from the npm package world-atlas 2.0.2
(ISC; Natural Earth is public domain), shipped in ``assets/world-atlas``. The
TopoJSON is decoded here (delta-encoded, quantised arcs) and projected with the
Equal Earth projection (Šavrič, Patterson & Jenny 2019, doi:10.1080/13658816.2018.1504949),
an equal-area projection, so that area on the map is proportional to area on the
globe.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping
from importlib import resources

from markupsafe import Markup, escape

__all__ = ["country_rings", "load_topology", "svg_choropleth"]

_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


@functools.cache
def load_topology() -> dict:
    """The shipped world-atlas 110m TopoJSON as a dict."""
    text = (
        resources.files("worldsystem.report")
        .joinpath("assets/world-atlas/countries-110m.json")
        .read_text("utf-8")
    )
    return json.loads(text)


def _decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    tr = topo.get("transform")
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            if tr:
                x += dx
                y += dy
                sx, sy = tr["scale"]
                tx, ty = tr["translate"]
                pts.append((x * sx + tx, y * sy + ty))
            else:
                pts.append((dx, dy))
        arcs.append(pts)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for k, idx in enumerate(indices):
        arc = arcs[idx] if idx >= 0 else list(reversed(arcs[~idx]))
        pts.extend(arc if k == 0 else arc[1:])
    return pts


def _equal_earth(lon: float, lat: float) -> tuple[float, float]:
    lam = math.radians(lon)
    phi = math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


@functools.cache
def country_rings() -> tuple[tuple[str, str, tuple[tuple[tuple[float, float], ...], ...]], ...]:
    """Projected polygon rings per country: ``(iso_numeric, name, rings)``.

    Coordinates are Equal Earth, in units of the sphere's radius; y grows northwards.
    """
    topo = load_topology()
    arcs = _decode_arcs(topo)
    out = []
    for geom in topo["objects"]["countries"]["geometries"]:
        gid = str(geom.get("id", ""))
        name = geom.get("properties", {}).get("name", "")
        polys = []
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        rings = []
        for poly in polys:
            for ring in poly:
                # split a ring where it jumps across the antimeridian (Fiji, Chukotka),
                # so that no stroke runs across the whole map
                part: list[tuple[float, float]] = []
                prev_lon = None
                for lon, lat in _ring(ring, arcs):
                    if prev_lon is not None and abs(lon - prev_lon) > 180 and part:
                        rings.append(tuple(part))
                        part = []
                    part.append(_equal_earth(lon, lat))
                    prev_lon = lon
                if part:
                    rings.append(tuple(part))
        out.append((gid, name, tuple(rings)))
    return tuple(out)


_XMAX = 2.7064  # Equal Earth x at lon = 180, lat = 0 (approx.)
_YMAX = 1.3173  # Equal Earth y at lat = 90 (approx.)


def _sphere_path(sx: float, sy: float) -> str:
    """The outline of the globe (the meridians at +-180 degrees), filled as the sea."""
    lats = list(range(-90, 91, 5))
    east = [_equal_earth(180.0, lat) for lat in lats]
    west = [_equal_earth(-180.0, lat) for lat in reversed(lats)]
    coords = [f"{(x + _XMAX) * sx:.1f},{(_YMAX - y) * sy:.1f}" for x, y in east + west]
    return (
        '<path class="sphere" d="M' + "L".join(coords) + 'Z" fill="#eef4fa" '
        'stroke="#9aa7b4" stroke-width="0.6"/>'
    )


def svg_choropleth(
    values: Mapping[str, str],
    colours: Mapping[str, str],
    *,
    labels: Mapping[str, str] | None = None,
    title: str = "",
    width: int = 960,
    missing_colour: str = "#f0f0f0",
    element_id: str = "map",
) -> Markup:
    """An inline SVG world map with one ``<path>`` per country.

    Parameters
    ----------
    values : mapping of ISO 3166-1 numeric code (str, zero-padded to 3) to category
    colours : mapping of category to fill colour
    labels : mapping of ISO numeric code to hover text (defaults to name: category)
    title : accessible title of the map

    All text is escaped. Countries without a value are drawn in ``missing_colour``.
    """
    height = int(width * _YMAX / _XMAX)
    sx = width / (2 * _XMAX)
    sy = height / (2 * _YMAX)
    parts = [
        f'<svg id="{escape(element_id)}" class="ws-map" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        _sphere_path(sx, sy),
    ]
    for gid, name, rings in country_rings():
        if not rings:
            continue
        d = []
        for ring in rings:
            coords = [f"{(x + _XMAX) * sx:.1f},{(_YMAX - y) * sy:.1f}" for x, y in ring]
            d.append("M" + "L".join(coords) + "Z")
        cat = values.get(gid)
        fill = colours.get(cat, missing_colour) if cat is not None else missing_colour
        label = (labels or {}).get(gid) or (
            f"{name}: {cat}" if cat is not None else f"{name}: no data"
        )
        parts.append(
            f'<path class="country" data-id="{escape(gid)}" d="{"".join(d)}" '
            f'fill="{escape(fill)}" stroke="#555" stroke-width="0.3">'
            f"<title>{escape(label)}</title></path>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))
