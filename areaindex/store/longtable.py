"""The committed long-form values table: its columns, how it is written and read.

Every committed values file (``data/values_*.csv``, the national file, added
indicators) has these columns, one row per unit, indicator, year and sex.
``prepare`` writes it, ``build`` and the added indicators read it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from areaindex.data_errors import SourceError

LONG_COLUMNS = ("unit", "indicator", "year", "sex", "value", "numerator", "denominator")


def write_long(values: pd.DataFrame, path: Path) -> None:
    """Write long-form values compactly: counts as integers, values to 6 significant digits."""
    frame = values[list(LONG_COLUMNS)].copy()
    for column in ("numerator", "denominator"):
        frame[column] = frame[column].round().astype("Int64")
    frame.to_csv(path, index=False, float_format="%.6g", lineterminator="\n")


def read_committed_csv(
    path: Path, columns: Iterable[str], dtype: Mapping[str, type] | None = None
) -> pd.DataFrame:
    """Read a committed CSV file that must hold ``columns``.

    Raises
    ------
    SourceError
        If the file is missing, is not CSV or lacks one of ``columns``.
    """
    try:
        frame = pd.read_csv(path, dtype=dict(dtype or {}))
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise SourceError(path, f"kan inte läsas som CSV: {exc}") from exc
    for column in columns:
        if column not in frame.columns:
            raise SourceError(path, "kolumnen saknas", column=column)
    return frame


def read_long(path: str | Path) -> pd.DataFrame:
    """Read a committed long-form values file.

    Raises
    ------
    SourceError
        If the file is missing, lacks a column or holds a non-number.
    """
    path = Path(path)
    frame = read_committed_csv(
        path, LONG_COLUMNS, dtype={"unit": str, "indicator": str, "sex": str}
    )
    for column in ("year", "value", "numerator", "denominator"):
        numbers = pd.to_numeric(frame[column], errors="coerce")
        bad = numbers.isna() & frame[column].notna()
        if bad.any():
            row = int(bad.idxmax())
            raise SourceError(
                path, f"{frame.at[row, column]!r} är inget tal", row=row, column=column
            )
        frame[column] = numbers.astype(float)
    frame["year"] = frame["year"].astype(int)
    return frame[list(LONG_COLUMNS)]
