"""The ``add_*`` registry: :func:`panel_adder` declares what each join reads and adds.

Every ``add_*`` of :mod:`worldsystem.panels.country` and
:mod:`worldsystem.panels.dyad` is declared with::

    @panel_adder("gdp_pwt", sources=("pwt",), columns=columns.by_source("pwt"),
                 options={"source": "pwt"})
    def add_gdp(panel, *, source="maddison", data=None): ...

The decorator records an :class:`Adder` -- name, function, keyword options,
catalogue sources read, registered :class:`~worldsystem.core.columns.Column`
objects added, frame kind -- and wraps the function so that it first checks the
panel (:func:`~worldsystem.core.schema.require_kind`): a frame of another kind,
or one without the key columns, raises a
:class:`~worldsystem.core.errors.SchemaError` saying which step to run first
("run country_years() first"). Decorators can be stacked for one function with
several variants (``add_gdp`` reads Maddison, PWT or the WEO); the variants are
registered in the order they are written, top to bottom.

``country.ADDERS`` and ``build.COUNTRY_SOURCES`` / ``build.DYAD_ADDERS`` are
live read-only views of this registry (:class:`AdderView`), so a new
``@panel_adder`` appears in them without any list to keep in sync.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from worldsystem.core import columns as _columns
from worldsystem.core.columns import Column
from worldsystem.core.errors import WorldsystemError
from worldsystem.core.schema import COUNTRY_YEAR, DYAD_YEAR, FrameKind, require_kind

__all__ = ["Adder", "AdderView", "adders", "first_step", "panel_adder", "unregister"]

#: Frame kind name -> the builder to run first (named in error messages).
_FIRST: dict[str, str] = {COUNTRY_YEAR.name: "country_years()", DYAD_YEAR.name: "dyad_years()"}

_WRAPPED = "__panel_adder__"


@dataclass(frozen=True)
class Adder:
    """One registered ``add_*`` variant.

    Attributes
    ----------
    name : str
        Registry name (``"gdp_pwt"``), used by ``country_panel(adds=...)``.
    function : callable
        The (checking) ``add_*`` function.
    options : Mapping
        Keyword options selecting the variant (``{"source": "pwt"}``).
    sources : tuple of str
        Catalogue ids of the sources read.
    columns : tuple of Column
        Registered columns added to the panel, in order.
    kind : FrameKind
        Kind of the panel the function takes and returns.
    """

    name: str
    function: Callable[..., Any]
    options: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()
    columns: tuple[Column, ...] = ()
    kind: FrameKind = COUNTRY_YEAR

    @property
    def column_names(self) -> list[str]:
        """Names of :attr:`columns`."""
        return [c.name for c in self.columns]

    @property
    def units(self) -> dict[str, str]:
        """``name -> unit`` of :attr:`columns` (what the join records in ``attrs``)."""
        return _columns.units(self.columns)

    def __call__(self, panel, **kwargs: Any):
        """Apply the variant: ``function(panel, **options, **kwargs)``."""
        return self.function(panel, **{**self.options, **kwargs})


#: kind name -> registry name -> Adder (insertion order = build order)
_REGISTRY: dict[str, dict[str, Adder]] = {COUNTRY_YEAR.name: {}, DYAD_YEAR.name: {}}


def first_step(kind: FrameKind) -> str:
    """The builder that makes a frame of ``kind`` (``"country_years()"``)."""
    return _FIRST.get(kind.name, f"a {kind.name} builder")


def _ident(fn: Callable[..., Any]) -> tuple[str, str]:
    fn = getattr(fn, "__wrapped__", fn)
    return (getattr(fn, "__module__", ""), getattr(fn, "__qualname__", repr(fn)))


def _wrap(fn: Callable[..., Any], kind: FrameKind, requires: tuple[str, ...] | None):
    step = fn.__name__
    first = first_step(kind)

    @functools.wraps(fn)
    def checked(panel, *args: Any, **kwargs: Any):
        require_kind(panel, kind, step=step, first=first, columns=requires)
        return fn(panel, *args, **kwargs)

    setattr(checked, _WRAPPED, kind)
    return checked


def panel_adder(
    name: str,
    *,
    sources: Iterable[str],
    columns: Iterable[str | Column],
    options: Mapping[str, Any] | None = None,
    kind: FrameKind = COUNTRY_YEAR,
    requires: Iterable[str] | None = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register an ``add_*`` function (one variant of it) under ``name``.

    Parameters
    ----------
    name : str
        Registry name, unique within ``kind``.
    sources : iterable of str
        Catalogue ids of the sources the variant reads.
    columns : iterable of str or Column
        The registered columns the variant adds (names are looked up in
        :mod:`worldsystem.core.columns`; an unregistered name fails at import).
    options : Mapping, optional
        Keyword options of the variant, passed by :class:`Adder`.
    kind : FrameKind, default COUNTRY_YEAR
        Kind of panel the function takes.
    requires : iterable of str, optional
        Prerequisite columns checked before the join; ``kind.keys`` by default.
        Only the innermost decorator of a stack wraps the function, so give it
        there (or identically on each).

    Returns
    -------
    callable
        The decorator; it returns the function wrapped with the panel check.

    Raises
    ------
    WorldsystemError
        ``name`` is already registered for ``kind``, or stacked decorators
        disagree on the kind.
    SchemaError
        A column is not registered.
    """
    cols = _columns.select(*columns)
    srcs = tuple(sources)
    opts = MappingProxyType(dict(options or {}))
    req = None if requires is None else tuple(requires)

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        reg = _REGISTRY.setdefault(kind.name, {})
        old = reg.get(name)
        if old is not None and _ident(old.function) != _ident(fn):
            raise WorldsystemError(
                "add_* name registered twice",
                field="name",
                value=name,
                hint="give each @panel_adder variant its own name",
            )
        if old is not None:  # the same module imported again: replace the entry
            del reg[name]
        wrapped_kind = getattr(fn, _WRAPPED, None)
        if wrapped_kind is None:
            fn = _wrap(fn, kind, req)
        elif wrapped_kind != kind:
            raise WorldsystemError(
                "stacked @panel_adder decorators disagree on the frame kind",
                field="kind",
                value=kind.name,
            )
        entry = Adder(name, fn, opts, srcs, cols, kind)
        # Stacked decorators run bottom-up and all see the same wrapper: put this
        # (upper) variant before those registered so far, so the order reads top
        # to bottom.
        inner = [k for k, a in reg.items() if a.function is fn]
        items = list(reg.items())
        at = next((i for i, (k, _) in enumerate(items) if inner and k == inner[0]), len(items))
        items.insert(at, (name, entry))
        reg.clear()
        reg.update(items)
        return fn

    return decorate


def adders(kind: FrameKind = COUNTRY_YEAR) -> Mapping[str, Adder]:
    """Read-only live view ``name -> Adder`` of the registered ``add_*`` of ``kind``."""
    return MappingProxyType(_REGISTRY.setdefault(kind.name, {}))


def unregister(name: str, kind: FrameKind = COUNTRY_YEAR) -> Adder:
    """Remove ``name`` from the registry of ``kind`` and return its :class:`Adder`."""
    return _REGISTRY[kind.name].pop(name)


class AdderView(Mapping):
    """A live read-only mapping derived from the registry of one frame kind.

    Parameters
    ----------
    kind : FrameKind
    value : callable
        ``Adder -> value`` (e.g. ``lambda a: (a.function, dict(a.options))``).
    """

    def __init__(self, kind: FrameKind, value: Callable[[Adder], Any]) -> None:
        self._kind = kind
        self._value = value

    def __getitem__(self, key: str) -> Any:
        return self._value(adders(self._kind)[key])

    def __iter__(self) -> Iterator[str]:
        return iter(list(adders(self._kind)))

    def __len__(self) -> int:
        return len(adders(self._kind))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({dict(self)!r})"
