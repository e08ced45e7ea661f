"""Build the report: run the sections, render the page, write it atomically.

Outputs under ``out/``:

- ``index.html``: the self-contained page (plotly.js inlined, figures as JSON, maps
  as inline SVG, no network request);
- ``report.pdf`` with ``fmt="pdf"``: the page printed by headless Chromium;
- ``figures/<figure id>.png`` with ``png=True``: each figure, screenshot by Chromium;
- ``tables/<id>.csv|parquet`` with ``tables=True``: the data behind every figure and
  every table, with ``tables/index.json`` listing them.

The page depends only on the inputs (no clock, no paths of the machine), so two
builds of the same inputs are byte-identical.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

from markupsafe import Markup

from worldsystem import __version__
from worldsystem.core import progress, validation
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.io import atomic_dir, atomic_write_text, check_output_folder, write_frame
from worldsystem.report.context import ReportContext, resolve_context
from worldsystem.report.model import (
    FOLD_CHARS,
    RowDetail,
    Rst,
    column_formatter,
    column_label,
)
from worldsystem.report.sections import Figure, MissingData, SectionOutput, Table, registered
from worldsystem.report.style import HOUSE_TEMPLATE, finish_figure

__all__ = [
    "FORMATS",
    "HOUSE_TEMPLATE",
    "TABLE_FORMATS",
    "SectionFailed",
    "build_report",
    "render",
    "rst_html",
    "safe_json",
]

#: Report formats: the HTML page alone, or the page and its PDF print.
FORMATS = ("html", "pdf")
#: Formats of the figure-data tables written with ``tables=True``.
TABLE_FORMATS = ("csv", "parquet")
#: What a report folder holds; an existing folder with anything else is not replaced.
OUTPUT_ENTRIES = ("index.html", "tables", "figures", "report.pdf")

#: Cells with a word longer than this many characters (codes, ``key=value`` lists)
#: may break inside it, so that one long token cannot widen a table past the page.
LONG_TOKEN = 24
#: Tables with more columns than this get compact type and headers that may break
#: inside words, so that they still fit the text column.
WIDE_COLUMNS = 10
#: Widest a :attr:`Table.breakout <worldsystem.report.model.Table.breakout>` table
#: runs on a wide screen (CSS px; the text column is 1,040 px).
BREAKOUT_PX = 1360

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,79}$")
_COLOUR = re.compile(r"^(#[0-9A-Fa-f]{3,8}|rgba?\([0-9., %]+\)|[a-z]{3,20})$")


def safe_json(obj: Any) -> Markup:
    """JSON for embedding inside ``<script type="application/json">``.

    ``<``, ``>``, ``&`` and the line separators are written as unicode escapes, so
    no string in the data can close the script element or start markup.
    """
    from plotly.utils import PlotlyJSONEncoder

    text = json.dumps(obj, cls=PlotlyJSONEncoder, sort_keys=True, separators=(",", ":"))
    for ch, rep in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(ch, rep)
    return Markup(text)


def _check_id(kind: str, value: str) -> str:
    if not isinstance(value, str) or not _ID.match(value):
        raise WorldsystemError(
            f"invalid {kind} id (it becomes an HTML anchor and a file name)",
            field=f"{kind}.id",
            value=value,
            hint="use a letter followed by letters, digits, '-', '_' or '.' (at most 80)",
        )
    return value


def _check_colour(value: str) -> str:
    if not isinstance(value, str) or not _COLOUR.match(value.strip()):
        raise WorldsystemError(
            "invalid legend colour",
            field="Figure.payload['legend']",
            value=value,
            hint="use #rrggbb, rgb(...) or a CSS colour name",
        )
    return value.strip()


_DEFAULT_TEMPLATE: list[Any] = []


def _plotly_default_template() -> Any:
    if not _DEFAULT_TEMPLATE:
        import plotly.io as pio

        _DEFAULT_TEMPLATE.append(pio.templates["plotly"].to_plotly_json())
    return _DEFAULT_TEMPLATE[0]


def _plotly_spec(payload: Any) -> dict[str, Any]:
    spec = payload.to_plotly_json() if hasattr(payload, "to_plotly_json") else payload
    if not isinstance(spec, dict):
        raise WorldsystemError(
            "a plotly figure payload must be a plotly Figure or a dict",
            field="Figure.payload",
            value=type(spec).__name__,
            hint="pass plotly.graph_objects.Figure(...) or {'data': [...], 'layout': {...}}",
        )
    layout = dict(spec.get("layout") or {})
    template = layout.get("template")
    if template is None or template == _plotly_default_template():
        layout["template"] = HOUSE_TEMPLATE
    return finish_figure({"data": list(spec.get("data") or []), "layout": layout})


def _figure_view(fig: Figure) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": _check_id("Figure", fig.id),
        "title": fig.title,
        "kind": fig.kind,
        "caption": fig.caption,
        "has_data": fig.data is not None,
    }
    if fig.kind == "svg":
        payload = fig.payload
        view["payload"] = payload["svg"] if isinstance(payload, dict) else payload
        legend = payload.get("legend", []) if isinstance(payload, dict) else []
        view["legend"] = [(name, _check_colour(colour)) for name, colour in legend]
    elif fig.kind == "plotly":
        spec = _plotly_spec(fig.payload)
        view["json"] = safe_json(spec)
        view["height"] = int(spec["layout"].get("height") or 420)
    else:
        raise WorldsystemError(
            "unknown figure kind",
            field="Figure.kind",
            value=fig.kind,
            hint="use 'plotly' or 'svg'",
        )
    return view


def _cell(v: Any, fmt: Any, fold: int = FOLD_CHARS) -> dict[str, Any]:
    """One table cell: its text, its sort key, and its folded form when longer than
    ``fold`` characters."""
    text = fmt(v)
    cell: dict[str, Any] = {"text": text}
    if isinstance(v, int | float) and not isinstance(v, bool) and text != "":
        cell["sort"] = repr(float(v))
    if max((len(w) for w in text.split()), default=0) > LONG_TOKEN:
        cell["break"] = True
    if len(text) > fold:
        cut = text.rfind(" ", 0, fold * 2 // 3)
        cell["short"] = text[: cut if cut > 0 else fold * 2 // 3].rstrip(" ,;:") + " ..."
    return cell


def _table_view(t: Table) -> dict[str, Any]:
    import pandas as pd

    frame = t.frame
    shown = frame.head(t.max_rows)
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    formats = [column_formatter(frame[c].tolist(), str(c)) for c in frame.columns]
    folds = [int((t.fold_chars or {}).get(str(c), FOLD_CHARS)) for c in frame.columns]
    for name in t.fold_chars or {}:
        _column_index(t, name, "fold_chars")
    rows = [
        [_cell(v, f, k) for v, f, k in zip(row, formats, folds, strict=True)]
        for row in shown.itertuples(index=False)
    ]
    for name, keys in (t.sort_keys or {}).items():
        col = _column_index(t, name, "sort_keys")
        for row, key in zip(rows, _per_row(t, keys, "sort_keys")[: len(rows)], strict=True):
            if key is not None and key == key:  # NaN: no key, sorts last
                row[col]["sort"] = repr(float(key))
            else:
                row[col].pop("sort", None)
    details = None
    if t.details is not None:
        details = [_detail_view(d) for d in _per_row(t, t.details, "details")[: len(rows)]]
    long_text = [any("short" in r[i] for r in rows) for i in range(len(frame.columns))]
    nowrap = {_column_name(t, n) for n in t.nowrap}
    return {
        "id": _check_id("Table", t.id),
        "title": t.title,
        "caption": t.caption,
        "folded": t.folded,
        "columns": [column_label(c, t.labels) for c in frame.columns],
        "names": [str(c) for c in frame.columns],
        "numeric": numeric,
        "long": long_text,
        "wide": len(frame.columns) > WIDE_COLUMNS,
        "breakout": bool(t.breakout),
        "nowrap": [str(c) in nowrap for c in frame.columns],
        "rows": rows,
        "details": details,
        "n": len(frame),
        "truncated": len(frame) > len(shown),
    }


def _column_name(t: Table, name: str) -> str:
    """``name`` once checked to be a column of ``t`` (for :attr:`Table.nowrap`)."""
    return str(t.frame.columns[_column_index(t, name, "nowrap")])


def _column_index(t: Table, name: str, what: str) -> int:
    names = [str(c) for c in t.frame.columns]
    if name not in names:
        raise WorldsystemError(
            f"{what} names a column the table does not have",
            field=f"Table.{what}",
            value=name,
            hint=f"use one of {', '.join(names)}",
        )
    return names.index(name)


def _per_row(t: Table, items: Any, what: str) -> list[Any]:
    items = list(items)
    if len(items) != len(t.frame):
        raise WorldsystemError(
            f"{what} must give one item per row of the table",
            field=f"Table.{what}",
            value=f"{len(items)} items for {len(t.frame)} rows",
            hint="pass a list as long as the frame (None where a row has nothing)",
        )
    return items


def _detail_view(d: RowDetail | None) -> dict[str, Any] | None:
    """One row's folded detail: labelled texts and small tables (escaped by the page)."""
    import pandas as pd

    if d is None or not d.items:
        return None
    items = []
    for label, content in d.items:
        if isinstance(content, pd.DataFrame):
            formats = [column_formatter(content[c].tolist(), str(c)) for c in content.columns]
            numeric = [
                pd.api.types.is_numeric_dtype(content[c])
                and not pd.api.types.is_bool_dtype(content[c])
                for c in content.columns
            ]
            items.append(
                {
                    "label": label,
                    "columns": [column_label(c) for c in content.columns],
                    "numeric": numeric,
                    "rows": [
                        [f(v) for v, f in zip(row, formats, strict=True)]
                        for row in content.itertuples(index=False)
                    ],
                }
            )
        else:
            items.append({"label": label, "text": str(content)})
    return {"summary": d.summary, "items": items}


_RST_ROLES: list[bool] = []


def _code_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    from docutils import nodes

    return [nodes.literal(rawtext, text.lstrip("~"))], []


def rst_html(text: str) -> Markup:
    """reStructuredText rendered to an HTML fragment (docutils' HTML5 writer).

    Raw HTML, file inclusion and external references are disabled, so the output
    holds only markup docutils writes itself, with every text escaped. Sphinx
    roles (``:func:``, ``:mod:``, ``:data:``, ...) render as code; headings start
    at ``<h3>`` (inside a section's ``<h2>``) and their anchors are prefixed
    ``rst-`` so they cannot collide with the page's ids.

    >>> str(rst_html("Some ``code`` and **bold**.")).strip()
    '<p>Some <span class="docutils literal">code</span> and <strong>bold</strong>.</p>'
    """
    from docutils.core import publish_parts
    from docutils.writers.html5_polyglot import Writer

    if not _RST_ROLES:
        from docutils.parsers.rst import roles

        for role in ("mod", "func", "data", "class", "meth", "attr", "obj", "exc"):
            roles.register_local_role(role, _code_role)
        _RST_ROLES.append(True)
    settings = {
        "raw_enabled": False,
        "file_insertion_enabled": False,
        "report_level": 5,
        "halt_level": 5,
        "warning_stream": False,
        "doctitle_xform": False,
        "sectsubtitle_xform": False,
        "initial_header_level": 3,
        "id_prefix": "rst-",
        "auto_id_prefix": "rst-id",
        "embed_stylesheet": False,
        "syntax_highlight": "none",
        "smart_quotes": False,
        "_disable_config": True,
    }
    body = publish_parts(text, writer=Writer(), settings_overrides=settings)["body"]
    # the page's sections are <section> elements: docutils' own become plain blocks
    body = body.replace("<section ", '<div class="rst-section" ').replace("</section>", "</div>")
    return Markup(body)


def _prose_view(item: str | Rst) -> dict[str, Any]:
    """A paragraph or note: plain text escaped into <p>, reStructuredText rendered."""
    from markupsafe import escape

    if isinstance(item, Rst):
        return {"html": rst_html(item.text), "summary": item.summary}
    return {"html": Markup("<p>") + escape(str(item)) + Markup("</p>"), "summary": None}


def _data_statement(ctx: ReportContext, sources: list[dict[str, Any]]) -> str:
    # One entry per dataset and version, in first-use order (the appendix lists files).
    named = ", ".join(dict.fromkeys(f"{s['id']} {s['version']}" for s in sources))
    if ctx.is_example:
        return "Data: the synthetic example world (" + named + ")."
    statement = "Data: " + (named or "no public dataset")
    statement += f" (from the folder {ctx.data.name}/)"
    if ctx.years:
        statement += f"; years {ctx.years[0]}-{ctx.years[1]}"
    return statement + "."


def render(
    ctx: ReportContext,
    outputs: list[tuple[Any, SectionOutput | MissingData | SectionFailed]],
    *,
    tables_format: str | None = None,
) -> str:
    """Render the page from section outputs (pure: same inputs, same bytes).

    Parameters
    ----------
    ctx : the report context (example world or data folder).
    outputs : ``(section, SectionOutput or MissingData)`` pairs in page order.
    tables_format : when the figure data is written beside the page, its format; the
        captions then point at ``tables/<id>.<format>``.
    """
    from jinja2 import Environment, PackageLoader, select_autoescape
    from plotly.offline import get_plotlyjs

    env = Environment(
        loader=PackageLoader("worldsystem.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    prov = ctx.provenance()
    sections = []
    findings: list[dict[str, str]] = []
    n_figures = 0
    for section, out in outputs:
        view: dict[str, Any] = {
            "id": _check_id("section", section.id),
            "title": section.title,
            "needs": ", ".join(getattr(section, "needs", ()) or ()),
        }
        if isinstance(out, MissingData):
            view["missing"] = ", ".join(out.source_ids)
            view["fix"] = out.hint
        elif isinstance(out, SectionFailed):
            view["error"] = str(out.error)
        else:
            prov = prov.merge(out.provenance)
            findings.extend({"text": f, "section": section.id} for f in out.findings)
            figs = [_figure_view(f) for f in out.figures]
            n_figures += len(figs)
            notes = list(out.method_notes)
            counterparts = None if ctx.is_example else validation.section_note(section.id)
            if counterparts is not None:  # measured on the public releases, not the example
                notes.append(Rst(counterparts[1], summary=counterparts[0]))
            view.update(
                paragraphs=[_prose_view(p) for p in out.paragraphs],
                figures=figs,
                tables=[_table_view(t) for t in out.tables],
                method_notes=[_prose_view(n) for n in notes],
            )
        sections.append(view)
    sources = [
        {
            "id": s.id,
            "version": s.version,
            "files": ", ".join(s.files),
            "checksum": s.checksum or "",
            "citation": _citation(s.id, s.citation),
        }
        for s in _collapse_sources(prov.sources)
    ]
    methods = [
        {"name": m.name, "params": ", ".join(f"{k}={_param(v)}" for k, v in m.params)}
        for m in prov.methods
    ]
    stamp = "; ".join(
        f"{s['id']} {s['version']} sha256:{(s['checksum'] or '')[:12]}" for s in sources
    )
    html = env.get_template("report.html.j2").render(
        title="worldsystem report" + (" (example data)" if ctx.is_example else ""),
        version=__version__,
        is_example=ctx.is_example,
        data_statement=_data_statement(ctx, sources),
        years=ctx.years,
        findings=findings,
        sections=sections,
        sources=sources,
        methods=methods,
        validation=_validation_table(),
        citations=_works_cited(prov.citations),
        notes=list(prov.notes),
        stamp=stamp or "none",
        n_figures=n_figures,
        tables_format=tables_format,
        breakout_px=BREAKOUT_PX,
        plotly_js=Markup(get_plotlyjs().replace("</script", "<\\/script")),
    )
    return html


def _param(value: Any, *, nested: bool = False) -> str:
    """A method parameter as text, floats to 6 significant digits (0.111111, not 0.1111...).

    >>> _param((("a", 1 / 9), ("b", 2.0)))
    "(('a', 0.111111), ('b', 2))"
    """
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, tuple | list):
        inner = ", ".join(_param(v, nested=True) for v in value)
        return f"({inner}{',' if len(value) == 1 else ''})"
    return repr(value) if nested and isinstance(value, str) else str(value)


def _collapse_sources(records) -> list[Any]:
    """One record per dataset and version: the one whose files cover the others'.

    Sections record the files they read; the overview records every file of a
    source. Listing both would give one dataset two checksums. When one record's
    files include every other record's of that dataset, it stands for all of them
    (its checksum identifies every file any section read); otherwise each file set
    is listed with its own checksum.
    """
    groups: dict[tuple[str, str], list[Any]] = {}
    for rec in records:
        groups.setdefault((rec.id, rec.version), []).append(rec)
    out: list[Any] = []
    for recs in groups.values():
        union = set().union(*(set(r.files) for r in recs))
        cover = [r for r in recs if set(r.files) >= union and r.checksum]
        if cover:
            out.append(cover[0])
        else:
            out.extend(dict.fromkeys(recs))
    return out


def _validation_table() -> dict[str, Any] | None:
    """:data:`worldsystem.core.validation.COUNTERPARTS` as a page table (sortable, fitting)."""
    import pandas as pd

    from worldsystem.core.validation import rows

    found = rows()
    if not found:
        return None
    frame = pd.DataFrame(found)
    return _table_view(
        Table(
            "validation-table",
            "Our figures beside the published ones",
            frame,
            max_rows=len(frame),
            caption="The test column names the test that pins our figure.",
        )
    )


def _works_cited(keys) -> list[dict[str, str]]:
    """Full references of the cited ``keys`` (worldsystem.core.bibliography), sorted.

    Aliases of one work collapse into one entry; a key the bibliography does not
    know is listed as the bare key rather than failing the report.
    """
    from worldsystem.core.bibliography import ALIASES, references

    known = references(keys, strict=False)
    found = {r.key for r in known}
    unknown = sorted({k for k in keys if k not in found and ALIASES.get(k) not in found})
    return [{"key": r.key, "text": r.text()} for r in known] + [
        {"key": k, "text": k} for k in unknown
    ]


def _citation(source_id: str, key: str | None) -> str:
    if source_id == "example":
        return "Synthetic example world (worldsystem.example)"
    try:
        from worldsystem.sources import info

        return info(source_id).citation
    except WorldsystemError:
        return key or ""


def _write_tables(
    outputs: list[tuple[Any, SectionOutput | MissingData | SectionFailed]], folder: Path, fmt: str
) -> list[dict[str, Any]]:
    """Write every figure's data and every table's frame; return the manifest rows."""
    rows: list[dict[str, Any]] = []
    folder.mkdir(parents=True, exist_ok=True)
    for section, res in outputs:
        if not isinstance(res, SectionOutput):
            continue
        items = [("figure", f.id, f.title, f.caption, f.data) for f in res.figures]
        items += [("table", t.id, t.title, t.caption, t.frame) for t in res.tables]
        for kind, item_id, title, caption, frame in items:
            row = {
                "section": section.id,
                "kind": kind,
                "id": item_id,
                "title": title,
                "caption": caption,
                "file": None,
            }
            if frame is not None:
                name = f"{_check_id(kind, item_id)}.{fmt}"
                write_frame(frame, folder / name, fmt)
                row["file"] = name
            rows.append(row)
    atomic_write_text(
        folder / "index.json", json.dumps(rows, indent=1, sort_keys=True, ensure_ascii=False)
    )
    return rows


def build_report(
    data: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] = "report",
    years: tuple[int, int] | None = None,
    sections: list[str] | None = None,
    fmt: str = "html",
    tables: bool = False,
    tables_format: str = "csv",
    png: bool = False,
    chromium: str | os.PathLike[str] | None = None,
    context: ReportContext | None = None,
) -> Path:
    """Build the report into ``out/`` and return the path of the main output.

    Parameters
    ----------
    data : folder of the public datasets; None uses ``$WORLDSYSTEM_DATA``, the fetch
        cache, or the example world.
    out : output folder.
    years : (start, end) restriction passed to sections.
    sections : section ids to build (default: all registered).
    fmt : ``"html"`` writes ``out/index.html``; ``"pdf"`` also prints it to
        ``out/report.pdf`` with headless Chromium (returned then).
    tables : also write the data of every figure and table under ``out/tables``.
    tables_format : ``"csv"`` or ``"parquet"``.
    png : also write a PNG of every figure to ``out/figures`` (headless Chromium).
    chromium : the Chromium executable (default ``$WORLDSYSTEM_CHROMIUM`` or ``chromium``).
    context : a prepared :class:`ReportContext` (overrides ``data`` and ``years``).

    Progress (one step per section, then the page) is reported through
    :mod:`worldsystem.core.progress`; the CLI shows it on a terminal.

    Returns
    -------
    pathlib.Path
        ``out/index.html``, or ``out/report.pdf`` when ``fmt="pdf"``.
    """
    if fmt not in FORMATS:
        raise WorldsystemError(
            f"report format {fmt!r} is not supported",
            field="format",
            value=fmt,
            hint=f"use one of {', '.join(FORMATS)}",
        )
    if tables_format not in TABLE_FORMATS:
        raise WorldsystemError(
            f"table format {tables_format!r} is not supported",
            field="tables_format",
            value=tables_format,
            hint=f"use one of {', '.join(TABLE_FORMATS)}",
        )
    if fmt == "pdf" or png:
        from worldsystem.report.chromium import require_chromium

        require_chromium(chromium)  # fail before the (slow) sections run
    out_dir = check_output_folder(out, replaceable=OUTPUT_ENTRIES)  # before the slow part
    ctx = context or resolve_context(data, years=years)
    chosen = registered()
    if sections:
        known = {s.id for s in chosen}
        unknown = [s for s in sections if s not in known]
        if unknown:
            raise WorldsystemError(
                "unknown report section",
                field="sections",
                value=unknown[0],
                hint=f"choose from {', '.join(sorted(known))}",
            )
        chosen = [s for s in chosen if s.id in sections]
    outputs: list[tuple[Any, SectionOutput | MissingData | SectionFailed]] = []
    with progress.stage("report sections", total=len(chosen) + 1) as bar:
        for s in chosen:
            with progress.stage(f"section {s.id}"):
                outputs.append((s, _run(s, ctx)))
            bar.advance(detail=s.id)
        with progress.stage("rendering the page"):
            html = render(ctx, outputs, tables_format=tables_format if tables else None)
        bar.advance(detail="page")
    # everything goes to a temporary sibling that replaces out/ whole on success
    with atomic_dir(out_dir, replaceable=OUTPUT_ENTRIES) as tmp:
        if tables:
            _write_tables(outputs, tmp / "tables", tables_format)
        atomic_write_text(tmp / "index.html", html)
        if png:
            from worldsystem.report.chromium import screenshot_figures

            with progress.stage("PNG figures (Chromium)"):
                screenshot_figures(tmp / "index.html", tmp / "figures", executable=chromium)
        if fmt == "pdf":
            from worldsystem.report.chromium import print_pdf

            with progress.stage("PDF (Chromium)"):
                print_pdf(tmp / "index.html", tmp / "report.pdf", executable=chromium)
    return out_dir / ("report.pdf" if fmt == "pdf" else "index.html")


class SectionFailed(WorldsystemError):
    """A section raised a :class:`WorldsystemError`; the page shows it in a panel."""

    def __init__(self, section_id: str, error: WorldsystemError) -> None:
        self.section_id = section_id
        self.error = error
        super().__init__(f"section {section_id!r} failed: {error}")


def _run(section: Any, ctx: ReportContext) -> SectionOutput | MissingData | SectionFailed:
    """Run one section: missing data and worldsystem errors become panels, not failures.

    Programming errors (any other exception) propagate, so that they are fixed
    rather than hidden.
    """
    try:
        return section.build(ctx)
    except MissingData as exc:
        return exc
    except WorldsystemError as exc:
        import warnings

        warnings.warn(f"report section {section.id!r} failed: {exc}", stacklevel=2)
        return SectionFailed(section.id, exc)
