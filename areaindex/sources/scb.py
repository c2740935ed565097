"""Readers for SCB's CSV exports as they are published.

SCB's exports from Statistikdatabasen carry a UTF-8 byte-order mark, footer notes
after the data ("Officiell statistik", "Intern referenskod: …", multi-line
footnotes in quoted cells) and region labels such as ``Malmö (RegSO-Lindängen)``.
These readers keep only the data rows and say clearly, in Swedish, what is wrong
and where when a file does not look as expected.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from areaindex.data_errors import SourceError

DESO_CODE = re.compile(r"^\d{4}[ABC]\d{4}$")
REGSO_CODE = re.compile(r"^\d{4}R\d{3}$")
_REGION_LABEL = re.compile(r"^(?P<kommun>[^()]+?)\s*\((?P<area>.+)\)\s*$")
_YEAR_COLUMN = re.compile(r"(?P<year>(19|20)\d{2})\s*$")


@dataclass(frozen=True)
class RegionLabel:
    """A parsed SCB region label such as ``Malmö (RegSO-Lindängen)``."""

    kommun: str
    area: str


def regso_display_name(name: str) -> str:
    """Return a RegSO name without SCB's ``RegSO-`` prefix.

    Parameters
    ----------
    name : str
        A RegSO name as SCB writes it, with or without the prefix.

    Returns
    -------
    str
        ``"RegSO-Lindängen"`` and ``"Lindängen"`` both give ``"Lindängen"``.
    """
    name = name.strip()
    return name[len("RegSO-") :].strip() if name.lower().startswith("regso-") else name


def parse_region_label(label: str) -> RegionLabel:
    """Split an SCB region label into municipality and area name.

    Parameters
    ----------
    label : str
        For example ``"Malmö (RegSO-Almvik norr-Lindängen norr)"``. Some
        municipalities' labels lack the ``RegSO-`` prefix; both forms are accepted.

    Returns
    -------
    RegionLabel
        Municipality name and area name without the ``RegSO-`` prefix.

    Raises
    ------
    ValueError
        If the label has no ``Kommun (område)`` form.
    """
    match = _REGION_LABEL.match(str(label).strip())
    if match is None:
        raise ValueError(f"okänd regionbeteckning {label!r} (väntade 'Kommun (område)')")
    return RegionLabel(match["kommun"].strip(), regso_display_name(match["area"]))


def read_scb_csv(
    path: str | Path,
    *,
    required: Sequence[str] = (),
    sep: str = ",",
) -> pd.DataFrame:
    """Read an SCB CSV export and drop its footer notes.

    Data rows end at the first row whose first cell is empty; everything after
    it (source, contact, footnotes, internal reference code) is metadata. Empty
    unnamed columns that SCB adds for footnotes are dropped.

    Parameters
    ----------
    path : str or Path
        The file, as exported (UTF-8, with or without byte-order mark).
    required : sequence of str, default ()
        Column names that must be present.
    sep : str, default ","
        Field separator.

    Returns
    -------
    pandas.DataFrame
        Data rows only; every column read as text (``str``), to be converted by
        the caller, which knows what each column means.

    Raises
    ------
    SourceError
        If the file is missing, is not UTF-8, has no data rows, or lacks a
        required column.
    """
    path = Path(path)
    try:
        frame = pd.read_csv(
            path,
            sep=sep,
            encoding="utf-8-sig",
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,  # some exports end lines with \r\r\n
        )
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except UnicodeDecodeError as exc:
        raise SourceError(path, "filen är inte UTF-8-kodad (not UTF-8)") from exc
    except pd.errors.ParserError as exc:
        raise SourceError(path, f"kan inte läsas som CSV: {exc}") from exc

    # The region column of some exports has an empty header (",2022").
    first = frame.columns[0]
    if str(first).startswith("Unnamed:") or str(first).strip() == "":
        frame = frame.rename(columns={first: "region"})
        first = "region"
    blank = frame[first].str.strip() == ""
    if blank.any():
        frame = frame.loc[: blank.idxmax() - 1] if blank.idxmax() > 0 else frame.iloc[:0]
    frame = frame.loc[:, [c for c in frame.columns if not _is_footnote_column(frame, c)]]
    if frame.empty:
        raise SourceError(path, "filen innehåller inga datarader (no data rows)")
    missing = [c for c in required if c not in frame.columns]
    if missing:
        raise SourceError(
            path,
            f"kolumn saknas: {', '.join(missing)}; finns: {', '.join(map(str, frame.columns))}",
        )
    return frame.reset_index(drop=True)


def _is_footnote_column(frame: pd.DataFrame, column: str) -> bool:
    """True for the unnamed or note-only columns SCB appends beside the data."""
    name = str(column)
    if name.startswith("Unnamed:") or name.strip() == "":
        return True
    # A column whose header is a long table title and whose cells are empty or prose.
    return len(name) > 40 and (frame[column].str.strip() == "").mean() > 0.5


def read_deso_table(path: str | Path, *, required: Sequence[str] = ()) -> pd.DataFrame:
    """Read an SCB DeSO table: keep rows whose first column is a DeSO code.

    Some DeSO exports put footnotes in a side column next to the data rows and
    below them; the first column then holds prose, never a DeSO code.

    Parameters
    ----------
    path : str or Path
        The file.
    required : sequence of str, default ()
        Column names that must be present.

    Returns
    -------
    pandas.DataFrame
        Indexed by DeSO code (``deso``), every other column as text.
    """
    path = Path(path)
    frame = read_scb_csv(path, required=("deso", *required))
    frame = frame[frame["deso"].str.strip().str.match(DESO_CODE.pattern)]
    if frame.empty:
        raise SourceError(path, "inga rader med DeSO-kod (no rows with a DeSO code)")
    if frame["deso"].duplicated().any():
        dup = frame.loc[frame["deso"].duplicated(), "deso"].iloc[0]
        raise SourceError(path, f"DeSO-koden {dup} förekommer flera gånger")
    return frame.set_index("deso")


def year_columns(frame: pd.DataFrame) -> dict[str, int]:
    """Map the columns that end in a year (``"Antal 2020"``) to that year."""
    found = {}
    for column in frame.columns:
        match = _YEAR_COLUMN.search(str(column))
        if match:
            found[column] = int(match["year"])
    return found


def to_number(series: pd.Series, path: str | Path, *, column: str | None = None) -> pd.Series:
    """Convert SCB number cells to floats; ``..`` and ``-`` mean missing.

    Raises
    ------
    SourceError
        Naming the row and value when a cell is neither a number nor a
        missing-value marker. The row is the data row number when ``series``
        has the reader's integer index, otherwise its label (a RegSO or DeSO
        code) is named in the message.
    """
    text = series.astype(str).str.strip().str.replace("\u00a0", "", regex=False)
    text = text.str.replace(" ", "", regex=False)
    missing = text.isin(["", "..", "-", ".", "–"])
    values = pd.to_numeric(text.where(~missing), errors="coerce")
    bad = values.isna() & ~missing
    if bad.any():
        position = int(np.flatnonzero(bad.to_numpy())[0])
        label = series.index[position]
        is_row = isinstance(label, (int, np.integer))
        raise SourceError(
            path,
            f"värdet {series.iloc[position]!r}"
            + ("" if is_row else f" för {label}")
            + " är inget tal (not a number)",
            column=column or str(series.name),
            row=int(label) if is_row else None,
        )
    return values.astype(float)
