"""Every query and KPI against the fixture data; expected numbers worked out by hand.

The fixture (tests/fixtures/data/projects.csv) holds six projects; lab-e is restricted, so
the default view shows five:

    id       sector           status                first year  amount   MW   completed
    hydro-a  green_energy     operational           2015        1420     720  2022
    solar-b  green_energy     under_implementation  2023        -        300  -
    sat-c    space            operational           2016        -        -    2018 (launched)
    fibre-d  digital_economy  operational           2016        44       -    2018
    lab-e    ai_big_data      agreed (restricted)   2024        -        -    -
    mou-f    agriculture      proposed              2024        12.5     -    -
"""

from __future__ import annotations

import pytest

from analytics.db import QUERIES, Database
from analytics.filters import Filters
from analytics.kpis import compute

ALL = Filters().params()


def ids(db: Database, filters: Filters) -> list[str]:
    return sorted(db.query("project_list", filters=filters.params(), q="", limit=None)["id"])


def test_every_sql_file_runs(fixture_db: Database) -> None:
    names = sorted(p.stem for p in QUERIES.glob("*.sql") if not p.stem.startswith("_"))
    assert len(names) >= 15
    for name in names:
        fixture_db.query(
            name,
            filters=ALL,
            year=2024,
            limit=5,
            q="",
            id="hydro-a",
            institution="inst-cn-1",
            today="2026-11-27",
            since="2024-06-01",
            status="operational",
            kpi="operational",
            ids=["hydro-a"],
            max_points=2000,
            cell=0.5,
            country=None,
        )  # raises if broken


def test_unknown_query_name_is_refused(fixture_db: Database) -> None:
    with pytest.raises(ValueError):
        fixture_db.query("../secrets")


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["fibre-d", "hydro-a", "mou-f", "sat-c", "solar-b"]),
        (Filters(sectors=("green_energy",)), ["hydro-a", "solar-b"]),
        (Filters(cpec_only=True), ["fibre-d", "hydro-a"]),
        (Filters(institution="inst-pk-1"), ["hydro-a", "sat-c"]),
        (Filters(provinces=("PK-PB",)), ["solar-b"]),
        (Filters(year_from=2016, year_to=2023), ["fibre-d", "sat-c", "solar-b"]),
        (Filters(statuses=("operational",), modes=("investment",)), ["fibre-d", "hydro-a"]),
        (Filters(sectors=("space",), cpec_only=True), []),
    ],
)
def test_global_filters(fixture_db: Database, filters: Filters, expected: list[str]) -> None:
    assert ids(fixture_db, filters) == expected


def test_the_right_to_restricted_records_adds_them(restricted_db: Database) -> None:
    # lab-e is the fixture's one restricted project
    assert ids(restricted_db, Filters()) == [
        "fibre-d",
        "hydro-a",
        "lab-e",
        "mou-f",
        "sat-c",
        "solar-b",
    ]


def test_projects_by_sector(fixture_db: Database) -> None:
    df = fixture_db.query("projects_by_sector", filters=ALL)
    assert list(zip(df["sector"], df["projects"], strict=True)) == [
        ("green_energy", 2),
        ("agriculture", 1),
        ("digital_economy", 1),
        ("space", 1),
    ]
    assert df.loc[df["sector"] == "space", "label_zh"].item() == "空间科学"


def test_agreements_per_year(fixture_db: Database) -> None:
    df = fixture_db.query("agreements_per_year", filters=ALL)
    assert list(zip(df["year"], df["sector"], df["projects"], strict=True)) == [
        (2015, "green_energy", 1),
        (2016, "digital_economy", 1),
        (2016, "space", 1),
        (2023, "green_energy", 1),
        (2024, "agriculture", 1),
    ]


def test_status_breakdown(fixture_db: Database) -> None:
    def counts(year: int) -> dict[str, int]:
        df = fixture_db.query("status_breakdown", filters=ALL, year=year)
        return dict(zip(df["status"], df["projects"], strict=True))

    # 2026, the year all were last checked: the recorded statuses
    assert counts(2026) == {"operational": 3, "proposed": 1, "under_implementation": 1}
    # 2021: hydro-a started 2016-12, completed 2022; sat-c and fibre-d completed 2018;
    # solar-b (2023) and mou-f (2024) not yet counted
    assert counts(2021) == {"operational": 2, "under_implementation": 1}


def test_institution_ranking_takes_the_institutions_in_most_projects(fixture_db: Database) -> None:
    df = fixture_db.query("institution_ranking", filters=ALL, limit=2)
    # inst-cn-1: hydro-a, solar-b, fibre-d; inst-pk-1: hydro-a, sat-c; inst-cn-2 only sat-c
    # (its lab-e is restricted).
    assert list(zip(df["id"], df["projects"], strict=True)) == [("inst-cn-1", 3), ("inst-pk-1", 2)]


def test_filter_options_and_sources(fixture_db: Database, restricted_db: Database) -> None:
    # Without the right, lab-e (restricted) is not counted, nor its citation of src-c, nor
    # inst-pk-2, whose only project it is.
    opts = fixture_db.query("filter_options").iloc[0]
    assert (opts["year_min"], opts["year_max"], opts["projects"]) == (2015, 2024, 5)
    assert str(opts["as_of"]) == "2026-11-27"
    sources = fixture_db.query("sources", limit=None)
    assert dict(zip(sources["id"], sources["projects"], strict=True)) == {
        "src-a": 2,
        "src-b": 2,
        "src-c": 1,
    }
    first = fixture_db.query("sources", limit=2)
    assert len(first) == 2 and set(first["total"]) == {3}
    assert len(fixture_db.query("institutions")) == 3
    assert restricted_db.query("filter_options").iloc[0]["projects"] == 6
    all_sources = restricted_db.query("sources", limit=None)
    assert dict(zip(all_sources["id"], all_sources["projects"], strict=True))["src-c"] == 2
    assert len(restricted_db.query("institutions")) == 4


def test_kpis_for_2024(fixture_db: Database) -> None:
    values = {v.kpi.code: v for v in compute(fixture_db, Filters(), 2024)}
    expected = {
        # code: (value in 2024, value in 2023)
        "projects_total": (5, 4),  # mou-f agreed in 2024
        "under_implementation": (1, 0),  # solar-b: agreed 2023-05, started 2024
        "operational": (3, 3),  # hydro-a (2022), sat-c, fibre-d (2018)
        "agreements_year": (1, 1),  # mou-f in 2024, solar-b in 2023
        "committed_usd": (1476.5, 1464),  # 1420 + 44 (+ 12.5 in 2024)
        "green_mw": (720, 720),  # hydro-a; solar-b is not operational
        "joint_labs": (0, 0),  # lab-e is restricted
        "satellites": (1, 1),  # sat-c, launched 2018 with inst-cn-2
        "institutions": (3, 3),  # inst-cn-1, inst-pk-1, inst-cn-2
    }
    assert {k: (v.value, v.previous) for k, v in values.items()} == expected
    assert values["committed_usd"].undisclosed == 2  # solar-b, sat-c
    assert values["projects_total"].target is None  # the fixture's target is for 2026


def test_kpis_change_and_target(fixture_db: Database) -> None:
    earlier = {v.kpi.code: v for v in compute(fixture_db, Filters(), 2016)}
    assert (earlier["projects_total"].value, earlier["projects_total"].delta) == (3, 2)
    assert (earlier["institutions"].value, earlier["institutions"].previous) == (3, 2)
    assert earlier["green_mw"].value == 0  # hydro-a was completed in 2022
    assert earlier["satellites"].value == 0  # sat-c launched in 2018
    later = {v.kpi.code: v for v in compute(fixture_db, Filters(), 2026)}
    assert later["projects_total"].target == 10
    assert later["projects_total"].progress == pytest.approx(0.5)


def test_kpis_follow_filters(fixture_db: Database, restricted_db: Database) -> None:
    values = {v.kpi.code: v.value for v in compute(restricted_db, Filters(), 2024)}
    assert values["joint_labs"] == 1
    assert values["institutions"] == 4
    green = {
        v.kpi.code: v.value for v in compute(fixture_db, Filters(sectors=("green_energy",)), 2024)
    }
    assert (green["projects_total"], green["committed_usd"], green["satellites"]) == (2, 1420, 0)


def test_kpi_ids_list_the_projects_each_kpi_counts(fixture_db: Database) -> None:
    # 2024, as test_kpis_for_2024 works the figures out: the same projects behind them
    def ids(kpi: str, filters: Filters | None = None) -> list[str]:
        params = dict(filters=(filters or Filters()).params(), year=2024, kpi=kpi)
        return list(fixture_db.query("kpi_ids", **params)["id"])

    assert ids("projects_total") == ["fibre-d", "hydro-a", "mou-f", "sat-c", "solar-b"]
    assert ids("under_implementation") == ["solar-b"]
    assert ids("operational") == ["fibre-d", "hydro-a", "sat-c"]
    assert ids("agreements_year") == ["mou-f"]
    assert ids("committed_usd") == ["fibre-d", "hydro-a", "mou-f"]  # 44 + 1420 + 12.5
    assert ids("green_mw") == ["hydro-a"]  # 720 MW; solar-b is not operational
    assert ids("joint_labs") == []  # lab-e is restricted
    assert ids("satellites") == ["sat-c"]
    assert ids("satellites", Filters(sectors=("green_energy",))) == []
