"""The one visual theme: a Plotly template for the projector and a fixed colour per sector."""

from __future__ import annotations

import plotly.graph_objects as go
import plotly.io as pio

TEMPLATE = "cpst"
# CJK fonts come after the Latin ones so Chinese labels render in the browser and in exports.
FONT = "Noto Sans, Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, DejaVu Sans, sans-serif"

# A fixed colour for each sector everywhere; the three sectors users asked for first get the
# most distinct hues.
SECTOR_COLOURS = {
    "green_energy": "#2E8B57",
    "digital_economy": "#1F6FB4",
    "space": "#6A3D9A",
    "conventional_energy": "#7F7F7F",
    "ai_big_data": "#17BECF",
    "agriculture": "#B5A000",
    "health": "#D62728",
    "ocean": "#0B3C8C",
    "transport": "#E67E22",
    "aeronautics": "#C39BD3",
    "materials": "#8C564B",
    "minerals": "#A6761D",
    "climate": "#4DAF4A",
    "stem_education": "#E377C2",
    "innovation": "#F1C40F",
}
COUNTRY_COLOURS = {"CN": "#C8102E", "PK": "#01411C", "other": "#7F7F7F"}
STATUS_COLOURS = {
    "proposed": "#BDBDBD",
    "agreed": "#9ECAE1",
    "under_implementation": "#3182BD",
    "operational": "#2E8B57",
    "suspended": "#FDAE6B",
    "cancelled": "#D62728",
    "unknown": "#7F7F7F",  # no dated fact places the project in the year (status_then)
}


def _template() -> go.layout.Template:
    return go.layout.Template(
        layout=go.Layout(
            font=dict(family=FONT, size=18, color="#222222"),
            title=dict(font=dict(size=26), x=0, xanchor="left", y=0.97, yanchor="top"),
            paper_bgcolor="white",
            plot_bgcolor="white",
            colorway=list(SECTOR_COLOURS.values()),
            margin=dict(l=20, r=60, t=110, b=130),
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
