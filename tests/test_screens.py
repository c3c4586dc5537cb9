"""The projector and the phone, in a real browser: meeting mode fits 1920×1080 and 1366×768
without scrolling, reads from the back of a room and follows a clicker's keys; no page
runs off the side of a desktop, a projector or a 390 px phone."""

from __future__ import annotations

import pytest

from analytics.i18n import day
from benchmarks.browser import ROOT, wait_for_app

SHOTS = ROOT / "build" / "screenshots"
PAGES = ("", "sectors", "projects", "partners", "map", "pipeline", "meeting", "methodology")
SCREENS = {"projector": (1920, 1080), "laptop": (1366, 768), "phone": (390, 844)}

MAIN_HEIGHT = "document.querySelector('[data-testid=\"stMain\"]').scrollHeight"
PAGE_WIDTH = "document.documentElement.scrollWidth"


def px(page, selector: str, prop: str = "font-size") -> float:
    """The computed size of the first element `selector` matches."""
    value = page.locator(selector).first.evaluate(
        f"e => getComputedStyle(e).getPropertyValue('{prop}')"
    )
    return float(value.removesuffix("px"))


@pytest.mark.parametrize("screen", ["projector", "laptop"])
def test_every_meeting_slide_fits_the_screen_without_scrolling(browser, server_url, screen):
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    for slide in range(1, 6):  # the headline figures and the Overview's four charts
        page.goto(f"{server_url}/meeting?slide={slide}")
        wait_for_app(page)
        page.wait_for_timeout(300)
        assert page.evaluate(MAIN_HEIGHT) <= height, (screen, slide)
        assert page.evaluate(PAGE_WIDTH) <= width, (screen, slide)
        assert page.locator('[data-testid="stSidebar"]').is_hidden()
        assert page.locator('[data-testid="stHeader"]').is_hidden()  # no navigation
        page.screenshot(path=str(SHOTS / f"meeting-{screen}-{slide}.png"))
    page.close()


def test_meeting_text_reads_from_the_back_of_the_room(browser, server_url) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server_url}/meeting")
    wait_for_app(page)
    assert px(page, '[data-testid="stMetricLabel"] p') >= 24
    assert px(page, '[data-testid="stMetricDelta"] div') >= 24
    assert px(page, "h1") >= 36
    assert "vs" in page.locator('[data-testid="stMetricDelta"]').first.inner_text()
    page.goto(f"{server_url}/meeting?slide=3")  # the status chart
    wait_for_app(page)
    page.locator(".js-plotly-plot").first.wait_for()
    title = page.locator(".js-plotly-plot .gtitle").first.evaluate("e => e.style.fontSize")
    assert float(title.removesuffix("px")) >= 36
    ticks = page.locator(".js-plotly-plot .ytick text")
    assert ticks.count() > 0
    sizes = ticks.evaluate_all("es => es.map(e => parseFloat(e.style.fontSize))")
    assert min(sizes) >= 24
    page.close()


def test_arrows_a_clicker_and_escape_move_through_the_slides(browser, server_url) -> None:
    page = browser.new_page(viewport={"width": 1920, "height": 1080})
    page.goto(f"{server_url}/meeting")
    wait_for_app(page)
    for key, slide in [
        ("ArrowRight", "2"),
        ("PageDown", "3"),
        ("Space", "4"),
        ("ArrowLeft", "3"),
        ("PageUp", "2"),
    ]:
        page.locator("body").press(key)
        page.wait_for_url(f"**slide={slide}**", timeout=10_000)
        wait_for_app(page)
    page.locator("body").press("Escape")
    page.wait_for_url(lambda url: "/meeting" not in url, timeout=10_000)
    page.close()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_no_page_runs_off_the_side(browser, server_url, screen) -> None:
    width, height = SCREENS[screen]
    page = browser.new_page(viewport={"width": width, "height": height})
    for name in PAGES:
        page.goto(f"{server_url}/{name}")
        wait_for_app(page)
        assert page.evaluate(PAGE_WIDTH) <= width, (screen, name or "overview")
    page.close()


PHONE_AGENT = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36"
)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_on_a_phone_charts_keep_their_titles_and_legends_inside(browser, server_url, lang):
    """390×844 with a phone's user agent: every chart's title and legend lie inside the
    screen, legends under the plot, the source line under each chart as page text."""
    context = browser.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        user_agent=PHONE_AGENT,
    )
    page = context.new_page()
    for name in ("", "sectors?topic=green_energy", "partners"):
        sep = "&" if "?" in name else "?"
        page.goto(f"{server_url}/{name}{sep}lang={lang}")
        wait_for_app(page)
        charts = page.locator(".js-plotly-plot")
        charts.first.wait_for()
        assert page.evaluate(PAGE_WIDTH) <= 390, name
        for i in range(charts.count()):
            chart = charts.nth(i)
            for part in (".gtitle", ".legend"):
                if chart.locator(part).count():
                    box = chart.locator(part).first.bounding_box()
                    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (name, i, part)
            if chart.locator(".legend").count():
                plot = chart.locator(".nsewdrag").first.bounding_box()
                legend = chart.locator(".legend").first.bounding_box()
                assert legend["y"] >= plot["y"] + plot["height"], (name, i)
        captions = page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()
        assert sum(day("2026-11-27", lang) in c for c in captions) >= charts.count(), name
    context.close()
