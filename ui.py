"""Streamlit layout shared by dashboard.py and the pages: filters, context, KPI cards, charts."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass, field, replace

import pandas as pd
import streamlit as st

from analytics import auth, charts, detail, i18n, snapshot
from analytics import contract as c
from analytics.charts import Caption
from analytics.db import Database, DataError
from analytics.detail import facts
from analytics.export import safe_csv, safe_xlsx
from analytics.filters import URL_KEYS, Filters, options
from analytics.i18n import LANGS, label, t
from analytics.kpis import KpiValue

LANG_NAMES = {"en": "English", "zh": "中文"}
PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


@functools.cache
def plotly_locale(lang: str) -> dict:
    """Plotly's own locale for `lang` (its toolbar, month names), sent with each chart's
    config since Streamlit registers none: Plotly's zh-CN from npm plotly.js-locales."""
    path = i18n.LOCALES / lang / "plotly.json"
    if not path.exists():
        return {}
    locale = json.loads(path.read_text(encoding="utf-8"))
    parts = {key: locale[key] for key in ("dictionary", "format")}
    return {"locale": locale["name"], "locales": {locale["name"]: parts}}


@dataclass(frozen=True)
class Context:
    """What a page needs: the database, the filters, the language and the data's dates."""

    db: Database
    filters: Filters
    lang: str
    as_of: str
    year: int
    names: dict[str, str] = field(default_factory=dict)
    phone: bool = False  # the browser says it is a phone: charts get the phone layout
    who: auth.Who = field(default_factory=lambda: auth.Who(auth.Role.VIEWER))  # this run's

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """A named query under the filters, at the end of the reference year (for those
        that take $year)."""
        return self.db.query(name, filters=self.filters.params(), **({"year": self.year} | params))

    def caption(self) -> Caption:
        return Caption(
            subtitle=self.filters.describe(self.lang, self.names),
            footnote=i18n.footnote(self.as_of, self.lang),
        )

    def t(self, key: str, **values: object) -> str:
        return t(key, self.lang, **values)

    def narrowed(self, **changes: object) -> Context:
        """The same view with some filters changed (a sector's or an institution's page)."""
        return replace(self, filters=replace(self.filters, **changes))


# A session's first run draws the page before the sidebar's controls. Loading and laying
# out their widgets (select boxes, a slider, toggles) came before the first chart and cost
# ~0.6 s on a 2-core machine (benchmarks/RESULTS.md, "First chart"). The view does not need
# them drawn: their values are in the session state from the start, seeded from the URL.
# This component asks for the next run, which draws them, once the page's first chart is
# on screen (or the page has none, or 8 s have passed).
_AFTER_FIRST_CHART = st.components.v2.component(
    "cpst_after_first_chart",
    js="""
export default function ({ setTriggerValue }) {
  const start = performance.now();
  const check = () => {
    const running = document.querySelector('[data-test-script-state="running"]');
    const chart = document.querySelector('[class*="st-key-chart_"]');  // ui.chart's keys
    const drawn = document.querySelector('.js-plotly-plot .main-svg');
    if ((!running && (!chart || drawn)) || performance.now() - start > 8000) {
      requestAnimationFrame(() => setTimeout(() => setTriggerValue("drawn", true)));
    } else {
      setTimeout(check, 50);
    }
  };
  setTimeout(check, 50);
}
""",
)


# Set by a session's first run; a test or benchmark sets it to run pages as any later run
# does, with the controls drawn.
PAST_FIRST_RUN = "_past_first_run"


def controls_later() -> bool:
    """True in a session's first run: its sidebar controls wait for the first chart (the
    component above starts the run that draws them). Any later run draws them."""
    if st.session_state.get(PAST_FIRST_RUN):
        return False
    st.session_state[PAST_FIRST_RUN] = True
    with st.sidebar:
        _AFTER_FIRST_CHART(key="_after_first_chart", on_drawn_change=lambda: None, height=0)
    return True


def language(draw: bool = True) -> str:
    """The language control, kept in the URL as ?lang=zh; its value alone unless `draw`."""
    if "lang" not in st.session_state:
        wanted = st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGS else "en"
    if not draw:
        return st.session_state["lang"]
    lang = st.sidebar.segmented_control(
        "Language / 语言",
        LANGS,
        format_func=LANG_NAMES.get,
        key="lang",
        required=True,
        persist_state="session",
    )
    return lang if lang in LANGS else "en"


def account(who: auth.Who, lang: str) -> None:
    """The sidebar's sign-in box: who is signed in, their role and a sign-out; or, where
    sign-in is configured, a sign-in for those who may see more."""
    box = st.sidebar.container(key="account")
    if who.signed_in:
        box.caption(
            t("auth.signed_in", lang, name=plain(who.name), role=t(f"auth.{who.role.code}", lang))
        )
        if box.button(t("auth.sign_out", lang), key="sign_out"):
            st.logout()
    elif who.can_sign_in:
        box.caption(t("auth.public", lang))
        if box.button(t("auth.sign_in", lang), key="sign_in", type="primary"):
            st.login()


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
        imported=filters.include_imported,
    )


def _write_url(filters: Filters, lang: str) -> None:
    """Keep the address bar equal to the view, so copying it shares exactly this view."""
    wanted = filters.to_query() | ({"lang": [lang]} if lang != "en" else {})
    for key in (*URL_KEYS, "lang"):
        set_url(key, wanted.get(key))


def _pick(key: str, title: str, options: list[str], format_func, lang: str) -> None:
    """A multiselect in the sidebar where nothing chosen means all."""
    st.sidebar.multiselect(
        t(title, lang),
        options,
        format_func=format_func,
        key=key,
        persist_state="session",
        placeholder=t("filter.all", lang),
    )


def sidebar_filters(
    db: Database, lang: str, draw: bool = True
) -> tuple[Filters, dict[str, str], str, int]:
    """Draw the global filters, seeded from and written back to the URL, as one object;
    unless `draw`, the same filters from the session state, with a line saying they come."""
    opts = options(db)
    year_bounds = opts.years
    names = opts.names(lang)
    if "_seeded" not in st.session_state:
        query = {key: st.query_params.get_all(key) for key in URL_KEYS}
        seeded = opts.from_query(query)
        _apply(seeded, year_bounds)
        st.session_state["_seeded"] = True
        # said until the user changes a filter (url_notice)
        st.session_state["_url_ignored"] = (opts.ignored(query), seeded)
    side = st.sidebar
    side.header(t("filter.header", lang))
    if draw:
        _draw_filters(opts, names, lang)
    else:
        side.caption(t("filter.coming", lang))
    filters = _from_state(year_bounds)
    _write_url(filters, lang)
    _, seeded = st.session_state.get("_url_ignored", ([], None))
    if filters != seeded:
        st.session_state.pop("_url_ignored", None)
    return filters, names, opts.as_of, filters.year_to or year_bounds[1]


def _from_state(years: tuple[int, int]) -> Filters:
    """The filters the sidebar's widgets show (or will), from their keys in the session
    state: a widget drawn in this run has put its value there."""
    state = st.session_state
    year_from, year_to = state["years"]
    return Filters(
        sectors=tuple(state["sector"]),
        year_from=year_from if year_from != years[0] else None,
        year_to=year_to if year_to != years[1] else None,
        statuses=tuple(state["status"]),
        modes=tuple(state["mode"]),
        provinces=tuple(state["province"]),
        institution=state["institution"],
        cpec_only=bool(state["cpec"]),
        include_imported=bool(state["imported"]),
    )


def _draw_filters(opts, names: dict[str, str], lang: str) -> None:
    """The filter widgets, in the sidebar, each keyed by its place in the session state."""
    side, year_bounds = st.sidebar, opts.years
    _pick("sector", "filter.sectors", list(opts.sectors["code"]), names.get, lang)
    side.slider(
        t("filter.years", lang),
        min_value=year_bounds[0],
        max_value=year_bounds[1],
        key="years",
        persist_state="session",
    )
    for key, title, vocab in (
        ("status", "filter.statuses", c.STATUSES),
        ("mode", "filter.modes", c.MODES),
        ("province", "filter.provinces", c.PROVINCES),
    ):
        _pick(key, title, list(vocab), lambda code, kind=key: label(kind, code, lang), lang)
    current = st.session_state.get("institution")
    choices = opts.institution_choices
    side.selectbox(
        t("filter.institution", lang),
        choices if current in (None, *choices) else [current, *choices],
        format_func=names.get,
        key="institution",
        persist_state="session",
        placeholder=t("filter.any_institution", lang),
    )
    side.toggle(t("filter.cpec_only", lang), key="cpec", persist_state="session")
    side.toggle(t("filter.imported", lang), key="imported", persist_state="session")
    side.button(
        t("filter.reset", lang), on_click=_apply, args=(Filters(), year_bounds), width="stretch"
    )
    side.caption(t("filter.share", lang))


def url_notice(lang: str) -> None:
    """Say which values of the link the view could not take, rather than changing it
    silently; said until the user changes a filter."""
    ignored, _ = st.session_state.get("_url_ignored", ([], None))
    if ignored:
        st.warning(t("url.ignored", lang, values=plain(", ".join(ignored))))


def show_data_error(error: DataError, lang: str, limit: int = 30) -> None:
    """Which file and line is wrong, instead of numbers."""
    st.error(t("error.data_title", lang))
    errors = error.report.errors
    st.code("\n".join(str(e) for e in errors[:limit]), language=None)
    if len(errors) > limit:
        st.caption(t("error.more", lang, n=len(errors) - limit))


def on_phone() -> bool:
    """Whether the browser is a phone's (its user agent says "Mobile", as phone browsers'
    do): the server cannot see the screen, and a chart is laid out before it is drawn."""
    return "Mobile" in (st.context.headers.get("User-Agent") or "")


def context() -> Context:
    """The context dashboard.py built for this run."""
    return st.session_state["_context"]


def empty_state(ctx: Context) -> None:
    st.info(f"**{ctx.t('empty.title')}**  \n{ctx.t('empty.hint')}")


def chart(fig, key: str, pick: str | None = None) -> None:
    """A chart with a Save menu beside it: PNG, SVG, PDF and interactive HTML. With `pick`
    (a filter its bars stand for, as the codes in each trace's meta), a click on a bar
    shows the projects behind it under the chart (`picked`); with pick="project" (each
    point one project's) it opens the project's page."""
    ctx = context()
    title = fig.layout.title.text or "chart"
    view = fig.layout.title.subtitle.text or ""
    stem = snapshot.filename(title, ctx.as_of, "png", view).removesuffix(".png")
    # The toolbar's own camera button saves the same titled PNG: slide-sized, or as tall as a
    # chart of many rows is drawn (the network, a long schedule), whose rows would overlap.
    height = snapshot.height_for(fig)
    image = {
        "format": "png",
        "filename": stem,
        "width": snapshot.WIDTH,
        "height": height,
        "scale": snapshot.SCALE,
    }
    config = PLOTLY_CONFIG | {"toImageButtonOptions": image} | plotly_locale(ctx.lang)
    shown, footnote = fig, ""
    if ctx.phone:  # on a phone the toolbar covered the title; the Save menu stays
        shown, footnote = charts.for_phone(fig)
        config |= {"displayModeBar": False}
    # theme=None: the project's template, so the app looks like the exported images.
    clicks = dict(on_select="rerun", selection_mode="points") if pick else {}
    event = st.plotly_chart(shown, key=f"chart_{key}", config=config, theme=None, **clicks)
    if footnote:
        st.caption(footnote)
    if pick == "project":  # each point is one project (a map's site): a click opens it
        opened(fig, event.selection.points)
    elif pick:
        picked(fig, key, pick, event.selection.points)
    save = st.popover(ctx.t("export.save"), width="content", key=f"save_{key}", on_change="rerun")
    if not save.open:  # the menu's buttons are built only while it is open
        return
    browser = snapshot.find_browser()
    with save:
        if browser is None:
            st.caption(ctx.t("export.no_browser", command=snapshot.INSTALL_HINT))
        for fmt in snapshot.FORMATS if browser else ("html",):
            st.download_button(
                ctx.t(f"export.{fmt}"),
                data=functools.partial(snapshot.export, fig, fmt, height=height),
                file_name=f"{stem}.{fmt}",
                mime=snapshot.MIME[fmt],
                key=f"save_{key}_{fmt}",
                on_click="ignore",
            )
        data = snapshot.plotted(fig)  # exactly what the chart plots
        st.download_button(
            ctx.t("export.data"),
            data=safe_csv(data),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"save_{key}_csv",
            on_click="ignore",
        )
        st.dataframe(data, hide_index=True, height=min(400, 38 + 35 * len(data)))


# The bar a viewer clicked, in the URL so the view can be shared: ?pick=by_sector:space
PICK = "pick"


def picked(fig, key: str, field: str, points: list) -> None:
    """The projects behind the clicked bar (or the link's ?pick=key:code), as a table under
    the chart; a bar is known by the code its trace's meta gives it."""
    ctx = context()
    codes = {
        code: (i, n)
        for i, trace in enumerate(fig.data)
        for n, code in enumerate(_picks(trace.meta))
        if code is not None  # a bar no filter can take
    }
    if points:
        point = points[0]
        code = _picks(fig.data[point["curve_number"]].meta)[point["point_index"]]
        if code not in codes:
            return
        set_url(PICK, f"{key}:{code}")
        st.session_state[f"_picked_{key}"] = code
    elif st.session_state.pop(f"_picked_{key}", None):  # the click was undone
        set_url(PICK, None)
        return
    else:
        chart_key, _, code = (st.query_params.get(PICK) or "").partition(":")
        if chart_key != key or code not in codes:
            return
    curve, n = codes[code]
    trace = fig.data[curve]
    names = (trace.meta or {}).get("names")  # a point not named by an axis (a map's)
    name = names[n] if names else trace.y[n] if trace.orientation == "h" else trace.x[n]
    if field == "sector_year":
        name = f"{trace.name} · {name}"
    listed(ctx, field, code, name, key)


def listed(ctx: Context, field: str, code: str, what: str, key: str) -> None:
    """The projects behind what was picked (`code` of `field`, named `what`), counted in a
    line over their table."""
    narrowed = behind(ctx, field, code)
    df = projects(narrowed)
    st.markdown(f"**{plain(ctx.t('pick.projects', n=total(df), what=what))}**")
    project_table(df, narrowed, name=f"picked_{key}")


def behind(ctx: Context, field: str, code: str) -> Context:
    """The view of the projects behind a bar that stands for `code` of `field`: the
    projects it counts, no more (tests/test_consistency.py compares every bar)."""
    if field == "sector_year":  # a segment of a year's stacked bar: its sector and year
        sector, _, year = code.partition("@")
        return ctx.narrowed(sectors=(sector,), agreed_in=int(year))
    if field == "statuses":  # a status at the reference year's end, not the one recorded
        ids = ctx.query("status_then_ids", status=code)["id"]
        return ctx.narrowed(ids=tuple(ids))
    if field == "kpi":  # the projects a KPI counts at the reference year's end
        return ctx.narrowed(ids=tuple(ctx.query("kpi_ids", kpi=code)["id"]))
    return ctx.narrowed(**{field: code if field == "institution" else (code,)})


def opened(fig, points: list) -> None:
    """The project page of the clicked point's project (its trace meta's picks)."""
    if points:
        point = points[0]
        project = _picks(fig.data[point["curve_number"]].meta)[point["point_index"]]
        if project is not None:  # not a cell of many
            st.switch_page("pages/projects.py", query_params={"project": project})


def _picks(meta) -> list:
    """What each point of a trace stands for: its `picks` (an institution's id; None for a
    bar no filter can take), else the codes its colours stand for."""
    meta = meta or {}
    picks = meta.get("picks", meta.get("codes", []))
    return list(picks) if isinstance(picks, list | tuple) else []


def kpi_cards(values: list[KpiValue], view: Context, *, opens: bool = True) -> None:
    """One card per KPI: value, change against the year before, target progress if set.

    With `opens`, each card offers the projects it counts (kpi_ids.sql, from the same
    definition as the figure), listed under the cards and kept in the URL (?pick=kpis:code);
    the institutions card opens the Partners page. `view` is the view the values are of."""
    lang, per_row = view.lang, 3
    for start in range(0, len(values), per_row):
        for col, v in zip(st.columns(per_row), values[start : start + per_row], strict=False):
            with col.container(border=True):
                st.metric(
                    v.kpi.name(lang),
                    v.shown(lang),
                    delta=t("kpi.change", lang, change=v.change(lang), year=v.year - 1),
                    delta_arrow="off",  # the change says its direction: ↑5, ↓3, ±0
                    delta_color="green" if v.delta > 0 else "red" if v.delta < 0 else "gray",
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
                            target=v.shown(lang, v.target),
                        )
                    )
                if opens:
                    _kpi_opener(v, view)
    if opens:
        _kpi_projects(values, view)


KPI_PICK = "kpis"  # ?pick=kpis:<code>: the card whose projects are listed


def _kpi_opener(v: KpiValue, view: Context) -> None:
    """The card's way to its projects: a button that lists them (again: hides them), or the
    Partners page under the same filters for the institutions; none when it counts nothing."""
    lang = view.lang
    if v.kpi.code == "institutions":
        query = view.filters.to_query()
        label, icon = t("kpi.partners", lang), ":material/arrow_forward:"
        st.page_link("pages/partners.py", label=label, icon=icon, query_params=query)
    elif v.value and st.button(
        t("kpi.open", lang),
        key=f"kpi_{v.kpi.code}",
        type="tertiary",
        icon=":material/format_list_bulleted:",
    ):
        shown = st.query_params.get(PICK) == f"{KPI_PICK}:{v.kpi.code}"
        set_url(PICK, None if shown else f"{KPI_PICK}:{v.kpi.code}")


def _kpi_projects(values: list[KpiValue], view: Context) -> None:
    """The projects of the card the URL picks, under the cards."""
    kind, _, code = (st.query_params.get(PICK) or "").partition(":")
    picked = [v for v in values if kind == KPI_PICK and v.kpi.code == code and v.value]
    if not picked or code == "institutions":
        return
    listed(view, "kpi", code, picked[0].kpi.name(view.lang), KPI_PICK)


def url_select(key: str, title: str, options: list[str], format_func, *, placeholder=None):
    """A page's own choice, kept in the URL as ?key=value so a link reopens it.

    With a placeholder nothing is chosen by default; without one the first option is.
    """
    wanted = st.query_params.get(key)
    default = None if placeholder else 0
    index = options.index(wanted) if wanted in options else default
    if wanted and wanted not in options:
        st.warning(t("url.ignored", context().lang, values=plain(f"{key}={wanted}")))
    value = st.selectbox(
        title,
        options,
        index=index,
        format_func=format_func,
        key=f"url_{key}",
        placeholder=placeholder,
    )
    set_url(key, value)
    return value


def set_url(key: str, value: str | list[str] | None) -> None:
    """Set ?key= to the value (several values repeat the key), or remove it when empty;
    untouched when it already says so, so the browser history is not flooded."""
    values = [value] if isinstance(value, str) else list(value or [])
    if not values or values == [""]:
        if key in st.query_params:
            del st.query_params[key]
    elif st.query_params.get_all(key) != values:
        st.query_params[key] = values


MISSING = "—"


@dataclass(frozen=True)
class Number:
    """A numeric table column as people read one: `fmt` (thousands separators), "—" where
    unknown, right-aligned. Streamlit's grid prints an unknown number as "None", so the
    column is text, each value padded to one width so that sorting it sorts the numbers."""

    header: str
    fmt: str = "{:,.0f}"

    def text(self, values: pd.Series) -> list[str]:
        shown = [MISSING if pd.isna(v) else self.fmt.format(v) for v in values]
        width = max(map(len, shown), default=0)
        return [x.rjust(width) for x in shown]

    def config(self):
        return st.column_config.TextColumn(self.header, alignment="right")


def table(df: pd.DataFrame, columns: dict[str, object], **kwargs):
    """A dataframe showing only `columns` under their (translated) headers: `Number` columns
    formatted, unknown text as "—" (never "None")."""
    shown = df[list(columns)].copy()
    config = {}
    for name, spec in columns.items():
        if isinstance(spec, Number):
            shown[name], config[name] = spec.text(shown[name]), spec.config()
        else:
            if not pd.api.types.is_numeric_dtype(shown[name]):
                shown[name] = shown[name].astype(object).where(shown[name].notna(), MISSING)
            config[name] = spec
    return st.dataframe(shown, hide_index=True, column_config=config, width="stretch", **kwargs)


TABLE_ROWS = 1_000  # rows a project table shows; its downloads hold every matching project


def total(df: pd.DataFrame) -> int:
    """How many rows a bounded query matched in all (its `total` column)."""
    return int(df["total"].iat[0]) if len(df) else 0


def say_first(ctx: Context, df: pd.DataFrame, key: str) -> None:
    """Say, with text `key` (shown=, n=), that a chart or table shows only the first rows."""
    if total(df) > len(df):
        st.caption(ctx.t(key, shown=len(df), n=total(df)))


def projects(ctx: Context, q: str = "") -> pd.DataFrame:
    """The first TABLE_ROWS projects in view matching `q`, newest first (`total`: all)."""
    return ctx.query("project_list", q=q, limit=TABLE_ROWS)


def project_table(df: pd.DataFrame, ctx: Context, q: str = "", name: str = "projects", **kwargs):
    """The projects from `projects(ctx, q)` as a sortable table, with CSV and Excel downloads
    of every matching project (fetched only when clicked); `name` keys the downloads, for
    pages that show more than one table."""
    say_first(ctx, df, "projects.first")
    shown = df.assign(
        title=i18n.localize(df, ctx.lang),
        sector_name=i18n.localize(df, ctx.lang, "sector"),
        partners=df["partners_zh" if ctx.lang == "zh" else "partners"],
        status_name=[label("status", s, ctx.lang) for s in df["status"]],
        province_name=[
            label("province", p, ctx.lang) if isinstance(p, str) else None for p in df["province"]
        ],
    )
    event = table(
        shown,
        {
            "title": name_column(ctx, "col.project", width="large"),
            "sector_name": ctx.t("col.sector"),
            "status_name": ctx.t("col.status"),
            "year": Number(ctx.t("col.year"), "{:.0f}"),
            "province_name": ctx.t("col.province"),
            "partners": ctx.t("col.partners"),
            "amount_usd_m": Number(ctx.t("col.amount"), "{:,.1f}"),
            "capacity_mw": Number(ctx.t("col.capacity")),
        },
        **kwargs,
    )
    stem = f"cpst-projects-{ctx.as_of}"
    left, right = st.columns(2, width=480)
    left.download_button(
        ctx.t("projects.download"),
        lambda: safe_csv(_all_projects(ctx, q)),
        file_name=f"{stem}.csv",
        mime="text/csv",
        key=f"{name}_csv",
        on_click="ignore",
    )
    right.download_button(
        ctx.t("projects.download_xlsx"),
        lambda: _xlsx(_all_projects(ctx, q), ctx),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key=f"{name}_xlsx",
        on_click="ignore",
    )
    return event


def _all_projects(ctx: Context, q: str) -> pd.DataFrame:
    return ctx.query("project_list", q=q, limit=None).drop(columns="total")


def project_detail(ctx: Context, project: str) -> None:
    """One project: what, who, when, how much, where, and every source."""
    if st.button(ctx.t("projects.back")):
        set_url("project", None)
        st.rerun()
    found = ctx.query("project_detail", id=project)
    if found.empty:
        st.warning(ctx.t("projects.not_found", id=plain(project)))
        return
    p = found.iloc[0]
    # the title in the reader's language, and below it in the other one
    first, second = p["title_en"], p["title_zh"]
    if ctx.lang == "zh" and isinstance(second, str):
        first, second = i18n.localized(first, second, "zh", p["title_zh_basis"]), first
    marked = ctx.lang == "zh" and p["title_zh_basis"] == "translated"
    st.title(plain(first), help=_translated_help(ctx) if marked else None)
    if isinstance(second, str):
        st.caption(plain(ctx.t("detail.other_title", title=second)))
    colon = ctx.t("punct.colon")
    lines = (f"- **{name}**{colon}{plain(value)}" for name, value in facts(p, ctx.lang))
    st.markdown("\n".join(lines))
    if ctx.lang != "en":
        st.caption(ctx.t("detail.description_en"))  # descriptions are written in English
    st.text(p["description"], width="stretch")  # data text: no Markdown, no HTML
    title = i18n.localized(p["title_en"], p["title_zh"], ctx.lang)
    caption = replace(ctx.caption(), subtitle=title)  # this project, not the filters
    milestones = ctx.db.query("project_milestones", id=project)
    if not milestones.empty:
        events = milestones.assign(
            id=project, title_en=p["title_en"], title_zh=p["title_zh"], partners="", partners_zh=""
        )
        fig = charts.milestone_timeline(
            events, lang=ctx.lang, caption=caption, title_key="chart.milestones"
        )
        chart(fig, "milestones")
        lines = detail.milestone_lines(milestones, ctx.lang)  # the same, as a dated list
        st.markdown("\n".join(f"- {plain(line)}" for line in lines))
    partners = ctx.db.query("project_partner_list", id=project)
    if not partners.empty:
        st.subheader(ctx.t("detail.partners"))
        partners = partners.assign(
            name=i18n.localize(partners, ctx.lang, "name"),
            role_name=[label("role", r, ctx.lang) for r in partners["role"]],
            country_name=[label("country", x, ctx.lang) for x in partners["country"]],
        )
        table(
            partners,
            {
                "name": name_column(ctx, "col.institution"),
                "role_name": ctx.t("col.role"),
                "country_name": ctx.t("col.country"),
            },
        )
    if pd.notna(p["latitude"]):
        site = found.assign(sector_en=p["sector_en"], sector_zh=p["sector_zh"])
        chart(charts.sites_map(site, lang=ctx.lang, caption=caption, height=460), "site")
    else:
        st.caption(ctx.t("detail.no_site"))
    st.subheader(ctx.t("detail.sources"))
    if ctx.lang != "en":
        st.caption(ctx.t("detail.sources_original"))
    sources = ctx.db.query("project_source_list", id=project)
    st.markdown("\n".join(_source_line(s) for s in sources.itertuples()))
    if isinstance(p["notes"], str):
        with st.expander(ctx.t("detail.notes")):
            st.text(p["notes"], width="stretch")


def _translated_help(ctx: Context) -> str | None:
    """What the 译 mark means, for a Chinese reader."""
    return ctx.t("zh.translated") if ctx.lang == "zh" else None


def name_column(ctx: Context, header: str, **kwargs):
    """A table column of names from the data (text `header`), saying what 译 means."""
    return st.column_config.TextColumn(ctx.t(header), help=_translated_help(ctx), **kwargs)


def plain(text: str) -> str:
    """Data text for st.markdown, shown as typed: Markdown and HTML characters escaped."""
    return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|~$])", r"\\\1", str(text))


def _source_line(s) -> str:
    """A Markdown list item: publisher, linked title, date (all data text escaped)."""
    url_ok = isinstance(s.url, str) and s.url.startswith(("https://", "http://"))
    title = f"[{plain(s.title)}]({s.url.replace(')', '%29')})" if url_ok else plain(s.title)
    date = f" ({plain(s.published)})" if isinstance(s.published, str) else ""
    return f"- {plain(s.publisher)}: {title}{date}"


def _xlsx(df: pd.DataFrame, ctx: Context) -> bytes:
    """The table with a first sheet saying what it is, and the sources behind its rows."""
    sources = ctx.db.query("sources_of_projects", ids=list(df["id"]))
    about = [
        (ctx.t("app.title"), ctx.t("page.projects")),
        (ctx.t("filter.header"), ctx.caption().subtitle),
        (ctx.t("method.as_of_short"), ctx.as_of),
        (ctx.t("col.projects"), str(len(df))),
        (ctx.t("method.sources"), ctx.t("method.sources_intro")),
    ]
    return safe_xlsx({"Projects": df, "Sources": sources}, about)
