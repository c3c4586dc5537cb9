"""The translation catalogues: one gettext file per language, complete and consistent."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from analytics.i18n import LANGS, LOCALES, STRINGS, date_text
from analytics.kpis import KPIS, KpiValue

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


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2025-10-15", "zh", "2025年10月15日"),
        ("2025-10", "zh", "2025年10月"),
        ("2025", "zh", "2025年"),
        ("2025-10-15", "en", "15 October 2025"),
        ("2016-12", "en", "December 2016"),
        ("2025", "en", "2025"),
        ("2025-02-30", "zh", "2025-02-30"),  # not a date: as it is
    ],
)
def test_dates_read_as_each_language_writes_them(value: str, lang: str, expected: str) -> None:
    assert date_text(value, lang) == expected


def test_the_committed_amount_shows_in_yi_dollars_in_chinese() -> None:
    # fixture-sized figures: 1,420 + 44 + 12.5 USD m committed, 1,420 the year before
    kpi = next(k for k in KPIS if k.code == "committed_usd")
    value = KpiValue(kpi, 2024, 1476.5, 1420.0, target=2000.0)
    assert (value.shown("en"), value.change("en")) == ("1,476", "↑56.5")
    assert (value.shown("zh"), value.change("zh")) == ("14.8", "↑0.6")  # 亿美元 = 100 USD m
    assert value.shown("zh", value.target) == "20"
    assert "亿美元" in kpi.name("zh") and "USD m" in kpi.name("en")
