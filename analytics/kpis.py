"""The KPIs, each defined once: code and query; names (with units) and definitions in i18n."""

from __future__ import annotations

from dataclasses import dataclass

from analytics import contract as c
from analytics.db import Database
from analytics.filters import Filters
from analytics.i18n import number, t


@dataclass(frozen=True)
class Kpi:
    code: str

    def name(self, lang: str) -> str:
        return t(f"kpi.{self.code}.name", lang)

    def definition(self, lang: str) -> str:
        return t(f"kpi.{self.code}.def", lang)


KPIS: tuple[Kpi, ...] = tuple(Kpi(code) for code in c.KPI_CODES)

# A Chinese reader counts large sums in 亿 (10^8): the committed amount, in USD m, shows in
# 中文 in 亿美元 (its name says so). (code, lang): USD m per unit shown.
SCALE = {("committed_usd", "zh"): 100}


# Figures of a state at the end of a year, whose change against the year before counts only
# the projects whose status is known at both ends (queries/kpis.sql).
STOCKS = ("under_implementation", "operational", "green_mw")


@dataclass(frozen=True)
class KpiValue:
    kpi: Kpi
    year: int
    value: float
    previous: float
    target: float | None = None
    undisclosed: int | None = None  # projects without an amount (committed_usd only)
    comparable: float | None = None  # a stock's change among projects known at both ends

    @property
    def delta(self) -> float:
        """The change against the year before: for a stock, among the projects whose status
        is known at the end of both years; else the difference of the two values."""
        return self.comparable if self.comparable is not None else self.value - self.previous

    def shown(self, lang: str, value: float | None = None) -> str:
        """The value (or another figure of this KPI, such as its target) as every page and
        export shows it in `lang`, in the unit the KPI's name states there."""
        scale = SCALE.get((self.kpi.code, lang), 1)
        return number((self.value if value is None else value) / scale, lang)

    def change(self, lang: str = "en") -> str:
        """The change against the year before, as every page and export shows it: "↑5",
        "↓3", "±0" (one sign, never "↓ -3")."""
        sign = "↑" if self.delta > 0 else "↓" if self.delta < 0 else "±"
        return sign + self.shown(lang, abs(self.delta))

    @property
    def progress(self) -> float | None:
        """Share of the target reached, where the committee set one."""
        return self.value / self.target if self.target else None


def compute(db: Database, filters: Filters, year: int) -> list[KpiValue]:
    """Every KPI for `year`, with its value for the year before and its target."""
    targets = dict(db.query("kpi_targets", year=year).itertuples(index=False))
    rows = {
        r["year"]: r
        for r in db.query("kpis", filters=filters.params(), year=year).to_dict("records")
    }
    now, before = rows[year], rows[year - 1]
    return [
        KpiValue(
            kpi,
            year,
            float(now[kpi.code]),
            float(before[kpi.code]),
            targets.get(kpi.code),
            int(now["undisclosed"]) if kpi.code == "committed_usd" else None,
            float(now[f"{kpi.code}_change"]) if kpi.code in STOCKS else None,
        )
        for kpi in KPIS
    ]
