"""Browser-test fixtures: the system Chromium driven by Playwright, and the real report.

The example report (``example_report``) is the session fixture of ``tests/conftest.py``,
shared with the unit tests.

The browser tests need a Chromium executable (``$WORLDSYSTEM_CHROMIUM``, or
``chromium`` on PATH; ``.ci/run`` installs Debian's package) and the playwright
Python package. They are skipped, with the reason, when either is absent.
Playwright's own browser download (``playwright install``) is never used.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from worldsystem.report.chromium import find_chromium


@pytest.fixture(scope="session")
def chromium_exe() -> str:
    """Path of the Chromium executable; skips when there is none."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("the playwright Python package is not installed")
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium executable (set WORLDSYSTEM_CHROMIUM or install chromium)")
    return exe


@pytest.fixture(scope="module")
def browser_ctx(chromium_exe):
    """One headless Chromium with a new empty profile, shared by a module's tests.

    Module scope: Playwright's sync API cannot start a second instance while one
    runs, and the PDF/PNG tests start their own through the library.
    """
    from worldsystem.report.chromium import browser_context

    with tempfile.TemporaryDirectory(prefix="ws-profile-") as profile:
        with browser_context(chromium_exe, user_data_dir=profile) as ctx:
            yield ctx


@dataclass
class Opened:
    """A page opened from disk, with everything it tried to do."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    rendered: int = -2

    @property
    def outgoing(self) -> list[str]:
        """Every request other than the page file itself."""
        return [u for u in self.requests if u != self.url]


@pytest.fixture()
def open_page(browser_ctx):
    """``open_page(path) -> Opened``: load a file, record requests, errors and dialogs."""
    from worldsystem.report.chromium import wait_rendered

    pages = []

    def _open(path: Path) -> Opened:
        page = browser_ctx.new_page()
        pages.append(page)
        url = Path(path).resolve().as_uri()
        rec = Opened(page=page, url=url)
        page.on("request", lambda r: rec.requests.append(r.url))
        page.on("requestfailed", lambda r: rec.requests.append(r.url))
        page.on(
            "console",
            lambda m: rec.console_errors.append(m.text) if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda e: rec.page_errors.append(str(e)))

        def _dialog(d):
            rec.dialogs.append(f"{d.type}: {d.message}")
            d.dismiss()

        page.on("dialog", _dialog)
        page.goto(url, wait_until="load")
        rec.rendered = wait_rendered(page, timeout_ms=60_000)
        page.wait_for_timeout(200)  # let late handlers (e.g. onerror) fire
        return rec

    yield _open
    for p in pages:
        p.close()


@pytest.fixture(scope="session")
def real_report(tmp_path_factory, real_data) -> Path:
    """The full report built on the real datasets (skips without WORLDSYSTEM_DATA)."""
    from worldsystem.report import build_report
    from worldsystem.report.context import resolve_context

    out = tmp_path_factory.mktemp("real-report")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("WORLDSYSTEM_CACHE", str(tmp_path_factory.mktemp("cache-real")))
        return build_report(out=out, context=resolve_context(real_data))
