"""Validate a directory of curated CSV files against the data contract."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaErrors

from analytics import contract as c


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
        )


# ---------------------------------------------------------------- reading


def read_csv_text(text: str, table: c.Table, report: Report) -> Frame | None:
    """Parse CSV text keeping each record's starting line number (quoted newlines allowed)."""
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
    header = [h.strip() for h in header]
    df = pd.DataFrame(rows, columns=header, dtype="string")
    df = df.apply(lambda s: s.str.strip()).replace("", pd.NA)
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


FORMATS: dict[str, tuple[Callable[[str], bool], str]] = {
    "slug": (lambda v: bool(c.SLUG.match(v)), "must be a lowercase id (a-z, 0-9, hyphens)"),
    "code": (lambda v: bool(c.CODE.match(v)), "must be a lowercase code (a-z, 0-9, _)"),
    "url": (lambda v: bool(c.URL.match(v)), "must be an http(s):// address"),
    "partial_date": (
        lambda v: parse_partial_date(v) is not None,
        "must be a date as YYYY, YYYY-MM or YYYY-MM-DD",
    ),
    "date": (
        lambda v: bool(c.FULL_DATE.match(v)) and parse_partial_date(v) is not None,
        "must be a full date YYYY-MM-DD",
    ),
    "number": (_is_number, "must be a number"),
    "year": (lambda v: v.isdigit() and len(v) == 4, "must be a year YYYY"),
}


def _checks(col: c.Column) -> list[pa.Check]:
    checks = []
    if col.vocab:
        allowed = set(col.vocab)
        checks.append(
            pa.Check(
                lambda v, allowed=allowed: v in allowed,
                element_wise=True,
                error=f"must be one of: {', '.join(col.vocab)}",
            )
        )
    elif col.kind in FORMATS:
        fn, message = FORMATS[col.kind]
        checks.append(pa.Check(fn, element_wise=True, error=message))
    if col.minimum is not None:
        checks.append(
            pa.Check(
                lambda v, m=col.minimum: not _is_number(v) or float(v) >= m,
                element_wise=True,
                error=f"must be ≥ {col.minimum:g}",
            )
        )
    return checks


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
    first: dict[tuple, int] = {}
    for i, values in enumerate(frame.df[key].itertuples(index=False)):
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


def _rows(frame: Frame):
    """Each row as a dict of present values, with its line number."""
    for i, row in enumerate(frame.df.to_dict("records")):
        yield frame.lines[i], {k: v for k, v in row.items() if not pd.isna(v)}


def check_references(frames: dict[str, Frame], report: Report) -> None:
    for frame in frames.values():
        for col in frame.table.columns:
            if not col.ref or col.name not in frame.df.columns:
                continue
            ref_table, ref_col = col.ref.split(".")
            target = frames.get(ref_table)
            if target is None or ref_col not in target.df.columns:
                continue
            known = set(target.df[ref_col].dropna())
            for line, row in _rows(frame):
                value = row.get(col.name)
                if value is not None and value not in known:
                    report.findings.append(
                        Finding(
                            frame.table.file,
                            line,
                            col.name,
                            f"{value!r} is not a known {ref_col} in {ref_table}.csv",
                        )
                    )


def _before(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """a ≤ b, compared at the precision both dates share (2015 ≤ 2015-04 holds)."""
    n = min(len(a), len(b))
    return a[:n] <= b[:n]


DATE_ORDER = (
    ("agreement_date", "start_date"),
    ("start_date", "completion_date"),
    ("agreement_date", "completion_date"),
    # A plan may predate a delayed start, so the planned date is only held to the agreement.
    ("agreement_date", "planned_completion_date"),
)


def _in_bounds(lat: float, lon: float, country: str) -> bool:
    lat_min, lat_max, lon_min, lon_max = c.BOUNDS[country]
    return lat_min <= lat <= lat_max and lon_min <= lon <= lon_max


def check_projects(frames: dict[str, Frame], report: Report) -> None:
    projects = frames.get("projects")
    if projects is None or not set(projects.table.column_names) <= set(projects.df.columns):
        return
    file = projects.table.file
    subsector_of = {}
    if "subsectors" in frames:
        sub = frames["subsectors"].df
        subsector_of = dict(zip(sub["code"], sub["sector"], strict=True))
    sourced = set()
    if "project_sources" in frames:
        sourced = set(frames["project_sources"].df["project_id"].dropna())

    def add(line: int, column: str, message: str, warning: bool = False) -> None:
        report.findings.append(Finding(file, line, column, message, warning))

    for line, p in _rows(projects):
        sub = p.get("subsector")
        if sub in subsector_of and subsector_of[sub] != p.get("sector"):
            add(line, "subsector", f"{sub!r} belongs to sector {subsector_of[sub]!r}")
        dates = {k: parse_partial_date(p[k]) for k in p if k.endswith("_date")}
        for early, late in DATE_ORDER:
            if dates.get(early) and dates.get(late) and not _before(dates[early], dates[late]):
                add(line, late, f"{late} {p[late]} is before {early} {p[early]}")
        _check_site(p, line, add)
        _check_amount(p, line, add)
        if p.get("cpec") == "yes" and not p.get("cpec_source_id"):
            add(line, "cpec_source_id", "a CPEC project needs the source that lists it")
        if p.get("id") and p["id"] not in sourced:
            add(line, "id", "project has no source in project_sources.csv")


def _check_site(p: dict, line: int, add) -> None:
    lat, lon, country = p.get("latitude"), p.get("longitude"), p.get("site_country")
    if (lat is None) != (lon is None):
        add(line, "longitude" if lon is None else "latitude", "give both coordinates or none")
    elif lat is not None and _is_number(lat) and _is_number(lon):
        if country not in c.BOUNDS:
            add(line, "site_country", "coordinates need site_country PK or CN")
        elif not _in_bounds(float(lat), float(lon), country):
            add(line, "latitude", f"({lat}, {lon}) is outside {country}")
    elif lat is None and (country or p.get("city")):
        add(line, "latitude", "site has no coordinates", warning=True)
    if p.get("province") and country != "PK":
        add(line, "province", "a province is given but site_country is not PK")


def _check_amount(p: dict, line: int, add) -> None:
    if p.get("amount_usd_m") is None:
        add(line, "amount_usd_m", "amount undisclosed", warning=True)
        for col in ("amount_basis", "amount_year"):
            if p.get(col):
                add(line, col, "given without an amount")
        return
    for col in ("amount_basis", "amount_year"):
        if not p.get(col):
            add(line, col, "required when an amount is given")


# ---------------------------------------------------------------- entry points


def _project_year(p: dict) -> int | None:
    for col in ("agreement_date", "start_date", "completion_date"):
        parsed = parse_partial_date(p.get(col) or "")
        if parsed:
            return parsed[0]
    return None


def validate_frames(frames: dict[str, Frame], report: Report | None = None) -> Report:
    report = report or Report()
    for frame in frames.values():
        check_schema(frame, report)
        check_keys(frame, report)
        report.counts[frame.table.name] = len(frame.df)
    check_references(frames, report)
    check_projects(frames, report)
    if "projects" in frames:
        rows = [p for _, p in _rows(frames["projects"])]
        report.sectors = len({p["sector"] for p in rows if "sector" in p})
        years = [y for y in map(_project_year, rows) if y]
        report.years = (min(years), max(years)) if years else None
    return report


def validate_dir(directory: Path) -> tuple[Report, dict[str, Frame]]:
    """Read and check every table in `directory`; the frames are returned for loading."""
    report = Report()
    frames = read_dir(Path(directory), report)
    return validate_frames(frames, report), frames
