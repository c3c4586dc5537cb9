"""Queries of the analysis pages against the fixture (see test_queries.py for its table)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.catalog import SITES
from analytics.db import Database
from analytics.filters import Filters

ALL = Filters().params()


def rows(df, *columns) -> list[tuple]:
    return [tuple(r) for r in df[list(columns)].itertuples(index=False)]


def test_projects_per_year_and_by_subsector(fixture_db: Database) -> None:
    per_year = fixture_db.query("projects_per_year", filters=ALL)
    assert rows(per_year, "year", "subsector", "projects") == [
        (2015, "hydro", 1),
        (2016, "fibre_cables", 1),
        (2016, "satellites", 1),
        (2023, "solar", 1),
        (2024, "crops_seeds", 1),
    ]
    by_sub = fixture_db.query("projects_by_subsector", filters=ALL)
    assert list(by_sub["subsector"]) == [
        "crops_seeds",
        "fibre_cables",
        "hydro",
        "satellites",
        "solar",
    ]


def test_green_capacity_queries(fixture_db: Database) -> None:
    tech = fixture_db.query("capacity_by_technology", filters=ALL)
    assert rows(tech, "subsector", "status", "capacity_mw") == [
        ("hydro", "operational", 720),
        ("solar", "under_implementation", 300),
    ]
    online = fixture_db.query("capacity_online_per_year", filters=ALL)
    assert rows(online, "year", "subsector", "capacity_mw") == [(2022, "hydro", 720)]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("", ["mou-f", "solar-b", "fibre-d", "sat-c", "hydro-a"]),
        ("academy", ["sat-c"]),  # a partner's name (lab-e also has it, but is restricted)
        ("CABLE", ["fibre-d"]),  # the description, in any case
        ("测试水电", ["hydro-a"]),  # the Chinese title
        ("测试科学院", ["sat-c"]),  # a partner's Chinese name
        ("绿色能源", ["solar-b", "hydro-a"]),  # a sector's Chinese name
        ("卫星", ["sat-c"]),  # a sub-sector's Chinese name (and sat-c's title)
        ("satellites", ["sat-c"]),  # the same sub-sector in English
        ("'; DROP TABLE projects; --", []),  # a value, never SQL
    ],
)
def test_project_search(fixture_db: Database, q: str, expected: list[str]) -> None:
    assert list(fixture_db.query("project_list", filters=ALL, q=q, limit=None)["id"]) == expected


def test_project_list_gives_the_first_rows_and_how_many_match(fixture_db: Database) -> None:
    df = fixture_db.query("project_list", filters=ALL, q="", limit=2)
    assert list(df["id"]) == ["mou-f", "solar-b"]  # newest first, as in the full list above
    assert set(df["total"]) == {5}  # the five public projects


def test_largest_projects(fixture_db: Database) -> None:
    df = fixture_db.query("largest_projects", filters=ALL, limit=1)
    assert rows(df, "id", "capacity_mw") == [("hydro-a", 720)]  # of hydro-a 720, solar-b 300


def test_project_list_names_partners(fixture_db: Database) -> None:
    df = fixture_db.query("project_list", filters=ALL, q="", limit=None).set_index("id")
    assert df.loc["hydro-a", "partners"] == "TCE, TPA"
    assert df.loc["hydro-a", "sector_en"] == "Green energy"


def test_milestone_timeline(fixture_db: Database) -> None:
    df = fixture_db.query("milestone_timeline", filters=ALL, limit=40)
    assert rows(df, "id", "date", "event") == [
        ("hydro-a", "2016-12", "construction_started"),
        ("sat-c", "2018-07-09", "launched"),
        ("hydro-a", "2022-06-29", "commissioned"),
    ]
    assert df["day"].iloc[0].date() == dt.date(2016, 12, 1)
    # hydro-a's latest event (2022) is more recent than sat-c's (2018): it alone stays
    latest = fixture_db.query("milestone_timeline", filters=ALL, limit=1)
    assert rows(latest, "id", "date") == [("hydro-a", "2016-12"), ("hydro-a", "2022-06-29")]
    assert df.set_index("id").loc["sat-c", "partners"] == "TCA, TPA"


def test_project_detail_and_its_parts(fixture_db: Database) -> None:
    detail = fixture_db.query("project_detail", filters=ALL, id="hydro-a").iloc[0]
    assert (detail["title_en"], detail["sector_en"], detail["subsector_en"]) == (
        "Test Hydro A",
        "Green energy",
        "Hydropower",
    )
    assert fixture_db.query("project_detail", filters=ALL, id="lab-e").empty  # restricted
    milestones = fixture_db.query("project_milestones", id="hydro-a")
    assert rows(milestones, "date", "event", "publisher") == [
        ("2016-12", "construction_started", "Test Publisher"),
        ("2022-06-29", "commissioned", "Test Publisher"),
    ]
    partners = fixture_db.query("project_partner_list", id="hydro-a")
    assert rows(partners, "id", "role") == [("inst-cn-1", "lead"), ("inst-pk-1", "partner")]
    sources = fixture_db.query("project_source_list", id="hydro-a")
    assert rows(sources, "title", "url") == [("Fixture source A", "https://example.org/a")]


def test_partner_queries(fixture_db: Database) -> None:
    ranking = fixture_db.query("institution_ranking", filters=ALL, limit=None)
    assert rows(ranking, "id", "projects") == [("inst-cn-1", 3), ("inst-pk-1", 2), ("inst-cn-2", 1)]
    assert rows(fixture_db.query("institution_ranking", filters=ALL, limit=1), "id") == [
        ("inst-cn-1",)
    ]
    types = fixture_db.query("institution_types", filters=ALL)
    assert rows(types, "type", "country", "institutions") == [
        ("academy_institute", "CN", 1),
        ("enterprise", "CN", 1),
        ("ministry_agency", "PK", 1),  # inst-pk-2 (a university) is only in restricted lab-e
    ]
    links = fixture_db.query("partner_links", filters=ALL, limit=30)
    assert rows(links, "source", "target", "projects") == [
        ("inst-cn-1", "inst-pk-1", 1),  # hydro-a
        ("inst-cn-2", "inst-pk-1", 1),  # sat-c
    ]
    # among the two institutions in most projects (inst-cn-1, inst-pk-1) only hydro-a's link
    top_two = fixture_db.query("partner_links", filters=ALL, limit=2)
    assert rows(top_two, "source", "target", "projects") == [("inst-cn-1", "inst-pk-1", 1)]
    co = fixture_db.query("institution_copartners", filters=ALL, institution="inst-pk-1")
    assert rows(co, "id", "projects") == [("inst-cn-2", 1), ("inst-cn-1", 1)]


def test_more_sites_than_the_map_draws_come_as_cells(fixture_db: Database) -> None:
    params = SITES | {"max_points": 1, "country": "PK"}
    cells = fixture_db.query("project_sites", filters=ALL, **params)
    # 0.5° cells: hydro-a (33.6, 73.6) is in the cell centred on (33.75, 73.75), solar-b
    # (29.3, 71.8) in (29.25, 71.75); sat-c is in China, outside the extent.
    assert rows(cells, "id", "sector", "latitude", "longitude", "projects", "capacity_mw") == [
        (None, "green_energy", 29.25, 71.75, 1, 300),
        (None, "green_energy", 33.75, 73.75, 1, 720),
    ]
    # 20° cells: hydro-a and solar-b share the one centred on (30, 70): one row, two
    # projects, 1,020 MW; sat-c (40.96, 100.28) is alone in (50, 110).
    wide = fixture_db.query(
        "project_sites", filters=ALL, **(params | {"cell": 20, "country": None})
    )
    assert rows(wide, "sector", "latitude", "longitude", "projects") == [
        ("green_energy", 30.0, 70.0, 2),
        ("space", 50.0, 110.0, 1),
    ]
    assert list(wide["capacity_mw"].fillna(0)) == [1020, 0]


def test_sites_and_provinces(fixture_db: Database) -> None:
    sites = fixture_db.query("project_sites", filters=ALL, **SITES)
    assert rows(sites, "id", "latitude", "longitude", "projects") == [
        ("hydro-a", 33.6, 73.6, 1),
        ("sat-c", 40.96, 100.28, 1),
        ("solar-b", 29.3, 71.8, 1),
    ]
    counts = fixture_db.query("map_counts", filters=ALL)
    assert rows(counts, "projects", "mapped", "mapped_pk") == [(5, 3, 2)]
    provinces = fixture_db.query("province_summary", filters=ALL)
    assert rows(provinces, "province", "projects", "mapped", "undisclosed") == [
        ("PK-JK", 1, 1, 0),
        ("PK-PB", 1, 1, 1),
        ("multiple", 1, 0, 0),
    ]
    assert provinces.set_index("province").loc["PK-JK", "amount_usd_m"] == 1420


def test_schedule_and_overdue(fixture_db: Database) -> None:
    schedule = fixture_db.query("project_schedule", filters=ALL, limit=60)
    assert [
        (r.id, r.start_day.date(), r.end_day.date(), r.completed, r.total)
        for r in schedule.itertuples()
    ] == [  # started most recently first
        ("solar-b", dt.date(2024, 1, 1), dt.date(2025, 12, 31), False, 4),  # to its plan
        ("sat-c", dt.date(2017, 1, 1), dt.date(2018, 7, 9), True, 4),
        ("hydro-a", dt.date(2016, 12, 1), dt.date(2022, 6, 29), True, 4),
        ("fibre-d", dt.date(2016, 1, 1), dt.date(2018, 12, 31), True, 4),
    ]
    latest = fixture_db.query("project_schedule", filters=ALL, limit=1)
    assert rows(latest, "id", "total") == [("solar-b", 4)]
    overdue = fixture_db.query("overdue_projects", filters=ALL, today="2026-11-27", limit=None)
    # solar-b: planned end 2025-12-31, unfinished on 2026-11-27 -> 11 months;
    # hydro-a: planned end 2021-12-31, completed 2022-06-29 -> 6 months.
    assert rows(overdue, "id", "months_late") == [("solar-b", 11), ("hydro-a", 6)]
    first = fixture_db.query("overdue_projects", filters=ALL, today="2026-11-27", limit=1)
    assert rows(first, "id", "total") == [("solar-b", 2)]
