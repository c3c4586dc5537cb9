"""Real-browser tests (Playwright on the system Chromium) of what only a browser shows."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
from conftest import FIXTURE

from benchmarks.browser import ROOT, serve, wait_for_app

SHOTS = ROOT / "build" / "screenshots"


def give_reason(page, why: str) -> None:
    """Type the reason the Data page asks for before it applies anything."""
    page.get_by_label("Why (required, for the history of changes)").fill(why)
    page.keyboard.press("Enter")
    wait_for_app(page)


def metric(page, label: str) -> str:
    card = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return card.locator('[data-testid="stMetricValue"]').inner_text()


def chart_subtitles(page) -> list[str]:
    return page.locator(".js-plotly-plot .gtitle-subtitle").all_text_contents()


def test_filter_changes_chart_and_url_and_the_link_reopens_the_view(page, browser, server_url):
    page.goto(server_url)
    wait_for_app(page)
    assert metric(page, "Projects") == "5"
    assert "All projects" in chart_subtitles(page)

    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name="Space sciences").click()
    page.locator("h1").first.click()  # close the dropdown
    wait_for_app(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gtitle-subtitle')]"
        ".some(e => e.textContent.includes('Space sciences'))"
    )
    assert metric(page, "Projects") == "1"
    assert re.search(r"[?&]sector=space\b", page.url), page.url

    page.get_by_role("link", name="Methodology").click()
    wait_for_app(page)
    page.get_by_role("link", name="Overview").click()
    wait_for_app(page)
    assert metric(page, "Projects") == "1", "the filter must survive a page switch"
    assert re.search(r"[?&]sector=space\b", page.url), page.url

    other = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    other.goto(page.url)
    wait_for_app(other)
    assert metric(other, "Projects") == "1"
    assert "Space sciences" in chart_subtitles(other)
    assert other.locator('[data-testid="stSidebar"]').get_by_text("Space sciences").count() >= 1
    other.context.close()


def test_the_first_click_of_a_fresh_session_goes_where_it_points(page, server_url):
    # dashboard.py once reran every first load because a first click was said to be taken
    # as a page switch and dropped; without that rerun a link draws its first chart sooner.
    page.goto(server_url)
    wait_for_app(page)
    page.get_by_role("link", name="Pipeline").click()
    wait_for_app(page)
    page.wait_for_url(re.compile(r"/pipeline"))
    assert page.locator("h1").first.inner_text() == "Pipeline"


def test_a_fresh_link_draws_its_chart_first_then_its_filters_as_the_link_set_them(page, server_url):
    # The first run draws the page with the link's filters and a line in the sidebar; the
    # widgets follow once the first chart is on screen, showing the same filters.
    page.goto(f"{server_url}/?sector=space&status=operational")
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    assert sidebar.get_by_text("The filters appear once the first chart is drawn.").count() == 0
    pickers = sidebar.locator('[data-testid="stMultiSelect"]')
    assert pickers.count() == 4
    assert "Space sciences" in pickers.nth(0).inner_text()
    assert "Operational" in pickers.nth(1).inner_text()
    assert "Space sciences" in chart_subtitles(page)[0]
    assert re.search(r"[?&]sector=space\b", page.url) and "status=operational" in page.url
    # and they work as ever
    pickers.nth(1).locator("svg[title='Clear all'], [aria-label='Clear all']").first.click()
    wait_for_app(page)
    assert "status=" not in page.url, page.url


def test_clicking_a_bar_lists_its_projects_and_the_link_keeps_them(page, browser, server_url):
    page.goto(server_url)
    wait_for_app(page)
    bars = page.locator(".js-plotly-plot").first.locator(".bars .point path")
    bars.first.scroll_into_view_if_needed()
    widths = [bars.nth(i).bounding_box()["width"] for i in range(bars.count())]
    box = bars.nth(widths.index(max(widths))).bounding_box()  # Green energy: 2, the others 1
    # Plotly takes clicks on its drag layer, above the bars: click where the bar is
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.get_by_text("2 projects: Green energy").wait_for(timeout=30_000)
    wait_for_app(page)
    assert "pick=by_sector%3Agreen_energy" in page.url or "pick=by_sector:green_energy" in page.url
    rows = page.locator('[data-testid="stDataFrame"]').first.locator('[role="row"]')
    assert rows.count() == 1 + 2  # the header and the sector's two projects
    other = browser.new_context(viewport={"width": 1600, "height": 1000}).new_page()
    other.goto(page.url)
    wait_for_app(other)
    assert other.get_by_text("2 projects: Green energy").count() == 1
    other.context.close()


def test_switch_to_chinese(page, server_url):
    page.goto(server_url)
    wait_for_app(page)
    page.locator('[data-testid="stSidebar"]').get_by_text("中文", exact=True).click()
    wait_for_app(page)
    page.wait_for_selector("text=项目总数")
    assert "lang=zh" in page.url
    assert page.locator("h1").first.inner_text().startswith("中巴科技合作")
    assert "各领域项目数" in page.locator(".js-plotly-plot .gtitle").all_text_contents()
    chart = page.locator(".js-plotly-plot").first
    chart.hover()  # Plotly's own toolbar, in Plotly's zh-CN locale
    buttons = chart.locator(".modebar-btn").evaluate_all("bs => bs.map(b => b.dataset.title)")
    assert {"下载图表为PNG格式", "放大", "重置轴"} <= set(buttons), buttons
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1600, "height": 3000})
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "overview-zh.png"))


def test_overview_screenshot(page, server_url):
    page.set_viewport_size({"width": 1600, "height": 3000})  # Streamlit scrolls inside
    page.goto(server_url)
    wait_for_app(page)
    page.wait_for_selector(".js-plotly-plot")
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / "overview.png"
    page.screenshot(path=str(path))
    assert Path(path).stat().st_size > 50_000  # a rendered page, not a blank one


def test_a_project_link_opens_its_detail_even_as_a_fresh_servers_first_request(browser):
    # A deep link must work when it is the very first request a new server sees.
    with serve(FIXTURE, ROOT / "build" / "streamlit-deeplink.log") as url:
        page = browser.new_page(viewport={"width": 1500, "height": 2400})
        page.goto(f"{url}/projects?project=hydro-a")
        wait_for_app(page)
        assert page.locator("h1").first.inner_text().startswith("Test Hydro A")
        assert page.get_by_role("link", name="Fixture source A").get_attribute("href") == (
            "https://example.org/a"
        )
        assert page.get_by_text("Kotli, Azad Jammu and Kashmir").count() == 1
        page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 2")
        page.screenshot(path=str(SHOTS / "project-detail.png"))
        page.close()


def test_picking_a_sector_shows_its_deep_dive(page, server_url):
    page.goto(f"{server_url}/sectors")
    wait_for_app(page)
    page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Space sciences").click()
    wait_for_app(page)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.gtitle')]"
        ".some(e => e.textContent === 'Space missions, launches and agreements')"
    )
    assert "topic=space" in page.url
    assert metric(page, "Satellites launched with China") == "1"
    page.set_viewport_size({"width": 1500, "height": 2400})
    page.screenshot(path=str(SHOTS / "sectors-space.png"))


def test_saving_a_chart_as_png_downloads_a_slide_sized_png(page, server_url, tmp_path):
    import io

    from PIL import Image

    page.goto(server_url)
    wait_for_app(page)
    page.get_by_role("button", name="Save").first.click()
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name="PNG image (slides, chat)").click()
    download = info.value
    assert download.suggested_filename == "projects-by-sector-all-projects-2026-11-27.png"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    image = Image.open(io.BytesIO(path.read_bytes()))
    assert (image.format, image.size) == ("PNG", (1920, 1080))


def test_upload_a_broken_file_then_a_valid_one_and_apply_it(browser, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    text = (FIXTURE / "projects.csv").read_text(encoding="utf-8")
    broken = tmp_path / "broken" / "projects.csv"
    broken.parent.mkdir()
    broken.write_text(text.replace("technology_transfer,operational", "x,operational"))
    valid = tmp_path / "valid" / "projects.csv"
    valid.parent.mkdir()
    valid.write_text(text.replace("Test Solar B", "Test Solar B (renamed)"))
    log = ROOT / "build" / "streamlit-upload.log"
    with serve(data, log, CPST_DATA_EDITING="1") as url:
        page = browser.new_page(viewport={"width": 1500, "height": 1800})
        page.goto(f"{url}/data")
        wait_for_app(page)
        page.locator('input[type="file"]').set_input_files(str(broken))
        page.get_by_text("1 errors: nothing was changed").wait_for(timeout=30_000)
        row = page.locator("tr").filter(has_text="must be one of: joint_lab")
        row.first.wait_for(timeout=30_000)
        assert row.first.locator("td").all_inner_texts()[:2] == ["4", "mode"]  # line, column
        page.screenshot(path=str(SHOTS / "data-errors.png"))

        page.goto(f"{url}/data")
        wait_for_app(page)
        page.locator('input[type="file"]').set_input_files(str(valid))
        page.get_by_text("0 added, 1 changed, 0 removed").wait_for(timeout=30_000)
        page.locator("td").filter(has_text="Test Solar B (renamed)").first.wait_for()
        page.screenshot(path=str(SHOTS / "data-diff.png"))
        assert page.get_by_role("button", name="Apply these changes").is_disabled()  # no reason
        give_reason(page, "Solar B's title, as the ministry spells it")
        page.get_by_role("button", name="Apply these changes").click()
        page.get_by_text("Applied. The dashboard now shows the new data.").wait_for(timeout=30_000)
        page.close()
    assert "Test Solar B (renamed)" in (data / "projects.csv").read_text(encoding="utf-8")
    assert len(list((data / ".backups").iterdir())) == 1


def test_import_an_aiddata_export_on_the_data_page(browser, tmp_path):
    import shutil

    from test_aiddata import export_bytes

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    export = tmp_path / "gcdf-export.csv"
    export.write_bytes(export_bytes())
    with serve(data, ROOT / "build" / "streamlit-aiddata.log", CPST_DATA_EDITING="1") as url:
        page = browser.new_page(viewport={"width": 1500, "height": 2200})
        page.goto(f"{url}/data")
        wait_for_app(page)
        page.locator('input[type="file"]').set_input_files(str(export))
        wait_for_app(page)
        page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.click()
        page.get_by_role("option", name="an AidData GCDF 2.0 or 3.0 export (import)").click()
        page.get_by_text("linked to a curated project (same asset): 1").wait_for(timeout=30_000)
        give_reason(page, "AidData GCDF 3.0 import")
        page.get_by_role("button", name="Apply these changes").click()
        page.get_by_text("Applied. The dashboard now shows the new data.").wait_for(timeout=30_000)
        page.screenshot(path=str(SHOTS / "data-aiddata.png"), full_page=True)
        page.close()
    assert "aiddata-901" in (data / "projects.csv").read_text(encoding="utf-8")
    line = pd.read_csv(data / "CHANGELOG.csv", dtype=str).iloc[0]
    assert (line["action"], line["why"]) == ("import", "AidData GCDF 3.0 import")


def test_two_sessions_apply_at_once_and_the_later_sees_the_new_difference(browser, tmp_path):
    """The lost update of issue 12: both sessions review a new project; A applies; B's
    Apply is refused (not "Applied."), B sees the difference as it is now, applies again,
    and both projects are kept."""
    import shutil

    from test_commit import new_project

    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    files = {}
    for pid in ("new-a", "new-b"):
        folder = tmp_path / pid
        folder.mkdir()
        for upload in new_project(data, pid):
            (folder / f"{upload.table}.csv").write_bytes(upload.data)
        files[pid] = [str(folder / "projects.csv"), str(folder / "project_sources.csv")]
    with serve(data, ROOT / "build" / "streamlit-race.log", CPST_DATA_EDITING="1") as url:
        pages = {}
        for pid in files:
            page = browser.new_page(viewport={"width": 1500, "height": 1800})
            page.goto(f"{url}/data")
            wait_for_app(page)
            page.locator('input[type="file"]').set_input_files(files[pid])
            page.get_by_text("1 added, 0 changed, 0 removed").first.wait_for(timeout=30_000)
            pages[pid] = page
        apply = "Apply these changes"
        for pid, page in pages.items():
            give_reason(page, f"{pid}: a new agreement")
        pages["new-a"].get_by_role("button", name=apply).click()
        pages["new-a"].get_by_text("Applied.").wait_for(timeout=30_000)
        b = pages["new-b"]
        b.get_by_role("button", name=apply).click()
        b.get_by_text("Nothing was applied: another session changed the data").wait_for(
            timeout=30_000
        )
        wait_for_app(b)
        assert b.get_by_text("Applied.").count() == 0
        b.get_by_text("1 added, 0 changed, 0 removed").first.wait_for(timeout=30_000)
        b.screenshot(path=str(SHOTS / "data-stale.png"), full_page=True)
        b.get_by_role("button", name=apply).click()
        b.get_by_text("Applied.").wait_for(timeout=30_000)
        for page in pages.values():
            page.close()
    text = (data / "projects.csv").read_text(encoding="utf-8")
    assert "new-a," in text and "new-b," in text


def test_the_map_draws_its_borders_offline_its_labels_apart_and_a_site_opens_its_project(
    browser, server_url
):
    import io

    import numpy as np
    from PIL import Image

    from analytics.charts import BORDER, PROVINCE_SHADES

    context = browser.new_context(viewport={"width": 1600, "height": 1400})
    left, failed = [], []

    def loopback_only(route):  # the network cut: only this machine answers
        host = re.match(r"\w+://([^/:]+)", route.request.url).group(1)
        if host in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            left.append(route.request.url)
            route.abort()

    context.route("**/*", loopback_only)
    page = context.new_page()
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{server_url}/map")
    wait_for_app(page)
    sites = page.locator(".js-plotly-plot").first
    sites.locator(".scatterlayer .point").first.wait_for()
    assert left == [] and failed == [], (left, failed)
    # the borders are drawn: pixels of their colour (within antialiasing) in the chart
    shot = np.asarray(Image.open(io.BytesIO(sites.screenshot())).convert("RGB")).astype(int)
    grey = np.array([int(BORDER[i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(shot - grey).max(axis=2) <= 12).sum() > 2_000
    # no city label overlaps another (the boxes the browser drew them in)
    boxes = sites.locator("g.annotation").evaluate_all(
        "gs => gs.map(g => { const r = g.getBoundingClientRect();"
        " return [g.textContent, r.left, r.top, r.right, r.bottom]; })"
    )
    places = [b for b in boxes if b[0] in ("Kotli", "Bahawalpur")]
    assert len(places) == 2, boxes
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[3] <= b[1] or b[3] <= a[1] or a[4] <= b[2] or b[4] <= a[2]
            assert apart, (a, b)
    SHOTS.mkdir(parents=True, exist_ok=True)
    sites.screenshot(path=str(SHOTS / "map-pakistan.png"))
    # the province map, offline too: Punjab and Azad Jammu and Kashmir (a project each, the
    # most) in the darkest shade, and a dot on each of the seven provinces and territories
    shaded = page.locator(".js-plotly-plot").nth(1)
    shaded.scroll_into_view_if_needed()
    assert shaded.locator(".scatterlayer .trace").last.locator(".point").count() == 7
    shot = np.asarray(Image.open(io.BytesIO(shaded.screenshot())).convert("RGB")).astype(int)
    green = np.array([int(PROVINCE_SHADES[1][i : i + 2], 16) for i in (1, 3, 5)])
    assert (np.abs(shot - green).max(axis=2) <= 12).sum() > 2_000
    assert left == [] and failed == [], (left, failed)
    sites.scroll_into_view_if_needed()
    # a click on Kotli's site (hydro-a, the largest amount: the largest marker) opens it
    markers = sites.locator(".scatterlayer .point")
    sizes = [markers.nth(i).bounding_box()["width"] for i in range(markers.count())]
    box = markers.nth(sizes.index(max(sizes))).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/projects\?.*project=hydro-a"), timeout=30_000)
    wait_for_app(page)
    assert page.locator("h1").first.inner_text().startswith("Test Hydro A")
    context.close()


def test_what_changed_since_the_last_meeting_lists_each_kind_with_links(browser, server_url):
    # The fixture's meeting (2024-06-01) and change log: tests/test_changes.py works them out.
    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang, width, heads in (
        ("en", 1600, ["New projects and agreements · 0", "Milestones reached · 0",
                      "Status changes · 1", "Became overdue · 1", "Records corrected · 2"]),
        ("zh", 390, ["新项目与新协议 · 0", "达成的里程碑 · 0", "状态变化 · 1", "新近逾期 · 1",
                     "数据更正 · 2"]),
    ):  # fmt: skip
        context = browser.new_context(viewport={"width": width, "height": 1400})
        page = context.new_page()
        page.goto(f"{server_url}/changes?lang={lang}")
        wait_for_app(page)
        shown = page.locator('[data-testid="stHeading"] h3').all_inner_texts()
        assert [h for h in shown if " · " in h] == heads, shown
        link = page.locator(
            '[data-testid="stMain"] a', has_text="Test Solar B" if lang == "en" else "测试光伏B"
        )
        assert link.first.get_attribute("href").endswith("projects?project=solar-b")
        assert page.evaluate("document.documentElement.scrollWidth") <= width  # no overflow
        page.screenshot(path=str(SHOTS / f"changes-{lang}-{width}.png"), full_page=True)
        context.close()
