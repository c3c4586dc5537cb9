"""What changed since a meeting, on the fixture: tests/fixtures/data/meetings.csv holds one
meeting (2024-06-01) and record_changes.csv five lines of the change log, worked by hand:

- hydro-a capacity 700 -> 720 on 2024-05-01: before the meeting, not listed;
- solar-b status agreed -> under_implementation on 2024-08-15: a status change;
- fibre-d amount 40 -> 44 on 2024-09-01: a correction;
- mou-f agreement date 2019 -> 2024 on 2024-10-01: a correction, so mou-f (agreed "2024",
  which ends after the meeting) is not a new agreement;
- lab-e status proposed -> agreed on 2024-10-02: restricted, listed only with the right.

No milestone is dated after 2024-06-01 (the latest is hydro-a's, 2022-06-29). solar-b's
planned completion (2025, so 2025-12-31) passed between the meeting and the as-of date
(2026-11-27): it became overdue. lab-e (restricted) was agreed 2024-11.
"""

from __future__ import annotations

import shutil

from conftest import FIXTURE

from analytics import changes, maintain
from analytics.db import Database
from analytics.filters import Filters

SINCE, TODAY = "2024-06-01", "2026-11-27"


def rows(db: Database, since: str = SINCE, **filters) -> list[tuple]:
    df = db.query("changes_since", filters=Filters(**filters).params(), since=since, today=TODAY)
    df = df.astype(object).where(df.notna(), None)
    return [(r.kind, r.day, r.project_id, r.field, r.before, r.after) for r in df.itertuples()]


def test_what_changed_since_the_meeting_for_a_public_viewer(fixture_db: Database) -> None:
    assert rows(fixture_db) == [
        ("status", "2024-08-15", "solar-b", "status", "agreed", "under_implementation"),
        ("overdue", "2025", "solar-b", None, None, None),
        ("corrected", "2024-10-01", "mou-f", "agreement_date", "2019", "2024"),
        ("corrected", "2024-09-01", "fibre-d", "amount_usd_m", "40", "44"),
    ]


def test_with_the_right_to_restricted_records_lab_e_is_listed_too() -> None:
    db = Database.load(FIXTURE, restricted=True)
    found = rows(db)
    assert ("agreement", "2024-11", "lab-e", None, None, None) in found
    assert ("status", "2024-10-02", "lab-e", "status", "proposed", "agreed") in found
    assert len(found) == 6


def test_an_earlier_day_takes_in_older_milestones_and_the_filters_apply(
    fixture_db: Database,
) -> None:
    since = rows(fixture_db, since="2022-06-01", sectors=("green_energy",))
    # hydro-a's commissioning (2022-06-29) and solar-b's agreement (2023-05), both green
    # energy; hydro-a's capacity correction (2024-05-01) now counts; fibre-d's and mou-f's
    # corrections are of other sectors
    assert [(k, d, p) for k, d, p, *_ in since] == [
        ("agreement", "2023-05", "solar-b"),
        ("milestone", "2022-06-29", "hydro-a"),
        ("status", "2024-08-15", "solar-b"),
        ("overdue", "2025", "solar-b"),
        ("corrected", "2024-05-01", "hydro-a"),
    ]
    df = fixture_db.query(
        "changes_since", filters=Filters().params(), since="2022-06-01", today=TODAY
    )
    (commissioned,) = changes.items(df, "en")["milestone"]
    assert commissioned.what == "Commissioned: Commercial operation."  # its description
    assert changes.items(df, "zh")["milestone"][0].what == "投运：Commercial operation."


def test_items_read_in_both_languages_with_their_sources(fixture_db: Database) -> None:
    df = fixture_db.query("changes_since", filters=Filters().params(), since=SINCE, today=TODAY)
    en, zh = changes.items(df, "en"), changes.items(df, "zh")
    (status,) = en["status"]
    assert (status.day, status.title, status.what) == (
        "15 August 2024",
        "Test Solar B",
        "Status: Agreed → Under implementation",
    )
    assert (status.source_title, status.source_url) == ("Fixture source A", "https://example.org/a")
    assert zh["status"][0].what == "状态：已签约 → 实施中"
    assert en["overdue"][0].what == "planned completion (2025) has passed"
    assert [i.what for i in en["corrected"]] == [
        "Agreement date: 2019 → 2024",
        "Amount (USD m): 40 → 44",
    ]
    assert en["agreement"] == en["milestone"] == []


def test_the_last_meeting_is_the_latest_on_or_before_the_as_of_date(fixture_db: Database) -> None:
    meetings = fixture_db.query("meetings")
    assert changes.last_meeting(meetings, TODAY)["date"] == "2024-06-01"
    assert changes.last_meeting(meetings, "2024-05-31") is None


def test_an_apply_writes_the_change_log_that_the_query_reads(tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "record_changes.csv").unlink()  # no log yet: the apply starts it
    projects = (data / "projects.csv").read_text(encoding="utf-8")
    lines = projects.splitlines(keepends=True)
    # mou-f: proposed -> agreed
    lines = [
        line.replace(",proposed,", ",agreed,", 1) if line.startswith("mou-f,") else line
        for line in lines
    ]
    upload = maintain.Upload("projects", "projects.csv", "".join(lines).encode("utf-8"))
    report, plan = maintain.review(data, [upload])
    assert report.ok, report.errors
    maintain.apply(data, plan, who="test", why="test")
    log = (data / "record_changes.csv").read_text(encoding="utf-8").splitlines()
    assert log[0] == ",".join(maintain.RECORD_LOG.column_names)
    (line,) = log[1:]
    assert line.split(",")[2:] == [
        "projects", "mou-f", "mou-f", "changed", "status", "proposed", "agreed", "public"
    ]  # fmt: skip
    today = line.split(",")[1]
    found = rows(Database.load(data), since=today)
    assert ("status", today, "mou-f", "status", "proposed", "agreed") in found


def test_a_data_directory_without_meetings_or_a_change_log_still_opens(tmp_path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    (data / "meetings.csv").unlink()
    (data / "record_changes.csv").unlink()
    db = Database.load(data)
    assert changes.last_meeting(db.query("meetings"), TODAY) is None
    # by the dates alone: mou-f's agreement (2024) counts as news without the log
    assert [(k, p) for k, _, p, *_ in rows(db)] == [("agreement", "mou-f"), ("overdue", "solar-b")]
