"""The Map's geography, drawn offline: country borders from Natural Earth (borders.json) and
Pakistan's provinces and territories (provinces.json), both built by scripts/build_borders.py,
and labels placed so that none overlaps another.

Depiction (data/README.md, "Borders on the map"): Natural Earth's borders as administered.
Taiwan, Hong Kong and Macao are drawn as part of China, as both governments hold them to
be. In Kashmir the lines are lines of control, not agreed boundaries; the map follows
neither government's official map there and says so under the chart.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from pathlib import Path

from analytics.i18n import width

BORDERS = Path(__file__).resolve().parent / "borders.json"
PROVINCES = BORDERS.with_name("provinces.json")
CHINA = {"China", "Taiwan", "Hong Kong", "Macao"}  # one China on this map
PAKISTAN = {"Pakistan"}
PAKISTAN_BOX = (60.5, 23.5, 78.0, 37.3)  # west, south, east, north: Pakistan and a margin


@functools.cache
def borders() -> dict:
    return json.loads(BORDERS.read_text(encoding="utf-8"))


@functools.cache
def provinces() -> dict[str, list[list[float]]]:
    """Each province's or territory's rings (lon, lat, lon, lat...) by its ISO 3166-2 code."""
    shapes = json.loads(PROVINCES.read_text(encoding="utf-8"))["provinces"]
    return {shape["code"]: shape["rings"] for shape in shapes}


def middle(ring: list[float]) -> tuple[float, float]:
    """The centroid of a ring's area (lon, lat): where its label goes."""
    xs, ys = ring[0::2], ring[1::2]
    area = lon = lat = 0.0
    for i in range(len(xs)):
        x0, y0, x1, y1 = xs[i - 1], ys[i - 1], xs[i], ys[i]
        cross = x0 * y1 - x1 * y0
        area, lon, lat = area + cross / 2, lon + (x0 + x1) * cross, lat + (y0 + y1) * cross
    return lon / (6 * area), lat / (6 * area)


def rings(names: set[str], *, other: bool = False) -> tuple[list, list]:
    """The x and y of the rings of the countries in `names` (of all others with `other`),
    one ring after another with None between them, as one Plotly trace draws them."""
    countries = borders()["countries"]
    return flat([r for c in countries if (c["name"] in names) != other for r in c["rings"]])


def flat(rings: list[list[float]]) -> tuple[list, list]:
    """The x and y of `rings` (lon, lat, lon, lat...), None between one ring and the next."""
    xs = [x for ring in rings for x in [*ring[0::2], None]]
    ys = [y for ring in rings for y in [*ring[1::2], None]]
    return xs, ys


def view(longitudes: list[float], latitudes: list[float], pad: float = 3.0) -> tuple:
    """The box a map shows: Pakistan's, widened to the sites given and a margin."""
    west, south, east, north = PAKISTAN_BOX
    if longitudes:
        west, east = min(west, min(longitudes) - pad), max(east, max(longitudes) + pad)
        south, north = min(south, min(latitudes) - pad), max(north, max(latitudes) + pad)
    return west, south, east, north


def aspect(box: tuple) -> float:
    """How much longer a degree of latitude is drawn than one of longitude, at the box's
    middle latitude (an equirectangular projection true to shape there)."""
    return 1 / math.cos(math.radians((box[1] + box[3]) / 2))


@dataclass(frozen=True)
class Label:
    text: str
    lon: float
    lat: float
    lift: float = 12.0  # px from its point up to its middle: above the point's marker


def placed(labels: list[Label], box: tuple, plot: tuple[float, float], font: float) -> list[Label]:
    """The labels to draw, in the order given (the most important first): each is kept
    unless its box would overlap one kept before or leave the plot. A label is centred
    `lift` px above its point; its box is estimated from its text (a Latin letter ~0.6 em,
    a Chinese character 1.2 em) with 3 px around it.

    Scale: `plot` is the least width and the height (px) the map's plot area has; the box
    is drawn as large as both allow (a wider screen shows more around it, at that scale)."""
    west, south, east, north = box
    least_width, height = plot
    per_lat = min(height / (north - south), least_width * aspect(box) / (east - west))
    per_lon = per_lat / aspect(box)  # px a degree
    kept: list[tuple[float, float, float, float]] = []
    shown = []
    for label in labels:
        half_w = width(label.text) * font * 0.3 + 3
        half_h = font * 0.65 + 3
        x = (label.lon - west) * per_lon
        y = (label.lat - south) * per_lat + label.lift  # up from the plot's bottom
        rect = (x - half_w, y - half_h, x + half_w, y + half_h)
        inside = rect[0] >= 0 and rect[2] <= (east - west) * per_lon and rect[3] <= height
        if inside and not any(_overlap(rect, other) for other in kept):
            kept.append(rect)
            shown.append(label)
    return shown


def _overlap(a: tuple, b: tuple) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
