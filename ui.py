"""Streamlit layout shared by dashboard.py and the pages: filters, context, KPI cards, charts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from analytics import contract as c
from analytics.charts import Caption
from analytics.db import Database, DataError
from analytics.filters import URL_KEYS, Filters
from analytics.i18n import LANGS, label, localized, t
from analytics.kpis import KpiValue

LANG_NAMES = {"en": "English", "zh": "中文"}
SHOW_RESTRICTED_ENV = "CPST_SHOW_RESTRICTED"
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


@dataclass(frozen=True)
class Context:
    """What a page needs: the database, the filters, the language and the data's dates."""

    db: Database
    filters: Filters
    lang: str
    as_of: str
    year: int
    names: dict[str, str] = field(default_factory=dict)

    def query(self, name: str, **params: object) -> pd.DataFrame:
        return self.db.query(name, filters=self.filters.params(), **params)

    def caption(self) -> Caption:
        return Caption(
            subtitle=self.filters.describe(self.lang, self.names),
            footnote=t("footnote", self.lang, as_of=self.as_of),
        )

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)


def language() -> str:
    """The language control, kept in the URL as ?lang=zh."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGS else "en"
    lang = st.sidebar.segmented_control(
        "Language / 语言",
        LANGS,
        format_func=LANG_NAMES.get,
        key="lang",
        required=True,
        persist_state="session",
    )
    return lang if lang in LANGS else "en"


def _apply(filters: Filters, years: tuple[int, int]) -> None:
    """Put `filters` into the widgets' session state (from the URL, or on reset)."""
    st.session_state.update(
        sector=list(filters.sectors),
        years=(filters.year_from or years[0], filters.year_to or years[1]),
        status=list(filters.statuses),
        mode=list(filters.modes),
        province=list(filters.provinces),
        institution=filters.institution,
        cpec=filters.cpec_only,
    )


def _write_url(filters: Filters, lang: str) -> None:
    """Keep the address bar equal to the view, so copying it shares exactly this view."""
    wanted = filters.to_query() | ({"lang": [lang]} if lang != "en" else {})
    for key in (*URL_KEYS, "lang"):
        if key in wanted:
            if st.query_params.get_all(key) != wanted[key]:
                st.query_params[key] = wanted[key]
        elif key in st.query_params:
            del st.query_params[key]


def _names(df: pd.DataFrame, key: str, prefix: str, lang: str) -> dict[str, str]:
    en, zh = df[f"{prefix}_en"], df[f"{prefix}_zh"]
    return {k: localized(e, z, lang) for k, e, z in zip(df[key], en, zh, strict=True)}


def _pick(key: str, title: str, options: list[str], format_func, lang: str) -> tuple[str, ...]:
    """A multiselect in the sidebar where nothing chosen means all."""
    chosen = st.sidebar.multiselect(
        t(title, lang),
        options,
        format_func=format_func,
        key=key,
        persist_state="session",
        placeholder=t("filter.all", lang),
    )
    return tuple(chosen)


def sidebar_filters(db: Database, lang: str) -> tuple[Filters, dict[str, str], str, int]:
    """Draw the global filters, seeded from and written back to the URL, as one object."""
    bounds = db.query("filter_options").iloc[0]
    year_bounds = (int(bounds["year_min"]), int(bounds["year_max"]))
    sectors = db.query("sectors")
    institutions = db.query("institutions")
    names = _names(sectors, "code", "label", lang) | _names(institutions, "id", "name", lang)
    if "_seeded" not in st.session_state:
        query = {key: st.query_params.get_all(key) for key in URL_KEYS}
        from_url = Filters.from_query(
            query, sectors=sectors["code"], institutions=institutions["id"], years=year_bounds
        )
        _apply(from_url, year_bounds)
        st.session_state["_seeded"] = True
    side = st.sidebar
    side.header(t("filter.header", lang))
    chosen_sectors = _pick("sector", "filter.sectors", list(sectors["code"]), names.get, lang)
    years = side.slider(
        t("filter.years", lang),
        min_value=year_bounds[0],
        max_value=year_bounds[1],
        key="years",
        persist_state="session",
    )
    statuses, modes, provinces = (
        _pick(key, title, list(vocab), lambda code, kind=key: label(kind, code, lang), lang)
        for key, title, vocab in (
            ("status", "filter.statuses", c.STATUSES),
            ("mode", "filter.modes", c.MODES),
            ("province", "filter.provinces", c.PROVINCES),
        )
    )
    institution = side.selectbox(
        t("filter.institution", lang),
        list(institutions["id"]),
        format_func=names.get,
        key="institution",
        persist_state="session",
        placeholder=t("filter.any_institution", lang),
    )
    cpec = side.toggle(t("filter.cpec_only", lang), key="cpec", persist_state="session")
    side.button(
        t("filter.reset", lang), on_click=_apply, args=(Filters(), year_bounds), width="stretch"
    )
    side.caption(t("filter.share", lang))
    year_from, year_to = years
    filters = Filters(
        sectors=chosen_sectors,
        year_from=year_from if year_from != year_bounds[0] else None,
        year_to=year_to if year_to != year_bounds[1] else None,
        statuses=statuses,
        modes=modes,
        provinces=provinces,
        institution=institution,
        cpec_only=bool(cpec),
        include_restricted=os.environ.get(SHOW_RESTRICTED_ENV) == "1",
    )
    _write_url(filters, lang)
    return filters, names, str(bounds["as_of"]), int(year_to)


def show_data_error(error: DataError, lang: str, limit: int = 30) -> None:
    """Which file and line is wrong, instead of numbers."""
    st.error(t("error.data_title", lang))
    errors = error.report.errors
    st.code("\n".join(str(e) for e in errors[:limit]), language=None)
    if len(errors) > limit:
        st.caption(t("error.more", lang, n=len(errors) - limit))


def context() -> Context:
    """The context dashboard.py built for this run."""
    return st.session_state["_context"]


def empty_state(ctx: Context) -> None:
    st.info(f"**{ctx.t('empty.title')}**  \n{ctx.t('empty.hint')}")


def chart(fig, key: str) -> None:
    # theme=None: the project's template, so the app looks like the exported images.
    st.plotly_chart(fig, key=f"chart_{key}", config=PLOTLY_CONFIG, theme=None)


def _number(value: float) -> str:
    """The unit is in the KPI's name, so the number stands alone."""
    return f"{value:,.0f}" if value == int(value) or abs(value) >= 100 else f"{value:,.1f}"


def kpi_cards(values: list[KpiValue], lang: str, per_row: int = 3) -> None:
    """One card per KPI: value, change against the year before, target progress if set."""
    for start in range(0, len(values), per_row):
        for col, v in zip(st.columns(per_row), values[start : start + per_row], strict=False):
            with col.container(border=True):
                st.metric(
                    v.kpi.name(lang),
                    _number(v.value),
                    delta=_number(v.delta) if v.delta else None,
                    delta_color="off" if v.delta == 0 else "normal",
                    help=v.kpi.definition(lang),
                )
                if v.undisclosed is not None:
                    st.caption(t("kpi.undisclosed", lang, n=v.undisclosed))
                if v.progress is not None:
                    st.progress(min(v.progress, 1.0))
                    st.caption(
                        t(
                            "kpi.target",
                            lang,
                            pct=100 * v.progress,
                            year=v.year,
                            target=_number(v.target),
                        )
                    )
