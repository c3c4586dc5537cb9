"""Static exports through kaleido on the system Chromium: sizes, formats, threads, 中文."""

from __future__ import annotations

import io
import threading
import xml.etree.ElementTree as ET

import plotly.graph_objects as go
import pytest
from PIL import Image, ImageStat

from analytics import charts, snapshot
from analytics.db import Database
from analytics.filters import Filters

CAPTION = charts.Caption(subtitle="All projects", footnote="Source: test<br>Data as of 2026-11-27")


@pytest.fixture(scope="module")
def by_sector(fixture_db: Database) -> go.Figure:
    df = fixture_db.query("projects_by_sector", filters=Filters().params())
    return charts.projects_by_sector(df, lang="en", caption=CAPTION)


def test_png_has_the_slide_size_and_is_not_blank(by_sector: go.Figure) -> None:
    image = Image.open(io.BytesIO(snapshot.export(by_sector, "png"))).convert("L")
    assert image.size == (1920, 1080)
    assert ImageStat.Stat(image).var[0] > 100  # bars and text, not a flat page


def test_png_of_another_size_and_scale(by_sector: go.Figure) -> None:
    data = snapshot.export(by_sector, "png", width=800, height=600, scale=1)
    assert Image.open(io.BytesIO(data)).size == (800, 600)


def test_svg_parses_and_carries_the_title(by_sector: go.Figure) -> None:
    root = ET.fromstring(snapshot.export(by_sector, "svg"))
    texts = "".join(root.itertext())
    assert root.tag.endswith("svg")
    assert "Projects by sector" in texts and "Data as of 2026-11-27" in texts


def test_pdf_and_html(by_sector: go.Figure) -> None:
    assert snapshot.export(by_sector, "pdf").startswith(b"%PDF")
    html = snapshot.export(by_sector, "html").decode("utf-8")
    assert "Projects by sector" in html and "<script" in html
    assert 'src="http' not in html  # plotly.js embedded, no script fetched: opens offline


def test_chinese_export_contains_the_chinese_title(fixture_db: Database) -> None:
    df = fixture_db.query("projects_by_sector", filters=Filters().params())
    fig = charts.projects_by_sector(df, lang="zh", caption=CAPTION)
    texts = "".join(ET.fromstring(snapshot.export(fig, "svg")).itertext())
    assert "各领域项目数" in texts and "绿色能源" in texts


def test_two_threads_exporting_at_once_each_get_their_own_image() -> None:
    figs = {
        name: go.Figure(go.Bar(x=[1, 2], y=[1, 2])).update_layout(title=name)
        for name in ("first chart", "second chart")
    }
    results: dict[str, bytes] = {}

    def work(name: str) -> None:
        for _ in range(3):
            results[name] = snapshot.export(figs[name], "svg")

    threads = [threading.Thread(target=work, args=(name,)) for name in figs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name, svg in results.items():
        assert name in "".join(ET.fromstring(svg).itertext())


def test_file_names_come_from_title_view_and_date() -> None:
    assert snapshot.filename("Projects by sector", "2026-11-27", "png") == (
        "projects-by-sector-2026-11-27.png"
    )
    assert snapshot.filename("各领域项目数", "2026-11-27", "svg") == "各领域项目数-2026-11-27.svg"
    one = snapshot.filename("Projects by sector", "2026-11-27", "png", "Green energy · 2010–2022")
    other = snapshot.filename("Projects by sector", "2026-11-27", "png", "Space sciences")
    assert one == "projects-by-sector-green-energy-2010-2022-2026-11-27.png"
    assert other == "projects-by-sector-space-sciences-2026-11-27.png"


def test_an_html_export_is_titled_with_its_chart() -> None:
    fig = go.Figure(layout=dict(title=dict(text="Projects <by> sector")))
    page = snapshot.export(fig, "html").decode()
    assert "<title>Projects &lt;by&gt; sector</title>" in page


def test_a_missing_browser_is_said_in_plain_words(monkeypatch) -> None:
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    engine = snapshot._Engine()
    with pytest.raises(snapshot.ExportUnavailable, match="apt-get install -y chromium"):
        engine.render_many([go.Figure()], "png", 100, 100, 1)


def test_a_reused_tab_draws_the_same_image_as_a_fresh_one(by_sector: go.Figure) -> None:
    """Tabs are reloaded only every RELOAD_EVERY images: nothing may carry over between them."""
    other = go.Figure(go.Scatter(x=[1, 2, 3], y=[3, 1, 2])).update_layout(
        title="另一个图", template="plotly_dark", font_size=30
    )
    first, _, again = snapshot.export_many([by_sector, other, by_sector])
    _, _, *more = snapshot.export_many([other, other, by_sector, by_sector])
    pixels = [Image.open(io.BytesIO(png)).convert("RGB").tobytes() for png in (first, again, *more)]
    assert len(set(pixels)) == 1


def test_an_image_keeps_its_text_off_the_edges(by_sector: go.Figure) -> None:
    """The title and subtitle start 40 px or more (of 1920) in from the left edge, where
    they touched it; axis labels, which Plotly sets against its margin, 16 px or more."""
    import numpy as np

    image = Image.open(io.BytesIO(snapshot.export(by_sector, "png"))).convert("L")
    ink = np.asarray(image) < 128
    headings = ink[: image.height // 8].any(axis=0)
    assert headings.any() and headings.argmax() >= 40
    assert not ink[:, :16].any()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_chart_pdf_copies_as_its_text(fixture_db: Database, lang: str) -> None:
    """Digits, Chinese and "fi" copy as typed (they came out as nothing, as look-alike
    radicals and as "ﬁ")."""
    from pypdf import PdfReader

    df = fixture_db.query("projects_by_sector", filters=Filters().params())
    caption = charts.Caption(subtitle="Fibre 2015–2024 绿色能源", footnote="Data as of 2026-11-27")
    fig = charts.projects_by_sector(df, lang=lang, caption=caption)
    text = PdfReader(io.BytesIO(snapshot.export(fig, "pdf"))).pages[0].extract_text()
    title = "Projects by sector" if lang == "en" else "各领域项目数"
    assert title in text and "Fibre 2015–2024" in text and "2026-11-27" in text
    assert "绿色能源" in text and "ﬁ" not in text


def test_a_chart_of_many_rows_is_saved_at_its_own_height() -> None:
    # a network of 20 rows is drawn 240 + 34 × 20 = 920 px tall; a year chart 620 px
    assert snapshot.height_for(go.Figure(layout=dict(height=920))) == 920
    assert snapshot.height_for(go.Figure(layout=dict(height=620))) == snapshot.HEIGHT == 540
    assert snapshot.height_for(go.Figure()) == 540


def test_the_data_a_chart_plots_is_what_it_draws(by_sector: go.Figure) -> None:
    fig = go.Figure(
        [
            go.Bar(name="China", x=["2015", "2016"], y=[2, 1]),
            go.Bar(name="Pakistan", x=["2015"], y=[3]),
            go.Scatter(x=[1, 2], y=[5, 6]),  # unnamed
        ],
        layout=dict(yaxis_title_text="Projects"),
    )
    data = snapshot.plotted(fig)
    assert list(data.columns) == ["series", "x", "Projects"]
    assert data.values.tolist() == [
        ["China", "2015", 2],
        ["China", "2016", 1],
        ["Pakistan", "2015", 3],
        ["", 1, 5],
        ["", 2, 6],
    ]
    # the fixture's public projects by sector: green energy 2 (hydro-a, solar-b), space,
    # digital economy and agriculture 1 each (lab-e is restricted)
    counts = snapshot.plotted(by_sector)
    numeric = counts.select_dtypes("number").iloc[:, 0]
    assert sorted(numeric.tolist(), reverse=True) == [2, 1, 1, 1]
