"""report/sections/exchange.py: present() on hand-made frames (no data load)."""

from __future__ import annotations

import pandas as pd
from report_frames import trace_names

from worldsystem.report.sections import exchange as E


def _frames(*, china_note=True):
    res = pd.DataFrame(
        {
            "iso3": ["USA", "CHN", "IND", "USA", "CHN", "IND"],
            "year": [2007, 2007, 2007, 2011, 2011, 2011],
            "group": ["North", "South", "South"] * 2,
            "hours_exported": [1e9, 5e10, 3e10] * 2,
            "hours_imported": [4e10, 2e10, 1e10] * 2,
            "net_hours": [-3.9e10, 3e10, 2e10] * 2,
            "exchange_ratio": [0.025, 2.5, 3.0] * 2,
            "net_transfer_musd": [-1e5, 6e4, 4e4] * 2,
            "basis": "northern",
        }
    )
    s2n = pd.DataFrame(
        {"group_o": "South", "group_d": "North", "year": [2007, 2011], "net_hours": [4e10, 5e10]}
    )
    top = pd.DataFrame(
        {"iso3": ["USA", "CHN"], "role": ["appropriator", "appropriated"], "value": [-3.9e10, 3e10]}
    )
    return {
        "results": res,
        "south_to_north": s2n,
        "top": top,
        "north_label": "the hand-made North",
        "china_note": china_note,
    }


def test_present_drain_top_and_table():
    out = E.present(_frames())
    figs = {f.id: f for f in out.figures}
    assert list(figs) == ["exchange-drain", "exchange-top"]
    assert "North: the hand-made North." in figs["exchange-drain"].caption
    assert list(figs["exchange-drain"].payload.data[0].y) == [40.0, 50.0]  # billion hours
    assert trace_names(figs["exchange-top"]) == ["net appropriator", "net appropriated"]
    (table,) = out.tables
    assert list(table.frame.columns) == list(E.TABLE_COLUMNS)
    assert table.frame["iso3"].tolist() == ["USA", "IND", "CHN"]  # by net hours, last year
    assert out.findings == [
        "Unequal exchange 2011: net 50 bn hours of embodied labour flow from the South to the "
        "North (the hand-made North)."
    ]
    assert out.paragraphs[0].startswith("In 2011 China is a net exporter of 30 bn embodied hours")


def test_present_without_china_note():
    assert E.present(_frames(china_note=False)).paragraphs == []
