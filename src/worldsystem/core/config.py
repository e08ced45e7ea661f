"""Configuration: where the data and the cache live.

Resolution order for both: explicit argument > environment variable > default.

- Data directory: ``--data DIR`` > ``WORLDSYSTEM_DATA`` > ``<cache>/data`` (where
  ``worldsystem data fetch`` puts downloaded releases, in the official layout).
- Cache directory: argument > ``WORLDSYSTEM_CACHE`` > the user cache directory
  (``platformdirs.user_cache_dir("worldsystem")``).

No function here creates directories; callers that write do so.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ENV_CACHE", "ENV_DATA", "cache_dir", "configured_data_dir", "data_dir"]

ENV_DATA = "WORLDSYSTEM_DATA"
ENV_CACHE = "WORLDSYSTEM_CACHE"


def cache_dir(path: str | os.PathLike[str] | None = None) -> Path:
    """Cache directory: ``path`` > ``$WORLDSYSTEM_CACHE`` > user cache dir."""
    if path is not None and str(path) != "":
        return Path(path).expanduser().resolve()
    env = os.environ.get(ENV_CACHE)
    if env:
        path = Path(env).expanduser().resolve()
        if path.exists() and not path.is_dir():
            from worldsystem.core.errors import SourceError

            raise SourceError(
                f"${ENV_CACHE} is not a folder",
                file=path,
                field=ENV_CACHE,
                hint=f"set ${ENV_CACHE} to a folder (it is created if missing) or unset it",
            )
        return path
    import platformdirs

    return Path(platformdirs.user_cache_dir("worldsystem")).resolve()


def configured_data_dir(path: str | os.PathLike[str] | None = None) -> Path | None:
    """The data directory given explicitly or by ``$WORLDSYSTEM_DATA``, else None."""
    if path is not None and str(path) != "":
        return Path(path).expanduser().resolve()
    env = os.environ.get(ENV_DATA)
    if env:
        return Path(env).expanduser().resolve()
    return None


def data_dir(
    path: str | os.PathLike[str] | None = None,
    *,
    cache: str | os.PathLike[str] | None = None,
) -> Path:
    """Data directory: ``path`` > ``$WORLDSYSTEM_DATA`` > ``<cache>/data``."""
    configured = configured_data_dir(path)
    if configured is not None:
        return configured
    return cache_dir(cache) / "data"
