"""One definition per figure: under random filters drawn from the shipped data, every figure
shown under one name (a KPI card, a status bar, a funnel stage, a sector total, the pack's
cover) has one value wherever it appears."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from analytics import briefing, catalog
from analytics import contract as c
from analytics.charts import Caption
from analytics.db import Database
from analytics.filters import Filters, options
from analytics.i18n import number
from analytics.kpis import compute

ROOT = Path(__file__).resolve().parent.parent
COMBINATIONS = 200
THROUGH_THE_PAGES = 25  # views with projects, also rendered as a user sees them (AppTest)


@pytest.fixture(scope="module")
def shipped() -> Database:
    return Database.load(ROOT / "data")


def draw(rng: random.Random, db: Database) -> dict[str, list[str]]:
    """A random view as a URL query: some sectors, statuses, modes, provinces, a year range,
    an institution, CPEC only; each left out about half the time."""
    opts = options(db)
    low, high = opts.years
    query: dict[str, list[str]] = {}

    def some(key: str, values) -> None:
        if rng.random() < 0.5:
            query[key] = rng.sample(list(values), rng.randint(1, 3))

    some("sector", opts.sectors["code"])
    some("status", c.STATUSES)
    some("mode", c.MODES)
    if rng.random() < 0.25:
        query["province"] = [rng.choice(c.PROVINCES)]
    if rng.random() < 0.5:
        start = rng.randint(low, high)
        query["from"], query["to"] = [str(start)], [str(rng.randint(start, high))]
    if rng.random() < 0.2:
        query["institution"] = [rng.choice(opts.institution_choices)]
    if rng.random() < 0.2:
        query["cpec"] = ["1"]
    return query


def figures(db: Database, filters: Filters, year: int) -> dict[str, dict[str, float]]:
    """Every figure by name, from each place that shows it."""
    params = filters.params()
    kpis = {v.kpi.code: v for v in compute(db, filters, year)}
    status = db.query("status_breakdown", filters=params, year=year)
    counts = dict(zip(status["status"], status["projects"], strict=True))
    by_sector = db.query("projects_by_sector", filters=params)
    opts = options(db)
    pack = briefing.assemble(db, filters, "en", [], opts.as_of, year, {})
    cover = {name: value for name, value, _ in briefing._kpi_rows(pack)}
    # the charts as the Overview, the Pipeline and a pack draw them (a pack leaves out a
    # chart of one bar, so it is not asked for them)
    caption = Caption("", "")
    status_fig, funnel_fig = (
        catalog.figure(name, db, filters, "en", caption, year=year) for name in ("status", "funnel")
    )
    bars = dict(zip(status_fig.data[0].y, status_fig.data[0].x, strict=True))
    stages = dict(zip(funnel_fig.data[0].y, funnel_fig.data[0].x, strict=True))
    return {
        "Projects": {
            "KPI card": kpis["projects_total"].value,
            "pack cover": cover["Projects"],
            "status bars, summed": sum(counts.values()),
            "sector bars, summed": int(by_sector["projects"].sum()),
        },
        "Under implementation": {
            "KPI card": kpis["under_implementation"].value,
            "pack cover": cover["Under implementation"],
            "status bar": counts.get("under_implementation", 0),
            "status chart": bars.get("Under implementation", 0),
        },
        "Operational / completed": {
            "KPI card": kpis["operational"].value,
            "pack cover": cover["Operational / completed"],
            "status bar": counts.get("operational", 0),
            "status chart": bars.get("Operational / completed", 0),
            "funnel's last stage": stages["Operational / completed"],
        },
    }


def agree(found: dict[str, dict[str, float]]) -> list[str]:
    """The names whose places disagree (the pack's cover is text: compared as shown)."""
    wrong = []
    for name, places in found.items():
        shown = {place: number(v) if not isinstance(v, str) else v for place, v in places.items()}
        if len(set(shown.values())) != 1:
            wrong.append(f"{name}: {shown}")
    return wrong


def test_every_figure_agrees_wherever_it_is_shown(shipped: Database) -> None:
    rng = random.Random(13)
    opts = options(shipped)
    checked = 0
    for _ in range(COMBINATIONS):
        filters = opts.from_query(draw(rng, shipped))
        year = filters.year_to or opts.years[1]  # the reference year, as the pages take it
        assert agree(figures(shipped, filters, year)) == [], filters
        checked += 1
    assert checked == COMBINATIONS


def metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def bars(at, title_start: str) -> dict[str, float]:
    for el in at.main:
        if el.type == "plotly_chart":
            fig = json.loads(el.proto.spec)
            if fig["layout"]["title"]["text"].startswith(title_start):
                return dict(zip(fig["data"][0]["y"], fig["data"][0]["x"], strict=True))
    return {}


def test_the_pages_show_one_value_per_name(app, monkeypatch, shipped: Database) -> None:
    monkeypatch.setenv("CPST_DATA_DIR", str(ROOT / "data"))
    rng = random.Random(13)
    compared = tries = 0
    while compared < THROUGH_THE_PAGES and tries < COMBINATIONS:  # views with projects
        tries += 1
        query = draw(rng, shipped)
        at = app(**query)
        at.run()
        assert not at.exception
        shown = metrics(at)
        if not shown:  # nothing matches: the page says so instead
            continue
        status = bars(at, "Projects by status")
        for name in ("Under implementation", "Operational / completed"):
            assert shown[name] == number(status.get(name, 0)), (query, name)
        assert shown["Projects"] == number(sum(status.values())), query
        at.switch_page("pages/pipeline.py").run()
        assert not at.exception
        funnel = bars(at, "How far projects")
        assert number(funnel["Operational / completed"]) == shown["Operational / completed"]
        assert bars(at, "Projects by status") in ({}, status)
        compared += 1
    assert compared == THROUGH_THE_PAGES


CLICKED = 15  # views in which every bar a click can pick is compared with its list


def test_every_bar_a_click_picks_lists_as_many_projects_as_it_shows(shipped: Database) -> None:
    """A click on a bar, a segment or a partner lists the projects behind it (ui.behind):
    as many as the bar counts, in random views (a year range makes a status at the year's
    end differ from the one recorded)."""
    import ui
    from analytics import charts

    rng = random.Random(17)
    opts = options(shipped)
    caption = Caption("", "")
    checked = 0
    for _ in range(CLICKED):
        filters = opts.from_query(draw(rng, shipped))
        year = filters.year_to or opts.years[1]
        ctx = ui.Context(shipped, filters, "en", opts.as_of, year)
        for name, field in (
            ("by_sector", "sectors"),
            ("status", "statuses"),
            ("per_year", "sector_year"),
            ("partners", "institution"),
        ):
            fig = catalog.figure(name, shipped, filters, "en", caption, year=year)
            for trace in fig.data:
                values = trace.x if trace.orientation == "h" else trace.y
                for code, value in zip(ui._picks(trace.meta), values, strict=False):
                    if code is None:
                        continue
                    listed = ui.behind(ctx, field, code).query("project_list", q="", limit=None)
                    assert len(listed) == value, (name, code, filters)
                    checked += 1
        provinces = shipped.query("province_summary", filters=filters.params())
        bars = charts.province_summary(provinces, lang="en", caption=caption).data[0]
        dots = charts.province_map(provinces, lang="en", caption=caption).data[-1]
        for code, value in [
            *zip(ui._picks(bars.meta), bars.x, strict=True),
            *zip(dots.meta["picks"], [n for _, n, _ in dots.customdata], strict=True),
        ]:
            if code is None:  # a province without projects in the view: no click
                continue
            listed = ui.behind(ctx, "provinces", code).query("project_list", q="", limit=None)
            assert len(listed) == value, ("provinces", code, filters)
            checked += 1
    assert checked > 100


def test_every_kpi_card_lists_the_projects_it_counts(shipped: Database) -> None:
    """A card's list (ui.behind, kpi_ids.sql) holds as many projects as the card counts, and
    the amounts and capacities its sum adds, in random views and reference years."""
    import ui
    from analytics.kpis import compute

    rng = random.Random(20261206)
    opts = options(shipped)
    checked = 0
    for _ in range(3 * CLICKED):  # a random view leaves many cards at zero
        filters = opts.from_query(draw(rng, shipped))
        year = filters.year_to or opts.years[1]
        ctx = ui.Context(shipped, filters, "en", opts.as_of, year)
        for v in compute(shipped, filters, year):
            if v.kpi.code == "institutions" or not v.value:  # no list: Partners, or nothing
                continue
            listed = ui.behind(ctx, "kpi", v.kpi.code).query("project_list", q="", limit=None)
            column = {"committed_usd": "amount_usd_m", "green_mw": "capacity_mw"}.get(v.kpi.code)
            shown = listed[column].sum() if column else len(listed)
            assert shown == pytest.approx(v.value), (v.kpi.code, filters, year)
            checked += 1
    assert checked > 60
