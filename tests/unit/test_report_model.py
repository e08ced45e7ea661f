"""report/model.py, style.py and the sections package: the section interface itself."""

from __future__ import annotations

import pandas as pd
import pytest
from report_frames import with_method

from worldsystem.report import sections, style
from worldsystem.report.model import Output, Section, method_params
from worldsystem.report.sections import SECTIONS, register, registered, unregister

PAGE_ORDER = [
    "overview",
    "groups",
    "polarity",
    "position",
    "dynamics",
    "blocs",
    "exchange",
    "imperialism",
    "shocks",
    "claims",
]


def test_sections_are_an_explicit_tuple_in_page_order():
    assert [s.id for s in SECTIONS] == PAGE_ORDER
    assert all(isinstance(s, Section) and s.present.__doc__ for s in SECTIONS)
    assert all(s.data.__module__ == s.present.__module__ for s in SECTIONS)


def test_registered_sections_follow_the_built_in_ones():
    register("z-late", "Late", order=5)(lambda c: Output())
    register("a-later", "Later", order=7)(lambda c: Output())
    try:
        assert [s.id for s in registered()] == [*PAGE_ORDER, "z-late", "a-later"]
    finally:
        unregister("z-late")
        unregister("a-later")
    assert [s.id for s in registered()] == PAGE_ORDER
    assert sections.registered() == list(SECTIONS)


def test_gather_memoises_data_per_context(example_context):
    calls = []

    def data(ctx):
        calls.append(ctx)
        return {"n": len(calls)}

    sec = Section(id="t-memo", title="t", data=data, present=lambda f: Output(paragraphs=[str(f)]))
    assert sec.build(example_context).paragraphs == ["{'n': 1}"]
    assert sec.build(example_context).paragraphs == ["{'n': 1}"]
    assert len(calls) == 1
    # contexts that share the memo but not the years or the MRIO table do not share data
    sub = example_context.with_years((2000, 2005))
    assert sec.build(sub).paragraphs == ["{'n': 2}"]
    assert sec.build(example_context.with_mrio("example")).paragraphs == ["{'n': 1}"]
    assert sec.build(sub.with_mrio("example")).paragraphs == ["{'n': 2}"]
    assert sec.build(example_context.with_mrio("other")).paragraphs == ["{'n': 3}"]
    assert len(calls) == 3


def test_method_params_reads_the_last_record_by_suffix():
    frame = with_method(
        pd.DataFrame({"a": [1]}),
        "worldsystem.measures.blocs.alignment",
        {"threshold": 0.1, "poles": ["USA", "CHN", "RUS"], "grid": {"x": [1, 2]}},
    )
    p = method_params(frame, "alignment")
    assert p == {"threshold": 0.1, "poles": ["USA", "CHN", "RUS"], "grid": {"x": [1, 2]}}
    assert method_params(frame, "worldsystem.measures.blocs.alignment") == p
    with pytest.raises(KeyError, match="no method 'nment'"):
        method_params(frame, "nment")


def test_style_has_one_palette():
    from worldsystem.report.build import HOUSE_TEMPLATE

    assert HOUSE_TEMPLATE is style.HOUSE_TEMPLATE
    assert HOUSE_TEMPLATE["layout"]["colorway"] == list(style.OKABE_ITO)
    assert style.line_style(6) == {"color": style.LINE_COLOURS[6], "dash": style.DASHES[1]}
    assert style.isonum_keys(["USA", "XXX"]) == ["840", None]
