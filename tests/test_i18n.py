"""The translation catalogues: one gettext file per language, complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from analytics.i18n import LANGS, LOCALES, STRINGS

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")


def catalogue(lang: str):
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as fh:
        return read_po(fh)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def test_both_languages_have_every_key_with_the_same_source_text() -> None:
    keyed = {lang: {m.context: m for m in catalogue(lang) if m.context} for lang in LANGS}
    assert keyed["en"].keys() == keyed["zh"].keys()
    assert len(keyed["en"]) == len(STRINGS) > 200
    for key, message in keyed["en"].items():
        assert keyed["zh"][key].id == message.id, f"{key}: the English source differs"
        assert message.string == message.id, f"{key}: English shows its own source text"


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_is_translated_with_the_same_placeholders(lang: str) -> None:
    for message in catalogue(lang):
        if not message.context:
            continue  # the header
        assert message.string, f"{lang} {message.context}: no text"
        assert not message.fuzzy, f"{lang} {message.context}: marked fuzzy"
        assert placeholders(message.string) == placeholders(message.id), message.context


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    asked = set()
    for path in [*ROOT.glob("*.py"), *ROOT.glob("pages/*.py"), *ROOT.glob("analytics/*.py")]:
        asked |= set(re.findall(r"""\bt\(\s*"([a-z_]+\.[a-z0-9_.]+)\"""", path.read_text("utf-8")))
    assert len(asked) > 100
    assert sorted(asked - STRINGS.keys()) == []
