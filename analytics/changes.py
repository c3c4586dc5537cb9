"""What changed since a day (by default the last meeting's): the rows of queries/
changes_since.sql as items to read, by kind, in either language. The page and the
briefing pack both show these, so the two never differ."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from analytics import contract as c
from analytics.i18n import date_text, label, localized, t

KINDS = ("agreement", "milestone", "status", "overdue", "corrected")
# the fields of a project whose change log lines read as a coded value's labels
CODED = {"status": "status", "mode": "mode", "province": "province"}
# fields by the name a column of the app gives them (others by their name in the data)
FIELDS = {
    "status": "col.status",
    "sector": "col.sector",
    "province": "col.province",
    "amount_usd_m": "col.amount",
    "capacity_mw": "col.capacity",
    "agreement_date": "field.agreement_date",
    "start_date": "field.start_date",
    "completion_date": "col.completed",
    "planned_completion_date": "col.planned",
}


@dataclass(frozen=True)
class Item:
    day: str  # as the reader's language writes it
    project_id: str | None
    title: str
    what: str
    source_title: str | None
    source_url: str | None


def held(meetings: pd.DataFrame, today: str) -> pd.DataFrame:
    """The meetings on or before `today` (the data's as-of date), the latest first."""
    past = meetings[meetings["date"].astype(str) <= today]
    return past.sort_values("date", ascending=False, kind="stable")


def last_meeting(meetings: pd.DataFrame, today: str) -> pd.Series | None:
    """The latest meeting on or before `today`, if any."""
    past = held(meetings, today)
    return past.iloc[0] if len(past) else None


def meeting_title(meeting: pd.Series, lang: str) -> str:
    return localized(meeting["title_en"], meeting["title_zh"], lang)


def items(df: pd.DataFrame, lang: str) -> dict[str, list[Item]]:
    """Each kind's items, in the query's order (newest first within a kind)."""
    out: dict[str, list[Item]] = {kind: [] for kind in KINDS}
    for row in df.itertuples(index=False):
        project = row.project_id if isinstance(row.project_id, str) else None
        title = localized(row.title_en, row.title_zh, lang) or (project or "")
        out[row.kind].append(
            Item(
                day=date_text(row.day, lang),
                project_id=project,
                title=title,
                what=_what(row, lang),
                source_title=row.source_title if isinstance(row.source_title, str) else None,
                source_url=row.source_url if isinstance(row.source_url, str) else None,
            )
        )
    return out


def _what(row, lang: str) -> str:
    if row.kind == "agreement":
        return t("changes.what.agreement", lang)
    if row.kind == "milestone":  # what happened, in the data's words (English)
        note = row.note if isinstance(row.note, str) else ""
        if row.event == "other" and note:
            return note
        return label("event", row.event, lang) + (t("punct.colon", lang) + note if note else "")
    if row.kind == "overdue":
        return t("changes.what.overdue", lang, day=date_text(row.day, lang))
    if row.kind == "corrected" and not isinstance(row.field, str):
        return t("changes.what.removed", lang, table=row.event)
    return t(
        "changes.what.changed",
        lang,
        field=t(FIELDS[row.field], lang) if row.field in FIELDS else row.field,
        before=_value(row.field, row.before, lang),
        after=_value(row.field, row.after, lang),
    )


def _value(field: str, value, lang: str) -> str:
    if not isinstance(value, str) or not value:
        return t("unknown", lang)
    if field in CODED:
        return label(CODED[field], value, lang)
    if field.endswith("_date") and c.PARTIAL_DATE.match(value):
        return date_text(value, lang)
    return value
