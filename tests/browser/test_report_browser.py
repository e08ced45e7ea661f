"""The report in headless Chromium: offline, error-free, drawn, and inert to hostile text.

Chromium is the system's (Debian's ``chromium``), driven by Playwright with the
switches that stop background networking and a new empty profile (see conftest).
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from worldsystem.report import build_report
from worldsystem.report.sections import (
    Figure,
    SectionOutput,
    Table,
    register,
    registered,
    unregister,
)

pytestmark = pytest.mark.browser

#: Countries in Natural Earth 1:110m as shipped by world-atlas 2.0.2 (177 geometries,
#: all with rings).
N_COUNTRIES_110M = 177


def _png_size(data: bytes) -> tuple[int, int]:
    # PNG: 8-byte signature, then the IHDR chunk: length(4) type(4) width(4) height(4)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _check_page(opened, tmp_path: Path, name: str) -> None:
    """The checks every built report must pass in the browser."""
    page = opened.page
    assert opened.outgoing == [], f"requests left the file: {opened.outgoing[:5]}"
    assert opened.console_errors == [], opened.console_errors[:5]
    assert opened.page_errors == [], opened.page_errors[:5]
    assert opened.dialogs == []
    # every section of the page has its heading, and none failed
    headings = page.eval_on_selector_all(
        "main > section.ws-section > h2", "els => els.map(e => e.textContent.trim())"
    )
    ids = page.eval_on_selector_all("main > section.ws-section", "els => els.map(e => e.id)")
    assert ids == [s.id for s in registered()]
    assert headings == [s.title for s in registered()]
    failed = page.eval_on_selector_all(".ws-error", "els => els.map(e => e.textContent)")
    assert failed == [], f"sections failed to build: {failed}"
    assert page.is_visible("#appendix") and page.is_visible("#build-stamp")
    # every plotly figure was drawn by plotly.js (it adds an SVG of class main-svg)
    n_plotly = page.locator(".plotly-figure").count()
    drawn = page.locator(".plotly-figure .main-svg").count()
    assert opened.rendered == n_plotly
    undrawn = page.eval_on_selector_all(
        ".plotly-figure", "els => els.filter(e => !e.querySelector('.main-svg')).map(e => e.id)"
    )
    assert undrawn == [] and drawn >= n_plotly
    shot = tmp_path / f"{name}.png"
    page.screenshot(path=str(shot), full_page=True)
    width, height = _png_size(shot.read_bytes())
    assert width > 500 and height > 1000


_LEFT_EDGES = """() => [...document.querySelectorAll('main > section')].map(s => [s.id,
  [...new Set([...s.children].filter(c => !c.classList.contains('breakout'))
    .map(c => Math.round(c.getBoundingClientRect().left)))]])"""


def _one_text_column(page) -> None:
    """At 1400 px every block of a section but a breakout table starts at one left
    edge (the wide main once left folded paragraphs and source lists at its edge)."""
    page.set_viewport_size({"width": 1400, "height": 1000})
    edges = dict(page.evaluate(_LEFT_EDGES))
    assert all(len(v) == 1 for v in edges.values()), edges


def test_example_report_in_chromium(example_report, open_page, tmp_path):
    opened = open_page(example_report)
    _check_page(opened, tmp_path, "example")
    assert opened.page.is_visible("#example-banner")
    assert "EXAMPLE DATA" in opened.page.inner_text("#example-banner")
    _one_text_column(opened.page)


def test_real_report_in_chromium(real_report, open_page, tmp_path):
    opened = open_page(real_report)
    _check_page(opened, tmp_path, "real")
    page = opened.page
    assert page.locator("#example-banner").count() == 0
    _one_text_column(page)
    # the groups map: one path per country of the 110m map, coloured, and drawn on screen
    assert page.locator("#groups svg.ws-map path.country").count() == N_COUNTRIES_110M
    box = page.locator("#groups svg.ws-map").bounding_box()
    assert box is not None and box["width"] > 400 and box["height"] > 150
    fills = set(
        page.eval_on_selector_all(
            "#groups svg.ws-map path.country", "els => els.map(e => e.getAttribute('fill'))"
        )
    )
    assert len(fills) >= 5  # four groups and the no-data grey
    # a country path has a real outline (not an empty or degenerate shape)
    usa = page.locator('#groups path.country[data-id="840"]').bounding_box()
    assert usa is not None and usa["width"] > 20
    # each measured section folds its rows of the validation table, open rows first
    from worldsystem.core import validation

    for sid in ("polarity", "position", "blocs", "exchange", "imperialism"):
        summary, _ = validation.section_note(sid)
        note = page.locator(f"#{sid} .method-notes details.prose").filter(has_text=summary)
        assert note.count() == 1, sid
        assert not note.locator("li").first.is_visible()  # folded until opened
    first = page.locator("#position .method-notes details.prose li").first
    assert first.text_content().startswith("open:")  # India core, Norway not (issue 16)


HOSTILE = [
    "<script>window.__ws_pwned = 1; alert('x')</script>",
    '"\' onmouseover=alert(1) x="',
    '<img src=x onerror="window.__ws_pwned=2;alert(2)">',
    "</script><script>window.__ws_pwned=3</script>",
    "<svg onload=alert(4)>",
    "javascript:alert(5)",
    "Ωμέγα \u2028 \u2029 ﷽ &amp; &lt;b&gt;",
]


@pytest.fixture()
def hostile_section():
    import pandas as pd
    import plotly.graph_objects as go

    from worldsystem.report.maps import svg_choropleth

    text = " | ".join(HOSTILE)
    fig = go.Figure(
        go.Scatter(
            x=[1, 2], y=[3, 4], name=text, text=HOSTILE[:2], hovertemplate=HOSTILE[2] + "%{y}"
        )
    )
    fig.update_layout(title=text, xaxis_title=HOSTILE[0], yaxis_title=HOSTILE[2])
    svg = svg_choropleth(
        {"840": HOSTILE[0], "156": HOSTILE[2]},
        {HOSTILE[0]: "#0072B2", HOSTILE[2]: "#E69F00"},
        labels={"840": HOSTILE[3]},
        title=text,
        element_id="hostile-map",
    )

    @register("hostile", text, needs=(), order=9999)
    def _hostile(ctx):
        return SectionOutput(
            paragraphs=HOSTILE,
            findings=HOSTILE,
            figures=[
                Figure("hostile-plot", text, "plotly", fig, caption=text),
                Figure(
                    "hostile-svg",
                    text,
                    "svg",
                    {"svg": svg, "legend": [(HOSTILE[0], "#0072B2"), (HOSTILE[2], "#E69F00")]},
                    caption=text,
                ),
            ],
            tables=[Table("hostile-table", text, pd.DataFrame({HOSTILE[0]: HOSTILE}))],
            method_notes=HOSTILE,
        )

    yield text
    unregister("hostile")


def test_hostile_labels_do_not_run(hostile_section, open_page, tmp_path, example_context):
    path = build_report(out=tmp_path / "out", context=example_context, sections=["hostile"])
    opened = open_page(path)
    page = opened.page
    # hover over every element the labels reach, in case a handler was injected
    page.hover("#hostile-plot-plot .main-svg")
    page.hover('#hostile-map path.country[data-id="840"]')
    page.wait_for_timeout(200)
    assert opened.dialogs == []
    assert page.evaluate("typeof window.__ws_pwned") == "undefined"
    assert opened.outgoing == [], opened.outgoing
    assert opened.page_errors == []
    # only the page's own scripts exist: plotly.js, one figure payload, the loader
    assert page.locator("script").count() == 3
    assert page.locator("main img, main iframe, main object, main embed").count() == 0
    assert page.locator("[onerror], [onload], [onmouseover]").count() == 0
    # the strings are shown as text, intact
    heading = page.inner_text("#hostile > h2")
    assert HOSTILE[0] in heading and HOSTILE[2] in heading
    body = page.inner_text("#hostile")
    for s in HOSTILE[:6]:
        assert s in body
    assert page.locator(".plotly-figure .main-svg").count() >= 1
