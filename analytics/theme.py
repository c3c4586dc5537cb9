"""The one visual theme: a Plotly template for the projector and a fixed colour per code."""

from __future__ import annotations

import zlib

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "cpst"
# CJK fonts come after the Latin ones so Chinese labels render in the browser and in exports.
# The first two are TrueType (Debian's fonts-noto-core, fonts-wqy-zenhei): in a PDF page
# Chromium embeds them with a faithful character map, so the text copies and searches; the
# CFF outlines of Noto Sans CJK came out as Type 3 glyphs whose digits copied as nothing.
FONT = "Noto Sans, WenQuanYi Zen Hei, Noto Sans CJK SC, Microsoft YaHei, DejaVu Sans, sans-serif"

# Colour means one thing: one colour per code of every categorical vocabulary, fixed here and
# used by every chart, export and the map (charts.py paints through `colour`).
#
# - Sectors, sub-sectors, countries and milestone kinds are chromatic; statuses are greys
#   (lightness only, darker as a project gets further), so status and sector never share a
#   hue family on one screen. Suspended and cancelled bars are also hatched (STATUS_PATTERNS).
# - Colour-blind viewers: within each vocabulary, every two colours are at least
#   MIN_DISTANCE apart in CAM02-UCS (ΔE', where about 1 is a just-noticeable difference)
#   with normal vision and under simulated deuteranopia, protanopia and tritanopia at full
#   severity (colorspacious; tests/test_palette.py). Sub-sectors are compared within their
#   sector, as only a sector's own sub-sectors share a chart. The sector colours were moved
#   from the first palette to the nearest colours meeting the threshold.
# - China and Pakistan (the flags' red and green) are told apart by more than colour: by
#   marker shape in the network and by a hatch on bars (COUNTRY_SYMBOLS, COUNTRY_PATTERNS).
MIN_DISTANCE = 10.0
SECTOR_COLOURS = {
    "green_energy": "#599059",
    "digital_economy": "#1F6FB4",
    "space": "#4B2A8C",
    "conventional_energy": "#7A3743",
    "ai_big_data": "#17BECF",
    "agriculture": "#BCC86F",
    "health": "#BC1616",
    "ocean": "#2143C8",
    "transport": "#E97A16",
    "aeronautics": "#DEB1FF",
    "materials": "#8C564B",
    "minerals": "#BC6400",
    "climate": "#4DAF4A",
    "stem_education": "#DE85B1",
    "innovation": "#F1C40F",
}
# Okabe and Ito's colour-blind-safe set (without black, a grey to the eye): a sector's
# sub-sectors take its colours in the order listed below.
OKABE_ITO = ("#0072B2", "#E69F00", "#56B4E9", "#CC79A7", "#D55E00", "#009E73", "#F0E442")
SUBSECTORS = {
    "green_energy": ("hydro", "solar", "wind", "nuclear", "transmission"),
    "conventional_energy": ("coal", "oil_gas"),
    "digital_economy": (
        "ict_infrastructure",
        "fibre_cables",
        "data_centres",
        "fintech",
        "ecommerce",
        "smart_cities",
        "digital_skills",
    ),
    "space": ("satellites", "launches", "lunar_deep_space", "navigation", "astronauts"),
    "ai_big_data": ("ai", "big_data", "cloud"),
    "agriculture": ("crops_seeds", "livestock", "food_processing", "agri_technology"),
    "health": (
        "medical_technology",
        "drug_discovery",
        "vaccines",
        "herbal_medicine",
        "hospitals",
        "biotechnology",
    ),
    "ocean": ("marine_research", "fisheries_aquaculture", "maritime"),
    "transport": ("highways", "railways", "ports", "urban_transit", "airports"),
    "aeronautics": ("aircraft", "aerospace_industry"),
    "materials": ("advanced_materials", "nanotechnology"),
    "minerals": ("mining", "geology"),
    "climate": ("climate_change", "biodiversity", "disaster_mitigation", "water_resources"),
    "stem_education": (
        "higher_education",
        "vocational_training",
        "science_popularisation",
        "scholarships",
    ),
    "innovation": (
        "technology_parks",
        "incubation",
        "youth_entrepreneurship",
        "special_economic_zones",
    ),
}
SUBSECTOR_COLOURS = {
    code: colour
    for codes in SUBSECTORS.values()
    for code, colour in zip(codes, OKABE_ITO, strict=False)
}
STATUS_COLOURS = {
    "unknown": "#EBEBEB",  # no dated fact places the project in the year (status_then)
    "proposed": "#C4C4C4",
    "agreed": "#A2A2A2",
    "under_implementation": "#828282",
    "suspended": "#646464",
    "cancelled": "#484848",
    "operational": "#2B2B2B",
}
STATUS_PATTERNS = {"suspended": "x", "cancelled": "/"}
COUNTRY_COLOURS = {"CN": "#DE2910", "PK": "#01411C", "other": "#A6A6A6"}
COUNTRY_SYMBOLS = {"CN": "circle", "PK": "square", "other": "diamond"}
COUNTRY_PATTERNS = {"CN": "", "PK": "/", "other": "."}
EVENT_COLOURS = {
    "announced": "#9E9AC8",
    "agreement_signed": "#1F6FB4",
    "financial_close": "#4ED3E9",
    "construction_started": "#E69F00",
    "launched": "#64379B",
    "inaugurated": "#599059",
    "commissioned": "#59B17A",
    "completed": "#01665E",
    "handed_over": "#853737",
    "suspended": "#E9BC6F",
    "cancelled": "#D62728",
    "other": "#DE64A6",
}
PALETTES = {
    "sector": SECTOR_COLOURS,
    "subsector": SUBSECTOR_COLOURS,
    "status": STATUS_COLOURS,
    "country": COUNTRY_COLOURS,
    "event": EVENT_COLOURS,
}
MISSING = "#B0B0B0"  # a row without a code (a project with no sub-sector)


def colour(vocabulary: str, code: str | None) -> str:
    """The one colour of `code` in `vocabulary`. A code added to the data after this theme
    (a new sub-sector) gets an Okabe–Ito colour picked by its name, the same in every chart."""
    if not isinstance(code, str):
        return MISSING
    palette = PALETTES[vocabulary]
    return palette.get(code) or OKABE_ITO[zlib.crc32(code.encode()) % len(OKABE_ITO)]


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT, size=18, color="#222222"),
            # pad: off the image's left edge (at x = 0 an exported title touched it)
            title=dict(
                font=dict(size=26), x=0, xanchor="left", y=0.97, yanchor="top", pad=dict(l=24)
            ),
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=list(SECTOR_COLOURS.values()),
            margin=dict(l=40, r=60, t=110, b=130),
            xaxis=dict(showgrid=False, linecolor="#888888", ticks="outside", automargin=True),
            yaxis=dict(gridcolor="#E5E5E5", zeroline=False, automargin=True),
            # 14 px items: all 15 sectors fit beside a 540 px chart (at 18 px the legend
            # scrolled and a static image lost the first five).
            legend=dict(
                orientation="v", x=1.01, y=1, yanchor="top", title=dict(text=""), font_size=14
            ),
            hoverlabel=dict(font=dict(family=FONT, size=16)),
            bargap=0.25,
        )
    )


def register() -> None:
    """Install the template and make it the default (import streamlit resets the default).

    Built once per process: building it took 11 ms of every page run."""
    if TEMPLATE not in pio.templates:
        pio.templates[TEMPLATE] = _template()
    if pio.templates.default != TEMPLATE:  # setting it validates the template: 3 ms
        pio.templates.default = TEMPLATE


register()
