"""The one owner of the database: opens the compiled data, runs named queries."""

from __future__ import annotations

import functools
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import duckdb
import pandas as pd

from analytics import store
from analytics.compile import DataError, ensure, signature

__all__ = ["Database", "DataError", "data_dir", "get_db", "together"]

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).resolve().parent / "queries"
DATA_ENV = "CPST_DATA_DIR"
T = TypeVar("T")
PARAM = re.compile(r"\$([a-z_]+)")
# DuckDB's share of the app's memory (its default is 80% of the machine): beyond it, large
# joins spill to the cache folder. At 1M projects the app's peak RSS fell from 1,208 MB to
# 860 MB with reruns as fast (benchmarks/RESULTS.md).
MEMORY_LIMIT = "400MB"
FIXED_ANSWERS = 64  # answers kept per database, most recently used first


def data_dir() -> Path:
    """The data directory: $CPST_DATA_DIR, or the curated data shipped in data/."""
    return Path(os.environ.get(DATA_ENV) or ROOT / "data").resolve()


@dataclass(eq=False)  # equal only to itself, so it can key a cache
class Database:
    """A validated dataset compiled to a DuckDB file (analytics.compile), attached read-only
    in milliseconds with little memory, under the views and macros of queries/_schema.sql
    (kept in memory, so changing them needs no new compile); a cursor per query.

    Without `restricted` (the right to see restricted records) every table is read through
    the views of queries/_public.sql, which leave those records out, and whatever only they
    lead to: no query, page or export of this database can show them."""

    con: duckdb.DuckDBPyConnection
    directory: Path
    restricted: bool = False
    path: Path | None = None  # the compiled file attached, and its identity then
    identity: tuple | None = None
    # Answers of queries that do not take the filters: fixed for this read-only data.
    _fixed: OrderedDict = field(default_factory=OrderedDict, repr=False)
    _fixed_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, directory: Path, *, restricted: bool = False) -> Database:
        """The compiled database of `directory`, compiling it first if there is none and
        rebuilding it if it is damaged.

        Raises DataError, and writes nothing, when the CSVs do not validate."""
        directory = Path(directory).resolve()
        path, _ = ensure(directory)
        try:
            con = _attach(path, restricted)
        except duckdb.Error:  # the checksum matched, yet it does not open: build it anew
            path, _ = ensure(directory, rebuild=True)
            con = _attach(path, restricted)
        return cls(con, directory, restricted, path, _identity(path))

    def intact(self) -> bool:
        """The compiled file attached is still there, unchanged (not overwritten, not
        removed): one stat, so every page run can ask."""
        return self.path is None or _identity(self.path) == self.identity

    def query(self, name: str, **params: object) -> pd.DataFrame:
        """Run analytics/queries/<name>.sql with bound parameters (only those it uses)."""
        sql, names = read_query(name)
        used = {p: params[p] for p in names if p in params}
        missing = names - used.keys()
        if missing:
            raise TypeError(f"query {name} needs parameters {sorted(missing)}")
        if "filters" in names:
            return self._run(sql, used)
        key = (name, repr(sorted(used.items())))
        with self._fixed_lock:
            if key in self._fixed:
                self._fixed.move_to_end(key)
                return self._fixed[key].copy()  # callers may change their copy
        answer = self._run(sql, used)
        with self._fixed_lock:
            self._fixed[key] = answer
            while len(self._fixed) > FIXED_ANSWERS:
                self._fixed.popitem(last=False)
        return answer.copy()

    def _run(self, sql: str, params: dict[str, object]) -> pd.DataFrame:
        cursor = self.con.cursor()
        try:
            return cursor.execute(sql, params).df()
        finally:
            cursor.close()


def compiled_tables(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The tables of the attached compiled data: the contract's and those derived from them."""
    rows = con.execute(
        "SELECT table_name FROM duckdb_tables() WHERE database_name = 'data' ORDER BY 1"
    ).fetchall()
    return [name for (name,) in rows]


def _identity(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def _attach(path: Path, restricted: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(":memory:")
    try:
        # Settings and ATTACH take no parameters; the paths are our own cache's.
        spill = str(path.parent / "spill").replace("'", "''")
        con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'; SET temp_directory = '{spill}'")
        quoted = str(path).replace("'", "''")
        con.execute(f"ATTACH '{quoted}' AS data (READ_ONLY)")
        if restricted:
            for table in compiled_tables(con):
                con.execute(f"CREATE VIEW {table} AS SELECT * FROM data.{table}")
        else:
            con.execute((QUERIES / "_public.sql").read_text(encoding="utf-8"))
        con.execute((QUERIES / "_schema.sql").read_text(encoding="utf-8"))
    except BaseException:
        con.close()
        raise
    return con


@functools.cache
def read_query(name: str) -> tuple[str, frozenset[str]]:
    """A named query's SQL and the $parameters it uses, read and parsed once per process."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"not a query name: {name!r}")
    sql = (QUERIES / f"{name}.sql").read_text(encoding="utf-8")
    return sql, frozenset(PARAM.findall(sql))


def together(**calls: Callable[[], T]) -> dict[str, T]:
    """Run independent queries (zero-argument callables) at once, one per core.

    DuckDB plans each query on one thread, mostly outside the GIL, so a page's queries two
    at a time use both cores: the Sectors page's on the curated data 107 -> 63 ms, at 1M
    projects 386 -> 316 ms. It takes the GIL back while a query runs, so Python work beside
    a query slows it (10.4 -> 18.4 ms beside a busy thread). The callables must not call
    Streamlit (no page context here)."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        futures = {name: pool.submit(call) for name, call in calls.items()}
        return {name: future.result() for name, future in futures.items()}


_lock = threading.Lock()
# The open database of each (directory, right), with the version of the CSVs it was loaded
# from. Sessions still holding an older one keep it until their next run.
_open: dict[tuple[Path, bool], tuple[tuple, Database]] = {}


def get_db(directory: Path | None = None, *, restricted: bool = False) -> Database:
    """The process-wide database for the data directory as seen with or without the right
    to restricted records, opened anew when a CSV changes or its compiled file was
    overwritten or removed (then rebuilt, see Database.load)."""
    directory = directory or data_dir()
    with _lock:  # two sessions starting at once must not load twice
        with store.reading(directory):
            version = signature(directory)
        known = _open.get((directory, restricted))
        if known is None or known[0] != version or not known[1].intact():
            known = _open[(directory, restricted)] = (
                version,
                Database.load(directory, restricted=restricted),
            )
        return known[1]
