"""Run the benchmarks and write benchmarks/RESULTS.md: `python -m benchmarks [--quick]`."""

from __future__ import annotations

import argparse
import os
import platform
from datetime import date
from importlib.metadata import version
from pathlib import Path

from benchmarks import export

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data"


def table(rows: list[tuple]) -> str:
    lines = ["| measure | runs | p50 | p95 |", "|---|---|---|---|"]
    lines += [
        f"| {m} | {n} | {p50 * 1000:,.0f} ms | {p95 * 1000:,.0f} ms |" for m, n, p50, p95 in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks")
    parser.add_argument("--quick", action="store_true", help="tiny run (for the test suite)")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = dict(charts=2, reps=2, packs=1, plain=1) if args.quick else {}
    rows = export.run(DATA, **sizes)
    packages = ", ".join(f"{p} {version(p)}" for p in ("kaleido", "plotly", "streamlit", "duckdb"))
    report = f"""# Benchmark results

Produced by `python -m benchmarks` on {date.today()}: {platform.machine()}, {os.cpu_count()} cores,
Python {platform.python_version()}; {packages}; Chromium at `{export.snapshot.find_browser()}`.
Data: the curated dataset in `data/`.

## Exports

{table(rows)}
"""
    args.out.write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
