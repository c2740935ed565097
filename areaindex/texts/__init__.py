"""User-facing texts, one module per feature; :func:`collect_texts` merges them.

Each module defines ``TEXTS: dict[str, tuple[str, str]]`` (key -> Swedish,
English). Modules are found automatically, so a new feature adds its own file.
"""

from __future__ import annotations

import importlib
import pkgutil


def collect_texts() -> dict[str, tuple[str, str]]:
    """Every module's ``TEXTS`` merged into one table.

    Raises
    ------
    ValueError
        If two modules define the same key.
    """
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, value in getattr(module, "TEXTS", {}).items():
            if key in merged:
                raise ValueError(f"text key {key!r} defined twice (in {info.name})")
            merged[key] = value
    return merged
