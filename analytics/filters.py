"""The global filters: one frozen object, its SQL parameters and its plain-language subtitle."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields

import pandas as pd

from analytics import contract as c
from analytics.db import Database
from analytics.i18n import LANGS, label, names, t


@dataclass(frozen=True)
class Filters:
    """What the user restricted the view to; empty tuples and None mean "all"."""

    sectors: tuple[str, ...] = ()
    year_from: int | None = None
    year_to: int | None = None
    statuses: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    provinces: tuple[str, ...] = ()
    institution: str | None = None
    cpec_only: bool = False
    include_imported: bool = False  # records imported from other datasets (AidData)
    # Projects agreed in this year only: no control sets it, a click on a year's bar of
    # agreements does (ui.picked), so the projects listed are those the bar counts
    agreed_in: int | None = None
    # Only these projects: a click on a bar whose rule no other filter states (a status at
    # a year's end, analytics/queries/status_then_ids.sql) picks them by id
    ids: tuple[str, ...] = ()

    def params(self) -> dict[str, object]:
        """The `$filters` STRUCT parameter of every query (see queries/_schema.sql)."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in values.items()}

    def describe(self, lang: str, names: dict[str, str] | None = None) -> str:
        """One line for chart subtitles: what the view is restricted to, or "all projects"."""
        names = names or {}
        parts = []
        if self.sectors:
            parts.append(", ".join(names.get(s, s) for s in self.sectors))
        if self.year_from is not None or self.year_to is not None:
            low = self.year_from if self.year_from is not None else "…"
            high = self.year_to if self.year_to is not None else "…"
            parts.append(f"{low}–{high}")
        for values, kind in (
            (self.statuses, "status"),
            (self.modes, "mode"),
            (self.provinces, "province"),
        ):
            if values:
                parts.append(", ".join(label(kind, v, lang) for v in values))
        if self.institution:
            parts.append(names.get(self.institution, self.institution))
        if self.cpec_only:
            parts.append(t("filter.cpec_only", lang))
        if self.include_imported:
            parts.append(t("filter.imported", lang))
        if self.agreed_in is not None:
            parts.append(t("filter.agreed_in", lang, year=self.agreed_in))
        return " · ".join(parts) if parts else t("filter.all_projects", lang)

    def to_query(self) -> dict[str, list[str]]:
        """The URL query parameters of these filters (codes, not labels); defaults left out."""
        query: dict[str, list[str]] = {}
        for key, values in (
            ("sector", self.sectors),
            ("status", self.statuses),
            ("mode", self.modes),
            ("province", self.provinces),
        ):
            if values:
                query[key] = list(values)
        if self.year_from is not None:
            query["from"] = [str(self.year_from)]
        if self.year_to is not None:
            query["to"] = [str(self.year_to)]
        if self.institution:
            query["institution"] = [self.institution]
        if self.cpec_only:
            query["cpec"] = ["1"]
        if self.include_imported:
            query["imported"] = ["1"]
        return query

    @classmethod
    def from_query(
        cls,
        query: Mapping[str, list[str]],
        *,
        sectors: Iterable[str],
        institutions: Iterable[str],
        years: tuple[int, int],
    ) -> Filters:
        """Filters from URL parameters; unknown codes and impossible years are dropped."""

        def pick(key: str, allowed: Iterable[str]) -> tuple[str, ...]:
            allowed = set(allowed)
            return tuple(dict.fromkeys(v for v in query.get(key, []) if v in allowed))

        def year(key: str) -> int | None:
            values = query.get(key, [])
            if values and values[0].isdigit() and years[0] <= int(values[0]) <= years[1]:
                return int(values[0])
            return None

        year_from, year_to = year("from"), year("to")
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = None, None
        institution = pick("institution", institutions)
        return cls(
            sectors=pick("sector", sectors),
            year_from=year_from if year_from != years[0] else None,
            year_to=year_to if year_to != years[1] else None,
            statuses=pick("status", c.STATUSES),
            modes=pick("mode", c.MODES),
            provinces=pick("province", c.PROVINCES),
            institution=institution[0] if institution else None,
            cpec_only=query.get("cpec", []) == ["1"],
            include_imported=query.get("imported", []) == ["1"],
        )


URL_KEYS = (
    "sector", "status", "mode", "province", "from", "to", "institution", "cpec", "imported",
)  # fmt: skip


# The institution filter offers the institutions in most projects (a list of a quarter of a
# million names would be sent to the browser on every page); a link may name any other.
INSTITUTION_CHOICES = 500


@dataclass(frozen=True, eq=False)  # equal only to itself, so its methods can be cached
class Options:
    """What the filters can choose from in a dataset, and its as-of date."""

    sectors: pd.DataFrame
    institutions: pd.DataFrame
    years: tuple[int, int]
    as_of: str

    def names(self, lang: str) -> dict[str, str]:
        """Sector and institution names by code, in `lang`."""
        return self._names[lang]

    @functools.cached_property
    def _names(self) -> dict[str, dict[str, str]]:
        return {
            lang: names(self.sectors, "code", "label", lang)
            | names(self.institutions, "id", "name", lang)
            for lang in LANGS
        }

    @functools.cached_property
    def institution_choices(self) -> list[str]:
        """The INSTITUTION_CHOICES institutions in most projects, by name."""
        top = self.institutions.nlargest(INSTITUTION_CHOICES, "projects", keep="first")
        return list(top.sort_index()["id"])  # the frame is in name order

    def ignored(self, query: Mapping[str, list[str]]) -> list[str]:
        """The `key=value` pairs of a URL query that from_query() drops: unknown codes,
        impossible years, a range that runs backwards."""
        allowed = {
            "sector": set(self.sectors["code"]),
            "status": set(c.STATUSES),
            "mode": set(c.MODES),
            "province": set(c.PROVINCES),
            "institution": set(self.institutions["id"]),
            "cpec": {"1"},
            "imported": {"1"},
        }
        dropped = [
            f"{key}={value}"
            for key, known in allowed.items()
            for value in query.get(key, [])
            if value not in known
        ]
        kept = self.from_query(query)
        for key, year in (("from", kept.year_from), ("to", kept.year_to)):
            given = query.get(key, [])
            if given and year is None and given[0] != str(self.years[0 if key == "from" else 1]):
                dropped.append(f"{key}={given[0]}")
        return dropped

    def from_query(self, query: Mapping[str, list[str]]) -> Filters:
        return Filters.from_query(
            query,
            sectors=self.sectors["code"],
            institutions=self.institutions["id"],
            years=self.years,
        )


@functools.lru_cache(maxsize=4)  # a loaded Database never changes; a new one is a new key
def options(db: Database) -> Options:
    bounds = db.query("filter_options").iloc[0]
    years = (int(bounds["year_min"]), int(bounds["year_max"]))
    return Options(db.query("sectors"), db.query("institutions"), years, str(bounds["as_of"]))
