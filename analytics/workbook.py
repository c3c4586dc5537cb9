"""The child process that reads a workbook's only sheet as CSV: `python -m analytics.workbook`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import resource
import sys
import zipfile

import openpyxl

from analytics.upload import EXIT_MEMORY, EXIT_REFUSED, MAX_ROWS, MAX_TEXT, Refused

# A row element, with or without a namespace prefix (<row ...>, <x:row>), not <rowBreaks>.
ROW_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?row[\s/>]")
TOO_MANY_ROWS = f"the workbook has more than {MAX_ROWS:,} rows; a table here has far fewer"


def _text(cell) -> str:
    """A cell as the text a CSV export would hold; a formula is refused, not guessed."""
    value = cell.value
    if value is None:
        return ""
    if cell.data_type == "f":
        # Without Excel no formula can be computed, and a cached result may be stale.
        formula = getattr(value, "text", value)  # an ArrayFormula keeps its text apart
        raise Refused(
            f"cell {cell.coordinate} holds a formula ({formula}); paste values instead "
            "(copy the sheet, then Paste Special > Values)"
        )
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)  # 2015.0 -> 2015
    if isinstance(value, dt.datetime):  # a date typed in Excel: YYYY-MM-DD, as the data has
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _count_rows(archive: zipfile.ZipFile) -> None:
    """Refuse a sheet of too many rows before parsing it: counting tags takes a fraction of
    a second where parsing takes about 30 µs a row. Every part is counted, whatever its
    name, since the workbook's relationships may put a sheet anywhere."""
    for part in archive.infolist():
        with archive.open(part) as fh:
            xml = fh.read()  # bounded: the server refused workbooks that unpack to more
        for n, _ in enumerate(ROW_TAG.finditer(xml), 1):
            if n > MAX_ROWS:
                raise Refused(TOO_MANY_ROWS)


def to_csv(data: bytes) -> str:
    """The workbook's only sheet as CSV text, one line per sheet row (so line numbers in
    findings are row numbers); Refused with the reason when it cannot be."""
    _count_rows(zipfile.ZipFile(io.BytesIO(data)))
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    names = book.sheetnames
    if len(names) != 1:
        raise Refused(
            f"the workbook has {len(names)} sheets ({', '.join(names)}); "
            "keep only the table's sheet"
        )
    sheet = book[names[0]]
    sheet.reset_dimensions()  # a declared size (even A1:XFD1048576) would pad every row to it
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    width, blank = 0, 0
    for number, row in enumerate(sheet.iter_rows(), 1):  # gaps between rows come as empty rows
        if number > MAX_ROWS:
            raise Refused(TOO_MANY_ROWS)
        values = [_text(cell) for cell in row]
        while values and not values[-1]:
            values.pop()
        if not values:
            blank += 1  # written only if a row with values follows: trailing ones are dropped
            continue
        writer.writerows([[]] * blank)
        blank = 0
        width = width or len(values)  # the header's: shorter rows are padded to it
        writer.writerow(values + [""] * (width - len(values)))
        if number % 1000 == 0 and out.tell() > MAX_TEXT:
            raise Refused(f"the sheet holds more than {MAX_TEXT // (1024 * 1024)} MB of text")
    return out.getvalue()


def _limit(kind: int, soft: int) -> None:
    hard = resource.getrlimit(kind)[1]
    resource.setrlimit(kind, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard))


def main(argv: list[str]) -> int:
    """Read the workbook on stdin; CSV on stdout (exit 0), or a one-line reason on stderr."""
    memory, seconds = int(argv[0]), float(argv[1])
    _limit(resource.RLIMIT_AS, memory)  # a MemoryError, not the whole machine's memory
    _limit(resource.RLIMIT_CPU, int(seconds) + 5)  # a backstop: the parent's timeout acts first
    try:
        text = to_csv(sys.stdin.buffer.read())
    except Refused as refused:
        print(" ".join(str(refused).split()), file=sys.stderr)
        return EXIT_REFUSED
    except MemoryError:
        return EXIT_MEMORY
    except Exception as exc:  # whatever else went wrong, the file is not a workbook we read
        if "memory" in str(exc).lower():  # lxml reports a failed allocation as a parse error
            return EXIT_MEMORY
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
        print(f"not a readable Excel file ({reason})", file=sys.stderr)
        return EXIT_REFUSED
    sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
