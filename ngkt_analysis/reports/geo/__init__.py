"""Country outlines shipped with the package, so world maps draw offline from the HTML alone.

``countries-110m.json`` is the TopoJSON of the ``world-atlas`` package (version 2.0.2, from the
npm registry; Natural Earth 1:110m, public domain; ISC licence in ``LICENSE-world-atlas``). It is
decoded here to GeoJSON keyed by ISO3 and given to plotly with every base layer off, so plotly.js
never fetches a base map from its CDN at view time.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_DECIMALS = 1  # 0.1° (about 11 km): as fine as the 1:110m outlines need on a world map


def _arc_points(topology: dict[str, Any]) -> list[list[list[float]]]:
    """Decode the delta-encoded, quantised arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([round(x * sx + tx, _DECIMALS), round(y * sy + ty, _DECIMALS)])
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[list[list[float]]]) -> list[list[float]]:
    """Join arcs into one ring; a negative index ~i means arc i reversed."""
    ring: list[list[float]] = []
    for i in indexes:
        points = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(points[1:] if ring else points)  # consecutive arcs share their end point
    return ring


def topojson_features(topology: dict[str, Any], name: str = "countries") -> list[dict[str, Any]]:
    """Return the GeoJSON features of a TopoJSON object (Polygon and MultiPolygon geometries).

    Examples
    --------
    >>> topo = {"transform": {"scale": [1, 1], "translate": [0, 0]},
    ...         "arcs": [[[0, 0], [1, 0], [0, 1], [-1, 0], [0, -1]]],
    ...         "objects": {"countries": {"geometries": [
    ...             {"type": "Polygon", "arcs": [[0]], "id": "1", "properties": {}}]}}}
    >>> topojson_features(topo)[0]["geometry"]["coordinates"]
    [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]
    """
    arcs = _arc_points(topology)
    features = []
    for geometry in topology["objects"][name]["geometries"]:
        kind = geometry.get("type")
        if kind == "Polygon":
            coordinates: Any = [_ring(r, arcs) for r in geometry["arcs"]]
        elif kind == "MultiPolygon":
            coordinates = [[_ring(r, arcs) for r in polygon] for polygon in geometry["arcs"]]
        else:
            continue
        features.append(
            {
                "type": "Feature",
                "id": geometry.get("id"),
                "properties": geometry.get("properties", {}),
                "geometry": {"type": kind, "coordinates": coordinates},
            }
        )
    return features


@cache
def _features() -> tuple[dict[str, Any], ...]:
    import pycountry

    text = resources.files(__name__).joinpath("countries-110m.json").read_text("utf-8")
    out = []
    for feature in topojson_features(json.loads(text)):
        country = pycountry.countries.get(numeric=str(feature["id"] or "").zfill(3))
        if country is not None and country.alpha_3 != "ATA":  # no ISO code: disputed; Antarctica
            out.append({"type": "Feature", "id": country.alpha_3, "geometry": feature["geometry"]})
    return tuple(out)


def countries(codes: list[str] | None = None) -> dict[str, Any]:
    """Return countries as a GeoJSON FeatureCollection whose ids are ISO3 codes (all, or these).

    Examples
    --------
    >>> [f["id"] for f in countries(["VNM", "LAO"])["features"]]
    ['LAO', 'VNM']
    """
    wanted = None if codes is None else set(codes)
    features = [f for f in _features() if wanted is None or f["id"] in wanted]
    return {"type": "FeatureCollection", "features": features}
