"""The validation table: one source for docs/validation.md and the report appendix."""

from __future__ import annotations

import re
from pathlib import Path

from worldsystem.core import validation as V
from worldsystem.core.bibliography import resolve

ROOT = Path(__file__).resolve().parents[2]


def test_docs_block_is_generated_from_the_table():
    text = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
    start, stop = text.index(V.BEGIN), text.index(V.END) + len(V.END)
    assert text[start:stop] == V.markdown(), (
        "docs/validation.md is stale: run python -m worldsystem.core.validation docs/validation.md"
    )


def test_every_row_cites_known_works_and_names_an_existing_test():
    assert len(V.COUNTERPARTS) >= 10
    for c in V.COUNTERPARTS:
        assert c.verdict in V.VERDICTS, c
        assert c.citations, c
        for key in c.citations:
            resolve(key)  # raises for an unknown key
        if c.test:
            path, _, name = c.test.partition("::")
            src = (ROOT / path).read_text(encoding="utf-8")
            assert re.search(rf"^def {re.escape(name)}\(", src, re.M), c.test
        if c.verdict == "open":
            src = (ROOT / c.test.partition("::")[0]).read_text(encoding="utf-8")
            i = src.index(f"def {c.test.partition('::')[2]}(")
            assert "xfail" in src[max(0, i - 400) : i], "open rows are pinned by an xfail test"


def test_short_citations():
    rows = {r["quantity"]: r["source"] for r in V.rows()}
    assert rows["US CINC, 1945"] == "Singer et al. (1972)"
    assert "Brooks & Wohlforth (2016)" in rows[V.COUNTERPARTS[5].quantity]


def test_report_appendix_shows_the_table(example_report):
    html = Path(example_report).read_text(encoding="utf-8")
    assert 'id="validation-table"' in html
    for c in V.COUNTERPARTS:
        assert c.quantity.replace("'", "&#39;") in html or c.quantity in html


def test_section_note_counts_and_orders_the_rows_of_a_section():
    mine = [c for c in V.COUNTERPARTS if c.section == "position"]
    summary, body = V.section_note("position")
    n_open = sum(c.verdict == "open" for c in mine)
    n_agree = sum(c.verdict == "agrees" for c in mine)
    assert summary == (
        "Against published figures (recorded runs on the full releases): "
        f"{n_agree} agree, {n_open} open"
    )
    lines = [ln for ln in body.splitlines() if ln.startswith("- ")]
    assert len(lines) == len(mine) and lines[0].startswith("- **open**")
    assert V.section_note("claims") is None
    assert {c.section for c in V.COUNTERPARTS} <= {
        "polarity",
        "position",
        "blocs",
        "exchange",
        "imperialism",
    }


def test_section_note_escapes_markup_of_the_figures():
    from worldsystem.report.build import rst_html

    _summary, body = V.section_note("polarity")
    html = rst_html(body)
    assert "max |diff| 2.4e-8" in html  # '|diff|' is no substitution reference
    assert "system-message" not in html and "problematic" not in html
