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


def test_pdf_is_printed_after_the_figures_draw(tmp_path, chromium_exe):
    from worldsystem.example import world
    from worldsystem.report.context import ReportContext

    ctx = ReportContext(data=None, example=world(seed=0))
    pdf = build_report(out=tmp_path, context=ctx, fmt="pdf", chromium=chromium_exe)
    assert pdf == tmp_path / "report.pdf"
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type/Page")
    assert pages >= 2
    assert (tmp_path / "index.html").is_file()


def test_png_of_every_figure(tmp_path, chromium_exe):
    from worldsystem.example import world
    from worldsystem.report.context import ReportContext

    ctx = ReportContext(data=None, example=world(seed=0))
    html = build_report(out=tmp_path, context=ctx, png=True, chromium=chromium_exe)
    text = html.read_text("utf-8")
    ids = re.findall(r'<figure id="([^"]+)" class="ws-figure ', text)
    written = sorted(p.stem for p in (tmp_path / "figures").glob("*.png")) if ids else []
    assert written == sorted(ids)
    for fid in ids:
        w, h = _png_size((tmp_path / "figures" / f"{fid}.png").read_bytes())
        assert w >= 800 and h >= 200  # 2x density of a figure several hundred px wide
