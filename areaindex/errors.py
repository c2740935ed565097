"""Exception classes shared by the index engine.

Every error the engine raises because of the user's input (a method file, a
table, a choice of weights) is a ``ValueError`` subclass carrying a Swedish
message, because the message is shown as-is in the app and in the command
line. The attributes name the file, key, column or row at fault so callers can
highlight it.
"""

from __future__ import annotations


class AreaIndexError(ValueError):
    """The one base class of errors with a message fit for users.

    Raised for the user's method, table or weights (here) and for data files
    and builds (:mod:`areaindex.data_errors`), so ``except AreaIndexError``
    catches every one of them.
    """


class MethodError(AreaIndexError):
    """A method file (TOML) is invalid.

    Attributes
    ----------
    file : str
        The file the method came from (``"<text>"`` when parsed from a string).
    key : str
        Dotted path of the offending key, e.g.
        ``"dimensions[2].indicators[0].direction"``; empty when the error
        concerns the whole file (for example a TOML syntax error).
    message : str
        Swedish explanation, possibly followed by English in parentheses.
    line : int or None
        Line number for TOML syntax errors, otherwise ``None``.
    """

    def __init__(
        self, message: str, *, file: str = "<text>", key: str = "", line: int | None = None
    ):
        self.file = file
        self.key = key
        self.message = message
        self.line = line
        where = f"{file}: {key}" if key else file
        super().__init__(f"{where}: {message}")


class TableError(AreaIndexError):
    """A data table does not fit the method (missing or non-numeric column, duplicate id ...).

    Attributes
    ----------
    column : str or None
        The column at fault.
    row : int or None
        1-based data row number (the first row after the header is 1).
    value : object or None
        The offending value, when there is one.
    message : str
        Swedish explanation.
    """

    def __init__(
        self,
        message: str,
        *,
        column: str | None = None,
        row: int | None = None,
        value: object | None = None,
    ):
        self.column = column
        self.row = row
        self.value = value
        self.message = message
        super().__init__(message)


class ScoringError(AreaIndexError):
    """The index cannot be computed with these weights or values.

    Attributes
    ----------
    dimension : str or None
        The dimension concerned, when there is one.
    message : str
        Swedish explanation.
    """

    def __init__(self, message: str, *, dimension: str | None = None):
        self.dimension = dimension
        self.message = message
        super().__init__(message)
