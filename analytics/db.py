"""The one owner of the database: validates the CSVs, loads DuckDB, runs named queries."""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from analytics import contract as c

if TYPE_CHECKING:
    from analytics.validate import Frame, Report

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries"
DATA_ENV = "CPST_DATA_DIR"
CACHE_ENV = "CPST_CACHE_DIR"
# What turns the CSVs into the database: a change to any of these recompiles it.
COMPILER = (HERE / "contract.py", HERE / "validate.py", HERE / "db.py", QUERIES / "_schema.sql")

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


def cache_dir() -> Path:
    """Where compiled databases are kept: $CPST_CACHE_DIR, or build/cache/ in the checkout."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / "build" / "cache")


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
    """A validated dataset compiled to a DuckDB file, opened read-only; a cursor per query.

    Validating and loading the CSVs is the slow part (seconds at 100k projects, over a
    minute and ~4 GB at 1M), so it happens once per version of the data: the compiled file
    is named after the CSVs' names, sizes and times and the code that compiles them, and
    every process after the first opens it in milliseconds with little memory.
    """

    con: duckdb.DuckDBPyConnection
    directory: Path

    @classmethod
    def load(cls, directory: Path) -> Database:
        """The compiled database of `directory`, compiling it first if there is none.

        Raises DataError, and writes nothing, when the CSVs do not validate."""
        directory = Path(directory).resolve()
        path = compiled_path(directory)
        if not path.exists():
            compile_dir(directory, path)
        return cls(duckdb.connect(str(path), read_only=True), directory)

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


def compiled_path(directory: Path) -> Path:
    """The compiled file for the data in `directory` as it is now on disk."""
    where = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    what = hashlib.sha256(repr(_signature(directory)).encode() + _compiler_version())
    return cache_dir() / f"{where}-{what.hexdigest()[:16]}.duckdb"


@functools.cache
def _compiler_version() -> bytes:
    return duckdb.__version__.encode() + b"".join(p.read_bytes() for p in COMPILER)


def compile_dir(directory: Path, path: Path) -> None:
    """Validate the CSVs and write them, typed, into a new DuckDB file at `path`.

    The file appears only when complete (written beside it, then renamed), and older
    compiled files of the same directory are removed."""
    from analytics.validate import validate_dir  # pandera takes 1.3 s to import: only here

    report, frames = validate_dir(directory)
    if not report.ok:
        raise DataError(report)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    os.close(fd)
    os.unlink(tmp)  # DuckDB creates the file itself
    try:
        con = duckdb.connect(tmp)
        con.execute("SET enable_progress_bar = false")  # it would print into the app's log
        for name, frame in frames.items():
            _create(con, name, frame)
        con.execute((QUERIES / "_schema.sql").read_text(encoding="utf-8"))
        con.close()
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
    for old in path.parent.glob(path.name.split("-")[0] + "-*.duckdb"):
        if old != path:
            old.unlink(missing_ok=True)  # an open connection keeps reading its own copy


def _create(con: duckdb.DuckDBPyConnection, name: str, frame: Frame) -> None:
    view = f"_raw_{name}"
    con.register(view, frame.df)
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
