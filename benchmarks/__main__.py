"""Run the benchmarks and write benchmarks/RESULTS.md:
`python -m benchmarks [--sizes 10000,100000,1000000] [--reps 15] [--quick]`.

Each measurement that holds a dataset runs in its own process (benchmarks.app for the
pages and queries, benchmarks.baseline for DuckDB against pandas, `python -m analytics
compile` for compiling), so each peak memory is that process's own. Synthetic data and the
compiled files go to a temporary folder, never into data/.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from importlib.metadata import version
from pathlib import Path

from benchmarks import export, first_chart, synthetic

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "data"


def _child(args: list[str], env: dict[str, str]) -> str:
    """Run `python <args>` and return its standard output."""
    done = subprocess.run(
        [sys.executable, *args], capture_output=True, env=env, cwd=ROOT, text=True, check=False
    )
    if done.returncode:
        raise RuntimeError(f"python {' '.join(args)} failed: {done.stderr[-2000:]}")
    return done.stdout


def _json(out: str) -> dict:
    return json.loads(out.strip().splitlines()[-1])


def cold_start(env: dict[str, str], runs: int) -> list[float]:
    """Seconds from starting a Python process to the Overview rendered, `runs` times."""
    times = []
    for _ in range(runs):
        start = time.time()
        out = _child(["-m", "benchmarks.app", str(DATA), "--cold"], env)
        times.append(_json(out)["first_page_at"] - start)
    return times


def dataset(name: str, directory: Path, env: dict[str, str], reps: int, baseline: bool) -> dict:
    compiled = _json(_child(["-m", "benchmarks.app", str(directory), "--compile"], env))
    out = _child(["-m", "benchmarks.app", str(directory), "--reps", str(reps)], env)
    result = {"name": name, **_json(out)}
    result |= {"compile": compiled["compile"], "compile_mb": compiled["peak_rss_mb"]}
    if baseline:
        out = _child(["-m", "benchmarks.baseline", str(directory), "--reps", "7"], env)
        result["baseline"] = _json(out)
    return result


# ---------------------------------------------------------------- the report


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(r) + " |" for r in rows])


def report(
    exports: list[tuple],
    cold: list[float],
    warm_cold: list[float],
    sets: list[dict],
    first: dict,
) -> str:
    packages = ", ".join(f"{p} {version(p)}" for p in ("kaleido", "plotly", "streamlit", "duckdb"))
    names = [s["name"] for s in sets]
    median = sorted(cold)[len(cold) // 2]
    parts = [
        "# Benchmark results",
        f"Produced by `python -m benchmarks` on {date.today()}: {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; {packages}; Chromium at "
        f"`{export.snapshot.find_browser()}`. Medians (p50) and 95th percentiles of repeated "
        "runs in this one run. Synthetic data: `benchmarks/synthetic.py`, seed 7 (about 3 "
        "partners, 2 milestones and 2 sources per project, 1 institution per 4 projects).",
        "## Exports (curated data)",
        table(
            ["measure", "runs", "p50", "p95"],
            [[m, str(n), ms(p50), ms(p95)] for m, n, p50, p95 in exports],
        ),
        "## Cold start (curated data)",
        "From starting a Python process to the Overview rendered (`benchmarks/app.py --cold`, "
        "the script a browser session runs, through AppTest).",
        table(
            ["data", "runs", "p50", "max"],
            [
                ["compiled already", str(len(cold)), ms(median), ms(max(cold))],
                [
                    "compiled on this start",
                    str(len(warm_cold)),
                    ms(warm_cold[0]),
                    ms(max(warm_cold)),
                ],
            ],
        ),  # fmt: skip
        "## First chart in a fresh browser (curated data)",
        "A link opened in a meeting: from a new browser context (no cache) asking for the page "
        "to its first chart drawn, in Chromium at 1920×1080 on servers that have each served "
        "one page (`benchmarks/first_chart.py`). The bare page is `streamlit run` of a script "
        "with four Plotly charts and nothing else, measured alternately with the Overview. "
        "The time is stamped in the page: from the start of its navigation to the first bar "
        "of a chart in the document.",
        table(
            ["page", "runs", "p50", "max"],
            [
                [name, str(first["runs"]), ms(first["medians"][key]), ms(max(first["times"][key]))]
                for name, key in (("Overview", "dashboard"), ("bare page, four charts", "bare"))
            ]
            + [["ratio of medians", "", f"{first['ratio']:.2f}×", ""]],
        ),
        "## Compile and memory",
        "Compiling validates the CSVs and writes the DuckDB file, once per version of the data "
        "(`python -m analytics compile`), each in its own process. The app process then opens "
        "it; its peak RSS (VmHWM) is after every page ran and every query was timed.",
        table(
            ["data", "projects", "compile", "compile peak RSS", "app peak RSS"],
            [
                [
                    s["name"],
                    f"{s['projects']:,}",
                    f"{s['compile']:.1f} s",
                    f"{s['compile_mb']:,.0f} MB",
                    f"{s['peak_rss_mb']:,.0f} MB",
                ]
                for s in sets
            ],
        ),  # fmt: skip
        "## Pages: full run and rerun after a filter change",
        "A full run is a new session opening the page (its first run and the one rerun "
        "dashboard.py makes); a rerun follows a change of the sector filter, to a different "
        "sector each time. Server side only, through AppTest. p50 / p95 in ms.",
    ]
    pages = list(sets[0]["pages"])
    rows = []
    for page in pages:
        row = [page]
        for s in sets:
            v = s["pages"][page]
            row.append(
                f"{v['full']['p50'] * 1000:,.0f} / {v['full']['p95'] * 1000:,.0f} · "
                f"**{v['rerun']['p50'] * 1000:,.0f}** / {v['rerun']['p95'] * 1000:,.0f}"
            )
        rows.append(row)
    parts.append(table(["page (full · **rerun**)", *names], rows))
    parts.append("Largest chart (Plotly JSON) and table (Arrow) each page sent, in KB:")
    rows = [
        [page]
        + [
            f"{s['pages'][page]['chart_bytes'] / 1024:,.0f} · {s['pages'][page]['table_bytes'] / 1024:,.0f}"
            for s in sets
        ]
        for page in pages
    ]  # fmt: skip
    parts.append(table(["page (chart · table)", *names], rows))
    parts += [
        "## Queries",
        "Each named query alone, all filters off, p50 / p95 in ms (the answers the app keeps "
        "for queries that do not take the filters are cleared before each run).",
        table(
            ["query", *names],
            [
                [q]
                + [
                    f"{s['queries'][q]['p50'] * 1000:,.1f} / {s['queries'][q]['p95'] * 1000:,.1f}"
                    for s in sets
                ]
                for q in sets[0]["queries"]
            ],
        ),  # fmt: skip
    ]
    synth = [s for s in sets if "baseline" in s]
    if synth:
        parts += [
            "## DuckDB against a pandas baseline",
            "The Overview's and the green-energy Sectors page's numbers after a filter change: "
            "the app's queries against the same computations in pandas over frames read "
            "from the CSVs, the way a typical Streamlit dashboard does them "
            "(`benchmarks/baseline.py`), medians of 7 runs.",
            table(
                [
                    "data",
                    "pandas load",
                    "Overview DuckDB",
                    "Overview pandas",
                    "ratio",
                    "Sectors DuckDB",
                    "Sectors pandas",
                    "ratio",
                ],
                [
                    [s["name"], f"{s['baseline']['pandas_load']:.1f} s"]
                    + [
                        x
                        for page in ("overview", "sectors")
                        for x in (
                            ms(s["baseline"][page]["duckdb"]),
                            ms(s["baseline"][page]["pandas"]),
                            f"{s['baseline'][page]['ratio']:.1f}×",
                        )
                    ]
                    for s in synth
                ],
            ),  # fmt: skip
        ]
    return "\n\n".join(parts) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny run (for the test suite)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument("--sizes", default="10000,100000,1000000", help="synthetic projects")
    parser.add_argument("--reps", type=int, default=15, help="reruns timed per page")
    args = parser.parse_args(argv)
    sizes = [300] if args.quick else [int(n) for n in args.sizes.split(",")]
    reps = 2 if args.quick else args.reps
    exports = export.run(DATA, **(dict(charts=2, reps=2, packs=1, plain=1) if args.quick else {}))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, PYTHONPATH=str(ROOT), CPST_CACHE_DIR=str(Path(tmp) / "compiled"))
        _child(["-m", "analytics", "compile", str(DATA)], env)
        cold = cold_start(env, 1 if args.quick else 7)
        fresh = dict(env, CPST_CACHE_DIR=str(Path(tmp) / "fresh"))
        first = cold_start(fresh, 1)
        sets = [dataset("curated", DATA, env, reps, baseline=False)]
        for size in sizes:
            directory = synthetic.generate(Path(tmp) / f"synthetic-{size}", size)
            sets.append(dataset(f"{size:,}", directory, env, reps, baseline=True))
            for csv in directory.glob("*.csv"):
                csv.unlink()  # a million projects take half a gigabyte
    browser = first_chart.measure(1 if args.quick else 15, DATA)
    text = report(exports, cold, first, sets, browser)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
