"""Changing the curated data safely: read an uploaded table, validate, diff, apply atomically."""

from __future__ import annotations

import csv
import datetime as dt
import fcntl
import hashlib
import io
import os
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics import contract as c
from analytics.validate import Finding, Frame, Report, read_csv_text, read_dir, validate_frames

MAX_BYTES = 5 * 1024 * 1024  # also server.maxUploadSize (MB) in .streamlit/config.toml
CHANGELOG = "CHANGELOG.csv"
BACKUPS = ".backups"
LOG_COLUMNS = ("when", "table", "added", "changed", "removed", "file", "sha256")


class Refused(ValueError):
    """Bad input or a stale view: the message says why; nothing was changed."""


@dataclass
class Change:
    key: str
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)

    @property
    def fields(self) -> list[str]:
        return [k for k in self.after if self.before.get(k) != self.after.get(k)]


@dataclass
class Diff:
    table: str
    added: list[Change]
    changed: list[Change]
    removed: list[Change]
    base_hash: str  # the current file's hash when the diff was made

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def decode(name: str, data: bytes) -> str:
    """The CSV text of an uploaded file, or Refused with a plain reason."""
    if not data:
        raise Refused(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise Refused(f"{name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    suffix = Path(name).suffix.lower()
    looks_xlsx = data[:2] == b"PK"
    if suffix == ".xlsx" or looks_xlsx:
        if suffix != ".xlsx" or not looks_xlsx:
            raise Refused(f"{name}: the file's content does not match its extension")
        return _xlsx_to_csv(name, data)
    if suffix != ".csv":
        raise Refused(f"{name}: upload a .csv or .xlsx file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Refused(f"{name}: the file is UTF-16; save it as UTF-8 CSV")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(
            f"{name}: the file is not UTF-8 (perhaps GBK or another legacy encoding); "
            "save it as UTF-8 CSV"
        ) from None
    header = text.splitlines()[0] if text.strip() else ""
    if ";" in header and "," not in header:
        raise Refused(f"{name}: the columns are separated by semicolons; use commas")
    return text


def _xlsx_to_csv(name: str, data: bytes) -> str:
    try:
        sheets = pd.read_excel(io.BytesIO(data), sheet_name=None, dtype=str, header=None)
    except (ValueError, zipfile.BadZipFile, KeyError) as exc:
        raise Refused(f"{name}: not a readable Excel file ({exc})") from None
    if len(sheets) != 1:
        raise Refused(
            f"{name}: the workbook has {len(sheets)} sheets ({', '.join(sheets)}); "
            "keep only the table's sheet"
        )
    (frame,) = sheets.values()
    out = io.StringIO()
    frame.fillna("").to_csv(out, index=False, header=False, lineterminator="\n")
    return out.getvalue()


@dataclass(frozen=True)
class Upload:
    """One uploaded file and the table it replaces; `origin` names the file it came from
    when it was made from another (an AidData export), for the change log."""

    table: str
    name: str
    data: bytes
    origin: tuple[str, str] | None = None  # (file name, sha256)


def check(directory: Path, uploads: list[Upload]) -> tuple[Report, dict[str, Frame]]:
    """Validate the uploaded tables together with the other current tables.

    Several tables can be uploaded together: a new project needs its row in projects.csv
    and its source in project_sources.csv before either validates.
    """
    report = Report()
    frames = read_dir(directory, report)
    for upload in uploads:
        table = c.TABLE_BY_NAME.get(upload.table)
        if table is None:
            raise Refused(f"unknown table {upload.table!r}; one of: {', '.join(c.TABLE_BY_NAME)}")
        frame = read_csv_text(decode(upload.name, upload.data), table, report)
        if frame is None:
            continue
        if frame.df.empty:
            report.findings.append(Finding(table.file, 2, "-", "the file has a header but no rows"))
        frames[table.name] = frame
    report = validate_frames(frames, report)
    # Errors anywhere (a removed project breaks its partners' references); warnings only
    # for the uploaded tables.
    uploaded = {c.TABLE_BY_NAME[u.table].file for u in uploads}
    report.findings = [f for f in report.findings if not f.warning or f.file in uploaded]
    return report, frames


def review(directory: Path, uploads: list[Upload]) -> tuple[Report, list[tuple]]:
    """Check the uploads; if they validate, pair each with its diff, ready for apply()."""
    report, frames = check(directory, uploads)
    if not report.ok:
        return report, []
    return report, [(frames[u.table], diff(directory, frames[u.table]), u) for u in uploads]


def _rows(frame: Frame) -> dict[str, dict[str, str]]:
    key = list(frame.table.key)
    rows = {}
    for record in frame.df.fillna("").astype(str).to_dict("records"):
        rows["|".join(record[k] for k in key)] = record
    return rows


def diff(directory: Path, new: Frame) -> Diff:
    """Records added, changed (field by field) and removed against the current file."""
    path = directory / new.table.file
    current_bytes = path.read_bytes()
    report = Report()
    current = read_csv_text(current_bytes.decode("utf-8-sig"), new.table, report)
    old_rows = _rows(current) if current is not None else {}
    new_rows = _rows(new)
    added = [Change(k, after=new_rows[k]) for k in new_rows if k not in old_rows]
    removed = [Change(k, before=old_rows[k]) for k in old_rows if k not in new_rows]
    changed = [
        Change(k, before=old_rows[k], after=new_rows[k])
        for k in new_rows
        if k in old_rows and old_rows[k] != new_rows[k]
    ]
    return Diff(new.table.name, added, changed, removed, sha256(current_bytes))


def _csv_bytes(frame: Frame) -> bytes:
    out = io.StringIO()
    frame.df.to_csv(
        out, index=False, columns=list(frame.table.column_names), lineterminator="\n",
        quoting=csv.QUOTE_MINIMAL,
    )  # fmt: skip
    return out.getvalue().encode("utf-8")


def apply(directory: Path, changes: list[tuple[Frame, Diff, Upload]]) -> list[Path]:
    """Replace the tables' files, keep backups and log each change; returns the backups.

    Refused, changing nothing, if any file changed since its diff was computed (another
    session applied first): the caller shows a fresh diff instead of overwriting that work.
    Every new file is written and synced before the first rename, so a crash leaves either
    the old or the new version of each file, and a backup of every one replaced.
    """
    with (directory / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one apply at a time, across sessions and processes
        for frame, change, _ in changes:
            if sha256((directory / frame.table.file).read_bytes()) != change.base_hash:
                raise Refused(
                    f"{frame.table.file} changed since this diff was made (someone else "
                    "applied a change); review the new diff and apply again"
                )
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
        backups = directory / BACKUPS
        backups.mkdir(exist_ok=True)
        written = []
        for frame, _, _ in changes:
            path = directory / frame.table.file
            backup = backups / f"{frame.table.name}-{stamp}.csv"
            shutil.copy2(path, backup)
            written.append((_write_synced(path, _csv_bytes(frame)), path, backup))
        for tmp, path, _ in written:
            os.replace(tmp, path)
        _sync_dir(directory)
        for _, change, upload in changes:
            name, digest = upload.origin or (upload.name, sha256(upload.data))
            _log(directory, stamp, change, name, digest)
    return [backup for _, _, backup in written]


def _write_synced(path: Path, data: bytes) -> Path:
    """Write beside the target and sync; the caller renames it over the target."""
    tmp = path.with_name(f".{path.name}.tmp")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    return tmp


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _log(directory: Path, stamp: str, change: Diff, name: str, digest: str) -> None:
    log = directory / CHANGELOG
    new_log = not log.exists()
    with log.open("a", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        if new_log:
            writer.writerow(LOG_COLUMNS)
        writer.writerow(
            [stamp, change.table, len(change.added), len(change.changed), len(change.removed),
             name, digest]
        )  # fmt: skip
        fh.flush()
        os.fsync(fh.fileno())
