"""Briefing packs: a PDF, a PowerPoint deck and a ZIP of PNGs from the same charts."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

import plotly.graph_objects as go
from PIL import Image
from pptx import Presentation
from pptx.util import Emu, Inches, Pt
from pypdf import PdfWriter

from analytics import catalog, snapshot
from analytics.charts import Caption
from analytics.db import Database
from analytics.detail import number
from analytics.filters import Filters
from analytics.i18n import t
from analytics.kpis import KpiValue, compute
from analytics.theme import FONT, TEMPLATE


@dataclass(frozen=True)
class Pack:
    """What a pack shows: its KPIs and its titled charts, for one view of the data."""

    lang: str
    subtitle: str  # the active filters
    as_of: str
    year: int
    kpis: list[KpiValue]
    figures: list[go.Figure]

    @property
    def title(self) -> str:
        return t("briefing.title", self.lang)


def assemble(
    db: Database, filters: Filters, lang: str, names: list[str], as_of: str, year: int, labels
) -> Pack:
    """Query the KPIs and draw the chosen charts (`labels` names sectors and institutions)."""
    caption = Caption(filters.describe(lang, labels), t("footnote", lang, as_of=as_of))
    figures = [catalog.figure(n, db, filters, lang, caption, year=year) for n in names]
    return Pack(lang, caption.subtitle, as_of, year, compute(db, filters, year), figures)


def _kpi_rows(pack: Pack) -> list[tuple[str, str, str]]:
    return [(v.kpi.name(pack.lang), number(v.value), v.change()) for v in pack.kpis]


def _kpi_header(pack: Pack) -> list[str]:
    prev = t("briefing.change", pack.lang, prev=pack.year - 1)
    return [t("col.indicator", pack.lang), str(pack.year), prev]


def cover(pack: Pack) -> go.Figure:
    """The PDF's first page: title, date, filters and the headline KPIs."""
    rows = _kpi_rows(pack)
    header = _kpi_header(pack)
    fig = go.Figure(
        go.Table(
            header=dict(values=header, font=dict(size=13, family=FONT), height=26, align="left"),
            cells=dict(
                values=[list(col) for col in zip(*rows, strict=True)],
                font=dict(size=13, family=FONT),
                height=24,
                align=["left", "right", "right"],
            ),
            columnwidth=[3, 1, 1],
            domain=dict(y=[0, 1]),
        )
    )
    fig.update_layout(
        template=TEMPLATE,
        title=dict(
            text=pack.title,
            subtitle=dict(text=f"{pack.subtitle} · {t('footnote', pack.lang, as_of=pack.as_of)}"),
            font=dict(size=28),
        ),
        margin=dict(t=120, b=20),
    )
    return fig


def pdf(pack: Pack, cover_png: bytes, images: list[bytes]) -> bytes:
    """The cover, then one chart per page, from the same PNGs as the deck; each page is
    in the PDF's outline under its title, so a reader can jump to a chart."""
    pages = [Image.open(io.BytesIO(png)).convert("RGB") for png in [cover_png, *images]]
    raw = io.BytesIO()
    pages[0].save(raw, "PDF", save_all=True, append_images=pages[1:], resolution=200)
    writer = PdfWriter(clone_from=io.BytesIO(raw.getvalue()))
    writer.add_metadata({"/Title": pack.title, "/Subject": pack.subtitle})
    titles = [pack.title] + [fig.layout.title.text for fig in pack.figures]
    for page, title in enumerate(titles):
        writer.add_outline_item(title=title, page_number=page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pptx(pack: Pack, images: list[bytes]) -> bytes:
    """A title slide, a KPI slide, then one slide per chart with its source in the notes."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    title_layout, title_only = deck.slide_layouts[0], deck.slide_layouts[5]

    def widen(slide) -> None:
        # The default layouts are drawn for a 10-inch slide; span the 16:9 width instead.
        for shape in slide.placeholders:
            shape.left, shape.width = Inches(0.6), deck.slide_width - Inches(1.2)

    first = deck.slides.add_slide(title_layout)
    widen(first)
    first.shapes.title.text = pack.title
    first.placeholders[1].text = f"{pack.subtitle}\n{t('footnote', pack.lang, as_of=pack.as_of)}"
    first.placeholders[1].text = first.placeholders[1].text.replace("<br>", " · ")

    kpi_slide = deck.slides.add_slide(title_only)
    widen(kpi_slide)
    kpi_slide.shapes.title.text = t("kpi.header", pack.lang) + f" {pack.year}"
    rows = _kpi_rows(pack)
    header = _kpi_header(pack)
    shape = kpi_slide.shapes.add_table(
        len(rows) + 1, 3, Inches(0.8), Inches(1.6), Inches(11.7), Inches(5.4)
    )
    header = [
        t("col.indicator", pack.lang),
        str(pack.year),
        t("briefing.change", pack.lang, prev=pack.year - 1),
    ]
    for row, values in enumerate([header, *rows]):
        for col, value in enumerate(values):
            cell = shape.table.cell(row, col)
            cell.text = value
            cell.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
    kpi_slide.notes_slide.notes_text_frame.text = "\n".join(
        f"{v.kpi.name(pack.lang)}: {v.kpi.definition(pack.lang)}" for v in pack.kpis
    )

    for fig, image in zip(pack.figures, images, strict=True):
        slide = deck.slides.add_slide(title_only)
        widen(slide)
        slide.shapes.title.text = fig.layout.title.text
        top = Inches(1.3)
        height = deck.slide_height - top - Inches(0.2)
        width = Emu(int(height * snapshot.WIDTH / snapshot.HEIGHT))
        left = Emu(int((deck.slide_width - width) / 2))
        slide.shapes.add_picture(io.BytesIO(image), left, top, width, height)
        notes = [pack.subtitle, t("footnote", pack.lang, as_of=pack.as_of).replace("<br>", " · ")]
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


def png_zip(pack: Pack, images: list[bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (fig, image) in enumerate(zip(pack.figures, images, strict=True), start=1):
            name = snapshot.filename(fig.layout.title.text or "chart", pack.as_of, "png")
            archive.writestr(f"{i:02d}-{name}", image)
    return out.getvalue()


def build(pack: Pack) -> dict[str, bytes]:
    """The whole pack: {"pdf": …, "pptx": …, "zip": …}; every image is drawn once, in one
    batch."""
    cover_png, *images = snapshot.export_many([cover(pack), *pack.figures])
    return {
        "pdf": pdf(pack, cover_png, images),
        "pptx": pptx(pack, images),
        "zip": png_zip(pack, images),
    }


def file_names(pack: Pack) -> dict[str, str]:
    stem = snapshot.filename(pack.title, pack.as_of, "x").removesuffix(".x")
    return {"pdf": f"{stem}.pdf", "pptx": f"{stem}.pptx", "zip": f"{stem}-charts.zip"}
