"""A project's status at the end of a year, worked out from its dated facts (status_then in
analytics/queries/_schema.sql): every expected value below is worked out by hand."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from analytics.db import Database
from analytics.filters import Filters
from analytics.kpis import compute

FIXTURE = Path(__file__).parent / "fixtures" / "data"
ALL = Filters().params()

# Four projects added to a copy of the fixture (with a source each), beside its own:
# hydro-a (agreement 2015, start 2016-12, completed 2022-06-29), solar-b (agreement 2023-05,
# start 2024), sat-c (agreement 2016, start 2017, completed and launched 2018-07-09), fibre-d
# (agreement 2016-05, start 2016, completed 2018), mou-f (agreement 2024, still proposed);
# all last checked 2026-11-27. lab-e is restricted, so not seen.
ADDED = {
    # only a completion date
    "only-done": dict(status="operational", completion_date="2020"),
    # agreed 2017, started 2018, suspended in March 2019 and not resumed
    "halted": dict(status="suspended", agreement_date="2017", start_date="2018"),
    # suspended in 2019, then completed in 2021
    "resumed": dict(
        status="operational", agreement_date="2017", start_date="2018", completion_date="2021"
    ),
    # no date at all: counted in every year, its status known only from 2026 (last checked)
    "undated": dict(status="agreed"),
    # operational today, but no fact dates its completion: unknown from its start year on
    "undone": dict(status="operational", agreement_date="2017", start_date="2018"),
}
MILESTONES = [("halted", "2019-03", "suspended"), ("resumed", "2019", "suspended")]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    data = tmp_path_factory.mktemp("status") / "data"
    shutil.copytree(FIXTURE, data)
    with (data / "projects.csv").open(encoding="utf-8", newline="") as fh:
        columns = next(csv.reader(fh))
    with (data / "projects.csv").open("a", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        for pid, facts in ADDED.items():
            base = dict.fromkeys(columns, "") | dict(
                id=pid, title_en=f"Test {pid}", sector="agriculture", mode="investment",
                description="Added for the status tests.", visibility="public",
                last_checked="2026-11-27", source_dataset="curated",
            )  # fmt: skip
            writer.writerow(base | facts)
    with (data / "project_sources.csv").open("a", encoding="utf-8") as fh:
        fh.writelines(f"{pid},src-a,all\n" for pid in ADDED)
    with (data / "milestones.csv").open("a", encoding="utf-8") as fh:
        fh.writelines(f"{pid},{date},{event},,src-a\n" for pid, date, event in MILESTONES)
    return Database.load(data)


def statuses(db: Database, year: int) -> dict[str, str]:
    rows = db.con.execute(
        "SELECT id, status_then FROM status_then($f, [$y])", {"f": ALL, "y": year}
    ).fetchall()
    return dict(rows)


def test_status_at_the_end_of_each_year(db: Database) -> None:
    assert statuses(db, 2015) == {"hydro-a": "agreed", "undated": "unknown"}
    assert statuses(db, 2017)["undone"] == "agreed"  # it had not started: not operational
    assert statuses(db, 2016) == {
        "hydro-a": "under_implementation",  # started 2016-12
        "sat-c": "agreed",
        "fibre-d": "under_implementation",  # the start outranks the agreement of 2016-05
        "undated": "unknown",
    }
    assert statuses(db, 2019) == {
        "hydro-a": "under_implementation",
        "sat-c": "operational",
        "fibre-d": "operational",
        "halted": "suspended",  # suspended 2019-03, after its start in 2018
        "resumed": "suspended",
        "undated": "unknown",
        "undone": "unknown",  # completed some time after its start in 2018
    }
    assert statuses(db, 2021) == {
        "hydro-a": "under_implementation",
        "sat-c": "operational",
        "fibre-d": "operational",
        "only-done": "operational",  # counted from its completion year, 2020
        "halted": "suspended",
        "resumed": "operational",  # completed 2021, after the suspension of 2019
        "undated": "unknown",
        "undone": "unknown",
    }
    assert statuses(db, 2024) == {
        "hydro-a": "operational",
        "solar-b": "under_implementation",
        "sat-c": "operational",
        "fibre-d": "operational",
        "mou-f": "proposed",  # its agreement date is an announcement: it is still proposed
        "only-done": "operational",
        "halted": "suspended",
        "resumed": "operational",
        "undated": "unknown",
        "undone": "unknown",
    }
    assert statuses(db, 2026)["undated"] == "agreed"  # last checked in 2026: as recorded
    assert statuses(db, 2026)["undone"] == "operational"


def test_a_project_finished_in_the_previous_year_moves_between_the_stocks(db: Database) -> None:
    kpis = {v.kpi.code: v for v in compute(db, Filters(), 2022)}
    # 2021: under implementation hydro-a; operational sat-c, fibre-d, only-done, resumed.
    # 2022: hydro-a completed (2022-06-29): operational 5, under implementation 0.
    assert (kpis["operational"].value, kpis["operational"].previous) == (5, 4)
    assert (kpis["under_implementation"].value, kpis["under_implementation"].previous) == (0, 1)
    assert (kpis["green_mw"].value, kpis["green_mw"].previous) == (720, 0)
    assert (kpis["projects_total"].value, kpis["projects_total"].previous) == (8, 8)
    assert [kpis[k].change() for k in ("operational", "under_implementation")] == ["↑1", "↓1"]


def test_a_status_no_fact_dates_is_no_change_of_the_year(db: Database) -> None:
    """undone turns from unknown (2025) to operational (2026, its last check): not a
    project that became operational in 2026, so the change leaves it out."""
    kpis = {v.kpi.code: v for v in compute(db, Filters(), 2026)}
    # 2025: operational hydro-a, sat-c, fibre-d, only-done, resumed (5); undone unknown.
    # 2026: the same five and undone (6).
    assert (kpis["operational"].value, kpis["operational"].previous) == (6, 5)
    assert kpis["operational"].change() == "±0"


def test_the_status_chart_shows_the_same_projects_as_the_kpis(db: Database) -> None:
    chart = db.query("status_breakdown", filters=ALL, year=2022)
    counts = dict(zip(chart["status"], chart["projects"], strict=True))
    assert counts == {"operational": 5, "suspended": 1, "unknown": 2}
    kpis = {v.kpi.code: v.value for v in compute(db, Filters(), 2022)}
    assert sum(counts.values()) == kpis["projects_total"]
    assert counts["operational"] == kpis["operational"]


def test_projects_no_date_places_are_listed(db: Database) -> None:
    listed = db.query("status_unknown", filters=ALL, year=2025)
    assert list(zip(listed["id"], listed["status"], strict=True)) == [
        ("undated", "agreed"),
        ("undone", "operational"),
    ]
    assert db.query("status_unknown", filters=ALL, year=2026).empty


def test_the_methodology_example_holds_on_the_shipped_data() -> None:
    """The worked example on the Methodology page is what the shipped data gives."""
    shipped = Database.load(Path(__file__).resolve().parent.parent / "data")
    karot = Filters().params()
    seen = {}
    for year in (2014, 2015, 2021, 2022, 2026):
        rows = shipped.con.execute(
            "SELECT status_then FROM status_then($f, [$y]) WHERE id = 'karot-hydropower'",
            {"f": karot, "y": year},
        ).fetchall()
        seen[year] = rows[0][0] if rows else None
    assert seen == {
        2014: None,
        2015: "under_implementation",
        2021: "under_implementation",
        2022: "operational",
        2026: "operational",
    }
