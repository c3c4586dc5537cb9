"""Overview: headline KPIs and the four charts of where cooperation stands."""

import streamlit as st

import ui
from analytics import charts
from analytics.db import together
from analytics.kpis import compute

ctx = ui.context()
st.title(ctx.t("app.title"))
st.caption(ctx.t("app.subtitle"))

data = together(
    by_sector=lambda: ctx.query("projects_by_sector"),
    kpis=lambda: compute(ctx.db, ctx.filters, ctx.year),
    status=lambda: ctx.query("status_breakdown"),
    per_year=lambda: ctx.query("agreements_per_year"),
    partners=lambda: ctx.query("institution_ranking", limit=15),
)
if data["by_sector"].empty:
    ui.empty_state(ctx)
    st.stop()

st.subheader(ctx.t("kpi.header"))
st.caption(ctx.t("kpi.as_of_year", year=ctx.year, prev=ctx.year - 1))
ui.kpi_cards(data["kpis"], ctx)  # a card lists the projects it counts

caption = ctx.caption()
for key, draw, pick in (
    # a click on a bar shows the projects behind it (the filter the bar stands for)
    ("by_sector", charts.projects_by_sector, "sectors"),
    ("status", charts.status_breakdown, "statuses"),
    ("per_year", charts.agreements_per_year, "sector_year"),
    ("partners", charts.top_partners, "institution"),
):
    ui.chart(draw(data[key], lang=ctx.lang, caption=caption), key, pick)
