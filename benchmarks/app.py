"""The app's server side on one dataset, run in its own process so its memory is its own:
`python -m benchmarks.app DATA_DIR [--reps N]` prints one JSON object.

For each page, through AppTest (the same script runs a browser session gets): a full run as a
new session opens it, and reruns after a filter change (a different sector each time, so no
rerun is answered from an earlier one). Then every named query on its own, the largest chart
and table each page sends, and the process's peak memory. `--cold` instead reports the time
from process start to the first page rendered.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = (
    "overview", "sectors", "projects", "partners", "map", "pipeline", "changes", "meeting",
    "briefing", "methodology",
)  # fmt: skip


@contextlib.contextmanager
def pages_dir_is_not_legacy():
    """Streamlit treats a folder named pages/ beside the entry script as a legacy multipage
    folder. In a browser st.navigation turns that off for good, but AppTest resets the flag
    before every run, so the rerun takes the legacy path and loses dashboard.py's sidebar.
    Tell the PagesManager, as st.navigation does, that the folder is not legacy."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs):
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
    try:
        yield
    finally:
        PagesManager.__init__ = original


def app_test(page: str):
    from streamlit.testing.v1 import AppTest

    import ui

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    at.session_state[ui.PAST_FIRST_RUN] = True  # the page with its sidebar controls
    at.switch_page(f"pages/{page}.py")
    return at


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"runs": len(times), "p50": statistics.median(times), "p95": p95}


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def measure_page(page: str, sectors: list[str], reps: int) -> dict:
    """Full runs (all filters off) and reruns; the largest chart (Plotly JSON) and table
    (Arrow) any of them sent, in bytes."""
    full, rerun, charts, tables = [], [], [0], [0]

    def run(fn) -> float:
        seconds = timed(fn)
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception}")
        charts.extend(len(e.proto.spec) for e in at.get("plotly_chart"))
        tables.extend(len(e.proto.arrow_data.data) for e in at.dataframe)
        return seconds

    for _ in range(max(1, reps // 3)):
        at = app_test(page)
        full.append(run(at.run))
    for i in range(reps):
        choice = [sectors[i % len(sectors)]]
        rerun.append(run(at.sidebar.multiselect[0].set_value(choice).run))
    return {
        "full": summary(full),
        "rerun": summary(rerun),
        "chart_bytes": max(charts),
        "table_bytes": max(tables),
    }


def query_params(db) -> dict[str, dict]:
    """Parameters for each named query: all filters off, the data's latest year, its first
    project and institution."""
    from analytics.catalog import SITES
    from analytics.filters import Filters, options

    opts = options(db)
    first = db.con.execute("SELECT min(id) FROM projects").fetchone()[0]
    institution = db.con.execute("SELECT min(institution_id) FROM project_partners").fetchone()[0]
    return {
        "filters": Filters().params(),
        "year": opts.years[1],
        "today": opts.as_of,
        # what changed in the year before the as-of date (a meeting's day in the app)
        "since": (dt.date.fromisoformat(opts.as_of) - dt.timedelta(days=365)).isoformat(),
        "status": "operational",
        "kpi": "operational",
        "q": "",
        "limit": 15,
        "id": first,
        "ids": [first],
        "institution": institution,
        **SITES,
    }


def measure_queries(db, reps: int) -> dict[str, dict]:
    from analytics.db import QUERIES

    params = query_params(db)
    names = sorted(p.stem for p in QUERIES.glob("*.sql") if not p.stem.startswith("_"))

    def uncached(name: str) -> float:
        db._fixed.clear()  # answers without the filters are kept per database: not here
        return timed(lambda: db.query(name, **params))

    return {name: summary([uncached(name) for _ in range(reps)]) for name in names}


def peak_rss_mb() -> float:
    """This process's peak resident memory, from /proc (Linux). Not ru_maxrss: on Linux a
    child started from a large parent reports the parent's size there."""
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status).group(1)) / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.app")
    parser.add_argument("data", type=Path)
    parser.add_argument("--reps", type=int, default=15)
    parser.add_argument("--cold", action="store_true", help="time to the first page only")
    parser.add_argument("--compile", action="store_true", help="compile the data only")
    args = parser.parse_args(argv)
    if args.compile:
        from analytics.compile import compile_dir, compiled_path

        directory = args.data.resolve()
        seconds = timed(lambda: compile_dir(directory, compiled_path(directory)))
        print(json.dumps({"compile": seconds, "peak_rss_mb": peak_rss_mb()}))
        return 0
    os.environ["CPST_DATA_DIR"] = str(args.data.resolve())
    sys.path.insert(0, str(ROOT))
    with pages_dir_is_not_legacy():
        if args.cold:
            at = app_test("overview")
            at.run()
            print(json.dumps({"first_page_at": time.time(), "ok": not at.exception}))
            return 0
        from analytics.db import get_db
        from analytics.filters import options

        load = timed(get_db)
        db = get_db()
        sectors = list(options(db).sectors["code"])
        result = {
            "load": load,
            "projects": db.con.execute("SELECT count(*) FROM projects").fetchone()[0],
            "pages": {page: measure_page(page, sectors, args.reps) for page in PAGES},
            "queries": measure_queries(db, args.reps),
        }
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
