"""Panels: harmonised country-year and dyad-year frames, and MRIO tables."""

from worldsystem.panels.mrio import MRIO

__all__ = ["MRIO"]
