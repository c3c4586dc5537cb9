"""Pipeline: how far projects have come, their schedules, and which are behind."""

import streamlit as st

import ui
from analytics import charts
from analytics.db import together
from analytics.i18n import day, label, localize

GANTT = 60  # bars in the schedule chart

ctx = ui.context()
st.title(ctx.t("page.pipeline"))
caption = ctx.caption()
data = together(
    status=lambda: ctx.query("status_breakdown"),
    schedule=lambda: ctx.query("project_schedule", limit=GANTT),
    overdue=lambda: ctx.query("overdue_projects", today=ctx.as_of, limit=ui.TABLE_ROWS),
)
status, schedule, overdue = data["status"], data["schedule"], data["overdue"]
if status.empty:
    ui.empty_state(ctx)
    st.stop()

ui.chart(charts.status_funnel(status, lang=ctx.lang, caption=caption), "funnel")
ui.chart(charts.schedule_gantt(schedule, lang=ctx.lang, caption=caption), "gantt")
ui.say_first(ctx, schedule, "pipeline.latest")

st.subheader(ctx.t("pipeline.overdue"))
st.caption(ctx.t("pipeline.overdue_intro", as_of=day(ctx.as_of, ctx.lang)))
if overdue.empty:
    st.info(ctx.t("pipeline.none_overdue"))
else:
    ui.say_first(ctx, overdue, "pipeline.overdue_first")
    overdue["title"] = localize(overdue, ctx.lang)
    overdue["status"] = [label("status", s, ctx.lang) for s in overdue["status"]]
    ui.table(
        overdue,
        {
            "title": ui.name_column(ctx, "col.project"),
            "status": ctx.t("col.status"),
            "planned": ctx.t("col.planned"),
            "completed": ctx.t("col.completed"),
            "months_late": ui.Number(ctx.t("col.months_late")),
        },
    )
