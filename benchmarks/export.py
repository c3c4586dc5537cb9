"""Export timings: one chart to PNG with the export process warm, a 10-chart briefing pack,
and the same 10 charts through plain `fig.write_image` (a new export process each call)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from analytics import briefing, catalog, snapshot
from analytics.db import Database
from analytics.filters import Filters, options


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _p(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(
    data: Path, charts: int = 10, reps: int = 20, packs: int = 5, plain: int = 10
) -> list[tuple]:
    """Rows of (measure, runs, p50 s, p95 s) on the curated data in `data`."""
    db = Database.load(data)
    opts = options(db)
    names = list(catalog.CHARTS)[:charts]
    pack = briefing.assemble(db, Filters(), "en", names, opts.as_of, opts.years[1], {})
    snapshot.ENGINE.stop()  # plain write_image must not find our server running
    with tempfile.TemporaryDirectory() as tmp:
        plain_times = [
            _timed(
                lambda f=fig, i=i: f.write_image(
                    Path(tmp) / f"{i}.png", width=960, height=540, scale=2
                )
            )
            for i, fig in enumerate(pack.figures[:plain])
        ]
    snapshot.export(pack.figures[0], "png")  # warm the export process
    one = [_timed(lambda: snapshot.export(pack.figures[0], "png")) for _ in range(reps)]
    whole = [_timed(lambda: briefing.build(pack)) for _ in range(packs)]
    snapshot.ENGINE.stop()
    n = len(names)
    return [
        ("one chart to PNG, export process warm", reps, _p(one, 0.5), _p(one, 0.95)),
        (f"briefing pack of {n} charts (PDF + PPTX + PNGs), warm", packs, _p(whole, 0.5), _p(whole, 0.95)),
        (f"{len(plain_times)} plain fig.write_image calls, total", 1, sum(plain_times), sum(plain_times)),
        ("one plain fig.write_image call", len(plain_times), statistics.median(plain_times), _p(plain_times, 0.95)),
    ]  # fmt: skip
