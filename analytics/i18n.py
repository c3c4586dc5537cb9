"""The one translation mechanism: every user-facing string, in English and 中文, from one
gettext catalogue per language (locales/<lang>/LC_MESSAGES/messages.po, which Poedit,
Weblate or any translation tool opens; tests/test_i18n.py checks both hold every key with
the same placeholders)."""

from __future__ import annotations

import decimal
import math
from datetime import date
from pathlib import Path

from babel.dates import format_skeleton
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

LANGS = ("en", "zh")
# The CLDR locale each language's numbers and dates follow.
LOCALES_CLDR = {"en": "en_GB", "zh": "zh_Hans_CN"}

LOCALES = Path(__file__).resolve().parent / "locales"


def _catalogue(lang: str) -> dict[str, str]:
    """{key: text} from the gettext catalogue of `lang`: keys are the entries' msgctxt."""
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return {m.context: m.string for m in read_po(fh) if m.context}


def _strings() -> dict[str, tuple[str, str]]:
    """key: (English, 中文), a text missing in Chinese shown in English. Keys of coded
    values are "<kind>.<code>" (see contract.py)."""
    en, zh = (_catalogue(lang) for lang in LANGS)
    return {key: (text, zh.get(key) or text) for key, text in en.items()}


STRINGS = _strings()


def t(key: str, lang: str = "en", **values: object) -> str:
    """The string for `key` in `lang`, formatted with `values`; a missing key shows itself.
    With n=1, `key.one` where there is one ("1 project", not "1 projects")."""
    if values.get("n") == 1 and f"{key}.one" in STRINGS:
        key = f"{key}.one"
    pair = STRINGS.get(key)
    text = pair[LANGS.index(lang) if lang in LANGS else 0] if pair else key
    return text.format(**values) if values else text


def label(kind: str, code: str | None, lang: str = "en") -> str:
    """Label of a coded value (status, mode, province, country); unknown when empty."""
    if code is None or code != code:  # None or NaN
        return t("unknown", lang)
    return t(f"{kind}.{code}", lang) if f"{kind}.{code}" in STRINGS else code


def number(value: float, lang: str = "en") -> str:
    """Whole numbers and values above 100 without decimals, others with one, grouped as the
    language groups them; "–" for NaN or infinity (the contract bounds values, but a page
    must not fail on one that slipped by)."""
    value = float(value)
    if not math.isfinite(value):
        return "–"
    pattern = "#,##0" if value.is_integer() or abs(value) >= 100 else "#,##0.0"
    with decimal.localcontext(prec=400):  # every float's digits (1e308 has 309)
        return format_decimal(value, pattern, locale=LOCALES_CLDR.get(lang, "en_GB"))


# A date as precise as the data holds it: a day, a month or a year (CLDR skeletons).
SKELETONS = {10: "yMMMMd", 7: "yMMMM", 4: "y"}


def date_text(value: str | None, lang: str = "en") -> str:
    """A partial date of the data (2025, 2025-10, 2025-10-15) as a reader of `lang` writes
    it: "15 October 2025", "2025年10月15日"; anything else as it is."""
    if not isinstance(value, str) or len(value) not in SKELETONS:
        return value if isinstance(value, str) else ""
    try:
        day = date(*(int(part) for part in (value + "-01-01")[:10].split("-")))
    except ValueError:
        return value
    return format_skeleton(SKELETONS[len(value)], day, locale=LOCALES_CLDR.get(lang, "en_GB"))


def day(value: str, lang: str = "en") -> str:
    """The data's as-of day: ISO in English (2026-11-27, as the data writes it), 2026年11月27日
    in Chinese."""
    return date_text(value, lang) if lang == "zh" else value


def footnote(as_of: str, lang: str) -> str:
    """The line under every chart: where the data comes from, and as of which day."""
    return t("footnote", lang, as_of=day(as_of, lang))


def width(text: str) -> int:
    """How wide `text` sets, in Latin letters: a Chinese character takes about two (for
    breaking titles and sizing table rows in charts, slides and PDF pages)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


# After a Chinese name no Chinese source gives (basis "translated"): the text "zh.translated"
# explains it where the name is shown.
TRANSLATED = "（译）"


def localized(en: str | None, zh: str | None, lang: str, basis: str | None = None) -> str:
    """A name from the data in `lang`, falling back to English where Chinese is not known;
    a translated Chinese name is marked as such when its `basis` is given."""
    if lang == "zh" and isinstance(zh, str) and zh:
        return zh + TRANSLATED if basis == "translated" else zh
    return en if isinstance(en, str) else ""


def localize(df, lang: str, prefix: str = "title") -> list[str]:
    """Each row's `<prefix>_zh` in Chinese where known, else its `<prefix>_en`; marked
    translated where the frame carries `<prefix>_zh_basis` (tables do, charts do not)."""
    names = list(zip(df[f"{prefix}_en"], df[f"{prefix}_zh"], strict=True))
    basis = df[f"{prefix}_zh_basis"] if f"{prefix}_zh_basis" in df else [None] * len(names)
    return [localized(en, zh, lang, b) for (en, zh), b in zip(names, basis, strict=True)]


def names(df, key: str, prefix: str, lang: str) -> dict[str, str]:
    """{code: name in lang} from a frame with `<prefix>_en` and `<prefix>_zh` columns."""
    return dict(zip(df[key], localize(df, lang, prefix), strict=True))
