"""Table downloads: formula-like text is neutralised, everything else is kept."""

from __future__ import annotations

import csv
import io

import pandas as pd

from analytics.export import safe_csv


def test_csv_neutralises_formulas_and_keeps_the_rest() -> None:
    df = pd.DataFrame(
        {
            "title": ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "卡洛特水电站", "plain"],
            "amount": [1.5, None, 3.0, 4.0, 5.0, 6.0],
        }
    )
    data = safe_csv(df)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel and Chinese text
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["title"] for r in rows] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "卡洛特水电站",
        "plain",
    ]
    assert [r["amount"] for r in rows] == ["1.5", "", "3.0", "4.0", "5.0", "6.0"]
