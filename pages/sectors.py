"""Sectors: one sector in depth, with deep dives for green energy, digital economy and space."""

import streamlit as st

import ui
from analytics import catalog, charts
from analytics.kpis import compute
from analytics.theme import SECTOR_COLOURS

ctx = ui.context()
st.title(ctx.t("page.sectors"))
st.caption(ctx.t("sectors.intro"))
options = list(ctx.filters.sectors) or list(ctx.db.query("sectors")["code"])
sector = ui.url_select("topic", ctx.t("sectors.pick"), options, ctx.names.get)
view = ctx.narrowed(sectors=(sector,))
caption = view.caption()
projects = ui.projects(view)
if projects.empty:
    ui.empty_state(ctx)
    st.stop()

hidden = {"green_mw"} if sector != "green_energy" else set()
hidden |= {"satellites"} if sector != "space" else set()
ui.kpi_cards(
    [v for v in compute(ctx.db, view.filters, ctx.year) if v.kpi.code not in hidden], ctx.lang
)

if sector == "green_energy":
    df = view.query("capacity_by_technology")
    ui.chart(charts.capacity_by_technology(df, lang=ctx.lang, caption=caption), "tech")
    df = view.query("capacity_online_per_year")
    ui.chart(charts.capacity_online(df, lang=ctx.lang, caption=caption), "online")
    df = view.query("largest_projects", limit=10)
    ui.chart(charts.largest_projects(df, lang=ctx.lang, caption=caption), "largest")
    sites = catalog.figure("sites", ctx.db, view.filters, ctx.lang, caption, size_by="capacity_mw")
    ui.chart(sites, "sites")
elif sector == "space":
    missions = catalog.figure("missions", ctx.db, view.filters, ctx.lang, caption)
    ui.chart(missions, "missions")
else:
    df = view.query("projects_by_subsector")
    colour = SECTOR_COLOURS.get(sector, "#1F6FB4")
    fig = charts.projects_by_subsector(df, lang=ctx.lang, caption=caption, colour=colour)
    ui.chart(fig, "subsector")
    df = view.query("top_partners", limit=12)
    ui.chart(charts.top_partners(df, lang=ctx.lang, caption=caption), "partners")

df = view.query("projects_per_year")
ui.chart(charts.projects_per_year(df, lang=ctx.lang, caption=caption), "per_year")
df = view.query("status_breakdown")
ui.chart(charts.status_breakdown(df, lang=ctx.lang, caption=caption), "status")

st.subheader(ctx.t("sectors.projects"))
ui.project_table(projects, view)
