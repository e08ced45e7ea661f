"""Bounded YAML for the spec files (claims, scenarios): no bombs, no code, no surprises.

A spec file is small, hand-written YAML. :func:`compose` reads one document with
PyYAML's safe loader and refuses, with a :class:`~worldsystem.core.errors.SchemaError`
naming the file and line, anything a hand-written spec never needs and a hostile
one uses:

* more than :data:`MAX_BYTES` of text (checked before parsing);
* more than :data:`MAX_ALIASES` aliases (``*name``), and documents whose
  aliases would expand past :data:`MAX_NODES` nodes ("billion laughs": the
  composed tree shares aliased nodes, the expanded count is computed without
  expanding);
* nesting deeper than :data:`MAX_DEPTH` (20,000 ``[`` would otherwise exhaust
  the recursion of the composer);
* any tag besides YAML's plain ones (``!!python/object`` and friends);
* text that is not UTF-8 (a Latin-1 file is named, with the byte offset).

Numbers written ``1e5`` or ``2.5E-3`` are read as floats (YAML 1.2; PyYAML's
YAML 1.1 resolver reads them as text).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from worldsystem.core.errors import SchemaError

__all__ = ["MAX_ALIASES", "MAX_BYTES", "MAX_DEPTH", "MAX_NODES", "compose", "read_text"]

#: Largest spec file accepted, in bytes (the shipped ones are a few kB).
MAX_BYTES = 1_000_000
#: Most aliases (``*name``) in one document.
MAX_ALIASES = 100
#: Deepest nesting of sequences and mappings.
MAX_DEPTH = 50
#: Most nodes of the document once every alias is expanded.
MAX_NODES = 200_000

_PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
_FLOAT_12 = re.compile(
    r"""^[-+]?(?:[0-9][0-9_]*)(?:\.[0-9_]*)?[eE][-+]?[0-9]+$""",
)


def _error(what: str, source: str, line: int | None, hint: str | None = None) -> SchemaError:
    """A SchemaError naming the file and line (``err.line``), in the field ``<yaml>``."""
    where = f"{source}:{line}" if line is not None else source
    err = SchemaError(f"{what} ({where})", file=source, field="<yaml>", hint=hint)
    err.line = line
    return err


class _BoundedLoader(yaml.SafeLoader):
    """SafeLoader that counts aliases and depth while composing."""

    def __init__(self, stream: str, source: str) -> None:
        super().__init__(stream)
        self._source = source
        self._aliases = 0
        self._depth = 0

    def _refuse(self, what: str, hint: str) -> SchemaError:
        mark = self.peek_event().start_mark if self.check_event() else None
        return _error(what, self._source, mark.line + 1 if mark is not None else None, hint)

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                raise self._refuse(
                    f"more than {MAX_ALIASES} aliases",
                    "write the values out; specs need no aliases",
                )
            return super().compose_node(parent, index)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise self._refuse(
                    f"nested deeper than {MAX_DEPTH} levels", "flatten the lists and mappings"
                )
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_BoundedLoader.add_implicit_resolver("tag:yaml.org,2002:float", _FLOAT_12, list("-+0123456789"))


def read_text(path: str | os.PathLike[str], what: str = "spec") -> str:
    """The text of a spec file: at most :data:`MAX_BYTES`, UTF-8 (errors name the file)."""
    p = Path(path)
    size = p.stat().st_size
    if size > MAX_BYTES:
        raise SchemaError(
            f"the {what} file is {size:,} bytes; at most {MAX_BYTES:,} are read",
            file=p,
            hint=f"a {what} file is small hand-written YAML",
        )
    data = p.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaError(
            f"the {what} file is not UTF-8 text "
            f"(byte {exc.start}: {data[exc.start : exc.start + 1]!r})",
            file=p,
            hint="save it as UTF-8 (a Latin-1 file must be converted, e.g. with iconv)",
        ) from None


def _expanded(root: yaml.Node, source: str) -> None:
    """Refuse a tree whose expanded size passes MAX_NODES, or with a non-plain tag."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if id(node) in sizes:
            continue
        if node.tag not in _PLAIN_TAGS:
            raise _error(
                f"the tag {node.tag[:60]!r} is not allowed",
                source,
                node.start_mark.line + 1,
                "specs are plain YAML: text, numbers, lists and mappings",
            )
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = (
            [c for pair in node.value for c in pair]
            if isinstance(node, yaml.MappingNode)
            else list(node.value)
        )
        if done:
            total = 1 + sum(sizes[id(c)] for c in children)
            if total > MAX_NODES:
                raise _error(
                    f"the document expands to more than {MAX_NODES:,} values",
                    source,
                    node.start_mark.line + 1,
                    "aliases must not multiply the document",
                )
            sizes[id(node)] = total
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if id(c) not in sizes)


def compose(text: str, source: str) -> tuple[yaml.Node | None, Callable[[yaml.Node], Any]]:
    """Compose one bounded YAML document.

    Returns
    -------
    root : yaml.Node or None
        The document's node tree (None for an empty document), with line marks.
    construct : callable
        ``construct(node)`` -> the node as plain Python (safe tags only).

    Raises
    ------
    SchemaError
        Invalid YAML, or any of the bounds of this module (naming file and line).
    """
    if len(text) > MAX_BYTES:
        raise SchemaError(
            f"the document is {len(text):,} characters; at most {MAX_BYTES:,} are read",
            file=source,
            field="<yaml>",
        )
    loader = _BoundedLoader(text, source)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = str(getattr(exc, "problem", None) or exc)[:200]
        raise _error(
            f"not valid YAML: {problem}", source, line, "check the indentation and quoting"
        ) from None
    except RecursionError:  # pragma: no cover - MAX_DEPTH stops nesting first
        raise SchemaError("the document nests too deeply", file=source, field="<yaml>") from None
    if root is not None:
        _expanded(root, source)

    def construct(node: yaml.Node) -> Any:
        return loader.construct_object(node, deep=True)

    return root, construct
