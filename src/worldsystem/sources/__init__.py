"""Sources: one module per public dataset, and the catalogue.

Every loader reads the official release layout from the data directory
(``--data`` / ``$WORLDSYSTEM_DATA`` / the fetch cache), validates it and returns a
tidy frame with provenance. Only this layer touches files of third-party data
and the network.
"""

from worldsystem.sources.catalogue import SOURCE_IDS, all_info, info, load, module

__all__ = ["SOURCE_IDS", "all_info", "info", "load", "module"]
