"""The data contract: every table, column, vocabulary, key and reference of the curated data."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Vocabularies: codes stored in the CSV files. Labels in both languages live in the
# data README (and, for the app, in the translation tables).
MODES = (
    "joint_lab",
    "technology_transfer",
    "investment",
    "training_exchange",
    "stem_education",
    "framework_agreement",
    "enterprise_incubation",
    "donation_aid",
)
STATUSES = (
    "proposed",
    "agreed",
    "under_implementation",
    "operational",
    "suspended",
    "cancelled",
)
PROVINCES = ("PK-PB", "PK-SD", "PK-KP", "PK-BA", "PK-IS", "PK-GB", "PK-JK", "multiple")
SITE_COUNTRIES = ("PK", "CN", "other")
COUNTRIES = ("CN", "PK", "other")
INSTITUTION_TYPES = (
    "ministry_agency",
    "academy_institute",
    "university",
    "enterprise",
    "financier",
    "association",
    "international_org",
)
ROLES = ("lead", "partner", "financier", "contractor", "host")
EVENTS = (
    "announced",
    "agreement_signed",
    "financial_close",
    "construction_started",
    "launched",
    "inaugurated",
    "commissioned",
    "completed",
    "handed_over",
    "suspended",
    "cancelled",
    "other",
)
AMOUNT_BASES = ("nominal", "constant")
# What an amount measures: amounts of these kinds are not alike, so each says which it is.
AMOUNT_MEASURES = ("contract", "project_cost", "loan", "grant", "investment")
# How a Chinese name was obtained: a Chinese-language source names it so (official, cited),
# or no such source was found and it was translated (the dashboard marks it 译).
NAME_BASES = ("official", "translated")
VISIBILITIES = ("public", "restricted")
YES_NO = ("yes", "no")
CHANGE_ACTIONS = ("added", "changed", "removed")
SOURCE_DATASETS = ("curated", "aiddata_gcdf2", "aiddata_gcdf3")
# The dashboard's KPIs (analytics/kpis.py); targets.csv may only name these.
KPI_CODES = (
    "projects_total",
    "under_implementation",
    "operational",
    "agreements_year",
    "committed_usd",
    "green_mw",
    "joint_labs",
    "satellites",
    "institutions",
)

# Bounding boxes (lat_min, lat_max, lon_min, lon_max) used to catch swapped or mistyped
# coordinates; Pakistan's includes Gilgit-Baltistan and Azad Jammu and Kashmir.
BOUNDS = {
    "PK": (23.5, 37.1, 60.8, 77.9),
    "CN": (18.0, 53.6, 73.5, 134.8),
}

PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
FULL_DATE = re.compile(r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CODE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")
URL = re.compile(r"^https?://\S+$")
# Plausible ranges: a value outside is a typo or a hostile file, and would break totals and
# pages (1e308 overflows a sum). Years (and the year of every date): Pakistan's founding in
# 1947 comes before any record here (the oldest is 1976); 2100 leaves room for plans.
YEARS = (1947, 2100)
USD_M = (0, 100_000)  # one project, USD millions: CPEC as a whole is about 62,000
MW = (0, 50_000)  # one plant, MW: the world's largest (Three Gorges) has 22,500


@dataclass(frozen=True)
class Column:
    """One column: its kind decides the format check; vocab, bounds and refs add to it.

    `minimum`/`maximum` bound a number, or the year of a year or date column."""

    name: str
    kind: str = "text"  # text | slug | code | url | partial_date | date | number | year
    required: bool = False
    vocab: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None  # "table.column" this value must exist in
    doc: str = ""


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    doc: str = ""
    optional: bool = False  # a table whose file may be absent (read as empty)
    kept_by_app: bool = False  # written by the app alone: no upload names it

    @property
    def file(self) -> str:
        return f"{self.name}.csv"

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)


YEAR_KINDS = ("year", "partial_date", "date")


def _c(name: str, kind: str = "text", **kw) -> Column:
    if kind in YEAR_KINDS:
        kw = {"minimum": YEARS[0], "maximum": YEARS[1], **kw}
    return Column(name, kind, **kw)


TABLES: tuple[Table, ...] = (
    Table(
        "sectors",
        (
            _c("code", "code", required=True, doc="sector code"),
            _c("label_en", required=True, doc="English label"),
            _c("label_zh", required=True, doc="Chinese label"),
            _c("description_en", doc="what the sector covers"),
        ),
        key=("code",),
        doc="the sector taxonomy",
    ),
    Table(
        "subsectors",
        (
            _c("code", "code", required=True, doc="sub-sector code"),
            _c("sector", "code", required=True, ref="sectors.code", doc="parent sector"),
            _c("label_en", required=True, doc="English label"),
            _c("label_zh", required=True, doc="Chinese label"),
        ),
        key=("code",),
        doc="the sub-sectors of each sector",
    ),
    Table(
        "institutions",
        (
            _c("id", "slug", required=True, doc="stable readable id"),
            _c("name_en", required=True, doc="English name"),
            _c("name_zh", doc="Chinese name"),
            _c("name_zh_basis", "code", vocab=NAME_BASES, doc="official or translated"),
            _c("name_zh_source", "slug", ref="sources.id", doc="Chinese source naming it so"),
            _c("short_name", doc="acronym or short name"),
            _c("country", "code", required=True, vocab=COUNTRIES, doc="CN, PK or other"),
            _c("type", "code", required=True, vocab=INSTITUTION_TYPES, doc="kind of body"),
            _c("city", doc="seat of the institution"),
            _c("notes", doc="free text"),
        ),
        key=("id",),
        doc="ministries, academies, universities, enterprises and financiers",
    ),
    Table(
        "sources",
        (
            _c("id", "slug", required=True, doc="stable readable id"),
            _c("publisher", required=True, doc="who published it"),
            _c("title", required=True, doc="title of the page or document"),
            _c("url", "url", doc="address, where one is known"),
            _c("published", "partial_date", doc="publication date"),
            _c("accessed", "date", required=True, doc="date the source was checked"),
            _c("licence", doc="licence of the source's content, where stated"),
            _c("notes", doc="free text"),
        ),
        key=("id",),
        doc="public sources backing the records",
    ),
    Table(
        "projects",
        (
            _c("id", "slug", required=True, doc="stable readable id"),
            _c("title_en", required=True, doc="English title"),
            _c("title_zh", doc="Chinese title"),
            _c("title_zh_basis", "code", vocab=NAME_BASES, doc="official or translated"),
            _c("title_zh_source", "slug", ref="sources.id", doc="Chinese source naming it so"),
            _c("sector", "code", required=True, ref="sectors.code", doc="sector code"),
            _c("subsector", "code", ref="subsectors.code", doc="sub-sector of that sector"),
            _c("mode", "code", required=True, vocab=MODES, doc="cooperation mode"),
            _c("status", "code", required=True, vocab=STATUSES, doc="latest known status"),
            _c("agreement_date", "partial_date", doc="agreement signed or announced"),
            _c("start_date", "partial_date", doc="work or operation started"),
            _c("completion_date", "partial_date", doc="completed, commissioned or launched"),
            _c("planned_completion_date", "partial_date", doc="completion first planned"),
            _c("site_country", "code", vocab=SITE_COUNTRIES, doc="country of the site"),
            _c("province", vocab=PROVINCES, doc="Pakistani province or territory"),
            _c("city", doc="city or district of the site"),
            _c("city_zh", doc="the same place in Chinese"),
            _c("latitude", "number", minimum=-90, maximum=90, doc="decimal degrees, WGS 84"),
            _c("longitude", "number", minimum=-180, maximum=180, doc="decimal degrees, WGS 84"),
            _c(
                "amount_usd_m",
                "number",
                minimum=USD_M[0],
                maximum=USD_M[1],
                doc="USD millions; empty = undisclosed",
            ),
            _c("amount_basis", "code", vocab=AMOUNT_BASES, doc="nominal or constant"),
            _c("amount_year", "year", doc="price year of the amount"),
            _c(
                "amount_measure",
                "code",
                vocab=AMOUNT_MEASURES,
                doc="what the amount measures: a contract, the whole project's cost, a loan, "
                "a grant or an investment",
            ),
            _c(
                "capacity_mw",
                "number",
                minimum=MW[0],
                maximum=MW[1],
                doc="installed capacity, MW",
            ),
            _c("cpec", "code", vocab=YES_NO, doc="listed under CPEC; empty = unknown"),
            _c("cpec_source_id", "slug", ref="sources.id", doc="source saying it is CPEC"),
            _c("description", required=True, doc="short description"),
            _c("visibility", "code", required=True, vocab=VISIBILITIES, doc="public/restricted"),
            _c("last_checked", "date", required=True, doc="date the record was last checked"),
            _c("source_dataset", "code", required=True, vocab=SOURCE_DATASETS, doc="origin"),
            _c(
                "excluded_from_totals",
                "code",
                vocab=YES_NO,
                doc="yes: kept, but left out of amount totals (e.g. AidData not recommended)",
            ),
            _c(
                "single_source",
                "code",
                vocab=YES_NO,
                doc="yes: searched for a second independent source and none exists",
            ),
            _c("notes", doc="disagreements between sources, caveats"),
        ),
        key=("id",),
        doc="one row per cooperation project or programme",
    ),
    Table(
        "project_partners",
        (
            _c("project_id", "slug", required=True, ref="projects.id", doc="project"),
            _c("institution_id", "slug", required=True, ref="institutions.id", doc="partner"),
            _c("role", "code", required=True, vocab=ROLES, doc="role in the project"),
            _c("notes", doc="free text"),
        ),
        key=("project_id", "institution_id", "role"),
        doc="which institutions take part in which project, and how",
    ),
    Table(
        "milestones",
        (
            _c("project_id", "slug", required=True, ref="projects.id", doc="project"),
            _c("date", "partial_date", required=True, doc="when it happened"),
            _c("event", "code", required=True, vocab=EVENTS, doc="kind of event"),
            _c("description", doc="what happened"),
            _c("source_id", "slug", required=True, ref="sources.id", doc="source stating it"),
        ),
        key=("project_id", "date", "event"),
        doc="dated events in a project's life",
    ),
    Table(
        "project_sources",
        (
            _c("project_id", "slug", required=True, ref="projects.id", doc="project"),
            _c("source_id", "slug", required=True, ref="sources.id", doc="source"),
            _c("supports", doc="which facts the source backs"),
        ),
        key=("project_id", "source_id"),
        doc="which sources back which project",
    ),
    Table(
        "institution_aliases",
        (
            _c(
                "alias",
                required=True,
                doc="another name or abbreviation the institution is known by",
            ),
            _c(
                "institution_id",
                "slug",
                required=True,
                ref="institutions.id",
                doc="the institution it names",
            ),
            _c("notes", doc="where the alias is used"),
        ),
        key=("alias",),
        doc="other names of institutions, used by the importer and by uploads",
    ),
    Table(
        "targets",
        (
            _c("kpi", "code", required=True, vocab=KPI_CODES, doc="KPI code"),
            _c("year", "year", required=True, doc="target year"),
            # A count, USD millions or MW, for all projects together.
            _c("value", "number", required=True, minimum=0, maximum=1_000_000, doc="target value"),
            _c("set_by", required=True, doc="body that set the target"),
            _c("source_id", "slug", ref="sources.id", doc="where the target is recorded"),
            _c("notes", doc="free text"),
        ),
        key=("kpi", "year"),
        doc="KPI targets set by the committee",
    ),
    Table(
        "meetings",
        (
            _c("date", "date", required=True, doc="day of the meeting"),
            _c("title_en", required=True, doc="the meeting's name in English"),
            _c("title_zh", doc="its name in Chinese, where a Chinese source gives one"),
            _c("source_id", "slug", required=True, ref="sources.id", doc="page reporting it"),
            _c("notes", doc="free text"),
        ),
        key=("date", "title_en"),
        doc="meetings of the bodies steering the cooperation: 'what changed since' counts "
        "from the last one",
        optional=True,  # a data directory from before meetings were kept still opens
    ),
    Table(
        "record_changes",
        (
            _c("changed_at", required=True, doc="when an apply made the change (UTC)"),
            _c("changed_on", "date", required=True, doc="its day"),
            _c("table_name", "code", required=True, doc="the table changed"),
            _c("record", required=True, doc="the record's key, parts joined by |"),
            _c("project_id", "slug", doc="the project the record belongs to"),
            _c("action", "code", required=True, vocab=CHANGE_ACTIONS, doc="what happened"),
            _c("field", doc="the field changed (changed records: one line each)"),
            _c("before", doc="its value before"),
            _c("after", doc="its value after"),
            _c(
                "visibility",
                "code",
                required=True,
                vocab=VISIBILITIES,
                doc="restricted when the record was or became restricted",
            ),
        ),
        key=("changed_at", "table_name", "record", "field"),
        doc="the change log, record by record: written by each apply, never uploaded",
        optional=True,
        kept_by_app=True,
    ),
)

TABLE_BY_NAME = {t.name: t for t in TABLES}
# What a file upload may change: every table but the change log, which only an apply writes.
UPLOADABLE = {t.name: t for t in TABLES if not t.kept_by_app}
