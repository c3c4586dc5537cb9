"""Synthetic data in the curated schema, valid under the contract, for benchmarks only.

Never written into data/: it goes to a directory the caller chooses (a temporary one).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np

from analytics import contract as c

DATA = Path(__file__).resolve().parent.parent / "data"
PROVINCES = [p for p in c.PROVINCES if p != "multiple"]


def _write(path: Path, columns: tuple[str, ...], rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def generate(directory: Path, projects: int, seed: int = 7) -> Path:
    """Write every table for `projects` synthetic projects (about 3 partners, 2 milestones
    and 2 sources each, 1 institution per 4 projects) into `directory`."""
    rng = np.random.default_rng(seed)
    directory.mkdir(parents=True, exist_ok=True)
    for taxonomy in ("sectors.csv", "subsectors.csv"):
        shutil.copy(DATA / taxonomy, directory / taxonomy)
    with (DATA / "subsectors.csv").open(encoding="utf-8") as fh:
        subsectors = [(r["code"], r["sector"]) for r in csv.DictReader(fh)]
    columns = {t.name: t.column_names for t in c.TABLES}
    institutions = max(10, projects // 4)
    _write(
        directory / "institutions.csv",
        columns["institutions"],
        (
            (f"inst-{i}", f"Institution {i}", f"机构{i}", "translated", "", "", ("CN", "PK")[i % 2],
             c.INSTITUTION_TYPES[i % 7], "", "")
            for i in range(institutions)
        ),
    )  # fmt: skip
    sources = projects * 2
    _write(
        directory / "sources.csv",
        columns["sources"],
        (
            (f"src-{i}", "Synthetic", f"Source {i}", "", "", "2026-11-27", "", "")
            for i in range(sources)
        ),
    )
    sub = rng.integers(0, len(subsectors), projects)
    year = rng.integers(2000, 2026, projects)
    status = rng.integers(0, len(c.STATUSES), projects)
    mode = rng.integers(0, len(c.MODES), projects)
    province = rng.integers(0, len(PROVINCES), projects)
    # within the contract's plausible range (a lognormal tail passes 100,000 at 1M draws)
    amount = np.minimum(rng.lognormal(4, 1.5, projects), c.USD_M[1])
    has_amount = rng.random(projects) < 0.6
    capacity = rng.integers(10, 1500, projects)
    lat = rng.uniform(24.5, 36.5, projects)
    lon = rng.uniform(62.0, 77.0, projects)

    def project(i: int) -> list:
        code, sector = subsectors[sub[i]]
        done = c.STATUSES[status[i]] == "operational"
        return [
            f"p-{i}", f"Synthetic project {i}", f"合成项目{i}", "translated", "", sector, code,
            c.MODES[mode[i]], c.STATUSES[status[i]], str(year[i]), f"{year[i] + 1}-03",
            f"{year[i] + 3}" if done else "", "", "PK", PROVINCES[province[i]], "", "",
            f"{lat[i]:.4f}", f"{lon[i]:.4f}",
            f"{amount[i]:.1f}" if has_amount[i] else "", "nominal" if has_amount[i] else "",
            str(year[i]) if has_amount[i] else "", "project_cost" if has_amount[i] else "",
            str(capacity[i]) if sector == "green_energy" else "",
            "yes" if i % 3 == 0 else "", f"src-{2 * i}" if i % 3 == 0 else "",
            "Synthetic record for benchmarks.", "public", "2026-11-27", "curated", "", "", "",
        ]  # fmt: skip

    _write(directory / "projects.csv", columns["projects"], (project(i) for i in range(projects)))
    partner = rng.integers(0, institutions, (projects, 3))
    _write(
        directory / "project_partners.csv",
        columns["project_partners"],
        (
            (f"p-{i}", f"inst-{k}", role, "")
            for i in range(projects)
            for k, role in zip(dict.fromkeys(partner[i]), ("lead", "partner", "financier"), strict=False)
        ),
    )  # fmt: skip
    _write(
        directory / "milestones.csv",
        columns["milestones"],
        (
            row
            for i in range(projects)
            for row in (
                (f"p-{i}", str(year[i]), "agreement_signed", "", f"src-{2 * i}"),
                (f"p-{i}", f"{year[i] + 1}-03", "construction_started", "", f"src-{2 * i + 1}"),
            )
        ),
    )
    _write(
        directory / "project_sources.csv",
        columns["project_sources"],
        ((f"p-{i}", f"src-{2 * i + j}", "") for i in range(projects) for j in (0, 1)),
    )
    _write(directory / "institution_aliases.csv", columns["institution_aliases"], ())
    _write(directory / "targets.csv", columns["targets"], ())
    return directory
