"""Exception hierarchy of worldsystem.

Every error says what was found, what was expected and how to fix it. Errors
that concern a file carry the file, the field (column) and the offending value
as attributes so that callers and tests can inspect them, and the message names
all three.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "CodeSystemError",
    "ModelError",
    "SchemaError",
    "SourceError",
    "WorldsystemError",
    "plain_lists",
    "short",
]


class WorldsystemError(Exception):
    """Base class of every error raised by worldsystem.

    Parameters
    ----------
    message
        What was found and what was expected.
    file, line, field, value
        Where the problem is: the file (or frame name), the 1-based line of
        the file, the column, and the offending value. Each is optional and,
        when given, appended to the message.
    hint
        How to fix it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: Any = None,
        line: int | None = None,
        field: str | None = None,
        value: Any = None,
        hint: str | None = None,
    ) -> None:
        self.file = None if file is None else str(file)
        self.line = None if line is None else int(line)
        self.field = field
        self.value = value
        hint = plain_lists(hint) if hint else hint
        self.hint = hint
        parts = [message]
        where = []
        if self.file is not None:
            where.append(f"file={self.file!s}")
        if self.line is not None:
            where.append(f"line={self.line}")
        if field is not None:
            where.append(f"field={field!r}")
        if value is not None:
            where.append(f"value={_short(value)}")
        if where:
            parts.append("[" + ", ".join(where) + "]")
        if hint:
            parts.append(f"Fix: {hint}")
        self.message = message
        super().__init__(" ".join(parts))


_QUOTED = r"'(?:[^'\\\n]|\\.)*'"
_PY_LIST = re.compile(rf"[\[(]\s*({_QUOTED}(?:\s*,\s*{_QUOTED})*)\s*,?\s*[\])]")


def plain_lists(text: str) -> str:
    """Python list and tuple reprs of names in ``text`` written as plain text.

    Every hint passes through this, so ``use one of ('csv', 'json')`` (a tuple put
    in an f-string) reads ``use one of csv, json``, wherever the error is raised.

    >>> plain_lists("use one of ('csv', 'parquet') or ['a']")
    'use one of csv, parquet or a'
    >>> plain_lists("give e.g. 1990-2019")
    'give e.g. 1990-2019'
    """

    def join(m: re.Match[str]) -> str:
        items = re.findall(_QUOTED, m.group(1))
        return ", ".join(i[1:-1] for i in items)

    return _PY_LIST.sub(join, str(text))


def short(value: Any, limit: int = 80) -> str:
    """``repr(value)`` cut to ``limit`` characters: how errors quote a value.

    A value read from a file can be huge (an expanded YAML alias, a whole line);
    an error quotes its start only. Containers are cut before they are fully
    rendered.

    >>> short("x" * 200, 12)
    "'xxxxxxxx..."
    """
    import reprlib

    r = reprlib.Repr()
    r.maxstring = r.maxother = limit
    r.maxlist = r.maxtuple = r.maxdict = r.maxset = 8
    r.maxlevel = 3
    text = r.repr(value) if isinstance(value, list | tuple | dict | set) else repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


_short = short


class SchemaError(WorldsystemError):
    """A frame or file does not have the expected columns, types, keys or ranges."""


class SourceError(WorldsystemError):
    """A dataset cannot be found, read, downloaded or verified."""


class CodeSystemError(WorldsystemError):
    """A country code is unknown or ambiguous in the requested code system."""


class ModelError(WorldsystemError):
    """A model cannot be computed: not productive, not converged, ill-posed."""
