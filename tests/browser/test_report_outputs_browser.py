"""PDF printing and figure PNGs through the library's own headless Chromium.

These tests start Chromium through :mod:`worldsystem.report.chromium` (no shared
browser fixture: Playwright's sync API runs one instance at a time).
"""

from __future__ import annotations

import re
import struct

import pytest

from worldsystem.report import build_report

pytestmark = pytest.mark.browser


def _png_size(data: bytes) -> tuple[int, int]:
    # PNG: 8-byte signature, then the IHDR chunk: length(4) type(4) width(4) height(4)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture()
def small_report_section():
    """A registered section with a plotly figure, an SVG map and a long table."""
    import pandas as pd
    import plotly.graph_objects as go

    from worldsystem.report.maps import svg_choropleth
    from worldsystem.report.sections import Figure, SectionOutput, Table, register, unregister

    frame = pd.DataFrame({"year": [2000, 2001, 2002], "share": [0.2, 0.5, 0.3]})
    fig = go.Figure(go.Scatter(x=frame["year"], y=frame["share"], name="share"))
    svg = svg_choropleth({"840": "a", "156": "b"}, {"a": "#0072B2", "b": "#E69F00"}, title="m")

    @register("small", "A small section", order=9998)
    def _small(ctx):
        return SectionOutput(
            figures=[
                Figure("small-plot", "A line", "plotly", fig, caption="unitless", data=frame),
                Figure("small-map", "A map", "svg", {"svg": svg}, caption="map", data=frame),
            ],
            tables=[Table("small-table", "Rows", pd.DataFrame({"i": range(150)}), max_rows=150)],
        )

    yield ["small"]
    unregister("small")


def test_pdf_is_printed_after_the_figures_draw(
    tmp_path, chromium_exe, small_report_section, example_context
):
    # print_pdf raises unless every plotly figure has drawn before printing
    pdf = build_report(
        out=tmp_path,
        context=example_context,
        sections=small_report_section,
        fmt="pdf",
        chromium=chromium_exe,
    )
    assert pdf == tmp_path / "report.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", data))
    assert pages >= 2  # a map, a plot and 150 table rows do not fit on one A4 page
    assert (tmp_path / "index.html").is_file()


def test_png_of_every_figure(tmp_path, chromium_exe, small_report_section, example_context):
    html = build_report(
        out=tmp_path,
        context=example_context,
        sections=small_report_section,
        png=True,
        chromium=chromium_exe,
    )
    ids = re.findall(r'<figure id="([^"]+)" class="ws-figure ', html.read_text("utf-8"))
    assert ids == ["small-plot", "small-map"]
    assert sorted(p.stem for p in (tmp_path / "figures").glob("*.png")) == sorted(ids)
    for fid in ids:
        w, h = _png_size((tmp_path / "figures" / f"{fid}.png").read_bytes())
        assert w >= 1600 and h >= 300  # 2x density of a figure about 950 px wide
