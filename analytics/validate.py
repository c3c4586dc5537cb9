"""Validate a directory of curated CSV files against the data contract."""

from __future__ import annotations

import csv
import io
import re
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow
from pandera.errors import SchemaErrors
from pyarrow import csv as pa_csv

from analytics import contract as c
from analytics import coverage, names
from analytics.upload import newlines


@dataclass(frozen=True, order=True)
class Finding:
    """One error or warning, located as `file:line: column: message`."""

    file: str
    line: int
    column: str
    message: str
    warning: bool = False

    def __str__(self) -> str:
        prefix = "warning: " if self.warning else ""
        return f"{self.file}:{self.line}: {self.column}: {prefix}{self.message}"


@dataclass
class Frame:
    """A table read as text: empty cells are NA; `lines[i]` is the CSV line of row i."""

    table: c.Table
    df: pd.DataFrame
    lines: list[int]


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    sectors: int = 0
    years: tuple[int, int] | None = None
    # per table with Chinese names: (rows, official, translated[, CN rows, CN rows named])
    chinese: dict[str, tuple[int, ...]] = field(default_factory=dict)
    fresh: tuple[int, int] | None = None  # (statuses checked within STATUS_AGE_DAYS, projects)
    single: tuple[int, int] | None = None  # (projects on one source, of which none other exists)
    coverage: str = ""  # the coverage table's totals (analytics/coverage.py)

    @property
    def errors(self) -> list[Finding]:
        return sorted(f for f in self.findings if not f.warning)

    @property
    def warnings(self) -> list[Finding]:
        return sorted(f for f in self.findings if f.warning)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        tables = ", ".join(f"{n} {t}" for t, n in self.counts.items())
        years = f"years {self.years[0]}–{self.years[1]}" if self.years else "no years"
        return (
            f"{tables}; {self.sectors} sectors with projects; {years}; "
            f"{len(self.errors)} errors, {len(self.warnings)} warnings"
            + "".join(f"\n{line}" for line in self.review_lines() + self.chinese_lines())
        )

    def review_lines(self) -> list[str]:
        """Freshness, single sources and coverage (data/README.md, "Keeping the data true")."""
        lines = []
        if self.fresh:
            checked, total = self.fresh
            share = f"{100 * checked / total:.0f} %" if total else "–"
            lines.append(
                f"Freshness: statuses checked within {STATUS_AGE_DAYS // 30} months: "
                f"{checked} of {total} ({share})"
            )
        if self.single:
            lines.append(
                f"Single source: {self.single[0]} projects rest on one source "
                f"({self.single[1]} searched, no second one exists)"
            )
        return lines + ([self.coverage] if self.coverage else [])

    def chinese_lines(self) -> list[str]:
        """The share of records with a Chinese name, split by how it was obtained."""

        def pct(n: int, of: int) -> str:
            return f"{100 * n / of:.0f} %" if of else "–"

        lines = []
        for table, (rows, official, translated, *cn) in self.chinese.items():
            named = official + translated
            line = (
                f"Chinese names, {table}: {named} of {rows} ({pct(named, rows)}): "
                f"{official} official ({pct(official, rows)}), "
                f"{translated} translated ({pct(translated, rows)})"
            )
            if cn:
                line += f"; Chinese institutions {cn[1]} of {cn[0]} ({pct(cn[1], cn[0])})"
            lines.append(line)
        return lines


# ---------------------------------------------------------------- reading


def read_csv_text(text: str, table: c.Table, report: Report) -> Frame | None:
    """Parse CSV text keeping each record's starting line number (quoted newlines allowed)."""
    text = newlines(text)  # a file saved with CR alone would otherwise be one long line
    cut = _cut_short(text)
    if cut is not None:
        report.findings.append(Finding(table.file, cut, "-", CUT_SHORT))
        return None
    df = _read_plain(text)
    if df is not None:  # one record per line: record i is on line i + 2
        return _frame(table, df, list(range(2, len(df) + 2)))
    return _read_by_record(text, table, report)


CUT_SHORT = (
    'the file ends inside a quoted field (a " that is never closed): it looks cut short; '
    "save it again"
)


def _cut_short(text: str) -> int | None:
    """The line of the last record if it ends inside a quoted field, as a file cut short
    does; None otherwise. Both CSV readers take such a record as complete, so the cut
    would go unnoticed. An even number of quotes cannot end inside one: only an odd
    number needs the (strict) parse, which tells a cut from a stray quote in a cell."""
    if text.count('"') % 2 == 0:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for _ in reader:
            start = reader.line_num + 1
    except csv.Error as exc:
        return start if "unexpected end of data" in str(exc) else None
    return None


def _read_plain(text: str) -> pd.DataFrame | None:
    """The fast path, with Arrow's CSV reader, for the usual file: a header, then exactly one
    record per line, each with as many fields as the header. None for anything else (blank
    lines, quoted newlines, a short or long record, a repeated column name)."""
    header = next(csv.reader(io.StringIO(text.partition("\n")[0])), None)
    if not header or len(set(header)) != len(header):
        return None
    try:
        table = pa_csv.read_csv(
            io.BytesIO(text.encode("utf-8")),
            parse_options=pa_csv.ParseOptions(newlines_in_values=False, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(header, pyarrow.string()), strings_can_be_null=False
            ),
        )
    except pyarrow.ArrowInvalid:
        return None
    lines = text.count("\n") + (not text.endswith("\n")) - 1
    if table.num_rows != lines or table.column_names != header:
        return None
    return table.to_pandas(types_mapper={pyarrow.string(): pd.StringDtype()}.get)


def _read_by_record(text: str, table: c.Table, report: Report) -> Frame | None:
    """Record by record with the csv module, so each error names its line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            report.findings.append(Finding(table.file, 1, "-", "file is empty: no header line"))
            return None
        rows, lines = [], []
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                if len(row) != len(header):
                    report.findings.append(
                        Finding(
                            table.file,
                            start,
                            "-",
                            f"expected {len(header)} fields as in the header, found {len(row)}",
                        )
                    )
                else:
                    rows.append(row)
                    lines.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        report.findings.append(Finding(table.file, reader.line_num, "-", f"bad CSV: {exc}"))
        return None
    return _frame(table, pd.DataFrame(rows, columns=header, dtype=str), lines)


def _frame(table: c.Table, df: pd.DataFrame, lines: list[int]) -> Frame:
    """Text cells trimmed, empty ones NA."""
    df.columns = [h.strip() for h in df.columns]
    df = df.astype("string").apply(lambda s: s.str.strip()).replace("", pd.NA)
    return Frame(table, df.reset_index(drop=True), lines)


def read_table(path: Path, table: c.Table, report: Report) -> Frame | None:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        report.findings.append(
            Finding(table.file, line, "-", "file is not UTF-8 text; save it as UTF-8 CSV")
        )
        return None
    return read_csv_text(text, table, report)


def read_dir(directory: Path, report: Report) -> dict[str, Frame]:
    frames: dict[str, Frame] = {}
    for table in c.TABLES:
        path = directory / table.file
        if not path.exists() and table.optional:  # as if it held its header alone
            frames[table.name] = read_csv_text(",".join(table.column_names) + "\n", table, report)
            continue
        if not path.exists():
            report.findings.append(Finding(table.file, 0, "-", "file is missing"))
            continue
        frame = read_table(path, table, report)
        if frame is not None:
            frames[table.name] = frame
    return frames


# ---------------------------------------------------------------- single-table checks


def parse_partial_date(value: str) -> tuple[int, ...] | None:
    """'2015' -> (2015,), '2015-04' -> (2015, 4), '2015-04-20' -> (2015, 4, 20); None if bad."""
    if not c.PARTIAL_DATE.match(value):
        return None
    parts = tuple(int(p) for p in value.split("-"))
    if len(parts) == 3:
        try:
            date(*parts)
        except ValueError:
            return None
    return parts


def _is_number(v: str) -> bool:
    try:
        float(v)
    except ValueError:
        return False
    return v.strip().lower() not in {"nan", "inf", "-inf", "infinity"}


# Each check takes a whole column (empty cells already left out) and says which values pass:
# one vectorised pass per column, so a million rows take seconds, not minutes.


def _numbers(s: pd.Series) -> pd.Series:
    """The values as floats; NaN where a value is not a finite number."""
    numbers = pd.to_numeric(s.astype(object), errors="coerce").astype(float)
    return numbers.where(np.isfinite(numbers))


def _matches(pattern: re.Pattern) -> Callable[[pd.Series], pd.Series]:
    return lambda s: s.str.match(pattern.pattern).astype(bool)


def _real_day(s: pd.Series) -> pd.Series:
    """Full dates name a real day (2023-02-30 does not); shorter ones pass."""
    full = s.str.len() == 10
    return ~full | pd.to_datetime(s.where(full), format="%Y-%m-%d", errors="coerce").notna()


def _partial_dates(s: pd.Series) -> pd.Series:
    return _matches(c.PARTIAL_DATE)(s) & _real_day(s)


FORMATS: dict[str, tuple[Callable[[pd.Series], pd.Series], str]] = {
    "slug": (_matches(c.SLUG), "must be a lowercase id (a-z, 0-9, hyphens)"),
    "code": (_matches(c.CODE), "must be a lowercase code (a-z, 0-9, _)"),
    "url": (_matches(c.URL), "must be an http(s):// address"),
    "partial_date": (_partial_dates, "must be a date as YYYY, YYYY-MM or YYYY-MM-DD"),
    "date": (
        lambda s: _matches(c.FULL_DATE)(s) & _real_day(s),
        "must be a full date YYYY-MM-DD",
    ),
    "number": (lambda s: _numbers(s).notna(), "must be a number"),
    "year": (lambda s: (s.str.len() == 4) & s.str.isdigit().astype(bool), "must be a year YYYY"),
}


# C0 control characters but tab and line feed (quoted fields may span lines), and DEL: a
# NUL or an escape code is invisible on screen and breaks exports and other tools.
CONTROL = r"[\x00-\x08\x0b-\x1f\x7f]"


def _shown(n: float, year: bool) -> str:
    return f"{n:.0f}" if year else f"{n:,.0f}" if n == int(n) else f"{n:,}"


def _bounds(col: c.Column) -> list[pa.Check]:
    """Values ≥ minimum and ≤ maximum: a number's, or the year of a year or date. One check
    for each bound, so the message names the bound that was crossed."""
    year = col.kind in c.YEAR_KINDS
    prefix = "the year must be" if year else "must be"

    def values(s: pd.Series) -> pd.Series:
        return _numbers(s.str[:4] if year else s)  # NaN (not flagged here) when malformed

    checks = []
    if col.minimum is not None:
        checks.append(
            pa.Check(
                lambda s, m=col.minimum: ~(values(s) < m),
                error=f"{prefix} ≥ {_shown(col.minimum, year)}",
            )
        )
    if col.maximum is not None:
        checks.append(
            pa.Check(
                lambda s, m=col.maximum: ~(values(s) > m),
                error=f"{prefix} ≤ {_shown(col.maximum, year)}",
            )
        )
    return checks


def _checks(col: c.Column) -> list[pa.Check]:
    checks = [
        pa.Check(
            lambda s: ~s.str.contains(CONTROL).astype(bool),
            error="must not contain control characters (NUL, other codes below U+0020 "
            "but tab and line break, DEL)",
        )
    ]
    if col.vocab:
        allowed = list(col.vocab)
        checks.append(
            pa.Check(lambda s: s.isin(allowed), error=f"must be one of: {', '.join(col.vocab)}")
        )
    elif col.kind in FORMATS:
        fn, message = FORMATS[col.kind]
        checks.append(pa.Check(fn, error=message))
    return checks + _bounds(col)


def schema(table: c.Table) -> pa.DataFrameSchema:
    """The pandera schema of one table: columns present, no unknown ones, values well-formed."""
    return pa.DataFrameSchema(
        {
            col.name: pa.Column("string", checks=_checks(col), nullable=not col.required)
            for col in table.columns
        },
        strict=True,
    )


def _message(check: str, value: object) -> str:
    if check == "column_in_dataframe":
        return "required column is missing"
    if check == "column_in_schema":
        return "unknown column"
    if check == "not_nullable":
        return "required value is empty"
    return f"{check}, got {str(value)!r}"


def check_schema(frame: Frame, report: Report) -> None:
    try:
        schema(frame.table).validate(frame.df, lazy=True)
    except SchemaErrors as exc:
        for row in exc.failure_cases.itertuples():
            if row.check in ("column_in_dataframe", "column_in_schema"):
                line, column = 1, str(row.failure_case)
            else:
                line, column = frame.lines[int(row.index)], str(row.column)
            report.findings.append(
                Finding(frame.table.file, line, column, _message(row.check, row.failure_case))
            )


def check_keys(frame: Frame, report: Report) -> None:
    key = list(frame.table.key)
    if not set(key) <= set(frame.df.columns):
        return
    repeated = frame.df[frame.df.duplicated(key, keep=False)]  # usually none: look only there
    first: dict[tuple, int] = {}
    for i, values in zip(repeated.index, repeated[key].itertuples(index=False), strict=True):
        values = tuple(values)
        if values in first:
            shown = ", ".join(str(v) for v in values)
            report.findings.append(
                Finding(
                    frame.table.file,
                    frame.lines[i],
                    "+".join(key),
                    f"duplicate {'+'.join(key)} {shown!r} (first on line {first[values]})",
                )
            )
        else:
            first[values] = frame.lines[i]


# ---------------------------------------------------------------- cross-table checks


def check_references(frames: dict[str, Frame], report: Report) -> None:
    for frame in frames.values():
        for col in frame.table.columns:
            if not col.ref or col.name not in frame.df.columns:
                continue
            ref_table, ref_col = col.ref.split(".")
            target = frames.get(ref_table)
            if target is None or ref_col not in target.df.columns:
                continue
            values = frame.df[col.name]
            known = target.df[ref_col].dropna().astype(object)  # hashed: arrow's isin loops
            unknown = values.notna() & ~values.astype(object).isin(known)
            for i in np.flatnonzero(unknown.to_numpy(dtype=bool)):
                report.findings.append(
                    Finding(
                        frame.table.file,
                        frame.lines[i],
                        col.name,
                        f"{values.iat[i]!r} is not a known {ref_col} in {ref_table}.csv",
                    )
                )


def _after(a: pd.Series, b: pd.Series) -> pd.Series:
    """a > b, compared at the precision both dates share (2015 is not after 2015-04): the
    dates are zero-padded text, so comparing their common prefix compares the dates."""
    shared = np.minimum(a.str.len(), b.str.len())
    after = pd.Series(False, index=a.index)
    for n in (4, 7, 10):
        at = shared == n
        after |= at & (a.str[:n] > b.str[:n])
    return after


DATE_ORDER = (
    ("agreement_date", "start_date"),
    ("start_date", "completion_date"),
    ("agreement_date", "completion_date"),
    # A plan may predate a delayed start, so the planned date is only held to the agreement.
    ("agreement_date", "planned_completion_date"),
)


def _project_rules(frames: dict[str, Frame], report: Report, warning: bool = False):
    """The projects as objects (an empty cell None) and `flag(mask, column, message)`, which
    files a finding on each row in `mask` (`message` is text or made from the row); None
    when the table is missing or lacks a column."""
    projects = frames.get("projects")
    if projects is None or not set(projects.table.column_names) <= set(projects.df.columns):
        return None
    p = projects.df.astype(object).where(projects.df.notna(), None)

    def flag(mask: pd.Series, column: str, message, warning: bool = warning) -> None:
        for i in np.flatnonzero(mask.to_numpy(dtype=bool)):
            text = message if isinstance(message, str) else message(p.iloc[i])
            report.findings.append(
                Finding(projects.table.file, projects.lines[i], column, text, warning)
            )

    return p, flag


def check_projects(frames: dict[str, Frame], report: Report) -> None:
    """Rules across a project's fields and against other tables, each on whole columns."""
    rules = _project_rules(frames, report)
    if rules is None:
        return
    p, flag = rules
    given = p.notna()

    if "subsectors" in frames:
        sub = frames["subsectors"].df
        owner = p["subsector"].map(dict(zip(sub["code"], sub["sector"], strict=True)))
        flag(
            owner.notna() & (owner != p["sector"]),
            "subsector",
            lambda r: f"{r['subsector']!r} belongs to sector {owner[r.name]!r}",
        )
    dates = {
        col: p[col].where(_partial_dates(p[col].fillna(""))) for col in p if col.endswith("_date")
    }
    for early, late in DATE_ORDER:
        flag(
            _after(dates[early].fillna(""), dates[late].fillna("")) & dates[late].notna(),
            late,
            lambda r, e=early, la=late: f"{la} {r[la]} is before {e} {r[e]}",
        )
    _check_site(p, given, flag)
    _check_amount(given, flag)
    flag(
        (p["cpec"] == "yes") & ~given["cpec_source_id"],
        "cpec_source_id",
        "a CPEC project needs the source that lists it",
    )
    if "project_sources" in frames:
        sourced = frames["project_sources"].df["project_id"].dropna().astype(object)
        flag(
            given["id"] & ~p["id"].isin(sourced),
            "id",
            "project has no source in project_sources.csv",
        )


# table: (Chinese name column, its basis, its source)
CHINESE_NAMES = {
    "projects": ("title_zh", "title_zh_basis", "title_zh_source"),
    "institutions": ("name_zh", "name_zh_basis", "name_zh_source"),
}


def check_chinese_names(frames: dict[str, Frame], report: Report) -> None:
    """A Chinese name says how it was obtained: `official` cites the Chinese source naming
    it so (for a project, one of its own sources), `translated` cites none. The shares are
    reported; a record without a Chinese name is a warning (an import may bring one)."""
    for name, (col, basis, source) in CHINESE_NAMES.items():
        frame = frames.get(name)
        if frame is None or not {col, basis, source} <= set(frame.df.columns):
            continue
        df = frame.df.astype(object).where(frame.df.notna(), None)
        given = df.notna()
        official, translated = df[basis] == "official", df[basis] == "translated"
        rules = [
            (given[col] & ~given[basis], basis, f"a Chinese name needs its basis: {c.NAME_BASES}"),
            (~given[col] & given[basis], col, f"{basis} given without a Chinese name"),
            (official & ~given[source], source, "an official Chinese name cites its source"),
            (translated & given[source], source, "a translated name has no source to cite"),
            (~given[col], col, "no Chinese name", True),
        ]
        if name == "projects" and "project_sources" in frames:
            cited = frames["project_sources"].df
            own = set(zip(cited["project_id"], cited["source_id"], strict=True))
            pairs = pd.Series(list(zip(df["id"], df[source], strict=True)), index=df.index)
            rules.append(
                (
                    given[source] & ~pairs.isin(own),
                    source,
                    "the source of the Chinese title is also one of the project's sources",
                )
            )
        for mask, column, message, *warning in rules:
            for i in np.flatnonzero(mask.to_numpy(dtype=bool)):
                report.findings.append(
                    Finding(frame.table.file, frame.lines[i], column, message, bool(warning))
                )
        counts = (len(df), int(official.sum()), int(translated.sum()))
        if "country" in df:
            chinese = df["country"] == "CN"
            counts += (int(chinese.sum()), int((chinese & given[col]).sum()))
        report.chinese[name] = counts


def _check_site(p: pd.DataFrame, given: pd.DataFrame, flag) -> None:
    lat, lon, country = p["latitude"], p["longitude"], p["site_country"]
    one = given["latitude"] != given["longitude"]
    flag(one & ~given["longitude"], "longitude", "give both coordinates or none")
    flag(one & ~given["latitude"], "latitude", "give both coordinates or none")
    y, x = _numbers(lat.fillna("")), _numbers(lon.fillna(""))
    both = y.notna() & x.notna() & ~one
    flag(
        both & ~country.isin(list(c.BOUNDS)),
        "site_country",
        "coordinates need site_country PK or CN",
    )
    outside = pd.Series(False, index=p.index)
    for code, (lat_min, lat_max, lon_min, lon_max) in c.BOUNDS.items():
        inside = y.between(lat_min, lat_max) & x.between(lon_min, lon_max)
        outside |= both & (country == code) & ~inside
    flag(
        outside,
        "latitude",
        lambda r: f"({r['latitude']}, {r['longitude']}) is outside {r['site_country']}",
    )
    flag(
        ~given["latitude"] & ~given["longitude"] & (given["site_country"] | given["city"]),
        "latitude",
        "site has no coordinates",
        warning=True,
    )
    flag(
        given["province"] & (country != "PK"),
        "province",
        "a province is given but site_country is not PK",
    )


def _check_amount(given: pd.DataFrame, flag) -> None:
    amount = given["amount_usd_m"]
    flag(~amount, "amount_usd_m", "amount undisclosed", warning=True)
    for col in ("amount_basis", "amount_year"):
        flag(~amount & given[col], col, "given without an amount")
        flag(amount & ~given[col], col, "required when an amount is given")


# ---------------------------------------------------------------- keeping the data true

# A status checked longer ago than this is due for review (data/README.md, "Keeping the
# data true"); the validator warns, the summary gives the share checked within it.
STATUS_AGE_DAYS = 365
NOT_DONE = ("proposed", "agreed", "under_implementation")
# Notes that say a field is empty or unknown, by the field they speak of.
EMPTY = (
    r"[^.;]{0,40}?\b(?:unknown|not known|undisclosed|not disclosed|left empty|not given|undated)"
)
NOTE_SAYS_EMPTY = {
    "amount_usd_m": rf"\b(?:amount|cost|value)\b{EMPTY}",
    "agreement_date": rf"\bagreement date\b{EMPTY}",
    "start_date": rf"\bstart date\b{EMPTY}",
    "completion_date": rf"\bcompletion date\b{EMPTY}",
}
# A page listing articles, not an article: it changes, and does not say what it is cited for.
NOT_AN_ARTICLE = re.compile(r"/(tags?|categor(y|ies)|topics?|search)(/|$)|[?&](s|q|search)=", re.I)
# Copies of Wikipedia, forums, aggregators and press-release mills: cite the original instead.
WEAK_HOSTS = (
    *("cloudflare-ipfs.com", "wikimili.com", "piglix.com", "de.zxc.wiki", "liquisearch.com"),
    *("handwiki.org", "wiki.riteme.site", "a.osmarks.net", "conceptmap.cfapps.io"),
    *("wikiclassic.com", "wiki-gateway.eudic.net", "de.wikibrief.org", "wikipedia-on-ipfs.org"),
    *("defence.pk", "defenceforumindia.com", "blog.kinaforum.com", "topix.com"),
    *("newssniffer.co.uk", "submitmypressrelease.com", "news.kisspr.com", "blogspot.com"),
    *("pktopweb.com", "newzshewz.com", "review.clateway.com", "cryer.org.uk"),
)


def _host(url: str) -> str:
    return re.sub(r"^www\.", "", urllib.parse.urlsplit(url).netloc.lower())


def page_key(url: str) -> str:
    """A URL as the page it names: without scheme, www, AMP flag and trailing slash."""
    parts = urllib.parse.urlsplit(url.strip())
    query = "&".join(q for q in parts.query.split("&") if q and q != "amp=1")
    return f"{_host(url)}{parts.path.rstrip('/')}" + (f"?{query}" if query else "")


def check_sources(frames: dict[str, Frame], report: Report) -> None:
    """Every source an article, each page cited once, none a mirror, forum or aggregator."""
    sources = frames.get("sources")
    if sources is None or not {"id", "url"} <= set(sources.df.columns):
        return
    urls = sources.df["url"].astype(object)
    first: dict[str, str] = {}
    for i, (sid, url) in enumerate(zip(sources.df["id"], urls, strict=True)):
        if not isinstance(url, str):
            continue
        found = []
        if NOT_AN_ARTICLE.search(url):
            found.append(("a tag, category or search page is not a source: cite the article", 0))
        page = page_key(url)
        if page in first:
            found.append((f"the same page as source {first[page]!r}: merge the two", 0))
        first.setdefault(page, sid)
        host = _host(url)
        if any(host == h or host.endswith("." + h) for h in WEAK_HOSTS):
            found.append((f"{host} is a copy, forum or aggregator: cite the original", 1))
        for message, warning in found:
            report.findings.append(
                Finding(sources.table.file, sources.lines[i], "url", message, bool(warning))
            )


def check_institution_names(frames: dict[str, Frame], report: Report) -> None:
    """One institution, one row: a row whose name, short name or abbreviation is another
    institution's, or an alias of another (institution_aliases.csv), is refused; so is an
    alias that is another institution's name."""
    institutions, aliases = frames.get("institutions"), frames.get("institution_aliases")
    if institutions is None or not {"id", "name_en", "short_name"} <= set(institutions.df.columns):
        return
    df = institutions.df.astype(object).where(institutions.df.notna(), None)
    rows = [
        (iid, names.name_keys(name or "", short))
        for iid, name, short in zip(df["id"], df["name_en"], df["short_name"], strict=True)
    ]
    a = None
    if aliases is not None and {"alias", "institution_id"} <= set(aliases.df.columns):
        a = aliases.df.astype(object).where(aliases.df.notna(), None)
    alias_of = {}
    if a is not None:
        for alias, iid in zip(a["alias"], a["institution_id"], strict=True):
            alias_of.update(dict.fromkeys(names.name_keys(alias or ""), iid))
    first: dict[str, str] = {}  # a name belongs to the first row that has it
    for iid, keys in rows:
        for k in keys:
            first.setdefault(k, iid)
    for i, (iid, keys) in enumerate(rows):
        other = {o for k in keys for o in (first[k], alias_of.get(k, iid))} - {iid}
        if other:
            report.findings.append(
                Finding(
                    institutions.table.file,
                    institutions.lines[i],
                    "name_en",
                    f"the same institution as {sorted(other)[0]!r} (by its name, short name or "
                    "an alias): use that id",
                )
            )
    if a is None:
        return
    for i, (alias, iid) in enumerate(zip(a["alias"], a["institution_id"], strict=True)):
        other = {first[k] for k in names.name_keys(alias or "") if k in first}
        other -= {iid}
        if other:
            message = f"{alias!r} already names {sorted(other)[0]!r}"
            report.findings.append(Finding(aliases.table.file, aliases.lines[i], "alias", message))


def check_freshness(frames: dict[str, Frame], report: Report, today: date) -> None:
    """Statuses due for review, statuses their own dates contradict, notes that contradict
    their fields, dateless operational projects and projects on a single source (all
    warnings but one)."""
    rules = _project_rules(frames, report, warning=True)
    if rules is None:
        return
    p, flag = rules
    given = p.notna()

    checked = pd.to_datetime(p["last_checked"], format="%Y-%m-%d", errors="coerce")
    due = checked < pd.Timestamp(today) - pd.Timedelta(days=STATUS_AGE_DAYS)
    flag(due, "last_checked", lambda r: f"status last checked {r['last_checked']}: review it")
    report.fresh = (int((checked.notna() & ~due).sum()), len(p))
    status = p["status"]
    flag(
        (status == "proposed") & given["start_date"],
        "status",
        lambda r: f"a proposed project has a start date ({r['start_date']}): which is out of date?",
    )
    flag(
        status.isin(NOT_DONE) & given["completion_date"],
        "status",
        lambda r: f"status {r['status']} but completed {r['completion_date']}",
    )
    planned = p["planned_completion_date"].fillna("")
    checked_text = p["last_checked"].fillna("")
    # a planned year or month has passed once the next has begun; the status was checked
    # after it only if checked once it had passed
    passed = planned.map(lambda d: bool(d) and d < today.isoformat()[: len(d)])
    checked_before = pd.Series(
        [c[: len(d)] <= d for c, d in zip(checked_text, planned, strict=True)], index=p.index
    )
    flag(
        (status == "under_implementation") & passed & checked_before,
        "status",
        lambda r: (
            f"planned completion {r['planned_completion_date']} has passed since the "
            "status was last checked"
        ),
    )
    undated = ~(given["agreement_date"] | given["start_date"] | given["completion_date"])
    flag(
        (status == "operational") & undated,
        "completion_date",
        "an operational project without the year it was agreed, started or completed is in "
        "no year's figures: find the year",
    )
    notes = p["notes"].fillna("").str.lower()
    for column, pattern in NOTE_SAYS_EMPTY.items():
        flag(
            given[column] & notes.str.contains(pattern, regex=True),
            "notes",
            lambda r, col=column: f"the notes say {col} is unknown, but it is {r[col]}",
        )
    if "project_sources" in frames:
        cited = frames["project_sources"].df["project_id"].dropna().astype(object)
        n = p["id"].map(cited.value_counts()).fillna(0)
        single = p["single_source"] == "yes"
        flag(
            (n == 1) & ~single,
            "id",
            "rests on one source: add an independent second one, or set single_source=yes "
            "once a search found none",
        )
        flag(
            single & (n > 1),
            "single_source",
            lambda r: f"single_source=yes, but {int(n[r.name])} sources are cited",
            warning=False,
        )
        report.single = (int((n == 1).sum()), int(((n == 1) & single).sum()))


# ---------------------------------------------------------------- entry points


def _project_years(projects: pd.DataFrame) -> pd.Series:
    """Each project's year: the first well-formed of its agreement, start, completion dates."""
    years = pd.Series(np.nan, index=projects.index)
    for col in ("agreement_date", "start_date", "completion_date"):
        dates = projects[col].dropna()
        valid = dates[_partial_dates(dates)]
        years = years.fillna(pd.to_numeric(valid.str[:4]).astype(float))
    return years.dropna()


def validate_frames(
    frames: dict[str, Frame], report: Report | None = None, today: date | None = None
) -> Report:
    """Every rule on `frames`; `today` dates the freshness rules (the clock's date if None)."""
    report = report or Report()
    for frame in frames.values():
        check_schema(frame, report)
        check_keys(frame, report)
        report.counts[frame.table.name] = len(frame.df)
    check_references(frames, report)
    check_projects(frames, report)
    check_chinese_names(frames, report)
    check_sources(frames, report)
    check_institution_names(frames, report)
    check_freshness(frames, report, today or date.today())
    projects = frames.get("projects")
    if projects is not None:
        df = projects.df
        if {"sector", "subsector", "mode"} <= set(df.columns):
            report.coverage = coverage.summary(df)
        report.sectors = df["sector"].nunique() if "sector" in df else 0
        if {"agreement_date", "start_date", "completion_date"} <= set(df.columns):
            years = _project_years(df)
            report.years = (int(years.min()), int(years.max())) if len(years) else None
    return report


def validate_dir(directory: Path, today: date | None = None) -> tuple[Report, dict[str, Frame]]:
    """Read and check every table in `directory`; the frames are returned for loading."""
    report = Report()
    frames = read_dir(Path(directory), report)
    return validate_frames(frames, report, today), frames
