"""Chart functions of the analysis pages, checked by traces and labels on the fixture."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import charts
from analytics.catalog import SITES
from analytics.db import Database
from analytics.filters import Filters
from analytics.theme import COUNTRY_COLOURS, SECTOR_COLOURS, STATUS_COLOURS

CAPTION = charts.Caption(subtitle="All projects", footnote="Source: test<br>Data as of 2026-11-27")
ALL = Filters().params()


def q(db: Database, name: str, **params):
    return db.query(name, filters=ALL, **params)


def test_every_chart_keeps_its_footnote(fixture_db: Database) -> None:
    fig = charts.sites_map(q(fixture_db, "project_sites", **SITES), lang="en", caption=CAPTION)
    texts = [a.text for a in fig.layout.annotations]
    assert CAPTION.footnote in texts
    assert "Kotli" in texts and "Bahawalpur" in texts  # city labels survive the footnote


def test_green_energy_deep_dive(fixture_db: Database) -> None:
    tech = charts.capacity_by_technology(
        q(fixture_db, "capacity_by_technology"), lang="en", caption=CAPTION
    )
    assert {t.name: (list(t.x), list(t.y)) for t in tech.data} == {
        "Under implementation": (["Solar"], [300]),
        "Operational / completed": (["Hydropower"], [720]),
    }
    assert tech.data[1].marker.color == STATUS_COLOURS["operational"]
    online = charts.capacity_online(
        q(fixture_db, "capacity_online_per_year"), lang="en", caption=CAPTION
    )
    assert [(t.name, list(t.x), list(t.y)) for t in online.data] == [("Hydropower", [2022], [720])]
    # hydro-a, agreed in 2015 (in a 2010–2020 view), came online in 2022: after the range
    in_range = Filters(year_from=2010, year_to=2020).params()
    assert fixture_db.query("capacity_online_per_year", filters=in_range).empty
    to_2022 = Filters(year_from=2010, year_to=2022).params()
    assert list(fixture_db.query("capacity_online_per_year", filters=to_2022)["year"]) == [2022]
    largest = charts.largest_projects(
        q(fixture_db, "largest_projects", limit=10), lang="en", caption=CAPTION
    )
    # a trace per status, named in the legend; the largest on top, a row per project
    assert [(t.name, list(t.y), list(t.x)) for t in largest.data] == [
        ("Under implementation", ["solar-b"], [300]),
        ("Operational / completed", ["hydro-a"], [720]),
    ]
    assert list(largest.layout.yaxis.categoryarray) == ["solar-b", "hydro-a"]
    assert list(largest.layout.yaxis.ticktext) == ["Test Solar B", "Test Hydro A"]
    assert largest.data[1].customdata[0][0] == "Test Hydro A"  # the hover card's title
    assert largest.layout.legend.title.text == "Status"


def test_sub_area_charts(fixture_db: Database) -> None:
    green = Filters(sectors=("green_energy",)).params()
    sub = charts.projects_by_subsector(
        fixture_db.query("projects_by_subsector", filters=green), lang="zh", caption=CAPTION
    )
    assert sorted(sub.data[0].y) == ["太阳能", "水电"]
    per_year = charts.projects_per_year(
        fixture_db.query("projects_per_year", filters=green), lang="en", caption=CAPTION
    )
    assert {t.name: list(t.x) for t in per_year.data} == {"Hydropower": [2015], "Solar": [2023]}
    # two years: one tick a year, written 2015 rather than 2,015 (or 2,015.5 between them)
    assert (per_year.layout.xaxis.dtick, per_year.layout.xaxis.tickformat) == (1, "d")
    # 2015-2030 with data in two years: a tick every fifth year, or 16 labels would crowd
    longer = charts.projects_per_year(
        pd.DataFrame(
            {
                "year": [2015, 2030],
                "subsector": ["solar", "solar"],
                "label_en": ["Solar", "Solar"],
                "label_zh": ["太阳能", "太阳能"],
                "projects": [1, 1],
            }
        ),
        lang="en",
        caption=CAPTION,
    )
    assert longer.layout.xaxis.dtick == 5
    # at most one project a year: a tick at each whole number, not at 0.2, 0.4 …
    assert per_year.layout.yaxis.dtick == 1
    assert per_year.layout.yaxis.title.text == "Projects"


def test_project_axis_ticks_whole_numbers_up_to_ten_stacked() -> None:
    def axis(counts: list[int]):
        df = pd.DataFrame(
            {
                "year": [2020] * len(counts),
                "subsector": [f"s{i}" for i in range(len(counts))],
                "label_en": [f"S{i}" for i in range(len(counts))],
                "label_zh": [None] * len(counts),
                "projects": counts,
            }
        )
        return charts.projects_per_year(df, lang="en", caption=CAPTION).layout.yaxis

    assert axis([4, 6]).dtick == 1  # 10 stacked in 2020
    assert axis([5, 6]).dtick is None  # 11: Plotly's own whole-number steps


def test_mission_timeline_marks_each_event(fixture_db: Database) -> None:
    fig = charts.milestone_timeline(
        q(fixture_db, "milestone_timeline", limit=40), lang="en", caption=CAPTION
    )
    by_event = {t.name: list(t.y) for t in fig.data}
    assert by_event == {
        "Construction started": ["Test Hydro A"],
        "Launched": ["Test Satellite C"],
        "Commissioned": ["Test Hydro A"],
    }
    launched = next(t for t in fig.data if t.name == "Launched")
    assert launched.marker.symbol == "star"
    assert launched.customdata[0][0] == "2018-07-09"  # the date as the source gives it


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_date_axes_tick_days_months_or_years_never_hours(fixture_db: Database, lang) -> None:
    timeline = charts.milestone_timeline(
        q(fixture_db, "milestone_timeline", limit=40), lang=lang, caption=CAPTION
    )
    gantt = charts.schedule_gantt(
        q(fixture_db, "project_schedule", limit=60), lang=lang, caption=CAPTION
    )
    for fig in (timeline, gantt):
        stops = fig.layout.xaxis.tickformatstops
        # the finest stop reaches down to any zoom, so Plotly never falls back to hours
        assert stops[0].dtickrange[0] is None and stops[-1].dtickrange[1] is None
        formats = [s.value for s in stops]
        assert all("%H" not in f and "%M" not in f and "%I" not in f for f in formats)
        assert "%-d" in formats[0] and "%Y" in formats[-1]


def test_timeline_of_one_date_spans_the_years_around_it(fixture_db: Database) -> None:
    space = Filters(sectors=("space",)).params()
    events = fixture_db.query("milestone_timeline", filters=space, limit=40)
    assert set(events["date"]) == {"2018-07-09"}  # the fixture's one space event
    fig = charts.milestone_timeline(events, lang="en", caption=CAPTION)
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (start, end) == (pd.Timestamp("2017-07-09"), pd.Timestamp("2019-07-09"))
    several = charts.milestone_timeline(
        q(fixture_db, "milestone_timeline", limit=40), lang="en", caption=CAPTION
    )
    assert several.layout.xaxis.range is None  # Plotly fits dates that differ


def test_sites_map_of_cells_sizes_by_projects(fixture_db: Database) -> None:
    cells = q(fixture_db, "project_sites", **(SITES | {"max_points": 1}))
    fig = charts.sites_map(cells, lang="en", caption=CAPTION)
    green = {t.name: t for t in fig.data if t.name}["Green energy"]
    assert [row[0] for row in green.customdata] == ["Projects in this cell: 1"] * 2
    assert len(fig.layout.annotations) == 1  # the footnote only: cells have no city


def test_sites_map_colours_and_sizes(fixture_db: Database) -> None:
    sites = q(fixture_db, "project_sites", **SITES)
    fig = charts.sites_map(sites, lang="en", caption=CAPTION, size_by="capacity_mw")
    by_name = {t.name: t for t in fig.data if t.name}  # the land's traces have none
    assert set(by_name) == {"Green energy", "Space sciences"}
    green = by_name["Green energy"]
    assert list(green.x) == [73.6, 71.8] and list(green.y) == [33.6, 29.3]
    assert green.marker.color == SECTOR_COLOURS["green_energy"]
    # hydro-a (720 MW) is the largest: the biggest marker; sat-c has no MW: the smallest.
    assert (
        green.marker.size[0] == pytest.approx(50) and by_name["Space sciences"].marker.size[0] == 10
    )
    assert fig.layout.yaxis.scaleanchor == "x"  # degrees the same size both ways


def test_province_summary_chart(fixture_db: Database) -> None:
    fig = charts.province_summary(q(fixture_db, "province_summary"), lang="zh", caption=CAPTION)
    assert list(fig.data[0].y) == ["多个省份", "旁遮普省", "巴控克什米尔"]


def test_partner_charts(fixture_db: Database) -> None:
    ranking = q(fixture_db, "institution_ranking", limit=None)
    types = charts.partner_types(q(fixture_db, "institution_types"), lang="en", caption=CAPTION)
    assert {t.name: dict(zip(t.y, t.x, strict=True)) for t in types.data} == {
        "China": {"Academy or research institute": 1, "Enterprise": 1, "Ministry or agency": 0},
        "Pakistan": {"Academy or research institute": 0, "Enterprise": 0, "Ministry or agency": 1},
    }
    network = charts.partner_network(
        ranking, q(fixture_db, "partner_links", limit=30), lang="en", caption=CAPTION
    )
    nodes = {
        t.name: dict(zip(t.text, t.x, strict=True))
        for t in network.data
        if t.mode == "markers+text"
    }
    assert nodes == {"China": {"TCE": 0.0, "TCA": 0.0}, "Pakistan": {"TPA": 1.0}}
    assert network.data[-1].marker.color == COUNTRY_COLOURS["PK"]
    lines = [t for t in network.data if t.mode == "lines"]
    assert sum(t.x.count(None) for t in lines) == 2  # inst-cn-1–inst-pk-1 and inst-cn-2–inst-pk-1


def test_network_leaves_out_links_within_one_country() -> None:
    nodes = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "name_en": ["A", "B", "C"],
            "name_zh": [None, None, None],
            "short_name": [None, None, None],
            "country": ["CN", "CN", "PK"],
            "projects": [2, 1, 1],
        }
    )
    links = pd.DataFrame({"source": ["a", "a"], "target": ["b", "c"], "projects": [1, 1]})
    fig = charts.partner_network(nodes, links, lang="en", caption=CAPTION)
    (line,) = [t for t in fig.data if t.mode == "lines"]
    assert list(line.x) == [0.0, 1.0, None]  # only a–c
    # with no link across the columns (found at 1M synthetic projects) only the nodes remain
    alone = charts.partner_network(nodes, links.head(1), lang="en", caption=CAPTION)
    assert [t.mode for t in alone.data] == ["markers+text", "markers+text"]


def test_funnel_counts_projects_that_reached_each_stage(fixture_db: Database) -> None:
    df = q(fixture_db, "status_breakdown", year=2026)
    fig = charts.status_funnel(df, lang="en", caption=CAPTION)
    # operational 3, under implementation 1, proposed 1 (agreed 0): reached-stage counts,
    # named so that they are not taken for the status counts.
    assert list(fig.data[0].x) == [5, 4, 4, 3]
    assert list(fig.data[0].y) == [
        "Proposed or further",
        "Agreed or further",
        "Under implementation or further",
        "Operational / completed",
    ]
    assert "suspended 0 · cancelled 0 · status unknown for that year 0" in (
        fig.layout.annotations[0].text
    )
    assert fig.layout.title.text == "How far projects had come by the end of 2026"


def test_gantt_bars_run_from_start_to_end(fixture_db: Database) -> None:
    fig = charts.schedule_gantt(
        q(fixture_db, "project_schedule", limit=60), lang="en", caption=CAPTION
    )
    # a trace per sector, in the sector colours and named in the legend
    green, digital, space = fig.data
    assert [green.name, digital.name, space.name] == [
        "Green energy",
        "Digital economy",
        "Space sciences",
    ]
    assert green.marker.color == SECTOR_COLOURS["green_energy"]
    assert list(green.y) == ["Test Hydro A", "Test Solar B"]  # by start: 2016-12, 2024
    assert list(green.marker.pattern.shape) == ["", "/"]  # solar-b is not completed: hatched
    assert str(green.base[1])[:10] == "2024-01-01"
    day = 24 * 3600 * 1000
    assert green.x[1] == 730 * day  # 2024-01-01 to its planned 2025-12-31
    assert fig.layout.xaxis.type == "date"
    assert fig.layout.legend.title.text == "Sector"
    assert fig.layout.annotations[0].text.startswith("Solid: started to completed.")


def test_long_titles_are_shortened_for_labels() -> None:
    df = pd.DataFrame(
        {
            "id": ["x"],
            "title_en": ["A very long project title that goes on and on and on"],
            "title_zh": [None],
            "sector": ["space"],
            "sector_en": ["Space sciences"],
            "sector_zh": ["空间科学"],
            "status": ["operational"],
            "start_day": pd.to_datetime(["2020-01-01"]),
            "end_day": pd.to_datetime(["2021-01-01"]),
            "completed": [True],
        }
    )
    fig = charts.schedule_gantt(df, lang="en", caption=CAPTION)
    assert fig.data[0].y[0] == "A very long project title that goes on…"
    assert fig.data[0].customdata[0][0] == df["title_en"][0]
    largest = charts.largest_projects(df.assign(capacity_mw=[500.0]), lang="en", caption=CAPTION)
    assert list(largest.layout.yaxis.ticktext) == ["A very long project title that goes on…"]
    assert largest.data[0].customdata[0][0] == df["title_en"][0]
