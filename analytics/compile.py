"""Validated CSVs to a DuckDB file: done once per version of the data, opened by every
process after that (analytics.db).

Validating and loading the CSVs is the slow part (seconds at 100k projects, over a minute
and ~4 GB at 1M), so the compiled file is named after the CSVs' names, sizes and times and
the code below that shapes it; any change to either compiles a new one.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from analytics import contract as c
from analytics import store

if TYPE_CHECKING:
    from analytics.validate import Frame, Report

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
CACHE_ENV = "CPST_CACHE_DIR"
# SQL run on the new file after the tables: columns derived once for every query.
DERIVED = HERE / "queries" / "_compile.sql"
# What shapes the compiled file (its tables and derived columns): a change to any compiles
# it again.
COMPILER = (HERE / "contract.py", HERE / "validate.py", Path(__file__).resolve(), DERIVED)
SQL_TYPES = {"number": "DOUBLE", "year": "INTEGER", "date": "DATE"}
# Integer keys beside the text ids: at a million projects, joining and grouping on them is
# 3-4 times faster than on the ids (tables are created in contract order, these first).
KEYS = {"projects": "project_no", "institutions": "institution_no"}
LOG = logging.getLogger(__name__)
# Projects are numbered, and stored, by sector: a sector filter (the one users change most)
# then reads a fifteenth of the row groups, and the joins of the rows naming a project,
# stored in project order too, skip the rest (DuckDB's min/max per row group).
NUMBERED_BY = {"projects": "sector, id", "institutions": "id"}


class DataError(Exception):
    """The curated data does not validate; `report` says which file and line."""

    def __init__(self, report: Report) -> None:
        super().__init__(f"the data has {len(report.errors)} errors")
        self.report = report


def cache_dir() -> Path:
    """Where compiled databases are kept: $CPST_CACHE_DIR, or build/cache/ in the checkout."""
    return Path(os.environ.get(CACHE_ENV) or ROOT / "build" / "cache")


def signature(directory: Path) -> tuple:
    """What identifies the data on disk: each CSV's name, size and modification time."""
    return tuple(
        (p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(directory.glob("*.csv"))
    )


def compiled_path(directory: Path) -> Path:
    """The compiled file for the data in `directory` as it is now on disk."""
    where = hashlib.sha256(str(directory).encode()).hexdigest()[:12]
    what = hashlib.sha256(repr(signature(directory)).encode() + _compiler_version())
    return cache_dir() / f"{where}-{what.hexdigest()[:16]}.duckdb"


@functools.cache
def _compiler_version() -> bytes:
    return duckdb.__version__.encode() + b"".join(p.read_bytes() for p in COMPILER)


def _checksum_path(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def _checksum(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def ensure(directory: Path, *, rebuild: bool = False) -> tuple[Path, str]:
    """The compiled file of the data as it is on disk now, and what was done for it: "up to
    date", "compiled" (there was none) or "rebuilt" (it was damaged: its checksum did not
    match, or with `rebuild`, it failed to open). Reads the CSVs as one version
    (store.reading); raises DataError when they do not validate."""
    directory = Path(directory).resolve()
    with store.reading(directory):
        path = compiled_path(directory)
        done = "compiled"
        if path.exists():
            recorded = _checksum_path(path)
            intact = recorded.exists() and recorded.read_text().strip() == _checksum(path)
            if intact and not rebuild:
                return path, "up to date"
            LOG.warning("compiled data %s is damaged; rebuilding it from the CSVs", path)
            done = "rebuilt"
        compile_dir(directory, path)
    return path, done


def compile_dir(directory: Path, path: Path) -> None:
    """Validate the CSVs and write them, typed, into a new DuckDB file at `path`, with its
    checksum beside it (`path`.sha256).

    The file appears only when complete (written beside it, then renamed), and older
    compiled files of the same directory are removed. Callers read the CSVs as one version
    (ensure() does, under store.reading)."""
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
        con.execute(DERIVED.read_text(encoding="utf-8"))
        con.close()
        # The checksum first: a file without a matching one is rebuilt, never trusted.
        checksum = Path(tmp + ".sha256")
        checksum.write_text(_checksum(Path(tmp)))
        os.replace(checksum, _checksum_path(path))
        os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
        Path(tmp + ".wal").unlink(missing_ok=True)
    for old in path.parent.glob(path.name.split("-")[0] + "-*.duckdb"):
        if old != path:
            old.unlink(missing_ok=True)  # an open connection keeps reading its own copy
            _checksum_path(old).unlink(missing_ok=True)


def _create(con: duckdb.DuckDBPyConnection, name: str, frame: Frame) -> None:
    view = f"_raw_{name}"
    con.register(view, frame.df)
    refs = {col.ref for col in frame.table.columns}
    keys = [k for t, k in KEYS.items() if t == name or f"{t}.id" in refs]
    order = f" ORDER BY {keys[0]}" if keys else ""
    con.execute(f"CREATE TABLE {name} AS SELECT {_select(frame.table)} FROM {view}{order}")
    con.unregister(view)


def _select(table: c.Table) -> str:
    """Typed SELECT over the text frame; a partial date also gets an integer `*_year`, and
    projects and institutions get an integer key (KEYS) that tables naming them carry too."""
    parts = []
    if table.name in KEYS:
        number = f"row_number() OVER (ORDER BY {NUMBERED_BY[table.name]})"
        parts.append(f"CAST({number} AS INTEGER) AS {KEYS[table.name]}")
    for col in table.columns:
        sql_type = SQL_TYPES.get(col.kind)
        parts.append(f'CAST("{col.name}" AS {sql_type}) AS "{col.name}"' if sql_type else col.name)
        if col.kind == "partial_date":
            year = col.name.removesuffix("_date") + "_year"
            parts.append(f'CAST(left("{col.name}", 4) AS INTEGER) AS "{year}"')
        target, _, key = (col.ref or "").partition(".")
        if target in KEYS and key == "id":
            parts.append(
                f'(SELECT k.{KEYS[target]} FROM {target} AS k WHERE k.id = "{col.name}") '
                f"AS {KEYS[target]}"
            )
    return ", ".join(parts)
