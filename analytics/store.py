"""The data directory on disk: one writer at a time, and a change of several files all at once."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK = ".lock"
JOURNAL = ".journal.json"
PENDING = ".pending"  # suffix of a new file written beside its target, not yet renamed


def _no_step(step: str) -> None:
    pass


# Called at each step of a commit with the step's name. Tests replace it to kill the
# process exactly there (tests/test_commit.py); it does nothing otherwise.
step: Callable[[str], None] = _no_step


@contextlib.contextmanager
def locked(directory: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the directory's lock: exclusive to change files, shared to read them.

    flock belongs to one open file, so the same process must never take it twice at once
    (it would wait for itself). A directory nobody can write to needs no lock: nobody can
    change it either."""
    path = Path(directory) / LOCK
    try:
        fh = path.open("a")
    except OSError:
        try:
            fh = path.open("r")
        except OSError:
            yield
            return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield


@contextlib.contextmanager
def reading(directory: Path) -> Iterator[None]:
    """Read the directory as one version: a change interrupted by a crash is finished first,
    and no change starts until the reader is done."""
    recover(directory)
    with locked(directory, exclusive=False):
        yield


def version(directory: Path) -> str:
    """A hash of every table file's content: equal exactly when the data is the same."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.csv")):
        digest.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def commit(directory: Path, files: dict[str, bytes]) -> None:
    """Replace `files` (name -> new content) in `directory` all at once or not at all.

    Call it holding the exclusive lock. Each new file is written and synced beside its
    target; then a journal naming the renames is written and synced: that is the moment of
    commit. A process killed before it leaves the old files (and pending ones that the next
    commit removes); killed after it, the next reader finishes the renames (recover())."""
    directory = Path(directory)
    for stale in directory.glob("*" + PENDING):
        stale.unlink()  # left by a commit killed before its journal: never part of the data
    renames = []
    for name, data in files.items():
        pending = directory / f".{name}{PENDING}"
        _write_synced(pending, data)
        renames.append((pending.name, name))
        step(f"written {name}")
    _write_synced(directory / f"{JOURNAL}.tmp", json.dumps(renames).encode())
    os.replace(directory / f"{JOURNAL}.tmp", directory / JOURNAL)
    _sync_dir(directory)
    step("journal")
    _roll_forward(directory)


def recover(directory: Path) -> bool:
    """Finish a commit that a crash interrupted after its journal; True if there was one."""
    directory = Path(directory)
    if not (directory / JOURNAL).exists():  # the usual case: a stat, no lock
        return False
    with locked(directory, exclusive=True):
        return settle(directory)


def settle(directory: Path) -> bool:
    """recover() for a caller that holds the exclusive lock already."""
    if not (Path(directory) / JOURNAL).exists():  # or another process finished it meanwhile
        return False
    _roll_forward(Path(directory))
    return True


def _roll_forward(directory: Path) -> None:
    """Do the journal's renames that are not done yet, then drop the journal. Safe to repeat:
    a pending file that is gone has been renamed already."""
    renames = json.loads((directory / JOURNAL).read_text())
    for pending, target in renames:
        if (directory / pending).exists():
            os.replace(directory / pending, directory / target)
            step(f"renamed {target}")
    _sync_dir(directory)
    (directory / JOURNAL).unlink()
    _sync_dir(directory)
    step("done")


def _write_synced(path: Path, data: bytes) -> None:
    with path.open("wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _sync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
