"""The report's shared formatting: number formats, headers, year axes, rendered text.

Hand-made inputs with hand-computed outputs; the browser tests check the same
properties on the built pages.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from worldsystem.core.errors import WorldsystemError
from worldsystem.core.provenance import Provenance, SourceRecord
from worldsystem.report import build, style
from worldsystem.report.model import (
    Table,
    column_formatter,
    column_label,
    source_statement,
)


# -- one number format per column ------------------------------------------------------
def test_a_column_mixing_magnitudes_gets_one_format():
    # the exchange table printed -9.625e+05 next to -1,810,720
    f = column_formatter([-962_500.0, -1_810_720.0, 12.5])
    assert [f(v) for v in (-962_500.0, -1_810_720.0, 12.5)] == ["-962,500", "-1,810,720", "12"]


def test_years_print_without_separators_even_as_floats():
    f = column_formatter([2001.0, 2019.0, float("nan")], "year")
    assert [f(2001.0), f(2019.0), f(float("nan"))] == ["2001", "2019", ""]
    assert column_formatter([1995], "base_year")(1995) == "1995"


def test_decimals_follow_the_largest_magnitude():
    assert column_formatter([0.23, 0.5])(0.5) == "0.500"
    assert column_formatter([5.69, 12.0])(12.0) == "12.00"
    assert column_formatter([150.25, 3.0])(3.0) == "3.0"
    small = column_formatter([0.0004, 0.00002])
    assert (small(0.0004), small(0.00002)) == ("4.00e-04", "2.00e-05")


def test_integers_text_and_booleans():
    f = column_formatter([3, 1_000_000])
    assert f(1_000_000) == "1,000,000"
    assert column_formatter(["a", None])("a") == "a"
    assert column_formatter([True, False])(True) == "yes"
    assert column_formatter([pd.NA, 1.5])(pd.NA) == ""


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("net_transfer_musd", "net transfer (USD million, current)"),
        ("milex_musd_constant2019", "milex (USD million, 2019 prices)"),
        ("fdi_out_pct_gdp", "fdi out (% of GDP)"),
        ("second_iso3", "second (ISO3)"),
        ("year", "year"),
        ("some_thing", "some thing"),
    ],
)
def test_headers_carry_units(name, header):
    assert column_label(name) == header


def test_section_labels_override_the_defaults():
    assert column_label("leader_share", {"leader_share": "share among majors"}) == (
        "share among majors"
    )


def test_table_view_formats_sorts_and_folds():
    long = "word " * 60
    frame = pd.DataFrame(
        {"year": [2001.0, 2002.0], "net_hours": [-962_500.0, -1_810_720.0], "note": ["x", long]}
    )
    view = build._table_view(Table("t", "T", frame))
    assert view["columns"] == ["year", "net hours exported (embodied hours)", "note"]
    years = [r[0]["text"] for r in view["rows"]]
    hours = [r[1]["text"] for r in view["rows"]]
    assert years == ["2001", "2002"] and hours == ["-962,500", "-1,810,720"]
    assert view["rows"][1][1]["sort"] == repr(-1_810_720.0)  # numeric sort key
    folded = view["rows"][1][2]
    assert folded["text"] == long and folded["short"].endswith("...")
    assert len(folded["short"]) < len(long) and view["long"] == [False, False, True]


def test_breakout_table_marks_its_nowrap_columns_and_refuses_unknown_ones():
    frame = pd.DataFrame({"claim": ["1a"], "verdict": ["mixed (2 of 3 agree)"]})
    view = build._table_view(Table("t", "T", frame, breakout=True, nowrap=("verdict",)))
    assert view["breakout"] is True and view["nowrap"] == [False, True]
    assert build._table_view(Table("t", "T", frame))["nowrap"] == [False, False]
    with pytest.raises(WorldsystemError) as e:
        build._table_view(Table("t", "T", frame, nowrap=("robustness",)))
    assert e.value.field == "Table.nowrap" and e.value.value == "robustness"


# -- figures ---------------------------------------------------------------------------
def _spec(fig):
    return build._plotly_spec(fig)


def test_year_axes_tick_whole_years():
    fig = go.Figure(go.Scatter(x=[2018, 2019, 2020], y=[1.0, 2.0, 3.0], mode="lines"))
    fig.update_layout(xaxis_title="year")
    x = _spec(fig)["layout"]["xaxis"]
    assert (x["tickmode"], x["dtick"], x["tickformat"]) == ("linear", 1, "d")
    fig = go.Figure(go.Scatter(x=list(range(1816, 2017)), y=[0.0] * 201))
    fig.update_layout(xaxis_title="year")
    x = _spec(fig)["layout"]["xaxis"]
    assert x["dtick"] == 25 and x["tick0"] == 1800  # at most 8 ticks over 200 years


def test_untitled_subplot_axes_of_years_tick_whole_years():
    from plotly.subplots import make_subplots

    fig = make_subplots(rows=1, cols=2)
    fig.add_trace(go.Scatter(x=[2020, 2030, 2050], y=[0.1, 0.2, 0.3]), row=1, col=1)
    fig.add_trace(go.Scatter(x=[2020, 2030, 2050], y=[1500.0, 1800.5, 2100.0]), row=1, col=2)
    fig.update_xaxes(title_text="year", row=1, col=1)
    layout = _spec(fig)["layout"]
    assert layout["xaxis"]["tickformat"] == "d" and layout["xaxis2"]["tickformat"] == "d"
    assert "tickformat" not in layout["yaxis2"]  # 1800.5 is no year


def test_one_year_becomes_a_visible_marker():
    fig = go.Figure(go.Scatter(x=[2011], y=[790.5], mode="lines"))
    fig.update_layout(xaxis_title="year")
    spec = _spec(fig)
    assert spec["layout"]["xaxis"]["type"] == "category"
    (trace,) = spec["data"]
    assert trace["mode"] == "markers" and trace["marker"]["size"] >= 10
    assert list(trace["x"]) == ["2011"]
    bars = go.Figure(go.Bar(x=[2019], y=[0.25]))
    bars.update_layout(xaxis_title="year", bargap=0)
    layout = _spec(bars)["layout"]
    assert layout["xaxis"]["type"] == "category" and layout["bargap"] >= 0.5  # not a band


def test_long_axis_titles_wrap_to_the_plot():
    fig = go.Figure(go.Bar(x=[1, 2], y=[0.2, 0.3]))
    title = "robustness (share of index x threshold combinations agreeing)"
    fig.update_layout(yaxis_title=title, height=360)
    text = _spec(fig)["layout"]["yaxis"]["title"]["text"]
    lines = text.split("<br>")
    assert len(lines) >= 2 and " ".join(lines) == title
    # (360 - 50 - 60) px of plot / 7 px per character
    assert max(len(line) for line in lines) <= 250 // 7


def test_every_heatmap_row_is_labelled():
    rows = [f"C{i:02d}" for i in range(12)]
    fig = go.Figure(go.Heatmap(z=[[1, 2]] * 12, x=[2000, 2001], y=rows))
    fig.update_layout(height=100, xaxis_title="year of session")
    layout = _spec(fig)["layout"]
    assert layout["yaxis"]["tickvals"] == rows and layout["yaxis"]["ticktext"] == rows
    assert layout["height"] >= 12 * style.HEATMAP_ROW_PX


def test_legend_swatches_use_inked_dashes_and_dark_colours():
    styles = [style.line_style(i) for i in range(10)]
    assert all(s["color"] != "#F0E442" for s in styles)
    assert "longdash" not in {s["dash"] for s in styles}
    assert len({(s["color"], s["dash"]) for s in styles}) == 10


# -- text ------------------------------------------------------------------------------
def test_rst_renders_lists_headings_literals_and_roles():
    html = str(
        build.rst_html("Title\n=====\n\n* **bold** and ``code``\n\n  * nested, see :func:`f`\n")
    )
    assert "<h3" in html and "<strong>bold</strong>" in html and "<ul" in html
    assert "``" not in html and "**" not in html and ":func:" not in html
    assert 'id="rst-title"' in html and "<section" not in html


def test_rst_allows_no_raw_html_or_includes():
    html = str(build.rst_html(".. raw:: html\n\n   <script>alert(1)</script>\n\n<b>x</b>\n"))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;" in html  # plain text stays text
    html = str(build.rst_html(".. include:: /etc/passwd\n"))
    assert "root:" not in html


def test_source_statement_reads_the_provenance():
    ex = Provenance(sources=(SourceRecord(id="example", version="seed=0", example=True),))
    assert source_statement(ex) == "Source: the synthetic example world (seed=0)."
    real = Provenance(
        sources=(SourceRecord(id="cow_nmc", version="7.0"), SourceRecord(id="pwt", version="10.01"))
    )
    text = source_statement(real)
    assert text.startswith("Sources: ") and "version 7.0" in text and "version 10.01" in text
    assert "WIOD" not in text
    assert source_statement(Provenance()) == ""


def test_one_checksum_per_dataset_in_the_appendix():
    whole = SourceRecord(id="wiod2013", version="2013", checksum="a" * 64, files=("x", "y"))
    part = SourceRecord(id="wiod2013", version="2013", checksum="b" * 64, files=("x",))
    other = SourceRecord(id="pwt", version="10.01", checksum="c" * 64, files=("p",))
    assert build._collapse_sources([part, other, whole]) == [whole, other]
    # two file sets, neither covering the other: each keeps its own checksum
    side = SourceRecord(id="wiod2013", version="2013", checksum="d" * 64, files=("z",))
    assert build._collapse_sources([part, side]) == [part, side]


@pytest.mark.data
def test_wiod_industry_names_match_the_release_labels(real_data):
    """The names the shocks tables print are the release's own (labels of WIOD 2013)."""
    from worldsystem.sources.wiod import INDUSTRIES, INDUSTRY_NAMES

    labels = pd.read_csv(real_data / "wiod2013" / "labels.csv")
    ind = labels[labels["kind"] == "industry"].set_index("code")["name"]
    assert list(INDUSTRY_NAMES) == list(INDUSTRIES) == list(ind.index)
    assert INDUSTRY_NAMES == ind.to_dict()
    assert INDUSTRY_NAMES["c8"] == "Coke, Refined Petroleum and Nuclear Fuel"


def test_no_year_cell_of_the_example_report_prints_a_thousands_separator(example_report):
    """Every table cell under a year-like header (``year``, ``period``, ``*_year``)
    prints a plain year: '1990', never '1,990'."""
    import re
    from pathlib import Path

    from worldsystem.report.model import is_year_column

    html = Path(example_report).read_text(encoding="utf-8")
    cells = re.findall(r'<td data-label="([^"]+)"[^>]*>([^<]*)</td>', html)
    years = [(h, v) for h, v in cells if is_year_column(h.split(" (")[0])]
    assert years, "the example report has year columns"
    bad = [(h, v) for h, v in years if re.fullmatch(r"\d{1,3}(,\d{3})+", v.strip())]
    assert not bad, bad[:5]


def test_period_starts_print_as_years():
    # the real report's "Lasting moves between zones" printed its decades as 1,990
    f = column_formatter([1990, 2000, 1970], "period")
    assert [f(v) for v in (1990, 2000)] == ["1990", "2000"]
