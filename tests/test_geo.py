"""The Map's geography: the shipped borders, how they are rebuilt, and labels kept apart."""

from __future__ import annotations

import importlib.util
import math

import pytest

from analytics import charts, contract, geo, snapshot
from analytics.catalog import SITES
from analytics.db import Database
from analytics.filters import Filters

CAPTION = charts.Caption(subtitle="All projects", footnote="Source: test")
spec = importlib.util.spec_from_file_location(
    "build_borders", geo.BORDERS.parents[2] / "scripts" / "build_borders.py"
)
build_borders = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_borders)


def test_a_topology_is_decoded_from_quantized_delta_arcs_and_reversed_arcs() -> None:
    # Two arcs in a 0.5° grid from (60, 20): arc 0 runs (60,20) -> (62,20) -> (62,22);
    # arc 1 runs (60,20) -> (60,22) -> (62,22). A square is arc 0 then arc 1 reversed (~1).
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [60, 20]},
        "arcs": [[[0, 0], [4, 0], [0, 4]], [[0, 0], [0, 4], [4, 0]]],
        "objects": {
            "countries": {
                "geometries": [
                    {
                        "type": "Polygon",
                        "id": "001",
                        "properties": {"name": "Square"},
                        "arcs": [[0, ~1]],
                    },
                    {"type": "Polygon", "id": "002", "properties": {"name": "Far"}, "arcs": []},
                ]
            }
        },
    }
    borders = build_borders.build(topology)
    (square,) = borders["countries"]  # "Far" has no ring in the window
    assert square["name"] == "Square"
    assert square["rings"] == [[60.0, 20.0, 62.0, 20.0, 62.0, 22.0, 60.0, 22.0, 60.0, 20.0]]


def test_the_shipped_borders_hold_pakistan_china_and_their_neighbours_as_closed_rings() -> None:
    countries = {c["name"]: c for c in geo.borders()["countries"]}
    assert {"Pakistan", "China", "India", "Afghanistan", "Iran", "Taiwan"} <= set(countries)
    for country in countries.values():
        for ring in country["rings"]:
            assert ring[:2] == ring[-2:], country["name"]  # each ring closes
    xs = countries["Pakistan"]["rings"][0][0::2]
    ys = countries["Pakistan"]["rings"][0][1::2]
    # Pakistan spans about 60.9-77.8°E and 23.7-37.1°N
    assert 60.5 < min(xs) < 61.5 and 77 < max(xs) < 78 and 23.5 < min(ys) < 24
    assert 36.5 < max(ys) < 37.5


def test_taiwan_hong_kong_and_macao_are_filled_as_china_and_not_as_another_country() -> None:
    china_x, china_y = geo.rings(geo.CHINA)
    other_x, other_y = geo.rings(geo.CHINA | geo.PAKISTAN, other=True)

    def in_taiwan(xs, ys):
        return any(
            x is not None and 120 < x < 122 and 22 < y < 25.3 for x, y in zip(xs, ys, strict=True)
        )

    assert in_taiwan(china_x, china_y) and not in_taiwan(other_x, other_y)


def test_labels_are_kept_in_order_unless_they_overlap_one_kept_or_leave_the_plot() -> None:
    box = (60.0, 20.0, 80.0, 40.0)  # middle latitude 30°: a degree of latitude 1/cos 30° longer
    assert geo.aspect(box) == pytest.approx(2 / math.sqrt(3))
    # Plot 1000 x 400 px: 400/20 = 20 px a degree of latitude (1000 px would allow 57.7),
    # 20 cos 30° = 17.32 px a degree of longitude. "Abc" at 12 px: 3 x 0.6 x 12 = 21.6 px
    # wide, 3 px around: half 13.8 px; half height 0.65 x 12 + 3 = 10.8 px; lifted 12 px.
    labels = [
        geo.Label("Abc", 70.0, 30.0),
        geo.Label("Abd", 70.1, 30.0),  # 1.7 px to the right of the first: overlaps
        geo.Label("Abe", 71.6, 30.0),  # 27.7 px: 0.1 px clear of the first's box
        geo.Label("Abf", 70.0, 39.5),  # centre 19.5 x 20 + 12 = 402 px up: above the plot
        geo.Label("Abh", 75.0, 38.7, lift=4),  # 18.7 x 20 + 4 = 378, top 388.8 px: inside
        geo.Label("Abg", 60.5, 25.0),  # left edge 8.66 - 13.8 < 0: outside
    ]
    shown = geo.placed(labels, box, (1000, 400), 12)
    assert [label.text for label in shown] == ["Abc", "Abe", "Abh"]


def test_the_sites_map_draws_land_under_the_sites_and_each_site_picks_its_project(
    fixture_db: Database,
) -> None:
    sites = fixture_db.query("project_sites", filters=Filters().params(), **SITES)
    fig = charts.sites_map(sites, lang="en", caption=CAPTION)
    land = [tr for tr in fig.data if tr.hoverinfo == "skip"]
    assert [tr.fillcolor for tr in land] == [fill for _, fill in charts.LAND]
    assert all(tr.line.color == charts.BORDER for tr in land)
    assert fig.data[: len(land)] == tuple(land)  # drawn first: under the sites
    picks = {p for tr in fig.data[len(land) :] for p in tr.meta["picks"]}
    assert picks == {"hydro-a", "solar-b", "sat-c"}
    # the data it plots is the three sites, not the land's thousands of points
    assert len(snapshot.plotted(fig)) == 3
    places = [a.text for a in fig.layout.annotations if a.name == "place"]
    assert set(places) == {"Kotli", "Bahawalpur", "Jiuquan"}  # one site each: all fit
    phone, _ = charts.for_phone(fig)
    assert not [a for a in phone.layout.annotations if a.name == "place"]


def test_provinces_sharing_a_code_are_joined_and_neighbours_keep_their_boundary() -> None:
    # Three 2° squares side by side from (60, 20), in a 0.5° grid: N.W.F.P. (60-62°E),
    # F.A.T.A. (62-64°E) and Punjab (64-66°E). Arc 0 is the N.W.F.P.-F.A.T.A. boundary,
    # arc 2 the F.A.T.A.-Punjab one; each ring runs anticlockwise.
    topology = {
        "transform": {"scale": [0.5, 0.5], "translate": [60, 20]},
        "arcs": [
            [[4, 0], [0, 4]],  # 0: (62,20) -> (62,22)
            [[4, 4], [-4, 0], [0, -4], [4, 0]],  # 1: (62,22) -> (60,22) -> (60,20) -> (62,20)
            [[8, 0], [0, 4]],  # 2: (64,20) -> (64,22)
            [[4, 0], [4, 0]],  # 3: (62,20) -> (64,20)
            [[8, 4], [-4, 0]],  # 4: (64,22) -> (62,22)
            [[8, 0], [4, 0], [0, 4], [-4, 0]],  # 5: (64,20) -> (66,20) -> (66,22) -> (64,22)
        ],
        "objects": {
            "pak": {
                "geometries": [
                    {"type": "Polygon", "id": "PK.NW", "arcs": [[0, 1]]},
                    {"type": "Polygon", "id": "PK.TA", "arcs": [[3, 2, 4, ~0]]},
                    {"type": "Polygon", "id": "PK.PB", "arcs": [[5, ~2]]},
                ]
            }
        },
    }
    built = build_borders.build_provinces(topology)
    # N.W.F.P. and F.A.T.A. are one Khyber Pakhtunkhwa: their boundary (arc 0) is gone and
    # the rest chained: arc 1, then 3 from its end (62,20), 2 from (64,20), 4 from (64,22).
    assert built["provinces"] == [
        {"code": "PK-KP", "rings": [[62, 22, 60, 22, 60, 20, 62, 20, 64, 20, 64, 22, 62, 22]]},
        {"code": "PK-PB", "rings": [[64, 20, 66, 20, 66, 22, 64, 22, 64, 20]]},
    ]


def test_the_shipped_provinces_are_pakistans_seven_units_as_closed_rings_that_meet() -> None:
    shapes = geo.provinces()
    assert set(shapes) == set(contract.PROVINCES) - {"multiple"}
    assert len(shapes["PK-KP"]) == 1  # F.A.T.A. joined to it: one outline
    for code, rings in shapes.items():
        for ring in rings:
            assert ring[:2] == ring[-2:], code
            xs, ys = ring[0::2], ring[1::2]
            assert min(xs) > 60.5 and max(xs) < 78 and min(ys) > 23.5 and max(ys) < 37.3, code

    def points(code):
        return {(r[i], r[i + 1]) for r in shapes[code] for i in range(0, len(r), 2)}

    # neighbours share their boundary's points: thinned once, not once each
    assert len(points("PK-PB") & points("PK-SD")) > 10
    assert len(points("PK-KP") & points("PK-PB")) > 10
    assert geo.middle([0, 0, 2, 0, 2, 2, 0, 2, 0, 0]) == (1.0, 1.0)


def test_the_province_map_shades_each_province_by_its_projects_and_a_dot_picks_it(
    fixture_db: Database,
) -> None:
    # the fixture: one project in Punjab, one in Azad Jammu and Kashmir, one in several
    provinces = fixture_db.query("province_summary", filters=Filters().params())
    fig = charts.province_map(provinces, lang="en", caption=CAPTION)
    shades = {tr.fillcolor for tr in fig.data if tr.hoverinfo == "skip"}
    assert len([tr for tr in fig.data if tr.hoverinfo == "skip"]) == 7
    # the two with the most (1 each) darkest; the five with none as land elsewhere
    assert shades == {charts.PROVINCE_SHADES[1], charts.LAND[0][1]}
    dots = fig.data[-1]
    # only a province with projects picks: one without would list those of another filter
    assert list(dots.meta["picks"]) == ["PK-JK", "PK-PB", None, None, None, None, None]
    assert snapshot.plotted(fig).to_dict("list") == {
        "Province": [
            "Azad Jammu and Kashmir",
            "Punjab",
            "Balochistan",
            "Gilgit-Baltistan",
            "Islamabad Capital Territory",
            "Khyber Pakhtunkhwa",
            "Sindh",
        ],
        "Projects": [1, 1, 0, 0, 0, 0, 0],
    }
    places = [a.text for a in fig.layout.annotations if a.name == "place"]
    assert "Punjab 1" in places and len(places) == len(set(places))
    assert charts._blend("#000000", "#FF8040", 0.5) == "#804020"
