"""Helpers of the upload tests: a file checked against a copy of the fixture data, which
must come out unchanged."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from analytics import maintain
from analytics.contract import TABLE_BY_NAME

FIXTURE = Path(__file__).parent / "fixtures" / "data"


def hashes(directory: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(directory.glob("*.csv"))
    }


def projects_text(replace: tuple[str, str] | None = None) -> str:
    """The fixture's projects.csv, with one text replaced (it must be there)."""
    text = (FIXTURE / "projects.csv").read_text(encoding="utf-8")
    if replace:
        assert replace[0] in text
        text = text.replace(*replace)
    return text


def new_project_row(pid: str, title: str) -> str:
    """A new project's line in projects.csv: a seed MoU with only what the contract requires."""
    values = dict(id=pid, title_en=title, sector="agriculture", mode="framework_agreement")
    values |= dict(status="agreed", agreement_date="2024", description="New.", visibility="public")
    values |= dict(last_checked="2026-11-27", source_dataset="curated")
    return ",".join(values.get(name, "") for name in TABLE_BY_NAME["projects"].column_names) + "\n"


def check(data: Path, name: str, content: bytes, table: str = "projects", replace=False):
    return maintain.check(data, [maintain.Upload(table, name, content, replace=replace)])


def refused(data: Path, name: str, content: bytes, table: str = "projects") -> str:
    """The message of a refused upload; the data is unchanged."""
    before = hashes(data)
    with pytest.raises(maintain.Refused) as info:
        check(data, name, content, table)
    assert hashes(data) == before
    return str(info.value)


def errors(
    data: Path, name: str, content: bytes, table: str = "projects", replace=False
) -> list[str]:
    """The errors of an upload that does not validate; the data is unchanged."""
    before = hashes(data)
    report, _ = check(data, name, content, table, replace)
    assert hashes(data) == before
    return [str(e) for e in report.errors]
