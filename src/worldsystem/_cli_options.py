"""Option values of the command line, checked while the options are parsed.

Every option with a fixed set of values (``--format``, ``--index``, ``--method``,
``--basis``, ``--weights``, ``--group``...) is declared with one of the parsers
below (``typer.Option(parser=...)``), so a bad value is refused before any data is
read or the example world is built. A refusal is a
:class:`~worldsystem.core.errors.WorldsystemError` on the option's field; the CLI's
error boundary prints it as one line naming the flag (exit 1).

The allowed values come from the library (``measures.polarity.INDICES``,
``measures.position.METHODS``, ...), looked up when a value is parsed, never
when ``--help`` is shown, so the help stays fast and the two cannot drift apart.
Hints list the values as text (``use one of a, b or c``), never as a Python tuple.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from worldsystem.core.errors import WorldsystemError

__all__ = ["choice", "choices", "one_of", "parse_weights"]

Values = Iterable[str] | Callable[[], Iterable[str]]


def one_of(values: Iterable[str]) -> str:
    """``"a, b or c"``: values for a hint.

    >>> one_of(["csv", "json", "parquet"])
    'csv, json or parquet'
    >>> one_of(["all"])
    'all'
    """
    vals = [str(v) for v in values]
    return vals[0] if len(vals) == 1 else ", ".join(vals[:-1]) + " or " + vals[-1]


def _values(values: Values) -> list[str]:
    return list(values() if callable(values) else values)


def choice(field: str, values: Values, *, fold_case: bool = False, what: str | None = None):
    """A parser accepting one of ``values`` (a list, or a function giving it).

    With ``fold_case`` the match ignores case and returns the listed spelling.

    >>> parse = choice("basis", ["northern", "global"])
    >>> parse("global")
    'global'
    >>> parse("glob")
    Traceback (most recent call last):
    ...
    worldsystem.core.errors.WorldsystemError: unknown basis [field='basis', value='glob'] ...
    """

    def parse(text: str) -> str:
        vals = _values(values)
        if text in vals:
            return text
        if fold_case:
            hit = {v.casefold(): v for v in vals}.get(str(text).strip().casefold())
            if hit is not None:
                return hit
        raise WorldsystemError(
            f"unknown {what or field}", field=field, value=text, hint=f"use {one_of(vals)}"
        )

    return parse


def choices(field: str, values: Values, *, also: Iterable[str] = ()):
    """A parser of a comma-separated list of ``values`` (or one of ``also`` alone).

    >>> choices("method", ["a", "b"], also=["all"])("b, a")
    'b,a'
    """
    special = tuple(also)

    def parse(text: str) -> str:
        if text in special:
            return text
        vals = _values(values)
        items = [t.strip() for t in str(text).split(",")]
        if not any(items):
            items = [""]
        for item in items:
            if item not in vals:
                raise WorldsystemError(
                    f"unknown {field}",
                    field=field,
                    value=item,
                    hint=f"use {' or '.join(special) + ', or ' if special else ''}"
                    f"a comma-separated list of {one_of(vals)}",
                )
        return ",".join(items)

    return parse


# ------------------------------------------------------------------ output
def _table_formats():
    from worldsystem.core.io import TABLE_FORMATS

    return TABLE_FORMATS


table_format = choice("format", _table_formats, fold_case=True, what="output format")
countries_format = choice(
    "format", lambda: ("table", *_table_formats()), fold_case=True, what="output format"
)


def _report_formats():
    from worldsystem.report.build import FORMATS

    return FORMATS


def _report_table_formats():
    from worldsystem.report.build import TABLE_FORMATS

    return TABLE_FORMATS


report_format = choice("format", _report_formats, fold_case=True, what="report format")
report_tables_format = choice(
    "tables_format", _report_table_formats, fold_case=True, what="table format"
)


def output_file(text: str) -> Path:
    """An output file: its folder must exist (folders are never created for it)."""
    from worldsystem.core.io import check_output_file

    return check_output_file(Path(text))


# ------------------------------------------------------------------ measures
def _indices():
    from worldsystem.measures.polarity import INDICES

    return INDICES


def _dynamics_indices():
    from worldsystem.workflows.dynamics import DYNAMICS_INDICES

    return DYNAMICS_INDICES


def _methods():
    from worldsystem.measures.position import METHODS

    return METHODS


def _bases():
    from worldsystem.measures.exchange import BASES

    return BASES


def _networks():
    from worldsystem.workflows.blocs import NETWORKS

    return NETWORKS


def _engines():
    from worldsystem.simulate import ENGINES

    return (*ENGINES, "all", "ces")


def _income_sources():
    from worldsystem.workflows.dynamics import INCOME_SOURCES

    return tuple(INCOME_SOURCES)


polarity_index = choice("index", _indices, what="capability index")
dynamics_index = choice("index", _dynamics_indices, what="index")
position_method = choices("method", _methods, also=("all",))
mobility_method = choice("method", lambda: (*_methods(), "bins"), what="method")
basis = choice("basis", _bases, what="price basis")
network = choice("network", _networks)
engine = choice("engine", _engines)
income_source = choice("source", _income_sources, what="income source")


def among(text: str) -> str:
    """``candidates``, ``all``, ``majors`` or a positive whole number (the top k)."""
    if text in ("candidates", "all", "majors") or (text.isdigit() and int(text) > 0):
        return text
    raise WorldsystemError(
        "unknown set of states",
        field="among",
        value=text,
        hint="use candidates, majors, all or a number k",
    )


def _ideal_choices(option: str):
    def values():
        from worldsystem.measures.blocs.ideal import MODEL_CHOICES

        return MODEL_CHOICES[option]

    return values


ideal_bridge = choice("bridge", lambda: (*_ideal_choices("bridge")(), "none"), what="bridge")
roll_call_set = choice("roll_calls", _ideal_choices("roll_call_set"), what="roll-call set")
omega2_by = choice("omega2_by", _ideal_choices("omega2_by"))
omega2_cov = choice("omega2_cov", _ideal_choices("omega2_cov"))
ideal_se = choice("se", _ideal_choices("se"), what="standard error")


def positive_or(field: str, word: str, *, example: str):
    """A parser of a positive number, or ``word`` (returned as given) for the alternative.

    >>> positive_or("omega2", "estimate", example="0.03")("0.5")
    '0.5'
    >>> positive_or("omega2", "estimate", example="0.03")("-1")
    Traceback (most recent call last):
    ...
    worldsystem.core.errors.WorldsystemError: omega2 must be a positive number or ...
    """

    def parse(text: str) -> str:
        t = str(text).strip()
        if t == word:
            return t
        try:
            ok = float(t) > 0 and float(t) != float("inf")
        except ValueError:
            ok = False
        if not ok:
            raise WorldsystemError(
                f"{field} must be a positive number or '{word}'",
                field=field,
                value=text,
                hint=f"e.g. {example}, or {word}",
            )
        return t

    return parse


def scheduler(text: str) -> str:
    from worldsystem.workflows.parallel import check_scheduler

    check_scheduler(text)
    return text


def partition(text: str) -> str:
    """A named partition, or a partition file (read and checked now)."""
    from worldsystem.workflows.exchange import PARTITIONS, read_partition

    if text in PARTITIONS:
        return text
    if not Path(text).is_file():
        raise WorldsystemError(
            "unknown partition",
            field="partition",
            value=text,
            hint=f"use {', '.join(PARTITIONS)} or a CSV file with iso3,group",
        )
    read_partition(text)
    return text


def parse_weights(text: str) -> dict[str, float]:
    """``"milex_share_world=2,gdp_share_world=1"`` -> ``{name: weight}``.

    >>> parse_weights("milex_share_world=2, gdp_share_world=1")
    {'milex_share_world': 2.0, 'gdp_share_world': 1.0}
    """
    parsed: dict[str, float] = {}
    for part in str(text).split(","):
        name, sep, value = part.partition("=")
        try:
            if not sep:
                raise ValueError
            parsed[name.strip()] = float(value)
        except ValueError:
            raise WorldsystemError(
                "weights must be INDICATOR=NUMBER pairs separated by commas",
                field="weights",
                value=part,
                hint="e.g. milex_share_world=2,gdp_share_world=1",
            ) from None
    return parsed


def weights(text: str) -> str:
    """``INDICATOR=NUMBER,...`` with known, usable indicators (checked without data)."""
    from worldsystem.measures.imperialism import check_weights

    try:
        check_weights(parse_weights(text))
    except WorldsystemError as exc:
        if exc.field == "weights":
            raise
        raise WorldsystemError(
            exc.message, field="weights", value=exc.value, hint=exc.hint
        ) from None
    return text


def group(text: str) -> str:
    """A country group, matched ignoring case (``nato`` is ``NATO``)."""
    from worldsystem.countries import canonical_group

    return canonical_group(text)


_CODE = re.compile(r"[A-Za-z]{3}")


def partner(text: str) -> str:
    """An ISO3 code, a comma-separated list of them, or a group name."""
    from worldsystem.countries import groups

    if str(text).strip().casefold() in {g.casefold() for g in groups()}:
        return text
    codes = [c.strip() for c in str(text).split(",")]
    bad = [c for c in codes if not _CODE.fullmatch(c)]
    if bad:
        raise WorldsystemError(
            "not an ISO3 code, a list of them or a group",
            field="on",
            value=bad[0],
            hint=f"give e.g. RUS, CHN,RUS or a group ({one_of(groups())})",
        )
    return text


def country(text: str) -> str:
    """One ISO3 code."""
    if not _CODE.fullmatch(str(text).strip()):
        raise WorldsystemError(
            "not an ISO3 code", field="country", value=text, hint="give e.g. DEU"
        )
    return text
