"""Projects: a searchable table; a selected project opens its detail view (?project=id)."""

import streamlit as st

import ui

ctx = ui.context()
project = st.query_params.get("project")
if project:
    ui.project_detail(ctx, project)
    st.stop()

st.title(ctx.t("page.projects"))
q = st.text_input(ctx.t("projects.search"), value=st.query_params.get("q", ""), key="url_q")
ui.set_url("q", q.strip())
projects = ui.projects(ctx, q.strip())
if projects.empty:
    if q.strip():
        st.info(ctx.t("projects.no_hits", q=ui.plain(q.strip())))
    else:
        ui.empty_state(ctx)
    st.stop()
st.caption(f"{ctx.t('projects.count', n=ui.total(projects))} · {ctx.t('projects.pick')}")
event = ui.project_table(projects, ctx, q.strip(), on_select="rerun", selection_mode="single-row")
if event.selection.rows:
    ui.set_url("project", projects.iloc[event.selection.rows[0]]["id"])
    st.rerun()
