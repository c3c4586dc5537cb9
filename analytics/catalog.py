"""The charts a briefing pack or the meeting mode can show, each a query and a chart function."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import plotly.graph_objects as go

from analytics import charts
from analytics.charts import Caption
from analytics.db import Database
from analytics.filters import Filters


@dataclass(frozen=True)
class Spec:
    query: str
    draw: Callable[..., go.Figure]
    title: str  # i18n key of the chart's title
    params: dict[str, object] = field(default_factory=dict)


# A map draws up to MAP_POINTS sites one by one, more as cells of MAP_CELL degrees: 2,000
# sites make a ~0.8 MB chart, a million would make hundreds of MB (benchmarks/RESULTS.md).
MAP_POINTS, MAP_CELL = 2_000, 0.5
SITES = {"max_points": MAP_POINTS, "cell": MAP_CELL, "country": None}

CHARTS: dict[str, Spec] = {
    "by_sector": Spec("projects_by_sector", charts.projects_by_sector, "chart.by_sector"),
    "status": Spec("status_breakdown", charts.status_breakdown, "chart.status"),
    "per_year": Spec("agreements_per_year", charts.agreements_per_year, "chart.per_year"),
    "partners": Spec("institution_ranking", charts.top_partners, "chart.partners", {"limit": 15}),
    "subsector": Spec("projects_by_subsector", charts.projects_by_subsector, "chart.by_subsector"),
    "per_year_subsector": Spec(
        "projects_per_year", charts.projects_per_year, "chart.per_year_subsector"
    ),
    "capacity_tech": Spec(
        "capacity_by_technology", charts.capacity_by_technology, "chart.capacity_tech"
    ),
    "capacity_online": Spec(
        "capacity_online_per_year", charts.capacity_online, "chart.capacity_online"
    ),
    "largest": Spec("largest_projects", charts.largest_projects, "chart.largest", {"limit": 10}),
    "missions": Spec(
        "milestone_timeline", charts.milestone_timeline, "chart.missions", {"limit": 40}
    ),
    "funnel": Spec("status_breakdown", charts.status_funnel, "chart.funnel"),
    "provinces": Spec("province_summary", charts.province_summary, "chart.provinces"),
    "sites": Spec("project_sites", charts.sites_map, "chart.sites", SITES),
}
OVERVIEW = ("by_sector", "status", "per_year", "partners")
DEEP_DIVES = {
    "green_energy": ("capacity_tech", "capacity_online", "sites"),
    "space": ("missions", "per_year_subsector"),
}


def defaults(filters: Filters) -> list[str]:
    """The Overview's charts, and the deep dive of the one sector the filters select."""
    chosen = list(OVERVIEW)
    if len(filters.sectors) == 1:
        chosen += DEEP_DIVES.get(filters.sectors[0], ("subsector", "per_year_subsector"))
    return chosen


def figure(
    name: str,
    db: Database,
    filters: Filters,
    lang: str,
    caption: Caption,
    params: dict | None = None,
    *,
    year: int,
    **draw: object,
) -> go.Figure:
    """Chart `name` for the filters at the end of the reference `year`; `params` override
    its query's, `draw` go to its chart function (e.g. the map's size_by)."""
    spec = CHARTS[name]
    given = {"year": year} | spec.params | (params or {})
    df = db.query(spec.query, filters=filters.params(), **given)
    return spec.draw(df, lang=lang, caption=caption, **draw)
