"""The ``worldsystem`` command line.

Parses options, calls the library and prints. Heavy libraries (pandas, plotly,
scipy) are imported inside the commands, so ``worldsystem --help`` stays fast.

Every command that reads data takes ``--data DIR`` (default: ``$WORLDSYSTEM_DATA``,
then the fetch cache). With no data configured, commands run on the synthetic
example world and say so.

Errors
------
Every command runs inside one error boundary, :class:`_Boundary` (the root click
group, so it holds for the console script :func:`main` and for typer's test runner
alike). No command catches errors itself; the boundary sorts them by who can fix
them:

* **Bad input, data or environment** -- the user can fix it. A
  :class:`~worldsystem.core.errors.WorldsystemError` (raised wherever input is
  validated: the CLI's own parsers below, the library), an :class:`OSError` (a
  missing file, permission denied, not a directory, disk full) or a
  :class:`UnicodeDecodeError` (a file that is not text) is printed as one line on
  stderr, ``error: <message> [<where>] Fix: <hint>``, and the exit code is **1**.
  ``<where>`` names the file, the option (a library ``field="years"`` is shown as
  ``option --years``, looked up in the parameters of the command that ran) and
  the offending value.
* **Bad usage** (unknown option, an option value of the wrong type): one line,
  ``error: <click's message> [see 'worldsystem CMD --help']``, exit code **2**.
* **A bug** (any other exception: ``KeyError``, ``TypeError``, a ``ValueError``
  from deep inside pandas...): input errors are meant to be caught and named
  before they reach numpy or pandas, so anything else is a defect of
  worldsystem. The traceback is printed, then one line
  ``internal error: ...``, and the exit code is **70** (``EX_SOFTWARE``).

Option values are checked while click parses them, before any data is read: every
option with a fixed set of values declares a parser of :mod:`worldsystem._cli_options`
(``typer.Option(parser=...)``) that raises ``WorldsystemError`` on the option's field,
and :func:`_context` checks ``--out``/``--format`` together before it resolves the
data. The CLI's own parsers (:func:`parse_years`, ``--weights``, ``--among``) turn
``ValueError`` into ``WorldsystemError`` where they parse, so a parse failure is
never mistaken for a bug. Set ``WORLDSYSTEM_DEBUG=1`` to get the full traceback
of every error, including the expected ones.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from worldsystem import _cli_options as opts

try:  # recent typer runs on a vendored copy of click; older typer on click itself
    from typer._click import exceptions as _click_errors
except ImportError:  # pragma: no cover - depends on the installed typer
    from click import exceptions as _click_errors

# click's exceptions that are not errors (help shown, exit requested, Ctrl-C)
_NOT_ERRORS: tuple[type[BaseException], ...] = (
    typer.Exit,
    typer.Abort,
    *((_click_errors.NoArgsIsHelpError,) if hasattr(_click_errors, "NoArgsIsHelpError") else ()),
)

#: Exit codes of the error boundary (see the module docstring).
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
#: Set this environment variable (to anything but ``0``/empty) to see tracebacks.
DEBUG_ENV = "WORLDSYSTEM_DEBUG"

# Library parameter names that differ from the CLI parameter that feeds them
# (library name -> CLI parameter name), e.g. ``workflows.position(methods=...)``
# is fed by ``--method``.
_LIBRARY_PARAMS = {"methods": "method", "n_draws": "draws"}

_META_COMMAND = "worldsystem.command"


def _debug() -> bool:
    return os.environ.get(DEBUG_ENV, "") not in ("", "0")


def flag_table(command: Any) -> dict[str, str]:
    """Map parameter names of ``command`` to how a user types them.

    Options map to their long flag (``years`` -> ``--years``; both the Python
    name ``fmt`` and the flag's own name ``format`` map to ``--format``); arguments
    map to their metavar (``source`` -> ``SOURCE``). Library names that differ from
    the CLI's (``methods`` -> ``--method``) are added from ``_LIBRARY_PARAMS``.
    """
    table: dict[str, str] = {}
    for param in command.params:
        kind = getattr(param, "param_type_name", "")
        if kind == "option":
            longs = [o for o in param.opts if o.startswith("--")] or list(param.opts)
            label = longs[0]
            stem = label.lstrip("-")
            for key in (param.name, stem, stem.replace("-", "_")):
                if key:
                    table.setdefault(key, label)
        elif kind == "argument" and param.name:
            table.setdefault(param.name, param.name.upper())
    for lib, cli_name in _LIBRARY_PARAMS.items():
        if cli_name in table:
            table.setdefault(lib, table[cli_name])
    return table


def describe_field(field: str, table: dict[str, str]) -> str:
    """How to show an error's ``field``: ``option --years`` or ``field='milex'``.

    Works for both styles of field: the old flag style (``"--years"``) is shown as
    it is; a parameter name (``"years"``) is looked up in ``table``
    (:func:`flag_table` of the command that ran).

    >>> describe_field("years", {"years": "--years"})
    'option --years'
    >>> describe_field("--years", {})
    'option --years'
    >>> describe_field("source", {"source": "SOURCE"})
    'argument SOURCE'
    >>> describe_field("milex", {"years": "--years"})
    "field='milex'"
    """
    if field.startswith("-"):
        return f"option {field}"
    label = table.get(field)
    if label is None:
        return f"field={field!r}"
    return f"option {label}" if label.startswith("-") else f"argument {label}"


def format_error(exc: BaseException, table: dict[str, str] | None = None) -> str:
    """One line for an expected error: message, where (file, option, value), fix.

    ``table`` maps parameter names to flags (:func:`flag_table`); a field is only
    shown as an option when the error is not about a file (a field of a file is a
    column or key of that file, not a command-line parameter).

    >>> from worldsystem.core.errors import WorldsystemError
    >>> format_error(WorldsystemError("bad years", field="years", value="abc",
    ...                               hint="use 1990-2019"), {"years": "--years"})
    "bad years [option --years, value='abc'] Fix: use 1990-2019"
    >>> format_error(FileNotFoundError(2, "No such file or directory", "x.csv"))
    "No such file or directory [file='x.csv'] Fix: check the path and its permissions"
    """
    from worldsystem.core.errors import WorldsystemError, _short

    table = table or {}
    if isinstance(exc, WorldsystemError):
        where = []
        if exc.file is not None:
            where.append(f"file={exc.file}")
        if getattr(exc, "line", None) is not None:
            where.append(f"line={exc.line}")
        if exc.field is not None:
            if exc.file is None:
                where.append(describe_field(exc.field, table))
            else:
                where.append(f"field={exc.field!r}")
        if exc.value is not None:
            where.append(f"value={_short(exc.value)}")
        parts = [" ".join(str(exc.message).split())]
        if where:
            parts.append("[" + ", ".join(where) + "]")
        if exc.hint:
            parts.append(f"Fix: {exc.hint}")
        return " ".join(parts)
    if isinstance(exc, OSError):
        msg = exc.strerror or type(exc).__name__
        where = []
        if exc.filename is not None:
            where.append(f"file={str(exc.filename)!r}")
        if exc.filename2 is not None:
            where.append(f"file2={str(exc.filename2)!r}")
        tail = f" [{', '.join(where)}]" if where else ""
        if not exc.strerror and str(exc):
            msg = f"{msg}: {str(exc).strip()}"
        return f"{msg}{tail} Fix: check the path and its permissions"
    if isinstance(exc, UnicodeDecodeError):
        return (
            f"cannot read the input as {exc.encoding} text ({exc.reason} at byte {exc.start}) "
            "Fix: give a text file (UTF-8)"
        )
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _print_error(line: str) -> None:
    from rich.markup import escape

    _err_console().print(f"[bold red]error:[/] {escape(line)}", highlight=False)


class _Boundary(TyperGroup):
    """The root group: the one place where errors are turned into exit codes."""

    def resolve_command(self, ctx: Any, args: list[str]):
        name, cmd, rest = super().resolve_command(ctx, args)
        if cmd is not None:
            # ctx.meta is shared by every context of one invocation: the innermost
            # resolved command wins, i.e. the command whose options were given.
            ctx.meta[_META_COMMAND] = (cmd, f"{ctx.command_path} {name}")
        return name, cmd, rest

    def invoke(self, ctx: Any) -> Any:
        if ctx.parent is not None:  # a sub-group: the root's boundary handles errors
            return super().invoke(ctx)
        try:
            return super().invoke(ctx)
        except _NOT_ERRORS:
            raise
        except _click_errors.UsageError as exc:
            if _debug():
                raise
            where = exc.ctx.command_path if exc.ctx is not None else ctx.command_path
            _print_error(f"{exc.format_message()} [see '{where} --help']")
            ctx.exit(exc.exit_code if exc.exit_code else EXIT_USAGE)
        except _click_errors.ClickException:
            raise
        except BrokenPipeError:
            raise  # typer's main closes stdout quietly (``worldsystem ... | head``)
        except Exception as exc:
            from worldsystem.core.errors import WorldsystemError

            if _debug():
                raise
            cmd, path = ctx.meta.get(_META_COMMAND, (self, ctx.command_path))
            if isinstance(exc, WorldsystemError | OSError | UnicodeDecodeError):
                _print_error(format_error(exc, flag_table(cmd)))
                ctx.exit(EXIT_INPUT)
            import traceback

            traceback.print_exception(exc, file=sys.stderr)
            _err_console().print(
                f"[bold red]internal error:[/] {type(exc).__name__} in '{path}'. This is a "
                f"bug in worldsystem, not in your input: please report it with the "
                f"traceback above.",
                highlight=False,
                markup=True,
            )
            ctx.exit(EXIT_INTERNAL)


app = typer.Typer(
    name="worldsystem",
    cls=_Boundary,
    help=(
        "Measure and simulate the world system of international political economy.\n\n"
        "Runs on the public datasets in --data DIR / $WORLDSYSTEM_DATA, or on a synthetic "
        "example world when no data is configured.\n\n"
        "Examples:\n\n"
        "  worldsystem report --out report/\n\n"
        "  worldsystem data list\n\n"
        "  worldsystem countries --group BRICS --year 2025"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="markdown",
)
data_app = typer.Typer(
    cls=_Boundary,
    help="List, inspect, validate and download the public datasets.",
    no_args_is_help=True,
)
app.add_typer(data_app, name="data")


@app.callback()
def _root(
    typer_ctx: typer.Context,
    quiet: Annotated[
        bool,
        typer.Option(
            "--quiet", "-q", help="No progress display on stderr (it is shown on a terminal only)."
        ),
    ] = False,
) -> None:
    """Install the progress display (worldsystem.terminal) for the command that runs."""
    from worldsystem.terminal import display

    typer_ctx.with_resource(display(quiet=quiet))


DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Folder of the public datasets in their official layouts "
        "(default: $WORLDSYSTEM_DATA, then the fetch cache).",
        show_default=False,
    ),
]
FormatOpt = Annotated[
    str,
    typer.Option(
        "--format",
        help="Output format: csv, parquet, json or xlsx (default: from the --out suffix, "
        "else csv). A --out suffix naming another format is an error.",
        parser=opts.table_format,
    ),
]


def _cell(value) -> str:
    """A table cell for rich: missing values blank, markup in the text escaped.

    >>> _cell(float("nan")), _cell(None), _cell(":x: [b]"), _cell(1945)
    ('', '', ':x: \\\\[b]', '1945')
    """
    import pandas as pd
    from rich.markup import escape

    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return ""
    return escape(str(value))


def _console():
    """stdout. Emoji codes are off: a value such as ``:x:`` prints as typed (markup in
    values is escaped by :func:`_cell` and :func:`_print_error`)."""
    from rich.console import Console

    return Console(soft_wrap=True, emoji=False)


def _err_console():
    from rich.console import Console

    return Console(stderr=True, soft_wrap=True, emoji=False)


def parse_years(text: str | None) -> tuple[int, int] | None:
    """Parse ``"1990-2019"`` or ``"2011"`` into an inclusive (start, end) pair.

    An en dash works too, and spaces around the numbers are ignored. Anything
    else (``"abc"``, ``"2019-1990"``, ``"2010-"``, ``"1990-2000-2010"``) is a
    :class:`~worldsystem.core.errors.WorldsystemError` on the field ``years``.

    >>> parse_years("1990-2019")
    (1990, 2019)
    >>> parse_years(" 2011 ")
    (2011, 2011)
    >>> parse_years("2010-")
    Traceback (most recent call last):
    ...
    worldsystem.core.errors.WorldsystemError: years must be YEAR or START-END ...
    """
    if text is None or text == "":
        return None
    import re

    from worldsystem.core.errors import WorldsystemError

    match = re.fullmatch(r"\s*(\d{1,4})\s*(?:[-–]\s*(\d{1,4})\s*)?", text)
    if match is None and "," in text:
        raise WorldsystemError(
            "years must be YEAR or START-END (a comma-separated list only for position)",
            field="years",
            value=text,
            hint="give one year (2014) or a span (1995-2014)",
        )
    if match is None:
        raise WorldsystemError(
            "years must be YEAR or START-END",
            field="years",
            value=text,
            hint="give e.g. 1990-2019 or 2011",
        )
    start = int(match.group(1))
    end = start if match.group(2) is None else int(match.group(2))
    if start > end:
        raise WorldsystemError(
            "years must be YEAR or START-END with START <= END",
            field="years",
            value=text,
            hint=f"did you mean {end}-{start}?",
        )
    return start, end


def parse_year_list(text: str | None) -> list[int] | None:
    """``"1995,2005,2014"`` (items may be spans) -> the sorted years; None without a comma.

    >>> parse_year_list("2014, 1995-1996,2005")
    [1995, 1996, 2005, 2014]
    >>> parse_year_list("1995-2014") is None
    True
    """
    if text is None or "," not in text:
        return None
    years: set[int] = set()
    for item in text.split(","):
        span = parse_years(item) if item.strip() else None
        if span is None:
            from worldsystem.core.errors import WorldsystemError

            raise WorldsystemError(
                "years must be YEAR, START-END or a comma-separated list of them",
                field="years",
                value=text,
                hint="give e.g. 2014, 1995-2014 or 1995,2005,2014",
            )
        years.update(range(span[0], span[1] + 1))
    return sorted(years)


def _check_output(out: Path | None, fmt: str | None) -> str:
    """The output format, checked before any work (see :func:`core.io.table_format`).

    Binary formats (parquet, xlsx) need ``--out``: they are never printed.
    """
    from worldsystem.core.io import BINARY_FORMATS, table_format

    resolved = table_format(out, fmt)
    if out is None and resolved in BINARY_FORMATS:
        from worldsystem.core.errors import WorldsystemError

        raise WorldsystemError(
            f"{resolved} output needs --out FILE",
            field="format",
            value=fmt,
            hint=f"add --out FILE.{resolved}",
        )
    return resolved


def _emit(df, out: Path | None, fmt: str | None) -> None:
    """Write ``df`` to ``out`` in ``fmt``, or print it to stdout as CSV/JSON."""
    from worldsystem.core.io import write_frame

    fmt = _check_output(out, fmt)
    if out is not None:
        write_frame(df, out, fmt)
        _err_console().print(f"wrote {len(df)} rows to {out}", highlight=False, markup=False)
        return
    if fmt == "json":
        sys.stdout.write(df.to_json(orient="records", indent=1) + "\n")
    else:
        df.to_csv(sys.stdout, index=False)


# --------------------------------------------------------------------------- countries
@app.command()
def countries(
    group: Annotated[
        str | None,
        typer.Option(
            help="A country group, e.g. G7, NATO, BRICS, IMF_ADVANCED (any case).",
            parser=opts.group,
        ),
    ] = None,
    year: Annotated[int | None, typer.Option(help="Year of group membership.")] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format", help="table, csv, json, parquet or xlsx.", parser=opts.countries_format
        ),
    ] = "table",
    out: Annotated[
        Path | None,
        typer.Option(
            help="Write to this file instead (its folder must exist).", parser=opts.output_file
        ),
    ] = None,
) -> None:
    """Show the country identity table, or the members of a group in a year.

    Examples:

      worldsystem countries --format csv

      worldsystem countries --group NATO --year 2024
    """
    from worldsystem import countries as wc
    from worldsystem.core.errors import WorldsystemError

    _check_output(out, None if fmt == "table" else fmt)
    if group is not None:
        if year is None:
            raise WorldsystemError("--group needs --year", field="year", hint="add --year YYYY")
        last = wc.recorded_to()
        if year > last:
            raise WorldsystemError(
                f"memberships are recorded up to {last}; {year} is beyond the data",
                field="year",
                value=year,
                hint=f"give a year up to {last}",
            )
        members = wc.members(group, year)
        if not members:
            first = int(wc.membership(group)["join_year"].min())
            raise WorldsystemError(
                f"{group} has no members in {year}"
                + (f" (its first members joined in {first})" if year < first else ""),
                field="year",
                value=year,
                hint=f"give a year from {first}" if year < first else "give another year",
            )
        tab = wc.table()
        names = tab.drop_duplicates("iso3").set_index("iso3")["name"]
        import pandas as pd

        df = pd.DataFrame({"iso3": members, "name": [names.get(m, "") for m in members]})
        df.insert(0, "year", year)
        df.insert(0, "group", group)
    else:
        df = wc.table()
    if fmt == "table" and out is None:
        from rich.table import Table

        t = Table(show_lines=False)
        for col in df.columns:
            t.add_column(str(col))
        for row in df.itertuples(index=False):
            t.add_row(*(_cell(v) for v in row))
        _console().print(t)
        return
    _emit(df, out, None if fmt == "table" else fmt)


# --------------------------------------------------------------------------- data
@data_app.command("list")
def data_list(data: DataOpt = None) -> None:
    """List every source: version, licence, citation and whether it is available.

    Example:

      worldsystem data list --data ../shared/data
    """
    from rich.table import Table

    from worldsystem.core import config
    from worldsystem.sources import all_info

    folder = config.data_dir(data)
    t = Table(title=f"Sources (data dir: {folder})")
    for col in ("source", "name", "version", "licence", "available", "citation"):
        t.add_column(col, overflow="fold")
    for info in all_info():
        missing = info.missing_files(data)
        avail = "yes" if not missing else "no (missing: " + ", ".join(missing) + ")"
        t.add_row(
            *(
                _cell(v)
                for v in (info.id, info.name, info.version, info.licence, avail, info.citation)
            )
        )
    _console().print(t)


@data_app.command("info")
def data_info(
    source: Annotated[str, typer.Argument(help="Source id, e.g. cow_nmc.")],
    data: DataOpt = None,
) -> None:
    """Show the catalogue entry of one source: files, units, URL, citation.

    Example:

      worldsystem data info cow_nmc
    """
    from worldsystem.sources import info as get_info

    info = get_info(source)
    con = _console()
    con.print(f"{info.id}: {info.name}, version {info.version}", markup=False)
    con.print(f"licence: {info.licence}", markup=False)
    con.print(f"citation: {info.citation}", markup=False)
    con.print(f"url: {info.url}", markup=False)
    if info.years:
        con.print(f"years: {info.years[0]}-{info.years[1]}", markup=False)
    folder = info.folder(data)
    con.print(f"folder: {folder}", markup=False)
    for f in info.files:
        found = info.resolve(f, data)
        if found is None:
            mark = "MISSING"
        elif found.name == f:
            mark = "present"
        else:
            mark = f"present as the official file {found.name}"
        con.print(f"  {f}: {mark}", highlight=False, markup=False)
        if f in info.official and found is None:
            alt = ", ".join(info.official[f])
            con.print(f"    (or an official file: {alt})", highlight=False, markup=False)
    if info.year_pattern:
        held = info.year_entries(data)
        names = ", ".join(p.name for p in held) if held else "none"
        con.print(f"  {info.year_label} (one per year): {names}", highlight=False, markup=False)
    from worldsystem.sources.catalogue import downloads, manual_download

    for d in downloads(source):
        con.print(f"  download {d.name} <- {d.url}", highlight=False, markup=False)
    manual = manual_download(source)
    if manual is not None:
        con.print(
            f"  by hand: {manual.files} from {manual.page} ({manual.reason})",
            highlight=False,
            markup=False,
        )
    if info.units:
        con.print("units:")
        for k, v in info.units.items():
            con.print(f"  {k}: {v}", highlight=False, markup=False)
    if info.description:
        con.print(info.description, highlight=False, markup=False)


@data_app.command("check")
def data_check(
    sources: Annotated[list[str] | None, typer.Argument(help="Source ids (default: all).")] = None,
    data: DataOpt = None,
) -> None:
    """Validate every file of each source, then load it; print one line per file.

    Each file must be readable, match the folder's SHA256SUMS manifest (when
    there is one) and pass the strict reader of its format (layout, field
    counts, plausible bounds); a file that differs from the version the loaders
    were validated on gets a warning. Exits non-zero, naming the file, on any
    error.

    Example:

      worldsystem data check cow_nmc cow_trade --data ../shared/data
    """
    from rich.markup import escape

    from worldsystem.core.provenance import get
    from worldsystem.sources import SOURCE_IDS, info
    from worldsystem.sources.verify import check_source

    ids = list(sources) if sources else list(SOURCE_IDS)
    for sid in ids:
        info(sid)  # an unknown id is a usage error before anything is read
    con = _console()
    err = _err_console()
    failed = 0
    for sid in ids:
        # not an error boundary: one bad file must not hide the others
        res = check_source(sid, data)
        for fc in res.files:
            label = f"{sid}/{fc.name}"
            for w in fc.warnings:
                err.print(f"[yellow]{escape(label)}: warning:[/] {escape(w)}", highlight=False)
            if fc.ok:
                notes = f" ({', '.join(fc.notes)})" if fc.notes else ""
                con.print(f"{label}: ok, sha256={fc.sha256}{notes}", highlight=False, markup=False)
            else:
                err.print(
                    f"[red]{escape(label)}: FAILED[/] {escape(format_error(fc.error))}",
                    highlight=False,
                )
        for exc in res.errors:
            err.print(f"[red]{sid}: FAILED[/] {escape(format_error(exc))}", highlight=False)
        if not res.ok:
            failed += 1
            continue
        obj = res.result
        prov = getattr(obj, "provenance", None)
        if prov is None and hasattr(obj, "attrs"):
            prov = get(obj)
        checksum = prov.sources[0].checksum if prov and prov.sources else "?"
        rows = len(obj) if hasattr(obj, "__len__") else "-"
        years = ""
        if hasattr(obj, "columns") and "year" in obj.columns and len(obj):
            years = f"{int(obj['year'].min())}-{int(obj['year'].max())}"
        con.print(
            f"{sid}: ok, rows={rows}, years={years}, sha256={checksum}",
            highlight=False,
            markup=False,
        )
        if sid == "cow_nmc":
            line = _cinc_check_line(obj, data)
            if line:
                con.print(line, highlight=False, markup=False)
    if failed:
        raise typer.Exit(code=1)


def _cinc_check_line(nmc, data) -> str | None:
    """``data check`` line comparing recomputed CINC with the file's own ``cinc``."""
    from worldsystem.measures.polarity import cinc_difference
    from worldsystem.sources import cow_nmc

    official = cow_nmc.official_cinc(data)
    if official is None:
        return "cow_nmc: the file has no cinc column; nothing to compare the recomputation with"
    r = cinc_difference(nmc, official)
    if not r["n"]:
        return "cow_nmc: the file's cinc column has no value to compare"
    return (
        f"cow_nmc: CINC recomputed vs the file's cinc on {r['n']} state-years: max |diff| = "
        f"{r['max_abs_diff']:.3g} (ccode {r['ccode']}, {r['year']}); "
        f"{r['n_off_1pct']} off by more than 1%"
    )


@data_app.command("fetch")
def data_fetch(
    sources: Annotated[list[str] | None, typer.Argument(help="Source ids (default: all).")] = None,
    cache: Annotated[
        Path | None, typer.Option(help="Cache folder (default: $WORLDSYSTEM_CACHE or user cache).")
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            "--year",
            help="Years of an MRIO database's per-year archives (exiobase, oecd_icio), "
            "e.g. 2019-2022.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Download again even when a verified copy exists.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress bar.")] = False,
) -> None:
    """Download official releases into the cache, checking content and checksums.

    Each file is checked by content (a zip that opens, a workbook with the
    expected sheets, a table with the expected header; never an HTML page) and
    against the catalogue's SHA-256, or the one recorded on its first download.
    An interrupted download resumes on the next run. Sources that need a login
    or a form say where to get the files and where to put them.

    Examples:

      worldsystem data fetch cow_nmc maddison

      worldsystem data fetch exiobase --years 2019-2022
    """
    from worldsystem.sources import fetch

    span = parse_years(years)
    year_list = None if span is None else list(range(span[0], span[1] + 1))
    progress = not quiet  # shown by the root's display, on a terminal only
    results = fetch.fetch(
        sources or None, cache=cache, progress=progress, force=force, years=year_list
    )
    con = _console()
    for r in results:
        if r.status == "manual":
            _err_console().print(
                f"{r.source}/{r.name}: not downloaded ({r.note}); get it from {r.url} "
                f"and put it in {r.path}",
                highlight=False,
                markup=False,
            )
            continue
        con.print(
            f"{r.source}/{r.name}: {r.status} sha256={r.sha256}", highlight=False, markup=False
        )
    _note_unread_layouts(results)


def _note_unread_layouts(results) -> None:
    """Say on stderr when a fetched source is still not available to its loader.

    Some loaders read derived layouts (parquet, renamed CSVs) besides, or instead
    of, the producer's files that ``data fetch`` stores; a user must not be told
    "downloaded" and then "missing" without a word.
    """
    from worldsystem.sources import SOURCE_IDS
    from worldsystem.sources import info as get_info

    seen: dict[str, Path] = {}
    for r in results:
        # the MRIO databases read whichever per-year archives are present
        if r.status != "manual" and r.source in SOURCE_IDS:
            seen.setdefault(r.source, r.path.parent)
    for sid, folder in seen.items():
        missing = get_info(sid).missing_files(folder.parent)
        if missing:
            _err_console().print(
                f"note: {sid}: the official files are in {folder}, but its loader still "
                f"looks for {', '.join(missing)}",
                highlight=False,
                markup=False,
            )


# --------------------------------------------------------------------------- measures
YearsOpt = Annotated[
    str | None,
    typer.Option(
        "--years",
        "--year",
        help="Years, e.g. 1816-2022 or 2019 (default: all); --year 2019 is the same as "
        "--years 2019.",
    ),
]
OutOpt = Annotated[
    Path | None,
    typer.Option(
        "--out",
        help="Output file (default: print CSV to stdout). Its folder must exist.",
        parser=opts.output_file,
    ),
]


MrioOpt = Annotated[
    str | None,
    typer.Option(
        "--mrio",
        help="Input-output database: wiod2013 (default), exiobase, oecd_icio, gloria or "
        "eora26; the run uses the years it has.",
    ),
]


def _context(
    data: Path | None,
    years: str | None,
    mrio: str | None = None,
    *,
    out: Path | None = None,
    fmt: str | None = None,
):
    """Resolve the data context and say on stderr when it is the example world.

    ``mrio`` (``--mrio``) must be in the data folder; the example world has one
    table of its own and takes no ``--mrio``. The output (``out``, ``fmt``) is
    checked first: nothing is read for a run whose result could not be written.
    """
    from worldsystem.workflows.backends import MRIO_SOURCES, check_mrio_source
    from worldsystem.workflows.context import resolve_context

    _check_output(out, fmt)
    if mrio is not None:
        check_mrio_source(mrio, mrio, MRIO_SOURCES)  # before any data is read
    ctx = resolve_context(data, years=parse_years(years), mrio=mrio)
    if mrio is not None:
        if ctx.is_example:
            from worldsystem.core.errors import WorldsystemError

            raise WorldsystemError(
                "--mrio needs a data folder",
                field="mrio",
                value=mrio,
                hint="the example world has one table of its own; pass --data or set "
                "$WORLDSYSTEM_DATA",
            )
        ctx.require(mrio)
    if ctx.is_example:
        _err_console().print(
            "[yellow]EXAMPLE DATA[/]: no datasets configured (--data / $WORLDSYSTEM_DATA); "
            "running on the synthetic example world.",
            highlight=False,
        )
    return ctx


def _run(func, out: Path | None, fmt: str | None) -> None:
    from worldsystem.core import progress

    _check_output(out, fmt)  # before the (slow) work
    with progress.stage(_command_name()):
        result = func()
    _emit(result, out, fmt)


def _command_name() -> str:
    """``worldsystem polarity``: the path of the command that runs (for the display)."""
    try:  # as for _click_errors above
        from typer._click.globals import get_current_context
    except ImportError:  # pragma: no cover - depends on the installed typer
        from click import get_current_context

    ctx = get_current_context(silent=True)
    return ctx.command_path if ctx is not None else "worldsystem"


@app.command()
def polarity(
    data: DataOpt = None,
    years: YearsOpt = None,
    index: Annotated[
        str,
        typer.Option(
            help="composite (headline: net resources, COW military expenditure, "
            "warheads), cinc, gdp, milex (SIPRI), milex_cow, beckley, nuclear or combined.",
            parser=opts.polarity_index,
        ),
    ] = "composite",
    among: Annotated[
        str | None,
        typer.Option(
            help="candidates (fixed great powers of each era; default on real data), "
            "majors (COW major powers), all, or a number k (top k).",
            parser=opts.among,
        ),
    ] = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Per-year distribution of capabilities and the polarity call with its robustness.

    Columns: year, index, n_states, leader_iso3, leader_share, second_iso3, second_share,
    con, hhi, effective_poles, polarity ("not enough data" where the index lacks a
    candidate power), robustness (share of index x threshold combinations, among the
    indices covering the year, that agree with the call), missing, call_<index> for
    every index side by side, and for the composite the dimensions used and left out.

    Examples:

      worldsystem polarity --years 1816-2022 --out polarity.csv

      worldsystem polarity --index cinc --among 5 --format json
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    amg: str | int | None = among
    if among is not None and among.isdigit():
        amg = int(among)
    _run(lambda: workflows.polarity(ctx, index=index, among=amg), out, fmt)


@app.command()
def capabilities(
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Composite Index of National Capability (CINC) and component shares per country-year.

    Example:

      worldsystem capabilities --years 1946-2022 --out cinc.csv
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(lambda: workflows.capabilities(ctx), out, fmt)


blocs_app = typer.Typer(
    cls=_Boundary,
    help="UN voting ideal points, vote agreement, alignment and bloc communities.",
    no_args_is_help=True,
)
app.add_typer(blocs_app, name="blocs")


@blocs_app.command("ideal-points")
def blocs_ideal_points(
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    compare: Annotated[
        bool,
        typer.Option(
            "--compare",
            help="Print the agreement with the published Bailey-Strezhnev-Voeten estimates "
            "(needs unvotes/IdealpointestimatesAll_Jun2024.csv in the data folder).",
        ),
    ] = False,
    bridge: Annotated[
        str | None,
        typer.Option(
            parser=opts.ideal_bridge,
            help="How a resolution repeated across sessions is recognised: by its title "
            "(title, default), its UN description (descr), its agenda title (short), or "
            "not at all (none).",
        ),
    ] = None,
    roll_calls: Annotated[
        str | None,
        typer.Option(
            parser=opts.roll_call_set,
            help="resolutions (default: whole-resolution votes from session 40 on), strict "
            "(whole resolutions in every session) or all (amendments and paragraphs too).",
        ),
    ] = None,
    omega2: Annotated[
        str | None,
        typer.Option(
            parser=opts.positive_or("omega2", "estimate", example="0.03"),
            help="Random-walk variance per session in pooled units, or estimate (default).",
        ),
    ] = None,
    omega2_by: Annotated[
        str | None,
        typer.Option(
            parser=opts.omega2_by,
            help="One estimated random-walk variance (pooled, default) or one per country.",
        ),
    ] = None,
    omega2_cov: Annotated[
        str | None,
        typer.Option(
            parser=opts.omega2_cov,
            help="Variances behind the random-walk M-step: observed information of the "
            "votes (observed, default) or the mean-field ones (variational, the former "
            "default).",
        ),
    ] = None,
    session_prior_var: Annotated[
        str | None,
        typer.Option(
            parser=opts.positive_or("session_prior_var", "none", example="1"),
            help="Variance of a per-session N(0, v) term on every ideal point, or none "
            "(default; 1 was the former default).",
        ),
    ] = None,
    alpha_prior_var: Annotated[
        str | None,
        typer.Option(
            parser=opts.positive_or("alpha_prior_var", "none", example="25"),
            help="Prior variance of the standardised item locations (default 25), or none "
            "for the item prior's own variance (the former default).",
        ),
    ] = None,
    se: Annotated[
        str | None,
        typer.Option(
            parser=opts.ideal_se,
            help="posterior (default) or bootstrap standard errors (over roll calls).",
        ),
    ] = None,
    n_boot: Annotated[
        int | None, typer.Option(min=2, help="Bootstrap replicates with --se bootstrap (20).")
    ] = None,
) -> None:
    """Dynamic ordinal ideal points from UN General Assembly roll calls.

    Writes iso3, ccode, year, session, ideal_point, se (US positive). With --compare,
    writes instead the agreement with the published estimates (Dataverse file
    IdealpointestimatesAll_Jun2024.csv, copied into the data folder's unvotes/):
    pooled Pearson and Spearman r, median within-session and within-country r, and
    the per-session spread ratio by era.

    Examples:

      worldsystem blocs ideal-points --years 1946-2019 --out ideal_points.csv

      worldsystem blocs ideal-points --compare

      worldsystem blocs ideal-points --compare --omega2-cov variational --session-prior-var 1

    The model options are those of worldsystem.measures.blocs.ideal_points (its
    docstring gives each one's formula and source); the last example puts back two
    of the former defaults (with --alpha-prior-var none, the third). They are
    recorded in the output's provenance.
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    given = {
        "bridge": bridge,
        "roll_call_set": roll_calls,
        "omega2": omega2,
        "omega2_by": omega2_by,
        "omega2_cov": omega2_cov,
        "session_prior_var": session_prior_var,
        "alpha_prior_var": alpha_prior_var,
        "se": se,
        "n_boot": n_boot,
    }
    # an option not given keeps the library's default (the workflow's, for bridge)
    model: dict[str, Any] = {"seed": seed}
    for key, value in given.items():
        if value is None:
            continue
        if value in ("none", "estimate"):
            model[key] = None
        elif key in ("omega2", "session_prior_var", "alpha_prior_var"):
            model[key] = float(value)
        else:
            model[key] = value
    if compare:
        _run(lambda: workflows.compare_ideal_points(ctx, **model), out, fmt)
        return

    def go():
        ip = workflows.ideal_points(ctx, **model)
        cols = ["iso3", "ccode", "year", "session", "ideal_point", "se"]
        rest = [c for c in ip.columns if c not in cols]
        from worldsystem.core.provenance import carry

        return carry(ip[cols + rest], ip)

    _run(go, out, fmt)


@blocs_app.command("agreement")
def blocs_agreement(
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Share of identical votes and chance-corrected agreement for every pair per year.

    Example:

      worldsystem blocs agreement --years 2019 --out agreement.csv
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(lambda: workflows.vote_agreement(ctx), out, fmt)


@blocs_app.command("alignment")
def blocs_alignment(
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Each country's distance and agreement with the US, China and Russia, and its bloc.

    Example:

      worldsystem blocs alignment --years 1991-2019 --out alignment.csv
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(lambda: workflows.alignment(ctx), out, fmt)


@blocs_app.command("communities")
def blocs_communities(
    network: Annotated[
        str,
        typer.Option(help="alliances (ATOP defence/offence), trade or votes.", parser=opts.network),
    ] = "alliances",
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed of Louvain.")] = 0,
) -> None:
    """Seeded Louvain communities per year, labels matched across years.

    Example:

      worldsystem blocs communities --network alliances --years 1949-2018 --out blocs.csv
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(lambda: workflows.communities(ctx, network=network, seed=seed), out, fmt)


@app.command()
def position(
    data: DataOpt = None,
    years: YearsOpt = None,
    method: Annotated[
        str,
        typer.Option(
            help="all, or a comma-separated list of income_xr, income_ppp, cp_continuous, "
            "cp_three_tier, blockmodel_se, blockmodel_rege, multiplex, blockmodel_commodity "
            "(WIOD years 1995-2011; not a consensus vote).",
            parser=opts.position_method,
        ),
    ] = "all",
    agreement: Annotated[
        Path | None,
        typer.Option(
            help="Also write the method-by-method agreement (ARI, kappa) here.",
            parser=opts.output_file,
        ),
    ] = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run year batches on Dask: local (a LocalCluster on this machine) or "
            "tcp://host:port (a running scheduler). Needs the dask extra; same results.",
            parser=opts.scheduler,
        ),
    ] = None,
) -> None:
    """World-system position (core, semi-periphery, periphery) by every method.

    Writes iso3, year, method, zone, score (default years 1965-2014 on real data).
    With --method all, rows of method "consensus" follow: the consensus zone
    (income, network and multiplex families weighted equally) and, as score, the
    share of the votes agreeing with it.

    Examples:

      worldsystem position --years 1965-2014 --out position.csv --agreement agreement.csv

      worldsystem position --years 2014 --method income_xr,cp_continuous

      worldsystem position --years 1995,2005,2014 --method income_xr

      worldsystem position --years 1870-2014 --scheduler local --out position.parquet
    """
    year_list = parse_year_list(years)
    if year_list is not None:  # a list of years: the context spans them, the run takes them
        years = f"{year_list[0]}-{year_list[-1]}"
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    methods = "all" if method == "all" else [m.strip() for m in method.split(",") if m.strip()]
    res = workflows.position(ctx, methods=methods, seed=seed, scheduler=scheduler, years=year_list)
    from worldsystem.measures import position as pos

    if agreement is not None:
        from worldsystem.core.io import write_frame

        write_frame(pos.method_agreement(res), agreement)
    if method == "all":
        res = pos.with_consensus(res)
    _emit(res, out, fmt)


@app.command()
def shock(
    scenario: Annotated[
        str,
        typer.Argument(
            help="A scenario YAML file, or a shipped scenario: nord_stream, sanctions_2022, "
            "blockade."
        ),
    ],
    engine: Annotated[
        str,
        typer.Option(
            help="leontief, ghosh, inoperability, cascade, all (those four) or ces "
            "(CES substitution; prints the loss interval over the elasticities).",
            parser=opts.engine,
        ),
    ] = "all",
    data: DataOpt = None,
    mrio: MrioOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Propagate a shock scenario (a cut pipeline, sanctions, a blockade) through the engines.

    Writes iso3, sector, engine, output_change_musd, value_added_change_musd,
    gdp_share_lost (a fraction: 0.01 = 1% of the country's value added) and
    gdp_share_lost_low/_high (its range over the cut sizes a scenario's size: cites;
    equal to it when none is ranged). The four
    fixed-coefficient engines assume no substitution; ces lets the importer substitute
    other inputs for the cut products (elasticity sigma) and reports its loss at the
    low, central and high elasticity on stderr.

    Examples:

      worldsystem shock nord_stream --engine all --out nord_stream.csv

      worldsystem shock my_scenario.yaml --engine leontief

      worldsystem shock nord_stream --mrio oecd_icio   (the latest ICIO table; sectors
      mapped through the GGDC 10-group concordance)
    """
    ctx = _context(data, None, mrio, out=out, fmt=fmt)
    from worldsystem import workflows

    def go():
        res = workflows.shock(ctx, scenario, engine=engine)
        p = res.attrs.get("ces_params", {})
        for r in res.attrs.get("interval", []):
            typer.echo(
                f"ces {r['iso3']}: lambda {r['lambda']:.4f}"
                + (
                    f" (cited; the table's {r['lambda_table']:.4f})"
                    if r["lambda_table"] != r["lambda"]
                    else ""
                )
                + f", shortfall c {r['c_low']:.1%}-"
                f"{r['c_high']:.1%}; GDP lost {r['loss_low']:.3%} (sigma {p['sigma_high']:g}) - "
                f"{r['loss']:.3%} (sigma {p['sigma']:g}) - {r['loss_high']:.3%} "
                f"(sigma {p['sigma_low']:g}); sizing: {r['sizing']}",
                err=True,
            )
        return res

    _run(go, out, fmt)


dynamics_app = typer.Typer(
    cls=_Boundary,
    help="Uneven development over time: mobility, convergence, power transitions, "
    "projections and their backtest.",
    no_args_is_help=True,
)
app.add_typer(dynamics_app, name="dynamics")

TableOpt = Annotated[
    str | None, typer.Option("--table", help="Which result table to write (see the list above).")
]
SourceIncomeOpt = Annotated[
    str,
    typer.Option(
        "--source",
        help="Income source: maddison (1820-2022) or pwt (1950-2019).",
        parser=opts.income_source,
    ),
]


def _pick(tables: tuple[str, ...], table: str | None) -> str:
    """The result table asked for (checked before any data is read)."""
    from worldsystem.core.errors import WorldsystemError

    name = table or tables[0]
    if name not in tables:
        raise WorldsystemError(
            "unknown result table", field="table", value=name, hint="use " + ", ".join(tables)
        )
    return name


_MOBILITY = ("summary", "matrix", "periods", "mfpt", "homogeneity", "rank", "flows", "lasting")


@dynamics_app.command("mobility")
def dynamics_mobility(
    data: DataOpt = None,
    years: YearsOpt = None,
    method: Annotated[
        str,
        typer.Option(
            help="A position method (income_ppp, cp_continuous, ...) or bins.",
            parser=opts.mobility_method,
        ),
    ] = "income_ppp",
    step: Annotated[int, typer.Option(help="Years per transition step.")] = 5,
    split: Annotated[int, typer.Option(help="First year of the second period.")] = 1991,
    source: SourceIncomeOpt = "maddison",
    seed: Annotated[int, typer.Option(help="Random seed of the bootstrap.")] = 0,
    table: TableOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Zone transition matrices over k-year steps with bootstrap intervals and indices.

    Tables: summary (Shorrocks, Prais, determinant, second eigenvalue, ergodic
    distribution with intervals), matrix, periods (the matrix before and from
    --split), mfpt, homogeneity (periods before and after --split), rank (Kendall
    tau), flows, lasting.

    Example:

      worldsystem dynamics mobility --step 5 --table matrix --out P.csv
    """
    name = _pick(_MOBILITY, table)
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(
        lambda: workflows.mobility(
            ctx, method=method, step=step, split=split, source=source, seed=seed
        )[name],
        out,
        fmt,
    )


_CONVERGENCE = ("sigma", "beta", "kernel", "kernel_summary")


@dynamics_app.command("convergence")
def dynamics_convergence(
    data: DataOpt = None,
    years: YearsOpt = None,
    source: SourceIncomeOpt = "maddison",
    window: Annotated[int, typer.Option(help="Years of the rolling beta regression.")] = 10,
    seed: Annotated[int, typer.Option(help="Random seed of the bootstrap.")] = 0,
    table: TableOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Sigma convergence, rolling beta convergence and Quah's stochastic kernel.

    Tables: sigma, beta, kernel, kernel_summary.

    Example:

      worldsystem dynamics convergence --table beta
    """
    name = _pick(_CONVERGENCE, table)
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(
        lambda: workflows.convergence(ctx, source=source, window=window, seed=seed)[name],
        out,
        fmt,
    )


_TRANSITIONS = ("crossings", "parity", "blocs", "bloc_crossings", "bloc_parity")


@dynamics_app.command("transitions")
def dynamics_transitions(
    data: DataOpt = None,
    years: YearsOpt = None,
    index: Annotated[
        str, typer.Option(help="gdp, cinc, beckley, milex or nuclear.", parser=opts.dynamics_index)
    ] = "gdp",
    persistence: Annotated[int, typer.Option(help="Years a crossing must hold to count.")] = 3,
    countries: Annotated[
        str | None,
        typer.Option(
            help="Comma-separated ISO3 codes to compare (default: the poles, the G7, BRICS "
            "and the five largest)."
        ),
    ] = None,
    table: TableOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Power transitions: crossing years, parity spells and bloc totals on one index.

    Tables: crossings, parity, blocs, bloc_crossings, bloc_parity.

    Example:

      worldsystem dynamics transitions --index gdp --table crossings
    """
    name = _pick(_TRANSITIONS, table)
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(
        lambda: workflows.transitions(
            ctx,
            index=index,
            persistence=persistence,
            countries=[c.strip().upper() for c in countries.split(",") if c.strip()]
            if countries
            else None,
        )[name],
        out,
        fmt,
    )


_PROJECT = ("ahead", "shares", "polarity", "zones", "occupancy", "baselines", "decline")

SchedulerOpt = Annotated[
    str | None,
    typer.Option(
        help="Run member batches (project) or origins (backtest) on Dask: local (a "
        "LocalCluster) or tcp://host:port. Needs the dask extra; bit-identical results."
    ),
]


@dynamics_app.command("project")
def dynamics_project(
    data: DataOpt = None,
    years: YearsOpt = None,
    source: SourceIncomeOpt = "maddison",
    members: Annotated[int, typer.Option(help="Ensemble members.")] = 1000,
    horizon: Annotated[int, typer.Option(help="Last projected year.")] = 2050,
    seed: Annotated[int, typer.Option(help="Random seed (SeedSequence spawned per member).")] = 0,
    scheduler: SchedulerOpt = None,
    calibrate: Annotated[
        bool,
        typer.Option(
            help="Scale the shock SDs by the factor an inner backtest on the fit window picks."
        ),
    ] = True,
    table: TableOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Ensemble projection of GDP per capita and population, with P(A ahead of B).

    Tables: ahead (P(A ahead of B) by year), shares (fan-chart quantiles of world
    shares), polarity (per index, incl. CINC), zones (counts), occupancy (P(zone) per
    country and year, against the position cut points fixed at the origin), baselines.

    Example:

      worldsystem dynamics project --members 2000 --horizon 2050 --table shares
    """
    name = _pick(_PROJECT, table)
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    res = workflows.projection(
        ctx,
        source=source,
        horizon=horizon,
        members=members,
        seed=seed,
        scheduler=scheduler,
        calibrate=calibrate,
    )  # member batches are a stage of worldsystem.core.progress, shown by the root
    _emit(getattr(res, name), out, fmt)


_BACKTEST = ("scorecard", "scores", "pit", "reliability")


@dynamics_app.command("backtest")
def dynamics_backtest(
    data: DataOpt = None,
    source: SourceIncomeOpt = "maddison",
    members: Annotated[int, typer.Option(help="Ensemble members per origin.")] = 500,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    scheduler: SchedulerOpt = None,
    table: TableOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Rolling-origin backtest (1960-2000 origins) of the projections and five baselines.

    Tables: scorecard (skill of each model relative to persistence, and whether it
    beats persistence), scores, pit, reliability.

    Example:

      worldsystem dynamics backtest --table scorecard
    """
    name = _pick(_BACKTEST, table)
    ctx = _context(data, None, out=out, fmt=fmt)
    from worldsystem import workflows

    res = workflows.dynamics_backtest(
        ctx, source=source, members=members, seed=seed, scheduler=scheduler
    )  # origins are a stage of worldsystem.core.progress, shown by the root
    _emit(getattr(res, name), out, fmt)


exchange_app = typer.Typer(
    cls=_Boundary,
    help="Value flows and unequal exchange: embodied labour and value added in trade, ERDI.",
)
app.add_typer(exchange_app, name="exchange")


@exchange_app.callback(invoke_without_command=True)
def exchange(
    typer_ctx: typer.Context,
    data: DataOpt = None,
    years: YearsOpt = None,
    partition: Annotated[
        str,
        typer.Option(
            help="north-south (IMF advanced economies), position (consensus core), blocs "
            "(US side of the UN voting axis) or a CSV file with iso3,group (North/South) "
            "placing every country (a row *,South places the unlisted ones).",
            parser=opts.partition,
        ),
    ] = "north-south",
    basis: Annotated[
        str,
        typer.Option(
            help="Wage basis for valuing hours: northern, global, southern, own.",
            parser=opts.basis,
        ),
    ] = "northern",
    bilateral: Annotated[
        Path | None,
        typer.Option(help="Also write the bilateral (pair) flows here.", parser=opts.output_file),
    ] = None,
    mrio: MrioOpt = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="none (in process), local (Dask LocalCluster) or tcp://host:port.",
            parser=opts.scheduler,
        ),
    ] = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Embodied labour (hours) and value added in each region's exports and imports.

    Writes iso3, year, hours_exported, hours_imported, net_hours,
    value_added_exported_musd, value_added_imported_musd, net_transfer_musd, basis
    (net = exported - imported: positive is a drain from the region). WIOD 1995-2011
    by default; --mrio picks another input-output database.

    Examples:

      worldsystem exchange --years 1995-2011 --basis northern --out drain.csv

      worldsystem exchange --mrio exiobase --years 2019-2022

      worldsystem exchange erdi --years 1990-2014 --out erdi.csv
    """
    if typer_ctx.invoked_subcommand is not None:
        return
    ctx = _context(data, years, mrio, out=out, fmt=fmt)
    from worldsystem import workflows

    res, pairs = workflows.exchange(ctx, partition=partition, basis=basis, scheduler=scheduler)
    if bilateral is not None:
        from worldsystem.core.io import write_frame

        write_frame(pairs, bilateral)
    _emit(res, out, fmt)


@exchange_app.command("erdi")
def exchange_erdi(
    data: DataOpt = None,
    years: YearsOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Köhler's exchange-rate deviation index and the transfer on exports to the North.

    Writes iso3, year, erdi, transfer_musd, transfer_share_gdp (PWT price levels,
    COW trade to the IMF advanced economies), exports_north_musd, gdp_xr_musd, group
    (the exporter's, North or South) and south_to_north_total_musd: Köhler's
    aggregate, the transfer summed over the Southern exporters of the year (do not
    sum transfer_musd, which has Northern rows too).

    Example:

      worldsystem exchange erdi --years 1990-2014 --out erdi.csv
    """
    ctx = _context(data, years, out=out, fmt=fmt)
    from worldsystem import workflows

    _run(lambda: workflows.erdi(ctx), out, fmt)


def _parse_weights(text: str | None) -> dict[str, float] | None:
    """``"milex_share_world=2,gdp_share_world=1"`` -> mapping (None when empty)."""
    return opts.parse_weights(text) if text else None


@app.command()
def imperialism(
    data: DataOpt = None,
    years: YearsOpt = None,
    weights: Annotated[
        str | None,
        typer.Option(
            help="Composite weights as INDICATOR=NUMBER,... (default: equal weights on the "
            "nine core indicators).",
            parser=opts.weights,
        ),
    ] = None,
    draws: Annotated[int, typer.Option(help="Dirichlet weight draws for rank intervals.")] = 1000,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    mrio: MrioOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Lenin's five features and military reach: indicators, ranks and a composite.

    Input-output data enter one indicator only, net_appropriation (the drain through
    exchange), and only with --mrio SOURCE; it is not in the default composite.

    Writes iso3, year, feature, indicator, value, unit, rank, status; composite rows
    add rank_lo, rank_hi (90% interval over random weights), p_top1, p_top5.
    Indicators the bundled data cannot support appear with their needs, never guessed.

    Examples:

      worldsystem imperialism --years 2010-2020 --out imperialism.csv

      worldsystem imperialism --years 2019 --weights milex_share_world=2,gdp_share_world=1

      worldsystem imperialism --years 2005-2011 --mrio wiod2013   (adds net_appropriation)
    """
    ctx = _context(data, years, mrio, out=out, fmt=fmt)
    from worldsystem import workflows

    def go():
        return workflows.imperialism(ctx, weights=_parse_weights(weights), n_draws=draws, seed=seed)

    _run(go, out, fmt)


@app.command()
def dependence(
    country: Annotated[
        str, typer.Option(help="ISO3 of the dependent state, e.g. DEU.", parser=opts.country)
    ],
    on: Annotated[
        str,
        typer.Option(
            help="ISO3 of the partner (RUS), a list (CHN,RUS) or a group (G7).",
            parser=opts.partner,
        ),
    ],
    data: DataOpt = None,
    years: YearsOpt = None,
    sector: Annotated[
        str | None,
        typer.Option(
            help="One product, from an input-output table: its sector code (c2 = mining on "
            "WIOD) instead of total trade."
        ),
    ] = None,
    mrio: MrioOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """Import dependence of one state on a partner or bloc, year by year.

    Import share from the partner against the partner's share of world exports
    (trade intensity), the partner's rank among suppliers, supplier concentration,
    openness and imports from the partner as a share of GDP (COW trade).

    With --sector: the partner's share of the state's imports of that product in an
    input-output table (--mrio, default WIOD 2013), to its industries and final users.

    Examples:

      worldsystem dependence --country DEU --on RUS --years 1995-2014

      worldsystem dependence --country DEU --on RUS --sector c2 --mrio wiod2013
    """
    if mrio is not None and sector is None:
        from worldsystem.core.errors import WorldsystemError

        raise WorldsystemError(
            "--mrio needs --sector", field="sector", value=None, hint="e.g. --sector c2 (mining)"
        )
    ctx = _context(data, years, mrio, out=out, fmt=fmt)
    from worldsystem import workflows

    if sector is not None:
        from worldsystem.workflows.supply import supply_dependence

        _run(
            lambda: supply_dependence(ctx, country=country.upper(), on=on, sector=sector),
            out,
            fmt,
        )
        return
    _run(lambda: workflows.dependence(ctx, country=country, on=on), out, fmt)


@app.command()
def claims(
    file: Annotated[
        list[Path] | None,
        typer.Option("--file", help="A claims YAML file of your own (repeatable)."),
    ] = None,
    shipped: Annotated[
        bool | None,
        typer.Option(help="Also evaluate the shipped claims (default: only without --file)."),
    ] = None,
    data: DataOpt = None,
    years: YearsOpt = None,
    mrio: MrioOpt = None,
    out: OutOpt = None,
    fmt: FormatOpt = None,
) -> None:
    """The claims ledger: the seed documents' empirical claims tested against the data.

    Writes claim_id, source, paraphrase, verdict (supported, contradicted, mixed, not
    testable), statistic, value, data_years, caveat, and more. See
    `worldsystem.claims` for the YAML format of your own claims.

    Examples:

      worldsystem claims --out ledger.csv

      worldsystem claims --file my_claims.yaml --shipped --out ledger.json
    """
    ctx = _context(data, years, mrio, out=out, fmt=fmt)
    from worldsystem import claims as cl

    _run(lambda: cl.ledger(ctx, file or None, include_shipped=shipped), out, fmt)


# --------------------------------------------------------------------------- report
@app.command()
def report(
    data: DataOpt = None,
    out: Annotated[
        Path,
        typer.Option(
            help="Output folder: new, empty, or a previous report (replaced whole, only "
            "once the new one is complete)."
        ),
    ] = Path("report"),
    years: Annotated[
        str | None,
        typer.Option("--years", "--year", help="Years, e.g. 1990-2019 (--year 2014: one year)."),
    ] = None,
    sections: Annotated[
        str | None, typer.Option(help="Comma-separated section ids (default: all).")
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            help="html, or pdf (also prints OUT/report.pdf with headless Chromium).",
            parser=opts.report_format,
        ),
    ] = "html",
    tables: Annotated[
        bool,
        typer.Option(help="Also write the data of every figure and table under OUT/tables/."),
    ] = False,
    tables_format: Annotated[
        str,
        typer.Option(
            "--tables-format",
            help="Format of OUT/tables/: csv or parquet.",
            parser=opts.report_tables_format,
        ),
    ] = "csv",
    png: Annotated[
        bool, typer.Option(help="Also write a PNG of every figure to OUT/figures/ (Chromium).")
    ] = False,
    mrio: MrioOpt = None,
) -> None:
    """Build the self-contained HTML report (the main job).

    With no data configured it runs on the synthetic example world and says so in a
    banner.

    Examples:

      worldsystem report --out report/

      worldsystem report --data ../shared/data --out report/

      worldsystem report --format pdf --png --tables --tables-format parquet
    """
    from worldsystem.core.io import check_output_folder
    from worldsystem.report import build_report
    from worldsystem.report.build import OUTPUT_ENTRIES

    check_output_folder(out, replaceable=OUTPUT_ENTRIES)  # before any data

    # resolved here so that the terminal says EXAMPLE DATA too
    context = _context(data, years, mrio)
    path = build_report(
        out=out,
        context=context,
        sections=sections.split(",") if sections else None,
        fmt=fmt,
        tables=tables,
        tables_format=tables_format,
        png=png,
    )
    _err_console().print(f"wrote {path}", highlight=False, markup=False)


def main() -> None:
    """Entry point of the console script.

    Errors are caught once, by the root group (:class:`_Boundary`), which every
    command runs inside; see the module docstring for the exit codes.
    """
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
