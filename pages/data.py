"""Data: upload tables, see every error by line or the diff, and apply only when confirmed."""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from analytics import aiddata, auth, maintain
from analytics import contract as c

LIMIT = 200  # rows shown of a long error list or diff (HTML tables, so text can be copied)

ctx = ui.context()
st.title(ctx.t("page.data"))
if not auth.current().maintains:  # the navigation leaves it out; checked here too
    st.error(ctx.t("auth.maintainers_only"))
    st.stop()
st.write(ctx.t("data.intro"))
files = st.file_uploader(
    ctx.t("data.upload"), type=["csv", "xlsx"], accept_multiple_files=True, key="data_files"
)
outcome = st.session_state.pop("_data_outcome", None)  # of an Apply in the run before
if outcome:
    (st.success if outcome == "applied" else st.warning)(ctx.t(f"data.{outcome}"))
if not files:
    st.stop()
replace = st.toggle(ctx.t("data.replace"), key="data_replace")

AIDDATA = "aiddata"  # not a table: an AidData GCDF 2.0 or 3.0 export to import
choices = [*c.UPLOADABLE, AIDDATA]
uploads, chosen = [], 0
try:
    for i, file in enumerate(files):
        guess = Path(file.name).stem.lower()
        table = st.selectbox(
            ctx.t("data.table_for", name=file.name),
            choices,
            index=choices.index(guess) if guess in choices else None,
            format_func=lambda x: ctx.t("data.aiddata") if x == AIDDATA else x,
            key=f"data_table_{i}",
            placeholder=ctx.t("data.pick_table"),
        )
        chosen += table is not None
        if table == AIDDATA:
            today = dt.date.today().isoformat()
            planned, summary = aiddata.plan(ctx.db.directory, file.name, file.getvalue(), today)
            st.code("\n".join(summary.lines()), language=None)
            uploads += planned
        elif table:
            uploads.append(maintain.Upload(table, file.name, file.getvalue(), replace=replace))
    if chosen < len(files):
        st.stop()
    report, plan = maintain.review(ctx.db.directory, uploads)
except maintain.Refused as refused:
    st.error(f"{ctx.t('data.refused')} {refused}")
    st.stop()
if not report.ok:
    st.error(ctx.t("data.errors", n=len(report.errors)))
    rows = [(f.file, f.line, f.column, f.message) for f in report.errors]
    columns = [ctx.t(f"data.{k}") for k in ("file", "line", "column", "message")]
    st.table(pd.DataFrame(rows[:LIMIT], columns=columns).set_index(columns[0]))
    st.stop()

for _, change, upload in plan.changes:
    st.subheader(f"{upload.name} → {change.table}.csv")
    st.write(
        ctx.t("data.summary", added=len(change.added), changed=len(change.changed),
              removed=len(change.removed))
    )  # fmt: skip
    rows = [
        (x.key, f, x.before.get(f, ""), x.after.get(f, ""))
        for x in change.changed
        for f in x.fields
    ]
    rows += [(x.key, ctx.t("data.added"), "", "") for x in change.added]
    rows += [(x.key, ctx.t("data.removed"), "", "") for x in change.removed]
    if rows:
        columns = [ctx.t(f"data.{k}") for k in ("record", "field", "before", "after")]
        st.table(pd.DataFrame(rows[:LIMIT], columns=columns).set_index(columns[0]))

if plan.empty:
    st.info(ctx.t("data.nothing"))
    st.stop()


def apply(plan: maintain.Plan) -> None:
    """Apply the plan drawn with the button, the one the user saw: the run this click
    starts works the difference out again, and that is not what was confirmed."""
    try:
        maintain.apply(ctx.db.directory, plan)
        st.session_state["_data_outcome"] = "applied"
    except maintain.Stale:
        st.session_state["_data_outcome"] = "stale"


st.button(ctx.t("data.apply"), type="primary", on_click=apply, args=(plan,))
