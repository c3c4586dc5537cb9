"""Run the benchmarks and write benchmarks/RESULTS.md: `python -m benchmarks [--quick]`."""

from __future__ import annotations

import argparse
import os
import platform
from datetime import date
from importlib.metadata import version
from pathlib import Path

from benchmarks import export, overview

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"


def table(rows: list[tuple]) -> str:
    lines = ["| measure | runs | p50 | p95 |", "|---|---|---|---|"]
    lines += [
        f"| {m} | {n} | {p50 * 1000:,.0f} ms | {p95 * 1000:,.0f} ms |" for m, n, p50, p95 in rows
    ]
    return "\n".join(lines)


def scale_table(rows: list[tuple]) -> str:
    lines = [
        "| projects | load | DuckDB p50 | pandas p50 | pandas / DuckDB |",
        "|---|---|---|---|---|",
    ]
    lines += [
        f"| {n:,} | {load:,.1f} s | {d * 1000:,.0f} ms | {p * 1000:,.0f} ms | {r:.2f}× |"
        for n, load, d, p, r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny run (for the test suite)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--sizes",
        default="10000,100000",
        help="synthetic dataset sizes (projects), comma-separated",
    )
    args = parser.parse_args(argv)
    sizes = dict(charts=2, reps=2, packs=1, plain=1) if args.quick else {}
    rows = export.run(DATA, **sizes)
    scale = [int(n) for n in args.sizes.split(",")] if not args.quick else [300]
    overview_rows = overview.run(tuple(scale), reps=1 if args.quick else 7)
    packages = ", ".join(f"{p} {version(p)}" for p in ("kaleido", "plotly", "streamlit", "duckdb"))
    report = f"""# Benchmark results

Produced by `python -m benchmarks` on {date.today()}: {platform.machine()}, {os.cpu_count()} cores,
Python {platform.python_version()}; {packages}; Chromium at `{export.snapshot.find_browser()}`.
Data: the curated dataset in `data/`.

## Exports

{table(rows)}

## Overview after a filter change, synthetic data (`benchmarks/synthetic.py`, seed 7)

The app's path (DuckDB: 9 KPIs for the year and the one before, 4 chart queries) against the
same numbers computed the way a typical Streamlit dashboard does (pandas masks and
group-bys over frames loaded from the CSVs), medians of repeated runs. "Load" is validating
the CSVs with the contract and loading DuckDB, once per process.

{scale_table(overview_rows)}
"""
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
