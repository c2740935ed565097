"""``python -m areaindex bounds METHOD.toml TABLE.csv -o OUT.csv [--around P]``.

The best and worst rank every unit of a table can get over every weighting of
the method's dimensions, with the weightings that give them (see
:mod:`areaindex.index.bounds`). Reads tables and reports errors as ``score`` does
(:mod:`areaindex.cli.score`): exit code 2 with the file and key named.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from areaindex.cli.score import EXIT_INPUT_ERROR, EXIT_OK, _parse_weights, read_table, write_table
from areaindex.errors import AreaIndexError, TableError
from areaindex.index.bounds import RankBounds, rank_bounds
from areaindex.index.engine import dimension_scores, normalised_indicators
from areaindex.index.method import Method, load_method


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register the ``bounds`` sub-command.

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
        "bounds",
        help="best and worst possible rank of every unit over every weighting",
        description=(
            "Bästa och sämsta möjliga rang för varje enhet över varje viktning av metodens "
            "dimensioner, med viktningarna som ger dem. (Best and worst possible rank of every "
            "unit over every weighting of the method's dimensions, with witness weights.)"
        ),
    )
    parser.add_argument("method", type=Path, help="method file (TOML)")
    parser.add_argument("table", type=Path, help="CSV table, as for 'score'")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, help="output CSV file ('-' for stdout)"
    )
    parser.add_argument(
        "--around",
        type=float,
        default=None,
        metavar="P",
        help=(
            "only weightings with each weight within ±P %% of its current value (relative; "
            "a zero weight stays zero), renormalised to sum to 1"
        ),
    )
    parser.add_argument(
        "--free",
        action="append",
        default=None,
        metavar="DIMENSION",
        help="only this dimension's weight varies (may be repeated); others keep their share",
    )
    parser.add_argument(
        "--weight",
        action="append",
        default=[],
        metavar="DIMENSION=WEIGHT",
        help="current weight overriding the method's (for --around and --free)",
    )
    return parser


def bounds_table(method: Method, result: RankBounds, ids: pd.Series) -> pd.DataFrame:
    """The output table: id, ``rank.best``, ``rank.worst``, ``best.w.<dim>``, ``worst.w.<dim>``.

    When a time limit stopped a proof, ``rank.best.limit`` and
    ``rank.worst.limit`` (what was proven) follow ``rank.worst``.

    Parameters
    ----------
    method : Method
        The index method (for the id column name and dimension order).
    result : RankBounds
        Output of :func:`areaindex.index.bounds.rank_bounds`.
    ids : pandas.Series
        The table's ids, in table order.
    """
    summary = result.summary
    out: dict[str, object] = {method.id_column: ids.to_numpy()}
    out["rank.best"] = summary["best"].array
    out["rank.worst"] = summary["worst"].array
    if not summary["exact"].fillna(True).all():
        # A time limit stopped a proof: what was proven goes beside what was reached.
        out["rank.best.limit"] = summary["best_limit"].array
        out["rank.worst.limit"] = summary["worst_limit"].array
    for side, frame in (("best", result.best_weights), ("worst", result.worst_weights)):
        for dim in method.dimension_ids:
            out[f"{side}.w.{dim}"] = frame[dim].to_numpy()
    return pd.DataFrame(out, index=pd.RangeIndex(len(ids)))


def run(args: argparse.Namespace) -> int:
    """Run ``bounds``: returns 0 on success, 2 if the method, table or options are at fault.

    Parameters
    ----------
    args : argparse.Namespace
        Parsed arguments (``method``, ``table``, ``output``, ``around``, ``free``,
        ``weight``).

    Returns
    -------
    int
        The exit code.
    """
    try:
        method = load_method(args.method)
        table = read_table(args.table)
        weights = method.weights
        overrides = _parse_weights(getattr(args, "weight", []) or [])
        if overrides:
            weights = method.with_weights(overrides).weights
        free = getattr(args, "free", None)
        around = getattr(args, "around", None)
        unknown = [d for d in free or () if d not in method.dimension_ids]
        if unknown:
            raise AreaIndexError(
                f"--free '{unknown[0]}': dimensionen finns inte i {args.method}; kända "
                f"dimensioner: {', '.join(method.dimension_ids)} (unknown dimension)."
            )
        if around is not None and not around >= 0:
            raise AreaIndexError(
                f"--around {around}: ange en procentsats som är noll eller större "
                "(expected a percentage >= 0)."
            )
        if (free or around is not None) and sum(weights.values()) <= 0:
            raise AreaIndexError(
                f"{args.method}: alla vikter är noll, så det finns inga nuvarande vikter att utgå "
                "från (all current weights are zero)."
            )
        try:
            normalised = normalised_indicators(method, table)
            scores = dimension_scores(method, normalised)
            result = rank_bounds(
                scores,
                weights,
                how=method.aggregation.across,
                free=free,
                around=around,
                decimals=method.aggregation.decimals,
            )
        except TableError as exc:
            raise TableError(
                f"{args.table}: {exc.message}", column=exc.column, row=exc.row, value=exc.value
            ) from exc
        except AreaIndexError as exc:
            raise AreaIndexError(f"{args.table}: {exc}") from exc
        write_table(bounds_table(method, result, table[method.id_column]), args.output)
        inexact = int((~result.summary["exact"].fillna(True)).sum())
        if inexact:
            print(
                f"obs: tidsgränsen nåddes för {inexact} enheter; rank.best.limit och "
                "rank.worst.limit anger vad som är bevisat (time limit reached: see the "
                "*.limit columns).",
                file=sys.stderr,
            )
    except AreaIndexError as exc:
        print(f"fel: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:
        print(f"fel: filen kan inte läsas eller skrivas: {exc} (I/O error)", file=sys.stderr)
        return EXIT_INPUT_ERROR
    return EXIT_OK
