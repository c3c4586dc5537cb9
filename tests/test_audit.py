"""The audit trail: every apply, import and restore says who, when, what and why, and any
earlier version of a table comes back byte for byte through the same apply path."""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

import pandas as pd
import pytest

from analytics import maintain, store
from analytics.__main__ import main

# The fixture writes sectors.csv with quotes the app's own writer leaves out ("Mining and
# geology"): an apply rewrites the file, so only a byte-for-byte restore gives it back.
RENAMED = "code,label_en,label_zh,description_en\nspace,Space (renamed),航天,Satellites\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plan_for(data: Path, uploads: list[maintain.Upload]) -> maintain.Plan:
    report, plan = maintain.review(data, uploads)
    assert report.ok, [str(e) for e in report.errors]
    return plan


def rename_space(data: Path, who: str = "alice@most.gov.pk") -> None:
    upload = maintain.Upload("sectors", "sectors-fix.csv", RENAMED.encode())
    maintain.apply(data, plan_for(data, [upload]), who=who, why="Space's label, as MoST asked")


def test_an_apply_records_who_when_what_and_why(data: Path) -> None:
    before = (data / "sectors.csv").read_bytes()
    rename_space(data)
    (line,) = maintain.history(data).to_dict("records")
    assert line["who"] == "alice@most.gov.pk" and line["action"] == "apply"
    assert line["why"] == "Space's label, as MoST asked"
    assert (line["table"], line["added"], line["changed"], line["removed"]) == (
        "sectors", "0", "1", "0"
    )  # fmt: skip
    assert line["file"] == "sectors-fix.csv" and line["sha256"] == sha(RENAMED.encode())
    assert line["before_sha256"] == sha(before)
    assert line["after_sha256"] == sha((data / "sectors.csv").read_bytes())
    assert line["when"].endswith("Z") and len(line["when"]) == len("20261206T090000000000Z")


@pytest.mark.parametrize("why", ["", "   ", "x" * (maintain.REASON_MAX + 1)])
def test_an_apply_without_a_short_reason_changes_nothing(data: Path, why: str) -> None:
    version = store.version(data)
    plan = plan_for(data, [maintain.Upload("sectors", "s.csv", RENAMED.encode())])
    with pytest.raises(maintain.Refused, match="reason"):
        maintain.apply(data, plan, who="alice", why=why)
    assert store.version(data) == version and not (data / maintain.CHANGELOG).exists()


def test_a_restore_brings_the_earlier_version_back_byte_for_byte_and_is_logged(
    data: Path,
) -> None:
    original = (data / "sectors.csv").read_bytes()
    rename_space(data)
    assert (data / "sectors.csv").read_bytes() != original
    when = maintain.history(data)["when"][0]
    uploads = maintain.restoring(data, when)
    plan = plan_for(data, uploads)
    (_, change, _) = plan.changes[0]
    fields = ["label_en", "label_zh", "description_en"]  # all three back
    assert [(c.key, c.fields) for c in change.changed] == [("space", fields)]
    maintain.apply(
        data, plan, who="bilal@most.gov.pk", why="Undo: label not agreed", action="restore"
    )
    assert (data / "sectors.csv").read_bytes() == original  # byte for byte
    newest = maintain.history(data).iloc[0]
    assert (newest["action"], newest["who"], newest["why"]) == (
        "restore", "bilal@most.gov.pk", "Undo: label not agreed"
    )  # fmt: skip
    assert newest["after_sha256"] == sha(original)
    assert newest["file"] == f"sectors-{when}.csv"  # the backup it came from
    # the record log says the label was changed back: a correction, not news
    log = pd.read_csv(data / maintain.RECORD_LOG.file, dtype=str, keep_default_na=False)
    back = log[(log["record"] == "space") & (log["field"] == "label_en")]
    assert back[["before", "after"]].values.tolist()[-1] == ["Space (renamed)", "Space sciences"]


def test_a_restore_racing_another_apply_applies_nothing(data: Path) -> None:
    rename_space(data)
    when = maintain.history(data)["when"][0]
    restore = plan_for(data, maintain.restoring(data, when))
    # another maintainer applies a change first
    other = maintain.Upload("sectors", "s.csv", RENAMED.replace("Satellites", "Orbit").encode())
    maintain.apply(data, plan_for(data, [other]), who="carol", why="description")
    version = store.version(data)
    with pytest.raises(maintain.Stale):
        maintain.apply(data, restore, who="bilal", why="undo", action="restore")
    assert store.version(data) == version


def test_a_change_that_made_a_table_cannot_be_restored_and_an_unknown_time_is_refused(
    data: Path,
) -> None:
    (data / "meetings.csv").unlink()  # an optional table, not there yet
    meetings = "date,title_en,title_zh,source_id,notes\n2024-06-01,JC,联委会,src-a,\n"
    upload = maintain.Upload("meetings", "meetings.csv", meetings.encode())
    maintain.apply(data, plan_for(data, [upload]), who="alice", why="first meeting")
    when = maintain.history(data)["when"][0]
    with pytest.raises(maintain.Refused, match="did not exist"):
        maintain.restoring(data, when)
    with pytest.raises(maintain.Refused, match="no change"):
        maintain.restoring(data, "20000101T000000000000Z")


def test_an_older_log_is_carried_over_with_who_and_why_empty(data: Path) -> None:
    old = "when,table,added,changed,removed,file,sha256\n"
    old += "20261201T000000000000Z,projects,1,0,0,p.csv,ab\n"
    (data / maintain.CHANGELOG).write_text(old, encoding="utf-8")
    rename_space(data)
    log = maintain.history(data)
    assert list(log["who"]) == ["alice@most.gov.pk", ""]
    assert list(log["table"]) == ["sectors", "projects"]
    header = (data / maintain.CHANGELOG).read_text(encoding="utf-8").splitlines()[0]
    assert tuple(header.split(",")) == maintain.LOG_COLUMNS


def test_the_command_line_needs_a_reason_names_the_os_user_and_restores(
    data: Path, tmp_path: Path, capsys
) -> None:
    upload = tmp_path / "sectors.csv"
    upload.write_text(RENAMED, encoding="utf-8")
    original = (data / "sectors.csv").read_bytes()
    args = ["apply", "sectors", str(upload), "--data", str(data), "--yes"]
    assert main(args) == 2  # no --why: refused, nothing changed
    assert "say why" in capsys.readouterr().out
    assert (data / "sectors.csv").read_bytes() == original
    assert main([*args, "--why", "label fix"]) == 0
    line = maintain.history(data).iloc[0]
    assert (line["who"], line["why"]) == (getpass.getuser(), "label fix")
    assert main(["history", "--data", str(data)]) == 0
    assert "label fix" in capsys.readouterr().out
    restore = ["restore", line["when"], "--data", str(data)]
    assert main(restore) == 0 and (data / "sectors.csv").read_bytes() != original  # shown only
    assert main([*restore, "--yes", "--why", "undo"]) == 0
    assert (data / "sectors.csv").read_bytes() == original
    assert maintain.history(data).iloc[0]["action"] == "restore"


def test_a_restore_killed_at_any_step_leaves_the_data_before_or_after_it(tmp_path: Path) -> None:
    """A two-table restore (a new project and its source, taken back), killed at each step
    of its commit: the next reader finds the data as before the restore, or every table
    back byte for byte with the restore's log lines."""
    import shutil
    import signal

    from test_commit import FIXTURE, kill_at, log_lines, new_project, steps_of_an_apply, tables

    steps = steps_of_an_apply(tmp_path)  # a restore commits through the same steps
    files = ("projects.csv", "project_sources.csv")
    for i, step in enumerate(steps):
        data = tmp_path / f"restore-{i}"
        shutil.copytree(FIXTURE, data)
        original = {f: (data / f).read_bytes() for f in files}
        maintain.apply(data, plan_for(data, new_project(data, "new-a")), who="a", why="add")
        applied = tables(data)
        when = maintain.history(data)["when"][0]
        plan = plan_for(data, maintain.restoring(data, when))

        def restore(plan=plan, data=data):
            maintain.apply(data, plan, who="b", why="undo", action="restore")

        assert kill_at(step, restore) == -signal.SIGKILL
        with store.reading(data):
            now = tables(data)
        if steps.index(step) >= steps.index("journal"):
            assert {f: (data / f).read_bytes() for f in files} == original, step
            assert log_lines(data) == 4, step  # two tables applied, two restored
        else:
            assert now == applied and log_lines(data) == 2, step


def test_the_data_page_shows_the_history_newest_first_in_the_readers_language(
    app, data: Path, monkeypatch
) -> None:
    monkeypatch.setenv("CPST_DATA_DIR", str(data))
    rename_space(data, who="alice@most.gov.pk")
    rename_space(data, who="bilal@most.gov.pk")  # the same file: nothing more changes
    at = app(lang="zh")
    at.run()
    at.switch_page("pages/data.py").run()
    assert not at.exception
    (history,) = [t.value for t in at.table]
    assert list(history["修改人"]) == ["bilal@most.gov.pk", "alice@most.gov.pk"]
    assert list(history["操作"]) == ["应用", "应用"]
    assert list(history["修改"]) == ["0", "1"]  # the second apply found nothing to change
    assert "修改记录（2 次）" in [e.label for e in at.expander]
