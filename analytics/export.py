"""Table downloads that a spreadsheet opens safely."""

from __future__ import annotations

import io

import pandas as pd

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_csv(df: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a BOM so Excel reads Chinese correctly), formulas neutralised."""
    text_columns = df.select_dtypes(include=["object", "string"]).columns
    clean = df.copy()
    for column in text_columns:
        clean[column] = clean[column].map(neutralise)
    return clean.to_csv(index=False).encode("utf-8-sig")


def safe_xlsx(sheets: dict[str, pd.DataFrame], about: list[tuple[str, str]]) -> bytes:
    """An XLSX whose first sheet describes the download (filters, date, source), then the
    tables; text a spreadsheet would run as a formula is neutralised as in the CSV."""
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        first = pd.DataFrame(about, columns=["", " "]).map(neutralise)
        first.to_excel(writer, sheet_name="About", index=False, header=False)
        for name, df in sheets.items():
            df.map(neutralise).to_excel(writer, sheet_name=name[:31], index=False)
    return out.getvalue()
