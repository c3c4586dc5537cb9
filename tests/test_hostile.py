"""Hostile or odd uploads: each gets a clear message, changes nothing, and cannot stall the
server (a workbook is read in a child process limited in size, rows, time and memory)."""

from __future__ import annotations

import io
import os
import shutil
import time
import urllib.request
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from uploads import check, errors, hashes, projects_text, refused

from analytics import aiddata, dictionary, upload
from analytics.__main__ import main
from analytics.i18n import number
from benchmarks.browser import serve, wait_for_app

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "data"


def peak_memory_reset() -> None:
    """Reset this process's peak resident size (VmHWM) to its current size (Linux ≥ 4.0)."""
    Path("/proc/self/clear_refs").write_text("5")


def peak_memory_mb() -> float:
    status = Path("/proc/self/status").read_text()
    line = next(x for x in status.splitlines() if x.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024


# A minimal workbook written part by part: openpyxl would take minutes to write millions of
# rows, zipfile streams them in a second.
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PKG = "http://schemas.openxmlformats.org/package/2006"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
PARTS = {
    "[Content_Types].xml": (
        f'<Types xmlns="{PKG}/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{SML}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{SML}.worksheet+xml"/>'
        f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SML}.sharedStrings+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'<Relationships xmlns="{PKG}/relationships"><Relationship Id="rId1" '
        f'Type="{DOC}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><sheets>'
        '<sheet name="projects" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{PKG}/relationships">'
        f'<Relationship Id="rId1" Type="{DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    ),
}
INLINE = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>'


def workbook(rows: int = 0, row: bytes = INLINE, head: bytes = b"", strings: int = 0) -> bytes:
    """A one-sheet workbook: `head` then `rows` copies of `row`; `strings` unique shared
    strings (each read into memory whole)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, xml in PARTS.items():
            z.writestr(name, xml)
        with z.open("xl/worksheets/sheet1.xml", "w") as fh:
            fh.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode() + head)
            chunk = row * 10_000
            for _ in range(rows // 10_000):
                fh.write(chunk)
            fh.write(row * (rows % 10_000) + b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w") as fh:
            fh.write(f'<sst xmlns="{MAIN}">'.encode())
            for start in range(0, strings, 10_000):
                block = range(start, min(start + 10_000, strings))
                fh.write("".join(f"<si><t>s{i:08d}</t></si>" for i in block).encode())
            fh.write(b"</sst>")
    return out.getvalue()


def unpacked(book: bytes) -> int:
    return sum(p.file_size for p in zipfile.ZipFile(io.BytesIO(book)).infolist())


def xlsx_of(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for r in rows:
        book.active.append(r)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fixture_rows() -> list[list]:
    df = pd.read_csv(FIXTURE / "projects.csv", dtype=str, keep_default_na=False)
    return [list(df.columns)] + [[v or None for v in r] for r in df.itertuples(index=False)]


# ---------------------------------------------------------------- 1. numbers out of range


RANGES = {  # (in hydro-a's line 2, replace, by) -> the finding
    "amount 1e308": (
        ",1420,nominal,",
        ",1e308,nominal,",
        "amount_usd_m: must be ≤ 100,000, got '1e308'",
    ),
    "amount infinite": (
        ",1420,nominal,",
        ",1e999,nominal,",
        "amount_usd_m: must be a number, got '1e999'",
    ),
    "capacity": (
        ",project_cost,720,yes,",
        ",project_cost,60000,yes,",
        "capacity_mw: must be ≤ 50,000, got '60000'",
    ),
    "latitude": ("科特利,33.6,73.6", "科特利,91,73.6", "latitude: must be ≤ 90, got '91'"),
    "longitude": ("33.6,73.6,", "33.6,-181,", "longitude: must be ≥ -180, got '-181'"),
    "amount year": (
        "nominal,2018,",
        "nominal,1900,",
        "amount_year: the year must be ≥ 1947, got '1900'",
    ),
    "date": (
        "2022-06-29,2021-12",
        "2122-06-29,2021-12",
        "completion_date: the year must be ≤ 2100, got '2122-06-29'",
    ),
}


@pytest.mark.parametrize("case", RANGES.values(), ids=RANGES.keys())
def test_a_number_out_of_its_plausible_range_is_an_error(data: Path, case) -> None:
    old, new, finding = case
    found = errors(data, "projects.csv", projects_text((old, new)).encode())
    assert f"projects.csv:2: {finding}" in found, found


def test_a_target_out_of_range_is_an_error(data: Path) -> None:
    text = (FIXTURE / "targets.csv").read_text(encoding="utf-8").replace(",10,", ",2000000,")
    found = errors(data, "targets.csv", text.encode(), table="targets")
    assert found == ["targets.csv:2: value: must be ≤ 1,000,000, got '2000000'"]


def test_the_ranges_are_documented() -> None:
    rendered = dictionary.render(ROOT / "data")
    assert "| `amount_usd_m` | USD millions; empty = undisclosed | number |  | 0 to 100,000 |" in (
        rendered
    )
    assert "| `agreement_date` |" in rendered and "years 1947 to 2100" in rendered
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    assert "`amount_usd_m` 0 to 100,000" in readme


def test_the_detail_view_never_fails_on_a_huge_or_missing_number() -> None:
    assert number(1e308).startswith("100,000,000,000,000,00")
    assert number(float("inf")) == number(float("-inf")) == number(float("nan")) == "–"
    assert (number(1420.0), number(12.34), number(150.5)) == ("1,420", "12.3", "150")


# ---------------------------------------------------------------- 2. control characters


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f"], ids=["NUL", "SOH", "ESC", "DEL"])
def test_a_control_character_is_an_error_at_its_line_and_column(data: Path, char: str) -> None:
    text = projects_text(("plant, with a comma.", f"plant,{char} with a comma."))
    found = errors(data, "projects.csv", text.encode())
    expected = "projects.csv:2: description: must not contain control characters"
    assert [e for e in found if e.startswith(expected)] == [
        f"{expected} (NUL, other codes below U+0020 but tab and line break, DEL), "
        f"got {f'A fixture hydropower plant,{char} with a comma.'!r}"
    ]


def test_tabs_and_line_breaks_in_quoted_text_are_allowed(data: Path) -> None:
    text = projects_text(("plant, with a comma.", "plant,\twith a comma"))
    assert "over two lines" in text  # the fixture has a line break inside a quoted field
    assert errors(data, "projects.csv", text.encode()) == []


# ---------------------------------------------------------------- 3. line endings


@pytest.mark.parametrize("ending", ["\r", "\r\n"], ids=["CR", "CRLF"])
def test_cr_and_crlf_files_read_as_lf_ones(data: Path, ending: str) -> None:
    lf = check(data, "projects.csv", projects_text().encode())[1]["projects"]
    report, frames = check(data, "projects.csv", projects_text().replace("\n", ending).encode())
    assert report.ok, [str(e) for e in report.errors]
    pd.testing.assert_frame_equal(frames["projects"].df, lf.df)
    assert frames["projects"].lines == lf.lines


def test_a_cr_only_file_on_the_command_line(data: Path, tmp_path: Path, capsys) -> None:
    before = hashes(data)
    good = tmp_path / "good" / "projects.csv"
    good.parent.mkdir()
    good.write_bytes(projects_text().replace("\n", "\r").encode())
    assert main(["apply", "projects", str(good), "--data", str(data)]) == 0
    assert "projects: 0 added, 0 changed, 0 removed" in capsys.readouterr().out
    bad = tmp_path / "bad" / "projects.csv"
    bad.parent.mkdir()
    text = projects_text(("technology_transfer,operational", "x,operational"))
    bad.write_bytes(text.replace("\n", "\r").encode())
    assert main(["apply", "projects", str(bad), "--data", str(data)]) != 0
    out = capsys.readouterr().out
    assert "projects.csv:4: mode: must be one of: joint_lab" in out  # lines counted across CRs
    assert "nothing was changed" in out
    assert hashes(data) == before


# ---------------------------------------------------------------- 4. a file cut short


def test_a_file_cut_inside_its_last_quoted_field_is_refused(data: Path) -> None:
    text = projects_text()
    cut = text[: text.index("over two lines.") + 4]  # fibre-d's description starts on line 5
    assert errors(data, "projects.csv", cut.encode()) == [
        'projects.csv:5: -: the file ends inside a quoted field (a " that is never closed): '
        "it looks cut short; save it again"
    ]


def test_a_stray_quote_inside_a_cell_is_not_taken_for_a_cut(data: Path) -> None:
    text = projects_text(("Fixture agreement.", 'Fixture agreement for 5" seed drills.'))
    assert text.count('"') % 2 == 1
    assert errors(data, "projects.csv", text.encode()) == []


# ---------------------------------------------------------------- 5. formulas


def test_a_workbook_reads_as_its_csv(data: Path) -> None:
    csv_frame = check(data, "projects.csv", projects_text().encode())[1]["projects"]
    report, frames = check(data, "projects.xlsx", xlsx_of(fixture_rows()))
    assert report.ok, [str(e) for e in report.errors]
    pd.testing.assert_frame_equal(frames["projects"].df, csv_frame.df)


def test_a_formula_cell_is_refused_naming_the_cell(data: Path) -> None:
    rows = fixture_rows()
    rows[1][16] = "=A1*2"  # amount_usd_m, column Q; openpyxl stores no computed value
    assert refused(data, "projects.xlsx", xlsx_of(rows)) == (
        "projects.xlsx: cell Q2 holds a formula (=A1*2); paste values instead "
        "(copy the sheet, then Paste Special > Values)"
    )


# ---------------------------------------------------------------- 6. empty files


@pytest.mark.parametrize("content", [b"   ", b" \n\t\n", b"\r\n\r\n", b"\xef\xbb\xbf \n"])
def test_a_whitespace_only_file_is_empty(data: Path, content: bytes) -> None:
    assert refused(data, "projects.csv", content) == "projects.csv: the file is empty"


def test_a_workbook_with_an_empty_sheet_is_empty(data: Path) -> None:
    assert refused(data, "projects.xlsx", xlsx_of([])) == "projects.xlsx: the file is empty"


# ---------------------------------------------------------------- 7. hostile workbooks


def refused_quickly(data: Path, book: bytes, seconds: float = 10) -> str:
    """The refusal of a workbook, checking it came within `seconds` and that this process's
    peak memory grew by under 50 MB (the work, if any, was done in the child)."""
    assert len(book) < upload.MAX_BYTES  # passes the upload limit
    peak_memory_reset()
    before = peak_memory_mb()
    start = time.monotonic()
    message = refused(data, "projects.xlsx", book)
    assert time.monotonic() - start < seconds
    assert peak_memory_mb() - before < 50
    return message


def test_a_zip_bomb_is_refused_before_it_is_read(data: Path) -> None:
    bomb = workbook(3_000_000)  # 153 MB of XML: 97-120 s and 900 MB in the server, before
    assert unpacked(bomb) > 140 * 1024 * 1024
    assert refused_quickly(data, bomb, seconds=2) == (
        "projects.xlsx: the workbook unpacks to 140 MB, more than the 50 MB allowed; "
        "save the table alone as CSV or a smaller workbook"
    )


def test_a_sheet_of_too_many_rows_is_refused(data: Path) -> None:
    book = workbook(400_000)
    assert unpacked(book) < upload.MAX_UNPACKED  # only the row cap can catch it
    assert refused_quickly(data, book) == (
        "projects.xlsx: the workbook has more than 300,000 rows; a table here has far fewer"
    )


def test_a_row_numbered_a_million_is_refused(data: Path) -> None:
    # One row tag, but openpyxl yields the 999,999 empty rows before it.
    far = b'<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'
    assert "more than 300,000 rows" in refused_quickly(data, workbook(1, row=far))


def our_readers() -> list[int]:
    """Workbook readers this process started that are still running."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (stat.parent / "cmdline").read_bytes()
        except (OSError, IndexError):
            continue
        if ppid == os.getpid() and b"analytics.workbook" in cmdline:
            found.append(int(stat.parent.name))
    return found


def test_a_workbook_that_reads_too_long_is_stopped(data: Path, monkeypatch) -> None:
    monkeypatch.setenv("CPST_WORKBOOK_SECONDS", "1")
    book = workbook(250_000)  # under every size limit; about 10 s to parse
    message = refused_quickly(data, book, seconds=5)
    assert message == (
        "projects.xlsx: the workbook took too long to read (more than 1 s); save the table as CSV"
    )
    assert our_readers() == []  # the child was killed, not left running


def test_a_workbook_that_needs_too_much_memory_is_stopped(data: Path, monkeypatch) -> None:
    monkeypatch.setattr(upload, "MEMORY", 250 * 1024 * 1024)
    report, _ = check(data, "projects.xlsx", xlsx_of(fixture_rows()))
    assert report.ok  # the limit leaves room for an ordinary workbook
    book = workbook(1, strings=1_600_000)  # 40 MB of shared strings, all read at once
    assert unpacked(book) < upload.MAX_UNPACKED
    assert refused_quickly(data, book) == (
        "projects.xlsx: the workbook needed too much memory to read (more than 250 MB); "
        "save the table as CSV"
    )


def test_hostile_workbooks_on_the_command_line(data: Path, tmp_path: Path, capsys) -> None:
    before = hashes(data)
    for rows in (3_000_000, 400_000):
        path = tmp_path / str(rows) / "projects.xlsx"
        path.parent.mkdir()
        path.write_bytes(workbook(rows))
        assert main(["apply", "projects", str(path), "--data", str(data)]) != 0
        out = capsys.readouterr().out
        assert out.startswith("refused: projects.xlsx: the workbook ")
        assert ("unpacks to 140 MB" if rows > 1_000_000 else "more than 300,000 rows") in out
    assert hashes(data) == before


AIDDATA = ["id", "Title", "Status", "Recipient", "AidData Sector Name", "Commitment Year"]
AIDDATA += ["Amount (Constant USD2017)"]
AIDDATA += [c for c in aiddata.REQUIRED if c not in AIDDATA]  # every column it reads


def test_an_aiddata_workbook_is_read_in_the_child_too(data: Path, tmp_path, capsys, monkeypatch):
    def no(*args, **kwargs):
        raise AssertionError("pd.read_excel in the server process")

    monkeypatch.setattr(pd, "read_excel", no)
    row = ["901", "Riverbend Hydropower Dam", "Completion", "Pakistan", "ENERGY", 2009, 5e7]
    row += [""] * (len(AIDDATA) - len(row))
    rows, release = aiddata.read("gcdf.xlsx", xlsx_of([AIDDATA, row]))
    assert release is aiddata.GCDF2
    assert rows.loc[0, ["Commitment Year", "Amount (Constant USD2017)"]].tolist() == [
        "2009",
        "50000000",
    ]
    path = tmp_path / "gcdf.xlsx"
    path.write_bytes(workbook(3_000_000))
    before = hashes(data)
    assert main(["import", "aiddata", str(path), "--data", str(data)]) != 0
    assert "the workbook unpacks to 140 MB, more than the 50 MB allowed" in capsys.readouterr().out
    assert hashes(data) == before


# ---------------------------------------------------------------- the server stays responsive


def test_the_server_answers_while_a_hostile_workbook_is_read(page, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    before = hashes(data)
    book = tmp_path / "upload" / "projects.xlsx"
    book.parent.mkdir()
    book.write_bytes(workbook(250_000))  # passes every cheap check; about 10 s to parse
    log = tmp_path / "streamlit.log"

    def readers() -> list[int]:
        """The server's workbook readers, known by the data directory they inherited."""
        found = []
        for environ in Path("/proc").glob("[0-9]*/environ"):
            try:
                ours = f"CPST_DATA_DIR={data}".encode() in environ.read_bytes().split(b"\0")
                if ours and b"analytics.workbook" in (environ.parent / "cmdline").read_bytes():
                    found.append(int(environ.parent.name))
            except OSError:
                continue
        return found

    with serve(data, log, CPST_DATA_EDITING="1", CPST_WORKBOOK_SECONDS="4") as url:
        page.goto(f"{url}/data")
        wait_for_app(page)
        page.locator('[data-testid="stFileUploader"] input[type="file"]').set_input_files(str(book))
        deadline = time.monotonic() + 30
        while not readers():
            assert time.monotonic() < deadline, "the workbook reader never started"
            page.wait_for_timeout(50)
        latencies = []
        while readers():
            start = time.monotonic()
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=5) as answer:
                assert answer.status == 200
            latencies.append(time.monotonic() - start)
            page.wait_for_timeout(100)  # pace the polls; the browser keeps running meanwhile
        page.get_by_text("the workbook took too long to read (more than 4 s)").wait_for(
            timeout=30_000
        )
        assert page.get_by_text("Nothing was changed:").count() >= 1
    assert len(latencies) >= 10, latencies  # polled all through the ~4 s of reading
    assert max(latencies) < 1.0, latencies
    assert hashes(data) == before
