"""Valmyndigheten's result tables per valdistrikt, read as published (xlsx).

Only the counts are kept: eligible voters (*röstberättigade*) and voters
(*röstande*) per valdistrikt of one municipality. Percentages in the files are
ignored; turnout is always recomputed from the counts.

The four tables differ in layout: the 2022 tables name their columns in words
and hold codes as text (``12800101``); the 2018 table holds län, kommun and
district numbers as separate integers (12, 80, 101) and names its columns in
capitals. Each layout is described once in :data:`ELECTIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from areaindex.data_errors import SourceError

FOLDER = "valmyndigheten"
SOURCE = "Valmyndigheten, valresultat per valdistrikt"
LICENCE = "Fri att använda med källangivelse: Källa: Valmyndigheten"


@dataclass(frozen=True)
class ElectionFile:
    """Where one election's district table is and how its columns are named.

    ``code`` is the district code column; when ``code_parts`` is given instead
    the code is built from the län, kommun and district numbers (2018).
    """

    id: str
    name_sv: str
    name_en: str
    year: int
    file: str
    sheet: str
    name: str
    eligible: str
    voters: str
    code: str = ""
    code_parts: tuple[str, str, str] = ("", "", "")

    @property
    def path(self) -> str:
        """The file's path under the raw data folder."""
        return f"{FOLDER}/{self.file}"


ELECTIONS: Mapping[str, ElectionFile] = {
    e.id: e
    for e in (
        ElectionFile(
            "kommunval_2022",
            "Kommunfullmäktigevalet 2022",
            "Municipal council election 2022",
            2022,
            "ko_tab3_2022.xlsx",
            "KO_tab3",
            name="Valdistriktsnamn",
            eligible="Antal röstberättigade",
            voters="Antal röstande",
            code="Valdistriktskod",
        ),
        ElectionFile(
            "regionval_2022",
            "Regionfullmäktigevalet 2022",
            "Regional council election 2022",
            2022,
            "re_tab3_2022.xlsx",
            "RE_tab3",
            name="Valdistriktsnamn",
            eligible="Antal röstberättigade",
            voters="Antal röstande",
            code="Valdistriktskod",
        ),
        ElectionFile(
            "riksdagsval_2022",
            "Riksdagsvalet 2022",
            "Parliamentary election 2022",
            2022,
            "ri_tab4_2022.xlsx",
            "RI_tab4",
            name="Valdistriktsnamn",
            eligible="Antal röstberättigade",
            voters="Antal röstande",
            code="Valdistriktskod",
        ),
        ElectionFile(
            "riksdagsval_2018",
            "Riksdagsvalet 2018",
            "Parliamentary election 2018",
            2018,
            "2018_R_per_valdistrikt.xlsx",
            "R antal",
            name="VALDISTRIKTSNAMN",
            eligible="RÖSTBERÄTTIGADE",
            voters="RÖSTANDE",
            code_parts=("LÄNSKOD", "KOMMUNKOD", "VALDISTRIKTSKOD"),
        ),
    )
}

DISTRICT_COLUMNS = ("election", "year", "valdistriktskod", "valdistriktsnamn", "eligible", "voters")


def read_districts(source: str | Path, election: str, kommun: str = "1280") -> pd.DataFrame:
    """One election's eligible voters and voters per valdistrikt of one municipality.

    Parameters
    ----------
    source : str or Path
        The raw data folder (``../shared/data``).
    election : str
        A key of :data:`ELECTIONS`.
    kommun : str, default "1280"
        Four-digit municipality code (Malmö).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISTRICT_COLUMNS`, one row per row of the file (a code
        can occur twice: the early votes not assigned to a district are
        reported per constituency), in file order.

    Raises
    ------
    SourceError
        Naming the file, sheet and row, if the file or sheet is missing, a
        column is missing, a count is not a whole number >= 0, or the
        municipality has no rows.
    """
    spec = ELECTIONS[election]
    path = Path(source) / spec.path
    rows = _read_sheet(path, spec.sheet)
    header, body = rows[0], rows[1:]
    names = [str(h).strip() if h is not None else "" for h in header]
    needed = [
        spec.name,
        spec.eligible,
        spec.voters,
        *(p for p in (spec.code, *spec.code_parts) if p),
    ]
    for column in needed:
        if column not in names:
            raise SourceError(path, f"bladet {spec.sheet!r}: kolumnen saknas", column=column)
    at = {c: names.index(c) for c in needed}
    out = []
    for offset, row in enumerate(body):
        line = offset + 1  # shown +1 by SourceError: the row number in Excel
        code = _code(row, spec, at, path, line)
        if code is None or not code.startswith(kommun):
            continue
        out.append(
            (
                spec.id,
                spec.year,
                code,
                str(row[at[spec.name]] or "").strip(),
                _count(row[at[spec.eligible]], path, spec, line, spec.eligible),
                _count(row[at[spec.voters]], path, spec, line, spec.voters),
            )
        )
    if not out:
        raise SourceError(path, f"bladet {spec.sheet!r}: inga valdistrikt för kommun {kommun}")
    return pd.DataFrame(out, columns=list(DISTRICT_COLUMNS))


def _read_sheet(path: Path, sheet: str) -> list[tuple]:
    import openpyxl  # only prepare needs it

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except Exception as exc:  # zipfile/openpyxl raise many kinds for a broken file
        raise SourceError(path, f"kan inte läsas som xlsx: {exc}") from exc
    try:
        if sheet not in book.sheetnames:
            raise SourceError(
                path, f"bladet {sheet!r} saknas; filen har {', '.join(book.sheetnames)}"
            )
        rows = list(book[sheet].iter_rows(values_only=True))
    finally:
        book.close()
    if len(rows) < 2:
        raise SourceError(path, f"bladet {sheet!r} är tomt")
    return rows


def _code(
    row: tuple, spec: ElectionFile, at: Mapping[str, int], path: Path, line: int
) -> str | None:
    """The eight-digit district code of a row (None for an empty row)."""
    if spec.code:
        value = row[at[spec.code]]
        if value is None or str(value).strip() == "":
            return None
        text = str(value).strip()
        if not (text.isdigit() and len(text) == 8):
            raise SourceError(
                path,
                f"bladet {spec.sheet!r}: {text!r} är ingen valdistriktskod (8 siffror)",
                row=line,
                column=spec.code,
            )
        return text
    parts = [row[at[p]] for p in spec.code_parts]
    if all(p is None for p in parts):
        return None
    widths = (2, 2, 4)
    digits = []
    for part, column, width in zip(parts, spec.code_parts, widths, strict=True):
        try:
            number = int(str(part).strip())
        except ValueError as exc:
            raise SourceError(
                path, f"bladet {spec.sheet!r}: {part!r} är inget heltal", row=line, column=column
            ) from exc
        digits.append(f"{number:0{width}d}")
    return "".join(digits)


def _count(value: object, path: Path, spec: ElectionFile, line: int, column: str) -> int:
    if value is None or (isinstance(value, str) and value.strip() == ""):
        return 0  # an empty cell is a zero count in Valmyndigheten's tables
    try:
        number = float(str(value).strip().replace("\u00a0", "").replace(" ", ""))
    except ValueError as exc:
        raise SourceError(
            path, f"bladet {spec.sheet!r}: {value!r} är inget antal", row=line, column=column
        ) from exc
    if number < 0 or number != int(number):
        raise SourceError(
            path,
            f"bladet {spec.sheet!r}: {value!r} är inget heltal >= 0",
            row=line,
            column=column,
        )
    return int(number)
