"""Where the table sits in a grid: the area column, the header, and what each row is."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from areaindex.uploads.areas import _AreaIndex, _key, _Match
from areaindex.uploads.grids import _Sheet, column_letter
from areaindex.uploads.numbers import MISSING_MARKERS, parse_number

# Rows after (or inside) the table that are notes, not data: SCB's footer and
# common spreadsheet annotations. Compared with the start of a row's first cell.
FOOTER_PREFIXES = (
    "källa",
    "source",
    "databas",
    "statistikdatabasen",
    "intern referenskod",
    "officiell statistik",
    "anm",
    "fotnot",
    "not:",
    "noter",
    "kommentar",
    "senaste uppdatering",
    "uppdaterad",
    "publicerad",
    "kontakt",
    "sort:",
    "datatyp:",
    "referenstid:",
    "enhet:",
    "förklaring",
    "definition",
    "©",
)
_YEAR = re.compile(r"^(19|20)\d{2}$")
_HEADER_WORDS = re.compile(
    r"^(område|omrade|region|regso|deso|stadsdel|stadsområde|namn|name|area|kod|code)\b"
)


@dataclass(frozen=True)
class _Column:
    index: int
    name: str
    named: bool


@dataclass
class _Table:
    """Where the data sits in a sheet and what each row is."""

    sheet: _Sheet
    area: int
    kommun: int | None
    header: int | None
    columns: list[_Column]
    data: list[int] = field(default_factory=list)  # rows naming a Malmö unit or unknown
    totals: list[int] = field(default_factory=list)
    other_kommun: list[int] = field(default_factory=list)
    unlabelled: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    above: list[int] = field(default_factory=list)
    footer: list[int] = field(default_factory=list)

    def cell(self, row: int, column: int) -> str:
        cells = self.sheet.rows[row]
        return cells[column] if column < len(cells) else ""


def _width(rows: Iterable[list[str]]) -> int:
    width = 0
    for row in rows:
        filled = [i for i, c in enumerate(row) if c]
        if filled:
            width = max(width, filled[-1] + 1)
    return width


def _find_area_column(sheet: _Sheet, index: _AreaIndex) -> int | None:
    """The column naming the most distinct units of one level (leftmost on ties).

    Distinct units rather than matching cells: a file of stadsdelar may carry the
    stadsområde of each row too, and that column repeats its five names.
    """
    best, best_score = None, 0
    for column in range(_width(sheet.rows)):
        found: dict[str, set[str]] = {}
        for text in {row[column] for row in sheet.rows if column < len(row)}:
            for lvl, unit in index.match(text).units.items():
                found.setdefault(lvl, set()).add(unit)
        score = max((len(units) for units in found.values()), default=0)
        if score > best_score:
            best, best_score = column, score
    return best


def _find_kommun_column(sheet: _Sheet, area: int, index: _AreaIndex) -> int | None:
    """A column naming the municipality (``Kommun``: ``Malmö``/``1280``), if any.

    Files covering several municipalities may name areas without the
    municipality (``Centrum``) and give it in a column of its own; rows of
    other municipalities are then skipped by that column. The column must say
    Malmö on most rows whose area is a Malmö name: a column of counts may hold
    the number 1280 too, but not on those rows.
    """
    named = [row for row in sheet.rows if area < len(row) and index.match(row[area]).units]
    for column in range(_width(sheet.rows)):
        if column == area:
            continue
        city = sum(column < len(row) and index.is_city(row[column]) for row in named)
        if city >= 2 and city >= 0.5 * len(named):
            return column
    return None


def _has_value(cells: list[str], area: int) -> bool:
    """True if a cell other than the area holds a number or a written missing marker."""
    return any(
        c and i != area and (parse_number(c) is not None or c in MISSING_MARKERS)
        for i, c in enumerate(cells)
    )


def _is_note(cells: list[str]) -> bool:
    first = next((c for c in cells if c), "")
    return _key(first).startswith(FOOTER_PREFIXES)


def _locate(sheet: _Sheet, area: int, index: _AreaIndex) -> _Table | None:
    """Find the header above the first row naming a Malmö area and classify every row."""
    rows = sheet.rows
    kommun = _find_kommun_column(sheet, area, index)

    def cell(r: int, column: int = area) -> str:
        return rows[r][column] if column < len(rows[r]) else ""

    def match(r: int) -> _Match:
        other = cell(r, kommun) if kommun is not None else ""
        # The column's own header ("Kommun", "Kommunkod") names no municipality.
        if other and not index.is_city(other) and not _key(other).startswith("kommun"):
            return _Match(other_kommun=other)
        return index.match(cell(r))

    def data_like(r: int) -> bool:
        found = match(r)
        if found.units:
            return True
        if not cell(r) or not _has_value(rows[r], area) or _header_word(cell(r)):
            return False
        # Counts of other municipalities may happen to look like years; an
        # unknown name with only years beside it is a header (";2021;2022").
        return bool(found.other_kommun or found.total) or not _years_only(rows[r], area)

    first = next((r for r in range(len(rows)) if match(r).units), None)
    if first is None:
        return None  # every area row belongs to another municipality
    # Walk up over data rows (other municipalities, totals, misspelt names) and
    # blank rows: the first other row is the header if it names a column besides
    # the area column (SCB leaves the area column's header empty), else a title.
    header: int | None = None
    r = first - 1
    while r >= 0:
        if any(rows[r]) and not data_like(r):
            if any(c for i, c in enumerate(rows[r]) if i != area):
                header = r
            break
        r -= 1
    start = r + 1
    width = max(_width(rows[start:]), area + 1)
    table = _Table(
        sheet, area, kommun, header, _columns(rows[header] if header is not None else [], width)
    )
    table.above = [i for i in range(r if header is not None else r + 1) if any(rows[i])]

    pending: list[tuple[int, str]] = []  # blank, note and unlabelled rows not yet placed
    for i in range(start, len(rows)):
        kind = _row_kind(rows[i], cell(i), match(i), area)
        if kind in {"blank", "note", "unlabelled"}:
            pending.append((i, kind))
            continue
        # A data row after them: those rows sat inside the table.
        table.notes.extend(p for p, k in pending if k == "note")
        table.unlabelled.extend(p for p, k in pending if k == "unlabelled")
        pending = []
        {"data": table.data, "other": table.other_kommun, "total": table.totals}[kind].append(i)
    # After the last data row: footer notes, and perhaps a sum row without a name.
    table.totals.extend(p for p, k in pending if k == "unlabelled")
    table.footer = [p for p, k in pending if k == "note"]
    return table


def _row_kind(cells: list[str], area_cell: str, match: _Match, area: int) -> str:
    """``data``, ``other``, ``total``, ``note``, ``unlabelled`` or ``blank``."""
    if not any(cells):
        return "blank"
    if match.units:
        return "data"
    if match.total:
        return "total"
    if _is_note(cells):
        return "note"
    valued = _has_value(cells, area)
    if not area_cell:
        return "unlabelled" if valued else "note"
    if match.other_kommun:
        return "other" if valued else "note"
    # A name that matches nothing: with a value it is data (reported as unknown),
    # without one it is prose, like SCB's contact lines.
    return "data" if valued else "note"


def _years_only(cells: list[str], area: int) -> bool:
    """True if every number beside the area cell is a year, as in ``Område;2021;2022``."""
    numbers = [c for i, c in enumerate(cells) if i != area and parse_number(c) is not None]
    return bool(numbers) and all(_YEAR.match(c) for c in numbers)


def _header_word(text: str) -> bool:
    """True for the usual headers of an area column: ``Område``, ``Region (namn)`` …"""
    return _HEADER_WORDS.match(_key(text)) is not None


def _columns(header: list[str], width: int) -> list[_Column]:
    columns: list[_Column] = []
    seen: set[str] = set()
    for i in range(width):
        name = header[i] if i < len(header) else ""
        named = bool(name)
        if not named:
            name = f"kolumn {column_letter(i)}"
        if name in seen:
            name = f"{name} ({column_letter(i)})"
        seen.add(name)
        columns.append(_Column(i, name, named))
    return columns
