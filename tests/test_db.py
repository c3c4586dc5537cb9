"""The compiled database: validated once per version of the CSVs, then opened read-only."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from analytics.compile import CACHE_ENV
from analytics.db import Database, DataError, together
from analytics.filters import Filters

FIXTURE = Path(__file__).parent / "fixtures" / "data"


@pytest.fixture
def data(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    shutil.copytree(FIXTURE, tmp_path / "data")
    return tmp_path / "data"


def compiled(data: Path) -> list[Path]:
    return sorted((data.parent / "cache").glob("*.duckdb"))


def count(db: Database) -> int:
    return db.con.execute("SELECT count(*) FROM projects").fetchone()[0]


def test_a_second_load_opens_the_compiled_file_without_validating(data, monkeypatch) -> None:
    first = Database.load(data)
    assert len(compiled(data)) == 1

    def no_validation(directory):
        raise AssertionError("validated again although nothing changed")

    monkeypatch.setattr("analytics.validate.validate_dir", no_validation)
    again = Database.load(data)
    assert count(again) == count(first) == 5  # the fixture's five public projects


def test_a_changed_csv_is_compiled_again_and_the_old_file_removed(data) -> None:
    Database.load(data)
    old = compiled(data)
    projects = data / "projects.csv"
    text = projects.read_text(encoding="utf-8").replace("Test Hydro A", "Test Hydro A (renamed)")
    projects.write_text(text, encoding="utf-8")
    db = Database.load(data)
    assert compiled(data) != old and len(compiled(data)) == 1
    title = db.con.execute("SELECT title_en FROM projects WHERE id = 'hydro-a'").fetchone()
    assert title == ("Test Hydro A (renamed)",)


def test_invalid_data_raises_and_compiles_nothing(data) -> None:
    projects = data / "projects.csv"
    projects.write_text(
        projects.read_text(encoding="utf-8").replace("operational", "finished", 1),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as error:
        Database.load(data)
    assert any("finished" in f.message for f in error.value.report.errors)
    assert compiled(data) == []


def test_the_app_cannot_write_to_the_compiled_data(data) -> None:
    db = Database.load(data)
    with pytest.raises(duckdb.Error, match="read-only"):
        db.con.execute("DELETE FROM data.projects")
    assert count(db) == 5


def test_the_compile_command(data, capsys) -> None:
    from analytics.__main__ import main

    assert main(["compile", str(data)]) == 0
    assert main(["compile", str(data)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("compiled ") and second.endswith(" is up to date")
    (data / "projects.csv").write_text("id\nx\n", encoding="utf-8")
    assert main(["compile", str(data)]) == 1
    assert "not compiled: the data has" in capsys.readouterr().out


def test_answers_that_do_not_depend_on_the_filters_are_kept(data, monkeypatch) -> None:
    db = Database.load(data)
    runs = []
    run = db._run
    monkeypatch.setattr(db, "_run", lambda sql, params: runs.append(sql) or run(sql, params))
    first = db.query("sectors")
    first.loc[0, "code"] = "changed"  # a caller's copy
    again = db.query("sectors")
    assert again["code"].iloc[0] != "changed" and len(runs) == 1
    db.query("projects_by_sector", filters=Filters().params())
    db.query("projects_by_sector", filters=Filters().params())
    assert len(runs) == 3  # a filtered query runs each time


def test_together_runs_queries_at_once_and_returns_them_by_name(data) -> None:
    db = Database.load(data)
    everything = Filters().params()
    answers = together(
        sectors=lambda: db.query("projects_by_sector", filters=everything),
        statuses=lambda: db.query("status_breakdown", filters=everything, year=2026),
    )
    assert list(answers) == ["sectors", "statuses"]
    assert answers["sectors"]["projects"].sum() == answers["statuses"]["projects"].sum() == 5
    with pytest.raises(TypeError, match="needs parameters"):
        together(broken=lambda: db.query("projects_by_sector"))


# ---------------------------------------------------------------- a damaged compiled file


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage" * 1000],
    ids=["emptied", "overwritten with garbage"],
)
def test_a_damaged_compiled_file_is_rebuilt_by_the_app(data, damage: bytes, caplog) -> None:
    Database.load(data)
    (path,) = compiled(data)
    path.write_bytes(damage)
    db = Database.load(data)
    assert count(db) == 5
    assert path.stat().st_size > len(damage)  # rebuilt in place, under the same name
    assert "damaged; rebuilding it from the CSVs" in caplog.text


def test_a_file_whose_checksum_does_not_match_is_rebuilt_by_compile(data, capsys) -> None:
    from analytics.__main__ import main

    assert main(["compile", str(data)]) == 0
    assert capsys.readouterr().out.startswith("compiled ")
    assert main(["compile", str(data)]) == 0
    assert capsys.readouterr().out.endswith("is up to date\n")
    (path,) = compiled(data)
    with path.open("r+b") as fh:  # one byte changed: DuckDB might even open it
        fh.seek(path.stat().st_size // 2)
        byte = fh.read(1)
        fh.seek(-1, 1)
        fh.write(bytes([byte[0] ^ 0xFF]))
    assert main(["compile", str(data)]) == 0
    assert capsys.readouterr().out.startswith("rebuilt ")
    assert count(Database.load(data)) == 5


def test_every_table_is_read_through_a_view_of_its_right(fixture_db) -> None:
    from analytics.db import QUERIES, compiled_tables

    public = (QUERIES / "_public.sql").read_text()
    tables = compiled_tables(fixture_db.con)
    assert {"projects", "targets", "status_facts"} <= set(tables)
    for table in tables:
        assert f"CREATE VIEW {table} AS SELECT * FROM data.{table}" in public
    for path in QUERIES.glob("*.sql"):
        if path.name != "_public.sql":
            assert "data." not in path.read_text(), f"{path.name} reads data. past the views"


def test_a_running_app_recovers_when_its_compiled_file_is_overwritten(app, data, monkeypatch):
    monkeypatch.setenv("CPST_DATA_DIR", str(data))
    at = app()
    at.run()
    assert {m.label: m.value for m in at.metric}["Projects"] == "5"
    (path,) = compiled(data)
    path.write_bytes(b"garbage" * 1000)  # in place, under the open connection
    at.run()
    assert not at.exception and not at.error
    assert {m.label: m.value for m in at.metric}["Projects"] == "5"
    assert path.stat().st_size > 7000  # rebuilt
