"""Meeting mode: for the projector, the headline figures, then one chart at a time.

Full screen: no navigation, no sidebar, a small control bar; every screen fits the window
(1920×1080 and 1366×768) without scrolling; ←/→, PageUp/PageDown and Space (what clickers
send) move between slides, Esc leaves. The slide is kept in the URL (?slide=3)."""

import streamlit as st

import ui
from analytics import catalog, charts
from analytics.kpis import compute

BAR = 64  # px: the control bar over the slide
st.html(
    f"""<style>
[data-testid='stSidebar'], [data-testid='stSidebarCollapsedControl'],
header[data-testid='stHeader'] {{display: none !important}}
.block-container {{padding: 8px 32px 0 32px !important; max-width: 100% !important}}
[data-testid='stMetricLabel'] p {{font-size: 26px !important}}
[data-testid='stMetricValue'] div {{font-size: 52px !important}}
[data-testid='stMetricDelta'] div {{font-size: 24px !important}}
.st-key-meeting_keys {{display: none}}
.st-key-meeting_bar {{height: {BAR - 16}px}}
h1 {{font-size: 36px !important; padding: 0 0 8px 0 !important}}
[data-testid='stMetric'] {{gap: 0}}
</style>"""
)
ctx = ui.context()
# With one sector chosen, "projects by sector" is a single bar: left out, as in a pack.
one_sector = len(ctx.filters.sectors) == 1
names = [n for n in catalog.defaults(ctx.filters) if not (one_sector and n == "by_sector")]
screens = len(names) + 1
wanted = st.query_params.get("slide", "1")
index = int(wanted) - 1 if wanted.isdigit() and 1 <= int(wanted) <= screens else 0


def go(to: int) -> None:
    """Show slide `to` (0-based), clamped to the deck."""
    st.query_params["slide"] = str(min(max(to, 0), screens - 1) + 1)


def leave() -> None:
    del st.query_params["slide"]
    st.switch_page("pages/overview.py", query_params=st.query_params.to_dict())


with st.container(horizontal=True, vertical_alignment="center", key="meeting_bar"):
    st.button(ctx.t("meeting.previous"), on_click=go, args=(index - 1,), shortcut="Left")
    st.markdown(f"**{index + 1} / {screens}**", width="content")
    st.button(ctx.t("meeting.next"), on_click=go, args=(index + 1,), shortcut="Right")
    if st.button(ctx.t("meeting.leave"), shortcut="Esc"):
        leave()
# What a presentation clicker sends: the same moves, from buttons out of sight.
with st.container(key="meeting_keys"):
    st.button("PageUp", on_click=go, args=(index - 1,), shortcut="PageUp")
    st.button("PageDown", on_click=go, args=(index + 1,), shortcut="PageDown")
    st.button("Space", on_click=go, args=(index + 1,), shortcut="Space")

if index == 0:
    st.title(f"{ctx.t('app.title')} · {ctx.caption().subtitle}")
    ui.kpi_cards(compute(ctx.db, ctx.filters, ctx.year), ctx, opens=False)  # a clean slide
else:
    fig = catalog.figure(
        names[index - 1], ctx.db, ctx.filters, ctx.lang, ctx.caption(), year=ctx.year
    )
    # 680 px: the chart fits under the bar on a 1366×768 screen as on 1920×1080 (the
    # server cannot know the window; a chart sized by the page was drawn before it grew)
    st.plotly_chart(charts.for_projector(fig, height=680), config=ui.PLOTLY_CONFIG, theme=None)
