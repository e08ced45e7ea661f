"""The built report (report/build.py): example-data banner, determinism, escaping, errors."""

from __future__ import annotations

import html.parser

import pytest

from worldsystem.report import build_report
from worldsystem.report.build import safe_json
from worldsystem.report.context import ReportContext, resolve_context
from worldsystem.report.sections import (
    Figure,
    MissingData,
    SectionOutput,
    Table,
    register,
    registered,
    unregister,
)

HOSTILE = "<script>alert('x')</script>\"' onload=alert(1) &amp; Ωμέγα \u2028 </p>"


class _Checker(html.parser.HTMLParser):
    """Collects tags and script bodies and checks that the document nests properly."""

    VOID = frozenset({"meta", "br", "img", "input", "link", "hr", "path"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.stack: list[str] = []
        self.ids: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._in_script = True
            self.scripts.append("")
        if tag not in self.VOID:
            self.stack.append(tag)
        for k, v in attrs:
            if k == "id":
                self.ids.append(v)
            if k in ("src", "href", "action", "data", "poster") and v:
                self.urls.append(v)

    def handle_startendtag(self, tag, attrs):
        for k, v in attrs:
            if k == "id":
                self.ids.append(v)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False
        if tag in self.VOID:
            return
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}>; open: {self.stack[-3:]}"
        self.stack.pop()

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def _parse(text: str) -> _Checker:
    c = _Checker()
    c.feed(text)
    c.close()
    assert c.stack == [], f"unclosed tags: {c.stack}"
    return c


@pytest.fixture()
def example_ctx(monkeypatch):
    monkeypatch.delenv("WORLDSYSTEM_DATA", raising=False)
    ctx = resolve_context(None)
    assert ctx.is_example
    return ctx


def test_example_report_is_valid_html_with_banner(example_report):
    text = example_report.read_text("utf-8")
    checker = _parse(text)
    assert "example-banner" in checker.ids
    assert "EXAMPLE DATA" in text
    for section in registered():
        assert section.id in checker.ids
    assert "appendix" in checker.ids and "build-stamp" in checker.ids
    # no element loads anything: only in-page anchors
    assert all(u.startswith("#") for u in checker.urls), checker.urls[:5]


@pytest.mark.slow
def test_two_builds_are_identical(tmp_path, example_report, example_ctx):
    # a fresh context for the second build: nothing may depend on shared state
    a = example_report.read_bytes()
    b = build_report(out=tmp_path / "b", context=example_ctx).read_bytes()
    assert a == b


def test_missing_data_panel_instead_of_failure(tmp_path):
    ctx = ReportContext(data=tmp_path)  # an empty data folder: nothing is available

    @register("needs-nmc", "Needs NMC", needs=("cow_nmc",), order=999)
    def _needs(c):
        c.require("cow_nmc")
        return SectionOutput()

    try:
        text = build_report(out=tmp_path / "out", context=ctx, sections=["needs-nmc"]).read_text()
    finally:
        unregister("needs-nmc")
    assert "needs data that is not available: cow_nmc" in text
    assert "worldsystem data fetch cow_nmc" in text


def test_hostile_strings_are_escaped(tmp_path, example_context):
    import pandas as pd
    import plotly.graph_objects as go

    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4], name=HOSTILE))
    fig.update_layout(title=HOSTILE)

    @register("hostile", HOSTILE, order=998)
    def _hostile(c):
        return SectionOutput(
            paragraphs=[HOSTILE],
            findings=[HOSTILE],
            figures=[Figure("hostile-fig", HOSTILE, "plotly", fig, caption=HOSTILE)],
            tables=[Table("hostile-table", HOSTILE, pd.DataFrame({HOSTILE: [HOSTILE]}))],
        )

    try:
        text = build_report(out=tmp_path, context=example_context, sections=["hostile"]).read_text()
    finally:
        unregister("hostile")
    checker = _parse(text)
    # The only script elements are plotly.js, the figure JSON and the page's own loader.
    assert len(checker.scripts) == 3
    unescaped = "<script>alert" in text
    escaped = "&lt;script&gt;alert(" in text
    assert not unescaped and escaped
    # inside the JSON payload the markup characters are unicode escapes
    payload = next(s for s in checker.scripts if "hostile" in s.lower() or "\\u003c" in s)
    assert "<" not in payload and "\\u003cscript\\u003e" in payload


def test_safe_json_escapes_markup():
    out = str(safe_json({"a": "</script><b>&"}))
    assert "<" not in out and ">" not in out and "&" not in out
    import json

    assert json.loads(out) == {"a": "</script><b>&"}


def test_unknown_section_and_format(tmp_path, example_context):
    from worldsystem.core.errors import WorldsystemError

    with pytest.raises(WorldsystemError, match="unknown report section"):
        build_report(out=tmp_path, context=example_context, sections=["nope"])
    with pytest.raises(WorldsystemError, match="not supported"):
        build_report(out=tmp_path, context=example_context, fmt="docx")


def test_missing_data_error_names_fix():
    err = MissingData(["cow_nmc", "pwt"])
    assert "worldsystem data fetch cow_nmc pwt" in str(err)


def test_nonexistent_data_dir_is_an_error(tmp_path):
    from worldsystem.core.errors import SourceError

    with pytest.raises(SourceError, match="does not exist"):
        resolve_context(tmp_path / "nope")


def test_data_statement_names_each_dataset_once(tmp_path):
    from worldsystem.report.build import _data_statement

    (tmp_path / "data").mkdir()
    ctx = ReportContext(data=tmp_path / "data")
    files = [
        {"id": "unvotes", "version": "2021", "file": "un_votes.csv.gz"},
        {"id": "cow_nmc", "version": "7.0", "file": "NMC-60-abridged.csv"},
        {"id": "unvotes", "version": "2021", "file": "un_roll_calls.csv"},
    ]
    text = _data_statement(ctx, files)
    assert text.count("unvotes 2021") == 1
    assert text.startswith("Data: unvotes 2021, cow_nmc 7.0 (from the folder data/)")
