"""Keeping the data: bad input is refused with a clear message and changes nothing; a valid
file shows its diff and is applied atomically, with a backup and a change-log entry."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pandas as pd
import pytest
from uploads import errors, hashes, new_project_row, projects_text, refused

from analytics import maintain
from analytics.__main__ import main
from analytics.db import Database

FIXTURE = Path(__file__).parent / "fixtures" / "data"


def prepare(data: Path, uploads: list[maintain.Upload]) -> maintain.Plan:
    """Check the uploads (they must validate) and work out the plan, as the app does."""
    report, plan = maintain.review(data, uploads)
    assert report.ok, [str(e) for e in report.errors]
    return plan


def xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, df in sheets.items():
            df.to_excel(writer, sheet_name=name, index=False)
    return out.getvalue()


# ---------------------------------------------------------------- refused outright


def test_empty_file(data: Path) -> None:
    assert refused(data, "projects.csv", b"") == "projects.csv: the file is empty"


def test_utf16(data: Path) -> None:
    message = refused(data, "projects.csv", projects_text().encode("utf-16"))
    assert message == "projects.csv: the file is UTF-16; save it as UTF-8 CSV"


def test_gbk(data: Path) -> None:
    message = refused(data, "projects.csv", projects_text().encode("gbk"))
    assert "not UTF-8 (perhaps GBK" in message


def test_semicolons(data: Path) -> None:
    text = projects_text().replace(",", ";")
    assert "separated by semicolons" in refused(data, "projects.csv", text.encode())


def test_too_large(data: Path) -> None:
    big = projects_text().encode() + b"x" * maintain.MAX_BYTES
    assert "larger than 5 MB" in refused(data, "projects.csv", big)


def test_not_what_its_extension_says(data: Path) -> None:
    workbook = xlsx({"projects": pd.read_csv(FIXTURE / "projects.csv", dtype=str)})
    assert "does not match its extension" in refused(data, "projects.csv", workbook)
    assert "does not match its extension" in refused(data, "projects.xlsx", b"id,title\n")
    assert "upload a .csv or .xlsx" in refused(data, "projects.txt", b"id\n")


def test_workbook_with_several_sheets(data: Path) -> None:
    df = pd.read_csv(FIXTURE / "projects.csv", dtype=str)
    message = refused(data, "projects.xlsx", xlsx({"projects": df, "notes": df.head(1)}))
    assert "the workbook has 2 sheets (projects, notes)" in message


def test_unknown_table(data: Path) -> None:
    assert "unknown table 'budgets'" in refused(data, "b.csv", b"a\n", table="budgets")


# ---------------------------------------------------------------- validated: errors by line


def test_header_only(data: Path) -> None:
    header = projects_text().splitlines()[0] + "\n"
    assert "projects.csv:2: -: the file has a header but no rows" in errors(
        data, "projects.csv", header.encode()
    )


def test_bom_is_fine(data: Path) -> None:
    assert errors(data, "projects.csv", b"\xef\xbb\xbf" + projects_text().encode()) == []


def test_missing_and_extra_columns(data: Path) -> None:
    df = pd.read_csv(FIXTURE / "projects.csv", dtype=str).drop(columns="status")
    df["budget"] = "1"
    found = errors(data, "projects.csv", df.to_csv(index=False).encode())
    assert "projects.csv:1: status: required column is missing" in found
    assert "projects.csv:1: budget: unknown column" in found


BAD_VALUES = {
    "duplicate id": (
        ("solar-b,Test Solar B", "hydro-a,Test Solar B"),
        "projects.csv:3: id: duplicate id 'hydro-a'",
    ),
    "unknown sector": (
        ("space,satellites", "astro,satellites"),
        "projects.csv:4: sector: 'astro' is not a known code",
    ),
    "unknown status": (
        ("technology_transfer,operational", "technology_transfer,done"),
        "projects.csv:4: status: must be one of",
    ),
    "dates out of order": (
        ("2016,2017,2018-07-09", "2016,2017,2016-05"),
        "projects.csv:4: completion_date: completion_date 2016-05 is before",
    ),
    "broken reference": (
        ("yes,src-b", "yes,src-nowhere"),
        "projects.csv:5: cpec_source_id: 'src-nowhere' is not a known id",
    ),
}


@pytest.mark.parametrize("case", BAD_VALUES.values(), ids=BAD_VALUES.keys())
def test_bad_values_are_reported_by_line(data: Path, case) -> None:
    change, expected = case
    found = errors(data, "projects.csv", projects_text(change).encode())
    assert any(e.startswith(expected) for e in found), found


def test_removing_a_project_breaks_references_elsewhere(data: Path) -> None:
    text = "\n".join(line for line in projects_text().splitlines() if not line.startswith("sat-c"))
    found = errors(data, "projects.csv", (text + "\n").encode(), replace=True)
    assert "milestones.csv:4: project_id: 'sat-c' is not a known id in projects.csv" in found


ODD_TEXT = ['=HYPERLINK("http://evil")', "<script>alert(1)</script>", "x'); DROP TABLE projects;--"]


@pytest.mark.parametrize("text", ODD_TEXT)
def test_formula_html_and_sql_text_is_kept_as_plain_text(data: Path, text: str) -> None:
    df = pd.read_csv(FIXTURE / "projects.csv", dtype=str, keep_default_na=False)
    df.loc[0, "description"] = text
    content = df.to_csv(index=False).encode()
    maintain.apply(
        data,
        prepare(data, [maintain.Upload("projects", "projects.csv", content)]),
        who="test",
        why="test",
    )
    db = Database.load(data)
    stored = db.con.execute("SELECT description FROM projects WHERE id = 'hydro-a'").fetchone()
    assert stored == (text,)
    assert db.con.execute("SELECT count(*) FROM data.projects").fetchone() == (6,)


# ---------------------------------------------------------------- diff and apply


def test_diff_then_apply_with_backup_and_log(data: Path) -> None:
    # A new project comes with its source: two tables, uploaded and applied together.
    projects = projects_text(("Test Solar B", "Test Solar B (renamed)"))
    projects += new_project_row("mou-g", "Test Seed MoU G")
    links = (FIXTURE / "project_sources.csv").read_text() + "mou-g,src-b,all\n"
    uploads = [
        maintain.Upload("projects", "new-projects.csv", projects.encode()),
        maintain.Upload("project_sources", "links.csv", links.encode()),
    ]
    prepared = prepare(data, uploads)
    (frame, change, _), (_, link_change, _) = prepared.changes
    assert [c.key for c in change.added] == ["mou-g"] and change.removed == []
    assert [(c.key, c.fields) for c in change.changed] == [("solar-b", ["title_en"])]
    assert change.changed[0].before["title_en"] == "Test Solar B"
    assert [c.key for c in link_change.added] == ["mou-g|src-b"]
    old = (data / "projects.csv").read_bytes()
    backups = maintain.apply(data, prepared, who="test", why="test")
    assert backups[0].read_bytes() == old
    assert "Test Solar B (renamed)" in (data / "projects.csv").read_text(encoding="utf-8")
    log = pd.read_csv(data / maintain.CHANGELOG, dtype=str)
    assert log[["table", "added", "changed", "removed", "file"]].values.tolist() == [
        ["projects", "1", "1", "0", "new-projects.csv"],
        ["project_sources", "1", "0", "0", "links.csv"],
    ]
    assert log.iloc[0]["sha256"] == hashlib.sha256(projects.encode()).hexdigest()
    db = Database.load(data)  # still valid, loadable data
    assert db.con.execute("SELECT count(*) FROM data.projects").fetchone() == (7,)


def test_cli_apply_dry_run_then_yes(data: Path, tmp_path: Path, capsys) -> None:
    upload = tmp_path / "projects.csv"
    upload.write_text(projects_text(("Test Solar B", "Renamed")), encoding="utf-8")
    assert main(["apply", "projects", str(upload), "--data", str(data)]) == 0
    out = capsys.readouterr().out
    assert "projects: 0 added, 1 changed, 0 removed" in out
    assert "solar-b: title_en: 'Test Solar B' -> 'Renamed'" in out
    assert "Renamed" not in (data / "projects.csv").read_text()
    assert (
        main(["apply", "projects", str(upload), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    assert "Renamed" in (data / "projects.csv").read_text()


def test_cli_apply_refuses_a_broken_file(data: Path, tmp_path: Path, capsys) -> None:
    upload = tmp_path / "projects.csv"
    upload.write_text(projects_text(("space,satellites", "astro,satellites")), encoding="utf-8")
    before = hashes(data)
    assert (
        main(["apply", "projects", str(upload), "--data", str(data), "--yes", "--why", "test"]) == 1
    )
    assert "2 errors: nothing was changed" in capsys.readouterr().out  # sector, sub-sector
    assert hashes(data) == before
