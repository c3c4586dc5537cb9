"""What changed since the last meeting (or a chosen day): new agreements, milestones, status
changes, projects that became overdue, and corrections to the data, each with its source."""

import datetime as dt

import streamlit as st

import ui
from analytics import changes
from analytics.i18n import date_text

OTHER = "other"

ctx = ui.context()
st.title(ctx.t("page.changes"))
meetings = ctx.db.query("meetings")
past = changes.held(meetings, ctx.as_of)  # the latest first: the default
titles = {
    m["date"]: f"{date_text(m['date'], ctx.lang)} · {changes.meeting_title(m, ctx.lang)}"
    for _, m in past.iterrows()
}
if past.empty:
    st.info(ctx.t("changes.no_meetings"))
choice = ui.url_select(
    "since",
    ctx.t("changes.since"),
    [*titles, OTHER],
    lambda d: titles.get(d, ctx.t("changes.other_day")),
)
if choice == OTHER:
    today = dt.date.fromisoformat(ctx.as_of)
    wanted = st.query_params.get("day", "")
    try:
        default = dt.date.fromisoformat(wanted)
    except ValueError:
        default = today - dt.timedelta(days=90)
    day = st.date_input(ctx.t("changes.day"), value=min(default, today), max_value=today)
    since = day.isoformat()
    ui.set_url("day", since)
else:
    since = choice
    ui.set_url("day", None)

st.caption(
    ctx.t("changes.caption", since=date_text(since, ctx.lang), today=date_text(ctx.as_of, ctx.lang))
)
found = changes.items(ctx.query("changes_since", since=since, today=ctx.as_of), ctx.lang)
colon = ctx.t("punct.colon")
for kind, listed in found.items():
    st.subheader(f"{ctx.t(f'changes.{kind}')} · {len(listed)}")
    if not listed:
        st.caption(ctx.t("changes.none"))
    lines = []
    for item in listed:
        name = ui.plain(item.title)
        if item.project_id:
            name = f"[{name}](projects?project={item.project_id})"
        line = f"- {ui.plain(item.day)} · **{name}**{colon}{ui.plain(item.what)}"
        if item.source_title:
            source = ui.plain(item.source_title)
            line += f" · {ctx.t('changes.source')}{colon}" + (
                f"[{source}]({item.source_url.replace('(', '%28').replace(')', '%29')})"
                if item.source_url
                else source
            )
        lines.append(line)
    if lines:
        st.markdown("\n".join(lines))
