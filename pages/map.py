"""Map: project sites by sector over the borders, sized by amount or capacity, and the
provinces' projects, shaded on their map and as bars."""

import streamlit as st

import ui
from analytics import catalog, charts
from analytics.db import together
from analytics.i18n import label

ctx = ui.context()
st.title(ctx.t("page.map"))
caption = ctx.caption()
left, right = st.columns(2)
size_by = left.radio(
    ctx.t("map.size_by"),
    ["amount_usd_m", "capacity_mw"],
    format_func=lambda v: ctx.t("map.size.amount" if v == "amount_usd_m" else "map.size.capacity"),
    horizontal=True,
)
extent = right.radio(
    ctx.t("map.extent"),
    ["PK", "all"],
    format_func=lambda v: ctx.t(f"map.extent.{v}"),
    horizontal=True,
)
country = None if extent == "all" else "PK"
data = together(
    counts=lambda: ctx.query("map_counts"),
    sites=lambda: catalog.figure(
        "sites",
        ctx.db,
        ctx.filters,
        ctx.lang,
        caption,
        {"country": country},
        year=ctx.year,
        size_by=size_by,
    ),
    provinces=lambda: ctx.query("province_summary"),
)
counts, provinces = data["counts"].iloc[0], data["provinces"]
if not counts["projects"]:
    ui.empty_state(ctx)
    st.stop()

ui.chart(data["sites"], "sites", "project")  # a click on a site opens its project
in_view = counts["mapped" if country is None else "mapped_pk"]
if in_view > catalog.MAP_POINTS:
    km = round(catalog.MAP_CELL * 111)
    st.caption(ctx.t("map.cells", n=in_view, cell=catalog.MAP_CELL, km=km))
unmapped = counts["projects"] - counts["mapped"]
st.caption(f"{ctx.t('map.unmapped', n=unmapped, total=counts['projects'])} {ctx.t('map.offline')}")

# a click on a province (its dot or its bar) lists its projects under the chart
figure = charts.province_map(provinces, lang=ctx.lang, caption=caption)
ui.chart(figure, "province_map", "provinces")
figure = charts.province_summary(provinces, lang=ctx.lang, caption=caption)
ui.chart(figure, "provinces", "provinces")
provinces["province"] = [label("province", p, ctx.lang) for p in provinces["province"]]
ui.table(
    provinces,
    {
        "province": ctx.t("col.province"),
        "projects": ui.Number(ctx.t("col.projects")),
        "mapped": ui.Number(ctx.t("col.mapped")),
        "amount_usd_m": ui.Number(ctx.t("col.amount")),
        "undisclosed": ui.Number(ctx.t("col.undisclosed")),
        "capacity_mw": ui.Number(ctx.t("col.capacity")),
    },
)
