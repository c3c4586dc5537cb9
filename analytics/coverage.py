"""Coverage by field: how many projects the data holds in each field and mode of the
cooperation's seed list, worked out from the taxonomy, one definition for the table in
data/README.md ("Coverage") and the line `python -m analytics validate` prints."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

# A field or mode counts below this many projects as thin: searched for more (README).
THIN = 3


@dataclass(frozen=True)
class Field:
    """A seed field or mode and the taxonomy codes that count a project in it."""

    name: str
    kind: str  # "field" or "mode"
    sectors: tuple[str, ...] = ()
    subsectors: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()

    def rule(self) -> str:
        parts = [f"sector {s}" for s in self.sectors]
        parts += [f"sub-sector {s}" for s in self.subsectors]
        parts += [f"mode {m}" for m in self.modes]
        return " or ".join(f"`{p}`" for p in parts)

    def holds(self, projects: pd.DataFrame) -> pd.Series:
        return (
            projects["sector"].isin(self.sectors)
            | projects["subsector"].isin(self.subsectors)
            | projects["mode"].isin(self.modes)
        )


FIELDS = (
    Field("Green energy", "field", sectors=("green_energy",)),
    Field("Digital economy", "field", sectors=("digital_economy",)),
    Field("Smart cities", "field", subsectors=("smart_cities",)),
    Field("New materials", "field", sectors=("materials",)),
    Field("Minerals", "field", sectors=("minerals",)),
    Field("Agriculture", "field", sectors=("agriculture",)),
    Field("Food processing", "field", subsectors=("food_processing",)),
    Field("Herbal medicine", "field", subsectors=("herbal_medicine",)),
    Field("Ocean sciences", "field", sectors=("ocean",)),
    Field("Transport", "field", sectors=("transport",)),
    Field("Space", "field", sectors=("space",)),
    Field("Aerospace", "field", sectors=("aeronautics",)),
    Field("Medical technology", "field", subsectors=("medical_technology",)),
    Field("Drug discovery", "field", subsectors=("drug_discovery",)),
    Field("Vaccines", "field", subsectors=("vaccines",)),
    Field("AI", "field", subsectors=("ai",)),
    Field("Big data", "field", subsectors=("big_data",)),
    Field("Cloud", "field", subsectors=("cloud",)),
    Field("Fintech", "field", subsectors=("fintech",)),
    Field("Biotech", "field", subsectors=("biotechnology",)),
    Field("Joint labs and joint R&D", "mode", modes=("joint_lab",)),
    Field("Technology parks", "mode", subsectors=("technology_parks", "special_economic_zones")),
    Field("Technology transfer", "mode", modes=("technology_transfer",)),
    Field("STEM education", "mode", sectors=("stem_education",), modes=("stem_education",)),
    Field("Exchanges and training", "mode", modes=("training_exchange",)),
    Field(
        "Entrepreneurship",
        "mode",
        subsectors=("incubation", "youth_entrepreneurship"),
        modes=("enterprise_incubation",),
    ),
)


def counts(projects: pd.DataFrame) -> pd.DataFrame:
    """One row per field and mode: its name, kind, rule and number of projects."""
    p = projects[["sector", "subsector", "mode"]].astype(object)
    return pd.DataFrame(
        {
            "name": [f.name for f in FIELDS],
            "kind": [f.kind for f in FIELDS],
            "rule": [f.rule() for f in FIELDS],
            "projects": [int(f.holds(p).sum()) for f in FIELDS],
        }
    )


def summary(projects: pd.DataFrame) -> str:
    """The coverage table's totals in one line."""
    table = counts(projects)
    p = projects[["sector", "subsector", "mode"]].astype(object)
    fields = table[table["kind"] == "field"]
    in_any = pd.Series(False, index=p.index)
    for f in FIELDS:
        if f.kind == "field":
            in_any |= f.holds(p)
    thin = table[table["projects"] < THIN]
    named = ", ".join(f"{n} {k}" for n, k in zip(thin["name"], thin["projects"], strict=True))
    return (
        f"Coverage: {len(fields)} fields and {len(table) - len(fields)} modes; "
        f"{int(in_any.sum())} of {len(p)} projects in at least one field; "
        f"{len(thin)} thin (under {THIN} projects): {named or 'none'}"
    )


def markdown(projects: pd.DataFrame) -> str:
    """The table for data/README.md."""
    rows = ["| field or mode | counted as | projects |", "|---|---|---|"]
    for r in counts(projects).itertuples():
        rows.append(f"| {r.name} ({r.kind}) | {r.rule} | {r.projects} |")
    return "\n".join(rows)
