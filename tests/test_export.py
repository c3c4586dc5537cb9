"""Table downloads: formula-like text is neutralised, everything else is kept."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analytics.export import safe_csv, safe_xlsx


def test_csv_neutralises_formulas_and_keeps_the_rest() -> None:
    df = pd.DataFrame(
        {
            "title": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "卡洛特水电站", "plain"],
            "amount": [1.5, None, 3.0, 4.0, 5.0, 6.0],
        }
    )
    data = safe_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel and Chinese text
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "卡洛特水电站",
        "plain",
    ]
    assert [r["amount"] for r in rows] == ["1.5", "", "3.0", "4.0", "5.0", "6.0"]


def test_xlsx_has_an_about_sheet_first_and_neutralised_cells() -> None:
    import openpyxl

    df = pd.DataFrame({"title": ["=1+1", "卡洛特水电站"], "amount": [1.5, None]})
    data = safe_xlsx(
        {"Projects": df, "Sources": pd.DataFrame({"url": ["@evil", "https://example.org"]})},
        [("Filters", "All projects"), ("Data as of", "2026-11-27")],
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["About", "Projects", "Sources"]
    about = [[c.value for c in row] for row in book["About"].iter_rows()]
    assert about == [["Filters", "All projects"], ["Data as of", "2026-11-27"]]
    projects = [[c.value for c in row] for row in book["Projects"].iter_rows()]
    assert projects == [["title", "amount"], ["'=1+1", 1.5], ["卡洛特水电站", None]]
    assert book["Projects"]["A2"].data_type == "s"  # text, not a formula
    assert book["Sources"]["A2"].value == "'@evil"


def test_sources_of_projects(fixture_db) -> None:
    df = fixture_db.query("sources_of_projects", ids=["hydro-a", "solar-b", "sat-c"])
    assert list(zip(df["title"], df["projects"], strict=True)) == [
        ("Fixture source C", "sat-c"),
        ("Fixture source A", "hydro-a, solar-b"),
    ]
