"""Static chart images from one persistent kaleido process on the system Chromium."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import threading
from pathlib import Path

import plotly.graph_objects as go

# Charts are laid out at 960×540 (16:9) and drawn at scale 2, so a PNG is a 1920×1080 slide
# whose text is as large, relative to the slide, as on a projected page of the app.
WIDTH, HEIGHT, SCALE = 960, 540, 2
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


class _Engine:
    """One kaleido server per process, started on first use.

    kaleido's server is not thread-safe (two threads at once got each other's images) and
    Streamlit serves each session on its own thread, so every call holds the lock.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._started = False

    def _start(self) -> None:
        import kaleido  # imported on first export: the app starts faster without it

        if self._started:
            return
        browser = find_browser()
        if browser is None:
            raise ExportUnavailable(
                f"Image export needs Chrome or Chromium, and none was found. "
                f"Install it with: {INSTALL_HINT}"
            )
        os.environ.setdefault("BROWSER_PATH", browser)
        # MathJax off: kaleido would fetch it from a CDN otherwise. Two tabs: a batch of
        # charts is drawn two at a time on a 2-core machine.
        kaleido.start_sync_server(n=2, mathjax=False, silence_warnings=True)
        self._started = True

    def render(self, fig: go.Figure, fmt: str, width: int, height: int, scale: float) -> bytes:
        import kaleido

        with self._lock:
            self._start()
            opts = dict(format=fmt, width=width, height=height, scale=scale)
            return kaleido.calc_fig_sync(fig, opts=opts)

    def render_many(
        self, figs: list[go.Figure], fmt: str, width: int, height: int, scale: float
    ) -> list[bytes]:
        """Several figures in one batch, drawn in parallel tabs (much faster than one by one)."""
        import kaleido

        opts = dict(format=fmt, width=width, height=height, scale=scale)
        with self._lock, tempfile.TemporaryDirectory() as tmp:
            self._start()
            paths = [Path(tmp) / f"{i}.{fmt}" for i in range(len(figs))]
            kaleido.write_fig_from_object_sync(
                [dict(fig=fig, path=path, opts=opts) for fig, path in zip(figs, paths, strict=True)]
            )
            return [path.read_bytes() for path in paths]

    def stop(self) -> None:
        """Stop the export process (a command-line run ends with this, not mid-write)."""
        import kaleido

        with self._lock:
            if self._started:
                kaleido.stop_sync_server(silence_warnings=True)
                self._started = False


ENGINE = _Engine()


def export(
    fig: go.Figure, fmt: str, width: int = WIDTH, height: int = HEIGHT, scale: float = SCALE
) -> bytes:
    """The figure as PNG (width×height×scale pixels), SVG or PDF, or self-contained HTML."""
    if fmt == "html":
        # plotly.js embedded, so the file opens offline from an e-mail.
        return fig.to_html(include_plotlyjs=True, full_html=True).encode("utf-8")
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}")
    return ENGINE.render(fig, fmt, width, height, scale)


def export_many(figs: list[go.Figure], fmt: str = "png") -> list[bytes]:
    """Several figures as PNG (or SVG/PDF) at the slide size, in one batch."""
    return ENGINE.render_many(figs, fmt, WIDTH, HEIGHT, SCALE)


def filename(title: str, as_of: str, ext: str) -> str:
    """A file name from the chart's title and the data's date: projects-by-sector-2026-11-27.png."""
    slug = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-") or "chart"
    return f"{slug[:60]}-{as_of}.{ext}"
