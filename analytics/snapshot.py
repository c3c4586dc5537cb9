"""Static chart images from one persistent kaleido process on the system Chromium."""

from __future__ import annotations

import asyncio
import atexit
import html
import io
import os
import re
import shutil
import threading

import pandas as pd
import plotly.graph_objects as go
from pypdf import PdfReader, PdfWriter

# Charts are laid out at 960×540 (16:9) and drawn at scale 2, so a PNG is a 1920×1080 slide
# whose text is as large, relative to the slide, as on a projected page of the app.
WIDTH, HEIGHT, SCALE = 960, 540, 2
# A chart drawn taller than this has a row per institution or project (the network, a long
# schedule): squeezed onto a slide its rows would overlap, so it keeps its own height.
TALL = 700


def height_for(fig: go.Figure) -> int:
    """The height a single chart is saved at: the slide's, or a tall chart's own."""
    own = int(fig.layout.height or 0)
    return own if own > TALL else HEIGHT


FORMATS = ("png", "svg", "pdf", "html")
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "zip": "application/zip",
}
INSTALL_HINT = "apt-get install -y chromium"


class ExportUnavailable(RuntimeError):
    """No Chrome/Chromium to draw static images with; the message says how to install one."""


def find_browser() -> str | None:
    """The Chrome/Chromium kaleido will use: $BROWSER_PATH, else one on the PATH."""
    explicit = os.environ.get("BROWSER_PATH")
    if explicit:
        return explicit if os.path.exists(explicit) else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


# kaleido reloads a tab's page after every image, which is more than half of the time an
# image takes (≈230 ms of ≈400 ms here). Each image is drawn in a fresh, purged element, so
# the page is reloaded only after this many images: memory stays bounded, images stay alike.
RELOAD_EVERY = 50


def _browser_class():
    import kaleido  # imported on first export: the app starts faster without it

    class Browser(kaleido.Kaleido):
        """kaleido's browser, reloading a tab after every RELOAD_EVERY images, not each one."""

        def __init__(self, **kwargs) -> None:
            super().__init__(**kwargs)
            self._drawn: dict[int, int] = {}  # images drawn, by tab

        async def _return_kaleido_tab(self, tab) -> None:
            drawn = self._drawn[id(tab)] = self._drawn.get(id(tab), 0) + 1
            if drawn % RELOAD_EVERY == 0:
                await tab.reload()
            await self.tabs_ready.put(tab)

    return Browser


class _Engine:
    """One Chromium with two kaleido tabs per process, started on first use.

    The browser runs on its own event loop in a background thread. kaleido is not
    thread-safe (two threads at once got each other's images) and Streamlit serves each
    session on its own thread, so every call holds the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._browser = None

    def _run(self, coroutine):
        assert self._loop is not None
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop).result()

    def _start(self) -> None:
        if self._browser is not None:
            return
        browser = find_browser()
        if browser is None:
            raise ExportUnavailable(
                f"Image export needs Chrome or Chromium, and none was found. "
                f"Install it with: {INSTALL_HINT}"
            )
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, daemon=True, name="kaleido").start()

        async def open_browser():
            # MathJax off: kaleido would fetch it from a CDN otherwise. Two tabs: a batch
            # of charts is drawn two at a time on a 2-core machine.
            chromium = _browser_class()(n=2, mathjax=False, path=browser)
            await chromium.open()
            return chromium

        self._browser = self._run(open_browser())
        atexit.register(self.stop)

    def render_many(
        self, figs: list[go.Figure], fmt: str, width: int, height: int, scale: float
    ) -> list[bytes]:
        """The figures as images, drawn in parallel tabs."""
        opts = dict(format=fmt, width=width, height=height, scale=scale)
        with self._lock:
            self._start()

            async def draw():
                return await asyncio.gather(*(self._browser.calc_fig(f, opts=opts) for f in figs))

            return self._run(draw())

    def stop(self) -> None:
        """Close the browser and its loop (a command-line run ends with this, not mid-write)."""
        with self._lock:
            if self._browser is None:
                return
            self._run(self._browser.close())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._browser = self._loop = None


ENGINE = _Engine()


def export(
    fig: go.Figure, fmt: str, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> bytes:
    """The figure as PNG (width×height×scale pixels), SVG or PDF, or self-contained HTML."""
    if fmt == "html":
        # plotly.js embedded, so the file opens offline from an e-mail; titled, so a tab or
        # a bookmark says which chart it is.
        page = fig.to_html(include_plotlyjs=True, full_html=True)
        title = html.escape(fig.layout.title.text or "Chart")
        return page.replace("<head>", f"<head><title>{title}</title>", 1).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    image = ENGINE.render_many([fig], fmt, width, height, scale)[0]
    return _whole_words(image) if fmt == "pdf" else image


def export_many(figs: list[go.Figure], fmt: str = "png") -> list[bytes]:
    """Several figures as PNG (or SVG/PDF) at the slide size, in one batch."""
    images = ENGINE.render_many(figs, fmt, WIDTH, HEIGHT, SCALE)
    return [_whole_words(x) for x in images] if fmt == "pdf" else images


# Chromium draws "fi", "fl" … as one glyph and maps it, for copying and searching, to the
# ligature character ("ﬁ"): "brieﬁng" is then not found by a search for "briefing". The
# fonts' character maps are rewritten to give the letters instead.
LIGATURES = {f"<{ord(k):04X}>".encode(): v for k, v in {
    "ﬀ": b"<00660066>", "ﬁ": b"<00660069>", "ﬂ": b"<0066006C>",
    "ﬃ": b"<006600660069>", "ﬄ": b"<00660066006C>",
}.items()}  # fmt: skip


def _whole_words(pdf: bytes) -> bytes:
    """The PDF with its ligatures copying as the letters they join."""
    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter(clone_from=reader)
    for page in writer.pages:
        for font in page.get("/Resources", {}).get("/Font", {}).values():
            cmap = font.get_object().get("/ToUnicode")
            if cmap is None:
                continue
            stream = cmap.get_object()
            data = stream.get_data()
            for ligature, letters in LIGATURES.items():
                data = data.replace(ligature, letters)
            stream.set_data(data)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# The coordinates a trace plots, in this order, under the names of their axes where the
# figure has them.
PLOTTED = ("x", "y", "lat", "lon")


def plotted(fig: go.Figure) -> pd.DataFrame:
    """Exactly what the figure plots: one row per point, its series (the trace's name; left
    out when no trace has one) and its coordinates, under the axes' titles (x and y where an
    axis has none); or, for a trace whose points stand for values drawn otherwise (a
    province's shade), the columns its meta names `plotted`."""
    axes = {
        "x": fig.layout.xaxis.title.text or "x",
        "y": fig.layout.yaxis.title.text or "y",
        "lat": "latitude",
        "lon": "longitude",
    }
    frames = []
    for trace in fig.data:
        if trace.hoverinfo == "skip":  # a base layer (the map's land), not data
            continue
        columns = (trace.meta or {}).get("plotted") or {
            axes[k]: list(trace[k])
            for k in PLOTTED
            if k in trace and trace[k] is not None and len(trace[k])
        }
        if not columns:
            continue
        n = max(len(v) for v in columns.values())
        frame = pd.DataFrame({name: v + [None] * (n - len(v)) for name, v in columns.items()})
        frame.insert(0, "series", trace.name or "")
        frames.append(frame)
    if not frames:
        return pd.DataFrame({"series": []})
    data = pd.concat(frames, ignore_index=True)
    return data.drop(columns="series") if (data["series"] == "").all() else data


def _slug(text: str) -> str:
    return re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")[:60].strip("-")


def filename(title: str, as_of: str, ext: str, view: str = "") -> str:
    """A file name from the chart's title, the view it shows (its subtitle: the filters)
    and the data's date, so two views of one chart never overwrite each other:
    projects-by-sector-green-energy-2010-2022-2026-11-27.png."""
    parts = [_slug(title) or "chart", _slug(view), as_of]
    return "-".join(p for p in parts if p) + f".{ext}"
