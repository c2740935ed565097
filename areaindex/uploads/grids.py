"""Files to grids of text cells: CSV/text in its encoding and separator, and .xlsx workbooks."""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import PurePath
from typing import TYPE_CHECKING

from areaindex.store.divisions import CITY_NAME
from areaindex.uploads.result import UploadError

if TYPE_CHECKING:
    from areaindex.uploads.say import Say


def column_letter(index: int) -> str:
    """Spreadsheet column letter: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


# Caps against files that are small on disk but huge when read (a zipped .xlsx
# expands, a CSV of empty fields is mostly separators). Malmö has 91 RegSO; SCB's
# whole-country RegSO export has about 3 400 rows and its DeSO export about 6 000.
MAX_ROWS = 100_000
MAX_COLUMNS = 200
SEPARATORS = (";", "\t", ",")  # ties go to the first: Swedish Excel writes ';'
_SEP_HINT = re.compile(r"^sep=(\\t|[;,\t|])[ \t]*\n", re.IGNORECASE)
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx


@dataclass(frozen=True)
class _Sheet:
    """Cells as text, one list per row; ``rows[i]`` is spreadsheet row ``i + 1``."""

    rows: list[list[str]]
    name: str | None = None


def _file_kind(data: bytes, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls" or data.startswith(_OLE_MAGIC):
        return "xls"
    if suffix in {".ods", ".numbers"}:
        return suffix[1:]
    if suffix in _XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        return "xlsx"
    return "text"


def _decode(data: bytes, say: Say) -> tuple[str, str]:
    """Text and encoding: UTF-16 by its mark, else strict UTF-8, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise say.error("utf16") from exc
    try:
        text = data.decode("utf-8-sig")
        return text, "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    except UnicodeDecodeError:
        pass
    # Swedish Excel's "CSV (semikolonavgränsad)" is Windows-1252; Latin-1 takes
    # the five bytes that Windows-1252 leaves undefined, so it never fails.
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _detect_separator(lines: Sequence[str]) -> str:
    """The separator that splits the most of the first lines into one width ≥ 2."""
    best, best_score = SEPARATORS[0], 0
    for sep in SEPARATORS:
        widths = [
            len(row)
            for row in csv.reader(lines, delimiter=sep, strict=False)
            if any(cell.strip() for cell in row)
        ]
        widths = [w for w in widths if w >= 2]
        if not widths:
            continue
        mode = max(set(widths), key=lambda w: (widths.count(w), w))
        score = widths.count(mode)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_text(data: bytes, say: Say) -> tuple[_Sheet, str, str]:
    text, encoding = _decode(data, say)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise say.error("binary")
    # SCB ends lines with \r\r\n; old Mac files with \r alone.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise say.error("empty")
    hint = _SEP_HINT.match(text)
    if hint is not None:
        # Excel's "sep=;" line names the separator and is hidden when Excel opens
        # the file, so the rows are counted without it, as the user sees them.
        separator = "\t" if hint[1] == "\\t" else hint[1]
        text = text[hint.end() :]
    else:
        separator = _detect_separator(text.split("\n", 200)[:200])
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(text), delimiter=separator, strict=False):
            if len(rows) >= MAX_ROWS:
                raise _too_many_rows(say)
            rows.append([_clean(c) for c in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise say.error(
            "csv_row", (len(rows) + 1, None, None), row=len(rows) + 1, error=exc
        ) from exc
    return _Sheet(rows), encoding, separator


def _too_many_rows(say: Say) -> UploadError:
    return say.error("too_many_rows", count=say.count(MAX_ROWS), city=CITY_NAME)


def _clean(cell: str) -> str:
    return cell.replace("\ufeff", "").strip()


def _excel_text(value: object) -> str:
    """An Excel cell as the text a user would type, so one parser reads both formats."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return _clean(str(value))


def _read_xlsx(data: bytes, say: Say) -> list[_Sheet]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a pinned dependency
        raise say.error("no_excel") from exc
    sheets: list[_Sheet] = []
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores; the data is unaffected.
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl and zipfile raise many types for broken files
            raise say.error("broken_xlsx") from exc
        try:
            for sheet in book.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue  # a chart sheet
                # Dimensions recorded by other programs may be wrong; read every row.
                sheet.reset_dimensions()
                rows: list[list[str]] = []
                for row in sheet.iter_rows(min_row=1, values_only=True):
                    if len(rows) >= MAX_ROWS:
                        raise _too_many_rows(say)
                    rows.append([_excel_text(v) for v in row[:MAX_COLUMNS]])
                sheets.append(_Sheet(rows, str(sheet.title)))
        except UploadError:
            raise
        except Exception as exc:  # a broken sheet inside a readable zip
            raise say.error("broken_xlsx") from exc
        finally:
            book.close()
    if not any(any(c for c in row) for s in sheets for row in s.rows):
        raise say.error("empty_workbook")
    return sheets
