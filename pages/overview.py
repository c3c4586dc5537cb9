"""Overview: headline KPIs and the four charts of where cooperation stands."""

import streamlit as st

import ui
from analytics import charts
from analytics.kpis import compute

ctx = ui.context()
st.title(ctx.t("app.title"))
st.caption(ctx.t("app.subtitle"))

by_sector = ctx.query("projects_by_sector")
if by_sector.empty:
    ui.empty_state(ctx)
    st.stop()

st.subheader(ctx.t("kpi.header"))
st.caption(ctx.t("kpi.as_of_year", year=ctx.year, prev=ctx.year - 1))
ui.kpi_cards(compute(ctx.db, ctx.filters, ctx.year), ctx.lang)

caption = ctx.caption()
ui.chart(charts.projects_by_sector(by_sector, lang=ctx.lang, caption=caption), "by_sector")
status = ctx.query("status_breakdown")
ui.chart(charts.status_breakdown(status, lang=ctx.lang, caption=caption), "status")
per_year = ctx.query("agreements_per_year")
ui.chart(charts.agreements_per_year(per_year, lang=ctx.lang, caption=caption), "per_year")
partners = ctx.query("top_partners", limit=15)
ui.chart(charts.top_partners(partners, lang=ctx.lang, caption=caption), "partners")
