"""The report as a reader sees it, at desktop and at phone width, in headless Chromium.

Each built report (the example world always, the real data when configured) must,
at 1400 px and at 390 px (a phone):

- overflow nowhere: no section wider than its box, no element inside it that
  scrolls sideways, no figure or table past the screen's right edge;
- print years as years: every tick of an axis titled with years or sessions is a
  whole year (``2001``, never ``2,018.5`` or ``2,001``), and no tick anywhere reads
  like a year with a thousands separator;
- show no raw markup: no reStructuredText or Markdown (double backticks, ``**``,
  ``====`` underlines), no HTML tags or escaped entities in the rendered text,
  folded text included (code spans may show any characters);
- keep every heatmap row labelled and every line legend swatch inked, and draw every
  figure title, axis title, legend entry and tick label inside its figure (nothing
  cut off, as the rotated "...ustness (share of" was).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

#: Viewport widths: a desktop browser and a phone held upright.
WIDTHS = {"desktop": 1400, "phone": 390}

#: The whole layout in one pass: overflowing sections and elements, figures past the
#: right edge, axis tick labels with their axis titles, the rendered text.
_LAYOUT_JS = r"""() => {
  const vw = document.documentElement.clientWidth;
  const out = {page: document.documentElement.scrollWidth - vw, overflow: [], past: [],
               axes: [], heatmaps: [], swatches: [], clipped: [], text: []};
  for (const sec of document.querySelectorAll("main > section, header, footer")) {
    const name = sec.id || sec.tagName.toLowerCase();
    if (sec.scrollWidth > sec.clientWidth + 1) {
      out.overflow.push(name + " " + sec.scrollWidth + ">" + sec.clientWidth);
    }
    for (const el of sec.querySelectorAll("*")) {
      if (el instanceof SVGElement || el.clientWidth === 0) continue;
      if (el.scrollWidth > el.clientWidth + 2) {
        out.overflow.push(name + " > " + el.tagName.toLowerCase()
          + (typeof el.className === "string" && el.className
             ? "." + el.className.split(" ")[0] : "")
          + " " + el.scrollWidth + ">" + el.clientWidth);
      }
    }
  }
  for (const el of document.querySelectorAll("figure, .plotly-figure, table.data")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > vw + 1) {
      out.past.push((el.id || el.tagName) + " " + Math.round(r.right));
    }
  }
  for (const fig of document.querySelectorAll(".js-plotly-plot")) {
    const fl = fig._fullLayout;
    for (const key of Object.keys(fl).filter(k => /^[xy]axis\d*$/.test(k))) {
      const ax = fl[key];
      if (!ax || !ax._id || ax.visible === false) continue;
      const labels = [...fig.querySelectorAll("g." + ax._id + "tick text")].map(t => t.textContent);
      out.axes.push({figure: fig.id, axis: key, type: ax.type,
                     title: (ax.title && ax.title.text) || "", labels: labels});
    }
    for (const tr of fig._fullData) {
      if (tr.type === "heatmap" && Array.isArray(tr.y) && tr.y.every(v => typeof v === "string")) {
        const ax = fl[tr.yaxis === "y" ? "yaxis" : "yaxis" + tr.yaxis.slice(1)];
        if (ax.showticklabels === false) continue;  // a facet labelled by its neighbour
        const labels = [...fig.querySelectorAll("g." + ax._id + "tick text")]
          .map(t => t.textContent);
        out.heatmaps.push({figure: fig.id, rows: tr.y.length, labelled: new Set(labels).size});
      }
    }
    // titles, axis titles, legend entries and tick labels must lie inside the drawing
    const svg = fig.querySelector(".main-svg");
    if (svg) {
      const box = svg.getBoundingClientRect();
      for (const t of fig.querySelectorAll(
          ".gtitle, .xtitle, .ytitle, .legendtext, g.xtick text, g.ytick text")) {
        const r = t.getBoundingClientRect();
        if (r.width === 0 || !t.textContent.trim()) continue;
        if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1
            || r.bottom > box.bottom + 1) {
          out.clipped.push(fig.id + ": " + t.textContent.slice(0, 40));
        }
      }
    }
    for (const path of fig.querySelectorAll(".legend .traces path.js-line")) {
      const box = path.getBBox();
      const st = getComputedStyle(path);
      out.swatches.push({figure: fig.id, width: box.width, stroke: st.stroke,
                         opacity: st.strokeOpacity, dash: st.strokeDasharray});
    }
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
    acceptNode: n => n.parentElement
      && n.parentElement.closest("script, style, code, .literal, pre")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT});
  let node;
  while ((node = walker.nextNode())) {
    if (node.textContent.trim()) out.text.push(node.textContent);
  }
  return out;
}"""

#: A year-titled axis: its ticks must be whole years.
_YEAR_TITLE = re.compile(r"\b(year|years|session)\b", re.IGNORECASE)
_WHOLE_YEAR = re.compile(r"^\d{4}$")
#: A year printed with a thousands separator or a fraction ("2,001", "2,018.5").
_SEPARATED_YEAR = re.compile(r"^[12],\d{3}(\.\d+)?$|^(1[5-9]|20|21)\d{2}\.\d+$")
#: Markup that should have been rendered or never written: reStructuredText literals
#: and bold, Markdown bold, section underlines, HTML tags, escaped entities.
_RAW_MARKUP = (
    ("double backticks", re.compile(r"``")),
    ("** bold", re.compile(r"\*\*\S")),
    ("==== underline", re.compile(r"^\s*[=\-~^]{4,}\s*$", re.MULTILINE)),
    ("HTML tag", re.compile(r"</?[A-Za-z][A-Za-z0-9]*(\s[^<>]*)?/?>")),
    ("escaped entity", re.compile(r"&(lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")),
    ("rst role", re.compile(r":(func|mod|data|class|meth|attr):`")),
)


def layout_problems(page) -> list[str]:
    """Everything wrong with the page's layout at its current viewport, as messages."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
    page.wait_for_timeout(300)
    got = page.evaluate(_LAYOUT_JS)
    problems = []
    if got["page"] > 1:
        problems.append(f"the page scrolls sideways by {got['page']} px")
    problems += [f"overflow: {o}" for o in got["overflow"]]
    problems += [f"past the right edge: {p}" for p in got["past"]]
    problems += [f"text cut off at the figure's edge: {c}" for c in got["clipped"]]
    for ax in got["axes"]:
        labels = [t for t in ax["labels"] if t.strip()]
        if _YEAR_TITLE.search(ax["title"]) and ax["type"] != "category":
            bad = [t for t in labels if not _WHOLE_YEAR.match(t)]
            if bad:
                problems.append(f"{ax['figure']} {ax['axis']} year ticks {bad[:4]}")
        sep = [t for t in labels if _SEPARATED_YEAR.match(t)]
        if sep:
            problems.append(f"{ax['figure']} {ax['axis']} ticks like years {sep[:4]}")
    for hm in got["heatmaps"]:
        if hm["labelled"] < hm["rows"]:
            problems.append(f"{hm['figure']}: {hm['labelled']} of {hm['rows']} rows labelled")
    for sw in got["swatches"]:
        if sw["width"] < 5 or sw["stroke"] in ("none", "") or float(sw["opacity"] or 1) == 0:
            problems.append(f"{sw['figure']}: blank legend swatch {sw}")
    text = "\n".join(got["text"])
    for name, pattern in _RAW_MARKUP:
        m = pattern.search(text)
        if m:
            around = text[max(m.start() - 40, 0) : m.end() + 40].replace("\n", " ")
            problems.append(f"raw markup ({name}): ...{around}...")
    return problems


def _check_widths(open_page, report) -> None:
    opened = open_page(report)
    page = opened.page
    found = {}
    for name, width in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(700)  # plotly redraws responsive figures on resize
        found[name] = layout_problems(page)
    assert opened.console_errors == [], opened.console_errors[:5]
    assert found == {name: [] for name in WIDTHS}


def test_example_report_layout(example_report, open_page):
    _check_widths(open_page, example_report)


def test_real_report_layout(real_report, open_page):
    _check_widths(open_page, real_report)


def test_the_checks_catch_what_they_look_for(open_page, tmp_path):
    """Overflow, fractional and separated years, raw markup and half-labelled heatmaps fail."""
    import plotly.graph_objects as go
    from plotly.offline import get_plotlyjs

    fig = go.Figure(go.Scatter(x=[2018, 2018.5, 2019], y=[1, 2, 3]))
    fig.update_layout(
        xaxis={"title": {"text": "year"}, "tickformat": ",.1f"},
        yaxis_title="robustness (share of index x threshold combinations agreeing) " * 2,
        height=300,
    )
    hm = go.Figure(go.Heatmap(z=[[1]] * 30, y=[f"row{i}" for i in range(30)], x=[1]))
    hm.update_layout(height=200)
    html = (
        "<html><head><script>" + get_plotlyjs() + "</script></head><body><main>"
        '<section id="wide"><div style="width:3000px">wide</div></section>'
        '<section id="text"><p>Some ``code`` and **bold** and &amp;lt;b&amp;gt;</p>'
        "<details><summary>more</summary>Heading\n=======</details></section>"
        '<section id="figs"><div id="f1" class="plotly-figure"></div>'
        '<div id="f2" class="plotly-figure"></div></section></main>'
        "<script>Plotly.newPlot('f1'," + fig.to_json() + ".data," + fig.to_json() + ".layout);"
        "Plotly.newPlot('f2'," + hm.to_json() + ".data," + hm.to_json() + ".layout);"
        "document.documentElement.setAttribute('data-ws-rendered','2');</script></body></html>"
    )
    path = tmp_path / "bad.html"
    path.write_text(html, encoding="utf-8")
    page = open_page(path).page
    page.set_viewport_size({"width": 800, "height": 900})
    page.wait_for_timeout(500)
    problems = "\n".join(layout_problems(page))
    assert "overflow: wide" in problems
    assert "f1 xaxis year ticks" in problems
    assert "ticks like years" in problems
    assert "raw markup (double backticks)" in problems
    assert "raw markup (** bold)" in problems
    assert "raw markup (escaped entity)" in problems
    assert "raw markup (==== underline)" in problems
    assert "f2: " in problems and "rows labelled" in problems
    assert "text cut off at the figure's edge: f1: robustness" in problems
