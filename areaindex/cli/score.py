"""``python -m areaindex score METHOD.toml TABLE.csv -o OUT.csv``.

Scores any table with any method file, not only Malmö's. The table is read as
text so that ids such as FIPS codes keep their leading zeros; the output is a
comma-separated UTF-8 file in which a missing value is an empty field.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

import pandas as pd

from areaindex.errors import AreaIndexError, TableError
from areaindex.index.engine import score_table
from areaindex.index.method import load_method

EXIT_OK = 0
EXIT_INPUT_ERROR = 2

# "1,5" or "-0,25": a decimal comma, as Swedish spreadsheets write numbers.
_DECIMAL_COMMA = re.compile(r"\s*[-+]?\d*,\d+\s*")


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``score`` sub-command.

    Parameters
    ----------
    subparsers : argparse._SubParsersAction
        The object returned by ``ArgumentParser.add_subparsers``.

    Returns
    -------
    argparse.ArgumentParser
        The new sub-parser.
    """
    parser = subparsers.add_parser(
        "score",
        help="score a CSV table with an index method file (TOML)",
        description=(
            "Beräkna normaliserade indikatorer, dimensioner, index och rangordning för en "
            "tabell med en metodfil. (Score a CSV table with an index method file.)"
        ),
    )
    parser.add_argument("method", type=Path, help="method file (TOML), e.g. methods/imd_2019.toml")
    parser.add_argument(
        "table",
        type=Path,
        help="CSV table, ',' or ';' separated, UTF-8 with or without BOM, one row per unit",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="output CSV file ('-' for stdout)"
    )
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="DIMENSION=WEIGHT",
        help="override a dimension weight (may be repeated)",
    )
    return parser


def detect_separator(header: str) -> str:
    """Return ``";"`` if the header line has more semicolons than commas, else ``","``.

    Parameters
    ----------
    header : str
        The first line of the file.

    Returns
    -------
    str
        The separator.
    """
    return ";" if header.count(";") > header.count(",") else ","


def read_table(path: Path) -> pd.DataFrame:
    """Read a CSV table with every column as text.

    Parameters
    ----------
    path : pathlib.Path
        The CSV file: separator ``,`` or ``;`` (detected from the header line),
        UTF-8 with or without byte order mark. With ``;`` as separator, numbers
        may use a decimal comma.

    Returns
    -------
    pandas.DataFrame
        All columns as strings; empty cells are missing.

    Raises
    ------
    TableError
        If the file is missing, not UTF-8, or not a readable CSV table.
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise TableError(f"{path}: filen finns inte (file not found).") from exc
    except UnicodeDecodeError as exc:
        raise TableError(
            f"{path}: filen är inte UTF-8-kodad text; spara den som UTF-8 (file is not UTF-8)."
        ) from exc
    header = text.split("\n", 1)[0]
    if not header.strip():
        raise TableError(f"{path}: filen saknar rubrikrad (missing header line).")
    sep = detect_separator(header)
    try:
        table = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
        )
    except (pd.errors.ParserError, csv.Error) as exc:
        raise TableError(f"{path}: kan inte läsas som CSV: {exc} (not a valid CSV file).") from exc
    table.columns = [str(c).strip() for c in table.columns]
    if sep == ";":
        # Only cells that are entirely a decimal-comma number are converted, so
        # text columns (names, ids) are left alone.
        for column in table.columns:
            values = table[column]
            mask = values.str.fullmatch(_DECIMAL_COMMA.pattern, na=False)
            if mask.any():
                table[column] = values.where(~mask, values.str.replace(",", ".", regex=False))
    return table


def _parse_weights(items: list[str]) -> dict[str, float]:
    weights: dict[str, float] = {}
    for item in items:
        name, sep, value = item.partition("=")
        try:
            if not sep:
                raise ValueError
            weights[name.strip()] = float(value.replace(",", "."))
        except ValueError:
            raise AreaIndexError(
                f"--weight '{item}': skriv DIMENSION=VIKT, till exempel ekonomi=5 "
                "(expected DIMENSION=WEIGHT)."
            ) from None
    return weights


def write_table(scored: pd.DataFrame, output: Path) -> None:
    """Write the scored table as comma-separated UTF-8; missing values are empty fields.

    Parameters
    ----------
    scored : pandas.DataFrame
        Output of :func:`areaindex.index.engine.score_table`.
    output : pathlib.Path
        Destination file, or ``-`` for standard output.
    """
    text = scored.to_csv(index=False, na_rep="", lineterminator="\n")
    if str(output) == "-":
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def run(args: argparse.Namespace) -> int:
    """Run ``score``: returns 0 on success, 2 if the method or table is at fault.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments (``method``, ``table``, ``output``, ``weight``).

    Returns
    -------
    int
        The exit code.
    """
    try:
        method = load_method(args.method)
        table = read_table(args.table)
        weights = _parse_weights(getattr(args, "weight", []) or [])
        try:
            scored = score_table(method, table, weights or None)
        except TableError as exc:
            raise TableError(
                f"{args.table}: {exc.message}", column=exc.column, row=exc.row, value=exc.value
            ) from exc
        write_table(scored, args.output)
    except AreaIndexError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:
        print(f"fel: filen kan inte läsas eller skrivas: {exc} (I/O error)", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return EXIT_OK
