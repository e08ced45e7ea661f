"""The claims ledger in headless Chromium: sortable, folded, and about two screens high.

Before the ledger was one table with folded evidence tables below it, the claims
section of the real-data report was 4,099 px high folded and 17,226 px with every
disclosure open (1400 x 1000 viewport). ``FOLDED_MAX_PX`` guards against a
return to that on the real data; the issue's target, two 1000-px screens, is tested on
a ledger of 29 shipped-length claims.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from worldsystem.report.build import render
from worldsystem.report.sections import claims as C

pytestmark = pytest.mark.browser

#: Folded height bound of the real-data claims section (CSS px, 1400 px wide
#: viewport): below the 4,099 px the section had before, which had no forest chart,
#: and the 2,940 px before the ledger table ran wider than the text column (measured
#: 1,989 px for 30 claims; the bound leaves room for claims and fonts to change).
FOLDED_MAX_PX = 2400
#: The issue's target: the folded section reads in two 1000-px screens.
TWO_SCREENS_PX = 2000
N_CLAIMS = 29


def _ledger_page(tmp_path):
    from worldsystem.report.context import resolve_context

    verdicts = ["supported", "mixed", "contradicted", "not testable"]
    ledger = pd.DataFrame(
        {
            "claim_id": [f"c{i:02d}" for i in range(N_CLAIMS)],
            "source": "seed.txt",
            "paraphrase": [
                f"Claim {i}: a statement of about the length of the shipped paraphrases."
                for i in range(N_CLAIMS)
            ],
            "verdict": [verdicts[i % 4] for i in range(N_CLAIMS)],
            "statistic": "stat",
            "value": "",
            "data_years": "2011-2019",
            "caveat": "A caveat of a sentence or two, as the shipped claims have. " * 3,
            "comparison": "<=",
            "target": "0.5",
            "seed_quote": "the seed's own short words",
            # estimates in an order that is neither the ledger's nor its reverse
            "estimate": [((7 * i) % N_CLAIMS) / N_CLAIMS for i in range(N_CLAIMS)],
            "interval_method": "bootstrap over countries",
            "robustness": [f"{i % 4 + 1} of 4 agree" for i in range(N_CLAIMS)],
            "alternatives": "cinc: supported (0.1); gdp: mixed (0.6)",
            "fitness": "",
        }
    )
    ledger["interval_low"] = ledger["estimate"] - 0.1
    ledger["interval_high"] = ledger["estimate"] + 0.1
    detail = pd.DataFrame({"iso3": [f"X{i:02d}" for i in range(40)], "v": range(40)})
    frames = {
        "ledger": ledger,
        "statistics": ["stat"],
        "evidence": [(c, "x", "p", detail) for c in ledger["claim_id"]],
    }
    html = render(resolve_context(None), [(C.SECTION, C.present(frames))])
    path = tmp_path / "index.html"
    path.write_text(html, encoding="utf-8")
    return path, ledger


def _height(page) -> float:
    return page.evaluate("() => document.getElementById('claims').getBoundingClientRect().height")


def test_ledger_sorts_folds_and_fits(open_page, tmp_path):
    path, ledger = _ledger_page(tmp_path)
    opened = open_page(path)
    page = opened.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    assert opened.outgoing == [] and opened.page_errors == []
    folded = _height(page)
    assert folded < FOLDED_MAX_PX, f"folded claims section is {folded:.0f} px"

    ids = (
        "() => [...document.querySelectorAll('#claims-ledger tbody.ws-group')]"
        ".map(b => b.rows[0].cells[0].textContent.trim())"
    )
    assert page.evaluate(ids) == ledger["claim_id"].tolist()
    # sort by the estimate with the keyboard: focus the header button, press Enter
    button = page.locator("#claims-ledger th[data-col='estimate'] button.sort")
    button.focus()
    page.keyboard.press("Enter")
    th = page.locator("#claims-ledger th[data-col='estimate']")
    assert th.get_attribute("aria-sort") == "ascending"
    want = ledger.sort_values("estimate", kind="stable")["claim_id"].tolist()
    assert page.evaluate(ids) == want
    button.click()
    assert th.get_attribute("aria-sort") == "descending"
    assert page.evaluate(ids) == want[::-1]
    # each row keeps its own detail when the rows move
    first = page.locator("#claims-ledger tbody.ws-group").first
    summary = first.locator("details.row-detail > summary")
    assert (
        summary.get_attribute("aria-label")
        == f"claim {want[-1]}: caveat, evidence and alternatives"
    )

    # details open on demand: the body is hidden until its summary is activated
    body = first.locator(".row-detail-body")
    assert not body.is_visible()
    summary.focus()
    page.keyboard.press("Enter")
    assert body.is_visible()
    assert body.locator("table.mini").count() == 2  # alternatives and evidence
    assert body.locator("table.mini").nth(1).locator("tbody tr").count() == C.EVIDENCE_ROWS
    opened_h = _height(page)
    assert opened_h > folded + 100
    # the forest chart draws one marker per claim
    n_points = page.evaluate(
        "() => document.querySelectorAll('#claims-forest-plot .scatterlayer .point').length"
    )
    assert n_points == N_CLAIMS
    assert not math.isnan(opened_h)


def test_ledger_folded_within_two_screens(open_page, tmp_path):
    path, _ = _ledger_page(tmp_path)
    page = open_page(path).page
    page.set_viewport_size({"width": 1400, "height": 1000})
    h = _height(page)
    assert h < TWO_SCREENS_PX, f"folded claims section is {h:.0f} px"


def test_real_report_ledger_height(real_report, open_page):
    opened = open_page(real_report)
    page = opened.page
    page.set_viewport_size({"width": 1400, "height": 1000})
    folded = _height(page)
    assert folded < FOLDED_MAX_PX, f"folded claims section is {folded:.0f} px"
    n_rows = page.evaluate(
        "() => document.querySelectorAll('#claims-ledger tbody.ws-group').length"
    )
    n_details = page.evaluate(
        "() => document.querySelectorAll('#claims details.row-detail').length"
    )
    assert n_rows == n_details > 0
