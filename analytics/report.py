"""The briefing PDF's pages as Plotly figures: a cover with the contents, the headline
figures, the charts (numbered), and the sources. Every page goes through the same kaleido
and Chromium as the chart images, as a vector PDF page with real text (see README,
"Exports", for why one renderer), and pypdf joins them.

Text in these PDFs extracts and searches correctly because the theme's first fonts are
TrueType (Noto Sans, WenQuanYi Zen Hei): Chromium embeds TrueType fonts with a faithful
character map, where the CFF outlines of Noto Sans CJK came out as Type 3 glyphs whose
digits copied as nothing and whose Chinese copied as look-alike radicals.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.i18n import t, width
from analytics.theme import FONT, TEMPLATE

GREY = "#555555"
# A sources page: columns of 2 : 6 : 1 of the 840 px between the margins, in 12 px text
# (about 26 and 80 Latin letters a line; a Chinese character takes two), rows 16 px a
# line plus 8, and 320 px for the rows under the header.
LINE, PAD, ROOM = 16, 8, 320
LETTERS = (26, 80, 12)
CHANGE_LETTERS = (18, 56, 28)  # a changes page, 2 : 6 : 3 (wrapping seen: ~18 in the first)


def _line(text: str, y: float, size: int, colour: str = "#222222") -> dict:
    return dict(
        text=text,
        x=0,
        y=y,
        xref="paper",
        yref="paper",
        xanchor="left",
        yanchor="top",
        align="left",
        showarrow=False,
        font=dict(size=size, color=colour),
    )


def _page(
    annotations: list[dict], data: list | None = None, title: str = "", subtitle: str = ""
) -> go.Figure:
    """A page of text: no axes, the theme's fonts and margins."""
    top = (130 if subtitle else 90) if title else 50
    layout = dict(
        template=TEMPLATE,
        annotations=annotations,
        xaxis=dict(visible=False),
        yaxis=dict(visible=False),
        margin=dict(l=60, r=60, t=top, b=80),
    )
    if title:
        layout["title"] = dict(text=title, subtitle=dict(text=subtitle))
    return go.Figure(data=data or [], layout=layout)


def cover(
    lang: str,
    title: str,
    lines: list[str],
    contents: list[tuple[str, int]],
) -> go.Figure:
    """The first page: the pack's title, what it shows (`lines`: date, filters, as-of,
    what was left out) and its contents, each chart with its page."""
    notes = [_line(title, 1.0, 34)]
    y = 0.86
    for line in lines:
        notes.append(_line(line, y, 16, GREY))
        y -= 0.06
    y -= 0.04
    notes.append(_line(t("report.contents", lang), y, 20))
    y -= 0.08
    for name, page in contents:
        notes.append(_line(f"{page}  {name}", y, 15))
        y -= 0.055
    return _page(notes)


def _table(
    header: list[str], columns: list[list[str]], widths: list[int], align, size: int = 14
) -> go.Table:
    return go.Table(
        header=dict(
            values=header,
            font=dict(size=size, family=FONT, color="white"),
            fill_color="#222222",
            height=2 * size,
            align=align,
        ),
        cells=dict(
            values=columns,
            font=dict(size=size, family=FONT),
            fill_color="#F4F4F4",
            height=2 * size,
            align=align,
        ),
        columnwidth=widths,
    )


def _lines(text: str, letters: int) -> int:
    """About how many lines `text` takes in a column of `letters` Latin letters."""
    return max(1, -(-width(text) // letters))


def _pages_of(
    rows: list[list[str]], letters: tuple[int, ...] = LETTERS, room: int = ROOM
) -> list[list[list[str]]]:
    """The rows split into pages, each filled up to the `room` (px) the rows' wrapped lines
    take (`letters`: the Latin letters a line of each column holds)."""
    pages: list[list[list[str]]] = [[]]
    used = 0
    for row in rows:
        height = PAD + LINE * max(_lines(x, n) for x, n in zip(row, letters, strict=True))
        if pages[-1] and used + height > room:
            pages.append([])
            used = 0
        pages[-1].append(row)
        used += height
    return pages


def headline(lang: str, heading: str, header: list[str], rows: list[tuple[str, ...]]) -> go.Figure:
    """The headline figures as a table of text (indicator, value, change)."""
    columns = [list(col) for col in zip(*rows, strict=True)] if rows else [[], [], []]
    table = _table(header, columns, [3, 1, 1], ["left", "right", "right"])
    return _page([], [table], heading)


def sources(lang: str, df: pd.DataFrame) -> list[go.Figure]:
    """The sources behind the projects in view, as many pages as their rows need."""
    header = [t("col.publisher", lang), t("col.title", lang), t("col.published", lang)]
    heading = t("report.sources", lang, n=len(df))
    rows = [
        [str(publisher), str(title), "" if pd.isna(date) else str(date)]
        for publisher, title, date in zip(
            df["publisher"], df["title"], df["published"], strict=True
        )
    ]
    pages = []
    for part in _pages_of(rows):
        columns = [list(col) for col in zip(*part, strict=True)] if part else [[], [], []]
        table = _table(header, columns, [2, 6, 1], ["left", "left", "left"], size=12)
        pages.append(_page([], [table], heading))
    return pages


def changes(lang: str, meeting: str, rows: list[list[str]]) -> list[go.Figure]:
    """What changed since the last meeting (`meeting`: its name and day; analytics.changes):
    a row an item, as many pages as the rows need; a page saying nothing changed when none
    did."""
    header = [t("col.when", lang), t("col.what", lang), t("changes.source", lang)]
    if not rows:
        rows = [["", t("changes.none", lang), ""]]
    title = t("changes.title", lang)
    pages = []
    for part in _pages_of(rows, CHANGE_LETTERS, ROOM - 40):  # 40 px: the subtitle
        columns = [list(col) for col in zip(*part, strict=True)]
        table = _table(header, columns, [2, 6, 3], ["left", "left", "left"], size=12)
        pages.append(_page([], [table], title, meeting))
    return pages


def numbered(fig: go.Figure, page: int, pages: int) -> go.Figure:
    """The page with its number, "3 / 12", at the bottom right."""
    mark = dict(
        text=f"{page} / {pages}",
        x=1,
        y=0,
        xref="paper",
        yref="paper",
        xanchor="right",
        yanchor="top",
        yshift=-60,
        showarrow=False,
        font=dict(size=13, color=GREY),
    )
    out = go.Figure(fig)
    out.update_layout(annotations=[*fig.layout.annotations, mark])
    return out
