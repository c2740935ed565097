"""Read a planner's own indicator file: one row per area, one numeric column.

Planners export tables from SCB's Statistikdatabas, from Excel or from other
systems and upload them to add an indicator to the index for one session. Real
files vary, so the reader accepts what those programs write:

- CSV/text in UTF-8 (with or without byte-order mark), UTF-16 (Excel's "Unicode
  text") or Windows-1252/Latin-1; separators ``;`` (Swedish Excel), ``,`` or tab;
  SCB's ``\\r\\r\\n`` line ends; quoted fields.
- ``.xlsx`` (and ``.xlsm``) workbooks, read with openpyxl; ``.xls``, ``.ods``
  and password-protected workbooks are refused with a message saying how to save.
- Numbers with decimal comma or point and space, no-break space or narrow
  no-break space between thousands; ``..``, ``-``, ``–`` or an empty cell for a
  missing value.
- Title lines above the header, footer notes after the data (``Källa: SCB``,
  ``Databas:``, ``Intern referenskod:``), totals rows (``Malmö``, ``Totalt``) and,
  in SCB's whole-country exports, the rows of other municipalities.
- Areas named by RegSO code (``1280R045``), by SCB label (``Malmö (RegSO-Lindängen)``),
  by name with or without ``RegSO-`` or by the name or id of an område, stadsdel
  or stadsområde, ignoring case, accents-as-ASCII and the kind of dash.

Every problem raises :class:`UploadError` with a Swedish message that names the
row (as a spreadsheet shows it: the first line of the file is row 1), the column
and the value, and says what would be accepted. Nothing here imports Streamlit.
"""

from __future__ import annotations

import codecs
import csv
import difflib
import functools
import io
import math
import re
import unicodedata
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import PurePath
from typing import TYPE_CHECKING

import pandas as pd

from areaindex.data_errors import AreaIndexError
from areaindex.divisions import CITY_NAME, CITY_UNIT, LEVEL_IDS, slug
from areaindex.divisions import level as division_level
from areaindex.regso import RENAMED_2020_TO_2025

if TYPE_CHECKING:
    from areaindex.dataset import Dataset

DEFAULT_MAX_BYTES = 5_000_000
# Caps against files that are small on disk but huge when read (a zipped .xlsx
# expands, a CSV of empty fields is mostly separators). Malmö has 91 RegSO; SCB's
# whole-country RegSO export has about 3 400 rows and its DeSO export about 6 000.
MAX_ROWS = 100_000
MAX_COLUMNS = 200

CITY_CODE = CITY_UNIT  # Malmö's municipality code, the prefix of its RegSO codes
MISSING_MARKERS = frozenset({"", ".", "..", "...", "-", "–", "—", "−"})
SEPARATORS = (";", "\t", ",")  # ties go to the first: Swedish Excel writes ';'
ACCEPTED_NUMBERS = (
    "tal som 12,5, 12.5, 12 345 eller 1 234,5 (även med %), "
    "eller '..', '-', '–' eller tom cell för saknat värde"
)

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
_TOTAL_LABEL = re.compile(
    r"^(?:totalt?|summa|sum|samtliga|alla|hela|riket|sverige|medel(?:värde)?|"
    r"genomsnitt|median|skåne(?: län)?)\b"
)
_REGSO_CODE = re.compile(r"^(\d{4})r\d{3}\b")
_DESO_CODE = re.compile(r"^(\d{4})[abc]\d{4}\b")
_SEP_HINT = re.compile(r"^sep=(\\t|[;,\t|])[ \t]*\n", re.IGNORECASE)
_KOMMUN_CODE = re.compile(r"^(\d{4})\s+\D.*$")  # "1281 Lund", SCB's code-and-name
_REGION_LABEL = re.compile(r"^(?P<kommun>[^()]+?)\s*\((?P<area>.+)\)$")
_DASHES = re.compile(r"\s*[-‐‑‒–—−]\s*")
_YEAR = re.compile(r"^(19|20)\d{2}$")
_HEADER_WORDS = re.compile(
    r"^(område|omrade|region|regso|deso|stadsdel|stadsområde|namn|name|area|kod|code)\b"
)
_YEAR_HEADER = re.compile(r"^(år|ar|årtal|year|period|tid)$", re.IGNORECASE)
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls and password-protected .xlsx
_LIST_LIMIT = 10  # items named in notices and duplicates; unknown areas are all named


class UploadError(AreaIndexError):
    """An uploaded indicator file cannot be used.

    Parameters
    ----------
    filename : str
        The uploaded file's name, shown first in the message.
    message : str
        What is wrong and what would be accepted, in Swedish (English may
        follow in parentheses), naming the row, column and value at fault.
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
        What the reader skipped or assumed, as Swedish sentences for the user.
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


# --------------------------------------------------------------------------- numbers


@functools.lru_cache(maxsize=65_536)
def parse_number(text: str) -> float | None:
    """Read a number as Swedish and English spreadsheets write it.

    Parameters
    ----------
    text : str
        A cell, e.g. ``"12,5"``, ``"12.5"``, ``"12 345"``, ``"1 234,5"``,
        ``"−3"``, ``"1,5E+03"`` or ``"12,5 %"`` (the percent sign is dropped:
        the number stays 12.5).

    Returns
    -------
    float or None
        The value, or None when the text is no (finite) number. Missing-value
        markers are not numbers either; see :data:`MISSING_MARKERS`.
    """
    t = text.strip()
    if t.endswith("%"):
        t = t[:-1].rstrip()
    if not t:
        return None
    sign = ""
    if t[0] in "+-−":
        sign = "-" if t[0] != "+" else ""
        t = t[1:].lstrip()
    match = re.fullmatch(r"(?P<num>[\d.,\s]+?)(?:[eE](?P<exp>[+-]?\d+))?", t)
    if match is None:
        return None
    num, exponent = match["num"], match["exp"] or "0"
    plain = _plain_digits(num)
    if plain is None:
        return None
    try:
        value = float(f"{sign}{plain}e{exponent}")
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _plain_digits(num: str) -> str | None:
    """``"1 234,5"`` -> ``"1234.5"``; None unless thousands come in groups of three.

    A single comma or point is the decimal mark: ``"1,234"`` is 1.234, as a Swedish
    reader takes it. Both marks, or one repeated, separate thousands
    (``"1.234,5"``, ``"1,234.5"``, ``"1.234.567"``).
    """
    if re.search(r"\s", num):
        # Space as thousands separator: only between groups of three digits, so
        # that a typo such as "12 5" is reported rather than read as 125.
        match = re.fullmatch(r"(\d{1,3}(?:\s\d{3})+)([.,]\d+)?", num)
        if match is None:
            return None
        return re.sub(r"\s", "", match[1]) + (match[2] or "").replace(",", ".")
    if "," in num and "." in num:
        decimal = "," if num.rfind(",") > num.rfind(".") else "."
        group = "." if decimal == "," else ","
        match = re.fullmatch(
            rf"(\d{{1,3}}(?:{re.escape(group)}\d{{3}})+)({re.escape(decimal)}\d+)?", num
        )
        if match is None:
            return None
        return match[1].replace(group, "") + (match[2] or "").replace(decimal, ".")
    for mark in (",", "."):
        count = num.count(mark)
        if count == 1:
            whole, frac = num.split(mark)
            if not (whole or frac) or not (whole + frac).isdigit():
                return None
            return f"{whole or '0'}.{frac or '0'}"
        if count > 1:
            match = re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})+", num)
            return num.replace(mark, "") if match else None
    return num if num.isdigit() else None


def is_missing_marker(text: str) -> bool:
    """True for the cells that mean "no value": ``..``, ``-``, ``–`` or empty."""
    return text.strip() in MISSING_MARKERS


# --------------------------------------------------------------------------- area names


def _key(text: str) -> str:
    """Matching key: Unicode-normalised, case-folded, one kind of dash, single spaces."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = " ".join(text.split())
    return _DASHES.sub("-", text).strip()


def _strip_prefix(key: str) -> str:
    return key[len("regso-") :].strip() if key.startswith("regso-") else key


@dataclass(frozen=True)
class _Match:
    """What one area cell names."""

    units: dict[str, str] = field(default_factory=dict)  # level -> unit id
    total: bool = False  # Malmö as a whole, "Totalt", "Summa", the country …
    other_kommun: str | None = None  # the municipality, for rows outside Malmö
    renamed_from: str | None = None  # a RegSO's pre-2025 name


# (level, unit, name, order) rows of the units table, and (level, name) pairs.
_UnitRows = tuple[tuple[str, str, str, int], ...]
_LevelNames = tuple[tuple[str, str], ...]


def _area_index(dataset: Dataset) -> _AreaIndex:
    """The dataset's area index, built once per distinct units table."""
    units = dataset.units
    rows: _UnitRows = tuple(
        (str(lvl), str(unit), str(name), int(order))
        for lvl, unit, name, order in zip(
            units["level"], units["unit"], units["name"], units["unit_order"], strict=True
        )
    )
    levels = tuple((lvl, _level_name(dataset, lvl)) for lvl in LEVEL_IDS)
    return _cached_area_index(rows, levels)


@functools.lru_cache(maxsize=4)
def _cached_area_index(rows: _UnitRows, level_names: _LevelNames) -> _AreaIndex:
    return _AreaIndex(rows, dict(level_names))


class _AreaIndex:
    """Every accepted spelling of every unit, per level, built from the units table."""

    def __init__(self, rows: _UnitRows, level_names: dict[str, str]) -> None:
        present = {lvl for lvl, _, _, _ in rows}
        self.levels = tuple(lvl for lvl in LEVEL_IDS if lvl in present)
        self.names: dict[str, dict[str, str]] = {}
        self.order: dict[str, list[str]] = {}
        for lvl, unit, name, _ in rows:
            self.names.setdefault(lvl, {})[unit] = name
        for lvl in self.names:
            ranked = sorted((order, unit) for level, unit, _, order in rows if level == lvl)
            self.order[lvl] = [unit for _, unit in ranked]
        self.level_names = {lvl: level_names[lvl] for lvl in self.levels}
        self.exact: dict[str, dict[str, str]] = {}
        self.loose: dict[str, dict[str, str]] = {}
        for lvl in self.levels:
            exact: dict[str, set[str]] = {}
            loose: dict[str, set[str]] = {}
            for unit, name in self.names[lvl].items():
                for spelling in (unit, name):
                    exact.setdefault(_strip_prefix(_key(spelling)), set()).add(unit)
                    loose.setdefault(slug(spelling), set()).add(unit)
            # A spelling shared by two units of one level identifies neither.
            self.exact[lvl] = {k: next(iter(u)) for k, u in exact.items() if len(u) == 1}
            self.loose[lvl] = {k: next(iter(u)) for k, u in loose.items() if len(u) == 1 and k}
        self.renamed: dict[str, str] = {}
        if "regso" in self.levels:
            by_name = {_key(n): u for u, n in self.names["regso"].items()}
            for old, new in RENAMED_2020_TO_2025.get(CITY_CODE, {}).items():
                if _key(new) in by_name and _key(old) not in self.exact["regso"]:
                    self.renamed[_key(old)] = by_name[_key(new)]
        self.city = {_key(CITY_NAME)} | {_key(n) for n in self.names.get("kommun", {}).values()}
        self._cache: dict[str, _Match] = {}

    def match(self, cell: str) -> _Match:
        """What ``cell`` names (cached: files repeat few distinct names)."""
        found = self._cache.get(cell)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()  # the index outlives a call; keep its memory bounded
            found = self._cache[cell] = self._match(cell)
        return found

    def _match(self, cell: str) -> _Match:
        key = _key(cell)
        if not key:
            return _Match()
        forms = [key]
        code = _REGSO_CODE.match(key) or _DESO_CODE.match(key)
        if code is not None and code[1] != CITY_CODE:
            return _Match(other_kommun=code[1])
        label_text = key
        if _REGSO_CODE.match(key):
            # "1280R045 Malmö (RegSO-Lindängen)", PxWeb's "code and text" export
            forms.insert(0, key[:8])
            label_text = key[8:].strip()
        label = _REGION_LABEL.match(label_text)
        other_kommun = None
        if label is not None:
            if label["kommun"].strip() in self.city:
                forms.append(label["area"].strip())
            else:
                other_kommun = label["kommun"].strip()
        units = self._lookup(forms)
        if units:
            return _Match(units=units)
        for form in forms:
            unit = self.renamed.get(_strip_prefix(form))
            if unit is not None:
                return _Match(units={"regso": unit}, renamed_from=cell.strip())
        if self._is_total(key):
            return _Match(total=True)
        kommun_code = _KOMMUN_CODE.match(key)
        if kommun_code is not None and kommun_code[1] != CITY_CODE:
            return _Match(other_kommun=kommun_code[1])
        # "Lund (Centrum)": another municipality's area, skipped with a notice.
        return _Match(other_kommun=other_kommun)

    def _lookup(self, forms: Sequence[str]) -> dict[str, str]:
        bare = [_strip_prefix(form) for form in forms]
        slugs = [slug(b) for b in bare]  # once per cell: slug() is the costly step
        units: dict[str, str] = {}
        for lvl in self.levels:
            for exact, loose in zip(bare, slugs, strict=True):
                unit = self.exact[lvl].get(exact) or self.loose[lvl].get(loose)
                if unit is not None:
                    units[lvl] = unit
                    break
        return units

    def _is_total(self, key: str) -> bool:
        return _TOTAL_LABEL.match(key) is not None or self.is_city(key)

    def is_city(self, text: str) -> bool:
        """True for Malmö as a whole: ``Malmö``, ``Malmö kommun``, ``1280``, ``1280 Malmö``."""
        key = _key(text)
        words = key.replace("(", " ").replace(")", " ").split()
        coded = bool(words) and words[0] == CITY_CODE
        named = words[1:] if coded else words
        rest = " ".join(w for w in named if w not in {"kommun", "stad", "totalt", "total", "hela"})
        return rest in self.city or (coded and not rest)

    def examples(self, lvl: str) -> str:
        """A few accepted spellings for ``lvl``, for error messages."""
        names = [self.names[lvl][u] for u in self.order[lvl][:3]]
        if lvl == "regso":
            code = self.order[lvl][0]
            name = self.names[lvl][code]
            return (
                f"RegSO-koder som '{code}' eller namn som '{name}', 'RegSO-{name}' "
                f"eller '{CITY_NAME} (RegSO-{name})'"
            )
        return "namn eller id som " + _join_sv([f"'{n}'" for n in names], "eller")

    def suggestion(self, cell: str, lvl: str) -> str | None:
        """The name of ``lvl`` closest to ``cell``, if any is close."""
        names = list(self.names[lvl].values())
        keys = {_strip_prefix(_key(n)): n for n in names}
        key = _key(cell)
        label = _REGION_LABEL.match(key)
        key = _strip_prefix(label["area"].strip() if label else key)
        close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75)
        return keys[close[0]] if close else None


def _level_name(dataset: Dataset, lvl: str) -> str:
    try:
        return dataset.level(lvl).name_sv
    except KeyError:
        return division_level(lvl).name_sv


# --------------------------------------------------------------------------- grids


@dataclass(frozen=True)
class _Sheet:
    """Cells as text, one list per row; ``rows[i]`` is spreadsheet row ``i + 1``."""

    rows: list[list[str]]
    name: str | None = None


def _size_text(size: int) -> str:
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB".replace(".", ",")
    return f"{size} byte"


def _file_kind(data: bytes, filename: str) -> str:
    suffix = PurePath(filename).suffix.lower()
    if suffix == ".xls" or data.startswith(_OLE_MAGIC):
        return "xls"
    if suffix in {".ods", ".numbers"}:
        return suffix[1:]
    if suffix in _XLSX_SUFFIXES or data.startswith(_ZIP_MAGIC):
        return "xlsx"
    return "text"


def _decode(data: bytes, filename: str) -> tuple[str, str]:
    """Text and encoding: UTF-16 by its mark, else strict UTF-8, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UploadError(
                filename,
                "filen ser ut att vara UTF-16 men går inte att avkoda; spara den som CSV "
                "UTF-8 (cannot decode UTF-16).",
            ) from exc
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


def _read_text(data: bytes, filename: str) -> tuple[_Sheet, str, str]:
    text, encoding = _decode(data, filename)
    text = text.lstrip("\ufeff")
    if "\x00" in text:
        raise UploadError(
            filename,
            "filen är varken text (CSV) eller en Excel-arbetsbok (.xlsx) "
            "(not a text or Excel file). Spara den som CSV eller .xlsx.",
        )
    # SCB ends lines with \r\r\n; old Mac files with \r alone.
    text = text.replace("\r\r\n", "\n").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UploadError(filename, "filen är tom (empty file).")
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
                raise UploadError(filename, _too_many_rows())
            rows.append([_clean(c) for c in row[:MAX_COLUMNS]])
    except csv.Error as exc:
        raise UploadError(
            filename,
            f"rad {len(rows) + 1} kan inte läsas som CSV ({exc}). Kontrollera citattecknen "
            "eller spara filen på nytt som CSV (cannot parse CSV).",
            row=len(rows) + 1,
        ) from exc
    return _Sheet(rows), encoding, separator


def _too_many_rows() -> str:
    return (
        f"filen har fler än {_count(MAX_ROWS)} rader; en fil med en rad per område i Malmö "
        "är betydligt mindre (too many rows)."
    )


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


def _read_xlsx(data: bytes, filename: str) -> list[_Sheet]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a pinned dependency
        raise UploadError(
            filename, "Excel-filer kan inte läsas här; spara filen som CSV (no openpyxl)."
        ) from exc
    broken = (
        "filen kan inte läsas som Excel-arbetsbok (.xlsx); den är skadad eller har fel "
        "filändelse. Öppna den i Excel och spara som .xlsx eller CSV (broken Excel file)."
    )
    sheets: list[_Sheet] = []
    with warnings.catch_warnings():
        # openpyxl warns about styles and extensions it ignores; the data is unaffected.
        warnings.simplefilter("ignore")
        try:
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl and zipfile raise many types for broken files
            raise UploadError(filename, broken) from exc
        try:
            for sheet in book.worksheets:
                if not hasattr(sheet, "iter_rows"):
                    continue  # a chart sheet
                # Dimensions recorded by other programs may be wrong; read every row.
                sheet.reset_dimensions()
                rows: list[list[str]] = []
                for row in sheet.iter_rows(min_row=1, values_only=True):
                    if len(rows) >= MAX_ROWS:
                        raise UploadError(filename, _too_many_rows())
                    rows.append([_excel_text(v) for v in row[:MAX_COLUMNS]])
                sheets.append(_Sheet(rows, str(sheet.title)))
        except UploadError:
            raise
        except Exception as exc:  # a broken sheet inside a readable zip
            raise UploadError(filename, broken) from exc
        finally:
            book.close()
    if not any(any(c for c in row) for s in sheets for row in s.rows):
        raise UploadError(filename, "arbetsboken är tom (empty workbook).")
    return sheets


# --------------------------------------------------------------------------- the table


def _letter(index: int) -> str:
    """Spreadsheet column letter: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class _Column:
    index: int
    name: str
    named: bool

    @property
    def ref(self) -> str:
        """How messages name the column: by header and letter, as Excel shows it."""
        return f"kolumn '{self.name}' ({_letter(self.index)})" if self.named else self.name


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
            name = f"kolumn {_letter(i)}"
        if name in seen:
            name = f"{name} ({_letter(i)})"
        seen.add(name)
        columns.append(_Column(i, name, named))
    return columns


# --------------------------------------------------------------------------- reading


def read_indicator_file(
    data: bytes,
    filename: str,
    dataset: Dataset,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    value_column: str | None = None,
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

    Returns
    -------
    UploadResult
        The level, one value per unit of it, the columns to choose from and
        notices on what was skipped.

    Raises
    ------
    UploadError
        With a Swedish message naming row, column and value: the file is too
        large, empty, an ``.xls``/``.ods``/broken workbook, has no area column,
        names unknown areas or an area twice, has no numeric column, or holds a
        value that is neither a number nor a missing marker.
    """
    data = bytes(data)  # Streamlit hands over bytes; accept any bytes-like object
    name = PurePath(str(filename)).name or "filen"
    kind = _check_file(data, name, max_bytes)
    index = _area_index(dataset)
    if kind == "xlsx":
        sheets = _read_xlsx(data, name)
        encoding = separator = None
    else:
        sheet, encoding, separator = _read_text(data, name)
        sheets = [sheet]
    table = _find_table(sheets, index, name)
    level, tied = _choose_level(table, index)
    _check_unknown(table, level, index, name)
    units = _check_duplicates(table, level, index, name)
    column, numeric = _value_column(table, units, value_column, name)
    values, missing_rows, percent = _values(table, units, column)
    series = pd.Series(values, dtype=float, name=column.name).reindex(index.order[level])
    series.index.name = "unit"
    missing_units = tuple(u for u in index.order[level] if u not in values)
    notices = _notices(table, level, index, column, numeric, missing_rows, missing_units, percent)
    if kind == "xlsx" and len(sheets) > 1:
        notices.insert(
            1,
            f"Arbetsboken har {len(sheets)} blad; bladet '{table.sheet.name}' lästes, "
            "det första med områdesnamn.",
        )
    if tied:
        both = _join_sv([f"'{index.level_names[lvl]}'" for lvl in [level, *tied]])
        notices.insert(
            1,
            f"Namnen i filen finns i både {both}; filen tolkas som "
            f"'{index.level_names[level]}', där de täcker störst del av områdena.",
        )
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


def _check_file(data: bytes, name: str, max_bytes: int) -> str:
    """The file's kind (``xlsx`` or ``text``), refusing what cannot be read at all."""
    if len(data) > max_bytes:
        raise UploadError(
            name,
            f"filen är {_size_text(len(data))} men får vara högst {_size_text(max_bytes)} "
            f"(file too large: {len(data)} > {max_bytes} bytes). Ta bort kolumner och rader "
            "som inte behövs, eller spara bara ett blad.",
        )
    if not data.strip(b" \t\r\n\x00") or data == codecs.BOM_UTF8:
        raise UploadError(name, "filen är tom (empty file).")
    kind = _file_kind(data, name)
    if kind == "xls":
        raise UploadError(
            name,
            "gamla Excel-filer (.xls) och lösenordsskyddade arbetsböcker kan inte läsas "
            "(.xls not supported). Öppna filen i Excel och spara som 'Excel-arbetsbok "
            "(.xlsx)' utan lösenord, eller som 'CSV UTF-8'.",
        )
    if kind in {"ods", "numbers"}:
        raise UploadError(
            name,
            f".{kind}-filer kan inte läsas (not supported). Spara filen som "
            "'Excel-arbetsbok (.xlsx)' eller som CSV.",
        )
    return kind


def _find_table(sheets: Sequence[_Sheet], index: _AreaIndex, name: str) -> _Table:
    """The table of the first sheet with an area column, its rows classified."""
    chosen = None
    for sheet in sheets:
        area = _find_area_column(sheet, index)
        if area is not None:
            chosen = (sheet, area)
            break
    if chosen is None:
        raise UploadError(name, _no_area_column(sheets, index))
    table = _locate(*chosen, index)
    if table is None:
        raise UploadError(name, _no_area_column(sheets, index, other_only=True))
    if table.unlabelled:
        column = table.columns[table.area]
        first = table.unlabelled[0]
        rows = _join_sv([str(r + 1) for r in table.unlabelled])
        raise UploadError(
            name,
            f"{'rad' if len(table.unlabelled) == 1 else 'raderna'} {rows} har värden men "
            f"inget område i {column.ref} (row without area). Skriv områdets namn eller kod "
            "i cellen, eller ta bort raden.",
            row=first + 1,
            column=column.name,
            value="",
        )
    return table


def _no_area_column(
    sheets: Sequence[_Sheet], index: _AreaIndex, *, other_only: bool = False
) -> str:
    rows = [row for s in sheets for row in s.rows if any(row)]
    cells = [c for row in rows for c in row if c]
    if not cells:
        return "filen innehåller inga värden (empty file)."
    hint = ""
    deso = [c for c in cells if _DESO_CODE.match(_key(c))]
    if deso:
        hint = (
            f" Filen har DeSO-koder (t.ex. '{deso[0]}'); DeSO kan inte läggas till direkt. "
            "Summera värdena till RegSO först."
        )
    elif other_only or sum(
        any(index.match(c).other_kommun for c in row if c) for row in rows
    ) >= max(2, len(rows) / 2):
        hint = f" Filen verkar bara ha områden i andra kommuner än {CITY_NAME}."
    accepted = "; ".join(f"{index.level_names[lvl]}: {index.examples(lvl)}" for lvl in index.levels)
    return (
        "hittar ingen kolumn med områden i Malmö (no area column found)." + hint + " En kolumn "
        f"ska ha ett område per rad. Godtas: {accepted}. Stora och små bokstäver, å/ä/ö "
        "skrivna som a/o och bindestreck eller tankstreck räknas lika."
    )


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


def _check_unknown(table: _Table, level: str, index: _AreaIndex, filename: str) -> None:
    """Every data row must name a unit of ``level``; list all that do not, with rows."""
    unknown = [r for r in table.data if level not in index.match(table.cell(r, table.area)).units]
    if not unknown:
        return
    parts = []
    for n, r in enumerate(unknown):
        value = table.cell(r, table.area)
        match = index.match(value)
        text = f"'{value}' (rad {r + 1}"
        if match.units:
            other = next(iter(match.units))
            text += f"; finns i '{index.level_names[other]}', inte i '{index.level_names[level]}'"
        elif _DESO_CODE.match(_key(value)):
            text += "; en DeSO-kod, summera till RegSO först"
        elif n < _LIST_LIMIT:  # suggestions cost time; a file of thousands needs none
            close = index.suggestion(value, level)
            if close is not None:
                text += f"; menade du '{close}'?"
        parts.append(text + ")")
    column = table.columns[table.area]
    first = unknown[0]
    matched = len(table.data) - len(unknown)
    raise UploadError(
        filename,
        f"{len(unknown)} {'område' if len(unknown) == 1 else 'områden'} i {column.ref} känns "
        f"inte igen (unknown areas): {', '.join(parts)}. Filen tolkades som "
        f"'{index.level_names[level]}' ({_rows(matched)} stämmer); där godtas "
        f"{index.examples(level)}. Stora och små bokstäver spelar ingen roll, inte heller "
        "bindestreck eller tankstreck.",
        row=first + 1,
        column=column.name,
        value=table.cell(first, table.area),
    )


def _check_duplicates(
    table: _Table, level: str, index: _AreaIndex, filename: str
) -> dict[int, str]:
    """Row -> unit; an area listed twice is an error naming all its rows."""
    units = {r: index.match(table.cell(r, table.area)).units[level] for r in table.data}
    rows_of: dict[str, list[int]] = {}
    for r, unit in units.items():
        rows_of.setdefault(unit, []).append(r)
    twice = {u: rs for u, rs in rows_of.items() if len(rs) > 1}
    if not twice:
        return units
    names = index.names[level]
    parts = [f"'{names[u]}' på rad {_join_sv([str(r + 1) for r in rs])}" for u, rs in twice.items()]
    if len(parts) > _LIST_LIMIT:
        parts = [*parts[:_LIST_LIMIT], f"och {len(parts) - _LIST_LIMIT} områden till"]
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
        hint = (
            f" Raderna skiljer sig i {differing[0].ref}: filen verkar ha flera rader per "
            "område (t.ex. en per år, kön eller kategori). Välj ut en rad per område innan "
            "du laddar upp filen."
        )
    column = table.columns[table.area]
    raise UploadError(
        filename,
        f"samma område finns flera gånger i {column.ref} (duplicate areas): "
        f"{'; '.join(parts)}. Varje område får bara finnas på en rad.{hint}",
        row=first_rows[1] + 1,
        column=column.name,
        value=table.cell(first_rows[1], table.area),
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
    table: _Table, units: dict[int, str], wanted: str | None, filename: str
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
    listing = _join_sv([c.ref for c in table.columns if c.index != table.area]) or "inga"
    if wanted is not None:
        # The header as written, else ignoring case, else the column letter ("C").
        for same in (
            lambda c: c.name == wanted,
            lambda c: c.name.strip().casefold() == wanted.strip().casefold(),
            lambda c: _letter(c.index) == wanted.strip().upper(),
        ):
            stat = next((s for s in stats if same(s.column)), None)
            if stat is not None:
                break
        if stat is None:
            raise UploadError(
                filename,
                f"kolumnen '{wanted}' finns inte i filen (no such column). Sifferkolumner: "
                f"{_join_sv([c.ref for c in numeric]) or 'inga'}.",
                column=wanted,
            )
        if stat.numbers == 0:
            raise UploadError(
                filename,
                f"{stat.column.ref} innehåller inga tal (not numeric). Sifferkolumner: "
                f"{_join_sv([c.ref for c in numeric]) or 'inga'}.",
                column=stat.column.name,
            )
    else:
        candidates = [s for s in stats if s.numeric_like]
        if not candidates:
            raise UploadError(
                filename,
                f"filen har ingen kolumn med tal (no numeric column). Kolumner utöver "
                f"områdena i {table.columns[table.area].ref}: {listing}. Godtas: "
                f"{ACCEPTED_NUMBERS}."
                + (
                    " Räknas värdena fram med formler: öppna arbetsboken i Excel och spara "
                    "den, så att värdena sparas med formlerna."
                    if table.sheet.name is not None
                    else ""
                ),
            )
        preferred = (
            [s for s in candidates if s.column.index > table.area and not s.year_like]
            or [s for s in candidates if not s.year_like]
            or candidates
        )
        stat = preferred[0]
    if stat.bad:
        first = stat.bad[0]
        listed = ", ".join(f"rad {r + 1}: '{table.cell(r, stat.column.index)}'" for r in stat.bad)
        raise UploadError(
            filename,
            f"rad {first + 1}, {stat.column.ref}: värdet '{table.cell(first, stat.column.index)}' "
            f"är varken ett tal eller en markering för saknat värde (not a number)"
            + (f"; likadant {listed}" if len(stat.bad) > 1 else "")
            + f". Godtas: {ACCEPTED_NUMBERS}.",
            row=first + 1,
            column=stat.column.name,
            value=table.cell(first, stat.column.index),
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


# --------------------------------------------------------------------------- notices


def _join_sv(items: Sequence[str], last: str = "och") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def _some(items: Sequence[str]) -> str:
    """At most ten items, then how many more."""
    if len(items) <= _LIST_LIMIT:
        return _join_sv(items)
    return f"{', '.join(items[:_LIST_LIMIT])} och {len(items) - _LIST_LIMIT} till"


def _count(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


def _rows(n: int) -> str:
    return f"{_count(n)} {'rad' if n == 1 else 'rader'}"


def _row_span(rows: Sequence[int]) -> str:
    if len(rows) == 1:
        return f"rad {rows[0] + 1}"
    return f"rad {rows[0] + 1}–{rows[-1] + 1}"


def _notices(
    table: _Table,
    level: str,
    index: _AreaIndex,
    column: _Column,
    numeric: Sequence[_Column],
    missing_rows: Sequence[int],
    missing_units: Sequence[str],
    percent: bool,
) -> list[str]:
    names = index.names[level]
    n_units = len(index.order[level])
    found = n_units - len(missing_units)
    out = [
        f"Filen tolkades som '{index.level_names[level]}': {found} av {n_units} områden "
        f"har en rad, värdena kommer från {column.ref}."
    ]
    others = [c.ref for c in numeric if c != column]
    if others:
        out.append(f"Fler sifferkolumner finns och kan väljas i stället: {_some(others)}.")
    if table.above:
        first = _first_text(table, table.above[0])
        out.append(
            f"{_rows(len(table.above))} ovanför tabellen ignorerades som rubrik "
            f"({_row_span(table.above)}, t.ex. '{_short(first)}')."
        )
    if table.footer:
        example = f", t.ex. '{_short(_first_text(table, table.footer[0]))}'"
        out.append(
            f"{_rows(len(table.footer))} efter tabellen ignorerades som "
            f"{'fotnot' if len(table.footer) == 1 else 'fotnoter'} "
            f"({_row_span(table.footer)}{example})."
        )
    if table.notes:
        out.append(
            "Rader inne i tabellen utan värde eller med en anteckning ignorerades: "
            + _some([f"rad {r + 1} ('{_short(_first_text(table, r))}')" for r in table.notes])
            + "."
        )
    if table.totals:
        out.append(
            "Summerings- eller jämförelserader togs inte med: "
            + _some(
                [
                    f"rad {r + 1} ('{_short(table.cell(r, table.area)) or 'utan namn'}')"
                    for r in table.totals
                ]
            )
            + "."
        )
    if table.other_kommun:
        out.append(
            f"{_rows(len(table.other_kommun))} för andra kommuner än {CITY_NAME} "
            f"hoppades över (t.ex. '{_short(table.cell(table.other_kommun[0], table.area))}' "
            f"på rad {table.other_kommun[0] + 1})."
        )
    renamed = [
        r for r in table.data if index.match(table.cell(r, table.area)).renamed_from is not None
    ]
    for r in renamed:
        unit = index.match(table.cell(r, table.area)).units[level]
        out.append(
            f"'{table.cell(r, table.area)}' på rad {r + 1} tolkades som RegSO '{names[unit]}' "
            "(namnbyte till RegSO 2025)."
        )
    if missing_rows:
        parts = []
        for r in missing_rows:
            unit = index.match(table.cell(r, table.area)).units[level]
            text = table.cell(r, column.index)
            parts.append(f"{names[unit]} (rad {r + 1}, {repr(text) if text else 'tom'})")
        out.append(
            f"Värde saknas i filen för {len(missing_rows)} "
            f"{'område' if len(missing_rows) == 1 else 'områden'}: {_some(parts)}."
        )
    if missing_units:
        out.append(
            f"{len(missing_units)} av {n_units} områden finns inte i filen och saknar värde: "
            f"{_some([names[u] for u in missing_units])}."
        )
    if percent:
        out.append("Procenttecknen togs bort: '12,5 %' räknas som 12,5.")
    return out


def _first_text(table: _Table, row: int) -> str:
    return next((c for c in table.sheet.rows[row] if c), "")


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
