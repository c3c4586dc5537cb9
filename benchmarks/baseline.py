"""The Overview's and the green-energy Sectors page's numbers after a filter change: the
app's DuckDB queries against the same computations written the way a typical Streamlit
dashboard does them, pandas masks and group-bys over frames loaded from the CSVs.

`python -m benchmarks.baseline DATA_DIR [--reps N]` prints one JSON object; it runs in its
own process because the pandas frames of a million projects take gigabytes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

import pandas as pd

from analytics import catalog
from analytics.db import Database
from analytics.filters import Filters
from analytics.kpis import compute

OVERVIEW = Filters(
    sectors=("green_energy", "digital_economy", "space"),
    year_from=2005,
    statuses=("operational", "under_implementation"),
)
SECTORS = Filters(sectors=("green_energy",), year_from=2005)
YEAR = 2025


# ---------------------------------------------------------------- the app's path


def duckdb_overview(db: Database, f: Filters) -> None:
    compute(db, f, YEAR)
    for name in ("projects_by_sector", "status_breakdown", "agreements_per_year"):
        db.query(name, filters=f.params(), year=YEAR)
    db.query("institution_ranking", filters=f.params(), limit=15)


def duckdb_sectors(db: Database, f: Filters) -> None:
    """What pages/sectors.py asks for green energy."""
    compute(db, f, YEAR)
    for name in ("capacity_by_technology", "capacity_online_per_year", "projects_per_year"):
        db.query(name, filters=f.params())
    db.query("status_breakdown", filters=f.params(), year=YEAR)
    db.query("largest_projects", filters=f.params(), limit=10)
    db.query("project_sites", filters=f.params(), **catalog.SITES)
    db.query("project_list", filters=f.params(), q="", limit=1000)


# ---------------------------------------------------------------- the pandas baseline


def load_pandas(directory: Path) -> dict[str, pd.DataFrame]:
    tables = ("projects", "project_partners", "institutions", "milestones")
    frames = {
        t: pd.read_csv(directory / f"{t}.csv", dtype=str, keep_default_na=False) for t in tables
    }
    p = frames["projects"]
    for col in ("agreement_date", "start_date", "completion_date"):
        p[col.replace("_date", "_year")] = pd.to_numeric(p[col].str[:4], errors="coerce")
    p["project_year"] = p["agreement_year"].fillna(p["start_year"]).fillna(p["completion_year"])
    for col in ("amount_usd_m", "capacity_mw", "latitude", "longitude"):
        p[col] = pd.to_numeric(p[col], errors="coerce")
    p["checked_year"] = pd.to_numeric(p["last_checked"].str[:4])
    # status facts, as queries/_compile.sql lists them
    m = frames["milestones"]
    ranks = {"announced": 1, "agreement_signed": 2, "financial_close": 2,
             "construction_started": 3, "launched": 4, "commissioned": 4, "completed": 4,
             "handed_over": 4, "suspended": 5, "cancelled": 6}  # fmt: skip
    events = m[m["event"].isin(ranks)]
    parts = [events.assign(rank=events["event"].map(ranks))[["project_id", "date", "rank"]]]
    for col, rank in (("agreement_date", 2), ("start_date", 3), ("completion_date", 4)):
        dated = p[p[col] != ""]
        parts.append(pd.DataFrame({"project_id": dated["id"], "date": dated[col], "rank": rank}))
    facts = pd.concat(parts, ignore_index=True)
    frames["facts"] = facts.assign(year=pd.to_numeric(facts["date"].str[:4]))
    return frames


def _filtered(frames: dict[str, pd.DataFrame], f: Filters) -> pd.DataFrame:
    p = frames["projects"]
    mask = p["visibility"].eq("public") & p["source_dataset"].eq("curated")
    if f.sectors:
        mask &= p["sector"].isin(f.sectors)
    if f.statuses:
        mask &= p["status"].isin(f.statuses)
    if f.year_from is not None:
        mask &= p["project_year"] >= f.year_from
    return p[mask]


def status_then(frames: dict[str, pd.DataFrame], v: pd.DataFrame, y: int) -> pd.DataFrame:
    """The projects counted at the end of `y` with their status then (as _schema.sql)."""
    known = v[v["project_year"].isna() | (v["project_year"] <= y)]
    facts = frames["facts"]
    facts = facts[(facts["year"] <= y) & facts["project_id"].isin(known["id"])]
    steps = (
        facts[facts["rank"] <= 4]
        .groupby("project_id")
        .agg(progress=("rank", "max"), progress_date=("date", "max"))
    )
    halts = facts[facts["rank"] > 4].sort_values(["date", "rank"]).groupby("project_id")
    halts = halts.agg(halt=("rank", "last"), halt_date=("date", "last"))
    known = known.join(steps, on="id").join(halts, on="id")
    stages = ["unknown", "proposed", "agreed", "under_implementation", "operational"]
    status = known["progress"].fillna(0).astype(int).map(dict(enumerate(stages)))
    halted = known["halt"].notna() & ~(known["progress_date"] > known["halt_date"])
    status = status.mask(halted, known["halt"].map({5: "suspended", 6: "cancelled"}))
    return known.assign(status_then=status.where(known["checked_year"] > y, known["status"]))


def pandas_kpis(frames: dict[str, pd.DataFrame], v: pd.DataFrame) -> None:
    partners = frames["project_partners"]
    m = frames["milestones"]
    for y in (YEAR, YEAR - 1):  # each KPI for the year and the one before
        known = status_then(frames, v, y)
        len(known)
        (known["status_then"] == "under_implementation").sum()
        (known["status_then"] == "operational").sum()
        (v["agreement_year"] == y).sum()
        known["amount_usd_m"].sum(), known["amount_usd_m"].isna().sum()
        green = known[
            (known["sector"] == "green_energy")
            & (known["subsector"] != "transmission")
            & (known["status_then"] == "operational")
        ]
        green["capacity_mw"].sum()
        (known["mode"] == "joint_lab").sum()
        launched = m[(m["event"] == "launched") & (pd.to_numeric(m["date"].str[:4]) <= y)]
        v[(v["sector"] == "space") & v["id"].isin(launched["project_id"])]
        partners[partners["project_id"].isin(known["id"])]["institution_id"].nunique()


def _partner_ranking(frames: dict[str, pd.DataFrame], v: pd.DataFrame, n: int) -> pd.Series:
    partners = frames["project_partners"]
    joined = partners[partners["project_id"].isin(v["id"])].merge(
        frames["institutions"], left_on="institution_id", right_on="id"
    )
    return joined.groupby(["institution_id", "name_en"])["project_id"].nunique().nlargest(n)


def pandas_overview(frames: dict[str, pd.DataFrame], f: Filters) -> None:
    v = _filtered(frames, f)
    pandas_kpis(frames, v)
    v.groupby("sector").size()
    status_then(frames, v, YEAR).groupby("status_then").size()
    v.dropna(subset=["agreement_year"]).groupby(["agreement_year", "sector"]).size()
    _partner_ranking(frames, v, 15)


def pandas_sectors(frames: dict[str, pd.DataFrame], f: Filters) -> None:
    v = _filtered(frames, f)
    pandas_kpis(frames, v)
    v.groupby(["subsector", "status"])["capacity_mw"].sum()
    done = v[(v["status"] == "operational") & v["completion_year"].notna()]
    done.groupby(["completion_year", "subsector"])["capacity_mw"].sum()
    v.dropna(subset=["project_year"]).groupby(["project_year", "subsector"]).size()
    status_then(frames, v, YEAR).groupby("status_then").size()
    v.nlargest(10, "capacity_mw")
    sites = v.dropna(subset=["latitude", "longitude"])
    if len(sites) > catalog.MAP_POINTS:
        cells = (sites[["latitude", "longitude"]] // catalog.MAP_CELL + 0.5) * catalog.MAP_CELL
        sites.assign(lat=cells["latitude"], lon=cells["longitude"]).groupby(
            ["sector", "lat", "lon"]
        ).agg(projects=("id", "size"), mw=("capacity_mw", "sum"))
    page = v.sort_values(["project_year", "title_en"], ascending=[False, True]).head(1000)
    partners = frames["project_partners"]
    named = partners[partners["project_id"].isin(page["id"])].merge(
        frames["institutions"], left_on="institution_id", right_on="id"
    )
    names = named.groupby("project_id")["name_en"].agg(lambda s: ", ".join(sorted(set(s))))
    page.merge(names, left_on="id", right_index=True, how="left")


# ---------------------------------------------------------------- timing


def _median(fn, reps: int) -> float:
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def run(directory: Path, reps: int) -> dict:
    db = Database.load(directory)
    start = time.perf_counter()
    frames = load_pandas(directory)
    load = time.perf_counter() - start
    rows = {"pandas_load": load}
    for page, filters, duck, pand in (
        ("overview", OVERVIEW, duckdb_overview, pandas_overview),
        ("sectors", SECTORS, duckdb_sectors, pandas_sectors),
    ):
        d = _median(lambda fn=duck, f=filters: fn(db, f), reps)
        p = _median(lambda fn=pand, f=filters: fn(frames, f), reps)
        rows[page] = {"duckdb": d, "pandas": p, "ratio": p / d}
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baseline")
    parser.add_argument("data", type=Path)
    parser.add_argument("--reps", type=int, default=7)
    args = parser.parse_args(argv)
    print(json.dumps(run(args.data, args.reps)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
