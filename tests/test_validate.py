"""The validator: each kind of check reports the right file, line, column and message."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

import pytest

from analytics.__main__ import main
from analytics.validate import validate_dir

FIXTURE = Path(__file__).parent / "fixtures" / "data"

# Lines in the fixture's projects.csv: header 1, hydro-a 2, solar-b 3, sat-c 4,
# fibre-d 5-6 (its description holds a newline), lab-e 7, mou-f 8.


@pytest.fixture
def data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(FIXTURE, target)
    return target


def replace(directory: Path, file: str, old: str, new: str) -> None:
    path = directory / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must occur once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def rewrite(directory: Path, file: str, change) -> None:
    """Rewrite a CSV through csv.DictReader/DictWriter: change(fieldnames, rows) -> same."""
    path = directory / file
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        fields, rows = change(list(reader.fieldnames), list(reader))
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fields, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def errors(directory: Path) -> list[str]:
    report, _ = validate_dir(directory)
    return [str(e) for e in report.errors]


def test_clean_fixture_passes_with_warnings(data: Path) -> None:
    report, frames = validate_dir(data, today=CHECKED)
    assert report.errors == []
    assert report.counts["projects"] == 6
    assert report.sectors == 5
    assert report.years == (2015, 2024)
    assert [str(w) for w in report.warnings] == [
        "projects.csv:3: amount_usd_m: warning: amount undisclosed",
        "projects.csv:4: amount_usd_m: warning: amount undisclosed",
        "projects.csv:5: latitude: warning: site has no coordinates",
        "projects.csv:7: amount_usd_m: warning: amount undisclosed",
    ]
    assert frames["projects"].lines == [2, 3, 4, 5, 7, 8]


TEXT_CASES = {
    "type: number": (
        "projects.csv",
        ",1420,nominal,",
        ",lots,nominal,",
        "projects.csv:2: amount_usd_m: must be a number, got 'lots'",
    ),
    "type: partial date": (
        "projects.csv",
        ",2018-07-09,,CN,",
        ",2018-13,,CN,",
        "projects.csv:4: completion_date: must be a date as YYYY, YYYY-MM or YYYY-MM-DD, "
        "got '2018-13'",
    ),
    "type: impossible day": (
        "milestones.csv",
        "2022-06-29,commissioned",
        "2022-02-30,commissioned",
        "milestones.csv:3: date: must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got '2022-02-30'",
    ),
    "type: full date required": (
        "sources.csv",
        "2022-07-01,2026-11-27",
        "2022-07-01,2026-11",
        "sources.csv:2: accessed: must be a full date YYYY-MM-DD, got '2026-11'",
    ),
    "type: url": (
        "sources.csv",
        "https://example.org/c",
        "example.org/c",
        "sources.csv:4: url: must be an http(s):// address, got 'example.org/c'",
    ),
    "vocabulary: status": (
        "projects.csv",
        "technology_transfer,operational",
        "technology_transfer,done",
        "projects.csv:4: status: must be one of: proposed, agreed, under_implementation, "
        "operational, suspended, cancelled, got 'done'",
    ),
    "vocabulary: role": (
        "project_partners.csv",
        "sat-c,inst-cn-2,lead",
        "sat-c,inst-cn-2,boss",
        "project_partners.csv:5: role: must be one of: lead, partner, financier, contractor, "
        "host, got 'boss'",
    ),
    "reference: unknown sector": (
        "projects.csv",
        "space,satellites",
        "astro,satellites",
        "projects.csv:4: sector: 'astro' is not a known code in sectors.csv",
    ),
    "reference: subsector of another sector": (
        "projects.csv",
        "space,satellites",
        "space,hydro",
        "projects.csv:4: subsector: 'hydro' belongs to sector 'green_energy'",
    ),
    "reference: partner institution": (
        "project_partners.csv",
        "fibre-d,inst-cn-1",
        "fibre-d,inst-cn-9",
        "project_partners.csv:7: institution_id: 'inst-cn-9' is not a known id in institutions.csv",
    ),
    "reference: milestone project": (
        "milestones.csv",
        "sat-c,2018-07-09",
        "sat-x,2018-07-09",
        "milestones.csv:4: project_id: 'sat-x' is not a known id in projects.csv",
    ),
    "reference: milestone source": (
        "milestones.csv",
        "Launched.,src-c",
        "Launched.,src-z",
        "milestones.csv:4: source_id: 'src-z' is not a known id in sources.csv",
    ),
    "reference: cpec source": (
        "projects.csv",
        "yes,src-b",
        "yes,src-q",
        "projects.csv:5: cpec_source_id: 'src-q' is not a known id in sources.csv",
    ),
    "unique id": (
        "projects.csv",
        "solar-b,Test Solar B",
        "hydro-a,Test Solar B",
        "projects.csv:3: id: duplicate id 'hydro-a' (first on line 2)",
    ),
    "unique compound key": (
        "project_partners.csv",
        "hydro-a,inst-pk-1,partner",
        "hydro-a,inst-cn-1,lead",
        "project_partners.csv:3: project_id+institution_id+role: duplicate "
        "project_id+institution_id+role 'hydro-a, inst-cn-1, lead' (first on line 2)",
    ),
    "required value empty": (
        "projects.csv",
        "sat-c,Test Satellite C",
        "sat-c,",
        "projects.csv:4: title_en: required value is empty",
    ),
    "dates in order": (
        "projects.csv",
        "2016,2017,2018-07-09",
        "2016,2017,2016-05",
        "projects.csv:4: completion_date: completion_date 2016-05 is before start_date 2017",
    ),
    "dates in order: agreement after start": (
        "projects.csv",
        "2023-05,2024,",
        "2024-06,2024-02,",
        "projects.csv:3: start_date: start_date 2024-02 is before agreement_date 2024-06",
    ),
    "amount not negative": (
        "projects.csv",
        ",44,nominal,",
        ",-44,nominal,",
        "projects.csv:5: amount_usd_m: must be ≥ 0, got '-44'",
    ),
    "capacity not negative": (
        "projects.csv",
        ",300,no,",
        ",-300,no,",
        "projects.csv:3: capacity_mw: must be ≥ 0, got '-300'",
    ),
    "amount needs its basis": (
        "projects.csv",
        "12.5,nominal,2024",
        "12.5,,2024",
        "projects.csv:8: amount_basis: required when an amount is given",
    ),
    "coordinates inside Pakistan": (
        "projects.csv",
        "33.6,73.6",
        "33.6,3.6",
        "projects.csv:2: latitude: (33.6, 3.6) is outside PK",
    ),
    "coordinates inside China": (
        "projects.csv",
        "40.96,100.28",
        "10.96,100.28",
        "projects.csv:4: latitude: (10.96, 100.28) is outside CN",
    ),
    "both coordinates": (
        "projects.csv",
        "29.3,71.8",
        "29.3,",
        "projects.csv:3: longitude: give both coordinates or none",
    ),
    "cpec needs its source": (
        "projects.csv",
        "yes,src-a",
        "yes,",
        "projects.csv:2: cpec_source_id: a CPEC project needs the source that lists it",
    ),
    "every project sourced": (
        "project_sources.csv",
        "mou-f,src-b,all\n",
        "",
        "projects.csv:8: id: project has no source in project_sources.csv",
    ),
    "a Chinese name states its basis": (
        "institutions.csv",
        "测试巴方大学,translated,",
        "测试巴方大学,,",
        "institutions.csv:5: name_zh_basis: a Chinese name needs its basis: "
        "('official', 'translated')",
    ),
    "a basis without a Chinese name": (
        "projects.csv",
        "测试卫星C,translated,",
        ",translated,",
        "projects.csv:4: title_zh: title_zh_basis given without a Chinese name",
    ),
    "an official name cites its source": (
        "institutions.csv",
        "测试企业,official,src-b,",
        "测试企业,official,,",
        "institutions.csv:2: name_zh_source: an official Chinese name cites its source",
    ),
    "a translated name cites none": (
        "institutions.csv",
        "测试科学院,translated,,",
        "测试科学院,translated,src-c,",
        "institutions.csv:3: name_zh_source: a translated name has no source to cite",
    ),
    "an official title cites one of the project's sources": (
        "projects.csv",
        "测试水电A,official,src-a,",
        "测试水电A,official,src-c,",  # src-c is a known source, but not one of hydro-a's
        "projects.csv:2: title_zh_source: the source of the Chinese title is also one of the "
        "project's sources",
    ),
    "row with too few fields": (
        "institutions.csv",
        "inst-pk-2,Test Pakistani University,测试巴方大学,translated,,TPU,PK,university,Lahore,",
        "inst-pk-2,Test Pakistani University",
        "institutions.csv:5: -: expected 10 fields as in the header, found 2",
    ),
}


@pytest.mark.parametrize("case", TEXT_CASES.values(), ids=TEXT_CASES.keys())
def test_broken_file_is_reported_at_its_line(data: Path, case) -> None:
    file, old, new, expected = case
    replace(data, file, old, new)
    found = errors(data)
    assert expected in found, "\n".join(found)


def test_a_missing_chinese_name_is_a_warning_and_lowers_the_share(data: Path) -> None:
    replace(data, "projects.csv", "测试光伏B,translated,", ",,")
    report, _ = validate_dir(data)
    assert report.ok
    assert "projects.csv:3: title_zh: warning: no Chinese name" in map(str, report.warnings)
    assert report.chinese_lines()[0] == (
        "Chinese names, projects: 5 of 6 (83 %): 1 official (17 %), 4 translated (67 %)"
    )


def test_required_column_missing(data: Path) -> None:
    rewrite(data, "projects.csv", lambda f, r: ([x for x in f if x != "status"], r))
    assert "projects.csv:1: status: required column is missing" in errors(data)


def test_unknown_column(data: Path) -> None:
    rewrite(data, "institutions.csv", lambda f, r: (f + ["budget"], r))
    assert "institutions.csv:1: budget: unknown column" in errors(data)


def test_missing_file(data: Path) -> None:
    (data / "milestones.csv").unlink()
    assert "milestones.csv:0: -: file is missing" in errors(data)


def test_empty_file(data: Path) -> None:
    (data / "sources.csv").write_bytes(b"")
    assert "sources.csv:1: -: file is empty: no header line" in errors(data)


def test_not_utf8(data: Path) -> None:
    path = data / "institutions.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    assert "institutions.csv:1: -: file is not UTF-8 text; save it as UTF-8 CSV" in errors(data)


def test_utf8_bom_is_accepted(data: Path) -> None:
    path = data / "institutions.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert errors(data) == []


def test_cli_prints_errors_and_fails(data: Path, capsys) -> None:
    replace(data, "projects.csv", "technology_transfer,operational", "technology_transfer,done")
    assert main(["validate", "--as-of", "2026-12-06", str(data)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("projects.csv:4: status: must be one of:")
    assert out[-6].endswith("1 errors, 4 warnings")


def test_cli_passes_clean_data(data: Path, capsys) -> None:
    assert main(["validate", "--quiet", "--as-of", "2026-12-06", str(data)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "15 sectors, 56 subsectors, 4 institutions, 3 sources, 6 projects, "
        "8 project_partners, 3 milestones, 6 project_sources, 1 institution_aliases, "
        "1 targets, 1 meetings, 5 record_changes; 5 sectors with projects; years 2015–2024; "
        "0 errors, 4 warnings",
        "Freshness: statuses checked within 12 months: 6 of 6 (100 %)",
        "Single source: 6 projects rest on one source (6 searched, no second one exists)",
        "Coverage: 20 fields and 6 modes; 6 of 6 projects in at least one field; 26 thin "
        "(under 3 projects): Green energy 2, Digital economy 1, Smart cities 0, New materials 0, "
        "Minerals 0, Agriculture 1, Food processing 0, Herbal medicine 0, Ocean sciences 0, "
        "Transport 0, Space 1, Aerospace 0, Medical technology 0, Drug discovery 0, Vaccines 0, "
        "AI 1, Big data 0, Cloud 0, Fintech 0, Biotech 0, Joint labs and joint R&D 1, "
        "Technology parks 0, Technology transfer 1, STEM education 0, Exchanges and training 0, "
        "Entrepreneurship 0",
        # hydro-a's title and inst-cn-1's name cite a source; every other name is translated
        "Chinese names, projects: 6 of 6 (100 %): 1 official (17 %), 5 translated (83 %)",
        "Chinese names, institutions: 4 of 4 (100 %): 1 official (25 %), 3 translated (75 %); "
        "Chinese institutions 2 of 2 (100 %)",
    ]


# ---------------------------------------------------------------- keeping the data true

CHECKED = date(2026, 12, 6)  # the fixture's statuses were checked on 2026-11-27


def set_cells(directory: Path, file: str, key: str, changes: dict[str, dict[str, str]]) -> None:
    """Set cells of the rows whose `key` column is in `changes` ({key: {column: value}})."""

    def change(fields, rows):
        for row in rows:
            row.update(changes.get(row[key], {}))
        return fields, rows

    rewrite(directory, file, change)


def findings(directory: Path, today: date = CHECKED) -> list[str]:
    report, _ = validate_dir(directory, today=today)
    return [str(f) for f in report.findings]


def test_statuses_older_than_a_year_are_due_and_the_share_is_reported(data: Path) -> None:
    report, _ = validate_dir(data, today=CHECKED)
    assert report.fresh == (6, 6)
    assert "Freshness: statuses checked within 12 months: 6 of 6 (100 %)" in report.summary()
    # 2026-11-27 + 365 days is 2027-11-27: due the day after
    assert validate_dir(data, today=date(2027, 11, 27))[0].fresh == (6, 6)
    report, _ = validate_dir(data, today=date(2027, 11, 28))
    assert report.fresh == (0, 6)
    assert "projects.csv:2: last_checked: warning: status last checked 2026-11-27: review it" in (
        map(str, report.warnings)
    )
    assert report.ok  # a due review is a warning, not an error


def test_a_status_its_own_dates_contradict_is_flagged(data: Path) -> None:
    set_cells(
        data,
        "projects.csv",
        "id",
        {
            "mou-f": {"start_date": "2025"},  # proposed, yet started
            "lab-e": {"completion_date": "2025-03"},  # agreed, yet completed
            # under implementation, planned for 2025, last checked before 2025 was over
            "solar-b": {"last_checked": "2025-06-30"},
        },
    )
    found = findings(data)
    started = "a proposed project has a start date (2025): which is out of date?"
    assert f"projects.csv:8: status: warning: {started}" in found
    assert "projects.csv:7: status: warning: status agreed but completed 2025-03" in found
    assert (
        "projects.csv:3: status: warning: planned completion 2025 has passed since the status "
        "was last checked" in found
    )
    # checked once the plan's year was over, a late project is not flagged again
    set_cells(data, "projects.csv", "id", {"solar-b": {"last_checked": "2026-01-02"}})
    assert not any(f.startswith("projects.csv:3: status") for f in findings(data))


def test_notes_that_contradict_their_fields_and_dateless_operational_projects(data: Path) -> None:
    set_cells(
        data,
        "projects.csv",
        "id",
        {
            "hydro-a": {"notes": "Cost not disclosed by the sponsor."},  # amount 1420 is given
            "sat-c": {"notes": "Start date unknown; launched in 2018."},  # start 2017 is given
            "fibre-d": {"agreement_date": "", "start_date": "", "completion_date": ""},
        },
    )
    found = findings(data)
    assert (
        "projects.csv:2: notes: warning: the notes say amount_usd_m is unknown, but it is 1420"
        in found
    )
    assert (
        "projects.csv:4: notes: warning: the notes say start_date is unknown, but it is 2017"
        in found
    )
    assert (
        "projects.csv:5: completion_date: warning: an operational project without the year it "
        "was agreed, started or completed is in no year's figures: find the year" in found
    )
    assert sum("notes:" in f for f in found) == 2  # "launched in 2018" says nothing empty


def test_tag_pages_duplicates_and_mirrors_among_sources(data: Path) -> None:
    def change(fields, rows):
        rows[0]["url"] = "https://example.org/tag/zte/"
        rows[1]["url"] = "https://www.example.com/news/story?amp=1"
        rows[2]["url"] = "http://example.com/news/story/"  # the same page as row 1
        return fields, rows

    rewrite(data, "sources.csv", change)
    found = findings(data)
    assert (
        "sources.csv:2: url: a tag, category or search page is not a source: cite the article"
        in found
    )
    assert "sources.csv:4: url: the same page as source 'src-b': merge the two" in found
    report, _ = validate_dir(data, today=CHECKED)
    assert len(report.errors) == 2
    rewrite(
        data,
        "sources.csv",
        lambda f, r: (f, [{**r[0], "url": "https://wikimili.com/en/Dam"}, *r[1:]]),
    )
    mirror = "wikimili.com is a copy, forum or aggregator: cite the original"
    assert f"sources.csv:2: url: warning: {mirror}" in findings(data)


def test_single_sources_are_counted_and_said(data: Path) -> None:
    # every fixture project cites one source and says none other exists
    assert validate_dir(data, today=CHECKED)[0].single == (6, 6)
    set_cells(data, "projects.csv", "id", {"hydro-a": {"single_source": ""}})
    found = findings(data)
    assert (
        "projects.csv:2: id: warning: rests on one source: add an independent second one, or set "
        "single_source=yes once a search found none" in found
    )
    assert validate_dir(data, today=CHECKED)[0].single == (6, 5)
    # a second source while the record says none exists is an error
    with (data / "project_sources.csv").open("a", encoding="utf-8") as fh:
        fh.write("solar-b,src-b,amount\n")
    report, _ = validate_dir(data, today=CHECKED)
    assert [str(e) for e in report.errors] == [
        "projects.csv:3: single_source: single_source=yes, but 2 sources are cited"
    ]
    assert report.single == (5, 4)


def test_coverage_counts_fields_and_modes_from_the_taxonomy(data: Path) -> None:
    from analytics import coverage

    _, frames = validate_dir(data, today=CHECKED)
    table = coverage.counts(frames["projects"].df).set_index("name")["projects"]
    # hydro-a and solar-b are green energy; fibre-d digital; sat-c space; lab-e AI (a joint
    # lab); mou-f agriculture; sat-c is a technology transfer
    assert table["Green energy"] == 2
    assert (table["Digital economy"], table["Space"], table["AI"], table["Agriculture"]) == (
        1,
        1,
        1,
        1,
    )
    assert (table["Joint labs and joint R&D"], table["Technology transfer"]) == (1, 1)
    assert (
        table.drop(
            [
                "Green energy",
                "Digital economy",
                "Space",
                "AI",
                "Agriculture",
                "Joint labs and joint R&D",
                "Technology transfer",
            ]
        ).sum()
        == 0
    )
    line = coverage.summary(frames["projects"].df)
    assert line.startswith(
        "Coverage: 20 fields and 6 modes; 6 of 6 projects in at least one field; 26 thin"
    )


def test_an_institution_added_under_another_of_its_names_is_refused(data: Path) -> None:
    # inst-cn-1 is "Test Chinese Enterprise" (TCE), also known as "TCE Group" (an alias)
    for name, short in (
        ("TCE Group", ""),
        ("Test Chinese Enterprise (TCE)", ""),
        ("New Co", "TCE"),
    ):
        shutil.copy(FIXTURE / "institutions.csv", data / "institutions.csv")
        with (data / "institutions.csv").open("a", encoding="utf-8") as fh:
            fh.write(f'new-co,"{name}",,,,{short},CN,enterprise,,\n')
        assert (
            "institutions.csv:6: name_en: the same institution as 'inst-cn-1' (by its name, "
            "short name or an alias): use that id" in errors(data)
        ), name
    shutil.copy(FIXTURE / "institutions.csv", data / "institutions.csv")
    assert errors(data) == []
    with (data / "institution_aliases.csv").open("a", encoding="utf-8") as fh:
        fh.write("Test Chinese Academy,inst-cn-1,\n")  # already the name of inst-cn-2
    assert "institution_aliases.csv:3: alias: 'Test Chinese Academy' already names 'inst-cn-2'" in (
        errors(data)
    )
