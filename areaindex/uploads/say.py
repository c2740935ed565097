"""The reader's words in the user's language (texts: :mod:`areaindex.texts.upload_reader`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from areaindex.i18n import DEFAULT_LANGUAGE, t
from areaindex.uploads.grids import column_letter
from areaindex.uploads.result import UploadError

if TYPE_CHECKING:
    from areaindex.uploads.table import _Column


_LIST_LIMIT = 10  # items named in notices and duplicates; unknown areas are all named


class Say:
    """The reader's words in the user's language: messages, counts, lists, rows, columns.

    Parameters
    ----------
    filename : str
        The file's name, which every error names first.
    lang : {"sv", "en"}
        The user's language.
    level_names : mapping, optional
        Level id -> ``(Swedish, English)`` name, for messages naming a level.
    """

    def __init__(
        self,
        filename: str,
        lang: str = DEFAULT_LANGUAGE,
        level_names: Mapping[str, tuple[str, str]] | None = None,
    ) -> None:
        self.filename, self.lang = filename, lang
        self._levels = dict(level_names or {})

    def __call__(self, key: str, **fields: object) -> str:
        return t(f"upload.read.{key}", self.lang, **fields)

    def error(
        self,
        key: str,
        at: tuple[int | None, str | None, str | None] = (None, None, None),
        **fields: object,
    ) -> UploadError:
        """The :class:`UploadError` for message ``key``, to raise.

        ``at`` is the fault's 1-based row, column name and cell value, where known.
        """
        row, column, value = at
        return UploadError(self.filename, self(key, **fields), row=row, column=column, value=value)

    def level(self, lvl: str) -> str:
        sv, en = self._levels[lvl]
        return en if self.lang == "en" else sv

    def join(self, items: Iterable[str], last: str = "and") -> str:
        """``a, b and c`` (``last`` is ``and`` or ``or``)."""
        items = list(items)
        if len(items) <= 1:
            return "".join(items)
        return f"{', '.join(items[:-1])} {self(last)} {items[-1]}"

    def some(self, items: Sequence[str]) -> str:
        """At most ten items, then how many more."""
        if len(items) <= _LIST_LIMIT:
            return self.join(items)
        return self(
            "and_more", items=", ".join(items[:_LIST_LIMIT]), count=len(items) - _LIST_LIMIT
        )

    def count(self, n: int) -> str:
        """``12 345`` (no-break space) in Swedish, ``12,345`` in English."""
        return f"{n:,}" if self.lang == "en" else f"{n:,}".replace(",", "\u00a0")

    def rows(self, n: int) -> str:
        return self("rows_one" if n == 1 else "rows_many", count=self.count(n))

    def areas(self, n: int) -> str:
        return self("areas_one" if n == 1 else "areas_many")

    def row(self, row: int) -> str:
        """A 0-based row as a spreadsheet names it."""
        return self("row", row=row + 1)

    def row_span(self, rows: Sequence[int]) -> str:
        if len(rows) == 1:
            return self.row(rows[0])
        return self("row_range", first=rows[0] + 1, last=rows[-1] + 1)

    def column(self, column: _Column) -> str:
        """How messages name a column: by header and letter, as Excel shows it."""
        letter = column_letter(column.index)
        if column.named:
            return self("column", name=column.name, letter=letter)
        return self("unnamed_column", letter=letter)

    def size(self, size: int) -> str:
        if size >= 1_000_000:
            text = f"{size / 1_000_000:.1f} MB"
        elif size >= 1_000:
            text = f"{size / 1_000:.1f} kB"
        else:
            return f"{size} {'bytes' if self.lang == 'en' else 'byte'}"
        return text if self.lang == "en" else text.replace(".", ",")

    def accepted_numbers(self) -> str:
        return self("accepted_numbers")
