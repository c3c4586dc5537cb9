"""Table downloads that a spreadsheet opens safely."""

from __future__ import annotations

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
