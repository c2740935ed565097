"""What the reader skipped or assumed, as sentences for the user."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from areaindex.store.divisions import CITY_NAME
from areaindex.uploads.areas import _AreaIndex
from areaindex.uploads.table import _Column, _Table

if TYPE_CHECKING:
    from areaindex.uploads.say import Say


def _notices(
    table: _Table,
    level: str,
    index: _AreaIndex,
    column: _Column,
    numeric: Sequence[_Column],
    missing_rows: Sequence[int],
    missing_units: Sequence[str],
    percent: bool,
    say: Say,
) -> list[str]:
    names = index.names[level]
    n_units = len(index.order[level])
    found = n_units - len(missing_units)
    out = [
        say(
            "read_as",
            level=say.level(level),
            found=found,
            total=n_units,
            column=say.column(column),
        )
    ]
    others = [say.column(c) for c in numeric if c != column]
    if others:
        out.append(say("other_numeric", columns=say.some(others)))
    if table.above:
        out.append(
            say(
                "above",
                rows=say.rows(len(table.above)),
                span=say.row_span(table.above),
                example=_short(_first_text(table, table.above[0])),
            )
        )
    if table.footer:
        out.append(
            say(
                "footer_one" if len(table.footer) == 1 else "footer_many",
                rows=say.rows(len(table.footer)),
                span=say.row_span(table.footer),
                example=_short(_first_text(table, table.footer[0])),
            )
        )
    if table.notes:
        listed = [
            say("row_text", row=r + 1, text=_short(_first_text(table, r))) for r in table.notes
        ]
        out.append(say("notes", rows=say.some(listed)))
    if table.totals:
        listed = [
            say("row_text", row=r + 1, text=_short(table.cell(r, table.area)) or say("no_name"))
            for r in table.totals
        ]
        out.append(say("totals", rows=say.some(listed)))
    if table.other_kommun:
        first = table.other_kommun[0]
        out.append(
            say(
                "other_kommun",
                rows=say.rows(len(table.other_kommun)),
                city=CITY_NAME,
                example=_short(table.cell(first, table.area)),
                row=first + 1,
            )
        )
    renamed = [
        r for r in table.data if index.match(table.cell(r, table.area)).renamed_from is not None
    ]
    for r in renamed:
        unit = index.match(table.cell(r, table.area)).units[level]
        out.append(say("renamed", value=table.cell(r, table.area), row=r + 1, name=names[unit]))
    if missing_rows:
        parts = []
        for r in missing_rows:
            unit = index.match(table.cell(r, table.area)).units[level]
            text = table.cell(r, column.index)
            parts.append(
                say(
                    "missing_part",
                    name=names[unit],
                    row=r + 1,
                    text=repr(text) if text else say("empty_cell"),
                )
            )
        out.append(
            say(
                "missing_values",
                count=len(missing_rows),
                areas=say.areas(len(missing_rows)),
                parts=say.some(parts),
            )
        )
    if missing_units:
        out.append(
            say(
                "missing_units",
                count=len(missing_units),
                total=n_units,
                names=say.some([names[u] for u in missing_units]),
            )
        )
    if percent:
        out.append(say("percent"))
    return out


def _first_text(table: _Table, row: int) -> str:
    return next((c for c in table.sheet.rows[row] if c), "")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
