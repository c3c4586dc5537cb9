"""Briefing packs: a PDF, a PowerPoint deck (analytics/deck.py) and a ZIP of PNGs from the
same charts."""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go
from pypdf import PdfWriter

from analytics import catalog, changes, deck, report, snapshot
from analytics.charts import Caption
from analytics.db import Database
from analytics.filters import Filters
from analytics.i18n import date_text, footnote, t
from analytics.kpis import KpiValue, compute


@dataclass(frozen=True)
class Pack:
    """What a pack shows: its KPIs and its titled charts, for one view of the data."""

    lang: str
    subtitle: str  # the active filters
    as_of: str
    year: int
    kpis: list[KpiValue]
    figures: list[go.Figure]
    left_out: list[str] = field(default_factory=list)  # why a chosen chart is not in it
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)  # behind the projects in view
    # what changed since the last meeting: the meeting (its name and day) and the rows
    # (when, what, source); none without a meeting on record
    changes: tuple[str, list[list[str]]] | None = None

    @property
    def changes_heading(self) -> str:
        """ "What changed since <the meeting>": the deck's slide, the PDF's contents."""
        return t("changes.section", self.lang, meeting=self.changes[0]) if self.changes else ""

    @property
    def title(self) -> str:
        return t("briefing.title", self.lang)


def assemble(
    db: Database, filters: Filters, lang: str, names: list[str], as_of: str, year: int, labels
) -> Pack:
    """Query the KPIs and draw the chosen charts (`labels` names sectors and institutions)."""
    caption = Caption(filters.describe(lang, labels), footnote(as_of, lang))
    drawn = [catalog.figure(n, db, filters, lang, caption, year=year) for n in names]
    figures = [fig for fig in drawn if not _one_bar(fig)]
    left_out = [
        t("briefing.left_out", lang, title=fig.layout.title.text) for fig in drawn if _one_bar(fig)
    ]
    kpis = compute(db, filters, year)
    ids = db.query("project_list", filters=filters.params(), q="", limit=None)["id"]
    sources = db.query("sources_of_projects", ids=list(ids))
    since = _since_last_meeting(db, filters, lang, as_of)
    return Pack(lang, caption.subtitle, as_of, year, kpis, figures, left_out, sources, since)


def _since_last_meeting(
    db: Database, filters: Filters, lang: str, as_of: str
) -> tuple[str, list[list[str]]] | None:
    """The section "What changed since <the last meeting>": the page's items (one
    definition, analytics.changes) as rows of a table."""
    meeting = changes.last_meeting(db.query("meetings"), as_of)
    if meeting is None:
        return None
    found = db.query("changes_since", filters=filters.params(), since=meeting["date"], today=as_of)
    title = t(
        "changes.meeting",
        lang,
        title=changes.meeting_title(meeting, lang),
        day=date_text(meeting["date"], lang),
    )
    colon = t("punct.colon", lang)
    rows = [
        [item.day, f"{t(f'changes.{kind}', lang)} · {item.title}{colon}{item.what}",
         item.source_title or ""]
        for kind, listed in changes.items(found, lang).items()
        for item in listed
    ]  # fmt: skip
    return title, rows


def _one_bar(fig: go.Figure) -> bool:
    """Whether a chart is a single bar (projects by sector with one sector chosen): it
    says nothing a headline figure does not, so a pack leaves it out and says so."""
    return len(fig.data) == 1 and fig.data[0].type == "bar" and len(fig.data[0].x) == 1


def _kpi_rows(pack: Pack) -> list[tuple[str, str, str]]:
    return [(v.kpi.name(pack.lang), v.shown(pack.lang), v.change(pack.lang)) for v in pack.kpis]


def _headline(pack: Pack) -> str:
    """The headline figures' heading, "Headline figures 2024" (a PDF page, its outline
    entry and a slide)."""
    return f"{t('kpi.header', pack.lang)} {pack.year}"


def _kpi_header(pack: Pack) -> list[str]:
    prev = t("briefing.change", pack.lang, prev=pack.year - 1)
    return [t("col.indicator", pack.lang), str(pack.year), prev]


def pdf_pages(pack: Pack) -> tuple[list[go.Figure], list[tuple[str, int]]]:
    """The PDF, page by page: the cover and its contents, the headline figures, what changed
    since the last meeting, a chart a page, then the sources; each page numbered. Also the
    contents, (title, page number), for the outline."""
    source = footnote(pack.as_of, pack.lang).replace("<br>", " · ")
    lines = [t("deck.made", pack.lang, date=_today()), pack.subtitle, source, *pack.left_out]
    heading = _headline(pack)
    sources = report.sources(pack.lang, pack.sources)
    since = report.changes(pack.lang, *pack.changes) if pack.changes else []
    contents = [(heading, 2)]
    if since:
        contents.append((pack.changes_heading, 3))
    charts_from = 3 + len(since)  # the page of the first chart
    contents += [(fig.layout.title.text, charts_from + i) for i, fig in enumerate(pack.figures)]
    listed = t("report.sources", pack.lang, n=len(pack.sources))
    contents.append((listed, charts_from + len(pack.figures)))
    pages = [
        report.cover(pack.lang, pack.title, lines, contents),
        report.headline(pack.lang, heading, _kpi_header(pack), _kpi_rows(pack)),
        *since,
        *pack.figures,
        *sources,
    ]
    numbered = [report.numbered(page, i, len(pages)) for i, page in enumerate(pages, start=1)]
    return numbered, contents


def pdf(pack: Pack, pages: list[bytes], contents: list[tuple[str, int]]) -> bytes:
    """The pages (one vector PDF each, from `pdf_pages`) as one document, with its title and
    an outline a reader can jump from (the cover, then the `contents` but the sources)."""
    writer = PdfWriter()
    for page in pages:
        writer.append(io.BytesIO(page))
    writer.add_metadata({"/Title": pack.title, "/Subject": pack.subtitle})
    for title, page in [(pack.title, 1), *contents[:-1]]:
        writer.add_outline_item(title=title, page_number=page - 1)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _today() -> str:
    return datetime.date.today().isoformat()


def pptx(pack: Pack, pictures: dict[int, bytes]) -> bytes:
    """The deck: native charts, and `pictures` (by figure index) of those PowerPoint cannot
    draw, drawn without their titles (the slide carries them)."""
    slides = [
        deck.Slide(fig.layout.title.text, deck.native(fig), pictures.get(i))
        for i, fig in enumerate(pack.figures)
    ]
    definitions = [f"{v.kpi.name(pack.lang)}: {v.kpi.definition(pack.lang)}" for v in pack.kpis]
    return deck.build(
        lang=pack.lang,
        title=pack.title,
        subtitle=pack.subtitle,
        as_of=pack.as_of,
        made=_today(),
        headline=(_headline(pack), _kpi_header(pack), _kpi_rows(pack)),
        definitions=definitions,
        slides=slides,
        left_out=pack.left_out,
        changes=(pack.changes_heading, pack.changes[1]) if pack.changes else None,
    )


def _bare(fig: go.Figure) -> go.Figure:
    """The chart without its title, subtitle and footnote (the last annotation), for a
    slide that states them in its own text boxes."""
    bare = go.Figure(fig)
    bare.update_layout(
        title=dict(text="", subtitle=dict(text="")),
        annotations=list(fig.layout.annotations)[:-1],
        margin=dict(t=40, b=60),
    )
    return bare


def png_zip(pack: Pack, images: list[bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for i, (fig, image) in enumerate(zip(pack.figures, images, strict=True), start=1):
            title = fig.layout.title.text or "chart"
            name = snapshot.filename(title, pack.as_of, "png", pack.subtitle)
            archive.writestr(f"{i:02d}-{name}", image)
    return out.getvalue()


def build(pack: Pack) -> dict[str, bytes]:
    """The whole pack: {"pdf": …, "pptx": …, "zip": …}; every image is drawn once, in one
    batch."""
    pictured = [i for i, fig in enumerate(pack.figures) if deck.native(fig) is None]
    bare = [_bare(pack.figures[i]) for i in pictured]
    images = snapshot.export_many([*pack.figures, *bare])
    images, pictures = images[: len(pack.figures)], images[len(pack.figures) :]
    figures, contents = pdf_pages(pack)
    pages = snapshot.export_many(figures, "pdf")
    return {
        "pdf": pdf(pack, pages, contents),
        "pptx": pptx(pack, dict(zip(pictured, pictures, strict=True))),
        "zip": png_zip(pack, images),
    }


def file_names(pack: Pack) -> dict[str, str]:
    stem = snapshot.filename(pack.title, pack.as_of, "x", pack.subtitle).removesuffix(".x")
    return {"pdf": f"{stem}.pdf", "pptx": f"{stem}.pptx", "zip": f"{stem}-charts.zip"}
