"""Entry point: page config, data check, language, global filters, navigation over pages/."""

from __future__ import annotations

import streamlit as st

import ui
from analytics import auth, theme
from analytics.db import DataError, get_db
from analytics.i18n import t

st.set_page_config(page_title="China–Pakistan S&T Cooperation", page_icon="🔬", layout="wide")
theme.register()  # importing streamlit made its own template the default

later = ui.controls_later()  # a first run draws its first chart before the controls
lang = ui.language(draw=not later)
# Who signed in, and so what they may see and do: worked out on the server at every run.
who = auth.current()
if not later:
    ui.account(who, lang)
try:
    # restricted records are loaded into no view of a viewer's
    db = get_db(restricted=who.sees_restricted)
except DataError as error:
    ui.show_data_error(error, lang)
    st.stop()

filters, names, as_of, year = ui.sidebar_filters(db, lang, draw=not later)
context = ui.Context(db, filters, lang, as_of, year, names, phone=ui.on_phone(), who=who)
st.session_state["_context"] = context
ui.url_notice(lang)

pages = [
    st.Page(f"pages/{name}.py", title=t(f"page.{name}", lang), url_path=name, default=i == 0)
    for i, name in enumerate(
        (
            "overview",
            "sectors",
            "projects",
            "partners",
            "map",
            "pipeline",
            "changes",
            "meeting",
            "briefing",
            "methodology",
        )
    )
]
if who.maintains:  # only a maintainer may change the data
    pages.insert(-1, st.Page("pages/data.py", title=t("page.data", lang), url_path="data"))
page = st.navigation(pages, position="top")
page.run()
