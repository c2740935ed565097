"""Area names: every accepted spelling of every unit, per level, and what a cell names."""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from areaindex.store.divisions import CITY_NAME, CITY_UNIT, LEVEL_IDS, slug
from areaindex.store.divisions import level as division_level
from areaindex.store.regso_names import RENAMED_2020_TO_2025

if TYPE_CHECKING:
    from areaindex.store.dataset import Dataset
    from areaindex.uploads.say import Say


CITY_CODE = CITY_UNIT  # Malmö's municipality code, the prefix of its RegSO codes
_TOTAL_LABEL = re.compile(
    r"^(?:totalt?|summa|sum|samtliga|alla|hela|riket|sverige|medel(?:värde)?|"
    r"genomsnitt|median|skåne(?: län)?)\b"
)
_REGSO_CODE = re.compile(r"^(\d{4})r\d{3}\b")
_DESO_CODE = re.compile(r"^(\d{4})[abc]\d{4}\b")
_KOMMUN_CODE = re.compile(r"^(\d{4})\s+\D.*$")  # "1281 Lund", SCB's code-and-name
_REGION_LABEL = re.compile(r"^(?P<kommun>[^()]+?)\s*\((?P<area>.+)\)$")
_DASHES = re.compile(r"\s*[-‐‑‒–—−]\s*")


def _key(text: str) -> str:
    """Matching key: Unicode-normalised, case-folded, one kind of dash, single spaces."""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = " ".join(text.split())
    return _DASHES.sub("-", text).strip()


def _strip_prefix(key: str) -> str:
    return key[len("regso-") :].strip() if key.startswith("regso-") else key


@dataclass(frozen=True)
class _Match:
    """What one area cell names."""

    units: dict[str, str] = field(default_factory=dict)  # level -> unit id
    total: bool = False  # Malmö as a whole, "Totalt", "Summa", the country …
    other_kommun: str | None = None  # the municipality, for rows outside Malmö
    renamed_from: str | None = None  # a RegSO's pre-2025 name


# (level, unit, name, order) rows of the units table, and (level, name) pairs.
_UnitRows = tuple[tuple[str, str, str, int], ...]
_LevelNames = tuple[tuple[str, tuple[str, str]], ...]


def _area_index(dataset: Dataset) -> _AreaIndex:
    """The dataset's area index, built once per distinct units table."""
    units = dataset.units
    rows: _UnitRows = tuple(
        (str(lvl), str(unit), str(name), int(order))
        for lvl, unit, name, order in zip(
            units["level"], units["unit"], units["name"], units["unit_order"], strict=True
        )
    )
    levels = tuple((lvl, _level_names(dataset, lvl)) for lvl in LEVEL_IDS)
    return _cached_area_index(rows, levels)


@functools.lru_cache(maxsize=4)
def _cached_area_index(rows: _UnitRows, level_names: _LevelNames) -> _AreaIndex:
    return _AreaIndex(rows, dict(level_names))


class _AreaIndex:
    """Every accepted spelling of every unit, per level, built from the units table."""

    def __init__(self, rows: _UnitRows, level_names: dict[str, tuple[str, str]]) -> None:
        present = {lvl for lvl, _, _, _ in rows}
        self.levels = tuple(lvl for lvl in LEVEL_IDS if lvl in present)
        self.names: dict[str, dict[str, str]] = {}
        self.order: dict[str, list[str]] = {}
        for lvl, unit, name, _ in rows:
            self.names.setdefault(lvl, {})[unit] = name
        for lvl in self.names:
            ranked = sorted((order, unit) for level, unit, _, order in rows if level == lvl)
            self.order[lvl] = [unit for _, unit in ranked]
        # level -> (Swedish, English) name
        self.level_names = {lvl: level_names[lvl] for lvl in self.levels}
        self.exact: dict[str, dict[str, str]] = {}
        self.loose: dict[str, dict[str, str]] = {}
        for lvl in self.levels:
            exact: dict[str, set[str]] = {}
            loose: dict[str, set[str]] = {}
            for unit, name in self.names[lvl].items():
                for spelling in (unit, name):
                    exact.setdefault(_strip_prefix(_key(spelling)), set()).add(unit)
                    loose.setdefault(slug(spelling), set()).add(unit)
            # A spelling shared by two units of one level identifies neither.
            self.exact[lvl] = {k: next(iter(u)) for k, u in exact.items() if len(u) == 1}
            self.loose[lvl] = {k: next(iter(u)) for k, u in loose.items() if len(u) == 1 and k}
        self.renamed: dict[str, str] = {}
        if "regso" in self.levels:
            by_name = {_key(n): u for u, n in self.names["regso"].items()}
            for old, new in RENAMED_2020_TO_2025.get(CITY_CODE, {}).items():
                if _key(new) in by_name and _key(old) not in self.exact["regso"]:
                    self.renamed[_key(old)] = by_name[_key(new)]
        self.city = {_key(CITY_NAME)} | {_key(n) for n in self.names.get("kommun", {}).values()}
        self._cache: dict[str, _Match] = {}

    def match(self, cell: str) -> _Match:
        """What ``cell`` names (cached: files repeat few distinct names)."""
        found = self._cache.get(cell)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()  # the index outlives a call; keep its memory bounded
            found = self._cache[cell] = self._match(cell)
        return found

    def _match(self, cell: str) -> _Match:
        key = _key(cell)
        if not key:
            return _Match()
        forms = [key]
        code = _REGSO_CODE.match(key) or _DESO_CODE.match(key)
        if code is not None and code[1] != CITY_CODE:
            return _Match(other_kommun=code[1])
        label_text = key
        if _REGSO_CODE.match(key):
            # "1280R045 Malmö (RegSO-Lindängen)", PxWeb's "code and text" export
            forms.insert(0, key[:8])
            label_text = key[8:].strip()
        label = _REGION_LABEL.match(label_text)
        other_kommun = None
        if label is not None:
            if label["kommun"].strip() in self.city:
                forms.append(label["area"].strip())
            else:
                other_kommun = label["kommun"].strip()
        units = self._lookup(forms)
        if units:
            return _Match(units=units)
        for form in forms:
            unit = self.renamed.get(_strip_prefix(form))
            if unit is not None:
                return _Match(units={"regso": unit}, renamed_from=cell.strip())
        if self._is_total(key):
            return _Match(total=True)
        kommun_code = _KOMMUN_CODE.match(key)
        if kommun_code is not None and kommun_code[1] != CITY_CODE:
            return _Match(other_kommun=kommun_code[1])
        # "Lund (Centrum)": another municipality's area, skipped with a notice.
        return _Match(other_kommun=other_kommun)

    def _lookup(self, forms: Sequence[str]) -> dict[str, str]:
        bare = [_strip_prefix(form) for form in forms]
        slugs = [slug(b) for b in bare]  # once per cell: slug() is the costly step
        units: dict[str, str] = {}
        for lvl in self.levels:
            for exact, loose in zip(bare, slugs, strict=True):
                unit = self.exact[lvl].get(exact) or self.loose[lvl].get(loose)
                if unit is not None:
                    units[lvl] = unit
                    break
        return units

    def _is_total(self, key: str) -> bool:
        return _TOTAL_LABEL.match(key) is not None or self.is_city(key)

    def is_city(self, text: str) -> bool:
        """True for Malmö as a whole: ``Malmö``, ``Malmö kommun``, ``1280``, ``1280 Malmö``."""
        key = _key(text)
        words = key.replace("(", " ").replace(")", " ").split()
        coded = bool(words) and words[0] == CITY_CODE
        named = words[1:] if coded else words
        rest = " ".join(w for w in named if w not in {"kommun", "stad", "totalt", "total", "hela"})
        return rest in self.city or (coded and not rest)

    def examples(self, lvl: str, say: Say) -> str:
        """A few accepted spellings for ``lvl``, for error messages."""
        names = [self.names[lvl][u] for u in self.order[lvl][:3]]
        if lvl == "regso":
            code = self.order[lvl][0]
            return say("examples_regso", code=code, name=self.names[lvl][code], city=CITY_NAME)
        return say("examples", names=say.join([f"'{n}'" for n in names], "or"))

    def suggestion(self, cell: str, lvl: str) -> str | None:
        """The name of ``lvl`` closest to ``cell``, if any is close."""
        names = list(self.names[lvl].values())
        keys = {_strip_prefix(_key(n)): n for n in names}
        key = _key(cell)
        label = _REGION_LABEL.match(key)
        key = _strip_prefix(label["area"].strip() if label else key)
        close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.75)
        return keys[close[0]] if close else None


def _level_names(dataset: Dataset, lvl: str) -> tuple[str, str]:
    try:
        found = dataset.level(lvl)
    except KeyError:
        found = division_level(lvl)
    return found.name("sv"), found.name("en")
