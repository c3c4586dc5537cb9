"""Sectors: one sector in depth, with deep dives for green energy, digital economy and space."""

import functools

import streamlit as st

import ui
from analytics import catalog
from analytics.db import together
from analytics.kpis import compute

ctx = ui.context()
st.title(ctx.t("page.sectors"))
st.caption(ctx.t("sectors.intro"))
options = list(ctx.filters.sectors) or list(ctx.db.query("sectors")["code"])
sector = ui.url_select("topic", ctx.t("sectors.pick"), options, ctx.names.get)
view = ctx.narrowed(sectors=(sector,))
caption = view.caption()
# Each sector's own charts (by name in analytics/catalog.py), then those every sector has.
OWN_CHARTS = {
    "green_energy": ("capacity_tech", "capacity_online", "largest", "sites"),
    "space": ("missions",),
}
names = (*OWN_CHARTS.get(sector, ("subsector", "partners")), "per_year_subsector", "status")
style = {"sites": {"size_by": "capacity_mw"}}
data = together(
    projects=lambda: ui.projects(view),
    kpis=lambda: compute(ctx.db, view.filters, ctx.year),
    **{
        name: functools.partial(
            catalog.figure,
            name,
            ctx.db,
            view.filters,
            ctx.lang,
            caption,
            year=ctx.year,
            **style.get(name, {}),
        )
        for name in names
    },
)
if data["projects"].empty:
    ui.empty_state(ctx)
    st.stop()

hidden = {"green_mw"} if sector != "green_energy" else set()
hidden |= {"satellites"} if sector != "space" else set()
ui.kpi_cards([v for v in data["kpis"] if v.kpi.code not in hidden], view)
for name in names:
    ui.chart(data[name], name)

st.subheader(ctx.t("sectors.projects"))
ui.project_table(data["projects"], view)
