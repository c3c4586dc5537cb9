"""Command line: `python -m analytics COMMAND`: validate, compile, dictionary, export, apply,
import, history, restore."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from analytics import dictionary
from analytics.validate import validate_dir

DEFAULT_DATA = Path(__file__).resolve().parent.parent / "data"


def cmd_validate(args: argparse.Namespace) -> int:
    from analytics import store

    with store.reading(args.directory):  # a change a crash interrupted is finished first
        report, _ = validate_dir(args.directory, today=args.as_of)
    for finding in report.errors + ([] if args.quiet else report.warnings):
        print(finding)
    print(report.summary())
    return 0 if report.ok else 1


def cmd_compile(args: argparse.Namespace) -> int:
    """Compile the data now (the app would on its first page), so the first visitor does not
    wait: after editing CSVs by hand, or in a deployment step."""
    from analytics.compile import DataError, ensure

    try:
        path, done = ensure(args.directory)
    except DataError as error:
        print(f"not compiled: {error}; run `python -m analytics validate {args.directory}`")
        return 1
    print(f"{path} is up to date" if done == "up to date" else f"{done} {path}")
    return 0


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
        db = Database.load(args.data, restricted=args.include_restricted)
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


# Exit codes of apply, import and restore.
INVALID, USAGE, STALE = 1, 2, 3
WHY = "why the data changes, for the audit trail (required with --yes)"


def _review(directory: Path, uploads: list, warnings: bool = True):
    """Print every error (and warning); the plan to apply, or None if nothing may change."""
    from analytics import maintain

    report, plan = maintain.review(directory, uploads)
    for finding in report.errors + (report.warnings if warnings else []):
        print(finding)
    if not report.ok:
        print(f"{len(report.errors)} errors: nothing was changed")
    return plan


def _print_plan(plan) -> None:
    """The difference, naming every record added or removed and every field changed."""
    for _, change, _ in plan.changes:
        print(
            f"{change.table}: {len(change.added)} added, {len(change.changed)} changed, "
            f"{len(change.removed)} removed"
        )
        for item in change.added:
            print(f"  added {item.key}")
        for item in change.removed:
            print(f"  REMOVED {item.key}")
        for item in change.changed:
            for name in item.fields:
                print(
                    f"  {item.key}: {name}: {item.before.get(name)!r} -> {item.after.get(name)!r}"
                )


def _apply(directory: Path, uploads: list, plan, args: argparse.Namespace, action: str) -> int:
    """Apply the plan just shown, in the audit trail under the OS user's name and the
    reason given; if another writer changed the data since, apply nothing, show the
    difference now and exit with STALE."""
    import getpass

    from analytics import maintain

    try:
        backups = maintain.apply(
            directory, plan, who=getpass.getuser(), why=args.why or "", action=action
        )
    except maintain.Stale as stale:
        print(f"refused: {stale}. The difference now:")
        _, plan = maintain.review(directory, uploads)
        if plan is not None:
            _print_plan(plan)
        return STALE
    except maintain.Refused as refused:
        print(f"refused: {refused}")
        return USAGE
    print("applied; the previous files are kept as " + ", ".join(str(b) for b in backups))
    return 0


def cmd_apply(args: argparse.Namespace) -> int:
    """Validate table files, show their difference from the data, apply them with --yes."""
    from analytics import maintain

    pairs = args.pairs
    if len(pairs) % 2:
        print("give TABLE FILE pairs, e.g. projects new-projects.csv")
        return USAGE
    uploads = [
        maintain.Upload(
            table,
            Path(file).name,
            Path(file).read_bytes() if Path(file).exists() else b"",
            replace=args.replace,
        )
        for table, file in zip(pairs[::2], pairs[1::2], strict=True)
    ]
    try:
        return _through(args, uploads, "apply")
    except maintain.Refused as refused:
        print(f"refused: {refused}")
        return INVALID


def _through(args: argparse.Namespace, uploads: list, action: str, warnings: bool = True) -> int:
    """Review the uploads, print every error or the difference, and `action` it with --yes."""
    plan = _review(args.data, uploads, warnings)
    if plan is None:
        return INVALID
    _print_plan(plan)  # every record added and every field an update changes
    if not args.yes or plan.empty:
        print(f"run again with --yes to {action}" if not plan.empty else f"nothing to {action}")
        return 0
    return _apply(args.data, uploads, plan, args, action)


def cmd_import(args: argparse.Namespace) -> int:
    """Import an AidData GCDF 2.0 export through the ordinary validate-diff-apply path."""
    import datetime as dt

    from analytics import aiddata, maintain

    if not args.file.is_file():
        print(f"refused: {args.file}: no such file")
        return INVALID
    data = args.file.read_bytes()
    try:
        uploads, summary = aiddata.plan(
            args.data, args.file.name, data, dt.date.today().isoformat()
        )
    except (maintain.Refused, KeyError, ValueError) as error:
        said = str(error)  # the importer's own messages name the file already
        named = said if said.startswith(args.file.name) else f"{args.file.name}: {said}"
        print(f"refused: {named}")
        return INVALID
    print("\n".join(summary.lines()))
    return _through(args, uploads, "import", warnings=False)  # imports lack coordinates


def cmd_history(args: argparse.Namespace) -> int:
    """Print the audit trail, newest first."""
    from analytics import maintain

    log = maintain.history(args.data)
    columns = ["when", "who", "action", "table", "added", "changed", "removed", "why"]
    print(log[columns].to_string(index=False) if len(log) else "no change has been applied")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Put back the tables a change changed, as they were just before it: reviewed like
    any upload, applied with --yes, and logged as a restore."""
    from analytics import maintain

    try:
        return _through(args, maintain.restoring(args.data, args.before), "restore")
    except maintain.Refused as refused:
        print(f"refused: {refused}")
        return INVALID


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m analytics")
    sub = parser.add_subparsers(dest="command", required=True)
    validate = sub.add_parser("validate", help="check the curated CSV files")
    validate.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DATA)
    validate.add_argument("-q", "--quiet", action="store_true", help="errors only")
    validate.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        help="date the freshness rules count from (YYYY-MM-DD; default today)",
    )
    validate.set_defaults(run=cmd_validate)
    compile_ = sub.add_parser("compile", help="validate and compile the data for the app")
    compile_.add_argument("directory", nargs="?", type=Path, default=DEFAULT_DATA)
    compile_.set_defaults(run=cmd_compile)
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
    export.add_argument(
        "--include-restricted",
        action="store_true",
        help="include records marked restricted (for internal use only)",
    )
    export.set_defaults(run=cmd_export)
    apply = sub.add_parser("apply", help="validate, diff and (with --yes) apply a table file")
    apply.add_argument(
        "pairs",
        nargs="+",
        metavar="TABLE FILE",
        help="table name and a .csv or .xlsx file of its records; repeat for several tables",
    )
    apply.add_argument("--yes", action="store_true", help="apply the change")
    apply.add_argument(
        "--replace",
        action="store_true",
        help="each file is the whole table: remove the records it lacks (default: files only "
        "add and update records)",
    )
    apply.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    apply.add_argument("--why", help=WHY)
    apply.set_defaults(run=cmd_apply)
    importer = sub.add_parser("import", help="import another dataset (aiddata)")
    importer.add_argument("dataset", choices=["aiddata"], help="the dataset's format")
    importer.add_argument("file", type=Path, help="an AidData GCDF 2.0 export (.csv or .xlsx)")
    importer.add_argument("--yes", action="store_true", help="apply the import")
    importer.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    importer.add_argument("--why", help=WHY)
    importer.set_defaults(run=cmd_import)
    history = sub.add_parser("history", help="the audit trail of applied changes, newest first")
    history.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    history.set_defaults(run=cmd_history)
    restore = sub.add_parser("restore", help="put tables back as they were before a change")
    restore.add_argument("before", help="the change's time, as `history` shows it (when)")
    restore.add_argument("--yes", action="store_true", help="apply the restore")
    restore.add_argument("--data", type=Path, default=DEFAULT_DATA, help="data directory")
    restore.add_argument("--why", help=WHY)
    restore.set_defaults(run=cmd_restore)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
