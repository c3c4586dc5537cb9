"""A project's key facts as labelled lines, in either language (pure, for the detail view)."""

from __future__ import annotations

import pandas as pd

from analytics.i18n import date_text, label, localized, number, t


def amount_text(p: pd.Series, lang: str) -> str:
    if pd.isna(p["amount_usd_m"]):
        return t("undisclosed", lang)
    basis = t(
        "detail.basis", lang, basis=t(f"basis.{p['amount_basis']}", lang), year=p["amount_year"]
    )
    code = p.get("amount_measure")
    measure = label("measure", code, lang) if isinstance(code, str) else t("measure.unknown", lang)
    return f"{number(p['amount_usd_m'], lang)} ({measure}{t('punct.comma', lang)}{basis})"


def facts(p: pd.Series, lang: str) -> list[tuple[str, str]]:
    """(label, value) lines for one row of the project_detail query; unknown shown as such."""
    sector = [localized(p["sector_en"], p["sector_zh"], lang)]
    sector += [localized(p["subsector_en"], p["subsector_zh"], lang)]
    place = [localized(p["city"], p["city_zh"], lang)] if isinstance(p["city"], str) else []
    place += [label("province", p["province"], lang)] if isinstance(p["province"], str) else []
    cpec = t(p["cpec"], lang) if isinstance(p["cpec"], str) else t("unknown", lang)
    capacity = t("unknown", lang) if pd.isna(p["capacity_mw"]) else number(p["capacity_mw"], lang)
    has_capacity = pd.notna(p["capacity_mw"]) or p["sector"] in POWER_SECTORS
    return [
        (t("detail.sector", lang), " · ".join(x for x in sector if x)),
        (t("detail.mode", lang), label("mode", p["mode"], lang)),
        (t("detail.status", lang), label("status", p["status"], lang)),
        (t("detail.amount", lang), amount_text(p, lang)),
        *([(t("detail.capacity", lang), capacity)] if has_capacity else []),
        (t("detail.location", lang), t("punct.comma", lang).join(place) or t("unknown", lang)),
        (t("detail.cpec", lang), cpec),
    ]


# Capacity in MW applies to power projects: for them an empty value is unknown, for the
# others (a lab, a scholarship) it does not apply and is not shown.
POWER_SECTORS = ("green_energy", "conventional_energy")


def milestone_lines(df: pd.DataFrame, lang: str) -> list[str]:
    """A project's milestones as dated lines, "20 April 2015 · Agreement signed: what
    happened" (plain text: the caller escapes it for Markdown)."""
    return [
        f"{date_text(date, lang)} · {label('event', event, lang)}"
        + (t("punct.colon", lang) + text if isinstance(text, str) else "")
        for date, event, text in zip(df["date"], df["event"], df["description"], strict=True)
    ]
