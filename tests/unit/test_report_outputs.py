"""Report outputs: figure-data tables, ids, legend colours, the plotly template, error panels."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from worldsystem.core.errors import WorldsystemError
from worldsystem.report import build_report
from worldsystem.report.build import HOUSE_TEMPLATE
from worldsystem.report.sections import Figure, SectionOutput, Table, register, unregister

FRAME = pd.DataFrame({"iso3": ["AAA", "BBB"], "share": [0.25, 0.75]})


@pytest.fixture()
def ctx(example_context):
    return example_context


@pytest.fixture()
def section():
    """``section(id, build)`` registers a temporary section; removed after the test."""
    registered_ids = []

    def _make(id_, build):
        register(id_, f"Test {id_}", order=990)(build)
        registered_ids.append(id_)
        return id_

    yield _make
    for i in registered_ids:
        unregister(i)


def _plot(template=None):
    import plotly.graph_objects as go

    fig = go.Figure(go.Bar(x=FRAME["iso3"], y=FRAME["share"]))
    if template:
        fig.update_layout(template=template)
    return fig


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_hold_every_figure_and_table(tmp_path, ctx, section, fmt):
    sid = section(
        "t-tables",
        lambda c: SectionOutput(
            figures=[
                Figure("fig-a", "A", "plotly", _plot(), caption="share", data=FRAME),
                Figure("fig-nodata", "B", "plotly", _plot(), caption="no data"),
            ],
            tables=[Table("tab-a", "T", FRAME.assign(n=[1, 2]))],
        ),
    )
    html = build_report(out=tmp_path, context=ctx, sections=[sid], tables=True, tables_format=fmt)
    folder = tmp_path / "tables"
    read = pd.read_csv if fmt == "csv" else pd.read_parquet
    pd.testing.assert_frame_equal(read(folder / f"fig-a.{fmt}"), FRAME)
    pd.testing.assert_frame_equal(read(folder / f"tab-a.{fmt}"), FRAME.assign(n=[1, 2]))
    assert (folder / f"fig-a.{fmt}.provenance.json").is_file()
    index = json.loads((folder / "index.json").read_text("utf-8"))
    files = {(r["kind"], r["id"]): r["file"] for r in index}
    assert files == {
        ("figure", "fig-a"): f"fig-a.{fmt}",
        ("figure", "fig-nodata"): None,
        ("table", "tab-a"): f"tab-a.{fmt}",
    }
    # the caption points at the data file only where there is one
    text = html.read_text("utf-8")
    assert f"tables/fig-a.{fmt}" in text and f"tables/fig-nodata.{fmt}" not in text


def test_built_in_figures_all_carry_data(example_report_tables):
    # every figure of the sections registered in the package passes data= (for --tables)
    index = json.loads((example_report_tables / "tables" / "index.json").read_text("utf-8"))
    assert [r["id"] for r in index if r["file"] is None] == []


@pytest.mark.parametrize("bad", ["../escape", "a b", "", "x/y", "<i>", "1abc"])
def test_ids_that_cannot_be_anchors_or_file_names_are_refused(tmp_path, ctx, section, bad):
    sid = section("t-badid", lambda c: SectionOutput(tables=[Table(bad, "t", FRAME)]))
    with pytest.raises(WorldsystemError, match="invalid Table id"):
        build_report(out=tmp_path, context=ctx, sections=[sid], tables=True)
    assert not (tmp_path / "escape.csv").exists()  # tables/../escape.csv was not written


def test_legend_colour_cannot_inject_css(tmp_path, ctx, section):
    legend = [("x", "red; background-image: url(https://example.org/x)")]
    sid = section(
        "t-colour",
        lambda c: SectionOutput(
            figures=[Figure("f", "f", "svg", {"svg": "", "legend": legend}, data=FRAME)]
        ),
    )
    with pytest.raises(WorldsystemError, match="invalid legend colour"):
        build_report(out=tmp_path, context=ctx, sections=[sid])


def test_house_template_replaces_plotly_default_only(tmp_path, ctx, section):
    sid = section(
        "t-template",
        lambda c: SectionOutput(
            figures=[
                Figure("f-default", "d", "plotly", _plot(), data=FRAME),
                Figure("f-white", "w", "plotly", _plot("simple_white"), data=FRAME),
            ]
        ),
    )
    text = build_report(out=tmp_path, context=ctx, sections=[sid]).read_text("utf-8")

    def payload(fid):
        start = text.index(f'id="{fid}-json">') + len(f'id="{fid}-json">')
        return json.loads(text[start : text.index("</script>", start)])

    default = payload("f-default")["layout"]["template"]
    assert default == json.loads(json.dumps(HOUSE_TEMPLATE))
    assert default["layout"]["colorway"][:2] == ["#0072B2", "#E69F00"]  # Okabe-Ito
    white = payload("f-white")["layout"]["template"]
    assert white != default and white["layout"]["plot_bgcolor"] == "white"


def test_section_error_becomes_a_panel_but_bugs_propagate(tmp_path, ctx, section):
    def failing(c):
        raise WorldsystemError("the <b>model</b> did not converge", hint="raise maxiter")

    ok = section("t-ok", lambda c: SectionOutput(paragraphs=["fine"]))
    bad = section("t-fails", failing)
    with pytest.warns(UserWarning, match="t-fails"):
        text = build_report(out=tmp_path, context=ctx, sections=[ok, bad]).read_text("utf-8")
    assert 'class="ws-section ws-failed"' in text
    assert "the &lt;b&gt;model&lt;/b&gt; did not converge" in text
    assert "<p>fine</p>" in text

    def buggy(c):
        raise ValueError("a bug")

    bug = section("t-bug", buggy)
    with pytest.raises(ValueError, match="a bug"):
        build_report(out=tmp_path / "b", context=ctx, sections=[bug])


def test_bad_table_format_and_missing_chromium(tmp_path, ctx, monkeypatch):
    with pytest.raises(WorldsystemError, match="table format"):
        build_report(out=tmp_path, context=ctx, tables=True, tables_format="xlsx")
    monkeypatch.setenv("WORLDSYSTEM_CHROMIUM", str(tmp_path / "no-such-chromium"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(WorldsystemError, match="no Chromium executable"):
        build_report(out=tmp_path, context=ctx, fmt="pdf")
    # it fails before building anything
    assert not (tmp_path / "index.html").exists()
