"""Command line: `python -m analytics validate|dictionary|export`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from analytics import dictionary
from analytics.validate import validate_dir

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"


def cmd_validate(args: argparse.Namespace) -> int:
    report, _ = validate_dir(args.directory)
    for finding in report.errors + ([] if args.quiet else report.warnings):
        print(finding)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_dictionary(args: argparse.Namespace) -> int:
    print(dictionary.render(args.directory))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """A briefing pack for the view a dashboard URL's query string describes."""
    from urllib.parse import parse_qs

    from analytics import briefing, catalog, i18n
    from analytics.db import Database, DataError
    from analytics.filters import options
    from analytics.snapshot import ENGINE, ExportUnavailable

    try:
        db = Database.load(args.data)
    except DataError as error:
        for finding in error.report.errors:
            print(finding, file=sys.stderr)
        return 1
    query = parse_qs(args.query.lstrip("?"), keep_blank_values=True)
    lang = query.get("lang", ["en"])[0] if query.get("lang", ["en"])[0] in i18n.LANGS else "en"
    opts = options(db)
    filters = opts.from_query(query)
    names = args.charts.split(",") if args.charts else catalog.defaults(filters)
    unknown = [n for n in names if n not in catalog.CHARTS]
    if unknown:
        print(f"unknown charts: {', '.join(unknown)}; known: {', '.join(catalog.CHARTS)}")
        return 2
    labels = i18n.names(opts.sectors, "code", "label", lang)
    labels |= i18n.names(opts.institutions, "id", "name", lang)
    year = filters.year_to or opts.years[1]
    pack = briefing.assemble(db, filters, lang, names, opts.as_of, year, labels)
    try:
        files = briefing.build(pack)
    except ExportUnavailable as error:
        print(error, file=sys.stderr)
        return 1
    finally:
        ENGINE.stop()
    args.out.mkdir(parents=True, exist_ok=True)
    for kind, name in briefing.file_names(pack).items():
        (args.out / name).write_bytes(files[kind])
        print(args.out / name)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analytics")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check the curated CSV files")
    validate.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DATA)
    validate.add_argument("-q", "--quiet", action="store_true", help="errors only")
    validate.set_defaults(run=cmd_validate)
    dictionary_ = sub.add_parser("dictionary", help="print the data dictionary (Markdown)")
    dictionary_.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DATA)
    dictionary_.set_defaults(run=cmd_dictionary)
    export = sub.add_parser("export", help="build a briefing pack (PDF, PPTX, ZIP of PNGs)")
    export.add_argument(
        "--query", default="", help="a dashboard URL's query, e.g. sector=space&lang=zh"
    )
    export.add_argument(
        "--charts", default="", help="comma-separated chart names (default: Overview's)"
    )
    export.add_argument("--out", type=Path, default=Path("briefing"), help="output directory")
    export.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    export.set_defaults(run=cmd_export)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
