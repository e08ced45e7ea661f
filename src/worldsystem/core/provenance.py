"""Provenance: where a frame's numbers come from.

Every frame the project returns carries ``attrs["provenance"]``, a
:class:`Provenance` recording the sources (id, version, checksum), the methods
applied with their parameters, and the citation keys. pandas drops or keeps
``attrs`` depending on the operation, so joins inside the project go through
:func:`carry` / :func:`merged`, which set it explicitly; ``tests/unit`` checks that
it survives the operations the project uses.

Provenance objects are immutable and hashable, so pandas can compare and copy them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

import pandas as pd

__all__ = [
    "EXAMPLE_SOURCE_ID",
    "MethodRecord",
    "Provenance",
    "SourceRecord",
    "attach",
    "carry",
    "get",
    "get_units",
    "merged",
    "set_units",
]

PROVENANCE_KEY = "provenance"
UNITS_KEY = "units"
EXAMPLE_SOURCE_ID = "example"


@dataclass(frozen=True)
class SourceRecord:
    """One dataset a frame was built from.

    Attributes
    ----------
    id : str
        Catalogue id of the source, e.g. ``"cow_nmc"``.
    version : str
        Release version, e.g. ``"7.0"``.
    checksum : str or None
        SHA-256 of the file(s) read (for several files, the SHA-256 of their sorted
        ``name:sha256`` lines).
    files : tuple of str
        File names read, relative to the source folder.
    citation : str or None
        Citation key in the catalogue.
    example : bool
        True when the data is the synthetic example world, not real data.
    """

    id: str
    version: str
    checksum: str | None = None
    files: tuple[str, ...] = ()
    citation: str | None = None
    example: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "version": self.version,
            "checksum": self.checksum,
            "files": list(self.files),
            "citation": self.citation,
            "example": self.example,
        }


def _freeze(value: Any) -> Any:
    """Turn a parameter value into a hashable, JSON-friendly form."""
    if isinstance(value, Mapping):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_freeze(v) for v in value]
        return tuple(sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items)
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return repr(value)


@dataclass(frozen=True)
class MethodRecord:
    """A method applied to the data, with its parameters and citation keys."""

    name: str
    params: tuple[tuple[str, Any], ...] = ()
    citations: tuple[str, ...] = ()

    @classmethod
    def make(
        cls, name: str, params: Mapping[str, Any] | None = None, citations: Iterable[str] = ()
    ) -> MethodRecord:
        frozen = tuple(sorted((str(k), _freeze(v)) for k, v in (params or {}).items()))
        return cls(name=name, params=frozen, citations=tuple(citations))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "params": {k: _thaw(v) for k, v in self.params},
            "citations": list(self.citations),
        }


def _thaw(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_thaw(v) for v in value]
    return value


def _union(*seqs: Iterable[Any]) -> tuple[Any, ...]:
    seen: dict[Any, None] = {}
    for seq in seqs:
        for item in seq:
            seen.setdefault(item, None)
    return tuple(seen)


@dataclass(frozen=True)
class Provenance:
    """Sources, methods and citations behind a frame.

    Combine with :meth:`merge` (order-preserving union without duplicates) and
    extend with :meth:`with_method`.
    """

    sources: tuple[SourceRecord, ...] = ()
    methods: tuple[MethodRecord, ...] = ()
    citations: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def is_example(self) -> bool:
        """True when any source is the synthetic example world."""
        return any(s.example for s in self.sources)

    @property
    def source_ids(self) -> tuple[str, ...]:
        return tuple(s.id for s in self.sources)

    def merge(self, *others: Provenance) -> Provenance:
        """Union of this and ``others``, keeping first-seen order."""
        allp = (self, *others)
        return Provenance(
            sources=_union(*(p.sources for p in allp)),
            methods=_union(*(p.methods for p in allp)),
            citations=_union(*(p.citations for p in allp)),
            notes=_union(*(p.notes for p in allp)),
        )

    def with_method(
        self,
        name: str,
        params: Mapping[str, Any] | None = None,
        citations: Iterable[str] = (),
    ) -> Provenance:
        """Return a copy that also records method ``name`` with ``params``."""
        citations = tuple(citations)
        rec = MethodRecord.make(name, params, citations)
        return replace(
            self,
            methods=_union(self.methods, (rec,)),
            citations=_union(self.citations, citations),
        )

    def with_note(self, note: str) -> Provenance:
        return replace(self, notes=_union(self.notes, (note,)))

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [s.to_dict() for s in self.sources],
            "methods": [m.to_dict() for m in self.methods],
            "citations": list(self.citations),
            "notes": list(self.notes),
            "example": self.is_example,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, indent=2)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Provenance:
        sources = tuple(
            SourceRecord(
                id=s["id"],
                version=s["version"],
                checksum=s.get("checksum"),
                files=tuple(s.get("files", ())),
                citation=s.get("citation"),
                example=bool(s.get("example", False)),
            )
            for s in data.get("sources", ())
        )
        methods = tuple(
            MethodRecord.make(m["name"], m.get("params", {}), m.get("citations", ()))
            for m in data.get("methods", ())
        )
        return cls(
            sources=sources,
            methods=methods,
            citations=tuple(data.get("citations", ())),
            notes=tuple(data.get("notes", ())),
        )


def attach(obj: pd.DataFrame | pd.Series, prov: Provenance) -> pd.DataFrame | pd.Series:
    """Set ``obj.attrs["provenance"]`` to ``prov`` and return ``obj`` (in place)."""
    obj.attrs[PROVENANCE_KEY] = prov
    return obj


def get(obj: pd.DataFrame | pd.Series) -> Provenance:
    """Provenance of ``obj``; an empty :class:`Provenance` when it carries none."""
    prov = obj.attrs.get(PROVENANCE_KEY)
    if prov is None:
        return Provenance()
    if isinstance(prov, Mapping):
        return Provenance.from_dict(prov)
    return prov


def merged(*objs: pd.DataFrame | pd.Series) -> Provenance:
    """Merged provenance of several frames."""
    if not objs:
        return Provenance()
    first, *rest = (get(o) for o in objs)
    return first.merge(*rest)


def carry(result: pd.DataFrame, *inputs: pd.DataFrame) -> pd.DataFrame:
    """Attach to ``result`` the merged provenance and units of ``inputs`` (and its own)."""
    attach(result, merged(result, *inputs))
    units: dict[str, str] = {}
    for frame in (*inputs, result):
        units.update(get_units(frame))
    set_units(result, {k: v for k, v in units.items() if k in result.columns})
    return result


def set_units(df: pd.DataFrame, units: Mapping[str, str]) -> pd.DataFrame:
    """Record the units of columns in ``df.attrs["units"]`` (merged with existing ones)."""
    current = dict(df.attrs.get(UNITS_KEY, {}))
    current.update(units)
    df.attrs[UNITS_KEY] = current
    return df


def get_units(df: pd.DataFrame | pd.Series) -> dict[str, str]:
    return dict(df.attrs.get(UNITS_KEY, {}))
