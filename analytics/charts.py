"""Pure chart functions: a DataFrame in, a titled, subtitled, footnoted Plotly figure out.

Each function lists its traces and layout as plain dicts and builds the figure once, in
`_finish`: Plotly validates and dispatches every add_*/update_* call separately, and building
charts call by call took three to four times as long (benchmarks/RESULTS.md)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analytics import contract as c
from analytics import geo
from analytics.i18n import label, localize, localized, t, width
from analytics.theme import (
    COUNTRY_PATTERNS,
    COUNTRY_SYMBOLS,
    SECTOR_COLOURS,
    STATUS_PATTERNS,
    TEMPLATE,
    colour,
)


@dataclass(frozen=True)
class Caption:
    """What every chart states beside its data: the active filters and the data's as-of."""

    subtitle: str
    footnote: str


def _merged(base: dict, extra: dict) -> dict:
    """`base` with `extra` laid over it: nested dicts merged key by key, lists joined."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, dict) and isinstance(value, dict):
            value = _merged(old, value)
        elif isinstance(old, list) and isinstance(value, list):
            value = old + value
        out[key] = value
    return out


# Plotly reads tags in any text it draws (<a href>, <b>, <span style>, <br>): text from the
# data reaches it escaped, so it shows as typed; Plotly turns the entities back into
# characters. Our own markup (hover templates, the footnote's <br>) is not in these fields.
DATA_TEXT = ("x", "y", "text", "customdata", "labels", "hovertext", "name")
AXIS = re.compile(r"[xy]axis\d*")


def _plain(value: object) -> object:
    """`value` with every string in it HTML-escaped (lists, arrays and series walked)."""
    if isinstance(value, str):
        return html.escape(value, quote=False)
    if isinstance(value, np.ndarray | pd.Series):
        return _plain(value.tolist()) if value.dtype == object else value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _plain_layout(layout: dict) -> dict:
    """The layout with the data's text in it escaped: tick labels and the subtitle (notes
    that show data, like the map's town names, escape it where they are made)."""
    out = dict(layout)
    for key, axis in layout.items():
        if AXIS.fullmatch(key):
            named = {k: _plain(axis[k]) for k in ("ticktext", "categoryarray") if k in axis}
            out[key] = axis | named
    subtitle = out["title"]["subtitle"]
    out["title"] = out["title"] | {"subtitle": subtitle | {"text": _plain(subtitle["text"])}}
    return out


def _finish(
    traces: list[dict], title: str, caption: Caption, *layouts: dict, height: int = 560
) -> go.Figure:
    """The figure of `traces` under the merged `layouts`, titled, captioned and footnoted;
    text from the data in it escaped."""
    footnote = dict(
        text=caption.footnote,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        yshift=-80,  # below the x axis and its title, inside the template's bottom margin
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=13, color="#666666"),
    )
    layout = dict(
        height=height,
        title=dict(text=title, subtitle=dict(text=caption.subtitle)),
        annotations=[],
    )
    for extra in layouts:
        layout = _merged(layout, extra)
    layout = _plain_layout(layout)
    layout["annotations"] = [*layout["annotations"], footnote]
    traces = [{k: _plain(v) if k in DATA_TEXT else v for k, v in tr.items()} for tr in traces]
    # A new figure gets the default template, which is ours unless something (as importing
    # streamlit does) made another one the default: only then name it.
    if pio.templates.default != TEMPLATE:
        layout["template"] = TEMPLATE
    return go.Figure(data=traces, layout=layout)


def _short(text: str, limit: int = 40) -> str:
    """A label cut to `limit` Latin letters' width, a Chinese character counting two (the
    hover card keeps the full text)."""
    if width(text) <= limit:
        return text
    while width(text) > limit - 1:
        text = text[:-1]
    return text.rstrip() + "…"


# Horizontal bars carry their values, so no value axis; every bar keeps its label even on a
# short 16:9 slide, where Plotly would otherwise skip every other one.
BARS_ONLY = dict(xaxis=dict(visible=False), yaxis=dict(dtick=1))
STACKED = dict(barmode="stack")


def _paint(vocabulary: str, codes, **marker) -> dict:
    """A trace's fields for colour by `vocabulary`: the theme's colour of `codes` (one code
    for the trace, or one per point) and, in `meta`, the codes themselves, so what each
    colour stands for can be read back from the figure (tests/test_palette.py)."""
    codes = _per_code(codes, lambda code: code)  # a Series becomes a list, for meta
    colours = _per_code(codes, lambda code: colour(vocabulary, code))
    return dict(marker=dict(color=colours, **marker), meta=dict(colour_by=vocabulary, codes=codes))


def _per_code(codes, value):
    """`value` of one code (a str or None), or a list of it for each of several codes."""
    return value(codes) if isinstance(codes, str | None) else [value(code) for code in codes]


PATTERNS = {"status": STATUS_PATTERNS, "country": COUNTRY_PATTERNS}


def _bars(vocabulary: str, codes, **marker) -> dict:
    """`_paint` for bars, hatched where colour alone may not tell codes apart (suspended and
    cancelled among the status greys; Pakistan's green beside China's red); status bars
    outlined, as the lightest grey is close to the white page."""
    shapes = PATTERNS.get(vocabulary, {})
    shape = _per_code(codes, lambda code: shapes.get(code, ""))
    if vocabulary == "status":
        marker["line"] = dict(width=1, color="#7F7F7F")
    pattern = dict(shape=shape, fgcolor="white", fillmode="overlay")
    return _paint(vocabulary, codes, pattern=pattern, **marker)


def _hbar(values, labels, paint: dict, unit: str) -> dict:
    """One horizontal bar per label, its value written beside it, coloured by `paint`; the
    hover card names the value's `unit` (an axis title: "Projects", "Capacity (MW)")."""
    return dict(
        type="bar",
        x=values,
        y=labels,
        orientation="h",
        **paint,
        text=values,
        textposition="outside",
        cliponaxis=False,
        hovertemplate=f"%{{y}}<br>{unit}: %{{x:,}}<extra></extra>",
    )


def _parts(df: pd.DataFrame, column: str) -> dict[object, dict[str, list]]:
    """The rows of each value of `column`, in order of first appearance, as lists by column.

    Plain lists: a pandas group-by or mask costs about a millisecond on a frame of a few rows,
    and a chart makes several."""
    columns = {name: df[name].tolist() for name in df.columns}
    rows: dict[object, list[int]] = {}
    for i, key in enumerate(columns[column]):
        rows.setdefault(key, []).append(i)
    return {
        key: {name: [values[i] for i in at] for name, values in columns.items()}
        for key, at in rows.items()
    }


def _text(value: object) -> str:
    """A value of a text column, missing as empty."""
    return value if isinstance(value, str) else ""


def _axis_title(axis: str, text: str) -> dict:
    return {axis: dict(title=dict(text=text))}


def _year_axis(df: pd.DataFrame) -> dict:
    """Whole years along x, written 2016 (not 2,016 or 2,015.8); over more than 12 years,
    every fifth."""
    span = df["year"].max() - df["year"].min() if len(df) else 0
    return dict(xaxis=dict(dtick=5 if span > 12 else 1, tickformat="d"))


def _projects_axis(df: pd.DataFrame, lang: str) -> dict:
    """The y axis of projects per year, stacked: titled, and up to 10 a tick at every whole
    number, where Plotly would mark 0.2, 0.4 … (seen on a sector of a few projects)."""
    totals: dict[int, int] = {}
    for year, projects in zip(df["year"], df["projects"], strict=True):
        totals[year] = totals.get(year, 0) + projects
    axis: dict = dict(title=dict(text=t("axis.projects", lang)))
    if max(totals.values(), default=0) <= 10:
        axis["dtick"] = 1
    return dict(yaxis=axis)


# Date ticks by zoom, as Plotly steps them (1, 2, 7, 14 days; 1, 2, 3, 6 months; years):
# days and months, never hours (the data's facts are dated by day). A stop's range
# includes both ends, and the first stop that matches wins.
FORTNIGHT = 14 * 86_400_000  # ms
DATE_TICKS = {
    "en": ((None, FORTNIGHT, "%-d %b %Y"), ("M1", "M6", "%b %Y"), ("M12", None, "%Y")),
    "zh": ((None, FORTNIGHT, "%Y年%-m月%-d日"), ("M1", "M6", "%Y年%-m月"), ("M12", None, "%Y年")),
}
DATE_HOVER = {"en": "%-d %b %Y", "zh": "%Y年%-m月%-d日"}  # a hovered date, as ticks write a day


def _dates(lang: str) -> dict:
    """An x axis of dates, ticked by day, month or year as the zoom needs: never by hour."""
    stops = [dict(dtickrange=[low, high], value=fmt) for low, high, fmt in DATE_TICKS[lang]]
    return dict(type="date", tickformatstops=stops, hoverformat=DATE_HOVER[lang])


def _date_axis(days: pd.Series, lang: str) -> dict:
    """Dates along x (`_dates`); a single date shows the year either side of it, where
    Plotly would otherwise stretch a millisecond across the chart."""
    axis = _dates(lang)
    if days.nunique() == 1:
        day = days.iloc[0]
        axis["range"] = [day - pd.DateOffset(years=1), day + pd.DateOffset(years=1)]
    return dict(xaxis=axis)


def _empty(df: pd.DataFrame, lang: str) -> dict:
    """For a chart without rows, a note where the data would be and no axes; else nothing."""
    if not df.empty:
        return {}
    note = dict(text=t("empty.title", lang), showarrow=False, font=dict(size=20))
    return dict(annotations=[note], xaxis=dict(visible=False), yaxis=dict(visible=False))


def _full_names(df: pd.DataFrame, lang: str) -> list[str]:
    """Institutions' full names in `lang`, for hover cards: an acronym never stands alone."""
    return [localized(en, zh, lang) for en, zh in zip(df["name_en"], df["name_zh"], strict=True)]


def _institution_labels(df: pd.DataFrame, lang: str, limit: int) -> list[str]:
    """Chinese names in Chinese; in English the short name where there is one."""
    return [
        _short(
            localized(en, zh, lang) if lang == "zh" else (s if isinstance(s, str) else en), limit
        )
        for en, zh, s in zip(df["name_en"], df["name_zh"], df["short_name"], strict=True)
    ]


def projects_by_sector(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Horizontal bars, one per sector, largest on top, each in its sector's colour."""
    df = df.iloc[::-1]  # the query orders largest first; Plotly draws the first at the bottom
    labels = localize(df, lang, "label")
    bars = _hbar(df["projects"], labels, _paint("sector", df["sector"]), t("axis.projects", lang))
    height = max(420, 60 + 38 * len(df))
    return _finish([bars], t("chart.by_sector", lang), caption, BARS_ONLY, height=height)


def agreements_per_year(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Bars per year, stacked by sector in the sector colours."""
    names = dict(zip(df["sector"], localize(df, lang, "label"), strict=True))
    parts = _parts(df, "sector")
    traces = [
        dict(
            type="bar",
            x=parts[sector]["year"],
            y=parts[sector]["projects"],
            name=names[sector],
            **_paint("sector", sector),
            hovertemplate=_hover(names[sector], t("axis.projects", lang)),
        )
        for sector in SECTOR_COLOURS
        if sector in parts
    ]
    for trace in traces:  # each segment's sector and year, for a click (ui.picked)
        sector = trace["meta"]["codes"]
        trace["meta"] |= dict(picks=[f"{sector}@{year}" for year in trace["x"]])
    projects = _projects_axis(df, lang)
    title = t("chart.per_year", lang)
    legend = _legend("sector", lang)
    return _finish(traces, title, caption, STACKED, _year_axis(df), projects, legend, height=620)


def _hover(name: str, unit: str, value: str = "%{y:,}") -> str:
    """A hover card for a stacked bar: what and when, then the value under its unit."""
    return f"{name} · %{{x}}<br>{unit}: {value}<extra></extra>"


def _legend(vocabulary: str, lang: str) -> dict:
    """A legend titled with what its colours encode."""
    return dict(legend=dict(title=dict(text=t(f"legend.{vocabulary}", lang))))


def status_breakdown(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Horizontal bars in the order of a project's life, from proposed to cancelled."""
    counts = dict(zip(df["status"], df["projects"], strict=True))
    order = (*c.STATUSES, "unknown")
    statuses = [s for s in reversed(order) if s in counts]  # the first at the bottom
    labels = [label("status", s, lang) for s in statuses]
    values = [counts[s] for s in statuses]
    bars = _hbar(values, labels, _bars("status", statuses), t("axis.projects", lang))
    # each bar's status, for the projects behind a click (ui.picked); "unknown for that
    # year" is no status a filter takes
    bars["meta"] |= dict(picks=[s if s in c.STATUSES else None for s in statuses])
    return _finish([bars], _status_title(df, "chart.status", lang), caption, BARS_ONLY, height=460)


def _status_title(df: pd.DataFrame, key: str, lang: str) -> str:
    """A status chart's title (`key`), naming the year its statuses are at the end of."""
    return t(f"{key}_in", lang, year=int(df["year"].iat[0])) if len(df) else t(key, lang)


def top_partners(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Institutions with the most projects, coloured by country (China, Pakistan, other)."""
    # The query orders largest first; Plotly draws the first at the bottom.
    df = df.iloc[::-1]
    df = df.assign(label=_institution_labels(df, lang, 34), full=_full_names(df, lang))
    parts = _parts(df, "country")
    traces = [
        _hbar(
            parts[country]["projects"],
            parts[country]["label"],
            _bars("country", country),
            t("axis.projects", lang),
        )
        | dict(
            name=label("country", country, lang),
            customdata=parts[country]["full"],
            hovertemplate=f"%{{customdata}}<br>{t('axis.projects', lang)}: %{{x:,}}<extra></extra>",
            # each bar's institution, for the projects behind a click (ui.picked)
            meta=dict(colour_by="country", codes=country, picks=parts[country]["id"]),
        )
        for country in COUNTRY_SYMBOLS
        if country in parts
    ]
    order = dict(yaxis=dict(categoryorder="array", categoryarray=list(df["label"])))
    legend = _legend("country", lang)
    height = max(460, 60 + 36 * len(df))
    title = t("chart.partners", lang)
    return _finish(traces, title, caption, order, BARS_ONLY, legend, height=height)


# ---------------------------------------------------------------- analysis pages

EVENT_SYMBOLS = {
    "agreement_signed": "diamond",
    "launched": "star",
    "commissioned": "circle",
    "inaugurated": "circle",
    "completed": "circle",
    "construction_started": "triangle-up",
}


def _labels(df: pd.DataFrame, lang: str) -> list[str]:
    """Localised labels from label_en/label_zh columns; a row without one shows "unknown"."""
    return [name or t("unknown", lang) for name in localize(df, lang, "label")]


def projects_by_subsector(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Horizontal bars per sub-area of one sector, largest on top, in the sub-area colours."""
    df = df.iloc[::-1]
    paint = _paint("subsector", df["subsector"])
    bars = _hbar(df["projects"], _labels(df, lang), paint, t("axis.projects", lang))
    height = max(380, 80 + 40 * len(df))
    title = t("chart.by_subsector", lang)
    return _finish([bars], title, caption, BARS_ONLY, _empty(df, lang), height=height)


def _stacked(df: pd.DataFrame, x: str, y: str, unit: str, lang: str) -> list[dict]:
    """Bars per `x`, stacked by sub-sector, one trace (and colour) per sub-sector."""
    labels = dict(zip(df["subsector"], _labels(df, lang), strict=True))
    return [
        dict(
            type="bar",
            x=part[x],
            y=part[y],
            name=labels[code],
            **_paint("subsector", code),
            hovertemplate=_hover(labels[code], unit),
        )
        for code, part in _parts(df, "subsector").items()
    ]


def projects_per_year(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects per year, stacked by sub-area."""
    traces = _stacked(df, "year", "projects", t("axis.projects", lang), lang)
    projects = _projects_axis(df, lang)
    title = t("chart.per_year_subsector", lang)
    legend = _legend("subsector", lang)
    layouts = (STACKED, _year_axis(df), projects, legend, _empty(df, lang))
    return _finish(traces, title, caption, *layouts)


def capacity_online(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """MW completed per year, stacked by technology."""
    traces = _stacked(df, "year", "capacity_mw", t("axis.mw", lang), lang)
    mw = _axis_title("yaxis", t("axis.mw", lang))
    title = t("chart.capacity_online", lang)
    legend = _legend("subsector", lang)
    return _finish(traces, title, caption, STACKED, _year_axis(df), mw, legend, _empty(df, lang))


def capacity_by_technology(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """MW per technology, stacked by status in the status colours."""
    names = dict(zip(df["subsector"], _labels(df, lang), strict=True))
    parts = _parts(df, "status")
    traces = [
        dict(
            type="bar",
            x=[names[s] for s in parts[status]["subsector"]],
            y=parts[status]["capacity_mw"],
            name=label("status", status, lang),
            **_bars("status", status),
            hovertemplate=f"%{{x}} · {label('status', status, lang)}<br>"
            f"{t('axis.mw', lang)}: %{{y:,.0f}}<extra></extra>",
        )
        for status in c.STATUSES
        if status in parts
    ]
    mw = _axis_title("yaxis", t("axis.mw", lang))
    title = t("chart.capacity_tech", lang)
    return _finish(traces, title, caption, STACKED, mw, _legend("status", lang), _empty(df, lang))


def largest_projects(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects by capacity, largest on top, coloured by status."""
    df = df.sort_values(["capacity_mw", "id"])
    titles = localize(df, lang)
    # One row per project id, labelled with its title cut short: full titles took most of
    # the width and pushed the source line off the chart; the hover card keeps them whole.
    df = df.assign(title=titles)
    # One trace (legend entry) per status, in the status colours.
    bars = [
        _hbar(part["capacity_mw"], part["id"], _bars("status", status), t("axis.mw", lang))
        | dict(
            name=label("status", status, lang),
            showlegend=True,
            text=[f"{v:,.0f}" for v in part["capacity_mw"]],
            customdata=[[title] for title in part["title"]],
            hovertemplate=f"%{{customdata[0]}} · {label('status', status, lang)}<br>"
            f"{t('axis.mw', lang)}: %{{x:,.0f}}<extra></extra>",
        )
        for status in c.STATUSES
        if len(part := df[df["status"] == status])
    ]
    rows = dict(
        yaxis=dict(
            tickvals=list(df["id"]),
            ticktext=[_short(x) for x in titles],
            categoryorder="array",
            categoryarray=list(df["id"]),
        ),
        barmode="stack",  # one bar per row: no room kept for the other statuses
        # above the plot, right: beside it, it covered the value of the longest bar
        legend=dict(
            title=dict(text=t("legend.status", lang)),
            orientation="h",
            x=1,
            xanchor="right",
            y=1.0,
            yanchor="bottom",
        ),
    )
    height = max(420, 80 + 42 * len(df))
    title = t("chart.largest", lang)
    return _finish(bars, title, caption, BARS_ONLY, rows, _empty(df, lang), height=height)


def milestone_timeline(
    df: pd.DataFrame, *, lang: str, caption: Caption, title_key: str = "chart.missions"
) -> go.Figure:
    """One row per project, one marker per dated event (shape by kind), partners on hover."""
    titles = {pid: _short(title) for pid, title in zip(df["id"], localize(df, lang), strict=True)}
    parts = _parts(df, "event")
    traces = [
        dict(
            type="scatter",
            x=parts[event]["day"],
            y=[titles[p] for p in parts[event]["id"]],
            mode="markers",
            name=label("event", event, lang),
            **_paint("event", event, size=16, symbol=EVENT_SYMBOLS.get(event, "square")),
            customdata=[
                [_text(v) for v in row]
                for row in zip(
                    parts[event]["date"],
                    parts[event]["partners_zh" if lang == "zh" else "partners"],
                    parts[event]["description"],
                    strict=True,
                )
            ],
            hovertemplate="%{y}<br>%{customdata[0]} · "
            + label("event", event, lang)
            + "<br>%{customdata[2]}<br>%{customdata[1]}<extra></extra>",
        )
        for event in c.EVENTS
        if event in parts
    ]
    order = list(dict.fromkeys(titles[p] for p in df.sort_values("day")["id"]))
    rows = dict(yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True))
    height = max(420, 120 + 34 * len(order))
    title = t(title_key, lang)
    layouts = (rows, _date_axis(df["day"], lang), _legend("event", lang), _empty(df, lang))
    return _finish(traces, title, caption, *layouts, height=height)


def _amount(value: float) -> str:
    return "–" if pd.isna(value) else f"{value:,.0f}"


def _cities(df: pd.DataFrame, lang: str) -> list[str | None]:
    """Each row's place (`city`, `city_zh`) in `lang`; None where unknown."""
    rows = zip(df["city"], df["city_zh"], strict=True)
    return [localized(en, zh, lang) if isinstance(en, str) else None for en, zh in rows]


def sites_map(
    df: pd.DataFrame,
    *,
    lang: str,
    caption: Caption,
    size_by: str = "amount_usd_m",
    height: int = 760,
) -> go.Figure:
    """Sites over the countries' borders (analytics.geo: drawn from a shipped file, nothing
    to fetch), coloured by sector; a click on a site picks its project (trace meta).

    Marker area follows `size_by` (amount or capacity); sites without that value get the
    smallest marker. Cities are labelled, those with most sites first, where a label
    overlaps no other; every site names its city on hover. Rows of cells (from
    project_sites beyond its point limit: no id) are drawn one marker a cell, in the colour
    of its leading sector, with area following the number of projects in it.
    """
    cells = bool(len(df)) and df["id"].isna().all()
    values = df["projects" if cells else size_by].fillna(0).astype(float)
    peak = values.max() if len(values) and values.max() > 0 else 1.0
    # cells sit 0.5° apart: markers small enough for neighbours to stay apart
    smallest, range_ = (4, 16) if cells else (10, 40)
    df = df.assign(size=smallest + range_ * (values / peak) ** 0.5)
    parts = _parts(df, "sector")
    traces = _land()
    for sector in [s for s in SECTOR_COLOURS if s in parts]:
        part = parts[sector]
        if cells:
            names = [t("map.cell", lang, n=n) for n in part["projects"]]
        else:
            names = localize(part, lang)
        traces.append(
            dict(
                type="scatter",
                x=part["longitude"],
                y=part["latitude"],
                mode="markers",
                name=localized(part["sector_en"][0], part["sector_zh"][0], lang)
                or t("unknown", lang),
                **_paint(
                    "sector",
                    sector,
                    size=part["size"],
                    opacity=0.85,
                    line=dict(width=1, color="white"),
                ),
                customdata=list(
                    zip(
                        names,
                        [label("status", s, lang) if s else "" for s in part["status"]],
                        [_text(city) for city in _cities(part, lang)],
                        [_amount(v) for v in part["amount_usd_m"]],
                        [_amount(v) for v in part["capacity_mw"]],
                        strict=True,
                    )
                ),
                hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[2]} · %{customdata[1]}"
                + "<br>USD m: %{customdata[3]} · MW: %{customdata[4]}<extra></extra>",
            )
        )
        # each site's project, for a click (ui.picked); a cell is no one project
        traces[-1]["meta"] |= dict(picks=[None if cells else p for p in part["id"]])
    box = geo.view(list(df["longitude"]), list(df["latitude"]))
    plot = (MAP_LEAST_WIDTH, height - MAP_MARGIN["t"] - MAP_MARGIN["b"])
    busiest = df.assign(name=_cities(df, lang)).dropna(subset=["name"])
    busiest = busiest.groupby("name", sort=False).agg(
        sites=("name", "size"),
        lon=("longitude", "first"),
        lat=("latitude", "first"),
        marker=("size", "max"),
    )
    busiest = busiest.sort_values("sites", ascending=False, kind="stable")
    labels = [
        geo.Label(
            _plain(re.split(r"[,，、;；/／(（]", name)[0].strip()),
            row.lon,
            row.lat,
            lift=float(row.marker / 2 + PLACE_FONT * 0.8),  # clear of the city's largest marker
        )
        for name, row in busiest.iterrows()
    ]
    towns = [_place(place, "#333333") for place in geo.placed(labels, box, plot, PLACE_FONT)]
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    layout = dict(
        annotations=towns,
        margin=MAP_MARGIN,
        plot_bgcolor=SEA,
        # the titles name the columns of the data it plots (snapshot.plotted)
        xaxis=hidden | dict(range=[box[0], box[2]], title=dict(text="°E")),
        yaxis=hidden
        | dict(
            range=[box[1], box[3]],
            scaleanchor="x",
            scaleratio=geo.aspect(box),
            title=dict(text="°N"),
        ),
    )
    layouts = (layout, _legend("sector", lang), _empty(df, lang))
    return _finish(traces, t("chart.sites", lang), caption, *layouts, height=height)


SEA = "#EAF1F6"
BORDER = "#6E6E6E"  # the borders' colour (a browser test looks for its pixels)
PLACE_FONT = 12
MAP_MARGIN = dict(t=110, b=130)  # the template's: the plot's height is what labels fit in
# The plot's least width on a desktop (a 1366 px screen with the sidebar open, the legend
# beside it): labels are placed at the scale that fits the map there. A phone shows none.
MAP_LEAST_WIDTH = 520
LAND = (  # (countries, fill): China and Pakistan tinted in their colours
    (None, "#F7F7F4"),
    (geo.CHINA, "#FBECE8"),
    (geo.PAKISTAN, "#E6F0E8"),
)


def _land() -> list[dict]:
    """The countries of the map's window, filled, with their borders: under the sites,
    silent on hover, out of the legend."""
    line = dict(color=BORDER, width=1.2)
    return [
        _area(geo.rings(names or geo.CHINA | geo.PAKISTAN, other=names is None), fill, line)
        for names, fill in LAND
    ]


def _area(rings: tuple[list, list], fill: str, line: dict) -> dict:
    """A trace of filled rings (x and y, None between rings): a base layer, silent on hover
    and out of the legend."""
    xs, ys = rings
    return dict(
        type="scatter",
        x=xs,
        y=ys,
        mode="lines",
        fill="toself",
        fillcolor=fill,
        line=line,
        hoverinfo="skip",
        showlegend=False,
    )


def _place(label: geo.Label, colour: str) -> dict:
    """A map's label (geo.placed), on a light box that keeps it legible over a marker; named
    "place", which for_phone leaves out (placed for a wider map)."""
    return dict(
        name="place",
        x=label.lon,
        y=label.lat,
        text=label.text,
        showarrow=False,
        yshift=label.lift,
        font=dict(size=PLACE_FONT, color=colour),
        bgcolor="rgba(255, 255, 255, 0.7)",
    )


PROVINCE_SHADES = ("#E6F0E8", "#2E7D4F")  # fewest to most projects: Pakistan's tint to green
PROVINCE_PLOT = (MAP_LEAST_WIDTH, 600 - MAP_MARGIN["t"] - MAP_MARGIN["b"])  # labels fit there


def province_map(df: pd.DataFrame, *, lang: str, caption: Caption, height: int = 600) -> go.Figure:
    """Pakistan's provinces and territories (analytics.geo) shaded by their filtered
    projects, from the province_summary rows the bars beside it draw; labelled with the
    count where a label fits, the rest on hover. A click on a province's dot picks it, as a
    click on its bar does; what it plots (snapshot.plotted) is each province's count."""
    shapes = geo.provinces()
    counts = dict(zip(df["province"], df["projects"], strict=True))
    amounts = dict(zip(df["province"], df["amount_usd_m"], strict=True))
    peak = max(counts.values(), default=0) or 1
    traces = []
    for code, rings in shapes.items():
        share = counts.get(code, 0) / peak
        fill = _blend(*PROVINCE_SHADES, share) if share else LAND[0][1]
        traces.append(_area(geo.flat(rings), fill, dict(color="white", width=1.5)))
    codes = sorted(shapes, key=lambda code: -counts.get(code, 0))  # labels: most first
    middles = [geo.middle(max(shapes[code], key=len)) for code in codes]
    names = [label("province", code, lang) for code in codes]
    projects = [int(counts.get(code, 0)) for code in codes]
    traces.append(
        dict(
            type="scatter",
            x=[lon for lon, _ in middles],
            y=[lat for _, lat in middles],
            mode="markers",
            marker=dict(size=9, color="#333333", line=dict(width=1.5, color="white")),
            customdata=list(
                zip(names, projects, [_amount(amounts.get(c)) for c in codes], strict=True)
            ),
            hovertemplate=f"<b>%{{customdata[0]}}</b><br>{t('axis.projects', lang)}: "
            "%{customdata[1]:,}<br>USD m: %{customdata[2]}<extra></extra>",
            showlegend=False,
            meta=dict(
                # each dot's province (ui.picked); none without projects in the view (a
                # filter on another province would list that province's, not none)
                picks=[code if n else None for code, n in zip(codes, projects, strict=True)],
                names=names,  # what a click lists the projects of
                plotted={t("col.province", lang): names, t("axis.projects", lang): projects},
            ),
        )
    )
    box = geo.PAKISTAN_BOX
    labels = [
        geo.Label(f"{_plain(name)} {n:,}", lon, lat, lift=PLACE_FONT)
        for name, n, (lon, lat) in zip(names, projects, middles, strict=True)
    ]
    shown = [
        _place(place, "#222222") for place in geo.placed(labels, box, PROVINCE_PLOT, PLACE_FONT)
    ]
    hidden = dict(visible=False, showgrid=False, zeroline=False)
    layout = dict(
        annotations=shown,
        margin=MAP_MARGIN,
        plot_bgcolor="white",
        xaxis=hidden | dict(range=[box[0], box[2]]),
        yaxis=hidden | dict(range=[box[1], box[3]], scaleanchor="x", scaleratio=geo.aspect(box)),
    )
    title = t("chart.province_map", lang)
    return _finish(traces, title, caption, layout, _empty(df, lang), height=height)


def _blend(low: str, high: str, share: float) -> str:
    """The colour `share` (0 to 1) of the way from `low` to `high` (#RRGGBB)."""
    ends = [[int(c[i : i + 2], 16) for i in (1, 3, 5)] for c in (low, high)]
    return "#" + "".join(f"{round(x + (y - x) * share):02X}" for x, y in zip(*ends, strict=True))


def province_summary(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects per province or territory, largest on top."""
    df = df.iloc[::-1]
    labels = [label("province", p, lang) for p in df["province"]]
    bars = _hbar(df["projects"], labels, _paint("country", "PK"), t("axis.projects", lang))
    bars["name"] = label("country", "PK", lang)  # all in Pakistan: no legend for one colour
    bars["meta"] |= dict(picks=list(df["province"]))  # each bar's province (ui.picked)
    height = max(380, 80 + 44 * len(df))
    title = t("chart.provinces", lang)
    return _finish([bars], title, caption, BARS_ONLY, _empty(df, lang), height=height)


def partner_types(counts: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """How many institutions of each type take part (institution_types), stacked by country."""
    order = [x for x in c.INSTITUTION_TYPES if x in set(counts["type"])]
    parts = _parts(counts, "country")
    traces = []
    for country in [x for x in COUNTRY_SYMBOLS if x in parts]:
        mine = dict(zip(parts[country]["type"], parts[country]["institutions"], strict=True))
        traces.append(
            dict(
                type="bar",
                y=[label("type", x, lang) for x in order][::-1],
                x=[mine.get(x, 0) for x in order][::-1],
                orientation="h",
                name=label("country", country, lang),
                **_bars("country", country),
                hovertemplate=f"%{{y}} · {label('country', country, lang)}<br>"
                f"{t('axis.institutions', lang)}: %{{x:,}}<extra></extra>",
            )
        )
    institutions = _axis_title("xaxis", t("axis.institutions", lang))
    title = t("chart.partner_types", lang)
    legend = _legend("country", lang)
    return _finish(traces, title, caption, STACKED, institutions, legend, _empty(counts, lang))


def partner_network(
    nodes: pd.DataFrame, links: pd.DataFrame, *, lang: str, caption: Caption, top: int = 30
) -> go.Figure:
    """Chinese institutions on the left, Pakistani on the right, the rest in the middle.

    Nodes are the `top` institutions by projects (circle area ~ projects), ranked top to
    bottom in each column; a line joins two institutions of different columns that share
    projects (width ~ shared projects), so China–Pakistan pairs read across the page.
    """
    nodes = nodes.head(top)
    labels = _institution_labels(nodes, lang, 20)
    column = {"CN": 0.0, "other": 0.5, "PK": 1.0}
    pos: dict[str, tuple[float, float]] = {}  # each institution's place
    rank = dict.fromkeys(column, 0)
    for key, country in zip(nodes["id"], nodes["country"], strict=True):
        pos[key] = (column[country], -float(rank[country]))
        rank[country] += 1
    # Only links across the columns: those are the cooperation the chart is about. One
    # trace a line width (shared projects, 4 and more drawn alike).
    lines: dict[int, tuple[list, list]] = {}
    for source, target, shared in zip(
        links["source"], links["target"], links["projects"], strict=True
    ):
        if source in pos and target in pos and pos[source][0] != pos[target][0]:
            xs, ys = lines.setdefault(min(shared, 4), ([], []))
            (x0, y0), (x1, y1) = pos[source], pos[target]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
    traces = [
        dict(
            type="scatter",
            x=xs,
            y=ys,
            mode="lines",
            line=dict(width=width, color="rgba(120,120,120,0.35)"),
            hoverinfo="skip",
            showlegend=False,
        )
        for width, (xs, ys) in sorted(lines.items())
    ]
    parts = _parts(nodes.assign(label=labels, full=_full_names(nodes, lang)), "country")
    most = max(nodes["projects"], default=1)
    traces += [
        dict(
            type="scatter",
            x=[pos[key][0] for key in parts[country]["id"]],
            y=[pos[key][1] for key in parts[country]["id"]],
            mode="markers+text",
            name=label("country", country, lang),
            text=parts[country]["label"],
            textposition="middle right" if country == "PK" else "middle left",
            **_paint(
                "country",
                country,
                size=[8 + 30 * (n / most) ** 0.5 for n in parts[country]["projects"]],
                symbol=COUNTRY_SYMBOLS[country],
                line=dict(width=1, color="white"),
            ),
            customdata=list(zip(parts[country]["projects"], parts[country]["full"], strict=True)),
            hovertemplate=f"%{{customdata[1]}}<br>{t('axis.projects', lang)}: "
            "%{customdata[0]:,}<extra></extra>",
        )
        for country in COUNTRY_SYMBOLS
        if country in parts
    ]
    frame = dict(
        xaxis=dict(visible=False, range=[-0.7, 1.7]),
        yaxis=dict(visible=False),
    ) | _noted(t("network.note", lang))
    rows = max(rank.values()) or 1
    height = max(480, 240 + 34 * rows)
    title = t("chart.network", lang)
    layouts = (frame, _legend("country", lang), _empty(nodes, lang))
    return _finish(traces, title, caption, *layouts, height=height)


def _noted(text: str) -> dict:
    """A layout with a line of explanation above the plot, under the subtitle: the top
    margin grows by a line so that the two never overlap."""
    return dict(annotations=[_note(text)], margin=dict(t=NOTED_TOP))


NOTED_TOP = 150  # the template's 110 and a line of note


def _note(text: str) -> dict:
    """A line of explanation above the plot (see `_noted`)."""
    return dict(
        text=text,
        xref="paper",
        yref="paper",
        x=0,
        y=1.02,
        showarrow=False,
        xanchor="left",
        yanchor="bottom",  # a second line goes up, not into the plot
        align="left",
        font=dict(size=14, color="#555555"),
    )


FUNNEL_STAGES = ("proposed", "agreed", "under_implementation", "operational")


def status_funnel(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects that had reached each stage by the end of the year, from proposed to
    operational: named "... or further", as they are not the status counts."""
    counts = dict(zip(df["status"], df["projects"], strict=True))
    reached = [sum(counts.get(s, 0) for s in FUNNEL_STAGES[i:]) for i in range(len(FUNNEL_STAGES))]
    funnel = dict(
        type="funnel",
        y=[t(f"funnel.{s}", lang) for s in FUNNEL_STAGES],
        x=reached,
        **_paint("status", FUNNEL_STAGES, line=dict(width=1, color="#7F7F7F")),
        textinfo="value",
        hovertemplate=f"%{{y}}<br>{t('axis.projects', lang)}: %{{x:,}}<extra></extra>",
    )
    note = t(
        "funnel.note",
        lang,
        suspended=counts.get("suspended", 0),
        cancelled=counts.get("cancelled", 0),
        unknown=counts.get("unknown", 0),
    )
    title = _status_title(df, "chart.funnel", lang)
    return _finish([funnel], title, caption, _noted(note), height=480)


def schedule_gantt(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """A bar per project from start to completion; unfinished ones run to their plan."""
    df = df.sort_values(["start_day", "id"])
    titles = localize(df, lang)
    df = df.assign(title=[_short(x) for x in titles], full=titles)
    traces = []
    # One trace (legend entry) per sector in its colour; unfinished bars hatched.
    for sector in [s for s in SECTOR_COLOURS if s in set(df["sector"])]:
        part = df[df["sector"] == sector]
        duration = (part["end_day"] - part["start_day"]).dt.total_seconds() * 1000
        traces.append(
            dict(
                type="bar",
                base=part["start_day"],
                x=duration,
                y=part["title"],
                orientation="h",
                name=localize(part.head(1), lang, "sector")[0],
                **_paint(
                    "sector",
                    sector,
                    pattern=dict(
                        shape=["" if done else "/" for done in part["completed"]],
                        fillmode="overlay",
                        fgcolor="white",
                    ),
                ),
                customdata=list(
                    zip(
                        part["full"],
                        part["start_day"].dt.date,
                        part["end_day"].dt.date,
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}"
                "<extra></extra>",
            )
        )
    axes = dict(
        xaxis=_dates(lang),
        yaxis=dict(categoryorder="array", categoryarray=list(df["title"])[::-1], dtick=1),
        barmode="overlay",
    ) | (_noted(t("gantt.note", lang)) if len(df) else {})
    height = max(480, 260 + 26 * len(df))
    layouts = (axes, _legend("sector", lang), _empty(df, lang))
    return _finish(traces, t("chart.gantt", lang), caption, *layouts, height=height)


# ---------------------------------------------------------------- on a projector, a phone


def for_projector(fig: go.Figure, height: int) -> go.Figure:
    """The chart laid out for a projected screen: `height` px tall, titles 36 px, every
    other text 24 px, notes 20 px. The figure itself is left as it is."""
    big = go.Figure(fig)
    big.update_layout(
        height=height,
        font_size=24,
        title=dict(font_size=36, subtitle_font_size=24),
        legend_font_size=24,
        hoverlabel_font_size=22,
        margin=dict(t=180, b=150),
    )
    for note in big.layout.annotations:
        note.font.size = max(note.font.size or 0, 20)
    return big


PHONE_LINE = 30  # Latin letters a title line holds at 20 px on a 390 px screen
CLOSING = set("、，。：；！？）」』】》")  # never at the start of a Chinese line


def _wrapped(text: str, limit: int = PHONE_LINE) -> str:
    """`text` broken into lines of about `limit` letters at spaces (a Chinese character
    counts two; a line of Chinese breaks anywhere), joined by <br>."""
    lines, line, used = [], "", 0
    for word in re.split(r"(?<= )|(?<=[\u2e80-\uffff])", text):
        size = width(word)
        if line and used + size > limit and word not in CLOSING:
            lines.append(line.rstrip())
            line, used = "", 0
        line, used = line + word, used + size
    return "<br>".join([*lines, line.rstrip()])


def for_phone(fig: go.Figure) -> tuple[go.Figure, str]:
    """The chart laid out for a 390 px phone, and its source line as text for the page to
    show under it (where it wraps as the page does). Title and subtitle wrapped, text
    smaller, the legend in rows under the plot (beside it, it left the plot 100 px), the
    chart taller by the legend's rows. The figure itself (what exports save) is unchanged."""
    phone = go.Figure(fig)
    title = phone.layout.title
    notes = list(phone.layout.annotations)
    footnote = notes.pop().text if notes else ""  # added last by _finish
    notes = [note for note in notes if note.name != "place"]  # placed for a wider map
    entries = sum(1 for tr in phone.data if tr.name and tr.showlegend is not False)
    legend = dict(orientation="h", x=0, xanchor="left", y=-0.08, yanchor="top", font_size=11)
    phone.update_layout(
        title=dict(
            text=_wrapped(title.text or ""),
            font_size=20,
            subtitle=dict(text=_wrapped(title.subtitle.text or "", 40), font_size=13),
        ),
        font_size=12,
        legend=legend | dict(title=dict(side="top")),
        hoverlabel_font_size=12,
        margin=dict(l=8, r=48, t=130, b=40),  # r: room for the value beside a bar
        height=(fig.layout.height or 450) + (22 * entries if entries > 1 else 0),
    )
    phone.layout.annotations = notes  # (update_layout leaves a tuple alone for an empty list)
    if phone.layout.yaxis.ticktext:  # project titles beside bars: shorter, the bars wider
        phone.layout.yaxis.ticktext = [_short(x, 24) for x in phone.layout.yaxis.ticktext]
    return phone, footnote.replace("<br>", " · ")
