"""The Overview's numbers after a filter change: DuckDB (the app's path) against the same
computations written the way a typical Streamlit dashboard does them in pandas."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from analytics.db import Database
from analytics.filters import Filters
from analytics.kpis import compute
from benchmarks import synthetic

FILTERS = Filters(
    sectors=("green_energy", "digital_economy", "space"),
    year_from=2005,
    statuses=("operational", "under_implementation"),
)


def duckdb_overview(db: Database, f: Filters) -> None:
    compute(db, f, 2025)
    for name in ("projects_by_sector", "status_breakdown", "agreements_per_year"):
        db.query(name, filters=f.params())
    db.query("top_partners", filters=f.params(), limit=15)


def load_pandas(directory: Path) -> dict[str, pd.DataFrame]:
    tables = ("projects", "project_partners", "institutions", "milestones")
    frames = {
        t: pd.read_csv(directory / f"{t}.csv", dtype=str, keep_default_na=False) for t in tables
    }
    p = frames["projects"]
    for col in ("agreement_date", "start_date", "completion_date"):
        p[col.replace("_date", "_year")] = pd.to_numeric(p[col].str[:4], errors="coerce")
    p["project_year"] = p["agreement_year"].fillna(p["start_year"]).fillna(p["completion_year"])
    p["amount"] = pd.to_numeric(p["amount_usd_m"], errors="coerce")
    p["mw"] = pd.to_numeric(p["capacity_mw"], errors="coerce")
    return frames


def pandas_overview(frames: dict[str, pd.DataFrame], f: Filters, year: int = 2025) -> None:
    p = frames["projects"]
    mask = p["visibility"].eq("public") & p["source_dataset"].eq("curated")
    if f.sectors:
        mask &= p["sector"].isin(f.sectors)
    if f.statuses:
        mask &= p["status"].isin(f.statuses)
    if f.year_from is not None:
        mask &= p["project_year"] >= f.year_from
    v = p[mask]
    partners = frames["project_partners"]
    for y in (year, year - 1):  # each KPI for the year and the one before
        known = v[v["project_year"].isna() | (v["project_year"] <= y)]
        len(known)
        (known["status"] == "under_implementation").sum()
        (
            known["status"].eq("operational")
            & (known["completion_year"].isna() | (known["completion_year"] <= y))
        ).sum()
        (v["agreement_year"] == y).sum()
        known["amount"].sum(), known["amount"].isna().sum()
        green = v[
            (v["sector"] == "green_energy")
            & (v["subsector"] != "transmission")
            & (v["status"] == "operational")
            & (v["completion_year"] <= y)
        ]
        green["mw"].sum()
        (known["mode"] == "joint_lab").sum()
        m = frames["milestones"]
        launched = m[(m["event"] == "launched") & (pd.to_numeric(m["date"].str[:4]) <= y)]
        v[(v["sector"] == "space") & v["id"].isin(launched["project_id"])]
        partners[partners["project_id"].isin(known["id"])]["institution_id"].nunique()
    v.groupby("sector").size()
    v.groupby("status").size()
    v.dropna(subset=["agreement_year"]).groupby(["agreement_year", "sector"]).size()
    joined = partners[partners["project_id"].isin(v["id"])].merge(
        frames["institutions"], left_on="institution_id", right_on="id"
    )
    joined.groupby(["institution_id", "name_en"])["project_id"].nunique().nlargest(15)


def _median(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(sizes: tuple[int, ...] = (10_000, 100_000), reps: int = 7) -> list[tuple]:
    """Rows of (projects, load s, DuckDB p50 s, pandas p50 s, pandas/DuckDB)."""
    rows = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            directory = synthetic.generate(Path(tmp), size)
            start = time.perf_counter()
            db = Database.load(directory)
            load = time.perf_counter() - start
            frames = load_pandas(directory)
            duck = _median(lambda db=db: duckdb_overview(db, FILTERS), reps)
            pand = _median(lambda frames=frames: pandas_overview(frames, FILTERS), reps)
            rows.append((size, load, duck, pand, pand / duck))
    return rows
