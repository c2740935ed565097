"""Exports that open correctly in Swedish Excel and cannot smuggle formulas.

CSV: UTF-8 with byte-order mark (so Excel detects the encoding), ``;`` as
separator and decimal comma (Swedish locale). Cells that begin with ``=``,
``+``, ``-`` or ``@`` would be run as formulas by spreadsheet programs; they are
prefixed with an apostrophe (OWASP's advice against CSV injection). Numbers are
written as numbers, so a negative number is not touched.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from areaindex.i18n import t
from areaindex.rounding import round_half_up
from areaindex.views.indexview import IndexView

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: object) -> object:
    """Prefix text that a spreadsheet would take for a formula with ``'``."""
    if isinstance(cell, str) and cell.startswith(FORMULA_PREFIXES):
        return "'" + cell
    return cell


def to_excel_csv(frame: pd.DataFrame, *, decimal: str = ",") -> bytes:
    """A DataFrame as CSV bytes for Swedish Excel (BOM, ``;``, decimal comma)."""
    safe = frame.copy()
    safe.columns = [neutralise(str(c)) for c in safe.columns]
    for column in safe.columns:
        # Every non-numeric column: pandas 3 gives text the "str" dtype, not object.
        if not pd.api.types.is_numeric_dtype(safe[column]):
            safe[column] = safe[column].astype(object).map(neutralise)
    text = safe.to_csv(index=False, sep=";", decimal=decimal, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def ranking_frame(
    view: IndexView,
    dimension_names: Mapping[str, str],
    *,
    lang: str = "sv",
    population: Mapping[str, float] | None = None,
    illustrative_names: Mapping[str, str] | None = None,
    approximate_names: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The ranking as a plain table: rank, area, index, each dimension, illustrative flag.

    Parameters
    ----------
    view : IndexView
        The computed index.
    dimension_names : mapping
        Dimension id -> display name (column headings).
    lang : str
        Language of headings.
    population : mapping, optional
        Unit id -> population, added as a column.
    illustrative_names : mapping, optional
        Dimension id -> name, for the dimensions in play that carry illustrative
        values (listed in the illustrative column of every row).
    approximate_names : mapping, optional
        Dimension id -> name, for the dimensions in play whose values rest on an
        approximate geography (election turnout); given, a column lists them.
    """
    # Only the columns shown: sorting the whole (wide) view table costs more than the rest.
    columns = ["rank", "name", "index", *(f"score.{d}" for d in view.dimensions)]
    table = view.table[columns].sort_values(["rank", "name"], na_position="last")
    out = pd.DataFrame(
        {
            t("table.rank", lang): table["rank"].astype("Int64"),
            t("table.area", lang): table["name"],
            t("table.index", lang): round_half_up(table["index"].to_numpy(dtype=float), 1),
        }
    )
    for dim in view.dimensions:
        out[dimension_names.get(dim, dim)] = round_half_up(
            table[f"score.{dim}"].to_numpy(dtype=float), 1
        )
    if population is not None:
        pop = pd.array([population.get(u) for u in table.index], dtype="Float64")
        out[t("table.population", lang)] = pop.round(0).astype("Int64")
    flagged = ", ".join((illustrative_names or {}).values())
    out[t("table.illustrative", lang)] = flagged if flagged else t("table.no", lang)
    if approximate_names is not None:
        approx = ", ".join(approximate_names.values())
        out[t("table.approximate_geography", lang)] = approx if approx else t("table.no", lang)
    return out.reset_index(drop=True)
