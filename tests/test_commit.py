"""Two maintainers at once, and a kill at every step: no change is lost, none half-applied."""

from __future__ import annotations

import contextlib
import hashlib
import multiprocessing
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pandas as pd
from uploads import new_project_row

from analytics import maintain, store
from analytics.__main__ import STALE, main
from analytics.validate import validate_dir

FIXTURE = Path(__file__).parent / "fixtures" / "data"
ROOT = Path(__file__).resolve().parent.parent
TRIALS = 50
FORK = multiprocessing.get_context("fork")  # two real processes, without re-importing pandas


LOGS = (maintain.CHANGELOG, maintain.RECORD_LOG.file)  # each apply's lines carry its time


def tables(directory: Path) -> dict[str, str]:
    """Each table's content hash (not the change logs')."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(directory.glob("*.csv"))
        if p.name not in LOGS
    }


def log_lines(directory: Path, log: str = maintain.CHANGELOG) -> int:
    path = directory / log
    return len(pd.read_csv(path)) if path.exists() else 0


def project_ids(directory: Path) -> set[str]:
    return set(pd.read_csv(directory / "projects.csv", dtype=str)["id"])


def new_project(directory: Path, pid: str) -> list[maintain.Upload]:
    """The whole projects and project_sources tables as they are now, plus one new project
    and its source: what a maintainer who downloaded the tables would upload."""
    projects = (directory / "projects.csv").read_text(encoding="utf-8")
    projects += new_project_row(pid, f"Test MoU {pid}")
    links = (directory / "project_sources.csv").read_text(encoding="utf-8") + f"{pid},src-b,all\n"
    return [
        maintain.Upload("projects", f"{pid}-projects.csv", projects.encode()),
        maintain.Upload("project_sources", f"{pid}-links.csv", links.encode()),
    ]


def write_files(directory: Path, uploads: list[maintain.Upload]) -> list[str]:
    """The uploads as files, as CLI arguments (TABLE FILE ...)."""
    args = []
    for upload in uploads:
        path = directory / upload.name
        path.write_bytes(upload.data)
        args += [upload.table, str(path)]
    return args


# ---------------------------------------------------------------- two writers at once


def test_two_sessions_confirming_at_once_lose_nothing(tmp_path: Path) -> None:
    """Threads in one process, as two browser sessions are: both review, then both press
    Apply. One applies; the other is refused, and its new difference shows what it would
    change now (its own project added, nothing removed)."""
    refusals = 0
    for trial in range(TRIALS):
        data = tmp_path / f"trial-{trial}"
        shutil.copytree(FIXTURE, data)
        plans = {pid: prepare(data, new_project(data, pid)) for pid in ("new-a", "new-b")}
        both_reviewed = threading.Barrier(2)
        outcome: dict[str, str] = {}

        def session(pid: str, data=data, plans=plans, both=both_reviewed, outcome=outcome):
            both.wait()
            try:
                maintain.apply(data, plans[pid], who="test", why="test")
                outcome[pid] = "applied"
            except maintain.Stale:
                outcome[pid] = "stale"

        threads = [threading.Thread(target=session, args=(pid,)) for pid in plans]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcome.values()) == ["applied", "stale"], outcome
        (winner,) = [pid for pid, o in outcome.items() if o == "applied"]
        (loser,) = [pid for pid, o in outcome.items() if o == "stale"]
        assert winner in project_ids(data) and loser not in project_ids(data)
        assert log_lines(data) == 2  # the winner's two tables
        refusals += 1
        # The loser's upload was made before the winner applied; reviewed again it adds
        # its own project and removes nothing, and applying it keeps both.
        again = prepare(data, [upload for _, _, upload in plans[loser].changes])
        projects = again.changes[0][1]
        assert [c.key for c in projects.added] == [loser] and projects.removed == []
        maintain.apply(data, again, who="test", why="test")
        assert {"new-a", "new-b"} <= project_ids(data)
    assert refusals == TRIALS


def _cli(argv: list[str], out: Path, delay: float) -> None:
    """A child process running the command line, its output to `out`."""
    import time

    time.sleep(delay)
    with out.open("w") as fh, contextlib.redirect_stdout(fh):
        code = main(argv)
    os._exit(code)


def test_two_processes_applying_at_once_lose_nothing(tmp_path: Path) -> None:
    """Two `apply ... --yes` processes started 0-0.3 s apart, 50 times: each either applies
    or is refused with STALE and the difference as it is now; none removes the other's
    project; a refused one run again applies."""
    rng = random.Random(12)
    outcomes = {"applied": 0, "stale": 0}
    for trial in range(TRIALS):
        data = tmp_path / f"trial-{trial}"
        shutil.copytree(FIXTURE, data)
        argv = {
            pid: ["apply", *write_files(tmp_path, new_project(data, pid)), "--data", str(data)]
            for pid in (f"new-a{trial}", f"new-b{trial}")
        }
        children = {}
        for pid, args in argv.items():
            out = tmp_path / f"{pid}.out"
            child = FORK.Process(
                target=_cli, args=([*args, "--yes", "--why", "test"], out, rng.uniform(0, 0.3))
            )
            child.start()
            children[pid] = (child, out)
        for pid, (child, out) in children.items():
            child.join(60)
            text = out.read_text()
            assert "REMOVED" not in text, text
            if child.exitcode == 0:
                outcomes["applied"] += 1
                assert pid in project_ids(data), text
            else:
                assert child.exitcode == STALE, text
                outcomes["stale"] += 1
                assert "refused: the data changed since this difference was worked out" in text
                assert f"projects: 1 added, 0 changed, 0 removed\n  added {pid}" in text
                assert main([*argv[pid], "--yes", "--why", "test"]) == 0  # run again: applied
        assert set(argv) <= project_ids(data)
    assert outcomes["applied"] + outcomes["stale"] == 2 * TRIALS
    print(f"\n{outcomes}")


def test_the_command_line_in_two_real_processes(tmp_path: Path, data: Path) -> None:
    """The probe as it was run: two `python -m analytics apply ... --yes` at once."""
    argv = {
        pid: ["apply", *write_files(tmp_path, new_project(data, pid)), "--data", str(data)]
        for pid in ("new-a", "new-b")
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "analytics", *args, "--yes", "--why", "test"],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        for args in argv.values()
    ]
    results = [(p.wait(120), p.stdout.read()) for p in procs]
    for (code, text), pid in zip(results, argv, strict=True):
        assert code in (0, STALE), text
        if code == STALE:
            assert main([*argv[pid], "--yes", "--why", "test"]) == 0
    assert {"new-a", "new-b"} <= project_ids(data)


def prepare(data: Path, uploads: list[maintain.Upload]) -> maintain.Plan:
    report, plan = maintain.review(data, uploads)
    assert report.ok, [str(e) for e in report.errors]
    return plan


# ---------------------------------------------------------------- merge, replace, names


def test_a_file_of_some_records_adds_and_updates_without_removing(data: Path, tmp_path) -> None:
    header, first = (data / "projects.csv").read_text(encoding="utf-8").splitlines()[:2]
    upload = tmp_path / "one.csv"
    upload.write_text(f"{header}\n{first.replace('Test Hydro A', 'Hydro A renamed')}\n")
    assert (
        main(["apply", "projects", str(upload), "--data", str(data), "--yes", "--why", "test"]) == 0
    )
    ids = pd.read_csv(data / "projects.csv", dtype=str)["id"].tolist()
    assert ids == ["hydro-a", "solar-b", "sat-c", "fibre-d", "lab-e", "mou-f"]  # order kept
    assert "Hydro A renamed" in (data / "projects.csv").read_text(encoding="utf-8")


def test_removal_only_when_asked_and_every_removed_record_named(data, tmp_path, capsys) -> None:
    lines = (data / "project_sources.csv").read_text(encoding="utf-8").splitlines()
    upload = tmp_path / "links.csv"
    upload.write_text("\n".join(line for line in lines if not line.startswith("mou-f")) + "\n")
    args = ["apply", "project_sources", str(upload), "--data", str(data)]
    assert main([*args, "--yes", "--why", "test"]) == 0
    assert "0 removed" in capsys.readouterr().out  # a file lacking a record keeps it
    assert "mou-f,src-b,all" in (data / "project_sources.csv").read_text()
    before = tables(data)
    assert main([*args, "--replace", "--yes", "--why", "test"]) == 1  # mou-f would have no source
    assert "project has no source" in capsys.readouterr().out
    assert tables(data) == before
    events = (data / "milestones.csv").read_text(encoding="utf-8").splitlines()
    upload.write_text("\n".join(e for e in events if "construction_started" not in e) + "\n")
    args = ["apply", "milestones", str(upload), "--data", str(data), "--replace"]
    assert main(args) == 0
    assert "REMOVED hydro-a|2016-12|construction_started" in capsys.readouterr().out
    assert main([*args, "--yes", "--why", "test"]) == 0
    assert "construction_started" not in (data / "milestones.csv").read_text()


# ---------------------------------------------------------------- a kill at every step


class Killed(Exception):
    pass


def steps_of_an_apply(tmp_path: Path) -> list[str]:
    """The commit's steps, as store.step names them, for a two-table apply."""
    data = tmp_path / "probe"
    shutil.copytree(FIXTURE, data)
    seen: list[str] = []
    plan = prepare(data, new_project(data, "new-a"))
    store.step = seen.append
    try:
        maintain.apply(data, plan, who="test", why="test")
    finally:
        store.step = store._no_step
    return seen


def _killed_at(step: str, run) -> None:
    """In a child process: run, and SIGKILL the process when the commit reaches `step`."""

    def kill(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    store.step = kill
    run()
    os._exit(0)


def kill_at(step: str, run) -> int:
    child = FORK.Process(target=_killed_at, args=(step, run))
    child.start()
    child.join(60)
    return child.exitcode


def test_the_commit_has_the_steps_the_kill_test_walks(tmp_path: Path) -> None:
    assert steps_of_an_apply(tmp_path) == [
        "written projects.csv",
        "written project_sources.csv",
        f"written {maintain.CHANGELOG}",
        f"written {maintain.RECORD_LOG.file}",
        "journal",
        "renamed projects.csv",
        "renamed project_sources.csv",
        f"renamed {maintain.CHANGELOG}",
        f"renamed {maintain.RECORD_LOG.file}",
        "done",
    ]


def test_an_apply_killed_at_any_step_leaves_the_old_or_the_new_data(tmp_path: Path) -> None:
    """Kill a two-table apply at each step (SIGKILL from the commit's own hook); then the
    next reader (store.reading, as the app and every command do) finds data that validates
    and is the old version, or the new one with its change-log lines."""
    steps = steps_of_an_apply(tmp_path)
    new_version = None
    for i, step in enumerate(steps):
        data = tmp_path / f"kill-{i}"
        shutil.copytree(FIXTURE, data)
        old = tables(data)
        plan = prepare(data, new_project(data, "new-a"))
        assert kill_at(
            step, lambda plan=plan, data=data: maintain.apply(data, plan, who="test", why="test")
        ) == (-signal.SIGKILL)
        with store.reading(data):
            report, _ = validate_dir(data)
            now = tables(data)
        assert report.ok, [str(e) for e in report.errors]
        committed = steps.index(step) >= steps.index("journal")
        if committed:
            new_version = new_version or now
            assert now == new_version and now != old, step
            assert log_lines(data) == 2, step
            # the fixture's 5 lines, and the new project's 2 records (projects, sources)
            assert log_lines(data, maintain.RECORD_LOG.file) == 5 + 2, step
        else:
            assert now == old, step
            assert log_lines(data) == 0, step
            assert log_lines(data, maintain.RECORD_LOG.file) == 5, step
        assert not (data / store.JOURNAL).exists()
    assert new_version is not None


def test_a_recovery_killed_at_any_step_is_finished_by_the_next(tmp_path: Path) -> None:
    """A kill after the journal, then a kill of the recovery at each of its own steps: the
    next reader still finishes the change exactly once."""
    steps = steps_of_an_apply(tmp_path)
    after_journal = steps[steps.index("journal") + 1 :]
    for i, step in enumerate(after_journal):
        data = tmp_path / f"twice-{i}"
        shutil.copytree(FIXTURE, data)
        plan = prepare(data, new_project(data, "new-a"))
        kill_at(
            "journal",
            lambda plan=plan, data=data: maintain.apply(data, plan, who="test", why="test"),
        )
        assert kill_at(step, lambda data=data: store.recover(data)) == -signal.SIGKILL
        with store.reading(data):
            assert validate_dir(data)[0].ok
        assert "new-a" in project_ids(data) and log_lines(data) == 2, step


def test_pending_files_of_a_killed_apply_are_cleared_by_the_next(data: Path) -> None:
    plan = prepare(data, new_project(data, "new-a"))
    kill_at(
        "written project_sources.csv", lambda: maintain.apply(data, plan, who="test", why="test")
    )
    assert sorted(p.name for p in data.glob("*" + store.PENDING)) == [
        ".project_sources.csv.pending",
        ".projects.csv.pending",
    ]
    maintain.apply(data, prepare(data, new_project(data, "new-b")), who="test", why="test")
    assert list(data.glob("*" + store.PENDING)) == []
    assert "new-b" in project_ids(data) and "new-a" not in project_ids(data)
