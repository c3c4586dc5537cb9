"""Import AidData's Global Chinese Development Finance Dataset (2.0 or 3.0) rows into this
project's tables.

The mapping is documented in data/README.md ("Imported records"); a row that matches a
curated project (the same asset) is linked to it as a source, never duplicated.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from analytics import maintain, names, upload
from analytics.validate import Frame, Report, page_key, read_dir

LICENCE = "ODC-By 1.0"


@dataclass(frozen=True)
class Release:
    """A GCDF release: how its export names the columns the importer reads (by their 2.0
    names), and what its records are cited as."""

    version: str
    dataset: str  # source_dataset of its records
    published: str
    amount_year: str  # the constant-USD year of its amounts
    renamed: dict[str, str] = field(default_factory=dict)  # 2.0 name -> this release's

    @property
    def attribution(self) -> str:
        return f"AidData, Global Chinese Development Finance Dataset, Version {self.version}"

    def source_id(self, aid: str) -> str:
        return f"{self.dataset.replace('_', '-')}-{aid}"


GCDF2 = Release("2.0", "aiddata_gcdf2", "2021-09-29", "2017")  # the geocoded 2.0 file
# Version 3.0 (November 2023), an Excel workbook (sheet GCDF_3.0): the same columns under
# these names, amounts in constant 2021 USD (data/README.md, "GCDF 3.0", says where the
# names come from).
GCDF3 = Release(
    "3.0",
    "aiddata_gcdf3",
    "2023-11-06",
    "2021",
    {
        "id": "AidData Record ID",
        "AidData TUFF Project ID": "AidData Record ID",
        "AidData Sector Name": "Sector Name",
        "Receiving Agencies": "Direct Receiving Agencies",
        "Amount (Constant USD2017)": "Amount (Constant USD 2021)",
    },
)
RELEASES = (GCDF2, GCDF3)

# AidData's OECD-DAC sector names -> (our sector, default sub-sector); energy, transport and
# communications rows are refined by keywords in the title (KEYWORDS).
SECTORS = {
    "ENERGY": ("conventional_energy", ""),
    "TRANSPORT AND STORAGE": ("transport", ""),
    "COMMUNICATIONS": ("digital_economy", "ict_infrastructure"),
    "EDUCATION": ("stem_education", "higher_education"),
    "HEALTH": ("health", "hospitals"),
    "AGRICULTURE, FORESTRY, FISHING": ("agriculture", ""),
    "EMERGENCY RESPONSE": ("climate", "disaster_mitigation"),
    "WATER SUPPLY AND SANITATION": ("climate", "water_resources"),
    "INDUSTRY, MINING, CONSTRUCTION": ("minerals", "mining"),
}
# (sector, words in the lower-case title, our sector, sub-sector), first match wins. Whole
# words only ("support" holds no port); the technology is matched before the rest, so the
# sub-sector comes from what is built, not from a company's name (COMPANIES are taken out).
KEYWORDS = [
    ("ENERGY", r"solar|photovoltaic|pv", "green_energy", "solar"),
    ("ENERGY", r"wind|wind ?farms?|wind ?power", "green_energy", "wind"),
    ("ENERGY", r"nuclear|chashma|kanupp|k-2|k-3", "green_energy", "nuclear"),
    ("ENERGY", r"hydro\w*|dams?", "green_energy", "hydro"),
    ("ENERGY", r"transmission|grid|hvdc|\d*kv", "green_energy", "transmission"),
    ("ENERGY", r"coal", "conventional_energy", "coal"),
    ("ENERGY", r"gas|oil|lng|combined cycle|pipelines?", "conventional_energy", "oil_gas"),
    ("TRANSPORT AND STORAGE", r"rail\w*|trains?|ml-1", "transport", "railways"),
    ("TRANSPORT AND STORAGE", r"airports?", "transport", "airports"),
    ("TRANSPORT AND STORAGE", r"ports?|harbou?rs?|breakwaters?", "transport", "ports"),
    ("TRANSPORT AND STORAGE", r"metro|orange line|bus(es)?", "transport", "urban_transit"),
    (
        "TRANSPORT AND STORAGE",
        r"roads?|highways?|motorways?|expressways?|kkh|bridges?",
        "transport",
        "highways",
    ),
    ("COMMUNICATIONS", r"fib(er|re)|optic(al)?|cables?", "digital_economy", "fibre_cables"),
    ("GOVERNMENT AND CIVIL SOCIETY", r"safe city", "digital_economy", "smart_cities"),
    ("EDUCATION", r"training|vocational|technical", "stem_education", "vocational_training"),
    ("EDUCATION", r"scholarships?", "stem_education", "scholarships"),
    ("INDUSTRY, MINING, CONSTRUCTION", r"ports?|breakwaters?", "transport", "ports"),
    ("INDUSTRY, MINING, CONSTRUCTION", r"oil|pipelines?", "conventional_energy", "oil_gas"),
]
# Company names that name a technology they need not be building ("Hydro China ... Wind Farm").
COMPANIES = r"\b(hydro ?china|power ?china|sino ?hydro|china (gezhouba|three gorges))\b"
STATUSES = {
    "Completion": "operational",
    "Implementation": "under_implementation",
    "Pipeline: Pledge": "proposed",
    "Pipeline: Commitment": "agreed",
    "Cancelled": "cancelled",
    "Suspended": "suspended",
}
GRANTS = ("Grant", "Free-standing technical assistance")
# Words too common in titles to identify an asset when matching curated projects.
GENERIC = {
    *("project", "projects", "power", "plant", "station", "china", "chinese", "pakistan"),
    *("government", "provides", "provide", "loan", "loans", "million", "billion", "credit"),
    *("buyer", "buyers", "export", "bank", "eximbank", "development", "with", "from"),
    *("construction", "phase", "section", "grant", "company", "limited", "private"),
    *("built", "first", "second", "third", "unit", "units", "park", "farm"),
}


@dataclass
class Summary:
    read: int = 0
    imported: int = 0
    linked: dict[str, str] = field(default_factory=dict)  # AidData id -> curated project
    skipped: Counter = field(default_factory=Counter)  # reason -> rows
    updated: dict[str, list[str]] = field(default_factory=dict)  # project -> fields changed
    total_usd_m: float = 0.0  # all imported amounts
    recommended_usd_m: float = 0.0  # excluding "Recommended For Aggregates = No"
    release: Release = GCDF2

    def lines(self) -> list[str]:
        out = [
            f"rows read: {self.read}",
            f"imported as new records: {self.imported}",
            f"linked to a curated project (same asset): {len(self.linked)}",
            f"updated (imported before, changed since): {len(self.updated)}",
            f"skipped: {sum(self.skipped.values())}",
        ]
        out += [f"  {n} × {reason}" for reason, n in self.skipped.most_common()]
        out += [
            f"amount of the imported records: US${self.total_usd_m:,.1f} m "
            f"(constant {self.release.amount_year} USD)",
            f"  of which recommended for aggregates: US${self.recommended_usd_m:,.1f} m",
        ]
        out += [f"  link: AidData {a} -> {p}" for a, p in sorted(self.linked.items())]
        out += [f"  update: {p}: {', '.join(f)}" for p, f in sorted(self.updated.items())]
        return out


# Every column the importer reads: one renamed or missing (say "Recommended For
# Aggregates", which keeps records out of totals) refuses the file rather than being read
# as empty.
REQUIRED = (
    *("id", "AidData TUFF Project ID", "Recommended For Aggregates", "Title", "Status"),
    *("Implementation Start Year", "Completion Year", "Flow Type", "Flow Class"),
    *("AidData Sector Name", "Commitment Year", "Funding Agencies", "Receiving Agencies"),
    *("Implementing Agencies", "Recipient", "Amount (Constant USD2017)"),
    "Planned Completion Date (MM/DD/YYYY)",
    "Actual Implementation Start Date (MM/DD/YYYY)",
    "Actual Completion Date (MM/DD/YYYY)",
)


def read(name: str, data: bytes) -> tuple[pd.DataFrame, Release]:
    """An AidData export (CSV or XLSX) as text columns under their 2.0 names, and its
    release; Refused if it is not one, or if a row has more or fewer fields than the header
    (a file cut in the middle of a row)."""
    text = upload.decode(name, data)  # a workbook is read in the sandboxed child, as uploads are
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader, [])]
        records = []
        for record in reader:
            if len(record) != len(header):
                raise upload.Refused(
                    f"{name}: line {reader.line_num}: {len(record)} fields where the header has "
                    f"{len(header)} (a row cut short or run together): nothing imported"
                )
            records.append(record)
    except csv.Error as exc:
        raise upload.Refused(f"{name}: not a readable CSV file ({exc})") from None
    missing = {}
    for release in RELEASES:
        wanted = [release.renamed.get(column, column) for column in REQUIRED]
        missing[release.version] = [c for c in dict.fromkeys(wanted) if c not in header]
        if not missing[release.version]:
            rows = pd.DataFrame(records, columns=header, dtype=str)
            return rows.assign(**{c: rows[n] for c, n in release.renamed.items()}), release
    raise upload.Refused(
        f"{name}: not an AidData GCDF 2.0 export (no column {', '.join(missing['2.0'])}) "
        f"nor a 3.0 one (no column {', '.join(missing['3.0'])})"
    )


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower())[:50].strip("-")


def _tokens(title: str) -> set[str]:
    words = re.findall(r"[a-z0-9]+", title.lower().replace("-", " "))
    return {w for w in words if len(w) >= 4 and w not in GENERIC and not w.isdigit()}


def _day(value: str) -> str:
    """'2015-04-20T00:00:00' (2.0) or '04/20/2015' (3.0's MM/DD/YYYY) -> '2015-04-20'; empty
    stays empty."""
    if re.match(r"\d{4}-\d{2}-\d{2}", value or ""):
        return value[:10]
    us = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", (value or "").strip())
    return f"{us[3]}-{int(us[1]):02d}-{int(us[2]):02d}" if us else ""


def _measure(flow: str) -> str:
    """What AidData's amount is, by its flow type: a grant, a loan or credit, else unknown."""
    if flow in GRANTS:
        return "grant"
    return "loan" if re.search(r"\b(loan|credit)\b", flow.lower()) else ""


def _year(value: str) -> str:
    """'2005.0' -> '2005'; empty stays empty."""
    return str(int(float(value))) if value and value.replace(".", "", 1).isdigit() else ""


def classify(sector_name: str, title: str) -> tuple[str, str] | None:
    """(our sector, sub-sector) of an AidData row, or None outside the taxonomy."""
    lower = re.sub(COMPANIES, " ", title.lower())
    for name, pattern, sector, sub in KEYWORDS:
        if name == sector_name and re.search(rf"\b({pattern})\b", lower):
            return sector, sub
    return SECTORS.get(sector_name)


def _megawatts(title: str) -> float | None:
    """The largest capacity a title states: '2x660 MW' -> 1320, '99 MW' -> 99."""
    lower = title.lower()
    values = [
        float(n) * float(m) for n, m in re.findall(r"(\d+)\s*[x×]\s*(\d+(?:\.\d+)?)\s*mw", lower)
    ]
    values += [float(v) for v in re.findall(r"(\d+(?:\.\d+)?)\s*mw", lower)]
    return max(values) if values else None


def _curated_matcher(projects: pd.DataFrame):
    """A function: AidData title -> id of the curated project for the same asset, or None.

    A curated project matches when its title has at least two distinctive words, all of
    them appear in the AidData title, and, where both titles state a capacity, the two
    agree within 5% (a 2x350 MW plant at Port Qasim is not the 2x660 MW one). Strict, so
    a wrong link is rarer than a missed one; every link is listed in the import summary.
    """
    keys = []
    for pid, title in zip(projects["id"], projects["title_en"], strict=True):
        tokens = _tokens(title)
        if len(tokens) >= 2:
            keys.append((pid, tokens, _megawatts(title)))

    def same_size(a: float | None, b: float | None) -> bool:
        return a is None or b is None or abs(a - b) <= 0.05 * max(a, b)

    def match(title: str) -> str | None:
        words, size = _tokens(title), _megawatts(title)
        found = [pid for pid, tokens, mw in keys if tokens <= words and same_size(mw, size)]
        return found[0] if len(found) == 1 else None

    return match


def convert(
    rows: pd.DataFrame, frames: dict[str, Frame], today: str, release: Release = GCDF2
) -> tuple[dict, Summary]:
    """New rows for projects, institutions, project_partners, sources and project_sources."""
    summary = Summary(read=len(rows), release=release)
    projects = frames["projects"].df
    match = _curated_matcher(projects[projects["source_dataset"] == "curated"])
    known_ids = set(projects["id"]) | set(frames["sources"].df["id"])
    sources = frames["sources"].df
    # a curated record may cite AidData's page of a project already: that source is reused
    by_page = {
        page_key(u): i
        for i, u in zip(sources["id"], sources["url"], strict=True)
        if isinstance(u, str)
    }
    cited = set(
        zip(
            frames["project_sources"].df["project_id"],
            frames["project_sources"].df["source_id"],
            strict=True,
        )
    )
    sector_of = dict(zip(projects["id"], projects["sector"], strict=True))
    imported = projects[projects["source_dataset"].isin([r.dataset for r in RELEASES])]
    imported = imported.set_index("id")
    aliases = frames.get("institution_aliases")
    by_name = names.known(frames["institutions"].df, aliases.df if aliases else None)
    tables = ("projects", "institutions", "project_partners", "sources", "project_sources")
    new: dict[str, list[dict]] = {table: [] for table in tables}

    for row in rows.to_dict("records"):
        aid = _year(row.get("AidData TUFF Project ID", "")) or row.get("id", "")
        if row.get("Recipient", "").strip() != "Pakistan":
            summary.skipped[f"recipient is {row.get('Recipient') or 'empty'}, not Pakistan"] += 1
            continue
        pid, source_id = f"aiddata-{aid}", release.source_id(aid)
        if pid in imported.index:  # imported before: updated where AidData corrected it
            _update(row, imported.loc[pid], source_id, today, new, summary)
            continue
        if pid in known_ids or source_id in known_ids:
            summary.skipped["already imported"] += 1
            continue
        kind, status = _placed(row)
        if kind is None or status is None:  # the sector check comes before any link
            what = (
                f"sector {row.get('AidData Sector Name')!r}"
                if kind is None
                else f"status {row.get('Status')!r}"
            )
            summary.skipped[f"{what} has no place in this dashboard's taxonomy"] += 1
            continue
        url = f"https://china.aiddata.org/projects/{aid}"
        if page_key(url) in by_page:
            source_id = by_page[page_key(url)]
        else:
            new["sources"].append(
                dict(id=source_id, publisher="AidData", url=url,
                     title=f"{release.attribution}: project {aid}", published=release.published,
                     accessed=today, licence=LICENCE, notes=f"Attribution: {release.attribution}.")
            )  # fmt: skip
        curated = match(row["Title"])
        if curated and sector_of[curated] == kind[0]:  # the same asset, in the same sector
            summary.linked[aid] = curated
            if (curated, source_id) not in cited:
                link = dict(project_id=curated, source_id=source_id, supports="AidData, same asset")
                new["project_sources"].append(link)
                _second_source(projects, curated, new)
            continue
        record = _project(row, pid, kind, status, source_id, today, release)
        new["projects"].append(record)
        new["project_sources"].append(
            dict(project_id=pid, source_id=source_id, supports="all fields")
        )
        for column, role, country, kind_ in (
            ("Funding Agencies", "financier", "CN", "financier"),
            ("Receiving Agencies", "lead", "PK", "ministry_agency"),
            ("Implementing Agencies", "contractor", "other", "enterprise"),
        ):
            # in name order, so the same file gives the same tables on every run
            for name in sorted({n.strip() for n in row.get(column, "").split("|") if n.strip()}):
                keys = names.name_keys(name)
                iid = next((by_name[k] for k in keys if k in by_name), None)
                if iid is None:
                    iid = f"aiddata-{_slug(name)}"
                    by_name.update(dict.fromkeys(keys, iid))
                    new["institutions"].append(
                        dict(id=iid, name_en=name, country=_country(name, country), type=kind_,
                             notes=f"From {release.attribution} ({column}).")
                    )  # fmt: skip
                partner = dict(project_id=pid, institution_id=iid, role=role)
                if partner not in new["project_partners"]:
                    new["project_partners"].append(partner)
        summary.imported += 1
        amount = record["amount_usd_m"]
        if amount:
            summary.total_usd_m += float(amount)
            if not record["excluded_from_totals"]:
                summary.recommended_usd_m += float(amount)
    return new, summary


def _second_source(projects: pd.DataFrame, pid: str, new: dict) -> None:
    """A curated project said to rest on one source has a second one now: AidData's."""
    row = projects[projects["id"] == pid].iloc[0]
    if _text(row.get("single_source")) == "yes":
        record = {k: _text(v) for k, v in row.items()} | {"single_source": ""}
        new["projects"].append(record)


def _placed(row: dict) -> tuple[tuple[str, str] | None, str | None]:
    """A row's (sector, sub-sector) and status in this dashboard's taxonomy; None where it
    has no place there."""
    kind = classify(row.get("AidData Sector Name", ""), row["Title"])
    return kind, STATUSES.get(row.get("Status", ""))


def _update(row: dict, before: pd.Series, source_id: str, today: str, new, summary) -> None:
    """An imported record again: its fields as AidData gives them now, where they differ
    (last_checked aside); unchanged, it is said to be imported already."""
    kind, status = _placed(row)
    if kind is None or status is None:
        summary.skipped["already imported"] += 1
        return
    record = _project(row, str(before.name), kind, status, source_id, today, summary.release)
    changed = [
        name
        for name, value in record.items()
        if name not in ("id", "last_checked") and value != _text(before.get(name))
    ]
    if not changed:
        summary.skipped["already imported, unchanged"] += 1
        return
    new["projects"].append(record)
    summary.updated[record["id"]] = changed


def _text(value: object) -> str:
    """A cell as text, empty for a missing one."""
    return "" if value is None or pd.isna(value) else str(value)


def _country(name: str, default: str) -> str:
    lower = name.lower()
    if "pakistan" in lower:
        return "PK"
    if "china" in lower or "chinese" in lower or "sino" in lower:
        return "CN"
    return default


def _project(
    row: dict, pid: str, kind, status: str, source_id: str, today: str, release: Release
) -> dict:
    sector, sub = kind
    agreement = _year(row.get("Commitment Year", ""))
    start = _day(row.get("Actual Implementation Start Date (MM/DD/YYYY)", "")) or _year(
        row.get("Implementation Start Year", "")
    )
    completion = _day(row.get("Actual Completion Date (MM/DD/YYYY)", ""))
    if not completion and status == "operational":
        completion = _year(row.get("Completion Year", ""))
    planned = _day(row.get("Planned Completion Date (MM/DD/YYYY)", ""))
    flow = f"{row.get('Flow Type')} ({row.get('Flow Class')})"
    notes = [f"Imported from {release.attribution}, record {row.get('id')}; {flow}."]
    # AidData records commitments that follow the start of work; keep the dates in order.
    if agreement and start and agreement > start[:4]:
        notes.append(f"Commitment year {agreement} is after the start; left out of agreement_date.")
        agreement = ""
    if start and completion and completion < start[: len(completion)]:
        notes.append(f"Completion {completion} precedes the start; left out.")
        completion = ""
    if planned and (agreement or start) and planned[:4] < (agreement or start)[:4]:
        planned = ""
    amount = row.get("Amount (Constant USD2017)", "").strip()
    not_recommended = row.get("Recommended For Aggregates", "").strip() == "No"
    if not_recommended:
        notes.append(
            "AidData does not recommend this record for aggregates (umbrella, duplicate or "
            "cancelled): excluded from totals."
        )
    cpec = (
        "yes"
        if re.search(r"\bcpec\b|china-pakistan economic corridor", row["Title"].lower())
        else ""
    )
    record = dict(
        id=pid, title_en=row["Title"].strip(), sector=sector, subsector=sub,
        mode="donation_aid" if row.get("Flow Type") in GRANTS else "investment",
        status=status, agreement_date=agreement, start_date=start, completion_date=completion,
        planned_completion_date=planned,
        amount_usd_m=f"{float(amount) / 1e6:.3f}" if amount else "",
        amount_basis="constant" if amount else "",
        amount_year=release.amount_year if amount else "",
        amount_measure=_measure(row.get("Flow Type", "")) if amount else "",
        cpec=cpec, cpec_source_id=source_id if cpec else "",
        description=(
            f"{row.get('Flow Type')} recorded by AidData under "
            f"{row.get('AidData Sector Name', '').lower()}."
        ),
        visibility="public", last_checked=today, source_dataset=release.dataset,
        excluded_from_totals="yes" if not_recommended else "", notes=" ".join(notes),
    )  # fmt: skip
    return record


def plan(
    directory: Path, name: str, data: bytes, today: str
) -> tuple[list[maintain.Upload], Summary]:
    """The importer's result as whole-table uploads for the ordinary apply path."""
    report = Report()
    frames = read_dir(directory, report)
    rows, release = read(name, data)
    new, summary = convert(rows, frames, today, release)
    uploads = []
    for table, additions in new.items():
        if not additions:
            continue
        frame = frames[table]
        columns = list(frame.table.column_names)
        merged = pd.concat([frame.df.fillna(""), pd.DataFrame(additions)], ignore_index=True)
        merged = merged.drop_duplicates(list(frame.table.key), keep="last")  # updates replace
        text = merged.reindex(columns=columns).fillna("").to_csv(index=False, lineterminator="\n")
        origin = (name, maintain.sha256(data))  # the change log names the AidData file
        uploads.append(maintain.Upload(table, f"{table}.csv", text.encode("utf-8"), origin))
    return uploads, summary
