"""Data: upload tables, see every error by line or the diff, and apply only when confirmed, with
a reason; the audit trail of every change, and a restore of the tables before any of them."""

import datetime as dt
from pathlib import Path

import pandas as pd
import streamlit as st

import ui
from analytics import aiddata, maintain
from analytics import contract as c

LIMIT = 200  # rows shown of a long error list or diff (HTML tables, so text can be copied)

ctx = ui.context()
st.title(ctx.t("page.data"))
who = ctx.who  # worked out by dashboard.py in this run
if not who.maintains:  # the navigation leaves it out; checked here too
    st.error(ctx.t("auth.maintainers_only"))
    st.stop()
st.write(ctx.t("data.intro"))
outcome = st.session_state.pop("_data_outcome", None)  # of an Apply in the run before
if outcome:
    (st.success if outcome == "applied" else st.warning)(ctx.t(f"data.{outcome}"))


def restore_from(when: str | None) -> None:
    st.session_state["_data_restore"] = when


# The audit trail, newest first; any change can be undone by restoring the tables it
# changed as they were before it, through the same review and apply as an upload.
log = maintain.history(ctx.db.directory)
# a change's time as people read it (UTC); the log keeps its stamp, which names its backups
stamps = pd.to_datetime(log["when"], format=maintain.STAMP, errors="coerce")
log["time"] = stamps.dt.strftime("%Y-%m-%d %H:%M:%S").fillna(log["when"])  # or as written
log["action"] = [ctx.t(f"data.action.{a}") if a in maintain.ACTIONS else a for a in log["action"]]
with st.expander(ctx.t("data.history", n=log["when"].nunique()), expanded=False):
    columns = ["time", "who", "action", "table", "added", "changed", "removed", "why"]
    st.table(log[columns].head(LIMIT).rename(columns=lambda k: ctx.t(f"data.log.{k}")))
    changes = list(dict.fromkeys(log["when"]))
    if changes:
        summary = log.groupby("when", sort=False).agg(
            time=("time", "first"),
            who=("who", "first"),
            why=("why", "first"),
            tables=("table", ", ".join),
        )
        pick = st.selectbox(
            ctx.t("data.restore_pick"),
            changes,
            format_func=lambda w: " · ".join(summary.loc[w, ["time", "who", "tables", "why"]]),
            key="data_restore_pick",
        )
        st.button(ctx.t("data.restore_review"), on_click=restore_from, args=(pick,))

restoring = st.session_state.get("_data_restore")
if restoring:  # the tables as they were before that change, in place of uploaded files
    shown = log.loc[log["when"] == restoring, "time"]
    st.info(ctx.t("data.restoring", when=shown.iloc[0] if len(shown) else restoring))
    st.button(ctx.t("data.restore_cancel"), on_click=restore_from, args=(None,))
    action = "restore"
else:
    files = st.file_uploader(
        ctx.t("data.upload"), type=["csv", "xlsx"], accept_multiple_files=True, key="data_files"
    )
    if not files:
        st.stop()
    replace = st.toggle(ctx.t("data.replace"), key="data_replace")
    action = "apply"

AIDDATA = "aiddata"  # not a table: an AidData GCDF 2.0 or 3.0 export to import
choices = [*c.UPLOADABLE, AIDDATA]
uploads, chosen = [], 0
try:
    if restoring:
        uploads = maintain.restoring(ctx.db.directory, restoring)
    for i, file in enumerate([] if restoring else files):
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
            action = "import"
        elif table:
            uploads.append(maintain.Upload(table, file.name, file.getvalue(), replace=replace))
    if not restoring and chosen < len(files):
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


def apply(plan: maintain.Plan, action: str) -> None:
    """Apply the plan drawn with the button, the one the user saw: the run this click
    starts works the difference out again, and that is not what was confirmed. The audit
    trail names the signed-in maintainer (on an instance without sign-in: nobody known)."""
    identity = who.email or who.name or "unknown (no sign-in)"
    try:
        maintain.apply(
            ctx.db.directory, plan, who=identity, why=st.session_state["data_why"], action=action
        )
        st.session_state["_data_outcome"] = "applied"
        st.session_state["_data_restore"] = None
    except maintain.Stale:
        st.session_state["_data_outcome"] = "stale"
    except maintain.Refused:
        st.session_state["_data_outcome"] = "no_reason"


why = st.text_input(ctx.t("data.why"), max_chars=maintain.REASON_MAX, key="data_why")
st.button(
    ctx.t("data.restore" if restoring else "data.apply"),
    type="primary",
    on_click=apply,
    args=(plan, action),
    disabled=not why.strip(),  # a reason first
)
