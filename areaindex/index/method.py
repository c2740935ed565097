"""Index methods as data: parse, validate and write method files (TOML).

A method file says which indicators make up which dimensions, how indicators
are oriented, normalised and combined, and with which weights. The format is
documented in ``methods/README.md``. Everything is validated on load; any
problem raises :class:`~areaindex.errors.MethodError` naming the file and the
dotted key at fault (for example ``dimensions[2].indicators[0].direction``).
"""

from __future__ import annotations

import functools
import math
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import tomli_w

from areaindex.errors import MethodError
from areaindex.index.combine import HOW
from areaindex.index.normalise import DIRECTIONS, METHODS

RESCALE_METHODS = tuple(m for m in METHODS if m != "goalposts")
MAX_DECIMALS = 15

# Ids become column names such as "ekonomi.score", so no dots or spaces.
_ID_PATTERN = re.compile(r"[\w-]+")
_RESERVED_IDS = ("index",)
_TOML_POSITION = re.compile(r"at line (\d+), column (\d+)")


@dataclass(frozen=True)
class Text:
    """A short text in Swedish and English."""

    sv: str
    en: str


@dataclass(frozen=True)
class Indicator:
    """One indicator: a numeric column of the data table.

    Attributes
    ----------
    column : str
        Column name in the data table.
    direction : {"higher_is_need", "lower_is_need"}
        Whether a higher raw value means greater need.
    weight : float
        Relative weight within its dimension (>= 0).
    goalposts : tuple of float or None
        ``(lo, hi)`` in raw units, used with ``goalposts`` normalisation.
    title : Text or None
        Optional display name.
    """

    column: str
    direction: str = "higher_is_need"
    weight: float = 1.0
    goalposts: tuple[float, float] | None = None
    title: Text | None = None


@dataclass(frozen=True)
class Dimension:
    """A group of indicators combined into one dimension score."""

    id: str
    title: Text
    weight: float
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Scaling:
    """A normalisation or re-scaling step.

    Attributes
    ----------
    method : str
        One of ``areaindex.index.normalise.METHODS``.
    range : tuple of float
        Target range for ``minmax`` and ``goalposts``.
    decimals : int or None
        Round half-up to this many decimals afterwards, or not at all.
    """

    method: str
    range: tuple[float, float] = (0.0, 100.0)
    decimals: int | None = None


@dataclass(frozen=True)
class Aggregation:
    """How indicators are combined into dimensions and dimensions into the index.

    Attributes
    ----------
    within, across : {"mean", "sum", "geometric_mean"}
        Weighted aggregation of indicators into a dimension, and of dimensions
        into the index.
    min_share : float
        Minimum share of the total weight that must be present, else missing.
    decimals : int or None
        Round dimension and index scores half-up to this many decimals (removes
        floating-point noise before ranking, as CDC's four-decimal sums need).
    """

    within: str = "mean"
    across: str = "mean"
    min_share: float = 1.0
    decimals: int | None = None


@dataclass(frozen=True)
class Method:
    """A complete, validated index method.

    Use :func:`load_method` or :func:`parse_method` to create one; the
    ``with_*``/``without_*`` methods return modified copies.
    """

    id: str
    title: Text
    description: Text
    source: str
    id_column: str
    dimensions: tuple[Dimension, ...]
    missing_values: tuple[float, ...] = ()
    normalisation: Scaling = Scaling("minmax")
    aggregation: Aggregation = Aggregation()
    rescale_dimensions: Scaling | None = None
    rescale_index: Scaling | None = None
    flag_threshold: float | None = None
    file: str = field(default="<text>", compare=False, repr=False)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """All indicators, in method order."""
        return tuple(ind for dim in self.dimensions for ind in dim.indicators)

    @property
    def indicator_columns(self) -> tuple[str, ...]:
        """Column names of all indicators, in method order."""
        return tuple(ind.column for ind in self.indicators)

    @property
    def dimension_ids(self) -> tuple[str, ...]:
        """Dimension ids, in method order."""
        return tuple(dim.id for dim in self.dimensions)

    @property
    def weights(self) -> dict[str, float]:
        """Dimension weights by dimension id."""
        return {dim.id: dim.weight for dim in self.dimensions}

    def with_weights(self, weights: Mapping[str, float]) -> Method:
        """Return a copy with new weights for some or all dimensions.

        Parameters
        ----------
        weights : mapping of str to float
            Dimension id to new weight (>= 0); dimensions not named keep theirs.

        Returns
        -------
        Method
            The modified copy.

        Raises
        ------
        MethodError
            For an unknown dimension id or a negative or non-numeric weight.
        """
        known = set(self.dimension_ids)
        for key, value in weights.items():
            if key not in known:
                raise MethodError(
                    f"Okänd dimension '{key}'. Kända dimensioner: {', '.join(self.dimension_ids)} "
                    "(unknown dimension id).",
                    file=self.file,
                    key=f"weights.{key}",
                )
            _check_weight(value, self.file, f"weights.{key}")
        dims = tuple(
            replace(dim, weight=float(weights[dim.id])) if dim.id in weights else dim
            for dim in self.dimensions
        )
        return replace(self, dimensions=dims)

    def without_indicators(self, columns: Iterable[str]) -> Method:
        """Return a copy without the given indicators; dimensions left empty are dropped.

        Parameters
        ----------
        columns : iterable of str
            Indicator columns to drop.

        Returns
        -------
        Method
            The modified copy.

        Raises
        ------
        MethodError
            For a column that is not an indicator of the method, or when no
            indicator would remain.
        """
        drop = set(columns)
        unknown = sorted(drop - set(self.indicator_columns))
        if unknown:
            raise MethodError(
                f"Indikatorn '{unknown[0]}' finns inte i metoden (unknown indicator column).",
                file=self.file,
                key=f"indicators.{unknown[0]}",
            )
        dims = []
        for dim in self.dimensions:
            kept = tuple(ind for ind in dim.indicators if ind.column not in drop)
            if kept:
                dims.append(replace(dim, indicators=kept))
        if not dims:
            raise MethodError(
                "Inga indikatorer skulle finnas kvar i metoden (no indicators would remain).",
                file=self.file,
                key="dimensions",
            )
        return replace(self, dimensions=tuple(dims))

    def with_goalposts(self, goalposts: Mapping[str, tuple[float, float]]) -> Method:
        """Return a copy that normalises with fixed goalposts (for follow-up over time).

        Parameters
        ----------
        goalposts : mapping of str to (float, float)
            Indicator column to ``(lo, hi)`` in raw units. Every indicator must
            end up with goalposts: those not named must already have them.

        Returns
        -------
        Method
            A copy with ``normalisation.method = "goalposts"`` (range and
            decimals kept) and the goalposts set.

        Raises
        ------
        MethodError
            For an unknown column, ``lo >= hi``, or an indicator without goalposts.
        """
        columns = set(self.indicator_columns)
        for column, pair in goalposts.items():
            if column not in columns:
                raise MethodError(
                    f"Indikatorn '{column}' finns inte i metoden (unknown indicator column).",
                    file=self.file,
                    key=f"goalposts.{column}",
                )
            _check_goalposts(pair, self.file, f"goalposts.{column}")
        dims = []
        for d, dim in enumerate(self.dimensions):
            inds = []
            for i, ind in enumerate(dim.indicators):
                pair = goalposts.get(ind.column, ind.goalposts)
                if pair is None:
                    raise MethodError(
                        f"Indikatorn '{ind.column}' saknar målvärden (goalposts missing).",
                        file=self.file,
                        key=f"dimensions[{d}].indicators[{i}].goalposts",
                    )
                inds.append(replace(ind, goalposts=(float(pair[0]), float(pair[1]))))
            dims.append(replace(dim, indicators=tuple(inds)))
        return replace(
            self,
            dimensions=tuple(dims),
            normalisation=replace(self.normalisation, method="goalposts"),
        )


# --------------------------------------------------------------------------- checks


def _type_sv(value: object) -> str:
    if isinstance(value, bool):
        return "sant/falskt"
    if isinstance(value, int | float):
        return "ett tal"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en tabell"
    return type(value).__name__


def _is_number(value: object) -> bool:
    # TOML booleans are Python bools, which are ints: refuse them explicitly.
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_weight(value: object, file: str, key: str) -> float:
    if not _is_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
        raise MethodError(
            f"Vikten ska vara ett tal, men är {_type_sv(value)} (weight must be a number).",
            file=file,
            key=key,
        )
    if float(value) < 0:  # type: ignore[arg-type]
        raise MethodError(
            f"Vikten får inte vara negativ, men är {value} (weight must be >= 0).",
            file=file,
            key=key,
        )
    return float(value)  # type: ignore[arg-type]


def _check_goalposts(value: object, file: str, key: str) -> tuple[float, float]:
    if (
        not isinstance(value, list | tuple)
        or len(value) != 2
        or not all(_is_number(v) and math.isfinite(float(v)) for v in value)
    ):
        raise MethodError(
            "Målvärdena (goalposts) ska vara en lista med två tal [lägsta, högsta] "
            "(goalposts must be [lo, hi]).",
            file=file,
            key=key,
        )
    lo, hi = float(value[0]), float(value[1])
    if not lo < hi:
        raise MethodError(
            f"Målvärdena (goalposts) måste ha lägsta < högsta, men är [{value[0]}, {value[1]}] "
            "(goalposts need lo < hi).",
            file=file,
            key=key,
        )
    return lo, hi


class _Reader:
    """Typed access to the parsed TOML with MethodErrors that name the key."""

    def __init__(self, file: str):
        self.file = file

    def error(self, key: str, message: str) -> MethodError:
        return MethodError(message, file=self.file, key=key)

    def table(self, value: object, key: str, allowed: Iterable[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(
                key, f"Ska vara en tabell, men är {_type_sv(value)} (expected a table)."
            )
        allowed = tuple(allowed)
        for name in value:
            if name not in allowed:
                path = f"{key}.{name}" if key else name
                raise self.error(
                    path,
                    f"Okänd nyckel '{name}'. Tillåtna nycklar här: {', '.join(allowed)} "
                    "(unknown key).",
                )
        return value

    def require(self, table: dict[str, Any], name: str, key: str) -> object:
        if name not in table:
            path = f"{key}.{name}" if key else name
            raise self.error(path, f"Nyckeln '{name}' saknas (missing key).")
        return table[name]

    def string(self, value: object, key: str) -> str:
        if not isinstance(value, str):
            raise self.error(key, f"Ska vara text, men är {_type_sv(value)} (expected a string).")
        if not value.strip():
            raise self.error(key, "Får inte vara tom (must not be empty).")
        return value

    def identifier(self, value: object, key: str) -> str:
        text = self.string(value, key)
        if not _ID_PATTERN.fullmatch(text) or text in _RESERVED_IDS:
            raise self.error(
                key,
                f"Ogiltigt id '{text}': använd bokstäver, siffror, '_' eller '-' (inte 'index') "
                "(invalid id).",
            )
        return text

    def number(self, value: object, key: str) -> float:
        if not _is_number(value) or not math.isfinite(float(value)):  # type: ignore[arg-type]
            raise self.error(
                key, f"Ska vara ett tal, men är {_type_sv(value)} (expected a number)."
            )
        return float(value)  # type: ignore[arg-type]

    def choice(self, value: object, key: str, options: Iterable[str]) -> str:
        options = tuple(options)
        text = self.string(value, key)
        if text not in options:
            raise self.error(
                key,
                f"Okänt värde '{text}'. Tillåtna värden: {', '.join(options)} (unknown value).",
            )
        return text

    def decimals(self, value: object, key: str) -> int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(
                key, f"Ska vara ett heltal, men är {_type_sv(value)} (expected an integer)."
            )
        if not 0 <= value <= MAX_DECIMALS:
            raise self.error(
                key, f"Antalet decimaler måste vara 0–{MAX_DECIMALS} (decimals out of range)."
            )
        return value

    def range_(self, value: object, key: str) -> tuple[float, float]:
        if not isinstance(value, list) or len(value) != 2:
            raise self.error(
                key, "Ska vara en lista med två tal [lägsta, högsta] (expected [low, high])."
            )
        lo = self.number(value[0], f"{key}[0]")
        hi = self.number(value[1], f"{key}[1]")
        if not lo < hi:
            raise self.error(key, "Intervallet måste ha lägsta < högsta (range needs low < high).")
        return lo, hi

    def text(self, value: object, key: str) -> Text:
        # A plain string is shorthand for the same text in both languages.
        if isinstance(value, str):
            text = self.string(value, key)
            return Text(sv=text, en=text)
        table = self.table(value, key, ("sv", "en"))
        sv = self.string(self.require(table, "sv", key), f"{key}.sv")
        en = self.string(table["en"], f"{key}.en") if "en" in table else sv
        return Text(sv=sv, en=en)

    def array_of_tables(self, value: object, key: str) -> list[object]:
        if not isinstance(value, list):
            raise self.error(
                key, f"Ska vara en lista av tabeller, men är {_type_sv(value)} (expected [[...]])."
            )
        if not value:
            raise self.error(key, "Listan får inte vara tom (must not be empty).")
        return value

    def scaling(self, value: object, key: str, options: Iterable[str]) -> Scaling:
        table = self.table(value, key, ("method", "range", "decimals"))
        method = self.choice(self.require(table, "method", key), f"{key}.method", options)
        range_ = self.range_(table["range"], f"{key}.range") if "range" in table else (0.0, 100.0)
        decimals = (
            self.decimals(table["decimals"], f"{key}.decimals") if "decimals" in table else None
        )
        return Scaling(method=method, range=range_, decimals=decimals)


# --------------------------------------------------------------------------- parsing


def _parse_indicator(r: _Reader, value: object, key: str) -> Indicator:
    table = r.table(value, key, ("column", "direction", "weight", "goalposts", "title"))
    column = r.string(r.require(table, "column", key), f"{key}.column")
    direction = r.choice(r.require(table, "direction", key), f"{key}.direction", DIRECTIONS)
    weight = _check_weight(table["weight"], r.file, f"{key}.weight") if "weight" in table else 1.0
    goalposts = (
        _check_goalposts(table["goalposts"], r.file, f"{key}.goalposts")
        if "goalposts" in table
        else None
    )
    title = r.text(table["title"], f"{key}.title") if "title" in table else None
    return Indicator(column, direction, weight, goalposts, title)


def _parse_dimension(r: _Reader, value: object, key: str) -> Dimension:
    table = r.table(value, key, ("id", "title", "weight", "indicators"))
    dim_id = r.identifier(r.require(table, "id", key), f"{key}.id")
    title = r.text(r.require(table, "title", key), f"{key}.title")
    weight = _check_weight(r.require(table, "weight", key), r.file, f"{key}.weight")
    items = r.array_of_tables(r.require(table, "indicators", key), f"{key}.indicators")
    indicators = tuple(
        _parse_indicator(r, item, f"{key}.indicators[{i}]") for i, item in enumerate(items)
    )
    return Dimension(dim_id, title, weight, indicators)


def _cross_checks(r: _Reader, method: Method) -> None:
    seen_dims: dict[str, int] = {}
    seen_cols: dict[str, str] = {}
    for d, dim in enumerate(method.dimensions):
        if dim.id in seen_dims:
            raise r.error(
                f"dimensions[{d}].id",
                f"Dimensions-id '{dim.id}' förekommer redan i dimensions[{seen_dims[dim.id]}] "
                "(duplicate dimension id).",
            )
        seen_dims[dim.id] = d
        for i, ind in enumerate(dim.indicators):
            key = f"dimensions[{d}].indicators[{i}]"
            if ind.column in seen_cols:
                raise r.error(
                    f"{key}.column",
                    f"Indikatorkolumnen '{ind.column}' förekommer redan i {seen_cols[ind.column]} "
                    "(duplicate indicator column).",
                )
            seen_cols[ind.column] = key
            if ind.column == method.id_column:
                raise r.error(
                    f"{key}.column",
                    f"Indikatorkolumnen '{ind.column}' är samma som id-kolumnen "
                    "(indicator column equals the id column).",
                )
            uses_goalposts = method.normalisation.method == "goalposts"
            if uses_goalposts and ind.goalposts is None:
                raise r.error(
                    f"{key}.goalposts",
                    "Normaliseringen är 'goalposts', så varje indikator behöver målvärden "
                    "[lägsta, högsta] (goalposts required).",
                )
            if not uses_goalposts and ind.goalposts is not None:
                raise r.error(
                    f"{key}.goalposts",
                    "Målvärden (goalposts) används bara när normalisation.method = 'goalposts' "
                    "(goalposts given but not used).",
                )
    norm = method.normalisation
    # Some normalisations always produce a zero or negative value, which a
    # geometric mean cannot take: better to say so now than at scoring time.
    non_positive = norm.method in ("zscore", "percent_rank") or (
        norm.method in ("minmax", "goalposts") and norm.range[0] <= 0
    )
    for name in ("within", "across"):
        if getattr(method.aggregation, name) == "geometric_mean" and non_positive:
            raise r.error(
                f"aggregation.{name}",
                f"Geometriskt medelvärde kräver värden större än noll, men normaliseringen "
                f"'{norm.method}' ger värden som är noll eller negativa. Använd till exempel "
                "method = 'minmax' med range = [1, 100] (geometric mean needs positive values).",
            )


def parse_method(text: str, file: str = "<text>") -> Method:
    """Parse and validate a method from TOML text.

    Parameters
    ----------
    text : str
        The TOML document.
    file : str, default "<text>"
        Name used in error messages and kept on the method.

    Returns
    -------
    Method
        The validated method.

    Raises
    ------
    MethodError
        For TOML syntax errors (with the line), missing keys, wrong types,
        unknown keys or values, negative weights, duplicate ids or columns,
        invalid goalposts or ``min_share`` outside [0, 1].
    """
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_POSITION.search(str(exc))
        line = int(found.group(1)) if found else None
        where = f"på rad {found.group(1)}, kolumn {found.group(2)}" if found else ""
        raise MethodError(
            f"Ogiltig TOML-syntax {where}: {exc} (TOML syntax error).".replace("  ", " "),
            file=file,
            line=line,
        ) from exc

    r = _Reader(file)
    root = r.table(
        doc, "", ("method", "normalisation", "aggregation", "rescale", "flags", "dimensions")
    )

    meta = r.table(
        r.require(root, "method", ""),
        "method",
        ("id", "title", "description", "source", "id_column", "missing_values"),
    )
    method_id = r.identifier(r.require(meta, "id", "method"), "method.id")
    title = r.text(r.require(meta, "title", "method"), "method.title")
    description = r.text(r.require(meta, "description", "method"), "method.description")
    source = r.string(r.require(meta, "source", "method"), "method.source")
    id_column = r.string(r.require(meta, "id_column", "method"), "method.id_column")
    missing_values: tuple[float, ...] = ()
    if "missing_values" in meta:
        raw = meta["missing_values"]
        if not isinstance(raw, list):
            raise r.error(
                "method.missing_values",
                f"Ska vara en lista med tal, men är {_type_sv(raw)} (expected a list of numbers).",
            )
        missing_values = tuple(
            r.number(v, f"method.missing_values[{i}]") for i, v in enumerate(raw)
        )

    normalisation = r.scaling(r.require(root, "normalisation", ""), "normalisation", METHODS)

    agg = r.table(
        r.require(root, "aggregation", ""),
        "aggregation",
        ("within", "across", "min_share", "decimals"),
    )
    within = r.choice(r.require(agg, "within", "aggregation"), "aggregation.within", HOW)
    across = r.choice(r.require(agg, "across", "aggregation"), "aggregation.across", HOW)
    min_share = 1.0
    if "min_share" in agg:
        min_share = r.number(agg["min_share"], "aggregation.min_share")
        if not 0.0 <= min_share <= 1.0:
            raise r.error(
                "aggregation.min_share",
                f"min_share måste ligga mellan 0 och 1, men är {agg['min_share']} "
                "(min_share must be in [0, 1]).",
            )
    agg_decimals = (
        r.decimals(agg["decimals"], "aggregation.decimals") if "decimals" in agg else None
    )
    aggregation = Aggregation(within, across, min_share, agg_decimals)

    rescale_dimensions = rescale_index = None
    if "rescale" in root:
        rescale = r.table(root["rescale"], "rescale", ("dimensions", "index"))
        if "dimensions" in rescale:
            rescale_dimensions = r.scaling(
                rescale["dimensions"], "rescale.dimensions", RESCALE_METHODS
            )
        if "index" in rescale:
            rescale_index = r.scaling(rescale["index"], "rescale.index", RESCALE_METHODS)

    flag_threshold = None
    if "flags" in root:
        flags = r.table(root["flags"], "flags", ("threshold",))
        flag_threshold = r.number(r.require(flags, "threshold", "flags"), "flags.threshold")

    items = r.array_of_tables(r.require(root, "dimensions", ""), "dimensions")
    dimensions = tuple(
        _parse_dimension(r, item, f"dimensions[{d}]") for d, item in enumerate(items)
    )

    method = Method(
        id=method_id,
        title=title,
        description=description,
        source=source,
        id_column=id_column,
        dimensions=dimensions,
        missing_values=missing_values,
        normalisation=normalisation,
        aggregation=aggregation,
        rescale_dimensions=rescale_dimensions,
        rescale_index=rescale_index,
        flag_threshold=flag_threshold,
        file=file,
    )
    _cross_checks(r, method)
    return method


def load_method(path: str | Path) -> Method:
    """Read, parse and validate a method file.

    Parameters
    ----------
    path : str or pathlib.Path
        The TOML file.

    Returns
    -------
    Method
        The validated method; ``method.file`` is ``str(path)``.

    Raises
    ------
    MethodError
        If the file cannot be read as UTF-8 text or is not a valid method.
    """
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise MethodError("Filen finns inte (file not found).", file=name) from exc
    except UnicodeDecodeError as exc:
        raise MethodError("Filen är inte UTF-8-kodad text (file is not UTF-8).", file=name) from exc
    except OSError as exc:
        raise MethodError(f"Filen kan inte läsas: {exc} (cannot read file).", file=name) from exc
    return parse_method(text, file=name)


# --------------------------------------------------------------------------- writing


def _plain_number(value: float) -> int | float:
    # Whole numbers are written without ".0" so files stay as people write them.
    if value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def _text_dict(text: Text) -> dict[str, str]:
    return {"sv": text.sv, "en": text.en}


def _scaling_dict(scaling: Scaling) -> dict[str, Any]:
    out: dict[str, Any] = {"method": scaling.method}
    if scaling.method in ("minmax", "goalposts") or scaling.range != (0.0, 100.0):
        out["range"] = [_plain_number(v) for v in scaling.range]
    if scaling.decimals is not None:
        out["decimals"] = scaling.decimals
    return out


def method_to_toml(method: Method) -> str:
    """Write a method as TOML text that :func:`parse_method` reads back unchanged.

    Parameters
    ----------
    method : Method
        The method to write.

    Returns
    -------
    str
        TOML text; ``parse_method(method_to_toml(m)) == m``.
    """
    meta: dict[str, Any] = {
        "id": method.id,
        "title": _text_dict(method.title),
        "description": _text_dict(method.description),
        "source": method.source,
        "id_column": method.id_column,
    }
    if method.missing_values:
        meta["missing_values"] = [_plain_number(v) for v in method.missing_values]
    agg = method.aggregation
    aggregation: dict[str, Any] = {
        "within": agg.within,
        "across": agg.across,
        "min_share": _plain_number(agg.min_share),
    }
    if agg.decimals is not None:
        aggregation["decimals"] = agg.decimals
    doc: dict[str, Any] = {
        "method": meta,
        "normalisation": _scaling_dict(method.normalisation),
        "aggregation": aggregation,
    }
    rescale: dict[str, Any] = {}
    if method.rescale_dimensions is not None:
        rescale["dimensions"] = _scaling_dict(method.rescale_dimensions)
    if method.rescale_index is not None:
        rescale["index"] = _scaling_dict(method.rescale_index)
    if rescale:
        doc["rescale"] = rescale
    if method.flag_threshold is not None:
        doc["flags"] = {"threshold": _plain_number(method.flag_threshold)}
    dims = []
    for dim in method.dimensions:
        inds = []
        for ind in dim.indicators:
            item: dict[str, Any] = {
                "column": ind.column,
                "direction": ind.direction,
                "weight": _plain_number(ind.weight),
            }
            if ind.goalposts is not None:
                item["goalposts"] = [_plain_number(v) for v in ind.goalposts]
            if ind.title is not None:
                item["title"] = _text_dict(ind.title)
            inds.append(item)
        dims.append(
            {
                "id": dim.id,
                "title": _text_dict(dim.title),
                "weight": _plain_number(dim.weight),
                "indicators": inds,
            }
        )
    doc["dimensions"] = dims
    return tomli_w.dumps(doc)


def weighted_method_toml(method: Method, weights: Mapping[str, float]) -> str:
    """``method_to_toml(method.with_weights(weights))``, from a text written once per method.

    A slider move asks for the method file with new weights; writing the whole
    file each time costs more than the rest of the share panel. The file is
    written once per method with a placeholder for each dimension's weight, and
    the weights are put in, formatted exactly as :func:`method_to_toml` does
    (:func:`weighted_method_parts`, which takes the same arguments and raises
    the same errors).

    Returns
    -------
    str
        The same text as ``method_to_toml(method.with_weights(weights))``.
    """
    parts, values = weighted_method_parts(method, weights)
    text = [parts[0]]
    for value, part in zip(values, parts[1:], strict=True):
        text.append(value)
        text.append(part)
    return "".join(text)


def weighted_method_parts(
    method: Method, weights: Mapping[str, float]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """:func:`weighted_method_toml` in pieces: the text around the weights, and the weights.

    The first is the same for every weighting of a method, so a page can hold
    it once and join it with the second: ``parts[0] + values[0] + parts[1] +
    ... + values[-1] + parts[-1]`` is the file.

    Parameters
    ----------
    method : Method
        The method (hashable: its template is remembered).
    weights : mapping of str to float
        Dimension id to new weight (>= 0); dimensions not named keep theirs.

    Returns
    -------
    tuple of (tuple of str, tuple of str)
        ``parts`` (one more than the dimensions) and ``values``, each
        dimension's weight as :func:`method_to_toml` writes it, in file order.

    Raises
    ------
    MethodError
        As :meth:`Method.with_weights`.
    """
    weighted = method.with_weights(weights)
    parts, dimension_ids = _weight_template(method)
    by_id = {d.id: d.weight for d in weighted.dimensions}
    return parts, tuple(_toml_number(by_id[d]) for d in dimension_ids)


@functools.lru_cache(maxsize=64)
def _weight_template(method: Method) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The method's TOML text cut at each dimension's weight value, and the dimensions in order."""
    # A placeholder no other value in the file can be: a weight line holding it is
    # found by its exact text.
    marks = {d.id: i + 0.123456789012345 for i, d in enumerate(method.dimensions, start=1)}
    text = method_to_toml(method.with_weights(marks))
    parts, ids = [], []
    rest = text
    for dim in method.dimensions:
        line = f"weight = {_toml_number(marks[dim.id])}\n"
        if rest.count(line) != 1:
            raise RuntimeError(f"the weight of {dim.id} is not where it was expected")
        before, rest = rest.split(line, 1)
        parts.append(before + "weight = ")
        rest = "\n" + rest
        ids.append(dim.id)
    parts.append(rest)
    return tuple(parts), tuple(ids)


def _toml_number(value: float) -> str:
    """A number as :func:`method_to_toml` writes it."""
    return tomli_w.dumps({"v": _plain_number(value)})[len("v = ") : -1]
