"""How an institution is known: its name, its short name, an abbreviation in brackets, and
the aliases recorded in institution_aliases.csv, one matching key for them all. Used by the
AidData importer (a partner named another way is the curated institution) and by the
validator (an upload that adds an institution under another of its names is refused)."""

from __future__ import annotations

import re

import pandas as pd


def key(text: str) -> str:
    """A name in lower case with spaces and punctuation evened out."""
    return " ".join(re.findall(r"[a-z0-9&]+", text.lower()))


def name_keys(name: str, short: object = None) -> list[str]:
    """The forms an institution is known by: "China Development Bank (CDB)" is "China
    Development Bank" is "CDB". A bracket that is not an abbreviation ("(Pakistan)") stays
    part of the name."""
    keys = [key(name)]
    abbreviation = re.fullmatch(r"(.*?)\s*\(([A-Z][A-Z0-9&]{1,9})\)\s*", name)
    if abbreviation:
        keys += [key(abbreviation.group(1)), key(abbreviation.group(2))]
    if isinstance(short, str) and short.strip():
        keys.append(key(short))
    return [k for k in dict.fromkeys(keys) if k]


def known(institutions: pd.DataFrame, aliases: pd.DataFrame | None) -> dict[str, str]:
    """Every matching key of every institution and alias -> the institution's id."""
    found: dict[str, str] = {}
    for iid, name, short in zip(
        institutions["id"], institutions["name_en"], institutions["short_name"], strict=True
    ):
        found.update(dict.fromkeys(name_keys(name, short), iid))
    if aliases is not None:
        for alias, iid in zip(aliases["alias"], aliases["institution_id"], strict=True):
            found.update(dict.fromkeys(name_keys(alias), iid))
    return found
