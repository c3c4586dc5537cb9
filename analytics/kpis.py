"""The KPIs, each defined once: code and query; names (with units) and definitions in i18n."""

from __future__ import annotations

from dataclasses import dataclass

from analytics import contract as c
from analytics.db import Database
from analytics.filters import Filters
from analytics.i18n import t


@dataclass(frozen=True)
class Kpi:
    code: str

    @property
    def query(self) -> str:
        return f"kpi_{self.code}"

    def name(self, lang: str) -> str:
        return t(f"kpi.{self.code}.name", lang)

    def definition(self, lang: str) -> str:
        return t(f"kpi.{self.code}.def", lang)


KPIS: tuple[Kpi, ...] = tuple(Kpi(code) for code in c.KPI_CODES)


@dataclass(frozen=True)
class KpiValue:
    kpi: Kpi
    year: int
    value: float
    previous: float
    target: float | None = None
    undisclosed: int | None = None  # projects without an amount (committed_usd only)

    @property
    def delta(self) -> float:
        return self.value - self.previous

    @property
    def progress(self) -> float | None:
        """Share of the target reached, where the committee set one."""
        return self.value / self.target if self.target else None


def compute(db: Database, filters: Filters, year: int) -> list[KpiValue]:
    """Every KPI for `year`, with its value for the year before and its target."""
    params = filters.params()
    targets = dict(db.query("kpi_targets", year=year).itertuples(index=False))
    values = []
    for kpi in KPIS:
        now = db.query(kpi.query, filters=params, year=year).iloc[0]
        before = db.query(kpi.query, filters=params, year=year - 1).iloc[0]
        values.append(
            KpiValue(
                kpi,
                year,
                float(now["value"]),
                float(before["value"]),
                targets.get(kpi.code),
                int(now["undisclosed"]) if "undisclosed" in now else None,
            )
        )
    return values
