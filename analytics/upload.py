"""Reading an uploaded file as CSV text, refusing with a plain reason what cannot be read."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import zipfile
from io import BytesIO
from pathlib import Path

MAX_BYTES = 5 * 1024 * 1024  # also server.maxUploadSize (MB) in .streamlit/config.toml
# A workbook is a zip: 5 MB of it can unpack to gigabytes. Real tables unpack to a few MB
# (the whole curated data is under 1 MB as CSV), so these limits only stop hostile files.
MAX_UNPACKED = 50 * 1024 * 1024  # all the workbook's parts together, uncompressed
MAX_PARTS = 10_000  # files inside the zip; a workbook has a few dozen
MAX_ROWS = 300_000  # sheet rows; the largest curated table has under 1,000
MAX_TEXT = MAX_UNPACKED  # the sheet as CSV text, handed back to the server
# The workbook is read in a child process so that a slow or huge sheet cannot hold the
# server (and every other session) or its memory: these bound the child.
SECONDS = 30.0  # CPST_WORKBOOK_SECONDS overrides it (the browser test sets it lower)
MEMORY = 1024 * 1024 * 1024  # address space of the child, bytes
EXIT_REFUSED, EXIT_MEMORY = 2, 3  # the child's exit codes; its reason is on stderr
ROOT = Path(__file__).resolve().parent.parent


class Refused(ValueError):
    """Bad input or a stale view: the message says why; nothing was changed."""


def decode(name: str, data: bytes) -> str:
    """The CSV text of an uploaded file (.csv or .xlsx), with "\\n" line ends, or Refused."""
    if not data:
        raise Refused(f"{name}: the file is empty")
    if len(data) > MAX_BYTES:
        raise Refused(f"{name}: the file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    suffix = Path(name).suffix.lower()
    looks_xlsx = data[:2] == b"PK"
    if suffix == ".xlsx" or looks_xlsx:
        if suffix != ".xlsx" or not looks_xlsx:
            raise Refused(f"{name}: the file's content does not match its extension")
        text = read_workbook(name, data)
    elif suffix != ".csv":
        raise Refused(f"{name}: upload a .csv or .xlsx file")
    else:
        text = _csv_text(name, data)
    text = newlines(text)
    if not text.strip():
        raise Refused(f"{name}: the file is empty")
    header = text.partition("\n")[0]
    if ";" in header and "," not in header:
        raise Refused(f"{name}: the columns are separated by semicolons; use commas")
    return text


def newlines(text: str) -> str:
    """CRLF (Windows) and CR alone (old Mac Excel) as "\\n", so every reader splits lines alike."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def _csv_text(name: str, data: bytes) -> str:
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise Refused(f"{name}: the file is UTF-16; save it as UTF-8 CSV")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise Refused(
            f"{name}: the file is not UTF-8 (perhaps GBK or another legacy encoding); "
            "save it as UTF-8 CSV"
        ) from None


def _mb(n: float) -> str:
    return f"{n / (1024 * 1024):,.0f} MB"


def seconds() -> float:
    """The child's time limit: SECONDS, or CPST_WORKBOOK_SECONDS when set."""
    return float(os.environ.get("CPST_WORKBOOK_SECONDS") or SECONDS)


@functools.lru_cache(maxsize=8)  # the Data page reviews its files again on every rerun
def read_workbook(name: str, data: bytes) -> str:
    """The only sheet of an .xlsx workbook as CSV text, read by `python -m analytics.workbook`
    in a child process limited in time and memory; Refused with the reason otherwise."""
    try:
        parts = zipfile.ZipFile(BytesIO(data)).infolist()  # the zip's directory only: cheap
    except (zipfile.BadZipFile, ValueError) as exc:
        raise Refused(f"{name}: not a readable Excel file ({exc})") from None
    if len(parts) > MAX_PARTS:
        raise Refused(f"{name}: the workbook holds {len(parts):,} files, more than {MAX_PARTS:,}")
    # The sizes are what the zip declares; the child's zipfile stops reading a part at its
    # declared size (and fails its checksum), so a part that lies cannot unpack to more.
    unpacked = sum(p.file_size for p in parts)
    if unpacked > MAX_UNPACKED:
        raise Refused(
            f"{name}: the workbook unpacks to {_mb(unpacked)}, more than the {_mb(MAX_UNPACKED)} "
            "allowed; save the table alone as CSV or a smaller workbook"
        )
    limit = seconds()
    # The child sets its own limits (analytics/workbook.py) rather than through preexec_fn,
    # which is unsafe in a threaded process such as the Streamlit server.
    command = [sys.executable, "-m", "analytics.workbook", str(MEMORY), str(limit)]
    try:
        done = subprocess.run(
            command, input=data, capture_output=True, timeout=limit, cwd=ROOT, check=False
        )
    except subprocess.TimeoutExpired:  # run() has killed the child
        raise Refused(
            f"{name}: the workbook took too long to read (more than {limit:g} s); "
            "save the table as CSV"
        ) from None
    reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
    if done.returncode == 0:
        return done.stdout.decode("utf-8")
    if done.returncode == EXIT_REFUSED and reason:
        raise Refused(f"{name}: {reason[-1]}")
    if done.returncode == -signal.SIGXCPU:
        raise Refused(f"{name}: the workbook took too long to read; save the table as CSV")
    if done.returncode in (EXIT_MEMORY, -signal.SIGKILL, -signal.SIGSEGV, -signal.SIGABRT):
        raise Refused(
            f"{name}: the workbook needed too much memory to read (more than {_mb(MEMORY)}); "
            "save the table as CSV"
        )
    last = reason[-1] if reason else f"exit code {done.returncode}"
    raise Refused(f"{name}: not a readable Excel file (the reader stopped: {last})")
