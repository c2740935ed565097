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

Every problem raises :class:`UploadError` with a message in the user's language
(Swedish by default, English; the texts are in :mod:`areaindex.texts.upload_reader`)
that names the row (as a spreadsheet shows it: the first line of the file is row 1),
the column and the value, and says what would be accepted. Nothing here imports
Streamlit.

The package follows the reader's steps: :mod:`.grids` (file -> cells), :mod:`.areas`
(which unit a cell names), :mod:`.table` (where the table sits, what each row is),
:mod:`.numbers` (a cell -> a number or missing), :mod:`.reader` (the checks, the
values), :mod:`.notices` (what was skipped or assumed); :mod:`.say` words every
message in the user's language and :mod:`.result` holds what is returned or raised.
"""

from areaindex.uploads.grids import MAX_COLUMNS, MAX_ROWS, SEPARATORS
from areaindex.uploads.numbers import MISSING_MARKERS, is_missing_marker, parse_number
from areaindex.uploads.reader import read_indicator_file
from areaindex.uploads.result import DEFAULT_MAX_BYTES, UploadError, UploadResult
from areaindex.uploads.say import Say

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MISSING_MARKERS",
    "SEPARATORS",
    "Say",
    "UploadError",
    "UploadResult",
    "is_missing_marker",
    "parse_number",
    "read_indicator_file",
]
