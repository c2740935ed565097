"""``python -m areaindex add-indicator FILE --meta META.toml``: the city's own figures, for good.

The app's upload (:mod:`areaindex.uploads`) adds an indicator for one session;
this command adds it to the committed data, so that every later build and every
user sees it. The data file is read by the very same reader, with the same
checks and messages; the meta file (TOML) says what the figures are: names,
definition, dimension, direction, unit, source, licence, whether they are
official statistics, and which columns hold which year. Everything is checked,
including a full merge with the committed data as ``build`` will do it, before
anything is written; then ``data/added/<id>.csv`` and ``<id>.toml`` are written
by atomic renames (see :mod:`areaindex.store.added`). A problem gets a message in
Swedish (English with ``--lang en``) naming the file and key, exit code 2, and
nothing changes.

Values must be given per RegSO. With counts (``numerator`` and ``denominator``)
larger areas are recomputed exactly from summed counts; with shares only
(``value``) they are a weighted mean of RegSO values, the weight being a count
column of the file (``weight``, e.g. respondents) or else SCB's population of
the same year, and are marked approximate.
"""

from __future__ import annotations

import argparse
import math
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from areaindex.data_errors import AreaIndexError
from areaindex.i18n import LANGUAGES, t
from areaindex.store import added, divisions
from areaindex.store.build import ROOT, load_inputs
from areaindex.store.catalogue import (
    DIRECTIONS,
    KINDS,
    SEXES,
    Catalogue,
    Indicator,
    load_catalogue,
)
from areaindex.store.dataset import Dataset
from areaindex.store.longtable import LONG_COLUMNS
from areaindex.uploads import DEFAULT_MAX_BYTES, UploadError, UploadResult, read_indicator_file

EXIT_OK = 0
EXIT_INPUT_ERROR = 2

TEXT_KEYS = ("name_sv", "name_en", "definition_sv", "definition_en", "unit", "source", "licence")
OPTIONAL_TEXT_KEYS = ("note_sv", "note_en")
# Keys that a replacing indicator takes from the one it replaces when left out.
INHERITED_KEYS = ("dimension", "direction", "kind")
META_KEYS = (
    "id",
    "replaces",
    *TEXT_KEYS,
    *OPTIONAL_TEXT_KEYS,
    "official",
    *INHERITED_KEYS,
    "decimals",
    "scale",
    "columns",
)
COLUMN_KEYS = ("year", "sex", "value", "numerator", "denominator", "weight")
YEARS = (1990, 2100)
OTHER_COLUMNS = "Fler sifferkolumner"  # the reader's notice on columns not chosen


class AddIndicatorError(AreaIndexError):
    """The data or meta file cannot be added; the message is in the user's language."""


@dataclass(frozen=True)
class _Column:
    """One ``[[columns]]`` entry: which columns of the file hold one year and sex."""

    year: int
    sex: str
    value: str | None
    numerator: str | None
    denominator: str | None
    weight: str | None

    @property
    def counts(self) -> bool:
        return self.numerator is not None


@dataclass(frozen=True)
class Added:
    """What :func:`add_indicator` wrote, and what the reader noticed on the way."""

    entry: added.AddedIndicator
    notices: tuple[str, ...]


def add_indicator(
    file: str | Path,
    meta: str | Path,
    root: str | Path = ROOT,
    *,
    update: bool = False,
    lang: str = "sv",
) -> Added:
    """Check a data file and its meta file and add the indicator to ``root``'s data.

    Parameters
    ----------
    file : str or Path
        The data file: CSV/text or ``.xlsx``, one row per RegSO (as the upload reads).
    meta : str or Path
        The meta file (TOML); format in ``data/README.md``.
    root : str or Path
        The project root holding ``data/`` and ``geodata/``.
    update : bool, default False
        Replace an indicator added earlier under the same id.
    lang : {"sv", "en"}
        Language of the messages (the reader's own messages are Swedish).

    Returns
    -------
    Added
        The written entry and the reader's notices.

    Raises
    ------
    AddIndicatorError
        Naming the file and key or row at fault; nothing has been written.
    """
    root, file, meta = Path(root), Path(file), Path(meta)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise AddIndicatorError(t("addind.no_file", lang, file=file, error=exc.strerror)) from exc
    inputs = _load(root, lang)
    base = load_catalogue(root / "data" / "catalogue.toml")
    existing = {e.id for e in added.read_added(root)}
    spec = read_meta(meta, base, existing, update=update, lang=lang)
    dataset = reader_dataset(inputs)
    results = _read_columns(data, file, spec["columns"], dataset, lang)
    codes = sorted(inputs["regso"]["regso"])  # type: ignore[index]
    population = inputs["values"]  # type: ignore[assignment]
    names = dataset.unit_names("regso")
    areas = {c: f"{c} ({names[c]})" for c in codes}
    entry = _entry(spec, results, codes, population, file, root, lang, areas)
    try:
        load_inputs(root, pending=[entry])  # exactly the checks and merge of the next build
    except AreaIndexError as exc:
        raise AddIndicatorError(t("addind.invalid", lang, message=exc)) from exc
    added.write_entry(entry)
    # The meta file names every column, so the reader's hint at other columns is moot.
    notices = [n for r in results.values() for n in r.notices if not n.startswith(OTHER_COLUMNS)]
    notices += partial_areas(entry.values, inputs["omraden"], lang)  # type: ignore[arg-type]
    return Added(entry, tuple(dict.fromkeys(notices)))


def partial_areas(values: pd.DataFrame, omraden: pd.DataFrame, lang: str = "sv") -> list[str]:
    """A notice naming the 14 areas whose value rests on only some of their RegSO.

    Larger areas are computed from the RegSO that have values; where some lack
    one (too few respondents, say), the user should know.
    """
    total = values[values["sex"] == "total"]
    out = []
    for year, rows in total.groupby("year", sort=True):
        known = omraden["regso"].map(rows.set_index("unit")["value"].notna())
        some = known.groupby(omraden["omrade_namn"]).agg(["any", "all"])
        names = sorted(some.index[some["any"] & ~some["all"]], key=str.casefold)
        if names:
            out.append(t("addind.partial", lang, year=year, n=len(names), areas=", ".join(names)))
    return out


def _load(root: Path, lang: str) -> dict[str, object]:
    try:
        return load_inputs(root)
    except AreaIndexError as exc:
        raise AddIndicatorError(t("addind.invalid", lang, message=exc)) from exc


# --------------------------------------------------------------------------- meta file


def read_meta(
    path: Path,
    catalogue: Catalogue,
    existing: set[str] = frozenset(),  # type: ignore[assignment]
    *,
    update: bool = False,
    lang: str = "sv",
) -> dict[str, Any]:
    """Read and check a meta file against the catalogue ``prepare`` wrote.

    Returns
    -------
    dict
        Every catalogue field of the new indicator plus ``replaces`` and
        ``columns`` (a list of :class:`_Column`).

    Raises
    ------
    AddIndicatorError
        Naming the meta file and the key that is missing, unknown or invalid.
    """
    name = str(path)

    def fail(text_key: str, **fields: object) -> None:
        raise AddIndicatorError(t(text_key, lang, file=name, **fields))

    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AddIndicatorError(t("addind.no_file", lang, file=name, error=exc.strerror)) from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AddIndicatorError(t("addind.meta_toml", lang, file=name, error=exc)) from exc
    for key in doc:
        if key not in META_KEYS:
            fail("addind.meta_unknown", meta_key=key, keys=", ".join(META_KEYS))
    illustrative = {i.id: i for i in catalogue.indicators if i.illustrative}
    replaces = doc.get("replaces")
    old: Indicator | None = None
    if replaces is not None:
        old = illustrative.get(replaces) if isinstance(replaces, str) else None
        if old is None:
            fail("addind.meta_replaces", value=replaces, choices=", ".join(illustrative))
        if doc.get("id", replaces) != replaces:
            fail("addind.meta_id_replaces", value=doc["id"], replaces=replaces)
    if "id" not in doc and old is None:
        fail("addind.meta_missing", meta_key="id", hint=t("addind.hint.id", lang))
    indicator_id = doc.get("id", replaces)
    if not isinstance(indicator_id, str) or added.ID_PATTERN.fullmatch(indicator_id) is None:
        fail("addind.meta_id", value=indicator_id)
    if old is None and indicator_id in catalogue.ids:
        fail("addind.meta_id_taken", value=indicator_id)
    required_hint = t("addind.hint.required", lang)
    out: dict[str, Any] = {"id": indicator_id, "replaces": replaces}
    for key in (*TEXT_KEYS, *OPTIONAL_TEXT_KEYS):
        if key not in doc:
            if key in OPTIONAL_TEXT_KEYS:
                out[key] = ""
                continue
            fail("addind.meta_missing", meta_key=key, hint=required_hint)
        if not isinstance(doc[key], str) or not doc[key].strip():
            fail("addind.meta_text", meta_key=key)
        out[key] = doc[key].strip()
    if "official" not in doc:
        fail("addind.meta_missing", meta_key="official", hint=required_hint)
    if not isinstance(doc["official"], bool):
        fail("addind.meta_bool", meta_key="official", value=repr(doc["official"]))
    out["status"] = "official" if doc["official"] else "illustrative"
    dims = [d.id for d in catalogue.dimensions]
    choices = {
        "dimension": (*dims, "context"),
        "direction": DIRECTIONS[:2],
        "kind": tuple(k for k in KINDS if k != "reference"),
    }
    for key in INHERITED_KEYS:
        if key not in doc:
            if old is None:
                fail("addind.meta_missing", meta_key=key, hint=required_hint)
            out[key] = getattr(old, key)
            continue
        if doc[key] not in choices[key]:
            fail(
                "addind.meta_choice", meta_key=key, value=doc[key], choices=", ".join(choices[key])
            )
        if old is not None and key != "kind" and doc[key] != getattr(old, key):
            fail(
                "addind.meta_same",
                meta_key=key,
                value=doc[key],
                old=getattr(old, key),
                replaces=old.id,
            )
        out[key] = doc[key]
    out["decimals"] = _integer(doc, "decimals", 1, (0, 6), name, lang)
    scale = doc.get("scale", 100.0 if "%" in out["unit"] else 1.0)
    if isinstance(scale, bool) or not isinstance(scale, int | float) or not scale > 0:
        fail("addind.meta_number", meta_key="scale", value=repr(scale))
    out["scale"] = float(scale)
    out["columns"] = _columns(doc.get("columns"), name, lang)
    if indicator_id in existing and not update:
        fail("addind.meta_exists", value=indicator_id)
    return out


def _integer(
    doc: dict[str, Any], key: str, default: int, bounds: tuple[int, int], name: str, lang: str
) -> int:
    value = doc.get(key, default)
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (bounds[0] <= value <= bounds[1])
    ):
        raise AddIndicatorError(
            t(
                "addind.meta_int",
                lang,
                file=name,
                meta_key=key,
                low=bounds[0],
                high=bounds[1],
                value=repr(value),
            )
        )
    return value


def _columns(items: object, name: str, lang: str) -> list[_Column]:
    if not isinstance(items, list) or not items:
        raise AddIndicatorError(t("addind.meta_columns", lang, file=name))
    out: list[_Column] = []
    seen: set[tuple[int, str]] = set()
    for n, item in enumerate(items, start=1):
        where = f"columns[{n}]"
        if not isinstance(item, dict):
            raise AddIndicatorError(t("addind.meta_columns", lang, file=name))
        for key in item:
            if key not in COLUMN_KEYS:
                raise AddIndicatorError(
                    t(
                        "addind.meta_unknown",
                        lang,
                        file=name,
                        meta_key=f"{where}.{key}",
                        keys=", ".join(COLUMN_KEYS),
                    )
                )
        if "year" not in item:
            raise AddIndicatorError(
                t(
                    "addind.meta_missing",
                    lang,
                    file=name,
                    meta_key=f"{where}.year",
                    hint=t("addind.hint.required", lang),
                )
            )
        year = _integer(item, "year", 0, YEARS, f"{name}, {where}", lang)
        sex = item.get("sex", "total")
        if sex not in SEXES:
            raise AddIndicatorError(
                t(
                    "addind.meta_choice",
                    lang,
                    file=name,
                    meta_key=f"{where}.sex",
                    value=sex,
                    choices=", ".join(SEXES),
                )
            )
        for key in ("value", "numerator", "denominator", "weight"):
            if key in item and (not isinstance(item[key], str) or not item[key].strip()):
                raise AddIndicatorError(
                    t("addind.meta_text", lang, file=name, meta_key=f"{where}.{key}")
                )
        column = _Column(
            year,
            sex,
            item.get("value"),
            item.get("numerator"),
            item.get("denominator"),
            item.get("weight"),
        )
        counts = column.numerator is not None and column.denominator is not None
        one = column.value is not None and column.numerator is None and column.denominator is None
        same_mode = not out or out[0].counts == counts
        if not (counts or one) or (counts and column.weight is not None) or not same_mode:
            raise AddIndicatorError(t("addind.meta_column_mode", lang, file=name, n=n))
        if (year, sex) in seen:
            raise AddIndicatorError(
                t("addind.meta_column_twice", lang, file=name, n=n, year=year, sex=sex)
            )
        seen.add((year, sex))
        out.append(column)
    for year in sorted({c.year for c in out}):
        if (year, "total") not in seen:
            raise AddIndicatorError(t("addind.meta_no_total", lang, file=name, year=year))
    return out


# --------------------------------------------------------------------------- data file


def reader_dataset(inputs: dict[str, object]) -> Dataset:
    """The names and ids of every unit, as :func:`read_indicator_file` matches them.

    Built from the committed division files, so the command needs no database.
    """
    member = divisions.membership(inputs["omraden"], inputs["stadsdelar"])  # type: ignore[arg-type]
    parts = []
    for level_id, rows in member.drop_duplicates(["level", "unit"]).groupby("level", sort=False):
        ordered = rows.assign(key=rows["unit_name"].str.casefold()).sort_values(["key", "unit"])
        parts.append(
            pd.DataFrame(
                {
                    "level": level_id,
                    "unit": ordered["unit"].to_numpy(),
                    "name": ordered["unit_name"].to_numpy(),
                    "unit_order": range(len(ordered)),
                }
            )
        )
    return Dataset(
        catalogue=inputs["catalogue"],  # type: ignore[arg-type]
        levels=divisions.LEVELS,
        units=pd.concat(parts, ignore_index=True),
        values=pd.DataFrame(),
        geometries={},
    )


def _read_columns(
    data: bytes, file: Path, columns: list[_Column], dataset: Dataset, lang: str
) -> dict[str, UploadResult]:
    """Every named column of the file, read by the upload's reader; RegSO only."""
    wanted = [
        c for col in columns for c in (col.value, col.numerator, col.denominator, col.weight) if c
    ]
    results: dict[str, UploadResult] = {}
    for column in dict.fromkeys(wanted):
        try:
            result = read_indicator_file(
                data,
                str(file),
                dataset,
                max_bytes=DEFAULT_MAX_BYTES,
                value_column=column,
                lang=lang,
            )
        except UploadError as exc:
            raise AddIndicatorError(t("addind.upload", lang, message=exc)) from exc
        if result.level != "regso":
            level = divisions.level(result.level).name(lang)
            raise AddIndicatorError(
                t("addind.level", lang, file=file, column=result.value_column, level=level)
            )
        if result.values.isna().all():
            raise AddIndicatorError(
                t("addind.empty_column", lang, file=file, column=result.value_column)
            )
        results[column] = result
    return results


def _entry(
    spec: dict[str, Any],
    results: dict[str, UploadResult],
    codes: list[str],
    values: pd.DataFrame,
    file: Path,
    root: Path,
    lang: str,
    areas: dict[str, str],
) -> added.AddedIndicator:
    """The catalogue entry and long-form values of the new indicator."""
    columns: list[_Column] = spec["columns"]
    counts = columns[0].counts
    rows = []
    for col in columns:
        part = pd.DataFrame({"unit": codes, "indicator": spec["id"], "year": col.year})
        part["sex"] = col.sex
        if counts:
            num = _counts(results[col.numerator], codes, file, lang, areas)  # type: ignore[index]
            den = _counts(results[col.denominator], codes, file, lang, areas)  # type: ignore[index]
            _check_pairs(num, den, col, file, lang, areas)
            with np.errstate(divide="ignore", invalid="ignore"):
                known = num.notna() & (den > 0)
                part["value"] = (spec["scale"] * num / den).where(known).to_numpy()
            part["numerator"] = num.where(known).to_numpy()
            part["denominator"] = den.where(known).to_numpy()
        else:
            value = results[col.value].values.reindex(codes)  # type: ignore[index]
            if col.weight is not None:
                weight = _counts(results[col.weight], codes, file, lang, areas)
                lacking = value.notna() & weight.isna()
                if lacking.any():
                    raise AddIndicatorError(
                        t(
                            "addind.weight_missing",
                            lang,
                            file=file,
                            area=areas[lacking.idxmax()],
                            column=results[col.weight].value_column,
                        )
                    )
            else:
                weight = _population(values, col.year, codes)
            part["value"] = value.to_numpy()
            part["numerator"] = np.nan
            part["denominator"] = weight.where(value.notna()).to_numpy()
        rows.append(part)
    long = pd.concat(rows, ignore_index=True)[list(LONG_COLUMNS)]
    long = long.sort_values(["unit", "indicator", "year", "sex"]).reset_index(drop=True)
    years = tuple(sorted({c.year for c in columns}))
    weight_basis, notes = "", []
    if spec["replaces"] is not None:
        notes.append("addind.note_replaces")
    if not counts:
        weights = sorted({c.weight for c in columns if c.weight})
        if weights:
            basis = {
                lg: t("addind.weight_column", lg, columns="', '".join(weights), file=file.name)
                for lg in LANGUAGES
            }
        else:
            basis = {
                lg: t("addind.weight_population", lg, years=", ".join(map(str, years)))
                for lg in LANGUAGES
            }
        weight_basis = basis["sv"]
    indicator = Indicator(
        id=spec["id"],
        name_sv=spec["name_sv"],
        name_en=spec["name_en"],
        definition_sv=spec["definition_sv"],
        definition_en=spec["definition_en"],
        dimension=spec["dimension"],
        direction=spec["direction"],
        unit=spec["unit"],
        source=spec["source"],
        years=years,
        status=spec["status"],
        kind=spec["kind"],
        aggregation="ratio" if counts else "weighted_mean",
        scale=spec["scale"] if counts else 1.0,
        decimals=spec["decimals"],
        source_geography="RegSO",
        sexes=tuple(s for s in ("total", "women", "men") if any(c.sex == s for c in columns)),
        licence=spec["licence"],
        note_sv=_note(spec["note_sv"], notes, counts, basis if not counts else None, "sv"),
        note_en=_note(spec["note_en"], notes, counts, basis if not counts else None, "en"),
        weight_basis=weight_basis,
    )
    path = added.folder(root) / f"{spec['id']}.toml"
    return added.AddedIndicator(indicator, long, spec["replaces"], file.name, path)


def _note(given: str, keys: list[str], counts: bool, basis: dict | None, lang: str) -> str:
    parts = [given] if given else []
    parts += [t(k, lang) for k in keys]
    if not counts and basis is not None:
        parts.append(t("addind.note_approximate", lang, weight=basis[lang]))
    return " ".join(parts)


def _counts(
    result: UploadResult, codes: list[str], file: Path, lang: str, areas: dict[str, str]
) -> pd.Series:
    """A count column: whole numbers ≥ 0 (or missing), indexed by RegSO code."""
    series = result.values.reindex(codes)
    for code, value in series.dropna().items():
        if value < 0 or not float(value).is_integer():
            raise AddIndicatorError(
                t(
                    "addind.whole",
                    lang,
                    file=file,
                    column=result.value_column,
                    area=areas[code],
                    value=_plain(value),
                )
            )
    return series


def _check_pairs(
    num: pd.Series,
    den: pd.Series,
    col: _Column,
    file: Path,
    lang: str,
    areas: dict[str, str],
) -> None:
    names = {"numerator": col.numerator, "denominator": col.denominator}
    # A missing numerator beside a known denominator is a suppressed figure (too few
    # respondents): the area lacks a value. A numerator without denominator is an error.
    half = num.notna() & den.isna()
    if half.any():
        raise AddIndicatorError(
            t("addind.pair", lang, file=file, area=areas[half.idxmax()], **names)  # type: ignore[arg-type]
        )
    zero = (den == 0) & (num > 0)
    if zero.any():
        code = zero.idxmax()
        raise AddIndicatorError(
            t(
                "addind.zero",
                lang,
                file=file,
                area=areas[code],
                denominator=col.denominator,
                value=_plain(num[code]),
            )
        )


def _population(values: pd.DataFrame, year: int, codes: list[str]) -> pd.Series:
    """SCB's population of ``year`` per RegSO, or of the nearest year it has (earlier on ties)."""
    pop = values[(values["indicator"] == "population") & (values["sex"] == "total")]
    years = sorted(pop["year"].unique())
    nearest = min(years, key=lambda y: (abs(y - year), y))
    return pop[pop["year"] == nearest].set_index("unit")["value"].reindex(codes).astype(float)


def _plain(value: float) -> str:
    return str(int(value)) if math.isfinite(value) and float(value).is_integer() else repr(value)


# --------------------------------------------------------------------------- list, remove


def list_added(root: str | Path = ROOT, lang: str = "sv") -> list[str]:
    """One line per added indicator (id, name, dimension, status, years, what it replaces)."""
    lines = []
    for entry in added.read_added(root):
        ind = entry.indicator
        lines.append(
            t(
                "addind.list_row",
                lang,
                id=ind.id,
                name=ind.name(lang),
                dimension=ind.dimension,
                status=t(f"addind.status.{ind.status}", lang),
                years=", ".join(map(str, ind.years)),
                replaces=t("addind.replaces", lang, id=entry.replaces) if entry.replaces else "",
                source=ind.source,
            )
        )
    return lines


def remove_added(root: str | Path, indicator_id: str, lang: str = "sv") -> str:
    """Remove an added indicator; the message says what to run next."""
    entries = {e.id: e for e in added.read_added(root)}
    if indicator_id not in entries:
        raise AddIndicatorError(
            t("addind.not_added", lang, id=indicator_id, ids=", ".join(entries) or "–")
        )
    removed = added.remove_entry(root, indicator_id)
    replaces = entries[indicator_id].replaces
    return t(
        "addind.removed",
        lang,
        id=indicator_id,
        files=", ".join(str(p) for p in removed),
        back=t("addind.removed_back", lang, id=replaces) if replaces else "",
    )


# --------------------------------------------------------------------------- command line


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register ``add-indicator`` on the command line."""
    parser = subparsers.add_parser(
        "add-indicator",
        help="add the city's own indicator file to the committed data (see data/README.md)",
        description=(
            "Lägg till en egen indikator (en rad per RegSO) i den incheckade datan, med "
            "katalogpost ur en metafil. (Add an indicator file to the committed data.)"
        ),
    )
    parser.add_argument("file", type=Path, nargs="?", help="data file: CSV or .xlsx, per RegSO")
    parser.add_argument("--meta", type=Path, help="meta file (TOML): names, source, columns …")
    parser.add_argument("--update", action="store_true", help="replace an indicator added before")
    parser.add_argument("--list", action="store_true", help="list the added indicators")
    parser.add_argument("--remove", metavar="ID", help="remove an added indicator")
    parser.add_argument("--root", type=Path, default=ROOT, help="project root with data/")
    parser.add_argument("--lang", choices=LANGUAGES, default="sv", help="language of messages")
    return parser


def run(args: argparse.Namespace) -> int:
    """Run ``add-indicator``: 0 on success, 2 with a message if anything is wrong."""
    lang = args.lang
    try:
        if args.list:
            lines = list_added(args.root, lang)
            print("\n".join(lines) if lines else t("addind.none", lang, folder=added.FOLDER))
            return EXIT_OK
        if args.remove:
            print(remove_added(args.root, args.remove, lang))
            return EXIT_OK
        if args.file is None or args.meta is None:
            raise AddIndicatorError(t("addind.usage", lang))
        result = add_indicator(args.file, args.meta, args.root, update=args.update, lang=lang)
    except AreaIndexError as exc:
        print(f"add-indicator: {exc}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except OSError as exc:
        print(f"add-indicator: {exc.filename}: {exc.strerror} (I/O error)", file=sys.stderr)
        return EXIT_INPUT_ERROR
    entry = result.entry
    for notice in result.notices:
        print(t("addind.notice", lang, text=notice))
    found = int(entry.values.query("sex == 'total'").groupby("unit")["value"].count().gt(0).sum())
    print(
        t(
            "addind.added",
            lang,
            id=entry.id,
            status=t(f"addind.status.{entry.indicator.status}", lang),
            replaces=t("addind.replaces", lang, id=entry.replaces) if entry.replaces else "",
            found=found,
            total=entry.values["unit"].nunique(),
            years=", ".join(map(str, entry.indicator.years)),
            toml=entry.path,
            csv=entry.values_path,
        )
    )
    return EXIT_OK
