"""The reference lists in the committed format: the lists, their descriptions and the RegSO key.

``prepare`` copies the raw lists unchanged (``areaindex.sources.reference_lists``);
``build`` reads and validates the committed files here into the two tables the
run time reads (``areaindex.views.reference_lists``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from areaindex.data_errors import SourceError

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
LIST_TABLES = ("reference_lists", "reference_areas")


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
