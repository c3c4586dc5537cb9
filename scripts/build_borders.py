"""Rebuild analytics/geo/borders.json, the country borders the Map draws, from Natural Earth.

    python scripts/build_borders.py [--source countries-50m.json]

The source is Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON in the npm
package world-atlas (ISC licence, https://github.com/topojson/world-atlas). Without
--source the script fetches that package from the npm registry (`npm pack`, so npm must be
installed); the app itself never downloads anything. It keeps the countries that reach into
the map's window (Pakistan, China and their neighbours), their rings rounded to 0.01° and thinned
to points 0.03° apart.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
OUT = Path(__file__).resolve().parent.parent / "analytics" / "geo" / "borders.json"
WINDOW = (55.0, 0.0, 140.0, 56.0)  # west, south, east, north: the widest view the map has


def fetch(folder: Path) -> Path:
    """The TopoJSON file of world-atlas, from the npm registry."""
    subprocess.run(["npm", "pack", PACKAGE], cwd=folder, check=True, capture_output=True)
    (tarball,) = folder.glob("world-atlas-*.tgz")
    with tarfile.open(tarball) as tar:
        tar.extract(MEMBER, folder, filter="data")
    return folder / MEMBER


def arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """The topology's arcs in degrees (they are stored quantized and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def ring(indexes: list[int], lines: list) -> list[tuple[float, float]]:
    """A ring joined from its arcs (~i is arc i reversed); shared end points once."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        part = lines[i] if i >= 0 else lines[~i][::-1]
        points.extend(part[1:] if points else part)
    return points


def in_window(points: list[tuple[float, float]]) -> bool:
    west, south, east, north = WINDOW
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs) <= east and max(xs) >= west and min(ys) <= north and max(ys) >= south


def rounded(points: list[tuple[float, float]], step: float = 0.03) -> list[float]:
    """The ring at 0.01°, flattened to lon, lat, lon, lat...; a point closer than `step`
    degrees (3 km, about 2 px across Pakistan on a 1080p screen) to the one kept before is
    dropped, the ring's last point kept so it closes."""
    flat: list[float] = []
    for n, (lon, lat) in enumerate(points):
        near = flat and abs(lon - flat[-2]) < step and abs(lat - flat[-1]) < step
        if not near or n == len(points) - 1:
            flat += [round(lon, 2), round(lat, 2)]
    return flat


def build(topology: dict) -> dict:
    lines = arcs(topology)
    countries = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        polygons = {"Polygon": [geometry.get("arcs")], "MultiPolygon": geometry.get("arcs")}
        rings = [
            ring(indexes, lines)
            for polygon in polygons.get(geometry["type"]) or []
            for indexes in polygon
        ]
        kept = [rounded(r) for r in rings if in_window(r)]
        if kept:
            countries.append(
                # ISO 3166 numeric, where it has one (Siachen Glacier has none)
                {"id": geometry.get("id"), "name": geometry["properties"]["name"], "rings": kept}
            )
    return {
        "source": f"Natural Earth 1:50m admin-0 countries, from npm {PACKAGE} ({MEMBER})",
        "licence": "Natural Earth: public domain; world-atlas: ISC",
        "window": WINDOW,
        "countries": sorted(countries, key=lambda c: c["name"]),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/build_borders.py")
    parser.add_argument("--source", type=Path, help="world-atlas's countries-50m.json")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch(Path(tmp))
        topology = json.loads(source.read_text(encoding="utf-8"))
    borders = build(topology)
    OUT.write_text(json.dumps(borders, separators=(",", ":")) + "\n", encoding="utf-8")
    rings = sum(len(c["rings"]) for c in borders["countries"])
    print(f"{OUT}: {len(borders['countries'])} countries, {rings} rings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
