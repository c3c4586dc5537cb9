"""The AidData GCDF importer, on small files written here (2.0 and 3.0 in shape) and on
the real 2.0 export."""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analytics import aiddata, maintain
from analytics.__main__ import main
from analytics.db import Database
from analytics.filters import Filters
from analytics.kpis import compute
from analytics.validate import Report, read_dir

FIXTURE = Path(__file__).parent / "fixtures" / "data"
REAL = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "aiddata"
    / ("aiddata_gcdf2_pakistan_rows.csv")
)
COLUMNS = [
    "id", "AidData TUFF Project ID", "Recommended For Aggregates", "Umbrella", "Title", "Status",
    "Implementation Start Year", "Completion Year", "Flow Type", "Flow Class",
    "AidData Sector Name", "Commitment Year", "Funding Agencies", "Receiving Agencies",
    "Implementing Agencies", "Recipient", "Amount (Constant USD2017)",
    "Planned Implementation Start Date (MM/DD/YYYY)", "Planned Completion Date (MM/DD/YYYY)",
    "Actual Implementation Start Date (MM/DD/YYYY)", "Actual Completion Date (MM/DD/YYYY)",
    "finance_type", "viz_geojson_url", "dl_geojson_url",
]  # fmt: skip
# Written for this test in AidData's shape (not AidData's data): five rows.
ROWS = [
    # 1: a new hydro loan, completed, agencies with "|" and trailing spaces, floats for years
    dict(id="901", Title="China Eximbank provides $50 million loan for Riverbend Hydropower Dam",
         Status="Completion", **{"Implementation Start Year": "2010.0", "Completion Year": "2013.0",
         "Flow Type": "Loan", "Flow Class": "OOF-like", "AidData Sector Name": "ENERGY",
         "Commitment Year": "2009", "Funding Agencies": "Test Chinese Enterprise",
         "Receiving Agencies": "Riverbend Power Board ", "Implementing Agencies":
         "Sinohydro Test Works|Riverbend Power Board", "Recipient": "Pakistan",
         "Amount (Constant USD2017)": "50000000", "Recommended For Aggregates": "Yes",
         "Actual Implementation Start Date (MM/DD/YYYY)": "2010-03-01T00:00:00",
         "Actual Completion Date (MM/DD/YYYY)": "2013-06-30T00:00:00"}),
    # 2: the same asset as the fixture's "Test Hydro A": linked, not duplicated
    dict(id="902", Title="Chinese bank loan for the Test Hydro A scheme", Status="Completion",
         **{"AidData Sector Name": "ENERGY", "Recipient": "Pakistan", "Commitment Year": "2015",
         "Amount (Constant USD2017)": "999000000", "Recommended For Aggregates": "Yes",
         "Flow Type": "Loan"}),
    # 3: another recipient: skipped
    dict(id="903", Title="Road in Nepal", Status="Completion", **{"Recipient": "Nepal",
         "AidData Sector Name": "TRANSPORT AND STORAGE"}),
    # 4: an umbrella grant not recommended for aggregates, amount kept but out of totals
    dict(id="904", Title="Chinese Government provides grant for Gwadar vocational training",
         Status="Pipeline: Pledge", **{"AidData Sector Name": "EDUCATION", "Recipient": "Pakistan",
         "Commitment Year": "2016", "Flow Type": "Grant", "Recommended For Aggregates": "No",
         "Amount (Constant USD2017)": "2000000", "Funding Agencies": "China Ministry of Commerce"}),
    # 5: a sector outside the taxonomy, amount undisclosed
    dict(id="905", Title="Budget support", Status="Completion", **{"Recipient": "Pakistan",
         "AidData Sector Name": "GOVERNMENT AND CIVIL SOCIETY", "Amount (Constant USD2017)": ""}),
]  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def export_bytes() -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows({**r, "AidData TUFF Project ID": r["id"]} for r in ROWS)
    return out.getvalue().encode("utf-8")


def test_summary_of_a_small_export(data: Path) -> None:
    uploads, summary = aiddata.plan(data, "small.csv", export_bytes(), "2026-11-27")
    assert (summary.read, summary.imported) == (5, 2)
    assert summary.linked == {"902": "hydro-a"}
    assert dict(summary.skipped) == {
        "recipient is Nepal, not Pakistan": 1,
        "sector 'GOVERNMENT AND CIVIL SOCIETY' has no place in this dashboard's taxonomy": 1,
    }
    assert summary.total_usd_m == pytest.approx(52.0)  # 50 + 2 (the umbrella grant)
    assert summary.recommended_usd_m == pytest.approx(50.0)
    assert sorted(u.table for u in uploads) == [
        "institutions", "project_partners", "project_sources", "projects", "sources",
    ]  # fmt: skip


def test_records_are_mapped_field_by_field(data: Path) -> None:
    uploads, _ = aiddata.plan(data, "small.csv", export_bytes(), "2026-11-27")
    tables = {u.table: pd.read_csv(io.BytesIO(u.data), dtype=str).fillna("") for u in uploads}
    p = tables["projects"].set_index("id")
    dam = p.loc["aiddata-901"]
    assert (dam["sector"], dam["subsector"], dam["mode"], dam["status"]) == (
        "green_energy", "hydro", "investment", "operational",
    )  # fmt: skip
    assert (dam["agreement_date"], dam["start_date"], dam["completion_date"]) == (
        "2009", "2010-03-01", "2013-06-30",
    )  # fmt: skip
    assert (dam["amount_usd_m"], dam["amount_basis"], dam["amount_year"]) == (
        "50.000",
        "constant",
        "2017",
    )
    assert dam["source_dataset"] == "aiddata_gcdf2" and dam["excluded_from_totals"] == ""
    grant = p.loc["aiddata-904"]
    assert (grant["mode"], grant["status"], grant["excluded_from_totals"]) == (
        "donation_aid",
        "proposed",
        "yes",
    )
    assert (grant["sector"], grant["subsector"]) == ("stem_education", "vocational_training")
    assert "aiddata-902" not in p.index  # linked to hydro-a instead
    links = tables["project_sources"]
    assert ["hydro-a", "aiddata-gcdf2-902"] in links[["project_id", "source_id"]].values.tolist()
    partners = tables["project_partners"]
    dam_partners = partners[partners["project_id"] == "aiddata-901"]
    assert sorted(dam_partners["role"]) == ["contractor", "contractor", "financier", "lead"]
    inst = tables["institutions"].set_index("name_en")
    assert inst.loc["Riverbend Power Board", "id"] == "aiddata-riverbend-power-board"  # stripped
    assert inst.loc["China Ministry of Commerce", "country"] == "CN"
    assert len(inst) == 4 + 3  # the fixture's four; "Test Chinese Enterprise" reused by name
    assert "inst-cn-1" in set(dam_partners["institution_id"])
    source = tables["sources"].set_index("id").loc["aiddata-gcdf2-901"]
    assert (source["url"], source["licence"]) == (
        "https://china.aiddata.org/projects/901",
        "ODC-By 1.0",
    )


def test_import_applies_through_the_ordinary_path_and_can_be_hidden(
    data: Path, tmp_path: Path, capsys
) -> None:
    export = tmp_path / "gcdf.csv"
    export.write_bytes(export_bytes())
    assert (
        main(["import", "aiddata", str(export), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    assert "linked to a curated project (same asset): 1" in capsys.readouterr().out
    db = Database.load(data)
    hidden = {v.kpi.code: v for v in compute(db, Filters(), 2024)}
    shown = {v.kpi.code: v for v in compute(db, Filters(include_imported=True), 2024)}
    assert hidden["projects_total"].value == 5  # the curated five, as before
    assert shown["projects_total"].value == 7
    assert shown["committed_usd"].value == pytest.approx(1476.5 + 50)  # the grant is left out
    log = pd.read_csv(data / maintain.CHANGELOG, dtype=str)
    assert set(log["file"]) == {"gcdf.csv"}
    # A second import of the same file adds nothing.
    assert (
        main(["import", "aiddata", str(export), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    assert "already imported" in capsys.readouterr().out
    assert len(Database.load(data).con.execute("SELECT id FROM data.projects").fetchall()) == 8


def test_a_file_that_is_not_an_export_is_refused(data: Path, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "gcdf.csv"
    bad.write_text("name,value\nx,1\n")
    assert main(["import", "aiddata", str(bad), "--data", str(data)]) == 1
    assert "refused: gcdf.csv" in capsys.readouterr().out


def test_a_corrected_record_updates_the_imported_one(data: Path, tmp_path: Path, capsys) -> None:
    export = tmp_path / "gcdf.csv"
    export.write_bytes(export_bytes())
    assert (
        main(["import", "aiddata", str(export), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    # AidData corrects row 901: US$52 m, not 50; the other rows stay as they were
    export.write_bytes(export_bytes().replace(b"50000000", b"52000000"))
    assert (
        main(["import", "aiddata", str(export), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    out = capsys.readouterr().out
    assert "updated (imported before, changed since): 1" in out
    assert "update: aiddata-901: amount_usd_m" in out
    assert "projects: 0 added, 1 changed, 0 removed" in out
    projects = pd.read_csv(data / "projects.csv", dtype=str).set_index("id")
    assert projects.loc["aiddata-901", "amount_usd_m"] == "52.000"
    assert projects.index.is_unique and len(projects) == 8  # six curated, two imported


def test_partners_are_known_by_their_abbreviations_and_short_names(data: Path) -> None:
    """Fixture: inst-cn-1 "Test Chinese Enterprise" (TCE), inst-cn-2 "Test Chinese Academy"
    (TCA); a bracket that is not an abbreviation stays part of the name."""
    agencies = "Test Chinese Enterprise (TCE)|TCA|Test Chinese Academy (Pakistan)"
    row = {**ROWS[0], "AidData TUFF Project ID": "901", "Funding Agencies": agencies}
    rows = pd.DataFrame([{c: row.get(c, "") for c in COLUMNS}])
    frames = read_dir(data, Report())
    new, _ = aiddata.convert(rows, frames, "2026-11-27")
    funders = [p["institution_id"] for p in new["project_partners"] if p["role"] == "financier"]
    assert sorted(funders) == ["aiddata-test-chinese-academy-pakistan", "inst-cn-1", "inst-cn-2"]


def test_a_missing_file_is_named_as_missing(data: Path, tmp_path: Path, capsys) -> None:
    assert main(["import", "aiddata", str(tmp_path / "nope.csv"), "--data", str(data)]) == 1
    assert "nope.csv: no such file" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # cut in the middle of the last row (line 6) inside its 11th field, the sector name:
        # its amount and everything after must not be read as empty
        (lambda b: b[: b.rindex(b"GOVERNMENT") + 6], "line 6: 11 fields where the header has 24"),
        # a row with one field too many
        (lambda b: b.replace(b"Budget support,", b"Budget support,extra,"), "line 6: 25 fields"),
        # the column that keeps records out of totals, renamed
        (
            lambda b: b.replace(b"Recommended For Aggregates", b"Recommended"),
            "no column Recommended For Aggregates",
        ),
    ],
    ids=["cut", "long", "renamed"],
)
def test_a_damaged_export_is_refused_and_changes_nothing(
    data: Path, tmp_path: Path, capsys, change, message: str
) -> None:
    before = {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()}
    export = tmp_path / "gcdf.csv"
    export.write_bytes(change(export_bytes()))
    assert (
        main(["import", "aiddata", str(export), "--data", str(data), "--yes", "--why", "test"]) == 1
    )
    assert message in capsys.readouterr().out
    assert {p.name: p.read_bytes() for p in data.iterdir() if p.is_file()} == before


@pytest.mark.parametrize(
    ("sector", "title", "expected"),
    [
        ("TRANSPORT AND STORAGE", "Budget support for transport", ("transport", "")),  # no port
        ("TRANSPORT AND STORAGE", "Gwadar Port breakwater", ("transport", "ports")),
        ("ENERGY", "Hydro China builds 50 MW Jhimpir Wind Farm", ("green_energy", "wind")),
        ("ENERGY", "Loan for Riverbend Hydropower Dam", ("green_energy", "hydro")),
        ("ENERGY", "Boiler repair at a power station", ("conventional_energy", "")),  # no oil
        ("GOVERNMENT AND CIVIL SOCIETY", "Budget support", None),
    ],
)
def test_keywords_match_whole_words_and_what_is_built(sector, title, expected) -> None:
    assert aiddata.classify(sector, title) == expected


def test_the_same_file_gives_the_same_tables_on_every_run(data: Path, tmp_path: Path) -> None:
    # set order varies with Python's hash seed: two processes with different seeds
    export = tmp_path / "gcdf.csv"
    export.write_bytes(export_bytes())
    script = (
        "import sys; from pathlib import Path; from analytics import aiddata; "
        "ups, _ = aiddata.plan(Path(sys.argv[1]), 'g.csv', Path(sys.argv[2]).read_bytes(), "
        "'2026-11-27'); print([(u.table, u.data.decode()) for u in ups])"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script, str(data), str(export)],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(outputs) == 1 and "Sinohydro Test Works" in outputs.pop()


@pytest.mark.skipif(not REAL.exists(), reason=f"the real AidData export is not at {REAL}")
def test_the_real_aiddata_export(data: Path, capsys) -> None:
    real = Path(__file__).resolve().parent.parent / "data"
    shutil.rmtree(data)
    shutil.copytree(real, data, ignore=shutil.ignore_patterns(".backups", ".lock"))
    uploads, summary = aiddata.plan(data, REAL.name, REAL.read_bytes(), "2026-11-27")
    assert (summary.read, summary.imported, len(summary.linked)) == (104, 77, 22)
    assert sum(summary.skipped.values()) == 5
    assert summary.linked["37233"] == "karot-hydropower"
    assert "54320" not in summary.linked  # the 2x350 MW plant is not the 2x660 MW Port Qasim
    report, frames = maintain.check(data, uploads)
    assert report.ok, [str(e) for e in report.errors[:5]]
    print("\n".join(summary.lines()))


def test_aliases_name_curated_partners(data: Path) -> None:
    """The fixture's alias table says "TCE Group" is inst-cn-1."""
    row = {**ROWS[0], "AidData TUFF Project ID": "901", "Funding Agencies": "TCE Group"}
    rows = pd.DataFrame([{c: row.get(c, "") for c in COLUMNS}])
    new, _ = aiddata.convert(rows, read_dir(data, Report()), "2026-11-27")
    funders = [p["institution_id"] for p in new["project_partners"] if p["role"] == "financier"]
    assert funders == ["inst-cn-1"]
    assert not any(i["name_en"] == "TCE Group" for i in new["institutions"])


def test_a_row_is_linked_only_inside_its_own_sector(data: Path) -> None:
    """ "Test Hydro A" is the fixture's green-energy hydro-a: an ENERGY row of that name is
    the same asset; an EDUCATION row of that name (a training programme) is not, and one
    outside the taxonomy is skipped before any link."""
    base = {**ROWS[1], "AidData TUFF Project ID": "902"}
    for sector, linked, imported in (
        ("ENERGY", {"902": "hydro-a"}, 0),
        ("EDUCATION", {}, 1),
        ("GOVERNMENT AND CIVIL SOCIETY", {}, 0),
    ):
        rows = pd.DataFrame(
            [{c: {**base, "AidData Sector Name": sector}.get(c, "") for c in COLUMNS}]
        )
        new, summary = aiddata.convert(rows, read_dir(data, Report()), "2026-11-27")
        assert (summary.linked, summary.imported) == (linked, imported), sector
        assert bool(new["sources"]) == bool(linked or imported), sector


def test_an_aiddata_page_the_data_cites_already_is_reused_and_ends_a_single_source(
    data: Path,
) -> None:
    """hydro-a cites src-a alone and says no second source exists; once src-a is AidData's
    page of record 902, linking 902 adds no source, and a link to a new AidData page clears
    single_source (the record has two sources then)."""
    frames = read_dir(data, Report())
    rows = pd.DataFrame(
        [{c: {**ROWS[1], "AidData TUFF Project ID": "902"}.get(c, "") for c in COLUMNS}]
    )
    new, _ = aiddata.convert(rows, frames, "2026-11-27")
    assert [s["url"] for s in new["sources"]] == ["https://china.aiddata.org/projects/902"]
    assert [p["single_source"] for p in new["projects"]] == [""]  # hydro-a, updated
    assert new["projects"][0]["id"] == "hydro-a"
    sources = frames["sources"].df
    sources.loc[sources["id"] == "src-a", "url"] = "https://china.aiddata.org/projects/902/"
    new, summary = aiddata.convert(rows, frames, "2026-11-27")
    assert summary.linked == {"902": "hydro-a"}
    assert (new["sources"], new["project_sources"], new["projects"]) == ([], [], [])


def test_a_gcdf_3_export_is_read_under_its_own_column_names(data: Path) -> None:
    """Version 3.0 names five of the columns differently, writes dates MM/DD/YYYY and gives
    amounts in constant 2021 USD (some of its headers end in a space); the same row is the
    same record, cited as 3.0."""
    renamed = {v: k for k, v in aiddata.GCDF3.renamed.items() if k != "id"}
    columns = [next((n for n, old in renamed.items() if old == c), c) for c in COLUMNS if c != "id"]
    columns = [f"{c} " if c.startswith("Amount") else c for c in columns]
    row = {
        **ROWS[0],
        "AidData TUFF Project ID": "901",
        "Actual Completion Date (MM/DD/YYYY)": "6/30/2013",
    }
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    old_name = {v: k for k, v in aiddata.GCDF3.renamed.items() if k != "id"}
    writer.writerow([row.get(old_name.get(c.strip(), c.strip()), "") for c in columns])
    rows, release = aiddata.read("gcdf3.csv", out.getvalue().encode("utf-8"))
    assert release is aiddata.GCDF3
    new, summary = aiddata.convert(rows, read_dir(data, Report()), "2026-12-06", release)
    (record,) = new["projects"]
    assert (record["id"], record["source_dataset"], record["amount_year"]) == (
        "aiddata-901", "aiddata_gcdf3", "2021",
    )  # fmt: skip
    assert (record["amount_usd_m"], record["amount_measure"]) == ("50.000", "loan")
    assert (record["completion_date"], record["start_date"]) == ("2013-06-30", "2010-03-01")
    assert [s["id"] for s in new["sources"]] == ["aiddata-gcdf3-901"]
    assert "Version 3.0" in new["sources"][0]["title"]
    assert "(constant 2021 USD)" in "\n".join(summary.lines())
    # a file of neither release is refused, naming what each lacks
    with pytest.raises(aiddata.upload.Refused, match="nor a 3.0 one"):
        aiddata.read("other.csv", b"AidData Record ID,Title\n1,x\n")
