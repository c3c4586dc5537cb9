"""Briefing pack: the chosen charts as a PDF, a PowerPoint deck and a ZIP of PNGs."""

import streamlit as st

import ui
from analytics import briefing, catalog, snapshot

ctx = ui.context()
st.title(ctx.t("briefing.header"))
st.write(ctx.t("briefing.intro"))
chosen = st.multiselect(
    ctx.t("briefing.charts"),
    list(catalog.CHARTS),
    default=catalog.defaults(ctx.filters),
    format_func=lambda name: ctx.t(catalog.CHARTS[name].title),
)
if st.button(ctx.t("briefing.build"), type="primary", disabled=not chosen):
    with st.spinner(ctx.t("briefing.building")):
        pack = briefing.assemble(
            ctx.db, ctx.filters, ctx.lang, chosen, ctx.as_of, ctx.year, ctx.names
        )
        try:
            st.session_state["_pack"] = (briefing.build(pack), briefing.file_names(pack))
        except snapshot.ExportUnavailable:
            st.error(ctx.t("export.no_browser", command=snapshot.INSTALL_HINT))

if "_pack" in st.session_state:
    files, names = st.session_state["_pack"]
    for column, kind in zip(st.columns(3), ("pdf", "pptx", "zip"), strict=True):
        column.download_button(
            ctx.t(f"briefing.{kind}"),
            files[kind],
            file_name=names[kind],
            mime=snapshot.MIME[kind],
            on_click="ignore",
            width="stretch",
        )
