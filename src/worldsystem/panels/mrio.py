"""The multi-regional input-output table as data.

:class:`MRIO` is a small frozen dataclass: arrays and labels, nothing else. The
maths lives in :mod:`worldsystem.mrio` as functions over arrays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np

from worldsystem.core.errors import SchemaError
from worldsystem.core.provenance import Provenance

__all__ = ["MRIO"]


@dataclass(frozen=True, eq=False)
class MRIO:
    """A multi-regional input-output table for one year.

    Attributes
    ----------
    Z : ndarray, shape (n, n)
        Intermediate deliveries; ``Z[i, j]`` from row region-sector ``i`` to
        column region-sector ``j``. Rows and columns are region-major:
        index ``r * n_sectors + s``.
    Y : ndarray, shape (n, k)
        Final demand; columns are region-major final-demand categories, ``k =
        n_regions * len(fd_categories)``.
    x : ndarray, shape (n,)
        Gross output.
    regions : tuple of str
        Region codes (ISO3 where possible), in table order.
    sectors : tuple of str
        Sector codes, in table order.
    fd_categories : tuple of str
        Final-demand category codes per region.
    satellites : mapping of str to ndarray, shape (n,)
        Factor use per region-sector, e.g. ``"labour_hours"`` (hours) and
        ``"value_added"`` (same currency unit as ``Z``).
    satellite_units : mapping of str to str
        Unit of each satellite.
    year : int
    unit : str
        Monetary unit of ``Z``, ``Y`` and ``x``, e.g. ``"USD million, current"``.
    provenance : Provenance
    """

    Z: np.ndarray
    Y: np.ndarray
    x: np.ndarray
    regions: tuple[str, ...]
    sectors: tuple[str, ...]
    fd_categories: tuple[str, ...] = ("final",)
    satellites: Mapping[str, np.ndarray] = field(default_factory=dict)
    satellite_units: Mapping[str, str] = field(default_factory=dict)
    year: int | None = None
    unit: str = "USD million, current"
    provenance: Provenance = field(default_factory=Provenance)

    def __post_init__(self) -> None:
        n = len(self.regions) * len(self.sectors)
        Z = np.asarray(self.Z, dtype=float)
        Y = np.asarray(self.Y, dtype=float)
        x = np.asarray(self.x, dtype=float)
        if Y.ndim == 1:
            Y = Y[:, None]
        if Z.shape != (n, n):
            raise SchemaError(
                f"Z has shape {Z.shape}; expected ({n}, {n}) for "
                f"{len(self.regions)} regions x {len(self.sectors)} sectors",
                field="Z",
            )
        if Y.shape[0] != n:
            raise SchemaError(f"Y has {Y.shape[0]} rows; expected {n}", field="Y")
        if Y.shape[1] != len(self.regions) * len(self.fd_categories):
            raise SchemaError(
                f"Y has {Y.shape[1]} columns; expected regions x fd_categories = "
                f"{len(self.regions) * len(self.fd_categories)}",
                field="Y",
            )
        if x.shape != (n,):
            raise SchemaError(f"x has shape {x.shape}; expected ({n},)", field="x")
        sats = {}
        for name, vec in dict(self.satellites).items():
            v = np.asarray(vec, dtype=float)
            if v.shape != (n,):
                raise SchemaError(f"satellite has shape {v.shape}; expected ({n},)", field=name)
            v.setflags(write=False)
            sats[name] = v
        for arr in (Z, Y, x):
            arr.setflags(write=False)
        object.__setattr__(self, "Z", Z)
        object.__setattr__(self, "Y", Y)
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "regions", tuple(self.regions))
        object.__setattr__(self, "sectors", tuple(self.sectors))
        object.__setattr__(self, "fd_categories", tuple(self.fd_categories))
        object.__setattr__(self, "satellites", MappingProxyType(sats))
        object.__setattr__(self, "satellite_units", MappingProxyType(dict(self.satellite_units)))

    @property
    def n(self) -> int:
        """Number of region-sectors."""
        return len(self.regions) * len(self.sectors)

    @property
    def n_regions(self) -> int:
        return len(self.regions)

    @property
    def n_sectors(self) -> int:
        return len(self.sectors)

    def region_of_row(self) -> np.ndarray:
        """Region index of each row (length ``n``)."""
        return np.repeat(np.arange(self.n_regions), self.n_sectors)

    def sector_of_row(self) -> np.ndarray:
        """Sector index of each row (length ``n``)."""
        return np.tile(np.arange(self.n_sectors), self.n_regions)

    def final_demand_by_region(self) -> np.ndarray:
        """Final demand summed over categories: shape (n, n_regions)."""
        k = len(self.fd_categories)
        return self.Y.reshape(self.n, self.n_regions, k).sum(axis=2)

    def with_satellite(self, name: str, values: np.ndarray, unit: str) -> MRIO:
        """A copy with satellite ``name`` added or replaced."""
        sats = dict(self.satellites)
        sats[name] = np.asarray(values, dtype=float)
        units = dict(self.satellite_units)
        units[name] = unit
        return MRIO(
            Z=self.Z,
            Y=self.Y,
            x=self.x,
            regions=self.regions,
            sectors=self.sectors,
            fd_categories=self.fd_categories,
            satellites=sats,
            satellite_units=units,
            year=self.year,
            unit=self.unit,
            provenance=self.provenance,
        )
