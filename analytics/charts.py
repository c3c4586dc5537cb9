"""Pure chart functions: a DataFrame in, a titled, subtitled, footnoted Plotly figure out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analytics import contract as c
from analytics.i18n import label, localize, localized, t
from analytics.theme import COUNTRY_COLOURS, SECTOR_COLOURS, STATUS_COLOURS, TEMPLATE


@dataclass(frozen=True)
class Caption:
    """What every chart states beside its data: the active filters and the data's as-of."""

    subtitle: str
    footnote: str


def _finish(fig: go.Figure, title: str, caption: Caption, height: int = 560) -> go.Figure:
    # A new figure already has the default template, which is ours unless something (as
    # importing streamlit does) made another one the default: only then set it, for setting
    # a template copies it (3-4 ms a chart, a third of building it).
    if pio.templates.default != TEMPLATE:
        fig.layout.template = TEMPLATE
    fig.layout.height = height
    fig.layout.title.text = title
    fig.layout.title.subtitle.text = caption.subtitle
    fig.add_annotation(
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
    return fig


def _short(text: str, limit: int = 40) -> str:
    """A label cut to `limit` characters (the hover card keeps the full text)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bars_only(fig: go.Figure) -> None:
    """Horizontal bars carry their values, so no value axis; every bar keeps its label even
    on a short 16:9 slide, where Plotly would otherwise skip every other one."""
    fig.update_xaxes(visible=False)
    fig.update_yaxes(dtick=1)


def _hbars(values, labels, colour, **bar) -> go.Figure:
    """One horizontal bar per label, its value written beside it."""
    bar = dict(text=values, hovertemplate="%{y}: %{x}<extra></extra>") | bar
    fig = go.Figure(
        go.Bar(
            x=values, y=labels, orientation="h", marker_color=colour,
            textposition="outside", cliponaxis=False, **bar,
        )
    )  # fmt: skip
    _bars_only(fig)
    return fig


def _sector_names(df: pd.DataFrame, lang: str) -> pd.Series:
    return pd.Series(localize(df, lang, "label"), index=df.index)


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
    colours = [SECTOR_COLOURS.get(s, "#888888") for s in df["sector"]]
    fig = _hbars(df["projects"], _sector_names(df, lang), colours)
    return _finish(fig, t("chart.by_sector", lang), caption, height=max(420, 60 + 38 * len(df)))


def agreements_per_year(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Bars per year, stacked by sector in the sector colours."""
    fig = go.Figure()
    names = dict(zip(df["sector"], _sector_names(df, lang), strict=True))
    for sector in [s for s in SECTOR_COLOURS if s in names]:
        part = df[df["sector"] == sector]
        fig.add_bar(
            x=part["year"],
            y=part["projects"],
            name=names[sector],
            marker_color=SECTOR_COLOURS[sector],
            hovertemplate=f"{names[sector]} %{{x}}: %{{y}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=5 if df["year"].nunique() > 12 else 1)
    fig.update_yaxes(title=t("axis.projects", lang))
    return _finish(fig, t("chart.per_year", lang), caption, height=620)


def status_breakdown(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Horizontal bars in the order of a project's life, from proposed to cancelled."""
    order = {s: i for i, s in enumerate(c.STATUSES)}
    df = df.sort_values("status", key=lambda s: s.map(order), ascending=False)
    labels = [label("status", s, lang) for s in df["status"]]
    fig = _hbars(df["projects"], labels, [STATUS_COLOURS[s] for s in df["status"]])
    return _finish(fig, t("chart.status", lang), caption, height=460)


def top_partners(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Institutions with the most projects, coloured by country (China, Pakistan, other)."""
    df = df.iloc[::-1]  # the query orders largest first; Plotly draws the first at the bottom
    names = _institution_labels(df, lang, 28)
    fig = go.Figure()
    for country in COUNTRY_COLOURS:
        mask = (df["country"] == country).to_numpy()
        if mask.any():
            fig.add_bar(
                x=df["projects"][mask],
                y=[n for n, m in zip(names, mask, strict=True) if m],
                orientation="h",
                name=label("country", country, lang),
                marker_color=COUNTRY_COLOURS[country],
                text=df["projects"][mask],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{y}: %{x}<extra></extra>",
            )
    fig.update_yaxes(categoryorder="array", categoryarray=names)
    _bars_only(fig)
    fig.update_layout(legend=dict(title=dict(text=t("legend.country", lang))))
    return _finish(fig, t("chart.partners", lang), caption, height=max(460, 60 + 36 * len(df)))


# ---------------------------------------------------------------- analysis pages

PALETTE = ["#1F6FB4", "#E67E22", "#2E8B57", "#6A3D9A", "#D62728", "#17BECF", "#B5A000", "#8C564B"]
EVENT_SYMBOLS = {
    "agreement_signed": "diamond",
    "launched": "star",
    "commissioned": "circle",
    "inaugurated": "circle",
    "completed": "circle",
    "construction_started": "triangle-up",
}


def _labels(df: pd.DataFrame, lang: str, code: str = "subsector") -> list[str]:
    """Localised labels from label_en/label_zh columns; a row without one shows "unknown"."""
    return [name or t("unknown", lang) for name in localize(df, lang, "label")]


def _empty_note(fig: go.Figure, df: pd.DataFrame, lang: str) -> None:
    if df.empty:
        fig.add_annotation(text=t("empty.title", lang), showarrow=False, font=dict(size=20))
        fig.update_xaxes(visible=False)
        fig.update_yaxes(visible=False)


def projects_by_subsector(
    df: pd.DataFrame, *, lang: str, caption: Caption, colour: str = "#1F6FB4"
) -> go.Figure:
    """Horizontal bars per sub-area of one sector, largest on top."""
    df = df.iloc[::-1]
    fig = _hbars(df["projects"], _labels(df, lang), colour)
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.by_subsector", lang), caption, height=max(380, 80 + 40 * len(df)))


def _stacked(df: pd.DataFrame, x: str, y: str, lang: str) -> go.Figure:
    """Bars per `x`, stacked by sub-sector, one trace (and colour) per sub-sector."""
    fig = go.Figure()
    labels = dict(zip(df["subsector"], _labels(df, lang), strict=True))
    for i, (code, name) in enumerate(labels.items()):
        part = df[df["subsector"] == code]
        fig.add_bar(
            x=part[x],
            y=part[y],
            name=name,
            marker_color=PALETTE[i % len(PALETTE)],
            hovertemplate=f"{name} %{{x}}: %{{y}}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _empty_note(fig, df, lang)
    return fig


def projects_per_year(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects per year, stacked by sub-area."""
    fig = _stacked(df, "year", "projects", lang)
    fig.update_yaxes(title=t("axis.projects", lang))
    return _finish(fig, t("chart.per_year_subsector", lang), caption)


def capacity_online(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """MW completed per year, stacked by technology."""
    fig = _stacked(df, "year", "capacity_mw", lang)
    fig.update_yaxes(title=t("axis.mw", lang))
    return _finish(fig, t("chart.capacity_online", lang), caption)


def capacity_by_technology(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """MW per technology, stacked by status in the status colours."""
    fig = go.Figure()
    names = dict(zip(df["subsector"], _labels(df, lang), strict=True))
    for status in [s for s in c.STATUSES if s in set(df["status"])]:
        part = df[df["status"] == status]
        fig.add_bar(
            x=[names[s] for s in part["subsector"]],
            y=part["capacity_mw"],
            name=label("status", status, lang),
            marker_color=STATUS_COLOURS[status],
            hovertemplate="%{x}: %{y:,.0f} MW<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_yaxes(title=t("axis.mw", lang))
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.capacity_tech", lang), caption)


def largest_projects(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects by capacity, largest on top, coloured by status."""
    df = df.sort_values(["capacity_mw", "id"])
    titles = localize(df, lang)
    fig = go.Figure(
        go.Bar(
            x=df["capacity_mw"],
            y=titles,
            orientation="h",
            marker_color=[STATUS_COLOURS[s] for s in df["status"]],
            text=[f"{v:,.0f}" for v in df["capacity_mw"]],
            textposition="outside",
            cliponaxis=False,
            customdata=[label("status", s, lang) for s in df["status"]],
            hovertemplate="%{y}: %{x:,.0f} MW (%{customdata})<extra></extra>",
        )
    )
    _bars_only(fig)
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.largest", lang), caption, height=max(420, 80 + 42 * len(df)))


def milestone_timeline(
    df: pd.DataFrame, *, lang: str, caption: Caption, title_key: str = "chart.missions"
) -> go.Figure:
    """One row per project, one marker per dated event (shape by kind), partners on hover."""
    fig = go.Figure()
    titles = {pid: _short(title) for pid, title in zip(df["id"], localize(df, lang), strict=True)}
    for event in [e for e in c.EVENTS if e in set(df["event"])]:
        part = df[df["event"] == event]
        fig.add_scatter(
            x=part["day"],
            y=[titles[p] for p in part["id"]],
            mode="markers",
            name=label("event", event, lang),
            marker=dict(size=16, symbol=EVENT_SYMBOLS.get(event, "square")),
            customdata=part[["date", "partners", "description"]].fillna("").to_numpy(),
            hovertemplate="%{y}<br>%{customdata[0]} · "
            + label("event", event, lang)
            + "<br>%{customdata[2]}<br>%{customdata[1]}<extra></extra>",
        )
    order = list(dict.fromkeys(titles[p] for p in df.sort_values("day")["id"]))
    fig.update_yaxes(categoryorder="array", categoryarray=order[::-1], automargin=True)
    fig.update_xaxes(type="date")
    _empty_note(fig, df, lang)
    return _finish(fig, t(title_key, lang), caption, height=max(420, 120 + 34 * len(order)))


def sites_map(
    df: pd.DataFrame,
    *,
    lang: str,
    caption: Caption,
    size_by: str = "amount_usd_m",
    height: int = 680,
) -> go.Figure:
    """Sites on a longitude/latitude grid (no base layer to fetch), coloured by sector.

    Marker area follows `size_by` (amount or capacity); sites without that value get the
    smallest marker. The 40 cities with most sites are labelled once. Rows of cells (from
    project_sites beyond its point limit: no id) are drawn one marker a cell, in the colour
    of its leading sector, with area following the number of projects in it.
    """
    fig = go.Figure()
    cells = bool(len(df)) and df["id"].isna().all()
    values = df["projects" if cells else size_by].fillna(0).astype(float)
    peak = values.max() if len(values) and values.max() > 0 else 1.0
    # cells sit 0.5° apart: markers small enough for neighbours to stay apart
    smallest, range_ = (4, 16) if cells else (10, 40)
    sizes = smallest + range_ * (values / peak) ** 0.5
    for sector in [s for s in SECTOR_COLOURS if s in set(df["sector"])]:
        mask = (df["sector"] == sector).to_numpy()
        part = df[mask]
        if cells:
            names = [t("map.cell", lang, n=n) for n in part["projects"]]
        else:
            names = localize(part, lang)
        fig.add_scatter(
            x=part["longitude"],
            y=part["latitude"],
            mode="markers",
            name=_labels(
                part.rename(columns={"sector_en": "label_en", "sector_zh": "label_zh"}), lang
            )[0],
            marker=dict(
                size=sizes[mask],
                color=SECTOR_COLOURS[sector],
                opacity=0.8,
                line=dict(width=1, color="white"),
            ),
            customdata=list(
                zip(
                    names,
                    [label("status", s, lang) if s else "" for s in part["status"]],
                    part["city"].fillna(""),
                    part["amount_usd_m"].map(lambda v: "–" if pd.isna(v) else f"{v:,.0f}"),
                    part["capacity_mw"].map(lambda v: "–" if pd.isna(v) else f"{v:,.0f}"),
                    strict=True,
                )
            ),
            hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[2]} · %{customdata[1]}"
            + "<br>USD m: %{customdata[3]} · MW: %{customdata[4]}<extra></extra>",
        )
    cities = df.dropna(subset=["city"])
    for city in cities["city"].value_counts().head(40).index:
        row = cities[cities["city"] == city].iloc[0]
        fig.add_annotation(
            x=row["longitude"],
            y=row["latitude"],
            text=city.split(",")[0].split("(")[0].strip(),
            showarrow=False,
            yshift=14,
            font=dict(size=12, color="#444444"),
        )
    fig.update_xaxes(title="°E", showgrid=True, gridcolor="#EEEEEE", dtick=2)
    fig.update_yaxes(title="°N", scaleanchor="x", scaleratio=1, dtick=2, gridcolor="#EEEEEE")
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.sites", lang), caption, height=height)


def province_summary(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects per province or territory, largest on top."""
    df = df.iloc[::-1]
    labels = [label("province", p, lang) for p in df["province"]]
    fig = _hbars(df["projects"], labels, COUNTRY_COLOURS["PK"])
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.provinces", lang), caption, height=max(380, 80 + 44 * len(df)))


def partner_types(counts: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """How many institutions of each type take part (institution_types), stacked by country."""
    order = [x for x in c.INSTITUTION_TYPES if x in set(counts["type"])]
    fig = go.Figure()
    for country in [x for x in COUNTRY_COLOURS if x in set(counts["country"])]:
        mine = counts[counts["country"] == country].set_index("type")["institutions"]
        fig.add_bar(
            y=[label("type", x, lang) for x in order][::-1],
            x=mine.reindex(order, fill_value=0)[::-1],
            orientation="h",
            name=label("country", country, lang),
            marker_color=COUNTRY_COLOURS[country],
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title=t("axis.institutions", lang))
    _empty_note(fig, counts, lang)
    return _finish(fig, t("chart.partner_types", lang), caption)


def partner_network(
    nodes: pd.DataFrame, links: pd.DataFrame, *, lang: str, caption: Caption, top: int = 30
) -> go.Figure:
    """Chinese institutions on the left, Pakistani on the right, the rest in the middle.

    Nodes are the `top` institutions by projects (circle area ~ projects), ranked top to
    bottom in each column; a line joins two institutions of different columns that share
    projects (width ~ shared projects), so China–Pakistan pairs read across the page.
    """
    nodes = nodes.head(top).copy()
    column = {"CN": 0.0, "other": 0.5, "PK": 1.0}
    nodes["x"] = nodes["country"].map(column)
    nodes["y"] = nodes.groupby("country").cumcount().map(lambda i: -float(i))
    pos = {r.id: (r.x, r.y) for r in nodes.itertuples()}
    fig = go.Figure()
    shown = links[links["source"].isin(pos) & links["target"].isin(pos)]
    # Only links across the columns: those are the cooperation the chart is about.
    column_of = {key: x for key, (x, _) in pos.items()}
    shown = shown[shown["source"].map(column_of) != shown["target"].map(column_of)]
    for width, group in shown.groupby(shown["projects"].clip(upper=4)):
        xs, ys = [], []
        for link in group.itertuples():
            (x0, y0), (x1, y1) = pos[link.source], pos[link.target]
            xs += [x0, x1, None]
            ys += [y0, y1, None]
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(width=width, color="rgba(120,120,120,0.35)"),
            hoverinfo="skip",
            showlegend=False,
        )
    nodes["label"] = _institution_labels(nodes, lang, 24)
    for country in [x for x in COUNTRY_COLOURS if x in set(nodes["country"])]:
        part = nodes[nodes["country"] == country]
        right = country == "PK"
        fig.add_scatter(
            x=part["x"],
            y=part["y"],
            mode="markers+text",
            name=label("country", country, lang),
            text=part["label"],
            textposition="middle right" if right else "middle left",
            marker=dict(
                size=8 + 30 * (part["projects"] / nodes["projects"].max()) ** 0.5,
                color=COUNTRY_COLOURS[country],
                line=dict(width=1, color="white"),
            ),
            customdata=part["projects"],
            hovertemplate="%{text}: %{customdata}<extra></extra>",
        )
    fig.update_xaxes(visible=False, range=[-0.6, 1.6])
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=t("network.note", lang),
        xref="paper",
        yref="paper",
        x=0,
        y=1.02,
        showarrow=False,
        xanchor="left",
        font=dict(size=14, color="#555555"),
    )
    _empty_note(fig, nodes, lang)
    rows = int(nodes["country"].value_counts().max()) if len(nodes) else 1
    return _finish(fig, t("chart.network", lang), caption, height=max(480, 240 + 34 * rows))


FUNNEL_STAGES = ("proposed", "agreed", "under_implementation", "operational")


def status_funnel(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Projects that reached each stage, from proposed to operational."""
    counts = dict(zip(df["status"], df["projects"], strict=True))
    reached = [sum(counts.get(s, 0) for s in FUNNEL_STAGES[i:]) for i in range(len(FUNNEL_STAGES))]
    fig = go.Figure(
        go.Funnel(
            y=[label("status", s, lang) for s in FUNNEL_STAGES],
            x=reached,
            marker=dict(color=[STATUS_COLOURS[s] for s in FUNNEL_STAGES]),
            textinfo="value",
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.add_annotation(
        text=t(
            "funnel.note",
            lang,
            suspended=counts.get("suspended", 0),
            cancelled=counts.get("cancelled", 0),
        ),
        xref="paper",
        yref="paper",
        x=0,
        y=1.02,
        showarrow=False,
        xanchor="left",
        font=dict(size=14, color="#555555"),
    )
    return _finish(fig, t("chart.funnel", lang), caption, height=480)


def schedule_gantt(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """A bar per project from start to completion; unfinished ones run to their plan."""
    df = df.sort_values(["start_day", "id"])
    titles = localize(df, lang)
    df = df.assign(title=[_short(x) for x in titles], full=titles)
    fig = go.Figure()
    for completed, key in ((True, "legend.completed"), (False, "legend.planned")):
        part = df[df["completed"] == completed]
        duration = (part["end_day"] - part["start_day"]).dt.total_seconds() * 1000
        fig.add_bar(
            base=part["start_day"],
            x=duration,
            y=part["title"],
            orientation="h",
            name=t(key, lang),
            marker=dict(
                color=[SECTOR_COLOURS.get(s, "#888888") for s in part["sector"]],
                opacity=1.0 if completed else 0.45,
                line=dict(width=0 if completed else 2, color="#333333"),
            ),
            customdata=list(
                zip(part["full"], part["start_day"].dt.date, part["end_day"].dt.date, strict=True)
            ),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]} → %{customdata[2]}<extra></extra>",
        )
    fig.update_xaxes(type="date")
    fig.update_yaxes(categoryorder="array", categoryarray=list(df["title"])[::-1], dtick=1)
    _empty_note(fig, df, lang)
    return _finish(fig, t("chart.gantt", lang), caption, height=max(480, 260 + 26 * len(df)))
