"""Pipeline: how far projects have come, their schedules, and which are behind."""

import streamlit as st

import ui
from analytics import charts
from analytics.i18n import label, localize

ctx = ui.context()
st.title(ctx.t("page.pipeline"))
caption = ctx.caption()
status = ctx.query("status_breakdown")
if status.empty:
    ui.empty_state(ctx)
    st.stop()

ui.chart(charts.status_funnel(status, lang=ctx.lang, caption=caption), "funnel")
schedule = ctx.query("project_schedule")
ui.chart(charts.schedule_gantt(schedule, lang=ctx.lang, caption=caption), "gantt")

st.subheader(ctx.t("pipeline.overdue"))
st.caption(ctx.t("pipeline.overdue_intro", as_of=ctx.as_of))
overdue = ctx.query("overdue_projects", today=ctx.as_of)
if overdue.empty:
    st.info(ctx.t("pipeline.none_overdue"))
else:
    overdue["title"] = localize(overdue, ctx.lang)
    overdue["status"] = [label("status", s, ctx.lang) for s in overdue["status"]]
    ui.table(
        overdue,
        {
            "title": ctx.t("col.project"),
            "status": ctx.t("col.status"),
            "planned": ctx.t("col.planned"),
            "completed": ctx.t("col.completed"),
            "months_late": ctx.t("col.months_late"),
        },
    )
