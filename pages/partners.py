"""Partners: institutions ranked, by type and country, who works with whom, one in detail."""

import streamlit as st

import ui
from analytics import charts
from analytics.db import together
from analytics.filters import INSTITUTION_CHOICES

NETWORK = 30  # institutions in the network chart

ctx = ui.context()
st.title(ctx.t("page.partners"))
caption = ctx.caption()
data = together(
    ranking=lambda: ctx.query("institution_ranking", limit=INSTITUTION_CHOICES),
    types=lambda: ctx.query("institution_types"),
    links=lambda: ctx.query("partner_links", limit=NETWORK),
)
ranking = data["ranking"]
if ranking.empty:
    ui.empty_state(ctx)
    st.stop()

ui.chart(charts.top_partners(ranking.head(20), lang=ctx.lang, caption=caption), "ranking")
ui.chart(charts.partner_types(data["types"], lang=ctx.lang, caption=caption), "types")
network = charts.partner_network(
    ranking, data["links"], lang=ctx.lang, caption=caption, top=NETWORK
)
ui.chart(network, "network")

choices = list(ranking["id"])
wanted = st.query_params.get("partner")
if wanted in ctx.names and wanted not in choices:
    choices.insert(0, wanted)  # a link may name one beyond the list
chosen = ui.url_select(
    "partner",
    ctx.t("partners.pick"),
    choices,
    ctx.names.get,
    placeholder=ctx.t("partners.none"),
)
if chosen:
    view = ctx.narrowed(institution=chosen)
    st.subheader(ctx.t("partners.its_projects"))
    ui.project_table(ui.projects(view), view)
    copartners = ctx.query("institution_copartners", institution=chosen).head(15)
    fig = charts.top_partners(copartners, lang=ctx.lang, caption=view.caption())
    fig.update_layout(title_text=ctx.t("partners.copartners"))
    ui.chart(fig, "copartners")
