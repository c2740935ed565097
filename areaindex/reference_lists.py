"""Public lists to hold the index against: the Police's vulnerable areas and Områdesprogrammet.

The lists name places, not statistical areas, and their boundaries are not
public. A hand-made, reviewed key (``geodata/referenslistor_regso.csv``) says
which RegSO each named area covers; it is approximate and marked so wherever
it is used.

"On the list" is defined once, here, for every level:

- a RegSO is on a list when the key maps it to a named area of that list;
- a larger area (14 areas, stadsdelar, stadsområden) is on a list when it
  contains at least one such RegSO, and takes the most severe category among
  them;
- for SCB's area type, an area counts when it contains at least one RegSO of
  type 1 or 2 (socio-economic challenges); a RegSO when it is of type 1 or 2.

Entries whose only source is not authoritative (``unconfirmed`` in
``data/referenslistor.toml``) are drawn on the map in a category of their own
but never counted as "on the list".

Build time: :func:`read_reference_lists` reads and validates the committed
files into two tables. Run time: the functions below read those tables from
the :class:`~areaindex.dataset.Dataset`; they are pure and never touch Streamlit.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from areaindex.classify import classify_categories
from areaindex.data_errors import SourceError
from areaindex.dataset import Dataset, indicator_frame
from areaindex.i18n import t
from areaindex.reference import AREA_TYPE, ReferenceLayer

SCB = "scb"  # the reference layer of SCB's area type (not a list)
META_FILE = "referenslistor.toml"
KEY_FILE = "referenslistor_regso.csv"
# Raw file (under ../shared/data) -> committed copy (under data/): the same name.
LIST_FILES = (
    "reference/polisen_utsatta_omraden_malmo.csv",
    "reference/omradesprogram_2010_2015.csv",
)
LIST_COLUMNS = {
    "polisen": ("year", "area_name_as_published", "police_category", "source_url"),
    "omradesprogram": ("programme", "area", "source_url"),
}
KEY_COLUMNS = (
    "lista",
    "ar",
    "omrade",
    "regso",
    "regso_namn",
    "matchning",
    "delomraden",
    "andel_av_regso",
    "ungefarlig",
    "kommentar",
)
MATCHES = ("namn", "yta", "manuell")
# Categories, least severe first; the code of a category is its position + 1 (0 = not on the list).
CATEGORIES = ("unconfirmed", "utsatt", "riskomrade", "sarskilt_utsatt", "omradesprogram")
NOT_LISTED = 0
NOT_LISTED_COLOUR = "#ffffff"
# One colour per category, the same in every year, from ColorBrewer's YlOrRd: darker = more
# serious, distinct in grey print too; an unconfirmed entry stays light.
CATEGORY_COLOURS = {
    "unconfirmed": "#fecc5c",
    "utsatt": "#fd8d3c",
    "riskomrade": "#f03b20",
    "sarskilt_utsatt": "#bd0026",
    "omradesprogram": "#bd0026",
}
CHALLENGED_TYPES = (1, 2)  # SCB area type 1-2: (major) socio-economic challenges
LIST_TABLES = ("reference_lists", "reference_areas")
# (reference, RegSO level?) -> text key: RegSO "are on" a list, larger areas contain one.
SENTENCE_KEYS = {
    ("polisen", False): "reflists.sentence.polisen.areas",
    ("polisen", True): "reflists.sentence.polisen.regso",
    ("omradesprogram", False): "reflists.sentence.omradesprogram.areas",
    ("omradesprogram", True): "reflists.sentence.omradesprogram.regso",
    ("scb", False): "reflists.sentence.scb.areas",
    ("scb", True): "reflists.sentence.scb.regso",
}


def code_of(category: str) -> int:
    """The numeric code of a category (1 = least severe); ``KeyError`` when unknown."""
    return CATEGORIES.index(category) + 1


def police_category(text: str) -> str:
    """The category of a row of the Police's list, as published (``särskilt utsatt område``…)."""
    norm = text.strip().casefold()
    for prefix, category in (
        ("särskilt utsatt", "sarskilt_utsatt"),
        ("riskområde", "riskomrade"),
        ("utsatt", "utsatt"),
    ):
        if norm.startswith(prefix):
            return category
    raise ValueError(f"okänd kategori {text!r}")


# --- build time: read and validate the committed files ---------------------------------------


def _read_csv(path: Path, columns: Sequence[str]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (pd.errors.ParserError, UnicodeDecodeError, ValueError) as exc:
        raise SourceError(path, f"kan inte läsas som CSV: {exc}") from exc
    for column in columns:
        if column not in frame.columns:
            raise SourceError(path, "kolumnen saknas", column=column)
    return frame


def read_meta(path: Path) -> dict:
    """The lists' descriptions (``data/referenslistor.toml``), checked."""
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(path, f"ogiltig TOML: {exc}") from exc
    keys = ("file", "name_sv", "name_en", "short_sv", "short_en", "source_sv", "source_en")
    year_keys = ("year", "label", "named", "unconfirmed", "note_sv", "note_en")
    for list_id, entry in doc.items():
        if list_id not in LIST_COLUMNS:
            raise SourceError(path, f"okänd lista {list_id!r}")
        for key in (*keys, "note_sv", "note_en", "years"):
            if key not in entry:
                raise SourceError(path, f"nyckeln saknas i [{list_id}]", column=key)
        years = [y.get("year") for y in entry["years"]]
        if len(set(years)) != len(years):
            raise SourceError(path, f"ett år förekommer två gånger i [{list_id}]")
        for year in entry["years"]:
            for key in year_keys:
                if key not in year:
                    raise SourceError(path, f"nyckeln saknas i [{list_id}] år {year}", column=key)
    return doc


def list_entries(list_id: str, frame: pd.DataFrame, path: Path) -> pd.DataFrame:
    """One row per named area and year: ``list, year, area, category, source_url``."""
    if list_id == "polisen":
        years = pd.to_numeric(frame["year"], errors="coerce")
        if years.isna().any():
            row = int(years.isna().to_numpy().argmax())
            value = frame.at[row, "year"]
            raise SourceError(path, f"{value!r} är inget år", row=row, column="year")
        categories = []
        for row, text in enumerate(frame["police_category"]):
            try:
                categories.append(police_category(text))
            except ValueError as exc:
                raise SourceError(path, str(exc), row=row, column="police_category") from exc
        return pd.DataFrame(
            {
                "list": list_id,
                "year": years.astype(int),
                "area": frame["area_name_as_published"].str.strip(),
                "category": categories,
                "source_url": frame["source_url"],
            }
        )
    return pd.DataFrame(
        {
            "list": list_id,
            "year": 0,  # set from the list's only year in the description
            "area": frame["area"].str.strip(),
            "category": "omradesprogram",
            "source_url": frame["source_url"],
        }
    )


def source_lists(source: Path) -> dict[str, bytes]:
    """The raw lists (``../shared/data/reference/``), checked, as bytes to commit unchanged.

    ``prepare`` writes them to ``data/reference/`` byte for byte, so the committed
    copy can be traced to its source by its hash.

    Raises
    ------
    SourceError
        If a file is missing, lacks a column, or has an unknown year or category.
    """
    result = {}
    for list_id, name in zip(LIST_COLUMNS, LIST_FILES, strict=True):
        path = source / name
        list_entries(list_id, _read_csv(path, LIST_COLUMNS[list_id]), path)
        result[name] = path.read_bytes()
    return result


def read_reference_lists(
    data: Path, geodata: Path, regso_names: Mapping[str, str]
) -> dict[str, pd.DataFrame]:
    """Read the committed lists, their descriptions and the RegSO key, and check them together.

    Parameters
    ----------
    data, geodata : Path
        The project's ``data/`` and ``geodata/`` folders.
    regso_names : mapping
        Malmö's RegSO code -> name (from ``geodata/regso.geojson``).

    Returns
    -------
    dict
        ``reference_lists`` (one row per list and year, with labels and notes)
        and ``reference_areas`` (one row per named area and RegSO it covers).

    Raises
    ------
    SourceError
        Naming file, row and column: an unknown RegSO or a name that does not
        match the code, a named area without RegSO (or a key row without a
        listed area), a key row not marked approximate, an unknown category.
    """
    meta_path = data / META_FILE
    meta = read_meta(meta_path)
    list_rows, entries = [], []
    for order, (list_id, entry) in enumerate(meta.items()):
        path = data / entry["file"]
        frame = list_entries(list_id, _read_csv(path, LIST_COLUMNS[list_id]), path)
        years = {y["year"]: y for y in entry["years"]}
        if list_id != "polisen":
            if len(years) != 1:
                raise SourceError(meta_path, f"[{list_id}] ska ha exakt ett år")
            frame["year"] = next(iter(years))
        unknown = sorted(set(frame["year"]) - set(years))
        if unknown:
            raise SourceError(meta_path, f"[{list_id}] saknar året {unknown[0]}")
        for year, info in years.items():
            rows = frame[frame["year"] == year]
            if not info["named"]:
                continue
            missing = set(info["unconfirmed"]) - set(rows["area"])
            if missing:
                raise SourceError(
                    meta_path, f"[{list_id}] {year}: {sorted(missing)[0]!r} finns inte i listan"
                )
            entries.append(rows.assign(confirmed=~rows["area"].isin(info["unconfirmed"])))
        for year_order, (year, info) in enumerate(sorted(years.items(), reverse=True)):
            list_rows.append(
                {
                    "id": f"{list_id}-{year}",
                    "list": list_id,
                    "year": int(year),
                    "label": str(info["label"]),
                    "named": bool(info["named"]),
                    "name_sv": entry["name_sv"],
                    "name_en": entry["name_en"],
                    "short_sv": entry["short_sv"],
                    "short_en": entry["short_en"],
                    "source_sv": entry["source_sv"],
                    "source_en": entry["source_en"],
                    "list_note_sv": entry["note_sv"],
                    "list_note_en": entry["note_en"],
                    "note_sv": info["note_sv"],
                    "note_en": info["note_en"],
                    "ord": order * 100 + year_order,
                }
            )
    named = pd.concat(entries, ignore_index=True)
    key_path = geodata / KEY_FILE
    key = _read_csv(key_path, KEY_COLUMNS)
    key_checks(key, key_path, named, regso_names)
    key = key.assign(ar=key["ar"].astype(int))
    areas = named.merge(
        key.rename(columns={"lista": "list", "ar": "year", "omrade": "area", "matchning": "match"}),
        on=["list", "year", "area"],
        how="inner",
    )
    areas = areas[
        ["list", "year", "area", "category", "confirmed", "regso", "match", "source_url"]
    ].sort_values(["list", "year", "area", "regso"], ignore_index=True)
    areas.insert(0, "id", areas["list"] + "-" + areas["year"].astype(str))
    lists = pd.DataFrame(list_rows).sort_values("ord", ignore_index=True)
    return {"reference_lists": lists, "reference_areas": areas}


def key_checks(
    key: pd.DataFrame, path: Path, named: pd.DataFrame, regso_names: Mapping[str, str]
) -> None:
    """Check the RegSO key against the lists and the RegSO map (raises :class:`SourceError`)."""

    def fail(mask: pd.Series, message: str, column: str) -> None:
        if mask.any():
            row = int(mask.to_numpy().argmax())
            raise SourceError(path, message.format(key.iloc[row][column]), row=row, column=column)

    fail(~key["lista"].isin(LIST_COLUMNS), "okänd lista {!r}", "lista")
    fail(~key["ar"].str.fullmatch(r"\d{4}"), "{!r} är inget år", "ar")
    fail(~key["regso"].isin(regso_names), "RegSO {!r} finns inte på kartan", "regso")
    wrong_name = key["regso_namn"] != key["regso"].map(regso_names)
    fail(wrong_name, "namnet {!r} hör inte till RegSO-koden", "regso_namn")
    bad_match = ~key["matchning"].isin(MATCHES)
    fail(bad_match, "matchningen {!r} är inte namn, yta eller manuell", "matchning")
    not_marked = key["ungefarlig"] != "true"
    fail(not_marked, "{!r}: kopplingen ska vara märkt ungefärlig (true)", "ungefarlig")
    fail(key["kommentar"].str.strip() == "", "kommentaren saknas {!r}", "kommentar")
    twice = key.duplicated(["lista", "ar", "omrade", "regso"])
    fail(twice, "raden {!r} finns två gånger", "omrade")
    listed = set(zip(named["list"], named["year"].astype(str), named["area"], strict=True))
    keyed = list(zip(key["lista"], key["ar"], key["omrade"], strict=True))
    fail(pd.Series([k not in listed for k in keyed]), "{!r} finns inte i listan det året", "omrade")
    uncovered = sorted(listed - set(keyed))
    if uncovered:
        lst, year, area = uncovered[0]
        raise SourceError(path, f"{area!r} ({lst} {year}) saknar RegSO i nyckeln")


# --- run time: lists, layers and sentences from the Dataset ----------------------------------


@dataclass(frozen=True)
class ReferenceList:
    """One list in one year, as the app shows it."""

    id: str
    list: str
    year: int
    label: str
    named: bool
    name: str
    short: str
    source: str
    list_note: str
    note: str


def reference_lists(
    dataset: Dataset, lang: str = "sv", *, named_only: bool = True
) -> list[ReferenceList]:
    """The lists in display order (each list's newest year first), in the page language."""
    frame = dataset.reference_lists
    suffix = "en" if lang == "en" else "sv"
    result = [
        ReferenceList(
            id=r["id"],
            list=r["list"],
            year=int(r["year"]),
            label=r["label"],
            named=bool(r["named"]),
            name=r[f"name_{suffix}"],
            short=r[f"short_{suffix}"],
            source=r[f"source_{suffix}"],
            list_note=r[f"list_note_{suffix}"],
            note=r[f"note_{suffix}"],
        )
        for r in frame.sort_values("ord").to_dict("records")
    ]
    return [r for r in result if r.named or not named_only]


def reference_choices(dataset: Dataset) -> list[str]:
    """Every reference layer a user may pick: SCB's area type, then each named list-year."""
    return [SCB, *(r.id for r in reference_lists(dataset))]


def latest(dataset: Dataset, list_id: str = "polisen") -> str | None:
    """The newest named year of a list (its layer id), or None when there is none."""
    ids = [r for r in reference_lists(dataset) if r.list == list_id]
    return max(ids, key=lambda r: r.year).id if ids else None


def regso_categories(areas: pd.DataFrame, list_year: str) -> pd.Series:
    """RegSO -> category code on one list-year (the most severe where several areas overlap).

    Unconfirmed entries get the code of ``unconfirmed``, whatever category they claim.
    """
    rows = areas[areas["id"] == list_year]
    codes = [
        code_of(c) if ok else code_of("unconfirmed")
        for c, ok in zip(rows["category"], rows["confirmed"], strict=True)
    ]
    return pd.Series(codes, index=rows["regso"].to_numpy(), dtype=int).groupby(level=0).max()


def unit_categories(
    membership: Mapping[str, Sequence[str]], regso_codes: Mapping[str, int], units: Sequence[str]
) -> pd.Series:
    """Unit -> category code: the most severe code of its RegSO, 0 when none is listed.

    Parameters
    ----------
    membership : mapping
        Unit -> the RegSO it is made of (a RegSO is made of itself).
    regso_codes : mapping
        RegSO -> category code, for the listed RegSO only.
    units : sequence of str
        The units to classify, in display order.
    """
    codes = [
        max((regso_codes.get(r, NOT_LISTED) for r in membership.get(u, ())), default=0)
        for u in units
    ]
    return pd.Series(
        codes,
        index=list(units),
        dtype=int,
    )


def _membership(dataset: Dataset, level: str) -> Mapping[str, Sequence[str]]:
    # Outside Malmö's own levels the units are RegSO codes (national level): themselves.
    return dataset.membership.get(level) or {u: [u] for u in dataset.unit_ids(level)}


def category_label(code: int, lang: str = "sv") -> str:
    """The legend and tooltip text of a category code."""
    key = "not_listed" if code == NOT_LISTED else CATEGORIES[code - 1]
    return t(f"reflists.category.{key}", lang)


def list_layer(
    dataset: Dataset,
    list_year: str,
    level: str,
    lang: str = "sv",
    units: Sequence[str] | None = None,
) -> ReferenceLayer:
    """A list-year as a map layer: one class per category present, plus "not on the list".

    Parameters
    ----------
    dataset : Dataset
        Loaded data with the reference tables.
    list_year : str
        A layer id such as ``polisen-2023``.
    level : str
        The map level; a larger area takes the most severe category of its RegSO.
    lang : str
        Language of the legend labels.
    units : sequence of str, optional
        Only these units (default: every unit of the level).
    """
    units = list(units) if units is not None else dataset.unit_ids(level)
    regso = regso_categories(dataset.reference_areas, list_year)
    values = unit_categories(_membership(dataset, level), regso.to_dict(), units)
    present = sorted(set(regso.tolist()))
    codes = (NOT_LISTED, *present)
    palette = (NOT_LISTED_COLOUR, *(CATEGORY_COLOURS[CATEGORIES[c - 1]] for c in present))
    classes = classify_categories(values, codes, palette)
    labels = tuple(category_label(c, lang) for c in codes)
    return ReferenceLayer(list_year, values.astype(float), classes, labels)


def units_on_list(dataset: Dataset, list_year: str, level: str, units: Sequence[str]) -> set[str]:
    """Units on a list-year (confirmed entries only): they contain at least one listed RegSO."""
    regso = regso_categories(dataset.reference_areas, list_year)
    counted = regso[regso > code_of("unconfirmed")]
    values = unit_categories(_membership(dataset, level), counted.to_dict(), units)
    return set(values.index[values > NOT_LISTED])


def units_challenged(dataset: Dataset, level: str, units: Sequence[str]) -> set[str]:
    """Units that are, or contain at least one RegSO, of SCB's area type 1–2."""
    types = indicator_frame(dataset, "regso", indicators=[AREA_TYPE]).values[AREA_TYPE]
    challenged = {r: 1 for r, v in types.items() if v in CHALLENGED_TYPES}
    values = unit_categories(_membership(dataset, level), challenged, units)
    return set(values.index[values > 0])


@dataclass(frozen=True)
class Comparison:
    """How many of the top units are on a list, and the plain sentence that says it."""

    reference: str  # "scb" or a list-year id
    hits: int
    n: int
    sentence: str
    note: str


def comparison_sentence(
    kind: str, hits: int, n: int, *, regso_level: bool, lang: str = "sv", **fields: object
) -> str:
    """One plain sentence: ``2 av de 3 högst prioriterade områdena finns på polisens lista 2023.``

    Parameters
    ----------
    kind : {"polisen", "omradesprogram", "scb"}
        Which reference.
    hits, n : int
        How many of the ``n`` top units are on it.
    regso_level : bool
        RegSO are named as such; larger areas "contain" a listed RegSO.
    fields
        ``year`` (the list's label) for the lists, ``count`` (areas on the list)
        for Områdesprogrammet.
    """
    return t(SENTENCE_KEYS[kind, regso_level], lang, hits=hits, n=n, **fields)


def compare_top(
    dataset: Dataset,
    top: Sequence[str],
    level: str,
    lang: str = "sv",
    *,
    police: str | None = None,
    units: Sequence[str] | None = None,
) -> list[Comparison]:
    """The top units against the Police's list, Områdesprogrammet and SCB's area type.

    Parameters
    ----------
    dataset : Dataset
        Loaded data.
    top : sequence of str
        The highest-priority units (rank 1..k, more when tied).
    level : str
        The level of ``top``.
    lang : str
        Language of the sentences.
    police : str, optional
        The Police's list-year to use (default: the newest with names).
    units : sequence of str, optional
        The view's units (default: every unit of the level); only needed for
        the national level.
    """
    units = list(units) if units is not None else dataset.unit_ids(level)
    top = list(top)
    regso_level = level not in dataset.membership or level == "regso"
    result = []
    lists = {r.id: r for r in reference_lists(dataset, lang)}
    programme = latest(dataset, "omradesprogram")
    for list_year in (police or latest(dataset, "polisen"), programme):
        if list_year is None or list_year not in lists:
            continue
        info = lists[list_year]
        on_list = units_on_list(dataset, list_year, level, units)
        hits = sum(u in on_list for u in top)
        count = int(
            dataset.reference_areas.query("id == @list_year and confirmed")["area"].nunique()
        )
        fields = {"year": info.label, "count": count}
        sentence = comparison_sentence(
            info.list, hits, len(top), regso_level=regso_level, lang=lang, **fields
        )
        result.append(Comparison(list_year, hits, len(top), sentence, info.note))
    challenged = units_challenged(dataset, level, units)
    hits = sum(u in challenged for u in top)
    sentence = comparison_sentence("scb", hits, len(top), regso_level=regso_level, lang=lang)
    result.append(Comparison(SCB, hits, len(top), sentence, ""))
    return result
