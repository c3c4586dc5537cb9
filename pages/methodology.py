"""Methodology: KPI definitions, data sources and licences, the dataset's as-of date."""

import streamlit as st

import ui
from analytics.export import safe_csv
from analytics.i18n import day, label, localize
from analytics.kpis import KPIS

ctx = ui.context()
st.title(ctx.t("page.methodology"))
st.write(ctx.t("method.intro"))
info = ctx.db.query("filter_options").iloc[0]
sources = ctx.db.query("sources", limit=ui.TABLE_ROWS)
st.info(
    ctx.t(
        "method.as_of",
        as_of=day(ctx.as_of, ctx.lang),
        projects=info["projects"],
        sources=ui.total(sources),
    )
)

st.subheader(ctx.t("method.kpis"))
st.table(
    {
        ctx.t("col.indicator"): [k.name(ctx.lang) for k in KPIS],
        ctx.t("col.definition"): [k.definition(ctx.lang) for k in KPIS],
    }
)
st.write(ctx.t("method.year_rule"))

st.subheader(ctx.t("method.status_header"))
st.write(ctx.t("method.status_rule"))
st.info(ctx.t("method.status_example"))
unknown = ctx.query("status_unknown")
st.write(ctx.t("method.status_unknown", year=ctx.year, n=len(unknown)))
if len(unknown):
    unknown["title"] = localize(unknown, ctx.lang)
    unknown["status"] = [label("status", s, ctx.lang) for s in unknown["status"]]
    ui.table(
        unknown,
        {"title": ui.name_column(ctx, "col.project"), "status": ctx.t("col.status_recorded")},
    )

st.subheader(ctx.t("method.sources"))
st.write(ctx.t("method.sources_intro"))
ui.say_first(ctx, sources, "method.sources_first")
st.dataframe(
    sources.drop(columns=["id", "total"]),
    hide_index=True,
    column_config={
        "publisher": ctx.t("col.publisher"),
        "title": ctx.t("col.title"),
        "url": st.column_config.LinkColumn(ctx.t("col.url")),
        "published": ctx.t("col.published"),
        "licence": ctx.t("col.licence"),
        "projects": ctx.t("col.projects"),
    },
)
st.download_button(
    ctx.t("method.sources_download"),
    lambda: safe_csv(ctx.db.query("sources", limit=None).drop(columns="total")),
    file_name=f"cpst-sources-{ctx.as_of}.csv",
    mime="text/csv",
    on_click="ignore",
)
