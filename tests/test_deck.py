"""The briefing deck as PowerPoint and LibreOffice Impress see it: every shape inside the
slide, no two overlapping, native charts with the fixture's series, every slide rendered."""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess

import numpy as np
import pytest
from conftest import FIXTURE
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pypdf import PdfReader

from analytics import briefing
from analytics.db import Database
from analytics.filters import Filters
from analytics.theme import SECTOR_COLOURS

# Native charts and pictures (the map, the mission timeline) together.
CHOSEN = ["by_sector", "status", "per_year", "partners", "funnel", "capacity_tech", "sites"]
CHOSEN += ["missions"]


@pytest.fixture(scope="module", params=["en", "zh"])
def deck_file(request, fixture_db: Database) -> bytes:
    pack = briefing.assemble(fixture_db, Filters(), request.param, CHOSEN, "2026-11-27", 2024, {})
    return briefing.build(pack)["pptx"]


def boxes(slide) -> list[tuple[str, int, int, int, int]]:
    return [(s.name, s.left, s.top, s.left + s.width, s.top + s.height) for s in slide.shapes]


def test_every_shape_lies_inside_the_slide_and_none_overlap(deck_file: bytes) -> None:
    deck = Presentation(io.BytesIO(deck_file))
    width, height = deck.slide_width, deck.slide_height
    assert round(width / height, 3) == round(16 / 9, 3)
    # the title, the headline figures, what changed since the last meeting, the charts
    assert len(deck.slides) == 3 + len(CHOSEN)
    for number, slide in enumerate(deck.slides, start=1):
        found = boxes(slide)
        for name, left, top, right, bottom in found:
            assert 0 <= left < right <= width and 0 <= top < bottom <= height, (number, name)
        for a, b in itertools.combinations(found, 2):
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (number, a, b)
        assert slide.shapes.title is not None and slide.shapes.title.text, number


def test_charts_are_native_where_powerpoint_can_draw_them(deck_file: bytes) -> None:
    deck = Presentation(io.BytesIO(deck_file))
    kinds = []
    for slide in list(deck.slides)[3:]:
        charts = [s for s in slide.shapes if s.has_chart]
        pictures = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        assert len(charts) + len(pictures) == 1
        kinds.append(charts[0].chart.chart_type if charts else "picture")
    assert kinds == [
        XL_CHART_TYPE.BAR_CLUSTERED,  # by sector
        XL_CHART_TYPE.BAR_CLUSTERED,  # status
        XL_CHART_TYPE.COLUMN_STACKED,  # per year, by sector
        XL_CHART_TYPE.BAR_STACKED,  # partners, by country
        XL_CHART_TYPE.BAR_CLUSTERED,  # the funnel's stages
        XL_CHART_TYPE.COLUMN_STACKED,  # capacity by technology and status
        "picture",  # the map
        "picture",  # the mission timeline
    ]


def test_native_charts_hold_the_fixture_series() -> None:
    """Worked from tests/fixtures/data (public rows): green energy hydro-a (agreed 2015) and
    solar-b (2023), space sat-c (2016), digital economy fibre-d (2016-05), agriculture
    mou-f (2024); lab-e is restricted."""
    db = Database.load(FIXTURE)
    pack = briefing.assemble(db, Filters(), "en", ["by_sector", "per_year"], "2026-11-27", 2024, {})
    deck = Presentation(io.BytesIO(briefing.build(pack)["pptx"]))
    by_sector = next(s for s in deck.slides[3].shapes if s.has_chart).chart
    categories = list(by_sector.plots[0].categories)
    values = list(by_sector.plots[0].series[0].values)
    assert dict(zip(categories, values, strict=True)) == {
        "Green energy": 2,
        "Space sciences": 1,
        "Digital economy": 1,
        "Agriculture and food": 1,
    }
    assert categories[-1] == "Green energy"  # largest on top, as in the app
    per_year = next(s for s in deck.slides[4].shapes if s.has_chart).chart
    years = list(per_year.plots[0].categories)
    assert years == [str(y) for y in range(2015, 2025)]  # every year, gaps included
    series = {s.name: list(s.values) for s in per_year.plots[0].series}
    at = {year: i for i, year in enumerate(years)}
    assert {name: {y: v[at[y]] for y in years if v[at[y]]} for name, v in series.items()} == {
        "Green energy": {"2015": 1, "2023": 1},
        "Digital economy": {"2016": 1},
        "Space sciences": {"2016": 1},
        "Agriculture and food": {"2024": 1},
    }
    green = next(s for s in per_year.plots[0].series if s.name == "Green energy")
    assert f"#{green.format.fill.fore_color.rgb}" == SECTOR_COLOURS["green_energy"]


SOFFICE = shutil.which("soffice") or "soffice"  # installed by scripts/test.sh


def test_impress_renders_every_slide_with_its_title_on_the_page(deck_file, tmp_path) -> None:
    source = tmp_path / "deck.pptx"
    source.write_bytes(deck_file)
    # A profile of its own: a second soffice (or a user's) must not share the lock.
    profile = f"-env:UserInstallation=file://{tmp_path / 'profile'}"
    command = [SOFFICE, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path)]
    subprocess.run([*command, str(source)], check=True, capture_output=True, timeout=180)
    rendered = tmp_path / "deck.pdf"
    deck = Presentation(io.BytesIO(deck_file))
    reader = PdfReader(rendered)
    assert len(reader.pages) == len(deck.slides)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", str(rendered), str(tmp_path / "page")], check=True
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == len(deck.slides)
    for number, (page, slide) in enumerate(zip(pages, deck.slides, strict=True), start=1):
        ink = np.asarray(Image.open(page).convert("L")) < 160
        title = slide.shapes.title
        top = int(ink.shape[0] * title.top / deck.slide_height)
        bottom = int(ink.shape[0] * (title.top + title.height) / deck.slide_height)
        assert ink[top:bottom].any(), f"slide {number}: no title drawn where its box is"
        assert ink[bottom:].sum() > 50, f"slide {number}: nothing under the title"
        text = reader.pages[number - 1].extract_text()
        # (pdf text puts spaces beside digits among Chinese characters)
        assert re.sub(r"\s", "", title.text.split()[0]) in re.sub(r"\s", "", text), number
