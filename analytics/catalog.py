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


CHARTS: dict[str, Spec] = {
    "by_sector": Spec("projects_by_sector", charts.projects_by_sector, "chart.by_sector"),
    "status": Spec("status_breakdown", charts.status_breakdown, "chart.status"),
    "per_year": Spec("agreements_per_year", charts.agreements_per_year, "chart.per_year"),
    "partners": Spec("top_partners", charts.top_partners, "chart.partners", {"limit": 15}),
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
    "missions": Spec(
        "milestone_timeline", charts.milestone_timeline, "chart.missions", {"limit": 40}
    ),
    "funnel": Spec("status_breakdown", charts.status_funnel, "chart.funnel"),
    "provinces": Spec("province_summary", charts.province_summary, "chart.provinces"),
    "sites": Spec("project_sites", charts.sites_map, "chart.sites"),
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


def figure(name: str, db: Database, filters: Filters, lang: str, caption: Caption) -> go.Figure:
    spec = CHARTS[name]
    df = db.query(spec.query, filters=filters.params(), **spec.params)
    return spec.draw(df, lang=lang, caption=caption)
