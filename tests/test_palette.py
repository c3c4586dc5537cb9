"""Colour that means one thing: every vocabulary covered by the theme, one colour per code in
every figure the app draws, status and sector in different hue families, and every
vocabulary's colours told apart under simulated colour blindness."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from pathlib import Path

import colorspacious
import numpy as np
import pandas as pd
import pytest

from analytics import contract as c
from analytics import theme
from analytics.db import Database
from analytics.i18n import label, localized, t

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SIGHTS = {
    "normal": None,
    **{
        kind: {"name": "sRGB1+CVD", "cvd_type": f"{kind}anomaly", "severity": 100}
        for kind in ("deuter", "prot", "trit")
    },
}


def _rgb(colour: str) -> np.ndarray:
    return np.array([int(colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def ucs(colours: list[str], sight: dict | None) -> np.ndarray:
    """The colours in CAM02-UCS as a viewer with `sight` sees them (None: normal vision)."""
    rgb = np.array([_rgb(x) for x in colours])
    if sight is not None:
        rgb = np.clip(colorspacious.cspace_convert(rgb, sight, "sRGB1"), 0, 1)
    return colorspacious.cspace_convert(rgb, "sRGB1", "CAM02-UCS")


def closest(colours: dict[str, str]) -> tuple[float, str]:
    """The smallest distance between two of the colours under any of the four sights."""
    found = (np.inf, "")
    for sight_name, sight in SIGHTS.items():
        points = ucs(list(colours.values()), sight)
        for (i, a), (j, b) in itertools.combinations(enumerate(colours), 2):
            found = min(
                found, (float(np.linalg.norm(points[i] - points[j])), f"{a}/{b} {sight_name}")
            )
    return found


def chroma(colour: str) -> float:
    _, a, b = ucs([colour], None)[0]
    return float(np.hypot(a, b))


def groups() -> dict[str, dict[str, str]]:
    """Each set of codes that shares charts, with its colours (sub-sectors per sector)."""
    out = {
        "sector": theme.SECTOR_COLOURS,
        "status": theme.STATUS_COLOURS,
        "country": theme.COUNTRY_COLOURS,
        "event": theme.EVENT_COLOURS,
    }
    for sector, codes in theme.SUBSECTORS.items():
        out[f"subsector of {sector}"] = {code: theme.SUBSECTOR_COLOURS[code] for code in codes}
    return out


# ---------------------------------------------------------------- the palettes themselves


def test_every_vocabulary_is_covered_by_the_theme() -> None:
    sectors = pd.read_csv(DATA / "sectors.csv")
    subsectors = pd.read_csv(DATA / "subsectors.csv")
    assert set(sectors["code"]) == set(theme.SECTOR_COLOURS)
    shipped = subsectors.groupby("sector")["code"].apply(set).to_dict()
    assert shipped == {sector: set(codes) for sector, codes in theme.SUBSECTORS.items()}
    assert set(theme.STATUS_COLOURS) == {*c.STATUSES, "unknown"}
    assert set(theme.COUNTRY_COLOURS) == set(c.COUNTRIES)
    assert set(theme.EVENT_COLOURS) == set(c.EVENTS)


@pytest.mark.parametrize("group", list(groups()))
def test_colour_blind_viewers_tell_every_two_colours_apart(group: str) -> None:
    colours = groups()[group]
    distance, pair = closest(colours)
    assert distance >= theme.MIN_DISTANCE, f"{group}: {pair} only {distance:.1f} apart"


def test_a_threshold_too_strict_would_fail() -> None:
    """The distance is a real measure: the first palette's sector colours failed it."""
    first = {"green_energy": "#2E8B57", "climate": "#4DAF4A", "agriculture": "#B5A000"}
    distance, pair = closest(first)
    assert distance < theme.MIN_DISTANCE, pair
    assert closest({"grey": "#808080", "white": "#FFFFFF"})[0] > 40


def test_status_and_sector_never_share_a_hue_family() -> None:
    """Statuses are greys (lightness only), sectors and sub-sectors clearly coloured (a grey
    measures about 2 in CAM02-UCS chroma, the most muted colour here, brown, 16)."""
    assert all(len(set(_rgb(x))) == 1 for x in theme.STATUS_COLOURS.values())  # R = G = B
    coloured = [*theme.SECTOR_COLOURS.values(), *theme.SUBSECTOR_COLOURS.values()]
    assert min(chroma(x) for x in coloured) > 15


def test_china_and_pakistan_differ_by_more_than_red_and_green() -> None:
    assert len(set(theme.COUNTRY_SYMBOLS.values())) == len(theme.COUNTRY_COLOURS)
    assert len(set(theme.COUNTRY_PATTERNS.values())) == len(theme.COUNTRY_COLOURS)


def test_a_code_without_a_theme_colour_gets_the_same_one_everywhere() -> None:
    new = theme.colour("subsector", "quantum_computing")
    assert new == theme.colour("subsector", "quantum_computing") and new in theme.OKABE_ITO
    assert theme.colour("subsector", None) == theme.MISSING


# ---------------------------------------------------------------- every figure the app draws


def views() -> list[tuple[str, dict[str, str]]]:
    """Every page in both languages; Sectors once per sector; a project page with a site."""
    sectors = pd.read_csv(DATA / "sectors.csv")["code"]
    out = []
    for lang in ("en", "zh"):
        for page in ("overview", "pipeline", "partners", "map", "meeting"):
            out.append((f"pages/{page}.py", {"lang": lang}))
        out.append(("pages/projects.py", {"lang": lang, "project": "karot-hydropower"}))
        chosen = sectors if lang == "en" else ["green_energy", "space"]
        out += [("pages/sectors.py", {"lang": lang, "topic": s}) for s in chosen]
    return out


def drawn(app, page: str, query: dict[str, str]) -> list[dict]:
    """The figures a page shows, as the browser receives them."""
    at = app(**query)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, (page, query, at.exception)
    return [json.loads(el.proto.spec) for el in at.main if el.type == "plotly_chart"]


def names(db: Database, lang: str) -> dict[str, dict[str, str]]:
    """What each code is called in `lang`, for each vocabulary a chart colours by."""
    sectors = db.query("sectors")
    subsectors = db.con.sql("SELECT code, label_en, label_zh FROM subsectors").df()
    return {
        "sector": {r.code: localized(r.label_en, r.label_zh, lang) for r in sectors.itertuples()},
        "subsector": {
            r.code: localized(r.label_en, r.label_zh, lang) for r in subsectors.itertuples()
        },
        **{
            kind: {code: label(kind, code, lang) for code in theme.PALETTES[kind]}
            for kind in ("status", "country", "event")
        },
    }


def cue(trace: dict) -> bool:
    """Whether a country's trace carries its shape (markers) or its hatch (bars)."""
    code, marker = trace["meta"]["codes"], trace["marker"]
    if trace["type"] == "bar":
        return marker["pattern"]["shape"] == theme.COUNTRY_PATTERNS[code]
    return marker["symbol"] == theme.COUNTRY_SYMBOLS[code]


def test_every_figure_colours_each_code_in_its_one_theme_colour(app, monkeypatch) -> None:
    monkeypatch.setenv("CPST_DATA_DIR", str(DATA))
    db = Database.load(DATA)
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    legends, cues = 0, []
    for page, query in views():
        called = names(db, query["lang"])
        for fig in drawn(app, page, query):
            title = fig["layout"]["title"]["text"]
            traces = [tr for tr in fig["data"] if "colour_by" in tr.get("meta", {})]
            by_trace: dict[str, set] = defaultdict(set)
            for tr in traces:
                vocabulary, codes = tr["meta"]["colour_by"], tr["meta"]["codes"]
                colours = tr["marker"]["color"]
                if isinstance(codes, list):  # one code per point: the categories on the axis
                    assert len(codes) == len(colours), title
                    axis = (
                        tr["y"]
                        if tr.get("orientation", "v") == "h" or tr["type"] == "funnel"
                        else tr["x"]
                    )
                    if tr["type"] != "funnel":  # stages are named "… or further"
                        assert axis == [
                            called[vocabulary].get(x) or t("unknown", query["lang"]) for x in codes
                        ], title
                else:  # one code for the trace: its legend entry names it
                    codes, colours = [codes], [colours]
                    assert tr.get("name") == called[vocabulary].get(
                        codes[0], t("unknown", query["lang"])
                    ), title
                    by_trace[vocabulary].add(codes[0])
                for code, colour in zip(codes, colours, strict=True):
                    seen[(vocabulary, code)].add(colour)
                    assert colour == theme.colour(vocabulary, code), (title, code)
            for vocabulary, codes in by_trace.items():
                if len(codes) > 1:  # colour tells codes apart: a legend names what it encodes
                    legend = fig["layout"].get("legend", {}).get("title", {}).get("text")
                    assert legend == t(f"legend.{vocabulary}", query["lang"]), title
                    legends += 1
            if len(by_trace["country"]) > 1:  # China and Pakistan: a shape or hatch as well
                cues += [cue(tr) for tr in traces if tr["meta"]["colour_by"] == "country"]
    assert legends > 10
    assert len(cues) > 4 and all(cues), cues
    assert {code for v, code in seen if v == "sector"} == set(theme.SECTOR_COLOURS)
    assert {code for v, code in seen if v == "subsector"} >= {
        "hydro",
        "solar",
        "wind",
        "satellites",
    }
    assert {code for v, code in seen if v == "status"} >= {"agreed", "operational"}
    assert {v for v, _ in seen} == {"sector", "subsector", "status", "country", "event"}
    assert {k: cs for k, cs in seen.items() if len(cs) != 1} == {}
