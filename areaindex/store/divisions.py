"""Geographic levels and how RegSO make up the larger areas.

- ``omraden``: the 14 areas of the områdeslyft. The city has not published its
  list, so a provisional division ships as ``geodata/omraden_provisoriska_2023.csv``
  (RegSO -> område); replace that file and rebuild to use another division.
- ``stadsdelar`` and ``stadsomraden``: the 10 historical stadsdelar (1996–2013)
  and 5 stadsområden (2013–2020), approximated by whole RegSO: each RegSO goes
  to the stadsdel that holds most of its land (``geodata/regso_stadsdelar.csv``).
- ``regso``: SCB's regional statistics areas, the unit all values are kept for.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from areaindex.data_errors import SourceError


@dataclass(frozen=True)
class Level:
    """A geographic level of the map."""

    id: str
    name_sv: str
    name_en: str
    approximate: bool
    provisional: bool
    note_sv: str
    note_en: str

    def name(self, lang: str = "sv") -> str:
        """Name in Swedish (``sv``) or English (``en``)."""
        return self.name_en if lang == "en" else self.name_sv

    def note(self, lang: str = "sv") -> str:
        """Note in Swedish (``sv``) or English (``en``)."""
        return self.note_en if lang == "en" else self.note_sv


LEVELS: tuple[Level, ...] = (
    Level(
        "omraden",
        "14 områden",
        "14 areas",
        approximate=False,
        provisional=True,
        note_sv="Preliminär indelning: staden har inte publicerat sina 14 områden. "
        "Indelningen följer de tio historiska stadsdelarna och delar de fyra största.",
        note_en="Provisional division: the city has not published its 14 areas. It follows "
        "the ten historical stadsdelar and splits the four largest.",
    ),
    Level(
        "stadsdelar",
        "10 stadsdelar (1996–2013)",
        "10 stadsdelar (1996–2013)",
        approximate=True,
        provisional=False,
        note_sv="Ungefärliga gränser: varje RegSO räknas till den stadsdel som har störst del "
        "av dess yta.",
        note_en="Approximate borders: each RegSO counts toward the stadsdel holding most of "
        "its area.",
    ),
    Level(
        "stadsomraden",
        "5 stadsområden (2013–2020)",
        "5 stadsområden (2013–2020)",
        approximate=True,
        provisional=False,
        note_sv="Ungefärliga gränser, byggda av RegSO via de historiska stadsdelarna.",
        note_en="Approximate borders, built from RegSO via the historical stadsdelar.",
    ),
    Level(
        "regso",
        "91 RegSO",
        "91 RegSO",
        approximate=False,
        provisional=False,
        note_sv="SCB:s regionala statistikområden (RegSO 2025).",
        note_en="SCB's regional statistics areas (RegSO 2025).",
    ),
)
LEVEL_IDS: tuple[str, ...] = tuple(level.id for level in LEVELS)

# The whole municipality as one unit: the "city value" areas are compared with,
# and the land outline drawn under the map. Not a map level of its own.
CITY_LEVEL = Level(
    "kommun",
    "Malmö kommun",
    "Malmö municipality",
    approximate=False,
    provisional=False,
    note_sv="Hela kommunen.",
    note_en="The whole municipality.",
)
CITY_UNIT = "1280"
CITY_NAME = "Malmö"

# Stadsområden 2013–2020 as unions of the historical stadsdelar (Malmö stad).
STADSOMRADEN: Mapping[str, tuple[str, ...]] = {
    "Väster": ("Limhamn-Bunkeflo", "Hyllie"),
    "Innerstaden": ("Västra innerstaden", "Södra innerstaden"),
    "Norr": ("Centrum", "Kirseberg"),
    "Söder": ("Fosie", "Oxie"),
    "Öster": ("Rosengård", "Husie"),
}

OMRADEN_FILE = "omraden_provisoriska_2023.csv"
STADSDELAR_FILE = "regso_stadsdelar.csv"


def level(level_id: str) -> Level:
    """The level with this id (``KeyError`` if unknown)."""
    for lvl in LEVELS:
        if lvl.id == level_id:
            return lvl
    raise KeyError(level_id)


def slug(name: str) -> str:
    """An ASCII id for a Swedish name: ``"Södra innerstaden"`` -> ``"sodra-innerstaden"``.

    Accents are dropped (``ö`` -> ``o``); any other non-ASCII character, such as the
    en dash in ``"Västra hamnen–Gamla staden"``, separates words like a space.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_name = "".join(
        c if c.isascii() else ("" if unicodedata.combining(c) else "-") for c in decomposed
    )
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


def _name_key(name: str) -> str:
    return re.sub(r"[^A-ZÅÄÖÉ]", "", str(name).upper())


def match_delomrade_names(names: pd.Series, table: pd.DataFrame) -> pd.Series:
    """Match delområde names from the map to the stadsdel table.

    The two files spell some names differently (``MALMÖHUS`` / ``Malmö hus``,
    ``SOFIELUNDS INDUSTRIOMR.`` / ``Sofielunds industriområde``), so names are
    compared without case, spaces or punctuation, and a name ending in ``.`` is
    an abbreviation matched by prefix when exactly one name fits.

    Raises
    ------
    ValueError
        Naming the first delområde that matches no row, or several.
    """
    lookup = {_name_key(n): s for n, s in zip(table["name"], table["stadsdel"], strict=True)}
    out = []
    for name in names:
        key = _name_key(name)
        if key in lookup:
            out.append(lookup[key])
            continue
        candidates = {
            v for k, v in lookup.items() if str(name).strip().endswith(".") and k.startswith(key)
        }
        if len(candidates) != 1:
            raise ValueError(f"delområdet {name!r} finns inte (entydigt) i stadsdelstabellen")
        out.append(candidates.pop())
    return pd.Series(out, index=names.index)


def read_omraden(path: str | Path, regso_codes: set[str] | None = None) -> pd.DataFrame:
    """Read and check the RegSO -> område division file.

    Parameters
    ----------
    path : str or Path
        CSV with columns ``regso``, ``regso_namn``, ``omrade``, ``omrade_namn``.
    regso_codes : set of str, optional
        Every RegSO that must be assigned exactly once.

    Returns
    -------
    pandas.DataFrame
        The division, sorted by RegSO code.

    Raises
    ------
    SourceError
        Naming the row and column at fault: a missing column, a RegSO listed twice
        or not at all, an unknown RegSO, or one område id with two names.
    """
    path = Path(path)
    frame = _read_csv(path, ("regso", "regso_namn", "omrade", "omrade_namn"))
    dup = frame["regso"].duplicated()
    if dup.any():
        row = int(dup.idxmax())
        raise SourceError(
            path, f"RegSO {frame.at[row, 'regso']} förekommer två gånger", row=row, column="regso"
        )
    first_name = frame.groupby("omrade")["omrade_namn"].transform("first")
    renamed = frame["omrade_namn"] != first_name
    if renamed.any():
        row = int(renamed.idxmax())
        raise SourceError(
            path,
            f"området {frame.at[row, 'omrade']!r} har flera namn: "
            f"{first_name[row]!r} och {frame.at[row, 'omrade_namn']!r}",
            row=row,
            column="omrade_namn",
        )
    if regso_codes is not None:
        unknown = frame.loc[~frame["regso"].isin(regso_codes), "regso"]
        if not unknown.empty:
            row = int(unknown.index[0])
            raise SourceError(path, f"okänd RegSO-kod {unknown.iloc[0]}", row=row, column="regso")
        missing = sorted(regso_codes - set(frame["regso"]))
        if missing:
            raise SourceError(path, f"RegSO saknar område: {', '.join(missing)}")
    return frame.sort_values("regso").reset_index(drop=True)


def read_stadsdelar(path: str | Path, regso_codes: set[str] | None = None) -> pd.DataFrame:
    """Read the RegSO -> stadsdel -> stadsområde approximation written by ``prepare``."""
    path = Path(path)
    frame = _read_csv(path, ("regso", "regso_namn", "stadsdel", "andel_yta", "stadsomrade"))
    dup = frame["regso"].duplicated()
    if dup.any():
        row = int(dup.idxmax())
        raise SourceError(
            path, f"RegSO {frame.at[row, 'regso']} förekommer två gånger", row=row, column="regso"
        )
    if regso_codes is not None and set(frame["regso"]) != regso_codes:
        diff = sorted(set(frame["regso"]) ^ regso_codes)
        raise SourceError(path, f"RegSO stämmer inte med kartan: {', '.join(diff[:5])}")
    known = {s for parts in STADSOMRADEN.values() for s in parts}
    bad = ~frame["stadsdel"].isin(known)
    if bad.any():
        row = int(bad.idxmax())
        raise SourceError(path, f"okänd stadsdel {frame.at[row, 'stadsdel']!r}", row=row)
    wrong = frame["stadsomrade"] != frame["stadsdel"].map(stadsomrade_of)
    if wrong.any():
        row = int(wrong.idxmax())
        raise SourceError(
            path,
            f"stadsdelen {frame.at[row, 'stadsdel']!r} hör inte till stadsområdet "
            f"{frame.at[row, 'stadsomrade']!r}",
            row=row,
            column="stadsomrade",
        )
    return frame.sort_values("regso").reset_index(drop=True)


def _read_csv(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    except FileNotFoundError as exc:
        raise SourceError(path, "filen saknas (file not found)") from exc
    except (pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise SourceError(path, f"kan inte läsas som CSV: {exc}") from exc
    frame.columns = [c.strip() for c in frame.columns]
    for column in required:
        if column not in frame.columns:
            raise SourceError(path, "kolumnen saknas", column=column)
    frame = frame.apply(lambda s: s.str.strip())
    empty = frame[list(required)].eq("").any(axis=1)
    if empty.any():
        raise SourceError(path, "tomt värde", row=int(empty.idxmax()))
    return frame


def stadsomrade_of(stadsdel: str) -> str:
    """The stadsområde (2013–2020) a historical stadsdel belonged to."""
    for name, parts in STADSOMRADEN.items():
        if stadsdel in parts:
            return name
    raise KeyError(stadsdel)


def membership(omraden: pd.DataFrame, stadsdelar: pd.DataFrame) -> pd.DataFrame:
    """Long table ``regso, level, unit, unit_name``: which unit each RegSO belongs to per level."""
    rows = [
        pd.DataFrame(
            {
                "regso": omraden["regso"],
                "level": "omraden",
                "unit": omraden["omrade"],
                "unit_name": omraden["omrade_namn"],
            }
        ),
        pd.DataFrame(
            {
                "regso": stadsdelar["regso"],
                "level": "stadsdelar",
                "unit": stadsdelar["stadsdel"].map(slug),
                "unit_name": stadsdelar["stadsdel"],
            }
        ),
        pd.DataFrame(
            {
                "regso": stadsdelar["regso"],
                "level": "stadsomraden",
                "unit": stadsdelar["stadsomrade"].map(slug),
                "unit_name": stadsdelar["stadsomrade"],
            }
        ),
        pd.DataFrame(
            {
                "regso": stadsdelar["regso"],
                "level": CITY_LEVEL.id,
                "unit": CITY_UNIT,
                "unit_name": CITY_NAME,
            }
        ),
        pd.DataFrame(
            {
                "regso": stadsdelar["regso"],
                "level": "regso",
                "unit": stadsdelar["regso"],
                "unit_name": stadsdelar["regso_namn"],
            }
        ),
    ]
    return pd.concat(rows, ignore_index=True)
