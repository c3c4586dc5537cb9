"""The curated data in data/ validates and meets the coverage the product promises."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pytest

from analytics import coverage, dictionary
from analytics.db import Database
from analytics.filters import Filters
from analytics.validate import validate_dir

DATA = Path(__file__).resolve().parent.parent / "data"


@pytest.fixture(scope="module")
def shipped():
    return validate_dir(DATA)


def test_shipped_data_has_no_errors(shipped) -> None:
    report, _ = shipped
    assert [str(e) for e in report.errors] == []


def test_shipped_data_coverage(shipped) -> None:
    report, frames = shipped
    projects = frames["projects"].df
    per_sector = Counter(projects["sector"])
    assert len(projects) >= 120
    assert report.sectors >= 12
    assert per_sector["green_energy"] >= 25
    assert per_sector["digital_economy"] >= 20
    assert per_sector["space"] >= 12
    assert report.counts["institutions"] >= 60
    assert report.years[0] <= 2000 and report.years[1] >= 2025


def test_every_project_and_chinese_institution_has_a_chinese_name(shipped) -> None:
    report, _ = shipped
    rows, official, translated = report.chinese["projects"]
    assert official + translated == rows
    rows, official, translated, chinese, chinese_named = report.chinese["institutions"]
    assert chinese_named == chinese
    assert official + translated >= 0.9 * rows


@pytest.mark.parametrize(
    ("english", "chinese"), [("satellite", "卫星"), ("Huawei", "华为"), ("hydro", "水电")]
)
def test_a_chinese_search_finds_what_the_english_one_finds(english: str, chinese: str) -> None:
    db = Database.load(DATA)

    def found(q: str) -> set[str]:
        return set(db.query("project_list", filters=Filters().params(), q=q, limit=None)["id"])

    # English "hydro" also matches "hydrographic" (a survey ship), a word 水电 cannot mean
    other_words = found("hydrographic") - found("hydropower") if english == "hydro" else set()
    assert found(english) - other_words == found(chinese)
    assert len(found(chinese)) >= 10


def test_every_project_has_a_dated_source_with_publisher_and_title(shipped) -> None:
    _, frames = shipped
    sources = frames["sources"].df.set_index("id")
    links = frames["project_sources"].df
    for project in frames["projects"].df["id"]:
        cited = sources.loc[links.loc[links["project_id"] == project, "source_id"]]
        assert len(cited) >= 1, project
        assert cited["publisher"].notna().all() and cited["title"].notna().all(), project
        assert (cited["published"].notna() | cited["accessed"].notna()).all(), project


def test_curated_data_holds_only_curated_records(shipped) -> None:
    _, frames = shipped
    assert set(frames["projects"].df["source_dataset"]) == {"curated"}


def test_data_readme_holds_the_current_dictionary() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    assert dictionary.section(readme) == dictionary.render(DATA), (
        "data/README.md is out of date: paste the output of `python -m analytics dictionary`"
    )


def test_data_readme_holds_the_current_coverage_table() -> None:
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- coverage:begin", 1)[1].split("-->", 1)[1]
    table = table.split("<!-- coverage:end -->", 1)[0].strip()
    projects = pd.read_csv(DATA / "projects.csv", dtype=str)
    assert table == coverage.markdown(projects), "data/README.md's coverage table is out of date"
