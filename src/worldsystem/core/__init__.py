"""Core: errors, schema, provenance and configuration (no dependency on other layers)."""

from worldsystem.core.errors import (
    CodeSystemError,
    ModelError,
    SchemaError,
    SourceError,
    WorldsystemError,
)

__all__ = [
    "CodeSystemError",
    "ModelError",
    "SchemaError",
    "SourceError",
    "WorldsystemError",
]
