"""The briefing deck: a 16:9 PowerPoint file a ministry officer can send on unchanged.

Every text sits in its own box on a fixed grid (title, subtitle, body, footer), so nothing
overlaps and nothing leaves the slide. Charts are native PowerPoint charts, editable and
restylable, built from the same Plotly figures the app draws (`native`): their categories,
series, colours and hatches. What PowerPoint cannot draw (maps, networks, timelines, the
schedule) goes in as a picture of the chart without its title, which the slide carries.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION
from pptx.enum.dml import MSO_PATTERN
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from analytics.i18n import footnote, t, width

LATIN, CJK = "Noto Sans", "WenQuanYi Zen Hei"  # the theme's fonts (theme.FONT)
INK, GREY = RGBColor(0x22, 0x22, 0x22), RGBColor(0x66, 0x66, 0x66)
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
# Plotly's hatches as PowerPoint patterns (theme.STATUS_PATTERNS, COUNTRY_PATTERNS, Gantt).
PATTERNS = {
    "/": MSO_PATTERN.WIDE_UPWARD_DIAGONAL,
    "x": MSO_PATTERN.DIAGONAL_CROSS,
    ".": MSO_PATTERN.PERCENT_20,
}


@dataclass(frozen=True)
class Box:
    left: int
    top: int
    width: int
    height: int


def _row(top: float, height: float) -> Box:
    return Box(MARGIN, Inches(top), WIDTH - 2 * MARGIN, Inches(height))


# The grid every slide is laid on, top to bottom: no two boxes share a point.
TITLE, SUBTITLE, BODY, FOOTER = _row(0.3, 0.85), _row(1.2, 0.45), _row(1.75, 5.0), _row(6.85, 0.5)
CHANGE_LINES = 10  # lines of 14 pt: 20 rows (two a line at most) take 4.7 of the 5 in body


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    colours: list[str]  # one per category (a single-colour series repeats it)
    hatches: list[str]


@dataclass(frozen=True)
class Native:
    """A figure as a PowerPoint chart: its type, categories and series."""

    kind: XL_CHART_TYPE
    categories: list[str]
    series: list[Series]


def _each(value, n: int) -> list:
    return list(value) if isinstance(value, list | tuple) else [value] * n


def native(fig: go.Figure) -> Native | None:
    """The figure as a native chart where PowerPoint can draw it (bars, a funnel); None for
    the rest (scatter plots, maps, a schedule whose bars float on dates)."""
    traces = list(fig.data)
    floating = any(tr.type == "bar" and tr.base is not None for tr in traces)  # the Gantt
    if not traces or floating or any(tr.type not in ("bar", "funnel") for tr in traces):
        return None
    horizontal = all(tr.orientation == "h" or tr.type == "funnel" for tr in traces)
    cat, val = ("y", "x") if horizontal else ("x", "y")
    axis = fig.layout.yaxis if horizontal else fig.layout.xaxis
    names = dict(zip(axis.tickvals or (), axis.ticktext or (), strict=True))
    if axis.categoryarray:
        keys = list(axis.categoryarray)
    else:
        keys = list(dict.fromkeys(k for tr in traces for k in getattr(tr, cat)))
        if keys and not horizontal and all(isinstance(k, int) for k in keys):
            keys = list(range(min(keys), max(keys) + 1))  # every year, as on Plotly's axis
    if traces[0].type == "funnel":
        keys = keys[::-1]  # a funnel's first stage is on top, a bar chart's at the bottom
    series = []
    for tr in traces:
        at = dict(zip(getattr(tr, cat), getattr(tr, val), strict=True))
        colours = dict(zip(getattr(tr, cat), _each(tr.marker.color, len(at)), strict=True))
        shape = tr.marker.pattern.shape if tr.type == "bar" and tr.marker.pattern else ""
        hatches = dict(zip(getattr(tr, cat), _each(shape or "", len(at)), strict=True))
        series.append(
            Series(
                name=tr.name or "",
                values=[at.get(k) for k in keys],
                colours=[colours.get(k, "#B0B0B0") for k in keys],
                hatches=[hatches.get(k, "") for k in keys],
            )
        )
    stacked = len(series) > 1
    if horizontal:
        kind = XL_CHART_TYPE.BAR_STACKED if stacked else XL_CHART_TYPE.BAR_CLUSTERED
    else:
        kind = XL_CHART_TYPE.COLUMN_STACKED if stacked else XL_CHART_TYPE.COLUMN_CLUSTERED
    return Native(kind, [str(names.get(k, k)) for k in keys], series)


def _font(font, size: float, colour: RGBColor = INK, bold: bool = False) -> None:
    """Size, colour and the theme's fonts, Latin and East Asian (so 中文 renders in either
    program with the same face as the app)."""
    font.size, font.bold = Pt(size), bold
    font.color.rgb = colour
    font.name = LATIN
    rpr = font._rPr
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = rpr.makeelement(qn("a:ea"), {})
        rpr.get_or_add_latin().addnext(ea)
    ea.set("typeface", CJK)


def _title_size(text: str) -> int:
    """30 pt where the title fits one line of the title box, else 24 pt (two lines fit)."""
    return 30 if width(text) <= 60 else 24


def _text(slide, box: Box, lines: list[str], size: float, *, title: bool = False, **style):
    """A text box on the grid: text wraps inside it and never resizes it. A title goes in
    the slide's title placeholder (what outlines, screen readers and the slide sorter
    read), placed by all four sides: the layout's own position is for a 4:3 slide."""
    if title:
        shape = slide.shapes.title
        shape.left, shape.top, shape.width, shape.height = box.left, box.top, box.width, box.height
    else:
        shape = slide.shapes.add_textbox(box.left, box.top, box.width, box.height)
    frame = shape.text_frame
    frame.clear()
    frame.word_wrap, frame.auto_size = True, MSO_AUTO_SIZE.NONE
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for side in ("left", "right", "top", "bottom"):
        setattr(frame, f"margin_{side}", 0)
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = line
        _font(run.font, size, **style)


def _fill(fill, colour: str, hatch: str) -> None:
    rgb = RGBColor.from_string(colour.lstrip("#").upper())
    if hatch in PATTERNS:
        fill.patterned()
        fill.pattern = PATTERNS[hatch]
        fill.fore_color.rgb, fill.back_color.rgb = RGBColor(0xFF, 0xFF, 0xFF), rgb
    else:
        fill.solid()
        fill.fore_color.rgb = rgb


def _chart(slide, chart: Native) -> None:
    data = CategoryChartData(number_format="#,##0")
    data.categories = chart.categories
    for s in chart.series:
        data.add_series(s.name, s.values)
    frame = slide.shapes.add_chart(chart.kind, BODY.left, BODY.top, BODY.width, BODY.height, data)
    plot = frame.chart
    plot.has_title = False  # the slide's title box names the chart
    _font(plot.font, 14)
    plot.has_legend = len(chart.series) > 1
    if plot.has_legend:
        plot.legend.position, plot.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
        _font(plot.legend.font, 14)
    group = plot.plots[0]
    group.gap_width = 60
    if len(chart.series) > 1:
        group.overlap = 100
    for s, drawn in zip(chart.series, group.series, strict=True):
        looks = {(c, h) for c, h, v in zip(s.colours, s.hatches, s.values, strict=True) if v}
        if len(looks) <= 1:  # one look for the series: set once, and the legend shows it
            colour, hatch = next(iter(looks), (s.colours[0], s.hatches[0]))
            _fill(drawn.format.fill, colour, hatch)
        else:
            for i, (colour, hatch) in enumerate(zip(s.colours, s.hatches, strict=True)):
                _fill(drawn.points[i].format.fill, colour, hatch)
    if len(chart.series) == 1:  # values beside the bars, as in the app
        group.has_data_labels = True
        labels = group.data_labels
        labels.number_format, labels.number_format_is_linked = "#,##0", False
        labels.position = XL_LABEL_POSITION.OUTSIDE_END
        _font(labels.font, 14)
    value_axis = plot.value_axis
    value_axis.has_major_gridlines = len(chart.series) > 1
    value_axis.tick_labels.number_format = "#,##0"
    value_axis.tick_labels.number_format_is_linked = False
    if len(chart.series) == 1:
        value_axis.visible = False  # the bars carry their values
    # 14 pt up to 10 categories; below that, so a Chinese label's taller line still fits
    # its row and Impress does not drop every other one
    _font(plot.category_axis.tick_labels.font, 14 if len(chart.categories) <= 10 else 11)
    # every category labelled (PowerPoint and Impress would skip every other one)
    offset = plot.category_axis._element.find(qn("c:lblOffset"))
    offset.addnext(offset.makeelement(qn("c:tickLblSkip"), {"val": "1"}))
    _font(value_axis.tick_labels.font, 14)


def _picture(slide, image: bytes) -> None:
    """A picture fitted inside the body, centred, its proportions kept."""
    across, down = Image.open(io.BytesIO(image)).size  # pixels
    scale = min(BODY.width / across, BODY.height / down)
    w, h = Emu(int(across * scale)), Emu(int(down * scale))
    left = Emu(BODY.left + (BODY.width - w) // 2)
    slide.shapes.add_picture(io.BytesIO(image), left, BODY.top, w, h)


def _kpi_table(slide, header: list[str], rows: list[tuple[str, str, str]]) -> None:
    shape = slide.shapes.add_table(len(rows) + 1, 3, BODY.left, BODY.top, BODY.width, BODY.height)
    table = shape.table
    table.columns[0].width = Emu(int(BODY.width * 0.6))
    table.columns[1].width = table.columns[2].width = Emu(int(BODY.width * 0.2))
    for r, values in enumerate([header, *rows]):
        table.rows[r].height = Emu(BODY.height // (len(rows) + 1))
        for col, value in enumerate(values):
            cell = table.cell(r, col)
            cell.text = value
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            cell.fill.solid()
            cell.fill.fore_color.rgb = INK if r == 0 else RGBColor(0xF4, 0xF4, 0xF4)
            paragraph = cell.text_frame.paragraphs[0]
            white = RGBColor(0xFF, 0xFF, 0xFF)
            _font(paragraph.runs[0].font, 16, colour=white if r == 0 else INK, bold=r == 0)
            if col:
                paragraph.alignment = PP_ALIGN.RIGHT  # numbers line up


@dataclass(frozen=True)
class Slide:
    """One chart slide: its title, and a native chart or a picture."""

    title: str
    chart: Native | None
    picture: bytes | None


def build(
    *,
    lang: str,
    title: str,
    subtitle: str,
    as_of: str,
    made: str,
    headline: tuple[str, list[str], list[tuple[str, str, str]]],
    definitions: list[str],
    slides: list[Slide],
    left_out: list[str],
    changes: tuple[str, list[list[str]]] | None = None,
) -> bytes:
    """The deck: a title slide (date made, filters, the data's as-of, charts left out), the
    headline figures (`headline`: title, table header, rows; the KPI `definitions` in its
    notes), then one slide per chart with the filters and the source in its footer."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    titled = deck.slide_layouts[5]  # "Title Only": a title placeholder and nothing else
    source = footnote(as_of, lang).replace("<br>", " · ")
    footer = [f"{subtitle} · {source}"]

    first = deck.slides.add_slide(titled)
    _text(first, _row(2.2, 1.4), [title], 40, title=True, bold=True)
    lines = [t("deck.made", lang, date=made), subtitle, source, *left_out]
    _text(first, _row(3.8, 2.6), lines, 20, colour=GREY)

    heading, header, rows = headline
    figures = deck.slides.add_slide(titled)
    _text(figures, TITLE, [heading], 32, title=True, bold=True)
    _kpi_table(figures, header, rows)
    _text(figures, FOOTER, footer, 12, colour=GREY)
    figures.notes_slide.notes_text_frame.text = "\n".join(definitions)

    if changes:  # what changed since the last meeting: the first items, all in the notes
        heading, rows = changes
        colon = t("punct.colon", lang)
        lines = [f"{when}{colon}{what}" for when, what, _ in rows]
        shown = lines[:CHANGE_LINES] or [t("changes.none", lang)]
        if len(lines) > CHANGE_LINES:
            shown.append(t("deck.more_changes", lang, n=len(lines) - CHANGE_LINES))
        since = deck.slides.add_slide(titled)
        _text(since, TITLE, [heading], _title_size(heading), title=True, bold=True)
        _text(since, BODY, shown, 14)
        _text(since, FOOTER, footer, 12, colour=GREY)
        since.notes_slide.notes_text_frame.text = "\n".join(
            f"{line} ({source})" if source else line
            for line, (_, _, source) in zip(lines, rows, strict=True)
        )

    for item in slides:
        slide = deck.slides.add_slide(titled)
        _text(slide, TITLE, [item.title], _title_size(item.title), title=True, bold=True)
        _text(slide, SUBTITLE, [subtitle], 16, colour=GREY)
        if item.chart is not None:
            _chart(slide, item.chart)
        elif item.picture is not None:
            _picture(slide, item.picture)
        _text(slide, FOOTER, footer, 12, colour=GREY)
        slide.notes_slide.notes_text_frame.text = "\n".join([item.title, subtitle, source])
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
