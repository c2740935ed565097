"""Errors in data files and builds, with messages fit for users (Swedish first).

Every error names where the problem is: a file, a key, a column, a row. They
share the one base class :class:`areaindex.errors.AreaIndexError` with the
method, table and scoring errors (importable from here too, as before).
"""

from __future__ import annotations

from pathlib import Path

from areaindex.errors import AreaIndexError

__all__ = ["AreaIndexError", "BuildError", "SourceError"]


class SourceError(AreaIndexError):
    """A raw source file or committed data file cannot be used.

    Parameters
    ----------
    path : str or Path
        The file at fault.
    message : str
        What is wrong, in Swedish (English may follow in parentheses).
    column : str, optional
        The column at fault.
    row : int, optional
        The zero-based data row at fault (shown one-based).
    """

    def __init__(
        self,
        path: str | Path,
        message: str,
        *,
        column: str | None = None,
        row: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.column = column
        self.row = row
        self.detail = message
        where = [str(self.path)]
        if row is not None:
            where.append(f"rad {int(row) + 1}")
        if column is not None:
            where.append(f"kolumn {column!r}")
        super().__init__(f"{', '.join(where)}: {message}")


class BuildError(AreaIndexError):
    """The committed dataset failed validation; the database was not replaced."""
