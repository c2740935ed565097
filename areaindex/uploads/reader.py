""":func:`read_indicator_file`: a file to checked values, one per unit of the level it names."""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

import pandas as pd

from areaindex.i18n import DEFAULT_LANGUAGE, t
from areaindex.store.divisions import CITY_NAME
from areaindex.uploads.areas import _DESO_CODE, _area_index, _AreaIndex, _key
from areaindex.uploads.grids import _file_kind, _read_text, _read_xlsx, _Sheet, column_letter
from areaindex.uploads.notices import _notices
from areaindex.uploads.numbers import is_missing_marker, parse_number
from areaindex.uploads.result import DEFAULT_MAX_BYTES, UploadError, UploadResult
from areaindex.uploads.say import _LIST_LIMIT, Say
from areaindex.uploads.table import _YEAR, _Column, _find_area_column, _locate, _Table

if TYPE_CHECKING:
    from areaindex.store.dataset import Dataset


_YEAR_HEADER = re.compile(r"^(år|ar|årtal|year|period|tid)$", re.IGNORECASE)


def read_indicator_file(
    data: bytes,
    filename: str,
    dataset: Dataset,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    value_column: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> UploadResult:
    """Read an uploaded file with one row per area and a numeric column.

    Parameters
    ----------
    data : bytes
        The file's content.
    filename : str
        Its name; the extension tells Excel from text when the content cannot.
    dataset : Dataset
        The loaded dataset; its ``units`` table holds the names and ids to match.
    max_bytes : int, default 5 000 000
        Larger files are refused before they are read.
    value_column : str, optional
        The column to use (its header, or ``"kolumn B"`` for a column without
        one). By default the first numeric column right of the area column that
        is not a year column, else the first numeric column.
    lang : {"sv", "en"}, default "sv"
        The language of the messages and notices.

    Returns
    -------
    UploadResult
        The level, one value per unit of it, the columns to choose from and
        notices on what was skipped.

    Raises
    ------
    UploadError
        With a message in ``lang`` naming row, column and value: the file is too
        large, empty, an ``.xls``/``.ods``/broken workbook, has no area column,
        names unknown areas or an area twice, has no numeric column, or holds a
        value that is neither a number nor a missing marker.
    """
    data = bytes(data)  # Streamlit hands over bytes; accept any bytes-like object
    name = PurePath(str(filename)).name or t("upload.read.the_file", lang)
    say = Say(name, lang)
    kind = _check_file(data, max_bytes, say)
    index = _area_index(dataset)
    say = Say(name, lang, index.level_names)
    if kind == "xlsx":
        sheets = _read_xlsx(data, say)
        encoding = separator = None
    else:
        sheet, encoding, separator = _read_text(data, say)
        sheets = [sheet]
    table = _find_table(sheets, index, say)
    level, tied = _choose_level(table, index)
    _check_unknown(table, level, index, say)
    units = _check_duplicates(table, level, index, say)
    column, numeric = _value_column(table, units, value_column, say)
    values, missing_rows, percent = _values(table, units, column)
    series = pd.Series(values, dtype=float, name=column.name).reindex(index.order[level])
    series.index.name = "unit"
    missing_units = tuple(u for u in index.order[level] if u not in values)
    notices = _notices(
        table, level, index, column, numeric, missing_rows, missing_units, percent, say
    )
    if kind == "xlsx" and len(sheets) > 1:
        notices.insert(1, say("sheets", count=len(sheets), sheet=table.sheet.name))
    if tied:
        both = say.join([f"'{say.level(lvl)}'" for lvl in [level, *tied]])
        notices.insert(1, say("tied_levels", levels=both, level=say.level(level)))
    return UploadResult(
        level=level,
        values=series,
        value_column=column.name,
        numeric_columns=tuple(c.name for c in numeric),
        missing_units=missing_units,
        notices=tuple(notices),
        encoding=encoding,
        separator=separator,
        sheet=table.sheet.name,
    )


def _check_file(data: bytes, max_bytes: int, say: Say) -> str:
    """The file's kind (``xlsx`` or ``text``), refusing what cannot be read at all."""
    if len(data) > max_bytes:
        raise say.error(
            "too_large",
            size=say.size(len(data)),
            limit=say.size(max_bytes),
            bytes=len(data),
            limit_bytes=max_bytes,
        )
    if not data.strip(b" \t\r\n\x00") or data == codecs.BOM_UTF8:
        raise say.error("empty")
    kind = _file_kind(data, say.filename)
    if kind == "xls":
        raise say.error("xls")
    if kind in {"ods", "numbers"}:
        raise say.error("unsupported", kind=kind)
    return kind


def _find_table(sheets: Sequence[_Sheet], index: _AreaIndex, say: Say) -> _Table:
    """The table of the first sheet with an area column, its rows classified."""
    chosen = None
    for sheet in sheets:
        area = _find_area_column(sheet, index)
        if area is not None:
            chosen = (sheet, area)
            break
    if chosen is None:
        raise _no_area_column(sheets, index, say)
    table = _locate(*chosen, index)
    if table is None:
        raise _no_area_column(sheets, index, say, other_only=True)
    if table.unlabelled:
        column = table.columns[table.area]
        first = table.unlabelled[0]
        raise say.error(
            "unlabelled_one" if len(table.unlabelled) == 1 else "unlabelled_many",
            (first + 1, column.name, ""),
            rows=say.join([str(r + 1) for r in table.unlabelled]),
            column=say.column(column),
        )
    return table


def _no_area_column(
    sheets: Sequence[_Sheet], index: _AreaIndex, say: Say, *, other_only: bool = False
) -> UploadError:
    rows = [row for s in sheets for row in s.rows if any(row)]
    cells = [c for row in rows for c in row if c]
    if not cells:
        return say.error("no_values")
    hint = ""
    deso = [c for c in cells if _DESO_CODE.match(_key(c))]
    if deso:
        hint = say("hint_deso", code=deso[0])
    elif other_only or sum(
        any(index.match(c).other_kommun for c in row if c) for row in rows
    ) >= max(2, len(rows) / 2):
        hint = say("hint_other_kommun", city=CITY_NAME)
    accepted = "; ".join(f"{say.level(lvl)}: {index.examples(lvl, say)}" for lvl in index.levels)
    return say.error("no_area_column", city=CITY_NAME, hint=hint, accepted=accepted)


def _choose_level(table: _Table, index: _AreaIndex) -> tuple[str, list[str]]:
    """The level whose names match the most rows, and the levels that match as many.

    On a tie the level whose units the rows cover best wins: three rows naming
    Husie, Kirseberg and Oxie are more likely 3 of 10 stadsdelar than 3 of 14 områden.
    """
    counts = {lvl: 0 for lvl in index.levels}
    for r in table.data:
        for lvl in index.match(table.cell(r, table.area)).units:
            counts[lvl] += 1

    def rank(lvl: str) -> tuple[int, float]:
        return counts[lvl], counts[lvl] / max(len(index.order[lvl]), 1)

    ordered = sorted(index.levels, key=lambda lvl: rank(lvl), reverse=True)
    best = ordered[0]
    tied = [lvl for lvl in ordered[1:] if counts[lvl] == counts[best]]
    return best, tied


def _check_unknown(table: _Table, level: str, index: _AreaIndex, say: Say) -> None:
    """Every data row must name a unit of ``level``; list all that do not, with rows."""
    unknown = [r for r in table.data if level not in index.match(table.cell(r, table.area)).units]
    if not unknown:
        return
    parts = []
    for n, r in enumerate(unknown):
        value = table.cell(r, table.area)
        match = index.match(value)
        why = ""
        if match.units:
            other = next(iter(match.units))
            why = say("unknown_other_level", found=say.level(other), level=say.level(level))
        elif _DESO_CODE.match(_key(value)):
            why = say("unknown_deso")
        elif n < _LIST_LIMIT:  # suggestions cost time; a file of thousands needs none
            close = index.suggestion(value, level)
            if close is not None:
                why = say("unknown_suggest", name=close)
        parts.append(say("unknown_part", value=value, row=r + 1, why=why))
    column = table.columns[table.area]
    first = unknown[0]
    matched = len(table.data) - len(unknown)
    raise say.error(
        "unknown",
        (first + 1, column.name, table.cell(first, table.area)),
        count=len(unknown),
        areas=say.areas(len(unknown)),
        column=say.column(column),
        parts=", ".join(parts),
        level=say.level(level),
        matched=say.rows(matched),
        examples=index.examples(level, say),
    )


def _check_duplicates(table: _Table, level: str, index: _AreaIndex, say: Say) -> dict[int, str]:
    """Row -> unit; an area listed twice is an error naming all its rows."""
    units = {r: index.match(table.cell(r, table.area)).units[level] for r in table.data}
    rows_of: dict[str, list[int]] = {}
    for r, unit in units.items():
        rows_of.setdefault(unit, []).append(r)
    twice = {u: rs for u, rs in rows_of.items() if len(rs) > 1}
    if not twice:
        return units
    names = index.names[level]
    parts = [
        say("duplicate_part", name=names[u], rows=say.join([str(r + 1) for r in rs]))
        for u, rs in twice.items()
    ]
    if len(parts) > _LIST_LIMIT:
        parts = [*parts[:_LIST_LIMIT], say("more_areas", count=len(parts) - _LIST_LIMIT)]
    hint = ""
    first_rows = next(iter(twice.values()))
    differing = [
        c
        for c in table.columns
        if c.index != table.area
        and _label_like(table.cell(first_rows[0], c.index))
        and len({table.cell(r, c.index) for r in first_rows}) > 1
    ]
    if differing:
        hint = say("duplicate_hint", column=say.column(differing[0]))
    column = table.columns[table.area]
    raise say.error(
        "duplicates",
        (first_rows[1] + 1, column.name, table.cell(first_rows[1], table.area)),
        column=say.column(column),
        parts="; ".join(parts),
        hint=hint,
    )


def _label_like(text: str) -> bool:
    """Text or a year: what splits a long table into several rows per area."""
    return parse_number(text) is None or _YEAR.match(text) is not None


@dataclass
class _ColumnStats:
    column: _Column
    numbers: int = 0
    bad: list[int] = field(default_factory=list)
    values: set[str] = field(default_factory=set)

    @property
    def usable(self) -> bool:
        return self.numbers > 0 and not self.bad

    @property
    def numeric_like(self) -> bool:
        return self.numbers > 0 and self.numbers >= len(self.bad)

    @property
    def year_like(self) -> bool:
        """A column of years (``År``) is read as numbers but is no indicator."""
        if _YEAR_HEADER.match(self.column.name):
            return True
        return len(self.values) == 1 and all(_YEAR.match(v) for v in self.values)


def _value_column(
    table: _Table, units: dict[int, str], wanted: str | None, say: Say
) -> tuple[_Column, list[_Column]]:
    stats = []
    for column in table.columns:
        if column.index == table.area:
            continue
        stat = _ColumnStats(column)
        for r in units:
            text = table.cell(r, column.index)
            if parse_number(text) is not None:
                stat.numbers += 1
                stat.values.add(text)
            elif not is_missing_marker(text):
                stat.bad.append(r)
        stats.append(stat)
    numeric = [s.column for s in stats if s.usable]
    listing = say.join([say.column(c) for c in table.columns if c.index != table.area])
    numeric_listing = say.join([say.column(c) for c in numeric]) or say("none")
    if wanted is not None:
        # The header as written, else ignoring case, else the column letter ("C").
        for same in (
            lambda c: c.name == wanted,
            lambda c: c.name.strip().casefold() == wanted.strip().casefold(),
            lambda c: column_letter(c.index) == wanted.strip().upper(),
        ):
            stat = next((s for s in stats if same(s.column)), None)
            if stat is not None:
                break
        if stat is None:
            raise say.error(
                "no_such_column", (None, wanted, None), wanted=wanted, numeric=numeric_listing
            )
        if stat.numbers == 0:
            raise say.error(
                "not_numeric",
                (None, stat.column.name, None),
                column=say.column(stat.column),
                numeric=numeric_listing,
            )
    else:
        candidates = [s for s in stats if s.numeric_like]
        if not candidates:
            raise say.error(
                "no_numeric_column",
                area_column=say.column(table.columns[table.area]),
                columns=listing or say("none"),
                accepted=say.accepted_numbers(),
                hint=say("formula_hint") if table.sheet.name is not None else "",
            )
        preferred = (
            [s for s in candidates if s.column.index > table.area and not s.year_like]
            or [s for s in candidates if not s.year_like]
            or candidates
        )
        stat = preferred[0]
    if stat.bad:
        first = stat.bad[0]
        value = table.cell(first, stat.column.index)
        listed = ", ".join(
            say("row_value", row=r + 1, value=table.cell(r, stat.column.index)) for r in stat.bad
        )
        raise say.error(
            "bad_value",
            (first + 1, stat.column.name, value),
            row=first + 1,
            column=say.column(stat.column),
            value=value,
            more=say("bad_value_more", listed=listed) if len(stat.bad) > 1 else "",
            accepted=say.accepted_numbers(),
        )
    return stat.column, numeric


def _values(
    table: _Table, units: dict[int, str], column: _Column
) -> tuple[dict[str, float], list[int], bool]:
    """Unit -> value, the rows marked missing, and whether any value had a % sign."""
    values: dict[str, float] = {}
    missing: list[int] = []
    percent = False
    for r, unit in units.items():
        text = table.cell(r, column.index)
        number = parse_number(text)
        if number is None:
            missing.append(r)
            values[unit] = math.nan
        else:
            values[unit] = number
            percent = percent or text.endswith("%")
    return values, missing, percent
