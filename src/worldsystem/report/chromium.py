"""Headless Chromium for the report: PDF printing, figure PNGs and the browser tests.

The browser is the system's Chromium (Debian's ``chromium`` package), driven by
Playwright's Python package through ``executable_path``; Playwright's own browser
download is never used. Chromium is started with a fresh, empty profile and with
the switches that stop its background networking, so opening the report makes no
network request at all.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from worldsystem.core.errors import WorldsystemError

__all__ = [
    "CHROMIUM_ARGS",
    "ENV_CHROMIUM",
    "PDF_WIDTH_PX",
    "browser_context",
    "find_chromium",
    "print_pdf",
    "require_chromium",
    "screenshot_figures",
    "wait_rendered",
]

#: Environment variable naming the Chromium executable (``.ci/run`` exports it).
ENV_CHROMIUM = "WORLDSYSTEM_CHROMIUM"

#: Switches that keep Chromium quiet: no sandbox (containers), no GPU, and no
#: background traffic (component updates, sync, QUIC, first-run pings).
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--metrics-recording-only",
    "--no-default-browser-check",
)

#: Width in CSS pixels of the printable area of an A4 page with 15 mm margins
#: ((210 - 2 * 15) mm / 25.4 mm/in * 96 px/in = 680.3 px). Figures are drawn at this
#: width before printing so that nothing is cut or rescaled.
PDF_WIDTH_PX = 680

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium(explicit: str | os.PathLike[str] | None = None) -> str | None:
    """The Chromium executable to use, or None when there is none.

    Looks at ``explicit``, then ``$WORLDSYSTEM_CHROMIUM``, then ``chromium``,
    ``chromium-browser`` and ``google-chrome`` on ``PATH``.
    """
    for cand in (explicit, os.environ.get(ENV_CHROMIUM)):
        if cand:
            path = shutil.which(str(cand)) or (str(cand) if Path(cand).is_file() else None)
            if path:
                return path
    for name in _CANDIDATES:
        path = shutil.which(name)
        if path:
            return path
    return None


def require_chromium(explicit: str | os.PathLike[str] | None = None) -> str:
    """Like :func:`find_chromium` but raises a :class:`WorldsystemError` saying how to fix it."""
    path = find_chromium(explicit)
    if path is None:
        raise WorldsystemError(
            "no Chromium executable found (needed for --format pdf and --png)",
            value=explicit or os.environ.get(ENV_CHROMIUM) or "chromium",
            hint=f"install it (Debian: apt-get install chromium) or set ${ENV_CHROMIUM} "
            "to the executable",
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        raise WorldsystemError(
            "the playwright package is not installed (it drives Chromium for PDF and PNG)",
            hint="pip install playwright  (no `playwright install` needed: the system "
            "Chromium is used)",
        ) from None
    return path


@contextlib.contextmanager
def browser_context(
    executable: str | os.PathLike[str] | None = None,
    *,
    viewport: tuple[int, int] = (1100, 900),
    device_scale_factor: float = 1.0,
    user_data_dir: str | os.PathLike[str] | None = None,
) -> Iterator[Any]:
    """A Playwright browser context on the system Chromium with an empty profile.

    Parameters
    ----------
    executable : path of Chromium (default: :func:`find_chromium`).
    viewport : (width, height) in CSS pixels.
    device_scale_factor : pixel density (2 for sharp PNGs).
    user_data_dir : profile folder; a new empty temporary folder by default.

    Yields
    ------
    playwright.sync_api.BrowserContext
    """
    exe = require_chromium(executable)
    from playwright.sync_api import sync_playwright

    with contextlib.ExitStack() as stack:
        profile = user_data_dir or stack.enter_context(
            tempfile.TemporaryDirectory(prefix="ws-chromium-")
        )
        pw = stack.enter_context(sync_playwright())
        ctx = pw.chromium.launch_persistent_context(
            str(profile),
            executable_path=exe,
            headless=True,
            args=list(CHROMIUM_ARGS),
            viewport={"width": viewport[0], "height": viewport[1]},
            device_scale_factor=device_scale_factor,
            offline=True,
            service_workers="block",
        )
        try:
            yield ctx
        finally:
            ctx.close()


def wait_rendered(page: Any, *, timeout_ms: int = 60_000) -> int:
    """Wait until the page's loader has drawn every plotly figure; return how many.

    The page sets ``data-ws-rendered`` on ``<html>`` once all ``Plotly.newPlot``
    promises have settled.
    """
    page.wait_for_function(
        "document.documentElement.hasAttribute('data-ws-rendered')", timeout=timeout_ms
    )
    return int(page.evaluate("document.documentElement.getAttribute('data-ws-rendered')"))


def _require_drawn(page: Any, html_path: Path) -> None:
    """Raise unless every plotly figure of the page has been drawn."""
    drawn = wait_rendered(page)
    expected = page.locator(".plotly-figure").count()
    if drawn != expected:
        raise WorldsystemError(
            f"{expected - max(drawn, 0)} of {expected} plotly figure(s) did not draw in Chromium",
            file=html_path,
            hint="open the page in a browser and look at the console for the failing figure",
        )


def print_pdf(
    html_path: str | os.PathLike[str],
    pdf_path: str | os.PathLike[str],
    *,
    executable: str | os.PathLike[str] | None = None,
) -> Path:
    """Print the report to an A4 PDF once its figures are drawn.

    The page is laid out with the print stylesheet at the printable width
    (:data:`PDF_WIDTH_PX`) before the figures are drawn, so plotly sizes them for
    the paper; folded text and tables (``<details>``) are opened.
    """
    from worldsystem.core.io import atomic_path

    html_path = Path(html_path).resolve()
    with browser_context(executable, viewport=(PDF_WIDTH_PX, 960)) as ctx:
        page = ctx.new_page()
        page.emulate_media(media="print")
        page.goto(html_path.as_uri(), wait_until="load")
        _require_drawn(page, html_path)
        # paper cannot be clicked: every folded text and table is printed open
        page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
        with atomic_path(pdf_path) as tmp:
            page.pdf(
                path=str(tmp),
                format="A4",
                margin={"top": "15mm", "bottom": "15mm", "left": "15mm", "right": "15mm"},
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=(
                    '<div style="font-size:8px;width:100%;text-align:center;color:#555">'
                    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
                ),
            )
    return Path(pdf_path)


def screenshot_figures(
    html_path: str | os.PathLike[str],
    out_dir: str | os.PathLike[str],
    *,
    executable: str | os.PathLike[str] | None = None,
    scale: float = 2.0,
) -> list[Path]:
    """Write a PNG of every figure of the report (title, plot and caption) to ``out_dir``.

    Files are named ``<figure id>.png``; ``scale`` is the pixel density.
    """
    from worldsystem.core.io import atomic_write_bytes

    html_path = Path(html_path).resolve()
    out = Path(out_dir)
    written = []
    with browser_context(executable, viewport=(1000, 900), device_scale_factor=scale) as ctx:
        page = ctx.new_page()
        page.goto(html_path.as_uri(), wait_until="load")
        _require_drawn(page, html_path)
        for handle in page.query_selector_all("figure.ws-figure"):
            fid = handle.get_attribute("id") or ""
            png = handle.screenshot(animations="disabled")
            written.append(atomic_write_bytes(out / f"{fid}.png", png))
    return written
