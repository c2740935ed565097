"""The raw reference lists (``../shared/data/reference/``), checked for ``prepare``."""

from __future__ import annotations

from pathlib import Path

from areaindex.store.reference_lists import LIST_COLUMNS, LIST_FILES, _read_csv, list_entries


def source_lists(source: Path) -> dict[str, bytes]:
    """The raw lists (``../shared/data/reference/``), checked, as bytes to commit unchanged.

    ``prepare`` writes them to ``data/reference/`` byte for byte, so the committed
    copy can be traced to its source by its hash.

    Raises
    ------
    SourceError
        If a file is missing, lacks a column, or has an unknown year or category.
    """
    result = {}
    for list_id, name in zip(LIST_COLUMNS, LIST_FILES, strict=True):
        path = source / name
        list_entries(list_id, _read_csv(path, LIST_COLUMNS[list_id]), path)
        result[name] = path.read_bytes()
    return result
