"""The one owner of the database: validates the CSVs, loads DuckDB, runs named queries."""

from __future__ import annotations

import functools
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from analytics import contract as c
from analytics.validate import Frame, Report, validate_dir

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "queries"
DATA_ENV = "CPST_DATA_DIR"

SQL_TYPES = {"number": "DOUBLE", "year": "INTEGER", "date": "DATE"}
PARAM = re.compile(r"\$([a-z_]+)")


class DataError(Exception):
    """The curated data does not validate; `report` says which file and line."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the data has {len(report.errors)} errors")
        self.report = report


def data_dir() -> Path:
    """The data directory: $CPST_DATA_DIR, or the curated data shipped in data/."""
    return Path(os.environ.get(DATA_ENV) or ROOT / "data").resolve()


def _select(table: c.Table) -> str:
    """Typed SELECT over the text frame; a partial date also gets an integer `*_year`."""
    parts = []
    for col in table.columns:
        sql_type = SQL_TYPES.get(col.kind)
        parts.append(f'CAST("{col.name}" AS {sql_type}) AS "{col.name}"' if sql_type else col.name)
        if col.kind == "partial_date":
            year = col.name.removesuffix("_date") + "_year"
            parts.append(f'CAST(left("{col.name}", 4) AS INTEGER) AS "{year}"')
    return ", ".join(parts)


@dataclass(eq=False)  # equal only to itself, so it can key a cache
class Database:
    """A loaded, validated dataset: one DuckDB connection, a cursor per query."""

    con: duckdb.DuckDBPyConnection
    report: Report
    directory: Path

    @classmethod
    def load(cls, directory: Path) -> Database:
        report, frames = validate_dir(directory)
        if not report.ok:
            raise DataError(report)
        con = duckdb.connect(":memory:")
        for name, frame in frames.items():
            _create(con, name, frame)
        con.execute((QUERIES / "_schema.sql").read_text(encoding="utf-8"))
        return cls(con, report, directory)

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """Run analytics/queries/<name>.sql with bound parameters (only those it uses)."""
        sql, names = read_query(name)
        used = {p: params[p] for p in names if p in params}
        missing = names - used.keys()
        if missing:
            raise TypeError(f"query {name} needs parameters {sorted(missing)}")
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, used).df()
        finally:
            cursor.close()


def _create(con: duckdb.DuckDBPyConnection, name: str, frame: Frame) -> None:
    view = f"_raw_{name}"
    con.register(view, frame.df.astype(object).where(frame.df.notna(), None))
    con.execute(f"CREATE TABLE {name} AS SELECT {_select(frame.table)} FROM {view}")
    con.unregister(view)


@functools.cache
def read_query(name: str) -> tuple[str, frozenset[str]]:
    """A named query's SQL and the $parameters it uses, read and parsed once per process."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    sql = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    return sql, frozenset(PARAM.findall(sql))


def _signature(directory: Path) -> tuple:
    """What identifies the data on disk: each CSV's name, size and modification time."""
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.csv"))
    )


_lock = threading.Lock()


@functools.lru_cache(maxsize=2)
def _load(directory: Path, signature: tuple) -> Database:
    return Database.load(directory)


def get_db(directory: Path | None = None) -> Database:
    """The process-wide database for the data directory, rebuilt when a CSV changes."""
    directory = directory or data_dir()
    with _lock:  # two sessions starting at once must not load twice
        return _load(directory, _signature(directory))
