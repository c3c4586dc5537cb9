"""Restricted records never reach a viewer without the right: not through a page, a URL
parameter, a widget's options, a download or an export."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from google.protobuf import text_format

from analytics import contract as c
from ui import plain

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
RESTRICTED = 3  # projects marked restricted in the copy of the curated data


def normal(text: str) -> str:
    """Letters, digits and CJK only, lower case: immune to escaping and markup."""
    return re.sub(r"[^0-9a-z\u4e00-\u9fff]", "", text.lower())


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@dataclass
class Secrets:
    """The copy of the data, what only its restricted records say, and the values to put
    in URLs."""

    data: Path
    strings: dict[str, str]  # normalised text -> what it is
    project: dict[str, str]  # one restricted project
    institution: str  # an institution only restricted projects name
    public_projects: int
    all_projects: int

    def found_in(self, text: str) -> list[str]:
        text = normal(text)
        return [what for s, what in self.strings.items() if s in text]


@pytest.fixture(scope="module")
def secrets(tmp_path_factory) -> Secrets:
    """The curated data with RESTRICTED projects marked restricted: those whose partner
    institutions and sources include some that no other project has."""
    data = tmp_path_factory.mktemp("leak") / "data"
    shutil.copytree(ROOT / "data", data)
    projects = read(data / "projects.csv")
    partners = read(data / "project_partners.csv")
    links = read(data / "project_sources.csv")
    events = read(data / "milestones.csv")

    def owners(rows, column) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for row in rows:
            found.setdefault(row[column], set()).add(row["project_id"])
        return found

    by_institution = owners(partners, "institution_id")
    by_source = owners(links + events, "source_id")
    for p in projects:
        if p["cpec_source_id"]:
            by_source.setdefault(p["cpec_source_id"], set()).add(p["id"])
    chosen: list[str] = []
    sectors: set[str] = set()  # one restricted project a sector
    for p in projects:
        own_inst = [i for i, ps in by_institution.items() if ps == {p["id"]}]
        own_src = [s for s, ps in by_source.items() if ps == {p["id"]}]
        if own_inst and own_src and p["sector"] not in sectors:
            chosen.append(p["id"])
            sectors.add(p["sector"])
        if len(chosen) == RESTRICTED:
            break
    assert len(chosen) == RESTRICTED
    for p in projects:
        if p["id"] in chosen:
            p["visibility"] = "restricted"
    with (data / "projects.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(projects[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(projects)

    hidden = set(chosen)
    only = {i for i, ps in by_institution.items() if ps <= hidden}
    # The change log as an apply before the restriction would have written it (public
    # lines): each restricted project's title corrected, an institution of theirs removed.
    log = [",".join(c.TABLE_BY_NAME["record_changes"].column_names)]
    for p in projects:
        if p["id"] in hidden:
            log.append(
                f"2026-12-06T09:00:00.000000Z,2026-12-06,projects,{p['id']},{p['id']},changed,"
                f'title_en,"{p["title_en"]} (draft)","{p["title_en"]}",public'
            )
    gone = sorted(only)[0]
    log.append(f"2026-12-06T09:00:00.000000Z,2026-12-06,institutions,{gone},,removed,,,,public")
    (data / "record_changes.csv").write_text("\n".join(log) + "\n", encoding="utf-8")
    only_src = {s for s, ps in by_source.items() if ps <= hidden}
    institutions = read(data / "institutions.csv")
    sources = read(data / "sources.csv")
    candidates: dict[str, str] = {}
    for p in projects:
        if p["id"] in hidden:
            for col in ("id", "title_en", "title_zh", "description"):
                candidates[p[col]] = f"project {p['id']} {col}"
    for i in institutions:
        if i["id"] in only:
            for col in ("id", "name_en", "name_zh", "short_name"):
                candidates[i[col]] = f"institution {i['id']} {col}"
    for s in sources:
        if s["id"] in only_src:
            for col in ("id", "title", "url"):
                candidates[s[col]] = f"source {s['id']} {col}"
    # What public records or the app's own words also say cannot tell a leak.
    from analytics.i18n import STRINGS

    public = [v for p in projects if p["id"] not in hidden for v in p.values()]
    public += [v for i in institutions if i["id"] not in only for v in i.values()]
    public += [v for s in sources if s["id"] not in only_src for v in s.values()]
    public += [v for e in events if e["project_id"] not in hidden for v in e.values()]
    public += [text for pair in STRINGS.values() for text in pair]
    public_text = normal(" ".join(public))
    strings = {
        normal(value): what
        for value, what in candidates.items()
        if len(normal(value)) >= 6 and normal(value) not in public_text
    }
    kinds = {what.split()[0] for what in strings.values()}
    assert kinds == {"project", "institution", "source"}, kinds
    first = next(p for p in projects if p["id"] == chosen[0])
    institution = sorted(only)[0]
    return Secrets(data, strings, first, institution, len(projects) - RESTRICTED, len(projects))


def sent(at, typed: dict[str, str]) -> str:
    """Everything a run sent to the browser: every element and widget (labels, values,
    options, help), each chart's figure, and what the app wrote into the address bar. Not
    what the viewer typed: the URL values they gave and the search box holding them."""
    url = {k: v for k, v in at.query_params.items() if k not in typed}
    parts = [json.dumps(url, ensure_ascii=False, default=str)]

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and getattr(node, "type", None) != "text_input":
            if getattr(node, "type", None) == "warning":  # a notice may repeat what was typed
                text = node.value
                for value in typed.values():
                    text = text.replace(plain(value), "").replace(value, "")
            else:
                text = text_format.MessageToString(proto, as_utf8=True)
            parts.append(text)
            spec = getattr(proto, "spec", "")
            if spec:
                parts.append(json.dumps(json.loads(spec), ensure_ascii=False))
        for child in (getattr(node, "children", None) or {}).values():
            walk(child)

    walk(at._tree)
    return "\n".join(parts)


def lookups(s: Secrets) -> dict[str, str]:
    """Each page's own choice pointed at restricted records."""
    p = s.project
    return {"project": p["id"], "partner": s.institution, "topic": p["sector"], "q": p["title_en"]}


def filters(s: Secrets) -> dict[str, str]:
    """The global filters pointed at a restricted-only institution and a restricted
    project's sector and year."""
    p = s.project
    year = next(p[c][:4] for c in ("agreement_date", "start_date", "completion_date") if p[c])
    return {"institution": s.institution, "sector": p["sector"], "from": year, "to": year}


@pytest.mark.parametrize("page", PAGES)
def test_no_page_shows_restricted_records_through_any_url(app, monkeypatch, secrets, page):
    monkeypatch.setenv("CPST_DATA_DIR", str(secrets.data))
    monkeypatch.delenv("CPST_SHOW_RESTRICTED", raising=False)
    for lang, query in (("en", lookups(secrets)), ("zh", filters(secrets)), ("en", {})):
        at = app(lang=lang, **query)
        at.run()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert secrets.found_in(sent(at, query)) == [], (page, query)


def test_the_leak_check_sees_what_a_viewer_with_the_right_sees(app, monkeypatch, secrets):
    """The same check on an internal instance finds the records: it could fail."""
    monkeypatch.setenv("CPST_DATA_DIR", str(secrets.data))
    monkeypatch.setenv("CPST_SHOW_RESTRICTED", "1")
    at = app(**lookups(secrets))
    at.run()
    at.switch_page("pages/projects.py").run()
    found = secrets.found_in(sent(at, lookups(secrets)))
    assert f"project {secrets.project['id']} title_en" in found
    assert any(what.startswith("source ") for what in found)  # the project's own sources
    at.switch_page("pages/changes.py").run()  # the change log's lines of restricted records
    assert f"project {secrets.project['id']} title_en" in secrets.found_in(sent(at, {}))


def test_counts_dates_and_years_leave_restricted_records_out(app, monkeypatch, secrets):
    monkeypatch.setenv("CPST_DATA_DIR", str(secrets.data))
    monkeypatch.delenv("CPST_SHOW_RESTRICTED", raising=False)
    at = app()
    at.run()
    at.switch_page("pages/methodology.py").run()
    info = at.info[0].value  # the as-of line (the worked example follows)
    assert f": {secrets.public_projects:,} projects" in info
    assert f"{secrets.all_projects:,} projects" not in info


def xlsx_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return "\n".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))


def test_downloads_and_chart_exports_hold_no_restricted_record(secrets) -> None:
    import ui
    from analytics import catalog
    from analytics.db import Database
    from analytics.export import safe_csv
    from analytics.filters import Filters, options

    db = Database.load(secrets.data)
    opts = options(db)
    narrowed = opts.from_query({k: [v] for k, v in filters(secrets).items()})
    assert narrowed.institution is None  # not a value the filter knows
    assert secrets.institution not in opts.institution_choices
    texts = []
    for view in (Filters(), narrowed):
        ctx = ui.Context(db, view, "en", opts.as_of, opts.years[1], opts.names("en"))
        for q in ("", secrets.project["title_en"]):
            every = ui._all_projects(ctx, q)
            texts += [safe_csv(every).decode("utf-8-sig"), xlsx_text(ui._xlsx(every, ctx))]
        for name in catalog.CHARTS:
            fig = catalog.figure(name, db, view, "en", ctx.caption(), year=ctx.year)
            texts.append(fig.to_json())
    texts.append(safe_csv(db.query("sources", limit=None)).decode("utf-8-sig"))
    assert secrets.found_in("\n".join(texts)) == []
    assert (
        len(
            Database.load(secrets.data, restricted=True).query(
                "project_list", filters=Filters().params(), q="", limit=None
            )
        )
        == secrets.all_projects
    )


def test_the_command_line_briefing_pack_holds_no_restricted_record(secrets, tmp_path) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    from analytics.__main__ import main

    query = "&".join(f"{k}={v}" for k, v in filters(secrets).items())
    out = tmp_path / "pack"
    assert main(["export", "--query", query, "--out", str(out), "--data", str(secrets.data)]) == 0
    (pdf,) = out.glob("*.pdf")
    (deck,) = out.glob("*.pptx")
    (pngs,) = out.glob("*.zip")
    text = [page.extract_text() for page in PdfReader(pdf).pages]
    text += [
        shape.text_frame.text
        for slide in Presentation(deck).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    text += zipfile.ZipFile(pngs).namelist()
    assert secrets.found_in("\n".join(text)) == []
