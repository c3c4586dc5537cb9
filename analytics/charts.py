"""Pure chart functions: a DataFrame in, a titled, subtitled, footnoted Plotly figure out."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from analytics import contract as c
from analytics.i18n import label, localized, t
from analytics.theme import COUNTRY_COLOURS, SECTOR_COLOURS, STATUS_COLOURS, TEMPLATE


@dataclass(frozen=True)
class Caption:
    """What every chart states beside its data: the active filters and the data's as-of."""

    subtitle: str
    footnote: str


def _finish(fig: go.Figure, title: str, caption: Caption, height: int = 560) -> go.Figure:
    fig.update_layout(
        template=TEMPLATE,
        height=height,
        title=dict(text=title, subtitle=dict(text=caption.subtitle)),
        annotations=[
            dict(
                text=caption.footnote,
                xref="paper",
                yref="paper",
                # Right-aligned under the plot: long y labels push the plot's left edge
                # far in, and a left-aligned note would run off the figure.
                x=1,
                y=0,
                yshift=-70,  # below the x axis, inside the template's bottom margin
                xanchor="right",
                yanchor="top",
                showarrow=False,
                font=dict(size=13, color="#666666"),
            )
        ],
    )
    return fig


def _sector_names(df: pd.DataFrame, lang: str) -> pd.Series:
    return pd.Series(
        [localized(en, zh, lang) for en, zh in zip(df["label_en"], df["label_zh"], strict=True)],
        index=df.index,
    )


def projects_by_sector(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Horizontal bars, one per sector, largest on top, each in its sector's colour."""
    df = df.iloc[::-1]  # the query orders largest first; Plotly draws the first at the bottom
    fig = go.Figure(
        go.Bar(
            x=df["projects"],
            y=_sector_names(df, lang),
            orientation="h",
            marker_color=[SECTOR_COLOURS.get(s, "#888888") for s in df["sector"]],
            text=df["projects"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)  # each bar carries its value
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
    fig = go.Figure(
        go.Bar(
            x=df["projects"],
            y=[label("status", s, lang) for s in df["status"]],
            orientation="h",
            marker_color=[STATUS_COLOURS[s] for s in df["status"]],
            text=df["projects"],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x}<extra></extra>",
        )
    )
    fig.update_xaxes(visible=False)
    return _finish(fig, t("chart.status", lang), caption, height=460)


def top_partners(df: pd.DataFrame, *, lang: str, caption: Caption) -> go.Figure:
    """Institutions with the most projects, coloured by country (China, Pakistan, other)."""
    df = df.iloc[::-1]  # the query orders largest first; Plotly draws the first at the bottom
    names = [
        localized(en, zh, lang) if lang == "zh" else (short if isinstance(short, str) else en)
        for en, zh, short in zip(df["name_en"], df["name_zh"], df["short_name"], strict=True)
    ]
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
    fig.update_xaxes(visible=False)
    fig.update_layout(legend=dict(title=dict(text=t("legend.country", lang))))
    return _finish(fig, t("chart.partners", lang), caption, height=max(460, 60 + 36 * len(df)))
