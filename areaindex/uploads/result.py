"""What the upload reader returns or raises: :class:`UploadResult`, :class:`UploadError`."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from areaindex.data_errors import AreaIndexError

DEFAULT_MAX_BYTES = 5_000_000


class UploadError(AreaIndexError):
    """An uploaded indicator file cannot be used.

    Parameters
    ----------
    filename : str
        The uploaded file's name, shown first in the message.
    message : str
        What is wrong and what would be accepted, in the user's language,
        naming the row, column and value at fault.
    row : int, optional
        The 1-based row as a spreadsheet shows it (the file's first line is 1).
    column : str, optional
        The column at fault.
    value : str, optional
        The cell value at fault.
    """

    def __init__(
        self,
        filename: str,
        message: str,
        *,
        row: int | None = None,
        column: str | None = None,
        value: str | None = None,
    ) -> None:
        self.filename = filename
        self.detail = message
        self.row = row
        self.column = column
        self.value = value
        super().__init__(f"{filename}: {message}")


@dataclass(frozen=True, eq=False)
class UploadResult:
    """A read and checked indicator file.

    Attributes
    ----------
    level : str
        The level the area names matched: ``regso``, ``omraden``, ``stadsdelar``
        or ``stadsomraden``.
    values : pandas.Series
        Unit id -> value (float) for every unit of ``level`` in display order;
        NaN where the file marks the value missing or lacks the area.
    value_column : str
        The column the values come from.
    numeric_columns : tuple of str
        Every column that holds only numbers and missing markers, in file order,
        so that the user can pick another.
    missing_units : tuple of str
        Unit ids of ``level`` that the file does not list.
    notices : tuple of str
        What the reader skipped or assumed, as sentences in the user's language.
    encoding : str or None
        The text encoding detected (``utf-8``, ``utf-8-sig``, ``utf-16``,
        ``cp1252`` or ``latin-1``); None for Excel files.
    separator : str or None
        The field separator detected (``;``, ``,`` or tab); None for Excel files.
    sheet : str or None
        The worksheet read, for Excel files.
    """

    level: str
    values: pd.Series
    value_column: str
    numeric_columns: tuple[str, ...]
    missing_units: tuple[str, ...]
    notices: tuple[str, ...]
    encoding: str | None
    separator: str | None
    sheet: str | None = None
