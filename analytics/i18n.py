"""The one translation mechanism: every user-facing string, in English and 中文, from one
gettext catalogue per language (locales/<lang>/LC_MESSAGES/messages.po, which Poedit,
Weblate or any translation tool opens; tests/test_i18n.py checks both hold every key with
the same placeholders)."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

LANGS = ("en", "zh")

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
