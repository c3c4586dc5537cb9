"""Changing the curated data safely: read an uploaded table, validate, diff, apply atomically,
and keep the audit trail (CHANGELOG.csv: who, when, what, why) from which any earlier
version of a table can be restored through the same path."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics import contract as c
from analytics import store
from analytics.upload import MAX_BYTES, Refused, decode  # noqa: F401 (re-exported)
from analytics.validate import Finding, Frame, Report, read_csv_text, read_dir, validate_frames

CHANGELOG = "CHANGELOG.csv"
RECORD_LOG = c.TABLE_BY_NAME["record_changes"]
BACKUPS = ".backups"
# A line for each table an apply changed: when, who (the signed-in identity, or the OS user
# of the command line), what kind of change, why (a required short reason), the table and
# its counts, the file it came from, and the table file's hashes before and after.
LOG_COLUMNS = (
    "when", "who", "action", "why", "table", "added", "changed", "removed", "file", "sha256",
    "before_sha256", "after_sha256",
)  # fmt: skip
ACTIONS = ("apply", "import", "restore")
STAMP = "%Y%m%dT%H%M%S%fZ"  # a change's time in the log and its backups' names (UTC)
REASON_MAX = 200  # characters of a reason


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

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Upload:
    """One uploaded file and the table it changes; `origin` names the file it came from
    when it was made from another (an AidData export), for the change log.

    By default the file adds and updates records: those it lacks stay. With `replace` it is
    the whole table, and records it lacks are removed."""

    table: str
    name: str
    data: bytes
    origin: tuple[str, str] | None = None  # (file name, sha256)
    replace: bool = False
    verbatim: bool = False  # a restore: the file is written as it is, byte for byte


@dataclass(frozen=True)
class Plan:
    """What a user is shown and confirms: each upload's new table and its difference, and
    the version of the data they were worked out against. apply() applies exactly this, or
    nothing if the data is no longer that version."""

    version: str
    changes: list[tuple[Frame, Diff, Upload]]

    @property
    def empty(self) -> bool:
        return all(change.empty for _, change, _ in self.changes)


class Stale(Refused):
    """The data changed since the plan was made (another session applied first)."""


def check(directory: Path, uploads: list[Upload]) -> tuple[Report, dict[str, Frame]]:
    """Validate the uploaded tables together with the other current tables: the report,
    and every table as it would be.

    Several tables can be uploaded together: a new project needs its row in projects.csv
    and its source in project_sources.csv before either validates.
    """
    report, frames, _, _ = _checked(directory, uploads)
    return report, frames


def _checked(directory: Path, uploads: list[Upload]) -> tuple[Report, dict, dict, str]:
    """check(), also returning the current tables and the version they were read from."""
    report = Report()
    with store.reading(directory):
        current = read_dir(directory, report)
        version = store.version(directory)
    frames = dict(current)
    for upload in uploads:
        table = c.UPLOADABLE.get(upload.table)
        if table is None:
            raise Refused(f"unknown table {upload.table!r}; one of: {', '.join(c.UPLOADABLE)}")
        frame = read_csv_text(decode(upload.name, upload.data), table, report)
        if frame is None:
            continue
        if frame.df.empty:
            report.findings.append(Finding(table.file, 2, "-", "the file has a header but no rows"))
        old = current.get(table.name)
        frames[table.name] = frame if upload.replace or old is None else _merged(old, frame)
    report = validate_frames(frames, report)
    # Errors anywhere (a removed project breaks its partners' references); warnings only
    # for the uploaded tables.
    uploaded = {c.UPLOADABLE[u.table].file for u in uploads}
    report.findings = [f for f in report.findings if not f.warning or f.file in uploaded]
    return report, frames, current, version


def review(directory: Path, uploads: list[Upload]) -> tuple[Report, Plan | None]:
    """Check the uploads; if they validate, the plan to show and, once confirmed, apply."""
    report, frames, current, version = _checked(directory, uploads)
    if not report.ok:
        return report, None
    changes = []
    for upload in uploads:
        new = frames[upload.table]
        changes.append((new, diff(current.get(upload.table), new), upload))
    return report, Plan(version, changes)


def _keys(frame: Frame) -> list[str]:
    key = list(frame.table.key)
    if not set(key) <= set(frame.df.columns):
        return []
    return ["|".join(v) for v in frame.df[key].fillna("").astype(str).itertuples(index=False)]


def _merged(old: Frame, new: Frame) -> Frame:
    """The current table with the new file's records updated in place and its new ones
    added at the end. A file with other columns or repeated keys is left as it is, so that
    validation reports it."""
    new_keys = _keys(new)
    if list(new.df.columns) != list(old.df.columns) or len(set(new_keys)) != len(new_keys):
        return new
    at = {k: i for i, k in enumerate(new_keys)}
    old_keys = _keys(old)
    n = len(old_keys)
    order = [n + at[k] if k in at else i for i, k in enumerate(old_keys)]
    known = set(old_keys)
    order += [n + i for i, k in enumerate(new_keys) if k not in known]
    both = pd.concat([old.df, new.df], ignore_index=True)
    lines = old.lines + new.lines
    return Frame(old.table, both.iloc[order].reset_index(drop=True), [lines[i] for i in order])


def _rows(frame: Frame | None) -> dict[str, dict[str, str]]:
    if frame is None:
        return {}
    records = frame.df.fillna("").astype(str).to_dict("records")
    return dict(zip(_keys(frame), records, strict=True))


def diff(old: Frame | None, new: Frame) -> Diff:
    """Records added, changed (field by field) and removed against the current table."""
    old_rows, new_rows = _rows(old), _rows(new)
    added = [Change(k, after=new_rows[k]) for k in new_rows if k not in old_rows]
    removed = [Change(k, before=old_rows[k]) for k in old_rows if k not in new_rows]
    changed = [
        Change(k, before=old_rows[k], after=new_rows[k])
        for k in new_rows
        if k in old_rows and old_rows[k] != new_rows[k]
    ]
    return Diff(new.table.name, added, changed, removed)


def _csv_bytes(frame: Frame) -> bytes:
    out = io.StringIO()
    frame.df.to_csv(
        out, index=False, columns=list(frame.table.column_names), lineterminator="\n",
        quoting=csv.QUOTE_MINIMAL,
    )  # fmt: skip
    return out.getvalue().encode("utf-8")


def apply(directory: Path, plan: Plan, *, who: str, why: str, action: str = "apply") -> list[Path]:
    """Apply the plan: its tables and their log lines become the data at once (one
    store.commit), keeping a backup of each replaced file; returns the backups. `who` and
    `why` go into the audit trail (CHANGELOG.csv) with `action` (one of ACTIONS).

    Raises Refused, changing nothing, without a reason; and Stale if the data is no longer
    the version the plan was made against: the caller reviews again and shows the new
    difference."""
    directory = Path(directory)
    why = " ".join(why.split())
    if not why:
        raise Refused("say why the data changes (a short reason): nothing was applied")
    if len(why) > REASON_MAX or action not in ACTIONS:
        raise Refused(f"a reason of at most {REASON_MAX} characters: nothing was applied")
    with store.locked(directory, exclusive=True):  # one apply at a time, across processes
        store.settle(directory)
        if store.version(directory) != plan.version:
            raise Stale(
                "the data changed since this difference was worked out (another session "
                "applied a change first); nothing was applied"
            )
        now = dt.datetime.now(dt.UTC)
        stamp = now.strftime(STAMP)
        backups = directory / BACKUPS
        backups.mkdir(exist_ok=True)
        saved, files, before = [], {}, {}
        for frame, _, upload in plan.changes:
            path = directory / frame.table.file
            before[frame.table.name] = sha256(path.read_bytes()) if path.exists() else ""
            if path.exists():
                saved.append(backups / f"{frame.table.name}-{stamp}.csv")
                shutil.copy2(path, saved[-1])
            files[frame.table.file] = upload.data if upload.verbatim else _csv_bytes(frame)
        entry = Entry(stamp, who or "unknown", action, why, before)
        files[CHANGELOG] = _log(directory, entry, plan, files)
        files[RECORD_LOG.file] = _record_log(directory, now, plan)
        store.commit(directory, files)
    return saved


@dataclass(frozen=True)
class Entry:
    """Who changed the data when, how and why; the changed tables' hashes before."""

    when: str
    who: str
    action: str
    why: str
    before: dict[str, str]


def history(directory: Path) -> pd.DataFrame:
    """The audit trail, newest first (an older log's missing columns empty)."""
    path = Path(directory) / CHANGELOG
    if not path.exists():
        return pd.DataFrame(columns=LOG_COLUMNS)
    with store.reading(directory):
        log = pd.read_csv(path, dtype=str, keep_default_na=False)
    return log.reindex(columns=LOG_COLUMNS, fill_value="").iloc[::-1].reset_index(drop=True)


def restoring(directory: Path, when: str) -> list[Upload]:
    """Uploads that put back each table the change made at `when` changed, as it was just
    before it (its backup, byte for byte): for review() and apply(action="restore")."""
    directory = Path(directory)
    lines = history(directory)
    lines = lines[lines["when"] == when]
    if lines.empty:
        raise Refused(f"no change was made at {when!r}")
    uploads = []
    for table in lines["table"]:
        backup = directory / BACKUPS / f"{table}-{when}.csv"
        if not backup.exists():  # the table was new then: it cannot be put back as it was
            raise Refused(f"{table} did not exist before {when}: there is nothing to restore")
        data = backup.read_bytes()
        uploads.append(Upload(table, backup.name, data, replace=True, verbatim=True))
    return uploads


def _record_log(directory: Path, now: dt.datetime, plan: Plan) -> bytes:
    """The record-by-record change log (record_changes.csv) with the plan's records added:
    a line for each record added or removed, and for each field of a record changed, with
    the project it belongs to and whether it was or became restricted."""
    path = directory / RECORD_LOG.file
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    if not path.exists():
        writer.writerow(RECORD_LOG.column_names)
    hidden = _restricted_projects(directory, plan)
    at = now.isoformat(timespec="microseconds").replace("+00:00", "Z")
    for _, change, _ in plan.changes:
        for action, items in (
            ("added", change.added),
            ("changed", change.changed),
            ("removed", change.removed),
        ):
            for item in items:
                record = item.after or item.before
                project = record.get("id" if change.table == "projects" else "project_id", "")
                restricted = "restricted" in (
                    item.before.get("visibility"),
                    item.after.get("visibility"),
                ) or (project in hidden)
                for name in item.fields if action == "changed" else [""]:
                    writer.writerow(
                        [at, at[:10], change.table, item.key, project, action, name,
                         item.before.get(name, "") if name else "",
                         item.after.get(name, "") if name else "",
                         "restricted" if restricted else "public"]
                    )  # fmt: skip
    return (path.read_bytes() if path.exists() else b"") + out.getvalue().encode("utf-8")


def _restricted_projects(directory: Path, plan: Plan) -> set[str]:
    """Projects restricted now or in the plan."""
    frames = [f.df for f, _, _ in plan.changes if f.table.name == "projects"]
    path = directory / "projects.csv"
    if path.exists():
        frames.append(pd.read_csv(path, dtype=str, usecols=["id", "visibility"]))
    return {p for df in frames for p in df.loc[df["visibility"] == "restricted", "id"].astype(str)}


def _log(directory: Path, entry: Entry, plan: Plan, files: dict[str, bytes]) -> bytes:
    """The audit trail with a line for each table of the plan (an older log, without who
    and why, is carried over with those columns empty)."""
    log = directory / CHANGELOG
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    old = log.read_text(encoding="utf-8") if log.exists() else ""
    header = next(csv.reader(io.StringIO(old)), None)
    if header is not None and tuple(header) != LOG_COLUMNS:
        writer.writerow(LOG_COLUMNS)
        for row in csv.DictReader(io.StringIO(old)):
            writer.writerow([row.get(column, "") for column in LOG_COLUMNS])
        old = ""
    elif header is None:
        writer.writerow(LOG_COLUMNS)
    for frame, change, upload in plan.changes:
        name, digest = upload.origin or (upload.name, sha256(upload.data))
        writer.writerow(
            [entry.when, entry.who, entry.action, entry.why, change.table, len(change.added),
             len(change.changed), len(change.removed), name, digest,
             entry.before[frame.table.name], sha256(files[frame.table.file])]
        )  # fmt: skip
    return old.encode("utf-8") + out.getvalue().encode("utf-8")
