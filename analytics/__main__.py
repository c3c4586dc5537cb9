"""Command line: `python -m analytics validate [DIR]` and `python -m analytics dictionary`."""

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
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
