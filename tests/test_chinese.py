"""中文 as a first language: every page rendered in Chinese (AppTest, shipped data) shows no
string without a Chinese character, apart from what the allow-list below says and why."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from analytics.i18n import t

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
HAN = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")

# Shown as they are in Chinese too: the map's degree units, and the keys a presentation
# clicker sends (meeting mode's hidden buttons, never seen on screen).
ALLOWED = {"°E", "°N", "PageUp", "PageDown", "Space"}

VIEWS = [
    ("overview", {}),
    ("sectors", {"topic": "green_energy"}),
    ("sectors", {"topic": "space"}),
    ("projects", {}),
    ("projects", {"project": "karot-hydropower"}),
    ("partners", {}),
    ("map", {}),
    ("pipeline", {}),
    ("meeting", {}),
    ("briefing", {}),
    ("methodology", {}),
]


def latin_names() -> set[str]:
    """Names whose Chinese form is itself Latin (Chinese sources write "Daraz", "Sky47")."""
    institutions = pd.read_csv(DATA / "institutions.csv", dtype=str)
    return {name for name in institutions["name_zh"] if not HAN.search(name)}


def figure_texts(fig: dict) -> list[str]:
    """What a Plotly figure writes: titles, axis titles and tick labels, annotations, legend
    names, and the categories of an axis without tick labels of its own."""
    layout = fig.get("layout", {})
    title = layout.get("title", {})
    out = [title.get("text"), (title.get("subtitle") or {}).get("text")]
    axes = {k: v for k, v in layout.items() if k.startswith(("xaxis", "yaxis"))}
    for axis in axes.values():
        out += [(axis.get("title") or {}).get("text"), *(axis.get("ticktext") or [])]
    ticked = {k[0] for k, axis in axes.items() if axis.get("ticktext")}
    out += [a.get("text") for a in layout.get("annotations", [])]
    out.append(((layout.get("legend") or {}).get("title") or {}).get("text"))
    for trace in fig.get("data", []):
        out.append(trace.get("name"))
        for axis in {"x", "y"} - ticked:
            values = trace.get(axis)
            if isinstance(values, list) and all(isinstance(v, str) for v in values):
                out += [v for v in values if not re.match(r"\d{4}-\d\d", v)]  # dates
    return out


def shown(at) -> list[tuple[str, str]]:
    """(kind, text) of everything a reader sees in the main area. Skipped: the source lists
    (cited in their own language, as the page says just above them) and the project's
    description and notes (data text, which the page says is in English)."""
    out, citations = [], False
    for el in at.main:
        kind = el.type
        if kind == "plotly_chart":
            out += [(kind, s) for s in figure_texts(json.loads(el.proto.spec))]
        elif kind == "caption":
            citations = el.value == t("detail.sources_original", "zh")
            out.append((kind, el.value))
        elif kind == "markdown" and citations:
            citations = False
        elif kind in ("markdown", "title", "header", "subheader", "alert"):
            out.append((kind, el.value))
        elif kind == "metric":
            out += [(kind, el.label), (kind, el.value)]
        elif kind in ("arrow_data_frame", "dataframe"):
            config = json.loads(el.proto.columns or "{}")
            labels = {
                name: c.get("label") if isinstance(c, dict) else c for name, c in config.items()
            }
            out += [(kind, label) for label in labels.values() if isinstance(label, str)]
            if t("col.publisher", "zh") in labels.values():
                continue  # the sources table: citations in their own language
            for name in el.value.columns:
                out += [(kind, v) for v in el.value[name].dropna().astype(str).unique()]
        elif hasattr(el, "label"):
            out.append((kind, el.label))
            out += [(kind, str(o)) for o in getattr(el, "options", [])]
    return out


@pytest.mark.parametrize(("page", "query"), VIEWS, ids=[f"{p}{q}" for p, q in VIEWS])
def test_every_page_in_chinese_shows_chinese(app, monkeypatch, page: str, query: dict) -> None:
    monkeypatch.setenv("CPST_DATA_DIR", str(DATA))
    at = app(lang="zh", **query)
    at.run()
    at.switch_page(f"pages/{page}.py").run()
    assert not at.exception
    allowed = ALLOWED | latin_names()
    english = sorted(
        {
            f"{kind}: {text}"
            for kind, text in shown(at)
            if isinstance(text, str)
            and LATIN.search(text)
            and not HAN.search(text)
            and text.strip() not in allowed
            and not text.startswith(("http://", "https://"))
        }
    )
    assert english == []
