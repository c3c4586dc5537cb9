"""AppTest: every page in pages/ runs in both languages; the URL sets the filters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from analytics.filters import Filters
from analytics.i18n import t
from ui import plain

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_pages_are_found() -> None:
    assert "pages/overview.py" in PAGES and "pages/methodology.py" in PAGES


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_exception(app, page: str, lang: str) -> None:
    at = app(lang=lang)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    assert at.title, f"{page} has no title"
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in at.title[0].value), at.title[0].value


def test_overview_kpis_and_charts(app) -> None:
    at = app()
    at.run()
    assert not at.exception
    values = metrics(at)
    assert values["Projects"] == "5"
    assert values["Committed amount (USD m)"] == "1,476"
    assert "Projects with undisclosed amounts: 2" in [c.value for c in at.caption]
    charts = [el for el in at.main if el.type == "plotly_chart"]
    titles = [json.loads(el.proto.spec)["layout"]["title"]["text"] for el in charts]
    assert titles == [
        "Projects by sector",
        "Projects by status at the end of 2024",
        "Agreements signed per year, by sector",
        "Leading partner institutions",
    ]


def test_query_string_sets_the_widgets_and_the_numbers(app) -> None:
    at = app(sector=["space", "green_energy"], cpec="1", lang="zh")
    at.run()
    assert not at.exception
    assert at.multiselect(key="sector").value == ["space", "green_energy"]
    assert at.toggle(key="cpec").value is True
    assert at.segmented_control(key="lang").value == "zh"
    assert metrics(at)["项目总数"] == "1"  # hydro-a is the only CPEC project of the two sectors
    spec = json.loads(next(el for el in at.main if el.type == "plotly_chart").proto.spec)
    assert spec["layout"]["title"]["subtitle"]["text"] == "空间科学, 绿色能源 · 仅中巴经济走廊项目"


def test_changing_a_filter_updates_the_url_and_reset_clears_it(app) -> None:
    at = app()
    at.run()
    at.multiselect(key="sector").select("space").run()
    assert at.query_params["sector"] in ("space", ["space"])  # AppTest keeps one value bare
    assert metrics(at)["Projects"] == "1"
    at.sidebar.button[0].click().run()
    assert "sector" not in at.query_params
    assert metrics(at)["Projects"] == "5"


def test_empty_result_shows_an_empty_state(app) -> None:
    at = app(sector="space", province="PK-SD")
    at.run()
    assert not at.exception
    assert "No projects match these filters" in at.info[0].value
    assert not [el for el in at.main if el.type == "plotly_chart"]


def test_broken_data_shows_file_and_line_not_a_traceback(app, tmp_path, monkeypatch) -> None:
    broken = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", broken)
    path = broken / "projects.csv"
    path.write_text(path.read_text().replace("technology_transfer,operational", "x,operational"))
    monkeypatch.setenv("CPST_DATA_DIR", str(broken))
    at = app()
    at.run()
    assert not at.exception
    assert "could not be loaded" in at.error[0].value
    assert "projects.csv:4: mode: must be one of:" in at.code[0].value
    assert not at.metric


def test_meeting_mode_steps_through_kpis_then_charts(app) -> None:
    at = app()
    at.run()
    at.switch_page("pages/meeting.py").run()
    assert not at.exception
    assert metrics(at)["Projects"] == "5"  # the first screen: headline figures
    at.button[1].click().run()  # next
    charts = [el for el in at.main if el.type == "plotly_chart"]
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["title"]["text"] == "Projects by sector"
    assert at.query_params["slide"] in ("2", ["2"])
    at.button[0].click().run()  # previous
    assert metrics(at)["Projects"] == "5"


def test_meeting_mode_leaves_out_a_single_bar(app) -> None:
    """One sector (space): the Overview's four charts less "projects by sector", and the
    space deep dive's two (catalog.DEEP_DIVES), after the headline figures."""
    at = app(sector="space")
    at.run()
    at.switch_page("pages/meeting.py").run()
    assert not at.exception
    assert any(m.value == "**1 / 6**" for m in at.markdown)


def test_briefing_page_builds_the_three_files(app) -> None:
    at = app()
    at.run()
    at.switch_page("pages/briefing.py").run()
    assert at.multiselect[0].value == ["by_sector", "status", "per_year", "partners"]
    at.multiselect[0].set_value(["by_sector", "status"]).run()
    at.button[0].click().run(timeout=120)
    assert not at.exception
    labels = [el.proto.label for el in at.main if el.type == "download_button"]
    assert labels == ["PDF", "PowerPoint", "Chart images (ZIP)"]


HOSTILE = "x'); DROP TABLE projects; -- <script>alert(1)</script>"


def test_quotes_and_sql_in_every_url_filter_change_nothing(app) -> None:
    keys = ("sector", "status", "mode", "province", "institution", "from", "to", "cpec", "imported")
    at = app(**{key: HOSTILE for key in keys}, q=HOSTILE)
    at.run()
    assert not at.exception
    assert metrics(at)["Projects"] == "5"  # unknown values are dropped: the default view
    (notice,) = [w.value for w in at.warning]  # ... and named, not dropped silently
    assert notice.startswith("The link asked for what this view cannot show")
    assert all(plain(f"{key}={HOSTILE}") in notice for key in keys)  # Markdown-escaped
    at.switch_page("pages/projects.py").run()
    assert not at.exception
    assert at.info[0].value.startswith("No project matches “x'\\); DROP")  # as typed


def test_data_text_is_shown_as_typed_never_as_markup(app, tmp_path, monkeypatch) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "tests" / "fixtures" / "data", data)
    path = data / "projects.csv"
    text = path.read_text(encoding="utf-8")
    typed = HOSTILE + " **bold** see https://www.example.org/a_b-c.html (p. 2)"
    path.write_text(text.replace("A fixture hydropower plant, with a comma.", typed))
    monkeypatch.setenv("CPST_DATA_DIR", str(data))
    at = app(project="hydro-a")
    at.run()
    at.switch_page("pages/projects.py").run()
    assert not at.exception
    # Plain text: shown exactly as typed, nothing escaped (a URL keeps its characters)
    assert [t.value for t in at.text] == [typed]
    assert not [m.value for m in at.markdown if "alert" in m.value]


def test_source_lines_escape_titles_and_link_only_web_addresses() -> None:
    from types import SimpleNamespace as Row

    from ui import _source_line

    line = _source_line(
        Row(publisher="Dawn", title="A *b* [c]", url="https://x.org/p", published="2020")
    )
    assert line == r"- Dawn: [A \*b\* \[c\]](https://x.org/p) (2020)"
    script = _source_line(Row(publisher="X", title="T", url="javascript:alert(1)", published=None))
    assert script == "- X: T"


def test_a_project_page_fits_its_project(app) -> None:
    """hydro-a (fixture): a power project with three dated milestones; sat-c has no capacity
    and is not a power project, so it shows no capacity line."""
    at = app(project="hydro-a")
    at.run()
    at.switch_page("pages/projects.py").run()
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert "**Capacity (MW)**: 720" in text
    assert plain("December 2016 · Construction started") in text  # Markdown-escaped
    assert plain("29 June 2022 · Commissioned: Commercial operation.") in text
    charts = [json.loads(el.proto.spec) for el in at.main if el.type == "plotly_chart"]
    subtitles = {fig["layout"]["title"]["subtitle"]["text"] for fig in charts}
    assert subtitles == {"Test Hydro A"}  # the project, never "All projects"
    satellite = app(project="sat-c")
    satellite.run()
    satellite.switch_page("pages/projects.py").run()
    assert "Capacity" not in " ".join(m.value for m in satellite.markdown)


def test_tables_show_unknown_as_a_dash_and_numbers_with_separators(app) -> None:
    at = app()
    at.run()
    at.switch_page("pages/projects.py").run()
    df = at.dataframe[0].value
    assert "None" not in df.astype(str).to_numpy().tolist().__repr__()
    amounts = {x.strip() for x in df["amount_usd_m"]}
    assert amounts == {"1,420.0", "44.0", "12.5", "—"}  # hydro-a, fibre-d, mou-f, the rest
    assert len({len(x) for x in df["amount_usd_m"]}) == 1  # padded: sorting sorts numbers


def test_capacity_is_unknown_for_a_power_project_and_absent_for_others(fixture_db) -> None:
    from analytics.detail import facts

    row = fixture_db.query("project_detail", filters=Filters().params(), id="solar-b").iloc[0]
    unknown = row.copy()
    unknown["capacity_mw"] = float("nan")
    assert ("Capacity (MW)", "300") in facts(row, "en")
    assert ("Capacity (MW)", "unknown") in facts(unknown, "en")
    satellite = fixture_db.query("project_detail", filters=Filters().params(), id="sat-c").iloc[0]
    assert "Capacity (MW)" not in dict(facts(satellite, "en"))


def test_in_chinese_a_translated_name_is_marked_and_explained(app) -> None:
    """Fixture: hydro-a's Chinese title cites a source (official), sat-c's is translated;
    inst-pk-1 (a partner of both) has a translated name, inst-cn-1 an official one."""
    pages = {}
    for project in ("hydro-a", "sat-c"):
        at = app(project=project, lang="zh")
        at.run()
        pages[project] = at.switch_page("pages/projects.py").run()
        assert not pages[project].exception
    assert pages["hydro-a"].title[0].value == "测试水电A"
    assert pages["sat-c"].title[0].value == "测试卫星C（译）"
    assert pages["sat-c"].title[0].proto.help == t("zh.translated", "zh")
    assert pages["sat-c"].caption[0].value == "英文名称：Test Satellite C"  # the other language
    partners = pages["hydro-a"].dataframe[0].value["name"].tolist()
    assert partners == ["测试企业", "测试巴方机构（译）"]
    listing = app(lang="zh")
    listing.run()
    listing.switch_page("pages/projects.py").run()
    titles = set(listing.dataframe[0].value["title"])
    assert {"测试水电A", "测试卫星C（译）", "测试光伏B（译）"} <= titles


def test_a_picked_bar_in_the_link_lists_its_projects(app) -> None:
    # fixture: green energy has two public projects, hydro-a and solar-b
    at = app(pick="by_sector:green_energy").run()
    assert not at.exception
    assert "**2 projects: Green energy**" in [m.value for m in at.markdown]
    table = at.dataframe[0].value
    assert len(table) == 2
    assert sorted(table.iloc[:, 0]) == ["Test Hydro A", "Test Solar B"]
    # a code no bar has, or another chart's key, shows nothing and changes nothing
    for pick in ("by_sector:nonsense", "per_year:green_energy", "by_sector:'; DROP TABLE x"):
        at = app(pick=pick).run()
        assert not at.exception and not at.dataframe, pick


def test_a_picked_status_or_partner_lists_the_projects_behind_its_bar(app) -> None:
    # fixture, public projects at the end of 2024: operational hydro-a, sat-c and fibre-d;
    # under implementation solar-b; proposed mou-f. inst-pk-1 is a partner of hydro-a and
    # sat-c (tests/fixtures/data/project_partners.csv)
    at = app(pick="status:operational").run()
    assert "**3 projects: Operational / completed**" in [m.value for m in at.markdown]
    assert len(at.dataframe[0].value) == 3
    at = app(pick="partners:inst-pk-1").run()
    assert not at.exception
    (line,) = [m.value for m in at.markdown if m.value.startswith("**") and "projects:" in m.value]
    assert line.startswith("**2 projects: ")
    assert sorted(at.dataframe[0].value.iloc[:, 0]) == ["Test Hydro A", "Test Satellite C"]
    # "unknown for that year" is not a status a filter can take: nothing is listed
    assert not app(pick="status:unknown").run().dataframe


def test_a_picked_segment_of_a_years_bar_lists_the_projects_agreed_that_year(app) -> None:
    # fixture: green energy agreements in 2015 (hydro-a) and 2023 (solar-b); the segment
    # lists those the bar counts, by agreement year, not by project year
    at = app(pick="per_year:green_energy@2015").run()
    assert not at.exception
    assert "**1 project: Green energy · 2015**" in [m.value for m in at.markdown]
    assert at.dataframe[0].value.iloc[:, 0].tolist() == ["Test Hydro A"]
    at = app(pick="per_year:green_energy@2016").run()  # no such segment: nothing listed
    assert not at.exception and not at.dataframe


def test_a_picked_province_on_the_map_page_lists_its_projects(app) -> None:
    # fixture: hydro-a alone is in PK-JK (Kotli); fibre-d is in several provinces
    at = app(pick="provinces:PK-JK")
    at.switch_page("pages/map.py").run()
    assert not at.exception
    (line,) = [m.value for m in at.markdown if m.value.startswith("**1 project: ")]
    tables = [d.value for d in at.dataframe if "Test Hydro A" in d.value.iloc[:, 0].tolist()]
    assert line and len(tables) == 1 and len(tables[0]) == 1


def test_a_province_picked_on_the_province_map_lists_its_projects_under_its_name(app) -> None:
    at = app(pick="province_map:PK-PB")  # fixture: solar-b alone is in Punjab (Bahawalpur)
    at.switch_page("pages/map.py").run()
    assert not at.exception
    assert "**1 project: Punjab**" in [m.value for m in at.markdown]
    tables = [d.value for d in at.dataframe if "Test Solar B" in d.value.iloc[:, 0].tolist()]
    assert len(tables) == 1 and len(tables[0]) == 1
    at = app(pick="province_map:PK-SD")  # no project in Sindh: its dot picks nothing
    at.switch_page("pages/map.py").run()
    assert not at.exception and not [m for m in at.markdown if "Sindh" in m.value]


def test_a_kpi_card_lists_the_projects_it_counts_and_the_link_keeps_it(app) -> None:
    # 2024 on the fixture (test_kpis_for_2024): operational are fibre-d, hydro-a and sat-c
    at = app()
    at.run()
    assert "kpi_institutions" not in [b.key for b in at.button]  # a page link instead
    at.button(key="kpi_operational").click().run()
    assert not at.exception
    assert at.query_params["pick"] == "kpis:operational"
    assert "**3 projects: Operational / completed**" in [m.value for m in at.markdown]
    (table,) = [d.value for d in at.dataframe if "Test Hydro A" in d.value.iloc[:, 0].tolist()]
    assert sorted(table.iloc[:, 0]) == ["Test Fibre D", "Test Hydro A", "Test Satellite C"]
    at.button(key="kpi_operational").click().run()  # again: the list closes
    assert "pick" not in at.query_params
    assert not [m for m in at.markdown if "Operational / completed**" in m.value]
    # the link: committed amount lists the three with a disclosed amount (1,476 USD m)
    at = app(pick="kpis:committed_usd")
    at.run()
    assert "**3 projects: Committed amount \\(USD m\\)**" in [m.value for m in at.markdown]
    at = app(pick="kpis:joint_labs")  # counts none (lab-e is restricted): nothing listed
    at.run()
    assert not at.exception and not [m for m in at.markdown if "Joint" in m.value]
