"""Build the report: run the sections, render the page, write it atomically."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup

from worldsystem import __version__
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.io import atomic_write_text, write_frame
from worldsystem.report.context import ReportContext, resolve_context
from worldsystem.report.sections import Figure, MissingData, SectionOutput, Table, registered

__all__ = ["build_report", "render", "safe_json"]


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


def _figure_view(fig: Figure) -> dict[str, Any]:
    view: dict[str, Any] = {
        "id": fig.id,
        "title": fig.title,
        "kind": fig.kind,
        "caption": fig.caption,
    }
    if fig.kind == "svg":
        payload = fig.payload
        view["payload"] = payload["svg"] if isinstance(payload, dict) else payload
        view["legend"] = payload.get("legend", []) if isinstance(payload, dict) else []
    else:
        spec = (
            fig.payload.to_plotly_json() if hasattr(fig.payload, "to_plotly_json") else fig.payload
        )
        view["json"] = safe_json({"data": spec.get("data", []), "layout": spec.get("layout", {})})
        view["height"] = int(spec.get("layout", {}).get("height") or 420)
    return view


def _table_view(t: Table) -> dict[str, Any]:
    frame = t.frame
    shown = frame.head(t.max_rows)

    def fmt(v: Any) -> str:
        if isinstance(v, float):
            if v != v:
                return ""
            return f"{v:,.4g}" if abs(v) < 1e6 else f"{v:,.0f}"
        return str(v)

    return {
        "id": t.id,
        "title": t.title,
        "caption": t.caption,
        "columns": [str(c) for c in frame.columns],
        "rows": [[fmt(v) for v in row] for row in shown.itertuples(index=False)],
        "n": len(frame),
        "truncated": len(frame) > len(shown),
    }


def render(ctx: ReportContext, outputs: list[tuple[Any, SectionOutput | MissingData]]) -> str:
    """Render the page from section outputs (pure: same inputs, same bytes)."""
    from jinja2 import Environment, PackageLoader, select_autoescape
    from plotly.offline import get_plotlyjs

    env = Environment(
        loader=PackageLoader("worldsystem.report", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )
    prov = ctx.provenance()
    sections = []
    findings: list[str] = []
    for section, out in outputs:
        view: dict[str, Any] = {"id": section.id, "title": section.title}
        if isinstance(out, MissingData):
            view["missing"] = ", ".join(out.source_ids)
            view["fix"] = out.hint
        else:
            prov = prov.merge(out.provenance)
            findings.extend(out.findings)
            view.update(
                paragraphs=out.paragraphs,
                figures=[_figure_view(f) for f in out.figures],
                tables=[_table_view(t) for t in out.tables],
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
        for s in prov.sources
    ]
    methods = [
        {"name": m.name, "params": ", ".join(f"{k}={v}" for k, v in m.params)} for m in prov.methods
    ]
    stamp = "; ".join(
        f"{s['id']} {s['version']} sha256:{(s['checksum'] or '')[:12]}" for s in sources
    )
    if ctx.is_example:
        statement = (
            "Data: the synthetic example world ("
            + ", ".join(f"{s.id} {s.version}" for s in prov.sources)
            + ")."
        )
    else:
        statement = f"Data: {len(sources)} public dataset(s) from {ctx.data.name}/"
        if ctx.years:
            statement += f", years {ctx.years[0]}-{ctx.years[1]}"
        statement += "."
    html = env.get_template("report.html.j2").render(
        title="worldsystem report" + (" (example data)" if ctx.is_example else ""),
        version=__version__,
        is_example=ctx.is_example,
        data_statement=statement,
        findings=findings,
        sections=sections,
        sources=sources,
        methods=methods,
        notes=list(prov.notes),
        stamp=stamp or "none",
        plotly_js=Markup(get_plotlyjs().replace("</script", "<\\/script")),
    )
    return html


def _citation(source_id: str, key: str | None) -> str:
    if source_id == "example":
        return "Synthetic example world (worldsystem.example)"
    try:
        from worldsystem.sources import info

        return info(source_id).citation
    except WorldsystemError:
        return key or ""


def build_report(
    data: str | os.PathLike[str] | None = None,
    *,
    out: str | os.PathLike[str] = "report",
    years: tuple[int, int] | None = None,
    sections: list[str] | None = None,
    fmt: str = "html",
    tables: bool = False,
    progress: bool = False,
    context: ReportContext | None = None,
) -> Path:
    """Build the report into ``out/index.html`` and return its path.

    Parameters
    ----------
    data : folder of the public datasets; None uses ``$WORLDSYSTEM_DATA``, the fetch
        cache, or the example world.
    out : output folder.
    years : (start, end) restriction passed to sections.
    sections : section ids to build (default: all registered).
    fmt : ``"html"``.
    tables : also write each figure's data as CSV under ``out/tables``.
    """
    if fmt != "html":
        raise WorldsystemError(
            f"report format {fmt!r} is not supported yet",
            field="--format",
            value=fmt,
            hint="use --format html",
        )
    ctx = context or resolve_context(data, years=years)
    chosen = registered()
    if sections:
        known = {s.id for s in chosen}
        unknown = [s for s in sections if s not in known]
        if unknown:
            raise WorldsystemError(
                "unknown report section",
                field="--sections",
                value=unknown[0],
                hint=f"choose from {', '.join(sorted(known))}",
            )
        chosen = [s for s in chosen if s.id in sections]
    outputs: list[tuple[Any, SectionOutput | MissingData]] = []
    if progress:
        from rich.progress import Progress

        with Progress(transient=True) as bar:
            task = bar.add_task("building sections", total=len(chosen))
            for s in chosen:
                bar.update(task, description=f"section: {s.id}")
                outputs.append((s, _run(s, ctx)))
                bar.advance(task)
    else:
        outputs = [(s, _run(s, ctx)) for s in chosen]
    html = render(ctx, outputs)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    if tables:
        for _section, res in outputs:
            if isinstance(res, SectionOutput):
                for fig in res.figures:
                    if fig.data is not None:
                        write_frame(fig.data, out_dir / "tables" / f"{fig.id}.csv", "csv")
    path = out_dir / "index.html"
    atomic_write_text(path, html)
    return path


def _run(section: Any, ctx: ReportContext) -> SectionOutput | MissingData:
    try:
        return section.build(ctx)
    except MissingData as exc:
        return exc
