"""Chart functions, checked by their traces, labels and captions (not by styling)."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from analytics import charts
from analytics.db import Database
from analytics.filters import Filters
from analytics.theme import COUNTRY_COLOURS, FONT, SECTOR_COLOURS

CAPTION = charts.Caption(subtitle="All projects", footnote="Source: test · data as of 2026-11-27")
ALL = Filters().params()


def captioned(fig) -> tuple[str, str, list[str]]:
    layout = fig.layout
    return layout.title.text, layout.title.subtitle.text, [a.text for a in layout.annotations]


def test_projects_by_sector(fixture_db: Database) -> None:
    df = fixture_db.query("projects_by_sector", filters=ALL)
    fig = charts.projects_by_sector(df, lang="en", caption=CAPTION)
    (bar,) = fig.data
    # Plotly draws the last category on top, so the largest sector comes last.
    assert list(bar.y) == [
        "Space sciences",
        "Digital economy",
        "Agriculture and food",
        "Green energy",
    ]
    assert list(bar.x) == [1, 1, 1, 2]
    assert bar.marker.color[-1] == SECTOR_COLOURS["green_energy"]
    assert captioned(fig) == ("Projects by sector", "All projects", [CAPTION.footnote])


def test_projects_by_sector_in_chinese(fixture_db: Database) -> None:
    df = fixture_db.query("projects_by_sector", filters=ALL)
    fig = charts.projects_by_sector(df, lang="zh", caption=CAPTION)
    assert fig.layout.title.text == "各领域项目数"
    assert "绿色能源" in fig.data[0].y


def test_agreements_per_year_stacks_one_trace_per_sector(fixture_db: Database) -> None:
    df = fixture_db.query("agreements_per_year", filters=ALL)
    fig = charts.agreements_per_year(df, lang="en", caption=CAPTION)
    assert fig.layout.barmode == "stack"
    traces = {t.name: (list(t.x), list(t.y)) for t in fig.data}
    assert traces == {
        "Green energy": ([2015, 2023], [1, 1]),
        "Digital economy": ([2016], [1]),
        "Space sciences": ([2016], [1]),
        "Agriculture and food": ([2024], [1]),
    }
    assert {t.name: t.marker.color for t in fig.data}["Space sciences"] == SECTOR_COLOURS["space"]


def test_status_breakdown_in_life_order(fixture_db: Database) -> None:
    df = fixture_db.query("status_breakdown", filters=ALL, year=2026)
    fig = charts.status_breakdown(df, lang="en", caption=CAPTION)
    (bar,) = fig.data
    assert list(bar.y) == ["Operational / completed", "Under implementation", "Proposed"]
    assert list(bar.x) == [3, 1, 1]
    assert fig.layout.title.text == "Projects by status at the end of 2026"


def test_top_partners_split_by_country(fixture_db: Database) -> None:
    df = fixture_db.query("institution_ranking", filters=ALL, limit=10)
    fig = charts.top_partners(df, lang="en", caption=CAPTION)
    by_country = {t.name: dict(zip(t.y, t.x, strict=True)) for t in fig.data}
    assert by_country == {"China": {"TCE": 3, "TCA": 1}, "Pakistan": {"TPA": 2}}
    assert {t.name: t.marker.color for t in fig.data}["China"] == COUNTRY_COLOURS["CN"]
    zh = charts.top_partners(df, lang="zh", caption=CAPTION)
    assert "测试企业" in zh.data[0].y


@pytest.mark.parametrize("name", ["projects_by_sector", "agreements_per_year", "status_breakdown"])
def test_charts_accept_an_empty_frame(fixture_db: Database, name: str) -> None:
    nothing = Filters(sectors=("space",), cpec_only=True).params()
    df = fixture_db.query(name, filters=nothing, year=2026)  # only status takes a year
    assert df.empty
    fig = getattr(charts, name)(df, lang="en", caption=CAPTION)
    assert fig.layout.title.subtitle.text == "All projects"


@pytest.mark.parametrize("default", ["cpst", "streamlit", "plotly"])
def test_charts_carry_our_template_whatever_the_default(fixture_db, monkeypatch, default) -> None:
    import plotly.io as pio
    import streamlit.elements.plotly_chart  # noqa: F401  (registers "streamlit")

    monkeypatch.setattr(pio.templates, "default", default)
    df = fixture_db.query("projects_by_sector", filters=Filters().params())
    fig = charts.projects_by_sector(df, lang="en", caption=CAPTION)
    assert fig.layout.template.layout.font.family == FONT
    assert fig.layout.template.layout.font.size == 18


HOSTILE_TITLE = 'Plant <a href="https://evil.example">click</a> <b>big</b> & co'


def test_text_from_the_data_reaches_plotly_escaped(fixture_db: Database) -> None:
    """Plotly would draw a link, bold text or styled spans from tags in the data; escaped,
    they show as typed (Plotly turns the entities back into characters)."""
    df = fixture_db.query("largest_projects", filters=ALL, limit=10)
    df.loc[df["id"] == "hydro-a", "title_en"] = HOSTILE_TITLE
    caption = charts.Caption(subtitle="<i>Inst</i>", footnote="Source<br>as of 2026")
    fig = charts.largest_projects(df, lang="en", caption=caption)
    strings = list(_strings(json.loads(fig.to_json())))
    assert not [x for x in strings if "<a " in x or "<b>" in x or "<i>" in x]
    escaped = (
        'Plant &lt;a href="https://evil.example"&gt;click&lt;/a&gt; &lt;b&gt;big&lt;/b&gt; &amp;'
    )
    assert any(x.startswith(escaped) for x in strings)  # the hover card's full title
    assert any(x.startswith("Plant &lt;a href") for x in fig.layout.yaxis.ticktext)
    assert fig.layout.title.subtitle.text == "&lt;i&gt;Inst&lt;/i&gt;"
    assert fig.layout.annotations[-1].text == "Source<br>as of 2026"  # our own markup stays


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_a_phone_gets_wrapped_titles_a_legend_below_and_the_source_as_text() -> None:
    caption = charts.Caption("Green energy · 2010–2022", "Source: test<br>Data as of 2026-11-27")
    df = pd.DataFrame(
        {
            "year": [2020, 2020, 2021],
            "sector": ["green_energy", "space", "space"],
            "label_en": ["Green energy", "Space sciences", "Space sciences"],
            "label_zh": ["绿色能源", "空间科学", "空间科学"],
            "projects": [1, 2, 3],
        }
    )
    fig = charts.agreements_per_year(df, lang="en", caption=caption)
    phone, source = charts.for_phone(fig)
    assert phone.layout.title.text == "Agreements signed per year,<br>by sector"
    assert fig.layout.title.text == "Agreements signed per year, by sector"  # exports: as was
    assert (phone.layout.legend.orientation, phone.layout.legend.yanchor) == ("h", "top")
    assert phone.layout.legend.y < 0  # under the plot, not beside it
    assert phone.layout.height == fig.layout.height + 2 * 22  # two legend rows
    assert source == "Source: test · Data as of 2026-11-27"
    assert [a.text for a in phone.layout.annotations] == []  # the footnote left the chart
    assert len(fig.layout.annotations) == 1
    assert charts._wrapped("各技术容量及状态：已投运、在建、已签约（兆瓦）") == (
        "各技术容量及状态：已投运、在建、<br>已签约（兆瓦）"  # "、" never starts a line
    )
