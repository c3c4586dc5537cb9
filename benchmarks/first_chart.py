"""A link opened in a meeting: from a fresh browser's request to the first chart drawn, for
the dashboard's Overview and, side by side on the same machine, for a bare Streamlit page
with four Plotly charts (the floor any Streamlit app with charts stands on).

`python -m benchmarks.first_chart [--runs N]` prints one JSON object; `python -m benchmarks`
reports it. Each run is a new browser context (no cache, no cookies) on a server that has
already served one page, as a server in use has.

The time is taken in the page: from the start of its navigation to the moment the first bar
of a chart is in the document (a MutationObserver stamps it). Waiting for that bar from
Playwright instead polls, up to every 500 ms, and each poll waits for the page's main
thread, which the dashboard keeps busy right after its first chart (drawing its sidebar's
controls): in one run the polled times put the Overview at 1.18x the bare page and the
stamped ones at 1.13x, the poll seeing the Overview's bar 0.4 s late and the bare page's
0.2 s late.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.browser import ROOT, _free_port, launch, serve

DRAWN = ".js-plotly-plot .barlayer .point path"  # a bar drawn: both pages start with bars
STAMP = f"""
new MutationObserver((_, observer) => {{
  if (document.querySelector('{DRAWN}')) {{
    window.__firstChart = performance.now();
    observer.disconnect();
  }}
}}).observe(document, {{subtree: true, childList: true}});
"""
SETTLE = 2.0  # seconds between two measured loads
BARE = """
import plotly.graph_objects as go
import streamlit as st

st.title("Four charts")
for i in range(4):
    bars = go.Bar(x=[f"Sector {k}" for k in range(12)], y=[(k * 7 + i) % 23 for k in range(12)])
    st.plotly_chart(go.Figure(bars, layout=dict(title=f"Chart {i + 1}", height=560)))
"""


def first_chart(browser, url: str, cookies: list | None = None, **options) -> float:
    """Seconds from asking for `url` in a fresh context (with `cookies`, and `options` for
    the context) to its first chart drawn, as the page itself stamps it."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, **options)
    context.add_cookies(cookies or [])
    context.add_init_script(STAMP)
    page = context.new_page()
    page.goto(url)
    page.locator(DRAWN).first.wait_for(timeout=60_000, state="attached")  # a bar may be 0 high
    took = page.evaluate("window.__firstChart") / 1000
    context.close()
    return took


def bare_server(script: Path, log: Path):
    """A plain `streamlit run` of `script` on a free port; returns (process, url)."""
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)]
    cmd += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def measure(runs: int, data: Path) -> dict[str, object]:
    times: dict[str, list[float]] = {"dashboard": [], "bare": []}
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "bare.py"
        script.write_text(BARE, encoding="utf-8")
        proc, bare_url = bare_server(script, Path(tmp) / "bare.log")
        try:
            with serve(data, Path(tmp) / "app.log") as app_url, launch() as browser:
                for url in (app_url, bare_url):  # warm: each server has served a page
                    for _ in range(60):
                        try:
                            first_chart(browser, url)
                            break
                        except Exception:  # the bare server may still be starting
                            time.sleep(0.5)
                for _ in range(runs):  # alternated, so both see the same machine
                    for name, url in (("dashboard", app_url), ("bare", bare_url)):
                        times[name].append(first_chart(browser, url))
                        # the closed session's last run (the dashboard draws its sidebar
                        # controls after the first chart) ends before the next page starts
                        time.sleep(SETTLE)
        finally:
            proc.terminate()
            proc.wait(timeout=20)
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "runs": runs,
        "times": times,
        "medians": medians,
        "ratio": medians["dashboard"] / medians["bare"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.first_chart")
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.runs, args.data)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
