"""Briefing packs: pages, slides and images match the charts chosen; the CLI builds one."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from conftest import FIXTURE
from pptx import Presentation
from pypdf import PdfReader

from analytics import briefing
from analytics.__main__ import main
from analytics.db import Database
from analytics.filters import Filters
from analytics.i18n import day, number, t

CHOSEN = ["by_sector", "status", "funnel"]
TITLES = {  # fixture projects' titles
    "solar_b": {"en": "Test Solar B", "zh": "测试光伏B"},
    "mou_f": {"en": "Test Seed MoU F", "zh": "测试种子谅解备忘录F"},
}


@pytest.fixture(scope="module")
def pack(fixture_db: Database) -> briefing.Pack:
    return briefing.assemble(fixture_db, Filters(), "en", CHOSEN, "2026-11-27", 2024, {})


@pytest.fixture(scope="module")
def files(pack: briefing.Pack) -> dict[str, bytes]:
    return briefing.build(pack)


def test_pdf_has_a_cover_the_figures_one_page_per_chart_and_the_sources(files) -> None:
    reader = PdfReader(io.BytesIO(files["pdf"]))
    # cover, headline figures, what changed since the fixture's meeting (4 rows: one
    # page), 3 charts, and one page for the fixture's 3 public sources
    assert len(reader.pages) == 2 + 1 + len(CHOSEN) + 1
    assert [item.title for item in reader.outline] == [
        "China–Pakistan S&T Cooperation: briefing",
        "Headline figures 2024",
        "What changed since Fixture committee meeting (1 June 2024)",
        "Projects by sector",
        "Projects by status at the end of 2024",
        "How far projects had come by the end of 2024",
    ]
    assert reader.metadata.title == "China–Pakistan S&T Cooperation: briefing"
    box = reader.pages[3].mediabox  # a chart at the slide size: 16:9 pages
    assert round(float(box.width) / float(box.height), 3) == round(16 / 9, 3)


def squeeze(text: str) -> str:
    """Text with no space beside a Chinese character, and runs of spaces as one."""
    return re.sub(" {2,}", " ", re.sub(r" +(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff]) +", "", text))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_pdf_text_is_real_and_copies_whole(fixture_db: Database, lang: str) -> None:
    """Each chart page carries, as text, its title, the filters and the as-of date, digits
    intact, in either language; every font is embedded TrueType (no Type 3 glyphs)."""
    view = Filters(year_from=2015, year_to=2024)
    pack = briefing.assemble(fixture_db, view, lang, CHOSEN, "2026-11-27", 2024, {})
    reader = PdfReader(io.BytesIO(briefing.build(pack)["pdf"]))
    # pypdf reads the gap where a line changes font beside a Chinese glyph as a space (or
    # two); poppler's pdftotext reads "2026年11月27日" whole, so spaces there are dropped
    pages = [squeeze(page.extract_text()) for page in reader.pages]
    # the changes since the fixture's meeting (tests/test_changes.py), as text
    since = re.sub(r"\s", "", pages[2])  # (spaces beside a bracket vary too)
    assert re.sub(r"\s", "", pack.changes[0]) in since  # the meeting, under the page's title
    for kind, project in (("status", "solar_b"), ("overdue", "solar_b"), ("corrected", "mou_f")):
        assert t(f"changes.{kind}", lang).replace(" ", "") in since, (kind, since)
        assert TITLES[project][lang].replace(" ", "") in since, (project, since)
    for at, fig in enumerate(pack.figures, start=4):
        text = pages[at - 1]
        assert squeeze(fig.layout.title.text) in text, (at, text)
        assert "2015–2024" in text and squeeze(day("2026-11-27", lang)) in text, (at, text)
        assert f"{at} / {len(pages)}" in text
    assert pack.title in pages[0] and "2015–2024" in pages[0]
    headline = pages[1]
    projects = next(v for v in pack.kpis if v.kpi.code == "projects_total")
    assert projects.kpi.name(lang) in headline and f"\n{number(projects.value)}\n" in headline
    assert "Test Publisher" in pages[-1]  # the sources of the projects in view
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            assert font["/Subtype"] != "/Type3", font
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"], font["/BaseFont"]


def test_pptx_has_title_kpi_and_one_slide_per_chart(files, pack) -> None:
    deck = Presentation(io.BytesIO(files["pptx"]))
    titles = [slide.shapes.title.text for slide in deck.slides]
    assert titles == [
        "China–Pakistan S&T Cooperation: briefing",
        "Headline figures 2024",
        "What changed since Fixture committee meeting (1 June 2024)",
        "Projects by sector",
        "Projects by status at the end of 2024",
        "How far projects had come by the end of 2024",
    ]
    kpi_notes = deck.slides[1].notes_slide.notes_text_frame.text
    assert kpi_notes.startswith("Projects: Projects and programmes whose project year")
    body = [s.text_frame.text for s in deck.slides[2].shapes if s != deck.slides[2].shapes.title]
    assert body[0].splitlines() == [
        "15 August 2024: Status changes · Test Solar B: Status: Agreed → Under implementation",
        "2025: Became overdue · Test Solar B: planned completion (2025) has passed",
        "1 October 2024: Records corrected · Test Seed MoU F: Agreement date: 2019 → 2024",
        "1 September 2024: Records corrected · Test Fibre D: Amount (USD m): 40 → 44",
    ]
    assert "Data as of 2026-11-27" in deck.slides[3].notes_slide.notes_text_frame.text


def test_zip_holds_one_png_per_chart(files) -> None:
    archive = zipfile.ZipFile(io.BytesIO(files["zip"]))
    names = archive.namelist()
    assert names == [
        "01-projects-by-sector-all-projects-2026-11-27.png",
        "02-projects-by-status-at-the-end-of-2024-all-projects-2026-11-27.png",
        "03-how-far-projects-had-come-by-the-end-of-2024-all-projects-2026-11-27.png",
    ]
    assert all(archive.read(n).startswith(b"\x89PNG") for n in names)


def test_cli_builds_a_chinese_pack_for_a_url_query(tmp_path, capsys) -> None:
    code = main(
        [
            "export",
            "--data", str(FIXTURE),
            "--query", "?sector=green_energy&lang=zh",
            "--charts", "by_sector,capacity_tech",
            "--out", str(tmp_path),
        ]
    )  # fmt: skip
    assert code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [
        "中巴科技合作简报-绿色能源-2026-11-27-charts.zip",
        "中巴科技合作简报-绿色能源-2026-11-27.pdf",
        "中巴科技合作简报-绿色能源-2026-11-27.pptx",
    ]
    deck = Presentation(tmp_path / "中巴科技合作简报-绿色能源-2026-11-27.pptx")
    # one sector chosen: "projects by sector" would be a single bar, so it is left out
    assert [s.shapes.title.text for s in deck.slides][2:] == [
        "自测试委员会会议（2024年6月1日）以来的变化",
        "各技术容量及状态：已投运、在建、已签约（兆瓦）",
    ]
    # green energy only: solar-b's status change and its passing its planned completion
    body = [s.text_frame.text for s in deck.slides[2].shapes if s != deck.slides[2].shapes.title]
    assert [line.split("：")[:2] for line in body[0].splitlines()] == [
        ["2024年8月15日", "状态变化 · 测试光伏B"],
        ["2025年", "新近逾期 · 测试光伏B"],
    ]
    cover = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes)
    assert "绿色能源" in cover  # the filter, in Chinese
    assert "未收录：“各领域项目数”" in cover  # and what was left out, and why


def test_cli_refuses_unknown_charts(tmp_path, capsys) -> None:
    assert main(["export", "--data", str(FIXTURE), "--charts", "pie", "--out", str(tmp_path)]) == 2
    assert "unknown charts: pie" in capsys.readouterr().out
    assert not list(tmp_path.iterdir())
