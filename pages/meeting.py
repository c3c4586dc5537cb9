"""Meeting mode: for the projector, the headline figures, then one chart at a time."""

import streamlit as st

import ui
from analytics import catalog
from analytics.kpis import compute

ctx = ui.context()
# Filters stay in force but out of sight; every chart states them in its subtitle.
st.html(
    "<style>[data-testid='stSidebar'],[data-testid='stSidebarCollapsedControl']{display:none}</style>"
)
names = catalog.defaults(ctx.filters)
screens = len(names) + 1
shown = ui.url_select(
    "slide",
    ctx.t("meeting.screen"),
    [str(i) for i in range(1, screens + 1)],
    lambda i: f"{i} / {screens}",
)
index = int(shown) - 1


def go(to: int) -> None:
    st.session_state["url_slide"] = str(to)


back, forward = st.columns(2)
back.button(
    ctx.t("meeting.previous"), on_click=go, args=(index,), disabled=index == 0, width="stretch"
)
forward.button(
    ctx.t("meeting.next"),
    on_click=go,
    args=(index + 2,),
    disabled=index == screens - 1,
    width="stretch",
)

if index == 0:
    st.title(ctx.t("app.title"))
    st.subheader(ctx.caption().subtitle)
    ui.kpi_cards(compute(ctx.db, ctx.filters, ctx.year), ctx.lang)
else:
    fig = catalog.figure(
        names[index - 1], ctx.db, ctx.filters, ctx.lang, ctx.caption(), year=ctx.year
    )
    fig.update_layout(height=820, font_size=24, title_font_size=36)
    ui.chart(fig, f"meeting_{index}")
